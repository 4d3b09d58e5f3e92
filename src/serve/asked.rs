//! One request to an endpoint: its parameters, where its links point, how
//! its records' URLs become the mirror's, and the mode it asks for.

use super::pagination;
use super::params::Params;
use super::response::Answer;
use super::rewrite::Rewrite;
use super::schema;
use serde_json::Value;

pub struct Asked<'a> {
    pub params: &'a Params,
    /// The list's public URL, `…/2.3.0/spacecraft/`: where links point.
    pub list_url: &'a str,
    pub rewrite: Rewrite<'a>,
}

impl Asked<'_> {
    /// A record of a list as the API sent it (detailed, as hangar asks),
    /// its URLs the mirror's: as it is for `mode=detailed`, else (normal,
    /// the default; LL2 reads any other value so) cut to `normal`, the
    /// normal serializer's component.
    pub fn in_mode(&self, raw: &Value, normal: &str) -> Value {
        let record = self.rewrite.value(raw);
        if self.params.get("mode") == Some("detailed") {
            record
        } else {
            schema::project(&record, normal)
        }
    }

    /// The page of `rows` asked for, each row's record (`raw`) in the mode asked for.
    pub fn page<'v, T>(
        &self,
        rows: &[T],
        raw: impl Fn(&T) -> Option<&'v Value>,
        normal: &str,
    ) -> Answer {
        Answer::ok(pagination::body(
            self.params,
            self.list_url,
            rows.len(),
            |page| {
                rows[page]
                    .iter()
                    .filter_map(raw)
                    .map(|r| self.in_mode(r, normal))
                    .collect()
            },
        ))
    }
}
