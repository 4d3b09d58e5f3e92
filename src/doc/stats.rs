//! The catalog as charts (issue 13): flights per year by configuration
//! family or agency, time in space per configuration, the turnarounds of
//! reused spacecraft, the most-flown spacecraft and the longest flights.
//! Pure: every figure comes from the catalog and the synced flights, so each
//! can be checked by hand (`tests/stats.rs`). `hangar stats` prints them;
//! `ui::stats` draws them.

use crate::api::models::SpacecraftConfig;
use crate::api::{Dur, Flight, RecordRef, Spacecraft};
use jiff::tz::Offset;
use jiff::{SignedDuration, Timestamp};
use serde::Serialize;
use std::cmp::Reverse;
use std::collections::{BTreeMap, BTreeSet, HashMap};

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

/// Years without a flight between years with one are kept, as empty bars, so
/// that the axis keeps its spacing; but not across a span of more years than
/// this (the dates of a broken record), which would leave nothing to see.
const MAX_FILLED_YEARS: i32 = 500;

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

/// A flight, and what the catalog (else the flight itself) says of its spacecraft.
struct Seen<'a> {
    flight: &'a Flight,
    spacecraft: Option<u64>,
    name: String,
    config: Option<&'a SpacecraftConfig>,
    catalog_flights: Option<u32>,
    in_space: Option<bool>,
    /// Time in space, and whether it runs to now; set once the flights are in order.
    time: Option<(Dur, bool)>,
}

impl<'a> Seen<'a> {
    fn new(flight: &'a Flight, catalog: &HashMap<u64, &'a Spacecraft>) -> Self {
        let own = flight.spacecraft.as_deref();
        let listed = own.and_then(|s| catalog.get(&s.id)).copied();
        let known = listed.or(own);
        Seen {
            flight,
            spacecraft: own.map(|s| s.id),
            name: known.map_or_else(|| "unknown spacecraft".to_string(), |s| s.name.clone()),
            config: known
                .and_then(|s| s.spacecraft_config.as_deref())
                .or_else(|| own.and_then(|s| s.spacecraft_config.as_deref())),
            catalog_flights: listed.and_then(|s| s.flights_count),
            in_space: known.and_then(|s| s.in_space),
            time: None,
        }
    }

    fn configuration(&self) -> (Option<i64>, String) {
        let c = self.config;
        (
            c.and_then(|c| c.id),
            non_empty(c.and_then(|c| c.name.as_deref()))
                .unwrap_or("unknown configuration")
                .to_string(),
        )
    }

    /// The configuration's first family, else the configuration itself.
    fn family(&self) -> String {
        let family = self
            .config
            .and_then(|c| c.family.iter().find_map(|f| non_empty(f.name())));
        family.map_or_else(|| self.configuration().1, str::to_string)
    }

    fn agency(&self) -> String {
        let agency = self.config.and_then(|c| c.agency.as_ref());
        non_empty(agency.and_then(|a| a.abbrev.as_deref()))
            .or_else(|| non_empty(agency.and_then(|a| a.name.as_deref())))
            .unwrap_or("unknown agency")
            .to_string()
    }
}

fn non_empty(s: Option<&str>) -> Option<&str> {
    s.filter(|s| !s.trim().is_empty())
}

/// The flight's time in space: its duration (the API's, or launch to
/// mission end); for the last flight of a spacecraft the catalog says is
/// in space, with neither, launch to `now`. A flight without an end whose
/// spacecraft may be on the ground adds nothing: a missing date must not
/// add decades to a total.
fn flight_time(s: &Seen<'_>, last: bool, now: Timestamp) -> Option<(Dur, bool)> {
    let f = s.flight;
    if let Some(d) = f.duration() {
        return (d.secs() >= 0).then_some((d, false));
    }
    if !last || f.mission_end.is_some() || s.in_space != Some(true) {
        return None;
    }
    let secs = now.duration_since(f.launch_time()?).as_secs();
    (secs >= 0).then(|| (Dur::from_secs(secs), true))
}

/// When a flight ended: its mission end, else its launch plus its duration.
fn flight_end(f: &Flight) -> Option<Timestamp> {
    f.mission_end.or_else(|| {
        let d = SignedDuration::from_secs(f.duration?.secs());
        f.launch_time()?.checked_add(d).ok()
    })
}

/// The turnaround before `next`: the API's, else from the end of `previous`
/// to the launch of `next`; none when negative.
fn turnaround(previous: &Flight, next: &Flight) -> Option<Dur> {
    let time = next.turn_around_time.or_else(|| {
        let gap = next.launch_time()?.duration_since(flight_end(previous)?);
        Some(Dur::from_secs(gap.as_secs()))
    })?;
    (time.secs() >= 0).then_some(time)
}

/// The figures of every chart, from the catalog and the flights (each
/// flight's spacecraft looked up in the catalog by id). `total_flights` is
/// how many flights the API has, if known; `now` ends flights still flying.
pub fn stats(
    catalog: &[Spacecraft],
    flights: &[Flight],
    total_flights: Option<u64>,
    now: Timestamp,
) -> Stats {
    let by_id: HashMap<u64, &Spacecraft> = catalog.iter().map(|s| (s.id, s)).collect();
    let mut seen: Vec<Seen<'_>> = flights.iter().map(|f| Seen::new(f, &by_id)).collect();
    // Each spacecraft's flights together, in launch order (undated last),
    // whatever order they came in.
    seen.sort_by_key(|s| {
        let launch = s.flight.launch_time();
        (s.spacecraft, launch.is_none(), launch, s.flight.id)
    });
    for run in seen.chunk_by_mut(|a, b| a.spacecraft.is_some() && a.spacecraft == b.spacecraft) {
        let last = run.len() - 1;
        for (i, s) in run.iter_mut().enumerate() {
            s.time = flight_time(s, i == last && s.spacecraft.is_some(), now);
        }
    }
    Stats {
        flights_used: flights.len(),
        total_flights,
        flights_per_year: per_year(&seen),
        time_in_space: time_in_space(&seen),
        reuse: reuse(&seen),
        most_flown: most_flown(&seen),
        longest_flights: longest(&seen),
    }
}

/// The groups to tell apart, the most flights first (ties by name), the
/// tail as [`OTHER`]; and each name's place among them.
fn rank(counts: &HashMap<String, u32>) -> (Vec<String>, HashMap<&str, usize>) {
    let mut names: Vec<(&str, u32)> = counts.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    names.sort_by_key(|(name, n)| (Reverse(*n), *name));
    let kept = if names.len() > GROUPS {
        GROUPS - 1
    } else {
        names.len()
    };
    let mut groups: Vec<String> = names[..kept].iter().map(|(n, _)| n.to_string()).collect();
    if kept < names.len() {
        groups.push(OTHER.to_string());
    }
    let place = names
        .iter()
        .enumerate()
        .map(|(i, (name, _))| (*name, i.min(groups.len() - 1)))
        .collect();
    (groups, place)
}

fn per_year(seen: &[Seen<'_>]) -> PerYear {
    // (year, family, agency) of every dated flight.
    let dated: Vec<(i16, String, String)> = seen
        .iter()
        .filter_map(|s| {
            let year = Offset::UTC.to_datetime(s.flight.launch_time()?).year();
            Some((year, s.family(), s.agency()))
        })
        .collect();
    let mut family_counts: HashMap<String, u32> = HashMap::new();
    let mut agency_counts: HashMap<String, u32> = HashMap::new();
    for (_, family, agency) in &dated {
        let add = |n: &mut u32| *n = n.saturating_add(1);
        add(family_counts.entry(family.clone()).or_default());
        add(agency_counts.entry(agency.clone()).or_default());
    }
    let (families, family_place) = rank(&family_counts);
    let (agencies, agency_place) = rank(&agency_counts);
    let empty = |year: i16| YearCount {
        year,
        flights: 0,
        by_family: vec![0; families.len()],
        by_agency: vec![0; agencies.len()],
    };
    let mut years: BTreeMap<i16, YearCount> = BTreeMap::new();
    for (year, family, agency) in &dated {
        let row = years.entry(*year).or_insert_with(|| empty(*year));
        row.flights = row.flights.saturating_add(1);
        for (counts, place) in [
            (&mut row.by_family, family_place.get(family.as_str())),
            (&mut row.by_agency, agency_place.get(agency.as_str())),
        ] {
            if let Some(n) = place.and_then(|&i| counts.get_mut(i)) {
                *n = n.saturating_add(1);
            }
        }
    }
    if let (Some(&first), Some(&last)) = (years.keys().next(), years.keys().next_back()) {
        if i32::from(last) - i32::from(first) < MAX_FILLED_YEARS {
            for year in first..=last {
                years.entry(year).or_insert_with(|| empty(year));
            }
        }
    }
    PerYear {
        families,
        agencies,
        years: years.into_values().collect(),
        undated: seen.len() - dated.len(),
    }
}

fn time_in_space(seen: &[Seen<'_>]) -> TimeInSpace {
    struct Sum {
        id: Option<i64>,
        secs: i64,
        flights: u32,
        spacecraft: BTreeSet<u64>,
    }
    let mut sums: HashMap<String, Sum> = HashMap::new();
    let mut total = 0i64;
    let mut unknown = 0;
    for s in seen {
        let Some((time, _)) = s.time else {
            unknown += 1;
            continue;
        };
        let (id, name) = s.configuration();
        let sum = sums.entry(name).or_insert(Sum {
            id,
            secs: 0,
            flights: 0,
            spacecraft: BTreeSet::new(),
        });
        // Saturating: durations of 20,000 years have been sent.
        sum.secs = sum.secs.saturating_add(time.secs());
        sum.flights = sum.flights.saturating_add(1);
        sum.spacecraft.extend(s.spacecraft);
        total = total.saturating_add(time.secs());
    }
    let mut configurations: Vec<ConfigTime> = sums
        .into_iter()
        .map(|(name, sum)| ConfigTime {
            configuration: name,
            configuration_id: sum.id,
            total: Dur::from_secs(sum.secs),
            flights: sum.flights,
            spacecraft: u32::try_from(sum.spacecraft.len()).unwrap_or(u32::MAX),
        })
        .collect();
    configurations.sort_by(|a, b| {
        b.total
            .cmp(&a.total)
            .then_with(|| a.configuration.cmp(&b.configuration))
    });
    let more = configurations.len().saturating_sub(TOP_CONFIGURATIONS);
    configurations.truncate(TOP_CONFIGURATIONS);
    TimeInSpace {
        configurations,
        more,
        total: Dur::from_secs(total),
        unknown,
    }
}

/// The middle of `sorted` (ascending, none negative).
fn median(sorted: &[i64]) -> i64 {
    let n = sorted.len();
    match n {
        0 => 0,
        _ if n % 2 == 1 => sorted[n / 2],
        // Halved before adding: two values near i64::MAX must not overflow.
        _ => {
            let (a, b) = (sorted[n / 2 - 1], sorted[n / 2]);
            a / 2 + b / 2 + (a % 2 + b % 2) / 2
        }
    }
}

fn reuse(seen: &[Seen<'_>]) -> Reuse {
    struct Times {
        id: Option<i64>,
        secs: Vec<i64>,
        spacecraft: BTreeSet<u64>,
    }
    let mut per_config: HashMap<String, Times> = HashMap::new();
    let mut all = Vec::new();
    for run in seen.chunk_by(|a, b| a.spacecraft.is_some() && a.spacecraft == b.spacecraft) {
        // A spacecraft with one flight (or none known) has no turnaround.
        let Some(spacecraft_id) = run[0].spacecraft.filter(|_| run.len() > 1) else {
            continue;
        };
        for pair in run.windows(2) {
            let Some(time) = turnaround(pair[0].flight, pair[1].flight) else {
                continue;
            };
            let (id, name) = pair[1].configuration();
            let times = per_config.entry(name).or_insert(Times {
                id,
                secs: Vec::new(),
                spacecraft: BTreeSet::new(),
            });
            times.secs.push(time.secs());
            times.spacecraft.insert(spacecraft_id);
            all.push(Turnaround {
                spacecraft_id,
                name: pair[1].name.clone(),
                from_flight: pair[0].flight.id,
                to_flight: pair[1].flight.id,
                time,
            });
        }
    }
    let mut configurations: Vec<ConfigTurnarounds> = per_config
        .into_iter()
        .map(|(name, mut times)| {
            times.secs.sort_unstable();
            let secs = &times.secs;
            ConfigTurnarounds {
                configuration: name,
                configuration_id: times.id,
                spacecraft: u32::try_from(times.spacecraft.len()).unwrap_or(u32::MAX),
                turnarounds: u32::try_from(secs.len()).unwrap_or(u32::MAX),
                min: Dur::from_secs(secs.first().copied().unwrap_or(0)),
                median: Dur::from_secs(median(secs)),
                max: Dur::from_secs(secs.last().copied().unwrap_or(0)),
            }
        })
        .collect();
    configurations.sort_by(|a, b| {
        (a.median, Reverse(a.turnarounds), &a.configuration).cmp(&(
            b.median,
            Reverse(b.turnarounds),
            &b.configuration,
        ))
    });
    all.sort_by_key(|t| (t.time, t.spacecraft_id, t.to_flight));
    all.truncate(TOP);
    Reuse {
        configurations,
        fastest: all,
    }
}

fn most_flown(seen: &[Seen<'_>]) -> Vec<Flown> {
    let mut flown: Vec<Flown> = seen
        .chunk_by(|a, b| a.spacecraft.is_some() && a.spacecraft == b.spacecraft)
        .filter_map(|run| {
            let first = &run[0];
            Some(Flown {
                spacecraft_id: first.spacecraft?,
                name: first.name.clone(),
                configuration: first.configuration().1,
                flights: u32::try_from(run.len()).unwrap_or(u32::MAX),
                catalog_flights: first.catalog_flights,
            })
        })
        .collect();
    flown.sort_by_key(|f| {
        (
            Reverse(f.flights),
            Reverse(f.catalog_flights),
            f.spacecraft_id,
        )
    });
    flown.truncate(TOP);
    flown
}

fn longest(seen: &[Seen<'_>]) -> Vec<LongFlight> {
    let mut flights: Vec<LongFlight> = seen
        .iter()
        .filter_map(|s| {
            let (duration, ongoing) = s.time?;
            Some(LongFlight {
                flight_id: s.flight.id,
                spacecraft_id: s.spacecraft,
                name: s.name.clone(),
                launch: s.flight.launch_time(),
                duration,
                ongoing,
            })
        })
        .collect();
    flights.sort_by_key(|f| (Reverse(f.duration), f.flight_id));
    flights.truncate(TOP);
    flights
}
