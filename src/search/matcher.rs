//! The exact search's [`Matcher`]: each term prepared once against the
//! catalog (a finder, a [`Mask`], its hits among the configuration names),
//! then tested row by row or 64 rows at a time.

use super::catalog::Catalog;
use super::query::Search;
use super::rows::{Mask, RowSet};
use memchr::memmem;

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
pub(super) fn refines(new: &Search, old: &Search) -> bool {
    old.terms()
        .iter()
        .all(|o| new.terms().iter().any(|n| n.contains(o.as_str())))
}

/// The terms a narrowing still has to check.
pub(super) struct Matcher {
    terms: Vec<Term>,
}

impl Matcher {
    /// `terms` minus those every candidate row already matched.
    pub(super) fn new(catalog: &Catalog, terms: &[String], already: &[String]) -> Self {
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

    pub(super) fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    pub(super) fn matches(&self, catalog: &Catalog, row: u32) -> bool {
        self.terms.iter().all(|t| t.matches(catalog, row))
    }

    /// Narrows `rows` to the matching ones, term by term, word by word: each
    /// pass reads the catalog's columns front to back and skips rows an
    /// earlier term already ruled out.
    pub(super) fn retain_matching(&self, catalog: &Catalog, rows: &mut RowSet) {
        for term in &self.terms {
            for (w, word) in rows.0.iter_mut().enumerate() {
                if *word != 0 {
                    *word = term.matches_in_word(catalog, w, *word);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::fixtures::{random_catalog, random_text};
    use crate::search::fold;

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
}
