//! The deterministic discrete-event simulation of a cluster: clock, seeded random generator,
//! ordered queue, object store, scheduler, kubelet, scripted actions and the event log.
//!
//! `engine.rs` is the API server and the one place that changes the world. The parts of the
//! cluster it runs are components that keep their own state and answer with values the
//! engine applies, as the controllers do: `workqueue.rs` (the controllers' queues),
//! `scheduler.rs`, `node_lifecycle.rs`, `garbage_collector.rs`, `action_interpreter.rs` and
//! `kubelet.rs` (which writes the status of the one pod it is handed, and returns the rest as
//! effects). None of them imports the engine. `run.rs` is the driver every surface shares.

pub mod action_interpreter;
pub mod append_log;
pub mod behavior;
pub mod container_restart;
pub mod engine;
pub mod environment;
pub mod event_log;
pub mod expansion;
pub mod garbage_collector;
pub mod image_reference;
mod kubelet;
pub mod node_affinity;
pub mod node_lifecycle;
pub mod queue;
pub mod rng;
pub mod run;
pub mod scheduler;
pub mod script;
pub mod store;
pub mod taint_toleration;
pub mod trace;
pub mod workqueue;

pub use append_log::AppendLog;
pub use engine::Engine;
pub use event_log::{Component, Decision, EventKind, EventRecord, EventType};
pub use run::{drive_bounded, run_to_end, step, Horizon, Step};
