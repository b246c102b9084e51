//! China's administrative divisions (`rules/places.tsv`, compiled into static tables by
//! `build.rs`): names, short names and the parent of each place. Nothing is parsed at
//! run time.
//!
//! A place's code says its level and its parent: 2 digits a province, 4 a prefecture
//! (parent: the first 2), 6 a county (the first 4), 9 a township or 街道 (the first 6).

use std::ops::Range;

mod data {
    include!(concat!(env!("OUT_DIR"), "/places.rs"));
}

/// Index into the table of places.
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

/// Names under municipalities that are placeholders, not places.
const PLACEHOLDERS: &[&str] = &[
    "市辖区",
    "县",
    "省直辖县级行政区划",
    "自治区直辖县级行政区划",
];

/// The table of places.
pub struct Gazetteer;

pub static GAZETTEER: Gazetteer = Gazetteer;

impl Gazetteer {
    pub fn len(&self) -> usize {
        data::PLACES.len()
    }

    pub fn is_empty(&self) -> bool {
        data::PLACES.is_empty()
    }

    pub fn get(&self, id: PlaceId) -> Place {
        let (code, name, short, _) = data::PLACES[id as usize];
        Place { code, name, short }
    }

    pub fn by_code(&self, code: &str) -> Option<PlaceId> {
        // Codes are in depth-first order, which is also their sorted order (a parent's code
        // is a prefix of its children's): a binary search.
        data::PLACES
            .binary_search_by(|p| p.0.cmp(code))
            .ok()
            .map(|i| i as PlaceId)
    }

    /// Places with this exact name or short name.
    pub fn lookup(&self, name: &str) -> Vec<PlaceId> {
        let t = data::BY_NAME;
        let lo = t.partition_point(|(n, _)| *n < name);
        t[lo..]
            .iter()
            .take_while(|(n, _)| *n == name)
            .map(|&(_, i)| i)
            .collect()
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
            match self.by_code(code) {
                Some(i) => i as usize + 1..data::PLACES[i as usize].3 as usize,
                None => return Vec::new(),
            }
        };
        range
            .filter(|&i| data::PLACES[i].0.len() == want)
            .map(|i| i as PlaceId)
            .collect()
    }

    /// The longest place name starting at byte `at` of `s`.
    pub fn longest_at(&self, s: &str, at: usize) -> Option<(Range<usize>, Vec<PlaceId>)> {
        let rest = &s[at..];
        let mut best = None;
        let mut ends: Vec<usize> = rest.char_indices().skip(1).map(|(i, _)| i).collect();
        ends.push(rest.len());
        for i in ends {
            if i > data::MAX_NAME_BYTES {
                break;
            }
            let ids = self.lookup(&rest[..i]);
            if !ids.is_empty() {
                best = Some((at..at + i, ids));
            }
        }
        best
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
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_sorted_for_the_binary_search() {
        assert!(data::PLACES.windows(2).all(|w| w[0].0 < w[1].0));
        for (i, p) in data::PLACES.iter().enumerate().step_by(97) {
            assert_eq!(GAZETTEER.by_code(p.0), Some(i as PlaceId));
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
}
