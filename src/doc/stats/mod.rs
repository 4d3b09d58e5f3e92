//! The catalog as charts (issue 13): flights per year by configuration
//! family or agency, time in space per configuration, the turnarounds of
//! reused spacecraft, the most-flown spacecraft and the longest flights.
//! Pure: every figure comes from the catalog and the synced flights, so each
//! can be checked by hand (`tests/stats.rs`). `hangar stats` prints them;
//! `ui::stats` draws them.

mod compute;

pub use compute::stats;

use crate::api::{Dur, RecordRef};
use jiff::Timestamp;
use serde::Serialize;

/// The charts, in the order `ui::stats::draw` numbers them.
pub const CHARTS: [&str; 5] = [
    "Flights per year",
    "Time in space per configuration",
    "Reuse: turnarounds",
    "Most-flown spacecraft",
    "Longest flights",
];

/// Configurations the time-in-space chart shows.
pub const TOP_CONFIGURATIONS: usize = 15;

/// Rows of the fastest turnarounds, the most-flown spacecraft and the longest flights.
pub const TOP: usize = 10;

/// Groups the flights-per-year chart tells apart. Past seven colours (and
/// letters) a chart stops reading at a glance, so the smallest groups are
/// counted together as [`OTHER`].
pub const GROUPS: usize = 7;

pub const OTHER: &str = "other";

/// What Enter on a bar or a row opens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Record(RecordRef),
    /// The flights launched in that year (UTC).
    Year(i16),
    /// The catalog filtered to one configuration (`spacecraft_config=ID|NAME`).
    Configuration {
        id: Option<i64>,
        name: String,
    },
}

/// Every chart's figures.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stats {
    /// Flights the figures rest on.
    pub flights_used: usize,
    /// Flights the API has, as the sync last heard; `None` when nothing is synced.
    pub total_flights: Option<u64>,
    pub flights_per_year: PerYear,
    pub time_in_space: TimeInSpace,
    pub reuse: Reuse,
    /// The [`TOP`] spacecraft with the most flights in the sync.
    pub most_flown: Vec<Flown>,
    /// The [`TOP`] longest flights.
    pub longest_flights: Vec<LongFlight>,
}

/// Flights per year, counted by configuration family and by agency (both
/// kept, so that a key switches between them without counting again).
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct PerYear {
    /// Configuration families (a configuration with none is its own), the
    /// most flights first, ties by name; the last is [`OTHER`] when there
    /// were more than [`GROUPS`].
    pub families: Vec<String>,
    /// Agencies (abbreviation, else name), in the same way.
    pub agencies: Vec<String>,
    /// In year order.
    pub years: Vec<YearCount>,
    /// Flights with no launch date: in no year.
    pub undated: usize,
}

impl PerYear {
    pub fn groups(&self, by_agency: bool) -> &[String] {
        if by_agency {
            &self.agencies
        } else {
            &self.families
        }
    }

    /// Flights of each group over all years.
    pub fn group_totals(&self, by_agency: bool) -> Vec<u32> {
        let mut totals = vec![0u32; self.groups(by_agency).len()];
        for year in &self.years {
            for (total, n) in totals.iter_mut().zip(year.counts(by_agency)) {
                *total = total.saturating_add(*n);
            }
        }
        totals
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct YearCount {
    pub year: i16,
    pub flights: u32,
    /// Flights of each group of [`PerYear::families`], in its order.
    pub by_family: Vec<u32>,
    /// Flights of each group of [`PerYear::agencies`], in its order.
    pub by_agency: Vec<u32>,
}

impl YearCount {
    pub fn counts(&self, by_agency: bool) -> &[u32] {
        if by_agency {
            &self.by_agency
        } else {
            &self.by_family
        }
    }

    /// The group with the most flights this year (the first on a tie).
    pub fn leading(&self, by_agency: bool) -> Option<usize> {
        let counts = self.counts(by_agency);
        let most = *counts.iter().max()?;
        if most == 0 {
            return None;
        }
        counts.iter().position(|n| *n == most)
    }
}

/// Time in space per configuration: the sum of its flights' durations.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct TimeInSpace {
    /// The [`TOP_CONFIGURATIONS`] with the most time, the most first, ties by name.
    pub configurations: Vec<ConfigTime>,
    /// Configurations left out of `configurations`.
    pub more: usize,
    /// The time of every flight, all configurations.
    pub total: Dur,
    /// Flights whose time is not known (no duration, no end, not in flight
    /// now): left out of the sums.
    pub unknown: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ConfigTime {
    pub configuration: String,
    pub configuration_id: Option<i64>,
    pub total: Dur,
    /// Flights summed.
    pub flights: u32,
    /// Spacecraft those flights flew.
    pub spacecraft: u32,
}

/// The time between a spacecraft's landing and its next launch.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Reuse {
    /// Each configuration with a turnaround, the quickest median first.
    pub configurations: Vec<ConfigTurnarounds>,
    /// The [`TOP`] quickest turnarounds, quickest first.
    pub fastest: Vec<Turnaround>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ConfigTurnarounds {
    pub configuration: String,
    pub configuration_id: Option<i64>,
    /// Spacecraft with a turnaround.
    pub spacecraft: u32,
    pub turnarounds: u32,
    pub min: Dur,
    /// The middle one; with an even count, the mean of the two middle ones
    /// (to the second, rounded down).
    pub median: Dur,
    pub max: Dur,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Turnaround {
    pub spacecraft_id: u64,
    pub name: String,
    /// The flight before the turnaround, and the one after.
    pub from_flight: u64,
    pub to_flight: u64,
    pub time: Dur,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Flown {
    pub spacecraft_id: u64,
    pub name: String,
    pub configuration: String,
    /// Flights in the sync.
    pub flights: u32,
    /// What the catalog says (`flights_count`): more than `flights` while the sync is partial.
    pub catalog_flights: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LongFlight {
    pub flight_id: u64,
    pub spacecraft_id: Option<u64>,
    /// The spacecraft's name.
    pub name: String,
    pub launch: Option<Timestamp>,
    pub duration: Dur,
    /// Still flying: the duration runs to now.
    pub ongoing: bool,
}

impl Stats {
    /// Whether the figures rest on every flight the API has.
    pub fn complete(&self) -> bool {
        self.total_flights
            .is_some_and(|total| self.flights_used as u64 >= total)
    }

    /// "from 640 of 1,218 flights", when the figures rest on fewer flights than there are.
    pub fn basis(&self) -> Option<String> {
        let used = thousands(self.flights_used as u64);
        match self.total_flights {
            _ if self.complete() => None,
            Some(total) => Some(format!("from {used} of {} flights", thousands(total))),
            None => Some(format!("from {used} flights; the total is not known")),
        }
    }

    /// Bars or rows of a chart (see [`CHARTS`]) that can be selected.
    pub fn rows(&self, chart: usize) -> usize {
        match chart {
            0 => self.flights_per_year.years.len(),
            1 => self.time_in_space.configurations.len(),
            2 => self.reuse.configurations.len() + self.reuse.fastest.len(),
            3 => self.most_flown.len(),
            4 => self.longest_flights.len(),
            _ => 0,
        }
    }

    /// What the `row`th bar or row of a chart stands for: a year; a
    /// configuration (time in space, and the reuse chart's configurations,
    /// which come before its fastest turnarounds); a spacecraft (a fastest
    /// turnaround, a most-flown one); a flight (a longest one).
    pub fn target(&self, chart: usize, row: usize) -> Option<Target> {
        let configuration = |id: Option<i64>, name: &str| Target::Configuration {
            id,
            name: name.to_string(),
        };
        let spacecraft = |id: u64| Target::Record(RecordRef::Spacecraft(id));
        match chart {
            0 => Some(Target::Year(self.flights_per_year.years.get(row)?.year)),
            1 => {
                let c = self.time_in_space.configurations.get(row)?;
                Some(configuration(c.configuration_id, &c.configuration))
            }
            2 => {
                let configurations = &self.reuse.configurations;
                match configurations.get(row) {
                    Some(c) => Some(configuration(c.configuration_id, &c.configuration)),
                    None => {
                        let t = self.reuse.fastest.get(row - configurations.len())?;
                        Some(spacecraft(t.spacecraft_id))
                    }
                }
            }
            3 => Some(spacecraft(self.most_flown.get(row)?.spacecraft_id)),
            4 => Some(Target::Record(RecordRef::Flight(
                self.longest_flights.get(row)?.flight_id,
            ))),
            _ => None,
        }
    }
}

/// `1218` as `1,218`.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `1 flight`, `1,218 flights`: for nouns whose plural takes an `s`.
pub fn counted(n: u64, noun: &str) -> String {
    let s = if n == 1 { "" } else { "s" };
    format!("{} {noun}{s}", thousands(n))
}
