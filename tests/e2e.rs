//! The real binary in a real terminal (tmux) against a loopback server:
//! the list fills, a search narrows it, an ordering flips, help shows, and
//! `q` gives the terminal back.

mod common;

use common::*;
use std::path::Path;
use std::time::Duration;
use wiremock::matchers::{method, path};
use wiremock::Mock;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn search_order_help_and_quit_in_a_real_terminal() {
    let mut records = catalog((1..=603).filter(|&id| id != 447));
    records.push(spacecraft_json(
        447,
        "Dream Chaser Tenacity",
        "Dream Chaser",
    ));
    let Ll2 {
        server: _server,
        fake,
        url,
    } = FakeLl2::catalog(FakeCatalog::new(records).with_delay(Duration::from_millis(100)))
        .start()
        .await;

    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let command = tui_command(h, &format!("--api-url {url}"));
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
    let screen = quit(&tmux).await;
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
    let Ll2 {
        server: _server,
        fake,
        url,
    } = FakeLl2::new()
        .budget(15, Duration::from_secs(3600))
        .start()
        .await;
    let home = tempfile::tempdir().unwrap();
    let command = tui_command(home.path(), &format!("--api-url {url}"));
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
        // On the list, before the next key: Esc and a key right after it
        // would read as Alt and that key.
        tmux.wait_for("the list", |s| !s.contains("Spacecraft › "))
            .await;
    }
    let screen = tmux
        .wait_for("the budget spent", |s| s.contains("budget 0/15 · +1 in"))
        .await;
    assert!(screen.contains("flights 500/1206"), "{screen}");
    assert_eq!(fake.refused(), 0, "no 429 ever");
    assert_eq!(fake.paid().len(), 15);
    quit(&tmux).await;
}

/// Issue 12 end to end, after a sync: a flight → a crew member → the
/// astronaut → one of their other flights → back twice → the docking →
/// the station and its history. Four requests in all: the astronaut, the
/// station and its 150 docking events (two pages); flights come from the sync.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn from_a_flight_to_an_astronaut_and_a_station_in_a_real_terminal() {
    let Ll2 {
        server: _server,
        fake,
        url,
    } = FakeLl2::new().start().await;
    let home = tempfile::tempdir().unwrap();
    let run = hangar(home.path(), &["sync", "--api-url", &url]).await;
    assert_eq!(run.code, 0, "{}", run.stderr);
    let synced = fake.paid().len();
    let command = tui_command(home.path(), &format!("open flight/24 --api-url {url}"));
    let tmux = Tmux::start("places", 140, 45, &command).await;
    let screen = tmux
        .wait_for("flight 24", |s| s.contains("(flight 24)"))
        .await;
    // Its name, to tell it from the astronaut's other flights.
    let title = screen
        .lines()
        .find(|l| l.contains("(flight 24)"))
        .and_then(|l| l.split('│').nth(1))
        .map(|l| l.trim().trim_end_matches("(flight 24)").trim().to_string())
        .unwrap();
    assert!(screen.contains("› Launch: "), "{screen}");
    // Spacecraft, launch, then the crew: the first crew member.
    tmux.keys(&["j", "j"]).await;
    tmux.wait_for("the crew member selected", |s| {
        s.lines().any(|l| l.contains("▶ ") && l.contains(" — "))
    })
    .await;
    tmux.keys(&["Enter"]).await;
    let screen = tmux
        .wait_for("the astronaut", |s| {
            s.contains("(astronaut ") && s.contains("Flights (")
        })
        .await;
    assert!(
        screen.contains(&format!("Spacecraft › {title} › ")),
        "{screen}"
    );
    let selected = |s: &str| {
        s.lines()
            .find(|l| l.contains("▶ "))
            .unwrap_or_default()
            .to_string()
    };
    if selected(&screen).contains(&title) {
        tmux.keys(&["j"]).await;
        tmux.wait_for("another flight selected", |s| !selected(s).contains(&title))
            .await;
    }
    tmux.keys(&["Enter"]).await;
    let other = tmux
        .wait_for("one of their other flights", |s| {
            s.contains("Flight ") && s.contains("(flight ") && !s.contains("(flight 24)")
        })
        .await;
    assert!(
        other.contains("(astronaut ") || other.contains(" › "),
        "{other}"
    );
    tmux.keys(&["["]).await;
    tmux.wait_for("back at the astronaut", |s| s.contains("(astronaut "))
        .await;
    tmux.keys(&["["]).await;
    let screen = tmux
        .wait_for("back at flight 24, its crew member still selected", |s| {
            // Whole: a capture may catch a frame half drawn.
            s.contains("(flight 24)")
                && s.contains("International Space Station at")
                && s.lines().filter(|l| l.contains("▶ ")).count() == 1
                && s.lines().any(|l| l.contains("▶ ") && l.contains(" — "))
        })
        .await;
    assert!(screen.contains("› Spacecraft: "), "{screen}");
    // The docking is the last row: G, then Enter.
    tmux.keys(&["G"]).await;
    tmux.wait_for("the docking selected", |s| {
        s.lines()
            .any(|l| l.contains("▶ International Space Station at"))
    })
    .await;
    tmux.keys(&["Enter"]).await;
    let screen = tmux
        .wait_for("the station and its history", |s| {
            s.contains("International Space Station (station 4)")
                && s.contains("Docking history (150 events)")
        })
        .await;
    assert!(
        screen
            .lines()
            .any(|l| l.contains("Harmony forward") && l.contains('█')),
        "{screen}"
    );
    // The synced browser asks once for the planned launches, in the
    // background: whenever it gets to it, so it is waited for.
    let asked = |fake: &FakeApi| {
        fake.paid()[synced..]
            .iter()
            .any(|p| p.starts_with("/2.3.0/launches/upcoming/"))
    };
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while !asked(&fake) && std::time::Instant::now() < deadline {
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    let mut paid: Vec<String> = fake.paid()[synced..]
        .iter()
        .map(|p| p.split('?').next().unwrap_or_default().to_string())
        .collect();
    let upcoming = paid
        .iter()
        .filter(|p| *p == "/2.3.0/launches/upcoming/")
        .count();
    assert_eq!(upcoming, 1, "{paid:?}");
    paid.retain(|p| p != "/2.3.0/launches/upcoming/");
    assert_eq!(paid.len(), 4, "{paid:?}");
    assert!(paid[0].starts_with("/2.3.0/astronauts/"), "{paid:?}");
    assert_eq!(paid[1], "/2.3.0/space_stations/4/");
    assert_eq!(
        paid[2..],
        ["/2.3.0/docking_events/", "/2.3.0/docking_events/"]
    );
    quit(&tmux).await;
}

/// `q`: hangar exits 0; the screen after it.
async fn quit(tmux: &Tmux) -> String {
    tmux.keys(&["q"]).await;
    let screen = tmux
        .wait_for("hangar to exit", |s| s.contains("HANGAR-EXITED"))
        .await;
    assert!(screen.contains("HANGAR-EXITED 0"), "{screen}");
    screen
}

/// The very first key moves the cursor: none was taken by anything else.
async fn first_key_moves(tmux: &Tmux) {
    tmux.keys(&["j"]).await;
    tmux.wait_for("Craft 2 selected", |s| s.contains("Craft 2 (spacecraft 2)"))
        .await;
}

/// A 320×240 PNG: the left half red, the right half blue, in bands of two
/// shades (a cell whose halves are one colour may be redrawn as a space).
fn png() -> Vec<u8> {
    let image = image::RgbImage::from_fn(320, 240, |x, y| {
        let shade = if (y / 8) % 2 == 0 { 220 } else { 120 };
        if x < 160 {
            image::Rgb([shade, 30, 30])
        } else {
            image::Rgb([30, 30, shade])
        }
    });
    let mut out = std::io::Cursor::new(Vec::new());
    image.write_to(&mut out, image::ImageFormat::Png).unwrap();
    out.into_inner()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pictures_in_a_real_terminal_cost_no_request_and_follow_fast_keys() {
    use wiremock::matchers::path_regex;
    use wiremock::ResponseTemplate;
    let Ll2 { server, fake, url } = FakeLl2::catalog(FakeCatalog::new(Vec::new())).start().await;
    // Every spacecraft has a picture on the image host beside the API; 5's
    // host answers with a page.
    let mut records = catalog(1..=603);
    for r in records.iter_mut() {
        let id = r["id"].as_u64().unwrap();
        r["image"] = serde_json::json!({
            "id": id, "name": "picture",
            "image_url": format!("{}/img/full/{id}.png", server.uri()),
            "thumbnail_url": format!("{}/img/thumb/{id}.png", server.uri()),
            "credit": format!("Credit {id}"),
            "license": {"id": 4, "name": "NASA Image and Media Guidelines"}
        });
    }
    fake.change(|served| *served = records);
    Mock::given(method("GET"))
        .and(path("/img/thumb/5.png"))
        .respond_with(ResponseTemplate::new(200).set_body_raw("<html>moved</html>", "text/html"))
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path_regex("^/img/thumb/"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_raw(png(), "image/png")
                .set_delay(Duration::from_millis(150)),
        )
        .mount(&server)
        .await;

    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    // `images` as it comes: `auto`, so the terminal (tmux) is asked.
    let command = tui_command(h, &format!("--api-url {url}"));
    let tmux = Tmux::start("e2e", 160, 44, &command).await;
    // Half-blocks draw '▀' (tmux may redraw a cell as '▄' with its colours
    // swapped); the flights legend's '█' is not one.
    let half_blocks = |s: &str| s.contains('▀') || s.contains('▄');
    let screen = tmux
        .wait_for("the first picture", |s| {
            s.contains("603 of 603") && half_blocks(s) && s.contains("Credit 1 ")
        })
        .await;
    assert!(screen.contains("NASA Image and Media"), "{screen}");
    let picture_requests = || async {
        server
            .received_requests()
            .await
            .unwrap()
            .iter()
            .filter(|r| r.url.path().starts_with("/img/"))
            .count()
    };
    assert_eq!(picture_requests().await, 1);

    // Twenty keys at once: the picture of the twenty-first, and not those passed.
    tmux.keys(&["jjjjjjjjjjjjjjjjjjjj"]).await;
    tmux.wait_for("the picture of Craft 21", |s| {
        s.contains("Craft 21 (spacecraft 21)") && s.contains("Credit 21") && half_blocks(s)
    })
    .await;
    assert!(
        picture_requests().await <= 6,
        "{}",
        picture_requests().await
    );

    // A page where a picture should be: the reason on the border, the
    // credit back among the fields.
    tmux.keys(&["g"]).await;
    tmux.wait_for("the first again", |s| s.contains("Credit 1 "))
        .await;
    tmux.keys(&["jjjj"]).await;
    let screen = tmux
        .wait_for("the reason", |s| s.contains("no picture: not an"))
        .await;
    assert!(screen.contains("Image credit  Credit 5"), "{screen}");

    // Tab onto the picture: its key says what it does.
    tmux.keys(&["k"]).await;
    tmux.wait_for("Craft 4", |s| s.contains("Credit 4") && half_blocks(s))
        .await;
    tmux.keys(&["Tab"]).await;
    tmux.keys(&["Tab"]).await;
    tmux.wait_for("the picture focused", |s| s.contains("o full size"))
        .await;

    quit(&tmux).await;
    // The API saw the catalog's pages and nothing else: pictures cost no request.
    assert_eq!(fake.requests(), 7);
    let log = std::fs::read_to_string(h.join("state/hangar/hangar.log")).unwrap();
    assert!(log.contains("protocol=Halfblocks"), "{log}");
    // The pictures shown are on disk beside the responses.
    let kept = std::fs::read_dir(h.join("cache/images")).unwrap().count();
    assert!(kept >= 2, "{kept}");
}

/// Inside a detached tmux session nobody can answer what the terminal can
/// draw: hangar does not wait for it, and no key is lost to the question.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_detached_tmux_session_starts_at_once_and_keeps_the_first_key() {
    let Ll2 {
        server: _server,
        url,
        ..
    } = FakeLl2::catalog(FakeCatalog::new(catalog(1..=50)))
        .start()
        .await;
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    // As a shell in tmux has it: TMUX names the server, TERM_PROGRAM says tmux.
    let command = tui_command(h, &format!("--api-url {url}")).replacen(
        "env -i ",
        "env -i TMUX=$TMUX TERM_PROGRAM=tmux ",
        1,
    );
    let tmux = Tmux::start("detached", 120, 32, &command).await;
    tmux.wait_for("the list", |s| s.contains("50 of 50")).await;
    let log = std::fs::read_to_string(h.join("state/hangar/hangar.log")).unwrap();
    assert!(log.contains("in a detached tmux session"), "{log}");
    let first_rows: f64 = log
        .lines()
        .find(|l| l.contains("first frame with rows"))
        .and_then(|l| {
            l.split("ms=")
                .nth(1)?
                .split_whitespace()
                .next()?
                .parse()
                .ok()
        })
        .unwrap();
    assert!(first_rows < 500.0, "{first_rows} ms");
    first_key_moves(&tmux).await;
    quit(&tmux).await;
}

/// Attached to a client whose terminal never answers (a pty no terminal
/// reads), the question of what it can draw times out: the wait is spent
/// once, and the first key still moves the cursor.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_terminal_that_never_answers_costs_the_wait_but_no_key() {
    let Ll2 {
        server: _server,
        url,
        ..
    } = FakeLl2::catalog(FakeCatalog::new(catalog(1..=50)))
        .start()
        .await;
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let go = h.join("go");
    // hangar starts once a client is attached.
    let command = format!(
        "while [ ! -e {go} ]; do sleep 0.05; done; {}",
        tui_command(h, &format!("--api-url {url}")).replacen(
            "env -i ",
            "env -i TMUX=$TMUX TERM_PROGRAM=tmux ",
            1
        ),
        go = go.display(),
    );
    let tmux = Tmux::start("silent", 120, 32, &command).await;
    // `script` gives the client a pty that nothing answers from.
    let mut client = std::process::Command::new("script")
        .args([
            "-qfc",
            &format!(
                "stty cols 140 rows 40; tmux -L {} attach -t e2e",
                tmux.socket()
            ),
            "/dev/null",
        ])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("script (util-linux) is installed");
    tmux.wait_for("the client", |_| true).await;
    for _ in 0..100 {
        let attached = tmux
            .run(&["display-message", "-p", "-t", "e2e", "#{session_attached}"])
            .await;
        if attached.trim() != "0" {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    std::fs::write(&go, "").unwrap();
    tmux.wait_for("the list", |s| s.contains("50 of 50")).await;
    let log = std::fs::read_to_string(h.join("state/hangar/hangar.log")).unwrap();
    assert!(log.contains("free the reader"), "{log}");
    tokio::time::sleep(Duration::from_millis(500)).await;
    first_key_moves(&tmux).await;
    quit(&tmux).await;
    let _ = client.kill();
    let _ = client.wait();
}

/// NO_COLOR turns pictures off; `--images` on the command line brings them
/// back (no-color.org: arguments win), in colour, while the rest stays plain.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn images_asked_for_on_the_command_line_keep_their_colours_under_no_color() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    // Every bundled spacecraft's picture is in the disk cache: offline, no host.
    let cache = hangar::data::images::ImageCache::new(&h.join("cache"), u64::MAX);
    for s in hangar::data::snapshot::catalog() {
        let images = [
            s.image.as_deref(),
            s.spacecraft_config.as_ref().and_then(|c| c.image.as_ref()),
        ];
        for image in images.into_iter().flatten() {
            for url in [&image.thumbnail_url, &image.image_url]
                .into_iter()
                .flatten()
            {
                cache.put(url, &png()).unwrap();
            }
        }
    }
    for (args, pictures) in [
        ("--offline", false),
        ("--offline --images halfblocks", true),
    ] {
        let command = tui_command(h, args).replacen("env -i ", "env -i NO_COLOR=1 ", 1);
        let tmux = Tmux::start(&format!("nocolour-{pictures}"), 160, 40, &command).await;
        let screen = tmux
            .wait_for("the snapshot", |s| s.contains("32 of 32"))
            .await;
        if pictures {
            tmux.wait_for("the picture", |s| s.contains('▀') || s.contains('▄'))
                .await;
        } else {
            tokio::time::sleep(Duration::from_millis(300)).await;
            assert!(!screen.contains('▀') && !screen.contains('▄'), "{screen}");
        }
        let styled = tmux.run(&["capture-pane", "-p", "-e", "-t", "e2e"]).await;
        assert_eq!(styled.contains("48;2;"), pictures, "{styled:?}");
        // The title bar stays without colour either way.
        let title = styled.lines().next().unwrap_or_default();
        assert!(!has_colour(title), "{title:?}");
        tmux.keys(&["q"]).await;
        tmux.wait_for("hangar to exit", |s| s.contains("HANGAR-EXITED 0"))
            .await;
    }
}
