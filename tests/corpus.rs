//! The corpus: every notice under `corpus/`, checked through the public entry point.
//!
//! - `corpus/rules/<rule-name>/bad-*.txt` must draw at least one diagnostic of that rule;
//!   `good-*.txt` must draw none of it.
//! - Every corpus file's human output (colour off) and JSON are snapshots
//!   (`tests/snapshots/`), so a change in what a user sees shows up in review.

use std::path::Path;

use noticelint::render::{human, machine};
use noticelint::{check_bytes, FileReport, Lang, Options};

fn report(path: &Path) -> FileReport {
    let bytes = std::fs::read(path).unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let shown = path
        .strip_prefix(root)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/");
    let opts = Options {
        markdown: shown.ends_with(".md"),
        ..Options::default()
    };
    check_bytes(&shown, &bytes, &opts).expect("corpus files decode")
}

fn human_text(r: &FileReport) -> String {
    let opts = human::HumanOptions {
        color: false,
        lang: Lang::Zh,
        show_all: true,
    };
    String::from_utf8(human::render_file(r, &opts)).unwrap()
}

#[test]
fn rule_fixtures_fire_where_they_should() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/rules");
    let mut failures = Vec::new();
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let rule_dir = entry.unwrap().path();
        let name = rule_dir.file_name().unwrap().to_string_lossy().into_owned();
        assert!(
            noticelint::registry::find(&name).is_some(),
            "corpus/rules/{name} does not name a rule"
        );
        let mut files: Vec<_> = std::fs::read_dir(&rule_dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        files.sort();
        for f in files {
            let fname = f.file_name().unwrap().to_string_lossy().into_owned();
            let r = report(&f);
            let hits = r.diagnostics.iter().filter(|d| d.rule == name).count();
            checked += 1;
            if fname.starts_with("bad") && hits == 0 {
                failures.push(format!("{name}/{fname}: expected {name}, got none"));
            }
            if fname.starts_with("good") && hits > 0 {
                failures.push(format!(
                    "{name}/{fname}: expected no {name}, got {hits}:\n{}",
                    human_text(&r)
                ));
            }
        }
    }
    assert!(checked > 0);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn snapshots_of_what_users_see() {
    insta::glob!("../corpus", "**/*.{txt,md}", |path| {
        let r = report(path);
        let mut settings = insta::Settings::clone_current();
        settings.set_prepend_module_to_snapshot(false);
        settings.bind(|| {
            insta::assert_snapshot!("human", human_text(&r));
            insta::assert_snapshot!(
                "json",
                machine::json_report(std::slice::from_ref(&r), &[], Lang::Zh)
            );
        });
    });
}
