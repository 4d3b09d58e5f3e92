//! Astronauts, stations, dockings and launches against a loopback server
//! whose records agree with its flights (issue 12): what each costs in
//! requests the first time and after, in separate processes, and what the
//! sync saves.

mod common;

use common::*;
use std::time::Duration;

/// Whole years since `born` (year, month, day), today in UTC.
fn age_today((year, month, day): (i16, i8, i8)) -> i16 {
    let today = jiff::Timestamp::now()
        .to_zoned(jiff::tz::TimeZone::UTC)
        .date();
    today.year() - year - i16::from((today.month(), today.day()) < (month, day))
}

/// Requests paid since `before`, as paths.
fn since(fake: &FakeApi, before: usize) -> Vec<String> {
    fake.paid()[before..].to_vec()
}

#[tokio::test(flavor = "multi_thread")]
async fn each_record_costs_one_request_the_first_time_and_none_after() {
    let Ll2 {
        server: _server,
        fake,
        url,
    } = FakeLl2::new().start().await;
    let home = tempfile::tempdir().unwrap();
    let launch = "00000000-0000-0000-0000-000000000024";
    for (args, first) in [
        (vec!["astronaut", "7"], vec!["/2.3.0/astronauts/7/"]),
        (
            vec!["launch", launch],
            vec!["/2.3.0/launches/00000000-0000-0000-0000-000000000024/"],
        ),
        // The station, then its 150 docking events in two pages.
        (
            vec!["station", "4"],
            vec![
                "/2.3.0/space_stations/4/",
                "/2.3.0/docking_events/",
                "/2.3.0/docking_events/",
            ],
        ),
    ] {
        let mut args = args.clone();
        args.extend(["--api-url", &url]);
        let before = fake.paid().len();
        let run = hangar(home.path(), &args).await;
        assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
        let paid: Vec<String> = since(&fake, before)
            .iter()
            .map(|p| p.split('?').next().unwrap_or_default().to_string())
            .collect();
        assert_eq!(paid, first, "{args:?}");
        // Again, in another process: the cache answers.
        let before = fake.paid().len();
        let again = hangar(home.path(), &args).await;
        assert_eq!(again.code, 0, "{}", again.stderr);
        assert_eq!(again.stdout, run.stdout, "{args:?}");
        assert!(
            since(&fake, before).is_empty(),
            "{args:?}: {:?}",
            since(&fake, before)
        );
    }
    // The station's history, every event, one row per port.
    let run = hangar(home.path(), &["station", "4", "--api-url", &url]).await;
    assert!(
        run.stdout.contains("Docking history (150 events)"),
        "{}",
        run.stdout
    );
    for port in [
        "Harmony forward",
        "Harmony zenith",
        "Zvezda aft",
        "Poisk zenith",
    ] {
        assert!(
            run.stdout
                .lines()
                .any(|l| l.trim_start().starts_with(port) && l.contains('█')),
            "{port}: {}",
            run.stdout
        );
    }
    let run = hangar(
        home.path(),
        &["dockings", "--station", "4", "--api-url", &url],
    )
    .await;
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout.lines().count(), 151, "a header and 150 events");
    assert!(run.stdout.contains("still docked"), "the last has not left");
    // A launch opens the spacecraft flight it carried.
    let run = hangar(home.path(), &["launch", launch, "--api-url", &url]).await;
    assert!(run.stdout.contains("[flight/24]"), "{}", run.stdout);
    // JSON is the API's own record.
    let run = hangar(
        home.path(),
        &["astronaut", "7", "--format", "json", "--api-url", &url],
    )
    .await;
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(json["id"], 7);
    assert!(json["flights"].as_array().is_some_and(|f| !f.is_empty()));
    // Its `age` as the API sent it; the text counts the age to today.
    assert_eq!(
        (&json["age"], &json["date_of_birth"]),
        (&37.into(), &"1967-08-17".into())
    );
    let run = hangar(home.path(), &["astronaut", "7", "--api-url", &url]).await;
    let born = format!("Born: 1967-08-17 (age {})", age_today((1967, 8, 17)));
    assert!(run.stdout.contains(&born), "{born}: {}", run.stdout);
}

#[tokio::test(flavor = "multi_thread")]
async fn after_a_sync_links_cost_nothing_and_histories_are_still_the_apis() {
    let Ll2 {
        server: _server,
        fake,
        url,
    } = FakeLl2::new().start().await;
    let home = tempfile::tempdir().unwrap();
    let run = hangar(home.path(), &["sync", "--api-url", &url]).await;
    assert_eq!(run.code, 0, "{}", run.stderr);
    let before = fake.paid().len();
    let run = hangar(home.path(), &["station", "4", "--api-url", &url]).await;
    assert_eq!(run.code, 0, "{}", run.stderr);
    // The sync holds spacecraft flights only, and cargo docks too: the
    // history is the API's docking events (150, two pages) all the same.
    let paid: Vec<String> = since(&fake, before)
        .iter()
        .map(|p| p.split('?').next().unwrap_or_default().to_string())
        .collect();
    assert_eq!(
        paid,
        [
            "/2.3.0/space_stations/4/",
            "/2.3.0/docking_events/",
            "/2.3.0/docking_events/"
        ]
    );
    assert!(
        run.stdout.contains("Docking history (150 events)"),
        "{}",
        run.stdout
    );
    // Every launch an astronaut flew leads to the spacecraft flight the sync holds.
    let run = hangar(home.path(), &["astronaut", "7", "--api-url", &url]).await;
    let links: Vec<&str> = run
        .stdout
        .lines()
        .filter(|l| l.contains("  [flight/") || l.contains("  [launch/"))
        .collect();
    assert!(!links.is_empty(), "{}", run.stdout);
    assert!(links.iter().all(|l| l.contains("[flight/")), "{links:?}");
    // Following one costs nothing: the flight is in the sync.
    let flight = links[0]
        .rsplit("[flight/")
        .next()
        .unwrap()
        .trim_end_matches(']');
    let before = fake.paid().len();
    let run = hangar(home.path(), &["flight", flight, "--api-url", &url]).await;
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(since(&fake, before).is_empty());
    assert!(run.stdout.contains("[astronaut/7]"), "{}", run.stdout);
}

#[tokio::test(flavor = "multi_thread")]
async fn when_the_history_cannot_be_had_the_syncs_dockings_stand_in_and_say_so() {
    // 21 requests an hour: the sync takes 20 (no reserve kept), the station 1.
    let Ll2 {
        server: _server,
        url,
        ..
    } = FakeLl2::new()
        .budget(21, Duration::from_secs(3600))
        .start()
        .await;
    let home = tempfile::tempdir().unwrap();
    let run = hangar(home.path(), &["sync", "--reserve", "0", "--api-url", &url]).await;
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = hangar(home.path(), &["station", "4", "--api-url", &url]).await;
    assert_eq!(run.code, 3, "incomplete: {}", run.stderr);
    assert!(run.stdout.contains("(station 4)"), "{}", run.stdout);
    assert!(
        run.stdout
            .contains("cargo and other payloads are not among them"),
        "{}",
        run.stdout
    );
    assert!(run.stderr.contains("budget"), "{}", run.stderr);
    // What the sync holds: every spacecraft flight that docked there.
    assert!(
        run.stdout.contains("Docking history (150 events)"),
        "{}",
        run.stdout
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn missing_records_fail_plainly() {
    let Ll2 {
        server: _server,
        url,
        ..
    } = FakeLl2::new().start().await;
    let home = tempfile::tempdir().unwrap();
    let run = hangar(home.path(), &["astronaut", "999", "--api-url", &url]).await;
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("No Astronaut matches the given query"),
        "{}",
        run.stderr
    );
    assert!(run.stdout.is_empty());
    // Offline with nothing cached: said as such.
    let run = hangar(home.path(), &["station", "18", "--offline"]).await;
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("station/18 is not available offline"),
        "{}",
        run.stderr
    );
}

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// 2.2.0's paths and shapes read into the same screens; what 2.2.0 does not
/// send is left out, not invented.
#[tokio::test(flavor = "multi_thread")]
async fn a_2_2_0_api_works_the_same_where_it_has_the_data() {
    use wiremock::matchers::{method, path, query_param};
    use wiremock::{Mock, MockServer, ResponseTemplate};
    let server = MockServer::start().await;
    let body = |name: &str| ResponseTemplate::new(200).set_body_string(fixture(name));
    for (at, name) in [
        ("/2.2.0/astronaut/233/", "astronaut-2.2.0.json"),
        ("/2.2.0/spacestation/4/", "station-2.2.0.json"),
        (
            "/2.2.0/launch/c2c7efe5-8154-4df3-885b-37d29942ebe3/",
            "launch-2.2.0.json",
        ),
    ] {
        Mock::given(method("GET"))
            .and(path(at))
            .respond_with(body(name))
            .expect(1)
            .mount(&server)
            .await;
    }
    Mock::given(method("GET"))
        .and(path("/2.2.0/docking_event/"))
        .and(query_param("space_station__id", "4"))
        .respond_with(body("docking_events-2.2.0.json"))
        .expect(1)
        .mount(&server)
        .await;
    let url = format!("{}/2.2.0", server.uri());
    let home = tempfile::tempdir().unwrap();
    let run = hangar(home.path(), &["astronaut", "233", "--api-url", &url]).await;
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("Roman Romanenko (astronaut 233)"),
        "{}",
        run.stdout
    );
    // Issue 21: the record's `age` (54) was frozen when it was fetched.
    let born = format!("Born: 1971-08-09 (age {})", age_today((1971, 8, 9)));
    assert!(run.stdout.contains(&born), "{born}: {}", run.stdout);
    let run = hangar(home.path(), &["station", "4", "--api-url", &url]).await;
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("Docking history (2 events)"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("Zarya nadir"), "{}", run.stdout);
    let run = hangar(
        home.path(),
        &[
            "launch",
            "c2c7efe5-8154-4df3-885b-37d29942ebe3",
            "--api-url",
            &url,
        ],
    )
    .await;
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("Soyuz-FG | Soyuz TMA-15 (launch)"),
        "{}",
        run.stdout
    );
    // JSON from 2.2.0 is hangar's reading, in 2.3.0's names.
    let run = hangar(
        home.path(),
        &["station", "4", "--format", "json", "--api-url", &url],
    )
    .await;
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(json["name"], "International Space Station");
    assert!(json.get("docking_location").is_some(), "{json}");
}
