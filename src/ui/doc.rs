//! Draws a [`crate::doc`] description as styled lines for a pane of a given width.

use super::{field, theme};
use crate::doc::wrap;
use crate::doc::Part;
use ratatui::text::Line;

/// `selected`: the index of the link drawn as selected, if any.
pub fn lines(parts: &[Part], width: u16, selected: Option<usize>) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    let mut links = 0;
    for part in parts {
        match part {
            Part::Title(t) => out.push(Line::styled(t.clone(), theme::title())),
            Part::Heading(h) => {
                out.push(Line::default());
                out.push(Line::styled(h.clone(), theme::heading()));
            }
            Part::Fields(pairs) => {
                for (label, value) in pairs {
                    out.extend(field(label, value, width));
                }
            }
            Part::Text(t) => out.extend(wrap(t, usize::from(width)).into_iter().map(Line::from)),
            Part::Ports(stays, now) => {
                let rows = crate::doc::ports::text(stays, width, *now);
                let last = rows.len().saturating_sub(1);
                out.extend(rows.into_iter().enumerate().map(|(i, row)| {
                    let style = if i == last {
                        theme::dim()
                    } else {
                        theme::docked()
                    };
                    Line::styled(row, style)
                }));
            }
            Part::Items(items) => {
                for item in items {
                    let rows = wrap(&item.text, usize::from(width.saturating_sub(2)));
                    let link = item.to.is_some();
                    let selected = link && Some(links) == selected;
                    links += usize::from(link);
                    let bullet = match (link, selected) {
                        (_, true) => "▶ ",
                        (true, false) => "› ",
                        (false, _) => "• ",
                    };
                    out.extend(rows.into_iter().enumerate().map(|(i, r)| {
                        let line = Line::from(format!("{}{r}", if i == 0 { bullet } else { "  " }));
                        if selected {
                            line.style(theme::selected())
                        } else {
                            line
                        }
                    }));
                }
            }
        }
    }
    out
}
