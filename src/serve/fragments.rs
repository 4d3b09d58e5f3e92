//! Each listed record's JSON as a page writes it, rendered once per
//! holdings: a page made afresh (a new search, ordering or offset) then
//! copies 100 pieces of text instead of copying, rewriting, projecting and
//! rendering 100 trees of `serde_json::Value`s, which was most of its cost
//! (the README's figures).

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};

/// The bytes of rendered records the holdings keep, all lists together;
/// past it a record is rendered for each page that has it, as before.
pub const BUDGET: usize = 12 * 1024 * 1024;

/// The ways one record is written in a page: its mode (normal, detailed)
/// and its URLs' `format` (none, `json`). Another `format` (DRF renders
/// `format=` too) is rendered each time.
pub const VARIANTS: usize = 4;

/// Which of the [`VARIANTS`] a request asks for, if a kept one.
pub fn variant(detailed: bool, format: Option<&str>) -> Option<usize> {
    let format = match format {
        None => 0,
        Some("json") => 1,
        Some(_) => return None,
    };
    Some(usize::from(detailed) * 2 + format)
}

/// One list's rendered records, by row.
pub struct Fragments {
    slots: Vec<[OnceLock<Arc<str>>; VARIANTS]>,
}

impl Fragments {
    pub fn new(rows: usize) -> Fragments {
        Fragments {
            slots: (0..rows).map(|_| Default::default()).collect(),
        }
    }

    /// Row `row` in `variant`: kept, or `render`ed now and kept while
    /// `spent` (shared by the holdings' lists) is under [`BUDGET`].
    pub fn get(
        &self,
        row: usize,
        variant: Option<usize>,
        spent: &AtomicUsize,
        render: impl FnOnce() -> String,
    ) -> Arc<str> {
        let Some(slot) = variant.and_then(|v| self.slots.get(row)?.get(v)) else {
            return Arc::from(render());
        };
        if let Some(kept) = slot.get() {
            return Arc::clone(kept);
        }
        let text: Arc<str> = Arc::from(render());
        let size = text.len();
        let before = spent.fetch_add(size, Ordering::Relaxed);
        if before.saturating_add(size) > BUDGET {
            spent.fetch_sub(size, Ordering::Relaxed);
            return text;
        }
        // Two requests may render it at once: the first kept is the one
        // (the same text), the other's count given back.
        if slot.set(Arc::clone(&text)).is_err() {
            spent.fetch_sub(size, Ordering::Relaxed);
        }
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kept_once_per_variant_and_within_the_budget() {
        let lists = Fragments::new(3);
        let spent = AtomicUsize::new(0);
        let mut renders = 0;
        let mut get = |row, variant| {
            lists.get(row, variant, &spent, || {
                renders += 1;
                format!("{{\"row\":{row}}}")
            })
        };
        assert_eq!(&*get(1, Some(0)), "{\"row\":1}");
        assert_eq!(&*get(1, Some(0)), "{\"row\":1}");
        assert_eq!(&*get(1, Some(3)), "{\"row\":1}");
        assert_eq!(&*get(1, None), "{\"row\":1}");
        assert_eq!(&*get(9, Some(0)), "{\"row\":9}", "a row it has no slot for");
        assert_eq!(renders, 4);
        assert_eq!(spent.load(Ordering::Relaxed), 18);

        let full = AtomicUsize::new(BUDGET - 5);
        let text = lists.get(0, Some(0), &full, || "{\"big\":1}".into());
        assert_eq!(&*text, "{\"big\":1}");
        assert_eq!(full.load(Ordering::Relaxed), BUDGET - 5, "not kept");
        assert!(lists.slots[0][0].get().is_none());
    }

    #[test]
    fn variants_are_the_modes_and_formats_kept() {
        assert_eq!(variant(false, None), Some(0));
        assert_eq!(variant(false, Some("json")), Some(1));
        assert_eq!(variant(true, None), Some(2));
        assert_eq!(variant(true, Some("json")), Some(3));
        assert_eq!(variant(true, Some("")), None);
    }
}
