//! The fake API's astronauts, stations, docking events and launches agree
//! with its flights, read with hangar's own client and parsers, and cost
//! requests as every other route does.

mod common;

use common::*;
use hangar::api::paging::{load_all, parse_page, parse_record, Page, Plan};
use hangar::api::{
    ApiError, Astronaut, Client, DockingEvent, Endpoints, Flight, Launch, Priority, SpaceStation,
};
use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;

const HOUR: Duration = Duration::from_secs(3600);

/// The fake's endpoints and its flights as hangar reads them: the fleet of
/// the budget tests.
fn read(ll2: &Ll2) -> (Endpoints, Vec<Flight>) {
    let flights = ll2.fake.flights();
    assert_eq!(flights.len(), 1206, "the budget tests' page counts hold");
    let typed: Vec<Flight> = flights
        .iter()
        .map(|f| serde_json::from_value(f.clone()).unwrap())
        .collect();
    (Endpoints::new(&ll2.url).unwrap(), typed)
}

fn client() -> Client {
    Client::new(fast_client()).unwrap()
}

fn crewed(crew: &[hangar::api::models::CrewMember], id: u64) -> bool {
    crew.iter()
        .any(|c| c.astronaut.as_ref().and_then(|a| a.id) == Some(id))
}

#[tokio::test]
async fn an_astronaut_has_flown_the_flights_whose_crews_name_them() {
    let ll2 = FakeLl2::new().start().await;
    let (fake, (endpoints, flights)) = (&ll2.fake, read(&ll2));
    let client = client();
    for id in 1..=ASTRONAUTS {
        let a: Astronaut = client
            .get(&endpoints.astronaut(id), parse_record)
            .await
            .unwrap();
        let launched: Vec<&Flight> = flights
            .iter()
            .filter(|f| crewed(&f.launch_crew, id))
            .collect();
        assert!(launched.len() > 5, "astronaut {id} shares several flights");
        let expected: Vec<Option<&str>> = launched
            .iter()
            .map(|f| f.launch.as_ref().and_then(Launch::valid_id))
            .collect();
        let got: Vec<Option<&str>> = a.flights.iter().map(Launch::valid_id).collect();
        assert_eq!(got, expected, "astronaut {id}: launches");
        let landed: Vec<u64> = flights
            .iter()
            .filter(|f| crewed(&f.landing_crew, id))
            .map(|f| f.id)
            .collect();
        let got: Vec<u64> = a.landings.iter().map(|f| f.id).collect();
        assert_eq!(got, landed, "astronaut {id}: landings");
        assert_eq!(a.flights_count, Some(launched.len() as u32));
        assert_eq!(a.landings_count, Some(landed.len() as u32));
        assert_eq!(a.first_flight, launched[0].launch_time());
        assert_eq!(a.last_flight, launched[launched.len() - 1].launch_time());
        assert_eq!(a.name, Some(format!("Astronaut {id}")));
        // The record is the crew member's, with more.
        let member = launched[0]
            .launch_crew
            .iter()
            .find_map(|c| c.astronaut.as_ref().filter(|m| m.id == Some(id)));
        let member = member.unwrap();
        assert_eq!(
            (&a.name, &a.nationality, a.time_in_space),
            (&member.name, &member.nationality, member.time_in_space)
        );
        assert!(member.flights.is_empty(), "a crew lists no flights");
    }
    assert_eq!(fake.paid().len(), ASTRONAUTS as usize);
}

#[tokio::test]
async fn a_station_s_docking_events_are_exactly_those_of_the_flights() {
    let ll2 = FakeLl2::new().start().await;
    let (fake, (endpoints, flights)) = (&ll2.fake, read(&ll2));
    let client = client();
    let mut total = 0;
    for Station {
        id: station, name, ..
    } in STATIONS
    {
        // Docking event id → the flight it is in.
        let expected: BTreeMap<u64, &Flight> = flights
            .iter()
            .flat_map(|f| f.docking_events.iter().map(move |e| (e, f)))
            .filter(|(e, _)| e.station_id() == Some(station))
            .map(|(e, f)| (e.id.unwrap(), f))
            .collect();
        assert!(expected.len() > 100, "{name}: more than a page");
        total += expected.len();
        let loaded = load_all::<DockingEvent, _, _>(
            &client,
            |o| endpoints.station_dockings_page(station, o),
            Plan::fresh(Priority::Explicit, None),
            |_| {},
        )
        .await;
        assert!(loaded.stopped.is_none(), "{:?}", loaded.stopped);
        assert_eq!(loaded.requests, expected.len().div_ceil(100));
        assert_eq!(loaded.count, Some(expected.len() as u64));
        let ids: BTreeSet<u64> = loaded.records.iter().filter_map(|e| e.id).collect();
        assert_eq!(ids, expected.keys().copied().collect(), "{name}");
        for e in &loaded.records {
            let flight = expected[&e.id.unwrap()];
            assert_eq!(
                e.chaser_flight_id(),
                Some(flight.id),
                "the chaser is the flight"
            );
            assert_eq!(
                e.chaser_name(),
                flight.spacecraft.as_ref().map(|s| s.name.as_str())
            );
            assert_eq!(
                e.chaser_launch_id(),
                flight.launch.as_ref().and_then(Launch::valid_id)
            );
            assert_eq!(e.station_id(), Some(station));
            assert_eq!(e.target_name(), Some(name));
            let own = flight.docking_events.iter().find(|d| d.id == e.id).unwrap();
            assert_eq!(
                (e.docking, e.departure, e.port()),
                (own.docking, own.departure, own.port())
            );
        }

        // Oldest first, and paged as DRF pages.
        let first: (Page<DockingEvent>, serde_json::Value) = client
            .get(&endpoints.station_dockings_page(station, 0), |body| {
                Ok((parse_page(body)?, serde_json::from_str(body).unwrap()))
            })
            .await
            .unwrap();
        let times: Vec<_> = first.0.results.iter().map(|e| e.docking).collect();
        assert!(times.is_sorted(), "{name}: ordering=docking");
        let next = first.1["next"].as_str().unwrap();
        assert!(
            next.contains(&format!("space_station_target__id={station}"))
                && next.contains("offset=100"),
            "{next}"
        );

        // What is docked now is the one event that has not left.
        let docked: Vec<&DockingEvent> = loaded
            .records
            .iter()
            .filter(|e| e.departure.is_none())
            .collect();
        assert_eq!(docked.len(), 1, "{name}");
        let s: SpaceStation = client
            .get(&endpoints.station(station), parse_record)
            .await
            .unwrap();
        assert_eq!((s.id, s.name.as_str()), (station, name));
        let now: Vec<_> = s.docked_now().collect();
        assert_eq!(now.len(), 1, "{name}");
        let (port, event) = now[0];
        assert_eq!(port.name.as_deref(), docked[0].port());
        assert_eq!(event.id, docked[0].id);
        assert_eq!(event.chaser_flight_id(), docked[0].chaser_flight_id());
        let visitor = expected[&docked[0].id.unwrap()];
        assert_eq!(s.onboard_crew, Some(visitor.launch_crew.len() as u32));
        assert_eq!(s.docked_vehicles, Some(1));
        assert_eq!(s.active_docking_events.len(), 1);
        assert_eq!(s.active_docking_events[0].id, docked[0].id);
    }
    assert_eq!(
        total,
        flights
            .iter()
            .map(|f| f.docking_events.len())
            .sum::<usize>(),
        "every docking is at one of the two stations"
    );
    // Two pages and a first page again, and the record, for each station.
    assert_eq!(fake.paid().len(), 8);
}

#[tokio::test]
async fn a_launch_carries_its_spacecraft_flight() {
    let ll2 = FakeLl2::new().start().await;
    let (endpoints, flights) = read(&ll2);
    let client = client();
    // A plain flight, a crewed one, one that docks, one that does both.
    for fid in [1u64, 3, 4, 12] {
        let flight = &flights[fid as usize - 1];
        let id = flight.launch.as_ref().and_then(Launch::valid_id).unwrap();
        let l: Launch = client
            .get(&endpoints.launch(id).unwrap(), parse_record)
            .await
            .unwrap();
        assert_eq!(l.valid_id(), Some(id));
        assert_eq!(l.name, flight.launch.as_ref().unwrap().name);
        assert_eq!(l.net, flight.launch_time());
        assert_eq!((l.window_start, l.window_end), (l.net, l.net));
        let carried = l.spacecraft_flights();
        assert_eq!(carried.len(), 1);
        let f = &carried[0];
        assert_eq!(f.id, fid);
        assert_eq!(f.launch, None);
        assert_eq!(
            (&f.launch_crew, &f.docking_events),
            (&flight.launch_crew, &flight.docking_events)
        );
        assert_eq!(l.country(), Some("Kazakhstan"));
    }
}

#[tokio::test]
async fn unknown_records_are_404s_and_cost_a_request_each() {
    let ll2 = FakeLl2::new().start().await;
    let (fake, (endpoints, _)) = (&ll2.fake, read(&ll2));
    let client = client();
    let missing = [
        (
            endpoints.astronaut(ASTRONAUTS + 1),
            "No Astronaut matches the given query.",
        ),
        (
            endpoints.station(5),
            "No SpaceStation matches the given query.",
        ),
        (
            endpoints
                .launch("00000000-0000-0000-0000-999999999999")
                .unwrap(),
            "No Launch matches the given query.",
        ),
        (
            format!("{}/docking_events/999999/?format=json", endpoints.base()),
            "No DockingEvent matches the given query.",
        ),
    ];
    for (url, expected) in &missing {
        match client.get(url, |b| Ok(b.to_string())).await {
            Err(ApiError::NotFound { detail, .. }) => {
                assert_eq!(detail.as_deref(), Some(*expected), "{url}")
            }
            other => panic!("{url}: {other:?}"),
        }
    }
    assert_eq!(fake.paid().len(), missing.len());
}

#[tokio::test]
async fn the_new_routes_are_budgeted_as_every_other() {
    let ll2 = FakeLl2::new().budget(3, HOUR).start().await;
    let (fake, (endpoints, _)) = (&ll2.fake, read(&ll2));
    let client = client();
    let urls = [
        endpoints.astronaut(1),
        endpoints.station(4),
        endpoints.station_dockings_page(18, 0),
        endpoints
            .launch("00000000-0000-0000-0000-000000000001")
            .unwrap(),
    ];
    for url in &urls[..3] {
        client.get(url, |b| Ok(b.to_string())).await.unwrap();
    }
    match client.get(&urls[3], |b| Ok(b.to_string())).await {
        Err(ApiError::Throttled { wait, .. }) => assert!(wait > Duration::from_secs(3500)),
        other => panic!("{other:?}"),
    }
    assert_eq!(fake.paid().len(), 3);
    assert_eq!(fake.refused(), 1);
    assert!(fake.paid()[2].contains("space_station_target__id=18"));
}
