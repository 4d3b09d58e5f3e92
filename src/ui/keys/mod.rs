//! The keymap: one table from keys to commands, per mode. The help overlay
//! and the README's key list are this table.

mod defaults;
mod hints;

pub use defaults::{Binding, BINDINGS};
pub use hints::{commands, Hinted};

use crate::app::action::{Action, Command};
use crate::app::Mode;
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

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

/// The bindings in force: the defaults above, with a config file's `[keys]` applied.
#[derive(Debug, Clone)]
pub struct Keymap {
    bindings: Vec<Bound>,
}

#[derive(Debug, Clone)]
struct Bound {
    mode: Option<Mode>,
    keys: Vec<Key>,
    command: Command,
    help: &'static str,
}

impl Default for Keymap {
    fn default() -> Self {
        Keymap {
            bindings: BINDINGS
                .iter()
                .map(|b| Bound {
                    mode: b.mode,
                    keys: b.keys.to_vec(),
                    command: b.command,
                    help: b.help,
                })
                .collect(),
        }
    }
}

/// The config-file name of a command (`keys.search = ["/", "ctrl-f"]`):
/// its variant's name in snake case (`page_down`), an ordering's with its
/// field (`order_time_in_space`).
pub fn command_name(command: Command) -> String {
    match command {
        Command::Order(field) => format!("order_{}", field.api_name()),
        other => <&'static str>::from(other).to_string(),
    }
}

/// A config file's `[keys]`: mode name → command name → keys.
pub type Overrides =
    std::collections::BTreeMap<String, std::collections::BTreeMap<String, Vec<String>>>;

/// The modes a config file names (`[keys.search_line]`; `[keys]` itself is
/// the list's). Not `search` or `help`: those are list commands, and
/// `[keys]` holds both.
pub const MODES: [(&str, Mode); 4] = [
    ("list", Mode::Normal),
    ("search_line", Mode::Search),
    ("filter_panel", Mode::Filter),
    ("help_screen", Mode::Help),
];

fn mode_name(mode: Mode) -> &'static str {
    MODES
        .iter()
        .find(|(_, m)| *m == mode)
        .map_or("list", |(name, _)| name)
}

/// `q`, `G`, `ctrl-d`, `alt-x`, `enter`, `esc`, `pgdn`, `f5`, `space`…
pub fn parse_key(text: &str) -> Result<Key, String> {
    let mut mods = KeyModifiers::NONE;
    let mut rest = text.trim();
    loop {
        let lower = rest.to_ascii_lowercase();
        if let Some(r) = lower.strip_prefix("ctrl-") {
            mods |= KeyModifiers::CONTROL;
            rest = &rest[rest.len() - r.len()..];
        } else if let Some(r) = lower.strip_prefix("alt-") {
            mods |= KeyModifiers::ALT;
            rest = &rest[rest.len() - r.len()..];
        } else {
            break;
        }
    }
    let code = match rest.to_ascii_lowercase().as_str() {
        "enter" | "return" => KeyCode::Enter,
        "esc" | "escape" => KeyCode::Esc,
        "tab" => KeyCode::Tab,
        "shift-tab" | "backtab" => KeyCode::BackTab,
        "backspace" => KeyCode::Backspace,
        "delete" | "del" => KeyCode::Delete,
        "insert" => KeyCode::Insert,
        "up" => KeyCode::Up,
        "down" => KeyCode::Down,
        "left" => KeyCode::Left,
        "right" => KeyCode::Right,
        "home" => KeyCode::Home,
        "end" => KeyCode::End,
        "pgup" | "pageup" => KeyCode::PageUp,
        "pgdn" | "pagedown" => KeyCode::PageDown,
        "space" => KeyCode::Char(' '),
        f if f.len() > 1
            && f.starts_with('f')
            && f[1..].parse::<u8>().is_ok_and(|n| (1..=12).contains(&n)) =>
        {
            KeyCode::F(f[1..].parse().unwrap_or(1))
        }
        _ => {
            let mut chars = rest.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) => KeyCode::Char(c),
                _ => {
                    return Err(format!(
                    "{text:?} is not a key (try \"q\", \"ctrl-d\", \"enter\", \"pgdn\", \"f5\")"
                ))
                }
            }
        }
    };
    Ok(Key { code, mods })
}

impl Keymap {
    /// The defaults with `overrides` (mode name → command name → keys)
    /// replacing those commands' keys in that mode. A command rebound for
    /// the list is rebound too in every other mode where it has the list's
    /// keys by default (`down` moves the filter panel and the help with
    /// `j`/`↓` as it moves the list), unless that mode's own table names
    /// it. Ctrl-c always quits.
    pub fn with_overrides(overrides: &Overrides) -> Result<Self, String> {
        let mut map = Keymap::default();
        for (mode_text, commands) in overrides {
            let Some(&(_, mode)) = MODES.iter().find(|(name, _)| name == mode_text) else {
                let names: Vec<&str> = MODES.iter().map(|(name, _)| *name).collect();
                return Err(format!(
                    "keys.{mode_text}: no such mode; modes are {}",
                    names.join(", ")
                ));
            };
            // `[keys]` is written `keys.NAME`, a mode's table `keys.MODE.NAME`.
            let at = |name: &str| match mode {
                Mode::Normal => format!("keys.{name}"),
                _ => format!("keys.{mode_text}.{name}"),
            };
            for (name, keys) in commands {
                let keys = keys
                    .iter()
                    .map(|k| parse_key(k).map_err(|e| format!("{}: {e}", at(name))))
                    .collect::<Result<Vec<_>, _>>()?;
                let Some(found) = map
                    .bindings
                    .iter()
                    .position(|b| b.mode == Some(mode) && command_name(b.command) == *name)
                else {
                    let names: Vec<String> = BINDINGS
                        .iter()
                        .filter(|b| b.mode == Some(mode))
                        .map(|b| command_name(b.command))
                        .collect();
                    return Err(format!(
                        "{}: no such command in the {}; its commands are {}",
                        at(name),
                        mode_title(mode),
                        names.join(", ")
                    ));
                };
                let command = map.bindings[found].command;
                let defaults = map.bindings[found].keys.clone();
                map.bindings[found].keys = keys.clone();
                if mode != Mode::Normal {
                    continue;
                }
                for b in map.bindings.iter_mut().filter(|b| {
                    b.command == command
                        && b.mode.is_some_and(|m| m != Mode::Normal)
                        && b.keys == defaults
                }) {
                    let own = b.mode.map(mode_name).and_then(|m| overrides.get(m));
                    if !own.is_some_and(|table| table.contains_key(name)) {
                        b.keys = keys.clone();
                    }
                }
            }
        }
        map.check()?;
        Ok(map)
    }

    /// No key may mean two things in one mode.
    fn check(&self) -> Result<(), String> {
        for mode in [Mode::Normal, Mode::Search, Mode::Filter, Mode::Help] {
            let mut seen: Vec<(Key, Command)> = Vec::new();
            for b in self
                .bindings
                .iter()
                .filter(|b| b.mode.is_none_or(|m| m == mode))
            {
                for k in &b.keys {
                    if let Some((_, other)) = seen.iter().find(|(key, _)| key == k) {
                        return Err(format!(
                            "key {} is bound to both {} and {} in the {}",
                            label(k),
                            command_name(*other),
                            command_name(b.command),
                            mode_title(mode)
                        ));
                    }
                    seen.push((*k, b.command));
                }
            }
        }
        Ok(())
    }

    pub fn command_for(&self, mode: Mode, event: &KeyEvent) -> Option<Command> {
        let key = normalise(event);
        self.bindings
            .iter()
            .filter(|b| b.mode.is_none_or(|m| m == mode))
            .find(|b| b.keys.contains(&key))
            .map(|b| b.command)
    }

    /// The action a key press means in `mode`; in the search line, unbound
    /// printable characters are typed.
    pub fn action_for(&self, mode: Mode, event: &KeyEvent) -> Option<Action> {
        if event.kind == KeyEventKind::Release {
            return None;
        }
        if let Some(command) = self.command_for(mode, event) {
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

    /// Every binding of a mode (and the global ones on the list) as `(keys, help)` lines.
    pub fn help_lines(&self, mode: Mode) -> Vec<(String, &'static str)> {
        self.bindings
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
}

impl Keymap {
    /// The first key of `command` in `mode`, as the help writes it.
    pub fn key_for(&self, mode: Mode, command: Command) -> Option<String> {
        self.bindings
            .iter()
            .filter(|b| b.mode.is_none_or(|m| m == mode))
            .find(|b| b.command == command)
            .and_then(|b| b.keys.first())
            .map(label)
    }

    /// A hint line from the keys in force: `[(&[Down, Up], "choose")]` reads
    /// `j/k choose`; a command with no key is left out, so a rebinding never
    /// leaves a hint that lies.
    pub fn hint(&self, mode: Mode, items: &[(&[Command], &str)]) -> String {
        items
            .iter()
            .filter_map(|(commands, what)| {
                let keys: Vec<String> = commands
                    .iter()
                    .map(|c| self.key_for(mode, *c))
                    .collect::<Option<_>>()?;
                Some(format!("{} {what}", keys.join("/")))
            })
            .collect::<Vec<_>>()
            .join(" · ")
    }
}

/// Where a mode's keys work, in words.
fn mode_title(mode: Mode) -> &'static str {
    match mode {
        Mode::Normal => "list",
        Mode::Search => "search line",
        Mode::Filter => "filter panel",
        Mode::Help => "help",
    }
}

/// The README's key table: every binding, mode by mode, as the help shows it.
pub fn markdown_table(keymap: &Keymap) -> String {
    let mut out = String::from("| where | keys | action |\n| --- | --- | --- |\n");
    for mode in [Mode::Normal, Mode::Search, Mode::Filter, Mode::Help] {
        let title = mode_title(mode);
        for (keys, help) in keymap.help_lines(mode) {
            let keys: Vec<String> = keys
                .split(' ')
                .map(|k| format!("`{}`", k.replace('|', "\\|")))
                .collect();
            out.push_str(&format!("| {title} | {} | {help} |\n", keys.join(" ")));
        }
    }
    out
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
        KeyCode::F(n) => format!("F{n}"),
        other => format!("{other}"),
    };
    match (
        key.mods.contains(KeyModifiers::CONTROL),
        key.mods.contains(KeyModifiers::ALT),
    ) {
        (true, _) => format!("Ctrl-{name}"),
        (_, true) => format!("Alt-{name}"),
        _ => name,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::query::OrderField;

    /// `[keys]` (the list's) of `pairs`.
    fn list(pairs: &[(&str, &[&str])]) -> Overrides {
        in_mode("list", pairs)
    }

    fn in_mode(mode: &str, pairs: &[(&str, &[&str])]) -> Overrides {
        Overrides::from([(
            mode.to_string(),
            pairs
                .iter()
                .map(|(c, keys)| (c.to_string(), keys.iter().map(|k| k.to_string()).collect()))
                .collect(),
        )])
    }

    fn press(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    #[test]
    fn keys_map_per_mode() {
        let j = press(KeyCode::Char('j'), KeyModifiers::NONE);
        assert_eq!(
            Keymap::default()
                .action_for(Mode::Normal, &j)
                .map(|a| format!("{a:?}")),
            Some("Command(Down)".into())
        );
        assert!(matches!(
            Keymap::default().action_for(Mode::Search, &j),
            Some(Action::Input('j'))
        ));
        let big_g = press(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(
            Keymap::default().command_for(Mode::Normal, &big_g),
            Some(Command::Bottom)
        );
        let ctrl_c = press(KeyCode::Char('c'), KeyModifiers::CONTROL);
        for mode in [Mode::Normal, Mode::Search, Mode::Filter, Mode::Help] {
            assert_eq!(
                Keymap::default().command_for(mode, &ctrl_c),
                Some(Command::Quit)
            );
        }
        let esc = press(KeyCode::Esc, KeyModifiers::NONE);
        for mode in [Mode::Normal, Mode::Search, Mode::Filter, Mode::Help] {
            assert_ne!(
                Keymap::default().command_for(mode, &esc),
                Some(Command::Quit),
                "Esc never quits"
            );
        }
    }

    #[test]
    fn hints_follow_the_keys_in_force() {
        let default = Keymap::default();
        let hint = |k: &Keymap| {
            k.hint(
                Mode::Normal,
                &[
                    (&[Command::Back], "back"),
                    (&[Command::Down, Command::Up], "move"),
                    (&[Command::Copy], "copy"),
                ],
            )
        };
        assert_eq!(hint(&default), "Esc back · j/k move · y copy");
        let rebound = Keymap::with_overrides(&list(&[("back", &["x"]), ("copy", &[])])).unwrap();
        assert_eq!(hint(&rebound), "x back · j/k move", "unbound: left out");
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
    fn keys_can_be_rebound_from_the_config() {
        let overrides = list(&[("search", &["ctrl-f", "/"]), ("quit", &["Q"])]);
        let map = Keymap::with_overrides(&overrides).unwrap();
        let ctrl_f = press(KeyCode::Char('f'), KeyModifiers::CONTROL);
        assert_eq!(
            map.command_for(Mode::Normal, &ctrl_f),
            Some(Command::Search)
        );
        let q = press(KeyCode::Char('q'), KeyModifiers::NONE);
        assert_eq!(map.command_for(Mode::Normal, &q), None);
        let ctrl_c = press(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(
            map.command_for(Mode::Normal, &ctrl_c),
            Some(Command::Quit),
            "Ctrl-c always quits"
        );
        let clash = list(&[("search", &["j"])]);
        assert!(Keymap::with_overrides(&clash)
            .unwrap_err()
            .contains("bound to both"));
        let unknown = list(&[("fly", &["x"])]);
        assert!(Keymap::with_overrides(&unknown)
            .unwrap_err()
            .contains("commands are"));
        assert!(parse_key("ctrl-").is_err() && parse_key("hyper-x").is_err());
        assert_eq!(parse_key("F5").unwrap().code, KeyCode::F(5));
    }

    #[test]
    fn help_is_generated_from_the_table() {
        let lines = Keymap::default().help_lines(Mode::Normal);
        assert!(lines
            .iter()
            .any(|(k, h)| k == "j ↓" && h.starts_with("move down")));
        assert!(lines.iter().any(|(k, _)| k == "PgDn Ctrl-d"));
        assert!(lines.iter().any(|(k, h)| k == "Ctrl-c" && *h == "quit"));
    }

    #[test]
    fn a_list_rebinding_moves_the_modes_that_share_its_keys() {
        let map = Keymap::with_overrides(&list(&[("down", &["t"]), ("back", &["x"])])).unwrap();
        let t = press(KeyCode::Char('t'), KeyModifiers::NONE);
        let j = press(KeyCode::Char('j'), KeyModifiers::NONE);
        for mode in [Mode::Normal, Mode::Filter, Mode::Help] {
            assert_eq!(map.command_for(mode, &t), Some(Command::Down), "{mode:?}");
            assert_eq!(map.command_for(mode, &j), None, "{mode:?}: j is free");
            assert_eq!(map.key_for(mode, Command::Down).as_deref(), Some("t"));
        }
        // The search line's Down is ↓ alone, not the list's keys: it stays,
        // and `j` is typed.
        assert_eq!(
            map.key_for(Mode::Search, Command::Down).as_deref(),
            Some("↓")
        );
        assert!(matches!(
            map.action_for(Mode::Search, &j),
            Some(Action::Input('j'))
        ));
        // Back closes the filter panel with other keys than the list's: its own.
        let esc = press(KeyCode::Esc, KeyModifiers::NONE);
        assert_eq!(map.command_for(Mode::Filter, &esc), Some(Command::Back));
        assert_eq!(map.command_for(Mode::Normal, &esc), None);
        // The help overlay and the hints say so.
        assert!(map
            .help_lines(Mode::Filter)
            .iter()
            .any(|(k, h)| k == "t" && *h == "next filter"));
        assert_eq!(
            map.hint(Mode::Filter, &[(&[Command::Down, Command::Up], "choose")]),
            "t/k choose"
        );
    }

    #[test]
    fn each_mode_takes_its_own_table() {
        let mut overrides = in_mode("search_line", &[("accept", &["ctrl-j"])]);
        overrides.extend(in_mode(
            "filter_panel",
            &[("reset_filters", &["r"]), ("down", &["J"])],
        ));
        overrides.extend(in_mode("help_screen", &[("back", &["x"])]));
        overrides.extend(list(&[("down", &["t"])]));
        let map = Keymap::with_overrides(&overrides).unwrap();
        let key = |c| press(KeyCode::Char(c), KeyModifiers::NONE);
        let ctrl_j = press(KeyCode::Char('j'), KeyModifiers::CONTROL);
        let enter = press(KeyCode::Enter, KeyModifiers::NONE);
        assert_eq!(
            map.command_for(Mode::Search, &ctrl_j),
            Some(Command::Accept)
        );
        assert_eq!(map.command_for(Mode::Search, &enter), None);
        assert_eq!(
            map.command_for(Mode::Filter, &key('r')),
            Some(Command::ResetFilters)
        );
        assert_eq!(map.command_for(Mode::Filter, &key('x')), None);
        // The filter panel's own `down` wins over the list's.
        assert_eq!(
            map.command_for(Mode::Filter, &key('J')),
            Some(Command::Down)
        );
        assert_eq!(map.command_for(Mode::Filter, &key('t')), None);
        assert_eq!(map.command_for(Mode::Help, &key('t')), Some(Command::Down));
        assert_eq!(map.command_for(Mode::Help, &key('x')), Some(Command::Back));
        assert_eq!(map.command_for(Mode::Help, &key('q')), None);
        assert_eq!(
            map.hint(Mode::Help, &[(&[Command::Back], "closes")]),
            "x closes"
        );
        assert_eq!(
            map.hint(Mode::Search, &[(&[Command::Accept], "keep")]),
            "Ctrl-j keep"
        );
        // What it refuses, naming where.
        let clash = in_mode("filter_panel", &[("reset_filters", &["j"])]);
        let e = Keymap::with_overrides(&clash).unwrap_err();
        assert!(
            e.contains("bound to both") && e.contains("filter panel"),
            "{e}"
        );
        let e = Keymap::with_overrides(&in_mode("filter_panel", &[("copy", &["c"])])).unwrap_err();
        assert!(
            e.starts_with("keys.filter_panel.copy: no such command in the filter panel"),
            "{e}"
        );
        assert!(e.contains("reset_filters"), "{e}");
        let e = Keymap::with_overrides(&in_mode("popup", &[("back", &["x"])])).unwrap_err();
        assert!(
            e.contains("modes are list, search_line, filter_panel, help_screen"),
            "{e}"
        );
    }

    #[test]
    fn command_names_are_derived() {
        assert_eq!(command_name(Command::PageDown), "page_down");
        assert_eq!(command_name(Command::InSpaceNow), "in_space_now");
        assert_eq!(
            command_name(Command::Order(OrderField::TimeInSpace)),
            "order_time_in_space"
        );
        assert_eq!(command_name(Command::ResetFilters), "reset_filters");
    }
}
