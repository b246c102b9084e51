//! Span and escaping logic of the HTML report.

use super::*;

fn mark(span: Range<usize>, finding: usize, kind: MarkKind) -> Mark<'static> {
    Mark {
        span,
        finding,
        kind,
        title: "",
        insert: "",
    }
}

fn err(span: Range<usize>, n: usize) -> Mark<'static> {
    mark(span, n, MarkKind::Primary(Severity::Error))
}

fn warn(span: Range<usize>, n: usize) -> Mark<'static> {
    mark(span, n, MarkKind::Primary(Severity::Warning))
}

fn render(text: &str, marks: &[Mark]) -> String {
    let mut out = String::new();
    highlight(&mut out, text, marks, "f1");
    out
}

/// The output without the marker and anchor links (kept apart in other tests).
fn plain(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(i) = rest.find("<a class=") {
        out.push_str(&rest[..i]);
        let j = rest[i..].find("</a>").expect("closed") + i + 4;
        rest = &rest[j..];
    }
    out.push_str(rest);
    out
}

#[test]
fn escapes_markup_quotes_and_controls() {
    assert_eq!(
        escape("<a href=\"x\">&'"),
        "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"
    );
    assert_eq!(escape("中文《通知》"), "中文《通知》");
    assert_eq!(
        escape("a\u{0}b\u{c}c\u{7f}\u{85}\t\n"),
        "a␀b␌c␡\u{fffd}\t\n"
    );
    assert_eq!(escape(""), "");
}

#[test]
fn one_span_is_marked_with_its_marker() {
    let out = render("一二三四五", &[err(3..9, 1)]);
    assert_eq!(
        out,
        "<div class=\"ln\" data-n=\"1\">一<a class=\"mk e\" id=\"f1-d1\" href=\"#f1-d1-i\" title=\"\">1</a>\
         <mark class=\"e\" data-d=\"1\">二三</mark>四五</div>\n"
    );
}

#[test]
fn overlapping_spans_split_into_flat_pieces() {
    // Error 1 covers 一二, warning 2 covers 二三: the shared 二 names both and takes the
    // colour of the more severe.
    let out = plain(&render("一二三四", &[err(0..6, 1), warn(3..9, 2)]));
    assert_eq!(
        out,
        "<div class=\"ln\" data-n=\"1\"><mark class=\"e\" data-d=\"1\">一</mark>\
         <mark class=\"e\" data-d=\"1 2\">二</mark><mark class=\"w\" data-d=\"2\">三</mark>四</div>\n"
    );
}

#[test]
fn nested_spans_and_labels() {
    // A related place (label of finding 1) around a warning (finding 2).
    let marks = [
        err(9..12, 1),
        mark(0..9, 1, MarkKind::Label(0)),
        warn(3..6, 2),
    ];
    let html = render("甲乙丙丁戊", &marks);
    assert_eq!(
        plain(&html),
        "<div class=\"ln\" data-n=\"1\"><mark class=\"rel\" data-r=\"1\">甲</mark>\
         <mark class=\"w rel\" data-d=\"2\" data-r=\"1\">乙</mark><mark class=\"rel\" data-r=\"1\">丙</mark>\
         <mark class=\"e\" data-d=\"1\">丁</mark>戊</div>\n"
    );
    // The label's anchor links back to finding 1, at the label's start.
    assert!(html.starts_with(
        "<div class=\"ln\" data-n=\"1\"><a class=\"rk \" id=\"f1-d1-l0\" href=\"#f1-d1-i\""
    ));
}

#[test]
fn same_span_twice_and_identical_starts() {
    let out = render("ab", &[err(0..1, 1), warn(0..1, 2)]);
    // Both markers come before the piece, in finding order.
    let a1 = out.find("id=\"f1-d1\"").unwrap();
    let a2 = out.find("id=\"f1-d2\"").unwrap();
    let m = out.find("<mark").unwrap();
    assert!(a1 < a2 && a2 < m);
    assert!(out.contains("<mark class=\"e\" data-d=\"1 2\">a</mark>b"));
}

#[test]
fn zero_width_span_is_a_caret() {
    let out = render("一二", &[warn(3..3, 1)]);
    assert_eq!(
        out,
        "<div class=\"ln\" data-n=\"1\">一<span class=\"caret w\" aria-hidden=\"true\"></span>\
         <a class=\"mk w\" id=\"f1-d1\" href=\"#f1-d1-i\" title=\"\">1</a>二</div>\n"
    );
    // At the very end of the text, too.
    let out = render("一", &[err(3..3, 1)]);
    assert!(out.contains("一<span class=\"caret e\""));
    // A zero-width related place gets a caret of its own colour.
    let out = render("一", &[err(0..3, 1), mark(0..0, 1, MarkKind::Label(0))]);
    assert!(out.contains("<span class=\"caret r\""));
}

#[test]
fn lines_split_pieces_and_drop_cr_of_crlf() {
    let text = "甲乙\r\n丙\r\n\r\n丁\r";
    // A span from 乙 over the line end into 丙.
    let out = plain(&render(text, &[err(3..11, 1)]));
    assert_eq!(
        out,
        "<div class=\"ln\" data-n=\"1\">甲<mark class=\"e\" data-d=\"1\">乙</mark></div>\n\
         <div class=\"ln\" data-n=\"2\"><mark class=\"e\" data-d=\"1\">丙</mark></div>\n\
         <div class=\"ln\" data-n=\"3\"></div>\n\
         <div class=\"ln\" data-n=\"4\">丁␍</div>\n"
    );
    // A boundary between CR and LF: the CR is still not shown.
    let out = plain(&render("ab\r\nc", &[err(0..3, 1)]));
    assert_eq!(
        out,
        "<div class=\"ln\" data-n=\"1\"><mark class=\"e\" data-d=\"1\">ab</mark></div>\n\
         <div class=\"ln\" data-n=\"2\">c</div>\n"
    );
}

#[test]
fn text_is_escaped_inside_and_outside_marks() {
    let out = plain(&render("<b>&\"x\"</b>", &[err(3..4, 1)]));
    assert_eq!(
        out,
        "<div class=\"ln\" data-n=\"1\">&lt;b&gt;<mark class=\"e\" data-d=\"1\">&amp;</mark>&quot;x&quot;&lt;/b&gt;</div>\n"
    );
    // Titles (messages) are escaped in the attribute.
    let m = Mark {
        title: "“<x>” & \"y\"",
        ..err(0..1, 1)
    };
    assert!(render("a", &[m]).contains("title=\"“&lt;x&gt;” &amp; &quot;y&quot;\""));
}

#[test]
fn bad_spans_are_clamped_not_panics() {
    // Inside a character, past the end, reversed.
    #[allow(clippy::reversed_empty_ranges)]
    let marks = [err(1..4, 1), err(5..100, 2), err(7..2, 3), err(100..200, 4)];
    let out = render("一二三", &marks);
    assert!(out.contains("id=\"f1-d4\""));
    let out = render("", &marks);
    assert!(out.starts_with("<div class=\"ln\" data-n=\"1\">"));
}

#[test]
fn edits_strike_and_insert() {
    let marks = [
        warn(3..4, 1),
        Mark {
            insert: "，",
            ..mark(3..4, 1, MarkKind::Edit(0))
        },
        Mark {
            insert: "“",
            ..mark(7..7, 1, MarkKind::Edit(1))
        },
    ];
    let out = plain(&render("一,二三", &marks));
    assert_eq!(
        out,
        "<div class=\"ln\" data-n=\"1\">一<mark class=\"w del\" data-d=\"1\">,</mark>\
         <ins class=\"sug\" data-d=\"1\">，</ins>二<ins class=\"sug\" data-d=\"1\">“</ins>三</div>\n"
    );
}

#[test]
fn many_overlapping_spans_stay_linear() {
    // 20,000 spans over the same text: each piece names at most MAX_IDS findings.
    let text = "字".repeat(10_000);
    let marks: Vec<Mark> = (0..20_000)
        .map(|k| err(3 * (k % 5000)..text.len() - 3 * (k % 4000), k + 1))
        .collect();
    let t = std::time::Instant::now();
    let out = render(&text, &marks);
    assert!(t.elapsed().as_secs() < 5);
    // Markers and pieces: bounded by a constant per span.
    assert!(out.len() < 20_000 * 200 + text.len() * 2, "{}", out.len());
    let most = out
        .split("data-d=\"")
        .skip(1)
        .map(|s| s[..s.find('"').unwrap()].split(' ').count())
        .max()
        .unwrap();
    assert_eq!(most, MAX_IDS);
}

#[test]
fn markdown_of_rule_docs() {
    let mut out = String::new();
    markdown(
        &mut out,
        "# NL101 numbering-gap\n\n序号跳号：\n同级序号\n\n## 错误示例\n```text\n1、<a>\n8、\n```\n- `x` & y\n\n1. 一\n   二\n2. a\n   b\n",
    );
    assert_eq!(
        out,
        "<h3>NL101 numbering-gap</h3>\n<p>序号跳号：同级序号</p>\n<h4>错误示例</h4>\n\
         <pre>1、&lt;a&gt;\n8、\n</pre>\n<ul>\n<li><code>x</code> &amp; y</li>\n</ul>\n\
         <ol>\n<li>一二</li>\n<li>a b</li>\n</ol>\n"
    );
}
