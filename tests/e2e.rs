//! The real binary in a real terminal (tmux) against a loopback server:
//! the list fills, a search narrows it, an ordering flips, help shows, and
//! `q` gives the terminal back.

mod common;

use common::*;
use std::path::Path;
use std::time::Duration;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer};

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
    let tmux = Tmux::start("e2e", 120, 32, &command).await;

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
    // Its lines may arrive a frame after its title.
    tmux.wait_for("the help", |s| {
        s.contains("Keys (Esc closes)") && s.contains("order by flights (again: flip)")
    })
    .await;
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

/// The pane's contents with their escape sequences (colours included).
async fn styled_screen(tmux: &Tmux) -> String {
    tmux.run(&["capture-pane", "-p", "-e", "-t", "e2e"]).await
}

/// SGR foreground colours: `ESC[31m`..`ESC[37m`, `ESC[90m`.., 256 and RGB forms.
fn has_colour(screen: &str) -> bool {
    screen.split('\u{1b}').any(|seq| {
        let Some(params) = seq
            .strip_prefix('[')
            .and_then(|s| s.split_once('m'))
            .map(|(p, _)| p)
        else {
            return false;
        };
        params
            .split(';')
            .any(|p| matches!(p.parse::<u16>(), Ok(30..=37 | 38 | 90..=97)))
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_color_leaves_only_emphasis() {
    let home = tempfile::tempdir().unwrap();
    for (no_color, expect_colour) in [("", true), ("1", false)] {
        let command = format!(
            "env -i HOME={home} XDG_STATE_HOME={home}/state HANGAR_CACHE_DIR={home}/cache TERM=xterm-256color NO_COLOR={no_color} {bin} --offline; sleep 30",
            home = home.path().display(),
            bin = env!("CARGO_BIN_EXE_hangar"),
        );
        let tmux = Tmux::start(&format!("colour-{expect_colour}"), 120, 32, &command).await;
        tmux.wait_for("the snapshot", |s| s.contains("32 of 32"))
            .await;
        let screen = styled_screen(&tmux).await;
        assert_eq!(
            has_colour(&screen),
            expect_colour,
            "NO_COLOR={no_color:?}:\n{screen:?}"
        );
        assert!(
            screen.contains("\u{1b}[7m") || screen.contains(";7m"),
            "the selection stays visible (reverse)"
        );
        tmux.keys(&["q"]).await;
    }
}

/// A new user on a server that allows 15 requests an hour: the catalog, the
/// background sync, a dozen rows rested on, three spacecraft opened with
/// Enter, and never a 429.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_budget_of_fifteen_is_never_overspent_in_a_real_terminal() {
    let (spacecraft, flights) = fleet(603);
    let (server, fake) = FakeApi::start(spacecraft, flights, 15, Duration::from_secs(3600)).await;
    let home = tempfile::tempdir().unwrap();
    let command = format!(
        "env -i HOME={home} XDG_STATE_HOME={home}/state HANGAR_CACHE_DIR={home}/cache TERM=xterm-256color {bin} --api-url {url}/2.3.0; echo HANGAR-EXITED $?; sleep 30",
        home = home.path().display(),
        bin = env!("CARGO_BIN_EXE_hangar"),
        url = server.uri(),
    );
    let tmux = Tmux::start("budget", 160, 40, &command).await;
    tmux.wait_for("the catalog and the sync", |s| {
        s.contains("603 of 603") && s.contains("flights 500/1206")
    })
    .await;
    assert_eq!(fake.paid().len(), 12, "all but the reserve");

    // Rest on a dozen rows at the end of the list, which the sync does not hold.
    tmux.keys(&["G"]).await;
    for _ in 0..12 {
        tokio::time::sleep(Duration::from_millis(700)).await;
        tmux.keys(&["k"]).await;
    }
    tokio::time::sleep(Duration::from_millis(700)).await;
    assert_eq!(fake.paid().len(), 12, "resting kept the reserve");

    // Three spacecraft with flights, opened with Enter: each shows them.
    for (up, id) in [(0, 591), (2, 589), (1, 588)] {
        for _ in 0..up {
            tmux.keys(&["k"]).await;
        }
        tmux.wait_for("the row", |s| s.contains(&format!("Craft {id} ")))
            .await;
        tmux.keys(&["Enter"]).await;
        tmux.wait_for("its flights", |s| {
            s.contains(&format!("Craft {id} flight 1"))
        })
        .await;
        tmux.keys(&["Escape"]).await;
        // The status line says "603 of 603" on the spacecraft's screen too:
        // wait for the screen to go, or the next key may join the Escape
        // (and read as Alt-k).
        tmux.wait_for("the list", |s| {
            s.contains("603 of 603") && !s.contains(&format!("› Craft {id}"))
        })
        .await;
    }
    let screen = tmux
        .wait_for("the budget spent", |s| s.contains("budget 0/15 · +1 in"))
        .await;
    assert!(screen.contains("flights 500/1206"), "{screen}");
    assert_eq!(fake.refused(), 0, "no 429 ever");
    assert_eq!(fake.paid().len(), 15);
    tmux.keys(&["q"]).await;
    let screen = tmux
        .wait_for("hangar to exit", |s| s.contains("HANGAR-EXITED"))
        .await;
    assert!(screen.contains("HANGAR-EXITED 0"), "{screen}");
}
