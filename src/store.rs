//! Where data comes from: the live API, the on-disk cache, or the bundled
//! snapshot, in that order of preference, with stale-but-present data served
//! (and said so) when the network fails. The CLI and the TUI both load through
//! a [`Store`].

use crate::api::paging::{self, Keyed, PageEvent};
use crate::api::{ApiError, Client, ClientConfig, Endpoints, Flight, Spacecraft, Throttle};
use crate::cache::{Cache, Entry};
use crate::snapshot;
use jiff::{SignedDuration, Timestamp};
use serde::de::DeserializeOwned;
use std::path::PathBuf;
use std::time::Duration;

/// How long responses count as fresh.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Freshness {
    /// Catalog pages and single records.
    pub catalog: SignedDuration,
    /// Flights of a spacecraft that is not in space (they no longer change).
    pub flights: SignedDuration,
}

impl Default for Freshness {
    fn default() -> Self {
        Freshness {
            catalog: SignedDuration::from_hours(24),
            flights: SignedDuration::from_hours(24 * 7),
        }
    }
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

/// `45 s`, `12 min`, `5 h`, `3 d`.
pub fn human_age(age: SignedDuration) -> String {
    let s = age.as_secs().max(0);
    match s {
        0..=59 => format!("{s} s"),
        60..=3599 => format!("{} min", s / 60),
        3600..=172_799 => format!("{} h", s / 3600),
        _ => format!("{} d", s / 86_400),
    }
}

/// A result and how much to trust it.
#[derive(Debug, Clone, PartialEq)]
pub struct Fetched<T> {
    pub value: T,
    pub origin: Origin,
    /// Why an older source was used (the network error), or what is missing.
    pub notice: Option<String>,
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
}

pub struct Store {
    endpoints: Endpoints,
    client: Option<Client>,
    cache: Cache,
    refresh: bool,
    freshness: Freshness,
}

impl Store {
    pub fn new(config: StoreConfig) -> Result<Self, String> {
        let cache = Cache::new(&config.cache_dir);
        let client = if config.offline {
            None
        } else {
            Some(Client::new(config.client)?)
        };
        let store = Store {
            endpoints: config.endpoints,
            client,
            cache,
            refresh: config.refresh,
            freshness: config.freshness,
        };
        // A throttle from an earlier run still holds: no request before it is over.
        if let (Some(client), Some(wait)) = (&store.client, store.saved_throttle()) {
            client.set_throttled_for(wait);
        }
        Ok(store)
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

    /// How long until the API may be asked again, when it throttled us.
    pub fn throttle_remaining(&self) -> Option<Duration> {
        self.client.as_ref()?.throttle_remaining()
    }

    fn throttle_key(&self) -> String {
        format!("hangar:throttled-until {}", self.endpoints.base())
    }

    fn saved_throttle(&self) -> Option<Duration> {
        let until: Timestamp = self.cache.get(&self.throttle_key())?.body.parse().ok()?;
        let secs = until.duration_since(Timestamp::now()).as_secs_f64();
        (secs > 0.0).then(|| Duration::from_secs_f64(secs))
    }

    fn note_error(&self, err: &ApiError) {
        if let ApiError::Throttled { wait, .. } = err {
            let until = Timestamp::now() + SignedDuration::try_from(*wait).unwrap_or_default();
            if let Err(e) =
                self.cache
                    .put(&self.throttle_key(), &until.to_string(), Timestamp::now())
            {
                tracing::warn!(error = %e, "cannot save the throttle time");
            }
        }
    }

    /// The whole catalog, in id order. `progress` sees every page that arrives
    /// from the network (the TUI fills its list from it).
    pub async fn catalog(
        &self,
        progress: impl FnMut(&PageEvent<'_, Spacecraft>),
    ) -> Result<Fetched<Listing<Spacecraft>>, StoreError> {
        let endpoints = &self.endpoints;
        self.listing(
            |offset| endpoints.catalog_page(offset),
            self.freshness.catalog,
            || Some(snapshot::catalog()),
            progress,
        )
        .await
        .map(|f| f.ok_or_else(|| StoreError::Offline("the catalog".into())))?
    }

    /// Every flight of one spacecraft, in launch order. Flights of a spacecraft
    /// known not to be in space stay fresh longer.
    pub async fn flights(
        &self,
        spacecraft_id: u64,
        in_space: Option<bool>,
    ) -> Result<Fetched<Listing<Flight>>, StoreError> {
        let ttl = if in_space == Some(false) {
            self.freshness.flights
        } else {
            self.freshness.catalog
        };
        let endpoints = &self.endpoints;
        let fetched = self
            .listing(
                |offset| endpoints.flights_page(spacecraft_id, offset),
                ttl,
                || {
                    let flights = snapshot::flights_of(spacecraft_id);
                    (!flights.is_empty()).then_some(flights)
                },
                |_| {},
            )
            .await?
            .ok_or_else(|| {
                StoreError::Offline(format!("the flights of spacecraft {spacecraft_id}"))
            })?;
        Ok(Fetched {
            value: Listing {
                records: in_launch_order(fetched.value.records),
                count: fetched.value.count,
            },
            ..fetched
        })
    }

    /// The detailed record of one spacecraft (`/spacecraft/{id}/`).
    pub async fn spacecraft(&self, id: u64) -> Result<Fetched<Spacecraft>, StoreError> {
        let url = self.endpoints.spacecraft(id);
        self.record(&url, self.freshness.catalog, || snapshot::spacecraft(id))
            .await?
            .ok_or_else(|| StoreError::Offline(format!("spacecraft {id}")))
    }

    pub async fn flight(&self, id: u64) -> Result<Fetched<Flight>, StoreError> {
        let url = self.endpoints.flight(id);
        let ttl = self.freshness.catalog;
        self.record(&url, ttl, || snapshot::flight(id))
            .await?
            .ok_or_else(|| StoreError::Offline(format!("flight {id}")))
    }

    /// The caller's request budget (`/api-throttle/`, which costs none of it).
    pub async fn budget(&self) -> Result<Throttle, StoreError> {
        let client = self
            .client
            .as_ref()
            .ok_or_else(|| StoreError::Offline("the API budget".into()))?;
        let url = self.endpoints.throttle();
        client.get(&url, parse_throttle).await.map_err(|e| {
            self.note_error(&e);
            e.into()
        })
    }

    /// One record: fresh cache, else the API, else stale cache, else `fallback`.
    /// `Ok(None)` means there was nothing at all to show offline.
    async fn record<T: DeserializeOwned + Keyed>(
        &self,
        url: &str,
        ttl: SignedDuration,
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
            .get(url, |body| {
                paging::parse_record::<T>(body).map(|r| (r, body.to_string()))
            })
            .await
        {
            Ok((value, body)) => {
                self.save(url, &body, now);
                return Ok(Some(Fetched {
                    value,
                    origin: Origin::Live,
                    notice: None,
                }));
            }
            Err(err) => err,
        };
        self.note_error(&err);
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

    /// A whole list: every page fresh in the cache, else the API (all pages at
    /// once when the cache knows the count), else whatever the cache holds,
    /// else `fallback`.
    async fn listing<T: DeserializeOwned + Keyed>(
        &self,
        page_url: impl Fn(u64) -> String,
        ttl: SignedDuration,
        fallback: impl FnOnce() -> Option<Vec<T>>,
        progress: impl FnMut(&PageEvent<'_, T>),
    ) -> Result<Option<Fetched<Listing<T>>>, StoreError> {
        let local = self.local_listing(&page_url, ttl);
        let known_count = match &local {
            Some(l) if l.fresh && !self.refresh || self.client.is_none() => {
                return Ok(local.map(|l| l.fetched))
            }
            Some(l) => l.fetched.value.count,
            None if self.client.is_none() => return Ok(fallback().map(snapshot_listing)),
            None => None,
        };
        let err = match self.remote_listing(&page_url, known_count, progress).await {
            Ok(fetched) => return Ok(Some(fetched)),
            Err(err) => err,
        };
        if err.is_definitive() {
            return Err(err.into());
        }
        let notice = Some(err.to_string());
        // Pages that did arrive were cached, so this includes them.
        if let Some(local) = self.local_listing(&page_url, ttl) {
            return Ok(Some(Fetched {
                notice,
                ..local.fetched
            }));
        }
        fallback()
            .map(|records| Fetched {
                notice,
                ..snapshot_listing(records)
            })
            .ok_or_else(|| err.into())
            .map(Some)
    }

    /// What the cache holds for a list, of any age, and whether it is fresh.
    fn local_listing<T: DeserializeOwned + Keyed>(
        &self,
        page_url: &impl Fn(u64) -> String,
        ttl: SignedDuration,
    ) -> Option<LocalListing<T>> {
        let now = Timestamp::now();
        let cached = self.cached_listing::<T>(page_url)?;
        let fresh = cached.complete && cached.oldest.is_some_and(|t| now.duration_since(t) < ttl);
        Some(LocalListing {
            fetched: cached.into_fetched(now, ttl, None),
            fresh,
        })
    }

    /// Every page from the API; each page is cached as it arrives.
    async fn remote_listing<T: DeserializeOwned + Keyed>(
        &self,
        page_url: &impl Fn(u64) -> String,
        known_count: Option<u64>,
        mut progress: impl FnMut(&PageEvent<'_, T>),
    ) -> Result<Fetched<Listing<T>>, ApiError> {
        let client = self.client.as_ref().ok_or_else(|| ApiError::Unreachable {
            url: page_url(0),
            reason: "offline".into(),
        })?;
        let now = Timestamp::now();
        let loaded = paging::load_all(client, page_url, known_count, |event| {
            self.save(event.url, event.body, now);
            progress(&event);
        })
        .await
        .inspect_err(|err| self.note_error(err))?;
        tracing::info!(
            requests = loaded.requests,
            records = loaded.records.len(),
            rechecked = loaded.rechecked,
            "list loaded"
        );
        Ok(Fetched {
            value: Listing {
                records: loaded.records,
                count: loaded.count,
            },
            origin: Origin::Live,
            notice: None,
        })
    }

    /// The catalog without the network: the cache of any age, else the
    /// snapshot; and whether that is fresh enough not to ask the API.
    pub fn catalog_local(&self) -> LocalListing<Spacecraft> {
        let endpoints = &self.endpoints;
        self.local_listing(
            &|offset| endpoints.catalog_page(offset),
            self.freshness.catalog,
        )
        .unwrap_or_else(|| LocalListing {
            fetched: snapshot_listing(snapshot::catalog()),
            fresh: false,
        })
    }

    /// The catalog from the API only, all pages at once when `known_count` is given.
    pub async fn catalog_remote(
        &self,
        known_count: Option<u64>,
        progress: impl FnMut(&PageEvent<'_, Spacecraft>),
    ) -> Result<Fetched<Listing<Spacecraft>>, ApiError> {
        let endpoints = &self.endpoints;
        self.remote_listing(
            &|offset| endpoints.catalog_page(offset),
            known_count,
            progress,
        )
        .await
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

    /// Every cached page of a list, merged by id.
    fn cached_listing<T: DeserializeOwned + Keyed>(
        &self,
        page_url: &impl Fn(u64) -> String,
    ) -> Option<CachedListing<T>> {
        let (first_entry, first) = self.cached(&page_url(0), paging::parse_page::<T>)?;
        let count = first.count;
        let pages = count
            .unwrap_or(0)
            .div_ceil(crate::api::endpoints::PAGE_SIZE)
            .max(1);
        let mut merged = std::collections::BTreeMap::new();
        let mut oldest = first_entry.fetched_at;
        let mut complete = true;
        merged.extend(first.results.into_iter().map(|r| (r.key(), r)));
        for page in 1..pages {
            match self.cached(
                &page_url(page * crate::api::endpoints::PAGE_SIZE),
                paging::parse_page::<T>,
            ) {
                Some((entry, page)) => {
                    oldest = oldest.min(entry.fetched_at);
                    // Pages cached at different times disagree on the count: not a consistent set.
                    complete &= page.count == count;
                    merged.extend(page.results.into_iter().map(|r| (r.key(), r)));
                }
                None => complete = false,
            }
        }
        Some(CachedListing {
            records: merged.into_values().collect(),
            count,
            oldest: Some(oldest),
            complete,
        })
    }
}

/// A list as the cache (or the snapshot) has it.
pub struct LocalListing<T> {
    pub fetched: Fetched<Listing<T>>,
    /// Complete and within the freshness window: no need to ask the API.
    pub fresh: bool,
}

struct CachedListing<T> {
    records: Vec<T>,
    count: Option<u64>,
    oldest: Option<Timestamp>,
    complete: bool,
}

impl<T> CachedListing<T> {
    fn into_fetched(
        self,
        now: Timestamp,
        ttl: SignedDuration,
        notice: Option<String>,
    ) -> Fetched<Listing<T>> {
        let fetched_at = self.oldest.unwrap_or(now);
        let stale = !self.complete || now.duration_since(fetched_at) >= ttl;
        let missing = (!self.complete).then(|| {
            format!(
                "the cached list is incomplete ({} of {} records)",
                self.records.len(),
                self.count.map_or("?".to_string(), |c| c.to_string())
            )
        });
        let notice = match (notice, missing) {
            (Some(a), Some(b)) => Some(format!("{a}; {b}")),
            (a, b) => a.or(b),
        };
        from_cache(
            Listing {
                records: self.records,
                count: self.count,
            },
            fetched_at,
            stale,
            notice,
        )
    }
}

fn from_cache<T>(
    value: T,
    fetched_at: Timestamp,
    stale: bool,
    notice: Option<String>,
) -> Fetched<T> {
    Fetched {
        value,
        origin: Origin::Cache { fetched_at, stale },
        notice,
    }
}

fn snapshot_listing<T>(records: Vec<T>) -> Fetched<Listing<T>> {
    let count = Some(records.len() as u64);
    snapshot_result(Listing { records, count }, None)
}

fn snapshot_result<T>(value: T, notice: Option<String>) -> Fetched<T> {
    Fetched {
        value,
        origin: Origin::Snapshot,
        notice,
    }
}

fn in_launch_order(mut flights: Vec<Flight>) -> Vec<Flight> {
    flights.sort_by_key(|f| (f.launch_time().is_none(), f.launch_time(), f.id));
    flights
}

/// `/api-throttle/` answers one object, or (per its published schema) a list of them.
fn parse_throttle(body: &str) -> Result<Throttle, String> {
    let value: serde_json::Value = serde_json::from_str(body).map_err(|e| e.to_string())?;
    let one = match value {
        serde_json::Value::Array(mut items) if !items.is_empty() => items.swap_remove(0),
        v @ serde_json::Value::Object(_) => v,
        _ => return Err("expected an object or a list of objects".into()),
    };
    serde_json::from_value(one).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn throttle_reads_an_object_or_a_list() {
        let one = r#"{"your_request_limit":15,"limit_frequency_secs":3600,"current_use":4,"next_use_secs":0,"ident":"1.2.3.4"}"#;
        let t = parse_throttle(one).unwrap();
        assert_eq!(t.remaining(), Some(11));
        let t = parse_throttle(&format!("[{one}]")).unwrap();
        assert_eq!(t.your_request_limit, Some(15));
        assert!(parse_throttle("[]").is_err());
        assert!(parse_throttle("<html>").is_err());
    }

    #[test]
    fn ages_read_naturally() {
        assert_eq!(human_age(SignedDuration::from_secs(30)), "30 s");
        assert_eq!(human_age(SignedDuration::from_mins(125)), "2 h");
        assert_eq!(human_age(SignedDuration::from_hours(80)), "3 d");
    }
}
