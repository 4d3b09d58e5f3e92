//! The upstream's URLs in a record made the mirror's, as the API's own
//! hyperlinks would be had it been asked at the mirror's address: the base
//! swapped, and the request's `format` kept as Django REST Framework's
//! `preserve_builtin_query_params` keeps it (and dropped when not asked for).

use super::params::Params;
use serde_json::Value;

pub struct Rewrite<'a> {
    /// `https://ll.thespacedevs.com/2.3.0`
    pub upstream: &'a str,
    /// `http://127.0.0.1:8722/2.3.0`
    pub public: &'a str,
    /// The request's `format`, if it gave one (its last value).
    pub format: Option<&'a str>,
}

impl Rewrite<'_> {
    pub fn value(&self, value: &Value) -> Value {
        match value {
            Value::String(s) => Value::String(self.url(s).unwrap_or_else(|| s.clone())),
            Value::Array(items) => Value::Array(items.iter().map(|v| self.value(v)).collect()),
            Value::Object(object) => Value::Object(
                object
                    .iter()
                    .map(|(k, v)| (k.clone(), self.value(v)))
                    .collect(),
            ),
            other => other.clone(),
        }
    }

    /// `url` made the mirror's, if it is under the upstream's base.
    fn url(&self, url: &str) -> Option<String> {
        let rest = url.strip_prefix(self.upstream)?;
        if !(rest.is_empty() || rest.starts_with(['/', '?', '#'])) {
            return None;
        }
        let (rest, fragment) = match rest.split_once('#') {
            Some((r, f)) => (r, Some(f)),
            None => (rest, None),
        };
        let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
        let params = Params::parse(query)?.remove("format");
        let params = match self.format {
            Some(format) => params.replace("format", format),
            None => params,
        };
        let mut out = params.on(&format!("{}{path}", self.public));
        if let Some(f) = fragment {
            out.push('#');
            out.push_str(f);
        }
        Some(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn upstream_urls_become_the_mirrors() {
        let r = Rewrite {
            upstream: "https://ll.thespacedevs.com/2.3.0",
            public: "http://m:1/2.3.0",
            format: None,
        };
        let record = json!({
            "url": "https://ll.thespacedevs.com/2.3.0/spacecraft/1/?format=json",
            "image": {"image_url": "https://thespacedevs-prod.nyc3.digitaloceanspaces.com/x.jpg"},
            "other": "https://ll.thespacedevs.com/2.3.0x/",
        });
        assert_eq!(
            r.value(&record),
            json!({
                "url": "http://m:1/2.3.0/spacecraft/1/",
                "image": {"image_url": "https://thespacedevs-prod.nyc3.digitaloceanspaces.com/x.jpg"},
                "other": "https://ll.thespacedevs.com/2.3.0x/",
            })
        );
        let r = Rewrite {
            format: Some("json"),
            ..r
        };
        assert_eq!(
            r.value(&json!("https://ll.thespacedevs.com/2.3.0/spacecraft/1/")),
            json!("http://m:1/2.3.0/spacecraft/1/?format=json")
        );
    }
}
