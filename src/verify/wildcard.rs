//! Matching a policy `Resource` (with `*` and `?`) against a request URL.

/// How `*` and `?` in a policy resource are matched.
///
/// ```
/// use cloudfront_signer::verify::WildcardMatching;
/// let pattern = "https://d111111abcdef8.cloudfront.net/hello*world";
/// assert!(WildcardMatching::Sections.matches(pattern, "https://d111111abcdef8.cloudfront.net/hello-world"));
/// assert!(!WildcardMatching::Sections.matches("https://*.example.com/a", "https://x.example.com.evil/a"));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum WildcardMatching {
    /// CloudFront's documented rule: the URL is split into protocol, domain,
    /// path and query, and a wildcard matches only inside its own section. A
    /// trailing `*` in the path also covers any query; a trailing `*` in the
    /// domain covers any path and query; a pattern without `://` has protocol
    /// `*`; `"*"` alone matches every URL.
    #[default]
    Sections,
    /// The AWS CLI's local check: one glob over the whole string, where `*`
    /// matches anything (across sections) and `?` any one character.
    Glob,
}

impl WildcardMatching {
    /// Whether `url` (signing parameters already removed) matches `pattern`.
    pub fn matches(self, pattern: &str, url: &str) -> bool {
        match self {
            WildcardMatching::Glob => glob(pattern.as_bytes(), url.as_bytes()),
            WildcardMatching::Sections => matches_sections(pattern, url),
        }
    }
}

impl std::str::FromStr for WildcardMatching {
    type Err = crate::Error;

    fn from_str(text: &str) -> crate::Result<Self> {
        match text {
            "sections" => Ok(WildcardMatching::Sections),
            "glob" => Ok(WildcardMatching::Glob),
            _ => Err(crate::Error::new(
                crate::ErrorKind::InvalidArgument,
                "wildcardMatching must be \"sections\" or \"glob\"",
            )),
        }
    }
}

struct Sections<'a> {
    protocol: &'a str,
    domain: &'a str,
    path: &'a str,
    query: Option<&'a str>,
}

fn url_sections(url: &str) -> Option<Sections<'_>> {
    let (protocol, rest) = url.split_once("://")?;
    let domain_end = rest.find(['/', '?']).unwrap_or(rest.len());
    let (domain, rest) = rest.split_at(domain_end);
    let (path, query) = match rest.split_once('?') {
        Some((path, query)) => (path, Some(query)),
        None => (rest, None),
    };
    Some(Sections {
        protocol,
        domain,
        path: if path.is_empty() { "/" } else { path },
        query,
    })
}

fn matches_sections(pattern: &str, url: &str) -> bool {
    if pattern == "*" {
        return true;
    }
    let Some(url) = url_sections(url) else {
        return false;
    };
    let (protocol, rest) = pattern.split_once("://").unwrap_or(("*", pattern));
    let domain_end = rest.find('/').unwrap_or(rest.len());
    let (domain, tail) = rest.split_at(domain_end);
    if !glob(protocol.as_bytes(), url.protocol.as_bytes())
        || !glob(
            domain.to_ascii_lowercase().as_bytes(),
            url.domain.to_ascii_lowercase().as_bytes(),
        )
    {
        return false;
    }
    if tail.is_empty() && domain.ends_with('*') {
        return true;
    }
    let tail = if tail.is_empty() { "/" } else { tail };
    if let Some((path, query)) = tail.split_once("\\?") {
        return glob(path.as_bytes(), url.path.as_bytes())
            && url
                .query
                .is_some_and(|q| glob(query.as_bytes(), q.as_bytes()));
    }
    let tail = tail.as_bytes();
    let Some(query) = url.query else {
        return glob(tail, url.path.as_bytes());
    };
    if tail.ends_with(b"*") && glob(tail, url.path.as_bytes()) {
        return true;
    }
    // The query separator can only be matched by a `?` of the pattern (as a
    // literal or a one-character wildcard): try each one as the boundary.
    tail.iter().enumerate().any(|(index, &byte)| {
        byte == b'?'
            && glob(&tail[..index], url.path.as_bytes())
            && glob(&tail[index + 1..], query.as_bytes())
    })
}

/// `*` matches any run of bytes, `?` exactly one; linear-time greedy match
/// with backtracking to the last star.
fn glob(pattern: &[u8], text: &[u8]) -> bool {
    let (mut p, mut t) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while t < text.len() {
        match pattern.get(p) {
            Some(b'*') => {
                star = Some((p, t));
                p += 1;
            }
            Some(&c) if c == b'?' || c == text[t] => {
                p += 1;
                t += 1;
            }
            _ => match star {
                Some((star_p, star_t)) => {
                    p = star_p + 1;
                    t = star_t + 1;
                    star = Some((star_p, star_t + 1));
                }
                None => return false,
            },
        }
    }
    pattern[p..].iter().all(|&c| c == b'*')
}

#[cfg(test)]
mod tests {
    use super::WildcardMatching::{Glob, Sections};

    const HOST: &str = "https://d111111abcdef8.cloudfront.net";

    fn sections(pattern: &str, url: &str) -> bool {
        Sections.matches(pattern, url)
    }

    #[test]
    fn star_alone_matches_everything() {
        assert!(sections("*", "https://a.example/x?y"));
        assert!(Glob.matches("*", "anything"));
    }

    #[test]
    fn documented_examples() {
        let pattern = format!("{HOST}/hello*world");
        assert!(sections(&pattern, &format!("{HOST}/helloworld")));
        assert!(sections(&pattern, &format!("{HOST}/hello-world")));
        assert!(!sections(&pattern, "https://www.example.net/hello?world"));
        let game = format!("{HOST}/*game_download.zip*");
        for url in [
            "/game_download.zip",
            "/example_game_download.zip?license=yes",
            "/test_game_download.zip?license=temp",
        ] {
            assert!(sections(&game, &format!("{HOST}{url}")), "{url}");
        }
    }

    #[test]
    fn trailing_star_in_path_covers_the_query() {
        let pattern = format!("{HOST}/videos/*");
        assert!(sections(&pattern, &format!("{HOST}/videos/a.mp4")));
        assert!(sections(&pattern, &format!("{HOST}/videos/a.mp4?t=1&u=2")));
        assert!(sections(&pattern, &format!("{HOST}/videos/")));
        assert!(!sections(&pattern, &format!("{HOST}/videos")));
        assert!(!sections(&pattern, &format!("{HOST}/images/a.jpg")));
    }

    #[test]
    fn star_stays_in_its_section() {
        assert!(!sections(
            "https://*.example.com/a",
            "https://x.example.com.evil.net/a"
        ));
        assert!(sections(
            "https://*.example.com/a",
            "https://x.example.com/a"
        ));
        assert!(!sections("https://a.example/x*y", "https://a.example/x?y"));
        assert!(Glob.matches("https://a.example/x*y", "https://a.example/x?y"));
        assert!(!sections(
            "https://a.example/a*",
            "https://a.example.evil/a"
        ));
    }

    #[test]
    fn trailing_star_in_domain_covers_path_and_query() {
        assert!(sections(
            "https://d111111abcdef8.cloudfront.*",
            &format!("{HOST}/any/path?q=1")
        ));
        assert!(sections("*example.com", "https://www.example.com/"));
        assert!(!sections("*example.com", "https://www.example.com/x"));
        assert!(sections("*://a.example/x", "http://a.example/x"));
    }

    #[test]
    fn question_mark_is_one_character_or_the_query_separator() {
        assert!(sections(&format!("{HOST}/a?c"), &format!("{HOST}/abc")));
        assert!(!sections(&format!("{HOST}/a?c"), &format!("{HOST}/abbc")));
        assert!(sections(
            &format!("{HOST}/img.jpg?size=large"),
            &format!("{HOST}/img.jpg?size=large")
        ));
        assert!(!sections(
            &format!("{HOST}/img.jpg?size=large"),
            &format!("{HOST}/img.jpg?size=small")
        ));
        assert!(sections(
            &format!("{HOST}/img.jpg\\?size=*"),
            &format!("{HOST}/img.jpg?size=small")
        ));
        assert!(!sections(
            &format!("{HOST}/img.jpg\\?size=*"),
            &format!("{HOST}/img.jpg")
        ));
    }

    #[test]
    fn exact_resources_match_only_themselves() {
        let url = format!("{HOST}/a/b.txt?x=1&y=2");
        assert!(sections(&url, &url));
        assert!(!sections(&url, &format!("{HOST}/a/b.txt?y=2&x=1")));
        assert!(!sections(&url, &format!("{HOST}/a/B.txt?x=1&y=2")));
        assert!(
            sections(&url.replace("d111111abcdef8", "D111111ABCDEF8"), &url),
            "hosts are case-insensitive"
        );
        assert!(!sections(
            &format!("{HOST}/a"),
            "http://d111111abcdef8.cloudfront.net/a"
        ));
    }

    #[test]
    fn pathological_patterns_stay_fast() {
        let pattern = format!("{HOST}/{}b", "*a".repeat(2000));
        let url = format!("{HOST}/{}", "a".repeat(8000));
        assert!(!sections(&pattern, &url));
    }
}
