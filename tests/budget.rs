//! The request economy against a server that enforces a budget as the API
//! does: the ledger, the reserve, the sync, and honest exit statuses.

mod common;

use common::*;
use hangar::api::RecordRef;
use hangar::app::action::{Action, Command};
use hangar::app::{update, Loadable, Screen, State};
use jiff::Timestamp;
use std::collections::HashSet;
use std::time::Duration;

const HOUR: Duration = Duration::from_secs(3600);

/// The browser on a store over `base`, its cache in `cache`, with a clock of its own.
struct Session {
    app: App,
    /// The UI's clock: ticks move it on.
    now: Timestamp,
}

impl Session {
    fn new(base: &str, cache: &std::path::Path) -> Session {
        let app = App::on(base, cache, |c| c.snapshot = false);
        let now = app.state.now;
        Session { app, now }
    }

    fn state(&mut self) -> &mut State {
        &mut self.app.state
    }

    async fn run(&mut self, effects: Vec<hangar::app::Effect>, done: impl Fn(&State) -> bool) {
        self.app.run_until(effects, done).await;
    }

    fn command(&mut self, c: Command) -> Vec<hangar::app::Effect> {
        update(self.state(), Action::Command(c))
    }

    /// Moves the clock on by `ms` and says what the tick asks for.
    fn tick(&mut self, ms: i64) -> Vec<hangar::app::Effect> {
        self.now += jiff::SignedDuration::from_millis(ms);
        let now = self.now;
        update(self.state(), Action::Tick(now))
    }

    /// The catalog, then the background sync it starts.
    async fn start(&mut self) {
        self.app.start().await;
        self.run(vec![], |s| !s.net.sync.running).await;
    }

    fn flights_ready(&self, id: u64) -> bool {
        matches!(
            self.app.state.loaded.flights.get(&id),
            Some(Loadable::Ready(_))
        )
    }

    fn flights_settled(&self, id: u64) -> bool {
        !matches!(
            self.app.state.loaded.flights.get(&id),
            None | Some(Loadable::Loading)
        )
    }
}

/// Opens spacecraft `id` with Enter, waits for its flights, and goes back.
async fn open(app: &mut Session, id: u64) {
    select(app.state(), id);
    let effects = app.command(Command::Open);
    assert_eq!(
        app.state().screen(),
        Screen::Record(RecordRef::Spacecraft(id))
    );
    app.run(effects, |s| {
        !matches!(s.loaded.flights.get(&id), None | Some(Loadable::Loading))
    })
    .await;
    assert!(
        app.flights_ready(id),
        "spacecraft {id}: {:?}",
        app.app.state.loaded.flights.get(&id).map(|l| match l {
            Loadable::Failed(e) => e.clone(),
            _ => String::new(),
        })
    );
    app.command(Command::Back);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn resting_on_a_dozen_rows_then_opening_three_meets_no_429() {
    let Ll2 {
        server: _server,
        fake,
        url,
    } = FakeLl2::new().budget(15, HOUR).start().await;
    let cache = tempfile::tempdir().unwrap();
    let mut app = Session::new(&url, cache.path());
    app.start().await;
    assert_eq!(app.app.state.list.catalog.len(), 603);
    // The catalog took 7; the sync took what background work may: all but the reserve.
    assert_eq!(fake.paid().len(), 12, "{:#?}", fake.paid());
    let (have, total) = app.app.state.net.sync.flights.unwrap();
    assert_eq!((have, total), (500, Some(1206)));
    // The first pages, in order: what a cut-short walk holds is a prefix.
    let offsets: Vec<String> = fake
        .paid()
        .iter()
        .filter(|u| u.contains("/spacecraft_flights/?") && !u.contains("spacecraft="))
        .filter_map(|u| {
            u.split("offset=")
                .nth(1)?
                .split('&')
                .next()
                .map(str::to_string)
        })
        .collect();
    let mut sorted = offsets.clone();
    sorted.sort_by_key(|o| o.parse::<u64>().unwrap_or(0));
    assert_eq!(sorted, ["0", "100", "200", "300", "400"]);
    assert!(!app.app.state.net.sync.complete);

    // Rest on a dozen rows, half a second each, across the end of what the
    // sync holds (flight 500 is spacecraft 250's): flights load where the
    // sync has them all; past it, nothing spends the reserve, and it says so.
    select(app.state(), 244);
    let mut rested = Vec::new();
    for _ in 0..12 {
        app.command(Command::Down);
        app.tick(100);
        let effects = app.tick(600);
        let id = app.app.state.selected().unwrap().id;
        app.run(effects, |s| {
            !matches!(s.loaded.flights.get(&id), None | Some(Loadable::Loading))
        })
        .await;
        assert!(app.flights_settled(id));
        rested.push(id);
    }
    assert_eq!(fake.paid().len(), 12, "resting spent the reserve");
    assert!(rested.iter().any(|id| app.flights_ready(*id)));
    let held_back: Vec<u64> = rested
        .iter()
        .copied()
        .filter(|id| {
            matches!(
                app.app.state.loaded.flights.get(id),
                Some(Loadable::Deferred(_))
            )
        })
        .collect();
    assert!(!held_back.is_empty(), "rows past the sync were not loaded");
    assert_eq!(
        held_back.len() + rested.iter().filter(|id| app.flights_ready(**id)).count(),
        12,
        "every row is loaded or deferred, none failed"
    );
    select(app.state(), held_back[0]);
    let screen = render(&app.app.state);
    assert!(
        screen.contains("flights not loaded yet: the budget's last 3")
            && screen.contains("Enter loads"),
        "{screen}"
    );

    // Three spacecraft the sync does not hold, opened with Enter: each costs
    // one request of the reserve, and each shows its flights.
    for id in [599, 598, 597] {
        open(&mut app, id).await;
    }
    assert_eq!(fake.refused(), 0, "no 429 ever");
    assert_eq!(fake.paid().len(), 15);
    // The status line says the truth: nothing left, and when the next frees.
    let budget = app.app.state.net.budget.expect("the ledger reports");
    assert_eq!((budget.remaining(), budget.limit), (Some(0), Some(15)));
    let line = hangar::ui::status::budget_text(&app.app.state).unwrap();
    assert!(
        line.starts_with("budget 0/15 · +1 in 60 min")
            || line.starts_with("budget 0/15 · +1 in 1 h"),
        "{line}"
    );
    // A fourth open says when, instead of asking and being refused.
    select(app.state(), 596);
    let effects = app.command(Command::Open);
    app.run(effects, |s| {
        !matches!(s.loaded.flights.get(&596), None | Some(Loadable::Loading))
    })
    .await;
    match app.app.state.loaded.flights.get(&596) {
        Some(Loadable::Failed(why)) => assert!(why.contains("budget spent"), "{why}"),
        other => panic!("{:?}", other.map(|_| "loaded")),
    }
    assert_eq!(fake.refused(), 0);
    assert_eq!(fake.paid().len(), 15);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_runs_within_one_window_share_the_ledger() {
    let Ll2 {
        server: _server,
        fake,
        url,
    } = FakeLl2::new().budget(15, HOUR).start().await;
    let home = tempfile::tempdir().unwrap();
    let run = hangar(home.path(), &["list", "--api-url", &url]).await;
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(fake.paid().len(), 7);
    // A second process knows what the first spent, before and without asking.
    let run = hangar(
        home.path(),
        &["status", "--api-url", &url, "--offline", "--format", "json"],
    )
    .await;
    assert_eq!(run.code, 0, "{}", run.stderr);
    let status: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(status["budget"]["limit"], 15);
    assert_eq!(status["budget"]["used"], 7);
    assert_eq!(status["budget"]["window_secs"], 3600);
    assert_eq!(status["catalog"]["records"], 603);
    assert_eq!(status["catalog"]["complete"], true);
    assert_eq!(status["flights"]["synced"], 0);
    assert_eq!(status["version"], "2.3.0");
    // Its background work then stops at the reserve that the first run's
    // spending brought near: 8 left, 3 kept, so the sync makes 5 requests.
    let run = hangar(home.path(), &["sync", "--api-url", &url]).await;
    assert_eq!(run.code, 3, "{}", run.stderr);
    assert_eq!(fake.paid().len(), 12, "{:#?}", fake.paid());
    assert_eq!(fake.refused(), 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sync_takes_twenty_requests_then_flights_cost_none() {
    let Ll2 {
        server: _server,
        fake,
        url,
    } = FakeLl2::new().budget(100, HOUR).start().await;
    let home = tempfile::tempdir().unwrap();
    let run = hangar(home.path(), &["sync", "--api-url", &url]).await;
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "603 of 603 spacecraft, 1206 of 1206 flights synced\n"
    );
    let paid = fake.paid();
    assert!(paid.len() <= 21, "{}: {paid:#?}", paid.len());
    assert_eq!(paid.len(), 7 + 13);
    assert_eq!(
        paid.iter().collect::<HashSet<_>>().len(),
        paid.len(),
        "no page twice"
    );

    // Twenty spacecraft's flights, each in its own run: no request.
    for id in (1..=600).step_by(30) {
        let run = hangar(
            home.path(),
            &[
                "flights",
                &id.to_string(),
                "--api-url",
                &url,
                "--format",
                "json",
            ],
        )
        .await;
        assert_eq!(run.code, 0, "{}", run.stderr);
        let flights: Vec<serde_json::Value> = serde_json::from_str(&run.stdout).unwrap();
        assert_eq!(flights.len() as u64, id % 5, "spacecraft {id}");
    }
    // A spacecraft and a flight in full: no request either.
    let run = hangar(home.path(), &["show", "599", "--api-url", &url]).await;
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("Craft 599"));
    let run = hangar(home.path(), &["flight", "1200", "--api-url", &url]).await;
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(fake.paid().len(), 20, "{:#?}", &fake.paid()[20..]);

    // Enter on five in the TUI: no request.
    let mut app = Session::new(&url, &home.path().join("cache"));
    app.start().await;
    assert!(app.app.state.net.sync.complete);
    for id in [3, 104, 299, 450, 603] {
        open(&mut app, id).await;
        let flights = app.app.state.flights_of(id).unwrap();
        assert_eq!(flights.len() as u64, id % 5);
    }
    // The sync complete, the browser asks once for the planned launches
    // (background work, at most every 8 h): nothing else.
    let paid = fake.paid();
    assert_eq!(paid.len(), 21, "{:#?}", &paid[20..]);
    assert!(
        paid[20].starts_with("/2.3.0/launches/upcoming/"),
        "{}",
        paid[20]
    );
    assert_eq!(fake.refused(), 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sync_out_of_budget_stops_with_3_and_resumes_without_refetching() {
    // A short window, so that the next one comes within the test.
    let Ll2 {
        server: _server,
        fake,
        url,
    } = FakeLl2::new()
        .budget(15, Duration::from_secs(3))
        .start()
        .await;
    let home = tempfile::tempdir().unwrap();
    let run = hangar(home.path(), &["sync", "--api-url", &url]).await;
    assert_eq!(run.code, 3, "{}", run.stderr);
    assert_eq!(fake.paid().len(), 12, "all but the reserve");
    assert!(
        run.stderr.contains("run `hangar sync` again after "),
        "{}",
        run.stderr
    );
    assert!(run.stdout.contains("500 of 1206 flights"), "{}", run.stdout);
    // Still inside the window: nothing to spend, nothing sent.
    let run = hangar(home.path(), &["sync", "--api-url", &url]).await;
    assert_eq!(run.code, 3, "{}", run.stderr);
    assert_eq!(fake.paid().len(), 12);
    // The next window, and the margin the ledger keeps past it (a request
    // stays in its book a second longer than the server's window): it goes
    // on where it stopped. (3.2 s passed only while the second run took
    // more than 0.8 s to start and stop.)
    let margin = Duration::from_millis(hangar::api::ledger::EXPIRY_MARGIN_MS as u64);
    tokio::time::sleep(Duration::from_millis(3200) + margin).await;
    let run = hangar(home.path(), &["sync", "--api-url", &url]).await;
    assert_eq!(run.code, 0, "{}", run.stderr);
    let paid = fake.paid();
    assert_eq!(paid.len(), 20, "{paid:#?}");
    assert_eq!(
        paid.iter().collect::<HashSet<_>>().len(),
        20,
        "no page twice"
    );
    assert_eq!(fake.refused(), 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sync_wait_sleeps_through_the_window_and_finishes() {
    let Ll2 {
        server: _server,
        fake,
        url,
    } = FakeLl2::new()
        .budget(15, Duration::from_secs(2))
        .start()
        .await;
    let home = tempfile::tempdir().unwrap();
    let started = std::time::Instant::now();
    let run = hangar(home.path(), &["sync", "--wait", "--api-url", &url]).await;
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "603 of 603 spacecraft, 1206 of 1206 flights synced\n"
    );
    assert!(started.elapsed() >= Duration::from_secs(2), "it waited");
    assert_eq!(fake.paid().len(), 20);
    assert_eq!(fake.refused(), 0);
}

/// 10 requests per 20 s leave 7 for background work: exactly the catalog.
const TIGHT: (usize, Duration) = (10, Duration::from_secs(20));

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sync_wait_goes_on_when_the_catalog_leaves_exactly_the_reserve() {
    // 603 spacecraft (7 pages) and 600 of their flights (6 pages).
    let Ll2 {
        server: _server,
        fake,
        url,
    } = FakeLl2::new()
        .flights(600)
        .budget(TIGHT.0, TIGHT.1)
        .start()
        .await;
    let home = tempfile::tempdir().unwrap();
    let started = std::time::Instant::now();
    let run = hangar(home.path(), &["sync", "--wait", "--api-url", &url]).await;
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "603 of 603 spacecraft, 600 of 600 flights synced\n"
    );
    assert!(started.elapsed() >= TIGHT.1, "it waited for the window");
    assert_eq!(fake.paid().len(), 13);
    assert_eq!(fake.refused(), 0);
}

/// The server starts a request's window when it arrives, after hangar
/// counted it: a slot must not be taken as free at the very moment our own
/// clock says the window is over, or the next request meets a 429.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_slot_freed_at_the_windows_edge_meets_no_429() {
    let Ll2 {
        server: _server,
        fake,
        url,
    } = FakeLl2::new()
        .flights(600)
        .budget(TIGHT.0, Duration::from_secs(3))
        .start()
        .await;
    let home = tempfile::tempdir().unwrap();
    let run = hangar(
        home.path(),
        &["sync", "--wait", "--reserve", "0", "--api-url", &url],
    )
    .await;
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(fake.paid().len(), 13);
    assert_eq!(fake.refused(), 0, "{:#?}", fake.log());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sync_wait_goes_on_after_a_list_spent_the_window() {
    // 603 spacecraft (7 pages) and 600 of their flights (6 pages).
    let Ll2 {
        server: _server,
        fake,
        url,
    } = FakeLl2::new()
        .flights(600)
        .budget(TIGHT.0, TIGHT.1)
        .start()
        .await;
    let home = tempfile::tempdir().unwrap();
    let run = hangar(home.path(), &["list", "--api-url", &url]).await;
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(fake.paid().len(), 7);
    // Without --wait: a sync that could not start is a wait, said, status 3.
    let run = hangar(home.path(), &["sync", "--api-url", &url]).await;
    assert_eq!(run.code, 3, "{}", run.stderr);
    assert!(run.stderr.contains("--wait"), "{}", run.stderr);
    assert_eq!(fake.paid().len(), 7, "the reserve is kept");
    let started = std::time::Instant::now();
    let run = hangar(home.path(), &["sync", "--wait", "--api-url", &url]).await;
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "603 of 603 spacecraft, 600 of 600 flights synced\n"
    );
    assert!(started.elapsed() >= Duration::from_secs(15), "it waited");
    let paid = fake.paid();
    assert_eq!(paid.len(), 13, "the cached catalog is not fetched again");
    assert_eq!(fake.refused(), 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_partial_catalog_is_printed_said_and_exits_3_then_resumed() {
    let Ll2 {
        server: _server,
        fake,
        url,
    } = FakeLl2::new()
        .fleet(644)
        .budget(1, Duration::from_secs(2))
        .start()
        .await;
    let home = tempfile::tempdir().unwrap();
    let run = hangar(
        home.path(),
        &["list", "--api-url", &url, "--format", "json"],
    )
    .await;
    assert_eq!(run.code, 3, "{}", run.stderr);
    let records: Vec<serde_json::Value> = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(records.len(), 100);
    assert!(
        run.stderr
            .contains("partial: 100 of 644 spacecraft; the rest after "),
        "{}",
        run.stderr
    );
    assert_eq!((fake.paid().len(), fake.refused()), (1, 0));
    // The next run fetches only what is missing, a page a window (and the
    // margin the ledger keeps past the server's window).
    let window = Duration::from_millis(2_100 + hangar::api::ledger::EXPIRY_MARGIN_MS as u64);
    for pages in 2..=7 {
        tokio::time::sleep(window).await;
        let run = hangar(
            home.path(),
            &["list", "--api-url", &url, "--format", "json"],
        )
        .await;
        assert_eq!(fake.paid().len(), pages, "{}", run.stderr);
        if pages < 7 {
            assert_eq!(run.code, 3, "{}", run.stderr);
        } else {
            assert_eq!(run.code, 0, "{}", run.stderr);
            let records: Vec<serde_json::Value> = serde_json::from_str(&run.stdout).unwrap();
            assert_eq!(records.len(), 644);
        }
    }
    let paid = fake.paid();
    assert_eq!(paid.iter().collect::<HashSet<_>>().len(), 7, "{paid:#?}");
    assert_eq!(fake.refused(), 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn another_apis_data_is_never_the_snapshot() {
    // Throttled from the first request, with nothing cached.
    let server = wiremock::MockServer::start().await;
    wiremock::Mock::given(wiremock::matchers::method("GET"))
        .respond_with(throttled(1800))
        .mount(&server)
        .await;
    let home = tempfile::tempdir().unwrap();
    let url = common::api_url(&server);
    let run = hangar(home.path(), &["list", "--api-url", &url]).await;
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(run.stdout, "");
    assert!(
        run.stderr
            .contains("no data for the catalog from 127.0.0.1:"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("throttled"), "{}", run.stderr);
    assert!(
        run.stderr.contains("snapshot stands in only for"),
        "{}",
        run.stderr
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stale_copy_after_a_failure_is_printed_said_and_exits_3() {
    // Two requests an hour: the catalog's two pages, then nothing.
    let Ll2 {
        server: _server,
        fake,
        url,
    } = FakeLl2::new().fleet(150).budget(2, HOUR).start().await;
    let home = tempfile::tempdir().unwrap();
    let run = hangar(home.path(), &["list", "--api-url", &url]).await;
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = hangar(
        home.path(),
        &["list", "--api-url", &url, "--catalog-ttl", "0s"],
    )
    .await;
    assert_eq!(run.code, 3, "{}", run.stderr);
    assert_eq!(run.stdout.lines().count(), 151);
    assert!(run.stderr.contains("showing stale cache"), "{}", run.stderr);
    assert!(
        run.stderr.contains("request budget spent"),
        "{}",
        run.stderr
    );
    assert_eq!((fake.paid().len(), fake.refused()), (2, 0));
}

/// When each request arrived, in round trips of `rtt` after `start`, as
/// `("throttle" | "page", round trips)`.
fn arrivals(fake: &FakeApi, start: std::time::Instant, rtt: Duration) -> Vec<(&'static str, f64)> {
    fake.log()
        .iter()
        .filter(|(at, _)| *at >= start)
        .map(|(at, what)| {
            let kind = if what.contains("api-throttle") {
                "throttle"
            } else {
                "page"
            };
            let trips = at.duration_since(start).as_secs_f64() / rtt.as_secs_f64();
            (kind, trips)
        })
        .collect()
}

const RTT: Duration = Duration::from_millis(300);

/// The requests sent before any answer could have come back (within one
/// round trip of the first), and the ones after.
type Arrivals = Vec<(&'static str, f64)>;
fn split_at_first_answer(seen: &[(&'static str, f64)]) -> (Arrivals, Arrivals) {
    let first = seen.first().map_or(0.0, |(_, t)| *t);
    seen.iter().partition(|(_, t)| *t < first + 1.0)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cold_load_asks_the_budget_beside_its_first_page() {
    let Ll2 {
        server: _server,
        fake,
        url,
    } = FakeLl2::new().flights(0).budget(15, HOUR).start().await;
    fake.delay_answers(RTT);
    let dir = tempfile::tempdir().unwrap();
    let store = store_with(&url, dir.path(), |c| c.snapshot = false);
    let start = std::time::Instant::now();
    let fetched = store.catalog(|_| {}).await.unwrap();
    assert_eq!(fetched.value.records.len(), 603);
    let (first, later) = split_at_first_answer(&arrivals(&fake, start, RTT));
    // The check and the first page together; the other six once both have
    // answered (the ledger then knows the limit), then the check after the burst.
    assert_eq!(first.len(), 2, "{first:?} {later:?}");
    assert!(first.iter().any(|(k, _)| *k == "throttle"), "{first:?}");
    assert_eq!(
        later.iter().filter(|(k, _)| *k == "page").count(),
        6,
        "{later:?}"
    );
    assert_eq!(fake.paid().len(), 7);
    assert_eq!(fake.refused(), 0);
}

/// A fake API allowing `limit` per `window` whose catalog one run loaded
/// `after` ago, now answering in `RTT`; and the store of a next run that
/// must refetch it (`--refresh`).
async fn loaded_once(
    limit: usize,
    window: Duration,
    after: Duration,
) -> (
    wiremock::MockServer,
    FakeApi,
    tempfile::TempDir,
    hangar::data::store::Store,
) {
    let Ll2 {
        server,
        fake,
        url: base,
    } = FakeLl2::new()
        .flights(0)
        .budget(limit, window)
        .start()
        .await;
    let dir = tempfile::tempdir().unwrap();
    store_with(&base, dir.path(), |c| c.snapshot = false)
        .catalog(|_| {})
        .await
        .unwrap();
    // Its check after the burst lands before the clock starts.
    tokio::time::sleep(after + Duration::from_millis(200)).await;
    fake.delay_answers(RTT);
    let store = store_with(&base, dir.path(), |c| {
        c.snapshot = false;
        c.refresh = true;
    });
    (server, fake, dir, store)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_known_count_and_a_checked_budget_load_in_one_round_trip() {
    let (_server, fake, _dir, store) = loaded_once(15, HOUR, Duration::ZERO).await;
    // A new run of hangar that must refetch: the count and the budget are known.
    let start = std::time::Instant::now();
    let fetched = store.catalog(|_| {}).await.unwrap();
    assert_eq!(fetched.value.records.len(), 603);
    let (first, later) = split_at_first_answer(&arrivals(&fake, start, RTT));
    // Every page before any answer could have come back: one round trip.
    let pages_at_once = first.iter().filter(|(k, _)| *k == "page").count();
    assert_eq!(pages_at_once, 7, "{first:?} {later:?}");
    assert_eq!(fake.paid().len(), 14);
    assert_eq!(fake.refused(), 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn what_another_client_spent_is_learnt_before_the_burst() {
    let Ll2 {
        server: _server,
        fake,
        url,
    } = FakeLl2::new().flights(0).budget(15, HOUR).start().await;
    // Another device at the same address spends 12 of the 15.
    let other = reqwest::Client::new();
    for _ in 0..12 {
        other
            .get(format!("{url}/spacecraft/?limit=1"))
            .send()
            .await
            .unwrap();
    }
    fake.delay_answers(RTT);
    let dir = tempfile::tempdir().unwrap();
    let store = store_with(&url, dir.path(), |c| c.snapshot = false);
    let fetched = store.catalog(|_| {}).await.unwrap();
    // The first page went beside the check, which may or may not have
    // counted it; after it, only what is surely left.
    let paid = fake.paid().len();
    assert!((14..=15).contains(&paid), "{paid}");
    assert_eq!(
        fake.refused(),
        0,
        "no request the budget could not afford: {:#?}",
        fake.log()
    );
    assert_eq!(fetched.value.records.len(), (paid - 12) * 100);
    assert!(fetched.partial.is_some());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_budget_checked_longer_ago_than_its_window_is_asked_again_first() {
    let window = Duration::from_secs(2);
    let (_server, fake, _dir, store) = loaded_once(100, window, window).await;
    let start = std::time::Instant::now();
    store.catalog(|_| {}).await.unwrap();
    let (first, later) = split_at_first_answer(&arrivals(&fake, start, RTT));
    // What others spent since is unknown: one page beside the check, then the rest.
    assert_eq!(first.len(), 2, "{first:?} {later:?}");
    assert_eq!(
        later.iter().filter(|(k, _)| *k == "page").count(),
        6,
        "{later:?}"
    );
}

/// Pointed at a hangar mirror (its answers say `Via: 1.1 hangar`), the
/// status line says so, and leaves out a budget that limits no one.
#[test]
fn the_status_line_says_via_mirror() {
    let now: jiff::Timestamp = "2026-12-07T12:00:00Z".parse().unwrap();
    let mut state = snapshot_showing((120, 30), now);
    let view = |limit, used, via_mirror| hangar::api::BudgetView {
        limit: Some(limit),
        used,
        via_mirror,
        ..Default::default()
    };
    state.net.budget = Some(view(hangar::api::ledger::UNLIMITED, 3, true));
    assert_eq!(
        hangar::ui::status::budget_text(&state).as_deref(),
        Some("via mirror")
    );
    state.net.budget = Some(view(100, 10, true));
    assert_eq!(
        hangar::ui::status::budget_text(&state).as_deref(),
        Some("via mirror · budget 90/100")
    );
    state.net.budget = Some(view(15, 5, false));
    assert_eq!(
        hangar::ui::status::budget_text(&state).as_deref(),
        Some("budget 10/15")
    );
    assert!(render(&state).contains("budget 10/15"));
    state.net.budget = Some(view(hangar::api::ledger::UNLIMITED, 3, true));
    assert!(render(&state).contains("via mirror"));
}
