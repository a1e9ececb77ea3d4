//! DER, the subset key files use: a strict reader, a writer, and the
//! object identifiers that name key algorithms and curves.
//!
//! The structures built on it (PKCS#1, PKCS#8, SEC1, SPKI) live in
//! [`crate::key`].

pub(crate) mod oid;
mod reader;
mod writer;

pub(crate) use reader::{bit_string_bytes, Reader};
pub(crate) use writer::Writer;

/// The one-byte tags of the universal types key files use.
pub(crate) mod tag {
    /// INTEGER.
    pub(crate) const INTEGER: u8 = 0x02;
    /// BIT STRING.
    pub(crate) const BIT_STRING: u8 = 0x03;
    /// OCTET STRING.
    pub(crate) const OCTET_STRING: u8 = 0x04;
    /// NULL.
    pub(crate) const NULL: u8 = 0x05;
    /// OBJECT IDENTIFIER.
    pub(crate) const OID: u8 = 0x06;
    /// SEQUENCE (constructed).
    pub(crate) const SEQUENCE: u8 = 0x30;

    /// The tag of a constructed context-specific element `[number]`.
    pub(crate) const fn context(number: u8) -> u8 {
        0xa0 | number
    }

    /// The number of a context-specific tag (constructed or not), or
    /// `None` for any other class.
    pub(crate) const fn context_number(tag: u8) -> Option<u8> {
        if tag & 0xc0 == 0x80 {
            Some(tag & 0x1f)
        } else {
            None
        }
    }
}
