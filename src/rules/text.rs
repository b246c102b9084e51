//! Small text helpers shared by rules.

use std::ops::Range;

/// A CJK ideograph (the unified block and extension A).
pub fn is_han(c: char) -> bool {
    matches!(c as u32, 0x4E00..=0x9FFF | 0x3400..=0x4DBF | 0xF900..=0xFAFF)
}

/// Whether the character whose UTF-8 encoding begins with the bytes `lead`, `next` is Han
/// ([`is_han`]), read from its first two bytes without decoding it: U+3400–U+4DBF is
/// E3 90 80–E4 B6 BF, U+4E00–U+9FFF is E4 B8 80–E9 BF BF, U+F900–U+FAFF is EF A4 80–EF AB BF.
#[inline]
pub fn is_han_lead(lead: u8, next: u8) -> bool {
    match lead {
        0xE5..=0xE9 => true,
        // E4 B7 xx is U+4DC0–U+4DFF (hexagram symbols), between extension A and the block.
        0xE4 => next != 0xB7,
        0xE3 => next >= 0x90,
        0xEF => (0xA4..=0xAB).contains(&next),
        _ => false,
    }
}

/// Skip the run of characters at `b[i..]` whose lead byte is E4–E9 (U+4000–U+9FFF, most of
/// a Chinese text), four at a time where it can: returns where the run ends and how many
/// of its characters are Han ([`is_han_lead`]: all but E4 B7 xx, U+4DC0–U+4DFF). `b` is
/// UTF-8 and `i` a character boundary; `(i, 0)` when the character at `i` is not in the run.
#[inline]
pub fn cjk_run(b: &[u8], mut i: usize) -> (usize, usize) {
    let block = |x: u8| x.wrapping_sub(0xE4) < 6;
    let hexagram = |x: u8, y: u8| usize::from(x == 0xE4 && y == 0xB7);
    let mut han = 0;
    while let Some(w) = b.get(i..i + 12) {
        // Each lead byte tells the next one's place only when it is a lead of the run.
        if !(block(w[0]) & block(w[3]) & block(w[6]) & block(w[9])) {
            break;
        }
        han += 4
            - hexagram(w[0], w[1])
            - hexagram(w[3], w[4])
            - hexagram(w[6], w[7])
            - hexagram(w[9], w[10]);
        i += 12;
    }
    while let Some(&[x, y, _]) = b.get(i..i + 3) {
        if !block(x) {
            break;
        }
        han += 1 - hexagram(x, y);
        i += 3;
    }
    (i, han)
}

/// Where the run of characters at `b[i..]` whose lead byte is E4–E9 ends ([`cjk_run`]
/// without the count: when the text holds no U+4DC0–U+4DFF, all of the run is Han and its
/// Han characters are its length over 3). `b` is UTF-8 and `i` a character boundary.
#[inline]
pub fn cjk_run_end(b: &[u8], mut i: usize) -> usize {
    let block = |x: u8| x.wrapping_sub(0xE4) < 6;
    while let Some(w) = b.get(i..i + 12) {
        if !(block(w[0]) & block(w[3]) & block(w[6]) & block(w[9])) {
            break;
        }
        i += 12;
    }
    while b.get(i).is_some_and(|&x| block(x)) {
        i += 3;
    }
    i
}

/// The number of Han characters ([`is_han`]) in `s`, counted on its bytes.
pub fn han_count(s: &str) -> usize {
    let b = s.as_bytes();
    let mut n = 0;
    for i in 0..b.len() {
        // A Han character's lead byte is E3–EF; continuation bytes are below C0.
        if b[i] >= 0xE3 && b[i] < 0xF0 {
            n += usize::from(is_han_lead(b[i], b[i + 1]));
        }
    }
    n
}

/// Full-width Chinese punctuation (GB/T 15834 marks).
pub fn is_cn_punct(c: char) -> bool {
    matches!(
        c,
        '，' | '。'
            | '、'
            | '；'
            | '：'
            | '？'
            | '！'
            | '“'
            | '”'
            | '‘'
            | '’'
            | '（'
            | '）'
            | '《'
            | '》'
            | '〈'
            | '〉'
            | '【'
            | '】'
            | '〔'
            | '〕'
            | '…'
            | '—'
            | '·'
            | '～'
    )
}

/// Sentences of a span: split after 。！？； (and their ASCII forms), keeping the mark.
///
/// Read on the bytes ([`sentence_marks`]).
pub fn sentences(text: &str, span: Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    sentences_into(text, span, &mut out);
    out
}

/// [`sentences`], appended to `out` (a buffer the caller reuses).
pub fn sentences_into(text: &str, span: Range<usize>, out: &mut Vec<Range<usize>>) {
    let b = &text.as_bytes()[span.clone()];
    let mut start = span.start;
    let mut cut = |i: usize, len: usize| {
        let end = span.start + i + len;
        if end > start {
            out.push(start..end);
        }
        start = end;
    };
    if memchr::memchr3(b';', b'!', b'?', b).is_none() {
        // No ASCII mark (the usual case): the wide marks alone, found by their lead bytes
        // as in [`sentence_marks`], in one search.
        for i in memchr::memchr2_iter(0xE3, 0xEF, b) {
            if b.get(i..i + 3).is_some_and(is_wide_sentence_mark) {
                cut(i, 3);
            }
        }
    } else {
        for (i, len) in sentence_marks(b) {
            cut(i, len);
        }
    }
    if start < span.end {
        out.push(start..span.end);
    }
}

/// The sentence marks 。！？； and `;` `!` `?` of `b`, in order: each one's offset and its
/// length in bytes. `memchr` finds the ASCII marks and the lead bytes E3 and EF of the wide
/// ones (。 is E3 80 82; ！？； are EF BC 81/9F/9B); neither kind of byte occurs inside
/// another character.
pub fn sentence_marks(b: &[u8]) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut ascii = memchr::memchr3_iter(b';', b'!', b'?', b).peekable();
    let mut wide = memchr::memchr2_iter(0xE3, 0xEF, b).peekable();
    std::iter::from_fn(move || loop {
        let (i, len) = match (ascii.peek(), wide.peek()) {
            (Some(&a), Some(&w)) if a < w => (ascii.next().unwrap_or(a), 1),
            (Some(&a), None) => (ascii.next().unwrap_or(a), 1),
            (_, Some(&w)) => (wide.next().unwrap_or(w), 3),
            (None, None) => return None,
        };
        if len == 1 || b.get(i..i + 3).is_some_and(is_wide_sentence_mark) {
            return Some((i, len));
        }
    })
}

/// Whether `w` (three bytes) is a wide sentence mark: 。！？； (E3 80 82, EF BC 81/9F/9B).
/// The ASCII ones are `;!?`.
pub(crate) fn is_wide_sentence_mark(w: &[u8]) -> bool {
    matches!(w, [0xE3, 0x80, 0x82] | [0xEF, 0xBC, 0x81 | 0x9F | 0x9B])
}

/// At most 30 characters of a text, for a message: the head and the tail around “……”.
pub fn shorten(s: &str) -> String {
    // Only the ends are walked: the first 31 characters decide whether it is short.
    let Some((cut, _)) = s.char_indices().nth(30) else {
        return s.to_string();
    };
    let head = s[..cut].char_indices().nth(14).map_or(cut, |(i, _)| i);
    let tail = s.char_indices().rev().nth(13).map_or(0, |(i, _)| i);
    let mut out = String::with_capacity(head + "……".len() + s.len() - tail);
    out.push_str(&s[..head]);
    out.push_str("……");
    out.push_str(&s[tail..]);
    out
}

/// Random texts for the tests that compare a byte-level scan with the plain one.
#[cfg(test)]
pub(crate) fn random_text(pieces: &[&str], seed: &mut u64, max_pieces: u64) -> String {
    let mut t = String::new();
    for _ in 0..(*seed % max_pieces) {
        *seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        t.push_str(pieces[(*seed >> 33) as usize % pieces.len()]);
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shorten_keeps_fourteen_characters_at_each_end_of_a_long_text() {
        let old = |s: &str| {
            let n = s.chars().count();
            if n <= 30 {
                s.to_string()
            } else {
                let head: String = s.chars().take(14).collect();
                let tail: String = s.chars().skip(n - 14).collect();
                format!("{head}……{tail}")
            }
        };
        let alphabet = ['一', 'a', '𠮷', '，', 'é'];
        for n in 0..70 {
            let s: String = (0..n).map(|i| alphabet[(i * 7 + n) % 5]).collect();
            assert_eq!(shorten(&s), old(&s), "{s}");
        }
        assert_eq!(
            shorten(&"一".repeat(31)),
            format!("{}……{}", "一".repeat(14), "一".repeat(14))
        );
    }

    #[test]
    fn han_on_bytes_agrees_with_chars() {
        let mut all = String::new();
        for c in (0..0x11_0000u32).filter_map(char::from_u32) {
            let mut buf = [0u8; 4];
            let b = c.encode_utf8(&mut buf).as_bytes();
            if b.len() == 3 {
                assert_eq!(is_han_lead(b[0], b[1]), is_han(c), "{c:?}");
            }
            all.push(c);
        }
        assert_eq!(han_count(&all), all.chars().filter(|&c| is_han(c)).count());
        assert_eq!(han_count("a一、〇丁𠮷"), 2);
    }

    #[test]
    fn cjk_runs_agree_with_chars() {
        let pieces = [
            "一", "䷀", "鿿", "丁", "、", "a", "𠮷", "ｌ", "㐀", "é", "\u{4000}",
        ];
        let mut seed = 5u64;
        for _ in 0..3000 {
            let t = random_text(&pieces, &mut seed, 23);
            for (i, _) in t.char_indices() {
                let run: String = t[i..]
                    .chars()
                    .take_while(|&c| (0x4000..=0x9FFF).contains(&(c as u32)))
                    .collect();
                let han = run.chars().filter(|&c| is_han(c)).count();
                assert_eq!(cjk_run(t.as_bytes(), i), (i + run.len(), han), "{t:?} {i}");
                assert_eq!(cjk_run_end(t.as_bytes(), i), i + run.len(), "{t:?} {i}");
            }
        }
    }

    /// The character-by-character split `sentences` replaced.
    fn sentences_by_chars(text: &str, span: Range<usize>) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        let mut start = span.start;
        for (i, c) in text[span.clone()].char_indices() {
            if matches!(c, '。' | '！' | '？' | '；' | ';' | '!' | '?') {
                let end = span.start + i + c.len_utf8();
                if end > start {
                    out.push(start..end);
                }
                start = end;
            }
        }
        if start < span.end {
            out.push(start..span.end);
        }
        out
    }

    #[test]
    fn sentences_on_bytes_agree_with_chars() {
        let pieces = [
            "。", "！", "？", "；", ";", "!", "?", "，", "、", "《", "》", "“", "”", "甲", "乙",
            "a", " ", "\u{3000}", "（", "）", "ｘ", "𠮷", "\u{FF5F}", "\u{3003}",
        ];
        let mut seed = 7u64;
        for _ in 0..3000 {
            let t = random_text(&pieces, &mut seed, 13);
            let ends: Vec<usize> = (0..=t.len()).filter(|&i| t.is_char_boundary(i)).collect();
            for &a in &ends {
                for &b in ends.iter().filter(|&&b| b >= a).take(4) {
                    assert_eq!(
                        sentences(&t, a..b),
                        sentences_by_chars(&t, a..b),
                        "{t:?} {a}..{b}"
                    );
                }
            }
        }
    }
}
