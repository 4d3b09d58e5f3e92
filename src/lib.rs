//! hangar: a terminal browser for the Launch Library 2 spacecraft catalog.
//! The library holds everything the binary, the tests and the benches share.

pub mod action;
pub mod api;
pub mod app;
pub mod cache;
pub mod cli;
pub mod config;
pub mod doc;
pub mod keys;
pub mod logging;
pub mod output;
pub mod query;
pub mod sanitize;
pub mod search;
pub mod snapshot;
pub mod store;
pub mod tasks;
pub mod timeline;
pub mod tui;
pub mod ui;
