//! The offline snapshot: the seed responses in `assets/snapshot/`, embedded in
//! the binary, so hangar shows real data with no network and no cache.
//!
//! The files are the API's responses verbatim (three catalog pages, one 2.3.0
//! and one 2.2.0 flight); they are merged here the same way live pages are.

use crate::api::models::{exact_id, RawRecord};
use crate::api::paging::{parse_page, parse_record};
use crate::api::{Flight, Spacecraft};
use serde_json::Value;
use std::collections::{BTreeMap, HashMap};

const PAGES: [&str; 3] = [
    include_str!(
        "../../assets/snapshot/spacecraft-2.3.0-prod-offset20-ordering-mission_ends_count.json"
    ),
    include_str!(
        "../../assets/snapshot/spacecraft-2.3.0-dev-offset130-ordering-mission_ends_count.json"
    ),
    include_str!("../../assets/snapshot/spacecraft-2.3.0-dev-offset500-ordering--time_docked.json"),
];

const FLIGHTS: [&str; 2] = [
    include_str!("../../assets/snapshot/spacecraft_flights-2.3.0-prod-358-detailed.json"),
    include_str!("../../assets/snapshot/spacecraft-flight-2.2.0-prod-219.json"),
];

/// The snapshot's catalog as the API sent it, by id (for `--format json`);
/// spacecraft known only from a flight are that flight's `spacecraft`.
pub fn raw_catalog() -> HashMap<u64, Value> {
    let mut raw = HashMap::new();
    for body in FLIGHTS {
        if let Ok(RawRecord(flight)) = parse_record::<RawRecord>(body) {
            let spacecraft = flight
                .get("spacecraft")
                .filter(|s| s.get("response_mode").is_some());
            if let Some(s) = spacecraft {
                if let Some(id) = s.get("id").and_then(exact_id) {
                    raw.insert(id, s.clone());
                }
            }
        }
    }
    for body in PAGES {
        if let Ok(page) = parse_page::<RawRecord>(body) {
            raw.extend(page.results.into_iter().map(|r| (r.id(), r.0)));
        }
    }
    raw
}

/// The snapshot's 2.3.0 flights as the API sent them, by id (its 2.2.0
/// flight, which has no `response_mode`, prints as hangar reads it).
pub fn raw_flights() -> HashMap<u64, Value> {
    FLIGHTS
        .iter()
        .filter_map(|body| parse_record::<RawRecord>(body).ok())
        .filter(|r| r.0.get("response_mode").is_some())
        .map(|r| (r.id(), r.0))
        .collect()
}

/// Every flight in the snapshot.
pub fn flights() -> Vec<Flight> {
    FLIGHTS
        .iter()
        .filter_map(|body| parse_record::<Flight>(body).ok())
        .collect()
}

/// The catalog: every spacecraft of the pages and of the flights, one per id, in id order.
pub fn catalog() -> Vec<Spacecraft> {
    let mut merged = BTreeMap::new();
    for body in PAGES {
        if let Ok(page) = parse_page::<Spacecraft>(body) {
            merged.extend(page.results.into_iter().map(|s| (s.id, s)));
        }
    }
    for flight in flights() {
        if let Some(spacecraft) = flight.spacecraft {
            merged.entry(spacecraft.id).or_insert(*spacecraft);
        }
    }
    merged.into_values().collect()
}

/// One spacecraft, with the flights the snapshot has for it.
pub fn spacecraft(id: u64) -> Option<Spacecraft> {
    let mut record = catalog().into_iter().find(|s| s.id == id)?;
    record.flights = flights_of(id);
    Some(record)
}

/// The flights of one spacecraft, in launch order.
pub fn flights_of(spacecraft_id: u64) -> Vec<Flight> {
    let mut found: Vec<Flight> = flights()
        .into_iter()
        .filter(|f| f.spacecraft.as_ref().is_some_and(|s| s.id == spacecraft_id))
        .collect();
    found.sort_by_key(|f| (f.launch_time(), f.id));
    found
}

pub fn flight(id: u64) -> Option<Flight> {
    flights().into_iter().find(|f| f.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_embedded_file_parses() {
        for body in PAGES {
            let page = parse_page::<Spacecraft>(body).unwrap();
            assert_eq!(page.results.len(), 10);
            assert_eq!(page.skipped, 0);
        }
        assert_eq!(flights().len(), FLIGHTS.len());
    }

    #[test]
    fn the_catalog_is_the_union_of_pages_and_flights() {
        let catalog = catalog();
        // 30 distinct spacecraft in the pages, plus Vostok-3KA No.7 and Soyuz TMA-15 from the flights.
        assert_eq!(catalog.len(), 32);
        let ids: Vec<u64> = catalog.iter().map(|s| s.id).collect();
        let mut sorted = ids.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(ids, sorted, "unique and in id order");
        assert!(catalog.iter().any(|s| s.name == "Dream Chaser Tenacity"));
        assert!(catalog.iter().any(|s| s.name == "Soyuz TMA-15"));
    }

    #[test]
    fn flights_are_found_by_spacecraft() {
        assert_eq!(
            flights_of(231).iter().map(|f| f.id).collect::<Vec<_>>(),
            [358]
        );
        assert_eq!(
            flights_of(78).iter().map(|f| f.id).collect::<Vec<_>>(),
            [219]
        );
        assert!(flights_of(447).is_empty());
        assert_eq!(spacecraft(78).unwrap().flights.len(), 1);
        assert_eq!(
            flight(219).unwrap().destination.as_deref(),
            Some("International Space Station")
        );
    }
}
