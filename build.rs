//! Compiles `rules/places.tsv` into static tables, so that looking up a place costs no
//! parsing at start-up (a notice is checked in milliseconds).
//!
//! Generated in `$OUT_DIR/places.rs`:
//! - `PLACES: [(code, name, short, subtree_end)]` in the file's order (depth first, so a
//!   place's descendants follow it up to `subtree_end`);
//! - `BY_NAME: [(name, index)]` sorted by name, holding full and short names.

use std::fmt::Write as _;

const PLACEHOLDERS: &[&str] = &[
    "市辖区",
    "县",
    "省直辖县级行政区划",
    "自治区直辖县级行政区划",
];

fn level(code: &str) -> u8 {
    match code.len() {
        2 => 1,
        4 => 2,
        6 => 3,
        _ => 4,
    }
}

include!("src/short_name.rs");

fn main() {
    println!("cargo:rerun-if-changed=rules/places.tsv");
    println!("cargo:rerun-if-changed=src/short_name.rs");
    let data = std::fs::read_to_string("rules/places.tsv").expect("rules/places.tsv");
    let mut places: Vec<(String, String, Option<String>)> = Vec::new();
    for line in data.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let Some((code, name)) = line.split_once('\t') else {
            continue;
        };
        let placeholder = PLACEHOLDERS.contains(&name);
        let short = if placeholder {
            None
        } else {
            short_of(name, level(code)).map(str::to_string)
        };
        places.push((code.to_string(), name.to_string(), short));
    }
    let mut ends = vec![0usize; places.len()];
    for i in 0..places.len() {
        let mut j = i + 1;
        while j < places.len()
            && places[j].0.starts_with(&places[i].0)
            && places[j].0.len() > places[i].0.len()
        {
            j += 1;
        }
        ends[i] = j;
    }
    let mut by_name: Vec<(String, usize)> = Vec::new();
    for (i, (code, name, short)) in places.iter().enumerate() {
        if PLACEHOLDERS.contains(&name.as_str()) {
            continue;
        }
        // Two-character county and township names (城区, 郊区) are ordinary words.
        if name.chars().count() >= 3 || level(code) <= 2 {
            by_name.push((name.clone(), i));
        }
        if let Some(s) = short {
            by_name.push((s.clone(), i));
        }
    }
    by_name.sort();
    by_name.dedup();
    let mut out = String::new();
    writeln!(
        out,
        "pub static PLACES: &[(&str, &str, Option<&str>, u32)] = &["
    )
    .unwrap();
    for (i, (c, n, s)) in places.iter().enumerate() {
        match s {
            Some(s) => writeln!(out, "(\"{c}\",\"{n}\",Some(\"{s}\"),{}),", ends[i]).unwrap(),
            None => writeln!(out, "(\"{c}\",\"{n}\",None,{}),", ends[i]).unwrap(),
        }
    }
    writeln!(out, "];").unwrap();
    writeln!(out, "pub static BY_NAME: &[(&str, u32)] = &[").unwrap();
    for (n, i) in &by_name {
        writeln!(out, "(\"{n}\",{i}),").unwrap();
    }
    writeln!(out, "];").unwrap();
    let max = by_name.iter().map(|(n, _)| n.len()).max().unwrap_or(0);
    writeln!(out, "pub const MAX_NAME_BYTES: usize = {max};").unwrap();
    let path = std::path::Path::new(&std::env::var("OUT_DIR").unwrap()).join("places.rs");
    std::fs::write(path, out).unwrap();
    words_index();
}

/// `$OUT_DIR/words_start.rs`: where the body of `rules/words.txt` starts (after its header:
/// the leading comment and blank lines); `$OUT_DIR/words_index.bin`: for each line of the
/// body, 16 bytes: the word's first eight bytes zero-padded as a
/// big-endian number, written little-endian (u64), where the line starts in the body (u32)
/// and the word's length (u32, the bytes before the first space). `duplicate-char` binary-
/// searches it as it is (no index built at start-up).
fn words_index() {
    println!("cargo:rerun-if-changed=rules/words.txt");
    let text = std::fs::read_to_string("rules/words.txt").expect("rules/words.txt");
    let mut off = 0;
    for line in text.split_inclusive('\n') {
        if line.starts_with('#') || line.trim().is_empty() {
            off += line.len();
        } else {
            break;
        }
    }
    let body = &text.as_bytes()[off..];
    let mut out = Vec::with_capacity(body.len() * 2);
    let mut push = |start: usize, end: usize| {
        let w = &body[start..end];
        let mut t = [0u8; 8];
        let k = w.len().min(8);
        t[..k].copy_from_slice(&w[..k]);
        out.extend_from_slice(&u64::from_be_bytes(t).to_le_bytes());
        out.extend_from_slice(&(start as u32).to_le_bytes());
        out.extend_from_slice(&((end - start) as u32).to_le_bytes());
    };
    let (mut start, mut word_end) = (0, None);
    for (p, &b) in body.iter().enumerate() {
        if b == b' ' && word_end.is_none() {
            word_end = Some(p);
        } else if b == b'\n' {
            push(start, word_end.unwrap_or(p));
            (start, word_end) = (p + 1, None);
        }
    }
    if start < body.len() {
        push(start, word_end.unwrap_or(body.len()));
    }
    let dir = std::env::var("OUT_DIR").unwrap();
    let dir = std::path::Path::new(&dir);
    std::fs::write(dir.join("words_index.bin"), out).unwrap();
    std::fs::write(dir.join("words_start.rs"), off.to_string()).unwrap();
}
