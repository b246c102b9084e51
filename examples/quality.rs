//! Print the quality report: recall per injected defect kind, and every diagnostic on the
//! clean notices. `cargo run --release --example quality`
//! (add `-- --misses` to list every missed injection).

#[path = "../tests/common/mod.rs"]
mod common;

fn main() {
    let Some(notices) = common::quality::clean_notices() else {
        eprintln!("../shared/corpus/clean not found");
        std::process::exit(2);
    };
    let run = common::quality::run(&notices);
    println!(
        "Clean notices: {}; trials per notice and kind: {}\n",
        notices.len(),
        common::quality::TRIALS
    );
    print!("{}", common::quality::report(&run));
    println!("\nDiagnostics on clean notices:\n");
    for (name, line, d) in &run.clean {
        println!(
            "- {name}:{line} {} {} {}: {}",
            d.severity.as_str(),
            d.code,
            d.rule,
            d.message.zh
        );
    }
    if std::env::args().any(|a| a == "--misses") {
        println!("\nMissed injections:\n");
        for (kind, t) in &run.by_kind {
            for m in &t.misses {
                println!("- {kind}: {m}");
            }
        }
    }
}
