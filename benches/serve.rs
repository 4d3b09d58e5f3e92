//! `hangar serve` under load: a mirror over a cache holding a whole
//! synthetic catalog (603 spacecraft) and every one of their flights, synced
//! in-process from the fake LL2, and 1, 16 and 64 concurrent clients (tokio
//! tasks sharing one keep-alive reqwest client, no gzip) each sending a fixed
//! number of requests, on the same 2-core runtime as the mirror.
//!
//! `cargo bench --bench serve` prints, per request and number of clients,
//!   serve CASE clients=C requests=N rps=R p50_ms=P p99_ms=Q rss_mb=M
//! where CASE is `detail` (`/2.3.0/spacecraft/ID/`, the ids in turn),
//! `page` (`/2.3.0/spacecraft/?limit=100&mode=detailed&search=craft&ordering=-time_in_space`),
//! `304-detail` (a detail with `If-None-Match` its ETag) and `304-page` (the
//! page with its ETag), and `cold-page` (the page with a parameter the API
//! ignores but that makes each request's target new, so no answer kept for
//! a target serves it: the cost of a page made afresh), and RSS is the
//! process's (the mirror and the clients; the fake upstream dropped after
//! the sync) after the case.

#[path = "../tests/common/mod.rs"]
mod common;

use common::{fleet, store_with, FakeApi};
use hangar::serve::{self, ServeConfig};
use std::sync::Arc;
use std::time::{Duration, Instant};

const ROWS: u64 = 603;
const CLIENTS: [usize; 3] = [1, 16, 64];
const PAGE: &str = "spacecraft/?limit=100&mode=detailed&search=craft&ordering=-time_in_space";

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let start_rss = rss_mb();
    let dir = tempfile::tempdir().expect("cache dir");
    let (spacecraft, flights) = fleet(ROWS);
    let n_flights = flights.len();
    let (server, fake) =
        FakeApi::start(spacecraft, flights, 10_000, Duration::from_secs(3600)).await;
    let upstream = common::api_url(&server);
    let syncing = store_with(&upstream, dir.path(), |_| {});
    syncing.sync(|_| {}).await.expect("sync");
    // The mirror alone from here on: no upstream, no syncing store.
    drop((syncing, fake, server));
    let synced_rss = rss_mb();

    let store = store_with(&upstream, dir.path(), |c| c.offline = true);
    let config = ServeConfig {
        listen: "127.0.0.1:0".parse().expect("address"),
        public_url: None,
        reload_every: serve::RELOAD_EVERY,
        guard: serve::GuardConfig::default(),
    };
    let running = serve::bind(&store, config).await.expect("bind");
    let url = running.url.clone();
    eprintln!("serving {}", running.describe());
    tokio::spawn(async move { running.run(&store).await });
    println!(
        "serve catalog={ROWS} flights={n_flights} rss_mb={:.1} (loaded; {start_rss:.1} at start, \
         {synced_rss:.1} after the sync)",
        rss_mb()
    );

    let client = reqwest::Client::builder()
        .no_gzip()
        .pool_max_idle_per_host(64)
        .build()
        .expect("client");
    let detail = {
        let url = url.clone();
        move |i: usize| format!("{url}/spacecraft/{}/", i as u64 % ROWS + 1)
    };
    let page = format!("{url}/{PAGE}");
    let first = client.get(&page).send().await.expect("page");
    assert_eq!(first.status(), 200);
    let page_tag = first.headers()["etag"].to_str().unwrap().to_string();
    let body = first.bytes().await.expect("page body");
    assert!(body.len() > 10_000, "a page of 100 detailed records");
    let mut detail_tags = Vec::new();
    for i in 0..ROWS as usize {
        let r = client.get(detail(i)).send().await.expect("detail");
        assert_eq!(r.status(), 200, "{}", detail(i));
        detail_tags.push(r.headers()["etag"].to_str().unwrap().to_string());
    }
    let detail_tags = Arc::new(detail_tags);

    for clients in CLIENTS {
        run(&client, "detail", clients, 4000, 200, {
            let detail = detail.clone();
            move |i| (detail(i), None)
        })
        .await;
        run(&client, "page", clients, 400, 200, {
            let page = page.clone();
            move |_| (page.clone(), None)
        })
        .await;
        run(&client, "cold-page", clients, 400, 200, {
            let page = page.clone();
            move |i| (format!("{page}&bench={clients}-{i}"), None)
        })
        .await;
        run(&client, "304-detail", clients, 4000, 304, {
            let detail = detail.clone();
            let tags = Arc::clone(&detail_tags);
            move |i| (detail(i), Some(tags[i % tags.len()].clone()))
        })
        .await;
        run(&client, "304-page", clients, 400, 304, {
            let page = page.clone();
            let tag = page_tag.clone();
            move |_| (page.clone(), Some(tag.clone()))
        })
        .await;
    }
    binary(&client, &upstream, dir.path()).await;
}

/// The real `hangar serve` over the same cache, alone in its process: its
/// resident memory once loaded, and after every detail and the page.
async fn binary(client: &reqwest::Client, upstream: &str, cache: &std::path::Path) {
    use tokio::io::AsyncBufReadExt;
    let home = tempfile::tempdir().expect("home");
    let mut child = tokio::process::Command::new(env!("CARGO_BIN_EXE_hangar"))
        .args(["--api-url", upstream, "--offline", "--cache-dir"])
        .arg(cache)
        .args(["serve", "--listen", "127.0.0.1:0"])
        .env_clear()
        .env("HOME", home.path())
        .env("XDG_STATE_HOME", home.path().join("state"))
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .expect("hangar serve");
    let stdout = child.stdout.take().expect("stdout");
    let url = tokio::io::BufReader::new(stdout)
        .lines()
        .next_line()
        .await
        .expect("a line")
        .expect("the URL");
    let pid = child.id().expect("pid").to_string();
    let loaded = common::rss_mb(&pid).unwrap_or(f64::NAN);
    for i in 1..=ROWS {
        let r = client
            .get(format!("{url}/spacecraft/{i}/"))
            .send()
            .await
            .expect("detail");
        r.bytes().await.expect("body");
    }
    for i in 0..100 {
        let r = client
            .get(format!("{url}/{PAGE}&bench={i}"))
            .send()
            .await
            .expect("page");
        r.bytes().await.expect("body");
    }
    let after_pages = common::rss_mb(&pid).unwrap_or(f64::NAN);
    // Every record of both lists in each of the four ways a page writes
    // it (normal or detailed, `format=json` or not): what the mirror keeps
    // of them at most.
    for (list, rows) in [("spacecraft", ROWS), ("spacecraft_flights", 2 * ROWS)] {
        for query in [
            "",
            "mode=detailed&",
            "format=json&",
            "mode=detailed&format=json&",
        ] {
            for offset in (0..rows).step_by(100) {
                let r = client
                    .get(format!("{url}/{list}/?{query}limit=100&offset={offset}"))
                    .send()
                    .await
                    .expect("page");
                assert_eq!(r.status(), 200);
                r.bytes().await.expect("body");
            }
        }
    }
    println!(
        "serve binary rss_mb={loaded:.1} (hangar serve, loaded) rss_mb_after={after_pages:.1} (after {ROWS} details and 100 distinct pages) rss_mb_every_row={:.1} (after every row of both lists in 4 ways)",
        common::rss_mb(&pid).unwrap_or(f64::NAN)
    );
    let _ = child.kill().await;
}

/// `total` requests spread over `clients` tasks, each sending its share one
/// after another; `target(i)` is the `i`th request's URL and If-None-Match.
async fn run(
    client: &reqwest::Client,
    case: &str,
    clients: usize,
    total: usize,
    status: u16,
    target: impl Fn(usize) -> (String, Option<String>) + Clone + Send + 'static,
) {
    let each = total.div_ceil(clients);
    let started = Instant::now();
    let tasks: Vec<_> = (0..clients)
        .map(|c| {
            let client = client.clone();
            let target = target.clone();
            tokio::spawn(async move {
                let mut took = Vec::with_capacity(each);
                for j in 0..each {
                    let (url, tag) = target(c * each + j);
                    let mut request = client.get(&url);
                    if let Some(tag) = tag {
                        request = request.header("if-none-match", tag);
                    }
                    let sent = Instant::now();
                    let response = request.send().await.expect("request");
                    assert_eq!(response.status(), status, "{url}");
                    response.bytes().await.expect("body");
                    took.push(sent.elapsed());
                }
                took
            })
        })
        .collect();
    let mut took = Vec::with_capacity(each * clients);
    for task in tasks {
        took.extend(task.await.expect("client task"));
    }
    let elapsed = started.elapsed();
    took.sort();
    let quantile = |q: f64| {
        let i = ((took.len() as f64 * q).ceil() as usize).clamp(1, took.len()) - 1;
        took[i].as_secs_f64() * 1000.0
    };
    println!(
        "serve {case} clients={clients} requests={} rps={:.0} p50_ms={:.2} p99_ms={:.2} rss_mb={:.1}",
        took.len(),
        took.len() as f64 / elapsed.as_secs_f64(),
        quantile(0.50),
        quantile(0.99),
        rss_mb(),
    );
}

fn rss_mb() -> f64 {
    common::rss_mb("self").unwrap_or(f64::NAN)
}
