//! Search, filters and ordering over a loaded catalog, with the API's own
//! semantics so that a local result equals the server's for the same query.

use super::fuzzy::Fuzzy;
use super::python::{self, is_space};
use crate::api::Spacecraft;
use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

/// The fields the catalog can be ordered by: the API's five, and `name`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OrderField {
    FlightsCount,
    Id,
    MissionEndsCount,
    TimeDocked,
    TimeInSpace,
    Name,
}

impl OrderField {
    /// In the order of the number keys `1`..`6`.
    pub const ALL: [OrderField; 6] = [
        OrderField::FlightsCount,
        OrderField::Id,
        OrderField::MissionEndsCount,
        OrderField::TimeDocked,
        OrderField::TimeInSpace,
        OrderField::Name,
    ];

    pub fn api_name(self) -> &'static str {
        match self {
            OrderField::FlightsCount => "flights_count",
            OrderField::Id => "id",
            OrderField::MissionEndsCount => "mission_ends_count",
            OrderField::TimeDocked => "time_docked",
            OrderField::TimeInSpace => "time_in_space",
            OrderField::Name => "name",
        }
    }

    /// The number a spacecraft sorts by (all but `Name`); `None` for a null field.
    pub fn numeric_key(self, s: &Spacecraft) -> Option<i64> {
        match self {
            OrderField::FlightsCount => s.flights_count.map(i64::from),
            OrderField::Id => i64::try_from(s.id).ok(),
            OrderField::MissionEndsCount => s.mission_ends_count.map(i64::from),
            OrderField::TimeDocked => s.time_docked.map(|d| d.secs()),
            OrderField::TimeInSpace => s.time_in_space.map(|d| d.secs()),
            OrderField::Name => None,
        }
    }

    fn valid_list() -> String {
        OrderField::ALL.map(OrderField::api_name).join(", ")
    }
}

impl FromStr for OrderField {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        OrderField::ALL
            .into_iter()
            .find(|f| f.api_name() == s.trim())
            .ok_or_else(|| {
                format!(
                    "unknown ordering field {s:?}; valid fields: {} (prefix - for descending)",
                    OrderField::valid_list()
                )
            })
    }
}

/// A field and a direction, written as the API writes it: `flights_count`, `-time_docked`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Order {
    pub field: OrderField,
    pub descending: bool,
}

impl Default for Order {
    fn default() -> Self {
        Order {
            field: OrderField::Id,
            descending: false,
        }
    }
}

impl FromStr for Order {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let s = s.trim();
        let (descending, name) = match s.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, s),
        };
        Ok(Order {
            field: name.parse()?,
            descending,
        })
    }
}

impl fmt::Display for Order {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.descending {
            f.write_str("-")?;
        }
        f.write_str(self.field.api_name())
    }
}

impl Order {
    /// Compares two sort keys. A null sorts after every value ascending and
    /// before them descending, as PostgreSQL (behind the API) orders NULLs.
    pub fn compare_keys<K: Ord>(&self, a: Option<K>, b: Option<K>) -> Ordering {
        let ord = match (a, b) {
            (Some(a), Some(b)) => a.cmp(&b),
            (None, None) => Ordering::Equal,
            (None, Some(_)) => Ordering::Greater,
            (Some(_), None) => Ordering::Less,
        };
        if self.descending {
            ord.reverse()
        } else {
            ord
        }
    }

    /// Sorts `rows` (indices into `records`) stably; ties break by id, ascending.
    pub fn sort(&self, records: &[Spacecraft], rows: &mut [usize]) {
        let by_id = |a: &usize, b: &usize| records[*a].id.cmp(&records[*b].id);
        if self.field == OrderField::Name {
            let mut keyed: Vec<(String, usize)> = rows
                .iter()
                .map(|&i| (records[i].name.to_lowercase(), i))
                .collect();
            keyed.sort_by(|(na, a), (nb, b)| {
                self.compare_keys(Some(na), Some(nb))
                    .then_with(|| by_id(a, b))
            });
            for (row, (_, i)) in rows.iter_mut().zip(keyed) {
                *row = i;
            }
        } else {
            rows.sort_by(|a, b| {
                let (ka, kb) = (
                    self.field.numeric_key(&records[*a]),
                    self.field.numeric_key(&records[*b]),
                );
                self.compare_keys(ka, kb).then_with(|| by_id(a, b))
            });
        }
    }
}

/// The API's `search`: the text split as Django REST Framework splits it
/// ([`search_terms`]); every term must occur, ignoring case, in the name or
/// in the configuration's name.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Search {
    terms: Vec<String>,
}

impl Search {
    pub fn new(text: &str) -> Self {
        Search {
            terms: search_terms(text)
                .iter()
                // An empty term (a lone quote, `""`) is in every name: it rules nothing out.
                .filter(|t| !t.is_empty())
                .map(|t| super::fold(t))
                .collect(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    pub fn terms(&self) -> &[String] {
        &self.terms
    }

    /// Against folded haystacks ([`super::fold`], precomputed by callers that search often).
    pub fn matches_folded(&self, name: &str, config: &str) -> bool {
        self.terms
            .iter()
            .all(|t| name.contains(t.as_str()) || config.contains(t.as_str()))
    }

    pub fn matches(&self, s: &Spacecraft) -> bool {
        self.is_empty()
            || self.matches_folded(
                &super::fold(s.search_name()),
                &super::fold(s.search_config_name().unwrap_or_default()),
            )
    }
}

/// Django's `smart_split`: runs of non-space text, where a quoted part
/// (`"…"` or `'…'`, a backslash escaping the next character but a newline)
/// may hold spaces. A quote that does not close is an ordinary character.
fn smart_split(text: &str) -> Vec<&str> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let at = |i: usize| chars.get(i).map(|&(_, c)| c);
    let offset = |i: usize| chars.get(i).map_or(text.len(), |&(o, _)| o);
    let plain = |c: char| !is_space(c) && c != '"' && c != '\'';
    // The end of a quoted part opening at `i`, if it closes.
    let quoted = |i: usize| -> Option<usize> {
        let quote = at(i).filter(|c| matches!(c, '"' | '\''))?;
        let mut j = i + 1;
        loop {
            match at(j)? {
                c if c == quote => return Some(j + 1),
                '\\' => match at(j + 1)? {
                    '\n' => return None,
                    _ => j += 2,
                },
                _ => j += 1,
            }
        }
    };
    let mut bits = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if at(i).is_some_and(is_space) {
            i += 1;
            continue;
        }
        let start = i;
        let mut end = i;
        while at(end).is_some_and(plain) {
            end += 1;
        }
        let mut parts = 0;
        while let Some(close) = quoted(end) {
            end = close;
            while at(end).is_some_and(plain) {
                end += 1;
            }
            parts += 1;
        }
        if parts == 0 {
            end = start;
            while at(end).is_some_and(|c| !is_space(c)) {
                end += 1;
            }
        }
        bits.push(&text[offset(start)..offset(end)]);
        i = end;
    }
    bits
}

/// The search terms Django REST Framework (3.15 and later) takes from
/// `?search=`: `search_smart_split`. A quoted token is one term, quotes
/// removed and escapes undone, spaces and commas kept; any other token is
/// split on commas.
pub fn search_terms(text: &str) -> Vec<String> {
    let mut terms = Vec::new();
    for bit in smart_split(text) {
        let term = bit.trim_matches(',');
        let mut ends = term.chars();
        let (first, last) = (ends.next(), ends.next_back().or(term.chars().next()));
        match first {
            Some(q @ ('"' | '\'')) if last == Some(q) => {
                let inner = if term.len() > 1 {
                    &term[1..term.len() - 1]
                } else {
                    ""
                };
                let escaped_quote = format!("\\{q}");
                terms.push(
                    inner
                        .replace(&escaped_quote, &q.to_string())
                        .replace("\\\\", "\\"),
                );
            }
            _ => terms.extend(
                term.split(',')
                    .filter(|t| !t.is_empty())
                    .map(|t| t.trim_matches(is_space).to_string()),
            ),
        }
    }
    terms
}

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

/// Everything that narrows and orders a listing.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Query {
    pub search: Search,
    /// When not empty: only rows it matches, best score first, then in `order`.
    pub fuzzy: Fuzzy,
    pub filters: Vec<Filter>,
    pub order: Order,
}

impl Query {
    /// Indices of the matching records, in order.
    pub fn apply(&self, records: &[Spacecraft]) -> Vec<usize> {
        let mut matcher = super::fuzzy::matcher();
        let mut score = vec![0; records.len()];
        let mut rows: Vec<usize> = (0..records.len())
            .filter(|&i| {
                let s = &records[i];
                if !(self.search.matches(s) && self.filters.iter().all(|f| f.matches(s))) {
                    return false;
                }
                if self.fuzzy.is_empty() {
                    return true;
                }
                self.fuzzy
                    .score(&mut matcher, s)
                    .map(|best| score[i] = best)
                    .is_some()
            })
            .collect();
        self.order.sort(records, &mut rows);
        // Stable: equal scores stay in `order`.
        rows.sort_by_key(|&i| std::cmp::Reverse(score[i]));
        rows
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::models::{Named, SpacecraftConfig};
    use crate::api::Dur;

    fn craft(id: u64, name: &str, config: &str) -> Spacecraft {
        Spacecraft {
            id,
            name: name.to_string(),
            spacecraft_config: Some(std::sync::Arc::new(SpacecraftConfig {
                id: Some(id as i64 % 3),
                name: Some(config.to_string()),
                ..Default::default()
            })),
            ..Default::default()
        }
    }

    fn names(records: &[Spacecraft], rows: &[usize]) -> Vec<String> {
        rows.iter().map(|&i| records[i].name.clone()).collect()
    }

    #[test]
    fn every_term_must_match_name_or_configuration() {
        let records = vec![
            craft(1, "Soyuz MS-19", "Soyuz MS"),
            craft(2, "Soyuz TMA-8", "Soyuz TMA"),
            craft(3, "Dream Chaser Tenacity", "Dream Chaser"),
            craft(4, "Progress MS-08", "Progress-MS"),
        ];
        let q = |text: &str| Query {
            search: Search::new(text),
            ..Query::default()
        };
        assert_eq!(
            names(&records, &q("soyuz ms").apply(&records)),
            ["Soyuz MS-19"]
        );
        assert_eq!(
            names(&records, &q("MS,soyuz").apply(&records)),
            ["Soyuz MS-19"]
        );
        assert_eq!(
            names(&records, &q("tenacity").apply(&records)),
            ["Dream Chaser Tenacity"]
        );
        // One term in the name, the other only in the configuration.
        assert_eq!(
            names(&records, &q("tenacity chaser").apply(&records)),
            ["Dream Chaser Tenacity"]
        );
        assert_eq!(q("ms").apply(&records).len(), 2);
        assert_eq!(
            q("  ").apply(&records).len(),
            4,
            "blank text matches everything"
        );
        assert!(q("soyuz dragon").apply(&records).is_empty());
    }

    #[test]
    fn search_ignores_case_beyond_ascii() {
        let records = vec![craft(1, "Восток-1", "Восток"), craft(2, "神舟十号", "神舟")];
        let q = Query {
            search: Search::new("ВОСТОК"),
            ..Query::default()
        };
        assert_eq!(q.apply(&records), [0]);
        let q = Query {
            search: Search::new("神舟"),
            ..Query::default()
        };
        assert_eq!(q.apply(&records), [1]);
    }

    #[test]
    fn ordering_is_stable_with_ties_by_id_and_nulls_last_ascending() {
        let mut records: Vec<Spacecraft> =
            (1..=5).map(|i| craft(i, &format!("c{i}"), "x")).collect();
        let secs = [Some(50), None, Some(10), Some(50), Some(10)];
        for (r, s) in records.iter_mut().zip(secs) {
            r.time_in_space = s.map(Dur::from_secs);
        }
        let order = |s: &str| Query {
            order: s.parse().unwrap(),
            ..Query::default()
        };
        let ids = |q: Query| {
            q.apply(&records)
                .iter()
                .map(|&i| records[i].id)
                .collect::<Vec<_>>()
        };
        assert_eq!(ids(order("time_in_space")), [3, 5, 1, 4, 2]);
        assert_eq!(ids(order("-time_in_space")), [2, 1, 4, 3, 5]);
        assert_eq!(ids(order("id")), [1, 2, 3, 4, 5]);
        assert_eq!(ids(order("-id")), [5, 4, 3, 2, 1]);
    }

    #[test]
    fn name_order_ignores_case_and_breaks_ties_by_id() {
        let records = vec![
            craft(3, "beta", "x"),
            craft(1, "Alpha", "x"),
            craft(2, "alpha", "x"),
            craft(4, "Gamma", "x"),
        ];
        let ids = |s: &str| {
            let q = Query {
                order: s.parse().unwrap(),
                ..Query::default()
            };
            q.apply(&records)
                .iter()
                .map(|&i| records[i].id)
                .collect::<Vec<_>>()
        };
        assert_eq!(ids("name"), [1, 2, 3, 4]);
        assert_eq!(ids("-name"), [4, 3, 1, 2]);
    }

    #[test]
    fn unknown_order_fields_are_refused_with_the_valid_ones() {
        let err = "speed".parse::<Order>().unwrap_err();
        assert!(
            err.contains("flights_count, id, mission_ends_count, time_docked, time_in_space, name"),
            "{err}"
        );
        assert_eq!(
            "-flights_count".parse::<Order>().unwrap().to_string(),
            "-flights_count"
        );
    }

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
        let mut a = with_status(craft(1, "A", "Soyuz MS"), 1, "Active");
        a.in_space = Some(true);
        let mut b = with_status(craft(2, "B", "Dragon"), 2, "Retired");
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
        let records = vec![with_status(craft(1, "A", "Soyuz MS"), 4, "Single Use")];
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
