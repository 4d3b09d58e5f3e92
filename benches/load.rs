//! Catalog load time against a local server that answers every request after
//! a fixed delay: how many round trips a full load costs.
//!
//! `cargo bench --bench load` prints
//!   load rows=603 pages=7 rtt_ms=200 total_ms=T round_trips=R
//! for a cold load (count unknown) and for a load whose count is known from
//! the cache (`known_count=603`).

#[path = "../tests/common/mod.rs"]
mod common;

use common::{catalog, FakeCatalog};
use hangar::api::paging::{load_all, Plan};
use hangar::api::Priority;
use hangar::api::{Client, ClientConfig, Endpoints, Spacecraft};
use std::time::{Duration, Instant};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer};

const ROWS: u64 = 603;
const RTT: Duration = Duration::from_millis(200);

#[tokio::main]
async fn main() {
    let server = MockServer::start().await;
    let fake = FakeCatalog::new(catalog(1..=ROWS)).with_delay(RTT);
    Mock::given(method("GET"))
        .and(path("/2.3.0/spacecraft/"))
        .respond_with(fake.clone())
        .mount(&server)
        .await;
    let endpoints = Endpoints::new(&format!("{}/2.3.0", server.uri())).expect("base url");
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
        let total = started.elapsed().as_secs_f64() * 1000.0;
        assert_eq!(loaded.records.len() as u64, ROWS);
        let known = known_count.map_or(String::new(), |c| format!(" known_count={c}"));
        println!(
            "load rows={ROWS} pages={} rtt_ms={}{known} total_ms={total:.0} round_trips={:.2}",
            fake.requests() - before,
            RTT.as_millis(),
            total / RTT.as_millis() as f64,
        );
    }
}
