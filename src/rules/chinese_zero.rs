//! `chinese-zero` (NL502): ○ (U+25CB), O, o or 0 used as the zero of a Chinese-numeral date
//! or number (二○○九年 → 二〇〇九年).

use super::prelude::*;

pub static RULE: Rule = Rule {
    code: "NL502",
    name: "chinese-zero",
    default_severity: Severity::Error,
    summary: Text::new(
        "汉字数字中的零用了“○”或字母O（二○○九年 → 二〇〇九年）",
        "○ or O as the zero of a Chinese-numeral date (二○○九年 → 二〇〇九年)",
    ),
    doc: Text::new(DOC_ZH, DOC_EN),
    implemented: true,
    check,
};

const DOC_ZH: &str = r#"
## 检查什么
汉字数字（多见于年份）中的“零”写成了几何图形“○”（U+25CB）、“◯”、拉丁字母“O”“o”或阿拉伯数字“0”。

## 为什么
GB/T 15835—2011 规定：数字“0”用作计量时，汉字数字形式为“零”；用作编号时为“〇”（汉字，U+3007）。
“○”是几何图形符号，“O”是字母，字形、字宽和检索都与“〇”不同，读者一眼可见。可安全自动修正。

## 错误示例
```text
二○○九年七月十六日
```

## 正确写法
```text
二〇〇九年七月十六日
```
"#;

const DOC_EN: &str = r#"
## What it does
Flags the geometric circle ○ (U+25CB), ◯, the letters O and o or the digit 0 used as the zero
inside a Chinese-numeral date or number.

## Why is this bad?
GB/T 15835—2011: the zero of a Chinese numeral is the character 〇 (U+3007). ○ is a shape and
O a letter; they look different, have a different width and break searching. Safe fix.

## Example
```text
二○○九年七月十六日
```

Use instead:
```text
二〇〇九年七月十六日
```
"#;

fn is_wrong_zero(c: char) -> bool {
    matches!(
        c,
        '○' | '◯' | 'O' | 'o' | 'Ｏ' | 'ｏ' | '0' | '０' | '⚪' | '〇'
    )
}

fn is_cn_digit(c: char) -> bool {
    matches!(
        c,
        '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '〇' | '十'
    )
}

/// Whether the walk below can report a run around a Chinese digit of `b[from..hi]`, the
/// rest of a numeral run (looked at by bytes, before any character is decoded):
/// - it needs a Chinese digit other than 〇 there: all ten (一 to 九, 十) are three bytes
///   long with the lead byte E4 or E5 (runs of ASCII digits, 2024, have none);
/// - the run it widens to holds a zero look-alike. A numeral run is maximal and every
///   Chinese digit is a numeral, so that run goes past `b[from..hi]` only through a
///   look-alike that is no numeral (O o ｏ ◯ ⚪) right before or after it (or, when
///   `from` is where the last widened run ended, not at all: the character there ended
///   it). The look-alikes are the ASCII bytes 0 O o and three-byte characters with the
///   lead byte E2 (○ ◯ ⚪) or EF (Ｏ ｏ ０); 〇 is never reported as one.
fn may_report(b: &[u8], from: usize, hi: usize) -> bool {
    let part = &b[from..hi];
    let zero_lead = |x: u8| matches!(x, b'0' | b'O' | b'o' | 0xE2 | 0xEF);
    part.iter().any(|&x| matches!(x, 0xE4 | 0xE5))
        && (part.iter().any(|&x| zero_lead(x))
            || b.get(hi).is_some_and(|&x| zero_lead(x))
            || (from >= 1 && zero_lead(b[from - 1]))
            || (from >= 3 && matches!(b[from - 3], 0xE2 | 0xEF)))
}

fn check(ctx: &Ctx, out: &mut Findings) {
    use crate::scan::{ascii_mask, class};
    let text = ctx.text;
    let runs = ctx.numeral_runs();
    for (pi, p) in ctx.notice.paragraphs.iter().enumerate() {
        // A finding needs a Chinese digit and a zero look-alike (0 O o ０ Ｏ ｏ ○ ◯ ⚪).
        let cl = ctx.para_classes(pi);
        if !cl.any(class::HAN_DIGIT)
            || !(cl.any_ascii(ascii_mask(b"0Oo"))
                || cl.any(class::FW_DIGIT | class::FW_LATIN | class::ROUND_ZERO))
        {
            continue;
        }
        let s = &text[p.span.clone()];
        let base = p.span.start;
        // A run of Chinese digits and zero look-alikes is reported only when it holds a
        // Chinese digit other than 〇; those are numeral characters, so each such run is
        // found from a numeral run holding one, then widened to its whole extent.
        let mut done = 0;
        let first = runs.partition_point(|r| r.1 as usize <= p.span.start);
        for r in runs[first..]
            .iter()
            .map(|&(a, z)| (a as usize, z as usize))
            .take_while(|r| r.0 < p.span.end)
        {
            let hi = r.1.min(p.span.end) - base;
            let mut from = (r.0.max(p.span.start) - base).max(done);
            if from >= hi || !may_report(s.as_bytes(), from, hi) {
                continue;
            }
            while from < hi {
                let Some(k) = s[from..hi]
                    .char_indices()
                    .find(|(_, c)| is_cn_digit(*c) && *c != '〇')
                    .map(|(k, _)| from + k)
                else {
                    break;
                };
                let in_run = |c: char| is_cn_digit(c) || is_wrong_zero(c);
                let start = s[..k]
                    .char_indices()
                    .rev()
                    .take_while(|(_, c)| in_run(*c))
                    .last()
                    .map_or(k, |(i, _)| i);
                let end = s[k..]
                    .char_indices()
                    .find(|(_, c)| !in_run(*c))
                    .map_or(s.len(), |(i, _)| k + i);
                done = end;
                from = end;
                let before = s[..start].chars().next_back();
                let run = &s[start..end];
                let after = s[end..].chars().next();
                let wrong: Vec<(usize, char)> = run
                    .char_indices()
                    .filter(|(_, c)| is_wrong_zero(*c) && *c != '〇')
                    .collect();
                if wrong.is_empty() {
                    continue;
                }
                let cn = run
                    .chars()
                    .filter(|c| is_cn_digit(*c) && *c != '〇')
                    .count();
                let alnum = |c: Option<char>| {
                    c.is_some_and(|c| {
                        c.is_ascii_alphanumeric() || c.is_alphabetic() && !super::text::is_han(c)
                    })
                };
                if cn == 0 || alnum(before) || alnum(after) {
                    continue;
                }
                // A year (二○○九年), or a longer digit-by-digit number.
                let n = run.chars().count();
                let year = after == Some('年') && n == 4;
                if !(year || (n >= 3 && !run.contains('十'))) {
                    continue;
                }
                let edits: Vec<Edit> = wrong
                    .iter()
                    .map(|&(k, z)| Edit {
                        span: base + start + k..base + start + k + z.len_utf8(),
                        replacement: "〇".into(),
                    })
                    .collect();
                let fixed: String = run
                    .chars()
                    .map(|c| if is_wrong_zero(c) { '〇' } else { c })
                    .collect();
                let z = wrong[0].1;
                let (zh_name, en_name) = match z {
                    '○' | '◯' | '⚪' => ("几何图形“○”", "the circle `○`"),
                    '0' | '０' => ("阿拉伯数字“0”", "the digit `0`"),
                    _ => ("字母“O”", "the letter `O`"),
                };
                out.push(
                ctx.diag(
                    &RULE,
                    base + start..base + end,
                    format!("“{run}”中的零用了{zh_name}，应为汉字“〇”：“{fixed}”"),
                    format!("`{run}` writes its zero with {en_name}; use the character `〇`: `{fixed}` (GB/T 15835)"),
                )
                .with_fix(Fix {
                    message: Msg::new(format!("改为“{fixed}”"), format!("replace with `{fixed}`")),
                    applicability: Applicability::Safe,
                    edits,
                }),
            );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    fn hits(t: &str) -> Vec<String> {
        crate::check(t, &crate::Options::default())
            .into_iter()
            .filter(|d| d.code == "NL502")
            .map(|d| t[d.span.clone()].to_string())
            .collect()
    }

    #[test]
    fn flags_lookalike_zeros() {
        assert_eq!(hits("二○○九年七月十六日\n"), vec!["二○○九"]);
        assert_eq!(hits("二OO三年十二月四日\n"), vec!["二OO三"]);
        assert_eq!(hits("于二0二四年三月\n"), vec!["二0二四"]);
    }

    #[test]
    fn silent_on_good_text() {
        assert!(hits("二〇〇九年七月十六日\nCOVID一〇九\n第十O号\nPM2.5、O2\n一O\n").is_empty());
    }
}
