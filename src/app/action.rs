//! Everything that can change the state: user intents (from the keymap or the
//! mouse) and results of background work. `app::update` takes these.

use crate::api::{BudgetView, Flight, RecordRef, Spacecraft};
use crate::data::store::{
    Fetched, Listing, Origin, Partial, Record, StoreError, SyncEvent, SyncReport,
};
use crate::doc::stats::Stats;
use crate::search::query::OrderField;
use crate::search::Catalog;
use jiff::Timestamp;
use std::sync::Arc;
use std::time::Duration;

/// What a key means; the keymap in `keys.rs` maps keys to these. A
/// config file names them in snake case (`page_down`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::IntoStaticStr)]
#[strum(serialize_all = "snake_case")]
pub enum Command {
    Up,
    Down,
    Top,
    Bottom,
    PageUp,
    PageDown,
    /// Open the search line.
    Search,
    /// Switch the search between exact (the API's semantics) and fuzzy.
    ToggleFuzzy,
    Order(OrderField),
    NextOrder,
    ReverseOrder,
    Filters,
    Open,
    FocusNext,
    FocusPrev,
    Refresh,
    Help,
    Quit,
    /// Close, clear or go back; never quits.
    Back,
    /// The place before in the history (`[`, Alt-←): unlike Back it closes nothing.
    HistoryBack,
    /// The place gone back from (`]`, Alt-→).
    HistoryForward,
    /// Search line: keep the filter and return to the list.
    Accept,
    DeleteChar,
    DeleteWord,
    ClearLine,
    /// Filter panel: previous/next value of the selected filter.
    PrevValue,
    NextValue,
    /// Filter panel: every filter back to "any".
    ResetFilters,
    /// Open the shown record's web page.
    OpenWeb,
    /// Copy the shown record's name.
    Copy,
    /// Every spacecraft in space now.
    InSpaceNow,
    /// Every planned flight, soonest first.
    FliesNext,
    /// What changed since the last look.
    Changes,
    /// The catalog as charts.
    Charts,
    /// Charts: flights per year by configuration family or by agency.
    ToggleGroup,
}

/// What background work left for later.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Deferred {
    /// A spacecraft's flights.
    Flights(u64),
    /// A spacecraft's detailed record.
    Detail(u64),
    Record(RecordRef),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MouseKind {
    ScrollUp,
    ScrollDown,
    Click,
}

/// A catalog from the background loader, replacing the one shown.
#[derive(Debug, Clone)]
pub struct CatalogUpdate {
    pub generation: u64,
    pub catalog: Arc<Catalog>,
    pub origin: Origin,
    /// The API's `count`, when known.
    pub count: Option<u64>,
    /// Pages done and known while a network load is running.
    pub progress: Option<(usize, usize)>,
    /// No more updates will follow for this generation.
    pub finished: bool,
    /// Why an older source is shown, when it is.
    pub notice: Option<String>,
    /// Pages are missing (the budget or the network stopped the load).
    pub partial: Option<Partial>,
    /// When the API may be asked again, if the budget or a throttle stopped the load.
    pub retry_at: Option<Timestamp>,
}

#[derive(Debug, Clone)]
pub enum Action {
    Command(Command),
    /// A character typed into the search line.
    Input(char),
    Mouse {
        kind: MouseKind,
        column: u16,
        row: u16,
    },
    Resize(u16, u16),
    Tick(Timestamp),
    Catalog(CatalogUpdate),
    LoadFailed {
        generation: u64,
        error: String,
        /// Set when the API throttled us: no request before it has passed.
        throttled_for: Option<Duration>,
    },
    /// The request budget changed (every request, every read of `/api-throttle/`).
    Budget(BudgetView),
    /// A page of the background sync arrived.
    SyncProgress(SyncEvent),
    /// The background sync stopped: done, or out of budget, or failed.
    SyncDone(Result<SyncReport, StoreError>),
    /// Something to tell the user (a browser opened, a copy made).
    Notice(String),
    SpacecraftLoaded {
        id: u64,
        result: Result<Box<Fetched<Spacecraft>>, StoreError>,
    },
    FlightsLoaded {
        id: u64,
        result: Result<Fetched<Listing<Flight>>, StoreError>,
    },
    RecordLoaded {
        of: RecordRef,
        result: Result<Box<Fetched<Record>>, StoreError>,
    },
    /// The picture worker's answer for `want`.
    PictureLoaded {
        want: crate::app::pictures::Want,
        result: Result<crate::app::pictures::Picture, crate::app::pictures::Missing>,
    },
    /// The change log, oldest first, and the browser's read mark.
    ChangesLoaded {
        changes: Vec<crate::data::changes::Change>,
        read_up_to: Option<Timestamp>,
        notice: Option<String>,
    },
    /// Every planned flight held, soonest first; and why a refresh asked
    /// for brought nothing, if it failed.
    PlannedLoaded {
        flights: Arc<Vec<Flight>>,
        refresh: Option<Result<(), StoreError>>,
    },
    /// The charts' figures, and the synced flights they rest on.
    StatsLoaded {
        stats: Arc<Stats>,
        flights: Arc<Vec<Flight>>,
    },
}
