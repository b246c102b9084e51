//! Defect injection: take a correct notice, put one known defect in it, and say where.
//!
//! Used by `tests/quality.rs` (the recall gate) and `examples/quality.rs` (the report).
//! Deterministic: every choice comes from a seeded SplitMix64.

#![allow(dead_code)]

use std::ops::Range;

use noticelint::numeral;
use noticelint::places::GAZETTEER;
use noticelint::quantity;
use noticelint::tree::{self, ItemId, Kind, Role};

/// A seeded random number generator (SplitMix64).
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
    pub fn pick<T: Clone>(&mut self, v: &[T]) -> Option<T> {
        if v.is_empty() {
            None
        } else {
            Some(v[self.below(v.len())].clone())
        }
    }
}

/// One injected defect.
#[derive(Debug, Clone)]
pub struct Injected {
    pub kind: &'static str,
    /// The rule that must find it.
    pub rule: &'static str,
    pub text: String,
    /// Where the defect is in `text`.
    pub span: Range<usize>,
}

/// Every kind of injection and the rule that must catch it.
pub const KINDS: &[(&str, &str)] = &[
    ("issuer-signature", "issuer-mismatch"),
    ("issuer-body", "issuer-mismatch"),
    ("issuer-signature-body", "issuer-mismatch"),
    ("numbering-skip", "numbering-gap"),
    ("numbering-repeat", "numbering-duplicate"),
    ("numbering-restart", "numbering-restart"),
    ("count-declared", "count-mismatch"),
    ("count-etc", "count-mismatch"),
    ("sum-total", "sum-mismatch"),
    ("percent", "percent-mismatch"),
    ("date-impossible", "date-invalid"),
    ("cut-paragraph", "truncated-paragraph"),
    ("page-marker", "page-marker"),
    ("repeat-clause", "repeated-phrase"),
    ("double-char", "duplicate-char"),
    ("double-word", "duplicate-char"),
    ("copy-sentence", "duplicate-sentence"),
    ("drop-close-mark", "unbalanced-pair"),
    ("halfwidth-comma", "halfwidth-punctuation"),
    ("english-word", "foreign-word"),
    ("markup", "markup-artifact"),
    ("docnum-bracket", "doc-number-format"),
    ("cn-zero-date", "chinese-zero"),
    ("range-hyphen", "range-mark"),
    ("date-leading-zero", "date-format"),
    ("cn-digit-space", "stray-space"),
    ("title-twice", "duplicated-title"),
    ("title-drop-wenzhong", "title-form"),
];

fn is_han(c: char) -> bool {
    matches!(c as u32, 0x4E00..=0x9FFF)
}

/// The sentences (ending in 。 or ；) of the body paragraphs, as byte ranges.
fn body_sentences(text: &str, n: &tree::Notice) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    for (_, p) in n.body() {
        let mut start = p.span.start;
        for sent in text[p.span.clone()].split_inclusive(['。', '；']) {
            out.push(start..start + sent.len());
            start += sent.len();
        }
    }
    out
}

fn splice(text: &str, range: Range<usize>, with: &str) -> (String, Range<usize>) {
    let mut s = String::with_capacity(text.len() + with.len());
    s.push_str(&text[..range.start]);
    s.push_str(with);
    s.push_str(&text[range.end..]);
    (s, range.start..range.start + with.len())
}

/// Byte offsets inside body paragraphs where the characters on both sides are Han.
fn han_gaps(text: &str, n: &tree::Notice) -> Vec<usize> {
    let mut v = Vec::new();
    for (_, p) in n.body() {
        let s = &text[p.span.clone()];
        let mut prev: Option<char> = None;
        for (i, c) in s.char_indices() {
            if prev.is_some_and(is_han) && is_han(c) {
                v.push(p.span.start + i);
            }
            prev = Some(c);
        }
    }
    v
}

fn marker_text(kind: Kind, written: &str, v: u64) -> String {
    tree::marker_with_value(written, kind, v)
}

/// Inject one defect of `kind` into `text`; `None` when the notice offers no place for it.
pub fn inject(kind: &'static str, text: &str, rng: &mut Rng) -> Option<Injected> {
    let n = tree::parse(text);
    let rule = KINDS.iter().find(|k| k.0 == kind)?.1;
    let done = |(t, span): (String, Range<usize>)| {
        Some(Injected {
            kind,
            rule,
            text: t,
            span,
        })
    };
    match kind {
        "issuer-signature" | "issuer-body" => {
            let g = &GAZETTEER;
            let title = &text[n.paragraphs[n.title?].span.clone()];
            let head = &title[..title.find("关于")?];
            // The title's innermost place.
            let mut at = 0;
            let mut last = None;
            while at < head.len() {
                match g.longest_at(head, at) {
                    Some((r, ids)) => {
                        last = Some((head[r.clone()].to_string(), ids[0]));
                        at = r.end;
                    }
                    None => at += head[at..].chars().next()?.len_utf8(),
                }
            }
            let (written, id) = last?;
            let place = g.get(id);
            let sibs: Vec<_> = g
                .children(place.parent_code())
                .iter()
                .copied()
                .filter(|&s| s != id && g.get(s).name.chars().count() >= 3)
                .collect();
            let sib = g.get(rng.pick(&sibs)?);
            let replacement = if Some(written.as_str()) == place.short {
                sib.short.unwrap_or(sib.name)
            } else {
                sib.name
            };
            let org_after = &head[head.find(&written)? + written.len()..];
            let org: String = org_after
                .trim_start_matches(['区', '县', '市'])
                .chars()
                .take(4)
                .collect();
            let paras: Vec<usize> = if kind == "issuer-signature" {
                n.signature.clone()
            } else {
                n.body().map(|(i, _)| i).collect()
            };
            let mut sites = Vec::new();
            for i in paras {
                let ps = n.paragraphs[i].span.clone();
                let s = &text[ps.clone()];
                for (off, _) in s.match_indices(written.as_str()) {
                    let after = &s[off + written.len()..];
                    let after = after.trim_start_matches(['区', '县', '市']);
                    if kind == "issuer-signature"
                        || (!org.is_empty() && after.starts_with(org.as_str()))
                    {
                        sites.push(ps.start + off..ps.start + off + written.len());
                    }
                }
            }
            let site = rng.pick(&sites)?;
            done(splice(text, site, replacement))
        }
        "issuer-signature-body" => {
            // Another body of the same place signs: the body's name after the place in a
            // signature line becomes another bureau's.
            const BODIES: [&str; 6] = [
                "教育局",
                "财政局",
                "民政局",
                "司法局",
                "交通运输局",
                "农业农村局",
            ];
            let g = &GAZETTEER;
            // Only where the title names its issuer (… 关于 …): a title that names a
            // subject (2023年…公报, …办法) leaves the signature nothing to disagree with.
            let title = &text[n.paragraphs[n.title?].span.clone()];
            let head = &title[..title.find("关于")?];
            g.longest_at(head, 0)
                .or_else(|| g.longest_at(head, head.find(['市', '省'])?))?;
            let mut sites = Vec::new();
            for &i in &n.signature {
                let ps = n.paragraphs[i].span.clone();
                let s = &text[ps.clone()];
                // The last place written in the line, then the body's name to the end.
                let mut at = 0;
                let mut end = None;
                while at < s.len() {
                    match g.longest_at(s, at) {
                        Some((r, ids)) => {
                            let full = g.get(ids[0]).name;
                            at = r.end;
                            if let Some(c) = s[at..].chars().next() {
                                if "区县市".contains(c) && full.ends_with(c) {
                                    at += c.len_utf8();
                                }
                            }
                            end = Some(at);
                        }
                        None => at += s[at..].chars().next()?.len_utf8(),
                    }
                }
                let Some(org_start) = end else { continue };
                let org = &s[org_start..];
                if org.chars().count() < 2
                    || !org.ends_with(['局', '委', '会', '组', '厅', '室', '府'])
                {
                    continue;
                }
                sites.push((ps.start + org_start..ps.end, org.to_string()));
            }
            let (site, org) = rng.pick(&sites)?;
            let others: Vec<&str> = BODIES
                .iter()
                .copied()
                .filter(|b| !org.contains(&b[..b.len() - 3]) && !head.contains(&b[..b.len() - 3]))
                .collect();
            let body = rng.pick(&others)?;
            done(splice(text, site, body))
        }
        "numbering-skip" | "numbering-repeat" | "numbering-restart" => {
            let groups: Vec<_> = n.groups.iter().filter(|g| g.items.len() >= 3).collect();
            let g = rng.pick(&groups)?;
            let k = 1 + rng.below(g.items.len() - 1);
            let k = if kind == "numbering-restart" {
                k.max(2)
            } else {
                k
            };
            if k >= g.items.len() {
                return None;
            }
            let item = n.item(g.items[k]);
            if kind == "numbering-restart" {
                let prev_para = text[..n.paragraphs[item.paragraph as usize].span.start].trim_end();
                if prev_para.ends_with(['：', ':']) {
                    return None;
                }
            }
            let mut t = text.to_string();
            let mut span = 0..0;
            // Rewrite from the last item backwards so earlier offsets stay valid.
            let items: Vec<ItemId> = match kind {
                "numbering-skip" => g.items[k..].to_vec(),
                _ => vec![g.items[k]],
            };
            for &id in items.iter().rev() {
                let it = n.item(id);
                let written = &text[it.marker.clone()];
                let v = match kind {
                    "numbering-skip" => it.value + 1,
                    "numbering-repeat" => n.item(g.items[k - 1]).value,
                    _ => 1,
                };
                let (nt, sp) = splice(&t, it.marker.clone(), &marker_text(it.kind, written, v));
                t = nt;
                span = sp;
            }
            Some(Injected {
                kind,
                rule,
                text: t,
                span,
            })
        }
        "count-declared" | "count-etc" => {
            let mut sites = Vec::new();
            for (_, p) in n.body() {
                for q in quantity::scan(text, p.span.clone()) {
                    if q.approx
                        || q.value.fract() != 0.0
                        || !matches!(q.unit, "个" | "项" | "类" | "方面" | "条")
                    {
                        continue;
                    }
                    let before = &text[p.span.start..q.span.start];
                    let v = q.value as u64;
                    let is_ar = text[q.num.clone()].chars().all(|c| c.is_ascii_digit());
                    let fmt = |v: u64| {
                        if is_ar {
                            v.to_string()
                        } else {
                            numeral::to_cn(v)
                        }
                    };
                    if kind == "count-declared"
                        && (before.ends_with("以下") || before.ends_with("如下"))
                    {
                        sites.push((q.num.clone(), fmt(v + 1)));
                    }
                    if kind == "count-etc" && before.ends_with('等') && v >= 2 {
                        // Only where the names listed are exactly N (so N−1 is a real defect).
                        let clause = before.rsplit(['，', '。', '；', '：']).next().unwrap_or("");
                        if clause.matches('、').count() as u64 + 1 == v {
                            sites.push((q.num.clone(), fmt(v - 1)));
                        }
                    }
                }
            }
            let (r, w) = rng.pick(&sites)?;
            done(splice(text, r, &w))
        }
        "sum-total" => {
            let mut sites = Vec::new();
            for range in body_sentences(text, &n) {
                let qs: Vec<_> = quantity::scan(text, range)
                    .into_iter()
                    .filter(|q| !q.is_percent() && !q.approx)
                    .collect();
                for (w, whole) in qs.iter().enumerate() {
                    let same: Vec<_> = qs[w + 1..]
                        .iter()
                        .filter(|q| q.unit == whole.unit)
                        .collect();
                    for len in 2..=same.len() {
                        let sum: f64 = same[..len].iter().map(|q| q.value).sum();
                        let written = &text[whole.num.clone()];
                        if (sum - whole.value).abs() < 1e-9
                            && written.chars().all(|c| c.is_ascii_digit())
                        {
                            // One less, as written (4860万元 → 4859万元).
                            if let Some(v) = written.parse::<u64>().ok().filter(|v| *v > 2) {
                                sites.push((whole.num.clone(), (v - 1).to_string()));
                            }
                        }
                    }
                }
            }
            let (r, w) = rng.pick(&sites)?;
            done(splice(text, r, &w))
        }
        "percent" => {
            let mut sites = Vec::new();
            for range in body_sentences(text, &n) {
                let qs = quantity::scan(text, range);
                for (i, pc) in qs.iter().enumerate().filter(|(_, q)| q.is_percent()) {
                    let counts: Vec<_> = qs[..i]
                        .iter()
                        .filter(|q| !q.is_percent() && q.value > 0.0)
                        .collect();
                    let scale = 10f64.powi(pc.decimals as i32);
                    let matched = counts.iter().any(|a| {
                        counts.iter().any(|b| {
                            b.value > 0.0
                                && ((a.value / b.value * 100.0 * scale).round() - pc.value * scale)
                                    .abs()
                                    < 0.5
                        })
                    });
                    if matched && pc.value > 10.0 && pc.value < 90.0 {
                        let v = pc.value - 7.0;
                        sites.push((pc.num.clone(), format!("{:.*}", pc.decimals, v)));
                    }
                }
            }
            let (r, w) = rng.pick(&sites)?;
            done(splice(text, r, &w))
        }
        "date-impossible" => {
            let mut sites = Vec::new();
            for (_, p) in n.body() {
                let s = &text[p.span.clone()];
                for (i, _) in s.match_indices('月') {
                    let m: String = s[..i]
                        .chars()
                        .rev()
                        .take_while(|c| c.is_ascii_digit())
                        .collect::<Vec<_>>()
                        .into_iter()
                        .rev()
                        .collect();
                    let rest = &s[i + 3..];
                    let d: String = rest.chars().take_while(|c| c.is_ascii_digit()).collect();
                    if m.is_empty() || d.is_empty() || !rest[d.len()..].starts_with('日') {
                        continue;
                    }
                    let Ok(mv) = m.parse::<u32>() else { continue };
                    let bad = match mv {
                        2 => "30",
                        4 | 6 | 9 | 11 => "31",
                        1..=12 => "32",
                        _ => continue,
                    };
                    let ds = p.span.start + i + 3;
                    sites.push((ds..ds + d.len(), bad.to_string()));
                }
            }
            let (r, w) = rng.pick(&sites)?;
            done(splice(text, r, &w))
        }
        "cut-paragraph" => {
            let mut sites = Vec::new();
            for (_, p) in n.body() {
                if p.heading.is_some() {
                    continue;
                }
                let s = &text[p.span.clone()];
                if s.chars().count() < 60
                    || !s.ends_with('。')
                    || s.contains("电话")
                    || s.starts_with("联系")
                {
                    continue;
                }
                // A cut between two Han characters in the middle of a sentence.
                let cuts: Vec<usize> = s
                    .char_indices()
                    .zip(s.chars().skip(1))
                    .filter(|((i, c), d)| {
                        *i > s.len() / 4 && *i < s.len() * 3 / 4 && is_han(*c) && is_han(*d)
                    })
                    .map(|((i, c), _)| p.span.start + i + c.len_utf8())
                    .collect();
                sites.extend(cuts);
            }
            let cut = rng.pick(&sites)?;
            // The page break: the paragraph stops, the rest becomes a paragraph of its own.
            let (t, _) = splice(text, cut..cut, "\n\n");
            let ls = text[..cut]
                .chars()
                .next_back()
                .map_or(cut, |c| cut - c.len_utf8());
            Some(Injected {
                kind,
                rule,
                text: t,
                span: ls..cut,
            })
        }
        "page-marker" => {
            let paras: Vec<_> = n
                .body()
                .filter(|(_, p)| p.heading.is_none())
                .map(|(i, _)| i)
                .collect();
            let i = rng.pick(&paras)?;
            let end = n.paragraphs[i].span.end;
            let page = 2 + rng.below(14);
            let m = format!("（下转第{page}版）");
            done(splice(text, end..end, &m))
        }
        "repeat-clause" => {
            let mut sites = Vec::new();
            for (_, p) in n.body() {
                let s = &text[p.span.clone()];
                let mut prev = 0;
                for (i, c) in s.char_indices() {
                    if c == '，' {
                        let clause = &s[prev..i + c.len_utf8()];
                        if clause.chars().filter(|c| is_han(*c)).count() >= 6
                            && !clause.contains(['“', '”', '《', '》', '（', '）'])
                        {
                            sites.push((p.span.start + prev, clause.to_string()));
                        }
                        prev = i + c.len_utf8();
                    } else if matches!(c, '。' | '；' | '：') {
                        prev = i + c.len_utf8();
                    }
                }
            }
            let (at, clause) = rng.pick(&sites)?;
            let (t, _) = splice(text, at..at, &clause);
            Some(Injected {
                kind,
                rule,
                text: t,
                span: at + clause.len()..at + 2 * clause.len(),
            })
        }
        "double-char" => {
            // Function words and verbs that never reduplicate.
            const CHARS: &str = "的在对将把从为与及进行加强推动开展落实建设管理";
            let mut sites = Vec::new();
            for (_, p) in n.body() {
                let s = &text[p.span.clone()];
                let mut prev = None;
                for (i, c) in s.char_indices() {
                    if CHARS.contains(c) && prev.is_some_and(is_han) && prev != Some(c) {
                        let next = s[i + c.len_utf8()..].chars().next();
                        if next.is_some_and(is_han) && next != Some(c) {
                            sites.push((p.span.start + i, c));
                        }
                    }
                    prev = Some(c);
                }
            }
            let (at, c) = rng.pick(&sites)?;
            let (t, _) = splice(text, at..at, &c.to_string());
            Some(Injected {
                kind,
                rule,
                text: t,
                span: at..at + 2 * c.len_utf8(),
            })
        }
        "double-word" => {
            const WORDS: &[&str] = &[
                "整改", "工作", "检查", "落实", "推进", "加强", "管理", "开展", "完成", "建设",
                "监督", "制度",
            ];
            let mut sites = Vec::new();
            for (_, p) in n.body() {
                let s = &text[p.span.clone()];
                for w in WORDS {
                    for (i, _) in s.match_indices(w) {
                        if s[i + w.len()..].starts_with(w) || s[..i].ends_with(w) {
                            continue;
                        }
                        sites.push((p.span.start + i, *w));
                    }
                }
            }
            let (at, w) = rng.pick(&sites)?;
            let (t, _) = splice(text, at..at, w);
            Some(Injected {
                kind,
                rule,
                text: t,
                span: at..at + 2 * w.len(),
            })
        }
        "copy-sentence" => {
            let body: Vec<usize> = n
                .body()
                .filter(|(_, p)| p.heading.is_none())
                .map(|(i, _)| i)
                .collect();
            if body.len() < 4 {
                return None;
            }
            let a = rng.below(body.len() - 3);
            let pa = &n.paragraphs[body[a]];
            let s = &text[pa.span.clone()];
            let sents: Vec<&str> = s
                .split_inclusive('。')
                .filter(|x| x.chars().filter(|c| is_han(*c)).count() >= 15 && x.ends_with('。'))
                // Labelled lines (责任单位：…) are repeated on purpose in notices.
                .filter(|x| !x.chars().take(8).any(|c| c == '：'))
                .collect();
            let sent = rng.pick(&sents)?;
            let b = body[a + 3 + rng.below(body.len() - a - 3)];
            let end = n.paragraphs[b].span.end;
            let (t, sp) = splice(text, end..end, sent);
            Some(Injected {
                kind,
                rule,
                text: t,
                span: sp,
            })
        }
        "drop-close-mark" => {
            let mut sites = Vec::new();
            for (_, p) in n.body() {
                let s = &text[p.span.clone()];
                for (open, close) in [('《', '》'), ('“', '”')] {
                    for (i, _) in s.match_indices(open) {
                        if let Some(j) = s[i..].find(close) {
                            let inner = &s[i + 3..i + j];
                            if !inner.contains(open) && !inner.contains(close) {
                                sites.push((p.span.start + i, p.span.start + i + j));
                            }
                        }
                    }
                }
            }
            let (o, c) = rng.pick(&sites)?;
            let (t, _) = splice(text, c..c + 3, "");
            Some(Injected {
                kind,
                rule,
                text: t,
                span: o..o + 3,
            })
        }
        "halfwidth-comma" => {
            let mut sites = Vec::new();
            for (_, p) in n.body() {
                let s = &text[p.span.clone()];
                for (i, _) in s.match_indices('，') {
                    let b = s[..i].chars().next_back();
                    let a = s[i + 3..].chars().next();
                    if b.is_some_and(is_han) && a.is_some_and(is_han) {
                        sites.push(p.span.start + i);
                    }
                }
            }
            let at = rng.pick(&sites)?;
            done(splice(text, at..at + 3, ","))
        }
        "english-word" => {
            const WORDS: &[&str] = &[
                "watershed",
                "inspection",
                "and",
                "environment",
                "rectification",
                "the",
                "management",
                "project",
            ];
            let gaps = han_gaps(text, &n);
            let at = rng.pick(&gaps)?;
            let w = rng.pick(WORDS)?;
            let ins = format!(" {w} ");
            let (t, _) = splice(text, at..at, &ins);
            Some(Injected {
                kind,
                rule,
                text: t,
                span: at + 1..at + 1 + w.len(),
            })
        }
        "markup" => {
            const BITS: &[&str] = &[
                "\\textbf{",
                "<br>",
                "\u{200B}",
                "&nbsp;",
                "$x$",
                "</p>",
                "\\\\",
            ];
            let gaps = han_gaps(text, &n);
            let at = rng.pick(&gaps)?;
            let b = rng.pick(BITS)?;
            done(splice(text, at..at, b))
        }
        "docnum-bracket" => {
            // A 文号 (the notice's own or a cited one) with its year in [] or 【】.
            let mut sites = Vec::new();
            for (i, _) in text.match_indices('〔') {
                let y = &text[i + 3..];
                if y.len() > 7
                    && y.as_bytes()[..4].iter().all(u8::is_ascii_digit)
                    && y[4..].starts_with('〕')
                {
                    sites.push((i, y[..4].to_string()));
                }
            }
            let (at, year) = rng.pick(&sites)?;
            let w = if rng.below(2) == 0 {
                format!("[{year}]")
            } else {
                format!("【{year}】")
            };
            done(splice(text, at..at + 3 + 4 + 3, &w))
        }
        "cn-zero-date" => {
            // The 成文日期 written in Chinese numerals with ○ or O for the zero.
            let p = &n.paragraphs[n.date?];
            let s = &text[p.span.clone()];
            let (y, rest) = s.split_once('年')?;
            let (m, rest) = rest.split_once('月')?;
            let d = rest.strip_suffix('日')?;
            if y.len() != 4 || !y.contains('0') {
                return None;
            }
            let zero = if rng.below(2) == 0 { '○' } else { 'O' };
            let cy: String = y
                .chars()
                .map(|c| match c.to_digit(10)? {
                    0 => Some(zero),
                    v => numeral::to_cn(v as u64).chars().next(),
                })
                .collect::<Option<String>>()?;
            let cm = numeral::to_cn(m.parse().ok()?);
            let cd = numeral::to_cn(d.parse().ok()?);
            let w = format!("{cy}年{cm}月{cd}日");
            let (t, _) = splice(text, p.span.clone(), &w);
            Some(Injected {
                kind,
                rule,
                text: t,
                span: p.span.start..p.span.start + cy.len(),
            })
        }
        "range-hyphen" => {
            // The dash of a range of years, dates, times or quantities made a hyphen.
            let mut sites = Vec::new();
            for (_, p) in n.body() {
                let s = &text[p.span.clone()];
                for (i, _) in s.match_indices('—') {
                    let before = s[..i].chars().next_back();
                    let after = s[i + 3..].chars().next();
                    let unit_left = matches!(before, Some('年' | '月' | '日'))
                        && s[..i - 3]
                            .bytes()
                            .next_back()
                            .is_some_and(|b| b.is_ascii_digit());
                    if !(before.is_some_and(|c| c.is_ascii_digit()) || unit_left)
                        || !after.is_some_and(|c| c.is_ascii_digit())
                    {
                        continue;
                    }
                    // Not a standard's year (GB 17761—2018, DB32/1072—2018).
                    let lead = s[..i].trim_end_matches(|c: char| c.is_ascii_digit());
                    if lead.ends_with(|c: char| c.is_ascii_alphanumeric() || c == '/' || c == ' ') {
                        continue;
                    }
                    sites.push(p.span.start + i);
                }
            }
            let at = rng.pick(&sites)?;
            done(splice(text, at..at + 3, "-"))
        }
        "date-leading-zero" => {
            // The 成文日期 with a leading zero on its month or day (2024年03月12日).
            let p = &n.paragraphs[n.date?];
            let s = &text[p.span.clone()];
            let (y, rest) = s.split_once('年')?;
            let (m, rest) = rest.split_once('月')?;
            let d = rest.strip_suffix('日')?;
            if !y.bytes().all(|b| b.is_ascii_digit()) || m.len() > 1 && d.len() > 1 {
                return None;
            }
            let pad = |v: &str| {
                if v.len() == 1 {
                    format!("0{v}")
                } else {
                    v.to_string()
                }
            };
            let w = format!("{y}年{}月{}日", pad(m), pad(d));
            let (t, _) = splice(text, p.span.clone(), &w);
            Some(Injected {
                kind,
                rule,
                text: t,
                span: p.span.start + y.len() + 3..p.span.start + w.len(),
            })
        }
        "cn-digit-space" => {
            // A space between a Chinese character and a digit in a body paragraph.
            let mut sites = Vec::new();
            for (_, p) in n.body() {
                let s = &text[p.span.clone()];
                let mut prev: Option<char> = None;
                for (i, c) in s.char_indices() {
                    if let Some(b) = prev {
                        if (is_han(b) && c.is_ascii_digit()) || (b.is_ascii_digit() && is_han(c)) {
                            sites.push(p.span.start + i);
                        }
                    }
                    prev = Some(c);
                }
            }
            let at = rng.pick(&sites)?;
            done(splice(text, at..at, " "))
        }
        "title-twice" => {
            // The title printed a second time on the next line.
            let p = &n.paragraphs[n.title?];
            let title = text[p.span.clone()].to_string();
            let ins = format!("\n{title}");
            let (t, _) = splice(text, p.span.end..p.span.end, &ins);
            Some(Injected {
                kind,
                rule,
                text: t,
                span: p.span.end + 1..p.span.end + ins.len(),
            })
        }
        "title-drop-wenzhong" => {
            // A 关于… title without its 文种 (…的通知 → …).
            let p = &n.paragraphs[n.title?];
            let s = &text[p.span.clone()];
            if !s.contains("关于") {
                return None;
            }
            let w = tree::WENZHONG.iter().find(|w| s.ends_with(*w))?;
            let mut cut = s.len() - w.len();
            if rng.below(2) == 0 && s[..cut].ends_with('的') {
                cut -= 3;
            }
            let end = p.span.start + cut;
            let (t, _) = splice(text, end..p.span.end, "");
            let last = text[..end].chars().next_back()?.len_utf8();
            Some(Injected {
                kind,
                rule,
                text: t,
                span: end - last..end,
            })
        }
        _ => None,
    }
}

/// Whether a diagnostic of `rule` overlaps `span` (widened like score.py: 12 bytes).
pub fn found(diags: &[noticelint::Diagnostic], rule: &str, span: &Range<usize>) -> bool {
    const TOL: usize = 12;
    diags.iter().filter(|d| d.rule == rule).any(|d| {
        std::iter::once(&d.span)
            .chain(d.labels.iter().map(|l| &l.span))
            .any(|s| s.end - s.start <= 300 && s.start < span.end + TOL && s.end + TOL > span.start)
    })
}

/// Paragraph roles, re-exported for callers that filter.
pub fn is_body(r: Role) -> bool {
    r == Role::Body
}
