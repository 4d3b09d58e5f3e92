//! The command line: clap's options and subcommands, and how their values
//! are read (durations, tokens, the API's URL).

use crate::api::{LaunchId, RecordRef};
use crate::search::query::{FilterParam, Order};
use clap::builder::BoolishValueParser;
use clap::{Args, Parser, Subcommand, ValueEnum};
use jiff::{SignedDuration, Span, SpanRelativeTo, Unit};
use std::path::PathBuf;

/// Exit statuses, for scripts (also in `--help` and the README).
pub const EXIT_HELP: &str = "Exit status:\n  \
    0  the data printed is complete\n  \
    1  an error: nothing (or nothing trustworthy) was printed\n  \
    2  a usage or configuration error\n  \
    3  the data printed is incomplete or substituted: a partial list, records left \
    out (no id hangar can keep), a stale copy after a failure, or the bundled \
    snapshot, or a sync the budget stopped; stderr says which, and when the rest \
    can come";

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
#[command(next_help_heading = "Global options")]
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

    /// Pictures in the browser: auto (the terminal's best protocol, else
    /// half-blocks), halfblocks, or off. NO_COLOR turns them off
    #[arg(
        long,
        env = "HANGAR_IMAGES",
        global = true,
        default_value = "auto",
        value_name = "auto|halfblocks|off"
    )]
    pub images: crate::data::images::Mode,

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
    #[command(after_help = EXIT_HELP)]
    List {
        /// Every term (split on spaces and commas; "a quoted part" is one term) must occur in the name or configuration name
        #[arg(long, value_name = "TEXT")]
        search: Option<String>,
        /// Fuzzy: every word (split on spaces) is a subsequence of the name or configuration name, ignoring case; best matches first, ties in --order
        #[arg(long, value_name = "TEXT", conflicts_with = "search")]
        fuzzy: Option<String>,
        /// flights_count, id, mission_ends_count, time_docked, time_in_space or name; prefix - for descending
        #[arg(long, allow_hyphen_values = true, value_parser = |s: &str| s.parse::<Order>(), value_name = "[-]FIELD")]
        order: Option<Order>,
        /// in_space=BOOL, is_placeholder=BOOL, status=ID|NAME, spacecraft_config=ID|NAME, name=NAME (repeatable; values read as the API reads them, a key's last one counting)
        #[arg(long = "filter", value_parser = |s: &str| s.parse::<FilterParam>(), value_name = "KEY=VALUE")]
        filters: Vec<FilterParam>,
        /// Output: table (for people), json (each record as the API sent it) or csv
        #[arg(long, value_enum, default_value = "table")]
        format: ListFormat,
    },
    /// Print one spacecraft's detailed record
    #[command(after_help = EXIT_HELP)]
    Show {
        #[arg(value_name = "SPACECRAFT_ID")]
        id: u64,
        /// Output: text (for people) or json (the record as the API sent it)
        #[arg(long, value_enum, default_value = "text")]
        format: RecordFormat,
    },
    /// Print the flights of one spacecraft
    #[command(after_help = EXIT_HELP)]
    Flights {
        #[arg(value_name = "SPACECRAFT_ID")]
        id: u64,
        /// Output: table (for people) or json (the records as the API sent them)
        #[arg(long, value_enum, default_value = "table")]
        format: FlightsFormat,
    },
    /// Print one flight: launch, crews, docking events, landing
    #[command(after_help = EXIT_HELP)]
    Flight {
        #[arg(value_name = "FLIGHT_ID")]
        id: u64,
        /// Output: text (for people) or json (the record as the API sent it)
        #[arg(long, value_enum, default_value = "text")]
        format: RecordFormat,
    },
    /// Print one astronaut: status, agency, time in space, flights (each with
    /// the spacecraft flight to open, [flight/ID], or its launch)
    #[command(after_help = EXIT_HELP)]
    Astronaut {
        #[arg(value_name = "ASTRONAUT_ID")]
        id: u64,
        /// Output: text (for people) or json (the record as the API sent it)
        #[arg(long, value_enum, default_value = "text")]
        format: RecordFormat,
    },
    /// Print one space station: owners, crew, what is docked now, and its
    /// docking history, one row per port (1 request, plus 1 per 100 docking
    /// events; none while fresh)
    #[command(after_help = EXIT_HELP)]
    Station {
        #[arg(value_name = "STATION_ID")]
        id: u64,
        /// Output: text (for people) or json (the record as the API sent it)
        #[arg(long, value_enum, default_value = "text")]
        format: RecordFormat,
    },
    /// Print every docking event at a station, in docking order
    #[command(after_help = EXIT_HELP)]
    Dockings {
        #[arg(long, value_name = "STATION_ID")]
        station: u64,
        /// Output: table (for people) or json (the records as the API sent them)
        #[arg(long, value_enum, default_value = "table")]
        format: FlightsFormat,
    },
    /// Print one launch: rocket, pad, mission, and the spacecraft flights it carried
    #[command(after_help = EXIT_HELP)]
    Launch {
        #[arg(value_name = "LAUNCH_ID", value_parser = |s: &str| s.parse::<LaunchId>())]
        id: LaunchId,
        /// Output: text (for people) or json (the record as the API sent it)
        #[arg(long, value_enum, default_value = "text")]
        format: RecordFormat,
    },
    /// Print every spacecraft in space now: its current flight, launch, mission
    /// elapsed time, where it is docked and who is aboard (no request for what
    /// a fresh sync holds, else 1 per spacecraft in space)
    #[command(after_help = EXIT_HELP)]
    Now {
        /// Output: table (for people) or json (the records as the API sent them)
        #[arg(long, value_enum, default_value = "table")]
        format: FlightsFormat,
    },
    /// Print what changed since you last looked, newest first: spacecraft added or
    /// retired, launches, dockings, undockings, landings, NETs moved, crews named
    /// (recorded when a refresh or a sync replaced what was held; no request)
    #[command(after_help = EXIT_HELP)]
    Changes {
        /// Only changes after WHEN: a date (2026-12-01), a time (2026-12-01T08:00Z), a
        /// duration back from now (7d, 12h), or `last` (since the previous `hangar changes`)
        #[arg(long, value_parser = parse_since, value_name = "WHEN")]
        since: Option<Since>,
        /// Only the changes not yet shown in the browser
        #[arg(long)]
        unread: bool,
        /// Output: table (for people) or json (one object per change: kind, time, subject, old, new)
        #[arg(long, value_enum, default_value = "table")]
        format: FlightsFormat,
    },
    /// Print every planned spacecraft flight, soonest NET first: spacecraft,
    /// launch, the NET as far as it is known, countdown, status, destination,
    /// crew (1 request for the planned launches when they are older than 3 h,
    /// else none)
    #[command(after_help = EXIT_HELP)]
    Next {
        /// Only flights whose NET may come within this long (e.g. 30d, 12h)
        #[arg(long, value_parser = parse_span, value_name = "DURATION")]
        within: Option<SignedDuration>,
        /// Output: table (for people) or json (each flight as the API sent it, with what hangar derives under "hangar")
        #[arg(long, value_enum, default_value = "table")]
        format: FlightsFormat,
    },
    /// Fetch the whole catalog and every spacecraft flight (about 20 requests), so that
    /// flights and details cost no request afterwards; resumes where it stopped
    #[command(after_help = EXIT_HELP)]
    Sync {
        /// When the budget runs out, wait for it (with a countdown) instead of stopping with exit status 3
        #[arg(long)]
        wait: bool,
    },
    /// Print the catalog as charts: flights per year (by configuration family and by
    /// agency), time in space per configuration, turnarounds, the most-flown spacecraft
    /// and the longest flights; from the catalog and the synced flights (no request
    /// for flights; exit status 3 until `hangar sync` is complete)
    #[command(after_help = EXIT_HELP)]
    Stats {
        /// Output: table (for people) or json (the records as the API sent them)
        #[arg(long, value_enum, default_value = "table")]
        format: FlightsFormat,
    },
    /// Print the API URL, cache, request budget, and how complete the catalog and the sync are
    #[command(after_help = EXIT_HELP)]
    Status {
        /// Output: text (for people) or json (the record as the API sent it)
        #[arg(long, value_enum, default_value = "text")]
        format: RecordFormat,
    },
    /// Start the interactive browser at one record: spacecraft/45, flight/358,
    /// astronaut/5012, station/4 or launch/UUID (Esc from there climbs to the list)
    Open {
        #[arg(value_name = "KIND/ID", value_parser = |s: &str| s.parse::<RecordRef>())]
        target: RecordRef,
    },
    /// Serve what the cache holds as an LL2-compatible read-only API (2.3.0's
    /// spacecraft, spacecraft_flights, astronauts, space_stations, launches,
    /// a station's docking_events and api-throttle, answered as LL2's server
    /// answers; 2.2.0's paths for a 2.2.0 --api-url); prints the URL to give
    /// clients. Fill the cache with
    /// `hangar sync`; the mirror then keeps it fresh as background work
    /// (never the reserve), and asks the upstream once for a record a
    /// client wants that it does not hold
    Serve {
        /// Address and port to listen on
        #[arg(long, default_value = crate::serve::DEFAULT_LISTEN, value_name = "ADDR:PORT")]
        listen: std::net::SocketAddr,
        /// The URL clients reach the mirror at, with the version (links and
        /// records point there) [default: http://LISTEN/VERSION, the upstream's]
        #[arg(long, value_name = "URL")]
        public_url: Option<String>,
        /// Answer only requests carrying `Authorization: Token TOKEN` (as LL2
        /// takes a key); give it again, or several separated by commas, for
        /// more. Others get 401. The variable keeps them out of `ps`
        #[arg(
            long = "token",
            env = "HANGAR_SERVE_TOKENS",
            hide_env_values = true,
            value_delimiter = ',',
            value_name = "TOKEN",
            value_parser = parse_token
        )]
        tokens: Vec<String>,
        /// Requests each client address may make, as N/second, N/minute,
        /// N/hour or N/day (or N/s, N/m, N/h, N/d), in a sliding window as
        /// LL2's: past it, 429 with Retry-After; /api-throttle/ tells each
        /// client its limit and use [default: no limit]
        #[arg(long, value_name = "N/PERIOD")]
        rate: Option<crate::serve::Rate>,
    },
    /// Print a shell completion script (e.g. `hangar completions bash > ~/.local/share/bash-completion/completions/hangar`)
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
}

/// A token a client can send: one header word, not empty.
fn parse_token(s: &str) -> Result<String, String> {
    if s.is_empty() || s.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err("a token is one word of visible characters".into());
    }
    Ok(s.to_string())
}

/// `24h`, `90m`, `7d`, `1h30m` or ISO 8601 (`PT24H`).
/// Where `hangar changes --since` starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Since {
    At(jiff::Timestamp),
    Ago(SignedDuration),
    /// Since the previous `hangar changes`.
    Last,
}

pub fn parse_since(s: &str) -> Result<Since, String> {
    if s == "last" {
        return Ok(Since::Last);
    }
    if let Ok(at) = s.parse::<jiff::Timestamp>() {
        return Ok(Since::At(at));
    }
    if let Ok(day) = s.parse::<jiff::civil::Date>() {
        let at = day
            .to_zoned(jiff::tz::TimeZone::UTC)
            .map_err(|e| e.to_string())?
            .timestamp();
        return Ok(Since::At(at));
    }
    parse_span(s)
        .map(Since::Ago)
        .map_err(|_| format!("not a date, a duration or `last`: {s:?}; try 2026-12-01, 7d or last"))
}

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
