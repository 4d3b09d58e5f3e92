//! A later state of the world, for the change log: what [`move_on`] does
//! to a fleet of at least 30 spacecraft with the planned set added (see
//! [`super::add_planned`]), and the events a comparison of the two must
//! find, no more.

use super::{astronaut_json, station_mini, station_normal, time, BASE, DAY, STATIONS};
use serde_json::{json, Value};

/// `(kind, subject)` of each change [`move_on`] makes, kinds as the change
/// log writes them.
pub type Expected = (&'static str, String);

fn flight_mut(flights: &mut [Value], id: u64) -> &mut Value {
    flights
        .iter_mut()
        .find(|f| f["id"].as_u64() == Some(id))
        .unwrap_or_else(|| panic!("flight {id} is not in the fleet"))
}

fn secs(t: &Value) -> i64 {
    t.as_str()
        .and_then(|s| s.parse::<jiff::Timestamp>().ok())
        .map(|t| t.as_second())
        .expect("a time")
}

/// Moves the world on, and says what moved:
/// - spacecraft 31 enters the catalog;
/// - spacecraft 5 retires;
/// - planned flight 90001 (spacecraft 2) launches, and spacecraft 2 is in space;
/// - flight 90001 docks at the International Space Station a day after its NET;
/// - the last flight docked at Tiangong (still there) undocks;
/// - flight 1 (spacecraft 1) lands: its mission ends, successfully;
/// - planned flight 90004 slips 30 days;
/// - planned flight 90002 gets a crew of two.
pub fn move_on(spacecraft: &mut Vec<Value>, flights: &mut [Value]) -> Vec<Expected> {
    assert!(spacecraft.len() >= 30, "a fleet of 30 or more");
    let mut new = crate::common::spacecraft_json(31, "Craft 31", "Soyuz MS");
    new["flights_count"] = json!(0);
    new["in_space"] = json!(false);
    spacecraft.push(new);

    for s in spacecraft.iter_mut() {
        match s["id"].as_u64() {
            Some(5) => s["status"] = json!({"id": 2, "name": "Retired"}),
            Some(2) => s["in_space"] = json!(true),
            _ => {}
        }
    }

    let launched = flight_mut(flights, 90001);
    launched["launch"]["status"] =
        json!({"id": 3, "name": "Launch Successful", "abbrev": "Success"});
    let net = secs(&launched["launch"]["net"]);
    let (port_id, port) = STATIONS[0].ports[1];
    launched["docking_events"] = json!([{
        "id": 99_001,
        "url": format!("{BASE}/docking_events/99001/"),
        "docking": time(net + DAY),
        "departure": null,
        "docking_location": {"id": port_id, "name": port,
            "spacestation": station_mini(0), "spacecraft": null, "payload": null},
        "space_station_target": station_normal(0),
        "flight_vehicle_target": null,
        "payload_flight_target": null
    }]);

    // The one docking at Tiangong that has not left.
    let still = flights
        .iter_mut()
        .filter(|f| f["id"].as_u64().is_some_and(|id| id < 90_000))
        .find(|f| {
            f["docking_events"].as_array().is_some_and(|events| {
                events.iter().any(|e| {
                    e["departure"].is_null()
                        && e["space_station_target"]["id"].as_u64() == Some(STATIONS[1].id)
                })
            })
        })
        .expect("a flight docked at Tiangong");
    let undocked = still["id"].as_u64().expect("an id");
    for e in still["docking_events"].as_array_mut().expect("events") {
        let docked = secs(&e["docking"]);
        e["departure"] = json!(time(docked + 30 * DAY));
    }

    let landed = flight_mut(flights, 1);
    let end = secs(&landed["launch"]["net"]) + 3 * DAY;
    landed["mission_end"] = json!(time(end));
    landed["landing"] = json!({"id": 77_001, "attempt": true, "success": true,
        "description": "Landed.", "landing_location": {"name": "Steppe", "abbrev": "KZ"}});

    let slipped = flight_mut(flights, 90004);
    let net = secs(&slipped["launch"]["net"]);
    slipped["launch"]["net"] = json!(time(net + 30 * DAY));

    let crewed = flight_mut(flights, 90002);
    let crew: Vec<Value> = [21, 22]
        .into_iter()
        .enumerate()
        .map(|(i, a)| {
            json!({"id": 88_000 + i, "role": {"id": 1 + i, "role": "Crew", "priority": i},
                "astronaut": astronaut_json(a, 1)})
        })
        .collect();
    crewed["launch_crew"] = json!(crew);

    vec![
        ("spacecraft_added", "spacecraft/31".into()),
        ("status_changed", "spacecraft/5".into()),
        ("went_to_space", "spacecraft/2".into()),
        ("launched", "flight/90001".into()),
        ("docked", "flight/90001".into()),
        ("undocked", format!("flight/{undocked}")),
        ("landed", "flight/1".into()),
        ("net_moved", "flight/90004".into()),
        ("crew_changed", "flight/90002".into()),
    ]
}
