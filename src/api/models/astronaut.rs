//! An astronaut: the record of `/astronauts/{id}/` (2.2.0 `/astronaut/{id}/`),
//! and the same shape, with fewer fields, inside a flight's crews.

use super::*;
use crate::api::duration::Dur;
use crate::api::lenient;
use jiff::civil::Date;
use jiff::Timestamp;
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;

/// One astronaut. Every field is optional: a crew member carries the
/// astronaut without `flights` and `landings`, which only the astronaut's own
/// record (detailed) has.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default)]
pub struct Astronaut {
    #[serde(deserialize_with = "super::spacecraft::optional_id")]
    pub id: Option<u64>,
    #[serde(deserialize_with = "lenient::line")]
    pub url: Option<String>,
    #[serde(deserialize_with = "lenient::line")]
    pub name: Option<String>,
    #[serde(deserialize_with = "lenient::optional")]
    pub status: Option<Named>,
    /// Government, Commercial, Private, …
    #[serde(rename = "type", deserialize_with = "lenient::optional")]
    pub kind: Option<Named>,
    #[serde(deserialize_with = "lenient::optional")]
    pub agency: Option<Agency>,
    /// 2.3.0: a list of countries; 2.2.0: one string. Read into names.
    #[serde(deserialize_with = "nationality")]
    pub nationality: Vec<String>,
    /// 2.2.0 sends a `profile_image` URL.
    #[serde(alias = "profile_image", deserialize_with = "lenient::optional")]
    pub image: Option<Image>,
    #[serde(deserialize_with = "lenient::date")]
    pub date_of_birth: Option<Date>,
    #[serde(deserialize_with = "lenient::date")]
    pub date_of_death: Option<Date>,
    #[serde(deserialize_with = "lenient::count")]
    pub age: Option<u32>,
    #[serde(deserialize_with = "lenient::boolean")]
    pub in_space: Option<bool>,
    #[serde(deserialize_with = "lenient::duration")]
    pub time_in_space: Option<Dur>,
    #[serde(deserialize_with = "lenient::duration")]
    pub eva_time: Option<Dur>,
    #[serde(deserialize_with = "lenient::count")]
    pub flights_count: Option<u32>,
    #[serde(deserialize_with = "lenient::count")]
    pub landings_count: Option<u32>,
    #[serde(deserialize_with = "lenient::count")]
    pub spacewalks_count: Option<u32>,
    #[serde(deserialize_with = "lenient::timestamp")]
    pub first_flight: Option<Timestamp>,
    #[serde(deserialize_with = "lenient::timestamp")]
    pub last_flight: Option<Timestamp>,
    #[serde(deserialize_with = "lenient::text")]
    pub bio: Option<String>,
    #[serde(deserialize_with = "lenient::line")]
    pub wiki: Option<String>,
    /// The launches the astronaut flew on (detailed record only).
    #[serde(
        deserialize_with = "lenient::list",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub flights: Vec<Launch>,
    /// The spacecraft flights the astronaut came back on (detailed record only).
    #[serde(
        deserialize_with = "lenient::list",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub landings: Vec<Flight>,
}

impl Astronaut {
    pub fn status_name(&self) -> Option<&str> {
        self.status.as_ref()?.name()
    }

    pub fn kind_name(&self) -> Option<&str> {
        self.kind.as_ref()?.name()
    }

    /// The agency's abbreviation, else its name.
    pub fn agency_name(&self) -> Option<&str> {
        let agency = self.agency.as_ref()?;
        agency.abbrev.as_deref().or(agency.name.as_deref())
    }
}

fn nationality<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    let clean = |s: &str| Some(crate::api::sanitize::clean_line(s)).filter(|s| !s.is_empty());
    Ok(match Value::deserialize(d)? {
        Value::String(s) => clean(&s).into_iter().collect(),
        Value::Array(items) => items
            .iter()
            .filter_map(|c| {
                c.get("nationality_name")
                    .or_else(|| c.get("name"))
                    .and_then(Value::as_str)
                    .or_else(|| c.as_str())
                    .and_then(clean)
            })
            .collect(),
        _ => Vec::new(),
    })
}
