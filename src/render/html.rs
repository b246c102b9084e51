//! The HTML report: one self-contained page for proofreaders (issue #9).

use super::FileError;
use crate::{FileReport, Lang};

/// A self-contained HTML page of every file's findings.
pub fn html_report(_reports: &[FileReport], _errors: &[FileError], _lang: Lang) -> String {
    String::from("<!doctype html><meta charset=\"utf-8\"><title>noticelint</title><p>not implemented yet</p>\n")
}
