//! Pure reconcile logic: observed objects and `now` in, actions out (ARCHITECTURE.md,
//! "Controllers compute, the engine applies"). Nothing here mutates the world;
//! `sim::engine` applies what a sync returns.

pub mod cronjob;
pub mod job;
pub mod ttl_after_finished;
