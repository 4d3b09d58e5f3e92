//! Drilling down: list → spacecraft → flight, as a stack of screens.
//!
//! Detailed records and flights are kept per spacecraft id, so a response
//! that arrives after the user moved on lands under its own id and never
//! replaces what is shown.

use super::{Effect, Focus, State};
use crate::api::{Flight, Priority, Spacecraft};
use crate::app::action::Deferred;
use crate::data::store::{Fetched, FlightsOf, Listing};
use jiff::SignedDuration;
use std::sync::Arc;

/// How long the selection must rest on a spacecraft before its flights are
/// fetched: scrolling through the list costs no requests.
pub const REST_BEFORE_LOADING: SignedDuration = SignedDuration::from_millis(500);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    List,
    Spacecraft(u64),
    Flight { spacecraft: u64, flight: u64 },
}

#[derive(Debug, Clone)]
pub enum Loadable<T> {
    Loading,
    Ready(Arc<Fetched<T>>),
    Failed(String),
    /// Background work left it for later: the budget's reserve is kept for
    /// what the user opens. Enter loads it; background work may from then.
    Deferred(jiff::Timestamp),
}

impl<T> Loadable<T> {
    pub fn ready(&self) -> Option<&Fetched<T>> {
        match self {
            Loadable::Ready(f) => Some(f),
            _ => None,
        }
    }
}

impl State {
    pub fn screen(&self) -> Screen {
        self.screens.last().copied().unwrap_or(Screen::List)
    }

    /// The spacecraft the current screen is about (the list's selection on the list).
    pub fn current_spacecraft_id(&self) -> Option<u64> {
        match self.screen() {
            Screen::List => self.selected().map(|s| s.id),
            Screen::Spacecraft(id) | Screen::Flight { spacecraft: id, .. } => Some(id),
        }
    }

    /// The best record known for `id`: the detailed one once loaded, else the catalog's.
    pub fn spacecraft(&self, id: u64) -> Option<&Spacecraft> {
        match self.details.get(&id).and_then(Loadable::ready) {
            Some(detailed) => Some(&detailed.value),
            None => self.catalog.row_of(id).and_then(|r| self.catalog.get(r)),
        }
    }

    pub fn flights_of(&self, id: u64) -> Option<&[Flight]> {
        self.flights
            .get(&id)?
            .ready()
            .map(|f| f.value.records.as_slice())
    }

    pub fn flight_cursor(&self, id: u64) -> usize {
        self.flight_cursor.get(&id).copied().unwrap_or(0)
    }

    pub fn selected_flight(&self) -> Option<&Flight> {
        let id = self.current_spacecraft_id()?;
        match self.screen() {
            Screen::Flight { flight, .. } => self.flights_of(id)?.iter().find(|f| f.id == flight),
            _ => self.flights_of(id)?.get(self.flight_cursor(id)),
        }
    }

    /// `Spacecraft › Soyuz TMA-15 › Soyuz-FG | Soyuz TMA-15`.
    pub fn breadcrumb(&self) -> Vec<String> {
        let mut out = vec!["Spacecraft".to_string()];
        if let Some(id) = self.screens.iter().find_map(|s| match s {
            Screen::Spacecraft(id) => Some(*id),
            _ => None,
        }) {
            out.push(
                self.spacecraft(id)
                    .map_or_else(|| format!("#{id}"), |s| s.name.clone()),
            );
        }
        if let Screen::Flight { flight, .. } = self.screen() {
            let name = self
                .selected_flight()
                .and_then(|f| f.launch.as_ref()?.name.clone());
            out.push(name.unwrap_or_else(|| format!("flight {flight}")));
        }
        out
    }

    pub(super) fn request_flights(&mut self, id: u64, priority: Priority) -> Option<Effect> {
        if matches!(
            self.flights.get(&id),
            Some(Loadable::Loading | Loadable::Ready(_))
        ) {
            return None;
        }
        self.flights.insert(id, Loadable::Loading);
        let of = self.spacecraft(id).map_or(
            FlightsOf {
                id,
                in_space: None,
                flights_count: None,
            },
            FlightsOf::of,
        );
        Some(Effect::LoadFlights { of, priority })
    }

    /// The detailed record is a nicety (the catalog's record is shown until
    /// it comes, and detailed catalog pages usually have it): background work.
    fn request_detail(&mut self, id: u64) -> Option<Effect> {
        if matches!(
            self.details.get(&id),
            Some(Loadable::Loading | Loadable::Ready(_))
        ) {
            return None;
        }
        self.details.insert(id, Loadable::Loading);
        Some(Effect::LoadSpacecraft {
            id,
            priority: Priority::Background,
        })
    }

    /// Enter: the selected spacecraft from the list, the selected flight from a spacecraft.
    pub(super) fn open(&mut self) -> Vec<Effect> {
        match (self.screen(), self.focus) {
            (Screen::List, _) => {
                let Some(id) = self.selected().map(|s| s.id) else {
                    return vec![];
                };
                self.screens.push(Screen::Spacecraft(id));
                self.focus = Focus::Flights;
                self.detail_scroll = 0;
                self.request_detail(id)
                    .into_iter()
                    .chain(self.request_flights(id, Priority::Explicit))
                    .collect()
            }
            (Screen::Spacecraft(id), Focus::Flights) => {
                if let Some(flight) = self.selected_flight().map(|f| f.id) {
                    self.screens.push(Screen::Flight {
                        spacecraft: id,
                        flight,
                    });
                    self.flight_scroll = 0;
                }
                vec![]
            }
            _ => vec![],
        }
    }

    /// Esc/Backspace/h: one level up, with that level's cursor as it was.
    pub(super) fn back(&mut self) -> bool {
        if self.screens.len() <= 1 {
            return false;
        }
        self.screens.pop();
        self.detail_scroll = 0;
        self.focus = match self.screen() {
            Screen::List => Focus::List,
            _ => Focus::Flights,
        };
        true
    }

    pub(super) fn move_flight_cursor(&mut self, delta: isize) {
        let Some(id) = self.current_spacecraft_id() else {
            return;
        };
        let len = self.flights_of(id).map_or(0, <[Flight]>::len);
        let next = self
            .flight_cursor(id)
            .saturating_add_signed(delta)
            .min(len.saturating_sub(1));
        self.flight_cursor.insert(id, next);
    }

    /// Notes when the list's selection changed, for the rest timer.
    pub(super) fn track_rest(&mut self) {
        let id = self.selected().map(|s| s.id);
        if self.rest.map(|(r, _)| r) != id {
            self.rest = id.map(|id| (id, self.now));
        }
    }

    /// Once the selection has rested on a spacecraft, its flights are loaded.
    pub(super) fn load_rested(&mut self) -> Option<Effect> {
        let (id, since) = self.rest?;
        if self.screen() != Screen::List || self.now.duration_since(since) < REST_BEFORE_LOADING {
            return None;
        }
        // While throttled a request could only fail; Enter still asks explicitly.
        if self.flights.contains_key(&id) || self.throttle_left().is_some() {
            return None;
        }
        self.request_flights(id, Priority::Background)
    }

    pub(super) fn on_detail(&mut self, id: u64, result: Result<Box<Fetched<Spacecraft>>, String>) {
        let entry = match result {
            Ok(fetched) => Loadable::Ready(Arc::from(fetched)),
            Err(e) => Loadable::Failed(e),
        };
        self.details.insert(id, entry);
    }

    /// A load that background work left for later (see [`Loadable::Deferred`]).
    pub(super) fn on_deferred(&mut self, id: u64, what: Deferred, until: jiff::Timestamp) {
        match what {
            Deferred::Flights => {
                self.flights.insert(id, Loadable::Deferred(until));
            }
            Deferred::Detail => {
                self.details.insert(id, Loadable::Deferred(until));
            }
        }
    }

    pub(super) fn on_flights(&mut self, id: u64, result: Result<Fetched<Listing<Flight>>, String>) {
        let entry = match result {
            Ok(fetched) => Loadable::Ready(Arc::new(fetched)),
            Err(e) => Loadable::Failed(e),
        };
        self.flights.insert(id, entry);
    }

    /// `o`: the record's web page (its wiki link, else its API URL).
    pub(super) fn open_url(&self) -> Option<Effect> {
        let url = match self.screen() {
            Screen::Flight { .. } => {
                let f = self.selected_flight()?;
                f.url.clone().or_else(|| f.launch.as_ref()?.url.clone())
            }
            _ => {
                let s = self.spacecraft(self.current_spacecraft_id()?)?;
                let wiki = s
                    .spacecraft_config
                    .as_ref()
                    .and_then(|c| c.wiki_link.clone());
                wiki.or_else(|| s.url.clone())
            }
        }?;
        Some(Effect::OpenUrl(url))
    }

    /// `y`: the name of what is shown, for the clipboard.
    pub(super) fn copy_text(&self) -> Option<Effect> {
        let text = match self.screen() {
            Screen::Flight { flight, .. } => self
                .selected_flight()
                .and_then(|f| f.launch.as_ref()?.name.clone())
                .unwrap_or_else(|| format!("flight {flight}")),
            _ => self.spacecraft(self.current_spacecraft_id()?)?.name.clone(),
        };
        Some(Effect::Copy(text))
    }
}
