//! Spacecraft and catalogs the unit tests of the parts share.

use super::catalog::Catalog;
use super::query::Query;
use crate::api::models::SpacecraftConfig;
use crate::api::Spacecraft;

/// A spacecraft with `flights` flights, of a configuration named `config`
/// (that has no id).
pub(super) fn craft(id: u64, name: &str, config: &str, flights: u32) -> Spacecraft {
    Spacecraft {
        id,
        name: name.into(),
        flights_count: Some(flights),
        spacecraft_config: Some(std::sync::Arc::new(SpacecraftConfig {
            name: Some(config.into()),
            ..Default::default()
        })),
        ..Default::default()
    }
}

pub(super) fn sample() -> Catalog {
    Catalog::new(vec![
        craft(5, "Soyuz MS-19", "Soyuz MS", 1),
        craft(2, "Dream Chaser Tenacity", "Dream Chaser", 0),
        craft(9, "Soyuz TMA-8", "Soyuz TMA", 1),
        craft(1, "Crew Dragon Endeavour", "Crew Dragon 2", 6),
        craft(7, "Progress MS-08", "Progress-MS", 1),
        craft(3, "Восток-1", "Восток", 1),
    ])
}

pub(super) fn ids(catalog: &Catalog, rows: &[u32]) -> Vec<u64> {
    rows.iter().map(|&r| catalog.get(r).unwrap().id).collect()
}

/// The ids of the rows a plain, one-shot `query` gives.
pub(super) fn query_ids(catalog: &Catalog, query: Query) -> Vec<u64> {
    query
        .apply(catalog.records())
        .iter()
        .map(|&i| catalog.records()[i].id)
        .collect()
}

/// Names and configurations built from pieces that overlap the queries in
/// many ways, so masks, byte pairs and configurations all decide some rows.
pub(super) fn random_catalog(rng: &mut fastrand::Rng, rows: u64) -> Catalog {
    let records = (1..=rows)
        .map(|id| craft(id, &random_text(rng), &random_text(rng), rng.u32(..5)))
        .collect();
    Catalog::new(records)
}

pub(super) fn random_text(rng: &mut fastrand::Rng) -> String {
    const PIECES: [&str; 14] = [
        "so", "yu", "z ", "Ms", "-1", "pro", "gress", "Со", "юз", "神", "舟", "o", "s", " ",
    ];
    (0..rng.usize(1..5))
        .map(|_| PIECES[rng.usize(..PIECES.len())])
        .collect()
}

/// A spacecraft of a configuration named `config` whose id is `id % 3`,
/// for the tests that filter by it.
pub(super) fn craft_with_config(id: u64, name: &str, config: &str) -> Spacecraft {
    Spacecraft {
        id,
        name: name.to_string(),
        spacecraft_config: Some(std::sync::Arc::new(SpacecraftConfig {
            id: Some(id as i64 % 3),
            name: Some(config.to_string()),
            ..Default::default()
        })),
        ..Default::default()
    }
}
