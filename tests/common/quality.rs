//! The quality run: recall on injected defects, per kind and per rule, and every
//! diagnostic on the clean notices.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::inject::{self, Rng, KINDS};
use noticelint::{Diagnostic, Options, Severity};

/// Trials per notice and kind.
pub const TRIALS: u64 = 4;

pub struct Clean {
    pub name: String,
    pub text: String,
}

/// The clean notices: `../shared/corpus/clean` and the project's own `corpus/clean`.
/// `None` when ../shared is missing (a failure when `CI` is set).
pub fn clean_notices() -> Option<Vec<Clean>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let shared = root.join("../shared/corpus/clean");
    if !shared.is_dir() {
        if std::env::var_os("CI").is_some() {
            panic!("../shared/corpus/clean is missing (CI is set)");
        }
        eprintln!("skipped: ../shared/corpus/clean not found");
        return None;
    }
    let mut out = Vec::new();
    for dir in [shared, root.join("corpus/clean")] {
        let Ok(rd) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut files: Vec<PathBuf> = rd
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        files.sort();
        for f in files {
            out.push(Clean {
                name: f.file_name().unwrap().to_string_lossy().into_owned(),
                text: std::fs::read_to_string(&f).unwrap(),
            });
        }
    }
    Some(out)
}

#[derive(Default, Debug, Clone)]
pub struct Tally {
    pub injected: usize,
    pub found: usize,
    pub misses: Vec<String>,
}

impl Tally {
    pub fn recall(&self) -> f64 {
        if self.injected == 0 {
            1.0
        } else {
            self.found as f64 / self.injected as f64
        }
    }
}

pub struct Run {
    pub by_kind: BTreeMap<&'static str, Tally>,
    pub by_rule: BTreeMap<&'static str, Tally>,
    /// (notice, diagnostic) on the clean originals.
    pub clean: Vec<(String, usize, Diagnostic)>,
}

fn seed(kind: &str, name: &str, trial: u64) -> u64 {
    // FNV-1a over the names: stable across runs and platforms.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in kind.bytes().chain(name.bytes()) {
        h ^= b as u64;
        h = h.wrapping_mul(0x100_0000_01b3);
    }
    h ^ trial.wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

pub fn run(notices: &[Clean]) -> Run {
    let opts = Options::default();
    let mut r = Run {
        by_kind: BTreeMap::new(),
        by_rule: BTreeMap::new(),
        clean: Vec::new(),
    };
    for c in notices {
        for d in noticelint::check(&c.text, &opts) {
            let line = c.text[..d.span.start].matches('\n').count() + 1;
            r.clean.push((c.name.clone(), line, d));
        }
    }
    for &(kind, rule) in KINDS {
        let t = r.by_kind.entry(kind).or_default();
        let mut rt = Tally::default();
        for c in notices {
            for trial in 0..TRIALS {
                let mut rng = Rng::new(seed(kind, &c.name, trial));
                let Some(inj) = inject::inject(kind, &c.text, &mut rng) else {
                    continue;
                };
                t.injected += 1;
                let diags = noticelint::check(&inj.text, &opts);
                if inject::found(&diags, rule, &inj.span) {
                    t.found += 1;
                } else {
                    let line = inj.text[..inj.span.start].matches('\n').count() + 1;
                    let ls = inj.text[..inj.span.start].rfind('\n').map_or(0, |i| i + 1);
                    let snippet: String = inj.text[ls..].chars().take(60).collect();
                    t.misses.push(format!(
                        "{}:{line} [{}] {}",
                        c.name,
                        &inj.text[inj.span.clone()],
                        snippet
                    ));
                }
            }
        }
        rt.injected += t.injected;
        rt.found += t.found;
        let e = r.by_rule.entry(rule).or_default();
        e.injected += rt.injected;
        e.found += rt.found;
    }
    r
}

/// The rules that report something (registered ahead of implementation do not).
pub fn implemented(rule: &str) -> bool {
    noticelint::registry::find(rule).is_some_and(|r| r.implemented)
}

/// The report as a Markdown table.
pub fn report(r: &Run) -> String {
    let mut s = String::new();
    s.push_str("| rule | injection | recall | diagnostics on clean notices (error / warning) |\n|---|---|---|---|\n");
    for &(kind, rule) in KINDS {
        let t = &r.by_kind[kind];
        let errs = r
            .clean
            .iter()
            .filter(|(_, _, d)| d.rule == rule && d.severity == Severity::Error)
            .count();
        let warns = r
            .clean
            .iter()
            .filter(|(_, _, d)| d.rule == rule && d.severity != Severity::Error)
            .count();
        let status = if implemented(rule) {
            ""
        } else {
            " (not implemented)"
        };
        s.push_str(&format!(
            "| {rule}{status} | {kind} | {}/{} = {:.0}% | {errs} / {warns} |\n",
            t.found,
            t.injected,
            t.recall() * 100.0
        ));
    }
    s
}
