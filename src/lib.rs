//! noticelint: a linter for Chinese official notices (公文).
//!
//! Text in, diagnostics out, no I/O: [`check`] parses a notice into its tree
//! ([`tree::parse`]) and runs every selected rule of the [`registry`] over it. The binary
//! (`src/main.rs`) reads files, runs this in parallel and prints the reports that
//! [`render`] builds.

pub mod annotate;
pub mod config;
pub mod diagnostic;
pub mod fix;
pub mod input;
pub mod numeral;
pub mod options;
pub mod places;
pub mod quantity;
pub mod registry;
pub mod render;
pub mod rules;
pub mod scan;
pub mod server;
pub mod source;
pub mod suppress;
pub mod tree;

pub use diagnostic::{Applicability, Diagnostic, Edit, Fix, Label, Lang, Msg, Severity};
pub use options::{Options, Selector};
pub use registry::{Rule, RULES};

/// One checked file: what the reports need.
#[derive(Debug, Clone)]
pub struct FileReport {
    /// The path as the user gave it (`-` for stdin).
    pub path: String,
    /// What kind of document it was (text, Markdown, Word, web page).
    pub kind: input::Kind,
    pub encoding: &'static str,
    /// Whether the file began with a byte-order mark (kept when fixes are written).
    pub bom: bool,
    pub text: String,
    pub diagnostics: Vec<Diagnostic>,
}

/// Lint a notice's text.
pub fn check(text: &str, options: &Options) -> Vec<Diagnostic> {
    let notice = tree::parse(text);
    let ctx = rules::Ctx::new(text, &notice, options);
    let mut out = Vec::new();
    for rule in RULES {
        if !options.is_enabled(rule) {
            continue;
        }
        let before = out.len();
        (rule.check)(&ctx, &mut out);
        let sev = options.severity_of(rule);
        for d in &mut out[before..] {
            d.severity = sev;
        }
    }
    if options.markdown {
        let mut sups = suppress::find(text);
        if !sups.is_empty() {
            out = suppress::apply(out, &mut sups);
            let rule = &rules::unused_suppression::RULE;
            if options.is_enabled(rule) {
                let ctx = rules::Ctx::new(text, &notice, options);
                for s in sups.iter().filter(|s| !s.used) {
                    let mut d = ctx.diag(
                        rule,
                        s.comment.clone(),
                        "这条 noticelint-disable 注释没有压制任何问题，可以删去",
                        "this noticelint-disable comment suppresses nothing; remove it",
                    );
                    d.severity = options.severity_of(rule);
                    out.push(d);
                }
            }
        }
    }
    out.sort_by(|a, b| (a.span.start, a.span.end, a.code).cmp(&(b.span.start, b.span.end, b.code)));
    out.dedup();
    out
}

/// [`check_bytes`] for bytes the caller gives up: a large UTF-8 text file becomes the
/// report's text where it lies ([`input::extract_owned`]), so that a huge notice is not
/// held twice while it is checked. The result is the same as [`check_bytes`]'s.
pub fn check_owned(
    path: &str,
    bytes: Vec<u8>,
    options: &Options,
) -> Result<FileReport, input::InputError> {
    let kind = input::Kind::from_path(path);
    Ok(report(
        path,
        kind,
        input::extract_owned(kind, bytes)?,
        options,
    ))
}

/// Read a file's bytes as the kind of document its name says (text, Markdown, .docx,
/// web page) and lint its text.
pub fn check_bytes(
    path: &str,
    bytes: &[u8],
    options: &Options,
) -> Result<FileReport, input::InputError> {
    let kind = input::Kind::from_path(path);
    Ok(report(path, kind, input::extract(kind, bytes)?, options))
}

fn report(path: &str, kind: input::Kind, e: input::Extracted, options: &Options) -> FileReport {
    let diagnostics = check(&e.text, options);
    FileReport {
        path: path.to_owned(),
        kind,
        encoding: e.encoding,
        bom: e.bom,
        text: e.text,
        diagnostics,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn owned_and_borrowed_checks_agree() {
        let seed = std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/corpus/notice-binhu-2021.txt"
        ))
        .unwrap();
        let big = seed.repeat(source::OWNED_BYTES / seed.len() + 1);
        let o = Options::default();
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice(&big);
        let mut bad = big.clone();
        bad.push(0xFF);
        for (path, bytes) in [
            ("a.txt", seed.clone()),
            ("a.txt", big.clone()),
            ("a.md", big.clone()),
            ("a.txt", bom),
            ("a.txt", bad),
        ] {
            let owned = check_owned(path, bytes.clone(), &o);
            let borrowed = check_bytes(path, &bytes, &o);
            match (owned, borrowed) {
                (Ok(a), Ok(b)) => {
                    assert_eq!((a.text, a.encoding, a.bom), (b.text, b.encoding, b.bom));
                    assert_eq!(a.diagnostics, b.diagnostics);
                }
                (Err(a), Err(b)) => assert_eq!(a.to_string(), b.to_string()),
                (a, b) => panic!("{path}: {:?} vs {:?}", a.is_ok(), b.is_ok()),
            }
        }
    }
}
