//! Typed records for the 2.2.0 and 2.3.0 shapes, read into one model, one
//! file per kind of record.
//!
//! Field names are 2.3.0's; `alias` and the [`lenient`](super::lenient)
//! readers take 2.2.0's names and shapes. A struct's fields are read with
//! their types' readers (`lenient::read`, applied once per struct). Every
//! optional field may be null or missing; unknown fields are ignored.
//! `--format json` prints what the API sent ([`RawRecord`]); serialising a
//! model writes 2.3.0's names, for records read from 2.2.0.

mod astronaut;
mod common;
mod docking;
mod flight;
mod launch;
mod spacecraft;
mod station;
mod throttle;

pub use astronaut::*;
pub use common::*;
pub use docking::*;
pub use flight::*;
pub use launch::*;
pub use spacecraft::*;
pub use station::*;
pub use throttle::*;

/// The records read inside others, as [`Nested`](super::lenient::Nested):
/// an `Option` or `Vec` of one reads by type, unreadable ones left out.
macro_rules! nested {
    ($($ty:ty),* $(,)?) => {$(impl super::lenient::Nested for $ty {})*};
}

nested!(
    Agency,
    Astronaut,
    Country,
    CrewMember,
    DockingEvent,
    DockingFlight,
    DockingLocation,
    DockingPort,
    Expedition,
    Flight,
    Image,
    Landing,
    LandingLocation,
    Launch,
    Mission,
    Named,
    Pad,
    PadLocation,
    Rocket,
    RocketConfig,
    Role,
    Spacecraft,
    SpacecraftConfig,
);
