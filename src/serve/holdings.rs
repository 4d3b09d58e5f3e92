//! What the mirror holds: the catalog from the store's cache (never the
//! bundled snapshot), each record as the API sent it, the records it can
//! answer whole, and how complete and old that is.

use super::caching::Caching;
use super::schema;
use crate::api::{Endpoints, Spacecraft};
use crate::data::store::{human_age, HeldSpacecraft, Origin, OwnFlights, Store, SyncState};
use jiff::Timestamp;
use serde_json::Value;
use std::collections::HashMap;

pub struct Holdings {
    /// The catalog, in id order; empty until it is whole in the cache.
    pub records: Vec<Spacecraft>,
    /// The API's JSON of each record, by id, its URLs the upstream's.
    raw: HashMap<u64, Value>,
    /// `/spacecraft/{id}/` of each record the cache answers whole, and its age.
    details: HashMap<u64, (Value, Caching)>,
    pub catalog: CatalogState,
    pub flights: SyncState,
    /// Every spacecraft flight, in id order, once the sync is complete.
    synced: Option<Vec<SyncedFlight>>,
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
                synced: None,
                catalog_caching,
                flights_caching,
                own_flights: HashMap::new(),
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
        let synced = flights.complete.then(|| synced_flights(store, &overlay));
        let raw = store.raw_catalog();
        let details = store
            .raw_spacecraft_held(&records)
            .into_iter()
            .map(|(id, held)| {
                let record = match held {
                    HeldSpacecraft::Own(record, at) => {
                        (record, Caching::fetched(at, freshness.catalog))
                    }
                    // Put together here: cut to what the API's record holds
                    // (its flights in normal mode); as old as the catalog
                    // row and the sync's flights together.
                    HeldSpacecraft::FromCatalog(row) => (
                        schema::project(&with_overlay(row, &overlay), schema::SPACECRAFT_ENDPOINT),
                        catalog_caching.and(flights_caching),
                    ),
                };
                (id, record)
            })
            .collect();
        Holdings {
            records,
            raw,
            details,
            catalog,
            flights,
            synced,
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

    /// Every flight, once the sync is complete.
    pub fn synced(&self) -> Option<&[SyncedFlight]> {
        self.synced.as_deref()
    }

    pub fn raw(&self, id: u64) -> Option<&Value> {
        self.raw.get(&id)
    }

    pub fn detail(&self, id: u64) -> Option<&(Value, Caching)> {
        self.details.get(&id)
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

/// A catalog row with `flights` (the sync's) replaced by their newer copies.
fn with_overlay(mut row: Value, overlay: &HashMap<u64, &Value>) -> Value {
    if let Some(flights) = row.get_mut("flights").and_then(Value::as_array_mut) {
        for flight in flights {
            let newer = flight
                .get("id")
                .and_then(Value::as_u64)
                .and_then(|id| overlay.get(&id));
            if let Some(newer) = newer {
                *flight = (*newer).clone();
            }
        }
    }
    row
}
