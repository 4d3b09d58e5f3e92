//! Recording what changed ([`crate::data::changes`]) where a copy fetched
//! from the API replaces a whole one held: the catalog, every flight (the
//! sync), the planned launches. The first load has nothing to compare with
//! and records nothing; no request is ever made for a change.

use super::*;
use crate::data::changes::{diff_catalog, diff_flights, Change, ChangeLog};

impl Store {
    /// The change log beside the cache (see [`crate::data::changes::default_path`]).
    pub fn change_log(&self) -> &ChangeLog {
        &self.changes
    }

    /// A list the cache holds whole, to compare the next copy with.
    pub(super) fn held_whole<T: DeserializeOwned + Keyed>(
        &self,
        page_url: &impl Fn(u64) -> String,
    ) -> Option<Vec<T>> {
        let listing = self.cached_listing::<T>(page_url)?;
        listing.complete().then(|| listing.into_records())
    }

    /// The catalog `after` replaced `before`: what changed, if both are whole.
    pub(super) fn note_catalog(
        &self,
        before: Option<Vec<Spacecraft>>,
        after: &Fetched<Listing<Spacecraft>>,
    ) {
        if let (Some(before), true) = (before, fetched_whole(after)) {
            self.log_changes(diff_catalog(
                &before,
                &after.value.records,
                Timestamp::now(),
            ));
        }
    }

    /// Flights `after` replaced `before` (every flight, or every flight held).
    pub(super) fn note_flights(&self, before: Option<Vec<Flight>>, after: &[Flight], whole: bool) {
        if let (Some(before), true) = (before, whole) {
            self.log_changes(diff_flights(&before, after, Timestamp::now()));
        }
    }

    fn log_changes(&self, changes: Vec<Change>) {
        if changes.is_empty() {
            return;
        }
        match self.changes.append(&changes) {
            Ok(()) => tracing::info!(changes = changes.len(), "changes recorded"),
            Err(e) => tracing::warn!(error = %e, "cannot write the change log"),
        }
    }
}

/// Fetched from the API, every page of it.
pub(super) fn fetched_whole<T>(f: &Fetched<Listing<T>>) -> bool {
    f.origin == Origin::Live && f.partial.is_none()
}
