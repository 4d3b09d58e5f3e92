//! Logs go to a file, never to the terminal (it belongs to the UI or to the output).

use std::path::PathBuf;
use tracing_appender::non_blocking::WorkerGuard;
use tracing_subscriber::EnvFilter;

/// `$XDG_STATE_HOME/hangar/hangar.log` on Linux; the platform's local data dir elsewhere.
pub fn log_path() -> PathBuf {
    let dir = directories::ProjectDirs::from("", "", "hangar")
        .map(|d| d.state_dir().unwrap_or(d.data_local_dir()).to_path_buf())
        .unwrap_or_else(|| std::env::temp_dir().join("hangar"));
    dir.join("hangar.log")
}

/// Starts file logging at `level`. Returns the guard that flushes the log on
/// drop, or `None` when the file cannot be opened (hangar then runs without logs).
pub fn init(level: &str) -> Option<WorkerGuard> {
    let path = log_path();
    let dir = path.parent()?;
    std::fs::create_dir_all(dir).ok()?;
    let file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)
        .ok()?;
    let (writer, guard) = tracing_appender::non_blocking(file);
    // The HTTP stack's own logs would drown ours.
    let filter = EnvFilter::try_new(format!(
        "{level},hyper=warn,hyper_util=warn,reqwest=warn,rustls=warn,h2=warn"
    ))
    .unwrap_or_else(|_| EnvFilter::new("info"));
    tracing_subscriber::fmt()
        .with_writer(writer)
        .with_ansi(false)
        .with_env_filter(filter)
        .try_init()
        .ok()?;
    Some(guard)
}
