//! `sum-mismatch` (NL302): parts that do not add up to their stated whole.

use super::prelude::*;
use crate::findings::Text as FindingText;
use crate::quantity::{AnyWord, Quantity};

pub static RULE: Rule = Rule {
    code: "NL302",
    name: "sum-mismatch",
    default_severity: Severity::Error,
    summary: Text::new(
        "分项之和与总数不符（20 = 19 + 1 可以通过）",
        "parts that do not add up to their stated whole (20 = 19 + 1 must pass)",
    ),
    doc: Text::new(DOC_ZH, DOC_EN),
    implemented: true,
    check,
};

const DOC_ZH: &str = r#"
## 检查什么
一句话里的总数与分项之和不符：
1. 进度分解：“共排查问题48个，已整改45个，正在整改5个”（45+5≠48）；分项以“已、完成、
   正在、未、其余、限期、当场”等表示进度的词引出，紧跟在总数之后；
2. “其中”分解：“共检查学校240所，其中中学62所、小学98所……”，分项之和大于总数，
   或列有“其余/其他”一项而仍小于总数。“其中”只列部分（“发展党员12名，其中35岁以下9名”）
   是正常写法，不报告。
“20个问题已完成19个，正在推进整改1个”（19+1=20）不会报告。约数（约、近、多、余、以上）
不参与核对。

## 为什么
总数和分项是读者最容易核对的数字，对不上会直接损害公文的可信度。

## 错误示例
```text
共排查问题48个，已整改45个，正在整改5个。
```

## 正确写法
```text
共排查问题50个，已整改45个，正在整改5个。
```
"#;

const DOC_EN: &str = r#"
## What it does
Flags a whole and its parts, stated in one sentence, that do not add up:
1. progress splits: “共排查问题48个，已整改45个，正在整改5个” (45+5≠48), the parts
   introduced by progress words (已, 完成, 正在, 未, 其余, 限期, 当场) right after the whole;
2. “其中” splits whose parts exceed the whole, or fall short of it while listing a
   remainder (其余/其他). A “其中” naming only some parts is normal and stays silent.
“20个问题已完成19个，正在推进整改1个” (19+1=20) passes. Approximate figures (约, 近, 多,
余, 以上) are not checked.

## Why is this bad?
Totals and their parts are the figures readers check first; a mismatch undermines the
whole notice.

## Example
```text
共排查问题48个，已整改45个，正在整改5个。
```

Use instead:
```text
共排查问题50个，已整改45个，正在整改5个。
```
"#;

/// Words that mark a part of a whole by its progress.
const STATUS: &[&str] = &[
    "已", "完成", "正在", "未", "尚未", "其余", "剩余", "限期", "当场", "办结", "在建", "仍",
];
/// Words that mark the last part as the remainder.
const REMAINDER: &[&str] = &["其余", "其他", "剩余", "另有", "余下"];
static STATUS_ANY: AnyWord = AnyWord::new(STATUS);
static REMAINDER_ANY: AnyWord = AnyWord::new(REMAINDER);
/// Searchers for 其中, 中，, 中, and 分别.
static FINDERS: std::sync::LazyLock<[memchr::memmem::Finder<'static>; 4]> =
    std::sync::LazyLock::new(|| ["其中", "中，", "中,", "分别"].map(memchr::memmem::Finder::new));
/// Words that mark a stated total (共7章47条).
static TOTAL_ANY: AnyWord = AnyWord::new(&["共", "合计", "总计", "累计", "总"]);
/// Where the last delimiter of a clause inside a sentence (，,、：:) begins in `s`, on the bytes: `,` `:` are ASCII; ，(EF BC 8C) ：(EF BC 9A) 、(E3 80 81)
/// are found by their last byte and the two before it (a last byte of a character never
/// begins one, so the match starts on a character).
fn rfind_clause(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let mut i = b.len();
    while i > 0 {
        i -= 1;
        match b[i] {
            b',' | b':' => return Some(i),
            0x8C | 0x9A if i >= 2 && b[i - 2] == 0xEF && b[i - 1] == 0xBC => return Some(i - 2),
            0x81 if i >= 2 && b[i - 2] == 0xE3 && b[i - 1] == 0x80 => return Some(i - 2),
            _ => {}
        }
    }
    None
}

fn unit_key(u: &str) -> &str {
    match u {
        "名" => "人",
        other => other,
    }
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-6 * a.abs().max(b.abs()).max(1.0)
}

fn fmt_num(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        (v as i64).to_string()
    } else {
        let s = format!("{v:.4}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

/// A quantity that may be a whole or a part: neither a percentage nor 个百分点.
fn is_count(q: &Quantity) -> bool {
    !q.is_percent() && q.unit != "个百分点"
}

fn check(ctx: &Ctx, out: &mut Findings) {
    // Every finding needs three counts in one sentence (a whole and two parts; neither
    // pass below looks at a sentence with fewer than three quantities that are not
    // percentages or 个百分点): the sentences of the body paragraphs that have three,
    // split once for both passes.
    let mut split: Vec<std::ops::Range<usize>> = Vec::new();
    for (_, p) in ctx.notice.body() {
        let qs = ctx.quantities(p.span.clone());
        if qs.len() >= 3 && qs.iter().filter(|q| is_count(q)).nth(2).is_some() {
            super::text::sentences_into(ctx.text, p.span.clone(), &mut split);
        }
    }
    across_sections(ctx, &split, out);
    // Buffers reused from sentence to sentence.
    let mut nested: Vec<std::ops::Range<usize>> = Vec::new();
    let mut all: Vec<Quantity> = Vec::new();
    let mut qs: Vec<Quantity> = Vec::new();
    for sent in split.iter().cloned() {
        // A whole and two parts at least (none is found in brackets without a whole).
        let counts = ctx.quantities(sent.clone()).iter().filter(|q| is_count(q));
        if counts.clone().count() < 3 {
            continue;
        }
        // Figures in brackets break a part down further (中学62所（初中41所、高中21所）):
        // they are not parts of the whole.
        bracketed(ctx.text, sent.clone(), &mut nested);
        all.clear();
        all.extend(counts.cloned());
        qs.clear();
        qs.extend(
            all.iter()
                .filter(|q| !nested.iter().any(|r| r.contains(&q.span.start)))
                .cloned(),
        );
        let qs = &qs[..];
        // A figure broken down in brackets right after it: 中学62所（初中41所、高中21所）.
        for r in &nested {
            let Some(whole) = all.iter().find(|q| q.span.end == r.start) else {
                continue;
            };
            let inner: Vec<&Quantity> = all
                .iter()
                .filter(|q| r.contains(&q.span.start) && unit_key(q.unit) == unit_key(whole.unit))
                .collect();
            if inner.len() >= 2 && !whole.approx && inner.iter().all(|q| !q.approx) {
                let sum: f64 = inner.iter().map(|q| q.value).sum();
                if sum > whole.value && !close(sum, whole.value) {
                    push(ctx, out, whole, &inner, sum);
                }
            }
        }
        if qs.len() < 3 {
            continue;
        }
        // The clause text before each quantity, back to the previous quantity or delimiter.
        let prefix = |k: usize| -> &str {
            let from = if k == 0 {
                sent.start
            } else {
                qs[k - 1].span.end
            };
            let s = &ctx.text[from.min(qs[k].num.start)..qs[k].num.start];
            match rfind_clause(s) {
                Some(i) => &s[i..],
                None => s,
            }
        };
        let status = |k: usize| {
            let p = prefix(k);
            STATUS_ANY.in_text(p)
        };
        let stext = &ctx.text[sent.clone()];
        // “总数，其中……”, “N个断面中，甲a个、乙b个”: the whole before, its parts after.
        // (Searchers built once: a sentence is short, setting one up costs more than the
        // search.)
        let sb = stext.as_bytes();
        let marker = FINDERS[0].find(sb).or_else(|| {
            FINDERS[1]
                .find_iter(sb)
                .chain(FINDERS[2].find_iter(sb))
                .find(|&i| !stext[..i].ends_with('其'))
        });
        if let Some(qi) = marker.map(|i| sent.start + i) {
            if qi > qs[0].span.end && qizhong(ctx, out, qs, qi, &prefix, false) {
                continue;
            }
        }
        // “共7章47条，……分别为6条、9条……”: all the parts, so they must add up.
        if let Some(qi) = FINDERS[3].find(sb).map(|i| sent.start + i) {
            let totalled = qs.iter().any(|q| {
                q.span.end <= qi && {
                    let b = &ctx.text[sent.start..q.num.start];
                    // After the last delimiter (`b.rsplit(CLAUSE).next()`).
                    let clause = rfind_clause(b)
                        .map_or(b, |i| &b[i + if b.as_bytes()[i] < 0x80 { 1 } else { 3 }..]);
                    TOTAL_ANY.in_text(clause)
                }
            });
            if totalled && qi > qs[0].span.end && qizhong(ctx, out, qs, qi, &prefix, true) {
                continue;
            }
        }
        // Progress split: whole, then a run of status parts of the same unit.
        let Some(first_status) = (1..qs.len()).find(|&k| status(k)) else {
            continue;
        };
        let whole = &qs[first_status - 1];
        if whole.approx || status(first_status - 1) {
            continue;
        }
        let unit = unit_key(whole.unit);
        let parts: Vec<&Quantity> = qs[first_status..]
            .iter()
            .enumerate()
            .take_while(|(j, q)| unit_key(q.unit) == unit && status(first_status + j))
            .map(|(_, q)| q)
            .collect();
        if parts.len() < 2 || parts.iter().any(|q| q.approx) {
            continue;
        }
        let sum: f64 = parts.iter().map(|q| q.value).sum();
        if !close(sum, whole.value) {
            push(ctx, out, whole, &parts, sum);
        }
    }
}

/// Byte ranges inside （） and () in `span`, into `out` (cleared first).
fn bracketed(text: &str, span: std::ops::Range<usize>, out: &mut Vec<std::ops::Range<usize>>) {
    out.clear();
    // The brackets found on the bytes: `(` `)` are ASCII, （ is EF BC 88 and ） EF BC 89 (an
    // EF byte always begins a character). Open brackets are few: a small stack.
    let mut open: Vec<usize> = Vec::new();
    let b = &text.as_bytes()[span.clone()];
    let mut i = 0;
    while let Some(k) = memchr::memchr3(b'(', b')', 0xEF, &b[i..]) {
        let at = i + k;
        i = at + 1;
        let opens = match b[at] {
            b'(' => true,
            b')' => false,
            _ => match b.get(at + 1..at + 3) {
                Some([0xBC, 0x88]) => true,
                Some([0xBC, 0x89]) => false,
                _ => continue,
            },
        };
        if opens {
            open.push(span.start + at);
        } else if let Some(o) = open.pop() {
            out.push(o..span.start + at);
        }
    }
}

/// “总数，其中甲a、乙b”: returns true when the sentence was a 其中 split (checked or not).
fn qizhong<'a>(
    ctx: &Ctx,
    out: &mut Findings,
    qs: &[Quantity],
    qi: usize,
    prefix: &dyn Fn(usize) -> &'a str,
    exact: bool,
) -> bool {
    // The whole is the last quantity before 其中 in the unit of the first part.
    let Some(first_part) = qs.iter().find(|q| q.span.start >= qi) else {
        return false;
    };
    let Some(wi) = qs
        .iter()
        .rposition(|q| q.span.end <= qi && unit_key(q.unit) == unit_key(first_part.unit))
    else {
        return false;
    };
    let whole = &qs[wi];
    let unit = unit_key(whole.unit);
    let parts: Vec<(usize, &Quantity)> = qs
        .iter()
        .enumerate()
        .skip(wi + 1)
        .filter(|(_, q)| unit_key(q.unit) == unit)
        .collect();
    if parts.len() < 2 {
        return parts.len() == 1;
    }
    if whole.approx || parts.iter().any(|(_, q)| q.approx) {
        return true;
    }
    let sum: f64 = parts.iter().map(|(_, q)| q.value).sum();
    let remainder = parts.last().is_some_and(|(k, _)| {
        let p = prefix(*k);
        REMAINDER_ANY.in_text(p)
    });
    if (sum > whole.value || remainder || exact) && !close(sum, whole.value) {
        let ps: Vec<&Quantity> = parts.iter().map(|(_, q)| *q).collect();
        push(ctx, out, whole, &ps, sum);
    }
    true
}

/// The labels of the first parts, `分项{k + 1}` and `part {k + 1}`.
const PART_ZH: [&str; 9] = [
    "分项1", "分项2", "分项3", "分项4", "分项5", "分项6", "分项7", "分项8", "分项9",
];
const PART_EN: [&str; 9] = [
    "part 1", "part 2", "part 3", "part 4", "part 5", "part 6", "part 7", "part 8", "part 9",
];

fn push(ctx: &Ctx, out: &mut Findings, whole: &Quantity, parts: &[&Quantity], sum: f64) {
    // The parts joined by ` + `, in one string.
    let mut expr = String::new();
    for (k, q) in parts.iter().enumerate() {
        if k > 0 {
            expr.push_str(" + ");
        }
        expr.push_str(ctx.slice(&q.span));
    }
    let w = ctx.slice(&whole.span);
    let u = whole.unit;
    // (`w` is a few characters: compared at each byte, no searcher set up.)
    let holds = |word: &str| {
        w.as_bytes()
            .windows(word.len())
            .any(|x| x == word.as_bytes())
    };
    let (scaled, unit) = if holds("万元") {
        (sum / 1e4, "万元")
    } else if holds("亿元") {
        (sum / 1e8, "亿元")
    } else {
        (sum, u)
    };
    let mut shown_total = fmt_num(scaled);
    shown_total.push_str(unit);
    // The pieces joined in one string of the right size.
    let (expr, total) = (expr.as_str(), shown_total.as_str());
    let zh = out.zh(|| {
        [
            "分项之和与总数不符：",
            expr,
            " = ",
            total,
            "，但总数写的是",
            w,
        ]
        .concat()
    });
    let en = out.en(|| {
        [
            "the parts do not add up: ",
            expr,
            " = ",
            total,
            ", but the whole is stated as ",
            w,
        ]
        .concat()
    });
    // The labels of up to nine parts are fixed strings, in a local array.
    if parts.len() <= PART_ZH.len() {
        let mut labels: [(std::ops::Range<usize>, [FindingText<'_>; 2]); 9] = Default::default();
        for (k, q) in parts.iter().enumerate() {
            labels[k] = (q.span.clone(), [PART_ZH[k].into(), PART_EN[k].into()]);
        }
        out.push_quick(
            &RULE,
            Quick::new(whole.span.clone(), &zh, &en).labels(&labels[..parts.len()]),
        );
        return;
    }
    let mut d = ctx.diag(&RULE, whole.span.clone(), zh, en);
    for (k, q) in parts.iter().enumerate() {
        d = d.label(
            q.span.clone(),
            format!("分项{}", k + 1),
            format!("part {}", k + 1),
        );
    }
    out.push(d);
}

/// A count declared in a section's intro: “（一）已整改完成的问题 / 共计19个问题已整改落实”.
struct Declared {
    q: Quantity,
    noun: String,
    done: Option<bool>,
}

/// Whether a clause speaks of work in progress (false: 正在, 推进, 未完成, 尚未, 持续), else
/// of finished work (true: 已, 完成, 落实, 办结), or neither. One pass over the clause: a
/// word is looked for only where its first character is.
fn progress(clause: &str) -> Option<bool> {
    let mut done = false;
    for (i, c) in clause.char_indices() {
        let rest = &clause[i..];
        match c {
            '正' | '推' | '未' | '尚' | '持'
                if ["正在", "推进", "未完成", "尚未", "持续"]
                    .iter()
                    .any(|w| rest.starts_with(w)) =>
            {
                return Some(false);
            }
            '已' => done = true,
            '完' | '落' | '办' => {
                done |= ["完成", "落实", "办结"].iter().any(|w| rest.starts_with(w));
            }
            _ => {}
        }
    }
    done.then_some(true)
}

fn noun_after(ctx: &Ctx, q: &Quantity) -> String {
    ctx.text[q.span.end..]
        .chars()
        .take_while(|c| super::text::is_han(*c))
        .take(2)
        .collect()
}

/// Candidate wholes of [`across_sections`], in text order: (position, quantity, its noun,
/// its parts).
type Whole = (usize, Quantity, String, Vec<(Quantity, bool)>);

/// The candidate wholes of `split`: a count in 个 followed in its sentence by two parts in 个
/// at least, each with the progress its clause speaks of.
fn wholes_of(ctx: &Ctx, split: &[std::ops::Range<usize>]) -> Vec<Whole> {
    let mut wholes: Vec<Whole> = Vec::new();
    // A whole needs two parts after it in its sentence: only the sentences of `split`.
    for sent in split {
        let qs = ctx.quantities(sent.clone());
        for (k, q) in qs.iter().enumerate() {
            if q.unit != "个" || q.approx {
                continue;
            }
            // Two parts at least, each a count in 个.
            if qs[k + 1..]
                .iter()
                .filter(|p| p.unit == "个")
                .nth(1)
                .is_none()
            {
                continue;
            }
            let parts: Vec<(Quantity, bool)> = qs[k + 1..]
                .iter()
                .filter(|p| p.unit == "个")
                .filter_map(|p| {
                    let b = &ctx.text[q.span.end..p.num.start];
                    let clause = b.rsplit(['，', ',']).next().unwrap_or(b);
                    progress(clause).map(|d| (p.clone(), d))
                })
                .collect();
            if parts.len() >= 2 {
                wholes.push((q.span.start, q.clone(), noun_after(ctx, q), parts));
            }
        }
    }
    wholes
}

/// Totals declared in different places must agree: the counts in the intros of sibling
/// sections (共计19个问题…, 共计1个问题…) against the whole stated before them
/// (20个问题已完成19个，正在推进整改1个).
fn across_sections(ctx: &Ctx, split: &[std::ops::Range<usize>], out: &mut Findings) {
    let n = ctx.notice;
    // The wholes are looked for only once a group of sections declares counts (few notices
    // have one): an empty list finds no whole, as the early return it replaces did.
    let wholes_cell: std::cell::OnceCell<Vec<Whole>> = std::cell::OnceCell::new();
    for g in &n.groups {
        let first = &n.item(g.items[0]);
        if g.items.len() < 2 || first.inline || first.kind.is_enumeration() {
            continue;
        }
        // Each section's intro: the first body paragraph after its heading that it owns.
        let mut decl: Vec<Declared> = Vec::new();
        for &h in &g.items {
            let hp = n.item(h).paragraph as usize;
            let Some((_, intro)) = n
                .paragraphs
                .iter()
                .enumerate()
                .skip(hp + 1)
                .find(|(_, p)| p.role == Role::Body)
            else {
                continue;
            };
            if intro.owner != Some(h) || intro.heading.is_some() {
                continue;
            }
            for q in ctx.quantities(intro.span.clone()) {
                let before = &ctx.text[intro.span.start..q.span.start];
                if q.approx
                    || q.unit != "个"
                    || !["共计", "共", "合计"].iter().any(|w| before.ends_with(w))
                {
                    continue;
                }
                let noun = noun_after(ctx, q);
                let clause_end = ctx.text[q.span.end..intro.span.end]
                    .find(['，', '。', ',', '；'])
                    .map_or(intro.span.end, |i| q.span.end + i);
                let clause = &ctx.text[q.span.end..clause_end];
                decl.push(Declared {
                    done: progress(clause),
                    q: q.clone(),
                    noun,
                });
                break;
            }
        }
        if decl.len() < 2
            || decl.iter().any(|d| d.noun != decl[0].noun)
            || decl[0].noun.chars().count() < 2
        {
            continue;
        }
        // The whole: the last “M个<noun>” before the sections that is split by progress.
        let wholes = wholes_cell.get_or_init(|| wholes_of(ctx, split));
        let start = n.paragraphs[first.paragraph as usize].span.start;
        let upto = wholes.partition_point(|w| w.0 < start);
        let whole = wholes[..upto]
            .iter()
            .rev()
            .find(|w| w.2 == decl[0].noun)
            .map(|w| (w.1.clone(), w.3.clone()));
        let Some((w, parts)) = whole else { continue };
        let sum: f64 = decl.iter().map(|d| d.q.value).sum();
        let noun = &decl[0].noun;
        if !close(sum, w.value) {
            let expr: Vec<String> = decl.iter().map(|d| fmt_num(d.q.value)).collect();
            let expr = expr.join(" + ");
            let ws = ctx.slice(&w.span);
            let total = fmt_num(sum);
            let zh = out.zh(|| {
                format!("各部分声明的{noun}数之和与总数不符：{expr} = {total}个，但前文总数是{ws}")
            });
            let en = out.en(|| format!("the sections declare {expr} = {total} {noun} in all, but the whole is stated as {ws}"));
            let mut d = ctx.diag(&RULE, w.span.clone(), zh, en);
            for x in &decl {
                d = d.label(
                    x.q.span.clone(),
                    "本部分声明的数量",
                    "declared by this section",
                );
            }
            out.push(d);
            continue;
        }
        // Each progress part must match the section that speaks of the same progress.
        for (p, done) in &parts {
            let same: Vec<&Declared> = decl.iter().filter(|d| d.done == Some(*done)).collect();
            if same.len() == 1 && !close(same[0].q.value, p.value) {
                let (ds, ps) = (ctx.slice(&same[0].q.span), ctx.slice(&p.span));
                let zh = out.zh(|| format!("本部分声明{ds}，与前文的“{ps}”不一致"));
                let en = out
                    .en(|| format!("this section declares {ds}, but earlier the notice says {ps}"));
                out.push_quick(
                    &RULE,
                    Quick::new(same[0].q.span.clone(), &zh, &en).label(
                        p.span.clone(),
                        "前文的分项",
                        "the part stated earlier",
                    ),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn clause_search_on_bytes_agrees_with_chars() {
        let pieces = [
            "，", ",", "、", "：", ":", "甲", "a", "。", "〇", "！", "ｌ", "𠮷", "ခ", "正", "在",
            "推进", "未", "完", "成", "尚", "持续", "已", "落实", "办", "结",
        ];
        let mut seed = 11u64;
        for _ in 0..5000 {
            let t = crate::rules::text::random_text(&pieces, &mut seed, 9);
            let clause: &[char] = &['，', ',', '、', '：', ':'];
            assert_eq!(super::rfind_clause(&t), t.rfind(clause), "{t:?}");
            // The progress words, looked for the way they were before.
            let has = |ws: &[&str]| ws.iter().any(|w| t.contains(w));
            let want = if has(&["正在", "推进", "未完成", "尚未", "持续"]) {
                Some(false)
            } else if has(&["已", "完成", "落实", "办结"]) {
                Some(true)
            } else {
                None
            };
            assert_eq!(super::progress(&t), want, "{t:?}");
        }
    }
}
