//! `title-form` (NL506): a title that does not end in one of the 15 文种, or stacks them
//! (…的通知的通知).

use std::sync::LazyLock;

use super::prelude::*;
use crate::tree::WENZHONG;

pub static RULE: Rule = Rule {
    code: "NL506",
    name: "title-form",
    default_severity: Severity::Warning,
    summary: Text::new(
        "标题未以法定文种结尾，或文种叠用（……的通知的通知）",
        "a title not ending in one of the 15 文种, or stacking them (…的通知的通知)",
    ),
    doc: Text::new(DOC_ZH, DOC_EN),
    implemented: true,
    check,
};

const DOC_ZH: &str = r#"
## 检查什么
“关于……”式公文标题没有以《党政机关公文处理工作条例》规定的 15 种文种之一（决议、决定、命令（令）、
公报、公告、通告、意见、通知、通报、报告、请示、批复、议案、函、纪要）结尾，例如“关于印发《……办法》”
漏了“的通知”，标题以“的”收尾；或无转发、印发关系而叠用文种（……的通知的通知）。以规定、办法、
方案等自身名称为题的文件不报。折成多行的标题先连起来再检查。

## 为什么
公文标题由发文机关名称、事由和文种组成（GB/T 9704—2012 7.3.1）。缺了文种，读者无法判断行文性质；
叠用文种则冗赘。

## 错误示例
```text
某某区人民政府关于开展安全生产大检查
```

## 正确写法
```text
某某区人民政府关于开展安全生产大检查的通知
```
"#;

const DOC_EN: &str = r#"
## What it does
Flags a 关于… title that does not end in one of the 15 文种 of the 党政机关公文处理工作条例
(决议 决定 命令/令 公报 公告 通告 意见 通知 通报 报告 请示 批复 议案 函 纪要): 关于印发《…办法》
without 的通知, a title ending in 的; and a 文种 stacked without a 转发/印发 relation
(…的通知的通知). Documents titled by their own kind (规定, 办法, 方案) are left alone. A title
wrapped over several lines is joined first.

## Why is this bad?
A 公文 title names the issuer, the matter and the 文种 (GB/T 9704—2012 7.3.1). Without the
文种 the reader cannot tell what kind of document it is; a stacked 文种 is redundant.

## Example
```text
某某区人民政府关于开展安全生产大检查
```

Use instead:
```text
某某区人民政府关于开展安全生产大检查的通知
```
"#;

static DOC_TYPES: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    include_str!("../../rules/title-doc-types.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
});

const VERBS: [&str; 5] = ["印发", "转发", "批转", "转批", "发布"];

fn ends_wenzhong(s: &str) -> Option<&'static str> {
    WENZHONG.iter().copied().find(|w| s.ends_with(w))
}

/// Strip what may follow a title: （岳办发〔2017〕2号）, （试行）, and a wrapping 《》.
fn core(s: &str) -> &str {
    let mut t = s.trim();
    for _ in 0..2 {
        if t.ends_with(['）', ')']) {
            let open = t.rfind(['（', '(']);
            if let Some(o) = open {
                let inner = &t[o..];
                if inner.contains('号')
                    || ["试行", "暂行", "草案", "征求意见稿", "送审稿", "代拟稿"]
                        .iter()
                        .any(|w| inner.contains(w))
                {
                    t = t[..o].trim_end();
                }
            }
        }
    }
    if let Some(inner) = t.strip_prefix('《').and_then(|x| x.strip_suffix('》')) {
        t = inner;
    }
    t
}

/// The marks that end a clause: a line with one is not part of a title.
const CLAUSE_MARKS: crate::tree::Marks =
    crate::tree::Marks::of(&['。', '，', '；', '：', ':', ',', ';']);

fn is_cont_line(role: Role, s: &str) -> bool {
    !matches!(
        role,
        Role::DocNumber | Role::Addressee | Role::Date | Role::Signature
    ) && s.len() <= 160 // (at most 40 characters are at most 160 bytes)
        && s.chars().count() <= 40
        && !crate::tree::has_mark(s, &CLAUSE_MARKS)
        && !crate::tree::looks_like_date(s)
        && !crate::tree::looks_like_doc_number(s)
}

fn check(ctx: &Ctx, out: &mut Findings) {
    let n = ctx.notice;
    let text = ctx.text;
    let lim = n.paragraphs.len().min(12);
    // The head of the notice: up to the 主送机关 or the first sentence.
    let stop = n.addressee.unwrap_or_else(|| {
        (0..lim)
            .find(|&i| {
                let s = n.para_text(text, i);
                s.contains('。') || s.ends_with(['：', ':'])
            })
            .unwrap_or(0)
    });
    // The paragraphs where a title starts, as bits, in order (no vector): the title, which
    // the parser looks for among the first 8 paragraphs, and the 关于 lines among the
    // first 12.
    let mut starts = 0u64;
    if let Some(t) = n.title {
        debug_assert!(t < 8);
        starts |= 1u64.checked_shl(t as u32).unwrap_or(0);
    }
    for i in 0..stop.min(lim) {
        let s = n.para_text(text, i);
        // (The title is a start already.)
        if n.title != Some(i) && s.starts_with("关于") && is_cont_line(n.paragraphs[i].role, s) {
            starts |= 1 << i;
        }
    }
    let mut used_to = 0;
    while starts != 0 {
        let i = starts.trailing_zeros() as usize;
        starts &= starts - 1;
        if i < used_to {
            continue;
        }
        // Join a title wrapped over several lines (a title on one line is not copied).
        let mut joined = std::borrow::Cow::Borrowed(n.para_text(text, i));
        let mut last = i;
        while ends_wenzhong(core(&joined)).is_none()
            && last + 1 < n.paragraphs.len()
            && last < i + 3
        {
            let j = last + 1;
            let s = n.para_text(text, j);
            if !is_cont_line(n.paragraphs[j].role, s) {
                break;
            }
            joined.to_mut().push_str(s);
            last = j;
        }
        used_to = last + 1;
        // In place: no second string, no character pushed one by one.
        // White space is ASCII ≤ 0x20 or a character whose lead byte is C2 (U+0085,
        // U+00A0), E1 (U+1680), E2 (U+2000–U+205F) or E3 (U+3000): a title with none of
        // these bytes is left as it is.
        if joined
            .bytes()
            .any(|b| b <= b' ' || matches!(b, 0xC2 | 0xE1 | 0xE2 | 0xE3))
        {
            joined.to_mut().retain(|c| !c.is_whitespace());
        }
        let t = core(&joined);
        let span = n.paragraphs[i].span.start..n.paragraphs[last].span.end;
        let end_at = n.paragraphs[last].span.end;
        let tail_span = {
            let s = ctx.slice(&span);
            let k = s.char_indices().rev().nth(1).map_or(0, |(k, _)| k);
            span.start + k..end_at
        };
        if let Some(w) = ends_wenzhong(t) {
            // …的通知的通知 without 转发/印发.
            let head = &t[..t.len() - w.len()];
            if let Some(h) = head.strip_suffix('的') {
                if h.ends_with(w) && w.chars().count() >= 2 && !VERBS.iter().any(|v| t.contains(v))
                {
                    let s = ctx.slice(&span);
                    let pat = format!("{w}的{w}");
                    let at = s.rfind(&pat).map_or(tail_span.clone(), |k| {
                        span.start + k..span.start + k + pat.len()
                    });
                    out.push(ctx.diag(
                        &RULE,
                        at,
                        format!("标题叠用文种“{pat}”，应只保留一个“{w}”"),
                        format!("the title stacks its 文种: `{pat}`; keep one `{w}`"),
                    ));
                }
            }
            continue;
        }
        let verb = VERBS.iter().any(|v| t.contains(v));
        let ends_de = t.ends_with('的');
        // 关于加强管理的若干规定, 关于XX的实施方案: the document's own kind, after a 的.
        let own_kind = DOC_TYPES.iter().any(|d| t.ends_with(d))
            && t.find("关于").is_some_and(|k| t[k..].contains('的'));
        if !(ends_de || (t.contains("关于") && (verb || !own_kind))) {
            continue;
        }
        let d = ctx
            .diag(
                &RULE,
                tail_span,
                "标题未以文种结尾：缺少“通知”“报告”“意见”等文种（《党政机关公文处理工作条例》第八条）",
                "the title does not end in a 文种 (通知, 报告, 意见, …) (Regulations on the Handling of Official Documents, art. 8)",
            )
            .label(span, "标题", "the title");
        out.push(d);
    }
}

#[cfg(test)]
mod tests {
    fn hits(t: &str) -> usize {
        crate::check(t, &crate::Options::default())
            .into_iter()
            .filter(|d| d.code == "NL506")
            .count()
    }

    #[test]
    fn flags_missing_and_stacked() {
        assert_eq!(hits("某局关于印发《安全管理办法》\n各单位：\n正文。\n"), 1);
        assert_eq!(
            hits("某局关于开展安全检查的通知的通知\n各单位：\n正文。\n"),
            1
        );
        assert_eq!(hits("某局关于开展安全生产大检查\n各单位：\n正文。\n"), 1);
    }

    #[test]
    fn silent_on_good_titles() {
        assert_eq!(
            hits("某局关于开展安全\n检查工作的通知\n各单位：\n正文。\n"),
            0
        );
        assert_eq!(hits("某局关于加强管理的若干规定\n各单位：\n正文。\n"), 0);
        assert_eq!(
            hits("某局关于转发《省厅关于检查的通知》的通知\n各单位：\n正文。\n"),
            0
        );
        assert_eq!(
            hits("某办关于印发方案的通知（某办发〔2017〕2号）\n各单位：\n正文。\n"),
            0
        );
    }
}
