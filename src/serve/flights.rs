//! `/spacecraft_flights/` and `/spacecraft_flights/{id}/` from the sync:
//! the endpoint's one filter, `spacecraft` (django-filter's
//! ModelChoiceFilter: the value read with int(), a spacecraft the catalog
//! does not hold refused), LimitOffsetPagination, and `mode`. LL2 names no
//! search or ordering fields for it: the mirror orders by id (`ordering=id`
//! and `-id` are read, other fields ignored) and applies no `search`.

use super::asked::Asked;
use super::holdings::{Holdings, SyncedFlight};
use super::response::Answer;
use super::schema;
use crate::search::python;
use crate::search::query::{INVALID_CHOICE, NULL_CHARACTERS};
use axum::http::StatusCode;
use serde_json::json;

/// `GET /spacecraft_flights/`.
pub fn list(held: &Holdings, asked: &Asked) -> Answer {
    let mut rows = match narrowed(held, asked) {
        Ok(rows) => rows,
        Err(answer) => return answer,
    };
    if descending_by_id(asked) {
        rows.reverse();
    }
    let variant = asked.variant();
    asked
        .page(&rows, |&(i, f)| {
            Some(held.flight_row(i, variant, || asked.rendered(&f.raw, schema::FLIGHT_NORMAL)))
        })
        .cached(held.flights_caching)
}

/// `GET /spacecraft_flights/{id}/`: detailed, as the record's own endpoint answers.
pub fn detail(held: &Holdings, asked: &Asked, id: &str) -> Answer {
    let rows = match narrowed(held, asked) {
        Ok(rows) => rows,
        Err(answer) => return answer,
    };
    let Some(id) = python::int(id) else {
        return Answer::not_found();
    };
    match rows.iter().find(|(_, f)| i128::from(f.id) == id) {
        Some((_, f)) => Answer::ok(asked.rewrite.value(&f.raw)).cached(held.flights_caching),
        None => Answer::no_such("SpacecraftFlight"),
    }
}

/// The flights the `spacecraft` filter leaves, in id order, with where
/// each is in the sync, or the answer instead: 503 until the sync is
/// complete, 400 for a value DRF refuses.
fn narrowed<'h>(
    held: &'h Holdings,
    asked: &Asked,
) -> Result<Vec<(usize, &'h SyncedFlight)>, Answer> {
    let Some(flights) = held.synced().filter(|_| held.catalog.complete) else {
        let f = &held.flights;
        let total = f.total.map_or("?".to_string(), |t| t.to_string());
        return Err(Answer::unavailable(&format!(
            "This mirror does not hold every spacecraft flight yet (its cache holds {} of \
             {total}); it answers once `hangar sync` has brought all of them.",
            f.synced
        )));
    };
    let value = asked.params.get("spacecraft").unwrap_or("");
    if value.is_empty() {
        return Ok(flights.iter().enumerate().collect());
    }
    let refused =
        |message: &str| Answer::error(StatusCode::BAD_REQUEST, json!({ "spacecraft": [message] }));
    if value.contains('\0') {
        return Err(refused(NULL_CHARACTERS));
    }
    let id = python::int(value)
        .and_then(|id| u64::try_from(id).ok())
        .filter(|&id| held.has(id))
        .ok_or_else(|| refused(INVALID_CHOICE))?;
    Ok(flights
        .iter()
        .enumerate()
        .filter(|(_, f)| f.spacecraft == Some(id))
        .collect())
}

/// `ordering`'s last value, its terms stripped: the first naming `id` says the direction.
fn descending_by_id(asked: &Asked) -> bool {
    asked
        .params
        .get("ordering")
        .unwrap_or("")
        .split(',')
        .map(python::strip)
        .find(|t| *t == "id" || *t == "-id")
        == Some("-id")
}
