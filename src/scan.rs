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
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
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

/// The class bits of a non-ASCII character.
#[inline]
pub fn class_of(c: char) -> u64 {
    use class::*;
    match c {
        '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}' => {
            HAN | han_class(c)
        }
        '〇' => HAN_DIGIT,
        '０'..='９' => FW_DIGIT,
        'Ａ'..='Ｚ' | 'ａ'..='ｚ' => FW_LATIN,
        '％' | '‰' => PERCENT,
        '《' | '》' | '〈' | '〉' | '（' | '）' | '“' | '”' | '‘' | '’' | '【' | '】' | '「'
        | '」' | '『' | '』' | '〖' | '〗' => PAIR,
        '〔' | '〕' => PAIR | DOC_NO,
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

/// The extra classes of a Han character (a `const fn`, so that [`SPECIAL_HAN`] is built
/// from it at compile time).
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

/// One bit per character of U+4E00–U+9FFF: set when [`han_class`] gives it a class
/// beyond HAN. Most of a notice is Han with no class of its own: one bit test instead of
/// a `match` over every numeral and keyword.
static SPECIAL_HAN: [u64; 328] = {
    let mut bits = [0u64; 328];
    let mut cp = 0x4E00u32;
    while cp <= 0x9FFF {
        if let Some(c) = char::from_u32(cp) {
            if han_class(c) != 0 {
                let k = (cp - 0x4E00) as usize;
                bits[k / 64] |= 1 << (k % 64);
            }
        }
        cp += 1;
    }
    bits
};

/// The classes of every line of `text` (split at `\n`; the `\n` belongs to its line).
/// There is always at least one line, as in [`crate::source::LineIndex`].
pub fn line_classes(text: &str) -> Vec<Classes> {
    let b = text.as_bytes();
    let mut out = Vec::with_capacity(b.len() / 64 + 1);
    let mut cur = Classes::default();
    let mut i = 0;
    while i < b.len() {
        let x = b[i];
        if x < 0x80 {
            cur.ascii |= 1u128 << x;
            i += 1;
            if x == b'\n' {
                out.push(cur);
                cur = Classes::default();
            }
            continue;
        }
        if (0xE4..=0xE9).contains(&x) {
            // U+4000–U+9FFF: the unified ideographs (and the end of extension A).
            let cp = ((x as u32 & 0x0F) << 12)
                | ((b[i + 1] as u32 & 0x3F) << 6)
                | (b[i + 2] as u32 & 0x3F);
            i += 3;
            if cp >= 0x4E00 {
                let k = (cp - 0x4E00) as usize;
                cur.other |= if SPECIAL_HAN[k / 64] >> (k % 64) & 1 == 0 {
                    class::HAN
                } else {
                    class_of(char::from_u32(cp).unwrap_or('\u{FFFD}'))
                };
                continue;
            }
            cur.other |= class_of(char::from_u32(cp).unwrap_or('\u{FFFD}'));
            continue;
        }
        // A multi-byte character: `text` is valid UTF-8, so the lead byte gives its length.
        let (c, len) = match x {
            0xC0..=0xDF => (((x as u32 & 0x1F) << 6) | (b[i + 1] as u32 & 0x3F), 2),
            0xE0..=0xEF => (
                ((x as u32 & 0x0F) << 12)
                    | ((b[i + 1] as u32 & 0x3F) << 6)
                    | (b[i + 2] as u32 & 0x3F),
                3,
            ),
            _ => (
                ((x as u32 & 0x07) << 18)
                    | ((b[i + 1] as u32 & 0x3F) << 12)
                    | ((b[i + 2] as u32 & 0x3F) << 6)
                    | (b[i + 3] as u32 & 0x3F),
                4,
            ),
        };
        cur.other |= class_of(char::from_u32(c).unwrap_or('\u{FFFD}'));
        i += len;
    }
    out.push(cur);
    out
}

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
        assert_eq!(v[1].ascii, 1u128 << b'\n');
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
    fn the_special_han_table_agrees_with_the_classes() {
        for cp in 0x4E00..=0x9FFFu32 {
            let c = char::from_u32(cp).unwrap();
            let mut buf = [0; 4];
            let got = line_classes(c.encode_utf8(&mut buf))[0].other;
            assert_eq!(got, class_of(c), "{c}");
        }
    }

    #[test]
    fn every_character_has_a_class() {
        // Any char: four-byte characters and controls are classed, never skipped.
        let t = "𠮷\u{200B}\u{85}é";
        let c = line_classes(t)[0];
        assert!(c.any(class::OTHER) && c.any(class::INVISIBLE));
    }
}
