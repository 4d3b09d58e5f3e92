//! Where each pane goes for a terminal size: a pure function of the state,
//! used by `update` (paging, scrolling, mouse hit-testing) and by drawing.

use super::history::{self, Panes};
use super::{Focus, Loadable, Mode, Screen, State};
use crate::api::RecordRef;
use crate::doc;
use crate::search::fuzzy::SearchMode;
use ratatui::layout::{Constraint, Layout, Rect};

/// Below this, only a "terminal too small" notice is drawn.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 12;
/// From this width on, the list and the detail pane sit side by side.
pub const SPLIT_WIDTH: u16 = 90;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Areas {
    pub too_small: bool,
    pub title: Rect,
    pub list: Rect,
    pub detail: Option<Rect>,
    pub flights: Option<Rect>,
    /// The one pane of a record's screen (flight, astronaut, station, launch).
    pub record: Option<Rect>,
    /// The picture beside a record's fields, in the detail or record pane:
    /// pictures on, the record has one, its pane has room for it, and it
    /// is drawn or on its way (see `State::picture_takes_room`).
    pub picture: Option<PictureAreas>,
    /// Where that picture goes when it has its column, drawn or not: the
    /// size it is asked for at, and the pane that says why it is missing.
    pub picture_slot: Option<PictureAreas>,
    pub notice: Option<Rect>,
    pub search: Option<Rect>,
    pub status: Rect,
}

pub fn areas(area: Rect, state: &State) -> Areas {
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        return Areas {
            too_small: true,
            ..Areas::default()
        };
    }
    // The fuzzy mode shows its `~` even before anything is typed.
    let show_search = state.mode == Mode::Search
        || !state.list.search.is_empty()
        || state.search_mode() == SearchMode::Fuzzy;
    let [title, body, notice, search, status] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(3),
        Constraint::Length(u16::from(state.notice.is_some())),
        Constraint::Length(u16::from(show_search)),
        Constraint::Length(1),
    ])
    .areas(area);
    let some = |r: Rect| (r.height > 0).then_some(r);
    let (mut list, mut detail, mut flights, mut record) = (Rect::default(), None, None, None);
    match state.screen() {
        Screen::List => {
            let right = if area.width >= SPLIT_WIDTH {
                let [l, r] =
                    Layout::horizontal([Constraint::Percentage(58), Constraint::Percentage(42)])
                        .areas(body);
                list = l;
                Some(r)
            } else if matches!(state.places.focus, Focus::Detail | Focus::Image) {
                Some(body)
            } else {
                list = body;
                None
            };
            (detail, flights) = match right {
                Some(r) if r.height >= 16 => {
                    let [d, f] =
                        Layout::vertical([Constraint::Percentage(55), Constraint::Percentage(45)])
                            .areas(r);
                    (Some(d), Some(f))
                }
                other => (other, None),
            };
        }
        Screen::Record(RecordRef::Spacecraft(id)) if body.height >= 16 => {
            // The flights pane is as tall as its rows (borders, header, legend), up to 60%.
            let rows = state.flights_of(id).map_or(1, <[crate::api::Flight]>::len);
            let rows = u16::try_from(rows).unwrap_or(u16::MAX);
            // In u32: three fifths of a very tall terminal would overflow a u16 on the way.
            let most = u16::try_from(u32::from(body.height) * 3 / 5).unwrap_or(u16::MAX);
            let height = rows.saturating_add(3).clamp(6, most);
            let [d, f] =
                Layout::vertical([Constraint::Min(5), Constraint::Length(height)]).areas(body);
            (detail, flights) = (Some(d), Some(f));
        }
        // Too low for both: the focused one.
        Screen::Record(RecordRef::Spacecraft(_))
            if matches!(state.places.focus, Focus::Detail | Focus::Image) =>
        {
            detail = Some(body)
        }
        Screen::Record(RecordRef::Spacecraft(_)) => flights = Some(body),
        Screen::Record(_)
        | Screen::Now
        | Screen::Next
        | Screen::Changes
        | Screen::Charts
        | Screen::Year(_) => record = Some(body),
    }
    // Beside the fields of what has a picture (shown_image says which).
    let with_picture = match state.screen() {
        Screen::List => detail,
        Screen::Record(r) => match history::panes(r) {
            Panes::DetailAndFlights => detail,
            Panes::Fields => record,
        },
        Screen::Now | Screen::Next | Screen::Changes | Screen::Charts | Screen::Year(_) => None,
    };
    let picture_slot = with_picture
        .filter(|_| state.pictures.enabled && state.shown_image().is_some())
        .and_then(picture_areas);
    let picture = picture_slot.filter(|_| state.picture_takes_room());
    Areas {
        too_small: false,
        title,
        list,
        detail,
        flights,
        record,
        picture,
        picture_slot,
        notice: some(notice),
        search: some(search),
        status,
    }
}

/// A pane with a picture: the text on the left, the picture on the right
/// with its credit under it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PictureAreas {
    pub pane: Rect,
    pub text: Rect,
    pub picture: Rect,
    pub credit: Rect,
}

/// Rows under a picture: credit, licence, and a reason or a hint.
pub const CREDIT_ROWS: u16 = 3;
/// Below this inside a pane, the fields keep all the room and no picture is drawn.
pub const PICTURE_MIN_WIDTH: u16 = 60;
pub const PICTURE_MIN_HEIGHT: u16 = 9;

/// Where a picture goes in `pane` (borders included), if it has room for
/// one beside 35 columns of fields.
pub fn picture_areas(pane: Rect) -> Option<PictureAreas> {
    let inner = Rect::new(
        pane.x.saturating_add(1),
        pane.y.saturating_add(1),
        pane.width.saturating_sub(2),
        pane.height.saturating_sub(2),
    );
    if inner.width < PICTURE_MIN_WIDTH || inner.height < PICTURE_MIN_HEIGHT {
        return None;
    }
    // A third of the width, 22 to 48 columns; cells are about twice as tall
    // as wide, so two fifths as many rows hold a 4:3 picture whole.
    let columns = (inner.width / 3).clamp(22, 48);
    let rows = (columns * 2 / 5).min(inner.height - CREDIT_ROWS);
    // Two columns apart: the fields and the credit never read as one line;
    // one from the border.
    let [text, _, side, _] = Layout::horizontal([
        Constraint::Fill(1),
        Constraint::Length(2),
        Constraint::Length(columns),
        Constraint::Length(1),
    ])
    .areas(inner);
    let picture = Rect::new(side.x, side.y, side.width, rows);
    let credit = Rect::new(side.x, side.y + rows, side.width, CREDIT_ROWS);
    Some(PictureAreas {
        pane,
        text,
        picture,
        credit,
    })
}

impl Areas {
    /// The width of `pane`'s text: beside its picture, or all of its inside.
    pub fn text_width(&self, pane: Rect) -> u16 {
        match self.picture {
            Some(p) if p.pane == pane => p.text.width,
            _ => pane.width.saturating_sub(2),
        }
    }
}

/// Data rows that fit in the list pane (inside the border, under the header).
pub fn list_rows(list: Rect) -> usize {
    usize::from(list.height.saturating_sub(3))
}

/// The data row (0 = first shown) at screen line `y`, if `y` is one.
pub fn list_row_at(list: Rect, y: u16) -> Option<usize> {
    let first = list.y + 2;
    (y >= first && y < list.bottom().saturating_sub(1)).then(|| usize::from(y - first))
}

/// The first row of a scrolled list pane, so that the one at `cursor` is on screen.
pub fn first_row(area: Rect, cursor: usize) -> usize {
    let rows = list_rows(area).max(1);
    cursor.saturating_sub(rows - 1)
}

/// The panes that scroll.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scroll {
    Detail,
    Record,
    Help,
}

impl State {
    /// How far `pane` can scroll: the rows it holds less the rows it shows.
    pub fn scroll_max(&self, pane: Scroll) -> u16 {
        let areas = self.areas();
        let (content, shown) = match pane {
            Scroll::Help => {
                // The overlay is as tall as its text, within a margin of the screen.
                let shown = usize::from(self.size.1.saturating_sub(4));
                (self.help_lines, shown.min(self.help_lines))
            }
            Scroll::Detail => match areas.detail {
                Some(r) => {
                    let rows = self.detail_rows(areas.text_width(r), areas.picture.is_some());
                    (rows, inner(r))
                }
                None => (0, 0),
            },
            Scroll::Record => match areas.record {
                Some(r) => (self.record_rows(areas.text_width(r)), inner(r)),
                None => (0, 0),
            },
        };
        u16::try_from(content.saturating_sub(shown)).unwrap_or(u16::MAX)
    }

    /// Rows of the detail pane at `width` (beside a picture or not): the
    /// description, and a line on the full record while it loads or when it failed.
    pub fn detail_rows(&self, width: u16, picture: bool) -> usize {
        let Some(id) = self.current_spacecraft_id() else {
            return 1;
        };
        let Some(s) = self.spacecraft(id) else {
            return 1;
        };
        let status = self.screen().spacecraft().is_some()
            && matches!(
                self.loaded.details.get(&id),
                Some(Loadable::Loading | Loadable::Failed(_))
            );
        doc::height(&doc::spacecraft_in_pane(s, picture), width) + usize::from(status)
    }

    /// Rows of a record's pane at `width` (a line while it loads).
    pub fn record_rows(&self, width: u16) -> usize {
        self.description().map_or(1, |d| doc::height(&d, width))
    }
}

/// Rows inside a bordered pane.
fn inner(r: Rect) -> usize {
    usize::from(r.height.saturating_sub(2))
}
