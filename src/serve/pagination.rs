//! Django REST Framework's `LimitOffsetPagination` with LL2's settings
//! (default 10, at most 100): how `limit` and `offset` are read
//! (`_positive_int`, on Python's `int()`), which rows a page holds, and its
//! `next` and `previous` links (`get_next_link`, `get_previous_link`).

use super::params::Params;
use super::renderer;
use crate::search::python;
use serde_json::{json, Map, Value};
use std::sync::Arc;

pub const DEFAULT_LIMIT: u64 = 10;
pub const MAX_LIMIT: u64 = 100;

/// Python refuses to read a number of more than 4,300 digits
/// (`sys.get_int_max_str_digits()`): `int()` raises `ValueError`.
const MAX_DIGITS: usize = 4300;

/// A whole number as Python's `int()` reads it, if it reads it and it is
/// not negative: its decimal digits (no sign, no leading zeros).
fn natural(text: &str) -> Option<String> {
    let value = python::int(text)?;
    let digits: String = text
        .chars()
        .filter_map(python::decimal)
        .filter_map(|d| char::from_digit(d, 10))
        .collect();
    if value < 0 || digits.len() > MAX_DIGITS {
        return None;
    }
    let digits = digits.trim_start_matches('0');
    Some(if digits.is_empty() { "0" } else { digits }.to_string())
}

/// `offset`: any size Python reads (it is only compared and subtracted from).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Offset {
    digits: String,
    /// The value, when it fits.
    value: Option<u64>,
}

impl Offset {
    fn of(value: u64) -> Offset {
        Offset {
            digits: value.to_string(),
            value: Some(value),
        }
    }

    /// `self - n`, when it is above zero.
    fn minus(&self, n: u64) -> Option<Offset> {
        match self.value {
            Some(v) => (v > n).then(|| Offset::of(v - n)),
            // More digits than u64 holds: far above any limit.
            None => Some(Offset {
                digits: subtract(&self.digits, n),
                value: None,
            }),
        }
    }
}

/// `digits - n` in decimal, for `digits` larger than `n`.
fn subtract(digits: &str, n: u64) -> String {
    let mut out: Vec<u8> = digits.bytes().map(|b| b - b'0').collect();
    let mut borrow = n;
    for d in out.iter_mut().rev() {
        if borrow == 0 {
            break;
        }
        let take = (borrow % 10) as u8;
        borrow /= 10;
        if *d >= take {
            *d -= take;
        } else {
            *d += 10 - take;
            borrow += 1;
        }
    }
    let text: String = out.iter().map(|d| char::from(b'0' + d)).collect();
    let text = text.trim_start_matches('0');
    if text.is_empty() { "0" } else { text }.to_string()
}

/// One page of a list of `count` rows, as asked for by `params`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    pub count: u64,
    pub limit: u64,
    offset: Offset,
}

impl Page {
    pub fn new(params: &Params, count: u64) -> Page {
        // `_positive_int(…, strict=True, cutoff=max_limit)`, else the default.
        let limit = params
            .get("limit")
            .and_then(natural)
            .map(|d| d.parse::<u64>().unwrap_or(u64::MAX))
            .filter(|&l| l > 0)
            .map_or(DEFAULT_LIMIT, |l| l.min(MAX_LIMIT));
        let offset = params
            .get("offset")
            .and_then(natural)
            .map_or(Offset::of(0), |digits| Offset {
                value: digits.parse().ok(),
                digits,
            });
        Page {
            count,
            limit,
            offset,
        }
    }

    /// The rows of the page: `[offset, offset + limit)`, none past the end.
    pub fn rows(&self) -> std::ops::Range<usize> {
        match self.offset.value {
            Some(o) if o <= self.count => {
                let start = o as usize;
                start..(o.saturating_add(self.limit).min(self.count)) as usize
            }
            _ => 0..0,
        }
    }

    /// `get_next_link`: `url` with this page's limit and the next offset.
    pub fn next(&self, url: &str, params: &Params) -> Option<String> {
        let offset = self.offset.value?;
        let next = offset.checked_add(self.limit)?;
        if next >= self.count {
            return None;
        }
        Some(
            params
                .replace("limit", &self.limit.to_string())
                .replace("offset", &next.to_string())
                .on(url),
        )
    }

    /// `get_previous_link`: none at offset 0; without `offset` when the
    /// previous page starts at the first row.
    pub fn previous(&self, url: &str, params: &Params) -> Option<String> {
        if self.offset.value == Some(0) {
            return None;
        }
        let params = params.replace("limit", &self.limit.to_string());
        Some(match self.offset.minus(self.limit) {
            Some(offset) => params.replace("offset", &offset.digits).on(url),
            None => params.remove("offset").on(url),
        })
    }
}

/// One page with its records rendered already ([`super::fragments`]).
#[derive(Debug, Clone, PartialEq)]
pub struct PageBody {
    count: u64,
    next: Option<String>,
    previous: Option<String>,
    results: Vec<Arc<str>>,
}

impl PageBody {
    /// The page as `render` writes the same `Value`: its keys in order,
    /// compact, the records' own text between commas.
    pub fn render(&self) -> String {
        let link = |l: &Option<String>| renderer::render(&json!(l));
        let size = self.results.iter().map(|r| r.len() + 1).sum::<usize>() + 64;
        let mut out = String::with_capacity(size);
        out.push_str("{\"count\":");
        out.push_str(&self.count.to_string());
        out.push_str(",\"next\":");
        out.push_str(&link(&self.next));
        out.push_str(",\"previous\":");
        out.push_str(&link(&self.previous));
        out.push_str(",\"results\":[");
        for (i, record) in self.results.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            out.push_str(record);
        }
        out.push_str("]}");
        out
    }
}

/// [`body`] of records rendered already.
pub fn rendered_body(
    params: &Params,
    list_url: &str,
    count: usize,
    rows: impl FnOnce(std::ops::Range<usize>) -> Vec<Arc<str>>,
) -> PageBody {
    let page = Page::new(params, count as u64);
    PageBody {
        count: page.count,
        next: page.next(list_url, params),
        previous: page.previous(list_url, params),
        results: rows(page.rows()),
    }
}

/// The body of one page (`get_paginated_response`): `count`, `next`,
/// `previous` and the `results` that `rows` makes of the page's rows.
pub fn body(
    params: &Params,
    list_url: &str,
    count: usize,
    rows: impl FnOnce(std::ops::Range<usize>) -> Vec<Value>,
) -> Value {
    let page = Page::new(params, count as u64);
    let mut body = Map::new();
    body.insert("count".into(), json!(page.count));
    body.insert("next".into(), json!(page.next(list_url, params)));
    body.insert("previous".into(), json!(page.previous(list_url, params)));
    body.insert("results".into(), Value::Array(rows(page.rows())));
    Value::Object(body)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(query: &str, count: u64) -> Page {
        Page::new(&Params::parse(query).unwrap(), count)
    }

    #[test]
    fn limits_and_offsets_read_as_drf_reads_them() {
        for (query, limit) in [
            ("", 10),
            ("limit=0", 10),
            ("limit=-1", 10),
            ("limit=abc", 10),
            ("limit=5.0", 10),
            ("limit=%2B5", 5),
            ("limit=%D9%A5", 5),
            ("limit=1_0", 10),
            ("limit=101", 100),
            ("limit=99999999999999999999999", 100),
        ] {
            assert_eq!(page(query, 30).limit, limit, "{query}");
        }
        assert_eq!(page("offset=-1", 30).rows(), 0..10);
        assert_eq!(page("offset=29", 30).rows(), 29..30);
        assert_eq!(page("offset=31", 30).rows(), 0..0);
        let huge = format!("offset={}", "9".repeat(5000));
        assert_eq!(page(&huge, 30).rows(), 0..10, "past Python's digits: 0");
    }

    #[test]
    fn a_rendered_page_is_the_pages_value_rendered() {
        let records = [
            json!({"id": 1, "name": "Vostok\u{2028}1"}),
            json!({"id": 2}),
        ];
        for query in [
            "",
            "limit=1",
            "limit=1&offset=1",
            "offset=5",
            "search=%22a%22",
        ] {
            let params = Params::parse(query).unwrap();
            let url = "http://m/2.3.0/spacecraft/";
            let whole = body(&params, url, 2, |rows| records[rows].to_vec());
            let pieces = rendered_body(&params, url, 2, |rows| {
                records[rows]
                    .iter()
                    .map(|r| Arc::from(renderer::render(r)))
                    .collect()
            });
            assert_eq!(pieces.render(), renderer::render(&whole), "{query}");
        }
    }

    #[test]
    fn links_as_drf_writes_them() {
        let url = "http://m/2.3.0/spacecraft/";
        let q = "search=soyuz&ordering=-id&limit=5&offset=10";
        let params = Params::parse(q).unwrap();
        let p = Page::new(&params, 30);
        assert_eq!(
            p.next(url, &params).unwrap(),
            "http://m/2.3.0/spacecraft/?limit=5&offset=15&ordering=-id&search=soyuz"
        );
        assert_eq!(
            p.previous(url, &params).unwrap(),
            "http://m/2.3.0/spacecraft/?limit=5&offset=5&ordering=-id&search=soyuz"
        );
        let params = Params::parse("offset=99999999999999999999&limit=3").unwrap();
        let p = Page::new(&params, 30);
        assert_eq!(p.next(url, &params), None);
        assert_eq!(
            p.previous(url, &params).unwrap(),
            "http://m/2.3.0/spacecraft/?limit=3&offset=99999999999999999996"
        );
        assert_eq!(subtract("100000000000000000000", 3), "99999999999999999997");
    }
}
