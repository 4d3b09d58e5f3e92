//! Start-up and memory of the real TUI in a real terminal (tmux): the time
//! from launch to the first frame with rows, and the resident memory once
//! the catalog is shown.
//!
//! `cargo bench --bench startup` prints, for a 603-record cache and for the
//! bundled snapshot (empty cache, offline), with pictures off and on (the
//! default, `auto`: the terminal is asked what it can draw), five runs each:
//!   startup rows=N source=S images=I first_rows_ms=X first_picture_ms=P rss_mb=Y
//! The cached records have pictures on a loopback image host; the snapshot's
//! are on the real one, out of reach offline (`-`: none drawn).

#[path = "../tests/common/mod.rs"]
mod common;

use common::{catalog, rss_mb, FakeCatalog, Tmux};
use std::path::Path;
use std::time::{Duration, Instant};
use wiremock::matchers::{method, path, path_regex};
use wiremock::{Mock, MockServer, ResponseTemplate};

const RUNS: usize = 5;

/// The `ms=` of the log's `what` line ("first frame with rows"), once it is there.
fn logged_ms(log: &Path, what: &str) -> Option<f64> {
    let text = std::fs::read_to_string(log).ok()?;
    let line = text.lines().find(|l| l.contains(what))?;
    line.split("ms=")
        .nth(1)?
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}

async fn run(home: &Path, args: &str, rows: usize, source: &str, images: &str) {
    let bin = env!("CARGO_BIN_EXE_hangar");
    for i in 0..RUNS {
        let state = home.join(format!("state-{source}-{images}-{i}"));
        // Each run its own copy of the cache: none finds the pictures of another.
        let cache = home.join(format!("cache-{source}-{images}-{i}"));
        let seed = home.join(format!("cache-{source}"));
        if seed.exists() {
            copy_dir(&seed, &cache);
        }
        let command = format!(
            "exec env -i HOME={home} XDG_STATE_HOME={state} HANGAR_CACHE_DIR={cache} HANGAR_IMAGES={images} TERM=xterm-256color {bin} {args}",
            home = home.display(),
            state = state.display(),
            cache = cache.display(),
        );
        let tmux = Tmux::start(&format!("startup-{source}-{images}-{i}"), 160, 48, &command).await;
        let log = state.join("hangar/hangar.log");
        let deadline = Instant::now() + Duration::from_secs(10);
        let ms = loop {
            if let Some(ms) = logged_ms(&log, "first frame with rows") {
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
        let picture = logged_ms(&log, "first frame with a picture")
            .map_or("-".to_string(), |ms| format!("{ms:.1}"));
        println!(
            "startup rows={rows} source={source} images={images} first_rows_ms={ms:.1} first_picture_ms={picture} rss_mb={rss:.1}"
        );
    }
}

#[tokio::main]
async fn main() {
    let home = tempfile::tempdir().expect("temp dir");
    let server = MockServer::start().await;
    // Every record with a picture on the image host beside the API.
    let mut records = catalog(1..=603);
    for (i, r) in records.iter_mut().enumerate() {
        r["image"] = serde_json::json!({
            "id": i, "name": "picture",
            "image_url": format!("{}/img/{i}.png", server.uri()),
            "thumbnail_url": format!("{}/img/{i}.png", server.uri()),
            "credit": "NASA", "license": {"id": 4, "name": "NASA Image and Media Guidelines"}
        });
    }
    Mock::given(method("GET"))
        .and(path("/2.3.0/spacecraft/"))
        .respond_with(FakeCatalog::new(records))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path_regex("^/img/"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(picture(), "image/png"))
        .mount(&server)
        .await;
    let url = common::api_url(&server);
    // Fill the cache the way a first run does.
    let filled = tokio::process::Command::new(env!("CARGO_BIN_EXE_hangar"))
        .args(["list", "--format", "csv", "--api-url", &url])
        .env("HANGAR_CACHE_DIR", home.path().join("cache-cache"))
        .env("XDG_STATE_HOME", home.path().join("state-fill"))
        .output()
        .await
        .expect("hangar list");
    assert!(filled.status.success());
    for images in ["off", "auto"] {
        run(
            home.path(),
            &format!("--api-url {url}"),
            603,
            "cache",
            images,
        )
        .await;
        run(home.path(), "--offline", 32, "snapshot", images).await;
    }
}

/// A 640×480 photograph-like PNG (a gradient).
fn picture() -> Vec<u8> {
    let image = image::RgbImage::from_fn(640, 480, |x, y| {
        image::Rgb([(x / 3) as u8, (y / 2) as u8, ((x + y) / 5) as u8])
    });
    let mut out = std::io::Cursor::new(Vec::new());
    image
        .write_to(&mut out, image::ImageFormat::Png)
        .expect("a PNG");
    out.into_inner()
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("a cache dir");
    for entry in std::fs::read_dir(from).expect("the cache").flatten() {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).expect("a cache file");
        }
    }
}
