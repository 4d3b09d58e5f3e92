//! Rendered answers kept per request target while the holdings they were
//! made from are the mirror's: a page asked again (the catalog's first page,
//! by a whole classroom) costs a lookup instead of filtering, ordering,
//! rewriting and rendering up to 100 detailed records. A new generation of
//! the holdings (a reload) forgets them all; so does going over the bound.

use super::response::Rendered;
use std::collections::HashMap;
use std::sync::Mutex;

/// The bytes of bodies kept at most: past it, everything is forgotten (the
/// hot pages come back at once; a crawler of every page cannot grow it).
pub const MAX_BYTES: usize = 8 * 1024 * 1024;

#[derive(Default)]
pub struct Kept {
    inner: Mutex<Inner>,
}

#[derive(Default)]
struct Inner {
    generation: u64,
    bytes: usize,
    answers: HashMap<Box<str>, Rendered>,
}

impl Kept {
    /// The answer kept for `target` (path and query, as sent) in `generation`.
    pub fn get(&self, generation: u64, target: &str) -> Option<Rendered> {
        let inner = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        if inner.generation != generation {
            return None;
        }
        inner.answers.get(target).cloned()
    }

    /// Keeps `rendered` for `target` in `generation`, forgetting an older
    /// generation's answers.
    pub fn keep(&self, generation: u64, target: &str, rendered: &Rendered) {
        let size = rendered.body.len().saturating_add(target.len());
        if size > MAX_BYTES {
            return;
        }
        let mut inner = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        if inner.generation != generation || inner.bytes.saturating_add(size) > MAX_BYTES {
            inner.answers.clear();
            inner.bytes = 0;
            inner.generation = generation;
        }
        if let Some(old) = inner.answers.insert(target.into(), rendered.clone()) {
            inner.bytes = inner
                .bytes
                .saturating_sub(old.body.len().saturating_add(target.len()));
        }
        inner.bytes = inner.bytes.saturating_add(size);
    }

    /// How many answers are kept, and their bytes.
    #[cfg(test)]
    pub fn size(&self) -> (usize, usize) {
        let inner = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        (inner.answers.len(), inner.bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::serve::response::Answer;
    use serde_json::json;

    fn answer(n: usize) -> Rendered {
        Answer::ok(json!({ "n": "x".repeat(n) })).render()
    }

    #[test]
    fn kept_per_target_and_generation() {
        let kept = Kept::default();
        kept.keep(1, "/a", &answer(10));
        assert_eq!(kept.get(1, "/a").map(|r| r.body.len()), Some(18));
        assert!(kept.get(1, "/b").is_none());
        assert!(kept.get(2, "/a").is_none());
        kept.keep(2, "/b", &answer(1));
        assert!(kept.get(1, "/a").is_none());
        assert_eq!(kept.size(), (1, 9 + 2));
        // The same target again replaces, and is counted once.
        kept.keep(2, "/b", &answer(3));
        assert_eq!(kept.size(), (1, 11 + 2));
    }

    #[test]
    fn bounded_in_bytes() {
        let kept = Kept::default();
        let big = answer(MAX_BYTES / 3);
        for i in 0..10 {
            kept.keep(1, &format!("/{i}"), &big);
            assert!(kept.size().1 <= MAX_BYTES);
        }
        assert!(kept.get(1, "/9").is_some());
        kept.keep(1, "/huge", &answer(MAX_BYTES));
        assert!(kept.get(1, "/huge").is_none());
    }
}
