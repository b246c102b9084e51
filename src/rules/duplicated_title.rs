//! `duplicated-title` (NL505): the title, the 文号 or the 主送机关 line printed twice in a row.

use std::borrow::Cow;

use super::prelude::*;
use crate::scan::{ascii_mask, class, Classes};
use crate::tree::{looks_like_doc_number, WENZHONG};

pub static RULE: Rule = Rule {
    code: "NL505",
    name: "duplicated-title",
    default_severity: Severity::Error,
    summary: Text::new(
        "标题、发文字号或主送机关连续重复出现",
        "the title, 文号 or 主送机关 printed twice in a row",
    ),
    doc: Text::new(DOC_ZH, DOC_EN),
    implemented: true,
    check,
};

const DOC_ZH: &str = r#"
## 检查什么
版头部分的标题、发文字号、主送机关或发文机关标志连续出现两次（第二次可能折成几行）。

## 为什么
排版或复制时重复粘贴的标题、文号是明显的差错，读者一眼就能看出，也会让人怀疑文件的其他部分。

## 错误示例
```text
卫沙社发〔2017〕186号
卫沙社发〔2017〕186号
关于政府驻地迁移信息核查的通知
```

## 正确写法
```text
卫沙社发〔2017〕186号
关于政府驻地迁移信息核查的通知
```
"#;

const DOC_EN: &str = r#"
## What it does
Flags the title, the 发文字号, the 主送机关 or the 发文机关标志 printed twice in a row at the
head of a notice (the second copy possibly wrapped over several lines).

## Why is this bad?
A title or 文号 pasted twice is an obvious layout slip; readers see it at once and start to
doubt the rest of the document.

## Example
```text
卫沙社发〔2017〕186号
卫沙社发〔2017〕186号
关于政府驻地迁移信息核查的通知
```

Use instead:
```text
卫沙社发〔2017〕186号
关于政府驻地迁移信息核查的通知
```
"#;

/// How many paragraphs at the head of a notice are looked at.
const HEAD: usize = 14;

/// The text without whitespace; borrowed when it holds none. A paragraph never holds its
/// line's `\n`; any other whitespace is an ASCII space or control, or of class SPACE,
/// INVISIBLE (U+0085, U+2028, U+2029) or OTHER (U+1680) on its line.
fn norm(s: &str, classes: Classes) -> Cow<'_, str> {
    if !classes.any_ascii(ascii_mask(b" \t\x0B\x0C\r"))
        && !classes.any(class::SPACE | class::INVISIBLE | class::OTHER)
    {
        return Cow::Borrowed(s);
    }
    if !s.contains(char::is_whitespace) {
        return Cow::Borrowed(s);
    }
    // Copied, then the whitespace dropped in place (not pushed character by character).
    let mut owned = s.to_string();
    owned.retain(|c| !c.is_whitespace());
    Cow::Owned(owned)
}

/// A heading line of the head: a title, document number, addressee and the like. (A
/// document number ends with 号: the cheap test first, `looks_like_doc_number` asks it too.)
fn is_head_line(role: Role, s: &str) -> bool {
    matches!(
        role,
        Role::Title | Role::DocNumber | Role::Addressee | Role::Header | Role::PartTitle
    ) || (s.ends_with('号') && looks_like_doc_number(s))
        || WENZHONG.iter().any(|w| s.ends_with(w))
        || (s.ends_with(['：', ':']) && !s.contains(['。', '，', ',']))
}

fn what(s: &str) -> (&'static str, &'static str) {
    if looks_like_doc_number(s) {
        ("发文字号", "文号")
    } else if s.ends_with(['：', ':']) {
        ("主送机关", "主送机关 line")
    } else {
        ("标题", "title")
    }
}

fn check(ctx: &Ctx, out: &mut Findings) {
    let n = ctx.notice;
    let text = ctx.text;
    let lim = n.paragraphs.len().min(HEAD);
    // A paragraph's first character other than whitespace: its normalised text's first.
    let first = |i: usize| n.para_text(text, i).chars().find(|c| !c.is_whitespace());
    // The normalised texts, made only for the paragraphs that can be part of a repeat.
    let mut texts: Vec<Option<Cow<str>>> = vec![None; lim];
    let mut reported = vec![false; lim];
    for i in 0..lim {
        // The copy starts with the first paragraph after this one that holds more than
        // whitespace (the empty ones add nothing to it), so it begins with the same
        // character or is no copy.
        let Some(c) = first(i) else { continue };
        if reported[i] || (i + 1..lim.min(i + 5)).find_map(first) != Some(c) {
            continue;
        }
        for (j, t) in texts.iter_mut().enumerate().take(lim.min(i + 5)).skip(i) {
            if t.is_none() {
                *t = Some(norm(n.para_text(text, j), ctx.para_classes(j)));
            }
        }
        let texts: Vec<&str> = texts[i..lim.min(i + 5)]
            .iter()
            .map(|t| t.as_deref().unwrap_or_default())
            .collect();
        let a = texts[0];
        if a.chars().nth(3).is_none() {
            continue;
        }
        let pi = &n.paragraphs[i];
        if !is_head_line(pi.role, a) {
            continue;
        }
        // The copy right after it: one line, or the same text wrapped over 2–4 lines.
        let mut joined = String::new();
        for (k, next) in texts.iter().enumerate().skip(1) {
            let j = i + k;
            if joined.len() >= a.len() {
                break;
            }
            joined.push_str(next);
            if joined == a {
                let first = n.paragraphs[i + 1].span.start;
                let last = n.paragraphs[j].span.end;
                let (zh, en) = what(a);
                let lines = if k == 1 {
                    String::new()
                } else {
                    format!("（折成{k}行）")
                };
                let lines_en = if k == 1 {
                    String::new()
                } else {
                    format!(" (wrapped over {k} lines)")
                };
                out.push(
                    ctx.diag(
                        &RULE,
                        first..last,
                        format!("{zh}重复出现{lines}：与上一行相同"),
                        format!("the {en} is printed twice in a row{lines_en}"),
                    )
                    .label(pi.span.clone(), "第一次出现", "first printed here"),
                );
                for r in reported.iter_mut().take(j + 1).skip(i + 1) {
                    *r = true;
                }
                break;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    fn hits(t: &str) -> Vec<String> {
        crate::check(t, &crate::Options::default())
            .into_iter()
            .filter(|d| d.code == "NL505")
            .map(|d| t[d.span.clone()].to_string())
            .collect()
    }

    #[test]
    fn flags_repeats() {
        let t = "某政发〔2017〕186号\n某政发〔2017〕186号\n关于开展检查的通知\n各单位：\n正文。\n";
        assert_eq!(hits(t), vec!["某政发〔2017〕186号"]);
        let t = "某局关于开展检查工作的通知\n某局关于开展\n检查工作的通知\n各单位：\n正文。\n";
        assert_eq!(hits(t), vec!["某局关于开展\n检查工作的通知"]);
    }

    #[test]
    fn flags_repeats_that_differ_in_whitespace() {
        // The copy indented, or the title wrapped with a space: whitespace is not compared.
        let t = "某局关于开展检查工作的通知\n\u{3000}\u{3000}某局关于开展检查工作的通知\n各单位：\n正文。\n";
        assert_eq!(hits(t), vec!["某局关于开展检查工作的通知"]);
        let t = "某局关于开展 检查工作的通知\n某局关于开展\n检查工作的通知\n各单位：\n正文。\n";
        assert_eq!(hits(t), vec!["某局关于开展\n检查工作的通知"]);
        // A line that only begins like the title is no copy.
        let t = "某局关于开展检查工作的通知\n某局：\n正文。\n";
        assert!(hits(t).is_empty());
    }

    #[test]
    fn silent_on_single_title() {
        let t = "某局关于开展检查工作的通知\n某政发〔2017〕186号\n各单位：\n各单位：要求如下。\n";
        assert!(hits(t).is_empty());
    }
}
