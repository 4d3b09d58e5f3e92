//! The application state and `update`, the one place it changes. `update`
//! does no I/O and draws nothing: it returns [`Effect`]s for the runtime to
//! perform, so it is tested with plain asserts.

use crate::api::error::human_wait;
use crate::api::{Flight, Priority, RecordRef, Spacecraft};
use crate::app::action::{Action, CatalogUpdate, Deferred, MouseKind};
use crate::data::store::{FlightsOf, Origin, Record, StoreError, SyncReport};
use crate::search::fuzzy::SearchMode;
use crate::search::query::{Order, OrderField};
use jiff::{SignedDuration, Timestamp};
use layout::Areas;
use ratatui::layout::{Position, Rect};

pub mod action;
mod charts;
mod commands;
mod drill;
mod filters;
mod history;
mod inbox;
pub mod layout;
mod list;
mod loaded;
mod network;
mod next;
pub mod pictures;
mod planned;

pub use charts::Charts;
pub use drill::REST_BEFORE_LOADING;
pub use filters::{Filters, FILTER_ROWS};
pub use history::{History, Places, Screen, Visit};
pub use inbox::Inbox;
pub use layout::Scroll;
pub use list::List;
pub use loaded::{Loadable, Loaded};
pub use network::{Network, SyncStatus};
pub use planned::Planned;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Normal,
    Search,
    Filter,
    Help,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Focus {
    #[default]
    List,
    Detail,
    Flights,
    /// The picture beside a record's fields (`o` opens it full size).
    Image,
}

/// What the runtime should do; `update` never does it itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Load the catalog: local data first, then the API when stale (or `refresh`).
    LoadCatalog { generation: u64, refresh: bool },
    /// Read the request budget from the API (free).
    FetchBudget,
    /// The detailed record of one spacecraft.
    LoadSpacecraft { id: u64, priority: Priority },
    /// Every flight of one spacecraft.
    LoadFlights { of: FlightsOf, priority: Priority },
    /// One record opened from a link (a flight, an astronaut, a station, a launch).
    LoadRecord { of: RecordRef, priority: Priority },
    /// The charts' figures from the catalog shown and the synced flights (no request).
    LoadStats,
    /// The planned flights held (no request); first, when `refresh_after`
    /// is given and the planned launches are older, one request for them
    /// as background work.
    LoadPlanned {
        refresh_after: Option<SignedDuration>,
    },
    /// Read the change log (no request).
    LoadChanges,
    /// Mark the changes up to this time as shown.
    MarkChangesRead(Timestamp),
    /// Sync the catalog and every flight in the background (never spends the reserve).
    Sync,
    /// Open a web page in the system browser.
    OpenUrl(String),
    /// Put text on the clipboard (through the terminal).
    Copy(String),
    /// The picture the screen wants now (`None`: none; stop what is under way).
    ShowPicture(Option<pictures::Want>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Info,
    Warning,
    Error,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub level: Level,
    pub text: String,
}

/// The whole state, in the parts it owns; `update` delegates to them.
pub struct State {
    /// The catalog, the view of it and the cursor.
    pub list: List,
    /// Where the user is, and the places behind and ahead.
    pub places: Places,
    /// What was loaded as the user drilled down.
    pub loaded: Loaded,
    /// Loads, throttle, budget and sync.
    pub net: Network,
    /// The charts' figures, and which chart is shown.
    pub charts: Charts,
    /// Every planned flight, and each spacecraft's next.
    pub planned: Planned,
    /// What changed since the last look.
    pub inbox: Inbox,
    /// The picture beside a record's fields.
    pub pictures: pictures::Pictures,
    pub mode: Mode,
    pub help_scroll: u16,
    /// Lines of the help overlay (the keymap's, which the event loop holds).
    pub help_lines: usize,
    pub size: (u16, u16),
    pub now: Timestamp,
    pub notice: Option<Notice>,
    pub quit: bool,
}

impl State {
    pub fn new(now: Timestamp, size: (u16, u16), offline: bool, source: String) -> Self {
        State {
            list: List::default(),
            places: Places::default(),
            loaded: Loaded::default(),
            net: Network::new(offline, source),
            charts: Charts::default(),
            planned: Planned::default(),
            inbox: Inbox::default(),
            pictures: pictures::Pictures::default(),
            mode: Mode::Normal,
            help_scroll: 0,
            help_lines: 0,
            size,
            now,
            notice: None,
            quit: false,
        }
    }

    /// The effects to run at start-up: load the catalog (and the budget when online).
    pub fn start(&mut self, refresh: bool) -> Vec<Effect> {
        let mut effects = vec![self.net.load_catalog(refresh)];
        if !self.net.offline {
            effects.push(Effect::FetchBudget);
        }
        effects
    }

    pub fn rows(&self) -> &[u32] {
        self.list.rows()
    }

    pub fn selected(&self) -> Option<&Spacecraft> {
        self.list.selected()
    }

    pub fn order(&self) -> Order {
        self.list.order()
    }

    pub fn search_mode(&self) -> SearchMode {
        self.list.search_mode()
    }

    pub fn screen(&self) -> Screen {
        self.places.here
    }

    pub fn areas(&self) -> Areas {
        layout::areas(Rect::new(0, 0, self.size.0, self.size.1), self)
    }

    /// List rows that fit on screen.
    pub fn page_size(&self) -> usize {
        layout::list_rows(self.areas().list).max(1)
    }

    /// Something on screen moves by itself (the spinner, the mission
    /// elapsed times of who is in space), so ticks redraw.
    pub fn is_animating(&self) -> bool {
        // Elapsed times and countdowns tick; a flight's or a launch's only while planned.
        let planned = |l: Option<&crate::api::Launch>| {
            l.is_some_and(|l| crate::doc::net::phase(l, self.now).is_planned())
        };
        let ticking = match self.screen() {
            Screen::Now | Screen::Next => true,
            Screen::Record(RecordRef::Flight(id)) => {
                planned(self.flight(id).and_then(|f| f.launch.as_ref()))
            }
            Screen::Record(r @ RecordRef::Launch(_)) => match self.record(r) {
                Some(Record::Launch(l)) => planned(Some(l)),
                _ => false,
            },
            _ => false,
        };
        self.net.loading.is_some() || ticking
    }

    /// The list's cursor moved: the detail pane shows another spacecraft.
    fn set_cursor(&mut self, cursor: usize) {
        let page = self.page_size();
        self.list.set_cursor(cursor, page);
        self.places.detail_scroll = 0;
    }

    /// After the list's rows changed (measured once they have, as the
    /// search line takes a row): the cursor back on `id`, else the top.
    fn follow(&mut self, id: Option<u64>) {
        let page = self.page_size();
        self.list.follow(id, page);
        self.places.detail_scroll = 0;
    }

    fn set_order(&mut self, order: Order) {
        let id = self.list.set_order(order);
        self.follow(id);
    }

    fn set_search(&mut self, text: String) {
        let id = self.list.set_search(text);
        self.follow(id);
    }

    fn toggle_fuzzy(&mut self) {
        let id = self.list.toggle_fuzzy();
        self.follow(id);
    }

    fn apply_filters(&mut self) {
        let id = self.list.apply_filters();
        self.follow(id);
    }

    fn warn(&mut self, level: Level, text: impl Into<String>) {
        self.notice = Some(Notice {
            level,
            text: text.into(),
        });
    }

    pub(crate) fn throttle_left(&self) -> Option<SignedDuration> {
        self.net.throttle_left(self.now)
    }

    fn refresh(&mut self) -> Vec<Effect> {
        if self.net.offline {
            self.warn(Level::Info, "offline (--offline): refreshing is off");
            return vec![];
        }
        // A second load would pay again for the pages the first is fetching.
        if self.net.loading.is_some() {
            self.warn(Level::Info, "already loading");
            return vec![];
        }
        if let Some(left) = self.throttle_left() {
            let wait = std::time::Duration::try_from(left).unwrap_or_default();
            self.warn(
                Level::Warning,
                format!("throttled: next request allowed in {}", human_wait(wait)),
            );
            return vec![];
        }
        self.net.loading = Some((0, 0));
        self.notice = None;
        vec![self.net.load_catalog(true)]
    }

    fn on_catalog(&mut self, update: CatalogUpdate) -> Vec<Effect> {
        if update.generation != self.net.generation {
            return vec![];
        }
        let id = self.list.replace(update.catalog);
        self.follow(id);
        let net = &mut self.net;
        net.origin = Some(update.origin);
        net.count = update.count.or(net.count);
        net.loading = if update.finished {
            None
        } else {
            update.progress.or(Some((0, 0)))
        };
        if let Some(text) = update.notice {
            self.warn(Level::Warning, text);
        }
        if !update.finished {
            return vec![];
        }
        self.net.partial = update.partial;
        if let Some(at) = update.retry_at {
            self.net.resume_at(at);
        }
        let mut effects = vec![];
        if update.origin == Origin::Live {
            // Fresh data is in: passing notices and earlier failures are over.
            self.notice = None;
            effects.push(Effect::FetchBudget);
        }
        if self.net.start_sync() {
            effects.push(Effect::Sync);
        }
        effects
    }

    /// The sync's flights may hold planned ones (and, once it is complete,
    /// the planned launches are refreshed if old).
    fn on_sync_done(&mut self, result: Result<SyncReport, StoreError>) -> Vec<Effect> {
        if self.net.on_sync_done(result, self.now) {
            self.loaded.forget_failed_listings();
        }
        if self.net.sync.complete {
            vec![self.planned_after_sync()]
        } else {
            vec![Effect::LoadPlanned {
                refresh_after: None,
            }]
        }
    }

    fn on_load_failed(
        &mut self,
        generation: u64,
        error: String,
        throttled_for: Option<std::time::Duration>,
    ) {
        if generation != self.net.generation {
            return;
        }
        self.net.loading = None;
        let shown = self
            .net
            .origin
            .map(|o| o.describe(self.now))
            .unwrap_or_else(|| "nothing".into());
        match throttled_for {
            Some(wait) => {
                self.net
                    .resume_at(self.now + SignedDuration::try_from(wait).unwrap_or_default());
                self.warn(
                    Level::Warning,
                    format!(
                        "throttled, next request in {}; showing {shown}",
                        human_wait(wait)
                    ),
                );
            }
            None => self.warn(Level::Error, format!("{error}; showing {shown}")),
        }
    }

    fn on_tick(&mut self, now: Timestamp) -> Vec<Effect> {
        self.now = now;
        if self.net.loading.is_some() {
            self.net.spinner = self.net.spinner.wrapping_add(1);
        }
        if self.net.take_resume(now) {
            return self.refresh();
        }
        if self.net.resume_sync(now) {
            return vec![Effect::Sync];
        }
        self.load_rested().into_iter().collect()
    }

    fn on_mouse(&mut self, kind: MouseKind, column: u16, row: u16) {
        let areas = self.areas();
        let at = Position::new(column, row);
        // A click on a picture focuses it (`o` then opens it full size).
        if kind == MouseKind::Click
            && self
                .picture_areas()
                .is_some_and(|p| p.picture.union(p.credit).contains(at))
        {
            self.places.focus = Focus::Image;
            return;
        }
        self.list.chosen = true;
        let in_list = areas.list.contains(at);
        let in_detail = areas.detail.is_some_and(|d| d.contains(at));
        let flights = areas
            .flights
            .filter(|f| f.contains(at) && self.screen() != Screen::List);
        if let Some(pane) = flights {
            self.places.focus = Focus::Flights;
            match kind {
                MouseKind::ScrollDown => self.move_flight_cursor(3),
                MouseKind::ScrollUp => self.move_flight_cursor(-3),
                MouseKind::Click => {
                    if let (Some(i), Some(id)) =
                        (layout::list_row_at(pane, row), self.current_spacecraft_id())
                    {
                        let first = layout::first_row(pane, self.places.flight_cursor(id));
                        let len = self.flights_of(id).map_or(0, <[Flight]>::len);
                        if first + i < len {
                            self.places.flight_cursor.insert(id, first + i);
                        }
                    }
                }
            }
            return;
        }
        match kind {
            MouseKind::ScrollDown if in_list => self.set_cursor(self.list.cursor + 3),
            MouseKind::ScrollUp if in_list => self.set_cursor(self.list.cursor.saturating_sub(3)),
            MouseKind::ScrollDown if in_detail => self.scroll_by(Scroll::Detail, 3),
            MouseKind::ScrollUp if in_detail => self.scroll_by(Scroll::Detail, -3),
            MouseKind::Click if in_list => {
                self.places.focus = Focus::List;
                if let Some(i) = layout::list_row_at(areas.list, row) {
                    let index = self.list.offset + i;
                    if index < self.rows().len() {
                        self.set_cursor(index);
                    }
                }
            }
            MouseKind::Click if in_detail => self.places.focus = Focus::Detail,
            _ => {}
        }
    }
}

/// Counts and durations read best largest first; ids and names ascending.
fn field_default_descending(field: OrderField) -> bool {
    !matches!(field, OrderField::Id | OrderField::Name)
}

/// Applies one action to the state and says what should happen next.
pub fn update(state: &mut State, action: Action) -> Vec<Effect> {
    let was = state.screen();
    let mut effects = apply(state, action);
    if was == Screen::Changes && state.screen() != Screen::Changes {
        effects.extend(state.left_inbox());
    }
    state.list.track_rest(state.now);
    // Before the scrolls are bound: the picture's state decides the text's width.
    effects.extend(state.track_picture());
    // A pane that shrank (a resize, a record replaced) keeps no scroll past its end.
    state.bound_scrolls();
    effects
}

fn apply(state: &mut State, action: Action) -> Vec<Effect> {
    match action {
        Action::Command(command) => state.command(command),
        Action::Input(c) => {
            if state.mode == Mode::Search {
                let mut text = state.list.search.clone();
                text.push(c);
                state.set_search(text);
            }
            vec![]
        }
        Action::Mouse { kind, column, row } => {
            if state.mode == Mode::Normal || state.mode == Mode::Search {
                state.on_mouse(kind, column, row);
            }
            vec![]
        }
        Action::Resize(w, h) => {
            state.size = (w, h);
            let page = state.page_size();
            state.list.scroll_to_cursor(page);
            state.link_into_view();
            vec![]
        }
        Action::Tick(now) => state.on_tick(now),
        Action::Catalog(update) => state.on_catalog(update),
        Action::LoadFailed {
            generation,
            error,
            throttled_for,
        } => {
            state.on_load_failed(generation, error, throttled_for);
            vec![]
        }
        Action::Notice(text) => {
            state.warn(Level::Info, text);
            vec![]
        }
        // Background work the ledger kept back for the reserve is not a
        // failure: a "later" ([`loaded::deferred_until`]).
        Action::SpacecraftLoaded { id, result } => {
            match loaded::deferred_until(&result) {
                Some(until) => state.loaded.on_deferred(Deferred::Detail(id), until),
                None => state.loaded.on_detail(id, result),
            }
            vec![]
        }
        Action::FlightsLoaded { id, result } => {
            match loaded::deferred_until(&result) {
                Some(until) => state.loaded.on_deferred(Deferred::Flights(id), until),
                None => state.loaded.on_flights(id, result),
            }
            vec![]
        }
        Action::RecordLoaded { of, result } => {
            match loaded::deferred_until(&result) {
                Some(until) => state.loaded.on_deferred(Deferred::Record(of), until),
                None => state.loaded.on_record(of, result),
            }
            vec![]
        }
        Action::PictureLoaded { want, result } => {
            state.on_picture(want, result);
            vec![]
        }
        Action::ChangesLoaded {
            changes,
            read_up_to,
            notice,
        } => {
            state.on_changes(changes, read_up_to, notice);
            vec![]
        }
        Action::PlannedLoaded { flights, refresh } => {
            state.on_planned(flights, refresh);
            vec![]
        }
        Action::StatsLoaded { stats, flights } => {
            state.charts.stats = Some((stats, flights));
            vec![]
        }
        Action::Budget(budget) => {
            state.net.budget = Some(budget);
            vec![]
        }
        Action::SyncProgress(event) => {
            state.net.on_sync_progress(event);
            vec![]
        }
        Action::SyncDone(result) => state.on_sync_done(result),
    }
}
