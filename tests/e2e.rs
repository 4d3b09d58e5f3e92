//! The real binary in a real terminal (tmux) against a loopback server:
//! the list fills, a search narrows it, an ordering flips, help shows, and
//! `q` gives the terminal back.

mod common;

use common::*;
use std::path::Path;
use std::time::{Duration, Instant};
use tokio::process::Command;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer};

/// A private tmux server, killed when the test ends however it ends.
struct Tmux {
    socket: String,
}

impl Tmux {
    async fn run(&self, args: &[&str]) -> String {
        let out = Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .arg("-f")
            .arg("/dev/null")
            .args(args)
            .output()
            .await
            .expect("tmux is installed (.ci/run installs it)");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    async fn screen(&self) -> String {
        self.run(&["capture-pane", "-p", "-t", "e2e"]).await
    }

    async fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "e2e"];
        args.extend_from_slice(keys);
        self.run(&args).await;
    }

    /// Waits until the screen satisfies `test`, or fails with the last screen.
    async fn wait_for(&self, what: &str, test: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            let screen = self.screen().await;
            if test(&screen) {
                return screen;
            }
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {what}; screen:\n{screen}"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = std::process::Command::new("tmux")
            .args(["-L", &self.socket, "kill-server"])
            .output();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn search_order_help_and_quit_in_a_real_terminal() {
    let server = MockServer::start().await;
    let mut records = catalog((1..=603).filter(|&id| id != 447));
    records.push(spacecraft_json(
        447,
        "Dream Chaser Tenacity",
        "Dream Chaser",
    ));
    let fake = FakeCatalog::new(records).with_delay(Duration::from_millis(100));
    Mock::given(method("GET"))
        .and(path("/2.3.0/spacecraft/"))
        .respond_with(fake.clone())
        .mount(&server)
        .await;

    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let command = format!(
        "env -i HOME={home} XDG_STATE_HOME={home}/state HANGAR_CACHE_DIR={home}/cache TERM=xterm-256color {bin} --api-url {url}/2.3.0; echo HANGAR-EXITED $?; sleep 30",
        home = h.display(),
        bin = env!("CARGO_BIN_EXE_hangar"),
        url = server.uri(),
    );
    let tmux = Tmux {
        socket: format!("hangar-e2e-{}", std::process::id()),
    };
    tmux.run(&[
        "new-session",
        "-d",
        "-s",
        "e2e",
        "-x",
        "120",
        "-y",
        "32",
        &command,
    ])
    .await;

    let screen = tmux
        .wait_for("all 603 rows", |s| s.contains("603 of 603 · live"))
        .await;
    assert!(screen.contains("Craft 1 "), "{screen}");
    assert_eq!(fake.requests(), 7);

    tmux.keys(&["/", "tenacity"]).await;
    let screen = tmux
        .wait_for("the search result", |s| s.contains("1 of 603"))
        .await;
    assert!(screen.contains("Dream Chaser Tenacity"), "{screen}");
    assert!(!screen.contains("Craft 1 "), "{screen}");

    tmux.keys(&["Enter"]).await;
    tmux.wait_for("the search line to close", |s| !s.contains("Enter keep"))
        .await;
    tmux.keys(&["Escape"]).await;
    tmux.wait_for("the search cleared", |s| s.contains("603 of 603"))
        .await;
    tmux.keys(&["1"]).await;
    tmux.wait_for("flights descending", |s| {
        s.contains("order: flights_count ↓")
    })
    .await;
    tmux.keys(&["1"]).await;
    tmux.wait_for("flights ascending", |s| {
        s.contains("order: flights_count ↑")
    })
    .await;

    tmux.keys(&["?"]).await;
    let screen = tmux
        .wait_for("the help", |s| s.contains("Keys (Esc closes)"))
        .await;
    assert!(screen.contains("order by flights (again: flip)"));
    // ESC and a key sent in one burst would read as Alt-key: wait in between, as a person does.
    tmux.keys(&["Escape"]).await;
    tmux.wait_for("the help to close", |s| !s.contains("Keys (Esc closes)"))
        .await;
    tmux.keys(&["q"]).await;
    let screen = tmux
        .wait_for("hangar to exit", |s| s.contains("HANGAR-EXITED"))
        .await;
    assert!(screen.contains("HANGAR-EXITED 0"), "{screen}");
    assert!(
        !screen.contains("Spacecraft"),
        "the alternate screen is gone: {screen}"
    );
    assert_log_exists(h);
}

fn assert_log_exists(home: &Path) {
    let log = home.join("state/hangar/hangar.log");
    let text = std::fs::read_to_string(&log).unwrap_or_else(|e| panic!("{}: {e}", log.display()));
    assert!(text.contains("list loaded"), "{text}");
}
