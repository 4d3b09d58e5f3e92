//! Records opened from links: a flight, an astronaut, a space station with
//! its docking history, a launch. Each costs one request the first time and
//! none while its copy is fresh; what the sync holds costs none at all.

use super::{Fetched, Store, StoreError};
use crate::api::{Flight, Priority, RecordRef, Spacecraft};

/// One record of any kind the browser opens. Records differ much in size
/// and few are held: boxing them would buy nothing.
#[derive(Debug, Clone, PartialEq)]
#[allow(clippy::large_enum_variant)]
pub enum Record {
    Spacecraft(Spacecraft),
    Flight(Flight),
}

impl<T> Fetched<T> {
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Fetched<U> {
        Fetched {
            value: f(self.value),
            origin: self.origin,
            notice: self.notice,
            partial: self.partial,
            retry_at: self.retry_at,
        }
    }
}

impl Store {
    /// The record `r` refers to.
    pub async fn open(
        &self,
        r: RecordRef,
        priority: Priority,
    ) -> Result<Fetched<Record>, StoreError> {
        Ok(match r {
            RecordRef::Spacecraft(id) => {
                self.spacecraft(id, priority).await?.map(Record::Spacecraft)
            }
            RecordRef::Flight(id) => self.flight(id).await?.map(Record::Flight),
            RecordRef::Astronaut(_) | RecordRef::Station(_) | RecordRef::Launch(_) => {
                return Err(self.nothing_offline(&r.to_string()))
            }
        })
    }
}
