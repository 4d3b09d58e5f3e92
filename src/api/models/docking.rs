//! A docking event: a flight's (inside `/spacecraft_flights/`), a station's
//! (`/docking_events/?space_station_target__id=`, 2.2.0 `/docking_event/`),
//! or what is docked at a station's port now.
//!
//! 2.3.0 names both sides: the chaser (the visiting spacecraft flight,
//! payload flight or station) and the target. Inside a flight only the
//! target is sent (the flight is the chaser); in a station's list both are.

use super::*;
use crate::api::duration::Dur;
use crate::api::lenient;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};

/// A port (2.3.0 `DockingLocation`): of a station, or of a spacecraft or
/// payload that others dock to.
#[serde_with::apply(_ => #[serde(deserialize_with = "lenient::read")])]
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default)]
pub struct DockingLocation {
    pub id: Option<u64>,
    pub name: Option<String>,
    pub spacestation: Option<Named>,
    /// A spacecraft configuration with the port (a Crew Dragon's nose).
    pub spacecraft: Option<Named>,
    pub payload: Option<Named>,
}

/// A spacecraft flight (`spacecraft`) or a payload flight (`payload`) on
/// either side of a docking.
#[serde_with::apply(_ => #[serde(deserialize_with = "lenient::read")])]
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default)]
pub struct DockingFlight {
    /// A spacecraft flight's id (`/spacecraft_flights/{id}/`), or a payload
    /// flight's, which is another list: see [`DockingEvent::chaser_flight_id`].
    pub id: Option<u64>,
    pub url: Option<String>,
    pub spacecraft: Option<Named>,
    pub payload: Option<Named>,
    /// Boxed: four of these sit in every docking event, most of them empty.
    pub launch: Option<Box<Launch>>,
}

impl DockingFlight {
    /// The spacecraft's or payload's name.
    pub fn vehicle_name(&self) -> Option<&str> {
        self.spacecraft
            .as_ref()
            .and_then(Named::name)
            .or_else(|| self.payload.as_ref()?.name())
    }

    /// The spacecraft's id (`/spacecraft/{id}/`), if it is a positive integer.
    pub fn spacecraft_id(&self) -> Option<u64> {
        positive_id(self.spacecraft.as_ref()?.id)
    }
}

#[serde_with::apply(_ => #[serde(deserialize_with = "lenient::read")])]
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default)]
pub struct DockingEvent {
    pub id: Option<u64>,
    pub url: Option<String>,
    pub docking: Option<Timestamp>,
    pub departure: Option<Timestamp>,
    pub docking_location: Option<DockingLocation>,
    /// 2.2.0 calls it `spacestation` inside a flight, `space_station` in
    /// its own list.
    #[serde(alias = "spacestation", alias = "space_station")]
    pub space_station_target: Option<Named>,
    pub flight_vehicle_target: Option<DockingFlight>,
    pub payload_flight_target: Option<DockingFlight>,
    /// The visiting spacecraft flight; 2.2.0 calls it `flight_vehicle`.
    #[serde(alias = "flight_vehicle")]
    pub flight_vehicle_chaser: Option<DockingFlight>,
    pub payload_flight_chaser: Option<DockingFlight>,
    pub space_station_chaser: Option<Named>,
    /// 2.2.0 only: the visiting flight's launch.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub launch_id: Option<String>,
}

fn vehicle_name(target: &Option<DockingFlight>) -> Option<&str> {
    target.as_ref()?.vehicle_name()
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

    /// The station docked to (`/space_stations/{id}/`): the target's id,
    /// else the port's station.
    pub fn station_id(&self) -> Option<u64> {
        positive_id(self.space_station_target.as_ref().and_then(|s| s.id))
            .or_else(|| positive_id(self.docking_location.as_ref()?.spacestation.as_ref()?.id))
    }

    /// The visiting vehicle: the spacecraft of the chaser flight, else the
    /// payload, else a visiting station.
    pub fn chaser_name(&self) -> Option<&str> {
        vehicle_name(&self.flight_vehicle_chaser)
            .or_else(|| vehicle_name(&self.payload_flight_chaser))
            .or_else(|| self.space_station_chaser.as_ref()?.name())
    }

    /// The visiting spacecraft flight (`/spacecraft_flights/{id}/`): how a
    /// station's history leads to flights. A payload flight's id is not one.
    pub fn chaser_flight_id(&self) -> Option<u64> {
        self.flight_vehicle_chaser.as_ref()?.id
    }

    /// The visiting flight's launch (`/launches/{id}/`), if its id is one
    /// that can go into a URL.
    pub fn chaser_launch_id(&self) -> Option<&str> {
        let chaser = self
            .flight_vehicle_chaser
            .as_ref()
            .or(self.payload_flight_chaser.as_ref());
        chaser
            .and_then(|c| c.launch.as_ref()?.valid_id())
            .or_else(|| launch_id(self.launch_id.as_deref()?))
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
