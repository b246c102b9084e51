//! China's administrative divisions (`rules/places.tsv`): names, short names and the
//! parent of each place, parsed once on first use.
//!
//! A place's code says its level and its parent: 2 digits a province, 4 a prefecture
//! (parent: the first 2), 6 a county (the first 4), 9 a township or 街道 (the first 6).

use std::collections::HashMap;
use std::ops::Range;
use std::sync::LazyLock;

const DATA: &str = include_str!("../rules/places.tsv");

/// Index into [`Gazetteer::places`].
pub type PlaceId = u32;

#[derive(Debug, Clone, Copy)]
pub struct Place {
    pub code: &'static str,
    pub name: &'static str,
    /// The name without its level suffix (滨湖区 → 滨湖), when that leaves 2 characters or more.
    pub short: Option<&'static str>,
}

impl Place {
    /// 1 province, 2 prefecture, 3 county, 4 township.
    pub fn level(&self) -> u8 {
        match self.code.len() {
            2 => 1,
            4 => 2,
            6 => 3,
            _ => 4,
        }
    }

    pub fn parent_code(&self) -> &'static str {
        match self.code.len() {
            2 => "",
            4 => &self.code[..2],
            6 => &self.code[..4],
            _ => &self.code[..6],
        }
    }
}

pub struct Gazetteer {
    pub places: Vec<Place>,
    by_code: HashMap<&'static str, PlaceId>,
    by_name: HashMap<&'static str, Vec<PlaceId>>,
    children: HashMap<&'static str, Vec<PlaceId>>,
    max_bytes: usize,
}

/// Names under municipalities that are placeholders, not places.
const PLACEHOLDERS: &[&str] = &[
    "市辖区",
    "县",
    "省直辖县级行政区划",
    "自治区直辖县级行政区划",
];

fn short_of(name: &'static str, level: u8) -> Option<&'static str> {
    let suffixes: &[&str] = match level {
        1 => &[
            "壮族自治区",
            "回族自治区",
            "维吾尔自治区",
            "自治区",
            "特别行政区",
            "省",
            "市",
        ],
        2 => &["自治州", "地区", "盟", "市"],
        3 => &["自治县", "自治旗", "林区", "特区", "区", "县", "市", "旗"],
        _ => &[],
    };
    let s = suffixes.iter().find_map(|suf| name.strip_suffix(suf))?;
    (s.chars().count() >= 2).then_some(s)
}

pub static GAZETTEER: LazyLock<Gazetteer> = LazyLock::new(|| {
    let mut g = Gazetteer {
        places: Vec::with_capacity(45_000),
        by_code: HashMap::new(),
        by_name: HashMap::new(),
        children: HashMap::new(),
        max_bytes: 0,
    };
    for line in DATA.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let Some((code, name)) = line.split_once('\t') else {
            continue;
        };
        let id = g.places.len() as PlaceId;
        let level = match code.len() {
            2 => 1,
            4 => 2,
            6 => 3,
            _ => 4,
        };
        let placeholder = PLACEHOLDERS.contains(&name);
        let short = if placeholder {
            None
        } else {
            short_of(name, level)
        };
        g.places.push(Place { code, name, short });
        g.by_code.insert(code, id);
        let p = g.places[id as usize];
        g.children.entry(p.parent_code()).or_default().push(id);
        if placeholder {
            continue;
        }
        // Two-character county and township names (城区, 郊区, 新区) are ordinary words.
        if name.chars().count() >= 3 || level <= 2 {
            g.by_name.entry(name).or_default().push(id);
            g.max_bytes = g.max_bytes.max(name.len());
        }
        if let Some(s) = short {
            g.by_name.entry(s).or_default().push(id);
        }
    }
    g
});

impl Gazetteer {
    pub fn get(&self, id: PlaceId) -> &Place {
        &self.places[id as usize]
    }

    pub fn by_code(&self, code: &str) -> Option<PlaceId> {
        self.by_code.get(code).copied()
    }

    /// Places with this exact name or short name.
    pub fn lookup(&self, name: &str) -> &[PlaceId] {
        self.by_name.get(name).map_or(&[], Vec::as_slice)
    }

    /// The places directly under `code` ("" for provinces). Placeholders (市辖区) are
    /// looked through: the districts of a municipality are children of its 市辖区.
    pub fn children(&self, code: &str) -> &[PlaceId] {
        self.children.get(code).map_or(&[], Vec::as_slice)
    }

    /// The longest place name starting at byte `at` of `s`.
    pub fn longest_at(&self, s: &str, at: usize) -> Option<(Range<usize>, &[PlaceId])> {
        let rest = &s[at..];
        let mut best = None;
        for (i, c) in rest.char_indices().skip(1) {
            if i > self.max_bytes {
                break;
            }
            if let Some(ids) = self.by_name.get(&rest[..i]) {
                best = Some((at..at + i, ids.as_slice()));
            }
            let _ = c;
        }
        if rest.len() <= self.max_bytes {
            if let Some(ids) = self.by_name.get(rest) {
                best = Some((at..at + rest.len(), ids.as_slice()));
            }
        }
        best
    }

    /// Whether `a` is `b` or one of its ancestors.
    pub fn is_ancestor_or_self(&self, a: PlaceId, b: PlaceId) -> bool {
        let (a, b) = (self.get(a), self.get(b));
        b.code.starts_with(a.code)
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
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn looks_up_names_and_shorts() {
        let g = &*GAZETTEER;
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
    }
}
