use clap::Parser;
use hangar::cli::{self, Cli, CliError};
use std::io::Write;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Instant;

#[tokio::main]
async fn main() -> ExitCode {
    let launched = Instant::now();
    let args = Cli::parse();
    let _log = hangar::logging::init(&args.global.log_level);
    let store = match args.global.store() {
        Ok(store) => store,
        Err(msg) => {
            eprintln!("hangar: {msg}");
            return ExitCode::from(2);
        }
    };
    let Some(command) = args.command else {
        let source = store
            .endpoints()
            .base()
            .split_once("://")
            .map_or("", |(_, rest)| rest)
            .to_string();
        let result = hangar::tui::run(Arc::new(store), args.global.refresh, source, launched).await;
        return match result {
            Ok(()) => ExitCode::SUCCESS,
            Err(err) => {
                tracing::error!(error = %err, "terminal error");
                eprintln!("hangar: terminal error: {err}");
                ExitCode::FAILURE
            }
        };
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match cli::run(&store, command, &mut out).await {
        Ok(()) => ExitCode::SUCCESS,
        // `hangar list | head`: the reader left; not an error.
        Err(CliError::Io(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(err) => {
            let _ = out.flush();
            tracing::error!(error = %err, "command failed");
            eprintln!("hangar: {err}");
            ExitCode::FAILURE
        }
    }
}
