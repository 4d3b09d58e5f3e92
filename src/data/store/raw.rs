//! Records as the API sent them, for `--format json`.

use super::*;
use crate::api::RecordRef;

impl Store {
    /// 2.2.0's records are printed as hangar reads them, in 2.3.0's names:
    /// the same JSON whichever version was read; the mirror
    /// ([`Store::serving`]) answers them as they were sent.
    pub(super) fn raw_applies(&self) -> bool {
        self.raw_any_version || self.endpoints.version() == crate::api::ApiVersion::V2_3
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

    /// The API's own JSON of an astronaut, a station or a launch: its cached body.
    pub fn raw_record(&self, r: RecordRef) -> Option<Value> {
        self.raw_record_fetched(r).map(|(record, _)| record)
    }

    /// The API's own JSON of an astronaut, a station or a launch, and when
    /// its cached body was fetched.
    pub fn raw_record_fetched(&self, r: RecordRef) -> Option<(Value, Timestamp)> {
        if !self.raw_applies() {
            return None;
        }
        let url = match r {
            // Theirs are read from the pages that hold them (raw_flight, the catalog).
            RecordRef::Spacecraft(_) | RecordRef::Flight(_) => return None,
            _ => self.endpoints.record(r),
        };
        let entry = self.cache.get(&url)?;
        Some((serde_json::from_str(&entry.body).ok()?, entry.fetched_at))
    }

    /// A station's whole docking history as the API sent it (normal mode,
    /// in docking order), when the cache holds every page of it, and when
    /// its oldest and newest pages were fetched.
    pub fn raw_station_history(&self, station: u64) -> Option<(Vec<Value>, Timestamp, Timestamp)> {
        if !self.raw_applies() {
            return None;
        }
        let endpoints = &self.endpoints;
        let listing =
            self.cached_listing::<RawRecord>(&|o| endpoints.station_dockings_page(station, o))?;
        if !listing.complete() {
            return None;
        }
        let (oldest, newest) = (listing.oldest()?, listing.newest()?);
        let mut events: Vec<Value> = listing.into_records().into_iter().map(|r| r.0).collect();
        // Times written alike (UTC) sort as their text does; ties by id.
        events.sort_by(|a, b| {
            let key = |v: &Value| {
                (
                    v.get("docking").and_then(Value::as_str).map(str::to_owned),
                    v.get("id").and_then(Value::as_u64),
                )
            };
            key(a).cmp(&key(b))
        });
        Some((events, oldest, newest))
    }

    /// The API's own JSON of a station's docking events, by id, from its
    /// cached pages (a history read from the sync has none of its own).
    pub fn raw_dockings(&self, station: u64) -> HashMap<u64, Value> {
        if !self.raw_applies() {
            return HashMap::new();
        }
        let endpoints = &self.endpoints;
        self.cached_listing::<RawRecord>(&|o| endpoints.station_dockings_page(station, o))
            .map(|l| raw_by_id(l.into_records()))
            .unwrap_or_default()
    }

    /// A spacecraft from fresh, detailed catalog pages, with the synced flights when they are all there.
    pub(super) fn detailed_in_catalog(&self, id: u64) -> Option<Fetched<Spacecraft>> {
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
}

impl Store {
    /// When the oldest and the newest of the cached catalog pages were fetched.
    pub fn catalog_fetched(&self) -> Option<(Timestamp, Timestamp)> {
        let endpoints = &self.endpoints;
        let listing = self.cached_listing::<RawRecord>(&|o| endpoints.catalog_page(o))?;
        Some((listing.oldest()?, listing.newest()?))
    }

    /// When the oldest and the newest of the sync's cached pages of flights were fetched.
    pub fn synced_fetched(&self) -> Option<(Timestamp, Timestamp)> {
        let endpoints = &self.endpoints;
        let listing = self.cached_listing::<RawRecord>(&|o| endpoints.all_flights_page(o))?;
        Some((listing.oldest()?, listing.newest()?))
    }
}

fn raw_by_id(records: Vec<RawRecord>) -> HashMap<u64, Value> {
    records.into_iter().map(|r| (r.id(), r.0)).collect()
}

/// One spacecraft's own record, held without the network.
#[derive(Debug, Clone, PartialEq)]
pub enum HeldSpacecraft {
    /// Its `/spacecraft/{id}/` as the API sent it, and when it was fetched.
    Own(Value, Timestamp),
    /// Its detailed catalog row with `flights` (the sync's detailed flights,
    /// in launch order): what the API's record holds, in more detail.
    FromCatalog(Value),
}

impl Store {
    /// The API's own record of each of `records` that the cache can answer
    /// whole: its cached `/spacecraft/{id}/`, else its catalog row with the
    /// synced flights where the sync holds every one of them. Reads the
    /// catalog and the sync once, for all of them.
    pub fn raw_spacecraft_held(&self, records: &[Spacecraft]) -> HashMap<u64, HeldSpacecraft> {
        if !self.raw_applies() {
            return HashMap::new();
        }
        let index = self.flight_index();
        let flights = match index {
            Some(_) => self.raw_flights(None),
            None => HashMap::new(),
        };
        let mut catalog = self.raw_catalog();
        let mut held = HashMap::new();
        for record in records {
            let url = self.endpoints.spacecraft(record.id);
            if let Some((entry, raw)) = self.cached::<RawRecord>(&url, paging::parse_record) {
                held.insert(record.id, HeldSpacecraft::Own(raw.0, entry.fetched_at));
                continue;
            }
            let Some(synced) = index
                .as_ref()
                .and_then(|i| i.flights_of(FlightsOf::of(record)))
            else {
                continue;
            };
            let Some(mut row) = catalog.remove(&record.id) else {
                continue;
            };
            let listed: Vec<Value> = in_launch_order(synced)
                .iter()
                .filter_map(|f| flights.get(&f.id).cloned())
                .collect();
            if let Some(object) = row.as_object_mut() {
                object.insert("flights".into(), Value::Array(listed));
                held.insert(record.id, HeldSpacecraft::FromCatalog(row));
            }
        }
        held
    }
}
