//! The effective settings: command line, then environment, then the config
//! file (`hangar/config.toml` in the platform config dir), then defaults;
//! each remembers where it came from, for `--print-config`.

use crate::api::{ClientConfig, Endpoints};
use crate::cli::{GlobalArgs, Server, DEV_URL, PROD_URL};
use crate::data::store::{Freshness, Store, StoreConfig};
use clap::parser::ValueSource;
use clap::ArgMatches;
use jiff::SignedDuration;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// What the config file may say; every key is optional.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileConfig {
    pub api_url: Option<String>,
    pub server: Option<Server>,
    pub api_key: Option<String>,
    /// The name of an environment variable that holds the key.
    pub api_key_env: Option<String>,
    pub cache_dir: Option<PathBuf>,
    pub catalog_ttl: Option<String>,
    pub flights_ttl: Option<String>,
    pub in_space_ttl: Option<String>,
    pub timeout: Option<String>,
    /// Requests of each budget window that background work leaves for the user.
    pub reserve: Option<u32>,
    pub log_level: Option<String>,
    pub no_color: Option<bool>,
    /// `auto`, `halfblocks` or `off`.
    pub images: Option<crate::data::images::Mode>,
    /// Command name → keys for the list (`[keys]`), and the same per mode
    /// (`[keys.search_line]`, `[keys.filter_panel]`, `[keys.help_screen]`).
    #[serde(default)]
    pub keys: BTreeMap<String, KeyEntry>,
    /// Theme slot → colour name or `#rrggbb`.
    #[serde(default)]
    pub colors: BTreeMap<String, String>,
}

/// One entry of `[keys]`: a list command's keys, or a mode's table.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(untagged)]
pub enum KeyEntry {
    Keys(Vec<String>),
    Mode(BTreeMap<String, Vec<String>>),
}

/// `[keys]` by mode: its own entries are the list's (as they always were),
/// its tables those of the mode they name.
fn keys_by_mode(
    entries: BTreeMap<String, KeyEntry>,
) -> BTreeMap<String, BTreeMap<String, Vec<String>>> {
    let mut by_mode: BTreeMap<String, BTreeMap<String, Vec<String>>> = BTreeMap::new();
    for (name, entry) in entries {
        match entry {
            KeyEntry::Keys(keys) => {
                by_mode.entry("list".into()).or_default().insert(name, keys);
            }
            KeyEntry::Mode(table) => by_mode.entry(name).or_default().extend(table),
        }
    }
    by_mode
}

/// `$XDG_CONFIG_HOME/hangar/config.toml` on Linux, the platform's config dir elsewhere.
pub fn default_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "hangar").map(|d| d.config_dir().join("config.toml"))
}

/// Reads the config file; a missing file is an empty config, a bad one an error.
pub fn load(path: &Path) -> Result<FileConfig, String> {
    match std::fs::read_to_string(path) {
        Ok(text) => toml::from_str(&text).map_err(|e| format!("{}: {e}", path.display())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(FileConfig::default()),
        Err(e) => Err(format!("cannot read {}: {e}", path.display())),
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    Default,
    File(PathBuf),
    Env(String),
    CommandLine,
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::Default => f.write_str("default"),
            Source::File(p) => write!(f, "config file {}", p.display()),
            Source::Env(v) => write!(f, "environment {v}"),
            Source::CommandLine => f.write_str("command line"),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Setting<T> {
    pub value: T,
    pub source: Source,
}

#[derive(Debug, Clone)]
pub struct Settings {
    pub config_path: Option<PathBuf>,
    pub api_url: Setting<String>,
    pub api_key: Setting<Option<String>>,
    pub offline: Setting<bool>,
    pub refresh: Setting<bool>,
    pub cache_dir: Setting<PathBuf>,
    pub catalog_ttl: Setting<SignedDuration>,
    pub flights_ttl: Setting<SignedDuration>,
    pub in_space_ttl: Setting<SignedDuration>,
    pub timeout: Setting<SignedDuration>,
    pub reserve: Setting<u32>,
    pub log_level: Setting<String>,
    pub no_color: Setting<bool>,
    pub images: Setting<crate::data::images::Mode>,
    /// Mode name (`list`, `search_line`, `filter_panel`, `help_screen`) →
    /// command name → keys.
    pub keys: BTreeMap<String, BTreeMap<String, Vec<String>>>,
    pub colors: BTreeMap<String, String>,
}

/// Where clap found `id`, as a [`Source`] (`None` for its default).
fn cli_source(matches: &ArgMatches, id: &str, env: &str) -> Option<Source> {
    match matches.value_source(id)? {
        ValueSource::CommandLine => Some(Source::CommandLine),
        ValueSource::EnvVariable => Some(Source::Env(env.to_string())),
        _ => None,
    }
}

/// Command line or environment (as clap read them), else the config file,
/// else the default: the one order every setting follows.
struct Layers<'a> {
    matches: &'a ArgMatches,
    file: Source,
}

impl Layers<'_> {
    fn pick<T>(&self, id: &str, env: &str, cli: T, in_file: Option<T>) -> Setting<T> {
        match (cli_source(self.matches, id, env), in_file) {
            (Some(source), _) => Setting { value: cli, source },
            (None, Some(value)) => Setting {
                value,
                source: self.file.clone(),
            },
            (None, None) => Setting {
                value: cli,
                source: Source::Default,
            },
        }
    }
}

impl Settings {
    /// Command line and environment (as clap read them) over the config file over defaults.
    pub fn resolve(
        args: &GlobalArgs,
        matches: &ArgMatches,
        file: FileConfig,
        path: Option<PathBuf>,
    ) -> Result<Self, String> {
        let layers = Layers {
            matches,
            file: Source::File(path.clone().unwrap_or_default()),
        };
        // Durations are written in the file as text.
        let span = |id: &str, env: &str, cli: SignedDuration, text: &Option<String>| {
            let in_file = text
                .as_deref()
                .map(|t| crate::cli::parse_span(t).map_err(|e| format!("{id}: {e}")))
                .transpose()?;
            Ok::<_, String>(layers.pick(id, env, cli, in_file))
        };
        let server_url = |server: Server| {
            if server == Server::Dev {
                DEV_URL
            } else {
                PROD_URL
            }
            .to_string()
        };
        let api_url = match cli_source(matches, "api_url", "HANGAR_API_URL")
            .or_else(|| cli_source(matches, "server", "HANGAR_SERVER"))
        {
            Some(source) => Setting {
                value: args.base_url(),
                source,
            },
            None => layers.pick(
                "api_url",
                "HANGAR_API_URL",
                PROD_URL.to_string(),
                file.api_url.clone().or_else(|| file.server.map(server_url)),
            ),
        };
        let api_key = match (&file.api_key, &file.api_key_env) {
            (None, Some(var)) if cli_source(matches, "api_key", "LL2_API_KEY").is_none() => {
                Setting {
                    value: std::env::var(var).ok(),
                    source: Source::Env(var.clone()),
                }
            }
            _ => layers.pick(
                "api_key",
                "LL2_API_KEY",
                args.api_key.clone(),
                file.api_key.clone().map(Some),
            ),
        };
        let flag = |id: &str, env: &str, value: bool| Setting {
            value,
            source: cli_source(matches, id, env).unwrap_or(Source::Default),
        };
        let cache_dir = layers.pick(
            "cache_dir",
            "HANGAR_CACHE_DIR",
            args.cache_dir(),
            file.cache_dir.clone(),
        );
        let log_level = layers.pick(
            "log_level",
            "HANGAR_LOG_LEVEL",
            args.log_level.clone(),
            file.log_level.clone(),
        );
        // NO_COLOR (https://no-color.org): set and not empty means no colour.
        let no_color = match std::env::var("NO_COLOR") {
            Ok(v) if !v.is_empty() => Setting {
                value: true,
                source: Source::Env("NO_COLOR".into()),
            },
            // Not an option of the command line: the file, else off.
            _ => Setting {
                value: file.no_color.unwrap_or(false),
                source: file
                    .no_color
                    .map_or(Source::Default, |_| layers.file.clone()),
            },
        };
        let reserve = layers.pick("reserve", "HANGAR_RESERVE", args.reserve, file.reserve);
        // A picture is nothing but colour: none without it, unless this
        // command line asks for one (no-color.org: arguments override it).
        let images_flag = cli_source(matches, "images", "HANGAR_IMAGES");
        let images = if no_color.value && images_flag != Some(Source::CommandLine) {
            Setting {
                value: crate::data::images::Mode::Off,
                source: no_color.source.clone(),
            }
        } else {
            layers.pick("images", "HANGAR_IMAGES", args.images, file.images)
        };
        Ok(Settings {
            api_url,
            api_key,
            offline: flag("offline", "HANGAR_OFFLINE", args.offline),
            refresh: flag("refresh", "HANGAR_REFRESH", args.refresh),
            cache_dir,
            catalog_ttl: span(
                "catalog_ttl",
                "HANGAR_CATALOG_TTL",
                args.catalog_ttl,
                &file.catalog_ttl,
            )?,
            flights_ttl: span(
                "flights_ttl",
                "HANGAR_FLIGHTS_TTL",
                args.flights_ttl,
                &file.flights_ttl,
            )?,
            in_space_ttl: span(
                "in_space_ttl",
                "HANGAR_IN_SPACE_TTL",
                args.in_space_ttl,
                &file.in_space_ttl,
            )?,
            timeout: span("timeout", "HANGAR_TIMEOUT", args.timeout, &file.timeout)?,
            reserve,
            log_level,
            no_color,
            images,
            keys: keys_by_mode(file.keys),
            colors: file.colors,
            config_path: path,
        })
    }

    pub fn store(&self) -> Result<Store, String> {
        let endpoints = Endpoints::new(&self.api_url.value)?;
        Store::new(StoreConfig {
            snapshot: crate::data::store::snapshot_applies(&endpoints),
            reserve: self.reserve.value,
            endpoints,
            client: ClientConfig {
                api_key: self.api_key.value.clone().filter(|k| !k.trim().is_empty()),
                timeout: Duration::try_from(self.timeout.value).unwrap_or(Duration::from_secs(20)),
                ..ClientConfig::default()
            },
            cache_dir: self.cache_dir.value.clone(),
            offline: self.offline.value,
            refresh: self.refresh.value,
            freshness: Freshness {
                catalog: self.catalog_ttl.value,
                flights: self.flights_ttl.value,
                in_space: self.in_space_ttl.value,
            },
        })
    }

    /// The effective configuration and where each value came from; the key is never shown.
    pub fn describe(&self) -> String {
        let mut out = String::new();
        let mut line = |name: &str, value: String, source: &Source| {
            out.push_str(&format!("{name:<12} = {value:<45} # {source}\n"));
        };
        line(
            "api_url",
            format!("{:?}", self.api_url.value),
            &self.api_url.source,
        );
        let key = if self.api_key.value.is_some() {
            "\"<set, hidden>\""
        } else {
            "none"
        };
        line("api_key", key.to_string(), &self.api_key.source);
        line(
            "offline",
            self.offline.value.to_string(),
            &self.offline.source,
        );
        line(
            "refresh",
            self.refresh.value.to_string(),
            &self.refresh.source,
        );
        line(
            "cache_dir",
            format!("{:?}", self.cache_dir.value.display().to_string()),
            &self.cache_dir.source,
        );
        line(
            "catalog_ttl",
            format!("\"{:#}\"", self.catalog_ttl.value),
            &self.catalog_ttl.source,
        );
        line(
            "flights_ttl",
            format!("\"{:#}\"", self.flights_ttl.value),
            &self.flights_ttl.source,
        );
        line(
            "in_space_ttl",
            format!("\"{:#}\"", self.in_space_ttl.value),
            &self.in_space_ttl.source,
        );
        line(
            "reserve",
            self.reserve.value.to_string(),
            &self.reserve.source,
        );
        line(
            "timeout",
            format!("\"{:#}\"", self.timeout.value),
            &self.timeout.source,
        );
        line(
            "log_level",
            format!("{:?}", self.log_level.value),
            &self.log_level.source,
        );
        line(
            "no_color",
            self.no_color.value.to_string(),
            &self.no_color.source,
        );
        line(
            "images",
            format!("{:?}", self.images.value.to_string()),
            &self.images.source,
        );
        for (mode, commands) in &self.keys {
            // As a file writes them: the list's in `[keys]` itself.
            let at = if mode == "list" {
                "keys".to_string()
            } else {
                format!("keys.{mode}")
            };
            for (command, keys) in commands {
                out.push_str(&format!("{at}.{command} = {keys:?}\n"));
            }
        }
        for (slot, color) in &self.colors {
            out.push_str(&format!("colors.{slot} = {color:?}\n"));
        }
        let config = self
            .config_path
            .as_ref()
            .map_or("none".to_string(), |p| p.display().to_string());
        out.push_str(&format!(
            "\n# config file: {config}\n# log file:    {}\n",
            crate::logging::log_path().display()
        ));
        out
    }
}
