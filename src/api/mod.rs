//! The Launch Library 2 API: models, client, paging. Knows nothing of the
//! cache, the terminal or the UI.

pub mod client;
pub mod duration;
pub mod endpoints;
pub mod error;
mod lenient;
pub mod models;
pub mod paging;

pub use client::{Client, ClientConfig};
pub use duration::Dur;
pub use endpoints::{ApiVersion, Endpoints};
pub use error::ApiError;
pub use models::{Flight, Spacecraft, Throttle};

pub use lenient::parse_bool;
