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
//! org-aliases = [["数据局", "大数据管理局"]]   # names of one kind of body (issuer-mismatch)
//!
//! [[places]]                       # a place rules/places.tsv lacks (issuer-mismatch)
//! name = "无锡经济开发区"
//! short = "经开区"                 # optional: derived like the gazetteer's (新吴区 → 新吴)
//! parent = "无锡市"                # a name, a chain (江苏省无锡市) or a code (3202)
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
    #[serde(default)]
    places: Vec<RawPlace>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPlace {
    name: toml::Spanned<String>,
    #[serde(default)]
    short: Option<String>,
    parent: toml::Spanned<String>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawAllow {
    #[serde(default)]
    foreign_words: Vec<String>,
    #[serde(default)]
    reduplications: Vec<String>,
    #[serde(default)]
    org_aliases: Vec<Vec<toml::Spanned<String>>>,
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
    pub allow_org_aliases: Vec<Vec<String>>,
    pub places: Vec<crate::places::ExtraPlace>,
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
        let line = |span: std::ops::Range<usize>| {
            text.get(..span.start)
                .map_or(0, |t| t.matches('\n').count())
                + 1
        };
        for group in &raw.allow.org_aliases {
            let mut names = Vec::new();
            for n in group {
                let name = n.get_ref().trim();
                if name.chars().count() < 2 {
                    return Err(format!(
                        "line {}: `[allow] org-aliases`: `{name}` is not a body's name (2 characters or more)",
                        line(n.span())
                    ));
                }
                names.push(name.to_string());
            }
            c.allow_org_aliases.push(names);
        }
        for p in &raw.places {
            let g = crate::places::Places::new(&c.places);
            let (name, parent) = (p.name.get_ref(), p.parent.get_ref());
            let pid = g.resolve(parent).map_err(|cands| {
                let at = format!(
                    "line {}: `[[places]]` `{name}`: `parent = \"{parent}\"`",
                    line(p.parent.span())
                );
                if cands.is_empty() {
                    format!("{at} names no known place")
                } else {
                    let list: Vec<String> = cands
                        .iter()
                        .take(8)
                        .map(|&i| format!("{} ({})", g.full_name(i), g.get(i).code))
                        .collect();
                    format!(
                        "{at} names {} places: {}; write the places above it too (长春市朝阳区) or its code",
                        cands.len(),
                        list.join(", ")
                    )
                }
            })?;
            crate::places::add_extra(&mut c.places, name, p.short.as_deref(), pid)
                .map_err(|e| format!("line {}: `[[places]]` {e}", line(p.name.span())))?;
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
        o.allow_org_aliases
            .extend(self.allow_org_aliases.iter().cloned());
        if o.places.is_empty() {
            // Added places' codes are made up per list: one configuration's list is taken whole.
            o.places = self.places.clone();
        }
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

    #[test]
    fn org_aliases_and_places() {
        let c = Config::parse(
            "[allow]\norg-aliases = [[\"数据局\", \"大数据管理局\"]]\n\n[[places]]\nname = \"无锡经济开发区\"\nshort = \"经开区\"\nparent = \"无锡市\"\n\n[[places]]\nname = \"太湖新城区\"\nparent = \"江苏省无锡市\"\n",
        )
        .unwrap();
        assert_eq!(c.allow_org_aliases, vec![vec!["数据局", "大数据管理局"]]);
        let names: Vec<(&str, Option<&str>)> = c
            .places
            .iter()
            .map(|p| (p.name.as_str(), p.short.as_deref()))
            .collect();
        assert_eq!(
            names,
            [
                ("无锡经济开发区", Some("经开区")),
                ("太湖新城区", Some("太湖新城"))
            ]
        );
        let o = c.apply(&Options::default(), None);
        assert_eq!(o.places.len(), 2);
        assert_eq!(o.allow_org_aliases.len(), 1);
    }

    #[test]
    fn bad_places_and_aliases_name_line_and_key() {
        // Unknown key inside a [[places]] table: the line and the key.
        let e = Config::parse("[[places]]\nname = \"新区\"\nparnet = \"无锡市\"\n").unwrap_err();
        assert!(e.contains("line 3") && e.contains("parnet"), "{e}");
        // A missing parent.
        let e = Config::parse("[[places]]\nname = \"新区\"\n").unwrap_err();
        assert!(e.contains("parent"), "{e}");
        // An ambiguous parent: the candidates, and how to tell them apart.
        let e =
            Config::parse("\n[[places]]\nname = \"某某新区\"\nparent = \"朝阳区\"\n").unwrap_err();
        assert!(
            e.contains("line 4")
                && e.contains("北京市朝阳区")
                && e.contains("吉林省长春市朝阳区")
                && e.contains("code"),
            "{e}"
        );
        let e =
            Config::parse("[[places]]\nname = \"某某新区\"\nparent = \"火星市\"\n").unwrap_err();
        assert!(
            e.contains("line 3") && e.contains("names no known place"),
            "{e}"
        );
        // Already in the gazetteer.
        let e = Config::parse("[[places]]\nname = \"新吴区\"\nparent = \"无锡市\"\n").unwrap_err();
        assert!(e.contains("line 2") && e.contains("already known"), "{e}");
        // Aliases: a list of lists of names.
        let e = Config::parse("[allow]\norg-aliases = [\"数据局\"]\n").unwrap_err();
        assert!(e.contains("line 2") && e.contains("org-aliases"), "{e}");
        let e = Config::parse("[allow]\norg-aliases = [[\"局\", \"数据局\"]]\n").unwrap_err();
        assert!(e.contains("line 2") && e.contains("`局`"), "{e}");
        let e = Config::parse("[allow]\norg-alias = []\n").unwrap_err();
        assert!(e.contains("line 2") && e.contains("org-alias"), "{e}");
    }
}
