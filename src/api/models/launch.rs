//! A launch: rocket (with the spacecraft flights it carried), mission, pad;
//! inside a flight, or the record of `/launches/{id}/` (2.2.0 `/launch/{id}/`).

use super::*;
use crate::api::lenient;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};

#[serde_with::apply(_ => #[serde(deserialize_with = "lenient::read")])]
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default)]
pub struct RocketConfig {
    pub name: Option<String>,
    pub full_name: Option<String>,
    pub variant: Option<String>,
}

#[serde_with::apply(_ => #[serde(deserialize_with = "lenient::read")])]
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default)]
pub struct Rocket {
    pub configuration: Option<RocketConfig>,
    /// The spacecraft flights the launch carried (the launch's own record
    /// only): a list in 2.3.0, one object or null in 2.2.0.
    #[serde_with(skip_apply)]
    #[serde(
        deserialize_with = "lenient::one_or_many",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub spacecraft_stage: Vec<Flight>,
}

#[serde_with::apply(_ => #[serde(deserialize_with = "lenient::read")])]
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default)]
pub struct Mission {
    pub name: Option<String>,
    #[serde(rename = "type")]
    pub kind: Option<String>,
    #[serde_with(skip_apply)]
    #[serde(deserialize_with = "lenient::text")]
    pub description: Option<String>,
    pub orbit: Option<Named>,
    pub agencies: Vec<Agency>,
}

#[serde_with::apply(_ => #[serde(deserialize_with = "lenient::read")])]
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default)]
pub struct PadLocation {
    pub id: Option<i64>,
    pub name: Option<String>,
    /// 2.3.0.
    pub country: Option<Country>,
    /// 2.2.0: one code, e.g. `KAZ`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country_code: Option<String>,
}

#[serde_with::apply(_ => #[serde(deserialize_with = "lenient::read")])]
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default)]
pub struct Pad {
    pub id: Option<i64>,
    pub name: Option<String>,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub location: Option<PadLocation>,
    /// 2.3.0.
    pub country: Option<Country>,
    /// 2.2.0: one code, e.g. `KAZ`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country_code: Option<String>,
}

#[serde_with::apply(_ => #[serde(deserialize_with = "lenient::read")])]
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default)]
pub struct Launch {
    pub id: Option<String>,
    pub url: Option<String>,
    pub name: Option<String>,
    pub status: Option<Named>,
    pub net: Option<Timestamp>,
    /// How exact `net` is (second, hour, day, month…).
    pub net_precision: Option<Named>,
    pub window_start: Option<Timestamp>,
    pub window_end: Option<Timestamp>,
    pub launch_service_provider: Option<Named>,
    pub rocket: Option<Rocket>,
    pub mission: Option<Mission>,
    pub pad: Option<Pad>,
    pub image: Option<Image>,
}

impl Launch {
    pub fn rocket_name(&self) -> Option<&str> {
        let c = self.rocket.as_ref()?.configuration.as_ref()?;
        c.full_name.as_deref().or(c.name.as_deref())
    }

    /// The id, if it is one that can go into a URL (see [`launch_id`]).
    pub fn valid_id(&self) -> Option<&str> {
        launch_id(self.id.as_deref()?)
    }

    /// The id as a reference, when it is a UUID: what links, `hangar open`
    /// and the sync's launch-to-flight lookups take.
    pub fn reference(&self) -> Option<crate::api::LaunchId> {
        self.id.as_deref()?.parse().ok()
    }

    /// The spacecraft flights the launch carried (its own record only).
    pub fn spacecraft_flights(&self) -> &[Flight] {
        self.rocket
            .as_ref()
            .map_or(&[], |r| r.spacecraft_stage.as_slice())
    }

    /// The pad's location (`Baikonur Cosmodrome, Republic of Kazakhstan`).
    pub fn location_name(&self) -> Option<&str> {
        self.pad.as_ref()?.location.as_ref()?.name.as_deref()
    }

    /// The country launched from: the location's, else the pad's; a name
    /// (2.3.0) or a code (2.2.0).
    pub fn country(&self) -> Option<&str> {
        let pad = self.pad.as_ref()?;
        let location = pad.location.as_ref();
        fn name(c: Option<&Country>) -> Option<&str> {
            c?.name.as_deref()
        }
        name(location.and_then(|l| l.country.as_ref()))
            .or_else(|| name(pad.country.as_ref()))
            .or_else(|| location.and_then(|l| l.country_code.as_deref()))
            .or(pad.country_code.as_deref())
    }
}

/// Launch ids are UUIDs, and go into a URL path (`/launches/{id}/`): only
/// hex digits and hyphens, at most 64 of them, pass, so that no id from
/// the API or a user can reach another path (`../`, `?`, `/`, `%2F`).
pub fn launch_id(id: &str) -> Option<&str> {
    let ok = (1..=64).contains(&id.len())
        && id.chars().all(|c| c.is_ascii_hexdigit() || c == '-')
        && id.chars().any(|c| c.is_ascii_hexdigit());
    ok.then_some(id)
}
