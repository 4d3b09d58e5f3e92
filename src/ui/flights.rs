//! The flights pane: each flight a row, its bar on a shared time axis beside
//! the launch date, name, destination, duration, docked time and landing.

use super::theme;
use crate::api::Flight;
use crate::app::action::Command;
use crate::app::layout;
use crate::app::{Focus, Loadable, Mode, Screen, State};
use crate::doc::net::{flight_phase, Net};
use crate::doc::timeline::{self, Bar, Timeline};
use crate::doc::truncate;
use crate::doc::{dur, utc};
use crate::ui::keys::Keymap;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Paragraph, Wrap};
use ratatui::Frame;

#[derive(Clone, Copy, PartialEq)]
enum Col {
    Launch,
    Name,
    Destination,
    Duration,
    Docked,
    Landing,
    Axis,
}

/// Narrow panes keep the date and the bar; wider ones add the rest.
fn columns(width: u16) -> Vec<(Col, Constraint)> {
    use Col::*;
    let axis = match width {
        100.. => Constraint::Percentage(30),
        60.. => Constraint::Percentage(38),
        _ => Constraint::Fill(1),
    };
    let mut cols = vec![(Launch, Constraint::Length(10))];
    if width >= 60 {
        cols.push((Name, Constraint::Fill(2)));
    }
    if width >= 100 {
        cols.push((Destination, Constraint::Fill(1)));
    }
    if width >= 60 {
        cols.push((Duration, Constraint::Length(8)));
    }
    if width >= 100 {
        cols.push((Docked, Constraint::Length(8)));
        cols.push((Landing, Constraint::Length(10)));
    }
    cols.push((Axis, axis));
    cols
}

fn title(col: Col) -> &'static str {
    match col {
        Col::Launch => "Launch",
        Col::Name => "Name",
        Col::Destination => "Destination",
        Col::Duration => "Duration",
        Col::Docked => "Docked",
        Col::Landing => "Landing",
        Col::Axis => "",
    }
}

fn cell(col: Col, f: &Flight, state: &State) -> String {
    let planned = flight_phase(f, state.now).is_planned();
    match col {
        // The NET as far as it is known: `2027-02-15`, `Q1 2027`.
        Col::Launch if planned => {
            let when = f
                .launch
                .as_ref()
                .map_or_else(String::new, |l| Net::of(l).when());
            // The day of a NET known to the day or finer fits the column.
            match when.split_once(' ') {
                Some((day, _)) if day.len() == 10 && day.as_bytes()[4] == b'-' => day.to_string(),
                _ => when,
            }
        }
        Col::Launch => utc(f.launch_time()).chars().take(10).collect(),
        Col::Duration if planned => "planned".into(),
        Col::Name => f
            .launch
            .as_ref()
            .and_then(|l| l.name.clone())
            .unwrap_or_else(|| format!("flight {}", f.id)),
        Col::Destination => f.destination.clone().unwrap_or_else(|| "-".into()),
        Col::Duration => dur(f.duration()),
        Col::Docked if f.docking_events.is_empty() => "-".into(),
        Col::Docked => f.time_docked(state.now).human(),
        Col::Landing => f.landing.as_ref().map_or("-", |l| l.outcome()).into(),
        Col::Axis => String::new(),
    }
}

/// The bar as characters: `├──█████──┤`, `●` for a lone launch, `▶` while
/// in flight; a planned flight `◇┄┄┄` from its NET across the span the NET
/// may fall in.
pub fn bar_line(bar: &Bar, width: u16) -> Line<'static> {
    if width == 0 {
        return Line::default();
    }
    let mut cells: Vec<(char, Style)> = vec![(' ', Style::default()); usize::from(width)];
    let last = cells.len() - 1;
    let (start, end) = (
        usize::from(bar.start).min(last),
        usize::from(bar.end).min(last),
    );
    if bar.planned {
        for c in &mut cells[start..=end] {
            *c = ('┄', theme::planned());
        }
        cells[start].0 = '◇';
        return spans_of(cells);
    }
    for c in &mut cells[start..=end] {
        *c = ('─', theme::flight_bar());
    }
    for &(a, b) in &bar.docked {
        for c in &mut cells[usize::from(a).min(end)..=usize::from(b).min(end)] {
            *c = ('█', theme::docked());
        }
    }
    if start == end {
        // One column: docked wins, then a lone launch, then a short flight.
        if cells[start].0 != '█' {
            cells[start] = (if bar.open_ended { '●' } else { '│' }, theme::flight_bar());
        }
    } else {
        cells[start].0 = if cells[start].0 == '█' {
            '█'
        } else {
            '├'
        };
        if !bar.ongoing && cells[end].0 != '█' {
            cells[end].0 = '┤';
        }
    }
    if bar.ongoing {
        cells[end] = ('▶', theme::ongoing());
    }
    spans_of(cells)
}

/// Runs of one style as one span each.
fn spans_of(cells: Vec<(char, Style)>) -> Line<'static> {
    let mut spans: Vec<Span<'static>> = Vec::new();
    for (c, style) in cells {
        match spans.last_mut() {
            Some(last) if last.style == style => last.content.to_mut().push(c),
            _ => spans.push(Span::styled(c.to_string(), style)),
        }
    }
    Line::from(spans)
}

/// Year labels at their columns.
pub fn axis_line(t: &Timeline) -> Line<'static> {
    let mut text: Vec<char> = vec![' '; usize::from(t.width)];
    for &(col, year) in &t.years {
        for (i, ch) in year.to_string().chars().enumerate() {
            if let Some(slot) = text.get_mut(usize::from(col) + i) {
                *slot = ch;
            }
        }
    }
    Line::styled(text.into_iter().collect::<String>(), theme::dim())
}

fn message(frame: &mut Frame, block: Block, area: Rect, text: &str, style: Style) {
    frame.render_widget(
        Paragraph::new(Line::styled(text.to_string(), style))
            .wrap(Wrap { trim: true })
            .block(block),
        area,
    );
}

pub fn draw(frame: &mut Frame, area: Rect, state: &State, keymap: &Keymap) {
    let id = state.current_spacecraft_id();
    let focused = state.places.focus == Focus::Flights
        && state.mode == Mode::Normal
        && state.screen() != Screen::List;
    let count = id.and_then(|id| state.flights_of(id)).map(<[Flight]>::len);
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(theme::border(focused))
        .title(Line::styled(
            match count {
                Some(n) => format!(" Flights ({n}) "),
                None => " Flights ".into(),
            },
            theme::title(),
        ))
        .title_bottom(Line::styled(
            if id
                .and_then(|id| state.flights_of(id))
                .is_some_and(|fs| fs.iter().any(|f| flight_phase(f, state.now).is_planned()))
            {
                " ─ flight  █ docked  ▶ in flight  ◇┄ planned "
            } else {
                " ─ flight  █ docked  ▶ in flight "
            },
            theme::dim(),
        ));
    let Some(id) = id else {
        return message(frame, block, area, "", Style::default());
    };
    let flights = match state.loaded.flights.get(&id) {
        None => {
            let hint = match keymap.key_for(Mode::Normal, Command::Open) {
                Some(key) => format!("{key} opens the spacecraft and its flights"),
                None => String::new(),
            };
            return message(frame, block, area, &hint, theme::dim());
        }
        Some(Loadable::Loading) => {
            return message(frame, block, area, "loading flights…", theme::label())
        }
        Some(Loadable::Failed(e)) => {
            return message(
                frame,
                block,
                area,
                &format!("cannot load the flights: {e}"),
                theme::error(),
            )
        }
        Some(Loadable::Deferred(until)) => {
            let reserve = state.net.budget.map_or(0, |b| b.reserve);
            let text =
                format!(
                "flights not loaded yet: the budget's last {reserve} requests are kept for what \
                 you open. {} loads them now; background loading goes on at {}.",
                keymap.key_for(Mode::Normal, Command::Open).unwrap_or_else(|| "open".into()),
                crate::api::error::clock_time(*until)
            );
            return message(frame, block, area, &text, theme::dim());
        }
        Some(Loadable::Ready(f)) => &f.value.records,
    };
    if flights.is_empty() {
        return message(frame, block, area, "no flights yet", theme::dim());
    }
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.height < 2 || inner.width < 12 {
        return;
    }
    let cols = columns(inner.width);
    let rects = Layout::horizontal(cols.iter().map(|(_, c)| *c))
        .spacing(1)
        .split(inner);
    let axis_width = rects[cols.len() - 1].width;
    let in_space = state.spacecraft(id).and_then(|s| s.in_space);
    let timeline = timeline::layout(flights, axis_width, state.now, in_space);

    let buf = frame.buffer_mut();
    for ((col, _), rect) in cols.iter().zip(rects.iter()) {
        let line = match (col, &timeline) {
            (Col::Axis, Some(t)) => axis_line(t),
            _ => Line::styled(title(*col), theme::header()),
        };
        put(buf, *rect, inner.y, line);
    }
    let cursor = state.places.flight_cursor(id).min(flights.len() - 1);
    let first = layout::first_row(area, cursor);
    let rows = usize::from(inner.height - 1);
    for (i, f) in flights.iter().enumerate().skip(first).take(rows) {
        let y = inner.y + 1 + (i - first) as u16;
        for ((col, _), rect) in cols.iter().zip(rects.iter()) {
            let line = if *col == Col::Axis {
                let bar = timeline
                    .as_ref()
                    .and_then(|t| t.bars.iter().find(|b| b.flight == i));
                bar.map_or_else(
                    || Line::styled(timeline::why_no_bar(f), theme::dim()),
                    |b| bar_line(b, rect.width),
                )
            } else {
                let (text, width) = (cell(*col, f, state), usize::from(rect.width));
                Line::from(match col {
                    Col::Name => timeline::launch_name(&text, width),
                    _ => truncate(&text, width),
                })
            };
            put(buf, *rect, y, line);
        }
        if i == cursor && state.screen() != Screen::List {
            let style = if focused {
                theme::selected()
            } else {
                theme::title()
            };
            buf.set_style(
                Rect {
                    y,
                    height: 1,
                    ..inner
                },
                style,
            );
        }
    }
}

fn put(buf: &mut Buffer, rect: Rect, y: u16, line: Line) {
    buf.set_line(rect.x, y, &line, rect.width);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bar(start: u16, end: u16, docked: Vec<(u16, u16)>, ongoing: bool, open_ended: bool) -> Bar {
        Bar {
            flight: 0,
            start,
            end,
            docked,
            ongoing,
            open_ended,
            planned: false,
        }
    }

    #[test]
    fn bars_read_as_launch_docked_landing() {
        assert_eq!(
            bar_line(&bar(1, 8, vec![(3, 5)], false, false), 10).to_string(),
            " ├─███──┤ "
        );
        assert_eq!(
            bar_line(&bar(2, 6, vec![], true, false), 8).to_string(),
            "  ├───▶ "
        );
        assert_eq!(
            bar_line(&bar(3, 3, vec![], false, true), 5).to_string(),
            "   ● "
        );
        assert_eq!(
            bar_line(&bar(3, 3, vec![(3, 3)], false, false), 5).to_string(),
            "   █ "
        );
        assert_eq!(
            bar_line(&bar(0, 0, vec![], false, false), 0).to_string(),
            ""
        );
        let planned = Bar {
            planned: true,
            ..bar(4, 7, vec![], false, false)
        };
        assert_eq!(bar_line(&planned, 9).to_string(), "    ◇┄┄┄ ");
        let exact = Bar {
            planned: true,
            ..bar(2, 2, vec![], false, false)
        };
        assert_eq!(bar_line(&exact, 4).to_string(), "  ◇ ");
    }
}
