//! The terminal: setup, teardown (on quit, error and panic), and the event loop.

use crate::api::RecordRef;
use crate::app::action::{Action, MouseKind};
use crate::app::pictures::{Pictures, Shown};
use crate::app::{update, State};
use crate::data::images::{self, Fetcher, ImageCache};
use crate::data::store::Store;
use crate::runtime::{Tasks, Worker};
use crate::ui;
use crate::ui::keys::Keymap;
use crossterm::event::{
    DisableMouseCapture, EnableMouseCapture, Event, EventStream, MouseButton, MouseEventKind,
};
use crossterm::execute;
use futures::{FutureExt, StreamExt};
use jiff::Timestamp;
use ratatui_image::picker::cap_parser::QueryStdioOptions;
use ratatui_image::picker::Picker;
use std::io;
use std::sync::Arc;
use std::time::{Duration, Instant};

const TICK: Duration = Duration::from_millis(100);
/// Ages in the status line ("cache 2 h old") stay current without redrawing every tick.
const IDLE_REDRAW_TICKS: u32 = 10;

/// Restores the terminal when dropped: on quit, on error and while unwinding.
struct Restore;

impl Drop for Restore {
    fn drop(&mut self) {
        let _ = execute!(io::stdout(), DisableMouseCapture);
        ratatui::restore();
    }
}

/// Where pictures come from, and how they are drawn.
pub struct PictureSetup {
    pub mode: images::Mode,
    pub cache: ImageCache,
    /// `None` offline: pictures come only from the cache.
    pub fetcher: Option<Fetcher>,
}

/// How long the terminal has to say what it can draw. Every terminal
/// answers at once (the last question is one all of them answer); one that
/// does not costs this much at start, once, and gets half-blocks.
const QUERY_TIMEOUT: Duration = Duration::from_secs(1);

/// The protocol pictures are drawn with, chosen once: the terminal is asked
/// (in raw mode, before anything reads its input) unless told otherwise.
fn picker(mode: images::Mode) -> Option<Picker> {
    let asked = Instant::now();
    let picker = match mode {
        images::Mode::Off => return None,
        images::Mode::Halfblocks => Picker::halfblocks(),
        images::Mode::Auto if !outer_terminal_can_answer() => {
            tracing::info!("in a detached tmux session: no terminal to ask");
            Picker::halfblocks()
        }
        images::Mode::Auto => {
            let options = QueryStdioOptions {
                timeout: QUERY_TIMEOUT,
                ..QueryStdioOptions::default()
            };
            let picker = Picker::from_query_stdio_with_options(options).unwrap_or_else(|e| {
                tracing::info!(error = %e, "the terminal did not say what it can draw");
                Picker::halfblocks()
            });
            if asked.elapsed() >= QUERY_TIMEOUT {
                release_reader();
            }
            picker
        }
    };
    let font = picker.font_size();
    tracing::info!(
        protocol = ?picker.protocol_type(),
        font = %format!("{}×{}", font.width, font.height),
        ms = asked.elapsed().as_secs_f64() * 1000.0,
        "pictures"
    );
    Some(picker)
}

/// No answer came in time, and ratatui-image's reader is still waiting for
/// one: it would take the first key typed. A status report asked of
/// whoever is nearest (tmux answers it itself) gives it that instead, and
/// it stops; the pause lets the answer reach it before our own reader starts.
fn release_reader() {
    use std::io::Write;
    tracing::info!("no answer in time; asking for a status report to free the reader");
    let mut out = io::stdout();
    let _ = out.write_all(b"\x1b[5n").and_then(|()| out.flush());
    std::thread::sleep(Duration::from_millis(50));
}

/// Inside tmux the question goes through to the terminal outside it, which
/// answers only when a client is attached. Asking a detached session would
/// cost the whole wait at start, and the reader left waiting for an answer
/// would take the first key typed.
fn outer_terminal_can_answer() -> bool {
    let var = |name: &str| std::env::var(name).unwrap_or_default();
    if !var("TERM").starts_with("tmux") && var("TERM_PROGRAM") != "tmux" {
        return true;
    }
    if std::env::var_os("TMUX").is_none() {
        // tmux by its variables, but no way to reach its server.
        return false;
    }
    std::process::Command::new("tmux")
        .args(["display-message", "-p", "#{session_attached}"])
        .stdin(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .output()
        .ok()
        .filter(|out| out.status.success())
        .is_some_and(|out| {
            let attached = String::from_utf8_lossy(&out.stdout);
            attached.trim().parse::<u32>().is_ok_and(|n| n > 0)
        })
}

/// Runs the interactive browser until the user quits.
pub async fn run(
    store: Arc<Store>,
    keymap: Keymap,
    refresh: bool,
    source: String,
    launched: Instant,
    start_at: Option<RecordRef>,
    pictures: PictureSetup,
) -> io::Result<()> {
    // ratatui's own panic hook restores raw mode and the alternate screen;
    // ours goes in front of it to release the mouse as well.
    let mut terminal = ratatui::try_init()?;
    let _restore = Restore;
    let ratatui_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(io::stdout(), DisableMouseCapture);
        ratatui_hook(info);
    }));
    execute!(io::stdout(), EnableMouseCapture)?;

    let size = terminal.size()?;
    let mut state = State::new(
        Timestamp::now(),
        (size.width, size.height),
        store.is_offline(),
        source,
    );
    state.help_lines = ui::help::lines(&keymap).len();
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    let mut tasks = Tasks::new(store, tx);
    let opened = start_at.map(|r| state.start_at(r)).unwrap_or_default();
    for effect in state.start(refresh).into_iter().chain(opened) {
        tasks.run(effect);
    }
    // Asked while the catalog loads in the background: the answer costs the
    // first frame nothing. Its results come through the channel, read below.
    if let Some(picker) = picker(pictures.mode) {
        state.pictures = Pictures::new(true);
        tasks = tasks.with_pictures(Worker {
            picker,
            cache: pictures.cache,
            fetcher: pictures.fetcher,
            max_pixels: images::MAX_PIXELS,
            stats: Arc::default(),
        });
    }

    let mut events = EventStream::new();
    let mut tick = tokio::time::interval(TICK);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
    let mut dirty = true;
    let mut idle_ticks = 0u32;
    let mut rows_shown = false;
    let mut picture_shown = false;
    while !state.quit {
        if dirty {
            terminal.draw(|frame| ui::draw(frame, &state, &keymap))?;
            dirty = false;
            if !rows_shown && !state.rows().is_empty() {
                rows_shown = true;
                // The start-up bench reads this line.
                tracing::info!(
                    ms = launched.elapsed().as_secs_f64() * 1000.0,
                    "first frame with rows"
                );
            }
            if !picture_shown && matches!(state.pictures.current, Some((_, Shown::Ready(_)))) {
                picture_shown = true;
                // And this one.
                tracing::info!(
                    ms = launched.elapsed().as_secs_f64() * 1000.0,
                    "first frame with a picture"
                );
            }
        }
        tokio::select! {
            event = events.next() => match event {
                Some(Ok(event)) => {
                    let action = to_action(&state, &keymap, event);
                    dirty |= step(&mut state, &mut tasks, action);
                }
                Some(Err(e)) => return Err(e),
                None => break,
            },
            Some(action) = rx.recv() => dirty |= step(&mut state, &mut tasks, Some(action)),
            _ = tick.tick() => {
                idle_ticks += 1;
                if state.is_animating() || idle_ticks >= IDLE_REDRAW_TICKS {
                    idle_ticks = 0;
                    dirty = true;
                }
                dirty |= step(&mut state, &mut tasks, Some(Action::Tick(Timestamp::now())));
            }
        }
        // Whatever else is already waiting is handled before the next frame:
        // one frame per burst. Each key is mapped in the mode the previous one left.
        while let Some(Some(Ok(event))) = events.next().now_or_never() {
            let action = to_action(&state, &keymap, event);
            dirty |= step(&mut state, &mut tasks, action);
        }
        while let Ok(action) = rx.try_recv() {
            dirty |= step(&mut state, &mut tasks, Some(action));
        }
    }
    Ok(())
}

/// Applies one action and runs its effects; says whether the screen changed.
fn step(state: &mut State, tasks: &mut Tasks, action: Option<Action>) -> bool {
    let Some(action) = action else { return false };
    let redraw = !matches!(action, Action::Tick(_));
    for effect in update(state, action) {
        tasks.run(effect);
    }
    redraw
}

fn to_action(state: &State, keymap: &Keymap, event: Event) -> Option<Action> {
    match event {
        Event::Key(key) => keymap.action_for(state.mode, &key),
        Event::Mouse(mouse) => {
            let kind = match mouse.kind {
                MouseEventKind::ScrollDown => MouseKind::ScrollDown,
                MouseEventKind::ScrollUp => MouseKind::ScrollUp,
                MouseEventKind::Down(MouseButton::Left) => MouseKind::Click,
                _ => return None,
            };
            Some(Action::Mouse {
                kind,
                column: mouse.column,
                row: mouse.row,
            })
        }
        Event::Resize(w, h) => Some(Action::Resize(w, h)),
        _ => None,
    }
}
