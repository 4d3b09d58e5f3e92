//! `hangar stats`: the catalog's charts as tables (one section per chart)
//! or as one JSON object, from the catalog and the synced flights.

use super::output::{table, Align};
use super::*;
use crate::doc::stats::{PerYear, Stats, TOP_CONFIGURATIONS};
use crate::doc::utc;

/// `hangar stats`: costs the catalog (when it is not held fresh) and no
/// request for the flights, which come from the sync.
pub(super) async fn stats(
    store: &Store,
    format: FlightsFormat,
    out: &mut impl Write,
) -> Result<Outcome, CliError> {
    let fetched = store.catalog(progress_on_stderr()).await;
    finish_progress();
    let fetched = fetched?;
    let mut outcome = report(&fetched, store, "spacecraft");
    let (flights, sync) = store.all_synced_flights();
    let stats = doc::stats::stats(
        &fetched.value.records,
        &flights,
        sync.total,
        Timestamp::now(),
    );
    if sync.synced == 0 {
        eprintln!(
            "hangar: no flights are synced: run `hangar sync` first; these figures rest on {} flights",
            flights.len()
        );
    } else if let Some(basis) = stats.basis() {
        eprintln!("hangar: the sync is partial: figures {basis}; `hangar sync` resumes it");
    }
    if !sync.complete {
        outcome = Outcome::Incomplete;
    }
    match format {
        FlightsFormat::Json => json(out, &stats)?,
        FlightsFormat::Table => out.write_all(text(&stats).as_bytes())?,
    }
    Ok(outcome)
}

/// Every chart as a titled, aligned table.
fn text(stats: &Stats) -> String {
    use Align::*;
    // Said first, as the TUI's title says it: what every figure rests on.
    let mut out = stats
        .basis()
        .map_or(String::new(), |b| format!("Figures {b}\n"));
    let mut section = |title: String, body: String| {
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(&title);
        out.push('\n');
        out.push_str(if body.is_empty() { "(none)\n" } else { &body });
    };
    let per_year = &stats.flights_per_year;
    let undated = match per_year.undated {
        0 => String::new(),
        n => format!("; {n} without a launch date"),
    };
    for (by_agency, what) in [(false, "configuration family"), (true, "agency")] {
        section(
            format!("Flights per year by {what}{undated}"),
            years_table(per_year, by_agency),
        );
    }

    let t = &stats.time_in_space;
    let rows: Vec<Vec<String>> = t
        .configurations
        .iter()
        .map(|c| {
            vec![
                c.configuration.clone(),
                c.total.human(),
                c.flights.to_string(),
                c.spacecraft.to_string(),
            ]
        })
        .collect();
    let mut title = format!("Time in space per configuration (all: {}", t.total.human());
    if t.more > 0 {
        title += &format!("; the top {TOP_CONFIGURATIONS}, {} more", t.more);
    }
    if t.unknown > 0 {
        title += &format!(
            "; {} of unknown duration left out",
            doc::stats::counted(t.unknown as u64, "flight")
        );
    }
    title.push(')');
    section(
        title,
        body(
            &[
                ("CONFIGURATION", Left),
                ("TIME IN SPACE", Right),
                ("FLIGHTS", Right),
                ("SPACECRAFT", Right),
            ],
            &rows,
        ),
    );

    let rows: Vec<Vec<String>> = stats
        .reuse
        .configurations
        .iter()
        .map(|c| {
            vec![
                c.configuration.clone(),
                c.spacecraft.to_string(),
                c.turnarounds.to_string(),
                c.min.human(),
                c.median.human(),
                c.max.human(),
            ]
        })
        .collect();
    section(
        "Turnarounds per configuration (spacecraft flown more than once)".into(),
        body(
            &[
                ("CONFIGURATION", Left),
                ("SPACECRAFT", Right),
                ("TURNAROUNDS", Right),
                ("MIN", Right),
                ("MEDIAN", Right),
                ("MAX", Right),
            ],
            &rows,
        ),
    );
    let rows: Vec<Vec<String>> = stats
        .reuse
        .fastest
        .iter()
        .map(|t| {
            vec![
                t.spacecraft_id.to_string(),
                t.name.clone(),
                t.from_flight.to_string(),
                t.to_flight.to_string(),
                t.time.human(),
            ]
        })
        .collect();
    section(
        "Fastest turnarounds".into(),
        body(
            &[
                ("ID", Right),
                ("SPACECRAFT", Left),
                ("FROM FLIGHT", Right),
                ("TO FLIGHT", Right),
                ("TURNAROUND", Right),
            ],
            &rows,
        ),
    );

    let rows: Vec<Vec<String>> = stats
        .most_flown
        .iter()
        .map(|f| {
            vec![
                f.spacecraft_id.to_string(),
                f.name.clone(),
                f.configuration.clone(),
                f.flights.to_string(),
                doc::num(f.catalog_flights),
            ]
        })
        .collect();
    section(
        "Most-flown spacecraft (flights synced; the catalog's count)".into(),
        body(
            &[
                ("ID", Right),
                ("SPACECRAFT", Left),
                ("CONFIGURATION", Left),
                ("FLIGHTS", Right),
                ("CATALOG", Right),
            ],
            &rows,
        ),
    );

    let rows: Vec<Vec<String>> = stats
        .longest_flights
        .iter()
        .map(|f| {
            vec![
                f.flight_id.to_string(),
                f.name.clone(),
                utc(f.launch),
                f.duration.human(),
                if f.ongoing { "in flight" } else { "" }.to_string(),
            ]
        })
        .collect();
    section(
        "Longest flights".into(),
        body(
            &[
                ("FLIGHT", Right),
                ("SPACECRAFT", Left),
                ("LAUNCH (UTC)", Left),
                ("DURATION", Right),
                ("NOW", Left),
            ],
            &rows,
        ),
    );
    out
}

/// A table, or nothing when there are no rows (the section says "(none)").
fn body(headers: &[(&str, Align)], rows: &[Vec<String>]) -> String {
    if rows.is_empty() {
        String::new()
    } else {
        table(headers, rows)
    }
}

/// A row per year with a flight (the chart keeps empty years for its
/// spacing; a table needs none): its flights, then each group's.
fn years_table(per_year: &PerYear, by_agency: bool) -> String {
    let groups = per_year.groups(by_agency);
    let mut headers = vec![("YEAR", Align::Right), ("FLIGHTS", Align::Right)];
    headers.extend(groups.iter().map(|g| (g.as_str(), Align::Right)));
    let rows: Vec<Vec<String>> = per_year
        .years
        .iter()
        .filter(|y| y.flights > 0)
        .map(|y| {
            let mut row = vec![y.year.to_string(), y.flights.to_string()];
            row.extend(y.counts(by_agency).iter().map(u32::to_string));
            row
        })
        .collect();
    body(&headers, &rows)
}
