//! The spacecraft list: only the rows on screen are laid out, whatever the catalog's size.

use super::{put_line, theme};
use crate::app::layout;
use crate::app::{Focus, Level, Mode, State};
use crate::doc::truncate;
use crate::search::query::OrderField;
use crate::search::Highlighter;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType};
use ratatui::Frame;

/// The list's columns, as the flights pane names its own.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Col {
    /// `●` for a spacecraft in space, `◇` for one with a planned flight.
    InSpaceMark,
    Name,
    Configuration,
    Status,
    Flights,
    TimeInSpace,
}

impl Col {
    fn title(self) -> &'static str {
        match self {
            Col::InSpaceMark => "",
            Col::Name => "Name",
            Col::Configuration => "Configuration",
            Col::Status => "Status",
            Col::Flights => "Flights",
            Col::TimeInSpace => "In space",
        }
    }

    fn width(self) -> Constraint {
        match self {
            Col::InSpaceMark => Constraint::Length(1),
            Col::Name => Constraint::Fill(3),
            Col::Configuration => Constraint::Fill(2),
            Col::Status => Constraint::Length(10),
            Col::Flights => Constraint::Length(8),
            Col::TimeInSpace => Constraint::Length(10),
        }
    }

    /// Numbers align right.
    fn right(self) -> bool {
        matches!(self, Col::Flights | Col::TimeInSpace)
    }

    /// The ordering the column shows, for the header's arrow.
    fn field(self) -> Option<OrderField> {
        match self {
            Col::Name => Some(OrderField::Name),
            Col::Flights => Some(OrderField::FlightsCount),
            Col::TimeInSpace => Some(OrderField::TimeInSpace),
            _ => None,
        }
    }

    fn text(self, s: &crate::api::Spacecraft) -> String {
        match self {
            Col::InSpaceMark => if s.in_space == Some(true) { "●" } else { " " }.into(),
            Col::Name => s.name.clone(),
            Col::Configuration => s.config_name().unwrap_or("-").into(),
            Col::Status => s.status_name().unwrap_or("-").into(),
            Col::Flights => s.flights_count.map_or("-".into(), |n| n.to_string()),
            Col::TimeInSpace => s.time_in_space.map_or("-".into(), |d| d.human()),
        }
    }
}

/// Narrow panes drop the configuration, then the status, then the flights.
fn columns(inner_width: u16) -> Vec<Col> {
    let mut cols = vec![Col::InSpaceMark, Col::Name];
    if inner_width >= 60 {
        cols.push(Col::Configuration);
    }
    if inner_width >= 75 {
        cols.push(Col::Status);
    }
    if inner_width >= 45 {
        cols.push(Col::Flights);
    }
    cols.push(Col::TimeInSpace);
    cols
}

/// The name cut to `width`, with the search's matches highlighted.
fn name_line(name: &str, highlighter: &mut Highlighter, width: usize) -> Line<'static> {
    let cut = truncate(name, width);
    let mask = highlighter.mask(name);
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

/// Writes `line` into `rect` on row `y`, flush right when `right`.
fn put(buf: &mut Buffer, rect: Rect, y: u16, line: &Line, right: bool) {
    let width = u16::try_from(line.width())
        .unwrap_or(u16::MAX)
        .min(rect.width);
    let x = if right { rect.right() - width } else { rect.x };
    put_line(buf, x, y, line, width);
}

/// Rows are written straight into the buffer: a `Table` widget re-solves its
/// column layout and builds a cell tree on every frame, which was half the
/// cost of a keystroke at 603 rows.
pub fn draw(frame: &mut Frame, area: Rect, state: &State) {
    let focused = state.places.focus == Focus::List && state.mode != Mode::Help;
    let order = state.order();
    let arrow = if order.descending { "↓" } else { "↑" };
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(theme::border(focused))
        .title(Line::styled(" Spacecraft ", theme::title()));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.is_empty() {
        return;
    }
    let cols = columns(inner.width);
    let rects = Layout::horizontal(cols.iter().map(|c| c.width()))
        .spacing(1)
        .split(inner);
    let buf = frame.buffer_mut();

    buf.set_style(Rect { height: 1, ..inner }, theme::header());
    for (c, rect) in cols.iter().zip(rects.iter()) {
        let mut title = c.title().to_string();
        if c.field() == Some(order.field) {
            title.push_str(arrow);
        }
        let title = truncate(&title, usize::from(rect.width));
        put(buf, *rect, inner.y, &Line::from(title), c.right());
    }

    let page = layout::list_rows(area);
    let rows = state.rows();
    let start = state.list.offset.min(rows.len());
    let end = (start + page).min(rows.len());
    let mut highlighter = Highlighter::new(&state.list.search, state.search_mode());
    let visible = rows[start..end]
        .iter()
        .filter_map(|&r| state.list.catalog.get(r));
    for (i, s) in visible.enumerate() {
        let Some(y) = u16::try_from(i + 1)
            .ok()
            .map(|dy| inner.y + dy)
            .filter(|&y| y < inner.bottom())
        else {
            break;
        };
        for (c, rect) in cols.iter().zip(rects.iter()) {
            let width = usize::from(rect.width);
            let line = match c {
                Col::Name => name_line(&s.name, &mut highlighter, width),
                Col::InSpaceMark
                    if s.in_space != Some(true) && state.planned.next_of(s.id).is_some() =>
                {
                    Line::styled(truncate("◇", width), theme::planned())
                }
                Col::InSpaceMark => Line::styled(truncate(&c.text(s), width), theme::in_space()),
                _ => Line::from(truncate(&c.text(s), width)),
            };
            put(buf, *rect, y, &line, c.right());
        }
        if start + i == state.list.cursor.min(end.saturating_sub(1)) {
            buf.set_style(
                Rect {
                    y,
                    height: 1,
                    ..inner
                },
                theme::selected(),
            );
        }
    }

    if rows.is_empty() && inner.height > 1 {
        let failed = state
            .notice
            .as_ref()
            .is_some_and(|n| n.level == Level::Error);
        let msg = if state.list.catalog.is_empty() && (state.net.loading.is_some() || !failed) {
            "loading…"
        } else if state.list.catalog.is_empty() {
            "no spacecraft to show"
        } else {
            "no spacecraft match"
        };
        let line = Line::styled(msg, theme::dim());
        buf.set_line(inner.x, inner.y + 1, &line, inner.width);
    }
}
