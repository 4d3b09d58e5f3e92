//! Runs the effects `update` asks for, off the UI loop, and reports back as
//! actions. Every result carries the generation it was started for; `update`
//! drops results of superseded work.

use super::pictures::Worker;
use crate::api::{Priority, Spacecraft};
use crate::app::action::{Action, CatalogUpdate};
use crate::app::pictures::Want;
use crate::app::Effect;
use crate::data::store::{Store, StoreError};
use crate::search::{Catalog, SharedConfigs};
use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::mpsc::UnboundedSender;
use tokio::task::JoinHandle;

/// Above this many records, a running load rebuilds the shown catalog at most
/// every [`REBUILD_EVERY`] instead of on every page.
const SMALL_CATALOG: usize = 50_000;
const REBUILD_EVERY: Duration = Duration::from_millis(250);

/// Runs effects. Jobs are never aborted: a request already sent was
/// counted by the server, so its answer is awaited and cached; `update`
/// drops results of superseded work by generation.
pub struct Tasks {
    store: Arc<Store>,
    tx: UnboundedSender<Action>,
    sync_job: Option<JoinHandle<()>>,
    /// The picture worker's wishes (none when pictures are off).
    pictures: Option<tokio::sync::watch::Sender<Option<Want>>>,
}

impl Tasks {
    pub fn new(store: Arc<Store>, tx: UnboundedSender<Action>) -> Self {
        let notices = tx.clone();
        store.observe_retries(Box::new(move |text| {
            let _ = notices.send(Action::Notice(text));
        }));
        let budget = tx.clone();
        store.ledger().observe(Box::new(move |view| {
            let _ = budget.send(Action::Budget(view));
        }));
        Tasks {
            store,
            tx,
            sync_job: None,
            pictures: None,
        }
    }

    /// Starts the picture worker: pictures are drawn from now on.
    pub fn with_pictures(mut self, worker: Worker) -> Self {
        self.pictures = Some(worker.spawn(self.tx.clone()));
        self
    }

    pub fn run(&mut self, effect: Effect) {
        match effect {
            Effect::LoadCatalog {
                generation,
                refresh,
            } => {
                tokio::spawn(load_catalog(
                    Arc::clone(&self.store),
                    self.tx.clone(),
                    generation,
                    refresh,
                ));
            }
            Effect::LoadSpacecraft { id, priority } => {
                let store = Arc::clone(&self.store);
                self.report(
                    async move { store.spacecraft(id, priority).await },
                    move |result| Action::SpacecraftLoaded {
                        id,
                        result: result.map(Box::new),
                    },
                );
            }
            Effect::LoadFlights { of, priority } => {
                let store = Arc::clone(&self.store);
                self.report(
                    async move { store.flights(of, priority).await },
                    move |result| Action::FlightsLoaded { id: of.id, result },
                );
            }
            Effect::LoadRecord { of, priority } => {
                let store = Arc::clone(&self.store);
                self.report(
                    async move { store.open(of, priority).await },
                    move |result| Action::RecordLoaded {
                        of,
                        result: result.map(Box::new),
                    },
                );
            }
            Effect::LoadStats => {
                let (store, tx) = (Arc::clone(&self.store), self.tx.clone());
                // Reading the cached catalog and every synced page, and
                // counting: off the UI loop, and no request.
                tokio::task::spawn_blocking(move || {
                    let catalog = store.catalog_local().fetched.value.records;
                    let (flights, state) = store.all_synced_flights();
                    let total = state.total.or(Some(flights.len() as u64));
                    let stats =
                        crate::doc::stats::stats(&catalog, &flights, total, jiff::Timestamp::now());
                    let _ = tx.send(Action::StatsLoaded {
                        stats: Arc::new(stats),
                        flights: Arc::new(flights),
                    });
                });
            }
            Effect::LoadPlanned { refresh_after } => {
                let (store, tx) = (Arc::clone(&self.store), self.tx.clone());
                let store_again = Arc::clone(&store);
                tokio::spawn(async move {
                    let refresh = match refresh_after {
                        Some(max_age) => Some(
                            store
                                .refresh_planned(max_age, Priority::Background)
                                .await
                                .map(|_| ()),
                        ),
                        None => None,
                    };
                    // Reading every synced page: off the UI loop, and no request.
                    let flights = tokio::task::spawn_blocking(move || {
                        crate::doc::next::planned(store.held_flights(), jiff::Timestamp::now())
                    })
                    .await
                    .unwrap_or_default();
                    let _ = tx.send(Action::PlannedLoaded {
                        flights: Arc::new(flights),
                        refresh,
                    });
                    send_changes(store_again, tx).await;
                });
            }
            Effect::LoadChanges => {
                tokio::spawn(send_changes(Arc::clone(&self.store), self.tx.clone()));
            }
            Effect::MarkChangesRead(up_to) => {
                let store = Arc::clone(&self.store);
                tokio::task::spawn_blocking(move || {
                    if let Err(e) = store.change_log().mark_read(up_to) {
                        tracing::warn!(error = %e, "cannot mark the changes read");
                    }
                });
            }
            Effect::Sync => {
                // One sync at a time; a finished one may start again.
                if self.sync_job.as_ref().is_some_and(|j| !j.is_finished()) {
                    return;
                }
                let (store, tx) = (Arc::clone(&self.store), self.tx.clone());
                self.sync_job = Some(tokio::spawn(async move {
                    let progress = tx.clone();
                    let result = store
                        .sync(|event| {
                            let _ = progress.send(Action::SyncProgress(event));
                        })
                        .await;
                    let _ = tx.send(Action::SyncDone(result));
                    // What the sync's pages changed, for the inbox.
                    send_changes(store, tx).await;
                }));
            }
            Effect::OpenUrl(url) => {
                let tx = self.tx.clone();
                tokio::task::spawn_blocking(move || {
                    let notice = match open_in_browser(&url) {
                        Ok(()) => format!("opened {url}"),
                        Err(e) => format!("cannot open a browser ({e}); the address is {url}"),
                    };
                    let _ = tx.send(Action::Notice(notice));
                });
            }
            Effect::Copy(text) => {
                // Runs on the UI loop between frames, so it cannot interleave with drawing.
                let notice = match copy_to_clipboard(&text) {
                    Ok(()) => format!("copied \"{text}\" (through the terminal's clipboard)"),
                    Err(e) => format!("cannot copy: {e}"),
                };
                let _ = self.tx.send(Action::Notice(notice));
            }
            Effect::ShowPicture(want) => {
                if let Some(wants) = &self.pictures {
                    wants.send_replace(want);
                }
            }
            Effect::FetchBudget => {
                let (store, tx) = (Arc::clone(&self.store), self.tx.clone());
                tokio::spawn(async move {
                    if let Err(e) = store.budget().await {
                        tracing::info!(error = %e, "API budget not read");
                    }
                    let _ = tx.send(Action::Budget(store.ledger().view()));
                });
            }
        }
    }
}

impl Tasks {
    /// Runs `work` as a task and sends what `done` makes of its result:
    /// what a failure means is `update`'s to decide.
    fn report<T>(
        &self,
        work: impl std::future::Future<Output = Result<T, StoreError>> + Send + 'static,
        done: impl FnOnce(Result<T, StoreError>) -> Action + Send + 'static,
    ) {
        let tx = self.tx.clone();
        tokio::spawn(async move {
            let _ = tx.send(done(work.await));
        });
    }
}

/// The platform's opener, detached; it fails plainly where there is none.
fn open_in_browser(url: &str) -> std::io::Result<()> {
    let (program, args): (&str, Vec<&str>) = if cfg!(target_os = "macos") {
        ("open", vec![url])
    } else if cfg!(windows) {
        ("cmd", vec!["/C", "start", "", url])
    } else {
        ("xdg-open", vec![url])
    };
    let status = std::process::Command::new(program)
        .args(args)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()?;
    if status.success() {
        Ok(())
    } else {
        Err(std::io::Error::other(format!(
            "{program} exited with {status}"
        )))
    }
}

/// OSC 52: the terminal (and tmux, ssh) puts the text on the system clipboard;
/// no display server is needed on this side.
fn copy_to_clipboard(text: &str) -> std::io::Result<()> {
    use base64::Engine;
    use std::io::Write;
    let encoded = base64::engine::general_purpose::STANDARD.encode(text);
    let mut out = std::io::stdout().lock();
    write!(out, "\x1b]52;c;{encoded}\x07")?;
    out.flush()
}

/// Shows local data at once, then (when stale, or asked to) loads from the
/// API, showing pages as they arrive.
async fn load_catalog(
    store: Arc<Store>,
    tx: UnboundedSender<Action>,
    generation: u64,
    refresh: bool,
) {
    let send = |update: CatalogUpdate| {
        let _ = tx.send(Action::Catalog(update));
    };
    // Disk reads and index building stay off the UI loop (and off the async workers).
    let local_store = Arc::clone(&store);
    let local = tokio::task::spawn_blocking(move || {
        let local = local_store.catalog_local();
        let catalog = Catalog::new(local.fetched.value.records.clone());
        (local, catalog)
    })
    .await;
    let Ok((local, catalog)) = local else {
        tracing::error!("building the local catalog failed");
        return;
    };
    if store.is_offline() && local.fetched.value.records.is_empty() {
        // Nothing cached, and the snapshot does not stand in for this API:
        // said, rather than an empty list that seems to load forever.
        let _ = tx.send(Action::LoadFailed {
            generation,
            error: store.nothing_offline("the catalog").to_string(),
            throttled_for: None,
        });
        return;
    }
    let done = store.is_offline() || (local.fresh && !refresh);
    let local_origin = local.fetched.origin;
    send(CatalogUpdate {
        generation,
        catalog: Arc::new(catalog),
        origin: local_origin,
        count: local.fetched.value.count,
        progress: (!done).then_some((0, 0)),
        finished: done,
        notice: local.fetched.notice,
        partial: local.fetched.partial,
        retry_at: None,
    });
    // The inbox's count for the status line, beside the rows.
    tokio::spawn(send_changes(Arc::clone(&store), tx.clone()));
    if done {
        return;
    }

    // Rows already shown stay while pages replace them.
    let mut merged: BTreeMap<u64, Spacecraft> = local
        .fetched
        .value
        .records
        .into_iter()
        .map(|s| (s.id, s))
        .collect();
    let mut last_rebuild = Instant::now();
    let mut shared = SharedConfigs::default();
    merged.values_mut().for_each(|s| shared.share(s));
    let result = store
        .catalog_remote(refresh, |event| {
            merged.extend(event.page.results.iter().map(|s| {
                let mut s = s.clone();
                shared.share(&mut s);
                (s.id, s)
            }));
            if merged.len() < SMALL_CATALOG || last_rebuild.elapsed() >= REBUILD_EVERY {
                last_rebuild = Instant::now();
                send(CatalogUpdate {
                    generation,
                    catalog: Arc::new(Catalog::new(merged.values().cloned().collect())),
                    origin: local_origin,
                    count: event.page.count,
                    progress: Some((event.done, event.total)),
                    finished: false,
                    notice: None,
                    partial: None,
                    retry_at: None,
                });
            }
        })
        .await;
    match result {
        Ok(fetched) => {
            // What the new pages changed.
            tokio::spawn(send_changes(Arc::clone(&store), tx.clone()));
            let count = fetched.value.count;
            let (origin, notice, partial, retry_at) = (
                fetched.origin,
                fetched.notice,
                fetched.partial,
                fetched.retry_at,
            );
            let catalog =
                tokio::task::spawn_blocking(move || Catalog::new(fetched.value.records)).await;
            if let Ok(catalog) = catalog {
                send(CatalogUpdate {
                    generation,
                    catalog: Arc::new(catalog),
                    origin,
                    count,
                    progress: None,
                    finished: true,
                    notice,
                    partial,
                    retry_at,
                });
            }
        }
        Err(err) => {
            let throttled_for = match &err {
                StoreError::Api(e) => e.retry_at().and_then(|t| {
                    Duration::try_from(t.duration_since(jiff::Timestamp::now())).ok()
                }),
                _ => None,
            };
            let _ = tx.send(Action::LoadFailed {
                generation,
                error: err.to_string(),
                throttled_for,
            });
        }
    }
}

/// The change log, read off the UI loop (no request), for the inbox and
/// the status line's `N new`.
async fn send_changes(store: Arc<Store>, tx: UnboundedSender<Action>) {
    let read = tokio::task::spawn_blocking(move || {
        let log = store.change_log();
        let read = log.read();
        (read.changes, log.read_up_to(), read.notice)
    })
    .await;
    if let Ok((changes, read_up_to, notice)) = read {
        let _ = tx.send(Action::ChangesLoaded {
            changes,
            read_up_to,
            notice,
        });
    }
}
