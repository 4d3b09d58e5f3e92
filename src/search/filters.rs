//! The API's filters, and `KEY=VALUE` parameters read as django-filter
//! reads the API's query string.

use super::python::{self, is_space};
use crate::api::Spacecraft;
use std::fmt;
use std::str::FromStr;

/// An id or a name, as `status` and `spacecraft_config` filters accept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IdOrName {
    /// What the API reads as an id ([`python::int`]); one past `i64` is no record's.
    Id(i128),
    /// hangar's own: a name, ignoring ASCII case, for a value the API cannot
    /// read as an id (the API refuses those).
    Name(String),
}

impl IdOrName {
    fn matches(&self, id: Option<i64>, name: Option<&str>) -> bool {
        match self {
            IdOrName::Id(want) => id.map(i128::from) == Some(*want),
            IdOrName::Name(want) => name.is_some_and(|n| n.eq_ignore_ascii_case(want)),
        }
    }
}

/// The API's filters: `in_space`, `is_placeholder`, `status`, `spacecraft_config`, `name`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Filter {
    InSpace(bool),
    IsPlaceholder(bool),
    Status(IdOrName),
    Config(IdOrName),
    /// Exact, as the API's `name` filter is.
    Name(String),
}

impl Filter {
    pub fn matches(&self, s: &Spacecraft) -> bool {
        match self {
            Filter::InSpace(want) => s.in_space == Some(*want),
            Filter::IsPlaceholder(want) => s.is_placeholder == Some(*want),
            Filter::Status(f) => {
                let status = s.status.as_ref();
                f.matches(status.and_then(|x| x.id), status.and_then(|x| x.name()))
            }
            Filter::Config(f) => {
                let config = s.spacecraft_config.as_ref();
                f.matches(
                    config.and_then(|c| c.id),
                    config.and_then(|c| c.name.as_deref()),
                )
            }
            // Exact, on the API's own text, as the server's filter is.
            Filter::Name(name) => s.search_name() == name,
        }
    }
}

/// The spacecraft endpoint's filter parameters, in the order of its
/// `filterset_fields` as its help lists them: the order in which the API
/// reads them and lists what it refuses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FilterKey {
    InSpace,
    IsPlaceholder,
    Name,
    Config,
    Status,
}

impl FilterKey {
    pub const ALL: [FilterKey; 5] = [
        FilterKey::InSpace,
        FilterKey::IsPlaceholder,
        FilterKey::Name,
        FilterKey::Config,
        FilterKey::Status,
    ];

    pub fn api_name(self) -> &'static str {
        match self {
            FilterKey::InSpace => "in_space",
            FilterKey::IsPlaceholder => "is_placeholder",
            FilterKey::Name => "name",
            FilterKey::Config => "spacecraft_config",
            FilterKey::Status => "status",
        }
    }
}

impl fmt::Display for FilterKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.api_name())
    }
}

const VALID_FILTERS: &str = "in_space, is_placeholder, status, spacecraft_config, name";

impl FromStr for FilterKey {
    type Err = String;
    /// Exactly the API's name: the API does not know ` name` either.
    fn from_str(s: &str) -> Result<Self, String> {
        FilterKey::ALL
            .into_iter()
            .find(|k| k.api_name() == s)
            .ok_or_else(|| format!("unknown filter {s:?}; valid filters: {VALID_FILTERS}"))
    }
}

/// One `KEY=VALUE` as written: a known key, and its value as given, read
/// later ([`FilterReading`]) as the API reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilterParam {
    pub key: FilterKey,
    pub value: String,
}

impl FromStr for FilterParam {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let (key, value) = s
            .split_once('=')
            .ok_or_else(|| format!("a filter is KEY=VALUE (keys: {VALID_FILTERS}), got {s:?}"))?;
        Ok(FilterParam {
            key: key.parse()?,
            value: value.to_string(),
        })
    }
}

impl fmt::Display for FilterParam {
    /// `status=4`, or with the value quoted where white space or a control
    /// character would not show: `name=" Soyuz 38"`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let plain = !self
            .value
            .chars()
            .any(|c| is_space(c) || c.is_control() || c == '"');
        if plain {
            write!(f, "{}={}", self.key, self.value)
        } else {
            write!(f, "{}={:?}", self.key, self.value)
        }
    }
}

/// The API's words (Django's) when it refuses a filter's value (HTTP 400,
/// `{"status": ["Select a valid choice. …"]}`).
pub const INVALID_CHOICE: &str =
    "Select a valid choice. That choice is not one of the available choices.";
/// Django's, for a NUL in a text or choice value.
pub const NULL_CHARACTERS: &str = "Null characters are not allowed.";

/// A filter value the API refuses, and its words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilterError {
    pub param: FilterParam,
    pub message: &'static str,
}

impl fmt::Display for FilterError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.param, self.message)
    }
}

/// How one value reads, as django-filter's form field for its key reads it.
enum Read {
    Filter(Filter),
    /// Not applied, as the API does not apply it; the reason.
    Ignored(&'static str),
    Refused(&'static str),
}

impl FilterParam {
    fn read(&self) -> Read {
        let value = self.value.as_str();
        if value.is_empty() {
            return Read::Ignored("as the API ignores an empty value");
        }
        match self.key {
            // BooleanFilter with django_filters.rest_framework's BooleanWidget.
            FilterKey::InSpace | FilterKey::IsPlaceholder => match python::django_bool(value) {
                Some(b) if self.key == FilterKey::InSpace => Read::Filter(Filter::InSpace(b)),
                Some(b) => Read::Filter(Filter::IsPlaceholder(b)),
                None => Read::Ignored(
                    "as the API ignores it (it reads true, false, 1 or 0, in any case)",
                ),
            },
            // CharFilter: forms.CharField strips the value, then an empty one is no filter.
            FilterKey::Name => match python::strip(value) {
                "" => Read::Ignored("as the API ignores a value of only white space"),
                name if name.contains('\0') => Read::Refused(NULL_CHARACTERS),
                name => Read::Filter(Filter::Name(name.to_string())),
            },
            // ModelChoiceFilter: the value is the row's primary key, read by int().
            FilterKey::Config | FilterKey::Status => {
                if value.contains('\0') {
                    return Read::Refused(NULL_CHARACTERS);
                }
                let choice = match python::int(value) {
                    Some(id) => IdOrName::Id(id),
                    None => IdOrName::Name(python::strip(value).to_string()),
                };
                Read::Filter(if self.key == FilterKey::Status {
                    Filter::Status(choice)
                } else {
                    Filter::Config(choice)
                })
            }
        }
    }
}

/// Filters read from `KEY=VALUE` parameters as the API reads its query
/// string: only a key's last value counts (Django's `QueryDict.get`), and
/// each value is read as django-filter's form field for that key reads it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FilterReading {
    read: Vec<(FilterParam, Filter)>,
    /// What is not applied and why, the API ignoring it too: for the user to see.
    pub notices: Vec<String>,
    refused: Vec<FilterError>,
}

impl FilterReading {
    pub fn new(params: &[FilterParam]) -> Self {
        let mut reading = FilterReading::default();
        for key in FilterKey::ALL {
            let mut given = params.iter().filter(|p| p.key == key);
            let Some(last) = given.next_back() else {
                continue;
            };
            for earlier in given {
                reading.notices.push(format!(
                    "{earlier} is ignored, as the API reads only the last {key}= given"
                ));
            }
            match last.read() {
                Read::Filter(filter) => reading.read.push((last.clone(), filter)),
                Read::Ignored(why) => reading.notices.push(format!("{last} is ignored, {why}")),
                Read::Refused(message) => reading.refused.push(FilterError {
                    param: last.clone(),
                    message,
                }),
            }
        }
        reading
    }

    /// The filters to apply.
    pub fn filters(&self) -> Vec<Filter> {
        self.read.iter().map(|(_, f)| f.clone()).collect()
    }

    /// What the API would refuse (its HTTP 400), in its order: values it
    /// cannot read, and a status or configuration it does not have. hangar
    /// knows the statuses and configurations `records` name; a name of one
    /// stands for its id.
    pub fn check(&self, records: &[Spacecraft]) -> Result<(), Vec<FilterError>> {
        let unknown = self.read.iter().filter(|(_, filter)| {
            matches!(filter, Filter::Status(_) | Filter::Config(_))
                && !records.iter().any(|s| filter.matches(s))
        });
        let mut errors: Vec<FilterError> = unknown
            .map(|(param, _)| FilterError {
                param: param.clone(),
                message: INVALID_CHOICE,
            })
            .chain(self.refused.iter().cloned())
            .collect();
        errors.sort_by_key(|e| e.param.key);
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::models::Named;
    use crate::search::fixtures::craft_with_config;
    use crate::search::query::Query;

    fn with_status(mut s: Spacecraft, id: i64, name: &str) -> Spacecraft {
        s.status = Some(Named {
            id: Some(id),
            name: Some(name.into()),
            abbrev: None,
        });
        s
    }

    fn read(params: &[&str]) -> FilterReading {
        let params: Vec<FilterParam> = params.iter().map(|p| p.parse().unwrap()).collect();
        FilterReading::new(&params)
    }

    #[test]
    fn filters_take_ids_names_and_booleans() {
        let mut a = with_status(craft_with_config(1, "A", "Soyuz MS"), 1, "Active");
        a.in_space = Some(true);
        let mut b = with_status(craft_with_config(2, "B", "Dragon"), 2, "Retired");
        b.in_space = Some(false);
        b.is_placeholder = Some(true);
        let records = vec![a, b];
        let hits = |f: &str| {
            let reading = read(&[f]);
            reading.check(&records).unwrap();
            let q = Query {
                filters: reading.filters(),
                ..Query::default()
            };
            q.apply(&records)
        };
        assert_eq!(hits("in_space=true"), [0]);
        assert_eq!(hits("in_space=False"), [1]);
        assert_eq!(hits("is_placeholder=true"), [1]);
        assert_eq!(hits("status=retired"), [1]);
        assert_eq!(hits("status=1"), [0]);
        assert_eq!(hits("status= +1 "), [0], "read as Python's int() reads it");
        assert_eq!(hits("spacecraft_config=soyuz ms"), [0]);
        assert_eq!(hits("spacecraft_config=2"), [1]);
        assert_eq!(hits("name=B"), [1]);
        assert_eq!(hits("name= B "), [1], "stripped, as the API strips it");
        assert!(hits("name=b").is_empty(), "name is exact");
        assert_eq!(hits("in_space=maybe"), [0, 1], "ignored");
        assert!("speed=1"
            .parse::<FilterParam>()
            .unwrap_err()
            .contains("valid filters"));
        assert!("in_space".parse::<FilterParam>().is_err());
        assert!(" name=B".parse::<FilterParam>().is_err(), "keys are exact");
    }

    #[test]
    fn ignored_values_are_said_and_refused_ones_answered_with_the_apis_words() {
        let records = vec![with_status(
            craft_with_config(1, "A", "Soyuz MS"),
            4,
            "Single Use",
        )];
        let r = read(&["in_space=maybe", "is_placeholder=", "name=  "]);
        assert!(r.filters().is_empty());
        assert_eq!(
            r.notices,
            [
                "in_space=maybe is ignored, as the API ignores it (it reads true, false, 1 or 0, in any case)",
                "is_placeholder= is ignored, as the API ignores an empty value",
                "name=\"  \" is ignored, as the API ignores a value of only white space",
            ]
        );
        let r = read(&["in_space=true", "in_space=false"]);
        assert_eq!(r.filters(), [Filter::InSpace(false)], "the last one");
        assert_eq!(
            r.notices,
            ["in_space=true is ignored, as the API reads only the last in_space= given"]
        );
        let errors = |params: &[&str]| -> Vec<String> {
            let r = read(params);
            r.check(&records)
                .unwrap_err()
                .iter()
                .map(|e| e.to_string())
                .collect()
        };
        assert_eq!(
            errors(&["status=abc", "spacecraft_config=5", "name=a\0"]),
            [
                "name=\"a\\0\": Null characters are not allowed.",
                "spacecraft_config=5: Select a valid choice. That choice is not one of the available choices.",
                "status=abc: Select a valid choice. That choice is not one of the available choices.",
            ]
        );
        assert_eq!(
            errors(&["status=-4"]).len(),
            1,
            "an id read as DRF reads it"
        );
        assert_eq!(errors(&["status=4.0"]).len(), 1);
        assert!(read(&["status=single use"]).check(&records).is_ok());
        assert!(read(&["status=+4"]).check(&records).is_ok());
    }
}
