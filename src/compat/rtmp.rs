//! The `hostname` the WHATWG URL parser (`new URL(text).hostname`) gives an
//! `rtmp:` URL, which the AWS package uses to cut the origin off. `rtmp` is
//! not a special scheme, so its host is an *opaque host* (kept as written,
//! non-ASCII percent-encoded) or a bracketed IPv6 address.

/// `new URL(text).hostname` for text that starts with `rtmp:`; `None` where
/// the URL parser throws `TypeError: Invalid URL`.
///
/// ```
/// use cloudfront_signer::compat::rtmp::rtmp_hostname;
/// let host = |u: &str| rtmp_hostname(&u.encode_utf16().collect::<Vec<_>>())
///     .map(|h| String::from_utf16(&h).unwrap());
/// assert_eq!(host("rtmp://u:p@S1.Example.net:1935/cfx"), Some("S1.Example.net".into()));
/// assert_eq!(host("rtmp://sé.net/a"), Some("s%C3%A9.net".into()));
/// assert_eq!(host("rtmp://[0:0::1]/a"), Some("[::1]".into()));
/// assert_eq!(host("rtmp://a b/x"), None);
/// ```
pub fn rtmp_hostname(text: &[u16]) -> Option<Vec<u16>> {
    let cleaned = clean(text);
    let rest = strip_scheme(&cleaned)?;
    let Some(after_slashes) = rest.strip_prefix(&['/', '/'][..]) else {
        return Some(Vec::new());
    };
    let end = after_slashes
        .iter()
        .position(|c| matches!(c, '/' | '?' | '#'))
        .unwrap_or(after_slashes.len());
    let authority = after_slashes.get(..end)?;
    let host_port = match authority.iter().rposition(|&c| c == '@') {
        Some(at) => {
            let host_port = authority.get(at + 1..)?;
            if host_port.is_empty() {
                return None;
            }
            host_port
        }
        None => authority,
    };
    let (host, port) = split_port(host_port)?;
    if !port.iter().all(char::is_ascii_digit) {
        return None;
    }
    if port_value(port) > 65_535 {
        return None;
    }
    parse_host(host)
}

/// Lone surrogates become U+FFFD (the constructor takes a USVString),
/// leading and trailing C0 controls and spaces go, tabs and newlines go.
fn clean(text: &[u16]) -> Vec<char> {
    let chars: Vec<char> = char::decode_utf16(text.iter().copied())
        .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
        .collect();
    let is_c0_or_space = |c: &char| *c <= ' ';
    let start = chars
        .iter()
        .position(|c| !is_c0_or_space(c))
        .unwrap_or(chars.len());
    let end = chars
        .iter()
        .rposition(|c| !is_c0_or_space(c))
        .map_or(start, |e| e + 1);
    chars
        .get(start..end)
        .unwrap_or_default()
        .iter()
        .copied()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect()
}

fn strip_scheme(text: &[char]) -> Option<&[char]> {
    let scheme: Vec<char> = text.iter().take_while(|&&c| c != ':').copied().collect();
    let name: String = scheme.iter().collect();
    if !name.eq_ignore_ascii_case("rtmp") {
        return None;
    }
    text.get(scheme.len() + 1..)
}

/// Splits `host[:port]`, where a `:` inside `[...]` is part of the host.
/// An empty host before a `:` is a failure.
fn split_port(host_port: &[char]) -> Option<(&[char], &[char])> {
    let mut inside_brackets = false;
    for (at, &c) in host_port.iter().enumerate() {
        match c {
            '[' => inside_brackets = true,
            ']' => inside_brackets = false,
            ':' if !inside_brackets => {
                if at == 0 {
                    return None;
                }
                return Some((host_port.get(..at)?, host_port.get(at + 1..)?));
            }
            _ => {}
        }
    }
    Some((host_port, &[]))
}

fn port_value(port: &[char]) -> u32 {
    port.iter()
        .filter_map(|c| c.to_digit(10))
        .fold(0u32, |value, digit| {
            value.saturating_mul(10).saturating_add(digit)
        })
}

/// Host parsing for a non-special URL: IPv6 in brackets, else an opaque host.
fn parse_host(host: &[char]) -> Option<Vec<u16>> {
    if let Some(inner) = host.strip_prefix(&['['][..]) {
        let inner = inner.strip_suffix(&[']'][..])?;
        let address = parse_ipv6(inner)?;
        let mut out: Vec<u16> = vec![u16::from(b'[')];
        out.extend(serialize_ipv6(&address).encode_utf16());
        out.push(u16::from(b']'));
        return Some(out);
    }
    const FORBIDDEN: &[char] = &[
        '\0', '\t', '\n', '\r', ' ', '#', '/', ':', '<', '>', '?', '@', '[', '\\', ']', '^', '|',
    ];
    if host.iter().any(|c| FORBIDDEN.contains(c)) {
        return None;
    }
    let mut out = Vec::with_capacity(host.len());
    for &c in host {
        if !(' '..='~').contains(&c) {
            let mut buffer = [0u8; 4];
            for byte in c.encode_utf8(&mut buffer).bytes() {
                out.extend(format!("%{byte:02X}").encode_utf16());
            }
        } else {
            out.push(c as u16);
        }
    }
    Some(out)
}

/// The WHATWG IPv6 parser (with its embedded-IPv4 form).
fn parse_ipv6(input: &[char]) -> Option<[u16; 8]> {
    let mut address = [0u16; 8];
    let mut piece_index = 0usize;
    let mut compress: Option<usize> = None;
    let mut pointer = 0usize;
    let at = |pointer: usize| input.get(pointer).copied();
    if at(0) == Some(':') {
        if at(1) != Some(':') {
            return None;
        }
        pointer += 2;
        piece_index += 1;
        compress = Some(piece_index);
    }
    while at(pointer).is_some() {
        if piece_index == 8 {
            return None;
        }
        if at(pointer) == Some(':') {
            if compress.is_some() {
                return None;
            }
            pointer += 1;
            piece_index += 1;
            compress = Some(piece_index);
            continue;
        }
        let mut value: u32 = 0;
        let mut length = 0;
        while length < 4 {
            let Some(digit) = at(pointer).and_then(|c| c.to_digit(16)) else {
                break;
            };
            value = value * 0x10 + digit;
            pointer += 1;
            length += 1;
        }
        if at(pointer) == Some('.') {
            if length == 0 || piece_index > 6 {
                return None;
            }
            pointer -= length;
            let mut numbers_seen = 0;
            while at(pointer).is_some() {
                if numbers_seen > 0 {
                    if at(pointer) == Some('.') && numbers_seen < 4 {
                        pointer += 1;
                    } else {
                        return None;
                    }
                }
                let mut ipv4_piece: Option<u32> = None;
                at(pointer)?.to_digit(10)?;
                while let Some(number) = at(pointer).and_then(|c| c.to_digit(10)) {
                    ipv4_piece = match ipv4_piece {
                        None => Some(number),
                        Some(0) => return None,
                        Some(piece) => Some(piece * 10 + number),
                    };
                    if ipv4_piece? > 255 {
                        return None;
                    }
                    pointer += 1;
                }
                let slot = address.get_mut(piece_index)?;
                *slot = u16::try_from(u32::from(*slot) * 0x100 + ipv4_piece?).ok()?;
                numbers_seen += 1;
                if numbers_seen == 2 || numbers_seen == 4 {
                    piece_index += 1;
                }
            }
            if numbers_seen != 4 {
                return None;
            }
            break;
        } else if at(pointer) == Some(':') {
            pointer += 1;
            at(pointer)?;
        } else if at(pointer).is_some() {
            return None;
        }
        *address.get_mut(piece_index)? = u16::try_from(value).ok()?;
        piece_index += 1;
    }
    if let Some(compress) = compress {
        let mut swaps = piece_index - compress;
        piece_index = 7;
        while piece_index != 0 && swaps > 0 {
            address.swap(piece_index, compress + swaps - 1);
            piece_index -= 1;
            swaps -= 1;
        }
    } else if piece_index != 8 {
        return None;
    }
    Some(address)
}

/// The WHATWG IPv6 serializer: lowercase hex, the first longest run of two
/// or more zero pieces written as `::`.
fn serialize_ipv6(address: &[u16; 8]) -> String {
    let mut best: Option<(usize, usize)> = None;
    let mut index = 0;
    while index < 8 {
        let run = address.iter().skip(index).take_while(|&&p| p == 0).count();
        if run >= 2 && best.is_none_or(|(_, length)| run > length) {
            best = Some((index, run));
        }
        index += run.max(1);
    }
    let mut out = String::new();
    let mut index = 0;
    while index < 8 {
        if let Some((start, length)) = best.filter(|(start, _)| *start == index) {
            out.push_str(if start == 0 { "::" } else { ":" });
            index += length;
            continue;
        }
        out.push_str(&format!("{:x}", address.get(index).copied().unwrap_or(0)));
        if index != 7 {
            out.push(':');
        }
        index += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn host(url: &str) -> Option<String> {
        rtmp_hostname(&url.encode_utf16().collect::<Vec<_>>())
            .map(|h| String::from_utf16(&h).unwrap())
    }

    #[test]
    fn opaque_hosts() {
        assert_eq!(host("rtmp://A.B/c d").as_deref(), Some("A.B"));
        assert_eq!(host("rtmp://a%41/x").as_deref(), Some("a%41"));
        assert_eq!(host("rtmp://a%/x").as_deref(), Some("a%"));
        assert_eq!(host("rtmp://a\tb/x").as_deref(), Some("ab"));
        assert_eq!(host("  rtmp://ab/x ").as_deref(), Some("ab"));
        assert_eq!(host("rtmp:///x").as_deref(), Some(""));
        assert_eq!(host("rtmp:Z").as_deref(), Some(""));
        assert_eq!(host("rtmp://a:/x").as_deref(), Some("a"));
        assert_eq!(host("rtmp://a:00000000080/x").as_deref(), Some("a"));
        assert_eq!(host("rtmp://x@y@z:1/x").as_deref(), Some("z"));
        assert_eq!(host("rtmp://a\u{7f}/x").as_deref(), Some("a%7F"));
        for bad in [
            "rtmp://a b/x",
            "rtmp:// a/x",
            "rtmp://a\\b/x",
            "rtmp://a^/x",
            "rtmp://a|/x",
            "rtmp://a</x",
            "rtmp://a@/x",
            "rtmp://:5/x",
            "rtmp://a:65536/x",
            "rtmp://a:1x/",
            "rtmp://a[b]/x",
            "rtmp://[::1/x",
        ] {
            assert_eq!(host(bad), None, "{bad}");
        }
    }

    #[test]
    fn ipv6_hosts() {
        for (input, expected) in [
            ("rtmp://[::1]:5/x", "[::1]"),
            ("rtmp://[0:0:0:0:0:0:0:0]/", "[::]"),
            ("rtmp://[1:0:0:2:0:0:0:3]/", "[1:0:0:2::3]"),
            ("rtmp://[1:0:0:2:0:0:3:4]/", "[1::2:0:0:3:4]"),
            ("rtmp://[ABCD::1.2.3.4]/", "[abcd::102:304]"),
            ("rtmp://[::ffff:192.168.0.1]/", "[::ffff:c0a8:1]"),
            ("rtmp://[1:2:3:4:5:6:7:8]/", "[1:2:3:4:5:6:7:8]"),
            ("rtmp://[1:2:3:4:5:6:7::]/", "[1:2:3:4:5:6:7:0]"),
        ] {
            assert_eq!(host(input).as_deref(), Some(expected), "{input}");
        }
        for bad in [
            "rtmp://[:1]/",
            "rtmp://[1:2:3:4:5:6:7:8:9]/",
            "rtmp://[1::2::3]/",
            "rtmp://[::1.2.3]/",
            "rtmp://[::01.2.3.4]/",
            "rtmp://[::1.2.3.256]/",
            "rtmp://[12345::]/",
            "rtmp://[1:]/",
            "rtmp://[g::]/",
            "rtmp://[1:2:3:4:5:6:7:1.2.3.4]/",
        ] {
            assert_eq!(host(bad), None, "{bad}");
        }
    }
}
