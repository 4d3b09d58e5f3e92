//! How the API's server (Python, Django, django-filter) reads text: white
//! space, whole numbers, booleans. `tests/drf/filter_cases.json` holds what a
//! real Django REST Framework + django-filter server answers, and
//! `tests/drf_filters.rs` checks these against it.

/// White space as Python's `str.isspace` (and so `str.strip` and `\s`) sees
/// it: Unicode's, and the four information separators U+001C–U+001F.
pub fn is_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// Python's `str.strip()`, as Django's `forms.CharField` strips a value.
pub fn strip(text: &str) -> &str {
    text.trim_matches(is_space)
}

/// The first character of every run of ten decimal digits, `0` to `9`, that
/// Python's `int()` reads (Unicode 14's `Nd` characters, Python 3.11's
/// `unicodedata.decimal`).
pub const DECIMAL_ZEROS: [u32; 66] = [
    0x30, 0x660, 0x6f0, 0x7c0, 0x966, 0x9e6, 0xa66, 0xae6, 0xb66, 0xbe6, 0xc66, 0xce6, 0xd66,
    0xde6, 0xe50, 0xed0, 0xf20, 0x1040, 0x1090, 0x17e0, 0x1810, 0x1946, 0x19d0, 0x1a80, 0x1a90,
    0x1b50, 0x1bb0, 0x1c40, 0x1c50, 0xa620, 0xa8d0, 0xa900, 0xa9d0, 0xa9f0, 0xaa50, 0xabf0, 0xff10,
    0x104a0, 0x10d30, 0x11066, 0x110f0, 0x11136, 0x111d0, 0x112f0, 0x11450, 0x114d0, 0x11650,
    0x116c0, 0x11730, 0x118e0, 0x11950, 0x11c50, 0x11d50, 0x11da0, 0x16a60, 0x16ac0, 0x16b50,
    0x1d7ce, 0x1d7d8, 0x1d7e2, 0x1d7ec, 0x1d7f6, 0x1e140, 0x1e2f0, 0x1e950, 0x1fbf0,
];

/// The value of a decimal digit of any script, as `unicodedata.decimal`.
pub fn decimal(c: char) -> Option<u32> {
    let c = u32::from(c);
    let i = DECIMAL_ZEROS.partition_point(|&zero| zero <= c);
    let zero = DECIMAL_ZEROS[i.checked_sub(1)?];
    (c - zero < 10).then_some(c - zero)
}

/// Python's `int(text)`, which is how Django's integer lookups read a
/// primary key (`IntegerField.get_prep_value`): white space around it,
/// one sign, decimal digits of any script with single underscores between
/// them. `None` where Python raises `ValueError` (`1.0`, `0x5`, `5 5`, `_5`).
///
/// As CPython does, every character past ASCII is first made ASCII, white
/// space to a space and a digit to its digit (anything else fails); around
/// the number, only ASCII's six white-space characters are then skipped, so
/// U+00A0 is white space there and U+001C is not.
///
/// A number past `i128` saturates: no id is that large. (Python refuses a
/// number of more than 4,300 digits; Django then answers as for an id that
/// is not there, as it does for any id past the column's range.)
pub fn int(text: &str) -> Option<i128> {
    let ascii: Option<Vec<u8>> = text
        .chars()
        .map(|c| match u32::from(c) {
            // ASCII (but DEL) is kept as it is.
            0..=126 => u8::try_from(c).ok(),
            _ if is_space(c) => Some(b' '),
            _ => decimal(c)
                .and_then(|d| u8::try_from(d).ok())
                .map(|d| b'0' + d),
        })
        .collect();
    let ascii = ascii?;
    // C's `isspace`: Rust's ASCII white space leaves out the vertical tab.
    let space = |b: &u8| b" \t\n\x0b\x0c\r".contains(b);
    let start = ascii.iter().position(|b| !space(b))?;
    let end = ascii.iter().rposition(|b| !space(b))?;
    let number = &ascii[start..=end];
    let (negative, digits) = match number.split_first()? {
        (b'-', rest) => (true, rest),
        (b'+', rest) => (false, rest),
        _ => (false, number),
    };
    if !digits.first()?.is_ascii_digit() {
        return None;
    }
    let mut value: i128 = 0;
    let mut after_underscore = false;
    for &b in digits {
        match b {
            b'_' if !after_underscore => after_underscore = true,
            b'0'..=b'9' => {
                after_underscore = false;
                let d = i128::from(b - b'0');
                value = value.saturating_mul(10);
                value = if negative {
                    value.saturating_sub(d)
                } else {
                    value.saturating_add(d)
                };
            }
            _ => return None,
        }
    }
    (!after_underscore).then_some(value)
}

/// What django-filter's `BooleanFilter` reads a value as, with the widget
/// `django_filters.rest_framework` gives it (`BooleanWidget`): the value
/// lower-cased, then `true` or `1`, `false` or `0`. Anything else (`yes`,
/// ` true`, an empty value) is `None`: the filter is not applied.
pub fn django_bool(text: &str) -> Option<bool> {
    match text.to_lowercase().as_str() {
        "true" | "1" => Some(true),
        "false" | "0" => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn int_reads_as_python_does() {
        for (text, want) in [
            ("5", Some(5)),
            (" 5 ", Some(5)),
            ("+5", Some(5)),
            ("-5", Some(-5)),
            ("-0", Some(0)),
            ("0005", Some(5)),
            ("1_0", Some(10)),
            ("\t5\n", Some(5)),
            ("\u{b}5\u{c}\r", Some(5)),
            ("\u{a0}5\u{3000}", Some(5)),
            ("\u{664}", Some(4)),
            ("\u{ff14}2", Some(42)),
            ("99999999999999999999", Some(99_999_999_999_999_999_999)),
            ("", None),
            (" ", None),
            ("+", None),
            ("+ 5", None),
            ("++5", None),
            ("5 5", None),
            ("1.0", None),
            ("1e3", None),
            ("0x5", None),
            ("_5", None),
            ("5_", None),
            ("1__0", None),
            ("\u{1c}5", None),
            ("5\u{7f}", None),
            ("\u{200b}5", None),
            ("5\u{301}", None),
        ] {
            assert_eq!(int(text), want, "{text:?}");
        }
        assert_eq!(int(&"9".repeat(60)), Some(i128::MAX));
        assert_eq!(int(&format!("-{}", "9".repeat(60))), Some(i128::MIN));
    }

    #[test]
    fn booleans_are_the_widgets_four_words_in_any_case() {
        assert_eq!(django_bool("TRUE"), Some(true));
        assert_eq!(django_bool("1"), Some(true));
        assert_eq!(django_bool("False"), Some(false));
        assert_eq!(django_bool("0"), Some(false));
        for ignored in ["yes", "no", " true", "true ", "", "01", "t", "on"] {
            assert_eq!(django_bool(ignored), None, "{ignored:?}");
        }
    }

    #[test]
    fn strip_is_pythons() {
        assert_eq!(strip("\u{1c} a b\u{85}\u{a0}"), "a b");
        assert_eq!(strip("\u{200b}a"), "\u{200b}a");
    }
}
