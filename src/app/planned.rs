//! Planned flights, as the list, the detail pane and the screen of what
//! flies next show them: every spacecraft flight not launched yet, soonest
//! NET first, and each spacecraft's next.

use crate::api::Flight;
use std::collections::HashMap;
use std::sync::Arc;

#[derive(Debug, Default)]
pub struct Planned {
    /// Soonest NET first (undated last).
    pub flights: Arc<Vec<Flight>>,
    /// Each spacecraft's soonest planned flight, as an index into `flights`.
    next: HashMap<u64, usize>,
    /// Read at least once (until then the screen says it is loading).
    pub loaded: bool,
    /// A refresh of the planned launches is asked for and not answered.
    pub refreshing: bool,
    /// Why the last refresh brought nothing new (over budget, offline…).
    pub note: Option<String>,
}

impl Planned {
    pub(super) fn set(&mut self, flights: Arc<Vec<Flight>>) {
        let mut next = HashMap::new();
        for (i, f) in flights.iter().enumerate() {
            if let Some(id) = f.spacecraft.as_ref().map(|s| s.id) {
                next.entry(id).or_insert(i);
            }
        }
        self.flights = flights;
        self.next = next;
        self.loaded = true;
    }

    /// The spacecraft's soonest planned flight, if it has one.
    pub fn next_of(&self, spacecraft: u64) -> Option<&Flight> {
        self.flights.get(*self.next.get(&spacecraft)?)
    }
}
