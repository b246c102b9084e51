//! The HTML report: one self-contained page for proofreaders (issue #9).
//!
//! The page: a header (totals, counts by rule), the file list with counts by severity, the
//! files that could not be read, then one `<details>` per notice: its text with line numbers
//! and every finding highlighted in place, followed by the numbered list of its findings
//! (message, related places, notes, suggested fix, a link to the rule's documentation). The
//! documentation of the rules that fired closes the page. CSS and JS are inlined
//! (`html/report.css`, `html/report.js`); nothing is fetched. The page reads without JS
//! (every link is a plain anchor); the script adds popovers, lighting up related places and
//! filters.
//!
//! Ids: `f{i}` a file (1-based, in report order), `f{i}-d{n}` the marker of its n-th finding
//! in the text, `f{i}-d{n}-i` its entry in the list, `f{i}-d{n}-l{k}` its k-th related place,
//! `rule-{CODE}` a rule's documentation.
//!
//! The highlighted text is built in one pass over the sorted span boundaries
//! ([`highlight`]): between two boundaries the set of covering spans is constant and the
//! text is written once, as one flat `<mark>` naming (at most [`MAX_IDS`] of) the findings
//! that cover it. Overlapping and nested spans therefore need no nesting of elements, and
//! the page is linear in the size of the text plus the number of spans.

use std::fmt::Write as _;
use std::ops::Range;

use super::FileError;
use crate::registry;
use crate::source::floor_char_boundary;
use crate::{Applicability, Diagnostic, FileReport, Lang, Severity};

const CSS: &str = include_str!("html/report.css");
const JS: &str = include_str!("html/report.js");

/// With more files than this, notices start collapsed.
const OPEN_LIMIT: usize = 20;
/// With more files than this, the file list starts collapsed.
const LIST_OPEN_LIMIT: usize = 200;
/// At most this many findings are named on one piece of highlighted text.
pub const MAX_IDS: usize = 8;
/// At most this many related-place markers are shown at one position (the rest as `+N`).
const SHOWN_LABELS: usize = 3;
/// Quoted text (deleted, inserted, related) is shortened to this many characters.
const QUOTE_CHARS: usize = 60;

/// Pick the chrome's language.
fn tr(lang: Lang, zh: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

fn sev_class(s: Severity) -> &'static str {
    match s {
        Severity::Error => "e",
        Severity::Warning => "w",
        Severity::Info => "i",
    }
}

fn sev_name(s: Severity, lang: Lang) -> &'static str {
    match s {
        Severity::Error => tr(lang, "错误", "error"),
        Severity::Warning => tr(lang, "警告", "warning"),
        Severity::Info => tr(lang, "提示", "info"),
    }
}

/// Counts by severity of one file.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Counts {
    e: usize,
    w: usize,
    i: usize,
}

impl Counts {
    fn of(diags: &crate::Findings) -> Counts {
        let mut s = super::Summary::default();
        s.count(diags);
        Counts {
            e: s.errors,
            w: s.warnings,
            i: s.infos,
        }
    }
}

// ---------------------------------------------------------------------------------------
// Escaping
// ---------------------------------------------------------------------------------------

/// Append `s` escaped for HTML text and attribute values. `<>&"'` become entities; control
/// characters other than tab and line feed become their visible Control Pictures (␀ ␍ ␌ …),
/// C1 controls U+FFFD, so that nothing invisible or invalid reaches the page.
pub fn escape_into(out: &mut String, s: &str) {
    let mut from = 0;
    for (i, c) in s.char_indices() {
        let rep: Option<char> = match c {
            '<' | '>' | '&' | '"' | '\'' => None,
            '\t' | '\n' => continue,
            '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + c as u32),
            '\u{7f}' => Some('\u{2421}'),
            '\u{80}'..='\u{9f}' => Some('\u{fffd}'),
            _ => continue,
        };
        out.push_str(&s[from..i]);
        match rep {
            Some(r) => out.push(r),
            None => out.push_str(match c {
                '<' => "&lt;",
                '>' => "&gt;",
                '&' => "&amp;",
                '"' => "&quot;",
                _ => "&#39;",
            }),
        }
        from = i + c.len_utf8();
    }
    out.push_str(&s[from..]);
}

/// `s` escaped, as a new string.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    escape_into(&mut out, s);
    out
}

/// A span clamped into the text and onto char boundaries (never panics).
fn clamp(text: &str, r: &Range<usize>) -> (usize, usize) {
    let s = floor_char_boundary(text, r.start.min(text.len()));
    let e = floor_char_boundary(text, r.end.min(text.len())).max(s);
    (s, e)
}

/// The first `n` characters of `s`, with `…` if cut; line ends shown as `⏎`.
fn shorten(s: &str, n: usize) -> String {
    let mut out = String::new();
    for (k, c) in s.chars().enumerate() {
        if k == n {
            out.push('…');
            break;
        }
        match c {
            '\r' => {}
            '\n' => out.push('⏎'),
            c => out.push(c),
        }
    }
    out
}

// ---------------------------------------------------------------------------------------
// Highlighting
// ---------------------------------------------------------------------------------------

/// What a span in the text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MarkKind {
    /// A finding's primary span.
    Primary(Severity),
    /// The k-th related place (label) of a finding.
    Label(usize),
    /// The k-th edit of a finding's fix: the text is struck through, the replacement
    /// follows it.
    Edit(usize),
}

/// A span to highlight: byte range, the finding's 1-based number in its file, what it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mark<'a> {
    pub span: Range<usize>,
    pub finding: usize,
    pub kind: MarkKind,
    /// Tooltip of the marker (the message), for primaries and labels.
    pub title: &'a str,
    /// For edits: the replacement text.
    pub insert: &'a str,
}

/// Every span of a file's findings as marks, finding numbers 1-based.
fn marks_of(diags: &[Diagnostic], lang: Lang) -> Vec<Mark<'_>> {
    let mut marks = Vec::new();
    for (k, d) in diags.iter().enumerate() {
        let n = k + 1;
        marks.push(Mark {
            span: d.span.clone(),
            finding: n,
            kind: MarkKind::Primary(d.severity),
            title: d.message.get(lang),
            insert: "",
        });
        for (j, l) in d.labels.iter().enumerate() {
            marks.push(Mark {
                span: l.span.clone(),
                finding: n,
                kind: MarkKind::Label(j),
                title: l.message.get(lang),
                insert: "",
            });
        }
        if let Some(fix) = &d.fix {
            for (j, e) in fix.edits.iter().enumerate() {
                marks.push(Mark {
                    span: e.span.clone(),
                    finding: n,
                    kind: MarkKind::Edit(j),
                    title: "",
                    insert: &e.replacement,
                });
            }
        }
    }
    marks
}

/// The set of marks covering the current position, kept so that a boundary costs O(1).
struct Active {
    /// Number of covering primaries by severity (error, warning, info).
    sev: [usize; 3],
    edits: usize,
    /// Covering primaries and labels (indices into the marks), and each mark's place in
    /// its list (for O(1) removal).
    primaries: Vec<usize>,
    labels: Vec<usize>,
    slot: Vec<usize>,
}

impl Active {
    fn list(&mut self, kind: MarkKind) -> Option<&mut Vec<usize>> {
        match kind {
            MarkKind::Primary(_) => Some(&mut self.primaries),
            MarkKind::Label(_) => Some(&mut self.labels),
            MarkKind::Edit(_) => None,
        }
    }

    fn add(&mut self, m: usize, kind: MarkKind) {
        match kind {
            MarkKind::Primary(s) => self.sev[sev_index(s)] += 1,
            MarkKind::Edit(_) => self.edits += 1,
            MarkKind::Label(_) => {}
        }
        if let Some(list) = self.list(kind) {
            let at = list.len();
            list.push(m);
            self.slot[m] = at;
        }
    }

    fn remove(&mut self, m: usize, kind: MarkKind, marks: &[Mark]) {
        match kind {
            MarkKind::Primary(s) => self.sev[sev_index(s)] -= 1,
            MarkKind::Edit(_) => self.edits -= 1,
            MarkKind::Label(_) => {}
        }
        let slot = self.slot[m];
        let Some(list) = self.list(kind) else { return };
        list.swap_remove(slot);
        if let Some(&moved) = list.get(slot) {
            self.slot[moved] = slot;
        }
        let _ = marks;
    }

    fn is_empty(&self) -> bool {
        self.primaries.is_empty() && self.labels.is_empty() && self.edits == 0
    }

    /// The opening tag of a piece of text under the current set.
    fn open_tag(&self, marks: &[Mark], out: &mut String) {
        out.push_str("<mark class=\"");
        let mut classes: Vec<&str> = Vec::with_capacity(3);
        if self.sev[0] > 0 {
            classes.push("e");
        } else if self.sev[1] > 0 {
            classes.push("w");
        } else if self.sev[2] > 0 {
            classes.push("i");
        }
        if !self.labels.is_empty() {
            classes.push("rel");
        }
        if self.edits > 0 {
            classes.push("del");
        }
        out.push_str(&classes.join(" "));
        out.push('"');
        for (attr, list) in [
            (" data-d=\"", &self.primaries),
            (" data-r=\"", &self.labels),
        ] {
            if list.is_empty() {
                continue;
            }
            let mut ns: Vec<usize> = list
                .iter()
                .take(MAX_IDS)
                .map(|&m| marks[m].finding)
                .collect();
            ns.sort_unstable();
            ns.dedup();
            out.push_str(attr);
            for (k, n) in ns.iter().enumerate() {
                if k > 0 {
                    out.push(' ');
                }
                let _ = write!(out, "{n}");
            }
            out.push('"');
        }
        out.push('>');
    }
}

fn sev_index(s: Severity) -> usize {
    match s {
        Severity::Error => 0,
        Severity::Warning => 1,
        Severity::Info => 2,
    }
}

/// An event at a boundary. Sorted by position, then: closings, insertions (at an edit's
/// end), markers and anchors (at a span's start), openings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Event {
    pos: usize,
    order: u8,
    mark: usize,
}

const CLOSE: u8 = 0;
const INSERT: u8 = 1;
const ANCHOR: u8 = 2;
const OPEN: u8 = 3;

/// Writes the text of one file as lines (`<div class="ln" data-n="N">`), each span
/// highlighted. `file` is the file's id prefix (`f3`).
pub fn highlight(out: &mut String, text: &str, marks: &[Mark], file: &str) {
    let mut events = Vec::with_capacity(marks.len() * 3);
    let clamped: Vec<(usize, usize)> = marks.iter().map(|m| clamp(text, &m.span)).collect();
    for (k, (m, &(s, e))) in marks.iter().zip(&clamped).enumerate() {
        if !matches!(m.kind, MarkKind::Edit(_)) {
            events.push(Event {
                pos: s,
                order: ANCHOR,
                mark: k,
            });
        }
        if s < e {
            events.push(Event {
                pos: s,
                order: OPEN,
                mark: k,
            });
            events.push(Event {
                pos: e,
                order: CLOSE,
                mark: k,
            });
        }
        if let MarkKind::Edit(_) = m.kind {
            if !m.insert.is_empty() {
                events.push(Event {
                    pos: e,
                    order: INSERT,
                    mark: k,
                });
            }
        }
    }
    events.sort_unstable();

    let mut w = Writer {
        out,
        text,
        line: 1,
        open: false,
    };
    let mut active = Active {
        sev: [0; 3],
        edits: 0,
        primaries: Vec::new(),
        labels: Vec::new(),
        slot: vec![0; marks.len()],
    };
    w.out.push_str("<div class=\"ln\" data-n=\"1\">");
    let mut pos = 0;
    let mut k = 0;
    while k < events.len() {
        let at = events[k].pos;
        w.text_between(pos, at, &active, marks);
        pos = at;
        w.close_mark();
        let mut labels_here = 0;
        while k < events.len() && events[k].pos == at {
            let ev = events[k];
            let m = &marks[ev.mark];
            match ev.order {
                CLOSE => active.remove(ev.mark, m.kind, marks),
                OPEN => active.add(ev.mark, m.kind),
                INSERT => {
                    w.out.push_str("<ins class=\"sug\" data-d=\"");
                    let _ = write!(w.out, "{}\">", m.finding);
                    escape_into(w.out, &shorten(m.insert, QUOTE_CHARS));
                    w.out.push_str("</ins>");
                }
                _ => {
                    let hidden = matches!(m.kind, MarkKind::Label(_)) && {
                        labels_here += 1;
                        labels_here > SHOWN_LABELS
                    };
                    anchor(w.out, m, clamped[ev.mark], file, hidden);
                }
            }
            k += 1;
        }
        if labels_here > SHOWN_LABELS {
            let _ = write!(
                w.out,
                "<span class=\"rk-more\">+{}</span>",
                labels_here - SHOWN_LABELS
            );
        }
    }
    w.text_between(pos, text.len(), &active, marks);
    w.close_mark();
    w.out.push_str("</div>\n");
}

/// The marker of a finding (its number, linking to its entry in the list) or the anchor of
/// a related place; a zero-width span also gets a visible caret.
/// `hidden`: one of many related places at one position, kept as an anchor but not shown.
fn anchor(out: &mut String, m: &Mark, (s, e): (usize, usize), file: &str, hidden: bool) {
    let n = m.finding;
    let (sev, class) = match m.kind {
        MarkKind::Primary(sev) => (sev_class(sev), "mk"),
        _ => ("", "rk"),
    };
    if s == e && !hidden {
        let _ = write!(
            out,
            "<span class=\"caret {}\" aria-hidden=\"true\"></span>",
            if sev.is_empty() { "r" } else { sev }
        );
    }
    let more = if hidden { " hid" } else { "" };
    let _ = write!(out, "<a class=\"{class} {sev}{more}\" id=\"{file}-d{n}");
    if let MarkKind::Label(j) = m.kind {
        let _ = write!(out, "-l{j}");
    }
    let _ = write!(out, "\" href=\"#{file}-d{n}-i\" title=\"");
    escape_into(out, m.title);
    let _ = write!(out, "\">{n}</a>");
}

/// Writes text pieces, lines and the flat `<mark>` elements.
struct Writer<'o, 't> {
    out: &'o mut String,
    text: &'t str,
    line: usize,
    open: bool,
}

impl Writer<'_, '_> {
    fn close_mark(&mut self) {
        if self.open {
            self.out.push_str("</mark>");
            self.open = false;
        }
    }

    /// The text `[s, e)`, split into lines.
    fn text_between(&mut self, s: usize, e: usize, active: &Active, marks: &[Mark]) {
        let mut from = s;
        while from < e {
            match self.text[from..e].find('\n') {
                Some(i) => {
                    self.inline(from, from + i, active, marks);
                    self.close_mark();
                    self.line += 1;
                    let _ = write!(
                        self.out,
                        "</div>\n<div class=\"ln\" data-n=\"{}\">",
                        self.line
                    );
                    from += i + 1;
                }
                None => {
                    self.inline(from, e, active, marks);
                    from = e;
                }
            }
        }
    }

    /// Text within one line; a CR before a line feed is dropped.
    fn inline(&mut self, s: usize, mut e: usize, active: &Active, marks: &[Mark]) {
        let bytes = self.text.as_bytes();
        if e > s && bytes[e - 1] == b'\r' && bytes.get(e) == Some(&b'\n') {
            e -= 1;
        }
        if s >= e {
            return;
        }
        if !self.open && !active.is_empty() {
            active.open_tag(marks, self.out);
            self.open = true;
        }
        escape_into(self.out, &self.text[s..e]);
    }
}

// ---------------------------------------------------------------------------------------
// The page
// ---------------------------------------------------------------------------------------

/// A self-contained HTML page of every file's findings.
pub fn html_report(reports: &[FileReport], errors: &[FileError], lang: Lang) -> String {
    let size: usize = reports
        .iter()
        .map(|r| r.text.len() * 2 + r.diagnostics.len() * 600)
        .sum();
    let mut out = String::with_capacity(size + CSS.len() + JS.len() + 8192);
    let title = tr(lang, "noticelint 检查报告", "noticelint report");
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"noticelint {}\">\n<title>{title}</title>\n<style>\n{CSS}</style>\n</head>\n<body>\n",
        tr(lang, "zh-CN", "en"),
        env!("CARGO_PKG_VERSION"),
    );
    header(&mut out, reports, errors, lang);
    file_list(&mut out, reports, lang);
    unreadable(&mut out, errors, lang);
    out.push_str("<main>\n");
    let open = reports.len() <= OPEN_LIMIT;
    for (i, r) in reports.iter().enumerate() {
        file_section(&mut out, r, i + 1, open, lang);
    }
    out.push_str("</main>\n");
    rule_docs(&mut out, reports, lang);
    i18n(&mut out, lang);
    out.push_str("<script>\n");
    out.push_str(JS);
    out.push_str("</script>\n</body>\n</html>\n");
    out
}

/// Title, totals and the counts by rule.
fn header(out: &mut String, reports: &[FileReport], errors: &[FileError], lang: Lang) {
    let s = super::Summary::of(reports);
    let _ = write!(
        out,
        "<header id=\"top\">\n<h1>{}</h1>\n<ul class=\"totals\">\n",
        tr(lang, "noticelint 检查报告", "noticelint report")
    );
    let _ = writeln!(
        out,
        "<li class=\"t-files\"><b>{}</b> {}</li>",
        s.files,
        tr(lang, "个文件", "files")
    );
    if !errors.is_empty() {
        let _ = writeln!(
            out,
            "<li class=\"t-unread\"><a href=\"#unreadable\"><b>{}</b> {}</a></li>",
            errors.len(),
            tr(lang, "个无法读取", "unreadable")
        );
    }
    for (class, n, name) in [
        ("e", s.errors, tr(lang, "个错误", "errors")),
        ("w", s.warnings, tr(lang, "个警告", "warnings")),
        ("i", s.infos, tr(lang, "个提示", "infos")),
    ] {
        let _ = writeln!(
            out,
            "<li class=\"t-{class}\"><span class=\"badge {class}{}\">{n}</span> {name}</li>",
            if n == 0 { " zero" } else { "" }
        );
    }
    out.push_str("</ul>\n");

    // Counts by rule, in code order.
    let mut by_rule: Vec<(&'static str, &'static str, Severity, usize)> = Vec::new();
    for r in reports {
        for d in &r.diagnostics {
            match by_rule.iter_mut().find(|x| x.0 == d.code) {
                Some(x) => {
                    x.3 += 1;
                    x.2 = x.2.max(d.severity);
                }
                None => by_rule.push((d.code, d.rule, d.severity, 1)),
            }
        }
    }
    by_rule.sort_by_key(|x| x.0);
    if !by_rule.is_empty() {
        let _ = write!(
            out,
            "<table class=\"rules\">\n<caption>{}</caption>\n<thead><tr><th>{}</th><th>{}</th><th>{}</th></tr></thead>\n<tbody>\n",
            tr(lang, "按规则统计", "Findings by rule"),
            tr(lang, "代码", "Code"),
            tr(lang, "规则", "Rule"),
            tr(lang, "数量", "Count"),
        );
        for (code, name, sev, n) in &by_rule {
            let summary = registry::find(code)
                .map(|r| r.summary.get(lang))
                .unwrap_or("");
            let _ = write!(
                out,
                "<tr data-rule=\"{code}\"><td><a class=\"code {}\" href=\"#rule-{code}\">{code}</a></td><td><span class=\"rn\">{name}</span> <span class=\"sum\">",
                sev_class(*sev)
            );
            escape_into(out, summary);
            let _ = writeln!(out, "</span></td><td class=\"num\">{n}</td></tr>");
        }
        out.push_str("</tbody>\n</table>\n");
    }
    out.push_str("</header>\n");
}

/// Severity badges of a file (the non-zero counts, or “no problems”).
fn badges(out: &mut String, c: Counts, lang: Lang) {
    if c == Counts::default() {
        let _ = write!(
            out,
            "<span class=\"badge ok\">{}</span>",
            tr(lang, "未发现问题", "no findings")
        );
        return;
    }
    for (class, n, name) in [
        ("e", c.e, tr(lang, "错误", "errors")),
        ("w", c.w, tr(lang, "警告", "warnings")),
        ("i", c.i, tr(lang, "提示", "infos")),
    ] {
        if n > 0 {
            let _ = write!(
                out,
                "<span class=\"badge {class}\" title=\"{name}\">{n}</span>"
            );
        }
    }
}

/// The list of files in report order (by path) with their counts.
fn file_list(out: &mut String, reports: &[FileReport], lang: Lang) {
    if reports.is_empty() {
        return;
    }
    let _ = write!(
        out,
        "<details class=\"filelist\"{}>\n<summary><h2>{} ({})</h2></summary>\n<table>\n<thead><tr><th>{}</th><th class=\"num\">{}</th><th class=\"num\">{}</th><th class=\"num\">{}</th></tr></thead>\n<tbody>\n",
        if reports.len() <= LIST_OPEN_LIMIT { " open" } else { "" },
        tr(lang, "文件", "Files"),
        reports.len(),
        tr(lang, "文件", "File"),
        tr(lang, "错误", "Errors"),
        tr(lang, "警告", "Warnings"),
        tr(lang, "提示", "Infos"),
    );
    for (i, r) in reports.iter().enumerate() {
        let c = Counts::of(&r.diagnostics);
        let clean = c == Counts::default();
        let _ = write!(
            out,
            "<tr data-file=\"f{n}\"{}><td><a href=\"#f{n}\">",
            if clean { " class=\"clean\"" } else { "" },
            n = i + 1
        );
        escape_into(out, &r.path);
        out.push_str("</a></td>");
        for (class, n) in [("e", c.e), ("w", c.w), ("i", c.i)] {
            if n > 0 {
                let _ = write!(
                    out,
                    "<td class=\"num\"><span class=\"badge {class}\">{n}</span></td>"
                );
            } else {
                out.push_str("<td class=\"num zero\">0</td>");
            }
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n</details>\n");
}

/// Files that could not be read, with the reason.
fn unreadable(out: &mut String, errors: &[FileError], lang: Lang) {
    if errors.is_empty() {
        return;
    }
    let _ = write!(
        out,
        "<section id=\"unreadable\">\n<h2>{} ({})</h2>\n<ul>\n",
        tr(lang, "无法读取的文件", "Files that could not be read"),
        errors.len()
    );
    for e in errors {
        out.push_str("<li><code class=\"path\">");
        escape_into(out, &e.path);
        out.push_str("</code>: <span class=\"msg\">");
        escape_into(out, &e.message);
        out.push_str("</span></li>\n");
    }
    out.push_str("</ul>\n</section>\n");
}

/// One notice: summary line, highlighted text, numbered findings.
fn file_section(out: &mut String, r: &FileReport, i: usize, open: bool, lang: Lang) {
    let c = Counts::of(&r.diagnostics);
    let has = !r.diagnostics.is_empty();
    let file = format!("f{i}");
    let _ = write!(
        out,
        "<details class=\"file{}\" id=\"{file}\"{}>\n<summary><span class=\"path\">",
        if has { "" } else { " clean" },
        if open && has { " open" } else { "" }
    );
    escape_into(out, &r.path);
    out.push_str("</span> ");
    badges(out, c, lang);
    let _ = writeln!(
        out,
        " <span class=\"meta\">{} · {}{}</span></summary>",
        kind_name(r.kind, lang),
        r.encoding,
        if r.bom { " BOM" } else { "" }
    );
    out.push_str("<div class=\"notice\" lang=\"zh-CN\">\n");
    // The marks borrow the findings' messages: a page is drawn from them all at once.
    let all = r.diagnostics.to_vec();
    let marks = marks_of(&all, lang);
    highlight(out, &r.text, &marks, &file);
    out.push_str("</div>\n");
    if has {
        findings(out, r, &file, lang);
    }
    out.push_str("</details>\n");
}

fn kind_name(k: crate::input::Kind, lang: Lang) -> &'static str {
    use crate::input::Kind;
    match k {
        Kind::Text => tr(lang, "文本", "text"),
        Kind::Markdown => "Markdown",
        Kind::Docx => tr(lang, "Word 文档", "Word document"),
        Kind::Html => tr(lang, "网页", "web page"),
    }
}

/// The numbered list of a file's findings.
fn findings(out: &mut String, r: &FileReport, file: &str, lang: Lang) {
    let index = &r.lines;
    let text = r.text.as_str();
    let at = |offset: usize| {
        let lc = index.line_col(text, offset);
        match lang {
            Lang::Zh => format!("第{}行第{}列", lc.line, lc.column),
            Lang::En => format!("line {}, column {}", lc.line, lc.column),
        }
    };
    let _ = writeln!(
        out,
        "<h3>{} ({})</h3>\n<ol class=\"findings\">",
        tr(lang, "发现的问题", "Findings"),
        r.diagnostics.len()
    );
    for (k, d) in r.diagnostics.iter().enumerate() {
        let n = k + 1;
        let sev = sev_class(d.severity);
        let (s, _) = clamp(text, &d.span);
        let _ = write!(
            out,
            "<li class=\"fd {sev}\" id=\"{file}-d{n}-i\" data-n=\"{n}\" data-rule=\"{code}\" data-sev=\"{sev}\">\n\
             <div class=\"hd\"><a class=\"mk {sev}\" href=\"#{file}-d{n}\">{n}</a> \
             <span class=\"sev {sev}\">{}</span> <a class=\"code\" href=\"#rule-{code}\">{code}</a> \
             <span class=\"rn\">{}</span> <a class=\"pos\" href=\"#{file}-d{n}\">{}</a></div>\n<p class=\"msg\">",
            sev_name(d.severity, lang),
            d.rule,
            at(s),
            code = d.code,
        );
        escape_into(out, d.message.get(lang));
        out.push_str("</p>\n");
        if !d.labels.is_empty() {
            let _ = writeln!(
                out,
                "<ul class=\"labels\" title=\"{}\">",
                tr(lang, "相关位置", "Related places")
            );
            for (j, l) in d.labels.iter().enumerate() {
                let (ls, le) = clamp(text, &l.span);
                let _ = write!(
                    out,
                    "<li><a class=\"rk\" href=\"#{file}-d{n}-l{j}\">{n}</a> <a class=\"pos\" href=\"#{file}-d{n}-l{j}\">{}</a> ",
                    at(ls)
                );
                if ls < le {
                    out.push_str("<q>");
                    escape_into(out, &shorten(&text[ls..le], QUOTE_CHARS));
                    out.push_str("</q> ");
                }
                escape_into(out, l.message.get(lang));
                out.push_str("</li>\n");
            }
            out.push_str("</ul>\n");
        }
        for note in &d.notes {
            out.push_str("<p class=\"note\">");
            escape_into(out, note.get(lang));
            out.push_str("</p>\n");
        }
        if let Some(fix) = &d.fix {
            fix_html(out, text, fix, &at, lang);
        }
        out.push_str("</li>\n");
    }
    out.push_str("</ol>\n");
}

/// A fix as a suggestion: its message, then each edit as struck deleted text and the
/// inserted text.
fn fix_html(
    out: &mut String,
    text: &str,
    fix: &crate::Fix,
    at: &dyn Fn(usize) -> String,
    lang: Lang,
) {
    let _ = write!(
        out,
        "<div class=\"fix\"><span class=\"lead\">{}</span>",
        tr(lang, "修改：", "Fix: ")
    );
    escape_into(out, fix.message.get(lang));
    if fix.applicability == Applicability::Unsafe {
        let _ = write!(
            out,
            " <span class=\"unsafe\">{}</span>",
            tr(lang, "（请人工确认）", "(check by hand)")
        );
    }
    out.push_str("<ul class=\"edits\">\n");
    for e in &fix.edits {
        let (s, t) = clamp(text, &e.span);
        let _ = write!(out, "<li><span class=\"pos\">{}</span> ", at(s));
        match (s < t, e.replacement.is_empty()) {
            (true, true) => {
                out.push_str(tr(lang, "删去 ", "delete "));
                push_del(out, &text[s..t]);
            }
            (false, _) => {
                out.push_str(tr(lang, "插入 ", "insert "));
                push_ins(out, &e.replacement);
            }
            (true, false) => {
                push_del(out, &text[s..t]);
                out.push_str(tr(lang, " 建议改为 ", " change to "));
                push_ins(out, &e.replacement);
            }
        }
        out.push_str("</li>\n");
    }
    out.push_str("</ul></div>\n");
}

fn push_del(out: &mut String, s: &str) {
    out.push_str("<del>");
    escape_into(out, &shorten(s, QUOTE_CHARS));
    out.push_str("</del>");
}

fn push_ins(out: &mut String, s: &str) {
    out.push_str("<ins>");
    escape_into(out, &shorten(s, QUOTE_CHARS));
    out.push_str("</ins>");
}

/// The documentation of each rule that fired, as `explain` prints it.
fn rule_docs(out: &mut String, reports: &[FileReport], lang: Lang) {
    let mut codes: Vec<&str> = reports
        .iter()
        .flat_map(|r| r.diagnostics.iter().map(|d| d.code))
        .collect();
    codes.sort_unstable();
    codes.dedup();
    if codes.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "<section id=\"rules\">\n<h2>{}</h2>",
        tr(lang, "规则说明", "Rules")
    );
    for code in codes {
        let Some(rule) = registry::find(code) else {
            continue;
        };
        let _ = write!(
            out,
            "<article class=\"rule\" id=\"rule-{code}\">\n<div class=\"doc\">\n"
        );
        markdown(out, &registry::explain(rule, lang));
        let _ = writeln!(
            out,
            "</div>\n<p class=\"back\"><a href=\"#top\">{}</a></p>\n</article>",
            tr(lang, "↑ 回到顶部", "↑ back to top")
        );
    }
    out.push_str("</section>\n");
}

/// The small Markdown of rule documents: `#` headings, fenced code, `- ` and `1. ` lists,
/// `code`, paragraphs (wrapped lines joined; no space between CJK characters).
pub fn markdown(out: &mut String, md: &str) {
    let mut para = String::new();
    // The open list's closing tag.
    let mut list: Option<&str> = None;
    let mut in_code = false;
    fn flush_para(out: &mut String, para: &mut String) {
        if !para.is_empty() {
            out.push_str("<p>");
            inline_code(out, para);
            out.push_str("</p>\n");
            para.clear();
        }
    }
    fn close_list(out: &mut String, list: &mut Option<&str>) {
        if let Some(tag) = list.take() {
            out.push_str(tag);
        }
    }
    for line in md.lines() {
        if line.trim_start().starts_with("```") {
            if in_code {
                out.push_str("</pre>\n");
            } else {
                flush_para(out, &mut para);
                close_list(out, &mut list);
                out.push_str("<pre>");
            }
            in_code = !in_code;
            continue;
        }
        if in_code {
            escape_into(out, line);
            out.push('\n');
            continue;
        }
        let t = line.trim();
        let digits = t.bytes().take_while(u8::is_ascii_digit).count();
        let numbered = (digits > 0 && t[digits..].starts_with(". ")).then(|| &t[digits + 2..]);
        let bullet = t.strip_prefix("- ").or_else(|| t.strip_prefix("* "));
        if t.is_empty() {
            flush_para(out, &mut para);
            close_list(out, &mut list);
        } else if let Some(h) = t.strip_prefix('#') {
            flush_para(out, &mut para);
            close_list(out, &mut list);
            let level = 1 + h.chars().take_while(|&c| c == '#').count();
            let tag = if level == 1 { "h3" } else { "h4" };
            let _ = write!(out, "<{tag}>");
            escape_into(out, h.trim_start_matches('#').trim());
            let _ = writeln!(out, "</{tag}>");
        } else if let Some(item) = numbered.or(bullet) {
            flush_para(out, &mut para);
            let (open, close) = if numbered.is_some() {
                ("<ol>\n", "</ol>\n")
            } else {
                ("<ul>\n", "</ul>\n")
            };
            if list != Some(close) {
                close_list(out, &mut list);
                out.push_str(open);
                list = Some(close);
            }
            out.push_str("<li>");
            inline_code(out, item);
            out.push_str("</li>\n");
        } else if list.is_some() && para.is_empty() && line.starts_with(' ') {
            // A wrapped list item: continues the item just written.
            if out.ends_with("</li>\n") {
                out.truncate(out.len() - "</li>\n".len());
                if needs_space(out.chars().last(), t.chars().next()) {
                    out.push(' ');
                }
                inline_code(out, t);
                out.push_str("</li>\n");
            }
        } else {
            close_list(out, &mut list);
            if needs_space(para.chars().last(), t.chars().next()) {
                para.push(' ');
            }
            para.push_str(t);
        }
    }
    if in_code {
        out.push_str("</pre>\n");
    }
    flush_para(out, &mut para);
    close_list(out, &mut list);
}

/// Whether two wrapped lines join with a space (not between CJK characters).
fn needs_space(a: Option<char>, b: Option<char>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => a.is_ascii_graphic() || b.is_ascii_alphanumeric(),
        _ => false,
    }
}

/// Escaped text with `code` spans.
fn inline_code(out: &mut String, s: &str) {
    for (k, part) in s.split('`').enumerate() {
        if k % 2 == 1 {
            out.push_str("<code>");
            escape_into(out, part);
            out.push_str("</code>");
        } else {
            escape_into(out, part);
        }
    }
}

/// The strings the script shows, in the page's language.
fn i18n(out: &mut String, lang: Lang) {
    let v = serde_json::json!({
        "errors": tr(lang, "错误", "errors"),
        "warnings": tr(lang, "警告", "warnings"),
        "infos": tr(lang, "提示", "infos"),
        "onlyProblems": tr(lang, "只看有问题的文件", "only files with findings"),
        "rule": tr(lang, "规则：", "rule: "),
        "all": tr(lang, "显示全部", "show all"),
        "explain": tr(lang, "规则说明", "about this rule"),
        "close": tr(lang, "关闭", "close"),
        "related": tr(lang, "相关位置，见第 %n 处问题", "related place of finding %n"),
        "expand": tr(lang, "全部展开", "expand all"),
        "collapse": tr(lang, "全部折叠", "collapse all"),
        "shown": tr(lang, "显示：", "show: "),
    });
    let json = v.to_string().replace("</", "<\\/");
    let _ = writeln!(
        out,
        "<script type=\"application/json\" id=\"nl-i18n\">{json}</script>"
    );
}

#[cfg(test)]
mod tests;
