//! rustc-style output through codespan-reporting.

use codespan_reporting::diagnostic as cs;
use codespan_reporting::files::{Files, SimpleFile};
use codespan_reporting::term::{self, termcolor};

use crate::diagnostic::{Lang, Severity};
use crate::registry;
use crate::render::{Summary, CHUNK};
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
    render_with(report, opts, Drawer::Fast, None).0
}

/// [`render_file`] handed to `emit` in chunks of about [`CHUNK`] bytes (`emit` takes them
/// out of the buffer), so that a notice with a hundred thousand findings is drawn without
/// its whole report in memory (47 MB for a 32 MB notice).
pub fn render_file_with(
    report: &FileReport,
    opts: &HumanOptions,
    emit: &mut dyn FnMut(&mut Vec<u8>),
) {
    let (mut rest, _) = render_with(report, opts, Drawer::Fast, Some(&mut *emit));
    emit(&mut rest);
}

/// Where [`render_file_with`]'s chunks go.
type Emit<'e> = &'e mut dyn FnMut(&mut Vec<u8>);

/// Who draws a diagnostic: [`Drawer::Fast`] draws the shapes it knows (see [`fast`]) and
/// hands the rest to codespan-reporting; [`Drawer::Codespan`] hands it everything (tests
/// compare the two).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Drawer {
    Fast,
    #[cfg_attr(not(test), allow(dead_code))]
    Codespan,
}

/// The rendered bytes (what `emit`, when given, has not taken) and how many diagnostics the
/// fast path drew.
fn render_with(
    report: &FileReport,
    opts: &HumanOptions,
    drawer: Drawer,
    mut emit: Option<Emit<'_>>,
) -> (Vec<u8>, usize) {
    // Per rule code: (code, warnings and infos in the file, diagnostics met so far). A
    // file has a few codes; a list beats a map here.
    let mut counts: Vec<(&str, usize, usize)> = Vec::new();
    let slot = |counts: &mut Vec<(&str, usize, usize)>, code: &'static str| match counts
        .iter()
        .position(|c| std::ptr::eq(c.0, code) || c.0 == code)
    {
        Some(i) => i,
        None => {
            counts.push((code, 0, 0));
            counts.len() - 1
        }
    };
    // Errors are always shown; only warnings and infos are summarised when many.
    let mut errors = 0;
    for (code, severity) in report.diagnostics.heads() {
        let i = slot(&mut counts, code);
        counts[i].1 += usize::from(severity != Severity::Error);
        errors += usize::from(severity == Severity::Error);
    }
    // Room for what is drawn (about a kilobyte each), so that the buffer rarely grows.
    let drawn = errors
        + counts
            .iter()
            .map(|c| if opts.show_all { c.1 } else { c.1.min(MANY) })
            .sum::<usize>();
    let room = 1536 * drawn;
    let mut out = Vec::with_capacity(if emit.is_some() {
        room.min(CHUNK * 2)
    } else {
        room
    });
    let mut starts = LineStarts::default();
    let mut tabs: Option<bool> = None;
    let mut slow: Option<Codespan> = None;
    let mut scratch = fast::Scratch::default();
    let mut far_notes: Vec<String> = Vec::new();
    let mut drawn_fast = 0;
    // Read in place; a finding not drawn is not decoded past its code.
    let mut findings = report.diagnostics.views();
    while let Some(code) = findings.peek_code() {
        if let Some(emit) = emit.as_mut().filter(|_| out.len() >= CHUNK) {
            emit(&mut out);
            out.clear();
        }
        let i = slot(&mut counts, code);
        let total = counts[i].1;
        let k = &mut counts[i].2;
        *k += 1;
        if !opts.show_all && total > MANY && *k > SHOW_WHEN_MANY {
            findings.skip();
            continue;
        }
        let Some(d) = findings.next() else { break };
        let more =
            (!opts.show_all && total > MANY && *k == SHOW_WHEN_MANY).then(|| match opts.lang {
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
        let mut labels = vec![fast::Label {
            primary: true,
            span: d.span.clone(),
            message: d.fix.map_or("", |(_, m)| m.get(opts.lang)),
        }];
        // A related place far from the finding on the same long line is named in a note
        // instead of drawn: one window over both would show the whole stretch between
        // them, for every such finding (a notice on one line made the report quadratic).
        far_notes.clear();
        for (span, message) in &d.labels {
            if apart_on_a_long_line(report, &d.span, span) {
                let lc = report.lines.line_col(&report.text, span.start);
                let msg = message.get(opts.lang);
                far_notes.push(match (opts.lang, msg.is_empty()) {
                    (Lang::Zh, true) => format!("另见第{}行第{}列", lc.line, lc.column),
                    (Lang::Zh, false) => format!("另见第{}行第{}列：{msg}", lc.line, lc.column),
                    (Lang::En, true) => format!("see line {}, column {}", lc.line, lc.column),
                    (Lang::En, false) => {
                        format!("see line {}, column {}: {msg}", lc.line, lc.column)
                    }
                });
            } else {
                labels.push(fast::Label {
                    primary: false,
                    span: span.clone(),
                    message: message.get(opts.lang),
                });
            }
        }
        let notes = d
            .notes
            .iter()
            .map(|n| n.get(opts.lang))
            .chain(far_notes.iter().map(String::as_str))
            .chain(more.as_deref());
        if drawer == Drawer::Fast {
            let far = labels.iter().map(|l| l.span.end).max().unwrap_or(0);
            starts.cover(&report.text, far);
            let file = fast::File {
                name: &report.path,
                text: &report.text,
                starts: &starts.starts,
                long: &report.lines,
                tabs: *tabs
                    .get_or_insert_with(|| memchr::memchr(b'\t', report.text.as_bytes()).is_some()),
            };
            let head = fast::Head {
                color: opts.color,
                severity: d.severity,
                code: d.code,
                message: d.message.get(opts.lang),
            };
            if fast::draw(&mut out, &file, &head, &labels, notes.clone(), &mut scratch) {
                drawn_fast += 1;
                continue;
            }
        }
        let slow = slow.get_or_insert_with(|| Codespan::new(report, opts.color));
        slow.draw(
            &mut out,
            report,
            &report.lines,
            d,
            &labels,
            notes.map(str::to_string).collect(),
            opts.lang,
        );
    }
    (out, drawn_fast)
}

/// Whether `label` lies on the long line of `primary` ([`LONG_LINE`]) more than
/// [`LONG_LINE`] bytes away from it.
fn apart_on_a_long_line(
    report: &FileReport,
    primary: &std::ops::Range<usize>,
    label: &std::ops::Range<usize>,
) -> bool {
    if report.text.len() <= LONG_LINE {
        return false;
    }
    let gap = if label.start >= primary.end {
        label.start - primary.end
    } else {
        primary.start.saturating_sub(label.end)
    };
    if gap <= LONG_LINE {
        return false;
    }
    let lines = &report.lines;
    let line = lines.line_of(primary.start.min(report.text.len()));
    if line != lines.line_of(label.start.min(report.text.len())) {
        return false;
    }
    let end = if line + 1 < lines.line_count() {
        lines.line_start(line + 1)
    } else {
        report.text.len()
    };
    end - lines.line_start(line) > LONG_LINE
}

/// Byte offsets where lines start (0, and after every newline).
/// Where lines start, found as far into the text as the diagnostics drawn so far reach
/// (the text after the last one drawn is not scanned).
#[derive(Default)]
struct LineStarts {
    /// 0, then the byte after every newline before `scanned`.
    starts: Vec<usize>,
    /// Every newline before this offset is recorded; the byte before it is a newline
    /// (or it is past the end of the text).
    scanned: usize,
}

impl LineStarts {
    /// Record the newlines up to the end of the line that holds byte `p`.
    fn cover(&mut self, text: &str, p: usize) {
        if self.starts.is_empty() {
            self.starts.reserve(text.len() / 64 + 2);
            self.starts.push(0);
        }
        if self.scanned > p || self.scanned > text.len() {
            return;
        }
        for i in memchr::memchr_iter(b'\n', &text.as_bytes()[self.scanned..]) {
            let i = self.scanned + i;
            self.starts.push(i + 1);
            if i >= p {
                self.scanned = i + 1;
                return;
            }
        }
        self.scanned = text.len() + 1;
    }
}

/// Drawing through codespan-reporting, for the shapes [`fast`] does not draw.
struct Codespan<'r> {
    file: SimpleFile<&'r str, &'r str>,
    buf: termcolor::Buffer,
    config: term::Config,
}

impl<'r> Codespan<'r> {
    fn new(report: &'r FileReport, color: bool) -> Self {
        Codespan {
            file: SimpleFile::new(report.path.as_str(), report.text.as_str()),
            buf: if color {
                termcolor::Buffer::ansi()
            } else {
                termcolor::Buffer::no_color()
            },
            config: term::Config::default(),
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn draw(
        &mut self,
        out: &mut Vec<u8>,
        report: &FileReport,
        index: &LineIndex,
        d: &crate::findings::View,
        labels: &[fast::Label],
        notes: Vec<String>,
        lang: Lang,
    ) {
        let severity = match d.severity {
            Severity::Error => cs::Severity::Error,
            Severity::Warning => cs::Severity::Warning,
            Severity::Info => cs::Severity::Note,
        };
        let labels = labels
            .iter()
            .map(|l| {
                if l.primary {
                    cs::Label::primary((), l.span.clone())
                } else {
                    cs::Label::secondary((), l.span.clone())
                }
                .with_message(l.message)
            })
            .collect();
        let diag = cs::Diagnostic::new(severity)
            .with_code(d.code)
            .with_message(d.message.get(lang))
            .with_labels(labels)
            .with_notes(notes);
        // Spans always lie on char boundaries inside the text; a failure here is a bug
        // that must not take the report down.
        let long = diag.labels.iter().any(|l| {
            // Cheap test first: a label can only touch a long line if the text has one.
            report.text.len() > LONG_LINE && l.range.end <= report.text.len()
        });
        let windows = if long {
            let spans: Vec<_> = diag.labels.iter().map(|l| l.range.clone()).collect();
            windows_for(&report.text, index, &spans)
        } else {
            Vec::new()
        };
        self.buf.clear();
        if windows.is_empty() {
            let _ = term::emit_to_write_style(&mut self.buf, &self.config, &self.file, &diag);
        } else {
            let w = Windowed {
                name: &report.path,
                text: &report.text,
                index,
                windows,
            };
            let _ = term::emit_to_write_style(&mut self.buf, &self.config, &w, &diag);
        }
        out.extend_from_slice(self.buf.as_slice());
    }
}

/// Draws the common shapes of our diagnostics byte for byte as codespan-reporting 0.13
/// does (`term::Config::default()`, rich style, termcolor's ANSI escapes), without its
/// character-by-character walks over whole source lines: a source line is copied as
/// bytes, and display widths are measured only up to the last column a label needs.
///
/// Drawn here: every label on one line (a line may hold several, overlapping or not;
/// labels on different lines, with codespan's `·` breaks and in-between lines), the long
/// line windows of [`windows_for`], notes. Not drawn here (the caller falls back to
/// codespan): a label that spans lines, a drawn line holding a tab (codespan expands tabs
/// by column), a span off a char boundary or past the text, a label past the end of its
/// trimmed line by more than one byte.
///
/// `tests::fast_path_draws_the_corpus_as_codespan_does` and
/// `tests::fast_path_draws_random_shapes_as_codespan_does` check the bytes against codespan.
mod fast {
    use std::ops::Range;

    use unicode_width::UnicodeWidthChar;

    use super::{windows_for, LONG_LINE};
    use crate::diagnostic::Severity;
    use crate::source::LineIndex;

    pub struct File<'t> {
        pub name: &'t str,
        pub text: &'t str,
        /// Where lines start, at least up to the end of the line of every label
        /// ([`super::LineStarts`]).
        pub starts: &'t [usize],
        /// The full index, used when a label lies on a long line (for its window and
        /// column).
        pub long: &'t LineIndex,
        /// Whether the text holds a tab anywhere.
        pub tabs: bool,
    }

    impl File<'_> {
        /// The 0-based line that holds byte `p` (as codespan's `SimpleFile`).
        fn line_of(&self, p: usize) -> usize {
            self.starts.partition_point(|&s| s <= p) - 1
        }

        /// A line's bytes, its newline included (as codespan's `line_range`).
        fn full_line(&self, line: usize) -> Range<usize> {
            self.starts[line]
                ..self
                    .starts
                    .get(line + 1)
                    .copied()
                    .unwrap_or(self.text.len())
        }

        fn index(&self) -> &LineIndex {
            self.long
        }
    }

    pub struct Head<'a> {
        pub color: bool,
        pub severity: Severity,
        pub code: &'a str,
        pub message: &'a str,
    }

    /// A label in the order codespan receives it: the primary first, then the secondaries.
    #[derive(Debug, Clone)]
    pub struct Label<'a> {
        pub primary: bool,
        pub span: Range<usize>,
        pub message: &'a str,
    }

    /// A label placed on its line: offsets relative to the drawn part of the line
    /// (`shown`); `end` is at least `start + 1`, as codespan makes it.
    #[derive(Debug, Clone, Copy)]
    struct Placed<'a> {
        line: usize,
        shown: (usize, usize),
        primary: bool,
        start: usize,
        end: usize,
        message: &'a str,
    }

    /// Buffers kept from one diagnostic to the next.
    pub struct Scratch {
        /// Byte offsets where a caret or pointer line changes, and their display columns.
        points: Vec<usize>,
        cols: Vec<usize>,
    }

    impl Default for Scratch {
        fn default() -> Self {
            Scratch {
                points: Vec::with_capacity(32),
                cols: Vec::with_capacity(32),
            }
        }
    }

    /// The escape sequences termcolor's ANSI buffer writes for codespan's default styles
    /// (`set_color` resets first, then bold, then the colour); all empty without colour.
    struct Paint {
        header: &'static str,
        message: &'static str,
        /// Line numbers, borders, note bullets and secondary labels (cyan).
        blue: &'static str,
        /// Primary labels, in the severity's colour.
        primary: &'static str,
        reset: &'static str,
        /// The outer gutter and the left border, `  │` (built once per diagnostic).
        gutter: [u8; 64],
        gutter_len: usize,
    }

    impl Paint {
        fn new(color: bool, severity: Severity, pad: usize) -> Paint {
            let mut paint = if !color {
                Paint {
                    header: "",
                    message: "",
                    blue: "",
                    primary: "",
                    reset: "",
                    gutter: [b' '; 64],
                    gutter_len: 0,
                }
            } else {
                let (header, primary) = match severity {
                    Severity::Error => ("\x1b[0m\x1b[1m\x1b[38;5;9m", "\x1b[0m\x1b[31m"),
                    Severity::Warning => ("\x1b[0m\x1b[1m\x1b[38;5;11m", "\x1b[0m\x1b[33m"),
                    Severity::Info => ("\x1b[0m\x1b[1m\x1b[38;5;10m", "\x1b[0m\x1b[32m"),
                };
                Paint {
                    header,
                    message: "\x1b[0m\x1b[1m",
                    blue: "\x1b[0m\x1b[36m",
                    primary,
                    reset: "\x1b[0m",
                    gutter: [b' '; 64],
                    gutter_len: 0,
                }
            };
            // Line numbers have at most 20 digits: pad + 1 + 9 + 3 + 4 < 64.
            let mut at = pad + 1;
            for part in [paint.blue, "│", paint.reset] {
                paint.gutter[at..at + part.len()].copy_from_slice(part.as_bytes());
                at += part.len();
            }
            paint.gutter_len = at;
            paint
        }

        fn gutter(&self) -> &[u8] {
            &self.gutter[..self.gutter_len]
        }

        fn label(&self, primary: bool) -> &'static str {
            if primary {
                self.primary
            } else {
                self.blue
            }
        }
    }

    /// Draw one diagnostic into `out`, or return false having written nothing.
    pub fn draw<'a, 'n>(
        out: &mut Vec<u8>,
        file: &File<'_>,
        head: &Head,
        labels: &[Label<'a>],
        notes: impl Iterator<Item = &'n str> + Clone,
        scratch: &mut Scratch,
    ) -> bool {
        let text = file.text;
        // Borrows the labels' messages: the finding is decoded for this call only.
        let mut placed: Vec<Placed<'a>> = Vec::with_capacity(labels.len());
        let Some(first) = labels.first() else {
            return false;
        };
        let mut windows: Option<Vec<(usize, Range<usize>)>> = None;
        let mut pad = 0;
        // Where the `┌─` locus points: the earliest primary label (codespan keeps the
        // first label unless a later one has a higher style or starts earlier).
        let (mut locus, mut locus_primary) = (first.span.start, first.primary);
        for l in labels {
            let Range { start, end } = l.span;
            if start > end
                || end > text.len()
                || !text.is_char_boundary(start)
                || !text.is_char_boundary(end)
            {
                return false;
            }
            let line = file.line_of(start);
            if file.line_of(end) != line {
                return false;
            }
            if (l.primary && !locus_primary) || (l.primary == locus_primary && start < locus) {
                (locus, locus_primary) = (start, l.primary);
            }
            pad = pad.max(digits(line + 1));
            let mut shown = file.full_line(line);
            if shown.len() > LONG_LINE {
                let windows = windows.get_or_insert_with(|| {
                    let spans: Vec<_> = labels.iter().map(|l| l.span.clone()).collect();
                    windows_for(text, file.index(), &spans)
                });
                match windows.iter().find(|(l, _)| *l == line) {
                    Some((_, w)) => shown = w.clone(),
                    None => return false,
                }
            }
            let s = trim(&text[shown.clone()]);
            let rel = start - shown.start;
            let rel_end = (end - shown.start).max(rel + 1);
            if rel > s.len() || rel_end > s.len() + 1 {
                return false;
            }
            // Lines sorted by number; on a line, labels placed as codespan places them
            // (binary search on (start, end) over the labels placed so far).
            let lo = placed.partition_point(|p| p.line < line);
            let hi = placed.partition_point(|p| p.line <= line);
            let at =
                match placed[lo..hi].binary_search_by(|p| (p.start, p.end).cmp(&(rel, rel_end))) {
                    Ok(i) | Err(i) => lo + i,
                };
            placed.insert(
                at,
                Placed {
                    line,
                    shown: (shown.start, shown.end),
                    primary: l.primary,
                    start: rel,
                    end: rel_end,
                    message: l.message,
                },
            );
        }
        // Tabs are expanded by column: not drawn here.
        let mut prev: Option<usize> = None;
        for p in placed.iter().filter(|_| file.tabs) {
            if prev != Some(p.line) {
                if memchr::memchr(b'\t', &text.as_bytes()[p.shown.0..p.shown.1]).is_some() {
                    return false;
                }
                if prev.is_some_and(|l| l + 2 == p.line) {
                    let r = file.full_line(p.line - 1);
                    if memchr::memchr(b'\t', text[r].as_bytes()).is_some() {
                        return false;
                    }
                }
            }
            prev = Some(p.line);
        }

        let paint = Paint::new(head.color, head.severity, pad);
        // Header: `warning[NL405]: message`
        put(out, paint.header);
        out.extend_from_slice(match head.severity {
            Severity::Error => b"error",
            Severity::Warning => b"warning",
            Severity::Info => b"note",
        });
        if !head.code.is_empty() {
            out.push(b'[');
            out.extend_from_slice(head.code.as_bytes());
            out.push(b']');
        }
        put(out, paint.message);
        out.extend_from_slice(b": ");
        out.extend_from_slice(head.message.as_bytes());
        put(out, paint.reset);
        out.push(b'\n');
        // `  ┌─ path:line:col` and an empty bordered line
        let line = file.line_of(locus);
        let line_start = file.starts[line];
        let column = if file.full_line(line).len() > LONG_LINE {
            file.index().line_col(text, locus).column
        } else {
            text[line_start..locus].chars().count() + 1
        };
        spaces(out, pad + 1);
        border(out, &paint, "┌─");
        out.push(b' ');
        out.extend_from_slice(file.name.as_bytes());
        out.push(b':');
        number(out, line + 1);
        out.push(b':');
        number(out, column);
        out.push(b'\n');
        empty_line(out, &paint);
        // Each line with its labels; between two lines, the line between them or a break.
        let placed = &placed;
        let mut i = 0;
        while i < placed.len() {
            let line = placed[i].line;
            let mut j = i + 1;
            while j < placed.len() && placed[j].line == line {
                j += 1;
            }
            let (a, b) = placed[i].shown;
            let s = trim(&text[a..b]);
            source_line(out, &paint, pad, line + 1, s, &placed[i..j]);
            if !placed[i..j].is_empty() {
                labels_under(
                    out,
                    &paint,
                    s,
                    &placed[i..j],
                    &mut scratch.points,
                    &mut scratch.cols,
                );
            }
            if let Some(next) = placed.get(j) {
                match next.line - line {
                    1 => {}
                    2 => {
                        let s = trim(&text[file.full_line(line + 1)]);
                        source_line(out, &paint, pad, line + 2, s, &[]);
                    }
                    _ => {
                        spaces(out, pad + 1);
                        border(out, &paint, "·");
                        out.push(b'\n');
                    }
                }
            }
            i = j;
        }
        if notes.clone().next().is_some() {
            empty_line(out, &paint);
        }
        for note in notes {
            for (k, line) in note.lines().enumerate() {
                spaces(out, pad + 1);
                if k == 0 {
                    border(out, &paint, "=");
                } else {
                    out.push(b' ');
                }
                out.push(b' ');
                out.extend_from_slice(line.as_bytes());
                out.push(b'\n');
            }
        }
        out.push(b'\n');
        true
    }

    /// A drawn line without its trailing newlines, carriage returns and NULs.
    fn trim(s: &str) -> &str {
        s.trim_end_matches(['\n', '\r', '\0'])
    }

    fn digits(n: usize) -> usize {
        n.ilog10() as usize + 1
    }

    fn number(out: &mut Vec<u8>, mut n: usize) {
        if n < 100 {
            if n >= 10 {
                out.push(b'0' + (n / 10) as u8);
            }
            out.push(b'0' + (n % 10) as u8);
            return;
        }
        let mut buf = [0u8; 20];
        let mut i = buf.len();
        loop {
            i -= 1;
            buf[i] = b'0' + (n % 10) as u8;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        out.extend_from_slice(&buf[i..]);
    }

    fn spaces(out: &mut Vec<u8>, n: usize) {
        const SPACES: &[u8; 64] = &[b' '; 64];
        match SPACES.get(..n) {
            Some(s) => out.extend_from_slice(s),
            None => repeat(out, b' ', n),
        }
    }

    fn repeat(out: &mut Vec<u8>, byte: u8, n: usize) {
        out.resize(out.len() + n, byte);
    }

    /// A style's escape sequence (nothing to do without colour).
    fn put(out: &mut Vec<u8>, s: &str) {
        if !s.is_empty() {
            out.extend_from_slice(s.as_bytes());
        }
    }

    fn border(out: &mut Vec<u8>, paint: &Paint, ch: &str) {
        put(out, paint.blue);
        out.extend_from_slice(ch.as_bytes());
        put(out, paint.reset);
    }

    /// `  │`
    fn empty_line(out: &mut Vec<u8>, paint: &Paint) {
        out.extend_from_slice(paint.gutter());
        out.push(b'\n');
    }

    /// `  │ ` before carets and pointers.
    fn under_start(out: &mut Vec<u8>, paint: &Paint) {
        out.extend_from_slice(paint.gutter());
        out.push(b' ');
    }

    /// `12 │ source`, the characters under a primary label in its colour.
    fn source_line(
        out: &mut Vec<u8>,
        paint: &Paint,
        pad: usize,
        line_number: usize,
        s: &str,
        labels: &[Placed],
    ) {
        put(out, paint.blue);
        spaces(out, pad.saturating_sub(digits(line_number)));
        number(out, line_number);
        put(out, paint.reset);
        out.push(b' ');
        border(out, paint, "│");
        out.push(b' ');
        // Characters that overlap a primary label, as merged byte ranges.
        let mut pos = 0;
        let mut open: Option<(usize, usize)> = None;
        let flush = |out: &mut Vec<u8>, (a, b): (usize, usize), pos: &mut usize| {
            out.extend_from_slice(&s.as_bytes()[*pos..a]);
            put(out, paint.primary);
            out.extend_from_slice(&s.as_bytes()[a..b]);
            put(out, paint.reset);
            *pos = b;
        };
        for l in labels.iter().filter(|l| l.primary && l.start < s.len()) {
            let b = ceil_char(s, l.end.min(s.len()));
            open = match open {
                Some((a0, b0)) if l.start <= b0 => Some((a0, b0.max(b))),
                Some(run) => {
                    flush(out, run, &mut pos);
                    Some((l.start, b))
                }
                None => Some((l.start, b)),
            };
        }
        if let Some(run) = open {
            flush(out, run, &mut pos);
        }
        out.extend_from_slice(&s.as_bytes()[pos..]);
        out.push(b'\n');
    }

    /// The caret line under a source line (`^^^` primary, `---` secondary, the message of
    /// the rightmost label after it when it overlaps no other), then, when other labels
    /// have messages, a line of `│` pointers and one line per such message, last first.
    fn labels_under(
        out: &mut Vec<u8>,
        paint: &Paint,
        s: &str,
        labels: &[Placed],
        points: &mut Vec<usize>,
        cols: &mut Vec<usize>,
    ) {
        let len = s.len();
        let mut messages = 0;
        let (mut max_start, mut max_end) = (0, 0);
        let mut trailing = None;
        for (i, l) in labels.iter().enumerate() {
            if !l.message.is_empty() {
                messages += 1;
            }
            max_start = max_start.max(l.start);
            max_end = max_end.max(l.end);
            if l.end == max_end {
                trailing = (!l.message.is_empty()).then_some(i);
            }
        }
        if let Some(t) = trailing {
            let lt = &labels[t];
            if labels
                .iter()
                .enumerate()
                .any(|(j, l)| j != t && lt.start.max(l.start) < lt.end.min(l.end))
            {
                trailing = None;
            }
        }
        // A label covers the characters it overlaps: up to the next char boundary, or
        // the one-column placeholder after the line.
        let cover_end = |l: &Placed| {
            if l.end <= len {
                ceil_char(s, l.end)
            } else {
                l.end
            }
        };
        if let [l] = labels {
            // One label (the usual case): spaces up to it, its carets, its message.
            let end = cover_end(l);
            let a = l.start.min(len);
            under_start(out, paint);
            spaces(out, width(&s[..a]));
            put(out, paint.label(l.primary));
            let carets = width(&s[a..end.min(len)]) + usize::from(end > len);
            repeat(out, if l.primary { b'^' } else { b'-' }, carets);
            put(out, paint.reset);
            if !l.message.is_empty() {
                out.push(b' ');
                put(out, paint.label(l.primary));
                out.extend_from_slice(l.message.as_bytes());
                put(out, paint.reset);
            }
            out.push(b'\n');
            return;
        }
        let caret_end = labels.iter().map(cover_end).max().unwrap_or(0);
        // Pointers are drawn under characters up to the one at the rightmost start.
        let pointer_end = if max_start < len {
            max_start + char_len(s, max_start)
        } else {
            len
        };
        let limit = caret_end.max(pointer_end);
        points.clear();
        points.extend([0, len]);
        for l in labels {
            points.push(l.start);
            points.push(cover_end(l));
            if l.start < len {
                points.push(l.start + char_len(s, l.start));
            }
        }
        points.retain(|&p| p <= limit);
        points.sort_unstable();
        points.dedup();
        cols.clear();
        let (mut col, mut prev) = (0, 0);
        for &p in points.iter() {
            col += if p <= len { width(&s[prev..p]) } else { 1 };
            prev = p.min(len);
            cols.push(col);
        }
        let col_at = |p: usize| cols[points.binary_search(&p).expect("a point")];

        under_start(out, paint);
        let mut style: Option<bool> = None;
        for k in 0..points.len() - 1 {
            let (a, b) = (points[k], points[k + 1]);
            if a >= caret_end {
                break;
            }
            let here = labels
                .iter()
                .filter(|l| l.start <= a && b <= cover_end(l))
                .map(|l| l.primary)
                .max();
            if here != style {
                put(
                    out,
                    match here {
                        None => paint.reset,
                        Some(primary) => paint.label(primary),
                    },
                );
            }
            let ch = match here {
                Some(true) => b'^',
                Some(false) => b'-',
                None => b' ',
            };
            repeat(out, ch, cols[k + 1] - cols[k]);
            style = here;
        }
        if style.is_some() {
            put(out, paint.reset);
        }
        if let Some(t) = trailing {
            out.push(b' ');
            put(out, paint.label(labels[t].primary));
            out.extend_from_slice(labels[t].message.as_bytes());
            put(out, paint.reset);
        }
        out.push(b'\n');

        if messages <= usize::from(trailing.is_some()) {
            return;
        }
        let hanging = |i: usize, l: &Placed| !l.message.is_empty() && Some(i) != trailing;
        // `│` under the first character of every hanging label that starts before `upto`.
        let pointers = |out: &mut Vec<u8>, upto: usize| {
            let mut pos = 0;
            let mut i = 0;
            while i < labels.len() {
                let st = labels[i].start;
                let mut style: Option<bool> = None;
                let mut j = i;
                while j < labels.len() && labels[j].start == st {
                    if hanging(j, &labels[j]) {
                        style = style.max(Some(labels[j].primary));
                    }
                    j += 1;
                }
                i = j;
                let Some(primary) = style else { continue };
                if st >= upto || st >= len {
                    break;
                }
                let e = st + char_len(s, st);
                spaces(out, col_at(st) - col_at(pos));
                put(out, paint.label(primary));
                out.extend_from_slice("│".as_bytes());
                put(out, paint.reset);
                spaces(out, (col_at(e) - col_at(st)).saturating_sub(1));
                pos = e;
            }
            spaces(out, col_at(upto) - col_at(pos));
        };
        under_start(out, paint);
        pointers(out, pointer_end);
        out.push(b'\n');
        for (i, l) in labels.iter().enumerate().rev() {
            if !hanging(i, l) {
                continue;
            }
            under_start(out, paint);
            pointers(out, l.start.min(len));
            put(out, paint.label(l.primary));
            out.extend_from_slice(l.message.as_bytes());
            put(out, paint.reset);
            out.push(b'\n');
        }
    }

    fn ceil_char(s: &str, mut i: usize) -> usize {
        while !s.is_char_boundary(i) {
            i += 1;
        }
        i
    }

    fn char_len(s: &str, i: usize) -> usize {
        s[i..].chars().next().map_or(0, char::len_utf8)
    }

    /// Display columns of `s` as codespan counts them: each character's Unicode width,
    /// control characters 0 (no tabs here).
    pub(super) fn width(s: &str) -> usize {
        let b = s.as_bytes();
        let (mut w, mut i) = (0, 0);
        while i < b.len() {
            let x = b[i];
            if x.wrapping_sub(0xe5) < 5 {
                // U+5000..U+9FFF, most CJK ideographs: two columns.
                w += 2;
                i += 3;
            } else if x < 0x80 {
                w += usize::from(x.wrapping_sub(0x20) < 0x5f);
                i += 1;
            } else if let Some(cw) = wide3(x, b.get(i + 1).copied(), b.get(i + 2).copied()) {
                w += cw;
                i += 3;
            } else {
                let c = s[i..].chars().next().expect("inside the string");
                w += char_width(c);
                i += c.len_utf8();
            }
        }
        w
    }

    /// The width of the most frequent three-byte characters of Chinese text, read from
    /// their bytes: CJK ideographs U+4E00..U+9FFF, CJK punctuation U+3000..U+303F,
    /// full-width forms U+FF01..U+FF60. `tests::widths_agree_with_unicode_width`
    /// compares every character with unicode-width.
    fn wide3(b0: u8, b1: Option<u8>, b2: Option<u8>) -> Option<usize> {
        let (b1, b2) = (b1?, b2?);
        match (b0, b1) {
            (0xe5..=0xe9, _) | (0xe4, 0xb8..) => Some(2),
            (0xe3, 0x80) => Some(match b2 & 0x3f {
                0x2a..=0x2f => 0,
                0x3f => 1,
                _ => 2,
            }),
            (0xef, 0xbc) if b2 >= 0x81 => Some(2),
            (0xef, 0xbd) if b2 <= 0xa0 => Some(2),
            _ => None,
        }
    }

    fn char_width(c: char) -> usize {
        c.width().unwrap_or(0)
    }
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

    /// The report of a text file with the given findings.
    fn text_report(
        path: impl Into<String>,
        text: String,
        diagnostics: Vec<crate::Diagnostic>,
    ) -> FileReport {
        FileReport {
            path: path.into(),
            kind: crate::input::Kind::Text,
            encoding: "UTF-8",
            bom: false,
            lines: crate::source::LineIndex::new(&text),
            text,
            diagnostics: diagnostics.into(),
        }
    }

    /// Thousands of findings on one long line: each draws a window of the line, not the
    /// line, so the report grows with the number of findings, not findings × line length.
    /// Drawn in chunks, the report is the same bytes.
    #[test]
    fn many_findings_on_a_long_line_stay_linear() {
        let text = "<p>安全生产</p>".repeat(20_000) + "\n";
        let diagnostics = crate::check(&text, &crate::Options::default());
        assert!(diagnostics.len() >= 20_000, "{}", diagnostics.len());
        let report = text_report("long.txt", text, diagnostics);
        let opts = HumanOptions {
            color: false,
            lang: Lang::Zh,
            show_all: false,
        };
        let out = render_file(&report, &opts);
        let per = out.len() / report.diagnostics.len();
        assert!(per < 4 * WINDOW_MARGIN, "{per} bytes per finding");
        let mut chunks = 0;
        let mut joined = Vec::new();
        render_file_with(&report, &opts, &mut |c| {
            chunks += 1;
            joined.append(c);
        });
        assert!(chunks > 2, "{chunks}");
        assert!(joined == out, "chunked report differs");
        let shown = String::from_utf8(out).unwrap();
        // Positions stay those of the whole file.
        assert!(shown.contains("long.txt:1:19993"), "{}", &shown[..400]);
    }

    /// A notice on one line whose repeats point far back on it: each finding names the far
    /// place in a note instead of drawing the whole stretch between them.
    #[test]
    fn far_labels_on_one_long_line_become_notes() {
        let seed = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/corpus/notice-binhu-2021.txt"
        ))
        .unwrap()
        .replace('\n', "");
        let text = seed.repeat(12);
        let report =
            crate::check_bytes("one.txt", text.as_bytes(), &crate::Options::default()).unwrap();
        for lang in [Lang::Zh, Lang::En] {
            let opts = HumanOptions {
                color: false,
                lang,
                show_all: true,
            };
            let out = String::from_utf8(render_file(&report, &opts)).unwrap();
            let per = out.len() / report.diagnostics.len();
            assert!(per < 8 * WINDOW_MARGIN, "{per} bytes per finding");
            let note = match lang {
                Lang::Zh => "= 另见第1行第",
                Lang::En => "= see line 1, column ",
            };
            assert!(out.contains(note), "{}", &out[..2000]);
        }
    }

    /// Every combination of colour, language and `--show-all`: the fast path's bytes
    /// against codespan's. Returns (diagnostics drawn, drawn by the fast path).
    fn compare_drawers(report: &FileReport) -> (usize, usize) {
        let (mut drawn, mut fast) = (0, 0);
        for color in [false, true] {
            for lang in [Lang::Zh, Lang::En] {
                for show_all in [false, true] {
                    let opts = HumanOptions {
                        color,
                        lang,
                        show_all,
                    };
                    let (mine, n) = render_with(report, &opts, Drawer::Fast, None);
                    let (theirs, none) = render_with(report, &opts, Drawer::Codespan, None);
                    assert_eq!(none, 0);
                    if mine != theirs {
                        let (a, b) = (
                            String::from_utf8_lossy(&mine),
                            String::from_utf8_lossy(&theirs),
                        );
                        let at = a
                            .char_indices()
                            .zip(b.chars())
                            .find(|((_, x), y)| x != y)
                            .map_or(a.len().min(b.len()), |((i, _), _)| i);
                        let from = crate::source::floor_char_boundary(&a, at.saturating_sub(300));
                        panic!(
                            "{} (colour {color}, {lang:?}, show_all {show_all}) differs at byte {at}:\n--- fast\n{}\n--- codespan\n{}",
                            report.path,
                            &a[from..a.len().min(at + 300)],
                            &b[from..b.len().min(at + 300)],
                        );
                    }
                    fast += n;
                    let start = "┌─".as_bytes();
                    drawn += theirs.windows(start.len()).filter(|w| w == &start).count();
                }
            }
        }
        assert!(fast <= drawn, "{fast} of {drawn}");
        (drawn, fast)
    }

    /// The corpus fixtures, the seed and the shared corpus, drawn by the fast path and by
    /// codespan: the same bytes, and (nearly) all of them drawn by the fast path.
    #[test]
    fn fast_path_draws_the_corpus_as_codespan_does() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = Vec::new();
        let mut dirs = vec![root.join("corpus")];
        for extra in ["../shared/corpus", "../shared/seed"] {
            let dir = root.join(extra);
            if dir.is_dir() {
                dirs.push(dir);
            } else {
                eprintln!("skipped {}: not present", dir.display());
            }
        }
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    dirs.push(path);
                } else if path.extension().is_some_and(|e| {
                    ["txt", "md", "docx", "html", "htm"].contains(&&*e.to_string_lossy())
                }) {
                    files.push(path);
                }
            }
        }
        files.sort();
        let (mut drawn, mut fast) = (0, 0);
        for path in &files {
            let name = path.to_string_lossy().into_owned();
            let opts = crate::Options {
                markdown: name.ends_with(".md"),
                ..crate::Options::default()
            };
            let Ok(report) = crate::check_bytes(&name, &std::fs::read(path).unwrap(), &opts) else {
                continue;
            };
            let (d, f) = compare_drawers(&report);
            drawn += d;
            fast += f;
        }
        // A long line: windows of it.
        let text = "<p>安全生产</p>".repeat(2_000) + "\n第二行\n";
        let diagnostics = crate::check(&text, &crate::Options::default());
        let report = text_report("long.txt", text, diagnostics);
        let (d, f) = compare_drawers(&report);
        drawn += d;
        fast += f;
        eprintln!(
            "{} files, {drawn} diagnostics drawn, {fast} by the fast path",
            files.len()
        );
        assert!(files.len() > 50, "{}", files.len());
        assert!(fast * 100 >= drawn * 95, "{fast} of {drawn}");
    }

    /// Random texts (ASCII, Han, CJK and full-width punctuation, curly quotes, zero-width
    /// and combining characters, emoji, controls, NULs, CR, tabs, long lines) and random
    /// diagnostics on them (empty and overlapping spans, spans at line ends and across
    /// lines, messages empty or of several lines, notes): the fast path's bytes against
    /// codespan's.
    #[test]
    fn fast_path_draws_random_shapes_as_codespan_does() {
        use crate::diagnostic::{Label, Msg};
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut rand = move |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        const PIECES: [&str; 24] = [
            "a", "Z", " ", "1", "中", "国", "一", "，", "。", "、", "“", "”", "—", "\r", "\0",
            "\u{200b}", "\u{301}", "😀", "\x1b", "ｱ", "\u{3000}", "\u{302a}", "（", "\t",
        ];
        let (mut cases, mut fast) = (0, 0);
        for case in 0..4000 {
            let mut text = String::new();
            let lines = 1 + rand(12);
            for _ in 0..lines {
                let long = rand(40) == 0;
                let n = if long { 1400 + rand(400) } else { rand(30) };
                for _ in 0..n {
                    // Tabs are rare, so that most cases take the fast path.
                    let k = rand(PIECES.len() * 8);
                    let piece = PIECES[k % PIECES.len()];
                    if piece == "\t" && k >= PIECES.len() {
                        text.push('x');
                    } else {
                        text.push_str(piece);
                    }
                }
                if rand(6) > 0 {
                    text.push_str(if rand(5) == 0 { "\r\n" } else { "\n" });
                }
            }
            let bounds: Vec<usize> = (0..=text.len())
                .filter(|&i| text.is_char_boundary(i))
                .collect();
            let span = |rand: &mut dyn FnMut(usize) -> usize| {
                let a = bounds[rand(bounds.len())];
                let b = match rand(4) {
                    0 => a,
                    1 => bounds[rand(bounds.len())].max(a),
                    _ => {
                        let i = bounds.partition_point(|&x| x < a);
                        bounds[(i + rand(5)).min(bounds.len() - 1)]
                    }
                };
                a..b
            };
            let msg = |rand: &mut dyn FnMut(usize) -> usize| {
                let m = match rand(6) {
                    0 | 1 => String::new(),
                    2 => "第一行\n第二行".to_string(),
                    3 => "改为“，”".to_string(),
                    _ => "x".repeat(rand(5)),
                };
                Msg::new(m.clone(), m)
            };
            let mut diagnostics = Vec::new();
            for _ in 0..1 + rand(4) {
                let labels = (0..rand(4))
                    .map(|_| Label {
                        span: span(&mut rand),
                        message: msg(&mut rand),
                    })
                    .collect();
                let notes = (0..rand(3)).map(|_| msg(&mut rand)).collect();
                diagnostics.push(crate::Diagnostic {
                    code: ["NL101", "NL405", ""][rand(3)],
                    rule: "x",
                    severity: [Severity::Error, Severity::Warning, Severity::Info][rand(3)],
                    message: msg(&mut rand),
                    span: span(&mut rand),
                    labels,
                    notes,
                    fix: (rand(2) == 0).then(|| {
                        Box::new(crate::diagnostic::Fix {
                            message: msg(&mut rand),
                            applicability: crate::diagnostic::Applicability::Safe,
                            edits: Vec::new(),
                        })
                    }),
                });
            }
            let report = text_report(format!("case{case}.txt"), text, diagnostics);
            let (d, f) = compare_drawers(&report);
            cases += d;
            fast += f;
        }
        eprintln!("{cases} diagnostics drawn, {fast} by the fast path");
        assert!(fast * 3 > cases, "{fast} of {cases}");
    }

    /// [`fast::width`] reads the widths of common Chinese characters from their bytes;
    /// every character must measure as unicode-width (what codespan uses) measures it.
    #[test]
    fn widths_agree_with_unicode_width() {
        use unicode_width::UnicodeWidthChar;
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            let want = if c == '\t' { 0 } else { c.width().unwrap_or(0) };
            assert_eq!(
                fast::width(c.encode_utf8(&mut [0; 4])),
                want,
                "{c:?} U+{:04X}",
                c as u32
            );
        }
        assert_eq!(
            fast::width("中文，“引号”abc\u{301}😀"),
            2 + 2 + 2 + 1 + 2 + 2 + 1 + 3 + 2
        );
    }
}
