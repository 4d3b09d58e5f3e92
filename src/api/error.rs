//! What can go wrong talking to the API, in words a person can act on.

use jiff::{SignedDuration, Timestamp};
use std::time::Duration;

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ApiError {
    #[error("not found: {url}{}", detail.as_deref().map(|d| format!(" ({d})")).unwrap_or_default())]
    NotFound { url: String, detail: Option<String> },

    #[error("throttled by the API: next request allowed in {}", human_wait(*wait))]
    Throttled { url: String, wait: Duration },

    /// The ledger kept the request back: the window's budget is spent, or
    /// (for background work) only the reserve is left.
    #[error("{}", over_budget(*until, *reserve))]
    OverBudget {
        url: String,
        until: Timestamp,
        reserve: u32,
    },

    #[error("not sent: hangar is closing ({url})")]
    Closing { url: String },

    #[error("server error {status} from {url}: {summary}")]
    Server {
        url: String,
        status: u16,
        summary: String,
    },

    #[error("HTTP {status} from {url}: {detail}")]
    Refused {
        url: String,
        status: u16,
        detail: String,
    },

    #[error("unreadable response from {url}: {reason}")]
    BadBody { url: String, reason: String },

    #[error("request timed out: {url}")]
    Timeout { url: String },

    #[error("network unreachable ({}): {reason}", host_of(url))]
    Unreachable { url: String, reason: String },

    #[error("connection failed during {url}: {reason}")]
    Connection { url: String, reason: String },
}

impl ApiError {
    /// Worth trying again after a pause (5xx, time-outs, dropped connections).
    pub fn is_transient(&self) -> bool {
        matches!(
            self,
            ApiError::Server { .. } | ApiError::Timeout { .. } | ApiError::Connection { .. }
        )
    }

    /// When asking again may work, if the budget or the API said so.
    pub fn retry_at(&self) -> Option<Timestamp> {
        match self {
            ApiError::OverBudget { until, .. } => Some(*until),
            ApiError::Throttled { wait, .. } => Timestamp::now()
                .checked_add(SignedDuration::try_from(*wait).ok()?)
                .ok(),
            _ => None,
        }
    }

    /// The server answered and the answer is final for this record.
    pub fn is_definitive(&self) -> bool {
        matches!(self, ApiError::NotFound { .. } | ApiError::Refused { .. })
    }
}

/// `ll.thespacedevs.com` from a URL: what matters when it cannot be reached.
fn host_of(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    rest.split('/').next().unwrap_or(rest)
}

fn over_budget(until: Timestamp, reserve: u32) -> String {
    let wait =
        human_wait(Duration::try_from(until.duration_since(Timestamp::now())).unwrap_or_default());
    if reserve > 0 {
        format!(
            "not sent: the last {reserve} requests of the budget are kept for what you ask; \
             background work goes on in {wait} (at {})",
            clock_time(until)
        )
    } else {
        format!(
            "request budget spent: next request allowed in {wait} (at {})",
            clock_time(until)
        )
    }
}

/// One way to write a span of time everywhere: `12 s`, `29 min`, `1 h`,
/// `1 h 5 min`, `3 d`, `3 d 4 h`. `up` rounds to the unit shown upwards
/// (a wait), otherwise down (an age).
fn human_secs(secs: u64, up: bool) -> String {
    let round = |n: u64, unit: u64| if up { n.div_ceil(unit) } else { n / unit };
    if secs < 60 {
        return format!("{secs} s");
    }
    // Rounded first, so that 59.5 minutes read "1 h", never "60 min".
    let mins = round(secs, 60);
    if mins < 60 {
        return format!("{mins} min");
    }
    if mins < 24 * 60 {
        return match (mins / 60, mins % 60) {
            (h, 0) => format!("{h} h"),
            (h, m) => format!("{h} h {m} min"),
        };
    }
    match (round(secs, 3600) / 24, round(secs, 3600) % 24) {
        (d, 0) => format!("{d} d"),
        (d, h) => format!("{d} d {h} h"),
    }
}

/// How long until something may happen, for people; a day or more is "more than 24 h".
pub fn human_wait(wait: Duration) -> String {
    let s = wait
        .as_secs()
        .saturating_add(u64::from(wait.subsec_nanos() > 0));
    if s >= 86_400 {
        return "more than 24 h".to_string();
    }
    human_secs(s, true)
}

/// How old something is, for people.
pub fn human_age(age: SignedDuration) -> String {
    human_secs(age.as_secs().max(0) as u64, false)
}

/// `10:42` in local time; with the date when it is not within a day.
pub fn clock_time(at: Timestamp) -> String {
    let zoned = at.to_zoned(jiff::tz::TimeZone::system());
    let soon = at.duration_since(Timestamp::now()).abs() < SignedDuration::from_hours(20);
    if soon {
        zoned.strftime("%H:%M").to_string()
    } else {
        zoned.strftime("%Y-%m-%d %H:%M").to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unreachable_names_the_host() {
        let e = ApiError::Unreachable {
            url: "https://ll.thespacedevs.com/2.3.0/spacecraft/?offset=0".into(),
            reason: "dns error".into(),
        };
        assert_eq!(
            e.to_string(),
            "network unreachable (ll.thespacedevs.com): dns error"
        );
    }

    #[test]
    fn waits_read_naturally() {
        assert_eq!(human_wait(Duration::from_secs(12)), "12 s");
        assert_eq!(human_wait(Duration::from_secs(1740)), "29 min");
        assert_eq!(human_wait(Duration::from_secs(1741)), "30 min");
        assert_eq!(human_wait(Duration::from_secs(3900)), "1 h 5 min");
        // One form: an hour is "1 h", never "60 min" or "1 h 0 min".
        assert_eq!(human_wait(Duration::from_secs(3600)), "1 h");
        assert_eq!(human_wait(Duration::from_secs(3599)), "1 h");
        assert_eq!(human_wait(Duration::from_secs(3540)), "59 min");
        assert_eq!(human_age(SignedDuration::from_secs(3599)), "59 min");
        assert_eq!(human_age(SignedDuration::from_secs(3600)), "1 h");
        assert_eq!(human_wait(Duration::from_secs(86_400)), "more than 24 h");
        assert_eq!(human_wait(Duration::MAX), "more than 24 h");
        assert_eq!(human_age(SignedDuration::from_hours(80)), "3 d 8 h");
        assert_eq!(human_age(SignedDuration::MIN), "0 s");
    }
}
