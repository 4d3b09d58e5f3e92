//! The `f` panel: in space, placeholder, status and configuration filters.

use super::{popup, theme};
use crate::app::{State, FILTER_ROWS};
use crate::doc::truncate;
use crate::ui::keys::{Hinted, Keymap};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Paragraph};
use ratatui::Frame;

pub fn draw(frame: &mut Frame, area: Rect, state: &State, keymap: &Keymap) {
    let rect = popup(frame, area, 52, FILTER_ROWS.len() as u16 + 4);
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(theme::border(true))
        .title(Line::styled(" Filters ", theme::title()));
    let value_width = usize::from(rect.width.saturating_sub(22));
    let mut lines: Vec<Line> = FILTER_ROWS
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let value = truncate(&state.list.filters.value(i), value_width);
            let style = if i == state.list.filter_row {
                theme::selected()
            } else {
                Default::default()
            };
            Line::from(vec![
                Span::styled(format!(" {name:<14}"), theme::label()),
                Span::styled(format!("◂ {value} ▸"), style),
            ])
        })
        .collect();
    lines.push(Line::default());
    let hint = keymap.hints(Hinted::FilterPanel);
    lines.push(Line::styled(format!(" {hint}"), theme::dim()));
    frame.render_widget(Paragraph::new(lines).block(block), rect);
}
