//! `duplicate-sentence` (NL403): the same sentence or long clause appears twice in one notice.
//!
//! Sentences (split at 。！？；) and their clauses (split at ，) of the body and the trailer
//! are hashed by their text (whitespace dropped, ASCII punctuation read as full-width); a
//! unit with at least [`MIN_HAN`] Han characters whose text was already seen is reported at
//! the later copy, with a label at the first. Linear in the notice: one hash lookup per unit.
//! Back-to-back repeats are `repeated-phrase` (NL401) and are skipped here; consecutive
//! repeated clauses are reported as one stretch.

use std::collections::hash_map::Entry;
use std::collections::HashMap;
use std::ops::Range;

use super::prelude::*;
#[cfg(test)]
use super::text::cjk_run;
use super::text::{cjk_run_end, is_han_lead};
use crate::diagnostic::Label;

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

#[cfg(test)]
fn is_clause_end(c: char) -> bool {
    matches!(c, '，' | ',' | '：' | ':')
}

/// A list of names (区住房和城乡建设局、区城市管理局): repeated lists of bodies, places or
/// people are normal (责任单位：… under every item).
/// Without a label, a sentence with commas is prose even when it enumerates (涌现出一批敢于
/// 担当、攻坚克难的先进集体).
///
/// The rule reads this from the marks of the paragraph ([`list_from_marks`]); this walk
/// over the text is what it must agree with.
#[cfg(test)]
fn is_list(s: &str) -> bool {
    // One pass on the bytes: whether a colon labels it, and for the value (the text after
    // the last colon) whether it holds a 、 and a comma, and the most Han characters of
    // one of its items between 、.
    let b = s.as_bytes();
    let (mut labelled, mut dun, mut comma, mut item, mut most) = (false, false, false, 0, 0);
    let mut i = 0;
    while i < b.len() {
        let x = b[i];
        // Most characters: the CJK block, stepped over whole.
        if (0xE4..=0xE9).contains(&x) {
            item += usize::from(is_han_lead(x, b[i + 1]));
            i += 3;
            continue;
        }
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

/// [`is_list`] of a unit `a..b` of a paragraph (offsets in it, with `han_a`, `han_b` Han
/// characters before them), from the 、 of the paragraph (`duns`: offset and the Han
/// characters before it, in order): `labelled` when a colon comes before `a` in the unit
/// (the value after the last one is judged), `comma` when a comma comes in `a..b`.
fn list_from_marks(
    duns: &[(usize, usize)],
    (a, han_a): (usize, usize),
    (b, han_b): (usize, usize),
    labelled: bool,
    comma: bool,
) -> bool {
    let lo = duns.partition_point(|d| d.0 < a);
    let hi = lo + duns[lo..].partition_point(|d| d.0 < b);
    // No 、, or a comma in an unlabelled text (prose): not a list.
    if lo == hi || (!labelled && comma) {
        return false;
    }
    // The items between 、: the most Han characters of one.
    let (mut most, mut before) = (0, han_a);
    for &(_, h) in &duns[lo..hi] {
        most = most.max(h - before);
        before = h;
    }
    most.max(han_b - before) <= 16
}

/// Characters a diagnostic's span covers at most: a long copy is shown by its beginning
/// (whole clauses when they fit), the message and the fix give the rest.
const MAX_SPAN_CHARS: usize = 60;

/// The beginning of a long copy: its first clauses within [`MAX_SPAN_CHARS`], or the
/// first [`MAX_SPAN_CHARS`] characters when its first clause is longer.
///
/// One walk on the bytes, a character at a time (its length from its lead byte): where the
/// character after the first [`MAX_SPAN_CHARS`] starts, the last clause end
/// (，：,:) before it and the Han characters before that end (as
/// `text::han_count` counts them).
fn head_span(text: &str, r: Range<usize>) -> Range<usize> {
    let b = &text.as_bytes()[r.clone()];
    // The last clause end seen and the Han characters before it.
    let mut clause_end: Option<(usize, usize)> = None;
    let (mut i, mut chars, mut han) = (0, 0, 0);
    while i < b.len() {
        if chars == MAX_SPAN_CHARS {
            let end = match clause_end {
                Some((at, h)) if h >= MIN_HAN => at,
                _ => i,
            };
            return r.start..r.start + end;
        }
        let x = b[i];
        let len = match x {
            0..=0x7F => 1,
            0x80..=0xDF => 2,
            0xE0..=0xEF => 3,
            _ => 4,
        };
        if x == b','
            || x == b':'
            || (x == 0xEF && b[i + 1] == 0xBC && matches!(b[i + 2], 0x8C | 0x9A))
        {
            clause_end = Some((i, han));
        } else if len == 3 {
            han += usize::from(is_han_lead(x, b[i + 1]));
        }
        i += len;
        chars += 1;
    }
    r
}

/// [`head_span`] as it reads on characters (the tests compare the two).
#[cfg(test)]
fn head_span_chars(text: &str, r: Range<usize>) -> Range<usize> {
    let s = &text[r.clone()];
    let Some((cap, _)) = s.char_indices().nth(MAX_SPAN_CHARS) else {
        return r;
    };
    let end = s[..cap]
        .char_indices()
        .rev()
        .find(|&(_, c)| is_clause_end(c))
        .map(|(i, _)| i)
        .filter(|&i| super::text::han_count(&s[..i]) >= MIN_HAN)
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

/// The UTF-8 bytes of a text's [`key`]: the text itself when it is `plain` (no whitespace,
/// no `,` `:` `(` `)`), else written into `buf` on the bytes.
fn key_bytes<'b>(s: &'b str, plain: bool, buf: &'b mut Vec<u8>) -> &'b [u8] {
    if plain {
        return s.as_bytes();
    }
    buf.clear();
    let b = s.as_bytes();
    // Runs of bytes are copied as they are up to a byte that may start a change.
    let (mut run, mut i) = (0, 0);
    while i < b.len() {
        let x = b[i];
        let (len, with): (usize, &[u8]) = match x {
            b' ' | b'\t'..=b'\r' => (1, b""),
            b',' => (1, "，".as_bytes()),
            b':' => (1, "：".as_bytes()),
            b'(' => (1, "（".as_bytes()),
            b')' => (1, "）".as_bytes()),
            // The lead bytes of the spaces of more than one byte.
            0xC2 | 0xE1..=0xE3 => {
                let len = if x == 0xC2 { 2 } else { 3 };
                let v = b[i..i + len]
                    .iter()
                    .fold(0u32, |v, &c| v << 8 | u32::from(c));
                if !is_multibyte_space(v) {
                    i += len;
                    continue;
                }
                (len, b"")
            }
            // Other three-byte characters stay: the CJK block a run at a time.
            0xE4..=0xE9 => {
                i = cjk_run_end(b, i);
                continue;
            }
            0xEA..=0xEF => {
                i += 3;
                continue;
            }
            // Any other byte (continuation bytes too) stays.
            _ => {
                i += 1;
                continue;
            }
        };
        buf.extend_from_slice(&b[run..i]);
        buf.extend_from_slice(with);
        i += len;
        run = i;
    }
    buf.extend_from_slice(&b[run..]);
    buf
}

/// A 64-bit hash of bytes, eight at a time (the last eight, which may overlap the words
/// before them, end it; a text under eight bytes is one word). Only lookups depend on it:
/// the map of texts seen is never iterated.
fn bytes_hash(b: &[u8]) -> u64 {
    const K: u64 = 0x9E37_79B9_7F4A_7C15;
    let word = |c: &[u8]| u64::from_le_bytes(c.try_into().expect("eight bytes"));
    let mut h = 0xcbf2_9ce4_8422_2325u64 ^ b.len() as u64;
    let last = if b.len() >= 8 {
        for c in b[..b.len() - 8].chunks_exact(8) {
            h = (h.rotate_left(23) ^ word(c)).wrapping_mul(K);
        }
        word(&b[b.len() - 8..])
    } else {
        b.iter().fold(0u64, |w, &x| w << 8 | u64::from(x))
    };
    h = (h.rotate_left(23) ^ last).wrapping_mul(K);
    h ^ (h >> 29)
}

/// The hash of a sentence's key from the hashes of its clauses' keys (`clauses`, as
/// [`bytes_hash`] gives them) and the marks between them (`here`: whether each is a
/// colon). A sentence of one clause has that clause's hash. The key of a sentence of
/// several clauses is its clauses' keys joined by their marks read as full-width (，or ：:
/// whitespace is not in a key, and the marks that split clauses are the only ，：,: of a
/// sentence), so that equal keys have equal clause hashes and marks, hence equal hashes.
/// Such a key holds a ，or ： and no clause's key does: the two kinds of hash only need to
/// be apart by chance, as any two texts' hashes.
fn sentence_hash(clauses: &[u64], here: &[Clause]) -> u64 {
    const K: u64 = 0x9E37_79B9_7F4A_7C15;
    if let [one] = clauses {
        return *one;
    }
    let mut h = 0x8422_2325_cbf2_9ce4u64 ^ clauses.len() as u64;
    for (&c, (.., colon)) in clauses.iter().zip(here) {
        h = (h.rotate_left(23) ^ c).wrapping_mul(K) ^ u64::from(*colon);
    }
    h = h.wrapping_mul(K);
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

/// The texts seen, by the hash of their key: a cheap hasher, the key being a hash already.
type Seen64<I> = HashMap<u64, Seen<I>, std::hash::BuildHasherDefault<crate::tree::KeyHasher>>;

/// A byte offset or clause number as stored for every clause and every text seen: `u32`
/// for a text under 2 GiB (clauses are fewer than its bytes), `usize` beyond, so that a
/// huge notice costs 8 bytes per clause.
trait Ix: Copy + Eq {
    /// Between paragraphs in the clause list.
    const NONE: Self;
    /// The top bit, which no offset sets: [`Found`]'s flag.
    const TOP: usize;
    fn ix(n: usize) -> Self;
    fn get(self) -> usize;
}

impl Ix for u32 {
    const NONE: Self = u32::MAX;
    const TOP: usize = 1 << 31;
    fn ix(n: usize) -> Self {
        debug_assert!(n < u32::MAX as usize);
        n as u32
    }
    fn get(self) -> usize {
        self as usize
    }
}

impl Ix for usize {
    const NONE: Self = usize::MAX;
    const TOP: usize = 1 << (usize::BITS - 1);
    fn ix(n: usize) -> Self {
        n
    }
    fn get(self) -> usize {
        self
    }
}

/// A sentence or clause: its bytes (trimmed, end mark excluded) and the clause numbers it spans.
struct Unit {
    span: Range<usize>,
    /// Han characters in it.
    han: usize,
    /// It is a list ([`is_list`]).
    list: bool,
    /// It holds no whitespace nor `,` `:` `(` `)`: the text is its own key
    /// ([`key_bytes`]).
    plain: bool,
    first_clause: usize,
    last_clause: usize,
}

/// A repeat found: the later copy and the first (byte ranges), and whether a whole
/// sentence is repeated (the later copy can go with its end mark). 16 bytes with `u32`
/// offsets (a huge notice has many): the flag is the top bit of the later copy's end, which
/// no offset sets ([`check`] picks `u32` for texts under 2 GiB).
struct Found<I> {
    later: [I; 2],
    first: [I; 2],
}

impl<I: Ix> Found<I> {
    fn new(later: [I; 2], first: [I; 2], whole: bool) -> Self {
        let end = later[1].get() | if whole { I::TOP } else { 0 };
        Found {
            later: [later[0], I::ix(end)],
            first,
        }
    }

    fn later(&self) -> Range<usize> {
        self.later[0].get()..self.later[1].get() & !I::TOP
    }

    fn whole(&self) -> bool {
        self.later[1].get() & I::TOP != 0
    }
}

fn eligible(role: Role) -> bool {
    matches!(role, Role::Body | Role::Trailer)
}

/// Trim whitespace off a byte range of `text`.
#[inline]
fn trim(text: &str, r: Range<usize>) -> Range<usize> {
    // The usual case, on the bytes: neither the first character nor the last can be
    // whitespace (all of it is ASCII or has the lead byte C2 or E1–E3).
    let b = text.as_bytes();
    let may_space = |x: u8| matches!(x, b' ' | b'\t'..=b'\r' | 0xC2 | 0xE1..=0xE3);
    if r.is_empty() {
        return r;
    }
    if may_space(b[r.start]) {
        return trim_chars(text, r);
    }
    // The last character: most often told from its last byte alone (a whitespace
    // character ends with an ASCII space byte or one of 80–8A 9F A0 A8 A9 AF, see
    // [`is_multibyte_space`]), else from its lead byte.
    let end = b[r.end - 1];
    if !matches!(end, b' ' | b'\t'..=b'\r' | 0x80..=0x8A | 0x9F | 0xA0 | 0xA8 | 0xA9 | 0xAF) {
        return r;
    }
    let mut last = r.end - 1;
    while b[last] & 0xC0 == 0x80 {
        last -= 1;
    }
    if !may_space(b[last]) {
        return r;
    }
    trim_chars(text, r)
}

/// [`trim`] on the characters.
fn trim_chars(text: &str, r: Range<usize>) -> Range<usize> {
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
    /// A colon (a clause mark).
    colon: bool,
    han: usize,
    dun: usize,
    /// Characters before it that make a text differ from its key ([`key_bytes`]), not
    /// counting the paragraph's indent.
    spec: usize,
}

/// Bytes a paragraph's scan ([`scan_marks`]) looks at, sixteen at a time: for each
/// chunk, two words (little-endian) with the high bit of each byte set where that byte
/// must be read, and two where it is the lead byte of a character of the CJK block
/// (U+4000–U+9FFF, lead bytes E4–E9).
///
/// A byte to read: ASCII below `0`, or from `:` to `?` (every ASCII mark and whitespace
/// the rule cares for: `!?;,:()`, space, tab to CR), or a lead byte other than E4–E9
/// (C2, E1, E2: the spaces of more than one byte; E3: 。、, U+3000, extension A; EF:
/// ！？；，：, compatibility ideographs; the others rare). Continuation bytes (80–BF)
/// never are. `e4` is E4 when the text holds hexagrams (U+4DC0–U+4DFF, E4 B7 xx, in the
/// CJK block but not Han: each E4 is then read), else 0 (a byte read anyway).
///
/// Written as a loop over the bytes that the compiler turns into vector comparisons.
#[inline(always)]
fn chunk_flags(c: &[u8; 16], e4: u8) -> ([u64; 2], [u64; 2]) {
    let (mut look, mut cjk) = ([0u8; 16], [0u8; 16]);
    for j in 0..16 {
        let x = c[j];
        let block = x.wrapping_sub(0xE4) < 6;
        let read = (x < b'0') | (x.wrapping_sub(b':') < 6) | ((x >= 0xC0) & !block) | (x == e4);
        look[j] = u8::from(read) << 7;
        cjk[j] = u8::from(block) << 7;
    }
    let word = |a: &[u8; 16], k: usize| {
        u64::from_le_bytes(a[8 * k..8 * k + 8].try_into().expect("eight bytes"))
    };
    (
        [word(&look, 0), word(&look, 1)],
        [word(&cjk, 0), word(&cjk, 1)],
    )
}

/// The bits of `w` at or above bit `from` (`from` is 7 mod 8 and `w` has no bit set but
/// the high bit of a byte, as [`chunk_flags`] gives them): the bytes' sum by one
/// multiplication (the target's baseline has no `popcnt`: `count_ones` is a dozen
/// instructions).
#[inline(always)]
fn high_bits(w: u64, from: u32) -> usize {
    ((w >> from).wrapping_mul(0x0101_0101_0101_0101) >> 56) as usize
}

/// The sentence ends ([`is_sentence_end`]) and clause ends (，：,:) of a
/// paragraph, read on its bytes (all these marks are ASCII or three bytes), into `marks`;
/// returns the paragraph's Han characters, its 、 and its characters that make a text
/// differ from its key (after its indent; see [`key_bytes`]). The 、 go to `duns` with
/// the Han characters before each. `hexagrams`: the text may hold U+4DC0–U+4DFF.
///
/// Sixteen bytes at a time ([`chunk_flags`]): the lead bytes of the CJK block are counted
/// as Han (less the hexagrams), and only the few other bytes that can matter are read,
/// each by its lead byte (a continuation byte is never one).
fn scan_marks(
    p: &str,
    hexagrams: bool,
    marks: &mut Vec<Mark>,
    duns: &mut Vec<(usize, usize)>,
) -> (usize, usize, usize) {
    marks.clear();
    duns.clear();
    // The indent (whitespace) holds no mark, no Han and counts for no key. Most paragraphs
    // have none: their first byte is not one a whitespace character begins with.
    let start = match p.as_bytes().first() {
        Some(b' ' | b'\t'..=b'\r' | 0xC2 | 0xE1..=0xE3) => p.len() - p.trim_start().len(),
        _ => 0,
    };
    let mut scan = Scan {
        p: p.as_bytes(),
        e4: if hexagrams { 0xE4 } else { 0 },
        han: 0,
        dun: 0,
        spec: 0,
        marks,
        duns,
    };
    let mut at = start;
    while let Some(c) = scan.p.get(at..at + 16) {
        scan.chunk(at, c.try_into().expect("sixteen bytes"));
        at += 16;
    }
    if at < scan.p.len() {
        // The last bytes, padded with continuation bytes (neither read nor Han).
        let mut c = [0x80; 16];
        c[..scan.p.len() - at].copy_from_slice(&scan.p[at..]);
        scan.chunk(at, c);
    }
    (scan.han, scan.dun, scan.spec)
}

/// [`scan_marks`]'s state: the paragraph, the hexagram byte of [`chunk_flags`], the
/// counts so far and the marks and 、 found.
struct Scan<'a> {
    p: &'a [u8],
    e4: u8,
    han: usize,
    dun: usize,
    spec: usize,
    marks: &'a mut Vec<Mark>,
    duns: &'a mut Vec<(usize, usize)>,
}

impl Scan<'_> {
    /// The sixteen bytes at `at` (past the end: continuation bytes).
    #[inline(always)]
    fn chunk(&mut self, at: usize, c: [u8; 16]) {
        let (look, cjk) = chunk_flags(&c, self.e4);
        self.word(at, look[0], cjk[0]);
        self.word(at + 8, look[1], cjk[1]);
    }

    /// The eight bytes at `at`: `look` and `cjk` as [`chunk_flags`] gives them.
    #[inline(always)]
    fn word(&mut self, at: usize, mut look: u64, cjk: u64) {
        // The word's CJK characters are counted first: before a byte, the Han characters
        // are `han` less those of the word at or after it.
        self.han += high_bits(cjk, 7);
        while look != 0 {
            let bit = look.trailing_zeros();
            look &= look - 1;
            self.byte(at + (bit / 8) as usize, high_bits(cjk, bit));
        }
    }

    /// The byte at `i` that [`chunk_flags`] says to read, with `later` CJK characters of
    /// its word counted in `han` though at or after it.
    #[inline(always)]
    fn byte(&mut self, i: usize, later: usize) {
        let p = self.p;
        let before = self.han - later;
        let (dun, spec) = (self.dun, self.spec);
        let marks = &mut *self.marks;
        let mut push = |len, sentence, colon| {
            marks.push(Mark {
                at: i,
                len,
                sentence,
                colon,
                han: before,
                dun,
                spec,
            });
        };
        match p[i] {
            b'!' | b'?' | b';' => push(1, true, false),
            b',' => {
                push(1, false, false);
                self.spec += 1;
            }
            b':' => {
                push(1, false, true);
                self.spec += 1;
            }
            b'(' | b')' | b' ' | b'\t'..=b'\r' => self.spec += 1,
            0xC2 => self.spec += usize::from(is_multibyte_space(0xC200 | u32::from(p[i + 1]))),
            x @ (0xE1 | 0xE2) => {
                let v = u32::from(x) << 16 | u32::from(p[i + 1]) << 8 | u32::from(p[i + 2]);
                self.spec += usize::from(is_multibyte_space(v));
            }
            0xE3 => match (p[i + 1], p[i + 2]) {
                // 。
                (0x80, 0x82) => push(3, true, false),
                // 、
                (0x80, 0x81) => {
                    self.dun += 1;
                    self.duns.push((i, before));
                }
                // U+3000
                (0x80, 0x80) => self.spec += 1,
                // Extension A.
                (y, _) => self.han += usize::from(y >= 0x90),
            },
            0xEF => match (p[i + 1], p[i + 2]) {
                // ！？；
                (0xBC, 0x81 | 0x9F | 0x9B) => push(3, true, false),
                // ，
                (0xBC, 0x8C) => push(3, false, false),
                // ：
                (0xBC, 0x9A) => push(3, false, true),
                // Compatibility ideographs.
                (y, _) => self.han += usize::from((0xA4..=0xAB).contains(&y)),
            },
            // A hexagram, counted with the CJK block above.
            0xE4 => self.han -= usize::from(p[i + 1] == 0xB7),
            _ => {}
        }
    }
}

/// [`scan_marks`] as it was written first, a character (or a run of the CJK block) at a
/// time: the tests compare the two.
#[cfg(test)]
fn scan_marks_walk(
    p: &str,
    hexagrams: bool,
    marks: &mut Vec<Mark>,
    duns: &mut Vec<(usize, usize)>,
) -> (usize, usize, usize) {
    marks.clear();
    duns.clear();
    let mut han = 0;
    let mut dun = 0;
    let mut spec = 0;
    // The indent (whitespace) holds no mark, no Han and counts for no key.
    let mut i = p.len() - p.trim_start().len();
    let p = p.as_bytes();
    let push = |marks: &mut Vec<Mark>, at, len, sentence, han, dun, spec| {
        marks.push(Mark {
            at,
            len,
            sentence,
            colon: !sentence && matches!(p[at], b':' | 0xEF) && p[at + len - 1] != 0x8C,
            han,
            dun,
            spec,
        });
    };
    while i < p.len() {
        let x = p[i];
        // Most characters: the CJK block, a run at a time.
        if (0xE4..=0xE9).contains(&x) {
            let (j, h) = if hexagrams {
                cjk_run(p, i)
            } else {
                let j = cjk_run_end(p, i);
                (j, (j - i) / 3)
            };
            han += h;
            i = j;
            continue;
        }
        match x {
            b'!' | b'?' | b';' => {
                push(marks, i, 1, true, han, dun, spec);
                i += 1;
            }
            b',' | b':' => {
                push(marks, i, 1, false, han, dun, spec);
                spec += 1;
                i += 1;
            }
            b'(' | b')' | b' ' | b'\t'..=b'\r' => {
                spec += 1;
                i += 1;
            }
            0..=0x7F => i += 1,
            0xC2 => {
                spec += usize::from(is_multibyte_space(0xC200 | u32::from(p[i + 1])));
                i += 2;
            }
            0x80..=0xDF => i += 2,
            0xE0..=0xEF => {
                let (y, z) = (p[i + 1], p[i + 2]);
                match (x, y) {
                    (0xEF, 0xBC) => match z {
                        // ！？；
                        0x81 | 0x9F | 0x9B => push(marks, i, 3, true, han, dun, spec),
                        // ，：
                        0x8C | 0x9A => push(marks, i, 3, false, han, dun, spec),
                        _ => {}
                    },
                    (0xE3, 0x80) => match z {
                        // 。
                        0x82 => push(marks, i, 3, true, han, dun, spec),
                        // 、
                        0x81 => {
                            dun += 1;
                            duns.push((i, han));
                        }
                        // U+3000
                        0x80 => spec += 1,
                        _ => {}
                    },
                    // The other spaces of three bytes: U+1680, U+2000–U+205F.
                    (0xE1 | 0xE2, _) => {
                        let v = u32::from(x) << 16 | u32::from(y) << 8 | u32::from(z);
                        spec += usize::from(is_multibyte_space(v));
                    }
                    _ => han += usize::from(is_han_lead(x, y)),
                }
                i += 3;
            }
            _ => i += 4,
        }
    }
    (han, dun, spec)
}

/// A clause of the sentence at hand: its bytes (trimmed, end mark excluded), its Han
/// characters, whether it is a list ([`is_list`]), whether it is its own key
/// ([`key_bytes`]), and whether the mark that ends it is a colon (the last clause of a
/// sentence: false).
type Clause = (Range<usize>, usize, bool, bool, bool);

fn check(ctx: &Ctx, out: &mut Findings) {
    if ctx.text.len() < (u32::MAX / 2) as usize {
        report(ctx, find::<u32>(ctx), out);
    } else {
        report(ctx, find::<usize>(ctx), out);
    }
}

/// The repeats of the notice, in order. Each sentence is compared as soon as it is split:
/// only the clauses' spans (for widening a repeat over its neighbours) and the texts seen
/// are kept for the whole notice.
fn find<I: Ix>(ctx: &Ctx) -> Vec<Found<I>> {
    let text = ctx.text;
    // Every clause's span in order, `NONE` between paragraphs (once between two
    // paragraphs with clauses: a gap of one clause or more is all that counts).
    // About one every 50 bytes in notices: room for most of a usual notice's at once.
    let mut clauses: Vec<[I; 2]> = Vec::with_capacity((text.len() / 64).min(1 << 16));
    // The clauses of the sentence at hand, and the marks and 、 of the paragraph at hand
    // (room for a usual sentence and paragraph at once: the buffers serve the whole notice).
    let mut here: Vec<Clause> = Vec::with_capacity(16);
    let mut marks: Vec<Mark> = Vec::with_capacity(64);
    let mut duns: Vec<(usize, usize)> = Vec::with_capacity(16);
    // Presized for the texts a usual notice has (one for every hundred bytes or so): the
    // first doublings of the table are skipped. Not more: a huge notice made of repeated
    // text has far fewer different texts than its size says (the 32 MB notice's table would
    // be twice the size it grows to).
    let mut seen =
        Seen64::<I>::with_capacity_and_hasher((text.len() / 96).min(1 << 14), Default::default());
    let mut bufs = [Vec::new(), Vec::new()];
    // The hashes of the keys of the clauses of the sentence at hand.
    let mut hashes: Vec<u64> = Vec::with_capacity(16);
    let mut found: Vec<Found<I>> = Vec::new();
    // A Yijing hexagram symbol U+4DC0–U+4DFF (E4 B7 80–BF) is the one block of characters
    // with UTF-8 lead bytes E4–E9 that is not Han: Han characters are counted as those
    // three-byte characters when there is none. Looked for here rather than in the line
    // classes, which this rule's group does not need on a notice checked in two groups.
    let hexagrams = memchr::memmem::find(text.as_bytes(), &"\u{4DC0}".as_bytes()[..2]).is_some();
    for p in &ctx.notice.paragraphs {
        if !eligible(p.role) {
            continue;
        }
        if clauses.last() != Some(&[I::NONE; 2]) {
            clauses.push([I::NONE; 2]);
        }
        let ptext = &text[p.span.clone()];
        let (total_han, total_dun, total_spec) =
            scan_marks(ptext, hexagrams, &mut marks, &mut duns);
        if total_han < MIN_HAN || (!marks.iter().any(|m| m.sentence) && ptext.chars().count() <= 60)
        {
            // Too short, or title-like (a short line with no sentence mark): a title,
            // heading or attachment name, which may well be written twice.
            continue;
        }
        let base = p.span.start;
        // The first sentence begins after the indent, which `scan_marks` does not count in
        // `spec`: a clause whose `spec` count does not grow holds no whitespace, and its
        // span needs no trimming.
        let indent = match ptext.as_bytes().first() {
            Some(b' ' | b'\t'..=b'\r' | 0xC2 | 0xE1..=0xE3) => {
                ptext.len() - ptext.trim_start().len()
            }
            _ => 0,
        };
        // Trimmed, or as it is when it holds no whitespace.
        let clause_span = |a: usize, b: usize, plain: bool| {
            if plain {
                base + a..base + b
            } else {
                trim(text, base + a..base + b)
            }
        };
        // Sentences `sa..sb` (end mark excluded), each split into clauses.
        let (mut sa, mut sa_han, mut sa_dun, mut sa_spec, mut k) = (indent, 0, 0, 0, 0);
        loop {
            let end = marks[k..].iter().position(|m| m.sentence).map(|j| k + j);
            let (sb, sb_han, sb_dun, sb_spec) = match end {
                Some(j) => (marks[j].at, marks[j].han, marks[j].dun, marks[j].spec),
                None if sa < ptext.len() => (ptext.len(), total_han, total_dun, total_spec),
                None => break,
            };
            let first_clause = clauses.len();
            here.clear();
            let (mut ca, mut ca_han, mut ca_dun, mut ca_spec) = (sa, sa_han, sa_dun, sa_spec);
            // A clause holds no colon nor comma: a list when its items are short.
            let clause_list = |a, b, dun| dun > 0 && list_from_marks(&duns, a, b, false, false);
            // The value after the sentence's last colon, and whether a comma follows it.
            let (mut value, mut labelled, mut comma) = ((sa, sa_han), false, false);
            for m in &marks[k..end.unwrap_or(marks.len())] {
                let plain = m.spec == ca_spec;
                let span = clause_span(ca, m.at, plain);
                clauses.push([I::ix(span.start), I::ix(span.end)]);
                let list = clause_list((ca, ca_han), (m.at, m.han), m.dun - ca_dun);
                here.push((span, m.han - ca_han, list, plain, m.colon));
                // A mark of one byte (, or :) counts in `spec` and is no part of the next
                // clause: without it, that clause is its own key when nothing else counts.
                let ca_spec_next = m.spec + usize::from(m.len == 1);
                (ca, ca_han, ca_dun, ca_spec) = (m.at + m.len, m.han, m.dun, ca_spec_next);
                if m.colon {
                    (value, labelled, comma) = ((ca, ca_han), true, false);
                } else {
                    comma = true;
                }
            }
            let plain = sb_spec == ca_spec;
            let span = clause_span(ca, sb, plain);
            clauses.push([I::ix(span.start), I::ix(span.end)]);
            let list = clause_list((ca, ca_han), (sb, sb_han), sb_dun - ca_dun);
            // The sentence trimmed, from its clauses trimmed: with one clause, that one;
            // else from the first's start (a clause of whitespace only trims to its end,
            // the mark after it) to the last's end, or to the last mark when the last
            // clause is whitespace only (marks are not whitespace).
            let span_all = match here.first() {
                None => span.clone(),
                Some(first) if span.is_empty() => first.0.start..base + ca,
                Some(first) => first.0.start..span.end,
            };
            here.push((span, sb_han - ca_han, list, plain, false));
            let sentence = Unit {
                span: span_all,
                han: sb_han - sa_han,
                list: sb_dun > sa_dun
                    && list_from_marks(&duns, value, (sb, sb_han), labelled, comma),
                plain: sb_spec == sa_spec,
                first_clause,
                last_clause: clauses.len() - 1,
            };
            compare(
                text,
                &sentence,
                &here,
                &clauses,
                &mut seen,
                (&mut bufs, &mut hashes),
                &mut found,
            );
            let Some(j) = end else { break };
            let m = &marks[j];
            (sa, sa_han, sa_dun, sa_spec, k) = (m.at + m.len, m.han, m.dun, m.spec, j + 1);
        }
    }
    // Kept while the diagnostics are made: at its size (a huge notice has many).
    found.shrink_to_fit();
    found
}

/// Compare a sentence, else its clauses (`here`), with the texts seen before; a repeated
/// clause is widened over the neighbouring clauses that repeat too.
///
/// Each clause's key is hashed once ([`bytes_hash`], into `hashes`) and the sentence's
/// hash is made from them ([`sentence_hash`]): the sentence's bytes are not read a second
/// time, and its key is only written out when its hash was seen before.
fn compare<I: Ix>(
    text: &str,
    sentence: &Unit,
    here: &[Clause],
    clauses: &[[I; 2]],
    seen: &mut Seen64<I>,
    (bufs, hashes): (&mut [Vec<u8>; 2], &mut Vec<u64>),
    found: &mut Vec<Found<I>>,
) {
    let same = |a: usize, b: usize| {
        let (x, y) = (clauses[a], clauses[b]);
        x[0] != I::NONE
            && y[0] != I::NONE
            && key(&text[x[0].get()..x[1].get()]).eq(key(&text[y[0].get()..y[1].get()]))
    };
    if sentence.han < MIN_HAN || sentence.list {
        return;
    }
    hashes.clear();
    hashes.extend(here.iter().map(|(span, _, _, plain, _)| {
        bytes_hash(key_bytes(&text[span.clone()], *plain, &mut bufs[0]))
    }));
    let hash = sentence_hash(hashes, here);
    if let Some(first) = lookup(seen, text, sentence, hash, bufs) {
        found.push(Found::new(
            [I::ix(sentence.span.start), I::ix(sentence.span.end)],
            first.span,
            true,
        ));
        return;
    }
    // A sentence of one clause is that clause: looking it up again would find the entry
    // just made or updated by the sentence (back to back with itself: no repeat, nothing
    // changed), or the same other text with its hash.
    if here.len() == 1 {
        return;
    }
    let mut done_until = None;
    for ((c, (span, han, list, plain, _)), &hash) in
        (sentence.first_clause..).zip(here).zip(&*hashes)
    {
        if done_until.is_some_and(|d| c <= d) {
            continue;
        }
        if *han < MIN_HAN || *list {
            continue;
        }
        let unit = Unit {
            span: span.clone(),
            han: *han,
            list: *list,
            plain: *plain,
            first_clause: c,
            last_clause: c,
        };
        let Some(first) = lookup(seen, text, &unit, hash, bufs) else {
            continue;
        };
        // Widen over the neighbouring clauses that repeat too.
        let (mut f0, mut f1) = (first.first_clause.get(), first.last_clause.get());
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
        found.push(Found::new(
            [clauses[l0][0], clauses[l1][1]],
            [clauses[f0][0], clauses[f1][1]],
            false,
        ));
    }
}

/// `parts` joined, allocated at its size (a huge notice has many findings).
fn concat(parts: &[&str]) -> String {
    let mut s = String::with_capacity(parts.iter().map(|p| p.len()).sum());
    for p in parts {
        s.push_str(p);
    }
    s
}

/// The diagnostics of the repeats found.
fn report<I: Ix>(ctx: &Ctx, found: Vec<Found<I>>, out: &mut Findings) {
    let text = ctx.text;
    for f in found {
        let later = f.later();
        let first = f.first[0].get()..f.first[1].get();
        let line = (ctx.lines().line_of(first.start) + 1).to_string();
        let shown = super::text::shorten(&text[later.clone()]);
        let chars = text[later.clone()].chars().count();
        let (zh, en) = if chars > MAX_SPAN_CHARS {
            let chars = chars.to_string();
            (
                concat(&[
                    "“",
                    &shown,
                    "”（共",
                    &chars,
                    "字）与第",
                    &line,
                    "行的文字重复",
                ]),
                concat(&[
                    "「",
                    &shown,
                    "」 (",
                    &chars,
                    " characters) repeats the text of line ",
                    &line,
                ]),
            )
        } else {
            (
                concat(&["“", &shown, "”与第", &line, "行的文字重复"]),
                concat(&["「", &shown, "」 repeats the text of line ", &line]),
            )
        };
        let mut d = ctx.diag(&RULE, head_span(text, later.clone()), zh, en);
        // One label and one note, each vector at its size.
        d.labels = vec![Label {
            span: head_span(text, first),
            message: Msg::new("第一次出现在这里", "first written here"),
        }];
        d.notes = vec![Msg::new(
            "不相邻的重复多是拼接稿件留下的：请核对后删去多余的一处",
            "a repeat far from its first copy is usually left over from splicing texts: check and delete the extra one",
        )];
        if f.whole() {
            // The copy with its end mark.
            let end = text[later.end..]
                .chars()
                .next()
                .filter(|&c| is_sentence_end(c))
                .map_or(later.end, |c| later.end + c.len_utf8());
            d = d.with_fix(Fix {
                message: Msg::new(
                    "删去后一处重复的句子",
                    "delete the later copy of the sentence",
                ),
                applicability: Applicability::Unsafe,
                edits: vec![Edit {
                    span: later.start..end,
                    replacement: "".into(),
                }],
            });
        }
        out.push(d);
    }
}

/// Look a unit up by the hash of its key (`k`, as [`compare`] makes it): its first copy
/// when its text was seen before, not right before it.
fn lookup<I: Ix>(
    seen: &mut Seen64<I>,
    text: &str,
    unit: &Unit,
    k: u64,
    bufs: &mut [Vec<u8>; 2],
) -> Option<Seen<I>> {
    match seen.entry(k) {
        Entry::Occupied(mut o) => {
            let s = o.get_mut();
            // The keys compared (the hash seen before: a repeat, or rarely another text).
            let [here_buf, first_buf] = bufs;
            let here = key_bytes(&text[unit.span.clone()], unit.plain, here_buf);
            // Another text with the same hash (1 in 2^64): not a repeat.
            if key_bytes(&text[s.span[0].get()..s.span[1].get()], s.plain, first_buf) != here {
                return None;
            }
            let back_to_back = s.latest.get() + 1 >= unit.first_clause;
            s.latest = I::ix(unit.last_clause);
            // Back to back (a chain of copies): NL401's.
            (!back_to_back).then_some(*s)
        }
        Entry::Vacant(v) => {
            v.insert(Seen {
                span: [I::ix(unit.span.start), I::ix(unit.span.end)],
                plain: unit.plain,
                first_clause: I::ix(unit.first_clause),
                last_clause: I::ix(unit.last_clause),
                latest: I::ix(unit.last_clause),
            });
            None
        }
    }
}

/// The first copy of a text (its span, whether it is its own key, its clauses), and the
/// last clause of its latest copy.
#[derive(Clone, Copy)]
struct Seen<I> {
    span: [I; 2],
    plain: bool,
    first_clause: I,
    last_clause: I,
    latest: I,
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
            let (mut x, mut y) = (Vec::new(), Vec::new());
            assert_eq!(super::key_bytes(a, false, &mut x), k(a).as_bytes());
            assert_eq!(super::key_bytes(b, false, &mut y), k(b).as_bytes());
        }
    }

    #[test]
    fn head_span_on_bytes_agrees_with_chars() {
        let pieces = [
            "甲乙丙丁戊己庚辛壬癸",
            "，",
            "：",
            ",",
            ":",
            "a",
            "é",
            "\u{3000}",
            "䷀",
            "𠮷",
            "豈",
            "㐀",
        ];
        let mut seed = 7u64;
        for _ in 0..5000 {
            let t = crate::rules::text::random_text(&pieces, &mut seed, 40);
            for (a, _) in t.char_indices().take(3) {
                let r = a..t.len();
                assert_eq!(
                    super::head_span(&t, r.clone()),
                    super::head_span_chars(&t, r),
                    "{t:?}"
                );
            }
        }
    }

    #[test]
    fn trim_agrees_with_str_trim() {
        let pieces = [
            "甲", " ", "\u{3000}", "\u{a0}", "\u{2028}", "\u{205f}", "\u{1680}", "a", "é",
            "\u{85}", "\u{200b}", "\u{2030}", "𠮷",
        ];
        let mut seed = 11u64;
        for _ in 0..5000 {
            let t = crate::rules::text::random_text(&pieces, &mut seed, 8);
            let lead = t.len() - t.trim_start().len();
            let want = lead..lead + t.trim().len();
            assert_eq!(super::trim(&t, 0..t.len()), want, "{t:?}");
        }
    }

    /// Every field of the marks, to compare two scans' marks.
    #[allow(clippy::type_complexity)]
    fn mark_fields(m: &[super::Mark]) -> Vec<(usize, usize, bool, bool, usize, usize, usize)> {
        m.iter()
            .map(|m| (m.at, m.len, m.sentence, m.colon, m.han, m.dun, m.spec))
            .collect()
    }

    #[test]
    fn han_counted_by_run_length_without_hexagrams() {
        let pieces = [
            "甲",
            "乙丙丁戊己庚辛壬",
            "、",
            "，",
            "。",
            "！",
            ";",
            "(",
            " ",
            "\u{3000}",
            "\u{a0}",
            "a1",
            "é",
            "𠮷",
            "豈",
            "㐀",
            "“",
            "\u{2028}",
            "\u{4000}",
            "鿿",
            "\u{1680}",
            "\u{2009}",
            ":",
            "：",
            "\u{85}",
            "〔",
            "ｌ",
        ];
        let mut seed = 5u64;
        let (mut m1, mut d1, mut m2, mut d2) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        for _ in 0..5000 {
            let t = crate::rules::text::random_text(&pieces, &mut seed, 40);
            let a = super::scan_marks_walk(&t, true, &mut m1, &mut d1);
            let b = super::scan_marks_walk(&t, false, &mut m2, &mut d2);
            assert_eq!(a, b, "{t:?}");
            // The Han characters and the characters that make a text differ from its key
            // after the indent, as the characters read.
            let body = t.trim_start();
            let han = body
                .chars()
                .filter(|&c| crate::rules::text::is_han(c))
                .count();
            let spec = body
                .chars()
                .filter(|&c| c.is_whitespace() || matches!(c, ',' | ':' | '(' | ')'))
                .count();
            assert_eq!((a.0, a.2), (han, spec), "{t:?}");
            assert_eq!(mark_fields(&m1), mark_fields(&m2), "{t:?}");
            assert_eq!(d1, d2, "{t:?}");
        }
    }

    #[test]
    fn scan_in_chunks_agrees_with_the_walk() {
        let pieces = [
            "甲",
            "乙丙丁戊己庚辛壬癸子丑寅卯辰巳",
            "䷀",
            "、",
            "，",
            "。",
            "！",
            "？",
            "；",
            "：",
            "!",
            "?",
            ";",
            ",",
            ":",
            "(",
            ")",
            " ",
            "\t",
            "\u{3000}",
            "\u{a0}",
            "\u{85}",
            "\u{1680}",
            "\u{2009}",
            "\u{2028}",
            "\u{205f}",
            "\u{2030}",
            "“",
            "…",
            "\0",
            "12.5%",
            "<=>",
            "é",
            "𠮷",
            "豈",
            "㐀",
            "〔",
            "（",
            "ｌ",
            "\u{4000}",
            "鿿",
        ];
        let mut seed = 9u64;
        let (mut m1, mut d1, mut m2, mut d2) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        for n in 0..20000 {
            let mut t = crate::rules::text::random_text(&pieces, &mut seed, 60);
            if n % 3 == 0 {
                t.insert_str(0, " \u{3000}");
            }
            for hexagrams in [true, false] {
                if !hexagrams && t.contains('䷀') {
                    continue;
                }
                let a = super::scan_marks(&t, hexagrams, &mut m1, &mut d1);
                let b = super::scan_marks_walk(&t, hexagrams, &mut m2, &mut d2);
                assert_eq!(a, b, "{t:?}");
                assert_eq!(mark_fields(&m1), mark_fields(&m2), "{t:?}");
                assert_eq!(d1, d2, "{t:?}");
            }
        }
    }

    #[test]
    fn lists_read_from_the_marks_agree_with_the_text() {
        let pieces = [
            "甲",
            "乙丙丁戊己庚辛壬癸子丑寅",
            "、",
            "，",
            "：",
            ",",
            ":",
            "a",
            "\u{3000}",
            "䷀",
        ];
        let mut seed = 1u64;
        let (mut marks, mut duns) = (Vec::new(), Vec::new());
        for _ in 0..5000 {
            let t = crate::rules::text::random_text(&pieces, &mut seed, 30);
            // One sentence: its clauses, then the whole, as `find` reads them.
            let (han, dun, _) = super::scan_marks(&t, true, &mut marks, &mut duns);
            // Without hexagrams, the count by run length agrees.
            if !t.contains('䷀') {
                let (mut m2, mut d2) = (Vec::new(), Vec::new());
                let got = super::scan_marks(&t, false, &mut m2, &mut d2);
                assert_eq!(got.0, han, "{t:?}");
                assert!(m2.iter().zip(&marks).all(|(a, b)| a.han == b.han));
            }
            let (mut ca, mut ca_han, mut ca_dun) = (0, 0, 0);
            let (mut value, mut labelled, mut comma) = ((0, 0), false, false);
            let ends = marks
                .iter()
                .map(|m| (m.at, m.han, m.dun, m.at + m.len, Some(m.colon)))
                .chain([(t.len(), han, dun, t.len(), None)]);
            for (at, h, d, next, colon) in ends {
                let got = d > ca_dun
                    && super::list_from_marks(&duns, (ca, ca_han), (at, h), false, false);
                let want = d > ca_dun && super::is_list(&t[ca..at]);
                assert_eq!(got, want, "{t:?} clause {ca}..{at}");
                (ca, ca_han, ca_dun) = (next, h, d);
                if let Some(colon) = colon {
                    if colon {
                        (value, labelled, comma) = ((ca, ca_han), true, false);
                    } else {
                        comma = true;
                    }
                }
            }
            let got =
                dun > 0 && super::list_from_marks(&duns, value, (t.len(), han), labelled, comma);
            assert_eq!(got, dun > 0 && super::is_list(&t), "{t:?}");
        }
    }

    #[test]
    fn sentences_with_equal_keys_are_found_whatever_their_widths() {
        // The sentence's hash is made from its clauses' (`sentence_hash`): a copy written
        // with other widths and spaces has the same key, hence the same hash.
        let pieces = [
            "甲乙丙丁戊己庚",
            "辛",
            "，",
            ",",
            "：",
            ":",
            " ",
            "\u{3000}",
            "(",
            "）",
            "ab",
        ];
        let swap = |s: &str| {
            let mut t = String::new();
            for c in s.chars() {
                match c {
                    ',' => t.push_str("， "),
                    '，' => t.push_str(" ,"),
                    ':' => t.push('：'),
                    '：' => t.push_str("\u{3000}:"),
                    '(' => t.push('（'),
                    '）' => t.push(')'),
                    ' ' | '\u{3000}' => {}
                    c => t.push(c),
                }
            }
            t
        };
        let mut seed = 3u64;
        for _ in 0..3000 {
            let s = crate::rules::text::random_text(&pieces, &mut seed, 12);
            let t = format!("{s}。\n其他内容。\n{}。\n", swap(&s));
            let han = crate::rules::text::han_count(&s);
            let d = diags(&t);
            assert_eq!(d.len(), usize::from(han >= super::MIN_HAN), "{t:?}");
            assert!(d.iter().all(|d| d.fix.is_some()), "{t:?}");
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
