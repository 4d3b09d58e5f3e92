//! The one way a test starts the fake LL2 on loopback: [`FakeLl2::new`]
//! (the whole fake API: a fleet, its flights and records, a budget) or
//! [`FakeLl2::catalog`] (the catalog list only, answered by a
//! `FakeCatalog` or a responder wrapping one), then `.start().await`: an
//! [`Ll2`], the server with its handle and base URL.
//!
//! ```ignore
//! let Ll2 { server: _server, fake, url } =
//!     FakeLl2::new().fleet(150).budget(15, HOUR).planned().start().await;
//! ```

use super::{add_planned, fleet, FakeApi, PLANNED_CLOCK};
use jiff::Timestamp;
use serde_json::Value;
use std::time::Duration;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Respond};

type Edit = Box<dyn FnOnce(&mut Vec<Value>, &mut Vec<Value>) + Send>;

/// A fake LL2 answering on loopback for as long as `server` lives: bind it
/// (`server: _server`), since `let Ll2 { fake, url, .. }` drops it at once.
pub struct Ll2<F = FakeApi> {
    pub server: MockServer,
    /// What the test asks the fake: what it was paid, what it serves.
    pub fake: F,
    /// The versioned base URL (`http://127.0.0.1:PORT/2.3.0`), as `--api-url` takes it.
    pub url: String,
}

/// The whole fake API as a test wants it; [`FakeLl2::start`] serves it.
pub struct FakeLl2 {
    fleet: u64,
    records: Option<(Vec<Value>, Vec<Value>)>,
    flights: Option<usize>,
    edits: Vec<Edit>,
    limit: usize,
    window: Duration,
    version: String,
    planned: Option<Timestamp>,
}

impl Default for FakeLl2 {
    fn default() -> Self {
        FakeLl2::new()
    }
}

impl FakeLl2 {
    /// The fleet of 603 spacecraft and 1,206 flights (see [`fleet`]),
    /// 1,000 requests an hour, under `/2.3.0/`, no planned flights.
    pub fn new() -> FakeLl2 {
        FakeLl2 {
            fleet: 603,
            records: None,
            flights: None,
            edits: Vec::new(),
            limit: 1_000,
            window: Duration::from_secs(3600),
            version: "2.3.0".into(),
            planned: None,
        }
    }

    /// The fleet of `n` spacecraft (and their flights) instead.
    pub fn fleet(mut self, n: u64) -> Self {
        self.fleet = n;
        self
    }

    /// These records instead of a fleet.
    pub fn records(mut self, spacecraft: Vec<Value>, flights: Vec<Value>) -> Self {
        self.records = Some((spacecraft, flights));
        self
    }

    /// Only the first `n` flights (0: none); planned ones are added after.
    pub fn flights(mut self, n: usize) -> Self {
        self.flights = Some(n);
        self
    }

    /// Changes the spacecraft and flights before they are served (after
    /// [`flights`](Self::flights), before the planned flights join them).
    pub fn edit(
        mut self,
        edit: impl FnOnce(&mut Vec<Value>, &mut Vec<Value>) + Send + 'static,
    ) -> Self {
        self.edits.push(Box::new(edit));
        self
    }

    /// `limit` requests per sliding `window`, as DRF counts them.
    pub fn budget(mut self, limit: usize, window: Duration) -> Self {
        (self.limit, self.window) = (limit, window);
        self
    }

    /// The version in the base URL: `"2.2.0"` serves 2.2.0's paths.
    pub fn version(mut self, version: &str) -> Self {
        self.version = version.into();
        self
    }

    /// The planned flights too (the fleet's doc lists them), their NETs as
    /// written for [`PLANNED_CLOCK`].
    pub fn planned(self) -> Self {
        self.planned_at(PLANNED_CLOCK)
    }

    /// The planned flights, every NET moved by `clock - PLANNED_CLOCK`.
    pub fn planned_at(mut self, clock: Timestamp) -> Self {
        self.planned = Some(clock);
        self
    }

    pub async fn start(self) -> Ll2 {
        let (mut spacecraft, mut flights) = match self.records {
            Some(records) => records,
            None => fleet(self.fleet),
        };
        if let Some(n) = self.flights {
            flights.truncate(n);
        }
        for edit in self.edits {
            edit(&mut spacecraft, &mut flights);
        }
        if let Some(clock) = self.planned {
            add_planned(&mut spacecraft, &mut flights, clock);
        }
        let (server, fake) = FakeApi::start(spacecraft, flights, self.limit, self.window).await;
        let url = format!("{}/{}", server.uri(), self.version);
        Ll2 { server, fake, url }
    }

    /// Only the catalog list, `/2.3.0/spacecraft/`, answered by `catalog`
    /// (no budget; wiremock's 404 for every other path).
    pub fn catalog<R: Respond + Clone + 'static>(catalog: R) -> CatalogOnly<R> {
        CatalogOnly {
            catalog,
            every_path: false,
        }
    }
}

/// The catalog-only fake; [`CatalogOnly::start`] serves it.
pub struct CatalogOnly<R> {
    catalog: R,
    every_path: bool,
}

impl<R: Respond + Clone + 'static> CatalogOnly<R> {
    /// The catalog's pages for every path, `/api-throttle/` too.
    pub fn every_path(mut self) -> Self {
        self.every_path = true;
        self
    }

    pub async fn start(self) -> Ll2<R> {
        let server = MockServer::start().await;
        let mock = Mock::given(method("GET"));
        let mock = if self.every_path {
            mock
        } else {
            mock.and(path("/2.3.0/spacecraft/"))
        };
        mock.respond_with(self.catalog.clone()).mount(&server).await;
        let url = super::super::api_url(&server);
        Ll2 {
            server,
            fake: self.catalog,
            url,
        }
    }
}
