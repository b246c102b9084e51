//! `repeated-phrase` (NL401): a clause repeated back to back (…工作,并下设…工作,并下设…工作).
//!
//! Within a paragraph, the text is read as a sequence in which every clause separator
//! (，,；;、：:。！？!?) counts as one symbol; a stretch that repeats with a period of 4 to
//! [`MAX_UNIT`] characters is a repeated phrase when one copy holds at least four Han
//! characters. For each period the scan keeps a running count of `c[j] == c[j + L]`, so the
//! whole check is linear in the paragraph for a fixed maximum period: 20,000 copies of a
//! clause cost no more than any other text of that length. Stretches already explained by a
//! shorter period (整改整改整改整改 has period 2: that is `duplicate-char`) are left alone.
//! The periodic scan runs only in the regions that one pass over the paragraph ([`Scan`],
//! shared with NL402 through `Ctx::repeats`) finds around real stretches; prose has almost
//! none.
//! Longer sentences repeated back to back, and a body paragraph printed twice in a row, are
//! compared whole.
//!
//! The fix deletes the copies after the first one, from the separator that ends the first
//! copy, so that the last separator (the 。) stays.

use super::prelude::*;
use super::text::{han_count, is_han};

pub static RULE: Rule = Rule {
    code: "NL401",
    name: "repeated-phrase",
    default_severity: Severity::Error,
    summary: Text::new(
        "同一分句紧挨着重复（……工作，并下设……工作，并下设……）",
        "a clause repeated back to back (…工作,并下设…工作,并下设…工作)",
    ),
    doc: Text::new(DOC_ZH, DOC_EN),
    implemented: true,
    check,
};

const DOC_ZH: &str = r#"
## 检查什么
同一分句或短语紧挨着重复出现（“……工作，并下设……工作，并下设……工作”，“并下设办公室并下设办公室”），
以及同一句子、同一段落连续出现两次。重复的部分至少含四个汉字；两三个字的重复（“停产停产”）由
duplicate-char（NL402）检查。“亲自研究、亲自部署、亲自督办”“日管控、周排查、月调度”等排比各项并不相同，
不会报告。修复建议删去多余的副本，只保留一个。

## 为什么
连续重复多是复制粘贴或排版时的失误，读者一眼就能看出，会损害发文机关的公信力。

## 错误示例
```text
成立巡察整改工作领导小组，并下设办公室具体负责巡察整改工作，并下设办公室具体负责巡察整改工作。
```

## 正确写法
```text
成立巡察整改工作领导小组，并下设办公室具体负责巡察整改工作。
```
"#;

const DOC_EN: &str = r#"
## What it does
Flags a clause or phrase repeated back to back ("…工作，并下设…工作，并下设…工作",
"并下设办公室并下设办公室"), and a sentence or paragraph printed twice in a row. The repeated
part holds at least four Han characters; repeats of two or three characters (停产停产) are
checked by duplicate-char (NL402). Parallel items such as "亲自研究、亲自部署、亲自督办" or
"日管控、周排查、月调度" differ from each other and are not reported. The fix deletes the extra
copies and keeps one.

## Why is this bad?
A back-to-back repeat is a copy-paste or layout slip; readers see it at once and it
undermines the issuing body's credibility.

## Example
```text
成立巡察整改工作领导小组，并下设办公室具体负责巡察整改工作，并下设办公室具体负责巡察整改工作。
```

Use instead:
```text
成立巡察整改工作领导小组，并下设办公室具体负责巡察整改工作。
```
"#;

/// The longest repeating unit, in characters, that the periodic scan looks for.
const MAX_UNIT: usize = 100;
/// Han characters a repeated unit must hold.
const MIN_HAN: usize = 4;

/// Clause separators: all count as one symbol when looking for repeats.
fn is_sep(c: char) -> bool {
    matches!(
        c,
        '，' | ',' | '；' | ';' | '、' | '：' | ':' | '。' | '！' | '？' | '!' | '?'
    )
}

fn is_sentence_end(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '!' | '?' | '；' | ';')
}

const SEP: u32 = u32::MAX;

/// A repeat found: the first copy, and the extra copies to delete.
struct Found {
    first: std::ops::Range<usize>,
    extra: std::ops::Range<usize>,
    copies: usize,
}

fn check(ctx: &Ctx, out: &mut Findings) {
    let mut found = Vec::new();
    for (p, scan) in ctx.notice.paragraphs.iter().zip(ctx.repeats()) {
        let text = &ctx.text[p.span.clone()];
        // Nothing can repeat here: too few Han characters, no periodic stretch of a
        // reportable period, no long sentence twice.
        if scan.han < 2 * MIN_HAN || (scan.regions.is_empty() && !scan.long_repeat) {
            continue;
        }
        let sym_of = |&(_, c): &(usize, char)| if is_sep(c) { SEP } else { c as u32 };
        if scan.long_repeat {
            // Long sentences are compared over the whole paragraph.
            let chars: Vec<(usize, char)> = text
                .char_indices()
                .map(|(i, c)| (p.span.start + i, c))
                .collect();
            let mut claimed = vec![false; chars.len()];
            long_sentences(&chars, &mut claimed, &mut found);
            let sym: Vec<u32> = chars.iter().map(sym_of).collect();
            // Characters inside a stretch of a shorter period (or already reported).
            let mut covered = claimed.clone();
            for &(a, b) in &scan.regions {
                periodic(
                    &chars[a..b],
                    &sym[a..b],
                    &mut claimed[a..b],
                    &mut covered[a..b],
                    1..MAX_UNIT + 1,
                    &mut found,
                );
            }
            continue;
        }
        // Otherwise only the regions' characters are read (in order, each from where the
        // last one ended): a long paragraph costs no memory for its other characters.
        let (mut chars, mut sym) = (Vec::new(), Vec::new());
        let (mut claimed, mut covered) = (Vec::new(), Vec::new());
        let mut rest = text.char_indices().map(|(i, c)| (p.span.start + i, c));
        let mut read = 0;
        for &(a, b) in &scan.regions {
            rest.by_ref().take(a - read).for_each(drop);
            chars.clear();
            chars.extend(rest.by_ref().take(b - a));
            read = b;
            sym.clear();
            sym.extend(chars.iter().map(sym_of));
            claimed.clear();
            claimed.resize(chars.len(), false);
            covered.clear();
            covered.resize(chars.len(), false);
            periodic(
                &chars,
                &sym,
                &mut claimed,
                &mut covered,
                1..MAX_UNIT + 1,
                &mut found,
            );
        }
    }
    repeated_paragraphs(ctx, &mut found);
    for f in found {
        let copy = &ctx.text[f.first.clone()];
        let copy_short = super::text::shorten(copy);
        let (zh, en) = if f.copies == 2 {
            (
                format!("“{copy_short}”紧接着重复了一遍"),
                format!("「{copy_short}」 is repeated right after itself"),
            )
        } else {
            (
                format!("“{copy_short}”紧接着连续出现{}次", f.copies),
                format!("「{copy_short}」 appears {} times in a row", f.copies),
            )
        };
        out.push(
            ctx.diag(&RULE, f.extra.clone(), zh, en)
                .label(f.first, "第一次出现在这里", "first copy here")
                .with_fix(Fix {
                    message: Msg::new("删去重复的部分，只保留一个", "delete the repeats, keep one"),
                    applicability: Applicability::Safe,
                    edits: vec![Edit {
                        span: f.extra,
                        replacement: "".into(),
                    }],
                }),
        );
    }
}

/// Sentences longer than the periodic scan's reach, repeated back to back.
fn long_sentences(chars: &[(usize, char)], claimed: &mut [bool], found: &mut Vec<Found>) {
    // Sentences as char ranges, the end mark excluded.
    let mut sents: Vec<(usize, usize)> = Vec::new();
    let mut start = 0;
    for (k, &(_, c)) in chars.iter().enumerate() {
        if is_sentence_end(c) {
            sents.push((start, k));
            start = k + 1;
        }
    }
    if start < chars.len() {
        sents.push((start, chars.len()));
    }
    let eq = |a: (usize, usize), b: (usize, usize)| {
        a.1 - a.0 == b.1 - b.0 && (0..a.1 - a.0).all(|j| chars[a.0 + j].1 == chars[b.0 + j].1)
    };
    let mut k = 1;
    while k < sents.len() {
        let a = sents[k - 1];
        let len = a.1 - a.0;
        if len < MAX_UNIT || !eq(a, sents[k]) {
            k += 1;
            continue;
        }
        let mut last = k;
        while last + 1 < sents.len() && eq(a, sents[last + 1]) {
            last += 1;
        }
        let b = sents[last];
        // Delete from the end mark of the first copy to the end of the last copy's text.
        let del_start = a.1;
        let del_end = b.1;
        for c in claimed[a.0..b.1].iter_mut() {
            *c = true;
        }
        found.push(Found {
            first: chars[a.0].0..chars[a.1].0,
            extra: chars[del_start].0..end_of(chars, del_end),
            copies: last - k + 2,
        });
        k = last + 1;
    }
}

/// Byte offset of the end of the char range ending (exclusively) at `k`.
fn end_of(chars: &[(usize, char)], k: usize) -> usize {
    let (b, c) = chars[k - 1];
    b + c.len_utf8()
}

/// Margin, in characters, around a region: stretches of periods 1–3, which only mark
/// characters as explained by a shorter period, are found there whole as far as the region
/// needs them (a stretch of period `l` needs `2l` characters).
const MARGIN: usize = 8;
/// Slots of the table of 4-grams (a power of two).
const SLOTS: usize = 1 << 12;
/// Positions remembered in the rings of [`Scan`] (a power of two above `MAX_UNIT + 4`).
const RING: usize = 128;

/// What the candidate scan ([`Scan`]) found in one paragraph. Shared by NL401 and NL402
/// through [`Ctx::repeats`]: one pass over the characters serves both.
#[derive(Debug, Default)]
pub(crate) struct Repeats {
    /// Han characters in the paragraph, counted up to `2 × MIN_HAN` and only when
    /// `regions` can be non-empty or `long_repeat` is set (0 otherwise).
    pub han: usize,
    /// The regions (character ranges) where a stretch of period 4 or more can lie; only
    /// looked for when `han` is at least `2 × MIN_HAN`.
    pub regions: Vec<(usize, usize)>,
    /// A sentence of [`MAX_UNIT`] characters or more is repeated right after itself.
    pub long_repeat: bool,
    /// Where a Han character equal to the one before it, or ending two or three characters
    /// equal to the two or three before them, starts (byte offsets in the paragraph, in
    /// order): the only places where `duplicate-char` (NL402) can report something.
    pub doublings: Vec<usize>,
}

/// The candidate scan of every paragraph of a notice, in order.
pub(crate) fn scan_paragraphs(text: &str, notice: &Notice) -> Vec<Repeats> {
    thread_local! {
        /// One scan per thread, kept from notice to notice (its table is 16 KB).
        static SCAN: std::cell::RefCell<Scan> = std::cell::RefCell::new(Scan::new());
    }
    SCAN.with_borrow_mut(|scan| {
        let mut out = Vec::with_capacity(notice.paragraphs.len());
        for p in &notice.paragraphs {
            out.push(scan.run(&text[p.span.clone()]));
        }
        out
    })
}

/// The candidate scan: one pass over a paragraph's bytes that finds the regions where the
/// periodic scan ([`periodic`]) can report something, so that it runs only there.
///
/// A reported stretch has a period `l` of 4 to [`MAX_UNIT`] symbols and at least `2l`
/// symbols (`c[j] == c[j + l]` for `l` consecutive `j`). Symbols are read as 16 bits (a
/// separator 0xFFFF, any other character its code point's low 16 bits): equal symbols give
/// equal values, so every real stretch is a stretch of these values too (the converse
/// fails only outside the BMP, which costs a look, not a miss). A stretch of period `l`
/// repeats its first 4-gram at distance `l`, and for `l ≥ 8` its first 8-gram too. So each
/// 4-gram is looked up among the earlier ones within [`MAX_UNIT`] symbols (a table of
/// slots, each with a chain back through its earlier 4-grams, so every earlier occurrence
/// is seen): an equal one 4 to 7 symbols back is a pair, and one 8 or more back is a pair
/// when the 4-grams before them are equal too (the 8-grams are). Every pair of equal grams
/// within reach is found, in order of position: a run of `c[x] == c[x + l]` of `m ≥ 4`
/// symbols (`m ≥ 8` for `l ≥ 8`) from `x = j` gives the pairs `(y, y + l)` for `y` from `j`
/// to `j + m - 4` (`j + m - 8`), one after the other, and no pair at `j - 1` (`c[j - 1]`
/// differs from `c[j - 1 + l]`). So each run of consecutive pairs of one distance is kept
/// once, with its first and last pair, and gives the run whole without reading the symbols
/// again; a run shorter than 4 (8) is shorter than `l`. A run of at least `l` is a
/// stretch, and the stretch widened by [`MARGIN`] is a region. The periodic scan
/// over the merged regions finds what it would find over the paragraph: every stretch of
/// period 4 or more lies inside one region, and the shorter-period stretches that mark its
/// characters are seen there too.
///
/// The same pass notes the doubled characters and units of NL402: a character of three
/// bytes in U+3100–U+FEFF (every Han character, no separator) equal to one of the three
/// symbols before it is looked at closer, out of line. Characters of three bytes (the CJK
/// block and its punctuation) and ASCII are read in line; the few separators among them
/// lie below U+3100 or from U+FF00 on, out of the common path. Long sentences repeated back to back
/// ([`long_sentences`]) are looked for after it, in paragraphs long enough to hold two
/// ([`long_repeat`]).
struct Scan {
    /// The 4-grams of the last positions and the table of slots.
    rings: Rings,
    /// Global position of the paragraph's first symbol; each paragraph starts more than
    /// `MAX_UNIT` after the last one ended.
    base: usize,
    /// Runs of pairs found, one per run: the first pair's start, the last pair's start and
    /// the distance.
    cands: Vec<(usize, usize, usize)>,
    /// Per distance: the start that would continue the last pair's run.
    next: [usize; MAX_UNIT + 1],
    /// Per distance: the last run's index in `cands` (read only where `next` says the run
    /// goes on).
    run: [usize; MAX_UNIT + 1],
}

/// The 4-grams of the last [`RING`] positions and the table of slots of [`Scan`], in one
/// struct so that the scan loop reaches all three through one pointer (a register).
struct Rings {
    /// The 4-gram ending at each of the last [`RING`] positions (by global position modulo
    /// RING; newest symbol in the low bits, zeros before the paragraph).
    grams: [u64; RING],
    /// For the 4-gram ending at each of the last [`RING`] positions: the global position of
    /// the previous one in its slot.
    chain: [u32; RING],
    /// The global position of the last 4-gram of each slot (older than `MAX_UNIT`: none).
    table: [u32; SLOTS],
}

/// What the scan loop touches only out of line (a pair or a doubling found): kept on the
/// stack behind one pointer, so that the loop's registers hold what every symbol needs.
struct Rare<'s> {
    next: &'s mut [usize; MAX_UNIT + 1],
    run: &'s mut [usize; MAX_UNIT + 1],
    cands: &'s mut Vec<(usize, usize, usize)>,
    doublings: Vec<usize>,
    base: usize,
    /// The paragraph's bytes.
    b: &'s [u8],
}

/// Whether a sentence of [`MAX_UNIT`] characters or more is repeated right after itself
/// in the paragraph `b` (sentences end at 。！？；!?;, the mark not counted).
fn long_repeat(b: &[u8]) -> bool {
    let same = |here: &[u8], prev: &[u8]| {
        here.len() >= MAX_UNIT
            && here == prev
            && here.iter().filter(|&&x| x & 0xC0 != 0x80).count() >= MAX_UNIT
    };
    let (mut start, mut prev) = (0, &b[..0]);
    for (i, len) in super::text::sentence_marks(b) {
        let here = &b[start..i];
        if same(here, prev) {
            return true;
        }
        prev = here;
        start = i + len;
    }
    start < b.len() && same(&b[start..], prev)
}

impl Scan {
    fn new() -> Self {
        Scan {
            rings: Rings {
                grams: [0; RING],
                chain: [0; RING],
                table: [0; SLOTS],
            },
            base: MAX_UNIT + 1,
            cands: Vec::new(),
            next: [usize::MAX; MAX_UNIT + 1],
            run: [0; MAX_UNIT + 1],
        }
    }

    /// Scans one paragraph.
    fn run(&mut self, text: &str) -> Repeats {
        let b = text.as_bytes();
        self.cands.clear();
        self.next.fill(usize::MAX);
        // Global positions are kept in 32 bits: start over before they would overflow.
        if self.base + b.len() + 2 * MAX_UNIT + 2 * RING > u32::MAX as usize {
            self.rings.table.fill(0);
            self.base = RING;
        }
        let base = self.base;
        // The loop keeps what it touches in locals, and does only what every symbol needs
        // in line: the rest is out of line.
        let rings = &mut self.rings;
        let mut rare = Rare {
            next: &mut self.next,
            run: &mut self.run,
            cands: &mut self.cands,
            doublings: Vec::new(),
            base,
            b,
        };
        // The last four symbols, newest in the low bits (zeros before the paragraph).
        let mut lo = 0u64;
        // The global position of the symbol at hand.
        let mut gq = base as u32;
        // The bytes not read yet (a pointer and a length: no index to keep besides).
        let mut rest = b;
        while let [x, ..] = *rest {
            // Characters of three bytes (lead E0–EF: the CJK block and its punctuation)
            // and ASCII other than separators in line.
            match *rest {
                [x, y, z, ..] if x & 0xF0 == 0xE0 => {
                    rest = &rest[3..];
                    let c = (u64::from(x) & 0x0F) << 12
                        | (u64::from(y) & 0x3F) << 6
                        | (u64::from(z) & 0x3F);
                    if c.wrapping_sub(0x3100) < 0xFF00 - 0x3100 {
                        // U+3100–U+FEFF: no separator, and every Han character. NL402: a
                        // Han character that ends a doubled character, or a doubled unit
                        // of two or three characters; first whether it equals one of the
                        // three symbols before it (a zero lane of `t`).
                        lo = lo << 16 | c;
                        let t = lo ^ (c * 0x0001_0001_0001_0001);
                        if t.wrapping_sub(0x0001_0001_0001_0000) & !t & 0x8000_8000_8000_0000 != 0 {
                            doubling(rings, &mut rare, gq, rest.len(), lo);
                        }
                    } else {
                        lo = lo << 16 | u64::from(separator3(c as u16));
                    }
                }
                _ if x < 0x80 && !matches!(x, b',' | b':' | b'!' | b'?' | b';') => {
                    rest = &rest[1..];
                    lo = lo << 16 | u64::from(x);
                }
                _ => {
                    let (s, len) = symbol(rest, 0);
                    rest = &rest[len..];
                    lo = lo << 16 | u64::from(s);
                }
            }
            let r = gq as usize % RING;
            rings.grams[r] = lo;
            // The 4-gram into its slot; an earlier one there within MAX_UNIT may be equal.
            // The first three symbols' grams, not whole, go in too (it saves a test here),
            // and `gram_at` passes over them.
            let slot =
                (lo.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - SLOTS.trailing_zeros())) as usize;
            let p = rings.table[slot];
            rings.table[slot] = gq;
            rings.chain[r] = p;
            if gq - p <= MAX_UNIT as u32 {
                gram_at(rings, &mut rare, gq, p, lo);
            }
            gq += 1;
        }
        let doublings = rare.doublings;
        let n = gq as usize - base;
        // Two sentences of MAX_UNIT symbols need 2 × MAX_UNIT.
        let long_repeat = n >= 2 * MAX_UNIT && long_repeat(b);
        self.base += n + MAX_UNIT + 1;
        // The Han characters matter only where something can be reported.
        let han = if long_repeat || !self.cands.is_empty() {
            han_at_least(b, 2 * MIN_HAN)
        } else {
            0
        };
        let mut out = Repeats {
            han,
            regions: Vec::new(),
            long_repeat,
            doublings,
        };
        if han < 2 * MIN_HAN || self.cands.is_empty() {
            return out;
        }
        // Each run of pairs is a run of c[x] == c[x + d] from its first pair's start, 3
        // (4-grams, d < 8) or 7 (8-grams) symbols longer than its pairs: a stretch when it
        // is d long or more.
        let mut stretches: Vec<(usize, usize)> = Vec::new();
        for &(j, last, d) in &self.cands {
            let re = last + if d < 8 { 4 } else { 8 };
            if re - j >= d {
                stretches.push((j.saturating_sub(MARGIN), (re + d + MARGIN).min(n)));
            }
        }
        stretches.sort_unstable();
        for (s, e) in stretches {
            match out.regions.last_mut() {
                Some(last) if s <= last.1 => last.1 = last.1.max(e),
                _ => out.regions.push((s, e)),
            }
        }
        out
    }
}

/// When the character of three bytes ending the 4-gram `lo` (at global position `gq`, the
/// paragraph starting at `rare.base`, `left` bytes after it; the last [`RING`] 4-grams are
/// in `rings`) is Han and ends a doubled character or unit of two or three, notes where it
/// starts in `rare.doublings`.
#[cold]
#[inline(never)]
fn doubling(rings: &Rings, rare: &mut Rare, gq: u32, left: usize, lo: u64) {
    let q = gq as usize - rare.base;
    if !matches!(lo as u16, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF) {
        return;
    }
    // Zeros before the paragraph.
    let g3 = if q >= 3 {
        rings.grams[(gq - 3) as usize % RING]
    } else {
        0
    };
    if (lo as u16 == (lo >> 16) as u16) | (lo as u32 == (lo >> 32) as u32) | ((lo ^ g3) << 16 == 0)
    {
        // The character ends where the unread bytes start: back to its lead byte.
        let b = rare.b;
        let mut at = b.len() - left - 1;
        while b[at] & 0xC0 == 0x80 {
            at -= 1;
        }
        rare.doublings.push(at);
    }
}

/// The 4-gram `lo` at global position `gq` against the earlier ones in its slot within
/// [`MAX_UNIT`], from the global position `p` back (`chain`: for each of the last [`RING`]
/// positions, the previous one in its slot; `grams`: the 4-gram ending there). One 4 to 7
/// symbols back is a pair; one 8 or more back, with the 4-grams before both equal too, is
/// a pair of 8-grams. The first three symbols of a paragraph end no whole 4-gram: they are
/// passed over.
#[cold]
#[inline(never)]
fn gram_at(rings: &Rings, rare: &mut Rare, gq: u32, mut p: u32, lo: u64) {
    let (grams, chain, base) = (&rings.grams, &rings.chain, rare.base);
    let (next, run, cands) = (&mut *rare.next, &mut *rare.run, &mut *rare.cands);
    let q = gq as usize - base;
    if q < 3 {
        return;
    }
    let at = |g: u32| grams[g as usize % RING];
    while gq - p <= MAX_UNIT as u32 {
        // p is in this paragraph, within RING of gq.
        let pl = p as usize - base;
        let d = q - pl;
        if pl >= 3 && d >= 4 && at(p) == lo {
            if d < 8 {
                pair(next, run, cands, pl - 3, d);
            } else if pl >= 7 && at(p - 4) == at(gq - 4) {
                pair(next, run, cands, pl - 7, d);
            }
        }
        p = chain[p as usize % RING];
    }
}

/// The symbol of the character starting at byte `i` and its length.
#[inline(never)]
fn symbol(b: &[u8], i: usize) -> (u16, usize) {
    let x = b[i];
    if x < 0x80 {
        let s = match x {
            b',' | b':' | b'!' | b'?' | b';' => 0xFFFF,
            x => u16::from(x),
        };
        return (s, 1);
    }
    let (c, len) = decode(b, i);
    // Separators of three bytes are in U+3000–U+30FF and U+FF00–U+FFFF.
    let s = match c {
        0xFF0C | 0x3001 | 0xFF1A | 0x3002 | 0xFF01 | 0xFF1F | 0xFF1B => 0xFFFF,
        c => c as u16,
    };
    (s, len)
}

/// The symbol of a character of three bytes below U+3100 or from U+FF00 on, where its
/// separators are: 0xFFFF for one, the character itself otherwise.
#[inline(always)]
fn separator3(c: u16) -> u16 {
    match c {
        0xFF0C | 0x3001 | 0xFF1A | 0x3002 | 0xFF01 | 0xFF1F | 0xFF1B => 0xFFFF,
        c => c,
    }
}

/// The character starting at byte `i` (not ASCII) and its length.
fn decode(b: &[u8], i: usize) -> (u32, usize) {
    let x = b[i];
    if x < 0x80 {
        (u32::from(x), 1)
    } else if x < 0xE0 {
        ((u32::from(x) & 0x1F) << 6 | (u32::from(b[i + 1]) & 0x3F), 2)
    } else if x < 0xF0 {
        (crate::source::code_point3(x, b[i + 1], b[i + 2]), 3)
    } else {
        let c = (u32::from(x) & 0x07) << 18
            | (u32::from(b[i + 1]) & 0x3F) << 12
            | (u32::from(b[i + 2]) & 0x3F) << 6
            | (u32::from(b[i + 3]) & 0x3F);
        (c, 4)
    }
}

/// The Han characters ([`is_han`]) of `b`, counted up to `most`.
fn han_at_least(b: &[u8], most: usize) -> usize {
    let mut n = 0;
    for i in 0..b.len() {
        // A Han character's lead byte is E3–EF; continuation bytes are below C0.
        if b[i] >= 0xE3 && b[i] < 0xF0 && super::text::is_han_lead(b[i], b[i + 1]) {
            n += 1;
            if n == most {
                break;
            }
        }
    }
    n
}

/// A pair of equal grams starting at `j` and `j + d`; consecutive pairs of one distance
/// are one run, kept once with its last pair.
fn pair(
    next: &mut [usize; MAX_UNIT + 1],
    run: &mut [usize; MAX_UNIT + 1],
    cands: &mut Vec<(usize, usize, usize)>,
    j: usize,
    d: usize,
) {
    if next[d] == j {
        cands[run[d]].1 = j;
    } else {
        run[d] = cands.len();
        cands.push((j, j, d));
    }
    next[d] = j + 1;
}

/// Periodic stretches with a period in `periods` (scanned in increasing order); reported
/// from [`MIN_HAN`] characters on unless `covered` by stretches of shorter periods.
fn periodic(
    chars: &[(usize, char)],
    sym: &[u32],
    claimed: &mut [bool],
    covered: &mut [bool],
    periods: std::ops::Range<usize>,
    found: &mut Vec<Found>,
) {
    let n = chars.len();
    for l in periods.start..periods.end.min(n / 2 + 1) {
        let mut newly: Vec<(usize, usize)> = Vec::new();
        let mut j = 0;
        while j + l < n {
            if sym[j] != sym[j + l] {
                j += 1;
                continue;
            }
            let s = j;
            while j + l < n && sym[j] == sym[j + l] {
                j += 1;
            }
            let m = j - s;
            if m < l {
                continue;
            }
            let e = s + m + l; // the stretch is s..e
            newly.push((s, e));
            if covered[s..e].iter().all(|&c| c) || claimed[s..e].iter().any(|&c| c) {
                continue;
            }
            if l >= MIN_HAN {
                if let Some(f) = report(chars, sym, s, e, l) {
                    for c in claimed[s..e].iter_mut() {
                        *c = true;
                    }
                    found.push(f);
                }
            }
        }
        for (s, e) in newly {
            for c in covered[s..e].iter_mut() {
                *c = true;
            }
        }
    }
}

/// The repeat of period `l` over `s..e`, when one copy is a phrase worth reporting.
fn report(chars: &[(usize, char)], sym: &[u32], s: usize, e: usize, l: usize) -> Option<Found> {
    let unit = &chars[s..s + l];
    if unit.iter().any(|&(_, c)| c.is_whitespace()) {
        return None;
    }
    let han = unit.iter().filter(|&&(_, c)| is_han(c)).count();
    if han < MIN_HAN {
        return None;
    }
    let has_sep = sym[s..s + l].contains(&SEP);
    let (first, del, copies) = if has_sep {
        // Copies end at separators: delete from the separator that ends the first copy,
        // keep the last separator.
        let q = (s + l - 1..(s + 2 * l - 1).min(e)).find(|&k| sym[k] == SEP)?;
        if q + l >= e {
            return None;
        }
        let j = (e - 1 - q) / l;
        // The first copy: the unit's text that ends at q.
        (q + 1 - l..q, q..q + j * l, j + 1)
    } else {
        let k = (e - s) / l;
        (s..s + l, s + l..s + k * l, k)
    };
    if first.is_empty() || del.is_empty() {
        return None;
    }
    // The first copy must itself hold the Han characters (not a rotation of separators).
    let first_text_han = chars[first.clone()]
        .iter()
        .filter(|&&(_, c)| is_han(c))
        .count();
    if first_text_han < MIN_HAN {
        return None;
    }
    Some(Found {
        first: chars[first.start].0..end_of(chars, first.end),
        extra: chars[del.start].0..end_of(chars, del.end),
        copies,
    })
}

/// A body paragraph printed twice in a row.
fn repeated_paragraphs(ctx: &Ctx, found: &mut Vec<Found>) {
    let paras = &ctx.notice.paragraphs;
    let mut k = 1;
    while k < paras.len() {
        let a = &paras[k - 1];
        let text = &ctx.text[a.span.clone()];
        let same = |b: &Paragraph| ctx.text[b.span.clone()] == *text;
        if !same(&paras[k]) || a.role != Role::Body || han_count(text) < 8 {
            k += 1;
            continue;
        }
        let mut last = k;
        while last + 1 < paras.len() && same(&paras[last + 1]) {
            last += 1;
        }
        found.push(Found {
            first: a.span.clone(),
            extra: a.span.end..paras[last].span.end,
            copies: last - k + 2,
        });
        k = last + 1;
    }
}

#[cfg(test)]
mod tests {
    fn diags(text: &str) -> Vec<crate::Diagnostic> {
        crate::check(text, &crate::Options::default())
            .into_iter()
            .filter(|d| d.rule == "repeated-phrase")
            .collect()
    }

    fn fixed(text: &str) -> Vec<String> {
        diags(text)
            .into_iter()
            .map(|d| {
                let e = &d.fix.unwrap().edits[0];
                format!("{}{}", &text[..e.span.start], &text[e.span.end..])
            })
            .collect()
    }

    #[test]
    fn seed_clause() {
        let t = "成立领导小组,并下设办公室具体负责巡察整改工作,并下设办公室具体负责巡察整改工作,并下设办公室具体负责巡察整改工作。巡察整改工作开展以来";
        let d = diags(t);
        assert_eq!(d.len(), 1);
        assert_eq!(
            &t[d[0].labels[0].span.clone()],
            "并下设办公室具体负责巡察整改工作"
        );
        assert_eq!(
            &t[d[0].span.clone()],
            ",并下设办公室具体负责巡察整改工作,并下设办公室具体负责巡察整改工作"
        );
        assert_eq!(
            fixed(t),
            ["成立领导小组,并下设办公室具体负责巡察整改工作。巡察整改工作开展以来"]
        );
    }

    #[test]
    fn fixes_keep_one_copy() {
        assert_eq!(
            fixed("会议要求，加强组织领导，加强组织领导，确保实效。"),
            ["会议要求，加强组织领导，确保实效。"]
        );
        assert_eq!(
            fixed("并下设办公室并下设办公室负责日常工作。"),
            ["并下设办公室负责日常工作。"]
        );
        assert_eq!(
            fixed("要压实责任，狠抓落实，压实责任，狠抓落实。下一步"),
            ["要压实责任，狠抓落实。下一步"]
        );
        assert_eq!(fixed("加强组织领导。加强组织领导。"), ["加强组织领导。"]);
    }

    #[test]
    fn parallel_items_are_not_repeats() {
        for ok in [
            "党组书记亲自研究、亲自部署、亲自督办，实行日管控、周排查、月调度。",
            "确保件件落实、条条兑现。整改情况：已完成。整改情况：正在推进。",
            "是，是，是，好的，好的。",
            "要求各地停产停产，整改整改整改整改。",
            "2020年、2021年、2022年",
        ] {
            assert!(diags(ok).is_empty(), "{ok}");
        }
    }

    #[test]
    fn twenty_thousand_copies_are_quick() {
        let t = format!(
            "领导小组{}。",
            ",并下设办公室具体负责巡察整改工作".repeat(20_000)
        );
        let start = std::time::Instant::now();
        let d = diags(&t);
        assert_eq!(d.len(), 1);
        assert!(start.elapsed().as_secs() < 20);
        let t = "并下设办公室".repeat(20_000);
        assert_eq!(diags(&t).len(), 1);
    }
}
