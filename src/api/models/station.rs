//! A space station: the record of `/space_stations/{id}/` (2.2.0
//! `/spacestation/{id}/`), with its ports and what is docked at them now.

use super::*;
use crate::api::lenient;
use jiff::civil::Date;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};

/// An expedition on board now. 2.2.0 sends its crew; 2.3.0's schema
/// (`ExpeditionMini`) does not, so `crew` is empty there.
#[serde_with::apply(_ => #[serde(deserialize_with = "lenient::read")])]
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default)]
pub struct Expedition {
    pub id: Option<u64>,
    pub url: Option<String>,
    pub name: Option<String>,
    pub start: Option<Timestamp>,
    pub end: Option<Timestamp>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub crew: Vec<CrewMember>,
}

/// One of a station's ports, with what is docked at it now.
#[serde_with::apply(_ => #[serde(deserialize_with = "lenient::read")])]
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default)]
pub struct DockingPort {
    pub id: Option<u64>,
    pub name: Option<String>,
    /// 2.2.0 calls it `docked`. Null when the port is free.
    #[serde(alias = "docked")]
    pub currently_docked: Option<DockingEvent>,
}

#[serde_with::apply(_ => #[serde(deserialize_with = "lenient::read")])]
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default)]
pub struct SpaceStation {
    #[serde_with(skip_apply)]
    #[serde(deserialize_with = "super::spacecraft::id")]
    pub id: u64,
    pub url: Option<String>,
    pub name: String,
    pub status: Option<Named>,
    /// Government, Commercial, …
    #[serde(rename = "type")]
    pub kind: Option<Named>,
    pub founded: Option<Date>,
    pub deorbited: Option<Date>,
    #[serde_with(skip_apply)]
    #[serde(deserialize_with = "lenient::text")]
    pub description: Option<String>,
    /// A name (`Low Earth Orbit`), in both versions.
    pub orbit: Option<String>,
    pub owners: Vec<Agency>,
    pub active_expeditions: Vec<Expedition>,
    /// Metres.
    pub height: Option<f64>,
    /// Metres.
    pub width: Option<f64>,
    /// The schema gives no unit; the ISS's is about 450: tonnes.
    pub mass: Option<f64>,
    /// Cubic metres.
    pub volume: Option<f64>,
    /// People on board now.
    pub onboard_crew: Option<u32>,
    /// Vehicles docked now.
    pub docked_vehicles: Option<u32>,
    pub docking_location: Vec<DockingPort>,
    /// Docking events not yet over (2.3.0). Their schema names the target
    /// only, not the visitor: [`SpaceStation::docked_now`] reads the ports.
    pub active_docking_events: Vec<DockingEvent>,
    /// 2.2.0 sends an `image_url` string.
    #[serde(alias = "image_url")]
    pub image: Option<Image>,
}

impl SpaceStation {
    pub fn status_name(&self) -> Option<&str> {
        self.status.as_ref()?.name()
    }

    pub fn kind_name(&self) -> Option<&str> {
        self.kind.as_ref()?.name()
    }

    /// The owners' abbreviations (else names), comma-separated.
    pub fn owner_names(&self) -> String {
        self.owners
            .iter()
            .filter_map(|a| a.abbrev.as_deref().or(a.name.as_deref()))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The ports with something docked at them now, and what.
    pub fn docked_now(&self) -> impl Iterator<Item = (&DockingPort, &DockingEvent)> {
        self.docking_location
            .iter()
            .filter_map(|p| Some((p, p.currently_docked.as_ref()?)))
    }

    /// The crew of the expeditions on board (2.2.0; 2.3.0 does not send it).
    pub fn crew_on_board(&self) -> impl Iterator<Item = &CrewMember> {
        self.active_expeditions.iter().flat_map(|e| &e.crew)
    }
}
