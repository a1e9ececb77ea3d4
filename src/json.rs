//! A small strict JSON reader (RFC 8259) for policies and JWKs.
//!
//! [`parse`] builds a tree that borrows from the input where it can: a number
//! keeps its literal text (no floating-point code is involved), a string
//! without escapes is a slice of the input, and a string with escapes is
//! decoded once into a buffer of its final size that is wiped on drop (a
//! JWK's `d` may be spelled with escapes). Objects keep their members in
//! order, duplicates included: each caller decides what a key given twice
//! means.
//!
//! What is refused matches serde_json, which the crate used before: lone
//! surrogates, unescaped control characters, leading zeros, trailing commas,
//! anything after the value, and arrays and objects nested deeper than
//! [`MAX_DEPTH`], so that hostile input cannot exhaust the stack. Unlike
//! serde_json, a number is never out of range: RFC 8259 sets no range, and
//! JavaScript's `JSON.parse` reads `1e400` as `Infinity`.

use std::fmt;
use std::ops::Deref;

use zeroize::Zeroizing;

#[cfg(test)]
mod tests;

/// How deep arrays and objects may nest; one level more is refused. It is
/// serde_json's limit (which it counts as 128, the level that fails).
pub(crate) const MAX_DEPTH: usize = 127;

/// A JSON value, borrowing from the text it was read from.
pub(crate) enum Value<'a> {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number, as written.
    Number(Number<'a>),
    /// A string, unescaped.
    String(Text<'a>),
    /// An array.
    Array(Vec<Value<'a>>),
    /// An object: its members in order, a key given twice kept twice.
    Object(Vec<Member<'a>>),
}

/// One member of an object: its key and its value.
pub(crate) type Member<'a> = (Text<'a>, Value<'a>);

/// A number's literal text, e.g. `-12`, `0.5` or `1E+9`.
pub(crate) struct Number<'a>(&'a str);

impl<'a> Number<'a> {
    /// The literal as it appears in the input.
    pub(crate) fn text(&self) -> &'a str {
        self.0
    }

    /// The value, when the literal is an integer (no fraction, no exponent)
    /// within `i64`; `-0` is 0. `1.0` and `1e5` are not integers here.
    pub(crate) fn as_i64(&self) -> Option<i64> {
        if self.0.bytes().all(|b| b == b'-' || b.is_ascii_digit()) {
            self.0.parse().ok()
        } else {
            None
        }
    }

    /// Whether the value is zero (`0`, `-0`, `0.00`, `0e7`).
    pub(crate) fn is_zero(&self) -> bool {
        self.0
            .bytes()
            .take_while(|b| !matches!(b, b'e' | b'E'))
            .all(|b| !matches!(b, b'1'..=b'9'))
    }
}

/// A string's text: a slice of the input when it has no escapes, else a
/// decoded copy that is wiped when dropped.
pub(crate) enum Text<'a> {
    /// The input's own bytes, between the quotes.
    Borrowed(&'a str),
    /// The string with its escapes decoded.
    Decoded(Zeroizing<String>),
}

impl Deref for Text<'_> {
    type Target = str;

    fn deref(&self) -> &str {
        match self {
            Text::Borrowed(text) => text,
            Text::Decoded(text) => text,
        }
    }
}

/// Why a text is not JSON, and where. It never quotes the input, which may
/// be a private key.
#[derive(Debug)]
pub(crate) struct SyntaxError {
    problem: &'static str,
    at_end: bool,
    line: usize,
    column: usize,
}

impl SyntaxError {
    /// The error `problem` at byte `at` of `text`.
    fn new(text: &str, at: usize, problem: &'static str) -> Self {
        let before = text.as_bytes().get(..at).unwrap_or(text.as_bytes());
        let line_start = before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |newline| newline + 1);
        let is_char_start = |b: &&u8| (**b & 0xC0) != 0x80;
        SyntaxError {
            problem,
            at_end: at >= text.len(),
            line: 1 + before.iter().filter(|&&b| b == b'\n').count(),
            column: 1 + before
                .get(line_start..)
                .map_or(0, |line| line.iter().filter(is_char_start).count()),
        }
    }
}

impl fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let SyntaxError {
            problem,
            line,
            column,
            ..
        } = self;
        if self.at_end {
            write!(
                f,
                "{problem}, but the input ends at line {line}, column {column}"
            )
        } else {
            write!(f, "{problem} at line {line}, column {column}")
        }
    }
}

/// Reads `text` as one JSON value, with nothing but whitespace around it.
pub(crate) fn parse(text: &str) -> Result<Value<'_>, SyntaxError> {
    let mut reader = Reader { text, at: 0 };
    let value = reader.value(0)?;
    reader.skip_whitespace();
    if reader.at < text.len() {
        return Err(reader.error(reader.at, "expected nothing more after the JSON value"));
    }
    Ok(value)
}

/// The input and the position reached in it.
struct Reader<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Reader<'a> {
    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.at).copied()
    }

    /// Steps over `byte` if it comes next.
    fn eat(&mut self, byte: u8) -> bool {
        let next = self.peek() == Some(byte);
        self.at += usize::from(next);
        next
    }

    fn skip_whitespace(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    fn error(&self, at: usize, problem: &'static str) -> SyntaxError {
        SyntaxError::new(self.text, at, problem)
    }

    /// A value, inside `depth` arrays and objects.
    fn value(&mut self, depth: usize) -> Result<Value<'a>, SyntaxError> {
        self.skip_whitespace();
        match self.peek() {
            Some(b'{') => self.object(depth + 1),
            Some(b'[') => self.array(depth + 1),
            Some(b'"') => self.string().map(Value::String),
            Some(b'-' | b'0'..=b'9') => self.number().map(Value::Number),
            Some(b't') => self.word("true", Value::Bool(true)),
            Some(b'f') => self.word("false", Value::Bool(false)),
            Some(b'n') => self.word("null", Value::Null),
            _ => Err(self.error(self.at, "expected a value")),
        }
    }

    fn word(&mut self, word: &'static str, value: Value<'a>) -> Result<Value<'a>, SyntaxError> {
        let end = self.at + word.len();
        if self.text.as_bytes().get(self.at..end) == Some(word.as_bytes()) {
            self.at = end;
            Ok(value)
        } else {
            Err(self.error(self.at, "expected a value"))
        }
    }

    /// Steps over the `[` or `{` that opens a container at `depth`.
    fn open(&mut self, depth: usize) -> Result<(), SyntaxError> {
        if depth > MAX_DEPTH {
            return Err(self.error(self.at, "arrays and objects nest more than 127 deep"));
        }
        self.at += 1;
        self.skip_whitespace();
        Ok(())
    }

    fn array(&mut self, depth: usize) -> Result<Value<'a>, SyntaxError> {
        self.open(depth)?;
        let mut items = Vec::new();
        if self.eat(b']') {
            return Ok(Value::Array(items));
        }
        loop {
            items.push(self.value(depth)?);
            self.skip_whitespace();
            if self.eat(b']') {
                return Ok(Value::Array(items));
            }
            if !self.eat(b',') {
                return Err(self.error(self.at, "expected ',' or ']' after an array item"));
            }
        }
    }

    fn object(&mut self, depth: usize) -> Result<Value<'a>, SyntaxError> {
        self.open(depth)?;
        let mut members = Vec::new();
        if self.eat(b'}') {
            return Ok(Value::Object(members));
        }
        loop {
            self.skip_whitespace();
            if self.peek() != Some(b'"') {
                return Err(self.error(self.at, "expected a string key"));
            }
            let key = self.string()?;
            self.skip_whitespace();
            if !self.eat(b':') {
                return Err(self.error(self.at, "expected ':' after an object key"));
            }
            members.push((key, self.value(depth)?));
            self.skip_whitespace();
            if self.eat(b'}') {
                return Ok(Value::Object(members));
            }
            if !self.eat(b',') {
                return Err(self.error(self.at, "expected ',' or '}' after an object member"));
            }
        }
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`
    fn number(&mut self) -> Result<Number<'a>, SyntaxError> {
        let start = self.at;
        self.eat(b'-');
        if self.eat(b'0') {
            if matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(self.error(start, "a number has a leading zero"));
            }
        } else {
            self.digits("expected a digit")?;
        }
        if self.eat(b'.') {
            self.digits("expected a digit after the decimal point")?;
        }
        if self.eat(b'e') || self.eat(b'E') {
            if !self.eat(b'+') {
                self.eat(b'-');
            }
            self.digits("expected a digit in the exponent")?;
        }
        // Every byte of a number is ASCII, so the slice is on char boundaries.
        Ok(Number(self.text.get(start..self.at).unwrap_or_default()))
    }

    /// One or more digits.
    fn digits(&mut self, problem: &'static str) -> Result<(), SyntaxError> {
        let start = self.at;
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.at += 1;
        }
        if self.at == start {
            return Err(self.error(self.at, problem));
        }
        Ok(())
    }

    /// A string, from its opening quote.
    fn string(&mut self) -> Result<Text<'a>, SyntaxError> {
        let bytes = self.text.as_bytes();
        let start = self.at + 1;
        let mut end = start;
        let mut escaped = false;
        loop {
            match bytes.get(end) {
                Some(b'"') => break,
                Some(b'\\') => {
                    escaped = true;
                    end += 2;
                }
                Some(0..0x20) => {
                    return Err(self.error(end, "a control character must be escaped in a string"))
                }
                Some(_) => end += 1,
                None => {
                    return Err(self.error(bytes.len(), "expected '\"' to close a string"));
                }
            }
        }
        self.at = end + 1;
        // Both ends are ASCII quotes, so the slice is on char boundaries.
        let raw = self.text.get(start..end).unwrap_or_default();
        if escaped {
            self.unescape(raw, start).map(Text::Decoded)
        } else {
            Ok(Text::Borrowed(raw))
        }
    }

    /// Decodes the escapes of `raw`, a string's text found at byte `offset`.
    /// The buffer is allocated once: an escape is never shorter than what it
    /// stands for, so nothing is left behind by a reallocation.
    fn unescape(&self, raw: &str, offset: usize) -> Result<Zeroizing<String>, SyntaxError> {
        let bytes = raw.as_bytes();
        let mut out = Zeroizing::new(String::with_capacity(raw.len()));
        let mut at = 0;
        while let Some(found) = bytes
            .get(at..)
            .and_then(|rest| rest.iter().position(|&b| b == b'\\'))
        {
            let escape = at + found;
            // Backslashes are ASCII, so these slices are on char boundaries.
            out.push_str(raw.get(at..escape).unwrap_or_default());
            let (decoded, length) = match bytes.get(escape + 1) {
                Some(b'"') => ('"', 2),
                Some(b'\\') => ('\\', 2),
                Some(b'/') => ('/', 2),
                Some(b'b') => ('\u{8}', 2),
                Some(b'f') => ('\u{c}', 2),
                Some(b'n') => ('\n', 2),
                Some(b'r') => ('\r', 2),
                Some(b't') => ('\t', 2),
                Some(b'u') => unicode_escape(bytes, escape)
                    .map_err(|problem| self.error(offset + escape, problem))?,
                _ => return Err(self.error(offset + escape, "invalid escape in a string")),
            };
            out.push(decoded);
            at = escape + length;
        }
        out.push_str(raw.get(at..).unwrap_or_default());
        Ok(out)
    }
}

/// The character a `\u` escape at `at` stands for (a surrogate pair takes
/// two escapes), and the escape's length in bytes.
fn unicode_escape(bytes: &[u8], at: usize) -> Result<(char, usize), &'static str> {
    let first = hex4(bytes, at + 2).ok_or("expected four hex digits after \\u")?;
    let (code, length) = match first {
        0xD800..=0xDBFF => {
            let low = match (bytes.get(at + 6), bytes.get(at + 7)) {
                (Some(b'\\'), Some(b'u')) => hex4(bytes, at + 8),
                _ => None,
            };
            match low {
                Some(low @ 0xDC00..=0xDFFF) => {
                    let high = u32::from(first - 0xD800) << 10;
                    (0x10000 + (high | u32::from(low - 0xDC00)), 12)
                }
                _ => return Err("a leading surrogate escape is not followed by a trailing one"),
            }
        }
        0xDC00..=0xDFFF => return Err("a trailing surrogate escape has no leading one"),
        _ => (u32::from(first), 6),
    };
    char::from_u32(code)
        .map(|decoded| (decoded, length))
        .ok_or("invalid \\u escape")
}

/// Four hex digits at `at`, as a UTF-16 code unit.
fn hex4(bytes: &[u8], at: usize) -> Option<u16> {
    bytes
        .get(at..at + 4)?
        .iter()
        .try_fold(0u16, |value, &digit| {
            let digit = char::from(digit).to_digit(16)?;
            Some((value << 4) | u16::try_from(digit).ok()?)
        })
}
