use super::*;
use crate::api::models::{
    Astronaut, CrewMember, DockingEvent, DockingLocation, Landing, LandingLocation, Launch,
    Mission, Named,
};
use crate::api::{Flight, Spacecraft};
use jiff::Timestamp;
use proptest::prelude::*;
use serde_json::json;

fn t(text: &str) -> Timestamp {
    text.parse().unwrap()
}

fn now() -> Timestamp {
    t("2026-12-06T08:00:00Z")
}

fn named(id: i64, name: &str, abbrev: Option<&str>) -> Named {
    Named {
        id: Some(id),
        name: Some(name.into()),
        abbrev: abbrev.map(Into::into),
    }
}

/// A launch status by LL2's id.
fn status(id: i64) -> Named {
    let abbrev = "Go,TBD,Success,Failure,Hold,In Flight,Partial Failure,TBC";
    let a = abbrev.split(',').nth((id - 1) as usize).unwrap();
    named(id, &format!("Status {a}"), Some(a))
}

fn craft(id: u64) -> Spacecraft {
    Spacecraft {
        id,
        name: format!("Craft {id}"),
        status: Some(named(1, "Active", None)),
        in_space: Some(false),
        flights_count: Some(3),
        mission_ends_count: Some(2),
        ..Spacecraft::default()
    }
}

fn flight(id: u64, launch_status: i64, net: &str) -> Flight {
    Flight {
        id,
        spacecraft: Some(Box::new(Spacecraft {
            id: 45,
            name: "Crew Dragon Grace".into(),
            ..Spacecraft::default()
        })),
        launch: Some(Launch {
            name: Some("Falcon 9 Block 5 | Ax-4".into()),
            status: Some(status(launch_status)),
            net: Some(t(net)),
            mission: Some(Mission {
                name: Some("Axiom Mission 4".into()),
                ..Mission::default()
            }),
            ..Launch::default()
        }),
        ..Flight::default()
    }
}

fn member(id: u64, name: &str) -> CrewMember {
    CrewMember {
        astronaut: Some(Astronaut {
            id: Some(id),
            name: Some(name.into()),
            ..Astronaut::default()
        }),
        ..CrewMember::default()
    }
}

fn docking(id: Option<u64>, docked: &str, departed: Option<&str>) -> DockingEvent {
    DockingEvent {
        id,
        docking: Some(t(docked)),
        departure: departed.map(t),
        space_station_target: Some(named(4, "International Space Station", None)),
        docking_location: Some(DockingLocation {
            name: Some("Harmony zenith".into()),
            ..DockingLocation::default()
        }),
        ..DockingEvent::default()
    }
}

/// The changes from one flight to the next.
fn one(old: &Flight, new: &Flight) -> Vec<Change> {
    diff_flights(std::slice::from_ref(old), std::slice::from_ref(new), now())
}

fn kinds(changes: &[Change]) -> Vec<ChangeKind> {
    changes.iter().map(|c| c.kind).collect()
}

fn texts(changes: &[Change]) -> Vec<(ChangeKind, &str)> {
    changes.iter().map(|c| (c.kind, c.text.as_str())).collect()
}

#[test]
fn the_catalog_says_what_changed() {
    let old = vec![craft(1), craft(2), craft(3)];
    let mut new = vec![craft(1), craft(2), craft(4)];
    new[0].status = Some(named(2, "Retired", None));
    new[0].in_space = Some(true);
    new[1].flights_count = Some(4);
    new[1].mission_ends_count = Some(3);
    let changes = diff_catalog(&old, &new, now());
    assert_eq!(
        texts(&changes),
        [
            (
                ChangeKind::StatusChanged,
                "Craft 1: status Active → Retired"
            ),
            (ChangeKind::WentToSpace, "Craft 1 went to space"),
            (ChangeKind::CountChanged, "Craft 2: flights 3 → 4"),
            (ChangeKind::CountChanged, "Craft 2: mission ends 2 → 3"),
            (ChangeKind::SpacecraftAdded, "Craft 4 added to the catalog"),
            (
                ChangeKind::SpacecraftRemoved,
                "Craft 3 removed from the catalog"
            ),
        ]
    );
    assert_eq!(changes[0].subject, RecordRef::Spacecraft(1));
    assert_eq!(changes[0].at, now());
    assert_eq!(
        (changes[0].old.clone(), changes[0].new.clone()),
        (Some(json!("Active")), Some(json!("Retired")))
    );
    assert_eq!(changes[2].new, Some(json!({"flights_count": 4})));
    assert_eq!(
        changes[4].new,
        Some(json!({"config": null, "status": "Active"}))
    );

    let back = diff_catalog(&new[..1], &old[..1], now());
    assert_eq!(back[1].kind, ChangeKind::CameBack);
    assert_eq!(back[1].text, "Craft 1 came back from space");
}

#[test]
fn the_first_load_and_missing_fields_record_nothing() {
    assert_eq!(diff_catalog(&[], &[craft(1)], now()), []);
    assert_eq!(diff_catalog(&[craft(1)], &[], now()), []);
    assert_eq!(
        diff_flights(&[], &[flight(1, 1, "2026-06-10T12:00:00Z")], now()),
        []
    );
    let bare = Spacecraft {
        status: None,
        in_space: None,
        flights_count: None,
        mission_ends_count: None,
        ..craft(1)
    };
    assert_eq!(
        diff_catalog(std::slice::from_ref(&bare), &[craft(1)], now()),
        []
    );
    assert_eq!(diff_catalog(&[craft(1)], &[bare], now()), []);
    // A record twice (overlapping pages) is one record.
    assert_eq!(diff_catalog(&[craft(1)], &[craft(1), craft(1)], now()), []);
}

#[test]
fn a_launch_is_recorded_once_planned_becomes_flown() {
    let net = "2026-06-25T06:31:00Z";
    let changes = one(&flight(7, 1, net), &flight(7, 3, net));
    assert_eq!(
        texts(&changes),
        [(
            ChangeKind::Launched,
            "Crew Dragon Grace launched, Axiom Mission 4, Success, 2026-06-25 06:31"
        )]
    );
    assert_eq!(changes[0].subject, RecordRef::Flight(7));
    assert_eq!(
        (changes[0].old.clone(), changes[0].new.clone()),
        (Some(json!("Go")), Some(json!("Success")))
    );
    // In flight → success is not another launch; nor is TBC → Go.
    assert_eq!(one(&flight(7, 6, net), &flight(7, 3, net)), []);
    assert_eq!(one(&flight(7, 8, net), &flight(7, 1, net)), []);
    // Launched later than planned: the launch, not a NET moved.
    let later = one(&flight(7, 5, net), &flight(7, 6, "2026-06-26T06:31:00Z"));
    assert_eq!(kinds(&later), [ChangeKind::Launched]);
}

#[test]
fn a_moved_net_says_by_how_much() {
    let old = flight(7, 1, "2026-06-10T12:00:00Z");
    let new = flight(7, 2, "2026-06-13T16:00:00Z");
    let changes = one(&old, &new);
    assert_eq!(
        texts(&changes),
        [(ChangeKind::NetMoved, "Crew Dragon Grace · Axiom Mission 4: NET moved 3d 4h later, 2026-06-10 12:00 → 2026-06-13 16:00")]
    );
    assert_eq!(changes[0].old, Some(json!("2026-06-10T12:00:00Z")));
    assert_eq!(
        one(&new, &old)[0].text,
        "Crew Dragon Grace · Axiom Mission 4: NET moved 3d 4h earlier, 2026-06-13 16:00 → 2026-06-10 12:00"
    );
}

#[test]
fn extreme_times_and_ids_do_not_panic() {
    let mut a = flight(u64::MAX, 1, "2026-01-01T00:00:00Z");
    let mut b = a.clone();
    a.launch.as_mut().unwrap().net = Some(Timestamp::MIN);
    b.launch.as_mut().unwrap().net = Some(Timestamp::MAX);
    let changes = diff_flights(&[a.clone()], &[b.clone()], Timestamp::MAX);
    assert_eq!(changes.len(), 1);
    assert_eq!(
        changes[0].subject.to_string(),
        "flight/18446744073709551615"
    );
    assert_eq!(
        changes[0].text,
        "Crew Dragon Grace · Axiom Mission 4: NET moved 7304481d 20h later, -9999-01-02 01:59 → 9999-12-30 22:00"
    );
    assert!(diff_flights(&[b], &[a], Timestamp::MIN)[0]
        .text
        .contains("earlier"));
}

#[test]
fn dockings_and_departures_are_recorded() {
    let mut old = flight(7, 6, "2026-12-04T10:00:00Z");
    old.launch_crew = vec![member(1, "Peggy Whitson")];
    let mut new = old.clone();
    new.docking_events = vec![docking(Some(90), "2026-12-05T11:02:00Z", None)];
    let docked = one(&old, &new);
    assert_eq!(
        texts(&docked),
        [(ChangeKind::Docked, "Crew Dragon Grace docked to International Space Station · Harmony zenith, 2026-12-05 11:02")]
    );
    assert_eq!(
        docked[0].new,
        Some(json!({
            "target": "International Space Station",
            "station": "station/4",
            "port": "Harmony zenith",
            "docking": "2026-12-05T11:02:00Z",
        }))
    );
    let mut left = new.clone();
    left.docking_events[0].departure = Some(t("2027-01-05T09:00:00Z"));
    assert_eq!(
        texts(&one(&new, &left)),
        [(ChangeKind::Undocked, "Crew Dragon Grace undocked from International Space Station · Harmony zenith, 2027-01-05 09:00")]
    );
    // Without ids the events are matched by station and docking time.
    let strip = |f: &Flight| {
        let mut f = f.clone();
        f.docking_events[0].id = None;
        f
    };
    let matched = one(&strip(&new), &strip(&left));
    assert_eq!(kinds(&matched), [ChangeKind::Undocked]);
    // A departure that only moved is not another undocking.
    assert_eq!(one(&left, &left), []);
}

#[test]
fn dockings_of_a_flight_read_without_its_lists_count_once_it_launched() {
    let docked = || {
        let mut f = flight(7, 6, "2026-12-04T10:00:00Z");
        f.docking_events = vec![docking(
            Some(90),
            "2026-12-05T11:02:00Z",
            Some("2026-12-20T10:00:00Z"),
        )];
        f
    };
    // In flight, read in normal mode: the dockings were there unseen.
    assert_eq!(one(&flight(7, 6, "2026-12-04T10:00:00Z"), &docked()), []);
    // Planned both times (a docking planned ahead, in detailed mode only).
    let mut planned = docked();
    planned.launch.as_mut().unwrap().status = Some(status(1));
    assert_eq!(one(&flight(7, 1, "2026-12-04T10:00:00Z"), &planned), []);
    // Planned when last seen: it launched, docked and left since.
    assert_eq!(
        kinds(&one(&flight(7, 1, "2026-12-04T10:00:00Z"), &docked())),
        [
            ChangeKind::Launched,
            ChangeKind::Docked,
            ChangeKind::Undocked
        ]
    );
}

#[test]
fn crews_are_compared_as_sets() {
    let mut old = flight(7, 1, "2026-06-10T12:00:00Z");
    old.launch_crew = vec![member(1, "Peggy Whitson"), member(2, "Shubhanshu Shukla")];
    let mut reordered = old.clone();
    reordered.launch_crew.reverse();
    assert_eq!(one(&old, &reordered), []);
    let mut new = old.clone();
    new.launch_crew[1] = member(3, "Tibor Kapu");
    let changes = one(&old, &new);
    assert_eq!(
        texts(&changes),
        [(ChangeKind::CrewChanged, "Crew Dragon Grace: crew now Peggy Whitson, Tibor Kapu (was Peggy Whitson, Shubhanshu Shukla)")]
    );
    assert_eq!(changes[0].new, Some(json!(["Peggy Whitson", "Tibor Kapu"])));
}

#[test]
fn a_mission_end_is_a_landing_with_its_result() {
    let old = flight(7, 3, "2026-06-25T06:31:00Z");
    let mut new = old.clone();
    new.mission_end = Some(t("2026-07-15T09:31:00Z"));
    new.landing = Some(Landing {
        attempt: Some(true),
        success: Some(true),
        landing_location: Some(LandingLocation {
            name: Some("Pacific Ocean".into()),
            ..LandingLocation::default()
        }),
        ..Landing::default()
    });
    let changes = one(&old, &new);
    assert_eq!(
        texts(&changes),
        [(
            ChangeKind::Landed,
            "Crew Dragon Grace landed, 2026-07-15 09:31 · success at Pacific Ocean"
        )]
    );
    assert_eq!(
        changes[0].new,
        Some(
            json!({"mission_end": "2026-07-15T09:31:00Z", "outcome": "success", "location": "Pacific Ocean"})
        )
    );
    new.landing = None;
    assert_eq!(
        one(&old, &new)[0].text,
        "Crew Dragon Grace: mission ended, 2026-07-15 09:31"
    );
}

#[test]
fn a_new_flight_is_added() {
    let changes = diff_flights(
        &[flight(7, 3, "2026-06-25T06:31:00Z")],
        &[
            flight(7, 3, "2026-06-25T06:31:00Z"),
            flight(8, 1, "2027-02-01T00:00:00Z"),
        ],
        now(),
    );
    assert_eq!(
        texts(&changes),
        [(
            ChangeKind::FlightAdded,
            "Crew Dragon Grace: flight added, Axiom Mission 4, NET 2027-02-01 00:00"
        )]
    );
    assert_eq!(
        changes[0].new,
        Some(
            json!({"launch": "Falcon 9 Block 5 | Ax-4", "net": "2027-02-01T00:00:00Z", "status": "Go"})
        )
    );
    // A flight gone from a list (moved to another page) records nothing.
    assert_eq!(
        diff_flights(
            &[
                flight(7, 3, "2026-06-25T06:31:00Z"),
                flight(8, 1, "2027-02-01T00:00:00Z")
            ],
            &[flight(8, 1, "2027-02-01T00:00:00Z")],
            now()
        ),
        []
    );
}

fn any_spacecraft() -> impl Strategy<Value = Spacecraft> {
    let status =
        prop::option::of((1i64..4, "[A-Z][a-z]{0,6}").prop_map(|(id, n)| named(id, &n, None)));
    let count = prop::option::of(0u32..5);
    (
        1u64..40,
        status,
        prop::option::of(any::<bool>()),
        count.clone(),
        count,
    )
        .prop_map(
            |(id, status, in_space, flights_count, mission_ends_count)| Spacecraft {
                id,
                name: format!("Craft {id}"),
                status,
                in_space,
                flights_count,
                mission_ends_count,
                ..Spacecraft::default()
            },
        )
}

fn any_flight() -> impl Strategy<Value = Flight> {
    let time = (0i64..4_000_000_000).prop_map(|s| Timestamp::from_second(s).unwrap());
    let event = (
        prop::option::of(1u64..4),
        time.clone(),
        prop::option::of(time.clone()),
    )
        .prop_map(|(id, docked, left)| DockingEvent {
            id,
            docking: Some(docked),
            departure: left,
            ..docking(None, "2026-01-01T00:00:00Z", None)
        });
    (
        1u64..40,
        prop::option::of((1i64..9, time.clone())),
        prop::option::of(time),
        prop::collection::vec(event, 0..3),
        prop::collection::vec(1u64..6, 0..3),
    )
        .prop_map(|(id, launch, mission_end, docking_events, crew)| Flight {
            id,
            launch: launch.map(|(s, net)| Launch {
                status: Some(status(s)),
                net: Some(net),
                ..Launch::default()
            }),
            mission_end,
            docking_events,
            launch_crew: crew
                .iter()
                .map(|&i| member(i, &format!("Astronaut {i}")))
                .collect(),
            ..Flight::default()
        })
}

/// The record as normal mode (or a thinner page) gives it: `mask` says
/// which fields are missing. The mission end stays: every mode sends it.
fn thinned_spacecraft(s: &Spacecraft, mask: u8) -> Spacecraft {
    let mut s = s.clone();
    let keep = |bit: u8| mask & (1 << bit) == 0;
    s.status = s.status.filter(|_| keep(0));
    s.in_space = s.in_space.filter(|_| keep(1));
    s.flights_count = s.flights_count.filter(|_| keep(2));
    s.mission_ends_count = s.mission_ends_count.filter(|_| keep(3));
    s
}

fn thinned_flight(f: &Flight, mask: u8) -> Flight {
    let mut f = f.clone();
    f.docking_events.clear();
    f.launch_crew.clear();
    if let Some(launch) = f.launch.as_mut() {
        launch.status = launch.status.take().filter(|_| mask & 1 == 0);
        launch.net = launch.net.filter(|_| mask & 2 == 0);
    }
    f
}

proptest! {
    #[test]
    fn diff_is_empty_for_identical_inputs(
        catalog in prop::collection::vec((any_spacecraft(), any::<u8>()), 0..12),
        flights in prop::collection::vec((any_flight(), any::<u8>()), 0..12),
    ) {
        let full: Vec<Spacecraft> = catalog.iter().map(|(s, _)| s.clone()).collect();
        let thin: Vec<Spacecraft> = catalog.iter().map(|(s, m)| thinned_spacecraft(s, *m)).collect();
        prop_assert_eq!(diff_catalog(&full, &full, now()), vec![]);
        prop_assert_eq!(diff_catalog(&thin, &full, now()), vec![]);
        prop_assert_eq!(diff_catalog(&full, &thin, now()), vec![]);

        let full: Vec<Flight> = flights.iter().map(|(f, _)| f.clone()).collect();
        let thin: Vec<Flight> = flights.iter().map(|(f, m)| thinned_flight(f, *m)).collect();
        prop_assert_eq!(diff_flights(&full, &full, now()), vec![]);
        prop_assert_eq!(diff_flights(&full, &thin, now()), vec![]);
        prop_assert_eq!(diff_flights(&thin, &full, now()), vec![]);
        prop_assert_eq!(diff_flights(&thin, &thin, now()), vec![]);
    }
}
