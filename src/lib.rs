//! hangar: a terminal browser for the Launch Library 2 spacecraft catalog.
//! The library holds everything the binary, the tests and the benches share.
//!
//! The folders are the layers, and their imports run one way:
//! `ui` and `cli` → `app` → `data`, `search`, `doc` → `api`; `cli` →
//! `serve` (the mirror) → `data`, `search` → `api`.

pub mod api;
pub mod app;
pub mod cli;
pub mod data;
pub mod doc;
pub mod logging;
pub mod runtime;
pub mod search;
pub mod serve;
pub mod ui;
