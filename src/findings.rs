//! A notice's findings, held compactly.
//!
//! A rule builds a [`Diagnostic`] and pushes it into [`Findings`], which gives it the
//! severity and language the options set and writes it at once into one byte buffer:
//! spans as variable-length numbers, fixed messages as a small number (each `&'static str`
//! is stored once per notice), quoted text as its bytes, the language not shown left out.
//! A finding that took ~400 bytes in four allocations as a `Diagnostic` takes ~40–130
//! bytes here: a 32 MB notice with 280,000 findings holds 30 MB of them instead of 130 MB.
//! Readers get each finding back as a `Diagnostic` ([`Findings::iter`]), in the report's
//! order once [`Findings::finish`] has sorted them.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;

use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix, Label, Lang, Msg, Severity};
use crate::registry::Rule;

/// The findings of one notice.
#[derive(Clone, Default)]
pub struct Findings {
    /// The findings, encoded one after another.
    bytes: Vec<u8>,
    /// The owned strings of the findings, one after another (a `String`, so that reading
    /// one back is a slice, not a UTF-8 check).
    texts: String,
    /// Where each finding starts in `bytes`, in report order.
    at: Vec<usize>,
    /// Where an earlier owned string lies in `texts`, by a hash of its bytes (one per
    /// slot, the last one wins; empty until `texts` holds [`INTERN_FROM`] bytes): an owned
    /// string equal to the one in its slot is stored as a second reference to it.
    interned: Vec<u32>,
    /// The fixed strings the findings use, by number.
    statics: Vec<&'static str>,
    /// A fixed string's number, by its address and length.
    ids: HashMap<(usize, usize), u32, std::hash::BuildHasherDefault<crate::tree::KeyHasher>>,
    /// The numbers of the fixed strings stored lately, by a hash of their address and
    /// length (`u32::MAX`: none; the string itself is `statics[number]`): looked at before
    /// `ids` (a finding holds up to five fixed strings, and a notice's findings use a few
    /// dozen). [`RECENT`] slots once used: 1 KiB set at once per notice.
    recent: Vec<u32>,
    /// What [`Findings::push`] does to a finding before storing it.
    settle: Settle,
    /// The last code and rule name stored (address and length of each) and their numbers:
    /// a rule pushes its findings one after another, so these two fixed strings are
    /// looked up once per rule, not per finding.
    head: ([usize; 4], [u32; 2]),
}

/// The severity and language a rule's findings get (see [`Findings::settle_as`]).
#[derive(Clone, Copy, Default)]
struct Settle {
    severity: Option<Severity>,
    keep: Option<Lang>,
}

impl Findings {
    pub fn new() -> Self {
        Findings::default()
    }

    /// From now on, give pushed findings `severity` (when set) and keep only their `keep`
    /// language's messages (when set).
    pub fn settle_as(&mut self, severity: Option<Severity>, keep: Option<Lang>) {
        self.settle = Settle { severity, keep };
    }

    /// The language whose messages are kept, when only one is (see
    /// [`Findings::settle_as`]).
    pub fn kept(&self) -> Option<Lang> {
        self.settle.keep
    }

    /// A Chinese message, made only when Chinese messages are kept (else empty): a rule's
    /// `format!` for the language the report does not show is wasted work.
    pub fn zh<T: Into<Cow<'static, str>>>(&self, f: impl FnOnce() -> T) -> Cow<'static, str> {
        self.made(Lang::Zh, f)
    }

    /// An English message, made only when English messages are kept (else empty).
    pub fn en<T: Into<Cow<'static, str>>>(&self, f: impl FnOnce() -> T) -> Cow<'static, str> {
        self.made(Lang::En, f)
    }

    fn made<T: Into<Cow<'static, str>>>(
        &self,
        lang: Lang,
        f: impl FnOnce() -> T,
    ) -> Cow<'static, str> {
        if self.settle.keep.is_none_or(|k| k == lang) {
            f().into()
        } else {
            Cow::Borrowed("")
        }
    }

    /// Store a finding (with the severity and language of [`Findings::settle_as`]).
    pub fn push(&mut self, d: Diagnostic) {
        let severity = self.settle.severity.unwrap_or(d.severity);
        self.store(&d, severity, self.settle.keep);
    }

    /// Store a finding of `rule` as [`Findings::push`] stores
    /// `ctx.diag(rule, ..)` with the same parts (the same bytes), without building the
    /// [`Diagnostic`]: no allocation and no drop per finding (see [`Quick`]).
    pub fn push_quick(&mut self, rule: &Rule, q: Quick<'_>) {
        let keep = self.settle.keep;
        self.at.push(self.bytes.len());
        self.span(&q.span);
        self.head(rule.code, rule.name);
        self.severity(self.settle.severity.unwrap_or(rule.default_severity));
        self.texts(q.message, keep);
        let [l0, l1] = &q.label;
        self.number(usize::from(l0.is_some()) + usize::from(l1.is_some()) + q.more.len());
        for (span, m) in l0.iter().chain(l1).chain(q.more) {
            self.span(span);
            self.texts(*m, keep);
        }
        match q.note {
            None => self.number(0),
            Some(m) => {
                self.number(1);
                self.texts(m, keep);
            }
        }
        match q.fix {
            None => self.bytes.push(0),
            Some((applicability, m, edits)) => {
                self.applicability(applicability);
                self.texts(m, keep);
                self.number(edits.len());
                for (span, r) in edits {
                    self.span(span);
                    self.text(*r);
                }
            }
        }
    }

    pub fn len(&self) -> usize {
        self.at.len()
    }

    pub fn is_empty(&self) -> bool {
        self.at.is_empty()
    }

    /// The `i`-th finding.
    pub fn get(&self, i: usize) -> Diagnostic {
        Reader::new(self, self.at[i]).diagnostic()
    }

    /// The findings, decoded one at a time.
    pub fn iter(&self) -> Iter<'_> {
        Iter {
            f: self,
            at: self.at.iter(),
            v: View::default(),
        }
    }

    pub fn to_vec(&self) -> Vec<Diagnostic> {
        self.iter().collect()
    }

    /// The findings one at a time in a buffer reused from one to the next (no allocation
    /// per finding, as [`Findings::iter`] makes): `while let Some(d) = c.next()`.
    pub fn cursor(&self) -> Cursor<'_> {
        Cursor {
            f: self,
            i: 0,
            v: View::default(),
            d: blank(),
            spare: None,
        }
    }

    /// The findings one at a time as [`View`]s: their texts borrowed from here, nothing
    /// copied and no `Diagnostic` rebuilt (for writers that only read each finding once,
    /// such as the JSON report): `while let Some(v) = views.next()`.
    pub fn views(&self) -> Views<'_> {
        Views {
            f: self,
            i: 0,
            v: View::default(),
        }
    }

    /// Each finding's code and severity, in order, without decoding the rest.
    pub fn heads(&self) -> impl ExactSizeIterator<Item = (&'static str, Severity)> + '_ {
        self.at.iter().map(|&a| {
            let mut r = Reader::new(self, a);
            r.number();
            r.number();
            let code = r.fixed();
            r.number();
            (code, r.severity())
        })
    }

    /// Move `other`'s findings after these.
    pub fn append(&mut self, other: Findings) {
        self.at.reserve_exact(other.len());
        for d in other.iter() {
            self.store(&d, d.severity, None);
        }
    }

    /// Keep only the findings for which `keep(code, start of span)` holds.
    pub fn retain(&mut self, mut keep: impl FnMut(&'static str, usize) -> bool) {
        let mut at = std::mem::take(&mut self.at);
        at.retain(|&a| {
            let k = self.key(a);
            keep(k.code, k.start)
        });
        self.at = at;
    }

    /// Sort the findings by span, then code, keeping the rules' order among equal keys,
    /// and drop repeats of one finding. The bytes stay where they are: only the order of
    /// the small index changes.
    pub fn finish(&mut self) {
        // The table of owned strings is for storing; the findings are stored.
        self.interned = Vec::new();
        self.recent = Vec::new();
        // Usually the findings came in order, no two with one key (so no repeats): one
        // look at each key tells.
        let mut prev = None;
        let in_order = self.at.iter().all(|&a| {
            let k = self.key(a).order();
            let up = prev.is_none_or(|p| p < k);
            prev = Some(k);
            up
        });
        if in_order {
            return;
        }
        let mut keys: Vec<((usize, usize, u64), usize)> =
            self.at.iter().map(|&a| (self.key(a).order(), a)).collect();
        // Stable: the rules' own order stays among equal keys.
        keys.sort_by_key(|k| k.0);
        // Equal findings have equal keys, so they are neighbours now.
        self.at.clear();
        let mut last = None;
        for (k, a) in keys {
            let dup = last.is_some_and(|(lk, la)| {
                lk == k && Reader::new(self, la).diagnostic() == Reader::new(self, a).diagnostic()
            });
            if !dup {
                self.at.push(a);
                last = Some((k, a));
            }
        }
    }

    fn key(&self, at: usize) -> Key {
        let mut r = Reader::new(self, at);
        let start = r.number();
        let end = r.number();
        let code = r.fixed();
        Key { start, end, code }
    }

    // Writing.

    /// Write `d` with `severity`, its messages in the other language than `keep` (when
    /// set) left empty.
    fn store(&mut self, d: &Diagnostic, severity: Severity, keep: Option<Lang>) {
        self.at.push(self.bytes.len());
        self.span(&d.span);
        self.head(d.code, d.rule);
        self.severity(severity);
        self.msg(&d.message, keep);
        self.number(d.labels.len());
        for l in &d.labels {
            self.span(&l.span);
            self.msg(&l.message, keep);
        }
        self.number(d.notes.len());
        for n in &d.notes {
            self.msg(n, keep);
        }
        match &d.fix {
            None => self.bytes.push(0),
            Some(f) => {
                self.applicability(f.applicability);
                self.msg(&f.message, keep);
                self.number(f.edits.len());
                for e in &f.edits {
                    self.span(&e.span);
                    self.text((&e.replacement).into());
                }
            }
        }
    }

    fn severity(&mut self, s: Severity) {
        self.bytes.push(severity_byte(s));
    }

    fn applicability(&mut self, a: Applicability) {
        self.bytes.push(applicability_byte(a));
    }

    /// A finding's code and rule name.
    #[inline]
    fn head(&mut self, code: &'static str, rule: &'static str) {
        let key = [
            code.as_ptr() as usize,
            code.len(),
            rule.as_ptr() as usize,
            rule.len(),
        ];
        if self.head.0 != key {
            self.head = (key, [self.fixed_id(code), self.fixed_id(rule)]);
        }
        let [c, r] = self.head.1;
        self.number(c as usize);
        self.number(r as usize);
    }

    /// A number in 7-bit groups, low first; the high bit says another group follows.
    #[inline]
    fn number(&mut self, n: usize) {
        // Most numbers take one byte (counts, fixed strings' numbers), two or three
        // (places in a notice under 16 KiB or 2 MiB): written at once.
        if n < 0x80 {
            self.bytes.push(n as u8);
        } else if n < 0x4000 {
            self.bytes
                .extend_from_slice(&[n as u8 | 0x80, (n >> 7) as u8]);
        } else if n < 0x20_0000 {
            self.bytes
                .extend_from_slice(&[n as u8 | 0x80, (n >> 7) as u8 | 0x80, (n >> 14) as u8]);
        } else {
            self.long_number(n);
        }
    }

    #[inline(never)]
    fn long_number(&mut self, mut n: usize) {
        while n >= 0x80 {
            self.bytes.push(n as u8 | 0x80);
            n >>= 7;
        }
        self.bytes.push(n as u8);
    }

    #[inline]
    fn span(&mut self, s: &std::ops::Range<usize>) {
        self.number(s.start);
        self.number(s.end);
    }

    #[inline]
    fn fixed(&mut self, s: &'static str) {
        let id = self.fixed_id(s);
        self.number(id as usize);
    }

    /// The number of a fixed string (given one when new).
    #[inline]
    fn fixed_id(&mut self, s: &'static str) -> u32 {
        let key = (s.as_ptr() as usize, s.len());
        let slot = ((key.0 ^ key.1) as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15)
            >> (64 - RECENT.trailing_zeros());
        if let Some(&id) = self.recent.get(slot as usize) {
            if let Some(f) = self.statics.get(id as usize) {
                if (f.as_ptr() as usize, f.len()) == key {
                    return id;
                }
            }
        }
        self.fixed_miss(s, slot as usize)
    }

    /// [`Findings::fixed_id`] of a string not in its slot of `recent`.
    #[inline(never)]
    fn fixed_miss(&mut self, s: &'static str, slot: usize) -> u32 {
        let key = (s.as_ptr() as usize, s.len());
        if self.recent.is_empty() {
            // No string has the number `u32::MAX`: an empty slot matches nothing.
            self.recent = vec![u32::MAX; RECENT];
            // A notice's findings use a few dozen: grown once, not five times.
            self.ids.reserve(RECENT);
            self.statics.reserve(RECENT);
        }
        let next = self.statics.len() as u32;
        let id = *self.ids.entry(key).or_insert(next);
        if id == next {
            self.statics.push(s);
        }
        self.recent[slot] = id;
        id
    }

    fn owned(&mut self, s: &str) {
        let at = self.owned_at(s);
        self.number(at);
        self.number(s.len());
    }

    /// Where `s` is held in `texts` (written there unless an equal string already is).
    #[inline]
    fn owned_at(&mut self, s: &str) -> usize {
        match self.interned(s) {
            Some(at) => at,
            None => {
                self.texts.push_str(s);
                self.texts.len() - s.len()
            }
        }
    }

    /// Where `s` already lies in `texts`, if it is the string of its slot; otherwise `s`,
    /// about to be written at the end, becomes its slot's string. A notice with many
    /// findings repeats their messages (a sentence copied into many places draws one
    /// message per copy, word for word): the 32 MB notice's 280,000 findings hold 27 MB of
    /// owned strings, 3 MB of them different. Small notices are not worth the table.
    fn interned(&mut self, s: &str) -> Option<usize> {
        if s.len() < INTERN_MIN {
            return None;
        }
        if self.interned.is_empty() {
            if self.texts.len() < INTERN_FROM {
                return None;
            }
            self.interned = vec![u32::MAX; INTERN_SLOTS];
        }
        let slot = (text_hash(s.as_bytes()) >> (64 - INTERN_SLOTS.trailing_zeros())) as usize;
        let prev = self.interned[slot] as usize;
        // Equal bytes start on a character boundary and end on one: `s` is UTF-8.
        if self
            .texts
            .as_bytes()
            .get(prev..prev.saturating_add(s.len()))
            == Some(s.as_bytes())
        {
            return Some(prev);
        }
        if let Ok(at) = u32::try_from(self.texts.len()) {
            if at != u32::MAX {
                self.interned[slot] = at;
            }
        }
        None
    }

    fn msg(&mut self, m: &Msg, keep: Option<Lang>) {
        self.texts([(&m.zh).into(), (&m.en).into()], keep);
    }

    /// A message's two languages, the one not kept (when `keep` is set) left empty.
    #[inline]
    fn texts(&mut self, [zh, en]: [Text<'_>; 2], keep: Option<Lang>) {
        // The one not kept is written as an empty text, without asking `text`.
        match keep {
            Some(Lang::Zh) => {
                self.text(zh);
                self.empty_text();
            }
            Some(Lang::En) => {
                self.empty_text();
                self.text(en);
            }
            None => {
                self.text(zh);
                self.text(en);
            }
        }
    }

    /// An empty text ([`Findings::text`]): 0.
    #[inline(always)]
    fn empty_text(&mut self) {
        self.bytes.push(0);
    }

    /// A text: 0 when empty, 1 and its number when fixed, 2 and its bytes when owned.
    #[inline]
    fn text(&mut self, t: Text<'_>) {
        match t {
            _ if t.as_str().is_empty() => self.empty_text(),
            Text::Fixed(s) => {
                self.bytes.push(1);
                self.fixed(s);
            }
            Text::Owned(s) => {
                self.bytes.push(2);
                self.owned(s);
            }
        }
    }
}

fn severity_byte(s: Severity) -> u8 {
    match s {
        Severity::Info => 0,
        Severity::Warning => 1,
        Severity::Error => 2,
    }
}

fn applicability_byte(a: Applicability) -> u8 {
    match a {
        Applicability::Safe => 1,
        Applicability::Unsafe => 2,
    }
}

/// A finding with at most one note and a fix of a few edits, and a few labels (what most
/// findings are), for [`Findings::push_quick`] to write straight into the buffer. Its texts
/// are fixed (`&'static str`) or borrowed (a `&String`: stored as owned), so building it
/// allocates nothing; the edits are a slice (a local array).
#[derive(Clone, Debug, Default)]
pub struct Quick<'a> {
    span: std::ops::Range<usize>,
    message: [Text<'a>; 2],
    /// The labels given one by one (two at most), then `more`.
    label: [Option<(std::ops::Range<usize>, [Text<'a>; 2])>; 2],
    more: &'a [(std::ops::Range<usize>, [Text<'a>; 2])],
    note: Option<[Text<'a>; 2]>,
    #[allow(clippy::type_complexity)]
    fix: Option<(
        Applicability,
        [Text<'a>; 2],
        &'a [(std::ops::Range<usize>, Text<'a>)],
    )>,
}

impl<'a> Quick<'a> {
    /// A finding at `span` with its message, as [`crate::rules::Ctx::diag`] starts one.
    pub fn new(
        span: std::ops::Range<usize>,
        zh: impl Into<Text<'a>>,
        en: impl Into<Text<'a>>,
    ) -> Self {
        Quick {
            span,
            message: [zh.into(), en.into()],
            label: [None, None],
            more: &[],
            note: None,
            fix: None,
        }
    }

    /// A label (as [`Diagnostic::label`]; two at most this way, before those of
    /// [`Quick::labels`]).
    pub fn label(
        mut self,
        span: std::ops::Range<usize>,
        zh: impl Into<Text<'a>>,
        en: impl Into<Text<'a>>,
    ) -> Self {
        let slot = usize::from(self.label[0].is_some());
        debug_assert!(
            self.label[slot].is_none(),
            "a quick finding has two labels at most"
        );
        self.label[slot] = Some((span, [zh.into(), en.into()]));
        self
    }

    /// Labels after those of [`Quick::label`], each a span and its message in both
    /// languages.
    pub fn labels(mut self, more: &'a [(std::ops::Range<usize>, [Text<'a>; 2])]) -> Self {
        self.more = more;
        self
    }

    /// Its note (as [`Diagnostic::note`]; one at most).
    pub fn note(mut self, zh: impl Into<Text<'a>>, en: impl Into<Text<'a>>) -> Self {
        self.note = Some([zh.into(), en.into()]);
        self
    }

    /// Its fix (as [`Diagnostic::with_fix`]): each edit's span and replacement.
    pub fn fix(
        mut self,
        applicability: Applicability,
        zh: impl Into<Text<'a>>,
        en: impl Into<Text<'a>>,
        edits: &'a [(std::ops::Range<usize>, Text<'a>)],
    ) -> Self {
        self.fix = Some((applicability, [zh.into(), en.into()], edits));
        self
    }
}

/// Slots of [`Findings::recent`] (the hash's top eight bits). Direct-mapped: with 64 slots, two
/// of the four or five strings of a common finding shared a slot often enough, by where
/// the linker put them, to miss on every finding (2,056 → 12,957 misses on /tmp/r300
/// after an unrelated change moved them).
const RECENT: usize = 256;

/// Owned strings shorter than this are written again (a reference costs as much).
const INTERN_MIN: usize = 8;
/// Owned strings are looked up once this many bytes of them are held.
const INTERN_FROM: usize = 64 << 10;
/// Slots of the table of owned strings (a power of two; 256 KiB).
const INTERN_SLOTS: usize = 1 << 16;

/// A hash of a string's bytes, eight at a time.
fn text_hash(b: &[u8]) -> u64 {
    const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
    let mut h = b.len() as u64;
    let mut words = b.chunks_exact(8);
    for w in &mut words {
        let w = u64::from_le_bytes(w.try_into().unwrap_or_default());
        h = (h.rotate_left(5) ^ w).wrapping_mul(K);
    }
    let mut last = [0u8; 8];
    last[..words.remainder().len()].copy_from_slice(words.remainder());
    (h.rotate_left(5) ^ u64::from_le_bytes(last)).wrapping_mul(K)
}

/// What findings are sorted by.
struct Key {
    start: usize,
    end: usize,
    code: &'static str,
}

impl Key {
    fn order(&self) -> (usize, usize, u64) {
        (self.start, self.end, code_key(self.code))
    }
}

/// A rule code as a number in the codes' string order (codes are at most eight bytes:
/// `registry` tests it).
pub(crate) fn code_key(code: &str) -> u64 {
    let mut b = [0u8; 8];
    let n = code.len().min(8);
    b[..n].copy_from_slice(&code.as_bytes()[..n]);
    u64::from_be_bytes(b)
}

/// An empty finding for [`View::fill`] to fill.
fn blank() -> Diagnostic {
    Diagnostic {
        code: "",
        rule: "",
        severity: Severity::Info,
        message: Msg::new("", ""),
        span: 0..0,
        labels: Vec::new(),
        notes: Vec::new(),
        fix: None,
    }
}

/// Decodes one finding.
struct Reader<'f> {
    f: &'f Findings,
    /// `f.bytes`, held here so that a byte is read without going through `f`.
    bytes: &'f [u8],
    at: usize,
}

impl<'f> Reader<'f> {
    fn new(f: &'f Findings, at: usize) -> Self {
        Reader {
            f,
            bytes: &f.bytes,
            at,
        }
    }

    #[inline(always)]
    fn byte(&mut self) -> u8 {
        let b = self.bytes[self.at];
        self.at += 1;
        b
    }

    #[inline(always)]
    fn number(&mut self) -> usize {
        let b = self.byte();
        // One byte: most numbers (a count, a string's number, a short length).
        if b < 0x80 {
            return b as usize;
        }
        let mut n = (b & 0x7f) as usize;
        let mut shift = 7;
        loop {
            let b = self.byte();
            n |= ((b & 0x7f) as usize) << shift;
            if b < 0x80 {
                return n;
            }
            shift += 7;
        }
    }

    #[inline(always)]
    fn fixed(&mut self) -> &'static str {
        let id = self.number();
        self.f.statics[id]
    }

    #[inline(always)]
    fn str(&mut self) -> &'f str {
        let at = self.number();
        let n = self.number();
        // Written whole from a `&str`: on character boundaries.
        self.f.texts.get(at..at + n).unwrap_or_default()
    }

    #[inline(always)]
    fn severity(&mut self) -> Severity {
        match self.byte() {
            0 => Severity::Info,
            1 => Severity::Warning,
            _ => Severity::Error,
        }
    }

    /// A text (see [`Findings::text`]), borrowed from the findings when owned.
    #[inline(always)]
    fn text(&mut self) -> Text<'f> {
        match self.byte() {
            0 => Text::Fixed(""),
            1 => Text::Fixed(self.fixed()),
            _ => Text::Owned(self.str()),
        }
    }

    #[inline(always)]
    fn texts(&mut self) -> Texts<'f> {
        let zh = self.text();
        let en = self.text();
        Texts { zh, en }
    }

    /// The finding into `v`, reusing its vectors: the one decoder of the stored format
    /// (a [`Diagnostic`] is filled from the view: [`View::fill`]).
    fn view_into(&mut self, v: &mut View<'f>) {
        v.span = self.span();
        v.code = self.fixed();
        v.rule = self.fixed();
        v.severity = self.severity();
        v.message = self.texts();
        v.labels.clear();
        for _ in 0..self.number() {
            let span = self.span();
            let message = self.texts();
            v.labels.push((span, message));
        }
        v.notes.clear();
        for _ in 0..self.number() {
            let note = self.texts();
            v.notes.push(note);
        }
        v.edits.clear();
        v.fix = match self.byte() {
            0 => None,
            a => {
                let applicability = if a == 1 {
                    Applicability::Safe
                } else {
                    Applicability::Unsafe
                };
                let message = self.texts();
                for _ in 0..self.number() {
                    let span = self.span();
                    let replacement = self.text();
                    v.edits.push((span, replacement));
                }
                Some((applicability, message))
            }
        };
    }

    #[inline(always)]
    fn span(&mut self) -> std::ops::Range<usize> {
        let start = self.number();
        let end = self.number();
        start..end
    }

    fn diagnostic(&mut self) -> Diagnostic {
        let mut v = View::default();
        self.view_into(&mut v);
        let mut d = blank();
        v.fill(&mut d, &mut None);
        d
    }
}

/// See [`Findings::cursor`].
pub struct Cursor<'f> {
    f: &'f Findings,
    i: usize,
    v: View<'f>,
    d: Diagnostic,
    spare: Option<Box<Fix>>,
}

impl Cursor<'_> {
    /// The next finding, valid until the next call.
    #[allow(clippy::should_implement_trait)] // lends: an Iterator cannot
    pub fn next(&mut self) -> Option<&Diagnostic> {
        let &a = self.f.at.get(self.i)?;
        self.i += 1;
        Reader::new(self.f, a).view_into(&mut self.v);
        self.v.fill(&mut self.d, &mut self.spare);
        Some(&self.d)
    }
}

/// A text of a finding read in place: fixed (the `&'static str` a rule gave) or owned
/// (borrowed from the findings). Texts compare by their characters, as `Cow`s do.
#[derive(Clone, Copy, Debug)]
pub enum Text<'f> {
    Fixed(&'static str),
    Owned(&'f str),
}

impl<'f> Text<'f> {
    pub fn as_str(self) -> &'f str {
        match self {
            Text::Fixed(s) => s,
            Text::Owned(s) => s,
        }
    }

    /// Into `t`, reusing its string when it owns one.
    fn set(self, t: &mut Cow<'static, str>) {
        match (self, t) {
            (Text::Fixed(s), t) => *t = Cow::Borrowed(s),
            (Text::Owned(s), Cow::Owned(o)) => {
                o.clear();
                o.push_str(s);
            }
            (Text::Owned(s), t) => *t = Cow::Owned(s.to_owned()),
        }
    }
}

impl From<&'static str> for Text<'_> {
    fn from(s: &'static str) -> Self {
        Text::Fixed(s)
    }
}

/// Stored as an owned text.
impl<'a> From<&'a String> for Text<'a> {
    fn from(s: &'a String) -> Self {
        Text::Owned(s)
    }
}

/// Fixed when borrowed, as [`Findings::push`] stores it.
impl<'a> From<&'a Cow<'static, str>> for Text<'a> {
    fn from(c: &'a Cow<'static, str>) -> Self {
        match c {
            Cow::Borrowed(s) => Text::Fixed(s),
            Cow::Owned(s) => Text::Owned(s),
        }
    }
}

impl Default for Text<'_> {
    fn default() -> Self {
        Text::Fixed("")
    }
}

impl PartialEq for Text<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Text<'_> {}

/// A message's two languages, read in place (an empty text: that language was not kept).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Texts<'f> {
    pub zh: Text<'f>,
    pub en: Text<'f>,
}

impl<'f> Texts<'f> {
    pub fn get(self, lang: Lang) -> &'f str {
        self.text(lang).as_str()
    }

    pub fn text(self, lang: Lang) -> Text<'f> {
        match lang {
            Lang::Zh => self.zh,
            Lang::En => self.en,
        }
    }

    fn set(self, m: &mut Msg) {
        self.zh.set(&mut m.zh);
        self.en.set(&mut m.en);
    }

    fn msg(self) -> Msg {
        let mut m = Msg::new("", "");
        self.set(&mut m);
        m
    }
}

/// A finding read in place (see [`Findings::views`]): the fields of a [`Diagnostic`],
/// with its texts borrowed and its fix flattened (`fix` holds the fix's applicability and
/// message, `edits` its edits: empty when there is no fix).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct View<'f> {
    pub span: std::ops::Range<usize>,
    pub code: &'static str,
    pub rule: &'static str,
    pub severity: Severity,
    pub message: Texts<'f>,
    /// Each label's span and message.
    pub labels: Vec<(std::ops::Range<usize>, Texts<'f>)>,
    pub notes: Vec<Texts<'f>>,
    pub fix: Option<(Applicability, Texts<'f>)>,
    /// Each edit's span and replacement.
    pub edits: Vec<(std::ops::Range<usize>, Text<'f>)>,
}

impl Default for View<'_> {
    fn default() -> Self {
        View {
            span: 0..0,
            code: "",
            rule: "",
            severity: Severity::Info,
            message: Texts::default(),
            labels: Vec::new(),
            notes: Vec::new(),
            fix: None,
            edits: Vec::new(),
        }
    }
}

impl View<'_> {
    /// The finding as a [`Diagnostic`] into `d`, reusing its vectors and strings; a fix's
    /// box not needed now waits in `spare`.
    fn fill(&self, d: &mut Diagnostic, spare: &mut Option<Box<Fix>>) {
        d.span = self.span.clone();
        d.code = self.code;
        d.rule = self.rule;
        d.severity = self.severity;
        self.message.set(&mut d.message);
        d.labels.truncate(self.labels.len());
        for (i, (span, m)) in self.labels.iter().enumerate() {
            match d.labels.get_mut(i) {
                Some(l) => {
                    l.span = span.clone();
                    m.set(&mut l.message);
                }
                None => d.labels.push(Label {
                    span: span.clone(),
                    message: m.msg(),
                }),
            }
        }
        d.notes.truncate(self.notes.len());
        for (i, m) in self.notes.iter().enumerate() {
            match d.notes.get_mut(i) {
                Some(n) => m.set(n),
                None => d.notes.push(m.msg()),
            }
        }
        let Some((applicability, message)) = self.fix else {
            if let Some(f) = d.fix.take() {
                *spare = Some(f);
            }
            return;
        };
        let mut f = d.fix.take().or_else(|| spare.take()).unwrap_or_else(|| {
            Box::new(Fix {
                message: Msg::new("", ""),
                applicability: Applicability::Safe,
                edits: Vec::new(),
            })
        });
        f.applicability = applicability;
        message.set(&mut f.message);
        f.edits.truncate(self.edits.len());
        for (i, (span, r)) in self.edits.iter().enumerate() {
            match f.edits.get_mut(i) {
                Some(e) => {
                    e.span = span.clone();
                    r.set(&mut e.replacement);
                }
                None => {
                    let mut replacement = Cow::Borrowed("");
                    r.set(&mut replacement);
                    f.edits.push(Edit {
                        span: span.clone(),
                        replacement,
                    });
                }
            }
        }
        d.fix = Some(f);
    }
}

/// See [`Findings::views`].
pub struct Views<'f> {
    f: &'f Findings,
    i: usize,
    v: View<'f>,
}

impl<'f> Views<'f> {
    /// The next finding, valid until the next call.
    #[allow(clippy::should_implement_trait)] // lends: an Iterator cannot
    pub fn next(&mut self) -> Option<&View<'f>> {
        let &a = self.f.at.get(self.i)?;
        self.i += 1;
        Reader::new(self.f, a).view_into(&mut self.v);
        Some(&self.v)
    }

    /// The next finding's code, without decoding the rest of it.
    pub fn peek_code(&self) -> Option<&'static str> {
        let &a = self.f.at.get(self.i)?;
        Some(self.f.key(a).code)
    }

    /// Step over the next finding without decoding it.
    pub fn skip(&mut self) {
        self.i += 1;
    }
}

/// The findings of a [`Findings`], decoded one at a time.
pub struct Iter<'f> {
    f: &'f Findings,
    at: std::slice::Iter<'f, usize>,
    v: View<'f>,
}

impl Iterator for Iter<'_> {
    type Item = Diagnostic;

    fn next(&mut self) -> Option<Diagnostic> {
        let &a = self.at.next()?;
        Reader::new(self.f, a).view_into(&mut self.v);
        let mut d = blank();
        self.v.fill(&mut d, &mut None);
        Some(d)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.at.size_hint()
    }
}

impl ExactSizeIterator for Iter<'_> {}

impl<'f> IntoIterator for &'f Findings {
    type Item = Diagnostic;
    type IntoIter = Iter<'f>;

    fn into_iter(self) -> Iter<'f> {
        self.iter()
    }
}

impl From<Vec<Diagnostic>> for Findings {
    fn from(v: Vec<Diagnostic>) -> Self {
        let mut f = Findings::new();
        f.extend(v);
        f
    }
}

impl Extend<Diagnostic> for Findings {
    fn extend<I: IntoIterator<Item = Diagnostic>>(&mut self, iter: I) {
        for d in iter {
            self.push(d);
        }
    }
}

impl PartialEq for Findings {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len() && self.iter().eq(other.iter())
    }
}

impl fmt::Debug for Findings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(i: usize) -> Diagnostic {
        Diagnostic {
            code: "NL403",
            rule: "duplicate-sentence",
            severity: Severity::Warning,
            message: Msg::new(format!("第{i}句重复"), "repeated"),
            span: i * 1000..i * 1000 + 300,
            labels: vec![Label {
                span: 5..1 << 40,
                message: Msg::new("第一次出现在这里", String::new()),
            }],
            notes: vec![Msg::new("", "a note")],
            fix: i.is_multiple_of(2).then(|| {
                Box::new(Fix {
                    message: Msg::new("删去", "remove"),
                    applicability: Applicability::Unsafe,
                    edits: vec![Edit {
                        span: 3..4,
                        replacement: "，".into(),
                    }],
                })
            }),
        }
    }

    #[test]
    fn a_finding_comes_back_as_it_went_in() {
        let ds: Vec<Diagnostic> = (0..300).map(sample).collect();
        let f = Findings::from(ds.clone());
        assert_eq!(f.to_vec(), ds);
        assert_eq!(f.get(299), ds[299]);
        assert!(f.heads().all(|h| h == ("NL403", Severity::Warning)));
        // The cursor reuses one finding's buffers for the next: with and without a fix,
        // more or fewer labels, owned and fixed messages.
        let mut mixed = ds.clone();
        mixed[1].labels.clear();
        mixed[2].message = Msg::new("固定", "fixed");
        let again = mixed[3].labels[0].clone();
        mixed[3].labels.push(again);
        let f = Findings::from(mixed.clone());
        let mut c = f.cursor();
        let mut back = Vec::new();
        while let Some(d) = c.next() {
            back.push(d.clone());
        }
        assert_eq!(back, mixed);
        // The views read the same fields, their texts borrowed.
        let mut v = f.views();
        for d in &mixed {
            let v = v.next().unwrap();
            fn texts(m: &Msg) -> Texts<'_> {
                Texts {
                    zh: Text::Owned(&m.zh),
                    en: Text::Owned(&m.en),
                }
            }
            assert_eq!((&v.span, v.code, v.rule), (&d.span, d.code, d.rule));
            assert_eq!((v.severity, v.message), (d.severity, texts(&d.message)));
            let labels: Vec<_> = d
                .labels
                .iter()
                .map(|l| (l.span.clone(), texts(&l.message)))
                .collect();
            assert_eq!(v.labels, labels);
            assert_eq!(v.notes, d.notes.iter().map(texts).collect::<Vec<_>>());
            assert_eq!(
                v.fix,
                d.fix.as_ref().map(|f| (f.applicability, texts(&f.message)))
            );
            let edits: Vec<_> = d
                .fix
                .iter()
                .flat_map(|f| &f.edits)
                .map(|e| (e.span.clone(), Text::Owned(&e.replacement)))
                .collect();
            assert_eq!(v.edits, edits);
            // Fixed texts stay fixed.
            assert_eq!(
                matches!(v.message.zh, Text::Fixed(_)),
                matches!(d.message.zh, Cow::Borrowed(_))
            );
        }
        assert!(v.next().is_none());
    }

    #[test]
    fn settling_sets_severity_and_drops_the_other_language() {
        let mut f = Findings::new();
        f.settle_as(Some(Severity::Error), Some(Lang::En));
        f.push(sample(1));
        let d = f.get(0);
        assert_eq!(d.severity, Severity::Error);
        assert_eq!(
            (d.message.zh.as_ref(), d.message.en.as_ref()),
            ("", "repeated")
        );
        assert_eq!(d.labels[0].message.zh, "");
    }

    #[test]
    fn a_quick_finding_is_stored_as_its_diagnostic() {
        use crate::registry::Rule;
        let rule: &Rule = &crate::rules::halfwidth_punctuation::RULE;
        let owned = String::from("第3句");
        let edits = [(3..4, "，".into()), (7..8, Text::Owned(&owned))];
        let more = [(9..10, ["丁".into(), Text::Owned(&owned)])];
        let quicks = [
            Quick::new(1..2, "甲", "a"),
            Quick::new(1..2, &owned, "")
                .label(5..6, "乙", "b")
                .label(6..7, "", "c")
                .labels(&more)
                .note("", &owned),
            Quick::new(1..2, "甲", &owned).fix(Applicability::Unsafe, "丙", "c", &edits),
        ];
        let base = Diagnostic {
            code: rule.code,
            rule: rule.name,
            severity: rule.default_severity,
            message: Msg::new("甲", "a"),
            span: 1..2,
            labels: Vec::new(),
            notes: Vec::new(),
            fix: None,
        };
        let ds = [
            base.clone(),
            Diagnostic {
                message: Msg::new(owned.clone(), ""),
                labels: vec![
                    Label {
                        span: 5..6,
                        message: Msg::new("乙", "b"),
                    },
                    Label {
                        span: 6..7,
                        message: Msg::new("", "c"),
                    },
                    Label {
                        span: 9..10,
                        message: Msg::new("丁", owned.clone()),
                    },
                ],
                notes: vec![Msg::new("", owned.clone())],
                ..base.clone()
            },
            Diagnostic {
                message: Msg::new("甲", owned.clone()),
                fix: Some(Box::new(Fix {
                    message: Msg::new("丙", "c"),
                    applicability: Applicability::Unsafe,
                    edits: vec![
                        Edit {
                            span: 3..4,
                            replacement: "，".into(),
                        },
                        Edit {
                            span: 7..8,
                            replacement: owned.clone().into(),
                        },
                    ],
                })),
                ..base.clone()
            },
        ];
        for settle in [
            (None, None),
            (Some(Severity::Error), Some(Lang::En)),
            (Some(Severity::Info), Some(Lang::Zh)),
        ] {
            let (mut a, mut b) = (Findings::new(), Findings::new());
            a.settle_as(settle.0, settle.1);
            b.settle_as(settle.0, settle.1);
            for (q, d) in quicks.iter().zip(&ds) {
                a.push_quick(rule, q.clone());
                b.push(d.clone());
            }
            assert_eq!((&a.bytes, &a.texts, &a.at), (&b.bytes, &b.texts, &b.at));
            assert_eq!(a.kept(), settle.1);
        }
        let mut f = Findings::new();
        assert_eq!(
            (f.zh(|| "甲"), f.en(|| format!("{}", 1))),
            ("甲".into(), "1".into())
        );
        f.settle_as(None, Some(Lang::Zh));
        assert_eq!(
            (f.zh(|| "甲"), f.en(|| -> String { unreachable!() })),
            ("甲".into(), "".into())
        );
    }

    #[test]
    fn finishing_sorts_stably_and_drops_repeats() {
        let mut a = sample(2);
        a.message = Msg::new("a", "a");
        let mut b = sample(2);
        b.message = Msg::new("b", "b");
        let f_in = vec![sample(3), a.clone(), b.clone(), a.clone(), sample(1)];
        let mut f = Findings::from(f_in);
        f.finish();
        assert_eq!(f.to_vec(), vec![sample(1), a.clone(), b, a, sample(3)]);
        let mut twice = Findings::from(vec![sample(1), sample(1), sample(0)]);
        twice.finish();
        assert_eq!(twice.to_vec(), vec![sample(0), sample(1)]);
    }

    #[test]
    fn appending_and_retaining() {
        let mut a = Findings::from(vec![sample(1)]);
        a.append(Findings::from(vec![sample(2), sample(3)]));
        a.retain(|_, start| start != 2000);
        assert_eq!(a.to_vec(), vec![sample(1), sample(3)]);
    }

    #[test]
    fn repeated_messages_of_a_long_notice_are_held_once() {
        // 2,000 different messages (enough owned text to turn the table on), then 1,000
        // that repeat 50 of them; every 97th ends in a mark that the one in its slot lacks.
        let message = |i: usize| {
            let k = if i < 2000 { i } else { i % 50 };
            let mut m = format!("“第{k}句的文字”与第{k}行的文字重复");
            if i.is_multiple_of(97) {
                m.push('。');
            }
            m
        };
        let ds: Vec<Diagnostic> = (0..3000)
            .map(|i| {
                let mut d = sample(i);
                d.message = Msg::new(message(i), "");
                d
            })
            .collect();
        let f = Findings::from(ds.clone());
        assert_eq!(f.to_vec(), ds);
        // The different messages, the fixes' short replacements (too short to look up),
        // and the 50 repeated messages once more (they were written before the table).
        let different: usize = ds[..2000].iter().map(|d| d.message.zh.len()).sum();
        let replacements = 1500 * "，".len();
        let held = f.texts.len();
        assert!(held < different + replacements + 60 * 60, "{held} bytes");
    }
}
