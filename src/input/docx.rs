//! Word documents (.docx): the paragraphs of word/document.xml as lines of text.
//!
//! A .docx is a zip archive of XML parts ([`zip`] and [`quick_xml`] read it). The extracted
//! text is what a reader sees, in document order:
//!
//! - one line per paragraph (`w:p`) of `word/document.xml`, empty paragraphs kept as empty
//!   lines, so that line N is paragraph N of the document. Table cells are paragraphs too,
//!   row by row and cell by cell;
//! - within a paragraph, the runs' text (`w:t`) joined; `w:tab` is a tab; a manual line
//!   break (`w:br`, Shift+Enter, and `w:cr`) starts a new line, because Word shows one and
//!   notice titles and numbered items are often split that way (a space instead would be
//!   flagged as a stray space, and a marker after the break would be missed); so in a
//!   document with manual line breaks, lines after the first break count paragraphs plus
//!   breaks. Page and column breaks are nothing; a non-breaking hyphen is `-`;
//! - then the paragraphs of the footnotes (`word/footnotes.xml`) and of the endnotes
//!   (`word/endnotes.xml`), in the order they are stored.
//!
//! Left out, because they are not text in the XML or not what the reader reads: automatic
//! numbering (`w:numPr`: Word draws 一、 or 1. from a numbering definition; we do not invent
//! markers, so automatically numbered lists are not checked for numbering), deleted text of
//! tracked changes (`w:del`, `w:moveFrom`), field instructions, text boxes (`w:txbxContent`)
//! and the fallback copies of drawings (`mc:Fallback`), headers and footers, equations.
//!
//! Hostile input: the archive's parts are unpacked only up to [`MAX_XML_BYTES`] in all (a
//! zip bomb is refused), password-protected documents (an OLE file holding an
//! `EncryptedPackage`) and old binary .doc files are named as such, and broken zips or XML
//! are errors, never panics.
//!
//! [`read`] also keeps, for word/document.xml, where each piece of text sits in the XML
//! (its run, its `w:t`), which is what `annotate` needs to anchor comments.

use std::io::{Cursor, Read};
use std::ops::Range;

use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;
use quick_xml::NsReader;

use super::{Extracted, InputError};

/// At most this many bytes of XML are unpacked from one document (all parts together).
pub const MAX_XML_BYTES: u64 = 256 * 1024 * 1024;

/// WordprocessingML's namespace (transitional and strict).
const W_NS: [&[u8]; 2] = [
    b"http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    b"http://purl.oclc.org/ooxml/wordprocessingml/main",
];
const MC_NS: &[u8] = b"http://schemas.openxmlformats.org/markup-compatibility/2006";

/// The main part of a Word document.
pub const DOCUMENT_XML: &str = "word/document.xml";

/// Extract a .docx's paragraphs, one per line.
pub fn extract(bytes: &[u8]) -> Result<Extracted, InputError> {
    let doc = read(bytes, MAX_XML_BYTES)?;
    Ok(Extracted {
        text: doc.text,
        encoding: "docx",
        bom: false,
    })
}

/// Which part of the document a line comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    Body,
    Footnote,
    Endnote,
}

/// Where a line of the extracted text comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Line {
    pub origin: Origin,
    /// 1-based paragraph number within its part (body, footnotes, endnotes).
    pub paragraph: usize,
}

/// A read Word document.
#[derive(Debug, Clone)]
pub struct Document {
    /// The extracted text: every line ends with `\n`.
    pub text: String,
    /// One entry per line of `text`.
    pub lines: Vec<Line>,
    /// Where the body's text came from in word/document.xml.
    pub body: Part,
    /// The body's lines are `text[..body_end]`; footnotes and endnotes follow.
    pub body_end: usize,
}

/// One XML part and where its text sits in it.
#[derive(Debug, Clone, Default)]
pub struct Part {
    /// The part's XML (UTF-8, without a byte-order mark).
    pub xml: String,
    /// Whether the part began with a byte-order mark.
    pub bom: bool,
    /// The text pieces in document order.
    pub pieces: Vec<Piece>,
    pub runs: Vec<Run>,
    pub texts: Vec<TextElem>,
    /// The largest comment id the part refers to.
    pub max_comment_id: Option<u64>,
}

/// A run (`w:r`) holding text.
#[derive(Debug, Clone)]
pub struct Run {
    /// From its `<` to the end of its end tag.
    pub xml: Range<usize>,
    /// The start tag (`<w:r w:rsidR="…">`).
    pub start_tag: Range<usize>,
    /// Its properties (`<w:rPr>…</w:rPr>`), copied onto both halves when it is split.
    pub rpr: Option<Range<usize>>,
    /// The element's qualified name (`w:r`).
    pub qname: String,
}

/// A text element (`w:t`).
#[derive(Debug, Clone)]
pub struct TextElem {
    pub start_tag: Range<usize>,
    /// The end of its end tag.
    pub end: usize,
    /// Whether it says `xml:space="preserve"`.
    pub preserve: bool,
    pub qname: String,
}

/// A piece of text and where it is in the XML: a stretch of characters inside a `w:t`
/// (`in_text` is `Some`, and `atomic` is false when the XML bytes are the text's bytes), an
/// entity reference in one, or an element standing for a character (`w:tab`, `w:br`).
#[derive(Debug, Clone)]
pub struct Piece {
    /// Byte range in the extracted text.
    pub text: Range<usize>,
    /// Byte range in the XML.
    pub xml: Range<usize>,
    /// Index into [`Part::runs`].
    pub run: usize,
    /// Index into [`Part::texts`].
    pub in_text: Option<usize>,
    /// The XML bytes are not the text's bytes one for one (an entity, CDATA, an element).
    pub atomic: bool,
}

/// The namespaces that matter here.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Ns {
    W,
    Mc,
    Other,
}

fn ns_of(ns: &ResolveResult) -> Ns {
    match ns {
        ResolveResult::Bound(n) if W_NS.contains(&n.as_ref()) => Ns::W,
        ResolveResult::Bound(n) if n.as_ref() == MC_NS => Ns::Mc,
        _ => Ns::Other,
    }
}

/// An attribute's value by local name (`w:type` → `type`), whatever its prefix.
fn attr(e: &BytesStart, local: &[u8]) -> Option<String> {
    e.attributes().flatten().find_map(|a| {
        (a.key.local_name().as_ref() == local).then(|| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map(|v| v.into_owned())
                .unwrap_or_default()
        })
    })
}

/// Read a Word document, unpacking at most `limit` bytes of XML.
pub fn read(bytes: &[u8], limit: u64) -> Result<Document, InputError> {
    let mut archive = open(bytes)?;
    let mut budget = limit;
    let (xml, bom) =
        read_part(&mut archive, DOCUMENT_XML, &mut budget, limit)?.ok_or_else(|| {
            InputError::Docx(format!(
                "the archive has no {DOCUMENT_XML}: it is not a Word document (不是 Word 文档)"
            ))
        })?;
    let mut text = String::new();
    let mut lines = Vec::new();
    let body = parse_part(xml, bom, DOCUMENT_XML, Origin::Body, &mut text, &mut lines)?;
    let body_end = text.len();
    for (name, origin) in [
        ("word/footnotes.xml", Origin::Footnote),
        ("word/endnotes.xml", Origin::Endnote),
    ] {
        if let Some((xml, bom)) = read_part(&mut archive, name, &mut budget, limit)? {
            parse_part(xml, bom, name, origin, &mut text, &mut lines)?;
        }
    }
    Ok(Document {
        text,
        lines,
        body,
        body_end,
    })
}

/// Open the zip archive, naming what the file is when it is not one.
pub fn open(bytes: &[u8]) -> Result<zip::ZipArchive<Cursor<&[u8]>>, InputError> {
    const OLE: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    if bytes.starts_with(&OLE) {
        // "EncryptedPackage" as UTF-16LE, the stream name of an encrypted OOXML file.
        let name: Vec<u8> = "EncryptedPackage"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let encrypted = bytes.windows(name.len()).any(|w| w == name.as_slice());
        return Err(InputError::Docx(if encrypted {
            "it is password-protected (encrypted); save a copy without a password to check it (文档设有密码，请另存一份不加密的副本再检查)".into()
        } else {
            "it is an old binary Word file (.doc, Word 97–2003), not a .docx; save it as .docx in Word or WPS (这是旧版 .doc 文件，请另存为 .docx)".into()
        }));
    }
    if bytes.is_empty() {
        return Err(InputError::Docx("the file is empty (文件为空)".into()));
    }
    zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
        InputError::Docx(format!(
            "not a readable zip archive ({e}): the file is damaged or not a .docx (文件已损坏或不是 .docx)"
        ))
    })
}

/// Unpack one part as UTF-8 text, spending at most `budget` bytes; `None` when absent.
pub fn read_part<R: Read + std::io::Seek>(
    archive: &mut zip::ZipArchive<R>,
    name: &str,
    budget: &mut u64,
    limit: u64,
) -> Result<Option<(String, bool)>, InputError> {
    let mut file = match archive.by_name(name) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => {
            return Err(InputError::Docx(format!(
                "cannot unpack {name}: {e} (文件已损坏)"
            )))
        }
    };
    let too_big = || {
        InputError::Docx(format!(
            "{name} unpacks to more XML than the limit of {limit} bytes: refused (a zip bomb?) (解压后过大，已拒绝)"
        ))
    };
    if file.size() > *budget {
        return Err(too_big());
    }
    let mut buf = Vec::new();
    (&mut file)
        .take(budget.saturating_add(1))
        .read_to_end(&mut buf)
        .map_err(|e| InputError::Docx(format!("cannot unpack {name}: {e} (文件已损坏)")))?;
    if buf.len() as u64 > *budget {
        return Err(too_big());
    }
    *budget -= buf.len() as u64;
    let bom = buf.starts_with(&[0xEF, 0xBB, 0xBF]);
    if bom {
        buf.drain(..3);
    }
    let xml = String::from_utf8(buf)
        .map_err(|_| InputError::Docx(format!("{name} is not UTF-8 XML (XML 编码无法识别)")))?;
    Ok(Some((xml, bom)))
}

/// Per-paragraph state while parsing.
struct Para {
    depth: usize,
}

/// Parse one part's paragraphs into `text` (one line each) and record where the text is.
fn parse_part(
    xml: String,
    bom: bool,
    name: &str,
    origin: Origin,
    text: &mut String,
    lines: &mut Vec<Line>,
) -> Result<Part, InputError> {
    let mut part = Part {
        bom,
        ..Part::default()
    };
    let mut reader = NsReader::from_str(&xml);
    let mut depth = 0usize;
    // Depth of the element whose content is skipped (deleted text, text boxes, …).
    let mut skip: Option<usize> = None;
    let mut para: Option<Para> = None;
    let mut paragraph = 0usize;
    // (run index, depth of the run element)
    let mut run: Option<(usize, usize)> = None;
    let mut rpr_start: Option<usize> = None;
    let mut t: Option<usize> = None;
    let mut atom_open = false;
    let bad = |pos: u64, e: &dyn std::fmt::Display| {
        InputError::Docx(format!(
            "{name} is not well-formed XML (at byte {pos}: {e}) (XML 已损坏)"
        ))
    };
    loop {
        let pos = reader.buffer_position() as usize;
        let (ns, ev) = match reader.read_resolved_event() {
            Ok((ns, ev)) => (ns_of(&ns), ev),
            Err(e) => return Err(bad(reader.error_position(), &e)),
        };
        let end = reader.buffer_position() as usize;
        let is_start = matches!(ev, Event::Start(_));
        match &ev {
            Event::Start(e) | Event::Empty(e) => {
                let local = e.local_name();
                let local = local.as_ref();
                let w = ns == Ns::W;
                if w && matches!(
                    local,
                    b"commentRangeStart" | b"commentRangeEnd" | b"commentReference"
                ) {
                    if let Some(id) = attr(e, b"id").and_then(|v| v.parse::<u64>().ok()) {
                        part.max_comment_id = part.max_comment_id.max(Some(id));
                    }
                }
                if skip.is_none() {
                    let skipped = (w
                        && (matches!(
                            local,
                            b"del" | b"moveFrom" | b"txbxContent" | b"instrText" | b"delText"
                        ) || (matches!(local, b"footnote" | b"endnote")
                            && attr(e, b"type").is_some_and(|t| t != "normal"))))
                        || (ns == Ns::Mc && local == b"Fallback");
                    if skipped && is_start {
                        skip = Some(depth);
                    } else if !skipped {
                        let in_run = run.filter(|&(_, d)| d + 1 == depth);
                        match (w, local) {
                            (true, b"p") if para.is_none() => {
                                if is_start {
                                    para = Some(Para { depth });
                                } else {
                                    paragraph += 1;
                                    text.push('\n');
                                    lines.push(Line { origin, paragraph });
                                }
                            }
                            (true, b"r") if para.is_some() && run.is_none() && is_start => {
                                part.runs.push(Run {
                                    xml: pos..end,
                                    start_tag: pos..end,
                                    rpr: None,
                                    qname: String::from_utf8_lossy(e.name().as_ref()).into_owned(),
                                });
                                run = Some((part.runs.len() - 1, depth));
                            }
                            (true, b"rPr") if in_run.is_some() => {
                                if is_start {
                                    rpr_start = Some(pos);
                                } else if let Some((r, _)) = run {
                                    part.runs[r].rpr = Some(pos..end);
                                }
                            }
                            (true, b"t") if in_run.is_some() && is_start => {
                                part.texts.push(TextElem {
                                    start_tag: pos..end,
                                    end,
                                    preserve: attr(e, b"space").as_deref() == Some("preserve"),
                                    qname: String::from_utf8_lossy(e.name().as_ref()).into_owned(),
                                });
                                t = Some(part.texts.len() - 1);
                            }
                            (true, b"tab" | b"br" | b"cr" | b"noBreakHyphen")
                                if in_run.is_some() =>
                            {
                                let s = match local {
                                    b"tab" => Some('\t'),
                                    b"noBreakHyphen" => Some('-'),
                                    b"br"
                                        if attr(e, b"type")
                                            .is_some_and(|t| t != "textWrapping") =>
                                    {
                                        None
                                    }
                                    _ => Some('\n'),
                                };
                                if let (Some(c), Some((r, _))) = (s, run) {
                                    let start = text.len();
                                    text.push(c);
                                    if c == '\n' {
                                        lines.push(Line {
                                            origin,
                                            paragraph: paragraph + 1,
                                        });
                                    }
                                    // An element with content (`<w:tab></w:tab>`) is one
                                    // piece from its start tag to its end tag: extended
                                    // at the end tag below.
                                    atom_open = is_start;
                                    part.pieces.push(Piece {
                                        text: start..text.len(),
                                        xml: pos..end,
                                        run: r,
                                        in_text: None,
                                        atomic: true,
                                    });
                                }
                            }
                            _ => {}
                        }
                    }
                }
                if is_start {
                    depth += 1;
                }
            }
            Event::End(e) => {
                depth = depth.saturating_sub(1);
                if skip == Some(depth) {
                    skip = None;
                } else if skip.is_none() {
                    let local = e.local_name();
                    let w = ns == Ns::W;
                    match (w, local.as_ref()) {
                        (true, b"p") if para.as_ref().is_some_and(|p| p.depth == depth) => {
                            para = None;
                            paragraph += 1;
                            text.push('\n');
                            lines.push(Line { origin, paragraph });
                        }
                        (true, b"r") if run.is_some_and(|(_, d)| d == depth) => {
                            if let Some((r, _)) = run.take() {
                                part.runs[r].xml.end = end;
                            }
                        }
                        (true, b"rPr") if run.is_some_and(|(_, d)| d + 1 == depth) => {
                            if let (Some((r, _)), Some(s)) = (run, rpr_start.take()) {
                                part.runs[r].rpr = Some(s..end);
                            }
                        }
                        (true, b"t") if t.is_some() && run.is_some_and(|(_, d)| d + 1 == depth) => {
                            if let Some(i) = t.take() {
                                part.texts[i].end = end;
                            }
                        }
                        (true, b"tab" | b"br" | b"cr" | b"noBreakHyphen")
                            if atom_open && run.is_some_and(|(_, d)| d + 1 == depth) =>
                        {
                            atom_open = false;
                            if let Some(p) = part.pieces.last_mut() {
                                p.xml.end = end;
                            }
                        }
                        _ => {}
                    }
                }
            }
            Event::Text(_) | Event::CData(_) | Event::GeneralRef(_) if skip.is_none() => {
                if let (Some(ti), Some((r, _))) = (t, run) {
                    let start = text.len();
                    let atomic = match &ev {
                        Event::Text(_) => {
                            // Line ends inside w:t are spaces to the reader; same length,
                            // so the XML bytes stay the text's bytes.
                            text.extend(xml[pos..end].chars().map(|c| match c {
                                '\n' | '\r' => ' ',
                                c => c,
                            }));
                            false
                        }
                        Event::CData(c) => {
                            let s = String::from_utf8_lossy(c.as_ref());
                            text.extend(s.chars().map(|c| match c {
                                '\n' | '\r' => ' ',
                                c => c,
                            }));
                            true
                        }
                        Event::GeneralRef(g) => {
                            let resolved = match g.resolve_char_ref() {
                                Ok(Some(c)) => Some(c),
                                Ok(None) => g.decode().ok().and_then(|n| {
                                    quick_xml::escape::resolve_predefined_entity(&n)
                                        .and_then(|s| s.chars().next())
                                }),
                                Err(_) => None,
                            };
                            match resolved {
                                Some('\n' | '\r') => text.push(' '),
                                Some(c) => text.push(c),
                                None => {
                                    return Err(bad(
                                        pos as u64,
                                        &format!("unknown entity {}", &xml[pos..end]),
                                    ))
                                }
                            }
                            true
                        }
                        _ => unreachable!("matched above"),
                    };
                    if text.len() > start {
                        part.pieces.push(Piece {
                            text: start..text.len(),
                            xml: pos..end,
                            run: r,
                            in_text: Some(ti),
                            atomic,
                        });
                    }
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if para.is_some() || depth != 0 {
        return Err(bad(
            xml.len() as u64,
            &"the XML ends before its elements are closed",
        ));
    }
    part.xml = xml;
    Ok(part)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn docx(parts: &[(&str, &str)]) -> Vec<u8> {
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for (name, body) in parts {
            w.start_file(*name, zip::write::SimpleFileOptions::default())
                .unwrap();
            w.write_all(body.as_bytes()).unwrap();
        }
        w.finish().unwrap().into_inner()
    }

    const NS: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006""#;

    fn doc_xml(body: &str) -> String {
        format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {NS}><w:body>{body}</w:body></w:document>"#
        )
    }

    fn text_of(body: &str) -> String {
        extract(&docx(&[(DOCUMENT_XML, &doc_xml(body))]))
            .unwrap()
            .text
    }

    #[test]
    fn paragraphs_runs_tables_and_breaks() {
        let body = r#"<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="1"/></w:tabs><w:numPr><w:ilvl w:val="0"/></w:numPr></w:pPr><w:r><w:rPr><w:b/></w:rPr><w:t>一、</w:t></w:r><w:r><w:t xml:space="preserve">总 </w:t><w:tab/><w:t>体&amp;&#x8981;求</w:t></w:r></w:p><w:p/><w:tbl><w:tr><w:tc><w:p><w:r><w:t>甲</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>乙</w:t><w:br/><w:t>丙</w:t><w:br w:type="page"/></w:r></w:p></w:tc></w:tr></w:tbl><w:p><w:del><w:r><w:delText>删</w:delText></w:r></w:del><w:r><w:instrText>PAGE</w:instrText><w:t>留</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><w:txbxContent><w:p><w:r><w:t>框</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:t>框</w:t></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>"#;
        assert_eq!(text_of(body), "一、总 \t体&要求\n\n甲\n乙\n丙\n留\n");
    }

    #[test]
    fn footnotes_follow_the_body_and_lines_know_their_paragraph() {
        let foot = format!(
            r#"<w:footnotes {NS}><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:id="1"><w:p><w:r><w:t>注</w:t></w:r></w:p></w:footnote></w:footnotes>"#
        );
        let d = read(
            &docx(&[
                (
                    DOCUMENT_XML,
                    &doc_xml("<w:p><w:r><w:t>甲</w:t><w:br/><w:t>乙</w:t></w:r></w:p><w:p/>"),
                ),
                ("word/footnotes.xml", &foot),
            ]),
            MAX_XML_BYTES,
        )
        .unwrap();
        assert_eq!(d.text, "甲\n乙\n\n注\n");
        assert_eq!(d.body_end, "甲\n乙\n\n".len());
        let paras: Vec<_> = d.lines.iter().map(|l| (l.origin, l.paragraph)).collect();
        assert_eq!(
            paras,
            vec![
                (Origin::Body, 1),
                (Origin::Body, 1),
                (Origin::Body, 2),
                (Origin::Footnote, 1)
            ]
        );
    }

    #[test]
    fn bad_files_are_named_errors() {
        let msg = |b: &[u8]| extract(b).unwrap_err().to_string();
        assert!(msg(b"").contains("empty"));
        assert!(msg(b"PK\x03\x04garbage").contains("zip"));
        let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
        assert!(msg(&ole).contains(".doc"));
        ole.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
        assert!(msg(&ole).contains("password"));
        assert!(msg(&docx(&[("a.txt", "x")])).contains("no word/document.xml"));
        let full = doc_xml("<w:p><w:r><w:t>x</w:t></w:r></w:p>");
        let cut = &full[..full.find("x<").unwrap()];
        assert!(msg(&docx(&[(DOCUMENT_XML, cut)])).contains("XML"));
        assert!(msg(&docx(&[(DOCUMENT_XML, &doc_xml("<w:p></w:r></w:p>"))])).contains("XML"));
    }

    #[test]
    fn zip_bombs_are_refused() {
        let big = doc_xml(&"<w:p/>".repeat(10_000));
        let bytes = docx(&[(DOCUMENT_XML, &big)]);
        assert!(bytes.len() < big.len() / 20, "compressed");
        let e = read(&bytes, 4096).unwrap_err().to_string();
        assert!(e.contains("limit of 4096"), "{e}");
        assert_eq!(read(&bytes, MAX_XML_BYTES).unwrap().lines.len(), 10_000);
    }
}
