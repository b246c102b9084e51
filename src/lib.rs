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
    let mut ctx = rules::Ctx::new(text, &notice, options);
    let enabled: Vec<&Rule> = RULES
        .iter()
        .copied()
        .filter(|r| options.is_enabled(r))
        .collect();
    let mut out = Vec::new();
    // Each rule writes into `part`, which is then moved to the end of `out` grown to fit:
    // a huge notice's hundreds of thousands of findings are not held in a vector with up
    // to twice the room they need.
    let mut part = Vec::new();
    for (k, rule) in enabled.iter().enumerate() {
        (rule.check)(&ctx, &mut part);
        let sev = options.severity_of(rule);
        for d in &mut part {
            d.severity = sev;
            if options.one_language {
                d.keep_language(options.lang);
            }
        }
        out.reserve_exact(part.len());
        out.append(&mut part);
        if part.capacity() > 1024 {
            part = Vec::new();
        }
        ctx.release(&enabled[k + 1..]);
    }
    drop(part);
    if options.markdown {
        let mut sups = suppress::find(text);
        if !sups.is_empty() {
            out = suppress::apply(out, &mut sups);
            let rule = &rules::unused_suppression::RULE;
            if options.is_enabled(rule) {
                for s in sups.iter().filter(|s| !s.used) {
                    let mut d = ctx.diag(
                        rule,
                        s.comment.clone(),
                        "这条 noticelint-disable 注释没有压制任何问题，可以删去",
                        "this noticelint-disable comment suppresses nothing; remove it",
                    );
                    d.severity = options.severity_of(rule);
                    if options.one_language {
                        d.keep_language(options.lang);
                    }
                    out.push(d);
                }
            }
        }
    }
    drop(ctx);
    drop(notice);
    sort_by_place(&mut out);
    out.dedup();
    out
}

/// Sort findings by span, then code, keeping the rules' order among equal keys (as a
/// stable sort would), without the stable sort's scratch copy of half the findings: the
/// order is found on indices and applied by swapping along its cycles.
fn sort_by_place(out: &mut [Diagnostic]) {
    let key = |d: &Diagnostic| (d.span.start, d.span.end, d.code);
    if out.windows(2).all(|w| key(&w[0]) <= key(&w[1])) {
        return;
    }
    let mut order: Vec<usize> = (0..out.len()).collect();
    order.sort_unstable_by(|&a, &b| (key(&out[a]), a).cmp(&(key(&out[b]), b)));
    // Position `i` takes the finding at `order[i]`; a handled position is marked `MAX`.
    for start in 0..order.len() {
        if order[start] == usize::MAX {
            continue;
        }
        let mut i = start;
        loop {
            let from = std::mem::replace(&mut order[i], usize::MAX);
            if from == start {
                break;
            }
            out.swap(i, from);
            i = from;
        }
    }
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
    fn sorting_by_place_keeps_the_rules_order_among_equal_keys() {
        let o = Options::default();
        let ctx_text = "x".repeat(64);
        let notice = tree::parse(&ctx_text);
        let ctx = rules::Ctx::new(&ctx_text, &notice, &o);
        let rule = &rules::duplicate_char::RULE;
        // A fixed pseudo-random order of spans with many equal keys; the message tells
        // the findings apart.
        let mut seed = 7u64;
        let mut ds: Vec<Diagnostic> = (0..500)
            .map(|i| {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                let a = (seed >> 59) as usize;
                ctx.diag(rule, a..a + (seed >> 62) as usize, i.to_string(), "")
            })
            .collect();
        let mut stable = ds.clone();
        stable.sort_by_key(|d| (d.span.start, d.span.end, d.code));
        sort_by_place(&mut ds);
        assert_eq!(ds, stable);
        sort_by_place(&mut ds);
        assert_eq!(ds, stable);
    }

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
