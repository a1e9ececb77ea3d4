//! The grammar, edge by edge, and a differential test against serde_json.

use proptest::prelude::*;
use proptest::sample::select;

use super::*;

/// The tree in a compact form: strings as Rust writes them, numbers as
/// written, members in order with duplicates.
fn show(value: &Value) -> String {
    match value {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(number) => number.text().into(),
        Value::String(text) => format!("{:?}", &**text),
        Value::Array(items) => {
            format!("[{}]", items.iter().map(show).collect::<Vec<_>>().join(","))
        }
        Value::Object(members) => format!(
            "{{{}}}",
            members
                .iter()
                .map(|(key, value)| format!("{:?}:{}", &**key, show(value)))
                .collect::<Vec<_>>()
                .join(",")
        ),
    }
}

fn read(text: &str) -> String {
    match parse(text) {
        Ok(value) => show(&value),
        Err(error) => panic!("{text:?}: {error}"),
    }
}

fn refusal(text: &str) -> String {
    match parse(text) {
        Ok(value) => panic!("{text:?} was read as {}", show(&value)),
        Err(error) => error.to_string(),
    }
}

fn number(text: &str) -> Number<'_> {
    match parse(text) {
        Ok(Value::Number(number)) => number,
        _ => panic!("{text:?} is not a number"),
    }
}

#[test]
fn reads_literals_and_whitespace() {
    assert_eq!(read(" \t\r\n true \n"), "true");
    assert_eq!(read("false"), "false");
    assert_eq!(read("null"), "null");
    assert_eq!(read("[ ]"), "[]");
    assert_eq!(read("{\r\n}"), "{}");
    assert_eq!(
        read(r#" [ null , [true] , { "a" : [ ] } ] "#),
        r#"[null,[true],{"a":[]}]"#
    );
    for bad in [
        "",
        " ",
        "tru",
        "nul",
        "truex",
        "True",
        "NULL",
        "\u{a0}1",
        "\u{feff}{}",
        "\u{b}1",
        "\u{c}1",
        "true false",
        "[1]]",
        "{}}",
        "[1] x",
        "//\n1",
        "/* */1",
    ] {
        refusal(bad);
    }
}

#[test]
fn decodes_every_escape() {
    assert_eq!(read(r#""\"\\\/\b\f\n\r\t""#), r#""\"\\/\u{8}\u{c}\n\r\t""#);
    assert_eq!(
        read(r#""\u0041\u00e9\u20AC\uFFFF\u0000""#),
        r#""Aé€\u{ffff}\0""#
    );
    assert_eq!(read(r#""a\ud83d\ude00b\uD83D\uDE00""#), r#""a😀b😀""#);
    assert_eq!(read(r#""\udbff\udfff""#), r#""\u{10ffff}""#);
    assert_eq!(
        read("\"é😀\u{7f}\u{80}\u{9f}\""),
        "\"é😀\\u{7f}\\u{80}\\u{9f}\""
    );
    for bad in [
        r#""\a""#,
        r#""\x41""#,
        r#""\U0041""#,
        r#""\u12""#,
        r#""\u12g4""#,
        r#""\u 123""#,
        r#""\""#,
        r#""abc"#,
        r#""\é""#,
        "\"\\\u{1}\"",
        r#""\"#,
    ] {
        refusal(bad);
    }
}

#[test]
fn refuses_lone_surrogates() {
    for bad in [
        r#""\ud800""#,
        r#""\ud800x""#,
        r#""\ud800\n""#,
        r#""\ud800\u0041""#,
        r#""\ud800\ud800""#,
        r#""\ud800\u""#,
        r#""\udc00""#,
        r#""\udfff\ud800""#,
        r#""\uDBFF""#,
    ] {
        assert!(refusal(bad).contains("surrogate"), "{bad}");
    }
}

#[test]
fn refuses_unescaped_control_characters() {
    for byte in 0u8..0x20 {
        let text = format!("\"a{}b\"", char::from(byte));
        assert!(
            refusal(&text).starts_with("a control character must be escaped"),
            "{byte:#x}"
        );
    }
}

#[test]
fn borrows_strings_without_escapes() {
    let Ok(Value::Array(items)) = parse(r#"["plain", "esc\naped"]"#) else {
        panic!("not an array");
    };
    assert!(
        matches!(items.as_slice(), [Value::String(Text::Borrowed("plain")), Value::String(Text::Decoded(decoded))] if decoded.as_str() == "esc\naped")
    );
}

#[test]
fn keeps_numbers_as_written() {
    for literal in [
        "0",
        "-0",
        "1",
        "-1",
        "10",
        "0.5",
        "-0.0",
        "1e5",
        "1E5",
        "1e+5",
        "1e-5",
        "1.5e10",
        "0e0",
        "1E-0",
        "123456789012345678901234567890",
        "1e400",
        "-1e-400",
    ] {
        assert_eq!(number(literal).text(), literal);
    }
    for bad in [
        "01",
        "-01",
        "00",
        "+1",
        "-",
        "1.",
        ".5",
        "1.e5",
        "1e",
        "1e+",
        "1e-",
        "--1",
        "-a",
        "0x10",
        "1_000",
        "Infinity",
        "-Infinity",
        "NaN",
        "1.5.5",
        "1 2",
        "1ee5",
    ] {
        refusal(bad);
    }
    assert!(refusal("01").starts_with("a number has a leading zero"));
}

#[test]
fn gives_an_i64_only_for_integers_in_range() {
    for (literal, value) in [
        ("0", Some(0)),
        ("-0", Some(0)),
        ("42", Some(42)),
        ("-42", Some(-42)),
        ("9223372036854775807", Some(i64::MAX)),
        ("-9223372036854775808", Some(i64::MIN)),
        ("9223372036854775808", None),
        ("-9223372036854775809", None),
        ("18446744073709551616", None),
        ("100000000000000000000000", None),
        ("1.0", None),
        ("1e5", None),
        ("1E0", None),
        ("-0.0", None),
    ] {
        assert_eq!(number(literal).as_i64(), value, "{literal}");
    }
}

#[test]
fn tells_zero() {
    for zero in ["0", "-0", "0.000", "0e7", "-0.0E-5"] {
        assert!(number(zero).is_zero(), "{zero}");
    }
    for other in ["1", "0.001", "1e-400", "10", "-0.01e9"] {
        assert!(!number(other).is_zero(), "{other}");
    }
}

#[test]
fn keeps_members_in_order_with_duplicates() {
    assert_eq!(
        read(r#"{"b":1,"a":2,"b":{"b":[]},"":null}"#),
        r#"{"b":1,"a":2,"b":{"b":[]},"":null}"#
    );
    for bad in [
        r#"{"a" 1}"#,
        r#"{"a":1,}"#,
        "[1,]",
        "[,1]",
        "[1 2]",
        "{1:2}",
        "{'a':1}",
        r#"{"a":1"#,
        "[",
        "]",
        "}",
        r#"{"a"}"#,
        r#"{"a":}"#,
        r#"{,}"#,
        r#"{"a":1 "b":2}"#,
    ] {
        refusal(bad);
    }
}

#[test]
fn limits_nesting_as_serde_json_does() {
    let arrays = |depth: usize| format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    let objects = |depth: usize| format!("{}1{}", r#"{"a":"#.repeat(depth), "}".repeat(depth));
    for nested in [arrays, objects] {
        assert!(parse(&nested(MAX_DEPTH)).is_ok());
        assert!(serde_json::from_str::<serde_json::Value>(&nested(MAX_DEPTH)).is_ok());
        let limit = refusal(&nested(MAX_DEPTH + 1));
        assert!(
            limit.contains(&format!("more than {MAX_DEPTH} deep")),
            "{limit}"
        );
        assert!(serde_json::from_str::<serde_json::Value>(&nested(MAX_DEPTH + 1)).is_err());
        // Far deeper than any stack holds, were the limit missing.
        refusal(&nested(1_000_000));
    }
    refusal(&"[{\"a\":".repeat(100_000));
}

#[test]
fn says_what_and_where_without_quoting_the_input() {
    assert_eq!(
        refusal("{\n  \"a\": tru\n}"),
        "expected a value at line 2, column 8"
    );
    assert_eq!(
        refusal(r#"{"a":1"#),
        "expected ',' or '}' after an object member, but the input ends at line 1, column 7"
    );
    assert_eq!(
        refusal("[\"é😀\" x]"),
        "expected ',' or ']' after an array item at line 1, column 7"
    );
    assert_eq!(
        refusal(r#"{"d":"c2VjcmV0"#),
        "expected '\"' to close a string, but the input ends at line 1, column 15"
    );
    assert_eq!(
        refusal(""),
        "expected a value, but the input ends at line 1, column 1"
    );
    assert_eq!(
        refusal(r#"{"d":"c2VjcmV0\q"}"#),
        "invalid escape in a string at line 1, column 15"
    );
    assert_eq!(
        refusal("1 c2VjcmV0"),
        "expected nothing more after the JSON value at line 1, column 3"
    );
}

// The differential test: serde_json (what the crate used before) and this
// reader accept and refuse the same texts and read the same values, except
// for numbers beyond f64, which serde_json alone refuses.

/// What each parser makes of `text`.
fn agree(text: &str) -> Result<(), TestCaseError> {
    let theirs = serde_json::from_str::<serde_json::Value>(text);
    match (parse(text), theirs) {
        (Ok(ours), Ok(theirs)) => prop_assert_eq!(as_serde(&ours), theirs, "{:?}", text),
        (Err(_), Err(_)) => {}
        (Ok(_), Err(error)) if error.to_string().starts_with("number out of range") => {}
        (ours, theirs) => prop_assert!(
            false,
            "{:?}: ours {:?}, serde_json's {:?}",
            text,
            ours.map(|value| show(&value)),
            theirs
        ),
    }
    Ok(())
}

/// The tree as serde_json's `Value`, in which the last of a repeated key
/// wins. Each number's `i64` is checked against serde_json's on the way.
fn as_serde(value: &Value) -> serde_json::Value {
    match value {
        Value::Null => serde_json::Value::Null,
        Value::Bool(b) => serde_json::Value::Bool(*b),
        Value::Number(number) => {
            let theirs: serde_json::Value = serde_json::from_str(number.text()).unwrap();
            // serde_json reads -0 as a float, to keep its sign.
            let theirs_i64 = theirs.as_i64().or((number.text() == "-0").then_some(0));
            assert_eq!(number.as_i64(), theirs_i64, "{}", number.text());
            theirs
        }
        Value::String(text) => serde_json::Value::String(text.to_string()),
        Value::Array(items) => serde_json::Value::Array(items.iter().map(as_serde).collect()),
        Value::Object(members) => serde_json::Value::Object(
            members
                .iter()
                .map(|(key, value)| (key.to_string(), as_serde(value)))
                .collect(),
        ),
    }
}

fn space() -> impl Strategy<Value = &'static str> {
    select(vec!["", "", "", " ", "\n", "\r\n\t "])
}

fn number_text() -> impl Strategy<Value = String> {
    let integer = prop_oneof![
        Just("0".to_string()),
        (1u8..10, prop::collection::vec(0u8..10, 0..22)).prop_map(|(first, rest)| {
            std::iter::once(first)
                .chain(rest)
                .map(|d| char::from(b'0' + d))
                .collect()
        }),
        select(vec![
            "9223372036854775807",
            "9223372036854775808",
            "18446744073709551615",
            "18446744073709551616",
        ])
        .prop_map(String::from),
    ];
    let fraction = prop::option::of(prop::collection::vec(0u8..10, 1..6));
    let exponent = prop::option::of((
        select(vec!["e", "E"]),
        select(vec!["", "+", "-"]),
        0u32..330,
    ));
    (any::<bool>(), integer, fraction, exponent).prop_map(
        |(negative, integer, fraction, exponent)| {
            let mut text = if negative {
                "-".to_string()
            } else {
                String::new()
            };
            text.push_str(&integer);
            if let Some(digits) = fraction {
                text.push('.');
                text.extend(digits.into_iter().map(|d| char::from(b'0' + d)));
            }
            if let Some((e, sign, power)) = exponent {
                text.push_str(&format!("{e}{sign}{power}"));
            }
            text
        },
    )
}

fn string_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => any::<char>()
            .prop_filter("written plainly", |c| !matches!(c, '"' | '\\' | '\0'..='\u{1f}'))
            .prop_map(String::from),
        1 => select(vec![r#"\""#, r"\\", r"\/", r"\b", r"\f", r"\n", r"\r", r"\t"]).prop_map(String::from),
        2 => (any::<char>(), any::<bool>()).prop_map(|(c, upper)| {
            c.encode_utf16(&mut [0; 2])
                .iter()
                .map(|unit| if upper { format!("\\u{unit:04X}") } else { format!("\\u{unit:04x}") })
                .collect()
        }),
    ];
    prop::collection::vec(piece, 0..8).prop_map(|pieces| format!("\"{}\"", pieces.concat()))
}

fn json_text() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        select(vec!["null", "true", "false"]).prop_map(String::from),
        number_text(),
        string_text(),
    ];
    leaf.prop_recursive(5, 48, 5, |inner| {
        let key = prop_oneof![
            select(vec![r#""a""#, r#""kty""#, r#""d""#]).prop_map(String::from),
            string_text(),
        ];
        prop_oneof![
            prop::collection::vec((inner.clone(), space(), space()), 0..5).prop_map(|items| {
                let items: Vec<_> = items.iter().map(|(v, a, b)| format!("{a}{v}{b}")).collect();
                format!("[{}]", items.join(","))
            }),
            prop::collection::vec((key, inner, space(), space()), 0..5).prop_map(|members| {
                let members: Vec<_> = members
                    .iter()
                    .map(|(k, v, a, b)| format!("{a}{k}{b}:{b}{v}{a}"))
                    .collect();
                format!("{{{}}}", members.join(","))
            }),
        ]
    })
}

/// What a mutation inserts or writes over.
const TOKENS: &[&str] = &[
    "\"", "\\", "\\u", "\\ud800", "\\udc00", "d83d", "[", "]", "{", "}", ",", ":", "-", "0", "1",
    ".", "e", "+", " ", "\0", "\u{1f}", "\u{7f}", "é", "\u{feff}", "1e400", "tru", "null",
    "\"k\":", "00",
];

fn mutated_json_text() -> impl Strategy<Value = String> {
    let edit = (any::<usize>(), 0u8..3, select(TOKENS));
    (json_text(), prop::collection::vec(edit, 1..4)).prop_map(|(text, edits)| {
        let mut chars: Vec<char> = text.chars().collect();
        for (at, kind, token) in edits {
            let at = at % (chars.len() + 1);
            let end = match kind {
                0 => at,
                1 => (at + 1).min(chars.len()),
                _ => (at + token.chars().count()).min(chars.len()),
            };
            let with = if kind == 1 { "" } else { token };
            chars.splice(at..end, with.chars());
        }
        chars.into_iter().collect()
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2048))]

    #[test]
    fn agrees_with_serde_json_on_generated_json(text in json_text()) {
        agree(&text)?;
    }

    #[test]
    fn agrees_with_serde_json_on_mutated_json(text in mutated_json_text()) {
        agree(&text)?;
    }
}
