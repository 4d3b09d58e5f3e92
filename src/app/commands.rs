//! What a command does, mode by mode: browsing (the list and the panes),
//! the search line, the filter panel and the help. A command a mode has no
//! use for does nothing there: PageDown in the filter panel does not move
//! the list hidden behind it.

use super::filters::{cycle_choice, cycle_tri};
use super::history::{self, Panes};
use super::layout::Scroll;
use super::{field_default_descending, Effect, Filters, Focus, Mode, Screen, State, FILTER_ROWS};
use crate::api::Spacecraft;
use crate::app::action::Command;
use crate::search::query::{Order, OrderField};

impl State {
    pub(super) fn command(&mut self, command: Command) -> Vec<Effect> {
        if command == Command::Quit {
            self.quit = true;
            return vec![];
        }
        match self.mode {
            Mode::Normal => self.browse(command),
            Mode::Search => {
                self.edit_search(command);
                vec![]
            }
            Mode::Filter => {
                self.filter_panel(command);
                vec![]
            }
            Mode::Help => {
                self.help(command);
                vec![]
            }
        }
    }

    /// Rows a page key moves: what the list pane shows.
    fn page(&self) -> isize {
        self.page_size() as isize
    }

    /// The list and the panes beside and below it.
    fn browse(&mut self, command: Command) -> Vec<Effect> {
        match command {
            Command::Down => self.move_by(1),
            Command::Up => self.move_by(-1),
            Command::PageDown => self.move_by(self.page()),
            Command::PageUp => self.move_by(-self.page()),
            Command::Top => self.move_by(isize::MIN / 2),
            Command::Bottom => self.move_by(isize::MAX / 2),
            Command::Search => {
                // The search acts on the list: go to it (a place in the history).
                self.places.go(Screen::List);
                self.mode = Mode::Search;
                self.places.focus = Focus::List;
            }
            Command::Order(field) => {
                let current = self.order();
                let descending = if current.field == field {
                    !current.descending
                } else {
                    field_default_descending(field)
                };
                self.set_order(Order { field, descending });
            }
            Command::NextOrder => {
                let current = self.order();
                let i = OrderField::ALL
                    .iter()
                    .position(|f| *f == current.field)
                    .unwrap_or(0);
                let field = OrderField::ALL[(i + 1) % OrderField::ALL.len()];
                self.set_order(Order {
                    field,
                    descending: field_default_descending(field),
                });
            }
            Command::ReverseOrder => {
                let current = self.order();
                self.set_order(Order {
                    descending: !current.descending,
                    ..current
                });
            }
            Command::ToggleFuzzy => self.toggle_fuzzy(),
            Command::Filters => self.mode = Mode::Filter,
            Command::Open => return self.open(),
            // On the charts, Tab goes from one chart to the next.
            Command::FocusNext | Command::FocusPrev if self.screen() == Screen::Charts => {
                let n = crate::doc::stats::CHARTS.len();
                let step = if command == Command::FocusNext {
                    1
                } else {
                    n - 1
                };
                self.charts.chart = (self.charts.chart + step) % n;
                self.places.link = 0;
            }
            Command::FocusNext | Command::FocusPrev => {
                let panes = self.panes();
                let i = panes
                    .iter()
                    .position(|p| *p == self.places.focus)
                    .unwrap_or(0);
                let step = if command == Command::FocusNext {
                    1
                } else {
                    panes.len() - 1
                };
                self.places.focus = panes[(i + step) % panes.len()];
            }
            // `o` on a picture: the full-size image; elsewhere the web page.
            Command::OpenWeb if self.picture_focused() => {
                return self
                    .picture_url()
                    .map(Effect::OpenUrl)
                    .into_iter()
                    .collect()
            }
            Command::OpenWeb => return self.open_url().into_iter().collect(),
            Command::Copy => return self.copy_text().into_iter().collect(),
            Command::Refresh => return self.refresh(),
            Command::Help => {
                self.mode = Mode::Help;
                self.help_scroll = 0;
            }
            Command::Back => self.browse_back(),
            Command::InSpaceNow => return self.in_space_now(),
            Command::FliesNext => return self.flies_next(),
            Command::Changes => return self.open_inbox(),
            Command::Charts => return self.open_charts(),
            Command::ToggleGroup => self.charts.by_agency = !self.charts.by_agency,
            Command::HistoryBack => {
                self.places.back();
            }
            Command::HistoryForward => {
                self.places.forward();
            }
            Command::Quit
            | Command::Accept
            | Command::DeleteChar
            | Command::DeleteWord
            | Command::ClearLine
            | Command::NextValue
            | Command::PrevValue
            | Command::ResetFilters => {}
        }
        vec![]
    }

    /// One level up; on the list, out of the detail pane, then the search
    /// and filters cleared, then the notice.
    fn browse_back(&mut self) {
        if self.places.back() {
            // One level up.
        } else if matches!(self.places.focus, Focus::Detail | Focus::Image) {
            self.places.focus = Focus::List;
        } else if !self.list.search.is_empty() || self.list.filters != Filters::default() {
            self.list.filters = Filters::default();
            self.apply_filters();
            self.set_search(String::new());
        } else {
            self.notice = None;
        }
    }

    /// The search line: editing, and moving through the results.
    fn edit_search(&mut self, command: Command) {
        match command {
            Command::Accept => self.mode = Mode::Normal,
            Command::Back => {
                self.mode = Mode::Normal;
                self.set_search(String::new());
            }
            Command::DeleteChar => {
                let mut text = self.list.search.clone();
                text.pop();
                self.set_search(text);
            }
            Command::DeleteWord => {
                let trimmed = self.list.search.trim_end();
                let cut = trimmed
                    .rfind(|c: char| c.is_whitespace() || c == ',')
                    .map_or(0, |i| i + 1);
                self.set_search(trimmed[..cut].to_string());
            }
            Command::ClearLine => self.set_search(String::new()),
            Command::ToggleFuzzy => self.toggle_fuzzy(),
            Command::Down => self.move_list(1),
            Command::Up => self.move_list(-1),
            Command::PageDown => self.move_list(self.page()),
            Command::PageUp => self.move_list(-self.page()),
            _ => {}
        }
    }

    /// The filter panel: its rows, their values.
    fn filter_panel(&mut self, command: Command) {
        let rows = FILTER_ROWS.len();
        match command {
            Command::Down => self.list.filter_row = (self.list.filter_row + 1) % rows,
            Command::Up => self.list.filter_row = (self.list.filter_row + rows - 1) % rows,
            Command::NextValue | Command::PrevValue => {
                let forward = command == Command::NextValue;
                match self.list.filter_row {
                    0 => {
                        self.list.filters.in_space = cycle_tri(self.list.filters.in_space, forward)
                    }
                    1 => {
                        self.list.filters.placeholder =
                            cycle_tri(self.list.filters.placeholder, forward)
                    }
                    2 => {
                        let values = self.list.catalog.distinct(Spacecraft::status_name);
                        self.list.filters.status =
                            cycle_choice(&self.list.filters.status, &values, forward);
                    }
                    _ => {
                        let values = self.list.catalog.distinct(Spacecraft::config_name);
                        self.list.filters.config =
                            cycle_choice(&self.list.filters.config, &values, forward);
                    }
                }
                self.apply_filters();
            }
            Command::ResetFilters => {
                self.list.filters = Filters::default();
                self.apply_filters();
            }
            Command::Back => self.mode = Mode::Normal,
            _ => {}
        }
    }

    /// The help overlay: scrolling it, closing it.
    fn help(&mut self, command: Command) {
        let page = self.size.1 as isize;
        match command {
            Command::Down => self.scroll_by(Scroll::Help, 1),
            Command::Up => self.scroll_by(Scroll::Help, -1),
            Command::PageDown => self.scroll_by(Scroll::Help, page),
            Command::PageUp => self.scroll_by(Scroll::Help, -page),
            Command::Top => self.scroll_by(Scroll::Help, isize::MIN / 2),
            Command::Bottom => self.scroll_by(Scroll::Help, isize::MAX / 2),
            Command::Back | Command::Help => self.mode = Mode::Normal,
            _ => {}
        }
    }

    /// j/k and paging act on whatever has focus: the list, a scrollable pane, the flights.
    fn move_by(&mut self, delta: isize) {
        match (self.screen(), self.places.focus) {
            (screen, Focus::Detail | Focus::Image)
                if screen == Screen::List || screen.spacecraft().is_some() =>
            {
                self.scroll_by(Scroll::Detail, delta)
            }
            (screen, _)
                if screen.fields()
                    || matches!(screen, Screen::Year(_) | Screen::Next | Screen::Changes) =>
            {
                self.move_link(delta)
            }
            (Screen::Charts, _) => {
                let rows = self
                    .charts
                    .stats
                    .as_ref()
                    .map_or(0, |(s, _)| s.rows(self.charts.chart));
                self.places.link = self
                    .places
                    .link
                    .saturating_add_signed(delta)
                    .min(rows.saturating_sub(1));
            }
            (Screen::Now, _) => {
                let last = self.aloft().len().saturating_sub(1);
                self.places.link = self.places.link.saturating_add_signed(delta).min(last);
            }
            (_, Focus::Flights) => self.move_flight_cursor(delta),
            _ => self.move_list(delta),
        }
    }

    fn move_list(&mut self, delta: isize) {
        self.list.chosen = true;
        self.set_cursor(self.list.cursor.saturating_add_signed(delta));
    }

    /// Scrolls a pane, never past the end of what it holds.
    pub(super) fn scroll_by(&mut self, pane: Scroll, delta: isize) {
        let max = self.scroll_max(pane) as isize;
        let at = self.scroll_mut(pane);
        let next = (*at as isize).saturating_add(delta).clamp(0, max);
        *at = u16::try_from(next).unwrap_or(u16::MAX);
    }

    fn scroll_mut(&mut self, pane: Scroll) -> &mut u16 {
        match pane {
            Scroll::Detail => &mut self.places.detail_scroll,
            Scroll::Record => &mut self.places.record_scroll,
            Scroll::Help => &mut self.help_scroll,
        }
    }

    /// Every scroll back within its pane (after a resize or new content).
    pub(super) fn bound_scrolls(&mut self) {
        for pane in [Scroll::Detail, Scroll::Record, Scroll::Help] {
            if *self.scroll_mut(pane) > 0 {
                self.scroll_by(pane, 0);
            }
        }
    }

    /// The panes Tab cycles through on the current screen; a picture drawn is one of them.
    pub(super) fn panes(&self) -> &'static [Focus] {
        let picture = self.picture_areas().is_some();
        match self.screen() {
            Screen::List if picture => &[Focus::List, Focus::Detail, Focus::Image],
            Screen::List => &[Focus::List, Focus::Detail],
            Screen::Record(r) => match (history::panes(r), picture) {
                (Panes::DetailAndFlights, true) => &[Focus::Flights, Focus::Detail, Focus::Image],
                (Panes::DetailAndFlights, false) => &[Focus::Flights, Focus::Detail],
                (Panes::Fields, true) => &[Focus::Detail, Focus::Image],
                (Panes::Fields, false) => &[Focus::Detail],
            },
            Screen::Now | Screen::Next | Screen::Changes | Screen::Charts | Screen::Year(_) => {
                &[Focus::Detail]
            }
        }
    }
}
