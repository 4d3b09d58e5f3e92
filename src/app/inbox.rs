//! The inbox: the change log as the browser shows it, newest first, and
//! what has been shown. Opening it (`i`) reads the log (no request);
//! leaving it marks what it showed as read.

use super::{Effect, Screen, State};
use crate::data::changes::Change;
use jiff::Timestamp;
use std::sync::Arc;

#[derive(Debug, Default)]
pub struct Inbox {
    /// Newest first.
    pub changes: Arc<Vec<Change>>,
    /// Changes at or before it have been shown.
    pub read_up_to: Option<Timestamp>,
    /// The log was read at least once.
    pub loaded: bool,
}

impl Inbox {
    /// Changes not shown yet: the status line's `5 new`.
    pub fn unread(&self) -> usize {
        self.changes
            .iter()
            .filter(|c| c.after(self.read_up_to))
            .count()
    }

    fn newest(&self) -> Option<Timestamp> {
        self.changes.first().map(|c| c.at)
    }
}

impl State {
    /// `i`: what changed since you last looked.
    pub(super) fn open_inbox(&mut self) -> Vec<Effect> {
        self.places.go(Screen::Changes);
        vec![Effect::LoadChanges]
    }

    pub(super) fn on_changes(
        &mut self,
        mut changes: Vec<Change>,
        read_up_to: Option<Timestamp>,
        notice: Option<String>,
    ) {
        changes.reverse();
        self.inbox.changes = Arc::new(changes);
        self.inbox.read_up_to = self.inbox.read_up_to.max(read_up_to);
        self.inbox.loaded = true;
        if let Some(notice) = notice {
            self.warn(super::Level::Warning, notice);
        }
    }

    /// Leaving the inbox: what it showed is read.
    pub(super) fn left_inbox(&mut self) -> Option<Effect> {
        let newest = self.inbox.newest()?;
        if self.inbox.read_up_to.is_some_and(|t| t >= newest) {
            return None;
        }
        self.inbox.read_up_to = Some(newest);
        Some(Effect::MarkChangesRead(newest))
    }
}
