//! Meta-tests over the rule registry (as clippy checks its lints): every rule has a stable
//! code and name, both languages of its summary and documentation with the fixed headings
//! and a bad and a good example, and bad and good fixtures in corpus/rules/<name>/.

use std::path::Path;

use noticelint::{check, registry::RULES, Lang, Options};

#[test]
fn every_rule_is_documented_in_both_languages() {
    let mut codes = std::collections::HashSet::new();
    for r in RULES {
        assert!(
            r.code.len() == 5
                && r.code.starts_with("NL")
                && r.code[2..].chars().all(|c| c.is_ascii_digit()),
            "{}",
            r.code
        );
        assert!(codes.insert(r.code), "duplicate code {}", r.code);
        assert!(
            r.name.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
            "{}",
            r.name
        );
        assert!(
            !r.summary.zh.is_empty() && !r.summary.en.is_empty(),
            "{}",
            r.code
        );
        for h in ["## 检查什么", "## 为什么", "## 错误示例", "## 正确写法"] {
            assert!(r.doc.zh.contains(h), "{} zh doc lacks {h}", r.code);
        }
        for h in [
            "## What it does",
            "## Why is this bad?",
            "## Example",
            "Use instead:",
        ] {
            assert!(r.doc.en.contains(h), "{} en doc lacks {h}", r.code);
        }
        assert!(
            r.doc.zh.matches("```").count() >= 4 && r.doc.en.matches("```").count() >= 4,
            "{}: a bad and a good example",
            r.code
        );
    }
    let mut sorted: Vec<_> = RULES.iter().map(|r| r.code).collect();
    sorted.sort();
    assert_eq!(
        sorted,
        RULES.iter().map(|r| r.code).collect::<Vec<_>>(),
        "RULES in code order"
    );
}

#[test]
fn every_rule_has_bad_and_good_fixtures() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/rules");
    for r in RULES.iter().filter(|r| r.implemented) {
        let dir = root.join(r.name);
        let names: Vec<String> = std::fs::read_dir(&dir)
            .unwrap_or_else(|_| panic!("corpus/rules/{} is missing", r.name))
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert!(
            names.iter().any(|n| n.starts_with("bad")),
            "{}: no bad-* fixture",
            r.name
        );
        assert!(
            names.iter().any(|n| n.starts_with("good")),
            "{}: no good-* fixture",
            r.name
        );
    }
}

#[test]
fn messages_exist_in_english_too() {
    let seed = include_str!("../corpus/notice-binhu-2021.txt");
    let diags = check(seed, &Options::default());
    assert!(!diags.is_empty());
    for d in &diags {
        assert!(
            !d.message.get(Lang::En).is_empty()
                && d.message.get(Lang::En) != d.message.get(Lang::Zh),
            "{}",
            d.code
        );
        // English messages are English: mostly ASCII outside quoted Chinese text.
        let ascii = d
            .message
            .en
            .chars()
            .filter(|c| c.is_ascii_alphabetic())
            .count();
        assert!(ascii >= 5, "{}: {}", d.code, d.message.en);
        for l in &d.labels {
            assert!(!l.message.en.is_empty(), "{} label", d.code);
        }
    }
}
