//! What flies next: every planned spacecraft flight, soonest NET first,
//! as rows (the CLI's table and JSON) and as the screen's text.

use super::net::{countdown, flight_phase, Net};
use super::{opt, Item, Part};
use crate::api::{Flight, RecordRef};
use jiff::Timestamp;

/// One planned flight, as the screen and `hangar next` show it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct NextRow {
    pub flight: u64,
    pub spacecraft: String,
    pub configuration: String,
    pub launch: String,
    /// `NET Q1 2027`: the NET as far as it is known.
    pub net: String,
    /// `T-3d 04:31:07`, `in about 2 months`, `on hold, clock stopped`, `awaiting status`.
    pub countdown: String,
    /// Go, TBD, TBC, Hold.
    pub status: String,
    pub destination: String,
    /// Who is to launch, where the flight names them.
    pub crew: Vec<String>,
}

impl NextRow {
    pub fn of(f: &Flight, now: Timestamp) -> NextRow {
        let craft = f.spacecraft.as_deref();
        let launch = f.launch.as_ref();
        let net = launch.map(Net::of);
        NextRow {
            flight: f.id,
            spacecraft: opt(craft.map(|s| s.name.as_str())),
            configuration: opt(craft.and_then(|s| s.config_name())),
            launch: opt(launch.and_then(|l| l.name.as_deref())),
            net: net.map_or_else(|| "NET unknown".into(), |n| format!("NET {}", n.when())),
            countdown: launch.map_or_else(String::new, |l| countdown(l, now).to_string()),
            status: opt(net.and_then(|n| n.status())),
            destination: opt(f.destination.as_deref()),
            crew: f
                .launch_crew
                .iter()
                .filter_map(|c| c.astronaut.as_ref()?.name.clone())
                .collect(),
        }
    }

    /// `NET Q1 2027 · TBD · in about 2 months — Endeavour (Crew Dragon) ·
    /// Falcon 9 | Crew-12 → ISS · crew: A, B`.
    pub fn line(&self) -> String {
        let mut when = vec![self.net.clone(), self.status.clone()];
        if !self.countdown.is_empty() {
            when.push(self.countdown.clone());
        }
        let craft = match self.configuration.as_str() {
            "-" => self.spacecraft.clone(),
            config => format!("{} ({config})", self.spacecraft),
        };
        let mut line = format!(
            "{} — {craft} · {} → {}",
            when.join(" · "),
            self.launch,
            self.destination
        );
        if !self.crew.is_empty() {
            line.push_str(" · crew: ");
            line.push_str(&self.crew.join(", "));
        }
        line
    }
}

/// `Next flight: Crew-12 · NET Q1 2027 · TBD`: a spacecraft's soonest
/// planned flight, for its detail.
pub fn next_flight_line(f: &Flight) -> String {
    let launch = f.launch.as_ref();
    let name = launch
        .and_then(|l| l.mission.as_ref()?.name.clone())
        .or_else(|| launch.and_then(|l| l.name.clone()))
        .unwrap_or_else(|| format!("flight {}", f.id));
    let net = launch.map(Net::of);
    let mut line = format!(
        "Next flight: {name} · NET {}",
        net.map_or_else(|| "unknown".into(), |n| n.when())
    );
    if let Some(status) = net.and_then(|n| n.status()) {
        line.push_str(" · ");
        line.push_str(status);
    }
    line
}

/// The planned flights among `flights`, soonest NET first (undated last).
pub fn planned(flights: Vec<Flight>, now: Timestamp) -> Vec<Flight> {
    let mut planned: Vec<Flight> = flights
        .into_iter()
        .filter(|f| flight_phase(f, now).is_planned())
        .collect();
    planned.sort_by_key(|f| (f.launch_time().is_none(), f.launch_time(), f.id));
    planned
}

/// Every planned flight of `flights` (soonest first, as given) as rows.
pub fn rows(flights: &[Flight], now: Timestamp) -> Vec<NextRow> {
    flights.iter().map(|f| NextRow::of(f, now)).collect()
}

/// The screen: a line per planned flight, each opening its flight.
pub fn flies_next(flights: &[Flight], loaded: bool, now: Timestamp) -> Vec<Part> {
    let mut out = vec![Part::Title(format!(
        "Flies next ({} planned flights)",
        flights.len()
    ))];
    if flights.is_empty() {
        out.push(Part::Text(
            if loaded {
                "no planned flight known: the sync and the planned launches bring them"
            } else {
                "loading the planned flights…"
            }
            .into(),
        ));
        return out;
    }
    out.push(Part::Text(
        "A countdown ticks only for a NET known to the minute with a status of Go or TBC; \
         a coarser NET says how far it is, at most."
            .into(),
    ));
    out.push(Part::Items(
        rows(flights, now)
            .into_iter()
            .map(|r| Item::new(r.line(), Some(RecordRef::Flight(r.flight))))
            .collect(),
    ));
    out
}
