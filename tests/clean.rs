//! The clean notices of `../shared/corpus/clean/` are written to be correct: they must
//! draw no error-level diagnostic. They are read from there, never copied into the repo.

use std::path::PathBuf;

fn shared() -> Option<PathBuf> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/clean");
    if p.is_dir() {
        Some(p)
    } else if std::env::var_os("CI").is_some() {
        panic!("../shared/corpus/clean is missing (CI is set, so this is a failure)");
    } else {
        eprintln!("skipped: ../shared/corpus/clean not found");
        None
    }
}

#[test]
fn clean_notices_draw_no_error() {
    let Some(dir) = shared() else { return };
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    assert!(files.len() >= 9);
    let mut errors = Vec::new();
    for f in &files {
        let bytes = std::fs::read(f).unwrap();
        let r = noticelint::check_bytes(
            &f.to_string_lossy(),
            &bytes,
            &noticelint::Options::default(),
        )
        .unwrap();
        for d in r
            .diagnostics
            .iter()
            .filter(|d| d.severity == noticelint::Severity::Error)
        {
            let line = r.text[..d.span.start].matches('\n').count() + 1;
            errors.push(format!(
                "{}:{line} {} {}: {}",
                f.display(),
                d.code,
                d.rule,
                d.message.zh
            ));
        }
    }
    assert!(
        errors.is_empty(),
        "error-level diagnostics on clean notices:\n{}",
        errors.join("\n")
    );
}
