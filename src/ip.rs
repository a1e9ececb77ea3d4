//! The `IpAddress` condition: one IPv4 address or CIDR range.

use std::fmt;
use std::net::{IpAddr, Ipv4Addr};

use crate::error::{fail, ErrorKind, Result};

/// One IPv4 CIDR range, as CloudFront's `AWS:SourceIp` holds it.
///
/// A bare address is read as `/32`. Host bits may be set (the AWS CLI allows
/// `192.168.0.1/24`); they are kept when written and masked when matching.
///
/// ```
/// use cloudfront_signer::Ipv4Cidr;
/// let range: Ipv4Cidr = "192.168.0.1/24".parse().unwrap();
/// assert_eq!(range.to_string(), "192.168.0.1/24");
/// assert!(range.contains(&"192.168.0.200".parse().unwrap()));
/// assert_eq!("10.1.2.3".parse::<Ipv4Cidr>().unwrap().to_string(), "10.1.2.3/32");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ipv4Cidr {
    address: Ipv4Addr,
    prefix: u8,
}

impl Ipv4Cidr {
    /// The address as written (host bits included).
    pub fn address(&self) -> Ipv4Addr {
        self.address
    }

    /// The prefix length, 0 to 32.
    pub fn prefix(&self) -> u8 {
        self.prefix
    }

    /// Whether a client address falls in the range; IPv6 clients never do.
    ///
    /// ```
    /// use cloudfront_signer::Ipv4Cidr;
    /// let range: Ipv4Cidr = "10.0.0.0/8".parse().unwrap();
    /// assert!(!range.contains(&"::ffff:10.0.0.1".parse().unwrap()));
    /// ```
    pub fn contains(&self, client: &IpAddr) -> bool {
        let IpAddr::V4(client) = client else {
            return false;
        };
        let mask = u32::MAX
            .checked_shl(32 - u32::from(self.prefix))
            .unwrap_or(0);
        u32::from(*client) & mask == u32::from(self.address) & mask
    }
}

impl fmt::Display for Ipv4Cidr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.address, self.prefix)
    }
}

impl std::str::FromStr for Ipv4Cidr {
    type Err = crate::Error;

    fn from_str(text: &str) -> Result<Self> {
        let shown: String = text.chars().take(50).collect();
        if text.contains(':') {
            return fail(
                ErrorKind::InvalidIp,
                format!("{shown:?} is IPv6; CloudFront supports only IPv4 addresses and ranges in policies"),
            );
        }
        let (address_text, prefix_text) = match text.split_once('/') {
            Some((address, prefix)) => (address, Some(prefix)),
            None => (text, None),
        };
        let address = parse_dotted_quad(address_text).ok_or_else(|| {
            crate::Error::new(
                ErrorKind::InvalidIp,
                format!("{shown:?} is not an IPv4 address; use a.b.c.d or a.b.c.d/nn"),
            )
        })?;
        let prefix = match prefix_text {
            None => 32,
            Some(p) if (1..=2).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()) => {
                match p.parse::<u8>() {
                    Ok(n) if n <= 32 => n,
                    _ => return invalid_prefix(&shown),
                }
            }
            Some(_) => return invalid_prefix(&shown),
        };
        Ok(Ipv4Cidr { address, prefix })
    }
}

fn invalid_prefix<T>(shown: &str) -> Result<T> {
    fail(
        ErrorKind::InvalidIp,
        format!("{shown:?} has an invalid prefix length; use /0 to /32"),
    )
}

/// Strict dotted quad: four decimal octets, no leading zeros, no spaces.
fn parse_dotted_quad(text: &str) -> Option<Ipv4Addr> {
    let mut octets = [0u8; 4];
    let mut parts = text.split('.');
    for octet in &mut octets {
        let part = parts.next()?;
        let well_formed = (1..=3).contains(&part.len())
            && part.bytes().all(|b| b.is_ascii_digit())
            && !(part.len() > 1 && part.starts_with('0'));
        if !well_formed {
            return None;
        }
        *octet = part.parse().ok()?;
    }
    parts.next().is_none().then(|| Ipv4Addr::from(octets))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cidr(text: &str) -> Ipv4Cidr {
        text.parse().unwrap()
    }

    #[test]
    fn matches_at_the_exact_edges() {
        let range = cidr("192.168.1.0/24");
        assert!(range.contains(&"192.168.1.0".parse().unwrap()));
        assert!(range.contains(&"192.168.1.255".parse().unwrap()));
        assert!(!range.contains(&"192.168.0.255".parse().unwrap()));
        assert!(!range.contains(&"192.168.2.0".parse().unwrap()));
        assert!(cidr("0.0.0.0/0").contains(&"255.255.255.255".parse().unwrap()));
        assert!(cidr("1.2.3.4").contains(&"1.2.3.4".parse().unwrap()));
        assert!(!cidr("1.2.3.4").contains(&"1.2.3.5".parse().unwrap()));
    }

    #[test]
    fn refuses_everything_but_ipv4() {
        for bad in [
            "",
            "1.2.3",
            "1.2.3.4.5",
            "256.1.1.1",
            "01.2.3.4",
            "1.2.3.4/33",
            "1.2.3.4/",
            "1.2.3.4/+1",
            " 1.2.3.4",
            "1.2.3.4/8/8",
            "a.b.c.d",
            "1.2.3.4\"",
        ] {
            assert_eq!(
                bad.parse::<Ipv4Cidr>().unwrap_err().kind(),
                ErrorKind::InvalidIp,
                "{bad}"
            );
        }
        let err = "2001:db8::/32".parse::<Ipv4Cidr>().unwrap_err();
        assert!(err.message().contains("only IPv4"));
    }
}
