//! What hangar says about an astronaut, a space station and a launch. Rows
//! that lead to another record carry a [`RecordRef`].

use super::ports::Stay;
use super::{clip, dur, fields, num, opt, text, utc, yes_no, Item, Part};
use crate::api::models::{Agency, DockingEvent};
use crate::api::{Astronaut, Flight, Launch, LaunchId, RecordRef, SpaceStation};
use crate::data::store::Record;
use jiff::civil::Date;
use jiff::tz::TimeZone;
use jiff::{Timestamp, Unit};
use std::collections::HashMap;

/// What is said of a record of any kind: what `hangar open` prints and a
/// record's pane shows.
pub fn record(r: &Record, now: Timestamp) -> Vec<Part> {
    match r {
        Record::Astronaut { astronaut, flights } => self::astronaut(astronaut, flights, now),
        Record::Station {
            station,
            history,
            history_note,
        } => self::station(station, &history.records, history_note.as_deref(), now),
        Record::Launch(l) => self::launch(l, now),
        Record::Spacecraft(s) => super::spacecraft(s),
        Record::Flight(f) => super::flight(f, now),
    }
}

fn date(d: Option<Date>) -> String {
    d.map_or_else(String::new, |d| d.to_string())
}

fn agency_name(a: &Agency) -> Option<String> {
    match (&a.name, &a.abbrev) {
        (Some(n), Some(ab)) => Some(format!("{n} ({ab})")),
        (n, ab) => n.clone().or(ab.clone()),
    }
}

/// `1963-06-14 Vostok-K | Vostok 5`.
fn launch_line(l: &Launch) -> String {
    let day = l.net.map(|t| t.strftime("%Y-%m-%d").to_string());
    let name = opt(l.name.as_deref());
    match day {
        Some(day) => format!("{day} {name}"),
        None => name,
    }
}

/// Whole years from `born` to `on`; `None` before `born` (a date of birth
/// in the future, or a death before the birth: the record is wrong). A
/// 29 February birthday comes on 1 March in other years, as jiff counts.
fn age(born: Date, on: Date) -> Option<i16> {
    if on < born {
        return None;
    }
    Some(born.until((Unit::Year, on)).ok()?.get_years())
}

/// `flights`: the spacecraft flight hangar knows for a launch; a launch
/// without one links to the launch itself. The age is counted to `now`'s
/// day (UTC, as every time hangar shows), not taken from the API's `age`,
/// which is frozen when the record is fetched; of someone who died, to the
/// day of death.
pub fn astronaut(a: &Astronaut, flights: &HashMap<LaunchId, u64>, now: Timestamp) -> Vec<Part> {
    let name = opt(a.name.as_deref());
    let title = match a.id {
        Some(id) => format!("{name} (astronaut {id})"),
        None => name,
    };
    let today = now.to_zoned(TimeZone::UTC).date();
    let aged = |to: Date| a.date_of_birth.and_then(|born| age(born, to));
    let born = match (a.date_of_birth, a.date_of_death) {
        (Some(d), None) => match aged(today) {
            Some(years) => format!("{d} (age {years})"),
            None => d.to_string(),
        },
        (d, _) => date(d),
    };
    let died = match a.date_of_death {
        Some(d) => match aged(d) {
            Some(years) => format!("{d}, aged {years}"),
            None => d.to_string(),
        },
        None => String::new(),
    };
    let mut out = vec![
        Part::Title(title),
        fields(vec![
            ("Status", opt(a.status_name())),
            ("Type", opt(a.kind.as_ref().and_then(|k| k.name()))),
            (
                "Agency",
                a.agency.as_ref().and_then(agency_name).unwrap_or_default(),
            ),
            ("Nationality", a.nationality.join(", ")),
            ("Born", born),
            ("Died", died),
            ("In space now", yes_no(a.in_space).to_string()),
            ("Time in space", dur(a.time_in_space)),
            ("EVA time", dur(a.eva_time)),
            ("Flights", num(a.flights_count)),
            ("Landings", num(a.landings_count)),
            ("Spacewalks", num(a.spacewalks_count)),
            ("First flight (UTC)", utc(a.first_flight)),
            ("Last flight (UTC)", utc(a.last_flight)),
            ("Wiki", opt(a.wiki.as_deref())),
        ]),
    ];
    if !a.flights.is_empty() {
        out.push(Part::Heading(format!("Flights ({})", a.flights.len())));
        out.push(Part::Items(
            a.flights
                .iter()
                .map(|l| {
                    let launch = l.reference();
                    let to = launch
                        .and_then(|id| flights.get(&id))
                        .map(|&f| RecordRef::Flight(f))
                        .or(launch.map(RecordRef::Launch));
                    Item::new(launch_line(l), to)
                })
                .collect(),
        ));
    }
    if !a.landings.is_empty() {
        out.push(Part::Heading(format!("Landed with ({})", a.landings.len())));
        out.push(Part::Items(a.landings.iter().map(flight_item).collect()));
    }
    text(&mut out, "Biography", a.bio.as_deref());
    out
}

/// A spacecraft flight as a row: `Soyuz TMA-15 — Soyuz-FG | Soyuz TMA-15`.
fn flight_item(f: &Flight) -> Item {
    let craft = f.spacecraft.as_ref().map(|s| s.name.as_str());
    let launch = f.launch.as_ref().map(launch_line);
    let text = match (craft, launch) {
        (Some(c), Some(l)) => format!("{c} — {l}"),
        (c, l) => l
            .or(c.map(str::to_string))
            .unwrap_or_else(|| format!("flight {}", f.id)),
    };
    Item::new(text, Some(RecordRef::Flight(f.id)))
}

/// A docking event at a station, as a row of its history.
fn docking_item(e: &DockingEvent, now: Timestamp) -> Item {
    let text = format!("{} {}", opt(e.chaser_name()), super::stay_text(e, now));
    Item::new(text, e.chaser_flight_id().map(RecordRef::Flight))
}

pub fn stay(e: &DockingEvent) -> Stay {
    Stay {
        port: e.port().map(str::to_string),
        vehicle: opt(e.chaser_name()),
        docked: e.docking,
        departed: e.departure,
        flight: e.chaser_flight_id(),
    }
}

/// The station, who is aboard, what is docked, and every docking event on
/// a time axis (one row per port) and as rows that open the visiting flight.
pub fn station(
    s: &SpaceStation,
    history: &[DockingEvent],
    note: Option<&str>,
    now: Timestamp,
) -> Vec<Part> {
    let unit = |v: Option<f64>, u: &str| v.map(|v| format!("{v} {u}")).unwrap_or_default();
    let mut out = vec![
        Part::Title(format!("{} (station {})", s.name, s.id)),
        fields(vec![
            ("Status", opt(s.status_name())),
            ("Type", opt(s.kind_name())),
            ("Owners", s.owner_names()),
            ("Founded", date(s.founded)),
            ("Deorbited", date(s.deorbited)),
            ("Orbit", opt(s.orbit.as_deref())),
            ("Mass", unit(s.mass, "t")),
            ("Volume", unit(s.volume, "m³")),
            ("Height", unit(s.height, "m")),
            ("Width", unit(s.width, "m")),
            (
                "Crew on board",
                s.onboard_crew.map(|n| n.to_string()).unwrap_or_default(),
            ),
            (
                "Docked vehicles",
                s.docked_vehicles.map(|n| n.to_string()).unwrap_or_default(),
            ),
        ]),
    ];
    let crew: Vec<Item> = s
        .crew_on_board()
        .filter_map(|c| {
            let a = c.astronaut.as_ref()?;
            let role = c.role.as_ref().and_then(|r| r.role.as_deref());
            let text = match role {
                Some(role) => format!("{} — {role}", opt(a.name.as_deref())),
                None => opt(a.name.as_deref()),
            };
            Some(Item::new(text, a.id.map(RecordRef::Astronaut)))
        })
        .collect();
    if !crew.is_empty() {
        out.push(Part::Heading("Crew on board".into()));
        out.push(Part::Items(crew));
    } else if s.onboard_crew.is_some_and(|n| n > 0) {
        // 2.3.0's station record counts the crew without naming it.
        out.push(Part::Heading("Crew on board".into()));
        out.push(Part::Text(
            "the API's station record does not name them (2.2.0's does)".into(),
        ));
    }
    let docked: Vec<Item> = s
        .docked_now()
        .map(|(port, e)| {
            let text = format!(
                "{}: {} since {}",
                opt(port.name.as_deref().or(e.port())),
                opt(e.chaser_name()),
                utc(e.docking)
            );
            Item::new(text, e.chaser_flight_id().map(RecordRef::Flight))
        })
        .collect();
    if !docked.is_empty() {
        out.push(Part::Heading("Docked now".into()));
        out.push(Part::Items(docked));
    }
    text(&mut out, "Description", s.description.as_deref());
    out.push(Part::Heading(format!(
        "Docking history ({} events)",
        history.len()
    )));
    if let Some(note) = note {
        out.push(Part::Text(clip(note)));
    }
    if history.is_empty() {
        out.push(Part::Text("no docking events".into()));
    } else {
        out.push(Part::Ports(history.iter().map(stay).collect(), now));
        out.push(Part::Items(
            history.iter().map(|e| docking_item(e, now)).collect(),
        ));
    }
    out
}

/// The launch, its rocket, pad and mission, and the spacecraft flights it carried.
pub fn launch(l: &Launch, now: Timestamp) -> Vec<Part> {
    let name = opt(l.name.as_deref());
    let mission = l.mission.as_ref();
    let window = match (l.window_start, l.window_end) {
        (None, None) => String::new(),
        (a, b) => format!("{} – {}", utc(a), utc(b)),
    };
    let pad = [
        l.pad.as_ref().and_then(|p| p.name.clone()),
        l.location_name().map(str::to_string),
        l.country().map(str::to_string),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(", ");
    let agencies: Vec<String> = mission
        .map(|m| m.agencies.iter().filter_map(agency_name).collect())
        .unwrap_or_default();
    let mut out = vec![Part::Title(format!("{name} (launch)"))];
    out.extend(super::planned_line(l, now).map(Part::Text));
    out.extend([fields(vec![
        ("Status", opt(l.status.as_ref().and_then(|s| s.name()))),
        ("NET (UTC)", super::launch_when(Some(l), l.net, now)),
        (
            "Precision",
            opt(l.net_precision.as_ref().and_then(|p| p.name())),
        ),
        ("Window (UTC)", window),
        ("Rocket", opt(l.rocket_name())),
        ("Pad", pad),
        (
            "Provider",
            opt(l.launch_service_provider.as_ref().and_then(|p| p.name())),
        ),
        ("Mission", opt(mission.and_then(|m| m.name.as_deref()))),
        ("Mission type", opt(mission.and_then(|m| m.kind.as_deref()))),
        (
            "Orbit",
            opt(mission
                .and_then(|m| m.orbit.as_ref())
                .and_then(|o| o.name())),
        ),
        ("Agencies", agencies.join(", ")),
        ("Launch id", opt(l.id.as_deref())),
    ])]);
    let carried = l.spacecraft_flights();
    out.push(Part::Heading(format!(
        "Spacecraft flights ({})",
        carried.len()
    )));
    if carried.is_empty() {
        out.push(Part::Text(
            "none known (`hangar sync` brings every spacecraft flight)".into(),
        ));
    } else {
        out.push(Part::Items(carried.iter().map(flight_item).collect()));
    }
    text(
        &mut out,
        "Mission",
        mission.and_then(|m| m.description.as_deref()),
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::Part;

    fn day(s: &str) -> Date {
        s.parse().unwrap()
    }

    /// Noon UTC on `s`.
    fn noon(s: &str) -> Timestamp {
        format!("{s}T12:00:00Z").parse().unwrap()
    }

    fn field(parts: &[Part], label: &str) -> Option<String> {
        parts.iter().find_map(|p| match p {
            Part::Fields(pairs) => pairs
                .iter()
                .find(|(l, _)| *l == label)
                .map(|(_, v)| v.clone()),
            _ => None,
        })
    }

    /// Born 1976-05-03, the API's `age` frozen at 46 by a fetch in 2022.
    fn astronaut_born(born: Option<&str>, died: Option<&str>) -> Astronaut {
        Astronaut {
            name: Some("Someone".into()),
            date_of_birth: born.map(day),
            date_of_death: died.map(day),
            age: Some(46),
            ..Default::default()
        }
    }

    #[test]
    fn the_age_turns_on_the_birthday() {
        let born = day("1976-05-03");
        assert_eq!(age(born, day("2026-05-02")), Some(49));
        assert_eq!(age(born, day("2026-05-03")), Some(50));
        assert_eq!(age(born, day("2026-05-04")), Some(50));
        assert_eq!(age(born, born), Some(0));
        assert_eq!(age(born, day("1976-05-02")), None);
        // A leap-day birthday comes on 1 March in other years.
        let leap = day("2000-02-29");
        assert_eq!(age(leap, day("2001-02-28")), Some(0));
        assert_eq!(age(leap, day("2001-03-01")), Some(1));
        assert_eq!(age(leap, day("2004-02-29")), Some(4));
    }

    #[test]
    fn an_astronauts_age_is_counted_to_now_not_read_from_the_record() {
        let a = astronaut_born(Some("1976-05-03"), None);
        let born = |now: &str| field(&astronaut(&a, &HashMap::new(), noon(now)), "Born");
        assert_eq!(born("2026-05-02").as_deref(), Some("1976-05-03 (age 49)"));
        assert_eq!(born("2026-05-03").as_deref(), Some("1976-05-03 (age 50)"));
        assert_eq!(born("2026-05-04").as_deref(), Some("1976-05-03 (age 50)"));
        // Late on the day before, UTC: not yet.
        let late: Timestamp = "2026-05-02T23:59:59Z".parse().unwrap();
        let parts = astronaut(&a, &HashMap::new(), late);
        assert_eq!(
            field(&parts, "Born").as_deref(),
            Some("1976-05-03 (age 49)")
        );
        assert_eq!(field(&parts, "Died"), None);
    }

    #[test]
    fn the_dead_are_aged_at_their_death_and_a_wrong_date_gives_no_age() {
        let now = noon("2026-11-22");
        let glenn = astronaut_born(Some("1921-07-18"), Some("2016-12-08"));
        let parts = astronaut(&glenn, &HashMap::new(), now);
        assert_eq!(field(&parts, "Born").as_deref(), Some("1921-07-18"));
        assert_eq!(
            field(&parts, "Died").as_deref(),
            Some("2016-12-08, aged 95")
        );
        // No date of birth: the API's age is not shown either.
        let unknown = astronaut(&astronaut_born(None, None), &HashMap::new(), now);
        assert_eq!(field(&unknown, "Born"), None);
        let died = astronaut(
            &astronaut_born(None, Some("2016-12-08")),
            &HashMap::new(),
            now,
        );
        assert_eq!(field(&died, "Died").as_deref(), Some("2016-12-08"));
        // Born in the future, or dead before being born: the dates, no age.
        let future = astronaut(
            &astronaut_born(Some("2030-01-01"), None),
            &HashMap::new(),
            now,
        );
        assert_eq!(field(&future, "Born").as_deref(), Some("2030-01-01"));
        let wrong = astronaut_born(Some("2020-01-01"), Some("2019-01-01"));
        let wrong = astronaut(&wrong, &HashMap::new(), now);
        assert_eq!(field(&wrong, "Died").as_deref(), Some("2019-01-01"));
    }
}
