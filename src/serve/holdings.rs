//! What the mirror holds: the catalog from the store's cache (never the
//! bundled snapshot), each record as the API sent it, the records it can
//! answer whole, and how complete and old that is.

use super::caching::Caching;
use super::fragments::Fragments;
use super::schema;
use crate::api::{ApiVersion, Endpoints, Spacecraft};
use crate::data::store::{human_age, HeldSpacecraft, Origin, OwnFlights, Store, SyncState};
use jiff::Timestamp;
use serde_json::Value;
use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::atomic::AtomicUsize;
use std::sync::Arc;

pub struct Holdings {
    /// The catalog, in id order; empty until it is whole in the cache.
    pub records: Vec<Spacecraft>,
    /// The API's JSON of each record, by id, its URLs the upstream's.
    raw: HashMap<u64, Value>,
    /// `/spacecraft/{id}/` of each record the cache answers whole.
    details: HashMap<u64, Detail>,
    pub catalog: CatalogState,
    pub flights: SyncState,
    /// The sync's flights, in id order (served once the sync is complete).
    synced: Vec<SyncedFlight>,
    /// Where each of them is in `synced`, by id.
    position: HashMap<u64, usize>,
    /// The age of a list of spacecraft: any of its pages may hold any record
    /// of the catalog (a search, an ordering, the count), so it was modified
    /// when the newest catalog page was fetched, and is fresh while the
    /// oldest is.
    pub catalog_caching: Caching,
    /// The same of the flights, from the sync's pages and the newer lists
    /// of spacecraft in space.
    pub flights_caching: Caching,
    /// When the own list of flights of each spacecraft in space was fetched
    /// (its oldest page), where the cache holds one newer than the sync.
    own_flights: HashMap<u64, Timestamp>,
    /// The catalog's rows and the sync's flights as pages write them.
    catalog_rows: Fragments,
    flight_rows: Fragments,
    /// What those hold, together.
    rendered: AtomicUsize,
}

/// A spacecraft's own record, as the mirror holds it.
enum Detail {
    /// Its cached `/spacecraft/{id}/`, and its age.
    Own(Value, Caching),
    /// Its catalog row with these synced flights (in launch order): put
    /// together when asked, not held twice.
    FromCatalog(Vec<u64>),
}

/// One flight of the sync.
pub struct SyncedFlight {
    pub id: u64,
    /// Its spacecraft's id, as the flight names it.
    pub spacecraft: Option<u64>,
    /// The API's JSON (detailed, as the sync asks), its URLs the upstream's.
    pub raw: Value,
}

/// How much of the catalog the cache holds.
#[derive(Debug, Clone, PartialEq)]
pub struct CatalogState {
    pub complete: bool,
    /// Records held, and how many the API said there are.
    pub have: usize,
    pub count: Option<u64>,
    /// When its oldest page was fetched.
    pub fetched_at: Option<Timestamp>,
}

impl Holdings {
    pub fn load(store: &Store) -> Holdings {
        let local = store.catalog_local();
        let fetched = local.fetched;
        let fetched_at = match fetched.origin {
            Origin::Cache { fetched_at, .. } => Some(fetched_at),
            Origin::Live => Some(Timestamp::now()),
            Origin::Snapshot => None,
        };
        let catalog = CatalogState {
            complete: fetched_at.is_some() && fetched.partial.is_none(),
            have: if fetched_at.is_some() {
                fetched.value.records.len()
            } else {
                0
            },
            count: fetched_at.and(fetched.value.count),
            fetched_at,
        };
        let flights = store.sync_state();
        let freshness = store.freshness();
        let ages = |times: Option<(Timestamp, Timestamp)>, ttl| {
            times.map_or(Caching::default(), |(oldest, newest)| Caching {
                last_modified: Some(newest),
                fresh_until: Caching::fetched(oldest, ttl).fresh_until,
            })
        };
        let catalog_caching = ages(store.catalog_fetched(), freshness.catalog);
        let mut flights_caching = ages(store.synced_fetched(), freshness.flights);
        if !catalog.complete {
            return Holdings {
                records: Vec::new(),
                raw: HashMap::new(),
                details: HashMap::new(),
                catalog,
                flights,
                synced: Vec::new(),
                position: HashMap::new(),
                catalog_caching,
                flights_caching,
                own_flights: HashMap::new(),
                catalog_rows: Fragments::new(0),
                flight_rows: Fragments::new(0),
                rendered: AtomicUsize::new(0),
            };
        }
        let records = fetched.value.records;
        let own = newer_own_flights(store, &records, flights.fetched_at);
        let own_flights = own.iter().map(|(id, o)| (*id, o.oldest)).collect();
        // The answers made of them are as old as those lists too.
        for o in own.values() {
            flights_caching = flights_caching.and(Caching::fetched(o.oldest, freshness.in_space));
            flights_caching.last_modified = flights_caching.last_modified.max(Some(o.newest));
        }
        let overlay: HashMap<u64, &Value> = own
            .values()
            .flat_map(|o| o.records.iter().map(|(id, v)| (*id, v)))
            .collect();
        let synced = synced_flights(store, &overlay);
        let position = synced.iter().enumerate().map(|(i, f)| (f.id, i)).collect();
        let raw = store.raw_catalog();
        // A record put together is cut by 2.3.0's schema: 2.2.0 has none
        // published, so a 2.2.0 mirror answers the records it holds whole.
        let put_together = store.endpoints().version() == ApiVersion::V2_3;
        let details = store
            .raw_spacecraft_held(&records)
            .into_iter()
            .filter_map(|(id, held)| {
                let detail = match held {
                    HeldSpacecraft::Own(record, at) => {
                        Detail::Own(record, Caching::fetched(at, freshness.catalog))
                    }
                    HeldSpacecraft::FromCatalog(row) if put_together => {
                        Detail::FromCatalog(flight_ids(&row))
                    }
                    HeldSpacecraft::FromCatalog(_) => return None,
                };
                Some((id, detail))
            })
            .collect();
        // The store's index of the typed flights served to put these
        // together; the holdings keep the JSON, so it need not stay.
        store.reread_synced();
        Holdings {
            catalog_rows: Fragments::new(records.len()),
            flight_rows: Fragments::new(synced.len()),
            rendered: AtomicUsize::new(0),
            records,
            raw,
            details,
            catalog,
            flights,
            synced,
            position,
            catalog_caching,
            flights_caching,
            own_flights,
        }
    }

    /// When the own list of flights of a spacecraft in space was fetched,
    /// where it is newer than the sync.
    pub fn own_flights(&self, id: u64) -> Option<Timestamp> {
        self.own_flights.get(&id).copied()
    }

    /// Row `row` of the catalog as a page writes it in `variant`
    /// ([`super::fragments`]): kept, or `render`ed now.
    pub fn catalog_row(
        &self,
        row: usize,
        variant: Option<usize>,
        render: impl FnOnce() -> String,
    ) -> Arc<str> {
        self.catalog_rows.get(row, variant, &self.rendered, render)
    }

    /// The same of the `row`th flight of the sync.
    pub fn flight_row(
        &self,
        row: usize,
        variant: Option<usize>,
        render: impl FnOnce() -> String,
    ) -> Arc<str> {
        self.flight_rows.get(row, variant, &self.rendered, render)
    }

    /// Every flight, once the sync is complete.
    pub fn synced(&self) -> Option<&[SyncedFlight]> {
        self.flights.complete.then_some(&self.synced[..])
    }

    pub fn raw(&self, id: u64) -> Option<&Value> {
        self.raw.get(&id)
    }

    /// `/spacecraft/{id}/` as the API would answer it, and its age: its
    /// own record, else its catalog row with its synced flights, cut to
    /// what the API's record holds (its flights in normal mode), as old as
    /// the row and the flights together.
    pub fn detail(&self, id: u64) -> Option<(Cow<'_, Value>, Caching)> {
        match self.details.get(&id)? {
            Detail::Own(record, caching) => Some((Cow::Borrowed(record), *caching)),
            Detail::FromCatalog(ids) => {
                let mut row = self.raw.get(&id)?.clone();
                let flights = ids
                    .iter()
                    .map(|f| Some(self.synced.get(*self.position.get(f)?)?.raw.clone()))
                    .collect::<Option<Vec<Value>>>()?;
                row.as_object_mut()?
                    .insert("flights".into(), Value::Array(flights));
                Some((
                    Cow::Owned(schema::project(&row, schema::SPACECRAFT_ENDPOINT)),
                    self.catalog_caching.and(self.flights_caching),
                ))
            }
        }
    }

    pub fn has(&self, id: u64) -> bool {
        self.raw.contains_key(&id)
    }

    /// "612 spacecraft (whole), fetched 2 h ago from …; 1 234 flights synced (complete)".
    pub fn describe(&self, upstream: &Endpoints, now: Timestamp) -> String {
        let c = &self.catalog;
        let count = c.count.map_or("?".to_string(), |n| n.to_string());
        let catalog = match (c.complete, c.fetched_at) {
            (true, Some(at)) => format!(
                "{} spacecraft of {} (whole), fetched {} ago",
                c.have,
                upstream.base(),
                human_age(now.duration_since(at))
            ),
            (false, Some(_)) => format!(
                "{} of {count} spacecraft of {}: not whole, so the list answers 503 until `hangar sync` completes it",
                c.have,
                upstream.base()
            ),
            (_, None) => format!(
                "no catalog of {} in the cache: the list answers 503 until `hangar sync` fetches it",
                upstream.base()
            ),
        };
        let f = &self.flights;
        let flights = format!(
            "{} flights synced{}; {} spacecraft records answered whole",
            f.synced,
            if f.complete {
                " (complete)"
            } else {
                " (not complete)"
            },
            self.details.len()
        );
        format!("{catalog}; {flights}")
    }
}

/// Gives back to the system the memory a load used for a moment: reading
/// every page and parsing it twice (typed and as JSON) peaks far above what
/// the holdings keep, and glibc keeps freed heap for reuse otherwise (about
/// 20 MB of the mirror's resident memory, measured by `benches/serve.rs`).
pub fn give_back() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim takes no pointer; it only returns free pages of
    // the heap to the system, and is thread-safe.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// The sync's flights as the API sent them (never the snapshot's), each
/// replaced by its copy in `overlay` (newer) where there is one, and the
/// flights only the overlay holds (a flight added since the sync).
fn synced_flights(store: &Store, overlay: &HashMap<u64, &Value>) -> Vec<SyncedFlight> {
    let (flights, _) = store.all_synced_flights();
    let mut raw = store.raw_flights(None);
    let mut held: std::collections::BTreeMap<u64, SyncedFlight> = flights
        .iter()
        .filter_map(|f| {
            let raw = raw.remove(&f.id)?;
            Some((
                f.id,
                SyncedFlight {
                    id: f.id,
                    spacecraft: f.spacecraft.as_ref().map(|s| s.id),
                    raw,
                },
            ))
        })
        .collect();
    for (id, value) in overlay {
        let spacecraft = value
            .get("spacecraft")
            .and_then(|s| s.get("id"))
            .and_then(Value::as_u64);
        held.insert(
            *id,
            SyncedFlight {
                id: *id,
                spacecraft,
                raw: (*value).clone(),
            },
        );
    }
    held.into_values().collect()
}

/// The own lists of flights of the catalog's spacecraft in space that were
/// fetched after the sync's oldest page (a refresh brought them).
fn newer_own_flights(
    store: &Store,
    records: &[Spacecraft],
    synced_at: Option<Timestamp>,
) -> HashMap<u64, OwnFlights> {
    let Some(synced_at) = synced_at else {
        return HashMap::new();
    };
    records
        .iter()
        .filter(|s| s.in_space == Some(true))
        .filter_map(|s| Some((s.id, store.raw_own_flights(s.id)?)))
        .filter(|(_, own)| own.oldest > synced_at)
        .collect()
}

/// The ids of a put-together record's `flights`, in their order.
fn flight_ids(row: &Value) -> Vec<u64> {
    row.get("flights")
        .and_then(Value::as_array)
        .map(|flights| {
            flights
                .iter()
                .filter_map(|f| f.get("id").and_then(Value::as_u64))
                .collect()
        })
        .unwrap_or_default()
}
