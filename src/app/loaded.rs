//! What was loaded as the user drilled down: detailed spacecraft, each
//! spacecraft's flights, and records opened from links. Kept by id, so a
//! response that arrives after the user moved on lands under its own id and
//! never replaces what is shown.

use super::action::Deferred;
use crate::api::{ApiError, Flight, RecordRef, Spacecraft};
use crate::data::store::{Fetched, Listing, Record, StoreError};
use std::collections::HashMap;
use std::hash::Hash;
use std::sync::Arc;

#[derive(Debug, Clone)]
pub enum Loadable<T> {
    Loading,
    Ready(Arc<Fetched<T>>),
    Failed(String),
    /// Background work left it for later: the budget's reserve is kept for
    /// what the user opens. Enter loads it; background work may from then.
    Deferred(jiff::Timestamp),
}

impl<T> Loadable<T> {
    pub fn ready(&self) -> Option<&Fetched<T>> {
        match self {
            Loadable::Ready(f) => Some(f),
            _ => None,
        }
    }

    /// A failed or deferred load, which Enter asks for again.
    fn retry(&self) -> bool {
        matches!(self, Loadable::Failed(_) | Loadable::Deferred(_))
    }

    fn from_result(result: Result<Arc<Fetched<T>>, StoreError>) -> Self {
        match result {
            Ok(fetched) => Loadable::Ready(fetched),
            Err(e) => Loadable::Failed(e.to_string()),
        }
    }
}

#[derive(Debug, Default)]
pub struct Loaded {
    pub details: HashMap<u64, Loadable<Spacecraft>>,
    pub flights: HashMap<u64, Loadable<Listing<Flight>>>,
    pub records: HashMap<RecordRef, Loadable<Record>>,
}

/// Marks `key` as loading unless it is loading or loaded: whether to ask.
fn want<K: Eq + Hash, T>(map: &mut HashMap<K, Loadable<T>>, key: K) -> bool {
    if matches!(map.get(&key), Some(Loadable::Loading | Loadable::Ready(_))) {
        return false;
    }
    map.insert(key, Loadable::Loading);
    true
}

impl Loaded {
    pub fn detail(&self, id: u64) -> Option<&Spacecraft> {
        Some(&self.details.get(&id)?.ready()?.value)
    }

    pub fn flights_of(&self, id: u64) -> Option<&[Flight]> {
        self.flights
            .get(&id)?
            .ready()
            .map(|f| f.value.records.as_slice())
    }

    pub fn record(&self, r: RecordRef) -> Option<&Record> {
        self.records
            .get(&r)
            .and_then(Loadable::ready)
            .map(|f| &f.value)
    }

    /// A flight among the spacecraft's flights loaded.
    pub fn listed_flight(&self, id: u64) -> Option<&Flight> {
        self.flights
            .values()
            .filter_map(Loadable::ready)
            .find_map(|l| l.value.records.iter().find(|f| f.id == id))
    }

    /// Whether to ask for the flights of spacecraft `id`.
    pub(super) fn want_flights(&mut self, id: u64) -> bool {
        want(&mut self.flights, id)
    }

    pub(super) fn want_detail(&mut self, id: u64) -> bool {
        want(&mut self.details, id)
    }

    /// Whether to ask for the record `r`: not while it is known at all.
    pub(super) fn want_record(&mut self, r: RecordRef) -> bool {
        if self.records.contains_key(&r) {
            return false;
        }
        self.records.insert(r, Loadable::Loading);
        true
    }

    /// Enter on a place that failed or was deferred: forget it, to ask again.
    pub(super) fn forget_failed_flights(&mut self, id: u64) {
        self.flights.retain(|k, l| *k != id || !l.retry());
    }

    pub(super) fn forget_failed_record(&mut self, r: RecordRef) {
        self.records.retain(|k, l| *k != r || !l.retry());
    }

    /// After a sync: the flights that could not load may now come from it.
    pub(super) fn forget_failed_listings(&mut self) {
        self.flights.retain(|_, l| !l.retry());
    }

    pub(super) fn on_detail(
        &mut self,
        id: u64,
        result: Result<Box<Fetched<Spacecraft>>, StoreError>,
    ) {
        self.details
            .insert(id, Loadable::from_result(result.map(Arc::from)));
    }

    pub(super) fn on_flights(
        &mut self,
        id: u64,
        result: Result<Fetched<Listing<Flight>>, StoreError>,
    ) {
        self.flights
            .insert(id, Loadable::from_result(result.map(Arc::new)));
    }

    pub(super) fn on_record(
        &mut self,
        r: RecordRef,
        result: Result<Box<Fetched<Record>>, StoreError>,
    ) {
        self.records
            .insert(r, Loadable::from_result(result.map(Arc::from)));
    }

    /// A load that background work left for later (see [`Loadable::Deferred`]).
    pub(super) fn on_deferred(&mut self, what: Deferred, until: jiff::Timestamp) {
        match what {
            Deferred::Flights(id) => {
                self.flights.insert(id, Loadable::Deferred(until));
            }
            Deferred::Detail(id) => {
                self.details.insert(id, Loadable::Deferred(until));
            }
            Deferred::Record(r) => {
                self.records.insert(r, Loadable::Deferred(until));
            }
        }
    }
}

/// When background work was refused to keep the reserve: not a failure,
/// a "later" ([`Loadable::Deferred`]).
pub(super) fn deferred_until<T>(result: &Result<T, StoreError>) -> Option<jiff::Timestamp> {
    match result {
        Err(StoreError::Api(ApiError::OverBudget { until, reserve, .. })) if *reserve > 0 => {
            Some(*until)
        }
        _ => None,
    }
}
