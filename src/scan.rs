//! One pass over the text that records, for every line, which kinds of characters it
//! holds, so that a rule can skip the lines where it cannot fire without looking at them.
//!
//! Most rules look for something rare in Chinese prose: ASCII punctuation, digits, Latin
//! letters, markup, a 年 after a number, a 版 after 第. Before this pass every rule walked
//! every character of the notice to find its few candidates; now the text is walked once
//! ([`line_classes`]), and a rule asks [`Classes`] whether a line can hold a candidate at
//! all. A class is a *necessary* condition only: a rule still checks the line it is given.
//!
//! Lines are split at `\n` exactly as [`crate::source::LineIndex`] splits them, so line `i`
//! here is line `i` there and the line a [`crate::tree::Paragraph`] records.

/// The characters one line (or a whole text) holds: every ASCII byte by value, and the
/// other characters by class ([`class`]).
///
/// Packed to an alignment of 8: 24 bytes instead of the 32 that a `u128`'s alignment of 16
/// gives (one per line of the text, kept while the rules run). Fields are read by value.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[repr(C, packed(8))]
pub struct Classes {
    /// Bit `b` is set when the ASCII byte `b` occurs.
    pub ascii: u128,
    /// The [`class`] bits of the non-ASCII characters that occur.
    pub other: u64,
}

/// Classes of non-ASCII characters.
pub mod class {
    /// A CJK ideograph (unified block, extension A, compatibility).
    pub const HAN: u64 = 1 << 0;
    /// A Chinese numeral: 〇零一二三四五六七八九十百千万亿两 and the financial forms.
    pub const HAN_DIGIT: u64 = 1 << 1;
    /// 年, 月 or 日.
    pub const DATE: u64 = 1 << 2;
    /// A full-width digit ０–９.
    pub const FW_DIGIT: u64 = 1 << 3;
    /// A full-width Latin letter Ａ–Ｚ, ａ–ｚ.
    pub const FW_LATIN: u64 = 1 << 4;
    /// ％ or ‰.
    pub const PERCENT: u64 = 1 << 5;
    /// 第.
    pub const ORDINAL: u64 = 1 << 6;
    /// 版 or 接 (page markers: 下转第14版, 上接第2版).
    pub const PAGE: u64 = 1 << 7;
    /// 共, 计, 合, 总 (a stated total: 共计19个, 合计, 总数).
    pub const TOTAL: u64 = 1 << 8;
    /// An opening or closing bracket or quotation mark: 《》〈〉（）“”‘’【】〔〕「」『』.
    pub const PAIR: u64 = 1 << 9;
    /// A range or dash mark: ～ 〜 — – ‒ ―  ﹣ －.
    pub const DASH: u64 = 1 << 10;
    /// A space other than ASCII: U+3000, no-break and other Unicode spaces.
    pub const SPACE: u64 = 1 << 11;
    /// An invisible or control character: zero-width characters, BOM, C1 controls,
    /// soft hyphen, bidi controls.
    pub const INVISIBLE: u64 = 1 << 12;
    /// Chinese sentence-ending marks 。！？；.
    pub const STOP: u64 = 1 << 13;
    /// Chinese pause and clause marks 、，：.
    pub const COMMA: u64 = 1 << 14;
    /// 号, 〔 or 〕 (document numbers: 徐环党〔2024〕9号).
    pub const DOC_NO: u64 = 1 << 15;
    /// Any non-ASCII character that is none of the above.
    pub const OTHER: u64 = 1 << 16;
    /// The ellipsis …, middle dots · ・ and other general punctuation (U+2000–U+206F)
    /// not classed above.
    pub const GENERAL_PUNCT: u64 = 1 << 17;
    /// 转 or 续 (page markers: 下转第14版, （续）; 接 is [`PAGE`]).
    pub const JUMP: u64 = 1 << 28;
    /// A round zero look-alike ○ ◯ ⚪ (also [`OTHER`]): 二○○九年.
    pub const ROUND_ZERO: u64 = 1 << 29;
    /// U+FFFD, the replacement character (markup-artifact reports it).
    pub const REPLACEMENT: u64 = 1 << 40;
    /// A full-width opening bracket （ 【 〔 (also [`PAIR`]): a page marker opens with
    /// one of these or an ASCII ( [.
    pub const OPEN_BRACKET: u64 = 1 << 55;
}

/// A mask of ASCII bytes, for [`Classes::any_ascii`]: `ascii_mask(b",.;:")`.
pub const fn ascii_mask(bytes: &[u8]) -> u128 {
    let mut m = 0u128;
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] < 0x80 {
            m |= 1 << bytes[i];
        }
        i += 1;
    }
    m
}

/// ASCII digits 0–9.
pub const DIGITS: u128 = ascii_mask(b"0123456789");
/// ASCII letters.
pub const LETTERS: u128 = ascii_mask(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");

impl Classes {
    /// Whether any of the ASCII bytes of `mask` occurs.
    #[inline]
    pub fn any_ascii(&self, mask: u128) -> bool {
        self.ascii & mask != 0
    }

    /// Whether a character of any of the classes `mask` occurs.
    #[inline]
    pub fn any(&self, mask: u64) -> bool {
        self.other & mask != 0
    }

    /// Whether the line holds any character that is not ASCII.
    #[inline]
    pub fn has_non_ascii(&self) -> bool {
        self.other != 0
    }

    /// The union of two sets.
    #[inline]
    pub fn union(self, o: Classes) -> Classes {
        Classes {
            ascii: self.ascii | o.ascii,
            other: self.other | o.other,
        }
    }
}

/// The class bits of a non-ASCII character (a `const fn`, so that the tables of
/// [`line_classes`] are built from it at compile time).
#[inline]
pub const fn class_of(c: char) -> u64 {
    use class::*;
    match c {
        '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}' => {
            HAN | han_class(c)
        }
        '〇' => HAN_DIGIT,
        '０'..='９' => FW_DIGIT,
        'Ａ'..='Ｚ' | 'ａ'..='ｚ' => FW_LATIN,
        '％' | '‰' => PERCENT,
        '（' | '【' => PAIR | OPEN_BRACKET,
        '《' | '》' | '〈' | '〉' | '）' | '“' | '”' | '‘' | '’' | '】' | '「' | '」' | '『'
        | '』' | '〖' | '〗' => PAIR,
        '〔' => PAIR | DOC_NO | OPEN_BRACKET,
        '〕' => PAIR | DOC_NO,
        '～' | '〜' | '—' | '–' | '‒' | '―' | '﹣' | '－' => DASH,
        '\u{3000}' | '\u{A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' => SPACE,
        '\u{200B}'..='\u{200F}'
        | '\u{2028}'..='\u{202E}'
        | '\u{2060}'..='\u{206F}'
        | '\u{FEFF}'
        | '\u{80}'..='\u{9F}'
        | '\u{AD}' => INVISIBLE,
        '。' | '！' | '？' | '；' => STOP,
        '、' | '，' | '：' => COMMA,
        '\u{2010}'..='\u{205E}' => GENERAL_PUNCT,
        '○' | '◯' | '⚪' => OTHER | ROUND_ZERO,
        '\u{FFFD}' => REPLACEMENT,
        _ => OTHER,
    }
}

/// The extra classes of a Han character.
#[inline]
const fn han_class(c: char) -> u64 {
    use class::*;
    match c {
        '零' | '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十' | '百'
        | '千' | '万' | '亿' | '两' | '壹' | '贰' | '叁' | '肆' | '伍' | '陆' | '柒' | '捌'
        | '玖' | '拾' | '佰' | '仟' => HAN_DIGIT,
        '年' | '月' | '日' => DATE,
        '第' => ORDINAL,
        '版' | '接' => PAGE,
        '共' | '计' | '合' | '总' => TOTAL,
        '号' => DOC_NO,
        '转' | '续' => JUMP,
        _ => 0,
    }
}

/// Plain Han among the characters U+4000–U+9FFF (UTF-8 lead byte E4–E9): for a character
/// `x b1 b2`, word `x * 64 + b1 - PLAIN_HAN_FROM`, bit `b2 & 63` is set when [`class_of`]
/// gives it plain [`class::HAN`] and nothing else. At a character boundary of valid UTF-8,
/// `x * 64 + b1` falls in `PLAIN_HAN_FROM..PLAIN_HAN_FROM + 384` exactly when `x` is one of
/// E4–E9 (an ASCII byte, a lead of two bytes or of E0–E3 with its continuation byte gives
/// less, a lead of EA–FF more), so one range test and one load tell plain Han without
/// decoding. Most of a notice is plain Han.
static PLAIN_HAN: [u64; 384] = {
    let mut t = [0u64; 384];
    let mut cp = 0x4000u32;
    while cp <= 0x9FFF {
        if let Some(c) = char::from_u32(cp) {
            if class_of(c) == class::HAN {
                let x = 0xE0 | (cp >> 12);
                let b1 = 0x80 | ((cp >> 6) & 63);
                t[(x * 64 + b1) as usize - PLAIN_HAN_FROM] |= 1 << (cp & 63);
            }
        }
        cp += 1;
    }
    t
};

/// `x * 64 + b1` of U+4000, the first character of [`PLAIN_HAN`].
const PLAIN_HAN_FROM: usize = 0xE4 * 64 + 0x80;

/// 1 when the three bytes are a character of plain [`class::HAN`], else 0 (`x` at a
/// character boundary, [`PLAIN_HAN`]).
#[inline(always)]
fn plain_han(x: u8, b1: u8, b2: u8) -> u64 {
    match PLAIN_HAN.get((x as usize * 64 + b1 as usize).wrapping_sub(PLAIN_HAN_FROM)) {
        Some(w) => w >> (b2 & 63) & 1,
        None => 0,
    }
}

/// The classes of every three-byte character (U+0800–U+FFFF), as three tables built from
/// [`class_of`] at compile time. The 64 characters of a block (`code point >> 6`: the lead
/// byte's low nibble and the second byte's six bits) share a row of [`CLASS_ROWS`]
/// ([`BLOCK_ROW`]); the row gives each character (by the third byte's six bits) an index
/// into [`CLASS_VALUES`]. Most blocks hold characters of one class only (plain Han, or
/// [`class::OTHER`]) and share a row; about forty hold the special Han characters or the
/// punctuation. A character's classes are three loads, whatever it is: no decoding.
struct ThreeByte {
    block_row: [u8; 1024],
    rows: [[u8; 64]; 64],
    values: [u64; 256],
}

const THREE_BYTE: ThreeByte = {
    let mut t = ThreeByte {
        block_row: [0; 1024],
        rows: [[0; 64]; 64],
        values: [0; 256],
    };
    // Value 0 and row 0 are unused (a zero entry would be a character without a class).
    let (mut n_values, mut n_rows) = (1, 1);
    // The row of the blocks whose 64 characters all have the class `values[v]`.
    let mut uniform_row = [0usize; 64];
    let mut block = 0x800 >> 6;
    while block < 1024 {
        let mut row = [0u8; 64];
        let mut j = 0;
        while j < 64 {
            // Surrogates (D800–DFFF) are no characters and never occur in a `str`.
            let class = match char::from_u32((block << 6 | j) as u32) {
                Some(c) => class_of(c),
                None => class::OTHER,
            };
            let mut v = 1;
            while v < n_values && t.values[v] != class {
                v += 1;
            }
            if v == n_values {
                assert!(n_values < 64, "more than 64 class values");
                t.values[v] = class;
                n_values += 1;
            }
            row[j] = v as u8;
            j += 1;
        }
        let mut uniform = true;
        j = 1;
        while j < 64 {
            uniform &= row[j] == row[0];
            j += 1;
        }
        let r = if uniform && uniform_row[row[0] as usize] != 0 {
            uniform_row[row[0] as usize]
        } else {
            assert!(n_rows < 64, "more than 64 rows of classes");
            t.rows[n_rows] = row;
            if uniform {
                uniform_row[row[0] as usize] = n_rows;
            }
            n_rows += 1;
            n_rows - 1
        };
        t.block_row[block] = r as u8;
        block += 1;
    }
    t
};

/// The row of [`CLASS_ROWS`] of each block of 64 code points ([`THREE_BYTE`]).
static BLOCK_ROW: [u8; 1024] = THREE_BYTE.block_row;
/// For each row and third byte (`& 63`), the index of the character's classes in
/// [`CLASS_VALUES`].
static CLASS_ROWS: [[u8; 64]; 64] = THREE_BYTE.rows;
/// The class sets of the three-byte characters (64 at most: the rest is there so that an
/// index from [`CLASS_ROWS`] needs no bounds check).
static CLASS_VALUES: [u64; 256] = THREE_BYTE.values;

/// [`class_of`] the three-byte character `x b1 b2` (`x` in E0–EF; [`THREE_BYTE`]).
#[inline(always)]
fn class3(x: u8, b1: u8, b2: u8) -> u64 {
    let row = BLOCK_ROW[(x as usize & 0x0F) << 6 | (b1 as usize & 0x3F)];
    // The row is below 64 by construction; the mask only spares a bounds check.
    CLASS_VALUES[CLASS_ROWS[row as usize & 63][b2 as usize & 63] as usize]
}

/// The classes of every line of `text` (split at `\n`; the `\n` belongs to its line).
/// There is always at least one line, as in [`crate::source::LineIndex`].
///
/// The text is walked as a byte slice with slice patterns (no bounds checks, no `char`
/// decoding): a three-byte character (Han, Chinese punctuation) is classed by the tables of
/// [`THREE_BYTE`], and only the rare characters of two or four bytes go through
/// [`class_of`].
pub fn line_classes(text: &str) -> Vec<Classes> {
    walk::<false>(text, &mut Vec::new())
}

/// [`line_classes`], and in the same walk the runs of numeral characters of
/// [`crate::numeral::numeral_runs`] (the same vector): a non-ASCII numeral character has
/// one of [`NUMERAL_CLASSES`], so the runs cost only a test of the classes the walk reads
/// anyway, and a look at the few characters that pass it.
/// `text` is at most `u32::MAX` bytes long ([`crate::numeral::Run`]).
pub fn line_classes_and_numerals(text: &str) -> (Vec<Classes>, Vec<crate::numeral::Run>) {
    debug_assert!(text.len() <= u32::MAX as usize);
    // About one run every 60 bytes in notices: room for most at once (the rest is given
    // back below).
    let mut runs = Vec::with_capacity(text.len() / 48);
    let classes = walk::<true>(text, &mut runs);
    runs.shrink_to_fit();
    (classes, runs)
}

/// The classes that hold the non-ASCII numeral characters of
/// [`crate::numeral::numeral_runs`] (〇零一二两三四五六七八九十百千万 ○ ０–９ Ｏ).
const NUMERAL_CLASSES: u64 =
    class::HAN_DIGIT | class::FW_DIGIT | class::FW_LATIN | class::ROUND_ZERO;

/// The walk of [`line_classes`]; with `RUNS`, the numeral runs are appended to `runs`.
#[inline(always)]
fn walk<const RUNS: bool>(text: &str, runs: &mut Vec<crate::numeral::Run>) -> Vec<Classes> {
    // The run being built: `start..end`, empty (`end == 0`) before the first numeral. A
    // numeral character at `end` extends it; one anywhere else closes it and starts anew.
    let (mut start, mut end) = (0usize, 0usize);
    let mut note = |at: usize, len: usize| {
        if at != end {
            if end != 0 {
                runs.push((start as u32, end as u32));
            }
            start = at;
        }
        end = at + len;
    };
    let len = text.len();
    // Exactly one entry per line (a count of newlines costs a fraction of an instruction per
    // byte; a guess from the length reserved up to three times too much on long lines).
    let mut out = Vec::with_capacity(memchr::memchr_iter(b'\n', text.as_bytes()).count() + 1);
    // The ASCII bits as two words (a `u128` shift costs several instructions).
    let (mut lo, mut hi, mut other) = (0u64, 0u64, 0u64);
    let mut rest = text.as_bytes();
    loop {
        // A run of ASCII. Its bits are gathered in words of their own, added to the line's
        // after it: those stay in registers through the loop, where `lo` and `hi` were read
        // from and written to the stack for every byte.
        let (mut run_lo, mut run_hi) = (0u64, 0u64);
        while let [x, ref tail @ ..] = *rest {
            if x >= 0x80 {
                break;
            }
            run_lo |= ASCII_LO[x as usize];
            run_hi |= ASCII_HI[x as usize];
            if RUNS && x.wrapping_sub(b'0') < 10 {
                note(len - rest.len(), 1);
            }
            rest = tail;
            if x == b'\n' {
                out.push(Classes {
                    ascii: ((hi | run_hi) as u128) << 64 | (lo | run_lo) as u128,
                    other,
                });
                (lo, hi, other, run_lo, run_hi) = (0, 0, 0, 0, 0);
            }
        }
        lo |= run_lo;
        hi |= run_hi;
        // A run of three-byte characters: plain Han four at a time, each one bit test, the
        // others (Chinese marks, special Han) one by one by their table, without going back
        // to the top for each.
        loop {
            // A run of plain Han.
            'han: {
                while let [x1, a1, a2, x2, b1, b2, x3, c1, c2, x4, d1, d2, ..] = *rest {
                    let k = if plain_han(x1, a1, a2) == 0 {
                        break 'han;
                    } else if plain_han(x2, b1, b2) == 0 {
                        3
                    } else if plain_han(x3, c1, c2) == 0 {
                        6
                    } else if plain_han(x4, d1, d2) == 0 {
                        9
                    } else {
                        12
                    };
                    other |= class::HAN;
                    rest = &rest[k..];
                    if k < 12 {
                        break 'han;
                    }
                }
                while let [x, b1, b2, ref tail @ ..] = *rest {
                    if plain_han(x, b1, b2) == 0 {
                        break;
                    }
                    other |= class::HAN;
                    rest = tail;
                }
            }
            // One three-byte character that is not plain Han.
            match *rest {
                [x @ 0xE0..=0xEF, b1, b2, ref tail @ ..] => {
                    let c = class3(x, b1, b2);
                    other |= c;
                    if RUNS && c & NUMERAL_CLASSES != 0 && crate::numeral::is_numeral3(x, b1, b2) {
                        note(len - rest.len(), 3);
                    }
                    rest = tail;
                }
                _ => break,
            }
        }
        // One character that is neither ASCII nor of three bytes (or ASCII: back to the top).
        match *rest {
            [] => break,
            [x, ..] if x < 0x80 => {}
            // `text` is valid UTF-8, so the lead byte gives the length.
            [x @ 0xC0..=0xDF, b1, ref tail @ ..] => {
                let cp = ((x as u32 & 0x1F) << 6) | (b1 as u32 & 0x3F);
                other |= class_of(char::from_u32(cp).unwrap_or('\u{FFFD}'));
                rest = tail;
            }
            [x, b1, b2, b3, ref tail @ ..] if x >= 0xF0 => {
                let cp = ((x as u32 & 0x07) << 18)
                    | ((b1 as u32 & 0x3F) << 12)
                    | ((b2 as u32 & 0x3F) << 6)
                    | (b3 as u32 & 0x3F);
                other |= class_of(char::from_u32(cp).unwrap_or('\u{FFFD}'));
                rest = tail;
            }
            // Unreachable for valid UTF-8.
            [_, ref tail @ ..] => {
                other |= class::OTHER;
                rest = tail;
            }
        }
    }
    out.push(Classes {
        ascii: (hi as u128) << 64 | lo as u128,
        other,
    });
    if RUNS && end != 0 {
        runs.push((start as u32, end as u32));
    }
    out
}

/// `1 << b` for an ASCII byte `b`, as the low and the high word of a `u128`.
static ASCII_LO: [u64; 128] = {
    let mut t = [0u64; 128];
    let mut b = 0;
    while b < 64 {
        t[b] = 1 << b;
        b += 1;
    }
    t
};
static ASCII_HI: [u64; 128] = {
    let mut t = [0u64; 128];
    let mut b = 64;
    while b < 128 {
        t[b] = 1 << (b - 64);
        b += 1;
    }
    t
};

/// The union of the classes of all lines.
pub fn union(lines: &[Classes]) -> Classes {
    lines.iter().fold(Classes::default(), |a, &c| a.union(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_classes() {
        let t = "一、关于2024年的通知\n\nPM2.5，《办法》\u{3000}";
        let v = line_classes(t);
        assert_eq!(v.len(), 3);
        assert!(v[0].any(class::HAN | class::HAN_DIGIT | class::DATE));
        assert!(v[0].any_ascii(DIGITS));
        assert!(!v[0].any_ascii(LETTERS));
        assert_eq!({ v[1].ascii }, 1u128 << b'\n');
        assert_eq!(v[1].other, 0);
        assert!(v[2].any_ascii(ascii_mask(b".")));
        assert!(v[2].any(class::PAIR) && v[2].any(class::SPACE) && v[2].any(class::COMMA));
        assert!(!v[2].any(class::DATE));
    }

    #[test]
    fn line_count_matches_the_line_index() {
        for t in ["", "\n", "a\nb", "a\nb\n", "甲\r\n乙"] {
            let idx = crate::source::LineIndex::new(t);
            assert_eq!(line_classes(t).len(), idx.line_count(), "{t:?}");
        }
    }

    #[test]
    fn the_three_byte_tables_agree_with_the_classes() {
        for cp in (0x800..=0xFFFFu32).filter(|cp| !(0xD800..=0xDFFF).contains(cp)) {
            let c = char::from_u32(cp).unwrap();
            let mut buf = [0; 4];
            let got = line_classes(c.encode_utf8(&mut buf))[0].other;
            assert_eq!(got, class_of(c), "{c}");
        }
    }

    #[test]
    fn runs_agree_with_a_char_by_char_walk() {
        // Runs of Han of every length, broken by special Han, punctuation, ASCII, newlines.
        let t = interleaved(
            String::new(),
            (0x3000..=0x303Fu32)
                .chain(0x4000..=0x9FFF)
                .chain(0xFF00..=0xFF20),
            &["\n", "a", "年", "，", "é", "𠮷"],
        );
        let naive: Vec<Classes> = t
            .split_inclusive('\n')
            .map(|line| {
                let mut c = Classes::default();
                for ch in line.chars() {
                    if ch.is_ascii() {
                        c.ascii |= 1u128 << ch as u32;
                    } else {
                        c.other |= class_of(ch);
                    }
                }
                c
            })
            .collect();
        let got = line_classes(&t);
        assert_eq!(got[..naive.len()], naive[..]);
    }

    #[test]
    fn numeral_runs_of_the_walk_are_those_of_numeral_runs() {
        let t = interleaved(
            String::from("1一二〇○◯⚪Ｏ０９亿壹万千百十两零，12.5年第二十条，2021年１２月○日\n"),
            (0x3000..=0x303Fu32)
                .chain(0x4E00..=0x4E20)
                .chain(0x767E..=0x7680)
                .chain(0x25C0..=0x25F0)
                .chain(0xFF0E..=0xFF35),
            &["\n", "7", "二", "，", "é", "𠮷", "十五"],
        );
        for s in [&t[..], "", "1", "a1", "一", "年一", "1\n2", "𠮷1"] {
            let (classes, runs) = line_classes_and_numerals(s);
            assert_eq!(runs, crate::numeral::numeral_runs(s), "{s:?}");
            assert_eq!(classes, line_classes(s));
        }
    }

    /// `t` followed by the characters `cps`, each followed by one of `pieces` or nothing, as
    /// a fixed pseudo-random sequence chooses (a piece about two times in five).
    fn interleaved(mut t: String, cps: impl Iterator<Item = u32>, pieces: &[&str]) -> String {
        let mut k = 0u32;
        for cp in cps {
            t.push(char::from_u32(cp).unwrap());
            k = k.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            if let Some(p) = pieces.get((k >> 28) as usize) {
                t.push_str(p);
            }
        }
        t
    }

    #[test]
    fn classes_take_24_bytes() {
        assert_eq!(std::mem::size_of::<Classes>(), 24);
    }

    #[test]
    fn every_character_has_a_class() {
        // Any char: four-byte characters and controls are classed, never skipped.
        let t = "𠮷\u{200B}\u{85}é";
        let c = line_classes(t)[0];
        assert!(c.any(class::OTHER) && c.any(class::INVISIBLE));
    }
}
