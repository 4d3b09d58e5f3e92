//! Where each pane goes for a terminal size: a pure function of the state,
//! shared by drawing and by `update` (paging, mouse hit-testing).

use crate::app::{Focus, Mode, State};
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
    let show_search = state.mode == Mode::Search || !state.search.is_empty();
    let [title, body, notice, search, status] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(3),
        Constraint::Length(u16::from(state.notice.is_some())),
        Constraint::Length(u16::from(show_search)),
        Constraint::Length(1),
    ])
    .areas(area);
    let some = |r: Rect| (r.height > 0).then_some(r);
    let (list, right) = if area.width >= SPLIT_WIDTH {
        let [list, right] =
            Layout::horizontal([Constraint::Percentage(58), Constraint::Percentage(42)])
                .areas(body);
        (list, Some(right))
    } else if state.focus == Focus::Detail {
        (Rect::default(), Some(body))
    } else {
        (body, None)
    };
    let (detail, flights) = match right {
        Some(r) if r.height >= 16 => {
            let [d, f] =
                Layout::vertical([Constraint::Percentage(60), Constraint::Percentage(40)]).areas(r);
            (Some(d), Some(f))
        }
        other => (other, None),
    };
    Areas {
        too_small: false,
        title,
        list,
        detail,
        flights,
        notice: some(notice),
        search: some(search),
        status,
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
