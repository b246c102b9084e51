//! `count-mismatch` (NL301): a declared count differs from the items enumerated.

use super::prelude::*;
use crate::quantity;

pub static RULE: Rule = Rule {
    code: "NL301",
    name: "count-mismatch",
    default_severity: Severity::Error,
    summary: Text::new(
        "声明的数量与列举的条目数不符（共计19个，下列8项）",
        "a declared count differs from the items enumerated (共计19个 over 8 items)",
    ),
    doc: Text::new(DOC_ZH, DOC_EN),
    implemented: true,
    check,
};

const DOC_ZH: &str = r#"
## 检查什么
文中声明的数量与随后列举的条目数不符：
1. “以下N项/N个方面/N类”之后列出的同级条目（一、/（一）/1./一是……）不是N项；
2. 标题下的导语写“共计N个问题”，随后列出的下级条目（每项都是一个问题）不是N项；
3. “甲、乙、丙等N个单位”中列出的名称多于N个（少于N个、以“等”概括是正常用法，不报告）。

## 为什么
数字对不上，读者会怀疑漏了内容或数字有误；这是拼接、删改材料时最常见的破绽。

## 错误示例
```text
（一）已整改完成的问题
截至目前，共计19个问题已整改落实。
1、关于学习贯彻问题的整改。
2、关于班子作用问题的整改。
```

## 正确写法
```text
（一）已整改完成的问题
截至目前，共计2个问题已整改落实。
1、关于学习贯彻问题的整改。
2、关于班子作用问题的整改。
```
"#;

const DOC_EN: &str = r#"
## What it does
Flags a declared count that differs from the items enumerated after it:
1. “以下N项/N个方面/N类” followed by a list (一、/（一）/1./一是…) of a different length;
2. a heading's intro saying “共计N个问题” over child items (each a 问题) that number otherwise;
3. “甲、乙、丙等N个单位” naming more than N (fewer with 等 is normal usage and stays silent).

## Why is this bad?
Counts that do not match make readers suspect missing text or a wrong figure; it is the
commonest seam left by splicing and editing.

## Example
```text
（一）已整改完成的问题
截至目前，共计19个问题已整改落实。
1、关于学习贯彻问题的整改。
2、关于班子作用问题的整改。
```

Use instead:
```text
（一）已整改完成的问题
截至目前，共计2个问题已整改落实。
1、关于学习贯彻问题的整改。
2、关于班子作用问题的整改。
```
"#;

/// Whether `u` is a measure word that counts the items of a list (个, 项, 类, 条, 方面, 点,
/// 件, 种, 大): by a match (lengths and bytes compared, not a call per word), as it is asked
/// of every quantity of the body.
fn is_list_unit(u: &str) -> bool {
    matches!(
        u,
        "个" | "项" | "类" | "条" | "方面" | "点" | "件" | "种" | "大"
    )
}

fn check(ctx: &Ctx, out: &mut Findings) {
    let n = ctx.notice;
    for (pi, p) in n.body() {
        let text = ctx.slice(&p.span);
        let qs = ctx.quantities(p.span.clone());
        for q in qs {
            if q.approx || !is_list_unit(q.unit) || q.value.fract() != 0.0 {
                continue;
            }
            let declared = q.value as usize;
            let before = &ctx.text[p.span.start..q.span.start];
            // Each cue below ends with 下, 计, 共, 有 or 等: most counts follow none.
            if !matches!(
                before.chars().next_back(),
                Some('下' | '计' | '共' | '有' | '等')
            ) {
                continue;
            }
            if before.ends_with("以下") || before.ends_with("如下") {
                if let Some(g) = following_group(ctx, pi, q.span.end) {
                    report_list(ctx, out, q, declared, g, "以下");
                }
            } else if ["共计", "共", "共有", "合计", "总计"]
                .iter()
                .any(|w| before.ends_with(w))
            {
                if let Some(g) = intro_group(ctx, pi, q) {
                    report_list(ctx, out, q, declared, g, "共计");
                }
            } else if before.ends_with('等') {
                // The walk back stops at the paragraph's own heading marker (一、).
                let floor = p.heading.map_or(p.span.start, |h| n.item(h).marker.end);
                etc_list(ctx, out, q, declared, floor);
            }
        }
        let _ = text;
    }
}

/// The list that follows a declaration at `pos` in paragraph `pi`: the next item in the
/// text, when it opens its group and sits in this paragraph or the next body paragraph.
fn following_group(ctx: &Ctx, pi: usize, pos: usize) -> Option<usize> {
    let n = ctx.notice;
    let id = n.item_at_or_after(pos)?;
    let item = &n.item(id);
    if item.value != 1 {
        return None;
    }
    let next_body = n
        .paragraphs
        .iter()
        .enumerate()
        .skip(pi + 1)
        .find(|(_, p)| p.role == Role::Body)
        .map(|(i, _)| i);
    let para = item.paragraph as usize;
    if para != pi && Some(para) != next_body {
        return None;
    }
    n.group_index(id).filter(|&g| n.groups[g].items[0] == id)
}

/// “共计N个问题” in the intro of a heading, over that heading's child items.
fn intro_group(ctx: &Ctx, pi: usize, q: &quantity::Quantity) -> Option<usize> {
    let n = ctx.notice;
    let p = &n.paragraphs[pi];
    let owner = p.owner?;
    if p.heading.is_some() {
        return None; // a count in a heading's own text summarises, it does not announce
    }
    let g = following_group(ctx, pi, p.span.end)?;
    let group = &n.groups[g];
    let first = &n.item(group.items[0]);
    if group.parent != Some(owner) || first.inline || first.kind.is_enumeration() {
        return None;
    }
    // The counted noun must be what the items are (“共计19个问题” over “1、关于…问题的整改”).
    let noun: String = ctx.text[q.span.end..p.span.end]
        .chars()
        .take_while(|c| super::text::is_han(*c))
        .take(2)
        .collect();
    if noun.chars().count() < 2 {
        return None;
    }
    let item_text = ctx.slice(&n.paragraphs[first.paragraph as usize].span);
    item_text.contains(noun.as_str()).then_some(g)
}

fn report_list(
    ctx: &Ctx,
    out: &mut Findings,
    q: &quantity::Quantity,
    declared: usize,
    g: usize,
    how: &str,
) {
    let n = ctx.notice;
    let group = &n.groups[g];
    let listed = group.items.len();
    if listed == declared {
        return;
    }
    let first = &n.item(group.items[0]);
    let last = &n.item(*group.items.last().unwrap_or(&group.items[0]));
    // The count and up to two Han characters after it (the noun), one slice of the text.
    let noun: usize = ctx.text[q.span.end..]
        .chars()
        .take_while(|c| super::text::is_han(*c))
        .take(2)
        .map(char::len_utf8)
        .sum();
    let qs = &ctx.text[q.span.start..q.span.end + noun];
    let fm = ctx.slice(&first.marker).trim();
    let lm = ctx.slice(&last.marker).trim();
    // The level's name as `Item::level_name` gives it (`“1、”级标题`), written straight
    // into the message: its example marker and the word for its kind.
    let ex = first.style.example(first.kind);
    let (kind_zh, kind_en) = if first.kind.is_enumeration() {
        ("列举", "enumeration")
    } else if first.inline {
        ("序号", "item")
    } else {
        ("级标题", "heading")
    };
    // Fewer items than declared: 只列出; more: 列出了. Only the shown language is made,
    // its pieces joined in one string of the right size (no formatting machinery).
    let n = listed.to_string();
    let n = n.as_str();
    let zh = out.zh(|| {
        let how_many = if listed > declared {
            "列出了"
        } else {
            "只列出"
        };
        [
            "数量不符：此处说“",
            how,
            qs,
            "”，但随后",
            how_many,
            n,
            "项（“",
            &ex,
            "”",
            kind_zh,
            "“",
            fm,
            "”至“",
            lm,
            "”）",
        ]
        .concat()
    });
    let en = out.en(|| {
        [
            "count mismatch: “",
            qs,
            "” is declared here, but ",
            n,
            " items follow (`",
            &ex,
            "` ",
            kind_en,
            " “",
            fm,
            "” to “",
            lm,
            "”)",
        ]
        .concat()
    });
    let lzh = out.zh(|| ["列举从“", fm, "”开始"].concat());
    let len = out.en(|| ["the list starts at “", fm, "”"].concat());
    let q = Quick::new(q.num.clone(), &zh, &en).label(first.marker.clone(), &lzh, &len);
    if group.items.len() > 1 {
        let mzh = out.zh(|| ["最后一项“", lm, "”，共", n, "项"].concat());
        let men = out.en(|| ["the last item “", lm, "”: ", n, " in all"].concat());
        out.push_quick(&RULE, q.label(last.marker.clone(), &mzh, &men));
    } else {
        out.push_quick(&RULE, q);
    }
}

/// “甲、乙、丙等N个单位”: more names than N.
fn etc_list(ctx: &Ctx, out: &mut Findings, q: &quantity::Quantity, declared: usize, floor: usize) {
    let deng = q.span.start - '等'.len_utf8();
    let before = &ctx.text[floor..deng];
    let mut depth = 0i32;
    let mut seps = Vec::new();
    let mut start = floor;
    for (i, c) in before.char_indices().rev() {
        match c {
            '》' | '”' | '）' | ')' | '’' | '】' | '〕' => depth += 1,
            '《' | '“' | '（' | '(' | '‘' | '【' | '〔' => {
                depth -= 1;
                if depth < 0 {
                    start = floor + i + c.len_utf8();
                    break;
                }
            }
            '、' if depth == 0 => seps.push(floor + i),
            '，' | '。' | '；' | '：' | '！' | '？' | ',' | ';' | ':' | '等' if depth == 0 =>
            {
                start = floor + i + c.len_utf8();
                break;
            }
            c if depth == 0 && crate::numeral::arabic_digit(c).is_some() => {
                start = floor + i + c.len_utf8();
                break;
            }
            _ => {}
        }
    }
    // The first name starts after a leading preposition (对甲、乙等2个单位).
    for w in [
        "会同", "联合", "对", "在", "与", "向", "将", "把", "由", "从", "经", "和",
    ] {
        if ctx.text[start..deng].starts_with(w) {
            start += w.len();
            break;
        }
    }
    let named = seps.len() + 1;
    if named <= declared || seps.is_empty() {
        return;
    }
    let qs = ctx.slice(&q.span);
    // The pieces joined in one string of the right size.
    let n = named.to_string();
    let n = n.as_str();
    let zh = out.zh(|| ["数量不符：前面列出了", n, "个名称，这里却说“等", qs, "”"].concat());
    let en = out.en(|| {
        [
            "count mismatch: ",
            n,
            " names are listed before “等",
            qs,
            "”",
        ]
        .concat()
    });
    let lzh = out.zh(|| ["这里列出", n, "个"].concat());
    let len = out.en(|| [n, " named here"].concat());
    out.push_quick(
        &RULE,
        Quick::new(q.num.clone(), &zh, &en).label(start..deng, &lzh, &len),
    );
}
