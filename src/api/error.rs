//! What can go wrong talking to the API, in words a person can act on.

use std::time::Duration;

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ApiError {
    #[error("not found: {url}{}", detail.as_deref().map(|d| format!(" ({d})")).unwrap_or_default())]
    NotFound { url: String, detail: Option<String> },

    #[error("throttled by the API: next request allowed in {}", human_wait(*wait))]
    Throttled { url: String, wait: Duration },

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

/// `29 min`, `1 h 5 min`, `12 s`: how long a throttle lasts, for people.
pub fn human_wait(wait: Duration) -> String {
    let s = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
    match s {
        0..=59 => format!("{s} s"),
        60..=3599 => format!("{} min", s.div_ceil(60)),
        _ => {
            let m = s.div_ceil(60);
            format!("{} h {} min", m / 60, m % 60)
        }
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
    }
}
