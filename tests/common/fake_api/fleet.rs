//! The fake API's catalog: spacecraft, their flights, and the records read
//! from the flights (astronauts, stations, docking events, launches), so that
//! every record agrees with the flights it is read from.
//!
//! - Spacecraft `id` has `id % 5` flights: 603 spacecraft have 1,206 flights.
//! - Every third flight has a crew of two (three on every sixth) out of
//!   astronauts 1..=40, the same crew launching and landing: in 603
//!   spacecraft's flights each astronaut flies some twenty-five times.
//! - Every fourth flight docks once: at station 4 (International Space
//!   Station) if its id is a multiple of 8, else at station 18 (Tiangong),
//!   a day after launch, at one of the station's ports in turn, leaving a
//!   day later; the last docking at each station has not left yet.
//! - Each flight has a launch of its own, `00000000-0000-0000-0000-{id:012}`.
//!
//! Planned flights, only with `FakeLl2::planned()` (see [`planned`]): eight
//! flights whose launch has not happened, after the fleet's flights in id
//! order, on spacecraft of the fleet (whose `flights_count` counts them). A
//! spacecraft's `spacecraft_config.id` is its id modulo 30, so for these its
//! id. No `mission_end`, landing, duration, landing crew or docking events.
//! Each launch has a `status` (Go for Launch "Go" 1, To Be Determined "TBD"
//! 2, On Hold "Hold" 5, To Be Confirmed "TBC" 8) and a `net_precision`
//! (Second "SEC" 0, Minute "MIN" 1, Hour "HR" 2, Day "DAY" 5, Month "M" 7,
//! Quarter 1 "Q1" 8, Year "Y" 14); the fleet's launches have neither but
//! in `/launches/{id}/`, which says Launch Successful, Second. NETs as
//! written for [`PLANNED_CLOCK`] (2026-12-07T12:00:00Z); `planned_at(clock)`
//! moves them all by `clock - PLANNED_CLOCK`.
//!
//! | flight | craft | status   | precision     | NET                  | crew   |
//! |--------|-------|----------|---------------|----------------------|--------|
//! | 90001  | 2     | Go (1)   | Second (0)    | 2026-12-10T14:30:15Z | 7, 12  |
//! | 90002  | 3     | Go (1)   | Minute (1)    | 2026-12-19T09:41:00Z |        |
//! | 90003  | 7     | TBC (8)  | Hour (2)      | 2027-01-15T18:00:00Z |        |
//! | 90004  | 2     | TBD (2)  | Day (5)       | 2027-03-02T00:00:00Z |        |
//! | 90005  | 10    | Hold (5) | Month (7)     | 2027-06-01T00:00:00Z |        |
//! | 90006  | 12    | TBD (2)  | Quarter 1 (8) | 2027-01-01T00:00:00Z |        |
//! | 90007  | 24    | TBD (2)  | Year (14)     | 2028-01-01T00:00:00Z |        |
//! | 90008  | 3     | Go (1)   | Minute (1)    | 2026-11-01T06:15:00Z |        |
//!
//! 90008's NET has passed unreported: still Go, still upcoming. 90001's
//! crew (commander 7, pilot 12) are the fleet's astronaut records, so
//! `/astronauts/7/` lists the planned launch among its flights (but not as
//! its first or last flight, which are flights flown). Spacecraft 10 has no
//! flight but its planned one. `/launches/upcoming/` lists these launches
//! (a status among Go, TBD, Hold, TBC) and nothing of the default fleet.
//!
//! [`move_on`] moves such a world to a later one (a spacecraft added, a
//! status changed, a launch, a docking, an undocking, a landing, a NET slip,
//! a crew named) and says which changes the change log must find.

mod later;
mod planned;

#[allow(unused_imports)] // only the change log's tests use it
pub use later::*;
pub use planned::*;

use serde_json::{json, Value};

const BASE: &str = "https://ll.thespacedevs.com/2.3.0";

/// Astronauts 1..=ASTRONAUTS fly.
pub const ASTRONAUTS: u64 = 40;

/// A station flights dock at.
pub struct Station {
    pub id: u64,
    pub name: &'static str,
    pub founded: &'static str,
    /// Port ids and names.
    pub ports: &'static [(u64, &'static str)],
}

pub const STATIONS: [Station; 2] = [
    Station {
        id: 4,
        name: "International Space Station",
        founded: "1998-11-20",
        ports: &[
            (101, "Harmony forward"),
            (102, "Harmony zenith"),
            (103, "Zvezda aft"),
            (104, "Poisk zenith"),
        ],
    },
    Station {
        id: 18,
        name: "Tiangong",
        founded: "2021-04-29",
        ports: &[
            (201, "Tianhe forward"),
            (202, "Tianhe aft"),
            (203, "Tianhe nadir"),
        ],
    },
];

const DAY: i64 = 86_400;

fn time(secs: i64) -> String {
    jiff::Timestamp::from_second(secs).unwrap().to_string()
}

/// The flight's crew: two or three astronauts, or none.
fn crew_ids(fid: u64) -> Vec<u64> {
    if !fid.is_multiple_of(3) {
        return Vec::new();
    }
    let size = if fid.is_multiple_of(6) { 3 } else { 2 };
    let mut ids = vec![fid % ASTRONAUTS + 1];
    // Steps of 11 visit every astronaut (11 and 40 share no factor).
    let mut k = fid * 7 + 3;
    while ids.len() < size {
        let next = k % ASTRONAUTS + 1;
        if !ids.contains(&next) {
            ids.push(next);
        }
        k += 11;
    }
    ids
}

/// The station a flight docks at, if it docks.
fn station_of(fid: u64) -> Option<usize> {
    fid.is_multiple_of(4)
        .then_some(if fid.is_multiple_of(8) { 0 } else { 1 })
}

fn agency(id: u64) -> Value {
    if id.is_multiple_of(2) {
        json!({"response_mode": "list", "id": 44, "url": format!("{BASE}/agencies/44/"),
            "name": "National Aeronautics and Space Administration", "abbrev": "NASA",
            "type": {"id": 1, "name": "Government"}})
    } else {
        json!({"response_mode": "list", "id": 63, "url": format!("{BASE}/agencies/63/"),
            "name": "Russian Federal Space Agency (ROSCOSMOS)", "abbrev": "RFSA",
            "type": {"id": 1, "name": "Government"}})
    }
}

/// An astronaut as a crew lists them: fewer fields than the schema's
/// `AstronautDetailed`, so that the sync's pages stay near the size the
/// end-to-end test's timing was set for (its selection rests on spacecraft
/// 1 for 500 ms before fetching flights the sync has not brought yet).
fn astronaut_json(id: u64, flights: usize) -> Value {
    let (country, nationality) = if id.is_multiple_of(2) {
        ("United States of America", "American")
    } else {
        ("Russia", "Russian")
    };
    json!({
        "id": id,
        "name": format!("Astronaut {id}"),
        "status": {"id": 1, "name": "Active"},
        "agency": {"id": agency(id)["id"], "abbrev": agency(id)["abbrev"]},
        "type": {"id": 2, "name": "Government"},
        "time_in_space": format!("P{}D", 3 * flights),
        "nationality": [{"name": country, "nationality_name": nationality}]
    })
}

/// The rest of an astronaut's record, which `/astronauts/{id}/` adds.
fn astronaut_details(id: u64, record: &mut Value, launched: &[Value]) {
    for (key, value) in [
        ("url", json!(format!("{BASE}/astronauts/{id}/"))),
        ("agency", agency(id)),
        ("image", Value::Null),
        ("in_space", json!(false)),
        ("eva_time", json!("P0D")),
        ("age", json!(30 + id % 30)),
        (
            "date_of_birth",
            json!(format!("{}-0{}-1{}", 1960 + id % 30, 1 + id % 9, id % 10)),
        ),
        ("date_of_death", Value::Null),
        ("bio", json!("A synthetic astronaut.")),
        ("wiki", Value::Null),
        (
            "first_flight",
            launched.first().map_or(Value::Null, |l| l["net"].clone()),
        ),
        (
            "last_flight",
            launched.last().map_or(Value::Null, |l| l["net"].clone()),
        ),
        ("social_media_links", json!([])),
    ] {
        record[key] = value;
    }
}

fn station_mini(s: usize) -> Value {
    let Station { id, name, .. } = STATIONS[s];
    json!({"id": id, "url": format!("{BASE}/space_stations/{id}/"), "name": name, "image": null})
}

/// A station as a docking event's target names it (`SpaceStationNormal`).
fn station_normal(s: usize) -> Value {
    let founded = STATIONS[s].founded;
    let mut station = station_mini(s);
    for (key, value) in [
        ("status", json!({"id": 1, "name": "Active"})),
        ("founded", json!(founded)),
        ("deorbited", Value::Null),
        ("description", json!("A synthetic space station.")),
        ("orbit", json!("Low Earth Orbit")),
        ("type", json!({"id": 1, "name": "Government"})),
    ] {
        station[key] = value;
    }
    station
}

/// Spacecraft 1..=n and their flights, with crews and docking events.
pub fn fleet(n: u64) -> (Vec<Value>, Vec<Value>) {
    let mut spacecraft = Vec::new();
    // (flight id, spacecraft id, flight number of the spacecraft)
    let mut plan = Vec::new();
    for id in 1..=n {
        let mut s = super::super::spacecraft_json(id, &format!("Craft {id}"), "Soyuz MS");
        s["flights_count"] = json!(id % 5);
        s["in_space"] = json!(false);
        for k in 0..id % 5 {
            plan.push((plan.len() as u64 + 1, id, k + 1));
        }
        spacecraft.push(s);
    }
    let launched = |fid: u64| 946_684_800 + ((fid * 3) % 20_000) as i64 * DAY;
    // Flights per astronaut: three days in space each.
    let mut flown = vec![0; ASTRONAUTS as usize + 1];
    for &(fid, ..) in &plan {
        for a in crew_ids(fid) {
            flown[a as usize] += 1;
        }
    }
    // The latest docking at each station has not left yet.
    let mut last_docking: [Option<(i64, u64)>; 2] = [None, None];
    for &(fid, ..) in &plan {
        if let Some(s) = station_of(fid) {
            let docked = launched(fid) + DAY;
            if last_docking[s].is_none_or(|(t, _)| docked >= t) {
                last_docking[s] = Some((docked, fid));
            }
        }
    }
    let mut crew_entry = 0;
    let mut dockings = [0usize; 2];
    let mut docking_id = 0;
    let flights = plan
        .iter()
        .map(|&(fid, id, k)| {
            let net = launched(fid);
            let crew: Vec<Value> = crew_ids(fid)
                .into_iter()
                .enumerate()
                .map(|(i, a)| {
                    crew_entry += 1;
                    let (role_id, role) = if i == 0 {
                        (1, "Commander")
                    } else {
                        (2, "Flight Engineer")
                    };
                    json!({"id": crew_entry,
                        "role": {"id": role_id, "role": role, "priority": i},
                        "astronaut": astronaut_json(a, flown[a as usize])})
                })
                .collect();
            let mut destination = STATIONS[0].name;
            let docking_events: Vec<Value> = station_of(fid)
                .map(|s| {
                    let Station { name, ports, .. } = STATIONS[s];
                    destination = name;
                    docking_id += 1;
                    let (port_id, port) = ports[dockings[s] % ports.len()];
                    dockings[s] += 1;
                    let still_docked = last_docking[s].is_some_and(|(_, f)| f == fid);
                    json!({
                        "id": docking_id,
                        "url": format!("{BASE}/docking_events/{docking_id}/"),
                        "docking": time(net + DAY),
                        "departure": (!still_docked).then(|| time(net + 2 * DAY)),
                        "docking_location": {"id": port_id, "name": port,
                            "spacestation": station_mini(s), "spacecraft": null, "payload": null},
                        "space_station_target": station_normal(s),
                        "flight_vehicle_target": null,
                        "payload_flight_target": null
                    })
                })
                .into_iter()
                .collect();
            json!({
                "response_mode": "detailed",
                "id": fid,
                "url": format!("{BASE}/spacecraft_flights/{fid}/"),
                "destination": destination,
                "mission_end": null,
                "spacecraft": {"id": id, "name": format!("Craft {id}"), "in_space": false},
                "launch": {
                    "id": format!("00000000-0000-0000-0000-{fid:012}"),
                    "name": format!("Rocket | Craft {id} flight {k}"),
                    "net": time(net),
                },
                "landing": null,
                "duration": "P3D",
                "turn_around_time": null,
                "launch_crew": crew,
                "onboard_crew": [],
                "landing_crew": crew,
                "docking_events": docking_events
            })
        })
        .collect();
    (spacecraft, flights)
}

fn crewed_by(crew: &Value, id: u64) -> bool {
    crew.as_array()
        .is_some_and(|c| c.iter().any(|m| m["astronaut"]["id"].as_u64() == Some(id)))
}

/// A flight as lists of other records carry it (`SpacecraftFlightNormal`).
fn flight_normal(flight: &Value) -> Value {
    let mut f = flight.clone();
    if let Some(fields) = f.as_object_mut() {
        for key in [
            "launch_crew",
            "onboard_crew",
            "landing_crew",
            "docking_events",
        ] {
            fields.remove(key);
        }
    }
    f["launch"] = launch_normal(flight);
    f["response_mode"] = json!("normal");
    f
}

fn launch_normal(flight: &Value) -> Value {
    let mut launch = flight["launch"].clone();
    let id = launch["id"].as_str().unwrap_or_default().to_string();
    launch["url"] = json!(format!("{BASE}/launches/{id}/"));
    launch["response_mode"] = json!("normal");
    launch
}

/// `/astronauts/{id}/`: the crew's record, with the launches of the flights
/// the astronaut launched on and the flights they landed on.
pub fn astronaut_record(flights: &[Value], id: u64) -> Option<Value> {
    let mut record = flights
        .iter()
        .flat_map(|f| f["launch_crew"].as_array().into_iter().flatten())
        .find(|m| m["astronaut"]["id"].as_u64() == Some(id))?["astronaut"]
        .clone();
    let launched: Vec<Value> = flights
        .iter()
        .filter(|f| crewed_by(&f["launch_crew"], id))
        .map(launch_normal)
        .collect();
    let landed: Vec<Value> = flights
        .iter()
        .filter(|f| crewed_by(&f["landing_crew"], id))
        .map(flight_normal)
        .collect();
    // First and last flights are flights flown, not planned ones.
    let flown: Vec<Value> = flights
        .iter()
        .filter(|f| crewed_by(&f["launch_crew"], id) && !is_planned(f))
        .map(launch_normal)
        .collect();
    astronaut_details(id, &mut record, &flown);
    record["response_mode"] = json!("detailed");
    record["flights_count"] = json!(launched.len());
    record["landings_count"] = json!(landed.len());
    record["spacewalks_count"] = json!(0);
    record["flights"] = json!(launched);
    record["landings"] = json!(landed);
    record["spacewalks"] = json!([]);
    Some(record)
}

/// Each docking event of the flights, with the flight it belongs to.
fn dockings(flights: &[Value]) -> impl Iterator<Item = (&Value, &Value)> {
    flights.iter().flat_map(|f| {
        f["docking_events"]
            .as_array()
            .into_iter()
            .flatten()
            .map(move |e| (f, e))
    })
}

/// Every docking event of the flights, as `/docking_events/` lists it:
/// the flight is the chaser. `detailed` gives the chaser's whole launch.
pub fn docking_events(flights: &[Value], detailed: bool) -> Vec<Value> {
    dockings(flights)
        .map(|(f, e)| {
            let mut chaser = flight_normal(f);
            if !detailed {
                // `SpacecraftFlightMini`, with a `LaunchMini`.
                let launch = launch_normal(f);
                chaser["launch"] = json!({"id": launch["id"], "url": launch["url"],
                    "name": launch["name"]});
                if let Some(fields) = chaser.as_object_mut() {
                    fields.remove("response_mode");
                }
            }
            let mut event = e.clone();
            let target = &e["space_station_target"];
            event["space_station_target"] = json!({"id": target["id"], "url": target["url"],
                "name": target["name"], "image": null});
            event["response_mode"] = json!(if detailed { "detailed" } else { "normal" });
            event["flight_vehicle_chaser"] = chaser;
            event["space_station_chaser"] = Value::Null;
            event["payload_flight_chaser"] = Value::Null;
            event
        })
        .collect()
}

/// `/space_stations/{id}/`: with its ports, what is docked at them now
/// (the docking events of the flights that have not left), and an
/// expedition on board while anything is docked.
pub fn station_record(flights: &[Value], id: u64) -> Option<Value> {
    let s = STATIONS.iter().position(|station| station.id == id)?;
    let Station { name, ports, .. } = STATIONS[s];
    let docked: Vec<(&Value, &Value)> = dockings(flights)
        .filter(|(_, e)| e["space_station_target"]["id"].as_u64() == Some(id))
        .filter(|(_, e)| e["departure"].is_null())
        .collect();
    let docking_location: Vec<Value> = ports
        .iter()
        .map(|&(port_id, port)| {
            let here = docked
                .iter()
                .find(|(_, e)| e["docking_location"]["id"].as_u64() == Some(port_id));
            let currently_docked = here.map(|(f, e)| {
                json!({"id": e["id"], "url": e["url"], "docking": e["docking"],
                    "departure": e["departure"],
                    "flight_vehicle_chaser": {"id": f["id"], "url": f["url"],
                        "spacecraft": f["spacecraft"], "launch": launch_normal(f)},
                    "space_station_chaser": null, "payload_flight_chaser": null})
            });
            json!({"id": port_id, "name": port, "currently_docked": currently_docked})
        })
        .collect();
    let onboard: usize = docked
        .iter()
        .map(|(f, _)| f["launch_crew"].as_array().map_or(0, Vec::len))
        .sum();
    let expeditions: Vec<Value> = docked
        .first()
        .map(|(_, e)| {
            json!({"id": id * 100 + 1, "url": format!("{BASE}/expeditions/{}/", id * 100 + 1),
                "name": format!("{name} expedition 1"), "start": e["docking"], "end": null})
        })
        .into_iter()
        .collect();
    let mut record = station_normal(s);
    for (key, value) in [
        ("response_mode", json!("detailed")),
        ("owners", json!([agency(id)])),
        ("active_expeditions", json!(expeditions)),
        ("height", json!(73.0)),
        ("width", json!(109.0)),
        ("mass", json!(450.0)),
        ("volume", json!(916)),
        ("onboard_crew", json!(onboard)),
        ("docked_vehicles", json!(docked.len())),
        ("docking_location", json!(docking_location)),
        (
            "active_docking_events",
            json!(docked.iter().map(|(_, e)| *e).collect::<Vec<_>>()),
        ),
    ] {
        record[key] = value;
    }
    Some(record)
}

/// `/launches/{id}/`: the flight's launch, detailed, carrying the flight.
pub fn launch_record(flights: &[Value], id: &str) -> Option<Value> {
    let flight = flights
        .iter()
        .find(|f| f["launch"]["id"].as_str() == Some(id))?;
    let mut stage = flight.clone();
    if let Some(fields) = stage.as_object_mut() {
        fields.remove("launch");
    }
    let net = &flight["launch"]["net"];
    let kazakhstan = json!({"id": 44, "name": "Kazakhstan", "alpha_2_code": "KZ",
        "alpha_3_code": "KAZ", "nationality_name": "Kazakh"});
    let own_or = |key: &str, flown: Value| flight["launch"].get(key).cloned().unwrap_or(flown);
    let mut launch = launch_normal(flight);
    for (key, value) in [
        ("response_mode", json!("detailed")),
        // A planned launch says its own; a flown one, that it flew.
        (
            "status",
            own_or(
                "status",
                json!({"id": 3, "name": "Launch Successful", "abbrev": "Success"}),
            ),
        ),
        (
            "net_precision",
            own_or(
                "net_precision",
                json!({"id": 0, "name": "Second", "abbrev": "SEC"}),
            ),
        ),
        ("window_start", net.clone()),
        ("window_end", net.clone()),
        ("launch_service_provider", agency(1)),
        (
            "rocket",
            json!({"id": flight["id"],
                "configuration": {"id": 1, "name": "Soyuz", "full_name": "Soyuz 2.1a", "variant": "2.1a"},
                "launcher_stage": [], "spacecraft_stage": [stage], "payloads": []}),
        ),
        (
            "mission",
            json!({"id": flight["id"], "name": flight["launch"]["name"], "type": "Human Exploration",
                "description": null, "image": null,
                "orbit": {"id": 8, "name": "Low Earth Orbit", "abbrev": "LEO"},
                "agencies": [agency(1)], "info_urls": [], "vid_urls": []}),
        ),
        (
            "pad",
            json!({"id": 32, "name": "1/5", "latitude": 45.92, "longitude": 63.342,
                "country": kazakhstan,
                "location": {"id": 15, "name": "Baikonur Cosmodrome, Republic of Kazakhstan",
                    "country": kazakhstan}}),
        ),
        ("updates", json!([])),
        ("info_urls", json!([])),
        ("vid_urls", json!([])),
        ("timeline", json!([])),
        ("mission_patches", json!([])),
    ] {
        launch[key] = value;
    }
    Some(launch)
}
