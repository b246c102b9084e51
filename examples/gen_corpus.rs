//! Corpus generator for throughput measurements: writes N notices made from the notices of
//! `corpus/` (the seed, the clean notices and the rule fixtures) with varied numbers, dates
//! and places, so that no two files are alike. Nothing large is committed: generate it.
//!
//! `cargo run --release --example gen_corpus -- OUT_DIR [N=4000] [SEED=1]`
//!
//! Numbers keep their digit count; a number before 年 becomes a year 2012–2025, before 月 a
//! month, before 日 a day 1–28; the districts of Wuxi (滨湖, 惠山, 梁溪, 新吴, 锡山, 江阴,
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

fn sources(root: &Path) -> Vec<String> {
    let mut files: Vec<PathBuf> = vec![root.join("notice-binhu-2021.txt")];
    let mut dirs = vec![root.join("clean")];
    if let Ok(rd) = std::fs::read_dir(root.join("rules")) {
        dirs.extend(rd.flatten().map(|e| e.path()));
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
            match after {
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
    let mut args = std::env::args().skip(1);
    let Some(dir) = args.next() else {
        eprintln!("usage: gen_corpus OUT_DIR [N=4000] [SEED=1]");
        std::process::exit(2);
    };
    let n: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(4000);
    let seed: u64 = args.next().and_then(|s| s.parse().ok()).unwrap_or(1);
    let src = sources(&Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus"));
    assert!(!src.is_empty(), "no notices under corpus/");
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    std::fs::create_dir_all(&dir).expect("create the output folder");
    let mut bytes = 0;
    for i in 0..n {
        // The long notices (the seed, the clean ones) come more often than the fixtures,
        // so that a file averages several kilobytes, as real notices do.
        let k = if rng.below(2) == 0 {
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
