//! Start-up and memory of the real TUI in a real terminal (tmux): the time
//! from launch to the first frame with rows, and the resident memory once
//! the catalog is shown.
//!
//! `cargo bench --bench startup` prints, for a 603-record cache and for the
//! bundled snapshot (empty cache, offline), five runs each:
//!   startup rows=N source=S first_rows_ms=X rss_mb=Y

#[path = "../tests/common/mod.rs"]
mod common;

use common::{catalog, rss_mb, FakeCatalog, Tmux};
use std::path::Path;
use std::time::{Duration, Instant};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer};

const RUNS: usize = 5;

/// The `ms=` of the log's "first frame with rows" line, once it is there.
fn first_rows_ms(log: &Path) -> Option<f64> {
    let text = std::fs::read_to_string(log).ok()?;
    let line = text.lines().find(|l| l.contains("first frame with rows"))?;
    line.split("ms=")
        .nth(1)?
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}

async fn run(home: &Path, args: &str, rows: usize, source: &str) {
    let bin = env!("CARGO_BIN_EXE_hangar");
    for i in 0..RUNS {
        let state = home.join(format!("state-{source}-{i}"));
        let command = format!(
            "exec env -i HOME={home} XDG_STATE_HOME={state} HANGAR_CACHE_DIR={home}/cache-{source} TERM=xterm-256color {bin} {args}",
            home = home.display(),
            state = state.display(),
        );
        let tmux = Tmux::start(&format!("startup-{source}-{i}"), 160, 48, &command).await;
        let log = state.join("hangar/hangar.log");
        let deadline = Instant::now() + Duration::from_secs(10);
        let ms = loop {
            if let Some(ms) = first_rows_ms(&log) {
                break ms;
            }
            assert!(
                Instant::now() < deadline,
                "no first frame within 10 s:\n{}",
                tmux.screen().await
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        };
        tokio::time::sleep(Duration::from_millis(500)).await;
        let rss = match tmux.pane_pid().await {
            Some(pid) => rss_mb(&pid.to_string()).unwrap_or(f64::NAN),
            None => f64::NAN,
        };
        println!("startup rows={rows} source={source} first_rows_ms={ms:.1} rss_mb={rss:.1}");
    }
}

#[tokio::main]
async fn main() {
    let home = tempfile::tempdir().expect("temp dir");
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/2.3.0/spacecraft/"))
        .respond_with(FakeCatalog::new(catalog(1..=603)))
        .mount(&server)
        .await;
    let url = format!("{}/2.3.0", server.uri());
    // Fill the cache the way a first run does.
    let filled = tokio::process::Command::new(env!("CARGO_BIN_EXE_hangar"))
        .args(["list", "--format", "csv", "--api-url", &url])
        .env("HANGAR_CACHE_DIR", home.path().join("cache-cache"))
        .env("XDG_STATE_HOME", home.path().join("state-fill"))
        .output()
        .await
        .expect("hangar list");
    assert!(filled.status.success());
    run(home.path(), &format!("--api-url {url}"), 603, "cache").await;
    run(home.path(), "--offline", 32, "snapshot").await;
}
