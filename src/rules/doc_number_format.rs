//! `doc-number-format` (NL501): a 发文字号 not of the form 代字〔YYYY〕N号 ([] 【】 brackets,
//! a two-digit year, 第, leading zeros, a missing 〕 or 号).
//!
//! GB/T 9704—2012 7.2.5: 年份、发文顺序号用阿拉伯数字标注；年份应标全称，用六角括号“〔〕”括入；
//! 发文顺序号不加“第”字，不编虚位（即1不编为01），在阿拉伯数字后加“号”。

use super::prelude::*;
use super::text::is_han;

pub static RULE: Rule = Rule {
    code: "NL501",
    name: "doc-number-format",
    default_severity: Severity::Error,
    summary: Text::new(
        "发文字号不符合“代字〔年份〕序号号”格式（[]、【】括号，缺〕或号）",
        "a 发文字号 not of the form 代字〔YYYY〕N号 ([] 【】 brackets, missing 〕 or 号, mixed forms)",
    ),
    doc: Text::new(DOC_ZH, DOC_EN),
    implemented: true,
    check,
};

const DOC_ZH: &str = r#"
## 检查什么
发文字号（本文的或引用的）不符合“代字〔年份〕序号号”格式：年份用 [] 【】 () „‟ 等括号而非六角括号〔〕，
年份只写两位，序号前加“第”，序号编虚位（01），缺“〕”或缺“号”。

## 为什么
GB/T 9704—2012 第 7.2.5 条规定：年份应标全称，用六角括号“〔〕”括入；发文顺序号不加“第”字，
不编虚位（即 1 不编为 01），在阿拉伯数字后加“号”。错误的文号读者一眼就能看出，也妨碍检索引用。

## 错误示例
```text
许政[2009]34号
```

## 正确写法
```text
许政〔2009〕34号
```
"#;

const DOC_EN: &str = r#"
## What it does
Flags a 发文字号 (the notice's own or a cited one) not of the form 代字〔YYYY〕N号: the year in
[] 【】 () „‟ brackets instead of 〔〕, a two-digit year, 第 before the number, a leading zero,
a missing 〕 or 号.

## Why is this bad?
GB/T 9704—2012 7.2.5: the year is written in full inside the hexagonal brackets 〔〕; the number
takes no 第 and no leading zeros (1, not 01) and is followed by 号. A malformed 文号 is seen at
once and hampers citing and searching.

## Example
```text
许政[2009]34号
```

Use instead:
```text
许政〔2009〕34号
```
"#;

/// Wrong bracket pairs used around the year of a 文号.
const WRONG: [(char, char); 8] = [
    ('[', ']'),
    ('【', '】'),
    ('„', '‟'),
    ('［', '］'),
    ('﹝', '﹞'),
    ('(', ')'),
    ('（', '）'),
    ('〈', '〉'),
];

/// Length in bytes of the ASCII digits at the start of `s`.
fn digits(s: &str) -> usize {
    s.bytes().take_while(|b| b.is_ascii_digit()).count()
}

fn check(ctx: &Ctx, out: &mut Findings) {
    let text = ctx.text;
    let mut first_good: Option<std::ops::Range<usize>> = None;
    let mut bad: Vec<Diagnostic> = Vec::new();
    let runs = ctx.numeral_runs();
    let mut opens: Vec<(usize, char)> = Vec::new();
    for (pi, p) in ctx.notice.paragraphs.iter().enumerate() {
        // Every form below is an opening bracket of `WRONG` or 〔 (PAIR, GENERAL_PUNCT for
        // „, OTHER for ［ ﹝, or an ASCII [ ( ) followed by an ASCII digit.
        use crate::scan::{ascii_mask, class, DIGITS};
        let cl = ctx.para_classes(pi);
        if !cl.any_ascii(DIGITS)
            || !(cl.any_ascii(ascii_mask(b"[("))
                || cl.any(class::PAIR | class::GENERAL_PUNCT | class::OTHER))
        {
            continue;
        }
        let s = &text[p.span.clone()];
        let base = p.span.start;
        // Every form below needs an ASCII digit right after the opening bracket. A bracket is
        // no numeral, so that digit starts a numeral run: the brackets are found from the runs.
        opens.clear();
        let first = runs.partition_point(|r| (r.0 as usize) < p.span.start);
        for r in runs[first..]
            .iter()
            .map(|&(a, z)| (a as usize, z))
            .take_while(|r| r.0 < p.span.end)
        {
            if !text.as_bytes()[r.0].is_ascii_digit() {
                continue;
            }
            let i = r.0 - base;
            if let Some(c) = s[..i].chars().next_back() {
                if c == '〔' || WRONG.iter().any(|(o, _)| *o == c) {
                    opens.push((i - c.len_utf8(), c));
                }
            }
        }
        for &(i, open) in &opens {
            // The 代字 before the bracket ends in a Han character.
            if !s[..i].chars().next_back().is_some_and(is_han) {
                continue;
            }
            let after_open = i + open.len_utf8();
            let rest = &s[after_open..];
            let yl = digits(rest);
            if open == '〔' {
                if yl == 0 {
                    continue;
                }
                let after_year = &rest[yl..];
                if yl > 4 && yl <= 10 && !after_year.starts_with('〕') {
                    // 曲水府发〔202321: the 〕 is missing after the year.
                    let at = base + after_open + 4;
                    out.push(
                        ctx.diag(
                            &RULE,
                            base + i..base + after_open + yl,
                            format!(
                                "发文字号缺少“〕”：“{}”应为“〔{}〕…号”",
                                &rest[..yl],
                                &rest[..4]
                            ),
                            format!(
                                "the 文号 lacks its `〕`: `{}` should read `〔{}〕…号`",
                                &rest[..yl],
                                &rest[..4]
                            ),
                        )
                        .label(at..at, "此处缺“〕”", "`〕` missing here"),
                    );
                    continue;
                }
                if !after_year.starts_with('〕') {
                    continue;
                }
                let num_from = after_open + yl + '〕'.len_utf8();
                let tail = &s[num_from..];
                let has_di = tail.starts_with('第');
                let nstart = num_from + if has_di { '第'.len_utf8() } else { 0 };
                let nl = digits(&s[nstart..]);
                if nl == 0 {
                    continue;
                }
                let after_num = &s[nstart + nl..];
                let has_hao = after_num.starts_with('号');
                let year = &rest[..yl];
                let span =
                    base + i..base + nstart + nl + if has_hao { '号'.len_utf8() } else { 0 };
                if yl == 2 {
                    out.push(ctx.diag(
                        &RULE,
                        base + after_open..base + after_open + yl,
                        format!("发文字号的年份“{year}”只写了两位，应标全称（如〔20{year}〕）"),
                        format!("the 文号's year `{year}` has two digits; write it in full (GB/T 9704 7.2.5)"),
                    ));
                    continue;
                }
                if yl != 4 {
                    continue;
                }
                if has_di && has_hao {
                    let d = base + num_from..base + nstart;
                    out.push(
                        ctx.diag(
                            &RULE,
                            d.clone(),
                            "发文顺序号不加“第”字（GB/T 9704 7.2.5）",
                            "the number of a 文号 takes no `第` (GB/T 9704 7.2.5)",
                        )
                        .with_fix(Fix {
                            message: Msg::new("删除“第”", "remove `第`"),
                            applicability: Applicability::Safe,
                            edits: vec![Edit {
                                span: d,
                                replacement: "".into(),
                            }],
                        }),
                    );
                    continue;
                }
                if nl > 1 && s[nstart..].starts_with('0') && has_hao {
                    let z = s[nstart..nstart + nl]
                        .bytes()
                        .take_while(|b| *b == b'0')
                        .count()
                        .min(nl - 1);
                    let zs = base + nstart..base + nstart + z;
                    out.push(
                        ctx.diag(
                            &RULE,
                            base + nstart..base + nstart + nl,
                            format!(
                                "发文顺序号“{}”编了虚位，应为“{}”",
                                &s[nstart..nstart + nl],
                                &s[nstart + z..nstart + nl]
                            ),
                            format!(
                                "the number `{}` has leading zeros; write `{}` (GB/T 9704 7.2.5)",
                                &s[nstart..nstart + nl],
                                &s[nstart + z..nstart + nl]
                            ),
                        )
                        .with_fix(Fix {
                            message: Msg::new("删除前导的0", "remove the leading zeros"),
                            applicability: Applicability::Safe,
                            edits: vec![Edit {
                                span: zs,
                                replacement: "".into(),
                            }],
                        }),
                    );
                    continue;
                }
                if !has_hao {
                    // Only where nothing else can follow: the end of the line or a bracket.
                    let next = after_num.chars().next();
                    let own_line = ctx
                        .notice
                        .doc_number
                        .is_some_and(|d| ctx.notice.paragraphs[d].span == p.span);
                    if (next.is_none() && own_line) || matches!(next, Some('）' | ')')) {
                        let e = base + nstart + nl;
                        out.push(
                            ctx.diag(
                                &RULE,
                                base + i..e,
                                "发文字号缺少“号”字",
                                "the 文号 lacks its closing `号`",
                            )
                            .label(
                                e..e,
                                "此处应有“号”",
                                "`号` missing here",
                            ),
                        );
                    }
                    continue;
                }
                if first_good.is_none() {
                    first_good = Some(span);
                }
                continue;
            }
            let Some(&(_, close)) = WRONG.iter().find(|(o, _)| *o == open) else {
                continue;
            };
            if yl != 4 {
                continue;
            }
            let year = &rest[..4];
            let yv: u32 = year.parse().unwrap_or(0);
            if !(1949..=2099).contains(&yv) || !rest[4..].starts_with(close) {
                continue;
            }
            let num_from = after_open + 4 + close.len_utf8();
            let tail = &s[num_from..];
            let nstart = num_from
                + if tail.starts_with('第') {
                    '第'.len_utf8()
                } else {
                    0
                };
            let nl = digits(&s[nstart..]);
            if nl == 0 || nl > 6 || !s[nstart + nl..].starts_with('号') {
                continue;
            }
            let span = base + i..base + num_from;
            let whole = &s[i..nstart + nl + '号'.len_utf8()];
            let fixed = format!("〔{year}〕");
            bad.push(
                ctx.diag(
                    &RULE,
                    span.clone(),
                    format!("发文字号的年份用了“{open}{close}”，应用六角括号：“{fixed}”（GB/T 9704 7.2.5）"),
                    format!("the year of the 文号 `{whole}` is bracketed with `{open}{close}`; use the hexagonal brackets `{fixed}` (GB/T 9704 7.2.5)"),
                )
                .with_fix(Fix {
                    message: Msg::new(format!("改为“{fixed}”"), format!("replace with `{fixed}`")),
                    applicability: Applicability::Safe,
                    edits: vec![Edit { span, replacement: fixed.clone().into() }],
                }),
            );
        }
    }
    for mut d in bad {
        if let Some(g) = &first_good {
            d = d.label(
                g.clone(),
                "本文其他文号用的是〔〕",
                "other 文号 in this notice use 〔〕",
            );
        }
        out.push(d);
    }
}

#[cfg(test)]
mod tests {
    fn codes(t: &str) -> Vec<String> {
        crate::check(t, &crate::Options::default())
            .into_iter()
            .filter(|d| d.code == "NL501")
            .map(|d| t[d.span.clone()].to_string())
            .collect()
    }

    #[test]
    fn flags_wrong_forms() {
        assert_eq!(codes("许政[2009]34号\n"), vec!["[2009]"]);
        assert_eq!(
            codes("见《通知》（湘政发【2012】33号）。\n"),
            vec!["【2012】"]
        );
        assert_eq!(codes("据（国办发„2009‟3号）精神。\n"), vec!["„2009‟"]);
        assert_eq!(codes("曲水府发〔202321\n"), vec!["〔202321"]);
        assert_eq!(codes("根据某政发〔2024〕第3号文件。\n"), vec!["第"]);
        assert_eq!(codes("根据某政发〔2024〕03号文件。\n"), vec!["03"]);
        assert_eq!(codes("根据某政发〔24〕3号文件。\n"), vec!["24"]);
    }

    #[test]
    fn accepts_good_forms() {
        assert!(codes(
            "苏政办发〔2023〕45号\n《规划（2021—2035年）》\n判决书（2020）苏01民终123号\n"
        )
        .is_empty());
        assert!(codes("规划(2021-2035年)，电话(0512)3号楼\n").is_empty());
    }
}
