//! The `?` overlay: every key, generated from the keymap.

use super::{popup, theme};
use crate::app::{Mode, State};
use crate::ui::keys::{Hinted, Keymap};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Paragraph};
use ratatui::Frame;

pub fn lines(keymap: &Keymap) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    for (title, mode) in [
        ("List", Mode::Normal),
        ("Search line", Mode::Search),
        ("Filter panel", Mode::Filter),
        ("This help", Mode::Help),
    ] {
        if !out.is_empty() {
            out.push(Line::default());
        }
        out.push(Line::styled(title, theme::title()));
        for (keys, help) in keymap.help_lines(mode) {
            out.push(Line::from(vec![
                Span::styled(format!("  {keys:<16}"), theme::label()),
                Span::raw(help),
            ]));
        }
    }
    out.push(Line::default());
    out.push(Line::styled(
        "Mouse: the wheel scrolls the pane under the pointer; a click selects a row.",
        theme::dim(),
    ));
    out
}

pub fn draw(frame: &mut Frame, area: Rect, state: &State, keymap: &Keymap) {
    let text = lines(keymap);
    let height = (text.len() as u16 + 2).min(area.height.saturating_sub(2));
    let rect = popup(frame, area, 78, height);
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(theme::border(true))
        .title(Line::styled(
            format!(" Keys ({}) ", keymap.hints(Hinted::HelpScreen)),
            theme::title(),
        ));
    // `update` keeps the scroll within the text (`State::scroll_max`).
    frame.render_widget(
        Paragraph::new(text)
            .block(block)
            .scroll((state.help_scroll, 0)),
        rect,
    );
}
