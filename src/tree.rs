//! The notice tree: a notice broken into its blocks and its numbered sections.
//!
//! ```text
//! notice     = title-block body signature? trailer* appended*
//! title-block= header* (title | doc-number)+ addressee?      (first few paragraphs)
//! body       = paragraph*                                  (headings and text)
//! signature  = issuer-line{1,3} date-line                  (发文机关署名, 成文日期)
//! trailer    = 附件… | 抄送… | 联系… | （此件公开发布） …
//! appended   = title? body                                 (a 方案 printed after an 印发 notice)
//! paragraph  = marker? text                                (one non-blank line)
//! marker     = 一、 | （一） (一) | 1、 1. 1． 1） | （1） (1) | ① | 第一章 第一节 第一条
//!            | 一是 | 第一，
//! ```
//!
//! A paragraph is one non-blank line. Parsing never fails: text that matches no production
//! is a plain body paragraph. Headings nest by the order in which their kinds appear (a
//! stack, as Markdown does with `#` levels), so a notice that goes 一、 → 1. works as well as
//! one that goes 一、 → （一） → 1.; siblings are the items of one kind under one parent.
//! Inline enumerations (…：一是…；二是…, ①…②…, （1）…；（2）…) are items too, attached
//! to the heading whose text holds them.

use std::ops::Range;

use nom::branch::alt;
use nom::bytes::complete::tag;
use nom::character::complete::satisfy;
use nom::combinator::verify;
use nom::{IResult, Parser};

use crate::numeral;

/// Index into [`Notice::items`].
pub type ItemId = u32;

/// What a paragraph is in the notice's layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// 发文机关标志 and similar lines above the title.
    Header,
    /// The title.
    Title,
    /// The 发文字号 (`徐环党〔2024〕9号`).
    DocNumber,
    /// The 主送机关 line (`局机关各科室、各直属单位：`).
    Addressee,
    /// Body text, headings included.
    Body,
    /// 发文机关署名.
    Signature,
    /// 成文日期.
    Date,
    /// What follows the signature: 附件, 抄送, 联系方式, （此件公开发布）.
    Trailer,
    /// The title of a document printed after the signature (the 方案 of an 印发 notice).
    PartTitle,
}

/// The kind of an ordinal marker: one kind is one level of the outline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// 一、
    CnComma,
    /// （一） (一)
    CnParen,
    /// 1、 1. 1． 1）
    Arabic,
    /// （1） (1)
    ArabicParen,
    /// ①
    Circled,
    /// 第一章
    Chapter,
    /// 第一节
    Section,
    /// 第一条
    Article,
    /// 一是
    Shi,
    /// 第一，
    Di,
}

impl Kind {
    /// The level in GB/T 9704's outline (一、 → （一） → 1. → （1）), where it has one.
    pub fn canonical_rank(self) -> Option<u8> {
        match self {
            Kind::CnComma => Some(1),
            Kind::CnParen => Some(2),
            Kind::Arabic => Some(3),
            Kind::ArabicParen => Some(4),
            _ => None,
        }
    }

    /// Enumerations written inside running text rather than as headings.
    pub fn is_enumeration(self) -> bool {
        matches!(self, Kind::Shi | Kind::Di)
    }
}

/// How a marker of a kind is written: the variants that must not be mixed on one level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Style {
    /// 一、 1、
    Dun,
    /// 1.
    Dot,
    /// 1．
    FullDot,
    /// 1）
    RightParen,
    /// （一）
    FullParen,
    /// (一)
    HalfParen,
    /// （一) and other mixed brackets
    MixedParen,
    /// Everything else (一是, ①, 第一条).
    Plain,
}

impl Style {
    /// The marker written in this style for value 1, as an example in messages.
    pub fn example(self, kind: Kind) -> String {
        let n = match kind {
            Kind::CnComma | Kind::CnParen | Kind::Shi | Kind::Di | Kind::Chapter => "一",
            Kind::Section | Kind::Article => "一",
            _ => "1",
        };
        match (kind, self) {
            (_, Style::Dun) => format!("{n}、"),
            (_, Style::Dot) => format!("{n}."),
            (_, Style::FullDot) => format!("{n}．"),
            (_, Style::RightParen) => format!("{n}）"),
            (_, Style::FullParen) => format!("（{n}）"),
            (_, Style::HalfParen) => format!("({n})"),
            (_, Style::MixedParen) => format!("（{n})"),
            (Kind::Shi, _) => "一是".into(),
            (Kind::Di, _) => "第一，".into(),
            (Kind::Circled, _) => "①".into(),
            (Kind::Chapter, _) => "第一章".into(),
            (Kind::Section, _) => "第一节".into(),
            (Kind::Article, _) => "第一条".into(),
            _ => n.into(),
        }
    }
}

/// One numbered item: a heading or an inline enumeration item.
#[derive(Debug, Clone)]
pub struct Item {
    pub kind: Kind,
    pub style: Style,
    /// The ordinal value (`八` and `8` are both 8).
    pub value: u64,
    /// The whole marker, `1、`, `（一）`, `二是`.
    pub marker: Range<usize>,
    /// The paragraph that holds it.
    pub paragraph: u32,
    /// True when it is not at the start of its paragraph.
    pub inline: bool,
    /// The heading it belongs to; `None` at the top of its part.
    pub parent: Option<ItemId>,
    /// 0 for the notice; 1, 2, … for documents printed after the signature.
    pub part: u32,
    /// Nesting depth (0 at the top).
    pub depth: u32,
}

impl Item {
    /// How a proofreader names this item's level, in the notice's own style:
    /// `“1、”级标题`, `“一是”列举`.
    pub fn level_name(&self) -> (String, String) {
        let ex = self.style.example(self.kind);
        if self.kind.is_enumeration() {
            (format!("“{ex}”列举"), format!("`{ex}` enumeration"))
        } else if self.inline {
            (format!("“{ex}”序号"), format!("`{ex}` item"))
        } else {
            (format!("“{ex}”级标题"), format!("`{ex}` heading"))
        }
    }
}

/// A marker as written, with its numeral replaced by `v` in the same script: `8、` → `3、`,
/// `（三）` → `（二）`, `②` → `①`.
pub fn marker_with_value(written: &str, kind: Kind, v: u64) -> String {
    let is_num = |c: char| {
        numeral::arabic_digit(c).is_some()
            || numeral::is_cn_numeral_char(c)
            || numeral::circled(c).is_some()
    };
    let num = if written.chars().any(|c| numeral::arabic_digit(c).is_some()) {
        v.to_string()
    } else if kind == Kind::Circled {
        char::from_u32(0x2460 + v.saturating_sub(1) as u32).map_or(v.to_string(), |c| c.to_string())
    } else {
        numeral::to_cn(v)
    };
    match written.find(is_num) {
        Some(start) => {
            let rest = &written[start..];
            let len = rest
                .char_indices()
                .find(|(_, c)| !is_num(*c))
                .map_or(rest.len(), |(i, _)| i);
            format!("{}{}{}", &written[..start], num, &rest[len..])
        }
        None => num,
    }
}

/// One non-blank line.
#[derive(Debug, Clone)]
pub struct Paragraph {
    /// The text without surrounding whitespace (full-width spaces and CR included).
    pub span: Range<usize>,
    /// 0-based line number.
    pub line: u32,
    pub role: Role,
    pub part: u32,
    /// The heading item that begins this paragraph, if any.
    pub heading: Option<ItemId>,
    /// The innermost heading this paragraph belongs to (itself if it is one).
    pub owner: Option<ItemId>,
}

/// Items that are siblings: one kind, one parent, one run of numbering.
#[derive(Debug, Clone)]
pub struct Group {
    pub kind: Kind,
    pub parent: Option<ItemId>,
    pub part: u32,
    pub items: Vec<ItemId>,
}

/// The parsed notice.
#[derive(Debug, Clone, Default)]
pub struct Notice {
    pub paragraphs: Vec<Paragraph>,
    pub items: Vec<Item>,
    pub groups: Vec<Group>,
    /// Paragraph index of the title, the 发文字号, the 主送机关.
    pub title: Option<usize>,
    pub doc_number: Option<usize>,
    pub addressee: Option<usize>,
    /// Paragraph indices of the 发文机关署名 lines and of the 成文日期.
    pub signature: Vec<usize>,
    pub date: Option<usize>,
    /// For each item, the index of its group in `groups`.
    pub item_group: Vec<usize>,
}

impl Notice {
    /// The text of a paragraph.
    pub fn para_text<'t>(&self, text: &'t str, i: usize) -> &'t str {
        &text[self.paragraphs[i].span.clone()]
    }

    /// Body paragraphs (headings included), in order, with their indices.
    pub fn body(&self) -> impl Iterator<Item = (usize, &Paragraph)> + '_ {
        self.paragraphs
            .iter()
            .enumerate()
            .filter(|(_, p)| p.role == Role::Body)
    }

    /// An item by its id.
    pub fn item(&self, id: ItemId) -> &Item {
        &self.items[id as usize]
    }

    /// The index of the group an item belongs to.
    pub fn group_index(&self, item: ItemId) -> Option<usize> {
        self.item_group.get(item as usize).copied()
    }

    /// The first item whose marker starts at or after byte `pos` (items are in text order).
    pub fn item_at_or_after(&self, pos: usize) -> Option<ItemId> {
        let i = self.items.partition_point(|it| it.marker.start < pos);
        (i < self.items.len()).then_some(i as ItemId)
    }
}

// ---------------------------------------------------------------------------------------
// Markers (nom)
// ---------------------------------------------------------------------------------------

/// A parsed marker: kind, style, value, byte length of the marker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Marker {
    pub kind: Kind,
    pub style: Style,
    pub value: u64,
    pub len: usize,
}

/// The Chinese numeral character (`is_cn_numeral_char`: 〇零一二两三…九十百千万) whose three
/// bytes begin `b`, if any. All of them are three-byte characters of U+3000–U+9FFF (lead
/// byte E3–E9), so they are told by their bytes, without decoding the text.
#[inline]
fn cn_numeral_at(b: &[u8]) -> Option<char> {
    match *b {
        [x @ 0xE3..=0xE9, b1, b2, ..] => char::from_u32(crate::source::code_point3(x, b1, b2))
            .filter(|&c| numeral::is_cn_numeral_char(c)),
        _ => None,
    }
}

/// The byte length of the run of Chinese numeral characters that begins `b`, their count
/// and the first of them.
#[inline]
fn cn_run(b: &[u8]) -> (usize, usize, Option<char>) {
    let (mut k, mut count, mut first) = (0, 0, None);
    while let Some(c) = cn_numeral_at(&b[k..]) {
        first.get_or_insert(c);
        k += 3;
        count += 1;
    }
    (k, count, first)
}

fn cn_number(i: &str) -> IResult<&str, u64> {
    // `map_opt(verify(take_while1(is_cn_numeral_char), at most 4 chars, not 〇 or 零
    // first), parse_cn)`, written out: the numeral characters are all three bytes long
    // ([`cn_numeral_at`]), and the one-digit numeral that most markers have is read without
    // `parse_cn`.
    cn_number_of_run(i, cn_run(i.as_bytes()))
}

/// [`cn_number`] when the run of numeral characters that begins `i` ([`cn_run`]) has
/// already been measured.
#[inline]
fn cn_number_of_run(
    i: &str,
    (k, count, first): (usize, usize, Option<char>),
) -> IResult<&str, u64> {
    let fail = |kind| Err(nom::Err::Error(nom::error::Error::new(i, kind)));
    let Some(first) = first else {
        return fail(nom::error::ErrorKind::TakeWhile1);
    };
    if count > 4 || matches!(first, '〇' | '零') {
        return fail(nom::error::ErrorKind::Verify);
    }
    let value = if count == 1 {
        numeral::cn_digit(first).or_else(|| numeral::parse_cn(&i[..k]))
    } else {
        numeral::parse_cn(&i[..k])
    };
    match value {
        Some(v) => Ok((&i[k..], v)),
        None => fail(nom::error::ErrorKind::MapOpt),
    }
}

/// `一、` or `一是`: `alt((cn_comma, shi))` with the numeral read once. Both begin with the
/// same [`cn_number`], which takes the whole run of numeral characters: the character after
/// the run chooses the production (`、` or `是`), and without either neither matches (most
/// lines that begin with a numeral character are prose: 一定, 三年, 十分), which is told
/// before the numeral's value is worked out.
fn cn_marker(i: &str) -> IResult<&str, (Kind, Style, u64)> {
    let run = cn_run(i.as_bytes());
    let (kind, style) = match i.as_bytes().get(run.0..run.0 + 3) {
        Some([0xE3, 0x80, 0x81]) => (Kind::CnComma, Style::Dun),
        Some([0xE6, 0x98, 0xAF]) => (Kind::Shi, Style::Plain),
        _ => {
            return Err(nom::Err::Error(nom::error::Error::new(
                i,
                nom::error::ErrorKind::Alt,
            )))
        }
    };
    let (r, v) = cn_number_of_run(i, run)?;
    if kind == Kind::Shi && !(1..=30).contains(&v) {
        return Err(nom::Err::Error(nom::error::Error::new(
            r,
            nom::error::ErrorKind::Verify,
        )));
    }
    // `r` begins with the three bytes of 、 or 是.
    Ok((&r[3..], (kind, style, v)))
}

fn arabic_number(i: &str) -> IResult<&str, u64> {
    // `map_opt(take_while_m_n(1, 3, arabic_digit), parse_arabic)`, written out on bytes: an
    // ASCII digit is one byte, a full-width one (０–９, EF BC 90–99) three.
    let b = i.as_bytes();
    let (mut k, mut n, mut v) = (0, 0, 0u64);
    while n < 3 {
        let d = match *b.get(k..).unwrap_or_default() {
            [x @ b'0'..=b'9', ..] => {
                k += 1;
                x - b'0'
            }
            [0xEF, 0xBC, x @ 0x90..=0x99, ..] => {
                k += 3;
                x - 0x90
            }
            _ => break,
        };
        v = v * 10 + d as u64;
        n += 1;
    }
    if n == 0 {
        return Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::TakeWhileMN,
        )));
    }
    Ok((&i[k..], v))
}

fn open_paren(i: &str) -> IResult<&str, char> {
    satisfy(|c| matches!(c, '（' | '(')).parse(i)
}

fn close_paren(i: &str) -> IResult<&str, char> {
    satisfy(|c| matches!(c, '）' | ')')).parse(i)
}

fn paren_style(o: char, c: char) -> Style {
    match (o, c) {
        ('（', '）') => Style::FullParen,
        ('(', ')') => Style::HalfParen,
        _ => Style::MixedParen,
    }
}

/// `（一）` `(一)`
fn cn_paren(i: &str) -> IResult<&str, (Kind, Style, u64)> {
    let (r, (o, v, c)) = (open_paren, cn_number, close_paren).parse(i)?;
    Ok((r, (Kind::CnParen, paren_style(o, c), v)))
}

/// `1、` `1.` `1．` `1）` — a dot followed by a digit is a decimal, not a marker.
/// (`(arabic_number, alt((char('、'), char('．'), char('）'), terminated(char('.'),
/// not(peek(verify(anychar, char::is_ascii_digit)))))))`, with the separator read from its
/// bytes.)
fn arabic(i: &str) -> IResult<&str, (Kind, Style, u64)> {
    let (r, v) = arabic_number(i)?;
    let (style, len) = match r.as_bytes() {
        [0xE3, 0x80, 0x81, ..] => (Style::Dun, 3),
        [0xEF, 0xBC, 0x8E, ..] => (Style::FullDot, 3),
        [0xEF, 0xBC, 0x89, ..] => (Style::RightParen, 3),
        [b'.', rest @ ..] if !rest.first().is_some_and(u8::is_ascii_digit) => (Style::Dot, 1),
        _ => {
            return Err(nom::Err::Error(nom::error::Error::new(
                r,
                nom::error::ErrorKind::Char,
            )))
        }
    };
    Ok((&r[len..], (Kind::Arabic, style, v)))
}

/// `（1）` `(1)`
fn arabic_paren(i: &str) -> IResult<&str, (Kind, Style, u64)> {
    let (r, (o, v, c)) = (open_paren, arabic_number, close_paren).parse(i)?;
    Ok((r, (Kind::ArabicParen, paren_style(o, c), v)))
}

/// `①`
fn circled(i: &str) -> IResult<&str, (Kind, Style, u64)> {
    let (r, c) = nom::character::complete::satisfy(|c| numeral::circled(c).is_some()).parse(i)?;
    Ok((
        r,
        (
            Kind::Circled,
            Style::Plain,
            numeral::circled(c).unwrap_or(0),
        ),
    ))
}

/// `第一章` `第一节` `第一条`
fn chapter(i: &str) -> IResult<&str, (Kind, Style, u64)> {
    let (r, (_, v, k)) = (
        tag("第"),
        alt((cn_number, arabic_number)),
        satisfy(|c| matches!(c, '章' | '节' | '条')),
    )
        .parse(i)?;
    let kind = match k {
        '章' => Kind::Chapter,
        '节' => Kind::Section,
        _ => Kind::Article,
    };
    Ok((r, (kind, Style::Plain, v)))
}

/// `第一，`
fn di(i: &str) -> IResult<&str, (Kind, Style, u64)> {
    let (r, (_, v, _)) = (
        tag("第"),
        verify(cn_number, |v| (1..=30).contains(v)),
        satisfy(|c| matches!(c, '，' | ',')),
    )
        .parse(i)?;
    Ok((r, (Kind::Di, Style::Plain, v)))
}

fn to_marker(start: &str, r: &str, (kind, style, value): (Kind, Style, u64)) -> Marker {
    Marker {
        kind,
        style,
        value,
        len: start.len() - r.len(),
    }
}

/// The marker at the start of a paragraph, if any.
pub fn paragraph_marker(s: &str) -> Option<Marker> {
    // Each production begins with a character of its own (第, a bracket, a Chinese numeral,
    // a digit, a circled number): only those that can begin with `s`'s first character are
    // tried, in the order of the full `alt((chapter, di, cn_comma, cn_paren, arabic,
    // arabic_paren, circled, shi))` (`cn_comma` and `shi` are [`cn_marker`]). Most lines begin with none of them.
    let c = s.chars().next()?;
    let (r, m) = match c {
        '第' => alt((chapter, di)).parse(s),
        // The character after the bracket chooses: `cn_paren` fails unless it is a
        // numeral character, `arabic_paren` when it is one.
        '（' | '(' if cn_numeral_at(&s.as_bytes()[c.len_utf8()..]).is_some() => cn_paren(s),
        '（' | '(' => arabic_paren(s),
        _ if numeral::is_cn_numeral_char(c) => cn_marker(s),
        _ if numeral::arabic_digit(c).is_some() => arabic(s),
        _ if numeral::circled(c).is_some() => circled(s),
        _ => return None,
    }
    .ok()?;
    // `一、` or `1、` that is all there is, or a bare `1.5` — keep; a marker must be followed
    // by something that is not another digit (1、2级 is still a heading, 2021年 never matches).
    Some(to_marker(s, r, m))
}

/// The marker of an inline enumeration at `s`, if any.
fn inline_marker(s: &str, strong_boundary: bool) -> Option<Marker> {
    // As in `paragraph_marker`: only the production that can begin with the first
    // character is tried (shi, di, arabic_paren, circled begin with different ones).
    let c = s.chars().next()?;
    let r = match c {
        '第' => di(s),
        '（' | '(' if strong_boundary => arabic_paren(s),
        // `一、` is not an inline marker.
        _ if numeral::is_cn_numeral_char(c) => cn_marker(s).and_then(|(r, m)| match m.0 {
            Kind::Shi => Ok((r, m)),
            _ => Err(nom::Err::Error(nom::error::Error::new(
                s,
                nom::error::ErrorKind::Tag,
            ))),
        }),
        _ if numeral::circled(c).is_some() => circled(s),
        _ => return None,
    };
    let (r, m) = r.ok()?;
    Some(to_marker(s, r, m))
}

// ---------------------------------------------------------------------------------------
// Layout
// ---------------------------------------------------------------------------------------

fn is_trim(c: char) -> bool {
    c.is_whitespace() || c == '\u{feff}'
}

/// Whether the three bytes `x b1 b2`, where `x` begins a character, are a character that
/// [`is_trim`] keeps: one of U+3000–U+9FFF or U+F000–U+FFFF (lead byte E3–E9 or EF) other
/// than U+3000 and U+FEFF (Han and the CJK and full-width marks, none of which is white
/// space).
fn not_trim3(x: u8, b1: u8, b2: u8) -> bool {
    matches!(x, 0xE3..=0xE9 | 0xEF)
        && !matches!((x, b1, b2), (0xE3, 0x80, 0x80) | (0xEF, 0xBB, 0xBF))
}

/// `body.trim_matches(is_trim)` as (start, length). Without decoding in the usual case: a
/// line that begins and ends with a printable ASCII character or a three-byte character
/// of U+3000–U+9FFF or U+F000–U+FFFF other than U+3000 and U+FEFF (Han and the CJK and
/// full-width marks, none of which is white space).
fn trim_span(body: &str) -> (usize, usize) {
    let b = body.as_bytes();
    let start_ok = match *b {
        [x, ..] if x < 0x80 => x > b' ',
        [x, b1, b2, ..] => not_trim3(x, b1, b2),
        _ => false,
    };
    // A lead byte three from the end begins the last character.
    let end_ok = match *b {
        [.., x] if x < 0x80 => x > b' ',
        [.., x, b1, b2] => not_trim3(x, b1, b2),
        _ => false,
    };
    if start_ok && end_ok {
        return (0, b.len());
    }
    let lead = body.len() - body.trim_start_matches(is_trim).len();
    (lead, body.trim_matches(is_trim).len())
}

/// Marks looked for by their bytes ([`has_mark`]): ASCII bytes, characters `E3 80 x`
/// (the CJK marks 、。《》…) and `EF BC x` (the full-width forms ！，：；？…), each set a
/// bit mask of `x` (bit `b` for ASCII byte `b`, bit `x & 63` for a CJK or full-width mark).
pub(crate) struct Marks {
    pub ascii: u128,
    pub cjk: u64,
    pub full: u64,
}

impl Marks {
    /// The marks `chars`, each ASCII or of U+3000–U+303F or U+FF00–U+FF3F.
    pub(crate) const fn of(chars: &[char]) -> Marks {
        let mut m = Marks {
            ascii: 0,
            cjk: 0,
            full: 0,
        };
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i] as u32;
            match c {
                0..=0x7F => m.ascii |= 1 << c,
                0x3000..=0x303F => m.cjk |= 1 << (c & 63),
                0xFF00..=0xFF3F => m.full |= 1 << (c & 63),
                _ => panic!("a mark outside the three ranges"),
            }
            i += 1;
        }
        m
    }
}

/// `s.contains(chars)` for the marks `m` ([`Marks::of`]`(chars)`), on bytes, one step per
/// character (told by its lead byte): only an ASCII character or one that begins with E3
/// or EF is looked at. (`str::contains` with an array decodes each character and compares
/// it with each mark.)
#[inline]
pub(crate) fn has_mark(s: &str, m: &Marks) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let x = b[i];
        if x < 0x80 {
            if m.ascii >> x & 1 != 0 {
                return true;
            }
            i += 1;
            continue;
        }
        if x == 0xE3 || x == 0xEF {
            // A three-byte character (`s` is UTF-8).
            let (b1, b2) = (b[i + 1], b[i + 2]);
            let hit = if x == 0xE3 {
                b1 == 0x80 && m.cjk >> (b2 & 63) & 1 != 0
            } else {
                b1 == 0xBC && m.full >> (b2 & 63) & 1 != 0
            };
            if hit {
                return true;
            }
        }
        i += match x {
            0xF0.. => 4,
            0xE0.. => 3,
            _ => 2,
        };
    }
    false
}

fn has_sentence_punct(s: &str) -> bool {
    const M: Marks = Marks::of(&['。', '；', '！', '？', ';', '!', '?']);
    has_mark(s, &M)
}

fn char_len(s: &str) -> usize {
    s.chars().count()
}

/// `徐环党〔2024〕9号`, `许政[2009]34号`, `国办发【2012】5号`.
pub fn looks_like_doc_number(s: &str) -> bool {
    // (The cheapest test first: most lines do not end with 号.)
    if !s.ends_with('号') {
        return false;
    }
    let n = char_len(s);
    if !(4..=40).contains(&n) || has_sentence_punct(s) {
        return false;
    }
    let has_year = s.char_indices().any(|(i, c)| {
        matches!(c, '〔' | '[' | '【' | '(' | '（' | '„' | '［') && {
            let rest = &s[i + c.len_utf8()..];
            rest.chars().take(4).filter(|c| c.is_ascii_digit()).count() >= 2
        }
    });
    // (`s` ends with 号.)
    has_year || s.bytes().any(|b| b.is_ascii_digit()) && n <= 20
}

/// The 15 kinds of 公文 (and 令), longest first.
pub const WENZHONG: [&str; 17] = [
    "会议纪要",
    "决议",
    "决定",
    "命令",
    "公报",
    "公告",
    "通告",
    "意见",
    "通知",
    "通报",
    "报告",
    "请示",
    "批复",
    "议案",
    "纪要",
    "函",
    "令",
];

fn looks_like_title(s: &str) -> bool {
    let n = char_len(s);
    if !(4..=120).contains(&n) || s.ends_with(['。', '；', '，', '：', ':', ',', ';']) {
        return false;
    }
    if paragraph_marker(s).is_some() || s.contains('。') {
        return false;
    }
    s.contains("关于") || WENZHONG.iter().any(|w| s.ends_with(w)) || s.ends_with("方案")
}

fn looks_like_addressee(s: &str) -> bool {
    let n = char_len(s);
    (2..=100).contains(&n)
        && s.ends_with(['：', ':'])
        && !has_sentence_punct(s)
        && paragraph_marker(s).is_none()
        && !s.starts_with(['根', '为', '按', '现', '经', '近'])
}

fn looks_like_org_line(s: &str) -> bool {
    const M: Marks = Marks::of(&['。', '，', '；', '：', ',', ';', ':', '、', '！', '？']);
    // (At most 40 characters are at most 160 bytes: a longer line is not counted.)
    s.len() <= 160
        && (2..=40).contains(&char_len(s))
        && !has_mark(s, &M)
        && paragraph_marker(s).is_none()
        && !looks_like_date(s)
}

/// A line that is only a date: `2021年12月30日`, `二〇二一年十二月三十日`.
#[inline]
pub fn looks_like_date(s: &str) -> bool {
    // Most lines do not end with 日: they are told without a call and without decoding. A
    // text whose last character is neither 日 nor one that trimming removes (a printable
    // ASCII character, or a three-byte one `not_trim3` keeps; a lead byte three from the
    // end begins the last character) does not end with 日 once trimmed.
    may_end_with_ri(s.as_bytes()) && looks_like_date_slow(s)
}

/// False when the text `b` cannot end with 日 once trimmed: its last character is neither
/// 日 nor one that trimming removes.
#[inline]
fn may_end_with_ri(b: &[u8]) -> bool {
    const RI: [u8; 3] = [0xE6, 0x97, 0xA5];
    match *b {
        [.., x] if x > b' ' && x < 0x80 => false,
        [.., x, b1, b2] if not_trim3(x, b1, b2) && [x, b1, b2] != RI => false,
        _ => true,
    }
}

/// [`looks_like_date`] in full.
fn looks_like_date_slow(s: &str) -> bool {
    // A year of at most 4, a month and a day of at most 3 characters of at most 3 bytes
    // each, and 年月日: at most 39 bytes, ending with 日. Most lines are neither.
    // (Trimming leaves a text that ends with 日, or begins with a character that
    // `trim_span` tells is kept, as it is.)
    let s = if s.ends_with('日') {
        s
    } else {
        s.trim_end_matches(is_trim)
    };
    if !s.ends_with('日') {
        return false;
    }
    let s = match *s.as_bytes() {
        [x, ..] if x > b' ' && x < 0x80 => s,
        [x, b1, b2, ..] if not_trim3(x, b1, b2) => s,
        _ => s.trim_start_matches(is_trim),
    };
    if s.len() > 39 {
        return false;
    }
    let Some((y, rest)) = s.split_once('年') else {
        return false;
    };
    let Some((m, rest)) = rest.split_once('月') else {
        return false;
    };
    let Some(d) = rest.strip_suffix('日') else {
        return false;
    };
    let ok_year = (char_len(y) == 4 || char_len(y) == 2)
        && y.chars().all(|c| {
            c.is_ascii_digit()
                || numeral::arabic_digit(c).is_some()
                || numeral::cn_digit(c).is_some()
                || matches!(c, '○' | 'O' | 'o' | 'Ｏ')
        });
    let okn = |t: &str| {
        !t.is_empty()
            && char_len(t) <= 3
            && t.chars()
                .all(|c| numeral::arabic_digit(c).is_some() || numeral::is_cn_numeral_char(c))
    };
    ok_year && okn(m) && okn(d)
}

fn is_trailer_start(s: &str) -> bool {
    const STARTS: [&str; 12] = [
        "附件",
        "抄送",
        "联系",
        "（此件",
        "(此件",
        "此件",
        "印发",
        "主题词",
        "地址",
        "邮编",
        "电话",
        "附：",
    ];
    STARTS.iter().any(|p| s.starts_with(p))
}

/// Strip a Markdown heading or list prefix (`## `, `- `, `> `) from a line.
fn markdown_prefix_len(s: &str) -> usize {
    let b = s.as_bytes();
    // Most lines begin with none of the prefix characters.
    if !matches!(b.first(), Some(b'#' | b'-' | b'*' | b'>' | b'+')) {
        return 0;
    }
    let mut i = 0;
    while i < b.len() && b[i] == b'#' {
        i += 1;
    }
    if i > 0 && i < b.len() && b[i] == b' ' {
        return i + 1;
    }
    if b.len() > 2 && matches!(b[0], b'-' | b'*' | b'>' | b'+') && b[1] == b' ' {
        return 2;
    }
    0
}

/// Parse a notice. Never fails.
pub fn parse(text: &str) -> Notice {
    // Line numbers, paragraph and item indices are held in 32 bits: a text is parsed up to
    // its first 4 GiB (beyond the CLI's file size limit; the rest is no paragraph).
    let text = &text[..crate::source::floor_char_boundary(text, u32::MAX as usize)];
    let mut n = Notice::default();
    // Paragraphs: one per non-blank line (at most one per line: room for all of them,
    // given back by `shrink` below).
    let tb = text.as_bytes();
    n.paragraphs.reserve(crate::source::count_newlines(tb) + 1);
    let mut line_no = 0usize;
    // The line `start..end`, without its `\n`: a paragraph unless blank.
    let mut line = |start: usize, end: usize| {
        // Without the `\r`s before its `\n` (ASCII bytes: never inside a character).
        let mut end = end;
        while end > start && tb[end - 1] == b'\r' {
            end -= 1;
        }
        let this_line = line_no;
        line_no += 1;
        // (An empty line, every other line of a notice, is told without a look at it.)
        if end == start {
            return;
        }
        let (lead, len) = trim_span(&text[start..end]);
        if len > 0 {
            let s = start + lead;
            n.paragraphs.push(Paragraph {
                span: s..s + len,
                line: this_line as u32,
                role: Role::Body,
                part: 0,
                heading: None,
                owner: None,
            });
        }
    };
    // The lines as `split_inclusive('\n')` gives them: one ending at each `\n`, and the
    // rest after the last one unless it is empty.
    let mut start = 0;
    crate::source::for_each_newline(tb, |nl| {
        line(start, nl);
        start = nl + 1;
    });
    if start < tb.len() {
        line(start, tb.len());
    }
    let np = n.paragraphs.len();
    /// A paragraph's text without its Markdown prefix (a function, not a closure, so that
    /// it is inlined into the loops below that call it for every paragraph).
    #[inline(always)]
    fn ptext<'t>(n: &Notice, text: &'t str, i: usize) -> &'t str {
        let s = &text[n.paragraphs[i].span.clone()];
        &s[markdown_prefix_len(s)..]
    }

    // Title block.
    let mut i = 0;
    while i < np && i < 8 {
        let s = ptext(&n, text, i);
        if n.doc_number.is_none() && looks_like_doc_number(s) {
            n.paragraphs[i].role = Role::DocNumber;
            n.doc_number = Some(i);
        } else if n.title.is_none() && looks_like_title(s) {
            n.paragraphs[i].role = Role::Title;
            n.title = Some(i);
        } else if n.title.is_some() && n.addressee.is_none() && looks_like_addressee(s) {
            n.paragraphs[i].role = Role::Addressee;
            n.addressee = Some(i);
            i += 1;
            break;
        } else if n.title.is_none()
            && n.doc_number.is_none()
            && looks_like_org_line(s)
            && i + 1 < np
        {
            n.paragraphs[i].role = Role::Header;
        } else {
            break;
        }
        i += 1;
    }
    if n.title.is_none() && n.doc_number.is_none() {
        // Headers without a title are body text after all.
        for p in &mut n.paragraphs[..i] {
            p.role = Role::Body;
        }
        i = 0;
    }
    let body_start = i;

    // Signature block: the first date line preceded by an issuer line.
    let mut sig_date = None;
    // The paragraph found to be an issuer line below (not asked again).
    let mut org_line = None;
    for j in body_start..np {
        // Told by the paragraph's last character first: its Markdown prefix, which `ptext`
        // takes off, is always followed by some of its text, so the two end alike.
        if may_end_with_ri(&tb[n.paragraphs[j].span.clone()])
            && looks_like_date_slow(ptext(&n, text, j))
            && j > body_start
            && looks_like_org_line(ptext(&n, text, j - 1))
        {
            sig_date = Some(j);
            org_line = Some(j - 1);
            break;
        }
    }
    if sig_date.is_none() && np > body_start {
        // A date alone among the last three paragraphs.
        for j in (body_start.max(np.saturating_sub(3))..np).rev() {
            if looks_like_date(ptext(&n, text, j)) {
                sig_date = Some(j);
                break;
            }
        }
    }
    let mut body_end = np;
    if let Some(d) = sig_date {
        n.paragraphs[d].role = Role::Date;
        n.date = Some(d);
        let mut k = d;
        while k > body_start
            && d - k < 3
            && (org_line == Some(k - 1) || looks_like_org_line(ptext(&n, text, k - 1)))
        {
            k -= 1;
            n.paragraphs[k].role = Role::Signature;
            n.signature.insert(0, k);
        }
        body_end = k;
        // After the signature: trailer lines, then possibly another document.
        let mut part = 0;
        let mut in_attachment_list = false;
        for j in d + 1..np {
            let s = ptext(&n, text, j);
            if part == 0 && (is_trailer_start(s) || (in_attachment_list && !s.contains('。'))) {
                n.paragraphs[j].role = Role::Trailer;
                in_attachment_list = s.starts_with("附件");
                continue;
            }
            if part == 0 {
                part = 1;
                if looks_like_org_line(s) || looks_like_title(s) {
                    n.paragraphs[j].role = Role::PartTitle;
                    n.paragraphs[j].part = part;
                    continue;
                }
            }
            n.paragraphs[j].part = part;
            n.paragraphs[j].role = Role::Body;
        }
    }
    // 附件说明 before the signature: 附件：1.… and the lines that continue its list.
    let mut in_att = false;
    for j in body_start..body_end {
        let s = ptext(&n, text, j);
        if s.starts_with("附件：") || s.starts_with("附件:") || s == "附件" {
            n.paragraphs[j].role = Role::Trailer;
            in_att = true;
        } else if in_att && !s.contains('。') && char_len(s) <= 60 && paragraph_marker(s).is_some()
        {
            n.paragraphs[j].role = Role::Trailer;
        } else {
            in_att = false;
        }
    }

    build_outline(&mut n, text);
    // Grown by doubling: a huge notice would keep up to twice the room while it is checked.
    shrink(&mut n.paragraphs);
    shrink(&mut n.items);
    shrink(&mut n.item_group);
    shrink(&mut n.groups);
    n
}

/// `v.shrink_to_fit()` when that gives back more than 64 places: the shrink is for huge
/// notices, and a small notice's few spare places are not worth a reallocation each.
fn shrink<T>(v: &mut Vec<T>) {
    if v.capacity() - v.len() > 64 {
        v.shrink_to_fit();
    }
}

/// Headings, inline items, parents and sibling groups.
fn build_outline(n: &mut Notice, text: &str) {
    let mut stack: Vec<ItemId> = Vec::new();
    let mut cur_part = 0;
    // Open groups, keyed by (part, parent, kind, inline) → index in n.groups.
    let mut open = OpenGroups::default();
    let mut prev_body_ends_colon = false;
    // About one item for every other paragraph in a long notice: room for them at once
    // instead of growth by doubling (`parse` gives the spare room back).
    n.items.reserve(n.paragraphs.len() / 2);
    n.item_group.reserve(n.paragraphs.len() / 2);
    // And a group for about every fourth paragraph (6.4 groups for a notice of 29 body
    // paragraphs on /tmp/r300).
    n.groups.reserve(n.paragraphs.len() / 4);
    open.last.reserve(n.paragraphs.len() / 4);
    // Only a paragraph text that may hold an inline marker has its clause marks walked
    // ([`may_hold_inline`]; dropping this test and walking every paragraph cost more: parse
    // 26.3 M → 28.5 M instructions on /tmp/r300).

    for pi in 0..n.paragraphs.len() {
        let p = n.paragraphs[pi].clone();
        if p.role != Role::Body {
            if p.part != cur_part {
                stack.clear();
                cur_part = p.part;
            }
            continue;
        }
        if p.part != cur_part {
            stack.clear();
            cur_part = p.part;
        }
        let full = &text[p.span.clone()];
        let md = markdown_prefix_len(full);
        let s = &full[md..];
        let base = p.span.start + md;
        let mut text_from = 0; // where the paragraph's own text starts (after its marker)

        if let Some(m) = paragraph_marker(s) {
            let id = n.items.len() as ItemId;
            if m.kind.is_enumeration() {
                // 一是 / 第一， at the start of a paragraph: an enumeration item, not a heading.
                let parent = stack.last().copied();
                push_item(
                    n,
                    &mut open,
                    m,
                    base,
                    pi,
                    false,
                    parent,
                    p.part,
                    stack.len() as u32,
                    prev_body_ends_colon,
                );
                n.paragraphs[pi].owner = parent;
            } else {
                // Pop to the level of this kind, if open; else nest under the current top.
                if let Some(pos) = stack.iter().position(|&h| n.item(h).kind == m.kind) {
                    stack.truncate(pos);
                } else if m.kind == Kind::Chapter {
                    stack.clear();
                }
                let parent = if m.kind == Kind::Article {
                    // 第N条 are numbered through the whole document, across chapters.
                    None
                } else {
                    stack.last().copied()
                };
                push_item(
                    n,
                    &mut open,
                    m,
                    base,
                    pi,
                    false,
                    parent,
                    p.part,
                    stack.len() as u32,
                    prev_body_ends_colon,
                );
                stack.push(id);
                n.paragraphs[pi].heading = Some(id);
                n.paragraphs[pi].owner = Some(id);
            }
            text_from = m.len;
        } else {
            n.paragraphs[pi].owner = stack.last().copied();
        }

        // Inline enumerations in the paragraph's text.
        let heading = n.paragraphs[pi].heading;
        let owner = n.paragraphs[pi].owner;
        let rest = &s[text_from..];
        let rb = rest.as_bytes();
        // An inline marker is looked for right after a clause mark (and at the start of the
        // text after a heading's marker), outside 《》 and “”. All of these marks are ASCII
        // (: ; ,) or begin with the byte E2, E3 or EF (never a continuation byte): the text
        // between them is stepped over by two byte searches, without being decoded.
        let find_wide = |from: usize| find_e2_e3_ef(rb, from);
        let find_ascii = |from: usize| {
            memchr::memchr3(b':', b';', b',', &rb[from..]).map_or(rb.len(), |k| from + k)
        };
        let hold = may_hold_inline(rb);
        let (mut wide, mut ascii) = if hold {
            (find_wide(0), find_ascii(0))
        } else {
            (rb.len(), rb.len())
        };
        let mut depth_quote = 0i32;
        // The next place to try: (offset in `rest`, after a strong boundary, after a colon).
        let mut next: Option<(usize, bool, bool)> =
            (hold && text_from > 0 && !rb.is_empty()).then_some((0, true, false));
        loop {
            // (A quote at the place itself would change the depth first in a walk char by
            // char, but no marker begins with a quote.)
            if let Some((off, strong, colon)) = next.take() {
                if depth_quote <= 0 {
                    if let Some(m) = inline_marker(&rest[off..], strong) {
                        // Same kind as the paragraph's heading: a sibling of it, not a child.
                        let parent = match heading {
                            Some(h) if n.item(h).kind == m.kind => n.item(h).parent,
                            _ => owner,
                        };
                        let depth = parent.map_or(0, |p| n.item(p).depth + 1);
                        push_item(
                            n,
                            &mut open,
                            m,
                            base + text_from + off,
                            pi,
                            true,
                            parent,
                            p.part,
                            depth,
                            colon,
                        );
                    }
                }
            }
            let at = wide.min(ascii);
            if at >= rb.len() {
                break;
            }
            let (c, len) = if at == wide {
                wide = find_wide(at + 3);
                // The marks that matter, by their UTF-8 bytes (no decoding).
                const fn utf8(c: char) -> [u8; 3] {
                    let mut b = [0; 3];
                    c.encode_utf8(&mut b);
                    b
                }
                const OPEN_BOOK: [u8; 3] = utf8('《');
                const CLOSE_BOOK: [u8; 3] = utf8('》');
                const OPEN_QUOTE: [u8; 3] = utf8('“');
                const CLOSE_QUOTE: [u8; 3] = utf8('”');
                const COLON: [u8; 3] = utf8('：');
                const SEMICOLON: [u8; 3] = utf8('；');
                const FULL_STOP: [u8; 3] = utf8('。');
                const COMMA: [u8; 3] = utf8('，');
                let c = match [rb[at], rb[at + 1], rb[at + 2]] {
                    OPEN_BOOK => '《',
                    CLOSE_BOOK => '》',
                    OPEN_QUOTE => '“',
                    CLOSE_QUOTE => '”',
                    COLON => '：',
                    SEMICOLON => '；',
                    FULL_STOP => '。',
                    COMMA => '，',
                    _ => '\u{FFFD}',
                };
                (c, 3)
            } else {
                ascii = find_ascii(at + 1);
                (rb[at] as char, 1)
            };
            match c {
                '《' | '“' => depth_quote += 1,
                '》' | '”' => depth_quote -= 1,
                _ => {}
            }
            let strong = matches!(c, '：' | '；' | '。' | ':' | ';');
            if (strong || matches!(c, '，' | ',')) && at + len < rb.len() {
                next = Some((at + len, strong, matches!(c, '：' | ':')));
            }
        }
        // (`s` ends where its paragraph's span does, which is trimmed of white space.)
        prev_body_ends_colon = s.ends_with(['：', ':']);
    }
    open.fill(n);
}

/// Whether the paragraph text `b` may hold an inline marker. Every inline marker holds 是
/// (一是), 第 (第一，), a bracket ((1)) or a circled number (① … ⑳): their bytes end with
/// the pairs 98 AF (是 E6 98 AF), AC AC (第 E7 AC AC), BC 88 (（ EF BC 88), begin with E2 91
/// (① … ⑳ E2 91 A0–B3) or are `(`. A text without any of these has no inline item. (Another
/// character may end with such a pair too: its paragraph is then walked for nothing.)
/// The pairs are looked for 32 at a time without a branch per byte, which the compiler
/// turns into vector code: one pass instead of a search per character.
fn may_hold_inline(b: &[u8]) -> bool {
    const CHUNK: usize = 32;
    #[inline(always)]
    fn hit(x: u8, y: u8) -> u8 {
        ((x == 0x98) & (y == 0xAF)
            | (x == 0xAC) & (y == 0xAC)
            | (x == 0xBC) & (y == 0x88)
            | (x == 0xE2) & (y == 0x91)
            | (x == b'(')) as u8
    }
    let mut i = 0;
    // Each pair (b[k], b[k + 1]) with k in i..i + CHUNK (so b[i + CHUNK] exists).
    while i + CHUNK < b.len() {
        let (Ok(x), Ok(y)) = (
            <&[u8; CHUNK]>::try_from(&b[i..i + CHUNK]),
            <&[u8; CHUNK]>::try_from(&b[i + 1..i + 1 + CHUNK]),
        ) else {
            break;
        };
        let mut any = 0u8;
        for k in 0..CHUNK {
            any |= hit(x[k], y[k]);
        }
        if any != 0 {
            return true;
        }
        i += CHUNK;
    }
    // The rest (at most CHUNK bytes), padded with zeros: a zero byte makes no pair, and
    // `(` is a hit whatever follows it.
    let mut x = [0u8; CHUNK + 1];
    let rest = &b[i.min(b.len())..];
    x[..rest.len().min(CHUNK)].copy_from_slice(&rest[..rest.len().min(CHUNK)]);
    let mut any = 0u8;
    for k in 0..CHUNK {
        any |= hit(x[k], x[k + 1]);
    }
    any != 0
}

/// Open groups, keyed by (part, parent, kind, inline) → index in `Notice::groups`.
type OpenMap = std::collections::HashMap<
    (u32, Option<ItemId>, Kind, bool),
    usize,
    std::hash::BuildHasherDefault<KeyHasher>,
>;

/// The groups while the outline is built: the open ones, and each group's last item. A
/// group's `items` are filled in at the end ([`OpenGroups::fill`]), each at its exact size
/// (pushed to as they came, most groups would be reallocated as they grow: 1,118 times
/// for 1,928 groups on /tmp/r300).
#[derive(Default)]
struct OpenGroups {
    map: OpenMap,
    /// For each group, its last item so far.
    last: Vec<ItemId>,
}

impl OpenGroups {
    /// Adds item `id` (the last item of `n.items`) to group `g`.
    fn add(&mut self, n: &mut Notice, g: usize, id: ItemId) {
        self.last[g] = id;
        n.item_group.push(g);
    }

    /// Gives each group of `n` its items, from `n.item_group`.
    fn fill(&self, n: &mut Notice) {
        let mut sizes = vec![0u32; n.groups.len()];
        for &g in &n.item_group {
            sizes[g] += 1;
        }
        for (g, size) in n.groups.iter_mut().zip(sizes) {
            g.items = Vec::with_capacity(size as usize);
        }
        for (id, &g) in n.item_group.iter().enumerate() {
            n.groups[g].items.push(id as ItemId);
        }
    }
}

/// A cheap hasher for small integer keys: those of [`OpenMap`] (the default SipHash
/// costs more than the rest of `push_item`; only lookups depend on it: where the map is
/// iterated, the result, a maximum, does not depend on the order) and the fixed strings'
/// addresses in [`crate::findings::Findings`].
#[derive(Default)]
pub(crate) struct KeyHasher(u64);

impl KeyHasher {
    #[inline]
    fn add(&mut self, x: u64) {
        self.0 = (self.0.rotate_left(5) ^ x).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl std::hash::Hasher for KeyHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.add(b as u64);
        }
    }
    fn write_u8(&mut self, x: u8) {
        self.add(x as u64);
    }
    fn write_u32(&mut self, x: u32) {
        self.add(x as u64);
    }
    fn write_u64(&mut self, x: u64) {
        self.add(x);
    }
    fn write_usize(&mut self, x: usize) {
        self.add(x as u64);
    }
    fn write_isize(&mut self, x: isize) {
        self.add(x as u64);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

/// The first byte E2, E3 or EF at or after `from` (`b.len()` if none), eight bytes at a
/// time. These lead bytes are about every tenth character in Chinese prose, too often
/// for `memchr3` (whose set-up costs more than the search).
fn find_e2_e3_ef(b: &[u8], from: usize) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut i = from;
    while let Some(chunk) = b.get(i..i + 8) {
        let w = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
        // A zero byte where the byte is E2 or E3, and where it is EF.
        let a = (w ^ (0xE2 * ONES)) & (0xFE * ONES);
        let e = w ^ (0xEF * ONES);
        // The lowest flagged byte is exactly the first zero byte (flags above it may be
        // false, from the borrow).
        let z = (a.wrapping_sub(ONES) & !a | e.wrapping_sub(ONES) & !e) & HIGH;
        if z != 0 {
            return i + (z.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < b.len() && !matches!(b[i], 0xE2 | 0xE3 | 0xEF) {
        i += 1;
    }
    i.min(b.len())
}

#[allow(clippy::too_many_arguments)]
fn push_item(
    n: &mut Notice,
    open: &mut OpenGroups,
    m: Marker,
    start: usize,
    paragraph: usize,
    inline: bool,
    parent: Option<ItemId>,
    part: u32,
    depth: u32,
    after_colon: bool,
) {
    let id = n.items.len() as ItemId;
    n.items.push(Item {
        kind: m.kind,
        style: m.style,
        value: m.value,
        marker: start..start + m.len,
        paragraph: paragraph as u32,
        inline,
        parent,
        part,
        depth,
    });
    // A list starts afresh at 1 after a line or clause that introduces it (ends with a
    // colon). Enumerations (一是) and inline lists also start afresh at 1 when the open list
    // is not in this paragraph or the one before: 一是…二是… under each point is normal,
    // 一是…二是…一是… in one paragraph is a restart.
    let key_inline = inline && !m.kind.is_enumeration();
    let key = (part, parent, m.kind, key_inline);
    let far = |g: usize| {
        let lp = n.item(open.last[g]).paragraph as usize;
        lp != paragraph && !(lp + 1..paragraph).all(|q| n.paragraphs[q].role != Role::Body)
    };
    let loose = m.kind.is_enumeration() || inline;
    // The open group of this key, looked up once (nothing below changes `open` before the
    // last use of it).
    let current = open.map.get(&key).copied();
    let fresh = m.value == 1 && (after_colon || (loose && current.is_none_or(far)));
    // Items directly under chapters (第一章 一、二、 第二章 三、…) are often numbered
    // through the whole document: a first item that continues the previous chapter's list
    // joins it.
    let under_chapter =
        parent.is_some_and(|p| matches!(n.item(p).kind, Kind::Chapter | Kind::Section));
    if under_chapter && current.is_none() && !key_inline {
        let cont = open
            .map
            .iter()
            .filter(|((pt, par, k, inl), _)| {
                *pt == part
                    && *k == m.kind
                    && !*inl
                    && *par != parent
                    && par.is_some_and(|p| matches!(n.item(p).kind, Kind::Chapter | Kind::Section))
            })
            .map(|(_, &g)| g)
            .max();
        if let Some(g) = cont {
            if n.item(open.last[g]).value + 1 == m.value {
                open.add(n, g, id);
                open.map.insert(key, g);
                return;
            }
        }
    }
    match current {
        Some(g) if !fresh => open.add(n, g, id),
        _ => {
            let g = n.groups.len();
            open.map.insert(key, g);
            n.groups.push(Group {
                kind: m.kind,
                parent,
                part,
                items: Vec::new(),
            });
            open.last.push(id);
            open.add(n, g, id);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(s: &str) -> Option<(Kind, Style, u64, usize)> {
        paragraph_marker(s).map(|m| (m.kind, m.style, m.value, m.len))
    }

    #[test]
    fn markers() {
        assert_eq!(
            kinds("一、总体要求"),
            Some((Kind::CnComma, Style::Dun, 1, 6))
        );
        assert_eq!(
            kinds("（十二）工作"),
            Some((Kind::CnParen, Style::FullParen, 12, 12))
        );
        assert_eq!(
            kinds("(一)提高"),
            Some((Kind::CnParen, Style::HalfParen, 1, 5))
        );
        assert_eq!(kinds("12、关于"), Some((Kind::Arabic, Style::Dun, 12, 5)));
        assert_eq!(kinds("1.关于"), Some((Kind::Arabic, Style::Dot, 1, 2)));
        assert_eq!(kinds("1．关于"), Some((Kind::Arabic, Style::FullDot, 1, 4)));
        assert_eq!(kinds("1.5万吨"), None);
        assert_eq!(kinds("2021年"), None);
        assert_eq!(
            kinds("（3）入户"),
            Some((Kind::ArabicParen, Style::FullParen, 3, 7))
        );
        assert_eq!(kinds("②其他"), Some((Kind::Circled, Style::Plain, 2, 3)));
        assert_eq!(
            kinds("第十二条 本办法"),
            Some((Kind::Article, Style::Plain, 12, 12))
        );
        assert_eq!(
            kinds("第二章 总则"),
            Some((Kind::Chapter, Style::Plain, 2, 9))
        );
        assert_eq!(kinds("三是加强"), Some((Kind::Shi, Style::Plain, 3, 6)));
        assert_eq!(kinds("第二，要"), Some((Kind::Di, Style::Plain, 2, 9)));
        assert_eq!(kinds("第一责任人"), None);
        assert_eq!(kinds("（此件公开发布）"), None);
        assert_eq!(kinds("一岗双责"), None);
    }

    #[test]
    fn siblings_restart_under_each_parent() {
        let t = "关于某事的通知\n\n一、甲\n\n（一）子\n\n（二）子\n\n二、乙\n\n（一）子\n\n1.孙\n\n2.孙\n\n某局\n2024年1月2日\n";
        let n = parse(t);
        assert_eq!(n.title, Some(0));
        assert_eq!(n.date, Some(n.paragraphs.len() - 1));
        let sizes: Vec<(Kind, usize)> = n.groups.iter().map(|g| (g.kind, g.items.len())).collect();
        assert_eq!(
            sizes,
            vec![
                (Kind::CnComma, 2),
                (Kind::CnParen, 2),
                (Kind::CnParen, 1),
                (Kind::Arabic, 2)
            ]
        );
    }

    #[test]
    fn inline_enumerations() {
        let t = "（一）总体。整改情况：一是甲；二是乙；三是丙。\n";
        let n = parse(t);
        let vals: Vec<(Kind, u64, bool)> = n
            .items
            .iter()
            .map(|i| (i.kind, i.value, i.inline))
            .collect();
        assert_eq!(
            vals,
            vec![
                (Kind::CnParen, 1, false),
                (Kind::Shi, 1, true),
                (Kind::Shi, 2, true),
                (Kind::Shi, 3, true)
            ]
        );
        assert_eq!(n.item(1).parent, Some(0));
    }

    #[test]
    fn byte_searches_agree_with_plain_loops() {
        let t = "关于“一是”《办法》，甲；乙：丙。\u{3000}x\u{2003}y\u{FEFF}z 𠮷é 一二三四五六七八九十，！、:?？,（）";
        let b = t.as_bytes();
        for from in 0..=b.len() {
            let naive = (from..b.len())
                .find(|&i| matches!(b[i], 0xE2 | 0xE3 | 0xEF))
                .unwrap_or(b.len());
            assert_eq!(find_e2_e3_ef(b, from), naive, "{from}");
        }
        for (i, _) in t.char_indices() {
            for (j, _) in t[i..].char_indices() {
                let body = &t[i..i + j];
                const CHARS: [char; 10] = ['。', '，', '；', '：', ',', ';', ':', '、', '！', '？'];
                const M: Marks = Marks::of(&CHARS);
                assert_eq!(has_mark(body, &M), body.contains(CHARS), "{body:?}");
                let lead = body.len() - body.trim_start_matches(is_trim).len();
                assert_eq!(
                    trim_span(body),
                    (lead, body.trim_matches(is_trim).len()),
                    "{body:?}"
                );
            }
        }
    }

    #[test]
    fn dates() {
        assert!(looks_like_date("2021年12月30日"));
        assert!(looks_like_date("二〇二一年十二月三十日"));
        assert!(!looks_like_date("2021年12月30日召开"));
    }
}
