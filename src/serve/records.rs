//! By id, the astronauts, space stations and launches the cache holds
//! (`/astronauts/{id}/`, `/space_stations/{id}/`, `/launches/{id}/`), as the
//! API sent them; and a station's docking events
//! (`/docking_events/?space_station_target__id=ID`; 2.2.0's
//! `/docking_event/?space_station__id=ID`) where its whole history is held. A record it does not hold is asked of the upstream once, as
//! what a person asked for (the ledger may spend the reserve on it), and
//! cached; two clients asking at once cost one request.

use super::asked::Asked;
use super::pagination;
use super::response::Answer;
use crate::api::{ApiError, ApiVersion, LaunchId, Priority, RecordRef};
use crate::data::store::{Freshness, Store, StoreError};
use crate::search::python;
use axum::http::StatusCode;
use jiff::{SignedDuration, Timestamp};
use serde_json::{json, Value};

/// A kind of record served by id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Astronaut,
    Station,
    Launch,
}

impl Kind {
    /// The model's name in DRF's 404 (`get_object_or_404`).
    fn model(self) -> &'static str {
        match self {
            Kind::Astronaut => "Astronaut",
            Kind::Station => "SpaceStation",
            Kind::Launch => "Launch",
        }
    }

    /// The record `id` names, if it reads as the API's lookup reads it
    /// (a number; a launch's UUID).
    fn reference(self, id: &str) -> Option<RecordRef> {
        let number = || python::int(id).and_then(|n| u64::try_from(n).ok());
        match self {
            Kind::Astronaut => number().map(RecordRef::Astronaut),
            Kind::Station => number().map(RecordRef::Station),
            Kind::Launch => id.parse::<LaunchId>().ok().map(RecordRef::Launch),
        }
    }

    /// How long a copy stays fresh at most (the store's rules: an astronaut
    /// in space or an active station, 2 h; a launch, a day).
    fn ttl(self, freshness: &Freshness) -> SignedDuration {
        match self {
            Kind::Astronaut | Kind::Station => freshness.in_space,
            Kind::Launch => freshness.catalog,
        }
    }
}

/// `GET /{kind}/{id}/`: the cached record; else, once, the upstream's.
pub async fn detail(
    store: &Store,
    misses: &tokio::sync::Mutex<()>,
    kind: Kind,
    id: &str,
    asked: &Asked<'_>,
) -> Answer {
    let Some(r) = kind.reference(id) else {
        return Answer::no_such(kind.model());
    };
    if let Some(answer) = held(store, kind, r, asked) {
        return answer;
    }
    // One miss at a time: a second client asking for the same record waits
    // and then finds it cached.
    let _one = misses.lock().await;
    if let Some(answer) = held(store, kind, r, asked) {
        return answer;
    }
    match store.open(r, Priority::Explicit).await {
        Ok(_) => held(store, kind, r, asked).unwrap_or_else(|| {
            Answer::unavailable(&format!(
                "The upstream answered {r}, but this mirror could not keep it."
            ))
        }),
        Err(StoreError::Api(ApiError::NotFound { .. })) => Answer::no_such(kind.model()),
        Err(StoreError::Api(e)) => {
            let wait = e
                .retry_at()
                .map(|at| at.duration_since(Timestamp::now()).as_secs().max(1) as u64);
            let mut answer = Answer::unavailable(&format!(
                "This mirror does not hold {r} and cannot ask the upstream for it now: {e}"
            ));
            if let Some(wait) = wait {
                answer.retry_after = Some(wait);
            }
            answer
        }
        Err(e) => Answer::error(
            StatusCode::NOT_FOUND,
            json!({"detail": format!("No {} matches the given query. This mirror does not hold {r}: {e}", kind.model())}),
        ),
    }
}

/// The cached record, its URLs the mirror's, with its age.
fn held(store: &Store, kind: Kind, r: RecordRef, asked: &Asked) -> Option<Answer> {
    let (record, fetched) = store.raw_record_fetched(r)?;
    let caching = super::caching::Caching::fetched(fetched, kind.ttl(&store.freshness()));
    Some(Answer::ok(asked.rewrite.value(&record)).cached(caching))
}

/// The filters of `/docking_events/` the mirror does not apply: a request
/// naming one is refused rather than answered as if it had none.
const NOT_APPLIED: [&str; 7] = [
    "docking__gt",
    "docking__gte",
    "docking__lt",
    "docking__lte",
    "docking_location__id",
    "flight_vehicle_chaser__id",
    "search",
];

/// The filter that names a docking event's station in `version`
/// ([`crate::api::Endpoints::station_dockings_page`]).
pub fn station_filter(version: ApiVersion) -> &'static str {
    match version {
        ApiVersion::V2_3 => "space_station_target__id",
        ApiVersion::V2_2 => "space_station__id",
    }
}

/// `GET /docking_events/?space_station_target__id=ID`: a station's whole
/// docking history as the API sent it (normal mode, as the store asks for
/// it), paged; ordered by `docking` unless `ordering` asks for `-docking`,
/// `id` or `-id` (other fields are ignored, as DRF ignores what it does
/// not know).
pub fn dockings(store: &Store, asked: &Asked) -> Answer {
    let params = asked.params;
    let filter = station_filter(asked.version);
    let station = params.get(filter).unwrap_or("");
    let refuse = |what: &str| {
        Answer::error(
            StatusCode::NOT_FOUND,
            json!({"detail": format!(
                "Not found. This mirror serves {} only as one station's whole \
                 history ({filter}=ID, with limit, offset, ordering, format), \
                 in normal mode, for a station whose history it holds: {what}.",
                asked.list_url
            )}),
        )
    };
    if station.is_empty() {
        return refuse(&format!("no {filter} was given"));
    }
    if let Some(name) = NOT_APPLIED
        .iter()
        .find(|name| params.get(name).is_some_and(|v| !v.is_empty()))
    {
        return refuse(&format!("it does not apply {name}"));
    }
    if params.get("mode") == Some("detailed") {
        return refuse("it holds them in normal mode");
    }
    // django-filter's NumberFilter: a decimal, its field an integer.
    let Some(station) = python::int(station).and_then(|n| u64::try_from(n).ok()) else {
        return Answer::error(
            StatusCode::BAD_REQUEST,
            json!({ filter: ["Enter a number."] }),
        );
    };
    let Some((mut events, oldest, newest)) = store.raw_station_history(station) else {
        return refuse(&format!(
            "it does not hold the history of station {station}"
        ));
    };
    let ordering = params
        .get("ordering")
        .unwrap_or("")
        .split(',')
        .map(python::strip)
        .find(|t| matches!(*t, "docking" | "-docking" | "id" | "-id"));
    match ordering {
        Some("-docking") => events.reverse(),
        Some("id") => events.sort_by_key(|e| e.get("id").and_then(Value::as_u64)),
        Some("-id") => {
            events.sort_by_key(|e| std::cmp::Reverse(e.get("id").and_then(Value::as_u64)))
        }
        _ => {}
    }
    let caching = super::caching::Caching {
        last_modified: Some(newest),
        fresh_until: oldest
            .checked_add(Kind::Station.ttl(&store.freshness()))
            .ok(),
    };
    let body = pagination::body(params, asked.list_url, events.len(), |page| {
        events[page]
            .iter()
            .map(|e| asked.rewrite.value(e))
            .collect()
    });
    Answer::ok(body).cached(caching)
}
