//! The detail pane: everything known of the spacecraft on screen, the
//! configuration included once the detailed record has loaded.

use super::picture::Pane;
use super::{doc, theme};
use crate::app::layout::Areas;
use crate::app::{Focus, Loadable, Mode, State};
use crate::ui::keys::Keymap;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, BorderType, Paragraph};
use ratatui::Frame;

pub fn draw(frame: &mut Frame, areas: &Areas, area: Rect, state: &State, keymap: &Keymap) {
    let focused = state.places.focus == Focus::Detail && state.mode == Mode::Normal;
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(theme::border(focused));
    let width = areas.text_width(area);
    let id = state.current_spacecraft_id();
    let mut text = match id.and_then(|id| state.spacecraft(id)) {
        Some(s) => {
            let parts = crate::doc::spacecraft_in_pane(s, areas.picture.is_some());
            doc::lines(&parts, width, None)
        }
        None => vec![Line::styled("nothing selected", theme::dim())],
    };
    if let Some(next) = id.and_then(|id| state.planned.next_of(id)) {
        let line = crate::doc::next::next_flight_line(next);
        text.insert(1.min(text.len()), Line::styled(line, theme::planned()));
    }
    if let (Some(id), Some(_)) = (id, state.screen().spacecraft()) {
        match state.loaded.details.get(&id) {
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
    // `update` keeps the scroll within the text (`State::scroll_max`).
    let text = Paragraph::new(text).scroll((state.places.detail_scroll, 0));
    let pane = Pane {
        area,
        block,
        title: " Detail ",
        text,
    };
    super::picture::pane(frame, areas, pane, state, keymap);
}
