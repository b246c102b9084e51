//! The numbering analysis shared by `numbering-gap`, `numbering-restart` and
//! `numbering-duplicate`: walk each sibling group once and say what is wrong where.

use crate::tree::{ItemId, Notice};

/// What is wrong with one ordinal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    /// Skips ahead: `expected` was due, `prev` is the sibling before (None at a list's start).
    Gap { prev: Option<ItemId>, expected: u64 },
    /// Goes back to 1, or back to a value not used yet, after `prev`.
    Restart { prev: ItemId },
    /// A value already used, first at `first`.
    Duplicate { first: ItemId },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Finding {
    pub item: ItemId,
    pub group: usize,
    pub problem: Problem,
}

/// Walk every sibling group. After a wrong ordinal the walk resynchronises: an item one
/// past the previous one *or* one past the highest so far is in order (1 2 8 9 3 10: only
/// 8 and 3 are reported).
pub fn analyse(n: &Notice) -> Vec<Finding> {
    let mut out = Vec::new();
    // The first item of each value in the group: only looked up, never iterated, so the
    // cheap hasher of the tree's maps does; one map for all groups.
    let mut used: std::collections::HashMap<
        u64,
        ItemId,
        std::hash::BuildHasherDefault<crate::tree::KeyHasher>,
    > = Default::default();
    for (gi, g) in n.groups.iter().enumerate() {
        let first = g.items[0];
        let v0 = n.item(first).value;
        // A list that starts past 1 (二、三、 with no 一、): only when there is a list, so
        // that a lone item quoted from elsewhere stays silent.
        if v0 > 1 && g.items.len() >= 2 && v0 < 1000 {
            out.push(Finding {
                item: first,
                group: gi,
                problem: Problem::Gap {
                    prev: None,
                    expected: 1,
                },
            });
        }
        used.clear();
        used.insert(v0, first);
        let mut last = v0;
        let mut max = v0;
        let mut prev = first;
        for &id in &g.items[1..] {
            let v = n.item(id).value;
            let problem = if v < last && (v == 1 || !used.contains_key(&v)) {
                // Back to the start, or back to a value not used yet.
                Some(Problem::Restart { prev })
            } else if let Some(&f) = used.get(&v) {
                Some(Problem::Duplicate { first: f })
            } else if v == last + 1 || v == max + 1 {
                None
            } else {
                Some(Problem::Gap {
                    prev: Some(prev),
                    expected: last + 1,
                })
            };
            if let Some(problem) = problem {
                out.push(Finding {
                    item: id,
                    group: gi,
                    problem,
                });
            }
            used.entry(v).or_insert(id);
            last = v;
            max = max.max(v);
            prev = id;
        }
    }
    out
}

/// The sequence of a group as written, for notes: `1、2、8、9、10、11、3、12、`.
pub fn sequence(n: &Notice, text: &str, group: usize) -> String {
    let g = &n.groups[group];
    let mut s = String::new();
    for (k, &id) in g.items.iter().enumerate() {
        if k > 0 {
            s.push(' ');
        }
        if k >= 30 {
            s.push('…');
            break;
        }
        s.push_str(text[n.item(id).marker.clone()].trim());
    }
    s
}

/// Where a group lives, for messages: `在“（一）已整改完成的问题”下`.
pub fn context(n: &Notice, text: &str, group: usize) -> (String, String) {
    match n.groups[group].parent {
        Some(p) => {
            let para = &n.paragraphs[n.item(p).paragraph as usize];
            let t: String = text[para.span.clone()].chars().take(16).collect();
            let ell = if text[para.span.clone()].chars().count() > 16 {
                "…"
            } else {
                ""
            };
            (format!("“{t}{ell}”下"), format!("under “{t}{ell}”"))
        }
        None => ("正文第一级".into(), "at the top level".into()),
    }
}
