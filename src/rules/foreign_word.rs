//! `foreign-word` (NL406): a Latin-script word inside Chinese prose (梁溪 watershed 整治); not VOCs, PM2.5.
//!
//! In each line that has Han, Latin tokens are read with what is joined to them (PM2.5,
//! 25km/h, mg/L, 名单.xlsx are codes, not words) and grouped into runs of words separated
//! by spaces. A lowercase word is the signal (梁溪 watershed 整治, 检测 and 修复);
//! acronyms (VOCs, COD), words with an inner capital (iPhone, MPa), capitalised names,
//! single letters (A级, i西安), words inside 《》 or “” and long English passages or
//! names (three or more words with a capital, four or more words) are left alone. The
//! list of accepted lowercase words is `rules/foreign-words.txt`, extended by the config.

use std::collections::HashSet;
use std::ops::Range;
use std::sync::LazyLock;

use super::markup_artifact::{in_ranges, next_ascii_in};
use super::prelude::*;
use crate::scan::{ascii_mask, class, Classes};

pub static RULE: Rule = Rule {
    code: "NL406",
    name: "foreign-word",
    default_severity: Severity::Warning,
    summary: Text::new(
        "中文行文中夹杂外文单词（梁溪 watershed 整治），VOCs、PM2.5 等除外",
        "a Latin-script word inside Chinese prose (梁溪 watershed 整治); not VOCs, PM2.5",
    ),
    doc: Text::new(DOC_ZH, DOC_EN),
    implemented: true,
    check,
};

const DOC_ZH: &str = r#"
## 检查什么
中文行文中夹杂的外文单词，如“梁溪 watershed 整治”“检测 and 修复治理”。判断的依据是小写的外文单词
（两个字母的只查 of、to、in 等英文虚词）。以下不报告：全大写缩写（VOCs、COD、GDP、APP、QQ、CCC、AI、PE），
带内部大写的词（iPhone、MPa、pH），首字母大写的专名，单个字母（A级、“i西安”），与数字或 . / _ @ 连写的代码和
单位（PM2.5、5G、25km/h、mg/L、km²、GB 17761—2018、名单.xlsx），网址和电子邮箱，书名号《》和引号“”内的文字，
以及成段的外文（四个词以上，或三个词以上且有大写的名称）。允许的小写词（计量单位、文件格式、常见网络用语）见
`rules/foreign-words.txt`，可在 noticelint.toml 的 `[allow] foreign-words` 中增补。

## 为什么
公文应当使用规范汉字；夹杂的外文单词多是翻译或拼接时的遗留，读者看不懂，也显得文稿未经校对。

## 错误示例
```text
开展梁溪 watershed 整治、太湖安全度夏等专项执法，扎实做好地块土壤环境检测 and 修复治理。
```

## 正确写法
```text
开展梁溪河流域整治、太湖安全度夏等专项执法，扎实做好地块土壤环境检测和修复治理。
```
"#;

const DOC_EN: &str = r#"
## What it does
Flags a Latin-script word inside Chinese prose, as in 梁溪 watershed 整治 or 检测 and 修复治理.
The signal is a lowercase word (two-letter words only when they are English function words
such as of, to, in). Left alone: all-capital acronyms (VOCs, COD, GDP, APP, QQ, CCC, AI, PE),
words with an inner capital (iPhone, MPa, pH), capitalised names, single letters (A级, i西安),
codes and units joined to a digit or written with . / _ @ (PM2.5, 5G, 25km/h, mg/L, km²,
GB 17761—2018, 名单.xlsx), web and e-mail addresses, text inside 《》 and “”, and English
passages (four words or more, or three or more with a capital). Accepted lowercase words
(units, file formats, common Internet words) are in `rules/foreign-words.txt`; extend them
with `[allow] foreign-words` in noticelint.toml.

## Why is this bad?
A notice is written in standard Chinese; a stray foreign word is usually left over from a
translation or a paste, readers cannot follow it, and it shows the text was not proofread.

## Example
```text
开展梁溪 watershed 整治、太湖安全度夏等专项执法，扎实做好地块土壤环境检测 and 修复治理。
```

Use instead:
```text
开展梁溪河流域整治、太湖安全度夏等专项执法，扎实做好地块土壤环境检测和修复治理。
```
"#;

static ALLOW: LazyLock<HashSet<String>> = LazyLock::new(|| {
    include_str!("../../rules/foreign-words.txt")
        .lines()
        .map(|l| {
            l.split('#')
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase()
        })
        .filter(|l| !l.is_empty())
        .collect()
});

/// English function words of two letters: the only two-letter words judged.
const SHORT_WORDS: &[&str] = &[
    "of", "to", "in", "on", "or", "is", "at", "by", "an", "as", "be", "it", "we", "if", "so", "no",
    "up", "us", "do", "go", "me", "my", "he",
];

/// A Latin token and where it is.
struct Token {
    span: Range<usize>,
    /// Joined to a digit or written with . / _ @ & + ² ³: a code, unit or name.
    code: bool,
    upper: bool,
    /// Holds a lowercase letter.
    lower: bool,
}

fn allowed(ctx: &Ctx, word: &str) -> bool {
    let lw = word.to_ascii_lowercase();
    ALLOW.contains(&lw)
        || ctx
            .options
            .allow_foreign_words
            .iter()
            .any(|a| a.trim().eq_ignore_ascii_case(word))
}

/// Whether one word (letters only) is a foreign word in Chinese prose.
fn part_is_foreign(ctx: &Ctx, w: &str) -> bool {
    if w.is_empty() || allowed(ctx, w) {
        return false;
    }
    if w.bytes().any(|c| c.is_ascii_uppercase()) {
        // Acronyms (VOCs), inner capitals (iPhone, MPa), capitalised names (Excel).
        return false;
    }
    // Lowercase Roman numerals (ii, iv, xii) number items.
    if w.bytes().all(|c| matches!(c, b'i' | b'v' | b'x')) {
        return false;
    }
    match w.len() {
        1 => false,
        2 => SHORT_WORDS.contains(&w),
        _ => true,
    }
}

fn is_foreign(ctx: &Ctx, text: &str, t: &Token) -> bool {
    let w = &text[t.span.clone()];
    if t.code || allowed(ctx, w) {
        return false;
    }
    w.split(['-', '\'']).any(|p| part_is_foreign(ctx, p))
}

/// Lowercase ASCII letters: a run of tokens is judged only when one of its tokens has one
/// ([`judge_run`] returns at once otherwise), so a line without one reports nothing.
const LOWER: u128 = ascii_mask(b"abcdefghijklmnopqrstuvwxyz");

fn check(ctx: &Ctx, out: &mut Findings) {
    if !ctx.text_classes().any_ascii(LOWER) {
        return;
    }
    let prot = &ctx.markup().protected;
    // A foreign word needs a lowercase Latin letter, and Chinese prose a Han character.
    let prose_with_letters = |c: Classes| c.any_ascii(LOWER) && c.any(class::HAN);
    // The tokens of the current run, one buffer for all lines.
    let mut run: Vec<Token> = Vec::new();
    for (base, line, _) in ctx.lines_where().matching(prose_with_letters) {
        check_line(ctx, base, line, prot, &mut run, out);
    }
}

/// Whether the text read so far is inside 《》〈〉, “” or ‘’, read up to `seen` only when
/// a run of tokens starts (the marks are found with memchr, not by decoding the text).
struct Quoting {
    book: usize,
    dq: bool,
    sq: bool,
    seen: usize,
}

impl Quoting {
    /// Read the marks of `b[self.seen..upto]` (《 〈 》 〉 are E3 80 8A/88/8B/89; “ ” ‘ ’
    /// are E2 80 9C/9D/98/99).
    fn advance(&mut self, b: &[u8], upto: usize) {
        for p in memchr::memchr2_iter(0xE2, 0xE3, &b[self.seen..upto]) {
            let p = self.seen + p;
            if b.get(p + 1) != Some(&0x80) {
                continue;
            }
            match (b[p], b.get(p + 2)) {
                (0xE3, Some(0x8A | 0x88)) => self.book += 1,
                (0xE3, Some(0x8B | 0x89)) => self.book = self.book.saturating_sub(1),
                (0xE2, Some(0x9C)) => self.dq = true,
                (0xE2, Some(0x9D)) => self.dq = false,
                (0xE2, Some(0x98)) => self.sq = true,
                (0xE2, Some(0x99)) => self.sq = false,
                _ => {}
            }
        }
        self.seen = upto;
    }

    fn quoted(&self) -> bool {
        self.book > 0 || self.dq || self.sq
    }
}

fn check_line(
    ctx: &Ctx,
    base: usize,
    line: &str,
    prot: &[Range<usize>],
    run: &mut Vec<Token>,
    out: &mut Findings,
) {
    let b = line.as_bytes();
    let mut quoting = Quoting {
        book: 0,
        dq: false,
        sq: false,
        seen: 0,
    };
    run.clear();
    let mut run_quoted = false;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c >= 0x80 {
            // Any other character ends the run; skip to the next ASCII byte.
            flush(ctx, base, line, run, run_quoted, out);
            i = next_ascii_in(b, i, u128::MAX).unwrap_or(b.len());
            continue;
        }
        if !c.is_ascii_alphanumeric() {
            if c != b' ' {
                flush(ctx, base, line, run, run_quoted, out);
            }
            i += 1;
            continue;
        }
        if in_ranges(prot, base + i) {
            flush(ctx, base, line, run, run_quoted, out);
            i += 1;
            while i < b.len() && b[i].is_ascii_alphanumeric() {
                i += 1;
            }
            continue;
        }
        // A token: alphanumerics, and connectors followed by one.
        let s = i;
        let mut code = s > 0 && matches!(b[s - 1], b'.' | b'/' | b'_' | b'@' | b'&' | b'+');
        let mut upper = false;
        let mut lower = false;
        let mut j = i;
        loop {
            match b.get(j) {
                Some(&x) if x.is_ascii_alphanumeric() => {
                    code |= x.is_ascii_digit();
                    upper |= x.is_ascii_uppercase();
                    lower |= x.is_ascii_lowercase();
                    j += 1;
                }
                Some(&x)
                    if matches!(x, b'.' | b'-' | b'_' | b'/' | b'\'' | b'&' | b'+' | b'@')
                        && b.get(j + 1).is_some_and(|n| n.is_ascii_alphanumeric()) =>
                {
                    code |= !matches!(x, b'-' | b'\'');
                    j += 1;
                }
                Some(0xC2) if matches!(b.get(j + 1), Some(0xB2 | 0xB3)) => {
                    code = true;
                    j += 2;
                }
                _ => break,
            }
        }
        if run.is_empty() {
            quoting.advance(b, s);
            run_quoted = quoting.quoted();
        }
        run.push(Token {
            span: s..j,
            code,
            upper,
            lower,
        });
        i = j;
    }
    flush(ctx, base, line, run, run_quoted, out);
}

/// Judge a run of tokens separated by spaces.
fn flush(
    ctx: &Ctx,
    base: usize,
    line: &str,
    run: &mut Vec<Token>,
    quoted: bool,
    out: &mut Findings,
) {
    if run.is_empty() {
        return;
    }
    // The buffer is kept for the next run.
    judge_run(ctx, base, line, run, quoted, out);
    run.clear();
}

/// Report the foreign words of a run of tokens.
fn judge_run(
    ctx: &Ctx,
    base: usize,
    line: &str,
    tokens: &[Token],
    quoted: bool,
    out: &mut Findings,
) {
    // Only a token that is not a code and has a lowercase letter can be a foreign word
    // (an uppercase part is an acronym or a name): numbers and codes end here.
    if !tokens.iter().any(|t| !t.code && t.lower) {
        return;
    }
    let n = tokens.len();
    if quoted || n >= 4 || n >= 3 && tokens.iter().any(|t| t.upper) {
        return;
    }
    let whole = &line[tokens[0].span.start..tokens[n - 1].span.end];
    if allowed(ctx, whole) {
        return;
    }
    // A gloss: the whole content of a bracket (碳足迹（carbon footprint）).
    let before = line[..tokens[0].span.start]
        .trim_end_matches(' ')
        .chars()
        .next_back();
    let after = line[tokens[n - 1].span.end..]
        .trim_start_matches(' ')
        .chars()
        .next();
    if matches!(before, Some('（' | '(')) && matches!(after, Some('）' | ')')) {
        return;
    }
    let mut k = 0;
    while k < n {
        if !is_foreign(ctx, line, &tokens[k]) {
            k += 1;
            continue;
        }
        let first = k;
        while k < n && is_foreign(ctx, line, &tokens[k]) {
            k += 1;
        }
        let span = tokens[first].span.start..tokens[k - 1].span.end;
        report(base, line, span, out);
    }
}

fn report(base: usize, line: &str, span: Range<usize>, out: &mut Findings) {
    let word = &line[span.clone()];
    let mzh = out.zh(|| format!("中文行文中夹杂外文单词“{word}”"));
    let men = out.en(|| format!("Latin-script word `{word}` in Chinese prose"));
    let q = Quick::new(base + span.start..base + span.end, &mzh, &men).note(
        "改用中文表述；如确为必要的外文或专名，可加引号，或在 noticelint.toml 的 [allow] foreign-words 中登记",
        "write it in Chinese; if the foreign word is needed, quote it or add it to [allow] foreign-words in noticelint.toml",
    );
    // A stray conjunction has an obvious Chinese counterpart: 检测 and 修复 → 检测和修复.
    let zh = if word.eq_ignore_ascii_case("and") {
        "和"
    } else if word.eq_ignore_ascii_case("or") {
        "或"
    } else {
        out.push_quick(&RULE, q);
        return;
    };
    let bl = line.as_bytes();
    let mut s = span.start;
    while s > 0 && bl[s - 1] == b' ' {
        s -= 1;
    }
    let mut e = span.end;
    while e < bl.len() && bl[e] == b' ' {
        e += 1;
    }
    let fzh = out.zh(|| format!("改为“{zh}”"));
    let fen = out.en(|| format!("replace with `{zh}`"));
    let edits = [(base + s..base + e, zh.into())];
    out.push_quick(&RULE, q.fix(Applicability::Unsafe, &fzh, &fen, &edits));
}

#[cfg(test)]
mod tests {
    use crate::{check as lint, Options};

    fn hits_with(text: &str, o: &Options) -> Vec<String> {
        lint(text, o)
            .into_iter()
            .filter(|d| d.rule == "foreign-word")
            .map(|d| text[d.span].to_string())
            .collect()
    }

    fn hits(text: &str) -> Vec<String> {
        hits_with(text, &Options::default())
    }

    #[test]
    fn flags_stray_words() {
        assert_eq!(
            hits("开展梁溪 watershed 整治，做好土壤检测 and 修复治理。"),
            ["watershed", "and"]
        );
        assert_eq!(hits("推进smart city建设"), ["smart city"]);
        assert_eq!(hits("加强水质监测of重点断面"), ["of"]);
    }

    #[test]
    fn silent_on_codes_units_acronyms() {
        let ok = "减少VOCs排放，PM2.5浓度下降，COD、GDP、5G、APP、QQ、CCC认证、AI识别、PE管、\
                  0.2—0.4MPa、25km/h、55kg、mg/L、100km²、GB 17761—2018、A级、“i西安”APP、\
                  “浙里办”APP、iPhone、pH值、二OO三年，邮箱snxc1@example.gov.cn，附件名单.xlsx，\
                  网址https://www.gov.cn/zhengce/index.htm，使用Excel表格，单位为 kWh。";
        assert!(hits(ok).is_empty(), "{:?}", hits(ok));
    }

    #[test]
    fn quotes_titles_passages_and_latin_lines() {
        assert!(hits("学习《Guide to water quality》和“low carbon”理念").is_empty());
        assert!(hits("英文名称为Ministry of Ecology and Environment。").is_empty());
        assert!(hits("降低碳足迹（carbon footprint），见附件iii。").is_empty());
        assert!(hits("This is an English line with some words.").is_empty());
    }

    #[test]
    fn config_extends_allow_list() {
        let o = Options {
            allow_foreign_words: vec!["watershed".into()],
            ..Options::default()
        };
        assert!(hits_with("开展梁溪 watershed 整治", &o).is_empty());
    }

    #[test]
    fn markup_is_not_prose() {
        assert!(hits("<p style=\"text-align: right;\">山西省人民政府</p>").is_empty());
    }

    #[test]
    fn no_panic_no_quadratic() {
        let s = "中".to_string() + &"ab ".repeat(100_000) + &"x.".repeat(100_000) + "é";
        let _ = hits(&s);
        let s = "中 word".repeat(50_000);
        assert_eq!(hits(&s).len(), 50_000);
    }
}
