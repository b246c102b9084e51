//! `noticelint.toml`: parsed from a string. The only I/O is [`Config::load`] (read one file)
//! and [`find_upward`] (which folder has one), shared by the CLI and the language server.
//!
//! ```toml
//! select = ["NL1", "NL3"]          # rules to run (codes, prefixes, names); default all
//! ignore = ["NL405"]               # rules not to run
//! lang = "zh"                      # message language: zh (default) or en
//!
//! [severity]                       # override default severities
//! NL406 = "error"
//!
//! [per-file-ignores]               # globs relative to this file's folder
//! "legacy/*.txt" = ["NL405"]
//!
//! [allow]                          # extend the built-in word lists in rules/
//! foreign-words = ["LNG"]
//! reduplications = ["好好"]
//! ```
//!
//! Unknown keys and malformed values are errors; nothing is silently ignored.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::diagnostic::{Lang, Severity};
use crate::options::{Options, Selector};

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Raw {
    #[serde(default)]
    select: Option<Vec<String>>,
    #[serde(default)]
    ignore: Vec<String>,
    #[serde(default)]
    lang: Option<String>,
    #[serde(default)]
    severity: BTreeMap<String, String>,
    #[serde(default)]
    per_file_ignores: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    allow: RawAllow,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawAllow {
    #[serde(default)]
    foreign_words: Vec<String>,
    #[serde(default)]
    reduplications: Vec<String>,
}

/// A parsed configuration.
#[derive(Debug, Clone, Default)]
pub struct Config {
    pub select: Option<Vec<Selector>>,
    pub ignore: Vec<Selector>,
    pub lang: Option<Lang>,
    pub severity: Vec<(String, Severity)>,
    /// (glob, selectors), globs relative to the config file's folder.
    pub per_file_ignores: Vec<(globset::GlobMatcher, Vec<Selector>)>,
    pub allow_foreign_words: Vec<String>,
    pub allow_reduplications: Vec<String>,
}

fn selectors(key: &str, list: &[String]) -> Result<Vec<Selector>, String> {
    list.iter()
        .map(|s| Selector::parse(s).ok_or_else(|| format!("`{key}`: `{s}` names no rule")))
        .collect()
}

impl Config {
    /// Parse the text of a `noticelint.toml`.
    pub fn parse(text: &str) -> Result<Config, String> {
        let raw: Raw = toml::from_str(text).map_err(|e| e.to_string().trim_end().to_owned())?;
        let mut c = Config {
            select: match &raw.select {
                Some(s) => Some(selectors("select", s)?),
                None => None,
            },
            ignore: selectors("ignore", &raw.ignore)?,
            lang: match raw.lang.as_deref() {
                None => None,
                Some("zh") => Some(Lang::Zh),
                Some("en") => Some(Lang::En),
                Some(other) => return Err(format!("`lang`: `{other}` is not zh or en")),
            },
            allow_foreign_words: raw.allow.foreign_words,
            allow_reduplications: raw.allow.reduplications,
            ..Config::default()
        };
        for (k, v) in &raw.severity {
            let rule = crate::registry::find(k)
                .ok_or_else(|| format!("`[severity]`: `{k}` is not a rule code or name"))?;
            let sev = Severity::parse(v).ok_or_else(|| {
                format!("`[severity]`: `{k} = \"{v}\"`: severity must be error, warning or info")
            })?;
            c.severity.push((rule.code.to_owned(), sev));
        }
        for (glob, list) in &raw.per_file_ignores {
            let g = globset::Glob::new(glob)
                .map_err(|e| format!("`[per-file-ignores]`: `{glob}`: {e}"))?
                .compile_matcher();
            c.per_file_ignores
                .push((g, selectors("per-file-ignores", list)?));
        }
        Ok(c)
    }

    /// Read and parse a configuration file; errors name the file.
    pub fn load(path: &Path) -> Result<Config, String> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("{}: cannot read configuration: {e}", path.display()))?;
        Config::parse(&text).map_err(|e| format!("{}: {e}", path.display()))
    }

    /// Apply this configuration to `base` for a file at `rel` (relative to the config's folder).
    pub fn apply(&self, base: &Options, rel: Option<&std::path::Path>) -> Options {
        let mut o = base.clone();
        if let Some(sel) = &self.select {
            if o.select.is_empty() {
                o.select = sel.clone();
            }
        }
        // Command-line selections come first in `base`; the config's ignores add to them.
        o.ignore.extend(self.ignore.iter().cloned());
        for (code, sev) in &self.severity {
            o.severity.entry(code.clone()).or_insert(*sev);
        }
        if let Some(rel) = rel {
            for (g, list) in &self.per_file_ignores {
                if g.is_match(rel) {
                    o.ignore.extend(list.iter().cloned());
                }
            }
        }
        if let Some(l) = self.lang {
            o.lang = l;
        }
        o.allow_foreign_words
            .extend(self.allow_foreign_words.iter().cloned());
        o.allow_reduplications
            .extend(self.allow_reduplications.iter().cloned());
        o
    }
}

/// The name of the configuration file.
pub const FILE_NAME: &str = "noticelint.toml";

/// The nearest `noticelint.toml` in `dir` or a folder above it.
pub fn find_upward(dir: &Path) -> Option<PathBuf> {
    dir.ancestors()
        .map(|d| d.join(FILE_NAME))
        .find(|cand| cand.is_file())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_rejects_unknown_keys() {
        let c = Config::parse(
            "select = [\"NL1\"]\nignore = [\"foreign-word\"]\n[severity]\nNL406 = \"error\"\n[per-file-ignores]\n\"legacy/*.txt\" = [\"NL405\"]\n[allow]\nforeign-words = [\"LNG\"]\n",
        )
        .unwrap();
        assert_eq!(c.severity, vec![("NL406".to_string(), Severity::Error)]);
        assert!(Config::parse("selct = []").unwrap_err().contains("selct"));
        assert!(Config::parse("[severity]\nNL999 = \"error\"").is_err());
        assert!(Config::parse("[severity]\nNL406 = \"loud\"").is_err());
    }
}
