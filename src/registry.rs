//! The one table of rules: code, name, default severity, summary and documentation.
//!
//! Each rule lives in its own file under `src/rules/` and declares a `pub static RULE`;
//! this table lists them in code order. `noticelint rules` and `noticelint explain` print
//! from here.

use crate::diagnostic::{Lang, Severity};
use crate::findings::Findings;
use crate::rules::{self, Ctx};

/// A piece of static text in both languages.
#[derive(Debug, Clone, Copy)]
pub struct Text {
    pub zh: &'static str,
    pub en: &'static str,
}

impl Text {
    pub const fn new(zh: &'static str, en: &'static str) -> Self {
        Text { zh, en }
    }

    pub fn get(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Zh => self.zh,
            Lang::En => self.en,
        }
    }
}

/// A rule.
pub struct Rule {
    /// Stable code, `NL101`.
    pub code: &'static str,
    /// Stable name, `numbering-gap`.
    pub name: &'static str,
    pub default_severity: Severity,
    /// One line: what it flags.
    pub summary: Text,
    /// The documentation: what, why, a bad and a good example (Markdown).
    pub doc: Text,
    /// False for rules registered ahead of their implementation: they report nothing yet.
    pub implemented: bool,
    pub check: fn(&Ctx, &mut Findings),
}

impl std::fmt::Debug for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.code, self.name)
    }
}

/// Every rule, in code order.
pub static RULES: &[&Rule] = &[
    &rules::unused_suppression::RULE,
    &rules::numbering_gap::RULE,
    &rules::numbering_restart::RULE,
    &rules::numbering_duplicate::RULE,
    &rules::heading_style::RULE,
    &rules::truncated_paragraph::RULE,
    &rules::page_marker::RULE,
    &rules::issuer_mismatch::RULE,
    &rules::date_conflict::RULE,
    &rules::date_invalid::RULE,
    &rules::count_mismatch::RULE,
    &rules::sum_mismatch::RULE,
    &rules::percent_mismatch::RULE,
    &rules::repeated_phrase::RULE,
    &rules::duplicate_char::RULE,
    &rules::duplicate_sentence::RULE,
    &rules::unbalanced_pair::RULE,
    &rules::halfwidth_punctuation::RULE,
    &rules::foreign_word::RULE,
    &rules::markup_artifact::RULE,
    &rules::doc_number_format::RULE,
    &rules::chinese_zero::RULE,
    &rules::range_mark::RULE,
    &rules::date_format::RULE,
    &rules::duplicated_title::RULE,
    &rules::title_form::RULE,
    &rules::stray_space::RULE,
];

/// Find a rule by code (`NL101`, any case) or name (`numbering-gap`).
pub fn find(query: &str) -> Option<&'static Rule> {
    let q = query.trim();
    RULES
        .iter()
        .copied()
        .find(|r| r.code.eq_ignore_ascii_case(q) || r.name == q)
}

/// The documentation of a rule as `explain` prints it.
pub fn explain(rule: &Rule, lang: Lang) -> String {
    let mut s = String::new();
    let sev = match (lang, rule.default_severity) {
        (Lang::Zh, Severity::Error) => "错误（error）",
        (Lang::Zh, Severity::Warning) => "警告（warning）",
        (Lang::Zh, Severity::Info) => "提示（info）",
        (Lang::En, x) => x.as_str(),
    };
    match lang {
        Lang::Zh => s.push_str(&format!(
            "# {} {}\n\n{}\n\n默认级别：{}\n",
            rule.code, rule.name, rule.summary.zh, sev
        )),
        Lang::En => s.push_str(&format!(
            "# {} {}\n\n{}\n\nDefault severity: {}\n",
            rule.code, rule.name, rule.summary.en, sev
        )),
    }
    if !rule.implemented {
        s.push_str(match lang {
            Lang::Zh => "\n（本规则已登记，尚未实现：目前不报告任何问题。）\n",
            Lang::En => {
                "\n(This rule is registered but not implemented yet: it reports nothing.)\n"
            }
        });
    }
    s.push('\n');
    s.push_str(rule.doc.get(lang).trim());
    s.push('\n');
    s
}
