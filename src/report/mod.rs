//! Results as data ([`Diagnosis`]) and their renderings: plain text for a
//! merchant, JSON for scripts.

mod code;
mod detail;
mod diagnosis;
mod emv;
mod handoff;
mod markdown;
mod table;
mod text;
mod write;

pub use code::{CodeOut, Overridden, TableOut, describe_code, render_code, unknown_start};
pub use detail::{set_verbose, verbose};
pub use diagnosis::{
    Choice, ConclusionOut, DIAGNOSIS_VERSION, Diagnosis, PathStep, Pending, PendingInput, Status,
    StepKind, conclusion, pending,
};
pub use emv::{BitOut, EMV_VERSION, EmvReport, render_emv};
pub use handoff::{Checked, Handoff};
pub use markdown::render_markdown;
pub use table::{conclusion_table, path_table};
pub use text::{
    actor_name, assumed_note, path_line, render_diagnosis, render_handoff, source_name,
};
pub use write::{ReportError, check_report_path, write_report};
