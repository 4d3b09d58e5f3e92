//! `hangar serve`: a read-only mirror of LL2's spacecraft endpoint, answered
//! from what the store's cache holds, as the API's own server (Django REST
//! Framework) answers: the same paging, links, filters, ordering, modes and
//! errors (`tests/drf/serve_cases.json` holds what a real DRF server says).
//! It never asks the upstream anything.

mod holdings;
mod pagination;
pub mod params;
mod response;
mod rewrite;
mod schema;
mod spacecraft;

pub use holdings::Holdings;

use crate::api::{ApiVersion, Endpoints};
use crate::data::store::Store;
use axum::extract::{Request, State};
use axum::http::{Method, StatusCode};
use axum::response::Response;
use axum::Router;
use params::Params;
use response::Answer;
use rewrite::Rewrite;
use serde_json::json;
use spacecraft::Asked;
use std::net::SocketAddr;
use std::sync::{Arc, RwLock};
use std::time::Duration;

/// Where `hangar serve` listens unless told.
pub const DEFAULT_LISTEN: &str = "127.0.0.1:8722";

/// The longest request target (path and query) read: a longer one is
/// refused unread (414), as the servers in front of Django refuse one.
pub const MAX_TARGET: usize = 8 * 1024;

/// How long one request may take.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// How often a mirror without the whole catalog looks at the cache again.
const RELOAD_EVERY: Duration = Duration::from_secs(10);

#[derive(Debug, Clone)]
pub struct ServeConfig {
    pub listen: SocketAddr,
    /// The URL clients reach the mirror at, with the version
    /// (`https://mirror.example/2.3.0`); `http://LISTEN/VERSION` if not given.
    pub public_url: Option<String>,
}

struct Mirror {
    upstream: Endpoints,
    /// The public base, without a trailing slash.
    public: String,
    /// Its path (`/2.3.0`): where requests are routed from.
    prefix: String,
    holdings: RwLock<Arc<Holdings>>,
}

impl Mirror {
    fn holdings(&self) -> Arc<Holdings> {
        Arc::clone(&self.holdings.read().unwrap_or_else(|p| p.into_inner()))
    }
}

/// A mirror bound to its address, not yet answering.
pub struct Running {
    /// What to give clients as their API URL.
    pub url: String,
    pub local_addr: SocketAddr,
    listener: tokio::net::TcpListener,
    mirror: Arc<Mirror>,
}

/// Binds the mirror of `store`'s API and loads what the cache holds.
pub async fn bind(store: &Store, config: ServeConfig) -> Result<Running, String> {
    let upstream = store.endpoints().clone();
    if upstream.version() != ApiVersion::V2_3 {
        return Err(format!(
            "hangar serve mirrors 2.3.0 only so far; --api-url is {}",
            upstream.base()
        ));
    }
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
    let prefix = after_scheme
        .find('/')
        .map_or("", |at| &after_scheme[at..])
        .to_string();
    let mirror = Arc::new(Mirror {
        upstream,
        public: public.clone(),
        prefix,
        holdings: RwLock::new(Arc::new(Holdings::load(store))),
    });
    Ok(Running {
        url: public,
        local_addr,
        listener,
        mirror,
    })
}

impl Running {
    /// What the mirror holds, for people.
    pub fn describe(&self) -> String {
        self.mirror
            .holdings()
            .describe(&self.mirror.upstream, jiff::Timestamp::now())
    }

    /// Answers until the process ends; while the catalog is not whole, looks
    /// at the cache again every few seconds (a `hangar sync` may be filling it).
    pub async fn run(self, store: &Store) -> std::io::Result<()> {
        let router = Router::new()
            .fallback(handle)
            .with_state(Arc::clone(&self.mirror))
            .layer(tower_http::timeout::TimeoutLayer::with_status_code(
                StatusCode::REQUEST_TIMEOUT,
                REQUEST_TIMEOUT,
            ))
            .layer(tower_http::limit::RequestBodyLimitLayer::new(64 * 1024));
        let server = axum::serve(self.listener, router);
        let mirror = self.mirror;
        let reload = async {
            loop {
                tokio::time::sleep(RELOAD_EVERY).await;
                if !mirror.holdings().catalog.complete {
                    let fresh = Arc::new(Holdings::load(store));
                    if fresh.catalog.complete {
                        eprintln!(
                            "hangar: serving {}",
                            fresh.describe(&mirror.upstream, jiff::Timestamp::now())
                        );
                    }
                    *mirror.holdings.write().unwrap_or_else(|p| p.into_inner()) = fresh;
                }
            }
        };
        tokio::select! {
            result = server => result,
            () = reload => Ok(()),
        }
    }
}

/// What a path asks for.
enum Route<'a> {
    List,
    Detail(&'a str),
}

fn route<'a>(prefix: &str, path: &'a str) -> Option<Route<'a>> {
    let rest = path.strip_prefix(prefix)?.strip_prefix("/spacecraft/")?;
    if rest.is_empty() {
        return Some(Route::List);
    }
    // DRF's router: `[^/.]+`, then a slash.
    let id = rest.strip_suffix('/')?;
    (!id.is_empty() && !id.contains(['/', '.'])).then_some(Route::Detail(id))
}

async fn handle(State(mirror): State<Arc<Mirror>>, request: Request) -> Response {
    answer(&mirror, &request).into_response()
}

fn answer(mirror: &Mirror, request: &Request) -> Answer {
    let target = request
        .uri()
        .path_and_query()
        .map_or(0, |p| p.as_str().len());
    if target > MAX_TARGET {
        return Answer::refused(
            StatusCode::URI_TOO_LONG,
            &format!("Request URI too long: this mirror reads at most {MAX_TARGET} bytes of path and query."),
        );
    }
    // Django routes the decoded path.
    let path = params::unquote(request.uri().path());
    let Some(route) = route(&mirror.prefix, &path) else {
        return Answer::error(
            StatusCode::NOT_FOUND,
            json!({"detail": format!(
                "Not found. This mirror serves {0}/spacecraft/ and {0}/spacecraft/{{id}}/ (GET).",
                mirror.public
            )}),
        );
    };
    let Some(params) = Params::parse(request.uri().query().unwrap_or("")) else {
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
    match *request.method() {
        Method::GET | Method::HEAD => {}
        Method::OPTIONS => {
            return Answer::ok(json!({
                "name": match route {
                    Route::List => "Spacecraft List",
                    Route::Detail(_) => "Spacecraft Instance",
                },
                "description": "",
                "renders": ["application/json"],
                "parses": ["application/json", "application/x-www-form-urlencoded", "multipart/form-data"],
            }))
        }
        ref other => return Answer::method_not_allowed(other.as_str()),
    }
    let list_url = format!("{}/spacecraft/", mirror.public);
    let asked = Asked {
        params: &params,
        list_url: &list_url,
        rewrite: Rewrite {
            upstream: mirror.upstream.base(),
            public: &mirror.public,
            format,
        },
    };
    let held = mirror.holdings();
    match route {
        Route::List => spacecraft::list(&held, &asked),
        Route::Detail(id) => spacecraft::detail(&held, &asked, id),
    }
}
