//! `range-mark` (NL503): a hyphen or ASCII tilde for a range of years, dates, times or
//! quantities (2020-2021年 → 2020—2021年, 3-5年, 8:30-12:00).

use std::sync::LazyLock;

use super::prelude::*;
use crate::scan;

pub static RULE: Rule = Rule {
    code: "NL503",
    name: "range-mark",
    default_severity: Severity::Warning,
    summary: Text::new(
        "年份、日期、时间或数值的起止用了连字符“-”（2020-2021年 → 2020—2021年）",
        "a hyphen for a range of years, dates, times, quantities (2020-2021年 → 2020—2021年)",
    ),
    doc: Text::new(DOC_ZH, DOC_EN),
    implemented: true,
    check,
};

const DOC_ZH: &str = r#"
## 检查什么
用短横线“-”（或半角“~”）标示年份、日期、时间或数值的起止：2020-2021年、3-5年、8:30-12:00。
电话号码、标准编号（GB 17761—2018）、附件或图表编号（附件1-2）、带连字符的外文词不在此列。

## 为什么
GB/T 15834—2011 第 4.13.3.2 条：标示时间、地域等的起止用一字线“—”；短横线“-”用于化合物名称、
产品型号、电话号码等的内部连接。年份、日期、时间的修正可安全自动应用，数值范围的修正需确认。

## 错误示例
```text
实施期限为2020-2021年，办理时间为8:30-12:00。
```

## 正确写法
```text
实施期限为2020—2021年，办理时间为8:30—12:00。
```
"#;

const DOC_EN: &str = r#"
## What it does
Flags a hyphen `-` (or an ASCII tilde `~`) marking a range of years, dates, times or quantities:
2020-2021年, 3-5年, 8:30-12:00. Phone numbers, standards (GB 17761—2018), attachment and table
numbers (附件1-2) and hyphenated Latin words are left alone.

## Why is this bad?
GB/T 15834—2011 4.13.3.2: the start and end of a period or a span take the dash `—`; the short
hyphen joins parts of model numbers, phone numbers and the like. The fix is safe for years,
dates and times, and to be confirmed for other quantities.

## Example
```text
实施期限为2020-2021年，办理时间为8:30-12:00。
```

Use instead:
```text
实施期限为2020—2021年，办理时间为8:30—12:00。
```
"#;

static UNITS: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    let mut v: Vec<&str> = include_str!("../../rules/range-units.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect();
    v.sort_by_key(|u| std::cmp::Reverse(u.len()));
    v
});

fn is_dash(c: char) -> bool {
    matches!(c, '-' | '~' | '－' | '‐' | '‑')
}

/// A number just before byte `end` of `s`: its start, and whether it is a time (8:30).
fn number_before(s: &str, end: usize) -> Option<(usize, bool)> {
    let b = s.as_bytes();
    let mut i = end;
    while i > 0 && b[i - 1].is_ascii_digit() {
        i -= 1;
    }
    if i == end {
        return None;
    }
    // A time: hh:mm
    let pre = &s[..i];
    for colon in [":", "："] {
        if let Some(p) = pre.strip_suffix(colon) {
            let h = p.bytes().rev().take_while(u8::is_ascii_digit).count();
            if (1..=2).contains(&h) && end - i == 2 {
                return Some((p.len() - h, true));
            }
        }
    }
    // A decimal: 0.2
    if let Some(p) = pre.strip_suffix('.') {
        let h = p.bytes().rev().take_while(u8::is_ascii_digit).count();
        if h > 0 {
            return Some((p.len() - h, false));
        }
    }
    Some((i, false))
}

/// A number at the start of `s`: its length in bytes, and whether it is a time.
fn number_after(s: &str) -> Option<(usize, bool)> {
    let n = s.bytes().take_while(u8::is_ascii_digit).count();
    if n == 0 {
        return None;
    }
    for colon in [":", "："] {
        if let Some(r) = s[n..].strip_prefix(colon) {
            let m = r.bytes().take_while(u8::is_ascii_digit).count();
            if m == 2 && n <= 2 {
                return Some((n + colon.len() + 2, true));
            }
        }
    }
    if let Some(r) = s[n..].strip_prefix('.') {
        let m = r.bytes().take_while(u8::is_ascii_digit).count();
        if m > 0 {
            return Some((n + 1 + m, false));
        }
    }
    Some((n, false))
}

/// A Latin unit at the start of `s` (0.2-0.4MPa, 5-10mg/L), followed by no other letter.
fn latin_unit(s: &str) -> bool {
    const LATIN: [&str; 16] = [
        "mg/L", "mg/m", "μg", "MPa", "kPa", "kWh", "kW", "kg", "km", "cm", "mm", "dB", "mL", "min",
        "m", "t",
    ];
    LATIN.iter().any(|u| {
        s.starts_with(u)
            && !s[u.len()..]
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphanumeric())
    })
}

fn value(s: &str) -> Option<f64> {
    s.replace('：', ":").split(':').next()?.parse().ok()
}

/// `6月-9月`, `3日-5日`, `2023年-2025年`: a dash between two dates or years with units.
fn date_units(s: &str, base: usize, i: usize, c: char, out: &mut Findings) {
    let Some(unit) = s[..i]
        .chars()
        .next_back()
        .filter(|u| matches!(u, '年' | '月' | '日'))
    else {
        return;
    };
    let ul = unit.len_utf8();
    if !s[..i - ul]
        .bytes()
        .next_back()
        .is_some_and(|b| b.is_ascii_digit())
    {
        return;
    }
    let after = i + c.len_utf8();
    let Some((bl, false)) = number_after(&s[after..]) else {
        return;
    };
    let rest = &s[after + bl..];
    if !rest.starts_with(['年', '月', '日']) {
        return;
    }
    let shown = &s[i
        - ul
        - s[..i - ul]
            .bytes()
            .rev()
            .take_while(u8::is_ascii_digit)
            .count()..after + bl + 3];
    let good = shown.replacen(c, "—", 1);
    // Only the shown language is formatted; nothing is built but the message.
    let zh = out.zh(|| {
        format!("日期范围“{shown}”用了“{c}”，起止应用一字线“—”：“{good}”（GB/T 15834 4.13.3.2）")
    });
    let en = out.en(|| format!("the range of dates `{shown}` uses `{c}`; a range takes the dash `—`: `{good}` (GB/T 15834 4.13.3.2)"));
    let span = base + i..base + after;
    out.push_quick(
        &RULE,
        Quick::new(span.clone(), &zh, &en).fix(
            Applicability::Safe,
            "改为“—”",
            "replace with `—`",
            &[(span, "—".into())],
        ),
    );
}

fn check(ctx: &Ctx, out: &mut Findings) {
    let text = ctx.text;
    let mut dashes: Vec<usize> = Vec::new();
    for (pi, p) in ctx.notice.paragraphs.iter().enumerate() {
        // Every range needs an ASCII digit after its dash, and a dash: - ~ (ASCII), － (DASH),
        // ‐ ‑ (GENERAL_PUNCT).
        let cl = ctx.para_classes(pi);
        if !cl.any_ascii(scan::DIGITS)
            || !(cl.any_ascii(scan::ascii_mask(b"-~"))
                || cl.any(scan::class::DASH | scan::class::GENERAL_PUNCT))
        {
            continue;
        }
        let s = &text[p.span.clone()];
        let base = p.span.start;
        let b = s.as_bytes();
        dashes.clear();
        dashes.extend(memchr::memchr2_iter(b'-', b'~', b));
        let (dash, general) = (
            cl.any(scan::class::DASH),
            cl.any(scan::class::GENERAL_PUNCT),
        );
        for (d, present) in [("－", dash), ("‐", general), ("‑", general)] {
            if present {
                dashes.extend(memchr::memmem::find_iter(b, d.as_bytes()));
            }
        }
        dashes.sort_unstable();
        for &i in &dashes {
            let c = s[i..].chars().next().unwrap_or(' ');
            if !is_dash(c) {
                continue;
            }
            let Some((a, a_time)) = number_before(s, i) else {
                // 6月-9月, 3日-5日: the unit written on both sides.
                date_units(s, base, i, c, out);
                continue;
            };
            let after = i + c.len_utf8();
            let Some((bl, b_time)) = number_after(&s[after..]) else {
                continue;
            };
            let b_end = after + bl;
            let left = &s[a..i];
            let right = &s[after..b_end];
            let prev = s[..a].chars().next_back();
            let next = s[b_end..].chars().next();
            // Part of a longer code: 2023-08-26, 0512-6812-3456, GB/T 15834-2011, A1-2.
            if prev.is_some_and(|c| {
                c.is_ascii_alphanumeric() || matches!(c, '/' | '-' | '.' | '_' | '#' | '－')
            }) || (next.is_some_and(|c| {
                c.is_ascii_alphanumeric() || matches!(c, '/' | '-' | '.' | '_' | '－')
            }) && !latin_unit(&s[b_end..]))
            {
                continue;
            }
            // A standard or code with a space: GB 17761-2018, ISO 9001-2015.
            let lead = s[..a].trim_end_matches(' ');
            if lead.len() < a
                && lead
                    .chars()
                    .next_back()
                    .is_some_and(|c| c.is_ascii_alphanumeric())
            {
                continue;
            }
            // Phone numbers and other long codes.
            if !(a_time && b_time)
                && (left.len() > 4
                    || right.len() > 5
                    || (left.starts_with('0') && left.len() >= 3 && !left.contains('.')))
            {
                continue;
            }
            let rest = &s[b_end..];
            let kind; // (zh, en, safe)
            if a_time && b_time {
                kind = ("时间", "time", true);
            } else if a_time || b_time {
                continue;
            } else {
                let (Some(x), Some(y)) = (value(left), value(right)) else {
                    continue;
                };
                if x >= y {
                    continue;
                }
                let is_year =
                    |v: &str| v.len() == 4 && (1900.0..=2100.0).contains(&value(v).unwrap_or(0.0));
                let before_month = s[..a].ends_with('年') || s[..a].ends_with("年度");
                if is_year(left) && is_year(right) && (rest.starts_with('年') || y - x <= 30.0) {
                    kind = ("年份", "years", true);
                } else if rest.starts_with('月') && y <= 12.0 {
                    kind = ("月份", "months", true);
                } else if rest.starts_with('日')
                    && y <= 31.0
                    && (before_month || s[..a].ends_with('月'))
                {
                    kind = ("日期", "days", true);
                } else if UNITS.iter().any(|u| rest.starts_with(*u)) || latin_unit(rest) {
                    kind = ("数值", "quantities", false);
                } else {
                    continue;
                }
            }
            let (zh, en, safe) = kind;
            // Attachment, table and figure numbers: 附件1-2, 表3-1.
            if s[..a].ends_with(['表', '图', '附', '件', '号', '式', '第', '编']) && zh == "数值"
            {
                continue;
            }
            let shown = &s[a..b_end];
            let good = format!("{left}—{right}");
            // Only the shown language is formatted; nothing is built but the message.
            let mzh = out.zh(|| format!("{zh}范围“{shown}”用了“{c}”，起止应用一字线“—”：“{good}”（GB/T 15834 4.13.3.2）"));
            let men = out.en(|| format!("the range of {en} `{shown}` uses `{c}`; a range takes the dash `—`: `{good}` (GB/T 15834 4.13.3.2)"));
            let span = base + i..base + after;
            out.push_quick(
                &RULE,
                Quick::new(span.clone(), &mzh, &men).fix(
                    if safe {
                        Applicability::Safe
                    } else {
                        Applicability::Unsafe
                    },
                    "改为“—”",
                    "replace with `—`",
                    &[(span, "—".into())],
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
            .filter(|d| d.code == "NL503")
            .map(|d| t[d.span.clone()].to_string())
            .collect()
    }

    #[test]
    fn flags_hyphen_ranges() {
        assert_eq!(hits("在2020-2021年。\n").len(), 1);
        assert_eq!(hits("用3-5年时间。\n").len(), 1);
        assert_eq!(hits("时间为8:30-12:00。\n").len(), 1);
        assert_eq!(hits("2024年1-4月，共有\n").len(), 1);
        assert_eq!(hits("约10~20人参加\n").len(), 1);
        assert_eq!(hits("于6月-9月实施\n").len(), 1);
        assert_eq!(hits("压力为0.2-0.4MPa。\n").len(), 1);
    }

    #[test]
    fn silent_on_codes() {
        let t = "电话0512-68123456，标准GB 17761-2018，DB32/1072-2018，见附件1-2中，时间2023-08-26 20:15:50，COVID-19，表3-1列明，编号12-3号楼。\n";
        assert!(hits(t).is_empty(), "{:?}", hits(t));
    }
}
