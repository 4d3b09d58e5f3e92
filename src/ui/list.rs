//! The spacecraft list: only the rows on screen are laid out, whatever the catalog's size.

use super::{layout, theme, truncate};
use crate::app::{Focus, Mode, State};
use crate::query::{OrderField, Search};
use crate::search::highlight_mask;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Cell, Row, Table, TableState};
use ratatui::Frame;

struct Column {
    title: &'static str,
    width: Constraint,
    right: bool,
    field: Option<OrderField>,
}

/// Narrow panes drop the configuration, then the status, then the flights.
fn columns(inner_width: u16) -> Vec<Column> {
    let col = |title, width, right, field| Column {
        title,
        width,
        right,
        field,
    };
    let mut cols = vec![
        col("", Constraint::Length(1), false, None),
        col("Name", Constraint::Fill(3), false, Some(OrderField::Name)),
    ];
    if inner_width >= 60 {
        cols.push(col("Configuration", Constraint::Fill(2), false, None));
    }
    if inner_width >= 75 {
        cols.push(col("Status", Constraint::Length(10), false, None));
    }
    if inner_width >= 45 {
        cols.push(col(
            "Flights",
            Constraint::Length(8),
            true,
            Some(OrderField::FlightsCount),
        ));
    }
    cols.push(col(
        "In space",
        Constraint::Length(10),
        true,
        Some(OrderField::TimeInSpace),
    ));
    cols
}

fn cell_text(title: &str, s: &crate::api::Spacecraft) -> String {
    match title {
        "" => if s.in_space == Some(true) { "●" } else { " " }.into(),
        "Configuration" => s.config_name().unwrap_or("-").into(),
        "Status" => s.status_name().unwrap_or("-").into(),
        "Flights" => s.flights_count.map_or("-".into(), |n| n.to_string()),
        "In space" => s.time_in_space.map_or("-".into(), |d| d.human()),
        _ => s.name.clone(),
    }
}

/// The name cut to `width`, with the search's matches highlighted.
fn name_line(name: &str, search: &Search, width: usize) -> Line<'static> {
    let cut = truncate(name, width);
    let mask = highlight_mask(name, search);
    let mut spans: Vec<Span> = Vec::new();
    for (i, c) in cut.chars().enumerate() {
        let style = if mask.get(i).copied().unwrap_or(false) && c != '…' {
            theme::matched()
        } else {
            Default::default()
        };
        match spans.last_mut() {
            Some(last) if last.style == style => last.content.to_mut().push(c),
            _ => spans.push(Span::styled(c.to_string(), style)),
        }
    }
    Line::from(spans)
}

pub fn draw(frame: &mut Frame, area: Rect, state: &State) {
    let focused = state.focus == Focus::List && state.mode != Mode::Help;
    let order = state.order();
    let arrow = if order.descending { "↓" } else { "↑" };
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(theme::border(focused))
        .title(Line::styled(" Spacecraft ", theme::title()));
    let inner = block.inner(area);
    let cols = columns(inner.width);
    let widths: Vec<Constraint> = cols.iter().map(|c| c.width).collect();
    let rects = Layout::horizontal(widths.clone()).spacing(1).split(inner);

    let header = Row::new(cols.iter().map(|c| {
        let mut title = c.title.to_string();
        if c.field == Some(order.field) {
            title.push_str(arrow);
        }
        let line = Line::from(title);
        Cell::from(if c.right { line.right_aligned() } else { line })
    }))
    .style(theme::header());

    let page = layout::list_rows(area);
    let rows = state.rows();
    let start = state.offset.min(rows.len());
    let end = (start + page).min(rows.len());
    let search = Search::new(&state.search);
    let body: Vec<Row> = rows[start..end]
        .iter()
        .filter_map(|&r| state.catalog.get(r))
        .map(|s| {
            Row::new(cols.iter().zip(rects.iter()).map(|(c, rect)| {
                let width = usize::from(rect.width);
                if c.title == "Name" {
                    return Cell::from(name_line(&s.name, &search, width));
                }
                let text = truncate(&cell_text(c.title, s), width);
                let line = Line::from(text);
                let line = if c.right { line.right_aligned() } else { line };
                if c.title.is_empty() {
                    Cell::from(line).style(theme::in_space())
                } else {
                    Cell::from(line)
                }
            }))
        })
        .collect();

    let empty = rows.is_empty();
    let table = Table::new(body, widths)
        .header(header)
        .column_spacing(1)
        .block(block)
        .row_highlight_style(theme::selected());
    let mut table_state = TableState::default();
    if !empty {
        table_state.select(Some(
            state
                .cursor
                .saturating_sub(start)
                .min(end.saturating_sub(start + 1)),
        ));
    }
    frame.render_stateful_widget(table, area, &mut table_state);
    if empty && inner.height > 1 {
        let msg = if state.catalog.is_empty() {
            "loading…"
        } else {
            "no spacecraft match"
        };
        let line = Line::styled(msg, theme::dim());
        frame.render_widget(
            line,
            Rect {
                y: inner.y + 1,
                height: 1,
                ..inner
            },
        );
    }
}
