//! The charts screen: which chart, which bar or row, and what Enter on it
//! opens; and the flights of a year, opened from a bar.

use super::{Effect, Screen, State};
use crate::api::{Flight, RecordRef};
use crate::doc::stats::{Stats, Target};
use crate::doc::{Item, Part};
use std::sync::Arc;

#[derive(Debug, Default)]
pub struct Charts {
    /// The charts' figures and the synced flights, once loaded.
    pub stats: Option<(Arc<Stats>, Arc<Vec<Flight>>)>,
    /// Which chart is shown, and how flights per year are grouped.
    pub chart: usize,
    pub by_agency: bool,
}

impl Charts {
    /// A synced flight, loaded with the charts.
    pub fn flight(&self, id: u64) -> Option<&Flight> {
        let (_, all) = self.stats.as_ref()?;
        // The synced flights are in id order.
        let at = all.binary_search_by_key(&id, |f| f.id).ok()?;
        all.get(at)
    }

    /// What Enter on row `row` of the chart shown opens.
    fn target(&self, row: usize) -> Option<Target> {
        self.stats.as_ref()?.0.target(self.chart, row)
    }

    /// The synced flights launched in `year`, by launch time.
    fn launched_in(&self, year: i16) -> Vec<&Flight> {
        let mut flights: Vec<&Flight> = self.stats.as_ref().map_or_else(Vec::new, |(_, all)| {
            all.iter()
                .filter(|f| {
                    f.launch_time()
                        .is_some_and(|t| t.to_zoned(jiff::tz::TimeZone::UTC).year() == year)
                })
                .collect()
        });
        flights.sort_by_key(|f| (f.launch_time(), f.id));
        flights
    }
}

impl State {
    /// `c`: the catalog as charts, computed afresh from the catalog and
    /// the synced flights (no request).
    pub(super) fn open_charts(&mut self) -> Vec<Effect> {
        self.places.go(Screen::Charts);
        vec![Effect::LoadStats]
    }

    /// Enter on a chart: a year opens its flights, a configuration the list
    /// filtered to it, a spacecraft or a flight its screen.
    pub(super) fn open_chart_row(&mut self) -> Vec<Effect> {
        match self.charts.target(self.places.link) {
            Some(Target::Record(r)) => self.open_ref(r),
            Some(Target::Year(year)) => {
                self.places.go(Screen::Year(year));
                vec![]
            }
            Some(Target::Configuration { name, .. }) => {
                self.places.go(Screen::List);
                self.list.filters.config = Some(name);
                self.apply_filters();
                vec![]
            }
            None => vec![],
        }
    }

    /// The synced flights launched in `year`, each opening its flight.
    pub(super) fn year_description(&self, year: i16) -> Vec<Part> {
        let flights = self.charts.launched_in(year);
        vec![
            Part::Title(format!("Flights launched in {year} ({})", flights.len())),
            Part::Items(
                flights
                    .iter()
                    .map(|f| {
                        let day = f
                            .launch_time()
                            .map(|t| t.strftime("%Y-%m-%d").to_string())
                            .unwrap_or_default();
                        let craft = f.spacecraft.as_ref().map_or("-", |s| s.name.as_str());
                        let name = f
                            .launch
                            .as_ref()
                            .and_then(|l| l.name.as_deref())
                            .unwrap_or("-");
                        Item::new(
                            format!("{day} {craft} — {name}"),
                            Some(RecordRef::Flight(f.id)),
                        )
                    })
                    .collect(),
            ),
        ]
    }
}
