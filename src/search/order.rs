//! The orderings the list offers, compared as the API (PostgreSQL) orders.

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::Dur;
    use crate::search::fixtures::craft_with_config;
    use crate::search::query::Query;

    #[test]
    fn ordering_is_stable_with_ties_by_id_and_nulls_last_ascending() {
        let mut records: Vec<Spacecraft> = (1..=5)
            .map(|i| craft_with_config(i, &format!("c{i}"), "x"))
            .collect();
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
            craft_with_config(3, "beta", "x"),
            craft_with_config(1, "Alpha", "x"),
            craft_with_config(2, "alpha", "x"),
            craft_with_config(4, "Gamma", "x"),
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
}
