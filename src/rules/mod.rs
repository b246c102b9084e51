//! The rules, one file each. Every file declares `pub static RULE` (code, name, severity,
//! summary, documentation) and its check function; [`crate::registry::RULES`] lists them.
//!
//! A check reads the text and the notice tree through [`Ctx`] and pushes diagnostics. The
//! engine sets each diagnostic's severity afterwards from the options, so checks create
//! them with [`Ctx::diag`] and do not decide severity themselves.

use std::cell::OnceCell;
use std::ops::Range;

use crate::diagnostic::{Diagnostic, Msg};
use crate::options::Options;
use crate::registry::Rule;
use crate::scan::Classes;
use crate::source::LineIndex;
use crate::tree::Notice;

pub mod numbering;
pub mod text;

pub mod chinese_zero;
pub mod count_mismatch;
pub mod date_conflict;
pub mod date_format;
pub mod date_invalid;
pub mod doc_number_format;
pub mod duplicate_char;
pub mod duplicate_sentence;
pub mod duplicated_title;
pub mod foreign_word;
pub mod halfwidth_punctuation;
pub mod heading_style;
pub mod issuer_mismatch;
pub mod markup_artifact;
pub mod numbering_duplicate;
pub mod numbering_gap;
pub mod numbering_restart;
pub mod page_marker;
pub mod percent_mismatch;
pub mod range_mark;
pub mod repeated_phrase;
pub mod stray_space;
pub mod sum_mismatch;
pub mod title_form;
pub mod truncated_paragraph;
pub mod unbalanced_pair;
pub mod unused_suppression;

/// What every rule file needs.
pub mod prelude {
    pub use super::Ctx;
    pub use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix, Msg, Severity};
    pub use crate::findings::{Findings, Quick};
    pub use crate::registry::{Rule, Text};
    pub use crate::tree::{Item, ItemId, Kind, Notice, Paragraph, Role, Style};
}

/// How many shared analyses [`Ctx::release`] can drop.
pub(crate) const RELEASABLE: usize = 6;

/// What a rule sees: the text, the notice tree, the options, and analyses shared by
/// several rules (computed once, on first use).
pub struct Ctx<'a> {
    pub text: &'a str,
    pub notice: &'a Notice,
    pub options: &'a Options,
    numbering: OnceCell<Vec<numbering::Finding>>,
    lines: OnceCell<LineIndex>,
    /// The line index the caller built already (the reports use it too).
    given_lines: Option<&'a LineIndex>,
    markup: OnceCell<markup_artifact::Markup>,
    quantities: OnceCell<Vec<crate::quantity::Quantity>>,
    /// Where the last [`Ctx::quantities`] answer ended: rules ask paragraph after paragraph,
    /// so the next answer usually starts there (no binary search).
    quantity_hint: std::cell::Cell<usize>,
    classes: OnceCell<(Vec<Classes>, Classes)>,
    repeats: OnceCell<Vec<repeated_phrase::Repeats>>,
    numerals: OnceCell<Vec<crate::numeral::Run>>,
    dates: OnceCell<(Vec<date_invalid::DateTok>, Vec<u32>)>,
    soft: OnceCell<Vec<bool>>,
}

impl<'a> Ctx<'a> {
    pub fn new(text: &'a str, notice: &'a Notice, options: &'a Options) -> Self {
        Ctx {
            text,
            notice,
            options,
            numbering: OnceCell::new(),
            lines: OnceCell::new(),
            given_lines: None,
            markup: OnceCell::new(),
            quantities: OnceCell::new(),
            quantity_hint: std::cell::Cell::new(0),
            classes: OnceCell::new(),
            repeats: OnceCell::new(),
            numerals: OnceCell::new(),
            dates: OnceCell::new(),
            soft: OnceCell::new(),
        }
    }

    /// [`Ctx::new`] with the text's line index, built by the caller.
    pub fn with_lines(
        text: &'a str,
        notice: &'a Notice,
        options: &'a Options,
        lines: &'a LineIndex,
    ) -> Self {
        Ctx {
            given_lines: Some(lines),
            ..Ctx::new(text, notice, options)
        }
    }

    /// Start a diagnostic of `rule` at `span`.
    pub fn diag(
        &self,
        rule: &Rule,
        span: Range<usize>,
        zh: impl Into<std::borrow::Cow<'static, str>>,
        en: impl Into<std::borrow::Cow<'static, str>>,
    ) -> Diagnostic {
        Diagnostic {
            code: rule.code,
            rule: rule.name,
            severity: rule.default_severity,
            message: Msg::new(zh, en),
            span,
            labels: Vec::new(),
            notes: Vec::new(),
            fix: None,
        }
    }

    /// The text of a byte range.
    pub fn slice(&self, span: &Range<usize>) -> &'a str {
        &self.text[span.clone()]
    }

    /// The numbering findings of the whole notice (shared by NL101–NL103).
    pub fn numbering(&self) -> &[numbering::Finding] {
        self.numbering
            .get_or_init(|| numbering::analyse(self.notice))
    }

    /// Markup constructs and protected ranges (addresses, markup) of the text, shared by
    /// NL407, NL405 and NL406.
    pub(crate) fn markup(&self) -> &markup_artifact::Markup {
        self.markup.get_or_init(|| {
            markup_artifact::Markup::new(self.text, self.options.markdown, self.lines_where())
        })
    }

    /// The quantities (19个, 85.04%) inside `range`, which lies within one paragraph.
    /// Every paragraph is scanned once, on first use, and shared by NL301–NL303.
    pub fn quantities(&self, range: Range<usize>) -> &[crate::quantity::Quantity] {
        let all = self.quantities.get_or_init(|| {
            let runs = self.numeral_runs();
            // Every quantity starts at a run; a fraction of them are quantities (a quarter
            // in the realistic corpus: room for a bit more, the spare room is given back).
            let mut v = Vec::with_capacity(runs.len() * 3 / 10);
            // Paragraphs are in text order: one cursor goes through the runs.
            let mut cursor = crate::numeral::RunCursor::new(runs, 0);
            for p in &self.notice.paragraphs {
                crate::quantity::scan_runs(self.text, p.span.clone(), &mut cursor, &mut v);
            }
            v.shrink_to_fit();
            v
        });
        // The first quantity that starts at or after `range.start`: a few steps on from
        // where the last answer ended, else by binary search.
        let mut lo = self.quantity_hint.get().min(all.len());
        let mut steps = 0;
        while lo < all.len() && all[lo].span.start < range.start && steps < 4 {
            lo += 1;
            steps += 1;
        }
        if (lo < all.len() && all[lo].span.start < range.start)
            || (lo > 0 && all[lo - 1].span.start >= range.start)
        {
            lo = all.partition_point(|q| q.span.start < range.start);
        }
        // The quantities that start inside `range` (a paragraph holds few: counted one by one).
        let mut hi = lo;
        while hi < all.len() && all[hi].span.start < range.end {
            hi += 1;
        }
        self.quantity_hint.set(hi);
        while hi > lo && all[hi - 1].span.end > range.end {
            hi -= 1;
        }
        &all[lo..hi]
    }

    /// The runs of numeral characters of the text ([`crate::numeral::numeral_runs`]; found
    /// by the line classes' walk when that comes first),
    /// computed once: the quantity scan (NL301–NL303) and the date scan (NL202, NL203)
    /// jump from run to run.
    pub fn numeral_runs(&self) -> &[crate::numeral::Run] {
        self.numerals
            .get_or_init(|| crate::numeral::numeral_runs(self.text))
    }

    /// The dates of paragraph `i`, scanned once with no year in force
    /// ([`date_invalid::scan_dates_raw`]): NL202 and NL203 give them the year each carries
    /// ([`date_invalid::apply_year`]). Empty for a paragraph whose line has no 年, 月 or 日.
    pub(crate) fn raw_dates(&self, i: usize) -> &[date_invalid::DateTok] {
        // All the dates in one vector, and where each paragraph's begin (one more: the end).
        let (all, starts) = self.dates.get_or_init(|| {
            let runs = self.numeral_runs();
            let paras = &self.notice.paragraphs;
            let mut all = Vec::new();
            let mut starts = Vec::with_capacity(paras.len() + 1);
            // Paragraphs are in text order: one cursor goes through the runs.
            let mut cursor = crate::numeral::RunCursor::new(runs, 0);
            for (pi, p) in paras.iter().enumerate() {
                starts.push(all.len() as u32);
                if self.para_classes(pi).any(crate::scan::class::DATE) {
                    date_invalid::scan_dates_raw(self.text, p.span.clone(), &mut cursor, &mut all);
                }
            }
            starts.push(all.len() as u32);
            all.shrink_to_fit();
            (all, starts)
        });
        &all[starts[i] as usize..starts[i + 1] as usize]
    }

    /// For each paragraph, whether the line break after it is a soft one
    /// ([`truncated_paragraph::soft_breaks`]), computed once: NL105 and NL404
    /// (unbalanced-pair) both ask.
    pub(crate) fn soft_breaks(&self) -> &[bool] {
        self.soft
            .get_or_init(|| truncated_paragraph::find_soft_breaks(self))
    }

    fn classes(&self) -> &(Vec<Classes>, Classes) {
        self.classes.get_or_init(|| {
            // The numeral runs come with the classes' walk at no cost to speak of: they are
            // kept for `numeral_runs` unless that has been asked already.
            let v = if self.text.len() <= u32::MAX as usize {
                let (v, runs) = crate::scan::line_classes_and_numerals(self.text);
                let _ = self.numerals.set(runs);
                v
            } else {
                crate::scan::line_classes(self.text)
            };
            let all = crate::scan::union(&v);
            (v, all)
        })
    }

    /// What characters each line holds ([`crate::scan`]), indexed by 0-based line: a rule
    /// skips the lines that cannot hold its candidates.
    pub fn line_classes(&self) -> &[Classes] {
        &self.classes().0
    }

    /// What characters the whole text holds: a rule returns at once when its candidates
    /// cannot occur anywhere.
    pub fn text_classes(&self) -> Classes {
        self.classes().1
    }

    /// What characters paragraph `i` (and the rest of its line) holds.
    pub fn para_classes(&self, i: usize) -> Classes {
        self.classes().0[self.notice.paragraphs[i].line as usize]
    }

    /// What characters the lines that `span` touches hold.
    pub fn classes_in(&self, span: &Range<usize>) -> Classes {
        let lines = self.lines();
        let (a, b) = (
            lines.line_of(span.start),
            lines.line_of(span.end.saturating_sub(1).max(span.start)),
        );
        crate::scan::union(&self.classes().0[a..=b])
    }

    /// For every paragraph, what one pass over its characters found: where a clause can
    /// repeat back to back (NL401) and whether a character or word is doubled (NL402).
    pub(crate) fn repeats(&self) -> &[repeated_phrase::Repeats] {
        self.repeats
            .get_or_init(|| repeated_phrase::scan_paragraphs(self.text, self.notice))
    }

    /// The lines of the text with their classes, to be filtered ([`markup_artifact::LinesWhere::matching`]).
    pub(crate) fn lines_where(&self) -> markup_artifact::LinesWhere<'_> {
        markup_artifact::LinesWhere {
            text: self.text,
            classes: self.line_classes(),
            starts: self.lines().starts(),
        }
    }

    /// For each analysis [`Ctx::release`] can drop, the position in `selected` (the rules
    /// to run, in order) of the last rule that uses it (`None`: no rule does).
    ///
    /// It depends only on `selected`, which is the same for every notice of a run: the
    /// last answer is kept (per thread) and given again for the same rules (computing it
    /// cost ~2,000 instructions per notice, comparing the rules ~100).
    pub(crate) fn last_uses(selected: &[&Rule]) -> [Option<usize>; RELEASABLE] {
        type Cached = Option<(Vec<*const Rule>, [Option<usize>; RELEASABLE])>;
        thread_local! {
            static LAST: std::cell::RefCell<Cached> = const { std::cell::RefCell::new(None) };
        }
        let same = |key: &[*const Rule]| {
            key.len() == selected.len()
                && key.iter().zip(selected).all(|(&a, &b)| std::ptr::eq(a, b))
        };
        LAST.with_borrow_mut(|cached| match cached {
            Some((key, last)) if same(key) => *last,
            _ => {
                let last = Self::find_last_uses(selected);
                *cached = Some((selected.iter().map(|&r| r as *const Rule).collect(), last));
                last
            }
        })
    }

    /// [`Ctx::last_uses`] worked out.
    fn find_last_uses(selected: &[&Rule]) -> [Option<usize>; RELEASABLE] {
        let users: [&[&Rule]; RELEASABLE] = [
            &[
                &numbering_gap::RULE,
                &numbering_restart::RULE,
                &numbering_duplicate::RULE,
            ],
            &[
                &foreign_word::RULE,
                &halfwidth_punctuation::RULE,
                &markup_artifact::RULE,
            ],
            &[
                &count_mismatch::RULE,
                &sum_mismatch::RULE,
                &percent_mismatch::RULE,
            ],
            &[&date_conflict::RULE, &date_invalid::RULE],
            &[&repeated_phrase::RULE, &duplicate_char::RULE],
            &[&chinese_zero::RULE, &doc_number_format::RULE],
        ];
        let mut last = users.map(|u| {
            selected
                .iter()
                .rposition(|r| u.iter().any(|x| std::ptr::eq(*r, *x)))
        });
        // The quantity and date scans are built from the numeral runs.
        last[5] = last[5].max(last[2]).max(last[3]);
        last
    }

    /// Drop the shared analyses whose last user ([`Ctx::last_uses`]) was rule `k`, so that
    /// a huge notice does not hold them while later rules add their findings. Only memory
    /// is at stake: an analysis dropped too early is computed again when asked for.
    pub(crate) fn release(&mut self, k: usize, last: &[Option<usize>; RELEASABLE]) {
        let done = |i: usize| last[i] == Some(k);
        if done(0) {
            self.numbering.take();
        }
        if done(1) {
            self.markup.take();
        }
        if done(2) {
            self.quantities.take();
        }
        if done(3) {
            self.dates.take();
        }
        if done(4) {
            self.repeats.take();
        }
        if done(5) {
            self.numerals.take();
        }
    }

    /// Line index of the text.
    pub fn lines(&self) -> &LineIndex {
        match self.given_lines {
            Some(l) => l,
            None => self.lines.get_or_init(|| LineIndex::new(self.text)),
        }
    }
}
