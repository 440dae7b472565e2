//! jobplay: the Kubernetes Job controller, run against a simulated cluster in virtual time.
//!
//! The crate is a pure, sans-IO core (`api`, `validation`, `scenario`, `controller`, `sim`,
//! `view_model`) that builds and tests natively, plus the browser UI (`ui`) compiled only for
//! wasm32. See ARCHITECTURE.md for the map.

// The one exception is `api::str`, whose packed representation is checked under Miri
// (`bash scripts/miri`).
#![deny(unsafe_code)]

pub mod api;
pub mod controller;
pub mod cron;
pub mod scenario;
pub mod sim;
mod sort;
pub mod time;
pub mod validation;
pub mod view_model;

#[cfg(target_arch = "wasm32")]
pub mod ui;
