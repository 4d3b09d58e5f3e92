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
//!
//! The parts: `catalog` (the records and what is precomputed), `rows`
//! (masks and row sets), `matcher` (the exact search's terms), `view` (the
//! list's rows, narrowed and re-ordered) and `highlight`; the one-shot
//! semantics in [`query`] (with `order` and `filters`) and [`fuzzy`].

mod catalog;
mod filters;
pub mod fuzzy;
mod highlight;
mod matcher;
mod order;
pub mod python;
pub mod query;
mod rows;
mod view;

pub use catalog::{Catalog, SharedConfigs};
pub use highlight::{highlight_mask, Highlighter};
pub use view::View;

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

#[cfg(test)]
mod fixtures;
