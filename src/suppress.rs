//! Suppression comments in Markdown notices:
//!
//! ```text
//! <!-- noticelint-disable NL405 -->      … up to <!-- noticelint-enable --> (or the end)
//! <!-- noticelint-disable-next-line NL402 foreign-word -->
//! ```
//!
//! Codes, prefixes or names, separated by spaces or commas; none means every rule. A
//! suppression that suppresses nothing is reported (NL001 unused-suppression), so that
//! stale ones do not pile up.

use std::ops::Range;

use crate::options::Selector;

/// One suppression comment and the byte range it covers.
#[derive(Debug, Clone)]
pub struct Suppression {
    /// The comment itself.
    pub comment: Range<usize>,
    /// The text it covers.
    pub covers: Range<usize>,
    /// Empty: every rule.
    pub rules: Vec<Selector>,
    pub used: bool,
}

fn parse_codes(s: &str) -> Vec<Selector> {
    s.split([' ', ',', '，'])
        .filter(|w| !w.is_empty())
        .filter_map(Selector::parse)
        .collect()
}

/// Find the suppression comments of a text.
pub fn find(text: &str) -> Vec<Suppression> {
    let mut out: Vec<Suppression> = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    let mut pos = 0;
    while let Some(i) = text[pos..].find("<!--") {
        let start = pos + i;
        let Some(j) = text[start..].find("-->") else {
            break;
        };
        let end = start + j + 3;
        pos = end;
        let body = text[start + 4..end - 3].trim();
        if let Some(rest) = body.strip_prefix("noticelint-disable-next-line") {
            // The next non-blank line after the comment.
            let after = text[end..].find('\n').map_or(text.len(), |k| end + k + 1);
            let mut s = after;
            for line in text[after..].split_inclusive('\n') {
                if line.trim().is_empty() {
                    s += line.len();
                    continue;
                }
                out.push(Suppression {
                    comment: start..end,
                    covers: s..s + line.len(),
                    rules: parse_codes(rest),
                    used: false,
                });
                break;
            }
        } else if let Some(rest) = body.strip_prefix("noticelint-disable") {
            open.push(out.len());
            out.push(Suppression {
                comment: start..end,
                covers: end..text.len(),
                rules: parse_codes(rest),
                used: false,
            });
        } else if let Some(rest) = body.strip_prefix("noticelint-enable") {
            let which = parse_codes(rest);
            // Close the matching open regions (all of them when no code is given).
            open.retain(|&k| {
                let close = which.is_empty() || out[k].rules.iter().any(|r| which.contains(r));
                if close {
                    out[k].covers.end = start;
                }
                !close
            });
        }
    }
    out
}

/// Whether a suppression covers a finding of `code` starting at `start`; the suppressions
/// that do are marked used.
pub fn covers(sups: &mut [Suppression], code: &str, start: usize) -> bool {
    let mut hit = false;
    for s in sups.iter_mut() {
        let rule_ok = s.rules.is_empty()
            || s.rules
                .iter()
                .any(|sel| crate::registry::find(code).is_some_and(|r| sel.matches(r)));
        if rule_ok && s.covers.contains(&start) {
            s.used = true;
            hit = true;
        }
    }
    hit
}
