//! Plain-data projections of a run: the JSON record, the text timeline, kubectl output and
//! the cluster picture the UI draws. The UI reads only these, never engine internals.

pub mod caption;
pub mod cluster;
pub mod compress;
pub mod cron_ruler;
pub mod diagnostic_summary;
pub mod duration;
pub mod embed;
pub mod event_log;
pub mod format;
pub mod gantt;
pub mod handoff;
pub mod highlight;
pub mod index_grid;
pub mod inspector;
pub mod kubectl;
pub mod marks;
pub mod playback;
pub mod presets;
pub mod record;
pub mod row_window;
pub mod session;
pub mod share;
pub mod terminal;
pub mod time_axis;
pub mod timeline;
pub mod to_yaml;
pub mod zone_data;
