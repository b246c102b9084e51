//! Word documents (.docx): the paragraphs of word/document.xml as lines of text.

use super::{Extracted, InputError};

/// Extract a .docx's paragraphs, one per line.
pub fn extract(_bytes: &[u8]) -> Result<Extracted, InputError> {
    Err(InputError::Docx(
        "reading .docx is not implemented yet".into(),
    ))
}
