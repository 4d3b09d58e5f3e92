//! The astronaut, station and launch screens (issue 12) as pure functions
//! of the state: records in, panes and links out, drawn with TestBackend.

mod common;

use common::*;
use hangar::api::paging::parse_record;
use hangar::api::{ApiError, Astronaut, Launch, LaunchId, Priority, RecordRef};
use hangar::app::action::{Action, Command};
use hangar::app::{update, Effect, Screen, State};
use hangar::data::store::{Listing, Record};
use jiff::Timestamp;
use std::collections::HashMap;

fn now() -> Timestamp {
    "2026-11-22T12:00:00Z".parse().unwrap()
}

const VOSTOK_5: &str = "0d0acc45-bcf8-4d06-8093-be999f9233ba";

fn state(size: (u16, u16)) -> State {
    snapshot_showing(size, now())
}

fn command(s: &mut State, c: Command) -> Vec<Effect> {
    update(s, Action::Command(c))
}

fn astronaut() -> Record {
    let astronaut: Astronaut = parse_record(&fixture("astronaut-2.3.0.json")).unwrap();
    // The sync holds Vostok 5's spacecraft flight (358); the other launches it does not.
    let flights = HashMap::from([(VOSTOK_5.parse::<LaunchId>().unwrap(), 358)]);
    Record::Astronaut { astronaut, flights }
}

#[test]
fn an_astronaut_links_each_flight_to_the_spacecraft_flight_else_the_launch() {
    let mut s = state((110, 40));
    let effects = s.start_at(RecordRef::Astronaut(84));
    assert_eq!(
        effects,
        [Effect::LoadRecord {
            of: RecordRef::Astronaut(84),
            priority: Priority::Explicit
        }]
    );
    record_loaded(&mut s, RecordRef::Astronaut(84), astronaut());
    let links = s.links();
    assert_eq!(links[0], RecordRef::Flight(358), "known to the sync");
    assert_eq!(
        links[1],
        RecordRef::Launch("7a4c4a0e-6f4b-4b40-9a1e-2b2c6f1d5e22".parse().unwrap()),
        "not synced: its launch"
    );
    assert!(
        links.contains(&RecordRef::Flight(402)),
        "a landing: {links:?}"
    );
    let screen = render(&s);
    assert!(
        screen.contains("Valery Bykovsky (astronaut 84)"),
        "{screen}"
    );
    assert!(screen.contains("Spacecraft › Valery Bykovsky"), "{screen}");
    assert!(
        screen.contains("▶ 1963-06-14 Vostok-K | Vostok 5"),
        "{screen}"
    );
    insta::assert_snapshot!("astronaut", screen);

    // Enter on Vostok 5 opens its spacecraft flight.
    let effects = command(&mut s, Command::Open);
    assert_eq!(s.screen(), Screen::Record(RecordRef::Flight(358)));
    assert_eq!(
        effects,
        [Effect::LoadRecord {
            of: RecordRef::Flight(358),
            priority: Priority::Explicit
        }]
    );
    command(&mut s, Command::Back);
    command(&mut s, Command::Down);
    let effects = command(&mut s, Command::Open);
    let Screen::Record(RecordRef::Launch(id)) = s.screen() else {
        panic!("{:?}", s.screen())
    };
    assert_eq!(id.to_string(), "7a4c4a0e-6f4b-4b40-9a1e-2b2c6f1d5e22");
    assert_eq!(effects.len(), 1);
}

#[test]
fn a_station_draws_its_ports_on_one_axis_and_opens_each_visitor() {
    let mut s = state((120, 60));
    s.start_at(RecordRef::Station(4));
    assert!(render(&s).contains("loading station/4"));
    record_loaded(&mut s, RecordRef::Station(4), station_record());
    let screen = render(&s);
    assert!(
        screen.contains("International Space Station (station 4)"),
        "{screen}"
    );
    assert!(screen.contains("Docking history (3 events)"), "{screen}");
    // One row per port, in the order of first docking, with its stay drawn.
    let rows: Vec<&str> = screen
        .lines()
        .filter(|l| l.contains("Zarya nadir") || l.contains("Unity nadir"))
        .collect();
    assert!(
        rows.iter()
            .any(|l| l.contains("Zarya nadir") && l.contains('█')),
        "{screen}"
    );
    insta::assert_snapshot!("station", screen);
    // The events whose visiting flight is known open it; the one without is a plain row.
    let flights: Vec<RecordRef> = s
        .links()
        .into_iter()
        .filter(|r| matches!(r, RecordRef::Flight(_)))
        .collect();
    assert!(flights.contains(&RecordRef::Flight(219)), "{flights:?}");
    assert!(flights.contains(&RecordRef::Flight(1203)), "{flights:?}");
    command(&mut s, Command::Bottom);
    command(&mut s, Command::Open);
    assert_eq!(s.screen(), Screen::Record(RecordRef::Flight(1203)));
    command(&mut s, Command::HistoryBack);
    assert_eq!(s.screen(), Screen::Record(RecordRef::Station(4)));
}

#[test]
fn a_station_whose_history_failed_says_why() {
    let mut s = state((100, 40));
    s.start_at(RecordRef::Station(4));
    let Record::Station { station, .. } = station_record() else {
        unreachable!()
    };
    record_loaded(
        &mut s,
        RecordRef::Station(4),
        Record::Station {
            station,
            history: Listing {
                records: Vec::new(),
                count: None,
            },
            history_note: Some("request budget spent: next request at 13:05".into()),
        },
    );
    let screen = render(&s);
    assert!(
        screen.contains("request budget spent: next request at 13:05"),
        "{screen}"
    );
}

#[test]
fn a_launch_opens_the_spacecraft_flights_it_carried() {
    let mut s = state((110, 40));
    let id: LaunchId = VOSTOK_5.parse().unwrap();
    s.start_at(RecordRef::Launch(id));
    let launch: Launch = parse_record(&fixture("launch-2.3.0.json")).unwrap();
    record_loaded(&mut s, RecordRef::Launch(id), Record::Launch(launch));
    let screen = render(&s);
    assert!(screen.contains("Vostok-K | Vostok 5 (launch)"), "{screen}");
    assert!(screen.contains("Spacecraft flights (1)"), "{screen}");
    insta::assert_snapshot!("launch", screen);
    assert_eq!(s.links(), [RecordRef::Flight(358)]);
}

#[test]
fn a_failed_record_is_asked_for_again_with_enter() {
    let mut s = state((100, 30));
    s.start_at(RecordRef::Astronaut(84));
    update(
        &mut s,
        Action::RecordLoaded {
            of: RecordRef::Astronaut(84),
            result: Err(ApiError::Unreachable {
                url: "https://ll.thespacedevs.com/2.3.0/astronauts/84/".into(),
                reason: "connection refused".into(),
            }
            .into()),
        },
    );
    assert!(render(&s).contains(
        "could not be loaded: network unreachable (ll.thespacedevs.com): connection refused"
    ));
    assert_eq!(
        command(&mut s, Command::Open),
        [Effect::LoadRecord {
            of: RecordRef::Astronaut(84),
            priority: Priority::Explicit
        }]
    );
    // Asked once: a second Enter while it loads asks nothing.
    assert!(command(&mut s, Command::Open).is_empty());
}
