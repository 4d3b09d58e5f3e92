//! The detail pane: everything known of the spacecraft on screen, the
//! configuration included once the detailed record has loaded.

use super::{doc, theme};
use crate::app::{Focus, Loadable, Mode, Screen, State};
use crate::ui::keys::Keymap;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, BorderType, Paragraph};
use ratatui::Frame;

pub fn draw(frame: &mut Frame, area: Rect, state: &State, keymap: &Keymap) {
    let focused = state.focus == Focus::Detail && state.mode == Mode::Normal;
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(theme::border(focused))
        .title(Line::styled(" Detail ", theme::title()));
    let width = state.text_width(area);
    let id = state.current_spacecraft_id();
    let mut text = match id.and_then(|id| state.spacecraft(id)) {
        Some(s) => doc::lines(&state.spacecraft_doc(s), width, None),
        None => vec![Line::styled("nothing selected", theme::dim())],
    };
    if let (Some(id), Screen::Spacecraft(_)) = (id, state.screen()) {
        match state.details.get(&id) {
            Some(Loadable::Loading) => {
                text.insert(1, Line::styled("loading the full record…", theme::label()))
            }
            Some(Loadable::Failed(e)) => text.insert(
                1,
                Line::styled(format!("full record unavailable: {e}"), theme::warning()),
            ),
            _ => {}
        }
    }
    let picture = state.picture_areas().filter(|p| p.pane == area);
    let text_area = picture.map_or(block.inner(area), |p| p.text);
    frame.render_widget(block, area);
    // `update` keeps the scroll within the text (`State::scroll_max`).
    frame.render_widget(
        Paragraph::new(text).scroll((state.detail_scroll, 0)),
        text_area,
    );
    if let Some(at) = picture {
        super::picture::draw(frame, at, state, keymap);
    }
}
