//! The charts screen: which chart, which bar or row, and what Enter on it
//! opens; and the flights of a year, opened from a bar.

use super::{Effect, Screen, State};
use crate::api::{Flight, RecordRef};
use crate::doc::stats::Target;
use crate::doc::{Item, Part};

impl State {
    /// `c`: the catalog as charts, computed afresh from the catalog and
    /// the synced flights (no request).
    pub(super) fn open_charts(&mut self) -> Vec<Effect> {
        self.go(Screen::Charts);
        vec![Effect::LoadStats]
    }

    /// Enter on a chart: a year opens its flights, a configuration the list
    /// filtered to it, a spacecraft or a flight its screen.
    pub(super) fn open_chart_row(&mut self) -> Vec<Effect> {
        let target = self
            .stats
            .as_ref()
            .and_then(|(s, _)| s.target(self.chart, self.link));
        match target {
            Some(Target::Record(r)) => self.open_ref(r),
            Some(Target::Year(year)) => {
                self.go(Screen::Year(year));
                vec![]
            }
            Some(Target::Configuration { name, .. }) => {
                self.go(Screen::List);
                self.filters.config = Some(name);
                self.apply_filters();
                vec![]
            }
            None => vec![],
        }
    }

    /// The synced flights launched in `year`, each opening its flight.
    pub(super) fn year_description(&self, year: i16) -> Vec<Part> {
        let flights: Vec<&Flight> = self.stats.as_ref().map_or_else(Vec::new, |(_, all)| {
            all.iter()
                .filter(|f| {
                    f.launch_time()
                        .is_some_and(|t| t.to_zoned(jiff::tz::TimeZone::UTC).year() == year)
                })
                .collect()
        });
        let mut flights = flights;
        flights.sort_by_key(|f| (f.launch_time(), f.id));
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
