//! Navigation like a browser: every screen is a place in a history, and
//! each place keeps its focus, scroll and selection when returned to.

use super::{Focus, State};
use crate::api::{LaunchId, RecordRef};

/// A place in the history.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Screen {
    List,
    Spacecraft(u64),
    Flight(u64),
    Astronaut(u64),
    Station(u64),
    Launch(LaunchId),
    /// Every spacecraft in space now.
    Now,
    /// The catalog as charts.
    Charts,
    /// The synced flights launched in a year (from the flights-per-year chart).
    Year(i16),
}

impl Screen {
    pub fn record(self) -> Option<RecordRef> {
        Some(match self {
            Screen::List | Screen::Now | Screen::Charts | Screen::Year(_) => return None,
            Screen::Spacecraft(id) => RecordRef::Spacecraft(id),
            Screen::Flight(id) => RecordRef::Flight(id),
            Screen::Astronaut(id) => RecordRef::Astronaut(id),
            Screen::Station(id) => RecordRef::Station(id),
            Screen::Launch(id) => RecordRef::Launch(id),
        })
    }

    /// The focus a place opens with.
    fn first_focus(self) -> Focus {
        match self {
            Screen::List => Focus::List,
            Screen::Spacecraft(_) => Focus::Flights,
            _ => Focus::Detail,
        }
    }
}

impl From<RecordRef> for Screen {
    fn from(r: RecordRef) -> Self {
        match r {
            RecordRef::Spacecraft(id) => Screen::Spacecraft(id),
            RecordRef::Flight(id) => Screen::Flight(id),
            RecordRef::Astronaut(id) => Screen::Astronaut(id),
            RecordRef::Station(id) => Screen::Station(id),
            RecordRef::Launch(id) => Screen::Launch(id),
        }
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

impl State {
    pub fn screen(&self) -> Screen {
        self.here
    }

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

    /// Starts at a record (`hangar open KIND/ID`), with the list behind it.
    pub fn start_at(&mut self, r: RecordRef) -> Vec<super::Effect> {
        self.history = History::default();
        self.enter(Visit::new(Screen::List));
        self.open_ref(r)
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
}
