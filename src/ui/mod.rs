//! Drawing: a pure function of the state. One file per pane.

pub mod detail;
pub mod doc;
pub mod filters;
pub mod flights;
pub mod help;
pub mod keys;
pub mod list;
pub mod now;
pub mod picture;
pub mod record;
pub mod stats;
pub mod status;
pub mod theme;
pub mod tui;

use crate::app::layout;
use crate::app::{Mode, State};
use crate::doc::{field_room, wrap, LABEL_WIDTH};
use crate::ui::keys::Keymap;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::text::Span;
use ratatui::widgets::{Clear, Paragraph, Wrap};
use ratatui::Frame;

/// Draws the whole screen; `keymap` (the keys in force) writes the help and the hints.
pub fn draw(frame: &mut Frame, state: &State, keymap: &Keymap) {
    let area = frame.area();
    let areas = layout::areas(area, state);
    if areas.too_small {
        let text = format!(
            "terminal too small: {}×{} (hangar needs {}×{})",
            area.width,
            area.height,
            layout::MIN_WIDTH,
            layout::MIN_HEIGHT
        );
        frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), area);
        return;
    }
    status::draw_title(frame, areas.title, state);
    if areas.list.area() > 0 {
        list::draw(frame, areas.list, state);
    }
    if let Some(detail) = areas.detail {
        detail::draw(frame, &areas, detail, state, keymap);
    }
    if let Some(flights) = areas.flights {
        flights::draw(frame, flights, state, keymap);
    }
    if let Some(record) = areas.record {
        match state.screen() {
            crate::app::Screen::Now => now::draw(frame, record, state, keymap),
            crate::app::Screen::Charts => draw_charts(frame, record, state, keymap),
            _ => record::draw(frame, &areas, record, state, keymap),
        }
    }
    if let Some(notice) = areas.notice {
        status::draw_notice(frame, notice, state);
    }
    if let Some(search) = areas.search {
        status::draw_search(frame, search, state, keymap);
    }
    status::draw_status(frame, areas.status, state, keymap);
    match state.mode {
        Mode::Help => help::draw(frame, area, state, keymap),
        Mode::Filter => filters::draw(frame, area, state, keymap),
        Mode::Normal | Mode::Search => {}
    }
}

/// The charts screen: the chart shown, and its keys on the bottom border.
fn draw_charts(frame: &mut Frame, area: Rect, state: &State, keymap: &Keymap) {
    let Some((stats, _)) = &state.charts.stats else {
        let block = ratatui::widgets::Block::bordered()
            .border_type(ratatui::widgets::BorderType::Rounded)
            .title(Line::styled(" Charts ", theme::title()));
        let text = Line::styled("counting the catalog and the synced flights…", theme::dim());
        frame.render_widget(Paragraph::new(text).block(block), area);
        return;
    };
    stats::draw(
        frame,
        area,
        stats,
        state.charts.chart,
        state.places.link,
        state.charts.by_agency,
    );
    let hint = keymap.hints(keys::Hinted::Charts);
    if area.height > 2 && area.width > 4 {
        let line = Rect::new(area.x + 2, area.bottom() - 1, area.width - 4, 1);
        let text = crate::doc::truncate(&format!(" {hint} "), usize::from(line.width));
        frame.render_widget(Paragraph::new(Line::styled(text, theme::dim())), line);
    }
}

/// A centred box of at most `width`×`height`, cleared for an overlay.
pub fn popup(frame: &mut Frame, area: Rect, width: u16, height: u16) -> Rect {
    let [row] = Layout::vertical([Constraint::Length(height.min(area.height))])
        .flex(Flex::Center)
        .areas(area);
    let [rect] = Layout::horizontal([Constraint::Length(width.min(area.width))])
        .flex(Flex::Center)
        .areas(row);
    frame.render_widget(Clear, rect);
    rect
}

/// Writes `line` at `(x, y)`, at most `width` columns. Printable ASCII (most
/// of a catalog) goes cell by cell; anything else through ratatui's
/// grapheme-aware `set_line`. Rows of the list are drawn this way every
/// frame, and grapheme segmentation was a fifth of a keystroke's cost.
pub fn put_line(buf: &mut Buffer, x: u16, y: u16, line: &Line, width: u16) {
    let ascii = line
        .spans
        .iter()
        .all(|s| s.content.bytes().all(|b| b == b' ' || b.is_ascii_graphic()));
    let inside = buf.area.contains(ratatui::layout::Position { x, y });
    if !ascii || line.style != Style::default() || !inside {
        buf.set_line(x, y, line, width);
        return;
    }
    let end = x.saturating_add(width).min(buf.area.right());
    let mut at = x;
    for span in &line.spans {
        for c in span.content.chars() {
            if at >= end {
                return;
            }
            buf[(at, y)].set_char(c).set_style(span.style);
            at += 1;
        }
    }
}

/// A label/value field for the detail panes, the value word-wrapped to
/// `width` columns and indented under itself.
pub fn field(label: &str, value: &str, width: u16) -> Vec<Line<'static>> {
    wrap(value, field_room(width))
        .into_iter()
        .enumerate()
        .map(|(i, row)| {
            let head = if i == 0 {
                format!("{label:>18}  ")
            } else {
                " ".repeat(LABEL_WIDTH)
            };
            Line::from(vec![Span::styled(head, theme::label()), Span::raw(row)])
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::doc::truncate;

    #[test]
    fn truncation_counts_display_columns() {
        assert_eq!(truncate("Soyuz MS-19", 20), "Soyuz MS-19");
        assert_eq!(truncate("Soyuz MS-19", 6), "Soyuz…");
        assert_eq!(truncate("神舟十号飞船", 7), "神舟十…");
        assert_eq!(truncate("神舟十号", 8), "神舟十号");
        assert_eq!(truncate("abc", 0), "");
    }

    #[test]
    fn put_line_writes_what_set_line_writes() {
        use ratatui::buffer::Buffer;
        use ratatui::layout::Rect;
        use ratatui::text::{Line, Span};
        let lines = [
            Line::from(vec![
                Span::raw("Soyuz "),
                Span::styled("MS", super::theme::matched()),
            ]),
            Line::from("神舟十号 wide"),
            Line::from("a line longer than the room it has"),
        ];
        for line in &lines {
            // Cut by the width given, and by the buffer's right edge.
            for (x, width) in [(0, 20), (4, 8), (15, 20)] {
                let area = Rect::new(0, 0, 20, 1);
                let mut ours = Buffer::empty(area);
                let mut theirs = Buffer::empty(area);
                super::put_line(&mut ours, x, 0, line, width);
                theirs.set_line(x, 0, line, width.min(20 - x));
                assert_eq!(ours, theirs, "{line} at {x} in {width}");
            }
        }
    }

    #[test]
    fn wrapping_keeps_paragraphs_and_cuts_long_words() {
        assert_eq!(
            crate::doc::wrap("one two three\n\nfour", 7),
            ["one two", "three", "", "four"]
        );
        assert_eq!(crate::doc::wrap("abcdefghij", 4), ["abc…"]);
    }

    #[test]
    fn long_field_values_wrap_under_themselves() {
        let lines = super::field(
            "Agency",
            "Russian Federal Space Agency (ROSCOSMOS) (RFSA)",
            40,
        );
        let text: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
        assert_eq!(
            text,
            [
                "            Agency  Russian Federal",
                "                    Space Agency",
                "                    (ROSCOSMOS) (RFSA)"
            ]
        );
        assert_eq!(super::field("Serial", "", 40).len(), 1);
    }
}
