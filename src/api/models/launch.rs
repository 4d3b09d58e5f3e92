//! A launch: rocket, mission, pad.

use super::*;
use crate::api::lenient;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};

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
