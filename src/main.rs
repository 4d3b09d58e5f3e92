use clap::Parser;
use hangar::cli::{self, Cli, CliError, Command};
use std::io::Write;
use std::process::ExitCode;

#[tokio::main]
async fn main() -> ExitCode {
    let args = Cli::parse();
    let _log = hangar::logging::init(&args.global.log_level);
    let store = match args.global.store() {
        Ok(store) => store,
        Err(msg) => {
            eprintln!("hangar: {msg}");
            return ExitCode::from(2);
        }
    };
    // Until the interactive browser lands, no subcommand lists the catalog.
    let command = args.command.unwrap_or(Command::List {
        search: None,
        order: None,
        filters: Vec::new(),
        format: cli::ListFormat::Table,
    });
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
