//! A strict DER reader: definite lengths in their shortest form, minimal
//! non-negative integers, one-byte tags. Every method answers `None` to
//! anything else, and never panics, whatever the bytes.

use super::tag;

/// Reads DER elements one after another from a byte string.
///
/// ```ignore
/// let mut sequence = Reader::new(der).sequence()?;
/// let version = sequence.small_integer()?;
/// ```
#[derive(Clone, Copy)]
pub(crate) struct Reader<'a> {
    rest: &'a [u8],
}

impl<'a> Reader<'a> {
    /// A reader of `bytes`.
    pub(crate) fn new(bytes: &'a [u8]) -> Self {
        Reader { rest: bytes }
    }

    /// The contents of `bytes` when they are exactly one element with
    /// `tag`, nothing before or after it.
    pub(crate) fn whole(bytes: &'a [u8], tag: u8) -> Option<&'a [u8]> {
        let mut reader = Reader::new(bytes);
        let contents = reader.element(tag)?;
        reader.finish()?;
        Some(contents)
    }

    /// `Some(())` when nothing is left to read.
    pub(crate) fn finish(&self) -> Option<()> {
        self.rest.is_empty().then_some(())
    }

    /// Whether nothing is left to read.
    pub(crate) fn is_empty(&self) -> bool {
        self.rest.is_empty()
    }

    /// The tag of the next element, without reading it.
    pub(crate) fn peek_tag(&self) -> Option<u8> {
        self.rest.first().copied()
    }

    /// The tag and contents of the next element, whatever its tag (for a
    /// tag number above 30, the first byte of the tag).
    pub(crate) fn any(&mut self) -> Option<(u8, &'a [u8])> {
        let (&found, rest) = self.rest.split_first()?;
        let rest = skip_tag_number(found, rest)?;
        let (&first, mut rest) = rest.split_first()?;
        let length = match first {
            0..=0x7f => usize::from(first),
            0x81..=0x84 => {
                let (bytes, after) = rest.split_at_checked(usize::from(first & 0x7f))?;
                rest = after;
                let length = bytes
                    .iter()
                    .fold(0usize, |value, &byte| (value << 8) | usize::from(byte));
                // The shortest form: no leading zero byte, and the long
                // form only from 128 on.
                if bytes[0] == 0 || length < 0x80 {
                    return None;
                }
                length
            }
            _ => return None,
        };
        let (contents, rest) = rest.split_at_checked(length)?;
        self.rest = rest;
        Some((found, contents))
    }

    /// The contents of the next element, which must have `tag`.
    pub(crate) fn element(&mut self, tag: u8) -> Option<&'a [u8]> {
        let mut ahead = *self;
        let (found, contents) = ahead.any()?;
        if found != tag {
            return None;
        }
        *self = ahead;
        Some(contents)
    }

    /// The contents of the next element when it has `tag`; `None` (and
    /// nothing read) when the next element has another tag or there is
    /// none. `Err(())` when an element with `tag` is there but malformed.
    pub(crate) fn optional(&mut self, tag: u8) -> Result<Option<&'a [u8]>, ()> {
        if self.peek_tag() != Some(tag) {
            return Ok(None);
        }
        self.element(tag).map(Some).ok_or(())
    }

    /// A reader of the contents of the next element, a SEQUENCE.
    pub(crate) fn sequence(&mut self) -> Option<Reader<'a>> {
        self.element(tag::SEQUENCE).map(Reader::new)
    }

    /// The big-endian contents of the next INTEGER, which must be
    /// non-negative and minimally encoded (a leading zero byte only
    /// before a byte whose top bit is set).
    pub(crate) fn integer(&mut self) -> Option<&'a [u8]> {
        let contents = self.element(tag::INTEGER)?;
        match contents {
            [] => None,
            [first, ..] if first & 0x80 != 0 => None,
            [0, second, ..] if second & 0x80 == 0 => None,
            _ => Some(contents),
        }
    }

    /// The next INTEGER, which must be from 0 to 255 (a version number).
    pub(crate) fn small_integer(&mut self) -> Option<u8> {
        match self.integer()? {
            [value] | [0, value] => Some(*value),
            _ => None,
        }
    }

    /// The contents of the next OCTET STRING.
    pub(crate) fn octet_string(&mut self) -> Option<&'a [u8]> {
        self.element(tag::OCTET_STRING)
    }

    /// The bytes of the next BIT STRING, which must be a whole number of
    /// bytes (no unused bits).
    pub(crate) fn bit_string(&mut self) -> Option<&'a [u8]> {
        bit_string_bytes(self.element(tag::BIT_STRING)?)
    }

    /// The contents of the next OBJECT IDENTIFIER, checked to be a
    /// well-formed one (see [`super::oid`]).
    pub(crate) fn oid(&mut self) -> Option<&'a [u8]> {
        let contents = self.element(tag::OID)?;
        super::oid::is_valid(contents).then_some(contents)
    }
}

/// What follows the tag that starts with `first` (and goes on in `rest`),
/// or `None` when the tag is not one the `der` crate reads: universal tags
/// of the types it knows, and any application, context-specific or private
/// tag, with a number above 30 in base 128, shortest form, below 2^28.
fn skip_tag_number(first: u8, rest: &[u8]) -> Option<&[u8]> {
    match first {
        0x01..=0x06
        | 0x09
        | 0x0a
        | 0x0c
        | 0x0d
        | 0x12..=0x18
        | 0x1a
        | 0x1b
        | 0x1e
        | 0x30
        | 0x31 => return Some(rest),
        0x40..=0xff if first & 0x1f != 0x1f => return Some(rest),
        0x40..=0xff => {}
        _ => return None,
    }
    let mut number: u32 = 0;
    for (i, &byte) in rest.iter().enumerate().take(5) {
        if i == 0 && byte == 0x80 {
            return None;
        }
        number = (number << 7) | u32::from(byte & 0x7f);
        if byte & 0x80 == 0 {
            return (number >= 0x1f).then(|| &rest[i + 1..]);
        }
        if number.leading_zeros() < 7 {
            return None;
        }
    }
    None
}

/// The bytes of BIT STRING contents whose first byte (the count of unused
/// bits) is zero.
pub(crate) fn bit_string_bytes(contents: &[u8]) -> Option<&[u8]> {
    match contents.split_first()? {
        (0, bytes) => Some(bytes),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_elements_in_order_and_checks_the_end() {
        let bytes = [0x30, 0x06, 0x02, 0x01, 0x05, 0x04, 0x01, 0xaa];
        let mut sequence = Reader::new(&bytes).sequence().unwrap();
        assert_eq!(sequence.small_integer(), Some(5));
        assert!(sequence.finish().is_none());
        assert_eq!(sequence.octet_string(), Some(&[0xaa][..]));
        assert!(sequence.finish().is_some());
        assert!(Reader::whole(&bytes, tag::SEQUENCE).is_some());
        assert!(Reader::whole(&[&bytes[..], &[0]].concat(), tag::SEQUENCE).is_none());
    }

    #[test]
    fn refuses_non_minimal_lengths_and_integers() {
        for bad in [
            &[0x04, 0x81, 0x01, 0xaa][..],   // long form below 128
            &[0x04, 0x82, 0x00, 0x01, 0xaa], // leading zero length byte
            &[0x04, 0x80, 0xaa, 0x00, 0x00], // indefinite length
            &[0x04, 0x84, 0x00, 0x00, 0x00, 0x01, 0xaa],
            &[0x04, 0x02, 0xaa], // shorter than its length
            &[0x04],             // no length
        ] {
            assert!(Reader::new(bad).octet_string().is_none(), "{bad:02x?}");
        }
        for bad in [
            &[0x02, 0x00][..],
            &[0x02, 0x01, 0x80],
            &[0x02, 0x02, 0x00, 0x7f],
            &[0x02, 0x02, 0x01, 0x00],
        ] {
            assert!(Reader::new(bad).small_integer().is_none(), "{bad:02x?}");
        }
        assert_eq!(
            Reader::new(&[0x02, 0x02, 0x00, 0xff]).small_integer(),
            Some(255)
        );
        let long = [&[0x04, 0x81, 0x80][..], &[7; 128]].concat();
        assert_eq!(
            Reader::new(&long).octet_string().map(<[u8]>::len),
            Some(128)
        );
    }

    #[test]
    fn reads_tags_as_the_der_crate_does() {
        use pkcs8::der::{asn1::AnyRef, Decode};
        let mut tags = vec![];
        for first in 0..=255u8 {
            for second in [0x00, 0x01, 0x1e, 0x1f, 0x7f, 0x80, 0x81, 0xff] {
                tags.push(vec![first, second, 0x00]);
                tags.push(vec![first, second, 0x01, 0x00]);
                tags.push(vec![first, second, 0x81, 0x7f, 0x00]);
            }
        }
        for bytes in tags {
            let ours = Reader::new(&bytes).any().is_some() && {
                let mut reader = Reader::new(&bytes);
                reader.any();
                reader.is_empty()
            };
            assert_eq!(ours, AnyRef::from_der(&bytes).is_ok(), "{bytes:02x?}");
        }
    }

    #[test]
    fn reads_optional_elements_without_consuming_others() {
        let bytes = [0xa1, 0x02, 0x05, 0x00, 0xa0, 0x01];
        let mut reader = Reader::new(&bytes);
        assert_eq!(reader.optional(0xa0), Ok(None));
        assert_eq!(reader.optional(0xa1), Ok(Some(&[0x05, 0x00][..])));
        assert_eq!(reader.optional(0xa0), Err(()));
    }

    #[test]
    fn bit_strings_must_use_every_bit() {
        assert_eq!(
            Reader::new(&[0x03, 0x02, 0x00, 0x04]).bit_string(),
            Some(&[4][..])
        );
        assert!(Reader::new(&[0x03, 0x02, 0x01, 0x04])
            .bit_string()
            .is_none());
        assert!(Reader::new(&[0x03, 0x00]).bit_string().is_none());
    }
}
