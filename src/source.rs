//! Bytes in, text out: encoding detection and the line index.
//!
//! Every span in noticelint is a byte range into the *decoded* UTF-8 text. This module
//! turns a file's bytes into that text (UTF-8 with or without BOM, UTF-16 with BOM,
//! GB18030/GBK and other legacy encodings detected by `chardetng`) and maps byte offsets
//! to 1-based lines and character columns, as rustc does.

use std::fmt;

/// A decoded notice.
#[derive(Debug, Clone)]
pub struct Decoded {
    /// The text, as UTF-8, without a byte-order mark. CRLF line ends are kept as they were.
    pub text: String,
    /// The encoding it was read in (`utf-8`, `utf-16le`, `utf-16be`, `gb18030`, …).
    pub encoding: &'static str,
    /// Whether the file began with a byte-order mark.
    pub bom: bool,
}

/// Why a file's bytes are not a notice we can read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// NUL bytes or other binary content: not a text file.
    Binary,
    /// Bytes that no supported encoding decodes cleanly.
    Undecodable(&'static str),
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::Binary => {
                write!(f, "not a text file (it contains NUL bytes or binary data)")
            }
            DecodeError::Undecodable(enc) => write!(
                f,
                "cannot decode the file as text (tried UTF-8, UTF-16 and {enc}); save it as UTF-8"
            ),
        }
    }
}

/// UTF-8 validation with SIMD (simdutf8): the standard library's check costs ~10
/// instructions per byte of Chinese text, a tenth of a notice's whole budget.
fn utf8(bytes: &[u8]) -> Result<&str, simdutf8::basic::Utf8Error> {
    simdutf8::basic::from_utf8(bytes)
}

/// From this size up, [`decode_owned`] keeps a UTF-8 file's bytes as its text (smaller
/// files are copied: a copy costs less than the standard library's second UTF-8 check).
pub const OWNED_BYTES: usize = 1 << 20;

/// [`decode`] for bytes the caller gives up: a large UTF-8 file without a byte-order mark
/// or NUL becomes the text where it lies, instead of being copied. Anything else goes
/// through [`decode`]; the result is the same either way.
pub fn decode_owned(bytes: Vec<u8>) -> Result<Decoded, DecodeError> {
    let bom = [&b"\xEF\xBB\xBF"[..], b"\xFF\xFE", b"\xFE\xFF"]
        .iter()
        .any(|b| bytes.starts_with(b));
    if bom || bytes.len() < OWNED_BYTES || memchr::memchr(0, &bytes).is_some() {
        return decode(&bytes);
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok(Decoded {
            text,
            encoding: "utf-8",
            bom: false,
        }),
        Err(e) => decode(e.as_bytes()),
    }
}

/// Decode a file's bytes.
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return match utf8(rest) {
            Ok(s) if memchr::memchr(0, s.as_bytes()).is_none() => Ok(Decoded {
                text: s.to_owned(),
                encoding: "utf-8",
                bom: true,
            }),
            Ok(_) => Err(DecodeError::Binary),
            Err(_) => Err(DecodeError::Undecodable("utf-8")),
        };
    }
    for (bom, enc, name) in [
        (&b"\xFF\xFE"[..], encoding_rs::UTF_16LE, "utf-16le"),
        (&b"\xFE\xFF"[..], encoding_rs::UTF_16BE, "utf-16be"),
    ] {
        if let Some(rest) = bytes.strip_prefix(bom) {
            let (text, had_errors) = enc.decode_without_bom_handling(rest);
            if had_errors {
                return Err(DecodeError::Undecodable(name));
            }
            if text.contains('\0') {
                return Err(DecodeError::Binary);
            }
            return Ok(Decoded {
                text: text.into_owned(),
                encoding: name,
                bom: true,
            });
        }
    }
    // `memchr` rather than `<[u8]>::contains`: the standard library's byte search reads a
    // word at a time (~1 instruction per byte), `memchr` a vector at a time.
    if memchr::memchr(0, bytes).is_some() {
        return Err(DecodeError::Binary);
    }
    if let Ok(s) = utf8(bytes) {
        return Ok(Decoded {
            text: s.to_owned(),
            encoding: "utf-8",
            bom: false,
        });
    }
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    det.feed(bytes, true);
    let guess = det.guess(Some(b"cn"), chardetng::Utf8Detection::Deny);
    // Chinese notices in a legacy encoding are GBK or GB18030; GB18030 is a superset of both.
    let enc = if guess == encoding_rs::GBK || guess == encoding_rs::GB18030 {
        encoding_rs::GB18030
    } else {
        guess
    };
    let (text, had_errors) = enc.decode_without_bom_handling(bytes);
    if had_errors {
        // A guess that fails: try GB18030 outright before giving up.
        let (t2, e2) = encoding_rs::GB18030.decode_without_bom_handling(bytes);
        if e2 {
            return Err(DecodeError::Undecodable("gb18030"));
        }
        return Ok(Decoded {
            text: t2.into_owned(),
            encoding: "gb18030",
            bom: false,
        });
    }
    // encoding_rs names are WHATWG labels: "gb18030", "Big5", "Shift_JIS", …
    let name: &'static str = enc.name();
    if text
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
    {
        return Err(DecodeError::Binary);
    }
    Ok(Decoded {
        text: text.into_owned(),
        encoding: name,
        bom: false,
    })
}

/// The characters in UTF-8 bytes: the bytes that do not continue a sequence.
///
/// Eight bytes at a time: a continuation byte is `10xxxxxx`, so bit 7 of `w & !(w << 1)`
/// is set in exactly those bytes (`w << 1` brings each byte's bit 6 to its bit 7); the
/// multiplication adds the eight 0/1 bytes into the top byte. About one instruction per
/// byte, where the byte filter cost four.
pub fn count_chars(b: &[u8]) -> usize {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const ONES: u64 = 0x0101_0101_0101_0101;
    let mut chunks = b.chunks_exact(8);
    let mut cont = 0usize;
    for c in &mut chunks {
        let w = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
        let marks = ((w & !(w << 1)) & HIGH) >> 7;
        cont += (marks.wrapping_mul(ONES) >> 56) as usize;
    }
    let rest = chunks.remainder();
    cont += rest.iter().filter(|&&x| (x as i8) < -0x40).count();
    b.len() - cont
}

/// Maps byte offsets to lines and character columns.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
    /// Every [`CHECKPOINT`] bytes: (byte offset, characters since its line's start), so
    /// that a column is counted from a nearby point, not from the start of a long line.
    checkpoints: Vec<(usize, usize)>,
}

const CHECKPOINT: usize = 1024;

/// A resolved position: 1-based line, 1-based column in Unicode scalar values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineCol {
    pub line: usize,
    pub column: usize,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        // Kept for the whole report: counted first, so that the vector is allocated once at
        // its size (no doubling's spare room: 1.4 MB on 32 MB, and no reallocation).
        let mut starts = Vec::with_capacity(count_newlines(text.as_bytes()) + 1);
        starts.push(0);
        for_each_newline(text.as_bytes(), |i| starts.push(i + 1));
        // Checkpoints on the lines longer than CHECKPOINT bytes only: a column is counted
        // from one only when it lies more than CHECKPOINT bytes after its line's start
        // (`column_on`), and any checkpoint on the line before the offset gives the same
        // count. On such a line, one at the first character boundary at or after every
        // CHECKPOINT bytes from its start, with the characters between the line's start and
        // it. Characters are counted as the bytes that do not continue a UTF-8 sequence (no
        // decoding); text on short lines is not looked at.
        let mut checkpoints = Vec::new();
        let b = text.as_bytes();
        for (k, &start) in starts.iter().enumerate() {
            // The line's end: its `\n` (a character boundary) or the end of the text.
            let end = starts.get(k + 1).map_or(b.len(), |&next| next - 1);
            if end - start <= CHECKPOINT {
                continue;
            }
            let (mut last, mut col) = (start, 0);
            let mut i = start + CHECKPOINT;
            while i < end {
                while !text.is_char_boundary(i) {
                    i += 1;
                }
                if i >= end {
                    break;
                }
                col += count_chars(&b[last..i]);
                checkpoints.push((i, col));
                last = i;
                i += CHECKPOINT;
            }
        }
        LineIndex {
            starts,
            checkpoints,
        }
    }

    /// Where each line begins, in bytes (the first is 0).
    pub fn starts(&self) -> &[usize] {
        &self.starts
    }

    /// The 0-based line that holds byte `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        }
    }

    /// Byte offset where 0-based `line` starts.
    pub fn line_start(&self, line: usize) -> usize {
        self.starts[line.min(self.starts.len() - 1)]
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// [`LineIndex::line_of`] searched from a line known to start at or before `offset`
    /// (`hint`): lines are looked at 1, 2, 4, … ahead, then the last step is halved, so a
    /// line near the hint costs a few comparisons, a far one about as much as the binary
    /// search. The same answer as `line_of`.
    pub fn line_of_from(&self, offset: usize, hint: usize) -> usize {
        let s = &self.starts;
        if hint >= s.len() || s[hint] > offset {
            return self.line_of(offset);
        }
        let (mut lo, mut step) = (hint, 1);
        while lo + step < s.len() && s[lo + step] <= offset {
            lo += step;
            step *= 2;
        }
        // The line is in lo..lo + step: starts[lo] <= offset < starts[lo + step].
        let hi = (lo + step).min(s.len());
        lo + s[lo + 1..hi].partition_point(|&b| b <= offset)
    }

    /// The 1-based character column of byte `offset` (a char boundary) on 0-based `line`,
    /// which holds it: counted from the line's start, or on a long line from the last
    /// checkpoint before `offset` on it, so at most [`CHECKPOINT`] bytes or so.
    pub fn column_on(&self, text: &str, line: usize, offset: usize) -> usize {
        let start = self.starts[line];
        let (from, base) = if offset - start <= CHECKPOINT {
            (start, 0)
        } else {
            // Count from the nearest checkpoint on the same line, if there is one.
            let k = self.checkpoints.partition_point(|&(b, _)| b <= offset);
            match k.checked_sub(1).map(|k| self.checkpoints[k]) {
                Some((b, col)) if b >= start => (b, col),
                _ => (start, 0),
            }
        };
        base + count_chars(&text.as_bytes()[from..offset]) + 1
    }

    /// 1-based line and character column of a byte offset (clamped to a char boundary).
    pub fn line_col(&self, text: &str, offset: usize) -> LineCol {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line = self.line_of(offset);
        LineCol {
            line: line + 1,
            column: self.column_on(text, line, offset),
        }
    }
}

/// The code point of the three-byte UTF-8 character `x b1 b2` (lead byte E0–EF), read
/// from its bytes without a decoder's checks: for scans that have told a character of three
/// bytes by its lead byte in text known to be UTF-8.
#[inline(always)]
pub(crate) const fn code_point3(x: u8, b1: u8, b2: u8) -> u32 {
    (x as u32 & 0x0F) << 12 | (b1 as u32 & 0x3F) << 6 | (b2 as u32 & 0x3F)
}

/// The number of `\n` bytes in `b`.
pub(crate) fn count_newlines(b: &[u8]) -> usize {
    memchr::memchr_iter(b'\n', b).count()
}

/// Calls `f` with the offset of every `\n` in `b`, in order.
///
/// A `\n` right after the previous one (a blank line: every other line of a notice) is
/// told by one byte, without setting up a search; the others are found by `memchr`.
#[inline]
pub(crate) fn for_each_newline(b: &[u8], mut f: impl FnMut(usize)) {
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'\n' {
            match memchr::memchr(b'\n', &b[i + 1..]) {
                Some(k) => i += k + 1,
                None => return,
            }
        }
        f(i);
        i += 1;
    }
}

/// The largest char boundary not after `i`.
pub fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    if i >= text.len() {
        return text.len();
    }
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters() {
        let t = "一二\n三四五";
        let idx = LineIndex::new(t);
        assert_eq!(idx.line_col(t, 0), LineCol { line: 1, column: 1 });
        assert_eq!(idx.line_col(t, 3), LineCol { line: 1, column: 2 });
        assert_eq!(idx.line_col(t, 7), LineCol { line: 2, column: 1 });
        assert_eq!(idx.line_col(t, 10), LineCol { line: 2, column: 2 });
    }

    #[test]
    fn columns_on_long_lines_use_checkpoints() {
        let t = format!("{}\n{}", "一".repeat(3000), "a二".repeat(3000));
        let idx = LineIndex::new(&t);
        for off in [0, 3, 2997, 4500, 8999, 9000, 9001, 9002, 12001, t.len()] {
            let off = floor_char_boundary(&t, off);
            let before = &t[..off];
            let line = before.matches('\n').count() + 1;
            let col = before.chars().rev().take_while(|&c| c != '\n').count() + 1;
            assert_eq!(
                idx.line_col(&t, off),
                LineCol { line, column: col },
                "{off}"
            );
        }
    }

    #[test]
    fn count_chars_and_line_search_agree_with_the_plain_ones() {
        let t = "a一\n\n二三bc四\né\n五六七八九十abc\n".repeat(5);
        let b = t.as_bytes();
        for i in 0..b.len() {
            for j in i..b.len().min(i + 40) {
                let plain = b[i..j].iter().filter(|&&x| (x as i8) >= -0x40).count();
                assert_eq!(count_chars(&b[i..j]), plain, "{i}..{j}");
            }
        }
        let idx = LineIndex::new(&t);
        for off in 0..=t.len() {
            for hint in 0..idx.line_count() + 1 {
                assert_eq!(
                    idx.line_of_from(off, hint),
                    idx.line_of(off),
                    "{off} {hint}"
                );
            }
        }
    }

    #[test]
    fn decodes_gb18030_and_utf16() {
        let s = "关于巡察整改情况的通报，共计19个问题。";
        let (gb, _, _) = encoding_rs::GB18030.encode(s);
        let d = decode(&gb).unwrap();
        assert_eq!(d.text, s);
        assert_eq!(d.encoding, "gb18030");
        let mut u16 = vec![0xFF, 0xFE];
        for u in s.encode_utf16() {
            u16.extend_from_slice(&u.to_le_bytes());
        }
        let d = decode(&u16).unwrap();
        assert_eq!(d.text, s);
        assert_eq!(d.encoding, "utf-16le");
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice(s.as_bytes());
        let d = decode(&bom).unwrap();
        assert!(d.bom);
        assert_eq!(d.text, s);
    }

    #[test]
    fn newline_scans_agree_with_memchr() {
        let t = "甲\n\n乙丙\r\nabc\n".repeat(7) + "丁";
        let b = t.as_bytes();
        for i in 0..b.len() {
            for j in (i..=b.len()).step_by(5) {
                let want: Vec<usize> = memchr::memchr_iter(b'\n', &b[i..j]).collect();
                let mut got = Vec::new();
                for_each_newline(&b[i..j], |k| got.push(k));
                assert_eq!(got, want, "{i}..{j}");
                assert_eq!(count_newlines(&b[i..j]), want.len(), "{i}..{j}");
            }
        }
    }

    #[test]
    fn nul_bytes_are_binary() {
        assert_eq!(decode(b"abc\0def").unwrap_err(), DecodeError::Binary);
    }
}
