//! jobplay: the Kubernetes Job controller, run against a simulated cluster in virtual time.
//!
//! The crate is a pure, sans-IO core (`api`, `validation`, `scenario`, `controller`, `sim`,
//! `view_model`) that builds and tests natively, plus the browser UI (`ui`) compiled only for
//! wasm32. See ARCHITECTURE.md for the map.

// The one exception is `api::str`, whose packed representation is checked under Miri
// (`bash scripts/miri`).
#![deny(unsafe_code)]

pub mod api;
pub mod applets;
pub mod controller;
pub mod cron;
pub mod decimal;
mod go_sort;
pub mod lowercase;
pub mod scenario;
pub mod sh;
pub mod shell;
pub mod sim;
mod sort;
pub mod sorted_map;
pub mod time;
pub mod validation;
pub mod view_model;

/// The Kubernetes release whose behaviour and output jobplay follows: the controllers, the API
/// server's validation and kubectl's printers are ported from it, and `bash scripts/conformance`
/// checks them against its code (tools/conformance/go.mod requires the same version).
pub const KUBERNETES_VERSION: &str = "v1.37.2";

#[cfg(target_arch = "wasm32")]
pub mod ui;

#[cfg(test)]
mod tests {
    /// The version jobplay names is the one the conformance check builds against.
    #[test]
    fn kubernetes_version_is_the_one_the_conformance_module_requires() {
        let go_mod = include_str!("../tools/conformance/go.mod");
        let required = format!("k8s.io/kubernetes {}", super::KUBERNETES_VERSION);
        assert!(
            go_mod.lines().any(|l| l.trim() == required),
            "tools/conformance/go.mod does not require {required}"
        );
    }
}
