//! The API server's validation (pkg/apis/batch/validation, core pod validation), with its
//! exact error text. Validation reads defaulted objects and returns field errors; the
//! scenario loader places them on lines.

pub mod cronjob;
pub mod field;
pub mod job;
pub mod job_update;

pub use field::FieldError;
