//! `heading-style` (NL104): one level written in mixed marker styles, or a level skipped.

use super::prelude::*;

pub static RULE: Rule = Rule {
    code: "NL104",
    name: "heading-style",
    default_severity: Severity::Warning,
    summary: Text::new(
        "标题序号格式混用，或层级跳级",
        "one level written in mixed marker styles (1、 and 1.), or a level skipped",
    ),
    doc: Text::new(DOC_ZH, DOC_EN),
    implemented: true,
    check,
};

const DOC_ZH: &str = r#"
## 检查什么
1. 同一层级的标题序号写法不一：有的写“1、”，有的写“1.”或“1．”；有的写“（一）”，有的写
   半角“(一)”。以全文该层级多数的写法为准，提示少数写法。
2. 标题层级跳级：按 GB/T 9704，结构层次序数依次为“一、”“（一）”“1.”“（1）”；在“一、”下
   直接使用“1.”而没有“（一）”一级，即为跳级。每种跳级只提示一次。

## 为什么
同级序号写法一致、层级完整，读者才能一眼看出文章结构；混用多半是拼接不同来源的文字留下的。

## 错误示例
```text
（一）已整改完成的问题
1.关于学习问题的整改。
2、关于班子问题的整改。
```

## 正确写法
```text
（一）已整改完成的问题
1.关于学习问题的整改。
2.关于班子问题的整改。
```
"#;

const DOC_EN: &str = r#"
## What it does
1. Flags a heading level written in mixed marker styles: 1、 beside 1. or 1．, （一） beside
   half-width (一). The style most used at that level in the notice is taken as intended.
2. Flags a skipped level: GB/T 9704 orders the levels 一、 → （一） → 1. → （1）; a 1.
   directly under 一、 skips （一）. Each kind of skip is reported once.

## Why is this bad?
Consistent markers and complete levels let readers see the structure at a glance; mixed
styles usually come from text spliced from different sources.

## Example
```text
1.关于学习问题的整改。
2、关于班子问题的整改。
```

Use instead:
```text
1.关于学习问题的整改。
2.关于班子问题的整改。
```
"#;

fn check(ctx: &Ctx, out: &mut Findings) {
    let n = ctx.notice;
    // Mixed styles: per part and kind, over paragraph-level headings. The headings in one
    // vector sorted by (part, kind) (stable: each level's in text order), a level a run:
    // the levels in the order of a map by (part, kind), without a vector per level.
    let mut levels: Vec<(u32, Kind, ItemId)> = Vec::with_capacity(n.items.len());
    for (id, it) in n.items.iter().enumerate() {
        if !it.inline && !it.kind.is_enumeration() {
            levels.push((it.part, it.kind, id as ItemId));
        }
    }
    levels.sort_by_key(|&(part, kind, _)| (part, kind));
    let mut counts: Vec<(Style, usize, ItemId)> = Vec::new();
    for level in levels.chunk_by(|a, b| (a.0, a.1) == (b.0, b.1)) {
        counts.clear();
        for &(_, _, id) in level {
            let st = n.item(id).style;
            match counts.iter_mut().find(|c| c.0 == st) {
                Some(c) => c.1 += 1,
                None => counts.push((st, 1, id)),
            }
        }
        if counts.len() < 2 {
            continue;
        }
        // The majority style; ties go to the one used first.
        let major = counts
            .iter()
            .max_by(|a, b| a.1.cmp(&b.1).then(b.2.cmp(&a.2)))
            .copied()
            .unwrap_or(counts[0]);
        for &(_, _, id) in level {
            let it = &n.item(id);
            if it.style == major.0 {
                continue;
            }
            let m = ctx.slice(&it.marker);
            let first = ctx.slice(&n.item(major.2).marker);
            let want = restyle(m, it.kind, major.0);
            let mut d = ctx
                .diag(
                    &RULE,
                    it.marker.clone(),
                    format!(
                        "同级标题序号写法不一：此处写“{m}”，本级其余{}处写作“{}”的形式",
                        major.1,
                        major.0.example(it.kind)
                    ),
                    format!(
                        "mixed marker styles at one level: “{m}” here, “{}” in {} other place(s)",
                        major.0.example(it.kind),
                        major.1
                    ),
                )
                .label(
                    n.item(major.2).marker.clone(),
                    format!("本级多数写作“{first}”"),
                    format!("most of this level is written “{first}”"),
                );
            if let Some(w) = want {
                d = d.with_fix(Fix {
                    message: Msg::new(format!("改为“{w}”"), format!("write “{w}”")),
                    applicability: Applicability::Unsafe,
                    edits: vec![Edit {
                        span: it.marker.clone(),
                        replacement: w.into(),
                    }],
                });
            }
            out.push(d);
        }
    }
    // Skipped levels: once per (part, parent kind, child kind).
    let mut seen = std::collections::HashSet::new();
    for it in &n.items {
        if it.inline || it.kind.is_enumeration() {
            continue;
        }
        let Some(p) = it.parent else { continue };
        let parent = &n.item(p);
        let (Some(pr), Some(cr)) = (parent.kind.canonical_rank(), it.kind.canonical_rank()) else {
            continue;
        };
        if cr <= pr + 1 || !seen.insert((it.part, parent.kind, it.kind)) {
            continue;
        }
        let missing = match pr + 1 {
            2 => "（一）",
            3 => "1.",
            _ => "（1）",
        };
        let m = ctx.slice(&it.marker);
        let pm = ctx.slice(&parent.marker);
        out.push(
            ctx.diag(
                &RULE,
                it.marker.clone(),
                format!("标题层级跳级：“{pm}”级标题下直接使用“{m}”，缺少“{missing}”一级"),
                format!("heading level skipped: “{m}” directly under “{pm}”, without a “{missing}” level"),
            )
            .label(parent.marker.clone(), format!("上级标题“{pm}”"), format!("parent heading “{pm}”"))
            .note(
                "GB/T 9704：结构层次序数依次为“一、”“（一）”“1.”“（1）”",
                "GB/T 9704 orders the levels 一、, （一）, 1., （1）",
            ),
        );
    }
}

/// The marker rewritten in another style of its kind, where that is mechanical.
fn restyle(marker: &str, kind: Kind, to: Style) -> Option<String> {
    let num: String = marker
        .chars()
        .filter(|&c| {
            crate::numeral::arabic_digit(c).is_some() || crate::numeral::is_cn_numeral_char(c)
        })
        .collect();
    if num.is_empty() {
        return None;
    }
    Some(match (kind, to) {
        (Kind::Arabic | Kind::CnComma, Style::Dun) => format!("{num}、"),
        (Kind::Arabic, Style::Dot) => format!("{num}."),
        (Kind::Arabic, Style::FullDot) => format!("{num}．"),
        (Kind::Arabic, Style::RightParen) => format!("{num}）"),
        (Kind::CnParen | Kind::ArabicParen, Style::FullParen) => format!("（{num}）"),
        (Kind::CnParen | Kind::ArabicParen, Style::HalfParen) => format!("({num})"),
        _ => return None,
    })
}
