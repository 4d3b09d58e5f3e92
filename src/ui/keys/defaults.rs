//! The default keymap: one table from keys to commands, per mode (yazi
//! ships its keymap as a preset that user files merge into; this is
//! ours, and a config file's `[keys]` is merged into it: [`super::Keymap`]).

use super::Key;
use crate::app::action::Command;
use crate::app::Mode;
use crate::search::query::OrderField;
use crossterm::event::{KeyCode, KeyModifiers};

const fn ch(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        mods: KeyModifiers::NONE,
    }
}

const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        mods: KeyModifiers::CONTROL,
    }
}

const fn alt(code: KeyCode) -> Key {
    Key {
        code,
        mods: KeyModifiers::ALT,
    }
}

const fn code(code: KeyCode) -> Key {
    Key {
        code,
        mods: KeyModifiers::NONE,
    }
}

pub struct Binding {
    /// `None`: in every mode.
    pub mode: Option<Mode>,
    pub keys: &'static [Key],
    pub command: Command,
    pub help: &'static str,
}

const fn bind(
    mode: Option<Mode>,
    keys: &'static [Key],
    command: Command,
    help: &'static str,
) -> Binding {
    Binding {
        mode,
        keys,
        command,
        help,
    }
}

use Mode::{Filter, Help, Normal, Search};

#[rustfmt::skip]
pub const BINDINGS: &[Binding] = &[
    bind(None, &[ctrl('c')], Command::Quit, "quit"),
    bind(Some(Normal), &[ch('q')], Command::Quit, "quit"),
    bind(Some(Normal), &[ch('j'), code(KeyCode::Down)], Command::Down, "move down (or scroll the focused pane)"),
    bind(Some(Normal), &[ch('k'), code(KeyCode::Up)], Command::Up, "move up (or scroll the focused pane)"),
    bind(Some(Normal), &[ch('g'), code(KeyCode::Home)], Command::Top, "first row"),
    bind(Some(Normal), &[ch('G'), code(KeyCode::End)], Command::Bottom, "last row"),
    bind(Some(Normal), &[code(KeyCode::PageDown), ctrl('d')], Command::PageDown, "page down"),
    bind(Some(Normal), &[code(KeyCode::PageUp), ctrl('u')], Command::PageUp, "page up"),
    bind(Some(Normal), &[ch('/')], Command::Search, "search (name or configuration)"),
    bind(Some(Normal), &[ctrl('t')], Command::ToggleFuzzy, "switch the search between exact (/) and fuzzy (~)"),
    bind(Some(Normal), &[ch('1')], Command::Order(OrderField::FlightsCount), "order by flights (again: flip)"),
    bind(Some(Normal), &[ch('2')], Command::Order(OrderField::Id), "order by id (again: flip)"),
    bind(Some(Normal), &[ch('3')], Command::Order(OrderField::MissionEndsCount), "order by mission ends (again: flip)"),
    bind(Some(Normal), &[ch('4')], Command::Order(OrderField::TimeDocked), "order by time docked (again: flip)"),
    bind(Some(Normal), &[ch('5')], Command::Order(OrderField::TimeInSpace), "order by time in space (again: flip)"),
    bind(Some(Normal), &[ch('6')], Command::Order(OrderField::Name), "order by name (again: flip)"),
    bind(Some(Normal), &[ch('s')], Command::NextOrder, "next ordering field"),
    bind(Some(Normal), &[ch('S')], Command::ReverseOrder, "reverse the ordering"),
    bind(Some(Normal), &[ch('f')], Command::Filters, "filters: in space, placeholder, status, configuration"),
    bind(Some(Normal), &[code(KeyCode::Enter)], Command::Open, "open the selected row or link"),
    bind(Some(Normal), &[code(KeyCode::Esc), code(KeyCode::Backspace), ch('h')], Command::Back, "back; on the list: clear the search and filters"),
    bind(Some(Normal), &[ch('['), alt(KeyCode::Left)], Command::HistoryBack, "back in the history"),
    bind(Some(Normal), &[ch(']'), alt(KeyCode::Right)], Command::HistoryForward, "forward in the history"),
    bind(Some(Normal), &[code(KeyCode::Tab)], Command::FocusNext, "focus the next pane (a picture is one)"),
    bind(Some(Normal), &[code(KeyCode::BackTab)], Command::FocusPrev, "focus the previous pane"),
    bind(Some(Normal), &[ch('n')], Command::InSpaceNow, "who is in space now"),
    bind(Some(Normal), &[ch('N')], Command::FliesNext, "what flies next: every planned flight, soonest first"),
    bind(Some(Normal), &[ch('i')], Command::Changes, "what changed since you last looked (the inbox)"),
    bind(Some(Normal), &[ch('c')], Command::Charts, "the catalog as charts (Tab: next chart)"),
    bind(Some(Normal), &[ch('a')], Command::ToggleGroup, "charts: flights per year by family or by agency"),
    bind(Some(Normal), &[ch('o')], Command::OpenWeb, "open the web page (on a picture: the full image)"),
    bind(Some(Normal), &[ch('y')], Command::Copy, "copy the name to the clipboard"),
    bind(Some(Normal), &[ch('r')], Command::Refresh, "refresh from the API now"),
    bind(Some(Normal), &[ch('?')], Command::Help, "this help"),
    bind(Some(Search), &[code(KeyCode::Enter)], Command::Accept, "keep the search, back to the list"),
    bind(Some(Search), &[code(KeyCode::Esc)], Command::Back, "clear the search, back to the list"),
    bind(Some(Search), &[code(KeyCode::Backspace)], Command::DeleteChar, "delete a character"),
    bind(Some(Search), &[ctrl('w')], Command::DeleteWord, "delete a word"),
    bind(Some(Search), &[ctrl('u')], Command::ClearLine, "clear the line"),
    bind(Some(Search), &[ctrl('t')], Command::ToggleFuzzy, "switch between exact (/) and fuzzy (~)"),
    bind(Some(Search), &[code(KeyCode::Down)], Command::Down, "move down"),
    bind(Some(Search), &[code(KeyCode::Up)], Command::Up, "move up"),
    bind(Some(Filter), &[ch('j'), code(KeyCode::Down)], Command::Down, "next filter"),
    bind(Some(Filter), &[ch('k'), code(KeyCode::Up)], Command::Up, "previous filter"),
    bind(Some(Filter), &[ch('l'), code(KeyCode::Right), ch(' ')], Command::NextValue, "next value"),
    bind(Some(Filter), &[ch('h'), code(KeyCode::Left)], Command::PrevValue, "previous value"),
    bind(Some(Filter), &[ch('x')], Command::ResetFilters, "reset every filter"),
    bind(Some(Filter), &[code(KeyCode::Esc), code(KeyCode::Enter), ch('f'), ch('q')], Command::Back, "close the panel"),
    bind(Some(Help), &[ch('j'), code(KeyCode::Down)], Command::Down, "scroll down"),
    bind(Some(Help), &[ch('k'), code(KeyCode::Up)], Command::Up, "scroll up"),
    bind(Some(Help), &[code(KeyCode::Esc), ch('?'), ch('q'), code(KeyCode::Enter)], Command::Back, "close the help"),
];
