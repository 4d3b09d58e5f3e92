//! How the figures are worked out: each flight with what the catalog says
//! of its spacecraft, each spacecraft's flights in launch order, then one
//! pass per chart.

use super::*;
use crate::api::models::SpacecraftConfig;
use crate::api::{Flight, Spacecraft};
use crate::doc::net::flight_phase;
use jiff::tz::Offset;
use jiff::SignedDuration;
use std::cmp::Reverse;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Years without a flight between years with one are kept, as empty bars, so
/// that the axis keeps its spacing; but not across a span of more years than
/// this (the dates of a broken record), which would leave nothing to see.
const MAX_FILLED_YEARS: i32 = 500;

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
    // A planned flight has not flown: not counted, not a turnaround.
    let mut seen: Vec<Seen<'_>> = flights
        .iter()
        .filter(|f| !flight_phase(f, now).is_planned())
        .map(|f| Seen::new(f, &by_id))
        .collect();
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
        flights_used: seen.len(),
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
