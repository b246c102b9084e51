//! Positions as LSP counts them: 0-based lines and UTF-16 code units within a line.
//!
//! noticelint's spans are byte ranges into UTF-8 text; an editor speaks in (line,
//! character) pairs where `character` counts UTF-16 code units (𠮷, outside the Basic
//! Multilingual Plane, is two). Lines end at `\n`, `\r\n` or a lone `\r`, as the protocol
//! says. [`Utf16Index`] converts both ways with checkpoints at every line start and every
//! 1 KiB inside long lines, so a conversion never scans more than about 1 KiB and a notice
//! written on one long line stays linear.

use std::ops::Range;

use lsp_types::{Position, TextDocumentContentChangeEvent};

/// At most this many bytes between two checkpoints inside a line.
const STRIDE: usize = 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Point {
    byte: usize,
    line: u32,
    col: u32,
}

/// Byte offsets ⇄ LSP positions for one text.
#[derive(Debug, Clone)]
pub struct Utf16Index {
    /// Sorted by `byte` and, equally, by `(line, col)`.
    points: Vec<Point>,
    len: usize,
}

fn is_line_end(c: char) -> bool {
    c == '\n' || c == '\r'
}

impl Utf16Index {
    pub fn new(text: &str) -> Utf16Index {
        let mut points = vec![Point {
            byte: 0,
            line: 0,
            col: 0,
        }];
        let (mut line, mut col, mut last) = (0u32, 0u32, 0usize);
        let bytes = text.as_bytes();
        for (i, c) in text.char_indices() {
            let next = i + c.len_utf8();
            let ends_line = c == '\n' || (c == '\r' && bytes.get(next) != Some(&b'\n'));
            if ends_line {
                line = line.saturating_add(1);
                col = 0;
                last = next;
                points.push(Point {
                    byte: next,
                    line,
                    col,
                });
            } else if c != '\r' {
                col = col.saturating_add(c.len_utf16() as u32);
                if next - last >= STRIDE {
                    last = next;
                    points.push(Point {
                        byte: next,
                        line,
                        col,
                    });
                }
            }
        }
        Utf16Index {
            points,
            len: text.len(),
        }
    }

    /// The position of a byte offset (clamped to the text, and back to a char boundary).
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let mut offset = offset.min(self.len).min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let k = self.points.partition_point(|p| p.byte <= offset);
        let p = self.points[k.saturating_sub(1)];
        let col = text[p.byte..offset]
            .chars()
            .filter(|&c| !is_line_end(c))
            .map(|c| c.len_utf16() as u32)
            .fold(p.col, u32::saturating_add);
        Position::new(p.line, col)
    }

    /// The byte offset of a position. A character past the end of its line means the line's
    /// end; a line past the last line means the end of the text; a position inside a
    /// surrogate pair means the start of that character.
    pub fn offset(&self, text: &str, pos: Position) -> usize {
        let key = (pos.line, pos.character);
        let k = self.points.partition_point(|p| (p.line, p.col) <= key);
        let p = self.points[k.saturating_sub(1)];
        if p.line < pos.line {
            // No such line.
            return self.len.min(text.len());
        }
        let mut byte = p.byte;
        let mut col = p.col;
        for c in text[p.byte.min(text.len())..].chars() {
            let w = c.len_utf16() as u32;
            if is_line_end(c) || col.saturating_add(w) > pos.character {
                break;
            }
            col += w;
            byte += c.len_utf8();
        }
        byte
    }

    /// The LSP range of a byte span.
    pub fn range(&self, text: &str, span: &Range<usize>) -> lsp_types::Range {
        lsp_types::Range::new(
            self.position(text, span.start),
            self.position(text, span.end),
        )
    }

    /// The byte span of an LSP range (start and end put in order).
    pub fn span(&self, text: &str, range: &lsp_types::Range) -> Range<usize> {
        let a = self.offset(text, range.start);
        let b = self.offset(text, range.end);
        a.min(b)..a.max(b)
    }
}

/// Apply a `didChange` notification's changes, in order, to a document's text.
pub fn apply_changes(text: &mut String, changes: Vec<TextDocumentContentChangeEvent>) {
    for change in changes {
        match change.range {
            None => *text = change.text,
            Some(range) => {
                let span = Utf16Index::new(text).span(text, &range);
                text.replace_range(span, &change.text);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pos(line: u32, character: u32) -> Position {
        Position::new(line, character)
    }

    #[test]
    fn astral_characters_count_two() {
        let t = "一𠮷a,b\n";
        let ix = Utf16Index::new(t);
        let comma = t.find(',').unwrap();
        assert_eq!(ix.position(t, comma), pos(0, 4));
        assert_eq!(ix.offset(t, pos(0, 4)), comma);
        // Inside the surrogate pair of 𠮷: the start of 𠮷.
        assert_eq!(ix.offset(t, pos(0, 2)), "一".len());
        assert_eq!(ix.position(t, t.len()), pos(1, 0));
    }

    #[test]
    fn crlf_and_lone_cr_end_lines() {
        let t = "甲乙\r\n丙\r丁\n";
        let ix = Utf16Index::new(t);
        assert_eq!(ix.position(t, t.find('丙').unwrap()), pos(1, 0));
        assert_eq!(ix.position(t, t.find('丁').unwrap()), pos(2, 0));
        // The end of line 0 is before the \r\n, however far the character goes.
        assert_eq!(ix.offset(t, pos(0, 99)), "甲乙".len());
        assert_eq!(ix.position(t, "甲乙".len() + 1), pos(0, 2));
        assert_eq!(ix.offset(t, pos(9, 0)), t.len());
        assert_eq!(ix.offset(t, pos(3, 0)), t.len());
    }

    #[test]
    fn long_lines_round_trip() {
        let mut t = String::new();
        for i in 0..3000 {
            t.push(if i % 7 == 0 { '𠮷' } else { '字' });
        }
        t.push_str("\nend");
        let ix = Utf16Index::new(&t);
        let mut units = 0u32;
        for (i, c) in t.char_indices() {
            if c == '\n' {
                break;
            }
            assert_eq!(ix.position(&t, i), pos(0, units));
            assert_eq!(ix.offset(&t, pos(0, units)), i);
            units += c.len_utf16() as u32;
        }
        assert_eq!(ix.offset(&t, pos(1, 3)), t.len());
    }

    proptest::proptest! {
        /// Any position maps to a char boundary of its line, and back to itself when it
        /// names a real place; any change applies without panicking.
        #[test]
        fn conversions_never_panic_and_round_trip(
            chars in proptest::collection::vec(proptest::sample::select(
                vec!['a', '字', '𠮷', '\n', '\r', ',', 'é']), 0..300),
            line in 0u32..40, character in 0u32..40, l2 in 0u32..40, c2 in 0u32..40,
        ) {
            let t: String = chars.into_iter().collect();
            let ix = Utf16Index::new(&t);
            let off = ix.offset(&t, pos(line, character));
            proptest::prop_assert!(t.is_char_boundary(off));
            let back = ix.position(&t, off);
            proptest::prop_assert_eq!(ix.offset(&t, back), off);
            proptest::prop_assert!(back <= pos(line, character));
            for (i, _) in t.char_indices() {
                let p = ix.position(&t, i);
                let inside_crlf = i > 0 && t.as_bytes()[i - 1] == b'\r' && t.as_bytes()[i] == b'\n';
                if !inside_crlf {
                    proptest::prop_assert_eq!(ix.offset(&t, p), i);
                }
            }
            let mut changed = t.clone();
            apply_changes(&mut changed, vec![TextDocumentContentChangeEvent {
                range: Some(lsp_types::Range::new(pos(line, character), pos(l2, c2))),
                range_length: None,
                text: "𠮷\r\n".into(),
            }]);
            proptest::prop_assert!(changed.contains("𠮷\r\n"));
        }
    }

    #[test]
    fn incremental_changes_apply_in_order() {
        let mut t = String::from("一、甲\r\n三、𠮷乙,丙\r\n");
        let change = |l1, c1, l2, c2, s: &str| TextDocumentContentChangeEvent {
            range: Some(lsp_types::Range::new(pos(l1, c1), pos(l2, c2))),
            range_length: None,
            text: s.to_owned(),
        };
        apply_changes(
            &mut t,
            vec![
                change(1, 0, 1, 1, "二"),
                change(1, 5, 1, 6, "，"),
                change(2, 0, 2, 0, "完"),
            ],
        );
        assert_eq!(t, "一、甲\r\n二、𠮷乙，丙\r\n完");
        apply_changes(
            &mut t,
            vec![TextDocumentContentChangeEvent {
                range: None,
                range_length: None,
                text: "new".into(),
            }],
        );
        assert_eq!(t, "new");
    }
}
