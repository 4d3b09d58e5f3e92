//! What hangar says about one spacecraft or one flight, as a list of parts.
//! The CLI prints it as text (`output::doc_text`); the TUI draws it in a pane
//! (`ui::doc`). One place decides what is shown and how values read.

pub mod changes;
pub mod net;
pub mod next;
pub mod now;
pub mod ports;
mod records;
pub mod stats;
pub mod timeline;

pub use records::{astronaut, launch, record, station};

use crate::api::models::{positive_id, CrewMember, SpacecraftConfig};
use crate::api::{DockingEvent, Dur, Flight, Launch, RecordRef, Spacecraft};
use jiff::Timestamp;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Cuts `text` to `width` display columns, ending in `…` when cut.
pub fn truncate(text: &str, width: usize) -> String {
    let mut out = String::new();
    let mut used = 0;
    let total: usize = text.chars().map(|c| c.width().unwrap_or(0)).sum();
    if total <= width {
        return text.to_string();
    }
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    if width > 0 {
        out.push('…');
    }
    out
}

/// Columns taken by a field's label and the gap after it.
pub const LABEL_WIDTH: usize = 20;

/// Word-wraps `text` to `width` display columns (a word longer than a line is cut).
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut rows: Vec<String> = Vec::new();
    for paragraph in text.split('\n') {
        let mut row = String::new();
        for word in paragraph.split_whitespace() {
            let needed = if row.is_empty() {
                word.width()
            } else {
                row.width() + 1 + word.width()
            };
            if needed > width && !row.is_empty() {
                rows.push(std::mem::take(&mut row));
            }
            if !row.is_empty() {
                row.push(' ');
            }
            row.push_str(&truncate(word, width));
        }
        rows.push(row);
    }
    rows
}

/// Columns a field's value wraps in, beside its label.
pub fn field_room(width: u16) -> usize {
    usize::from(width).saturating_sub(LABEL_WIDTH).max(8)
}

/// Rows a description takes in a pane `width` columns wide: what
/// `ui::doc::lines` draws, counted without drawing (`update` bounds
/// scrolling with it).
pub fn height(parts: &[Part], width: u16) -> usize {
    parts
        .iter()
        .map(|part| match part {
            Part::Title(_) => 1,
            Part::Heading(_) => 2,
            Part::Fields(pairs) => pairs
                .iter()
                .map(|(_, value)| wrap(value, field_room(width)).len())
                .sum(),
            Part::Text(t) => wrap(t, usize::from(width)).len(),
            Part::Items(items) => items.iter().map(|item| item_height(item, width)).sum(),
            Part::Ports(stays, _) => ports::height(stays),
        })
        .sum()
}

fn item_height(item: &Item, width: u16) -> usize {
    wrap(&item.text, usize::from(width.saturating_sub(2))).len()
}

/// The records a description links to, in the order they are selected.
pub fn links(parts: &[Part]) -> Vec<RecordRef> {
    parts
        .iter()
        .filter_map(|p| match p {
            Part::Items(items) => Some(items.iter().filter_map(|i| i.to)),
            _ => None,
        })
        .flatten()
        .collect()
}

/// The first row of each link at `width` (as [`height`] counts rows), so
/// that `update` can scroll the selected one into view.
pub fn link_rows(parts: &[Part], width: u16) -> Vec<usize> {
    let mut rows = Vec::new();
    let mut at = 0;
    for (i, part) in parts.iter().enumerate() {
        if let Part::Items(items) = part {
            for item in items {
                if item.to.is_some() {
                    rows.push(at);
                }
                at += item_height(item, width);
            }
        } else {
            at += height(&parts[i..=i], width);
        }
    }
    rows
}

#[derive(Debug, Clone, PartialEq)]
pub enum Part {
    Title(String),
    Heading(String),
    /// Label/value pairs; empty values are already left out.
    Fields(Vec<(&'static str, String)>),
    /// A paragraph (may hold newlines).
    Text(String),
    /// One line each; those with a record to open are selectable.
    Items(Vec<Item>),
    /// Docking stays on a time axis, one row per port (see [`ports`]), up to `now`.
    Ports(Vec<ports::Stay>, Timestamp),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub text: String,
    pub to: Option<RecordRef>,
}

impl Item {
    pub fn new(text: String, to: Option<RecordRef>) -> Self {
        Item { text, to }
    }
}

pub fn dur(d: Option<Dur>) -> String {
    d.map_or_else(|| "-".to_string(), Dur::human)
}

pub fn num(n: Option<u32>) -> String {
    n.map_or_else(|| "-".to_string(), |n| n.to_string())
}

pub fn opt(s: Option<&str>) -> String {
    s.unwrap_or("-").to_string()
}

pub fn yes_no(b: Option<bool>) -> &'static str {
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

fn fields(pairs: Vec<(&'static str, String)>) -> Part {
    Part::Fields(
        pairs
            .into_iter()
            .filter(|(_, v)| !v.is_empty() && v != "-")
            .collect(),
    )
}

/// Longer texts are cut for display: a pane is redrawn every frame, and
/// nobody reads a megabyte in a terminal.
pub const TEXT_LIMIT: usize = 20_000;

fn text(out: &mut Vec<Part>, heading: &str, body: Option<&str>) {
    if let Some(body) = body {
        out.push(Part::Heading(heading.to_string()));
        out.push(Part::Text(clip(body)));
    }
}

fn clip(body: &str) -> String {
    match body.char_indices().nth(TEXT_LIMIT) {
        None => body.to_string(),
        Some((cut, _)) => format!(
            "{}… (shortened from {} characters)",
            &body[..cut],
            body.chars().count()
        ),
    }
}

/// The record as the catalog has it, and its configuration when known:
/// what the spacecraft is (its configuration, type and agency) among the
/// fields at the top, where they are read at a glance; the description,
/// however long, after them, and the rest of the configuration last.
pub fn spacecraft(s: &Spacecraft) -> Vec<Part> {
    let config = s.spacecraft_config.as_deref();
    let mut top = config.map_or_else(Vec::new, identity);
    top.extend([
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
    ]);
    let mut out = vec![
        Part::Title(format!("{} (spacecraft {})", s.name, s.id)),
        fields(top),
    ];
    text(&mut out, "Description", s.description.as_deref());
    if let Some(c) = config {
        out.extend(configuration(c));
    }
    out
}

/// The spacecraft as its detail pane says it: beside its `picture`, the
/// image credit is under the picture, not among the fields.
pub fn spacecraft_in_pane(s: &Spacecraft, picture: bool) -> Vec<Part> {
    let mut parts = spacecraft(s);
    if picture {
        for part in &mut parts {
            if let Part::Fields(fields) = part {
                fields.retain(|(label, _)| *label != "Image credit");
            }
        }
    }
    parts
}

/// What the configuration says the spacecraft is: its name, type and agency.
fn identity(c: &SpacecraftConfig) -> Vec<(&'static str, String)> {
    let agency = c.agency.as_ref().map(|a| {
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
    vec![
        ("Configuration", opt(c.name.as_deref())),
        ("Type", opt(c.kind.as_ref().and_then(|k| k.name()))),
        ("Agency", agency.unwrap_or_default()),
    ]
}

/// The rest of the configuration, after the spacecraft's description.
fn configuration(c: &SpacecraftConfig) -> Vec<Part> {
    let family: Vec<&str> = c.family.iter().filter_map(|f| f.name()).collect();
    let metres = |m: Option<f64>| m.map(|m| format!("{m} m")).unwrap_or_default();
    let kg = |m: Option<f64>| m.map(|m| format!("{m} kg")).unwrap_or_default();
    let stat = |a: Option<u32>, b: Option<u32>, c: Option<u32>| match a {
        Some(a) => format!("{a} ({} ok, {} failed)", num(b), num(c)),
        None => String::new(),
    };
    let rest = fields(vec![
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
    ]);
    // A heading over nothing (a configuration known by name only) says nothing.
    if rest == Part::Fields(vec![]) && c.capability.is_none() {
        return vec![];
    }
    let mut out = vec![
        Part::Heading(format!("Configuration: {}", opt(c.name.as_deref()))),
        rest,
    ];
    text(&mut out, "Capability", c.capability.as_deref());
    out
}

/// `at Zarya nadir: docked 2009-05-29 12:43, departed 2009-12-01 03:56 (185d 15h)`.
pub(crate) fn stay_text(e: &DockingEvent, now: Timestamp) -> String {
    let departed = if e.departure.is_some() {
        format!("departed {}", utc(e.departure))
    } else {
        "still docked".into()
    };
    format!(
        "at {}: docked {}, {departed} ({})",
        opt(e.port()),
        utc(e.docking),
        dur(e.docked_for(now)),
    )
}

fn crew(out: &mut Vec<Part>, heading: &str, crew: &[CrewMember]) {
    if crew.is_empty() {
        return;
    }
    out.push(Part::Heading(heading.to_string()));
    out.push(Part::Items(
        crew.iter()
            .map(|c| {
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
                let text = if extra.is_empty() {
                    format!("{name} — {role}")
                } else {
                    format!("{name} — {role} ({})", extra.join(", "))
                };
                let to = a.and_then(|a| a.id).map(RecordRef::Astronaut);
                Item::new(text, to)
            })
            .collect(),
    ));
}

/// What a launch not launched yet says of itself: `Planned · NET Q1 2027
/// (TBD) · in about 2 months`, `Planned · NET 2027-02-15 14:30 UTC (Go) ·
/// T-4d 02:30:00`; `None` once it has flown (or nothing says).
pub fn planned_line(l: &Launch, now: Timestamp) -> Option<String> {
    if !net::phase(l, now).is_planned() {
        return None;
    }
    let mut line = format!("Planned · {}", net::Net::of(l));
    let clock = net::countdown(l, now).to_string();
    if !clock.is_empty() {
        line.push_str(" · ");
        line.push_str(&clock);
    }
    Some(line)
}

/// When a launch is or was: the NET as far as it is known while it is
/// planned, its time otherwise.
fn launch_when(l: Option<&Launch>, at: Option<Timestamp>, now: Timestamp) -> String {
    match l {
        Some(l) if net::phase(l, now).is_planned() => net::Net::of(l).when(),
        _ => utc(at),
    }
}

/// Launch, destination, crews, docking events and landing of one flight.
pub fn flight(f: &Flight, now: Timestamp) -> Vec<Part> {
    let launch = f.launch.as_ref();
    let title = launch
        .and_then(|l| l.name.clone())
        .unwrap_or_else(|| format!("flight {}", f.id));
    let mission = launch.and_then(|l| l.mission.as_ref());
    let pad = launch.and_then(|l| l.pad.as_ref()).map(|p| {
        let location = p.location.as_ref().and_then(|l| l.name.clone());
        [p.name.clone(), location]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(", ")
    });
    let mut out = vec![Part::Title(format!("{title} (flight {})", f.id))];
    out.extend(launch.and_then(|l| planned_line(l, now)).map(Part::Text));
    out.extend([fields(vec![
        (
            "Spacecraft",
            opt(f.spacecraft.as_ref().map(|s| s.name.as_str())),
        ),
        ("Launch (UTC)", launch_when(launch, f.launch_time(), now)),
        (
            "Launch status",
            opt(launch
                .and_then(|l| l.status.as_ref())
                .and_then(|s| s.name())),
        ),
        ("Rocket", opt(launch.and_then(|l| l.rocket_name()))),
        ("Pad", pad.unwrap_or_default()),
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
    ])]);
    let mut opens = Vec::new();
    if let Some(s) = &f.spacecraft {
        opens.push(Item::new(
            format!("Spacecraft: {}", s.name),
            Some(RecordRef::Spacecraft(s.id)),
        ));
    }
    if let Some(l) = launch {
        opens.push(Item::new(
            format!("Launch: {}", opt(l.name.as_deref())),
            l.reference().map(RecordRef::Launch),
        ));
    }
    if !opens.is_empty() {
        out.push(Part::Heading("Open".into()));
        out.push(Part::Items(opens));
    }
    text(
        &mut out,
        "Mission",
        mission.and_then(|m| m.description.as_deref()),
    );
    crew(&mut out, "Launch crew", &f.launch_crew);
    crew(&mut out, "Onboard crew", &f.onboard_crew);
    crew(&mut out, "Landing crew", &f.landing_crew);
    if !f.docking_events.is_empty() {
        out.push(Part::Heading("Docking events".into()));
        out.push(Part::Items(
            f.docking_events
                .iter()
                .map(|e| {
                    let text = format!("{} {}", opt(e.target_name()), stay_text(e, now));
                    let station = e.space_station_target.as_ref().and_then(|s| s.id);
                    // An id hangar cannot keep links nowhere.
                    Item::new(text, positive_id(station).map(RecordRef::Station))
                })
                .collect(),
        ));
    }
    if let Some(l) = &f.landing {
        out.push(Part::Heading(format!("Landing: {}", l.outcome())));
        out.push(fields(vec![
            ("Type", opt(l.kind.as_ref().and_then(|k| k.name()))),
            (
                "Location",
                opt(l.landing_location.as_ref().and_then(|x| x.name.as_deref())),
            ),
        ]));
        if let Some(d) = &l.description {
            out.push(Part::Text(clip(d)));
        }
    }
    out
}
