//! Drilling down: list → spacecraft → flight → astronaut, station, launch,
//! and what they link to. Where the user is lives in [`super::history`],
//! what was loaded in [`super::loaded`].

use super::{Effect, Focus, Screen, State};
use crate::api::{Flight, Priority, RecordRef, Spacecraft};
use crate::data::store::{FlightsOf, Record};
use crate::doc::now::Aloft;
use crate::doc::{self, Part};
use jiff::SignedDuration;

/// How long the selection must rest on a spacecraft before its flights are
/// fetched: scrolling through the list costs no requests.
pub const REST_BEFORE_LOADING: SignedDuration = SignedDuration::from_millis(500);

impl State {
    /// The spacecraft the current screen is about (the list's selection on the list).
    pub fn current_spacecraft_id(&self) -> Option<u64> {
        match self.screen() {
            Screen::List => self.selected().map(|s| s.id),
            Screen::Record(RecordRef::Spacecraft(id)) => Some(id),
            Screen::Record(RecordRef::Flight(id)) => {
                self.flight(id)?.spacecraft.as_ref().map(|s| s.id)
            }
            Screen::Record(_)
            | Screen::Now
            | Screen::Next
            | Screen::Changes
            | Screen::Charts
            | Screen::Year(_) => None,
        }
    }

    /// The best record known for `id`: the detailed one once loaded, else the catalog's.
    pub fn spacecraft(&self, id: u64) -> Option<&Spacecraft> {
        let catalog = &self.list.catalog;
        self.loaded
            .detail(id)
            .or_else(|| catalog.row_of(id).and_then(|r| catalog.get(r)))
    }

    pub fn flights_of(&self, id: u64) -> Option<&[Flight]> {
        self.loaded.flights_of(id)
    }

    /// A flight from wherever it was loaded: opened on its own, or among its spacecraft's.
    pub fn flight(&self, id: u64) -> Option<&Flight> {
        if let Some(Record::Flight(f)) = self.record(RecordRef::Flight(id)) {
            return Some(f);
        }
        self.charts
            .flight(id)
            .or_else(|| self.loaded.listed_flight(id))
            .or_else(|| self.planned.flights.iter().find(|f| f.id == id))
    }

    pub fn record(&self, r: RecordRef) -> Option<&Record> {
        self.loaded.record(r)
    }

    pub fn selected_flight(&self) -> Option<&Flight> {
        match self.screen() {
            Screen::Record(RecordRef::Flight(id)) => self.flight(id),
            _ => {
                let id = self.current_spacecraft_id()?;
                self.flights_of(id)?.get(self.places.flight_cursor(id))
            }
        }
    }

    /// What a record's pane describes, links included; `None` while it is
    /// not loaded (and on the list and spacecraft screens, which have panes
    /// of their own).
    pub fn description(&self) -> Option<Vec<Part>> {
        match self.screen() {
            Screen::Record(RecordRef::Flight(id)) => Some(doc::flight(self.flight(id)?, self.now)),
            Screen::List
            | Screen::Record(RecordRef::Spacecraft(_))
            | Screen::Now
            | Screen::Charts => None,
            Screen::Year(year) => Some(self.year_description(year)),
            Screen::Changes => Some(doc::changes::inbox(
                &self.inbox.changes,
                self.inbox.read_up_to,
                self.inbox.loaded,
            )),
            Screen::Next => Some(doc::next::flies_next(
                &self.planned.flights,
                self.planned.loaded,
                self.now,
            )),
            Screen::Record(r) => Some(doc::record(self.record(r)?, self.now)),
        }
    }

    /// The records the current pane links to, in selection order.
    pub fn links(&self) -> Vec<RecordRef> {
        self.description().map_or_else(Vec::new, |d| doc::links(&d))
    }

    /// A short name for a place, for the breadcrumbs.
    fn place_name(&self, screen: Screen) -> String {
        let loaded = |r: RecordRef| self.record(r)?.name().map(str::to_string);
        match screen {
            Screen::List => "Spacecraft".to_string(),
            Screen::Now => "In space now".to_string(),
            Screen::Next => "Flies next".to_string(),
            Screen::Changes => "Changes".to_string(),
            Screen::Charts => "Charts".to_string(),
            Screen::Year(year) => format!("Flights of {year}"),
            Screen::Record(RecordRef::Spacecraft(id)) => self
                .spacecraft(id)
                .map_or_else(|| format!("spacecraft {id}"), |s| s.name.clone()),
            Screen::Record(RecordRef::Flight(id)) => self
                .flight(id)
                .and_then(|f| f.launch.as_ref()?.name.clone())
                .unwrap_or_else(|| format!("flight {id}")),
            // A launch is named as its flight is: say which of the two it is.
            Screen::Record(RecordRef::Launch(id)) => loaded(RecordRef::Launch(id))
                .map_or_else(|| format!("launch {id}"), |name| format!("{name} (launch)")),
            other => other
                .record()
                .and_then(|r| loaded(r).or_else(|| Some(r.to_string())))
                .unwrap_or_default(),
        }
    }

    /// `Spacecraft › Soyuz TMA-15 › Soyuz-FG | Soyuz TMA-15`: the way here.
    pub fn breadcrumb(&self) -> Vec<String> {
        self.places
            .path()
            .into_iter()
            .map(|s| self.place_name(s))
            .collect()
    }

    pub(super) fn request_flights(&mut self, id: u64, priority: Priority) -> Option<Effect> {
        if !self.loaded.want_flights(id) {
            return None;
        }
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
        if !self.loaded.want_detail(id) {
            return None;
        }
        Some(Effect::LoadSpacecraft {
            id,
            priority: Priority::Background,
        })
    }

    /// Enter: the selected spacecraft from the list, the selected flight
    /// from a spacecraft, the selected link from a record.
    pub(super) fn open(&mut self) -> Vec<Effect> {
        if self.picture_focused() {
            return self
                .picture_url()
                .map(Effect::OpenUrl)
                .into_iter()
                .collect();
        }
        match (self.screen(), self.places.focus) {
            (Screen::List, _) => match self.selected().map(|s| s.id) {
                Some(id) => self.open_ref(RecordRef::Spacecraft(id)),
                None => vec![],
            },
            (Screen::Record(RecordRef::Spacecraft(_)), Focus::Flights) => {
                match self.selected_flight() {
                    Some(f) => self.open_ref(RecordRef::Flight(f.id)),
                    None => vec![],
                }
            }
            (Screen::Record(RecordRef::Spacecraft(_)), _) => vec![],
            (Screen::Charts, _) => self.open_chart_row(),
            (Screen::Now, _) => match self.aloft().get(self.places.link) {
                Some(row) => self.open_ref(RecordRef::Spacecraft(row.spacecraft)),
                None => vec![],
            },
            (screen, _) => match self.links().get(self.places.link) {
                Some(&r) => self.open_ref(r),
                // Nothing to follow: Enter asks again for what is not loaded.
                None => screen
                    .record()
                    .map_or_else(Vec::new, |r| self.load(r, true)),
            },
        }
    }

    /// Every spacecraft in space now, from the catalog and the flights loaded.
    pub fn aloft(&self) -> Vec<Aloft> {
        doc::now::in_space(
            self.list.catalog.records(),
            |id| self.flights_of(id),
            self.now,
        )
    }

    /// `n`: who is in space now. Their flights come from the sync at no
    /// request when it is fresh; else each costs one, as background work
    /// (Enter on a row asks for it explicitly).
    pub(super) fn in_space_now(&mut self) -> Vec<Effect> {
        self.places.go(Screen::Now);
        let ids: Vec<u64> = self.aloft().iter().map(|r| r.spacecraft).collect();
        ids.into_iter()
            .filter_map(|id| self.request_flights(id, Priority::Background))
            .collect()
    }

    /// Starts at a record (`hangar open KIND/ID`), with the list behind it.
    pub fn start_at(&mut self, r: RecordRef) -> Vec<Effect> {
        self.places.restart();
        self.open_ref(r)
    }

    /// Goes to the record `r` refers to, asking for what is not loaded yet.
    pub fn open_ref(&mut self, r: RecordRef) -> Vec<Effect> {
        self.places.go(r.into());
        self.load(r, false)
    }

    /// What showing `r` needs. Explicit: the user asked for it. `again`
    /// (Enter on a place that failed or was deferred) asks once more.
    fn load(&mut self, r: RecordRef, again: bool) -> Vec<Effect> {
        match r {
            RecordRef::Spacecraft(id) => {
                if again {
                    self.loaded.forget_failed_flights(id);
                }
                self.request_detail(id)
                    .into_iter()
                    .chain(self.request_flights(id, Priority::Explicit))
                    .collect()
            }
            RecordRef::Flight(id) if self.flight(id).is_some() => vec![],
            _ => {
                if again {
                    self.loaded.forget_failed_record(r);
                }
                if !self.loaded.want_record(r) {
                    return vec![];
                }
                vec![Effect::LoadRecord {
                    of: r,
                    priority: Priority::Explicit,
                }]
            }
        }
    }

    /// After a resize: the selected link back in view.
    pub(super) fn link_into_view(&mut self) {
        let (Some(parts), Some(pane)) = (self.description(), self.areas().record) else {
            return;
        };
        let rows = doc::link_rows(&parts, pane.width.saturating_sub(2));
        let Some(&row) = rows.get(self.places.link) else {
            return;
        };
        let shown = usize::from(pane.height.saturating_sub(2)).max(1);
        let top = usize::from(self.places.record_scroll);
        if row < top || row >= top + shown {
            self.places.record_scroll =
                u16::try_from(row.saturating_sub(shown / 2)).unwrap_or(u16::MAX);
        }
    }

    /// j/k on a record's pane: the next or previous link, scrolled into
    /// view; past the last link (or before the first) the pane scrolls, so
    /// that text below the links can be read. Paging scrolls.
    pub(super) fn move_link(&mut self, delta: isize) {
        let Some(parts) = self.description() else {
            return;
        };
        let (Some(pane), 1 | -1) = (self.areas().record, delta) else {
            self.scroll_by(super::Scroll::Record, delta);
            let count = doc::links(&parts).len();
            match delta {
                d if d <= isize::MIN / 2 => self.places.link = 0,
                d if d >= isize::MAX / 2 => self.places.link = count.saturating_sub(1),
                _ => {}
            }
            return;
        };
        let rows = doc::link_rows(&parts, pane.width.saturating_sub(2));
        let shown = usize::from(pane.height.saturating_sub(2)).max(1);
        let top = usize::from(self.places.record_scroll);
        let at = rows.get(self.places.link).copied();
        let next = if delta > 0 {
            let below = at.is_none_or(|row| row >= top);
            (below && self.places.link + 1 < rows.len()).then_some(self.places.link + 1)
        } else {
            let visible = at.is_some_and(|row| row >= top);
            (visible && self.places.link > 0).then(|| self.places.link - 1)
        };
        let Some(next) = next else {
            self.scroll_by(super::Scroll::Record, delta);
            return;
        };
        self.places.link = next;
        let row = rows[next];
        let top = if row < top {
            row
        } else if row >= top + shown {
            row + 1 - shown
        } else {
            top
        };
        self.places.record_scroll = u16::try_from(top).unwrap_or(u16::MAX);
    }

    pub(super) fn move_flight_cursor(&mut self, delta: isize) {
        let Some(id) = self.current_spacecraft_id() else {
            return;
        };
        let len = self.flights_of(id).map_or(0, <[Flight]>::len);
        let next = self
            .places
            .flight_cursor(id)
            .saturating_add_signed(delta)
            .min(len.saturating_sub(1));
        self.places.flight_cursor.insert(id, next);
    }

    /// Once the selection has rested on a spacecraft, its flights are loaded.
    pub(super) fn load_rested(&mut self) -> Option<Effect> {
        let (id, since) = self.list.rest?;
        if self.screen() != Screen::List || self.now.duration_since(since) < REST_BEFORE_LOADING {
            return None;
        }
        // While throttled a request could only fail; Enter still asks explicitly.
        if self.loaded.flights.contains_key(&id) || self.throttle_left().is_some() {
            return None;
        }
        if self.net.sync_brings_flights() {
            return None;
        }
        self.request_flights(id, Priority::Background)
    }

    /// `o`: the record's web page (its wiki link, else its API URL).
    pub(super) fn open_url(&self) -> Option<Effect> {
        let url = match self.screen() {
            Screen::Record(RecordRef::Flight(_)) => {
                let f = self.selected_flight()?;
                f.url.clone().or_else(|| f.launch.as_ref()?.url.clone())
            }
            Screen::Record(RecordRef::Spacecraft(_)) | Screen::List => {
                let s = self.spacecraft(self.current_spacecraft_id()?)?;
                let wiki = s
                    .spacecraft_config
                    .as_ref()
                    .and_then(|c| c.wiki_link.clone());
                wiki.or_else(|| s.url.clone())
            }
            Screen::Record(r) => self.record(r)?.web_page(),
            Screen::Now | Screen::Next | Screen::Changes | Screen::Charts | Screen::Year(_) => None,
        }?;
        let url = crate::api::sanitize::http_url(&url)?;
        Some(Effect::OpenUrl(url.into()))
    }

    /// `y`: the name of what is shown, for the clipboard.
    pub(super) fn copy_text(&self) -> Option<Effect> {
        let text = match self.screen() {
            Screen::Record(RecordRef::Flight(flight)) => self
                .selected_flight()
                .and_then(|f| f.launch.as_ref()?.name.clone())
                .unwrap_or_else(|| format!("flight {flight}")),
            Screen::Now | Screen::Next | Screen::Changes | Screen::Charts | Screen::Year(_) => {
                return None
            }
            Screen::List | Screen::Record(RecordRef::Spacecraft(_)) => {
                self.spacecraft(self.current_spacecraft_id()?)?.name.clone()
            }
            Screen::Record(r) => self.record(r)?.name()?.to_string(),
        };
        Some(Effect::Copy(text))
    }
}
