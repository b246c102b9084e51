//! `halfwidth-punctuation` (NL405): ASCII , . : ; ? ! ( ) in Chinese text (GB/T 15834); fix: full-width.
//!
//! A mark is Chinese punctuation when its neighbours (spaces skipped) are Chinese: each
//! mark has its own test so that numbers (2.5, 1,000, 0510-83598651), times (8:30),
//! abbreviations (No.), the `1.` heading marker and Latin text stay silent. Addresses and
//! markup (see `markup_artifact::protected`) are skipped, and so are lines without Han.
//! Round brackets are judged in pairs: `(一)` is one finding with a fix for both marks.

use std::ops::Range;

use super::markup_artifact::{in_ranges, is_cjk, next_ascii_in};
use super::prelude::*;
use super::text::is_han;
use crate::scan::{ascii_mask, class, Classes, LETTERS};

pub static RULE: Rule = Rule {
    code: "NL405",
    name: "halfwidth-punctuation",
    default_severity: Severity::Warning,
    summary: Text::new(
        "中文文本中使用半角标点 , . : ; ? ! ( )（GB/T 15834）",
        "ASCII , . : ; ? ! ( ) in Chinese text (GB/T 15834); fix: full-width",
    ),
    doc: Text::new(DOC_ZH, DOC_EN),
    implemented: true,
    check,
};

const DOC_ZH: &str = r#"
## 检查什么
中文文本中的半角（ASCII）标点 , . : ; ? ! ( )。按 GB/T 15834—2011《标点符号用法》，中文行文使用全角
标点：，。：；？！（）。以下写法不报告：数字中的 2.5、1,000、0510-83598651，时刻 8:30，网址和电子邮箱，
外文词句（Hello, world）和缩写（No.），段首的“1.”序号（GB/T 9704 第三层序号就写作“1.”），不含汉字的行。
成对的半角括号 (一) 作为一处报告，修复同时改两个括号。修复都是安全的（只替换标点本身）。

## 为什么
半角标点在中文排版中宽度只有半个字，挤在汉字之间，既不合国家标准，也显得文稿是从别处拼凑而来。

## 错误示例
```text
(一)提高政治站位。根据无锡市委统一部署,2021年6月23日至7月30日,市委第四巡察组进行了巡察。
联系方式:电话0510-83598651。
```

## 正确写法
```text
（一）提高政治站位。根据无锡市委统一部署，2021年6月23日至7月30日，市委第四巡察组进行了巡察。
联系方式：电话0510-83598651。
```
"#;

const DOC_EN: &str = r#"
## What it does
Flags ASCII , . : ; ? ! ( ) in Chinese text. GB/T 15834—2011 (use of punctuation marks)
asks for the full-width marks ，。：；？！（） in Chinese prose. Left alone: numbers (2.5,
1,000, 0510-83598651), times (8:30), web and e-mail addresses, Latin words and sentences
(Hello, world), abbreviations (No.), the `1.` heading marker at the start of a paragraph
(GB/T 9704 writes the third level so) and lines without Han characters. A pair of ASCII
brackets `(一)` is one finding whose fix changes both marks. Every fix is safe: it
replaces the mark only.

## Why is this bad?
An ASCII mark is half as wide as a Chinese character and crowds the text; it breaks the
national standard and shows the text was pasted together from elsewhere.

## Example
```text
(一)提高政治站位。根据无锡市委统一部署,2021年6月23日至7月30日,市委第四巡察组进行了巡察。
联系方式:电话0510-83598651。
```

Use instead:
```text
（一）提高政治站位。根据无锡市委统一部署，2021年6月23日至7月30日，市委第四巡察组进行了巡察。
联系方式：电话0510-83598651。
```
"#;

/// The neighbour of a mark, spaces skipped, within its line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    /// Han or a Chinese mark.
    Cjk,
    /// An opening Chinese mark (“ 《 （): Chinese, but nothing ends before it.
    CjkOpen,
    Letter,
    Digit,
    /// Start or end of the line.
    Edge,
    Other,
}

fn class(c: Option<char>) -> Side {
    match c {
        None | Some('\n' | '\r') => Side::Edge,
        Some(c) if c.is_ascii_alphabetic() => Side::Letter,
        Some(c) if c.is_ascii_digit() => Side::Digit,
        Some('“' | '‘' | '《' | '（' | '【' | '〔' | '〈' | '「' | '『') => {
            Side::CjkOpen
        }
        Some(c) if is_cjk(c) => Side::Cjk,
        Some(_) => Side::Other,
    }
}

fn is_chinese(s: Side) -> bool {
    matches!(s, Side::Cjk | Side::CjkOpen)
}

/// The nearest character before `pos` in `line`, ASCII spaces and tabs skipped: of the
/// 17 characters before `pos`, the last that is neither. The spaces are stepped over as
/// bytes; only the character found is decoded.
fn prev_char(line: &str, pos: usize) -> Option<char> {
    let b = line.as_bytes();
    let mut i = pos;
    for _ in 0..17 {
        match b[..i].last()? {
            b' ' | b'\t' => i -= 1,
            _ => return line[..i].chars().next_back(),
        }
    }
    None
}

/// The nearest character at or after `pos` in `line`, ASCII spaces and tabs skipped (of
/// the 17 characters from `pos`, as [`prev_char`]).
fn next_char(line: &str, pos: usize) -> Option<char> {
    let b = line.as_bytes();
    let mut i = pos;
    for _ in 0..17 {
        match b.get(i)? {
            b' ' | b'\t' => i += 1,
            _ => return line[i..].chars().next(),
        }
    }
    None
}

fn full(c: u8) -> &'static str {
    match c {
        b',' => "，",
        b'.' => "。",
        b':' => "：",
        b';' => "；",
        b'?' => "？",
        b'!' => "！",
        b'(' => "（",
        _ => "）",
    }
}

#[cfg(test)]
fn name(c: u8) -> (&'static str, &'static str) {
    match c {
        b',' => ("逗号", "comma"),
        b'.' => ("句点", "full stop"),
        b':' => ("冒号", "colon"),
        b';' => ("分号", "semicolon"),
        b'?' => ("问号", "question mark"),
        b'!' => ("叹号", "exclamation mark"),
        b'(' => ("左括号", "opening bracket"),
        _ => ("右括号", "closing bracket"),
    }
}

/// The message and fix message of a mark, in both languages, written out so that the
/// commonest finding of all allocates no string (a test checks them against `name`/`full`).
fn messages(c: u8) -> [&'static str; 4] {
    match c {
        b',' => [
            "中文文本中用了半角逗号“,”，应为全角“，”（GB/T 15834）",
            "ASCII comma `,` in Chinese text; use the full-width `，` (GB/T 15834)",
            "改为“，”",
            "replace with `，`",
        ],
        b'.' => [
            "中文文本中用了半角句点“.”，应为全角“。”（GB/T 15834）",
            "ASCII full stop `.` in Chinese text; use the full-width `。` (GB/T 15834)",
            "改为“。”",
            "replace with `。`",
        ],
        b':' => [
            "中文文本中用了半角冒号“:”，应为全角“：”（GB/T 15834）",
            "ASCII colon `:` in Chinese text; use the full-width `：` (GB/T 15834)",
            "改为“：”",
            "replace with `：`",
        ],
        b';' => [
            "中文文本中用了半角分号“;”，应为全角“；”（GB/T 15834）",
            "ASCII semicolon `;` in Chinese text; use the full-width `；` (GB/T 15834)",
            "改为“；”",
            "replace with `；`",
        ],
        b'?' => [
            "中文文本中用了半角问号“?”，应为全角“？”（GB/T 15834）",
            "ASCII question mark `?` in Chinese text; use the full-width `？` (GB/T 15834)",
            "改为“？”",
            "replace with `？`",
        ],
        b'!' => [
            "中文文本中用了半角叹号“!”，应为全角“！”（GB/T 15834）",
            "ASCII exclamation mark `!` in Chinese text; use the full-width `！` (GB/T 15834)",
            "改为“！”",
            "replace with `！`",
        ],
        b'(' => [
            "中文文本中用了半角左括号“(”，应为全角“（”（GB/T 15834）",
            "ASCII opening bracket `(` in Chinese text; use the full-width `（` (GB/T 15834)",
            "改为“（”",
            "replace with `（`",
        ],
        _ => [
            "中文文本中用了半角右括号“)”，应为全角“）”（GB/T 15834）",
            "ASCII closing bracket `)` in Chinese text; use the full-width `）` (GB/T 15834)",
            "改为“）”",
            "replace with `）`",
        ],
    }
}

/// A Chinese numeral heading marker right before `pos` at the start of the line (`一.`).
fn cn_numeral_marker(line: &str, pos: usize) -> bool {
    let head = line[..pos].trim_start_matches([' ', '\t', '\u{3000}']);
    !head.is_empty()
        && head.chars().count() <= 3
        && head.chars().all(|c| "一二三四五六七八九十".contains(c))
}

/// The marks this rule judges.
const MARKS: u128 = ascii_mask(b",.:;?!()");

fn check(ctx: &Ctx, out: &mut Findings) {
    if !ctx.text_classes().any_ascii(MARKS) {
        return;
    }
    let prot = &ctx.markup().protected;
    // Only a line with one of the marks and a Han character can be judged (a line without
    // Han is not Chinese text).
    let judged = |c: Classes| c.any_ascii(MARKS) && c.any(class::HAN);
    for (base, line, c) in ctx.lines_where().matching(judged) {
        if is_chinese_line(base, line, c, prot) {
            check_line(base, line, MarkFinder::new(c), prot, out);
        }
    }
}

/// A line of Chinese text: it has Han (`c` says so), and no more than twice as many Latin
/// letters (addresses and markup not counted). An English sentence quoting 通报, 通知 is
/// not one.
fn is_chinese_line(base: usize, line: &str, c: Classes, prot: &[Range<usize>]) -> bool {
    if !c.any_ascii(LETTERS) {
        return true;
    }
    let b = line.as_bytes();
    let mut letters = 0;
    let mut i = 0;
    while let Some(j) = next_ascii_in(b, i, LETTERS) {
        letters += usize::from(!in_ranges(prot, base + j));
        i = j + 1;
    }
    // letters <= 2 × han, i.e. at least ⌈letters / 2⌉ Han characters.
    let need = letters.div_ceil(2);
    need == 0 || line.chars().filter(|&c| is_han(c)).nth(need - 1).is_some()
}

/// Finds the marks of a line, left to right. A line holds few of the eight marks, and its
/// classes say which: up to three are found with `memchr` (SIMD: stretches of Chinese text
/// cost a fraction of an instruction per byte, where the word-at-a-time walk stops at
/// every digit and space), more by that walk. Both find every mark of the line, as a mark
/// the classes leave out does not occur in it.
#[derive(Clone, Copy)]
enum MarkFinder {
    One(u8),
    Two(u8, u8),
    Three(u8, u8, u8),
    Any,
}

impl MarkFinder {
    fn new(c: Classes) -> MarkFinder {
        let mut marks = c.ascii & MARKS;
        let mut bytes = [0u8; 3];
        let mut n = 0;
        while marks != 0 {
            if n == bytes.len() {
                return MarkFinder::Any;
            }
            bytes[n] = marks.trailing_zeros() as u8;
            n += 1;
            marks &= marks - 1;
        }
        match n {
            1 => MarkFinder::One(bytes[0]),
            2 => MarkFinder::Two(bytes[0], bytes[1]),
            3 => MarkFinder::Three(bytes[0], bytes[1], bytes[2]),
            _ => MarkFinder::Any,
        }
    }

    /// The first mark at or after byte `from` of `b`.
    fn next(self, b: &[u8], from: usize) -> Option<usize> {
        let rest = b.get(from..)?;
        let k = match self {
            MarkFinder::One(x) => memchr::memchr(x, rest),
            MarkFinder::Two(x, y) => memchr::memchr2(x, y, rest),
            MarkFinder::Three(x, y, z) => memchr::memchr3(x, y, z, rest),
            MarkFinder::Any => return next_ascii_in(b, from, MARKS),
        };
        k.map(|k| from + k)
    }
}

fn check_line(
    base: usize,
    line: &str,
    marks: MarkFinder,
    prot: &[Range<usize>],
    out: &mut Findings,
) {
    let b = line.as_bytes();
    // Where the last CJK character before the current closing bracket starts: read once
    // along the line as the closing brackets come (keeps nested brackets linear).
    let mut cjk = LastCjk::default();
    let mut open: Vec<usize> = Vec::new();
    let mut i = 0;
    while let Some(j) = marks.next(b, i) {
        i = j;
        let c = b[i];
        if in_ranges(prot, base + i) {
            i += 1;
            continue;
        }
        if c == b'(' {
            open.push(i);
            i += 1;
            continue;
        }
        if c == b')' {
            if let Some(o) = open.pop() {
                pair(base, line, o, i, &mut cjk, out);
            } else {
                single(base, line, i, out);
            }
            i += 1;
            continue;
        }
        if c == b'.' && b.get(i + 1) == Some(&b'.') {
            // A run of dots: an ASCII ellipsis when three or more touch Chinese text.
            let s = i;
            while i < b.len() && b[i] == b'.' {
                i += 1;
            }
            let p = class(prev_char(line, s));
            let n = class(next_char(line, i));
            // Not a table-of-contents leader (目的……......6).
            let leader = line[..s].ends_with('…') || n == Side::Digit;
            if i - s >= 3 && (is_chinese(p) || is_chinese(n)) && !leader {
                let span = base + s..base + i;
                out.push_quick(
                    &RULE,
                    Quick::new(
                        span.clone(),
                        "中文文本中用半角点号“...”作省略号，应为“……”",
                        "ASCII dots `...` as an ellipsis in Chinese text; use `……`",
                    )
                    .fix(
                        Applicability::Unsafe,
                        "改为“……”",
                        "replace with `……`",
                        &[(span, "……".into())],
                    ),
                );
            }
            continue;
        }
        single(base, line, i, out);
        i += 1;
    }
    for o in open {
        single(base, line, o, out);
    }
}

/// Judge one mark by its neighbours.
fn single(base: usize, line: &str, i: usize, out: &mut Findings) {
    let c = line.as_bytes()[i];
    let pc = prev_char(line, i);
    let p = class(pc);
    let n = class(next_char(line, i + 1));
    let flag = match c {
        // 部署,2021 / 95%,同比 / 联系方式:电话; not 1,000, 8:30, Tel:0510 (no Chinese
        // neighbour).
        b',' | b';' | b'?' | b'!' | b':' => is_chinese(p) || is_chinese(n),
        // A full stop after Chinese; not 2.5, No., 1. (a digit before), 名单.xlsx.
        b'.' => p == Side::Cjk && n != Side::Letter,
        b'(' => is_chinese(p) || is_chinese(n),
        _ => p == Side::Cjk || is_chinese(n),
    };
    if !flag {
        return;
    }
    let span = base + i..base + i + 1;
    if c == b'.' && cn_numeral_marker(line, i) {
        out.push_quick(
            &RULE,
            Quick::new(
                span.clone(),
                "序号“一.”中用了半角点号，“一”级序号应写作“一、”",
                "ASCII full stop in the marker `一.`; the first level is written `一、`",
            )
            .fix(
                Applicability::Unsafe,
                "改为“、”",
                "replace with `、`",
                &[(span, "、".into())],
            ),
        );
        return;
    }
    // The commonest finding of all: written straight into the findings (no allocation).
    let [zh, en, fix_zh, fix_en] = messages(c);
    out.push_quick(
        &RULE,
        Quick::new(span.clone(), zh, en).fix(
            Applicability::Safe,
            fix_zh,
            fix_en,
            &[(span, full(c).into())],
        ),
    );
}

/// The start of the last CJK character before a position of a line, for positions that
/// only grow: each character is read once.
#[derive(Default)]
struct LastCjk {
    /// How far the line has been read.
    read: usize,
    last: Option<usize>,
}

impl LastCjk {
    fn last_before(&mut self, line: &str, pos: usize) -> Option<usize> {
        if pos > self.read {
            // ASCII is never CJK: only the multi-byte characters are decoded.
            let b = line.as_bytes();
            let mut k = self.read;
            while k < pos {
                if b[k] < 0x80 {
                    k += 1;
                    continue;
                }
                let ch = line[k..].chars().next().unwrap_or(' ');
                if is_cjk(ch) {
                    self.last = Some(k);
                }
                k += ch.len_utf8();
            }
            self.read = pos;
        }
        self.last
    }
}

/// Judge a pair of brackets: Chinese inside or Chinese right outside. `cjk` reads the
/// line for the inside only when the outside is not Chinese (most pairs are settled by
/// their neighbours; what is not read now is read by a later pair that needs it).
fn pair(base: usize, line: &str, o: usize, c: usize, cjk: &mut LastCjk, out: &mut Findings) {
    // The year of a 发文字号 in the wrong brackets (某政发(2024)3号) is for
    // `doc-number-format`: it must become 〔2024〕, not （2024）.
    let inner = &line[o + 1..c];
    let after = line[c + 1..].trim_start_matches(|ch: char| ch.is_ascii_digit());
    if inner.len() == 4
        && inner.bytes().all(|x| x.is_ascii_digit())
        && after.starts_with('号')
        && after.len() < line.len() - c - 1
    {
        return;
    }
    let outside_l = class(prev_char(line, o));
    let outside_r = class(next_char(line, c + 1));
    // A CJK character between the brackets: the last one before `)` is inside.
    let chinese = is_chinese(outside_l)
        || is_chinese(outside_r)
        || cjk.last_before(line, c).is_some_and(|s| s > o);
    if !chinese {
        return;
    }
    out.push_quick(
        &RULE,
        Quick::new(
            base + o..base + o + 1,
            "中文文本中用了半角括号“( )”，应为全角“（ ）”（GB/T 15834）",
            "ASCII brackets `( )` in Chinese text; use the full-width `（ ）` (GB/T 15834)",
        )
        .label(
            base + c..base + c + 1,
            "与之配对的半角右括号",
            "the matching ASCII `)`",
        )
        .fix(
            Applicability::Safe,
            "两个括号都改为全角",
            "make both brackets full-width",
            &[
                (base + o..base + o + 1, "（".into()),
                (base + c..base + c + 1, "）".into()),
            ],
        ),
    );
}

#[cfg(test)]
mod tests {
    use crate::{check as lint, Options};

    #[test]
    fn neighbours_agree_with_a_char_walk() {
        let naive_prev = |line: &str, pos: usize| {
            line[..pos]
                .chars()
                .rev()
                .take(17)
                .find(|&c| c != ' ' && c != '\t')
        };
        let naive_next = |line: &str, pos: usize| {
            line[pos..]
                .chars()
                .take(17)
                .find(|&c| c != ' ' && c != '\t')
        };
        let long = format!("甲{}乙{}", " ".repeat(16), "\t".repeat(17));
        for line in ["", " ", "a, b", "中 \t,\t 文", "，\t ", "𠮷 .é", &long] {
            for pos in (0..=line.len()).filter(|&p| line.is_char_boundary(p)) {
                assert_eq!(
                    super::prev_char(line, pos),
                    naive_prev(line, pos),
                    "{line:?} {pos}"
                );
                assert_eq!(
                    super::next_char(line, pos),
                    naive_next(line, pos),
                    "{line:?} {pos}"
                );
            }
        }
    }

    fn hits(text: &str) -> Vec<String> {
        lint(text, &Options::default())
            .into_iter()
            .filter(|d| d.rule == "halfwidth-punctuation")
            .map(|d| text[d.span].to_string())
            .collect()
    }

    #[test]
    fn flags_chinese_punctuation() {
        assert_eq!(
            hits("根据市委统一部署,2021年6月23日至7月30日,巡察组进驻。"),
            [",", ","]
        );
        assert_eq!(hits("(一)提高政治站位。"), ["("]);
        assert_eq!(
            hits("联系方式:电话0510-83598651;邮箱:wxxshsb@sina.com。"),
            [":", ";", ":"]
        );
        assert_eq!(hits("是否落实?请核查!"), ["?", "!"]);
        assert_eq!(hits("细颗粒物(PM2.5)浓度下降.下一步"), ["(", "."]);
        assert_eq!(hits("印发《方案(2021版)》"), ["("]);
        assert_eq!(hits("完成率达95%,同比上升"), [","]);
        assert_eq!(hits("等等..."), ["..."]);
        assert!(hits("1总则……………......6").is_empty());
    }

    #[test]
    fn silent_on_numbers_times_addresses_latin() {
        assert!(hits("共1,000元，增长2.5%，8:30—12:00，比例3:1。").is_empty());
        assert!(hits("1.加强组织领导。").is_empty());
        assert!(hits("网址https://www.gov.cn/a/b.html?id=1，邮箱a.b@x.gov.cn。").is_empty());
        assert!(hits("英文名称Ministry of Ecology, Environment。").is_empty());
        assert!(hits("Hello, world. This is (a) test.").is_empty());
        assert!(hits("Kinds: 通报, 通知, 公告 (as stored copies of their web pages).").is_empty());
        assert_eq!(
            hits("网址:https://www.example.gov.cn/abcdefgh/index.html"),
            [":"]
        );
        assert!(hits("见No.3文件，附件名单.xlsx。").is_empty());
        assert!(hits("某政发(2024)3号").is_empty());
    }

    #[test]
    fn written_out_messages_match_the_mark_names() {
        for c in b",.:;?!()" {
            let (zh, en) = super::name(*c);
            let f = super::full(*c);
            let ch = *c as char;
            assert_eq!(
                super::messages(*c),
                [
                    format!("中文文本中用了半角{zh}“{ch}”，应为全角“{f}”（GB/T 15834）").as_str(),
                    format!(
                        "ASCII {en} `{ch}` in Chinese text; use the full-width `{f}` (GB/T 15834)"
                    )
                    .as_str(),
                    format!("改为“{f}”").as_str(),
                    format!("replace with `{f}`").as_str(),
                ]
            );
        }
    }

    #[test]
    fn numeral_marker() {
        let d = lint("一.总体要求", &Options::default());
        let d: Vec<_> = d
            .iter()
            .filter(|d| d.rule == "halfwidth-punctuation")
            .collect();
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].fix.as_ref().unwrap().edits[0].replacement, "、");
    }

    #[test]
    fn no_panic_no_quadratic() {
        let s = "中".to_string() + &"(".repeat(50_000) + &")".repeat(50_000) + &" ,".repeat(50_000);
        assert_eq!(hits(&s).len(), 1);
        let s = "中".to_string() + &" ".repeat(100_000) + ".";
        assert!(hits(&s).len() <= 1);
    }
}
