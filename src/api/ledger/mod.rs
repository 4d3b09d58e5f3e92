//! The request budget: how many requests the API's window allows, how many
//! are used and when the next one frees up.
//!
//! The server's throttle (Django REST Framework's) keeps the times of the
//! caller's requests in a sliding window and refuses one while `limit` of
//! them are inside it. The ledger keeps the same book: the time of every
//! request hangar sent that is still inside the window, corrected by
//! `/api-throttle/` (which costs nothing) at start and after each burst.
//! It lives in a file under the cache dir, locked while it is changed, so
//! every hangar process using the same host and key shares it.
//!
//! Background work never spends the last `reserve` requests of the window;
//! what the user asks for explicitly may.

mod book;

use super::models::Throttle;
use book::{ts, Book};
use jiff::Timestamp;
use std::fs;
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, OnceLock};

/// Who wants the request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Priority {
    /// The user asked for it (Enter, `r`, a CLI command): may spend the whole budget.
    Explicit,
    /// Prefetch, sync, timed refresh: leaves the reserve alone.
    Background,
}

/// A server's window is taken at its word within these bounds.
const MIN_WINDOW_MS: i64 = 1_000;
const MAX_WINDOW_MS: i64 = 7 * 24 * 3_600_000;
/// The longest throttle wait believed; a longer one is shown as "more than 24 h".
pub const MAX_WAIT_MS: i64 = 24 * 3_600_000;
/// A request sent this long before `/api-throttle/` was asked is surely in
/// its count; a later one may not have reached the server yet.
pub const SETTLE_MS: i64 = 10_000;
/// A request is kept in the book this much longer than the server's window:
/// the server starts its clock when the request arrives, after hangar
/// stamped it, so a slot freed at the stamp plus the window can meet a 429.
pub const EXPIRY_MARGIN_MS: i64 = 1_000;
/// Anything from the server larger than this is no real budget.
const MAX_LIMIT: i64 = 1_000_000;

/// Why a request was not sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// The API said 429; no request before `until`.
    Throttled { until: Timestamp },
    /// The window's requests are spent (for background work: down to the
    /// reserve); the next one for this priority frees at `until`.
    Spent { until: Timestamp, reserved: bool },
    /// hangar is quitting: what is in flight finishes, nothing new starts.
    Closing,
}

/// What the ledger knows, as of `at`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct BudgetView {
    pub at: Option<Timestamp>,
    /// Requests the window allows; unknown until the server says.
    pub limit: Option<u32>,
    pub used: u32,
    pub window_secs: Option<u64>,
    /// When the oldest counted request leaves the window.
    pub next_free: Option<Timestamp>,
    /// A 429's wait, when one holds.
    pub blocked_until: Option<Timestamp>,
    pub reserve: u32,
    /// The server is a hangar mirror (its answers say `Via: 1.1 hangar`):
    /// the budget is then the mirror's, and what it spends upstream is its own.
    pub via_mirror: bool,
}

/// A limit this high is no limit a person needs to see (a mirror that
/// limits no one says this one).
pub const UNLIMITED: u32 = 1_000_000;

impl BudgetView {
    /// Requests left in the window, when the limit is known.
    pub fn remaining(&self) -> Option<u32> {
        self.limit.map(|l| l.saturating_sub(self.used))
    }

    /// Whole seconds until a request may go out (0 when one may now).
    pub fn next_use_secs(&self, now: Timestamp) -> u64 {
        let secs = |t: Timestamp| t.duration_since(now).as_secs().max(0) as u64;
        if let Some(b) = self.blocked_until.filter(|b| *b > now) {
            return secs(b);
        }
        match (self.remaining(), self.next_free) {
            (Some(0), Some(t)) => secs(t),
            _ => 0,
        }
    }

    /// Whether background work may send a request now.
    pub fn background_allowed(&self, now: Timestamp) -> bool {
        self.blocked_until.is_none_or(|b| b <= now)
            && self
                .remaining()
                .is_none_or(|left| left > self.reserve.min(self.limit.unwrap_or(0)))
    }
}

fn now_ms() -> i64 {
    Timestamp::now().as_millisecond()
}

/// Told of the budget after every change.
pub type BudgetObserver = Box<dyn Fn(BudgetView) + Send + Sync>;

/// The book, kept in a file (or in memory) and shared by every client of one host and key.
pub struct Ledger {
    path: Option<PathBuf>,
    reserve: u32,
    /// Requests of this process still in flight (their stamps).
    pending: Mutex<Vec<i64>>,
    /// The book itself when there is no file.
    memory: Mutex<Book>,
    observer: OnceLock<BudgetObserver>,
    closed: AtomicBool,
    /// Set once an answer of this host came through a hangar mirror.
    via: OnceLock<String>,
}

impl std::fmt::Debug for Ledger {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Ledger")
            .field("path", &self.path)
            .field("reserve", &self.reserve)
            .finish()
    }
}

/// A request counted in the ledger; dropping it marks it no longer in flight.
#[must_use]
pub struct Ticket<'a> {
    ledger: &'a Ledger,
    stamp: i64,
}

impl Ticket<'_> {
    /// The request did not count on the server: never sent, or refused with 429.
    pub fn uncount(self) {
        self.ledger.change(|book| book.uncount(self.stamp));
    }
}

impl Drop for Ticket<'_> {
    fn drop(&mut self) {
        let mut pending = self.ledger.pending();
        if let Some(i) = pending.iter().position(|&t| t == self.stamp) {
            pending.swap_remove(i);
        }
    }
}

impl Ledger {
    /// A book that lives only as long as this process (tests, `--offline`).
    pub fn in_memory(reserve: u32) -> Self {
        Ledger {
            path: None,
            reserve,
            pending: Mutex::new(Vec::new()),
            memory: Mutex::new(Book::default()),
            observer: OnceLock::new(),
            closed: AtomicBool::new(false),
            via: OnceLock::new(),
        }
    }

    /// The shared book for `host` (and the key, by a hash: never the key itself) under `dir`.
    pub fn at(dir: &Path, host: &str, api_key: Option<&str>, reserve: u32) -> Self {
        let safe: String = host
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
            .collect();
        let name = match api_key {
            Some(key) => format!("{safe}-key-{:016x}.json", fnv1a(key.trim().as_bytes())),
            None => format!("{safe}.json"),
        };
        Ledger {
            path: Some(dir.join("budget").join(name)),
            ..Ledger::in_memory(reserve)
        }
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    pub fn reserve(&self) -> u32 {
        self.reserve
    }

    /// Who hears of every change (the TUI's status line); set once.
    pub fn observe(&self, observer: BudgetObserver) {
        let _ = self.observer.set(observer);
    }

    fn pending(&self) -> std::sync::MutexGuard<'_, Vec<i64>> {
        self.pending.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Requests of this process that have not been answered yet.
    pub fn in_flight(&self) -> usize {
        self.pending().len()
    }

    /// From now on every request is refused; those in flight finish.
    pub fn close(&self) {
        self.closed.store(true, Ordering::Relaxed);
    }

    /// Counts a request, or refuses it.
    pub fn acquire(&self, priority: Priority) -> Result<Ticket<'_>, Refusal> {
        if self.closed.load(Ordering::Relaxed) {
            return Err(Refusal::Closing);
        }
        let now = now_ms();
        // Two requests of one process within a millisecond still get their own stamps.
        let mut pending = self.pending();
        let stamp = self.change(|book| {
            let mut at = now;
            while pending.contains(&at) || book.used.contains(&at) {
                at += 1;
            }
            book.acquire(priority, self.reserve, at)
        })?;
        pending.push(stamp);
        Ok(Ticket {
            ledger: self,
            stamp,
        })
    }

    pub fn throttled(&self, wait: std::time::Duration) {
        let wait_ms = i64::try_from(wait.as_millis()).unwrap_or(i64::MAX);
        self.change(|book| book.throttled(wait_ms, now_ms()));
    }

    /// Requests of this process in flight now (their stamps).
    pub fn in_flight_stamps(&self) -> Vec<i64> {
        self.pending().clone()
    }

    /// The server's count, asked at `sent` while `asked_in_flight` were in
    /// flight (see [`Book::reconcile`]).
    pub fn reconcile(&self, throttle: &Throttle, sent: Timestamp, asked_in_flight: &[i64]) {
        let pending = self.pending().clone();
        let sent = sent.as_millisecond();
        self.change(|book| book.reconcile(throttle, sent, now_ms(), &pending, asked_in_flight));
    }

    pub fn view(&self) -> BudgetView {
        BudgetView {
            via_mirror: self.via.get().is_some(),
            ..self.read().view(self.reserve, now_ms())
        }
    }

    /// The `Via` of a hangar mirror this host's answers came through.
    pub fn via(&self) -> Option<&str> {
        self.via.get().map(String::as_str)
    }

    /// Notes an answer's `Via` header: a hangar mirror says `1.1 hangar`
    /// (RFC 9110's received-protocol and pseudonym). Kept as sent, without
    /// control characters, at most 100 characters of it.
    pub fn saw_via(&self, via: &str) {
        let names_hangar = via.split(',').any(|hop| {
            hop.split_whitespace()
                .nth(1)
                .is_some_and(|name| name.eq_ignore_ascii_case("hangar"))
        });
        if names_hangar && self.via.get().is_none() {
            let clean: String = via.chars().filter(|c| !c.is_control()).take(100).collect();
            let _ = self.via.set(clean.trim().to_string());
        }
    }

    /// Whether the book can judge a request without asking the server
    /// first: it knows the limit from a check made within the window, so
    /// what another client at this address spent is at most a window old.
    pub fn trusted(&self, now: Timestamp) -> bool {
        let book = self.read();
        let now = now.as_millisecond();
        book.limit.is_some()
            && book
                .checked_at
                .is_some_and(|at| now.saturating_sub(at) < book.window())
    }

    /// When the book was last checked against the server.
    pub fn checked_at(&self) -> Option<Timestamp> {
        self.read().checked_at.map(ts)
    }

    fn read(&self) -> Book {
        match &self.path {
            None => self
                .memory
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .clone(),
            Some(path) => fs::read(path)
                .ok()
                .and_then(|raw| serde_json::from_slice(&raw).ok())
                .unwrap_or_default(),
        }
    }

    /// Changes the book under its lock (the file's, across processes) and
    /// tells the observer. A file that cannot be used leaves the book in memory.
    fn change<R>(&self, f: impl FnOnce(&mut Book) -> R) -> R {
        let (result, book) = match &self.path {
            None => {
                let mut book = self.memory.lock().unwrap_or_else(|p| p.into_inner());
                (f(&mut book), book.clone())
            }
            Some(path) => match change_file(path, f) {
                Ok(done) => done,
                Err((f, e)) => {
                    tracing::warn!(path = %path.display(), error = %e, "budget file unusable; counting in memory");
                    let mut book = self.memory.lock().unwrap_or_else(|p| p.into_inner());
                    (f(&mut book), book.clone())
                }
            },
        };
        if let Some(observer) = self.observer.get() {
            observer(BudgetView {
                via_mirror: self.via.get().is_some(),
                ..book.view(self.reserve, now_ms())
            });
        }
        result
    }
}

fn change_file<R, F: FnOnce(&mut Book) -> R>(
    path: &Path,
    f: F,
) -> Result<(R, Book), (F, std::io::Error)> {
    let open = || -> std::io::Result<fs::File> {
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir)?;
        }
        let file = fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(path)?;
        file.lock()?;
        Ok(file)
    };
    let mut file = match open() {
        Ok(file) => file,
        Err(e) => return Err((f, e)),
    };
    let mut raw = Vec::new();
    // A torn or foreign file is a fresh book: the server's word restores it.
    let mut book: Book = match file.read_to_end(&mut raw) {
        Ok(_) => serde_json::from_slice(&raw).unwrap_or_default(),
        Err(_) => Book::default(),
    };
    let result = f(&mut book);
    let write = |file: &mut fs::File| -> std::io::Result<()> {
        let text = serde_json::to_vec(&book).map_err(std::io::Error::other)?;
        file.set_len(0)?;
        file.rewind()?;
        file.write_all(&text)?;
        file.flush()
    };
    if let Err(e) = write(&mut file) {
        tracing::warn!(path = %path.display(), error = %e, "cannot write the budget file");
    }
    Ok((result, book))
}

fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_mirror_is_known_by_its_via() {
        for (via, mirror) in [
            ("1.1 hangar", true),
            ("1.1 varnish, 1.1 hangar", true),
            ("HTTP/1.1 Hangar (serve)", true),
            ("1.1 nginx", false),
            ("hangar", false),
            ("1.1 hangar-clone", false),
            ("", false),
        ] {
            let ledger = Ledger::in_memory(0);
            ledger.saw_via(via);
            assert_eq!(ledger.view().via_mirror, mirror, "{via:?}");
        }
        let ledger = Ledger::in_memory(0);
        ledger.saw_via("1.1 hangar, 1.1 proxy\u{1b}[2J");
        assert_eq!(ledger.via(), Some("1.1 hangar, 1.1 proxy[2J"));
    }

    use super::*;

    const HOUR: i64 = 3_600_000;

    fn throttle(limit: i64, window: i64, used: i64, next: i64) -> Throttle {
        Throttle {
            your_request_limit: Some(limit),
            limit_frequency_secs: Some(window),
            current_use: Some(used),
            next_use_secs: Some(next),
            ident: None,
        }
    }

    fn book(limit: u32) -> Book {
        Book {
            limit: Some(limit),
            window_ms: Some(HOUR),
            ..Book::default()
        }
    }

    #[test]
    fn background_work_leaves_the_reserve() {
        let mut b = book(15);
        for i in 0..12 {
            assert!(b.acquire(Priority::Background, 3, i).is_ok(), "request {i}");
        }
        let refused = b.acquire(Priority::Background, 3, 100).unwrap_err();
        // The 13th background request waits for the first to leave the
        // window, as the server sees it: a second after the window on our clock.
        assert_eq!(
            refused,
            Refusal::Spent {
                until: ts(HOUR + EXPIRY_MARGIN_MS),
                reserved: true
            }
        );
        for i in 0..3 {
            assert!(b.acquire(Priority::Explicit, 3, 200 + i).is_ok());
        }
        assert!(matches!(
            b.acquire(Priority::Explicit, 3, 300),
            Err(Refusal::Spent {
                reserved: false,
                ..
            })
        ));
        // An hour after the first, the server may not have freed it yet.
        assert!(b.acquire(Priority::Explicit, 3, HOUR + 1).is_err());
        // Past the margin one slot is back, but only for the user.
        let later = HOUR + EXPIRY_MARGIN_MS + 1;
        assert!(b.acquire(Priority::Background, 3, later).is_err());
        assert!(b.acquire(Priority::Explicit, 3, later).is_ok());
    }

    #[test]
    fn the_window_slides() {
        let mut b = book(2);
        b.acquire(Priority::Explicit, 0, 0).unwrap();
        b.acquire(Priority::Explicit, 0, 10 * 60_000).unwrap();
        let view = b.view(0, 20 * 60_000);
        assert_eq!(view.remaining(), Some(0));
        assert_eq!(view.next_free, Some(ts(HOUR + EXPIRY_MARGIN_MS)));
        assert_eq!(view.next_use_secs(ts(20 * 60_000)), 40 * 60 + 1);
        assert_eq!(b.view(0, HOUR + EXPIRY_MARGIN_MS + 1).remaining(), Some(1));
    }

    #[test]
    fn a_throttle_blocks_everything_until_it_is_over() {
        let mut b = Book::default();
        b.throttled(30_000, 0);
        assert_eq!(
            b.acquire(Priority::Explicit, 3, 1_000),
            Err(Refusal::Throttled { until: ts(30_000) })
        );
        assert!(b.acquire(Priority::Explicit, 3, 30_000).is_ok());
        // An absurd wait is held to a day.
        b.throttled(i64::MAX, 0);
        assert_eq!(b.blocked_until, Some(MAX_WAIT_MS));
    }

    #[test]
    fn the_servers_count_corrects_the_book() {
        let mut b = Book::default();
        b.acquire(Priority::Explicit, 3, 1_000).unwrap();
        // Another process spent 5 more.
        b.reconcile(&throttle(15, 3600, 6, 0), 20_000, 20_100, &[], &[]);
        assert_eq!(b.view(3, 20_100).used, 6);
        assert_eq!(b.view(3, 20_100).remaining(), Some(9));
        // The server forgot some of ours: it wins.
        b.reconcile(&throttle(15, 3600, 2, 0), 40_000, 40_100, &[], &[]);
        assert_eq!(b.view(3, 40_100).used, 2);
        // A request in flight is kept even if the server has not seen it yet.
        b.acquire(Priority::Explicit, 3, 50_000).unwrap();
        b.reconcile(&throttle(15, 3600, 2, 0), 50_500, 50_600, &[50_000], &[]);
        assert_eq!(b.view(3, 50_600).used, 3);
    }

    /// An answer to a question asked before our last request ended arrives
    /// after it: it may not count that request, which must not be forgotten.
    #[test]
    fn a_late_answer_does_not_forget_a_request() {
        let mut b = book(15);
        for t in 0..14 {
            b.acquire(Priority::Explicit, 3, t).unwrap();
        }
        // Asked at 49 s; request 15 sent at 50 s and answered; the answer (14) comes at 50.1 s.
        b.acquire(Priority::Explicit, 3, 50_000).unwrap();
        b.reconcile(&throttle(15, 3600, 14, 0), 49_000, 50_100, &[], &[]);
        assert_eq!(b.view(3, 50_100).used, 15, "the 15th stays counted");
        assert!(b.acquire(Priority::Explicit, 3, 50_200).is_err(), "no 16th");
    }

    /// A first page sent beside the first question: when others spent some
    /// of the window, the server's 12 may or may not include it, so the book
    /// takes it as not included (12 others and it: 13), never as one of the
    /// 12.
    #[test]
    fn a_request_in_flight_when_asked_is_not_taken_as_counted() {
        let mut b = Book::default();
        b.acquire(Priority::Explicit, 3, 1_000).unwrap();
        b.reconcile(&throttle(15, 3600, 12, 0), 1_000, 1_300, &[], &[1_000]);
        assert_eq!(b.view(3, 1_300).used, 13);
        // With no sign of another client, a count of one is that request.
        let mut alone = Book::default();
        alone.acquire(Priority::Explicit, 3, 1_000).unwrap();
        alone.reconcile(&throttle(15, 3600, 1, 0), 1_000, 1_300, &[], &[1_000]);
        assert_eq!(alone.view(3, 1_300).used, 1);
    }

    #[test]
    fn a_full_window_frees_when_the_server_says() {
        let mut b = Book::default();
        b.reconcile(&throttle(15, 3600, 15, 720), 0, 0, &[], &[]);
        let view = b.view(3, 0);
        assert_eq!(view.remaining(), Some(0));
        assert_eq!(view.next_free, Some(ts(720_000)));
        assert!(b.acquire(Priority::Explicit, 3, 720_001).is_ok());
    }

    #[test]
    fn hostile_numbers_are_bounded() {
        let mut b = Book::default();
        b.reconcile(
            &throttle(i64::MAX, i64::MAX, i64::MAX, i64::MAX),
            0,
            0,
            &[],
            &[],
        );
        assert_eq!(b.limit, Some(MAX_LIMIT as u32));
        assert_eq!(b.window_ms, Some(MAX_WINDOW_MS));
        b.reconcile(&throttle(-5, -5, -5, -5), 0, 0, &[], &[]);
        assert_eq!(b.limit, Some(0));
        assert!(b.acquire(Priority::Explicit, 3, 10).is_err());
    }

    #[test]
    fn unknown_limits_count_but_never_refuse() {
        let mut b = Book::default();
        for i in 0..100 {
            assert!(b.acquire(Priority::Background, 3, i).is_ok());
        }
        assert_eq!(b.view(3, 100).used, 100);
        assert_eq!(b.view(3, 100).remaining(), None);
    }

    #[test]
    fn two_ledgers_on_one_file_share_the_book() {
        let dir = tempfile::tempdir().unwrap();
        let a = Ledger::at(dir.path(), "127.0.0.1:8080", None, 3);
        let b = Ledger::at(dir.path(), "127.0.0.1:8080", None, 3);
        a.reconcile(&throttle(5, 3600, 0, 0), Timestamp::now(), &[]);
        drop(a.acquire(Priority::Explicit).unwrap());
        drop(b.acquire(Priority::Explicit).unwrap());
        assert_eq!(a.view().used, 2);
        assert_eq!(b.view().remaining(), Some(3));
        // Background work in either stops at the reserve.
        assert!(a.acquire(Priority::Background).is_err());
        // Another key is another budget.
        let keyed = Ledger::at(dir.path(), "127.0.0.1:8080", Some("k"), 3);
        assert_eq!(keyed.view().used, 0);
        assert!(!keyed.path().unwrap().to_string_lossy().contains("-k."));
    }

    #[test]
    fn a_torn_file_is_a_fresh_book() {
        let dir = tempfile::tempdir().unwrap();
        let ledger = Ledger::at(dir.path(), "h", None, 3);
        fs::create_dir_all(ledger.path().unwrap().parent().unwrap()).unwrap();
        fs::write(ledger.path().unwrap(), b"{\"used\": [1, 2").unwrap();
        assert_eq!(ledger.view().used, 0);
        drop(ledger.acquire(Priority::Explicit).unwrap());
        assert_eq!(ledger.view().used, 1);
    }

    #[test]
    fn a_ticket_is_in_flight_until_dropped() {
        let ledger = Ledger::in_memory(3);
        let t = ledger.acquire(Priority::Explicit).unwrap();
        let u = ledger.acquire(Priority::Explicit).unwrap();
        assert_eq!(ledger.in_flight(), 2);
        u.uncount();
        assert_eq!(ledger.in_flight(), 1);
        assert_eq!(ledger.view().used, 1);
        drop(t);
        assert_eq!(ledger.in_flight(), 0);
    }
}
