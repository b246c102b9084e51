//! Safe fixes: apply them to a text, and write a file back in its own encoding.
//!
//! Only fixes marked [`Applicability::Safe`] are applied. Edits that overlap an edit
//! already taken are left for the next round; rounds repeat (at most [`ROUNDS`]) until no
//! safe fix remains, so running `--fix` twice changes nothing the second time.

use std::collections::BTreeMap;

use crate::diagnostic::{Applicability, Diagnostic, Edit};
use crate::options::Options;

/// At most this many lint-and-fix rounds.
pub const ROUNDS: usize = 8;

/// The result of fixing a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fixed {
    pub text: String,
    /// How many fixes were applied.
    pub applied: usize,
}

/// Apply the safe fixes of `diags` to `text` (one round). Returns the new text and the
/// number of fixes applied.
pub fn apply_safe(text: &str, diags: &[Diagnostic]) -> (String, usize) {
    // The taken edits by where they start. They never overlap and no two start at one
    // place, so an edit can clash only with the edits starting inside it (or where it
    // starts) and with the one edit starting before it: two look-ups instead of a
    // comparison with every taken edit (quadratic on a notice with 100,000 fixes).
    let mut taken: BTreeMap<usize, &Edit> = BTreeMap::new();
    let clashes = |taken: &BTreeMap<usize, &Edit>, e: &Edit| {
        let (s, t) = (e.span.start, e.span.end);
        taken.range(s..t.max(s + 1)).next().is_some()
            || taken
                .range(..s)
                .next_back()
                .is_some_and(|(_, before)| before.span.end > s)
    };
    let mut applied = 0;
    for d in diags {
        let Some(fix) = &d.fix else { continue };
        if fix.applicability != Applicability::Safe || fix.edits.is_empty() {
            continue;
        }
        let valid = fix.edits.iter().all(|e| {
            e.span.start <= e.span.end
                && e.span.end <= text.len()
                && text.is_char_boundary(e.span.start)
                && text.is_char_boundary(e.span.end)
        });
        if !valid || fix.edits.iter().any(|e| clashes(&taken, e)) {
            continue;
        }
        // A fix whose own edits clash is left alone too.
        let mut own = BTreeMap::new();
        if fix.edits.iter().any(|e| {
            let c = clashes(&own, e);
            own.insert(e.span.start, e);
            c
        }) {
            continue;
        }
        taken.extend(own);
        applied += 1;
    }
    let mut out = String::with_capacity(text.len());
    let mut pos = 0;
    for e in taken.into_values() {
        out.push_str(&text[pos..e.span.start]);
        out.push_str(&e.replacement);
        pos = e.span.end;
    }
    out.push_str(&text[pos..]);
    (out, applied)
}

/// Lint and apply safe fixes until none remains.
pub fn fix_text(text: &str, options: &Options) -> Fixed {
    let mut cur = text.to_owned();
    let mut applied = 0;
    for _ in 0..ROUNDS {
        let diags = crate::check(&cur, options);
        let (next, n) = apply_safe(&cur, &diags);
        if n == 0 || next == cur {
            break;
        }
        applied += n;
        cur = next;
    }
    Fixed { text: cur, applied }
}

/// Encode `text` back into the file's encoding (with its BOM if it had one).
pub fn encode(text: &str, encoding: &str, bom: bool) -> Result<Vec<u8>, String> {
    let mut out = Vec::with_capacity(text.len() + 3);
    match encoding {
        "utf-8" => {
            if bom {
                out.extend_from_slice(b"\xEF\xBB\xBF");
            }
            out.extend_from_slice(text.as_bytes());
        }
        "utf-16le" | "utf-16be" => {
            let le = encoding == "utf-16le";
            out.extend_from_slice(if le { b"\xFF\xFE" } else { b"\xFE\xFF" });
            for u in text.encode_utf16() {
                out.extend_from_slice(&if le { u.to_le_bytes() } else { u.to_be_bytes() });
            }
        }
        other => {
            let enc = encoding_rs::Encoding::for_label(other.as_bytes())
                .ok_or_else(|| format!("cannot write the encoding {other}"))?;
            let (bytes, _, unmappable) = enc.encode(text);
            if unmappable {
                return Err(format!(
                    "the fixed text has characters that {other} cannot hold; file left unchanged"
                ));
            }
            out.extend_from_slice(&bytes);
        }
    }
    Ok(out)
}

/// Write a file through a temporary file beside it and a rename, so that it is either the
/// old file or the new one, never half written. Keeps the old file's permissions. Used by
/// `--fix` and by `annotate`.
pub fn write_atomically(path: &std::path::Path, bytes: &[u8]) -> Result<(), String> {
    use std::io::Write;
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(std::path::Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.noticelint-{}.tmp", std::process::id()));
    let result = (|| -> std::io::Result<()> {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        if let Ok(meta) = std::fs::metadata(path) {
            std::fs::set_permissions(&tmp, meta.permissions())?;
        }
        std::fs::rename(&tmp, path)
    })();
    result.map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        format!("cannot write: {e}")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixes_are_idempotent_and_keep_encoding() {
        let t = "根据部署,开展检查(一)工作。\r\n下一段,继续。\r\n";
        let o = Options::default();
        let f = fix_text(t, &o);
        assert!(f.applied >= 2, "{f:?}");
        assert!(f.text.contains("\r\n"));
        assert_eq!(fix_text(&f.text, &o).applied, 0);
        let gb = encode(&f.text, "gb18030", false).unwrap();
        let back = crate::source::decode(&gb).unwrap();
        assert_eq!(back.text, f.text);
        let u16 = encode(&f.text, "utf-16le", true).unwrap();
        assert_eq!(crate::source::decode(&u16).unwrap().text, f.text);
    }
}
