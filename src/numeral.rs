//! Chinese and Arabic numerals as they appear in ordinals and counts.
//!
//! `一` to `九十九` and beyond (`一百零一`, `两`, `〇`), Arabic digits and full-width digits.

/// The value of a Chinese numeral character used as a digit, if it is one.
pub fn cn_digit(c: char) -> Option<u64> {
    Some(match c {
        '〇' | '零' => 0,
        '一' => 1,
        '二' | '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

fn cn_unit(c: char) -> Option<u64> {
    Some(match c {
        '十' => 10,
        '百' => 100,
        '千' => 1000,
        '万' => 10_000,
        _ => return None,
    })
}

/// Whether `c` may be part of a Chinese numeral.
pub fn is_cn_numeral_char(c: char) -> bool {
    cn_digit(c).is_some() || cn_unit(c).is_some()
}

/// Parse a whole string as a Chinese numeral: `十一` → 11, `二十` → 20, `一百零一` → 101,
/// `两` → 2, `二〇二一` (digit by digit) → 2021. `None` for anything else.
pub fn parse_cn(s: &str) -> Option<u64> {
    if s.is_empty() {
        return None;
    }
    if !s.chars().all(is_cn_numeral_char) {
        return None;
    }
    // Digit-by-digit form (二〇二一, 一二): no unit characters.
    if s.chars().all(|c| cn_digit(c).is_some()) {
        if s.chars().count() == 1 {
            return cn_digit(s.chars().next()?);
        }
        let mut v: u64 = 0;
        for c in s.chars() {
            v = v.checked_mul(10)?.checked_add(cn_digit(c)?)?;
        }
        return Some(v);
    }
    let mut total: u64 = 0;
    let mut section: u64 = 0;
    let mut digit: Option<u64> = None;
    for c in s.chars() {
        if let Some(d) = cn_digit(c) {
            if digit.is_some() && d != 0 {
                return None; // two digits in a row inside a unit form
            }
            digit = if d == 0 { None } else { Some(d) };
        } else if let Some(u) = cn_unit(c) {
            if u == 10_000 {
                section = section.checked_add(digit.take().unwrap_or(0))?;
                total = total.checked_add(section.checked_mul(u)?)?;
                section = 0;
            } else {
                let d = digit.take().unwrap_or(1);
                section = section.checked_add(d.checked_mul(u)?)?;
            }
        }
    }
    section = section.checked_add(digit.unwrap_or(0))?;
    total.checked_add(section)
}

/// Parse ASCII or full-width Arabic digits.
pub fn parse_arabic(s: &str) -> Option<u64> {
    if s.is_empty() {
        return None;
    }
    let mut v: u64 = 0;
    for c in s.chars() {
        let d = arabic_digit(c)?;
        v = v.checked_mul(10)?.checked_add(d)?;
    }
    Some(v)
}

/// The value of an ASCII or full-width digit.
pub fn arabic_digit(c: char) -> Option<u64> {
    match c {
        '0'..='9' => Some(c as u64 - '0' as u64),
        '０'..='９' => Some(c as u64 - '０' as u64),
        _ => None,
    }
}

/// A number written either way (`19`, `１９`, `十九`).
pub fn parse_any(s: &str) -> Option<u64> {
    parse_arabic(s).or_else(|| parse_cn(s))
}

/// The value of a circled number ① … ⑳.
pub fn circled(c: char) -> Option<u64> {
    let u = c as u32;
    if (0x2460..=0x2473).contains(&u) {
        Some((u - 0x2460 + 1) as u64)
    } else {
        None
    }
}

/// Write `n` as a Chinese numeral (for messages): 11 → 十一.
pub fn to_cn(n: u64) -> String {
    const D: [char; 10] = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
    if n < 10 {
        return D[n as usize].to_string();
    }
    if n < 20 {
        return format!(
            "十{}",
            if n == 10 {
                String::new()
            } else {
                D[(n - 10) as usize].to_string()
            }
        );
    }
    if n < 100 {
        let t = D[(n / 10) as usize];
        return if n.is_multiple_of(10) {
            format!("{t}十")
        } else {
            format!("{t}十{}", D[(n % 10) as usize])
        };
    }
    n.to_string()
}

/// The non-ASCII characters of [`numeral_runs`] (all three bytes long in UTF-8).
const NUMERAL_CHARS: [char; 28] = [
    '〇', '零', '一', '二', '两', '三', '四', '五', '六', '七', '八', '九', '十', '百', '千', '万',
    '○', '０', '１', '２', '３', '４', '５', '６', '７', '８', '９', 'Ｏ',
];

/// One bit per code point of the Basic Multilingual Plane: [`NUMERAL_CHARS`].
static NUMERAL_BITS: BmpSet = BmpSet::of(&NUMERAL_CHARS);

/// A set of characters of the Basic Multilingual Plane, one bit per code point (8 KiB),
/// built at compile time: membership is one load and a shift.
pub(crate) struct BmpSet([u64; 1024]);

impl BmpSet {
    pub(crate) const fn of(chars: &[char]) -> BmpSet {
        let mut t = [0u64; 1024];
        let mut k = 0;
        while k < chars.len() {
            let cp = chars[k] as u32;
            if cp < 0x1_0000 {
                t[(cp >> 6) as usize] |= 1 << (cp & 63);
            }
            k += 1;
        }
        BmpSet(t)
    }

    /// The set with the first character of each of `words` added.
    pub(crate) const fn with_first_chars(mut self, words: &[&str]) -> BmpSet {
        let mut k = 0;
        while k < words.len() {
            self = self.with_char_at(words[k].as_bytes(), 0).0;
            k += 1;
        }
        self
    }

    /// The set with every character of `s` added.
    pub(crate) const fn with_chars(mut self, s: &str) -> BmpSet {
        let b = s.as_bytes();
        let mut i = 0;
        while i < b.len() {
            let len;
            (self, len) = self.with_char_at(b, i);
            i += len;
        }
        self
    }

    /// The set with the character starting at byte `i` of the UTF-8 bytes `b` added (one
    /// outside the BMP is not), and that character's length.
    const fn with_char_at(mut self, b: &[u8], i: usize) -> (BmpSet, usize) {
        let (cp, len) = match b[i] {
            x if x < 0x80 => (x as u32, 1),
            x if x < 0xE0 => ((x as u32 & 0x1F) << 6 | (b[i + 1] as u32 & 0x3F), 2),
            x if x < 0xF0 => (crate::source::code_point3(x, b[i + 1], b[i + 2]), 3),
            _ => (u32::MAX, 4),
        };
        if cp < 0x1_0000 {
            self.0[(cp >> 6) as usize] |= 1 << (cp & 63);
        }
        (self, len)
    }

    /// Whether the code point `cp` is in the set.
    #[inline]
    pub(crate) fn has(&self, cp: u32) -> bool {
        cp < 0x1_0000 && self.0[(cp >> 6) as usize] >> (cp & 63) & 1 != 0
    }
}

/// A quick filter on the last two bytes of a three-byte character: bit `third & 63` of
/// `NUMERAL_TAIL[second byte]` is set when some character of [`NUMERAL_CHARS`] ends with
/// those two bytes (whatever its first byte).
static NUMERAL_TAIL: [u64; 256] = {
    let mut t = [0u64; 256];
    let mut k = 0;
    while k < NUMERAL_CHARS.len() {
        let cp = NUMERAL_CHARS[k] as u32;
        t[(0x80 | ((cp >> 6) & 0x3F)) as usize] |= 1 << (cp & 0x3F);
        k += 1;
    }
    t
};

/// Whether the three-byte character `x b1 b2` is a numeral character of [`numeral_runs`].
#[inline]
pub(crate) fn is_numeral3(x: u8, b1: u8, b2: u8) -> bool {
    NUMERAL_BITS.has(crate::source::code_point3(x, b1, b2))
}

/// The length of the character at `b[i]` (a char boundary) and whether it is a numeral
/// character of [`numeral_runs`].
#[inline(always)]
fn numeral_at(b: &[u8], i: usize) -> (bool, usize) {
    let x = b[i];
    if x >= 0xE0 {
        if x >= 0xF0 {
            return (false, 4);
        }
        let (Some(&b1), Some(&b2)) = (b.get(i + 1), b.get(i + 2)) else {
            return (false, 3);
        };
        if NUMERAL_TAIL[b1 as usize].wrapping_shr(u32::from(b2)) & 1 == 0 {
            return (false, 3);
        }
        (is_numeral3(x, b1, b2), 3)
    } else if x < 0x80 {
        (x.wrapping_sub(b'0') < 10, 1)
    } else {
        (false, 2)
    }
}

/// A run of numeral characters: its start and end byte offsets in the text (`u32`: half
/// the room of a `usize` pair, for a vector kept while the rules run).
pub type Run = (u32, u32);

/// The part of a text whose numeral runs are recorded: the first 4 GiB (a [`Run`] holds
/// `u32` offsets; a numeral past them is not seen by the number rules).
#[inline]
pub(crate) fn runs_part(text: &[u8]) -> &[u8] {
    &text[..text.len().min(u32::MAX as usize)]
}

/// The maximal runs (byte ranges) of numeral characters in `text`: ASCII and full-width
/// digits, the Chinese numeral characters of [`is_cn_numeral_char`], ○ and Ｏ. Every number
/// a rule reads (quantities, dates) starts at one of these characters, so a scan can jump
/// from run to run ([`RunCursor`]) instead of decoding the text between them.
pub fn numeral_runs(text: &str) -> Vec<Run> {
    let b = runs_part(text.as_bytes());
    // Offsets fit in `u32` (`runs_part`).
    let run = |a: usize, z: usize| (a as u32, z as u32);
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        // Chinese text is mostly three-byte characters: skip four of them at once when
        // none can be a numeral: all four start with a lead byte 0xE0..=0xEF (so they are
        // three bytes long) and none has the last two bytes of a numeral character
        // ([`NUMERAL_TAIL`]; a character that has them is looked at one by one below).
        if let Some(w) = b.get(i..i + 12) {
            let w: &[u8; 12] = w.try_into().unwrap_or(&[0; 12]);
            let leads = u32::from_le_bytes([w[0], w[3], w[6], w[9]]);
            if leads & 0xF0F0_F0F0 == 0xE0E0_E0E0 {
                let tail =
                    |k: usize| NUMERAL_TAIL[w[k + 1] as usize].wrapping_shr(u32::from(w[k + 2]));
                if (tail(0) | tail(3) | tail(6) | tail(9)) & 1 == 0 {
                    i += 12;
                    continue;
                }
            }
        }
        let (hit, len) = numeral_at(b, i);
        if !hit {
            i += len;
            continue;
        }
        let start = i;
        i += len;
        while i < b.len() {
            let (hit, len) = numeral_at(b, i);
            if !hit {
                out.push(run(start, i));
                i += len;
                break;
            }
            i += len;
        }
        if i >= b.len() && out.last().is_none_or(|r| r.0 as usize != start) {
            out.push(run(start, b.len()));
        }
    }
    // Kept for the whole check of a notice: not with the doubling's spare room.
    out.shrink_to_fit();
    out
}

/// A forward cursor over [`numeral_runs`]: where the next numeral character is.
pub struct RunCursor<'a> {
    runs: &'a [Run],
    k: usize,
}

impl<'a> RunCursor<'a> {
    /// A cursor over `runs` for positions from `from` on.
    pub fn new(runs: &'a [Run], from: usize) -> Self {
        RunCursor {
            k: runs.partition_point(|r| r.1 as usize <= from),
            runs,
        }
    }

    /// The first position at or after `i` that holds a numeral character, if any.
    /// Calls must not go backwards past an earlier answer's run.
    #[inline]
    pub fn next(&mut self, i: usize) -> Option<usize> {
        self.next_run(i).map(|r| r.0)
    }

    /// Steps over the runs that end at or before `i`.
    #[inline(always)]
    fn pass_ended(&mut self, i: usize) {
        while self.k < self.runs.len() && self.runs[self.k].1 as usize <= i {
            self.k += 1;
        }
    }

    /// [`RunCursor::next`] and where its run ends: the rest of the run that holds or
    /// follows `i`.
    #[inline]
    pub fn next_run(&mut self, i: usize) -> Option<(usize, usize)> {
        self.pass_ended(i);
        self.runs
            .get(self.k)
            .map(|r| ((r.0 as usize).max(i), r.1 as usize))
    }

    /// [`RunCursor::next_run`], passing over the runs that `keep` (given a run's start, or
    /// `i` inside it, and its end) turns down, in one tight loop: `None` when no run kept
    /// starts before `end`. The same as calling `next_run` from each turned-down run's end
    /// (a run starts after the end of the one before it).
    #[inline(always)]
    pub fn next_run_where(
        &mut self,
        i: usize,
        end: usize,
        mut keep: impl FnMut(usize, usize) -> bool,
    ) -> Option<(usize, usize)> {
        self.pass_ended(i);
        while let Some(&(a, z)) = self.runs.get(self.k) {
            let a = (a as usize).max(i);
            if a >= end {
                return None;
            }
            if keep(a, z as usize) {
                return Some((a, z as usize));
            }
            self.k += 1;
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_numerals() {
        for (s, v) in [
            ("一", 1),
            ("十", 10),
            ("十一", 11),
            ("二十", 20),
            ("二十三", 23),
            ("九十九", 99),
            ("一百", 100),
            ("一百零一", 101),
            ("一百一十二", 112),
            ("两", 2),
            ("〇", 0),
            ("二〇二一", 2021),
            ("一万二千", 12000),
        ] {
            assert_eq!(parse_cn(s), Some(v), "{s}");
        }
        assert_eq!(parse_cn("三四十"), None);
        assert_eq!(parse_cn("是"), None);
        assert_eq!(parse_arabic("１２"), Some(12));
        assert_eq!(circled('⑳'), Some(20));
        assert_eq!(to_cn(11), "十一");
        assert_eq!(to_cn(20), "二十");
        assert_eq!(to_cn(35), "三十五");
    }

    #[test]
    fn runs_of_numerals() {
        let t = "第二十条，2021年１２月○日，共计19个、万元";
        let runs: Vec<&str> = numeral_runs(t)
            .into_iter()
            .map(|(a, b)| &t[a as usize..b as usize])
            .collect();
        assert_eq!(runs, ["二十", "2021", "１２", "○", "19", "万"]);
        let all = numeral_runs(t);
        let mut c = RunCursor::new(&all, 0);
        let p = c.next(0).unwrap();
        assert_eq!(&t[p..p + 3], "二");
        assert_eq!(c.next(p + 3), Some(p + 3));
        assert_eq!(c.next_run(p + 3), Some((p + 3, p + 6)));
        assert_eq!(c.next(t.len()), None);
    }
}
