//! The pane of a record opened from a link: a flight (launch, crews,
//! docking events, landing), an astronaut, a space station, a launch. Its
//! links are selectable rows; Enter follows the selected one.

use super::picture::Pane;
use super::{doc, theme};
use crate::app::layout::Areas;
use crate::app::{Loadable, Screen, State};
use crate::ui::keys::{Hinted, Keymap};
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, BorderType, Paragraph};
use ratatui::Frame;

pub fn draw(frame: &mut Frame, areas: &Areas, area: Rect, state: &State, keymap: &Keymap) {
    let hint = keymap.hints(Hinted::Record {
        forward: !state.places.history.forward.is_empty(),
    });
    let title = match state.screen() {
        Screen::Record(r) => format!(" {} ", r.title()),
        Screen::Year(_) => " Flights of the year ".to_string(),
        Screen::Next => " Flies next ".to_string(),
        Screen::Changes => " Changes ".to_string(),
        _ => " Flight ".to_string(),
    };
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(theme::border(true))
        .title_bottom(Line::styled(format!(" {hint} "), theme::dim()));
    let width = areas.text_width(area);
    let text = match state.description() {
        Some(parts) => doc::lines(&parts, width, Some(state.places.link)),
        // Wrapped: the reason and what to do are at its end.
        None => crate::doc::wrap(&not_shown(state), usize::from(width))
            .into_iter()
            .map(|row| Line::styled(row, theme::dim()))
            .collect(),
    };
    // `update` keeps the scroll within the text (`State::scroll_max`).
    let text = Paragraph::new(text).scroll((state.places.record_scroll, 0));
    let pane = Pane {
        area,
        block,
        title: &title,
        text,
    };
    super::picture::pane(frame, areas, pane, state, keymap);
}

/// Why there is nothing to show yet.
fn not_shown(state: &State) -> String {
    let Some(r) = state.screen().record() else {
        return String::new();
    };
    match state.loaded.records.get(&r) {
        Some(Loadable::Loading) => format!("loading {r}…"),
        Some(Loadable::Failed(e)) => format!("{r} could not be loaded: {e} (Enter tries again)"),
        Some(Loadable::Deferred(until)) => format!(
            "{r} waits: the request budget's reserve is kept for what you open until {}; Enter loads it now",
            crate::api::error::clock_time(*until)
        ),
        Some(Loadable::Ready(_)) | None => format!("{r} is not loaded"),
    }
}
