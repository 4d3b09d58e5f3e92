//! Loading every page of a list endpoint: concurrently, merged by id, with one
//! re-check when the list changed while it was being paged.

use super::client::Client;
use super::endpoints::PAGE_SIZE;
use super::error::ApiError;
use super::ledger::Priority;
use super::models::{Astronaut, DockingEvent, Flight, Launch, RawRecord, SpaceStation, Spacecraft};
use futures::stream::{self, StreamExt};
use serde::de::DeserializeOwned;
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::atomic::{AtomicBool, Ordering};

/// Pages in flight at once: the catalog (~7 pages) goes in one round trip.
pub const CONCURRENCY: usize = 8;

/// A hostile or broken `count` must not make us request millions of pages.
const MAX_PAGES: u64 = 20_000;

/// A record read on its own (`/spacecraft/{id}/`, `/launches/{id}/`).
pub trait Record {
    /// Whether it has an id it can be opened and cached by; one without is
    /// refused.
    fn has_id(&self) -> bool;

    /// Keeps what of the API's own text the record needs beside its cleaned fields.
    fn keep_api_text(&mut self, _raw: &serde_json::Value) {}
}

/// Records that can be merged across pages: by an integer id, 0 when it has none.
pub trait Keyed: Record {
    fn key(&self) -> u64;
}

impl Keyed for Spacecraft {
    fn key(&self) -> u64 {
        self.id
    }
}

impl Keyed for Flight {
    fn key(&self) -> u64 {
        self.id
    }
}

impl Keyed for RawRecord {
    fn key(&self) -> u64 {
        self.id()
    }
}

impl Keyed for SpaceStation {
    fn key(&self) -> u64 {
        self.id
    }
}

// Inside a flight these may lack an id; read on their own, they may not.
impl Keyed for Astronaut {
    fn key(&self) -> u64 {
        self.id.unwrap_or(0)
    }
}

/// A launch's id is a UUID: its two halves folded into one key (0 is "no id").
impl Keyed for Launch {
    fn key(&self) -> u64 {
        self.reference()
            .map_or(0, |id| ((id.0 as u64) ^ ((id.0 >> 64) as u64)).max(1))
    }
}

impl Keyed for DockingEvent {
    fn key(&self) -> u64 {
        self.id.unwrap_or(0)
    }
}

impl Record for Spacecraft {
    fn has_id(&self) -> bool {
        self.id != 0
    }

    fn keep_api_text(&mut self, raw: &serde_json::Value) {
        Spacecraft::keep_api_text(self, raw);
    }
}

/// Id 0 is what a record without an id reads as; no real record has it.
macro_rules! record_by_key {
    ($($record:ty),*) => {$(
        impl Record for $record {
            fn has_id(&self) -> bool {
                self.key() != 0
            }
        }
    )*};
}

record_by_key!(Flight, RawRecord, SpaceStation, Astronaut, DockingEvent);

/// Launch ids are UUIDs, so launches are read one at a time, never merged.
impl Record for Launch {
    fn has_id(&self) -> bool {
        self.valid_id().is_some()
    }
}

/// One parsed page. `skipped` counts records that could not be read at all.
#[derive(Debug, Clone, PartialEq)]
pub struct Page<T> {
    pub count: Option<u64>,
    pub results: Vec<T>,
    pub skipped: usize,
}

/// Parses `{"count", "next", "previous", "results": [...]}`. A record that
/// cannot be read (no id, not an object) is skipped and counted, not fatal;
/// a body that is not such a page is an error.
pub fn parse_page<T: DeserializeOwned + Keyed>(body: &str) -> Result<Page<T>, String> {
    #[derive(Deserialize)]
    struct Raw {
        #[serde(default)]
        count: Option<serde_json::Value>,
        results: Vec<serde_json::Value>,
    }
    let raw: Raw = serde_json::from_str(body).map_err(|e| format!("not a list page: {e}"))?;
    let total = raw.results.len();
    let results: Vec<T> = raw
        .results
        .into_iter()
        .filter_map(|v| {
            let mut record = T::deserialize(&v).ok()?;
            record.keep_api_text(&v);
            Some(record)
        })
        // Id 0 is what a record without an id reads as; no real record has it.
        .filter(|r| r.key() != 0)
        .collect();
    Ok(Page {
        count: raw.count.and_then(|c| c.as_u64()),
        skipped: total - results.len(),
        results,
    })
}

/// Parses one record (`/spacecraft/{id}/`, `/spacecraft_flights/{id}/`,
/// `/astronauts/{id}/`, `/space_stations/{id}/`, `/launches/{id}/`).
pub fn parse_record<T: DeserializeOwned + Record>(body: &str) -> Result<T, String> {
    let raw: serde_json::Value =
        serde_json::from_str(body).map_err(|e| format!("not a record: {e}"))?;
    let mut record = T::deserialize(&raw).map_err(|e| format!("not a record: {e}"))?;
    record.keep_api_text(&raw);
    if !record.has_id() {
        return Err("the record has no id".to_string());
    }
    Ok(record)
}

/// What the loader reports as each page arrives.
pub struct PageEvent<'a, T> {
    pub url: &'a str,
    pub body: &'a str,
    pub page: &'a Page<T>,
    /// Pages had (held or arrived) and known so far in this load.
    pub done: usize,
    pub total: usize,
}

/// What a load may skip and how it may spend.
#[derive(Debug, Clone)]
pub struct Plan {
    pub priority: Priority,
    /// The count an earlier load saw: every page goes out at once.
    pub known_count: Option<u64>,
    /// Offsets of pages already held (fresh in the cache, from a list of
    /// `known_count` records): not fetched again unless the list changed.
    pub held: BTreeSet<u64>,
}

impl Plan {
    pub fn fresh(priority: Priority, known_count: Option<u64>) -> Self {
        Plan {
            priority,
            known_count,
            held: BTreeSet::new(),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Loaded<T> {
    /// The records of the pages fetched now, merged by id, in id order.
    pub records: Vec<T>,
    /// How many records the list holds: the server's largest `count`, unless
    /// its pages ended sooner.
    pub count: Option<u64>,
    pub requests: usize,
    pub rechecked: bool,
    /// Why the walk ended before every page was had. Pages that arrived
    /// before (or in flight at) that moment were still handed to `on_page`.
    pub stopped: Option<ApiError>,
    /// Offsets neither held nor fetched.
    pub missing: BTreeSet<u64>,
    /// The server's `count` and the rows its pages really end at, when they disagree.
    pub count_mismatch: Option<(u64, u64)>,
    /// Records without a readable id that were left out.
    pub skipped: usize,
}

fn offsets(count: u64) -> impl Iterator<Item = u64> {
    let pages = count.div_ceil(PAGE_SIZE).clamp(1, MAX_PAGES);
    (0..pages).map(|p| p * PAGE_SIZE)
}

/// Loads every page that `page_url(offset)` names and `plan` does not hold.
///
/// With a known count every page goes out at once: one round trip. Without
/// it the first page is fetched alone for its `count`, then all the others
/// at once. `next` links are never followed (they could point anywhere);
/// offsets are computed here. A page that comes back short or empty before
/// the count is reached ends the list there: a `count` far beyond what the
/// pages deliver costs nothing more. If pages disagree about `count` (the
/// list changed while it was paged, so offsets shifted), every page is
/// fetched once more and merged in, so nothing is lost and nothing doubled.
///
/// The first failure (after the client's retries), including the budget
/// ledger refusing a request, stops the walk: no new request goes out, but
/// the ones already sent are awaited and handed to `on_page`, because the
/// server counted them.
pub async fn load_all<T, U, F>(
    client: &Client,
    page_url: U,
    plan: Plan,
    mut on_page: F,
) -> Loaded<T>
where
    T: DeserializeOwned + Keyed,
    U: Fn(u64) -> String,
    F: FnMut(PageEvent<'_, T>),
{
    let mut merged: BTreeMap<u64, T> = BTreeMap::new();
    let mut held = plan.held;
    let mut wanted: BTreeSet<u64> = match plan.known_count {
        Some(count) => offsets(count).collect(),
        None => BTreeSet::from([0]),
    };
    held.retain(|o| wanted.contains(o));
    let mut fetched: BTreeSet<u64> = BTreeSet::new();
    let mut counts: BTreeSet<u64> = BTreeSet::new();
    let mut max_count: Option<u64> = None;
    // Where the pages really end, when one came back short.
    let mut end: Option<u64> = None;
    let mut rechecked = false;
    let mut requests = 0;
    let mut skipped = 0;
    let stop = AtomicBool::new(false);
    let mut stopped: Option<ApiError> = None;
    loop {
        let mut batch: Vec<u64> = wanted
            .iter()
            .filter(|o| !fetched.contains(o) && !held.contains(o))
            .filter(|o| end.is_none_or(|e| **o < e))
            .copied()
            .collect();
        if batch.len() > 1 {
            batch.truncate(client.burst_size(batch.len()).await);
        }
        if batch.is_empty() || stopped.is_some() {
            if counts.len() > 1 && !rechecked && stopped.is_none() {
                tracing::info!(
                    ?counts,
                    "the list changed while paging; re-checking every page"
                );
                rechecked = true;
                fetched.clear();
                held.clear();
                counts.clear();
                continue;
            }
            break;
        }
        let stop = &stop;
        let mut pages = stream::iter(batch)
            .map(|offset| {
                let url = page_url(offset);
                async move {
                    // After a failure nothing new goes out.
                    if stop.load(Ordering::Relaxed) {
                        return None;
                    }
                    let result = client
                        .get_in_burst(plan.priority, &url, |body| {
                            parse_page::<T>(body).map(|page| (page, body.to_string()))
                        })
                        .await;
                    if result.is_err() {
                        stop.store(true, Ordering::Relaxed);
                    }
                    Some((offset, url, result))
                }
            })
            .buffer_unordered(CONCURRENCY);
        while let Some(done) = pages.next().await {
            let Some((offset, url, result)) = done else {
                continue;
            };
            let (page, body) = match result {
                Ok(ok) => ok,
                Err(err) => {
                    if !matches!(err, ApiError::OverBudget { .. }) {
                        requests += 1;
                    }
                    stopped.get_or_insert(err);
                    continue;
                }
            };
            requests += 1;
            fetched.insert(offset);
            if let Some(count) = page.count {
                if plan.known_count.is_some_and(|k| k != count) && !held.is_empty() {
                    // The list changed since the held pages were fetched: they go too.
                    tracing::info!(count, "the list changed since the cached pages");
                    held.clear();
                }
                counts.insert(count);
                max_count = max_count.max(Some(count));
                wanted.extend(offsets(count));
            }
            let delivered = offset.saturating_add(page.results.len() as u64 + page.skipped as u64);
            let short = page.results.len() + page.skipped < PAGE_SIZE as usize;
            if short && page.count.is_none_or(|c| delivered < c) {
                end = Some(end.map_or(delivered, |e| e.min(delivered)));
            }
            if page.skipped > 0 {
                skipped += page.skipped;
                tracing::warn!(
                    url,
                    skipped = page.skipped,
                    "records without a readable id were skipped"
                );
            }
            on_page(PageEvent {
                url: &url,
                body: &body,
                page: &page,
                done: fetched.len() + held.len(),
                total: planned(&wanted, end),
            });
            for record in page.results {
                merged.insert(record.key(), record);
            }
        }
    }
    if requests > 0 {
        client.check_budget_after_burst();
    }
    let count = match (max_count, end) {
        (Some(c), Some(e)) => Some(c.min(e)),
        (c, _) => c,
    };
    let missing = wanted
        .iter()
        .filter(|o| !fetched.contains(o) && !held.contains(o))
        .filter(|o| end.is_none_or(|e| **o < e))
        .copied()
        .collect();
    Loaded {
        records: merged.into_values().collect(),
        count,
        requests,
        rechecked,
        stopped,
        missing,
        count_mismatch: max_count.zip(end).filter(|(c, e)| e < c),
        skipped,
    }
}

fn planned(wanted: &BTreeSet<u64>, end: Option<u64>) -> usize {
    wanted
        .iter()
        .filter(|o| end.is_none_or(|e| **o < e))
        .count()
}
