//! A space station: the record of `/space_stations/{id}/` (2.2.0
//! `/spacestation/{id}/`), with its ports and what is docked at them now.

use super::*;
use crate::api::lenient;
use jiff::civil::Date;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};

/// An expedition on board now. 2.2.0 sends its crew; 2.3.0's schema
/// (`ExpeditionMini`) does not, so `crew` is empty there.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default)]
pub struct Expedition {
    #[serde(deserialize_with = "super::spacecraft::optional_id")]
    pub id: Option<u64>,
    #[serde(deserialize_with = "lenient::line")]
    pub url: Option<String>,
    #[serde(deserialize_with = "lenient::line")]
    pub name: Option<String>,
    #[serde(deserialize_with = "lenient::timestamp")]
    pub start: Option<Timestamp>,
    #[serde(deserialize_with = "lenient::timestamp")]
    pub end: Option<Timestamp>,
    #[serde(
        deserialize_with = "lenient::list",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub crew: Vec<CrewMember>,
}

/// One of a station's ports, with what is docked at it now.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default)]
pub struct DockingPort {
    #[serde(deserialize_with = "super::spacecraft::optional_id")]
    pub id: Option<u64>,
    #[serde(deserialize_with = "lenient::line")]
    pub name: Option<String>,
    /// 2.2.0 calls it `docked`. Null when the port is free.
    #[serde(alias = "docked", deserialize_with = "lenient::optional")]
    pub currently_docked: Option<DockingEvent>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default)]
pub struct SpaceStation {
    #[serde(deserialize_with = "super::spacecraft::id")]
    pub id: u64,
    #[serde(deserialize_with = "lenient::line")]
    pub url: Option<String>,
    #[serde(deserialize_with = "lenient::name")]
    pub name: String,
    #[serde(deserialize_with = "lenient::optional")]
    pub status: Option<Named>,
    /// Government, Commercial, …
    #[serde(rename = "type", deserialize_with = "lenient::optional")]
    pub kind: Option<Named>,
    #[serde(deserialize_with = "lenient::date")]
    pub founded: Option<Date>,
    #[serde(deserialize_with = "lenient::date")]
    pub deorbited: Option<Date>,
    #[serde(deserialize_with = "lenient::text")]
    pub description: Option<String>,
    /// A name (`Low Earth Orbit`), in both versions.
    #[serde(deserialize_with = "lenient::line")]
    pub orbit: Option<String>,
    #[serde(deserialize_with = "lenient::list")]
    pub owners: Vec<Agency>,
    #[serde(deserialize_with = "lenient::list")]
    pub active_expeditions: Vec<Expedition>,
    /// Metres.
    #[serde(deserialize_with = "lenient::float")]
    pub height: Option<f64>,
    /// Metres.
    #[serde(deserialize_with = "lenient::float")]
    pub width: Option<f64>,
    /// The schema gives no unit; the ISS's is about 450: tonnes.
    #[serde(deserialize_with = "lenient::float")]
    pub mass: Option<f64>,
    /// Cubic metres.
    #[serde(deserialize_with = "lenient::float")]
    pub volume: Option<f64>,
    /// People on board now.
    #[serde(deserialize_with = "lenient::count")]
    pub onboard_crew: Option<u32>,
    /// Vehicles docked now.
    #[serde(deserialize_with = "lenient::count")]
    pub docked_vehicles: Option<u32>,
    #[serde(deserialize_with = "lenient::list")]
    pub docking_location: Vec<DockingPort>,
    /// Docking events not yet over (2.3.0). Their schema names the target
    /// only, not the visitor: [`SpaceStation::docked_now`] reads the ports.
    #[serde(deserialize_with = "lenient::list")]
    pub active_docking_events: Vec<DockingEvent>,
    /// 2.2.0 sends an `image_url` string.
    #[serde(alias = "image_url", deserialize_with = "lenient::optional")]
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
