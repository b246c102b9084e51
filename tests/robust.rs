//! No input may panic noticelint (issue 8): arbitrary strings, notice-like text built from
//! the pieces rules look for, and the seed notice mutated at random. Every span a rule
//! reports must lie on char boundaries inside the text, and fixes must apply cleanly.

use noticelint::{check, fix, Options};
use proptest::prelude::*;

/// Pieces that rules react to, so that generated text reaches deep into every rule.
const PIECES: &[&str] = &[
    "一、",
    "（一）",
    "(二)",
    "1、",
    "2.",
    "（3）",
    "①",
    "第一章",
    "第二条",
    "一是",
    "二是",
    "第一，",
    "共计19个问题",
    "以下3项",
    "等2个单位",
    "其中",
    "已完成",
    "正在整改",
    "占85.04%",
    "合格率",
    "2021年2月30日",
    "6月23日至5月30日",
    "20211228日",
    "（下转第14版）",
    "(上接第12版)",
    "《",
    "》",
    "“",
    "”",
    "（",
    "）",
    "(",
    ")",
    "〔2024〕",
    "[2009]",
    "号",
    "，",
    "。",
    "；",
    "：",
    ",",
    ".",
    ":",
    ";",
    "watershed",
    " and ",
    "VOCs",
    "PM_{2.5}",
    "<br>",
    "&nbsp;",
    "\u{200B}",
    "\u{FFFD}",
    "二○○九年",
    "2020-2021年",
    " ",
    "\n",
    "\r\n",
    "\n\n",
    "滨湖",
    "惠山区",
    "生态环境局",
    "中共无锡市滨湖生态环境局党组关于巡察整改情况的通报\n",
    "中共无锡市惠山生态环境局党组\n2021年12月30日\n",
    "从从严",
    "停产停产",
    "件件",
    "并下设办公室具体负责巡察整改工作,",
    "关于",
    "的通知",
    "$x$",
    "\\\\",
    "**",
    "## ",
    "0510-83598651",
    "8:30-12:00",
    "…",
    "——",
    "〇",
    "两",
    "十一",
    "九十九",
];

fn assert_sound(text: &str) {
    let o = Options::default();
    let diags = check(text, &o);
    for d in &diags {
        for span in std::iter::once(&d.span).chain(d.labels.iter().map(|l| &l.span)) {
            assert!(
                span.start <= span.end && span.end <= text.len(),
                "{} span {span:?} out of range",
                d.code
            );
            assert!(
                text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
                "{} span {span:?} not on char boundaries",
                d.code
            );
        }
        if let Some(f) = &d.fix {
            for e in &f.edits {
                assert!(
                    e.span.end <= text.len()
                        && text.is_char_boundary(e.span.start)
                        && text.is_char_boundary(e.span.end)
                );
            }
        }
    }
    let fixed = fix::fix_text(text, &o);
    // Fixing converges: a second pass finds nothing left to fix.
    assert_eq!(
        fix::fix_text(&fixed.text, &o).applied,
        0,
        "fixes do not converge"
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_never_panics(s in "\\PC{0,400}") {
        assert_sound(&s);
    }

    #[test]
    fn notice_like_text_never_panics(parts in prop::collection::vec(prop::sample::select(PIECES), 0..120)) {
        assert_sound(&parts.concat());
    }

    #[test]
    fn mutated_seed_never_panics(cuts in prop::collection::vec((0usize..20_000, 0usize..40, prop::sample::select(PIECES)), 1..12)) {
        let seed = include_str!("../corpus/notice-binhu-2021.txt");
        let mut t = seed.to_string();
        for (at, del, ins) in cuts {
            let mut a = at % (t.len() + 1);
            while !t.is_char_boundary(a) { a -= 1; }
            let mut b = (a + del).min(t.len());
            while !t.is_char_boundary(b) { b -= 1; }
            t.replace_range(a..b, ins);
        }
        assert_sound(&t);
    }
}

#[test]
fn worst_cases_finish() {
    // Many headings, deep nesting of one mark, a clause repeated many times, odd bytes.
    let cases = [
        "1、甲\n".repeat(20_000),
        "《".repeat(20_000),
        "并下设办公室具体负责巡察整改工作，".repeat(5_000),
        "一是甲；".repeat(10_000),
        "\u{200B}".repeat(10_000),
        "，".repeat(50_000),
        String::new(),
        "\n\n\n".into(),
        "\u{feff}关于".into(),
    ];
    for c in &cases {
        assert_sound(c);
    }
}
