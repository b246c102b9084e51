//! `stray-space` (NL507): a space inside Chinese text or between Chinese and digits
//! (2020 年, 无垃圾 专项, 〔2017〕 186 号).

use super::prelude::*;
use super::text::is_han;
use crate::scan::{ascii_mask, class, Classes};

pub static RULE: Rule = Rule {
    code: "NL507",
    name: "stray-space",
    default_severity: Severity::Warning,
    summary: Text::new(
        "汉字之间或汉字与数字之间有多余空格（2020 年）",
        "a space inside Chinese text or between Chinese and digits (2020 年)",
    ),
    doc: Text::new(DOC_ZH, DOC_EN),
    implemented: true,
    check,
};

const DOC_ZH: &str = r#"
## 检查什么
汉字之间、汉字与阿拉伯数字之间、六角括号等中文标点与数字之间的空格（半角、全角或不换行空格）：
“2020 年”“无垃圾 专项”“〔2017〕 186 号”。标题序号后的空格（第一条 为……、1.1  编制目的）、
无句读的署名或名单行中姓名之间的空格（局长  李某某）不报。可安全自动删除。

## 为什么
公文正文中汉字与数字连排，不加空格；多余的空格多是排版、复制或换行残留，读者一眼就能看出。

## 错误示例
```text
针对 10 月 9 日督查出的问题，全域无垃圾 专项治理工作……
```

## 正确写法
```text
针对10月9日督查出的问题，全域无垃圾专项治理工作……
```
"#;

const DOC_EN: &str = r#"
## What it does
Flags a space (ASCII, ideographic or no-break) between Chinese characters, between Chinese
and Arabic digits, or between a Chinese bracket and a digit: `2020 年`, `无垃圾 专项`,
`〔2017〕 186 号`. Spaces after a heading marker (第一条 为……, 1.1  编制目的) and between
names in a signature or list line without sentence punctuation are left alone. Safe fix.

## Why is this bad?
Official notices run Chinese and digits together without spaces; a stray space is debris of
layout, copying or a lost line break, and readers notice it at once.

## Example
```text
针对 10 月 9 日督查出的问题，全域无垃圾 专项治理工作……
```

Use instead:
```text
针对10月9日督查出的问题，全域无垃圾专项治理工作……
```
"#;

/// Last characters of the name of an organ (局, 委, 政府, 中心…).
const ORG_END: &str = "局委厅府部院会室处办团联盟组社庭队站馆司行党心所校署";

fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\u{3000}' | '\u{a0}' | '\t')
}

fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// Chinese marks that a digit or a character may touch directly.
fn is_open(c: char) -> bool {
    matches!(c, '〔' | '（' | '《' | '“' | '【')
}

fn is_close(c: char) -> bool {
    matches!(
        c,
        '〕' | '）' | '》' | '”' | '】' | '，' | '。' | '、' | '；' | '：'
    )
}

/// Whether `prefix` (the paragraph before a space) is only a heading marker: 第一条, 1.1, 一、.
fn is_marker_prefix(prefix: &str) -> bool {
    let p = prefix.trim();
    !p.is_empty()
        && p != "第"
        && p.chars().next_back().is_some_and(|c| {
            is_digit(c)
                || matches!(
                    c,
                    '条' | '章' | '节' | '款' | '编' | '、' | '）' | ')' | '.' | '．'
                )
        })
        // At most 12 characters, counted no further than that: `prefix` is all of the
        // paragraph before the space, however long.
        && p.chars().nth(12).is_none()
        && p.chars().all(|c| {
            is_digit(c)
                || crate::numeral::is_cn_numeral_char(c)
                || matches!(
                    c,
                    '.' | '．'
                        | '、'
                        | '（'
                        | '）'
                        | '('
                        | ')'
                        | '第'
                        | '章'
                        | '节'
                        | '条'
                        | '款'
                        | '编'
                        | '部'
                        | '分'
                )
        })
}

/// Length in characters of the Han run ending at / starting at the space.
fn han_run_before(s: &str) -> usize {
    s.chars().rev().take_while(|c| is_han(*c)).take(8).count()
}

fn han_run_after(s: &str) -> usize {
    s.chars().take_while(|c| is_han(*c)).take(8).count()
}

/// The ASCII spaces of [`is_space`]; U+3000 and U+00A0 are of the SPACE class.
const ASCII_SPACES: u128 = ascii_mask(b" \t");

fn check(ctx: &Ctx, out: &mut Findings) {
    let text = ctx.text;
    let has_space = |c: Classes| c.any_ascii(ASCII_SPACES) || c.any(class::SPACE);
    if !has_space(ctx.text_classes()) {
        return;
    }
    for (k, p) in ctx.notice.paragraphs.iter().enumerate() {
        // Only a paragraph with a space can hold a stray one.
        if !has_space(ctx.para_classes(k)) {
            continue;
        }
        let s = &text[p.span.clone()];
        let base = p.span.start;
        // Whether the paragraph is prose: looked at only for a space between Han (rare).
        let mut prose: Option<bool> = None;
        let head = matches!(
            p.role,
            Role::Title | Role::DocNumber | Role::Addressee | Role::Date
        );
        let mut it = s.char_indices().peekable();
        let mut prev: Option<char> = None;
        let mut quoted = false;
        while let Some((i, c)) = it.next() {
            if !is_space(c) {
                match c {
                    '“' | '《' => quoted = true,
                    '”' | '》' => quoted = false,
                    _ => {}
                }
                prev = Some(c);
                continue;
            }
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = it.peek() {
                if is_space(d) {
                    end = j + d.len_utf8();
                    it.next();
                } else {
                    break;
                }
            }
            let (Some(l), Some(r)) = (prev, s[end..].chars().next()) else {
                prev = Some(c);
                continue;
            };
            prev = Some(c);
            let hh = is_han(l) && is_han(r);
            let hd = (is_han(l) && is_digit(r)) || (is_digit(l) && is_han(r));
            let pd = (is_open(l) && (is_digit(r) || is_han(r)))
                || ((is_digit(l) || is_han(l)) && is_close(r))
                || (l == '〕' && is_digit(r))
                || (matches!(l, '〕' | '）' | '》' | '”' | '】')
                    && (is_digit(r) || is_han(r))
                    && head);
            if !(hh || hd || pd) {
                continue;
            }
            if is_marker_prefix(&s[..i]) {
                continue;
            }
            // A field separator: 电话：8599719 传真：76301234.
            let after = &s[end..];
            let run = after.chars().take_while(|c| is_han(*c)).take(7).count();
            if run > 0 && run <= 6 && is_han(r) {
                let k: usize = after.chars().take(run).map(char::len_utf8).sum();
                if after[k..].starts_with(['：', ':']) {
                    continue;
                }
            }
            // Joint issuers: 苏州市教育局 苏州市财政局关于…, and the same in a signature.
            if hh
                && ORG_END.contains(l)
                && (s[end..].contains("关于")
                    || matches!(p.role, Role::Header | Role::Signature | Role::Title))
            {
                continue;
            }
            // A slogan or name in quotes: “揭榜挂帅出征 奔三冲九清零”, 《… …》.
            if hh && quoted {
                continue;
            }
            if hh && !head {
                // Names in a signature or list line (局长  李某某, 张三 李四): not prose.
                let prose = *prose
                    .get_or_insert_with(|| s.contains(['。', '，', '；', '！', '？', ',', ';']));
                if !prose || (han_run_before(&s[..i]) <= 4 && han_run_after(&s[end..]) <= 4) {
                    continue;
                }
            }
            let (zh, en) = if hh {
                ("汉字之间", "between Chinese characters")
            } else if hd {
                ("汉字与数字之间", "between Chinese and digits")
            } else {
                ("标点与文字之间", "between a mark and the text")
            };
            // Only the shown language is formatted; nothing is built but the message.
            let mzh = out.zh(|| format!("{zh}有多余空格：“{l} {r}”应为“{l}{r}”"));
            let men = out.en(|| format!("a stray space {en}: `{l} {r}` should be `{l}{r}`"));
            let span = base + i..base + end;
            out.push_quick(
                &RULE,
                Quick::new(span.clone(), &mzh, &men).fix(
                    Applicability::Safe,
                    "删除空格",
                    "remove the space",
                    &[(span, "".into())],
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    fn hits(t: &str) -> Vec<String> {
        crate::check(t, &crate::Options::default())
            .into_iter()
            .filter(|d| d.code == "NL507")
            .map(|d| t[d.span.clone()].to_string())
            .collect()
    }

    #[test]
    fn flags_stray_spaces() {
        assert_eq!(
            hits("针对 10 月 9 日督查出的问题，全域无垃圾 专项治理。\n").len(),
            5
        );
    }

    #[test]
    fn silent_on_layout() {
        assert!(hits(
            "苏州市教育局 苏州市财政局关于做好检查工作的通知\n联系电话：8599719 传真：7630123。\n"
        )
        .is_empty());
        let t = "第一条 为加强管理，制定本办法。\n1.1  编制目的\n市审计局局长   李火生\n参加人员：张三 李四 王五。\n开展“揭榜挂帅出征 奔三冲九清零”专项行动。\nThe PM2.5 level，达标。\n";
        assert!(hits(t).is_empty(), "{:?}", hits(t));
    }
}
