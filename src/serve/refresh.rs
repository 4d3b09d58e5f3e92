//! The mirror's own refreshes, by the ledger's rules: the catalog daily and
//! the flights weekly (the sync, which fetches only the pages gone stale),
//! and the flights of each spacecraft in space every 2 h (docking and
//! landing change them). All of it is background work, so it never spends
//! the reserve: that stays for a client asking for a record the mirror does
//! not hold. When the upstream is down or the budget spent, the mirror goes
//! on serving what it holds, and says how old that is.

use super::holdings::Holdings;
use crate::api::ledger::Priority;
use crate::data::store::{human_age, FlightsOf, Freshness, Store, StoreError};
use jiff::{SignedDuration, Timestamp};

/// How long to leave the upstream alone after a failure that named no time
/// to come back (a network error, a 5xx): the next tick would only fail again.
pub const BACK_OFF: SignedDuration = SignedDuration::from_mins(5);

/// How old each thing the refreshes keep fresh is.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Ages {
    /// The oldest catalog page; `None` before there is a whole catalog.
    pub catalog: Option<Timestamp>,
    /// The oldest page of the sync's flights; `None` before the sync is whole.
    pub flights: Option<Timestamp>,
    /// Each spacecraft in space, and when its flights were last fetched
    /// (its own list, or the sync when that is newer).
    pub in_space: Vec<(u64, Timestamp)>,
}

impl Ages {
    pub fn of(held: &Holdings) -> Ages {
        let catalog = held
            .catalog
            .complete
            .then_some(held.catalog.fetched_at)
            .flatten();
        let flights = held
            .flights
            .complete
            .then_some(held.flights.fetched_at)
            .flatten();
        let in_space = match flights {
            Some(synced) => held
                .records
                .iter()
                .filter(|s| s.in_space == Some(true))
                .map(|s| {
                    (
                        s.id,
                        held.own_flights(s.id).map_or(synced, |at| at.max(synced)),
                    )
                })
                .collect(),
            None => Vec::new(),
        };
        Ages {
            catalog,
            flights,
            in_space,
        }
    }
}

/// A refresh to run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Work {
    /// The sync: the stale pages of the catalog, then of every flight.
    Sync,
    /// The flights of one spacecraft in space.
    Flights(u64),
}

/// What is due at `now`. The flights of a spacecraft in space wait for a
/// whole sync: before it, the sync is what is due.
pub fn due(ages: &Ages, freshness: &Freshness, now: Timestamp) -> Vec<Work> {
    let stale = |at: Option<Timestamp>, ttl: SignedDuration| {
        at.is_none_or(|at| now.duration_since(at) >= ttl)
    };
    let mut work = Vec::new();
    if stale(ages.catalog, freshness.catalog) || stale(ages.flights, freshness.flights) {
        work.push(Work::Sync);
    }
    work.extend(
        ages.in_space
            .iter()
            .filter(|(_, at)| stale(Some(*at), freshness.in_space))
            .map(|(id, _)| Work::Flights(*id)),
    );
    work
}

/// Runs what is due, one piece after another, as background work; remembers
/// when the upstream asked to be left alone.
#[derive(Debug, Default)]
pub struct Refresher {
    /// No refresh before this (a throttle's or the budget's time, or [`BACK_OFF`]).
    not_before: Option<Timestamp>,
    /// The reason last said on stderr, its figures left out (a wait that
    /// only counts down is the same reason): said once, not every tick.
    said: Option<String>,
}

impl Refresher {
    /// Runs the refreshes due at `now`; true when any of them fetched
    /// something (the holdings are then to be read again).
    pub async fn run(&mut self, store: &Store, held: &Holdings, now: Timestamp) -> bool {
        if store.is_offline() || self.not_before.is_some_and(|t| now < t) {
            return false;
        }
        let freshness = store.freshness();
        let work = due(&Ages::of(held), &freshness, now);
        let mut fetched = false;
        for piece in work {
            let result = match piece {
                // A stale page the budget left for later leaves the list
                // whole (the old page stays), so its time is the list's.
                Work::Sync => store.sync(|_| {}).await.map(|report| {
                    let retry_at = report
                        .catalog
                        .retry_at
                        .or(report.flights.and_then(|f| f.retry_at));
                    (report.notice.clone(), retry_at, report.complete())
                }),
                Work::Flights(id) => {
                    let Some(record) = held.records.iter().find(|s| s.id == id) else {
                        continue;
                    };
                    store
                        .flights(FlightsOf::of(record), Priority::Background)
                        .await
                        .map(|f| (f.notice.clone(), f.retry_at, f.partial.is_none()))
                }
            };
            fetched = true;
            match result {
                Ok((None, _, true)) => self.said = None,
                Ok((notice, resume_at, _)) => {
                    let why = notice.unwrap_or_else(|| "not complete".to_string());
                    self.stop(resume_at, &why, held, &freshness, now);
                    return fetched;
                }
                Err(e) => {
                    let resume_at = match &e {
                        StoreError::Api(api) => api.retry_at(),
                        _ => None,
                    };
                    self.stop(resume_at, &e.to_string(), held, &freshness, now);
                    return fetched;
                }
            }
        }
        fetched
    }

    /// Leaves the upstream alone until `resume_at` (or for [`BACK_OFF`]).
    /// Waiting for the budget is the everyday (the log says it); once what
    /// the mirror serves meanwhile is stale, stderr says so, once, with how
    /// old it is.
    fn stop(
        &mut self,
        resume_at: Option<Timestamp>,
        why: &str,
        held: &Holdings,
        freshness: &Freshness,
        now: Timestamp,
    ) {
        let resume = resume_at
            .filter(|t| *t > now)
            .unwrap_or_else(|| now.checked_add(BACK_OFF).unwrap_or(now));
        self.not_before = Some(resume);
        tracing::warn!(target: "hangar::serve", why, resume = %resume, "refresh stopped");
        let stale = |at: Option<Timestamp>, ttl| at.is_some_and(|at| now.duration_since(at) >= ttl);
        let serving_stale = stale(held.catalog.fetched_at, freshness.catalog)
            || stale(held.flights.fetched_at, freshness.flights);
        let reason: String = why.chars().filter(|c| !c.is_ascii_digit()).collect();
        if serving_stale && self.said.as_ref() != Some(&reason) {
            let age = |at: Option<Timestamp>| {
                at.map_or("none".to_string(), |at| {
                    format!("{} old", human_age(now.duration_since(at)))
                })
            };
            eprintln!(
                "hangar: refreshes wait ({why}); serving what it holds meanwhile (catalog {}, flights {}); trying again in {}",
                age(held.catalog.fetched_at),
                age(held.flights.fetched_at),
                human_age(resume.duration_since(now)),
            );
            self.said = Some(reason);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(hours: f64) -> Timestamp {
        let base: Timestamp = "2026-12-07T00:00:00Z".parse().expect("a time");
        base.checked_add(SignedDuration::from_secs_f64(hours * 3600.0))
            .expect("in range")
    }

    #[test]
    fn nothing_held_is_a_sync() {
        let work = due(&Ages::default(), &Freshness::default(), at(0.0));
        assert_eq!(work, vec![Work::Sync]);
    }

    /// A day of ticks every 10 minutes with a moved clock: what is done is
    /// marked fetched when done, and the requests it costs are counted as
    /// the sync counts them (7 catalog pages when the catalog is stale, 13
    /// flight pages when the flights are, 1 per spacecraft in space).
    #[test]
    fn a_simulated_day_costs_what_the_rules_say() {
        let freshness = Freshness::default();
        let mut ages = Ages {
            catalog: Some(at(0.0)),
            flights: Some(at(0.0)),
            in_space: vec![(1, at(0.0)), (2, at(0.5)), (3, at(1.5))],
        };
        let mut requests = 0u32;
        let mut by_hour = [0u32; 25];
        let mut syncs = 0;
        for tick in 1..=(24 * 6) {
            let now = at(f64::from(tick) / 6.0);
            for piece in due(&ages, &freshness, now) {
                let cost = match piece {
                    Work::Sync => {
                        syncs += 1;
                        let mut cost = 0;
                        if now.duration_since(ages.catalog.expect("held")) >= freshness.catalog {
                            ages.catalog = Some(now);
                            cost += 7;
                        }
                        if now.duration_since(ages.flights.expect("held")) >= freshness.flights {
                            ages.flights = Some(now);
                            cost += 13;
                        }
                        cost
                    }
                    Work::Flights(id) => {
                        for (held, when) in &mut ages.in_space {
                            if *held == id {
                                *when = now;
                            }
                        }
                        1
                    }
                };
                requests += cost;
                by_hour[(tick / 6) as usize] += cost;
            }
        }
        // The catalog once (at 24 h), the flights not at all within their
        // week, each of 3 spacecraft in space every 2 h from when it was
        // fetched: at 2, 4, … 24 h (12), at 2.5 … 22.5 h (11), at 3.5 … 23.5 h (11).
        assert_eq!(syncs, 1);
        assert_eq!(requests, 7 + 12 + 11 + 11);
        // Never more than the catalog and three refreshes in one hour.
        assert!(by_hour.iter().all(|&n| n <= 10), "{by_hour:?}");
    }

    #[test]
    fn a_stale_flight_list_waits_its_two_hours() {
        let freshness = Freshness::default();
        let ages = Ages {
            catalog: Some(at(0.0)),
            flights: Some(at(0.0)),
            in_space: vec![(7, at(0.0))],
        };
        assert!(due(&ages, &freshness, at(1.99)).is_empty());
        assert_eq!(due(&ages, &freshness, at(2.0)), vec![Work::Flights(7)]);
        assert_eq!(
            due(&ages, &freshness, at(24.0)),
            vec![Work::Sync, Work::Flights(7)]
        );
    }
}
