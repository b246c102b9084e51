//! China's administrative divisions (`rules/places.tsv`, compiled into static tables by
//! `build.rs`): names, short names and the parent of each place. Nothing is parsed at
//! run time.
//!
//! A place's code says its level and its parent: 2 digits a province, 4 a prefecture
//! (parent: the first 2), 6 a county (the first 4), 9 a township or 街道 (the first 6).

use std::ops::Range;

mod data {
    /// A string of [`TEXT`]: where it starts and its length.
    #[derive(Debug, Clone, Copy)]
    pub struct Str(u32, u32);

    impl Str {
        pub fn get(self) -> &'static str {
            &TEXT[self.0 as usize..(self.0 + self.1) as usize]
        }
    }

    /// A place: its code, name and short name, and where its subtree ends in [`PLACES`].
    pub struct Row {
        pub code: Str,
        pub name: Str,
        /// Of length 0 when the place has none.
        pub short: Str,
        pub end: u32,
    }

    impl Row {
        pub fn short(&self) -> Option<&'static str> {
            (self.short.1 > 0).then(|| self.short.get())
        }
    }

    include!(concat!(env!("OUT_DIR"), "/places.rs"));
}

/// Index into the table of places.
pub type PlaceId = u32;

#[derive(Debug, Clone, Copy)]
pub struct Place<'a> {
    pub code: &'a str,
    pub name: &'a str,
    /// The name without its level suffix (滨湖区 → 滨湖), when that leaves 2 characters or more.
    pub short: Option<&'a str>,
}

impl<'a> Place<'a> {
    /// 1 province, 2 prefecture, 3 county, 4 township.
    pub fn level(&self) -> u8 {
        level_of(self.code)
    }

    pub fn parent_code(&self) -> &'a str {
        match self.code.len() {
            2 => "",
            4 => &self.code[..2],
            6 => &self.code[..4],
            _ => &self.code[..6],
        }
    }
}

fn level_of(code: &str) -> u8 {
    match code.len() {
        2 => 1,
        4 => 2,
        6 => 3,
        _ => 4,
    }
}

// `short_of`: the name without its level suffix; shared with `build.rs`, which derives
// the gazetteer's short names with it.
include!("short_name.rs");

/// Names under municipalities that are placeholders, not places.
const PLACEHOLDERS: &[&str] = &[
    "市辖区",
    "县",
    "省直辖县级行政区划",
    "自治区直辖县级行政区划",
];

/// A place that a configuration adds (`[[places]]` in `noticelint.toml`): a development
/// zone, or a division newer than the gazetteer. Made with [`add_extra`].
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ExtraPlace {
    /// A code made up for it: its parent's code followed by letters, as long as a real code
    /// of its level, so that its level and ancestry read as a real place's do (a real code
    /// has digits only, so the two never clash).
    pub code: String,
    pub name: String,
    pub short: Option<String>,
}

/// The table of places: the gazetteer of `rules/places.tsv`, and the places a
/// configuration adds. Place `GAZETTEER.len() + k` is the `k`-th added place.
#[derive(Debug, Clone, Copy)]
pub struct Places<'a> {
    extra: &'a [ExtraPlace],
}

/// The gazetteer alone.
pub type Gazetteer = Places<'static>;

pub static GAZETTEER: Gazetteer = Places { extra: &[] };

impl<'a> Places<'a> {
    /// The gazetteer with `extra` added.
    pub fn new(extra: &'a [ExtraPlace]) -> Places<'a> {
        Places { extra }
    }

    pub fn len(&self) -> usize {
        data::PLACES.len() + self.extra.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Whether the place was added by configuration.
    pub fn is_extra(&self, id: PlaceId) -> bool {
        id as usize >= data::PLACES.len()
    }

    pub fn get(&self, id: PlaceId) -> Place<'a> {
        let i = id as usize;
        match data::PLACES.get(i) {
            Some(r) => Place {
                code: r.code.get(),
                name: r.name.get(),
                short: r.short(),
            },
            None => {
                let e = &self.extra[i - data::PLACES.len()];
                Place {
                    code: &e.code,
                    name: &e.name,
                    short: e.short.as_deref(),
                }
            }
        }
    }

    fn extras(&self) -> impl Iterator<Item = (PlaceId, &'a ExtraPlace)> {
        let base = data::PLACES.len();
        let extra: &'a [ExtraPlace] = self.extra;
        extra
            .iter()
            .enumerate()
            .map(move |(k, e)| ((base + k) as PlaceId, e))
    }

    pub fn by_code(&self, code: &str) -> Option<PlaceId> {
        // Codes are in depth-first order, which is also their sorted order (a parent's code
        // is a prefix of its children's): a binary search.
        data::PLACES
            .binary_search_by(|p| p.code.get().cmp(code))
            .ok()
            .map(|i| i as PlaceId)
            .or_else(|| self.extras().find(|(_, e)| e.code == code).map(|(i, _)| i))
    }

    /// Places with this exact name or short name.
    pub fn lookup(&self, name: &str) -> Vec<PlaceId> {
        let t = data::BY_NAME;
        let lo = t.partition_point(|(n, _)| n.get() < name);
        self.named(&t[lo..], name)
    }

    /// The places named `name` (full or short name): the gazetteer's, which begin `from`
    /// (a tail of `data::BY_NAME`), and the added ones.
    fn named(&self, from: &[(data::Str, u32)], name: &str) -> Vec<PlaceId> {
        let mut out: Vec<PlaceId> = from
            .iter()
            .take_while(|(n, _)| n.get() == name)
            .map(|&(_, i)| i)
            .collect();
        out.extend(
            self.extras()
                .filter(|(_, e)| e.name == name || e.short.as_deref() == Some(name))
                .map(|(i, _)| i),
        );
        out
    }

    /// The places directly under `code` ("" for provinces).
    pub fn children(&self, code: &str) -> Vec<PlaceId> {
        let want = match code.len() {
            0 => 2,
            2 => 4,
            4 => 6,
            _ => 9,
        };
        let range = if code.is_empty() {
            0..data::PLACES.len()
        } else {
            match data::PLACES.binary_search_by(|p| p.code.get().cmp(code)) {
                Ok(i) => i + 1..data::PLACES[i].end as usize,
                Err(_) => 0..0,
            }
        };
        // The children follow their parent in depth-first order, each followed by its own
        // subtree, which `end` skips.
        let mut out: Vec<PlaceId> = Vec::new();
        let mut i = range.start;
        while i < range.end {
            let row = &data::PLACES[i];
            if row.code.get().len() == want {
                out.push(i as PlaceId);
                i = (row.end as usize).max(i + 1);
            } else {
                i += 1;
            }
        }
        out.extend(
            self.extras()
                .filter(|(id, _)| self.get(*id).parent_code() == code)
                .map(|(i, _)| i),
        );
        out
    }

    /// The longest place name starting at byte `at` of `s`.
    pub fn longest_at(&self, s: &str, at: usize) -> Option<(Range<usize>, Vec<PlaceId>)> {
        let rest = &s[at..];
        let max = self
            .extra
            .iter()
            .map(|e| e.name.len())
            .max()
            .unwrap_or(0)
            .max(data::MAX_NAME_BYTES);
        let mut best = None;
        let t = data::BY_NAME;
        // The names beginning with the prefix read so far: `t[lo..hi]` (sorted, so they are
        // together, and those beginning with a longer prefix lie among them). The first
        // character's range comes from an index.
        let (mut lo, mut hi) = rest.chars().next().map_or((0, t.len()), first_char_range);
        let ends = rest
            .char_indices()
            .skip(1)
            .map(|(i, _)| i)
            .chain(std::iter::once(rest.len()));
        for (k, i) in ends.enumerate() {
            if i > max {
                break;
            }
            let prefix = &rest[..i];
            if k > 0 {
                lo += t[lo..hi].partition_point(|(n, _)| n.get() < prefix);
                hi = lo + t[lo..hi].partition_point(|(n, _)| n.get().starts_with(prefix));
            }
            let extra = self.extras().any(|(_, e)| {
                e.name.starts_with(prefix)
                    || e.short.as_deref().is_some_and(|sh| sh.starts_with(prefix))
            });
            // No name begins with this prefix: no longer prefix is a name either.
            if lo == hi && !extra {
                break;
            }
            // The prefix itself, when it is a name, sorts first among them. Only the
            // longest one's places are looked up, after the walk (no list per prefix).
            let named = t.get(lo).is_some_and(|(n, _)| lo < hi && n.get() == prefix);
            let named_extra = extra
                && self
                    .extras()
                    .any(|(_, e)| e.name == prefix || e.short.as_deref() == Some(prefix));
            if named || named_extra {
                best = Some((i, named.then_some(lo)));
            }
        }
        let (i, lo) = best?;
        let name = &rest[..i];
        // The gazetteer's places of that name begin at `lo` (what `lookup` finds, without
        // searching again).
        Some((
            at..at + i,
            self.named(lo.map_or(&[][..], |lo| &t[lo..]), name),
        ))
    }

    /// Whether `a` is `b` or one of its ancestors.
    pub fn is_ancestor_or_self(&self, a: PlaceId, b: PlaceId) -> bool {
        self.get(b).code.starts_with(self.get(a).code)
    }

    /// The placeholder-free parent of a place (the province of a municipality's district).
    pub fn parent(&self, id: PlaceId) -> Option<PlaceId> {
        let mut code = self.get(id).parent_code();
        while !code.is_empty() {
            let pid = self.by_code(code)?;
            if !PLACEHOLDERS.contains(&self.get(pid).name) {
                return Some(pid);
            }
            code = self.get(pid).parent_code();
        }
        None
    }

    /// The place's name with its ancestors' (江苏省无锡市滨湖区), to show in messages.
    pub fn full_name(&self, id: PlaceId) -> String {
        let mut chain = vec![self.get(id).name];
        let mut cur = id;
        while let Some(p) = self.parent(cur) {
            chain.push(self.get(p).name);
            cur = p;
        }
        chain.reverse();
        chain.concat()
    }

    /// The place a proofreader names: a code (`3202`), a name or short name (`无锡市`), or
    /// a chain of them from the outside in (`江苏省无锡市`, `吉林省长春市朝阳区`). `Err`
    /// carries the candidates: none, or several.
    pub fn resolve(&self, s: &str) -> Result<PlaceId, Vec<PlaceId>> {
        let s = s.trim();
        if !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric()) {
            return self.by_code(s).ok_or_else(Vec::new);
        }
        let mut at = 0;
        let mut cur: Vec<PlaceId> = Vec::new();
        while at < s.len() {
            let Some((r, ids)) = self.longest_at(s, at) else {
                return Err(Vec::new());
            };
            let next: Vec<PlaceId> = if cur.is_empty() {
                ids
            } else {
                ids.into_iter()
                    .filter(|&i| {
                        cur.iter()
                            .any(|&c| c != i && self.is_ancestor_or_self(c, i))
                    })
                    .collect()
            };
            if next.is_empty() {
                return Err(Vec::new());
            }
            cur = next;
            at = r.end;
        }
        // A name that is a full name of one place and only a short name of others means the
        // first (朝阳区 is not 朝阳市).
        if cur.len() > 1 {
            let full: Vec<PlaceId> = cur
                .iter()
                .copied()
                .filter(|&i| s.ends_with(self.get(i).name))
                .collect();
            if full.len() == 1 {
                return Ok(full[0]);
            }
        }
        match cur.as_slice() {
            [one] => Ok(*one),
            _ => Err(cur),
        }
    }
}

/// The range of `data::BY_NAME` whose names begin with `c` (empty where none does), from
/// an index of first characters built with the tables, so a lookup by prefix starts in a
/// small range.
fn first_char_range(c: char) -> (usize, usize) {
    let index = data::FIRST_CHARS;
    match index.binary_search_by_key(&c, |e| e.0) {
        Ok(k) => (index[k].1 as usize, index[k].2 as usize),
        Err(_) => (0, 0),
    }
}

/// Add a place named `name` under `parent` (a place of `Places::new(list)`) to `list`.
/// `short`: the name used in running text without the level suffix (新吴 for 新吴区);
/// `None` derives it as the gazetteer does, `Some("")` means it has none.
pub fn add_extra(
    list: &mut Vec<ExtraPlace>,
    name: &str,
    short: Option<&str>,
    parent: PlaceId,
) -> Result<(), String> {
    let name = name.trim();
    if name.chars().count() < 2 {
        return Err(format!("`{name}`: a place name has 2 characters or more"));
    }
    let places = Places::new(list);
    // A municipality's districts hang below its 市辖区 placeholder.
    let mut pcode = places.get(parent).code;
    let kids = places.children(pcode);
    if !kids.is_empty()
        && kids
            .iter()
            .all(|&k| PLACEHOLDERS.contains(&places.get(k).name))
    {
        pcode = places.get(kids[0]).code;
    }
    let (len, level) = match pcode.len() {
        2 => (4, 2),
        4 => (6, 3),
        6 => (9, 4),
        _ => {
            return Err(format!(
                "`{name}`: {} is a township; nothing is under it",
                places.full_name(parent)
            ))
        }
    };
    let under = places.children(pcode);
    if let Some(&same) = under.iter().find(|&&k| {
        let p = places.get(k);
        p.name == name || p.short == Some(name)
    }) {
        return Err(format!(
            "`{name}`: {} is already known ({})",
            places.full_name(same),
            places.get(same).code
        ));
    }
    // The k-th added place under this parent: a letter, then letters or digits.
    const ALNUM: &[u8; 36] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    let k = under.iter().filter(|&&k| places.is_extra(k)).count();
    let width = len - pcode.len();
    let capacity = 26 * 36usize.pow(width as u32 - 1);
    if k >= capacity {
        return Err(format!(
            "`{name}`: more than {capacity} places added under one parent"
        ));
    }
    let mut suffix = vec![0u8; width];
    let mut n = k;
    for slot in suffix.iter_mut().skip(1).rev() {
        *slot = ALNUM[n % 36];
        n /= 36;
    }
    suffix[0] = ALNUM[n];
    let code = format!("{pcode}{}", String::from_utf8_lossy(&suffix));
    let short = match short.map(str::trim) {
        Some("") => None,
        Some(s) => Some(s.to_string()),
        None => short_of(name, level).map(str::to_string),
    };
    list.push(ExtraPlace {
        code,
        name: name.to_string(),
        short,
    });
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_sorted_for_the_binary_search() {
        assert!(data::PLACES
            .windows(2)
            .all(|w| w[0].code.get() < w[1].code.get()));
        for (i, p) in data::PLACES.iter().enumerate().step_by(97) {
            assert_eq!(GAZETTEER.by_code(p.code.get()), Some(i as PlaceId));
        }
    }

    #[test]
    fn looks_up_names_and_shorts() {
        let g = &GAZETTEER;
        let binhu = g.lookup("滨湖区");
        assert!(!binhu.is_empty());
        let id = binhu[0];
        assert_eq!(g.get(id).short, Some("滨湖"));
        assert!(g.lookup("滨湖").contains(&id));
        let wuxi = g.parent(id).unwrap();
        assert_eq!(g.get(wuxi).name, "无锡市");
        let sibs: Vec<&str> = g
            .children(g.get(id).parent_code())
            .iter()
            .map(|&i| g.get(i).name)
            .collect();
        assert!(sibs.contains(&"惠山区"));
        let xuhui = g.lookup("徐汇区")[0];
        assert_eq!(g.get(g.parent(xuhui).unwrap()).name, "上海市");
        assert!(g.lookup("城区").is_empty());
        assert_eq!(g.children("").len(), 31);
        assert_eq!(g.by_code("320211"), Some(id));
    }

    #[test]
    fn resolves_names_chains_and_codes() {
        let g = &GAZETTEER;
        let wuxi = g.resolve("无锡市").unwrap();
        assert_eq!(g.get(wuxi).code, "3202");
        assert_eq!(g.resolve("江苏省无锡市"), Ok(wuxi));
        assert_eq!(g.resolve("3202"), Ok(wuxi));
        assert_eq!(
            g.full_name(g.resolve("滨湖区").unwrap()),
            "江苏省无锡市滨湖区"
        );
        // 朝阳区 is in Beijing and in Changchun: ambiguous until its city is named.
        assert_eq!(g.resolve("朝阳区").unwrap_err().len(), 2);
        let cc = g.resolve("长春市朝阳区").unwrap();
        assert_eq!(g.full_name(cc), "吉林省长春市朝阳区");
        assert!(g.resolve("不存在市").unwrap_err().is_empty());
        assert!(g.resolve("9999").is_err());
    }

    #[test]
    fn added_places_read_as_real_ones() {
        let mut extra = Vec::new();
        let wuxi = GAZETTEER.resolve("无锡市").unwrap();
        add_extra(&mut extra, "无锡经济开发区", Some("经开区"), wuxi).unwrap();
        add_extra(&mut extra, "太湖新城区", None, wuxi).unwrap();
        // Already in the gazetteer under that parent.
        assert!(add_extra(&mut extra, "新吴区", None, wuxi)
            .unwrap_err()
            .contains("江苏省无锡市新吴区"));
        // Under a municipality: below its 市辖区, beside its districts.
        let sh = GAZETTEER.resolve("上海市").unwrap();
        add_extra(&mut extra, "临港新片区", Some(""), sh).unwrap();
        let g = Places::new(&extra);
        let kfq = g.lookup("经开区")[0];
        assert!(g.is_extra(kfq));
        assert_eq!(g.lookup("无锡经济开发区"), vec![kfq]);
        assert_eq!(g.get(kfq).level(), 3);
        assert_eq!(g.parent(kfq), Some(wuxi));
        assert_eq!(g.full_name(kfq), "江苏省无锡市无锡经济开发区");
        assert!(g.is_ancestor_or_self(wuxi, kfq));
        let thxc = g.lookup("太湖新城")[0];
        assert_ne!(g.get(thxc).code, g.get(kfq).code);
        assert_eq!(g.by_code(g.get(thxc).code), Some(thxc));
        let kids = g.children("3202");
        assert!(kids.contains(&kfq) && kids.contains(&thxc));
        assert!(kids.contains(&GAZETTEER.resolve("滨湖区").unwrap()));
        let lg = g.lookup("临港新片区")[0];
        assert_eq!(g.get(lg).short, None);
        assert_eq!(g.parent(lg), Some(sh));
        assert_eq!(g.get(lg).level(), 3);
        assert_eq!(g.longest_at("无锡经济开发区管委会", 0).unwrap().0, 0..21);
        // Places under an added place.
        add_extra(&mut extra, "华庄街道", None, kfq).unwrap();
        let g = Places::new(&extra);
        let hz = g.lookup("华庄街道");
        assert!(hz
            .iter()
            .any(|&i| g.is_extra(i) && g.parent(i) == Some(kfq)));
    }
}
