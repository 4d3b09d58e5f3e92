//! What flies next: the screen of every planned flight, soonest NET first,
//! and when the planned launches are asked for. Opening the screen asks
//! when they are older than [`PLANNED_WHEN_SHOWN`]; a finished sync asks
//! when they are older than [`PLANNED_IN_BACKGROUND`]. Either is one
//! request as background work (never the reserve), none while fresh.

use super::{Effect, Level, Screen, State};
use crate::api::{ApiError, Flight};
use crate::data::store::{StoreError, PLANNED_IN_BACKGROUND, PLANNED_WHEN_SHOWN};
use jiff::SignedDuration;
use std::sync::Arc;

impl State {
    /// `N`: every planned flight, refreshed if they are old.
    pub(super) fn flies_next(&mut self) -> Vec<Effect> {
        self.places.go(Screen::Next);
        vec![self.load_planned(PLANNED_WHEN_SHOWN)]
    }

    /// The planned flights held, asking for them first when older than
    /// `max_age` (not offline, not while a refresh is under way).
    pub(super) fn load_planned(&mut self, max_age: SignedDuration) -> Effect {
        let ask = !self.net.offline && !self.planned.refreshing;
        self.planned.refreshing |= ask;
        Effect::LoadPlanned {
            refresh_after: ask.then_some(max_age),
        }
    }

    /// After a sync: its planned flights, and the planned launches if old.
    pub(super) fn planned_after_sync(&mut self) -> Effect {
        self.load_planned(PLANNED_IN_BACKGROUND)
    }

    pub(super) fn on_planned(
        &mut self,
        flights: Arc<Vec<Flight>>,
        refresh: Option<Result<(), StoreError>>,
    ) {
        self.planned.set(flights);
        let Some(result) = refresh else {
            return;
        };
        self.planned.refreshing = false;
        self.planned.note = match result {
            Ok(()) => None,
            // Kept back for the reserve: the sync's copy is shown meanwhile.
            Err(StoreError::Api(ApiError::OverBudget { until, .. })) => Some(format!(
                "not refreshed: the budget allows it at {}",
                crate::api::error::clock_time(until)
            )),
            Err(e) => Some(format!("not refreshed: {e}")),
        };
        if self.screen() == Screen::Next {
            if let Some(note) = self.planned.note.clone() {
                self.warn(Level::Info, note);
            }
        }
    }
}
