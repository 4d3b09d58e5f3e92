//! The change log end to end: a sync, the world moving on (`common::move_on`),
//! a sync again, and `hangar changes` finding exactly what moved; a sync
//! with nothing changed records nothing, and the first load records nothing.

mod common;

use common::*;
use jiff::Timestamp;
use std::collections::BTreeSet;

fn kinds_and_subjects(stdout: &str) -> BTreeSet<(String, String)> {
    let changes: Vec<serde_json::Value> = serde_json::from_str(stdout).unwrap();
    changes
        .iter()
        .map(|c| {
            (
                c["kind"].as_str().unwrap().to_string(),
                c["subject"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sync_after_the_world_moved_records_exactly_what_moved() {
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
    let run = |args: Vec<&str>| {
        let (home, url) = (home.path().to_path_buf(), url.clone());
        let mut args: Vec<String> = args.into_iter().map(String::from).collect();
        args.extend(["--api-url".to_string(), url]);
        async move {
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            hangar(&home, &args).await
        }
    };
    let sync = run(vec!["sync"]).await;
    assert_eq!(sync.code, 0, "{}", sync.stderr);
    // The first load has nothing to compare with.
    let first = run(vec!["changes", "--format", "json"]).await;
    assert_eq!(first.code, 0, "{}", first.stderr);
    assert!(
        kinds_and_subjects(&first.stdout).is_empty(),
        "{}",
        first.stdout
    );

    let mut expected = Vec::new();
    fake.change(|spacecraft, flights| expected = move_on(spacecraft, flights));
    let paid = fake.paid().len();
    let sync = run(vec!["sync", "--refresh"]).await;
    assert_eq!(sync.code, 0, "{}", sync.stderr);
    assert!(fake.paid().len() > paid, "the sync fetched again");
    let moved = run(vec!["changes", "--format", "json"]).await;
    let found = kinds_and_subjects(&moved.stdout);
    let expected: BTreeSet<(String, String)> = expected
        .into_iter()
        // A crew named for a planned flight is not told apart yet from a
        // page that sent no crews (see data/changes/diff.rs).
        .filter(|(kind, _)| *kind != "crew_changed")
        .map(|(k, s)| (k.to_string(), s))
        .collect();
    assert_eq!(found, expected, "{}", moved.stdout);
    // Each has a time, a line for people, and the values.
    let changes: Vec<serde_json::Value> = serde_json::from_str(&moved.stdout).unwrap();
    for c in &changes {
        assert!(
            c["at"].is_string() && !c["text"].as_str().unwrap().is_empty(),
            "{c}"
        );
    }
    let status = changes
        .iter()
        .find(|c| c["kind"] == "status_changed")
        .unwrap();
    assert_eq!(
        (&status["old"], &status["new"]),
        (&"Active".into(), &"Retired".into())
    );

    // Nothing moved: a sync records nothing more; `--since last` is empty.
    let sync = run(vec!["sync", "--refresh"]).await;
    assert_eq!(sync.code, 0, "{}", sync.stderr);
    let again = run(vec!["changes", "--format", "json"]).await;
    assert_eq!(kinds_and_subjects(&again.stdout), found);
    assert_eq!(
        serde_json::from_str::<Vec<serde_json::Value>>(&again.stdout)
            .unwrap()
            .len(),
        changes.len()
    );
    let last = run(vec!["changes", "--since", "last", "--format", "json"]).await;
    assert_eq!(last.stdout.trim(), "[]", "{}", last.stdout);
    // The table, newest first, a line each.
    let table = run(vec!["changes"]).await;
    assert_eq!(
        table.stdout.lines().count(),
        changes.len() + 1,
        "{}",
        table.stdout
    );
    assert!(table.stdout.contains("spacecraft/31"), "{}", table.stdout);
}

/// The changes between the fake world and its later state, as the store records them.
fn recorded(at: Timestamp) -> Vec<hangar::data::changes::Change> {
    let (mut spacecraft, mut flights) = fleet(30);
    add_planned(&mut spacecraft, &mut flights, PLANNED_CLOCK);
    let parse_all = |spacecraft: &[serde_json::Value], flights: &[serde_json::Value]| {
        let s: Vec<hangar::api::Spacecraft> = spacecraft
            .iter()
            .map(|v| serde_json::from_value(v.clone()).unwrap())
            .collect();
        let f: Vec<hangar::api::Flight> = flights
            .iter()
            .map(|v| serde_json::from_value(v.clone()).unwrap())
            .collect();
        (s, f)
    };
    let (old_s, old_f) = parse_all(&spacecraft, &flights);
    move_on(&mut spacecraft, &mut flights);
    let (new_s, new_f) = parse_all(&spacecraft, &flights);
    let mut changes = hangar::data::changes::diff_catalog(&old_s, &new_s, at);
    changes.extend(hangar::data::changes::diff_flights(&old_f, &new_f, at));
    changes
}

#[test]
fn the_inbox_shows_what_is_new_opens_it_and_marks_it_read_on_leaving() {
    use hangar::api::RecordRef;
    use hangar::app::action::{Action, Command};
    use hangar::app::{update, Effect, Screen};
    let at: Timestamp = "2026-12-05T11:02:00Z".parse().unwrap();
    let changes = recorded(at);
    assert_eq!(changes.len(), 8, "{changes:#?}");
    for size in [(80, 24), (160, 48)] {
        let (spacecraft, _) = fleet(30);
        let records = spacecraft
            .into_iter()
            .map(|v| serde_json::from_value(v).unwrap())
            .collect();
        let mut s = showing(
            records,
            hangar::data::store::Origin::Live,
            size,
            PLANNED_CLOCK,
            false,
        );
        update(
            &mut s,
            Action::ChangesLoaded {
                changes: changes.clone(),
                read_up_to: None,
                notice: None,
            },
        );
        assert!(render(&s).contains("8 new"), "{}", render(&s));
        assert_eq!(
            update(&mut s, Action::Command(Command::Changes)),
            vec![Effect::LoadChanges]
        );
        assert_eq!(s.screen(), Screen::Changes);
        let screen = render(&s);
        assert!(screen.contains("Changes (8, 8 new)"), "{screen}");
        assert!(screen.contains("2026-12-05"), "{screen}");
        assert!(screen.contains("● 11:02"), "{screen}");
        insta::assert_snapshot!(format!("inbox_{}x{}", size.0, size.1), screen);

        // Enter on the docking opens what it is about.
        let docked = s
            .links()
            .iter()
            .position(|r| *r == RecordRef::Flight(90001))
            .expect("the docking's flight is a link");
        for _ in 0..docked {
            update(&mut s, Action::Command(Command::Down));
        }
        // Leaving the inbox, for the flight, marks what it showed read.
        let effects = update(&mut s, Action::Command(Command::Open));
        assert_eq!(s.screen(), Screen::Record(RecordRef::Flight(90001)));
        assert!(
            effects.contains(&Effect::MarkChangesRead(at)),
            "{effects:?}"
        );
        assert_eq!(s.inbox.unread(), 0);
        // Back in it, then out: nothing more to mark.
        update(&mut s, Action::Command(Command::Back));
        assert_eq!(s.screen(), Screen::Changes);
        assert!(render(&s).contains("Changes (8, 0 new)"));
        let effects = update(&mut s, Action::Command(Command::Back));
        assert!(!effects
            .iter()
            .any(|e| matches!(e, Effect::MarkChangesRead(_))));
        assert!(!render(&s).contains(" new"), "{}", render(&s));
    }
}
