//! Results as data ([`Diagnosis`]) and their renderings: plain text for a
//! merchant, JSON for scripts.

mod code;
mod detail;
mod diagnosis;
mod emv;
mod handoff;
mod markdown;
mod names;
mod path;
mod picture;
mod svg;
mod table;
mod text;
mod write;

pub use code::{CodeOut, Overridden, TableOut, describe_code, render_code, unknown_start};
pub use detail::{set_verbose, verbose};
pub use diagnosis::{
    Choice, ConclusionOut, DIAGNOSIS_VERSION, Diagnosis, Pending, PendingInput, Status, conclusion,
    pending,
};
pub use emv::{BitOut, EMV_VERSION, EmvReport, render_emv};
pub use handoff::{Checked, Handoff};
pub use markdown::render_markdown;
pub use names::{actor_name, source_name};
pub use path::{PathStep, StepKind};
pub use picture::{Picture, PictureEdge, PictureNode, Shape};
pub use svg::{GraphvizError, svg};
pub use table::{conclusion_table, path_table};
pub use text::{assumed_note, path_line, render_diagnosis, render_handoff};
pub use write::{ReportError, check_report_path, render_report, write_report};
