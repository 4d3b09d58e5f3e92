use clap::{CommandFactory, FromArgMatches};
use hangar::cli::config::{self, Settings};
use hangar::cli::{self, Cli, CliError, Command, Outcome};
use hangar::data::images;
use hangar::ui::keys::Keymap;
use hangar::ui::theme::{self, Theme};
use std::io::{IsTerminal, Write};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Instant;

/// A problem with the user's options or config: said plainly, exit code 2.
fn usage_error(msg: impl std::fmt::Display) -> ExitCode {
    eprintln!("hangar: {msg}");
    ExitCode::from(2)
}

#[tokio::main]
async fn main() -> ExitCode {
    let launched = Instant::now();
    let matches = Cli::command().get_matches();
    let args = match Cli::from_arg_matches(&matches) {
        Ok(args) => args,
        Err(e) => e.exit(),
    };
    let path = args.global.config.clone().or_else(config::default_path);
    let file = match path.as_deref().map(config::load).transpose() {
        Ok(file) => file.unwrap_or_default(),
        Err(e) => return usage_error(e),
    };
    let settings = match Settings::resolve(&args.global, &matches, file, path) {
        Ok(settings) => settings,
        Err(e) => return usage_error(e),
    };
    if args.global.print_config {
        print!("{}", settings.describe());
        return ExitCode::SUCCESS;
    }
    let _log = hangar::logging::init(&settings.log_level.value);
    if settings.no_color.value && settings.images.value != images::Mode::Off {
        // Only `--images` on the command line gets here: the theme stays
        // colourless, and the pictures asked for keep their colours, which
        // crossterm would otherwise drop for NO_COLOR.
        crossterm::style::force_color_output(true);
    }
    match Theme::new(settings.no_color.value, &settings.colors) {
        Ok(t) => theme::init(t),
        Err(e) => return usage_error(e),
    }
    let keymap = match Keymap::with_overrides(&settings.keys) {
        Ok(k) => k,
        Err(e) => return usage_error(e),
    };
    let store = match settings.store() {
        Ok(store) => store,
        Err(msg) => return usage_error(msg),
    };
    let (command, start_at) = match args.command {
        Some(Command::Open { target }) => (None, Some(target)),
        other => (other, None),
    };
    let Some(command) = command else {
        let source = store
            .endpoints()
            .base()
            .split_once("://")
            .map_or("", |(_, rest)| rest)
            .to_string();
        let store = Arc::new(store);
        let timeout = std::time::Duration::try_from(settings.timeout.value)
            .unwrap_or(std::time::Duration::from_secs(20));
        let pictures = hangar::ui::tui::PictureSetup {
            mode: settings.images.value,
            cache: images::ImageCache::new(&settings.cache_dir.value, images::CACHE_CAP),
            fetcher: (!settings.offline.value)
                .then(|| images::Fetcher::new(timeout, images::MAX_BYTES)),
        };
        let result = hangar::ui::tui::run(
            Arc::clone(&store),
            keymap,
            settings.refresh.value,
            source,
            launched,
            start_at,
            pictures,
        )
        .await;
        // The terminal is back. Nothing new goes out; what is in flight was
        // counted by the server, so its answer is kept (within one time limit).
        store.ledger().close();
        wait_for_requests(&store, settings.timeout.value, true).await;
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
    let is_completions = matches!(command, Command::Completions { .. });
    let result = cli::run(&store, command, &mut out).await;
    wait_for_requests(&store, settings.timeout.value, false).await;
    match result {
        Ok(Outcome::Complete) => ExitCode::SUCCESS,
        Ok(Outcome::Incomplete) => ExitCode::from(3),
        // `hangar list | head`: the reader left; not an error.
        Err(CliError::Io(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(CliError::Usage(msg)) => usage_error(msg),
        Err(err) => {
            let _ = out.flush();
            tracing::error!(error = %err, completions = is_completions, "command failed");
            eprintln!("hangar: {err}");
            ExitCode::FAILURE
        }
    }
}

/// Requests already sent were counted by the server: their answers are
/// cached before the process ends, within the time limit of one request.
async fn wait_for_requests(
    store: &hangar::data::store::Store,
    timeout: jiff::SignedDuration,
    say: bool,
) {
    let deadline = Instant::now() + std::time::Duration::try_from(timeout).unwrap_or_default();
    let mut told = false;
    while store.in_flight() > 0 && Instant::now() < deadline {
        if say && !told && std::io::stderr().is_terminal() {
            eprintln!(
                "hangar: keeping the answers of {} requests already sent (Ctrl-C skips)…",
                store.in_flight()
            );
            told = true;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
}
