//! Planned flights end to end, on the fake API's planned set (see
//! `common::fake_api::fleet::planned`) and its fixed clock: the timeline's
//! marks, the screen of what flies next in NET order with countdowns that
//! tick only where they are true, the list's mark and the detail's next
//! flight, and `hangar next` for one request, then none while fresh.

mod common;

use common::*;
use hangar::api::{Flight, RecordRef, Spacecraft};
use hangar::app::action::{Action, Command};
use hangar::app::{update, Effect, Screen, State};
use hangar::data::store::Origin;
use jiff::{SignedDuration, Timestamp};
use std::sync::Arc;

/// 30 spacecraft of the fleet with the planned set added.
fn world() -> (Vec<Spacecraft>, Vec<Flight>) {
    let (mut spacecraft, mut flights) = fleet(30);
    add_planned(&mut spacecraft, &mut flights, PLANNED_CLOCK);
    (
        spacecraft
            .into_iter()
            .map(|v| serde_json::from_value(v).unwrap())
            .collect(),
        flights
            .into_iter()
            .map(|v| serde_json::from_value(v).unwrap())
            .collect(),
    )
}

fn state_at(size: (u16, u16), now: Timestamp) -> (State, Vec<Flight>) {
    let (spacecraft, flights) = world();
    let mut s = showing(spacecraft, Origin::Live, size, now, false);
    let planned = hangar::doc::next::planned(flights.clone(), now);
    update(
        &mut s,
        Action::PlannedLoaded {
            flights: Arc::new(planned),
            refresh: None,
        },
    );
    (s, flights)
}

fn of(flights: &[Flight], craft: u64) -> Vec<Flight> {
    let mut mine: Vec<Flight> = flights
        .iter()
        .filter(|f| f.spacecraft.as_ref().is_some_and(|s| s.id == craft))
        .cloned()
        .collect();
    mine.sort_by_key(|f| (f.launch_time(), f.id));
    mine
}

fn command(s: &mut State, c: Command) -> Vec<Effect> {
    update(s, Action::Command(c))
}

#[test]
fn the_timeline_draws_planned_flights_after_now_in_their_own_style() {
    for size in [(80, 24), (160, 48)] {
        let (mut s, flights) = state_at(size, PLANNED_CLOCK);
        // Spacecraft 2 flew twice; Go to the second on 2026-12-10, TBD to the day on 2027-03-02.
        select(&mut s, 2);
        command(&mut s, Command::Open);
        flights_loaded(&mut s, 2, of(&flights, 2), Origin::Live);
        let screen = render(&s);
        assert!(
            screen.contains("◇┄ planned"),
            "the legend names the mark:\n{screen}"
        );
        let rows: Vec<&str> = screen
            .lines()
            .filter(|l| l.contains('◇') && !l.contains("◇┄ planned"))
            .collect();
        // Two planned rows, their NET's day in the launch column; neither
        // drawn as a flight that happened.
        assert_eq!(rows.len(), 2, "{screen}");
        assert!(rows[0].contains("2026-12-10") && rows[1].contains("2027-03-02"));
        for row in &rows {
            assert!(row.contains("planned"), "{row}");
            assert!(!row.contains('├') && !row.contains('▶'), "{row}");
        }
        assert!(screen.contains("Next flight:"), "{screen}");
        insta::assert_snapshot!(format!("timeline_{}x{}", size.0, size.1), screen);
    }
}

#[test]
fn what_flies_next_is_every_planned_flight_in_net_order() {
    let (mut s, _) = state_at((120, 30), PLANNED_CLOCK);
    let effects = command(&mut s, Command::FliesNext);
    assert_eq!(s.screen(), Screen::Next);
    // Opening the screen refreshes the planned launches if they are older than 3 h.
    assert_eq!(
        effects,
        vec![Effect::LoadPlanned {
            refresh_after: Some(SignedDuration::from_hours(3))
        }]
    );
    let order: Vec<RecordRef> = s.links();
    let ids: Vec<u64> = [90008, 90001, 90002, 90006, 90003, 90004, 90005, 90007].into();
    assert_eq!(
        order,
        ids.iter()
            .map(|&id| RecordRef::Flight(id))
            .collect::<Vec<_>>()
    );
    let screen = render(&s);
    for text in [
        "NET 2026-11-01 06:15 UTC · Go · awaiting status",
        "NET 2026-12-10 14:30:15 UTC · Go · T-3d 02:30:15",
        "NET 2026-12-19 09:41 UTC · Go · T-11d 21:41:00",
        "NET Q1 2027 · TBD",
        "NET 2027-01-15 18h UTC · TBC",
        "NET 2027-03-02 · TBD",
        "NET Jun 2027 · Hold · on hold, clock stopped",
        "NET 2028 · TBD",
        "crew:",
    ] {
        assert!(screen.contains(text), "{text:?} missing:\n{screen}");
    }
    assert!(!screen.contains("T--"), "a negative count:\n{screen}");
    insta::assert_snapshot!(screen);

    // j then Enter: the second row's flight, from what is held (no request).
    command(&mut s, Command::Down);
    assert!(command(&mut s, Command::Open).is_empty());
    assert_eq!(s.screen(), Screen::Record(RecordRef::Flight(90001)));
    assert!(s.is_animating(), "a planned flight's countdown ticks");
    let screen = render(&s);
    assert!(
        screen.contains("Planned · NET 2026-12-10 14:30:15 UTC (Go) · T-3d 02:30:15"),
        "{screen}"
    );
    // Esc: back on the screen, in the history like every screen.
    command(&mut s, Command::Back);
    assert_eq!(s.screen(), Screen::Next);
}

#[test]
fn countdowns_tick_each_second_only_where_true_and_hold_stays_stopped() {
    let (mut s, _) = state_at((120, 30), PLANNED_CLOCK);
    command(&mut s, Command::FliesNext);
    assert!(s.is_animating(), "the countdowns need ticks");
    let before = render(&s);
    update(
        &mut s,
        Action::Tick(PLANNED_CLOCK + SignedDuration::from_secs(1)),
    );
    let after = render(&s);
    assert!(before.contains("T-3d 02:30:15") && after.contains("T-3d 02:30:14"));
    assert!(after.contains("T-11d 21:40:59"));
    // The hour-precise TBC, the TBDs and the Hold never count.
    for screen in [&before, &after] {
        assert_eq!(screen.matches("T-").count(), 2, "{screen}");
        assert!(screen.contains("on hold, clock stopped"));
    }
    // Past every NET: nothing counts below zero.
    update(
        &mut s,
        Action::Tick("2030-01-01T00:00:00Z".parse().unwrap()),
    );
    let late = render(&s);
    assert!(!late.contains("T-"), "{late}");
    assert!(late.matches("awaiting status").count() >= 6, "{late}");
}

#[test]
fn the_list_marks_spacecraft_with_a_planned_flight() {
    let (s, _) = state_at((120, 40), PLANNED_CLOCK);
    let screen = render(&s);
    for craft in [2, 3, 7, 10, 12, 24] {
        let row = screen
            .lines()
            .find(|l| l.contains(&format!("Craft {craft} ")))
            .unwrap_or_else(|| panic!("Craft {craft} not shown:\n{screen}"));
        assert!(row.contains('◇'), "{row}");
    }
    let row = screen.lines().find(|l| l.contains("Craft 4 ")).unwrap();
    assert!(!row.contains('◇'), "{row}");
}

#[tokio::test]
async fn hangar_next_prints_the_planned_flights_for_one_request_then_none() {
    let Ll2 {
        server: _server,
        fake,
        url,
    } = FakeLl2::new()
        .fleet(30)
        .planned_at(Timestamp::now())
        .start()
        .await;
    let home = tempfile::tempdir().unwrap();
    let upcoming = |fake: &FakeApi| {
        fake.paid()
            .iter()
            .filter(|p| p.starts_with("/2.3.0/launches/upcoming/"))
            .count()
    };
    let run = hangar(
        home.path(),
        &["next", "--format", "json", "--api-url", &url],
    )
    .await;
    assert_eq!(run.code, 0, "{}", run.stderr);
    let records: Vec<serde_json::Value> = serde_json::from_str(&run.stdout).unwrap();
    let ids: Vec<u64> = records.iter().map(|r| r["id"].as_u64().unwrap()).collect();
    assert_eq!(
        ids,
        [90008, 90001, 90002, 90006, 90003, 90004, 90005, 90007]
    );
    // The API's record, and what hangar derives under its own name.
    assert_eq!(records[1]["launch"]["status"]["abbrev"], "Go");
    assert_eq!(records[1]["hangar"]["status"], "Go");
    assert_eq!(records[0]["hangar"]["countdown"], "awaiting status");
    assert!(records[1]["hangar"]["countdown"]
        .as_str()
        .unwrap()
        .starts_with("T-3d"));
    assert_eq!(records[1]["hangar"]["crew"].as_array().unwrap().len(), 2);
    assert_eq!(upcoming(&fake), 1, "{:#?}", fake.paid());

    // Fresh: no request for them again; the table says the same.
    let paid = fake.paid().len();
    let run = hangar(home.path(), &["next", "--api-url", &url]).await;
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(fake.paid().len(), paid, "{:#?}", &fake.paid()[paid..]);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert!(lines[0].starts_with("FLIGHT"), "{}", run.stdout);
    assert_eq!(lines.len(), 9, "{}", run.stdout);
    assert!(
        lines[2].contains("NET ") && lines[2].contains("T-3d"),
        "{}",
        run.stdout
    );

    // --within keeps what may come in the next 30 days.
    let run = hangar(
        home.path(),
        &[
            "next",
            "--within",
            "30d",
            "--format",
            "json",
            "--api-url",
            &url,
        ],
    )
    .await;
    let records: Vec<serde_json::Value> = serde_json::from_str(&run.stdout).unwrap();
    let ids: Vec<u64> = records.iter().map(|r| r["id"].as_u64().unwrap()).collect();
    // Q1 2027 may begin on 1 January: within 30 days of 7 December.
    assert_eq!(ids, [90008, 90001, 90002, 90006]);
}
