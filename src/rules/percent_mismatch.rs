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

use std::ops::Range;

use super::prelude::*;
use crate::quantity::{self, Quantity};

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
/// Words after a percentage that make it a bound.
const BOUND_AFTER: &[&str] = &["以上", "以下", "左右", "以内", "上下"];
/// The whole is marked as such.
const WHOLE_BEFORE: &[&str] = &[
    "共", "总", "合计", "累计", "全年", "全区", "全市", "全县", "全省", "全镇", "全部", "全",
];
/// A count of what remains (正在办理12件) after a count of what is done (已结案71件).
const REST_CUE: &[&str] = &["正在", "尚未", "未", "其余", "剩余", "仍有", "在办"];
const DONE_CUE: &[&str] = &["已", "完成", "办结", "结案"];
/// The part is marked as such.
const PART_CUE: &[&str] = &[
    "其中", "已", "完成", "达到", "办结", "结案", "整改", "合格", "实现", "优秀", "满意", "化解",
    "持有", "覆盖", "落实",
];

fn is_clause_break(c: char) -> bool {
    matches!(
        c,
        '，' | ',' | '、' | '；' | ';' | '。' | '：' | ':' | '！' | '？' | '!' | '?'
    )
}

/// Measurement units must match exactly; measure words of countable things may be mixed
/// (250条河道中…216个断面).
fn unit_class(u: &'static str) -> &'static str {
    match u {
        "元" | "吨" | "公里" | "米" | "平方米" | "立方米" | "%" | "个百分点" => u,
        _ => "count",
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

/// Does `value` (a percentage) print as `printed` with `decimals` digits, rounded or cut?
fn prints_as(value: f64, printed: f64, decimals: usize) -> bool {
    if !value.is_finite() {
        return false;
    }
    let step = 10f64.powi(-(decimals.min(6) as i32));
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
    let mut wholes: Vec<(f64, &Quantity, bool)> =
        earlier.iter().map(|q| (q.value, q, false)).collect();
    wholes.extend(current.iter().map(|q| (q.value, *q, false)));
    // Parts: every count of this sentence, and sums of consecutive runs.
    let mut parts: Vec<(f64, &Quantity)> = current.iter().map(|q| (q.value, *q)).collect();
    for a in 0..current.len() {
        let mut sum = current[a].value;
        for b in a + 1..current.len().min(a + 4) {
            if !compatible(current[b], current[a]) {
                break;
            }
            sum += current[b].value;
            wholes.push((sum, current[a], true));
            parts.push((sum, current[a]));
        }
    }
    for &(w, wq, is_sum) in &wholes {
        if w <= 0.0 {
            continue;
        }
        for &(p, pq) in &parts {
            if !compatible(pq, wq) || (p == w && std::ptr::eq(pq, wq)) {
                continue;
            }
            if prints_as(p / w * 100.0, printed, decimals)
                || (!is_sum && p <= w && prints_as((w - p) / w * 100.0, printed, decimals))
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

fn strip_lead_punct(s: &str) -> &str {
    s.trim_start_matches(|c: char| is_clause_break(c) || c.is_whitespace())
}

/// How a percentage is tied to the counts before it.
enum Form {
    /// part，占X% / part，整改率X%: the part is the count right before.
    Share,
    /// 占…whole的X%: the whole is the count right before; the part comes earlier.
    OfWhole,
}

fn form_of(gap: &str) -> Option<Form> {
    let g = strip_lead_punct(gap);
    if g.chars().count() > 16 || g.contains(['（', '(', '《']) {
        return None;
    }
    if NOT_A_SHARE.iter().any(|w| g.contains(w)) {
        return None;
    }
    if g.is_empty() {
        return None;
    }
    if gap.ends_with('的') && !gap.contains(is_clause_break) {
        return Some(Form::OfWhole);
    }
    if g.starts_with('占') {
        return Some(Form::Share);
    }
    let core = ["为", "达", "是"]
        .iter()
        .find_map(|v| g.strip_suffix(v))
        .unwrap_or(g);
    if g.chars().count() <= 10
        && ["率", "比例", "比重", "占比"]
            .iter()
            .any(|w| core.ends_with(w))
    {
        return Some(Form::Share);
    }
    None
}

fn fmt_pct(v: f64, decimals: usize) -> String {
    format!("{:.*}%", decimals.clamp(1, 4), v)
}

fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    let text = ctx.text;
    for p in &ctx.notice.paragraphs {
        if matches!(p.role, Role::Title | Role::DocNumber | Role::Date) {
            continue;
        }
        if !text[p.span.clone()].contains(['%', '％']) {
            continue;
        }
        // Counts of the earlier sentences of this paragraph, as extra candidates.
        let mut earlier: Vec<Quantity> = Vec::new();
        for sent in super::text::sentences(text, p.span.clone()) {
            let qs = quantity::scan(text, sent.clone());
            for (k, q) in qs.iter().enumerate() {
                if q.is_percent() {
                    check_percent(ctx, &sent, &qs[..k], &earlier, q, out);
                }
            }
            earlier.extend(
                qs.into_iter()
                    .filter(|q| !q.is_percent() && q.unit != "个百分点"),
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
    out: &mut Vec<Diagnostic>,
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
    // The confident pair.
    // 已办结71件，正在办理12件，办结率X%: the whole is the done plus the rest.
    if matches!(form, Form::Share) {
        let rest = last;
        let rest_lead = &text[clause_before(text, sent, rest.span.start)];
        let done = counts
            .iter()
            .rev()
            .copied()
            .find(|q| q.span.end <= rest.span.start);
        if let Some(done) = done {
            let done_lead = &text[clause_before(text, sent, done.span.start)];
            if REST_CUE.iter().any(|w| rest_lead.contains(w))
                && DONE_CUE.iter().any(|w| done_lead.contains(w))
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
                out.push(
                    ctx.diag(
                        &RULE,
                        pct.span.clone(),
                        format!("百分比“{printed}”与文中数字不符（{d}÷（{d}+{r}）={shown}）"),
                        format!(
                            "the percentage `{printed}` does not match its counts: {d} / ({d} + {r}) = {shown}"
                        ),
                    )
                    .label(done.span.clone(), "已完成数", "the part done")
                    .label(rest.span.clone(), "其余数", "the rest"),
                );
                return;
            }
        }
    }
    let (part, whole) = match form {
        Form::Share => {
            let part = last;
            let prior: Vec<&Quantity> = counts
                .iter()
                .copied()
                .filter(|q| q.span.end <= part.span.start)
                .filter(|q| compatible(q, part) && q.value >= part.value)
                .collect();
            let whole = prior
                .iter()
                .rev()
                .find(|q| q.unit == part.unit)
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
    let whole_lead = &text[clause_before(text, sent, whole.span.start)];
    let whole_marked = WHOLE_BEFORE.iter().any(|w| whole_lead.contains(w))
        || marked_as_whole_after(text, sent, whole.span.end)
        || matches!(form, Form::OfWhole);
    let part_lead = &text[clause_before(text, sent, part.span.start)];
    let part_marked = PART_CUE.iter().any(|w| part_lead.contains(w));
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
    out.push(
        ctx.diag(
            &RULE,
            pct.span.clone(),
            format!("百分比“{printed}”与文中数字不符（如{part_s}÷{whole_s}={shown}）"),
            format!(
                "the percentage `{printed}` does not match its counts (e.g. {part_s} / {whole_s} = {shown})"
            ),
        )
        .label(part.span.clone(), "部分数", "the part")
        .label(whole.span.clone(), "总数", "the whole")
        .note(
            "按文中保留的小数位数复算，部分/总数、（总数−部分）/总数及分项之和/总数均对不上；请核对计数或重算比例。",
            "recomputed at the printed precision, neither part/whole, (whole − part)/whole nor a sum of parts over the whole gives it; check the counts or recompute the share.",
        ),
    );
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
        ] {
            assert!(hits(s).is_empty(), "{s}: {:?}", hits(s));
        }
    }

    #[test]
    fn big_input_is_fine() {
        let s = "共检查企业120家，其中合格96家，合格率80%，".repeat(20_000);
        let _ = hits(&s);
    }
}
