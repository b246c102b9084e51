//! Corpus generator for throughput measurements: writes N notices with varied numbers, dates
//! and places, so that no two files are alike. Nothing large is committed: generate it.
//!
//! `cargo run --release --example gen_corpus -- OUT_DIR [N=4000] [SEED=1] [--fixtures]`
//!
//! By default the notices are made from whole notices: the seed, `corpus/clean/` and, when
//! the workplace's shared corpus is next to the repository, `../shared/corpus/clean/` (read
//! at run time, never copied), so that files average several kilobytes and carry few
//! defects, as published notices do. `--fixtures` adds the rule fixtures of
//! `corpus/rules/` (short, defect-dense bad examples): the stress mix that session 2's
//! figures were measured on.
//!
//! Numbers keep their digit count; a number before 年 becomes a year 2012–2025, before 月 a
//! month, before 日 a day 1–28; item markers (1、 （2） 第3条) keep theirs; the districts of Wuxi (滨湖, 惠山, 梁溪, 新吴, 锡山, 江阴,
//! 宜兴) are permuted per notice, consistently, so issuer and places still agree.

use std::path::{Path, PathBuf};

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

const DISTRICTS: [&str; 7] = ["滨湖", "惠山", "梁溪", "新吴", "锡山", "江阴", "宜兴"];

fn sources(root: &Path, fixtures: bool) -> Vec<String> {
    let mut files: Vec<PathBuf> = vec![root.join("notice-binhu-2021.txt")];
    let mut dirs = vec![root.join("clean")];
    if fixtures {
        if let Ok(rd) = std::fs::read_dir(root.join("rules")) {
            let mut v: Vec<PathBuf> = rd.flatten().map(|e| e.path()).collect();
            v.sort();
            dirs.extend(v);
        }
    } else {
        dirs.push(root.join("../../shared/corpus/clean"));
    }
    for d in dirs {
        if let Ok(rd) = std::fs::read_dir(&d) {
            let mut v: Vec<PathBuf> = rd
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "txt"))
                .collect();
            v.sort();
            files.extend(v);
        }
    }
    files
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect()
}

fn vary(text: &str, rng: &mut Rng) -> String {
    // Places: a permutation of the districts, applied in one pass.
    let mut perm: Vec<usize> = (0..DISTRICTS.len()).collect();
    for i in (1..perm.len()).rev() {
        perm.swap(i, rng.below(i as u64 + 1) as usize);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if let Some(k) = DISTRICTS.iter().position(|d| rest.starts_with(d)) {
            out.push_str(DISTRICTS[perm[k]]);
            rest = &rest[DISTRICTS[k].len()..];
            continue;
        }
        if c.is_ascii_digit() {
            let n = rest.bytes().take_while(u8::is_ascii_digit).count();
            let after = rest[n..].chars().next();
            // Item markers (1、 1. （1） 第1条) keep their numbers, so that the numbering
            // stays as the source had it.
            let marker = matches!(after, Some('、' | '.' | '．' | '）' | ')' | '条' | '章'))
                || out.ends_with('（')
                || out.ends_with('(');
            match after {
                _ if marker => out.push_str(&rest[..n]),
                Some('年') if n == 4 => out.push_str(&(2012 + rng.below(14)).to_string()),
                Some('月') if n <= 2 => out.push_str(&(1 + rng.below(12)).to_string()),
                Some('日') if n <= 2 => out.push_str(&(1 + rng.below(28)).to_string()),
                _ => {
                    for i in 0..n {
                        let d = if i == 0 && n > 1 {
                            1 + rng.below(9)
                        } else {
                            rng.below(10)
                        };
                        out.push(char::from(b'0' + d as u8));
                    }
                }
            }
            rest = &rest[n..];
            continue;
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

fn main() {
    let argv: Vec<String> = std::env::args().skip(1).collect();
    let fixtures = argv.iter().any(|a| a == "--fixtures");
    let mut args = argv.into_iter().filter(|a| a != "--fixtures");
    let Some(dir) = args.next() else {
        eprintln!("usage: gen_corpus OUT_DIR [N=4000] [SEED=1] [--fixtures]");
        std::process::exit(2);
    };
    let n: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(4000);
    let seed: u64 = args.next().and_then(|s| s.parse().ok()).unwrap_or(1);
    let src = sources(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus"),
        fixtures,
    );
    assert!(!src.is_empty(), "no notices under corpus/");
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    std::fs::create_dir_all(&dir).expect("create the output folder");
    let mut bytes = 0;
    for i in 0..n {
        // With the fixtures, the long notices (the seed, the clean ones) come more often
        // than the fixtures, so that a file still averages a few kilobytes.
        let k = if !fixtures {
            rng.below(src.len() as u64) as usize
        } else if rng.below(2) == 0 {
            rng.below(11.min(src.len() as u64)) as usize
        } else {
            rng.below(src.len() as u64) as usize
        };
        let text = vary(&src[k], &mut rng);
        bytes += text.len();
        let sub = Path::new(&dir).join(format!("{:02}", i / 500));
        std::fs::create_dir_all(&sub).expect("create a subfolder");
        std::fs::write(sub.join(format!("notice-{i:05}.txt")), text).expect("write a notice");
    }
    eprintln!("{n} notices, {bytes} bytes, in {dir}");
}
