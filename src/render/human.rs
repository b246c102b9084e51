//! rustc-style output through codespan-reporting.

use codespan_reporting::diagnostic as cs;
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::{self, termcolor};

use crate::diagnostic::{Lang, Severity};
use crate::registry;
use crate::render::Summary;
use crate::FileReport;

/// How to render.
#[derive(Debug, Clone, Copy)]
pub struct HumanOptions {
    pub color: bool,
    pub lang: Lang,
    /// Show every diagnostic even when one rule fires many times in a file.
    pub show_all: bool,
}

/// Beyond this many warnings of one rule in one file, only the first
/// [`SHOW_WHEN_MANY`] are drawn and the rest are summarised in one line.
pub const MANY: usize = 8;
pub const SHOW_WHEN_MANY: usize = 3;

/// Render one file's diagnostics.
pub fn render_file(report: &FileReport, opts: &HumanOptions) -> Vec<u8> {
    let file = SimpleFile::new(report.path.as_str(), report.text.as_str());
    let mut buf = if opts.color {
        termcolor::Buffer::ansi()
    } else {
        termcolor::Buffer::no_color()
    };
    let config = term::Config::default();
    let mut per_rule: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
    // Errors are always shown; only warnings and infos are summarised when many.
    for d in report
        .diagnostics
        .iter()
        .filter(|d| d.severity != Severity::Error)
    {
        *per_rule.entry(d.code).or_default() += 1;
    }
    let mut shown: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for d in &report.diagnostics {
        let total = per_rule.get(d.code).copied().unwrap_or(0);
        let k = shown.entry(d.code).or_default();
        *k += 1;
        if !opts.show_all && total > MANY && *k > SHOW_WHEN_MANY {
            continue;
        }
        let severity = match d.severity {
            Severity::Error => cs::Severity::Error,
            Severity::Warning => cs::Severity::Warning,
            Severity::Info => cs::Severity::Note,
        };
        let mut labels = vec![cs::Label::primary((), d.span.clone())];
        if let Some(fix) = &d.fix {
            labels[0] = labels[0].clone().with_message(fix.message.get(opts.lang));
        }
        for l in &d.labels {
            labels.push(
                cs::Label::secondary((), l.span.clone()).with_message(l.message.get(opts.lang)),
            );
        }
        let mut notes: Vec<String> = d
            .notes
            .iter()
            .map(|n| n.get(opts.lang).to_string())
            .collect();
        if !opts.show_all && total > MANY && *k == SHOW_WHEN_MANY {
            notes.push(match opts.lang {
                Lang::Zh => format!(
                    "本文件另有 {} 处同类问题（{}）未逐一显示；用 --show-all 或 --format json 查看全部",
                    total - SHOW_WHEN_MANY,
                    d.code
                ),
                Lang::En => format!(
                    "{} more of these ({}) in this file are not shown; use --show-all or --format json",
                    total - SHOW_WHEN_MANY,
                    d.code
                ),
            });
        }
        let diag = cs::Diagnostic::new(severity)
            .with_code(d.code)
            .with_message(d.message.get(opts.lang))
            .with_labels(labels)
            .with_notes(notes);
        // Spans always lie on char boundaries inside the text; a failure here is a bug
        // that must not take the report down.
        let _ = term::emit_to_write_style(&mut buf, &config, &file, &diag);
    }
    buf.into_inner()
}

/// The closing line: how many of what, in how many files.
pub fn summary_line(s: &Summary, lang: Lang) -> String {
    match lang {
        Lang::Zh => {
            if s.errors + s.warnings + s.infos == 0 {
                format!("已检查 {} 个文件，未发现问题。\n", s.files)
            } else {
                format!(
                    "已检查 {} 个文件：{} 个错误，{} 个警告，{} 个提示。\n",
                    s.files, s.errors, s.warnings, s.infos
                )
            }
        }
        Lang::En => {
            if s.errors + s.warnings + s.infos == 0 {
                format!("Checked {} file(s): no problems found.\n", s.files)
            } else {
                format!(
                    "Checked {} file(s): {} error(s), {} warning(s), {} info.\n",
                    s.files, s.errors, s.warnings, s.infos
                )
            }
        }
    }
}

/// `--statistics`: one line per rule, most frequent first.
pub fn statistics(reports: &[FileReport], lang: Lang) -> String {
    let mut counts: std::collections::BTreeMap<&str, (usize, bool)> =
        std::collections::BTreeMap::new();
    for r in reports {
        for d in &r.diagnostics {
            let e = counts.entry(d.code).or_default();
            e.0 += 1;
            e.1 |= d.fix.is_some();
        }
    }
    let mut rows: Vec<_> = counts.into_iter().collect();
    rows.sort_by(|a, b| b.1 .0.cmp(&a.1 .0).then(a.0.cmp(b.0)));
    let mut s = String::new();
    for (code, (n, fixable)) in rows {
        let rule = registry::find(code);
        let name = rule.map_or("", |r| r.name);
        let summary = rule.map_or("", |r| r.summary.get(lang));
        s.push_str(&format!(
            "{n:>6}  {code}  {name:<22} {}{summary}\n",
            if fixable { "[*] " } else { "    " }
        ));
    }
    s
}
