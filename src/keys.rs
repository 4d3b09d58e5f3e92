//! The keymap: one table from keys to commands, per mode. The help overlay
//! and the README's key list are this table.

use crate::action::{Action, Command};
use crate::app::Mode;
use crate::query::OrderField;
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

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
    bind(Some(Normal), &[ch('1')], Command::Order(OrderField::FlightsCount), "order by flights (again: flip)"),
    bind(Some(Normal), &[ch('2')], Command::Order(OrderField::Id), "order by id (again: flip)"),
    bind(Some(Normal), &[ch('3')], Command::Order(OrderField::MissionEndsCount), "order by mission ends (again: flip)"),
    bind(Some(Normal), &[ch('4')], Command::Order(OrderField::TimeDocked), "order by time docked (again: flip)"),
    bind(Some(Normal), &[ch('5')], Command::Order(OrderField::TimeInSpace), "order by time in space (again: flip)"),
    bind(Some(Normal), &[ch('6')], Command::Order(OrderField::Name), "order by name (again: flip)"),
    bind(Some(Normal), &[ch('s')], Command::NextOrder, "next ordering field"),
    bind(Some(Normal), &[ch('S')], Command::ReverseOrder, "reverse the ordering"),
    bind(Some(Normal), &[ch('f')], Command::Filters, "filters: in space, placeholder, status, configuration"),
    bind(Some(Normal), &[code(KeyCode::Enter)], Command::Open, "open the selected spacecraft or flight"),
    bind(Some(Normal), &[code(KeyCode::Esc), code(KeyCode::Backspace), ch('h')], Command::Back, "back; on the list: clear the search and filters"),
    bind(Some(Normal), &[code(KeyCode::Tab)], Command::FocusNext, "focus the next pane"),
    bind(Some(Normal), &[code(KeyCode::BackTab)], Command::FocusPrev, "focus the previous pane"),
    bind(Some(Normal), &[ch('o')], Command::OpenWeb, "open the web page (wiki or API) in the browser"),
    bind(Some(Normal), &[ch('y')], Command::Copy, "copy the name to the clipboard"),
    bind(Some(Normal), &[ch('r')], Command::Refresh, "refresh from the API now"),
    bind(Some(Normal), &[ch('?')], Command::Help, "this help"),
    bind(Some(Search), &[code(KeyCode::Enter)], Command::Accept, "keep the search, back to the list"),
    bind(Some(Search), &[code(KeyCode::Esc)], Command::Back, "clear the search, back to the list"),
    bind(Some(Search), &[code(KeyCode::Backspace)], Command::DeleteChar, "delete a character"),
    bind(Some(Search), &[ctrl('w')], Command::DeleteWord, "delete a word"),
    bind(Some(Search), &[ctrl('u')], Command::ClearLine, "clear the line"),
    bind(Some(Search), &[code(KeyCode::Down)], Command::Down, "move down"),
    bind(Some(Search), &[code(KeyCode::Up)], Command::Up, "move up"),
    bind(Some(Filter), &[ch('j'), code(KeyCode::Down)], Command::Down, "next filter"),
    bind(Some(Filter), &[ch('k'), code(KeyCode::Up)], Command::Up, "previous filter"),
    bind(Some(Filter), &[ch('l'), code(KeyCode::Right), ch(' ')], Command::NextValue, "next value"),
    bind(Some(Filter), &[ch('h'), code(KeyCode::Left)], Command::PrevValue, "previous value"),
    bind(Some(Filter), &[ch('x')], Command::ResetFilters, "reset every filter"),
    bind(Some(Filter), &[code(KeyCode::Enter), code(KeyCode::Esc), ch('f'), ch('q')], Command::Back, "close the panel"),
    bind(Some(Help), &[ch('j'), code(KeyCode::Down)], Command::Down, "scroll down"),
    bind(Some(Help), &[ch('k'), code(KeyCode::Up)], Command::Up, "scroll up"),
    bind(Some(Help), &[code(KeyCode::Esc), ch('?'), ch('q'), code(KeyCode::Enter)], Command::Back, "close the help"),
];

/// Terminals disagree on whether an upper-case letter carries SHIFT; ignore it for characters.
fn normalise(event: &KeyEvent) -> Key {
    let mut mods =
        event.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
    if matches!(event.code, KeyCode::Char(_) | KeyCode::BackTab) {
        mods.remove(KeyModifiers::SHIFT);
    }
    Key {
        code: event.code,
        mods,
    }
}

pub fn command_for(mode: Mode, event: &KeyEvent) -> Option<Command> {
    let key = normalise(event);
    BINDINGS
        .iter()
        .filter(|b| b.mode.is_none_or(|m| m == mode))
        .find(|b| b.keys.contains(&key))
        .map(|b| b.command)
}

/// The action a key press means in `mode`; in the search line, unbound
/// printable characters are typed.
pub fn action_for(mode: Mode, event: &KeyEvent) -> Option<Action> {
    if event.kind == KeyEventKind::Release {
        return None;
    }
    if let Some(command) = command_for(mode, event) {
        return Some(Action::Command(command));
    }
    match (mode, event.code) {
        (Mode::Search, KeyCode::Char(c))
            if !event
                .modifiers
                .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
        {
            Some(Action::Input(c))
        }
        _ => None,
    }
}

/// How a key is written in the help: `j`, `Ctrl-d`, `PgDn`, `Shift-Tab`.
pub fn label(key: &Key) -> String {
    let name = match key.code {
        KeyCode::Char(' ') => "Space".to_string(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::Down => "↓".into(),
        KeyCode::Up => "↑".into(),
        KeyCode::Left => "←".into(),
        KeyCode::Right => "→".into(),
        KeyCode::PageDown => "PgDn".into(),
        KeyCode::PageUp => "PgUp".into(),
        KeyCode::BackTab => "Shift-Tab".into(),
        other => format!("{other}"),
    };
    if key.mods.contains(KeyModifiers::CONTROL) {
        format!("Ctrl-{name}")
    } else {
        name
    }
}

/// Every binding of a mode (and the global ones) as `(keys, help)` lines.
pub fn help_lines(mode: Mode) -> Vec<(String, &'static str)> {
    BINDINGS
        .iter()
        .filter(|b| b.mode == Some(mode) || (b.mode.is_none() && mode == Mode::Normal))
        .map(|b| {
            (
                b.keys.iter().map(label).collect::<Vec<_>>().join(" "),
                b.help,
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    #[test]
    fn keys_map_per_mode() {
        let j = press(KeyCode::Char('j'), KeyModifiers::NONE);
        assert_eq!(
            action_for(Mode::Normal, &j).map(|a| format!("{a:?}")),
            Some("Command(Down)".into())
        );
        assert!(matches!(
            action_for(Mode::Search, &j),
            Some(Action::Input('j'))
        ));
        let big_g = press(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(command_for(Mode::Normal, &big_g), Some(Command::Bottom));
        let ctrl_c = press(KeyCode::Char('c'), KeyModifiers::CONTROL);
        for mode in [Mode::Normal, Mode::Search, Mode::Filter, Mode::Help] {
            assert_eq!(command_for(mode, &ctrl_c), Some(Command::Quit));
        }
        let esc = press(KeyCode::Esc, KeyModifiers::NONE);
        for mode in [Mode::Normal, Mode::Search, Mode::Filter, Mode::Help] {
            assert_ne!(
                command_for(mode, &esc),
                Some(Command::Quit),
                "Esc never quits"
            );
        }
    }

    #[test]
    fn no_key_is_bound_twice_in_a_mode() {
        for mode in [Mode::Normal, Mode::Search, Mode::Filter, Mode::Help] {
            let mut seen = Vec::new();
            for b in BINDINGS.iter().filter(|b| b.mode.is_none_or(|m| m == mode)) {
                for k in b.keys {
                    assert!(!seen.contains(k), "{mode:?}: {} bound twice", label(k));
                    seen.push(*k);
                }
            }
        }
    }

    #[test]
    fn help_is_generated_from_the_table() {
        let lines = help_lines(Mode::Normal);
        assert!(lines
            .iter()
            .any(|(k, h)| k == "j ↓" && h.starts_with("move down")));
        assert!(lines.iter().any(|(k, _)| k == "PgDn Ctrl-d"));
        assert!(lines.iter().any(|(k, h)| k == "Ctrl-c" && *h == "quit"));
    }
}
