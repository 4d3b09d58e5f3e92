//! The catalog as charts (issue 13), one at a time, with ratatui's own
//! `BarChart`: flights per year (vertical bars), time in space per
//! configuration, turnarounds, the most-flown spacecraft and the longest
//! flights (horizontal bars, each row's figures written on it).
//!
//! Flights per year is not stacked: `BarChart` has no stacking, and at 80
//! columns sixty years leave one column a year, too narrow for a bar per
//! group. Each year's bar is its total, coloured by the group with the most
//! flights that year and marked with that group's letter (so that it reads
//! without colour too); a legend names the letters, and the line under the
//! axis breaks the selected year down by group.
//!
//! The selected year's bar is drawn reversed; the selected row of a
//! horizontal chart has its name reversed and marked `▶`. Rows past the
//! pane's height scroll to keep the selected one in view.

use super::theme;
use crate::doc::stats::{counted, Stats, CHARTS};
use crate::doc::{truncate, utc};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Bar, BarChart, Block, BorderType, Paragraph, Wrap};
use ratatui::Frame;
use std::ops::Range;
use unicode_width::UnicodeWidthStr;

/// Draws chart `chart` (0..=4, in the order of [`CHARTS`]) of `stats` with
/// its `selected`th bar or row (in the order of [`Stats::target`])
/// highlighted; flights per year by agency when `group_by_agency`, else by
/// configuration family. Out-of-range indices draw the last chart or row.
pub fn draw(
    frame: &mut Frame,
    area: Rect,
    stats: &Stats,
    chart: usize,
    selected: usize,
    group_by_agency: bool,
) {
    let chart = chart.min(CHARTS.len() - 1);
    let rows = stats.rows(chart);
    let selected = selected.min(rows.saturating_sub(1));
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(theme::border(true))
        .title(title(stats, chart, group_by_agency));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.is_empty() {
        return;
    }
    if rows == 0 {
        let why = if stats.flights_used == 0 {
            "No flights to chart: `hangar sync` brings every flight (about 20 requests)."
        } else if chart == 2 {
            "No spacecraft among these flights flew more than once."
        } else {
            "Nothing to chart."
        };
        let text = Paragraph::new(why)
            .style(theme::dim())
            .wrap(Wrap { trim: true });
        frame.render_widget(text, inner);
        return;
    }
    match chart {
        0 => per_year(frame, inner, stats, selected, group_by_agency),
        1 => time_in_space(frame, inner, stats, selected),
        2 => reuse(frame, inner, stats, selected),
        3 => most_flown(frame, inner, stats, selected),
        _ => longest(frame, inner, stats, selected),
    }
}

/// ` 1/5 Flights per year by family · from 640 of 1,218 flights `.
fn title(stats: &Stats, chart: usize, by_agency: bool) -> Line<'static> {
    let mut name = format!(" {}/{} {}", chart + 1, CHARTS.len(), CHARTS[chart]);
    if chart == 0 {
        name += if by_agency {
            " by agency"
        } else {
            " by configuration family"
        };
    }
    let mut spans = vec![Span::styled(name, theme::title())];
    if let Some(basis) = stats.basis() {
        spans.push(Span::styled(format!(" · {basis}"), theme::warning()));
    }
    spans.push(Span::raw(" "));
    Line::from(spans)
}

/// The rows of `len` that fit in `room`, keeping `selected` among them.
fn window(len: usize, room: usize, selected: usize) -> Range<usize> {
    if len <= room {
        return 0..len;
    }
    let start = selected
        .saturating_sub(room.saturating_sub(1))
        .min(len - room);
    start..start + room
}

/// The letter that names group `i` beside its colour.
fn letter(i: usize) -> char {
    char::from(b'a' + (i % 26) as u8)
}

fn per_year(frame: &mut Frame, area: Rect, stats: &Stats, selected: usize, by_agency: bool) {
    let per_year = &stats.flights_per_year;
    let years = &per_year.years;
    let groups = per_year.groups(by_agency);
    let width = usize::from(area.width);

    let mut legend: Vec<(String, Style)> = per_year
        .group_totals(by_agency)
        .iter()
        .zip(groups)
        .enumerate()
        .map(|(i, (n, name))| (format!("{} {name} {n}", letter(i)), theme::group(i)))
        .collect();
    if let Some(top) = years
        .iter()
        .max_by_key(|y| (y.flights, std::cmp::Reverse(y.year)))
    {
        legend.push((
            format!(
                "tallest: {} in {}",
                counted(top.flights.into(), "flight"),
                top.year
            ),
            theme::dim(),
        ));
    }
    if per_year.undated > 0 {
        legend.push((format!("{} undated", per_year.undated), theme::dim()));
    }
    // The legend gives way first when the pane is short: the bars and the
    // selected year's breakdown (which names its groups) matter more.
    let legend = if area.height >= 8 {
        pack(&legend, width, 2)
    } else {
        Vec::new()
    };
    let [legend_area, bars_area, axis_area, detail_area] = Layout::vertical([
        Constraint::Length(legend.len() as u16),
        Constraint::Fill(1),
        Constraint::Length(u16::from(area.height >= 3)),
        Constraint::Length(1),
    ])
    .areas(area);
    frame.render_widget(Paragraph::new(legend), legend_area);

    let (bar_width, gap) = fit(years.len(), width);
    let step = usize::from(bar_width + gap);
    let room = (width + usize::from(gap)) / step;
    let shown = window(years.len(), room, selected);
    let max = years.iter().map(|y| y.flights).max().unwrap_or(0);
    let bars: Vec<Bar> = shown
        .clone()
        .map(|i| {
            let year = &years[i];
            let lead = year.leading(by_agency);
            let style = lead.map_or_else(Style::new, theme::group);
            let mut bar = Bar::new(u64::from(year.flights))
                .text_value(lead.map(letter).unwrap_or(' ').to_string())
                .style(style)
                .value_style(style.add_modifier(Modifier::REVERSED));
            if i == selected {
                bar = bar
                    .style(style.patch(theme::selected()))
                    .value_style(style.add_modifier(Modifier::BOLD));
            }
            bar
        })
        .collect();
    frame.render_widget(
        BarChart::vertical(bars)
            .bar_width(bar_width)
            .bar_gap(gap)
            .max(u64::from(max).max(1)),
        bars_area,
    );

    // Years under their bars, far enough apart to read; decades and the
    // like when every year has its bar.
    let dense = years.len() < 2
        || i32::from(years[years.len() - 1].year) - i32::from(years[0].year) + 1
            == years.len() as i32;
    let every = [
        1usize, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000,
    ]
    .into_iter()
    .find(|k| k * step >= 6)
    .unwrap_or(10000);
    let mut axis = vec![' '; width];
    let mut free_from = 0;
    for (column, i) in shown.clone().enumerate() {
        let year = years[i].year;
        let marked = if dense {
            i64::from(year).rem_euclid(every as i64) == 0
        } else {
            i % every == 0
        };
        let x = column * step;
        let label: Vec<char> = year.to_string().chars().collect();
        if marked && x >= free_from && x + label.len() <= width {
            axis[x..x + label.len()].copy_from_slice(&label);
            free_from = x + label.len() + 1;
        }
    }
    frame.render_widget(
        Paragraph::new(axis.into_iter().collect::<String>()).style(theme::dim()),
        axis_area,
    );

    let year = &years[selected];
    let mut spans = vec![Span::styled(
        format!(
            "▶ {}: {}",
            year.year,
            counted(year.flights.into(), "flight")
        ),
        theme::selected(),
    )];
    for (i, n) in year.counts(by_agency).iter().enumerate() {
        if *n > 0 {
            let name = groups.get(i).map_or("", String::as_str);
            spans.push(Span::raw(" · "));
            spans.push(Span::styled(
                format!("{} {name} {n}", letter(i)),
                theme::group(i),
            ));
        }
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), detail_area);
}

/// Bar width and gap for `n` bars in `width` columns: a gap where there is
/// room for one, wider bars where there is room for them.
fn fit(n: usize, width: usize) -> (u16, u16) {
    if n == 0 || 2 * n > width + 1 {
        return (1, 0);
    }
    let bar_width = ((width + 1) / n).saturating_sub(1).clamp(1, 6);
    (bar_width as u16, 1)
}

/// Legend items packed into at most `lines` lines of `width`.
fn pack(items: &[(String, Style)], width: usize, lines: usize) -> Vec<Line<'static>> {
    let mut out: Vec<Vec<Span<'static>>> = vec![Vec::new()];
    let mut used = 0;
    for (text, style) in items {
        let w = text.width();
        if used > 0 && used + 2 + w > width {
            if out.len() == lines {
                break;
            }
            out.push(Vec::new());
            used = 0;
        }
        if let Some(line) = out.last_mut() {
            if used > 0 {
                line.push(Span::raw("  "));
                used += 2;
            }
            line.push(Span::styled(truncate(text, width), *style));
            used += w;
        }
    }
    out.into_iter().map(Line::from).collect()
}

/// One row of a horizontal chart: its name, the length of its bar, and
/// the figures written on it. Those are ASCII only: `BarChart` places the
/// part past the bar by bytes, and a wider character there would misplace
/// it (or, at the pane's edge, underflow).
struct Row {
    label: String,
    value: u64,
    text: String,
}

/// `rows` as horizontal bars in `area`, scaled to the largest of all of
/// them (so that scrolling keeps the scale), `selected` in view.
fn bars(frame: &mut Frame, area: Rect, rows: &[Row], selected: Option<usize>) {
    if area.is_empty() {
        return;
    }
    let shown = window(rows.len(), usize::from(area.height), selected.unwrap_or(0));
    let room = (usize::from(area.width) / 3).clamp(8, 32);
    let label_width = rows
        .iter()
        .map(|r| r.label.width())
        .max()
        .unwrap_or(0)
        .min(room - 2);
    let max = rows.iter().map(|r| r.value).max().unwrap_or(0).max(1);
    let bars: Vec<Bar> = shown
        .map(|i| {
            let row = &rows[i];
            let chosen = selected == Some(i);
            let name = truncate(&row.label, label_width);
            let pad = " ".repeat(label_width.saturating_sub(name.width()));
            let label = format!("{}{name}{pad}", if chosen { "▶ " } else { "  " });
            // Reversed, the figures written on the bar leave its length
            // visible behind them, in colour and without.
            let on_bar = theme::flight_bar().add_modifier(Modifier::REVERSED);
            let bar = Bar::new(row.value).text_value(row.text.clone());
            if chosen {
                bar.label(Line::styled(label, theme::selected()))
                    .value_style(on_bar.add_modifier(Modifier::BOLD))
            } else {
                bar.label(Line::raw(label)).value_style(on_bar)
            }
        })
        .collect();
    frame.render_widget(
        BarChart::horizontal(bars)
            .bar_width(1)
            .bar_gap(0)
            .max(max)
            .bar_style(theme::flight_bar()),
        area,
    );
}

/// A dim line of explanation above or below a chart.
fn note(frame: &mut Frame, area: Rect, text: String) {
    frame.render_widget(
        Paragraph::new(truncate(&text, usize::from(area.width))).style(theme::dim()),
        area,
    );
}

/// A header line, the bars, and a footer line when there is room for all three.
fn framed(area: Rect, footer: bool) -> [Rect; 3] {
    let spare = area.height >= 4;
    Layout::vertical([
        Constraint::Length(u16::from(spare)),
        Constraint::Fill(1),
        Constraint::Length(u16::from(spare && footer)),
    ])
    .areas(area)
}

fn secs(d: crate::api::Dur) -> u64 {
    u64::try_from(d.secs()).unwrap_or(0)
}

fn time_in_space(frame: &mut Frame, area: Rect, stats: &Stats, selected: usize) {
    let t = &stats.time_in_space;
    let rows: Vec<Row> = t
        .configurations
        .iter()
        .map(|c| Row {
            label: c.configuration.clone(),
            value: secs(c.total),
            text: format!(
                "{}, {}, {} spacecraft",
                c.total.human(),
                counted(c.flights.into(), "flight"),
                c.spacecraft
            ),
        })
        .collect();
    let mut footer = Vec::new();
    if t.more > 0 {
        footer.push(format!("{} more", counted(t.more as u64, "configuration")));
    }
    if t.unknown > 0 {
        footer.push(format!(
            "{} of unknown duration left out",
            counted(t.unknown as u64, "flight")
        ));
    }
    let [head, chart, foot] = framed(area, !footer.is_empty());
    note(
        frame,
        head,
        format!(
            "Sum of flight durations, in flight to now · all configurations: {}",
            t.total.human()
        ),
    );
    bars(frame, chart, &rows, Some(selected));
    note(frame, foot, footer.join(" · "));
}

fn reuse(frame: &mut Frame, area: Rect, stats: &Stats, selected: usize) {
    let r = &stats.reuse;
    let configurations: Vec<Row> = r
        .configurations
        .iter()
        .map(|c| Row {
            label: c.configuration.clone(),
            value: secs(c.median),
            text: format!(
                "{} median, {} to {}, {} in {} spacecraft",
                c.median.human(),
                c.min.human(),
                c.max.human(),
                counted(c.turnarounds.into(), "turnaround"),
                c.spacecraft
            ),
        })
        .collect();
    let fastest: Vec<Row> = r
        .fastest
        .iter()
        .map(|t| Row {
            label: t.name.clone(),
            value: secs(t.time),
            text: format!(
                "{}, flight {} to {}",
                t.time.human(),
                t.from_flight,
                t.to_flight
            ),
        })
        .collect();
    // Each section a heading and its rows; when both do not fit, each gets
    // half the pane, and what one leaves the other takes.
    let height = usize::from(area.height);
    let (need_a, need_b) = (configurations.len() + 1, fastest.len() + 1);
    let a = if need_a + need_b <= height {
        need_a
    } else {
        need_a.min(height.saturating_sub(need_b.min(height / 2)))
    };
    let [top, bottom] =
        Layout::vertical([Constraint::Length(a as u16), Constraint::Fill(1)]).areas(area);
    let split = |r: Rect| -> [Rect; 2] {
        Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(r)
    };
    let ([head_a, rows_a], [head_b, rows_b]) = (split(top), split(bottom));
    let in_a = selected < configurations.len();
    note(
        frame,
        head_a,
        "Turnaround per configuration, landing to next launch: bar = median".into(),
    );
    bars(frame, rows_a, &configurations, in_a.then_some(selected));
    note(
        frame,
        head_b,
        format!("The {} fastest turnarounds", fastest.len()),
    );
    let in_b = selected.checked_sub(configurations.len());
    bars(frame, rows_b, &fastest, in_b);
}

fn most_flown(frame: &mut Frame, area: Rect, stats: &Stats, selected: usize) {
    let rows: Vec<Row> = stats
        .most_flown
        .iter()
        .map(|f| {
            let mut text = counted(f.flights.into(), "flight");
            if let Some(n) = f.catalog_flights.filter(|n| *n != f.flights) {
                text += &format!(" (the catalog says {n})");
            }
            Row {
                label: format!("{} ({})", f.name, f.configuration),
                value: u64::from(f.flights),
                text,
            }
        })
        .collect();
    let [head, chart, _] = framed(area, false);
    note(frame, head, "Flights in the sync, per spacecraft".into());
    bars(frame, chart, &rows, Some(selected));
}

fn longest(frame: &mut Frame, area: Rect, stats: &Stats, selected: usize) {
    let rows: Vec<Row> = stats
        .longest_flights
        .iter()
        .map(|f| {
            let launch: String = utc(f.launch).chars().take(10).collect();
            Row {
                label: f.name.clone(),
                value: secs(f.duration),
                text: format!(
                    "{}, flight {}, {launch}{}",
                    f.duration.human(),
                    f.flight_id,
                    if f.ongoing { ", in flight" } else { "" }
                ),
            }
        })
        .collect();
    let [head, chart, _] = framed(area, false);
    note(
        frame,
        head,
        "Single flights, launch to landing (in flight: to now)".into(),
    );
    bars(frame, chart, &rows, Some(selected));
}
