//! Drilling down: navigation as a pure function, the seed flights drawn,
//! and the real task runner against a loopback server.

mod common;

use common::*;
use hangar::api::{ApiError, Priority, RecordRef};
use hangar::app::action::{Action, Command};
use hangar::app::{update, Effect, Focus, Loadable, Screen, State};
use hangar::data::store::{Fetched, FlightsOf, Listing, Origin, Record};
use hangar::runtime::Tasks;
use jiff::{SignedDuration, Timestamp};
use std::sync::Arc;
use wiremock::matchers::{method, path, query_param};
use wiremock::{Mock, ResponseTemplate};

fn now() -> Timestamp {
    "2026-11-22T12:00:00Z".parse().unwrap()
}

fn snapshot_state(size: (u16, u16)) -> State {
    snapshot_showing(size, now())
}

fn command(state: &mut State, c: Command) -> Vec<Effect> {
    update(state, Action::Command(c))
}

fn flights_loaded(id: u64) -> Action {
    Action::FlightsLoaded {
        id,
        result: Ok(Fetched {
            value: Listing {
                records: hangar::data::snapshot::flights_of(id),
                count: Some(1),
            },
            origin: Origin::Snapshot,
            notice: None,
            partial: None,
            retry_at: None,
            left_out: 0,
        }),
    }
}

#[test]
fn enter_and_esc_round_trips_keep_every_selection() {
    let mut s = snapshot_state((120, 40));
    select(&mut s, 78);
    let list_cursor = s.list.cursor;
    let effects = command(&mut s, Command::Open);
    assert_eq!(s.screen(), Screen::Record(RecordRef::Spacecraft(78)));
    assert_eq!(s.places.focus, Focus::Flights);
    let of = FlightsOf::of(s.spacecraft(78).unwrap());
    assert_eq!(of.in_space, Some(false));
    // The flights are what Enter is for; the detailed record is a nicety
    // that must not spend the reserve.
    assert_eq!(
        effects,
        [
            Effect::LoadSpacecraft {
                id: 78,
                priority: Priority::Background
            },
            Effect::LoadFlights {
                of,
                priority: Priority::Explicit
            }
        ]
    );
    update(&mut s, flights_loaded(78));
    command(&mut s, Command::Open);
    assert_eq!(s.screen(), Screen::Record(RecordRef::Flight(219)));
    assert_eq!(
        s.breadcrumb(),
        ["Spacecraft", "Soyuz TMA-15", "Soyuz-FG | Soyuz TMA-15"]
    );
    command(&mut s, Command::Back);
    assert_eq!(
        (s.screen(), s.places.focus),
        (Screen::Record(RecordRef::Spacecraft(78)), Focus::Flights)
    );
    command(&mut s, Command::Back);
    assert_eq!(
        (s.screen(), s.places.focus, s.list.cursor),
        (Screen::List, Focus::List, list_cursor)
    );
    assert_eq!(s.selected().unwrap().id, 78);
    // Opening it again asks for nothing: both are loaded or loading.
    let effects = command(&mut s, Command::Open);
    assert!(effects.is_empty(), "{effects:?}");
    command(&mut s, Command::Back);
    assert!(!s.quit);
}

#[test]
fn a_flights_response_for_a_spacecraft_left_behind_does_not_replace_what_is_shown() {
    let mut s = snapshot_state((120, 40));
    select(&mut s, 78);
    command(&mut s, Command::Open);
    command(&mut s, Command::Back);
    select(&mut s, 231);
    command(&mut s, Command::Open);
    assert_eq!(s.screen(), Screen::Record(RecordRef::Spacecraft(231)));
    // 78's answer arrives late.
    update(&mut s, flights_loaded(78));
    assert_eq!(s.screen(), Screen::Record(RecordRef::Spacecraft(231)));
    assert!(matches!(
        s.loaded.flights.get(&231),
        Some(Loadable::Loading)
    ));
    assert!(s.selected_flight().is_none());
    let screen = render(&s);
    assert!(screen.contains("loading flights…"), "{screen}");
    assert!(!screen.contains("Soyuz-FG"), "{screen}");
    update(&mut s, flights_loaded(231));
    assert_eq!(s.selected_flight().unwrap().id, 358);
}

#[test]
fn scrolling_through_the_list_costs_no_request_and_resting_costs_one() {
    let mut s = snapshot_state((120, 40));
    let mut t = now();
    let mut effects = Vec::new();
    for _ in 0..10 {
        t += SignedDuration::from_millis(100);
        effects.extend(update(&mut s, Action::Tick(t)));
        effects.extend(command(&mut s, Command::Down));
    }
    assert!(effects.is_empty(), "scrolling asked for {effects:?}");
    let rested = s.selected().unwrap().id;
    t += SignedDuration::from_millis(600);
    let effects = update(&mut s, Action::Tick(t));
    // Resting is background work: it leaves the reserve to Enter.
    assert_eq!(
        effects,
        [Effect::LoadFlights {
            of: FlightsOf::of(s.spacecraft(rested).unwrap()),
            priority: Priority::Background
        }]
    );
    t += SignedDuration::from_millis(600);
    assert!(
        update(&mut s, Action::Tick(t)).is_empty(),
        "one request per spacecraft"
    );
}

/// The sync brings every flight: resting while it runs asks for none, so
/// none is paid for twice; once it stops, resting asks again (answered by
/// the sync's flights, at no request).
#[test]
fn resting_while_the_sync_runs_asks_for_nothing() {
    let mut s = snapshot_state((120, 40));
    s.net.sync.running = true;
    let mut t = now();
    command(&mut s, Command::Down);
    let rested = s.selected().unwrap().id;
    t += SignedDuration::from_millis(600);
    assert!(update(&mut s, Action::Tick(t)).is_empty());
    let spent = ApiError::OverBudget {
        url: "https://ll.thespacedevs.com/2.3.0/spacecraft_flights/".into(),
        until: s.now + SignedDuration::from_mins(30),
        reserve: 0,
    };
    update(&mut s, Action::SyncDone(Err(spent.into())));
    t += SignedDuration::from_millis(600);
    assert_eq!(
        update(&mut s, Action::Tick(t)),
        [Effect::LoadFlights {
            of: FlightsOf::of(s.spacecraft(rested).unwrap()),
            priority: Priority::Background
        }]
    );
}

#[test]
fn the_flights_pane_moves_with_j_and_k_and_clicks() {
    let mut s = snapshot_state((120, 40));
    select(&mut s, 78);
    command(&mut s, Command::Open);
    // A spacecraft with many flights, as a reused capsule has.
    let many: Vec<hangar::api::Flight> = (0..35)
        .map(|i| {
            let mut f = hangar::data::snapshot::flights_of(78).remove(0);
            f.id = 1000 + i;
            f
        })
        .collect();
    update(
        &mut s,
        Action::FlightsLoaded {
            id: 78,
            result: Ok(Fetched {
                value: Listing {
                    records: many,
                    count: Some(35),
                },
                origin: Origin::Live,
                notice: None,
                partial: None,
                retry_at: None,
                left_out: 0,
            }),
        },
    );
    command(&mut s, Command::Down);
    command(&mut s, Command::Down);
    assert_eq!(s.selected_flight().unwrap().id, 1002);
    command(&mut s, Command::Bottom);
    assert_eq!(s.selected_flight().unwrap().id, 1034);
    let screen = render(&s);
    assert!(screen.contains("Flights (35)"));
    command(&mut s, Command::Top);
    let pane = s.areas().flights.unwrap();
    update(
        &mut s,
        Action::Mouse {
            kind: hangar::app::action::MouseKind::Click,
            column: pane.x + 2,
            row: pane.y + 2 + 3,
        },
    );
    assert_eq!(s.selected_flight().unwrap().id, 1003);
    command(&mut s, Command::Open);
    assert_eq!(s.screen(), Screen::Record(RecordRef::Flight(1003)));
}

#[test]
fn o_and_y_ask_for_the_web_page_and_the_clipboard() {
    let mut s = snapshot_state((120, 40));
    select(&mut s, 231);
    assert_eq!(
        command(&mut s, Command::Copy),
        [Effect::Copy("Vostok-3KA No.7".into())]
    );
    assert_eq!(
        command(&mut s, Command::OpenWeb),
        [Effect::OpenUrl(
            "https://en.wikipedia.org/wiki/Vostok_(spacecraft)".into()
        )]
    );
    command(&mut s, Command::Open);
    update(&mut s, flights_loaded(231));
    command(&mut s, Command::Open);
    assert_eq!(
        command(&mut s, Command::Copy),
        [Effect::Copy("Vostok-K | Vostok 5".into())]
    );
}

fn opened(id: u64, size: (u16, u16)) -> State {
    let mut s = snapshot_state(size);
    select(&mut s, id);
    command(&mut s, Command::Open);
    update(&mut s, flights_loaded(id));
    let detailed = hangar::data::snapshot::spacecraft(id).unwrap();
    update(
        &mut s,
        Action::SpacecraftLoaded {
            id,
            result: Ok(Box::new(Fetched {
                value: detailed,
                origin: Origin::Snapshot,
                notice: None,
                partial: None,
                retry_at: None,
                left_out: 0,
            })),
        },
    );
    s
}

#[test]
fn the_vostok_spacecraft_and_its_flight_are_drawn() {
    let mut s = opened(231, (110, 36));
    let screen = render(&s);
    assert!(screen.contains("Spacecraft › Vostok-3KA No.7"));
    assert!(screen.contains("Flights (1)"));
    assert!(
        screen.contains("1963-06-14 Vostok-K | Vostok 5"),
        "{screen}"
    );
    assert!(
        screen.contains("├") && screen.contains("┤"),
        "a bar from launch to landing: {screen}"
    );
    insta::assert_snapshot!("vostok_spacecraft", screen);
    command(&mut s, Command::Open);
    let screen = render(&s);
    assert!(
        screen.contains("› Valery Bykovsky — Pilot (RFSA, Russian)"),
        "{screen}"
    );
    assert!(screen.contains("Landing: success"));
    assert!(screen.contains("Parachute Landing"));
    insta::assert_snapshot!("vostok_flight", screen);
}

#[test]
fn the_soyuz_tma_15_flight_from_2_2_0_is_drawn_with_its_docking() {
    let mut s = opened(78, (110, 44));
    let screen = render(&s);
    assert!(screen.contains("█"), "the docked span: {screen}");
    assert!(screen.contains("Configuration: Soyuz TMA"), "{screen}");
    command(&mut s, Command::Open);
    let screen = render(&s);
    assert!(screen.contains("› International Space Station at Zarya nadir: docked 2009-05-29 12:43, departed 2009-12-01 03:56 (185d 15h)"), "{screen}");
    assert!(screen.contains("› Robert Thirsk — Flight Engineer"));
    insta::assert_snapshot!("soyuz_tma_15_flight", screen);
}

#[test]
fn no_flights_yet_is_said_plainly() {
    let mut s = snapshot_state((120, 40));
    select(&mut s, 447);
    command(&mut s, Command::Open);
    update(&mut s, flights_loaded(447));
    assert!(render(&s).contains("no flights yet"));
}

/// `update` decides what a failure means: the ledger keeping background
/// work back for the reserve is a "later", spending the budget outright a
/// failure.
#[test]
fn a_load_kept_back_for_the_reserve_is_deferred_not_failed() {
    let mut s = snapshot_state((120, 40));
    let until = s.now + SignedDuration::from_mins(20);
    let kept_back = |reserve| ApiError::OverBudget {
        url: "https://ll.thespacedevs.com/2.3.0/spacecraft_flights/?spacecraft=447".into(),
        until,
        reserve,
    };
    update(
        &mut s,
        Action::FlightsLoaded {
            id: 447,
            result: Err(kept_back(3).into()),
        },
    );
    assert!(matches!(s.loaded.flights.get(&447), Some(Loadable::Deferred(t)) if *t == until));
    update(
        &mut s,
        Action::RecordLoaded {
            of: RecordRef::Astronaut(84),
            result: Err(kept_back(3).into()),
        },
    );
    assert!(matches!(
        s.loaded.records.get(&RecordRef::Astronaut(84)),
        Some(Loadable::Deferred(_))
    ));
    update(
        &mut s,
        Action::FlightsLoaded {
            id: 447,
            result: Err(kept_back(0).into()),
        },
    );
    assert!(matches!(
        s.loaded.flights.get(&447),
        Some(Loadable::Failed(_))
    ));
}

#[test]
fn a_failed_flights_load_is_said_in_full_in_a_narrow_pane() {
    let mut s = snapshot_state((60, 30));
    select(&mut s, 447);
    command(&mut s, Command::Open);
    let reason = "network unreachable (127.0.0.1:9): Connection refused (os error 111)";
    let unreachable = ApiError::Unreachable {
        url: "http://127.0.0.1:9/2.3.0/spacecraft_flights/?spacecraft=447".into(),
        reason: "Connection refused (os error 111)".into(),
    };
    assert_eq!(unreachable.to_string(), reason);
    update(
        &mut s,
        Action::FlightsLoaded {
            id: 447,
            result: Err(unreachable.into()),
        },
    );
    // Wrapped over several lines, every word of the reason is on the screen.
    let screen = render(&s);
    for word in reason.split(' ') {
        assert!(screen.contains(word), "{word:?} is missing:\n{screen}");
    }
}

#[tokio::test]
async fn opening_a_spacecraft_makes_one_flights_request_and_opening_it_again_none() {
    let Ll2 {
        server, url: base, ..
    } = FakeLl2::catalog(FakeCatalog::new(vec![spacecraft_json(
        231,
        "Vostok-3KA No.7",
        "Vostok",
    )]))
    .start()
    .await;
    let flights = Mock::given(method("GET"))
        .and(path("/2.3.0/spacecraft_flights/"))
        .and(query_param("spacecraft", "231"))
        .respond_with(page_of("spacecraft_flights-2.3.0-prod-358-detailed.json"))
        .expect(1)
        .named("flights of 231")
        .mount_as_scoped(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/2.3.0/spacecraft/231/"))
        .respond_with(ResponseTemplate::new(200).set_body_json(spacecraft_json(
            231,
            "Vostok-3KA No.7",
            "Vostok",
        )))
        .mount(&server)
        .await;
    let dir = tempfile::tempdir().unwrap();
    for run in 0..2 {
        // Each run is a fresh hangar on the same cache.
        let store = Arc::new(store_at(&base, dir.path()));
        let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
        let mut tasks = Tasks::new(store, tx);
        let mut state = State::new(Timestamp::now(), (120, 40), false, "test".into());
        let effects = state.start(false);
        drive(&mut state, &mut tasks, &mut rx, effects, |s| {
            s.net.loading.is_none() && !s.list.catalog.is_empty()
        })
        .await;
        let effects = update(&mut state, Action::Command(Command::Open));
        drive(&mut state, &mut tasks, &mut rx, effects, |s| {
            s.flights_of(231).is_some()
        })
        .await;
        assert_eq!(state.flights_of(231).unwrap()[0].id, 358, "run {run}");
        update(&mut state, Action::Command(Command::Back));
        let effects = update(&mut state, Action::Command(Command::Open));
        assert!(
            !effects
                .iter()
                .any(|e| matches!(e, Effect::LoadFlights { .. })),
            "run {run}: {effects:?}"
        );
    }
    drop(flights); // verifies: exactly one flights request over both runs
}

/// The index of the first link to `kind` on the current pane.
fn link_to(s: &State, kind: &str) -> usize {
    s.links()
        .iter()
        .position(|r| r.kind() == kind)
        .unwrap_or_else(|| panic!("no {kind} link in {:?}", s.links()))
}

fn select_link(s: &mut State, index: usize) {
    command(s, Command::Top);
    for _ in 0..index {
        command(s, Command::Down);
    }
    assert_eq!(s.places.link, index);
}

#[test]
fn back_and_forward_keep_each_place_as_it_was_left() {
    let mut s = opened(78, (110, 30));
    let list_cursor = s.list.cursor;
    command(&mut s, Command::Open);
    assert_eq!(s.screen(), Screen::Record(RecordRef::Flight(219)));
    // The crew and the docking are rows to select; the station is the last link.
    let station = link_to(&s, "station");
    assert_eq!(station + 1, s.links().len());
    select_link(&mut s, station);
    let (scroll, link) = (s.places.record_scroll, s.places.link);
    assert!(scroll > 0, "the station's row is scrolled into view");
    let effects = command(&mut s, Command::Open);
    assert_eq!(s.screen(), Screen::Record(RecordRef::Station(4)));
    assert_eq!(
        effects,
        [Effect::LoadRecord {
            of: RecordRef::Station(4),
            priority: Priority::Explicit
        }]
    );
    assert!(render(&s).contains("loading station/4"));

    command(&mut s, Command::HistoryBack);
    assert_eq!(s.screen(), Screen::Record(RecordRef::Flight(219)));
    assert_eq!(
        (s.places.record_scroll, s.places.link),
        (scroll, link),
        "as it was left"
    );
    // Forward again: already asked for, nothing is asked twice.
    assert!(command(&mut s, Command::HistoryForward).is_empty());
    assert_eq!(s.screen(), Screen::Record(RecordRef::Station(4)));
    assert!(command(&mut s, Command::HistoryForward).is_empty());
    assert_eq!(
        s.screen(),
        Screen::Record(RecordRef::Station(4)),
        "nothing ahead"
    );

    // Esc climbs the same way; a new link from a place gone back to drops what was ahead.
    command(&mut s, Command::Back);
    let astronaut = link_to(&s, "astronaut");
    select_link(&mut s, astronaut);
    let effects = command(&mut s, Command::Open);
    let Screen::Record(RecordRef::Astronaut(id)) = s.screen() else {
        panic!("{:?}", s.screen())
    };
    assert_eq!(
        effects,
        [Effect::LoadRecord {
            of: RecordRef::Astronaut(id),
            priority: Priority::Explicit
        }]
    );
    command(&mut s, Command::HistoryBack);
    command(&mut s, Command::HistoryBack);
    assert_eq!(
        (s.screen(), s.places.focus),
        (Screen::Record(RecordRef::Spacecraft(78)), Focus::Flights)
    );
    command(&mut s, Command::HistoryForward);
    command(&mut s, Command::HistoryForward);
    assert_eq!(
        s.screen(),
        Screen::Record(RecordRef::Astronaut(id)),
        "the station was dropped"
    );
    assert_eq!(
        s.breadcrumb(),
        [
            "Spacecraft",
            "Soyuz TMA-15",
            "Soyuz-FG | Soyuz TMA-15",
            &format!("astronaut/{id}")
        ]
    );
    for _ in 0..3 {
        command(&mut s, Command::Back);
    }
    assert_eq!((s.screen(), s.list.cursor), (Screen::List, list_cursor));
    // The list is the first place: nothing is behind it.
    command(&mut s, Command::HistoryBack);
    assert_eq!(s.screen(), Screen::List);
}

#[test]
fn a_record_opened_at_start_has_the_list_behind_it() {
    let mut s = snapshot_state((120, 40));
    let effects = s.start_at(RecordRef::Flight(358));
    assert_eq!(
        effects,
        [Effect::LoadRecord {
            of: RecordRef::Flight(358),
            priority: Priority::Explicit
        }]
    );
    update(
        &mut s,
        Action::RecordLoaded {
            of: RecordRef::Flight(358),
            result: Ok(Box::new(Fetched::new(
                Record::Flight(hangar::data::snapshot::flight(358).unwrap()),
                Origin::Snapshot,
            ))),
        },
    );
    let screen = render(&s);
    assert!(
        screen.contains("Vostok-K | Vostok 5 (flight 358)"),
        "{screen}"
    );
    assert!(
        screen.contains("Spacecraft › Vostok-K | Vostok 5"),
        "{screen}"
    );
    // Its spacecraft is a link like any other.
    assert_eq!(s.links()[0], RecordRef::Spacecraft(231));
    command(&mut s, Command::Back);
    assert_eq!(s.screen(), Screen::List);
}

#[test]
fn a_resize_keeps_the_selected_link_in_view() {
    let mut s = opened(78, (110, 40));
    command(&mut s, Command::Open);
    let station = link_to(&s, "station");
    select_link(&mut s, station);
    for size in [(60, 14), (200, 60), (45, 12)] {
        update(&mut s, Action::Resize(size.0, size.1));
        let pane = s.areas().record.unwrap();
        let rows = hangar::doc::link_rows(&s.description().unwrap(), pane.width - 2);
        let row = rows[s.places.link];
        let top = usize::from(s.places.record_scroll);
        let shown = usize::from(pane.height - 2);
        assert!(
            row >= top && row < top + shown,
            "{size:?}: row {row}, shown {top}..{}",
            top + shown
        );
        assert!(
            render(&s).contains("▶ International Space Station"),
            "{size:?}"
        );
    }
}
