//! `date-format` (NL504): the 成文日期 not in Arabic numerals with a full year and no
//! leading zeros; one date written in two forms (二〇〇八年8月8日).

use super::prelude::*;

pub static RULE: Rule = Rule {
    code: "NL504",
    name: "date-format",
    default_severity: Severity::Warning,
    summary: Text::new(
        "成文日期未用阿拉伯数字标全年月日或编了虚位；一个日期混用两种数字",
        "成文日期 not Arabic with full year and no leading zeros; one date in two forms",
    ),
    doc: Text::new(DOC_ZH, DOC_EN),
    implemented: true,
    check,
};

const DOC_ZH: &str = r#"
## 检查什么
成文日期没有用阿拉伯数字将年、月、日标全：年份只写两位（24年）、月日编了虚位（03月05日）、
2012年7月1日以后的成文日期仍用汉字数字（二〇二四年三月五日）；以及正文中一个日期混用汉字数字和
阿拉伯数字（二〇〇八年8月8日）。

## 为什么
GB/T 9704—2012 第 7.3.5.4 条：成文日期用阿拉伯数字将年、月、日标全，年份应标全称，月、日不编虚位
（即 1 不编为 01）。该标准 2012 年 7 月 1 日起实施，此前的 GB/T 9704—1999 要求汉字数字，故更早的
成文日期不报。GB/T 15835—2011 要求同一日期的数字形式一致。

## 错误示例
```text
2024年03月05日
```

## 正确写法
```text
2024年3月5日
```
"#;

const DOC_EN: &str = r#"
## What it does
Flags a 成文日期 (the date under the signature) that is not written in Arabic numerals with a
full year and no leading zeros: a two-digit year (24年), leading zeros (03月05日), Chinese
numerals in a date after 1 July 2012 (二〇二四年三月五日); and any date that mixes Chinese and
Arabic numerals (二〇〇八年8月8日).

## Why is this bad?
GB/T 9704—2012 7.3.5.4: the 成文日期 gives year, month and day in Arabic numerals, the year in
full and no leading zeros (1, not 01). The standard took effect on 1 July 2012; its 1999
predecessor required Chinese numerals, so older dates are not reported. GB/T 15835—2011 asks
for one form of numerals within one date.

## Example
```text
2024年03月05日
```

Use instead:
```text
2024年3月5日
```
"#;

/// The searcher for 年, set up once.
static NIAN: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
    std::sync::LazyLock::new(|| memchr::memmem::Finder::new("年"));

fn is_cn(c: char) -> bool {
    crate::numeral::is_cn_numeral_char(c) || matches!(c, '○' | '◯' | 'Ｏ')
}

/// The (year, month, day) tokens of a `Y年M月D日` at the start of `s`, as byte ranges.
type Parts = [(usize, usize); 3];

fn split_date(s: &str) -> Option<Parts> {
    let mut parts = [(0, 0); 3];
    let mut at = 0;
    for (k, sep) in ['年', '月', '日'].into_iter().enumerate() {
        // The characters of the part, read from their bytes (`char_at`, no decoder).
        let mut j = at;
        while let Some(c) = crate::quantity::char_at(s, j) {
            if !(c.is_ascii_digit() || is_cn(c) || matches!(c, 'O' | 'o' | '０'..='９')) {
                break;
            }
            j += c.len_utf8();
        }
        let len = j - at;
        if len == 0 || !s[at + len..].starts_with(sep) {
            return None;
        }
        parts[k] = (at, at + len);
        at += len + sep.len_utf8();
    }
    Some(parts)
}

fn arabic(t: &str) -> bool {
    t.chars().all(|c| c.is_ascii_digit())
}

fn chinese(t: &str) -> bool {
    t.chars().all(is_cn)
}

fn check(ctx: &Ctx, out: &mut Findings) {
    use crate::scan::class;
    let text = ctx.text;
    let n = ctx.notice;
    // The 成文日期.
    if let Some(d) = n.date {
        let p = &n.paragraphs[d];
        let s = &text[p.span.clone()];
        let lead = s.len() - s.trim_start_matches(|c: char| c.is_whitespace()).len();
        let t = s[lead..].trim_end();
        let base = p.span.start + lead;
        if let Some([y, m, dd]) = split_date(t) {
            let ys = &t[y.0..y.1];
            let ms = &t[m.0..m.1];
            let ds = &t[dd.0..dd.1];
            let all_ar = arabic(ys) && arabic(ms) && arabic(ds);
            let all_cn = chinese(ys) && chinese(ms) && chinese(ds);
            let ylen = ys.chars().count();
            if ylen == 2 && (all_ar || all_cn) {
                out.push(ctx.diag(
                    &RULE,
                    base + y.0..base + y.1,
                    format!("成文日期的年份“{ys}”只写了两位，应标全称（GB/T 9704 7.3.5.4）"),
                    format!("the year `{ys}` of the 成文日期 has two digits; write it in full (GB/T 9704 7.3.5.4)"),
                ));
            } else if all_ar {
                let mut edits = Vec::new();
                for r in [m, dd] {
                    let v = &t[r.0..r.1];
                    if v.len() > 1 && v.starts_with('0') {
                        edits.push(Edit {
                            span: base + r.0..base + r.0 + 1,
                            replacement: "".into(),
                        });
                    }
                }
                if !edits.is_empty() {
                    let fixed = format!(
                        "{ys}年{}月{}日",
                        ms.trim_start_matches('0'),
                        ds.trim_start_matches('0')
                    );
                    out.push(
                        ctx.diag(
                            &RULE,
                            base + m.0..base + dd.1,
                            format!("成文日期的月、日不编虚位：应为“{fixed}”（GB/T 9704 7.3.5.4）"),
                            format!("the 成文日期 has leading zeros; write `{fixed}` (GB/T 9704 7.3.5.4)"),
                        )
                        .with_fix(Fix {
                            message: Msg::new(format!("改为“{fixed}”"), format!("replace with `{fixed}`")),
                            applicability: Applicability::Safe,
                            edits,
                        }),
                    );
                }
            } else if all_cn && ylen == 4 {
                let yv = crate::numeral::parse_cn(&ys.replace(['○', '◯', 'Ｏ'], "〇")).unwrap_or(0);
                let mv = crate::numeral::parse_cn(ms).unwrap_or(0);
                if yv > 2012 || (yv == 2012 && mv >= 7) {
                    out.push(ctx.diag(
                        &RULE,
                        base..base + t.len(),
                        "成文日期应用阿拉伯数字将年、月、日标全（GB/T 9704—2012 7.3.5.4）",
                        "the 成文日期 is written in Arabic numerals since GB/T 9704—2012 (7.3.5.4)",
                    ));
                }
            }
        }
    }
    // Any date that mixes Chinese and Arabic numerals.
    for (pi, p) in n.paragraphs.iter().enumerate() {
        // Only a line with 年 (DATE), an ASCII digit (an Arabic part) and a Chinese
        // numeral (a Chinese part: 〇一…十百千万 are HAN_DIGIT, ○ ◯ ROUND_ZERO, Ｏ FW_LATIN)
        // can hold one.
        let c = ctx.para_classes(pi);
        if !c.any(crate::scan::class::DATE)
            || !c.any_ascii(crate::scan::DIGITS)
            || !c.any(class::HAN_DIGIT | class::ROUND_ZERO | class::FW_LATIN)
        {
            continue;
        }
        let s = &text[p.span.clone()];
        let base = p.span.start;
        // The 年s found by memchr's substring search (`match_indices('年')` looks for its
        // last byte, B4, which many other characters end with).
        for i in NIAN.find_iter(s.as_bytes()) {
            // Back to the start of the year, read from the bytes (`char_before`), counting
            // its characters: a fifth one already makes it no four-character year.
            let (mut ystart, mut ychars) = (i, 0);
            while let Some(c) = crate::quantity::char_before(s, ystart) {
                if !(c.is_ascii_digit() || is_cn(c)) || ychars > 4 {
                    break;
                }
                ystart -= c.len_utf8();
                ychars += 1;
            }
            if ychars != 4 {
                continue;
            }
            let Some([y, m, d]) = split_date(&s[ystart..]) else {
                continue;
            };
            let t = &s[ystart..];
            let (ys, ms, ds) = (&t[y.0..y.1], &t[m.0..m.1], &t[d.0..d.1]);
            let forms = [ys, ms, ds].map(|x| (arabic(x), chinese(x)));
            if forms.iter().any(|(a, c)| !a && !c) {
                continue;
            }
            let mixed = forms.iter().any(|f| f.0) && forms.iter().any(|f| f.1);
            let span = base + ystart..base + ystart + d.1 + '日'.len_utf8();
            if !mixed {
                continue;
            }
            out.push(ctx.diag(
                &RULE,
                span,
                format!("日期“{ys}年{ms}月{ds}日”混用汉字数字和阿拉伯数字，应统一（GB/T 15835）"),
                format!("the date `{ys}年{ms}月{ds}日` mixes Chinese and Arabic numerals; use one form (GB/T 15835)"),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    fn hits(t: &str) -> Vec<String> {
        crate::check(t, &crate::Options::default())
            .into_iter()
            .filter(|d| d.code == "NL504")
            .map(|d| t[d.span.clone()].to_string())
            .collect()
    }

    #[test]
    fn flags_date_forms() {
        let head = "关于开展检查的通知\n各单位：\n现将有关事项通知如下。\n某某局\n";
        assert_eq!(hits(&format!("{head}2024年03月05日\n")), vec!["03月05"]);
        assert_eq!(
            hits(&format!("{head}二〇二四年三月五日\n")),
            vec!["二〇二四年三月五日"]
        );
        assert_eq!(hits(&format!("{head}24年3月5日\n")), vec!["24"]);
        assert_eq!(hits("于二〇〇八年8月8日召开。\n"), vec!["二〇〇八年8月8日"]);
    }

    #[test]
    fn silent_on_good_dates() {
        let head = "关于开展检查的通知\n各单位：\n现将有关事项通知如下。\n某某局\n";
        assert!(hits(&format!("{head}2024年3月5日\n")).is_empty());
        assert!(hits(&format!("{head}二〇〇九年七月十六日\n")).is_empty());
    }
}
