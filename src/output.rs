//! How the non-interactive commands print records: aligned tables for people,
//! CSV and JSON for programs. Strings are already sanitised by the models;
//! widths are display widths (CJK and emoji take two columns).

use crate::api::models::CrewMember;
use crate::api::{Dur, Flight, Spacecraft};
use jiff::Timestamp;
use std::fmt::Write as _;
use unicode_width::UnicodeWidthStr;

/// Column alignment in [`table`].
#[derive(Clone, Copy, PartialEq)]
pub enum Align {
    Left,
    Right,
}

/// Aligns `rows` under `headers`, two spaces between columns, no trailing blanks.
pub fn table(headers: &[(&str, Align)], rows: &[Vec<String>]) -> String {
    let mut widths: Vec<usize> = headers.iter().map(|(h, _)| h.width()).collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.width());
        }
    }
    let mut out = String::new();
    let header_row: Vec<String> = headers.iter().map(|(h, _)| h.to_string()).collect();
    for row in std::iter::once(&header_row).chain(rows) {
        let mut line = String::new();
        for (i, cell) in row.iter().enumerate() {
            let pad = widths[i].saturating_sub(cell.width());
            if i > 0 {
                line.push_str("  ");
            }
            match headers[i].1 {
                Align::Left => {
                    line.push_str(cell);
                    line.extend(std::iter::repeat_n(' ', pad));
                }
                Align::Right => {
                    line.extend(std::iter::repeat_n(' ', pad));
                    line.push_str(cell);
                }
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

fn dur(d: Option<Dur>) -> String {
    d.map_or_else(|| "-".to_string(), Dur::human)
}

fn num(n: Option<u32>) -> String {
    n.map_or_else(|| "-".to_string(), |n| n.to_string())
}

fn opt(s: Option<&str>) -> String {
    s.unwrap_or("-").to_string()
}

fn yes_no(b: Option<bool>) -> &'static str {
    match b {
        Some(true) => "yes",
        Some(false) => "no",
        None => "-",
    }
}

/// UTC, to the minute: `1963-06-14 11:58`.
pub fn utc(t: Option<Timestamp>) -> String {
    t.map_or_else(
        || "-".to_string(),
        |t| t.strftime("%Y-%m-%d %H:%M").to_string(),
    )
}

pub fn spacecraft_table(records: &[&Spacecraft]) -> String {
    use Align::*;
    let headers = [
        ("ID", Right),
        ("NAME", Left),
        ("CONFIGURATION", Left),
        ("STATUS", Left),
        ("FLIGHTS", Right),
        ("ENDS", Right),
        ("TIME IN SPACE", Right),
        ("DOCKED", Right),
        ("NOW", Left),
    ];
    let rows: Vec<Vec<String>> = records
        .iter()
        .map(|s| {
            vec![
                s.id.to_string(),
                s.name.clone(),
                opt(s.config_name()),
                opt(s.status_name()),
                num(s.flights_count),
                num(s.mission_ends_count),
                dur(s.time_in_space),
                dur(s.time_docked),
                if s.in_space == Some(true) {
                    "in space"
                } else {
                    ""
                }
                .to_string(),
            ]
        })
        .collect();
    table(&headers, &rows)
}

pub const CSV_HEADER: [&str; 10] = [
    "id",
    "name",
    "configuration",
    "status",
    "flights_count",
    "mission_ends_count",
    "time_in_space",
    "time_docked",
    "in_space",
    "is_placeholder",
];

/// RFC 4180: durations in ISO 8601, booleans as true/false, nulls empty.
pub fn spacecraft_csv(records: &[&Spacecraft]) -> String {
    let mut out = CSV_HEADER.join(",");
    out.push_str("\r\n");
    for s in records {
        let iso = |d: Option<Dur>| d.map(Dur::to_iso).unwrap_or_default();
        let flag = |b: Option<bool>| b.map(|b| b.to_string()).unwrap_or_default();
        let count = |n: Option<u32>| n.map(|n| n.to_string()).unwrap_or_default();
        let cells = [
            s.id.to_string(),
            s.name.clone(),
            s.config_name().unwrap_or_default().to_string(),
            s.status_name().unwrap_or_default().to_string(),
            count(s.flights_count),
            count(s.mission_ends_count),
            iso(s.time_in_space),
            iso(s.time_docked),
            flag(s.in_space),
            flag(s.is_placeholder),
        ];
        let line: Vec<String> = cells.iter().map(|c| csv_field(c)).collect();
        out.push_str(&line.join(","));
        out.push_str("\r\n");
    }
    out
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// `label: value` lines, values aligned; empty values are left out.
fn fields(out: &mut String, pairs: &[(&str, String)]) {
    let width = pairs.iter().map(|(k, _)| k.width()).max().unwrap_or(0);
    for (k, v) in pairs {
        if !v.is_empty() && v != "-" {
            let _ = writeln!(out, "{k:>width$}: {v}");
        }
    }
}

fn paragraph(out: &mut String, title: &str, text: Option<&str>) {
    if let Some(text) = text {
        let _ = writeln!(out, "\n{title}:\n{text}");
    }
}

pub fn spacecraft_text(s: &Spacecraft) -> String {
    let mut out = format!("{} (spacecraft {})\n", s.name, s.id);
    fields(
        &mut out,
        &[
            ("Serial number", opt(s.serial_number.as_deref())),
            ("Status", opt(s.status_name())),
            ("In space now", yes_no(s.in_space).to_string()),
            ("Placeholder", yes_no(s.is_placeholder).to_string()),
            ("Flights", num(s.flights_count)),
            ("Mission ends", num(s.mission_ends_count)),
            ("Time in space", dur(s.time_in_space)),
            ("Time docked", dur(s.time_docked)),
            ("Fastest turnaround", dur(s.fastest_turnaround)),
            (
                "Image credit",
                opt(s.image.as_ref().and_then(|i| i.credit.as_deref())),
            ),
        ],
    );
    paragraph(&mut out, "Description", s.description.as_deref());
    if let Some(c) = &s.spacecraft_config {
        let _ = writeln!(out, "\nConfiguration: {}", opt(c.name.as_deref()));
        let agency = c.agency.as_ref();
        let agency_line = agency.map(|a| {
            let mut line = opt(a.name.as_deref());
            if let Some(ab) = &a.abbrev {
                line += &format!(" ({ab})");
            }
            let extra: Vec<String> = [
                a.kind.as_ref().and_then(|k| k.name.clone()),
                Some(a.countries()),
            ]
            .into_iter()
            .flatten()
            .filter(|s| !s.is_empty())
            .collect();
            if !extra.is_empty() {
                line += &format!(", {}", extra.join(", "));
            }
            line
        });
        let family: Vec<&str> = c.family.iter().filter_map(|f| f.name()).collect();
        let metres = |m: Option<f64>| m.map(|m| format!("{m} m")).unwrap_or_default();
        let kg = |m: Option<f64>| m.map(|m| format!("{m} kg")).unwrap_or_default();
        let stat = |a: Option<u32>, b: Option<u32>, c: Option<u32>| match a {
            Some(a) => format!("{a} ({} ok, {} failed)", num(b), num(c)),
            None => String::new(),
        };
        fields(
            &mut out,
            &[
                ("Type", opt(c.kind.as_ref().and_then(|k| k.name()))),
                ("Agency", agency_line.unwrap_or_default()),
                ("Family", family.join(", ")),
                ("In use", yes_no(c.in_use).to_string()),
                ("Human rated", yes_no(c.human_rated).to_string()),
                (
                    "Crew capacity",
                    c.crew_capacity.map(|n| n.to_string()).unwrap_or_default(),
                ),
                ("Payload capacity", kg(c.payload_capacity)),
                ("Height", metres(c.height)),
                ("Diameter", metres(c.diameter)),
                ("Maiden flight", opt(c.maiden_flight.as_deref())),
                ("Flight life", opt(c.flight_life.as_deref())),
                (
                    "Launches",
                    stat(
                        c.total_launch_count,
                        c.successful_launches,
                        c.failed_launches,
                    ),
                ),
                (
                    "Landings",
                    stat(
                        c.attempted_landings,
                        c.successful_landings,
                        c.failed_landings,
                    ),
                ),
                ("Wiki", opt(c.wiki_link.as_deref())),
            ],
        );
        paragraph(&mut out, "Capability", c.capability.as_deref());
    }
    if !s.flights.is_empty() {
        let _ = writeln!(out, "\nFlights:");
        out.push_str(&flights_table(&s.flights, Timestamp::now()));
    }
    out
}

pub fn flights_table(flights: &[Flight], now: Timestamp) -> String {
    use Align::*;
    let headers = [
        ("ID", Right),
        ("LAUNCH (UTC)", Left),
        ("NAME", Left),
        ("DESTINATION", Left),
        ("DURATION", Right),
        ("DOCKED", Right),
        ("LANDING", Left),
    ];
    let rows: Vec<Vec<String>> = flights
        .iter()
        .map(|f| {
            let docked = f.time_docked(now);
            vec![
                f.id.to_string(),
                utc(f.launch_time()),
                opt(f.launch.as_ref().and_then(|l| l.name.as_deref())),
                opt(f.destination.as_deref()),
                dur(f.duration()),
                if f.docking_events.is_empty() {
                    "-".into()
                } else {
                    docked.human()
                },
                f.landing.as_ref().map_or("-", |l| l.outcome()).to_string(),
            ]
        })
        .collect();
    table(&headers, &rows)
}

fn crew_lines(out: &mut String, title: &str, crew: &[CrewMember]) {
    if crew.is_empty() {
        return;
    }
    let _ = writeln!(out, "\n{title}:");
    for c in crew {
        let a = c.astronaut.as_ref();
        let name = opt(a.and_then(|a| a.name.as_deref()));
        let role = opt(c.role.as_ref().and_then(|r| r.role.as_deref()));
        let agency = a
            .and_then(|a| a.agency.as_ref())
            .and_then(|g| g.abbrev.clone().or(g.name.clone()));
        let nationality = a.map(|a| a.nationality.join(", ")).unwrap_or_default();
        let extra: Vec<String> = [agency, Some(nationality)]
            .into_iter()
            .flatten()
            .filter(|s| !s.is_empty())
            .collect();
        let _ = writeln!(
            out,
            "  {name} — {role}{}",
            if extra.is_empty() {
                String::new()
            } else {
                format!(" ({})", extra.join(", "))
            }
        );
    }
}

pub fn flight_text(f: &Flight, now: Timestamp) -> String {
    let launch = f.launch.as_ref();
    let title = launch
        .and_then(|l| l.name.clone())
        .unwrap_or_else(|| format!("flight {}", f.id));
    let mut out = format!("{title} (flight {})\n", f.id);
    let mission = launch.and_then(|l| l.mission.as_ref());
    let pad = launch.and_then(|l| l.pad.as_ref());
    let pad_line = pad.map(|p| {
        let loc = p.location.as_ref().and_then(|l| l.name.clone());
        [p.name.clone(), loc]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(", ")
    });
    fields(
        &mut out,
        &[
            (
                "Spacecraft",
                opt(f.spacecraft.as_ref().map(|s| s.name.as_str())),
            ),
            ("Launch (UTC)", utc(f.launch_time())),
            (
                "Launch status",
                opt(launch
                    .and_then(|l| l.status.as_ref())
                    .and_then(|s| s.name())),
            ),
            ("Rocket", opt(launch.and_then(|l| l.rocket_name()))),
            ("Pad", pad_line.unwrap_or_default()),
            ("Mission", opt(mission.and_then(|m| m.name.as_deref()))),
            ("Mission type", opt(mission.and_then(|m| m.kind.as_deref()))),
            (
                "Orbit",
                opt(mission
                    .and_then(|m| m.orbit.as_ref())
                    .and_then(|o| o.name())),
            ),
            ("Destination", opt(f.destination.as_deref())),
            ("Mission end (UTC)", utc(f.mission_end)),
            ("Duration", dur(f.duration())),
            ("Turnaround", dur(f.turn_around_time)),
        ],
    );
    paragraph(
        &mut out,
        "Mission",
        mission.and_then(|m| m.description.as_deref()),
    );
    crew_lines(&mut out, "Launch crew", &f.launch_crew);
    crew_lines(&mut out, "Onboard crew", &f.onboard_crew);
    crew_lines(&mut out, "Landing crew", &f.landing_crew);
    if !f.docking_events.is_empty() {
        let _ = writeln!(out, "\nDocking events:");
        for e in &f.docking_events {
            let _ = writeln!(
                out,
                "  {} at {}: docked {}, departed {} ({})",
                opt(e.target_name()),
                opt(e.port()),
                utc(e.docking),
                if e.departure.is_some() {
                    utc(e.departure)
                } else {
                    "still docked".into()
                },
                dur(e.docked_for(now)),
            );
        }
    }
    if let Some(l) = &f.landing {
        let _ = writeln!(out, "\nLanding: {}", l.outcome());
        fields(
            &mut out,
            &[
                ("Type", opt(l.kind.as_ref().and_then(|k| k.name()))),
                (
                    "Location",
                    opt(l.landing_location.as_ref().and_then(|x| x.name.as_deref())),
                ),
            ],
        );
        if let Some(d) = &l.description {
            let _ = writeln!(out, "{d}");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_aligns_by_display_width() {
        let t = table(
            &[("NAME", Align::Left), ("N", Align::Right)],
            &[
                vec!["神舟十号".into(), "1".into()],
                vec!["Soyuz".into(), "12".into()],
            ],
        );
        let lines: Vec<&str> = t.lines().collect();
        assert_eq!(lines[0], "NAME       N");
        assert_eq!(lines[1], "神舟十号   1");
        assert_eq!(lines[2], "Soyuz     12");
    }

    #[test]
    fn csv_quotes_what_needs_quoting() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
    }
}
