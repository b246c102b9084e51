//! `duplicate-sentence` (NL403): the same sentence or long clause appears twice in one notice.
//!
//! Sentences (split at 。！？；) and their clauses (split at ，) of the body and the trailer
//! are hashed by their text (whitespace dropped, ASCII punctuation read as full-width); a
//! unit with at least [`MIN_HAN`] Han characters whose text was already seen is reported at
//! the later copy, with a label at the first. Linear in the notice: one hash lookup per unit.
//! Back-to-back repeats are `repeated-phrase` (NL401) and are skipped here; consecutive
//! repeated clauses are reported as one stretch.

use std::collections::HashMap;
use std::ops::Range;

use super::prelude::*;
use super::text::{han_count, is_han_lead};

pub static RULE: Rule = Rule {
    code: "NL403",
    name: "duplicate-sentence",
    default_severity: Severity::Warning,
    summary: Text::new(
        "同一句子或长分句在同一公文中出现两次",
        "the same sentence or long clause appears twice in one notice",
    ),
    doc: Text::new(DOC_ZH, DOC_EN),
    implemented: true,
    check,
};

const DOC_ZH: &str = r#"
## 检查什么
同一句子或长分句（不少于15个汉字）在同一篇公文中出现两次，且两处并不相邻（相邻重复由
repeated-phrase（NL401）检查）。报告指向后一处，并标出第一次出现的位置。“整改情况：”这类短标签、
“邮政编码266001”这类重复的联系信息不足15个汉字，不会报告；标题、发文字号、署名和日期不参加比较。

## 为什么
不相邻的重复句多是拼接稿件时把别处的句子带了进来，句子后面常接着与它无关的内容，使文意不通。

## 错误示例
```text
认真开展《关于规范党员干部网络行为的意见》教育学习，切实加强对党员干部网络行为的教育和管理。
……
开展《关于规范党员干部网络行为的意见》教育学习，如有意见建议，请及时向我们反映。
```

## 正确写法
```text
认真开展《关于规范党员干部网络行为的意见》教育学习，切实加强对党员干部网络行为的教育和管理。
……
如有意见建议，请及时向我们反映。
```
"#;

const DOC_EN: &str = r#"
## What it does
Flags a sentence or long clause (15 Han characters or more) that appears twice in one
notice, not back to back (back-to-back repeats are repeated-phrase, NL401). The later copy
is reported, the first is labelled. Short labels such as "整改情况：" and repeated contact
details such as "邮政编码266001" are below the length and stay silent; the title, document
number, signature and date are not compared.

## Why is this bad?
A repeated sentence far from its first copy is usually debris from splicing texts together:
the sentence is often followed by unrelated text and the passage no longer reads.

## Example
```text
认真开展《关于规范党员干部网络行为的意见》教育学习，切实加强对党员干部网络行为的教育和管理。
……
开展《关于规范党员干部网络行为的意见》教育学习，如有意见建议，请及时向我们反映。
```

Use instead:
```text
认真开展《关于规范党员干部网络行为的意见》教育学习，切实加强对党员干部网络行为的教育和管理。
……
如有意见建议，请及时向我们反映。
```
"#;

/// Han characters a sentence or clause must hold to count.
const MIN_HAN: usize = 15;

fn is_sentence_end(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '!' | '?' | '；' | ';')
}

fn is_clause_end(c: char) -> bool {
    matches!(c, '，' | ',' | '：' | ':')
}

/// A list of names (区住房和城乡建设局、区城市管理局): repeated lists of bodies, places or
/// people are normal (责任单位：… under every item).
/// Without a label, a sentence with commas is prose even when it enumerates (涌现出一批敢于
/// 担当、攻坚克难的先进集体).
fn is_list(s: &str) -> bool {
    // One pass on the bytes: whether a colon labels it, and for the value (the text after
    // the last colon) whether it holds a 、 and a comma, and the most Han characters of
    // one of its items between 、.
    let b = s.as_bytes();
    let (mut labelled, mut dun, mut comma, mut item, mut most) = (false, false, false, 0, 0);
    let mut i = 0;
    while i < b.len() {
        let x = b[i];
        let colon = if x < 0x80 {
            comma |= x == b',';
            i += 1;
            x == b':'
        } else if x < 0xE0 {
            i += 2;
            false
        } else if x < 0xF0 {
            let (y, z) = (b[i + 1], b[i + 2]);
            i += 3;
            match (x, y, z) {
                (0xEF, 0xBC, 0x9A) => true,
                (0xEF, 0xBC, 0x8C) => {
                    comma = true;
                    false
                }
                (0xE3, 0x80, 0x81) => {
                    dun = true;
                    most = most.max(item);
                    item = 0;
                    false
                }
                _ => {
                    item += usize::from(is_han_lead(x, y));
                    false
                }
            }
        } else {
            i += 4;
            false
        };
        if colon {
            (labelled, dun, comma, item, most) = (true, false, false, 0, 0);
        }
    }
    dun && (labelled || !comma) && most.max(item) <= 16
}

/// Characters a diagnostic's span covers at most: a long copy is shown by its beginning
/// (whole clauses when they fit), the message and the fix give the rest.
const MAX_SPAN_CHARS: usize = 60;

/// The beginning of a long copy: its first clauses within [`MAX_SPAN_CHARS`], or the
/// first [`MAX_SPAN_CHARS`] characters when its first clause is longer.
fn head_span(text: &str, r: Range<usize>) -> Range<usize> {
    let s = &text[r.clone()];
    let Some((cap, _)) = s.char_indices().nth(MAX_SPAN_CHARS) else {
        return r;
    };
    let end = s[..cap]
        .char_indices()
        .rev()
        .find(|&(_, c)| is_clause_end(c))
        .map(|(i, _)| i)
        .filter(|&i| han_count(&s[..i]) >= MIN_HAN)
        .unwrap_or(cap);
    r.start..r.start + end
}

/// The compared characters: whitespace dropped, ASCII punctuation as full-width.
fn key(s: &str) -> impl Iterator<Item = char> + '_ {
    s.chars().filter(|c| !c.is_whitespace()).map(|c| match c {
        ',' => '，',
        ':' => '：',
        '(' => '（',
        ')' => '）',
        c => c,
    })
}

/// A 64-bit hash of a text's [`key`]: units are looked up by it (no string is built),
/// and a hit is confirmed by comparing the keys themselves. It is a hash of the key's
/// UTF-8 bytes; a `plain` text (no whitespace, no `,` `:` `(` `)`) is its own key and is
/// hashed as it is, any other text's key is written into `buf` first.
fn key_hash(s: &str, plain: bool, buf: &mut String) -> u64 {
    if plain {
        return bytes_hash(s.as_bytes());
    }
    buf.clear();
    buf.extend(key(s));
    bytes_hash(buf.as_bytes())
}

/// A 64-bit hash of bytes, eight at a time.
fn bytes_hash(b: &[u8]) -> u64 {
    const K: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut h = 0xcbf2_9ce4_8422_2325u64 ^ b.len() as u64;
    let mut chunks = b.chunks_exact(8);
    for c in &mut chunks {
        let w = u64::from_le_bytes(c.try_into().expect("eight bytes"));
        h = (h.rotate_left(23) ^ w).wrapping_mul(K);
    }
    let r = chunks.remainder();
    let mut t = [0u8; 8];
    t[..r.len()].copy_from_slice(r);
    h = (h.rotate_left(23) ^ u64::from_le_bytes(t)).wrapping_mul(K);
    h ^ (h >> 29)
}

/// The whitespace characters (`char::is_whitespace`) of more than one byte, as the number
/// their UTF-8 bytes make: U+0085, U+00A0, U+1680, U+2000–U+200A, U+2028, U+2029, U+202F,
/// U+205F, U+3000.
fn is_multibyte_space(v: u32) -> bool {
    matches!(
        v,
        0xC285 | 0xC2A0 | 0xE1_9A80 | 0xE2_8080
            ..=0xE2_808A | 0xE2_80A8 | 0xE2_80A9 | 0xE2_80AF | 0xE2_819F | 0xE3_8080
    )
}

/// The key hash is already a hash: the map uses it as is.
#[derive(Default)]
struct KeyHasher(u64);

impl std::hash::Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

type Seen64 = HashMap<u64, Seen, std::hash::BuildHasherDefault<KeyHasher>>;

/// A sentence or clause: its bytes (trimmed, end mark excluded) and the clause numbers it spans.
#[derive(Clone)]
struct Unit {
    span: Range<usize>,
    /// Han characters in it.
    han: usize,
    /// 、 in it.
    dun: usize,
    /// Its paragraph has no whitespace nor `,` `:` `(` `)`: the text is its own key.
    plain: bool,
    first_clause: usize,
    last_clause: usize,
}

/// A repeat found: the later copy and the first.
struct Found {
    later: Range<usize>,
    first: Range<usize>,
    /// A whole sentence repeated: the later copy can go with its end mark.
    whole: bool,
}

fn eligible(role: Role) -> bool {
    matches!(role, Role::Body | Role::Trailer)
}

/// Trim whitespace off a byte range of `text`.
fn trim(text: &str, r: Range<usize>) -> Range<usize> {
    let s = &text[r.clone()];
    let lead = s.len() - s.trim_start().len();
    let t = s.trim();
    r.start + lead..r.start + lead + t.len()
}

/// A sentence or clause mark of a paragraph: where it is, its length in bytes, whether it
/// ends a sentence, and the Han characters and the 、 of the paragraph before it.
struct Mark {
    at: usize,
    len: usize,
    sentence: bool,
    han: usize,
    dun: usize,
}

/// The sentence ends ([`is_sentence_end`]) and clause ends ([`is_clause_end`]) of a
/// paragraph, read on its bytes (all these marks are ASCII or three bytes), into `marks`;
/// returns the paragraph's Han characters, its 、 and whether it is plain (see
/// [`key_hash`]).
fn scan_marks(p: &[u8], marks: &mut Vec<Mark>) -> (usize, usize, bool) {
    marks.clear();
    let mut han = 0;
    let mut dun = 0;
    let mut plain = true;
    let mut i = 0;
    while i < p.len() {
        let x = p[i];
        if x < 0x80 {
            if matches!(x, b'!' | b'?' | b';' | b',' | b':') {
                let sentence = matches!(x, b'!' | b'?' | b';');
                marks.push(Mark {
                    at: i,
                    len: 1,
                    sentence,
                    han,
                    dun,
                });
            }
            if matches!(x, b' ' | b'\t'..=b'\r' | b',' | b':' | b'(' | b')') {
                plain = false;
            }
            i += 1;
        } else if x < 0xE0 {
            if x == 0xC2 && is_multibyte_space(0xC200 | u32::from(p[i + 1])) {
                plain = false;
            }
            i += 2;
        } else if x < 0xF0 {
            match (x, p[i + 1], p[i + 2]) {
                // 。！？；
                (0xE3, 0x80, 0x82) | (0xEF, 0xBC, 0x81 | 0x9F | 0x9B) => {
                    marks.push(Mark {
                        at: i,
                        len: 3,
                        sentence: true,
                        han,
                        dun,
                    });
                }
                // ，：
                (0xEF, 0xBC, 0x8C | 0x9A) => {
                    marks.push(Mark {
                        at: i,
                        len: 3,
                        sentence: false,
                        han,
                        dun,
                    });
                }
                // 、
                (0xE3, 0x80, 0x81) => dun += 1,
                (0xE1..=0xE3, y, z) => {
                    han += usize::from(is_han_lead(x, y));
                    let v = u32::from(x) << 16 | u32::from(y) << 8 | u32::from(z);
                    if is_multibyte_space(v) {
                        plain = false;
                    }
                }
                (x, y, _) => han += usize::from(is_han_lead(x, y)),
            }
            i += 3;
        } else {
            i += 4;
        }
    }
    (han, dun, plain)
}

/// A clause: its bytes (trimmed, end mark excluded), its Han characters and its 、.
type Clause = Option<(Range<usize>, usize, usize)>;

fn check(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    let text = ctx.text;
    // Every clause in order (`None` between paragraphs), and the sentences over them.
    let mut clauses: Vec<Clause> = Vec::new();
    let mut sentences: Vec<Unit> = Vec::new();
    let mut marks: Vec<Mark> = Vec::new();
    for p in &ctx.notice.paragraphs {
        if !eligible(p.role) {
            continue;
        }
        clauses.push(None);
        let ptext = &text[p.span.clone()];
        let (total_han, total_dun, plain) = scan_marks(ptext.as_bytes(), &mut marks);
        if total_han < MIN_HAN || (!marks.iter().any(|m| m.sentence) && ptext.chars().count() <= 60)
        {
            // Too short, or title-like (a short line with no sentence mark): a title,
            // heading or attachment name, which may well be written twice.
            continue;
        }
        let base = p.span.start;
        // Sentences `sa..sb` (end mark excluded), each split into clauses.
        let (mut sa, mut sa_han, mut sa_dun, mut k) = (0, 0, 0, 0);
        loop {
            let end = marks[k..].iter().position(|m| m.sentence).map(|j| k + j);
            let (sb, sb_han, sb_dun) = match end {
                Some(j) => (marks[j].at, marks[j].han, marks[j].dun),
                None if sa < ptext.len() => (ptext.len(), total_han, total_dun),
                None => break,
            };
            let first_clause = clauses.len();
            let (mut ca, mut ca_han, mut ca_dun) = (sa, sa_han, sa_dun);
            for m in &marks[k..end.unwrap_or(marks.len())] {
                let span = trim(text, base + ca..base + m.at);
                clauses.push(Some((span, m.han - ca_han, m.dun - ca_dun)));
                (ca, ca_han, ca_dun) = (m.at + m.len, m.han, m.dun);
            }
            let span = trim(text, base + ca..base + sb);
            clauses.push(Some((span, sb_han - ca_han, sb_dun - ca_dun)));
            sentences.push(Unit {
                span: trim(text, base + sa..base + sb),
                han: sb_han - sa_han,
                dun: sb_dun - sa_dun,
                plain,
                first_clause,
                last_clause: clauses.len() - 1,
            });
            let Some(j) = end else { break };
            let m = &marks[j];
            (sa, sa_han, sa_dun, k) = (m.at + m.len, m.han, m.dun, j + 1);
        }
    }
    let same = |a: usize, b: usize| match (&clauses[a], &clauses[b]) {
        (Some((x, ..)), Some((y, ..))) => key(&text[x.clone()]).eq(key(&text[y.clone()])),
        _ => false,
    };
    let mut seen = Seen64::default();
    let mut buf = String::new();
    let mut found: Vec<Found> = Vec::new();
    for sentence in &sentences {
        let stext = &text[sentence.span.clone()];
        // A list holds a 、.
        if sentence.han < MIN_HAN || (sentence.dun > 0 && is_list(stext)) {
            continue;
        }
        if let Some(first) = lookup(&mut seen, text, sentence, &mut buf) {
            found.push(Found {
                later: sentence.span.clone(),
                first: first.span,
                whole: true,
            });
            continue;
        }
        let mut done_until = None;
        for c in sentence.first_clause..=sentence.last_clause {
            if done_until.is_some_and(|d| c <= d) {
                continue;
            }
            let Some((span, han, dun)) = clauses[c].clone() else {
                continue;
            };
            let ctext = &text[span.clone()];
            if han < MIN_HAN || (dun > 0 && is_list(ctext)) {
                continue;
            }
            let unit = Unit {
                span,
                han,
                dun,
                plain: sentence.plain,
                first_clause: c,
                last_clause: c,
            };
            let Some(first) = lookup(&mut seen, text, &unit, &mut buf) else {
                continue;
            };
            // Widen over the neighbouring clauses that repeat too.
            let (mut f0, mut f1) = (first.first_clause, first.last_clause);
            let (mut l0, mut l1) = (c, c);
            while l1 < sentence.last_clause && f1 + 1 < l0 && same(f1 + 1, l1 + 1) {
                f1 += 1;
                l1 += 1;
            }
            while l0 > sentence.first_clause && f0 > 0 && same(f0 - 1, l0 - 1) {
                f0 -= 1;
                l0 -= 1;
            }
            done_until = Some(l1);
            let r = |a: usize, b: usize| {
                let (Some((x, ..)), Some((y, ..))) = (&clauses[a], &clauses[b]) else {
                    unreachable!("widened only over clauses")
                };
                x.start..y.end
            };
            found.push(Found {
                later: r(l0, l1),
                first: r(f0, f1),
                whole: false,
            });
        }
    }
    for f in found {
        let line = ctx.lines().line_of(f.first.start) + 1;
        let shown = super::text::shorten(&text[f.later.clone()]);
        let chars = text[f.later.clone()].chars().count();
        let (zh, en) = if chars > MAX_SPAN_CHARS {
            (
                format!("“{shown}”（共{chars}字）与第{line}行的文字重复"),
                format!("「{shown}」 ({chars} characters) repeats the text of line {line}"),
            )
        } else {
            (
                format!("“{shown}”与第{line}行的文字重复"),
                format!("「{shown}」 repeats the text of line {line}"),
            )
        };
        let mut d = ctx
            .diag(&RULE, head_span(text, f.later.clone()), zh, en)
            .label(
                head_span(text, f.first.clone()),
                "第一次出现在这里",
                "first written here",
            )
            .note(
                "不相邻的重复多是拼接稿件留下的：请核对后删去多余的一处",
                "a repeat far from its first copy is usually left over from splicing texts: check and delete the extra one",
            );
        if f.whole {
            // The copy with its end mark.
            let end = text[f.later.end..]
                .chars()
                .next()
                .filter(|&c| is_sentence_end(c))
                .map_or(f.later.end, |c| f.later.end + c.len_utf8());
            d = d.with_fix(Fix {
                message: Msg::new(
                    "删去后一处重复的句子",
                    "delete the later copy of the sentence",
                ),
                applicability: Applicability::Unsafe,
                edits: vec![Edit {
                    span: f.later.start..end,
                    replacement: String::new(),
                }],
            });
        }
        out.push(d);
    }
}

/// Look a unit up: its first copy when its text was seen before, not right before it.
fn lookup(seen: &mut Seen64, text: &str, unit: &Unit, buf: &mut String) -> Option<Unit> {
    let here = &text[unit.span.clone()];
    let k = key_hash(here, unit.plain, buf);
    match seen.get_mut(&k) {
        // Another text with the same hash (1 in 2^64): not a repeat.
        Some(s) if !key(&text[s.first.span.clone()]).eq(key(here)) => None,
        Some(s) => {
            let back_to_back = s.last_clause + 1 >= unit.first_clause;
            s.last_clause = unit.last_clause;
            // Back to back (a chain of copies): NL401's.
            (!back_to_back).then(|| s.first.clone())
        }
        None => {
            seen.insert(
                k,
                Seen {
                    first: unit.clone(),
                    last_clause: unit.last_clause,
                },
            );
            None
        }
    }
}

/// The first copy of a text, and where its latest copy ends.
struct Seen {
    first: Unit,
    last_clause: usize,
}

#[cfg(test)]
mod tests {
    #[test]
    fn multibyte_spaces_are_the_whitespace() {
        for c in (0x80..0x11_0000u32).filter_map(char::from_u32) {
            let mut buf = [0u8; 4];
            let v = c
                .encode_utf8(&mut buf)
                .bytes()
                .fold(0u32, |v, b| v << 8 | u32::from(b));
            assert_eq!(super::is_multibyte_space(v), c.is_whitespace(), "{c:?}");
        }
        let k = |s: &str| super::key(s).collect::<String>();
        for (a, b) in [
            ("甲, 乙:（丙)", "甲，乙：(丙）"),
            ("\u{3000}一 二\t", "一二"),
        ] {
            assert_eq!(k(a), k(b));
            let mut buf = String::new();
            let plain = k(a);
            assert_eq!(
                super::key_hash(a, false, &mut buf),
                super::key_hash(&plain, true, &mut buf)
            );
            assert_eq!(
                super::key_hash(a, false, &mut buf),
                super::key_hash(b, false, &mut buf)
            );
        }
    }

    fn diags(text: &str) -> Vec<crate::Diagnostic> {
        crate::check(text, &crate::Options::default())
            .into_iter()
            .filter(|d| d.rule == "duplicate-sentence")
            .collect()
    }

    #[test]
    fn finds_the_spliced_clause() {
        let t = "开展《关于规范党员干部网络行为的意见》教育学习，切实加强对党员干部网络行为的教育。\n\
                 局党组每月对巡察整改问题进行分析推进。\n\
                 开展《关于规范党员干部网络行为的意见》教育学习，如有意见建议，请及时向我们反映。\n";
        let d = diags(t);
        assert_eq!(d.len(), 1);
        assert_eq!(
            &t[d[0].span.clone()],
            "开展《关于规范党员干部网络行为的意见》教育学习"
        );
        assert_eq!(d[0].labels[0].span.start, 0);
    }

    #[test]
    fn merges_a_repeated_run_of_clauses() {
        let t = "一是加强组织领导，成立由主要负责同志任组长的工作专班，统筹推进各项整改任务落实到位。\n\
                 二是强化督促检查。\n\
                 三是压实责任，成立由主要负责同志任组长的工作专班，统筹推进各项整改任务落实到位，按月通报。\n";
        let d = diags(t);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(
            &t[d[0].span.clone()],
            "成立由主要负责同志任组长的工作专班，统筹推进各项整改任务落实到位"
        );
    }

    #[test]
    fn long_and_enumerating_sentences_copied_elsewhere() {
        let long = "为深入贯彻落实省委、省政府关于农村人居环境整治提升的决策部署，巩固提升我县农村生活垃圾分类工作成效，推动垃圾分类从有形覆盖向有效覆盖转变，结合我县实际，制定本方案。";
        let t = format!(
            "{long}\n一、总体要求。坚持因地制宜。\n二、主要任务。建立分类收运体系，实行挂图作战、销号管理。{long}\n"
        );
        let d = diags(&t);
        assert_eq!(d.len(), 1, "{d:?}");
        let span = d[0].span.clone();
        assert!(span.start > long.len() && span.len() <= 60 * 3, "{span:?}");
        assert!(t[span].ends_with("工作成效"));
        let fix = d[0].fix.as_ref().expect("a fix");
        assert!(t[fix.edits[0].span.clone()].ends_with("制定本方案。"));

        let t = "在攻坚过程中，涌现出一批敢于担当、攻坚克难的先进集体和先进个人。\n其他内容。\n\
                 二是突出重点。在攻坚过程中，涌现出一批敢于担当、攻坚克难的先进集体和先进个人。\n";
        assert_eq!(diags(t).len(), 1);
    }

    #[test]
    fn short_labels_and_neighbours_are_fine() {
        let t = "整改情况：已完成。\n整改情况：已完成。\n邮政编码266001。\n邮政编码266001。\n\
                 并下设办公室具体负责巡察整改工作的统筹协调，并下设办公室具体负责巡察整改工作的统筹协调。\n";
        assert!(diags(t).is_empty());
        let chain =
            "成立领导小组,并下设办公室具体负责巡察整改工作,并下设办公室具体负责巡察整改工作,\
                     并下设办公室具体负责巡察整改工作。\n";
        assert!(diags(chain).is_empty());
        let lists = "责任单位：区住房和城乡建设局、区城市管理局、区财政局。\n其他内容。\n\
                     责任单位：区住房和城乡建设局、区城市管理局、区财政局。\n";
        assert!(diags(lists).is_empty());
        let titles = "附件：关于进一步加强城镇燃气安全管理工作的实施方案\n某厅\n\
                      关于进一步加强城镇燃气安全管理工作的实施方案\n";
        assert!(diags(titles).is_empty());
    }
}
