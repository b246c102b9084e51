//! The machine shapes of SPEC.md: `json`, `jsonl`, `github`, `rdjson`.

use serde_json::{json, Map, Value};

use crate::diagnostic::{Applicability, Diagnostic, Lang, Severity};
use crate::findings::{Text, View};
use crate::render::{resolve, FileError, Resolved, Summary, CHUNK};
use crate::source::{count_chars, floor_char_boundary, LineCol, LineIndex};
use crate::FileReport;

fn span_json(r: Resolved) -> Value {
    json!({
        "start": r.start,
        "end": r.end,
        "line": r.line,
        "column": r.column,
        "end_line": r.end_line,
        "end_column": r.end_column,
    })
}

/// One diagnostic as a JSON object (SPEC.md field order).
pub fn diagnostic_json(
    text: &str,
    index: &LineIndex,
    d: &Diagnostic,
    lang: Lang,
) -> Map<String, Value> {
    let mut m = Map::new();
    m.insert("code".into(), json!(d.code));
    m.insert("rule".into(), json!(d.rule));
    m.insert("severity".into(), json!(d.severity.as_str()));
    m.insert("message".into(), json!(d.message.get(lang)));
    m.insert("span".into(), span_json(resolve(text, index, &d.span)));
    m.insert(
        "labels".into(),
        Value::Array(
            d.labels
                .iter()
                .map(|l| {
                    json!({
                        "span": span_json(resolve(text, index, &l.span)),
                        "message": l.message.get(lang),
                    })
                })
                .collect(),
        ),
    );
    m.insert(
        "notes".into(),
        Value::Array(d.notes.iter().map(|n| json!(n.get(lang))).collect()),
    );
    m.insert(
        "fix".into(),
        match &d.fix {
            None => Value::Null,
            Some(f) => json!({
                "message": f.message.get(lang),
                "applicability": match f.applicability {
                    Applicability::Safe => "safe",
                    Applicability::Unsafe => "unsafe",
                },
                "edits": f.edits.iter().map(|e| json!({
                    "span": span_json(resolve(text, index, &e.span)),
                    "replacement": e.replacement,
                })).collect::<Vec<_>>(),
            }),
        },
    );
    m
}

/// A resolved offset and the bounds of its line, for [`Cols`].
#[derive(Clone, Copy)]
struct Cursor {
    offset: usize,
    /// 0-based line and where it starts and the next one starts (`usize::MAX`: none).
    line: usize,
    start: usize,
    next: usize,
    /// 1-based column of `offset`.
    column: usize,
}

/// Line and column of byte offsets, for findings written in order. Two cursors are kept:
/// `ahead`, the furthest offset resolved so far (a notice's findings come sorted, so a
/// finding's span is at or after the one before), and `back`, the last offset before it
/// (a label or a fix far back, such as the first of two duplicate sentences). An offset
/// on a cursor's line is counted from the nearest of the cursor and the line start; any
/// other finds its line from the nearest cursor before it (a few comparisons when it is
/// near) and counts from its line start or the line index's checkpoint. Every count is at
/// most about [`crate::source::LineIndex::column_on`]'s: nothing grows with the findings.
struct Cols<'t> {
    text: &'t str,
    index: &'t LineIndex,
    ahead: Option<Cursor>,
    back: Option<Cursor>,
    /// The last span written and its bytes (see [`push_span`]).
    last: Option<std::ops::Range<usize>>,
    buf: SpanBuf,
    /// Texts already written (see [`Written`]).
    written: Written,
}

impl Drop for Cols<'_> {
    fn drop(&mut self) {
        WRITTEN.set(std::mem::take(&mut self.written));
    }
}

thread_local! {
    /// [`Written`] kept from one file to the next: the heads and fixed texts of a
    /// thread's files are the same few dozen.
    static WRITTEN: std::cell::Cell<Written> = std::cell::Cell::new(Written::default());
}

/// Bytes counted from a cursor beyond which the line index's checkpoints are used.
const NEAR: usize = 1024;

impl<'t> Cols<'t> {
    fn new(text: &'t str, index: &'t LineIndex) -> Self {
        Cols {
            text,
            index,
            ahead: None,
            back: None,
            last: None,
            buf: SpanBuf::new(),
            written: WRITTEN.take(),
        }
    }

    /// The column of `offset` on a cursor's line from the nearest of the cursor and the
    /// line start (`None`: farther than [`NEAR`] from both).
    fn on_line(&self, c: &Cursor, offset: usize) -> Option<usize> {
        let b = self.text.as_bytes();
        let from_start = offset - c.start;
        if offset >= c.offset {
            let d = offset - c.offset;
            if d <= from_start.min(NEAR) {
                return Some(c.column + count_chars(&b[c.offset..offset]));
            }
        } else {
            let d = c.offset - offset;
            if d < from_start.min(NEAR) {
                return Some(c.column - count_chars(&b[offset..c.offset]));
            }
        }
        (from_start <= NEAR).then(|| 1 + count_chars(&b[c.start..offset]))
    }

    /// Line and column of a span's start and end. An end on the start's line, near it,
    /// is counted from the start (the cursors stay at the start, where the next finding
    /// most likely begins).
    fn span(&mut self, span: &std::ops::Range<usize>) -> (LineCol, LineCol) {
        // The common case first: a span on the line of a cursor, starting at or near
        // after it (the next finding, or a fix's edit on its finding's span): both columns
        // are counted from the cursor, and the cursor moves to the start. (`ahead` may
        // have gone past the next findings, to the end of a long span: then `back`.)
        let (start, end) = (span.start, span.end);
        let text = self.text;
        let near = |c: &Cursor| {
            start >= c.offset
                && start - c.offset <= NEAR
                && start <= end
                && end < c.next
                && end - start <= NEAR
                && end <= text.len()
                && text.is_char_boundary(start)
                && text.is_char_boundary(end)
        };
        let c = match (&mut self.ahead, &mut self.back) {
            (Some(a), _) if near(a) => Some(a),
            (_, Some(k)) if near(k) => Some(k),
            _ => None,
        };
        if let Some(c) = c {
            let b = text.as_bytes();
            c.column += count_chars(&b[c.offset..start]);
            c.offset = start;
            let line = c.line + 1;
            let s = LineCol {
                line,
                column: c.column,
            };
            let e = LineCol {
                line,
                column: c.column + count_chars(&b[start..end]),
            };
            return (s, e);
        }
        let s = self.at(span.start);
        let b = self.text.as_bytes();
        // `at` clamps an offset to the text and floors it to a character boundary.
        let (from, to) = (span.start.min(b.len()), span.end.min(b.len()));
        if from <= to && to - from <= NEAR {
            let (from, to) = (
                floor_char_boundary(self.text, from),
                floor_char_boundary(self.text, to),
            );
            let between = &b[from..to];
            if memchr::memchr(b'\n', between).is_none() {
                let e = LineCol {
                    line: s.line,
                    column: s.column + count_chars(between),
                };
                return (s, e);
            }
        }
        (s, self.at(span.end))
    }

    fn at(&mut self, offset: usize) -> LineCol {
        let offset = floor_char_boundary(self.text, offset);
        let on = |c: &Option<Cursor>| c.filter(|c| c.start <= offset && offset < c.next);
        let c = match (on(&self.ahead), on(&self.back)) {
            // Both on the line: the nearer one.
            (Some(a), Some(k)) if k.offset.abs_diff(offset) < a.offset.abs_diff(offset) => Some(k),
            (Some(a), _) => Some(a),
            (None, k) => k,
        };
        let cur = match c {
            Some(c) => {
                let column = match self.on_line(&c, offset) {
                    Some(col) => col,
                    None => self.index.column_on(self.text, c.line, offset),
                };
                Cursor {
                    offset,
                    column,
                    ..c
                }
            }
            None => {
                // The line from the nearest cursor line before the offset, if any.
                let hint = [self.ahead, self.back]
                    .into_iter()
                    .flatten()
                    .filter(|c| c.start <= offset)
                    .map(|c| c.line)
                    .max();
                let line = match hint {
                    Some(h) => self.index.line_of_from(offset, h),
                    None => self.index.line_of(offset),
                };
                let next = if line + 1 < self.index.line_count() {
                    self.index.line_start(line + 1)
                } else {
                    usize::MAX
                };
                Cursor {
                    offset,
                    line,
                    start: self.index.line_start(line),
                    next,
                    column: self.index.column_on(self.text, line, offset),
                }
            }
        };
        match self.ahead {
            Some(a) if offset < a.offset => self.back = Some(cur),
            _ => self.ahead = Some(cur),
        }
        LineCol {
            line: cur.line + 1,
            column: cur.column,
        }
    }
}

/// One finding's JSON object, in SPEC.md field order (with `path` first for JSONL),
/// written straight into `out` from the stored finding ([`View`]: no `Diagnostic` is
/// rebuilt): the same bytes serde_json writes for [`diagnostic_json`] (a test compares
/// them), without a serializer per field.
/// `path`: the bytes `"path":"…",` for JSONL (see [`path_field`]).
fn write_diag(out: &mut Vec<u8>, path: Option<&[u8]>, cols: &mut Cols, d: &View, lang: Lang) {
    out.push(b'{');
    if let Some(p) = path {
        out.extend_from_slice(p);
    }
    cols.written.head(out, d.code, d.rule, d.severity);
    cols.written.text(out, d.message.text(lang));
    out.extend_from_slice(b",\"span\":");
    push_span(out, cols, &d.span);
    out.extend_from_slice(b",\"labels\":[");
    for (i, (span, message)) in d.labels.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        push_spanned(out, cols, span, b",\"message\":", message.text(lang));
    }
    out.extend_from_slice(b"],\"notes\":[");
    for (i, n) in d.notes.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        cols.written.text(out, n.text(lang));
    }
    out.extend_from_slice(b"],\"fix\":");
    match &d.fix {
        None => out.extend_from_slice(b"null"),
        Some((applicability, message)) => {
            out.extend_from_slice(b"{\"message\":");
            cols.written.text(out, message.text(lang));
            out.extend_from_slice(match applicability {
                Applicability::Safe => b",\"applicability\":\"safe\",\"edits\":[",
                Applicability::Unsafe => b",\"applicability\":\"unsafe\",\"edits\":[",
            });
            for (i, (span, replacement)) in d.edits.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                push_spanned(out, cols, span, b",\"replacement\":", *replacement);
            }
            out.extend_from_slice(b"]}");
        }
    }
    out.push(b'}');
}

/// `"path":"<path>",`, written once per file for its JSONL lines.
fn path_field(path: &str) -> Vec<u8> {
    let mut p = b"\"path\":".to_vec();
    push_str(&mut p, path);
    p.push(b',');
    p
}

/// `{"span":{…},"<key>":"<s>"}`: a label (key `message`) or an edit (key `replacement`).
fn push_spanned(
    out: &mut Vec<u8>,
    cols: &mut Cols,
    span: &std::ops::Range<usize>,
    key: &[u8],
    s: Text,
) {
    out.extend_from_slice(b"{\"span\":");
    push_span(out, cols, span);
    out.extend_from_slice(key);
    cols.written.text(out, s);
    out.push(b'}');
}

/// What a file's findings wrote before, to write it again without checking it again:
/// the head of a finding (`"code":…,"rule":…,"severity":…,"message":`) by its code, rule
/// and severity, and the fixed texts (a rule's `&'static str`s) known to need no escape.
/// Both are keyed by the strings' addresses and lengths: the same key, the same bytes.
#[derive(Default)]
struct Written {
    /// Each head's key and where its bytes lie in `bytes` (a file uses a few codes).
    heads: Vec<(HeadKey, usize, usize)>,
    bytes: Vec<u8>,
    /// Fixed texts that need no escape, by a hash of their address and length (one per
    /// slot, the last one wins; `(0, 0)`: none, as no `&str` starts at address 0).
    clean: [(usize, usize); 32],
}

#[derive(Clone, Copy, PartialEq, Eq)]
struct HeadKey {
    code: (usize, usize),
    rule: (usize, usize),
    severity: Severity,
}

fn key(s: &str) -> (usize, usize) {
    (s.as_ptr() as usize, s.len())
}

impl Written {
    /// `"code":"…","rule":"…","severity":"…","message":`
    fn head(
        &mut self,
        out: &mut Vec<u8>,
        code: &'static str,
        rule: &'static str,
        severity: Severity,
    ) {
        let k = HeadKey {
            code: key(code),
            rule: key(rule),
            severity,
        };
        if let Some(&(_, a, b)) = self.heads.iter().find(|h| h.0 == k) {
            out.extend_from_slice(&self.bytes[a..b]);
            return;
        }
        let a = self.bytes.len();
        let w = &mut self.bytes;
        w.extend_from_slice(b"\"code\":");
        push_str(w, code);
        w.extend_from_slice(b",\"rule\":");
        push_str(w, rule);
        // The severity's name needs no escape.
        w.extend_from_slice(match severity {
            Severity::Error => b",\"severity\":\"error\",\"message\":",
            Severity::Warning => b",\"severity\":\"warning\",\"message\":",
            Severity::Info => b",\"severity\":\"info\",\"message\":",
        });
        let b = self.bytes.len();
        self.heads.push((k, a, b));
        out.extend_from_slice(&self.bytes[a..b]);
    }

    /// A text as a JSON string; a fixed one is checked for escapes once.
    fn text(&mut self, out: &mut Vec<u8>, t: Text) {
        let s = match t {
            Text::Owned(s) => return push_str(out, s),
            Text::Fixed(s) => s,
        };
        let k = key(s);
        let slot = &mut self.clean[(k.0 >> 3 ^ k.1) % 32];
        if *slot == k {
            push_plain(out, s);
        } else if needs_escape(s.as_bytes()) {
            push_json(out, &s);
        } else {
            *slot = k;
            push_plain(out, s);
        }
    }
}

/// A span object's bytes, gathered on the stack from its end backwards (a number's digits
/// come lowest first) and appended with one copy: six keys and six numbers appended one
/// by one cost a capacity check and a `memcpy` call each.
struct SpanBuf {
    /// 61 bytes of keys and braces, six numbers of at most 20 digits.
    buf: [u8; 192],
    /// Where the bytes written so far begin.
    at: usize,
}

/// "00", "01", …, "99": two digits at a time.
const PAIRS: [u8; 200] = {
    let mut t = [0u8; 200];
    let mut i = 0;
    while i < 100 {
        t[2 * i] = b'0' + (i / 10) as u8;
        t[2 * i + 1] = b'0' + (i % 10) as u8;
        i += 1;
    }
    t
};

impl SpanBuf {
    fn new() -> Self {
        SpanBuf {
            buf: [0; 192],
            at: 192,
        }
    }

    /// `b` before what is written.
    fn put(&mut self, b: &[u8]) {
        self.at -= b.len();
        self.buf[self.at..self.at + b.len()].copy_from_slice(b);
    }

    /// `n` in decimal (as serde_json writes it) before what is written.
    #[inline(always)]
    fn num(&mut self, n: usize) {
        // Most numbers of a span are below 10,000: no loop.
        if n < 10 {
            self.at -= 1;
            self.buf[self.at] = b'0' + n as u8;
        } else if n < 100 {
            self.put(&PAIRS[n * 2..n * 2 + 2]);
        } else if n < 10_000 {
            let (hi, lo) = (n / 100, n % 100);
            self.put(&PAIRS[lo * 2..lo * 2 + 2]);
            if hi < 10 {
                self.at -= 1;
                self.buf[self.at] = b'0' + hi as u8;
            } else {
                self.put(&PAIRS[hi * 2..hi * 2 + 2]);
            }
        } else {
            self.num_long(n);
        }
    }

    /// [`SpanBuf::num`] of a number from 10,000 on: two digits at a time until it is
    /// below 10,000.
    #[inline(never)]
    fn num_long(&mut self, mut n: usize) {
        while n >= 10_000 {
            let k = n % 100 * 2;
            n /= 100;
            self.put(&PAIRS[k..k + 2]);
        }
        self.num(n);
    }

    fn bytes(&self) -> &[u8] {
        &self.buf[self.at..]
    }
}

fn push_span(out: &mut Vec<u8>, cols: &mut Cols, span: &std::ops::Range<usize>) {
    // A fix's edit often has its finding's span: the bytes written for it again.
    if cols.last.as_ref() == Some(span) {
        out.extend_from_slice(cols.buf.bytes());
        return;
    }
    let (s, e) = cols.span(span);
    // `{"start":…,"end":…,"line":…,"column":…,"end_line":…,"end_column":…}` written
    // backwards, field by field (a loop over the six fields costs 1% of a whole run more).
    let b = &mut cols.buf;
    b.at = b.buf.len();
    b.put(b"}");
    b.num(e.column);
    b.put(b",\"end_column\":");
    b.num(e.line);
    b.put(b",\"end_line\":");
    b.num(s.column);
    b.put(b",\"column\":");
    b.num(s.line);
    b.put(b",\"line\":");
    b.num(span.end);
    b.put(b",\"end\":");
    b.num(span.start);
    b.put(b"{\"start\":");
    out.extend_from_slice(b.bytes());
    cols.last = Some(span.clone());
}

/// Whether sixteen bytes hold a quote, a backslash or a control character (the compiler
/// checks them as one vector: no early exit inside).
#[inline(always)]
fn any_escape16(c: &[u8; 16]) -> bool {
    c.iter().fold(false, |acc, &b| {
        acc | (b < 0x20) | (b == b'"') | (b == b'\\')
    })
}

/// Whether a string needs JSON escapes: sixteen bytes at a time, the last ones as the
/// string's last sixteen (checking some twice) or, in a shorter string, padded with spaces.
fn needs_escape(s: &[u8]) -> bool {
    if s.len() < 16 {
        return s.iter().any(|&b| (b < 0x20) | (b == b'"') | (b == b'\\'));
    }
    let (chunks, rest) = s.as_chunks::<16>();
    if chunks.iter().any(any_escape16) {
        return true;
    }
    match s.last_chunk::<16>() {
        Some(last) if !rest.is_empty() => any_escape16(last),
        _ => false,
    }
}

/// A JSON string. Text that needs no escape (nearly all of a notice) is copied as it is;
/// the rest goes through serde_json.
fn push_str(out: &mut Vec<u8>, s: &str) {
    if !needs_escape(s.as_bytes()) {
        push_plain(out, s);
    } else {
        push_json(out, &s);
    }
}

/// A JSON string that needs no escape.
fn push_plain(out: &mut Vec<u8>, s: &str) {
    out.reserve(s.len() + 2);
    out.push(b'"');
    out.extend_from_slice(s.as_bytes());
    out.push(b'"');
}

/// Append a value's compact JSON to `out`.
fn push_json(out: &mut Vec<u8>, v: &impl serde::Serialize) {
    let len = out.len();
    if serde_json::to_writer(&mut *out, v).is_err() {
        out.truncate(len);
    }
}

fn tool() -> Value {
    json!({"name": "noticelint", "version": env!("CARGO_PKG_VERSION")})
}

/// `--format json`: one object. Written piece by piece (one diagnostic per line), so that
/// a file with a hundred thousand findings needs no tree of them in memory; the binary
/// streams it file by file with [`json_begin`], [`json_file`] and [`json_end`].
pub fn json_report(reports: &[FileReport], errors: &[FileError], lang: Lang) -> String {
    let mut out = json_begin();
    for (fi, r) in reports.iter().enumerate() {
        out.push_str(&String::from_utf8_lossy(&json_file(r, fi == 0, lang)));
    }
    out.push_str(&json_end(
        !reports.is_empty(),
        errors,
        &Summary::of(reports),
    ));
    out
}

/// The start of the JSON report, up to the files array.
pub fn json_begin() -> String {
    let mut out = String::from("{\n\"tool\": ");
    out.push_str(&tool().to_string());
    out.push_str(",\n\"files\": [");
    out
}

/// One file's entry of the JSON report (`first`: no comma before it), as UTF-8 bytes.
pub fn json_file(r: &FileReport, first: bool, lang: Lang) -> Vec<u8> {
    // Written into one buffer that is never emitted before the end: no chunk copied.
    let mut out = json_out(r);
    json_file_into(r, first, lang, &mut out, usize::MAX, &mut |_| {});
    out
}

/// [`json_file`] handed to `emit` in chunks of about [`CHUNK`] bytes (`emit` takes them
/// out of the buffer), so that a notice with a hundred thousand findings is written
/// without its whole report in memory.
pub fn json_file_with(r: &FileReport, first: bool, lang: Lang, emit: &mut dyn FnMut(&mut Vec<u8>)) {
    let mut out = json_out(r);
    json_file_into(r, first, lang, &mut out, CHUNK, emit);
    emit(&mut out);
}

/// The buffer for a file's JSON: about what its findings need, at most two chunks.
fn json_out(r: &FileReport) -> Vec<u8> {
    Vec::with_capacity((256 + 512 * r.diagnostics.len()).min(CHUNK * 2))
}

/// A file's JSON entry into `out`, handed to `emit` whenever it holds `chunk` bytes (and
/// cleared); the end stays in `out`.
fn json_file_into(
    r: &FileReport,
    first: bool,
    lang: Lang,
    out: &mut Vec<u8>,
    chunk: usize,
    emit: &mut dyn FnMut(&mut Vec<u8>),
) {
    let index = &r.lines;
    if !first {
        out.push(b',');
    }
    out.extend_from_slice(b"\n{\"path\": ");
    push_json(out, &r.path);
    out.extend_from_slice(b", \"encoding\": ");
    push_json(out, &r.encoding);
    out.extend_from_slice(b", \"diagnostics\": [");
    let mut cols = Cols::new(&r.text, index);
    let mut findings = r.diagnostics.views();
    let mut di = 0;
    while let Some(d) = findings.next() {
        out.extend_from_slice(if di > 0 { b",\n  " } else { b"\n  " });
        di += 1;
        write_diag(out, None, &mut cols, d, lang);
        if out.len() >= chunk {
            emit(out);
            out.clear();
        }
    }
    out.extend_from_slice(if r.diagnostics.is_empty() {
        b"]}"
    } else {
        b"\n]}"
    });
}

/// The end of the JSON report: errors and summary (`any_files`: the files array is not empty).
pub fn json_end(any_files: bool, errors: &[FileError], s: &Summary) -> String {
    let mut out = String::from(if any_files { "\n],\n" } else { "],\n" });
    let errs: Vec<Value> = errors
        .iter()
        .map(|e| json!({"path": e.path, "message": e.message}))
        .collect();
    out.push_str("\"errors\": ");
    out.push_str(&Value::Array(errs).to_string());
    out.push_str(",\n\"summary\": ");
    out.push_str(
        &json!({"files": s.files, "errors": s.errors, "warnings": s.warnings, "infos": s.infos})
            .to_string(),
    );
    out.push_str("\n}\n");
    out
}

/// `--format jsonl`: one diagnostic per line, each with its `path`.
pub fn jsonl_report(reports: &[FileReport], lang: Lang) -> String {
    let mut all = Vec::new();
    for r in reports {
        jsonl_file_with(r, lang, &mut |chunk| all.append(chunk));
    }
    String::from_utf8(all).unwrap_or_default()
}

/// One file's JSONL lines as bytes (what [`jsonl_report`] gives for one file, without
/// checking again that what this writer wrote is UTF-8: the binary's path per file).
pub fn jsonl_file(r: &FileReport, lang: Lang) -> Vec<u8> {
    let mut all = Vec::new();
    jsonl_file_with(r, lang, &mut |chunk| {
        if all.is_empty() {
            std::mem::swap(&mut all, chunk);
        } else {
            all.append(chunk);
        }
    });
    all
}

/// One file's JSONL lines handed to `emit` in chunks, as [`json_file_with`] does.
pub fn jsonl_file_with(r: &FileReport, lang: Lang, emit: &mut dyn FnMut(&mut Vec<u8>)) {
    let mut out = Vec::new();
    let index = &r.lines;
    let mut cols = Cols::new(&r.text, index);
    let path = path_field(&r.path);
    let mut findings = r.diagnostics.views();
    while let Some(d) = findings.next() {
        write_diag(&mut out, Some(&path), &mut cols, d, lang);
        out.push(b'\n');
        if out.len() >= CHUNK {
            emit(&mut out);
            out.clear();
        }
    }
    if !out.is_empty() {
        emit(&mut out);
    }
}

fn gh_escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn gh_escape_prop(s: &str) -> String {
    gh_escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// `--format github`: GitHub Actions workflow commands.
pub fn github_report(reports: &[FileReport], lang: Lang) -> String {
    let mut out = String::new();
    for r in reports {
        let index = &r.lines;
        for d in &r.diagnostics {
            let s = resolve(&r.text, index, &d.span);
            let level = match d.severity {
                crate::Severity::Error => "error",
                crate::Severity::Warning => "warning",
                crate::Severity::Info => "notice",
            };
            out.push_str(&format!(
                "::{level} file={},line={},col={},endLine={},endColumn={},title={}::{}\n",
                gh_escape_prop(&r.path),
                s.line,
                s.column,
                s.end_line,
                s.end_column,
                gh_escape_prop(&format!("noticelint ({})", d.code)),
                gh_escape_data(d.message.get(lang)),
            ));
        }
    }
    out
}

/// `--format rdjson`: reviewdog's diagnostic format.
pub fn rdjson_report(reports: &[FileReport], lang: Lang) -> String {
    let mut diags = Vec::new();
    for r in reports {
        let index = &r.lines;
        for d in &r.diagnostics {
            let s = resolve(&r.text, index, &d.span);
            let range = |s: Resolved| {
                json!({"start": {"line": s.line, "column": s.column},
                       "end": {"line": s.end_line, "column": s.end_column}})
            };
            let mut v = json!({
                "message": d.message.get(lang),
                "location": {"path": r.path, "range": range(s)},
                "severity": match d.severity {
                    crate::Severity::Error => "ERROR",
                    crate::Severity::Warning => "WARNING",
                    crate::Severity::Info => "INFO",
                },
                "code": {"value": d.code},
                "related_locations": d.labels.iter().map(|l| json!({
                    "message": l.message.get(lang),
                    "location": {"path": r.path, "range": range(resolve(&r.text, index, &l.span))},
                })).collect::<Vec<_>>(),
            });
            if let Some(f) = &d.fix {
                v["suggestions"] = Value::Array(
                    f.edits
                        .iter()
                        .map(|e| {
                            json!({"range": range(resolve(&r.text, index, &e.span)), "text": e.replacement})
                        })
                        .collect(),
                );
            }
            diags.push(v);
        }
    }
    let v = json!({
        "source": {"name": "noticelint"},
        "severity": "WARNING",
        "diagnostics": diags,
    });
    let mut out = serde_json::to_string(&v).unwrap_or_default();
    out.push('\n');
    out
}

/// `--format sarif`: SARIF 2.1.0 as GitHub code scanning reads it. Columns are Unicode
/// code points (`columnKind`), as in the other formats; secondary labels are
/// `relatedLocations`.
pub fn sarif_report(reports: &[FileReport], lang: Lang) -> String {
    let rules: Vec<Value> = crate::registry::RULES
        .iter()
        .map(|r| {
            json!({
                "id": r.code,
                "name": r.name,
                "shortDescription": {"text": r.summary.get(lang)},
                "fullDescription": {"text": r.summary.get(lang)},
                "help": {"text": crate::registry::explain(r, lang), "markdown": crate::registry::explain(r, lang)},
                "defaultConfiguration": {"level": sarif_level(r.default_severity)},
                "properties": {"tags": [r.name]},
            })
        })
        .collect();
    let mut results = Vec::new();
    for rep in reports {
        let index = &rep.lines;
        let uri = sarif_uri(&rep.path);
        let location = |span: &std::ops::Range<usize>| {
            let r = resolve(&rep.text, index, span);
            json!({
                "physicalLocation": {
                    "artifactLocation": {"uri": uri},
                    "region": {
                        "startLine": r.line,
                        "startColumn": r.column,
                        "endLine": r.end_line,
                        "endColumn": r.end_column,
                    },
                },
            })
        };
        for d in &rep.diagnostics {
            let rule_index = crate::registry::RULES
                .iter()
                .position(|r| r.code == d.code)
                .unwrap_or(0);
            let mut v = json!({
                "ruleId": d.code,
                "ruleIndex": rule_index,
                "level": sarif_level(d.severity),
                "message": {"text": d.message.get(lang)},
                "locations": [location(&d.span)],
            });
            if !d.labels.is_empty() {
                v["relatedLocations"] = Value::Array(
                    d.labels
                        .iter()
                        .enumerate()
                        .map(|(k, l)| {
                            let mut loc = location(&l.span);
                            loc["id"] = json!(k + 1);
                            loc["message"] = json!({"text": l.message.get(lang)});
                            loc
                        })
                        .collect(),
                );
            }
            if let Some(f) = &d.fix {
                v["fixes"] = json!([{
                    "description": {"text": f.message.get(lang)},
                    "artifactChanges": [{
                        "artifactLocation": {"uri": uri},
                        "replacements": f.edits.iter().map(|e| {
                            let r = resolve(&rep.text, index, &e.span);
                            json!({
                                "deletedRegion": {"startLine": r.line, "startColumn": r.column, "endLine": r.end_line, "endColumn": r.end_column},
                                "insertedContent": {"text": e.replacement},
                            })
                        }).collect::<Vec<_>>(),
                    }],
                }]);
            }
            results.push(v);
        }
    }
    let v = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "noticelint",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    let mut out = serde_json::to_string_pretty(&v).unwrap_or_default();
    out.push('\n');
    out
}

/// A path as a SARIF `artifactLocation.uri`: a URI reference, so `\\` becomes `/` and every
/// byte other than an unreserved character or `/` is percent-encoded (spaces, `#`, `%`,
/// `:`, Chinese characters as UTF-8). Relative paths stay relative, as code scanning wants.
fn sarif_uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for &b in path.as_bytes() {
        match b {
            b'\\' | b'/' => out.push('/'),
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                out.push(b as char)
            }
            _ => {
                const HEX: &[u8; 16] = b"0123456789ABCDEF";
                out.push('%');
                out.push(HEX[usize::from(b >> 4)] as char);
                out.push(HEX[usize::from(b & 15)] as char);
            }
        }
    }
    out
}

fn sarif_level(s: crate::Severity) -> &'static str {
    match s {
        crate::Severity::Error => "error",
        crate::Severity::Warning => "warning",
        crate::Severity::Info => "note",
    }
}

#[cfg(test)]
mod direct_tests {
    use super::*;

    /// The column cursor gives the line index's answer for offsets in any order, on
    /// short lines and on a line longer than the checkpoint distance.
    #[test]
    fn cols_agree_with_line_col() {
        let text = format!(
            "一二\n\nab三\n{}\n四五é\n{}",
            "甲a".repeat(1500),
            "乙".repeat(900)
        );
        let index = LineIndex::new(&text);
        let mut cols = Cols::new(&text, &index);
        let mut x: u64 = 12345;
        for _ in 0..20000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            // Mostly nearby offsets, sometimes a jump anywhere.
            let off = if x.is_multiple_of(5) {
                (x >> 8) as usize % (text.len() + 3)
            } else {
                ((x >> 8) as usize % (text.len() + 3)) / 64 * 64 + (x as usize >> 40) % 200
            };
            assert_eq!(cols.at(off), index.line_col(&text, off), "{off}");
            // A span from there: mostly short, sometimes across lines, past the end, or
            // backwards.
            let end = match x % 7 {
                0 => off + (x >> 20) as usize % 4000,
                1 => off.saturating_sub(5),
                _ => off + (x >> 20) as usize % 40,
            };
            let want = (index.line_col(&text, off), index.line_col(&text, end));
            assert_eq!(cols.span(&(off..end)), want, "{off}..{end}");
        }
    }

    /// The direct serialisation writes the same bytes as the `Value` tree.
    #[test]
    fn direct_json_equals_value_json() {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/corpus/notice-binhu-2021.txt"
        ))
        .unwrap();
        let text = text + "<p>**“测试”**</p>\\n\"\t\u{1}";
        let index = LineIndex::new(&text);
        let mut diags = crate::check(&text, &crate::Options::default());
        assert!(diags
            .iter()
            .any(|d| d.fix.is_some() && !d.labels.is_empty()));
        // Escapes in every kind of text: a message, a label, a note, a fix, a replacement.
        let mut odd = diags[0].clone();
        let quoted = |s: &str| format!("“{s}” \"q\" \\ \n\t\u{1f}{}", "长".repeat(20));
        odd.message = crate::Msg::new(quoted("甲"), quoted("a"));
        odd.labels.push(crate::diagnostic::Label {
            span: 3..9,
            message: crate::Msg::new(quoted("乙"), ""),
        });
        odd.notes.push(crate::Msg::new("", quoted("note")));
        odd.fix = Some(Box::new(crate::diagnostic::Fix {
            message: crate::Msg::new(quoted("丙"), quoted("fix")),
            applicability: Applicability::Safe,
            edits: vec![crate::diagnostic::Edit {
                span: 1..2,
                replacement: quoted("丁").into(),
            }],
        }));
        diags.push(odd);
        let stored = crate::Findings::from(diags.clone());
        for lang in [Lang::Zh, Lang::En] {
            // One column cursor through the file's findings in order, as json_file uses it.
            let mut cols = Cols::new(&text, &index);
            let mut views = stored.views();
            for d in &diags {
                let v = views.next().unwrap();
                let want = Value::Object(diagnostic_json(&text, &index, d, lang)).to_string();
                let mut got = Vec::new();
                write_diag(&mut got, None, &mut Cols::new(&text, &index), v, lang);
                assert_eq!(String::from_utf8(got).unwrap(), want);
                let mut m = Map::new();
                m.insert("path".into(), json!("a/b.txt"));
                m.extend(diagnostic_json(&text, &index, d, lang));
                let want = Value::Object(m).to_string();
                let mut got = Vec::new();
                write_diag(&mut got, Some(&path_field("a/b.txt")), &mut cols, v, lang);
                assert_eq!(String::from_utf8(got).unwrap(), want);
            }
        }
    }
}
