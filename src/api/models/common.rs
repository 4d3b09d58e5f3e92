//! Shapes many records share: `{id, name}` objects, images, countries, agencies.

use crate::api::lenient;
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;

/// A nested record's id, when it is one a record can have (positive).
pub fn positive_id(id: Option<i64>) -> Option<u64> {
    id.and_then(|i| u64::try_from(i).ok()).filter(|&i| i > 0)
}

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
        #[serde_with::apply(_ => #[serde(deserialize_with = "lenient::read")])]
        #[derive(Deserialize, Default)]
        #[serde(default)]
        struct Obj {
            id: Option<i64>,
            name: Option<String>,
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
        #[serde_with::apply(_ => #[serde(deserialize_with = "lenient::read")])]
        #[derive(Deserialize, Default)]
        #[serde(default)]
        struct Obj {
            image_url: Option<String>,
            thumbnail_url: Option<String>,
            credit: Option<String>,
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

#[serde_with::apply(_ => #[serde(deserialize_with = "lenient::read")])]
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default)]
pub struct Country {
    pub name: Option<String>,
    pub alpha_3_code: Option<String>,
    pub nationality_name: Option<String>,
}

#[serde_with::apply(_ => #[serde(deserialize_with = "lenient::read")])]
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default)]
pub struct Agency {
    pub id: Option<i64>,
    pub name: Option<String>,
    pub abbrev: Option<String>,
    #[serde(rename = "type")]
    pub kind: Option<Named>,
    /// 2.3.0: a list of countries.
    pub country: Vec<Country>,
    /// 2.2.0: one code, e.g. `RUS`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country_code: Option<String>,
    #[serde_with(skip_apply)]
    #[serde(deserialize_with = "lenient::text")]
    pub description: Option<String>,
    pub administrator: Option<String>,
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
