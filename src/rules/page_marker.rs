//! `page-marker` (NL106): print-layout debris left in the text: (下转第14版), (上接第12版).
//!
//! A newspaper prints a long notice over several pages and leaves jump lines where it
//! breaks: （下转第14版） at the foot of one page, （上接第12版） at the head of the next.
//! Copied back into a document they are debris. Each marker is reported; a 转 marker and
//! the next 接 marker are linked. The fix (remove the marker) is unsafe: the two halves of
//! the broken sentence must be rejoined by a human.
//!
//! Grammar of a marker (spaces inside are ignored):
//!
//! ```text
//! marker = open body close | body            (bare only as a whole paragraph, with a page)
//! open   = （ | ( | 【 | [ | 〔        close = ） | ) | 】 | ] | 〕
//! body   = verb page? | 续
//! verb   = 下转 | 转至 | 转 | 上接 | 紧接 | 接 | 续
//! page   = 第? number (版|页) | (上|下|前|后)(页|版)
//! number = 1–3 digits (ASCII or full-width) | Chinese numeral (≤4) | a letter and digits (A2)
//! ```

use std::ops::Range;

use super::prelude::*;

pub static RULE: Rule = Rule {
    code: "NL106",
    name: "page-marker",
    default_severity: Severity::Error,
    summary: Text::new(
        "正文中残留版面转接标记：（下转第14版）（上接第12版）",
        "print-layout debris left in the text: (下转第14版), (上接第12版)",
    ),
    doc: Text::new(DOC_ZH, DOC_EN),
    implemented: true,
    check,
};

const DOC_ZH: &str = r#"
## 检查什么
正文中残留的报纸、期刊版面转接标记：（下转第14版）（上接第12版）（转第3版）（续第2版）
（续）等，全角、半角括号，阿拉伯或汉字数字均可识别。前后两半都在时，两处互相标注。

## 为什么
转版标记是报纸排版时加在版面上的提示，不属于公文正文。把见报稿复制回文件时带进来，
不但多出无关文字，还说明一句话在这里被版面拆成了两截，中间可能缺字。

## 错误示例
```text
要求，编制雪浪、（下转第14版）

（上接第12版）安全生产文件等，不断提升学习质量。
```

## 正确写法
```text
要求，编制雪浪、安全生产文件等，不断提升学习质量。
```

删除标记不能自动完成：须由人把前后两段接成一句，并对照原稿核对中间有无缺漏。
"#;

const DOC_EN: &str = r#"
## What it does
Flags newspaper and journal jump lines left in the text: （下转第14版） "continued on page
14", （上接第12版） "continued from page 12", （转第3版）, （续第2版）, （续）, in full- or
half-width brackets, with Arabic or Chinese numerals. When both halves are present, each
points at the other.

## Why is this bad?
A jump line belongs to the newspaper's layout, not to the notice. Copied back into the
document it adds words that are not the notice's, and it shows that a sentence was split
across pages here, possibly losing words in between.

## Example
```text
要求，编制雪浪、（下转第14版）

（上接第12版）安全生产文件等，不断提升学习质量。
```

Use instead:
```text
要求，编制雪浪、安全生产文件等，不断提升学习质量。
```

Removing the marker is not automatic: a human must rejoin the two halves and check the
original for missing words.
"#;

/// Which way a marker points.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Dir {
    /// 下转, 转: the text continues elsewhere.
    Down,
    /// 上接, 接, 续: the text continues from elsewhere.
    Up,
}

/// A page marker found in a paragraph: byte range (relative to the string searched) and
/// direction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Marker {
    pub range: Range<usize>,
    pub dir: Dir,
}

const VERBS: [(&str, Dir); 7] = [
    ("下转", Dir::Down),
    ("转至", Dir::Down),
    ("上接", Dir::Up),
    ("紧接", Dir::Up),
    ("转", Dir::Down),
    ("接", Dir::Up),
    ("续", Dir::Up),
];

fn is_open(c: char) -> bool {
    matches!(c, '（' | '(' | '【' | '[' | '〔')
}

fn is_close(c: char) -> bool {
    matches!(c, '）' | ')' | '】' | ']' | '〕')
}

fn is_cn_digit(c: char) -> bool {
    "〇零一二三四五六七八九十百两".contains(c)
}

/// `第? number (版|页)` or `(上|下|前|后)(页|版)`; the whole of `s`.
fn is_page(s: &str) -> bool {
    let s = s.strip_prefix('第').unwrap_or(s);
    let Some(body) = s.strip_suffix(['版', '页']) else {
        return false;
    };
    if matches!(body, "上" | "下" | "前" | "后") {
        return true;
    }
    let n = body.chars().count();
    if n == 0 {
        return false;
    }
    let digits = |t: &str| {
        let k = t.chars().count();
        (1..=3).contains(&k)
            && t.chars()
                .all(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
    };
    if digits(body) {
        return true;
    }
    if n <= 4 && body.chars().all(is_cn_digit) {
        return true;
    }
    // A2, B12: a section letter and a page number.
    let mut cs = body.chars();
    matches!(cs.next(), Some(c) if c.is_ascii_uppercase()) && digits(cs.as_str())
}

/// The direction of a marker body (without brackets, spaces removed), if it is one.
/// `bare` markers (without brackets) must name a page.
fn classify(body: &str, bare: bool) -> Option<Dir> {
    for (verb, dir) in VERBS {
        if let Some(rest) = body.strip_prefix(verb) {
            if rest.is_empty() {
                // （续） alone; 下转 / 上接 alone in brackets too.
                return (!bare && matches!(verb, "续" | "下转" | "上接")).then_some(dir);
            }
            if is_page(rest) {
                return Some(dir);
            }
            return None;
        }
    }
    None
}

/// Every page marker in `s` (offsets relative to `s`). Linear: each bracket looks at
/// most 16 characters ahead.
pub(crate) fn find_markers(s: &str) -> Vec<Marker> {
    let mut out = Vec::new();
    // Every marker starts with a verb of VERBS, and each holds 转, 接 or 续.
    static VERB_CHARS: std::sync::LazyLock<[memchr::memmem::Finder<'static>; 3]> =
        std::sync::LazyLock::new(|| ["转", "接", "续"].map(memchr::memmem::Finder::new));
    let b = s.as_bytes();
    // The verb characters, in order: the three searches merged.
    let mut searches = VERB_CHARS.each_ref().map(|f| f.find_iter(b));
    let mut heads = searches.each_mut().map(Iterator::next);
    if heads.iter().all(Option::is_none) {
        return out;
    }
    let mut next_verb = || {
        let (k, at) = heads
            .iter()
            .enumerate()
            .filter_map(|(k, h)| h.map(|at| (k, at)))
            .min_by_key(|&(_, at)| at)?;
        heads[k] = searches[k].next();
        Some(at)
    };
    // A bracket makes a marker only with a verb character among the 17 characters after
    // it (the body is read no further), i.e. within 3 + 17 × 4 bytes of it: only the
    // stretches that far before each verb character are looked at (no marker is found
    // elsewhere, so none to skip), each once and in order.
    let mut walked = 0;
    let mut skip_to = 0;
    while let Some(verb) = next_verb() {
        let mut from = verb.saturating_sub(3 + 17 * 4).max(walked);
        while !s.is_char_boundary(from) {
            from += 1;
        }
        walked = verb;
        for (i, c) in s[from..verb].char_indices() {
            let i = from + i;
            if i < skip_to || !is_open(c) {
                continue;
            }
            let after = i + c.len_utf8();
            // The body (without spaces) must start with a verb: 下转 转至 上接 紧接 转 接 续.
            if !s[after..]
                .chars()
                .find(|d| !d.is_whitespace())
                .is_some_and(|d| matches!(d, '下' | '转' | '上' | '紧' | '接' | '续'))
            {
                continue;
            }
            let mut body = String::new();
            for (k, (j, d)) in s[after..].char_indices().enumerate() {
                if k > 16 {
                    break;
                }
                if is_close(d) {
                    if let Some(dir) = classify(&body, false) {
                        let end = after + j + d.len_utf8();
                        out.push(Marker { range: i..end, dir });
                        skip_to = end;
                    }
                    break;
                }
                if is_open(d) || d == '\n' {
                    break;
                }
                if !d.is_whitespace() {
                    body.push(d);
                }
            }
        }
    }
    if out.is_empty() {
        // A bare marker standing as a whole paragraph: 下转第14版.
        let t = s.trim();
        // Twelve characters are at most 48 bytes.
        if t.len() <= 48 && t.chars().count() <= 12 {
            let body: String = t.chars().filter(|c| !c.is_whitespace()).collect();
            if let Some(dir) = classify(&body, true) {
                let start = s.len() - s.trim_start().len();
                out.push(Marker {
                    range: start..start + t.len(),
                    dir,
                });
            }
        }
    }
    out
}

fn check(ctx: &Ctx, out: &mut Findings) {
    let mut found: Vec<Marker> = Vec::new();
    for (pi, p) in ctx.notice.paragraphs.iter().enumerate() {
        // A marker's verb holds 转 or 续 (JUMP) or 接 (PAGE).
        use crate::scan::{ascii_mask, class};
        let cl = ctx.para_classes(pi);
        if !cl.any(class::JUMP | class::PAGE) {
            continue;
        }
        let s = &ctx.text[p.span.clone()];
        // A marker opens with a bracket of `is_open`: （ 【 〔 (OPEN_BRACKET) or ( [, unless
        // it is a bare one standing as a whole paragraph of at most 48 bytes.
        if !(cl.any(class::OPEN_BRACKET) || cl.any_ascii(ascii_mask(b"(["))) && s.trim().len() > 48
        {
            continue;
        }
        for m in find_markers(s) {
            found.push(Marker {
                range: p.span.start + m.range.start..p.span.start + m.range.end,
                dir: m.dir,
            });
        }
    }
    // Pair each 转 marker with the first later unpaired 接 marker (first in, first out).
    let mut partner: Vec<Option<usize>> = vec![None; found.len()];
    let mut pending = std::collections::VecDeque::new();
    for (k, m) in found.iter().enumerate() {
        match m.dir {
            Dir::Down => pending.push_back(k),
            Dir::Up => {
                if let Some(d) = pending.pop_front() {
                    partner[k] = Some(d);
                    partner[d] = Some(k);
                }
            }
        }
    }
    for (k, m) in found.iter().enumerate() {
        let marker = ctx.slice(&m.range);
        let (zh, en) = match m.dir {
            Dir::Down => (
                out.zh(|| format!("正文中残留版面转版标记“{marker}”：这是报纸排版时的转版提示，不是公文正文")),
                out.en(|| format!("page-layout marker “{marker}” left in the text: a newspaper's jump line (continued on), not part of the notice")),
            ),
            Dir::Up => (
                out.zh(|| format!("正文中残留版面接版标记“{marker}”：这是报纸排版时的接版提示，不是公文正文")),
                out.en(|| format!("page-layout marker “{marker}” left in the text: a newspaper's jump line (continued from), not part of the notice")),
            ),
        };
        let mut d = Quick::new(m.range.clone(), &zh, &en);
        if let Some(o) = partner[k] {
            let other = &found[o];
            let (lzh, len) = match other.dir {
                Dir::Down => (
                    "与之对应的转版标记在这里：句子从这里被拆到后面",
                    "the matching “continued on” marker: the sentence was split here",
                ),
                Dir::Up => (
                    "与之对应的接版标记在这里：被拆开的句子从这里接续",
                    "the matching “continued from” marker: the split sentence resumes here",
                ),
            };
            d = d.label(other.range.clone(), lzh, len);
        }
        let edits = [(m.range.clone(), "".into())];
        out.push_quick(
            &RULE,
            d.note(
                "删除标记后，须把转版前后的文字接成一句，并对照原稿核对中间有无缺漏",
                "after removing the marker, rejoin the text on both sides and check the original for missing words",
            )
            .fix(
                Applicability::Unsafe,
                "删除转接版标记（须人工接续前后文字）",
                "remove the page marker (rejoin the text by hand)",
                &edits,
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::{check, Options};

    fn hits(text: &str) -> Vec<(String, usize)> {
        check(text, &Options::default())
            .into_iter()
            .filter(|d| d.rule == "page-marker")
            .map(|d| (text[d.span.clone()].to_owned(), d.labels.len()))
            .collect()
    }

    #[test]
    fn finds_pairs() {
        let t =
            "按照要求，编制雪浪、(下转第14版)\n\n(上接第12版)安全生产文件等，不断提升学习质量。\n";
        assert_eq!(
            hits(t),
            vec![("(下转第14版)".into(), 1), ("(上接第12版)".into(), 1)]
        );
    }

    #[test]
    fn variants() {
        for m in [
            "（转第3版）",
            "（续第二版）",
            "（续）",
            "（下转A2版）",
            "（ 下转第 ５ 版 ）",
            "【转下页】",
            "(接上页)",
        ] {
            let t = format!("全面开展检查工作，{m}巩固整改成果。\n");
            assert_eq!(hits(&t).len(), 1, "{m}");
        }
        assert_eq!(hits("下转第3版\n").len(), 1);
    }

    #[test]
    fn ordinary_brackets_stay_silent() {
        for s in [
            "《干部队伍建设三年规划（2024—2026年）》已印发。",
            "（续签合同3份）（转发文件）（第2版）（2021版）（接待群众12人）",
            "落实“接诉即办”机制（续办件5件）。",
            "（转载）（续表）",
        ] {
            assert!(hits(s).is_empty(), "{s}");
        }
    }

    #[test]
    fn no_panic_on_odd_input() {
        let t = "（".repeat(20_000) + &"下转".repeat(100) + "）";
        assert!(hits(&t).is_empty());
    }
}
