//! The fuzzy search, for when the exact name is not known: every word typed
//! is a subsequence of the name or of the configuration's name, and rows
//! are ranked by nucleo-matcher's score (the matcher of helix and
//! television), best first.
//!
//! A word is scored against both fields, on the same text the exact search
//! reads (the API's own, folded by [`super::fold`]); the better of the two
//! counts, and a row's score is the sum over its words. Case is ignored and
//! Latin letters match their accented forms (`e` finds `é`, not the other
//! way round). Words split on spaces; `\ ` is a space inside a word. No
//! character is special otherwise: `^`, `$`, `'` and `!` are text.

use super::catalog::Catalog;
use super::rows::{Mask, RowSet, DIRECT_SCAN_ROWS};
use crate::api::Spacecraft;
use nucleo_matcher::pattern::{Atom, AtomKind, CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};

/// Which search the search line's text means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SearchMode {
    /// The API's own semantics (see [`super::query::Search`]).
    #[default]
    Exact,
    /// Subsequences, ranked by score ([`Fuzzy`]).
    Fuzzy,
}

impl SearchMode {
    pub fn toggled(self) -> Self {
        match self {
            SearchMode::Exact => SearchMode::Fuzzy,
            SearchMode::Fuzzy => SearchMode::Exact,
        }
    }

    /// The search line's mark: `/` as the key that opens it, `~` for "roughly".
    pub fn mark(self) -> char {
        match self {
            SearchMode::Exact => '/',
            SearchMode::Fuzzy => '~',
        }
    }
}

/// A fuzzy query: its words, each matched and scored on its own.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Fuzzy {
    words: Vec<Atom>,
}

/// A matcher as every fuzzy score here is made: nucleo's defaults.
pub fn matcher() -> Matcher {
    Matcher::new(Config::DEFAULT)
}

impl Fuzzy {
    pub fn new(text: &str) -> Self {
        let pattern = Pattern::new(
            text,
            CaseMatching::Ignore,
            Normalization::Smart,
            AtomKind::Fuzzy,
        );
        Fuzzy {
            words: pattern.atoms,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// How well word `word` matches a row: the better of its name and its
    /// configuration (`config`, scored once per distinct configuration by
    /// callers that score many rows); `None` when neither holds it.
    pub(super) fn word_score(
        &self,
        word: usize,
        matcher: &mut Matcher,
        name: Utf32Str<'_>,
        config: Option<u16>,
    ) -> Option<u16> {
        let by_name = self.words[word].score(name, matcher);
        by_name.max(config)
    }

    /// The score of one word against one text (a configuration's name).
    pub(super) fn word_score_in(
        &self,
        word: usize,
        matcher: &mut Matcher,
        text: &str,
        buf: &mut Vec<char>,
    ) -> Option<u16> {
        self.words[word].score(Utf32Str::new(text, buf), matcher)
    }

    /// A row's score from its folded name and configuration name; `None`
    /// when a word matches neither. An empty query scores every row 0.
    pub fn score_folded(&self, matcher: &mut Matcher, name: &str, config: &str) -> Option<u32> {
        let (mut name_buf, mut config_buf) = (Vec::new(), Vec::new());
        let mut total = 0;
        for w in 0..self.words.len() {
            let config = self.word_score_in(w, matcher, config, &mut config_buf);
            let name = Utf32Str::new(name, &mut name_buf);
            total += u32::from(self.word_score(w, matcher, name, config)?);
        }
        Some(total)
    }

    /// A spacecraft's score, read from the text the exact search reads.
    pub fn score(&self, matcher: &mut Matcher, s: &Spacecraft) -> Option<u32> {
        self.score_folded(
            matcher,
            &super::fold(s.search_name()),
            &super::fold(s.search_config_name().unwrap_or_default()),
        )
    }

    /// Whether every row `self` matches is matched by `old`: each of `old`'s
    /// words is a subsequence of one of `self`'s, so a row holding the one
    /// (in the same field) holds the other. Needles are compared as nucleo
    /// prepared them (folded); a word with an accent is matched without
    /// folding accents, which only ever matches fewer rows.
    pub(super) fn refines(&self, old: &Fuzzy) -> bool {
        old.words.iter().all(|o| {
            self.words
                .iter()
                .any(|n| is_subsequence(o.needle_text(), n.needle_text()))
        })
    }

    /// Which characters of `name` (as shown) the words match, for
    /// highlighting: each word's best match in the name itself, so the
    /// marks always fall on characters that are there. A word found only
    /// in the configuration marks nothing.
    pub fn highlight_mask(&self, matcher: &mut Matcher, name: &str) -> Vec<bool> {
        let mut buf = Vec::new();
        let haystack = Utf32Str::new(name, &mut buf);
        let mut mask = vec![false; haystack.len()];
        let mut indices = Vec::new();
        for word in &self.words {
            indices.clear();
            if word.indices(haystack, matcher, &mut indices).is_some() {
                // One position per char (no grapheme segmentation: see
                // Cargo.toml), so an index is the name's char index.
                for &i in &indices {
                    if let Some(m) = mask.get_mut(i as usize) {
                        *m = true;
                    }
                }
            }
        }
        mask
    }
}

/// A row the fuzzy query matches, and its score.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Scored {
    row: u32,
    /// The score of every word but the last: what a query that only
    /// lengthens its last word, or adds words, needs not score again.
    settled: u32,
    score: u32,
}

/// One fuzzy query's result.
#[derive(Debug, Clone)]
struct Ranked {
    text: String,
    fuzzy: Fuzzy,
    /// The matching rows in the view's order.
    matches: Vec<Scored>,
    /// The same rows, best score first, ties in the view's order.
    rows: Vec<u32>,
}

/// What a narrowing takes over from the result it narrows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Known {
    Nothing,
    /// Every word of the old query but the last is unchanged.
    Settled,
    /// Every word of the old query is unchanged.
    Score,
}

/// The old words the new query keeps, in place: their scores are known.
/// Returns what is known and the first word to score.
fn reuse(old: &Fuzzy, new: &Fuzzy) -> (Known, usize) {
    let (n, m) = (old.words.len(), new.words.len());
    let kept = old
        .words
        .iter()
        .zip(&new.words)
        .take_while(|(o, n)| o == n)
        .count();
    match n {
        0 => (Known::Nothing, 0),
        _ if kept == n => (Known::Score, n),
        _ if kept + 1 == n && m >= n => (Known::Settled, n - 1),
        _ => (Known::Nothing, 0),
    }
}

/// The fuzzy mode's results, kept as the exact mode keeps its own: one per
/// query typed so far. A query that refines the previous one (see
/// [`Fuzzy::refines`]) scores only the rows that one matched, and only the
/// words it changed; deleting characters pops back to a result already
/// computed.
#[derive(Debug, Clone, Default)]
pub(super) struct Ranking {
    steps: Vec<Ranked>,
    /// Per-row columns a large narrowing scores into, kept from one
    /// keystroke to the next: fresh ones cost a page fault every 4 KiB.
    scratch: Columns,
}

/// Per catalog row, `(settled, score)` of a row being narrowed: the score
/// known before, found after. One pair per row, so that reading a row's
/// pair back in the view's order (all over memory) misses the cache once.
type Columns = Vec<(u32, u32)>;

impl Ranking {
    /// The ranked rows; `None` with no query (the view's own rows then).
    pub(super) fn rows(&self) -> Option<&[u32]> {
        self.steps.last().map(|s| s.rows.as_slice())
    }

    pub(super) fn query(&self) -> &str {
        self.steps.last().map_or("", |s| s.text.as_str())
    }

    pub(super) fn clear(&mut self) {
        self.steps.clear();
    }

    /// Ranks `base` (the view's rows, in its order) by `text`.
    pub(super) fn set_query(&mut self, catalog: &Catalog, base: &[u32], text: &str) {
        let fuzzy = Fuzzy::new(text);
        while self
            .steps
            .last()
            .is_some_and(|top| !(text.starts_with(top.text.as_str()) && fuzzy.refines(&top.fuzzy)))
        {
            self.steps.pop();
        }
        if self.query() == text || text.is_empty() {
            return;
        }
        let scratch = &mut self.scratch;
        let matches = match self.steps.last() {
            Some(top) => narrow(catalog, &top.matches, &top.fuzzy, &fuzzy, scratch),
            None => narrow(catalog, base, &Fuzzy::default(), &fuzzy, scratch),
        };
        let rows = best_first(&matches);
        self.steps.push(Ranked {
            text: text.to_string(),
            fuzzy,
            matches,
            rows,
        });
    }
}

/// A row a narrowing starts from: a match of an earlier query, or a row
/// of the view (before any query: scored 0).
trait Candidate: Copy + Sync {
    fn scored(self) -> Scored;
}

impl Candidate for Scored {
    fn scored(self) -> Scored {
        self
    }
}

impl Candidate for u32 {
    fn scored(self) -> Scored {
        Scored {
            row: self,
            settled: 0,
            score: 0,
        }
    }
}

/// The candidates `new` matches, in their order, scored. `old` is the
/// query that scored them: the words both share are not scored again.
fn narrow<C: Candidate>(
    catalog: &Catalog,
    candidates: &[C],
    old: &Fuzzy,
    new: &Fuzzy,
    columns: &mut Columns,
) -> Vec<Scored> {
    let (known, start) = reuse(old, new);
    if start == new.words.len() {
        // No word to score: the same words (a space typed), or none.
        return candidates
            .iter()
            .map(|c| c.scored())
            .map(|c| match known {
                Known::Score => c,
                _ => Scored {
                    settled: 0,
                    score: 0,
                    ..c
                },
            })
            .collect();
    }
    let scorer = Scorer::new(catalog, new, start);
    let prior = |c: &Scored| match known {
        Known::Nothing => 0,
        Known::Settled => c.settled,
        Known::Score => c.score,
    };
    if candidates.len() <= DIRECT_SCAN_ROWS {
        let mut matcher = matcher();
        let mut buf = Vec::new();
        return candidates
            .iter()
            .map(|c| c.scored())
            .filter_map(|c| {
                let (settled, score) = scorer.score(&mut matcher, &mut buf, c.row, prior(&c))?;
                Some(Scored {
                    row: c.row,
                    settled,
                    score,
                })
            })
            .collect();
    }
    // Many rows: scored in memory (id) order, where names lie back to back,
    // and not in the view's order, which reads them all over memory (ten
    // times slower at a million rows ordered by name). Results go to
    // per-row columns and come back in the view's order after.
    let rows = catalog.len();
    columns.resize(rows, (0, 0));
    let mut set = if candidates.len() == rows {
        RowSet::all(rows)
    } else {
        RowSet::new(rows)
    };
    if known != Known::Nothing || candidates.len() != rows {
        for c in candidates.iter().map(|c| c.scored()) {
            set.insert(c.row);
            // What is known goes in `score`, where scoring will look for it.
            columns[c.row as usize].1 = prior(&c);
        }
    }
    // Each shard is a run of whole 64-row words, with its rows' columns.
    let shards = std::thread::available_parallelism().map_or(1, |n| n.get().min(MAX_SHARDS));
    let words_per_shard = set.0.len().div_ceil(shards).max(1);
    let work = set
        .0
        .chunks_mut(words_per_shard)
        .zip(columns.chunks_mut(words_per_shard * 64))
        .enumerate();
    let prior_known = known != Known::Nothing;
    std::thread::scope(|scope| {
        for (shard, (words, columns)) in work {
            let scorer = &scorer;
            scope.spawn(move || {
                let first = (shard * words_per_shard * 64) as u32;
                scorer.score_words(first, words, columns, prior_known);
            });
        }
    });
    // Read back in the view's order: all over memory, so spread over the
    // cores too, each taking a run of the candidates.
    let (set, columns) = (&set, &*columns);
    let gather = |part: &[C]| -> Vec<Scored> {
        let mut kept = Vec::with_capacity(part.len());
        kept.extend(
            part.iter()
                .map(|c| c.scored().row)
                .filter(|&row| set.contains(row))
                .map(|row| {
                    let (settled, score) = columns[row as usize];
                    Scored {
                        row,
                        settled,
                        score,
                    }
                }),
        );
        kept
    };
    let parts: Vec<Vec<Scored>> = std::thread::scope(|scope| {
        let running: Vec<_> = candidates
            .chunks(candidates.len().div_ceil(shards).max(1))
            .map(|part| scope.spawn(move || gather(part)))
            .collect();
        running
            .into_iter()
            .map(|t| t.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    });
    parts.concat()
}

/// Threads a large narrowing is spread over, at most (one per core).
const MAX_SHARDS: usize = 8;

/// Scores rows against the words of a query from `start` on.
struct Scorer<'a> {
    catalog: &'a Catalog,
    fuzzy: &'a Fuzzy,
    start: usize,
    /// Per word scored, per distinct configuration: its score there.
    /// Configurations are few, so each is scored once, not once per row.
    configs: Vec<Vec<Option<u16>>>,
    /// Per word scored, if it is ASCII: the bytes it needs, as a
    /// [`Mask`]'s bits. An ASCII name whose mask lacks one cannot match it,
    /// and is ruled out without asking nucleo (half the rows of a
    /// one-letter query at a million rows).
    needs: Vec<Option<u64>>,
}

impl<'a> Scorer<'a> {
    fn new(catalog: &'a Catalog, fuzzy: &'a Fuzzy, start: usize) -> Self {
        let mut matcher = matcher();
        let mut buf = Vec::new();
        let configs = (start..fuzzy.words.len())
            .map(|w| {
                catalog
                    .configs
                    .iter()
                    .map(|c| fuzzy.word_score_in(w, &mut matcher, c, &mut buf))
                    .collect()
            })
            .collect();
        let needs = fuzzy.words[start..]
            .iter()
            .map(|w| {
                let needle = w.needle_text();
                needle.is_ascii().then(|| {
                    // Folded as the names are: upper case.
                    let folded: String = needle.chars().map(|c| c.to_ascii_uppercase()).collect();
                    Mask::of(&folded).bytes
                })
            })
            .collect();
        Scorer {
            catalog,
            fuzzy,
            start,
            configs,
            needs,
        }
    }

    /// `(settled, score)` of `row`, given the score of the words before
    /// `start`; `None` when a word matches neither field.
    fn score(
        &self,
        matcher: &mut Matcher,
        buf: &mut Vec<char>,
        row: u32,
        prior: u32,
    ) -> Option<(u32, u32)> {
        let config = self.catalog.config_of[row as usize] as usize;
        let text = self.catalog.name(row);
        // Only an ASCII name: other characters may fold or normalise to
        // the letters a word needs (the Kelvin sign to `k`, `é` to `e`).
        if text.is_ascii() {
            let has = self.catalog.masks[row as usize].bytes;
            let ruled_out = self
                .needs
                .iter()
                .zip(&self.configs)
                .any(|(needs, by_config)| {
                    needs.is_some_and(|n| n & !has != 0) && by_config[config].is_none()
                });
            if ruled_out {
                return None;
            }
        }
        let name = Utf32Str::new(text, buf);
        let mut running = prior;
        let mut settled = prior;
        for (w, by_config) in (self.start..).zip(&self.configs) {
            settled = running;
            let s = self.fuzzy.word_score(w, matcher, name, by_config[config])?;
            running += u32::from(s);
        }
        Some((settled, running))
    }

    /// Scores the members of `words` (rows `first..`), clearing the bits
    /// of rows that do not match. `columns` receives each member's
    /// `(settled, score)`, and holds its prior score in `score` if `known`.
    fn score_words(&self, first: u32, words: &mut [u64], columns: &mut [(u32, u32)], known: bool) {
        let mut matcher = matcher();
        let mut buf = Vec::new();
        for (w, word) in words.iter_mut().enumerate() {
            let mut bits = *word;
            while bits != 0 {
                let b = bits.trailing_zeros() as usize;
                bits &= bits - 1;
                let at = w * 64 + b;
                let prior = if known { columns[at].1 } else { 0 };
                match self.score(&mut matcher, &mut buf, first + at as u32, prior) {
                    Some(found) => columns[at] = found,
                    None => *word &= !(1 << b),
                }
            }
        }
    }
}

/// The rows of `matches` (in the view's order) best score first; equal
/// scores keep the view's order. Scores span a few hundred values, so a
/// counting sort places a million rows in two passes.
fn best_first(matches: &[Scored]) -> Vec<u32> {
    let (Some(low), Some(high)) = (
        matches.iter().map(|m| m.score).min(),
        matches.iter().map(|m| m.score).max(),
    ) else {
        return Vec::new();
    };
    let span = (high - low) as usize + 1;
    if span > matches.len().max(1024) {
        // Scores too spread out for counting: a stable sort keeps ties in order.
        let mut sorted = matches.to_vec();
        sorted.sort_by_key(|m| std::cmp::Reverse(m.score));
        return sorted.into_iter().map(|m| m.row).collect();
    }
    // Where each score's rows start, best score first.
    let mut start = vec![0usize; span + 1];
    for m in matches {
        start[(high - m.score) as usize + 1] += 1;
    }
    for i in 1..start.len() {
        start[i] += start[i - 1];
    }
    let mut rows = vec![0; matches.len()];
    for m in matches {
        let slot = &mut start[(high - m.score) as usize];
        rows[*slot] = m.row;
        *slot += 1;
    }
    rows
}

fn is_subsequence(needle: Utf32Str<'_>, haystack: Utf32Str<'_>) -> bool {
    let mut rest = haystack.chars();
    needle.chars().all(|c| rest.any(|h| h == c))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked(name: &str, text: &str) -> String {
        let mask = Fuzzy::new(text).highlight_mask(&mut matcher(), name);
        name.chars()
            .zip(mask)
            .map(|(c, m)| if m { c } else { '.' })
            .collect()
    }

    #[test]
    fn a_word_is_a_subsequence_of_the_name_or_the_configuration() {
        let mut m = matcher();
        let sz = Fuzzy::new("sz");
        assert!(sz.score_folded(&mut m, "SHENZHOU 17", "SHENZHOU").is_some());
        assert!(sz.score_folded(&mut m, "SOYUZ MS-19", "SOYUZ MS").is_some());
        assert!(sz.score_folded(&mut m, "ZS", "").is_none(), "in order");
        let two = Fuzzy::new("drgn endvr");
        assert!(two
            .score_folded(&mut m, "CREW DRAGON ENDEAVOUR", "CREW DRAGON 2")
            .is_some());
        let split = Fuzzy::new("tenacity chaser");
        assert!(
            split
                .score_folded(&mut m, "TENACITY", "DREAM CHASER")
                .is_some(),
            "one word in the name, the other in the configuration"
        );
        assert_eq!(Fuzzy::new("  ").score_folded(&mut m, "X", ""), Some(0));
    }

    #[test]
    fn a_word_at_the_start_of_a_word_beats_a_scattered_one() {
        let mut m = matcher();
        let ms = Fuzzy::new("ms");
        let together = ms.score_folded(&mut m, "SOYUZ MS-19", "").unwrap();
        let apart = ms.score_folded(&mut m, "MERCURY SIGMA", "").unwrap();
        assert!(together > apart, "{together} vs {apart}");
    }

    #[test]
    fn a_word_counts_its_better_field() {
        let mut m = matcher();
        let w = Fuzzy::new("orion");
        let in_name = w.score_folded(&mut m, "ORION 001", "X").unwrap();
        let in_config = w.score_folded(&mut m, "X", "ORION").unwrap();
        let both = w.score_folded(&mut m, "O R I O N", "ORION").unwrap();
        assert!(in_name > 0 && in_config > 0);
        assert_eq!(both, in_config, "the configuration's match was better");
    }

    #[test]
    fn highlights_fall_on_the_shown_characters() {
        assert_eq!(marked("Soyuz MS-19", "sz"), "S...z......");
        assert_eq!(marked("Soyuz MS-19", "ms 19"), "......MS.19");
        assert_eq!(marked("Crew Dragon", "tenacity"), "...........");
        // A combining accent is a char of its own: marks after it stay on
        // their letters (grapheme segmentation would shift them by one).
        assert_eq!(marked("Re\u{301}union 2", "union"), "...union..");
        assert_eq!(marked("神舟十七号", "十七"), "..十七.");
    }

    #[test]
    fn best_first_is_a_stable_sort_by_score() {
        let mut rng = fastrand::Rng::with_seed(3);
        for spread in [1, 3, 50, 100_000] {
            let matches: Vec<Scored> = (0..5000)
                .map(|row| Scored {
                    row,
                    settled: 0,
                    score: rng.u32(..spread),
                })
                .collect();
            let mut expected = matches.clone();
            expected.sort_by_key(|m| std::cmp::Reverse(m.score));
            let expected: Vec<u32> = expected.iter().map(|m| m.row).collect();
            assert_eq!(best_first(&matches), expected, "spread {spread}");
        }
        assert!(best_first(&[]).is_empty());
    }

    #[test]
    fn a_longer_query_refines_a_shorter_one() {
        let f = Fuzzy::new;
        assert!(f("soy").refines(&f("so")));
        assert!(f("syz").refines(&f("sz")), "a subsequence, not a prefix");
        assert!(f("soyuz ms").refines(&f("soyuz m")));
        assert!(f("soyuz ms").refines(&f("ms")));
        assert!(f("x").refines(&f("")));
        assert!(!f("so").refines(&f("soy")));
        assert!(!f("zs").refines(&f("sz")));
        // `\ ` joins words: "a\" matched a backslash that "a\ b" lacks.
        assert!(!f("a\\ b").refines(&f("a\\")));
    }
}
