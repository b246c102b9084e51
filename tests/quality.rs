//! The quality gate (issue 5): recall ≥ 95% on every injected kind whose rule is
//! implemented, and no error-level diagnostic on a clean notice.
//! `cargo run --example quality` prints the full report.

mod common;

use common::quality;

#[test]
fn injected_defects_are_found_and_clean_notices_stay_clean() {
    let Some(notices) = quality::clean_notices() else {
        return;
    };
    let run = quality::run(&notices);
    eprintln!("{}", quality::report(&run));
    let mut failures = Vec::new();
    for (kind, t) in &run.by_kind {
        let rule = common::inject::KINDS
            .iter()
            .find(|k| k.0 == *kind)
            .unwrap()
            .1;
        if !quality::implemented(rule) {
            continue;
        }
        if t.injected < 5 {
            failures.push(format!(
                "{kind}: only {} injections: the injector found too few sites",
                t.injected
            ));
        } else if t.recall() < 0.95 {
            failures.push(format!(
                "{kind} ({rule}): recall {}/{} below 95%; missed:\n    {}",
                t.found,
                t.injected,
                t.misses.join("\n    ")
            ));
        }
    }
    for (name, line, d) in &run.clean {
        if d.severity == noticelint::Severity::Error {
            failures.push(format!("clean {name}:{line}: {} {}", d.code, d.message.zh));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
