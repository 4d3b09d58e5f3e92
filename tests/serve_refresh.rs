//! The mirror keeps what it holds fresh by the ledger's rules, against the
//! fake LL2 with its budget, on a clock run fast (freshness of seconds, a
//! budget window of seconds): refreshes are background work that never
//! spends the reserve nor draws a 429, what they bring reaches the clients,
//! and an upstream that is down or throttling leaves the mirror serving
//! what it holds, saying how old it is.

mod common;

use common::*;
use hangar::data::store::{Freshness, Store};
use hangar::serve::ServeConfig;
use jiff::SignedDuration;
use serde_json::{json, Value};
use std::time::{Duration, Instant};

/// The fake's budget: 15 requests a window, as anonymous production's an
/// hour, in a window of seconds.
const LIMIT: usize = 15;
const WINDOW: Duration = Duration::from_secs(4);

/// The day run fast: the catalog and the flights stale after 10 s, the
/// flights of a spacecraft in space after 3 s.
fn fast() -> Freshness {
    Freshness {
        catalog: SignedDuration::from_secs(10),
        flights: SignedDuration::from_secs(10),
        in_space: SignedDuration::from_secs(3),
    }
}

/// 150 spacecraft, the first 24 of them in space, `LIMIT` requests a `WINDOW`.
fn world() -> FakeLl2 {
    FakeLl2::new()
        .fleet(150)
        .edit(|spacecraft, _| {
            for s in spacecraft.iter_mut().take(24) {
                s["in_space"] = json!(true);
            }
        })
        .budget(LIMIT, WINDOW)
}

fn store(upstream: &str, dir: &std::path::Path, freshness: Freshness) -> Store {
    store_with(upstream, dir, |c| {
        c.freshness = freshness;
        c.snapshot = false;
    })
}

/// The mirror of `store` on a loopback port, refreshing as it serves.
async fn start(store: Store) -> String {
    let config = ServeConfig {
        reload_every: Duration::from_millis(200),
        ..common::mirror_config()
    };
    common::serve_mirror(store, config).await.0
}

async fn get(url: &str) -> (u16, reqwest::header::HeaderMap, Value) {
    let response = reqwest::get(url).await.unwrap();
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let body = serde_json::from_str(&response.text().await.unwrap()).unwrap_or(Value::Null);
    (status, headers, body)
}

/// Polls `url` until `test` holds, at most `within`.
async fn until(url: &str, within: Duration, test: impl Fn(&Value) -> bool) -> bool {
    let start = Instant::now();
    while start.elapsed() < within {
        let (status, _, body) = get(url).await;
        if status == 200 && test(&body) {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    false
}

/// The most paid requests the fake saw within any one window.
fn busiest_window(fake: &FakeApi) -> usize {
    let paid: Vec<Instant> = fake
        .log()
        .into_iter()
        .filter(|(_, path)| !path.contains("api-throttle"))
        .map(|(at, _)| at)
        .collect();
    paid.iter()
        .map(|&from| {
            paid.iter()
                .filter(|&&t| t >= from && t.duration_since(from) < WINDOW)
                .count()
        })
        .max()
        .unwrap_or(0)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn refreshes_stay_within_the_budget_and_reach_the_clients() {
    let Ll2 {
        server: _server,
        fake,
        url: upstream,
    } = world().start().await;
    let flights = fake.flights();
    let dir = tempfile::tempdir().unwrap();
    let report = store(&upstream, dir.path(), fast())
        .sync(|_| {})
        .await
        .unwrap();
    assert!(report.complete(), "{report:?}");
    let url = start(store(&upstream, dir.path(), fast())).await;
    let synced = fake.paid().len();

    // The world moves on: a flight of a spacecraft in space ends, and a
    // spacecraft on the ground is renamed.
    let flight = flights
        .iter()
        .find(|f| f["spacecraft"]["id"] == 1)
        .expect("spacecraft 1 has flights")["id"]
        .as_u64()
        .unwrap();
    fake.change(|spacecraft, flights| {
        for f in flights.iter_mut().filter(|f| f["id"] == flight) {
            f["mission_end"] = json!("2026-12-07T10:00:00Z");
        }
        for s in spacecraft.iter_mut().filter(|s| s["id"] == 100) {
            s["name"] = json!("Craft 100 renamed");
        }
    });

    // The flights of a spacecraft in space are refreshed within their 3 s,
    // in the list of its flights and in the flight's own record.
    let ended = |f: &Value| f["mission_end"] == "2026-12-07T10:00:00Z";
    let detail = format!("{url}/spacecraft_flights/{flight}/");
    assert!(until(&detail, Duration::from_secs(12), ended).await);
    let of_one = format!("{url}/spacecraft_flights/?spacecraft=1&limit=100");
    let (_, _, listed) = get(&of_one).await;
    let row = listed["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"] == flight)
        .unwrap()
        .clone();
    assert!(ended(&row), "{row}");
    // The catalog, stale after 10 s, is fetched again.
    let renamed = |s: &Value| s["name"] == "Craft 100 renamed";
    assert!(
        until(
            &format!("{url}/spacecraft/100/"),
            Duration::from_secs(20),
            renamed
        )
        .await
    );
    let (_, _, page) = get(&format!("{url}/spacecraft/?search=renamed")).await;
    assert_eq!(page["count"], 1, "{page}");

    // Background work all of it: never past the reserve, never a 429.
    let refreshes = fake.paid().len() - synced;
    assert!(refreshes >= 10, "{refreshes} refreshes");
    assert_eq!(fake.refused(), 0);
    let busiest = busiest_window(&fake);
    assert!(
        busiest <= LIMIT - hangar::data::store::DEFAULT_RESERVE as usize,
        "{busiest} requests in one window"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_upstream_answering_502_leaves_the_mirror_serving_what_it_holds() {
    upstream_failing(|fake| fake.fail_with(Some(502))).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_upstream_answering_nothing_leaves_the_mirror_serving_what_it_holds() {
    // Past the client's time-out.
    upstream_failing(|fake| fake.delay_answers(Duration::from_secs(3600))).await;
}

async fn upstream_failing(fail: impl FnOnce(&FakeApi)) {
    let Ll2 {
        server: _server,
        fake,
        url: upstream,
    } = world().start().await;
    let dir = tempfile::tempdir().unwrap();
    let tiny = Freshness {
        catalog: SignedDuration::from_secs(1),
        flights: SignedDuration::from_secs(1),
        in_space: SignedDuration::from_secs(1),
    };
    store(&upstream, dir.path(), fast())
        .sync(|_| {})
        .await
        .unwrap();
    let url = start(store(&upstream, dir.path(), tiny)).await;
    fail(&fake);
    // Everything is stale and the upstream fails: the refreshes fail, and
    // every answer is still the one held, saying its age.
    tokio::time::sleep(Duration::from_secs(2)).await;
    let (_, first, _) = get(&format!("{url}/spacecraft/1/")).await;
    tokio::time::sleep(Duration::from_secs(2)).await;
    for path in [
        "spacecraft/",
        "spacecraft/1/",
        "spacecraft_flights/?spacecraft=1",
    ] {
        let (status, headers, body) = get(&format!("{url}/{path}")).await;
        assert_eq!(status, 200, "{path}: {body}");
        assert!(headers.contains_key("last-modified"), "{path}");
        assert_eq!(headers["cache-control"], "max-age=0", "{path}");
    }
    let (_, later, _) = get(&format!("{url}/spacecraft/1/")).await;
    assert_eq!(first["last-modified"], later["last-modified"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_upstream_throttling_is_left_alone_until_it_says() {
    let window = Duration::from_secs(60);
    let Ll2 {
        server: _server,
        fake,
        url: upstream,
    } = world().budget(10, window).start().await;
    let dir = tempfile::tempdir().unwrap();
    store_with(&upstream, dir.path(), |c| c.reserve = 0)
        .sync(|_| {})
        .await
        .unwrap();
    // Someone else behind the same address spends the rest of the window,
    // unknown to the ledger.
    let client = reqwest::Client::new();
    while fake.refused() == 0 {
        client
            .get(format!("{upstream}/spacecraft/1/"))
            .send()
            .await
            .unwrap();
    }
    let tiny = Freshness {
        catalog: SignedDuration::from_secs(1),
        flights: SignedDuration::from_secs(1),
        in_space: SignedDuration::from_secs(1),
    };
    let refused = fake.refused();
    let url = start(store(&upstream, dir.path(), tiny)).await;
    tokio::time::sleep(Duration::from_secs(2)).await;
    // One try (its pages at once) drew 429s; after it the mirror waits as told.
    let tried = fake.refused() - refused;
    assert!(tried <= 4, "{tried} 429s");
    tokio::time::sleep(Duration::from_secs(3)).await;
    assert_eq!(fake.refused() - refused, tried);
    let (status, headers, _) = get(&format!("{url}/spacecraft/?limit=5")).await;
    assert_eq!(status, 200);
    assert!(headers.contains_key("last-modified"));
}
