//! The picture beside a record's fields (a spacecraft, an astronaut, a
//! station), with its credit and licence under it. While it loads its
//! column waits for it; when it cannot be had, the text takes the width and
//! one short line on the pane's top border says why.

use super::theme;
use crate::app::layout::{Areas, PictureAreas};
use crate::app::pictures::Shown;
use crate::app::{Mode, State};
use crate::doc::truncate;
use crate::ui::keys::{Hinted, Keymap};
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph};
use ratatui::Frame;
use unicode_width::UnicodeWidthStr;

/// A detail or record pane: its area, its block titled `title`, its text.
pub struct Pane<'a> {
    pub area: Rect,
    pub block: Block<'a>,
    pub title: &'a str,
    pub text: Paragraph<'a>,
}

/// Draws `pane`, and beside its text the pane's picture, if it has one.
pub fn pane(frame: &mut Frame, areas: &Areas, pane: Pane, state: &State, keymap: &Keymap) {
    let Pane {
        area,
        block,
        title,
        text,
    } = pane;
    let mut block = block.title(Line::styled(title, theme::title()));
    let picture = areas.picture.filter(|p| p.pane == area);
    if picture.is_none() && areas.picture_slot.is_some_and(|p| p.pane == area) {
        // Where the picture would be, on the border: no row of the text taken.
        let room = usize::from(area.width.saturating_sub(4)).saturating_sub(title.width());
        let note = match state.shown_picture() {
            Some(Shown::Failed(missing)) => {
                let note = format!(" no picture: {} ", missing.reason);
                Line::styled(truncate(&note, room), theme::warning())
            }
            _ => Line::styled(truncate(" loading the picture… ", room), theme::dim()),
        };
        block = block.title(note.right_aligned());
    }
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
    // (One that failed has no slot: `State::picture_takes_room`.)
    match state.shown_picture() {
        Some(Shown::Ready(picture)) => {
            let area = Rect::new(
                at.picture.x,
                at.picture.y,
                picture.area.0.min(at.picture.width),
                picture.area.1.min(at.picture.height),
            );
            frame.render_widget(ratatui_image::Image::new(&picture.protocol), area);
        }
        _ => {
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
        let hint = keymap.hints(Hinted::Picture);
        lines.push(Line::styled(truncate(&hint, width), theme::selected()));
    }
    frame.render_widget(Paragraph::new(lines), at.credit);
}
