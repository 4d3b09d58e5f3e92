//! One flight in full: launch, crews, docking events, landing.

use super::{doc, theme};
use crate::app::action::Command;
use crate::app::{Mode, State};
use crate::ui::keys::Keymap;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, BorderType, Paragraph};
use ratatui::Frame;

pub fn draw(frame: &mut Frame, area: Rect, state: &State, keymap: &Keymap) {
    let hint = keymap.hint(
        Mode::Normal,
        &[
            (&[Command::Back], "back"),
            (&[Command::OpenWeb], "web page"),
            (&[Command::Copy], "copy name"),
        ],
    );
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(theme::border(true))
        .title(Line::styled(" Flight ", theme::title()))
        .title_bottom(Line::styled(format!(" {hint} "), theme::dim()));
    let text = match state.selected_flight() {
        Some(f) => doc::lines(
            &crate::doc::flight(f, state.now),
            area.width.saturating_sub(2),
        ),
        None => vec![Line::styled(
            "this flight is no longer loaded",
            theme::dim(),
        )],
    };
    // `update` keeps the scroll within the text (`State::scroll_max`).
    frame.render_widget(
        Paragraph::new(text)
            .block(block)
            .scroll((state.flight_scroll, 0)),
        area,
    );
}
