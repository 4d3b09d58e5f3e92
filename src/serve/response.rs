//! Answers as Django REST Framework writes them: JSON (`JSONRenderer`:
//! compact, non-ASCII as it is), the headers its views set, and its error
//! bodies (`{"detail": …}`, or a refused parameter's list of messages).

use axum::body::Body;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::Response;
use serde_json::{json, Value};

/// `JSONRenderer.render`: compact, non-ASCII as it is, but for U+2028 and
/// U+2029, escaped (JavaScript reads them as line ends).
pub fn render(body: &Value) -> String {
    serde_json::to_string(body)
        .unwrap_or_default()
        .replace('\u{2028}', "\\u2028")
        .replace('\u{2029}', "\\u2029")
}

/// What DRF's read-only views allow (`Allow`, and a 405's).
pub const ALLOW: &str = "GET, HEAD, OPTIONS";

/// Seconds a client should wait for a catalog the mirror does not hold whole yet.
pub const RETRY_AFTER_SECS: u64 = 30;

#[derive(Debug, Clone, PartialEq)]
pub struct Answer {
    pub status: StatusCode,
    pub body: Value,
    pub retry_after: Option<u64>,
}

impl Answer {
    pub fn ok(body: Value) -> Answer {
        Answer {
            status: StatusCode::OK,
            body,
            retry_after: None,
        }
    }

    pub fn error(status: StatusCode, body: Value) -> Answer {
        Answer {
            status,
            body,
            retry_after: None,
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

    /// The HTTP response: DRF's headers (`Vary: Accept` as LL2 sends it,
    /// its browsable renderer beside JSON), and `Via` for this mirror.
    pub fn into_response(self) -> Response {
        let mut response = Response::new(Body::from(render(&self.body)));
        *response.status_mut() = self.status;
        let headers = response.headers_mut();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
        headers.insert(header::VARY, HeaderValue::from_static("Accept"));
        headers.insert(header::ALLOW, HeaderValue::from_static(ALLOW));
        headers.insert(header::VIA, HeaderValue::from_static("1.1 hangar"));
        if let Some(secs) = self.retry_after {
            headers.insert(header::RETRY_AFTER, HeaderValue::from(secs));
        }
        response
    }
}
