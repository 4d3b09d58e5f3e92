//! Who is in space now, as a pure function: the catalog's spacecraft in
//! space, each with its current flight, how long it has been up, where it
//! is docked and who is aboard, longest up first.

use super::net::flight_phase;
use crate::api::models::CrewMember;
use crate::api::{Flight, Spacecraft};
use jiff::{SignedDuration, Timestamp};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Docked {
    pub station: String,
    pub port: Option<String>,
    pub since: Option<Timestamp>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Aloft {
    pub spacecraft: u64,
    pub name: String,
    pub config: Option<String>,
    /// The flight under way, once the spacecraft's flights are known.
    pub flight: Option<u64>,
    pub flight_name: Option<String>,
    pub launch: Option<Timestamp>,
    /// Docked now: at what, which port, since when.
    pub docked: Option<Docked>,
    pub crew: Vec<String>,
    /// The spacecraft's flights are not loaded (yet).
    pub flights_unknown: bool,
}

impl Aloft {
    /// Mission elapsed time at `now`; none before launch or without one.
    pub fn elapsed(&self, now: Timestamp) -> Option<SignedDuration> {
        let up = now.duration_since(self.launch?);
        (!up.is_negative()).then_some(up)
    }
}

/// `12d 04:31:07`: days, then hours, minutes and seconds.
pub fn met(d: SignedDuration) -> String {
    let secs = d.as_secs().max(0);
    let (days, rest) = (secs / 86_400, secs % 86_400);
    format!(
        "{days}d {:02}:{:02}:{:02}",
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    )
}

/// When a flight ended: its mission end, else launch plus the API's duration.
fn ended(f: &Flight) -> Option<Timestamp> {
    f.mission_end.or_else(|| {
        let d = SignedDuration::from_secs(f.duration?.secs());
        f.launch_time()?.checked_add(d).ok()
    })
}

/// The flight under way: the last launched one that has not ended by `now`,
/// else the last launched one (a spacecraft the catalog calls in space
/// whose flight's end is already recorded).
fn current(flights: &[Flight], now: Timestamp) -> Option<&Flight> {
    // A launch whose NET passed but that nobody reported is not in space.
    let launched = |f: &&Flight| {
        f.launch_time().is_some_and(|t| t <= now) && !flight_phase(f, now).is_planned()
    };
    flights
        .iter()
        .filter(launched)
        .filter(|f| ended(f).is_none_or(|end| end > now))
        .max_by_key(|f| (f.launch_time(), f.id))
        .or_else(|| {
            flights
                .iter()
                .filter(launched)
                .max_by_key(|f| (f.launch_time(), f.id))
        })
}

fn names(crew: &[CrewMember]) -> Vec<String> {
    crew.iter()
        .filter_map(|c| c.astronaut.as_ref()?.name.clone())
        .collect()
}

/// One row per spacecraft the catalog says is in space. `flights_of` gives
/// a spacecraft's flights when they are loaded.
pub fn in_space<'a>(
    catalog: &[Spacecraft],
    flights_of: impl Fn(u64) -> Option<&'a [Flight]>,
    now: Timestamp,
) -> Vec<Aloft> {
    let mut rows: Vec<Aloft> = catalog
        .iter()
        .filter(|s| s.in_space == Some(true))
        .map(|s| {
            let flights = flights_of(s.id);
            let flight = flights.and_then(|f| current(f, now));
            let docked = flight.and_then(|f| {
                f.docking_events
                    .iter()
                    .filter(|e| e.departure.is_none_or(|d| d > now))
                    .filter(|e| e.docking.is_some_and(|d| d <= now))
                    .max_by_key(|e| e.docking)
                    .map(|e| Docked {
                        station: e.target_name().unwrap_or("-").to_string(),
                        port: e.port().map(str::to_string),
                        since: e.docking,
                    })
            });
            // Aboard now: the onboard crew when the API lists it, else who launched.
            let crew = flight.map_or_else(Vec::new, |f| {
                let onboard = names(&f.onboard_crew);
                if onboard.is_empty() {
                    names(&f.launch_crew)
                } else {
                    onboard
                }
            });
            Aloft {
                spacecraft: s.id,
                name: s.name.clone(),
                config: s.config_name().map(str::to_string),
                flight: flight.map(|f| f.id),
                flight_name: flight.and_then(|f| f.launch.as_ref()?.name.clone()),
                launch: flight.and_then(Flight::launch_time),
                docked,
                crew,
                flights_unknown: flights.is_none(),
            }
        })
        .collect();
    // Longest up first; those whose launch is unknown last, by id.
    rows.sort_by_key(|r| (r.launch.is_none(), r.launch, r.spacecraft));
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::models::{Astronaut, DockingEvent, DockingLocation, Launch, Named};

    fn ts(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    fn craft(id: u64, name: &str, in_space: Option<bool>) -> Spacecraft {
        Spacecraft {
            id,
            name: name.into(),
            in_space,
            ..Spacecraft::default()
        }
    }

    fn flight(id: u64, launch: &str, end: Option<&str>) -> Flight {
        Flight {
            id,
            launch: Some(Launch {
                name: Some(format!("launch of {id}")),
                net: Some(ts(launch)),
                ..Launch::default()
            }),
            mission_end: end.map(ts),
            ..Flight::default()
        }
    }

    fn member(name: &str) -> CrewMember {
        CrewMember {
            astronaut: Some(Astronaut {
                name: Some(name.into()),
                ..Astronaut::default()
            }),
            ..CrewMember::default()
        }
    }

    const NOW: &str = "2026-11-23T12:00:00Z";

    #[test]
    fn the_flight_under_way_its_docking_and_crew_longest_up_first() {
        let catalog = [
            craft(1, "Soyuz MS-28", Some(true)),
            craft(2, "Crew Dragon Endurance", Some(true)),
            craft(3, "Vostok 1", Some(false)),
            craft(4, "Shenzhou 21", Some(true)),
        ];
        let mut ms28 = flight(10, "2026-11-01T09:00:00Z", None);
        ms28.launch_crew = vec![member("Sergey Kud-Sverchkov")];
        ms28.docking_events = vec![
            DockingEvent {
                docking: Some(ts("2026-11-01T12:00:00Z")),
                departure: None,
                space_station_target: Some(Named {
                    id: Some(4),
                    name: Some("International Space Station".into()),
                    abbrev: None,
                }),
                docking_location: Some(DockingLocation {
                    name: Some("Rassvet nadir".into()),
                    ..DockingLocation::default()
                }),
                ..DockingEvent::default()
            },
            // An earlier stay, departed: not where it is now.
            DockingEvent {
                docking: Some(ts("2026-11-01T10:00:00Z")),
                departure: Some(ts("2026-11-01T11:00:00Z")),
                ..DockingEvent::default()
            },
        ];
        let old = flight(9, "2025-01-01T00:00:00Z", Some("2025-06-01T00:00:00Z"));
        let mut endurance = flight(20, "2026-08-01T15:43:00Z", None);
        endurance.onboard_crew = vec![member("Zena Cardman"), member("Mike Fincke")];
        endurance.launch_crew = vec![member("someone who left")];
        let ms = [old, ms28];
        let dragon = [endurance];
        let rows = in_space(
            &catalog,
            |id| match id {
                1 => Some(&ms[..]),
                2 => Some(&dragon[..]),
                _ => None,
            },
            ts(NOW),
        );
        let ids: Vec<u64> = rows.iter().map(|r| r.spacecraft).collect();
        assert_eq!(ids, [2, 1, 4], "longest up first; not loaded last");
        let ms28 = &rows[1];
        assert_eq!(ms28.flight, Some(10));
        assert_eq!(
            ms28.docked,
            Some(Docked {
                station: "International Space Station".into(),
                port: Some("Rassvet nadir".into()),
                since: Some(ts("2026-11-01T12:00:00Z")),
            })
        );
        assert_eq!(ms28.crew, ["Sergey Kud-Sverchkov"]);
        assert_eq!(
            rows[0].crew,
            ["Zena Cardman", "Mike Fincke"],
            "onboard first"
        );
        assert_eq!(rows[0].docked, None);
        assert!(rows[2].flights_unknown && rows[2].flight.is_none());
        assert_eq!(
            met(ms28.elapsed(ts(NOW)).unwrap()),
            "22d 03:00:00",
            "from launch to now"
        );
        assert_eq!(
            met(ms28.elapsed(ts("2026-11-23T12:00:07Z")).unwrap()),
            "22d 03:00:07"
        );
    }

    #[test]
    fn elapsed_reads_as_days_and_a_clock() {
        assert_eq!(met(SignedDuration::from_secs(0)), "0d 00:00:00");
        assert_eq!(met(SignedDuration::from_secs(1_052_767)), "12d 04:26:07");
        assert_eq!(met(SignedDuration::from_secs(-5)), "0d 00:00:00");
        // 20,000 years: no overflow.
        assert_eq!(
            met(SignedDuration::from_secs(631_152_000_000)),
            "7305000d 00:00:00"
        );
    }

    #[test]
    fn a_flight_with_a_duration_has_ended() {
        let catalog = [craft(1, "Soyuz MS-27", Some(true))];
        let mut done = flight(2, "2026-10-01T00:00:00Z", None);
        done.duration = Some(crate::api::Dur::from_secs(3 * 86_400));
        let flights = [flight(1, "2026-09-01T00:00:00Z", None), done];
        let rows = in_space(&catalog, |_| Some(&flights[..]), ts(NOW));
        assert_eq!(
            rows[0].flight,
            Some(1),
            "flight 2 came back after three days"
        );
    }

    #[test]
    fn a_flight_not_yet_launched_is_not_the_current_one() {
        let catalog = [craft(1, "Starliner", Some(true))];
        let flights = [
            flight(1, "2024-06-05T14:52:00Z", None),
            flight(2, "2027-01-01T00:00:00Z", None),
        ];
        let rows = in_space(&catalog, |_| Some(&flights[..]), ts(NOW));
        assert_eq!(rows[0].flight, Some(1));
        assert!(rows[0].elapsed(ts("2020-01-01T00:00:00Z")).is_none());
    }
}
