//! The incremental filter behind the list, built to stay instant at a
//! million rows:
//!
//! - [`Catalog`] is built once per load (off the UI loop): lowercase name
//!   haystacks, configuration names interned (a few hundred distinct ones, so
//!   a term is tested against each once per keystroke, not once per row), and
//!   every ordering's permutation presorted. Re-ordering is then a walk, not a sort.
//! - [`View`] keeps a stack of results, one per query typed so far. A query
//!   that extends the previous one narrows that result; deleting characters
//!   pops back to a result already computed.

use crate::api::Spacecraft;
use crate::query::{Filter, Order, OrderField, Search};
use std::collections::HashMap;

/// Lowercases like the search does (per character, so offsets can be mapped back).
pub fn fold(s: &str) -> String {
    s.chars().flat_map(char::to_lowercase).collect()
}

/// A loaded catalog and everything precomputed for searching and ordering it.
#[derive(Debug)]
pub struct Catalog {
    records: Vec<Spacecraft>,
    names: Vec<Box<str>>,
    config_of: Vec<u32>,
    /// Distinct folded configuration names; index 0 is the empty name.
    configs: Vec<Box<str>>,
    by_id: HashMap<u64, u32>,
    /// Each ordering field's permutation, ascending, ties by id.
    sorted: HashMap<OrderField, Vec<u32>>,
}

impl Default for Catalog {
    fn default() -> Self {
        Catalog::new(Vec::new())
    }
}

impl Catalog {
    pub fn new(mut records: Vec<Spacecraft>) -> Self {
        records.sort_by_key(|s| s.id);
        records.dedup_by_key(|s| s.id);
        let mut configs: Vec<Box<str>> = vec!["".into()];
        let mut config_index: HashMap<Box<str>, u32> = HashMap::from([("".into(), 0)]);
        let mut names = Vec::with_capacity(records.len());
        let mut config_of = Vec::with_capacity(records.len());
        let mut by_id = HashMap::with_capacity(records.len());
        for (i, s) in records.iter().enumerate() {
            names.push(fold(&s.name).into_boxed_str());
            let config: Box<str> = fold(s.config_name().unwrap_or_default()).into();
            let next = configs.len() as u32;
            let index = *config_index.entry(config.clone()).or_insert_with(|| {
                configs.push(config);
                next
            });
            config_of.push(index);
            by_id.insert(s.id, i as u32);
        }
        let mut catalog = Catalog {
            records,
            names,
            config_of,
            configs,
            by_id,
            sorted: HashMap::new(),
        };
        for field in OrderField::ALL {
            let permutation = catalog.sort_ascending(field);
            catalog.sorted.insert(field, permutation);
        }
        catalog
    }

    pub fn len(&self) -> usize {
        self.records.len()
    }

    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }

    pub fn records(&self) -> &[Spacecraft] {
        &self.records
    }

    pub fn get(&self, row: u32) -> Option<&Spacecraft> {
        self.records.get(row as usize)
    }

    pub fn row_of(&self, id: u64) -> Option<u32> {
        self.by_id.get(&id).copied()
    }

    fn sort_ascending(&self, field: OrderField) -> Vec<u32> {
        let mut rows: Vec<u32> = (0..self.records.len() as u32).collect();
        // Records are in id order, so a stable sort on the key alone breaks ties by id.
        if field == OrderField::Name {
            rows.sort_by(|&a, &b| self.names[a as usize].cmp(&self.names[b as usize]));
        } else {
            let order = Order {
                field,
                descending: false,
            };
            rows.sort_by(|&a, &b| {
                order.compare_keys(
                    field.numeric_key(&self.records[a as usize]),
                    field.numeric_key(&self.records[b as usize]),
                )
            });
        }
        rows
    }

    fn same_key(&self, field: OrderField, a: u32, b: u32) -> bool {
        if field == OrderField::Name {
            self.names[a as usize] == self.names[b as usize]
        } else {
            field.numeric_key(&self.records[a as usize])
                == field.numeric_key(&self.records[b as usize])
        }
    }

    /// Every row in `order`. Descending is the ascending permutation reversed,
    /// with each run of equal keys turned back so ties still go by id.
    pub fn ordered(&self, order: Order) -> Vec<u32> {
        let ascending = match self.sorted.get(&order.field) {
            Some(rows) => rows.clone(),
            None => self.sort_ascending(order.field),
        };
        if !order.descending {
            return ascending;
        }
        let mut rows: Vec<u32> = ascending.into_iter().rev().collect();
        let mut start = 0;
        while start < rows.len() {
            let mut end = start + 1;
            while end < rows.len() && self.same_key(order.field, rows[start], rows[end]) {
                end += 1;
            }
            rows[start..end].reverse();
            start = end;
        }
        rows
    }

    /// Distinct values of a field across the catalog, most common first (for the filter panel).
    pub fn distinct(&self, value: impl Fn(&Spacecraft) -> Option<&str>) -> Vec<String> {
        let mut counts: HashMap<&str, usize> = HashMap::new();
        for s in &self.records {
            if let Some(v) = value(s) {
                *counts.entry(v).or_default() += 1;
            }
        }
        let mut values: Vec<(&str, usize)> = counts.into_iter().collect();
        values.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        values.into_iter().map(|(v, _)| v.to_string()).collect()
    }
}

/// A search prepared against one catalog: for each term, which interned
/// configuration names contain it.
struct Matcher<'a> {
    terms: &'a [String],
    config_hits: Vec<Vec<bool>>,
}

impl<'a> Matcher<'a> {
    fn new(catalog: &Catalog, search: &'a Search) -> Self {
        let config_hits = search
            .terms()
            .iter()
            .map(|t| {
                catalog
                    .configs
                    .iter()
                    .map(|c| c.contains(t.as_str()))
                    .collect()
            })
            .collect();
        Matcher {
            terms: search.terms(),
            config_hits,
        }
    }

    fn matches(&self, catalog: &Catalog, row: u32) -> bool {
        let name = &catalog.names[row as usize];
        let config = catalog.config_of[row as usize] as usize;
        self.terms
            .iter()
            .zip(&self.config_hits)
            .all(|(t, hits)| hits[config] || name.contains(t.as_str()))
    }
}

/// The rows shown: the catalog filtered and searched, in the chosen order.
#[derive(Debug, Default, Clone)]
pub struct View {
    order: Order,
    filters: Vec<Filter>,
    /// `(query text, rows)`; the first entry is the unsearched, filtered list.
    stack: Vec<(String, Vec<u32>)>,
}

impl View {
    pub fn new(catalog: &Catalog, order: Order, filters: Vec<Filter>, query: &str) -> Self {
        let mut view = View {
            order,
            filters,
            stack: Vec::new(),
        };
        view.rebuild(catalog, query);
        view
    }

    pub fn rows(&self) -> &[u32] {
        self.stack.last().map_or(&[], |(_, rows)| rows)
    }

    pub fn order(&self) -> Order {
        self.order
    }

    pub fn filters(&self) -> &[Filter] {
        &self.filters
    }

    pub fn query(&self) -> &str {
        self.stack.last().map_or("", |(q, _)| q)
    }

    /// Recomputes everything (the catalog or the filters changed).
    pub fn rebuild(&mut self, catalog: &Catalog, query: &str) {
        let records = catalog.records();
        let base: Vec<u32> = catalog
            .ordered(self.order)
            .into_iter()
            .filter(|&r| self.filters.iter().all(|f| f.matches(&records[r as usize])))
            .collect();
        self.stack = vec![(String::new(), base)];
        self.set_query(catalog, query);
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
        // Every earlier query that `text` extends matched a superset of what it will match.
        while self.stack.len() > 1 && !text.starts_with(self.query()) {
            self.stack.pop();
        }
        if self.query() == text {
            return;
        }
        let search = Search::new(text);
        let matcher = Matcher::new(catalog, &search);
        let from = self.rows();
        let rows: Vec<u32> = if search.is_empty() {
            from.to_vec()
        } else {
            from.iter()
                .copied()
                .filter(|&r| matcher.matches(catalog, r))
                .collect()
        };
        self.stack.push((text.to_string(), rows));
    }

    /// Re-orders every cached result by walking the new permutation: no re-search.
    pub fn set_order(&mut self, catalog: &Catalog, order: Order) {
        if order == self.order {
            return;
        }
        self.order = order;
        let permutation = catalog.ordered(order);
        let mut member = vec![false; catalog.len()];
        for (_, rows) in &mut self.stack {
            for &r in rows.iter() {
                member[r as usize] = true;
            }
            rows.clear();
            rows.extend(permutation.iter().copied().filter(|&r| member[r as usize]));
            member.fill(false);
        }
    }
}

/// Which characters of `name` a search term matches, for highlighting.
pub fn highlight_mask(name: &str, search: &Search) -> Vec<bool> {
    let chars: Vec<char> = name.chars().collect();
    let mut mask = vec![false; chars.len()];
    if search.is_empty() {
        return mask;
    }
    // The folded string, with the original character each folded byte came from.
    let mut folded = String::new();
    let mut origin = Vec::new();
    for (i, c) in chars.iter().enumerate() {
        for l in c.to_lowercase() {
            folded.push(l);
            origin.extend(std::iter::repeat_n(i, l.len_utf8()));
        }
    }
    for term in search.terms() {
        for (start, m) in folded.match_indices(term.as_str()) {
            for &i in &origin[start..start + m.len()] {
                mask[i] = true;
            }
        }
    }
    mask
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::models::SpacecraftConfig;
    use crate::query::Query;

    fn craft(id: u64, name: &str, config: &str, flights: u32) -> Spacecraft {
        Spacecraft {
            id,
            name: name.into(),
            flights_count: Some(flights),
            spacecraft_config: Some(SpacecraftConfig {
                name: Some(config.into()),
                ..Default::default()
            }),
            ..Default::default()
        }
    }

    fn sample() -> Catalog {
        Catalog::new(vec![
            craft(5, "Soyuz MS-19", "Soyuz MS", 1),
            craft(2, "Dream Chaser Tenacity", "Dream Chaser", 0),
            craft(9, "Soyuz TMA-8", "Soyuz TMA", 1),
            craft(1, "Crew Dragon Endeavour", "Crew Dragon 2", 6),
            craft(7, "Progress MS-08", "Progress-MS", 1),
            craft(3, "Восток-1", "Восток", 1),
        ])
    }

    fn ids(catalog: &Catalog, rows: &[u32]) -> Vec<u64> {
        rows.iter().map(|&r| catalog.get(r).unwrap().id).collect()
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
            let plain = Query {
                search: Search::new(text),
                ..Query::default()
            };
            let expected: Vec<u64> = plain
                .apply(catalog.records())
                .iter()
                .map(|&i| catalog.records()[i].id)
                .collect();
            assert_eq!(ids(&catalog, view.rows()), expected, "{text:?}");
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
        let expected: Vec<u64> = plain
            .apply(catalog.records())
            .iter()
            .map(|&i| catalog.records()[i].id)
            .collect();
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
    fn every_order_matches_the_plain_sort() {
        let catalog = sample();
        for field in OrderField::ALL {
            for descending in [false, true] {
                let order = Order { field, descending };
                let plain = Query {
                    order,
                    ..Query::default()
                };
                let expected: Vec<u64> = plain
                    .apply(catalog.records())
                    .iter()
                    .map(|&i| catalog.records()[i].id)
                    .collect();
                assert_eq!(ids(&catalog, &catalog.ordered(order)), expected, "{order}");
            }
        }
    }

    #[test]
    fn filters_combine_with_search() {
        let catalog = sample();
        let filters = vec!["spacecraft_config=Soyuz MS".parse().unwrap()];
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

    #[test]
    fn highlights_map_back_to_original_characters() {
        let search = Search::new("ms восток");
        let mask = highlight_mask("Soyuz MS-19", &search);
        let lit: String = "Soyuz MS-19"
            .chars()
            .zip(&mask)
            .filter(|(_, m)| **m)
            .map(|(c, _)| c)
            .collect();
        assert_eq!(lit, "MS");
        let mask = highlight_mask("ВОСТОК-1", &search);
        assert_eq!(mask.iter().filter(|m| **m).count(), 6);
    }
}
