//! Answers as Django REST Framework writes them: JSON (`JSONRenderer`:
//! compact, non-ASCII as it is), the headers its views set, and its error
//! bodies (`{"detail": …}`, or a refused parameter's list of messages).

use super::caching::{self, Caching};
use super::pagination::PageBody;
use super::renderer;
use axum::body::{Body, Bytes};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::Response;
use jiff::Timestamp;
use serde_json::{json, Value};

/// What DRF's read-only views allow (`Allow`, and a 405's).
pub const ALLOW: &str = "GET, HEAD, OPTIONS";

/// Seconds a client should wait for a catalog the mirror does not hold whole yet.
pub const RETRY_AFTER_SECS: u64 = 30;

/// What an answer says: a JSON value, or a page of records rendered already.
#[derive(Debug, Clone, PartialEq)]
pub enum Json {
    Value(Value),
    Page(Box<PageBody>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Answer {
    pub status: StatusCode,
    pub body: Json,
    pub retry_after: Option<u64>,
    /// How old what it says is; none for errors and what is made now.
    pub caching: Caching,
}

impl Answer {
    pub fn ok(body: Value) -> Answer {
        Answer::of(Json::Value(body))
    }

    /// A 200 of `body`.
    pub fn of(body: Json) -> Answer {
        Answer {
            status: StatusCode::OK,
            body,
            retry_after: None,
            caching: Caching::default(),
        }
    }

    /// With the age of what it is made of.
    pub fn cached(self, caching: Caching) -> Answer {
        Answer { caching, ..self }
    }

    pub fn error(status: StatusCode, body: Value) -> Answer {
        Answer {
            status,
            body: Json::Value(body),
            retry_after: None,
            caching: Caching::default(),
        }
    }

    fn detail(status: StatusCode, detail: &str) -> Answer {
        Answer::error(status, json!({ "detail": detail }))
    }

    /// DRF's `Http404` with the model's name (`get_object_or_404`):
    /// `Spacecraft`, `SpacecraftFlight`.
    pub fn no_such(model: &str) -> Answer {
        Answer::detail(
            StatusCode::NOT_FOUND,
            &format!("No {model} matches the given query."),
        )
    }

    /// DRF's `NotFound` (an unreadable id, a `format` it does not render).
    pub fn not_found() -> Answer {
        Answer::detail(StatusCode::NOT_FOUND, "Not found.")
    }

    pub fn method_not_allowed(method: &str) -> Answer {
        Answer::detail(
            StatusCode::METHOD_NOT_ALLOWED,
            &format!("Method \"{method}\" not allowed."),
        )
    }

    /// Something the mirror cannot answer whole yet.
    pub fn unavailable(detail: &str) -> Answer {
        Answer {
            retry_after: Some(RETRY_AFTER_SECS),
            ..Answer::detail(StatusCode::SERVICE_UNAVAILABLE, detail)
        }
    }

    pub fn refused(status: StatusCode, detail: &str) -> Answer {
        Answer::detail(status, detail)
    }

    /// The body written out, and its tag: what does not change with the
    /// request's headers or the time, and so may be kept.
    pub fn render(self) -> Rendered {
        let body = match &self.body {
            Json::Value(value) => renderer::render(value),
            Json::Page(page) => page.render(),
        };
        let etag = caching::etag(body.as_bytes());
        Rendered {
            status: self.status,
            body: Bytes::from(body),
            etag,
            retry_after: self.retry_after,
            caching: self.caching,
        }
    }
}

/// An answer rendered: cheap to clone (the body is shared).
#[derive(Debug, Clone)]
pub struct Rendered {
    pub status: StatusCode,
    pub body: Bytes,
    pub etag: String,
    pub retry_after: Option<u64>,
    pub caching: Caching,
}

impl Rendered {
    /// The HTTP response: DRF's headers (`Vary: Accept` as LL2 sends it,
    /// its browsable renderer beside JSON, and `Accept-Encoding`: the
    /// mirror gzips for who asks), `Via` for this mirror, and the caching
    /// headers: a 200 to a GET or HEAD that `request`'s conditions say the
    /// client holds already is 304, without a body.
    pub fn respond(&self, method: &Method, request: &HeaderMap, now: Timestamp) -> Response {
        // Not later than now (RFC 9110 8.8.2.1), to the second.
        let last_modified = self.caching.last_modified.map(|at| at.min(now));
        let conditional =
            self.status == StatusCode::OK && (method == Method::GET || method == Method::HEAD);
        let not_modified = conditional && caching::not_modified(request, &self.etag, last_modified);
        // The 304 names what the client holds: the gzip variant when it takes
        // gzip and the compression layer would have encoded this body.
        let gzip = request
            .get(header::ACCEPT_ENCODING)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.split(',').any(|c| c.trim().starts_with("gzip")));
        let etag = if not_modified && gzip && self.body.len() >= MIN_GZIP {
            caching::gzip_etag(&self.etag)
        } else {
            self.etag.clone()
        };
        let mut response = if not_modified {
            let mut r = Response::new(Body::empty());
            *r.status_mut() = StatusCode::NOT_MODIFIED;
            r
        } else {
            let mut r = Response::new(Body::from(self.body.clone()));
            *r.status_mut() = self.status;
            r
        };
        let headers = response.headers_mut();
        if !not_modified {
            headers.insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            );
            headers.insert(header::ALLOW, HeaderValue::from_static(ALLOW));
        }
        headers.insert(header::VARY, HeaderValue::from_static(VARY));
        headers.insert(header::VIA, HeaderValue::from_static("1.1 hangar"));
        if let Ok(tag) = HeaderValue::from_str(&etag) {
            headers.insert(header::ETAG, tag);
        }
        if let Some(at) = last_modified {
            if let Ok(date) = HeaderValue::from_str(&caching::http_date(at)) {
                headers.insert(header::LAST_MODIFIED, date);
            }
        }
        let cache_control = match self.caching.fresh_until {
            Some(_) => format!("max-age={}", self.caching.max_age(now)),
            // An error, the throttle, OPTIONS: ask again each time.
            None => "no-cache".to_string(),
        };
        if let Ok(value) = HeaderValue::from_str(&cache_control) {
            headers.insert(header::CACHE_CONTROL, value);
        }
        if let Some(secs) = self.retry_after {
            headers.insert(header::RETRY_AFTER, HeaderValue::from(secs));
        }
        response
    }
}

/// The smallest body the compression layer encodes (its `SizeAbove` default).
const MIN_GZIP: usize = 32;

/// What every answer varies with: the format (DRF's negotiation) and the encoding.
pub const VARY: &str = "Accept, Accept-Encoding";
