//! The title bar, the notice line, the search line and the status line.

use super::theme;
use crate::api::error::{clock_time, human_wait};
use crate::app::{Level, Mode, State};
use crate::search::fuzzy::SearchMode;
use crate::ui::keys::{Hinted, Keymap};
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;
use unicode_width::UnicodeWidthStr;

const SPINNER: [&str; 10] = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

pub fn draw_title(frame: &mut Frame, area: Rect, state: &State) {
    let mut spans = vec![
        Span::styled(" hangar ", theme::title().add_modifier(Modifier::REVERSED)),
        Span::raw(" "),
    ];
    // The newest places matter most: older ones give way to "…" when the
    // path is wider than the bar.
    let crumbs: Vec<String> = state
        .breadcrumb()
        .iter()
        .map(|c| crate::doc::truncate(c, 30))
        .collect();
    let room = usize::from(area.width).saturating_sub(10 + state.net.source.width());
    let mut first = 0;
    while first + 1 < crumbs.len()
        && crumbs[first..].iter().map(|c| c.width() + 3).sum::<usize>() > room
    {
        first += 1;
    }
    if first > 0 {
        spans.push(Span::styled("… › ", theme::dim()));
    }
    for (i, crumb) in crumbs.into_iter().skip(first).enumerate() {
        if i > 0 {
            spans.push(Span::styled(" › ", theme::dim()));
        }
        spans.push(Span::raw(crumb));
    }
    // What is left of the bar, for the source: cut with `…`, never mid-version unmarked.
    let used: usize = spans.iter().map(|s| s.content.width()).sum();
    let left = usize::from(area.width).saturating_sub(used + 2);
    if left > 0 {
        spans.push(Span::styled(
            format!("  {}", crate::doc::truncate(&state.net.source, left)),
            theme::dim(),
        ));
    }
    let title = Line::from(spans);
    frame.render_widget(Paragraph::new(title), area);
}

pub fn draw_notice(frame: &mut Frame, area: Rect, state: &State) {
    let Some(notice) = &state.notice else { return };
    let (mark, style) = match notice.level {
        Level::Info => ("ℹ", theme::dim()),
        Level::Warning => ("⚠", theme::warning()),
        Level::Error => ("✖", theme::error()),
    };
    frame.render_widget(
        Paragraph::new(Line::styled(format!(" {mark} {}", notice.text), style)),
        area,
    );
}

pub fn draw_search(frame: &mut Frame, area: Rect, state: &State, keymap: &Keymap) {
    let editing = state.mode == Mode::Search;
    let mode = state.search_mode();
    let mut spans = vec![
        Span::styled(format!(" {} ", mode.mark()), theme::label()),
        Span::raw(state.list.search.clone()),
    ];
    if editing {
        spans.push(Span::styled("▏", theme::label()));
        let hint = keymap.hints(Hinted::SearchLine {
            fuzzy: mode == SearchMode::Fuzzy,
        });
        spans.push(Span::styled(format!("   {hint}"), theme::dim()));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// Counts, loading progress, data origin, ordering, filters, budget.
pub fn status_text(state: &State) -> Vec<Span<'static>> {
    let shown = state.rows().len();
    let loaded = state.list.catalog.len();
    let mut parts: Vec<Span> = Vec::new();
    let counts = match state.net.count {
        Some(c) if c != loaded as u64 => format!("{shown} of {loaded} loaded ({c} in API)"),
        _ => format!("{shown} of {loaded}"),
    };
    parts.push(Span::styled(counts, theme::title()));
    let new = state.inbox.unread();
    if new > 0 {
        parts.push(Span::styled(format!("{new} new"), theme::label()));
    }
    if let Some((done, total)) = state.net.loading {
        let spin = SPINNER[state.net.spinner % SPINNER.len()];
        let progress = if total > 0 {
            format!("{spin} loading {done}/{total} pages")
        } else {
            format!("{spin} loading")
        };
        parts.push(Span::styled(progress, theme::label()));
    }
    if let Some(origin) = state.net.origin {
        parts.push(Span::raw(origin.describe(state.now)));
    }
    let order = state.order();
    parts.push(Span::raw(format!(
        "order: {} {}",
        order.field.api_name(),
        if order.descending { "↓" } else { "↑" }
    )));
    if !state.list.search.is_empty() && state.mode != Mode::Search {
        let what = match state.search_mode() {
            SearchMode::Exact => "search",
            SearchMode::Fuzzy => "fuzzy",
        };
        parts.push(Span::raw(format!("{what}: \"{}\"", state.list.search)));
    }
    for f in state.list.filters.describe() {
        parts.push(Span::raw(f));
    }
    if let Some(text) = budget_text(state) {
        parts.push(Span::raw(text));
    }
    if let Some(text) = sync_text(state) {
        parts.push(Span::raw(text));
    }
    let mut out = vec![Span::raw(" ")];
    for (i, p) in parts.into_iter().enumerate() {
        if i > 0 {
            out.push(Span::styled(" · ", theme::dim()));
        }
        out.push(p);
    }
    out
}

/// `budget 6/15 · +1 in 12 min`: requests left of the window's, and when
/// the next frees; `via mirror` first when the API is a hangar mirror (its
/// budget, unless it limits no one, is then the mirror's).
pub fn budget_text(state: &State) -> Option<String> {
    let b = state.net.budget.as_ref()?;
    let wait = |t: jiff::Timestamp| {
        human_wait(std::time::Duration::try_from(t.duration_since(state.now)).unwrap_or_default())
    };
    let via = b.via_mirror.then_some("via mirror");
    let mut text = match (b.remaining(), b.limit) {
        (_, Some(limit)) if via.is_some() && limit >= crate::api::ledger::UNLIMITED => {
            return via.map(String::from)
        }
        (Some(left), Some(limit)) => format!("budget {left}/{limit}"),
        _ if b.used > 0 => format!("{} requests used", b.used),
        _ => return via.map(String::from),
    };
    if let Some(via) = via {
        text = format!("{via} · {text}");
    }
    if let Some(blocked) = b.blocked_until.filter(|t| *t > state.now) {
        text.push_str(&format!(" · throttled {}", wait(blocked)));
    } else if let Some(next) = b.next_free.filter(|t| *t > state.now && b.limit.is_some()) {
        text.push_str(&format!(" · +1 in {}", wait(next)));
    }
    Some(text)
}

/// `flights 640/1218`: how far the sync of every flight is.
pub fn sync_text(state: &State) -> Option<String> {
    let (have, total) = state.net.sync.flights?;
    let total = total.map_or("?".to_string(), |t| t.to_string());
    let mut text = format!("flights {have}/{total}");
    if let Some(at) = state.net.sync.resume_at.filter(|_| !state.net.sync.running) {
        text.push_str(&format!(" (more at {})", clock_time(at)));
    }
    Some(text)
}

pub fn draw_status(frame: &mut Frame, area: Rect, state: &State, keymap: &Keymap) {
    let help = format!(" {} ", keymap.hints(Hinted::Status));
    let help_width =
        u16::try_from(unicode_width::UnicodeWidthStr::width(help.as_str())).unwrap_or(0);
    let width = area.width.saturating_sub(help_width);
    frame.render_widget(
        Paragraph::new(Line::from(status_text(state))),
        Rect { width, ..area },
    );
    frame.render_widget(
        Paragraph::new(Line::styled(help, theme::dim())),
        Rect {
            x: area.x + width,
            width: area.width - width,
            ..area
        },
    );
}
