//! Web pages (.html/.htm): the article body's paragraphs as lines of text.

use super::{Extracted, InputError};

/// Extract a web page's article paragraphs, one per line.
pub fn extract(_bytes: &[u8]) -> Result<Extracted, InputError> {
    Err(InputError::Html(
        "reading web pages is not implemented yet".into(),
    ))
}
