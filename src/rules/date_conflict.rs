//! `date-conflict` (NL202): one event given two different dates in one notice.
//!
//! An event is a dated clause `date，actor 召开 qualifier noun` whose noun is one of the
//! distinctive meetings in `rules/date-conflict-events.txt`. Two events clash when they have
//! the same noun, the same actor (one a suffix of the other: 局党组 / 党组), compatible
//! qualifiers (one empty, or one containing the other), and different dates in one year at
//! most 31 days apart. Plural or repeated meetings (各, 分别, 均, 再次, 支部) are skipped.
//! The later mention is reported, with a label at the earlier one.

use std::ops::Range;
use std::sync::LazyLock;

use super::date_invalid::{advance_year, apply_year, DateTok};
use super::prelude::*;

pub static RULE: Rule = Rule {
    code: "NL202",
    name: "date-conflict",
    default_severity: Severity::Warning,
    summary: Text::new(
        "同一事件在同一公文中给出两个不同日期",
        "one event given two different dates in one notice",
    ),
    doc: Text::new(DOC_ZH, DOC_EN),
    implemented: true,
    check,
};

const DOC_ZH: &str = r#"
## 检查什么
同一机关召开的同一种会议（民主生活会、动员部署会等，见 rules/date-conflict-events.txt）
在同一篇公文中出现两次、日期却不同（同一年内、相差不超过一个月）。“各支部分别召开”
“再次召开”、限定语不同（年度/专题）的会议视为不同事件，不报告。

## 为什么
同一事件写成两个日期，读者无从判断哪一个是真的；通常是改稿时只改了一处。

## 错误示例
```text
10月11日，局党组召开巡察整改专题民主生活会。
……2021年10月12日，党组召开民主生活会。
```

## 正确写法
```text
10月11日，局党组召开巡察整改专题民主生活会。
……2021年10月11日，党组召开民主生活会。
```
"#;

const DOC_EN: &str = r#"
## What it does
Flags one body holding the same distinctive meeting (民主生活会, 动员部署会 …, listed in
rules/date-conflict-events.txt) on two different dates in one notice (same year, at most a
month apart). Meetings held by several bodies (各支部分别召开), held again (再次召开) or
qualified differently (年度 vs 专题) are different events and not reported.

## Why is this bad?
With two dates for one event the reader cannot tell which is true; usually only one place
was corrected during editing.

## Example
```text
10月11日，局党组召开巡察整改专题民主生活会。
……2021年10月12日，党组召开民主生活会。
```

Use instead:
```text
10月11日，局党组召开巡察整改专题民主生活会。
……2021年10月11日，党组召开民主生活会。
```
"#;

static EVENTS: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    include_str!("../../rules/date-conflict-events.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
});

const VERBS: &[&str] = &[
    "组织召开",
    "召开了",
    "召开",
    "举行了",
    "举行",
    "举办了",
    "举办",
];
/// Words that make the meeting one of several, or a repeat.
const PLURAL: &[&str] = &[
    "各",
    "分别",
    "均",
    "再次",
    "又",
    "第二次",
    "先后",
    "多次",
    "每",
    "支部",
    "所属",
];

static PLURAL_ANY: crate::quantity::AnyWord = crate::quantity::AnyWord::new(PLURAL);

/// 会, which every meeting of [`EVENTS`] holds (民主生活会, 反馈会议): whether a paragraph
/// names one is asked only at its 会s ([`crate::quantity::any_around`]), one substring
/// search instead of one per meeting; the searcher and the place of 会 in each meeting are
/// set up once.
static HUI: LazyLock<crate::quantity::Around> =
    LazyLock::new(|| crate::quantity::Around::new("会", &EVENTS));

/// One dated meeting.
struct Event {
    date: Range<usize>,
    ymd: (u32, u32, u32),
    noun: &'static str,
    actor: String,
    qualifier: String,
}

fn day_number((_, m, d): (u32, u32, u32)) -> i64 {
    i64::from(m) * 31 + i64::from(d)
}

/// The meeting a dated clause reports: `date，actor 召开 qualifier noun`.
fn event_after(text: &str, t: &DateTok, stop: usize) -> Option<Event> {
    let (Some(y), Some(m), Some(d)) = (t.year, t.month, t.day) else {
        return None;
    };
    let mut end = stop.min(t.span.end + 150);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let clause = &text[t.span.end..end];
    let cut = clause
        .find(['。', '；', ';', '！', '？'])
        .unwrap_or(clause.len());
    let clause = &clause[..cut];
    let (vpos, verb) = VERBS
        .iter()
        .filter_map(|v| clause.find(v).map(|p| (p, *v)))
        .min_by_key(|(p, v)| (*p, usize::MAX - v.len()))?;
    let actor = clause[..vpos]
        .trim_matches(|c: char| c.is_whitespace() || matches!(c, '，' | ',' | '、' | '：' | ':'))
        .trim_start_matches('在');
    if actor.is_empty() || actor.chars().count() > 12 || actor.contains(['，', ',']) {
        return None;
    }
    let after = &clause[vpos + verb.len()..];
    let (npos, noun) = EVENTS
        .iter()
        .filter_map(|n| after.find(n).map(|p| (p, *n)))
        .min_by_key(|(p, _)| *p)?;
    let qualifier = &after[..npos];
    if qualifier.chars().count() > 12 || qualifier.contains(['，', ',', '、']) {
        return None;
    }
    let whole = &clause[..vpos + verb.len() + npos + noun.len()];
    if PLURAL_ANY.in_text(whole) {
        return None;
    }
    Some(Event {
        date: t.span.clone(),
        ymd: (y, m, d),
        noun,
        actor: actor.to_owned(),
        qualifier: qualifier.to_owned(),
    })
}

fn same_actor(a: &str, b: &str) -> bool {
    a.ends_with(b) || b.ends_with(a)
}

fn same_kind(a: &str, b: &str) -> bool {
    a.is_empty() || b.is_empty() || a.contains(b) || b.contains(a)
}

fn check(ctx: &Ctx, out: &mut Findings) {
    let text = ctx.text;
    let mut year = None;
    let mut events: Vec<Event> = Vec::new();
    // A paragraph's dates with their years, in one buffer reused from paragraph to paragraph.
    let mut toks: Vec<DateTok> = Vec::new();
    for (pi, p) in ctx.notice.body() {
        // A date needs 年, 月 or 日: without them the scan finds nothing and keeps the year.
        if !ctx.para_classes(pi).any(crate::scan::class::DATE) {
            continue;
        }
        // Every paragraph with a date keeps the year in force up to date; an event needs a
        // date with a month and a day.
        let raw = ctx.raw_dates(pi);
        if !raw.iter().any(|t| t.month.is_some() && t.day.is_some()) {
            advance_year(raw, &mut year);
            continue;
        }
        toks.clear();
        toks.extend_from_slice(raw);
        apply_year(&mut toks, &mut year);
        // Whether the paragraph names a meeting at all (looked up once, at the first full
        // date): without one no date of it starts an event.
        let mut names_event: Option<bool> = None;
        for (k, t) in toks.iter().enumerate() {
            let next = toks.get(k + 1);
            if t.range_start.is_some() || next.is_some_and(|n| n.range_start == Some(k)) {
                continue;
            }
            if t.year.is_none() || t.month.is_none() || t.day.is_none() {
                continue;
            }
            let ptext = &text[p.span.clone()];
            if !*names_event.get_or_insert_with(|| HUI.in_text(ptext)) {
                break;
            }
            let stop = next.map_or(p.span.end, |n| n.span.start);
            let Some(ev) = event_after(text, t, stop) else {
                continue;
            };
            let clash = events.iter().find(|e| {
                e.noun == ev.noun
                    && e.ymd.0 == ev.ymd.0
                    && e.ymd != ev.ymd
                    && (day_number(e.ymd) - day_number(ev.ymd)).abs() <= 31
                    && same_actor(&e.actor, &ev.actor)
                    && same_kind(&e.qualifier, &ev.qualifier)
            });
            if let Some(first) = clash {
                let (a, b) = (ctx.slice(&first.date), ctx.slice(&ev.date));
                let noun = ev.noun;
                out.push(
                    ctx.diag(
                        &RULE,
                        ev.date.clone(),
                        format!("同一{noun}给出了两个日期：此处为“{b}”，前文为“{a}”"),
                        format!("one {noun} is given two dates: `{b}` here, `{a}` earlier"),
                    )
                    .label(
                        first.date.clone(),
                        "前文的日期",
                        "the earlier date",
                    ),
                );
            } else if events.len() < 1000 {
                events.push(ev);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    fn hits(s: &str) -> Vec<String> {
        crate::check(s, &crate::Options::default())
            .into_iter()
            .filter(|d| d.rule == "date-conflict")
            .map(|d| s[d.span.clone()].to_owned())
            .collect()
    }

    #[test]
    fn one_meeting_two_dates() {
        let s = "2021年9月18日，局党组召开会议。10月11日，局党组召开巡察整改专题民主生活会。\n\n二是严格落实民主生活会。2021年10月12日，党组召开民主生活会。\n";
        assert_eq!(hits(s), vec!["2021年10月12日"]);
    }

    #[test]
    fn different_meetings_stay_silent() {
        for s in [
            "2021年10月11日，局党组召开民主生活会。\n\n2021年10月11日，局党组召开民主生活会。\n",
            "2021年10月11日，局党组召开民主生活会。\n\n2021年10月20日，各支部分别召开组织生活会，11月5日，局党组再次召开民主生活会。\n",
            "2021年1月11日，局党组召开年度民主生活会。\n\n2021年1月28日，局党组召开巡察整改专题民主生活会。\n",
            "2021年10月11日，局党组召开民主生活会。\n\n2021年10月20日，局团委召开民主生活会。\n",
            "2021年1月11日，局党组召开民主生活会。\n\n2021年10月20日，局党组召开民主生活会。\n",
        ] {
            assert!(hits(s).is_empty(), "{s}: {:?}", hits(s));
        }
    }
}
