//! `repeated-phrase` (NL401): a clause repeated back to back (…工作,并下设…工作,并下设…工作).
//!
//! Within a paragraph, the text is read as a sequence in which every clause separator
//! (，,；;、：:。！？!?) counts as one symbol; a stretch that repeats with a period of 4 to
//! [`MAX_UNIT`] characters is a repeated phrase when one copy holds at least four Han
//! characters. For each period the scan keeps a running count of `c[j] == c[j + L]`, so the
//! whole check is linear in the paragraph for a fixed maximum period: 20,000 copies of a
//! clause cost no more than any other text of that length. Stretches already explained by a
//! shorter period (整改整改整改整改 has period 2: that is `duplicate-char`) are left alone.
//! Longer sentences repeated back to back, and a body paragraph printed twice in a row, are
//! compared whole.
//!
//! The fix deletes the copies after the first one, from the separator that ends the first
//! copy, so that the last separator (the 。) stays.

use super::prelude::*;
use super::text::is_han;

pub static RULE: Rule = Rule {
    code: "NL401",
    name: "repeated-phrase",
    default_severity: Severity::Error,
    summary: Text::new(
        "同一分句紧挨着重复（……工作，并下设……工作，并下设……）",
        "a clause repeated back to back (…工作,并下设…工作,并下设…工作)",
    ),
    doc: Text::new(DOC_ZH, DOC_EN),
    implemented: true,
    check,
};

const DOC_ZH: &str = r#"
## 检查什么
同一分句或短语紧挨着重复出现（“……工作，并下设……工作，并下设……工作”，“并下设办公室并下设办公室”），
以及同一句子、同一段落连续出现两次。重复的部分至少含四个汉字；两三个字的重复（“停产停产”）由
duplicate-char（NL402）检查。“亲自研究、亲自部署、亲自督办”“日管控、周排查、月调度”等排比各项并不相同，
不会报告。修复建议删去多余的副本，只保留一个。

## 为什么
连续重复多是复制粘贴或排版时的失误，读者一眼就能看出，会损害发文机关的公信力。

## 错误示例
```text
成立巡察整改工作领导小组，并下设办公室具体负责巡察整改工作，并下设办公室具体负责巡察整改工作。
```

## 正确写法
```text
成立巡察整改工作领导小组，并下设办公室具体负责巡察整改工作。
```
"#;

const DOC_EN: &str = r#"
## What it does
Flags a clause or phrase repeated back to back ("…工作，并下设…工作，并下设…工作",
"并下设办公室并下设办公室"), and a sentence or paragraph printed twice in a row. The repeated
part holds at least four Han characters; repeats of two or three characters (停产停产) are
checked by duplicate-char (NL402). Parallel items such as "亲自研究、亲自部署、亲自督办" or
"日管控、周排查、月调度" differ from each other and are not reported. The fix deletes the extra
copies and keeps one.

## Why is this bad?
A back-to-back repeat is a copy-paste or layout slip; readers see it at once and it
undermines the issuing body's credibility.

## Example
```text
成立巡察整改工作领导小组，并下设办公室具体负责巡察整改工作，并下设办公室具体负责巡察整改工作。
```

Use instead:
```text
成立巡察整改工作领导小组，并下设办公室具体负责巡察整改工作。
```
"#;

/// The longest repeating unit, in characters, that the periodic scan looks for.
const MAX_UNIT: usize = 100;
/// Han characters a repeated unit must hold.
const MIN_HAN: usize = 4;

/// Clause separators: all count as one symbol when looking for repeats.
fn is_sep(c: char) -> bool {
    matches!(
        c,
        '，' | ',' | '；' | ';' | '、' | '：' | ':' | '。' | '！' | '？' | '!' | '?'
    )
}

fn is_sentence_end(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '!' | '?' | '；' | ';')
}

const SEP: u32 = u32::MAX;

fn han_count(s: &str) -> usize {
    s.chars().filter(|&c| is_han(c)).count()
}

/// A repeat found: the first copy, and the extra copies to delete.
struct Found {
    first: std::ops::Range<usize>,
    extra: std::ops::Range<usize>,
    copies: usize,
}

fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    let mut found = Vec::new();
    for p in &ctx.notice.paragraphs {
        let text = &ctx.text[p.span.clone()];
        if han_count(text) < 2 * MIN_HAN {
            continue;
        }
        let chars: Vec<(usize, char)> = text
            .char_indices()
            .map(|(i, c)| (p.span.start + i, c))
            .collect();
        let mut claimed = vec![false; chars.len()];
        long_sentences(&chars, &mut claimed, &mut found);
        let sym: Vec<u32> = chars
            .iter()
            .map(|&(_, c)| if is_sep(c) { SEP } else { c as u32 })
            .collect();
        // Characters inside a stretch of a shorter period (or already reported).
        let mut covered = claimed.clone();
        // Short periods over the whole paragraph (a few cheap passes), long ones only
        // where a long gram recurs.
        periodic(
            &chars,
            &sym,
            &mut claimed,
            &mut covered,
            1..GRAM,
            &mut found,
        );
        for (a, b) in candidate_windows(&sym) {
            periodic(
                &chars[a..b],
                &sym[a..b],
                &mut claimed[a..b],
                &mut covered[a..b],
                GRAM..MAX_UNIT + 1,
                &mut found,
            );
        }
    }
    repeated_paragraphs(ctx, &mut found);
    for f in found {
        let copy = &ctx.text[f.first.clone()];
        let copy_short = super::text::shorten(copy);
        let (zh, en) = if f.copies == 2 {
            (
                format!("“{copy_short}”紧接着重复了一遍"),
                format!("「{copy_short}」 is repeated right after itself"),
            )
        } else {
            (
                format!("“{copy_short}”紧接着连续出现{}次", f.copies),
                format!("「{copy_short}」 appears {} times in a row", f.copies),
            )
        };
        out.push(
            ctx.diag(&RULE, f.extra.clone(), zh, en)
                .label(f.first, "第一次出现在这里", "first copy here")
                .with_fix(Fix {
                    message: Msg::new("删去重复的部分，只保留一个", "delete the repeats, keep one"),
                    applicability: Applicability::Safe,
                    edits: vec![Edit {
                        span: f.extra,
                        replacement: String::new(),
                    }],
                }),
        );
    }
}

/// Sentences longer than the periodic scan's reach, repeated back to back.
fn long_sentences(chars: &[(usize, char)], claimed: &mut [bool], found: &mut Vec<Found>) {
    // Sentences as char ranges, the end mark excluded.
    let mut sents: Vec<(usize, usize)> = Vec::new();
    let mut start = 0;
    for (k, &(_, c)) in chars.iter().enumerate() {
        if is_sentence_end(c) {
            sents.push((start, k));
            start = k + 1;
        }
    }
    if start < chars.len() {
        sents.push((start, chars.len()));
    }
    let eq = |a: (usize, usize), b: (usize, usize)| {
        a.1 - a.0 == b.1 - b.0 && (0..a.1 - a.0).all(|j| chars[a.0 + j].1 == chars[b.0 + j].1)
    };
    let mut k = 1;
    while k < sents.len() {
        let a = sents[k - 1];
        let len = a.1 - a.0;
        if len < MAX_UNIT || !eq(a, sents[k]) {
            k += 1;
            continue;
        }
        let mut last = k;
        while last + 1 < sents.len() && eq(a, sents[last + 1]) {
            last += 1;
        }
        let b = sents[last];
        // Delete from the end mark of the first copy to the end of the last copy's text.
        let del_start = a.1;
        let del_end = b.1;
        for c in claimed[a.0..b.1].iter_mut() {
            *c = true;
        }
        found.push(Found {
            first: chars[a.0].0..chars[a.1].0,
            extra: chars[del_start].0..end_of(chars, del_end),
            copies: last - k + 2,
        });
        k = last + 1;
    }
}

/// Byte offset of the end of the char range ending (exclusively) at `k`.
fn end_of(chars: &[(usize, char)], k: usize) -> usize {
    let (b, c) = chars[k - 1];
    b + c.len_utf8()
}

/// Symbols per gram in the candidate filter; periods below it are scanned everywhere.
const GRAM: usize = 8;

/// The parts of a paragraph where a repeat of period [`GRAM`] or more can be: merged
/// windows around every gram of [`GRAM`] symbols that recurs within [`MAX_UNIT`] symbols.
///
/// A stretch of period `l` (GRAM ≤ l ≤ MAX_UNIT) over `s..e` repeats every gram of it at
/// distance `l`; each gram occurrence finds the previous one of the same gram (exactly,
/// via a hash table of last occurrences), whose distance is then at most `l`, so the
/// windows chain over the whole of `s..e`. Scanning only these windows finds the same
/// stretches as scanning the paragraph, and prose has few such windows: the periodic
/// scan, which makes one pass per period, then runs over a small part of the text.
fn candidate_windows(sym: &[u32]) -> Vec<(usize, usize)> {
    let n = sym.len();
    let mut windows: Vec<(usize, usize)> = Vec::new();
    if n < 2 * GRAM {
        return windows;
    }
    let grams = n + 1 - GRAM;
    let size = (2 * grams).next_power_of_two();
    let mask = size - 1;
    // Last position + 1 of a gram (0: empty slot); grams compared in `sym` itself.
    let mut table: Vec<usize> = vec![0; size];
    for j in 0..grams {
        let gram = &sym[j..j + GRAM];
        let h = gram.iter().fold(0u64, |h, &c| {
            (h ^ u64::from(c)).wrapping_mul(0x9E37_79B9_7F4A_7C15)
        });
        let mut slot = (h ^ (h >> 29)) as usize & mask;
        let prev = loop {
            let pos = table[slot];
            if pos == 0 {
                table[slot] = j + 1;
                break None;
            }
            if sym[pos - 1..pos - 1 + GRAM] == *gram {
                table[slot] = j + 1;
                break Some(pos - 1);
            }
            slot = (slot + 1) & mask;
        };
        let Some(p) = prev else { continue };
        if j - p > MAX_UNIT {
            continue;
        }
        let (mut s, mut e) = (p, j + GRAM);
        // A window may reach back before earlier ones: merge all that it touches.
        while let Some(&(ls, le)) = windows.last() {
            if s > le {
                break;
            }
            s = s.min(ls);
            e = e.max(le);
            windows.pop();
        }
        windows.push((s, e));
    }
    windows
}

/// Periodic stretches with a period in `periods` (scanned in increasing order); reported
/// from [`MIN_HAN`] characters on unless `covered` by stretches of shorter periods.
fn periodic(
    chars: &[(usize, char)],
    sym: &[u32],
    claimed: &mut [bool],
    covered: &mut [bool],
    periods: std::ops::Range<usize>,
    found: &mut Vec<Found>,
) {
    let n = chars.len();
    for l in periods.start..periods.end.min(n / 2 + 1) {
        let mut newly: Vec<(usize, usize)> = Vec::new();
        let mut j = 0;
        while j + l < n {
            if sym[j] != sym[j + l] {
                j += 1;
                continue;
            }
            let s = j;
            while j + l < n && sym[j] == sym[j + l] {
                j += 1;
            }
            let m = j - s;
            if m < l {
                continue;
            }
            let e = s + m + l; // the stretch is s..e
            newly.push((s, e));
            if covered[s..e].iter().all(|&c| c) || claimed[s..e].iter().any(|&c| c) {
                continue;
            }
            if l >= MIN_HAN {
                if let Some(f) = report(chars, sym, s, e, l) {
                    for c in claimed[s..e].iter_mut() {
                        *c = true;
                    }
                    found.push(f);
                }
            }
        }
        for (s, e) in newly {
            for c in covered[s..e].iter_mut() {
                *c = true;
            }
        }
    }
}

/// The repeat of period `l` over `s..e`, when one copy is a phrase worth reporting.
fn report(chars: &[(usize, char)], sym: &[u32], s: usize, e: usize, l: usize) -> Option<Found> {
    let unit = &chars[s..s + l];
    if unit.iter().any(|&(_, c)| c.is_whitespace()) {
        return None;
    }
    let han = unit.iter().filter(|&&(_, c)| is_han(c)).count();
    if han < MIN_HAN {
        return None;
    }
    let has_sep = sym[s..s + l].contains(&SEP);
    let (first, del, copies) = if has_sep {
        // Copies end at separators: delete from the separator that ends the first copy,
        // keep the last separator.
        let q = (s + l - 1..(s + 2 * l - 1).min(e)).find(|&k| sym[k] == SEP)?;
        if q + l >= e {
            return None;
        }
        let j = (e - 1 - q) / l;
        // The first copy: the unit's text that ends at q.
        (q + 1 - l..q, q..q + j * l, j + 1)
    } else {
        let k = (e - s) / l;
        (s..s + l, s + l..s + k * l, k)
    };
    if first.is_empty() || del.is_empty() {
        return None;
    }
    // The first copy must itself hold the Han characters (not a rotation of separators).
    let first_text_han = chars[first.clone()]
        .iter()
        .filter(|&&(_, c)| is_han(c))
        .count();
    if first_text_han < MIN_HAN {
        return None;
    }
    Some(Found {
        first: chars[first.start].0..end_of(chars, first.end),
        extra: chars[del.start].0..end_of(chars, del.end),
        copies,
    })
}

/// A body paragraph printed twice in a row.
fn repeated_paragraphs(ctx: &Ctx, found: &mut Vec<Found>) {
    let paras = &ctx.notice.paragraphs;
    let mut k = 1;
    while k < paras.len() {
        let a = &paras[k - 1];
        let text = &ctx.text[a.span.clone()];
        let same = |b: &Paragraph| ctx.text[b.span.clone()] == *text;
        if a.role != Role::Body || han_count(text) < 8 || !same(&paras[k]) {
            k += 1;
            continue;
        }
        let mut last = k;
        while last + 1 < paras.len() && same(&paras[last + 1]) {
            last += 1;
        }
        found.push(Found {
            first: a.span.clone(),
            extra: a.span.end..paras[last].span.end,
            copies: last - k + 2,
        });
        k = last + 1;
    }
}

#[cfg(test)]
mod tests {
    fn diags(text: &str) -> Vec<crate::Diagnostic> {
        crate::check(text, &crate::Options::default())
            .into_iter()
            .filter(|d| d.rule == "repeated-phrase")
            .collect()
    }

    fn fixed(text: &str) -> Vec<String> {
        diags(text)
            .into_iter()
            .map(|d| {
                let e = &d.fix.unwrap().edits[0];
                format!("{}{}", &text[..e.span.start], &text[e.span.end..])
            })
            .collect()
    }

    #[test]
    fn seed_clause() {
        let t = "成立领导小组,并下设办公室具体负责巡察整改工作,并下设办公室具体负责巡察整改工作,并下设办公室具体负责巡察整改工作。巡察整改工作开展以来";
        let d = diags(t);
        assert_eq!(d.len(), 1);
        assert_eq!(
            &t[d[0].labels[0].span.clone()],
            "并下设办公室具体负责巡察整改工作"
        );
        assert_eq!(
            &t[d[0].span.clone()],
            ",并下设办公室具体负责巡察整改工作,并下设办公室具体负责巡察整改工作"
        );
        assert_eq!(
            fixed(t),
            ["成立领导小组,并下设办公室具体负责巡察整改工作。巡察整改工作开展以来"]
        );
    }

    #[test]
    fn fixes_keep_one_copy() {
        assert_eq!(
            fixed("会议要求，加强组织领导，加强组织领导，确保实效。"),
            ["会议要求，加强组织领导，确保实效。"]
        );
        assert_eq!(
            fixed("并下设办公室并下设办公室负责日常工作。"),
            ["并下设办公室负责日常工作。"]
        );
        assert_eq!(
            fixed("要压实责任，狠抓落实，压实责任，狠抓落实。下一步"),
            ["要压实责任，狠抓落实。下一步"]
        );
        assert_eq!(fixed("加强组织领导。加强组织领导。"), ["加强组织领导。"]);
    }

    #[test]
    fn parallel_items_are_not_repeats() {
        for ok in [
            "党组书记亲自研究、亲自部署、亲自督办，实行日管控、周排查、月调度。",
            "确保件件落实、条条兑现。整改情况：已完成。整改情况：正在推进。",
            "是，是，是，好的，好的。",
            "要求各地停产停产，整改整改整改整改。",
            "2020年、2021年、2022年",
        ] {
            assert!(diags(ok).is_empty(), "{ok}");
        }
    }

    #[test]
    fn twenty_thousand_copies_are_quick() {
        let t = format!(
            "领导小组{}。",
            ",并下设办公室具体负责巡察整改工作".repeat(20_000)
        );
        let start = std::time::Instant::now();
        let d = diags(&t);
        assert_eq!(d.len(), 1);
        assert!(start.elapsed().as_secs() < 20);
        let t = "并下设办公室".repeat(20_000);
        assert_eq!(diags(&t).len(), 1);
    }
}
