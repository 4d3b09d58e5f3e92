//! Records opened from links: a flight, an astronaut, a space station with
//! its docking history, a launch. Each costs one request the first time and
//! none while its copy is fresh (how long depends on the record: see
//! [`Store::open`]); what the sync holds is reused and costs none.

use super::{Fetched, Listing, Store, StoreError};
use crate::api::models::{DockingFlight, Image, Named, Rocket};
use crate::api::{
    Astronaut, DockingEvent, Flight, Launch, LaunchId, Priority, RecordRef, SpaceStation,
    Spacecraft,
};
use jiff::{SignedDuration, Timestamp};
use std::collections::HashMap;

/// One record of any kind the browser opens. Records differ much in size
/// and few are held: boxing them would buy nothing.
#[derive(Debug, Clone, PartialEq)]
#[allow(clippy::large_enum_variant)]
pub enum Record {
    Spacecraft(Spacecraft),
    Flight(Flight),
    Astronaut {
        astronaut: Astronaut,
        /// The spacecraft flight hangar knows for each launch flown.
        flights: HashMap<LaunchId, u64>,
    },
    Station {
        station: SpaceStation,
        /// The docking events at the station, in docking order.
        history: Listing<DockingEvent>,
        /// Why the history is missing or incomplete, when it is.
        history_note: Option<String>,
    },
    Launch(Launch),
}

impl Record {
    /// A short name, for breadcrumbs.
    pub fn name(&self) -> Option<&str> {
        match self {
            Record::Spacecraft(s) => Some(&s.name),
            Record::Flight(f) => f.launch.as_ref()?.name.as_deref(),
            Record::Astronaut { astronaut, .. } => astronaut.name.as_deref(),
            Record::Station { station, .. } => Some(&station.name),
            Record::Launch(l) => l.name.as_deref(),
        }
    }

    /// The picture beside its fields, if it has one worth drawing.
    pub fn image(&self) -> Option<&Image> {
        let image = match self {
            Record::Astronaut { astronaut, .. } => astronaut.image.as_ref(),
            Record::Station { station, .. } => station.image.as_ref(),
            Record::Launch(_) | Record::Spacecraft(_) | Record::Flight(_) => None,
        }?;
        (image.thumbnail_url.is_some() || image.image_url.is_some()).then_some(image)
    }

    /// Its web page (`o`): its wiki link where it has one, else its API URL.
    pub fn web_page(&self) -> Option<String> {
        match self {
            Record::Astronaut { astronaut: a, .. } => a.wiki.clone().or(a.url.clone()),
            Record::Station { station, .. } => station.url.clone(),
            Record::Launch(l) => l.url.clone(),
            // Their screens read them from the catalog and the flights loaded.
            Record::Spacecraft(_) | Record::Flight(_) => None,
        }
    }

    /// hangar's own reading of the record as JSON, for when the API's text
    /// is not at hand (a cache that could not be written): 2.3.0 names,
    /// fewer fields.
    pub fn to_json(&self) -> serde_json::Value {
        let value = match self {
            Record::Astronaut { astronaut, .. } => serde_json::to_value(astronaut),
            Record::Station { station, .. } => serde_json::to_value(station),
            Record::Launch(launch) => serde_json::to_value(launch),
            Record::Spacecraft(s) => serde_json::to_value(s),
            Record::Flight(f) => serde_json::to_value(f),
        };
        value.unwrap_or(serde_json::Value::Null)
    }
}

impl<T> Fetched<T> {
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Fetched<U> {
        Fetched {
            value: f(self.value),
            origin: self.origin,
            notice: self.notice,
            partial: self.partial,
            retry_at: self.retry_at,
            left_out: self.left_out,
        }
    }
}

/// A launch older than this no longer changes: its copy keeps longer.
const SETTLED: SignedDuration = SignedDuration::from_hours(24 * 30);

impl Store {
    /// The record `r` refers to. How long a copy is fresh:
    /// - an astronaut in space, or an active station (and its dockings):
    ///   `--in-space-ttl` (2 h);
    /// - an active astronaut, a launch of the last 30 days or to come: 24 h;
    /// - a retired astronaut, a station no longer active, an older launch: 7 days.
    pub async fn open(
        &self,
        r: RecordRef,
        priority: Priority,
    ) -> Result<Fetched<Record>, StoreError> {
        let what = r.to_string();
        let found = match r {
            RecordRef::Spacecraft(id) => {
                return Ok(self.spacecraft(id, priority).await?.map(Record::Spacecraft))
            }
            RecordRef::Flight(id) => return Ok(self.flight(id).await?.map(Record::Flight)),
            RecordRef::Astronaut(_) => {
                let url = self.endpoints.record(r);
                self.record(&url, |a| self.astronaut_ttl(a), priority, || None)
                    .await
                    .map(|found| found.map(|f| f.map(|a| self.with_flights(a))))
            }
            RecordRef::Station(_) => {
                let url = self.endpoints.record(r);
                let found = self
                    .record(&url, |s| self.station_ttl(s), priority, || None)
                    .await;
                match found {
                    Ok(Some(station)) => Ok(Some(self.with_history(station, priority).await)),
                    Ok(None) => Ok(None),
                    Err(e) => Err(e),
                }
            }
            RecordRef::Launch(_) => {
                let url = self.endpoints.record(r);
                self.record(&url, |l| self.launch_ttl(l), priority, || None)
                    .await
                    .map(|found| found.map(|f| f.map(|l| Record::Launch(self.with_carried(l)))))
            }
        };
        found
            .map_err(|e| self.explain(e, &what))?
            .ok_or_else(|| self.nothing_offline(&what))
    }

    fn astronaut_ttl(&self, a: &Astronaut) -> SignedDuration {
        match (a.in_space, a.status_name()) {
            (Some(true), _) => self.freshness.in_space,
            (_, Some("Active") | None) => self.freshness.catalog,
            _ => self.freshness.flights,
        }
    }

    fn station_ttl(&self, s: &SpaceStation) -> SignedDuration {
        match s.status_name() {
            Some("Active") | None => self.freshness.in_space,
            _ => self.freshness.flights,
        }
    }

    fn launch_ttl(&self, l: &Launch) -> SignedDuration {
        let settled = l
            .net
            .is_some_and(|net| Timestamp::now().duration_since(net) > SETTLED);
        if settled {
            self.freshness.flights
        } else {
            self.freshness.catalog
        }
    }

    /// Links each launch the astronaut flew to the spacecraft flight the
    /// sync holds for it (the one the astronaut was aboard, if several).
    fn with_flights(&self, astronaut: Astronaut) -> Record {
        let mut flights = HashMap::new();
        if let Some(index) = self.flight_index() {
            for launch in &astronaut.flights {
                let Some(id) = launch.reference() else {
                    continue;
                };
                let candidates = index.flights_of_launch(id);
                let aboard = candidates.iter().find(|f| {
                    [&f.launch_crew, &f.onboard_crew, &f.landing_crew]
                        .into_iter()
                        .flatten()
                        .any(|c| c.astronaut.as_ref().and_then(|a| a.id) == astronaut.id)
                });
                if let Some(f) = aboard.or(candidates.first()) {
                    flights.insert(id, f.id);
                }
            }
        }
        Record::Astronaut { astronaut, flights }
    }

    /// A launch whose record names no spacecraft flight (2.2.0 sends one
    /// at most) gets those the sync holds for it.
    fn with_carried(&self, mut launch: Launch) -> Launch {
        if !launch.spacecraft_flights().is_empty() {
            return launch;
        }
        if let (Some(id), Some(index)) = (launch.reference(), self.flight_index()) {
            let carried = index.flights_of_launch(id);
            if !carried.is_empty() {
                launch
                    .rocket
                    .get_or_insert_with(Rocket::default)
                    .spacecraft_stage = carried;
            }
        }
        launch
    }

    /// The station and every docking event at it, from the API's docking
    /// events, paged (one request per 100 events, none while fresh). The
    /// sync's flights are no substitute but for nothing: they hold only
    /// spacecraft flights, and cargo (payload flights) docks too; when the
    /// API cannot be asked they stand in, and the history says so.
    async fn with_history(
        &self,
        station: Fetched<SpaceStation>,
        priority: Priority,
    ) -> Fetched<Record> {
        let id = station.value.id;
        let ttl = self.station_ttl(&station.value);
        let endpoints = &self.endpoints;
        let page_url = |offset| endpoints.station_dockings_page(id, offset);
        let loaded = self
            .listing::<DockingEvent>(page_url, ttl, priority, || None, |_| {})
            .await;
        let what = format!("the docking history of station {id}");
        let (mut history, why, partial, retry_at) = match loaded {
            Ok(Some(fetched)) => {
                let why = fetched
                    .partial
                    .map(|p| p.describe("docking events", fetched.retry_at))
                    .or(fetched.notice);
                (fetched.value, why, fetched.partial, fetched.retry_at)
            }
            Ok(None) => (
                Listing {
                    records: Vec::new(),
                    count: None,
                },
                Some(format!("{what} is not available offline")),
                None,
                None,
            ),
            Err(e) => {
                let retry_at = match &e {
                    StoreError::Api(api) => api.retry_at(),
                    _ => None,
                };
                (
                    Listing {
                        records: Vec::new(),
                        count: None,
                    },
                    Some(self.explain(e, &what).to_string()),
                    None,
                    retry_at,
                )
            }
        };
        let mut note = why;
        if history.records.is_empty() && note.is_some() {
            if let Some(index) = self.flight_index() {
                let synced = index.dockings_at(id);
                if !synced.is_empty() {
                    note = note.map(|why| {
                        format!("{why}; showing the dockings of spacecraft flights the sync holds (cargo and other payloads are not among them)")
                    });
                    history.records = synced;
                }
            }
        }
        history
            .records
            .sort_by_key(|e| (e.docking.is_none(), e.docking, e.id));
        let have = history.records.len();
        let mut fetched = station.map(|station| Record::Station {
            station,
            history,
            history_note: note.clone(),
        });
        if note.is_some() {
            // Not all that was asked for: the CLI exits 3 and says why.
            fetched.partial = partial.or(Some(super::Partial { have, count: None }));
            fetched.retry_at = fetched.retry_at.or(retry_at);
            fetched.notice = super::listing::join_notices([fetched.notice, note]);
        }
        fetched
    }
}

/// The visiting flight of a docking event read from inside that flight.
pub(super) fn chaser_of(f: &Flight) -> DockingFlight {
    DockingFlight {
        id: Some(f.id),
        spacecraft: f.spacecraft.as_ref().map(|s| Named {
            id: i64::try_from(s.id).ok(),
            name: Some(s.name.clone()),
            abbrev: None,
        }),
        launch: f.launch.clone().map(Box::new),
        ..DockingFlight::default()
    }
}
