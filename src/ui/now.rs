//! Who is in space now: one row per spacecraft, its mission elapsed time
//! ticking every second, where it is docked and who is aboard.

use super::theme;
use crate::app::{Loadable, State};
use crate::doc::now::{met, Aloft};
use crate::doc::{truncate, utc};
use crate::ui::keys::{Hinted, Keymap};
use ratatui::layout::{Constraint, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, BorderType, Cell, Paragraph, Row, Table, TableState};
use ratatui::Frame;

pub fn draw(frame: &mut Frame, area: Rect, state: &State, keymap: &Keymap) {
    let hint = keymap.hints(Hinted::InSpaceNow);
    let rows = state.aloft();
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(theme::border(true))
        .title(Line::styled(
            format!(" In space now ({}) ", rows.len()),
            theme::title(),
        ))
        .title_bottom(Line::styled(format!(" {hint} "), theme::dim()));
    if rows.is_empty() {
        let text = if state.list.catalog.is_empty() {
            "the catalog is not loaded yet"
        } else {
            "the catalog has no spacecraft in space"
        };
        frame.render_widget(
            Paragraph::new(Line::styled(text, theme::dim())).block(block),
            area,
        );
        return;
    }
    // Narrow terminals keep the name, the elapsed time and where it is.
    let wide = area.width >= 120;
    let header: Vec<&str> = if wide {
        vec![
            "Spacecraft",
            "Configuration",
            "Launch (UTC)",
            "Elapsed",
            "Docked",
            "Crew",
        ]
    } else {
        vec!["Spacecraft", "Elapsed", "Docked", "Crew"]
    };
    let widths: Vec<Constraint> = if wide {
        vec![
            Constraint::Length(24),
            Constraint::Length(16),
            Constraint::Length(16),
            Constraint::Length(14),
            Constraint::Length(34),
            Constraint::Fill(1),
        ]
    } else {
        vec![
            Constraint::Length(20),
            Constraint::Length(14),
            Constraint::Length(24),
            Constraint::Fill(1),
        ]
    };
    // The last column takes what the others leave (inside the borders,
    // one column between cells), so that its text is cut with `…` too.
    let fixed: usize = widths
        .iter()
        .map(|c| match c {
            Constraint::Length(n) => usize::from(*n) + 1,
            _ => 0,
        })
        .sum();
    let rest = usize::from(area.width).saturating_sub(2 + fixed).max(1);
    let lengths: Vec<usize> = widths
        .iter()
        .map(|c| match c {
            Constraint::Length(n) => usize::from(*n),
            _ => rest,
        })
        .collect();
    let table_rows: Vec<Row> = rows
        .iter()
        .map(|r| {
            let cells: Vec<String> = if wide {
                vec![
                    r.name.clone(),
                    r.config.clone().unwrap_or_default(),
                    utc(r.launch),
                    elapsed(state, r),
                    docked(r),
                    crew(r),
                ]
            } else {
                vec![r.name.clone(), elapsed(state, r), docked(r), crew(r)]
            };
            Row::new(
                cells
                    .into_iter()
                    .zip(&lengths)
                    .map(|(c, w)| Cell::from(truncate(&c, *w))),
            )
        })
        .collect();
    let table = Table::new(table_rows, widths)
        .header(Row::new(header).style(theme::header()))
        .row_highlight_style(theme::selected())
        .block(block);
    let mut selection = TableState::default().with_selected(Some(state.places.link));
    frame.render_stateful_widget(table, area, &mut selection);
}

/// The mission elapsed time, or why there is none yet.
fn elapsed(state: &State, r: &Aloft) -> String {
    if let Some(up) = r.elapsed(state.now) {
        return met(up);
    }
    match state.loaded.flights.get(&r.spacecraft) {
        Some(Loadable::Loading) => "loading…".into(),
        Some(Loadable::Deferred(_)) => "Enter loads".into(),
        Some(Loadable::Failed(_)) => "unavailable".into(),
        _ if r.flights_unknown => "-".into(),
        _ => "no launch date".into(),
    }
}

fn docked(r: &Aloft) -> String {
    let Some(d) = &r.docked else {
        return if r.flight.is_some() {
            "free flying".into()
        } else {
            String::new()
        };
    };
    let port = d
        .port
        .as_deref()
        .map_or(String::new(), |p| format!(" · {p}"));
    let since = d.since.map_or(String::new(), |t| {
        format!(" since {}", t.strftime("%Y-%m-%d"))
    });
    format!("{}{port}{since}", d.station)
}

fn crew(r: &Aloft) -> String {
    match r.crew.len() {
        0 => String::new(),
        n => format!("{n}: {}", r.crew.join(", ")),
    }
}
