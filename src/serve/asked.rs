//! One request to an endpoint: its parameters, where its links point, how
//! its records' URLs become the mirror's, and the mode it asks for.

use super::fragments;
use super::pagination;
use super::params::Params;
use super::renderer;
use super::response::{Answer, Json};
use super::rewrite::Rewrite;
use super::schema;
use crate::api::ApiVersion;
use serde_json::Value;
use std::sync::Arc;

pub struct Asked<'a> {
    pub params: &'a Params,
    /// The list's public URL, `…/2.3.0/spacecraft/`: where links point.
    pub list_url: &'a str,
    /// The upstream's version, whose filters, orderings and modes apply.
    pub version: ApiVersion,
    pub rewrite: Rewrite<'a>,
}

impl Asked<'_> {
    /// A record of a list as the API sent it (detailed, as hangar asks),
    /// its URLs the mirror's: as it is for `mode=detailed`, else (normal,
    /// the default; LL2 reads any other value so) cut to `normal`, the
    /// normal serializer's component. A 2.2.0 record is as it was sent in
    /// either mode: no 2.2.0 schema is published to cut a normal one by.
    pub fn in_mode(&self, raw: &Value, normal: &str) -> Value {
        let record = self.rewrite.value(raw);
        if self.detailed() {
            record
        } else {
            schema::project(&record, normal)
        }
    }

    fn detailed(&self) -> bool {
        self.version != ApiVersion::V2_3 || self.params.get("mode") == Some("detailed")
    }

    /// Which of the kept renderings of a record this request's pages use.
    pub fn variant(&self) -> Option<usize> {
        fragments::variant(self.detailed(), self.rewrite.format)
    }

    /// A record of a list written as its page writes it ([`Self::in_mode`]).
    pub fn rendered(&self, raw: &Value, normal: &str) -> String {
        renderer::render(&self.in_mode(raw, normal))
    }

    /// The page of `rows` asked for, each row's record as `record` writes it.
    pub fn page<T>(&self, rows: &[T], record: impl Fn(&T) -> Option<Arc<str>>) -> Answer {
        Answer::of(Json::Page(Box::new(pagination::rendered_body(
            self.params,
            self.list_url,
            rows.len(),
            |page| rows[page].iter().filter_map(record).collect(),
        ))))
    }
}
