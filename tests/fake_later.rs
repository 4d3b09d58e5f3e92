//! The fake API moves from one state of the world to a later one
//! (`common::move_on`), and serves the later one: what the change log's
//! tests compare.

mod common;

use common::*;
use serde_json::Value;

async fn get(url: &str) -> Value {
    let body = reqwest::get(url).await.unwrap().text().await.unwrap();
    serde_json::from_str(&body).unwrap()
}

#[tokio::test]
async fn the_world_moves_on_as_move_on_says() {
    let Ll2 {
        server: _server,
        fake,
        url,
    } = FakeLl2::new().fleet(30).planned().start().await;
    let before = get(&format!("{url}/spacecraft_flights/90001/?format=json")).await;
    assert_eq!(before["launch"]["status"]["abbrev"], "Go");
    let mut expected = Vec::new();
    fake.change(|spacecraft, flights| expected = move_on(spacecraft, flights));
    let kinds: Vec<&str> = expected.iter().map(|(k, _)| *k).collect();
    assert_eq!(
        kinds,
        [
            "spacecraft_added",
            "status_changed",
            "went_to_space",
            "launched",
            "docked",
            "undocked",
            "landed",
            "net_moved",
            "crew_changed"
        ]
    );

    let launched = get(&format!("{url}/spacecraft_flights/90001/?format=json")).await;
    assert_eq!(launched["launch"]["status"]["abbrev"], "Success");
    assert_eq!(launched["docking_events"][0]["id"], 99_001);
    assert!(launched["docking_events"][0]["departure"].is_null());
    let landed = get(&format!("{url}/spacecraft_flights/1/?format=json")).await;
    assert!(landed["mission_end"].is_string() && landed["landing"]["success"] == true);
    let craft = get(&format!("{url}/spacecraft/31/?format=json")).await;
    assert_eq!(craft["name"], "Craft 31");
    let craft = get(&format!("{url}/spacecraft/5/?format=json")).await;
    assert_eq!(craft["status"]["name"], "Retired");
    let (_, undocked) = &expected[5];
    let id = undocked.trim_start_matches("flight/");
    let undocked = get(&format!("{url}/spacecraft_flights/{id}/?format=json")).await;
    assert!(undocked["docking_events"][0]["departure"].is_string());
    let slipped = get(&format!("{url}/spacecraft_flights/90004/?format=json")).await;
    assert_eq!(slipped["launch"]["net"], "2027-04-01T00:00:00Z");
    let crewed = get(&format!("{url}/spacecraft_flights/90002/?format=json")).await;
    assert_eq!(crewed["launch_crew"].as_array().unwrap().len(), 2);
}
