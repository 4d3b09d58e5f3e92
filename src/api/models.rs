//! Typed records for the 2.2.0 and 2.3.0 shapes, read into one model.
//!
//! Field names are 2.3.0's; `alias` and the [`lenient`] readers take 2.2.0's
//! names and shapes. Every optional field may be null or missing; unknown
//! fields are ignored. Serialising a record writes the 2.3.0 field names, so
//! `--format json` looks the same whichever version was read.

use super::duration::Dur;
use super::lenient;
use jiff::Timestamp;
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;
use std::sync::Arc;

/// `{id, name}` objects (status, type, orbit, station…), also read from a plain
/// string (2.2.0 writes `"type": "Government"`).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Named {
    pub id: Option<i64>,
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub abbrev: Option<String>,
}

impl<'de> Deserialize<'de> for Named {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        struct Obj {
            #[serde(default, deserialize_with = "lenient::int")]
            id: Option<i64>,
            #[serde(default, deserialize_with = "lenient::line")]
            name: Option<String>,
            #[serde(default, deserialize_with = "lenient::line")]
            abbrev: Option<String>,
        }
        match Value::deserialize(d)? {
            Value::String(s) => Ok(Named {
                name: Some(crate::api::sanitize::clean_line(&s)).filter(|s| !s.is_empty()),
                ..Named::default()
            }),
            v @ Value::Object(_) => {
                let o = Obj::deserialize(v).map_err(serde::de::Error::custom)?;
                Ok(Named {
                    id: o.id,
                    name: o.name,
                    abbrev: o.abbrev,
                })
            }
            _ => Err(serde::de::Error::custom("expected an object or a string")),
        }
    }
}

impl Named {
    pub fn name(&self) -> Option<&str> {
        self.name.as_deref()
    }
}

/// 2.3.0 sends an image object; 2.2.0 an `image_url` string.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Image {
    pub image_url: Option<String>,
    pub thumbnail_url: Option<String>,
    pub credit: Option<String>,
    pub license: Option<Named>,
}

impl<'de> Deserialize<'de> for Image {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize, Default)]
        #[serde(default)]
        struct Obj {
            #[serde(deserialize_with = "lenient::line")]
            image_url: Option<String>,
            #[serde(deserialize_with = "lenient::line")]
            thumbnail_url: Option<String>,
            #[serde(deserialize_with = "lenient::line")]
            credit: Option<String>,
            #[serde(deserialize_with = "lenient::optional")]
            license: Option<Named>,
        }
        match Value::deserialize(d)? {
            Value::String(s) => Ok(Image {
                image_url: Some(crate::api::sanitize::clean_line(&s)),
                ..Image::default()
            }),
            v @ Value::Object(_) => {
                let o = Obj::deserialize(v).map_err(serde::de::Error::custom)?;
                Ok(Image {
                    image_url: o.image_url,
                    thumbnail_url: o.thumbnail_url,
                    credit: o.credit,
                    license: o.license,
                })
            }
            _ => Err(serde::de::Error::custom("expected an object or a string")),
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default)]
pub struct Country {
    #[serde(deserialize_with = "lenient::line")]
    pub name: Option<String>,
    #[serde(deserialize_with = "lenient::line")]
    pub alpha_3_code: Option<String>,
    #[serde(deserialize_with = "lenient::line")]
    pub nationality_name: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default)]
pub struct Agency {
    #[serde(deserialize_with = "lenient::int")]
    pub id: Option<i64>,
    #[serde(deserialize_with = "lenient::line")]
    pub name: Option<String>,
    #[serde(deserialize_with = "lenient::line")]
    pub abbrev: Option<String>,
    #[serde(rename = "type", deserialize_with = "lenient::optional")]
    pub kind: Option<Named>,
    /// 2.3.0: a list of countries.
    #[serde(deserialize_with = "lenient::list")]
    pub country: Vec<Country>,
    /// 2.2.0: one code, e.g. `RUS`.
    #[serde(
        deserialize_with = "lenient::line",
        skip_serializing_if = "Option::is_none"
    )]
    pub country_code: Option<String>,
    #[serde(deserialize_with = "lenient::text")]
    pub description: Option<String>,
    #[serde(deserialize_with = "lenient::line")]
    pub administrator: Option<String>,
    #[serde(deserialize_with = "lenient::int")]
    pub founding_year: Option<i64>,
}

impl Agency {
    /// Country names (2.3.0) or the 2.2.0 code.
    pub fn countries(&self) -> String {
        let names: Vec<&str> = self
            .country
            .iter()
            .filter_map(|c| c.name.as_deref())
            .collect();
        if names.is_empty() {
            self.country_code.clone().unwrap_or_default()
        } else {
            names.join(", ")
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default)]
pub struct SpacecraftConfig {
    #[serde(deserialize_with = "lenient::int")]
    pub id: Option<i64>,
    #[serde(deserialize_with = "lenient::line")]
    pub url: Option<String>,
    #[serde(deserialize_with = "lenient::line")]
    pub name: Option<String>,
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
}

impl Spacecraft {
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
fn id<'de, D: Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
    exact_id(&Value::deserialize(d)?)
        .ok_or_else(|| serde::de::Error::custom("no id that is a positive integer below 2^64"))
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

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default)]
pub struct RocketConfig {
    #[serde(deserialize_with = "lenient::line")]
    pub name: Option<String>,
    #[serde(deserialize_with = "lenient::line")]
    pub full_name: Option<String>,
    #[serde(deserialize_with = "lenient::line")]
    pub variant: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default)]
pub struct Rocket {
    #[serde(deserialize_with = "lenient::optional")]
    pub configuration: Option<RocketConfig>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default)]
pub struct Mission {
    #[serde(deserialize_with = "lenient::line")]
    pub name: Option<String>,
    #[serde(rename = "type", deserialize_with = "lenient::line")]
    pub kind: Option<String>,
    #[serde(deserialize_with = "lenient::text")]
    pub description: Option<String>,
    #[serde(deserialize_with = "lenient::optional")]
    pub orbit: Option<Named>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default)]
pub struct PadLocation {
    #[serde(deserialize_with = "lenient::int")]
    pub id: Option<i64>,
    #[serde(deserialize_with = "lenient::line")]
    pub name: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default)]
pub struct Pad {
    #[serde(deserialize_with = "lenient::int")]
    pub id: Option<i64>,
    #[serde(deserialize_with = "lenient::line")]
    pub name: Option<String>,
    #[serde(deserialize_with = "lenient::float")]
    pub latitude: Option<f64>,
    #[serde(deserialize_with = "lenient::float")]
    pub longitude: Option<f64>,
    #[serde(deserialize_with = "lenient::optional")]
    pub location: Option<PadLocation>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default)]
pub struct Launch {
    #[serde(deserialize_with = "lenient::line")]
    pub id: Option<String>,
    #[serde(deserialize_with = "lenient::line")]
    pub url: Option<String>,
    #[serde(deserialize_with = "lenient::line")]
    pub name: Option<String>,
    #[serde(deserialize_with = "lenient::optional")]
    pub status: Option<Named>,
    #[serde(deserialize_with = "lenient::timestamp")]
    pub net: Option<Timestamp>,
    #[serde(deserialize_with = "lenient::optional")]
    pub launch_service_provider: Option<Named>,
    #[serde(deserialize_with = "lenient::optional")]
    pub rocket: Option<Rocket>,
    #[serde(deserialize_with = "lenient::optional")]
    pub mission: Option<Mission>,
    #[serde(deserialize_with = "lenient::optional")]
    pub pad: Option<Pad>,
    #[serde(deserialize_with = "lenient::optional")]
    pub image: Option<Image>,
}

impl Launch {
    pub fn rocket_name(&self) -> Option<&str> {
        let c = self.rocket.as_ref()?.configuration.as_ref()?;
        c.full_name.as_deref().or(c.name.as_deref())
    }
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default)]
pub struct LandingLocation {
    #[serde(deserialize_with = "lenient::line")]
    pub name: Option<String>,
    #[serde(deserialize_with = "lenient::line")]
    pub abbrev: Option<String>,
    #[serde(deserialize_with = "lenient::text")]
    pub description: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default)]
pub struct Landing {
    #[serde(deserialize_with = "lenient::int")]
    pub id: Option<i64>,
    #[serde(deserialize_with = "lenient::boolean")]
    pub attempt: Option<bool>,
    #[serde(deserialize_with = "lenient::boolean")]
    pub success: Option<bool>,
    #[serde(deserialize_with = "lenient::text")]
    pub description: Option<String>,
    #[serde(deserialize_with = "lenient::float")]
    pub downrange_distance: Option<f64>,
    /// 2.2.0 calls it `location`.
    #[serde(alias = "location", deserialize_with = "lenient::optional")]
    pub landing_location: Option<LandingLocation>,
    #[serde(rename = "type", deserialize_with = "lenient::optional")]
    pub kind: Option<Named>,
}

impl Landing {
    /// "success", "failure", "no attempt" or "unknown", for tables.
    pub fn outcome(&self) -> &'static str {
        match (self.attempt, self.success) {
            (Some(false), _) => "no attempt",
            (_, Some(true)) => "success",
            (_, Some(false)) => "failure",
            _ => "unknown",
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default)]
pub struct Role {
    #[serde(deserialize_with = "lenient::line")]
    pub role: Option<String>,
    #[serde(deserialize_with = "lenient::int")]
    pub priority: Option<i64>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default)]
pub struct Astronaut {
    #[serde(deserialize_with = "lenient::int")]
    pub id: Option<i64>,
    #[serde(deserialize_with = "lenient::line")]
    pub name: Option<String>,
    #[serde(deserialize_with = "lenient::optional")]
    pub status: Option<Named>,
    #[serde(deserialize_with = "lenient::optional")]
    pub agency: Option<Agency>,
    /// 2.3.0: a list of countries; 2.2.0: one string. Read into names.
    #[serde(deserialize_with = "nationality")]
    pub nationality: Vec<String>,
    #[serde(deserialize_with = "lenient::line")]
    pub wiki: Option<String>,
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

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default)]
pub struct CrewMember {
    #[serde(deserialize_with = "lenient::int")]
    pub id: Option<i64>,
    #[serde(deserialize_with = "lenient::optional")]
    pub role: Option<Role>,
    #[serde(deserialize_with = "lenient::optional")]
    pub astronaut: Option<Astronaut>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default)]
pub struct DockingLocation {
    #[serde(deserialize_with = "lenient::line")]
    pub name: Option<String>,
    #[serde(deserialize_with = "lenient::optional")]
    pub spacestation: Option<Named>,
}

fn vehicle_name(target: &Option<FlightTarget>) -> Option<&str> {
    let t = target.as_ref()?;
    t.spacecraft.as_ref().or(t.payload.as_ref())?.name()
}

/// `{spacecraft: {...}}` or `{payload: {...}}`: the vehicle inside a flight target.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default)]
pub struct FlightTarget {
    #[serde(deserialize_with = "lenient::optional")]
    pub spacecraft: Option<Named>,
    #[serde(deserialize_with = "lenient::optional")]
    pub payload: Option<Named>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default)]
pub struct DockingEvent {
    #[serde(deserialize_with = "lenient::int")]
    pub id: Option<i64>,
    #[serde(deserialize_with = "lenient::timestamp")]
    pub docking: Option<Timestamp>,
    #[serde(deserialize_with = "lenient::timestamp")]
    pub departure: Option<Timestamp>,
    #[serde(deserialize_with = "lenient::optional")]
    pub docking_location: Option<DockingLocation>,
    /// 2.2.0 calls it `spacestation`.
    #[serde(alias = "spacestation", deserialize_with = "lenient::optional")]
    pub space_station_target: Option<Named>,
    #[serde(deserialize_with = "lenient::optional")]
    pub flight_vehicle_target: Option<FlightTarget>,
    #[serde(deserialize_with = "lenient::optional")]
    pub payload_flight_target: Option<FlightTarget>,
}

impl DockingEvent {
    /// What was docked to: a station, another spacecraft or a payload.
    pub fn target_name(&self) -> Option<&str> {
        self.space_station_target
            .as_ref()
            .and_then(Named::name)
            .or_else(|| vehicle_name(&self.flight_vehicle_target))
            .or_else(|| vehicle_name(&self.payload_flight_target))
            .or_else(|| {
                self.docking_location
                    .as_ref()?
                    .spacestation
                    .as_ref()?
                    .name()
            })
    }

    pub fn port(&self) -> Option<&str> {
        self.docking_location.as_ref()?.name.as_deref()
    }

    /// Docked time; an event with no departure yet is still docked, measured to `now`.
    pub fn docked_for(&self, now: Timestamp) -> Option<Dur> {
        let end = self.departure.unwrap_or(now);
        let secs = end.duration_since(self.docking?).as_secs();
        (secs >= 0).then(|| Dur::from_secs(secs))
    }
}

/// One flight of a spacecraft (`/spacecraft_flights/`, 2.2.0 `/spacecraft/flight/`).
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default)]
pub struct Flight {
    #[serde(deserialize_with = "id")]
    pub id: u64,
    #[serde(deserialize_with = "lenient::line")]
    pub url: Option<String>,
    #[serde(deserialize_with = "lenient::line")]
    pub destination: Option<String>,
    #[serde(deserialize_with = "lenient::timestamp")]
    pub mission_end: Option<Timestamp>,
    #[serde(deserialize_with = "lenient::optional")]
    pub spacecraft: Option<Box<Spacecraft>>,
    #[serde(deserialize_with = "lenient::optional")]
    pub launch: Option<Launch>,
    #[serde(deserialize_with = "lenient::optional")]
    pub landing: Option<Landing>,
    /// 2.3.0 only; [`Flight::duration`] derives it for 2.2.0.
    #[serde(deserialize_with = "lenient::duration")]
    pub duration: Option<Dur>,
    #[serde(deserialize_with = "lenient::duration")]
    pub turn_around_time: Option<Dur>,
    #[serde(deserialize_with = "lenient::list")]
    pub launch_crew: Vec<CrewMember>,
    #[serde(deserialize_with = "lenient::list")]
    pub onboard_crew: Vec<CrewMember>,
    #[serde(deserialize_with = "lenient::list")]
    pub landing_crew: Vec<CrewMember>,
    #[serde(deserialize_with = "lenient::list")]
    pub docking_events: Vec<DockingEvent>,
}

impl Flight {
    pub fn launch_time(&self) -> Option<Timestamp> {
        self.launch.as_ref()?.net
    }

    /// The API's duration, or launch to mission end where it sends none (2.2.0).
    pub fn duration(&self) -> Option<Dur> {
        self.duration.or_else(|| {
            let secs = self
                .mission_end?
                .duration_since(self.launch_time()?)
                .as_secs();
            (secs >= 0).then(|| Dur::from_secs(secs))
        })
    }

    /// Total docked time over all docking events (ongoing ones up to `now`).
    pub fn time_docked(&self, now: Timestamp) -> Dur {
        // Saturating: some 15 million dockings of 20,000 years each would overflow the sum.
        Dur::from_secs(
            self.docking_events
                .iter()
                .filter_map(|e| e.docked_for(now))
                .fold(0i64, |sum, d| sum.saturating_add(d.secs())),
        )
    }
}

/// `GET /api-throttle/`: the caller's request budget.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default)]
pub struct Throttle {
    #[serde(deserialize_with = "lenient::int")]
    pub your_request_limit: Option<i64>,
    #[serde(deserialize_with = "lenient::int")]
    pub limit_frequency_secs: Option<i64>,
    #[serde(deserialize_with = "lenient::int")]
    pub current_use: Option<i64>,
    #[serde(deserialize_with = "lenient::int")]
    pub next_use_secs: Option<i64>,
    #[serde(deserialize_with = "lenient::line")]
    pub ident: Option<String>,
}

impl Throttle {
    /// Requests left in the current window, when the server said both numbers.
    pub fn remaining(&self) -> Option<i64> {
        // The schema's integers are unbounded: i64::MAX less a negative use must not overflow.
        Some(
            self.your_request_limit?
                .saturating_sub(self.current_use?)
                .max(0),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_budget_left_saturates_at_the_ends_of_the_integers() {
        let budget = |limit, used| Throttle {
            your_request_limit: Some(limit),
            current_use: Some(used),
            ..Throttle::default()
        };
        assert_eq!(budget(15, 4).remaining(), Some(11));
        assert_eq!(budget(i64::MAX, -1).remaining(), Some(i64::MAX));
        assert_eq!(budget(i64::MIN, i64::MAX).remaining(), Some(0));
    }
}
