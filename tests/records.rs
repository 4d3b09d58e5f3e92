//! Astronauts, space stations, a station's docking events and launches
//! (issue 12), both versions, read through the parsers the app uses.
//!
//! The fixtures in `tests/fixtures/` are built from the seeds' real records
//! (Valery Bykovsky, Roman Romanenko, Vostok 5, Soyuz TMA-15 and its docking
//! at Zarya nadir, the ISS) in the shapes of the 2.3.0 schema and of 2.2.0;
//! the records around them (other launches, visitors, ports) are made up in
//! the same shapes, with nulls where the API sends them. Each `-nulls` copy
//! keeps only the id, every other field null or left out.

use hangar::api::paging::{parse_page, parse_record, Page};
use hangar::api::{Astronaut, DockingEvent, Dur, Launch, SpaceStation};
use jiff::civil::date;
use jiff::Timestamp;

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn ts(s: &str) -> Timestamp {
    s.parse().unwrap()
}

fn record<T: serde::de::DeserializeOwned + hangar::api::paging::Record>(name: &str) -> T {
    parse_record(&fixture(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn page(name: &str) -> Page<DockingEvent> {
    parse_page(&fixture(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

const VOSTOK_5: &str = "0d0acc45-bcf8-4d06-8093-be999f9233ba";
const TMA_15: &str = "c2c7efe5-8154-4df3-885b-37d29942ebe3";

#[test]
fn the_2_3_0_astronaut() {
    let a: Astronaut = record("astronaut-2.3.0.json");
    assert_eq!(a.id, Some(84));
    assert_eq!(
        a.url.as_deref(),
        Some("https://ll.thespacedevs.com/2.3.0/astronauts/84/?format=json")
    );
    assert_eq!(a.name.as_deref(), Some("Valery Bykovsky"));
    assert_eq!(a.status_name(), Some("Deceased"));
    assert_eq!(a.kind_name(), Some("Government"));
    assert_eq!(a.agency_name(), Some("RFSA"));
    assert_eq!(a.nationality, ["Russian"]);
    assert!(a
        .image
        .as_ref()
        .and_then(|i| i.image_url.as_deref())
        .is_some_and(|u| u.ends_with("valery2520bykovsky_image_20181128224024.jpg")));
    assert_eq!(a.date_of_birth, Some(date(1934, 8, 2)));
    assert_eq!(a.date_of_death, Some(date(2019, 3, 27)));
    assert_eq!(a.age, Some(84));
    assert_eq!(a.in_space, Some(false));
    assert_eq!(a.time_in_space, Dur::parse("P20DT17H48M23S"));
    assert_eq!(a.eva_time, Some(Dur::ZERO));
    assert_eq!(
        (a.flights_count, a.landings_count, a.spacewalks_count),
        (Some(3), Some(3), Some(0))
    );
    assert_eq!(a.first_flight, Some(ts("1963-06-14T11:58:58Z")));
    assert_eq!(a.last_flight, Some(ts("1978-08-26T14:51:30Z")));
    assert!(a
        .bio
        .as_deref()
        .is_some_and(|b| b.starts_with("Valery Fyodorovich Bykovsky")));
    assert_eq!(
        a.wiki.as_deref(),
        Some("https://en.wikipedia.org/wiki/Valery_Bykovsky")
    );

    // The launches flown: a full one, one with nulls, one with few fields.
    let names: Vec<Option<&str>> = a.flights.iter().map(|l| l.name.as_deref()).collect();
    assert_eq!(
        names,
        [
            Some("Vostok-K | Vostok 5"),
            Some("Soyuz-U | Soyuz 22"),
            Some("Soyuz-U | Soyuz 31")
        ]
    );
    let vostok = &a.flights[0];
    assert_eq!(vostok.valid_id(), Some(VOSTOK_5));
    assert_eq!(vostok.net, Some(ts("1963-06-14T11:58:58Z")));
    assert_eq!(
        vostok.status.as_ref().and_then(|s| s.name()),
        Some("Launch Successful")
    );
    assert_eq!(vostok.rocket_name(), Some("Vostok-K"));
    let soyuz_22 = &a.flights[1];
    assert_eq!(
        soyuz_22.valid_id(),
        Some("7a4c4a0e-6f4b-4b40-9a1e-2b2c6f1d5e22")
    );
    assert_eq!(soyuz_22.net, Some(ts("1976-09-15T09:48:15Z")));
    assert_eq!(
        (&soyuz_22.status, &soyuz_22.pad, &soyuz_22.rocket),
        (&None, &None, &None)
    );
    assert_eq!(
        soyuz_22
            .launch_service_provider
            .as_ref()
            .and_then(|p| p.abbrev.as_deref()),
        Some("CCCP")
    );
    assert_eq!(
        a.flights[2].status.as_ref().and_then(|s| s.name()),
        Some("Launch Successful")
    );
    assert_eq!(a.flights[2].window_start, None);

    // The flights landed on.
    assert_eq!(a.landings.len(), 2);
    let vostok_5 = &a.landings[0];
    assert_eq!(vostok_5.id, 358);
    let craft = vostok_5.spacecraft.as_ref().unwrap();
    assert_eq!((craft.id, craft.name.as_str()), (231, "Vostok-3KA No.7"));
    assert_eq!(
        vostok_5.launch.as_ref().and_then(Launch::valid_id),
        Some(VOSTOK_5)
    );
    assert_eq!(vostok_5.duration, Dur::parse("P4DT23H7M2S"));
    let soyuz = &a.landings[1];
    assert_eq!(soyuz.id, 402);
    assert_eq!(
        soyuz.spacecraft.as_ref().map(|s| s.name.as_str()),
        Some("Soyuz 7K-T No.66")
    );
    assert_eq!((&soyuz.launch, soyuz.duration), (&None, None));
}

#[test]
fn the_2_2_0_astronaut_reads_into_the_same_model() {
    let a: Astronaut = record("astronaut-2.2.0.json");
    assert_eq!(a.id, Some(233));
    assert_eq!(a.name.as_deref(), Some("Roman Romanenko"));
    assert_eq!(a.status_name(), Some("Retired"));
    assert_eq!(a.kind_name(), Some("Government"));
    // 2.2.0: agency `type` a string, nationality a string, `profile_image` a URL.
    assert_eq!(
        a.agency
            .as_ref()
            .and_then(|g| g.kind.as_ref())
            .and_then(|k| k.name()),
        Some("Government")
    );
    assert_eq!(
        a.agency_name(),
        Some("Russian Federal Space Agency (ROSCOSMOS)")
    );
    assert_eq!(a.nationality, ["Russian"]);
    assert!(a
        .image
        .as_ref()
        .and_then(|i| i.image_url.as_deref())
        .is_some_and(|u| u.ends_with("roman2520romanenko_image_20181201213713.jpg")));
    assert_eq!(a.date_of_birth, Some(date(1971, 8, 9)));
    assert_eq!(a.date_of_death, None);
    assert_eq!(a.age, Some(54));
    assert_eq!(a.time_in_space, Dur::parse("P333DT11H32S"));
    assert_eq!(a.eva_time, Dur::parse("PT12H49M"));
    assert_eq!(
        (a.flights_count, a.landings_count, a.spacewalks_count),
        (Some(2), Some(1), Some(1))
    );
    assert_eq!(a.first_flight, Some(ts("2009-05-27T10:34:53Z")));
    assert_eq!(a.last_flight, Some(ts("2012-12-19T12:12:35Z")));
    assert_eq!(a.flights.len(), 2);
    let tma_15 = &a.flights[0];
    assert_eq!(tma_15.valid_id(), Some(TMA_15));
    assert_eq!(tma_15.name.as_deref(), Some("Soyuz-FG | Soyuz TMA-15"));
    assert_eq!(tma_15.net, Some(ts("2009-05-27T10:34:53Z")));
    assert_eq!(
        tma_15.status.as_ref().and_then(|s| s.name()),
        Some("Launch Successful")
    );
    let tma_07m = &a.flights[1];
    assert_eq!(
        tma_07m.valid_id(),
        Some("4f6c0a2e-7b1d-4e0e-9c55-9d2b8e0a7007")
    );
    assert_eq!(
        (tma_07m.window_start, &tma_07m.pad),
        (None, &None),
        "nulls stay missing"
    );
    assert_eq!(a.landings.len(), 1);
    let landed = &a.landings[0];
    assert_eq!(landed.id, 219);
    assert_eq!(
        landed.spacecraft.as_ref().map(|s| (s.id, s.name.as_str())),
        Some((78, "Soyuz TMA-15"))
    );
    assert_eq!(
        landed.landing.as_ref().map(|l| l.outcome()),
        Some("success")
    );
}

#[test]
fn astronauts_with_nothing_but_an_id() {
    for file in ["astronaut-2.3.0-nulls.json", "astronaut-2.2.0-nulls.json"] {
        let a: Astronaut = record(file);
        assert!(a.id.is_some(), "{file}");
        assert_eq!(
            Astronaut {
                id: a.id,
                ..Astronaut::default()
            },
            a,
            "{file}: every other field empty"
        );
    }
}

#[test]
fn the_2_3_0_station() {
    let s: SpaceStation = record("station-2.3.0.json");
    assert_eq!(s.id, 4);
    assert_eq!(
        s.url.as_deref(),
        Some("https://ll.thespacedevs.com/2.3.0/space_stations/4/?format=json")
    );
    assert_eq!(s.name, "International Space Station");
    assert_eq!(s.status_name(), Some("Active"));
    assert_eq!(s.kind_name(), Some("Government"));
    assert_eq!(s.founded, Some(date(1998, 11, 20)));
    assert_eq!(s.deorbited, None);
    assert!(s
        .description
        .as_deref()
        .is_some_and(|d| d.starts_with("The International Space Station (ISS)")));
    assert_eq!(s.orbit.as_deref(), Some("Low Earth Orbit"));
    assert_eq!(s.owner_names(), "NASA, RFSA, ESA");
    assert_eq!(
        s.owners[0].countries(),
        "United States of America",
        "owners are whole agencies"
    );
    assert_eq!(s.active_expeditions.len(), 1);
    let expedition = &s.active_expeditions[0];
    assert_eq!(expedition.id, Some(156));
    assert_eq!(expedition.name.as_deref(), Some("Expedition 72"));
    assert_eq!(expedition.start, Some(ts("2024-09-23T07:37:00Z")));
    assert_eq!(expedition.end, None);
    assert_eq!(
        s.crew_on_board().count(),
        0,
        "2.3.0's schema sends no expedition crew"
    );
    assert_eq!(
        (s.height, s.width, s.mass, s.volume),
        (Some(73.0), Some(109.0), Some(450.0), Some(916.0))
    );
    assert_eq!((s.onboard_crew, s.docked_vehicles), (Some(7), Some(2)));
    assert_eq!(
        s.image.as_ref().and_then(|i| i.credit.as_deref()),
        Some("NASA")
    );

    let ports: Vec<(Option<u64>, Option<&str>)> = s
        .docking_location
        .iter()
        .map(|p| (p.id, p.name.as_deref()))
        .collect();
    assert_eq!(
        ports,
        [
            (Some(20), Some("Zarya nadir")),
            (Some(31), Some("Harmony zenith")),
            (Some(29), Some("Unity nadir"))
        ]
    );
    let docked: Vec<_> = s.docked_now().collect();
    assert_eq!(docked.len(), 2, "Zarya nadir is free");
    let (port, dragon) = docked[0];
    assert_eq!(port.name.as_deref(), Some("Harmony zenith"));
    assert_eq!(dragon.id, Some(650));
    assert_eq!(dragon.docking, Some(ts("2024-09-29T21:30:00Z")));
    assert_eq!(dragon.departure, None);
    assert_eq!(dragon.chaser_name(), Some("Crew Dragon Freedom"));
    assert_eq!(dragon.chaser_flight_id(), Some(1203));
    assert_eq!(
        dragon.chaser_launch_id(),
        Some("d7e8f9a0-1b2c-4d3e-8f4a-5b6c7d8e9f09")
    );
    assert_eq!(
        dragon
            .flight_vehicle_chaser
            .as_ref()
            .and_then(|f| f.spacecraft_id()),
        Some(697)
    );
    let (port, cygnus) = docked[1];
    assert_eq!(port.name.as_deref(), Some("Unity nadir"));
    assert_eq!(
        cygnus.chaser_name(),
        Some("Cygnus NG-21 (S.S. Francis R. Scobee)")
    );
    assert_eq!(cygnus.chaser_flight_id(), None, "a payload flight");
    assert_eq!(
        cygnus.chaser_launch_id(),
        Some("2a4f3c8e-5b6d-4c1e-8f7a-9b0c1d2e3f21")
    );

    // Active docking events name the target only (the schema's `ForChaser` shape).
    assert_eq!(s.active_docking_events.len(), 1);
    let active = &s.active_docking_events[0];
    assert_eq!(active.id, Some(650));
    assert_eq!(active.station_id(), Some(4));
    assert_eq!(active.target_name(), Some("International Space Station"));
    assert_eq!(active.port(), Some("Harmony zenith"));
    assert_eq!(active.chaser_name(), None);
}

#[test]
fn the_2_2_0_station_reads_into_the_same_model() {
    let s: SpaceStation = record("station-2.2.0.json");
    assert_eq!(s.id, 4);
    assert_eq!(s.name, "International Space Station");
    assert_eq!(s.status_name(), Some("Active"));
    assert_eq!(s.founded, Some(date(1998, 11, 20)));
    assert_eq!(s.orbit.as_deref(), Some("Low Earth Orbit"));
    // 2.2.0: `image_url` a string, a width sent as a string, agency `type` a string.
    assert!(s
        .image
        .as_ref()
        .and_then(|i| i.image_url.as_deref())
        .is_some_and(
            |u| u.ends_with("international2520space2520station_image_20190220215716.jpeg")
        ));
    assert_eq!(s.width, Some(109.0));
    assert_eq!(s.owner_names(), "NASA, RFSA");
    assert_eq!(
        s.owners[0].kind.as_ref().and_then(|k| k.name()),
        Some("Government")
    );
    assert_eq!((s.onboard_crew, s.docked_vehicles), (Some(2), Some(1)));
    // 2.2.0 sends the expedition's crew.
    let crew: Vec<(Option<&str>, Option<&str>, Option<u64>)> = s
        .crew_on_board()
        .map(|c| {
            let a = c.astronaut.as_ref();
            (
                a.and_then(|a| a.name.as_deref()),
                c.role.as_ref().and_then(|r| r.role.as_deref()),
                a.and_then(|a| a.id),
            )
        })
        .collect();
    assert_eq!(
        crew,
        [
            (Some("Roman Romanenko"), Some("Commander"), Some(233)),
            (Some("Frank De Winne"), Some("Flight Engineer"), Some(91))
        ]
    );
    // 2.2.0 `docked` (2.3.0 `currently_docked`) with its `flight_vehicle`.
    let docked: Vec<_> = s.docked_now().collect();
    assert_eq!(docked.len(), 1, "Pirs nadir is free");
    let (port, soyuz) = docked[0];
    assert_eq!(
        (port.id, port.name.as_deref()),
        (Some(20), Some("Zarya nadir"))
    );
    assert_eq!(soyuz.id, Some(97));
    assert_eq!(soyuz.chaser_name(), Some("Soyuz TMA-15"));
    assert_eq!(soyuz.chaser_flight_id(), Some(219));
    assert_eq!(s.active_docking_events, []);
}

#[test]
fn stations_with_nothing_but_an_id() {
    for file in ["station-2.3.0-nulls.json", "station-2.2.0-nulls.json"] {
        let s: SpaceStation = record(file);
        assert_eq!(
            SpaceStation {
                id: 4,
                ..SpaceStation::default()
            },
            s,
            "{file}"
        );
        assert_eq!(s.docked_now().count(), 0);
    }
}

#[test]
fn a_page_of_2_3_0_docking_events() {
    let page = page("docking_events-2.3.0.json");
    assert_eq!((page.count, page.skipped), (Some(3), 0));
    let ids: Vec<Option<u64>> = page.results.iter().map(|e| e.id).collect();
    assert_eq!(ids, [Some(97), Some(611), Some(650)]);

    let tma_15 = &page.results[0];
    assert_eq!(
        tma_15.url.as_deref(),
        Some("https://ll.thespacedevs.com/2.3.0/docking_events/97/?format=json")
    );
    assert_eq!(tma_15.docking, Some(ts("2009-05-29T12:43:00Z")));
    assert_eq!(tma_15.departure, Some(ts("2009-12-01T03:56:00Z")));
    assert_eq!(tma_15.port(), Some("Zarya nadir"));
    assert_eq!(
        tma_15.docking_location.as_ref().and_then(|l| l.id),
        Some(20)
    );
    assert_eq!(tma_15.station_id(), Some(4));
    assert_eq!(tma_15.target_name(), Some("International Space Station"));
    assert_eq!(tma_15.chaser_name(), Some("Soyuz TMA-15"));
    assert_eq!(tma_15.chaser_flight_id(), Some(219));
    assert_eq!(tma_15.chaser_launch_id(), Some(TMA_15));
    let chaser = tma_15.flight_vehicle_chaser.as_ref().unwrap();
    assert_eq!(chaser.spacecraft_id(), Some(78));
    assert_eq!(
        chaser.launch.as_ref().and_then(|l| l.name.as_deref()),
        Some("Soyuz-FG | Soyuz TMA-15")
    );
    assert_eq!(
        tma_15
            .docked_for(Timestamp::now())
            .map(Dur::human)
            .as_deref(),
        Some("185d 15h")
    );

    let cygnus = &page.results[1];
    assert_eq!(cygnus.port(), Some("Unity nadir"));
    assert_eq!(
        cygnus.chaser_name(),
        Some("Cygnus NG-21 (S.S. Francis R. Scobee)")
    );
    assert_eq!(cygnus.chaser_flight_id(), None, "a payload flight");
    assert_eq!(
        cygnus.chaser_launch_id(),
        Some("2a4f3c8e-5b6d-4c1e-8f7a-9b0c1d2e3f21")
    );

    let dragon = &page.results[2];
    assert_eq!(dragon.departure, None);
    assert_eq!(
        dragon.docked_for(ts("2024-09-30T21:30:00Z")),
        Some(Dur::from_secs(86_400)),
        "still docked: up to now"
    );
    assert_eq!(dragon.docking_location.as_ref().and_then(|l| l.id), None);
    assert_eq!(dragon.port(), Some("Harmony zenith"));
    assert_eq!(dragon.station_id(), Some(4), "from the target");
    assert_eq!(dragon.chaser_name(), Some("Crew Dragon Freedom"));
    assert_eq!(dragon.chaser_flight_id(), Some(1203));
    assert_eq!(dragon.chaser_launch_id(), None, "its launch is null");
}

#[test]
fn a_page_of_2_2_0_docking_events_reads_into_the_same_model() {
    let page = page("docking_events-2.2.0.json");
    assert_eq!((page.count, page.skipped), (Some(2), 0));
    let tma_15 = &page.results[0];
    assert_eq!(tma_15.id, Some(97));
    // 2.2.0: `flight_vehicle`, `space_station` and a top-level `launch_id`.
    assert_eq!(tma_15.chaser_name(), Some("Soyuz TMA-15"));
    assert_eq!(tma_15.chaser_flight_id(), Some(219));
    assert_eq!(
        tma_15
            .flight_vehicle_chaser
            .as_ref()
            .and_then(|f| f.spacecraft_id()),
        Some(78)
    );
    assert_eq!(tma_15.chaser_launch_id(), Some(TMA_15));
    assert_eq!(tma_15.station_id(), Some(4));
    assert_eq!(tma_15.target_name(), Some("International Space Station"));
    assert_eq!(tma_15.port(), Some("Zarya nadir"));
    assert_eq!(tma_15.docking, Some(ts("2009-05-29T12:43:00Z")));
    assert_eq!(tma_15.departure, Some(ts("2009-12-01T03:56:00Z")));

    let soyuz = &page.results[1];
    assert_eq!(soyuz.chaser_name(), Some("Soyuz MS-26"));
    assert_eq!(soyuz.chaser_flight_id(), Some(1201));
    assert_eq!(soyuz.chaser_launch_id(), None);
    assert_eq!(
        (soyuz.station_id(), soyuz.target_name()),
        (None, None),
        "no station named anywhere"
    );
    assert_eq!(soyuz.port(), Some("Rassvet nadir"));
    assert_eq!(soyuz.departure, None);
}

#[test]
fn docking_events_with_nothing_but_an_id() {
    for file in [
        "docking_events-2.3.0-nulls.json",
        "docking_events-2.2.0-nulls.json",
    ] {
        let page = page(file);
        assert_eq!((page.results.len(), page.skipped), (1, 0), "{file}");
        let e = &page.results[0];
        assert_eq!(
            DockingEvent {
                id: Some(97),
                ..DockingEvent::default()
            },
            *e,
            "{file}"
        );
        assert_eq!(
            (e.chaser_name(), e.chaser_flight_id(), e.station_id()),
            (None, None, None)
        );
        assert_eq!(e.docked_for(Timestamp::now()), None);
    }
}

#[test]
fn the_2_3_0_launch_carries_its_spacecraft_flight() {
    let l: Launch = record("launch-2.3.0.json");
    assert_eq!(l.valid_id(), Some(VOSTOK_5));
    assert_eq!(l.name.as_deref(), Some("Vostok-K | Vostok 5"));
    assert_eq!(
        l.status.as_ref().and_then(|s| s.name()),
        Some("Launch Successful")
    );
    assert_eq!(l.net, Some(ts("1963-06-14T11:58:58Z")));
    assert_eq!(l.window_start, Some(ts("1963-06-14T11:58:58Z")));
    assert_eq!(l.window_end, Some(ts("1963-06-14T11:58:58Z")));
    let precision = l.net_precision.as_ref().unwrap();
    assert_eq!(
        (precision.name(), precision.abbrev.as_deref()),
        (Some("Second"), Some("SEC"))
    );
    let provider = l.launch_service_provider.as_ref().unwrap();
    assert_eq!(
        (provider.id, provider.name(), provider.abbrev.as_deref()),
        (Some(66), Some("Soviet Space Program"), Some("CCCP"))
    );
    assert_eq!(l.rocket_name(), Some("Vostok-K"));
    assert_eq!(l.pad.as_ref().and_then(|p| p.name.as_deref()), Some("1/5"));
    assert_eq!(
        l.location_name(),
        Some("Baikonur Cosmodrome, Republic of Kazakhstan")
    );
    assert_eq!(l.country(), Some("Kazakhstan"));
    let mission = l.mission.as_ref().unwrap();
    assert_eq!(mission.name.as_deref(), Some("Vostok 5"));
    assert_eq!(mission.agencies.len(), 1);
    assert_eq!(mission.agencies[0].abbrev.as_deref(), Some("CCCP"));
    assert_eq!(mission.agencies[0].countries(), "Soviet Union");

    let flights = l.spacecraft_flights();
    assert_eq!(flights.len(), 1);
    let f = &flights[0];
    assert_eq!(f.id, 358);
    assert_eq!(f.launch, None, "the launch is the record itself");
    assert_eq!(
        f.spacecraft.as_ref().map(|s| (s.id, s.name.as_str())),
        Some((231, "Vostok-3KA No.7"))
    );
    assert_eq!(f.duration, Dur::parse("P4DT23H7M2S"));
    let pilot = f.launch_crew[0].astronaut.as_ref().unwrap();
    assert_eq!(
        (pilot.id, pilot.name.as_deref()),
        (Some(84), Some("Valery Bykovsky"))
    );
    assert_eq!(f.landing_crew.len(), 1);
}

#[test]
fn the_2_2_0_launch_carries_its_one_spacecraft_flight() {
    let l: Launch = record("launch-2.2.0.json");
    assert_eq!(l.valid_id(), Some(TMA_15));
    assert_eq!(l.name.as_deref(), Some("Soyuz-FG | Soyuz TMA-15"));
    assert_eq!(l.net, Some(ts("2009-05-27T10:34:53Z")));
    assert_eq!(l.window_end, Some(ts("2009-05-27T10:34:53Z")));
    assert_eq!(l.net_precision, None);
    assert_eq!(
        l.launch_service_provider.as_ref().and_then(|p| p.name()),
        Some("Russian Federal Space Agency (ROSCOSMOS)")
    );
    assert_eq!(l.rocket_name(), Some("Soyuz FG"));
    // 2.2.0: a country code on the pad and its location.
    assert_eq!(l.country(), Some("KAZ"));
    assert_eq!(
        l.location_name(),
        Some("Baikonur Cosmodrome, Republic of Kazakhstan")
    );
    let mission = l.mission.as_ref().unwrap();
    assert_eq!(mission.agencies[0].countries(), "RUS");
    // 2.2.0: `spacecraft_stage` is one object.
    let flights = l.spacecraft_flights();
    assert_eq!(flights.len(), 1);
    let f = &flights[0];
    assert_eq!(f.id, 219);
    assert_eq!(
        f.spacecraft.as_ref().map(|s| s.name.as_str()),
        Some("Soyuz TMA-15")
    );
    assert_eq!(f.launch_crew.len(), 3);
    assert_eq!(f.docking_events.len(), 1);
    assert_eq!(f.docking_events[0].port(), Some("Zarya nadir"));
    assert_eq!(f.docking_events[0].station_id(), Some(4));
}

#[test]
fn launches_with_nothing_but_an_id() {
    for (file, id) in [
        ("launch-2.3.0-nulls.json", VOSTOK_5),
        ("launch-2.2.0-nulls.json", TMA_15),
    ] {
        let l: Launch = record(file);
        assert_eq!(
            Launch {
                id: Some(id.to_string()),
                ..Launch::default()
            },
            l,
            "{file}"
        );
        assert_eq!(l.spacecraft_flights(), []);
        assert_eq!((l.country(), l.location_name()), (None, None));
    }
}

/// A record without an id it can be opened by is refused, as spacecraft are.
#[test]
fn records_without_a_usable_id_are_refused() {
    for body in [
        r#"{"name": "x"}"#,
        r#"{"id": 0}"#,
        r#"{"id": -4}"#,
        r#"{"id": 1.5}"#,
    ] {
        assert!(parse_record::<Astronaut>(body).is_err(), "{body}");
        assert!(parse_record::<SpaceStation>(body).is_err(), "{body}");
    }
    for id in [
        r#""../spacecraft/1""#,
        r#""0d0acc45?format=api""#,
        r#""""#,
        "null",
    ] {
        let body = format!(r#"{{"id": {id}, "name": "x"}}"#);
        assert!(parse_record::<Launch>(&body).is_err(), "{body}");
    }
    // In a page, such rows are skipped and counted, as everywhere.
    let page: Page<DockingEvent> = parse_page(
        r#"{"count": 3, "results": [{"id": 1}, {"id": 0}, {"docking": "2024-01-01T00:00:00Z"}]}"#,
    )
    .unwrap();
    assert_eq!((page.results.len(), page.skipped), (1, 2));
}

/// Inside a flight, an astronaut or a docking event without a usable id
/// still shows; only the id is left out.
#[test]
fn nested_records_keep_everything_but_a_bad_id() {
    let body = r#"{"id": 1,
        "launch_crew": [{"id": 5, "astronaut": {"id": -3, "name": "Nobody Known"}}],
        "docking_events": [{"id": "x", "docking": "2024-01-01T00:00:00Z",
            "docking_location": {"id": 1.5, "name": "Harmony forward"}}]}"#;
    let f: hangar::api::Flight = parse_record(body).unwrap();
    let a = f.launch_crew[0].astronaut.as_ref().unwrap();
    assert_eq!((a.id, a.name.as_deref()), (None, Some("Nobody Known")));
    let e = &f.docking_events[0];
    assert_eq!((e.id, e.port()), (None, Some("Harmony forward")));
    assert_eq!(e.docking_location.as_ref().and_then(|l| l.id), None);
}

/// Dates are `YYYY-MM-DD`; a date-time where a date was reads as the date
/// it writes, anything else as missing.
#[test]
fn dates_are_read_tolerantly() {
    let read = |v: &str| {
        let body = format!(r#"{{"id": 1, "date_of_birth": {v}}}"#);
        parse_record::<Astronaut>(&body).unwrap().date_of_birth
    };
    assert_eq!(read(r#""1934-08-02""#), Some(date(1934, 8, 2)));
    assert_eq!(read(r#"" 1934-08-02 ""#), Some(date(1934, 8, 2)));
    assert_eq!(
        read(r#""1934-08-02T23:30:00-02:00""#),
        Some(date(1934, 8, 2))
    );
    assert_eq!(read(r#""1934-08-02T23:30:00Z""#), Some(date(1934, 8, 2)));
    assert_eq!(read(r#""9999-12-31""#), Some(date(9999, 12, 31)));
    for bad in [
        "null",
        "19340802",
        r#""1934-02-30""#,
        r#""02/08/1934""#,
        r#""""#,
        "[]",
    ] {
        assert_eq!(read(bad), None, "{bad}");
    }
}

/// What a model writes (2.3.0's names) it reads back the same: the typed
/// JSON the CLI falls back to is a record hangar can read again.
#[test]
fn records_read_back_what_they_write() {
    fn round_trip<T>(file: &str)
    where
        T: serde::Serialize
            + serde::de::DeserializeOwned
            + hangar::api::paging::Record
            + PartialEq
            + std::fmt::Debug,
    {
        let first: T = record(file);
        let written = serde_json::to_string(&first).unwrap();
        let again: T = parse_record(&written).unwrap();
        assert_eq!(again, first, "{file}");
    }
    round_trip::<Astronaut>("astronaut-2.3.0.json");
    round_trip::<Astronaut>("astronaut-2.2.0.json");
    round_trip::<SpaceStation>("station-2.3.0.json");
    round_trip::<SpaceStation>("station-2.2.0.json");
    round_trip::<Launch>("launch-2.3.0.json");
    round_trip::<Launch>("launch-2.2.0.json");
}
