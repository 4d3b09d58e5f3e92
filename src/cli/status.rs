//! `hangar status`: where data comes from, the request budget, and how
//! complete the catalog and the sync are; text or JSON.

use super::*;
use sync::count_text;

/// `hangar status`: where data comes from, the budget, and how complete the data is.
pub(super) async fn status(
    store: &Store,
    format: RecordFormat,
    out: &mut impl Write,
) -> Result<Outcome, CliError> {
    let e = store.endpoints();
    // Free: `/api-throttle/` does not count; offline, the ledger's last word.
    let budget_error = store.budget().await.err();
    let view = store.ledger().view();
    let now = Timestamp::now();
    let catalog = store.catalog_local();
    let has_catalog = catalog.fetched.origin != Origin::Snapshot;
    let catalog_age = match catalog.fetched.origin {
        Origin::Cache { fetched_at, .. } => Some(now.duration_since(fetched_at).as_secs().max(0)),
        _ => None,
    };
    let sync = store.sync_state();
    let sync_age = sync
        .fetched_at
        .map(|t| now.duration_since(t).as_secs().max(0));
    if format == RecordFormat::Json {
        let value = serde_json::json!({
            "api_url": e.base(),
            "version": e.version().to_string(),
            "cache_dir": store.cache().dir().parent().unwrap_or(store.cache().dir()).display().to_string(),
            // The server's `Via` when it is a hangar mirror, else null.
            "via": store.ledger().via(),
            "budget": {
                "limit": view.limit,
                "used": view.used,
                "window_secs": view.window_secs,
                "next_use_secs": view.next_use_secs(now),
            },
            "catalog": {
                "records": if has_catalog { catalog.fetched.value.records.len() } else { 0 },
                "complete": has_catalog && catalog.fetched.partial.is_none(),
                "age_secs": catalog_age,
            },
            "flights": {
                "synced": sync.synced,
                "total": sync.total,
                "age_secs": sync_age,
            },
        });
        json(out, &value)?;
        return Ok(Outcome::Complete);
    }
    writeln!(out, "API:        {} (version {})", e.base(), e.version())?;
    writeln!(
        out,
        "Cache:      {}",
        store
            .cache()
            .dir()
            .parent()
            .unwrap_or(store.cache().dir())
            .display()
    )?;
    if let Some(via) = store.ledger().via() {
        writeln!(
            out,
            "Via:        a hangar mirror ({via}): the budget below is the mirror's, and it pays upstream"
        )?;
    }
    if store.is_offline() {
        writeln!(out, "Network:    off (--offline)")?;
    }
    let window = view.window_secs.map_or(String::new(), |s| {
        format!(" per {}", human_age(SignedDuration::from_secs(s as i64)))
    });
    match view.limit {
        Some(limit) => writeln!(
            out,
            "Budget:     {} of {limit} requests used{window}",
            view.used
        )?,
        None => writeln!(
            out,
            "Budget:     {} requests used, limit unknown",
            view.used
        )?,
    }
    let next = view.next_use_secs(now);
    if next > 0 {
        writeln!(
            out,
            "Next slot:  in {}",
            human_wait(Duration::from_secs(next))
        )?;
    } else if let (Some(t), Some(left)) = (view.next_free, view.remaining()) {
        if view.limit.is_some_and(|l| left < l) {
            writeln!(
                out,
                "Next slot:  +1 in {}",
                human_wait(Duration::try_from(t.duration_since(now)).unwrap_or_default())
            )?;
        }
    }
    writeln!(
        out,
        "Reserve:    {} requests kept from background work",
        view.reserve
    )?;
    if let Some(err) = budget_error.filter(|_| !store.is_offline()) {
        writeln!(
            out,
            "            (the API's own count could not be read: {err})"
        )?;
    }
    if has_catalog {
        writeln!(
            out,
            "Catalog:    {} spacecraft{}, {} old",
            catalog.fetched.value.records.len(),
            if catalog.fetched.partial.is_some() {
                " (partial)"
            } else {
                ""
            },
            human_age(SignedDuration::from_secs(catalog_age.unwrap_or(0)))
        )?;
    } else {
        writeln!(out, "Catalog:    not cached")?;
    }
    match (sync.synced, sync_age) {
        (0, _) | (_, None) => writeln!(out, "Flights:    not synced (`hangar sync`)")?,
        (n, Some(age)) => writeln!(
            out,
            "Flights:    {n} of {} synced{}, {} old",
            count_text(sync.total),
            if sync.complete {
                ""
            } else {
                " (partial: `hangar sync` resumes)"
            },
            human_age(SignedDuration::from_secs(age))
        )?,
    }
    Ok(Outcome::Complete)
}
