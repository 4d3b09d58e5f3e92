//! Every colour and emphasis hangar draws with, in one place.

use ratatui::style::{Color, Modifier, Style};

pub fn title() -> Style {
    Style::new().add_modifier(Modifier::BOLD)
}

pub fn border(focused: bool) -> Style {
    if focused {
        Style::new().fg(Color::Cyan)
    } else {
        Style::new().fg(Color::DarkGray)
    }
}

pub fn header() -> Style {
    Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
}

pub fn selected() -> Style {
    Style::new().add_modifier(Modifier::REVERSED)
}

pub fn matched() -> Style {
    Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD)
}

pub fn in_space() -> Style {
    Style::new().fg(Color::Green)
}

pub fn label() -> Style {
    Style::new().fg(Color::Cyan)
}

pub fn dim() -> Style {
    Style::new().fg(Color::DarkGray)
}

pub fn warning() -> Style {
    Style::new().fg(Color::Yellow)
}

pub fn error() -> Style {
    Style::new().fg(Color::Red).add_modifier(Modifier::BOLD)
}

pub fn heading() -> Style {
    Style::new().fg(Color::Magenta).add_modifier(Modifier::BOLD)
}

pub fn flight_bar() -> Style {
    Style::new().fg(Color::Cyan)
}

pub fn docked() -> Style {
    Style::new().fg(Color::Green)
}

pub fn ongoing() -> Style {
    Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD)
}
