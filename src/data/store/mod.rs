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

mod changes;
mod listing;
mod planned;
mod raw;
mod records;
mod sync;

pub use listing::LocalListing;
pub use planned::{PLANNED_IN_BACKGROUND, PLANNED_WHEN_SHOWN};
pub use raw::HeldSpacecraft;
pub use records::Record;
pub use sync::{FlightIndex, ListState, OwnFlights, SyncEvent, SyncList, SyncReport, SyncState};

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
    /// Records the API sent that hangar could not keep (no usable id).
    pub left_out: usize,
}

impl<T> Fetched<T> {
    pub fn new(value: T, origin: Origin) -> Self {
        Fetched {
            value,
            origin,
            notice: None,
            partial: None,
            retry_at: None,
            left_out: 0,
        }
    }

    /// Not everything that was asked for, or not from where it was asked:
    /// a partial list, records left out, the snapshot, or an old copy
    /// because the API failed.
    pub fn is_substitute(&self) -> bool {
        self.partial.is_some()
            || self.left_out > 0
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
    /// Whether the API's own JSON is read whatever the version (the
    /// mirror's); else 2.3.0's only ([`Store::raw_catalog`] and the rest).
    raw_any_version: bool,
    /// The synced flights, read from the cache the first time they are wanted.
    synced: Mutex<Option<Arc<FlightIndex>>>,
    /// What changed when a copy replaced another, beside the cache.
    changes: Arc<crate::data::changes::ChangeLog>,
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
            raw_any_version: false,
            synced: Mutex::new(None),
            changes: Arc::new(crate::data::changes::ChangeLog::open(
                crate::data::changes::default_path(&config.cache_dir),
            )),
        })
    }

    /// The request budget every request of this store is counted against.
    /// Another store over the same API, cache, client and ledger, for a
    /// task that must own one (the mirror's handlers); only the synced
    /// flights read from the cache are its own.
    pub fn sibling(&self) -> Store {
        Store {
            endpoints: self.endpoints.clone(),
            client: self.client.clone(),
            ledger: Arc::clone(&self.ledger),
            cache: self.cache.clone(),
            refresh: self.refresh,
            freshness: self.freshness,
            snapshot: self.snapshot,
            raw_any_version: self.raw_any_version,
            synced: Mutex::new(None),
            changes: Arc::clone(&self.changes),
        }
    }

    /// A [`Store::sibling`] that reads the API's own JSON of 2.2.0 too:
    /// the mirror serves a 2.2.0 upstream's records as they were sent.
    pub fn serving(&self) -> Store {
        Store {
            raw_any_version: true,
            ..self.sibling()
        }
    }

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

    /// How long responses count as fresh.
    pub fn freshness(&self) -> Freshness {
        self.freshness
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

    /// Why `--offline` has nothing of `what` to show.
    pub fn nothing_offline(&self, what: &str) -> StoreError {
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
                let err = result.err();
                old.retry_at = match &err {
                    Some(StoreError::Api(api)) => api.retry_at(),
                    _ => None,
                };
                old.notice = err.map(|e| e.to_string());
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
        self.record(
            &url,
            |_| self.freshness.catalog,
            priority,
            || self.snapshot(|| snapshot::spacecraft(id)),
        )
        .await
        .map_err(|e| self.explain(e, &format!("spacecraft {id}")))?
        .ok_or_else(|| self.nothing_offline(&format!("spacecraft {id}")))
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
        self.record(
            &url,
            |_| ttl,
            Priority::Explicit,
            || self.snapshot(|| snapshot::flight(id)),
        )
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
    /// `ttl` says how long a copy of this record stays fresh (an astronaut
    /// in space changes sooner than a retired one). `Ok(None)` means there
    /// was nothing at all to show offline.
    async fn record<T: DeserializeOwned + paging::Record>(
        &self,
        url: &str,
        ttl: impl Fn(&T) -> SignedDuration,
        priority: Priority,
        fallback: impl FnOnce() -> Option<T>,
    ) -> Result<Option<Fetched<T>>, StoreError> {
        let now = Timestamp::now();
        let cached = self.cached::<T>(url, paging::parse_record);
        let serve_cached = cached.as_ref().is_some_and(|(entry, value)| {
            !self.refresh && entry.is_fresh(now, ttl(value)) || self.client.is_none()
        });
        if serve_cached {
            return Ok(cached.map(|(entry, value)| {
                let stale = !entry.is_fresh(now, ttl(&value));
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
