//! Web pages (.html/.htm/.xhtml): the article body's paragraphs as lines of text.
//!
//! 1. **Charset.** A byte-order mark wins; then a `<meta charset>` or
//!    `<meta http-equiv content="…; charset=gb2312">` in the first 8 KiB; then detection
//!    (UTF-8 if the bytes are UTF-8, else `chardetng`). GB2312 and GBK pages are decoded as
//!    GB18030, their superset. A page labelled with a legacy charset whose bytes are valid
//!    (non-ASCII) UTF-8 is read as UTF-8: CMSs often keep an old label after a migration.
//! 2. **Tree.** html5ever's tokenizer (the WHATWG tokenizer: entities, attributes, comments,
//!    raw text of `<script>`/`<style>`) feeds a small tree builder of our own. We do not use
//!    html5ever's tree builder: its open-element and formatting-element scans are quadratic
//!    on nested markup (measured: 200 KB of nested `<div>` took 17 s, 500 KB of
//!    `<b id=N>` 239 s). Ours keeps, per tag name, the stack positions of its open elements,
//!    so every implied end tag (`<p>` closing a `<p>`, `<li>`, `<td>`, `<tr>`) and every end
//!    tag is found in O(1) and popped in amortised O(1). Formatting tags (`<b>`, `<font>`,
//!    `<strong>`, …) make no node at all: their text joins the enclosing block, so their
//!    mis-nesting cannot matter. Everything after is a few linear passes over the node arena,
//!    which is in document order (a subtree is a contiguous index range); nothing recurses.
//! 3. **Article.** Elements that are never text (`script`, `style`, `nav`, `footer`, forms'
//!    controls, …), hidden ones (`display:none`) and ones whose id/class names page chrome
//!    (nav, breadcrumb, share, print, footer, related, …) are left out. Every block's own
//!    Chinese text (outside links) scores for the block, its parent block and (half) its
//!    grandparent block; a score is scaled by `1 - link share` of the element's text. The best
//!    element is the article, or the nearest well-known content container around it
//!    (`#zoom`, `.TRS_Editor`, `.article`, `.content`, `.pages_content`, …) when that adds
//!    little; a well-known container scoring at least half the best also wins. The notice's
//!    title usually sits just before the body (`<h1>`, `.title`): the nearest preceding one
//!    is put first.
//! 4. **Lines.** One line per block (`<p>`, `<div>`, `<li>`, table cell, heading), per `<br>`
//!    and per line of `<pre>`; HTML whitespace collapses to one space (none where a source
//!    line break falls between two Chinese characters, as CSS does); spaces, `&nbsp;` and
//!    full-width spaces at the ends of a line are trimmed like a notice's indentation; lines
//!    that are only page chrome ("【打印本页】【关闭窗口】", "字号：大 中 小") are dropped.
//!    Entities are decoded, so a literal `&lt;p&gt;` in the page is the text `<p>`.

use std::cell::RefCell;
use std::collections::HashMap;

use encoding_rs::Encoding;
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use html5ever::{local_name, LocalName};

use super::{Extracted, InputError};
use crate::source::DecodeError;

/// How far into the page a `<meta charset>` is looked for.
const PRESCAN: usize = 8 * 1024;

/// Extract a web page's article paragraphs, one per line.
pub fn extract(bytes: &[u8]) -> Result<Extracted, InputError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(InputError::Html("the page is empty (页面为空)".into()));
    }
    // Text ranges and node ids are u32, and a tendril holds at most 4 GiB.
    if bytes.len() > (u32::MAX / 2) as usize {
        return Err(InputError::Html(
            "the page is larger than 2 GiB (页面过大)".into(),
        ));
    }
    let (text, encoding, bom) = decode(bytes)?;
    let tree = build(&text);
    let text = article_text(&tree).ok_or_else(|| {
        InputError::Html(
            "no article text found: no paragraph of Chinese text outside navigation and links \
             (页面中没有找到正文)"
                .into(),
        )
    })?;
    Ok(Extracted {
        text,
        encoding,
        bom,
    })
}

// ---------------------------------------------------------------------------------------
// Charset

/// Decode the page: (text, charset name, had a BOM).
fn decode(bytes: &[u8]) -> Result<(String, &'static str, bool), InputError> {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let rest = &bytes[bom_len..];
        let (text, _) = enc.decode_without_bom_handling(rest);
        if text.contains('\0') {
            return Err(DecodeError::Binary.into());
        }
        let name = match enc.name() {
            "UTF-8" => "utf-8",
            "UTF-16LE" => "utf-16le",
            _ => "utf-16be",
        };
        return Ok((text.into_owned(), name, true));
    }
    if bytes.contains(&0) {
        return Err(DecodeError::Binary.into());
    }
    let utf8 = std::str::from_utf8(bytes).ok();
    if let Some(label) = meta_charset(&bytes[..bytes.len().min(PRESCAN)]) {
        if let Some(enc) = Encoding::for_label(label) {
            // A page cannot declare UTF-16 in itself (the spec reads that as UTF-8).
            let declared_utf8 = enc == encoding_rs::UTF_8
                || enc == encoding_rs::UTF_16LE
                || enc == encoding_rs::UTF_16BE;
            if let Some(s) = utf8 {
                if declared_utf8 || !s.is_ascii() {
                    return Ok((s.to_owned(), "utf-8", false));
                }
            }
            if !declared_utf8 {
                let enc = widen(enc);
                let (text, _) = enc.decode_without_bom_handling(bytes);
                return Ok((text.into_owned(), charset_name(label, enc), false));
            }
            // Declared UTF-8 but not UTF-8: detect below.
        }
    }
    if let Some(s) = utf8 {
        return Ok((s.to_owned(), "utf-8", false));
    }
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    det.feed(bytes, true);
    let enc = widen(det.guess(Some(b"cn"), chardetng::Utf8Detection::Deny));
    let (text, _) = enc.decode_without_bom_handling(bytes);
    let name = if enc == encoding_rs::GB18030 {
        "gb18030"
    } else {
        enc.name()
    };
    Ok((text.into_owned(), name, false))
}

/// GB2312 and GBK pages are read as GB18030, their superset.
fn widen(enc: &'static Encoding) -> &'static Encoding {
    if enc == encoding_rs::GBK {
        encoding_rs::GB18030
    } else {
        enc
    }
}

/// The charset's name as the page wrote it, for the common Chinese ones.
fn charset_name(label: &[u8], enc: &'static Encoding) -> &'static str {
    const KNOWN: &[&str] = &[
        "gb2312", "gbk", "gb18030", "big5", "x-gbk", "cp936", "euc-cn",
    ];
    let lower = String::from_utf8_lossy(label).trim().to_ascii_lowercase();
    KNOWN
        .iter()
        .find(|k| **k == lower)
        .copied()
        .unwrap_or(enc.name())
}

/// The charset label of an XML declaration (`<?xml … encoding="gb2312"?>`, XHTML) or of
/// the first `<meta>` that declares one.
fn meta_charset(head: &[u8]) -> Option<&[u8]> {
    if head.starts_with(b"<?xml") {
        let decl = &head[..head.iter().position(|&b| b == b'>').unwrap_or(head.len())];
        if let Some(e) = find_ci(decl, b"encoding") {
            let rest = &decl[e + 8..];
            let q = rest.iter().position(|&b| b == b'"' || b == b'\'')?;
            let v = &rest[q + 1..];
            let end = v
                .iter()
                .position(|&b| b == b'"' || b == b'\'')
                .unwrap_or(v.len());
            if end > 0 {
                return Some(&v[..end]);
            }
        }
    }
    let mut i = 0;
    while let Some(off) = find_ci(&head[i..], b"<meta") {
        let start = i + off + 5;
        let end = head[start..]
            .iter()
            .position(|&b| b == b'>')
            .map_or(head.len(), |p| start + p);
        let tag = &head[start..end];
        if let Some(c) = find_ci(tag, b"charset") {
            let mut j = c + 7;
            while j < tag.len() && tag[j].is_ascii_whitespace() {
                j += 1;
            }
            if j < tag.len() && tag[j] == b'=' {
                j += 1;
                while j < tag.len()
                    && (tag[j].is_ascii_whitespace() || tag[j] == b'"' || tag[j] == b'\'')
                {
                    j += 1;
                }
                let k = tag[j..]
                    .iter()
                    .position(|b| {
                        !(b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b':'))
                    })
                    .map_or(tag.len(), |p| j + p);
                if k > j {
                    return Some(&tag[j..k]);
                }
            }
        }
        i = end;
    }
    None
}

/// ASCII case-insensitive search (needles are lowercase).
fn find_ci(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.len() > hay.len() {
        return None;
    }
    (0..=hay.len() - needle.len()).find(|&i| {
        hay[i..i + needle.len()]
            .iter()
            .zip(needle)
            .all(|(a, b)| a.to_ascii_lowercase() == *b)
    })
}

// ---------------------------------------------------------------------------------------
// Tree

const NONE: u32 = u32::MAX;

/// How an element shows its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Display {
    Inline,
    /// Starts and ends a line (`<p>`, `<div>`, `<li>`, `<h1>`, table rows, …).
    Block,
    /// A table cell: a block of its own.
    Cell,
    /// `<br>`.
    Br,
    /// Preformatted: its line breaks are kept.
    Pre,
    /// `<a>`: inline, its text counts as link text.
    Link,
    /// Never article text (`<script>`, `<nav>`, controls, …).
    Skip,
}

#[derive(Debug, Clone)]
struct Node {
    parent: u32,
    first_child: u32,
    last_child: u32,
    next: u32,
    /// For text nodes, the byte range in [`Tree::text`].
    start: u32,
    end: u32,
    is_text: bool,
    display: Display,
    /// Hidden, or named like page chrome (nav, share, footer, …).
    dropped: bool,
    /// A well-known article container (`#zoom`, `.TRS_Editor`, …).
    container: bool,
    /// Title rank: 3 for `<h1>`, 2 for `<h2>`, 1 for `.title` or `<h3>`, 0 otherwise.
    title: u8,
}

struct Tree {
    /// Node 0 is the document.
    nodes: Vec<Node>,
    text: String,
}

impl Tree {
    fn children(&self, n: u32) -> impl Iterator<Item = u32> + '_ {
        let mut c = self.nodes[n as usize].first_child;
        std::iter::from_fn(move || {
            if c == NONE {
                return None;
            }
            let cur = c;
            c = self.nodes[c as usize].next;
            Some(cur)
        })
    }

    fn text_of(&self, n: usize) -> &str {
        let node = &self.nodes[n];
        &self.text[node.start as usize..node.end as usize]
    }
}

struct Builder {
    tree: Tree,
    /// Open elements: (node, tag name). The document (node 0) is below them all.
    stack: Vec<(u32, LocalName)>,
    /// Stack positions of the open elements, by tag name.
    open: HashMap<LocalName, Vec<usize>>,
}

/// Formatting tags: no node, their text joins the enclosing element.
fn transparent(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("b")
            | local_name!("i")
            | local_name!("u")
            | local_name!("s")
            | local_name!("strong")
            | local_name!("em")
            | local_name!("font")
            | local_name!("big")
            | local_name!("small")
            | local_name!("sub")
            | local_name!("sup")
            | local_name!("strike")
            | local_name!("tt")
            | local_name!("abbr")
            | local_name!("acronym")
            | local_name!("cite")
            | local_name!("q")
            | local_name!("mark")
            | local_name!("ins")
            | local_name!("del")
            | local_name!("nobr")
            | local_name!("dfn")
            | local_name!("kbd")
            | local_name!("samp")
            | local_name!("var")
            | local_name!("time")
            | local_name!("bdi")
            | local_name!("bdo")
            | local_name!("code")
            | local_name!("label")
            | local_name!("html")
            | local_name!("body")
            | local_name!("head")
            | local_name!("wbr")
    )
}

fn is_void(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("area")
            | local_name!("base")
            | local_name!("br")
            | local_name!("col")
            | local_name!("embed")
            | local_name!("hr")
            | local_name!("img")
            | local_name!("image")
            | local_name!("input")
            | local_name!("link")
            | local_name!("meta")
            | local_name!("param")
            | local_name!("source")
            | local_name!("track")
            | local_name!("keygen")
            | local_name!("basefont")
            | local_name!("bgsound")
            | local_name!("frame")
    )
}

fn display_of(name: &LocalName) -> Display {
    match *name {
        local_name!("script")
        | local_name!("style")
        | local_name!("noscript")
        | local_name!("template")
        | local_name!("title")
        | local_name!("iframe")
        | local_name!("object")
        | local_name!("embed")
        | local_name!("svg")
        | local_name!("math")
        | local_name!("select")
        | local_name!("option")
        | local_name!("optgroup")
        | local_name!("datalist")
        | local_name!("textarea")
        | local_name!("button")
        | local_name!("input")
        | local_name!("nav")
        | local_name!("aside")
        | local_name!("footer")
        | local_name!("audio")
        | local_name!("video")
        | local_name!("canvas")
        | local_name!("map")
        | local_name!("frameset")
        | local_name!("noframes")
        | local_name!("noembed")
        | local_name!("xmp")
        | local_name!("meta")
        | local_name!("link")
        | local_name!("base") => Display::Skip,
        local_name!("a") => Display::Link,
        local_name!("br") => Display::Br,
        local_name!("td") | local_name!("th") => Display::Cell,
        local_name!("pre") | local_name!("listing") | local_name!("plaintext") => Display::Pre,
        local_name!("address")
        | local_name!("article")
        | local_name!("blockquote")
        | local_name!("center")
        | local_name!("dd")
        | local_name!("details")
        | local_name!("dialog")
        | local_name!("dir")
        | local_name!("div")
        | local_name!("dl")
        | local_name!("dt")
        | local_name!("fieldset")
        | local_name!("figcaption")
        | local_name!("figure")
        | local_name!("form")
        | local_name!("h1")
        | local_name!("h2")
        | local_name!("h3")
        | local_name!("h4")
        | local_name!("h5")
        | local_name!("h6")
        | local_name!("header")
        | local_name!("hgroup")
        | local_name!("hr")
        | local_name!("legend")
        | local_name!("li")
        | local_name!("main")
        | local_name!("menu")
        | local_name!("ol")
        | local_name!("p")
        | local_name!("section")
        | local_name!("summary")
        | local_name!("table")
        | local_name!("caption")
        | local_name!("tbody")
        | local_name!("thead")
        | local_name!("tfoot")
        | local_name!("tr")
        | local_name!("ul")
        | local_name!("marquee") => Display::Block,
        _ => Display::Inline,
    }
}

/// Start tags that close an open `<p>`.
fn closes_p(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("address")
            | local_name!("article")
            | local_name!("aside")
            | local_name!("blockquote")
            | local_name!("center")
            | local_name!("details")
            | local_name!("dialog")
            | local_name!("dir")
            | local_name!("div")
            | local_name!("dl")
            | local_name!("dd")
            | local_name!("dt")
            | local_name!("fieldset")
            | local_name!("figcaption")
            | local_name!("figure")
            | local_name!("footer")
            | local_name!("form")
            | local_name!("header")
            | local_name!("hgroup")
            | local_name!("hr")
            | local_name!("li")
            | local_name!("main")
            | local_name!("menu")
            | local_name!("nav")
            | local_name!("ol")
            | local_name!("p")
            | local_name!("section")
            | local_name!("summary")
            | local_name!("table")
            | local_name!("ul")
            | local_name!("h1")
            | local_name!("h2")
            | local_name!("h3")
            | local_name!("h4")
            | local_name!("h5")
            | local_name!("h6")
            | local_name!("pre")
            | local_name!("listing")
            | local_name!("plaintext")
            | local_name!("xmp")
    )
}

/// Elements that bound the scope of end tags (a `</div>` inside a cell does not close a
/// `<div>` around the table).
const BOUNDARIES: [LocalName; 8] = [
    local_name!("table"),
    local_name!("td"),
    local_name!("th"),
    local_name!("caption"),
    local_name!("template"),
    local_name!("object"),
    local_name!("applet"),
    local_name!("marquee"),
];

const HEADINGS: [LocalName; 6] = [
    local_name!("h1"),
    local_name!("h2"),
    local_name!("h3"),
    local_name!("h4"),
    local_name!("h5"),
    local_name!("h6"),
];

/// id/class values of well-known article containers (lowercase, whole value or token).
const CONTAINERS: &[&str] = &[
    "zoom",
    "fontzoom",
    "trs_editor",
    "article",
    "article-content",
    "article_content",
    "articlecontent",
    "article-body",
    "content",
    "contents",
    "main-text",
    "maintext",
    "pages_content",
    "pages-content",
    "view",
    "custom_unionstyle",
    "detail",
    "detail-content",
    "xxgk_content",
    "textcontent",
    "text-content",
];

/// Words in an id/class that mark page chrome.
const CHROME_WORDS: &[&str] = &[
    "menu",
    "print",
    "dayin",
    "close",
    "related",
    "xgwz",
    "xglj",
    "toolbar",
    "sidebar",
    "banner",
    "search",
    "login",
    "position",
    "location",
    "dqwz",
    "weizhi",
    "fenxiang",
    "foot",
    "bottom",
    "pager",
    "pagination",
];

/// Pieces of an id/class word that mark page chrome.
const CHROME_PARTS: &[&str] = &["nav", "crumb", "share", "footer", "copyright"];

/// What an element's attributes say: (dropped, container, title-like).
fn attributes(tag: &Tag) -> (bool, bool, bool) {
    let mut dropped = false;
    let mut container = false;
    let mut title = false;
    for a in &tag.attrs {
        match a.name.local {
            local_name!("hidden") => dropped = true,
            local_name!("style") => {
                let s: String = a
                    .value
                    .chars()
                    .filter(|c| !c.is_whitespace())
                    .flat_map(char::to_lowercase)
                    .collect();
                if s.contains("display:none") || s.contains("visibility:hidden") {
                    dropped = true;
                }
            }
            local_name!("id") | local_name!("class") => {
                for token in a.value.split_ascii_whitespace() {
                    let token = token.to_ascii_lowercase();
                    if CONTAINERS.contains(&token.as_str()) {
                        container = true;
                    }
                    for word in token.split(|c: char| !c.is_ascii_alphanumeric()) {
                        if word.is_empty() {
                            continue;
                        }
                        if CHROME_WORDS.contains(&word)
                            || CHROME_PARTS.iter().any(|p| word.contains(p))
                        {
                            dropped = true;
                        }
                        if word == "title" || word == "biaoti" {
                            title = true;
                        }
                    }
                }
            }
            _ => {}
        }
    }
    (dropped, container && !dropped, title)
}

impl Builder {
    fn new() -> Self {
        Builder {
            tree: Tree {
                nodes: vec![Node {
                    parent: NONE,
                    first_child: NONE,
                    last_child: NONE,
                    next: NONE,
                    start: 0,
                    end: 0,
                    is_text: false,
                    display: Display::Block,
                    dropped: false,
                    container: false,
                    title: 0,
                }],
                text: String::new(),
            },
            stack: Vec::new(),
            open: HashMap::new(),
        }
    }

    fn current(&self) -> u32 {
        self.stack.last().map_or(0, |e| e.0)
    }

    /// The stack position of the innermost open element of this name, or -1.
    fn last(&self, name: &LocalName) -> isize {
        self.open
            .get(name)
            .and_then(|v| v.last())
            .map_or(-1, |&p| p as isize)
    }

    fn scope_floor(&self) -> isize {
        BOUNDARIES.iter().map(|b| self.last(b)).max().unwrap_or(-1)
    }

    /// Pop open elements down to (and including) stack position `pos`.
    fn pop_to(&mut self, pos: isize) {
        if pos < 0 {
            return;
        }
        while self.stack.len() > pos as usize {
            let Some((_, name)) = self.stack.pop() else {
                break;
            };
            if let Some(v) = self.open.get_mut(&name) {
                v.pop();
            }
        }
    }

    /// Close the innermost open `name` if it is above `floor`.
    fn close_above(&mut self, name: &LocalName, floor: isize) {
        let pos = self.last(name);
        if pos > floor {
            self.pop_to(pos);
        }
    }

    fn append(&mut self, node: Node) -> u32 {
        let id = self.tree.nodes.len() as u32;
        let parent = node.parent;
        self.tree.nodes.push(node);
        let p = &mut self.tree.nodes[parent as usize];
        let prev = p.last_child;
        p.last_child = id;
        if prev == NONE {
            p.first_child = id;
        } else {
            self.tree.nodes[prev as usize].next = id;
        }
        id
    }

    fn element(&mut self, display: Display, dropped: bool, container: bool, title: u8) -> u32 {
        let parent = self.current();
        self.append(Node {
            parent,
            first_child: NONE,
            last_child: NONE,
            next: NONE,
            start: 0,
            end: 0,
            is_text: false,
            display,
            dropped,
            container,
            title,
        })
    }

    fn chars(&mut self, s: &str) {
        let parent = self.current();
        let start = self.tree.text.len() as u32;
        self.tree.text.push_str(s);
        let end = self.tree.text.len() as u32;
        let last = self.tree.nodes[parent as usize].last_child;
        if last != NONE {
            let l = &mut self.tree.nodes[last as usize];
            if l.is_text && l.end == start {
                l.end = end;
                return;
            }
        }
        self.append(Node {
            parent,
            first_child: NONE,
            last_child: NONE,
            next: NONE,
            start,
            end,
            is_text: true,
            display: Display::Inline,
            dropped: false,
            container: false,
            title: 0,
        });
    }

    fn start_tag(&mut self, tag: Tag) -> TokenSinkResult<()> {
        let name = tag.name.clone();
        let raw = match name {
            local_name!("script") => Some(TokenSinkResult::RawData(RawKind::ScriptData)),
            local_name!("style")
            | local_name!("xmp")
            | local_name!("iframe")
            | local_name!("noembed")
            | local_name!("noframes")
            | local_name!("noscript") => Some(TokenSinkResult::RawData(RawKind::Rawtext)),
            local_name!("textarea") | local_name!("title") => {
                Some(TokenSinkResult::RawData(RawKind::Rcdata))
            }
            local_name!("plaintext") => Some(TokenSinkResult::Plaintext),
            _ => None,
        };
        if transparent(&name) {
            return TokenSinkResult::Continue;
        }
        if closes_p(&name) {
            let floor = self.scope_floor();
            self.close_above(&local_name!("p"), floor);
        }
        match name {
            local_name!("li") => {
                let floor = self
                    .scope_floor()
                    .max(self.last(&local_name!("ul")))
                    .max(self.last(&local_name!("ol")));
                self.close_above(&local_name!("li"), floor);
            }
            local_name!("dd") | local_name!("dt") => {
                let floor = self.scope_floor().max(self.last(&local_name!("dl")));
                let pos = self
                    .last(&local_name!("dd"))
                    .max(self.last(&local_name!("dt")));
                if pos > floor {
                    self.pop_to(pos);
                }
            }
            local_name!("h1")
            | local_name!("h2")
            | local_name!("h3")
            | local_name!("h4")
            | local_name!("h5")
            | local_name!("h6")
                if self.stack.last().is_some_and(|e| HEADINGS.contains(&e.1)) =>
            {
                let top = self.stack.len() as isize - 1;
                self.pop_to(top);
            }
            local_name!("td")
            | local_name!("th")
            | local_name!("tr")
            | local_name!("tbody")
            | local_name!("thead")
            | local_name!("tfoot") => {
                let table = self.last(&local_name!("table"));
                let mut closes = vec![local_name!("td"), local_name!("th")];
                if name != local_name!("td") && name != local_name!("th") {
                    closes.push(local_name!("tr"));
                }
                if matches!(
                    name,
                    local_name!("tbody") | local_name!("thead") | local_name!("tfoot")
                ) {
                    closes.extend([
                        local_name!("tbody"),
                        local_name!("thead"),
                        local_name!("tfoot"),
                    ]);
                }
                let pos = closes.iter().map(|c| self.last(c)).max().unwrap_or(-1);
                if pos > table {
                    self.pop_to(pos);
                }
            }
            local_name!("a") => {
                let floor = self.scope_floor();
                self.close_above(&local_name!("a"), floor);
            }
            local_name!("option") | local_name!("optgroup")
                if self
                    .stack
                    .last()
                    .is_some_and(|e| e.1 == local_name!("option")) =>
            {
                let top = self.stack.len() as isize - 1;
                self.pop_to(top);
            }
            _ => {}
        }
        if self.tree.nodes.len() >= (u32::MAX - 1) as usize {
            return raw.unwrap_or(TokenSinkResult::Continue);
        }
        let (dropped, container, title_class) = attributes(&tag);
        let container = container || name == local_name!("article");
        let title = match name {
            local_name!("h1") => 3,
            local_name!("h2") => 2,
            local_name!("h3") => 1,
            _ => u8::from(title_class),
        };
        let id = self.element(display_of(&name), dropped, container, title);
        if !is_void(&name) && (!tag.self_closing || raw.is_some()) {
            let pos = self.stack.len();
            self.stack.push((id, name.clone()));
            self.open.entry(name).or_default().push(pos);
        }
        raw.unwrap_or(TokenSinkResult::Continue)
    }

    fn end_tag(&mut self, tag: Tag) {
        let name = tag.name;
        if transparent(&name) {
            return;
        }
        match name {
            local_name!("br") => {
                if self.tree.nodes.len() < (u32::MAX - 1) as usize {
                    self.element(Display::Br, false, false, 0);
                }
            }
            local_name!("h1")
            | local_name!("h2")
            | local_name!("h3")
            | local_name!("h4")
            | local_name!("h5")
            | local_name!("h6") => {
                let floor = self.scope_floor();
                let own = self.last(&name);
                let pos = if own > floor {
                    own
                } else {
                    HEADINGS.iter().map(|h| self.last(h)).max().unwrap_or(-1)
                };
                if pos > floor {
                    self.pop_to(pos);
                }
            }
            local_name!("td")
            | local_name!("th")
            | local_name!("tr")
            | local_name!("tbody")
            | local_name!("thead")
            | local_name!("tfoot")
            | local_name!("caption") => {
                let table = self.last(&local_name!("table"));
                self.close_above(&name, table);
            }
            local_name!("li") => {
                let floor = self
                    .scope_floor()
                    .max(self.last(&local_name!("ul")))
                    .max(self.last(&local_name!("ol")));
                self.close_above(&name, floor);
            }
            _ if BOUNDARIES.contains(&name) => {
                let pos = self.last(&name);
                self.pop_to(pos);
            }
            _ => {
                let floor = self.scope_floor();
                self.close_above(&name, floor);
            }
        }
    }
}

struct Sink(RefCell<Builder>);

impl TokenSink for Sink {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let mut b = self.0.borrow_mut();
        match token {
            Token::TagToken(tag) => match tag.kind {
                TagKind::StartTag => return b.start_tag(tag),
                TagKind::EndTag => b.end_tag(tag),
            },
            Token::CharacterTokens(t) => b.chars(&t),
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

fn build(text: &str) -> Tree {
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(text));
    let tok = Tokenizer::new(Sink(RefCell::new(Builder::new())), TokenizerOpts::default());
    // The sink never asks to run a script, so one feed consumes everything.
    while !input.is_empty() {
        let _ = tok.feed(&input);
    }
    tok.end();
    tok.sink.0.into_inner().tree
}

// ---------------------------------------------------------------------------------------
// Article

/// Han ideographs (the text a notice is made of).
fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{3FFFF}')
}

/// Characters between which a source line break shows as nothing (CSS Text 3, segment
/// breaks between East Asian wide characters).
fn is_wide(c: char) -> bool {
    is_han(c)
        || matches!(c, '\u{2E80}'..='\u{2FDF}' | '\u{3000}'..='\u{30FF}' | '\u{31C0}'..='\u{32FF}' | '\u{FF00}'..='\u{FFEF}' | '“' | '”' | '‘' | '’' | '…' | '—' | '·')
}

fn article_text(tree: &Tree) -> Option<String> {
    let nodes = &tree.nodes;
    let n = nodes.len();
    // Top-down (a parent's index is below its children's): hidden/chrome, link, block.
    let mut skip = vec![false; n];
    let mut link = vec![false; n];
    let mut block = vec![0u32; n];
    for i in 1..n {
        let node = &nodes[i];
        let p = node.parent as usize;
        skip[i] = skip[p] || node.dropped || node.display == Display::Skip;
        link[i] = link[p] || node.display == Display::Link;
        block[i] = if !node.is_text
            && matches!(node.display, Display::Block | Display::Cell | Display::Pre)
        {
            i as u32
        } else {
            block[p]
        };
    }
    // Bottom-up: Chinese characters in each subtree, and those inside links.
    let mut total = vec![0u32; n];
    let mut linked = vec![0u32; n];
    let mut own = vec![0u32; n];
    let mut end = (0..n as u32).map(|i| i + 1).collect::<Vec<u32>>();
    for i in (1..n).rev() {
        let node = &nodes[i];
        if node.is_text && !skip[i] {
            let c = tree.text_of(i).chars().filter(|&c| is_han(c)).count() as u32;
            total[i] = c;
            if link[i] {
                linked[i] = c;
            } else {
                own[block[i] as usize] = own[block[i] as usize].saturating_add(c);
            }
        }
        let p = node.parent as usize;
        if !skip[i] {
            total[p] = total[p].saturating_add(total[i]);
            linked[p] = linked[p].saturating_add(linked[i]);
        }
        end[p] = end[p].max(end[i]);
    }
    // Scores: a block's own text counts for it, its parent block and half for the next.
    let mut score = vec![0u64; n];
    for b in 0..n {
        let t = u64::from(own[b]);
        if t == 0 || skip[b] {
            continue;
        }
        score[b] += 2 * t;
        // Short blocks (a title, a date, a menu entry) say little about their container.
        if b != 0 && t >= 10 {
            let p1 = block[nodes[b].parent as usize] as usize;
            score[p1] += 2 * t;
            if p1 != 0 {
                let p2 = block[nodes[p1].parent as usize] as usize;
                score[p2] += t;
            }
        }
    }
    let weighted = |i: usize| -> f64 {
        if total[i] == 0 {
            return 0.0;
        }
        score[i] as f64 * f64::from(total[i] - linked[i].min(total[i])) / f64::from(total[i])
    };
    let plain = |i: usize| total[i] - linked[i].min(total[i]);
    let mut best = 0usize;
    let mut best_w = 0.0;
    for i in 0..n {
        if skip[i] || nodes[i].is_text {
            continue;
        }
        let w = weighted(i);
        if w > best_w {
            best = i;
            best_w = w;
        }
    }
    if best_w <= 0.0 {
        return None;
    }
    let mut root = best;
    // The nearest well-known container around the best element, if it adds little.
    let mut c = best;
    loop {
        if nodes[c].container && !skip[c] {
            let adds_little = f64::from(linked[c]) <= 0.5 * f64::from(total[c])
                && plain(c) <= 2 * plain(best) + 100;
            if adds_little {
                root = c;
            }
            break;
        }
        if c == 0 {
            break;
        }
        c = nodes[c].parent as usize;
    }
    if root == best {
        // A well-known container elsewhere that scores at least half as well.
        let mut cand = None;
        let mut cand_w = 0.5 * best_w;
        for i in 0..n {
            if nodes[i].container && !skip[i] && weighted(i) >= cand_w && weighted(i) > 0.0 {
                cand_w = weighted(i);
                cand = Some(i);
            }
        }
        if let Some(i) = cand {
            root = i;
        }
    }

    let mut lines = Lines::default();
    let body_start;
    if let Some(t) = find_title(tree, root, &skip, &end, &total, &linked) {
        emit(tree, t, &mut lines);
        lines.flush();
        body_start = lines.out.len();
        emit(tree, root, &mut lines);
        lines.flush();
        // The title repeated as the body's first line(s): keep one.
        let title_part = &lines.out[..body_start];
        if lines.out[body_start..].starts_with(title_part) {
            lines.out.drain(..body_start);
        }
    } else {
        emit(tree, root, &mut lines);
        lines.flush();
    }
    if lines.out.trim().is_empty() {
        return None;
    }
    Some(lines.out)
}

/// The nearest heading or `.title` before the article (up to four levels up).
fn find_title(
    tree: &Tree,
    root: usize,
    skip: &[bool],
    end: &[u32],
    total: &[u32],
    linked: &[u32],
) -> Option<usize> {
    let nodes = &tree.nodes;
    let mut cur = root;
    for _ in 0..4 {
        if cur == 0 {
            return None;
        }
        let parent = nodes[cur].parent;
        let mut found: Option<(u8, usize)> = None;
        for s in tree.children(parent) {
            let s = s as usize;
            if s == cur {
                break;
            }
            for i in s..end[s] as usize {
                let node = &nodes[i];
                if node.title == 0 || skip[i] {
                    continue;
                }
                let plain = total[i] - linked[i].min(total[i]);
                if (4..=200).contains(&plain) && linked[i] == 0 {
                    // Higher rank wins; at equal rank the nearer (later) one.
                    if found.is_none_or(|(r, _)| node.title >= r) {
                        found = Some((node.title, i));
                    }
                }
            }
        }
        if let Some((_, i)) = found {
            return Some(i);
        }
        cur = parent as usize;
    }
    None
}

/// The lines being written.
#[derive(Default)]
struct Lines {
    out: String,
    line: String,
    /// Whitespace seen since the last character: 0 none, 1 spaces, 2 a line break.
    pending: u8,
    pre: u32,
}

impl Lines {
    fn flush(&mut self) {
        let t = self
            .line
            .trim_matches(|c: char| c.is_whitespace() || c == '\u{FEFF}');
        if !t.is_empty() && !is_chrome(t) {
            self.out.push_str(t);
            self.out.push('\n');
        }
        self.line.clear();
        self.pending = 0;
    }

    fn push_text(&mut self, s: &str) {
        for c in s.chars() {
            if self.pre > 0 {
                match c {
                    '\n' => self.flush(),
                    '\r' => {}
                    _ => self.line.push(c),
                }
                continue;
            }
            if matches!(c, ' ' | '\t' | '\n' | '\r' | '\u{000C}') {
                let level = if matches!(c, '\n' | '\r') { 2 } else { 1 };
                self.pending = self.pending.max(level);
                continue;
            }
            if self.pending > 0 && !self.line.is_empty() {
                let prev = self.line.chars().next_back().unwrap_or(' ');
                let joined = self.pending == 2 && is_wide(prev) && is_wide(c);
                if !joined {
                    self.line.push(' ');
                }
            }
            self.pending = 0;
            self.line.push(c);
        }
    }
}

/// Write an element's text as lines (iteratively: pages nest deeply).
fn emit(tree: &Tree, root: usize, lines: &mut Lines) {
    let nodes = &tree.nodes;
    // (node, closing)
    let mut stack: Vec<(u32, bool)> = vec![(root as u32, false)];
    let mut kids: Vec<u32> = Vec::new();
    while let Some((id, closing)) = stack.pop() {
        let i = id as usize;
        let node = &nodes[i];
        if node.is_text {
            lines.push_text(tree.text_of(i));
            continue;
        }
        if i != root && (node.dropped || node.display == Display::Skip) {
            continue;
        }
        match node.display {
            Display::Br => {
                lines.flush();
                continue;
            }
            Display::Block | Display::Cell => lines.flush(),
            Display::Pre => {
                lines.flush();
                if closing {
                    lines.pre = lines.pre.saturating_sub(1);
                } else {
                    lines.pre += 1;
                }
            }
            _ => {}
        }
        if closing {
            continue;
        }
        stack.push((id, true));
        kids.clear();
        kids.extend(tree.children(id));
        stack.extend(kids.iter().rev().map(|&k| (k, false)));
    }
}

/// Lines that are only page chrome: print/close buttons, font size switches, share bars,
/// breadcrumbs.
fn is_chrome(line: &str) -> bool {
    if line.chars().count() > 60 {
        return false;
    }
    if (line.starts_with("当前位置")
        || line.starts_with("您现在的位置")
        || line.starts_with("您的位置"))
        && (line.contains('>') || line.contains('»') || line.contains('＞') || line.contains('→'))
    {
        return true;
    }
    const PHRASES: &[&str] = &[
        "扫一扫在手机打开当前页",
        "打印本页",
        "打印此页",
        "打印文章",
        "关闭窗口",
        "关闭本页",
        "返回顶部",
        "收藏本页",
        "加入收藏",
        "分享到",
        "打印",
        "关闭",
        "返回",
        "收藏",
        "分享",
        "字号",
        "字体",
        "默认",
        "放大",
        "缩小",
        "扫一扫",
        "大",
        "中",
        "小",
    ];
    let mut rest = line.to_owned();
    let mut any = false;
    for p in PHRASES {
        if rest.contains(p) {
            any = true;
            rest = rest.replace(p, "");
        }
    }
    any && rest.chars().all(|c| {
        c.is_whitespace()
            || matches!(
                c,
                '【' | '】'
                    | '['
                    | ']'
                    | '('
                    | ')'
                    | '（'
                    | '）'
                    | '|'
                    | '｜'
                    | ':'
                    | '：'
                    | '·'
                    | '•'
                    | '/'
                    | '-'
            )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(html: &str) -> String {
        extract(html.as_bytes()).unwrap().text
    }

    #[test]
    fn paragraphs_become_lines() {
        let t = text("<html><body><div id=zoom><p>　　第一段文字内容。</p><p>&nbsp;&nbsp;第二段&lt;p&gt;内容。</p></div></body></html>");
        assert_eq!(t, "第一段文字内容。\n第二段<p>内容。\n");
    }

    #[test]
    fn br_and_source_breaks() {
        let t =
            text("<div class=content>一、总体\n要求<br>二、工作<b>任务</b><br/><br>三、保障</div>");
        assert_eq!(t, "一、总体要求\n二、工作任务\n三、保障\n");
    }

    #[test]
    fn nav_and_chrome_are_left_out() {
        let t = text(
            "<div class=nav><a href=#>首页</a><a href=#>政务公开</a></div>\
             <div class=breadcrumb>当前位置：首页 &gt; 通知公告</div>\
             <div class=main><h1>关于做好某项工作的通知</h1><div class=info>发布时间：2021-01-01</div>\
             <div id=zoom><p>各有关单位：</p><p>为做好某项工作，经研究决定，现将有关事项通知如下。</p></div>\
             <div>【打印本页】【关闭窗口】</div></div><div class=footer>版权所有：某某人民政府</div>",
        );
        assert_eq!(t, "关于做好某项工作的通知\n各有关单位：\n为做好某项工作，经研究决定，现将有关事项通知如下。\n");
    }

    #[test]
    fn table_cells_row_by_row() {
        let t = text("<div class=article><p>名单如下：</p><table><tr><td>序号<td>单位<tr><td>1<td>某某局</table></div>");
        assert_eq!(t, "名单如下：\n序号\n单位\n1\n某某局\n");
    }

    #[test]
    fn gbk_meta_charset() {
        let html = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\"></head><body><p>关于开展检查工作的通知</p></body></html>";
        let (bytes, _, _) = encoding_rs::GBK.encode(html);
        let e = extract(&bytes).unwrap();
        assert_eq!(e.encoding, "gb2312");
        assert_eq!(e.text, "关于开展检查工作的通知\n");
    }

    #[test]
    fn xml_declaration_charset() {
        let html = "<?xml version=\"1.0\" encoding=\"GBK\"?><html><body><p>关于开展检查工作的通知</p></body></html>";
        let (bytes, _, _) = encoding_rs::GBK.encode(html);
        let e = extract(&bytes).unwrap();
        assert_eq!(e.encoding, "gbk");
        assert_eq!(e.text, "关于开展检查工作的通知\n");
        for junk in ["<?xml encoding", "<?xml encoding=\"", "<?xml encoding=''?>"] {
            let _ = extract(junk.as_bytes());
        }
    }

    #[test]
    fn errors_not_panics() {
        assert!(matches!(extract(b""), Err(InputError::Html(_))));
        assert!(matches!(
            extract(b"<html><body><p>hello</p></body></html>"),
            Err(InputError::Html(_))
        ));
        assert!(matches!(extract(b"<p>\0</p>"), Err(InputError::Decode(_))));
        for junk in [
            "<",
            "</",
            "<a",
            "<!--",
            "<![CDATA[",
            "<script>",
            "<table><td></tr></table></td>",
            "</p></li></div>",
        ] {
            let _ = extract(junk.as_bytes());
        }
    }

    #[test]
    fn deep_nesting_is_linear() {
        for piece in [
            "<div>",
            "<b id=1>x",
            "<ul><li>",
            "<table><tr><td>",
            "<span>",
            "<a>x",
            "<p><div>",
        ] {
            let mut s = piece.repeat(50_000);
            s.push_str("<p>正文内容在这里。</p>");
            let t = std::time::Instant::now();
            let _ = extract(s.as_bytes());
            assert!(t.elapsed().as_secs() < 30, "{piece}: {:?}", t.elapsed());
        }
    }
}
