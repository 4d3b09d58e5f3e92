//! The application state and `update`, the one place it changes. `update`
//! does no I/O and draws nothing: it returns [`Effect`]s for the runtime to
//! perform, so it is tested with plain asserts.

use crate::api::error::human_wait;
use crate::api::{BudgetView, Flight, Priority, RecordRef, Spacecraft};
use crate::app::action::{Action, CatalogUpdate, Deferred, MouseKind};
use crate::data::store::{
    FlightsOf, Listing, Origin, Partial, Record, StoreError, SyncEvent, SyncList, SyncReport,
};
use crate::doc::stats::Stats;
use crate::search::fuzzy::SearchMode;
use crate::search::query::{Order, OrderField};
use crate::search::{Catalog, View};
use jiff::{SignedDuration, Timestamp};
use layout::Areas;
use ratatui::layout::{Position, Rect};
use std::collections::HashMap;
use std::sync::Arc;

pub mod action;
mod charts;
mod commands;
mod drill;
mod filters;
mod history;
pub mod kinds;
pub mod layout;
pub mod pictures;

pub use drill::{Loadable, REST_BEFORE_LOADING};
pub use filters::{Filters, FILTER_ROWS};
pub use history::{History, Screen, Visit};
pub use layout::Scroll;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Normal,
    Search,
    Filter,
    Help,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
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
    /// Sync the catalog and every flight in the background (never spends the reserve).
    Sync,
    /// Open a web page in the system browser.
    OpenUrl(String),
    /// Put text on the clipboard (through the terminal).
    Copy(String),
    /// The picture the screen wants now (`None`: none; stop what is under way).
    ShowPicture(Option<pictures::Want>),
}

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

pub struct State {
    pub catalog: Arc<Catalog>,
    pub view: View,
    pub search: String,
    pub filters: Filters,
    pub filter_row: usize,
    pub mode: Mode,
    pub focus: Focus,
    /// Index into `view.rows()`.
    pub cursor: usize,
    /// First list row on screen.
    pub offset: usize,
    /// The user moved the cursor: loads keep it on the same spacecraft.
    /// Until then it stays on the first row while rows arrive.
    pub chosen: bool,
    /// Scroll offsets, kept within what their panes hold (see [`Scroll`]).
    pub detail_scroll: u16,
    pub help_scroll: u16,
    /// Lines of the help overlay (the keymap's, which the event loop holds).
    pub help_lines: usize,
    /// Where the user is, and the places behind and ahead.
    pub here: Screen,
    pub history: History,
    /// The selected link of a record's pane.
    pub link: usize,
    /// Records opened from links (flights, astronauts, stations, launches).
    pub records: HashMap<RecordRef, Loadable<Record>>,
    /// The charts' figures and the synced flights, once loaded.
    pub stats: Option<(Arc<Stats>, Arc<Vec<Flight>>)>,
    /// Which chart is shown, and how flights per year are grouped.
    pub chart: usize,
    pub by_agency: bool,
    pub details: HashMap<u64, Loadable<Spacecraft>>,
    pub flights: HashMap<u64, Loadable<Listing<Flight>>>,
    /// The selected flight of each spacecraft, kept across Enter/Esc.
    pub flight_cursor: HashMap<u64, usize>,
    /// Scroll of a record's pane.
    pub record_scroll: u16,
    /// The list's selection and since when it rests there.
    pub rest: Option<(u64, Timestamp)>,
    pub size: (u16, u16),
    pub now: Timestamp,
    pub spinner: usize,
    /// The API's count for the catalog.
    pub count: Option<u64>,
    pub origin: Option<Origin>,
    /// Pages done/known while a network load runs.
    pub loading: Option<(usize, usize)>,
    pub generation: u64,
    pub notice: Option<Notice>,
    pub throttled_until: Option<Timestamp>,
    /// A load was stopped by a throttle: start it again when the wait is over.
    pub resume_after_throttle: bool,
    pub budget: Option<BudgetView>,
    /// How far the background sync of every flight is.
    pub sync: SyncStatus,
    /// The catalog is missing pages.
    pub partial: Option<Partial>,
    pub offline: bool,
    /// The picture beside a record's fields.
    pub pictures: pictures::Pictures,
    /// Where data comes from, for the title bar (`ll.thespacedevs.com/2.3.0`).
    pub source: String,
    pub quit: bool,
}

impl State {
    pub fn new(now: Timestamp, size: (u16, u16), offline: bool, source: String) -> Self {
        let catalog = Arc::new(Catalog::default());
        let view = View::new(&catalog, Order::default(), Vec::new(), "");
        State {
            catalog,
            view,
            search: String::new(),
            filters: Filters::default(),
            filter_row: 0,
            mode: Mode::Normal,
            focus: Focus::List,
            cursor: 0,
            offset: 0,
            chosen: false,
            detail_scroll: 0,
            help_scroll: 0,
            help_lines: 0,
            here: Screen::List,
            history: History::default(),
            link: 0,
            records: HashMap::new(),
            stats: None,
            chart: 0,
            by_agency: false,
            details: HashMap::new(),
            flights: HashMap::new(),
            flight_cursor: HashMap::new(),
            record_scroll: 0,
            rest: None,
            size,
            now,
            spinner: 0,
            count: None,
            origin: None,
            loading: None,
            generation: 0,
            notice: None,
            throttled_until: None,
            resume_after_throttle: false,
            budget: None,
            sync: SyncStatus::default(),
            partial: None,
            offline,
            pictures: pictures::Pictures::default(),
            source,
            quit: false,
        }
    }

    /// The effects to run at start-up: load the catalog (and the budget when online).
    pub fn start(&mut self, refresh: bool) -> Vec<Effect> {
        self.generation += 1;
        let mut effects = vec![Effect::LoadCatalog {
            generation: self.generation,
            refresh,
        }];
        if !self.offline {
            effects.push(Effect::FetchBudget);
        }
        effects
    }

    pub fn rows(&self) -> &[u32] {
        self.view.rows()
    }

    pub fn selected(&self) -> Option<&Spacecraft> {
        let row = *self.rows().get(self.cursor)?;
        self.catalog.get(row)
    }

    pub fn order(&self) -> Order {
        self.view.order()
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
        self.loading.is_some() || self.screen() == Screen::Now
    }

    fn set_cursor(&mut self, cursor: usize) {
        let len = self.rows().len();
        self.cursor = cursor.min(len.saturating_sub(1));
        self.detail_scroll = 0;
        self.scroll_to_cursor();
    }

    fn scroll_to_cursor(&mut self) {
        let page = self.page_size();
        let len = self.rows().len();
        if self.cursor < self.offset {
            self.offset = self.cursor;
        } else if self.cursor >= self.offset + page {
            self.offset = self.cursor + 1 - page;
        }
        // No empty space below the last row when the list could fill the pane.
        self.offset = self.offset.min(len.saturating_sub(page));
    }

    /// After the rows changed: back on `id` if it is still shown, else the top.
    fn follow(&mut self, id: Option<u64>) {
        let pos = id
            .and_then(|id| self.catalog.row_of(id))
            .and_then(|row| self.rows().iter().position(|&r| r == row));
        match pos {
            Some(p) => self.set_cursor(p),
            None => {
                self.offset = 0;
                self.set_cursor(0);
            }
        }
    }

    fn selected_id(&self) -> Option<u64> {
        self.selected().map(|s| s.id)
    }

    fn set_order(&mut self, order: Order) {
        let id = self.selected_id();
        let catalog = Arc::clone(&self.catalog);
        self.view.set_order(&catalog, order);
        self.follow(id);
    }

    pub fn search_mode(&self) -> SearchMode {
        self.view.mode()
    }

    fn set_search(&mut self, text: String) {
        let id = self.selected_id();
        self.search = text;
        let catalog = Arc::clone(&self.catalog);
        self.view.set_query(&catalog, &self.search);
        self.follow_search(id);
    }

    fn toggle_fuzzy(&mut self) {
        let id = self.selected_id();
        let catalog = Arc::clone(&self.catalog);
        self.view.set_mode(&catalog, self.search_mode().toggled());
        self.follow_search(id);
    }

    /// After the search changed: a ranked list starts at its best match,
    /// the one asked for; otherwise the cursor stays on `id` if it can.
    fn follow_search(&mut self, id: Option<u64>) {
        let ranked = self.search_mode() == SearchMode::Fuzzy && !self.search.is_empty();
        self.follow(id.filter(|_| !ranked));
    }

    fn apply_filters(&mut self) {
        let id = self.selected_id();
        let catalog = Arc::clone(&self.catalog);
        self.view.set_filters(&catalog, self.filters.to_query());
        self.follow(id);
    }

    fn warn(&mut self, level: Level, text: impl Into<String>) {
        self.notice = Some(Notice {
            level,
            text: text.into(),
        });
    }

    pub(crate) fn throttle_left(&self) -> Option<SignedDuration> {
        let left = self.throttled_until?.duration_since(self.now);
        left.is_positive().then_some(left)
    }

    fn refresh(&mut self) -> Vec<Effect> {
        if self.offline {
            self.warn(Level::Info, "offline (--offline): refreshing is off");
            return vec![];
        }
        // A second load would pay again for the pages the first is fetching.
        if self.loading.is_some() {
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
        self.generation += 1;
        self.loading = Some((0, 0));
        self.notice = None;
        vec![Effect::LoadCatalog {
            generation: self.generation,
            refresh: true,
        }]
    }

    fn on_catalog(&mut self, update: CatalogUpdate) -> Vec<Effect> {
        if update.generation != self.generation {
            return vec![];
        }
        let id = self.selected_id().filter(|_| self.chosen);
        self.catalog = update.catalog;
        let catalog = Arc::clone(&self.catalog);
        self.view.rebuild(&catalog, &self.search);
        self.follow(id);
        self.origin = Some(update.origin);
        self.count = update.count.or(self.count);
        self.loading = if update.finished {
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
        self.partial = update.partial;
        if let Some(at) = update.retry_at {
            // Stopped by the budget or a throttle: go on when it allows.
            self.throttled_until = Some(at);
            self.resume_after_throttle = true;
        }
        let mut effects = vec![];
        if update.origin == Origin::Live {
            // Fresh data is in: passing notices and earlier failures are over.
            self.notice = None;
            effects.push(Effect::FetchBudget);
        }
        if !self.offline && update.partial.is_none() && !self.sync.running && !self.sync.complete {
            self.sync.running = true;
            effects.push(Effect::Sync);
        }
        effects
    }

    fn on_sync_progress(&mut self, event: SyncEvent) {
        if event.list == SyncList::Flights {
            self.sync.flights = Some((event.records(), event.count));
        }
    }

    fn on_sync_done(&mut self, result: Result<SyncReport, StoreError>) {
        self.sync.running = false;
        match result {
            Ok(report) => {
                if let Some(f) = &report.flights {
                    self.sync.flights = Some((f.records as u64, f.count));
                }
                self.sync.complete = report.complete();
                self.sync.resume_at = (!report.complete())
                    .then(|| report.resume_at().unwrap_or(self.now + SYNC_RETRY));
                // Flights that could not load before may now come from the sync.
                self.flights.retain(|_, l| {
                    !matches!(l, drill::Loadable::Failed(_) | drill::Loadable::Deferred(_))
                });
            }
            Err(e) => {
                tracing::info!(error = %e, "sync failed");
                self.sync.resume_at = Some(self.now + SYNC_RETRY);
            }
        }
    }

    fn on_load_failed(
        &mut self,
        generation: u64,
        error: String,
        throttled_for: Option<std::time::Duration>,
    ) {
        if generation != self.generation {
            return;
        }
        self.loading = None;
        let shown = self
            .origin
            .map(|o| o.describe(self.now))
            .unwrap_or_else(|| "nothing".into());
        match throttled_for {
            Some(wait) => {
                self.throttled_until =
                    Some(self.now + SignedDuration::try_from(wait).unwrap_or_default());
                self.resume_after_throttle = true;
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
        if self.loading.is_some() {
            self.spinner = self.spinner.wrapping_add(1);
        }
        if self.resume_after_throttle && self.throttle_left().is_none() {
            self.resume_after_throttle = false;
            self.throttled_until = None;
            return self.refresh();
        }
        if !self.sync.running && self.sync.resume_at.is_some_and(|at| at <= now) {
            self.sync.resume_at = None;
            self.sync.running = true;
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
            self.focus = Focus::Image;
            return;
        }
        self.chosen = true;
        let in_list = areas.list.contains(at);
        let in_detail = areas.detail.is_some_and(|d| d.contains(at));
        let flights = areas
            .flights
            .filter(|f| f.contains(at) && self.screen() != Screen::List);
        if let Some(pane) = flights {
            self.focus = Focus::Flights;
            match kind {
                MouseKind::ScrollDown => self.move_flight_cursor(3),
                MouseKind::ScrollUp => self.move_flight_cursor(-3),
                MouseKind::Click => {
                    if let (Some(i), Some(id)) =
                        (layout::list_row_at(pane, row), self.current_spacecraft_id())
                    {
                        let first = layout::first_row(pane, self.flight_cursor(id));
                        let len = self.flights_of(id).map_or(0, <[Flight]>::len);
                        if first + i < len {
                            self.flight_cursor.insert(id, first + i);
                        }
                    }
                }
            }
            return;
        }
        match kind {
            MouseKind::ScrollDown if in_list => self.set_cursor(self.cursor + 3),
            MouseKind::ScrollUp if in_list => self.set_cursor(self.cursor.saturating_sub(3)),
            MouseKind::ScrollDown if in_detail => self.scroll_by(Scroll::Detail, 3),
            MouseKind::ScrollUp if in_detail => self.scroll_by(Scroll::Detail, -3),
            MouseKind::Click if in_list => {
                self.focus = Focus::List;
                if let Some(i) = layout::list_row_at(areas.list, row) {
                    let index = self.offset + i;
                    if index < self.rows().len() {
                        self.set_cursor(index);
                    }
                }
            }
            MouseKind::Click if in_detail => self.focus = Focus::Detail,
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
    let mut effects = apply(state, action);
    state.track_rest();
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
                let mut text = state.search.clone();
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
            state.scroll_to_cursor();
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
        // failure: a "later" ([`drill::deferred_until`]).
        Action::SpacecraftLoaded { id, result } => {
            match drill::deferred_until(&result) {
                Some(until) => state.on_deferred(Deferred::Detail(id), until),
                None => state.on_detail(id, result),
            }
            vec![]
        }
        Action::FlightsLoaded { id, result } => {
            match drill::deferred_until(&result) {
                Some(until) => state.on_deferred(Deferred::Flights(id), until),
                None => state.on_flights(id, result),
            }
            vec![]
        }
        Action::RecordLoaded { of, result } => {
            match drill::deferred_until(&result) {
                Some(until) => state.on_deferred(Deferred::Record(of), until),
                None => state.on_record(of, result),
            }
            vec![]
        }
        Action::PictureLoaded { want, result } => {
            state.on_picture(want, result);
            vec![]
        }
        Action::StatsLoaded { stats, flights } => {
            state.stats = Some((stats, flights));
            vec![]
        }
        Action::Budget(budget) => {
            state.budget = Some(budget);
            vec![]
        }
        Action::SyncProgress(event) => {
            state.on_sync_progress(event);
            vec![]
        }
        Action::SyncDone(result) => {
            state.on_sync_done(result);
            vec![]
        }
    }
}
