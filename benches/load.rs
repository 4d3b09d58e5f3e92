//! Catalog load time against a local server that answers every request after
//! a fixed delay: how many round trips a full load costs.
//!
//! `cargo bench --bench load` prints, for the paging alone (no budget),
//!   load rows=603 pages=7 rtt_ms=200 total_ms=T round_trips=R
//! for a cold load (count unknown) and for a load whose count is known from
//! the cache (`known_count=603`); then the same two loads through the store,
//! with the ledger and `/api-throttle/` (which takes 200 ms too):
//!   store cold rows=603 requests=7 total_ms=T round_trips=R
//! and as a person runs them, `hangar list --format json` (the real binary:
//! start-up, the cache, the JSON written), median of three runs each:
//!   binary cold rows=603 requests=9 free=F total_ms=T round_trips=R
//! with the order its requests arrived in, in round trips from the start.

#[path = "../tests/common/mod.rs"]
mod common;

use common::{catalog, fleet, hangar, store_with, FakeApi, FakeCatalog};
use hangar::api::paging::{load_all, Plan};
use hangar::api::Priority;
use hangar::api::{Client, ClientConfig, Endpoints, Spacecraft};
use std::time::{Duration, Instant};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer};

const ROWS: u64 = 603;
const RTT: Duration = Duration::from_millis(200);
const RUNS: usize = 3;

#[tokio::main]
async fn main() {
    paging_alone().await;
    through_the_store().await;
    as_a_person_runs_it().await;
}

fn round_trips(elapsed: Duration) -> f64 {
    elapsed.as_secs_f64() / RTT.as_secs_f64()
}

async fn paging_alone() {
    let server = MockServer::start().await;
    let fake = FakeCatalog::new(catalog(1..=ROWS)).with_delay(RTT);
    Mock::given(method("GET"))
        .and(path("/2.3.0/spacecraft/"))
        .respond_with(fake.clone())
        .mount(&server)
        .await;
    let endpoints = Endpoints::new(&common::api_url(&server)).expect("base url");
    let client = Client::new(ClientConfig::default()).expect("client");
    for known_count in [None, Some(ROWS)] {
        let before = fake.requests();
        let started = Instant::now();
        let loaded = load_all::<Spacecraft, _, _>(
            &client,
            |o| endpoints.catalog_page(o),
            Plan::fresh(Priority::Explicit, known_count),
            |_| {},
        )
        .await;
        assert!(loaded.stopped.is_none(), "{:?}", loaded.stopped);
        let elapsed = started.elapsed();
        assert_eq!(loaded.records.len() as u64, ROWS);
        let known = known_count.map_or(String::new(), |c| format!(" known_count={c}"));
        println!(
            "load rows={ROWS} pages={} rtt_ms={}{known} total_ms={:.0} round_trips={:.2}",
            fake.requests() - before,
            RTT.as_millis(),
            elapsed.as_secs_f64() * 1000.0,
            round_trips(elapsed),
        );
    }
}

/// `Store::catalog`, as the browser and every command load it: the
/// ledger, `/api-throttle/` (200 ms too) and the cache, on an empty cache and
/// then again on that cache with `--refresh` (the count known), median of
/// three runs each:
///   store cold rows=603 requests=7 free=F total_ms=T round_trips=R
async fn through_the_store() {
    for (case, refresh) in [("cold", false), ("known_count", true)] {
        let mut times = Vec::new();
        let mut paid = 0;
        for _ in 0..RUNS {
            let (spacecraft, _) = fleet(ROWS);
            let (server, fake) =
                FakeApi::start(spacecraft, Vec::new(), 15, Duration::from_secs(3600)).await;
            let dir = tempfile::tempdir().expect("temp dir");
            let base = common::api_url(&server);
            let store = |refresh: bool| {
                store_with(&base, dir.path(), |c| {
                    c.snapshot = false;
                    c.refresh = refresh;
                })
            };
            if refresh {
                store(false).catalog(|_| {}).await.expect("first load");
                // Its check after the burst lands before the clock starts.
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            fake.delay_answers(RTT);
            let before = fake.paid().len();
            let started = Instant::now();
            let fetched = store(refresh).catalog(|_| {}).await.expect("load");
            times.push(started.elapsed());
            assert_eq!(fetched.value.records.len() as u64, ROWS);
            paid = fake.paid().len() - before;
        }
        println!(
            "store {case} rows={ROWS} requests={paid} {}",
            figures(times)
        );
    }
}

/// `rtt_ms=200 total_ms=T round_trips=R (runs: …)`: the median of `times`, and each.
fn figures(mut times: Vec<Duration>) -> String {
    times.sort();
    let median = times[times.len() / 2];
    let runs: Vec<String> = times
        .iter()
        .map(|t| format!("{:.2}", round_trips(*t)))
        .collect();
    format!(
        "rtt_ms={} total_ms={:.0} round_trips={:.2} (runs: {})",
        RTT.as_millis(),
        median.as_secs_f64() * 1000.0,
        round_trips(median),
        runs.join(" ")
    )
}

/// The real binary on an empty cache, then again with `--refresh` (the
/// count known from the cache), against a server with the anonymous budget.
async fn as_a_person_runs_it() {
    for (case, refresh) in [("cold", false), ("known_count", true)] {
        let mut times = Vec::new();
        let mut last = None;
        for _ in 0..RUNS {
            let (spacecraft, _) = fleet(ROWS);
            let (server, fake) =
                FakeApi::start(spacecraft, Vec::new(), 15, Duration::from_secs(3600)).await;
            let home = tempfile::tempdir().expect("temp dir");
            let url = common::api_url(&server);
            if refresh {
                run(home.path(), &url, false).await;
            }
            fake.delay_answers(RTT);
            let before = fake.log().len();
            let started = Instant::now();
            run(home.path(), &url, refresh).await;
            times.push(started.elapsed());
            let arrivals: Vec<String> = fake.log()[before..]
                .iter()
                .map(|(at, what)| {
                    let what = if what.contains("api-throttle") {
                        "throttle"
                    } else {
                        "page"
                    };
                    format!("{what}@{:.2}", round_trips(at.duration_since(started)))
                })
                .collect();
            last = Some((fake.log().len() - before, fake.free(), arrivals));
        }
        let (requests, free, arrivals) = last.expect("a run");
        println!(
            "binary {case} rows={ROWS} requests={requests} free={free} {}",
            figures(times)
        );
        println!("  arrivals: {}", arrivals.join(" "));
    }
}

async fn run(home: &std::path::Path, url: &str, refresh: bool) {
    let mut args = vec!["--api-url", url, "list", "--format", "json"];
    if refresh {
        args.insert(0, "--refresh");
    }
    let run = hangar(home, &args).await;
    assert_eq!(run.code, 0, "{}", run.stderr);
}
