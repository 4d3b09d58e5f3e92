//! Every seed response parses into the one model, both versions alike, and
//! unexpected shapes degrade to missing fields instead of errors.

mod common;

use common::asset;

use hangar::api::paging::{parse_page, parse_record};
use hangar::api::{Dur, Flight, Spacecraft};

const PAGES: [(&str, u64, u64); 3] = [
    (
        "spacecraft-2.3.0-prod-offset20-ordering-mission_ends_count.json",
        591,
        447,
    ),
    (
        "spacecraft-2.3.0-dev-offset130-ordering-mission_ends_count.json",
        603,
        146,
    ),
    (
        "spacecraft-2.3.0-dev-offset500-ordering--time_docked.json",
        596,
        503,
    ),
];

#[test]
fn every_catalog_page_parses_completely() {
    for (file, count, first_id) in PAGES {
        let page = parse_page::<Spacecraft>(&asset(file)).unwrap();
        assert_eq!(page.count, Some(count), "{file}");
        assert_eq!(page.results.len(), 10, "{file}");
        assert_eq!(page.skipped, 0, "{file}");
        assert_eq!(page.results[0].id, first_id, "{file}");
        for s in &page.results {
            assert!(!s.name.is_empty(), "{file}: {}", s.id);
            assert!(s.config_name().is_some(), "{file}: {}", s.id);
            assert!(s.status_name().is_some(), "{file}: {}", s.id);
            assert!(
                s.time_in_space.is_some() && s.time_docked.is_some(),
                "{file}: {}",
                s.id
            );
        }
    }
}

#[test]
fn catalog_fields_are_read_with_their_types() {
    let page = parse_page::<Spacecraft>(&asset(PAGES[0].0)).unwrap();
    let tenacity = &page.results[0];
    assert_eq!(tenacity.name, "Dream Chaser Tenacity");
    assert_eq!(tenacity.serial_number, None);
    assert_eq!(tenacity.is_placeholder, Some(false));
    assert_eq!(tenacity.time_in_space, Some(Dur::ZERO));
    assert_eq!(tenacity.flights_count, Some(0));
    let config = tenacity.spacecraft_config.as_ref().unwrap();
    assert_eq!(config.id, Some(24));
    assert_eq!(
        config.kind.as_ref().and_then(|k| k.name()),
        Some("Spaceplane")
    );
    let agency = config.agency.as_ref().unwrap();
    assert_eq!(agency.abbrev.as_deref(), Some("SNC"));
    assert_eq!(
        agency.kind.as_ref().and_then(|k| k.name()),
        Some("Commercial")
    );
    assert_eq!(
        tenacity.image.as_ref().and_then(|i| i.credit.as_deref()),
        Some("NASA/Ken Ulbrich")
    );

    let progress = page.results.iter().find(|s| s.id == 607).unwrap();
    assert_eq!(progress.in_space, Some(true));
    assert_eq!(progress.mission_ends_count, Some(0));
    assert_eq!(progress.time_docked, Dur::parse("P71DT3H15M51S"));
}

#[test]
fn the_2_3_0_detailed_flight_parses() {
    let f: Flight =
        parse_record(&asset("spacecraft_flights-2.3.0-prod-358-detailed.json")).unwrap();
    assert_eq!(f.id, 358);
    assert_eq!(f.destination.as_deref(), Some("Low Earth Orbit"));
    assert_eq!(f.duration, Dur::parse("P4DT23H7M2S"));
    assert_eq!(f.turn_around_time, None);
    assert_eq!(f.mission_end.unwrap().to_string(), "1963-06-19T11:06:00Z");
    let s = f.spacecraft.as_ref().unwrap();
    assert_eq!((s.id, s.name.as_str()), (231, "Vostok-3KA No.7"));
    let config = s.spacecraft_config.as_ref().unwrap();
    assert_eq!(config.crew_capacity, Some(1));
    assert_eq!(config.height, Some(4.55));
    assert_eq!(config.agency.as_ref().unwrap().countries(), "Russia");
    let launch = f.launch.as_ref().unwrap();
    assert_eq!(launch.name.as_deref(), Some("Vostok-K | Vostok 5"));
    assert_eq!(launch.net.unwrap().to_string(), "1963-06-14T11:58:58Z");
    assert_eq!(launch.rocket_name(), Some("Vostok-K"));
    let pad = launch.pad.as_ref().unwrap();
    assert_eq!(pad.latitude, Some(45.92));
    assert_eq!(
        pad.location.as_ref().unwrap().name.as_deref(),
        Some("Baikonur Cosmodrome, Republic of Kazakhstan")
    );
    assert_eq!(f.launch_crew.len(), 1);
    let pilot = f.launch_crew[0].astronaut.as_ref().unwrap();
    assert_eq!(pilot.name.as_deref(), Some("Valery Bykovsky"));
    assert_eq!(pilot.nationality, ["Russian"]);
    assert_eq!(
        f.launch_crew[0].role.as_ref().unwrap().role.as_deref(),
        Some("Pilot")
    );
    assert!(f.onboard_crew.is_empty());
    assert_eq!(f.landing_crew.len(), 1);
    assert!(f.docking_events.is_empty());
    let landing = f.landing.as_ref().unwrap();
    assert_eq!(landing.outcome(), "success");
    assert_eq!(
        landing.landing_location.as_ref().unwrap().name.as_deref(),
        Some("Kazakhstan")
    );
    assert_eq!(
        landing.kind.as_ref().and_then(|k| k.name()),
        Some("Parachute Landing")
    );
}

#[test]
fn the_2_2_0_flight_reads_into_the_same_model() {
    let f: Flight = parse_record(&asset("spacecraft-flight-2.2.0-prod-219.json")).unwrap();
    assert_eq!(f.id, 219);
    // 2.2.0 sends no duration: derived from launch and mission end.
    assert_eq!(f.duration, None);
    assert_eq!(f.duration().map(Dur::human).as_deref(), Some("187d 20h"));
    let s = f.spacecraft.as_ref().unwrap();
    assert_eq!(s.name, "Soyuz TMA-15");
    assert_eq!(s.time_docked, Dur::parse("P185DT15H13M"));
    let config = s.spacecraft_config.as_ref().unwrap();
    assert_eq!(config.name.as_deref(), Some("Soyuz TMA"));
    // 2.2.0: `image_url` string and agency `type` string.
    assert!(config.image.as_ref().unwrap().image_url.is_some());
    let agency = config.agency.as_ref().unwrap();
    assert_eq!(
        agency.kind.as_ref().and_then(|k| k.name()),
        Some("Government")
    );
    assert_eq!(agency.countries(), "RUS");
    assert_eq!(
        agency.founding_year,
        Some(1992),
        "a number sent as a string"
    );
    let launch = f.launch.as_ref().unwrap();
    assert_eq!(
        launch.pad.as_ref().unwrap().latitude,
        Some(45.92),
        "a string latitude"
    );
    assert!(
        launch.image.as_ref().unwrap().image_url.is_some(),
        "a string image"
    );
    assert_eq!(f.launch_crew.len(), 3);
    let commander = f.launch_crew[0].astronaut.as_ref().unwrap();
    assert_eq!(commander.nationality, ["Russian"], "a string nationality");
    assert_eq!(
        commander
            .agency
            .as_ref()
            .unwrap()
            .kind
            .as_ref()
            .and_then(|k| k.name()),
        Some("Government")
    );
    // 2.2.0: `docking_events[].spacestation` and `landing.location`.
    let dock = &f.docking_events[0];
    assert_eq!(dock.target_name(), Some("International Space Station"));
    assert_eq!(dock.port(), Some("Zarya nadir"));
    assert_eq!(
        dock.docked_for(jiff::Timestamp::now())
            .map(Dur::human)
            .as_deref(),
        Some("185d 15h")
    );
    let landing = f.landing.as_ref().unwrap();
    assert_eq!(
        landing.landing_location.as_ref().unwrap().name.as_deref(),
        Some("Kazakhstan")
    );
}

#[test]
fn a_2_3_0_docking_target_object_is_read() {
    let body = r#"{"id": 1, "docking_events": [
        {"id": 5, "docking": "2024-01-01T00:00:00Z", "departure": null,
         "docking_location": {"id": 9, "name": "Harmony forward", "spacestation": {"id": 4, "name": "ISS"}},
         "space_station_target": null,
         "flight_vehicle_target": {"id": 77, "spacecraft": {"id": 3, "name": "Crew Dragon Endeavour"}}}]}"#;
    let f: Flight = parse_record(body).unwrap();
    let e = &f.docking_events[0];
    assert_eq!(e.target_name(), Some("Crew Dragon Endeavour"));
    assert_eq!(e.port(), Some("Harmony forward"));
    let now: jiff::Timestamp = "2024-01-02T00:00:00Z".parse().unwrap();
    assert_eq!(
        e.docked_for(now),
        Some(Dur::from_secs(86_400)),
        "still docked: up to now"
    );
}

#[test]
fn odd_shapes_degrade_to_missing_fields() {
    let body = r#"{"count": "3", "next": "http://elsewhere.example/", "results": [
        {"id": 1, "name": null, "status": "Active", "spacecraft_config": "not an object",
         "flights_count": "12", "time_in_space": 42, "in_space": "True", "image": 7,
         "description": {"nested": true}, "unknown_field": [1, 2, 3]},
        {"id": "2", "name": "Second"},
        {"name": "no id"},
        "not even an object",
        {"id": 3, "name": "\u001b[2J\u001b[31mPWNED\u0007", "description": "line 1\r\nline 2\u202e"}
    ]}"#;
    let page = parse_page::<Spacecraft>(body).unwrap();
    assert_eq!(page.count, None, "a count that is not a number is unknown");
    assert_eq!(page.skipped, 2);
    let ids: Vec<u64> = page.results.iter().map(|s| s.id).collect();
    assert_eq!(ids, [1, 2, 3]);
    let first = &page.results[0];
    assert_eq!(first.name, "");
    assert_eq!(first.status_name(), Some("Active"));
    assert_eq!(first.spacecraft_config, None);
    assert_eq!(first.flights_count, Some(12));
    assert_eq!(first.time_in_space, None);
    assert_eq!(first.in_space, Some(true));
    assert_eq!(first.image, None);
    assert_eq!(first.description, None);
    assert_eq!(page.results[1].name, "Second");
    assert_eq!(page.results[2].name, "PWNED");
    assert_eq!(
        page.results[2].description.as_deref(),
        Some("line 1\nline 2")
    );
}

#[test]
fn bodies_that_are_not_pages_are_errors() {
    for body in [
        "",
        "<html>502 Bad Gateway</html>",
        "{\"count\": 3}",
        "{\"results\": 5}",
        "{\"count\":603,\"results\":[{\"id\":1",
    ] {
        assert!(parse_page::<Spacecraft>(body).is_err(), "{body:?}");
    }
    assert!(parse_record::<Flight>("{\"detail\": \"Not found.\"}").is_err());
}

#[test]
fn a_megabyte_description_parses_and_is_shortened_for_display() {
    let long = "Ω".repeat(1_000_000);
    let body = format!(
        r#"{{"count": 1, "results": [{{"id": 9, "name": "Big", "description": "{long}"}}]}}"#
    );
    let page = parse_page::<Spacecraft>(&body).unwrap();
    let record = &page.results[0];
    assert_eq!(
        record.description.as_ref().map(|d| d.chars().count()),
        Some(1_000_000)
    );
    let parts = hangar::doc::spacecraft(record);
    let shown = parts
        .iter()
        .find_map(|p| match p {
            hangar::doc::Part::Text(t) => Some(t.clone()),
            _ => None,
        })
        .unwrap();
    assert!(shown.chars().count() < hangar::doc::TEXT_LIMIT + 100);
    assert!(shown.ends_with("(shortened from 1000000 characters)"));
}

/// Issue 16: ids of 0 or below were dropped in silence; ids of 2^63 and
/// above collapsed into one. Every positive u64 is kept exactly; the rest is
/// refused, and counted.
#[test]
fn ids_are_kept_exactly_or_refused_and_counted() {
    let page = r#"{"count": 9, "next": null, "previous": null, "results": [
        {"id": 0, "name": "zero"},
        {"id": -5, "name": "negative"},
        {"id": 9223372036854775808, "name": "two to the 63"},
        {"id": 9223372036854775809, "name": "two to the 63 plus one"},
        {"id": 18446744073709551615, "name": "u64 max"},
        {"id": 18446744073709551616, "name": "two to the 64"},
        {"id": 1.5, "name": "a fraction"},
        {"id": "7", "name": "a string"},
        {"name": "no id"}
    ]}"#;
    let page = hangar::api::paging::parse_page::<hangar::api::Spacecraft>(page).unwrap();
    let ids: Vec<u64> = page.results.iter().map(|s| s.id).collect();
    assert_eq!(
        ids,
        [9223372036854775808, 9223372036854775809, u64::MAX, 7],
        "kept exactly, none collapsed"
    );
    assert_eq!(page.skipped, 5, "0, -5, 2^64, 1.5 and the missing id");
}
