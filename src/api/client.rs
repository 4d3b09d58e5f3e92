//! The HTTP client: one GET with retries, backoff, throttle handling and
//! typed errors. It knows nothing of caching or of the UI.

use super::error::ApiError;
use crate::sanitize;
use reqwest::header::{HeaderMap, HeaderValue, AUTHORIZATION, RETRY_AFTER};
use reqwest::StatusCode;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

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

/// Cheap to clone; clones share the connection pool and the throttle gate.
#[derive(Clone)]
pub struct Client {
    http: reqwest::Client,
    config: ClientConfig,
    /// No request leaves before this instant (set by a 429).
    throttled_until: Arc<Mutex<Option<Instant>>>,
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
            throttled_until: Arc::new(Mutex::new(None)),
            retry_observer: Arc::new(OnceLock::new()),
        })
    }

    /// Blocks requests until `wait` has passed (a throttle known from an earlier run).
    pub fn set_throttled_for(&self, wait: Duration) {
        let until = Instant::now() + wait;
        let mut gate = self.gate();
        if gate.is_none_or(|g| g < until) {
            *gate = Some(until);
        }
    }

    /// Sets who hears about retries (once; later calls are ignored).
    pub fn observe_retries(&self, observer: RetryObserver) {
        let _ = self.retry_observer.set(observer);
    }

    /// Time left before the next request may go out.
    pub fn throttle_remaining(&self) -> Option<Duration> {
        let until = (*self.gate())?;
        until
            .checked_duration_since(Instant::now())
            .filter(|d| !d.is_zero())
    }

    fn gate(&self) -> std::sync::MutexGuard<'_, Option<Instant>> {
        // A panic elsewhere while holding it leaves a plain Option: still usable.
        self.throttled_until
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// GETs `url` and hands the body to `parse`. Transient failures are
    /// retried with backoff; an unparseable body is retried once (a gateway
    /// may have cut it short); 4xx are final; a 429 is never retried before
    /// its wait is over.
    pub async fn get<T>(
        &self,
        url: &str,
        parse: impl Fn(&str) -> Result<T, String>,
    ) -> Result<T, ApiError> {
        let mut attempt = 0u32;
        let mut bad_bodies = 0u32;
        loop {
            if let Some(wait) = self.throttle_remaining() {
                if wait > self.config.max_throttle_wait {
                    return Err(ApiError::Throttled {
                        url: url.to_string(),
                        wait,
                    });
                }
                tracing::info!(?wait, "waiting out the API throttle");
                tokio::time::sleep(wait).await;
            }
            let err = match self.get_once(url).await {
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
                self.set_throttled_for(*wait);
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

/// "Request was throttled. Expected available in 1800 seconds." → 1800 s.
pub fn parse_throttle_detail(detail: &str) -> Option<Duration> {
    let rest = &detail[detail.find("available in")? + "available in".len()..];
    let number: String = rest
        .trim_start()
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    let secs: f64 = number.parse().ok()?;
    (secs.is_finite() && secs >= 0.0).then(|| Duration::from_secs_f64(secs.ceil()))
}

/// `Retry-After`: delta-seconds or an HTTP date.
fn parse_retry_after(value: &str) -> Option<Duration> {
    if let Ok(secs) = value.trim().parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let when = jiff::fmt::rfc2822::parse(value.trim()).ok()?.timestamp();
    let secs = when.duration_since(jiff::Timestamp::now()).as_secs();
    Some(Duration::from_secs(secs.max(0) as u64))
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
