//! The filter panel's state: what is chosen, and how a choice cycles.

use crate::search::query::{Filter, IdOrName};

/// The filter panel's choices; `None` is "any".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filters {
    pub in_space: Option<bool>,
    pub placeholder: Option<bool>,
    pub status: Option<String>,
    pub config: Option<String>,
}

pub const FILTER_ROWS: [&str; 4] = ["In space", "Placeholder", "Status", "Configuration"];

impl Filters {
    pub fn to_query(&self) -> Vec<Filter> {
        let mut out = Vec::new();
        if let Some(b) = self.in_space {
            out.push(Filter::InSpace(b));
        }
        if let Some(b) = self.placeholder {
            out.push(Filter::IsPlaceholder(b));
        }
        if let Some(s) = &self.status {
            out.push(Filter::Status(IdOrName::Name(s.clone())));
        }
        if let Some(c) = &self.config {
            out.push(Filter::Config(IdOrName::Name(c.clone())));
        }
        out
    }

    /// `in space: yes`, `status: Active`…, for the status line.
    pub fn describe(&self) -> Vec<String> {
        let yes_no = |b: bool| if b { "yes" } else { "no" };
        let mut out = Vec::new();
        if let Some(b) = self.in_space {
            out.push(format!("in space: {}", yes_no(b)));
        }
        if let Some(b) = self.placeholder {
            out.push(format!("placeholder: {}", yes_no(b)));
        }
        if let Some(s) = &self.status {
            out.push(format!("status: {s}"));
        }
        if let Some(c) = &self.config {
            out.push(format!("configuration: {c}"));
        }
        out
    }

    /// The value shown for panel row `row`.
    pub fn value(&self, row: usize) -> String {
        let tri = |b: Option<bool>| match b {
            None => "any",
            Some(true) => "yes",
            Some(false) => "no",
        };
        match row {
            0 => tri(self.in_space).into(),
            1 => tri(self.placeholder).into(),
            2 => self.status.clone().unwrap_or_else(|| "any".into()),
            _ => self.config.clone().unwrap_or_else(|| "any".into()),
        }
    }
}

pub fn cycle_tri(v: Option<bool>, forward: bool) -> Option<bool> {
    let seq = [None, Some(true), Some(false)];
    let i = seq.iter().position(|x| *x == v).unwrap_or(0);
    seq[if forward { (i + 1) % 3 } else { (i + 2) % 3 }]
}

/// `None` → first value → … → last value → `None`, or backwards.
pub fn cycle_choice(current: &Option<String>, values: &[String], forward: bool) -> Option<String> {
    let n = values.len();
    if n == 0 {
        return None;
    }
    let pos = current
        .as_ref()
        .and_then(|c| values.iter().position(|v| v == c));
    let next = match (pos, forward) {
        (None, true) => Some(0),
        (None, false) => Some(n - 1),
        (Some(i), true) => (i + 1 < n).then_some(i + 1),
        (Some(i), false) => i.checked_sub(1),
    };
    next.map(|i| values[i].clone())
}
