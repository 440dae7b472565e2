//! The deterministic discrete-event simulation of a cluster: clock, seeded random generator,
//! ordered queue, object store, scheduler, kubelet, scripted actions and the event log.

pub mod action_interpreter;
pub mod append_log;
pub mod behavior;
pub mod engine;
pub mod event_log;
pub mod garbage_collector;
mod kubelet;
pub mod node_lifecycle;
pub mod queue;
pub mod rng;
pub mod run;
pub mod scheduler;
pub mod script;
pub mod store;
pub mod workqueue;

pub use append_log::AppendLog;
pub use engine::Engine;
pub use event_log::{Component, Decision, EventKind, EventRecord, EventType};
pub use run::{drive_bounded, run_to_end, step, Horizon, Step};
