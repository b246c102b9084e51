//! noticelint: a linter for Chinese official notices (公文).
//!
//! Text in, diagnostics out, no I/O: [`check`] parses a notice into its tree
//! ([`tree::parse`]) and runs every selected rule of the [`registry`] over it. The binary
//! (`src/main.rs`) reads files, runs this in parallel and prints the reports that
//! [`render`] builds.

pub mod annotate;
pub mod config;
pub mod diagnostic;
pub mod findings;
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
pub use findings::Findings;
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
    /// Where `text`'s lines start: built once, for the rules and the reports.
    pub lines: source::LineIndex,
    /// The findings, in report order.
    pub diagnostics: Findings,
}

/// A notice at least this long has its rules run in two groups at once when there is more
/// than one thread (see [`check`]).
pub const PARALLEL_BYTES: usize = 1 << 20;

/// The rules that compare a notice with itself (repeated clauses, doubled characters,
/// repeated sentences): on a long notice they cost about as much as all the others together,
/// so they are one of the two groups.
fn compares_with_itself(rule: &Rule) -> bool {
    [
        &rules::repeated_phrase::RULE,
        &rules::duplicate_char::RULE,
        &rules::duplicate_sentence::RULE,
    ]
    .iter()
    .any(|r| std::ptr::eq(*r, rule))
}

/// Lint a notice's text.
///
/// A long notice ([`PARALLEL_BYTES`]) is checked by two threads when rayon has them: the
/// rules that compare the notice with itself in one, the others in the other, each with its
/// own [`rules::Ctx`] (the few analyses both need are computed twice). The findings are the
/// same as one thread's: they are sorted by place and code at the end, and each rule's own
/// order is kept.
pub fn check(text: &str, options: &Options) -> Vec<Diagnostic> {
    check_with(text, None, options).to_vec()
}

/// [`check`] with the text's line index, when the caller has it, keeping the findings
/// compact ([`Findings`]).
pub fn check_indexed(text: &str, lines: &source::LineIndex, options: &Options) -> Findings {
    check_with(text, Some(lines), options)
}

fn check_with(text: &str, lines: Option<&source::LineIndex>, options: &Options) -> Findings {
    let notice = tree::parse(text);
    let enabled = enabled_rules(options);
    let mut out = if text.len() >= PARALLEL_BYTES && rayon::current_num_threads() > 1 {
        let (mine, rest): (Vec<&Rule>, Vec<&Rule>) =
            enabled.iter().partition(|r| compares_with_itself(r));
        let (mut a, b) = rayon::join(
            || run_rules(text, &notice, lines, options, &mine),
            || run_rules(text, &notice, lines, options, &rest),
        );
        a.append(b);
        a
    } else {
        run_rules(text, &notice, lines, options, &enabled)
    };
    if options.markdown {
        let mut sups = suppress::find(text);
        if !sups.is_empty() {
            out.retain(|code, start| !suppress::covers(&mut sups, code, start));
            let rule = &rules::unused_suppression::RULE;
            if options.is_enabled(rule) {
                let ctx = rules::Ctx::new(text, &notice, options);
                settle_as(&mut out, rule, options);
                for s in sups.iter().filter(|s| !s.used) {
                    out.push(ctx.diag(
                        rule,
                        s.comment.clone(),
                        "这条 noticelint-disable 注释没有压制任何问题，可以删去",
                        "this noticelint-disable comment suppresses nothing; remove it",
                    ));
                }
            }
        }
    }
    drop(notice);
    out.finish();
    out
}

/// The rules `options` enables, in registry order. They depend only on the selectors, the
/// same for every notice of a run: the last answer is kept per thread with the selectors
/// it came from, and given again while they are the same (asking every rule cost ~3,200
/// instructions per notice).
fn enabled_rules(options: &Options) -> std::rc::Rc<[&'static Rule]> {
    type Cached = Option<(Vec<Selector>, Vec<Selector>, std::rc::Rc<[&'static Rule]>)>;
    thread_local! {
        static LAST: std::cell::RefCell<Cached> = const { std::cell::RefCell::new(None) };
    }
    LAST.with_borrow_mut(|cached| match cached {
        Some((select, ignore, rules)) if *select == options.select && *ignore == options.ignore => {
            rules.clone()
        }
        _ => {
            let rules: std::rc::Rc<[&'static Rule]> = RULES
                .iter()
                .copied()
                .filter(|r| options.is_enabled(r))
                .collect();
            *cached = Some((
                options.select.clone(),
                options.ignore.clone(),
                rules.clone(),
            ));
            rules
        }
    })
}

/// Run the `selected` rules in turn with one [`rules::Ctx`]; their findings get the
/// severity and language the options set.
fn run_rules(
    text: &str,
    notice: &tree::Notice,
    lines: Option<&source::LineIndex>,
    options: &Options,
    selected: &[&Rule],
) -> Findings {
    let mut ctx = match lines {
        Some(l) => rules::Ctx::with_lines(text, notice, options, l),
        None => rules::Ctx::new(text, notice, options),
    };
    let mut out = Findings::new();
    let last = rules::Ctx::last_uses(selected);
    // The positions after which some analysis is released (bit k for rule k < 64; a
    // rule further on is always asked).
    let ends = last
        .iter()
        .flatten()
        .fold(0u64, |m, &k| if k < 64 { m | 1 << k } else { m });
    for (k, rule) in selected.iter().enumerate() {
        settle_as(&mut out, rule, options);
        (rule.check)(&ctx, &mut out);
        if k >= 64 || ends >> k & 1 != 0 {
            ctx.release(k, &last);
        }
    }
    out
}

/// Give the findings of `rule` pushed from now on the severity the options set, and drop
/// their messages in the other language when the options keep one.
fn settle_as(out: &mut Findings, rule: &Rule, options: &Options) {
    out.settle_as(
        Some(options.severity_of(rule)),
        options.one_language.then_some(options.lang),
    );
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
    let lines = source::LineIndex::new(&e.text);
    let diagnostics = check_indexed(&e.text, &lines, options);
    FileReport {
        path: path.to_owned(),
        kind,
        encoding: e.encoding,
        bom: e.bom,
        text: e.text,
        lines,
        diagnostics,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_notice_gets_the_same_findings_from_two_threads_as_from_one() {
        let seed = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/corpus/notice-binhu-2021.txt"
        ))
        .unwrap();
        let big = seed.repeat(PARALLEL_BYTES / seed.len() + 1);
        let o = Options::default();
        let pool = |n| {
            rayon::ThreadPoolBuilder::new()
                .num_threads(n)
                .build()
                .unwrap()
        };
        let one = pool(1).install(|| check(&big, &o));
        let two = pool(2).install(|| check(&big, &o));
        assert!(one.len() > 1000);
        assert_eq!(one, two);
    }

    #[test]
    fn rule_codes_sort_as_their_keys() {
        let mut codes: Vec<&str> = RULES.iter().map(|r| r.code).collect();
        assert!(codes.iter().all(|c| c.len() <= 8));
        codes.sort();
        let mut by_key = codes.clone();
        by_key.sort_by_key(|c| findings::code_key(c));
        assert_eq!(codes, by_key);
    }

    #[test]
    fn sorting_by_place_keeps_the_rules_order_among_equal_keys() {
        let o = Options::default();
        let ctx_text = "x".repeat(64);
        let notice = tree::parse(&ctx_text);
        let ctx = rules::Ctx::new(&ctx_text, &notice, &o);
        let two = [&rules::duplicate_char::RULE, &rules::repeated_phrase::RULE];
        // A fixed pseudo-random order of spans and codes with many equal keys; the
        // message tells the findings apart.
        let mut seed = 7u64;
        let mut ds: Vec<Diagnostic> = (0..500)
            .map(|i| {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                let a = (seed >> 59) as usize;
                let rule = two[(seed >> 40) as usize & 1];
                ctx.diag(rule, a..a + (seed >> 62) as usize, i.to_string(), "")
            })
            .collect();
        let mut stable = ds.clone();
        stable.sort_by_key(|d| (d.span.start, d.span.end, d.code));
        let mut f = Findings::from(std::mem::take(&mut ds));
        f.finish();
        assert_eq!(f.to_vec(), stable);
        f.finish();
        assert_eq!(f.to_vec(), stable);
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
