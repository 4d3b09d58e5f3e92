//! The Launch Library 2 API: models, client, paging, and the request
//! budget every request is counted against. Knows nothing of the response
//! cache, the terminal or the UI.

pub mod client;
pub mod duration;
pub mod endpoints;
pub mod error;
pub mod ledger;
mod lenient;
pub mod models;
pub mod paging;
pub mod reference;
pub mod sanitize;

pub use client::{Client, ClientConfig};
pub use duration::Dur;
pub use endpoints::{ApiVersion, Endpoints};
pub use error::ApiError;
pub use ledger::{BudgetView, Ledger, Priority};
pub use models::{Astronaut, DockingEvent, Flight, Launch, SpaceStation, Spacecraft, Throttle};
pub use reference::{LaunchId, RecordRef};

pub use lenient::parse_bool;
