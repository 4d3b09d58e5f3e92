//! `hangar sync`: the catalog and every flight, as background work, with a
//! progress bar; through as many budget windows as it takes with `--wait`.

use super::*;

/// `hangar sync`: the catalog, then every flight, as background work; with
/// `wait`, through as many budget windows as it takes.
pub(super) async fn sync(
    store: &Store,
    wait: bool,
    out: &mut impl Write,
) -> Result<Outcome, CliError> {
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

pub(super) fn count_text(count: Option<u64>) -> String {
    count.map_or("?".to_string(), |c| c.to_string())
}
