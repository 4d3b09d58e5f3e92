//! The change log (issue 25): what changed in the catalog between one copy
//! of a page or record and the copy that replaced it, as events with a time.
//!
//! [`diff_catalog`] and [`diff_flights`] compare two copies and say what
//! changed; they are pure (no request, no clock, no file). [`ChangeLog`]
//! keeps the changes in a file beside the cache directory
//! ([`default_path`]), so that wiping the cache or `--refresh` keeps them.

mod diff;
mod log;

pub use diff::{diff_catalog, diff_flights};
pub use log::{ChangeLog, Read};

use crate::api::RecordRef;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// One thing that changed. `old` and `new` hold the value that changed, in
/// its JSON form (see [`ChangeKind`] for what each kind puts there); `text`
/// says it in one line for people.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Change {
    /// When the change was seen: when the new copy replaced the old one.
    pub at: Timestamp,
    pub kind: ChangeKind,
    /// The record it is about, written as its reference (`spacecraft/45`).
    #[serde(with = "as_text")]
    pub subject: RecordRef,
    /// What it is about, e.g. "Crew Dragon Grace".
    pub name: String,
    /// One line, e.g. "Crew Dragon Grace docked to International Space
    /// Station · Harmony zenith, 2026-12-05 11:02" (times in UTC).
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub old: Option<serde_json::Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub new: Option<serde_json::Value>,
}

impl Change {
    /// Later than `mark` (a read mark, a `--since`): everything is, without one.
    pub fn after(&self, mark: Option<Timestamp>) -> bool {
        mark.is_none_or(|t| self.at > t)
    }
}

/// What kind of change. The catalog's kinds (added, removed, status, went
/// to space, came back, counts) are about a spacecraft, the others about a
/// flight.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    /// New in a catalog that replaced another; `new` is `{config, status}`.
    SpacecraftAdded,
    /// Gone from a catalog that replaced another; `old` is `{config, status}`.
    SpacecraftRemoved,
    /// The status's name, old and new (`"Active"` → `"Retired"`).
    StatusChanged,
    /// `in_space` went from false to true; old/new are the booleans.
    WentToSpace,
    /// `in_space` went from true to false; old/new are the booleans.
    CameBack,
    /// A flight new in a list that replaced another; `new` is `{launch, net, status}`.
    FlightAdded,
    /// The launch's status went from planned (Go, TBD, TBC, Hold) to flown
    /// (Success, Failure, Partial Failure, In Flight); old/new are the abbrevs.
    Launched,
    /// The mission end appeared; `new` is `{mission_end, outcome, location}`.
    Landed,
    /// A docking event appeared; `new` is `{target, station, port, docking}`.
    Docked,
    /// A docking event's departure appeared; `new` is `{target, station, port, departure}`.
    Undocked,
    /// A planned launch's NET moved; old/new are the two times.
    NetMoved,
    /// The launch crew's members changed; old/new are their names.
    CrewChanged,
    /// `flights_count` or `mission_ends_count` moved; old/new are
    /// `{"flights_count": 3}` and the like, so the field is named.
    CountChanged,
}

/// Where the change log lives: beside the cache directory, named after it
/// (`~/.cache/hangar` → `~/.cache/hangar-changes.jsonl`), so that wiping
/// the cache keeps it and two cache directories keep two logs. A cache
/// directory with no name of its own (`/`, `..`) has its log inside.
pub fn default_path(cache_dir: &Path) -> PathBuf {
    match cache_dir.file_name() {
        Some(name) => {
            let mut file = name.to_os_string();
            file.push("-changes.jsonl");
            cache_dir.with_file_name(file)
        }
        None => cache_dir.join("hangar-changes.jsonl"),
    }
}

/// A [`RecordRef`] as its text (`flight/358`), as it is written everywhere else.
mod as_text {
    use crate::api::RecordRef;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(r: &RecordRef, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(r)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<RecordRef, D::Error> {
        let text = String::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod diff_tests;
#[cfg(test)]
mod log_tests;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_log_lives_beside_the_cache() {
        let at = |s: &str| default_path(Path::new(s));
        assert_eq!(
            at("/home/a/.cache/hangar"),
            Path::new("/home/a/.cache/hangar-changes.jsonl")
        );
        assert_eq!(at("/tmp/x/"), Path::new("/tmp/x-changes.jsonl"));
        assert_eq!(at("/"), Path::new("/hangar-changes.jsonl"));
    }
}
