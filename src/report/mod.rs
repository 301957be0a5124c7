//! Results as data ([`Diagnosis`]) and their renderings: plain text for a
//! merchant, JSON for scripts.

mod diagnosis;
mod text;

pub use diagnosis::{
    Choice, ConclusionOut, DIAGNOSIS_VERSION, Diagnosis, Escalation, PathStep, Pending,
    PendingInput, Status, StepKind, conclusion, pending,
};
pub use text::{actor_name, path_line, render_diagnosis, source_name};
