//! `hangar serve`: a read-only mirror of LL2's spacecraft endpoints, answered
//! from what the store's cache holds, as the API's own server (Django REST
//! Framework) answers: the same paging, links, filters, ordering, modes and
//! errors (`tests/drf/serve_cases.json` holds what a real DRF server says).
//! It asks the upstream only to keep what it holds fresh, as background
//! work within the ledger ([`refresh`]).

mod asked;
mod caching;
mod connections;
mod flights;
mod fragments;
mod guard;
mod holdings;
mod kept;
mod pagination;
pub mod params;
mod records;
mod refresh;
mod renderer;
mod response;
mod rewrite;
mod schema;
mod spacecraft;

pub use connections::{stop_signal, MAX_CONNECTIONS};
pub use guard::{GuardConfig, Rate};
pub use holdings::Holdings;

use crate::api::{ApiVersion, Endpoints};
use crate::data::store::Store;
use asked::Asked;
use axum::extract::{Request, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::response::Response;
use axum::Router;
use params::Params;
use response::Answer;
use rewrite::Rewrite;
use serde_json::json;
use std::net::SocketAddr;
use std::sync::{Arc, RwLock};
use std::time::Duration;

/// Where `hangar serve` listens unless told.
pub const DEFAULT_LISTEN: &str = "127.0.0.1:8722";

/// The longest request target (path and query) read: a longer one is
/// refused unread (414), as the servers in front of Django refuse one.
pub const MAX_TARGET: usize = 8 * 1024;

/// What `/api-throttle/` says the limit is without `--rate`.
pub const THROTTLE_LIMIT: u32 = crate::api::ledger::UNLIMITED;

/// How long one request may take.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// How often the mirror looks at the cache for what a `hangar sync` wrote.
pub const RELOAD_EVERY: Duration = Duration::from_secs(10);

#[derive(Debug, Clone)]
pub struct ServeConfig {
    pub listen: SocketAddr,
    /// The URL clients reach the mirror at, with the version
    /// (`https://mirror.example/2.3.0`); `http://LISTEN/VERSION` if not given.
    pub public_url: Option<String>,
    /// How often to look at the cache again ([`RELOAD_EVERY`]).
    pub reload_every: Duration,
    /// Tokens, the rate limit, the head time-out.
    pub guard: GuardConfig,
}

struct Mirror {
    upstream: Endpoints,
    /// The public base, without a trailing slash.
    public: String,
    routes: Routes,
    /// What it holds, and its generation: answers kept ([`kept`]) are of one.
    holdings: RwLock<(Arc<Holdings>, u64)>,
    kept: kept::Kept,
    reload_every: Duration,
    /// The store's sibling, for the records read by id and those asked of
    /// the upstream when not held.
    store: Store,
    /// One record asked of the upstream at a time.
    misses: tokio::sync::Mutex<()>,
}

impl Mirror {
    fn holdings(&self) -> Arc<Holdings> {
        self.current().0
    }

    fn current(&self) -> (Arc<Holdings>, u64) {
        let held = self.holdings.read().unwrap_or_else(|p| p.into_inner());
        (Arc::clone(&held.0), held.1)
    }

    fn replace(&self, fresh: Arc<Holdings>) {
        let mut held = self.holdings.write().unwrap_or_else(|p| p.into_inner());
        *held = (fresh, held.1.wrapping_add(1));
    }
}

/// A mirror bound to its address, not yet answering.
pub struct Running {
    /// What to give clients as their API URL.
    pub url: String,
    pub local_addr: SocketAddr,
    listener: tokio::net::TcpListener,
    mirror: Arc<Mirror>,
    guard: Arc<guard::Guard>,
    header_timeout: Duration,
}

/// Binds the mirror of `store`'s API and loads what the cache holds.
pub async fn bind(store: &Store, config: ServeConfig) -> Result<Running, String> {
    let upstream = store.endpoints().clone();
    let listener = tokio::net::TcpListener::bind(config.listen)
        .await
        .map_err(|e| format!("cannot listen on {}: {e}", config.listen))?;
    let local_addr = listener.local_addr().map_err(|e| e.to_string())?;
    let public = config
        .public_url
        .unwrap_or_else(|| format!("http://{local_addr}/{}", upstream.version()));
    let public = Endpoints::new(&public).map_err(|e| format!("--public-url: {e}"))?;
    if public.version() != upstream.version() {
        return Err(format!(
            "--public-url must end with the upstream's version, {}",
            upstream.version()
        ));
    }
    let public = public.base().to_string();
    let after_scheme = public.split_once("://").map_or("", |(_, rest)| rest);
    let routes = Routes {
        prefix: after_scheme
            .find('/')
            .map_or("", |at| &after_scheme[at..])
            .to_string(),
        version: upstream.version(),
    };
    let serving = store.serving();
    let held = Arc::new(Holdings::load(&serving));
    holdings::give_back();
    let guard = Arc::new(guard::Guard::new(&config.guard, routes.clone()));
    let mirror = Arc::new(Mirror {
        upstream,
        public: public.clone(),
        routes,
        holdings: RwLock::new((held, 0)),
        kept: kept::Kept::default(),
        reload_every: config.reload_every,
        store: serving,
        misses: tokio::sync::Mutex::new(()),
    });
    Ok(Running {
        url: public,
        local_addr,
        listener,
        mirror,
        guard,
        header_timeout: config.guard.header_timeout,
    })
}

impl Running {
    /// What the mirror holds, for people.
    pub fn describe(&self) -> String {
        self.mirror
            .holdings()
            .describe(&self.mirror.upstream, jiff::Timestamp::now())
    }

    /// Answers until the process ends.
    pub async fn run(self, store: &Store) -> std::io::Result<()> {
        self.run_until(store, std::future::pending()).await
    }

    /// Answers until `stop` (e.g. [`stop_signal`]), then takes no new
    /// connection and finishes the answers under way. Every few seconds it
    /// runs the refreshes due ([`refresh`]), and looks at the cache again
    /// when one fetched something, when the catalog or the sync is not
    /// complete, or when the cache's first pages changed (a `hangar sync`
    /// may be filling it); and says what it holds when that changed.
    pub async fn run_until(
        self,
        store: &Store,
        stop: impl std::future::Future<Output = ()>,
    ) -> std::io::Result<()> {
        let router = Router::new()
            .fallback(handle)
            .with_state(Arc::clone(&self.mirror))
            // gzip for who asks (`Accept-Encoding`), JSON of 32 bytes or more.
            .layer(tower_http::compression::CompressionLayer::new())
            .layer(axum::middleware::map_response(encoded))
            .layer(tower_http::timeout::TimeoutLayer::with_status_code(
                StatusCode::REQUEST_TIMEOUT,
                REQUEST_TIMEOUT,
            ))
            .layer(tower_http::limit::RequestBodyLimitLayer::new(64 * 1024))
            // Outermost: refusals are not worked for, every answer is logged.
            .layer(axum::middleware::from_fn_with_state(
                self.guard,
                guard::check,
            ));
        let server = connections::serve(self.listener, router, self.header_timeout, stop);
        let mirror = self.mirror;
        let reload = async {
            let mut stamp = store.cache_stamp();
            let mut refresher = refresh::Refresher::default();
            loop {
                tokio::time::sleep(mirror.reload_every).await;
                let held = mirror.holdings();
                let refreshed = refresher.run(store, &held, jiff::Timestamp::now()).await;
                let now = store.cache_stamp();
                if !refreshed && now == stamp && held.catalog.complete && held.flights.complete {
                    continue;
                }
                stamp = now;
                // The refreshes' store and the mirror's own (which reads
                // the API's JSON of any version) let go of what they read.
                store.reread_synced();
                mirror.store.reread_synced();
                let fresh = Arc::new(Holdings::load(&mirror.store));
                if fresh.catalog != held.catalog || fresh.flights != held.flights {
                    eprintln!(
                        "hangar: serving {}",
                        fresh.describe(&mirror.upstream, jiff::Timestamp::now())
                    );
                }
                mirror.replace(fresh);
                drop(held);
                holdings::give_back();
            }
        };
        tokio::select! {
            result = server => result,
            () = reload => Ok(()),
        }
    }
}

/// The endpoints the mirror serves, below its base.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Endpoint {
    Spacecraft,
    Flights,
    Astronauts,
    Stations,
    Launches,
    Dockings,
    Throttle,
}

impl Endpoint {
    /// 2.2.0's `spacecraft/flight/` before `spacecraft/{id}/`, as its router has them.
    const ALL: [Endpoint; 7] = [
        Endpoint::Flights,
        Endpoint::Spacecraft,
        Endpoint::Astronauts,
        Endpoint::Stations,
        Endpoint::Launches,
        Endpoint::Dockings,
        Endpoint::Throttle,
    ];

    /// Its path below the base, in `version`'s names (shared/API.md).
    fn path(self, version: ApiVersion) -> &'static str {
        let v2_3 = version == ApiVersion::V2_3;
        match self {
            Endpoint::Spacecraft => "spacecraft",
            Endpoint::Flights if v2_3 => "spacecraft_flights",
            Endpoint::Flights => "spacecraft/flight",
            Endpoint::Astronauts if v2_3 => "astronauts",
            Endpoint::Astronauts => "astronaut",
            Endpoint::Stations if v2_3 => "space_stations",
            Endpoint::Stations => "spacestation",
            Endpoint::Launches if v2_3 => "launches",
            Endpoint::Launches => "launch",
            Endpoint::Dockings if v2_3 => "docking_events",
            Endpoint::Dockings => "docking_event",
            Endpoint::Throttle => "api-throttle",
        }
    }

    /// DRF's view name (`get_view_name`), which OPTIONS says.
    fn name(self) -> &'static str {
        match self {
            Endpoint::Spacecraft => "Spacecraft",
            Endpoint::Flights => "Spacecraft Flight",
            Endpoint::Astronauts => "Astronaut",
            Endpoint::Stations => "Space Station",
            Endpoint::Launches => "Launch",
            Endpoint::Dockings => "Docking Event",
            Endpoint::Throttle => "Api Throttle",
        }
    }
}

/// Where the mirror's endpoints are.
#[derive(Debug, Clone)]
struct Routes {
    /// The public base's path (`/2.3.0`): where requests are routed from.
    prefix: String,
    /// Whose paths: the upstream's version.
    version: ApiVersion,
}

impl Routes {
    /// What a path asks for: an endpoint's list, or one of its records.
    fn route<'a>(&self, path: &'a str) -> Option<(Endpoint, Option<&'a str>)> {
        let rest = path.strip_prefix(&self.prefix)?.strip_prefix('/')?;
        Endpoint::ALL.into_iter().find_map(|endpoint| {
            let rest = rest
                .strip_prefix(endpoint.path(self.version))?
                .strip_prefix('/')?;
            if rest.is_empty() {
                return Some((endpoint, None));
            }
            // DRF's router: `[^/.]+`, then a slash.
            let id = rest.strip_suffix('/')?;
            (endpoint != Endpoint::Throttle && !id.is_empty() && !id.contains(['/', '.']))
                .then_some((endpoint, Some(id)))
        })
    }

    /// The list of `endpoint` at `public`.
    fn list_url(&self, public: &str, endpoint: Endpoint) -> String {
        format!("{public}/{}/", endpoint.path(self.version))
    }
}

/// `/api-throttle/`: the caller's budget as the guard counted it (`--rate`;
/// without one, a limit no client reaches), in LL2's shape (one object, as
/// clients read it).
fn throttle(request: &Parts) -> Answer {
    let ident = request
        .extensions
        .get::<axum::extract::ConnectInfo<SocketAddr>>()
        .map_or(String::new(), |c| c.0.ip().to_string());
    let budget = request
        .extensions
        .get::<guard::Budget>()
        .copied()
        .unwrap_or(guard::Budget::UNLIMITED);
    Answer::ok(json!({
        "your_request_limit": budget.limit,
        "limit_frequency_secs": budget.window_secs,
        "current_use": budget.used,
        "next_use_secs": budget.next_use_secs,
        "ident": ident,
    }))
}

async fn handle(State(mirror): State<Arc<Mirror>>, request: Request) -> Response {
    // The head only: a read-only API reads no body (and the head is what
    // may be held across the wait for a record asked upstream).
    let (request, _) = request.into_parts();
    let now = jiff::Timestamp::now();
    let (held, generation) = mirror.current();
    // The lists and records made from the holdings alone may be kept, by
    // their exact target; GET and HEAD have the same answer.
    let target = request
        .uri
        .path_and_query()
        .map_or("", |p| p.as_str())
        .to_string();
    let keepable = matches!(request.method, Method::GET | Method::HEAD)
        && target.len() <= MAX_TARGET
        && mirror
            .routes
            .route(&params::unquote(request.uri.path()))
            .is_some_and(|(endpoint, _)| {
                matches!(endpoint, Endpoint::Spacecraft | Endpoint::Flights)
            });
    if keepable {
        if let Some(kept) = mirror.kept.get(generation, &target) {
            return kept.respond(&request.method, &request.headers, now);
        }
    }
    let rendered = answer(&mirror, &held, &request).await.render();
    if keepable && rendered.status == StatusCode::OK {
        mirror.kept.keep(generation, &target, &rendered);
    }
    rendered.respond(&request.method, &request.headers, now)
}

/// After gzip: the encoded answer is another representation, with its own
/// strong tag; and one `Vary` (the compression layer adds its own).
async fn encoded(mut response: Response) -> Response {
    let headers = response.headers_mut();
    let gzipped = headers
        .get(header::CONTENT_ENCODING)
        .is_some_and(|v| v.as_bytes().eq_ignore_ascii_case(b"gzip"));
    if gzipped {
        let tag = headers.get(header::ETAG).and_then(|v| v.to_str().ok());
        if let Some(tag) = tag.and_then(|t| HeaderValue::from_str(&caching::gzip_etag(t)).ok()) {
            headers.insert(header::ETAG, tag);
        }
    }
    headers.remove(header::VARY);
    headers.insert(header::VARY, HeaderValue::from_static(response::VARY));
    response
}

async fn answer(mirror: &Mirror, held: &Holdings, request: &Parts) -> Answer {
    let target = request.uri.path_and_query().map_or(0, |p| p.as_str().len());
    if target > MAX_TARGET {
        return Answer::refused(
            StatusCode::URI_TOO_LONG,
            &format!("Request URI too long: this mirror reads at most {MAX_TARGET} bytes of path and query."),
        );
    }
    // Django routes the decoded path.
    let path = params::unquote(request.uri.path());
    let Some((endpoint, id)) = mirror.routes.route(&path) else {
        return not_served(mirror);
    };
    let Some(params) = Params::parse(request.uri.query().unwrap_or("")) else {
        return Answer::refused(
            StatusCode::BAD_REQUEST,
            &format!(
                "Too many query parameters: this mirror, as Django, reads at most {}.",
                params::MAX_FIELDS
            ),
        );
    };
    // Content negotiation comes first in DRF's view: a format it does not render is 404.
    let format = params.get("format");
    if format.is_some_and(|f| !f.is_empty() && f != "json") {
        return Answer::not_found();
    }
    match request.method {
        Method::GET | Method::HEAD => {}
        Method::OPTIONS => {
            return Answer::ok(json!({
                "name": format!(
                    "{} {}",
                    endpoint.name(),
                    if id.is_some() { "Instance" } else { "List" }
                ),
                "description": "",
                "renders": ["application/json"],
                "parses": ["application/json", "application/x-www-form-urlencoded", "multipart/form-data"],
            }))
        }
        ref other => return Answer::method_not_allowed(other.as_str()),
    }
    let list_url = mirror.routes.list_url(&mirror.public, endpoint);
    let asked = Asked {
        params: &params,
        list_url: &list_url,
        version: mirror.routes.version,
        rewrite: Rewrite {
            upstream: mirror.upstream.base(),
            public: &mirror.public,
            format,
        },
    };
    match (endpoint, id) {
        (Endpoint::Spacecraft, None) => spacecraft::list(held, &asked),
        (Endpoint::Spacecraft, Some(id)) => spacecraft::detail(held, &asked, id),
        (Endpoint::Flights, None) => flights::list(held, &asked),
        (Endpoint::Flights, Some(id)) => flights::detail(held, &asked, id),
        (Endpoint::Astronauts, Some(id)) => {
            record(mirror, records::Kind::Astronaut, id, &asked).await
        }
        (Endpoint::Stations, Some(id)) => record(mirror, records::Kind::Station, id, &asked).await,
        (Endpoint::Launches, Some(id)) => record(mirror, records::Kind::Launch, id, &asked).await,
        (Endpoint::Dockings, None) => records::dockings(&mirror.store, &asked),
        // The mirror holds no docking event's own (detailed) record.
        (Endpoint::Dockings, Some(_)) => Answer::no_such("DockingEvent"),
        (Endpoint::Astronauts | Endpoint::Stations | Endpoint::Launches, None) => {
            not_served(mirror)
        }
        (Endpoint::Throttle, _) => throttle(request),
    }
}

async fn record(mirror: &Mirror, kind: records::Kind, id: &str, asked: &Asked<'_>) -> Answer {
    records::detail(&mirror.store, &mirror.misses, kind, id, asked).await
}

/// A 404 that says what this mirror serves, never an empty list that looks
/// like an answer.
fn not_served(mirror: &Mirror) -> Answer {
    let at = |e| mirror.routes.list_url(&mirror.public, e);
    let served = [
        at(Endpoint::Spacecraft),
        format!("{}{{id}}/", at(Endpoint::Spacecraft)),
        at(Endpoint::Flights),
        format!("{}{{id}}/", at(Endpoint::Flights)),
        format!("{}{{id}}/", at(Endpoint::Astronauts)),
        format!("{}{{id}}/", at(Endpoint::Stations)),
        format!("{}{{id}}/", at(Endpoint::Launches)),
        format!(
            "{}?{}={{id}}",
            at(Endpoint::Dockings),
            records::station_filter(mirror.routes.version)
        ),
    ];
    Answer::error(
        StatusCode::NOT_FOUND,
        json!({"detail": format!(
            "Not found. This mirror serves {} and {} (GET).",
            served.join(", "),
            at(Endpoint::Throttle)
        )}),
    )
}
