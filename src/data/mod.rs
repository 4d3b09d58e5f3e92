//! Where data comes from and is kept: the store (API, else cache, else the
//! bundled snapshot), the on-disk response cache, and the snapshot.

pub mod cache;
pub mod snapshot;
pub mod store;
