//! A spacecraft flight: its launch, crews, docking events and landing.
//! Astronauts and docking events have files of their own.

use super::*;
use crate::api::duration::Dur;
use crate::api::lenient;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};

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
pub struct CrewMember {
    #[serde(deserialize_with = "lenient::int")]
    pub id: Option<i64>,
    #[serde(deserialize_with = "lenient::optional")]
    pub role: Option<Role>,
    #[serde(deserialize_with = "lenient::optional")]
    pub astronaut: Option<Astronaut>,
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
