//! `truncated-paragraph` (NL105): a paragraph cut mid-sentence, or one that begins as the continuation of another.
//!
//! A body paragraph of running prose (it has a sentence end inside, or is long and has
//! commas) whose last character is a Han character, a comma or an opening mark stopped
//! mid-sentence. Headings without run-in text, labels (整改结果及成效：), fields (联系人：…),
//! closing formulas (特此通知) and roles other than body text are not prose here.
//!
//! A paragraph begins as a continuation when it begins with a mark no paragraph begins
//! with (，、。) or a closing quote or title mark with no opening one comes in its first
//! characters (课”支部…). A cut end is paired with the later paragraph that closes its open
//! quote, or else with the very next paragraph when that begins with a lone mark or the cut
//! came within a few characters of a sentence's start (措施。通 | 过关停…); one diagnostic per pair,
//! the cut end primary and the continuation a label.
//!
//! Soft line breaks are not paragraph ends: Markdown lines, hard-wrapped text (copied
//! from a PDF at a fixed width) and titles wrapped over short lines ([`soft_breaks`]).
//!
//! The last paragraph of the text is not reported: nothing was split there, the text
//! stops (an excerpt, or a draft); the published excerpts in the shared corpus all stop
//! like this, and a proofreader reading a whole notice sees its end anyway. Paragraphs
//! split around a page marker are left to `page-marker`.

use std::ops::Range;

use super::prelude::*;
use super::text::is_han;
use super::{page_marker, unbalanced_pair};
use crate::scan::Classes;

pub static RULE: Rule = Rule {
    code: "NL105",
    name: "truncated-paragraph",
    default_severity: Severity::Error,
    summary: Text::new(
        "段落中途截断，或段落以另一段的后半句开头",
        "a paragraph cut mid-sentence, or one that begins as the continuation of another",
    ),
    doc: Text::new(DOC_ZH, DOC_EN),
    implemented: true,
    check,
};

const DOC_ZH: &str = r#"
## 检查什么
正文段落在句子中间断开：段末不是句末标点（。！？；：…）或后引号、后书名号、后括号，
而是停在一个汉字、逗号或前引号上（“……通过制度约束”“……措施。通”“切实强化“三会一”）。
也检查以另一段后半句开头的段落（段首是逗号、句号，或开头几个字里就有一个没有前半个的
后引号，如“课”支部……”）。找到成对的两段时只报一次：断开处为主位置，接续的段首为附注。
标题、不带正文的小标题（“（一）已整改完成的问题”“三、下一步工作打算”）、标签（“整改结果及成效：”）、
“联系人：……”一类的字段、“特此通知”、署名和日期都不检查；全文最后一段也不检查（文本到此
结束，没有被拆开的另一半，多是摘录或草稿）。版面转接标记处的断开由 page-marker 报告。
从 PDF 复制的等宽硬换行、Markdown 段内换行和折成几行的标题不算分段。

## 为什么
排版、转版或复制粘贴时把一段拆成两段，或者丢了半句，读者读到的就是不完整、不通的句子，
甚至意思被改变。这类问题必须对照原稿补全。

## 错误示例
```text
三是标本兼治。编制调研报告，提出针对性的改革措施。通

过关停低效企业等途径，全年减少排放61.5吨。
```

## 正确写法
```text
三是标本兼治。编制调研报告，提出针对性的改革措施。通过关停低效企业等途径，全年减少排放61.5吨。
```
"#;

const DOC_EN: &str = r#"
## What it does
Flags a body paragraph that stops mid-sentence: it ends not with a sentence mark
(。！？；：…) or a closing quote, title mark or bracket, but on a Han character, a comma or
an opening quote (“……通过制度约束”, “……措施。通”, “切实强化“三会一”). Also flags a
paragraph that begins as another's second half (with a comma or full stop, or with a
closing quote that has no opening one within its first characters, as in “课”支部……”).
When both halves are found they are reported once: the cut end is the primary span, the
continuation's start a label. Headings without run-in text (“（一）已整改完成的问题”), labels (“整改结果及成效：”),
fields (“联系人：……”), closings (“特此通知”), signatures and dates are not checked, nor is the
last paragraph of the text (the text stops there; nothing was split, it is usually an
excerpt or a draft). A split at a page marker is reported by page-marker. Hard wraps
(text copied from a PDF at a fixed width), Markdown soft breaks and titles wrapped over
several lines are not paragraph ends.

## Why is this bad?
A layout, a page jump or a copy-paste that splits a paragraph in two or drops half a
sentence leaves the reader with broken sentences whose meaning may have changed. The text
must be restored from the original.

## Example
```text
三是标本兼治。编制调研报告，提出针对性的改革措施。通

过关停低效企业等途径，全年减少排放61.5吨。
```

Use instead:
```text
三是标本兼治。编制调研报告，提出针对性的改革措施。通过关停低效企业等途径，全年减少排放61.5吨。
```
"#;

/// Marks after which a paragraph may end: sentence ends, a colon introducing what
/// follows, ellipses, dashes, and closing quotes and brackets.
fn is_terminal(c: char) -> bool {
    matches!(
        c,
        '。' | '！'
            | '？'
            | '；'
            | '：'
            | '…'
            | '—'
            | '～'
            | '”'
            | '’'
            | '》'
            | '〉'
            | '）'
            | '】'
            | '〕'
            | '」'
            | '』'
            | '.'
            | '!'
            | '?'
            | ';'
            | ':'
            | ')'
            | ']'
            | '"'
            | '\''
    )
}

/// True when `s` ends with a mark after which a paragraph may end.
pub(crate) fn ends_complete(s: &str) -> bool {
    s.trim_end().chars().next_back().is_some_and(is_terminal)
}

/// For each paragraph, whether the line break after it is a soft one: the next line (with
/// no blank line between) continues the same paragraph. True in three cases: Markdown
/// (consecutive lines are one paragraph); a hard-wrapped text (most lines about the same
/// width, as text copied from a PDF), for a line of that width; and a title or heading
/// wrapped over short lines without sentence punctuation. Computed once per notice
/// ([`Ctx::soft_breaks`]).
pub(crate) fn soft_breaks<'c>(ctx: &'c Ctx) -> &'c [bool] {
    ctx.soft_breaks()
}

/// [`soft_breaks`], computed.
pub(crate) fn find_soft_breaks(ctx: &Ctx) -> Vec<bool> {
    let ps = &ctx.notice.paragraphs;
    let mut out = vec![false; ps.len()];
    // Only a line that does not end complete, with the next line right after it (no blank
    // line between), can end in a soft break: in most notices there is none, and then
    // no line needs its characters counted.
    let candidate = |i: usize| {
        ps[i + 1].line == ps[i].line + 1 && !ends_complete(&ctx.text[ps[i].span.clone()])
    };
    if !(0..ps.len().saturating_sub(1)).any(candidate) {
        return out;
    }
    let len: Vec<usize> = ps
        .iter()
        .map(|p| char_count(&ctx.text[p.span.clone()]))
        .collect();
    // The wrap width: the L for which most lines (of 15+ characters) are L-3..=L long.
    let mut long: Vec<usize> = len.iter().copied().filter(|&n| n >= 15).collect();
    long.sort_unstable();
    let mut width = None;
    let mut best = 0;
    let mut lo = 0;
    for hi in 0..long.len() {
        while long[hi] - long[lo] > 3 {
            lo += 1;
        }
        if hi + 1 - lo > best {
            best = hi + 1 - lo;
            width = Some(long[hi]);
        }
    }
    if best < 4 || best * 10 < long.len() * 4 {
        width = None;
    }
    let no_clause = |s: &str| !s.contains(['，', '。', '；', ',', ';']);
    for i in 0..ps.len().saturating_sub(1) {
        let (p, q) = (&ps[i], &ps[i + 1]);
        let s = &ctx.text[p.span.clone()];
        if q.line != p.line + 1 || ends_complete(s) {
            continue;
        }
        let t = &ctx.text[q.span.clone()];
        out[i] = (ctx.options.markdown && q.heading.is_none())
            || width.is_some_and(|w| len[i] + 4 >= w && len[i] <= w)
            || (len[i] <= 30 && len[i + 1] <= 40 && no_clause(s) && no_clause(t));
    }
    out
}

/// `s.chars().count()`: the bytes that are not UTF-8 continuation bytes (10xxxxxx), eight
/// at a time: a continuation byte has bit 7 set and bit 6 clear.
fn char_count(s: &str) -> usize {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut cont = 0;
    // Blocks of at most 255 words: one count per byte lane (at most 1 a word), summed
    // once a block.
    for block in s.as_bytes().chunks(8 * 255) {
        let mut words = block.chunks_exact(8);
        let mut lanes = 0u64;
        for c in &mut words {
            let w = u64::from_le_bytes(c.try_into().unwrap_or([0; 8]));
            lanes += (w & !(w << 1) & HIGH) >> 7;
        }
        cont += lane_sum(lanes);
        for &x in words.remainder() {
            cont += usize::from((x as i8) < -64);
        }
    }
    s.len() - cont
}

/// The sum of the eight byte lanes of `x`.
fn lane_sum(x: u64) -> usize {
    const LOW: u64 = 0x00FF_00FF_00FF_00FF;
    // Four 16-bit lanes of at most 510, then their sum (at most 2040) in the top lane.
    let pairs = (x & LOW) + (x >> 8 & LOW);
    (pairs.wrapping_mul(0x0001_0001_0001_0001) >> 48) as usize
}

/// A sentence end inside a paragraph.
fn is_sentence_end(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '；' | '!' | '?' | ';')
}

/// The ASCII sentence ends of [`is_sentence_end`].
const ASCII_STOPS: u128 = crate::scan::ascii_mask(b"!?;");

/// 。, the common sentence end, found by a substring search.
static FULL_STOP: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
    std::sync::LazyLock::new(|| memchr::memmem::Finder::new("。"));

/// Whether `s`, a part of a paragraph whose line holds the classes `cl`, holds a sentence
/// end ([`is_sentence_end`]). 。！？； are the class STOP and the rest ASCII: a line with
/// neither holds none, and most lines are ruled in or out so without reading them. A line
/// with some is searched for 。 at memchr's speed, and walked only when it has none.
fn has_sentence_end(s: &str, cl: Classes) -> bool {
    if !cl.any(crate::scan::class::STOP) && !cl.any_ascii(ASCII_STOPS) {
        return false;
    }
    FULL_STOP.find(s.as_bytes()).is_some() || s.chars().any(is_sentence_end)
}

/// Whether `s` ends on a character that [`cut_end`] or [`weak_cut_end`] may take for a
/// cut: a Han character, ，、 or `,`, or an opening mark. Most paragraphs end on 。 and
/// are let go by their last three bytes, without decoding.
fn may_end_cut(s: &str) -> bool {
    if s.as_bytes().ends_with("。".as_bytes()) {
        return false;
    }
    s.trim_end()
        .chars()
        .next_back()
        .is_some_and(|c| is_han(c) || matches!(c, '，' | '、' | ',') || is_opening(c))
}

/// An opening mark, which a cut paragraph may end on (“, 《, （…).
fn is_opening(c: char) -> bool {
    matches!(c, '“' | '‘' | '《' | '（' | '(' | '【' | '〔')
}

/// A clause boundary: where the fragment of a cut paragraph starts.
fn is_clause_mark(c: char) -> bool {
    is_sentence_end(c) || matches!(c, '，' | '、' | '：' | ',' | ':')
}

/// Closing formulas written without a full stop: 特此通知, 此复, 此致 敬礼.
const CLOSINGS: [&str; 6] = ["特此", "此复", "此致", "敬礼", "此令", "此函"];

/// The fragment at the end of `s` that stops mid-sentence (offsets relative to `s`), or
/// `None` when `s` ends normally or is not running prose (a heading, a label, a name).
/// `cl`: the classes of the paragraph's line.
fn cut_end(s: &str, heading: bool, cl: Classes) -> Option<Range<usize>> {
    let t = s.trim_end();
    let last = t.chars().next_back()?;
    let ends_open = is_opening(last);
    let body = &t[..t.len() - last.len_utf8()];
    let cn_comma = last == ',' && body.chars().next_back().is_some_and(|c| !c.is_ascii());
    if !(is_han(last) || matches!(last, '，' | '、') || cn_comma || ends_open) {
        return None;
    }
    let has_sentence_end = has_sentence_end(body, cl);
    let prose = has_sentence_end || (!heading && char_count(t) > 40 && body.contains(['，', ',']));
    if !prose {
        return None;
    }
    // The fragment: from the last clause mark before the final character.
    let frag_start = body
        .char_indices()
        .rev()
        .find(|&(_, c)| is_clause_mark(c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let frag = &t[frag_start..];
    // A field (联系人：张三) or a closing formula (特此通知) is complete without a stop.
    if frag.contains(['：', ':']) || CLOSINGS.iter().any(|w| frag.contains(w)) {
        return None;
    }
    let frag_clause = &body[frag_start.min(body.len())..];
    if frag_clause.contains(['：', ':']) {
        return None;
    }
    if !has_sentence_end {
        // 出席：张三、李四……: a list after a label.
        if let Some((head, value)) = t.split_once(['：', ':']) {
            if head.chars().count() <= 8 && is_name_list(value) {
                return None;
            }
        }
    }
    Some(last_chars(t, frag_start, 12)..t.len())
}

/// Where the last `n` characters of `t[from..]` begin (all of it when shorter).
fn last_chars(t: &str, from: usize, n: usize) -> usize {
    t[from..]
        .char_indices()
        .rev()
        .nth(n - 1)
        .map_or(from, |(i, _)| from + i)
}

/// The value of a field that lists people or bodies (区委常委、副区长张三，区政府办公室主任李四):
/// short items between commas, without quotes, titles or figures. A value with a long
/// clause, a quotation or a number is prose (整改情况：对……等4个党支部的“三会一课”记录开展
/// 专项检查，逐本).
fn is_name_list(value: &str) -> bool {
    value.split(['，', ',']).all(|item| {
        item.chars().count() <= 20
            && !item.contains(['“', '《', '"'])
            && !item.chars().any(|c| c.is_ascii_digit())
    })
}

/// A paragraph that may have been cut but is too short or list-like to tell alone: it
/// ends on a Han character, holds a comma or an enumeration comma and no sentence end, and
/// is not a heading (全区上下要紧密团结……，奋力推进美丽吴中建; 列席：区财政局、区城市管理).
/// Reported only when the next paragraph begins as its continuation ([`lone_head`]).
/// `cl`: the classes of the paragraph's line.
fn weak_cut_end(s: &str, heading: bool, cl: Classes) -> Option<Range<usize>> {
    let t = s.trim_end();
    let last = t.chars().next_back()?;
    if heading || !is_han(last) || has_sentence_end(t, cl) {
        return None;
    }
    if !t.contains(['，', '、', ',']) || t.chars().count() < 8 {
        return None;
    }
    let frag_start = t[..t.len() - last.len_utf8()]
        .char_indices()
        .rev()
        .find(|&(_, c)| is_clause_mark(c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    if CLOSINGS.iter().any(|w| t[frag_start..].contains(w)) {
        return None;
    }
    Some(last_chars(t, frag_start, 12)..t.len())
}

/// A paragraph that begins with one Han character and then a comma or an enumeration
/// comma (设，为谱写……; 局、合肥市……): the tail of a word cut off the paragraph before.
/// Numbered items (一、) are excluded by the caller; no sentence or list begins so.
fn lone_head(s: &str) -> bool {
    let mut cs = s.chars();
    matches!(
        (cs.next(), cs.next()),
        (Some(a), Some('，' | '、' | ','))
            if is_han(a) && !crate::numeral::is_cn_numeral_char(a) && !"甲乙丙丁戊己庚辛壬癸".contains(a)
    )
}

/// Evidence that `s` begins as the continuation of another paragraph: it begins with a
/// mark no paragraph begins with, or a closing quote or title mark with no opening one
/// comes within its first characters. Returns the span to show and the lone closing mark.
/// `cl`: the classes of the paragraph's line.
fn cont_start(s: &str, cl: Classes) -> Option<(Range<usize>, Option<char>)> {
    let first = s.chars().next()?;
    let short = |s: &str| {
        let end = s
            .char_indices()
            .skip(1)
            .find(|&(_, c)| is_clause_mark(c))
            .map_or(s.len(), |(i, _)| i);
        let cap = s.char_indices().nth(6).map_or(s.len(), |(i, _)| i);
        0..end.min(cap)
    };
    if matches!(
        first,
        '，' | '、' | '。' | '；' | '：' | '？' | '！' | ',' | ';' | '?' | '!'
    ) {
        return Some((short(s), None));
    }
    if matches!(
        first,
        '”' | '’' | '》' | '〉' | '】' | '〕' | '」' | '』' | '）' | ')'
    ) {
        return Some((0..first.len_utf8(), Some(first)));
    }
    // The walk below finds only a ” or 》 (class PAIR) within the first 16 characters, so
    // within the first 64 bytes: none there when the line has no PAIR character, or when
    // those bytes hold neither the last byte of ” (E2 80 9D) nor that of 》 (E3 80 8B).
    if !cl.any(crate::scan::class::PAIR)
        || memchr::memchr2(0x9D, 0x8B, &s.as_bytes()[..s.len().min(64)]).is_none()
    {
        return None;
    }
    let (mut dq, mut bk) = (0u32, 0u32);
    for (k, (i, c)) in s.char_indices().enumerate() {
        if k >= 16 {
            break;
        }
        match c {
            '“' => dq += 1,
            '《' => bk += 1,
            '”' if dq == 0 => return Some((0..i + c.len_utf8(), Some(c))),
            '》' if bk == 0 => return Some((0..i + c.len_utf8(), Some(c))),
            '”' => dq -= 1,
            '》' => bk -= 1,
            _ => {}
        }
    }
    None
}

fn closer_of(open: char) -> char {
    match open {
        '“' => '”',
        '《' => '》',
        '‘' => '’',
        _ => '\0',
    }
}

/// A short form of a text for messages: at most `n` characters, from the end or start.
fn tail(s: &str, n: usize) -> String {
    let k = s.chars().count();
    if k <= n {
        s.to_owned()
    } else {
        let t: String = s.chars().skip(k - n).collect();
        format!("…{t}")
    }
}

fn head(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_owned()
    } else {
        let h: String = s.chars().take(n).collect();
        format!("{h}…")
    }
}

fn check(ctx: &Ctx, out: &mut Findings) {
    let text = ctx.text;
    let ps = &ctx.notice.paragraphs;
    let np = ps.len();
    let mut starts_with_item = vec![false; np];
    for it in &ctx.notice.items {
        if !it.inline && (it.paragraph as usize) < np {
            starts_with_item[it.paragraph as usize] = true;
        }
    }
    let soft = soft_breaks(ctx);
    // The page markers of paragraph `i`, looked up only where one would change the outcome
    // (a cut end or a continuation found): every marker names its verb (转, 接 or 续), so
    // only lines holding one are searched.
    let markers = |i: usize| -> Vec<page_marker::Marker> {
        if ctx
            .para_classes(i)
            .any(crate::scan::class::PAGE | crate::scan::class::JUMP)
        {
            page_marker::find_markers(&text[ps[i].span.clone()])
        } else {
            Vec::new()
        }
    };

    // Cut ends (absolute span, unclosed opener at the end) and continuation starts.
    let mut cut: Vec<Option<(Range<usize>, Option<char>)>> = vec![None; np];
    let mut weak: Vec<Option<Range<usize>>> = vec![None; np];
    let mut cont: Vec<Option<(Range<usize>, Option<char>)>> = vec![None; np];
    for (i, p) in ps.iter().enumerate() {
        if p.role != Role::Body {
            continue;
        }
        let s = &text[p.span.clone()];
        let base = p.span.start;
        let cl = ctx.para_classes(i);
        // A paragraph split by a page marker is the page-marker rule's business.
        let has_down = || markers(i).iter().any(|m| m.dir == page_marker::Dir::Down);
        let has_up_start = || {
            markers(i)
                .iter()
                .any(|m| m.dir == page_marker::Dir::Up && m.range.start == 0)
        };
        // The text ends here: an excerpt or a draft stops, nothing was split.
        let last_of_text = i + 1 == np;
        if !last_of_text && !soft[i] && may_end_cut(s) {
            if let Some(r) = cut_end(s, p.heading.is_some(), cl) {
                if !has_down() {
                    let open = unbalanced_pair::unmatched(s)
                        .into_iter()
                        .rev()
                        .find(|u| {
                            u.opening && u.related.is_none() && matches!(u.ch, '“' | '《' | '‘')
                        })
                        .map(|u| u.ch);
                    cut[i] = Some((base + r.start..base + r.end, open));
                }
            } else if let Some(r) = weak_cut_end(s, p.heading.is_some(), cl) {
                if !has_down() {
                    weak[i] = Some(base + r.start..base + r.end);
                }
            }
        }
        let after_soft = i > 0 && soft[i - 1];
        if p.heading.is_none() && !starts_with_item[i] && !after_soft {
            if let Some((r, c)) = cont_start(s, cl).filter(|_| !has_up_start()) {
                // A real second half has one lone closing mark; ”三会一课” (a closing mark
                // typed for an opening one) has two, and is unbalanced-pair's business.
                let lone = |ch: char| {
                    unbalanced_pair::unmatched(s)
                        .iter()
                        .filter(|u| !u.opening && u.ch == ch)
                        .count()
                };
                if c.is_none_or(|ch| lone(ch) == 1) {
                    cont[i] = Some((base + r.start..base + r.end, c));
                }
            }
        }
    }

    // Pair each cut end with its continuation: first by an open quote or title mark that
    // a later paragraph closes at its start, then with the very next paragraph.
    let mut pair: Vec<Option<usize>> = vec![None; np];
    let mut taken = vec![false; np];
    for i in 0..np {
        let Some((_, Some(open))) = &cut[i] else {
            continue;
        };
        let want = closer_of(*open);
        for j in i + 1..np.min(i + 13) {
            if !taken[j] && matches!(&cont[j], Some((_, Some(c))) if *c == want) {
                pair[i] = Some(j);
                taken[j] = true;
                break;
            }
        }
    }
    for i in 0..np {
        if (cut[i].is_none() && weak[i].is_none()) || pair[i].is_some() || i + 1 >= np {
            continue;
        }
        let j = i + 1;
        let q = &ps[j];
        // Without a lone closing mark in the next paragraph, only a sentence cut just after
        // it began (措施。通 | 过关停…) is evidence enough that the next one continues it.
        let own = &text[ps[i].span.clone()];
        let after_stop = own
            .trim_end()
            .chars()
            .rev()
            .take_while(|&c| !is_sentence_end(c))
            .take(5)
            .count();
        let just_begun = after_stop <= 4;
        let s = &text[q.span.clone()];
        let up_start = || markers(j).iter().any(|m| m.range.start == 0);
        let evidence = if cut[i].is_some() {
            cont[j].is_some()
                || lone_head(s)
                || (just_begun && s.chars().next().is_some_and(is_han))
        } else {
            lone_head(s)
        };
        if !taken[j]
            && q.role == Role::Body
            && q.heading.is_none()
            && !starts_with_item[j]
            && evidence
            && !up_start()
        {
            pair[i] = Some(j);
            taken[j] = true;
            if let Some(r) = weak[i].take() {
                cut[i] = Some((r, None));
            }
        }
    }

    for i in 0..np {
        let Some((span, _)) = &cut[i] else {
            continue;
        };
        let frag = ctx.slice(span);
        let zh = out.zh(|| {
            format!(
                "段落在句子中间断开：“{}”之后没有句末标点，句子不完整",
                tail(frag, 12)
            )
        });
        let en = out.en(|| {
            format!(
                "paragraph stops mid-sentence: nothing closes the sentence after “{}”",
                tail(frag, 12)
            )
        });
        let d = Quick::new(span.clone(), &zh, &en);
        let Some(j) = pair[i] else {
            out.push_quick(
                &RULE,
                d.note(
                    "请对照原稿补全句子，或补上句末标点",
                    "complete the sentence from the original, or add the closing punctuation",
                ),
            );
            continue;
        };
        let q = &ps[j];
        let start_span = match &cont[j] {
            Some((r, _)) => r.clone(),
            None => {
                let s = &text[q.span.clone()];
                let end = s
                    .char_indices()
                    .find(|&(_, c)| is_clause_mark(c))
                    .map_or(s.len(), |(k, _)| k);
                let cap = s.char_indices().nth(8).map_or(s.len(), |(k, _)| k);
                q.span.start
                    ..q.span.start + end.min(cap).max(s.chars().next().map_or(0, char::len_utf8))
            }
        };
        let joined_head = head(&text[q.span.clone()], 10);
        let lzh = out.zh(|| {
            format!(
                "这一段像是它的后半句：接起来读作“{}{}”",
                tail(frag, 8),
                joined_head
            )
        });
        let len = out.en(|| {
            format!(
                "this paragraph looks like its continuation: joined, it reads “{}{}”",
                tail(frag, 8),
                joined_head
            )
        });
        out.push_quick(
            &RULE,
            d.label(start_span, &lzh, &len).note(
                "若两段本是一段，删去中间的换行；若中间缺了文字，请对照原稿补齐",
                "if the two are one paragraph, remove the line break; if words are missing between them, restore them from the original",
            ),
        );
    }
    for j in 0..np {
        if taken[j] {
            continue;
        }
        let Some((span, _)) = &cont[j] else {
            continue;
        };
        let start = ctx.slice(span);
        let zh = out.zh(|| {
            format!("段落以“{start}”开头，像是另一段的后半句：段首不应是这个标点，或前面缺了半句")
        });
        let en = out.en(|| format!("paragraph begins with “{start}”, like the continuation of another: a paragraph cannot begin so, or its first half is missing"));
        out.push_quick(
            &RULE,
            Quick::new(span.clone(), &zh, &en).note(
                "请对照原稿找到它的前半句，把两段接上",
                "find its first half in the original and join the two",
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::{check, Options};

    #[test]
    fn char_count_on_bytes() {
        for t in ["", "a", "é", "一、二", "𠮷x\u{3000}", "Ａ１２３abc，。"] {
            assert_eq!(super::char_count(t), t.chars().count(), "{t:?}");
            // Long enough for the lane sums to be taken along the way.
            let long = t.repeat(1000);
            assert_eq!(super::char_count(&long), long.chars().count(), "{t:?}");
        }
    }

    fn hits(text: &str) -> Vec<(String, Vec<String>)> {
        check(text, &Options::default())
            .into_iter()
            .filter(|d| d.rule == "truncated-paragraph")
            .map(|d| {
                (
                    text[d.span.clone()].to_owned(),
                    d.labels
                        .iter()
                        .map(|l| text[l.span.clone()].to_owned())
                        .collect(),
                )
            })
            .collect()
    }

    const SIG: &str = "\n\n某某区生态环境局\n2024年1月2日\n";

    #[test]
    fn cut_and_continuation_pair() {
        let t = format!(
            "关于整改情况的通报\n\n三是标本兼治。编制调研报告，提出针对性的改革措施。通\n\n过关停低效企业等途径，减少排放61.5吨。{SIG}"
        );
        assert_eq!(
            hits(&t),
            vec![("通".into(), vec!["过关停低效企业等".into()])]
        );
    }

    #[test]
    fn quote_pairs_across_paragraphs() {
        let t = format!(
            "关于整改情况的通报\n\n二是严格落实民主生活会。会议深入开展批评与自我批评。切实强化“三会一\n\n三是补足短板。发布宣传资料54篇。组织\n\n课”支部开展集中学习，强化理论武装。{SIG}"
        );
        let h = hits(&t);
        assert_eq!(h.len(), 2, "{h:?}");
        assert_eq!(h[0], ("切实强化“三会一".into(), vec!["课”".into()]));
        assert_eq!(h[1].0, "组织");
        assert!(h[1].1.is_empty());
    }

    #[test]
    fn headings_labels_and_endings_stay_silent() {
        let t = format!(
            "关于整改情况的通报\n\n（一）已整改完成的问题\n\n整改结果及成效：\n\n三、下一步工作打算\n\n坚持党建引领，推动基层治理提质增效\n\n他指出：“要落实主体责任。”\n\n要求如下：\n\n下一步，我们将持续用力……\n\n联系人：张三，联系电话：0510-83598651\n\n出席：区委常委、副区长张三，区政府办公室主任李四，区发展改革委主任王五，区财政局局长赵六\n\n请认真贯彻落实，特此通知\n\n完善制度（2024—2026年）{SIG}"
        );
        assert!(hits(&t).is_empty(), "{:?}", hits(&t));
    }

    #[test]
    fn run_in_heading_with_prose_is_checked() {
        let t = format!(
            "关于整改情况的通报\n\n（四）注重建章立制。及时总结整改经验，制定五方面制度，通过制度约束\n\n持之以恒促进巡察整改。{SIG}"
        );
        assert_eq!(hits(&t).len(), 1);
        assert_eq!(hits(&t)[0].0, "通过制度约束");
    }

    #[test]
    fn prose_after_a_label_is_checked() {
        let t = format!(
            "关于整改情况的通报\n\n整改情况：对机关第一党支部、机关第二党支部等2个党支部的“三会一课”记录开展专项检查，逐本\n\n查阅会议记录，当场反馈问题。{SIG}"
        );
        assert_eq!(hits(&t).len(), 1, "{:?}", hits(&t));
    }

    #[test]
    fn short_cut_paired_with_a_lone_word_tail() {
        let t = format!(
            "关于表彰先进的决定\n\n全区上下要团结一心，奋力推进美丽城区建\n\n设，为谱写新篇章作出新的更大贡献。{SIG}"
        );
        assert_eq!(
            hits(&t),
            vec![("奋力推进美丽城区建".into(), vec!["设".into()])]
        );
        let t = format!(
            "会议纪要\n\n列席：区住房和城乡建设局、区财政局、区城市管理\n\n局、三里庵街道、稻香村街道负责同志。{SIG}"
        );
        assert_eq!(hits(&t).len(), 1, "{:?}", hits(&t));
        // A short line without such a continuation stays silent.
        let t = format!(
            "关于整改情况的报告\n\n坚持问题导向，推动抽检结果运用\n\n对抽检不合格的食品，全部依法完成核查处置。\n\n出席：张三、李四\n\n一、总体要求{SIG}"
        );
        assert!(hits(&t).is_empty(), "{:?}", hits(&t));
    }

    #[test]
    fn last_paragraph_of_an_excerpt_is_silent() {
        let t = "一、总体要求\n\n坚持以公开为常态。推动简政放权、放管结合、";
        assert!(hits(t).is_empty());
    }

    #[test]
    fn wrong_direction_quote_is_not_a_continuation() {
        let t = format!("关于整改情况的通报\n\n一是加强学习。\n\n”三会一课”制度全面落实。{SIG}");
        assert!(hits(&t).is_empty());
    }

    #[test]
    fn hard_wrapped_text_is_one_paragraph() {
        let t = "关于整改情况的报告\n镇党委、政府高度重视，立即组织安排整改，镇主要领导、\n分管领导第一时间深入现场查看并督促展开清理行动，组\n织村干部及保洁员对辖区内环境卫生彻底进行整治。同\n时，镇政府督促各村对此类问题进行系统排查、举一反\n三，确保全域无垃圾专项整治工作落到实处。\n某镇人民政府\n2024年1月2日\n";
        assert!(hits(t).is_empty(), "{:?}", hits(t));
    }

    #[test]
    fn lone_continuation_start() {
        let t =
            format!("关于整改情况的通报\n\n一是加强学习。\n\n，并结合个人自学强化理论武装。{SIG}");
        assert_eq!(hits(&t).len(), 1);
    }

    #[test]
    fn page_marker_split_is_left_to_page_marker() {
        let t = format!("关于整改情况的通报\n\n一是完善站点。编制雪浪、(下转第14版)\n\n(上接第12版)安全生产文件等。{SIG}");
        assert!(hits(&t).is_empty());
    }

    #[test]
    fn long_input_no_panic() {
        let big = "加强管理，".repeat(100_000) + "通";
        let t = format!("标题\n\n{big}\n\n过关停。{SIG}");
        assert_eq!(hits(&t).len(), 1);
    }
}
