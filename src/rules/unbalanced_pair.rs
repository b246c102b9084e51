//! `unbalanced-pair` (NL404): 《》 “” ‘’ （） () 【】 〔〕 not paired within a paragraph.
//!
//! Each paragraph is scanned once with a stack of opening marks: a closing mark with no
//! opening mark of its family is reported (with the opening mark an earlier closer already
//! matched, its likely partner), and so is every opening mark left open. （） and () are one
//! family (mixed widths are another rule's business); ASCII " and ' are ambiguous and
//! skipped; `1）` and `a)` item markers are not unopened parentheses. A wrapped title is
//! one unit. An opening mark left open at the end of one paragraph and a closing mark
//! with no opener at the start of a later one are linked (a paragraph split by the layout).

use std::ops::Range;

use super::prelude::*;

pub static RULE: Rule = Rule {
    code: "NL404",
    name: "unbalanced-pair",
    default_severity: Severity::Error,
    summary: Text::new(
        "《》“”‘’（）()【】〔〕在段内不成对",
        "《》 “” ‘’ （） () 【】 〔〕 not paired within a paragraph",
    ),
    doc: Text::new(DOC_ZH, DOC_EN),
    implemented: true,
    check,
};

const DOC_ZH: &str = r#"
## 检查什么
书名号《》〈〉、引号“”‘’、括号（）()、方头括号【】、六角括号〔〕在段内不成对：多出的后半个
（“攻坚战》的实施意见》”中第二个》）、没有闭合的前半个（“切实强化“三会一”）、没有前半个的
后半个（段首的“课””）。指出落单的那个标号，并标出它最可能对应的另一半。嵌套的《〈〉》、
“‘’”是正确的；列项用的“1）”“a)”不算；半角"无法区分前后，不检查。一段末尾没闭合的
前半个和后面某段开头落单的后半个会互相标注：这通常是一段文字被版面拆成了两段。

## 为什么
标号不成对，读者就分不清书名、引语、注释从哪里开始到哪里结束，文件名也可能引错。
GB/T 15834—2011《标点符号用法》规定这些标号成对使用。

## 错误示例
```text
传达学习《关于全面加强生态环境保护坚决打好污染防治攻坚战》的实施意见》。
```

## 正确写法
```text
传达学习《关于全面加强生态环境保护坚决打好污染防治攻坚战的实施意见》。
```
"#;

const DOC_EN: &str = r#"
## What it does
Flags title marks 《》 〈〉, quotation marks “” ‘’, parentheses （） (), and brackets 【】 〔〕
that are not paired within a paragraph: an extra closing mark (the second 》 in
“攻坚战》的实施意见》”), an opening mark never closed (“切实强化“三会一”), a closing mark with no
opening one (“课”” at the start of a paragraph). It points at the lone mark and labels its
likely partner. Nesting (《〈〉》, “‘’”) is fine; item markers such as `1）` and `a)` are not
counted; the ASCII `"` cannot tell opening from closing and is skipped. An opening mark
left open at the end of a paragraph and a lone closing mark at the start of a later one
are linked: usually one paragraph split in two by the layout.

## Why is this bad?
Without both halves the reader cannot tell where a title, a quotation or an aside begins
and ends, and a cited document's name may be wrong. GB/T 15834—2011 requires these marks
in pairs.

## Example
```text
传达学习《关于全面加强生态环境保护坚决打好污染防治攻坚战》的实施意见》。
```

Use instead:
```text
传达学习《关于全面加强生态环境保护坚决打好污染防治攻坚战的实施意见》。
```
"#;

/// The bracket and quote families this rule pairs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fam {
    Book,
    Angle,
    Double,
    Single,
    Paren,
    Lenticular,
    Tortoise,
    Corner,
    WhiteCorner,
}

const NFAM: usize = 9;

impl Fam {
    fn idx(self) -> usize {
        self as usize
    }

    fn pair(self) -> &'static str {
        match self {
            Fam::Book => "《》",
            Fam::Angle => "〈〉",
            Fam::Double => "“”",
            Fam::Single => "‘’",
            Fam::Paren => "（）",
            Fam::Lenticular => "【】",
            Fam::Tortoise => "〔〕",
            Fam::Corner => "「」",
            Fam::WhiteCorner => "『』",
        }
    }

    fn name(self) -> (&'static str, &'static str) {
        match self {
            Fam::Book => ("书名号", "title marks"),
            Fam::Angle => ("单书名号", "single title marks"),
            Fam::Double => ("双引号", "double quotation marks"),
            Fam::Single => ("单引号", "single quotation marks"),
            Fam::Paren => ("括号", "parentheses"),
            Fam::Lenticular => ("方头括号", "lenticular brackets"),
            Fam::Tortoise => ("六角括号", "tortoise-shell brackets"),
            Fam::Corner => ("直角引号", "corner brackets"),
            Fam::WhiteCorner => ("直角引号", "white corner brackets"),
        }
    }
}

/// `(family, is_opening)` of a mark; ASCII `"` and `'` are ambiguous and not marks here.
fn mark(c: char) -> Option<(Fam, bool)> {
    Some(match c {
        '《' => (Fam::Book, true),
        '》' => (Fam::Book, false),
        '〈' => (Fam::Angle, true),
        '〉' => (Fam::Angle, false),
        '“' => (Fam::Double, true),
        '”' => (Fam::Double, false),
        '‘' => (Fam::Single, true),
        '’' => (Fam::Single, false),
        '（' | '(' => (Fam::Paren, true),
        '）' | ')' => (Fam::Paren, false),
        '【' => (Fam::Lenticular, true),
        '】' => (Fam::Lenticular, false),
        '〔' => (Fam::Tortoise, true),
        '〕' => (Fam::Tortoise, false),
        '「' => (Fam::Corner, true),
        '」' => (Fam::Corner, false),
        '『' => (Fam::WhiteCorner, true),
        '』' => (Fam::WhiteCorner, false),
        _ => return None,
    })
}

/// An unmatched mark in a unit of text (offsets relative to the unit).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Unmatched {
    pub pos: usize,
    pub ch: char,
    fam: Fam,
    pub opening: bool,
    /// For a closing mark: the opening mark of its family that an earlier closing mark
    /// already matched (the likely partner of the extra one). For an opening mark closed
    /// too early by another family's closing mark: that closing mark.
    pub related: Option<usize>,
}

fn is_item_token_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || ('０'..='９').contains(&c) || "一二三四五六七八九十".contains(c)
}

/// `1）`, `a)`, `十)`: a right parenthesis used as a list-item marker, at the start of the
/// text or after a space or a clause mark.
fn is_item_marker(s: &str, close_at: usize) -> bool {
    let mut n = 0;
    let mut before = None;
    for c in s[..close_at].chars().rev() {
        if n < 3 && is_item_token_char(c) {
            n += 1;
        } else {
            before = Some(c);
            break;
        }
    }
    n > 0
        && match before {
            None => true,
            Some(c) => c.is_whitespace() || "，,；;：:。、.！!？?）)".contains(c),
        }
}

/// For each byte that begins a character of a UTF-8 text, how far the walk of
/// [`unmatched`] steps over it: 0 for a byte that may begin a mark (`(`, `)`, E2, E3,
/// EF), else the length of the character (a continuation byte, never the first of a
/// character, steps 1: it is never reached).
static STEP: [u8; 256] = {
    let mut t = [1u8; 256];
    let mut x = 0xE0;
    while x < 0x100 {
        t[x] = if x < 0xF0 { 3 } else { 4 };
        x += 1;
    }
    t[b'(' as usize] = 0;
    t[b')' as usize] = 0;
    t[0xE2] = 0;
    t[0xE3] = 0;
    t[0xEF] = 0;
    t
};

/// The unmatched marks of `s`, in order. Linear: a stack of opening marks and a count per
/// family, so a closing mark with no opener of its family is known at once and every
/// opener is popped at most once.
pub(crate) fn unmatched(s: &str) -> Vec<Unmatched> {
    let mut out = Vec::new();
    unmatched_into(s, &mut Vec::new(), &mut out);
    out
}

/// [`unmatched`] into `out` (emptied first), with `stack` as scratch space: a caller
/// walking many units reuses both instead of allocating per unit.
fn unmatched_into(s: &str, stack: &mut Vec<(usize, char, Fam)>, out: &mut Vec<Unmatched>) {
    out.clear();
    stack.clear();
    let mut count = [0usize; NFAM];
    let mut last_matched: [Option<usize>; NFAM] = [None; NFAM];
    let b = s.as_bytes();
    // Only the marks are decoded: ( ) and the wide marks, whose UTF-8 forms begin with E2
    // (“ ” ‘ ’), E3 (《》〈〉【】〔〕「」『』) or EF (（ ）) and have 80 or BC second. The
    // walk steps over every other character whole (Chinese text is mostly three-byte
    // characters), by the length its first byte gives ([`STEP`]).
    let mut next = 0;
    while next < b.len() {
        let i = next;
        let x = b[i];
        let step = STEP[x as usize];
        if step != 0 {
            next += step as usize;
            continue;
        }
        let c = if x < 0x80 {
            next += 1;
            x as char
        } else {
            next += 3;
            // The wide marks are E2 80 98..9D (‘ ’ “ ”), E3 80 88..95 (〈〉《》「」『』【】
            // and 〔〕) and EF BC 88..89 (（ ）): the commonest punctuation (，。、：；—…)
            // is let go here without decoding.
            let wide = match (x, b.get(i + 1), b.get(i + 2)) {
                (0xE2, Some(0x80), Some(&z)) => (0x98..=0x9D).contains(&z),
                (0xE3, Some(0x80), Some(&z)) => (0x88..=0x95).contains(&z),
                (0xEF, Some(0xBC), Some(&z)) => (0x88..=0x89).contains(&z),
                _ => false,
            };
            if !wide {
                continue;
            }
            char::from_u32(crate::source::code_point3(x, b[i + 1], b[i + 2])).unwrap_or(' ')
        };
        let Some((fam, opening)) = mark(c) else {
            continue;
        };
        // The character before a mark is ASCII alphanumeric only when its byte is.
        let p = i.checked_sub(1).map(|k| b[k] as char);
        if fam == Fam::Single && matches!(p, Some(q) if q.is_ascii_alphanumeric()) {
            // An apostrophe in Latin text: People’s, ’90s.
            continue;
        }
        if opening {
            stack.push((i, c, fam));
            count[fam.idx()] += 1;
            continue;
        }
        if count[fam.idx()] == 0 {
            if fam == Fam::Paren && is_item_marker(s, i) {
                continue;
            }
            out.push(Unmatched {
                pos: i,
                ch: c,
                fam,
                opening: false,
                related: last_matched[fam.idx()],
            });
            continue;
        }
        while let Some((j, oc, of)) = stack.pop() {
            count[of.idx()] -= 1;
            if of == fam {
                last_matched[fam.idx()] = Some(j);
                break;
            }
            out.push(Unmatched {
                pos: j,
                ch: oc,
                fam: of,
                opening: true,
                related: Some(i),
            });
        }
    }
    for (j, oc, of) in stack.drain(..) {
        out.push(Unmatched {
            pos: j,
            ch: oc,
            fam: of,
            opening: true,
            related: None,
        });
    }
    out.sort_by_key(|u| u.pos);
}

/// Units checked: each paragraph, except that a title wrapped over several lines, a
/// hard-wrapped paragraph and a Markdown paragraph (see
/// [`super::truncated_paragraph::soft_breaks`]) are one unit each.
/// The last paragraph of the unit that starts at paragraph `k`: the paragraphs a soft
/// break joins, and up to four title lines of one title.
fn unit_end(ps: &[Paragraph], soft: &[bool], k: usize) -> usize {
    let mut end = k;
    loop {
        let same_title = matches!(ps[k].role, Role::Title | Role::PartTitle)
            && end + 1 < ps.len()
            && ps[end + 1].role == ps[k].role
            && end - k < 3;
        if end + 1 < ps.len() && (soft[end] || same_title) {
            end += 1;
        } else {
            return end;
        }
    }
}

fn char_at(text: &str, pos: usize) -> Range<usize> {
    let len = text[pos..].chars().next().map_or(1, char::len_utf8);
    pos..pos + len
}

fn check(ctx: &Ctx, out: &mut Findings) {
    let text = ctx.text;
    let t = ctx.text_classes();
    if !t.any(crate::scan::class::PAIR) && !t.any_ascii(crate::scan::ascii_mask(b"()")) {
        return;
    }
    let ps = &ctx.notice.paragraphs;
    let soft = super::truncated_paragraph::soft_breaks(ctx);
    let last_para = ps.len().saturating_sub(1);
    // (unit index, absolute finding) for every finding.
    let mut all: Vec<(usize, Unmatched)> = Vec::new();
    let lines = ctx.line_classes();
    // The units one after another (paragraphs `first..=last`), never all held at once.
    let mut first = 0;
    let (mut stack, mut found) = (Vec::new(), Vec::new());
    for ui in 0.. {
        if first >= ps.len() {
            break;
        }
        let last = unit_end(ps, soft, first);
        let span = ps[first].span.start..ps[last].span.end;
        // A unit whose lines hold no bracket or quotation mark has nothing unmatched.
        let c = crate::scan::union(&lines[ps[first].line as usize..=ps[last].line as usize]);
        first = last + 1;
        if !c.any(crate::scan::class::PAIR) && !c.any_ascii(crate::scan::ascii_mask(b"()")) {
            continue;
        }
        let s = &text[span.clone()];
        // A body text that ends the file mid-sentence was cut there (an excerpt): its
        // unclosed marks say nothing.
        let cut_at_end = last == last_para
            && ps[last].role == Role::Body
            && !super::truncated_paragraph::ends_complete(s);
        unmatched_into(s, &mut stack, &mut found);
        for mut u in found.drain(..) {
            if u.opening && cut_at_end && u.related.is_none() {
                continue;
            }
            // Text in a .txt cannot span a mark across a mixed-width pair.
            u.pos += span.start;
            u.related = u.related.map(|r| r + span.start);
            all.push((ui, u));
        }
    }
    // Across a paragraph split: an opener left open at the end of one paragraph and a
    // closer with no opener at the start of a later one (within a few paragraphs).
    let mut cross: Vec<Option<usize>> = vec![None; all.len()];
    // The last opener left open in each unit (one backward pass).
    let mut last_open = vec![false; all.len()];
    let mut seen_unit = usize::MAX;
    for k in (0..all.len()).rev() {
        let (ui, u) = &all[k];
        if u.opening && u.related.is_none() && *ui != seen_unit {
            last_open[k] = true;
            seen_unit = *ui;
        }
    }
    let mut open_tail: Vec<usize> = Vec::new();
    for k in 0..all.len() {
        let (ui, u) = &all[k];
        if last_open[k] {
            open_tail.push(k);
            if open_tail.len() > 64 {
                open_tail.remove(0);
            }
        } else if !u.opening && (k == 0 || all[k - 1].0 != *ui) {
            // A closer that is the first unmatched mark of its unit.
            if let Some(pos) = open_tail
                .iter()
                .rposition(|&o| all[o].1.fam == u.fam && all[o].0 < *ui && ui - all[o].0 <= 12)
            {
                let o = open_tail.remove(pos);
                cross[o] = Some(k);
                cross[k] = Some(o);
            }
        }
    }
    for (k, (_, u)) in all.iter().enumerate() {
        let span = char_at(text, u.pos);
        let (fzh, fen) = u.fam.name();
        let pair = u.fam.pair();
        let ch = u.ch;
        let mut d = if u.opening {
            ctx.diag(
                &RULE,
                span,
                format!("{fzh}“{ch}”在本段内没有闭合：找不到与之配对的后半个"),
                format!(
                    "unclosed {fen}: no closing mark for this “{ch}” in the paragraph ({pair})"
                ),
            )
        } else {
            ctx.diag(
                &RULE,
                span,
                format!("{fzh}“{ch}”在本段内没有对应的前半个：多了一个“{ch}”，或缺了前半个"),
                format!("{fen}: this “{ch}” closes nothing in the paragraph: an extra mark or a missing opening one ({pair})"),
            )
        };
        if let Some(r) = u.related {
            let rs = char_at(text, r);
            let rc = ctx.slice(&rs).to_owned();
            d = if u.opening {
                d.label(
                    rs,
                    format!("标号在这里交叉：“{rc}”先于“{ch}”的后半个出现"),
                    format!("the marks cross here: “{rc}” comes before “{ch}” is closed"),
                )
            } else {
                d.label(
                    rs,
                    format!("这个“{rc}”已由前面的“{ch}”闭合；两个“{ch}”中有一个是多余的，或少了一个“{rc}”"),
                    format!("this “{rc}” is already closed by an earlier “{ch}”: one “{ch}” is extra, or a “{rc}” is missing"),
                )
            };
        }
        if let Some(o) = cross[k] {
            let rs = char_at(text, all[o].1.pos);
            d = if u.opening {
                d.label(
                    rs,
                    "后面某段开头有一个没有前半个的闭合标号，两段可能本是一段，被版面拆开",
                    "a later paragraph begins with an unopened closing mark: the two may be one paragraph split by the layout",
                )
            } else {
                d.label(
                    rs,
                    "前面某段末尾有一个没有闭合的开标号，两段可能本是一段，被版面拆开",
                    "an earlier paragraph ends with an unclosed opening mark: the two may be one paragraph split by the layout",
                )
            };
        }
        out.push(d);
    }
}

#[cfg(test)]
mod tests {
    use super::unmatched;
    use crate::{check, Options};

    fn hits(text: &str) -> Vec<String> {
        check(text, &Options::default())
            .into_iter()
            .filter(|d| d.rule == "unbalanced-pair")
            .map(|d| text[d.span.clone()].to_owned())
            .collect()
    }

    fn chars(s: &str) -> Vec<(char, bool)> {
        unmatched(s)
            .into_iter()
            .map(|u| (u.ch, u.opening))
            .collect()
    }

    #[test]
    fn extra_and_missing() {
        assert_eq!(
            chars("学习《关于坚决打好污染防治攻坚战》的实施意见》。"),
            vec![('》', false)]
        );
        assert_eq!(chars("切实强化“三会一课制度。"), vec![('“', true)]);
        assert_eq!(chars("课”支部开展学习。"), vec![('”', false)]);
        assert_eq!(chars("（一)提高站位。"), vec![]);
    }

    #[test]
    fn nesting_and_items_are_fine() {
        for s in [
            "印发《中共中央办公厅国务院办公厅印发〈关于全面推进政务公开工作的意见〉的通知》。",
            "《徐汇区“双随机、一公开”监管工作实施细则》",
            "他说：“要落实‘三会一课’制度。”",
            "1）加强领导；2）明确责任；a)完善制度。",
            "徐环党〔2024〕9号",
            "People’s Daily 报道。",
        ] {
            assert_eq!(chars(s), vec![], "{s}");
        }
    }

    #[test]
    fn cross_paragraph_split_is_linked() {
        let t = "一是落实组织生活。切实强化“三会一\n\n课”制度执行，开展学习。\n\n二是其他。\n";
        let d: Vec<_> = check(t, &Options::default())
            .into_iter()
            .filter(|d| d.rule == "unbalanced-pair")
            .collect();
        assert_eq!(d.len(), 2);
        assert!(d.iter().all(|d| d.labels.len() == 1));
        assert_eq!(hits(t), vec!["“", "”"]);
    }

    #[test]
    fn linear_on_pathological_input() {
        let t = "《".repeat(200_000) + &"）".repeat(200_000) + "\n";
        let n = hits(&t).len();
        assert_eq!(n, 400_000);
    }
}
