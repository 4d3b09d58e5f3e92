//! The store: cache hits, stale fallbacks, corrupt files, the snapshot, throttles.

mod common;

use common::*;
use hangar::api::Priority;
use hangar::data::cache::Cache;
use hangar::data::store::{FlightsOf, Origin, StoreError};
use jiff::{SignedDuration, Timestamp};
use wiremock::matchers::{method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn dead_base() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    format!("http://127.0.0.1:{port}/2.3.0")
}

#[tokio::test]
async fn a_warm_start_within_the_freshness_window_makes_no_request() {
    let Ll2 {
        server: _server,
        fake,
        url: base,
    } = FakeLl2::catalog(FakeCatalog::new(catalog(1..=603)))
        .start()
        .await;
    let dir = tempfile::tempdir().unwrap();
    let first = store_at(&base, dir.path()).catalog(|_| {}).await.unwrap();
    assert_eq!(first.origin, Origin::Live);
    assert_eq!(first.value.records.len(), 603);
    assert_eq!(fake.requests(), 7);

    let second = store_at(&base, dir.path()).catalog(|_| {}).await.unwrap();
    assert!(matches!(second.origin, Origin::Cache { stale: false, .. }));
    assert_eq!(second.value.records, first.value.records);
    assert_eq!(fake.requests(), 7, "the cache answered");
}

#[tokio::test]
async fn refresh_refetches_every_page_in_one_round() {
    let Ll2 {
        server: _server,
        fake,
        url: base,
    } = FakeLl2::catalog(FakeCatalog::new(catalog(1..=603)))
        .start()
        .await;
    let dir = tempfile::tempdir().unwrap();
    store_at(&base, dir.path()).catalog(|_| {}).await.unwrap();
    let refreshed = store_with(&base, dir.path(), |c| c.refresh = true)
        .catalog(|_| {})
        .await
        .unwrap();
    assert_eq!(refreshed.origin, Origin::Live);
    assert_eq!(fake.requests(), 14);
}

#[tokio::test]
async fn progress_reports_every_page() {
    let Ll2 {
        server: _server,
        url: base,
        ..
    } = FakeLl2::catalog(FakeCatalog::new(catalog(1..=603)))
        .start()
        .await;
    let dir = tempfile::tempdir().unwrap();
    let mut seen = Vec::new();
    store_at(&base, dir.path())
        .catalog(|e| seen.push((e.done, e.total, e.page.results.len())))
        .await
        .unwrap();
    assert_eq!(seen.len(), 7);
    assert_eq!(seen[0], (1, 7, 100));
    assert_eq!(seen.last().map(|s| (s.0, s.1)), Some((7, 7)));
    assert_eq!(seen.iter().map(|s| s.2).sum::<usize>(), 603);
}

#[tokio::test]
async fn stale_cache_is_served_and_said_so_when_the_network_fails() {
    let Ll2 {
        server: _server,
        url: base,
        ..
    } = FakeLl2::catalog(FakeCatalog::new(catalog(1..=250)))
        .start()
        .await;
    let dir = tempfile::tempdir().unwrap();
    store_at(&base, dir.path()).catalog(|_| {}).await.unwrap();
    // Age the entries by two days, then lose the network.
    let endpoints = hangar::api::Endpoints::new(&base).unwrap();
    let cache = Cache::new(dir.path());
    let old = Timestamp::now() - SignedDuration::from_hours(48);
    let dead = dead_base();
    // The dead base has another port: copy the entries under its URLs.
    let dead_endpoints = hangar::api::Endpoints::new(&dead).unwrap();
    for offset in [0, 100, 200] {
        let entry = cache.get(&endpoints.catalog_page(offset)).unwrap();
        cache
            .put(&dead_endpoints.catalog_page(offset), &entry.body, old)
            .unwrap();
    }
    let fetched = store_at(&dead, dir.path()).catalog(|_| {}).await.unwrap();
    assert_eq!(fetched.value.records.len(), 250);
    match fetched.origin {
        Origin::Cache { stale, fetched_at } => {
            assert!(stale);
            assert_eq!(fetched_at, old);
        }
        other => panic!("{other:?}"),
    }
    let notice = fetched.notice.unwrap();
    assert!(notice.contains("network unreachable"), "{notice}");
    assert!(fetched
        .origin
        .describe(Timestamp::now())
        .starts_with("stale cache, 2 d old"));
}

#[tokio::test]
async fn with_no_cache_and_no_network_the_snapshot_is_shown_with_the_reason() {
    let dir = tempfile::tempdir().unwrap();
    let fetched = store_at(&dead_base(), dir.path())
        .catalog(|_| {})
        .await
        .unwrap();
    assert_eq!(fetched.origin, Origin::Snapshot);
    assert_eq!(fetched.value.records.len(), 32);
    assert!(fetched.notice.unwrap().contains("network unreachable"));
}

#[tokio::test]
async fn offline_with_an_empty_cache_uses_the_snapshot_without_the_network() {
    let Ll2 {
        server: _server,
        fake,
        url: base,
    } = FakeLl2::catalog(FakeCatalog::new(catalog(1..=603)))
        .start()
        .await;
    let dir = tempfile::tempdir().unwrap();
    let store = store_with(&base, dir.path(), |c| c.offline = true);
    let fetched = store.catalog(|_| {}).await.unwrap();
    assert_eq!(fetched.origin, Origin::Snapshot);
    assert_eq!(fetched.notice, None);
    assert!(fetched
        .value
        .records
        .iter()
        .any(|s| s.name == "Dream Chaser Tenacity"));
    let flight = store.flight(358).await.unwrap();
    assert_eq!(flight.origin, Origin::Snapshot);
    assert!(matches!(store.flight(1).await, Err(StoreError::Offline(_))));
    assert_eq!(fake.requests(), 0);
}

#[tokio::test]
async fn offline_prefers_the_cache_of_any_age() {
    let Ll2 {
        server: _server,
        fake,
        url: base,
    } = FakeLl2::catalog(FakeCatalog::new(catalog(1..=150)))
        .start()
        .await;
    let dir = tempfile::tempdir().unwrap();
    store_at(&base, dir.path()).catalog(|_| {}).await.unwrap();
    let fetched = store_with(&base, dir.path(), |c| {
        c.offline = true;
        c.freshness.catalog = SignedDuration::ZERO;
    })
    .catalog(|_| {})
    .await
    .unwrap();
    assert!(matches!(fetched.origin, Origin::Cache { stale: true, .. }));
    assert_eq!(fetched.value.records.len(), 150);
    assert_eq!(fake.requests(), 2);
}

#[tokio::test]
async fn a_corrupt_cache_file_is_discarded_and_refetched() {
    let Ll2 {
        server: _server,
        fake,
        url: base,
    } = FakeLl2::catalog(FakeCatalog::new(catalog(1..=150)))
        .start()
        .await;
    let dir = tempfile::tempdir().unwrap();
    store_at(&base, dir.path()).catalog(|_| {}).await.unwrap();
    for entry in std::fs::read_dir(Cache::new(dir.path()).dir()).unwrap() {
        let path = entry.unwrap().path();
        let raw = std::fs::read(&path).unwrap();
        std::fs::write(&path, &raw[..raw.len() / 2]).unwrap();
    }
    let fetched = store_at(&base, dir.path()).catalog(|_| {}).await.unwrap();
    assert_eq!(fetched.origin, Origin::Live);
    assert_eq!(fetched.value.records.len(), 150);
    assert_eq!(fake.requests(), 4);
}

#[tokio::test]
async fn a_bad_body_never_reaches_the_cache() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(200).set_body_raw("{\"count\": 3, \"resu", "application/json"),
        )
        .mount(&server)
        .await;
    let base = common::api_url(&server);
    let dir = tempfile::tempdir().unwrap();
    let fetched = store_at(&base, dir.path()).catalog(|_| {}).await.unwrap();
    assert_eq!(fetched.origin, Origin::Snapshot);
    assert!(fetched.notice.unwrap().contains("unreadable response"));
    let endpoints = hangar::api::Endpoints::new(&base).unwrap();
    assert_eq!(Cache::new(dir.path()).get(&endpoints.catalog_page(0)), None);
}

#[tokio::test]
async fn a_throttle_outlives_the_process_that_hit_it() {
    let server = MockServer::start().await;
    let script = Script::new(vec![throttled(1800)]);
    Mock::given(method("GET"))
        .respond_with(script.clone())
        .mount(&server)
        .await;
    let base = common::api_url(&server);
    let dir = tempfile::tempdir().unwrap();
    let first = store_at(&base, dir.path()).catalog(|_| {}).await.unwrap();
    assert_eq!(first.origin, Origin::Snapshot);
    assert!(first.notice.unwrap().contains("throttled"));
    // The budget check and the first page went together; nothing after the 429.
    let asked = script.arrivals().len();
    assert!(asked <= 2, "{asked} requests");
    // A new store (a new run of hangar) on the same cache does not ask again.
    let store = store_at(&base, dir.path());
    let blocked = store.ledger().view().blocked_until.unwrap();
    assert!(blocked.duration_since(jiff::Timestamp::now()).as_secs() > 1700);
    let second = store.catalog(|_| {}).await.unwrap();
    assert!(second.notice.unwrap().contains("throttled"));
    assert_eq!(script.arrivals().len(), asked);
}

#[tokio::test]
async fn a_spacecrafts_flights_cost_one_request_then_none() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/2.3.0/spacecraft_flights/"))
        .and(query_param("spacecraft", "231"))
        .and(query_param("mode", "detailed"))
        .and(query_param("limit", "100"))
        .respond_with(page_of("spacecraft_flights-2.3.0-prod-358-detailed.json"))
        .expect(1)
        .mount(&server)
        .await;
    let base = common::api_url(&server);
    let dir = tempfile::tempdir().unwrap();
    for _ in 0..3 {
        let fetched = store_at(&base, dir.path())
            .flights(
                FlightsOf {
                    id: 231,
                    in_space: Some(false),
                    flights_count: None,
                },
                Priority::Explicit,
            )
            .await
            .unwrap();
        assert_eq!(fetched.value.records.len(), 1);
        assert_eq!(fetched.value.records[0].id, 358);
    }
}

#[tokio::test]
async fn a_missing_record_is_an_error_not_a_fallback() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(404).set_body_json(
                serde_json::json!({"detail": "No Spacecraft matches the given query."}),
            ),
        )
        .mount(&server)
        .await;
    let dir = tempfile::tempdir().unwrap();
    let store = store_at(&common::api_url(&server), dir.path());
    let err = store.spacecraft(231, Priority::Explicit).await.unwrap_err();
    assert!(err.to_string().contains("No Spacecraft matches"), "{err}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failed_page_stops_the_walk_but_answers_in_flight_are_kept() {
    let Ll2 {
        server,
        fake,
        url: base,
    } = FakeLl2::catalog(
        FakeCatalog::new(catalog(1..=603)).with_delay(std::time::Duration::from_millis(300)),
    )
    .start()
    .await;
    // Page 2 fails at once and for good (before the catalog, which answers
    // the same path); the other pages take their time.
    Mock::given(method("GET"))
        .and(path("/2.3.0/spacecraft/"))
        .and(query_param("offset", "100"))
        .respond_with(
            ResponseTemplate::new(400)
                .set_body_json(serde_json::json!({"detail": "Bad page."}))
                .set_delay(std::time::Duration::from_millis(100)),
        )
        .with_priority(1)
        .mount(&server)
        .await;
    let dir = tempfile::tempdir().unwrap();
    let fetched = store_at(&base, dir.path()).catalog(|_| {}).await.unwrap();
    // What was paid for is here, every page the server answered, and said partial.
    assert!(fetched.notice.unwrap().contains("Bad page"));
    let endpoints = hangar::api::Endpoints::new(&base).unwrap();
    let cache = Cache::new(dir.path());
    let cached: Vec<u64> = [0, 200, 300, 400, 500, 600]
        .into_iter()
        .filter(|offset| cache.get(&endpoints.catalog_page(*offset)).is_some())
        .collect();
    assert_eq!(
        cached.len(),
        fake.requests(),
        "every answer paid for is kept"
    );
    // The failed page answers last but one (100 ms against 300): the rest
    // were sent by then, and awaited.
    assert_eq!(cached, [0, 200, 300, 400, 500, 600]);
    let partial = fetched.partial.expect("partial");
    assert_eq!((partial.have, partial.count), (503, Some(603)));
}

/// Issue 16: a 429 whose wait overflows any integer used to panic; it is a
/// day at the most, said as "more than 24 h", and the next run keeps it.
#[tokio::test]
async fn an_absurd_throttle_wait_is_a_day_and_said_so() {
    for seconds in ["99999999999999999999", "999999999999"] {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .respond_with(ResponseTemplate::new(429).set_body_json(serde_json::json!({
                "detail": format!("Request was throttled. Expected available in {seconds} seconds.")
            })))
            .mount(&server)
            .await;
        let base = common::api_url(&server);
        let dir = tempfile::tempdir().unwrap();
        let fetched = store_at(&base, dir.path()).catalog(|_| {}).await.unwrap();
        assert_eq!(fetched.origin, Origin::Snapshot);
        let notice = fetched.notice.unwrap();
        assert!(notice.contains("more than 24 h"), "{notice}");
        let blocked = store_at(&base, dir.path())
            .ledger()
            .view()
            .blocked_until
            .unwrap();
        let left = blocked.duration_since(Timestamp::now());
        assert!(left <= SignedDuration::from_hours(24) && left > SignedDuration::from_hours(23));
    }
}
