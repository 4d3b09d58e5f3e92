//! Search, filters and ordering over a loaded catalog, with the API's own
//! semantics so that a local result equals the server's for the same query.
//!
//! The filters (`filters.rs`) and the orderings (`order.rs`) have files of
//! their own, re-exported here: the catalog presorts by the orderings, and
//! so must reach them without reaching [`Query`], which uses the fuzzy
//! search, which uses the catalog.

pub use super::filters::{
    Filter, FilterError, FilterKey, FilterParam, FilterReading, IdOrName, INVALID_CHOICE,
    NULL_CHARACTERS,
};
pub use super::order::{Order, OrderField};

use super::fuzzy::Fuzzy;
use super::python::is_space;
use crate::api::Spacecraft;

/// The API's `search`: the text split as Django REST Framework splits it
/// ([`search_terms`]); every term must occur, ignoring case, in the name or
/// in the configuration's name.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Search {
    terms: Vec<String>,
}

impl Search {
    pub fn new(text: &str) -> Self {
        Search {
            terms: search_terms(text)
                .iter()
                // An empty term (a lone quote, `""`) is in every name: it rules nothing out.
                .filter(|t| !t.is_empty())
                .map(|t| super::fold(t))
                .collect(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    pub fn terms(&self) -> &[String] {
        &self.terms
    }

    /// Against folded haystacks ([`super::fold`], precomputed by callers that search often).
    pub fn matches_folded(&self, name: &str, config: &str) -> bool {
        self.terms
            .iter()
            .all(|t| name.contains(t.as_str()) || config.contains(t.as_str()))
    }

    pub fn matches(&self, s: &Spacecraft) -> bool {
        self.is_empty()
            || self.matches_folded(
                &super::fold(s.search_name()),
                &super::fold(s.search_config_name().unwrap_or_default()),
            )
    }
}

/// Django's `smart_split`: runs of non-space text, where a quoted part
/// (`"…"` or `'…'`, a backslash escaping the next character but a newline)
/// may hold spaces. A quote that does not close is an ordinary character.
fn smart_split(text: &str) -> Vec<&str> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let at = |i: usize| chars.get(i).map(|&(_, c)| c);
    let offset = |i: usize| chars.get(i).map_or(text.len(), |&(o, _)| o);
    let plain = |c: char| !is_space(c) && c != '"' && c != '\'';
    // The end of a quoted part opening at `i`, if it closes.
    let quoted = |i: usize| -> Option<usize> {
        let quote = at(i).filter(|c| matches!(c, '"' | '\''))?;
        let mut j = i + 1;
        loop {
            match at(j)? {
                c if c == quote => return Some(j + 1),
                '\\' => match at(j + 1)? {
                    '\n' => return None,
                    _ => j += 2,
                },
                _ => j += 1,
            }
        }
    };
    let mut bits = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if at(i).is_some_and(is_space) {
            i += 1;
            continue;
        }
        let start = i;
        let mut end = i;
        while at(end).is_some_and(plain) {
            end += 1;
        }
        let mut parts = 0;
        while let Some(close) = quoted(end) {
            end = close;
            while at(end).is_some_and(plain) {
                end += 1;
            }
            parts += 1;
        }
        if parts == 0 {
            end = start;
            while at(end).is_some_and(|c| !is_space(c)) {
                end += 1;
            }
        }
        bits.push(&text[offset(start)..offset(end)]);
        i = end;
    }
    bits
}

/// The search terms Django REST Framework (3.15 and later) takes from
/// `?search=`: `search_smart_split`. A quoted token is one term, quotes
/// removed and escapes undone, spaces and commas kept; any other token is
/// split on commas.
pub fn search_terms(text: &str) -> Vec<String> {
    let mut terms = Vec::new();
    for bit in smart_split(text) {
        let term = bit.trim_matches(',');
        let mut ends = term.chars();
        let (first, last) = (ends.next(), ends.next_back().or(term.chars().next()));
        match first {
            Some(q @ ('"' | '\'')) if last == Some(q) => {
                let inner = if term.len() > 1 {
                    &term[1..term.len() - 1]
                } else {
                    ""
                };
                let escaped_quote = format!("\\{q}");
                terms.push(
                    inner
                        .replace(&escaped_quote, &q.to_string())
                        .replace("\\\\", "\\"),
                );
            }
            _ => terms.extend(
                term.split(',')
                    .filter(|t| !t.is_empty())
                    .map(|t| t.trim_matches(is_space).to_string()),
            ),
        }
    }
    terms
}

/// Everything that narrows and orders a listing.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Query {
    pub search: Search,
    /// When not empty: only rows it matches, best score first, then in `order`.
    pub fuzzy: Fuzzy,
    pub filters: Vec<Filter>,
    pub order: Order,
}

impl Query {
    /// Indices of the matching records, in order.
    pub fn apply(&self, records: &[Spacecraft]) -> Vec<usize> {
        let mut matcher = super::fuzzy::matcher();
        let mut score = vec![0; records.len()];
        let mut rows: Vec<usize> = (0..records.len())
            .filter(|&i| {
                let s = &records[i];
                if !(self.search.matches(s) && self.filters.iter().all(|f| f.matches(s))) {
                    return false;
                }
                if self.fuzzy.is_empty() {
                    return true;
                }
                self.fuzzy
                    .score(&mut matcher, s)
                    .map(|best| score[i] = best)
                    .is_some()
            })
            .collect();
        self.order.sort(records, &mut rows);
        // Stable: equal scores stay in `order`.
        rows.sort_by_key(|&i| std::cmp::Reverse(score[i]));
        rows
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::fixtures::craft_with_config;

    fn names(records: &[Spacecraft], rows: &[usize]) -> Vec<String> {
        rows.iter().map(|&i| records[i].name.clone()).collect()
    }

    #[test]
    fn every_term_must_match_name_or_configuration() {
        let records = vec![
            craft_with_config(1, "Soyuz MS-19", "Soyuz MS"),
            craft_with_config(2, "Soyuz TMA-8", "Soyuz TMA"),
            craft_with_config(3, "Dream Chaser Tenacity", "Dream Chaser"),
            craft_with_config(4, "Progress MS-08", "Progress-MS"),
        ];
        let q = |text: &str| Query {
            search: Search::new(text),
            ..Query::default()
        };
        assert_eq!(
            names(&records, &q("soyuz ms").apply(&records)),
            ["Soyuz MS-19"]
        );
        assert_eq!(
            names(&records, &q("MS,soyuz").apply(&records)),
            ["Soyuz MS-19"]
        );
        assert_eq!(
            names(&records, &q("tenacity").apply(&records)),
            ["Dream Chaser Tenacity"]
        );
        // One term in the name, the other only in the configuration.
        assert_eq!(
            names(&records, &q("tenacity chaser").apply(&records)),
            ["Dream Chaser Tenacity"]
        );
        assert_eq!(q("ms").apply(&records).len(), 2);
        assert_eq!(
            q("  ").apply(&records).len(),
            4,
            "blank text matches everything"
        );
        assert!(q("soyuz dragon").apply(&records).is_empty());
    }

    #[test]
    fn search_ignores_case_beyond_ascii() {
        let records = vec![
            craft_with_config(1, "Восток-1", "Восток"),
            craft_with_config(2, "神舟十号", "神舟"),
        ];
        let q = Query {
            search: Search::new("ВОСТОК"),
            ..Query::default()
        };
        assert_eq!(q.apply(&records), [0]);
        let q = Query {
            search: Search::new("神舟"),
            ..Query::default()
        };
        assert_eq!(q.apply(&records), [1]);
    }
}
