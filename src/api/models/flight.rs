//! A spacecraft flight: its launch, crews, docking events and landing.
//! Astronauts and docking events have files of their own.

use super::*;
use crate::api::duration::Dur;
use crate::api::lenient;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};

#[serde_with::apply(_ => #[serde(deserialize_with = "lenient::read")])]
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default)]
pub struct LandingLocation {
    pub name: Option<String>,
    pub abbrev: Option<String>,
    #[serde_with(skip_apply)]
    #[serde(deserialize_with = "lenient::text")]
    pub description: Option<String>,
}

#[serde_with::apply(_ => #[serde(deserialize_with = "lenient::read")])]
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default)]
pub struct Landing {
    pub id: Option<i64>,
    pub attempt: Option<bool>,
    pub success: Option<bool>,
    #[serde_with(skip_apply)]
    #[serde(deserialize_with = "lenient::text")]
    pub description: Option<String>,
    pub downrange_distance: Option<f64>,
    /// 2.2.0 calls it `location`.
    #[serde(alias = "location")]
    pub landing_location: Option<LandingLocation>,
    #[serde(rename = "type")]
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

#[serde_with::apply(_ => #[serde(deserialize_with = "lenient::read")])]
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default)]
pub struct Role {
    pub role: Option<String>,
    pub priority: Option<i64>,
}

#[serde_with::apply(_ => #[serde(deserialize_with = "lenient::read")])]
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default)]
pub struct CrewMember {
    pub id: Option<i64>,
    pub role: Option<Role>,
    pub astronaut: Option<Astronaut>,
}

/// One flight of a spacecraft (`/spacecraft_flights/`, 2.2.0 `/spacecraft/flight/`).
#[serde_with::apply(_ => #[serde(deserialize_with = "lenient::read")])]
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default)]
pub struct Flight {
    #[serde_with(skip_apply)]
    #[serde(deserialize_with = "super::spacecraft::id")]
    pub id: u64,
    pub url: Option<String>,
    pub destination: Option<String>,
    pub mission_end: Option<Timestamp>,
    pub spacecraft: Option<Box<Spacecraft>>,
    pub launch: Option<Launch>,
    pub landing: Option<Landing>,
    /// 2.3.0 only; [`Flight::duration`] derives it for 2.2.0.
    pub duration: Option<Dur>,
    pub turn_around_time: Option<Dur>,
    pub launch_crew: Vec<CrewMember>,
    pub onboard_crew: Vec<CrewMember>,
    pub landing_crew: Vec<CrewMember>,
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
