//! A fake Launch Library 2 on loopback (wiremock) that pages a synthetic
//! catalog the way the real API does, and can change the catalog mid-load.
#![allow(dead_code)] // each test binary uses a different part

mod fake_api;
pub mod schema;
#[allow(unused_imports)] // only the budget tests use it
pub use fake_api::*;

use serde_json::{json, Value};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use wiremock::{Request, Respond, ResponseTemplate};

/// The three bundled catalog pages (real answers; copies of shared/seeds/),
/// which tests/drf/ loaded into its DRF server.
pub const SEED_CATALOG_PAGES: [&str; 3] = [
    include_str!(
        "../../assets/snapshot/spacecraft-2.3.0-prod-offset20-ordering-mission_ends_count.json"
    ),
    include_str!(
        "../../assets/snapshot/spacecraft-2.3.0-dev-offset130-ordering-mission_ends_count.json"
    ),
    include_str!("../../assets/snapshot/spacecraft-2.3.0-dev-offset500-ordering--time_docked.json"),
];

/// A mirror on a free loopback port with no public URL, the default guard
/// and reload period: what a test changes, it sets over this.
pub fn mirror_config() -> hangar::serve::ServeConfig {
    hangar::serve::ServeConfig {
        listen: "127.0.0.1:0".parse().unwrap(),
        public_url: None,
        reload_every: hangar::serve::RELOAD_EVERY,
        guard: hangar::serve::GuardConfig::default(),
    }
}

/// `hangar serve` of `store` as `config` says, answering on its own task
/// while the test runs: its public URL and the address it listens on.
pub async fn serve_mirror(
    store: hangar::data::store::Store,
    config: hangar::serve::ServeConfig,
) -> (String, std::net::SocketAddr) {
    let running = hangar::serve::bind(&store, config).await.unwrap();
    let (url, addr) = (running.url.clone(), running.local_addr);
    tokio::spawn(async move { running.run(&store).await });
    (url, addr)
}

/// The 2.3.0 API at a loopback server (the fake LL2, or a mock of it).
pub fn api_url(server: &wiremock::MockServer) -> String {
    format!("{}/2.3.0", server.uri())
}

/// A file of `tests/fixtures/`.
pub fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The 2.3.0 station fixture with its docking events, as the store gives it.
pub fn station_record() -> hangar::data::store::Record {
    use hangar::api::paging::{parse_page, parse_record};
    let station = parse_record(&fixture("station-2.3.0.json")).unwrap();
    let page = parse_page(&fixture("docking_events-2.3.0.json")).unwrap();
    hangar::data::store::Record::Station {
        station,
        history: hangar::data::store::Listing {
            records: page.results,
            count: page.count,
        },
        history_note: None,
    }
}

/// A file of the bundled snapshot (the seed responses).
pub fn asset(name: &str) -> String {
    let path = format!("{}/assets/snapshot/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// A one-record list page around a seed record, as the list endpoints answer.
pub fn page_of(record_file: &str) -> ResponseTemplate {
    let page = format!(
        r#"{{"count": 1, "next": null, "previous": null, "results": [{}]}}"#,
        asset(record_file)
    );
    ResponseTemplate::new(200).set_body_raw(page, "application/json")
}

/// A catalog record shaped like the API's normal mode.
pub fn spacecraft_json(id: u64, name: &str, config: &str) -> Value {
    json!({
        "response_mode": "normal",
        "id": id,
        "url": format!("https://ll.thespacedevs.com/2.3.0/spacecraft/{id}/"),
        "name": name,
        "serial_number": null,
        "is_placeholder": false,
        "image": null,
        "in_space": id.is_multiple_of(50),
        "time_in_space": format!("P{}DT{}H", id % 200, id % 24),
        "time_docked": "P0D",
        "flights_count": id % 7,
        "mission_ends_count": id % 5,
        "status": {"id": 1, "name": "Active"},
        "description": "A synthetic spacecraft.",
        "spacecraft_config": {"response_mode": "normal", "id": id % 30, "name": config,
            "type": {"id": 2, "name": "Capsule"},
            "agency": {"id": 63, "name": "Agency", "abbrev": "AG", "type": {"id": 1, "name": "Government"}},
            "family": [], "in_use": true, "image": null},
        "fastest_turnaround": null
    })
}

pub fn catalog(ids: impl IntoIterator<Item = u64>) -> Vec<Value> {
    ids.into_iter()
        .map(|id| spacecraft_json(id, &format!("Craft {id}"), "Soyuz MS"))
        .collect()
}

type Mutation = Box<dyn FnOnce(&mut Vec<Value>) + Send>;

struct State {
    records: Vec<Value>,
    arrivals: Vec<Instant>,
    /// Applied once, right after the first request is answered.
    after_first: Option<Mutation>,
}

/// Answers `?limit=&offset=` over its records in id order, as the API does with `ordering=id`.
#[derive(Clone)]
pub struct FakeCatalog {
    state: Arc<Mutex<State>>,
    delay: Duration,
}

impl FakeCatalog {
    pub fn new(records: Vec<Value>) -> Self {
        FakeCatalog {
            state: Arc::new(Mutex::new(State {
                records,
                arrivals: Vec::new(),
                after_first: None,
            })),
            delay: Duration::ZERO,
        }
    }

    pub fn with_delay(mut self, delay: Duration) -> Self {
        self.delay = delay;
        self
    }

    /// Changes the catalog after the first page has been served.
    pub fn after_first(self, mutation: impl FnOnce(&mut Vec<Value>) + Send + 'static) -> Self {
        self.state.lock().unwrap().after_first = Some(Box::new(mutation));
        self
    }

    /// Changes the catalog from now on.
    pub fn change(&self, change: impl FnOnce(&mut Vec<Value>)) {
        change(&mut self.state.lock().unwrap().records);
    }

    pub fn arrivals(&self) -> Vec<Instant> {
        self.state.lock().unwrap().arrivals.clone()
    }

    pub fn requests(&self) -> usize {
        self.state.lock().unwrap().arrivals.len()
    }
}

fn query(request: &Request, key: &str) -> Option<u64> {
    request
        .url
        .query_pairs()
        .find(|(k, _)| k == key)
        .and_then(|(_, v)| v.parse().ok())
}

impl Respond for FakeCatalog {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let mut state = self.state.lock().unwrap();
        state.arrivals.push(Instant::now());
        state.records.sort_by_key(|r| r["id"].as_u64());
        let offset = query(request, "offset").unwrap_or(0) as usize;
        let limit = query(request, "limit").unwrap_or(10).min(100) as usize;
        let count = state.records.len();
        let results: Vec<Value> = state
            .records
            .iter()
            .skip(offset)
            .take(limit)
            .cloned()
            .collect();
        let body = json!({
            "count": count,
            "next": (offset + limit < count).then(|| format!("http://elsewhere.invalid/?offset={}", offset + limit)),
            "previous": null,
            "results": results,
        });
        if let Some(mutation) = state.after_first.take() {
            mutation(&mut state.records);
        }
        ResponseTemplate::new(200)
            .set_body_json(body)
            .set_delay(self.delay)
    }
}

/// Answers each request with the next template of its script, repeating the last one.
#[derive(Clone)]
pub struct Script(Arc<ScriptState>);

struct ScriptState {
    templates: Vec<ResponseTemplate>,
    served: Mutex<Vec<Instant>>,
}

impl Script {
    pub fn new(templates: Vec<ResponseTemplate>) -> Self {
        Script(Arc::new(ScriptState {
            templates,
            served: Mutex::new(Vec::new()),
        }))
    }

    pub fn arrivals(&self) -> Vec<Instant> {
        self.0.served.lock().unwrap().clone()
    }
}

impl Respond for Script {
    fn respond(&self, _request: &Request) -> ResponseTemplate {
        let mut served = self.0.served.lock().unwrap();
        served.push(Instant::now());
        let i = (served.len() - 1).min(self.0.templates.len() - 1);
        self.0.templates[i].clone()
    }
}

pub fn gateway_page(status: u16) -> ResponseTemplate {
    ResponseTemplate::new(status).set_body_raw(
        format!("<html><head><title>{status} Bad Gateway</title></head><body><center>nginx</center></body></html>"),
        "text/html",
    )
}

pub fn throttled(seconds: u64) -> ResponseTemplate {
    ResponseTemplate::new(429).set_body_json(json!({
        "detail": format!("Request was throttled. Expected available in {seconds} seconds.")
    }))
}

/// A client config for tests: short time-outs and backoff.
pub fn fast_client() -> hangar::api::ClientConfig {
    hangar::api::ClientConfig {
        api_key: None,
        // Generous: a busy 2-core CI machine must not turn a slow answer into a failure.
        timeout: Duration::from_secs(5),
        retries: 3,
        backoff: Duration::from_millis(10),
        max_throttle_wait: Duration::from_secs(3),
    }
}

pub fn store_at(base: &str, cache_dir: &std::path::Path) -> hangar::data::store::Store {
    store_with(base, cache_dir, |_| {})
}

pub fn store_with(
    base: &str,
    cache_dir: &std::path::Path,
    tweak: impl FnOnce(&mut hangar::data::store::StoreConfig),
) -> hangar::data::store::Store {
    let mut config = hangar::data::store::StoreConfig {
        endpoints: hangar::api::Endpoints::new(base).unwrap(),
        client: fast_client(),
        cache_dir: cache_dir.to_path_buf(),
        offline: false,
        refresh: false,
        freshness: hangar::data::store::Freshness::default(),
        reserve: hangar::data::store::DEFAULT_RESERVE,
        // Loopback servers stand in for production in these tests.
        snapshot: true,
    };
    tweak(&mut config);
    hangar::data::store::Store::new(config).unwrap()
}

/// The shell command that runs hangar in tmux with `args`, in a bare
/// environment under `home`, and says how it exited.
pub fn tui_command(home: &std::path::Path, args: &str) -> String {
    format!(
        "env -i HOME={home} XDG_STATE_HOME={home}/state HANGAR_CACHE_DIR={home}/cache TERM=xterm-256color {bin} {args}; echo HANGAR-EXITED $?; sleep 30",
        home = home.display(),
        bin = env!("CARGO_BIN_EXE_hangar"),
    )
}

/// A private tmux server, killed when the test ends however it ends.
pub struct Tmux {
    socket: String,
}

impl Tmux {
    /// A detached session running `command` in a `width`×`height` terminal.
    pub async fn start(name: &str, width: u16, height: u16, command: &str) -> Tmux {
        // Tests of one binary run at once in one process: each its own server.
        static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let tmux = Tmux {
            socket: format!("hangar-{name}-{}-{n}", std::process::id()),
        };
        let (w, h) = (width.to_string(), height.to_string());
        tmux.run(&[
            "new-session",
            "-d",
            "-s",
            "e2e",
            "-x",
            &w,
            "-y",
            &h,
            command,
        ])
        .await;
        tmux
    }

    /// The private server's socket name (`tmux -L NAME`).
    pub fn socket(&self) -> &str {
        &self.socket
    }

    /// The process running in the pane.
    pub async fn pane_pid(&self) -> Option<u32> {
        self.run(&["list-panes", "-t", "e2e", "-F", "#{pane_pid}"])
            .await
            .trim()
            .parse()
            .ok()
    }

    pub async fn run(&self, args: &[&str]) -> String {
        let out = tokio::process::Command::new("tmux")
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

    pub async fn screen(&self) -> String {
        self.run(&["capture-pane", "-p", "-t", "e2e"]).await
    }

    pub async fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "e2e"];
        args.extend_from_slice(keys);
        self.run(&args).await;
    }

    /// Waits until the screen satisfies `test`, or fails with the last screen.
    pub async fn wait_for(&self, what: &str, test: impl Fn(&str) -> bool) -> String {
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

/// Runs effects through the real task runner until `done` holds.
pub async fn drive(
    state: &mut hangar::app::State,
    tasks: &mut hangar::runtime::Tasks,
    rx: &mut tokio::sync::mpsc::UnboundedReceiver<hangar::app::action::Action>,
    effects: Vec<hangar::app::Effect>,
    done: impl Fn(&hangar::app::State) -> bool,
) {
    for e in effects {
        tasks.run(e);
    }
    while !done(state) {
        let action = tokio::time::timeout(Duration::from_secs(10), rx.recv())
            .await
            .expect("an answer")
            .unwrap();
        for e in hangar::app::update(state, action) {
            tasks.run(e);
        }
    }
}

/// The screen as text, one line per row (a wide character's second cell skipped).
pub fn render(state: &hangar::app::State) -> String {
    render_with(state, &hangar::ui::keys::Keymap::default())
}

/// The screen as text, drawn with the keys in force `keymap`.
pub fn render_with(state: &hangar::app::State, keymap: &hangar::ui::keys::Keymap) -> String {
    let (w, h) = state.size;
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h)).unwrap();
    terminal
        .draw(|f| hangar::ui::draw(f, state, keymap))
        .unwrap();
    buffer_text(terminal.backend().buffer())
}

/// A drawn buffer as text, one line per row (a wide character's second cell skipped).
pub fn buffer_text(buffer: &ratatui::buffer::Buffer) -> String {
    let (w, h) = (buffer.area.width, buffer.area.height);
    let mut out = String::new();
    for y in 0..h {
        let mut line = String::new();
        let mut x = 0;
        while x < w {
            let symbol = buffer[(x, y)].symbol();
            line.push_str(symbol);
            x += unicode_width::UnicodeWidthStr::width(symbol).max(1) as u16;
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// A state of `size` at `now` that has finished loading `records` from `origin`.
pub fn showing(
    records: Vec<hangar::api::Spacecraft>,
    origin: hangar::data::store::Origin,
    size: (u16, u16),
    now: jiff::Timestamp,
    offline: bool,
) -> hangar::app::State {
    let mut state = hangar::app::State::new(now, size, offline, "ll.thespacedevs.com/2.3.0".into());
    state.start(false);
    let count = Some(records.len() as u64);
    hangar::app::update(
        &mut state,
        hangar::app::action::Action::Catalog(hangar::app::action::CatalogUpdate {
            generation: 1,
            catalog: std::sync::Arc::new(hangar::search::Catalog::new(records)),
            origin,
            count,
            progress: None,
            finished: true,
            notice: None,
            partial: None,
            retry_at: None,
        }),
    );
    state
}

/// The bundled snapshot, shown offline at `now` in a `size` terminal.
pub fn snapshot_showing(size: (u16, u16), now: jiff::Timestamp) -> hangar::app::State {
    showing(
        hangar::data::snapshot::catalog(),
        hangar::data::store::Origin::Snapshot,
        size,
        now,
        true,
    )
}

/// A record opened from a link arrives from the API.
pub fn record_loaded(
    state: &mut hangar::app::State,
    of: hangar::api::RecordRef,
    record: hangar::data::store::Record,
) -> Vec<hangar::app::Effect> {
    hangar::app::update(
        state,
        hangar::app::action::Action::RecordLoaded {
            of,
            result: Ok(Box::new(hangar::data::store::Fetched::new(
                record,
                hangar::data::store::Origin::Live,
            ))),
        },
    )
}

/// A spacecraft's flights arrive from `origin`, all of them.
pub fn flights_loaded(
    state: &mut hangar::app::State,
    id: u64,
    records: Vec<hangar::api::Flight>,
    origin: hangar::data::store::Origin,
) -> Vec<hangar::app::Effect> {
    let count = Some(records.len() as u64);
    hangar::app::update(
        state,
        hangar::app::action::Action::FlightsLoaded {
            id,
            result: Ok(hangar::data::store::Fetched::new(
                hangar::data::store::Listing { records, count },
                origin,
            )),
        },
    )
}

/// Resident memory of a process (`"self"` or a pid), in MiB.
pub fn rss_mb(pid: &str) -> Option<f64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let kb: f64 = status
        .lines()
        .find(|l| l.starts_with("VmRSS:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()?;
    Some(kb / 1024.0)
}

/// Moves the list's cursor onto spacecraft `id`.
pub fn select(state: &mut hangar::app::State, id: u64) {
    use hangar::app::action::{Action, Command};
    hangar::app::update(state, Action::Command(Command::Top));
    while state.selected().map(|s| s.id) != Some(id) {
        let before = state.list.cursor;
        hangar::app::update(state, Action::Command(Command::Down));
        assert_ne!(
            before, state.list.cursor,
            "spacecraft {id} is not in the list"
        );
    }
}

/// What a run of the binary printed and how it ended.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Runs hangar with a private cache, log dir and environment.
pub async fn hangar(home: &std::path::Path, args: &[&str]) -> Run {
    let out = tokio::process::Command::new(env!("CARGO_BIN_EXE_hangar"))
        .args(args)
        .env_clear()
        .env("HOME", home)
        .env("XDG_STATE_HOME", home.join("state"))
        .env("HANGAR_CACHE_DIR", home.join("cache"))
        .output()
        .await
        .unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

/// Every screen that shows spacecraft `id`, its `flights` and (when given)
/// its detailed record, rendered at `size`: the list with the detail and
/// flights beside it, the detail alone, the spacecraft screen with its
/// timeline, each flight's screen, a search, the help and the filter panel.
pub fn every_pane(
    catalog: Vec<hangar::api::Spacecraft>,
    id: u64,
    detailed: Option<hangar::api::Spacecraft>,
    flights: Vec<hangar::api::Flight>,
    size: (u16, u16),
    now: jiff::Timestamp,
) -> Vec<String> {
    use hangar::app::action::{Action, Command};
    use hangar::app::update;
    use hangar::data::store::{Fetched, Listing, Origin};
    let command = |state: &mut hangar::app::State, c: Command| {
        update(state, Action::Command(c));
    };
    let mut state = showing(catalog, Origin::Live, size, now, false);
    command(&mut state, Command::Top);
    while state.selected().is_some_and(|s| s.id != id) {
        let before = state.list.cursor;
        command(&mut state, Command::Down);
        if state.list.cursor == before {
            break;
        }
    }
    if let Some(record) = detailed {
        update(
            &mut state,
            Action::SpacecraftLoaded {
                id,
                result: Ok(Box::new(Fetched::new(record, Origin::Live))),
            },
        );
    }
    let count = Some(flights.len() as u64);
    let shown = flights.len();
    update(
        &mut state,
        Action::FlightsLoaded {
            id,
            result: Ok(Fetched::new(
                Listing {
                    records: flights,
                    count,
                },
                Origin::Live,
            )),
        },
    );
    let mut screens = vec![render(&state)];
    let both_panes = |state: &mut hangar::app::State, screens: &mut Vec<String>| {
        command(state, Command::FocusNext);
        screens.push(render(state));
        command(state, Command::FocusPrev);
    };
    both_panes(&mut state, &mut screens);
    command(&mut state, Command::Open);
    screens.push(render(&state));
    both_panes(&mut state, &mut screens);
    // A handful of flights is enough: the others are drawn the same way.
    for i in 0..shown.min(4) {
        command(&mut state, Command::Top);
        for _ in 0..i {
            command(&mut state, Command::Down);
        }
        command(&mut state, Command::Open);
        screens.push(render(&state));
        command(&mut state, Command::Back);
    }
    command(&mut state, Command::Back);
    command(&mut state, Command::Help);
    screens.push(render(&state));
    command(&mut state, Command::Back);
    command(&mut state, Command::Filters);
    // The status and configuration rows offer the catalog's own names.
    for _ in 0..2 {
        command(&mut state, Command::Down);
    }
    for _ in 0..2 {
        command(&mut state, Command::NextValue);
        screens.push(render(&state));
        command(&mut state, Command::Down);
        command(&mut state, Command::NextValue);
        screens.push(render(&state));
        command(&mut state, Command::Up);
    }
    command(&mut state, Command::ResetFilters);
    command(&mut state, Command::Back);
    command(&mut state, Command::Search);
    update(&mut state, Action::Input('a'));
    screens.push(render(&state));
    screens
}

/// Nothing a terminal would act on reached the screen: no control
/// character (escape included) but the line ends `render` puts there.
pub fn assert_inert(screen: &str) {
    let bad: Vec<char> = screen
        .chars()
        .filter(|c| *c != '\n' && c.is_control())
        .collect();
    assert!(
        bad.is_empty(),
        "control characters {bad:?} on screen:\n{screen}"
    );
}

/// The real task runner and `update` on a store over `base` with its own
/// cache: the application without a terminal.
pub struct App {
    pub state: hangar::app::State,
    pub tasks: hangar::runtime::Tasks,
    pub rx: tokio::sync::mpsc::UnboundedReceiver<hangar::app::action::Action>,
    _cache: Option<tempfile::TempDir>,
}

impl App {
    /// On a cache of its own.
    pub fn new(base: &str, tweak: impl FnOnce(&mut hangar::data::store::StoreConfig)) -> App {
        let cache = tempfile::tempdir().unwrap();
        let mut app = App::on(base, cache.path(), tweak);
        app._cache = Some(cache);
        app
    }

    /// On the cache in `cache` (another run's, say).
    pub fn on(
        base: &str,
        cache: &std::path::Path,
        tweak: impl FnOnce(&mut hangar::data::store::StoreConfig),
    ) -> App {
        let store = std::sync::Arc::new(store_with(base, cache, tweak));
        let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
        App {
            state: hangar::app::State::new(jiff::Timestamp::now(), (120, 40), false, "test".into()),
            tasks: hangar::runtime::Tasks::new(store, tx),
            rx,
            _cache: None,
        }
    }

    pub async fn run_until(
        &mut self,
        effects: Vec<hangar::app::Effect>,
        done: impl Fn(&hangar::app::State) -> bool,
    ) {
        drive(
            &mut self.state,
            &mut self.tasks,
            &mut self.rx,
            effects,
            done,
        )
        .await;
    }

    /// Starts, and waits for the catalog.
    pub async fn start(&mut self) {
        let effects = self.state.start(false);
        self.run_until(effects, |s| {
            s.net.loading.is_none() && !s.list.catalog.is_empty()
        })
        .await;
    }
}
