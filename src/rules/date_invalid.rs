//! `date-invalid` (NL203): an impossible date (2月30日), a reversed range, an event dated after the notice.
//!
//! Dates in running text (shared with `date-conflict`):
//!
//! ```text
//! date    = year? month day? | year | day            (2021年6月23日, 10月11日, 2021年, 30日)
//! year    = N{4} "年"                                (2021年, 二〇二一年)
//! month   = N{1,2} "月"      day = N{1,2} ("日"|"号")
//! range   = date conn date | N conn N ("年"|"月"|"日")  (6月23日至7月30日, 1—12月, 23—30日)
//! conn    = 至 | 到 | — | —— | － | - | ～ | ~
//! garbled = N{6,8} "日"                              (20211228日: 年 and 月 dropped)
//! ```
//!
//! A date without a year takes the year of the nearest preceding date that has one; a range
//! end takes the missing year and month from its start.
//!
//! Reported: a month outside 1–12, a day past the month's end (2月29日 only when the year is
//! known and not a leap year), a range whose end precedes its start (a year-less end in
//! January–April after a start in October–December is read as the next year), digits
//! glued into a date, and an event reported as done (已, 召开了, 进行了 …) dated after the
//! 成文日期 when its sentence holds no word of plan or deadline (前, 计划, 将, 拟, 力争, 到…底 …).

use std::ops::Range;

use super::prelude::*;
use crate::scan::{class, Classes};

pub static RULE: Rule = Rule {
    code: "NL203",
    name: "date-invalid",
    default_severity: Severity::Error,
    summary: Text::new(
        "不存在的日期（2月30日）、倒置的时间段、晚于成文日期的已发生事件",
        "an impossible date (2月30日), a reversed range, an event dated after the notice",
    ),
    doc: Text::new(DOC_ZH, DOC_EN),
    implemented: true,
    check,
};

const DOC_ZH: &str = r#"
## 检查什么
- 不存在的日期：2月30日、4月31日、13月；已知年份时非闰年的2月29日。
- 起止倒置的时间段：6月23日至5月30日（未写年份的日期沿用前文最近的年份）。
- 粘连残缺的日期：20211228日、2021915日（漏了“年”“月”）。
- 晚于成文日期、却写成已经发生的事件（已、召开了、进行了……）；计划和时限
  （……前、计划、将、拟、力争、到……底）不在此列。

## 为什么
日期错误会让读者无法判断事情发生的先后，已发生的事件晚于成文日期更说明文稿
是拼凑或改错了的。

## 错误示例
```text
2021年6月23日至5月30日，市委第四巡察组对局党组进行了巡察。
```

## 正确写法
```text
2021年6月23日至7月30日，市委第四巡察组对局党组进行了巡察。
```
"#;

const DOC_EN: &str = r#"
## What it does
Flags impossible dates (2月30日, 4月31日, 13月; 2月29日 in a known non-leap year), ranges
whose end comes before their start (a date without a year takes the nearest earlier year),
dates with 年 and 月 lost (20211228日), and events reported as done (已, 召开了, 进行了)
dated after the notice's own date. Plans and deadlines after it (…前, 计划, 将, 拟, 力争,
到…底) are normal and not flagged.

## Why is this bad?
A wrong date leaves the reader unable to tell what happened when; a finished event dated
after the notice shows the text was pasted together or mistyped.

## Example
```text
2021年6月23日至5月30日，市委第四巡察组对局党组进行了巡察。
```

Use instead:
```text
2021年6月23日至7月30日，市委第四巡察组对局党组进行了巡察。
```
"#;

/// One date as written: any of year, month, day (at least one).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct DateTok {
    pub span: Range<usize>,
    pub year: Option<u32>,
    pub month: Option<u32>,
    pub day: Option<u32>,
    /// The year is written in this token (not inherited).
    pub year_written: bool,
    /// Written in Chinese numerals.
    pub chinese: bool,
    /// This token is the end of a range whose start is `range_start` (index into the list).
    pub range_start: Option<usize>,
    /// Where `year` comes from when it is not written ([`apply_year`]).
    pub year_src: YearSrc,
    /// The token puts its (written) year in force for the dates after it.
    pub updates_year: bool,
}

/// Where a date's year comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum YearSrc {
    /// Written in the token (or none).
    Own,
    /// The year in force where the token stands.
    State,
    /// The year of the range's start.
    Start,
}

/// Give the dates of one paragraph (as [`scan_dates_raw`] found them) their years, with
/// `year` in force before the paragraph; `year` is left as it is after it. The same as
/// scanning with that year in force: the tokens do not depend on the year, only their
/// years do, and those are set here in the order the scan sets them.
pub(crate) fn apply_year(toks: &mut [DateTok], year: &mut Option<u32>) {
    for k in 0..toks.len() {
        match toks[k].year_src {
            YearSrc::Own => {}
            YearSrc::State => toks[k].year = *year,
            YearSrc::Start => toks[k].year = toks[k].range_start.and_then(|si| toks[si].year),
        }
        if toks[k].updates_year {
            *year = toks[k].year;
        }
    }
}

/// The year in force after a paragraph's dates ([`apply_year`] without the tokens).
pub(crate) fn advance_year(toks: &[DateTok], year: &mut Option<u32>) {
    if let Some(t) = toks.iter().rev().find(|t| t.updates_year) {
        *year = t.year;
    }
}

impl DateTok {
    /// (year, month, day) with 0 for what is missing, for ordering.
    pub fn key(&self) -> (u32, u32, u32) {
        (
            self.year.unwrap_or(0),
            self.month.unwrap_or(0),
            self.day.unwrap_or(0),
        )
    }
}

/// A number as written before 年/月/日.
#[derive(Clone, Copy)]
struct Num {
    value: u32,
    len_chars: usize,
    chinese: bool,
    end: usize,
}

fn digit_of(c: char, chinese: bool) -> Option<u32> {
    if chinese {
        match c {
            '○' | 'O' | 'Ｏ' => Some(0),
            _ => crate::numeral::cn_digit(c).map(|d| d as u32),
        }
    } else {
        crate::numeral::arabic_digit(c).map(|d| d as u32)
    }
}

/// Read a number at `i` (Arabic, or Chinese up to 5 characters).
fn read_num(s: &str, i: usize) -> Option<Num> {
    let b = s.as_bytes();
    if b.get(i).is_some_and(u8::is_ascii_digit) {
        // Arabic digits (ASCII or full-width, up to ten): the loop below, on bytes.
        let (mut j, mut n, mut v) = (i, 0, 0u64);
        while n < 10 {
            let d = match b.get(j) {
                Some(&x) if x.is_ascii_digit() => {
                    j += 1;
                    x - b'0'
                }
                Some(0xEF)
                    if b.get(j + 1) == Some(&0xBC) && matches!(b.get(j + 2), Some(0x90..=0x99)) =>
                {
                    j += 3;
                    b[j - 1] - 0x90
                }
                _ => break,
            };
            v = v * 10 + u64::from(d);
            n += 1;
        }
        return Some(Num {
            value: u32::try_from(v).ok()?,
            len_chars: n,
            chinese: false,
            end: j,
        });
    }
    let first = s[i..].chars().next()?;
    let chinese = crate::numeral::arabic_digit(first).is_none();
    let mut j = i;
    let mut n = 0;
    for c in s[i..].chars() {
        let ok = if chinese {
            crate::numeral::is_cn_numeral_char(c) && c != '万' || matches!(c, '○' | 'Ｏ')
        } else {
            crate::numeral::arabic_digit(c).is_some()
        };
        if !ok || n >= 10 {
            break;
        }
        j += c.len_utf8();
        n += 1;
    }
    if n == 0 {
        return None;
    }
    let t = &s[i..j];
    let value = if chinese {
        if t.chars().all(|c| digit_of(c, true).is_some()) {
            let mut v: u64 = 0;
            for c in t.chars() {
                v = v * 10 + digit_of(c, true)? as u64;
            }
            if n > 1 && n != 4 && t.chars().count() > 1 {
                // 二三 is not a number; only 4-digit years are written digit by digit.
                return None;
            }
            v
        } else {
            crate::numeral::parse_cn(t)?
        }
    } else {
        crate::numeral::parse_arabic(t)?
    };
    Some(Num {
        value: u32::try_from(value).ok()?,
        len_chars: n,
        chinese,
        end: j,
    })
}

fn starts_num(c: char) -> bool {
    crate::numeral::arabic_digit(c).is_some()
        || (crate::numeral::is_cn_numeral_char(c) && c != '万')
        || c == '○'
}

/// Whether 年, 月 or 日 is at `i` (E5 B9 B4, E6 9C 88, E6 97 A5: compared as bytes); the
/// scan asks [`unit_or_conn_at`], which a test checks against this.
#[cfg(test)]
fn unit_at(s: &str, i: usize) -> bool {
    matches!(
        s.as_bytes().get(i..),
        Some([0xE5, 0xB9, 0xB4, ..] | [0xE6, 0x9C, 0x88, ..] | [0xE6, 0x97, 0xA5, ..])
    )
}

/// A range connector at `i`: its length in bytes.
fn conn_at(s: &str, i: usize) -> Option<usize> {
    // The connectors ——, 至, 到, —, －, -, ～, ~, – by their bytes (—— before —; a test
    // checks the match against the list).
    match s.as_bytes().get(i..)? {
        [0xE2, 0x80, 0x94, 0xE2, 0x80, 0x94, ..] => Some(6),
        [0xE8, 0x87, 0xB3, ..]
        | [0xE5, 0x88, 0xB0, ..]
        | [0xE2, 0x80, 0x94, ..]
        | [0xEF, 0xBC, 0x8D, ..]
        | [0xEF, 0xBD, 0x9E, ..]
        | [0xE2, 0x80, 0x93, ..] => Some(3),
        [b'-' | b'~', ..] => Some(1),
        _ => None,
    }
}

/// Whether 年, 月, 日 or a range connector ([`unit_at`], [`conn_at`]) is at `i`: one match
/// on the bytes, inlined where every numeral run of a dated paragraph asks (most runs are
/// followed by none of them). A test checks it against the two.
#[inline(always)]
fn unit_or_conn_at(b: &[u8], i: usize) -> bool {
    match b.get(i..) {
        Some([b'-' | b'~', ..]) => true,
        // The three bytes as one number: one `switch` over the nine characters.
        Some(&[x, y, z, ..]) => matches!(
            u32::from_be_bytes([0, x, y, z]),
            0xE5_B9_B4 // 年
                | 0xE6_9C_88 // 月
                | 0xE6_97_A5 // 日
                | 0xE8_87_B3 // 至
                | 0xE5_88_B0 // 到
                | 0xE2_80_94 // —
                | 0xEF_BC_8D // －
                | 0xEF_BD_9E // ～
                | 0xE2_80_93 // –
        ),
        _ => false,
    }
}

/// Characters that glue a number to a code or a word: not a date.
fn glued_before(prev: Option<char>, chinese: bool) -> bool {
    prev.is_some_and(|p| {
        p.is_ascii_alphanumeric()
            || crate::numeral::arabic_digit(p).is_some()
            || matches!(p, '.' | '．' | '_' | '/' | '第' | '#' | '〔' | '[')
            || (chinese && (crate::numeral::is_cn_numeral_char(p) || p == '○'))
    })
}

/// A date at `i`: year? month? day?, at least one part, as written.
fn date_at(s: &str, i: usize, base: usize) -> Option<DateTok> {
    date_from(s, i, read_num(s, i)?, base)
}

/// [`date_at`] with the number at `i` already read.
fn date_from(s: &str, i: usize, n1: Num, base: usize) -> Option<DateTok> {
    let rest = &s[n1.end..];
    let mut tok = DateTok {
        span: base + i..base + n1.end,
        year: None,
        month: None,
        day: None,
        year_written: false,
        chinese: n1.chinese,
        range_start: None,
        year_src: YearSrc::Own,
        updates_year: false,
    };
    let mut pos;
    if rest.starts_with('年') {
        if n1.len_chars != 4 || !(1900..=2199).contains(&n1.value) {
            return None;
        }
        tok.year = Some(n1.value);
        tok.year_written = true;
        pos = n1.end + '年'.len_utf8();
        if let Some(n2) = read_num(s, pos).filter(|n| n.chinese == n1.chinese) {
            if s[n2.end..].starts_with('月') {
                tok.month = Some(n2.value);
                pos = n2.end + '月'.len_utf8();
            }
        }
    } else if rest.starts_with('月') {
        if n1.len_chars > 3 {
            return None;
        }
        tok.month = Some(n1.value);
        pos = n1.end + '月'.len_utf8();
    } else if rest.starts_with('日') {
        if n1.len_chars > 3 {
            return None;
        }
        tok.day = Some(n1.value);
        tok.span.end = base + n1.end + '日'.len_utf8();
        return Some(tok);
    } else {
        return None;
    }
    if tok.month.is_some() {
        if let Some(n3) = read_num(s, pos).filter(|n| n.chinese == n1.chinese && n.len_chars <= 3) {
            let r = &s[n3.end..];
            if r.starts_with('日') || r.starts_with('号') {
                tok.day = Some(n3.value);
                pos = n3.end + '日'.len_utf8();
            }
        }
    }
    tok.span.end = base + pos;
    Some(tok)
}

/// Every date of `text[range]`, in order, years inherited; `year` is the year in force
/// before the range and is updated.
/// The dates of `text[range]` in order, with no year in force before them: give them the
/// year carried from one paragraph to the next with [`apply_year`] (the scan is shared by
/// NL202 and NL203 through [`Ctx::raw_dates`]). `runs` are the
/// [`crate::numeral::numeral_runs`] of `text`: a date starts with a numeral, so the scan
/// jumps from run to run.
///
/// The dates are appended to `out` (shared by the paragraphs: one vector for the text);
/// their `range_start` indices count from where this paragraph's dates begin in `out`.
/// `cursor` goes through the runs paragraph after paragraph (not past `range.start`).
pub(crate) fn scan_dates_raw(
    text: &str,
    range: Range<usize>,
    cursor: &mut crate::numeral::RunCursor,
    out: &mut Vec<DateTok>,
) {
    let mut in_force = None;
    let year = &mut in_force;
    let s = &text[range.clone()];
    let b = s.as_bytes();
    let base = range.start;
    // Where this paragraph's dates begin in `out`.
    let first = out.len();
    let mut i = 0;
    // Where the last token ended and its index, to join ranges.
    let mut last_end: Option<(usize, usize)> = None;
    while i < s.len() {
        // The characters before the next run do not start a number.
        //
        // A number read from here ends at the end of this run at the latest (every
        // character of a number is a numeral character), and one that ends before it is
        // followed by a numeral. A date, a range and a year all need 年, 月, 日 or a
        // connector right after their first number, and none of those is a numeral: so
        // when none follows the run, nothing starts in it (most runs: 一 of 统一, 2 of
        // 2个), and the scan goes on after it without reading its numbers (the cursor
        // passes over such runs in a loop of its own).
        let may_start = |_: usize, z: usize| unit_or_conn_at(b, z.min(range.end) - base);
        let Some((at, _)) = cursor.next_run_where(base + i, range.end, may_start) else {
            break;
        };
        i = at - base;
        let c = crate::quantity::char_at(s, i).unwrap_or(' ');
        if !starts_num(c) {
            i += c.len_utf8();
            continue;
        }
        let chinese = crate::numeral::arabic_digit(c).is_none();
        let num = read_num(s, i);
        let num_end = num.map(|n| n.end).unwrap_or(i + c.len_utf8());
        // A date goes on with 年, 月 or 日 after its number, a range with a connector
        // (looked at first: most numbers fail it, and a glued one goes on at the same place).
        if let Some(n) = num {
            if !unit_or_conn_at(b, n.end) {
                i = num_end;
                continue;
            }
        }
        // The character before the number: every step of the scan ends right after the
        // character it last read, so this is the `prev` a char-by-char walk would hold.
        let prev = crate::quantity::char_before(s, i);
        if glued_before(prev, chinese) {
            i = num_end;
            continue;
        }
        // Range of bare numbers: 1—12月, 23—30日, 2024—2026年.
        if let Some(n1) = num.filter(|n| !n.chinese) {
            if let Some(cl) = conn_at(s, n1.end) {
                if let Some(mut end) = date_at(s, n1.end + cl, base) {
                    if !end.chinese && end.year.is_none() == (n1.len_chars != 4) {
                        let mut start = DateTok {
                            span: base + i..base + n1.end,
                            year: None,
                            month: None,
                            day: None,
                            year_written: false,
                            chinese: false,
                            range_start: None,
                            year_src: YearSrc::Own,
                            updates_year: false,
                        };
                        let unit_ok = if end.year.is_some() && end.month.is_none() {
                            start.year = Some(n1.value);
                            start.year_written = n1.len_chars == 4;
                            n1.len_chars == 4
                        } else if end.month.is_some() && end.year.is_none() && end.day.is_none() {
                            start.month = Some(n1.value);
                            start.year = *year;
                            end.year = *year;
                            (start.year_src, end.year_src) = (YearSrc::State, YearSrc::State);
                            n1.len_chars <= 2
                        } else if end.day.is_some() && end.month.is_none() {
                            start.day = Some(n1.value);
                            if let Some(p) = last_end.filter(|(e, _)| *e == i) {
                                start.month = out[p.1].month;
                            }
                            start.year = *year;
                            end.month = start.month;
                            end.year = *year;
                            (start.year_src, end.year_src) = (YearSrc::State, YearSrc::State);
                            n1.len_chars <= 2
                        } else {
                            false
                        };
                        if unit_ok {
                            let si = out.len();
                            out.push(start);
                            end.range_start = Some(si - first);
                            let e = end.span.end - base;
                            out.push(end);
                            last_end = Some((e, si + 1));
                            i = e;
                            continue;
                        }
                    }
                }
            }
        }
        let Some(mut tok) = num.and_then(|n1| date_from(s, i, n1, base)) else {
            i = num_end;
            continue;
        };
        // A Chinese numeral is a date only with a year or a day (一月 in 统一月度 is not).
        if tok.chinese && tok.year.is_none() && tok.day.is_none() {
            i = num_end;
            continue;
        }
        // A bare day (30日内) counts only as the end of a range.
        let joined = last_end.filter(|(e, _)| {
            let gap = &s[*e..i];
            !gap.is_empty() && conn_at(gap, 0) == Some(gap.len())
        });
        if tok.year.is_none() && tok.month.is_none() && joined.is_none() {
            i = tok.span.end - base;
            continue;
        }
        if let Some((_, si)) = joined {
            let start = &out[si];
            tok.range_start = Some(si - first);
            if tok.month.is_none() {
                tok.month = start.month;
            }
            if tok.year.is_none() {
                tok.year = start.year;
                tok.year_src = YearSrc::Start;
            }
        } else if tok.year.is_some() {
            let next_digit = s[tok.span.end - base..]
                .chars()
                .next()
                .is_some_and(|c| crate::numeral::arabic_digit(c).is_some());
            if tok.month.is_some() || next_digit {
                *year = tok.year;
                tok.updates_year = true;
            }
        } else {
            tok.year = *year;
            tok.year_src = YearSrc::State;
        }
        let e = tok.span.end - base;
        out.push(tok);
        last_end = Some((e, out.len() - 1));
        i = e;
    }
}

pub(crate) fn is_leap(y: u32) -> bool {
    (y.is_multiple_of(4) && !y.is_multiple_of(100)) || y.is_multiple_of(400)
}

pub(crate) fn days_in(month: u32, year: Option<u32>) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 => match year {
            Some(y) if !is_leap(y) => 28,
            _ => 29,
        },
        _ => 0,
    }
}

/// Read 20211228 / 2021915 / 202171 as year, month, day: the readings that make a date.
fn garbled_readings(d: &str) -> Vec<(u32, u32, u32)> {
    let mut out = Vec::new();
    if !(6..=8).contains(&d.len()) || !d.bytes().all(|b| b.is_ascii_digit()) {
        return out;
    }
    let Ok(y) = d[..4].parse::<u32>() else {
        return out;
    };
    if !(1949..=2199).contains(&y) {
        return out;
    }
    let rest = &d[4..];
    for k in 1..rest.len() {
        let (m, dd) = (&rest[..k], &rest[k..]);
        if m.len() > 2 || dd.len() > 2 || m.starts_with('0') && m.len() == 1 {
            continue;
        }
        let (Ok(m), Ok(dd)) = (m.parse::<u32>(), dd.parse::<u32>()) else {
            continue;
        };
        if (1..=12).contains(&m) && dd >= 1 && dd <= days_in(m, Some(y)) {
            out.push((y, m, dd));
        }
    }
    out
}

/// Words in a sentence that make a later date a plan or a deadline.
const PLAN_WORDS: &[&str] = &[
    "前",
    "计划",
    "将",
    "拟",
    "力争",
    "争取",
    "预计",
    "确保",
    "底",
    "要",
    "应",
    "须",
    "请",
    "起",
    "截止",
    "期限",
    "目标",
    "安排",
    "方案",
    "待",
    "即将",
    "准备",
    "预定",
    "定于",
    "下一步",
    "继续",
    "持续",
    "以后",
    "之后",
    "后",
];
static PLAN_ANY: crate::quantity::AnyWord = crate::quantity::AnyWord::new(PLAN_WORDS);
/// 农历, which a lunar date follows ([`lunar_before`]).
static NONGLI: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
    std::sync::LazyLock::new(|| memchr::memmem::Finder::new("农历"));
/// 已, the first of the done words, and 了, which the others hold.
static YI: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
    std::sync::LazyLock::new(|| memchr::memmem::Finder::new("已"));
/// The done words but 已, looked for at their 了 (set up once: where 了 is in each word
/// was worked out again for every sentence judged).
static LE_WORDS: std::sync::LazyLock<crate::quantity::Around> =
    std::sync::LazyLock::new(|| crate::quantity::Around::new("了", &DONE_WORDS[1..]));
/// Words that report an event as done (已 first: looked for alone).
const DONE_WORDS: &[&str] = &[
    "已",
    "召开了",
    "进行了",
    "开展了",
    "完成了",
    "举办了",
    "举行了",
    "印发了",
    "出台了",
    "听取了",
    "审议了",
    "作出了",
    "组织了",
    "通过了",
    "制定了",
    "发布了",
    "反馈了",
    "召集了",
];

fn inside_book_title(s: &str, pos: usize) -> bool {
    let mut from = pos.saturating_sub(300);
    while !s.is_char_boundary(from) {
        from += 1;
    }
    let before = &s[from..pos];
    match (before.rfind('《'), before.rfind('》')) {
        (Some(o), Some(c)) => o > c,
        (Some(_), None) => true,
        _ => false,
    }
}

fn lunar_before(s: &str, pos: usize) -> bool {
    // The start of the eighth character before `pos` (0 when there are fewer), stepped
    // back to on the bytes: a character starts at a byte that is not 10xxxxxx.
    let b = s.as_bytes();
    let (mut start, mut n) = (pos, 0);
    while start > 0 && n < 8 {
        start -= 1;
        n += usize::from(b[start] & 0xC0 != 0x80);
    }
    // The window is at most eight characters (32 bytes): compare its bytes in place (as
    // `contains` would, without building a substring searcher or calling `memchr` for
    // each date), where a byte E5 (the first of 农, E5 86 9C) stands.
    const NONGLI: &[u8] = "农历".as_bytes();
    let w = &b[start..pos];
    (0..w.len().saturating_sub(NONGLI.len() - 1))
        .any(|k| w[k] == NONGLI[0] && w[k..].starts_with(NONGLI))
}

fn fmt_date(y: u32, m: u32, d: u32) -> String {
    format!("{y}年{m}月{d}日")
}

/// The 成文日期 as (year, month, day) and its span.
pub(crate) fn notice_date(ctx: &Ctx) -> Option<((u32, u32, u32), Range<usize>)> {
    let i = ctx.notice.date?;
    let mut toks = ctx.raw_dates(i).to_vec();
    apply_year(&mut toks, &mut None);
    let t = toks.into_iter().find(|t| t.year_written)?;
    Some(((t.year?, t.month?, t.day?), t.span))
}

fn check(ctx: &Ctx, out: &mut Findings) {
    let text = ctx.text;
    let issued = notice_date(ctx);
    let mut year: Option<u32> = None;
    // A paragraph's dates with their years, in one buffer reused from paragraph to paragraph.
    let mut toks: Vec<DateTok> = Vec::new();
    // The first numeral run not ended before the paragraph [`garbled`] last looked at.
    let mut run_k = 0;
    for (pi, p) in ctx.notice.paragraphs.iter().enumerate() {
        let ptext = &text[p.span.clone()];
        let classes = ctx.para_classes(pi);
        garbled(ctx, pi, p, classes, &mut run_k, out);
        // A date needs 年, 月 or 日 (without them the scan finds nothing and keeps the year).
        if !classes.any(class::DATE) {
            continue;
        }
        toks.clear();
        toks.extend_from_slice(ctx.raw_dates(pi));
        apply_year(&mut toks, &mut year);
        // The last sentence [`after_notice`] judged, and whether it reports something done:
        // the dates of one sentence come one after another.
        let mut judged: Option<(Range<usize>, bool)> = None;
        let para_year_start = toks.iter().position(|t| t.year_written);
        // A lunar date needs 农历 in the paragraph: looked for once, not before each date.
        let lunar = !toks.is_empty() && NONGLI.find(ptext.as_bytes()).is_some();
        for (k, t) in toks.iter().enumerate() {
            let local = t.span.start - p.span.start;
            if lunar && lunar_before(ptext, local) {
                continue;
            }
            // Impossible month or day (the date's text is taken only for a message).
            let shown = || &text[t.span.clone()];
            if let Some(m) = t.month {
                let bad_month = !(1..=12).contains(&m) && (t.year_written || t.day.is_some());
                if bad_month {
                    let shown = shown();
                    let zh = out.zh(|| format!("日期“{shown}”中的月份{m}不存在"));
                    let en = out.en(|| format!("the date `{shown}` has no month {m}"));
                    out.push_quick(&RULE, Quick::new(t.span.clone(), &zh, &en));
                    continue;
                }
                if let Some(d) = t.day {
                    // The year counts for 2月29日 only when written in this paragraph.
                    let year_known = t.year_written || para_year_start.is_some_and(|s| s < k);
                    let dim = days_in(m, if year_known { t.year } else { None });
                    if (1..=12).contains(&m) && (d == 0 || d > dim) {
                        let (zh, en) = if m == 2 && d == 29 {
                            let y = t.year.unwrap_or(0);
                            (
                                out.zh(|| format!("{y}年不是闰年，没有2月29日")),
                                out.en(|| {
                                    format!("{y} is not a leap year: there is no 29 February")
                                }),
                            )
                        } else {
                            let shown = shown();
                            (
                                out.zh(|| format!("日期“{shown}”不存在：{m}月只有{dim}天")),
                                out.en(|| {
                                    format!(
                                        "the date `{shown}` does not exist: month {m} has {dim} days"
                                    )
                                }),
                            )
                        };
                        out.push_quick(&RULE, Quick::new(t.span.clone(), &zh, &en));
                        continue;
                    }
                }
            } else if let (Some(d), Some(si)) = (t.day, t.range_start) {
                if d == 0 || d > 31 {
                    let _ = si;
                    let shown = shown();
                    let zh = out.zh(|| format!("日期“{shown}”不存在"));
                    let en = out.en(|| format!("the date `{shown}` does not exist"));
                    out.push_quick(&RULE, Quick::new(t.span.clone(), &zh, &en));
                    continue;
                }
            }
            if let Some(si) = t.range_start {
                reversed(ctx, &toks[si], t, out);
            }
            if let Some((nd, nspan)) = &issued {
                // The book-title look-back (up to 300 bytes) only for a date after the
                // notice's own.
                if t.range_start.is_none()
                    && later_than_issued(t, *nd, nspan)
                    && !inside_book_title(ptext, local)
                {
                    // The sentences are split only when a date needs them.
                    after_notice(ctx, &p.span, &mut judged, t, *nd, nspan, out);
                }
            }
        }
    }
}

fn reversed(ctx: &Ctx, a: &DateTok, b: &DateTok, out: &mut Findings) {
    let (ka, kb) = (a.key(), b.key());
    // Compare at the precision both have.
    let (ka, kb) = if a.day.is_none() || b.day.is_none() {
        ((ka.0, ka.1, 0), (kb.0, kb.1, 0))
    } else {
        (ka, kb)
    };
    if kb >= ka {
        return;
    }
    if !b.year_written {
        // 10月至次年3月, 12月25日至1月5日: a winter range into the next year.
        if let (Some(ma), Some(mb)) = (a.month, b.month) {
            if ma >= 10 && mb <= 4 && mb < ma {
                return;
            }
        }
    }
    let sa = ctx.slice(&a.span);
    let sb = ctx.slice(&b.span);
    // Only the shown language is formatted.
    let zh = out.zh(|| format!("时间段起止倒置：截止日期“{sb}”早于起始日期“{sa}”"));
    let en = out.en(|| format!("reversed range: the end `{sb}` comes before the start `{sa}`"));
    out.push_quick(
        &RULE,
        Quick::new(b.span.clone(), &zh, &en).label(a.span.clone(), "起始日期", "the start"),
    );
}

/// Whether `t` (outside the 成文日期 itself, at `nspan`) has a year and a month and lies
/// after the notice's date `issued`: only such a date is looked at by [`after_notice`].
fn later_than_issued(t: &DateTok, issued: (u32, u32, u32), nspan: &Range<usize>) -> bool {
    let (Some(y), Some(m)) = (t.year, t.month) else {
        return false;
    };
    if t.span.start >= nspan.start && t.span.end <= nspan.end {
        return false;
    }
    match t.day {
        Some(d) => (y, m, d) > issued,
        None => (y, m) > (issued.0, issued.1),
    }
}

/// The sentence of [`super::text::sentences`]`(text, para)` that holds `x`, the start of
/// a character in `para` that is not a sentence mark: from the end of the last mark before
/// `x` to the end of the first one after it, found by walking the bytes out from `x` (the
/// paragraph is not split: most dates judged are one or two in a long paragraph). The
/// marks are `;!?` and 。！？； (E3 80 82, EF BC 81/9F/9B); their lead bytes E3 and EF
/// start a character, so a mark found ends where a character does.
fn sentence_at(text: &str, para: &Range<usize>, x: usize) -> Range<usize> {
    // The bytes a mark ends with (looking back) and starts with (looking ahead).
    const fn table(bytes: &[u8]) -> [bool; 256] {
        let mut t = [false; 256];
        let mut k = 0;
        while k < bytes.len() {
            t[bytes[k] as usize] = true;
            k += 1;
        }
        t
    }
    static LAST: [bool; 256] = table(&[b';', b'!', b'?', 0x82, 0x81, 0x9F, 0x9B]);
    static FIRST: [bool; 256] = table(&[b';', b'!', b'?', 0xE3, 0xEF]);
    let b = &text.as_bytes()[para.clone()];
    let ascii = |c: u8| matches!(c, b';' | b'!' | b'?');
    let wide = super::text::is_wide_sentence_mark;
    let i = x - para.start;
    let mut a = i;
    let start = loop {
        let Some(k) = b[..a].iter().rposition(|&c| LAST[usize::from(c)]) else {
            break 0;
        };
        if ascii(b[k]) || (k >= 2 && wide(&b[k - 2..=k])) {
            break k + 1;
        }
        a = k;
    };
    let mut z = i;
    let end = loop {
        let Some(k) = b[z..].iter().position(|&c| FIRST[usize::from(c)]) else {
            break b.len();
        };
        let k = z + k;
        if ascii(b[k]) {
            break k + 1;
        }
        if b.get(k..k + 3).is_some_and(wide) {
            break k + 3;
        }
        z = k + 1;
    };
    para.start + start..para.start + end
}

/// A date `t` after the notice's own ([`later_than_issued`]) reported as done.
fn after_notice(
    ctx: &Ctx,
    para: &Range<usize>,
    judged: &mut Option<(Range<usize>, bool)>,
    t: &DateTok,
    issued: (u32, u32, u32),
    nspan: &Range<usize>,
    out: &mut Findings,
) {
    let text = ctx.text;
    let done = match judged {
        Some((j, done)) if j.contains(&t.span.start) => *done,
        _ => {
            let sent = sentence_at(text, para, t.span.start);
            let st = &text[sent.clone()];
            // The done words are 已 and verbs with 了: looked for first, at memchr's speed
            // (few sentences have one); then the plan words, in one walk.
            let done =
                (YI.find(st.as_bytes()).is_some() || LE_WORDS.in_text(st)) && !PLAN_ANY.in_text(st);
            *judged = Some((sent, done));
            done
        }
    };
    if !done {
        return;
    }
    let shown = ctx.slice(&t.span);
    let (ny, nm, nd) = issued;
    // Only the shown language is formatted (the date as `fmt_date` writes it).
    let zh = out.zh(|| format!("已发生的事件日期“{shown}”晚于成文日期{ny}年{nm}月{nd}日"));
    let en = out.en(|| {
        format!("an event reported as done is dated `{shown}`, after the notice's date {ny}年{nm}月{nd}日")
    });
    out.push_quick(
        &RULE,
        Quick::new(t.span.clone(), &zh, &en).label(nspan.clone(), "成文日期", "the notice's date"),
    );
}

/// A short line naming a body, as the 发文机关署名 above a date line (曲水镇人民政府).
fn looks_like_issuer_line(s: &str) -> bool {
    const SUFFIXES: &[&str] = &[
        "政府",
        "局",
        "委",
        "委员会",
        "办公室",
        "办公厅",
        "党组",
        "党委",
        "厅",
        "中心",
        "院",
        "办",
        "处",
        "所",
        "街道办事处",
        "公司",
    ];
    let s = s.trim();
    (2..=40).contains(&s.chars().count())
        && !s.contains([
            '。', '，', '；', '：', ',', ';', ':', '、', '！', '？', '!', '?',
        ])
        && SUFFIXES.iter().any(|x| s.ends_with(x))
}

/// 20211228日, 2021915日, and a 成文日期 line of bare digits (2023515).
/// `run_k` is the first numeral run that ends after the paragraphs looked at before (they
/// come in text order: the runs are gone through once for the text).
fn garbled(
    ctx: &Ctx,
    pi: usize,
    p: &Paragraph,
    classes: Classes,
    run_k: &mut usize,
    out: &mut Findings,
) {
    // Both forms are ASCII digits.
    if !classes.any_ascii(crate::scan::DIGITS) {
        return;
    }
    let text = ctx.text;
    let s = &text[p.span.clone()];
    let mut report = |span: Range<usize>, digits: &str| {
        let readings = garbled_readings(digits);
        if readings.is_empty() {
            return;
        }
        let shown = &text[span.clone()];
        let mut d = ctx.diag(
            &RULE,
            span,
            out.zh(|| format!("日期“{shown}”残缺：数字粘连，缺少“年”“月”")),
            out.en(|| {
                format!("the date `{shown}` is garbled: its digits run together without 年 and 月")
            }),
        );
        if let [(y, m, dd)] = readings[..] {
            let f = fmt_date(y, m, dd);
            d = d.note(
                out.zh(|| format!("应为“{f}”？")),
                out.en(|| format!("did you mean `{f}`?")),
            );
        }
        out.push(d);
    };
    // A date line (成文日期 position) of bare digits: its last character is a digit (looked
    // at first: trimming the start walks the indent of every paragraph).
    let trimmed_end = s.trim_end();
    let trimmed = if trimmed_end
        .as_bytes()
        .last()
        .is_some_and(u8::is_ascii_digit)
    {
        trimmed_end.trim_start()
    } else {
        ""
    };
    let after_signature = || {
        pi > 0 && {
            let prev = &ctx.notice.paragraphs[pi - 1];
            prev.role == Role::Signature || looks_like_issuer_line(&text[prev.span.clone()])
        }
    };
    if (6..=8).contains(&trimmed.len())
        && trimmed.bytes().all(|b| b.is_ascii_digit())
        && (ctx.notice.date == Some(pi) || after_signature())
    {
        let off = p.span.start + (trimmed.as_ptr() as usize - s.as_ptr() as usize);
        report(off..off + trimmed.len(), trimmed);
        return;
    }
    // 20211228日 needs a 日.
    if !classes.any(class::DATE) {
        return;
    }
    // Maximal runs of ASCII digits not glued to a letter, digit or `.`, right before a 日.
    // Digits are numeral characters, so such digits end a numeral run (digits that end
    // earlier in a run are followed by a numeral, not by 日): only the runs followed by 日
    // are looked at, from their end back.
    let b = s.as_bytes();
    let base = p.span.start;
    let runs = ctx.numeral_runs();
    while *run_k < runs.len() && runs[*run_k].1 as usize <= base {
        *run_k += 1;
    }
    for r in runs[*run_k..]
        .iter()
        .take_while(|r| (r.0 as usize) < p.span.end)
    {
        let j = (r.1 as usize).min(p.span.end) - base;
        if !b[j..].starts_with("日".as_bytes()) {
            continue;
        }
        let mut i = j;
        while i > 0 && b[i - 1].is_ascii_digit() {
            i -= 1;
        }
        // Glued to a letter or a `.` (not to a digit: the digits are maximal).
        if i > 0 && (b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'.') {
            continue;
        }
        if (6..=8).contains(&(j - i)) {
            let end = j + '日'.len_utf8();
            report(p.span.start + i..p.span.start + end, &s[i..j]);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{conn_at, unit_at, unit_or_conn_at};

    #[test]
    fn sentence_at_is_the_split_sentence_that_holds_the_position() {
        let pieces = [
            "2", "一", "年", "。", "！", "？", "；", ";", "!", "?", "，", "、", "a", "𠮷", "》",
            "Ｂ",
        ];
        let mut seed = 7u64;
        for _ in 0..20_000 {
            let t = crate::rules::text::random_text(&pieces, &mut seed, 24);
            let lead = seed as usize % 3;
            let para = lead..t.len();
            if !t.is_char_boundary(lead) {
                continue;
            }
            let sents = crate::rules::text::sentences(&t, para.clone());
            for (x, c) in t[para.clone()].char_indices() {
                if matches!(c, '。' | '！' | '？' | '；' | ';' | '!' | '?') {
                    continue;
                }
                let x = x + lead;
                let want = sents.iter().find(|s| s.contains(&x)).cloned();
                assert_eq!(Some(super::sentence_at(&t, &para, x)), want, "{t:?} at {x}");
            }
        }
    }

    #[test]
    fn lunar_window_is_eight_characters() {
        let old = |s: &str, pos: usize| {
            let start = s[..pos]
                .char_indices()
                .rev()
                .nth(7)
                .map(|(i, _)| i)
                .unwrap_or(0);
            s[start..pos].contains("农历")
        };
        let pieces = ["农", "历", "农历", "a", "𠮷", "，", "2"];
        let mut seed = 11u64;
        for _ in 0..20_000 {
            let t = crate::rules::text::random_text(&pieces, &mut seed, 14);
            for (x, _) in t.char_indices().chain([(t.len(), ' ')]) {
                assert_eq!(super::lunar_before(&t, x), old(&t, x), "{t:?} at {x}");
            }
        }
    }

    #[test]
    fn connectors_by_bytes() {
        const CONNS: [&str; 9] = ["——", "至", "到", "—", "－", "-", "～", "~", "–"];
        let list = |s: &str, i: usize| {
            CONNS
                .iter()
                .find(|c| s[i..].starts_with(*c))
                .map(|c| c.len())
        };
        for a in CONNS.iter().chain(&["", "x", "年", "刘", "臺", "—x", "．"]) {
            for b in ["", "—", "1", "到"] {
                let s = format!("{a}{b}");
                assert_eq!(conn_at(&s, 0), list(&s, 0), "{s}");
            }
        }
    }

    #[test]
    fn unit_or_connector_by_bytes() {
        for a in [
            "", "年", "月", "日", "号", "至", "到", "—", "－", "-", "～", "~", "–", "x", "刘",
            "臺", "．", "\u{e5}",
        ] {
            for b in ["", "1", "到"] {
                let s = format!("{a}{b}");
                assert_eq!(
                    unit_or_conn_at(s.as_bytes(), 0),
                    unit_at(&s, 0) || conn_at(&s, 0).is_some(),
                    "{s}"
                );
            }
        }
    }

    fn hits(s: &str) -> Vec<String> {
        crate::check(s, &crate::Options::default())
            .into_iter()
            .filter(|d| d.rule == "date-invalid")
            .map(|d| s[d.span.clone()].to_owned())
            .collect()
    }

    #[test]
    fn impossible_dates() {
        assert_eq!(hits("2021年2月30日召开会议。"), vec!["2021年2月30日"]);
        assert_eq!(hits("4月31日前完成。"), vec!["4月31日"]);
        assert_eq!(hits("2021年13月5日。"), vec!["2021年13月5日"]);
        assert_eq!(hits("2021年2月29日召开会议。"), vec!["2021年2月29日"]);
        assert!(hits("2024年2月29日召开会议。").is_empty());
        assert!(hits("2月29日召开会议。").is_empty());
        assert!(hits("农历二月三十日。").is_empty());
        assert!(hits("统一月度考核，12个月内，每月30日前报送，30日内办结。").is_empty());
    }

    #[test]
    fn ranges() {
        assert_eq!(
            hits("2021年6月23日至5月30日，巡察组进行了巡察。"),
            vec!["5月30日"]
        );
        assert_eq!(hits("2021年6月23日至20日。"), vec!["20日"]);
        assert_eq!(hits("2026—2024年规划。"), vec!["2024年"]);
        for s in [
            "2021年6月23日至7月30日进行了巡察。",
            "2023年10月至次年3月开展秋冬季攻坚。",
            "2023年12月25日至1月5日开展检查。",
            "2024年2—4月开展抽查，2024年1—4月统计。",
            "6月23—30日开展检查，2023—2025年规划。",
            "2023年10月16日至12月15日巡察。",
            "工作时间为8:30—12:00，2024年4月15日起至6月14日止。",
        ] {
            assert!(hits(s).is_empty(), "{s}: {:?}", hits(s));
        }
    }

    #[test]
    fn garbled_dates() {
        assert_eq!(hits("——20211228日在会议上"), vec!["20211228日"]);
        assert_eq!(
            hits("2021915日，市人大常委会听取了报告。"),
            vec!["2021915日"]
        );
        assert!(hits("资金251023.54万元，电话8599719。").is_empty());
        assert_eq!(hits("某镇人民政府\n2023515\n"), vec!["2023515"]);
        assert!(hits("联系电话：\n2023515\n").is_empty());
    }

    #[test]
    fn after_the_notice() {
        let head = "关于某事的通报\n\n各单位：\n\n";
        let tail = "\n\n某某局\n\n2021年12月30日\n";
        let bad = format!("{head}2022年1月5日，局党组已召开专题会议。{tail}");
        assert_eq!(hits(&bad), vec!["2022年1月5日"]);
        for body in [
            "请于2022年1月15日前报送。",
            "2022年3月底前完成整改。",
            "计划2022年5月召开总结会议。",
            "2021年12月20日，局党组召开了专题会议。",
            "到2022年底，全面完成整改任务。",
        ] {
            let s = format!("{head}{body}{tail}");
            assert!(hits(&s).is_empty(), "{body}: {:?}", hits(&s));
        }
    }

    #[test]
    fn no_panic_on_odd_input() {
        let s = "年月日12月31日至1月1日—二〇二一年十三月〇日9999999999年".repeat(5_000);
        let _ = hits(&s);
        let _ = hits("2021年12月");
        let _ = hits("1—");
    }
}
