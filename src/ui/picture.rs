//! The picture beside a record's fields (a spacecraft, an astronaut, a
//! station), with its credit and licence under it; while it loads, or when
//! it cannot be had, a short line says so in its place.

use super::theme;
use crate::app::action::Command;
use crate::app::layout::PictureAreas;
use crate::app::pictures::Shown;
use crate::app::{Mode, State};
use crate::doc::{truncate, wrap};
use crate::ui::keys::Keymap;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;
use ratatui::Frame;

pub fn draw(frame: &mut Frame, at: PictureAreas, state: &State, keymap: &Keymap) {
    let Some(image) = state.shown_image() else {
        return;
    };
    let width = usize::from(at.picture.width);
    let shown = state.pictures.current.as_ref().map(|(_, s)| s);
    // The credit sits right under the picture, or under the line in its place.
    let mut lines: Vec<Line> = Vec::new();
    let below = match shown {
        Some(Shown::Ready(picture)) => {
            let (w, h) = (
                picture.area.0.min(at.picture.width),
                picture.area.1.min(at.picture.height),
            );
            let x = at.picture.x + (at.picture.width - w) / 2;
            let area = Rect::new(x, at.picture.y, w, h);
            frame.render_widget(ratatui_image::Image::new(&picture.protocol), area);
            Rect::new(
                at.credit.x,
                area.bottom(),
                at.credit.width,
                at.credit.height,
            )
        }
        Some(Shown::Failed(missing)) => {
            let text = format!("no picture: {}", missing.reason);
            lines.extend(
                wrap(&text, width)
                    .into_iter()
                    .take(usize::from(at.picture.height))
                    .map(|row| Line::styled(row, theme::warning())),
            );
            at.picture.union(at.credit)
        }
        Some(Shown::Loading) | None => {
            lines.push(Line::styled(
                truncate("loading the picture…", width),
                theme::dim(),
            ));
            at.picture.union(at.credit)
        }
    };
    let credit = image.credit.as_deref().unwrap_or("credit unknown");
    lines.push(Line::styled(truncate(credit, width), theme::dim()));
    if let Some(licence) = image.license.as_ref().and_then(|l| l.name.as_deref()) {
        lines.push(Line::styled(truncate(licence, width), theme::dim()));
    }
    if state.picture_focused() && state.mode == Mode::Normal {
        let hint = keymap.hint(Mode::Normal, &[(&[Command::OpenWeb], "full size")]);
        lines.push(Line::styled(truncate(&hint, width), theme::title()));
    }
    frame.render_widget(Paragraph::new(lines), below);
}
