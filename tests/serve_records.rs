//! The mirror's records by id (astronauts, space stations, launches) and a
//! station's docking events, against the fake LL2 with its budget: what the
//! mirror's cache holds is answered as the upstream sent it; a second
//! hangar with an empty cache opens the catalog, a spacecraft's flights, a
//! flight, an astronaut and a station through the mirror with no request
//! upstream; a record the mirror does not hold costs one request, once.
//! A mirror of a 2.2.0 upstream answers 2.2.0's paths the same way.

mod common;

use common::*;
use hangar::api::{Priority, RecordRef};
use hangar::data::store::{FlightsOf, Record, Store};
use hangar::serve::{self, ServeConfig};
use serde_json::Value;
use std::collections::BTreeSet;
use std::time::Duration;

const HOUR: Duration = Duration::from_secs(3600);

async fn start(store: Store) -> String {
    let config = ServeConfig {
        reload_every: Duration::from_millis(200),
        ..common::mirror_config()
    };
    common::serve_mirror(store, config).await.0
}

async fn get(url: &str) -> (u16, Value) {
    let r = reqwest::get(url).await.unwrap();
    let status = r.status().as_u16();
    let retry_after = r.headers().get("retry-after").is_some();
    let mut body: Value = serde_json::from_str(&r.text().await.unwrap()).unwrap();
    if status == 503 {
        assert!(retry_after, "a 503 says when to come back");
        body["retry_after_given"] = Value::Bool(true);
    }
    (status, body)
}

/// The upstream's JSON with its URLs made the mirror's.
fn rewritten(upstream: &str, mirror: &str, value: &Value) -> Value {
    serde_json::from_str(&value.to_string().replace(upstream, mirror)).unwrap()
}

/// What `valid` finds wrong in `value`.
fn violations(valid: &jsonschema::Validator, value: &Value) -> BTreeSet<String> {
    valid
        .iter_errors(value)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect()
}

/// A synced mirror that has opened astronaut 3 and station 4 (its history),
/// and the upstream's own answers for them.
struct World {
    fake: FakeApi,
    upstream: String,
    url: String,
    flights: Vec<Value>,
    _server: wiremock::MockServer,
    _dir: tempfile::TempDir,
}

async fn world(limit: usize) -> World {
    world_of("2.3.0", limit).await
}

async fn world_of(version: &str, limit: usize) -> World {
    let Ll2 {
        server,
        fake,
        url: upstream,
    } = FakeLl2::new()
        .fleet(150)
        .budget(limit, HOUR)
        .version(version)
        .start()
        .await;
    let flights = fake.flights();
    let dir = tempfile::tempdir().unwrap();
    let store = store_with(&upstream, dir.path(), |c| c.reserve = 0);
    assert!(store.sync(|_| {}).await.unwrap().complete());
    store
        .open(RecordRef::Astronaut(3), Priority::Explicit)
        .await
        .unwrap();
    store
        .open(RecordRef::Station(4), Priority::Explicit)
        .await
        .unwrap();
    let launch = flights[0]["launch"]["id"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    store
        .open(RecordRef::Launch(launch), Priority::Explicit)
        .await
        .unwrap();
    let url = start(store).await;
    World {
        fake,
        upstream,
        url,
        flights,
        _server: server,
        _dir: dir,
    }
}

async fn upstream_json(upstream: &str, path: &str) -> Value {
    let text = reqwest::get(format!("{upstream}/{path}"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    serde_json::from_str(&text).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn held_records_are_answered_as_the_upstream_sent_them() {
    let w = world(1000).await;
    let launch = w.flights[0]["launch"]["id"].as_str().unwrap().to_string();
    for (path, component) in [
        ("astronauts/3/", "AstronautEndpointDetailed"),
        ("space_stations/4/", "SpaceStationDetailedEndpoint"),
        (&format!("launches/{launch}/") as &str, "LaunchDetailed"),
    ] {
        let asked = w.fake.paid().len();
        let (status, body) = get(&format!("{}/{path}", w.url)).await;
        assert_eq!(status, 200, "{path}: {body}");
        assert_eq!(w.fake.paid().len(), asked, "{path} cost nothing upstream");
        let theirs = upstream_json(&w.upstream, &format!("{path}?format=json")).await;
        assert_eq!(body, rewritten(&w.upstream, &w.url, &theirs), "{path}");
        // The mirror adds no violation of the published schema of its own.
        let valid = schema::validator(component);
        let added = &violations(&valid, &body) - &violations(&valid, &theirs);
        assert!(added.is_empty(), "{path}: {added:?}");
    }

    // A station's docking history, paged as DRF pages it.
    let list = format!("{}/docking_events/?space_station_target__id=4", w.url);
    let (status, all) = get(&format!("{list}&limit=100")).await;
    assert_eq!(status, 200, "{all}");
    let theirs = upstream_json(
        &w.upstream,
        "docking_events/?space_station_target__id=4&ordering=docking&limit=100&format=json",
    )
    .await;
    assert_eq!(all["count"], theirs["count"]);
    assert_eq!(
        all["results"],
        rewritten(&w.upstream, &w.url, &theirs["results"])
    );
    let (_, page) = get(&format!("{list}&limit=1&offset=1")).await;
    assert_eq!(page["results"][0], all["results"][1]);
    assert_eq!(
        page["next"],
        format!(
            "{}/docking_events/?limit=1&offset=2&space_station_target__id=4",
            w.url
        )
    );
    assert_eq!(
        page["previous"],
        format!(
            "{}/docking_events/?limit=1&space_station_target__id=4",
            w.url
        )
    );
    let (_, reversed) = get(&format!("{list}&limit=100&ordering=-docking")).await;
    let mut back = all["results"].as_array().unwrap().clone();
    back.reverse();
    assert_eq!(reversed["results"], Value::Array(back));
    let valid = schema::validator("DockingEventEndpointNormal");
    for e in all["results"].as_array().unwrap() {
        let theirs = theirs["results"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["id"] == e["id"])
            .unwrap();
        let added = &violations(&valid, e) - &violations(&valid, theirs);
        assert!(added.is_empty(), "{added:?}");
    }

    // What it refuses, as DRF would, or saying what it serves.
    let (status, body) = get(&format!(
        "{}/docking_events/?space_station_target__id=x",
        w.url
    ))
    .await;
    assert_eq!(
        (status, body),
        (
            400,
            serde_json::json!({"space_station_target__id": ["Enter a number."]})
        )
    );
    for refused in [
        "docking_events/",
        "docking_events/?space_station_target__id=18",
        "docking_events/?space_station_target__id=4&search=Soyuz",
        "docking_events/?space_station_target__id=4&mode=detailed",
        "astronauts/",
    ] {
        let (status, body) = get(&format!("{}/{refused}", w.url)).await;
        assert_eq!(status, 404, "{refused}: {body}");
        assert!(
            body["detail"]
                .as_str()
                .unwrap()
                .contains("This mirror serves"),
            "{refused}: {body}"
        );
    }
    for (path, model) in [
        ("astronauts/abc/", "Astronaut"),
        ("launches/not-a-uuid/", "Launch"),
        ("docking_events/1/", "DockingEvent"),
    ] {
        let (status, body) = get(&format!("{}/{path}", w.url)).await;
        assert_eq!(status, 404, "{path}");
        assert_eq!(
            body["detail"],
            format!("No {model} matches the given query."),
            "{path}"
        );
    }
}

/// A hangar with an empty cache pointed at the mirror opens the catalog,
/// spacecraft 7's flights, a flight, astronaut 3 and station 4 with its
/// history, and the upstream hears nothing of it.
async fn a_second_hangar_opens_everything(w: &World) {
    let before = w.fake.log().len();
    let other = tempfile::tempdir().unwrap();
    let store = store_at(&w.url, other.path());
    let catalog = store.catalog(|_| {}).await.unwrap();
    assert_eq!(catalog.value.records.len(), 150);
    assert!(catalog.partial.is_none());
    let seven = catalog.value.records.iter().find(|s| s.id == 7).unwrap();
    let flights = store
        .flights(FlightsOf::of(seven), Priority::Explicit)
        .await
        .unwrap();
    assert_eq!(flights.value.records.len(), 2);
    let flight = store.flight(flights.value.records[0].id).await.unwrap();
    assert_eq!(flight.value.id, flights.value.records[0].id);
    let Record::Astronaut { astronaut, .. } = store
        .open(RecordRef::Astronaut(3), Priority::Explicit)
        .await
        .unwrap()
        .value
    else {
        panic!("an astronaut")
    };
    assert_eq!(astronaut.id, Some(3));
    let Record::Station {
        station,
        history,
        history_note,
        ..
    } = store
        .open(RecordRef::Station(4), Priority::Explicit)
        .await
        .unwrap()
        .value
    else {
        panic!("a station")
    };
    assert_eq!(station.id, 4);
    assert!(history_note.is_none(), "{history_note:?}");
    assert!(!history.records.is_empty());
    assert_eq!(
        w.fake.log().len(),
        before,
        "the upstream heard nothing: {:#?}",
        &w.fake.log()[before..]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_second_hangar_opens_everything_through_the_mirror_at_no_upstream_request() {
    a_second_hangar_opens_everything(&world(1000).await).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_record_not_held_costs_one_request_once() {
    let w = world(1000).await;
    let paid = |w: &World| {
        w.fake
            .paid()
            .iter()
            .filter(|p| p.contains("/astronauts/"))
            .count()
    };
    let before = paid(&w);
    // Two clients at once, then a third: one request upstream.
    let url = format!("{}/astronauts/5/", w.url);
    let (a, b) = tokio::join!(get(&url), get(&url));
    assert_eq!(a.0, 200, "{}", a.1);
    assert_eq!(a, b);
    assert_eq!(get(&url).await, a);
    assert_eq!(paid(&w), before + 1);
    let theirs = upstream_json(&w.upstream, "astronauts/5/?format=json").await;
    assert_eq!(a.1, rewritten(&w.upstream, &w.url, &theirs));
    // One the upstream does not have: its 404, the model's name.
    let (status, body) = get(&format!("{}/astronauts/99999/", w.url)).await;
    assert_eq!(status, 404);
    assert_eq!(body["detail"], "No Astronaut matches the given query.");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_record_not_held_with_the_budget_spent_is_503_saying_why() {
    let w = world(60).await;
    // Someone else at the same address spends the rest of the window.
    while w.fake.refused() == 0 {
        reqwest::get(format!("{}/spacecraft/1/", w.upstream))
            .await
            .unwrap();
    }
    let refused = w.fake.refused();
    let (status, body) = get(&format!("{}/astronauts/6/", w.url)).await;
    assert_eq!(status, 503, "{body}");
    assert_eq!(body["retry_after_given"], true);
    let detail = body["detail"].as_str().unwrap();
    assert!(
        detail.contains("does not hold astronaut/6") && detail.contains("cannot ask the upstream"),
        "{detail}"
    );
    // Asked again, the ledger knows the wait: nothing more is sent.
    let (status, _) = get(&format!("{}/astronauts/6/", w.url)).await;
    assert_eq!(status, 503);
    assert!(
        w.fake.refused() <= refused + 1,
        "{} 429s",
        w.fake.refused() - refused
    );
}

/// A mirror with `--rate 4/minute`: a hangar pointed at it reads its limit
/// from the mirror's `/api-throttle/` and keeps to it, refusing what goes
/// past it itself (its ledger) rather than drawing the mirror's 429.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hangar_keeps_to_a_rate_limited_mirror() {
    let Ll2 {
        server: _server,
        url: upstream,
        ..
    } = FakeLl2::new().fleet(150).start().await;
    let dir = tempfile::tempdir().unwrap();
    let store = store_at(&upstream, dir.path());
    assert!(store.sync(|_| {}).await.unwrap().complete());
    let config = ServeConfig {
        reload_every: Duration::from_secs(60),
        guard: serve::GuardConfig {
            rate: Some("4/minute".parse().unwrap()),
            ..serve::GuardConfig::default()
        },
        ..common::mirror_config()
    };
    let (url, _) = common::serve_mirror(store, config).await;

    let other = tempfile::tempdir().unwrap();
    let client = store_at(&url, other.path());
    let budget = client.budget().await.unwrap();
    assert_eq!(budget.limit, Some(4));
    assert_eq!(budget.window_secs, Some(60));
    let mut refused_here = 0;
    for id in 1..=8 {
        match client.spacecraft(id, Priority::Explicit).await {
            Ok(_) => {}
            Err(hangar::data::store::StoreError::Api(hangar::api::ApiError::OverBudget {
                ..
            })) => refused_here += 1,
            Err(e) => panic!("spacecraft {id}: {e}"),
        }
    }
    // Four went through, the others the ledger kept back: none met a 429.
    assert_eq!(refused_here, 4);
    assert_eq!(client.ledger().view().blocked_until, None);
    let (status, body) = get(&format!("{url}/api-throttle/")).await;
    assert_eq!(status, 200);
    assert_eq!(body["current_use"], 4, "{body}");
}

/// Ids of a list's results, in order.
fn ids(page: &Value) -> Vec<u64> {
    page["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_u64().unwrap())
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_mirror_of_2_2_0_answers_2_2_0s_paths_and_a_second_hangar_reads_it_all() {
    let w = world_of("2.2.0", 1000).await;
    assert!(w.url.ends_with("/2.2.0"), "{}", w.url);
    let before = w.fake.log().len();
    // What the test itself asks the upstream, to compare with.
    let mut compared = 0;

    // The catalog, with 2.2.0's filters and its one ordering field.
    let (status, all) = get(&format!("{}/spacecraft/?limit=100", w.url)).await;
    assert_eq!((status, all["count"].as_u64()), (200, Some(150)), "{all}");
    assert_eq!(ids(&all), (1..=100).collect::<Vec<_>>());
    for ignored in [
        "in_space=true",
        "is_placeholder=maybe",
        "ordering=-time_in_space",
    ] {
        let (status, page) = get(&format!("{}/spacecraft/?limit=100&{ignored}", w.url)).await;
        assert_eq!(status, 200, "{ignored}");
        assert_eq!(page["count"], 150, "{ignored}: not a 2.2.0 filter");
        assert_eq!(ids(&page), ids(&all), "{ignored}");
    }
    let (_, reversed) = get(&format!("{}/spacecraft/?limit=3&ordering=-id", w.url)).await;
    assert_eq!(ids(&reversed), [150, 149, 148]);
    assert_eq!(
        reversed["next"],
        format!("{}/spacecraft/?limit=3&offset=3&ordering=-id", w.url)
    );
    let (status, body) = get(&format!("{}/spacecraft/?status=abc", w.url)).await;
    assert_eq!(status, 400, "{body}");
    assert!(body["status"].is_array(), "{body}");

    // Flights, by 2.2.0's path, as the upstream sent them.
    let (status, own) = get(&format!("{}/spacecraft/flight/?spacecraft=7", w.url)).await;
    assert_eq!((status, own["count"].as_u64()), (200, Some(2)), "{own}");
    let flight = own["results"][0]["id"].as_u64().unwrap();
    let path = format!("spacecraft/flight/{flight}/");
    let (status, body) = get(&format!("{}/{path}", w.url)).await;
    assert_eq!(status, 200, "{body}");
    let theirs = upstream_json(&w.upstream, &format!("{path}?format=json")).await;
    compared += 1;
    assert_eq!(body, rewritten(&w.upstream, &w.url, &theirs));

    // The records by id, and a station's history, under 2.2.0's names.
    let launch = w.flights[0]["launch"]["id"].as_str().unwrap().to_string();
    for path in [
        "astronaut/3/".to_string(),
        "spacestation/4/".to_string(),
        format!("launch/{launch}/"),
    ] {
        let (status, body) = get(&format!("{}/{path}", w.url)).await;
        assert_eq!(status, 200, "{path}: {body}");
        let theirs = upstream_json(&w.upstream, &format!("{path}?format=json")).await;
        compared += 1;
        assert_eq!(body, rewritten(&w.upstream, &w.url, &theirs), "{path}");
    }
    let (status, history) = get(&format!(
        "{}/docking_event/?space_station__id=4&limit=100",
        w.url
    ))
    .await;
    assert_eq!(status, 200, "{history}");
    let theirs = upstream_json(
        &w.upstream,
        "docking_event/?space_station__id=4&ordering=docking&limit=100&format=json",
    )
    .await;
    compared += 1;
    assert_eq!(history["count"], theirs["count"]);
    assert_eq!(
        history["results"],
        rewritten(&w.upstream, &w.url, &theirs["results"])
    );
    assert_eq!(
        w.fake.log().len(),
        before + compared,
        "all of it from what the mirror held: {:#?}",
        &w.fake.log()[before..]
    );

    // 2.3.0's paths are not 2.2.0's: the 404 lists 2.2.0's.
    for path in [
        "spacecraft_flights/",
        "astronauts/3/",
        "docking_events/?space_station_target__id=4",
    ] {
        let (status, body) = get(&format!("{}/{path}", w.url)).await;
        assert_eq!(status, 404, "{path}");
        let detail = body["detail"].as_str().unwrap();
        assert!(
            detail.contains(&format!("{}/spacecraft/flight/", w.url))
                && detail.contains("docking_event/?space_station__id={id}"),
            "{detail}"
        );
    }

    // A hangar of 2.2.0 pointed at the mirror, with an empty cache.
    a_second_hangar_opens_everything(&w).await;
}
