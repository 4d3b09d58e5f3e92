//! What each kind of record is on screen, one match per question: the
//! panes its screen has, its title, what it says, its picture, its web
//! page. A record screen of a new kind is its `RecordRef` and `Record`,
//! its model and its description in `doc`, and its lines here.

use crate::api::models::Image;
use crate::api::RecordRef;
use crate::data::store::Record;
use crate::doc::{self, Part};
use jiff::Timestamp;

/// The panes of a record's screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Panes {
    /// A spacecraft: its detail pane and its flights.
    DetailAndFlights,
    /// One pane of fields and links (a picture beside it if its record has one).
    Fields,
}

pub fn panes(r: RecordRef) -> Panes {
    match r {
        RecordRef::Spacecraft(_) => Panes::DetailAndFlights,
        RecordRef::Flight(_)
        | RecordRef::Astronaut(_)
        | RecordRef::Station(_)
        | RecordRef::Launch(_) => Panes::Fields,
    }
}

/// The title of its pane.
pub fn title(r: RecordRef) -> &'static str {
    match r {
        RecordRef::Spacecraft(_) => "Spacecraft",
        RecordRef::Flight(_) => "Flight",
        RecordRef::Astronaut(_) => "Astronaut",
        RecordRef::Station(_) => "Space station",
        RecordRef::Launch(_) => "Launch",
    }
}

/// What the pane of a loaded record of one pane says, links included
/// (a spacecraft and a flight are described from the catalog and the
/// flights `State` holds: `None` here).
pub fn describe(record: &Record, now: Timestamp) -> Option<Vec<Part>> {
    Some(match record {
        Record::Astronaut { astronaut, flights } => doc::astronaut(astronaut, flights, now),
        Record::Station {
            station,
            history,
            history_note,
        } => doc::station(station, &history.records, history_note.as_deref(), now),
        Record::Launch(launch) => doc::launch(launch),
        Record::Spacecraft(_) | Record::Flight(_) => return None,
    })
}

/// The picture beside its fields, if it has one worth drawing.
pub fn image(record: &Record) -> Option<&Image> {
    let image = match record {
        Record::Astronaut { astronaut, .. } => astronaut.image.as_ref(),
        Record::Station { station, .. } => station.image.as_ref(),
        Record::Launch(_) | Record::Spacecraft(_) | Record::Flight(_) => None,
    }?;
    (image.thumbnail_url.is_some() || image.image_url.is_some()).then_some(image)
}

/// Its web page (`o`): its wiki link where it has one, else its API URL.
pub fn web_page(record: &Record) -> Option<String> {
    match record {
        Record::Astronaut { astronaut: a, .. } => a.wiki.clone().or(a.url.clone()),
        Record::Station { station, .. } => station.url.clone(),
        Record::Launch(l) => l.url.clone(),
        Record::Spacecraft(_) | Record::Flight(_) => None,
    }
}
