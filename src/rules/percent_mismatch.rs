//! `percent-mismatch` (NL303): a percentage that does not match its own counts (216/250 stated as 85.04%).
//!
//! The check works sentence by sentence. A percentage is *checkable* when it is written as
//! the share of a count that stands right before it:
//!
//! ```text
//! share  = part "，" ("占" … | rate-noun ("为"|"达"|"达到")?) X%     (…216个，占85.04%)
//!        | part … ("占"|"为") … whole "的" X%                         (63个，占…总数76个的82.89%)
//! rate-noun = a short noun ending in 率 / 比例 / 比重 / 占比             (整改完成率, 合格率)
//! ```
//!
//! Every pairing the sentence (and the earlier sentences of its paragraph) allows is tried:
//! a/b, (b−a)/b (合格率 from 不合格 counts), and sums of consecutive parts over a whole.
//! The rule reports only when none of them gives the printed value at the printed precision
//! (rounded or truncated), and when a confident part/whole pair is present: the whole
//! marked as such (共/累计/全区…, or "…中"), or the part marked (其中/已/完成/达到…).
//! Percentages of change (同比、下降、增长…), targets (以上、不低于…) and ratios without
//! their counts (优良天数比例81.9%) are never checked.
//!
//! A rate noun names its part: in 其中采纳81条、部分采纳27条、未采纳28条，完全采纳率… the
//! part is the count whose clause the rate's name holds (采纳), and the whole preferred is
//! the one marked as such (共收到136条). A rate whose name shares no word character with
//! the clauses of the sentence's counts (入住率 after 养老机构120家) is not checked.

use std::borrow::Cow;
use std::ops::Range;

use super::prelude::*;
use crate::quantity::{AnyWord, Quantity};

pub static RULE: Rule = Rule {
    code: "NL303",
    name: "percent-mismatch",
    default_severity: Severity::Error,
    summary: Text::new(
        "百分比与其自身的分子分母不符（216/250 写成 85.04%）",
        "a percentage that does not match its own counts (216/250 stated as 85.04%)",
    ),
    doc: Text::new(DOC_ZH, DOC_EN),
    implemented: true,
    check,
};

const DOC_ZH: &str = r#"
## 检查什么
同一句中给出了总数和部分数、紧接着给出比例（“占”“××率”）时，按文中保留的小数位数
复算该百分比；任何一种合理的分子分母组合（部分/总数、（总数−不合格数）/总数、几个
分项之和/总数）都对不上时报告。没有给出分子分母的比例（优良天数比例81.9%）、
增减幅度（同比上升10.43个百分点）、目标值（90%以上）不检查。

## 为什么
百分比是读者最容易复核的数字，算错会让人怀疑全文数据的可靠性；常见原因是改了计数
却没有重算比例，或从别的材料里照抄了比例。

## 错误示例
```text
全区250条河道中，水质达到或优于Ⅲ类的断面216个，占85.04%。
```

## 正确写法
```text
全区250条河道中，水质达到或优于Ⅲ类的断面216个，占86.4%。
```
"#;

const DOC_EN: &str = r#"
## What it does
When one sentence states a whole and a part and then a share (占…, …率), recomputes the
percentage at the precision printed. It reports only when no sensible pairing (part/whole,
(whole − failures)/whole, a sum of listed parts over the whole) gives the printed value.
Ratios printed without their counts (优良天数比例81.9%), changes (同比上升10.43个百分点)
and targets (90%以上) are not checked.

## Why is this bad?
A percentage is the figure readers check first; a wrong one casts doubt on every number in
the notice. It usually means a count was corrected and the share was not recomputed, or
the share was copied from another report.

## Example
```text
全区250条河道中，水质达到或优于Ⅲ类的断面216个，占85.04%。
```

Use instead:
```text
全区250条河道中，水质达到或优于Ⅲ类的断面216个，占86.4%。
```
"#;

/// How many counts of a paragraph are kept as candidates (bounds the pairing work).
const MAX_CANDIDATES: usize = 16;
/// Sentences with more counts than this before a percentage are too tangled to judge.
const MAX_SENTENCE_COUNTS: usize = 10;

/// Words before a percentage that make it a change, a target or a rate of payment.
const NOT_A_SHARE: &[&str] = &[
    "同比",
    "环比",
    "下降",
    "上升",
    "增长",
    "提高",
    "降低",
    "减少",
    "增加",
    "增幅",
    "降幅",
    "较",
    "比上年",
    "比去年",
    "拨付",
    "按",
    "不低于",
    "不少于",
    "不超过",
    "不高于",
    "高于",
    "低于",
    "超过",
    "约",
    "近",
    "逾",
    "稳定在",
    "保持",
    "控制在",
    "力争",
    "目标",
    "确保",
    "达到",
    "提升至",
    "提升到",
    "以上",
];
static NOT_A_SHARE_ANY: AnyWord = AnyWord::new(NOT_A_SHARE);
/// Words after a percentage that make it a bound.
const BOUND_AFTER: &[&str] = &["以上", "以下", "左右", "以内", "上下"];
/// The whole is marked as such.
const WHOLE_BEFORE: &[&str] = &[
    "共", "总", "合计", "累计", "全年", "全区", "全市", "全县", "全省", "全镇", "全部", "全",
];
/// A count of what remains (正在办理12件) after a count of what is done (已结案71件).
const REST_CUE: &[&str] = &["正在", "尚未", "未", "其余", "剩余", "仍有", "在办"];
const DONE_CUE: &[&str] = &["已", "完成", "办结", "结案"];
static REST_CUE_ANY: AnyWord = AnyWord::new(REST_CUE);
static DONE_CUE_ANY: AnyWord = AnyWord::new(DONE_CUE);
/// The part is marked as such.
const PART_CUE: &[&str] = &[
    "其中", "已", "完成", "达到", "办结", "结案", "整改", "合格", "实现", "优秀", "满意", "化解",
    "持有", "覆盖", "落实",
];
static PART_CUE_ANY: AnyWord = AnyWord::new(PART_CUE);

fn is_clause_break(c: char) -> bool {
    matches!(
        c,
        '，' | ',' | '、' | '；' | ';' | '。' | '：' | ':' | '！' | '？' | '!' | '?'
    )
}

/// Measurement units must match exactly; measure words of countable things may be mixed
/// (250条河道中…216个断面): a number for each measurement unit, 0 for every measure word of
/// countable things (worked out once per count where counts are paired many times).
fn unit_class(u: &'static str) -> u8 {
    match u {
        "元" => 1,
        "吨" => 2,
        "公里" => 3,
        "米" => 4,
        "平方米" => 5,
        "立方米" => 6,
        "%" => 7,
        "个百分点" => 8,
        _ => 0,
    }
}

fn compatible(a: &Quantity, b: &Quantity) -> bool {
    unit_class(a.unit) == unit_class(b.unit)
}

/// A bound or estimate: 约120家, 100多家, 30余人, 90%以上.
fn fuzzy(text: &str, q: &Quantity) -> bool {
    let before = &text[..q.span.start];
    let after = &text[q.span.end..];
    let num_end = &text[q.num.end..];
    [
        "约",
        "近",
        "超过",
        "逾",
        "不少于",
        "不低于",
        "不超过",
        "大约",
        "将近",
    ]
    .iter()
    .any(|w| before.ends_with(w))
        || BOUND_AFTER.iter().any(|w| after.starts_with(w))
        || ["多", "余"].iter().any(|w| num_end.starts_with(w))
}

/// The last printed digit's step for `decimals` digits (at most 6).
fn step_of(decimals: usize) -> f64 {
    10f64.powi(-(decimals.min(6) as i32))
}

/// Does `value` (a percentage) print as `printed` with the precision whose last digit's
/// step is `step` ([`step_of`], worked out once per percentage), rounded or cut?
fn prints_at(value: f64, printed: f64, step: f64) -> bool {
    if !value.is_finite() {
        return false;
    }
    let eps = 1e-9 * value.abs().max(1.0);
    (value - printed).abs() <= step / 2.0 + eps
        || (value >= printed && value - printed < step + eps)
}

/// Whether any pairing of the counts gives the printed percentage: a part of this sentence
/// (or a run of its consecutive parts) over a whole of this sentence or an earlier one (or a
/// run of consecutive counts of this sentence), as part/whole or (whole − part)/whole.
fn any_pairing_matches(
    current: &[&Quantity],
    earlier: &[Quantity],
    printed: f64,
    decimals: usize,
) -> bool {
    // Wholes: every count, and sums of 2–4 consecutive compatible counts of this sentence
    // (12个续建 + 34个新开工 = 46); a sum is used only as part/whole, never (whole − part).
    // (Each with its unit's class, [`unit_class`].)
    let class = |q: &Quantity| unit_class(q.unit);
    let mut wholes: Vec<(f64, &Quantity, bool, u8)> = earlier
        .iter()
        .map(|q| (q.value, q, false, class(q)))
        .collect();
    wholes.extend(current.iter().map(|q| (q.value, *q, false, class(q))));
    // Parts: every count of this sentence, and sums of consecutive runs.
    let mut parts: Vec<(f64, &Quantity, u8)> =
        current.iter().map(|q| (q.value, *q, class(q))).collect();
    for a in 0..current.len() {
        let mut sum = current[a].value;
        for b in a + 1..current.len().min(a + 4) {
            if !compatible(current[b], current[a]) {
                break;
            }
            sum += current[b].value;
            // 共500户，其中430户、70户: a whole with its own parts is no sum of anything.
            if (sum - 2.0 * current[a].value).abs() < 1e-9 {
                break;
            }
            wholes.push((sum, current[a], true, class(current[a])));
            parts.push((sum, current[a], class(current[a])));
        }
    }
    let step = step_of(decimals);
    for &(w, wq, is_sum, wc) in &wholes {
        if w <= 0.0 {
            continue;
        }
        for &(p, pq, pc) in &parts {
            if pc != wc || (p == w && std::ptr::eq(pq, wq)) {
                continue;
            }
            if prints_at(p / w * 100.0, printed, step)
                || (!is_sum && p <= w && prints_at((w - p) / w * 100.0, printed, step))
            {
                return true;
            }
        }
    }
    false
}

/// The clause holding `pos`: from the last clause break before it (within `sent`).
fn clause_before(text: &str, sent: &Range<usize>, pos: usize) -> Range<usize> {
    let seg = &text[sent.start..pos];
    let start = seg
        .char_indices()
        .rev()
        .find(|(_, c)| is_clause_break(*c))
        .map(|(i, c)| sent.start + i + c.len_utf8())
        .unwrap_or(sent.start);
    start..pos
}

/// The text after `pos` up to the next clause break (within `sent`).
fn clause_after<'a>(text: &'a str, sent: &Range<usize>, pos: usize) -> &'a str {
    let seg = &text[pos..sent.end];
    let end = seg.find(is_clause_break).unwrap_or(seg.len());
    &seg[..end]
}

/// `250条河道中，…` / `34个项目中已开工…`: the count is the set the next part is taken from.
fn marked_as_whole_after(text: &str, sent: &Range<usize>, pos: usize) -> bool {
    let after = clause_after(text, sent, pos);
    for (i, c) in after.char_indices() {
        if crate::numeral::arabic_digit(c).is_some() {
            return false;
        }
        if c == '中' {
            let next = after[i + c.len_utf8()..].chars().next();
            let whole_next = match next {
                None => true,
                Some(n) => matches!(
                    n,
                    '已' | '有' | '共' | '经' | '完' | '达' | '实' | '，' | ','
                ),
            };
            if whole_next {
                return true;
            }
        }
    }
    false
}

/// 共排查学校863所 / 全区250条河道中: the count is marked as a whole.
fn is_marked_whole(text: &str, sent: &Range<usize>, q: &Quantity) -> bool {
    let lead = &text[clause_before(text, sent, q.span.start)];
    whole_cue(lead) || marked_as_whole_after(text, sent, q.span.end)
}

/// 共排查…, 全镇…, 累计…: but not the 全 of 安全 nor the 共 of 公共.
fn whole_cue(lead: &str) -> bool {
    // One walk over the lead: a word of WHOLE_BEFORE begins with 共, 总, 合, 累 or 全 (a
    // test checks it), and each occurrence is one of the match_indices of some word.
    lead.char_indices().any(|(i, c)| {
        matches!(c, '共' | '总' | '合' | '累' | '全')
            && WHOLE_BEFORE.iter().any(|w| {
                lead[i..].starts_with(w)
                    && match *w {
                        "全" => i == 0,
                        "共" => !lead[..i].ends_with('公'),
                        _ => true,
                    }
            })
    })
}

fn strip_lead_punct(s: &str) -> &str {
    s.trim_start_matches(|c: char| is_clause_break(c) || c.is_whitespace())
}

/// How a percentage is tied to the counts before it.
enum Form<'a> {
    /// part，占X% / part，整改率X%: the part is the count right before, or the count whose
    /// clause names the rate (采纳81条…完全采纳率). Holds the rate's name without
    /// 率/比例/… (完全采纳), empty after 占.
    Share(&'a str),
    /// 占…whole的X%: the whole is the count right before; the part comes earlier.
    OfWhole,
}

const RATE_NOUNS: &[&str] = &["率", "比例", "比重", "占比"];

fn form_of(gap: &str) -> Option<Form<'_>> {
    let g = strip_lead_punct(gap);
    if g.chars().count() > 16 || g.contains(['（', '(', '《']) {
        return None;
    }
    if g.is_empty() {
        return None;
    }
    let form = if gap.ends_with('的') && !gap.contains(is_clause_break) {
        Form::OfWhole
    } else if g.starts_with('占') {
        Form::Share("")
    } else {
        let core = ["为", "达", "是"]
            .iter()
            .find_map(|v| g.strip_suffix(v))
            .unwrap_or(g);
        if g.chars().count() > 10 {
            return None;
        }
        Form::Share(RATE_NOUNS.iter().find_map(|w| core.strip_suffix(w))?)
    };
    // Words that make it no share at all (looked for last: most gaps are no form anyway).
    if NOT_A_SHARE_ANY.in_text(g) {
        return None;
    }
    Some(form)
}

/// The words of a count's clause that name it: 其中采纳 → 采纳, 已整改 → 整改.
fn lead_core(lead: &str) -> &str {
    let mut s = lead.trim();
    // 累计开工（含复工） → 累计开工
    if s.ends_with(['）', ')']) {
        if let Some(i) = s.rfind(['（', '(']) {
            s = &s[..i];
        }
    }
    loop {
        let before = s;
        for w in ["其中", "已经", "已", "共", "累计", "全部", "均"] {
            s = s.strip_prefix(w).unwrap_or(s);
        }
        if s == before {
            return s;
        }
    }
}

/// How well the count's clause names the rate: 3 when it is the rate's name (整改 / 整改率),
/// 2 when the rate's name holds it (采纳 / 完全采纳率, 需提升改造 / 需提升改造学校占比),
/// 1 when it ends with it (成功化解 / 化解率), 0 when it does not name it or negates it
/// (暂不采纳 / 采纳率). Given the clause's [`lead_core`].
fn names_rate(core: &str, stem: &str) -> u8 {
    let negates = |s: &str| s.contains(['不', '未', '非', '无']);
    if core.chars().count() < 2 || negates(core) != negates(stem) {
        return 0;
    }
    if core == stem {
        3
    } else if stem.contains(core) {
        2
    } else if stem.chars().count() >= 2 && core.ends_with(stem) {
        1
    } else {
        0
    }
}

/// Rate names that fit any count (完成率, 比例): they say nothing about which count is meant.
fn generic_stem(stem: &str) -> bool {
    let s = ["总体", "整体", "综合", "平均", "总"]
        .iter()
        .find_map(|w| stem.strip_prefix(w))
        .unwrap_or(stem);
    s.is_empty() || s == "完成"
}

/// Characters too common in clause leads to tie a rate to a count.
fn weak_char(c: char) -> bool {
    // (A match, not a search of a string of them.)
    matches!(
        c,
        '全' | '中'
            | '其'
            | '共'
            | '已'
            | '有'
            | '的'
            | '市'
            | '区'
            | '县'
            | '镇'
            | '个'
            | '了'
            | '及'
            | '和'
            | '与'
            | '或'
    )
}

/// Does the rate's name share a word character with the clause of some count of the
/// sentence? 入住率 after 养老机构120家、民办机构80家 is not a share of those counts.
fn rate_about_counts(text: &str, sent: &Range<usize>, stem: &str, counts: &[&Quantity]) -> bool {
    counts.iter().any(|q| {
        let lead = &text[clause_before(text, sent, q.span.start)];
        stem.chars()
            .any(|c| super::text::is_han(c) && !weak_char(c) && lead.contains(c))
    })
}

fn fmt_pct(v: f64, decimals: usize) -> String {
    format!("{:.*}%", decimals.clamp(1, 4), v)
}

fn check(ctx: &Ctx, out: &mut Findings) {
    let text = ctx.text;
    // A percentage quantity needs `%` or `％` (class PERCENT) on its line.
    let percent = |c: crate::scan::Classes| {
        c.any(crate::scan::class::PERCENT) || c.any_ascii(crate::scan::ascii_mask(b"%"))
    };
    if !percent(ctx.text_classes()) {
        return;
    }
    // Buffers reused from paragraph to paragraph: its sentences and their counts.
    let mut sents: Vec<Range<usize>> = Vec::new();
    let mut earlier: Vec<Quantity> = Vec::new();
    for (pi, p) in ctx.notice.paragraphs.iter().enumerate() {
        if matches!(p.role, Role::Title | Role::DocNumber | Role::Date)
            || !percent(ctx.para_classes(pi))
        {
            continue;
        }
        // Only a percentage is checked, and the quantity scan reads `%` and `％` as one.
        if !ctx
            .quantities(p.span.clone())
            .iter()
            .any(Quantity::is_percent)
        {
            continue;
        }
        // Counts of the earlier sentences of this paragraph, as extra candidates.
        earlier.clear();
        sents.clear();
        super::text::sentences_into(text, p.span.clone(), &mut sents);
        for sent in &sents {
            let qs = ctx.quantities(sent.clone());
            for (k, q) in qs.iter().enumerate() {
                if q.is_percent() {
                    check_percent(ctx, sent, &qs[..k], &earlier, q, out);
                }
            }
            earlier.extend(
                qs.iter()
                    .filter(|q| !q.is_percent() && q.unit != "个百分点")
                    .cloned(),
            );
            if earlier.len() > MAX_CANDIDATES {
                earlier.drain(..earlier.len() - MAX_CANDIDATES);
            }
        }
    }
}

fn check_percent(
    ctx: &Ctx,
    sent: &Range<usize>,
    before: &[Quantity],
    earlier: &[Quantity],
    pct: &Quantity,
    out: &mut Findings,
) {
    let text = ctx.text;
    if fuzzy(text, pct) || before.len() > 2 * MAX_SENTENCE_COUNTS {
        return;
    }
    let counts: Vec<&Quantity> = before
        .iter()
        .filter(|q| !q.is_percent() && q.unit != "个百分点")
        .collect();
    let Some(last) = before.last() else {
        return;
    };
    if last.is_percent() || last.unit == "个百分点" || counts.len() > MAX_SENTENCE_COUNTS {
        return;
    }
    let gap = &text[last.span.end..pct.span.start];
    let Some(form) = form_of(gap) else {
        return;
    };
    // A rate named after something the sentence does not count is not a share of them.
    if let Form::Share(stem) = form {
        if !stem.is_empty() && !generic_stem(stem) && !rate_about_counts(text, sent, stem, &counts)
        {
            return;
        }
    }
    // The confident pair.
    // 已办结71件，正在办理12件，办结率X%: the whole is the done plus the rest.
    if matches!(form, Form::Share(_)) {
        let rest = last;
        let rest_lead = &text[clause_before(text, sent, rest.span.start)];
        let done = counts
            .iter()
            .rev()
            .copied()
            .find(|q| q.span.end <= rest.span.start);
        if let Some(done) = done {
            let done_lead = &text[clause_before(text, sent, done.span.start)];
            if REST_CUE_ANY.in_text(rest_lead)
                && DONE_CUE_ANY.in_text(done_lead)
                && compatible(done, rest)
                && !fuzzy(text, done)
                && !fuzzy(text, rest)
            {
                let from = earlier.len().saturating_sub(MAX_CANDIDATES);
                if any_pairing_matches(&counts, &earlier[from..], pct.value, pct.decimals) {
                    return;
                }
                let whole = done.value + rest.value;
                let shown = fmt_pct(done.value / whole * 100.0, pct.decimals);
                let printed = &text[pct.span.clone()];
                let (d, r) = (&text[done.span.clone()], &text[rest.span.clone()]);
                let (zh, en) = message(
                    out,
                    printed,
                    &shown,
                    &["（", d, "÷（", d, "+", r, "）"],
                    (&[": ", d, " / (", d, " + ", r, ")"], ""),
                );
                out.push_quick(
                    &RULE,
                    Quick::new(pct.span.clone(), &zh, &en)
                        .label(done.span.clone(), "已完成数", "the part done")
                        .label(rest.span.clone(), "其余数", "the rest"),
                );
                return;
            }
        }
    }
    let (part, whole) = match form {
        Form::Share(stem) => {
            // The count whose clause names the rate, else the count right before.
            let named = if stem.is_empty() {
                None
            } else {
                counts
                    .iter()
                    .copied()
                    .map(|q| {
                        let lead = &text[clause_before(text, sent, q.span.start)];
                        let core = lead_core(lead);
                        (names_rate(core, stem), core.len(), q)
                    })
                    .filter(|&(score, _, _)| score > 0)
                    .max_by_key(|&(score, len, _)| (score, len))
                    .map(|(_, _, q)| q)
            };
            let part = named.filter(|q| compatible(q, last)).unwrap_or(last);
            let prior: Vec<&Quantity> = counts
                .iter()
                .copied()
                .filter(|q| q.span.end <= part.span.start)
                .filter(|q| compatible(q, part) && q.value >= part.value)
                .collect();
            // The whole marked as such (共排查学校863所), else the nearest of the same unit.
            let whole = prior
                .iter()
                .rev()
                .find(|q| is_marked_whole(text, sent, q))
                .or_else(|| prior.iter().rev().find(|q| q.unit == part.unit))
                .or_else(|| prior.first())
                .copied();
            let Some(whole) = whole else { return };
            (part, whole)
        }
        Form::OfWhole => {
            let whole = last;
            let lead = &text[clause_before(text, sent, whole.span.start)];
            if !(lead.contains('占') || lead.contains('为')) {
                return;
            }
            let Some(part) = counts
                .iter()
                .rev()
                .copied()
                .find(|q| q.span.end <= whole.span.start && compatible(q, whole))
            else {
                return;
            };
            (part, whole)
        }
    };
    if fuzzy(text, part) || fuzzy(text, whole) || whole.value <= 0.0 {
        return;
    }
    let whole_marked = is_marked_whole(text, sent, whole) || matches!(form, Form::OfWhole);
    let part_lead = &text[clause_before(text, sent, part.span.start)];
    let part_marked = PART_CUE_ANY.in_text(part_lead);
    if !(whole_marked || part_marked) {
        return;
    }
    // Every pairing the text allows.
    let from = earlier.len().saturating_sub(MAX_CANDIDATES);
    if any_pairing_matches(&counts, &earlier[from..], pct.value, pct.decimals) {
        return;
    }
    let actual = part.value / whole.value * 100.0;
    let shown = fmt_pct(actual, pct.decimals);
    let printed = &text[pct.span.clone()];
    let part_s = &text[part.span.clone()];
    let whole_s = &text[whole.span.clone()];
    let (zh, en) = message(
        out,
        printed,
        &shown,
        &["（如", part_s, "÷", whole_s],
        (&[" (e.g. ", part_s, " / ", whole_s], ")"),
    );
    out.push_quick(
        &RULE,
        Quick::new(pct.span.clone(), &zh, &en)
        .label(part.span.clone(), "部分数", "the part")
        .label(whole.span.clone(), "总数", "the whole")
        .note(
            "按文中保留的小数位数复算，部分/总数、（总数−部分）/总数及分项之和/总数均对不上；请核对计数或重算比例。",
            "recomputed at the printed precision, neither part/whole, (whole − part)/whole nor a sum of parts over the whole gives it; check the counts or recompute the share.",
        ),
    );
}

/// The message of the percentage `printed` that its counts make `shown`: in Chinese with
/// the sum `zh` before `=shown`, in English with `en.0` before ` = shown` and `en.1` after
/// (each only when its language is kept; the pieces joined in one string).
fn message(
    out: &Findings,
    printed: &str,
    shown: &str,
    zh: &[&str],
    en: (&[&str], &str),
) -> (Cow<'static, str>, Cow<'static, str>) {
    let zh = out.zh(|| {
        [
            &["百分比“", printed, "”与文中数字不符"][..],
            zh,
            &["=", shown, "）"],
        ]
        .concat()
        .concat()
    });
    let en = out.en(|| {
        [
            &["the percentage `", printed, "` does not match its counts"][..],
            en.0,
            &[" = ", shown, en.1],
        ]
        .concat()
        .concat()
    });
    (zh, en)
}

#[cfg(test)]
mod tests {
    fn hits(s: &str) -> Vec<String> {
        crate::check(s, &crate::Options::default())
            .into_iter()
            .filter(|d| d.rule == "percent-mismatch")
            .map(|d| s[d.span.clone()].to_owned())
            .collect()
    }

    #[test]
    fn flags_wrong_share() {
        assert_eq!(
            hits("全区250条河道中，达到或优于Ⅲ类断面216个，占85.04%。"),
            vec!["85.04%"]
        );
        assert_eq!(hits("共发现问题40个，已整改35个，整改率90%。"), vec!["90%"]);
        assert_eq!(
            hits("12个续建项目已全部复工，34个新开工项目中已开工19个，累计开工（含复工）31个，开工率69.39%。"),
            vec!["69.39%"]
        );
        assert_eq!(
            hits("已结案71件，正在办理12件，结案率87.54%。"),
            vec!["87.54%"]
        );
        assert_eq!(
            hits("累计检查企业120家，其中合格企业96家，合格率75%。"),
            vec!["75%"]
        );
        // The rate names a part listed among others; the whole is the one marked 共.
        assert_eq!(
            hits("共征集意见建议90条，其中采纳54条、部分采纳20条、未采纳16条，采纳率为53%。"),
            vec!["53%"]
        );
        assert_eq!(
            hits("全镇共排查农房500户，其中鉴定安全430户、需整治70户，需整治农房占比为7.00%。"),
            vec!["7.00%"]
        );
    }

    #[test]
    fn accepts_right_shares() {
        for s in [
            "全区250条河道中，达到或优于Ⅲ类断面216个，占86.4%。",
            "全区250条河道中，达到或优于Ⅲ类断面216个，占86%。",
            "已结案71件，正在办理12件，结案率85.54%。",
            "12个续建项目已全部复工，34个新开工项目中已开工19个，累计开工（含复工）31个，开工率67.39%。",
            "反馈的697个问题，完成整改688个，未完成9个，总体完成率98.71%。",
            "共受理信访件100件，已办结95件，正在办理5件，办结率95%。",
            "清运量9.64万吨，其中回收利用5.92万吨，回收利用率61.41%。",
            "整车抽检142批次，不合格13批次，合格率90.85%。",
            "共评定学校240所，其中优秀168所、良好61所，良好及以上比例为95.42%。",
            "完成改造1284.6公里，为年度计划1150公里的111.70%。",
            "覆盖的党组织将达到63个，占应覆盖党组织总数76个的82.89%。",
            "共检查企业50家，合格率92%。",
            "优良天数比例为81.9%，同比上升10.43个百分点。",
            "10个断面达标率100%，优Ⅲ比例80%。",
            "共有企业200家，其中50家，产值同比增长35%。",
            "全市共有学校240所，投放准确率稳定在90%以上。",
            "共征集意见建议90条，其中采纳54条、部分采纳20条、未采纳16条，采纳率为60%。",
            "全镇共排查农房500户，其中鉴定安全430户、需整治70户，需整治农房占比为14%。",
            // Rates of something the sentence does not count.
            "全市共有养老机构120家，其中民办机构80家，入住率65%。",
            "共检查企业500家，发现问题120个，整改率95%。",
        ] {
            assert!(hits(s).is_empty(), "{s}: {:?}", hits(s));
        }
    }

    #[test]
    fn whole_cue_first_chars() {
        for w in super::WHOLE_BEFORE {
            assert!("共总合累全".contains(w.chars().next().unwrap()), "{w}");
        }
    }

    #[test]
    fn big_input_is_fine() {
        let s = "共检查企业120家，其中合格96家，合格率80%，".repeat(20_000);
        let _ = hits(&s);
    }
}
