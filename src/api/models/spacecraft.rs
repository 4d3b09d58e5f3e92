//! A spacecraft and its configuration; record ids; a record as the API sent it.

use super::*;
use crate::api::duration::Dur;
use crate::api::lenient;
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;
use std::sync::Arc;

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default)]
pub struct SpacecraftConfig {
    #[serde(deserialize_with = "lenient::int")]
    pub id: Option<i64>,
    #[serde(deserialize_with = "lenient::line")]
    pub url: Option<String>,
    #[serde(deserialize_with = "lenient::line")]
    pub name: Option<String>,
    /// The name as the API sent it, when cleaning it for display changed it:
    /// what the API's search and filters see.
    #[serde(skip)]
    pub name_api: Option<Box<str>>,
    #[serde(rename = "type", deserialize_with = "lenient::optional")]
    pub kind: Option<Named>,
    #[serde(deserialize_with = "lenient::optional")]
    pub agency: Option<Agency>,
    #[serde(deserialize_with = "lenient::list")]
    pub family: Vec<Named>,
    #[serde(deserialize_with = "lenient::boolean")]
    pub in_use: Option<bool>,
    #[serde(alias = "image_url", deserialize_with = "lenient::optional")]
    pub image: Option<Image>,
    #[serde(deserialize_with = "lenient::text")]
    pub capability: Option<String>,
    #[serde(deserialize_with = "lenient::text")]
    pub history: Option<String>,
    #[serde(deserialize_with = "lenient::text")]
    pub details: Option<String>,
    #[serde(deserialize_with = "lenient::line")]
    pub maiden_flight: Option<String>,
    #[serde(deserialize_with = "lenient::float")]
    pub height: Option<f64>,
    #[serde(deserialize_with = "lenient::float")]
    pub diameter: Option<f64>,
    #[serde(deserialize_with = "lenient::boolean")]
    pub human_rated: Option<bool>,
    #[serde(deserialize_with = "lenient::int")]
    pub crew_capacity: Option<i64>,
    #[serde(deserialize_with = "lenient::float")]
    pub payload_capacity: Option<f64>,
    #[serde(deserialize_with = "lenient::float")]
    pub payload_return_capacity: Option<f64>,
    #[serde(deserialize_with = "lenient::line")]
    pub flight_life: Option<String>,
    #[serde(deserialize_with = "lenient::line")]
    pub wiki_link: Option<String>,
    #[serde(deserialize_with = "lenient::line")]
    pub info_link: Option<String>,
    #[serde(deserialize_with = "lenient::count")]
    pub spacecraft_flown: Option<u32>,
    #[serde(deserialize_with = "lenient::count")]
    pub total_launch_count: Option<u32>,
    #[serde(deserialize_with = "lenient::count")]
    pub successful_launches: Option<u32>,
    #[serde(deserialize_with = "lenient::count")]
    pub failed_launches: Option<u32>,
    #[serde(deserialize_with = "lenient::count")]
    pub attempted_landings: Option<u32>,
    #[serde(deserialize_with = "lenient::count")]
    pub successful_landings: Option<u32>,
    #[serde(deserialize_with = "lenient::count")]
    pub failed_landings: Option<u32>,
    #[serde(deserialize_with = "lenient::duration")]
    pub fastest_turnaround: Option<Dur>,
}

/// One spacecraft: a row of the catalog, or (with `flights`) the detailed record.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default)]
pub struct Spacecraft {
    #[serde(deserialize_with = "id")]
    pub id: u64,
    #[serde(deserialize_with = "lenient::line")]
    pub url: Option<String>,
    #[serde(deserialize_with = "lenient::name")]
    pub name: String,
    #[serde(deserialize_with = "lenient::line")]
    pub serial_number: Option<String>,
    #[serde(deserialize_with = "lenient::boolean")]
    pub is_placeholder: Option<bool>,
    #[serde(alias = "image_url", deserialize_with = "lenient::optional")]
    /// Boxed: most views never look at it, and it is large.
    pub image: Option<Box<Image>>,
    #[serde(deserialize_with = "lenient::boolean")]
    pub in_space: Option<bool>,
    #[serde(deserialize_with = "lenient::duration")]
    pub time_in_space: Option<Dur>,
    #[serde(deserialize_with = "lenient::duration")]
    pub time_docked: Option<Dur>,
    #[serde(deserialize_with = "lenient::count")]
    pub flights_count: Option<u32>,
    #[serde(deserialize_with = "lenient::count")]
    pub mission_ends_count: Option<u32>,
    #[serde(deserialize_with = "lenient::optional")]
    pub status: Option<Named>,
    #[serde(deserialize_with = "lenient::text")]
    pub description: Option<String>,
    #[serde(deserialize_with = "lenient::optional")]
    /// Shared: every spacecraft of a type has the same configuration
    /// (see `search::Catalog::new`).
    pub spacecraft_config: Option<Arc<SpacecraftConfig>>,
    #[serde(deserialize_with = "lenient::duration")]
    pub fastest_turnaround: Option<Dur>,
    /// Only in the detailed record (`/spacecraft/{id}/`).
    #[serde(
        deserialize_with = "lenient::list",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub flights: Vec<Flight>,
    /// Read in detailed mode: the configuration is complete, so showing the
    /// spacecraft in full needs no request of its own.
    #[serde(
        rename = "response_mode",
        deserialize_with = "lenient::detailed",
        skip_serializing
    )]
    pub detailed: bool,
    /// The name as the API sent it, when cleaning it for display changed it
    /// (runs of spaces, tabs, bidi marks): what the API's search and its
    /// `name` filter see.
    #[serde(skip)]
    pub name_api: Option<Box<str>>,
}

impl Spacecraft {
    /// The name the API's search matches: its own text.
    pub fn search_name(&self) -> &str {
        self.name_api.as_deref().unwrap_or(&self.name)
    }

    /// The configuration's name the API's search matches: its own text.
    pub fn search_config_name(&self) -> Option<&str> {
        let config = self.spacecraft_config.as_ref()?;
        config.name_api.as_deref().or(config.name.as_deref())
    }

    /// Keeps the API's own text of the names where cleaning changed it.
    pub fn keep_api_text(&mut self, raw: &Value) {
        if let Some(name) = raw.get("name").and_then(Value::as_str) {
            if name != self.name {
                self.name_api = Some(name.into());
            }
        }
        let raw_config = raw
            .get("spacecraft_config")
            .and_then(|c| c.get("name"))
            .and_then(Value::as_str);
        if let (Some(name), Some(config)) = (raw_config, self.spacecraft_config.as_mut()) {
            if Some(name) != config.name.as_deref() {
                Arc::make_mut(config).name_api = Some(name.into());
            }
        }
    }

    pub fn config_name(&self) -> Option<&str> {
        self.spacecraft_config.as_ref()?.name.as_deref()
    }

    pub fn status_name(&self) -> Option<&str> {
        self.status.as_ref()?.name()
    }
}

/// Record ids must be kept exactly: without one a record cannot be merged
/// or opened. Any positive integer up to 2^64 - 1 is kept; 0, a negative
/// number, a fraction or a larger number refuses the record, which the
/// page counts and the user is told of.
pub(super) fn id<'de, D: Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
    exact_id(&Value::deserialize(d)?)
        .ok_or_else(|| serde::de::Error::custom("no id that is a positive integer below 2^64"))
}

/// An id of a record met inside another (a crew member, a docking event of
/// a flight): read as [`id`] does, but one that is not a positive integer
/// leaves only the id out, so the rest of the record is still shown.
pub(super) fn optional_id<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
    Ok(exact_id(&Value::deserialize(d)?))
}

/// An id as [`id`] reads it, from a JSON value.
pub fn exact_id(value: &Value) -> Option<u64> {
    let id = match value {
        Value::Number(n) => n.as_u64(),
        Value::String(s) => s.trim().parse::<u64>().ok(),
        _ => None,
    };
    id.filter(|&i| i > 0)
}

/// A record exactly as the API sent it (`--format json` prints it so, with
/// every field the schema names, modelled or not). Only its id is read.
#[derive(Debug, Clone, PartialEq)]
pub struct RawRecord(pub Value);

impl<'de> Deserialize<'de> for RawRecord {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let value = Value::deserialize(d)?;
        match value.get("id").and_then(exact_id) {
            Some(_) => Ok(RawRecord(value)),
            None => Err(serde::de::Error::custom(
                "no id that is a positive integer below 2^64",
            )),
        }
    }
}

impl RawRecord {
    pub fn id(&self) -> u64 {
        self.0.get("id").and_then(exact_id).unwrap_or(0)
    }
}
