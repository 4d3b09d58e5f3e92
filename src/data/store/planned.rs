//! Planned flights: the spacecraft flights whose launch has not happened.
//! The sync brings them with every flight, but its pages keep for days
//! while a NET slips and a crew is named. One request,
//! `launches/upcoming/?mode=detailed&spacecraft_config__ids=…`, brings every
//! launch to come that carries a configuration the catalog holds, with its
//! spacecraft flights; they are merged into the synced flights by flight id
//! ([`Store::flight_index`]), the newer copy winning.

use super::*;
use crate::api::Launch;

/// Planned flights asked for when the screen of what flies next opens and
/// they are older than this.
pub const PLANNED_WHEN_SHOWN: SignedDuration = SignedDuration::from_hours(3);

/// Otherwise they are asked for at most this often (three times a day).
pub const PLANNED_IN_BACKGROUND: SignedDuration = SignedDuration::from_hours(8);

impl Store {
    /// The configurations the catalog holds, in id order.
    fn catalog_configurations(&self) -> Vec<u64> {
        let catalog = self.catalog_local().fetched.value.records;
        let ids: BTreeSet<u64> = catalog
            .iter()
            .filter_map(|s| s.spacecraft_config.as_ref()?.id)
            .filter_map(|id| u64::try_from(id).ok())
            .filter(|&id| id > 0)
            .collect();
        ids.into_iter().collect()
    }

    /// The pages of planned launches for the catalog's configurations;
    /// `None` where the API has no such filter (2.2.0) or nothing is held.
    fn upcoming_pages(&self) -> Option<impl Fn(u64) -> String + '_> {
        let ids = self.catalog_configurations();
        let endpoints = &self.endpoints;
        endpoints.upcoming_page(&ids, 0)?;
        Some(move |offset| endpoints.upcoming_page(&ids, offset).unwrap_or_default())
    }

    /// Asks the API for the planned launches unless the copy held is
    /// younger than `max_age`: one request for up to 100 launches, none
    /// while fresh. The browser asks as background work (never the
    /// reserve); `hangar next` explicitly. Returns how many launches it holds.
    pub async fn refresh_planned(
        &self,
        max_age: SignedDuration,
        priority: Priority,
    ) -> Result<Fetched<u64>, StoreError> {
        let what = "the planned launches";
        let Some(pages) = self.upcoming_pages() else {
            return Err(self.no_data(
                what,
                "the API's version has no such list (2.3.0 has)".into(),
            ));
        };
        let before = self.held_flights();
        let found = self
            .listing_with(pages, max_age, priority, false, || None, |_| {})
            .await
            .map_err(|e| self.explain(e, what))?
            .ok_or_else(|| self.nothing_offline(what))?;
        // The synced flights are read again, with these merged in.
        self.reread_synced();
        if found.origin == Origin::Live {
            // What the new copies changed (a NET slipped, a crew named).
            let after = self.held_flights();
            self.note_flights((!before.is_empty()).then_some(before), &after, true);
        }
        Ok(found.map(|l: Listing<Launch>| l.records.len() as u64))
    }

    /// The spacecraft flights of the planned launches held, each with its
    /// launch, and when their oldest page was fetched: no request.
    pub(super) fn cached_planned_flights(&self) -> Option<(Vec<Flight>, Timestamp)> {
        let pages = self.upcoming_pages()?;
        let listing = self.cached_listing::<Launch>(&pages)?;
        let fetched = listing.oldest()?;
        let flights = listing
            .into_records()
            .into_iter()
            .flat_map(|launch| {
                let mut bare = launch.clone();
                if let Some(rocket) = &mut bare.rocket {
                    rocket.spacecraft_stage.clear();
                }
                // Inside a launch a flight names no launch: it is this one.
                launch
                    .spacecraft_flights()
                    .iter()
                    .cloned()
                    .map(move |mut f| {
                        f.launch = Some(bare.clone());
                        f
                    })
                    .collect::<Vec<_>>()
            })
            .collect();
        Some((flights, fetched))
    }
}

impl Store {
    /// Every flight held, the planned launches' merged in: the sync's
    /// (merged when it is read, [`Store::flight_index`]), else the planned
    /// launches' alone. No request.
    pub fn held_flights(&self) -> Vec<Flight> {
        if self.flight_index().is_some() {
            return self.all_synced_flights().0;
        }
        self.cached_planned_flights()
            .map(|(f, _)| f)
            .unwrap_or_default()
    }
}
