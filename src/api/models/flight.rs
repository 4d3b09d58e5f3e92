//! A spacecraft flight: its launch, crews, docking events and landing.

use super::*;
use crate::api::duration::Dur;
use crate::api::lenient;
use jiff::Timestamp;
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;

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
    #[serde(deserialize_with = "super::spacecraft::id")]
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
