//! JSON as Django REST Framework's `JSONRenderer` writes it.

use serde_json::Value;

/// `JSONRenderer.render`: compact, non-ASCII as it is, but for U+2028 and
/// U+2029, escaped (JavaScript reads them as line ends).
pub fn render(body: &Value) -> String {
    serde_json::to_string(body)
        .unwrap_or_default()
        .replace('\u{2028}', "\\u2028")
        .replace('\u{2029}', "\\u2029")
}
