//! HTTP caching (RFC 9110 and 9111): when an answer's data was fetched
//! upstream (`Last-Modified`), how long it stays fresh (`Cache-Control:
//! max-age`), a strong `ETag` of the exact body bytes, and the conditional
//! requests that compare with them (`If-None-Match`, `If-Modified-Since`).

use axum::http::{header, HeaderMap};
use jiff::Timestamp;
use std::hash::{DefaultHasher, Hasher};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// What an answer says about its age: when what it is made of was fetched
/// upstream, and until when the store counts that fresh.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Caching {
    pub last_modified: Option<Timestamp>,
    pub fresh_until: Option<Timestamp>,
}

impl Caching {
    /// One thing fetched at `at`, fresh for `ttl`.
    pub fn fetched(at: Timestamp, ttl: jiff::SignedDuration) -> Caching {
        Caching {
            last_modified: Some(at),
            fresh_until: at.checked_add(ttl).ok(),
        }
    }

    /// An answer made of both: modified when the newer was, fresh while both are.
    pub fn and(self, other: Caching) -> Caching {
        Caching {
            last_modified: self.last_modified.max(other.last_modified),
            fresh_until: match (self.fresh_until, other.fresh_until) {
                (Some(a), Some(b)) => Some(a.min(b)),
                _ => None,
            },
        }
    }

    /// `max-age`: the whole seconds left until it is stale, 0 once it is
    /// (or when the answer has no age: an error, the throttle).
    pub fn max_age(&self, now: Timestamp) -> i64 {
        self.fresh_until
            .map_or(0, |until| until.as_second() - now.as_second())
            .max(0)
    }
}

/// A strong entity tag of the body: its length and a 64-bit SipHash of its
/// bytes (std's `DefaultHasher` with its fixed keys: the same within one
/// build of hangar), quoted.
pub fn etag(body: &[u8]) -> String {
    let mut hasher = DefaultHasher::new();
    hasher.write(body);
    format!("\"{:x}-{:016x}\"", body.len(), hasher.finish())
}

/// What the gzip-encoded answer's tag is: another representation, another
/// strong tag (RFC 9110 8.8.3.3), as Apache's `mod_deflate` names it.
pub const GZIP_SUFFIX: &str = "-gzip";

pub fn gzip_etag(tag: &str) -> String {
    match tag.strip_suffix('"') {
        Some(open) => format!("{open}{GZIP_SUFFIX}\""),
        None => tag.to_string(),
    }
}

/// An `HTTP-date` (IMF-fixdate) of `at`, to the second.
pub fn http_date(at: Timestamp) -> String {
    httpdate::fmt_http_date(system_time(at))
}

fn system_time(at: Timestamp) -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(u64::try_from(at.as_second()).unwrap_or(0))
}

/// RFC 9110 13.2.2 for a GET or HEAD whose answer would be 200: whether it
/// is 304 instead. `If-None-Match` decides when present (weak comparison:
/// `W/` ignored, `*` matches any answer); only without it is
/// `If-Modified-Since` read, a date not read ignored.
pub fn not_modified(request: &HeaderMap, etag: &str, last_modified: Option<Timestamp>) -> bool {
    let mut tags = request.get_all(header::IF_NONE_MATCH).iter().peekable();
    if tags.peek().is_some() {
        let ours = opaque(etag);
        return tags
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .map(str::trim)
            .any(|tag| tag == "*" || opaque(tag) == ours);
    }
    let Some(since) = request
        .get(header::IF_MODIFIED_SINCE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| httpdate::parse_http_date(v.trim()).ok())
    else {
        return false;
    };
    let Some(modified) = last_modified else {
        return false;
    };
    system_time(modified) <= since
}

/// A tag's opaque part, for the weak comparison: without `W/`, and the
/// gzip variant's tag read as the one it encodes.
fn opaque(tag: &str) -> &str {
    let tag = tag.strip_prefix("W/").unwrap_or(tag);
    match tag.strip_suffix(&format!("{GZIP_SUFFIX}\"")) {
        Some(open) => &tag[..open.len()],
        None => tag.strip_suffix('"').unwrap_or(tag),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn asking(name: header::HeaderName, value: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(name, HeaderValue::from_str(value).unwrap());
        h
    }

    #[test]
    fn if_none_match_compares_weakly_and_reads_lists_and_star() {
        let tag = etag(b"{}");
        let inm = |v: &str| not_modified(&asking(header::IF_NONE_MATCH, v), &tag, None);
        assert!(inm(&tag));
        assert!(inm(&format!("W/{tag}")));
        assert!(inm(&format!("\"other\", {tag}")));
        assert!(inm(&gzip_etag(&tag)));
        assert!(inm("*"));
        assert!(!inm("\"other\""));
        assert!(!inm(&etag(b"[]")));
    }

    #[test]
    fn if_modified_since_is_read_only_without_if_none_match() {
        let at: Timestamp = "2026-01-02T03:04:05.678Z".parse().unwrap();
        let tag = etag(b"{}");
        let ims = |v: &str| not_modified(&asking(header::IF_MODIFIED_SINCE, v), &tag, Some(at));
        assert!(ims(&http_date(at)));
        assert!(ims("Sat, 03 Jan 2026 00:00:00 GMT"));
        assert!(!ims("Thu, 01 Jan 2026 00:00:00 GMT"));
        assert!(!ims("yesterday"));
        let mut both = asking(header::IF_MODIFIED_SINCE, &http_date(at));
        both.insert(header::IF_NONE_MATCH, HeaderValue::from_static("\"other\""));
        assert!(!not_modified(&both, &tag, Some(at)));
    }

    #[test]
    fn max_age_is_what_is_left_and_never_negative() {
        let at: Timestamp = "2026-01-02T00:00:00Z".parse().unwrap();
        let c = Caching::fetched(at, jiff::SignedDuration::from_hours(1));
        assert_eq!(c.max_age(at), 3600);
        assert_eq!(c.max_age(at + jiff::SignedDuration::from_mins(59)), 60);
        assert_eq!(c.max_age(at + jiff::SignedDuration::from_hours(2)), 0);
        assert_eq!(Caching::default().max_age(at), 0);
    }
}
