//! The HTTP client: one GET with retries, backoff, throttle handling and
//! typed errors. It knows nothing of caching or of the UI.

use super::error::ApiError;
use super::ledger::{Ledger, Priority, Refusal, MAX_WAIT_MS};
use super::models::Throttle;
use crate::api::sanitize;
use reqwest::header::{HeaderMap, HeaderValue, AUTHORIZATION, RETRY_AFTER, VIA};
use reqwest::StatusCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::Duration;

#[derive(Clone)]
pub struct ClientConfig {
    /// Sent as `Authorization: Token KEY`; never logged, never part of a URL.
    pub api_key: Option<String>,
    /// For one whole request, body included.
    pub timeout: Duration,
    /// Extra attempts after a transient failure (5xx, time-out, dropped connection).
    pub retries: u32,
    /// First backoff; doubles each attempt, with jitter.
    pub backoff: Duration,
    /// A throttle shorter than this is waited out; a longer one is reported.
    pub max_throttle_wait: Duration,
}

impl Default for ClientConfig {
    fn default() -> Self {
        ClientConfig {
            api_key: None,
            timeout: Duration::from_secs(20),
            retries: 3,
            backoff: Duration::from_millis(400),
            max_throttle_wait: Duration::from_secs(10),
        }
    }
}

impl std::fmt::Debug for ClientConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ClientConfig")
            .field("api_key", &self.api_key.as_ref().map(|_| "<redacted>"))
            .field("timeout", &self.timeout)
            .field("retries", &self.retries)
            .field("backoff", &self.backoff)
            .field("max_throttle_wait", &self.max_throttle_wait)
            .finish()
    }
}

/// Told of each retry, in words for people (the UI shows it in passing).
pub type RetryObserver = Box<dyn Fn(String) + Send + Sync>;

/// Cheap to clone; clones share the connection pool and the budget ledger.
#[derive(Clone)]
pub struct Client {
    http: reqwest::Client,
    config: ClientConfig,
    /// Every request is counted here first, and may be refused.
    ledger: Arc<Ledger>,
    /// `/api-throttle/`, read beside the first request and after each burst.
    budget_url: Option<Arc<str>>,
    checked: Arc<tokio::sync::OnceCell<()>>,
    /// The first check has been started (it runs beside the requests).
    check_started: Arc<AtomicBool>,
    /// A request has gone out before the first check answered.
    sent_unchecked: Arc<AtomicBool>,
    retry_observer: Arc<OnceLock<RetryObserver>>,
}

impl Client {
    pub fn new(config: ClientConfig) -> Result<Self, String> {
        let mut headers = HeaderMap::new();
        if let Some(key) = &config.api_key {
            let mut value = HeaderValue::from_str(&format!("Token {}", key.trim()))
                .map_err(|_| "the API key contains characters a header cannot carry".to_string())?;
            value.set_sensitive(true);
            headers.insert(AUTHORIZATION, value);
        }
        let http = reqwest::Client::builder()
            .user_agent(concat!("hangar/", env!("CARGO_PKG_VERSION")))
            .default_headers(headers)
            .timeout(config.timeout)
            .connect_timeout(config.timeout.min(Duration::from_secs(10)))
            .build()
            .map_err(|e| format!("cannot build the HTTP client: {e}"))?;
        Ok(Client {
            http,
            config,
            ledger: Arc::new(Ledger::in_memory(0)),
            budget_url: None,
            checked: Arc::new(tokio::sync::OnceCell::new()),
            check_started: Arc::new(AtomicBool::new(false)),
            sent_unchecked: Arc::new(AtomicBool::new(false)),
            retry_observer: Arc::new(OnceLock::new()),
        })
    }

    /// Counts requests in `ledger` and keeps it true by reading `budget_url`
    /// (`/api-throttle/`, which costs nothing) beside the first request and
    /// after each burst.
    pub fn with_ledger(mut self, ledger: Arc<Ledger>, budget_url: String) -> Self {
        self.ledger = ledger;
        self.budget_url = Some(budget_url.into());
        self
    }

    pub fn ledger(&self) -> &Arc<Ledger> {
        &self.ledger
    }

    /// Sets who hears about retries (once; later calls are ignored).
    pub fn observe_retries(&self, observer: RetryObserver) {
        let _ = self.retry_observer.set(observer);
    }

    /// Reads the caller's budget from the API and corrects the ledger with it.
    pub async fn read_budget(&self) -> Result<Throttle, ApiError> {
        let url = self
            .budget_url
            .as_deref()
            .ok_or_else(|| ApiError::NotFound {
                url: "/api-throttle/".into(),
                detail: Some("no budget endpoint for this client".into()),
            })?;
        let sent = jiff::Timestamp::now();
        let asked_in_flight = self.ledger.in_flight_stamps();
        let throttle = match self.get_once(url).await {
            Ok(body) => parse_throttle(&body).map_err(|reason| ApiError::BadBody {
                url: url.to_string(),
                reason,
            })?,
            Err(err) => {
                if let ApiError::Throttled { wait, .. } = &err {
                    self.ledger.throttled(*wait);
                }
                return Err(err);
            }
        };
        self.ledger.reconcile(&throttle, sent, &asked_in_flight);
        Ok(throttle)
    }

    /// The budget is read once before this process's first request; a server
    /// without `/api-throttle/` leaves the limit unknown (429s still teach it).
    pub async fn check_budget_once(&self) {
        if self.budget_url.is_none() {
            return;
        }
        self.checked
            .get_or_init(|| async {
                // A throttle an earlier run hit still holds: the server has said enough.
                let now = jiff::Timestamp::now();
                if self.ledger.view().blocked_until.is_some_and(|b| b > now) {
                    return;
                }
                if let Err(e) = self.read_budget().await {
                    tracing::info!(error = %e, "the API budget is unknown");
                }
            })
            .await;
    }

    /// Waits for the budget check only where the ledger cannot judge a
    /// request without it. The check costs nothing but a round trip, so it
    /// goes beside the requests instead of before them: a ledger that knows
    /// the limit from a check within the window already refuses what the
    /// window cannot afford; one that knows nothing lets the first request
    /// go (a request DRF refuses is not counted, so it costs nothing) and
    /// holds the rest until the server has said how many it allows.
    async fn before_sending(&self) {
        if self.budget_url.is_none() || self.checked.initialized() {
            return;
        }
        if !self.check_started.swap(true, Ordering::SeqCst) {
            let client = self.clone();
            tokio::spawn(async move { client.check_budget_once().await });
        }
        if self.ledger.trusted(jiff::Timestamp::now())
            || !self.sent_unchecked.swap(true, Ordering::SeqCst)
        {
            return;
        }
        self.check_budget_once().await;
    }

    /// How many of `wanted` requests a walk may send at once now, so that a
    /// burst takes its tickets in the walk's order (a walk the budget cuts
    /// short then holds its first pages, not any): all of them where the
    /// ledger can judge them; else one beside the first check, or all once
    /// that check has answered.
    pub async fn burst_size(&self, wanted: usize) -> usize {
        if self.budget_url.is_none()
            || self.checked.initialized()
            || self.ledger.trusted(jiff::Timestamp::now())
        {
            return wanted;
        }
        if !self.sent_unchecked.load(Ordering::SeqCst) {
            return wanted.min(1);
        }
        self.check_budget_once().await;
        wanted
    }

    /// After a burst, the server's count replaces ours (off the caller's path).
    pub fn check_budget_after_burst(&self) {
        if self.budget_url.is_none() || self.ledger.in_flight() > 0 {
            return;
        }
        let client = self.clone();
        tokio::spawn(async move {
            if let Err(e) = client.read_budget().await {
                tracing::debug!(error = %e, "budget not read after a burst");
            }
        });
    }

    /// GETs `url` as something the user asked for; see [`Client::get_as`].
    pub async fn get<T>(
        &self,
        url: &str,
        parse: impl Fn(&str) -> Result<T, String>,
    ) -> Result<T, ApiError> {
        self.get_as(Priority::Explicit, url, parse).await
    }

    /// GETs `url` and hands the body to `parse`. Every attempt is counted in
    /// the ledger first and not sent when it refuses. Transient failures are
    /// retried with backoff; an unparseable body is retried once (a gateway
    /// may have cut it short); 4xx are final; a 429 is never retried before
    /// its wait is over.
    pub async fn get_as<T>(
        &self,
        priority: Priority,
        url: &str,
        parse: impl Fn(&str) -> Result<T, String>,
    ) -> Result<T, ApiError> {
        let result = self.get_in_burst(priority, url, parse).await;
        self.check_budget_after_burst();
        result
    }

    /// [`Client::get_as`] for one request of a burst that the caller ends
    /// with [`Client::check_budget_after_burst`]: a walk of pages asks the
    /// server's count once, after its last page, not between its round trips.
    pub async fn get_in_burst<T>(
        &self,
        priority: Priority,
        url: &str,
        parse: impl Fn(&str) -> Result<T, String>,
    ) -> Result<T, ApiError> {
        self.before_sending().await;
        let mut attempt = 0u32;
        let mut bad_bodies = 0u32;
        loop {
            let ticket = match self.ledger.acquire(priority) {
                Ok(ticket) => ticket,
                Err(Refusal::Throttled { until }) => {
                    let wait = wait_until(until);
                    if wait > self.config.max_throttle_wait {
                        return Err(ApiError::Throttled {
                            url: url.to_string(),
                            wait,
                        });
                    }
                    tracing::info!(?wait, "waiting out the API throttle");
                    tokio::time::sleep(wait).await;
                    continue;
                }
                Err(Refusal::Closing) => {
                    return Err(ApiError::Closing {
                        url: url.to_string(),
                    })
                }
                Err(Refusal::Spent { until, reserved }) => {
                    return Err(ApiError::OverBudget {
                        url: url.to_string(),
                        until,
                        reserve: if reserved { self.ledger.reserve() } else { 0 },
                    })
                }
            };
            let result = self.get_once(url).await;
            match &result {
                // DRF does not count a refused request; one that never left was not sent.
                Err(ApiError::Throttled { wait, .. }) => {
                    ticket.uncount();
                    self.ledger.throttled(*wait);
                }
                Err(ApiError::Unreachable { .. }) => ticket.uncount(),
                _ => drop(ticket),
            }
            let err = match result {
                Ok(body) => match parse(&body) {
                    Ok(value) => return Ok(value),
                    Err(reason) if bad_bodies == 0 => {
                        bad_bodies += 1;
                        tracing::warn!(url, %reason, "unreadable body, trying once more");
                        continue;
                    }
                    Err(reason) => {
                        return Err(ApiError::BadBody {
                            url: url.to_string(),
                            reason,
                        })
                    }
                },
                Err(err) => err,
            };
            if let ApiError::Throttled { wait, .. } = &err {
                // The ledger now holds the wait: the next attempt sleeps it out or gives up.
                if *wait <= self.config.max_throttle_wait && attempt < self.config.retries {
                    attempt += 1;
                    continue;
                }
                return Err(err);
            }
            if !err.is_transient() || attempt >= self.config.retries {
                return Err(err);
            }
            let delay = self.backoff(attempt);
            tracing::warn!(url, error = %err, ?delay, attempt, "transient failure, retrying");
            if let Some(observer) = self.retry_observer.get() {
                let what = match &err {
                    ApiError::Server { status, .. } => format!("server busy ({status})"),
                    ApiError::Timeout { .. } => "a request timed out".to_string(),
                    _ => "a connection dropped".to_string(),
                };
                observer(format!(
                    "{what}, retrying ({} of {})…",
                    attempt + 1,
                    self.config.retries
                ));
            }
            tokio::time::sleep(delay).await;
            attempt += 1;
        }
    }

    /// Full jitter over an exponential step: spreads retries of concurrent pages.
    fn backoff(&self, attempt: u32) -> Duration {
        let step = self.config.backoff.saturating_mul(1 << attempt.min(16));
        step.mul_f64(0.5 + fastrand::f64() * 0.5)
    }

    async fn get_once(&self, url: &str) -> Result<String, ApiError> {
        tracing::debug!(url, "GET");
        let response = self
            .http
            .get(url)
            .send()
            .await
            .map_err(|e| transport_error(url, &e))?;
        let status = response.status();
        if let Some(via) = response.headers().get(VIA).and_then(|v| v.to_str().ok()) {
            self.ledger.saw_via(via);
        }
        let retry_after = response
            .headers()
            .get(RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            .and_then(parse_retry_after);
        let body = response
            .text()
            .await
            .map_err(|e| transport_error(url, &e))?;
        if status.is_success() {
            return Ok(body);
        }
        let url = url.to_string();
        let detail = detail_of(&body);
        Err(match status {
            StatusCode::TOO_MANY_REQUESTS => ApiError::Throttled {
                url,
                // The body's "Expected available in N seconds" is the API's own word.
                wait: detail
                    .as_deref()
                    .and_then(parse_throttle_detail)
                    .or(retry_after)
                    .unwrap_or(Duration::from_secs(60)),
            },
            StatusCode::NOT_FOUND => ApiError::NotFound { url, detail },
            s if s.is_server_error() => ApiError::Server {
                url,
                status: s.as_u16(),
                summary: detail.unwrap_or_else(|| summarise(&body)),
            },
            s => ApiError::Refused {
                url,
                status: s.as_u16(),
                detail: detail.unwrap_or_else(|| summarise(&body)),
            },
        })
    }
}

fn transport_error(url: &str, e: &reqwest::Error) -> ApiError {
    let url = url.to_string();
    if e.is_timeout() {
        ApiError::Timeout { url }
    } else if e.is_connect() {
        ApiError::Unreachable {
            url,
            reason: root_cause(e),
        }
    } else {
        ApiError::Connection {
            url,
            reason: root_cause(e),
        }
    }
}

fn root_cause(e: &(dyn std::error::Error + 'static)) -> String {
    let mut cause = e;
    while let Some(next) = cause.source() {
        cause = next;
    }
    cause.to_string()
}

/// The API's `{"detail": "..."}`, when the body is one.
fn detail_of(body: &str) -> Option<String> {
    let value: serde_json::Value = serde_json::from_str(body).ok()?;
    let detail = value.get("detail")?.as_str()?;
    Some(sanitize::clean_line(detail))
}

/// A short, safe summary of a non-JSON error page (a gateway's HTML): its title or first words.
fn summarise(body: &str) -> String {
    let lower = body.to_ascii_lowercase();
    let text = match (lower.find("<title>"), lower.find("</title>")) {
        (Some(a), Some(b)) if a + 7 <= b => &body[a + 7..b],
        _ => body,
    };
    let line = sanitize::clean_line(text);
    let mut out: String = line.chars().take(100).collect();
    if line.chars().count() > 100 {
        out.push('…');
    }
    if out.is_empty() {
        "empty response".to_string()
    } else {
        out
    }
}

/// The longest wait believed from a server (a day); more reads as "more than 24 h".
fn bounded_secs(secs: f64) -> Duration {
    let max = (MAX_WAIT_MS / 1000) as f64;
    Duration::from_secs_f64(secs.ceil().clamp(0.0, max))
}

/// Time left until `until`, zero when it has passed.
fn wait_until(until: jiff::Timestamp) -> Duration {
    let left = until.duration_since(jiff::Timestamp::now());
    Duration::try_from(left).unwrap_or_default()
}

/// "Request was throttled. Expected available in 1800 seconds." → 1800 s.
/// Any number parses (a day at the most); what is not a number is `None`.
pub fn parse_throttle_detail(detail: &str) -> Option<Duration> {
    let rest = &detail[detail.find("available in")? + "available in".len()..];
    let number: String = rest
        .trim_start()
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    let secs: f64 = number.parse().ok()?;
    (secs.is_finite() && secs >= 0.0).then(|| bounded_secs(secs))
}

/// `Retry-After`: delta-seconds or an HTTP date.
fn parse_retry_after(value: &str) -> Option<Duration> {
    let value = value.trim();
    if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
        // Digits too many for u64 are still a (very long) wait.
        return Some(bounded_secs(value.parse::<f64>().ok()?));
    }
    let when = jiff::fmt::rfc2822::parse(value).ok()?.timestamp();
    Some(wait_until(when).min(bounded_secs(f64::MAX)))
}

/// `/api-throttle/` answers one object, or (per its published schema) a list of them.
pub fn parse_throttle(body: &str) -> Result<Throttle, String> {
    let value: serde_json::Value = serde_json::from_str(body).map_err(|e| e.to_string())?;
    let one = match value {
        serde_json::Value::Array(mut items) if !items.is_empty() => items.swap_remove(0),
        v @ serde_json::Value::Object(_) => v,
        _ => return Err("expected an object or a list of objects".into()),
    };
    serde_json::from_value(one).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn throttle_wait_is_read_from_the_detail() {
        assert_eq!(
            parse_throttle_detail("Request was throttled. Expected available in 1800 seconds."),
            Some(Duration::from_secs(1800))
        );
        assert_eq!(
            parse_throttle_detail("Expected available in 2.5 seconds."),
            Some(Duration::from_secs(3))
        );
        assert_eq!(parse_throttle_detail("Slow down"), None);
    }

    #[test]
    fn absurd_waits_are_held_to_a_day() {
        let day = Duration::from_secs(86_400);
        for detail in [
            "Expected available in 99999999999999999999 seconds.",
            "Expected available in 999999999999 seconds.",
            "Expected available in 99999999999999999999999999999999999999.5 seconds.",
        ] {
            assert_eq!(parse_throttle_detail(detail), Some(day), "{detail}");
        }
        assert_eq!(parse_retry_after("99999999999999999999999"), Some(day));
    }

    #[test]
    fn throttle_reads_an_object_or_a_list() {
        let one = r#"{"your_request_limit":15,"limit_frequency_secs":3600,"current_use":4,"next_use_secs":0,"ident":"1.2.3.4"}"#;
        let t = parse_throttle(one).unwrap();
        assert_eq!(t.remaining(), Some(11));
        let t = parse_throttle(&format!("[{one}]")).unwrap();
        assert_eq!(t.your_request_limit, Some(15));
        assert!(parse_throttle("[]").is_err());
        assert!(parse_throttle("<html>").is_err());
    }

    #[test]
    fn retry_after_takes_seconds_or_a_date() {
        assert_eq!(parse_retry_after("120"), Some(Duration::from_secs(120)));
        assert_eq!(
            parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT"),
            Some(Duration::ZERO)
        );
        assert_eq!(parse_retry_after("soon"), None);
    }

    #[test]
    fn gateway_pages_are_summarised_by_title() {
        let html = "<html><head><title>502 Bad Gateway</title></head><body>\x1b[2J</body></html>";
        assert_eq!(summarise(html), "502 Bad Gateway");
        assert_eq!(summarise(""), "empty response");
    }

    #[test]
    fn the_api_key_is_not_in_debug_output() {
        let config = ClientConfig {
            api_key: Some("sekrit-key".into()),
            ..ClientConfig::default()
        };
        assert!(!format!("{config:?}").contains("sekrit-key"));
    }
}
