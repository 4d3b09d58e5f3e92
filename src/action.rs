//! Everything that can change the state: user intents (from the keymap or the
//! mouse) and results of background work. `app::update` takes these.

use crate::api::{Flight, Spacecraft, Throttle};
use crate::query::OrderField;
use crate::search::Catalog;
use crate::store::{Fetched, Listing, Origin};
use jiff::Timestamp;
use std::sync::Arc;
use std::time::Duration;

/// What a key means; the keymap in `keys.rs` maps keys to these.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    Up,
    Down,
    Top,
    Bottom,
    PageUp,
    PageDown,
    /// Open the search line.
    Search,
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
    Budget(Throttle),
    /// Something to tell the user (a browser opened, a copy made).
    Notice(String),
    SpacecraftLoaded {
        id: u64,
        result: Result<Box<Fetched<Spacecraft>>, String>,
    },
    FlightsLoaded {
        id: u64,
        result: Result<Fetched<Listing<Flight>>, String>,
    },
}
