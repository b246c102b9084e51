//! Quantities in running text: a number, an optional 万/亿, and a measure word or `%`.
//!
//! `共计19个问题` → 19 个; `1.8亿元` → 180000000 元; `两个方面` → 2 个; `85.04%` → percent.
//! Years, ordinals (第三), codes and Latin words are not quantities.

use std::ops::Range;

use crate::numeral;

/// One quantity.
#[derive(Debug, Clone, PartialEq)]
pub struct Quantity {
    /// Number and unit together (`19个`).
    pub span: Range<usize>,
    /// The number alone (`19`).
    pub num: Range<usize>,
    /// The value, with 万/亿 applied.
    pub value: f64,
    /// Digits after the decimal point as written (for percentages' precision).
    pub decimals: usize,
    /// The measure word (`个`, `处`, `元`), or `%`.
    pub unit: &'static str,
    /// 约、近、超过 before or 多、余、以上、左右 after: not an exact count.
    pub approx: bool,
}

impl Quantity {
    pub fn is_percent(&self) -> bool {
        self.unit == "%"
    }
}

/// Measure words, longest first.
pub const UNITS: &[&str] = &[
    "个百分点",
    "批次",
    "家次",
    "人次",
    "户次",
    "车次",
    "公里",
    "平方米",
    "立方米",
    "方面",
    "万元",
    "亿元",
    "%",
    "％",
    "个",
    "项",
    "条",
    "件",
    "家",
    "处",
    "人",
    "名",
    "所",
    "宗",
    "起",
    "次",
    "篇",
    "份",
    "座",
    "户",
    "部",
    "辆",
    "块",
    "台",
    "套",
    "批",
    "期",
    "轮",
    "类",
    "组",
    "支",
    "位",
    "元",
    "吨",
    "米",
    "场",
    "村",
    "本",
    "张",
    "棵",
    "间",
    "栋",
    "幢",
    "片",
    "例",
    "点",
    "单",
    "封",
    "趟",
    "座",
    "所",
];

const APPROX_BEFORE: &[&str] = &["约", "近", "超过", "逾", "不少于", "不低于", "不超过", "达"];
const APPROX_AFTER: &[&str] = &["多", "余", "以上", "左右", "以下", "以内"];
/// The first characters of [`APPROX_AFTER`] and the last ones of [`APPROX_BEFORE`], as
/// their UTF-8 bytes (all are three bytes long; a test checks them): compared as bytes.
const APPROX_AFTER_FIRST: [[u8; 3]; 4] = [utf8_3('多'), utf8_3('余'), utf8_3('以'), utf8_3('左')];
const APPROX_BEFORE_LAST: [[u8; 3]; 6] = [
    utf8_3('约'),
    utf8_3('近'),
    utf8_3('过'),
    utf8_3('逾'),
    utf8_3('于'),
    utf8_3('达'),
];

/// The UTF-8 bytes of `c`, a character of three bytes (U+0800 to U+FFFF).
const fn utf8_3(c: char) -> [u8; 3] {
    let c = c as u32;
    assert!(c >= 0x800 && c <= 0xFFFF, "a three-byte character");
    [
        0xE0 | (c >> 12) as u8,
        0x80 | ((c >> 6) & 0x3F) as u8,
        0x80 | (c & 0x3F) as u8,
    ]
}

/// The measure word of [`UNITS`] that starts `s`: the first in the list's order (a longer
/// one before its first character alone), as a walk down the list finds it (a test checks
/// it), by a match on the first character.
fn unit_at(s: &str) -> Option<&'static str> {
    let b = s.as_bytes();
    // `w` (two characters or more) if it starts `s`, else `one`.
    let longer = |w: &'static str, one: Option<&'static str>| {
        if b.starts_with(w.as_bytes()) {
            Some(w)
        } else {
            one
        }
    };
    Some(match char_at(s, 0)? {
        '个' => return longer("个百分点", Some("个")),
        '批' => return longer("批次", Some("批")),
        '家' => return longer("家次", Some("家")),
        '人' => return longer("人次", Some("人")),
        '户' => return longer("户次", Some("户")),
        '车' => return longer("车次", None),
        '公' => return longer("公里", None),
        '平' => return longer("平方米", None),
        '立' => return longer("立方米", None),
        '方' => return longer("方面", None),
        '万' => return longer("万元", None),
        '亿' => return longer("亿元", None),
        '项' => "项",
        '条' => "条",
        '件' => "件",
        '处' => "处",
        '名' => "名",
        '所' => "所",
        '宗' => "宗",
        '起' => "起",
        '次' => "次",
        '篇' => "篇",
        '份' => "份",
        '座' => "座",
        '部' => "部",
        '辆' => "辆",
        '块' => "块",
        '台' => "台",
        '套' => "套",
        '期' => "期",
        '轮' => "轮",
        '类' => "类",
        '组' => "组",
        '支' => "支",
        '位' => "位",
        '元' => "元",
        '吨' => "吨",
        '米' => "米",
        '场' => "场",
        '村' => "村",
        '本' => "本",
        '张' => "张",
        '棵' => "棵",
        '间' => "间",
        '栋' => "栋",
        '幢' => "幢",
        '片' => "片",
        '例' => "例",
        '点' => "点",
        '单' => "单",
        '封' => "封",
        '趟' => "趟",
        '%' => "%",
        '％' => "％",
        _ => return None,
    })
}

/// The character at byte `j` of `s` (a char boundary), `None` at the end; an ASCII or
/// three-byte character (all of Chinese text) read from its bytes without the decoder.
#[inline(always)]
pub(crate) fn char_at(s: &str, j: usize) -> Option<char> {
    let b = s.as_bytes();
    match b.get(j) {
        Some(&x) if x < 0x80 => Some(x as char),
        // A lead byte of three: its two continuation bytes follow (the text is UTF-8).
        Some(&x) if x & 0xF0 == 0xE0 => {
            char::from_u32(crate::source::code_point3(x, b[j + 1], b[j + 2]))
        }
        Some(_) => s[j..].chars().next(),
        None => None,
    }
}

/// The character that ends at byte `i` of `s` (a char boundary), `None` at the start; as
/// [`char_at`], an ASCII or three-byte one from its bytes.
#[inline(always)]
pub(crate) fn char_before(s: &str, i: usize) -> Option<char> {
    let b = s.as_bytes();
    match i.checked_sub(1).map(|k| b[k]) {
        None => None,
        Some(x) if x < 0x80 => Some(x as char),
        _ if i >= 3 && b[i - 3] & 0xF0 == 0xE0 => char_at(s, i - 3),
        _ => s[..i].chars().next_back(),
    }
}

/// The characters that may follow the number of a quantity: 万 or 亿, the first
/// character of an approximation after it ([`APPROX_AFTER`]: 多, 余, 以上…, 左右), or the
/// first character of a measure word ([`UNITS`]); built at compile time from those lists.
static NEXT_BITS: numeral::BmpSet = numeral::BmpSet::of(&['万', '亿'])
    .with_first_chars(APPROX_AFTER)
    .with_first_chars(UNITS);

/// Whether `c` may follow the number of a quantity ([`NEXT_BITS`]), by a table lookup.
#[inline]
fn may_follow(c: char) -> bool {
    NEXT_BITS.has(c as u32)
}

/// Whether `c` may follow a Chinese numeral that is a quantity: 万 or 亿, 多 or 余, or the
/// first character of a measure word a Chinese numeral may count ([`is_cn_unit`]; a test
/// checks the two agree).
#[inline]
fn may_follow_cn(c: char) -> bool {
    matches!(
        c,
        '万' | '亿'
            | '多'
            | '余'
            | '个'
            | '项'
            | '条'
            | '类'
            | '方'
            | '家'
            | '所'
            | '名'
            | '人'
            | '件'
            | '批'
    )
}

/// [`may_follow`] of the character at byte `j` of `s` (a char boundary; `false` at the
/// end), from its bytes: an ASCII character may follow only if it is `%` (the one ASCII
/// measure word; a test checks it), a three-byte one (all of Chinese text) by its code
/// point read from its bytes (no decoding into a `char`: valid UTF-8 holds no surrogate,
/// so there is nothing to check).
#[inline(always)]
fn may_follow_at(s: &str, j: usize) -> bool {
    let b = s.as_bytes();
    match b.get(j) {
        None => false,
        Some(&x) if x < 0x80 => x == b'%',
        Some(&x) if x & 0xF0 == 0xE0 => {
            NEXT_BITS.has(crate::source::code_point3(x, b[j + 1], b[j + 2]))
        }
        Some(_) => char_at(s, j).is_some_and(may_follow),
    }
}

/// Whether `s` starts with one of `firsts` (three-byte characters, as bytes): a look at
/// the first character before a test of whole words. (A character of three bytes at the
/// start of a `str` is its first character, whatever follows.)
#[inline(always)]
fn starts_with_first(s: &str, firsts: &[[u8; 3]]) -> bool {
    s.as_bytes()
        .first_chunk::<3>()
        .is_some_and(|h| firsts.contains(h))
}

/// Whether `s` ends with one of `lasts` (three-byte characters, as bytes). (In UTF-8 the
/// last three bytes of a `str` are those of a three-byte character only when that
/// character ends it: a lead byte 0xE0..=0xEF starts no other character's tail.)
#[inline(always)]
fn ends_with_last(s: &str, lasts: &[[u8; 3]]) -> bool {
    s.as_bytes()
        .last_chunk::<3>()
        .is_some_and(|t| lasts.contains(t))
}

/// ％ as %, 万元 and 亿元 as 元 (the value holds the 万/亿); matched on the bytes (a test
/// checks it against the words).
fn normalise_unit(u: &'static str) -> &'static str {
    match u.as_bytes() {
        [0xEF, 0xBC, 0x85] => "%",
        // 万元, 亿元
        [0xE4, 0xB8, 0x87, 0xE5, 0x85, 0x83] | [0xE4, 0xBA, 0xBF, 0xE5, 0x85, 0x83] => "元",
        _ => u,
    }
}

/// 10^0 to 10^15, each exact in `f64`.
const POW10: [f64; 16] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
];

/// The value of the Arabic number `t` (ASCII or full-width digits, maybe `.` and ASCII
/// decimals), read as `f64` from its ASCII spelling.
fn arabic_value(t: &str) -> Option<f64> {
    if t.len() <= 15 && t.bytes().all(|b| b.is_ascii_digit()) {
        // Exact in f64, so the same value as parsing the string.
        return Some(t.bytes().fold(0u64, |v, b| v * 10 + u64::from(b - b'0')) as f64);
    }
    if t.is_ascii() {
        return t.parse::<f64>().ok();
    }
    let digits: String = t
        .chars()
        .map(|c| match numeral::arabic_digit(c) {
            Some(d) => char::from(b'0' + d as u8),
            None => c,
        })
        .collect();
    digits.parse::<f64>().ok()
}

/// Whether `u` is a measure word a Chinese numeral may count (一次性 and 一点 are words,
/// not counts).
fn is_cn_unit(u: &str) -> bool {
    matches!(
        u,
        "个" | "项" | "条" | "类" | "方面" | "家" | "所" | "名" | "人" | "件" | "批"
    )
}

/// Every quantity in `text[range]`, in order.
pub fn scan(text: &str, range: Range<usize>) -> Vec<Quantity> {
    let runs = numeral::numeral_runs(text);
    let mut out = Vec::new();
    scan_runs(
        text,
        range,
        &mut numeral::RunCursor::new(&runs, 0),
        &mut out,
    );
    out
}

/// [`scan`], appending to `out`, with a cursor over the [`numeral::numeral_runs`] of the
/// whole `text` (not past `range.start`): only the runs' characters can start a number, so
/// the scan jumps from run to run.
pub fn scan_runs(
    text: &str,
    range: Range<usize>,
    cursor: &mut numeral::RunCursor,
    out: &mut Vec<Quantity>,
) {
    let seg = &text[range.clone()];
    let base = range.start;
    let mut i = 0;
    let bytes = seg.as_bytes();
    while i < seg.len() {
        // Every character before the next run is neither an Arabic nor a Chinese numeral:
        // the first run that ends after `i`, from where it (or `i`, inside it) starts.
        //
        // The rest of the run holds no quantity when the character after the run (`None`
        // at the end of `range`) may not follow a number (`may_follow`, tested from its
        // bytes) and is not the `.` of a decimal, and the run holds no 万 (whose bytes end
        // in 0x87, as only 〇's do among the numeral characters): every number that starts
        // in the run ends at the run's end, or inside it before a numeral character other
        // than 万 (an Arabic number reads its digits, a Chinese one stops at a digit, at
        // ○, Ｏ and 万, or after four characters), and so fails the `may_follow` test
        // below. Most runs (years, dates, item numbers, 一 in words) go no further: the
        // cursor passes over them in a loop of its own.
        let may_hold = |at: usize, z: usize| {
            let run_end = z.min(range.end) - base;
            bytes.get(run_end) == Some(&b'.')
                || may_follow_at(seg, run_end)
                // (A loop of its own: a run is a few bytes, shorter than a memchr call's set-up.)
                || !bytes[at - base..run_end].iter().all(|&b| b != 0x87)
        };
        let Some((at, _)) = cursor.next_run_where(base + i, range.end, may_hold) else {
            return;
        };
        i = at - base;
        // An ASCII character at a run is a digit: classed without decoding. (`c_len`: the
        // length of the run's character at `i`.)
        let (c_len, is_arabic, is_cn) = if bytes[i] < 0x80 {
            (1, bytes[i].is_ascii_digit(), false)
        } else {
            let c = char_at(seg, i).unwrap_or(' ');
            (
                c.len_utf8(),
                numeral::arabic_digit(c).is_some(),
                numeral::is_cn_numeral_char(c) && !matches!(c, '〇' | '零' | '万'),
            )
        };
        if !(is_arabic || is_cn) {
            i += c_len;
            continue;
        }
        let num_start = i;
        let mut j = i;
        let mut decimals = 0;
        // The value of the ASCII digits as they are read, decimals too (`85.04` → 8504; used
        // when they are all the number and it is at most 15 bytes long: then exact), and
        // whether a full-width digit is among them.
        let mut acc = 0u64;
        let mut wide = false;
        if is_arabic {
            while j < seg.len() {
                let b = bytes[j];
                if b.is_ascii_digit() {
                    acc = acc.wrapping_mul(10).wrapping_add(u64::from(b - b'0'));
                    j += 1;
                } else if b == 0xEF {
                    let ch = seg[j..].chars().next().unwrap_or(' ');
                    if numeral::arabic_digit(ch).is_some() {
                        wide = true;
                        j += ch.len_utf8();
                    } else {
                        break;
                    }
                } else {
                    break;
                }
            }
            if j + 1 < seg.len() && (bytes[j] == b'.') {
                let mut k = j + 1;
                let mut m = acc;
                while k < seg.len() && bytes[k].is_ascii_digit() {
                    m = m.wrapping_mul(10).wrapping_add(u64::from(bytes[k] - b'0'));
                    k += 1;
                }
                if k > j + 1 {
                    decimals = k - j - 1;
                    j = k;
                    acc = m;
                }
            }
        }
        // The character after the number (`None` at the end): the Chinese numeral's scan
        // decodes it anyway, and keeps it.
        let next;
        if is_arabic {
            next = char_at(seg, j);
        } else {
            loop {
                let ch = char_at(seg, j);
                match ch {
                    Some(ch)
                        if numeral::is_cn_numeral_char(ch) && ch != '万' && j - num_start < 12 =>
                    {
                        j += ch.len_utf8();
                    }
                    _ => {
                        next = ch;
                        break;
                    }
                }
            }
        }
        // The number holds at least the run's character: a scan that skips it goes on at its end.
        let num_end = j;
        // A quantity goes on with 万 or 亿, 多 or 余, 以上/以下/以内, 左右, or a measure word:
        // anything else after the number ends the look here (looked at first: most numbers
        // fail it).
        if !next.is_some_and(may_follow) {
            i = num_end;
            continue;
        }
        // A Chinese numeral is kept only before one of its measure words (个, 项, 条, 类,
        // 方面, 家, 所, 名, 人, 件, 批), maybe after 万/亿 and 多/余 (see below): any other
        // character after it ends the look here, as every rejection below does (at the
        // number's end).
        if is_cn && !next.is_some_and(may_follow_cn) {
            i = num_end;
            continue;
        }
        let prev = char_before(seg, i);
        // Skip the middle of numbers, codes and words.
        let glued = prev.is_some_and(|p| {
            p.is_ascii_alphanumeric()
                || numeral::arabic_digit(p).is_some()
                || matches!(p, '.' | '．' | '-' | '_' | '/' | '〔' | '[' | '【')
                || (is_cn && (numeral::is_cn_numeral_char(p) || p == '第'))
        });
        if glued {
            i = num_end.max(i + c_len);
            continue;
        }
        let value: Option<f64> = if is_arabic && !wide && j - num_start <= 15 {
            // The digits' value (below 10^15: exact in f64) over the power of ten of the
            // decimals (exact too): IEEE division rounds the exact quotient, the decimal
            // written, to the nearest f64, as parsing the string does (a test checks it).
            Some(acc as f64 / POW10[decimals])
        } else if is_arabic {
            arabic_value(&seg[num_start..j])
        } else {
            numeral::parse_cn(&seg[num_start..j]).map(|v| v as f64)
        };
        let Some(mut value) = value else {
            i = num_end.max(i + c_len);
            continue;
        };
        let mut k = num_end;
        if matches!(next, Some('万' | '亿')) {
            if seg[k..].starts_with('万') && !seg[k..].starts_with("万元") {
                value *= 1e4;
                k += '万'.len_utf8();
            } else if seg[k..].starts_with('亿') && !seg[k..].starts_with("亿元") {
                value *= 1e8;
                k += '亿'.len_utf8();
            }
            if seg[k..].starts_with("万元") {
                value *= 1e4;
            } else if seg[k..].starts_with("亿元") {
                value *= 1e8;
            }
        }
        let mut approx = false;
        // 100多家, 30余人
        if starts_with_first(&seg[k..], &APPROX_AFTER_FIRST) {
            for a in APPROX_AFTER {
                if seg[k..].starts_with(a) && !seg[k..].starts_with("以上率") {
                    if *a == "多" || *a == "余" {
                        k += a.len();
                    }
                    approx = true;
                    break;
                }
            }
        }
        let Some(unit) = unit_at(&seg[k..]) else {
            i = num_end;
            continue;
        };
        // A Chinese numeral is a count only before a measure word; 一 before 次/点/批 etc.
        // is often a word (一次性, 一点), so only accept cn numerals before common units.
        if is_cn && !is_cn_unit(unit) {
            i = num_end;
            continue;
        }
        let end = k + unit.len();
        let before = &seg[..num_start];
        if ends_with_last(before, &APPROX_BEFORE_LAST)
            && APPROX_BEFORE.iter().any(|a| before.ends_with(a))
        {
            approx = true;
        }
        if starts_with_first(&seg[end..], &APPROX_AFTER_FIRST)
            && APPROX_AFTER.iter().any(|a| seg[end..].starts_with(a))
        {
            approx = true;
        }
        out.push(Quantity {
            span: base + num_start..base + end,
            num: base + num_start..base + num_end,
            value,
            decimals,
            unit: normalise_unit(unit),
            approx,
        });
        i = end;
    }
}

/// A fixed list of words looked for in texts: [`AnyWord::in_text`] is
/// `words.iter().any(|w| s.contains(w))` in one walk over `s`, instead of one substring
/// search (and searcher set-up) per word. The walk looks at each character's bytes and
/// compares the words only where a character that may begin one stands (a bitmap of the
/// words' first characters, built at compile time). Shared by the rules that test clauses
/// and sentences for cue words (NL202, NL203, NL302, NL303).
pub(crate) struct AnyWord {
    words: &'static [&'static str],
    /// Bit `k` is set when some word begins with a character of key `k` ([`char_key`]).
    firsts: [u64; 64],
}

/// A 12-bit key of the character that begins at byte `i` of `b` (a character boundary),
/// from that character's own bytes only: two characters may share a key, one character
/// always has the same.
const fn char_key(b: &[u8], i: usize) -> usize {
    let b0 = b[i] as usize;
    if b0 < 0x80 {
        b0
    } else if b0 < 0xE0 {
        0x800 | ((b0 & 0x1F) << 6) | (b[i + 1] as usize & 0x3F)
    } else {
        ((b[i + 1] as usize & 0x3F) << 6) | (b[i + 2] as usize & 0x3F)
    }
}

impl AnyWord {
    pub(crate) const fn new(words: &'static [&'static str]) -> Self {
        let mut firsts = [0u64; 64];
        let mut k = 0;
        while k < words.len() {
            let w = words[k].as_bytes();
            assert!(!w.is_empty(), "no empty word");
            let key = char_key(w, 0);
            firsts[key / 64] |= 1 << (key % 64);
            k += 1;
        }
        AnyWord { words, firsts }
    }

    /// Whether one of the words occurs in `s`.
    pub(crate) fn in_text(&self, s: &str) -> bool {
        let b = s.as_bytes();
        let mut i = 0;
        while i < b.len() {
            // Most characters of Chinese text are three bytes long: their key from the two
            // bytes after the lead, on a path of their own (the same key as `char_key`).
            if let Some(&[lead, x, y]) = b.get(i..i + 3) {
                if lead & 0xF0 == 0xE0 {
                    let key = ((x as usize & 0x3F) << 6) | (y as usize & 0x3F);
                    if self.firsts[key / 64] & (1 << (key % 64)) != 0
                        && self.words.iter().any(|w| b[i..].starts_with(w.as_bytes()))
                    {
                        return true;
                    }
                    i += 3;
                    continue;
                }
            }
            let lead = b[i];
            // The length of the character from its first byte.
            let len = if lead < 0x80 {
                1
            } else if lead < 0xE0 {
                2
            } else if lead < 0xF0 {
                3
            } else {
                4
            };
            let key = char_key(b, i);
            if self.firsts[key / 64] & (1 << (key % 64)) != 0
                && self.words.iter().any(|w| b[i..].starts_with(w.as_bytes()))
            {
                return true;
            }
            i += len;
        }
        false
    }
}

/// `words.iter().any(|w| s.contains(w))` for words that (nearly) all hold `anchor` (a
/// short needle, built once by the caller): only the places of `anchor` in `s` are looked
/// at, found by memchr's substring search (a long text is searched at its speed). A word
/// without `anchor` is looked for as such. (The rules use [`Around`], set up once.)
#[cfg(test)]
pub(crate) fn any_around(
    s: &str,
    anchor: &memchr::memmem::Finder<'static>,
    words: &[&str],
) -> bool {
    let a = anchor.needle();
    // Where `anchor` first is in each word (`None`: not in it), for up to 32 words.
    let mut at = [None; 32];
    if words.len() > at.len() || a.is_empty() {
        return words.iter().any(|w| s.contains(w));
    }
    for (k, w) in words.iter().enumerate() {
        at[k] = anchor_in(w, a);
    }
    around(s, anchor, words, &at[..words.len()])
}

/// Where `a` (not empty) first is in `w`. (Compared in full only where its first byte is:
/// once or so in a word.)
fn anchor_in(w: &str, a: &[u8]) -> Option<usize> {
    let w = w.as_bytes();
    (0..w.len()).find(|&i| w[i] == a[0] && w[i..].starts_with(a))
}

/// [`any_around`] with the anchor's place in each word (`at`, in the order of `words`)
/// worked out already.
fn around(
    s: &str,
    anchor: &memchr::memmem::Finder<'static>,
    words: &[&str],
    at: &[Option<usize>],
) -> bool {
    if words
        .iter()
        .zip(at)
        .any(|(w, k)| k.is_none() && s.contains(w))
    {
        return true;
    }
    let b = s.as_bytes();
    anchor.find_iter(b).any(|j| {
        words.iter().zip(at).any(|(w, &k)| {
            // The word starts as far before `j` as its first `anchor` is into it (each
            // occurrence of the word puts its first `anchor` on some `j`: occurrences of
            // one character never overlap, so the search finds them all).
            k.is_some_and(|k| j >= k && b[j - k..].starts_with(w.as_bytes()))
        })
    })
}

/// A fixed list of words and an anchor (a short needle most of them hold), set up once for
/// [`any_around`]: the anchor's searcher and its place in each word (NL202 asks of every
/// paragraph with a date whether it names a meeting of its list).
pub(crate) struct Around {
    anchor: memchr::memmem::Finder<'static>,
    words: &'static [&'static str],
    at: Vec<Option<usize>>,
}

impl Around {
    /// `anchor` must not be empty.
    pub(crate) fn new(anchor: &'static str, words: &'static [&'static str]) -> Self {
        assert!(!anchor.is_empty(), "an anchor");
        let at = words
            .iter()
            .map(|w| anchor_in(w, anchor.as_bytes()))
            .collect();
        Around {
            anchor: memchr::memmem::Finder::new(anchor),
            words,
            at,
        }
    }

    /// Whether one of the words occurs in `s`.
    pub(crate) fn in_text(&self, s: &str) -> bool {
        around(s, &self.anchor, self.words, &self.at)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(s: &str) -> Vec<(f64, &'static str, bool)> {
        scan(s, 0..s.len())
            .into_iter()
            .map(|q| (q.value, q.unit, q.approx))
            .collect()
    }

    #[test]
    fn finds_counts() {
        assert_eq!(q("共计19个问题"), vec![(19.0, "个", false)]);
        assert_eq!(q("以下两个方面"), vec![(2.0, "个", false)]);
        assert_eq!(
            q("五方面20个问题"),
            vec![(5.0, "方面", false), (20.0, "个", false)]
        );
        assert_eq!(
            q("共1.8亿元，其中5200万元"),
            vec![(1.8e8, "元", false), (5.2e7, "元", false)]
        );
        assert_eq!(q("占85.04%"), vec![(85.04, "%", false)]);
        assert_eq!(q("100多家"), vec![(100.0, "家", true)]);
        assert_eq!(q("2021年PM2.5第三个"), vec![]);
        assert_eq!(q("一次性"), vec![]);
    }

    #[test]
    fn approx_first_and_last_chars() {
        let utf8 = |c: char| c.to_string().into_bytes();
        for a in APPROX_AFTER {
            let c = a.chars().next().unwrap();
            assert!(APPROX_AFTER_FIRST.iter().any(|f| f[..] == utf8(c)), "{a}");
        }
        for a in APPROX_BEFORE {
            let c = a.chars().next_back().unwrap();
            assert!(APPROX_BEFORE_LAST.iter().any(|f| f[..] == utf8(c)), "{a}");
        }
        for s in ["", "a", "ab", "x约", "约", "é约", "𠮷", "约a", "近于"] {
            let last = s.chars().next_back();
            let want = last.is_some_and(|c| APPROX_BEFORE_LAST.iter().any(|f| f[..] == utf8(c)));
            assert_eq!(ends_with_last(s, &APPROX_BEFORE_LAST), want, "{s}");
            let first = s.chars().next();
            let want = first.is_some_and(|c| APPROX_BEFORE_LAST.iter().any(|f| f[..] == utf8(c)));
            assert_eq!(starts_with_first(s, &APPROX_BEFORE_LAST), want, "{s}");
        }
    }

    #[test]
    fn unit_at_is_a_walk_down_the_list() {
        let walk = |s: &str| UNITS.iter().find(|u| s.starts_with(**u)).copied();
        let mut tails: Vec<String> = UNITS
            .iter()
            .map(|u| u.chars().skip(1).collect::<String>())
            .collect();
        tails.extend(["", "x", "了", "次", "百", "方"].map(String::from));
        let firsts = UNITS.iter().filter_map(|u| u.chars().next());
        for c in firsts.chain(['x', '了', '百', '\0', '𠮷']) {
            for t in &tails {
                let s = format!("{c}{t}");
                assert_eq!(unit_at(&s), walk(&s), "{s}");
            }
        }
        assert_eq!(unit_at(""), None);
    }

    #[test]
    fn units_normalised_by_bytes() {
        for u in UNITS {
            let want = match *u {
                "％" => "%",
                "万元" | "亿元" => "元",
                _ => u,
            };
            assert_eq!(normalise_unit(u), want, "{u}");
        }
    }

    #[test]
    fn decimals_divided_as_parsed() {
        let mut cases: Vec<String> = [
            "0.1",
            "0.3",
            "85.04",
            "1.005",
            "99.99",
            "0.000001",
            "12345678.90123",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        // Many more: every split of some digit strings up to 14 digits.
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..20_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let n = (x % 14 + 1) as usize;
            let digits: String = (0..n)
                .map(|k| char::from(b'0' + ((x >> (k * 4)) % 10) as u8))
                .collect();
            let d = (x >> 60) as usize % n;
            let (a, b) = digits.split_at(n - d);
            cases.push(format!("{a}.{b}"));
        }
        for t in cases {
            if t.ends_with('.') || t.len() > 15 {
                continue;
            }
            let q = scan(&format!("{t}%"), 0..t.len() + 1);
            assert_eq!(q.len(), 1, "{t}");
            assert_eq!(
                q[0].value.to_bits(),
                t.parse::<f64>().unwrap().to_bits(),
                "{t}"
            );
        }
    }

    #[test]
    fn next_chars() {
        for c in '\0'..='\u{FFFF}' {
            let unit_first = UNITS.iter().any(|u| u.starts_with(c));
            let want = matches!(c, '万' | '亿' | '多' | '余' | '以' | '左') || unit_first;
            assert_eq!(may_follow(c), want, "{c}");
        }
        assert!(!may_follow('𠮷'));
        let t = "a%１é𠮷2万个";
        for (i, c) in t.char_indices().chain([(t.len(), ' ')]) {
            let want = i < t.len() && may_follow(c);
            assert_eq!(may_follow_at(t, i), want, "{i}");
        }
    }

    #[test]
    fn cn_next_chars() {
        // 万/亿, 多/余, or the first character of a measure word of `is_cn_unit`.
        for c in '\0'..='\u{FFFF}' {
            let unit_first = UNITS.iter().any(|u| is_cn_unit(u) && u.starts_with(c));
            let want = matches!(c, '万' | '亿' | '多' | '余') || unit_first;
            assert_eq!(may_follow_cn(c), want, "{c}");
        }
        assert_eq!(q("一次性"), vec![]);
        assert_eq!(q("两支队伍"), vec![]);
        assert_eq!(q("一万多人"), vec![(1e4, "人", true)]);
        assert_eq!(q("五方面"), vec![(5.0, "方面", false)]);
    }

    #[test]
    fn chars_from_bytes() {
        let t = "a１é𠮷2万";
        for (i, c) in t.char_indices() {
            assert_eq!(char_at(t, i), Some(c));
            assert_eq!(char_before(t, i + c.len_utf8()), Some(c));
        }
        assert_eq!(char_at(t, t.len()), None);
        assert_eq!(char_before(t, 0), None);
    }

    #[test]
    fn any_around_is_any_contains() {
        const WORDS: &[&str] = &["召开了", "了", "已", "会议", "大会", "x"];
        let pieces = [
            "召", "开", "了", "已", "会", "议", "大", "x", "y", "ä", "，",
        ];
        let mut seed = 5u64;
        for _ in 0..5000 {
            let t = crate::rules::text::random_text(&pieces, &mut seed, 7);
            let want = |ws: &[&str]| ws.iter().any(|w| t.contains(w));
            let (le, hui) = (
                memchr::memmem::Finder::new("了"),
                memchr::memmem::Finder::new("会"),
            );
            assert_eq!(any_around(&t, &le, WORDS), want(WORDS), "{t:?}");
            assert_eq!(
                Around::new("会", &WORDS[3..]).in_text(&t),
                want(&WORDS[3..])
            );
            assert_eq!(
                any_around(&t, &hui, &WORDS[3..]),
                want(&WORDS[3..]),
                "{t:?}"
            );
        }
    }

    #[test]
    fn any_word_is_any_contains() {
        const WORDS: &[&str] = &["其中", "已", "完成了", "a", "é", "𠮷x"];
        static W: AnyWord = AnyWord::new(WORDS);
        let pieces = [
            "其", "中", "已", "完成", "了", "a", "b", "é", "e", "𠮷", "x", "ä", "，",
        ];
        let mut seed = 7u64;
        for _ in 0..5000 {
            let t = crate::rules::text::random_text(&pieces, &mut seed, 6);
            assert_eq!(W.in_text(&t), WORDS.iter().any(|w| t.contains(w)), "{t:?}");
        }
    }
}
