//! Benchmarks (divan): parsing, the whole lint, and the costly rules alone, on the seed
//! notice and on a large notice made of 64 seeds (also written on one line). `cargo bench --bench lint`.
//! Figures and the machine they were taken on: docs/performance.md.

use noticelint::{check, tree, Options, Selector};

fn main() {
    divan::main();
}

fn seed() -> String {
    std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/corpus/notice-binhu-2021.txt"
    ))
    .expect("corpus/notice-binhu-2021.txt")
}

fn large() -> String {
    seed().repeat(64)
}

fn only(code: &str) -> Options {
    Options {
        select: vec![Selector::parse(code).expect("a rule")],
        ..Options::default()
    }
}

#[divan::bench]
fn parse_seed(b: divan::Bencher) {
    let t = seed();
    b.counter(divan::counter::BytesCount::new(t.len()))
        .bench(|| tree::parse(divan::black_box(&t)));
}

#[divan::bench]
fn check_seed_all_rules(b: divan::Bencher) {
    let t = seed();
    let o = Options::default();
    b.counter(divan::counter::BytesCount::new(t.len()))
        .bench(|| check(divan::black_box(&t), &o));
}

#[divan::bench]
fn check_large_all_rules(b: divan::Bencher) {
    let t = large();
    let o = Options::default();
    b.counter(divan::counter::BytesCount::new(t.len()))
        .bench(|| check(divan::black_box(&t), &o));
}

/// The large notice written on one line, its lines joined by spaces (text pasted from a
/// web page often is): one paragraph of 1.4 MB. It should cost about what
/// `check_large_all_rules` does (stray-space was once quadratic here).
#[divan::bench]
fn check_large_on_one_line(b: divan::Bencher) {
    let t = large().replace('\n', " ");
    let o = Options::default();
    b.counter(divan::counter::BytesCount::new(t.len()))
        .bench(|| check(divan::black_box(&t), &o));
}

#[divan::bench(args = ["NL101", "NL105", "NL201", "NL203", "NL301", "NL302", "NL303", "NL401", "NL402", "NL403", "NL404", "NL405", "NL406", "NL407"])]
fn check_large_one_rule(b: divan::Bencher, code: &str) {
    let t = large();
    let o = only(code);
    b.counter(divan::counter::BytesCount::new(t.len()))
        .bench(|| check(divan::black_box(&t), &o));
}

#[divan::bench]
fn line_classes_large(b: divan::Bencher) {
    let t = large();
    b.counter(divan::counter::BytesCount::new(t.len()))
        .bench(|| noticelint::scan::line_classes(divan::black_box(&t)));
}
