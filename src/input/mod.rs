//! What kind of document a file is, and how its notice text is extracted.
//!
//! Plain text and Markdown are decoded by [`crate::source::decode`]; a Word document
//! (`.docx`) and a web page (`.html`/`.htm`) are turned into plain text first, one line per
//! paragraph, and every span noticelint reports refers to that extracted text.

pub mod docx;
pub mod html;

use std::fmt;

use crate::source::{self, DecodeError};

/// The kind of a checked file, chosen by its extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Kind {
    #[default]
    Text,
    Markdown,
    Docx,
    Html,
}

impl Kind {
    /// The kind for a path (`-` and unknown extensions are text).
    pub fn from_path(path: &str) -> Kind {
        let ext = std::path::Path::new(path)
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        match ext.as_deref() {
            Some("md" | "markdown") => Kind::Markdown,
            Some("docx") => Kind::Docx,
            Some("html" | "htm" | "xhtml") => Kind::Html,
            _ => Kind::Text,
        }
    }

    /// Whether fixes can be written back into the file (only text and Markdown).
    pub fn is_fixable(self) -> bool {
        matches!(self, Kind::Text | Kind::Markdown)
    }
}

/// A document's notice text.
#[derive(Debug, Clone)]
pub struct Extracted {
    /// The text rules run on (UTF-8). For .docx and web pages: one line per paragraph.
    pub text: String,
    /// The encoding the file was read in (`utf-8`, `gb18030`, …; `docx` for Word files).
    pub encoding: &'static str,
    /// Whether the file began with a byte-order mark.
    pub bom: bool,
}

/// Why a file could not be read as a notice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InputError {
    Decode(DecodeError),
    /// A .docx that is not a readable Word document (broken zip, encrypted, no body).
    Docx(String),
    /// A web page that could not be read.
    Html(String),
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InputError::Decode(e) => e.fmt(f),
            InputError::Docx(m) => write!(f, "cannot read this Word document: {m}"),
            InputError::Html(m) => write!(f, "cannot read this web page: {m}"),
        }
    }
}

impl From<source::Decoded> for Extracted {
    fn from(d: source::Decoded) -> Self {
        Extracted {
            text: d.text,
            encoding: d.encoding,
            bom: d.bom,
        }
    }
}

impl From<DecodeError> for InputError {
    fn from(e: DecodeError) -> Self {
        InputError::Decode(e)
    }
}

/// [`extract`] for bytes the caller gives up: a text file's bytes become its text without
/// a copy when they can ([`source::decode_owned`]).
pub fn extract_owned(kind: Kind, bytes: Vec<u8>) -> Result<Extracted, InputError> {
    match kind {
        Kind::Text | Kind::Markdown => Ok(source::decode_owned(bytes)?.into()),
        Kind::Docx | Kind::Html => extract(kind, &bytes),
    }
}

/// Extract the notice text of a file of the given kind.
pub fn extract(kind: Kind, bytes: &[u8]) -> Result<Extracted, InputError> {
    match kind {
        Kind::Text | Kind::Markdown => Ok(source::decode(bytes)?.into()),
        Kind::Docx => docx::extract(bytes),
        Kind::Html => html::extract(bytes),
    }
}
