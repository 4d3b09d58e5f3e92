//! The incremental filter behind the list, built to stay instant at a
//! million rows:
//!
//! - [`Catalog`] is built once per load (off the UI loop): folded names back
//!   to back in one buffer, configuration names interned (a few hundred
//!   distinct ones, so a term is tested against each once per keystroke, not
//!   once per row), and every ordering's permutation presorted in both
//!   directions. Re-ordering is then a walk, not a sort.
//! - [`View`] keeps a stack of results, one per query typed so far. A query
//!   that extends the previous one narrows that result; deleting characters
//!   pops back to a result already computed.
//! - A large narrowing scans names in memory order (id order) with one
//!   prebuilt finder per term, then walks the ordered list through a bitset,
//!   so its cost does not depend on which ordering is active.

pub mod fuzzy;
pub mod python;
pub mod query;

use crate::api::models::SpacecraftConfig;
use crate::api::Spacecraft;
use crate::search::fuzzy::{Fuzzy, Ranking, SearchMode};
use crate::search::query::{Filter, Order, OrderField, Search};
use memchr::memmem;
use std::collections::HashMap;
use std::sync::Arc;

/// Folds case as the API's search does: PostgreSQL's `UPPER` on both the
/// field and the term, which is Unicode's simple upper-case mapping, one
/// character for one (so offsets map back, and `ß` is not `SS`).
pub fn fold(s: &str) -> String {
    s.chars().map(simple_upper).collect()
}

/// Unicode's simple upper-case mapping of `c`. Rust gives the full mapping;
/// where that is more than one character the simple one is `c` itself,
/// but for the Greek letters with ypogegrammeni, which map to their
/// prosgegrammeni forms.
pub fn simple_upper(c: char) -> char {
    let mut upper = c.to_uppercase();
    match (upper.next(), upper.next()) {
        (Some(u), None) => u,
        _ => match c {
            '\u{1f80}'..='\u{1f87}' | '\u{1f90}'..='\u{1f97}' | '\u{1fa0}'..='\u{1fa7}' => {
                char::from_u32(u32::from(c) + 8).unwrap_or(c)
            }
            '\u{1fb3}' => '\u{1fbc}',
            '\u{1fc3}' => '\u{1fcc}',
            '\u{1ff3}' => '\u{1ffc}',
            _ => c,
        },
    }
}

/// A loaded catalog and everything precomputed for searching and ordering it.
#[derive(Debug)]
pub struct Catalog {
    records: Vec<Spacecraft>,
    /// Every folded name in id order, back to back (a newline after each), so
    /// a scan in id order reads memory front to back. Row `r`'s name is
    /// `names[name_at[r]..name_at[r + 1] - 1]`.
    names: String,
    name_at: Vec<u32>,
    /// Per row, which bytes and byte pairs its folded name holds (see [`Mask`]).
    masks: Vec<Mask>,
    config_of: Vec<u32>,
    /// Distinct folded configuration names; index 0 is the empty name.
    configs: Vec<Box<str>>,
    by_id: HashMap<u64, u32>,
    /// Every ordering's permutation, both directions; ties by id.
    sorted: HashMap<Order, Vec<u32>>,
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
        let mut shared = SharedConfigs::default();
        records.iter_mut().for_each(|s| shared.share(s));
        let mut configs: Vec<Box<str>> = vec!["".into()];
        let mut config_index: HashMap<Box<str>, u32> = HashMap::from([("".into(), 0)]);
        let mut names = String::new();
        let mut name_at = Vec::with_capacity(records.len() + 1);
        let mut config_of = Vec::with_capacity(records.len());
        let mut masks = Vec::with_capacity(records.len());
        let mut by_id = HashMap::with_capacity(records.len());
        for (i, s) in records.iter().enumerate() {
            name_at.push(names.len() as u32);
            // The API's own text: its search sees that, not the cleaned name.
            let folded = fold(s.search_name());
            masks.push(Mask::of(&folded));
            names.push_str(&folded);
            names.push('\n');
            let config: Box<str> = fold(s.search_config_name().unwrap_or_default()).into();
            let next = configs.len() as u32;
            let index = *config_index.entry(config.clone()).or_insert_with(|| {
                configs.push(config);
                next
            });
            config_of.push(index);
            by_id.insert(s.id, i as u32);
        }
        name_at.push(names.len() as u32);
        let mut catalog = Catalog {
            records,
            names,
            name_at,
            masks,
            config_of,
            configs,
            by_id,
            sorted: HashMap::new(),
        };
        for field in OrderField::ALL {
            let ascending = catalog.sort_ascending(field);
            let descending = catalog.descending(field, &ascending);
            catalog.sorted.insert(
                Order {
                    field,
                    descending: false,
                },
                ascending,
            );
            catalog.sorted.insert(
                Order {
                    field,
                    descending: true,
                },
                descending,
            );
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

    fn name(&self, row: u32) -> &str {
        let r = row as usize;
        &self.names[self.name_at[r] as usize..self.name_at[r + 1] as usize - 1]
    }

    fn sort_ascending(&self, field: OrderField) -> Vec<u32> {
        let mut rows: Vec<u32> = (0..self.records.len() as u32).collect();
        // Records are in id order, so a stable sort on the key alone breaks ties by id.
        if field == OrderField::Name {
            rows.sort_by(|&a, &b| self.name(a).cmp(self.name(b)));
        } else {
            let order = Order {
                field,
                descending: false,
            };
            let keys: Vec<Option<i64>> =
                self.records.iter().map(|s| field.numeric_key(s)).collect();
            rows.sort_by(|&a, &b| order.compare_keys(keys[a as usize], keys[b as usize]));
        }
        rows
    }

    fn same_key(&self, field: OrderField, a: u32, b: u32) -> bool {
        if field == OrderField::Name {
            self.name(a) == self.name(b)
        } else {
            field.numeric_key(&self.records[a as usize])
                == field.numeric_key(&self.records[b as usize])
        }
    }

    /// The ascending permutation reversed, with each run of equal keys turned
    /// back so ties still go by id.
    fn descending(&self, field: OrderField, ascending: &[u32]) -> Vec<u32> {
        let mut rows: Vec<u32> = ascending.iter().rev().copied().collect();
        let mut start = 0;
        while start < rows.len() {
            let mut end = start + 1;
            while end < rows.len() && self.same_key(field, rows[start], rows[end]) {
                end += 1;
            }
            rows[start..end].reverse();
            start = end;
        }
        rows
    }

    /// Every row in `order` (presorted when the catalog was built).
    pub fn ordered(&self, order: Order) -> &[u32] {
        self.sorted.get(&order).map_or(&[], Vec::as_slice)
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

/// Makes spacecraft with equal configurations point at one copy: a
/// configuration is most of a record's size, and a type's is the same in
/// every record of it. The loader shares as pages arrive, so the copies a
/// page brings are freed at once.
#[derive(Debug, Default)]
pub struct SharedConfigs(HashMap<i64, Arc<SpacecraftConfig>>);

impl SharedConfigs {
    pub fn share(&mut self, s: &mut Spacecraft) {
        let Some(config) = &s.spacecraft_config else {
            return;
        };
        let Some(id) = config.id else { return };
        match self.0.get(&id) {
            Some(first) if Arc::ptr_eq(first, config) => {}
            Some(first) if **first == **config => s.spacecraft_config = Some(first.clone()),
            Some(_) => {}
            None => {
                self.0.insert(id, config.clone());
            }
        }
    }
}

/// What a folded string holds, as two 64-bit sets: its bytes (one bit per
/// ASCII capital and digit, the rest hashed into the remaining bits) and its
/// adjacent byte pairs (hashed). A row whose mask does not cover a term's
/// cannot contain the term; the pairs rule out most rows holding the
/// term's letters in another order ("so" in "progress").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Mask {
    bytes: u64,
    pairs: u64,
}

impl Mask {
    fn of(s: &str) -> Self {
        let b = s.as_bytes();
        let bytes = b.iter().fold(0, |mask, &b| {
            mask | match b {
                // Folded text is upper case: its letters get a bit each.
                b'A'..=b'Z' => 1 << (b - b'A'),
                b'0'..=b'9' => 1 << (26 + b - b'0'),
                _ => 1 << (36 + b % 28),
            }
        });
        let pairs = b.windows(2).fold(0, |mask, w| {
            let pair = u64::from(u16::from_le_bytes([w[0], w[1]]));
            mask | 1 << (pair.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 58)
        });
        Mask { bytes, pairs }
    }

    fn covers(self, term: Mask) -> bool {
        // `&` rather than `&&`: no branch to mispredict.
        (self.bytes & term.bytes == term.bytes) & (self.pairs & term.pairs == term.pairs)
    }
}

/// One search term prepared against a catalog.
struct Term {
    finder: memmem::Finder<'static>,
    mask: Mask,
    /// A single ASCII letter or digit: the mask alone decides.
    mask_is_exact: bool,
    /// Per interned configuration name: does it contain the term?
    config_hits: Vec<bool>,
}

impl Term {
    fn matches(&self, catalog: &Catalog, row: u32) -> bool {
        let r = row as usize;
        let by_config = self.config_hits[catalog.config_of[r] as usize];
        if self.mask_is_exact {
            // Without a branch: which rows match is random.
            return by_config | catalog.masks[r].covers(self.mask);
        }
        by_config
            || (catalog.masks[r].covers(self.mask) && self.found_in(catalog.name(row).as_bytes()))
    }

    /// The members of `word` (rows `64 * w ..`) that match. The cheap tests
    /// run on all 64 rows in memory order and combine without branches (their
    /// outcomes are random from row to row, and mispredicted branches cost
    /// more than the tests); only rows the mask lets through and the
    /// configuration does not settle have their names searched.
    fn matches_in_word(&self, catalog: &Catalog, w: usize, word: u64) -> u64 {
        let first = w * 64;
        if word.count_ones() < 16 {
            // Few members: testing each costs less than testing all 64 rows.
            let mut hits = 0;
            let mut bits = word;
            while bits != 0 {
                let b = bits.trailing_zeros();
                bits &= bits - 1;
                hits |= u64::from(self.matches(catalog, first as u32 + b)) << b;
            }
            return hits;
        }
        let end = (first + 64).min(catalog.len());
        let mut by_config = 0u64;
        let mut by_mask = 0u64;
        let rows = catalog.config_of[first..end]
            .iter()
            .zip(&catalog.masks[first..end]);
        for (b, (&config, mask)) in rows.enumerate() {
            by_config |= u64::from(self.config_hits[config as usize]) << b;
            by_mask |= u64::from(mask.covers(self.mask)) << b;
        }
        if self.mask_is_exact {
            return word & (by_config | by_mask);
        }
        let mut hits = word & by_config;
        let mut check = word & by_mask & !by_config;
        while check != 0 {
            let b = check.trailing_zeros();
            check &= check - 1;
            let name = catalog.name((first as u32) + b);
            hits |= u64::from(self.found_in(name.as_bytes())) << b;
        }
        hits
    }

    /// Names are short: finding the first byte and comparing the rest beats
    /// a general substring search's setup; long haystacks use the finder.
    fn found_in(&self, hay: &[u8]) -> bool {
        let needle = self.finder.needle();
        if hay.len() > 64 {
            return self.finder.find(hay).is_some();
        }
        hay.windows(needle.len())
            .any(|w| w[0] == needle[0] && w == needle)
    }
}

/// Whether every row `new` matches is matched by `old`: each of `old`'s
/// terms is inside one of `new`'s, so a row holding the one holds the other,
/// in the same field.
fn refines(new: &Search, old: &Search) -> bool {
    old.terms()
        .iter()
        .all(|o| new.terms().iter().any(|n| n.contains(o.as_str())))
}

/// The terms a narrowing still has to check.
struct Matcher {
    terms: Vec<Term>,
}

impl Matcher {
    /// `terms` minus those every candidate row already matched.
    fn new(catalog: &Catalog, terms: &[String], already: &[String]) -> Self {
        let terms = terms
            .iter()
            .filter(|t| !already.contains(t))
            .map(|t| Term {
                finder: memmem::Finder::new(t.as_bytes()).into_owned(),
                mask: Mask::of(t),
                mask_is_exact: t.len() == 1
                    && (t.as_bytes()[0].is_ascii_uppercase() || t.as_bytes()[0].is_ascii_digit()),
                config_hits: catalog
                    .configs
                    .iter()
                    .map(|c| c.contains(t.as_str()))
                    .collect(),
            })
            .collect();
        Matcher { terms }
    }

    fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    fn matches(&self, catalog: &Catalog, row: u32) -> bool {
        self.terms.iter().all(|t| t.matches(catalog, row))
    }

    /// Narrows `rows` to the matching ones, term by term, word by word: each
    /// pass reads the catalog's columns front to back and skips rows an
    /// earlier term already ruled out.
    fn retain_matching(&self, catalog: &Catalog, rows: &mut RowSet) {
        for term in &self.terms {
            for (w, word) in rows.0.iter_mut().enumerate() {
                if *word != 0 {
                    *word = term.matches_in_word(catalog, w, *word);
                }
            }
        }
    }
}

/// Up to this many rows a narrowing tests them in list order; beyond, it
/// tests them in memory (id) order through a bitset, so its cost does not
/// depend on which ordering is active.
const DIRECT_SCAN_ROWS: usize = 32_768;

/// One bit per catalog row.
struct RowSet(Vec<u64>);

impl RowSet {
    fn new(len: usize) -> Self {
        RowSet(vec![0; len.div_ceil(64)])
    }

    /// Every row of a catalog of `len`.
    fn all(len: usize) -> Self {
        let mut set = RowSet(vec![u64::MAX; len.div_ceil(64)]);
        if !len.is_multiple_of(64) {
            if let Some(last) = set.0.last_mut() {
                *last = (1 << (len % 64)) - 1;
            }
        }
        set
    }

    /// `rows` (distinct rows of a catalog of `len`) as a set.
    fn of(len: usize, rows: &[u32]) -> Self {
        if rows.len() == len {
            // Every row: no need to visit them one by one.
            return RowSet::all(len);
        }
        let mut set = RowSet::new(len);
        for &r in rows {
            set.insert(r);
        }
        set
    }

    fn insert(&mut self, row: u32) {
        self.0[row as usize / 64] |= 1 << (row % 64);
    }

    fn contains(&self, row: u32) -> bool {
        self.0[row as usize / 64] & (1 << (row % 64)) != 0
    }

    /// `rows` without the non-members, in their order. Branch-free: which
    /// rows are members is random, and mispredicted branches were most of the
    /// cost of a keystroke or a re-ordering at a million rows.
    fn keep_members(&self, rows: &[u32]) -> Vec<u32> {
        let mut out = vec![0; rows.len()];
        let mut kept = 0;
        for &r in rows {
            // `kept` never passes the index of `r`, so the slot exists.
            out[kept] = r;
            kept += usize::from(self.contains(r));
        }
        out.truncate(kept);
        out.shrink_to_fit();
        out
    }
}

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

/// Marks what a search matched in the names the list shows: the exact
/// search's terms, or the characters the fuzzy words matched.
pub enum Highlighter {
    Exact(Search),
    Fuzzy(Fuzzy, nucleo_matcher::Matcher),
}

impl Highlighter {
    pub fn new(text: &str, mode: SearchMode) -> Self {
        match mode {
            SearchMode::Exact => Highlighter::Exact(Search::new(text)),
            SearchMode::Fuzzy => Highlighter::Fuzzy(Fuzzy::new(text), fuzzy::matcher()),
        }
    }

    /// One flag per char of `name`: whether to highlight it.
    pub fn mask(&mut self, name: &str) -> Vec<bool> {
        match self {
            Highlighter::Exact(search) => highlight_mask(name, search),
            Highlighter::Fuzzy(fuzzy, matcher) => fuzzy.highlight_mask(matcher, name),
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
        let up = simple_upper(*c);
        folded.push(up);
        origin.extend(std::iter::repeat_n(i, up.len_utf8()));
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
    use crate::search::query::Query;

    fn craft(id: u64, name: &str, config: &str, flights: u32) -> Spacecraft {
        Spacecraft {
            id,
            name: name.into(),
            flights_count: Some(flights),
            spacecraft_config: Some(std::sync::Arc::new(SpacecraftConfig {
                name: Some(config.into()),
                ..Default::default()
            })),
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

    /// The ids of the rows a plain, one-shot `query` gives.
    fn query_ids(catalog: &Catalog, query: Query) -> Vec<u64> {
        query
            .apply(catalog.records())
            .iter()
            .map(|&i| catalog.records()[i].id)
            .collect()
    }

    /// What the plain, one-shot query semantics say the rows are.
    fn plain_ids(catalog: &Catalog, text: &str, order: Order) -> Vec<u64> {
        let query = Query {
            search: Search::new(text),
            order,
            ..Query::default()
        };
        query_ids(catalog, query)
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

    /// Names and configurations built from pieces that overlap the queries in
    /// many ways, so masks, byte pairs and configurations all decide some rows.
    fn random_catalog(rng: &mut fastrand::Rng, rows: u64) -> Catalog {
        let records = (1..=rows)
            .map(|id| craft(id, &random_text(rng), &random_text(rng), rng.u32(..5)))
            .collect();
        Catalog::new(records)
    }

    fn random_text(rng: &mut fastrand::Rng) -> String {
        const PIECES: [&str; 14] = [
            "so", "yu", "z ", "Ms", "-1", "pro", "gress", "Со", "юз", "神", "舟", "o", "s", " ",
        ];
        (0..rng.usize(1..5))
            .map(|_| PIECES[rng.usize(..PIECES.len())])
            .collect()
    }

    #[test]
    fn a_word_of_rows_matches_as_its_rows_do_one_by_one() {
        let mut rng = fastrand::Rng::with_seed(64);
        // Not a multiple of 64: the last word is short.
        let catalog = random_catalog(&mut rng, 64 * 40 + 23);
        for _ in 0..200 {
            let term = fold(&random_text(&mut rng)).trim().to_string();
            if term.is_empty() {
                continue;
            }
            let matcher = Matcher::new(&catalog, std::slice::from_ref(&term), &[]);
            let t = &matcher.terms[0];
            for w in 0..catalog.len().div_ceil(64) {
                let rows = (catalog.len() - w * 64).min(64);
                let all = if rows == 64 {
                    u64::MAX
                } else {
                    (1 << rows) - 1
                };
                // Sparse and dense words take different paths.
                let word = match rng.u8(..3) {
                    0 => all,
                    1 => rng.u64(..) & rng.u64(..) & rng.u64(..) & all,
                    _ => rng.u64(..) & all,
                };
                let one_by_one = (0..64)
                    .filter(|b| word & (1 << b) != 0)
                    .filter(|&b| t.matches(&catalog, (w * 64) as u32 + b))
                    .fold(0u64, |m, b| m | 1 << b);
                assert_eq!(
                    t.matches_in_word(&catalog, w, word),
                    one_by_one,
                    "{term:?} word {w}"
                );
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
                assert_eq!(ids(&catalog, catalog.ordered(order)), expected, "{order}");
            }
        }
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
    fn equal_configurations_are_shared_and_different_ones_kept() {
        let config = |name: &str| {
            Some(Arc::new(SpacecraftConfig {
                id: Some(7),
                name: Some(name.into()),
                ..Default::default()
            }))
        };
        let mut records: Vec<Spacecraft> = (1..=3).map(|i| craft(i, "x", "ignored", 0)).collect();
        records[0].spacecraft_config = config("Soyuz MS");
        records[1].spacecraft_config = config("Soyuz MS");
        records[2].spacecraft_config = config("Soyuz MS (changed)");
        let catalog = Catalog::new(records);
        let configs: Vec<&Arc<SpacecraftConfig>> = catalog
            .records()
            .iter()
            .map(|s| s.spacecraft_config.as_ref().unwrap())
            .collect();
        assert!(Arc::ptr_eq(configs[0], configs[1]), "equal: one copy");
        assert!(
            !Arc::ptr_eq(configs[0], configs[2]),
            "different content keeps its own"
        );
        assert_eq!(configs[2].name.as_deref(), Some("Soyuz MS (changed)"));
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
