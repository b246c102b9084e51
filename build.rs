//! Compiles `rules/places.tsv` into static tables, so that looking up a place costs no
//! parsing at start-up (a notice is checked in milliseconds).
//!
//! Generated in `$OUT_DIR/places.rs`:
//! - `TEXT`: every code and name once;
//! - `PLACES: [Row { code, name, short, end }]` in the file's order (depth first, so a
//!   place's descendants follow it up to `end`), each string as `Str(start, length)` in
//!   `TEXT` (a short name of length 0: none);
//! - `BY_NAME: [(name, index)]` sorted by name, holding full and short names;
//! - `FIRST_CHARS: [(char, start, end)]`: the range of `BY_NAME` whose names begin with
//!   each character, sorted by character.

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
    // Every string once in one text; the tables hold where each lies in it (numbers, not
    // pointers: no relocations for the loader to apply at start-up, and the tables stay
    // read-only pages that are read in only where a search touches them).
    let mut text = String::new();
    let mut at: std::collections::HashMap<String, (usize, usize)> = Default::default();
    let mut str_of = |s: &str| {
        let (a, n) = *at.entry(s.to_string()).or_insert_with(|| {
            text.push_str(s);
            (text.len() - s.len(), s.len())
        });
        format!("Str({a},{n})")
    };
    let mut rows = String::new();
    for (i, (c, n, s)) in places.iter().enumerate() {
        let short = s.as_deref().map_or("Str(0,0)".to_string(), &mut str_of);
        writeln!(
            rows,
            "Row{{code:{},name:{},short:{short},end:{}}},",
            str_of(c),
            str_of(n),
            ends[i]
        )
        .unwrap();
    }
    let mut names = String::new();
    for (n, i) in &by_name {
        writeln!(names, "({},{i}),", str_of(n)).unwrap();
    }
    // The range of BY_NAME whose names begin with each first character (sorted by name,
    // so they are together).
    let mut firsts: Vec<(char, usize, usize)> = Vec::new();
    for (k, (n, _)) in by_name.iter().enumerate() {
        let Some(c) = n.chars().next() else { continue };
        match firsts.last_mut() {
            Some(last) if last.0 == c => last.2 = k + 1,
            _ => firsts.push((c, k, k + 1)),
        }
    }
    let mut first = String::new();
    for (c, lo, hi) in firsts {
        writeln!(first, "({c:?},{lo},{hi}),").unwrap();
    }
    let mut out = String::new();
    writeln!(out, "pub static TEXT: &str = {text:?};").unwrap();
    writeln!(
        out,
        "pub static FIRST_CHARS: &[(char, u32, u32)] = &[\n{first}];"
    )
    .unwrap();
    writeln!(out, "pub static PLACES: &[Row] = &[\n{rows}];").unwrap();
    writeln!(out, "pub static BY_NAME: &[(Str, u32)] = &[\n{names}];").unwrap();
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
    // `$OUT_DIR/words_first.bin`: for each character from U+4E00 to U+A000 (the CJK
    // Unified Ideographs and one past them), the first line whose word does not sort
    // before it (u32, little-endian): the lines of the words that begin with one
    // ideograph, found without a search over the lines that share its first two bytes.
    // The lines as the index has them: one per newline, and the last unless empty.
    let mut words: Vec<&[u8]> = body
        .split(|&b| b == b'\n')
        .map(|l| l.split(|&b| b == b' ').next().unwrap_or(l))
        .collect();
    if body.last().is_none_or(|&b| b == b'\n') {
        words.pop();
    }
    assert!(
        words.windows(2).all(|w| w[0] < w[1]),
        "rules/words.txt: the words must be sorted by their bytes, each once"
    );
    let mut first = Vec::with_capacity((0xA001 - 0x4E00) * 4);
    let mut line = 0;
    for cp in 0x4E00..=0xA000u32 {
        let mut key = [0u8; 4];
        let key = char::from_u32(cp).unwrap().encode_utf8(&mut key).as_bytes();
        while line < words.len() && words[line] < key {
            line += 1;
        }
        first.extend_from_slice(&(line as u32).to_le_bytes());
    }
    let dir = std::env::var("OUT_DIR").unwrap();
    let dir = std::path::Path::new(&dir);
    std::fs::write(dir.join("words_first.bin"), first).unwrap();
    std::fs::write(dir.join("words_index.bin"), out).unwrap();
    std::fs::write(dir.join("words_start.rs"), off.to_string()).unwrap();
}
