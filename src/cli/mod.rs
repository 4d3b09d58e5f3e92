//! The non-interactive commands (their options: [`args`]).

mod args;
pub mod config;
pub mod output;
mod stats;
mod status;
mod sync;

pub use args::*;
use stats::stats;
use status::status;
use sync::sync;

use crate::api::error::{clock_time, human_age, human_wait};
use crate::api::paging::PageEvent;
use crate::api::{BudgetView, Priority, RecordRef, Spacecraft};
use crate::data::store::{Fetched, FlightsOf, Origin, Record, Store, SyncList, PLANNED_WHEN_SHOWN};
use crate::doc;
use crate::search::fuzzy::Fuzzy;
use crate::search::query::{FilterReading, Query, Search};
use jiff::{SignedDuration, Timestamp};
use std::collections::HashMap;
use std::io::{IsTerminal, Write};
use std::time::Duration;

/// Whether what a command printed is all that was asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Complete,
    /// Partial, records left out, stale after a failure, or the snapshot: exit status 3.
    Incomplete,
}

/// Runs one non-interactive command, printing to `out`; notices go to stderr.
pub async fn run(store: &Store, command: Command, out: &mut impl Write) -> CliResult {
    let now = Timestamp::now();
    let outcome = match command {
        Command::List {
            search,
            fuzzy,
            order,
            filters,
            format,
        } => {
            let reading = FilterReading::new(&filters);
            for notice in &reading.notices {
                eprintln!("hangar: {notice}");
            }
            let fetched = store.catalog(progress_on_stderr()).await;
            finish_progress();
            let fetched = fetched?;
            let outcome = report(&fetched, store, "spacecraft");
            let records = &fetched.value.records;
            // Where the API would answer 400, so does hangar, in its words
            // (over the catalog just said to be shown).
            reading.check(records).map_err(|errors| {
                let lines: Vec<String> = errors.iter().map(ToString::to_string).collect();
                CliError::Usage(lines.join("\nhangar: "))
            })?;
            let query = Query {
                search: Search::new(search.as_deref().unwrap_or("")),
                fuzzy: Fuzzy::new(fuzzy.as_deref().unwrap_or("")),
                filters: reading.filters(),
                order: order.unwrap_or_default(),
            };
            let rows: Vec<&Spacecraft> = query
                .apply(records)
                .into_iter()
                .map(|i| &records[i])
                .collect();
            match format {
                ListFormat::Table => out.write_all(output::spacecraft_table(&rows).as_bytes())?,
                ListFormat::Csv => out.write_all(output::spacecraft_csv(&rows).as_bytes())?,
                ListFormat::Json => {
                    // What the API sent for each record, every field the schema names.
                    let mut raw = store.raw_catalog();
                    // Each id is one row: its JSON is taken, not copied.
                    let records: Vec<serde_json::Value> = rows
                        .iter()
                        .map(|s| raw.remove(&s.id).unwrap_or_else(|| typed(s)))
                        .collect();
                    json(out, &records)?
                }
            }
            outcome
        }
        Command::Show { id, format } => {
            let fetched = store.spacecraft(id, Priority::Explicit).await?;
            let outcome = report(&fetched, store, "spacecraft");
            match format {
                RecordFormat::Text => {
                    let s = &fetched.value;
                    out.write_all(output::doc_text(&doc::spacecraft(s)).as_bytes())?;
                    if !s.flights.is_empty() {
                        writeln!(out, "\nFlights:")?;
                        out.write_all(output::flights_table(&s.flights, now).as_bytes())?;
                    }
                }
                RecordFormat::Json => json(
                    out,
                    &store
                        .raw_spacecraft(&fetched.value)
                        .unwrap_or_else(|| typed(&fetched.value)),
                )?,
            }
            outcome
        }
        Command::Flights { id, format } => {
            let of = store
                .catalog_local()
                .fetched
                .value
                .records
                .iter()
                .find(|s| s.id == id)
                .map_or(
                    FlightsOf {
                        id,
                        in_space: None,
                        flights_count: None,
                    },
                    FlightsOf::of,
                );
            let fetched = store.flights(of, Priority::Explicit).await?;
            let outcome = report(&fetched, store, "flights");
            match format {
                FlightsFormat::Table if fetched.value.records.is_empty() => {
                    writeln!(out, "spacecraft {id} has no flights yet")?
                }
                FlightsFormat::Table => {
                    out.write_all(output::flights_table(&fetched.value.records, now).as_bytes())?
                }
                FlightsFormat::Json => {
                    let raw = store.raw_flights(Some(id));
                    let records: Vec<serde_json::Value> = fetched
                        .value
                        .records
                        .iter()
                        .map(|f| raw.get(&f.id).cloned().unwrap_or_else(|| typed(f)))
                        .collect();
                    json(out, &records)?
                }
            }
            outcome
        }
        Command::Flight { id, format } => {
            let fetched = store.flight(id).await?;
            let outcome = report(&fetched, store, "flight");
            match format {
                RecordFormat::Text => {
                    out.write_all(output::doc_text(&doc::flight(&fetched.value, now)).as_bytes())?
                }
                RecordFormat::Json => json(
                    out,
                    &store
                        .raw_flight(id)
                        .unwrap_or_else(|| typed(&fetched.value)),
                )?,
            }
            outcome
        }
        Command::Astronaut { id, format } => {
            record(store, RecordRef::Astronaut(id), format, out, now).await?
        }
        Command::Station { id, format } => {
            record(store, RecordRef::Station(id), format, out, now).await?
        }
        Command::Launch { id, format } => {
            record(store, RecordRef::Launch(id), format, out, now).await?
        }
        Command::Dockings { station, format } => {
            let fetched = store
                .open(RecordRef::Station(station), Priority::Explicit)
                .await?;
            // An incomplete history is partial: said on stderr, exit 3.
            let outcome = report(&fetched, store, "docking events");
            let Record::Station { history, .. } = &fetched.value else {
                return Err(CliError::Usage(format!(
                    "station/{station} is not a station"
                )));
            };
            let events = history.records.as_slice();
            match format {
                FlightsFormat::Table => {
                    out.write_all(output::dockings_table(events, now).as_bytes())?
                }
                FlightsFormat::Json => {
                    let raw = store.raw_dockings(station);
                    let records: Vec<serde_json::Value> = events
                        .iter()
                        .map(|e| {
                            e.id.and_then(|id| raw.get(&id).cloned())
                                .unwrap_or_else(|| typed(e))
                        })
                        .collect();
                    json(out, &records)?
                }
            }
            outcome
        }
        Command::Now { format } => now_aloft(store, format, out, now).await?,
        Command::Next { within, format } => flies_next(store, within, format, out, now).await?,
        Command::Changes {
            since,
            unread,
            format,
        } => changes(store, since, unread, format, out, now)?,
        Command::Sync { wait } => sync(store, wait, out).await?,
        Command::Stats { format } => stats(store, format, out).await?,
        Command::Status { format } => status(store, format, out).await?,
        Command::Serve {
            listen,
            public_url,
            tokens,
            rate,
        } => {
            let config = crate::serve::ServeConfig {
                listen,
                public_url,
                reload_every: crate::serve::RELOAD_EVERY,
                guard: crate::serve::GuardConfig {
                    tokens,
                    rate,
                    ..crate::serve::GuardConfig::default()
                },
            };
            let running = crate::serve::bind(store, config)
                .await
                .map_err(CliError::Usage)?;
            writeln!(out, "{}", running.url)?;
            out.flush()?;
            eprintln!("hangar: serving {}", running.describe());
            running
                .run_until(store, crate::serve::stop_signal())
                .await?;
            Outcome::Complete
        }
        Command::Open { .. } => {
            return Err(CliError::Usage(
                "open starts the interactive browser; it prints nothing".into(),
            ))
        }
        Command::Completions { shell } => {
            let mut command = <Cli as clap::CommandFactory>::command();
            clap_complete::generate(shell, &mut command, "hangar", out);
            Outcome::Complete
        }
    };
    out.flush()?;
    Ok(outcome)
}

/// `hangar now`: the catalog's spacecraft in space, each with its flights
/// (from the sync when fresh, else one request each).
async fn now_aloft(
    store: &Store,
    format: FlightsFormat,
    out: &mut impl Write,
    now: Timestamp,
) -> CliResult {
    let catalog = store.catalog(progress_on_stderr()).await;
    finish_progress();
    let catalog = catalog?;
    let mut outcome = report(&catalog, store, "spacecraft");
    let mut flights: HashMap<u64, Vec<crate::api::Flight>> = HashMap::new();
    for s in catalog
        .value
        .records
        .iter()
        .filter(|s| s.in_space == Some(true))
    {
        match store.flights(FlightsOf::of(s), Priority::Explicit).await {
            Ok(fetched) => {
                if report(&fetched, store, &format!("the flights of {}", s.name))
                    == Outcome::Incomplete
                {
                    outcome = Outcome::Incomplete;
                }
                flights.insert(s.id, fetched.value.records);
            }
            Err(e) => {
                eprintln!("hangar: the flights of {}: {e}", s.name);
                outcome = Outcome::Incomplete;
            }
        }
    }
    let rows = doc::now::in_space(
        &catalog.value.records,
        |id| flights.get(&id).map(Vec::as_slice),
        now,
    );
    match format {
        FlightsFormat::Table => out.write_all(output::aloft_table(&rows, now).as_bytes())?,
        FlightsFormat::Json => {
            let rows: Vec<serde_json::Value> = rows
                .iter()
                .map(|r| {
                    serde_json::json!({
                        "spacecraft": {"id": r.spacecraft, "name": r.name},
                        "configuration": r.config,
                        "flight": r.flight.map(|id| serde_json::json!({"id": id, "name": r.flight_name})),
                        "launch": r.launch,
                        "elapsed_secs": r.elapsed(now).map(|d| d.as_secs()),
                        "docked": r.docked.as_ref().map(|d| serde_json::json!({
                            "station": d.station, "port": d.port, "since": d.since,
                        })),
                        "crew": r.crew,
                    })
                })
                .collect();
            json(out, &rows)?
        }
    }
    Ok(outcome)
}

/// What changed, newest first, from the change log (no request).
fn changes(
    store: &Store,
    since: Option<args::Since>,
    unread: bool,
    format: FlightsFormat,
    out: &mut impl Write,
    now: Timestamp,
) -> CliResult {
    let log = store.change_log();
    let read = log.read();
    if let Some(notice) = &read.notice {
        eprintln!("hangar: {notice}");
    }
    let after = match since {
        Some(args::Since::At(at)) => Some(at),
        Some(args::Since::Ago(ago)) => Some(now.checked_sub(ago).unwrap_or(Timestamp::MIN)),
        Some(args::Since::Last) => log.listed_at(),
        None => None,
    };
    let unread_after = unread.then(|| log.read_up_to()).flatten();
    let mut shown: Vec<&crate::data::changes::Change> = read
        .changes
        .iter()
        .filter(|c| c.after(after))
        .filter(|c| c.after(unread_after))
        .collect();
    shown.reverse();
    match format {
        FlightsFormat::Table => out.write_all(output::changes_table(&shown).as_bytes())?,
        FlightsFormat::Json => json(out, &shown)?,
    }
    if let Err(e) = log.mark_listed(now) {
        eprintln!("hangar: cannot note this listing for --since last: {e}");
    }
    Ok(if read.notice.is_some() {
        Outcome::Incomplete
    } else {
        Outcome::Complete
    })
}

/// Every planned flight, soonest first: the planned launches asked for
/// when older than [`PLANNED_WHEN_SHOWN`], merged with the sync's.
async fn flies_next(
    store: &Store,
    within: Option<SignedDuration>,
    format: FlightsFormat,
    out: &mut impl Write,
    now: Timestamp,
) -> CliResult {
    // The catalog says which configurations to ask about.
    let catalog = store.catalog(progress_on_stderr()).await;
    finish_progress();
    let mut outcome = report(&catalog?, store, "spacecraft");
    if !store.is_offline() {
        match store
            .refresh_planned(PLANNED_WHEN_SHOWN, Priority::Explicit)
            .await
        {
            Ok(fetched) => {
                if report(&fetched, store, "the planned launches") == Outcome::Incomplete {
                    outcome = Outcome::Incomplete;
                }
            }
            Err(e) => {
                eprintln!("hangar: the planned launches: {e}");
                outcome = Outcome::Incomplete;
            }
        }
    }
    let mut flights = doc::next::planned(store.held_flights(), now);
    if let Some(within) = within {
        let until = now.checked_add(within).unwrap_or(Timestamp::MAX);
        flights.retain(|f| f.launch_time().is_some_and(|t| t <= until));
    }
    let rows = doc::next::rows(&flights, now);
    match format {
        FlightsFormat::Table => out.write_all(output::next_table(&rows).as_bytes())?,
        FlightsFormat::Json => {
            let records: Vec<serde_json::Value> = flights
                .iter()
                .zip(&rows)
                .map(|(f, row)| {
                    let mut record = store.raw_flight(f.id).unwrap_or_else(|| typed(f));
                    if let serde_json::Value::Object(map) = &mut record {
                        map.insert("hangar".into(), serde_json::json!(row));
                    }
                    record
                })
                .collect();
            json(out, &records)?
        }
    }
    Ok(outcome)
}

/// An astronaut, a station or a launch, as text (what the TUI's pane
/// says) or as the API's JSON.
async fn record(
    store: &Store,
    r: RecordRef,
    format: RecordFormat,
    out: &mut impl Write,
    now: Timestamp,
) -> CliResult {
    let fetched = store.open(r, Priority::Explicit).await?;
    let outcome = report(&fetched, store, r.kind());
    match format {
        RecordFormat::Text => {
            let parts = doc::record(&fetched.value, now);
            out.write_all(output::doc_text(&parts).as_bytes())?
        }
        RecordFormat::Json => {
            let value = store
                .raw_record(r)
                .unwrap_or_else(|| fetched.value.to_json());
            json(out, &value)?
        }
    }
    Ok(outcome)
}

fn json<T: serde::Serialize + ?Sized>(out: &mut impl Write, value: &T) -> Result<(), CliError> {
    output::write_json(&mut *out, value)?;
    writeln!(out)?;
    Ok(())
}

/// hangar's own reading of a record, for when the API's text is not at
/// hand (a cache that could not be written): 2.3.0 names, fewer fields.
fn typed<T: serde::Serialize>(record: &T) -> serde_json::Value {
    serde_json::to_value(record).unwrap_or(serde_json::Value::Null)
}

/// Says on stderr where data came from when it is not fresh, and why; and
/// whether it is all that was asked for.
fn report<T>(fetched: &Fetched<T>, store: &Store, what: &str) -> Outcome {
    let now = Timestamp::now();
    let origin = fetched.origin.describe(now);
    if let Some(partial) = &fetched.partial {
        let why = fetched
            .notice
            .as_deref()
            .map_or(String::new(), |w| format!(" ({w})"));
        eprintln!("hangar: {}{why}", partial.describe(what, fetched.retry_at));
        return Outcome::Incomplete;
    }
    let quiet = matches!(
        fetched.origin,
        Origin::Live | Origin::Cache { stale: false, .. }
    );
    match (&fetched.notice, quiet) {
        // Fresh from the API: only what it said needs saying.
        (Some(why), _) if fetched.origin == Origin::Live => eprintln!("hangar: {why}"),
        (Some(why), _) => eprintln!("hangar: showing {origin}: {why}"),
        (None, false) if store.is_offline() => eprintln!("hangar: offline: showing {origin}"),
        (None, false) => eprintln!("hangar: showing {origin}"),
        (None, true) => {}
    }
    if fetched.is_substitute() {
        Outcome::Incomplete
    } else {
        Outcome::Complete
    }
}

/// "loading 3/7 pages" on stderr, only when stderr is a terminal.
fn progress_on_stderr() -> impl FnMut(&PageEvent<'_, Spacecraft>) {
    let tty = std::io::stderr().is_terminal();
    move |event| {
        if tty {
            eprint!(
                "\rhangar: loading the catalog: {}/{} pages",
                event.done, event.total
            );
        }
    }
}

fn finish_progress() {
    if std::io::stderr().is_terminal() {
        eprint!("\r\x1b[2K");
    }
}

/// What a command can fail with, for the binary's edge to report.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error(transparent)]
    Store(#[from] crate::data::store::StoreError),
    #[error(transparent)]
    Io(#[from] std::io::Error),
    #[error("{0}")]
    Usage(String),
}

pub type CliResult = Result<Outcome, CliError>;
