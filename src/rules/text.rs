//! Small text helpers shared by rules.

use std::ops::Range;

/// A CJK ideograph (the unified block and extension A).
pub fn is_han(c: char) -> bool {
    matches!(c as u32, 0x4E00..=0x9FFF | 0x3400..=0x4DBF | 0xF900..=0xFAFF)
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
pub fn sentences(text: &str, span: Range<usize>) -> Vec<Range<usize>> {
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

/// At most 30 characters of a text, for a message: the head and the tail around “……”.
pub fn shorten(s: &str) -> String {
    let n = s.chars().count();
    if n <= 30 {
        s.to_string()
    } else {
        let head: String = s.chars().take(14).collect();
        let tail: String = s.chars().skip(n - 14).collect();
        format!("{head}……{tail}")
    }
}
