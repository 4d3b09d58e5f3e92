//! Navigation like a browser: every screen is a place in a history, and
//! each place keeps its focus, scroll and selection when returned to.

use super::Focus;
use crate::api::RecordRef;
use std::collections::HashMap;

/// The panes of a record's screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Panes {
    /// A spacecraft: its detail pane and its flights.
    DetailAndFlights,
    /// One pane of fields and links (a picture beside it if its record has
    /// one): every kind but the spacecraft.
    Fields,
}

pub fn panes(r: RecordRef) -> Panes {
    match r {
        RecordRef::Spacecraft(_) => Panes::DetailAndFlights,
        _ => Panes::Fields,
    }
}

/// A place in the history: the list, a record (whichever its kind), or
/// one of the screens of the whole catalog.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Screen {
    #[default]
    List,
    Record(RecordRef),
    /// Every spacecraft in space now.
    Now,
    /// Every planned flight, soonest first.
    Next,
    /// What changed, newest first.
    Changes,
    /// The catalog as charts.
    Charts,
    /// The synced flights launched in a year (from the flights-per-year chart).
    Year(i16),
}

impl Screen {
    pub fn record(self) -> Option<RecordRef> {
        match self {
            Screen::Record(r) => Some(r),
            Screen::List
            | Screen::Now
            | Screen::Next
            | Screen::Changes
            | Screen::Charts
            | Screen::Year(_) => None,
        }
    }

    /// The spacecraft whose screen this is.
    pub fn spacecraft(self) -> Option<u64> {
        match self {
            Screen::Record(RecordRef::Spacecraft(id)) => Some(id),
            _ => None,
        }
    }

    /// A record's screen of one pane of fields and links ([`Panes`]).
    pub fn fields(self) -> bool {
        matches!(self, Screen::Record(r) if panes(r) == Panes::Fields)
    }

    /// The focus a place opens with.
    fn first_focus(self) -> Focus {
        match self {
            Screen::List => Focus::List,
            Screen::Record(RecordRef::Spacecraft(_)) => Focus::Flights,
            _ => Focus::Detail,
        }
    }
}

impl From<RecordRef> for Screen {
    fn from(r: RecordRef) -> Self {
        Screen::Record(r)
    }
}

/// A place as it was left: restored when it is returned to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Visit {
    pub screen: Screen,
    pub focus: Focus,
    pub detail_scroll: u16,
    pub record_scroll: u16,
    pub link: usize,
}

impl Visit {
    fn new(screen: Screen) -> Self {
        Visit {
            screen,
            focus: screen.first_focus(),
            detail_scroll: 0,
            record_scroll: 0,
            link: 0,
        }
    }
}

/// Places kept behind and ahead of the current one; the oldest go first.
const HISTORY_LIMIT: usize = 200;

#[derive(Debug, Clone, Default)]
pub struct History {
    pub back: Vec<Visit>,
    pub forward: Vec<Visit>,
}

/// Where the user is (the place's focus, scrolls and selected link), the
/// places behind and ahead, and the selected flight of each spacecraft.
#[derive(Debug, Clone, Default)]
pub struct Places {
    pub here: Screen,
    pub focus: Focus,
    /// Scroll offsets, kept within what their panes hold (see [`super::Scroll`]).
    pub detail_scroll: u16,
    /// Scroll of a record's pane.
    pub record_scroll: u16,
    /// The selected link of a record's pane.
    pub link: usize,
    pub history: History,
    /// The selected flight of each spacecraft, kept across Enter/Esc.
    pub flight_cursor: HashMap<u64, usize>,
}

impl Places {
    fn visit(&self) -> Visit {
        Visit {
            screen: self.here,
            focus: self.focus,
            detail_scroll: self.detail_scroll,
            record_scroll: self.record_scroll,
            link: self.link,
        }
    }

    fn enter(&mut self, v: Visit) {
        self.here = v.screen;
        self.focus = v.focus;
        self.detail_scroll = v.detail_scroll;
        self.record_scroll = v.record_scroll;
        self.link = v.link;
    }

    /// Goes to `screen` as a link does: the current place is kept behind,
    /// and what was ahead is forgotten.
    pub(super) fn go(&mut self, screen: Screen) {
        if screen == self.here {
            return;
        }
        let left = self.visit();
        self.history.back.push(left);
        if self.history.back.len() > HISTORY_LIMIT {
            // The list stays at the bottom: Esc always climbs back to it.
            self.history.back.remove(1);
        }
        self.history.forward.clear();
        self.enter(Visit::new(screen));
    }

    /// Esc, Backspace, `[`, Alt-←: the place before, as it was left.
    pub(super) fn back(&mut self) -> bool {
        let Some(previous) = self.history.back.pop() else {
            return false;
        };
        let left = self.visit();
        self.history.forward.push(left);
        self.enter(previous);
        true
    }

    /// `]`, Alt-→: the place gone back from.
    pub(super) fn forward(&mut self) -> bool {
        let Some(next) = self.history.forward.pop() else {
            return false;
        };
        let left = self.visit();
        self.history.back.push(left);
        self.enter(next);
        true
    }

    /// Back on the list with nothing behind it.
    pub(super) fn restart(&mut self) {
        self.history = History::default();
        self.enter(Visit::new(Screen::List));
    }

    /// Every place from the first to the current one.
    pub fn path(&self) -> Vec<Screen> {
        self.history
            .back
            .iter()
            .map(|v| v.screen)
            .chain([self.here])
            .collect()
    }

    pub fn flight_cursor(&self, id: u64) -> usize {
        self.flight_cursor.get(&id).copied().unwrap_or(0)
    }
}
