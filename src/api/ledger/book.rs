//! The book of counted requests, as stored: what it holds and how a
//! request is admitted against it (pure: the times are given).

use super::{
    BudgetView, Priority, Refusal, EXPIRY_MARGIN_MS, MAX_LIMIT, MAX_WAIT_MS, MAX_WINDOW_MS,
    MIN_WINDOW_MS, SETTLE_MS,
};
use crate::api::models::Throttle;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};

/// The book as stored: plain numbers, so any hangar version can read it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Book {
    pub(super) limit: Option<u32>,
    pub(super) window_ms: Option<i64>,
    /// Unix milliseconds of each counted request, oldest first.
    pub(super) used: Vec<i64>,
    pub(super) blocked_until: Option<i64>,
    pub(super) checked_at: Option<i64>,
}

impl Book {
    pub(super) fn window(&self) -> i64 {
        // Until the server says, DRF's usual hour.
        self.window_ms.unwrap_or(3_600_000)
    }

    /// How long a counted request stays in the book (see [`EXPIRY_MARGIN_MS`]).
    pub(super) fn holds(&self) -> i64 {
        self.window().saturating_add(EXPIRY_MARGIN_MS)
    }

    /// Forgets requests that have left the window and a throttle that is over.
    pub(super) fn prune(&mut self, now: i64) {
        let start = now.saturating_sub(self.holds());
        self.used
            .retain(|&t| t > start && t <= now.saturating_add(MAX_WAIT_MS));
        self.used.sort_unstable();
        if self.blocked_until.is_some_and(|b| b <= now) {
            self.blocked_until = None;
        }
    }

    /// Counts a request at `now`, or says why it may not go.
    pub fn acquire(&mut self, priority: Priority, reserve: u32, now: i64) -> Result<i64, Refusal> {
        self.prune(now);
        if let Some(until) = self.blocked_until {
            return Err(Refusal::Throttled { until: ts(until) });
        }
        if let Some(limit) = self.limit {
            let floor = match priority {
                Priority::Explicit => 0,
                Priority::Background => reserve.min(limit),
            };
            let used = self.used.len();
            let allowed = (limit - floor) as usize;
            if used >= allowed {
                // The slot frees when enough of the oldest requests have left.
                let until = self
                    .used
                    .get(used - allowed)
                    .map_or(now, |t| t.saturating_add(self.holds()));
                return Err(Refusal::Spent {
                    until: ts(until.max(now.saturating_add(1))),
                    reserved: floor > 0 && used < limit as usize,
                });
            }
        }
        self.used.push(now);
        Ok(now)
    }

    /// A request that never reached the server, or that it refused (a 429 is not counted by DRF).
    pub fn uncount(&mut self, stamp: i64) {
        if let Some(i) = self.used.iter().rposition(|&t| t == stamp) {
            self.used.remove(i);
        }
    }

    /// A 429: nothing goes out before `wait_ms` has passed.
    pub fn throttled(&mut self, wait_ms: i64, now: i64) {
        let until = now.saturating_add(wait_ms.clamp(0, MAX_WAIT_MS));
        self.blocked_until = Some(self.blocked_until.map_or(until, |b| b.max(until)));
    }

    /// Takes the server's word: `/api-throttle/`, asked at `sent`, answered
    /// by `now`. Requests still in flight (`pending`), or sent less than
    /// [`SETTLE_MS`] before the question, may or may not be in its count: the
    /// book only moves where the count says so whichever they are. Fewer than
    /// the older ones: the server forgot some, they go. More than all of
    /// ours: another client at the same address spent them, and then a
    /// request in flight when the question went (`asked_in_flight`) or sent
    /// after it (a first page sent beside it) is taken as not in the count
    /// yet, so that what the others spent is not underestimated by it.
    pub fn reconcile(
        &mut self,
        t: &Throttle,
        sent: i64,
        now: i64,
        pending: &[i64],
        asked_in_flight: &[i64],
    ) {
        if let Some(limit) = t.your_request_limit {
            self.limit = Some(limit.clamp(0, MAX_LIMIT) as u32);
        }
        if let Some(secs) = t.limit_frequency_secs {
            self.window_ms = Some(
                secs.saturating_mul(1000)
                    .clamp(MIN_WINDOW_MS, MAX_WINDOW_MS),
            );
        }
        self.prune(now);
        self.checked_at = Some(now);
        let Some(server) = t.current_use else { return };
        let server = server.clamp(0, MAX_LIMIT) as usize;
        let settled_before = sent.saturating_sub(SETTLE_MS);
        let uncertain = |t: &i64| pending.contains(t) || asked_in_flight.contains(t);
        let (old, recent): (Vec<i64>, Vec<i64>) = self
            .used
            .iter()
            .partition(|t| !uncertain(t) && **t < settled_before);
        // Sent beside the question or after it: the server may not have seen it.
        let in_flight = recent
            .iter()
            .filter(|t| asked_in_flight.contains(t) || **t >= sent)
            .count();
        let counted = old.len() + recent.len() - in_flight;
        if server < old.len() {
            for stamp in old.iter().take(old.len() - server) {
                self.uncount(*stamp);
            }
        } else if server > counted + in_flight {
            // When the window is full the server says when the oldest
            // leaves; the others are taken as just made, which never overspends.
            let mut missing = server - counted;
            let next_ms = t.next_use_secs.unwrap_or(0).clamp(0, MAX_WAIT_MS / 1000) * 1000;
            if next_ms > 0 {
                let oldest = now.saturating_add(next_ms).saturating_sub(self.holds());
                if self.used.first().is_none_or(|&first| first > oldest) {
                    self.used.push(oldest);
                    missing -= 1;
                }
            }
            self.used.extend(std::iter::repeat_n(now, missing));
        }
        self.used.sort_unstable();
    }

    pub fn view(&self, reserve: u32, now: i64) -> BudgetView {
        let mut book = self.clone();
        book.prune(now);
        BudgetView {
            at: Some(ts(now)),
            limit: book.limit,
            used: book.used.len().min(u32::MAX as usize) as u32,
            window_secs: book.window_ms.map(|w| (w / 1000) as u64),
            next_free: book
                .used
                .first()
                .map(|t| ts(t.saturating_add(book.holds()))),
            blocked_until: book.blocked_until.map(ts),
            reserve,
            via_mirror: false,
        }
    }
}

pub(super) fn ts(ms: i64) -> Timestamp {
    Timestamp::from_millisecond(ms).unwrap_or(if ms < 0 {
        Timestamp::MIN
    } else {
        Timestamp::MAX
    })
}
