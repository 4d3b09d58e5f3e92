//! How the non-interactive commands print records: aligned tables for people,
//! CSV and JSON for programs. Strings are already sanitised by the models;
//! widths are display widths (CJK and emoji take two columns).

use crate::api::{DockingEvent, Dur, Flight, Spacecraft};
use crate::doc::{dur, num, opt, utc, Part};
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
                // A planned flight's NET as far as it is known.
                match &f.launch {
                    Some(l) if crate::doc::net::phase(l, now).is_planned() => {
                        format!("NET {}", crate::doc::net::Net::of(l).when())
                    }
                    _ => utc(f.launch_time()),
                },
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

/// What changed, one row each, newest first.
pub fn changes_table(changes: &[&crate::data::changes::Change]) -> String {
    use Align::*;
    let headers = [
        ("WHEN (UTC)", Left),
        ("KIND", Left),
        ("SUBJECT", Left),
        ("WHAT", Left),
    ];
    let rows: Vec<Vec<String>> = changes
        .iter()
        .map(|c| {
            vec![
                c.at.strftime("%Y-%m-%d %H:%M").to_string(),
                serde_json::to_value(c.kind)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_string))
                    .unwrap_or_default(),
                c.subject.to_string(),
                c.text.clone(),
            ]
        })
        .collect();
    table(&headers, &rows)
}

/// What flies next, one row per planned flight, soonest first.
pub fn next_table(rows: &[crate::doc::next::NextRow]) -> String {
    use Align::*;
    let headers = [
        ("FLIGHT", Right),
        ("NET", Left),
        ("STATUS", Left),
        ("COUNTDOWN", Left),
        ("SPACECRAFT", Left),
        ("CONFIGURATION", Left),
        ("LAUNCH", Left),
        ("DESTINATION", Left),
        ("CREW", Left),
    ];
    let rows: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            vec![
                r.flight.to_string(),
                r.net.clone(),
                r.status.clone(),
                r.countdown.clone(),
                r.spacecraft.clone(),
                r.configuration.clone(),
                r.launch.clone(),
                r.destination.clone(),
                if r.crew.is_empty() {
                    "-".into()
                } else {
                    r.crew.join(", ")
                },
            ]
        })
        .collect();
    table(&headers, &rows)
}

/// Who is in space now, one row each, longest up first.
pub fn aloft_table(rows: &[crate::doc::now::Aloft], now: Timestamp) -> String {
    use Align::*;
    let headers = [
        ("ID", Right),
        ("SPACECRAFT", Left),
        ("FLIGHT", Right),
        ("LAUNCH (UTC)", Left),
        ("ELAPSED", Right),
        ("DOCKED", Left),
        ("CREW", Left),
    ];
    let rows: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            let docked = r.docked.as_ref().map_or_else(
                || "-".to_string(),
                |d| match &d.port {
                    Some(p) => format!("{} · {p} since {}", d.station, utc(d.since)),
                    None => format!("{} since {}", d.station, utc(d.since)),
                },
            );
            vec![
                r.spacecraft.to_string(),
                r.name.clone(),
                r.flight.map_or_else(|| "-".into(), |f| f.to_string()),
                utc(r.launch),
                r.elapsed(now)
                    .map_or_else(|| "-".into(), crate::doc::now::met),
                docked,
                if r.crew.is_empty() {
                    "-".into()
                } else {
                    r.crew.join(", ")
                },
            ]
        })
        .collect();
    table(&headers, &rows)
}

/// A station's docking events, one row each, with the visiting flight's id.
pub fn dockings_table(events: &[DockingEvent], now: Timestamp) -> String {
    use Align::*;
    let headers = [
        ("ID", Right),
        ("DOCKED (UTC)", Left),
        ("DEPARTED (UTC)", Left),
        ("DURATION", Right),
        ("PORT", Left),
        ("VISITOR", Left),
        ("FLIGHT", Right),
    ];
    let rows: Vec<Vec<String>> = events
        .iter()
        .map(|e| {
            vec![
                e.id.map_or_else(|| "-".into(), |id| id.to_string()),
                utc(e.docking),
                if e.departure.is_some() {
                    utc(e.departure)
                } else {
                    "still docked".into()
                },
                dur(e.docked_for(now)),
                opt(e.port()),
                opt(e.chaser_name()),
                e.chaser_flight_id()
                    .map_or_else(|| "-".into(), |id| id.to_string()),
            ]
        })
        .collect();
    table(&headers, &rows)
}

/// A document as plain text: `label: value` lines aligned per group.
pub fn doc_text(parts: &[Part]) -> String {
    let mut out = String::new();
    for part in parts {
        match part {
            Part::Title(t) | Part::Text(t) => {
                let _ = writeln!(out, "{t}");
            }
            Part::Heading(h) => {
                let _ = writeln!(out, "\n{h}:");
            }
            Part::Fields(pairs) => {
                let width = pairs.iter().map(|(k, _)| k.width()).max().unwrap_or(0);
                for (k, v) in pairs {
                    let _ = writeln!(out, "{k:>width$}: {v}");
                }
            }
            Part::Ports(stays, now) => {
                for row in crate::doc::ports::text(stays, 100, *now) {
                    let _ = writeln!(out, "  {row}");
                }
            }
            Part::Items(items) => {
                // The reference tells a script what `hangar open` takes.
                for item in items {
                    let _ = match item.to {
                        Some(to) => writeln!(out, "  {}  [{to}]", item.text),
                        None => writeln!(out, "  {}", item.text),
                    };
                }
            }
        }
    }
    out
}

/// Pretty JSON for scripts. The values are the API's; characters a terminal
/// could act on (C1 controls, bidi marks) are written as `\uXXXX` escapes,
/// which any JSON reader turns back into the same text.
pub fn write_json<W: std::io::Write, T: serde::Serialize + ?Sized>(
    out: W,
    value: &T,
) -> std::io::Result<()> {
    let formatter = InertFormatter(serde_json::ser::PrettyFormatter::new());
    let mut serializer = serde_json::Serializer::with_formatter(out, formatter);
    value
        .serialize(&mut serializer)
        .map_err(std::io::Error::other)
}

struct InertFormatter<'a>(serde_json::ser::PrettyFormatter<'a>);

impl serde_json::ser::Formatter for InertFormatter<'_> {
    fn write_string_fragment<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        let mut start = 0;
        for (i, c) in fragment.char_indices() {
            if crate::api::sanitize::is_dropped(c) {
                writer.write_all(&fragment.as_bytes()[start..i])?;
                // Every such character is in the Basic Multilingual Plane.
                write!(writer, "\\u{:04x}", u32::from(c))?;
                start = i + c.len_utf8();
            }
        }
        writer.write_all(&fragment.as_bytes()[start..])
    }

    fn begin_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_array(w)
    }

    fn end_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_array(w)
    }

    fn begin_array_value<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.0.begin_array_value(w, first)
    }

    fn end_array_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_array_value(w)
    }

    fn begin_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_object(w)
    }

    fn end_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object(w)
    }

    fn begin_object_key<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.0.begin_object_key(w, first)
    }

    fn begin_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_object_value(w)
    }

    fn end_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object_value(w)
    }
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

    #[test]
    fn json_keeps_the_text_and_escapes_what_a_terminal_acts_on() {
        let value = serde_json::json!({"name": "a\u{9b}31m\u{202e}b ü 神 \u{1b}[2J"});
        let mut out = Vec::new();
        write_json(&mut out, &value).unwrap();
        let text = String::from_utf8(out).unwrap();
        let acted_on = |c: char| c != '\n' && crate::api::sanitize::is_dropped(c);
        assert!(!text.chars().any(acted_on), "{text:?}");
        assert!(
            text.contains("a\\u009b31m\\u202eb ü 神 \\u001b[2J"),
            "{text}"
        );
        let back: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back, value, "the same value");
    }
}
