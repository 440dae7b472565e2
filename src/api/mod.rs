//! Kubernetes objects as plain data (serde, Kubernetes JSON field names). No behaviour lives
//! here beyond small accessors; controllers and the simulator give them meaning.

pub mod cronjob;
pub mod defaults;
pub mod fieldpath;
pub mod job;
pub(crate) mod json;
pub mod meta;
pub mod pod;
pub mod pod_admission;
pub mod quantity;
pub mod shared;
// Two-word text with a tagged pointer: every unsafe block carries a SAFETY note, and
// `bash scripts/miri` runs its tests under Miri.
#[allow(unsafe_code)]
pub mod str;
pub mod table;
pub mod well_known;

pub use cronjob::*;
pub use job::*;
pub use meta::*;
pub use pod::*;
pub use shared::Shared;
pub use str::Str;
