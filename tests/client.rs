//! The client and the pager against a real HTTP server on loopback.

mod common;

use common::*;
use hangar::api::paging::{load_all, parse_page, parse_record, Plan};
use hangar::api::Priority;
use hangar::api::{ApiError, Client, Endpoints, Flight, Spacecraft};
use std::collections::HashSet;
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use wiremock::matchers::{method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

async fn load(
    endpoints: &Endpoints,
    known: Option<u64>,
) -> Result<hangar::api::paging::Loaded<Spacecraft>, ApiError> {
    let client = Client::new(fast_client()).unwrap();
    let loaded = load_all(
        &client,
        |o| endpoints.catalog_page(o),
        Plan::fresh(Priority::Explicit, known),
        |_| {},
    )
    .await;
    match loaded.stopped.clone() {
        Some(err) => Err(err),
        None => Ok(loaded),
    }
}

fn unique_ids(records: &[Spacecraft]) -> HashSet<u64> {
    let ids: HashSet<u64> = records.iter().map(|s| s.id).collect();
    assert_eq!(ids.len(), records.len(), "no duplicates");
    ids
}

#[tokio::test]
async fn a_603_record_catalog_loads_in_7_requests_the_last_6_at_once() {
    let Ll2 {
        server: _server,
        fake,
        url,
    } = FakeLl2::catalog(FakeCatalog::new(catalog(1..=603)).with_delay(Duration::from_millis(300)))
        .start()
        .await;
    let endpoints = Endpoints::new(&url).unwrap();
    let loaded = load(&endpoints, None).await.unwrap();
    assert_eq!(unique_ids(&loaded.records).len(), 603);
    assert_eq!(loaded.count, Some(603));
    assert_eq!(loaded.requests, 7);
    assert!(!loaded.rechecked);
    let arrivals = fake.arrivals();
    assert_eq!(arrivals.len(), 7);
    // Pages 2..7 were all requested before the first of them was answered (300 ms).
    let spread = arrivals[6].duration_since(arrivals[1]);
    assert!(
        spread < Duration::from_millis(250),
        "pages went out one by one: {spread:?}"
    );
}

#[tokio::test]
async fn with_a_known_count_every_page_goes_at_once() {
    let Ll2 {
        server: _server,
        fake,
        url,
    } = FakeLl2::catalog(FakeCatalog::new(catalog(1..=603)).with_delay(Duration::from_millis(300)))
        .start()
        .await;
    let endpoints = Endpoints::new(&url).unwrap();
    let loaded = load(&endpoints, Some(603)).await.unwrap();
    assert_eq!(unique_ids(&loaded.records).len(), 603);
    let arrivals = fake.arrivals();
    assert_eq!(arrivals.len(), 7);
    let spread = arrivals[6].duration_since(arrivals[0]);
    assert!(
        spread < Duration::from_millis(250),
        "not one round trip: {spread:?}"
    );
}

#[tokio::test]
async fn a_known_count_that_grew_fetches_the_extra_pages() {
    let Ll2 {
        server: _server,
        fake,
        url,
    } = FakeLl2::catalog(FakeCatalog::new(catalog(1..=650)))
        .start()
        .await;
    let endpoints = Endpoints::new(&url).unwrap();
    let loaded = load(&endpoints, Some(603)).await.unwrap();
    assert_eq!(unique_ids(&loaded.records).len(), 650);
    assert_eq!(fake.requests(), 7, "650 records still fit in 7 pages");
    let Ll2 {
        server: _server,
        fake,
        url,
    } = FakeLl2::catalog(FakeCatalog::new(catalog(1..=750)))
        .start()
        .await;
    let endpoints = Endpoints::new(&url).unwrap();
    let loaded = load(&endpoints, Some(603)).await.unwrap();
    assert_eq!(unique_ids(&loaded.records).len(), 750);
    assert_eq!(fake.requests(), 8);
}

#[tokio::test]
async fn a_catalog_that_grows_while_paging_loses_nothing_and_doubles_nothing() {
    // Ten records appear at the front after the first page: every later
    // offset shifts by ten, so a naive pager would repeat ten and lose ten.
    let Ll2 {
        server: _server,
        fake,
        url,
    } = FakeLl2::catalog(
        FakeCatalog::new(catalog(1001..=1603))
            .after_first(|records| records.extend(catalog(1..=10))),
    )
    .start()
    .await;
    let endpoints = Endpoints::new(&url).unwrap();
    let loaded = load(&endpoints, None).await.unwrap();
    let ids = unique_ids(&loaded.records);
    let expected: HashSet<u64> = (1..=10).chain(1001..=1603).collect();
    assert_eq!(ids, expected);
    assert!(loaded.rechecked);
    assert_eq!(fake.requests(), 1 + 6 + 7, "one re-check of every page");
}

#[tokio::test]
async fn a_catalog_that_shrinks_while_paging_loses_nothing() {
    let Ll2 {
        server: _server,
        url,
        ..
    } = FakeLl2::catalog(FakeCatalog::new(catalog(1..=603)).after_first(|records| {
        records.retain(|r| r["id"].as_u64().is_some_and(|id| !(1..=10).contains(&id)))
    }))
    .start()
    .await;
    let endpoints = Endpoints::new(&url).unwrap();
    let loaded = load(&endpoints, None).await.unwrap();
    let ids = unique_ids(&loaded.records);
    assert!(
        (11..=603).all(|id| ids.contains(&id)),
        "a record that still exists went missing"
    );
    assert!(loaded.rechecked);
}

#[tokio::test]
async fn next_links_to_other_hosts_are_never_followed() {
    // FakeCatalog's `next` points at elsewhere.invalid; the load still completes on our host.
    let Ll2 {
        server: _server,
        fake,
        url,
    } = FakeLl2::catalog(FakeCatalog::new(catalog(1..=250)))
        .start()
        .await;
    let endpoints = Endpoints::new(&url).unwrap();
    let loaded = load(&endpoints, None).await.unwrap();
    assert_eq!(loaded.records.len(), 250);
    assert_eq!(fake.requests(), 3);
}

async fn scripted(templates: Vec<ResponseTemplate>) -> (MockServer, Script, String) {
    let server = MockServer::start().await;
    let script = Script::new(templates);
    Mock::given(method("GET"))
        .respond_with(script.clone())
        .mount(&server)
        .await;
    let url = format!("{}/2.3.0/spacecraft/1/?format=json", server.uri());
    (server, script, url)
}

fn record_ok() -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(spacecraft_json(1, "One", "Soyuz"))
}

async fn get_record(client: &Client, url: &str) -> Result<Spacecraft, ApiError> {
    client.get(url, parse_record::<Spacecraft>).await
}

#[tokio::test]
async fn a_short_throttle_is_waited_out_and_never_retried_early() {
    let (_s, script, url) = scripted(vec![throttled(1), record_ok()]).await;
    let client = Client::new(fast_client()).unwrap();
    let record = get_record(&client, &url).await.unwrap();
    assert_eq!(record.id, 1);
    let arrivals = script.arrivals();
    assert_eq!(arrivals.len(), 2);
    assert!(
        arrivals[1].duration_since(arrivals[0]) >= Duration::from_secs(1),
        "retried before the wait was over"
    );
}

#[tokio::test]
async fn a_long_throttle_is_reported_and_blocks_every_request_until_it_is_over() {
    let (_s, script, url) = scripted(vec![throttled(1800), record_ok()]).await;
    let client = Client::new(fast_client()).unwrap();
    match get_record(&client, &url).await {
        Err(ApiError::Throttled { wait, .. }) => assert_eq!(wait, Duration::from_secs(1800)),
        other => panic!("{other:?}"),
    }
    let err = get_record(&client, &url).await.unwrap_err();
    assert!(
        err.to_string().contains("next request allowed in 30 min"),
        "{err}"
    );
    assert_eq!(script.arrivals().len(), 1, "no request while throttled");
}

#[tokio::test]
async fn retry_after_is_used_when_the_body_says_nothing() {
    let (_s, script, url) = scripted(vec![ResponseTemplate::new(429)
        .insert_header("Retry-After", "1200")
        .set_body_string("slow down")])
    .await;
    let client = Client::new(fast_client()).unwrap();
    match get_record(&client, &url).await {
        Err(ApiError::Throttled { wait, .. }) => assert_eq!(wait, Duration::from_secs(1200)),
        other => panic!("{other:?}"),
    }
    assert_eq!(script.arrivals().len(), 1);
}

#[tokio::test]
async fn a_gateway_error_page_is_retried_then_succeeds() {
    let (_s, script, url) = scripted(vec![gateway_page(502), gateway_page(504), record_ok()]).await;
    let client = Client::new(fast_client()).unwrap();
    assert_eq!(get_record(&client, &url).await.unwrap().id, 1);
    assert_eq!(script.arrivals().len(), 3);
}

#[tokio::test]
async fn a_server_that_keeps_failing_gets_a_bounded_number_of_retries() {
    let (_s, script, url) = scripted(vec![gateway_page(503)]).await;
    let client = Client::new(fast_client()).unwrap();
    match get_record(&client, &url).await {
        Err(ApiError::Server {
            status, summary, ..
        }) => {
            assert_eq!(status, 503);
            assert_eq!(summary, "503 Bad Gateway", "the page's title, not its HTML");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(script.arrivals().len(), 4, "one try and three retries");
}

#[tokio::test]
async fn a_truncated_body_is_retried_once_then_reported_with_its_url() {
    let truncated = ResponseTemplate::new(200).set_body_raw(
        r#"{"count": 603, "results": [{"id": 1, "na"#,
        "application/json",
    );
    let (_s, script, url) = scripted(vec![truncated]).await;
    let client = Client::new(fast_client()).unwrap();
    let err = client
        .get(&url, parse_page::<Spacecraft>)
        .await
        .unwrap_err();
    match &err {
        ApiError::BadBody { url: u, .. } => assert_eq!(u, &url),
        other => panic!("{other:?}"),
    }
    assert!(err.to_string().contains(&url));
    assert_eq!(script.arrivals().len(), 2);
}

#[tokio::test]
async fn a_server_that_never_answers_times_out() {
    let (_s, script, url) = scripted(vec![record_ok().set_delay(Duration::from_secs(5))]).await;
    let mut config = fast_client();
    config.timeout = Duration::from_millis(200);
    config.retries = 1;
    let client = Client::new(config).unwrap();
    let started = Instant::now();
    assert!(matches!(
        get_record(&client, &url).await,
        Err(ApiError::Timeout { .. })
    ));
    assert_eq!(script.arrivals().len(), 2);
    assert!(started.elapsed() < Duration::from_secs(3));
}

#[tokio::test]
async fn not_found_is_final_and_carries_the_api_detail() {
    let (_s, script, url) = scripted(vec![ResponseTemplate::new(404)
        .set_body_json(serde_json::json!({"detail": "No Spacecraft matches the given query."}))])
    .await;
    let client = Client::new(fast_client()).unwrap();
    let err = get_record(&client, &url).await.unwrap_err();
    assert!(matches!(err, ApiError::NotFound { .. }));
    assert!(
        err.to_string()
            .contains("No Spacecraft matches the given query."),
        "{err}"
    );
    assert_eq!(script.arrivals().len(), 1, "4xx are not retried");
}

#[tokio::test]
async fn a_refused_connection_is_unreachable_without_retries() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    let client = Client::new(fast_client()).unwrap();
    let err = get_record(
        &client,
        &format!("http://127.0.0.1:{port}/2.3.0/spacecraft/1/"),
    )
    .await
    .unwrap_err();
    assert!(matches!(err, ApiError::Unreachable { .. }), "{err:?}");
}

#[tokio::test]
async fn a_connection_dropped_mid_response_is_retried() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let body = serde_json::to_string(&spacecraft_json(1, "One", "Soyuz")).unwrap();
    let server = tokio::spawn(async move {
        for attempt in 0..2 {
            let (mut socket, _) = listener.accept().await.unwrap();
            let mut buf = [0u8; 4096];
            let _ = socket.read(&mut buf).await;
            let head = format!("HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n", body.len());
            socket.write_all(head.as_bytes()).await.unwrap();
            // The first answer stops halfway and the connection drops.
            let sent = if attempt == 0 {
                &body[..body.len() / 2]
            } else {
                &body[..]
            };
            socket.write_all(sent.as_bytes()).await.unwrap();
            socket.shutdown().await.unwrap();
        }
    });
    let client = Client::new(fast_client()).unwrap();
    let record = get_record(
        &client,
        &format!("http://127.0.0.1:{port}/2.3.0/spacecraft/1/"),
    )
    .await
    .unwrap();
    assert_eq!(record.name, "One");
    server.await.unwrap();
}

#[tokio::test]
async fn the_api_key_goes_in_the_authorization_header() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(wiremock::matchers::header("Authorization", "Token sekrit"))
        .respond_with(record_ok())
        .expect(1)
        .mount(&server)
        .await;
    let mut config = fast_client();
    config.api_key = Some("sekrit".into());
    let client = Client::new(config).unwrap();
    let url = format!("{}/2.3.0/spacecraft/1/?format=json", server.uri());
    assert_eq!(get_record(&client, &url).await.unwrap().id, 1);
    assert!(!url.contains("sekrit"));
}

#[tokio::test]
async fn flights_use_the_2_2_0_path_and_shape() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/2.2.0/spacecraft/flight/"))
        .and(query_param("spacecraft", "78"))
        .respond_with(page_of("spacecraft-flight-2.2.0-prod-219.json"))
        .expect(1)
        .mount(&server)
        .await;
    let endpoints = Endpoints::new(&format!("{}/2.2.0", server.uri())).unwrap();
    let client = Client::new(fast_client()).unwrap();
    let loaded = load_all::<Flight, _, _>(
        &client,
        |o| endpoints.flights_page(78, o),
        Plan::fresh(Priority::Explicit, None),
        |_| {},
    )
    .await;
    assert!(loaded.stopped.is_none());
    assert_eq!(loaded.records.len(), 1);
    assert_eq!(
        loaded.records[0].docking_events[0].target_name(),
        Some("International Space Station")
    );
}
