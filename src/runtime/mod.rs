//! The runtime: what awaits, spawns and touches the world, apart from the
//! state. [`Tasks`] runs the effects `update` returns (loads, the sync,
//! the browser, the clipboard) and reports back as actions; the picture
//! [`Worker`] fetches and decodes. `app/` holds the state and `update` and
//! does no I/O (`tests/layers.rs` checks it), as gitui keeps its I/O in
//! `asyncgit`.

pub mod pictures;
pub mod tasks;

pub use pictures::{encode, Worker, WorkerStats};
pub use tasks::Tasks;
