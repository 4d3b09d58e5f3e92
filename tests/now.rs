//! Who is in space now (issue 13): the view as a pure function of the state,
//! `hangar now` and what it costs, and the elapsed times ticking in tmux.

mod common;

use common::*;
use hangar::api::{Priority, RecordRef};
use hangar::app::action::{Action, Command};
use hangar::app::{update, Effect, Screen};
use hangar::data::store::{Fetched, FlightsOf, Listing, Origin};
use jiff::{SignedDuration, Timestamp};
use serde_json::{json, Value};
use std::time::Duration;

/// The fake fleet with the spacecraft of flights 1200 and 1204 (docked at
/// the ISS and at Tiangong, not yet departed) in space, their flights
/// under way since a known time.
fn fleet_aloft() -> (Vec<Value>, Vec<Value>, Vec<u64>) {
    let (mut spacecraft, mut flights) = fleet(603);
    let mut aloft = Vec::new();
    for f in flights.iter_mut() {
        let id = f["id"].as_u64().unwrap();
        if id == 1200 || id == 1204 {
            let craft = f["spacecraft"]["id"].as_u64().unwrap();
            f["spacecraft"]["in_space"] = json!(true);
            f["duration"] = Value::Null;
            aloft.push(craft);
        }
    }
    for s in spacecraft.iter_mut() {
        if aloft.contains(&s["id"].as_u64().unwrap()) {
            s["in_space"] = json!(true);
        }
    }
    (spacecraft, flights, aloft)
}

#[test]
fn n_shows_who_is_in_space_and_enter_opens_it() {
    let now: Timestamp = "2026-11-22T12:00:00Z".parse().unwrap();
    let mut s = showing(
        hangar::data::snapshot::catalog(),
        Origin::Snapshot,
        (100, 30),
        now,
        true,
    );
    let effects = update(&mut s, Action::Command(Command::InSpaceNow));
    assert_eq!(s.screen(), Screen::Now);
    // The snapshot's one spacecraft in space: its flights, as background work.
    let aloft = s.aloft();
    assert_eq!(aloft.len(), 1);
    let id = aloft[0].spacecraft;
    assert_eq!(
        effects,
        [Effect::LoadFlights {
            of: FlightsOf::of(s.spacecraft(id).unwrap()),
            priority: Priority::Background
        }]
    );
    // Its flight, launched ten days ago, still under way.
    let mut flight = hangar::data::snapshot::flights_of(78).remove(0);
    flight.spacecraft.as_mut().unwrap().id = id;
    flight.launch.as_mut().unwrap().net = Some(now - SignedDuration::from_hours(240));
    flight.mission_end = None;
    let docking = flight.docking_events[0].docking;
    flight.docking_events[0].docking = Some(now - SignedDuration::from_hours(200));
    flight.docking_events[0].departure = None;
    assert!(docking.is_some());
    update(
        &mut s,
        Action::FlightsLoaded {
            id,
            result: Ok(Fetched::new(
                Listing {
                    records: vec![flight],
                    count: Some(1),
                },
                Origin::Live,
            )),
        },
    );
    let first = render(&s);
    assert!(first.contains("In space now (1)"), "{first}");
    assert!(first.contains("10d 00:00:00"), "{first}");
    // The crew, wider than its column, is cut with an ellipsis.
    let row = first.lines().find(|l| l.contains("10d 00:00:00")).unwrap();
    assert!(row.ends_with("…│"), "{row}");
    // Wide, every column keeps its width: the docking is cut where its own column ends.
    update(&mut s, Action::Resize(120, 30));
    let wide = render(&s);
    let row = wide.lines().find(|l| l.contains("10d 00:00:00")).unwrap();
    assert!(
        row.contains("International Space Station · Zar… 3: "),
        "{row}"
    );
    update(&mut s, Action::Resize(100, 30));
    assert!(first.contains("International Space Sta"), "{first}");
    assert!(s.is_animating(), "the elapsed time ticks");
    update(&mut s, Action::Tick(now + SignedDuration::from_secs(1)));
    let second = render(&s);
    assert!(second.contains("10d 00:00:01"), "{second}");
    update(&mut s, Action::Command(Command::Open));
    assert_eq!(s.screen(), Screen::Record(RecordRef::Spacecraft(id)));
    update(&mut s, Action::Command(Command::Back));
    assert_eq!(s.screen(), Screen::Now);
}

#[tokio::test(flavor = "multi_thread")]
async fn hangar_now_costs_one_request_per_spacecraft_in_space_and_none_after_a_sync() {
    let (spacecraft, flights, aloft) = fleet_aloft();
    let Ll2 {
        server: _server,
        fake,
        url,
    } = FakeLl2::new().records(spacecraft, flights).start().await;
    let home = tempfile::tempdir().unwrap();
    let run = hangar(home.path(), &["now", "--api-url", &url]).await;
    assert_eq!(run.code, 0, "{}", run.stderr);
    let flight_requests = fake
        .paid()
        .iter()
        .filter(|p| p.contains("spacecraft_flights"))
        .count();
    assert_eq!(flight_requests, aloft.len(), "one per spacecraft in space");
    assert!(
        run.stdout.contains("International Space Station"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("Tiangong"), "{}", run.stdout);

    // After a sync: none at all.
    let home = tempfile::tempdir().unwrap();
    let run = hangar(home.path(), &["sync", "--api-url", &url]).await;
    assert_eq!(run.code, 0, "{}", run.stderr);
    let before = fake.paid().len();
    let run = hangar(home.path(), &["now", "--format", "json", "--api-url", &url]).await;
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(fake.paid().len(), before);
    let rows: Value = serde_json::from_str(&run.stdout).unwrap();
    let rows = rows.as_array().unwrap();
    assert_eq!(rows.len(), 2);
    let flights: Vec<u64> = rows
        .iter()
        .map(|r| r["flight"]["id"].as_u64().unwrap())
        .collect();
    assert_eq!(flights, [1200, 1204], "longest up first");
    assert!(rows[0]["elapsed_secs"].as_i64().unwrap() >= rows[1]["elapsed_secs"].as_i64().unwrap());
    assert_eq!(rows[0]["docked"]["station"], "International Space Station");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_elapsed_time_ticks_in_a_real_terminal() {
    let (spacecraft, flights, _) = fleet_aloft();
    let Ll2 {
        server: _server,
        url,
        ..
    } = FakeLl2::new().records(spacecraft, flights).start().await;
    let home = tempfile::tempdir().unwrap();
    let run = hangar(home.path(), &["sync", "--api-url", &url]).await;
    assert_eq!(run.code, 0, "{}", run.stderr);
    let command = tui_command(home.path(), &format!("--api-url {url}"));
    let tmux = Tmux::start("now", 140, 30, &command).await;
    tmux.wait_for("the catalog", |s| s.contains("603 of 603"))
        .await;
    tmux.keys(&["n"]).await;
    let elapsed = |s: &str| -> Vec<String> {
        s.lines()
            .filter(|l| l.contains("International Space Station") || l.contains("Tiangong"))
            .map(str::to_string)
            .collect()
    };
    let first = tmux
        .wait_for("who is in space", |s| {
            s.contains("In space now (2)") && elapsed(s).len() == 2
        })
        .await;
    tokio::time::sleep(Duration::from_millis(1_500)).await;
    let second = tmux
        .wait_for("a second later", |s| elapsed(s).len() == 2)
        .await;
    assert_ne!(elapsed(&first), elapsed(&second), "{first}\n{second}");
    tmux.keys(&["q"]).await;
    let screen = tmux
        .wait_for("hangar to exit", |s| s.contains("HANGAR-EXITED"))
        .await;
    assert!(screen.contains("HANGAR-EXITED 0"), "{screen}");
}

/// The charts screen (issue 13, part 2) as the app drives it: `c` asks for
/// the figures (no request), Tab goes from chart to chart, Enter opens what
/// a bar or row stands for.
#[test]
fn c_shows_the_charts_and_enter_opens_what_a_row_stands_for() {
    use hangar::api::RecordRef;
    let now: Timestamp = "2026-11-22T12:00:00Z".parse().unwrap();
    let catalog = hangar::data::snapshot::catalog();
    let mut s = showing(catalog.clone(), Origin::Snapshot, (100, 30), now, true);
    let mut flights = hangar::data::snapshot::flights();
    flights.sort_by_key(|f| f.id);
    assert_eq!(
        update(&mut s, Action::Command(Command::Charts)),
        [Effect::LoadStats]
    );
    assert!(render(&s).contains("counting the catalog"));
    let stats = hangar::doc::stats::stats(&catalog, &flights, Some(2), now);
    update(
        &mut s,
        Action::StatsLoaded {
            stats: std::sync::Arc::new(stats),
            flights: std::sync::Arc::new(flights),
        },
    );
    let screen = render(&s);
    assert!(screen.contains("Tab next chart"), "{screen}");
    // Flights per year: 1963 (Vostok 5) and 2009 (Soyuz TMA-15); the first bar is 1963.
    update(&mut s, Action::Command(Command::Open));
    assert_eq!(s.screen(), Screen::Year(1963));
    assert_eq!(s.links(), [RecordRef::Flight(358)]);
    assert!(render(&s).contains("Flights launched in 1963 (1)"));
    // Its flight is the synced one: opening it asks for nothing.
    assert!(update(&mut s, Action::Command(Command::Open)).is_empty());
    assert_eq!(s.screen(), Screen::Record(RecordRef::Flight(358)));
    update(&mut s, Action::Command(Command::HistoryBack));
    update(&mut s, Action::Command(Command::HistoryBack));
    assert_eq!(s.screen(), Screen::Charts);
    // The longest flights: the first is Soyuz TMA-15's 187 days.
    for _ in 0..4 {
        update(&mut s, Action::Command(Command::FocusNext));
    }
    assert_eq!(s.charts.chart, 4);
    assert!(update(&mut s, Action::Command(Command::Open)).is_empty());
    assert_eq!(s.screen(), Screen::Record(RecordRef::Flight(219)));
    update(&mut s, Action::Command(Command::Back));
    // Time in space per configuration: Enter filters the list to it.
    update(&mut s, Action::Command(Command::FocusPrev));
    update(&mut s, Action::Command(Command::FocusPrev));
    update(&mut s, Action::Command(Command::FocusPrev));
    assert_eq!(s.charts.chart, 1);
    update(&mut s, Action::Command(Command::Open));
    assert_eq!(s.screen(), Screen::List);
    assert!(s.list.filters.config.is_some());
    assert!(s.rows().len() < catalog.len() && !s.rows().is_empty());
}

#[tokio::test(flavor = "multi_thread")]
async fn hangar_stats_after_a_sync_rests_on_every_flight() {
    let Ll2 {
        server: _server,
        fake,
        url,
    } = FakeLl2::new().start().await;
    let home = tempfile::tempdir().unwrap();
    let run = hangar(home.path(), &["stats", "--api-url", &url]).await;
    assert_eq!(run.code, 3, "nothing synced yet: {}", run.stderr);
    assert!(run.stderr.contains("hangar sync"), "{}", run.stderr);
    let run = hangar(home.path(), &["sync", "--api-url", &url]).await;
    assert_eq!(run.code, 0, "{}", run.stderr);
    let before = fake.paid().len();
    let run = hangar(
        home.path(),
        &["stats", "--format", "json", "--api-url", &url],
    )
    .await;
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(fake.paid().len(), before, "no request");
    let stats: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(stats["flights_used"], 1206);
    let per_year: u64 = stats["flights_per_year"]["years"]
        .as_array()
        .unwrap()
        .iter()
        .map(|y| y["flights"].as_u64().unwrap())
        .sum();
    assert_eq!(per_year, 1206, "every flight in one year");
    // Craft 4, 9, 14… fly four times: the most flown.
    assert_eq!(stats["most_flown"][0]["flights"], 4);
}

#[tokio::test(flavor = "multi_thread")]
async fn offline_the_snapshot_has_one_spacecraft_in_space_and_says_what_it_lacks() {
    let home = tempfile::tempdir().unwrap();
    let run = hangar(home.path(), &["now", "--offline"]).await;
    assert_eq!(
        run.code, 3,
        "the snapshot, and no flights for it: {}",
        run.stderr
    );
    assert_eq!(run.stdout.lines().count(), 2, "{}", run.stdout);
    assert!(run.stdout.contains("Progress MS-30"), "{}", run.stdout);
    assert!(
        run.stderr.contains("not available offline"),
        "{}",
        run.stderr
    );
    let run = hangar(home.path(), &["stats", "--offline"]).await;
    assert_eq!(run.code, 3, "{}", run.stderr);
    assert!(
        run.stdout.contains("1963"),
        "Vostok 5's year: {}",
        run.stdout
    );
}
