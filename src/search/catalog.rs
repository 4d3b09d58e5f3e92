//! The [`Catalog`]: a load's records with everything precomputed for
//! searching and ordering them, built once per load (off the UI loop).

use super::fold;
use super::order::{Order, OrderField};
use super::rows::Mask;
use crate::api::models::SpacecraftConfig;
use crate::api::Spacecraft;
use std::collections::HashMap;
use std::sync::Arc;

/// A loaded catalog and everything precomputed for searching and ordering it.
#[derive(Debug)]
pub struct Catalog {
    records: Vec<Spacecraft>,
    /// Every folded name in id order, back to back (a newline after each), so
    /// a scan in id order reads memory front to back. Row `r`'s name is
    /// `names[name_at[r]..name_at[r + 1] - 1]`.
    names: String,
    name_at: Vec<u32>,
    /// Per row, which bytes and byte pairs its folded name holds (see [`Mask`]).
    pub(super) masks: Vec<Mask>,
    pub(super) config_of: Vec<u32>,
    /// Distinct folded configuration names; index 0 is the empty name.
    pub(super) configs: Vec<Box<str>>,
    by_id: HashMap<u64, u32>,
    /// Every ordering's permutation, both directions; ties by id.
    sorted: HashMap<Order, Vec<u32>>,
}

impl Default for Catalog {
    fn default() -> Self {
        Catalog::new(Vec::new())
    }
}

impl Catalog {
    pub fn new(mut records: Vec<Spacecraft>) -> Self {
        records.sort_by_key(|s| s.id);
        records.dedup_by_key(|s| s.id);
        let mut shared = SharedConfigs::default();
        records.iter_mut().for_each(|s| shared.share(s));
        let mut configs: Vec<Box<str>> = vec!["".into()];
        let mut config_index: HashMap<Box<str>, u32> = HashMap::from([("".into(), 0)]);
        let mut names = String::new();
        let mut name_at = Vec::with_capacity(records.len() + 1);
        let mut config_of = Vec::with_capacity(records.len());
        let mut masks = Vec::with_capacity(records.len());
        let mut by_id = HashMap::with_capacity(records.len());
        for (i, s) in records.iter().enumerate() {
            name_at.push(names.len() as u32);
            // The API's own text: its search sees that, not the cleaned name.
            let folded = fold(s.search_name());
            masks.push(Mask::of(&folded));
            names.push_str(&folded);
            names.push('\n');
            let config: Box<str> = fold(s.search_config_name().unwrap_or_default()).into();
            let next = configs.len() as u32;
            let index = *config_index.entry(config.clone()).or_insert_with(|| {
                configs.push(config);
                next
            });
            config_of.push(index);
            by_id.insert(s.id, i as u32);
        }
        name_at.push(names.len() as u32);
        let mut catalog = Catalog {
            records,
            names,
            name_at,
            masks,
            config_of,
            configs,
            by_id,
            sorted: HashMap::new(),
        };
        for field in OrderField::ALL {
            let ascending = catalog.sort_ascending(field);
            let descending = catalog.descending(field, &ascending);
            catalog.sorted.insert(
                Order {
                    field,
                    descending: false,
                },
                ascending,
            );
            catalog.sorted.insert(
                Order {
                    field,
                    descending: true,
                },
                descending,
            );
        }
        catalog
    }

    pub fn len(&self) -> usize {
        self.records.len()
    }

    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }

    pub fn records(&self) -> &[Spacecraft] {
        &self.records
    }

    pub fn get(&self, row: u32) -> Option<&Spacecraft> {
        self.records.get(row as usize)
    }

    pub fn row_of(&self, id: u64) -> Option<u32> {
        self.by_id.get(&id).copied()
    }

    pub(super) fn name(&self, row: u32) -> &str {
        let r = row as usize;
        &self.names[self.name_at[r] as usize..self.name_at[r + 1] as usize - 1]
    }

    fn sort_ascending(&self, field: OrderField) -> Vec<u32> {
        let mut rows: Vec<u32> = (0..self.records.len() as u32).collect();
        // Records are in id order, so a stable sort on the key alone breaks ties by id.
        if field == OrderField::Name {
            rows.sort_by(|&a, &b| self.name(a).cmp(self.name(b)));
        } else {
            let order = Order {
                field,
                descending: false,
            };
            let keys: Vec<Option<i64>> =
                self.records.iter().map(|s| field.numeric_key(s)).collect();
            rows.sort_by(|&a, &b| order.compare_keys(keys[a as usize], keys[b as usize]));
        }
        rows
    }

    fn same_key(&self, field: OrderField, a: u32, b: u32) -> bool {
        if field == OrderField::Name {
            self.name(a) == self.name(b)
        } else {
            field.numeric_key(&self.records[a as usize])
                == field.numeric_key(&self.records[b as usize])
        }
    }

    /// The ascending permutation reversed, with each run of equal keys turned
    /// back so ties still go by id.
    fn descending(&self, field: OrderField, ascending: &[u32]) -> Vec<u32> {
        let mut rows: Vec<u32> = ascending.iter().rev().copied().collect();
        let mut start = 0;
        while start < rows.len() {
            let mut end = start + 1;
            while end < rows.len() && self.same_key(field, rows[start], rows[end]) {
                end += 1;
            }
            rows[start..end].reverse();
            start = end;
        }
        rows
    }

    /// Every row in `order` (presorted when the catalog was built).
    pub fn ordered(&self, order: Order) -> &[u32] {
        self.sorted.get(&order).map_or(&[], Vec::as_slice)
    }

    /// Distinct values of a field across the catalog, most common first (for the filter panel).
    pub fn distinct(&self, value: impl Fn(&Spacecraft) -> Option<&str>) -> Vec<String> {
        let mut counts: HashMap<&str, usize> = HashMap::new();
        for s in &self.records {
            if let Some(v) = value(s) {
                *counts.entry(v).or_default() += 1;
            }
        }
        let mut values: Vec<(&str, usize)> = counts.into_iter().collect();
        values.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        values.into_iter().map(|(v, _)| v.to_string()).collect()
    }
}

/// Makes spacecraft with equal configurations point at one copy: a
/// configuration is most of a record's size, and a type's is the same in
/// every record of it. The loader shares as pages arrive, so the copies a
/// page brings are freed at once.
#[derive(Debug, Default)]
pub struct SharedConfigs(HashMap<i64, Arc<SpacecraftConfig>>);

impl SharedConfigs {
    pub fn share(&mut self, s: &mut Spacecraft) {
        let Some(config) = &s.spacecraft_config else {
            return;
        };
        let Some(id) = config.id else { return };
        match self.0.get(&id) {
            Some(first) if Arc::ptr_eq(first, config) => {}
            Some(first) if **first == **config => s.spacecraft_config = Some(first.clone()),
            Some(_) => {}
            None => {
                self.0.insert(id, config.clone());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::fixtures::{craft, ids, query_ids, sample};
    use crate::search::query::Query;

    #[test]
    fn every_order_matches_the_plain_sort() {
        let catalog = sample();
        for field in OrderField::ALL {
            for descending in [false, true] {
                let order = Order { field, descending };
                let plain = Query {
                    order,
                    ..Query::default()
                };
                let expected = query_ids(&catalog, plain);
                assert_eq!(ids(&catalog, catalog.ordered(order)), expected, "{order}");
            }
        }
    }

    #[test]
    fn equal_configurations_are_shared_and_different_ones_kept() {
        let config = |name: &str| {
            Some(Arc::new(SpacecraftConfig {
                id: Some(7),
                name: Some(name.into()),
                ..Default::default()
            }))
        };
        let mut records: Vec<Spacecraft> = (1..=3).map(|i| craft(i, "x", "ignored", 0)).collect();
        records[0].spacecraft_config = config("Soyuz MS");
        records[1].spacecraft_config = config("Soyuz MS");
        records[2].spacecraft_config = config("Soyuz MS (changed)");
        let catalog = Catalog::new(records);
        let configs: Vec<&Arc<SpacecraftConfig>> = catalog
            .records()
            .iter()
            .map(|s| s.spacecraft_config.as_ref().unwrap())
            .collect();
        assert!(Arc::ptr_eq(configs[0], configs[1]), "equal: one copy");
        assert!(
            !Arc::ptr_eq(configs[0], configs[2]),
            "different content keeps its own"
        );
        assert_eq!(configs[2].name.as_deref(), Some("Soyuz MS (changed)"));
    }
}
