//! A DER writer: elements appended to one buffer, which is wiped on drop
//! (what it writes is often a private key).

use zeroize::Zeroizing;

use super::tag;

/// Writes DER elements into a buffer.
///
/// ```ignore
/// let der = Writer::sequence(|w| {
///     w.integer(&[0]);
///     w.octet_string(b"key");
/// });
/// ```
#[derive(Default)]
pub(crate) struct Writer {
    bytes: Zeroizing<Vec<u8>>,
}

impl Writer {
    /// The DER of one SEQUENCE whose contents `write` appends.
    pub(crate) fn sequence(write: impl FnOnce(&mut Writer)) -> Zeroizing<Vec<u8>> {
        let mut writer = Writer::default();
        writer.constructed(tag::SEQUENCE, write);
        writer.bytes
    }

    /// Appends an element with `tag` whose contents `write` appends.
    pub(crate) fn constructed(&mut self, tag: u8, write: impl FnOnce(&mut Writer)) {
        let mut inner = Writer::default();
        write(&mut inner);
        self.element(tag, &inner.bytes);
    }

    /// Appends an element with `tag` and `contents`.
    pub(crate) fn element(&mut self, tag: u8, contents: &[u8]) {
        self.bytes.push(tag);
        let length = contents.len();
        if length < 0x80 {
            self.bytes.push(length as u8);
        } else {
            let significant = length.to_be_bytes();
            let skip = significant.iter().take_while(|&&b| b == 0).count();
            self.bytes.push(0x80 | (significant.len() - skip) as u8);
            self.bytes.extend_from_slice(&significant[skip..]);
        }
        self.bytes.extend_from_slice(contents);
    }

    /// Appends an INTEGER holding the big-endian unsigned `value`, minimally
    /// encoded (leading zero bytes dropped, one added before a set top bit).
    pub(crate) fn integer(&mut self, value: &[u8]) {
        let start = value.iter().position(|&b| b != 0).unwrap_or(value.len());
        let magnitude = &value[start..];
        let mut contents = Zeroizing::new(Vec::with_capacity(magnitude.len() + 1));
        if magnitude.first().is_none_or(|&b| b & 0x80 != 0) {
            contents.push(0);
        }
        contents.extend_from_slice(magnitude);
        self.element(tag::INTEGER, &contents);
    }

    /// Appends an OCTET STRING.
    pub(crate) fn octet_string(&mut self, contents: &[u8]) {
        self.element(tag::OCTET_STRING, contents);
    }

    /// Appends a BIT STRING of whole bytes.
    pub(crate) fn bit_string(&mut self, bytes: &[u8]) {
        let mut contents = Zeroizing::new(Vec::with_capacity(bytes.len() + 1));
        contents.push(0);
        contents.extend_from_slice(bytes);
        self.element(tag::BIT_STRING, &contents);
    }

    /// Appends an OBJECT IDENTIFIER given as its DER contents.
    pub(crate) fn oid(&mut self, contents: &[u8]) {
        self.element(tag::OID, contents);
    }

    /// Appends `bytes` as they are (tests build malformed DER with it).
    #[cfg(test)]
    pub(crate) fn raw(&mut self, bytes: &[u8]) {
        self.bytes.extend_from_slice(bytes);
    }
}

#[cfg(test)]
mod tests {
    use super::super::Reader;
    use super::*;

    #[test]
    fn writes_what_the_reader_reads() {
        let long = [0xabu8; 300];
        let der = Writer::sequence(|w| {
            w.integer(&[0, 0, 0x80]);
            w.integer(&[]);
            w.integer(&[0, 5]);
            w.octet_string(&long);
            w.bit_string(&[4, 1]);
            w.element(tag::NULL, &[]);
            w.constructed(0xa0, |w| w.oid(&[0x2a, 0x03]));
        });
        assert_eq!(&der[..4], &[0x30, 0x82, 0x01, 0x47]);
        let mut sequence = Reader::new(&der).sequence().unwrap();
        assert_eq!(sequence.integer(), Some(&[0, 0x80][..]));
        assert_eq!(sequence.integer(), Some(&[0][..]));
        assert_eq!(sequence.small_integer(), Some(5));
        assert_eq!(sequence.octet_string(), Some(&long[..]));
        assert_eq!(sequence.bit_string(), Some(&[4, 1][..]));
        assert_eq!(sequence.element(tag::NULL), Some(&[][..]));
        let mut explicit = Reader::new(sequence.optional(0xa0).unwrap().unwrap());
        assert_eq!(explicit.oid(), Some(&[0x2a, 0x03][..]));
        assert!(sequence.finish().is_some());
    }
}
