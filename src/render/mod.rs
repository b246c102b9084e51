//! Reports: what the user sees, built as bytes (the binary writes them).
//!
//! `human` is rustc-style through codespan-reporting; `json`, `jsonl`, `github` and
//! `rdjson` are the machine shapes of SPEC.md.

pub mod html;
pub mod human;
pub mod machine;

use crate::source::LineIndex;
use crate::FileReport;

/// Bytes handed to the writer at a time by the reports written while they are rendered
/// ([`machine::json_file_with`], [`machine::jsonl_file_with`], [`human::render_file_with`]).
pub(crate) const CHUNK: usize = 1 << 18;

/// A span resolved to lines and columns, as SPEC.md's JSON carries it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Resolved {
    pub start: usize,
    pub end: usize,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
}

/// Resolve a byte span of a file.
pub fn resolve(text: &str, index: &LineIndex, span: &std::ops::Range<usize>) -> Resolved {
    let s = index.line_col(text, span.start);
    let e = index.line_col(text, span.end);
    Resolved {
        start: span.start,
        end: span.end,
        line: s.line,
        column: s.column,
        end_line: e.line,
        end_column: e.column,
    }
}

/// Counts by severity over reports.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl Summary {
    /// Add another summary's counts.
    pub fn add(&mut self, o: &Summary) {
        self.files += o.files;
        self.errors += o.errors;
        self.warnings += o.warnings;
        self.infos += o.infos;
    }

    pub fn of(reports: &[FileReport]) -> Summary {
        let mut s = Summary {
            files: reports.len(),
            ..Summary::default()
        };
        for r in reports {
            s.count(&r.diagnostics);
        }
        s
    }

    /// Count one notice's findings by severity.
    pub fn count(&mut self, findings: &crate::Findings) {
        for (_, severity) in findings.heads() {
            match severity {
                crate::Severity::Error => self.errors += 1,
                crate::Severity::Warning => self.warnings += 1,
                crate::Severity::Info => self.infos += 1,
            }
        }
    }
}

/// A file that could not be checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileError {
    pub path: String,
    pub message: String,
}
