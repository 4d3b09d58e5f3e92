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
#[serde_with::apply(_ => #[serde(deserialize_with = "lenient::read")])]
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default)]
pub struct Astronaut {
    pub id: Option<u64>,
    pub url: Option<String>,
    pub name: Option<String>,
    pub status: Option<Named>,
    /// Government, Commercial, Private, …
    #[serde(rename = "type")]
    pub kind: Option<Named>,
    pub agency: Option<Agency>,
    /// 2.3.0: a list of countries; 2.2.0: one string. Read into names.
    #[serde_with(skip_apply)]
    #[serde(deserialize_with = "nationality")]
    pub nationality: Vec<String>,
    /// 2.2.0 sends a `profile_image` URL.
    #[serde(alias = "profile_image")]
    pub image: Option<Image>,
    pub date_of_birth: Option<Date>,
    pub date_of_death: Option<Date>,
    pub age: Option<u32>,
    pub in_space: Option<bool>,
    pub time_in_space: Option<Dur>,
    pub eva_time: Option<Dur>,
    pub flights_count: Option<u32>,
    pub landings_count: Option<u32>,
    pub spacewalks_count: Option<u32>,
    pub first_flight: Option<Timestamp>,
    pub last_flight: Option<Timestamp>,
    #[serde_with(skip_apply)]
    #[serde(deserialize_with = "lenient::text")]
    pub bio: Option<String>,
    pub wiki: Option<String>,
    /// The launches the astronaut flew on (detailed record only).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub flights: Vec<Launch>,
    /// The spacecraft flights the astronaut came back on (detailed record only).
    #[serde(skip_serializing_if = "Vec::is_empty")]
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
