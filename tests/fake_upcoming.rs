//! The fake API's planned flights (`FakeLl2::planned`) and its
//! `/launches/upcoming/`: filtered by `spacecraft_config__ids`, in NET
//! order, paged, paid like every request, and read by hangar's own parser.

mod common;

use common::*;
use hangar::api::paging::parse_record;
use hangar::api::Launch;
use jiff::{SignedDuration, Timestamp};
use serde_json::Value;

/// The planned set as the fleet's doc lists it: flight, spacecraft,
/// status (id, abbrev), precision (id, abbrev), NET, launch crew.
type Row = (
    u64,
    u64,
    (i64, &'static str),
    (i64, &'static str),
    &'static str,
    &'static [u64],
);
const SPEC: [Row; 8] = [
    (
        90_001,
        2,
        (1, "Go"),
        (0, "SEC"),
        "2026-12-10T14:30:15Z",
        &[7, 12],
    ),
    (
        90_002,
        3,
        (1, "Go"),
        (1, "MIN"),
        "2026-12-19T09:41:00Z",
        &[],
    ),
    (
        90_003,
        7,
        (8, "TBC"),
        (2, "HR"),
        "2027-01-15T18:00:00Z",
        &[],
    ),
    (
        90_004,
        2,
        (2, "TBD"),
        (5, "DAY"),
        "2027-03-02T00:00:00Z",
        &[],
    ),
    (
        90_005,
        10,
        (5, "Hold"),
        (7, "M"),
        "2027-06-01T00:00:00Z",
        &[],
    ),
    (
        90_006,
        12,
        (2, "TBD"),
        (8, "Q1"),
        "2027-01-01T00:00:00Z",
        &[],
    ),
    (
        90_007,
        24,
        (2, "TBD"),
        (14, "Y"),
        "2028-01-01T00:00:00Z",
        &[],
    ),
    (
        90_008,
        3,
        (1, "Go"),
        (1, "MIN"),
        "2026-11-01T06:15:00Z",
        &[],
    ),
];

fn launch_id(flight: u64) -> String {
    format!("00000000-0000-0000-0000-{flight:012}")
}

/// The planned flights whose spacecraft is among `crafts`, in NET order.
fn expected(crafts: &[u64]) -> Vec<u64> {
    let mut rows: Vec<&Row> = SPEC.iter().filter(|r| crafts.contains(&r.1)).collect();
    rows.sort_by_key(|r| r.4.parse::<Timestamp>().unwrap());
    rows.iter().map(|r| r.0).collect()
}

async fn get(url: &str) -> (u16, Value) {
    let response = reqwest::get(url).await.unwrap();
    let status = response.status().as_u16();
    (
        status,
        serde_json::from_str(&response.text().await.unwrap()).unwrap(),
    )
}

/// The flight each launch of a page carries, in page order.
fn carried(page: &Value) -> Vec<u64> {
    page["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            let stage = l["rocket"]["spacecraft_stage"].as_array().unwrap();
            assert_eq!(stage.len(), 1, "{l}");
            stage[0]["id"].as_u64().unwrap()
        })
        .collect()
}

#[tokio::test]
async fn two_configurations_give_the_launches_carrying_them_in_net_order() {
    let Ll2 {
        server: _server,
        fake,
        url,
    } = FakeLl2::new().planned().start().await;
    // Configurations are the spacecraft's ids here (id modulo 30).
    let (status, page) = get(&format!(
        "{url}/launches/upcoming/?spacecraft_config__ids=3,7&mode=detailed&limit=100"
    ))
    .await;
    assert_eq!(status, 200, "{page}");
    assert_eq!(fake.paid().len(), 1, "one paid request");
    assert!(fake.paid()[0].starts_with("/2.3.0/launches/upcoming/?"));
    // 90008's NET has passed (unreported, still Go): first.
    assert_eq!(expected(&[3, 7]), [90_008, 90_002, 90_003]);
    assert_eq!(page["count"], 3);
    assert_eq!(carried(&page), expected(&[3, 7]));
    for launch in page["results"].as_array().unwrap() {
        assert_eq!(launch["response_mode"], "detailed");
        let flight = &launch["rocket"]["spacecraft_stage"][0];
        let row = SPEC
            .iter()
            .find(|r| Some(r.0) == flight["id"].as_u64())
            .unwrap();
        assert_eq!(launch["id"], launch_id(row.0));
        assert_eq!(launch["net"], row.4);
        assert_eq!(launch["status"]["id"], row.2 .0);
        assert_eq!(launch["net_precision"]["id"], row.3 .0);
        // The stage's spacecraft is the catalog's record, configuration and all.
        assert_eq!(flight["spacecraft"]["id"], row.1);
        assert_eq!(flight["spacecraft"]["spacecraft_config"]["id"], row.1);
        assert!(flight.get("launch").is_none(), "a stage names no launch");
        assert!(flight["mission_end"].is_null() && flight["landing"].is_null());
        assert_eq!(flight["docking_events"], serde_json::json!([]));
    }
    // Spacecraft 2's two planned flights, and 7's one.
    let (_, page) = get(&format!(
        "{url}/launches/upcoming/?spacecraft_config__ids=2,7&mode=detailed"
    ))
    .await;
    assert_eq!(carried(&page), [90_001, 90_003, 90_004]);
    assert_eq!(fake.paid().len(), 2);
}

#[tokio::test]
async fn configurations_no_planned_launch_carries_give_none() {
    let Ll2 {
        server: _server,
        fake,
        url,
    } = FakeLl2::new().planned().start().await;
    // Spacecraft 29 and 1 have flights, all flown.
    let (status, page) = get(&format!(
        "{url}/launches/upcoming/?spacecraft_config__ids=29,1&mode=detailed"
    ))
    .await;
    assert_eq!(status, 200);
    assert_eq!(page["count"], 0);
    assert_eq!(page["results"], serde_json::json!([]));
    assert!(page["next"].is_null());
    assert_eq!(fake.paid().len(), 1);
    // Not a number: DRF's 400, paid too.
    let (status, page) = get(&format!(
        "{url}/launches/upcoming/?spacecraft_config__ids=3,x"
    ))
    .await;
    assert_eq!(status, 400);
    assert_eq!(page["spacecraft_config__ids"][0], "Enter a whole number.");
    assert_eq!(fake.paid().len(), 2);
}

#[tokio::test]
async fn the_default_fleet_has_no_upcoming_launch() {
    let Ll2 {
        server: _server,
        fake,
        url,
    } = FakeLl2::new().start().await;
    for query in ["", "?spacecraft_config__ids=2,3,7&mode=detailed"] {
        let (status, page) = get(&format!("{url}/launches/upcoming/{query}")).await;
        assert_eq!(status, 200);
        assert_eq!(page["count"], 0, "{query}");
    }
    assert_eq!(fake.paid().len(), 2);
    assert_eq!(fake.flights().len(), 1206, "the fleet's flights only");
}

#[tokio::test]
async fn every_upcoming_launch_pages_in_net_order() {
    let Ll2 {
        server: _server,
        fake,
        url,
    } = FakeLl2::new().planned().start().await;
    let all: Vec<u64> = expected(&[2, 3, 7, 10, 12, 24]);
    let mut seen = Vec::new();
    let mut next = Some(format!("{url}/launches/upcoming/?limit=3&mode=detailed"));
    while let Some(at) = next {
        let (_, page) = get(&at).await;
        assert_eq!(page["count"], 8);
        seen.extend(carried(&page));
        // `next` keeps the filters; its host is wiremock's idea of it, not ours.
        next = page["next"].as_str().map(|link| {
            assert!(link.contains("mode=detailed"), "{link}");
            let (_, rest) = link.split_once("/2.3.0").unwrap();
            format!("{url}{rest}")
        });
    }
    assert_eq!(seen, all);
    assert_eq!(fake.paid().len(), 3, "8 launches, 3 a page");
    // Descending, when asked.
    let (_, page) = get(&format!(
        "{url}/launches/upcoming/?ordering=-net&mode=detailed"
    ))
    .await;
    let mut back = all.clone();
    back.reverse();
    assert_eq!(carried(&page), back);
    // Without `mode=detailed`: `LaunchNormal`, whose rocket has no stages.
    let (_, page) = get(&format!("{url}/launches/upcoming/?limit=100")).await;
    for launch in page["results"].as_array().unwrap() {
        assert_eq!(launch["response_mode"], "normal");
        assert!(
            launch["rocket"].get("spacecraft_stage").is_none(),
            "{launch}"
        );
        assert!(launch["rocket"]["configuration"].is_object());
    }
}

#[tokio::test]
async fn the_set_has_each_status_precision_a_past_net_and_a_crew() {
    let statuses: std::collections::BTreeSet<i64> = SPEC.iter().map(|r| r.2 .0).collect();
    assert_eq!(statuses, [1, 2, 5, 8].into());
    let precisions: std::collections::BTreeSet<i64> = SPEC.iter().map(|r| r.3 .0).collect();
    assert_eq!(precisions, [0, 1, 2, 5, 7, 8, 14].into());
    let Ll2 {
        server: _server,
        fake,
        url,
    } = FakeLl2::new().planned().start().await;
    let flights = fake.flights();
    let planned: Vec<&Value> = flights
        .iter()
        .filter(|f| f["id"].as_u64() > Some(1206))
        .collect();
    assert_eq!(planned.len(), SPEC.len());
    for (f, row) in planned.iter().zip(&SPEC) {
        assert_eq!(f["id"], row.0, "after the fleet, in id order");
        let launch = &f["launch"];
        assert_eq!(launch["status"]["abbrev"], row.2 .1);
        assert_eq!(launch["net_precision"]["abbrev"], row.3 .1);
        assert_eq!(launch["net"], row.4);
        let crew: Vec<u64> = f["launch_crew"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["astronaut"]["id"].as_u64().unwrap())
            .collect();
        assert_eq!(crew, row.5);
        assert_eq!(f["landing_crew"], serde_json::json!([]));
    }
    let past: Vec<u64> = SPEC
        .iter()
        .filter(|r| r.4.parse::<Timestamp>().unwrap() < PLANNED_CLOCK)
        .map(|r| r.0)
        .collect();
    assert_eq!(past, [90_008]);

    // Where flights are: a spacecraft's flights, a flight by id, a launch by id.
    let (_, of_2) = get(&format!("{url}/spacecraft_flights/?spacecraft=2&limit=100")).await;
    let ids: Vec<u64> = of_2["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["id"].as_u64().unwrap())
        .collect();
    assert_eq!(ids.len(), 4, "two flown, two planned: {ids:?}");
    assert_eq!(ids[2..], [90_001, 90_004]);
    let (_, craft) = get(&format!("{url}/spacecraft/10/")).await;
    assert_eq!(craft["flights_count"], 1, "its only flight is planned");
    let (_, flight) = get(&format!("{url}/spacecraft_flights/90005/")).await;
    assert_eq!(flight["launch"]["status"]["name"], "On Hold");
    let (_, launch) = get(&format!("{url}/launches/{}/", launch_id(90_003))).await;
    assert_eq!(launch["status"]["abbrev"], "TBC");
    assert_eq!(launch["net_precision"]["name"], "Hour");
    // Every flight paged by id: the fleet's 1,206 then the planned 8.
    let (_, last) = get(&format!("{url}/spacecraft_flights/?limit=100&offset=1200")).await;
    assert_eq!(last["count"], 1214);
    let tail: Vec<u64> = last["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["id"].as_u64().unwrap())
        .collect();
    assert_eq!(tail[6..], SPEC.map(|r| r.0));
    // The crew are the fleet's astronauts, whose record lists the planned
    // launch but keeps a flown one as the last flight.
    let (_, seven) = get(&format!("{url}/astronauts/7/")).await;
    assert_eq!(seven["name"], "Astronaut 7");
    let launches: Vec<&str> = seven["flights"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["id"].as_str().unwrap())
        .collect();
    assert_eq!(launches.last(), Some(&launch_id(90_001).as_str()));
    let flown = flights[..1206]
        .iter()
        .rfind(|f| {
            f["launch_crew"]
                .as_array()
                .unwrap()
                .iter()
                .any(|m| m["astronaut"]["id"] == 7)
        })
        .unwrap();
    assert_eq!(seven["last_flight"], flown["launch"]["net"]);
}

#[tokio::test]
async fn planned_at_moves_every_net_by_the_clock() {
    let later = PLANNED_CLOCK + SignedDuration::from_hours(36);
    let Ll2 {
        server: _server,
        fake,
        ..
    } = FakeLl2::new().planned_at(later).start().await;
    let flights = fake.flights();
    for row in &SPEC {
        let f = flights.iter().find(|f| f["id"] == row.0).unwrap();
        let net: Timestamp = f["launch"]["net"].as_str().unwrap().parse().unwrap();
        let written: Timestamp = row.4.parse().unwrap();
        assert_eq!(net.duration_since(written), SignedDuration::from_hours(36));
    }
}

#[tokio::test]
async fn hangars_parser_reads_every_upcoming_launch() {
    let Ll2 {
        server: _server,
        url,
        ..
    } = FakeLl2::new().planned().start().await;
    let (_, page) = get(&format!("{url}/launches/upcoming/?limit=100&mode=detailed")).await;
    let results = page["results"].as_array().unwrap();
    assert_eq!(results.len(), SPEC.len());
    for raw in results {
        let launch: Launch = parse_record(&raw.to_string()).unwrap();
        let flights = launch.spacecraft_flights();
        assert_eq!(flights.len(), 1, "{raw}");
        let flight = &flights[0];
        let row = SPEC.iter().find(|r| r.0 == flight.id).unwrap();
        // Lenient readers make a misread field None: compare each value.
        assert_eq!(launch.valid_id(), Some(launch_id(row.0).as_str()));
        assert_eq!(launch.net, Some(row.4.parse().unwrap()));
        let status = launch.status.as_ref().unwrap();
        assert_eq!(
            (status.id, status.abbrev.as_deref()),
            (Some(row.2 .0), Some(row.2 .1))
        );
        let precision = launch.net_precision.as_ref().unwrap();
        assert_eq!(
            (precision.id, precision.abbrev.as_deref()),
            (Some(row.3 .0), Some(row.3 .1))
        );
        let craft = flight.spacecraft.as_ref().unwrap();
        assert_eq!(craft.id, row.1);
        assert_eq!(
            craft.spacecraft_config.as_ref().and_then(|c| c.id),
            Some(row.1 as i64)
        );
        assert_eq!((flight.mission_end, &flight.landing), (None, &None));
        assert!(flight.docking_events.is_empty() && flight.landing_crew.is_empty());
        let crew: Vec<Option<u64>> = flight
            .launch_crew
            .iter()
            .map(|m| m.astronaut.as_ref().and_then(|a| a.id))
            .collect();
        assert_eq!(crew, row.5.iter().map(|&a| Some(a)).collect::<Vec<_>>());
    }
}
