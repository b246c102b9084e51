//! rustc-style output through codespan-reporting.

use codespan_reporting::diagnostic as cs;
use codespan_reporting::files::{Files, SimpleFile};
use codespan_reporting::term::{self, termcolor};

use crate::diagnostic::{Lang, Severity};
use crate::registry;
use crate::render::Summary;
use crate::source::{floor_char_boundary, LineIndex};
use crate::FileReport;

/// Lines longer than this (bytes) are not drawn whole: a diagnostic on such a line shows
/// only the part of it around its spans ([`WINDOW_MARGIN`] bytes either side), so that
/// thousands of findings on one 1 MB paragraph do not print the paragraph thousands of
/// times (output, time and memory would be quadratic).
pub const LONG_LINE: usize = 4096;
pub const WINDOW_MARGIN: usize = 240;

/// The file as codespan sees it for one diagnostic that touches a long line: every line
/// is itself except the long ones, which are cut to a window; line and column numbers
/// stay those of the whole file.
struct Windowed<'t> {
    name: &'t str,
    text: &'t str,
    index: &'t LineIndex,
    /// (0-based line, byte range shown of it)
    windows: Vec<(usize, std::ops::Range<usize>)>,
}

impl Windowed<'_> {
    fn full_line(&self, line: usize) -> std::ops::Range<usize> {
        let start = self.index.line_start(line);
        let end = if line + 1 < self.index.line_count() {
            self.index.line_start(line + 1)
        } else {
            self.text.len()
        };
        start..end
    }
}

impl<'a> Files<'a> for Windowed<'_> {
    type FileId = ();
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, (): ()) -> Result<&'a str, codespan_reporting::files::Error> {
        Ok(self.name)
    }

    fn source(&'a self, (): ()) -> Result<&'a str, codespan_reporting::files::Error> {
        Ok(self.text)
    }

    fn line_index(
        &'a self,
        (): (),
        byte: usize,
    ) -> Result<usize, codespan_reporting::files::Error> {
        Ok(self.index.line_of(byte.min(self.text.len())))
    }

    fn column_number(
        &'a self,
        (): (),
        _line: usize,
        byte: usize,
    ) -> Result<usize, codespan_reporting::files::Error> {
        Ok(self.index.line_col(self.text, byte).column)
    }

    fn line_range(
        &'a self,
        (): (),
        line: usize,
    ) -> Result<std::ops::Range<usize>, codespan_reporting::files::Error> {
        if line >= self.index.line_count() {
            return Err(codespan_reporting::files::Error::LineTooLarge {
                given: line,
                max: self.index.line_count() - 1,
            });
        }
        Ok(self
            .windows
            .iter()
            .find(|(l, _)| *l == line)
            .map_or_else(|| self.full_line(line), |(_, w)| w.clone()))
    }
}

/// The windows of the long lines that a diagnostic's spans touch (empty when none).
fn windows_for(
    text: &str,
    index: &LineIndex,
    spans: &[std::ops::Range<usize>],
) -> Vec<(usize, std::ops::Range<usize>)> {
    let mut out: Vec<(usize, std::ops::Range<usize>)> = Vec::new();
    for p in spans.iter().flat_map(|s| [s.start, s.end]) {
        let p = p.min(text.len());
        let line = index.line_of(p);
        let start = index.line_start(line);
        let end = if line + 1 < index.line_count() {
            index.line_start(line + 1)
        } else {
            text.len()
        };
        if end - start <= LONG_LINE {
            continue;
        }
        match out.iter_mut().find(|(l, _)| *l == line) {
            Some((_, w)) => *w = w.start.min(p)..w.end.max(p),
            None => out.push((line, p..p)),
        }
    }
    for (line, w) in &mut out {
        let start = index.line_start(*line);
        let end = if *line + 1 < index.line_count() {
            index.line_start(*line + 1)
        } else {
            text.len()
        };
        let a = floor_char_boundary(text, w.start.saturating_sub(WINDOW_MARGIN).max(start));
        let mut b = (w.end + WINDOW_MARGIN).min(end);
        while !text.is_char_boundary(b) {
            b += 1;
        }
        *w = a..b;
    }
    out
}

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
    let mut index: Option<LineIndex> = None;
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
        let long = diag.labels.iter().any(|l| {
            // Cheap test first: a label can only touch a long line if the text has one.
            report.text.len() > LONG_LINE && l.range.end <= report.text.len()
        });
        let windows = if long {
            let index = index.get_or_insert_with(|| LineIndex::new(&report.text));
            let spans: Vec<_> = diag.labels.iter().map(|l| l.range.clone()).collect();
            windows_for(&report.text, index, &spans)
        } else {
            Vec::new()
        };
        if windows.is_empty() {
            let _ = term::emit_to_write_style(&mut buf, &config, &file, &diag);
        } else {
            let w = Windowed {
                name: &report.path,
                text: &report.text,
                index: index.as_ref().expect("built above"),
                windows,
            };
            let _ = term::emit_to_write_style(&mut buf, &config, &w, &diag);
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Thousands of findings on one long line: each draws a window of the line, not the
    /// line, so the report grows with the number of findings, not findings × line length.
    #[test]
    fn many_findings_on_a_long_line_stay_linear() {
        let text = "<p>安全生产</p>".repeat(20_000) + "\n";
        let diagnostics = crate::check(&text, &crate::Options::default());
        assert!(diagnostics.len() >= 20_000, "{}", diagnostics.len());
        let report = FileReport {
            path: "long.txt".into(),
            kind: crate::input::Kind::Text,
            encoding: "UTF-8",
            bom: false,
            text,
            diagnostics,
        };
        let opts = HumanOptions {
            color: false,
            lang: Lang::Zh,
            show_all: false,
        };
        let out = render_file(&report, &opts);
        let per = out.len() / report.diagnostics.len();
        assert!(per < 4 * WINDOW_MARGIN, "{per} bytes per finding");
        let shown = String::from_utf8(out).unwrap();
        // Positions stay those of the whole file.
        assert!(shown.contains("long.txt:1:19993"), "{}", &shown[..400]);
    }
}
