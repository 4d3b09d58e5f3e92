//! Where data comes from and is kept: the store (API, else cache, else the
//! bundled snapshot), the on-disk response cache, the snapshot, and the
//! records' pictures (from their image hosts, cached beside the responses).

pub mod cache;
pub mod images;
pub mod snapshot;
pub mod store;
