//! The detail pane for the selected spacecraft, and the flights summary under it.

use super::{field, theme};
use crate::api::Spacecraft;
use crate::app::{Focus, Mode, State};
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, BorderType, Paragraph, Wrap};
use ratatui::Frame;

fn yes_no(b: Option<bool>) -> String {
    match b {
        Some(true) => "yes".into(),
        Some(false) => "no".into(),
        None => "-".into(),
    }
}

fn or_dash(s: Option<&str>) -> String {
    s.unwrap_or("-").to_string()
}

pub fn lines(s: &Spacecraft, width: u16) -> Vec<Line<'static>> {
    let config = s.spacecraft_config.as_ref();
    let agency = config
        .and_then(|c| c.agency.as_ref())
        .map(|a| match (&a.name, &a.abbrev) {
            (Some(n), Some(ab)) => format!("{n} ({ab})"),
            (n, ab) => n.clone().or(ab.clone()).unwrap_or_else(|| "-".into()),
        });
    let fields = [
        ("Serial", or_dash(s.serial_number.as_deref())),
        ("Status", or_dash(s.status_name())),
        ("Configuration", or_dash(s.config_name())),
        ("Agency", agency.unwrap_or_else(|| "-".into())),
        (
            "Flights",
            s.flights_count.map_or("-".into(), |n| n.to_string()),
        ),
        (
            "Time in space",
            s.time_in_space.map_or("-".into(), |d| d.human()),
        ),
        (
            "Time docked",
            s.time_docked.map_or("-".into(), |d| d.human()),
        ),
        ("In space now", yes_no(s.in_space)),
    ];
    let mut out = vec![Line::styled(s.name.clone(), theme::title())];
    for (label, value) in fields {
        out.extend(field(label, &value, width));
    }
    if let Some(d) = &s.description {
        out.push(Line::default());
        out.extend(d.lines().map(|l| Line::from(l.to_string())));
    }
    out
}

pub fn draw(frame: &mut Frame, area: Rect, state: &State) {
    let focused = state.focus == Focus::Detail && state.mode != Mode::Help;
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(theme::border(focused))
        .title(Line::styled(" Detail ", theme::title()));
    let text = match state.selected() {
        Some(s) => lines(s, area.width.saturating_sub(2)),
        None => vec![Line::styled("nothing selected", theme::dim())],
    };
    let paragraph = Paragraph::new(text)
        .block(block)
        .wrap(Wrap { trim: false })
        .scroll((state.detail_scroll, 0));
    frame.render_widget(paragraph, area);
}

/// Room under the detail for the flights; until they are opened, what the record says of them.
pub fn draw_flights_summary(frame: &mut Frame, area: Rect, state: &State) {
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(theme::border(false))
        .title(Line::styled(" Flights ", theme::title()));
    let text = match state.selected() {
        Some(s) => {
            let width = area.width.saturating_sub(2);
            let count = |n: Option<u32>| n.map_or("-".to_string(), |n| n.to_string());
            let mut lines = field("Flights", &count(s.flights_count), width);
            lines.extend(field("Mission ends", &count(s.mission_ends_count), width));
            let fastest = s.fastest_turnaround.map_or("-".into(), |d| d.human());
            lines.extend(field("Fastest turn", &fastest, width));
            lines.push(Line::styled("Enter opens the spacecraft", theme::dim()));
            lines
        }
        None => vec![],
    };
    frame.render_widget(Paragraph::new(text).block(block), area);
}
