//! Every colour and emphasis hangar draws with, in one place. Named ANSI
//! colours follow the terminal's palette, so they read on dark and light
//! backgrounds alike; with NO_COLOR only emphasis (bold, reverse) remains.

use ratatui::style::{Color, Modifier, Style};
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// The colour slots a config file's `[colors]` table may set.
pub const SLOTS: [&str; 7] = [
    "accent", "muted", "match", "ok", "warning", "error", "heading",
];

#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    /// No colour at all (NO_COLOR, or `no_color = true`).
    pub plain: bool,
    pub accent: Color,
    pub muted: Color,
    pub matched: Color,
    pub ok: Color,
    pub warning: Color,
    pub error: Color,
    pub heading: Color,
}

impl Default for Theme {
    fn default() -> Self {
        Theme {
            plain: false,
            accent: Color::Cyan,
            muted: Color::DarkGray,
            matched: Color::Yellow,
            ok: Color::Green,
            warning: Color::Yellow,
            error: Color::Red,
            heading: Color::Magenta,
        }
    }
}

impl Theme {
    /// The default theme with `colors` (slot → name or `#rrggbb`) applied.
    pub fn new(plain: bool, colors: &BTreeMap<String, String>) -> Result<Self, String> {
        let mut theme = Theme {
            plain,
            ..Theme::default()
        };
        for (slot, value) in colors {
            let color: Color = value
                .parse()
                .map_err(|_| format!("colors.{slot}: {value:?} is not a colour (a name like \"cyan\" or \"#00aaff\")"))?;
            match slot.as_str() {
                "accent" => theme.accent = color,
                "muted" => theme.muted = color,
                "match" => theme.matched = color,
                "ok" => theme.ok = color,
                "warning" => theme.warning = color,
                "error" => theme.error = color,
                "heading" => theme.heading = color,
                other => {
                    return Err(format!(
                        "colors.{other}: unknown slot; slots are {}",
                        SLOTS.join(", ")
                    ))
                }
            }
        }
        Ok(theme)
    }
}

static THEME: OnceLock<Theme> = OnceLock::new();

/// Sets the theme once, at start-up; later calls are ignored.
pub fn init(theme: Theme) {
    let _ = THEME.set(theme);
}

fn get() -> &'static Theme {
    THEME.get_or_init(Theme::default)
}

fn fg(color: impl Fn(&Theme) -> Color) -> Style {
    let theme = get();
    if theme.plain {
        Style::new()
    } else {
        Style::new().fg(color(theme))
    }
}

pub fn title() -> Style {
    Style::new().add_modifier(Modifier::BOLD)
}

pub fn border(focused: bool) -> Style {
    let style = if focused {
        fg(|t| t.accent)
    } else {
        fg(|t| t.muted)
    };
    if focused && get().plain {
        style.add_modifier(Modifier::BOLD)
    } else {
        style
    }
}

pub fn header() -> Style {
    Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
}

pub fn selected() -> Style {
    Style::new().add_modifier(Modifier::REVERSED)
}

pub fn matched() -> Style {
    fg(|t| t.matched).add_modifier(Modifier::BOLD)
}

pub fn in_space() -> Style {
    fg(|t| t.ok)
}

pub fn label() -> Style {
    fg(|t| t.accent)
}

pub fn dim() -> Style {
    fg(|t| t.muted)
}

pub fn warning() -> Style {
    fg(|t| t.warning)
}

pub fn error() -> Style {
    fg(|t| t.error).add_modifier(Modifier::BOLD)
}

pub fn heading() -> Style {
    fg(|t| t.heading).add_modifier(Modifier::BOLD)
}

pub fn flight_bar() -> Style {
    fg(|t| t.accent)
}

pub fn docked() -> Style {
    fg(|t| t.ok)
}

/// A flight not launched yet: its NET's span, dimmer than a flight that happened.
pub fn planned() -> Style {
    fg(|t| t.accent).add_modifier(Modifier::DIM)
}

pub fn ongoing() -> Style {
    fg(|t| t.warning).add_modifier(Modifier::BOLD)
}

/// The colour of group `i` of a chart that tells groups apart (flights per
/// year by family or agency), past the theme's slots: seven named colours,
/// as many as such a chart keeps. With NO_COLOR none: the chart names each
/// group with a letter as well.
pub fn group(i: usize) -> Style {
    const PALETTE: [Color; 7] = [
        Color::Cyan,
        Color::Yellow,
        Color::Green,
        Color::Magenta,
        Color::Blue,
        Color::Red,
        Color::Gray,
    ];
    if get().plain {
        Style::new()
    } else {
        Style::new().fg(PALETTE[i % PALETTE.len()])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_are_read_from_names_and_hex() {
        let colors = BTreeMap::from([
            ("accent".to_string(), "#00aaff".to_string()),
            ("error".to_string(), "lightred".to_string()),
        ]);
        let theme = Theme::new(false, &colors).unwrap();
        assert_eq!(theme.accent, Color::Rgb(0, 0xaa, 0xff));
        assert_eq!(theme.error, Color::LightRed);
        let bad = BTreeMap::from([("accent".to_string(), "blurple".to_string())]);
        assert!(Theme::new(false, &bad)
            .unwrap_err()
            .contains("not a colour"));
        let unknown = BTreeMap::from([("background".to_string(), "red".to_string())]);
        assert!(Theme::new(false, &unknown)
            .unwrap_err()
            .contains("slots are"));
    }
}
