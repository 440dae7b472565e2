//! The CronJob controller (pkg/controller/cronjob, the v2 controller).

pub mod cronjob_controllerv2;
pub mod utils;

pub use cronjob_controllerv2::{
    sync_cron_job, update_cron_job, CronAction, OnUpdate, ScheduleDecision, ScheduleOutcome,
    SyncInput, SyncOutput,
};
