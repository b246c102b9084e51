//! Worst-case scaling probe: builds inputs designed to trigger quadratic behaviour
//! (many headings, deep nesting, a clause repeated thousands of times, huge paragraphs…),
//! lints each at size n and 4n and draws the findings (JSON and the human report), and prints
//! the time ratio (≈4 means linear, ≈16 quadratic).
//! `cargo run --release --example scaling [-- filter]`

use std::time::Instant;

use noticelint::render::human::{self, HumanOptions};
use noticelint::render::machine;
use noticelint::{check_bytes, Lang, Options};

type Gen = fn(usize) -> String;

pub fn cases() -> Vec<(&'static str, Gen)> {
    vec![
        ("headings 一、", |n| {
            (0..n)
                .map(|i| format!("{}、标题\n", cn(i % 99 + 1)))
                .collect()
        }),
        ("headings mixed", |n| {
            (0..n)
                .map(|i| match i % 4 {
                    0 => format!("{}、工作要求\n", cn(i / 4 % 20 + 1)),
                    1 => format!("（{}）加强管理。\n", cn(i % 9 + 1)),
                    2 => format!("{}. 落实责任。\n", i % 7 + 1),
                    _ => format!("（{}）做好保障。\n", i % 5 + 1),
                })
                .collect()
        }),
        ("nested 《", |n| "《".repeat(n)),
        ("nested （", |n| "（".repeat(n) + &"）".repeat(n / 2)),
        ("quotes “", |n| "“".repeat(n)),
        ("clause repeated, one para", |n| {
            "各单位要加强安全生产管理工作，".repeat(n)
        }),
        ("sentence repeated, one para", |n| {
            "各单位要加强安全生产管理工作。".repeat(n)
        }),
        ("sentence repeated, paras", |n| {
            "各单位要加强安全生产管理工作。\n".repeat(n)
        }),
        ("same char", |n| "的".repeat(n * 4)),
        ("han no punct", |n| "安全生产管理工作落实责任".repeat(n)),
        ("digits", |n| "1234567890".repeat(n)),
        ("numbers + units", |n| {
            (0..n).map(|i| format!("{}人、", i % 1000 + 1)).collect()
        }),
        ("count claim", |n| {
            let mut s = format!("共{}项：", n);
            s.extend((0..n).map(|i| format!("{}名单位，", i % 50 + 1)));
            s
        }),
        ("percents", |n| {
            (0..n)
                .map(|i| format!("增长{}.{}%，", i % 90, i % 10))
                .collect()
        }),
        ("dates", |n| {
            (0..n)
                .map(|i| format!("{}年{}月{}日，", 2000 + i % 30, i % 12 + 1, i % 28 + 1))
                .collect()
        }),
        ("places", |n| {
            "无锡市滨湖区人民政府、无锡市惠山区、江苏省南京市，".repeat(n)
        }),
        ("ascii punct", |n| "a,b;c:d!e?(f)".repeat(n)),
        // A safe fix every few characters (--fix once compared each with every one taken).
        ("fixes", |n| "安全,生产;管理,".repeat(n)),
        ("latin words", |n| "the quick brown fox ".repeat(n)),
        ("spaces", |n| "安全 生产  管理 ".repeat(n)),
        // A space after a number or 条 asks whether all before it is a heading marker
        // (stray-space once counted that whole prefix at every space: quadratic).
        ("spaces after markers", |n| {
            "第1条 安全生产、 管理1 ".repeat(n)
        }),
        ("markup", |n| {
            "<p>**安全**</p>&nbsp;[链接](http://a.cn)".repeat(n)
        }),
        ("page markers", |n| "— 1 —\n第1页 共3页\n".repeat(n)),
        ("seed", |n| seed().repeat(n / 2000 + 1)),
        // Every repeat's label points far back on the same line (the JSON writer once
        // counted each column from the previous label: quadratic on one line).
        ("seed on one line", |n| {
            seed().replace('\n', "").repeat(n / 2000 + 1)
        }),
        // The same with the lines joined by spaces: one paragraph of spaces after markers.
        ("seed joined by spaces", |n| {
            seed().replace('\n', " ").repeat(n / 2000 + 1)
        }),
    ]
}

/// The seed notice of `corpus/`.
fn seed() -> String {
    std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/corpus/notice-binhu-2021.txt"
    ))
    .unwrap()
}

fn cn(i: usize) -> String {
    const D: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match i {
        1..=9 => D[i].into(),
        10 => "十".into(),
        11..=19 => format!("十{}", D[i - 10]),
        _ => format!(
            "{}十{}",
            D[i / 10],
            if i.is_multiple_of(10) { "" } else { D[i % 10] }
        ),
    }
}

/// Lint `text`, draw its findings as JSON and as the human report (both show every
/// finding) and apply one round of its safe fixes: the time of all four, and the number
/// of findings.
fn time(text: &str, o: &Options) -> (f64, usize) {
    let t = Instant::now();
    let Ok(report) = check_bytes("scaling.txt", text.as_bytes(), o) else {
        return (t.elapsed().as_secs_f64(), 0);
    };
    machine::json_file_with(&report, true, Lang::Zh, &mut |b| b.clear());
    let human = HumanOptions {
        color: false,
        lang: Lang::Zh,
        show_all: true,
    };
    std::hint::black_box(human::render_file(&report, &human));
    std::hint::black_box(noticelint::fix::apply_safe(
        &report.text,
        &report.diagnostics.to_vec(),
    ));
    (t.elapsed().as_secs_f64(), report.diagnostics.len())
}

fn main() {
    let filter = std::env::args().nth(1).unwrap_or_default();
    let n: usize = std::env::var("N")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(5000);
    let o = Options::default();
    for (name, g) in cases() {
        if !name.contains(&filter) {
            continue;
        }
        let (a, b) = (g(n), g(4 * n));
        let (ta, da) = time(&a, &o);
        let (tb, db) = time(&b, &o);
        println!(
            "{name:28} {:>9} B {:8.4}s {da:6} diags | {:>9} B {:8.4}s {db:6} diags | ratio {:5.1}",
            a.len(),
            ta,
            b.len(),
            tb,
            tb / ta.max(1e-9)
        );
    }
}
