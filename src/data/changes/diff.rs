//! Comparing two copies of the catalog, or of a list of flights, and
//! saying what changed.
//!
//! A field missing on either side (`None`) is never a change: a page read
//! in another mode lacks fields the other mode has. The exceptions are
//! fields whose appearance is the event: a mission end (`Landed`) and a
//! docking event's departure (`Undocked`). For the same reason a flight's
//! lists (crews, docking events) count only where they were read: normal
//! mode sends none of them, so a flight with all four empty is taken not
//! to have them. A flight that launched since it was last seen cannot have
//! docked before, so its dockings count even then.

use super::{Change, ChangeKind};
use crate::api::models::{CrewMember, DockingEvent, Landing, Launch, Named};
use crate::api::{Dur, Flight, RecordRef, Spacecraft};
use jiff::Timestamp;
use serde_json::{json, Value};
use std::collections::{HashMap, HashSet};

/// What changed from one copy of the catalog to the next. Both must be the
/// whole catalog (or the same part of it): a spacecraft in `new` only is
/// `SpacecraftAdded`, one in `old` only `SpacecraftRemoved`. An empty `old`
/// is the first load, which has nothing to compare with: nothing is
/// recorded; so is an empty `new` (a reply gone wrong, not every spacecraft
/// removed at once).
pub fn diff_catalog(old: &[Spacecraft], new: &[Spacecraft], at: Timestamp) -> Vec<Change> {
    if new.is_empty() {
        return Vec::new();
    }
    let mut out = Vec::new();
    for (s, before) in paired(old, new, |s| s.id) {
        let about = About::new(at, RecordRef::Spacecraft(s.id), s.name.clone());
        match before {
            Some(was) => spacecraft_changes(was, s, &about, &mut out),
            None => out.push(about.change(
                ChangeKind::SpacecraftAdded,
                format!("{} added to the catalog", s.name),
                None,
                Some(summary(s)),
            )),
        }
    }
    let after: HashSet<u64> = new.iter().map(|s| s.id).collect();
    for s in once_each(old, |s| s.id).filter(|s| !after.contains(&s.id)) {
        let about = About::new(at, RecordRef::Spacecraft(s.id), s.name.clone());
        out.push(about.change(
            ChangeKind::SpacecraftRemoved,
            format!("{} removed from the catalog", s.name),
            Some(summary(s)),
            None,
        ));
    }
    out
}

/// What changed from one copy of a list of flights (a page, a spacecraft's
/// flights, one record) to the next, matched by id. A flight in `new` only
/// is `FlightAdded`; one in `old` only records nothing (it may have moved
/// to another page). An empty `old` is the first load: nothing is recorded.
pub fn diff_flights(old: &[Flight], new: &[Flight], at: Timestamp) -> Vec<Change> {
    let mut out = Vec::new();
    for (f, before) in paired(old, new, |f| f.id) {
        let about = About::new(at, RecordRef::Flight(f.id), flight_name(f));
        match before {
            Some(was) => flight_changes(was, f, &about, &mut out),
            None => {
                let launch = f.launch.as_ref();
                let net = launch.and_then(|l| l.net);
                let text = line(
                    format!("{}: flight added", about.name),
                    [mission(f), net.map(|t| format!("NET {}", when(t)))],
                );
                let new = json!({
                    "launch": launch.and_then(|l| l.name.as_deref()),
                    "net": net,
                    "status": launch.and_then(|l| l.status.as_ref()).map(abbrev),
                });
                out.push(about.change(ChangeKind::FlightAdded, text, None, Some(new)));
            }
        }
    }
    out
}

/// Each record of `new` with its copy in `old`, if it has one; none at all
/// when `old` is empty (the first load).
fn paired<'a, T>(
    old: &'a [T],
    new: &'a [T],
    id: impl Fn(&T) -> u64 + Copy,
) -> Vec<(&'a T, Option<&'a T>)> {
    if old.is_empty() {
        return Vec::new();
    }
    let before: HashMap<u64, &T> = once_each(old, id).map(|r| (id(r), r)).collect();
    once_each(new, id)
        .map(|r| (r, before.get(&id(r)).copied()))
        .collect()
}

/// The first of each id: a record twice in a list (pages fetched at
/// different times overlap) is one record, not two changes.
fn once_each<T>(list: &[T], id: impl Fn(&T) -> u64) -> impl Iterator<Item = &T> {
    let mut seen = HashSet::new();
    list.iter().filter(move |r| seen.insert(id(r)))
}

/// The parts every change of one record shares.
struct About {
    at: Timestamp,
    subject: RecordRef,
    name: String,
}

impl About {
    fn new(at: Timestamp, subject: RecordRef, name: String) -> Self {
        About { at, subject, name }
    }

    fn change(
        &self,
        kind: ChangeKind,
        text: String,
        old: Option<Value>,
        new: Option<Value>,
    ) -> Change {
        Change {
            at: self.at,
            kind,
            subject: self.subject,
            name: self.name.clone(),
            text,
            old,
            new,
        }
    }
}

fn spacecraft_changes(was: &Spacecraft, now: &Spacecraft, about: &About, out: &mut Vec<Change>) {
    if let (Some(a), Some(b)) = (&was.status, &now.status) {
        if !same(a, b) {
            let (a, b) = (label(a), label(b));
            let text = format!("{}: status {a} → {b}", about.name);
            out.push(about.change(
                ChangeKind::StatusChanged,
                text,
                Some(json!(a)),
                Some(json!(b)),
            ));
        }
    }
    if let (Some(a), Some(b)) = (was.in_space, now.in_space) {
        if a != b {
            let (kind, what) = if b {
                (ChangeKind::WentToSpace, "went to space")
            } else {
                (ChangeKind::CameBack, "came back from space")
            };
            let text = format!("{} {what}", about.name);
            out.push(about.change(kind, text, Some(json!(a)), Some(json!(b))));
        }
    }
    let counts = [
        (
            "flights_count",
            "flights",
            was.flights_count,
            now.flights_count,
        ),
        (
            "mission_ends_count",
            "mission ends",
            was.mission_ends_count,
            now.mission_ends_count,
        ),
    ];
    for (field, what, a, b) in counts {
        if let (Some(a), Some(b)) = (a, b) {
            if a != b {
                let text = format!("{}: {what} {a} → {b}", about.name);
                let (a, b) = (json!({ field: a }), json!({ field: b }));
                out.push(about.change(ChangeKind::CountChanged, text, Some(a), Some(b)));
            }
        }
    }
}

fn flight_changes(was: &Flight, now: &Flight, about: &About, out: &mut Vec<Change>) {
    if let (Some(a), Some(b)) = (&was.launch, &now.launch) {
        launch_changes(a, b, now, about, out);
    }
    let could_dock = lists_read(was) || launched(was, now);
    let events = &now.docking_events;
    // An event twice in a list is one docking.
    let once = events
        .iter()
        .enumerate()
        .filter(|(i, e)| !events[..*i].iter().any(|p| same_docking(p, e)));
    for (_, e) in once {
        match was.docking_events.iter().find(|o| same_docking(o, e)) {
            Some(w) if w.departure.is_none() => undocked(e, about, out),
            Some(_) => {}
            None if could_dock => {
                if let Some(t) = e.docking {
                    let text = format!("{} docked to {}, {}", about.name, place(e), when(t));
                    let new = docking_value(e, "docking", t);
                    out.push(about.change(ChangeKind::Docked, text, None, Some(new)));
                    undocked(e, about, out);
                }
            }
            None => {}
        }
    }
    if lists_read(was) && lists_read(now) {
        crew_changes(was, now, about, out);
    }
    if let (None, Some(t)) = (was.mission_end, now.mission_end) {
        landed(now.landing.as_ref(), t, about, out);
    }
}

/// Whether the flight went from planned to flown between the two copies.
fn launched(was: &Flight, now: &Flight) -> bool {
    let phase_of = |f: &Flight| f.launch.as_ref().and_then(phase);
    phase_of(was) == Some(Phase::Planned) && phase_of(now) == Some(Phase::Flown)
}

fn launch_changes(a: &Launch, b: &Launch, flight: &Flight, about: &About, out: &mut Vec<Change>) {
    let (Some(status_a), Some(status_b)) = (&a.status, &b.status) else {
        return;
    };
    match (phase(a), phase(b)) {
        (Some(Phase::Planned), Some(Phase::Flown)) => {
            let text = line(
                format!("{} launched", about.name),
                [mission(flight), Some(abbrev(status_b)), b.net.map(when)],
            );
            let (x, y) = (json!(abbrev(status_a)), json!(abbrev(status_b)));
            out.push(about.change(ChangeKind::Launched, text, Some(x), Some(y)));
        }
        (Some(Phase::Planned), Some(Phase::Planned)) => {
            if let (Some(x), Some(y)) = (a.net, b.net) {
                if x != y {
                    net_moved(x, y, flight, about, out);
                }
            }
        }
        _ => {}
    }
}

fn net_moved(x: Timestamp, y: Timestamp, flight: &Flight, about: &About, out: &mut Vec<Change>) {
    // Never overflows: jiff's timestamps span some 20,000 years, in seconds
    // far inside an i64; saturating all the same.
    let secs = y.duration_since(x).as_secs();
    let way = if secs < 0 { "earlier" } else { "later" };
    let by = Dur::from_secs(secs.saturating_abs());
    let head = match mission(flight) {
        Some(m) => format!("{} · {m}", about.name),
        None => about.name.clone(),
    };
    let text = format!("{head}: NET moved {by} {way}, {} → {}", when(x), when(y));
    out.push(about.change(ChangeKind::NetMoved, text, Some(json!(x)), Some(json!(y))));
}

fn undocked(e: &DockingEvent, about: &About, out: &mut Vec<Change>) {
    if let Some(t) = e.departure {
        let text = format!("{} undocked from {}, {}", about.name, place(e), when(t));
        let new = docking_value(e, "departure", t);
        out.push(about.change(ChangeKind::Undocked, text, None, Some(new)));
    }
}

fn docking_value(e: &DockingEvent, field: &str, t: Timestamp) -> Value {
    json!({
        "target": e.target_name(),
        "station": e.station_id().map(|id| RecordRef::Station(id).to_string()),
        "port": e.port(),
        field: t,
    })
}

/// The same docking: the same id, else the same target and docking time.
fn same_docking(a: &DockingEvent, b: &DockingEvent) -> bool {
    if a.id.is_some() && a.id == b.id {
        return true;
    }
    let same_target = match (a.station_id(), b.station_id()) {
        (Some(x), Some(y)) => x == y,
        _ => a.target_name() == b.target_name(),
    };
    a.docking.is_some() && a.docking == b.docking && same_target
}

/// Where it docked: "International Space Station · Harmony zenith".
fn place(e: &DockingEvent) -> String {
    match (e.target_name(), e.port()) {
        (Some(t), Some(p)) => format!("{t} · {p}"),
        (Some(one), None) | (None, Some(one)) => one.to_string(),
        (None, None) => "an unnamed target".to_string(),
    }
}

fn crew_changes(was: &Flight, now: &Flight, about: &About, out: &mut Vec<Change>) {
    let key = |c: &CrewMember| {
        let a = c.astronaut.as_ref()?;
        a.id.map(|id| id.to_string()).or_else(|| a.name.clone())
    };
    let keys = |f: &Flight| {
        let mut k: Vec<String> = f.launch_crew.iter().filter_map(key).collect();
        k.sort();
        k
    };
    if keys(was) == keys(now) {
        return;
    }
    let names = |f: &Flight| -> Vec<String> {
        let name = |c: &CrewMember| c.astronaut.as_ref()?.name.clone();
        f.launch_crew.iter().filter_map(name).collect()
    };
    let (a, b) = (names(was), names(now));
    let text = if a.is_empty() {
        format!("{}: crew assigned: {}", about.name, b.join(", "))
    } else if b.is_empty() {
        format!("{}: crew removed (was {})", about.name, a.join(", "))
    } else {
        format!(
            "{}: crew now {} (was {})",
            about.name,
            b.join(", "),
            a.join(", ")
        )
    };
    out.push(about.change(
        ChangeKind::CrewChanged,
        text,
        Some(json!(a)),
        Some(json!(b)),
    ));
}

fn landed(landing: Option<&Landing>, t: Timestamp, about: &About, out: &mut Vec<Change>) {
    let outcome = landing.map_or("unknown", Landing::outcome);
    let location = landing.and_then(|l| l.landing_location.as_ref()?.name.clone());
    let at_where = location
        .as_ref()
        .map(|l| format!(" at {l}"))
        .unwrap_or_default();
    let text = match outcome {
        "success" | "failure" => {
            format!("{} landed, {} · {outcome}{at_where}", about.name, when(t))
        }
        "no attempt" => format!(
            "{}: mission ended, {} · no landing attempt",
            about.name,
            when(t)
        ),
        _ => format!("{}: mission ended, {}", about.name, when(t)),
    };
    let new = json!({ "mission_end": t, "outcome": outcome, "location": location });
    out.push(about.change(ChangeKind::Landed, text, None, Some(new)));
}

/// Whether the flight's crews and docking events were read: normal mode
/// sends none of the four lists, detailed mode all of them.
fn lists_read(f: &Flight) -> bool {
    !(f.launch_crew.is_empty()
        && f.onboard_crew.is_empty()
        && f.landing_crew.is_empty()
        && f.docking_events.is_empty())
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Phase {
    Planned,
    Flown,
}

/// Planned or flown, by the status's id (LL2's: 1 Go, 2 TBD, 3 Success,
/// 4 Failure, 5 Hold, 6 In Flight, 7 Partial Failure, 8 TBC), else its
/// abbreviation. Other statuses are neither.
fn phase(launch: &Launch) -> Option<Phase> {
    let status = launch.status.as_ref()?;
    match status.id {
        Some(1 | 2 | 5 | 8) => return Some(Phase::Planned),
        Some(3 | 4 | 6 | 7) => return Some(Phase::Flown),
        _ => {}
    }
    match status.abbrev.as_deref()? {
        "Go" | "TBD" | "TBC" | "Hold" => Some(Phase::Planned),
        "Success" | "Failure" | "Partial Failure" | "In Flight" => Some(Phase::Flown),
        _ => None,
    }
}

/// The same status: by id where both have one, else by name and abbreviation.
fn same(a: &Named, b: &Named) -> bool {
    match (a.id, b.id) {
        (Some(x), Some(y)) => x == y,
        _ => a.name == b.name && a.abbrev == b.abbrev,
    }
}

/// A status for people: its name ("Active"), else its abbreviation or id.
fn label(n: &Named) -> String {
    n.name
        .clone()
        .or_else(|| n.abbrev.clone())
        .unwrap_or_else(|| id_text(n))
}

/// A launch status for people: its abbreviation ("Success"), else its name or id.
fn abbrev(n: &Named) -> String {
    n.abbrev
        .clone()
        .or_else(|| n.name.clone())
        .unwrap_or_else(|| id_text(n))
}

fn id_text(n: &Named) -> String {
    n.id.map_or_else(|| "unknown".to_string(), |id| format!("status {id}"))
}

fn summary(s: &Spacecraft) -> Value {
    json!({ "config": s.config_name(), "status": s.status_name() })
}

/// What a flight's changes are about: its spacecraft ("Crew Dragon Grace").
fn flight_name(f: &Flight) -> String {
    let spacecraft = f.spacecraft.as_ref().map(|s| s.name.as_str());
    spacecraft
        .filter(|n| !n.is_empty())
        .or_else(|| f.launch.as_ref()?.name.as_deref())
        .map_or_else(|| format!("flight {}", f.id), str::to_string)
}

/// The flight's mission, else its launch's name.
fn mission(f: &Flight) -> Option<String> {
    let launch = f.launch.as_ref()?;
    let mission = launch.mission.as_ref().and_then(|m| m.name.as_deref());
    mission.or(launch.name.as_deref()).map(str::to_string)
}

/// `head, part, part` with the missing parts left out.
fn line<const N: usize>(head: String, parts: [Option<String>; N]) -> String {
    parts.into_iter().flatten().fold(head, |l, p| l + ", " + &p)
}

/// A time in UTC to the minute; one jiff cannot write (none should) in full.
fn when(t: Timestamp) -> String {
    jiff::fmt::strtime::format("%Y-%m-%d %H:%M", t).unwrap_or_else(|_| t.to_string())
}
