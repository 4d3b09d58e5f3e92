//! What keeps `hangar serve` safe on a shared network: tokens and a rate
//! limit as Django REST Framework's `TokenAuthentication` and
//! `SimpleRateThrottle` answer them, and one log line per request (the
//! connections themselves are `connections.rs`'s).

use super::connections::HEADER_TIMEOUT;
use super::response::Answer;
use super::{params, Endpoint, Routes, THROTTLE_LIMIT};
use axum::body::{Body, Bytes};
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::Response;
use http_body::{Frame, SizeHint};
use serde_json::json;
use std::collections::{HashMap, VecDeque};
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::pin::Pin;
use std::str::FromStr;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::{Duration, Instant};
use subtle::ConstantTimeEq;

/// The most header bytes (names, values, separators) the mirror reads.
pub const MAX_HEADERS: usize = 16 * 1024;

/// Addresses whose windows are kept at once, at most…
const MAX_CLIENTS: usize = 4096;
/// …and request times kept over all of them (16 bytes each).
const MAX_STAMPS: usize = 1 << 20;

/// What the guard asks of clients; the default asks nothing.
#[derive(Debug, Clone)]
pub struct GuardConfig {
    /// The `Authorization: Token …` values accepted; none: no token needed.
    pub tokens: Vec<String>,
    /// Requests per client address; none: unlimited.
    pub rate: Option<Rate>,
    /// [`HEADER_TIMEOUT`] unless told.
    pub header_timeout: Duration,
}

impl Default for GuardConfig {
    fn default() -> Self {
        GuardConfig {
            tokens: Vec::new(),
            rate: None,
            header_timeout: HEADER_TIMEOUT,
        }
    }
}

/// A number of requests per period, written as DRF writes a throttle rate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rate {
    pub requests: u32,
    pub per: Duration,
}

impl FromStr for Rate {
    type Err = String;

    /// DRF's `parse_rate`: `N/period`, the period read by its first letter
    /// (`s`, `m`, `h`, `d`: `10/minute`, `10/m`, `100/hour`, `1000/day`).
    fn from_str(text: &str) -> Result<Rate, String> {
        let (num, period) = text
            .split_once('/')
            .filter(|(_, period)| !period.contains('/'))
            .ok_or_else(|| format!("{text:?}: a rate is N/second, N/minute, N/hour or N/day"))?;
        let requests: u32 = num
            .trim()
            .parse()
            .map_err(|_| format!("{text:?}: {num:?} is not a number of requests"))?;
        if requests == 0 {
            return Err("a rate of 0 would refuse every request".into());
        }
        let secs = match period.chars().next() {
            Some('s') => 1,
            Some('m') => 60,
            Some('h') => 3600,
            Some('d') => 86_400,
            _ => {
                return Err(format!(
                    "{text:?}: the period is second, minute, hour or day"
                ))
            }
        };
        Ok(Rate {
            requests,
            per: Duration::from_secs(secs),
        })
    }
}

/// The caller's budget, as the guard saw it: what `/api-throttle/` reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Budget {
    pub limit: u64,
    pub window_secs: u64,
    pub used: u64,
    /// When the oldest request counted leaves the window; 0 when none is.
    pub next_use_secs: u64,
}

impl Budget {
    /// No `--rate`: a limit no client reaches.
    pub const UNLIMITED: Budget = Budget {
        limit: THROTTLE_LIMIT as u64,
        window_secs: 3600,
        used: 0,
        next_use_secs: 0,
    };
}

/// Why a request is not let through.
#[derive(Debug, Clone, PartialEq)]
enum Refusal {
    /// DRF's `NotAuthenticated` or `AuthenticationFailed`: 401.
    Unauthenticated(&'static str),
    /// DRF's `Throttled`, with its wait in seconds (always known here: the
    /// rate never changes under a running mirror, DRF's case for none).
    Throttled(u64),
    HeadersTooLarge,
}

impl Refusal {
    fn answer(&self) -> Answer {
        match self {
            Refusal::Unauthenticated(detail) => {
                Answer::error(StatusCode::UNAUTHORIZED, json!({ "detail": detail }))
            }
            Refusal::Throttled(wait) => {
                // `exceptions.Throttled`: the wait rounded up, "1 second" alone singular.
                let detail = match wait {
                    1 => "Request was throttled. Expected available in 1 second.".to_string(),
                    n => format!("Request was throttled. Expected available in {n} seconds."),
                };
                Answer {
                    // DRF sets `Retry-After` only for a wait that is not 0.
                    retry_after: Some(*wait).filter(|w| *w > 0),
                    ..Answer::error(StatusCode::TOO_MANY_REQUESTS, json!({ "detail": detail }))
                }
            }
            Refusal::HeadersTooLarge => Answer::refused(
                StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE,
                &format!(
                    "Request header fields too large: this mirror reads at most {MAX_HEADERS} bytes of them."
                ),
            ),
        }
    }
}

const NOT_PROVIDED: &str = "Authentication credentials were not provided.";

/// The guard of one mirror.
pub struct Guard {
    tokens: Vec<String>,
    rate: Option<Rate>,
    /// The mirror's path, to know `/api-throttle/` (which counts against no one).
    routes: Routes,
    windows: Mutex<Windows>,
}

/// Each client's request times in the current window, newest first (as DRF's history).
struct Windows {
    by_client: HashMap<IpAddr, VecDeque<Instant>>,
    swept: Instant,
}

impl Guard {
    pub(super) fn new(config: &GuardConfig, routes: Routes) -> Guard {
        Guard {
            tokens: config.tokens.clone(),
            rate: config.rate,
            routes,
            windows: Mutex::new(Windows {
                by_client: HashMap::new(),
                swept: Instant::now(),
            }),
        }
    }

    /// DRF's order: authentication, then the throttle (a refused token is not counted).
    fn admit(&self, request: &Request, client: IpAddr, now: Instant) -> Result<Budget, Refusal> {
        let headers = request.headers();
        let size: usize = headers
            .iter()
            .map(|(name, value)| name.as_str().len() + value.len() + 4)
            .sum();
        if size > MAX_HEADERS {
            return Err(Refusal::HeadersTooLarge);
        }
        self.authenticate(headers)?;
        let Some(rate) = self.rate else {
            return Ok(Budget::UNLIMITED);
        };
        let asks_budget = matches!(
            self.routes.route(&params::unquote(request.uri().path())),
            Some((Endpoint::Throttle, _))
        );
        let mut windows = self.windows.lock().unwrap_or_else(|p| p.into_inner());
        windows.take(rate, client, now, !asks_budget)
    }

    /// `TokenAuthentication.authenticate`, every request needing a token
    /// when some are set (as `IsAuthenticated` would).
    fn authenticate(&self, headers: &HeaderMap) -> Result<(), Refusal> {
        if self.tokens.is_empty() {
            return Ok(());
        }
        let refuse = |detail| Err(Refusal::Unauthenticated(detail));
        let value = headers
            .get(header::AUTHORIZATION)
            .map_or(&b""[..], HeaderValue::as_bytes);
        // Python's `bytes.split()`: on runs of ASCII white space.
        let words: Vec<&[u8]> = value
            .split(|b| b" \t\n\r\x0b\x0c".contains(b))
            .filter(|w| !w.is_empty())
            .take(3)
            .collect();
        match words.as_slice() {
            [keyword, ..] if !keyword.eq_ignore_ascii_case(b"token") => refuse(NOT_PROVIDED),
            [] => refuse(NOT_PROVIDED),
            [_] => refuse("Invalid token header. No credentials provided."),
            [_, _, _, ..] => {
                refuse("Invalid token header. Token string should not contain spaces.")
            }
            [_, key] => {
                if std::str::from_utf8(key).is_err() {
                    return refuse(
                        "Invalid token header. Token string should not contain invalid characters.",
                    );
                }
                // Every token is compared, each in constant time.
                let known = self
                    .tokens
                    .iter()
                    .fold(subtle::Choice::from(0), |found, token| {
                        found | token.as_bytes().ct_eq(key)
                    });
                if bool::from(known) {
                    Ok(())
                } else {
                    refuse("Invalid token.")
                }
            }
        }
    }
}

impl Windows {
    /// `SimpleRateThrottle.allow_request`: drops the times past the window,
    /// refuses when `rate.requests` are left, else counts this one (when `count`).
    fn take(
        &mut self,
        rate: Rate,
        client: IpAddr,
        now: Instant,
        count: bool,
    ) -> Result<Budget, Refusal> {
        let gone = |at: &Instant| now.saturating_duration_since(*at) >= rate.per;
        if now.saturating_duration_since(self.swept) >= rate.per.min(Duration::from_secs(60)) {
            self.sweep(&gone, now);
        }
        let cap = MAX_CLIENTS.min(MAX_STAMPS / rate.requests as usize).max(1);
        if !self.by_client.contains_key(&client) && self.by_client.len() >= cap {
            self.sweep(&gone, now);
            if self.by_client.len() >= cap {
                // No room to count a newcomer: wait until some window empties.
                let wait = self
                    .by_client
                    .values()
                    .filter_map(|history| history.front())
                    .map(|newest| {
                        rate.per
                            .saturating_sub(now.saturating_duration_since(*newest))
                    })
                    .min()
                    .unwrap_or(rate.per);
                return Err(Refusal::Throttled(ceil_secs(wait)));
            }
        }
        let history = self.by_client.entry(client).or_default();
        while history.back().is_some_and(gone) {
            history.pop_back();
        }
        let limit = rate.requests as usize;
        if count && history.len() >= limit {
            // `wait()`: the oldest's time left, over the requests then free (one).
            let oldest = history.back().copied().unwrap_or(now);
            let left = rate
                .per
                .saturating_sub(now.saturating_duration_since(oldest));
            return Err(Refusal::Throttled(ceil_secs(left)));
        }
        if count {
            history.push_front(now);
        }
        let budget = Budget {
            limit: u64::from(rate.requests),
            window_secs: rate.per.as_secs(),
            used: history.len() as u64,
            next_use_secs: history.back().map_or(0, |oldest| {
                ceil_secs(
                    rate.per
                        .saturating_sub(now.saturating_duration_since(*oldest)),
                )
            }),
        };
        if history.is_empty() {
            self.by_client.remove(&client);
        }
        Ok(budget)
    }

    /// Forgets the clients whose windows are empty.
    fn sweep(&mut self, gone: &impl Fn(&Instant) -> bool, now: Instant) {
        self.by_client
            .retain(|_, history| history.front().is_some_and(|newest| !gone(newest)));
        self.swept = now;
    }
}

/// `math.ceil` of a wait in seconds.
fn ceil_secs(wait: Duration) -> u64 {
    wait.as_secs() + u64::from(wait.subsec_nanos() > 0)
}

/// The outermost layer: admits the request or refuses it, and logs it once
/// its answer is sent.
pub async fn check(State(guard): State<Arc<Guard>>, mut request: Request, next: Next) -> Response {
    let started = Instant::now();
    let client = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map_or(SocketAddr::from((Ipv4Addr::UNSPECIFIED, 0)), |c| c.0);
    let line = Line {
        method: request.method().to_string(),
        target: request
            .uri()
            .path_and_query()
            .map_or_else(|| request.uri().path().to_string(), |p| p.to_string()),
        client,
    };
    let response = match guard.admit(&request, client.ip().to_canonical(), started) {
        Ok(budget) => {
            request.extensions_mut().insert(budget);
            next.run(request).await
        }
        Err(refusal) => {
            let unauthenticated = matches!(refusal, Refusal::Unauthenticated(_));
            let mut response = refusal.answer().render().respond(
                request.method(),
                request.headers(),
                jiff::Timestamp::now(),
            );
            if unauthenticated {
                // `TokenAuthentication.authenticate_header`: 401, not 403.
                response
                    .headers_mut()
                    .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Token"));
            }
            response
        }
    };
    let (parts, body) = response.into_parts();
    let logged = Logged {
        inner: body,
        line,
        status: parts.status.as_u16(),
        bytes: 0,
        started,
    };
    Response::from_parts(parts, Body::new(logged))
}

/// What the log says of a request: never its headers (a token is in one).
struct Line {
    method: String,
    target: String,
    client: SocketAddr,
}

/// An answer's body, counted as it is sent; its request is logged when it
/// is dropped (sent whole, or the client gone).
struct Logged {
    inner: Body,
    line: Line,
    status: u16,
    bytes: u64,
    started: Instant,
}

impl http_body::Body for Logged {
    type Data = Bytes;
    type Error = axum::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, axum::Error>>> {
        let polled = Pin::new(&mut self.inner).poll_frame(cx);
        if let Poll::Ready(Some(Ok(frame))) = &polled {
            let sent = frame.data_ref().map_or(0, Bytes::len);
            self.bytes += sent as u64;
        }
        polled
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.inner.size_hint()
    }
}

impl Drop for Logged {
    fn drop(&mut self) {
        tracing::info!(
            target: "hangar::serve",
            method = %self.line.method,
            target = %self.line.target,
            status = self.status,
            bytes = self.bytes,
            // To the microsecond: most answers take well under one.
            ms = (self.started.elapsed().as_secs_f64() * 1e6).round() / 1e3,
            client = %self.line.client,
            "request"
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates_read_as_drf_reads_them() {
        let rate = |text: &str| text.parse::<Rate>();
        let per = |requests, secs| {
            Ok(Rate {
                requests,
                per: Duration::from_secs(secs),
            })
        };
        assert_eq!(rate("100/hour"), per(100, 3600));
        assert_eq!(rate("100/h"), per(100, 3600));
        assert_eq!(rate("5/second"), per(5, 1));
        assert_eq!(rate("5/s"), per(5, 1));
        assert_eq!(rate("7/min"), per(7, 60));
        assert_eq!(rate("1000/day"), per(1000, 86_400));
        for wrong in [
            "100", "100/", "/hour", "x/hour", "100/week", "1/2/h", "0/h", "-1/h",
        ] {
            assert!(rate(wrong).is_err(), "{wrong}");
        }
    }

    #[test]
    fn the_window_slides_and_says_the_wait_as_drf() {
        let rate = Rate {
            requests: 2,
            per: Duration::from_secs(60),
        };
        let start = Instant::now();
        let client = IpAddr::from([10, 0, 0, 1]);
        let mut windows = Windows {
            by_client: HashMap::new(),
            swept: start,
        };
        let at = |secs: f64| start + Duration::from_secs_f64(secs);
        assert_eq!(
            windows.take(rate, client, at(0.0), true).map(|b| b.used),
            Ok(1)
        );
        assert_eq!(
            windows.take(rate, client, at(10.0), true).map(|b| b.used),
            Ok(2)
        );
        // Full: the oldest leaves at 60 s; 49.5 s left, rounded up.
        assert_eq!(
            windows.take(rate, client, at(10.5), true),
            Err(Refusal::Throttled(50))
        );
        // Asking for the budget counts nothing.
        let budget = windows.take(rate, client, at(20.0), false).unwrap();
        assert_eq!((budget.used, budget.next_use_secs), (2, 40));
        assert_eq!(
            windows.take(rate, client, at(60.0), true).map(|b| b.used),
            Ok(2)
        );
        // Empty windows are forgotten.
        let _ = windows.take(rate, IpAddr::from([10, 0, 0, 2]), at(61.0), true);
        windows.sweep(
            &|t: &Instant| at(200.0).duration_since(*t) >= rate.per,
            at(200.0),
        );
        assert!(windows.by_client.is_empty());
    }

    #[test]
    fn one_second_is_singular() {
        let body = |wait| {
            let rendered = Refusal::Throttled(wait).answer().render();
            serde_json::from_slice::<serde_json::Value>(&rendered.body).unwrap()["detail"].clone()
        };
        assert_eq!(
            body(1),
            "Request was throttled. Expected available in 1 second."
        );
        assert_eq!(
            body(2),
            "Request was throttled. Expected available in 2 seconds."
        );
        assert_eq!(Refusal::Throttled(0).answer().retry_after, None);
    }
}
