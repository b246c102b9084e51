//! `noticelint annotate IN.docx -o OUT.docx`: the findings as Word comments (批注).
//!
//! The document is read as `check` reads it ([`crate::input::docx`]), linted, and every
//! finding in the body becomes a comment by "noticelint" (initials NL) anchored on exactly
//! the characters of its span: `w:commentRangeStart` before the first character,
//! `w:commentRangeEnd` and a run holding the `w:commentReference` after the last. Where a
//! span starts or ends inside a run, the run is split in two at that character and both
//! halves keep the run's properties (`w:rPr`), so the text and its look do not change.
//!
//! The copy differs from the input only by the comment parts: `word/document.xml` (the
//! anchors), `word/comments.xml` (created, or the new comments appended after the existing
//! ones with fresh ids), the comments relationship in `word/_rels/document.xml.rels` and the
//! content type in `[Content_Types].xml` when they are missing. Every other entry of the
//! zip is copied raw, byte for byte. Findings in footnotes and endnotes are counted but not
//! written as comments.

use std::collections::BTreeMap;
use std::io::{Cursor, Write};
use std::path::{Path, PathBuf};

use quick_xml::events::Event;
use quick_xml::Reader;

use crate::config::Config;
use crate::input::docx::{self, Document, Line, Origin, Part, MAX_XML_BYTES};
use crate::input::InputError;
use crate::source::LineIndex;
use crate::{Diagnostic, Lang, Options, Selector, Severity};

const COMMENTS_XML: &str = "word/comments.xml";
const DOCUMENT_RELS: &str = "word/_rels/document.xml.rels";
const CONTENT_TYPES: &str = "[Content_Types].xml";
const COMMENTS_REL_TYPE: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments";
const COMMENTS_CONTENT_TYPE: &str =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml";
const AUTHOR: &str = "noticelint";
const INITIALS: &str = "NL";

/// An annotated copy of a document.
#[derive(Debug, Clone)]
pub struct Annotated {
    /// The .docx with the comments.
    pub bytes: Vec<u8>,
    /// Every finding, in the body or not.
    pub diagnostics: Vec<Diagnostic>,
    /// How many comments were written.
    pub comments: usize,
    /// Findings in footnotes or endnotes, not written as comments.
    pub skipped: usize,
}

/// Lint a .docx and return a copy with each finding in its body as a Word comment.
pub fn annotate(bytes: &[u8], options: &Options) -> Result<Annotated, InputError> {
    let doc = docx::read(bytes, MAX_XML_BYTES)?;
    let diagnostics = crate::check(&doc.text, options);
    let (in_body, skipped): (Vec<&Diagnostic>, Vec<&Diagnostic>) = diagnostics
        .iter()
        .partition(|d| d.span.start < doc.body_end && !doc.body.pieces.is_empty());
    if in_body.is_empty() {
        return Ok(Annotated {
            bytes: bytes.to_vec(),
            comments: 0,
            skipped: skipped.len(),
            diagnostics,
        });
    }
    let mut archive = docx::open(bytes)?;
    let mut budget = MAX_XML_BYTES;
    let mut part = |archive: &mut zip::ZipArchive<_>, name: &str| {
        docx::read_part(archive, name, &mut budget, MAX_XML_BYTES)
    };
    let rels = part(&mut archive, DOCUMENT_RELS)?;
    let types = part(&mut archive, CONTENT_TYPES)?.ok_or_else(|| {
        InputError::Docx(format!("the archive has no {CONTENT_TYPES} (文件不完整)"))
    })?;
    // Where the comments part is: named by the relationship, else word/comments.xml.
    let rel_target = rels.as_ref().and_then(|(x, _)| comments_target(x));
    let comments_name = rel_target
        .clone()
        .unwrap_or_else(|| COMMENTS_XML.to_owned());
    let existing = part(&mut archive, &comments_name)?;
    let existing_max = match &existing {
        Some((x, _)) => max_comment_id(x).map_err(|e| xml_error(&comments_name, e))?,
        None => None,
    };
    let first_id = match doc.body.max_comment_id.max(existing_max) {
        Some(n) => n + 1,
        None => 0,
    };

    let lang = options.lang;
    let mut anchors = Anchors::default();
    let mut comments = String::new();
    let index = LineIndex::new(&doc.text);
    for (i, d) in in_body.iter().enumerate() {
        let id = first_id + i as u64;
        anchors.add(&doc.body, d.span.clone(), id);
        comments.push_str(&comment_xml(id, &comment_text(d, &doc, &index, lang)));
    }
    let mut new_doc = String::new();
    if doc.body.bom {
        new_doc.push('\u{feff}');
    }
    new_doc.push_str(&anchors.apply(&doc.body));

    let mut replaced: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    let mut added: Vec<(String, Vec<u8>)> = Vec::new();
    replaced.insert(docx::DOCUMENT_XML.to_owned(), new_doc.into_bytes());
    match &existing {
        Some((x, bom)) => {
            let merged = append_before_root_end(x, &comments)
                .map_err(|e| xml_error(&comments_name, e))?;
            replaced.insert(comments_name.clone(), with_bom(merged, *bom));
        }
        None => added.push((
            comments_name.clone(),
            format!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n<w:comments xmlns:w=\"{}\">{comments}</w:comments>",
                "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
            )
            .into_bytes(),
        )),
    }
    if rel_target.is_none() {
        let target = comments_name
            .strip_prefix("word/")
            .unwrap_or(&comments_name);
        match &rels {
            Some((x, bom)) => {
                let id = fresh_rel_id(x);
                let rel = format!(
                    "<Relationship Id=\"{id}\" Type=\"{COMMENTS_REL_TYPE}\" Target=\"{target}\"/>"
                );
                let merged = append_before_root_end(x, &rel)
                    .map_err(|e| xml_error(DOCUMENT_RELS, e))?;
                replaced.insert(DOCUMENT_RELS.to_owned(), with_bom(merged, *bom));
            }
            None => added.push((
                DOCUMENT_RELS.to_owned(),
                format!(
                    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"{COMMENTS_REL_TYPE}\" Target=\"{target}\"/></Relationships>"
                )
                .into_bytes(),
            )),
        }
    }
    let part_name = format!("/{comments_name}");
    if !has_override(&types.0, &part_name) {
        let o =
            format!("<Override PartName=\"{part_name}\" ContentType=\"{COMMENTS_CONTENT_TYPE}\"/>");
        let merged =
            append_before_root_end(&types.0, &o).map_err(|e| xml_error(CONTENT_TYPES, e))?;
        replaced.insert(CONTENT_TYPES.to_owned(), with_bom(merged, types.1));
    }

    let bytes = rezip(&mut archive, &replaced, &added)?;
    Ok(Annotated {
        bytes,
        comments: in_body.len(),
        skipped: skipped.len(),
        diagnostics,
    })
}

fn xml_error(name: &str, e: String) -> InputError {
    InputError::Docx(format!("{name} is not well-formed XML ({e}) (XML 已损坏)"))
}

fn with_bom(s: String, bom: bool) -> Vec<u8> {
    let mut v = Vec::with_capacity(s.len() + 3);
    if bom {
        v.extend_from_slice(&[0xEF, 0xBB, 0xBF]);
    }
    v.extend_from_slice(s.as_bytes());
    v
}

/// Copy the archive: replaced entries rewritten (deflated) in place, the others raw.
fn rezip(
    archive: &mut zip::ZipArchive<Cursor<&[u8]>>,
    replaced: &BTreeMap<String, Vec<u8>>,
    added: &[(String, Vec<u8>)],
) -> Result<Vec<u8>, InputError> {
    let err = |e: &dyn std::fmt::Display| {
        InputError::Docx(format!("cannot write the annotated copy: {e}"))
    };
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let mut time = None;
    let deflated = |t: Option<zip::DateTime>| {
        let o = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        match t {
            Some(t) => o.last_modified_time(t),
            None => o,
        }
    };
    for i in 0..archive.len() {
        let file = archive.by_index_raw(i).map_err(|e| err(&e))?;
        let name = file.name().to_owned();
        if name == docx::DOCUMENT_XML {
            time = file.last_modified();
        }
        match replaced.get(&name) {
            Some(content) => {
                let t = file.last_modified();
                drop(file);
                out.start_file(name, deflated(t)).map_err(|e| err(&e))?;
                out.write_all(content).map_err(|e| err(&e))?;
            }
            None => out.raw_copy_file(file).map_err(|e| err(&e))?,
        }
    }
    for (name, content) in added {
        out.start_file(name.as_str(), deflated(time))
            .map_err(|e| err(&e))?;
        out.write_all(content).map_err(|e| err(&e))?;
    }
    Ok(out.finish().map_err(|e| err(&e))?.into_inner())
}

/// How a marker gets into the XML at a position.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Split {
    /// Between runs: the marker goes in as it is.
    None,
    /// Inside a run, between two of its children: the run is closed and reopened.
    Run(usize),
    /// Inside a run's `w:t`: the text element and the run are closed and reopened.
    Text(usize, usize),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Cut {
    pos: usize,
    split: Split,
}

/// The markers to insert into a part, by position.
#[derive(Default)]
struct Anchors {
    at: BTreeMap<usize, (Split, String)>,
    /// `w:t` elements that need `xml:space="preserve"` once split.
    preserve: BTreeMap<usize, usize>,
}

impl Anchors {
    fn add(&mut self, part: &Part, span: std::ops::Range<usize>, id: u64) {
        let start = cut(part, span.start, true);
        let mut end = cut(part, span.end, false);
        if span.end <= span.start || end.pos < start.pos {
            end = start;
        }
        let prefix = prefix(&part.runs[0].qname);
        self.insert(
            part,
            start,
            &format!("<{prefix}commentRangeStart {prefix}id=\"{id}\"/>"),
        );
        self.insert(
            part,
            end,
            &format!(
                "<{prefix}commentRangeEnd {prefix}id=\"{id}\"/><{prefix}r><{prefix}commentReference {prefix}id=\"{id}\"/></{prefix}r>"
            ),
        );
    }

    fn insert(&mut self, part: &Part, c: Cut, marker: &str) {
        if let Split::Text(_, t) = c.split {
            let te = &part.texts[t];
            if !te.preserve {
                self.preserve.insert(te.start_tag.end - 1, t);
            }
        }
        self.at
            .entry(c.pos)
            .or_insert_with(|| (c.split, String::new()))
            .1
            .push_str(marker);
    }

    /// The part's XML with the markers in.
    fn apply(&self, part: &Part) -> String {
        let xml = &part.xml;
        let mut out = String::with_capacity(xml.len() + self.at.len() * 200);
        let mut last = 0;
        let mut edits: Vec<(usize, String)> = self
            .preserve
            .keys()
            .map(|&p| (p, " xml:space=\"preserve\"".to_owned()))
            .collect();
        for (&pos, (split, markers)) in &self.at {
            let s = match *split {
                Split::None => markers.clone(),
                Split::Run(r) => {
                    let run = &part.runs[r];
                    format!(
                        "</{}>{markers}{}{}",
                        run.qname,
                        &xml[run.start_tag.clone()],
                        run.rpr.clone().map_or("", |r| &xml[r])
                    )
                }
                Split::Text(r, t) => {
                    let run = &part.runs[r];
                    let te = &part.texts[t];
                    format!(
                        "</{t}></{}>{markers}{}{}<{t} xml:space=\"preserve\">",
                        run.qname,
                        &xml[run.start_tag.clone()],
                        run.rpr.clone().map_or("", |r| &xml[r]),
                        t = te.qname
                    )
                }
            };
            edits.push((pos, s));
        }
        edits.sort_by_key(|e| e.0);
        for (pos, s) in edits {
            out.push_str(&xml[last..pos]);
            out.push_str(&s);
            last = pos;
        }
        out.push_str(&xml[last..]);
        out
    }
}

/// `w:` for `w:r`, nothing for an unprefixed name.
fn prefix(qname: &str) -> &str {
    qname.find(':').map_or("", |i| &qname[..=i])
}

/// Where in the XML a marker goes for a text offset: before the character at `offset`
/// (`start`), or after the character before it (an end).
fn cut(part: &Part, offset: usize, start: bool) -> Cut {
    let pieces = &part.pieces;
    if start {
        let i = pieces.partition_point(|p| p.text.end <= offset);
        if i == pieces.len() {
            return after(part, pieces.len() - 1);
        }
        let p = &pieces[i];
        if p.text.start < offset && !p.atomic {
            return inside(part, i, offset);
        }
        before(part, i)
    } else {
        let n = pieces.partition_point(|p| p.text.start < offset);
        if n == 0 {
            return before(part, 0);
        }
        let i = n - 1;
        let p = &pieces[i];
        if p.text.end > offset && !p.atomic {
            return inside(part, i, offset);
        }
        after(part, i)
    }
}

fn inside(part: &Part, i: usize, offset: usize) -> Cut {
    let p = &part.pieces[i];
    Cut {
        pos: p.xml.start + (offset - p.text.start),
        split: Split::Text(p.run, p.in_text.unwrap_or_default()),
    }
}

fn before(part: &Part, i: usize) -> Cut {
    let p = &part.pieces[i];
    let prev = i.checked_sub(1).map(|j| &part.pieces[j]);
    if let Some(t) = p.in_text {
        if prev.is_some_and(|q| q.in_text == Some(t)) {
            return Cut {
                pos: p.xml.start,
                split: Split::Text(p.run, t),
            };
        }
    }
    if prev.is_none_or(|q| q.run != p.run) {
        return Cut {
            pos: part.runs[p.run].xml.start,
            split: Split::None,
        };
    }
    let pos = p
        .in_text
        .map_or(p.xml.start, |t| part.texts[t].start_tag.start);
    Cut {
        pos,
        split: Split::Run(p.run),
    }
}

fn after(part: &Part, i: usize) -> Cut {
    let p = &part.pieces[i];
    let next = part.pieces.get(i + 1);
    if let Some(t) = p.in_text {
        if next.is_some_and(|q| q.in_text == Some(t)) {
            return Cut {
                pos: p.xml.end,
                split: Split::Text(p.run, t),
            };
        }
    }
    if next.is_none_or(|q| q.run != p.run) {
        return Cut {
            pos: part.runs[p.run].xml.end,
            split: Split::None,
        };
    }
    let pos = p.in_text.map_or(p.xml.end, |t| part.texts[t].end);
    Cut {
        pos,
        split: Split::Run(p.run),
    }
}

/// Where a text offset is, for a reader of the document: 第3段 / paragraph 3.
fn place(doc: &Document, index: &LineIndex, offset: usize, lang: Lang) -> String {
    let line = index.line_of(offset);
    let Some(Line { origin, paragraph }) = doc.lines.get(line).copied() else {
        return String::new();
    };
    match (origin, lang) {
        (Origin::Body, Lang::Zh) => format!("第{paragraph}段"),
        (Origin::Footnote, Lang::Zh) => format!("脚注第{paragraph}段"),
        (Origin::Endnote, Lang::Zh) => format!("尾注第{paragraph}段"),
        (Origin::Body, Lang::En) => format!("paragraph {paragraph}"),
        (Origin::Footnote, Lang::En) => format!("footnote paragraph {paragraph}"),
        (Origin::Endnote, Lang::En) => format!("endnote paragraph {paragraph}"),
    }
}

/// The comment's lines: the finding, its related places, notes and suggested fix.
fn comment_text(d: &Diagnostic, doc: &Document, index: &LineIndex, lang: Lang) -> Vec<String> {
    let mut lines = vec![format!("[{} {}] {}", d.code, d.rule, d.message.get(lang))];
    for l in &d.labels {
        let snippet = doc.text.get(l.span.clone()).unwrap_or_default().trim();
        let quoted = if snippet.is_empty() || snippet.contains('\n') {
            String::new()
        } else {
            let space = if lang == Lang::En { " " } else { "" };
            format!("{space}“{}”", crate::rules::text::shorten(snippet))
        };
        let sep = if lang == Lang::Zh { "：" } else { ": " };
        lines.push(format!(
            "{}{quoted}{sep}{}",
            place(doc, index, l.span.start, lang),
            l.message.get(lang)
        ));
    }
    for n in &d.notes {
        lines.push(match lang {
            Lang::Zh => format!("注：{}", n.get(lang)),
            Lang::En => format!("note: {}", n.get(lang)),
        });
    }
    if let Some(f) = &d.fix {
        lines.push(match lang {
            Lang::Zh => format!("建议：{}", f.message.get(lang)),
            Lang::En => format!("suggestion: {}", f.message.get(lang)),
        });
    }
    lines
}

/// Text for XML content: escaped, characters XML 1.0 cannot hold replaced.
fn xml_text(s: &str) -> String {
    let clean: String = s
        .chars()
        .map(|c| match c {
            '\t' | '\n' | '\r' => c,
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => '\u{FFFD}',
            c => c,
        })
        .collect();
    quick_xml::escape::escape(clean.as_str()).into_owned()
}

fn comment_xml(id: u64, lines: &[String]) -> String {
    let mut s =
        format!("<w:comment w:id=\"{id}\" w:author=\"{AUTHOR}\" w:initials=\"{INITIALS}\">");
    for l in lines {
        s.push_str(&format!(
            "<w:p><w:r><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p>",
            xml_text(l)
        ));
    }
    s.push_str("</w:comment>");
    s
}

/// Insert `content` just before the root element's end tag (or expand an empty root).
/// `w:` in `content` is rewritten to the root's own prefix when it has another one.
fn append_before_root_end(xml: &str, content: &str) -> Result<String, String> {
    let mut reader = Reader::from_str(xml);
    let mut depth = 0usize;
    let mut root: Option<(usize, usize, String, bool)> = None; // (pos, end, qname, empty)
    loop {
        let pos = reader.buffer_position() as usize;
        let ev = reader
            .read_event()
            .map_err(|e| format!("at byte {}: {e}", reader.error_position()))?;
        let end = reader.buffer_position() as usize;
        match ev {
            Event::Start(e) => {
                if depth == 0 {
                    root = Some((
                        pos,
                        end,
                        String::from_utf8_lossy(e.name().as_ref()).into(),
                        false,
                    ));
                }
                depth += 1;
            }
            Event::Empty(e) if depth == 0 => {
                root = Some((
                    pos,
                    end,
                    String::from_utf8_lossy(e.name().as_ref()).into(),
                    true,
                ));
            }
            Event::End(_) => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    let q = root.as_ref().map_or("", |r| r.2.as_str());
                    let content = adapt_prefix(content, q);
                    return Ok(format!("{}{content}{}", &xml[..pos], &xml[pos..]));
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    match root {
        Some((_, end, q, true)) => {
            // `<w:comments …/>`: open it, add, close it.
            let tag = &xml[..end];
            let open = tag.trim_end_matches('>').trim_end().trim_end_matches('/');
            Ok(format!(
                "{open}>{}</{q}>{}",
                adapt_prefix(content, &q),
                &xml[end..]
            ))
        }
        _ => Err("no root element".into()),
    }
}

/// Our snippets use `w:`; a part whose root uses another prefix gets that one.
fn adapt_prefix(content: &str, root_qname: &str) -> String {
    let p = prefix(root_qname);
    if !content.contains("<w:") || p == "w:" {
        return content.to_owned();
    }
    content
        .replace("<w:", &format!("<{p}"))
        .replace("</w:", &format!("</{p}"))
        .replace(" w:", &format!(" {p}"))
}

/// The largest `w:id` of a `comment` in a comments part.
fn max_comment_id(xml: &str) -> Result<Option<u64>, String> {
    let mut reader = Reader::from_str(xml);
    let mut max = None;
    loop {
        match reader
            .read_event()
            .map_err(|e| format!("at byte {}: {e}", reader.error_position()))?
        {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == b"comment" => {
                let id = e
                    .attributes()
                    .flatten()
                    .find(|a| a.key.local_name().as_ref() == b"id")
                    .and_then(|a| std::str::from_utf8(&a.value).ok()?.trim().parse().ok());
                max = max.max(id);
            }
            Event::Eof => return Ok(max),
            _ => {}
        }
    }
}

/// Attributes of the elements named `local` in a small part (relationships, content types).
fn elements(xml: &str, local: &[u8]) -> Vec<Vec<(String, String)>> {
    let mut reader = Reader::from_str(xml);
    let mut out = Vec::new();
    while let Ok(ev) = reader.read_event() {
        match ev {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == local => {
                out.push(
                    e.attributes()
                        .flatten()
                        .map(|a| {
                            (
                                String::from_utf8_lossy(a.key.local_name().as_ref()).into_owned(),
                                String::from_utf8_lossy(&a.value).into_owned(),
                            )
                        })
                        .collect(),
                );
            }
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

fn get<'a>(attrs: &'a [(String, String)], key: &str) -> Option<&'a str> {
    attrs
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
}

/// The comments part named by the document's relationships (`word/comments.xml`).
fn comments_target(rels: &str) -> Option<String> {
    elements(rels, b"Relationship").into_iter().find_map(|a| {
        let ty = get(&a, "Type")?;
        if !ty.ends_with("/comments") || get(&a, "TargetMode") == Some("External") {
            return None;
        }
        let target = get(&a, "Target")?;
        Some(match target.strip_prefix('/') {
            Some(abs) => abs.to_owned(),
            None => format!("word/{}", target.trim_start_matches("./")),
        })
    })
}

fn fresh_rel_id(rels: &str) -> String {
    let ids: Vec<String> = elements(rels, b"Relationship")
        .iter()
        .filter_map(|a| get(a, "Id").map(str::to_owned))
        .collect();
    (1..)
        .map(|n| format!("rIdNoticelint{n}"))
        .find(|id| !ids.contains(id))
        .unwrap_or_default()
}

fn has_override(types: &str, part_name: &str) -> bool {
    elements(types, b"Override")
        .iter()
        .any(|a| get(a, "PartName").is_some_and(|p| p.eq_ignore_ascii_case(part_name)))
}

/// What `noticelint annotate` was asked to do.
#[derive(Debug, Clone)]
pub struct Args {
    pub input: PathBuf,
    pub output: PathBuf,
    pub config: Option<PathBuf>,
    pub select: Vec<String>,
    pub ignore: Vec<String>,
    pub lang: Option<Lang>,
    pub max_file_size: u64,
}

/// Run `noticelint annotate`: read, lint, write the copy atomically, print a summary line.
/// Returns the exit status: 0, 1 when a finding is an error, 2 when something could not be
/// read or written.
pub fn run(args: &Args) -> u8 {
    let fail = |msg: String| {
        eprintln!("error: {msg}");
        2
    };
    let options = match options_for(args) {
        Ok(o) => o,
        Err(e) => return fail(e),
    };
    let shown = args.input.display().to_string();
    let bytes = match read_limited(&args.input, args.max_file_size) {
        Ok(b) => b,
        Err(e) => return fail(format!("{shown}: {e}")),
    };
    let annotated = match annotate(&bytes, &options) {
        Ok(a) => a,
        Err(e) => return fail(format!("{shown}: {e}")),
    };
    if let Err(e) = crate::fix::write_atomically(&args.output, &annotated.bytes) {
        return fail(format!("{}: {e}", args.output.display()));
    }
    let count = |s: Severity| {
        annotated
            .diagnostics
            .iter()
            .filter(|d| d.severity == s)
            .count()
    };
    let (errors, warnings) = (count(Severity::Error), count(Severity::Warning));
    let out = args.output.display();
    let n = annotated.comments;
    let skipped = annotated.skipped;
    println!(
        "{}",
        match options.lang {
            Lang::Zh => {
                let mut s = format!("{out}：写入批注 {n} 条（错误 {errors}，警告 {warnings}）");
                if skipped > 0 {
                    s.push_str(&format!("；脚注、尾注中的 {skipped} 处问题未写成批注"));
                }
                s
            }
            Lang::En => {
                let mut s = format!(
                    "{out}: wrote {n} comment(s) ({errors} error(s), {warnings} warning(s))"
                );
                if skipped > 0 {
                    s.push_str(&format!(
                        "; {skipped} finding(s) in footnotes or endnotes not written as comments"
                    ));
                }
                s
            }
        }
    );
    u8::from(errors > 0)
}

/// The options for the input: command line, then `--config` or the nearest
/// `noticelint.toml` at or above the input's folder.
fn options_for(args: &Args) -> Result<Options, String> {
    let mut base = Options {
        select: Selector::parse_flag(&args.select, "--select")?,
        ignore: Selector::parse_flag(&args.ignore, "--ignore")?,
        ..Options::default()
    };
    if let Some(l) = args.lang {
        base.lang = l;
    }
    let found = match &args.config {
        Some(p) => Some((
            p.clone(),
            p.parent().map(Path::to_path_buf).unwrap_or_default(),
        )),
        None => {
            let abs = std::fs::canonicalize(&args.input).unwrap_or_else(|_| args.input.clone());
            abs.parent().and_then(crate::config::find_upward).map(|c| {
                let dir = c.parent().map(Path::to_path_buf).unwrap_or_default();
                (c, dir)
            })
        }
    };
    let Some((path, root)) = found else {
        return Ok(base);
    };
    let config = Config::load(&path)?;
    let root = std::fs::canonicalize(&root).unwrap_or(root);
    let rel = std::fs::canonicalize(&args.input)
        .ok()
        .and_then(|a| a.strip_prefix(&root).ok().map(Path::to_path_buf));
    let mut o = config.apply(&base, rel.as_deref());
    if let Some(l) = args.lang {
        o.lang = l;
    }
    Ok(o)
}

fn read_limited(path: &Path, limit: u64) -> Result<Vec<u8>, String> {
    use std::io::Read;
    let mut buf = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(limit.saturating_add(1)).read_to_end(&mut buf))
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => "no such file (文件不存在)".to_owned(),
            _ => format!("cannot read: {e}"),
        })?;
    if buf.len() as u64 > limit {
        return Err(format!(
            "larger than the limit of {limit} bytes: not read (raise it with --max-file-size)"
        ));
    }
    Ok(buf)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn docx(body: &str) -> Vec<u8> {
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let o = zip::write::SimpleFileOptions::default();
        w.start_file("[Content_Types].xml", o).unwrap();
        w.write_all(br#"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"></Types>"#).unwrap();
        w.start_file(docx::DOCUMENT_XML, o).unwrap();
        write!(w, r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#).unwrap();
        w.finish().unwrap().into_inner()
    }

    /// Mutated documents never panic: they are read, annotated, or refused with an error.
    #[test]
    fn mutated_documents_do_not_panic() {
        let body = "<w:p><w:r><w:t>一、总体要求,检查</w:t></w:r></w:p><w:p><w:r><w:rPr><w:b/></w:rPr><w:t>二</w:t><w:tab/><w:t>、内容</w:t></w:r></w:p><w:p><w:r><w:t xml:space=\"preserve\">四、安排 &amp; 2020 年</w:t></w:r></w:p>";
        let good = docx(body);
        let a = annotate(&good, &Options::default()).unwrap();
        assert!(a.comments >= 3);
        let mut seed = 0x2545_F491_4F6C_DD1Du64;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for _ in 0..300 {
            // Mutate the XML (then zip it), or the zip bytes themselves.
            let mut xml = body.as_bytes().to_vec();
            for _ in 0..3 {
                let i = (next() as usize) % xml.len();
                xml[i] = b"<>/&;\"= wtrp:"[(next() as usize) % 13];
            }
            let _ = annotate(&docx(&String::from_utf8_lossy(&xml)), &Options::default());
            let mut z = good.clone();
            let i = (next() as usize) % z.len();
            z[i] ^= 1 << (next() % 8);
            let _ = annotate(&z, &Options::default());
            let _ = annotate(&good[..(next() as usize) % good.len()], &Options::default());
        }
    }

    #[test]
    fn empty_spans_and_spans_at_paragraph_ends_are_anchored_in_order() {
        let doc = docx::read(
            &docx("<w:p><w:r><w:t>甲乙</w:t></w:r><w:r><w:t>丙</w:t></w:r></w:p><w:p/>"),
            MAX_XML_BYTES,
        )
        .unwrap();
        for (span, want) in [
            (3..3, ""),
            (6..6, ""),
            (0..9, "甲乙丙"),
            (9..10, ""),
            (10..11, ""),
        ] {
            let mut a = Anchors::default();
            a.add(&doc.body, span.clone(), 7);
            let xml = a.apply(&doc.body);
            let s = xml.find("commentRangeStart").unwrap();
            let e = xml.find("commentRangeEnd").unwrap();
            assert!(s < e, "{span:?}: {xml}");
            let between: String = xml[s..e]
                .split("<w:t")
                .skip(1)
                .filter_map(|t| Some(t.split_once('>')?.1.split_once('<')?.0))
                .collect();
            assert_eq!(between, want, "{span:?}: {xml}");
        }
    }
}
