//! Loading every page of a list endpoint: concurrently, merged by id, with one
//! re-check when the list changed while it was being paged.

use super::client::Client;
use super::endpoints::PAGE_SIZE;
use super::error::ApiError;
use super::models::{Flight, Spacecraft};
use futures::stream::{self, StreamExt};
use serde::de::DeserializeOwned;
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};

/// Pages in flight at once: the catalog (~7 pages) goes in one round trip.
pub const CONCURRENCY: usize = 8;

/// A hostile or broken `count` must not make us request millions of pages.
const MAX_PAGES: u64 = 20_000;

/// Records that can be merged across pages.
pub trait Keyed {
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
        .filter_map(|v| T::deserialize(v).ok())
        // Id 0 is what a record without an id reads as; no real record has it.
        .filter(|r| r.key() != 0)
        .collect();
    Ok(Page {
        count: raw.count.and_then(|c| c.as_u64()),
        skipped: total - results.len(),
        results,
    })
}

/// Parses one record (`/spacecraft/{id}/`, `/spacecraft_flights/{id}/`).
pub fn parse_record<T: DeserializeOwned + Keyed>(body: &str) -> Result<T, String> {
    let record: T = serde_json::from_str(body).map_err(|e| format!("not a record: {e}"))?;
    if record.key() == 0 {
        return Err("the record has no id".to_string());
    }
    Ok(record)
}

/// What the loader reports as each page arrives.
pub struct PageEvent<'a, T> {
    pub url: &'a str,
    pub body: &'a str,
    pub page: &'a Page<T>,
    /// Pages done and known so far in this load.
    pub done: usize,
    pub total: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Loaded<T> {
    /// Merged by id, in id order.
    pub records: Vec<T>,
    /// The largest `count` the server reported.
    pub count: Option<u64>,
    pub requests: usize,
    pub rechecked: bool,
}

fn offsets(count: u64) -> impl Iterator<Item = u64> {
    let pages = count.div_ceil(PAGE_SIZE).clamp(1, MAX_PAGES);
    (0..pages).map(|p| p * PAGE_SIZE)
}

/// Loads every page that `page_url(offset)` names.
///
/// With `known_count` (from a cached load) every page goes out at once: one
/// round trip. Without it the first page is fetched alone for its `count`,
/// then all the others at once. `next` links are never followed (they could
/// point anywhere); offsets are computed here. If pages disagree about
/// `count` (records were added or removed while paging, so offsets shifted),
/// every page is fetched once more and merged in, so nothing is lost and
/// nothing is doubled.
pub async fn load_all<T, U, F>(
    client: &Client,
    page_url: U,
    known_count: Option<u64>,
    mut on_page: F,
) -> Result<Loaded<T>, ApiError>
where
    T: DeserializeOwned + Keyed,
    U: Fn(u64) -> String,
    F: FnMut(PageEvent<'_, T>),
{
    let mut merged: BTreeMap<u64, T> = BTreeMap::new();
    let mut wanted: BTreeSet<u64> = match known_count {
        Some(count) => offsets(count).collect(),
        None => BTreeSet::from([0]),
    };
    let mut fetched: BTreeSet<u64> = BTreeSet::new();
    let mut counts: BTreeSet<u64> = BTreeSet::new();
    let mut max_count: Option<u64> = None;
    let mut rechecked = false;
    let mut requests = 0;
    loop {
        let batch: Vec<u64> = wanted.difference(&fetched).copied().collect();
        if batch.is_empty() {
            if counts.len() > 1 && !rechecked {
                tracing::info!(
                    ?counts,
                    "the list changed while paging; re-checking every page"
                );
                rechecked = true;
                fetched.clear();
                counts.clear();
                continue;
            }
            break;
        }
        let mut pages = stream::iter(batch)
            .map(|offset| {
                let url = page_url(offset);
                async move {
                    let result = client
                        .get(&url, |body| {
                            parse_page::<T>(body).map(|page| (page, body.to_string()))
                        })
                        .await;
                    (offset, url, result)
                }
            })
            .buffer_unordered(CONCURRENCY);
        while let Some((offset, url, result)) = pages.next().await {
            requests += 1;
            let (page, body) = result?;
            fetched.insert(offset);
            if let Some(count) = page.count {
                counts.insert(count);
                max_count = max_count.max(Some(count));
                wanted.extend(offsets(count));
            }
            if page.skipped > 0 {
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
                done: fetched.len(),
                total: wanted.len(),
            });
            for record in page.results {
                merged.insert(record.key(), record);
            }
        }
    }
    Ok(Loaded {
        records: merged.into_values().collect(),
        count: max_count,
        requests,
        rechecked,
    })
}
