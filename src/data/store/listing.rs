//! Lists (the catalog, flights): read from the cached pages, walked on the
//! API for what is not held fresh, and put together whole or partial.

use super::*;

impl Store {
    /// A whole list: every page fresh in the cache, else the API for the
    /// pages not held fresh (all at once when the cache knows the count),
    /// else whatever the cache holds, else `fallback`. A walk the budget or
    /// the network cut short gives what it has, marked partial.
    pub(super) async fn listing<T: DeserializeOwned + Keyed>(
        &self,
        page_url: impl Fn(u64) -> String,
        ttl: SignedDuration,
        priority: Priority,
        fallback: impl FnOnce() -> Option<Vec<T>>,
        progress: impl FnMut(&PageEvent<'_, T>),
    ) -> Result<Option<Fetched<Listing<T>>>, StoreError> {
        self.listing_with(page_url, ttl, priority, self.refresh, fallback, progress)
            .await
    }

    pub(super) async fn listing_with<T: DeserializeOwned + Keyed>(
        &self,
        page_url: impl Fn(u64) -> String,
        ttl: SignedDuration,
        priority: Priority,
        force: bool,
        fallback: impl FnOnce() -> Option<Vec<T>>,
        mut progress: impl FnMut(&PageEvent<'_, T>),
    ) -> Result<Option<Fetched<Listing<T>>>, StoreError> {
        let now = Timestamp::now();
        // A forced load refetches every page: of the cache it needs only the
        // count (to send every page at once); reading all of it would cost
        // the start of the walk. A walk that fails reads the cache again.
        let local = if force && self.client.is_some() {
            None
        } else {
            self.cached_listing::<T>(&page_url)
        };
        let Some(client) = &self.client else {
            return Ok(match local {
                Some(l) => Some(l.into_fetched(now, ttl, None)),
                None => fallback().map(snapshot_listing),
            });
        };
        if let Some(l) = &local {
            if l.is_fresh(now, ttl) && !force {
                return Ok(local.map(|l| l.into_fetched(now, ttl, None)));
            }
        }
        let held = match &local {
            Some(l) if !force => l.held(now, ttl),
            _ => BTreeSet::new(),
        };
        let known_count = match &local {
            Some(l) => l.count,
            None => self.cached_count(&page_url(0)),
        };
        let plan = Plan {
            priority,
            known_count,
            held: held.clone(),
        };
        let loaded = paging::load_all(client, &page_url, plan, |event| {
            self.save(event.url, event.body, now);
            progress(&event);
        })
        .await;
        tracing::info!(
            requests = loaded.requests,
            records = loaded.records.len(),
            rechecked = loaded.rechecked,
            stopped = loaded.stopped.as_ref().map(|e| e.to_string()),
            "list loaded"
        );
        if let Some((said, delivered)) = loaded.count_mismatch {
            tracing::warn!(said, delivered, "the server's count and its pages disagree");
        }
        let mismatch = loaded.count_mismatch.map(|(said, delivered)| {
            format!("the API said {said} records but its pages end at {delivered}")
        });
        let Some(err) = loaded.stopped else {
            if loaded.missing.is_empty() {
                // Everything is here: the pages held and the pages just fetched.
                let mut merged: BTreeMap<u64, T> = BTreeMap::new();
                let mut skipped = loaded.skipped;
                if let Some(l) = local {
                    for (offset, page) in l.pages {
                        if held.contains(&offset) && !loaded.rechecked {
                            skipped = skipped.saturating_add(page.skipped);
                            merged.extend(page.records.into_iter().map(|r| (r.key(), r)));
                        }
                    }
                }
                merged.extend(loaded.records.into_iter().map(|r| (r.key(), r)));
                let mut fetched = Fetched::new(
                    Listing {
                        records: merged.into_values().collect(),
                        count: loaded.count,
                    },
                    Origin::Live,
                );
                fetched.notice = join_notices([mismatch, left_out(skipped)]);
                fetched.left_out = skipped;
                return Ok(Some(fetched));
            }
            // Pages the walk could not plan (more than it may ask for).
            return self
                .incomplete(&page_url, now, ttl, loaded.records, None, mismatch)
                .map_or_else(|| Ok(fallback().map(snapshot_listing)), |f| Ok(Some(f)));
        };
        if err.is_definitive() && loaded.records.is_empty() {
            return Err(err.into());
        }
        let resume_at = err.retry_at();
        let notice = join_notices([Some(err.to_string()), mismatch]);
        if let Some(fetched) = self.incomplete(
            &page_url,
            now,
            ttl,
            loaded.records,
            resume_at,
            notice.clone(),
        ) {
            return Ok(Some(fetched));
        }
        match fallback() {
            Some(records) => Ok(Some(Fetched {
                notice,
                retry_at: resume_at,
                ..snapshot_listing(records)
            })),
            None => Err(err.into()),
        }
    }

    /// What the cache holds after a walk that did not finish, with the
    /// records that arrived (should the cache have failed to keep them).
    pub(super) fn incomplete<T: DeserializeOwned + Keyed>(
        &self,
        page_url: &impl Fn(u64) -> String,
        now: Timestamp,
        ttl: SignedDuration,
        live: Vec<T>,
        resume_at: Option<Timestamp>,
        notice: Option<String>,
    ) -> Option<Fetched<Listing<T>>> {
        let after = self.cached_listing::<T>(page_url)?;
        let mut fetched = after.into_fetched(now, ttl, notice);
        let mut merged: BTreeMap<u64, T> = std::mem::take(&mut fetched.value.records)
            .into_iter()
            .map(|r| (r.key(), r))
            .collect();
        merged.extend(live.into_iter().map(|r| (r.key(), r)));
        fetched.value.records = merged.into_values().collect();
        if let Some(partial) = &mut fetched.partial {
            partial.have = fetched.value.records.len();
        }
        fetched.retry_at = resume_at;
        Some(fetched)
    }

    /// What the cache holds for a list, of any age, and whether it is fresh.
    pub(super) fn local_listing<T: DeserializeOwned + Keyed>(
        &self,
        page_url: &impl Fn(u64) -> String,
        ttl: SignedDuration,
    ) -> Option<LocalListing<T>> {
        let now = Timestamp::now();
        let cached = self.cached_listing::<T>(page_url)?;
        let fresh = cached.is_fresh(now, ttl);
        Some(LocalListing {
            fetched: cached.into_fetched(now, ttl, None),
            fresh,
        })
    }

    /// The catalog without the network: the cache of any age, else the
    /// snapshot (where it applies); and whether that is fresh enough not to ask the API.
    pub fn catalog_local(&self) -> LocalListing<Spacecraft> {
        let endpoints = &self.endpoints;
        self.local_listing(
            &|offset| endpoints.catalog_page(offset),
            self.freshness.catalog,
        )
        .unwrap_or_else(|| LocalListing {
            fetched: snapshot_listing(
                self.snapshot(|| Some(snapshot::catalog()))
                    .unwrap_or_default(),
            ),
            fresh: false,
        })
    }

    /// The catalog from the API for what the cache does not hold fresh
    /// (everything with `force`), as the user asked for it.
    pub async fn catalog_remote(
        &self,
        force: bool,
        progress: impl FnMut(&PageEvent<'_, Spacecraft>),
    ) -> Result<Fetched<Listing<Spacecraft>>, StoreError> {
        let endpoints = &self.endpoints;
        let page_url = |offset| endpoints.catalog_page(offset);
        let before = self.held_whole::<Spacecraft>(&page_url);
        let fetched = self
            .listing_with(
                page_url,
                self.freshness.catalog,
                Priority::Explicit,
                force,
                || None,
                progress,
            )
            .await?
            .ok_or_else(|| self.nothing_offline("the catalog"))?;
        self.note_catalog(before, &fetched);
        Ok(fetched)
    }

    pub(super) fn save(&self, url: &str, body: &str, now: Timestamp) {
        if let Err(e) = self.cache.put(url, body, now) {
            tracing::warn!(url, error = %e, "cannot write the cache");
        }
    }

    /// A cached response that still parses; one that does not is discarded.
    pub(super) fn cached<T>(
        &self,
        url: &str,
        parse: fn(&str) -> Result<T, String>,
    ) -> Option<(Entry, T)> {
        let entry = self.cache.get(url)?;
        match parse(&entry.body) {
            Ok(value) => Some((entry, value)),
            Err(reason) => {
                tracing::warn!(url, %reason, "cached body no longer parses; discarding it");
                self.cache.remove(url);
                None
            }
        }
    }

    /// The `count` a cached first page of a list says, reading nothing else of it.
    fn cached_count(&self, first_page: &str) -> Option<u64> {
        #[derive(serde::Deserialize)]
        struct Count {
            count: Option<serde_json::Value>,
        }
        let entry = self.cache.get(first_page)?;
        let count: Count = serde_json::from_str(&entry.body).ok()?;
        count.count?.as_u64()
    }

    /// Every cached page of a list. The walk reads what is on disk: it stops
    /// where a short page ends the list, or after more missing pages in a
    /// row than one load leaves holes, whatever `count` says.
    pub(super) fn cached_listing<T: DeserializeOwned + Keyed>(
        &self,
        page_url: &impl Fn(u64) -> String,
    ) -> Option<CachedListing<T>> {
        let (first_entry, first) = self.cached(&page_url(0), paging::parse_page::<T>)?;
        let count = first.count;
        let mut end = count.unwrap_or(0);
        let mut pages = BTreeMap::new();
        let mut note = |offset: u64, entry: Entry, page: paging::Page<T>, end: &mut u64| {
            let rows = (page.results.len() + page.skipped) as u64;
            if rows < PAGE_SIZE {
                *end = (*end).min(offset.saturating_add(rows));
            }
            pages.insert(
                offset,
                CachedPage {
                    fetched_at: entry.fetched_at,
                    count: page.count,
                    records: page.results,
                    skipped: page.skipped,
                },
            );
        };
        note(0, first_entry, first, &mut end);
        let mut misses = 0;
        let mut offset = PAGE_SIZE;
        while offset < end && misses < 2 * CONCURRENCY {
            match self.cached(&page_url(offset), paging::parse_page::<T>) {
                Some((entry, page)) => {
                    misses = 0;
                    note(offset, entry, page, &mut end);
                }
                None => misses += 1,
            }
            offset = offset.saturating_add(PAGE_SIZE);
        }
        Some(CachedListing {
            pages,
            count: count.map(|c| c.min(end.max(1))),
            end,
        })
    }
}

/// One cached page.
pub(super) struct CachedPage<T> {
    fetched_at: Timestamp,
    count: Option<u64>,
    records: Vec<T>,
    skipped: usize,
}

/// A list as the cache (or the snapshot) has it.
pub struct LocalListing<T> {
    pub fetched: Fetched<Listing<T>>,
    /// Complete and within the freshness window: no need to ask the API.
    pub fresh: bool,
}

pub(super) struct CachedListing<T> {
    pages: BTreeMap<u64, CachedPage<T>>,
    /// The first page's `count`, held to where the pages really end.
    count: Option<u64>,
    end: u64,
}

impl<T: Keyed> CachedListing<T> {
    /// Offsets the list has according to its count.
    pub(super) fn expected(&self) -> impl Iterator<Item = u64> {
        let pages = self.end.div_ceil(PAGE_SIZE).max(1);
        (0..pages).map(|p| p * PAGE_SIZE)
    }

    /// Every page there, all from one state of the list.
    pub(super) fn complete(&self) -> bool {
        let first = self.pages.get(&0).and_then(|p| p.count);
        self.expected().all(|o| self.pages.contains_key(&o))
            && self.pages.values().all(|p| p.count == first)
    }

    pub(super) fn oldest(&self) -> Option<Timestamp> {
        self.pages.values().map(|p| p.fetched_at).min()
    }

    pub(super) fn newest(&self) -> Option<Timestamp> {
        self.pages.values().map(|p| p.fetched_at).max()
    }

    pub(super) fn is_fresh(&self, now: Timestamp, ttl: SignedDuration) -> bool {
        self.complete() && self.oldest().is_some_and(|t| now.duration_since(t) < ttl)
    }

    /// Pages fresh enough not to fetch again, from the same state of the list as the first.
    pub(super) fn held(&self, now: Timestamp, ttl: SignedDuration) -> BTreeSet<u64> {
        let first = self.pages.get(&0).and_then(|p| p.count);
        self.pages
            .iter()
            .filter(|(_, p)| p.count == first && now.duration_since(p.fetched_at) < ttl)
            .map(|(o, _)| *o)
            .collect()
    }

    pub(super) fn sync_state(&self) -> SyncState {
        SyncState {
            synced: self.pages.values().map(|p| p.records.len()).sum(),
            total: self.count,
            complete: self.complete(),
            fetched_at: self.oldest(),
        }
    }

    /// Every record, merged by id, in id order.
    pub(super) fn into_records(self) -> Vec<T> {
        let mut merged = BTreeMap::new();
        for page in self.pages.into_values() {
            merged.extend(page.records.into_iter().map(|r| (r.key(), r)));
        }
        merged.into_values().collect()
    }

    pub(super) fn into_fetched(
        self,
        now: Timestamp,
        ttl: SignedDuration,
        notice: Option<String>,
    ) -> Fetched<Listing<T>> {
        let complete = self.complete();
        let fetched_at = self.oldest().unwrap_or(now);
        let stale = !complete || now.duration_since(fetched_at) >= ttl;
        let count = self.count;
        let skipped = self
            .pages
            .values()
            .fold(0usize, |sum, p| sum.saturating_add(p.skipped));
        let notice = join_notices([notice, left_out(skipped)]);
        let records = self.into_records();
        let partial = (!complete).then_some(Partial {
            have: records.len(),
            count,
        });
        let mut fetched = from_cache(Listing { records, count }, fetched_at, stale, notice);
        fetched.partial = partial;
        fetched.left_out = skipped;
        fetched
    }
}

/// What is said of records a page had but hangar could not keep.
pub(super) fn left_out(skipped: usize) -> Option<String> {
    (skipped > 0).then(|| {
        format!(
            "{skipped} records left out: without an id hangar can keep (missing, 0, negative, or past 2^64)"
        )
    })
}

pub(super) fn join_notices<const N: usize>(parts: [Option<String>; N]) -> Option<String> {
    let parts: Vec<String> = parts.into_iter().flatten().collect();
    (!parts.is_empty()).then(|| parts.join("; "))
}
