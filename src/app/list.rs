//! The spacecraft list: the catalog, the view of it the search, the order
//! and the filters make, and the cursor in it. Its methods change the rows
//! and say which spacecraft the cursor should stay on; [`State`] then
//! places the cursor, as it alone knows how many rows fit on screen.
//!
//! [`State`]: super::State

use super::Filters;
use crate::api::Spacecraft;
use crate::search::fuzzy::SearchMode;
use crate::search::query::Order;
use crate::search::{Catalog, View};
use jiff::Timestamp;
use std::sync::Arc;

pub struct List {
    pub catalog: Arc<Catalog>,
    pub view: View,
    pub search: String,
    pub filters: Filters,
    /// The filter panel's selected row.
    pub filter_row: usize,
    /// Index into `view.rows()`.
    pub cursor: usize,
    /// First list row on screen.
    pub offset: usize,
    /// The user moved the cursor: loads keep it on the same spacecraft.
    /// Until then it stays on the first row while rows arrive.
    pub chosen: bool,
    /// The selection and since when it rests there.
    pub rest: Option<(u64, Timestamp)>,
}

impl Default for List {
    fn default() -> Self {
        let catalog = Arc::new(Catalog::default());
        let view = View::new(&catalog, Order::default(), Vec::new(), "");
        List {
            catalog,
            view,
            search: String::new(),
            filters: Filters::default(),
            filter_row: 0,
            cursor: 0,
            offset: 0,
            chosen: false,
            rest: None,
        }
    }
}

impl List {
    pub fn rows(&self) -> &[u32] {
        self.view.rows()
    }

    pub fn selected(&self) -> Option<&Spacecraft> {
        let row = *self.rows().get(self.cursor)?;
        self.catalog.get(row)
    }

    pub fn selected_id(&self) -> Option<u64> {
        self.selected().map(|s| s.id)
    }

    pub fn order(&self) -> Order {
        self.view.order()
    }

    pub fn search_mode(&self) -> SearchMode {
        self.view.mode()
    }

    /// The cursor at `cursor` (within the rows), shown in a pane of `page` rows.
    pub(super) fn set_cursor(&mut self, cursor: usize, page: usize) {
        let len = self.rows().len();
        self.cursor = cursor.min(len.saturating_sub(1));
        self.scroll_to_cursor(page);
    }

    pub(super) fn scroll_to_cursor(&mut self, page: usize) {
        let len = self.rows().len();
        if self.cursor < self.offset {
            self.offset = self.cursor;
        } else if self.cursor >= self.offset + page {
            self.offset = self.cursor + 1 - page;
        }
        // No empty space below the last row when the list could fill the pane.
        self.offset = self.offset.min(len.saturating_sub(page));
    }

    /// After the rows changed: back on `id` if it is still shown, else the top.
    pub(super) fn follow(&mut self, id: Option<u64>, page: usize) {
        let pos = id
            .and_then(|id| self.catalog.row_of(id))
            .and_then(|row| self.rows().iter().position(|&r| r == row));
        match pos {
            Some(p) => self.set_cursor(p, page),
            None => {
                self.offset = 0;
                self.set_cursor(0, page);
            }
        }
    }

    /// Each of these changes the rows and returns the spacecraft to follow.
    pub(super) fn set_order(&mut self, order: Order) -> Option<u64> {
        let id = self.selected_id();
        self.view.set_order(&self.catalog, order);
        id
    }

    pub(super) fn set_search(&mut self, text: String) -> Option<u64> {
        let id = self.selected_id();
        self.search = text;
        self.view.set_query(&self.catalog, &self.search);
        self.after_search(id)
    }

    pub(super) fn toggle_fuzzy(&mut self) -> Option<u64> {
        let id = self.selected_id();
        self.view
            .set_mode(&self.catalog, self.search_mode().toggled());
        self.after_search(id)
    }

    /// After the search changed: a ranked list starts at its best match,
    /// the one asked for; otherwise the cursor stays on `id` if it can.
    fn after_search(&self, id: Option<u64>) -> Option<u64> {
        let ranked = self.search_mode() == SearchMode::Fuzzy && !self.search.is_empty();
        id.filter(|_| !ranked)
    }

    pub(super) fn apply_filters(&mut self) -> Option<u64> {
        let id = self.selected_id();
        self.view
            .set_filters(&self.catalog, self.filters.to_query());
        id
    }

    /// A catalog loaded: the cursor stays on what the user chose, if anything.
    pub(super) fn replace(&mut self, catalog: Arc<Catalog>) -> Option<u64> {
        let id = self.selected_id().filter(|_| self.chosen);
        self.catalog = catalog;
        self.view.rebuild(&self.catalog, &self.search);
        id
    }

    /// Notes when the selection changed, for the rest timer.
    pub(super) fn track_rest(&mut self, now: Timestamp) {
        let id = self.selected_id();
        if self.rest.map(|(r, _)| r) != id {
            self.rest = id.map(|id| (id, now));
        }
    }
}
