//! Command-line options (clap) and the non-interactive commands.

pub mod config;
pub mod output;

use crate::api::error::{clock_time, human_age, human_wait};
use crate::api::paging::PageEvent;
use crate::api::{BudgetView, Priority, Spacecraft};
use crate::data::store::{Fetched, FlightsOf, Origin, Store, SyncList};
use crate::doc;
use crate::search::query::{Filter, Order, Query, Search};
use clap::builder::BoolishValueParser;
use clap::{Args, Parser, Subcommand, ValueEnum};
use jiff::{SignedDuration, Span, SpanRelativeTo, Timestamp, Unit};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::time::Duration;

/// Exit statuses, for scripts (also in `--help` and the README).
pub const EXIT_HELP: &str = "Exit status:\n  \
    0  the data printed is complete\n  \
    1  an error: nothing (or nothing trustworthy) was printed\n  \
    2  a usage or configuration error\n  \
    3  the data printed is incomplete or substituted: a partial list, a stale copy \
    after a failure, or the bundled snapshot; stderr says which, and when the rest \
    can come (a sync the budget stopped ends so too)";

pub const PROD_URL: &str = "https://ll.thespacedevs.com/2.3.0";
pub const DEV_URL: &str = "https://lldev.thespacedevs.com/2.3.0";

#[derive(Debug, Parser)]
#[command(
    name = "hangar",
    version,
    about = "A fast, keyboard-driven browser for the Launch Library 2 spacecraft catalog",
    long_about = "A fast, keyboard-driven browser for the Launch Library 2 spacecraft catalog.\n\n\
        Responses are cached on disk; with no network hangar falls back to the cache, \
        then (for the production and development servers) to a snapshot bundled in the binary.\n\n\
        Every request is counted against the API's budget (15 an hour for anonymous use \
        of production); background work leaves the last --reserve requests for what you ask.",
    after_help = EXIT_HELP
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Server {
    /// ll.thespacedevs.com: live data, strict anonymous rate limit
    Prod,
    /// lldev.thespacedevs.com: older data, meant for development, generous limit
    Dev,
}

#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// API base URL including the version (2.3.0 or 2.2.0) [default: https://ll.thespacedevs.com/2.3.0]
    #[arg(long, env = "HANGAR_API_URL", global = true, value_name = "URL")]
    pub api_url: Option<String>,

    /// Shorthand for the production or development host (version 2.3.0)
    #[arg(long, env = "HANGAR_SERVER", global = true, conflicts_with = "api_url")]
    pub server: Option<Server>,

    /// API key, sent as `Authorization: Token KEY` (never logged or cached)
    #[arg(
        long,
        env = "LL2_API_KEY",
        hide_env_values = true,
        global = true,
        value_name = "KEY"
    )]
    pub api_key: Option<String>,

    /// Never touch the network: use the cache, else the bundled snapshot
    #[arg(long, env = "HANGAR_OFFLINE", global = true, value_parser = BoolishValueParser::new(), num_args = 0, default_missing_value = "true", default_value = "false")]
    pub offline: bool,

    /// Cache directory [default: the platform cache dir + hangar]
    #[arg(long, env = "HANGAR_CACHE_DIR", global = true, value_name = "DIR")]
    pub cache_dir: Option<PathBuf>,

    /// Ignore the cache's freshness and refetch
    #[arg(long, env = "HANGAR_REFRESH", global = true, value_parser = BoolishValueParser::new(), num_args = 0, default_missing_value = "true", default_value = "false")]
    pub refresh: bool,

    /// How long the cached catalog stays fresh (e.g. 24h, 90m, 2d)
    #[arg(long, env = "HANGAR_CATALOG_TTL", global = true, default_value = "24h", value_parser = parse_span, value_name = "DURATION")]
    pub catalog_ttl: SignedDuration,

    /// How long cached flights of a spacecraft not in space stay fresh
    #[arg(long, env = "HANGAR_FLIGHTS_TTL", global = true, default_value = "7d", value_parser = parse_span, value_name = "DURATION")]
    pub flights_ttl: SignedDuration,

    /// How long cached flights of a spacecraft in space stay fresh
    #[arg(long, env = "HANGAR_IN_SPACE_TTL", global = true, default_value = "2h", value_parser = parse_span, value_name = "DURATION")]
    pub in_space_ttl: SignedDuration,

    /// Time limit for one request
    #[arg(long, env = "HANGAR_TIMEOUT", global = true, default_value = "20s", value_parser = parse_span, value_name = "DURATION")]
    pub timeout: SignedDuration,

    /// Requests of each budget window that background work (prefetch, sync) leaves for what you ask
    #[arg(
        long,
        env = "HANGAR_RESERVE",
        global = true,
        default_value_t = crate::data::store::DEFAULT_RESERVE,
        value_name = "N"
    )]
    pub reserve: u32,

    /// Config file [default: the platform config dir + hangar/config.toml]
    #[arg(long, env = "HANGAR_CONFIG", global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Print the effective configuration, where each value came from, and the log path
    #[arg(long, global = true)]
    pub print_config: bool,

    /// Log level for the log file (error, warn, info, debug, trace)
    #[arg(
        long,
        env = "HANGAR_LOG_LEVEL",
        global = true,
        default_value = "info",
        value_name = "LEVEL"
    )]
    pub log_level: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Table,
    Json,
    Csv,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RecordFormat {
    Text,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FlightsFormat {
    Table,
    Json,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print the spacecraft catalog, searched, filtered and ordered locally
    List {
        /// Every term (split on spaces and commas) must occur in the name or configuration name
        #[arg(long, value_name = "TEXT")]
        search: Option<String>,
        /// flights_count, id, mission_ends_count, time_docked, time_in_space or name; prefix - for descending
        #[arg(long, allow_hyphen_values = true, value_parser = |s: &str| s.parse::<Order>(), value_name = "[-]FIELD")]
        order: Option<Order>,
        /// in_space=BOOL, is_placeholder=BOOL, status=ID|NAME, spacecraft_config=ID|NAME, name=NAME (repeatable)
        #[arg(long = "filter", value_parser = |s: &str| s.parse::<Filter>(), value_name = "KEY=VALUE")]
        filters: Vec<Filter>,
        #[arg(long, value_enum, default_value = "table")]
        format: ListFormat,
    },
    /// Print one spacecraft's detailed record
    Show {
        #[arg(value_name = "SPACECRAFT_ID")]
        id: u64,
        #[arg(long, value_enum, default_value = "text")]
        format: RecordFormat,
    },
    /// Print the flights of one spacecraft
    Flights {
        #[arg(value_name = "SPACECRAFT_ID")]
        id: u64,
        #[arg(long, value_enum, default_value = "table")]
        format: FlightsFormat,
    },
    /// Print one flight: launch, crews, docking events, landing
    Flight {
        #[arg(value_name = "FLIGHT_ID")]
        id: u64,
        #[arg(long, value_enum, default_value = "text")]
        format: RecordFormat,
    },
    /// Fetch the whole catalog and every spacecraft flight (about 20 requests), so that
    /// flights and details cost no request afterwards; resumes where it stopped
    Sync {
        /// When the budget runs out, wait for it (with a countdown) instead of stopping with exit status 3
        #[arg(long)]
        wait: bool,
    },
    /// Print the API URL, cache, request budget, and how complete the catalog and the sync are
    Status {
        #[arg(long, value_enum, default_value = "text")]
        format: RecordFormat,
    },
    /// Print a shell completion script (e.g. `hangar completions bash > ~/.local/share/bash-completion/completions/hangar`)
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
}

/// `24h`, `90m`, `7d`, `1h30m` or ISO 8601 (`PT24H`).
pub fn parse_span(s: &str) -> Result<SignedDuration, String> {
    let span: Span = s
        .parse()
        .map_err(|e| format!("not a duration ({e}); try 24h, 90m or 7d"))?;
    let secs = span
        .total((Unit::Second, SpanRelativeTo::days_are_24_hours()))
        .map_err(|e| e.to_string())?;
    if secs < 0.0 {
        return Err("a duration cannot be negative".into());
    }
    Ok(SignedDuration::from_secs_f64(secs))
}

impl GlobalArgs {
    pub fn base_url(&self) -> String {
        match (&self.api_url, self.server) {
            (Some(url), _) => url.clone(),
            (None, Some(Server::Dev)) => DEV_URL.to_string(),
            (None, _) => PROD_URL.to_string(),
        }
    }

    pub fn cache_dir(&self) -> PathBuf {
        self.cache_dir.clone().unwrap_or_else(default_cache_dir)
    }
}

pub fn default_cache_dir() -> PathBuf {
    directories::ProjectDirs::from("", "", "hangar")
        .map(|d| d.cache_dir().to_path_buf())
        .unwrap_or_else(|| std::env::temp_dir().join("hangar-cache"))
}

/// Whether what a command printed is all that was asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Complete,
    /// Partial, stale after a failure, or the snapshot: exit status 3.
    Incomplete,
}

/// Runs one non-interactive command, printing to `out`; notices go to stderr.
pub async fn run(store: &Store, command: Command, out: &mut impl Write) -> CliResult {
    let now = Timestamp::now();
    let outcome = match command {
        Command::List {
            search,
            order,
            filters,
            format,
        } => {
            let fetched = store.catalog(progress_on_stderr()).await;
            finish_progress();
            let fetched = fetched?;
            let outcome = report(&fetched, store, "spacecraft");
            let records = &fetched.value.records;
            let query = Query {
                search: Search::new(search.as_deref().unwrap_or("")),
                filters,
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
                    let raw = store.raw_catalog();
                    let records: Vec<serde_json::Value> = rows
                        .iter()
                        .map(|s| raw.get(&s.id).cloned().unwrap_or_else(|| typed(s)))
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
        Command::Sync { wait } => sync(store, wait, out).await?,
        Command::Status { format } => status(store, format, out).await?,
        Command::Completions { shell } => {
            let mut command = <Cli as clap::CommandFactory>::command();
            clap_complete::generate(shell, &mut command, "hangar", out);
            Outcome::Complete
        }
    };
    out.flush()?;
    Ok(outcome)
}

/// `hangar sync`: the catalog, then every flight, as background work; with
/// `wait`, through as many budget windows as it takes.
async fn sync(store: &Store, wait: bool, out: &mut impl Write) -> Result<Outcome, CliError> {
    if store.is_offline() {
        return Err(CliError::Usage(
            "sync needs the network (--offline is set)".into(),
        ));
    }
    let bar = indicatif::ProgressBar::with_draw_target(
        Some(0),
        indicatif::ProgressDrawTarget::stderr_with_hz(4),
    );
    bar.set_style(
        indicatif::ProgressStyle::with_template(
            "{spinner} {prefix} [{bar:24}] {pos}/{len} pages · {msg}",
        )
        .map_err(|e| CliError::Usage(e.to_string()))?
        .progress_chars("=> "),
    );
    let budget_note = |view: BudgetView, left: u64| -> String {
        match view.remaining() {
            None => format!("{} requests used, limit unknown", view.used),
            Some(remaining) => {
                let usable = remaining.saturating_sub(view.reserve.min(remaining));
                let mut text = format!("budget {remaining}/{} left", view.limit.unwrap_or(0));
                if u64::from(usable) < left {
                    let more = view
                        .next_free
                        .map_or(String::new(), |t| format!(", more from {}", clock_time(t)));
                    text.push_str(&format!(
                        " · {usable} more now (reserve {}){more}",
                        view.reserve
                    ));
                }
                text
            }
        }
    };
    let report = loop {
        let mut pages = [(0usize, 0usize); 2];
        let report = store
            .sync(|event| {
                let i = usize::from(event.list == SyncList::Flights);
                pages[i] = (event.done, event.total);
                bar.set_prefix(match event.list {
                    SyncList::Catalog => "spacecraft",
                    SyncList::Flights => "flights",
                });
                let (done, total) = (pages[0].0 + pages[1].0, pages[0].1 + pages[1].1);
                bar.set_length(total as u64);
                bar.set_position(done as u64);
                bar.set_message(budget_note(
                    store.ledger().view(),
                    total.saturating_sub(done) as u64,
                ));
            })
            .await?;
        match report.resume_at() {
            Some(at) if wait && !report.complete() => {
                bar.set_prefix("waiting");
                while Timestamp::now() < at {
                    let left =
                        Duration::try_from(at.duration_since(Timestamp::now())).unwrap_or_default();
                    bar.set_message(format!(
                        "the budget allows more at {} (in {}); Ctrl-C stops, a later sync resumes",
                        clock_time(at),
                        human_wait(left)
                    ));
                    bar.tick();
                    tokio::time::sleep(left.min(Duration::from_secs(1))).await;
                }
            }
            _ => break report,
        }
    };
    bar.finish_and_clear();
    let flights = report.flights.as_ref();
    writeln!(
        out,
        "{} of {} spacecraft, {} of {} flights synced",
        report.catalog.records,
        count_text(report.catalog.count),
        flights.map_or(0, |f| f.records),
        count_text(flights.and_then(|f| f.count)),
    )?;
    if report.complete() {
        return Ok(Outcome::Complete);
    }
    let why = report.notice.as_deref().unwrap_or("it stopped early");
    match report.resume_at() {
        Some(at) => eprintln!(
            "hangar: sync stopped: {why}; run `hangar sync` again after {} (it resumes), or with --wait",
            clock_time(at)
        ),
        None => eprintln!("hangar: sync stopped: {why}; run `hangar sync` again to resume"),
    }
    Ok(Outcome::Incomplete)
}

fn count_text(count: Option<u64>) -> String {
    count.map_or("?".to_string(), |c| c.to_string())
}

/// `hangar status`: where data comes from, the budget, and how complete the data is.
async fn status(
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
