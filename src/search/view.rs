//! The [`View`]: what the list shows, the catalog with the filters, the
//! search and the order applied, refined keystroke by keystroke.

use super::catalog::Catalog;
use super::filters::Filter;
use super::fuzzy::{Ranking, SearchMode};
use super::matcher::{refines, Matcher};
use super::order::Order;
use super::query::Search;
use super::rows::{RowSet, DIRECT_SCAN_ROWS};

/// The rows shown: the catalog filtered and searched, in the chosen order
/// (in the fuzzy mode, best match first and then in that order).
#[derive(Debug, Default, Clone)]
pub struct View {
    order: Order,
    filters: Vec<Filter>,
    mode: SearchMode,
    /// `(query text, rows)`; the first entry is the unsearched, filtered
    /// list, the others the exact mode's results.
    stack: Vec<(String, Vec<u32>)>,
    /// The fuzzy mode's results.
    ranking: Ranking,
}

impl View {
    pub fn new(catalog: &Catalog, order: Order, filters: Vec<Filter>, query: &str) -> Self {
        let mut view = View {
            order,
            filters,
            mode: SearchMode::Exact,
            stack: Vec::new(),
            ranking: Ranking::default(),
        };
        view.rebuild(catalog, query);
        view
    }

    pub fn rows(&self) -> &[u32] {
        match self.mode {
            SearchMode::Exact => self.stack.last().map_or(&[], |(_, rows)| rows),
            SearchMode::Fuzzy => self.ranking.rows().unwrap_or_else(|| self.base()),
        }
    }

    /// The filtered list, unsearched.
    fn base(&self) -> &[u32] {
        self.stack.first().map_or(&[], |(_, rows)| rows)
    }

    pub fn mode(&self) -> SearchMode {
        self.mode
    }

    pub fn order(&self) -> Order {
        self.order
    }

    pub fn filters(&self) -> &[Filter] {
        &self.filters
    }

    pub fn query(&self) -> &str {
        match self.mode {
            SearchMode::Exact => self.stack.last().map_or("", |(q, _)| q),
            SearchMode::Fuzzy => self.ranking.query(),
        }
    }

    /// Recomputes everything (the catalog or the filters changed).
    pub fn rebuild(&mut self, catalog: &Catalog, query: &str) {
        let records = catalog.records();
        let base: Vec<u32> = catalog
            .ordered(self.order)
            .iter()
            .copied()
            .filter(|&r| self.filters.iter().all(|f| f.matches(&records[r as usize])))
            .collect();
        self.stack = vec![(String::new(), base)];
        self.ranking.clear();
        self.set_query(catalog, query);
    }

    /// The same text searched the other way; the exact mode's results are
    /// exactly what they were before the fuzzy mode was tried.
    pub fn set_mode(&mut self, catalog: &Catalog, mode: SearchMode) {
        if mode == self.mode {
            return;
        }
        let query = self.query().to_string();
        self.mode = mode;
        self.stack.truncate(1);
        self.ranking.clear();
        self.set_query(catalog, &query);
    }

    pub fn set_filters(&mut self, catalog: &Catalog, filters: Vec<Filter>) {
        let query = self.query().to_string();
        self.filters = filters;
        self.rebuild(catalog, &query);
    }

    /// Applies a new search text, narrowing from the longest earlier query it extends.
    pub fn set_query(&mut self, catalog: &Catalog, text: &str) {
        if self.query() == text {
            return;
        }
        if self.mode == SearchMode::Fuzzy {
            let base = self.stack.first().map_or(&[][..], |(_, rows)| rows);
            self.ranking.set_query(catalog, base, text);
            return;
        }
        // An earlier query matched a superset of what `text` will match when
        // `text` extends it and each of its terms lies inside one of
        // `text`'s: typing on may close a quote and turn `"soyuz` into the
        // phrase `soyuz ms`, which matches rows `"soyuz` did not.
        let search = Search::new(text);
        while self.stack.len() > 1
            && !(text.starts_with(self.query()) && refines(&search, &Search::new(self.query())))
        {
            self.stack.pop();
        }
        if self.query() == text {
            return;
        }
        let (previous, from) = self
            .stack
            .last()
            .map_or(("", &[][..]), |(q, rows)| (q.as_str(), rows.as_slice()));
        let matcher = Matcher::new(catalog, search.terms(), Search::new(previous).terms());
        let rows: Vec<u32> = if matcher.is_empty() {
            from.to_vec()
        } else if from.len() <= DIRECT_SCAN_ROWS {
            from.iter()
                .copied()
                .filter(|&r| matcher.matches(catalog, r))
                .collect()
        } else {
            let mut hits = RowSet::of(catalog.len(), from);
            matcher.retain_matching(catalog, &mut hits);
            hits.keep_members(from)
        };
        self.stack.push((text.to_string(), rows));
    }

    /// Re-orders by walking the new permutation: no re-search, no sort. Only
    /// the unsearched list and the current result are kept; earlier results
    /// are recomputed if the query shrinks.
    pub fn set_order(&mut self, catalog: &Catalog, order: Order) {
        if order == self.order {
            return;
        }
        self.order = order;
        if self.stack.len() > 2 {
            let top = self.stack.pop();
            self.stack.truncate(1);
            self.stack.extend(top);
        }
        let permutation = catalog.ordered(order);
        for (_, rows) in &mut self.stack {
            *rows = RowSet::of(catalog.len(), rows).keep_members(permutation);
        }
        if self.mode == SearchMode::Fuzzy {
            // Ties now go another way: ranked again from the re-ordered list.
            let query = self.ranking.query().to_string();
            self.ranking.clear();
            self.set_query(catalog, &query);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::Spacecraft;
    use crate::search::fixtures::{craft, ids, query_ids, random_catalog, random_text, sample};
    use crate::search::fuzzy::Fuzzy;
    use crate::search::query::{self, Query};

    /// What the plain, one-shot query semantics say the rows are.
    fn plain_ids(catalog: &Catalog, text: &str, order: Order) -> Vec<u64> {
        let query = Query {
            search: Search::new(text),
            order,
            ..Query::default()
        };
        query_ids(catalog, query)
    }

    #[test]
    fn results_equal_the_plain_query_semantics() {
        let catalog = sample();
        let mut view = View::new(&catalog, Order::default(), vec![], "");
        for text in [
            "s",
            "so",
            "soy",
            "soyuz",
            "soyuz ",
            "soyuz m",
            "soyuz ms",
            "soyuz",
            "",
            "ms",
            "восток",
            "chaser,tenacity",
        ] {
            view.set_query(&catalog, text);
            let expected = plain_ids(&catalog, text, Order::default());
            assert_eq!(ids(&catalog, view.rows()), expected, "{text:?}");
        }
    }

    #[test]
    fn large_narrowings_through_the_bitset_equal_the_plain_semantics() {
        let families = ["Soyuz MS", "Progress-MS", "Crew Dragon 2", "Восток", "神舟"];
        let records: Vec<Spacecraft> = (1..=(DIRECT_SCAN_ROWS as u64 * 2))
            .map(|i| {
                let f = families[(i * 7 % 5) as usize];
                craft(i, &format!("{f}-{}", i % 97), f, (i % 13) as u32)
            })
            .collect();
        let catalog = Catalog::new(records);
        for order in ["-name", "flights_count", "id"] {
            let order: Order = order.parse().unwrap();
            let mut view = View::new(&catalog, order, vec![], "");
            for text in ["s", "so", "soy", "soyuz m", "ms", "m", "", "-1", "神"] {
                view.set_query(&catalog, text);
                let expected = plain_ids(&catalog, text, order);
                assert_eq!(ids(&catalog, view.rows()), expected, "{order} {text:?}");
            }
        }
    }

    /// Types `query` key by key, then deletes two, checking every step
    /// against the plain semantics.
    fn type_and_delete(view: &mut View, catalog: &Catalog, query: &str, order: Order) {
        let mut typed = String::new();
        for c in query.chars().chain(['\u{8}', '\u{8}']) {
            if c == '\u{8}' {
                typed.pop();
            } else {
                typed.push(c);
            }
            view.set_query(catalog, &typed);
            let expected = plain_ids(catalog, &typed, order);
            assert_eq!(ids(catalog, view.rows()), expected, "{typed:?}");
        }
    }

    #[test]
    fn random_queries_typed_and_deleted_equal_the_plain_semantics() {
        let mut rng = fastrand::Rng::with_seed(603);
        let catalog = random_catalog(&mut rng, DIRECT_SCAN_ROWS as u64 * 2 + 37);
        let order: Order = "-flights_count".parse().unwrap();
        let mut view = View::new(&catalog, order, vec![], "");
        for _ in 0..6 {
            let query = random_text(&mut rng);
            type_and_delete(&mut view, &catalog, &query, order);
        }
    }

    /// Quotes and commas change how a text splits as it is typed: an open
    /// quote is a character of its term until it closes a phrase.
    #[test]
    fn random_quoted_queries_typed_and_deleted_equal_the_plain_semantics() {
        let mut rng = fastrand::Rng::with_seed(2026);
        let catalog = random_catalog(&mut rng, DIRECT_SCAN_ROWS as u64 * 2 + 37);
        let order: Order = "id".parse().unwrap();
        let mut view = View::new(&catalog, order, vec![], "");
        for _ in 0..12 {
            let (a, b) = (random_text(&mut rng), random_text(&mut rng));
            let query = match rng.usize(..4) {
                0 => format!("\"{a}{b}\""),
                1 => format!("'{a} {b}' x"),
                2 => format!("{a},\"{b}\","),
                _ => format!("\"{a}\\\" {b}\""),
            };
            type_and_delete(&mut view, &catalog, &query, order);
        }
    }

    #[test]
    fn deleting_characters_pops_back_to_earlier_results() {
        let catalog = sample();
        let mut view = View::new(&catalog, Order::default(), vec![], "");
        for text in ["s", "so", "soy"] {
            view.set_query(&catalog, text);
        }
        assert_eq!(view.stack.len(), 4);
        view.set_query(&catalog, "so");
        assert_eq!(view.stack.len(), 3, "no new search for a query seen before");
        view.set_query(&catalog, "sox");
        assert_eq!(view.stack.len(), 4);
        assert!(view.rows().is_empty());
        view.set_query(&catalog, "");
        assert_eq!(view.rows().len(), 6);
        view.set_query(&catalog, "so");
        view.set_order(&catalog, "-name".parse().unwrap());
        assert_eq!(
            view.stack.len(),
            2,
            "re-ordering keeps the base and the current result"
        );
    }

    #[test]
    fn reordering_keeps_the_search_and_breaks_ties_by_id() {
        let catalog = sample();
        let mut view = View::new(&catalog, Order::default(), vec![], "o");
        let desc: Order = "-flights_count".parse().unwrap();
        view.set_order(&catalog, desc);
        let plain = Query {
            search: Search::new("o"),
            order: desc,
            ..Query::default()
        };
        let expected = query_ids(&catalog, plain);
        assert_eq!(ids(&catalog, view.rows()), expected);
        assert_eq!(ids(&catalog, view.rows()), [1, 5, 7, 9]);
        view.set_query(&catalog, "");
        assert_eq!(
            ids(&catalog, view.rows()),
            [1, 3, 5, 7, 9, 2],
            "earlier results were re-ordered too"
        );
    }

    #[test]
    fn filters_combine_with_search() {
        let catalog = sample();
        let filters = vec![Filter::Config(query::IdOrName::Name("Soyuz MS".into()))];
        let mut view = View::new(&catalog, Order::default(), filters, "soyuz");
        assert_eq!(ids(&catalog, view.rows()), [5]);
        view.set_filters(&catalog, vec![]);
        assert_eq!(ids(&catalog, view.rows()), [5, 9]);
        assert_eq!(view.query(), "soyuz");
    }

    #[test]
    fn an_empty_catalog_orders_and_searches() {
        let catalog = Catalog::default();
        let mut view = View::new(&catalog, "-name".parse().unwrap(), vec![], "x");
        view.set_order(&catalog, Order::default());
        assert!(view.rows().is_empty());
    }

    /// What the plain, one-shot fuzzy semantics say the rows are.
    fn plain_fuzzy_ids(catalog: &Catalog, text: &str, order: Order) -> Vec<u64> {
        let query = Query {
            fuzzy: Fuzzy::new(text),
            order,
            ..Query::default()
        };
        query_ids(catalog, query)
    }

    fn fuzzy_view(catalog: &Catalog, order: Order) -> View {
        let mut view = View::new(catalog, order, vec![], "");
        view.set_mode(catalog, SearchMode::Fuzzy);
        view
    }

    #[test]
    fn fuzzy_results_typed_and_deleted_equal_the_plain_semantics() {
        let mut rng = fastrand::Rng::with_seed(14);
        let catalog = random_catalog(&mut rng, 700);
        for order in ["-flights_count", "name", "id"] {
            let order: Order = order.parse().unwrap();
            let mut view = fuzzy_view(&catalog, order);
            for _ in 0..8 {
                // Several words, so that narrowing keeps some words' scores.
                let query = format!("{} {}", random_text(&mut rng), random_text(&mut rng));
                let mut typed = String::new();
                for c in query.chars().chain(['\u{8}'; 3]) {
                    if c == '\u{8}' {
                        typed.pop();
                    } else {
                        typed.push(c);
                    }
                    view.set_query(&catalog, &typed);
                    let expected = plain_fuzzy_ids(&catalog, &typed, order);
                    assert_eq!(ids(&catalog, view.rows()), expected, "{order} {typed:?}");
                }
            }
        }
    }

    /// Past [`DIRECT_SCAN_ROWS`] a narrowing scores in memory order, on
    /// threads, into per-row columns: the same rows, the same ranks.
    #[test]
    fn large_fuzzy_narrowings_equal_the_plain_semantics() {
        let mut rng = fastrand::Rng::with_seed(1_000_000);
        let catalog = random_catalog(&mut rng, DIRECT_SCAN_ROWS as u64 * 2 + 37);
        let order: Order = "-name".parse().unwrap();
        let mut view = fuzzy_view(&catalog, order);
        for typed in ["s", "so", "so ", "so y", "so yu", "so y", "o", "-", "-1"] {
            view.set_query(&catalog, typed);
            let expected = plain_fuzzy_ids(&catalog, typed, order);
            assert_eq!(ids(&catalog, view.rows()), expected, "{typed:?}");
        }
    }

    #[test]
    fn fuzzy_ranks_best_first_and_breaks_ties_by_the_order() {
        let catalog = Catalog::new(vec![
            craft(1, "Soyuz 1", "Soyuz", 3),
            craft(2, "Mission Zero", "X", 9),
            craft(3, "SZ-2 Test Article", "Test", 0),
            craft(4, "Vostok 1", "Vostok", 1),
            craft(5, "Soyuz 2", "Soyuz", 5),
        ]);
        let mut view = fuzzy_view(&catalog, Order::default());
        view.set_query(&catalog, "sz");
        let ranked = ids(&catalog, view.rows());
        assert_eq!(ranked[0], 3, "together at the start beats scattered");
        assert!(!ranked.contains(&4), "no z: no match");
        let soyuz = |r: &[u64]| {
            r.iter()
                .filter(|i| [1, 5].contains(i))
                .copied()
                .collect::<Vec<_>>()
        };
        assert_eq!(soyuz(&ranked), [1, 5], "equal scores: by id");
        view.set_order(&catalog, "-flights_count".parse().unwrap());
        let ranked = ids(&catalog, view.rows());
        assert_eq!(ranked[0], 3, "the score still comes first");
        assert_eq!(soyuz(&ranked), [5, 1], "equal scores: by the new order");
        assert_eq!(view.query(), "sz");
    }

    #[test]
    fn switching_modes_keeps_the_text_and_back_gives_the_exact_results() {
        let catalog = sample();
        let order = Order::default();
        let mut view = View::new(&catalog, order, vec![], "sm");
        assert!(view.rows().is_empty(), "no name holds \"sm\"");
        view.set_mode(&catalog, SearchMode::Fuzzy);
        assert_eq!(view.query(), "sm");
        let fuzzy = ids(&catalog, view.rows());
        assert_eq!(fuzzy, plain_fuzzy_ids(&catalog, "sm", order));
        assert_eq!(fuzzy.len(), 3, "Soyuz MS-19, Soyuz TMA-8, Progress MS-08");
        view.set_mode(&catalog, SearchMode::Exact);
        assert!(view.rows().is_empty());
        view.set_query(&catalog, "s");
        assert_eq!(ids(&catalog, view.rows()), plain_ids(&catalog, "s", order));
        view.set_mode(&catalog, SearchMode::Fuzzy);
        view.set_mode(&catalog, SearchMode::Exact);
        view.set_query(&catalog, "so");
        assert_eq!(ids(&catalog, view.rows()), plain_ids(&catalog, "so", order));
    }

    #[test]
    fn fuzzy_filters_still_apply() {
        let catalog = sample();
        let filters = vec![Filter::Config(query::IdOrName::Name("Soyuz MS".into()))];
        let mut view = View::new(&catalog, Order::default(), filters, "");
        view.set_mode(&catalog, SearchMode::Fuzzy);
        view.set_query(&catalog, "sz");
        assert_eq!(ids(&catalog, view.rows()), [5]);
    }
}
