//! A query string as Django reads it (`QueryDict`, on Python's
//! `urllib.parse.parse_qsl`), and re-written as Django REST Framework's
//! `rest_framework.utils.urls` writes it into `next` and `previous`:
//! `replace_query_param` and `remove_query_param` parse the query again,
//! set or drop one key, and encode every pair in sorted key order with
//! `urlencode(…, doseq=True)` (`quote_plus`).

use std::collections::BTreeMap;

/// Django's `DATA_UPLOAD_MAX_NUMBER_FIELDS`: past it a query is refused.
pub const MAX_FIELDS: usize = 1000;

/// The pairs of a query string, in order, as `parse_qsl(query,
/// keep_blank_values=True)` reads them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Params {
    pairs: Vec<(String, String)>,
}

impl Params {
    /// `None` where Django refuses the query for having more than
    /// [`MAX_FIELDS`] fields (it counts the separators, empty fields too).
    pub fn parse(query: &str) -> Option<Params> {
        if query.is_empty() {
            return Some(Params::default());
        }
        if query.bytes().filter(|&b| b == b'&').count() + 1 > MAX_FIELDS {
            return None;
        }
        let pairs = query
            .split('&')
            .filter(|field| !field.is_empty())
            .map(|field| {
                let (name, value) = field.split_once('=').unwrap_or((field, ""));
                (unquote_plus(name), unquote_plus(value))
            })
            .collect();
        Some(Params { pairs })
    }

    /// The last value given for `key` (`QueryDict.get`, `QueryDict[key]`).
    pub fn get(&self, key: &str) -> Option<&str> {
        self.pairs
            .iter()
            .rev()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    pub fn pairs(&self) -> &[(String, String)] {
        &self.pairs
    }

    /// `replace_query_param`: every value of `key` replaced by `value`.
    pub fn replace(&self, key: &str, value: &str) -> Params {
        let mut pairs: Vec<(String, String)> = self
            .pairs
            .iter()
            .filter(|(k, _)| k != key)
            .cloned()
            .collect();
        pairs.push((key.to_string(), value.to_string()));
        Params { pairs }
    }

    /// `remove_query_param`.
    pub fn remove(&self, key: &str) -> Params {
        Params {
            pairs: self
                .pairs
                .iter()
                .filter(|(k, _)| k != key)
                .cloned()
                .collect(),
        }
    }

    /// `urlencode(sorted(parse_qs(…).items()), doseq=True)`: keys in sorted
    /// order, each key's values in the order given.
    pub fn encode(&self) -> String {
        let mut by_key: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for (k, v) in &self.pairs {
            by_key.entry(k).or_default().push(v);
        }
        let mut out = String::new();
        for (k, values) in by_key {
            for v in values {
                if !out.is_empty() {
                    out.push('&');
                }
                out.push_str(&quote_plus(k));
                out.push('=');
                out.push_str(&quote_plus(v));
            }
        }
        out
    }

    /// `url` (without a query) with these pairs as its query, as `urlunsplit` joins them.
    pub fn on(&self, url: &str) -> String {
        let query = self.encode();
        if query.is_empty() {
            url.to_string()
        } else {
            format!("{url}?{query}")
        }
    }
}

/// Python's `unquote(text.replace('+', ' '))`: `%XX` escapes decoded (a
/// `%` not followed by two hex digits kept), the bytes read as UTF-8 with
/// every invalid sequence one U+FFFD (`errors='replace'`).
pub fn unquote_plus(text: &str) -> String {
    decode(text, true)
}

/// Python's `unquote(text)`: a path's escapes decoded, `+` kept.
pub fn unquote(text: &str) -> String {
    decode(text, false)
}

fn decode(text: &str, plus_is_space: bool) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' if plus_is_space => out.push(b' '),
            b'%' => match (
                bytes.get(i + 1).and_then(hex),
                bytes.get(i + 2).and_then(hex),
            ) {
                (Some(high), Some(low)) => {
                    out.push(high << 4 | low);
                    i += 2;
                }
                _ => out.push(b'%'),
            },
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex(b: &u8) -> Option<u8> {
    (*b as char).to_digit(16).map(|d| d as u8)
}

/// Python's `quote_plus(text, safe='')`: UTF-8, every byte but letters,
/// digits and `_.-~` escaped as `%XX`, a space as `+`.
pub fn quote_plus(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for &b in text.as_bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'_' | b'.' | b'-' | b'~' => {
                out.push(b as char)
            }
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_as_parse_qsl_with_blank_values() {
        let p = Params::parse("a=1&&b&c=&a=%2&d=x+y%20z&e=%E2%82%AC&f=%FF&=g").unwrap();
        let want: Vec<(String, String)> = [
            ("a", "1"),
            ("b", ""),
            ("c", ""),
            ("a", "%2"),
            ("d", "x y z"),
            ("e", "€"),
            ("f", "\u{fffd}"),
            ("", "g"),
        ]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        assert_eq!(p.pairs(), &want[..]);
        assert_eq!(p.get("a"), Some("%2"));
    }

    #[test]
    fn writes_as_urlencode_in_sorted_order() {
        let p = Params::parse("search=soyuz&ordering=-id&limit=5&offset=10").unwrap();
        assert_eq!(
            p.replace("limit", "5").replace("offset", "15").encode(),
            "limit=5&offset=15&ordering=-id&search=soyuz"
        );
        let p = Params::parse("x=~._-*!'()&y=a/b&z=%25").unwrap();
        assert_eq!(p.encode(), "x=~._-%2A%21%27%28%29&y=a%2Fb&z=%25");
        assert!(Params::parse(&"&".repeat(MAX_FIELDS)).is_none());
        assert!(Params::parse(&"&".repeat(MAX_FIELDS - 1)).is_some());
    }
}
