//! The charts of issue 13: each chart's figures computed by hand from a
//! small known catalog and its flights, and each chart drawn into a
//! `TestBackend` at 80×24 and 160×48 (insta snapshots).

mod common;

use hangar::api::models::{Agency, Launch, Named, SpacecraftConfig};
use hangar::api::{Dur, Flight, RecordRef, Spacecraft};
use hangar::doc::stats::{stats, thousands, Stats, Target, OTHER};
use jiff::Timestamp;
use ratatui::backend::TestBackend;
use ratatui::Terminal;
use std::sync::Arc;

const DAY: i64 = 86_400;

fn ts(s: &str) -> Timestamp {
    s.parse().unwrap()
}

fn now() -> Timestamp {
    ts("2026-01-01T00:00:00Z")
}

fn days(n: i64) -> Dur {
    Dur::from_secs(n * DAY)
}

fn config(
    id: i64,
    name: &str,
    family: Option<&str>,
    agency: (Option<&str>, &str),
) -> Arc<SpacecraftConfig> {
    Arc::new(SpacecraftConfig {
        id: Some(id),
        name: Some(name.into()),
        family: family
            .map(|f| Named {
                name: Some(f.into()),
                ..Named::default()
            })
            .into_iter()
            .collect(),
        agency: Some(Agency {
            abbrev: agency.0.map(str::to_string),
            name: Some(agency.1.into()),
            ..Agency::default()
        }),
        ..SpacecraftConfig::default()
    })
}

fn craft(
    id: u64,
    name: &str,
    config: &Arc<SpacecraftConfig>,
    flights: u32,
    in_space: bool,
) -> Spacecraft {
    Spacecraft {
        id,
        name: name.into(),
        flights_count: Some(flights),
        in_space: Some(in_space),
        spacecraft_config: Some(config.clone()),
        ..Spacecraft::default()
    }
}

/// A flight of spacecraft `of` (only its id, as the sync's flights carry it).
fn flight(id: u64, of: Option<u64>, launch: Option<&str>, end: Option<&str>) -> Flight {
    Flight {
        id,
        spacecraft: of.map(|id| {
            Box::new(Spacecraft {
                id,
                name: format!("as the flight says {id}"),
                ..Spacecraft::default()
            })
        }),
        launch: Some(Launch {
            net: launch.map(ts),
            name: Some(format!("Launch {id}")),
            ..Launch::default()
        }),
        mission_end: end.map(ts),
        ..Flight::default()
    }
}

/// Five spacecraft of three configurations, and twelve flights:
///
/// | flight | spacecraft | launch | end | time |
/// | --- | --- | --- | --- | --- |
/// | 1 | 10 Endeavour (Dragon 2, in space) | 2020-05-30 | 2020-08-02 | 64d |
/// | 2 | 10 | 2020-11-16 | duration P167D (→ 2021-05-02) | 167d |
/// | 3 | 10 | 2021-04-23 | none: in flight | 1714d to now |
/// | 4 | 11 Resilience (Dragon 2) | 2021-09-16 | 2021-09-19 | 3d |
/// | 5 | 11 | 2022-01-01, turnaround P100DT1S | 2022-01-11 | 10d |
/// | 6 | 20 Soyuz MS-01 (Soyuz MS) | 2016-07-07 | 2016-10-30 | 115d |
/// | 7 | 30 Atlantis (Shuttle) | 1985-10-03 | 1985-10-07 | 4d |
/// | 8 | 30 | 1985-11-27 | 1985-12-04 | 7d |
/// | 9 | 31 Discovery (Shuttle) | 1984-08-30 | 1984-09-05 | 6d |
/// | 10 | 31 | 1984-11-08 | 1984-11-16 | 8d |
/// | 11 | 31 | none | none | unknown |
/// | 12 | none | 2019-03-02 | duration P1D | 1d |
fn fleet() -> (Vec<Spacecraft>, Vec<Flight>) {
    let dragon = config(1, "Dragon 2", Some("Dragon"), (Some("SpX"), "SpaceX"));
    let soyuz = config(2, "Soyuz MS", Some("Soyuz"), (Some("RFSA"), "Roscosmos"));
    let shuttle = config(3, "Shuttle", None, (None, "NASA"));
    let catalog = vec![
        craft(10, "Endeavour", &dragon, 3, true),
        craft(11, "Resilience", &dragon, 2, false),
        craft(20, "Soyuz MS-01", &soyuz, 1, false),
        craft(30, "Atlantis", &shuttle, 4, false),
        craft(31, "Discovery", &shuttle, 3, false),
    ];
    let mut f2 = flight(2, Some(10), Some("2020-11-16T00:00:00Z"), None);
    f2.duration = Some(days(167));
    let mut f5 = flight(
        5,
        Some(11),
        Some("2022-01-01T00:00:00Z"),
        Some("2022-01-11T00:00:00Z"),
    );
    f5.turn_around_time = Some(Dur::from_secs(100 * DAY + 1));
    let mut f12 = flight(12, None, Some("2019-03-02T00:00:00Z"), None);
    f12.duration = Some(days(1));
    let flights = vec![
        flight(
            1,
            Some(10),
            Some("2020-05-30T00:00:00Z"),
            Some("2020-08-02T00:00:00Z"),
        ),
        f2,
        flight(3, Some(10), Some("2021-04-23T00:00:00Z"), None),
        flight(
            4,
            Some(11),
            Some("2021-09-16T00:00:00Z"),
            Some("2021-09-19T00:00:00Z"),
        ),
        f5,
        flight(
            6,
            Some(20),
            Some("2016-07-07T00:00:00Z"),
            Some("2016-10-30T00:00:00Z"),
        ),
        flight(
            7,
            Some(30),
            Some("1985-10-03T00:00:00Z"),
            Some("1985-10-07T00:00:00Z"),
        ),
        flight(
            8,
            Some(30),
            Some("1985-11-27T00:00:00Z"),
            Some("1985-12-04T00:00:00Z"),
        ),
        flight(
            9,
            Some(31),
            Some("1984-08-30T00:00:00Z"),
            Some("1984-09-05T00:00:00Z"),
        ),
        flight(
            10,
            Some(31),
            Some("1984-11-08T00:00:00Z"),
            Some("1984-11-16T00:00:00Z"),
        ),
        flight(11, Some(31), None, None),
        f12,
    ];
    (catalog, flights)
}

fn fleet_stats() -> Stats {
    let (catalog, flights) = fleet();
    stats(&catalog, &flights, Some(20), now())
}

#[test]
fn flights_per_year_by_family_and_by_agency() {
    let s = fleet_stats().flights_per_year;
    assert_eq!(
        s.families,
        ["Dragon", "Shuttle", "Soyuz", "unknown configuration"],
        "most flights first; a configuration without a family is its own; ties by name"
    );
    assert_eq!(
        s.agencies,
        ["SpX", "NASA", "RFSA", "unknown agency"],
        "abbreviation, else name"
    );
    assert_eq!(s.undated, 1);
    // 1984 to 2022, the years without a flight kept as empty bars.
    assert_eq!(s.years.len(), 39);
    assert_eq!((s.years[0].year, s.years[38].year), (1984, 2022));
    let year = |y: i16| s.years.iter().find(|c| c.year == y).unwrap();
    let rows: Vec<(i16, u32, Vec<u32>, Vec<u32>)> =
        [1984, 1985, 1986, 2016, 2019, 2020, 2021, 2022]
            .into_iter()
            .map(|y| {
                let c = year(y);
                (c.year, c.flights, c.by_family.clone(), c.by_agency.clone())
            })
            .collect();
    assert_eq!(
        rows,
        [
            (1984, 2, vec![0, 2, 0, 0], vec![0, 2, 0, 0]),
            (1985, 2, vec![0, 2, 0, 0], vec![0, 2, 0, 0]),
            (1986, 0, vec![0, 0, 0, 0], vec![0, 0, 0, 0]),
            (2016, 1, vec![0, 0, 1, 0], vec![0, 0, 1, 0]),
            (2019, 1, vec![0, 0, 0, 1], vec![0, 0, 0, 1]),
            (2020, 2, vec![2, 0, 0, 0], vec![2, 0, 0, 0]),
            (2021, 2, vec![2, 0, 0, 0], vec![2, 0, 0, 0]),
            (2022, 1, vec![1, 0, 0, 0], vec![1, 0, 0, 0]),
        ]
    );
    assert_eq!(
        s.years.iter().map(|y| y.flights).sum::<u32>(),
        11,
        "every dated flight once"
    );
    assert_eq!(s.group_totals(false), [5, 4, 1, 1]);
    assert_eq!(year(2016).leading(true), Some(2));
    assert_eq!(year(1986).leading(true), None);
}

#[test]
fn past_seven_groups_the_smallest_are_other() {
    // Families F0..F8 with 9, 8, …, 1 flights, all in 2000.
    let mut catalog = Vec::new();
    let mut flights = Vec::new();
    for k in 0..9u64 {
        let c = config(
            k as i64,
            &format!("C{k}"),
            Some(&format!("F{k}")),
            (Some(&format!("A{k}")), "A"),
        );
        catalog.push(craft(k + 1, &format!("S{k}"), &c, 1, false));
        for n in 0..9 - k {
            let id = 100 * (k + 1) + n;
            flights.push(flight(id, Some(k + 1), Some("2000-06-01T00:00:00Z"), None));
        }
    }
    let s = stats(&catalog, &flights, None, now()).flights_per_year;
    assert_eq!(s.families, ["F0", "F1", "F2", "F3", "F4", "F5", OTHER]);
    assert_eq!(s.agencies, ["A0", "A1", "A2", "A3", "A4", "A5", OTHER]);
    assert_eq!(s.years.len(), 1);
    assert_eq!(s.years[0].by_family, [9, 8, 7, 6, 5, 4, 3 + 2 + 1]);
    assert_eq!(s.years[0].flights, 45);
}

#[test]
fn time_in_space_per_configuration_with_an_ongoing_flight_to_now() {
    let t = fleet_stats().time_in_space;
    let rows: Vec<(&str, Option<i64>, Dur, u32, u32)> = t
        .configurations
        .iter()
        .map(|c| {
            (
                c.configuration.as_str(),
                c.configuration_id,
                c.total,
                c.flights,
                c.spacecraft,
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            // 64 + 167 + 1714 (flight 3, launch to now) + 3 + 10
            ("Dragon 2", Some(1), days(1958), 5, 2),
            ("Soyuz MS", Some(2), days(115), 1, 1),
            ("Shuttle", Some(3), days(4 + 7 + 6 + 8), 4, 2),
            ("unknown configuration", None, days(1), 1, 0),
        ]
    );
    assert_eq!(t.total, days(1958 + 115 + 25 + 1));
    assert_eq!(t.unknown, 1, "flight 11: no dates");
    assert_eq!(t.more, 0);
}

#[test]
fn a_flight_without_an_end_is_ongoing_only_if_its_spacecraft_is_in_space() {
    let (mut catalog, flights) = fleet();
    catalog[0].in_space = Some(false);
    let s = stats(&catalog, &flights, Some(20), now());
    assert_eq!(
        s.time_in_space.configurations[0].total,
        days(64 + 167 + 3 + 10)
    );
    assert_eq!(s.time_in_space.unknown, 2);
    assert!(s.longest_flights.iter().all(|f| !f.ongoing));
}

#[test]
fn the_top_fifteen_configurations_and_how_many_more() {
    let mut catalog = Vec::new();
    let mut flights = Vec::new();
    for k in 0..20u64 {
        let c = config(k as i64, &format!("C{k:02}"), None, (None, "A"));
        catalog.push(craft(k + 1, &format!("S{k}"), &c, 1, false));
        let mut f = flight(k + 1, Some(k + 1), Some("2000-01-01T00:00:00Z"), None);
        // C00..C09 one day each (a tie, broken by name), C10..C19 more.
        f.duration = Some(days(1 + k.saturating_sub(9) as i64));
        flights.push(f);
    }
    let t = stats(&catalog, &flights, Some(20), now()).time_in_space;
    let names: Vec<&str> = t
        .configurations
        .iter()
        .map(|c| c.configuration.as_str())
        .collect();
    assert_eq!(
        names,
        [
            "C19", "C18", "C17", "C16", "C15", "C14", "C13", "C12", "C11", "C10", "C00", "C01",
            "C02", "C03", "C04"
        ]
    );
    assert_eq!(t.more, 5);
    assert_eq!(t.total, days(10 + (2..=11).sum::<i64>()));
}

#[test]
fn turnarounds_per_configuration_and_the_fastest() {
    let r = fleet_stats().reuse;
    let rows: Vec<(&str, u32, u32, Dur, Dur, Dur)> = r
        .configurations
        .iter()
        .map(|c| {
            (
                c.configuration.as_str(),
                c.spacecraft,
                c.turnarounds,
                c.min,
                c.median,
                c.max,
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            // 51d and 64d: the mean of the two middle ones.
            (
                "Shuttle",
                2,
                2,
                days(51),
                Dur::from_secs(57 * DAY + DAY / 2),
                days(64)
            ),
            // The API's 100d 1s (flight 5) and 106d from flight 1's end to flight 2's
            // launch; 103d and half a second, rounded down. Flight 2's end (launch
            // plus its duration) is after flight 3's launch: negative, left out.
            (
                "Dragon 2",
                2,
                2,
                Dur::from_secs(100 * DAY + 1),
                days(103),
                days(106)
            ),
        ],
        "Soyuz MS-01 flew once: no turnaround"
    );
    let fastest: Vec<(u64, &str, u64, u64, Dur)> = r
        .fastest
        .iter()
        .map(|t| {
            (
                t.spacecraft_id,
                t.name.as_str(),
                t.from_flight,
                t.to_flight,
                t.time,
            )
        })
        .collect();
    assert_eq!(
        fastest,
        [
            (30, "Atlantis", 7, 8, days(51)),
            (31, "Discovery", 9, 10, days(64)),
            (11, "Resilience", 4, 5, Dur::from_secs(100 * DAY + 1)),
            (10, "Endeavour", 1, 2, days(106)),
        ]
    );
}

#[test]
fn the_most_flown_ties_by_the_catalogs_count_then_id() {
    let s = fleet_stats();
    let flown: Vec<(u64, &str, u32, Option<u32>)> = s
        .most_flown
        .iter()
        .map(|f| {
            (
                f.spacecraft_id,
                f.name.as_str(),
                f.flights,
                f.catalog_flights,
            )
        })
        .collect();
    assert_eq!(
        flown,
        [
            (10, "Endeavour", 3, Some(3)),
            (31, "Discovery", 3, Some(3)),
            // Two each in the sync; the catalog knows Atlantis flew four times.
            (30, "Atlantis", 2, Some(4)),
            (11, "Resilience", 2, Some(2)),
            (20, "Soyuz MS-01", 1, Some(1)),
        ],
        "a flight without a spacecraft counts for none"
    );
}

#[test]
fn the_ten_longest_flights() {
    let s = fleet_stats();
    let longest: Vec<(u64, Option<u64>, &str, Dur, bool)> = s
        .longest_flights
        .iter()
        .map(|f| {
            (
                f.flight_id,
                f.spacecraft_id,
                f.name.as_str(),
                f.duration,
                f.ongoing,
            )
        })
        .collect();
    assert_eq!(
        longest,
        [
            (3, Some(10), "Endeavour", days(1714), true),
            (2, Some(10), "Endeavour", days(167), false),
            (6, Some(20), "Soyuz MS-01", days(115), false),
            (1, Some(10), "Endeavour", days(64), false),
            (5, Some(11), "Resilience", days(10), false),
            (10, Some(31), "Discovery", days(8), false),
            (8, Some(30), "Atlantis", days(7), false),
            (9, Some(31), "Discovery", days(6), false),
            (7, Some(30), "Atlantis", days(4), false),
            (4, Some(11), "Resilience", days(3), false),
        ],
        "flight 12 (1d) is the eleventh"
    );
}

#[test]
fn what_each_row_opens_and_how_many_there_are() {
    let s = fleet_stats();
    assert_eq!(
        (0..5).map(|c| s.rows(c)).collect::<Vec<_>>(),
        [39, 4, 2 + 4, 5, 10]
    );
    assert_eq!(s.rows(5), 0);
    assert_eq!(s.target(0, 0), Some(Target::Year(1984)));
    assert_eq!(
        s.target(1, 0),
        Some(Target::Configuration {
            id: Some(1),
            name: "Dragon 2".into()
        })
    );
    assert_eq!(
        s.target(2, 0),
        Some(Target::Configuration {
            id: Some(3),
            name: "Shuttle".into()
        })
    );
    assert_eq!(
        s.target(2, 2),
        Some(Target::Record(RecordRef::Spacecraft(30)))
    );
    assert_eq!(s.target(2, 6), None);
    assert_eq!(
        s.target(3, 1),
        Some(Target::Record(RecordRef::Spacecraft(31)))
    );
    assert_eq!(s.target(4, 0), Some(Target::Record(RecordRef::Flight(3))));
    assert_eq!(s.target(4, 10), None);
    assert_eq!(s.target(7, 0), None);
}

#[test]
fn the_figures_say_on_how_many_flights_they_rest() {
    let s = fleet_stats();
    assert_eq!((s.flights_used, s.total_flights), (12, Some(20)));
    assert!(!s.complete());
    assert_eq!(s.basis().as_deref(), Some("from 12 of 20 flights"));
    let (catalog, flights) = fleet();
    let all = stats(&catalog, &flights, Some(12), now());
    assert!(all.complete());
    assert_eq!(all.basis(), None);
    let unsynced = stats(&catalog, &flights[..2], None, now());
    assert_eq!(
        unsynced.basis().as_deref(),
        Some("from 2 flights; the total is not known")
    );
    assert_eq!(
        stats(&catalog, &flights, Some(1218), now())
            .basis()
            .as_deref(),
        Some("from 12 of 1,218 flights")
    );
    for (n, text) in [
        (0, "0"),
        (999, "999"),
        (1000, "1,000"),
        (1_234_567, "1,234,567"),
    ] {
        assert_eq!(thousands(n), text);
    }
    assert_eq!(thousands(u64::MAX), "18,446,744,073,709,551,615");
}

#[test]
fn the_order_flights_come_in_changes_nothing() {
    let (catalog, mut flights) = fleet();
    let before = stats(&catalog, &flights, Some(20), now());
    flights.reverse();
    flights.swap(0, 5);
    assert_eq!(stats(&catalog, &flights, Some(20), now()), before);
}

#[test]
fn no_flights_no_figures() {
    let (catalog, _) = fleet();
    let s = stats(&catalog, &[], None, now());
    assert!(s.flights_per_year.years.is_empty());
    assert!(s.flights_per_year.families.is_empty());
    assert!(s.time_in_space.configurations.is_empty());
    assert!(s.reuse.configurations.is_empty() && s.reuse.fastest.is_empty());
    assert!(s.most_flown.is_empty() && s.longest_flights.is_empty());
    assert_eq!((0..5).map(|c| s.rows(c)).sum::<usize>(), 0);
}

#[test]
fn dates_and_durations_at_the_ends_of_their_range_do_not_panic() {
    let c = config(1, "C", None, (None, "A"));
    let catalog = vec![craft(1, "S", &c, 4, true)];
    let mut first = flight(1, Some(1), None, None);
    first.launch.as_mut().unwrap().net = Some(Timestamp::MIN);
    first.duration = Some(Dur::from_secs(i64::MAX));
    let mut second = flight(2, Some(1), None, None);
    second.launch.as_mut().unwrap().net = Some(Timestamp::MAX);
    // Reported as launched: with no status a NET ahead reads as planned,
    // and planned flights are not counted.
    second.launch.as_mut().unwrap().status =
        Some(serde_json::from_value(serde_json::json!({"id": 3, "abbrev": "Success"})).unwrap());
    second.duration = Some(Dur::from_secs(i64::MAX));
    second.turn_around_time = Some(Dur::from_secs(i64::MAX));
    let mut third = flight(3, Some(1), Some("2000-01-01T00:00:00Z"), None);
    third.turn_around_time = Some(Dur::from_secs(i64::MAX));
    third.duration = Some(Dur::from_secs(-5));
    let s = stats(&catalog, &[first, second, third], Some(3), now());
    let years: Vec<i16> = s.flights_per_year.years.iter().map(|y| y.year).collect();
    assert_eq!(
        years,
        [-9999, 2000, 9999],
        "years too far apart are not filled"
    );
    assert_eq!(s.time_in_space.total, Dur::from_secs(i64::MAX), "saturated");
    assert_eq!(
        s.time_in_space.unknown, 1,
        "a negative duration is no duration"
    );
    assert_eq!(s.reuse.configurations[0].median, Dur::from_secs(i64::MAX));
    assert_eq!(s.reuse.configurations[0].turnarounds, 2);
}

/// Chart `chart` drawn into a `width`×`height` TestBackend, as text (a wide
/// character's second cell skipped).
fn drawn(s: &Stats, chart: usize, selected: usize, by_agency: bool, size: (u16, u16)) -> String {
    let (w, h) = size;
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal
        .draw(|f| hangar::ui::stats::draw(f, f.area(), s, chart, selected, by_agency))
        .unwrap();
    common::buffer_text(terminal.backend().buffer())
}

#[test]
fn each_chart_at_80_by_24_and_160_by_48() {
    let s = fleet_stats();
    let year_2020 = s
        .flights_per_year
        .years
        .iter()
        .position(|y| y.year == 2020)
        .unwrap();
    // (chart, selected, by agency): a year; a configuration; a fastest turnaround; …
    for (chart, selected, by_agency) in [
        (0, year_2020, false),
        (1, 1, false),
        (2, 3, false),
        (3, 2, false),
        (4, 0, false),
    ] {
        for size in [(80, 24), (160, 48)] {
            let screen = drawn(&s, chart, selected, by_agency, size);
            insta::assert_snapshot!(format!("chart{chart}_{}x{}", size.0, size.1), screen);
        }
    }
    let screen = drawn(&s, 0, year_2020, true, (80, 24));
    assert!(
        screen.contains("by agency") && screen.contains("a SpX 5"),
        "{screen}"
    );
}

#[test]
fn every_chart_says_its_title_its_basis_and_its_selection() {
    let s = fleet_stats();
    for chart in 0..5 {
        let screen = drawn(&s, chart, 0, false, (80, 24));
        assert!(screen.contains(&format!("{}/5", chart + 1)), "{screen}");
        assert!(screen.contains("from 12 of 20 flights"), "{screen}");
        assert!(screen.contains('▶'), "the selected row is marked: {screen}");
    }
    let screen = drawn(&s, 0, 0, false, (80, 24));
    assert!(
        screen.contains("▶ 1984: 2 flights · b Shuttle 2"),
        "{screen}"
    );
    assert!(screen.contains("1990"), "the axis is labelled: {screen}");
    let screen = drawn(&s, 4, 0, false, (80, 24));
    assert!(screen.contains("▶ Endeavour"), "{screen}");
    assert!(
        screen.contains("1714d, flight 3, 2021-04-23, in flight"),
        "{screen}"
    );
    let (catalog, flights) = fleet();
    let complete = stats(&catalog, &flights, Some(12), now());
    assert!(!drawn(&complete, 1, 0, false, (80, 24)).contains("flights ·"));
}

#[test]
fn the_selected_row_stays_in_view_past_the_panes_height() {
    // Fifteen configurations in a pane with room for eight rows.
    let mut catalog = Vec::new();
    let mut flights = Vec::new();
    for k in 0..15u64 {
        let c = config(k as i64, &format!("C{k:02}"), None, (None, "A"));
        catalog.push(craft(k + 1, &format!("S{k}"), &c, 1, false));
        let mut f = flight(k + 1, Some(k + 1), Some("2000-01-01T00:00:00Z"), None);
        f.duration = Some(days(100 - k as i64));
        flights.push(f);
    }
    let s = stats(&catalog, &flights, Some(15), now());
    let screen = drawn(&s, 1, 14, false, (80, 12));
    assert!(screen.contains("▶ C14"), "{screen}");
    assert!(!screen.contains("C00"), "scrolled: {screen}");
    // A century and more of years at 40 columns: the selected one in view.
    let mut flights = Vec::new();
    for (i, year) in (1890..2020).enumerate() {
        flights.push(flight(
            i as u64 + 1,
            Some(1),
            Some(&format!("{year}-06-01T00:00:00Z")),
            None,
        ));
    }
    let s = stats(&catalog, &flights, None, now());
    let screen = drawn(&s, 0, 5, false, (40, 12));
    assert!(screen.contains("▶ 1895: 1 flight"), "{screen}");
    let screen = drawn(&s, 0, 125, false, (40, 12));
    assert!(screen.contains("▶ 2015: 1 flight"), "{screen}");
    assert!(screen.contains("2010"), "{screen}");
}

#[test]
fn no_flights_says_how_to_get_them_and_nothing_panics_at_any_size() {
    let (catalog, flights) = fleet();
    let empty = stats(&catalog, &[], None, now());
    let screen = drawn(&empty, 0, 0, false, (80, 24));
    assert!(screen.contains("hangar sync"), "{screen}");
    let s = stats(&catalog, &flights, Some(20), now());
    let single = stats(&catalog, &flights[5..6], Some(20), now());
    assert!(drawn(&single, 2, 0, false, (80, 24)).contains("flew more than once"));
    for stats in [&s, &empty, &single] {
        for chart in 0..7 {
            for (w, h) in [
                (1, 1),
                (2, 2),
                (3, 3),
                (5, 4),
                (12, 5),
                (20, 8),
                (40, 12),
                (300, 3),
                (3, 100),
            ] {
                for selected in [0, 3, 99] {
                    drawn(stats, chart, selected, selected == 3, (w, h));
                }
            }
        }
    }
}

#[test]
fn the_selection_is_drawn_reversed() {
    use ratatui::style::Modifier;
    let s = fleet_stats();
    let reversed = |chart: usize, selected: usize, at: &dyn Fn(&str) -> Option<(u16, u16)>| {
        let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
        terminal
            .draw(|f| hangar::ui::stats::draw(f, f.area(), &s, chart, selected, false))
            .unwrap();
        let buffer = terminal.backend().buffer().clone();
        let text = drawn(&s, chart, selected, false, (80, 24));
        let (x, y) = at(&text).unwrap();
        buffer[(x, y)].modifier.contains(Modifier::REVERSED)
    };
    // The row named Atlantis (the third most flown), selected or not.
    let atlantis = |text: &str| {
        let y = text
            .lines()
            .position(|l| l.contains("Atlantis (Shuttle)"))?;
        Some((3, y as u16))
    };
    assert!(reversed(3, 2, &atlantis));
    assert!(!reversed(3, 0, &atlantis));
    // The top of 1984's bar: its column reversed when it is the selected year.
    let first_bar = |text: &str| {
        let y = text.lines().position(|l| l.starts_with("│█"))?;
        Some((1, y as u16))
    };
    assert!(reversed(0, 0, &first_bar));
    assert!(!reversed(0, 1, &first_bar));
}
