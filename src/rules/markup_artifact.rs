//! `markup-artifact` (NL407): LaTeX, HTML or Markdown debris, control or zero-width characters (PM_{2.5}).
//!
//! One linear pass over the text finds every markup construct (HTML tags and entities,
//! LaTeX commands, sub- and superscripts and `$…$`, Markdown headings, bold, links, code
//! fences and table rules) and every invisible or broken character. The scan also serves
//! `halfwidth-punctuation` and `foreign-word`: what it finds (and web and e-mail
//! addresses, see [`protected`]) is not Chinese prose, so those rules stay silent there.
//! In a Markdown file the Markdown syntax is legitimate: it is protected but not reported.

use std::borrow::Cow;
use std::ops::Range;

use super::prelude::*;
use super::text::{is_cn_punct, is_han};
use crate::scan::{ascii_mask, class, Classes, LETTERS};

pub static RULE: Rule = Rule {
    code: "NL407",
    name: "markup-artifact",
    default_severity: Severity::Error,
    summary: Text::new(
        "LaTeX、HTML、Markdown 残留，控制字符或零宽字符（PM_{2.5}）",
        "LaTeX, HTML or Markdown debris, control or zero-width characters (PM_{2.5})",
    ),
    doc: Text::new(DOC_ZH, DOC_EN),
    implemented: true,
    check,
};

const DOC_ZH: &str = r#"
## 检查什么
从网页、排版软件或文字处理工具复制文本时留下的标记和不可见字符：
- LaTeX 标记：`PM_{2.5}`、`m^{3}`、`\textbf{…}`、`$…$`、`50\%`；
- HTML 标签和字符实体：`<br/>`、`</p>`、`<p style="…">`、`&nbsp;`、`&amp;`；
- 纯文本（.txt）中的 Markdown 标记：行首 `## `、`**加粗**`、`[文字](网址)`、代码围栏、表格分隔行
  （Markdown 文件中这些是正常语法，不报告）；
- 零宽字符（U+200B—U+200D、U+2060、不在文件开头的 U+FEFF）、控制字符（制表、换行、回车除外）
  和替换字符 U+FFFD（转码时原字符已丢失）。

删除零宽字符和控制字符、还原转义的 `\%`、还原常见字符实体的修复是安全的；删除标签、还原上下标的修复须人工确认。

## 为什么
这些标记在排版后的公文里会原样印出（`PM_{2.5}`、`&nbsp;`），或者看不见却会破坏检索、比对和复制
（零宽字符）；U+FFFD 表示原字符已经丢失，必须对照原件补正。

## 错误示例
```text
2021年1—12月，全区PM_{2.5}平均浓度27.0微克/立方米，排名全市第一；<br/>
```

## 正确写法
```text
2021年1—12月，全区PM2.5平均浓度27.0微克/立方米，排名全市第一；
```
"#;

const DOC_EN: &str = r#"
## What it does
Flags what copying from web pages, typesetting or word processors leaves in the text:
- LaTeX: `PM_{2.5}`, `m^{3}`, `\textbf{…}`, `$…$`, `50\%`;
- HTML tags and entities: `<br/>`, `</p>`, `<p style="…">`, `&nbsp;`, `&amp;`;
- Markdown in a plain-text (.txt) notice: a leading `## `, `**bold**`, `[text](url)`, code
  fences, table rules (in a Markdown file this is legitimate syntax and is not reported);
- zero-width characters (U+200B–U+200D, U+2060, U+FEFF not at the start of the file),
  control characters (other than tab, newline and carriage return) and U+FFFD (a character
  lost in a conversion).

Deleting a zero-width or control character, unescaping `\%` and decoding common entities
are safe fixes; deleting a tag or flattening a subscript is offered for review.

## Why is this bad?
The markup is printed as is in the published notice (`PM_{2.5}`, `&nbsp;`), or it is
invisible and breaks search, comparison and copying (zero-width characters); U+FFFD means
the original character is gone and must be restored from the source.

## Example
```text
2021年1—12月，全区PM_{2.5}平均浓度27.0微克/立方米，排名全市第一；<br/>
```

Use instead:
```text
2021年1—12月，全区PM2.5平均浓度27.0微克/立方米，排名全市第一；
```
"#;

/// What a markup finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    HtmlTag,
    HtmlComment,
    Entity,
    Latex,
    Escape,
    Markdown,
    ZeroWidth,
    Control,
    Replacement,
}

/// One construct found by [`scan`].
#[derive(Debug, Clone)]
pub(crate) struct Found {
    pub span: Range<usize>,
    pub kind: Kind,
    /// False for legitimate syntax (Markdown in a Markdown file): protected, not reported.
    pub report: bool,
    /// Replacement and whether it is safe.
    pub fix: Option<(String, bool)>,
}

/// A CJK character or mark: Han, Chinese punctuation, full-width forms, CJK symbols.
pub(crate) fn is_cjk(c: char) -> bool {
    is_han(c)
        || is_cn_punct(c)
        || matches!(c as u32,
            0x3000..=0x303F | 0xFF01..=0xFF60 | 0x2E80..=0x2FDF | 0x20000..=0x3FFFF)
        || matches!(c, '“' | '”' | '‘' | '’' | '…' | '—' | '·')
}

/// Whether byte `pos` lies in one of the sorted, disjoint `ranges`.
pub(crate) fn in_ranges(ranges: &[Range<usize>], pos: usize) -> bool {
    let i = ranges.partition_point(|r| r.end <= pos);
    i < ranges.len() && ranges[i].start <= pos
}

const TLDS: &[&str] = &[
    "cn", "com", "net", "org", "gov", "edu", "info", "io", "hk", "tw", "mo", "int", "mil", "biz",
];

/// The bytes of [`is_addr_char`].
const ADDR_CHARS: u128 =
    ascii_mask(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._%+-/:@?=&#~");

fn is_addr_char(c: u8) -> bool {
    c.is_ascii_alphanumeric()
        || matches!(
            c,
            b'.' | b'_'
                | b'%'
                | b'+'
                | b'-'
                | b'/'
                | b':'
                | b'@'
                | b'?'
                | b'='
                | b'&'
                | b'#'
                | b'~'
        )
}

/// Web addresses, e-mail addresses and bare domain names (`www.gov.cn`, `x@y.cn`,
/// `https://…`, `mee.gov.cn`) in `text[range]`, appended to `out` in order. Trailing
/// sentence punctuation is left out. An address is a run of address characters, which
/// never holds a line break, so lines can be scanned one by one.
fn addresses_in(text: &str, range: Range<usize>, out: &mut Vec<Range<usize>>) {
    let b = &text.as_bytes()[..range.end];
    let mut i = range.start;
    while let Some(start) = next_ascii_in(b, i, ADDR_CHARS) {
        i = start;
        while i < range.end && is_addr_char(b[i]) {
            i += 1;
        }
        let (mut s, mut e) = (start, i);
        while s < e && !b[s].is_ascii_alphanumeric() {
            s += 1;
        }
        while e > s && !(b[e - 1].is_ascii_alphanumeric() || b[e - 1] == b'/') {
            e -= 1;
        }
        if s < e && is_address(&text[s..e]) {
            out.push(s..e);
        }
    }
}

/// Whether a line with these classes can hold an address: every address holds `:` (in
/// `://`) or a `.` and a letter (www., a domain's TLD).
fn may_hold_address(c: Classes) -> bool {
    c.any_ascii(ascii_mask(b":")) || c.any_ascii(ascii_mask(b".")) && c.any_ascii(LETTERS)
}

fn is_address(t: &str) -> bool {
    // Every address holds `:` (`://`) or a letter (www., a TLD): numbers (27.0) are not.
    if !t.bytes().any(|c| c == b':' || c.is_ascii_alphabetic()) {
        return false;
    }
    // Case is looked at only where letters are compared (www., the TLD): `t` is ASCII (a run
    // of address characters), so nothing is lowercased into a new string.
    if t.contains("://") || t.get(..4).is_some_and(|w| w.eq_ignore_ascii_case("www.")) {
        return true;
    }
    if let Some(at) = t.find('@') {
        let (user, host) = (&t[..at], &t[at + 1..]);
        return !user.is_empty() && host.contains('.') && host_like(host);
    }
    // A bare domain: labels of letters, digits and hyphens, the last a known TLD.
    let host = before_path(t);
    host_like(host) && host.split('.').count() >= 2 && host.bytes().any(|c| c.is_ascii_alphabetic())
}

/// `t` up to its first `/`, `:`, `?` or `#` (the host of an address), found as bytes.
fn before_path(t: &str) -> &str {
    let end = t
        .bytes()
        .position(|c| matches!(c, b'/' | b':' | b'?' | b'#'))
        .unwrap_or(t.len());
    &t[..end]
}

/// Two labels or more of letters, digits and hyphens, the last a known TLD (any case).
fn host_like(host: &str) -> bool {
    let host = before_path(host);
    let mut labels = 0;
    let mut last = "";
    for l in host.split('.') {
        if l.is_empty() || !l.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'-') {
            return false;
        }
        labels += 1;
        last = l;
    }
    labels >= 2 && TLDS.iter().any(|tld| tld.eq_ignore_ascii_case(last))
}

const HTML_TAGS: &[&str] = &[
    "a",
    "abbr",
    "article",
    "aside",
    "audio",
    "b",
    "big",
    "blockquote",
    "body",
    "br",
    "button",
    "caption",
    "center",
    "code",
    "col",
    "colgroup",
    "dd",
    "del",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "font",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hr",
    "html",
    "i",
    "iframe",
    "img",
    "input",
    "ins",
    "label",
    "li",
    "link",
    "main",
    "meta",
    "nav",
    "nobr",
    "o:p",
    "ol",
    "option",
    "p",
    "pre",
    "s",
    "script",
    "section",
    "select",
    "small",
    "source",
    "span",
    "strike",
    "strong",
    "style",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "textarea",
    "tfoot",
    "th",
    "thead",
    "title",
    "tr",
    "tt",
    "u",
    "ul",
    "video",
    "wbr",
];

const ENTITIES: &[(&str, &str)] = &[
    ("nbsp", " "),
    ("amp", "&"),
    ("lt", "<"),
    ("gt", ">"),
    ("quot", "\""),
    ("apos", "'"),
    ("ldquo", "“"),
    ("rdquo", "”"),
    ("lsquo", "‘"),
    ("rsquo", "’"),
    ("mdash", "—"),
    ("ndash", "–"),
    ("hellip", "…"),
    ("middot", "·"),
    ("times", "×"),
    ("divide", "÷"),
    ("deg", "°"),
    ("plusmn", "±"),
    ("le", "≤"),
    ("ge", "≥"),
    ("yen", "¥"),
    ("copy", "©"),
    ("reg", "®"),
    ("sup2", "²"),
    ("sup3", "³"),
    ("emsp", " "),
    ("ensp", " "),
    ("thinsp", " "),
    ("zwj", ""),
    ("zwnj", ""),
];

/// LaTeX commands recognised without a following brace, and their plain-text form.
const LATEX_COMMANDS: &[(&str, &str)] = &[
    ("times", "×"),
    ("cdot", "·"),
    ("div", "÷"),
    ("pm", "±"),
    ("le", "≤"),
    ("leq", "≤"),
    ("ge", "≥"),
    ("geq", "≥"),
    ("neq", "≠"),
    ("approx", "≈"),
    ("sim", "～"),
    ("circ", "°"),
    ("degree", "°"),
    ("mu", "μ"),
    ("alpha", "α"),
    ("beta", "β"),
    ("gamma", "γ"),
    ("delta", "δ"),
    ("sigma", "σ"),
    ("ldots", "…"),
    ("cdots", "…"),
    ("quad", ""),
    ("qquad", ""),
    ("newline", ""),
    ("noindent", ""),
    ("hline", ""),
    ("item", ""),
    ("par", ""),
];

/// The markup analysis of a notice, computed once per notice ([`Ctx::markup`]) and shared
/// by this rule, `halfwidth-punctuation` and `foreign-word`.
pub(crate) struct Markup {
    pub found: Vec<Found>,
    /// See [`protected`].
    pub protected: Vec<Range<usize>>,
}

impl Markup {
    /// `lines`: the text's lines and their classes ([`Ctx::lines_where`]); a line that
    /// holds neither markup characters nor address characters is not looked at.
    pub(crate) fn new(text: &str, markdown: bool, lines: LinesWhere) -> Markup {
        let mut addrs = Vec::new();
        let mut found = Vec::new();
        for (base, line, c) in lines.matching(|c| may_hold_address(c) || may_hold_markup(c)) {
            // The addresses of a line first: the scan of the line skips them.
            // An address holds a letter or `://` (see [`is_address`]): a line with `:` but
            // no letter (8:30, 电话:0510) is searched for `://` before its runs are read.
            if may_hold_address(c)
                && (c.any_ascii(LETTERS) || memchr::memmem::find(line.as_bytes(), b"://").is_some())
            {
                addresses_in(text, base..base + line.len(), &mut addrs);
            }
            if may_hold_markup(c) {
                scan_line(base, line, markdown, &addrs, &mut found);
            }
        }
        let found = sort_and_merge(found);
        let protected = merge_protected(addrs, &found);
        Markup { found, protected }
    }
}

/// The lines of a text with their classes ([`crate::scan::line_classes`]) and starts.
#[derive(Clone, Copy)]
pub(crate) struct LinesWhere<'t> {
    pub text: &'t str,
    pub classes: &'t [Classes],
    /// Where each line begins.
    pub starts: &'t [usize],
}

impl<'t> LinesWhere<'t> {
    /// The lines whose classes pass `keep`: `(start, line with its \n, classes)`.
    pub(crate) fn matching(
        self,
        keep: impl Fn(Classes) -> bool + 't,
    ) -> impl Iterator<Item = (usize, &'t str, Classes)> + 't {
        let LinesWhere {
            text,
            classes,
            starts,
        } = self;
        classes
            .iter()
            .enumerate()
            .filter(move |(_, &c)| keep(c))
            .map(move |(k, &c)| {
                let s = starts[k];
                let e = starts.get(k + 1).copied().unwrap_or(text.len());
                (s, &text[s..e], c)
            })
    }
}

/// The first byte at or after `from` that is an ASCII byte of `mask`. Runs of non-ASCII
/// bytes (Chinese text) are skipped eight at a time without decoding: an ASCII byte
/// never occurs inside a multi-byte UTF-8 character.
pub(crate) fn next_ascii_in(b: &[u8], from: usize, mask: u128) -> Option<usize> {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut i = from;
    while let Some(w) = b.get(i..i + 8) {
        let w = u64::from_le_bytes(w.try_into().unwrap_or([0; 8]));
        // The high bit of each ASCII byte of the eight; each is looked at in turn, without
        // reading the word again (digits and spaces among Chinese text are common).
        let mut ascii = !w & HIGH;
        while ascii != 0 {
            let k = (ascii.trailing_zeros() / 8) as usize;
            if mask >> (w >> (8 * k) & 0x7F) & 1 != 0 {
                return Some(i + k);
            }
            ascii &= ascii - 1;
        }
        i += 8;
    }
    while i < b.len() {
        let x = b[i];
        if x < 0x80 && mask >> x & 1 != 0 {
            return Some(i);
        }
        i += 1;
    }
    None
}

/// ASCII bytes [`scan_line`] reacts to: the start of Markdown (`#`, fences, table rules,
/// `**`, `](`), HTML (`<`, `&`), LaTeX (`\`, `_`, `^`, `$`) and control characters (tab
/// and carriage return are looked at and let go, so they need not be here).
const MARKUP_ASCII: u128 = ascii_mask(b"#`~|*]<&\\_^$")
    | ((1u128 << 0x20) - 1) & !(1 << b'\t' | 1 << b'\n' | 1 << b'\r')
    | 1 << 0x7F;

/// Whether a line with these classes can hold markup or an invisible or broken character:
/// one of [`MARKUP_ASCII`], a zero-width or C1 control character (INVISIBLE), or U+FFFD.
fn may_hold_markup(c: Classes) -> bool {
    c.any_ascii(MARKUP_ASCII) || c.any(class::INVISIBLE | class::REPLACEMENT)
}

/// The findings of the lines sorted, overlaps dropped and debris back to back merged.
fn sort_and_merge(mut out: Vec<Found>) -> Vec<Found> {
    out.sort_by_key(|f| (f.span.start, std::cmp::Reverse(f.span.end)));
    let mut kept: Vec<Found> = Vec::with_capacity(out.len());
    for f in out {
        match kept.last_mut() {
            Some(k) if f.span.start < k.span.end => {}
            // Tags back to back (</p><p><br/>) are one piece of debris.
            // Tags back to back (</p><p><br/>) or entities (&nbsp;&nbsp;) are one piece of
            // debris.
            Some(k)
                if f.span.start == k.span.end
                    && k.report == f.report
                    && (is_tag(k.kind) && is_tag(f.kind)
                        || k.kind == Kind::Entity && f.kind == Kind::Entity) =>
            {
                k.span.end = f.span.end;
                if is_tag(k.kind) {
                    k.kind = Kind::HtmlTag;
                }
                k.fix = match (k.fix.take(), f.fix) {
                    (Some((a, sa)), Some((b, sb))) => Some((a + &b, sa && sb)),
                    _ => None,
                };
            }
            _ => kept.push(f),
        }
    }
    kept
}

fn is_tag(k: Kind) -> bool {
    matches!(k, Kind::HtmlTag | Kind::HtmlComment)
}

/// Ranges where no prose rule should look: addresses and every markup construct.
fn merge_protected(addrs: Vec<Range<usize>>, found: &[Found]) -> Vec<Range<usize>> {
    let mut r: Vec<Range<usize>> = addrs;
    r.extend(found.iter().map(|f| f.span.clone()));
    r.sort_by_key(|x| x.start);
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(r.len());
    for x in r {
        match merged.last_mut() {
            Some(m) if x.start <= m.end => m.end = m.end.max(x.end),
            _ => merged.push(x),
        }
    }
    merged
}

fn scan_line(
    base: usize,
    line: &str,
    markdown: bool,
    addrs: &[Range<usize>],
    out: &mut Vec<Found>,
) {
    let md = |span: Range<usize>, fix: Option<(String, bool)>| Found {
        span,
        kind: Kind::Markdown,
        report: !markdown,
        fix: if markdown { None } else { fix },
    };
    let body = line.trim_end_matches(['\n', '\r']);
    let lead = body.len() - body.trim_start_matches([' ', '\t', '\u{3000}']).len();
    let rest = &body[lead..];
    // Markdown at the start of a line: headings, code fences, table rules.
    let hashes = rest.bytes().take_while(|&c| c == b'#').count();
    if (1..=6).contains(&hashes) {
        let after = rest[hashes..].chars().next();
        // Not a hashtag (#我为群众办实事#).
        let hashtag = after.is_some_and(is_cjk) && rest[hashes..].contains('#');
        if matches!(after, Some(' ')) || after.is_some_and(is_cjk) && !hashtag {
            let spaces = rest[hashes..].len() - rest[hashes..].trim_start_matches(' ').len();
            let s = base + lead;
            out.push(md(s..s + hashes + spaces, Some((String::new(), true))));
        }
    }
    if rest.starts_with("```") || rest.starts_with("~~~") {
        out.push(md(base + lead..base + body.len(), None));
    }
    if is_table_rule(rest) {
        out.push(md(base + lead..base + body.len(), None));
    }
    scan_bold(base, body, &md, out);
    scan_links(base, body, &md, out);

    let b = body.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let pos = base + i;
        let c = b[i];
        if c >= 0x80 && !matches!(c, 0xC2 | 0xE2 | 0xEF) {
            // A character that cannot be a control, zero-width or replacement character
            // (those start with C2, E2 or EF): skip it whole without decoding.
            i += match c {
                0xF0.. => 4,
                0xE0.. => 3,
                _ => 2,
            };
            continue;
        }
        if !(0x20..0x80).contains(&c) || c == 0x7F {
            let ch = body[i..].chars().next().unwrap_or('\u{FFFD}');
            let n = ch.len_utf8();
            let kind = match ch as u32 {
                0x200B..=0x200D | 0x2060 => Some(Kind::ZeroWidth),
                0xFEFF if pos > 0 => Some(Kind::ZeroWidth),
                0xFFFD => Some(Kind::Replacement),
                0x00..=0x08 | 0x0B | 0x0C | 0x0E..=0x1F | 0x7F | 0x80..=0x9F => Some(Kind::Control),
                _ => None,
            };
            // A zero-width joiner inside an emoji sequence is legitimate.
            let emoji_zwj = ch == '\u{200D}'
                && (body[..i]
                    .chars()
                    .next_back()
                    .is_some_and(|p| p as u32 >= 0x1F000)
                    || body[i + n..]
                        .chars()
                        .next()
                        .is_some_and(|p| p as u32 >= 0x1F000));
            if let (Some(kind), false) = (kind, emoji_zwj) {
                // Merge a run of the same kind.
                let mut j = i + n;
                while let Some(nc) = body[j..].chars().next() {
                    let same = match kind {
                        Kind::ZeroWidth => matches!(nc as u32, 0x200B..=0x200D | 0x2060 | 0xFEFF),
                        Kind::Replacement => nc == '\u{FFFD}',
                        _ => {
                            matches!(nc as u32, 0x00..=0x08 | 0x0B | 0x0C | 0x0E..=0x1F | 0x7F | 0x80..=0x9F)
                        }
                    };
                    if !same {
                        break;
                    }
                    j += nc.len_utf8();
                }
                let fix = (kind != Kind::Replacement).then(|| (String::new(), true));
                out.push(Found {
                    span: pos..base + j,
                    kind,
                    report: true,
                    fix,
                });
                i = j;
                continue;
            }
            i += n;
            continue;
        }
        if in_ranges(addrs, pos) {
            i += 1;
            continue;
        }
        let found = match c {
            b'<' if !markdown => html_tag(body, i),
            b'&' if !markdown => entity(body, i),
            b'\\' => latex_command(body, i),
            b'_' | b'^' => sub_sup(body, i),
            b'$' => math(body, i),
            _ => None,
        };
        match found {
            Some((end, kind, fix)) => {
                out.push(Found {
                    span: pos..base + end,
                    kind,
                    report: true,
                    fix,
                });
                i = end;
            }
            None => i += 1,
        }
    }
}

type Match = Option<(usize, Kind, Option<(String, bool)>)>;

fn html_tag(s: &str, i: usize) -> Match {
    let b = s.as_bytes();
    if s[i..].starts_with("<!--") {
        // Bounded, and stopping at the next comment opener: the scan stays linear.
        let window = &b[i + 4..b.len().min(i + 4 + 2000)];
        let end = window.windows(3).position(|w| w == b"-->")?;
        if window[..end].windows(4).any(|w| w == b"<!--") {
            return None;
        }
        return Some((
            i + 4 + end + 3,
            Kind::HtmlComment,
            Some((String::new(), false)),
        ));
    }
    let mut j = i + 1;
    if b.get(j) == Some(&b'/') {
        j += 1;
    }
    let ns = j;
    while j < b.len() && (b[j].is_ascii_alphanumeric() || b[j] == b':') {
        j += 1;
    }
    let name = s[ns..j].to_ascii_lowercase();
    if !HTML_TAGS.contains(&name.as_str()) {
        return None;
    }
    match b.get(j) {
        Some(b'>') => j += 1,
        Some(b'/') if b.get(j + 1) == Some(&b'>') => j += 2,
        Some(b' ') | Some(b'\t') => {
            // Attributes up to '>', stopping at the next '<' (keeps the scan linear).
            let k = s[j..].find(['>', '<'])?;
            if b[j + k] != b'>' || k > 2000 {
                return None;
            }
            j += k + 1;
        }
        _ => return None,
    }
    // <br> and </p> may stand for line breaks: deleting them is left to the reader.
    let fix = if name == "br" || (name == "p" && s[i..j].starts_with("</")) {
        None
    } else {
        Some((String::new(), false))
    };
    Some((j, Kind::HtmlTag, fix))
}

fn entity(s: &str, i: usize) -> Match {
    let b = s.as_bytes();
    let mut j = i + 1;
    if b.get(j) == Some(&b'#') {
        j += 1;
        let hex = matches!(b.get(j), Some(b'x') | Some(b'X'));
        if hex {
            j += 1;
        }
        let ds = j;
        while j < b.len()
            && j - ds < 8
            && b[j].is_ascii_hexdigit()
            && (hex || b[j].is_ascii_digit())
        {
            j += 1;
        }
        if j == ds || b.get(j) != Some(&b';') {
            return None;
        }
        let v = u32::from_str_radix(&s[ds..j], if hex { 16 } else { 10 }).ok()?;
        let ch = char::from_u32(v)?;
        return Some((
            j + 1,
            Kind::Entity,
            Some((ch.to_string(), !ch.is_control())),
        ));
    }
    let ns = j;
    while j < b.len() && j - ns < 8 && b[j].is_ascii_alphanumeric() {
        j += 1;
    }
    let name = &s[ns..j];
    let (_, rep) = ENTITIES.iter().find(|(n, _)| *n == name)?;
    if b.get(j) == Some(&b';') {
        let safe = name != "nbsp" && !rep.trim().is_empty();
        return Some((j + 1, Kind::Entity, Some((rep.to_string(), safe))));
    }
    // `&nbsp` without its semicolon is debris too.
    if name == "nbsp" {
        return Some((j, Kind::Entity, Some((" ".into(), false))));
    }
    None
}

fn latex_command(s: &str, i: usize) -> Match {
    let b = s.as_bytes();
    let j = i + 1;
    match b.get(j) {
        Some(b'%' | b'_' | b'&' | b'#' | b'$') => {
            // An escaped character (50\%), after a digit, a letter or a CJK character.
            let prev_ok = s[..i]
                .chars()
                .next_back()
                .is_some_and(|p| p.is_ascii_alphanumeric() || is_cjk(p));
            let next_ok = b[j] != b'_'
                || s[j + 1..]
                    .chars()
                    .next()
                    .is_some_and(|c| !c.is_ascii_alphanumeric() || c.is_ascii_digit());
            if prev_ok && next_ok {
                return Some((j + 1, Kind::Latex, Some(((b[j] as char).to_string(), true))));
            }
            None
        }
        Some(b'\\') => {
            // A TeX line break `\\` left in prose: after a CJK character or mark, and
            // before one, a space or the line's end (not a UNC path `\\server\share`).
            let prev_ok = s[..i]
                .chars()
                .next_back()
                .is_some_and(|p| is_cjk(p) || is_cn_punct(p));
            let next_ok = s[j + 1..]
                .chars()
                .next()
                .is_none_or(|n| is_cjk(n) || is_cn_punct(n) || n.is_whitespace());
            (prev_ok && next_ok).then(|| (j + 1, Kind::Latex, Some((String::new(), false))))
        }
        Some(b'(' | b')' | b'[' | b']') => {
            // Inline or display math delimiters \( … \) and \[ … \].
            let prev = s[..i].chars().next_back();
            let next = s[j + 1..].chars().next();
            let near_math = prev
                .is_some_and(|p| p.is_ascii_alphanumeric() || is_cjk(p) || p == ' ')
                && next.is_some_and(|n| n.is_ascii_alphanumeric() || n == '\\' || is_cjk(n));
            near_math.then(|| (j + 1, Kind::Latex, Some((String::new(), false))))
        }
        Some(b'n' | b'r' | b't')
            if s[j + 1..]
                .chars()
                .next()
                .is_none_or(|n| is_cjk(n) || n == '\\')
                && s[..i].chars().next_back().is_some_and(is_cjk) =>
        {
            // A literal escape sequence from a JSON or program dump: 通知\n各单位.
            Some((j + 1, Kind::Escape, None))
        }
        Some(c) if c.is_ascii_alphabetic() => {
            let mut k = j;
            while k < b.len() && b[k].is_ascii_alphabetic() && k - j < 20 {
                k += 1;
            }
            let name = &s[j..k];
            if b.get(k) == Some(&b'{') && name.len() >= 2 {
                // \textbf{…}: the whole command with its argument when it closes nearby.
                if let Some(close) = s[k + 1..].find(['}', '{', '\\']).map(|x| x + k + 1) {
                    if b[close] == b'}' && close - k <= 200 {
                        let arg = &s[k + 1..close];
                        let rep = if matches!(
                            name,
                            "textbf"
                                | "textit"
                                | "emph"
                                | "text"
                                | "mathrm"
                                | "mathbf"
                                | "underline"
                                | "textrm"
                                | "mbox"
                        ) {
                            Some((arg.to_string(), false))
                        } else {
                            None
                        };
                        return Some((close + 1, Kind::Latex, rep));
                    }
                }
                return Some((k + 1, Kind::Latex, None));
            }
            let (_, rep) = LATEX_COMMANDS.iter().find(|(n, _)| *n == name)?;
            // Not a Windows path (C:\item\…).
            if b.get(k) == Some(&b'\\') && s[..i].ends_with(':') {
                return None;
            }
            Some((k, Kind::Latex, Some((rep.to_string(), false))))
        }
        _ => None,
    }
}

/// `_{2.5}`, `^{3}`, `m^3`, `PM_2.5`.
fn sub_sup(s: &str, i: usize) -> Match {
    let b = s.as_bytes();
    let sup = b[i] == b'^';
    let prev = s[..i].chars().next_back()?;
    if !(prev.is_ascii_alphanumeric() || prev == '}' || prev == ')' || is_cjk(prev)) {
        return None;
    }
    if b.get(i + 1) == Some(&b'{') {
        let close = s[i + 2..].find(['}', '{', '\n']).map(|x| x + i + 2)?;
        if b[close] != b'}' || close - i > 40 || close == i + 2 {
            return None;
        }
        let arg = &s[i + 2..close];
        let simple = arg.bytes().all(|c| c.is_ascii_digit() || c == b'.')
            || arg.len() == 1 && arg.as_bytes()[0].is_ascii_alphabetic();
        let rep = match (sup, arg) {
            (true, "2") => "²".to_string(),
            (true, "3") => "³".to_string(),
            (true, "\\circ") => "°".to_string(),
            _ => arg.to_string(),
        };
        let safe = simple && prev.is_ascii_alphabetic() && (!sup || rep != arg);
        return Some((close + 1, Kind::Latex, Some((rep, safe))));
    }
    let next = *b.get(i + 1)?;
    if !next.is_ascii_digit() {
        return None;
    }
    if sup {
        // m^3, m^2, 10^6: only after a letter or digit.
        if !prev.is_ascii_alphanumeric() {
            return None;
        }
        let rep = match (next, b.get(i + 2)) {
            (b'2', n) if !n.is_some_and(|c| c.is_ascii_digit()) => Some(("²".into(), false)),
            (b'3', n) if !n.is_some_and(|c| c.is_ascii_digit()) => Some(("³".into(), false)),
            _ => None,
        };
        let end = if rep.is_some() { i + 2 } else { i + 1 };
        return Some((end, Kind::Latex, rep));
    }
    // PM_2.5, SO_2: one to four capitals right before.
    let caps = s[..i]
        .bytes()
        .rev()
        .take_while(|c| c.is_ascii_uppercase())
        .count();
    let before = s[..i - caps].chars().next_back();
    if (1..=4).contains(&caps) && !before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_') {
        return Some((i + 1, Kind::Latex, Some((String::new(), false))));
    }
    None
}

/// `$…$` holding LaTeX (a backslash, a brace, ^ or _).
fn math(s: &str, i: usize) -> Match {
    let b = s.as_bytes();
    let dbl = b.get(i + 1) == Some(&b'$');
    let open = if dbl { 2 } else { 1 };
    let close = s[i + open..].find('$').map(|x| x + i + open)?;
    let inner = &s[i + open..close];
    if inner.is_empty() || inner.len() > 200 || inner.starts_with(' ') || inner.ends_with(' ') {
        return None;
    }
    let tex = inner
        .bytes()
        .any(|c| matches!(c, b'\\' | b'{' | b'}' | b'^' | b'_'));
    // Plain inline math ($x$, $n+1$) set between Chinese characters: no dollar amount is
    // written so, closed by a second $ and glued to Chinese on both sides.
    let cjk_side = |c: Option<char>| c.is_some_and(|c| is_cjk(c) || is_cn_punct(c));
    let glued = cjk_side(s[..i].chars().next_back())
        && cjk_side(s[close + 1..].trim_start_matches('$').chars().next())
        && inner.len() <= 40
        && inner.bytes().any(|c| c.is_ascii_alphabetic())
        && inner.bytes().all(|c| {
            c.is_ascii_alphanumeric()
                || matches!(
                    c,
                    b'+' | b'-'
                        | b'*'
                        | b'/'
                        | b'='
                        | b'<'
                        | b'>'
                        | b'('
                        | b')'
                        | b'.'
                        | b','
                        | b' '
                )
        });
    if !tex && !glued {
        return None;
    }
    let end = close
        + if dbl && b.get(close + 1) == Some(&b'$') {
            2
        } else {
            1
        };
    Some((end, Kind::Latex, None))
}

fn is_table_rule(rest: &str) -> bool {
    let t = rest.trim();
    t.contains('|')
        && t.contains("---")
        && t.bytes().all(|c| matches!(c, b'|' | b'-' | b':' | b' '))
}

/// `**bold**` pairs within a line. Masked names (张**、李**) are not bold.
fn scan_bold(
    base: usize,
    body: &str,
    md: &dyn Fn(Range<usize>, Option<(String, bool)>) -> Found,
    out: &mut Vec<Found>,
) {
    if !body.contains("**") {
        return;
    }
    let b = body.as_bytes();
    let mut runs = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'*' {
            let s = i;
            while i < b.len() && b[i] == b'*' {
                i += 1;
            }
            runs.push((s, i));
        } else {
            i += 1;
        }
    }
    let mut k = 0;
    while k + 1 < runs.len() {
        let (o, oe) = runs[k];
        let (c, ce) = runs[k + 1];
        if oe - o != 2 || ce - c != 2 {
            k += 1;
            continue;
        }
        let inner = &body[oe..c];
        let first = inner.chars().next();
        let last = inner.chars().next_back();
        let prev = body[..o].chars().next_back();
        let len = inner.chars().count();
        // Masked names and places (王**、李**, **市**区) put the stars right after a Han
        // character or around a single one: bold opens at the start of the line or after
        // punctuation, and holds two characters or more.
        let ok = first
            .is_some_and(|f| !f.is_whitespace() && !is_cn_punct(f) && !f.is_ascii_punctuation())
            && last.is_some_and(|l| !l.is_whitespace())
            && (2..=60).contains(&len)
            && !prev.is_some_and(|p| is_han(p) || p.is_ascii_alphanumeric());
        if ok {
            out.push(md(base + o..base + oe, Some((String::new(), true))));
            out.push(md(base + c..base + ce, Some((String::new(), true))));
            k += 2;
        } else {
            k += 1;
        }
    }
}

/// `[text](url)` links.
fn scan_links(
    base: usize,
    body: &str,
    md: &dyn Fn(Range<usize>, Option<(String, bool)>) -> Found,
    out: &mut Vec<Found>,
) {
    let mut from = 0;
    while let Some(p) = body[from..].find("](").map(|x| x + from) {
        from = p + 2;
        let Some(open) = body[..p].rfind(['[', ']']) else {
            continue;
        };
        if body.as_bytes()[open] != b'[' || p - open > 400 {
            continue;
        }
        let Some(close) = body[p + 2..].find([')', ' ', '(']).map(|x| x + p + 2) else {
            continue;
        };
        if body.as_bytes()[close] != b')' {
            continue;
        }
        let url = &body[p + 2..close];
        let urlish = url.contains("://")
            || url.starts_with("www.")
            || url.starts_with('/')
            || url.starts_with('#')
            || url.contains('.');
        if !urlish || url.bytes().any(|c| c >= 0x80) && !url.contains("://") {
            continue;
        }
        let text = body[open + 1..p].to_string();
        out.push(md(base + open..base + close + 1, Some((text, false))));
        from = close + 1;
    }
}

fn check(ctx: &Ctx, out: &mut Findings) {
    for f in &ctx.markup().found {
        if !f.report {
            continue;
        }
        let shown = ctx.slice(&f.span);
        let code = |s: &str| {
            s.chars()
                .map(|c| format!("U+{:04X}", c as u32))
                .collect::<Vec<_>>()
                .join(" ")
        };
        let short: Cow<str> = if shown.chars().count() > 40 {
            Cow::Owned(shown.chars().take(37).collect::<String>() + "…")
        } else {
            Cow::Borrowed(shown)
        };
        let (zh, en) = match f.kind {
            Kind::HtmlTag => (
                out.zh(|| format!("HTML 标签残留“{short}”")),
                out.en(|| format!("leftover HTML tag `{short}`")),
            ),
            Kind::HtmlComment => (
                out.zh(|| format!("HTML 注释残留“{short}”")),
                out.en(|| format!("leftover HTML comment `{short}`")),
            ),
            Kind::Entity => (
                out.zh(|| format!("HTML 字符实体残留“{short}”")),
                out.en(|| format!("leftover HTML entity `{short}`")),
            ),
            Kind::Latex => (
                out.zh(|| format!("LaTeX 标记残留“{short}”")),
                out.en(|| format!("leftover LaTeX markup `{short}`")),
            ),
            Kind::Escape => (
                out.zh(|| format!("转义序列残留“{short}”（原为换行或制表符）")),
                out.en(|| format!("leftover escape sequence `{short}` (a newline or tab once)")),
            ),
            Kind::Markdown => (
                out.zh(|| format!("纯文本中残留 Markdown 标记“{short}”")),
                out.en(|| format!("Markdown markup `{short}` in a plain-text notice")),
            ),
            Kind::ZeroWidth => (
                out.zh(|| format!("零宽字符 {}（不可见，影响检索和比对）", code(shown))),
                out.en(|| format!(
                    "zero-width character {} (invisible; breaks search and comparison)",
                    code(shown)
                )),
            ),
            Kind::Control => (
                out.zh(|| format!("控制字符 {}", code(shown))),
                out.en(|| format!("control character {}", code(shown))),
            ),
            Kind::Replacement => (
                out.zh(|| "替换字符 U+FFFD：原字符在转码时已丢失，须对照原件补正"),
                out.en(|| "replacement character U+FFFD: the original character was lost in a conversion; restore it from the source"),
            ),
        };
        let q = Quick::new(f.span.clone(), &zh, &en);
        let Some((rep, safe)) = &f.fix else {
            out.push_quick(&RULE, q);
            continue;
        };
        let (fzh, fen) = if rep.is_empty() {
            (Cow::Borrowed("删除"), Cow::Borrowed("delete it"))
        } else {
            (
                out.zh(|| format!("改为“{rep}”")),
                out.en(|| format!("replace with `{rep}`")),
            )
        };
        let edits = [(f.span.clone(), rep.into())];
        let applicability = if *safe {
            Applicability::Safe
        } else {
            Applicability::Unsafe
        };
        out.push_quick(&RULE, q.fix(applicability, &fzh, &fen, &edits));
    }
}

#[cfg(test)]
mod tests {
    use crate::{check as lint, Options};

    fn hits(text: &str) -> Vec<String> {
        lint(text, &Options::default())
            .into_iter()
            .filter(|d| d.rule == "markup-artifact")
            .map(|d| text[d.span].to_string())
            .collect()
    }

    fn hits_md(text: &str) -> usize {
        let o = Options {
            markdown: true,
            ..Options::default()
        };
        lint(text, &o)
            .into_iter()
            .filter(|d| d.rule == "markup-artifact")
            .count()
    }

    #[test]
    fn latex() {
        assert_eq!(hits("全区PM_{2.5}平均浓度27.0微克/立方米。"), ["_{2.5}"]);
        assert_eq!(hits("增长50\\%。"), ["\\%"]);
        assert_eq!(hits("\\textbf{重点}任务"), ["\\textbf{重点}"]);
        assert_eq!(hits("面积100m^{2}，体积3m^3。"), ["^{2}", "^3"]);
        assert_eq!(hits("公式$x^2+y$成立"), ["$x^2+y$"]);
        assert_eq!(hits("重点$x$任务，坚决\\\\防止反弹。"), ["$x$", "\\\\"]);
        assert_eq!(hits("第$n+1$年"), ["$n+1$"]);
        assert!(hits("售价$5，折合$3。价格US$12 and $x$ here").is_empty());
        assert!(hits("共享目录：\\\\server\\share，路径C:\\data").is_empty());
    }

    #[test]
    fn html() {
        assert_eq!(
            hits("<p style=\"text-align: right;\">山西省人民政府</p><br/>"),
            ["<p style=\"text-align: right;\">", "</p><br/>"]
        );
        assert_eq!(hits("各单位:&nbsp;现将&amp;方案"), ["&nbsp;", "&amp;"]);
        assert!(hits("PM2.5<35微克/立方米，x<y，p<0.05").is_empty());
        assert!(hits("研发&创新，R&D").is_empty());
    }

    #[test]
    fn markdown() {
        assert_eq!(hits("## 一、总体要求\n"), ["## "]);
        assert_eq!(hits("**一、总体要求**\n"), ["**", "**"]);
        assert_eq!(
            hits("详见[通知](https://www.gov.cn/a.html)。"),
            ["[通知](https://www.gov.cn/a.html)"]
        );
        assert_eq!(hits_md("## 一、总体要求\n\n**重点**\n"), 0);
        // Masked names and ID numbers are not bold.
        assert!(hits("当事人王**、李**于2023年，身份证号3201**********1234。").is_empty());
        assert!(hits("#1楼、#2楼").is_empty());
        assert!(hits("当事人王**和李**同志，**市**区").is_empty());
        assert!(hits("#我为群众办实事#主题活动").is_empty());
        assert_eq!(hits("工作要求。**务必按时**完成"), ["**", "**"]);
    }

    #[test]
    fn invisible() {
        assert_eq!(hits("整改\u{200B}\u{200B}落实"), ["\u{200B}\u{200B}"]);
        assert_eq!(hits("整改\u{0C}落实\u{FFFD}"), ["\u{0C}", "\u{FFFD}"]);
        assert!(hits("\u{FEFF}通知").is_empty());
        assert!(hits("行一\r\n行二\t。").is_empty());
    }

    #[test]
    fn addresses_are_not_markup() {
        assert!(hits("网址:https://a.gov.cn/x_1/index.html?a=1&b=2").is_empty());
        assert!(hits("邮箱 snxc_1@example.gov.cn").is_empty());
    }

    #[test]
    fn ascii_skip_finds_what_a_byte_loop_finds() {
        let t = "关于2024年度PM2.5（一）,测试.abc中文:x;y?z!(1)\n末尾。。a";
        let b = t.as_bytes();
        for mask in [
            super::LETTERS,
            crate::scan::ascii_mask(b",.:;?!()"),
            u128::MAX,
        ] {
            let naive: Vec<usize> = (0..b.len())
                .filter(|&i| b[i] < 0x80 && mask >> b[i] & 1 != 0)
                .collect();
            let mut fast = Vec::new();
            let mut i = 0;
            while let Some(j) = super::next_ascii_in(b, i, mask) {
                fast.push(j);
                i = j + 1;
            }
            assert_eq!(fast, naive);
        }
    }

    #[test]
    fn address_mask_is_the_address_characters() {
        for b in 0..=255u8 {
            let in_mask = b < 0x80 && super::ADDR_CHARS >> b & 1 != 0;
            assert_eq!(super::is_addr_char(b), in_mask, "{b:#x}");
        }
    }

    #[test]
    fn no_panic_no_quadratic() {
        let s = "<p ".repeat(20_000)
            + &"$_{".repeat(20_000)
            + &"**".repeat(20_000)
            + &"&#".repeat(20_000)
            + "\\";
        let _ = hits(&s);
        let big = "中".repeat(300_000) + "<br>";
        assert_eq!(hits(&big).len(), 1);
    }
}
