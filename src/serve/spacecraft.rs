//! `/spacecraft/` and `/spacecraft/{id}/` as LL2's view answers them: its
//! filters (django-filter's reading, hangar's `FilterReading`), `search`
//! (`SearchFilter`), `ordering` (`OrderingFilter`, NULLs as PostgreSQL
//! orders them, ties by id), LimitOffsetPagination, and `mode`.

use super::asked::Asked;
use super::holdings::Holdings;
use super::params::Params;
use super::response::Answer;
use super::schema;
use crate::api::{ApiVersion, Spacecraft};
use crate::search::python;
use crate::search::query::{
    Filter, FilterKey, FilterParam, FilterReading, IdOrName, Order, OrderField, Search,
    INVALID_CHOICE, NULL_CHARACTERS,
};
use axum::http::StatusCode;
use serde_json::{json, Value};
use std::cmp::Ordering;
use std::collections::BTreeMap;

/// The endpoint's `ordering_fields` (2.2.0's: `id` alone).
const ORDERING_FIELDS: [OrderField; 5] = [
    OrderField::FlightsCount,
    OrderField::Id,
    OrderField::MissionEndsCount,
    OrderField::TimeDocked,
    OrderField::TimeInSpace,
];

/// `GET /spacecraft/`.
pub fn list(held: &Holdings, asked: &Asked) -> Answer {
    let records = &held.records;
    let mut rows = match narrowed(held, asked) {
        Ok(rows) => rows,
        Err(answer) => return answer,
    };
    let ordering = ordering(asked);
    rows.sort_by(|&a, &b| compare(&ordering, &records[a], &records[b]));
    let variant = asked.variant();
    asked
        .page(&rows, |&i| {
            let raw = held.raw(records[i].id)?;
            Some(held.catalog_row(i, variant, || {
                asked.rendered(raw, schema::SPACECRAFT_NORMAL)
            }))
        })
        .cached(held.catalog_caching)
}

/// `GET /spacecraft/{id}/`: DRF's `get_object`, the filters and `search`
/// applied first, then the id read with int(). The record's own endpoint
/// answers in detailed mode, whatever `mode` says.
pub fn detail(held: &Holdings, asked: &Asked, id: &str) -> Answer {
    let rows = match narrowed(held, asked) {
        Ok(rows) => rows,
        Err(answer) => return answer,
    };
    let Some(id) = python::int(id) else {
        return Answer::not_found();
    };
    let found = rows
        .iter()
        .map(|&i| held.records[i].id)
        .find(|&r| i128::from(r) == id);
    let Some(id) = found else {
        return Answer::no_such("Spacecraft");
    };
    match held.detail(id) {
        Some((record, caching)) => Answer::ok(asked.rewrite.value(&record)).cached(caching),
        None => Answer::unavailable(&match asked.version {
            ApiVersion::V2_3 => format!(
                "This mirror does not hold spacecraft {id} whole yet: neither its own record \
                 nor every one of its flights is in its cache (`hangar sync` brings them)."
            ),
            ApiVersion::V2_2 => format!(
                "This mirror does not hold spacecraft {id}'s own record (a mirror of 2.2.0 \
                 does not put one together from the catalog and the flights)."
            ),
        }),
    }
}

/// The rows the filters and `search` leave (in id order), or the answer
/// instead: 503 until the catalog is whole, 400 for what DRF refuses.
fn narrowed(held: &Holdings, asked: &Asked) -> Result<Vec<usize>, Answer> {
    let params = asked.params;
    if !held.catalog.complete {
        return Err(not_whole(held));
    }
    let records = &held.records;
    let filters = filters(records, params, asked.version)
        .map_err(|body| Answer::error(StatusCode::BAD_REQUEST, body))?;
    let text = params.get("search").unwrap_or("");
    if text.contains('\0') {
        return Err(Answer::error(
            StatusCode::BAD_REQUEST,
            json!([NULL_CHARACTERS]),
        ));
    }
    let search = Search::new(text);
    Ok((0..records.len())
        .filter(|&i| search.matches(&records[i]) && filters.iter().all(|f| f.matches(&records[i])))
        .collect())
}

fn not_whole(held: &Holdings) -> Answer {
    let c = &held.catalog;
    let what = match (c.fetched_at, c.count) {
        (None, _) => "none of it is in its cache".to_string(),
        (Some(_), Some(count)) => format!("its cache holds {} of {count} spacecraft", c.have),
        (Some(_), None) => format!("its cache holds {} spacecraft", c.have),
    };
    Answer::unavailable(&format!(
        "This mirror does not hold the whole catalog yet ({what}); it answers once \
         `hangar sync` has brought all of it."
    ))
}

/// The filters, or DRF's 400 body: each refused parameter's messages.
/// 2.2.0 has no `in_space` or `is_placeholder`: ignored, as DRF ignores
/// what it does not know.
fn filters(
    records: &[Spacecraft],
    params: &Params,
    version: ApiVersion,
) -> Result<Vec<Filter>, Value> {
    let known = |key: &FilterKey| {
        version == ApiVersion::V2_3 || !matches!(key, FilterKey::InSpace | FilterKey::IsPlaceholder)
    };
    let given: Vec<FilterParam> = params
        .pairs()
        .iter()
        .filter_map(|(k, v)| {
            Some(FilterParam {
                key: k.parse::<FilterKey>().ok().filter(known)?,
                value: v.clone(),
            })
        })
        .collect();
    let reading = FilterReading::new(&given);
    let mut errors: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    if let Err(refused) = reading.check(records) {
        for e in refused {
            errors
                .entry(e.param.key.api_name())
                .or_default()
                .push(e.message);
        }
    }
    let filters = reading.filters();
    // A name where the API wants an id: hangar's CLI reads it, the API refuses it.
    for filter in &filters {
        let key = match filter {
            Filter::Status(IdOrName::Name(_)) => FilterKey::Status,
            Filter::Config(IdOrName::Name(_)) => FilterKey::Config,
            _ => continue,
        };
        errors
            .entry(key.api_name())
            .or_insert_with(|| vec![INVALID_CHOICE]);
    }
    if errors.is_empty() {
        Ok(filters)
    } else {
        Err(json!(errors))
    }
}

/// `OrderingFilter.get_ordering`: the last `ordering`, split on commas,
/// each term stripped; the terms naming an ordering field; else by id.
fn ordering(asked: &Asked) -> Vec<Order> {
    let fields: &[OrderField] = match asked.version {
        ApiVersion::V2_3 => &ORDERING_FIELDS,
        ApiVersion::V2_2 => &[OrderField::Id],
    };
    let terms: Vec<Order> = asked
        .params
        .get("ordering")
        .unwrap_or("")
        .split(',')
        .filter_map(|term| {
            let term = python::strip(term);
            let (descending, name) = match term.strip_prefix('-') {
                Some(name) => (true, name),
                None => (false, term),
            };
            let field = fields.iter().copied().find(|f| f.api_name() == name)?;
            Some(Order { field, descending })
        })
        .collect();
    if terms.is_empty() {
        vec![Order::default()]
    } else {
        terms
    }
}

fn compare(ordering: &[Order], a: &Spacecraft, b: &Spacecraft) -> Ordering {
    ordering
        .iter()
        .map(|o| o.compare_keys(o.field.numeric_key(a), o.field.numeric_key(b)))
        .find(|o| o.is_ne())
        .unwrap_or_else(|| a.id.cmp(&b.id))
}
