//! `issuer-mismatch` (NL201): the issuing body differs between title, body and signature.
//!
//! The issuer is read from the title (the part before 关于) and from the signature: an
//! optional 中共, a chain of places (无锡市 滨湖), then the body's name (生态环境局党组).
//! Places come from `rules/places.tsv`. The title's innermost place is the notice's own;
//! its siblings (the other districts of the same city, …) are looked for in the text with
//! one Aho-Corasick automaton, and each mention is judged by what surrounds it:
//!
//! - reported: the same kind of body in a sibling place (惠山生态环境局 in a 滨湖生态环境局
//!   notice), a unit of it (惠山分中心), a document of the sibling place cited as one's own
//!   (《惠山区…实施意见》), a sibling place as the object of the notice's own action
//!   (推进惠山区…项目建设), an address in a sibling place;
//! - silent: partners and neighbours (会同、联合、与、函请、交界 …), other kinds of bodies,
//!   superiors (市生态环境局), and plain mentions of where something is.

use std::ops::Range;

use aho_corasick::{packed, AhoCorasick, AhoCorasickKind, MatchKind};

use super::prelude::*;
use crate::places::{ExtraPlace, PlaceId, Places};
use crate::quantity::AnyWord;

pub static RULE: Rule = Rule {
    code: "NL201",
    name: "issuer-mismatch",
    default_severity: Severity::Error,
    summary: Text::new(
        "发文机关在标题、正文和署名之间不一致（滨湖与惠山）",
        "the issuing body differs between title, body and signature (滨湖 vs 惠山)",
    ),
    doc: Text::new(DOC_ZH, DOC_EN),
    implemented: true,
    check,
};

const DOC_ZH: &str = r#"
## 检查什么
从标题（“关于”之前的部分）和落款读出发文机关及其所在地（如“无锡市滨湖生态环境局”→
无锡市滨湖区），然后检查：
1. 落款的发文机关与标题不一致：地方不同（标题是滨湖，落款是惠山），或同一地方的另一机关
   （标题是滨湖区生态环境局，落款是滨湖区教育局；同一机关的其他名称、党组与本机关、
   政府与其办公室、联合发文的各机关都不报告）；
2. 正文把同级的另一地区当成了自己：另一地区的同类机关（“惠山生态环境局”）、下属单位
   （“惠山分中心”）、以另一地区命名的本单位文件（《惠山区……实施意见》）、本单位工作的对象
   （“推进惠山区……项目建设”）、联系地址在另一地区。
上级机关（市生态环境局、省厅）、其他类别的机关（区住建局）、作为合作方或邻区出现的地区
（“会同闵行区生态环境局”“与庐阳区交界区域”“函请碑林区教育局”）不会报告。地名数据见
`rules/places.tsv`（国家统计局 2023 年区划代码），同类机关的不同名称（生态环境局、环保局）
见 `rules/org-aliases.txt`。开发区、新设区县等不在区划代码中的地方可在 noticelint.toml 的
`[[places]]` 中登记（`name`、`parent`，可选 `short`），同类机关的其他名称可在
`[allow] org-aliases` 中增补。

## 为什么
照搬其他单位材料时最容易漏改机关名称和地名；把别的区的机关名写进本机关的公文，是发布后
最容易被读者发现、也最损害公信力的错误。

## 错误示例
```text
中共无锡市滨湖生态环境局党组关于巡察整改情况的通报
……制定《无锡市惠山生态环境局采购管理规定》……
中共无锡市惠山生态环境局党组
```

## 正确写法
```text
中共无锡市滨湖生态环境局党组关于巡察整改情况的通报
……制定《无锡市滨湖生态环境局采购管理规定》……
中共无锡市滨湖生态环境局党组
```
"#;

const DOC_EN: &str = r#"
## What it does
Reads the issuing body and its place from the title (before 关于) and the signature
(无锡市滨湖生态环境局 → 无锡市滨湖区) and reports:
1. a signature that names another body than the title: another place (滨湖 in the title,
   惠山 signed) or another body of the same place (滨湖区生态环境局 in the title, 滨湖区教育局
   signed; other names of the same body, a Party group and its bureau, a government and its
   office, and the several bodies of a joint notice are not reported);
2. a sibling place (another district of the same city, …) used as the notice's own: the
   same kind of body there (惠山生态环境局), a unit of it (惠山分中心), a document named after
   it cited as one's own (《惠山区……实施意见》), the object of the notice's own action
   (推进惠山区……项目建设), an address there.
Superiors (市生态环境局), other kinds of bodies (区住建局) and partners or neighbours
(会同闵行区生态环境局, 与庐阳区交界区域, 函请碑林区教育局) stay silent. Place names come from
`rules/places.tsv` (National Bureau of Statistics codes, 2023); other names of one kind of
body (生态环境局, 环保局) from `rules/org-aliases.txt`. Places the codes lack (a development
zone, a newer district) can be added in noticelint.toml with `[[places]]` (`name`, `parent`,
optional `short`), and other names of one kind of body with `[allow] org-aliases`.

## Why is this bad?
Text copied from another body's notice keeps that body's name; publishing a notice that
names another district's bureau as one's own is the error readers notice first.

## Example
```text
中共无锡市滨湖生态环境局党组关于巡察整改情况的通报
……制定《无锡市惠山生态环境局采购管理规定》……
中共无锡市惠山生态环境局党组
```

Use instead:
```text
中共无锡市滨湖生态环境局党组关于巡察整改情况的通报
……制定《无锡市滨湖生态环境局采购管理规定》……
中共无锡市滨湖生态环境局党组
```
"#;

/// An issuer read from a line: its innermost place and the name of the body.
#[derive(Debug, Clone)]
struct Issuer {
    place: PlaceId,
    /// Where the innermost place is written.
    place_span: Range<usize>,
    /// The whole issuer text (中共无锡市滨湖生态环境局党组).
    span: Range<usize>,
    /// The body's name after the place (生态环境局党组).
    org: String,
}

/// Read `[中共] place+ org` from `text[span]`.
fn parse_issuer(g: &Places, text: &str, span: Range<usize>) -> Option<Issuer> {
    let s = &text[span.clone()];
    let mut at = 0;
    let mut cur: Option<PlaceId> = None;
    let mut cur_span = 0..0;
    for (r, ids) in place_chain(g, s).iter() {
        let r = r.clone();
        let pick = match cur {
            Some(c) => ids
                .iter()
                .copied()
                .find(|&i| g.is_ancestor_or_self(c, i) && i != c),
            None => {
                // Without context: the unique candidate, or the one whose ancestors the
                // notice names.
                if ids.len() == 1 {
                    Some(ids[0])
                } else {
                    ids.iter().copied().find(|&i| {
                        g.parent(i).is_some_and(|p| {
                            let pn = g.get(p);
                            text.contains(pn.name) || pn.short.is_some_and(|sh| text.contains(sh))
                        })
                    })
                }
            }
        };
        let Some(p) = pick else { break };
        cur = Some(p);
        cur_span = span.start + r.start..span.start + r.end;
        at = r.end;
    }
    let place = cur?;
    // A place written short and then its suffix (滨湖 + 区): the suffix is the place's,
    // but only one character, and only when it completes the name (滨湖区市场监管局).
    let rest = &s[at..];
    let written = &text[cur_span.clone()];
    let full = g.get(place).name;
    let org = match rest.chars().next() {
        Some(c @ ('区' | '县' | '市'))
            if full.strip_suffix(c).is_some_and(|f| f.ends_with(written)) =>
        {
            &rest[c.len_utf8()..]
        }
        _ => rest,
    }
    .to_string();
    Some(Issuer {
        place,
        place_span: cur_span,
        span,
        org,
    })
}

/// The chain of place names that `s` begins with, after an optional 中共: the longest
/// name there, the longest one right after it, … (with the places of each name), up to the
/// first position where no name begins. Which of the places are meant is decided by
/// [`parse_issuer`]; the names depend on `s` only.
type Chain = std::rc::Rc<[(Range<usize>, Vec<PlaceId>)]>;

fn place_chain(g: &Places, s: &str) -> Chain {
    let chain = || {
        let mut at = ["中国共产党", "中共"]
            .iter()
            .find_map(|p| s.starts_with(p).then_some(p.len()))
            .unwrap_or(0);
        let mut out = Vec::new();
        while at < s.len() {
            let Some((r, ids)) = g.longest_at(s, at) else {
                break;
            };
            at = r.end;
            out.push((r, ids));
        }
        Chain::from(out)
    };
    // Notices of one body write the same issuers again and again (a name lookup costs
    // ~2,000 instructions): remembered per thread, with the gazetteer alone (added places
    // change the names), and for short texts only (an issuer is a few words; the cache
    // stays small whatever the input).
    thread_local! {
        static CHAINS: std::cell::RefCell<std::collections::HashMap<Box<str>, Chain>> =
            Default::default();
    }
    if g.len() != crate::places::GAZETTEER.len() || s.len() > 120 {
        return chain();
    }
    remembered(&CHAINS, s, chain)
}

/// `make()`, remembered in a thread's `cache` under `key` (emptied once it holds
/// [`CACHED`] entries).
fn remembered<K, V>(
    cache: &'static std::thread::LocalKey<std::cell::RefCell<std::collections::HashMap<K, V>>>,
    key: &str,
    make: impl FnOnce() -> V,
) -> V
where
    K: std::borrow::Borrow<str> + for<'k> From<&'k str> + std::hash::Hash + Eq,
    V: Clone,
{
    cache.with(|m| {
        let mut m = m.borrow_mut();
        if let Some(v) = m.get(key) {
            return v.clone();
        }
        if m.len() >= CACHED {
            m.clear();
        }
        let v = make();
        m.insert(K::from(key), v.clone());
        v
    })
}

/// The body's name without the Party-group suffix, and its short form
/// (生态环境局党组 → 生态环境局, 生态环境).
fn org_cores(org: &str) -> (&str, Option<&str>) {
    let mut core = org;
    for suf in ["党组", "党委", "党工委", "委员会"] {
        if let Some(c) = core.strip_suffix(suf) {
            if c.chars().count() >= 2 {
                core = c;
                break;
            }
        }
    }
    let short = ['局', '厅', '委', '办']
        .iter()
        .find_map(|c| core.strip_suffix(*c))
        .filter(|s| s.chars().count() >= 2);
    (core, short)
}

/// Kinds of bodies and their other names (`rules/org-aliases.txt`).
static ALIASES: std::sync::LazyLock<Vec<Vec<&'static str>>> = std::sync::LazyLock::new(|| {
    include_str!("../../rules/org-aliases.txt")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            l.split(" = ")
                .map(str::trim)
                .filter(|n| !n.is_empty())
                .collect()
        })
        .collect()
});

/// Every name under which the issuer's kind of body may appear: its own name, its short
/// form (生态环境), and the other names of its kind (环保局), longest first. `extra`: more
/// groups of names (`[allow] org-aliases`); a group that shares a name with another
/// joins it.
fn org_names(org: &str, extra: &[Vec<String>]) -> std::rc::Rc<Vec<String>> {
    // Notices of one body ask for the same names: remembered per thread (without added
    // aliases, which vary by configuration).
    thread_local! {
        static NAMES: std::cell::RefCell<std::collections::HashMap<String, std::rc::Rc<Vec<String>>>> =
            Default::default();
    }
    if !extra.is_empty() {
        return std::rc::Rc::new(compute_org_names(org, extra));
    }
    remembered(&NAMES, org, || {
        std::rc::Rc::new(compute_org_names(org, extra))
    })
}

fn compute_org_names(org: &str, extra: &[Vec<String>]) -> Vec<String> {
    let (core, short) = org_cores(org);
    let mut names = vec![core.to_string()];
    names.extend(short.map(str::to_string));
    let extra: Vec<Vec<&str>> = extra
        .iter()
        .map(|g| g.iter().map(String::as_str).collect())
        .collect();
    let groups: Vec<&[&str]> = ALIASES
        .iter()
        .chain(extra.iter())
        .map(Vec::as_slice)
        .collect();
    let mut taken = vec![false; groups.len()];
    loop {
        let mut grew = false;
        for (k, group) in groups.iter().enumerate() {
            if taken[k] {
                continue;
            }
            let joins = group
                .iter()
                .any(|n| core == *n || core.ends_with(n) || names.iter().any(|m| m == n));
            if joins {
                taken[k] = true;
                grew = true;
                names.extend(group.iter().map(|n| n.to_string()));
            }
        }
        if !grew {
            break;
        }
    }
    names.retain(|n| n.chars().count() >= 2);
    names.sort_by_key(|n| std::cmp::Reverse(n.len()));
    names.dedup();
    names
}

/// Whether two bodies' names (after their places) may name the same body: one holds the
/// other (人民政府办公室 / 人民政府; a Party group / its bureau), or they are other names of
/// one kind of body (市场监管局 / 市场监督管理局). An empty name cannot be told apart.
fn same_body(a: &str, b: &str, extra: &[Vec<String>]) -> bool {
    let (ca, _) = org_cores(a);
    let (cb, _) = org_cores(b);
    if ca.is_empty() || cb.is_empty() || ca.contains(cb) || cb.contains(ca) {
        return true;
    }
    let names = org_names(a, extra);
    names.iter().any(|n| b.contains(n.as_str()) || cb == n)
}

/// The issuers named in the title before 关于; a joint notice names several
/// (苏州市教育局 苏州市财政局关于…).
fn title_issuers(ctx: &Ctx, g: &Places) -> Vec<Issuer> {
    let Some(t) = ctx.notice.title else {
        return Vec::new();
    };
    let span = ctx.notice.paragraphs[t].span.clone();
    let s = ctx.slice(&span);
    let Some(end) = s.find("关于") else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in s[..end].char_indices().chain(std::iter::once((end, ' '))) {
        if matches!(c, ' ' | '　' | '、') {
            if i > start {
                if let Some(is) = parse_issuer(g, ctx.text, span.start + start..span.start + i) {
                    out.push(is);
                }
            }
            start = i + c.len_utf8();
        }
    }
    out
}

fn place_desc(g: &Places, id: PlaceId) -> String {
    let p = g.get(id);
    match g.parent(id) {
        Some(par) => format!("{}{}", g.get(par).name, p.name),
        None => p.name.to_string(),
    }
}

/// The sibling places of a place, as one searcher over their full and short names.
struct Siblings {
    matcher: Finder,
    /// For each pattern: the place, and whether the pattern is its short name.
    owners: Vec<(PlaceId, bool)>,
    /// For each pattern, its place as findings describe it ([`place_desc`]), and the own
    /// place's: made at the first finding that names it (a parent's look-up per finding
    /// cost ~2,000 instructions).
    descs: Vec<std::sync::OnceLock<String>>,
    own_desc: std::sync::OnceLock<String>,
}

impl Siblings {
    /// The description of pattern `k`'s place.
    fn desc(&self, g: &Places, k: usize) -> &str {
        self.descs[k].get_or_init(|| place_desc(g, self.owners[k].0))
    }
}

/// A leftmost-longest search for a few names.
///
/// Usually a packed searcher (Teddy): it finds and confirms the matches itself, and costs
/// a tenth of an automaton to build (an automaton built per own place cost more than the
/// search). An automaton with leftmost-longest matching uses this very searcher as its
/// prefilter and returns its matches as they are, so the two find the same. A packed
/// searcher takes at most a few dozen names: for more, the automaton.
enum Finder {
    Packed(packed::Searcher),
    Automaton(AhoCorasick),
}

impl Finder {
    fn new<P: AsRef<[u8]>>(patterns: &[P]) -> Option<Finder> {
        let mut b = packed::Config::new()
            .match_kind(packed::MatchKind::LeftmostLongest)
            .builder();
        b.extend(patterns);
        if let Some(s) = b.build() {
            return Some(Finder::Packed(s));
        }
        // A noncontiguous NFA: built in a fraction of a DFA's time, and the search runs on
        // its prefilter (a sibling's name is rare), so the automaton's speed hardly counts.
        AhoCorasick::builder()
            .kind(Some(AhoCorasickKind::NoncontiguousNFA))
            .match_kind(MatchKind::LeftmostLongest)
            .build(patterns)
            .ok()
            .map(Finder::Automaton)
    }

    /// The matches in `hay`, left to right, not overlapping.
    fn find_iter<'a, 'h>(&'a self, hay: &'h str) -> Matches<'a, 'h> {
        match self {
            Finder::Packed(s) => Matches::Packed(s.find_iter(hay)),
            Finder::Automaton(ac) => Matches::Automaton(ac.find_iter(hay)),
        }
    }
}

/// See [`Finder::find_iter`].
enum Matches<'a, 'h> {
    Packed(packed::FindIter<'a, 'h>),
    Automaton(aho_corasick::FindIter<'a, 'h>),
}

impl Iterator for Matches<'_, '_> {
    type Item = aho_corasick::Match;

    fn next(&mut self) -> Option<aho_corasick::Match> {
        match self {
            Matches::Packed(it) => it.next(),
            Matches::Automaton(it) => it.next(),
        }
    }
}

/// A cached automaton: the added places it was built with, and the automaton.
type CachedSiblings = (Vec<ExtraPlace>, Option<std::sync::Arc<Siblings>>);

/// Automata built so far, by own place and a hash of the configuration's added places
/// (which change the siblings and the place ids): notices of one body share them
/// (building one costs more than linting a page).
static SIBLINGS: std::sync::LazyLock<
    std::sync::Mutex<std::collections::HashMap<(PlaceId, u64), CachedSiblings>>,
> = std::sync::LazyLock::new(Default::default);

/// Bound on each of this rule's caches (sibling automata, issuer chains, body names): a
/// repository of notices names few issuers.
const CACHED: usize = 512;

fn siblings_of(g: &Places, extra: &[ExtraPlace], own: PlaceId) -> Option<std::sync::Arc<Siblings>> {
    use std::hash::{Hash, Hasher};
    let fingerprint = if extra.is_empty() {
        0
    } else {
        let mut h = std::collections::hash_map::DefaultHasher::new();
        extra.hash(&mut h);
        h.finish()
    };
    let key = (own, fingerprint);
    if let Ok(cache) = SIBLINGS.lock() {
        // The hash picks the entry; the places themselves confirm it.
        if let Some((places, s)) = cache.get(&key) {
            if places.as_slice() == extra {
                return s.clone();
            }
        }
    }
    let built = build_siblings(g, own).map(std::sync::Arc::new);
    if let Ok(mut cache) = SIBLINGS.lock() {
        if cache.len() >= CACHED {
            cache.clear();
        }
        cache.insert(key, (extra.to_vec(), built.clone()));
    }
    built
}

fn build_siblings<'a>(g: &Places<'a>, own: PlaceId) -> Option<Siblings> {
    let own_place = g.get(own);
    let parent_code = g.parent(own).map_or("", |p| g.get(p).code);
    let mut patterns: Vec<&'a str> = Vec::new();
    let mut owners: Vec<(PlaceId, bool)> = Vec::new();
    let add_children =
        |code: &str, patterns: &mut Vec<&'a str>, owners: &mut Vec<(PlaceId, bool)>| {
            for c in g.children(code) {
                let p = g.get(c);
                if c == own || p.level() != own_place.level() {
                    continue;
                }
                // Two-character county names (城区) are words, unless a configuration adds one.
                if p.name.chars().count() >= 3 || p.level() <= 2 || g.is_extra(c) {
                    patterns.push(p.name);
                    owners.push((c, false));
                }
                if let Some(s) = p.short {
                    // A short name that is also the own place's short name cannot tell them apart.
                    if Some(s) != own_place.short {
                        patterns.push(s);
                        owners.push((c, true));
                    }
                }
            }
        };
    // Under a municipality the districts hang below a 市辖区 placeholder.
    add_children(own_place.parent_code(), &mut patterns, &mut owners);
    if parent_code != own_place.parent_code() && !parent_code.is_empty() {
        add_children(parent_code, &mut patterns, &mut owners);
    }
    if patterns.is_empty() {
        return None;
    }
    let matcher = Finder::new(&patterns)?;
    Some(Siblings {
        matcher,
        descs: owners.iter().map(|_| Default::default()).collect(),
        owners,
        own_desc: Default::default(),
    })
}

fn check(ctx: &Ctx, out: &mut Findings) {
    let g = &Places::new(&ctx.options.places);
    let titles = title_issuers(ctx, g);
    let title = titles.first().cloned();
    let sigs: Vec<Issuer> = ctx
        .notice
        .signature
        .iter()
        .filter_map(|&i| parse_issuer(g, ctx.text, ctx.notice.paragraphs[i].span.clone()))
        .collect();

    // 1. Title against signature.
    let compatible = |a: &Issuer, b: &Issuer| {
        g.is_ancestor_or_self(a.place, b.place) || g.is_ancestor_or_self(b.place, a.place)
    };
    if let Some(t) = &title {
        for s in &sigs {
            // Each signature must be one of the title's issuers (a joint notice has several).
            if !titles.iter().any(|t| compatible(s, t)) {
                let (tn, sn) = (ctx.slice(&t.span), ctx.slice(&s.span));
                let (tp, sp) = (ctx.slice(&t.place_span), ctx.slice(&s.place_span));
                // Only the shown language is formatted.
                let zh =
                    out.zh(|| format!("落款的发文机关“{sn}”与标题中的“{tn}”不一致（{sp} ≠ {tp}）"));
                let en = out.en(|| format!("the signature “{sn}” names another body than the title “{tn}” ({sp} vs {tp})"));
                let lzh = out.zh(|| format!("标题中的发文机关在{tp}"));
                let len = out.en(|| format!("the title's issuer is in {tp}"));
                out.push_quick(
                    &RULE,
                    Quick::new(s.place_span.clone(), &zh, &en).label(
                        t.place_span.clone(),
                        &lzh,
                        &len,
                    ),
                );
                continue;
            }
            // Same place, another kind of body (滨湖区生态环境局 in the title, 滨湖区教育局
            // signing).
            let extra = &ctx.options.allow_org_aliases;
            if !titles
                .iter()
                .any(|t| compatible(s, t) && same_body(&t.org, &s.org, extra))
            {
                let (tn, sn) = (ctx.slice(&t.span), ctx.slice(&s.span));
                let org_start = s.span.end - s.org.len();
                if s.org.is_empty() || !ctx.text.is_char_boundary(org_start) {
                    continue;
                }
                let (to, so) = (&t.org, &s.org);
                let zh = out.zh(|| {
                    format!("落款的发文机关“{sn}”与标题中的“{tn}”不是同一机关（{so} ≠ {to}）")
                });
                let en = out.en(|| format!("the signature “{sn}” names another body than the title “{tn}” ({so} vs {to})"));
                out.push_quick(
                    &RULE,
                    Quick::new(org_start..s.span.end, &zh, &en).label(
                        t.span.clone(),
                        "标题中的发文机关",
                        "the title's issuer",
                    ),
                );
            }
        }
    }

    // 2. Mentions of sibling places in the text.
    let Some(own) = title.clone().or_else(|| sigs.first().cloned()) else {
        return;
    };
    let Some(siblings) = siblings_of(g, &ctx.options.places, own.place) else {
        return;
    };
    let (ac, owners) = (&siblings.matcher, &siblings.owners);
    let names = org_names(&own.org, &ctx.options.allow_org_aliases);
    let own_name = ctx.slice(&own.span);
    let own_tp = ctx.slice(&own.place_span);
    let eligible: Vec<&Paragraph> = ctx
        .notice
        .paragraphs
        .iter()
        .filter(|p| matches!(p.role, Role::Body | Role::Trailer))
        .collect();
    // The label every mention gets, made on the first (in the shown language only).
    let mut own_label = None;
    for (p, m) in mentions(ctx.text, ac, &eligible) {
        let k = m.pattern().as_usize();
        let is_short = owners[k].1;
        let start = m.start();
        let mut end = m.end();
        let mut after = &ctx.text[end..p.span.end];
        let mut full = !is_short;
        if is_short {
            if let Some(r) = after.strip_prefix(['区', '县', '市']) {
                after = r;
                end += 3;
                full = true;
            }
        }
        let before = &ctx.text[p.span.start..start];
        let Some(kind) = judge(before, after, full, &names) else {
            continue;
        };
        let name = &ctx.text[start..end];
        let sibling = siblings.desc(g, k);
        let own_desc = siblings.own_desc.get_or_init(|| place_desc(g, own.place));
        // Only the shown language is formatted.
        let (zh, en) = match kind {
            Mention::SameBody => (
                out.zh(|| format!("出现了另一地区的同类机关“{name}{}”：本文的发文机关是“{own_name}”", take_org(after, &names))),
                out.en(|| format!("another place's body of the same kind (“{name}…”) in a notice issued by “{own_name}”")),
            ),
            Mention::Unit => (
                out.zh(|| format!("出现了另一地区的下属单位“{name}{}”：本文的发文机关是“{own_name}”", if after.starts_with("分中心") { "分中心" } else { "分局" })),
                out.en(|| format!("a unit named after another place (“{name}…”) in a notice issued by “{own_name}”")),
            ),
            Mention::Document => (
                out.zh(|| format!("引用的本单位文件以另一地区“{name}”命名：本文的发文机关是“{own_name}”")),
                out.en(|| format!("a document named after another place (“{name}”) is cited as the issuer's own; the issuer is “{own_name}”")),
            ),
            Mention::Action => (
                out.zh(|| format!("本单位的工作对象写成了另一地区“{name}”：本文的发文机关是“{own_name}”")),
                out.en(|| format!("the issuer's own work is placed in another place (“{name}”); the issuer is “{own_name}”")),
            ),
            Mention::Address => (
                out.zh(|| format!("联系地址在另一地区“{name}”：本文的发文机关是“{own_name}”")),
                out.en(|| format!("the contact address is in another place (“{name}”); the issuer is “{own_name}”")),
            ),
        };
        let [lzh, len] = own_label.get_or_insert_with(|| {
            [
                out.zh(|| format!("发文机关在{own_tp}")),
                out.en(|| format!("the issuer is in {own_tp}")),
            ]
        });
        let nzh = out.zh(|| {
            format!(
                "{sibling}与{}同级，不是本机关；若确系合作或邻区，请写明“会同”“联合”等",
                own_desc
            )
        });
        let nen = out.en(|| {
            format!(
                "{sibling} is a sibling of {}, not the issuer; for a partner, say so (会同, 联合)",
                own_desc
            )
        });
        out.push_quick(
            &RULE,
            Quick::new(start..end, &zh, &en)
                .label(own.place_span.clone(), &*lzh, &*len)
                .note(&nzh, &nen),
        );
    }
}

/// The matches of `ac` in each of the `paragraphs` (in text order), with their offsets in
/// the text: what searching each paragraph alone finds, from one search over the stretch
/// of text from the first to the last of them. The two agree when no match of the long
/// search crosses the edge of one of the paragraphs (a match inside a paragraph is then
/// found there from the same place on, and matches between them are dropped); when one
/// does, each paragraph is searched alone.
fn mentions<'p>(
    text: &str,
    ac: &Finder,
    paragraphs: &[&'p Paragraph],
) -> Vec<(&'p Paragraph, aho_corasick::Match)> {
    let mut out = Vec::new();
    let (Some(first), Some(last)) = (paragraphs.first(), paragraphs.last()) else {
        return out;
    };
    let base = first.span.start;
    let mut k = 0;
    for m in ac.find_iter(&text[base..last.span.end]) {
        let m = m.offset(base);
        while paragraphs[k].span.end <= m.start() && k + 1 < paragraphs.len() {
            k += 1;
        }
        let span = &paragraphs[k].span;
        if span.start <= m.start() && m.end() <= span.end {
            out.push((paragraphs[k], m));
        } else if m.start() < span.end && m.end() > span.start {
            // Across an edge: paragraph by paragraph.
            out.clear();
            for &p in paragraphs {
                let ptext = &text[p.span.clone()];
                out.extend(ac.find_iter(ptext).map(|m| (p, m.offset(p.span.start))));
            }
            return out;
        }
    }
    out
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mention {
    SameBody,
    Unit,
    Document,
    Action,
    Address,
}

fn take_org<'a>(after: &'a str, names: &[String]) -> &'a str {
    names
        .iter()
        .find(|n| after.starts_with(n.as_str()))
        .map_or("", |n| &after[..n.len()])
}

/// Words before a mention, in its clause, that make the place a partner or a neighbour.
const PARTNER_BEFORE: &[&str] = &[
    "会同", "联合", "协同", "配合", "协助", "与", "同", "和", "及", "邻", "交界", "跨", "兄弟",
    "其他", "周边", "函请", "商请", "提请", "致函", "协调", "移交", "移送", "抄送", "报送", "通报",
    "学习", "借鉴", "考察", "赴", "前往", "到", "对口", "帮扶", "支援", "结对",
];
/// Words after a mention, in its clause, that do the same.
const PARTNER_AFTER: &[&str] = &[
    "联合", "交界", "其他", "协作", "共同", "协助", "毗邻", "接壤", "对口",
];
const OWN_ACTION: &[&str] = &[
    "推进", "实施", "开展", "完成", "组织", "建设", "编制", "制定", "落实", "深化", "负责",
];
const ADDRESS: &[&str] = &["地址", "信箱", "邮政", "联系", "办公地点", "位于", "邮编"];
const TERRITORY: &[&str] = &[
    "经济开发区",
    "开发区",
    "高新区",
    "经开区",
    "高新技术产业开发区",
    "工业园",
];

/// The word lists, each tested in one walk over a text (see [`AnyWord`]).
static PARTNER_BEFORE_W: AnyWord = AnyWord::new(PARTNER_BEFORE);
static PARTNER_AFTER_W: AnyWord = AnyWord::new(PARTNER_AFTER);
static OWN_ACTION_W: AnyWord = AnyWord::new(OWN_ACTION);
static ADDRESS_W: AnyWord = AnyWord::new(ADDRESS);

/// The last `n` characters of `s`.
fn last_chars(s: &str, n: usize) -> &str {
    let start = s.char_indices().rev().nth(n - 1).map_or(0, |(i, _)| i);
    &s[start..]
}

fn judge(before: &str, after: &str, full: bool, names: &[String]) -> Option<Mention> {
    let clause_start = before
        .rfind(['，', '。', '；', '：', '！', '？', ',', ';', ':', '!', '?'])
        .map_or(0, |i| {
            i + before[i..].chars().next().map_or(1, char::len_utf8)
        });
    let lookback = &before[clause_start..];
    let clause_end = after
        .find(['，', '。', '；', '！', '？', ',', ';', '!', '?'])
        .unwrap_or(after.len());
    let lookahead = &after[..clause_end];
    let same_body = names.iter().any(|n| after.starts_with(n.as_str()));
    let unit = after.starts_with("分中心") || after.starts_with("分局");
    let territory = TERRITORY.iter().any(|t| after.starts_with(t));
    if !full && !same_body && !unit && !territory {
        return None; // 惠山 the mountain, 梁溪河 the river
    }
    // An address label may sit before a colon: 邮政信箱：无锡市惠山经济开发区…
    let sentence_start = before
        .rfind(['。', '；', '！', '？', ';', '!', '?'])
        .map_or(0, |i| {
            i + before[i..].chars().next().map_or(1, char::len_utf8)
        });
    let label = last_chars(&before[sentence_start..], 12);
    let address = ADDRESS_W.in_text(label) && (full || territory);
    if address {
        return Some(Mention::Address);
    }
    if PARTNER_BEFORE_W.in_text(lookback) || PARTNER_AFTER_W.in_text(lookahead) {
        return None;
    }
    if same_body {
        return Some(Mention::SameBody);
    }
    if unit {
        return Some(Mention::Unit);
    }
    // Inside a title or a quoted plan that begins with the place.
    let opener = lookback.rfind(['《', '“']);
    if let Some(o) = opener {
        let between = &lookback[o + 3..];
        let closed = between.contains(['》', '”']);
        let rest = between
            .trim_start_matches("关于印发")
            .trim_start_matches("关于");
        if !closed && rest.chars().count() <= 4 {
            return Some(Mention::Document);
        }
    }
    let tail = last_chars(lookback, 6);
    if OWN_ACTION_W.in_text(tail) {
        return Some(Mention::Action);
    }
    None
}

#[cfg(test)]
mod tests {
    use crate::{check as lint, Options};

    #[test]
    fn one_search_finds_what_each_paragraph_does() {
        use crate::tree::{Paragraph, Role};
        let ac = super::Finder::new(&["甲乙", "乙丙", "甲乙丙", "丁"]).unwrap();
        // The packed searcher and the automaton find the same.
        let automaton = aho_corasick::AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::LeftmostLongest)
            .build(["甲乙", "乙丙", "甲乙丙", "丁"])
            .unwrap();
        let pieces = ["甲", "乙", "丙", "丁", "戊"];
        let mut seed = 9u64;
        let mut next = |n: u64| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) % n
        };
        for _ in 0..3000 {
            // Paragraphs back to back or apart, some of them not searched.
            let (mut text, mut ps) = (String::new(), Vec::new());
            for _ in 0..next(5) {
                if next(2) == 0 {
                    text.push('\n');
                }
                let start = text.len();
                for _ in 0..next(6) {
                    text.push_str(pieces[next(5) as usize]);
                }
                ps.push(Paragraph {
                    span: start..text.len(),
                    line: 0,
                    role: if next(4) == 0 {
                        Role::Title
                    } else {
                        Role::Body
                    },
                    part: 0,
                    heading: None,
                    owner: None,
                });
            }
            let eligible: Vec<&Paragraph> = ps.iter().filter(|p| p.role == Role::Body).collect();
            let got: Vec<_> = super::mentions(&text, &ac, &eligible)
                .into_iter()
                .map(|(p, m)| (p.span.clone(), m.start(), m.end(), m.pattern()))
                .collect();
            let mut want = Vec::new();
            for p in &eligible {
                for m in automaton.find_iter(&text[p.span.clone()]) {
                    let m = m.offset(p.span.start);
                    want.push((p.span.clone(), m.start(), m.end(), m.pattern()));
                }
            }
            assert_eq!(got, want, "{text:?} {eligible:?}");
        }
    }

    fn codes(t: &str) -> Vec<String> {
        codes_with(t, &Options::default())
    }

    fn codes_with(t: &str, o: &Options) -> Vec<String> {
        lint(t, o)
            .into_iter()
            .filter(|d| d.code == "NL201")
            .map(|d| t[d.span].to_string())
            .collect()
    }

    #[test]
    fn other_names_of_the_same_kind_count() {
        let t = "无锡市滨湖生态环境局关于开展执法检查的通知\n\n按照《无锡市惠山环保局执法检查办法》开展检查。联合区住建局开展检查。\n\n无锡市滨湖生态环境局\n2021年12月30日\n";
        assert_eq!(codes(t), ["惠山"]);
    }

    #[test]
    fn sibling_bodies_are_reported_partners_are_not() {
        let t = "中共无锡市滨湖生态环境局党组关于巡察整改情况的通报\n\n制定《无锡市惠山生态环境局采购管理规定》。组织各科室、惠山分中心完成排查。会同惠山区生态环境局开展联合执法。在梁溪河开展巡查。联合区住建局检查。推进惠山区生态安全缓冲区示范项目建设。\n\n中共无锡市惠山生态环境局党组\n2021年12月30日\n";
        assert_eq!(codes(t), ["惠山", "惠山", "惠山区", "惠山"]);
    }

    fn with_zone() -> Options {
        let mut o = Options::default();
        let wuxi = crate::places::GAZETTEER.resolve("无锡市").unwrap();
        crate::places::add_extra(&mut o.places, "无锡经济开发区", Some("经开区"), wuxi).unwrap();
        o
    }

    #[test]
    fn an_added_place_is_a_sibling() {
        let t = "无锡市滨湖生态环境局关于开展执法检查的通知\n\n推进无锡经济开发区生态安全缓冲区项目建设。请经开区生态环境局配合。会同无锡经济开发区生态环境局开展联合执法。\n\n无锡市滨湖生态环境局\n2021年12月30日\n";
        assert!(codes(t).is_empty());
        let o = with_zone();
        assert_eq!(codes_with(t, &o), ["无锡经济开发区", "经开区"]);
        // The cache of automata does not leak the added place into a run without it.
        assert!(codes(t).is_empty());
    }

    #[test]
    fn an_added_place_is_an_issuer() {
        let t = "无锡经济开发区生态环境局关于开展执法检查的通知\n\n组织各科室、滨湖分中心完成排查。\n\n无锡市滨湖生态环境局\n2021年12月30日\n";
        assert!(codes(t).is_empty());
        assert_eq!(codes_with(t, &with_zone()), ["滨湖", "滨湖"]);
    }

    #[test]
    fn configured_aliases_make_a_kind_of_body() {
        let t = "无锡市滨湖区数据局关于开展数据共享工作的通知\n\n惠山区大数据管理局印发了工作方案。\n\n无锡市滨湖区数据局\n2024年3月1日\n";
        assert!(codes(t).is_empty());
        let mut o = Options {
            allow_org_aliases: vec![vec!["数据局".into(), "大数据管理局".into()]],
            ..Options::default()
        };
        assert_eq!(codes_with(t, &o), ["惠山区"]);
        // A group sharing a name with a built-in one joins it: 环保局 (built-in alias of
        // 生态环境局) reaches 环境局 (configured alias of 生态环境局).
        let t = "无锡市滨湖环保局关于开展执法检查的通知\n\n惠山环境局印发了工作方案。\n\n无锡市滨湖环保局\n2021年12月30日\n";
        assert!(codes(t).is_empty());
        o.allow_org_aliases = vec![vec!["生态环境局".into(), "环境局".into()]];
        assert_eq!(codes_with(t, &o), ["惠山"]);
    }
}
