//! What a rule reports: a diagnostic with its span, secondary labels, notes and fix.
//!
//! Messages are bilingual: every piece of text a proofreader reads is kept in Chinese (the
//! default) and in English, and the renderer picks one.

use std::ops::Range;

/// Severity of a diagnostic, as in SPEC.md.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }

    pub fn parse(s: &str) -> Option<Severity> {
        match s {
            "error" => Some(Severity::Error),
            "warning" | "warn" => Some(Severity::Warning),
            "info" => Some(Severity::Info),
            _ => None,
        }
    }
}

/// The language of messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

/// A message in both languages. Fixed messages are borrowed (no allocation per finding);
/// messages that quote the text are owned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Msg {
    pub zh: std::borrow::Cow<'static, str>,
    pub en: std::borrow::Cow<'static, str>,
}

impl Msg {
    pub fn new(
        zh: impl Into<std::borrow::Cow<'static, str>>,
        en: impl Into<std::borrow::Cow<'static, str>>,
    ) -> Self {
        Msg {
            zh: zh.into(),
            en: en.into(),
        }
    }

    /// Drop the message in the other language than `lang` (it becomes empty).
    pub fn keep(&mut self, lang: Lang) {
        match lang {
            Lang::Zh => self.en = std::borrow::Cow::Borrowed(""),
            Lang::En => self.zh = std::borrow::Cow::Borrowed(""),
        }
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }
}

/// A secondary place related to a diagnostic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    pub span: Range<usize>,
    pub message: Msg,
}

/// Whether a fix can be applied without a human looking at it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Applicability {
    Safe,
    Unsafe,
}

/// One replacement of a byte range. The replacement is borrowed when fixed (a mark, or
/// nothing for a deletion): no allocation per finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub span: Range<usize>,
    pub replacement: std::borrow::Cow<'static, str>,
}

/// A suggested fix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    pub message: Msg,
    pub applicability: Applicability,
    pub edits: Vec<Edit>,
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Stable code, `NL101`.
    pub code: &'static str,
    /// Stable name, `numbering-gap`.
    pub rule: &'static str,
    pub severity: Severity,
    pub message: Msg,
    /// The smallest span that shows the problem (bytes into the decoded text).
    pub span: Range<usize>,
    pub labels: Vec<Label>,
    pub notes: Vec<Msg>,
    /// Boxed: most findings have none, and a huge notice holds hundreds of thousands.
    pub fix: Option<Box<Fix>>,
}

impl Diagnostic {
    pub fn label(
        mut self,
        span: Range<usize>,
        zh: impl Into<std::borrow::Cow<'static, str>>,
        en: impl Into<std::borrow::Cow<'static, str>>,
    ) -> Self {
        self.labels.push(Label {
            span,
            message: Msg::new(zh, en),
        });
        self
    }

    pub fn note(
        mut self,
        zh: impl Into<std::borrow::Cow<'static, str>>,
        en: impl Into<std::borrow::Cow<'static, str>>,
    ) -> Self {
        self.notes.push(Msg::new(zh, en));
        self
    }

    /// Drop every message in the other language than `lang` (see [`Msg::keep`]).
    pub fn keep_language(&mut self, lang: Lang) {
        self.message.keep(lang);
        for l in &mut self.labels {
            l.message.keep(lang);
        }
        for n in &mut self.notes {
            n.keep(lang);
        }
        if let Some(f) = &mut self.fix {
            f.message.keep(lang);
        }
    }

    pub fn with_fix(mut self, fix: Fix) -> Self {
        self.fix = Some(Box::new(fix));
        self
    }
}
