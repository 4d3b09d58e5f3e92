//! The planned flights (launch not happened) that `FakeLl2::planned` adds to
//! a fleet, and the launches `/launches/upcoming/` lists. The set is
//! described in the fleet's module doc.

use super::{astronaut_json, launch_record, BASE};
use jiff::{SignedDuration, Timestamp};
use serde_json::{json, Value};

/// The clock the planned set's NETs are written for: 2026-12-07T12:00:00Z.
pub const PLANNED_CLOCK: Timestamp = Timestamp::constant(1_796_644_800, 0);

/// `(id, name, abbrev, description)`, as LL2 names a launch's status.
type Status = (u64, &'static str, &'static str, &'static str);

const GO: Status = (
    1,
    "Go for Launch",
    "Go",
    "Current T-0 confirmed by official or reliable sources.",
);
const TBD: Status = (
    2,
    "To Be Determined",
    "TBD",
    "Current date is a 'No Earlier Than' estimation based on unreliable or interpreted sources.",
);
const HOLD: Status = (
    5,
    "On Hold",
    "Hold",
    "The launch has been paused. It can be resumed or rescheduled.",
);
const TBC: Status = (
    8,
    "To Be Confirmed",
    "TBC",
    "Awaiting official confirmation - current date is known with some certainty.",
);

/// The statuses of a launch that has not happened: what `/launches/upcoming/` lists.
pub const PLANNED_STATUSES: [u64; 4] = [GO.0, TBD.0, HOLD.0, TBC.0];

/// `(id, name, abbrev)` of a NET precision; the description says the unit.
type Precision = (u64, &'static str, &'static str, &'static str);

const SECOND: Precision = (0, "Second", "SEC", "second");
const MINUTE: Precision = (1, "Minute", "MIN", "minute");
const HOUR: Precision = (2, "Hour", "HR", "hour");
const DAY: Precision = (5, "Day", "DAY", "day");
const MONTH: Precision = (7, "Month", "M", "month");
const QUARTER_1: Precision = (8, "Quarter 1", "Q1", "first quarter");
const YEAR: Precision = (14, "Year", "Y", "year");

/// One planned flight: its id, spacecraft, launch status, NET precision,
/// NET (at [`PLANNED_CLOCK`]), destination and launch crew.
struct Planned {
    id: u64,
    spacecraft: u64,
    status: Status,
    precision: Precision,
    net: &'static str,
    destination: &'static str,
    crew: &'static [u64],
}

/// In id order, which is not NET order: the last NET has already passed.
const PLANNED: [Planned; 8] = [
    Planned {
        id: 90_001,
        spacecraft: 2,
        status: GO,
        precision: SECOND,
        net: "2026-12-10T14:30:15Z",
        destination: "International Space Station",
        crew: &[7, 12],
    },
    Planned {
        id: 90_002,
        spacecraft: 3,
        status: GO,
        precision: MINUTE,
        net: "2026-12-19T09:41:00Z",
        destination: "Tiangong",
        crew: &[],
    },
    Planned {
        id: 90_003,
        spacecraft: 7,
        status: TBC,
        precision: HOUR,
        net: "2027-01-15T18:00:00Z",
        destination: "International Space Station",
        crew: &[],
    },
    Planned {
        id: 90_004,
        spacecraft: 2,
        status: TBD,
        precision: DAY,
        net: "2027-03-02T00:00:00Z",
        destination: "International Space Station",
        crew: &[],
    },
    Planned {
        id: 90_005,
        spacecraft: 10,
        status: HOLD,
        precision: MONTH,
        net: "2027-06-01T00:00:00Z",
        destination: "Low Earth Orbit",
        crew: &[],
    },
    Planned {
        id: 90_006,
        spacecraft: 12,
        status: TBD,
        precision: QUARTER_1,
        net: "2027-01-01T00:00:00Z",
        destination: "Tiangong",
        crew: &[],
    },
    Planned {
        id: 90_007,
        spacecraft: 24,
        status: TBD,
        precision: YEAR,
        net: "2028-01-01T00:00:00Z",
        destination: "Low Earth Orbit",
        crew: &[],
    },
    Planned {
        id: 90_008,
        spacecraft: 3,
        status: GO,
        precision: MINUTE,
        net: "2026-11-01T06:15:00Z",
        destination: "International Space Station",
        crew: &[],
    },
];

/// Whether the flight's launch has not happened (a planned status).
pub fn is_planned(flight: &Value) -> bool {
    flight["launch"]["status"]["id"]
        .as_u64()
        .is_some_and(|id| PLANNED_STATUSES.contains(&id))
}

/// Appends the planned flights to `flights`, their NETs moved by `clock`
/// minus [`PLANNED_CLOCK`], and counts them in their spacecraft's
/// `flights_count` (a count of the spacecraft's flight records).
pub fn add_planned(spacecraft: &mut [Value], flights: &mut Vec<Value>, clock: Timestamp) {
    let shift: SignedDuration = clock.duration_since(PLANNED_CLOCK);
    // Flights are served in the order they are held: id order needs these last.
    let last = flights.iter().filter_map(|f| f["id"].as_u64()).max();
    assert!(
        last.is_none_or(|id| id < PLANNED[0].id),
        "planned flight ids must follow the fleet's (its last is {last:?})"
    );
    let mut crew_entry = flights
        .iter()
        .flat_map(|f| f["launch_crew"].as_array().into_iter().flatten())
        .filter_map(|m| m["id"].as_u64())
        .max()
        .unwrap_or(0);
    for p in &PLANNED {
        let craft = spacecraft
            .iter_mut()
            .find(|s| s["id"].as_u64() == Some(p.spacecraft))
            .unwrap_or_else(|| panic!("planned flights fly spacecraft {}", p.spacecraft));
        craft["flights_count"] = json!(craft["flights_count"].as_u64().unwrap_or(0) + 1);
        let own = flights
            .iter()
            .filter(|f| f["spacecraft"]["id"].as_u64() == Some(p.spacecraft))
            .count();
        let crew: Vec<Value> = p
            .crew
            .iter()
            .enumerate()
            .map(|(i, &a)| {
                crew_entry += 1;
                let (role_id, role) = if i == 0 {
                    (1, "Commander")
                } else {
                    (3, "Pilot")
                };
                json!({"id": crew_entry,
                    "role": {"id": role_id, "role": role, "priority": i},
                    "astronaut": astronaut_as_crewed(flights, a)})
            })
            .collect();
        let net: Timestamp = p.net.parse().expect("a planned NET is a time");
        let (status_id, status, abbrev, description) = p.status;
        let (precision_id, precision, precision_abbrev, unit) = p.precision;
        let (fid, craft) = (p.id, p.spacecraft);
        flights.push(json!({
            "response_mode": "detailed",
            "id": fid,
            "url": format!("{BASE}/spacecraft_flights/{fid}/"),
            "destination": p.destination,
            "mission_end": null,
            "spacecraft": {"id": craft, "name": format!("Craft {craft}"), "in_space": false},
            "launch": {
                "id": format!("00000000-0000-0000-0000-{fid:012}"),
                "name": format!("Rocket | Craft {craft} flight {}", own + 1),
                "net": (net + shift).to_string(),
                "status": {"id": status_id, "name": status, "abbrev": abbrev,
                    "description": description},
                "net_precision": {"id": precision_id, "name": precision,
                    "abbrev": precision_abbrev,
                    "description": format!("The T-0 is accurate to the {unit}.")},
            },
            "landing": null,
            "duration": null,
            "turn_around_time": null,
            "launch_crew": crew,
            "onboard_crew": [],
            "landing_crew": [],
            "docking_events": []
        }));
    }
}

/// The astronaut as the fleet's crews list them, so that the records agree;
/// as a newcomer if no flight names them.
fn astronaut_as_crewed(flights: &[Value], id: u64) -> Value {
    flights
        .iter()
        .flat_map(|f| f["launch_crew"].as_array().into_iter().flatten())
        .find(|m| m["astronaut"]["id"].as_u64() == Some(id))
        .map_or_else(|| astronaut_json(id, 0), |m| m["astronaut"].clone())
}

/// `/launches/upcoming/?mode=detailed`, in NET order: each launch not yet
/// happened, its `rocket.spacecraft_stage` every flight it carries (each
/// with its spacecraft's catalog record, whose `spacecraft_config` the
/// filter reads); only those carrying a configuration of `configs` if given.
pub fn upcoming_launches(
    spacecraft: &[Value],
    flights: &[Value],
    configs: Option<&[u64]>,
) -> Vec<Value> {
    let config_of = |f: &Value| {
        spacecraft
            .iter()
            .find(|s| s["id"] == f["spacecraft"]["id"])
            .and_then(|s| s["spacecraft_config"]["id"].as_u64())
    };
    let mut ids: Vec<&str> = Vec::new();
    for f in flights.iter().filter(|f| is_planned(f)) {
        if let Some(id) = f["launch"]["id"].as_str() {
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
    }
    let mut launches: Vec<Value> = ids
        .into_iter()
        .filter_map(|id| {
            let carried: Vec<&Value> = flights
                .iter()
                .filter(|f| f["launch"]["id"].as_str() == Some(id))
                .collect();
            let wanted = configs.is_none_or(|configs| {
                carried
                    .iter()
                    .any(|f| config_of(f).is_some_and(|c| configs.contains(&c)))
            });
            if !wanted {
                return None;
            }
            let mut launch = launch_record(flights, id)?;
            let stage: Vec<Value> = carried
                .iter()
                .map(|f| {
                    let mut stage = (*f).clone();
                    if let Some(fields) = stage.as_object_mut() {
                        fields.remove("launch");
                    }
                    if let Some(s) = spacecraft.iter().find(|s| s["id"] == f["spacecraft"]["id"]) {
                        stage["spacecraft"] = s.clone();
                    }
                    stage
                })
                .collect();
            launch["rocket"]["spacecraft_stage"] = json!(stage);
            Some(launch)
        })
        .collect();
    // NETs written alike (UTC, seconds) sort as their text does.
    launches.sort_by(|a, b| a["net"].as_str().cmp(&b["net"].as_str()));
    launches
}

/// A detailed launch as `mode=normal` gives it (`LaunchNormal`): the rocket
/// without its stages, none of the lists only the detailed mode has.
pub fn launch_normal_mode(launch: &Value) -> Value {
    let mut normal = launch.clone();
    if let Some(fields) = normal.as_object_mut() {
        for key in [
            "updates",
            "info_urls",
            "vid_urls",
            "timeline",
            "mission_patches",
        ] {
            fields.remove(key);
        }
    }
    normal["rocket"] = json!({"id": launch["rocket"]["id"],
        "configuration": launch["rocket"]["configuration"]});
    normal["response_mode"] = json!("normal");
    normal
}
