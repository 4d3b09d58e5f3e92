//! Where data comes from: the live API, the on-disk cache, or the bundled
//! snapshot, in that order of preference, with stale-but-present data served
//! (and said so) when the network fails. The CLI and the TUI both load through
//! a [`Store`].

use crate::api::endpoints::PAGE_SIZE;
use crate::api::ledger::{BudgetView, Ledger, Priority};
use crate::api::models::RawRecord;
use crate::api::paging::{self, Keyed, PageEvent, Plan, CONCURRENCY};
use crate::api::{ApiError, Client, ClientConfig, Endpoints, Flight, Spacecraft};
use crate::data::cache::{Cache, Entry};
use crate::data::snapshot;
use jiff::{SignedDuration, Timestamp};
use serde::de::DeserializeOwned;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

/// How long responses count as fresh.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Freshness {
    /// Catalog pages and single records.
    pub catalog: SignedDuration,
    /// Flights of a spacecraft that is not in space (they no longer change),
    /// and the synced flights of every spacecraft.
    pub flights: SignedDuration,
    /// Flights of a spacecraft in space (or not known to be on the ground):
    /// docking and landing still change them.
    pub in_space: SignedDuration,
}

impl Default for Freshness {
    fn default() -> Self {
        Freshness {
            catalog: SignedDuration::from_hours(24),
            flights: SignedDuration::from_hours(24 * 7),
            in_space: SignedDuration::from_hours(2),
        }
    }
}

/// The default of `--reserve`: requests background work leaves for the user.
pub const DEFAULT_RESERVE: u32 = 3;

/// Hosts the bundled snapshot was taken from: only their data may stand in for it.
pub fn snapshot_applies(endpoints: &Endpoints) -> bool {
    matches!(
        endpoints.host(),
        "ll.thespacedevs.com" | "lldev.thespacedevs.com"
    )
}

#[derive(Debug, Clone)]
pub struct StoreConfig {
    pub endpoints: Endpoints,
    pub client: ClientConfig,
    pub cache_dir: PathBuf,
    /// Never touch the network.
    pub offline: bool,
    /// Ignore freshness: always ask the API first.
    pub refresh: bool,
    pub freshness: Freshness,
    /// Requests of each window that background work leaves for the user.
    pub reserve: u32,
    /// Whether the bundled snapshot may stand in when nothing else is there
    /// (see [`snapshot_applies`]).
    pub snapshot: bool,
}

/// Where a result came from.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Origin {
    Live,
    Cache { fetched_at: Timestamp, stale: bool },
    Snapshot,
}

impl Origin {
    /// "live", "cache, 2 h old", "stale cache, 3 d old", "offline snapshot".
    pub fn describe(&self, now: Timestamp) -> String {
        match self {
            Origin::Live => "live".to_string(),
            Origin::Cache { fetched_at, stale } => format!(
                "{}cache, {} old",
                if *stale { "stale " } else { "" },
                human_age(now.duration_since(*fetched_at))
            ),
            Origin::Snapshot => "the bundled offline snapshot".to_string(),
        }
    }
}

pub use crate::api::error::human_age;

/// A result and how much to trust it.
#[derive(Debug, Clone, PartialEq)]
pub struct Fetched<T> {
    pub value: T,
    pub origin: Origin,
    /// Why an older source was used (the network error), or what is missing.
    pub notice: Option<String>,
    /// Set when a list is missing pages: what it has.
    pub partial: Option<Partial>,
    /// When asking the API again may work, if the budget or a throttle stopped it.
    pub retry_at: Option<Timestamp>,
}

impl<T> Fetched<T> {
    pub fn new(value: T, origin: Origin) -> Self {
        Fetched {
            value,
            origin,
            notice: None,
            partial: None,
            retry_at: None,
        }
    }

    /// Not everything that was asked for, or not from where it was asked:
    /// a partial list, the snapshot, or an old copy because the API failed.
    pub fn is_substitute(&self) -> bool {
        self.partial.is_some()
            || self.origin == Origin::Snapshot
            || (self.notice.is_some() && matches!(self.origin, Origin::Cache { stale: true, .. }))
    }
}

/// A list with pages missing.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Partial {
    pub have: usize,
    pub count: Option<u64>,
}

impl Partial {
    /// "partial: 100 of 644 spacecraft; the rest after 10:42".
    pub fn describe(&self, what: &str, retry_at: Option<Timestamp>) -> String {
        let count = self.count.map_or("?".to_string(), |c| c.to_string());
        let mut text = format!("partial: {} of {count} {what}", self.have);
        if let Some(at) = retry_at {
            text.push_str(&format!(
                "; the rest after {}",
                crate::api::error::clock_time(at)
            ));
        }
        text
    }
}

/// What the sync holds, for the status line and `hangar status`.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct SyncState {
    pub synced: usize,
    pub total: Option<u64>,
    pub complete: bool,
    pub fetched_at: Option<Timestamp>,
}

/// Which spacecraft's flights, and what the catalog says of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FlightsOf {
    pub id: u64,
    pub in_space: Option<bool>,
    /// The catalog's `flights_count`: a partial sync that holds this many
    /// flights of the spacecraft holds all of them.
    pub flights_count: Option<u32>,
}

impl FlightsOf {
    pub fn of(s: &Spacecraft) -> Self {
        FlightsOf {
            id: s.id,
            in_space: s.in_space,
            flights_count: s.flights_count,
        }
    }
}

/// Every flight the sync brought, by spacecraft; built once per process.
#[derive(Debug, Default)]
pub struct FlightIndex {
    by_spacecraft: HashMap<u64, Vec<Flight>>,
    state: SyncState,
}

impl FlightIndex {
    fn new(flights: Vec<Flight>, state: SyncState) -> Self {
        let mut by_spacecraft: HashMap<u64, Vec<Flight>> = HashMap::new();
        for f in flights {
            if let Some(id) = f.spacecraft.as_ref().map(|s| s.id) {
                by_spacecraft.entry(id).or_default().push(f);
            }
        }
        for flights in by_spacecraft.values_mut() {
            *flights = in_launch_order(std::mem::take(flights));
        }
        FlightIndex {
            by_spacecraft,
            state,
        }
    }

    pub fn state(&self) -> SyncState {
        self.state
    }

    /// The spacecraft's flights when the sync holds all of them.
    fn flights_of(&self, of: FlightsOf) -> Option<Vec<Flight>> {
        let held = self
            .by_spacecraft
            .get(&of.id)
            .map_or(&[][..], Vec::as_slice);
        let all = self.state.complete || of.flights_count.is_some_and(|n| n as usize == held.len());
        all.then(|| held.to_vec())
    }

    fn flight(&self, id: u64) -> Option<Flight> {
        self.by_spacecraft
            .values()
            .flatten()
            .find(|f| f.id == id)
            .cloned()
    }
}

/// A whole list endpoint (the catalog, a spacecraft's flights).
#[derive(Debug, Clone, PartialEq)]
pub struct Listing<T> {
    pub records: Vec<T>,
    /// What the API said the list holds; may exceed `records` in a partial cache.
    pub count: Option<u64>,
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum StoreError {
    #[error(transparent)]
    Api(#[from] ApiError),
    #[error(
        "{0} is not available offline: it is neither in the cache nor in the bundled snapshot"
    )]
    Offline(String),
    /// The snapshot is another server's data: it never stands in for this one.
    #[error("no data for {what} from {host}: {reason}; nothing is cached, and the bundled snapshot stands in only for ll.thespacedevs.com")]
    NoData {
        what: String,
        host: String,
        reason: String,
    },
}

pub struct Store {
    endpoints: Endpoints,
    client: Option<Client>,
    ledger: Arc<Ledger>,
    cache: Cache,
    refresh: bool,
    freshness: Freshness,
    snapshot: bool,
    /// The synced flights, read from the cache the first time they are wanted.
    synced: Mutex<Option<Arc<FlightIndex>>>,
}

impl Store {
    pub fn new(config: StoreConfig) -> Result<Self, String> {
        let cache = Cache::new(&config.cache_dir);
        let ledger = Arc::new(Ledger::at(
            &config.cache_dir,
            config.endpoints.host(),
            config.client.api_key.as_deref(),
            config.reserve,
        ));
        let client = if config.offline {
            None
        } else {
            Some(
                Client::new(config.client)?
                    .with_ledger(Arc::clone(&ledger), config.endpoints.throttle()),
            )
        };
        Ok(Store {
            endpoints: config.endpoints,
            client,
            ledger,
            cache,
            refresh: config.refresh,
            freshness: config.freshness,
            snapshot: config.snapshot,
            synced: Mutex::new(None),
        })
    }

    /// The request budget every request of this store is counted against.
    pub fn ledger(&self) -> &Arc<Ledger> {
        &self.ledger
    }

    /// Requests in flight from this process (a command waits for them: the server counted them).
    pub fn in_flight(&self) -> usize {
        self.ledger.in_flight()
    }

    /// Who hears about retries of transient failures.
    pub fn observe_retries(&self, observer: crate::api::client::RetryObserver) {
        if let Some(client) = &self.client {
            client.observe_retries(observer);
        }
    }

    pub fn endpoints(&self) -> &Endpoints {
        &self.endpoints
    }

    pub fn cache(&self) -> &Cache {
        &self.cache
    }

    pub fn is_offline(&self) -> bool {
        self.client.is_none()
    }

    /// The bundled snapshot's answer, where it may stand in for this API.
    fn snapshot<T>(&self, f: impl FnOnce() -> Option<T>) -> Option<T> {
        if self.snapshot {
            f()
        } else {
            None
        }
    }

    /// The whole catalog, in id order. `progress` sees every page that arrives
    /// from the network (the TUI fills its list from it).
    pub async fn catalog(
        &self,
        progress: impl FnMut(&PageEvent<'_, Spacecraft>),
    ) -> Result<Fetched<Listing<Spacecraft>>, StoreError> {
        self.catalog_as(Priority::Explicit, progress).await
    }

    async fn catalog_as(
        &self,
        priority: Priority,
        progress: impl FnMut(&PageEvent<'_, Spacecraft>),
    ) -> Result<Fetched<Listing<Spacecraft>>, StoreError> {
        let endpoints = &self.endpoints;
        self.listing(
            |offset| endpoints.catalog_page(offset),
            self.freshness.catalog,
            priority,
            || self.snapshot(|| Some(snapshot::catalog())),
            progress,
        )
        .await
        .map_err(|e| self.explain(e, "the catalog"))?
        .ok_or_else(|| self.nothing_offline("the catalog"))
    }

    fn nothing_offline(&self, what: &str) -> StoreError {
        if self.snapshot {
            StoreError::Offline(what.to_string())
        } else {
            self.no_data(what, "offline (--offline)".into())
        }
    }

    fn no_data(&self, what: &str, reason: String) -> StoreError {
        StoreError::NoData {
            what: what.to_string(),
            host: self.endpoints.host().to_string(),
            reason,
        }
    }

    /// A failure with nothing to show: for an API the snapshot does not
    /// stand in for, said as such (a record the API says is not there stays that).
    fn explain(&self, err: StoreError, what: &str) -> StoreError {
        match err {
            // A request the ledger kept back is not a failure of the API.
            StoreError::Api(e)
                if !self.snapshot
                    && !e.is_definitive()
                    && !matches!(e, ApiError::OverBudget { .. }) =>
            {
                self.no_data(what, e.to_string())
            }
            other => other,
        }
    }

    /// How long flights of a spacecraft stay fresh.
    fn flights_ttl(&self, in_space: Option<bool>) -> SignedDuration {
        if in_space == Some(false) {
            self.freshness.flights
        } else {
            self.freshness.in_space
        }
    }

    /// Every flight of one spacecraft, in launch order: from its own cached
    /// list when fresh, else from the sync when it holds them all and is
    /// fresh enough, else from the API. Flights of a spacecraft known not to
    /// be in space stay fresh longer.
    pub async fn flights(
        &self,
        of: FlightsOf,
        priority: Priority,
    ) -> Result<Fetched<Listing<Flight>>, StoreError> {
        let ttl = self.flights_ttl(of.in_space);
        let endpoints = &self.endpoints;
        let page_url = |offset| endpoints.flights_page(of.id, offset);
        let own_fresh = self
            .local_listing::<Flight>(&page_url, ttl)
            .is_some_and(|l| l.fresh);
        if !own_fresh && !self.refresh {
            if let Some(fetched) = self.synced_flights(of, ttl) {
                return Ok(fetched);
            }
        }
        let result = self
            .listing(
                page_url,
                ttl,
                priority,
                || {
                    self.snapshot(|| {
                        let flights = snapshot::flights_of(of.id);
                        (!flights.is_empty()).then_some(flights)
                    })
                },
                |_| {},
            )
            .await;
        let fetched = match result {
            Ok(Some(fetched)) => fetched,
            // Nothing of its own: an old sync is better than nothing.
            Ok(None) | Err(_) if self.synced_flights(of, SignedDuration::MAX).is_some() => {
                let mut old = self
                    .synced_flights(of, SignedDuration::MAX)
                    .expect("checked");
                old.notice = result.err().map(|e| e.to_string());
                return Ok(old);
            }
            Ok(None) => {
                return Err(self.nothing_offline(&format!("the flights of spacecraft {}", of.id)))
            }
            Err(e) => return Err(self.explain(e, &format!("the flights of spacecraft {}", of.id))),
        };
        Ok(Fetched {
            value: Listing {
                records: in_launch_order(fetched.value.records),
                count: fetched.value.count,
            },
            ..fetched
        })
    }

    /// The spacecraft's flights from the sync, when it holds all of them and they are younger than `ttl`.
    fn synced_flights(
        &self,
        of: FlightsOf,
        ttl: SignedDuration,
    ) -> Option<Fetched<Listing<Flight>>> {
        let index = self.flight_index()?;
        let state = index.state();
        let fetched_at = state.fetched_at?;
        let now = Timestamp::now();
        if now.duration_since(fetched_at) >= ttl {
            return None;
        }
        let records = index.flights_of(of)?;
        let stale = now.duration_since(fetched_at) >= self.flights_ttl(of.in_space);
        Some(from_cache(
            Listing {
                count: Some(records.len() as u64),
                records,
            },
            fetched_at,
            stale,
            None,
        ))
    }

    /// The synced flights, read from the cache once per process.
    pub fn flight_index(&self) -> Option<Arc<FlightIndex>> {
        let mut slot = self.synced.lock().unwrap_or_else(|p| p.into_inner());
        if slot.is_none() {
            let endpoints = &self.endpoints;
            let cached =
                self.cached_listing::<Flight>(&|offset| endpoints.all_flights_page(offset))?;
            let state = cached.sync_state();
            *slot = Some(Arc::new(FlightIndex::new(cached.into_records(), state)));
        }
        slot.clone()
    }

    /// What the sync holds, without building the index when it is not built yet.
    pub fn sync_state(&self) -> SyncState {
        self.flight_index().map(|i| i.state()).unwrap_or_default()
    }

    /// The detailed record of one spacecraft: from its own cached record,
    /// else from the catalog's pages (fetched in detailed mode, they hold
    /// everything but the flights, which the sync may add), else the API.
    pub async fn spacecraft(
        &self,
        id: u64,
        priority: Priority,
    ) -> Result<Fetched<Spacecraft>, StoreError> {
        let url = self.endpoints.spacecraft(id);
        let now = Timestamp::now();
        let own_fresh = self
            .cache
            .get(&url)
            .is_some_and(|e| e.is_fresh(now, self.freshness.catalog));
        if !own_fresh && !self.refresh {
            // Shown by the TUI beside its own flights, any detailed row will
            // do; a command printing the record in full wants its flights too.
            let found = self.detailed_in_catalog(id).filter(|f| {
                priority == Priority::Background
                    || f.value.flights_count == Some(f.value.flights.len() as u32)
            });
            if let Some(found) = found {
                return Ok(found);
            }
        }
        self.record(&url, self.freshness.catalog, priority, || {
            self.snapshot(|| snapshot::spacecraft(id))
        })
        .await
        .map_err(|e| self.explain(e, &format!("spacecraft {id}")))?
        .ok_or_else(|| self.nothing_offline(&format!("spacecraft {id}")))
    }

    /// 2.2.0's records are printed as hangar reads them, in 2.3.0's names:
    /// the same JSON whichever version was read.
    fn raw_applies(&self) -> bool {
        self.endpoints.version() == crate::api::ApiVersion::V2_3
    }

    /// The API's own JSON of the catalog's records, by id (what
    /// `--format json` prints): the cached pages, else the snapshot's.
    pub fn raw_catalog(&self) -> HashMap<u64, Value> {
        if !self.raw_applies() {
            return HashMap::new();
        }
        let endpoints = &self.endpoints;
        match self.cached_listing::<RawRecord>(&|offset| endpoints.catalog_page(offset)) {
            Some(listing) => raw_by_id(listing.into_records()),
            None => self
                .snapshot(|| Some(snapshot::raw_catalog()))
                .unwrap_or_default(),
        }
    }

    /// The API's own JSON of flights, by id: the snapshot's, the sync's, and
    /// (newest) those of `spacecraft_id`'s own list.
    pub fn raw_flights(&self, spacecraft_id: Option<u64>) -> HashMap<u64, Value> {
        if !self.raw_applies() {
            return HashMap::new();
        }
        let endpoints = &self.endpoints;
        let mut raw = self
            .snapshot(|| Some(snapshot::raw_flights()))
            .unwrap_or_default();
        let mut lists = vec![self.cached_listing::<RawRecord>(&|o| endpoints.all_flights_page(o))];
        if let Some(id) = spacecraft_id {
            lists.push(self.cached_listing::<RawRecord>(&|o| endpoints.flights_page(id, o)));
        }
        for listing in lists.into_iter().flatten() {
            raw.extend(raw_by_id(listing.into_records()));
        }
        raw
    }

    /// The API's own JSON of one spacecraft in full: its own record, else
    /// its detailed catalog row with `flights` as the API would list them.
    pub fn raw_spacecraft(&self, record: &Spacecraft) -> Option<Value> {
        if !self.raw_applies() {
            return None;
        }
        let url = self.endpoints.spacecraft(record.id);
        if let Some((_, raw)) = self.cached::<RawRecord>(&url, paging::parse_record) {
            return Some(raw.0);
        }
        let mut raw = self.raw_catalog().remove(&record.id)?;
        if let Some(object) = raw.as_object_mut().filter(|o| !o.contains_key("flights")) {
            let flights = self.raw_flights(Some(record.id));
            let listed: Vec<Value> = record
                .flights
                .iter()
                .filter_map(|f| flights.get(&f.id).cloned())
                .collect();
            object.insert("flights".into(), Value::Array(listed));
        }
        Some(raw)
    }

    /// The API's own JSON of one flight: its own record, else the sync's or the snapshot's.
    pub fn raw_flight(&self, id: u64) -> Option<Value> {
        if !self.raw_applies() {
            return None;
        }
        let url = self.endpoints.flight(id);
        match self.cached::<RawRecord>(&url, paging::parse_record) {
            Some((_, raw)) => Some(raw.0),
            None => self.raw_flights(None).remove(&id),
        }
    }

    /// A spacecraft from fresh, detailed catalog pages, with the synced flights when they are all there.
    fn detailed_in_catalog(&self, id: u64) -> Option<Fetched<Spacecraft>> {
        let local = self.catalog_local();
        if !local.fresh || local.fetched.origin == Origin::Snapshot {
            return None;
        }
        let mut record = local
            .fetched
            .value
            .records
            .into_iter()
            .find(|s| s.id == id)?;
        if !record.detailed {
            return None;
        }
        let of = FlightsOf::of(&record);
        if let Some(flights) = self.flight_index().and_then(|i| i.flights_of(of)) {
            record.flights = flights;
        }
        Some(Fetched {
            notice: local.fetched.notice,
            ..Fetched::new(record, local.fetched.origin)
        })
    }

    pub async fn flight(&self, id: u64) -> Result<Fetched<Flight>, StoreError> {
        let url = self.endpoints.flight(id);
        let ttl = self.freshness.catalog;
        let own_fresh = self
            .cache
            .get(&url)
            .is_some_and(|e| e.is_fresh(Timestamp::now(), ttl));
        if !own_fresh && !self.refresh {
            let synced = self.flight_index().and_then(|index| {
                let flight = index.flight(id)?;
                let fetched_at = index.state().fetched_at?;
                let in_space = flight.spacecraft.as_ref().and_then(|s| s.in_space);
                let age = Timestamp::now().duration_since(fetched_at);
                (age < self.flights_ttl(in_space))
                    .then(|| from_cache(flight, fetched_at, false, None))
            });
            if let Some(found) = synced {
                return Ok(found);
            }
        }
        self.record(&url, ttl, Priority::Explicit, || {
            self.snapshot(|| snapshot::flight(id))
        })
        .await
        .map_err(|e| self.explain(e, &format!("flight {id}")))?
        .ok_or_else(|| self.nothing_offline(&format!("flight {id}")))
    }

    /// The request budget: read from the API (`/api-throttle/`, which costs
    /// none of it) into the ledger; offline, what the ledger last knew.
    pub async fn budget(&self) -> Result<BudgetView, StoreError> {
        if let Some(client) = &self.client {
            client.read_budget().await?;
        }
        Ok(self.ledger.view())
    }

    /// One record: fresh cache, else the API, else stale cache, else `fallback`.
    /// `Ok(None)` means there was nothing at all to show offline.
    async fn record<T: DeserializeOwned + Keyed>(
        &self,
        url: &str,
        ttl: SignedDuration,
        priority: Priority,
        fallback: impl FnOnce() -> Option<T>,
    ) -> Result<Option<Fetched<T>>, StoreError> {
        let now = Timestamp::now();
        let cached = self.cached::<T>(url, paging::parse_record);
        let serve_cached = cached.as_ref().is_some_and(|(entry, _)| {
            !self.refresh && entry.is_fresh(now, ttl) || self.client.is_none()
        });
        if serve_cached {
            return Ok(cached.map(|(entry, value)| {
                let stale = !entry.is_fresh(now, ttl);
                from_cache(value, entry.fetched_at, stale, None)
            }));
        }
        let Some(client) = &self.client else {
            return Ok(fallback().map(|value| snapshot_result(value, None)));
        };
        let err = match client
            .get_as(priority, url, |body| {
                paging::parse_record::<T>(body).map(|r| (r, body.to_string()))
            })
            .await
        {
            Ok((value, body)) => {
                self.save(url, &body, now);
                return Ok(Some(Fetched::new(value, Origin::Live)));
            }
            Err(err) => err,
        };
        if err.is_definitive() {
            return Err(err.into());
        }
        let notice = Some(err.to_string());
        if let Some((entry, value)) = cached {
            return Ok(Some(from_cache(value, entry.fetched_at, true, notice)));
        }
        match fallback() {
            Some(value) => Ok(Some(snapshot_result(value, notice))),
            None => Err(err.into()),
        }
    }

    /// A whole list: every page fresh in the cache, else the API for the
    /// pages not held fresh (all at once when the cache knows the count),
    /// else whatever the cache holds, else `fallback`. A walk the budget or
    /// the network cut short gives what it has, marked partial.
    async fn listing<T: DeserializeOwned + Keyed>(
        &self,
        page_url: impl Fn(u64) -> String,
        ttl: SignedDuration,
        priority: Priority,
        fallback: impl FnOnce() -> Option<Vec<T>>,
        progress: impl FnMut(&PageEvent<'_, T>),
    ) -> Result<Option<Fetched<Listing<T>>>, StoreError> {
        self.listing_with(page_url, ttl, priority, self.refresh, fallback, progress)
            .await
    }

    async fn listing_with<T: DeserializeOwned + Keyed>(
        &self,
        page_url: impl Fn(u64) -> String,
        ttl: SignedDuration,
        priority: Priority,
        force: bool,
        fallback: impl FnOnce() -> Option<Vec<T>>,
        mut progress: impl FnMut(&PageEvent<'_, T>),
    ) -> Result<Option<Fetched<Listing<T>>>, StoreError> {
        let now = Timestamp::now();
        let local = self.cached_listing::<T>(&page_url);
        let Some(client) = &self.client else {
            return Ok(match local {
                Some(l) => Some(l.into_fetched(now, ttl, None)),
                None => fallback().map(snapshot_listing),
            });
        };
        if let Some(l) = &local {
            if l.is_fresh(now, ttl) && !force {
                return Ok(local.map(|l| l.into_fetched(now, ttl, None)));
            }
        }
        let held = match &local {
            Some(l) if !force => l.held(now, ttl),
            _ => BTreeSet::new(),
        };
        let plan = Plan {
            priority,
            known_count: local.as_ref().and_then(|l| l.count),
            held: held.clone(),
        };
        let loaded = paging::load_all(client, &page_url, plan, |event| {
            self.save(event.url, event.body, now);
            progress(&event);
        })
        .await;
        tracing::info!(
            requests = loaded.requests,
            records = loaded.records.len(),
            rechecked = loaded.rechecked,
            stopped = loaded.stopped.as_ref().map(|e| e.to_string()),
            "list loaded"
        );
        if let Some((said, delivered)) = loaded.count_mismatch {
            tracing::warn!(said, delivered, "the server's count and its pages disagree");
        }
        let mismatch = loaded.count_mismatch.map(|(said, delivered)| {
            format!("the API said {said} records but its pages end at {delivered}")
        });
        let skipped = left_out(loaded.skipped);
        // What the cache is read back for says its own left-out records.
        let remarks = join_notices([mismatch.clone(), skipped]);
        let Some(err) = loaded.stopped else {
            if loaded.missing.is_empty() {
                // Everything is here: the pages held and the pages just fetched.
                let mut merged: BTreeMap<u64, T> = BTreeMap::new();
                if let Some(l) = local {
                    for (offset, page) in l.pages {
                        if held.contains(&offset) && !loaded.rechecked {
                            merged.extend(page.records.into_iter().map(|r| (r.key(), r)));
                        }
                    }
                }
                merged.extend(loaded.records.into_iter().map(|r| (r.key(), r)));
                let mut fetched = Fetched::new(
                    Listing {
                        records: merged.into_values().collect(),
                        count: loaded.count,
                    },
                    Origin::Live,
                );
                fetched.notice = remarks;
                return Ok(Some(fetched));
            }
            // Pages the walk could not plan (more than it may ask for).
            return self
                .incomplete(&page_url, now, ttl, loaded.records, None, mismatch)
                .map_or_else(|| Ok(fallback().map(snapshot_listing)), |f| Ok(Some(f)));
        };
        if err.is_definitive() && loaded.records.is_empty() {
            return Err(err.into());
        }
        let resume_at = err.retry_at();
        let notice = join_notices([Some(err.to_string()), mismatch]);
        if let Some(fetched) = self.incomplete(
            &page_url,
            now,
            ttl,
            loaded.records,
            resume_at,
            notice.clone(),
        ) {
            return Ok(Some(fetched));
        }
        match fallback() {
            Some(records) => Ok(Some(Fetched {
                notice,
                retry_at: resume_at,
                ..snapshot_listing(records)
            })),
            None => Err(err.into()),
        }
    }

    /// What the cache holds after a walk that did not finish, with the
    /// records that arrived (should the cache have failed to keep them).
    fn incomplete<T: DeserializeOwned + Keyed>(
        &self,
        page_url: &impl Fn(u64) -> String,
        now: Timestamp,
        ttl: SignedDuration,
        live: Vec<T>,
        resume_at: Option<Timestamp>,
        notice: Option<String>,
    ) -> Option<Fetched<Listing<T>>> {
        let after = self.cached_listing::<T>(page_url)?;
        let mut fetched = after.into_fetched(now, ttl, notice);
        let mut merged: BTreeMap<u64, T> = std::mem::take(&mut fetched.value.records)
            .into_iter()
            .map(|r| (r.key(), r))
            .collect();
        merged.extend(live.into_iter().map(|r| (r.key(), r)));
        fetched.value.records = merged.into_values().collect();
        if let Some(partial) = &mut fetched.partial {
            partial.have = fetched.value.records.len();
        }
        fetched.retry_at = resume_at;
        Some(fetched)
    }

    /// What the cache holds for a list, of any age, and whether it is fresh.
    fn local_listing<T: DeserializeOwned + Keyed>(
        &self,
        page_url: &impl Fn(u64) -> String,
        ttl: SignedDuration,
    ) -> Option<LocalListing<T>> {
        let now = Timestamp::now();
        let cached = self.cached_listing::<T>(page_url)?;
        let fresh = cached.is_fresh(now, ttl);
        Some(LocalListing {
            fetched: cached.into_fetched(now, ttl, None),
            fresh,
        })
    }

    /// The catalog without the network: the cache of any age, else the
    /// snapshot (where it applies); and whether that is fresh enough not to ask the API.
    pub fn catalog_local(&self) -> LocalListing<Spacecraft> {
        let endpoints = &self.endpoints;
        self.local_listing(
            &|offset| endpoints.catalog_page(offset),
            self.freshness.catalog,
        )
        .unwrap_or_else(|| LocalListing {
            fetched: snapshot_listing(
                self.snapshot(|| Some(snapshot::catalog()))
                    .unwrap_or_default(),
            ),
            fresh: false,
        })
    }

    /// The catalog from the API for what the cache does not hold fresh
    /// (everything with `force`), as the user asked for it.
    pub async fn catalog_remote(
        &self,
        force: bool,
        progress: impl FnMut(&PageEvent<'_, Spacecraft>),
    ) -> Result<Fetched<Listing<Spacecraft>>, StoreError> {
        let endpoints = &self.endpoints;
        self.listing_with(
            |offset| endpoints.catalog_page(offset),
            self.freshness.catalog,
            Priority::Explicit,
            force,
            || None,
            progress,
        )
        .await?
        .ok_or_else(|| self.nothing_offline("the catalog"))
    }

    /// Fetches the whole catalog and then every spacecraft flight, a page
    /// of 100 at a time, as background work: it never spends the reserve.
    /// Pages held fresh are not fetched again, so a sync the budget stopped
    /// resumes where it was. `progress` sees every page that arrives.
    pub async fn sync(
        &self,
        mut progress: impl FnMut(SyncEvent),
    ) -> Result<SyncReport, StoreError> {
        let endpoints = &self.endpoints;
        let catalog = self
            .listing(
                |offset| endpoints.catalog_page(offset),
                self.freshness.catalog,
                Priority::Background,
                || None,
                |e: &PageEvent<'_, Spacecraft>| {
                    progress(SyncEvent {
                        list: SyncList::Catalog,
                        done: e.done,
                        total: e.total,
                        count: e.page.count,
                    })
                },
            )
            .await?
            .ok_or_else(|| self.nothing_offline("the catalog"))?;
        let catalog_state = ListState::of(&catalog);
        if catalog.partial.is_some() || self.client.is_none() {
            return Ok(SyncReport {
                catalog: catalog_state,
                flights: None,
                notice: catalog.notice,
            });
        }
        let page_url = |offset| endpoints.all_flights_page(offset);
        let flights = self
            .listing(
                page_url,
                self.freshness.flights,
                Priority::Background,
                || None,
                |e: &PageEvent<'_, Flight>| {
                    progress(SyncEvent {
                        list: SyncList::Flights,
                        done: e.done,
                        total: e.total,
                        count: e.page.count,
                    })
                },
            )
            .await?
            .ok_or_else(|| self.nothing_offline("the flights"))?;
        let flights_state = ListState::of(&flights);
        let state = SyncState {
            synced: flights.value.records.len(),
            total: flights.value.count,
            complete: flights.partial.is_none(),
            fetched_at: self
                .cached_listing::<Flight>(&page_url)
                .and_then(|l| l.oldest()),
        };
        let notice = flights.notice.clone();
        *self.synced.lock().unwrap_or_else(|p| p.into_inner()) =
            Some(Arc::new(FlightIndex::new(flights.value.records, state)));
        Ok(SyncReport {
            catalog: catalog_state,
            flights: Some(flights_state),
            notice,
        })
    }

    fn save(&self, url: &str, body: &str, now: Timestamp) {
        if let Err(e) = self.cache.put(url, body, now) {
            tracing::warn!(url, error = %e, "cannot write the cache");
        }
    }

    /// A cached response that still parses; one that does not is discarded.
    fn cached<T>(&self, url: &str, parse: fn(&str) -> Result<T, String>) -> Option<(Entry, T)> {
        let entry = self.cache.get(url)?;
        match parse(&entry.body) {
            Ok(value) => Some((entry, value)),
            Err(reason) => {
                tracing::warn!(url, %reason, "cached body no longer parses; discarding it");
                self.cache.remove(url);
                None
            }
        }
    }

    /// Every cached page of a list. The walk reads what is on disk: it stops
    /// where a short page ends the list, or after more missing pages in a
    /// row than one load leaves holes, whatever `count` says.
    fn cached_listing<T: DeserializeOwned + Keyed>(
        &self,
        page_url: &impl Fn(u64) -> String,
    ) -> Option<CachedListing<T>> {
        let (first_entry, first) = self.cached(&page_url(0), paging::parse_page::<T>)?;
        let count = first.count;
        let mut end = count.unwrap_or(0);
        let mut pages = BTreeMap::new();
        let mut note = |offset: u64, entry: Entry, page: paging::Page<T>, end: &mut u64| {
            let rows = (page.results.len() + page.skipped) as u64;
            if rows < PAGE_SIZE {
                *end = (*end).min(offset.saturating_add(rows));
            }
            pages.insert(
                offset,
                CachedPage {
                    fetched_at: entry.fetched_at,
                    count: page.count,
                    records: page.results,
                    skipped: page.skipped,
                },
            );
        };
        note(0, first_entry, first, &mut end);
        let mut misses = 0;
        let mut offset = PAGE_SIZE;
        while offset < end && misses < 2 * CONCURRENCY {
            match self.cached(&page_url(offset), paging::parse_page::<T>) {
                Some((entry, page)) => {
                    misses = 0;
                    note(offset, entry, page, &mut end);
                }
                None => misses += 1,
            }
            offset = offset.saturating_add(PAGE_SIZE);
        }
        Some(CachedListing {
            pages,
            count: count.map(|c| c.min(end.max(1))),
            end,
        })
    }
}

/// One cached page.
struct CachedPage<T> {
    fetched_at: Timestamp,
    count: Option<u64>,
    records: Vec<T>,
    skipped: usize,
}

/// A list as the cache (or the snapshot) has it.
pub struct LocalListing<T> {
    pub fetched: Fetched<Listing<T>>,
    /// Complete and within the freshness window: no need to ask the API.
    pub fresh: bool,
}

struct CachedListing<T> {
    pages: BTreeMap<u64, CachedPage<T>>,
    /// The first page's `count`, held to where the pages really end.
    count: Option<u64>,
    end: u64,
}

impl<T: Keyed> CachedListing<T> {
    /// Offsets the list has according to its count.
    fn expected(&self) -> impl Iterator<Item = u64> {
        let pages = self.end.div_ceil(PAGE_SIZE).max(1);
        (0..pages).map(|p| p * PAGE_SIZE)
    }

    /// Every page there, all from one state of the list.
    fn complete(&self) -> bool {
        let first = self.pages.get(&0).and_then(|p| p.count);
        self.expected().all(|o| self.pages.contains_key(&o))
            && self.pages.values().all(|p| p.count == first)
    }

    fn oldest(&self) -> Option<Timestamp> {
        self.pages.values().map(|p| p.fetched_at).min()
    }

    fn is_fresh(&self, now: Timestamp, ttl: SignedDuration) -> bool {
        self.complete() && self.oldest().is_some_and(|t| now.duration_since(t) < ttl)
    }

    /// Pages fresh enough not to fetch again, from the same state of the list as the first.
    fn held(&self, now: Timestamp, ttl: SignedDuration) -> BTreeSet<u64> {
        let first = self.pages.get(&0).and_then(|p| p.count);
        self.pages
            .iter()
            .filter(|(_, p)| p.count == first && now.duration_since(p.fetched_at) < ttl)
            .map(|(o, _)| *o)
            .collect()
    }

    fn sync_state(&self) -> SyncState {
        SyncState {
            synced: self.pages.values().map(|p| p.records.len()).sum(),
            total: self.count,
            complete: self.complete(),
            fetched_at: self.oldest(),
        }
    }

    /// Every record, merged by id, in id order.
    fn into_records(self) -> Vec<T> {
        let mut merged = BTreeMap::new();
        for page in self.pages.into_values() {
            merged.extend(page.records.into_iter().map(|r| (r.key(), r)));
        }
        merged.into_values().collect()
    }

    fn into_fetched(
        self,
        now: Timestamp,
        ttl: SignedDuration,
        notice: Option<String>,
    ) -> Fetched<Listing<T>> {
        let complete = self.complete();
        let fetched_at = self.oldest().unwrap_or(now);
        let stale = !complete || now.duration_since(fetched_at) >= ttl;
        let count = self.count;
        let skipped = left_out(self.pages.values().map(|p| p.skipped).sum());
        let notice = join_notices([notice, skipped]);
        let records = self.into_records();
        let partial = (!complete).then_some(Partial {
            have: records.len(),
            count,
        });
        let mut fetched = from_cache(Listing { records, count }, fetched_at, stale, notice);
        fetched.partial = partial;
        fetched
    }
}

/// What is said of records a page had but hangar could not keep.
fn left_out(skipped: usize) -> Option<String> {
    (skipped > 0).then(|| {
        format!(
            "{skipped} records left out: without an id hangar can keep (missing, 0, negative, or past 2^64)"
        )
    })
}

fn raw_by_id(records: Vec<RawRecord>) -> HashMap<u64, Value> {
    records.into_iter().map(|r| (r.id(), r.0)).collect()
}

fn join_notices<const N: usize>(parts: [Option<String>; N]) -> Option<String> {
    let parts: Vec<String> = parts.into_iter().flatten().collect();
    (!parts.is_empty()).then(|| parts.join("; "))
}

/// Which list a sync page belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SyncList {
    Catalog,
    Flights,
}

/// A page of a sync arrived.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SyncEvent {
    pub list: SyncList,
    /// Pages had and known so far in this list.
    pub done: usize,
    pub total: usize,
    /// Records the list holds, as the page said.
    pub count: Option<u64>,
}

impl SyncEvent {
    /// Records had so far: every page but the last is full.
    pub fn records(&self) -> u64 {
        let had = (self.done as u64).saturating_mul(PAGE_SIZE);
        self.count.map_or(had, |c| had.min(c))
    }
}

/// How far one list of a sync got.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ListState {
    pub records: usize,
    pub count: Option<u64>,
    pub partial: Option<Partial>,
    pub retry_at: Option<Timestamp>,
}

impl ListState {
    fn of<T>(f: &Fetched<Listing<T>>) -> Self {
        ListState {
            records: f.value.records.len(),
            count: f.value.count,
            partial: f.partial,
            retry_at: f.retry_at,
        }
    }
}

/// What a sync achieved.
#[derive(Debug, Clone, PartialEq)]
pub struct SyncReport {
    pub catalog: ListState,
    /// `None` when the sync stopped before the flights.
    pub flights: Option<ListState>,
    /// Why it stopped early, when it did.
    pub notice: Option<String>,
}

impl SyncReport {
    pub fn complete(&self) -> bool {
        self.catalog.partial.is_none() && self.flights.is_some_and(|f| f.partial.is_none())
    }

    /// When the budget lets it go on, if that is what stopped it.
    pub fn resume_at(&self) -> Option<Timestamp> {
        let of = |l: &ListState| l.partial.and(l.retry_at);
        of(&self.catalog).or(self.flights.as_ref().and_then(of))
    }
}

fn from_cache<T>(
    value: T,
    fetched_at: Timestamp,
    stale: bool,
    notice: Option<String>,
) -> Fetched<T> {
    Fetched {
        notice,
        ..Fetched::new(value, Origin::Cache { fetched_at, stale })
    }
}

fn snapshot_listing<T>(records: Vec<T>) -> Fetched<Listing<T>> {
    let count = Some(records.len() as u64);
    snapshot_result(Listing { records, count }, None)
}

fn snapshot_result<T>(value: T, notice: Option<String>) -> Fetched<T> {
    Fetched {
        notice,
        ..Fetched::new(value, Origin::Snapshot)
    }
}

fn in_launch_order(mut flights: Vec<Flight>) -> Vec<Flight> {
    flights.sort_by_key(|f| (f.launch_time().is_none(), f.launch_time(), f.id));
    flights
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ages_read_naturally() {
        assert_eq!(human_age(SignedDuration::from_secs(30)), "30 s");
        assert_eq!(human_age(SignedDuration::from_mins(125)), "2 h 5 min");
        assert_eq!(human_age(SignedDuration::from_hours(80)), "3 d 8 h");
    }
}
