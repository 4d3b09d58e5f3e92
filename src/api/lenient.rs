//! Tolerant field readers for `#[serde(deserialize_with = ...)]`.
//!
//! The API's fields may be null, missing, or of another type than usual (2.2.0
//! sends numbers as strings, a gateway may send an object where a string was).
//! A field that cannot be read becomes `None`/empty instead of failing the
//! whole record. Every string is sanitised here, once.
//!
//! A field is read as its type says ([`Lenient`], through [`read`]). A model
//! struct says so once for all its fields, with
//! `#[serde_with::apply(_ => #[serde(deserialize_with = "lenient::read")])]`;
//! a field read otherwise (multi-line text, a record's own id…) opts out with
//! `#[serde_with(skip_apply)]` and names its reader.

use super::duration::Dur;
use super::models::optional_id;
use crate::api::sanitize;
use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::Timestamp;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer};
use serde_json::Value;

fn value<'de, D: Deserializer<'de>>(d: D) -> Result<Value, D::Error> {
    Value::deserialize(d)
}

fn value_to_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// Multi-line text (descriptions): sanitised; empty strings read as `None`.
pub fn text<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(value_to_text(&value(d)?)
        .map(|s| sanitize::clean(&s).trim().to_string())
        .filter(|s| !s.is_empty()))
}

/// One-line text (names, labels): sanitised and folded onto one line.
pub fn line<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(value_to_text(&value(d)?)
        .map(|s| sanitize::clean_line(&s))
        .filter(|s| !s.is_empty()))
}

/// A required-looking name that may still be absent: empty when unreadable.
pub fn name<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Ok(line(d)?.unwrap_or_default())
}

pub fn int<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    Ok(match value(d)? {
        // A whole number outside i64 is unreadable, not the nearest i64.
        Value::Number(n) => n.as_i64().or_else(|| {
            n.as_f64()
                .filter(|f| f.fract() == 0.0 && *f >= -9.2e18 && *f <= 9.2e18)
                .map(|f| f as i64)
        }),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    })
}

pub fn count<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u32>, D::Error> {
    Ok(int(d)?.and_then(|i| u32::try_from(i).ok()))
}

/// `response_mode: "detailed"`.
pub fn detailed<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    Ok(matches!(value(d)?, Value::String(s) if s == "detailed"))
}

pub fn float<'de, D: Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
    Ok(match value(d)? {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
    .filter(|f: &f64| f.is_finite()))
}

pub fn boolean<'de, D: Deserializer<'de>>(d: D) -> Result<Option<bool>, D::Error> {
    Ok(match value(d)? {
        Value::Bool(b) => Some(b),
        Value::String(s) => parse_bool(&s),
        Value::Number(n) => n.as_i64().map(|i| i != 0),
        _ => None,
    })
}

/// `true`/`false` as people and the API's query strings write them.
pub fn parse_bool(s: &str) -> Option<bool> {
    match s.trim().to_ascii_lowercase().as_str() {
        "true" | "yes" | "1" => Some(true),
        "false" | "no" | "0" => Some(false),
        _ => None,
    }
}

pub fn duration<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Dur>, D::Error> {
    Ok(match value(d)? {
        Value::String(s) => Dur::parse(&s),
        _ => None,
    })
}

pub fn timestamp<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Timestamp>, D::Error> {
    Ok(match value(d)? {
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    })
}

/// A calendar date (`YYYY-MM-DD`: births, deaths, a station's founding).
/// A date-time where a date was reads as the date it writes, not shifted
/// to another zone's day. jiff reads one with an offset as a date, but not
/// one in `Z`, whose UTC day is the date it writes.
pub fn date<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Date>, D::Error> {
    Ok(match value(d)? {
        Value::String(s) => {
            let s = s.trim();
            s.parse::<Date>().ok().or_else(|| {
                let t = s.parse::<Timestamp>().ok()?;
                Some(t.to_zoned(TimeZone::UTC).date())
            })
        }
        _ => None,
    })
}

/// A nested value; anything that does not read as `T` (null, a string where
/// an object was, a malformed object) becomes `None`.
pub fn optional<'de, D, T>(d: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: DeserializeOwned,
{
    Ok(match value(d)? {
        Value::Null => None,
        v => T::deserialize(v).ok(),
    })
}

/// A list, or one object where 2.2.0 sent one (`rocket.spacecraft_stage`):
/// read into a list either way, unreadable items dropped.
pub fn one_or_many<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: DeserializeOwned,
{
    Ok(match value(d)? {
        v @ Value::Object(_) => T::deserialize(v).ok().into_iter().collect(),
        other => readable(other),
    })
}

/// The items of a list that read as `T`; anything but a list reads as none.
fn readable<T: DeserializeOwned>(v: Value) -> Vec<T> {
    match v {
        Value::Array(items) => items
            .into_iter()
            .filter_map(|v| T::deserialize(v).ok())
            .collect(),
        _ => Vec::new(),
    }
}

/// A list whose unreadable items are dropped (a non-list reads as empty).
pub fn list<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: DeserializeOwned,
{
    Ok(readable(value(d)?))
}

/// A field type's reader: what [`read`] reads a field of the type with.
pub trait Lenient: Sized {
    fn read<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error>;
}

/// Reads a field with its type's reader ([`Lenient`]), for `deserialize_with`.
pub fn read<'de, D: Deserializer<'de>, T: Lenient>(d: D) -> Result<T, D::Error> {
    T::read(d)
}

macro_rules! read_as {
    ($($ty:ty => $reader:path,)*) => {$(
        impl Lenient for $ty {
            fn read<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                $reader(d)
            }
        }
    )*};
}

// One reader per type. Text reads as one line: a field of multi-line text
// names `text`. A `u64` is a nested record's id, kept exactly or left out;
// a record's own id, which refuses the record, names its reader.
read_as! {
    String => name,
    Option<String> => line,
    Option<i64> => int,
    Option<u64> => optional_id,
    Option<u32> => count,
    Option<f64> => float,
    Option<bool> => boolean,
    Option<Dur> => duration,
    Option<Timestamp> => timestamp,
    Option<Date> => date,
}

/// A record read inside another, as [`optional`] or in a [`list`]: the model
/// types (and their boxes) say so, for `Option` and `Vec` of them to read by
/// type. A marker, and not any `DeserializeOwned`, because `Option<String>`
/// and the other leaf types have readers of their own.
pub trait Nested: DeserializeOwned {}

impl<T: Nested> Nested for Box<T> {}

impl<T: Nested> Nested for std::sync::Arc<T> {}

impl<T: Nested> Lenient for Option<T> {
    fn read<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        optional(d)
    }
}

impl<T: Nested> Lenient for Vec<T> {
    fn read<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        list(d)
    }
}
