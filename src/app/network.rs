//! What the network is doing, as the status line tells it: the catalog's
//! load (its generation, progress and origin), the throttle, the budget
//! and the background sync.

use super::Effect;
use crate::api::BudgetView;
use crate::data::store::{Origin, Partial, StoreError, SyncEvent, SyncList, SyncReport};
use jiff::{SignedDuration, Timestamp};

/// The background sync, as the status line tells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SyncStatus {
    pub running: bool,
    /// Flights had and how many there are.
    pub flights: Option<(u64, Option<u64>)>,
    pub complete: bool,
    /// Stopped by the budget (or a failure): starts again then.
    pub resume_at: Option<Timestamp>,
}

/// A failed sync tries again after this long, unless the budget says when.
const SYNC_RETRY: SignedDuration = SignedDuration::from_mins(10);

#[derive(Debug, Default)]
pub struct Network {
    /// The catalog load that counts: answers of older ones are dropped.
    pub generation: u64,
    /// Pages done/known while a network load runs.
    pub loading: Option<(usize, usize)>,
    pub spinner: usize,
    /// The API's count for the catalog.
    pub count: Option<u64>,
    pub origin: Option<Origin>,
    /// The catalog is missing pages.
    pub partial: Option<Partial>,
    pub throttled_until: Option<Timestamp>,
    /// A load was stopped by a throttle: start it again when the wait is over.
    pub resume_after_throttle: bool,
    pub budget: Option<BudgetView>,
    /// How far the background sync of every flight is.
    pub sync: SyncStatus,
    pub offline: bool,
    /// Where data comes from, for the title bar (`ll.thespacedevs.com/2.3.0`).
    pub source: String,
}

impl Network {
    pub fn new(offline: bool, source: String) -> Self {
        Network {
            offline,
            source,
            ..Network::default()
        }
    }

    /// A new catalog load, which answers of the earlier ones no longer reach.
    pub(super) fn load_catalog(&mut self, refresh: bool) -> Effect {
        self.generation += 1;
        Effect::LoadCatalog {
            generation: self.generation,
            refresh,
        }
    }

    pub(crate) fn throttle_left(&self, now: Timestamp) -> Option<SignedDuration> {
        let left = self.throttled_until?.duration_since(now);
        left.is_positive().then_some(left)
    }

    /// Stopped by the budget or a throttle: go on at `at`.
    pub(super) fn resume_at(&mut self, at: Timestamp) {
        self.throttled_until = Some(at);
        self.resume_after_throttle = true;
    }

    /// The throttle is over and a load waits for it: the caller starts it.
    pub(super) fn take_resume(&mut self, now: Timestamp) -> bool {
        if self.resume_after_throttle && self.throttle_left(now).is_none() {
            self.resume_after_throttle = false;
            self.throttled_until = None;
            return true;
        }
        false
    }

    /// A complete catalog is in: the sync starts, unless it runs or is done.
    pub(super) fn start_sync(&mut self) -> bool {
        if self.offline || self.partial.is_some() || self.sync.running || self.sync.complete {
            return false;
        }
        self.sync.running = true;
        true
    }

    /// A sync that stopped starts again once its time has come.
    pub(super) fn resume_sync(&mut self, now: Timestamp) -> bool {
        if self.sync.running || self.sync.resume_at.is_none_or(|at| at > now) {
            return false;
        }
        self.sync.resume_at = None;
        self.sync.running = true;
        true
    }

    /// The sync (running, or starting once the catalog is in) brings every
    /// flight: asking for some now would pay for them twice.
    pub(super) fn sync_brings_flights(&self) -> bool {
        self.sync.running || (self.loading.is_some() && !self.sync.complete)
    }

    pub(super) fn on_sync_progress(&mut self, event: SyncEvent) {
        if event.list == SyncList::Flights {
            self.sync.flights = Some((event.records(), event.count));
        }
    }

    /// Returns whether the sync finished its pass (flights that could not
    /// load before may now come from it).
    pub(super) fn on_sync_done(
        &mut self,
        result: Result<SyncReport, StoreError>,
        now: Timestamp,
    ) -> bool {
        self.sync.running = false;
        match result {
            Ok(report) => {
                if let Some(f) = &report.flights {
                    self.sync.flights = Some((f.records as u64, f.count));
                }
                self.sync.complete = report.complete();
                self.sync.resume_at =
                    (!report.complete()).then(|| report.resume_at().unwrap_or(now + SYNC_RETRY));
                true
            }
            Err(e) => {
                tracing::info!(error = %e, "sync failed");
                self.sync.resume_at = Some(now + SYNC_RETRY);
                false
            }
        }
    }
}
