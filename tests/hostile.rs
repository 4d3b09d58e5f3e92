//! Flights whose dates leave the range a timestamp can hold, as the API has
//! sent them: each one parsed, laid out, described and drawn in every pane,
//! and a cache full of such responses read back at the next start.

mod common;

use common::{assert_inert, asset, every_pane, render, showing, store_with};
use hangar::api::paging::parse_record;
use hangar::api::{Endpoints, Flight, Spacecraft};
use hangar::data::store::Origin;
use jiff::Timestamp;
use serde_json::{json, Value};

fn now() -> Timestamp {
    "2026-11-22T12:00:00Z".parse().unwrap()
}

/// The Vostok 5 flight of the seeds (spacecraft 231, id 358), as it is.
fn seed_flight() -> Value {
    serde_json::from_str(&asset("spacecraft_flights-2.3.0-prod-358-detailed.json")).unwrap()
}

/// The seed flight, launched at `net` with no mission end and `duration`.
fn hostile_json(id: u64, net: &str, duration: &str) -> Value {
    let mut f = seed_flight();
    f["id"] = json!(id);
    f["launch"]["name"] = json!(format!("Hostile {id}"));
    f["launch"]["net"] = json!(net);
    f["mission_end"] = Value::Null;
    f["duration"] = json!(duration);
    f
}

fn parse(flight: &Value) -> Flight {
    parse_record::<Flight>(&flight.to_string()).expect("a hostile flight still parses")
}

/// Runs one flight through everything that shows it, beside the seed flight.
fn drawn_without_its_bar(net: &str, duration: &str) {
    let hostile = parse(&hostile_json(9001, net, duration));
    assert!(
        hostile.duration.is_some(),
        "{duration} is a valid ISO 8601 duration"
    );
    let seed = parse(&seed_flight());
    let flights = vec![seed.clone(), hostile.clone()];

    for width in [1u16, 12, 40, 200] {
        let alone =
            hangar::doc::timeline::layout(std::slice::from_ref(&hostile), width, now(), None);
        assert!(alone.is_none_or(|t| t.bars.is_empty()), "width {width}");
        let t = hangar::doc::timeline::layout(&flights, width, now(), Some(false)).unwrap();
        assert_eq!(
            t.bars.iter().map(|b| b.flight).collect::<Vec<_>>(),
            [0],
            "the seed flight keeps its bar at width {width}"
        );
    }
    assert_eq!(
        hangar::doc::timeline::why_no_bar(&hostile),
        "dates out of range"
    );

    let text = hangar::cli::output::doc_text(&hangar::doc::flight(&hostile, now()));
    assert!(text.contains("Hostile 9001 (flight 9001)"), "{text}");
    let table = hangar::cli::output::flights_table(&flights, now());
    assert!(table.contains("Hostile 9001"), "{table}");

    let spacecraft = *seed.spacecraft.clone().unwrap();
    for size in [(120, 40), (60, 16)] {
        let screens = every_pane(
            vec![spacecraft.clone()],
            spacecraft.id,
            Some(spacecraft.clone()),
            flights.clone(),
            size,
            now(),
        );
        for screen in &screens {
            assert_inert(screen);
        }
        // The spacecraft screen: the seed's bar, and a note for the other.
        let timeline = &screens[2];
        assert!(timeline.contains("dates out of range"), "{timeline}");
        assert!(
            timeline.contains("├") || timeline.contains("│"),
            "{timeline}"
        );
    }
}

#[test]
fn twenty_thousand_years_of_days_from_2000() {
    drawn_without_its_bar("2000-01-01T00:00:00Z", "P7304484D");
}

#[test]
fn twenty_thousand_years_of_seconds_from_2000() {
    drawn_without_its_bar("2000-01-01T00:00:00Z", "PT631107417600S");
}

#[test]
fn twenty_thousand_years_back_from_2000() {
    drawn_without_its_bar("2000-01-01T00:00:00Z", "-P7304484D");
}

#[test]
fn one_day_past_the_last_timestamp() {
    drawn_without_its_bar("9999-12-30T12:00:00Z", "P1D");
}

/// The start-up screen: the first row is selected and its flights are drawn
/// beside the list before anyone presses a key.
#[test]
fn the_first_screen_draws_a_first_row_with_an_out_of_range_flight() {
    let hostile = parse(&hostile_json(9001, "2000-01-01T00:00:00Z", "P7304484D"));
    let spacecraft = *hostile.spacecraft.clone().unwrap();
    let mut state = showing(
        vec![spacecraft.clone()],
        Origin::Live,
        (120, 40),
        now(),
        false,
    );
    hangar::app::update(
        &mut state,
        hangar::app::action::Action::FlightsLoaded {
            id: spacecraft.id,
            result: Ok(hangar::data::store::Fetched::new(
                hangar::data::store::Listing {
                    records: vec![hostile],
                    count: Some(1),
                },
                Origin::Live,
            )),
        },
    );
    let screen = render(&state);
    assert!(screen.contains("dates out of range"), "{screen}");
}

/// A catalog page whose records hold values at the schema's limits.
fn hostile_catalog_page(spacecraft: &Value) -> String {
    let mut records = vec![spacecraft.clone()];
    for (i, (duration, name)) in [
        ("P7304484D", "Восток \u{1b}[2J\u{1b}]0;pwned\u{7}"),
        ("-P7304484D", "神舟 🚀\u{202e}evil"),
        ("PT631107417600S", ""),
    ]
    .into_iter()
    .enumerate()
    {
        let mut r = spacecraft.clone();
        r["id"] = json!(5000 + i);
        r["name"] = json!(name);
        r["time_in_space"] = json!(duration);
        r["time_docked"] = json!(duration);
        r["fastest_turnaround"] = json!(duration);
        r["flights_count"] = json!(u64::MAX);
        r["mission_ends_count"] = json!(i64::MIN);
        r["description"] = json!("\u{9b}31m".repeat(30_000));
        records.push(r);
    }
    json!({"count": records.len(), "next": null, "previous": null, "results": records}).to_string()
}

#[tokio::test]
async fn a_cache_of_hostile_responses_never_stops_the_next_start() {
    let dir = tempfile::tempdir().unwrap();
    let base = "https://ll.thespacedevs.com/2.3.0";
    let endpoints = Endpoints::new(base).unwrap();
    let cache = hangar::data::cache::Cache::new(dir.path());
    let seed = seed_flight();
    let spacecraft_id = seed["spacecraft"]["id"].as_u64().unwrap();
    let mut flights = vec![seed.clone()];
    for (i, (net, duration)) in [
        ("2000-01-01T00:00:00Z", "P7304484D"),
        ("2000-01-01T00:00:00Z", "PT631107417600S"),
        ("2000-01-01T00:00:00Z", "-P7304484D"),
        ("9999-12-30T12:00:00Z", "P1D"),
        ("0001-01-01T00:00:00Z", "-PT631107417600S"),
    ]
    .into_iter()
    .enumerate()
    {
        flights.push(hostile_json(9001 + i as u64, net, duration));
    }
    let flights_page =
        json!({"count": flights.len(), "next": null, "previous": null, "results": flights});
    let mut detailed = seed["spacecraft"].clone();
    detailed["flights"] = json!(flights);
    let written = Timestamp::now();
    for (url, body) in [
        (
            endpoints.catalog_page(0),
            hostile_catalog_page(&seed["spacecraft"]),
        ),
        (
            endpoints.flights_page(spacecraft_id, 0),
            flights_page.to_string(),
        ),
        (endpoints.spacecraft(spacecraft_id), detailed.to_string()),
    ] {
        cache.put(&url, &body, written).unwrap();
    }

    // The next start: offline, so only the cache answers.
    let store = store_with(base, dir.path(), |c| c.offline = true);
    let catalog = store.catalog(|_| {}).await.unwrap();
    assert!(matches!(catalog.origin, Origin::Cache { .. }));
    assert_eq!(catalog.value.records.len(), 4);
    let flights = store
        .flights(
            hangar::data::store::FlightsOf {
                id: spacecraft_id,
                in_space: Some(false),
                flights_count: None,
            },
            hangar::api::Priority::Explicit,
        )
        .await
        .unwrap();
    assert_eq!(flights.value.records.len(), 6);
    let record: Spacecraft = store
        .spacecraft(spacecraft_id, hangar::api::Priority::Explicit)
        .await
        .unwrap()
        .value;
    for size in [(120, 40), (60, 16)] {
        let screens = every_pane(
            catalog.value.records.clone(),
            spacecraft_id,
            Some(record.clone()),
            flights.value.records.clone(),
            size,
            now(),
        );
        for screen in &screens {
            assert_inert(screen);
        }
        assert!(screens[2].contains("dates out of range"), "{}", screens[2]);
    }
    // Each hostile spacecraft, selected at start-up, draws too.
    for id in 5000..5003 {
        for screen in every_pane(
            catalog.value.records.clone(),
            id,
            None,
            Vec::new(),
            (120, 40),
            now(),
        ) {
            assert_inert(&screen);
        }
    }
}

/// More flights than a `u16` counts: the spacecraft screen sizes its panes from the number.
#[test]
fn a_spacecraft_with_more_flights_than_a_u16_counts_opens() {
    let spacecraft = *parse(&seed_flight()).spacecraft.unwrap();
    let flights: Vec<Flight> = (1..=65_533)
        .map(|id| Flight {
            id,
            ..Flight::default()
        })
        .collect();
    let screens = every_pane(
        vec![spacecraft.clone()],
        spacecraft.id,
        None,
        flights,
        (100, 30),
        now(),
    );
    assert!(screens[2].contains("Flights (65533)"), "{}", screens[2]);
}

/// A cached first page whose `count` says 2^64 - 1 records: short, and full.
#[test]
fn a_cached_page_with_an_absurd_count_does_not_stop_the_start() {
    let seed = seed_flight();
    absurd_count_is_read_within_a_second(vec![seed["spacecraft"].clone()]);
    let full: Vec<Value> = (1..=100)
        .map(|id| {
            let mut s = seed["spacecraft"].clone();
            s["id"] = json!(id);
            s
        })
        .collect();
    absurd_count_is_read_within_a_second(full);
}

fn absurd_count_is_read_within_a_second(results: Vec<Value>) {
    let dir = tempfile::tempdir().unwrap();
    let base = "https://ll.thespacedevs.com/2.3.0";
    let endpoints = Endpoints::new(base).unwrap();
    let expected = results.len();
    let page = json!({"count": u64::MAX, "next": null, "previous": null, "results": results});
    hangar::data::cache::Cache::new(dir.path())
        .put(
            &endpoints.catalog_page(0),
            &page.to_string(),
            Timestamp::now(),
        )
        .unwrap();
    let path = dir.path().to_path_buf();
    let (tx, rx) = std::sync::mpsc::channel();
    // A thread, so that a hang fails the test instead of stopping the suite.
    std::thread::spawn(move || {
        let store = store_with(base, &path, |c| c.offline = true);
        let loaded = store.catalog_local().fetched.value.records.len();
        let _ = tx.send(loaded);
    });
    let loaded = rx
        .recv_timeout(std::time::Duration::from_secs(10))
        .expect("the cached catalog is read within 10 s");
    assert_eq!(loaded, expected);
}
