//! `duplicate-char` (NL402): an accidental doubled character or word (从从严, 停产停产), not 件件/天天.
//!
//! A doubled character is everywhere in normal Chinese: reduplications (件件, 实实在在),
//! two words meeting (市|市场, 施工|工期), numbers and names. At each doubled spot the rule
//! asks whether a word boundary or a known reduplication explains it, and reports only what
//! nothing explains:
//!
//! - listed in `rules/reduplications.txt` or the config's `[allow] reduplications`;
//! - an AABB form (家家户户), doubled Chinese numerals (二〇二二), a surname + doubled given
//!   name standing alone (刘婷婷);
//! - a word of two or more characters ends at the first copy and one starts at the second
//!   (会议|议定), looked up in `rules/words.txt` (jieba's dictionary, binary-searched in place:
//!   nothing is loaded or parsed at start-up);
//! - a place or body ending in 市/县/区… followed by 市场/区位… (市|市场监管局);
//! - a word ending in X followed by X used alone as a particle or preposition (目的|的,
//!   行为|为主, 现在|在);
//! - X used alone as a preposition, adverb or modal before a content word starting with X
//!   (对|对方, 从|从事), but not before an adverb or conjunction (从|从严, 已|已经).
//!
//! Repeats of a two- or three-character word (停产停产) are reported when the unit is a
//! word and no boundary explains them; longer repeats belong to `repeated-phrase` (NL401).

use std::collections::HashMap;
use std::sync::LazyLock;

use super::prelude::*;
use super::text::is_han;
use crate::numeral::BmpSet;

pub static RULE: Rule = Rule {
    code: "NL402",
    name: "duplicate-char",
    default_severity: Severity::Warning,
    summary: Text::new(
        "误重复的字或词（从从严、停产停产），不含件件、天天等叠词",
        "an accidental doubled character or word (从从严, 停产停产), not 件件/天天",
    ),
    doc: Text::new(DOC_ZH, DOC_EN),
    implemented: true,
    check,
};

const DOC_ZH: &str = r#"
## 检查什么
误重复的字或词：“从从严”“排口口”“停产停产”“整改整改”。汉语里正常的重叠很多，本规则不报：
叠词（件件、条条、天天、层层、实实在在、家家户户、一一），两个词相接造成的同字相邻（市|市场监管局、
施工|工期、会议|议定、法规|规定、委员会|会同），数字（二〇二二年）和人名（刘婷婷）。在每个同字相邻处，
规则用词表判断是否有词的边界可以解释；都解释不了的才报告。叠词表可在配置 `[allow] reduplications` 中扩充。

## 为什么
重复的字词多是录入或复制粘贴时的失误，读者一眼就能看出，会损害发文机关的公信力。

## 错误示例
```text
持之以恒促进巡察整改，推动从从严治党向纵深发展。
组织各板块对停产停产退出化工企业开展“回头看”检查。
```

## 正确写法
```text
持之以恒促进巡察整改，推动从严治党向纵深发展。
组织各板块对停产退出化工企业开展“回头看”检查，确保件件落实、条条兑现。
```
"#;

const DOC_EN: &str = r#"
## What it does
Flags an accidentally doubled character or word: 从从严, 排口口, 停产停产, 整改整改. Normal
doubling is everywhere in Chinese and stays silent: reduplications (件件, 条条, 天天, 层层,
实实在在, 家家户户, 一一), two words that meet on the same character (市|市场监管局, 施工|工期,
会议|议定, 法规|规定, 委员会|会同), numbers (二〇二二年) and names (刘婷婷). At each doubled spot
the rule looks in a word list for a word boundary that explains it and reports only what
nothing explains. Extend the reduplication list with `[allow] reduplications` in the config.

## Why is this bad?
A doubled character or word is a typing or copy-paste slip; readers see it at once and it
undermines the issuing body's credibility.

## Example
```text
持之以恒促进巡察整改，推动从从严治党向纵深发展。
组织各板块对停产停产退出化工企业开展“回头看”检查。
```

Use instead:
```text
持之以恒促进巡察整改，推动从严治党向纵深发展。
组织各板块对停产退出化工企业开展“回头看”检查，确保件件落实、条条兑现。
```
"#;

const WORDS_TXT: &str = include_str!("../../rules/words.txt");
const REDUPLICATIONS_TXT: &str = include_str!("../../rules/reduplications.txt");

/// Where the body of `rules/words.txt` starts, after its header of comment and blank
/// lines (found by `build.rs`, which indexes the body).
const WORDS_START: usize = include!(concat!(env!("OUT_DIR"), "/words_start.rs"));

/// The sorted body of `rules/words.txt`: binary-searched as it is.
fn words() -> &'static str {
    &WORDS_TXT[WORDS_START..]
}

/// A word's first eight bytes, zero-padded, as a big-endian number: for words without a
/// NUL byte, two different prefixes order as the words do.
fn prefix(w: &[u8]) -> u64 {
    let mut t = [0u8; 8];
    let k = w.len().min(8);
    t[..k].copy_from_slice(&w[..k]);
    u64::from_be_bytes(t)
}

/// Each line of [`words`]: its word's [`prefix`], where the line starts and how long its
/// word is (the bytes before the space), 16 bytes a line, built by `build.rs` from
/// `rules/words.txt`. The binary search mostly compares prefixes.
static WORD_INDEX: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/words_index.bin"));

/// Line `i` of [`WORD_INDEX`]: (prefix, start, length).
fn word_line(i: usize) -> (u64, u32, u32) {
    let r = &WORD_INDEX[16 * i..16 * i + 16];
    let (mut p, mut s, mut l) = ([0u8; 8], [0u8; 4], [0u8; 4]);
    p.copy_from_slice(&r[..8]);
    s.copy_from_slice(&r[8..12]);
    l.copy_from_slice(&r[12..]);
    (
        u64::from_le_bytes(p),
        u32::from_le_bytes(s),
        u32::from_le_bytes(l),
    )
}

/// The part-of-speech tag of a dictionary word, `None` when the word is not listed.
pub(crate) fn word_tag(word: &str) -> Option<&'static str> {
    lookup(word).0
}

/// The part-of-speech tag of a dictionary word (`None` when the word is not listed), and
/// whether a longer word starts with it.
fn lookup(word: &str) -> (Option<&'static str>, bool) {
    lookup_bytes(word.as_bytes())
}

/// The first line of [`WORD_INDEX`] in `lo..hi` whose prefix is not below `key_prefix`.
fn first_line_from(key_prefix: u64, mut lo: usize, mut hi: usize) -> usize {
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if word_line(mid).0 < key_prefix {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    lo
}

/// For each character from U+4E00 to U+A000 (the CJK Unified Ideographs and one past
/// them), the first line of [`WORD_INDEX`] whose word does not sort before it (u32,
/// little-endian), built by `build.rs`: the words beginning with ideograph `c` are the
/// lines from entry `c` to entry `c + 1`.
static WORDS_FIRST: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/words_first.bin"));

/// Whether three bytes encode a character from U+4E00 to U+9FFF.
fn ideograph(lead: u8, second: u8, third: u8) -> bool {
    second & 0xC0 == 0x80
        && third & 0xC0 == 0x80
        && (0x4E00..0xA000).contains(&crate::source::code_point3(lead, second, third))
}

/// For the other words that begin with a character of three bytes (lead byte E0–EF): line
/// `BUCKETS[i]` of [`WORD_INDEX`] is the first whose word does not sort before the lead
/// byte `0xE0 + i / 64` followed by the byte `0x80 + i % 64`. A key beginning with those
/// two bytes sorts between `BUCKETS[i]` and `BUCKETS[i + 1]`, a few hundred lines instead
/// of the whole list (computed once, with 1,025 binary searches).
static BUCKETS: LazyLock<[u32; 1025]> = LazyLock::new(|| {
    let n = WORD_INDEX.len() / 16;
    let mut t = [0u32; 1025];
    for (i, slot) in t.iter_mut().enumerate() {
        let (lead, second) = (0xE0 + (i >> 6) as u64, 0x80 + (i & 63) as u64);
        *slot = first_line_from((lead << 56) | (second << 48), 0, n) as u32;
    }
    t
});

/// [`lookup`] of a word given as its UTF-8 bytes.
fn lookup_bytes(key: &[u8]) -> (Option<&'static str>, bool) {
    let body = words();
    let bytes = body.as_bytes();
    let n = WORD_INDEX.len() / 16;
    let get = |k: usize| (k < n).then(|| word_line(k));
    let key_prefix = prefix(key);
    let word_of =
        |&(_, start, len): &(u64, u32, u32)| &bytes[start as usize..(start + len) as usize];
    // The lines are sorted by their word, each word once: the words that start with the
    // key follow it. The first line not before the key, searched among the lines that
    // share its first two bytes when it begins with a three-byte character (the second
    // byte of a UTF-8 text is then 80–BF):
    let (mut lo, mut hi) = match *key {
        // A CJK ideograph first (nearly every word): the lines of the words that begin
        // with it, a few dozen lines together in a few cache lines.
        [lead @ 0xE4..=0xE9, second, third, ..] if ideograph(lead, second, third) => {
            let i = 4 * (crate::source::code_point3(lead, second, third) as usize - 0x4E00);
            let at = |i: usize| {
                let mut t = [0u8; 4];
                t.copy_from_slice(&WORDS_FIRST[i..i + 4]);
                u32::from_le_bytes(t) as usize
            };
            (at(i), at(i + 4))
        }
        [lead @ 0xE0..=0xEF, second, ..] => {
            let i = (usize::from(lead & 0x0F) << 6) | usize::from(second & 0x3F);
            (BUCKETS[i] as usize, BUCKETS[i + 1] as usize)
        }
        _ => (0, n),
    };
    // A key of at most seven bytes without a NUL byte is told by its prefix alone: a word
    // with the same prefix is the key (a longer word would hold a NUL byte), and a word
    // starts with the key when its prefix's first bytes are the key's. The words' text is
    // then read only for the tag of a word found (each read of it may miss the cache).
    let short = key.len() < 8 && !key.contains(&0);
    let head = if key.is_empty() {
        0
    } else {
        u64::MAX << (64 - 8 * key.len().min(8))
    };
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        let l = word_line(mid);
        if l.0 < key_prefix || (l.0 == key_prefix && !short && word_of(&l) < key) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    let k = lo;
    let longer = |k: usize| {
        get(k).is_some_and(|l| {
            if short {
                l.0 & head == key_prefix
            } else {
                l.0 == key_prefix && word_of(&l).starts_with(key)
            }
        })
    };
    match get(k) {
        Some(line) if line.0 == key_prefix && (short || word_of(&line) == key) => {
            let end = get(k + 1).map_or(bytes.len(), |l| l.1 as usize);
            (
                Some(body[(line.1 + line.2) as usize..end].trim()),
                longer(k + 1),
            )
        }
        _ => (None, longer(k)),
    }
}

/// Built-in reduplications, indexed by each character they hold.
struct Reduplications {
    entries: Vec<Vec<char>>,
    by_char: HashMap<char, Vec<usize>>,
    /// The longest entry's characters (0 when there is none).
    longest: usize,
}

impl Reduplications {
    fn new<'s>(lines: impl Iterator<Item = &'s str>) -> Self {
        let mut entries = Vec::new();
        let mut by_char: HashMap<char, Vec<usize>> = HashMap::new();
        for line in lines {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let chars: Vec<char> = line.chars().collect();
            if chars.len() < 2 {
                continue;
            }
            let idx = entries.len();
            let mut seen: Vec<char> = Vec::new();
            for &c in &chars {
                if !seen.contains(&c) {
                    seen.push(c);
                    by_char.entry(c).or_default().push(idx);
                }
            }
            entries.push(chars);
        }
        let longest = entries.iter().map(Vec::len).max().unwrap_or(0);
        Reduplications {
            entries,
            by_char,
            longest,
        }
    }

    /// Whether an entry covers the characters `s..e` of `chars` with the text around them.
    fn covers(&self, chars: &[(usize, char)], s: usize, e: usize) -> bool {
        let Some(list) = self.by_char.get(&chars[s].1) else {
            return false;
        };
        list.iter()
            .any(|&i| entry_covers(&self.entries[i], chars, s, e))
    }
}

fn entry_covers(entry: &[char], chars: &[(usize, char)], s: usize, e: usize) -> bool {
    let len = entry.len();
    if len < e - s {
        return false;
    }
    (0..=len - (e - s)).any(|o| {
        o <= s
            && s - o + len <= chars.len()
            && entry
                .iter()
                .zip(&chars[s - o..s - o + len])
                .all(|(a, (_, b))| a == b)
    })
}

static REDUPLICATIONS: LazyLock<Reduplications> =
    LazyLock::new(|| Reduplications::new(REDUPLICATIONS_TXT.lines()));

/// A set of characters written as a string (built at compile time: a test is one bit,
/// where `str::contains(char)` searches the string, several times at each doubled spot).
const fn set(s: &str) -> BmpSet {
    BmpSet::of(&[]).with_chars(s)
}

/// Chinese numerals: doubled ones are numbers (二〇二二, 一一), not slips.
fn is_numeral(c: char) -> bool {
    static NUMERALS: BmpSet = set("〇零一二三四五六七八九十百千万亿两壹贰叁肆伍陆柒捌玖拾佰仟");
    NUMERALS.has(c as u32)
}

/// Administrative and organisational suffixes that also begin words (吉安市|市本级).
fn is_admin(c: char) -> bool {
    static ADMIN: BmpSet = set("省市县区镇乡村街局委厅处科办社队组");
    ADMIN.has(c as u32)
}

/// Characters that stand alone after a word ending in them (目的|的, 行为|为主, 现在|在).
fn stands_after(c: char) -> bool {
    static AFTER: BmpSet = set("的了在为与以并和及是于中上下内外后前里等");
    AFTER.has(c as u32)
}

/// Characters that stand alone before a word beginning with them (对|对方, 从|从事,
/// 进行了|了解).
fn stands_before(c: char) -> bool {
    static BEFORE: BmpSet = set("对在把与从向为以给和跟同将被由按依据经让使自于至到往朝要应会可能需须该得不没未已再更最很都也就还又均皆才只仍便即并及或而且但若如凡每各本此其这那有是了的");
    BEFORE.has(c as u32)
}

/// Bodies whose head is named by the body's last character and 长 (统计站|站长, 派出所|所长).
fn heads_a_body(c: char) -> bool {
    static BODIES: BmpSet = set("站所院部馆厂场矿庭股室团队组科处局厅委");
    BODIES.has(c as u32)
}

/// Tags of words that cannot follow a standalone preposition or adverb (从严, 已经, 以及).
fn is_function_tag(tag: &str) -> bool {
    matches!(tag, "d" | "c" | "p" | "r" | "ad" | "f") || tag.starts_with('u')
}

/// Measure words that double after 一 (一场场, 一批批).
fn is_measure(c: char) -> bool {
    static MEASURES: BmpSet =
        set("个件条项批次场台期段站线门本张份家户间座栋所处位名支队轮届篇页辆艘架片块道步层级节");
    MEASURES.has(c as u32)
}

/// Common surnames, for a doubled given name (刘婷婷).
fn is_surname(c: char) -> bool {
    static SURNAMES: BmpSet = set("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝");
    SURNAMES.has(c as u32)
}

fn is_digit_like(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c) || is_numeral(c)
}

/// One paragraph's characters with their byte offsets into the text.
struct Para<'a> {
    text: &'a str,
    chars: Vec<(usize, char)>,
}

impl<'a> Para<'a> {
    fn c(&self, k: usize) -> char {
        self.chars[k].1
    }

    fn start(&self, k: usize) -> usize {
        self.chars[k].0
    }

    fn end(&self, k: usize) -> usize {
        self.chars[k].0 + self.chars[k].1.len_utf8()
    }

    /// The text of characters `a..=b`.
    fn slice(&self, a: usize, b: usize) -> &'a str {
        &self.text[self.start(a)..self.end(b)]
    }

    /// Dictionary words (2..=6 characters, all Han) ending at character `k`, longest first,
    /// with their tags.
    fn words_ending(
        &self,
        k: usize,
        min_len: usize,
    ) -> impl Iterator<Item = (&'a str, &'static str)> + '_ {
        (min_len.max(2)..=6)
            .rev()
            .filter(move |&len| len <= k + 1)
            .map(move |len| k + 1 - len)
            .filter(move |&a| (a..=k).all(|j| is_han(self.c(j))))
            .filter_map(move |a| {
                let w = self.slice(a, k);
                word_tag(w).map(|t| (w, t))
            })
    }

    /// Whether the word of `len` characters ending at `i` (the first copy of a doubled
    /// character) borrows the tail of a longer word before it, with nothing to end a word
    /// right before it: 燃气|管 read as 燃|气管, 部分|设 as 部|分设. `longest_before` gives
    /// the length of the longest word ending at `i - 1` (`None`: no word), asked once.
    fn steals_before(
        &self,
        i: usize,
        len: usize,
        longest_before: &dyn Fn() -> Option<usize>,
    ) -> bool {
        if i == 0 || len > i {
            return false;
        }
        let a = i + 1 - len;
        // A word ending at i - 1 that starts before `a`: one of `len` or more characters.
        if longest_before().is_none_or(|l| l < len) {
            return false;
        }
        let c = self.c(a - 1);
        is_han(c)
            && !stands_before(c)
            && !stands_after(c)
            && !is_digit_like(c)
            && self.words_ending(a - 1, 2).next().is_none()
    }

    /// Whether the word of `len` characters starting at `k` (the second copy of a doubled
    /// character) lends its tail to a longer word after it (在手|机 for 在|手机, 建工|地 for
    /// 在建|工地): unless, with `supported`, a word starts right after it.
    fn steals_after(&self, k: usize, len: usize, supported: bool) -> bool {
        let b = k + len - 1;
        if k + 1 > b || self.words_starting(k + 1, b - k + 1).next().is_none() {
            return false;
        }
        if !supported {
            return true;
        }
        let Some(&(_, c)) = self.chars.get(b + 1) else {
            return false;
        };
        is_han(c)
            && !stands_before(c)
            && !stands_after(c)
            && !is_digit_like(c)
            && self.words_starting(b + 1, 2).next().is_none()
    }

    /// Dictionary words (2..=6 characters) starting at character `k`, with their tags.
    fn words_starting(
        &self,
        k: usize,
        min_len: usize,
    ) -> impl Iterator<Item = (&'a str, &'static str)> + '_ {
        // Once no word starts with the text, no longer one is a word.
        let mut more = true;
        (min_len.max(2)..=6)
            .filter(move |&len| k + len <= self.chars.len())
            .filter(move |&len| (k..k + len).all(|j| is_han(self.c(j))))
            .map_while(move |len| {
                more.then(|| {
                    let w = self.slice(k, k + len - 1);
                    let (tag, longer) = lookup(w);
                    more = longer;
                    tag.map(|t| (w, t))
                })
            })
            .flatten()
    }
}

/// Up to five dictionary words at one place (two to six characters): each one's length in
/// characters and its tag, in the order they were found.
#[derive(Default)]
struct Words {
    items: [(usize, &'static str); 5],
    n: usize,
}

impl Words {
    /// The words of [`Para::words_ending`] or [`Para::words_starting`] (at most five),
    /// looked up once for the several checks that read them.
    fn of<'a>(words: impl Iterator<Item = (&'a str, &'static str)>) -> Words {
        let mut found = Words::default();
        for (w, tag) in words {
            found.items[found.n] = (w.chars().count(), tag);
            found.n += 1;
        }
        found
    }

    fn iter(&self) -> impl Iterator<Item = (usize, &'static str)> + '_ {
        self.items[..self.n].iter().copied()
    }
}

/// Characters around a doubled spot that the checks below read, besides the reduplication
/// entries: words of up to six characters before the first copy and after the second,
/// and the words those could borrow from (`steals_before`, `steals_after`).
const REACH: usize = 16;

fn check(ctx: &Ctx, out: &mut Findings) {
    let extra = Reduplications::new(ctx.options.allow_reduplications.iter().map(String::as_str));
    // A window of characters around each doubled spot stands for the paragraph: it reaches
    // as far as any check or reduplication entry looks.
    let reach = REACH.max(REDUPLICATIONS.longest.max(extra.longest) + 2);
    // Room for a notice's usual doublings and window (grown only past them).
    let mut starts: Vec<usize> = Vec::with_capacity(16);
    let mut chars: Vec<(usize, char)> = Vec::with_capacity(64);
    for (p, rep) in ctx.notice.paragraphs.iter().zip(ctx.repeats()) {
        // The scan below reports only a doubled Han character, or a doubled unit of two or
        // three Han characters: the shared scan notes where each such doubling ends.
        if rep.doublings.is_empty() {
            continue;
        }
        let text = &ctx.text[p.span.clone()];
        let b = text.as_bytes();
        // Where a doubling can start (byte offsets): `k` Han characters of three bytes each
        // followed by the same `k`, the last one starting at a noted place.
        starts.clear();
        for &end in &rep.doublings {
            for k in 1..=3 {
                if let Some(s) = end.checked_sub(3 * (2 * k - 1)) {
                    if doubled_unit(b, s, k) {
                        starts.push(s);
                    }
                }
            }
        }
        starts.sort_unstable();
        starts.dedup();
        // The walk of `scan` over the paragraph does something only at those starts: it
        // goes from one to the next, each time over a window of the paragraph around it
        // (kept for the next start when that needs no other).
        let mut runs = Runs::default();
        let mut decoded = (usize::MAX, usize::MAX);
        let mut next = 0;
        for &s in &starts {
            if s < next {
                continue;
            }
            let (ws, we) = window(b, s, reach, &mut runs);
            if !(decoded.0 <= ws && decoded.1 == we) {
                decoded = (ws, we);
                chars.clear();
                decode_into(&mut chars, &text[ws..we], p.span.start + ws);
            }
            let para = Para {
                text: ctx.text,
                chars: std::mem::take(&mut chars),
            };
            let i = para.chars.partition_point(|&(o, _)| o < p.span.start + s);
            let after = step(&para, i, &extra, out);
            next = para
                .chars
                .get(after)
                .map_or(decoded.1, |&(o, _)| o - p.span.start);
            chars = para.chars;
        }
    }
}

/// `out.extend(s.char_indices().map(|(i, c)| (base + i, c)))`, with room made once.
fn decode_into(out: &mut Vec<(usize, char)>, s: &str, base: usize) {
    // At most one character per byte, and nearly all of a notice's take three.
    out.reserve(s.len() / 3 + 1);
    for (i, c) in s.char_indices() {
        out.push((base + i, c));
    }
}

/// Where the character before byte `i` of `b` starts (`i`: a character boundary above 0),
/// without a byte-by-byte walk back when it has three bytes.
fn prev_boundary(b: &[u8], i: usize) -> usize {
    if i >= 3 && b[i - 3] & 0xF0 == 0xE0 {
        return i - 3;
    }
    let mut j = i - 1;
    while j > 0 && b[j] & 0xC0 == 0x80 {
        j -= 1;
    }
    j
}

/// Where the character at byte `i` of `b` ends (`i`: a character boundary before the end).
fn next_boundary(b: &[u8], i: usize) -> usize {
    if b[i] & 0xF0 == 0xE0 {
        return i + 3;
    }
    let mut j = i + 1;
    while j < b.len() && b[j] & 0xC0 == 0x80 {
        j += 1;
    }
    j
}

/// Whether the `k` characters starting at byte `s` are Han (three bytes each) and the same
/// `k` follow them.
fn doubled_unit(b: &[u8], s: usize, k: usize) -> bool {
    let m = 3 * k;
    s + 2 * m <= b.len()
        && (0..k).all(|j| super::text::is_han_lead(b[s + 3 * j], b[s + 3 * j + 1]))
        && b[s..s + m] == b[s + m..s + 2 * m]
}

/// For a shift of 3, 6 and 9 bytes, the last run of `b[y] == b[y - shift]` looked at: from
/// where and to where (the first `y` that differs, or the end). A start inside it needs no
/// new look, so that a long run is read once.
#[derive(Default)]
struct Runs {
    from: [usize; 3],
    end: [usize; 3],
}

/// The bytes of the window that stands for the paragraph `b` at a doubling starting at `s`:
/// `reach` characters before it, and `reach` after the longest run that repeats a unit of
/// one to three characters from `s` (compared as bytes, three per character).
fn window(b: &[u8], s: usize, reach: usize, runs: &mut Runs) -> (usize, usize) {
    let mut ws = s;
    for _ in 0..reach {
        if ws == 0 {
            break;
        }
        ws = prev_boundary(b, ws);
    }
    let mut run_end = s;
    for (r, m) in [3, 6, 9].into_iter().enumerate() {
        let y0 = s + m;
        if !(runs.from[r] <= y0 && y0 <= runs.end[r]) {
            let mut y = y0;
            while y < b.len() && b[y] == b[y - m] {
                y += 1;
            }
            runs.from[r] = y0;
            runs.end[r] = y;
        }
        run_end = run_end.max(runs.end[r]);
    }
    let mut we = run_end.min(b.len());
    while we < b.len() && b[we] & 0xC0 == 0x80 {
        we += 1;
    }
    for _ in 0..reach {
        if we >= b.len() {
            break;
        }
        we = next_boundary(b, we);
    }
    (ws, we)
}

/// One step of the walk over a paragraph's characters at character `i`: reports what
/// starts there, and returns where the walk goes on.
fn step(p: &Para, i: usize, extra: &Reduplications, out: &mut Findings) -> usize {
    let n = p.chars.len();
    let listed =
        |s: usize, e: usize| REDUPLICATIONS.covers(&p.chars, s, e) || extra.covers(&p.chars, s, e);
    let x = p.c(i);
    if !is_han(x) {
        return i + 1;
    }
    if p.c(i + 1) == x {
        let mut r = 2;
        while i + r < n && p.c(i + r) == x {
            r += 1;
        }
        // AABB (家家户户, 实实在在): both pairs are one reduplication.
        if r == 2
            && i + 3 < n
            && p.c(i + 2) != x
            && is_han(p.c(i + 2))
            && p.c(i + 3) == p.c(i + 2)
            && (i + 4 >= n || p.c(i + 4) != p.c(i + 2))
        {
            return i + 4;
        }
        if !is_numeral(x) && !listed(i, i + r) {
            if r == 2 {
                if let Some(why) = single_unexplained(p, i) {
                    report_single(out, p, i, why);
                }
            } else {
                report_run(out, p, i, r);
            }
        }
        return i + r;
    }
    // Units of two and three characters (停产停产, 巡察组巡察组).
    for k in [2usize, 3] {
        if i + 2 * k > n || (0..k).any(|j| p.c(i + j) != p.c(i + k + j)) {
            continue;
        }
        if (0..k).any(|j| !is_han(p.c(i + j)) || is_numeral(p.c(i + j))) {
            continue;
        }
        // Run of matches c[j] == c[j + k] from i.
        let mut m = k;
        while i + k + m < n && p.c(i + m) == p.c(i + k + m) {
            m += 1;
        }
        let copies = (m + k) / k;
        let region_end = i + copies * k;
        if !listed(i, region_end) {
            if let Some(word) = unit_unexplained(p, i, k) {
                report_unit(out, p, i, k, copies, word);
            }
        }
        return region_end;
    }
    i + 1
}

/// Why a doubled character at `i`, `i + 1` is not explained, or `None` when it is.
enum Why {
    /// Neither copy belongs to a word: 排口口, 牌牌.
    Alone,
    /// The second copy begins a word that the first copy cannot stand before: 从从严.
    Before(String),
    /// The first copy ends a word and the second belongs to none: 标志牌牌.
    After,
    /// With one copy left out the text forms a word: 自行行车 for 自行车.
    Within(String),
}

fn single_unexplained(p: &Para, i: usize) -> Option<Why> {
    let x = p.c(i);
    let n = p.chars.len();
    // A surname and a doubled given name standing alone: 刘婷婷.
    if i >= 1
        && is_surname(p.c(i - 1))
        && (i < 2 || !is_han(p.c(i - 2)))
        && (i + 2 >= n || !is_han(p.c(i + 2)) || p.slice(i + 2, (i + 3).min(n - 1)) == "同志")
    {
        return None;
    }
    // A body's head after the body's name: 统计站|站长, 派出所|所长, 卫生院|院长.
    if heads_a_body(x) && i + 2 < n && p.c(i + 2) == '长' {
        return None;
    }
    // The words ending at the first copy and starting at the second, each looked up once
    // for the checks below.
    let ends = Words::of(p.words_ending(i, 2));
    if let Some(w) = merged_word(p, i, &ends) {
        return Some(Why::Within(w));
    }
    // 一 + a doubled measure word: 一场场, 一批批, 一个个.
    if i >= 1 && p.c(i - 1) == '一' && is_measure(x) {
        return None;
    }
    let longest_cell = std::cell::OnceCell::new();
    let longest_before = || {
        *longest_cell.get_or_init(|| {
            p.words_ending(i - 1, 2)
                .next()
                .map(|(w, _)| w.chars().count())
        })
    };
    let before = (i >= 1 && is_digit_like(p.c(i - 1)))
        || ends
            .iter()
            .any(|(len, _)| !p.steals_before(i, len, &longest_before));
    let starts = Words::of(p.words_starting(i + 1, 2));
    let after_word = starts
        .iter()
        .find(|&(len, _)| !p.steals_after(i + 1, len, true));
    // X alone before a word starting with X (对|对方): that word must not borrow the
    // head of the next word (可在|在手|机 is 可在|手机 with one 在 too many).
    let after_content = starts
        .iter()
        .any(|(len, t)| !is_function_tag(t) && !p.steals_after(i + 1, len, false));
    // 为, 是, 以… alone after a word ending in them govern a noun or a verb, not an
    // adjective or an adverb (较为|为强烈 is 较为强烈 with one 为 too many).
    let governs = |x: char| {
        !"为是以于与".contains(x)
            || !p
                .words_starting(i + 2, 2)
                .next()
                .is_some_and(|(_, t)| matches!(t, "a" | "ad" | "d" | "c"))
    };
    match (before, after_word) {
        (true, Some(_)) => None,
        (true, None) if is_admin(x) || (stands_after(x) && governs(x)) => None,
        (false, Some(_)) if is_admin(x) => None,
        (false, Some(_)) if stands_before(x) && after_content => None,
        (false, Some((len, _))) => Some(Why::Before(p.slice(i + 1, i + len).to_string())),
        (true, None) => Some(Why::After),
        (false, None) => Some(Why::Alone),
    }
}

/// A dictionary word of three or more characters that the text forms with one copy of
/// the doubled character at `i` left out, holding characters from both sides: 电动自行行车
/// is 自行车 with 行 typed twice, though 自行|行车 would explain the pair. Only when no
/// content word ends at the first copy (`ends`: the words ending there): 企业|业主 (n|n)
/// reads as well as 企业主, while the pronoun 自行 before the noun 行车 does not.
fn merged_word(p: &Para, i: usize, ends: &Words) -> Option<String> {
    let n = p.chars.len();
    if i == 0 || i + 2 >= n {
        return None;
    }
    if ends.iter().any(|(_, t)| !is_function_tag(t)) {
        return None;
    }
    // The candidate's bytes: at most six Han characters of three bytes.
    let mut buf = [0u8; 18];
    for s in (i.saturating_sub(4)..i).rev() {
        if !is_han(p.c(s)) {
            break;
        }
        let head = p.slice(s, i).as_bytes();
        buf[..head.len()].copy_from_slice(head);
        for e in i + 2..n.min(i + 6) {
            if !is_han(p.c(e)) {
                break;
            }
            let len = (i - s + 1) + (e - i - 1);
            if len > 6 {
                break;
            }
            let tail = p.slice(i + 2, e).as_bytes();
            let w = head.len() + tail.len();
            buf[head.len()..w].copy_from_slice(tail);
            let (tag, longer) = lookup_bytes(&buf[..w]);
            if tag.is_some() {
                return Some(format!("{}{}", p.slice(s, i), p.slice(i + 2, e)));
            }
            // The next candidate is this one and one character more: no word is, when
            // none starts with this one.
            if !longer {
                break;
            }
        }
    }
    None
}

/// The unit's text when a repeated two- or three-character unit at `i` is unexplained.
fn unit_unexplained<'a>(p: &Para<'a>, i: usize, k: usize) -> Option<&'a str> {
    let unit = p.slice(i, i + k - 1);
    let is_word = word_tag(unit).is_some();
    // A doubled two-character word (管理管理, 工作工作日) is a slip in 公文 even where a
    // word boundary would explain it (工作|工作日, 监督管理|管理局): the colloquial verb
    // reduplications (研究研究) are listed, and ABAB words of the dictionary are kept.
    if k == 2 && is_word {
        return word_tag(p.slice(i, i + 3)).is_none().then_some(unit);
    }
    let part_word = k == 3
        && (word_tag(p.slice(i, i + 1)).is_some() || word_tag(p.slice(i + 1, i + 2)).is_some());
    if !is_word && !part_word {
        return None;
    }
    // A longer word ends at the first copy and a word starts at the second (X+AB|AB…), or
    // the unit ends a word and a longer word starts at the second copy (人民|人民币).
    let first_end = i + k - 1;
    let second = i + k;
    // The longest word ending at the first copy's end, looked up once for both.
    let longest_before = p
        .words_ending(first_end, 2)
        .next()
        .map(|(w, _)| w.chars().count());
    let longer_before = longest_before.is_some_and(|l| l > k);
    let any_before = longest_before.is_some();
    let longer_after = p.words_starting(second, k + 1).next().is_some();
    let any_after = longer_after || p.words_starting(second, 2).next().is_some();
    if (longer_before && any_after) || (any_before && longer_after) {
        return None;
    }
    Some(unit)
}

/// Only the shown language's messages are made (as in the two below).
fn report_single(out: &mut Findings, p: &Para, i: usize, why: Why) {
    let x = p.c(i);
    let span = p.start(i)..p.end(i + 1);
    let (zh, en) = match why {
        Why::Alone => (
            out.zh(|| format!("“{x}”字重复：“{x}{x}”在此不成词，疑为误写")),
            out.en(|| format!("the character 「{x}」 is doubled: 「{x}{x}」 forms no word here and looks like a slip")),
        ),
        Why::Before(w) => (
            out.zh(|| format!("“{x}”字重复：后一个“{x}”属于“{w}”，前一个“{x}”不与前文成词，疑为多打")),
            out.en(|| format!("the character 「{x}」 is doubled: the second belongs to 「{w}」, the first joins no word before it and looks like an extra keystroke")),
        ),
        Why::Within(w) => (
            out.zh(|| format!("“{x}”字重复：删去一个“{x}”即成“{w}”，疑为多打")),
            out.en(|| format!("the character 「{x}」 is doubled: with one deleted the text reads 「{w}」; it looks like an extra keystroke")),
        ),
        Why::After => (
            out.zh(|| format!("“{x}”字重复：前一个“{x}”已与前文成词，后一个“{x}”不与后文成词，疑为多打")),
            out.en(|| format!("the character 「{x}」 is doubled: the first ends the word before it, the second joins no word after it and looks like an extra keystroke")),
        ),
    };
    let fzh = out.zh(|| format!("删去一个“{x}”"));
    let fen = out.en(|| format!("delete one 「{x}」"));
    let edits = [(p.start(i + 1)..p.end(i + 1), "".into())];
    out.push_quick(
        &RULE,
        Quick::new(span, &zh, &en)
            .note(
                "若为叠词或人名，可在配置文件的 [allow] reduplications 中加入",
                "if this is a reduplication or a name, add it to [allow] reduplications in noticelint.toml",
            )
            .fix(Applicability::Unsafe, &fzh, &fen, &edits),
    );
}

fn report_run(out: &mut Findings, p: &Para, i: usize, r: usize) {
    let x = p.c(i);
    let zh = out.zh(|| format!("“{x}”字连续出现{r}次，疑为误写"));
    let en = out
        .en(|| format!("the character 「{x}」 appears {r} times in a row and looks like a slip"));
    let fzh = out.zh(|| format!("只保留一个“{x}”"));
    let fen = out.en(|| format!("keep one 「{x}」"));
    let edits = [(p.start(i + 1)..p.end(i + r - 1), "".into())];
    out.push_quick(
        &RULE,
        Quick::new(p.start(i)..p.end(i + r - 1), &zh, &en).fix(
            Applicability::Unsafe,
            &fzh,
            &fen,
            &edits,
        ),
    );
}

fn report_unit(out: &mut Findings, p: &Para, i: usize, k: usize, copies: usize, unit: &str) {
    let is_word = word_tag(unit).is_some();
    let (zh, en) = if copies == 2 {
        (
            out.zh(|| format!("词语“{unit}”重复：“{unit}{unit}”，疑为误写")),
            out.en(|| {
                format!("the word 「{unit}」 is doubled: 「{unit}{unit}」 looks like a slip")
            }),
        )
    } else {
        (
            out.zh(|| format!("词语“{unit}”连续出现{copies}次，疑为误写")),
            out.en(|| {
                format!("the word 「{unit}」 appears {copies} times in a row and looks like a slip")
            }),
        )
    };
    let fzh = out.zh(|| format!("只保留一个“{unit}”"));
    let fen = out.en(|| format!("keep one 「{unit}」"));
    let edits = [(p.start(i + k)..p.end(i + copies * k - 1), "".into())];
    let applicability = if is_word {
        Applicability::Safe
    } else {
        Applicability::Unsafe
    };
    out.push_quick(
        &RULE,
        Quick::new(p.start(i)..p.end(i + copies * k - 1), &zh, &en).fix(
            applicability,
            &fzh,
            &fen,
            &edits,
        ),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The index `build.rs` writes is the one reading [`words`] line by line gives.
    #[test]
    fn the_compiled_word_index_matches_the_word_list() {
        let body = words().as_bytes();
        let mut want = Vec::new();
        let mut start = 0;
        for line in words().split_inclusive('\n') {
            let word = line.trim_end_matches('\n');
            let end = start + word.find(' ').unwrap_or(word.len());
            want.push((
                prefix(&body[start..end]),
                start as u32,
                (end - start) as u32,
            ));
            start += line.len();
        }
        assert!(WORDS_TXT[..WORDS_START]
            .lines()
            .all(|l| l.starts_with('#') || l.trim().is_empty()));
        assert!(!words().starts_with('#') && !words().starts_with('\n'));
        let got: Vec<_> = (0..WORD_INDEX.len() / 16).map(word_line).collect();
        assert_eq!(WORD_INDEX.len() % 16, 0);
        assert_eq!(got.len(), want.len());
        assert!(got == want);
        assert!(word_tag("检查").is_some());
    }

    fn hits(text: &str) -> Vec<String> {
        crate::check(text, &crate::Options::default())
            .into_iter()
            .filter(|d| d.rule == "duplicate-char")
            .map(|d| text[d.span].to_string())
            .collect()
    }

    #[test]
    fn the_head_of_a_body_after_its_name() {
        for ok in [
            "请统计站站长于6月30日前报送材料。",
            "由派出所所长、卫生院院长和图书馆馆长组成。",
        ] {
            let d: Vec<_> = crate::check(ok, &crate::Options::default())
                .into_iter()
                .filter(|d| d.code == "NL402")
                .collect();
            assert!(d.is_empty(), "{ok}: {d:?}");
        }
    }

    #[test]
    fn word_list_lookup() {
        assert!(word_tag("市场").is_some());
        assert!(word_tag("一一").is_some());
        assert_eq!(word_tag("从严"), Some("d"));
        assert!(word_tag("从从").is_none());
        assert!(word_tag("").is_none());
        assert!(word_tag("齟齬齟齬").is_none());
    }

    #[test]
    fn flags_slips() {
        assert_eq!(hits("推动从从严治党向纵深发展。"), ["从从"]);
        assert_eq!(
            hits("组织各板块对停产停产退出化工企业开展检查。"),
            ["停产停产"]
        );
        assert_eq!(hits("完成46个入河排口口的分类命名。"), ["口口"]);
        assert_eq!(hits("并完成所有排口标志牌的牌牌工作。"), ["牌牌"]);
        assert_eq!(
            hits("要把整改整改工作工作落到实处。"),
            ["整改整改", "工作工作"]
        );
        assert_eq!(hits("各地已已经完成排查。"), ["已已"]);
        assert_eq!(hits("我们的的工作还有差距。"), ["的的"]);
    }

    #[test]
    fn flags_slips_that_a_boundary_seems_to_explain() {
        for (text, hit) in [
            ("建立执法帮扶机制，实行行执法检查与政策宣传相结合。", "行行"),
            ("全省城镇燃气管管理部门开展专项整治。", "管管"),
            ("发现部分设设施出水不达标。", "设设"),
            ("群众反映较为为强烈。", "为为"),
            ("家长可在在手机上实时查看。", "在在"),
            ("管控期间，在建建工地要合理安排工期。", "建建"),
            ("在3个工作工作日内将线索移送有关部门。", "工作工作"),
            ("区市场监督管理管理局负责执法。", "管理管理"),
            ("四、监督监督管理", "监督监督"),
            ("开展电动自行行车专项整治。", "行行"),
        ] {
            assert_eq!(hits(text), [hit], "{text}");
        }
    }

    #[test]
    fn keeps_normal_doubling() {
        for ok in [
            "确保件件落实、条条兑现，天天盯办，层层压实。",
            "会同市市场监管局开展检查，其中中学62所。",
            "施工工期和时间间隔，会议议定以下事项，法律法规规定。",
            "区建设和管理委员会会同各街道，转变工作作风，每年年底前完成。",
            "为群众办实实在在的好事，让家家户户知晓，一一对应。",
            "联系人：刘婷婷，电话：12345678。",
            "二〇二二年十一月，青岛市市南区，吉安市市本级。",
            "实现目的的手段，以违法行为为重点，要对对方负责，从从事相关工作的人员中选拔。",
            "系统学习习近平新时代中国特色社会主义思想，2023年年底前完成。",
            "专项整治期间，全市市场监管部门严格执法，中国国家铁路集团参与。",
            "合理安排施工工期，召开会议议定事项，于每年年底前完成。",
            "开展一场场宣讲，一批批项目落地，行行出状元，请大家研究研究。",
            "区建设和管理委员会会同各街道实行行政审批改革，规范运行行为。",
            "支持企业业主参与，确保安全全面落实，丰富学生生活，强化城市管理理念。",
        ] {
            assert!(hits(ok).is_empty(), "{ok}: {:?}", hits(ok));
        }
    }

    #[test]
    fn config_extends_the_list() {
        let text = "联系人：张三，王兹兹负责。";
        let mut opts = crate::Options::default();
        let n = |o: &crate::Options| {
            crate::check(text, o)
                .iter()
                .filter(|d| d.rule == "duplicate-char")
                .count()
        };
        assert_eq!(n(&opts), 1);
        opts.allow_reduplications = vec!["兹兹".into()];
        assert_eq!(n(&opts), 0);
    }

    #[test]
    fn no_blowup_on_long_runs() {
        let text = "啊".repeat(200_000) + &"停产".repeat(50_000) + &"巡察组".repeat(30_000);
        let d = hits(&text);
        assert_eq!(d.len(), 3);
    }
}
