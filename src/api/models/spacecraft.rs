//! A spacecraft and its configuration; record ids; a record as the API sent it.

use super::*;
use crate::api::duration::Dur;
use crate::api::lenient;
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;
use std::sync::Arc;

#[serde_with::apply(_ => #[serde(deserialize_with = "lenient::read")])]
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default)]
pub struct SpacecraftConfig {
    pub id: Option<i64>,
    pub url: Option<String>,
    pub name: Option<String>,
    /// The name as the API sent it, when cleaning it for display changed it:
    /// what the API's search and filters see.
    #[serde(skip)]
    pub name_api: Option<Box<str>>,
    #[serde(rename = "type")]
    pub kind: Option<Named>,
    pub agency: Option<Agency>,
    pub family: Vec<Named>,
    pub in_use: Option<bool>,
    #[serde(alias = "image_url")]
    pub image: Option<Image>,
    #[serde_with(skip_apply)]
    #[serde(deserialize_with = "lenient::text")]
    pub capability: Option<String>,
    #[serde_with(skip_apply)]
    #[serde(deserialize_with = "lenient::text")]
    pub history: Option<String>,
    #[serde_with(skip_apply)]
    #[serde(deserialize_with = "lenient::text")]
    pub details: Option<String>,
    pub maiden_flight: Option<String>,
    pub height: Option<f64>,
    pub diameter: Option<f64>,
    pub human_rated: Option<bool>,
    pub crew_capacity: Option<i64>,
    pub payload_capacity: Option<f64>,
    pub payload_return_capacity: Option<f64>,
    pub flight_life: Option<String>,
    pub wiki_link: Option<String>,
    pub info_link: Option<String>,
    pub spacecraft_flown: Option<u32>,
    pub total_launch_count: Option<u32>,
    pub successful_launches: Option<u32>,
    pub failed_launches: Option<u32>,
    pub attempted_landings: Option<u32>,
    pub successful_landings: Option<u32>,
    pub failed_landings: Option<u32>,
    pub fastest_turnaround: Option<Dur>,
}

/// One spacecraft: a row of the catalog, or (with `flights`) the detailed record.
#[serde_with::apply(_ => #[serde(deserialize_with = "lenient::read")])]
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default)]
pub struct Spacecraft {
    #[serde_with(skip_apply)]
    #[serde(deserialize_with = "id")]
    pub id: u64,
    pub url: Option<String>,
    pub name: String,
    pub serial_number: Option<String>,
    pub is_placeholder: Option<bool>,
    #[serde(alias = "image_url")]
    /// Boxed: most views never look at it, and it is large.
    pub image: Option<Box<Image>>,
    pub in_space: Option<bool>,
    pub time_in_space: Option<Dur>,
    pub time_docked: Option<Dur>,
    pub flights_count: Option<u32>,
    pub mission_ends_count: Option<u32>,
    pub status: Option<Named>,
    #[serde_with(skip_apply)]
    #[serde(deserialize_with = "lenient::text")]
    pub description: Option<String>,
    /// Shared: every spacecraft of a type has the same configuration
    /// (see `search::Catalog::new`).
    pub spacecraft_config: Option<Arc<SpacecraftConfig>>,
    pub fastest_turnaround: Option<Dur>,
    /// Only in the detailed record (`/spacecraft/{id}/`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub flights: Vec<Flight>,
    /// Read in detailed mode: the configuration is complete, so showing the
    /// spacecraft in full needs no request of its own.
    #[serde_with(skip_apply)]
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
pub(crate) fn optional_id<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
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
