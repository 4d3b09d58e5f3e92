//! The picture beside a record's fields (a spacecraft, an astronaut, a
//! station), with its credit and licence under it; while it loads, or when
//! it cannot be had, a short line says so in its place.

use super::theme;
use crate::app::action::Command;
use crate::app::layout::{Areas, PictureAreas};
use crate::app::pictures::Shown;
use crate::app::{Mode, State};
use crate::doc::{truncate, wrap};
use crate::ui::keys::Keymap;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph};
use ratatui::Frame;

/// A detail or record pane: its block, its text, and beside the text the
/// pane's picture, if it has one.
pub fn pane(
    frame: &mut Frame,
    areas: &Areas,
    area: Rect,
    block: Block,
    text: Paragraph,
    state: &State,
    keymap: &Keymap,
) {
    let picture = areas.picture.filter(|p| p.pane == area);
    let text_area = picture.map_or(block.inner(area), |p| p.text);
    frame.render_widget(block, area);
    frame.render_widget(text, text_area);
    if let Some(at) = picture {
        draw(frame, at, state, keymap);
    }
}

fn draw(frame: &mut Frame, at: PictureAreas, state: &State, keymap: &Keymap) {
    let Some(image) = state.shown_image() else {
        return;
    };
    let width = usize::from(at.picture.width);
    // The picture, or a line in its place, at the top of the slot; the
    // credit always under the slot, so nothing moves when a picture arrives.
    match state.pictures.current.as_ref().map(|(_, s)| s) {
        Some(Shown::Ready(picture)) => {
            let area = Rect::new(
                at.picture.x,
                at.picture.y,
                picture.area.0.min(at.picture.width),
                picture.area.1.min(at.picture.height),
            );
            frame.render_widget(ratatui_image::Image::new(&picture.protocol), area);
        }
        Some(Shown::Failed(missing)) => {
            let rows: Vec<Line> = wrap(&format!("no picture: {}", missing.reason), width)
                .into_iter()
                .take(usize::from(at.picture.height))
                .map(|row| Line::styled(row, theme::warning()))
                .collect();
            frame.render_widget(Paragraph::new(rows), at.picture);
        }
        Some(Shown::Loading) | None => {
            let text = truncate("loading the picture…", width);
            frame.render_widget(Paragraph::new(Line::styled(text, theme::dim())), at.picture);
        }
    }
    let credit = image.credit.as_deref().unwrap_or("credit unknown");
    let licence = match image.license.as_ref().and_then(|l| l.name.as_deref()) {
        None | Some("Unknown") => "licence unknown",
        Some(name) => name,
    };
    let mut lines = vec![
        Line::styled(truncate(credit, width), theme::dim()),
        Line::styled(truncate(licence, width), theme::dim()),
    ];
    if state.picture_focused() && state.mode == Mode::Normal {
        // Reversed: seen without colour too.
        let hint = keymap.hint(Mode::Normal, &[(&[Command::OpenWeb], "full size")]);
        lines.push(Line::styled(truncate(&hint, width), theme::selected()));
    }
    frame.render_widget(Paragraph::new(lines), at.credit);
}
