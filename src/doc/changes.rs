//! The inbox: what changed since one copy of the data and the next, newest
//! first, a heading a day, the unread marked; each line opens what it is
//! about.

use super::{Item, Part};
use crate::data::changes::Change;
use jiff::Timestamp;

/// `read_up_to`: changes at or before it have been shown; later ones are new.
pub fn inbox(changes: &[Change], read_up_to: Option<Timestamp>, loaded: bool) -> Vec<Part> {
    let new = changes.iter().filter(|c| c.after(read_up_to)).count();
    let mut out = vec![Part::Title(format!(
        "Changes ({}, {new} new)",
        changes.len()
    ))];
    if changes.is_empty() {
        out.push(Part::Text(
            if loaded {
                "nothing changed yet: changes are recorded when a refresh or a sync replaces \
                 what was held (the first load records nothing)"
            } else {
                "reading the change log…"
            }
            .into(),
        ));
        return out;
    }
    let mut day = String::new();
    let mut items = Vec::new();
    for c in changes {
        let this = c.at.strftime("%Y-%m-%d").to_string();
        if this != day {
            if !items.is_empty() {
                out.push(Part::Items(std::mem::take(&mut items)));
            }
            out.push(Part::Heading(this.clone()));
            day = this;
        }
        let mark = if c.after(read_up_to) { "●" } else { " " };
        items.push(Item::new(
            format!("{mark} {} {}", c.at.strftime("%H:%M"), c.text),
            Some(c.subject),
        ));
    }
    out.push(Part::Items(items));
    out
}
