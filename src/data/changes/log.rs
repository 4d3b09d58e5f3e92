//! The change log's file: one change a line, in JSON (`hangar-changes.jsonl`).
//!
//! - Appended under an exclusive lock on a file beside it (`….jsonl.lock`),
//!   never on the log itself: compaction replaces the log by a rename, and
//!   a process waiting on the old file's lock would then write to a file
//!   no longer there.
//! - Bounded: once it would hold more than `LIMIT + SLACK` changes, the
//!   newest `LIMIT` are written to a temporary file that is renamed over
//!   the log, still under the lock. Readers take no lock: they see the old
//!   log or the new one, whole.
//! - A last line without its newline is a write cut short (a crash): it is
//!   not read, and the next append cuts it off before writing.
//! - A file whose first line is not a change is not a change log: it is
//!   renamed aside (`….jsonl.corrupt-20261205T110200Z`) and the next read
//!   says so. A damaged line further on (or one of a kind a newer hangar
//!   wrote) is left out, and the read says how many were.
//! - What has been read is one time in a file of its own (`….jsonl.read`):
//!   marking rewrites a few bytes, not the log, which stays append-only.

use super::Change;
use jiff::Timestamp;
use std::ffi::OsString;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

/// How many changes the log keeps: the newest.
const LIMIT: usize = 10_000;
/// How far past `LIMIT` it may grow before it is compacted, so that not
/// every append rewrites the file.
const SLACK: usize = 1_000;

/// The change log: a file, or (where the file cannot be used) memory.
pub struct ChangeLog {
    limit: usize,
    slack: usize,
    place: Place,
}

enum Place {
    File {
        path: PathBuf,
        /// What the next [`ChangeLog::read`] is to say: the log was set
        /// aside (by an append, say), which is told once.
        pending: Mutex<Option<String>>,
    },
    Memory(Mutex<Memory>),
}

#[derive(Default)]
struct Memory {
    changes: Vec<Change>,
    read_up_to: Option<Timestamp>,
}

/// The log's changes, oldest first, and what the reader should be told
/// (the log was set aside, lines were left out).
#[derive(Debug)]
pub struct Read {
    pub changes: Vec<Change>,
    pub notice: Option<String>,
}

impl ChangeLog {
    /// The log at `path` (see [`super::default_path`]). Never fails: where
    /// the file cannot be used the log is kept in memory, with a warning.
    pub fn open(path: impl Into<PathBuf>) -> ChangeLog {
        let path = path.into();
        let usable = || -> io::Result<()> {
            if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                fs::create_dir_all(dir)?;
            }
            if path.exists() && !path.is_file() {
                return Err(io::Error::other("not a file"));
            }
            lock_file(&path).map(drop)
        };
        let place = match usable() {
            Ok(()) => Place::File {
                path,
                pending: Mutex::new(None),
            },
            Err(e) => {
                tracing::warn!(path = %path.display(), error = %e, "change log unusable; keeping changes in memory");
                Place::Memory(Mutex::default())
            }
        };
        ChangeLog {
            limit: LIMIT,
            slack: SLACK,
            place,
        }
    }

    /// Adds the changes at the end, one line each, and flushes them to disk.
    pub fn append(&self, changes: &[Change]) -> io::Result<()> {
        if changes.is_empty() {
            return Ok(());
        }
        let (path, pending) = match &self.place {
            Place::Memory(memory) => {
                let mut memory = held(memory);
                memory.changes.extend_from_slice(changes);
                let len = memory.changes.len();
                if len > self.limit + self.slack {
                    memory.changes.drain(..len - self.limit);
                }
                return Ok(());
            }
            Place::File { path, pending } => (path, pending),
        };
        let mut lines = Vec::new();
        for change in changes {
            serde_json::to_writer(&mut lines, change)?;
            lines.push(b'\n');
        }
        let _lock = lock_file(path)?;
        let mut text = read_or_empty(path)?;
        if foreign(&text) {
            tell(pending, set_aside(path)?);
            text.clear();
        }
        let whole = whole_lines(&text);
        let count = memchr::memchr_iter(b'\n', &text[..whole]).count();
        if count + changes.len() > self.limit + self.slack {
            let mut all = text;
            all.truncate(whole);
            all.extend_from_slice(&lines);
            return replace(path, newest(&all, self.limit));
        }
        let mut file = OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(false)
            .open(path)?;
        // Cut a torn last line off, or the first new line would be glued to it.
        file.set_len(whole as u64)?;
        file.seek(SeekFrom::Start(whole as u64))?;
        file.write_all(&lines)?;
        file.sync_data()
    }

    /// Every change in the log, oldest first, and a notice where there is
    /// something to tell: the log was set aside (told once), lines of it
    /// could not be read (told each time).
    pub fn read(&self) -> Read {
        let (changes, left_out) = self.load();
        let mut notices = Vec::new();
        if let Place::File { pending, .. } = &self.place {
            notices.extend(held(pending).take());
        }
        notices.extend(left_out);
        Read {
            changes,
            notice: (!notices.is_empty()).then(|| notices.join(" ")),
        }
    }

    /// Marks every change at or before `up_to` read. Marks only go forward:
    /// another window's later mark stays.
    pub fn mark_read(&self, up_to: Timestamp) -> io::Result<()> {
        let path = match &self.place {
            Place::Memory(memory) => {
                let mut memory = held(memory);
                memory.read_up_to = memory.read_up_to.max(Some(up_to));
                return Ok(());
            }
            Place::File { path, .. } => path,
        };
        let _lock = lock_file(path)?;
        let mark = read_mark(path).map_or(up_to, |m| m.max(up_to));
        replace(&beside(path, ".read"), format!("{mark}\n").as_bytes())
    }

    /// The browser's mark: changes at or before it have been shown.
    pub fn read_up_to(&self) -> Option<Timestamp> {
        match &self.place {
            Place::Memory(memory) => held(memory).read_up_to,
            Place::File { path, .. } => read_mark(path),
        }
    }

    /// When `hangar changes` last listed the log (its `--since last`): a
    /// mark of its own, apart from what the browser showed. `None` in memory.
    pub fn listed_at(&self) -> Option<Timestamp> {
        match &self.place {
            Place::Memory(_) => None,
            Place::File { path, .. } => mark_in(path, ".listed"),
        }
    }

    pub fn mark_listed(&self, at: Timestamp) -> io::Result<()> {
        let Place::File { path, .. } = &self.place else {
            return Ok(());
        };
        let _lock = lock_file(path)?;
        replace(&beside(path, ".listed"), format!("{at}\n").as_bytes())
    }

    /// How many changes are later than the last mark (all of them before
    /// any mark).
    pub fn unread(&self) -> usize {
        let up_to = match &self.place {
            Place::Memory(memory) => held(memory).read_up_to,
            Place::File { path, .. } => read_mark(path),
        };
        let unread = |c: &&Change| c.after(up_to);
        self.load().0.iter().filter(unread).count()
    }

    /// The changes, and what to say of lines left out. A file that is not
    /// a change log is set aside here, and that is kept for the next read.
    fn load(&self) -> (Vec<Change>, Option<String>) {
        let (path, pending) = match &self.place {
            Place::Memory(memory) => return (held(memory).changes.clone(), None),
            Place::File { path, pending } => (path, pending),
        };
        let mut text = match read_or_empty(path) {
            Ok(text) => text,
            Err(e) => {
                let notice = format!("The change log {} cannot be read: {e}.", path.display());
                return (Vec::new(), Some(notice));
            }
        };
        if foreign(&text) {
            // Again under the lock: another process may have set it aside
            // already, and begun a new log.
            let aside = lock_file(path).and_then(|_lock| {
                let now = read_or_empty(path)?;
                if foreign(&now) {
                    tell(pending, set_aside(path)?);
                    return Ok(Vec::new());
                }
                Ok(now)
            });
            text = match aside {
                Ok(now) => now,
                Err(e) => {
                    let notice = format!(
                        "The change log {} is not one, and cannot be set aside: {e}.",
                        path.display()
                    );
                    return (Vec::new(), Some(notice));
                }
            };
        }
        let mut changes = Vec::new();
        let mut skipped = 0;
        for line in text[..whole_lines(&text)].split(|&b| b == b'\n') {
            match serde_json::from_slice::<Change>(line) {
                Ok(change) => changes.push(change),
                Err(_) if line.is_empty() => {}
                Err(_) => skipped += 1,
            }
        }
        let left_out = (skipped > 0).then(|| {
            format!(
                "{skipped} line(s) of the change log could not be read (damaged, or written by a newer hangar) and were left out."
            )
        });
        (changes, left_out)
    }
}

/// Keeps a notice for the next read, after any kept before it.
fn tell(pending: &Mutex<Option<String>>, notice: String) {
    let mut kept = held(pending);
    *kept = Some(match kept.take() {
        Some(earlier) => format!("{earlier} {notice}"),
        None => notice,
    });
}

fn held<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    // A panic elsewhere while holding it leaves plain data: still usable.
    m.lock().unwrap_or_else(|p| p.into_inner())
}

/// `path` with `suffix` added to its name: `changes.jsonl` → `changes.jsonl.lock`.
fn beside(path: &Path, suffix: &str) -> PathBuf {
    let mut name = OsString::from(path.as_os_str());
    name.push(suffix);
    PathBuf::from(name)
}

/// The lock every writer of the log takes, held until the file is dropped.
fn lock_file(path: &Path) -> io::Result<File> {
    let file = OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(false)
        .open(beside(path, ".lock"))?;
    file.lock()?;
    Ok(file)
}

fn read_or_empty(path: &Path) -> io::Result<Vec<u8>> {
    match fs::read(path) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(Vec::new()),
        read => read,
    }
}

fn read_mark(path: &Path) -> Option<Timestamp> {
    mark_in(path, ".read")
}

fn mark_in(path: &Path, suffix: &str) -> Option<Timestamp> {
    // A missing or damaged mark is no mark: everything shows as unread.
    fs::read_to_string(beside(path, suffix))
        .ok()?
        .trim()
        .parse()
        .ok()
}

/// The length of the text up to its last newline: its whole lines.
fn whole_lines(text: &[u8]) -> usize {
    memchr::memrchr(b'\n', text).map_or(0, |i| i + 1)
}

/// The last `limit` lines of whole lines.
fn newest(all: &[u8], limit: usize) -> &[u8] {
    let Some(nth) = limit.checked_sub(1) else {
        return &[];
    };
    let body = all.strip_suffix(b"\n").unwrap_or(all);
    let start = memchr::memrchr_iter(b'\n', body)
        .nth(nth)
        .map_or(0, |i| i + 1);
    &all[start..]
}

/// Whether the text is not a change log: its first line is not a change
/// (a first line cut short is judged by its start alone).
fn foreign(text: &[u8]) -> bool {
    match memchr::memchr(b'\n', text) {
        Some(end) => !matches!(
            serde_json::from_slice::<serde_json::Value>(&text[..end]),
            Ok(v) if v.get("at").is_some() && v.get("kind").is_some()
        ),
        None => !text.is_empty() && !text.starts_with(b"{"),
    }
}

/// Writes the file whole under a temporary name and renames it over
/// `path`, so that no reader sees it half written.
fn replace(path: &Path, text: &[u8]) -> io::Result<()> {
    let temporary = beside(path, ".tmp");
    let mut file = File::create(&temporary)?;
    file.write_all(text)?;
    file.sync_all()?;
    fs::rename(&temporary, path)
}

/// Renames a file that is not a change log out of the way; says where to.
fn set_aside(path: &Path) -> io::Result<String> {
    let stamp = Timestamp::now().strftime("%Y%m%dT%H%M%SZ").to_string();
    let mut aside = beside(path, &format!(".corrupt-{stamp}"));
    // Two in one second get a number; past a hundred the last is replaced.
    for n in 2..100 {
        if !aside.exists() {
            break;
        }
        aside = beside(path, &format!(".corrupt-{stamp}-{n}"));
    }
    fs::rename(path, &aside)?;
    tracing::warn!(path = %path.display(), aside = %aside.display(), "not a change log; set aside");
    Ok(format!(
        "The change log {} was not one (its first line is not a change); it was set aside as {} and a new one begun.",
        path.display(),
        aside.display()
    ))
}

#[cfg(test)]
impl ChangeLog {
    /// A log that compacts at small sizes, for the tests.
    pub(super) fn with_limit(mut self, limit: usize, slack: usize) -> Self {
        self.limit = limit;
        self.slack = slack;
        self
    }
}
