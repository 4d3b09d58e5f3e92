//! The sync: the catalog and every spacecraft flight, a page of 100 at a
//! time, as background work; and the flights it holds, by spacecraft.

use super::*;
use crate::api::{DockingEvent, Launch, LaunchId};

impl Store {
    /// The spacecraft's flights from the sync, when it holds all of them and they are younger than `ttl`.
    pub(super) fn synced_flights(
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

    /// A spacecraft's own cached list of flights as the API sent them, and
    /// when its oldest and newest pages were fetched: what a refresh of a
    /// spacecraft in space brings, newer than the sync's.
    pub fn raw_own_flights(&self, id: u64) -> Option<OwnFlights> {
        if !self.raw_applies() {
            return None;
        }
        let endpoints = &self.endpoints;
        let listing = self.cached_listing::<RawRecord>(&|o| endpoints.flights_page(id, o))?;
        let oldest = listing.oldest()?;
        let newest = listing.newest()?;
        Some(OwnFlights {
            oldest,
            newest,
            records: listing
                .into_records()
                .into_iter()
                .map(|r| (r.id(), r.0))
                .collect(),
        })
    }

    /// The synced flights, read from the cache once per process.
    pub fn flight_index(&self) -> Option<Arc<FlightIndex>> {
        let mut slot = self.synced.lock().unwrap_or_else(|p| p.into_inner());
        if slot.is_none() {
            let endpoints = &self.endpoints;
            let cached =
                self.cached_listing::<Flight>(&|offset| endpoints.all_flights_page(offset))?;
            let state = cached.sync_state();
            let mut flights = cached.into_records();
            if let Some((planned, fetched)) = self.cached_planned_flights() {
                merge_planned(
                    &mut flights,
                    planned,
                    state.fetched_at.is_none_or(|s| fetched >= s),
                );
            }
            *slot = Some(Arc::new(FlightIndex::new(flights, state)));
        }
        slot.clone()
    }

    /// Reads the synced flights from the cache again the next time they are
    /// wanted: another process (a `hangar sync`) may have added to them.
    pub fn reread_synced(&self) {
        *self.synced.lock().unwrap_or_else(|p| p.into_inner()) = None;
    }

    /// When the first pages of the catalog and of the sync were fetched: a
    /// change says the cache was written since (one file read each).
    pub fn cache_stamp(&self) -> (Option<Timestamp>, Option<Timestamp>) {
        let at = |url: String| self.cache.get(&url).map(|e| e.fetched_at);
        (
            at(self.endpoints.catalog_page(0)),
            at(self.endpoints.all_flights_page(0)),
        )
    }

    /// Every flight the sync holds, in id order, and how complete it is: no
    /// request. With nothing synced, the bundled snapshot's flights where the
    /// snapshot stands in (see [`snapshot_applies`]), else none.
    pub fn all_synced_flights(&self) -> (Vec<Flight>, SyncState) {
        match self.flight_index() {
            Some(index) => (index.all(), index.state()),
            None => (
                self.snapshot(|| Some(snapshot::flights()))
                    .unwrap_or_default(),
                SyncState::default(),
            ),
        }
    }

    /// What the sync holds, without building the index when it is not built yet.
    pub fn sync_state(&self) -> SyncState {
        self.flight_index().map(|i| i.state()).unwrap_or_default()
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
        let held_catalog = self.held_whole::<Spacecraft>(&|offset| endpoints.catalog_page(offset));
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
            .await;
        let catalog = match catalog {
            Ok(Some(catalog)) => catalog,
            Ok(None) => return Err(self.nothing_offline("the catalog")),
            Err(err) => {
                let (stopped, notice) = stopped_before_any(err)?;
                return Ok(SyncReport {
                    catalog: stopped,
                    flights: None,
                    notice,
                });
            }
        };
        self.note_catalog(held_catalog, &catalog);
        let catalog_state = ListState::of(&catalog);
        if catalog.partial.is_some() || self.client.is_none() {
            return Ok(SyncReport {
                catalog: catalog_state,
                flights: None,
                notice: catalog.notice,
            });
        }
        let page_url = |offset| endpoints.all_flights_page(offset);
        let held_flights = self.held_whole::<Flight>(&page_url);
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
            .await;
        let flights = match flights {
            Ok(Some(flights)) => flights,
            Ok(None) => return Err(self.nothing_offline("the flights")),
            Err(err) => {
                let (stopped, notice) = stopped_before_any(err)?;
                return Ok(SyncReport {
                    catalog: catalog_state,
                    flights: Some(stopped),
                    notice,
                });
            }
        };
        self.note_flights(
            held_flights,
            &flights.value.records,
            changes::fetched_whole(&flights),
        );
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
        let mut records = flights.value.records;
        // The planned launches held stay merged in, as when the index is read.
        if let Some((planned, fetched)) = self.cached_planned_flights() {
            merge_planned(
                &mut records,
                planned,
                state.fetched_at.is_none_or(|s| fetched >= s),
            );
        }
        *self.synced.lock().unwrap_or_else(|p| p.into_inner()) =
            Some(Arc::new(FlightIndex::new(records, state)));
        Ok(SyncReport {
            catalog: catalog_state,
            flights: Some(flights_state),
            notice,
        })
    }
}

/// A list the budget (or a throttle) stopped before its first page, with
/// nothing cached: not a failure of the sync but a wait, which `--wait`
/// sleeps through and a later sync resumes. Any other error is one.
fn stopped_before_any(err: StoreError) -> Result<(ListState, Option<String>), StoreError> {
    let StoreError::Api(api) = &err else {
        return Err(err);
    };
    let Some(retry_at) = api.retry_at() else {
        return Err(err);
    };
    let stopped = ListState {
        records: 0,
        count: None,
        partial: Some(Partial {
            have: 0,
            count: None,
        }),
        retry_at: Some(retry_at),
    };
    Ok((stopped, Some(api.to_string())))
}

/// One spacecraft's own list of flights, from the cache.
pub struct OwnFlights {
    pub oldest: Timestamp,
    pub newest: Timestamp,
    /// The API's JSON of each flight, by id.
    pub records: HashMap<u64, Value>,
}

/// What the sync holds, for the status line and `hangar status`.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct SyncState {
    pub synced: usize,
    pub total: Option<u64>,
    pub complete: bool,
    pub fetched_at: Option<Timestamp>,
}

/// The planned launches' flights merged into the synced ones by id: a
/// flight the sync lacks is added; one it holds is replaced when the
/// planned launches were fetched since the sync (`newer`).
fn merge_planned(flights: &mut Vec<Flight>, planned: Vec<Flight>, newer: bool) {
    let at: HashMap<u64, usize> = flights.iter().enumerate().map(|(i, f)| (f.id, i)).collect();
    for f in planned {
        match at.get(&f.id) {
            Some(&i) if newer => flights[i] = f,
            Some(_) => {}
            None => flights.push(f),
        }
    }
}

/// Every flight the sync brought, by spacecraft; built once per process.
#[derive(Debug, Default)]
pub struct FlightIndex {
    by_spacecraft: HashMap<u64, Vec<Flight>>,
    /// Flights that name no spacecraft hangar can read: still flights, for
    /// the statistics.
    unattached: Vec<Flight>,
    state: SyncState,
}

impl FlightIndex {
    pub(super) fn new(flights: Vec<Flight>, state: SyncState) -> Self {
        let mut by_spacecraft: HashMap<u64, Vec<Flight>> = HashMap::new();
        let mut unattached = Vec::new();
        for f in flights {
            match f.spacecraft.as_ref().map(|s| s.id) {
                Some(id) => by_spacecraft.entry(id).or_default().push(f),
                None => unattached.push(f),
            }
        }
        for flights in by_spacecraft.values_mut() {
            *flights = in_launch_order(std::mem::take(flights));
        }
        FlightIndex {
            by_spacecraft,
            unattached,
            state,
        }
    }

    /// Every flight, in id order.
    pub(super) fn all(&self) -> Vec<Flight> {
        let mut all: Vec<Flight> = self
            .by_spacecraft
            .values()
            .flatten()
            .chain(&self.unattached)
            .cloned()
            .collect();
        all.sort_by_key(|f| f.id);
        all
    }

    pub fn state(&self) -> SyncState {
        self.state
    }

    /// The spacecraft's flights when the sync holds all of them.
    pub(super) fn flights_of(&self, of: FlightsOf) -> Option<Vec<Flight>> {
        let held = self
            .by_spacecraft
            .get(&of.id)
            .map_or(&[][..], Vec::as_slice);
        let all = self.state.complete || of.flights_count.is_some_and(|n| n as usize == held.len());
        all.then(|| held.to_vec())
    }

    /// The spacecraft flights of one launch (a launch may carry several).
    pub(super) fn flights_of_launch(&self, launch: LaunchId) -> Vec<Flight> {
        let mut found: Vec<Flight> = self
            .by_spacecraft
            .values()
            .flatten()
            .filter(|f| f.launch.as_ref().and_then(Launch::reference) == Some(launch))
            .cloned()
            .collect();
        found.sort_by_key(|f| f.id);
        found
    }

    /// Every docking event at a station, each with its visiting flight, in
    /// docking order.
    pub(super) fn dockings_at(&self, station: u64) -> Vec<DockingEvent> {
        let mut events: Vec<DockingEvent> = self
            .by_spacecraft
            .values()
            .flatten()
            .flat_map(|f| {
                f.docking_events
                    .iter()
                    .filter(|e| e.station_id() == Some(station))
                    .map(|e| DockingEvent {
                        flight_vehicle_chaser: Some(super::records::chaser_of(f)),
                        ..e.clone()
                    })
            })
            .collect();
        events.sort_by_key(|e| (e.docking.is_none(), e.docking, e.id));
        events
    }

    pub(super) fn flight(&self, id: u64) -> Option<Flight> {
        self.by_spacecraft
            .values()
            .flatten()
            .find(|f| f.id == id)
            .cloned()
    }
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
    pub(super) fn of<T>(f: &Fetched<Listing<T>>) -> Self {
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
