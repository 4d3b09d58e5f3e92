//! Where data comes from and is kept: the store (API, else cache, else the
//! bundled snapshot), the on-disk response cache, the snapshot, and the
//! records' pictures (from their image hosts, cached beside the responses),
//! and the change log (what changed between one copy and the next).

pub mod cache;
pub mod changes;
pub mod images;
pub mod snapshot;
pub mod store;
