//! What the caller decides: which rules run, at which severity, in which language.
//!
//! Passed explicitly to [`crate::check`]; never read from a global.

use std::collections::HashMap;

use crate::diagnostic::{Lang, Severity};
use crate::registry::Rule;

/// A rule selector as given to `--select` / `--ignore`: a code (`NL101`), a code prefix
/// (`NL1`, `NL`), a name (`numbering-gap`) or `ALL`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selector(pub String);

impl Selector {
    /// The `--select`/`--ignore` values of a command line (blank ones skipped); an error
    /// names the flag and the value that names no rule.
    pub fn parse_flag(values: &[String], flag: &str) -> Result<Vec<Selector>, String> {
        values
            .iter()
            .filter(|s| !s.trim().is_empty())
            .map(|s| {
                Selector::parse(s)
                    .ok_or_else(|| format!("{flag}: `{s}` names no rule (see `noticelint rules`)"))
            })
            .collect()
    }

    /// Parse a selector; `None` when it names no rule at all.
    pub fn parse(s: &str) -> Option<Selector> {
        let s = s.trim();
        if s.is_empty() {
            return None;
        }
        let sel = Selector(s.to_owned());
        crate::registry::RULES
            .iter()
            .any(|r| sel.matches(r))
            .then_some(sel)
    }

    pub fn matches(&self, rule: &Rule) -> bool {
        let s = self.0.as_str();
        s.eq_ignore_ascii_case("ALL")
            || rule.name == s
            // A code or a prefix of one, in either case (codes are upper-case ASCII).
            || rule
                .code
                .get(..s.len())
                .is_some_and(|head| head.eq_ignore_ascii_case(s))
    }

    /// More specific selectors win: a full code beats a prefix.
    fn specificity(&self) -> usize {
        if self.0.eq_ignore_ascii_case("ALL") {
            0
        } else if self.0.starts_with("NL") || self.0.starts_with("nl") {
            self.0.len()
        } else {
            usize::MAX
        }
    }
}

/// Options for one run.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Rules to run; empty means all.
    pub select: Vec<Selector>,
    /// Rules not to run.
    pub ignore: Vec<Selector>,
    /// Severity per rule code, overriding the default.
    pub severity: HashMap<String, Severity>,
    /// Language of messages.
    pub lang: Lang,
    /// Keep only the messages in `lang`: the other language's are dropped as each rule
    /// finishes ([`crate::Diagnostic::keep_language`]), which saves memory on a notice with
    /// many findings. The CLI, which prints one language, sets it; by default a finding
    /// carries both.
    pub one_language: bool,
    /// Extra words that `foreign-word` accepts (config `[allow] foreign-words`).
    pub allow_foreign_words: Vec<String>,
    /// Extra reduplicated words that `duplicate-char` accepts (config `[allow] reduplications`).
    pub allow_reduplications: Vec<String>,
    /// Extra groups of names of one kind of body that `issuer-mismatch` treats as the same
    /// kind (config `[allow] org-aliases`), added to `rules/org-aliases.txt`.
    pub allow_org_aliases: Vec<Vec<String>>,
    /// Places added to `rules/places.tsv` (config `[[places]]`), made with
    /// [`crate::places::add_extra`]: development zones, newer divisions.
    pub places: Vec<crate::places::ExtraPlace>,
    /// The file is Markdown (so `**` and `##` are markup, not debris).
    pub markdown: bool,
}

impl Options {
    /// Whether `rule` runs: by `select` and `ignore` alone (the lint keeps the enabled
    /// rules per thread keyed by those two lists; see `enabled_rules` in lib.rs).
    pub fn is_enabled(&self, rule: &Rule) -> bool {
        let best = |list: &[Selector]| {
            list.iter()
                .filter(|s| s.matches(rule))
                .map(Selector::specificity)
                .max()
        };
        let sel = if self.select.is_empty() {
            Some(0)
        } else {
            best(&self.select)
        };
        match (sel, best(&self.ignore)) {
            (None, _) => false,
            (Some(_), None) => true,
            (Some(s), Some(i)) => s > i,
        }
    }

    pub fn severity_of(&self, rule: &Rule) -> Severity {
        self.severity
            .get(rule.code)
            .or_else(|| self.severity.get(rule.name))
            .copied()
            .unwrap_or(rule.default_severity)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matching(selector: &str) -> Vec<&'static str> {
        let sel = Selector::parse(selector).expect("a selector");
        crate::registry::RULES
            .iter()
            .filter(|r| sel.matches(r))
            .map(|r| r.code)
            .collect()
    }

    #[test]
    fn selectors_match_codes_prefixes_and_names_in_either_case() {
        assert_eq!(matching("NL301"), ["NL301"]);
        assert_eq!(matching("nl301"), ["NL301"]);
        assert_eq!(matching("count-mismatch"), ["NL301"]);
        let prefix = matching("nL30");
        assert!(prefix.len() >= 3 && prefix.iter().all(|c| c.starts_with("NL30")));
        assert_eq!(matching("all").len(), crate::registry::RULES.len());
        assert!(Selector::parse("NL3010").is_none());
        assert!(Selector::parse("规则").is_none());
    }
}
