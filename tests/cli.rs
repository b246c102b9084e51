//! The command line as users and CI gates meet it: exit codes, stdin, folders, encodings,
//! configuration, and the JSON contract of SPEC.md.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_noticelint"))
}

fn seed() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/notice-binhu-2021.txt")
}

fn run(args: &[&str]) -> Output {
    bin().args(args).output().unwrap()
}

fn json(out: &Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&out.stdout)))
}

const CLEAN_NOTICE: &str = "某某局关于开展安全检查的通知\n\n各科室：\n\n现将有关事项通知如下。\n\n一、检查范围\n\n（一）办公区域。\n\n（二）仓库。\n\n二、工作要求\n\n请于6月30日前报送检查结果。\n\n某某局\n2024年5月20日\n";

#[test]
fn exit_codes() {
    let s = seed();
    let s = s.to_str().unwrap();
    assert_eq!(run(&["check", s]).status.code(), Some(1));
    assert_eq!(run(&["check", "--exit-zero", s]).status.code(), Some(0));
    let dir = tempfile::tempdir().unwrap();
    let clean = dir.path().join("clean.txt");
    std::fs::write(&clean, CLEAN_NOTICE).unwrap();
    let out = run(&["check", clean.to_str().unwrap()]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    // Usage errors.
    assert_eq!(
        run(&["check", "--select", "NL999", s]).status.code(),
        Some(2)
    );
    assert_eq!(
        run(&["check", "--format", "yaml", s]).status.code(),
        Some(2)
    );
    assert_eq!(run(&["explain", "no-such-rule"]).status.code(), Some(2));
}

#[test]
fn missing_and_binary_files_are_named_and_others_still_checked() {
    let dir = tempfile::tempdir().unwrap();
    let bin_file = dir.path().join("scan.txt");
    std::fs::write(&bin_file, b"\x00\x01\x02binary\x00").unwrap();
    let missing = dir.path().join("missing.txt");
    let s = seed();
    let out = run(&[
        "check",
        "--format",
        "json",
        s.to_str().unwrap(),
        missing.to_str().unwrap(),
        bin_file.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let v = json(&out);
    assert_eq!(v["files"].as_array().unwrap().len(), 1);
    let errs: Vec<String> = v["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| format!("{} {}", e["path"], e["message"]))
        .collect();
    assert_eq!(errs.len(), 2, "{errs:?}");
    assert!(errs.iter().any(|e| e.contains("missing.txt")));
    assert!(errs
        .iter()
        .any(|e| e.contains("scan.txt") && e.contains("not a text file")));
    // Human: the message names the file on stderr.
    let out = run(&["check", missing.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("missing.txt"));
}

#[test]
fn stdin_is_read() {
    use std::io::Write;
    let mut child = bin()
        .args(["check", "--format", "json", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(&std::fs::read(seed()).unwrap())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let v = json(&out);
    assert_eq!(v["files"][0]["path"], "-");
    assert!(!v["files"][0]["diagnostics"].as_array().unwrap().is_empty());
}

fn findings(v: &serde_json::Value) -> Vec<(String, u64, u64)> {
    let mut f: Vec<_> = v["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["span"]["line"].as_u64().unwrap(),
                d["span"]["column"].as_u64().unwrap(),
            )
        })
        .collect();
    f.sort();
    f
}

#[test]
fn encodings_and_line_ends_give_the_same_findings() {
    let text = std::fs::read_to_string(seed()).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let base = json(&run(&[
        "check",
        "--format",
        "json",
        seed().to_str().unwrap(),
    ]));
    let want = findings(&base);
    let (gb, _, _) = encoding_rs::GB18030.encode(&text);
    let mut utf16 = vec![0xFF, 0xFE];
    for u in text.encode_utf16() {
        utf16.extend_from_slice(&u.to_le_bytes());
    }
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(text.as_bytes());
    let crlf = text.replace('\n', "\r\n").into_bytes();
    for (name, bytes, enc) in [
        ("gb.txt", gb.into_owned(), "gb18030"),
        ("u16.txt", utf16, "utf-16le"),
        ("bom.txt", bom, "utf-8"),
        ("crlf.txt", crlf, "utf-8"),
    ] {
        let p = dir.path().join(name);
        std::fs::write(&p, bytes).unwrap();
        let v = json(&run(&["check", "--format", "json", p.to_str().unwrap()]));
        assert_eq!(v["files"][0]["encoding"], enc, "{name}");
        assert_eq!(findings(&v), want, "{name}");
    }
}

#[test]
fn folders_are_walked_sorted_respecting_gitignore_and_hidden() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("b/.hidden")).unwrap();
    for f in [
        "a.txt",
        "b/c.md",
        "b/d.markdown",
        "skip.txt",
        "b/.hidden/h.txt",
        "e.docx.bak",
        "f.rs",
    ] {
        std::fs::write(root.join(f), CLEAN_NOTICE).unwrap();
    }
    std::fs::write(root.join(".gitignore"), "skip.txt\n").unwrap();
    let out = run(&["check", "--format", "json", root.to_str().unwrap()]);
    let v = json(&out);
    let names: Vec<String> = v["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            Path::new(f["path"].as_str().unwrap())
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    assert_eq!(names, ["a.txt", "b/c.md", "b/d.markdown"]);
}

#[test]
fn json_spans_agree_with_lines_and_character_columns() {
    let s = seed();
    let raw = std::fs::read(&s).unwrap();
    let v = json(&run(&["check", "--format", "json", s.to_str().unwrap()]));
    assert_eq!(v["tool"]["name"], "noticelint");
    assert_eq!(v["files"][0]["path"], s.to_str().unwrap());
    let mut spans = Vec::new();
    for d in v["files"][0]["diagnostics"].as_array().unwrap() {
        spans.push(d["span"].clone());
        for l in d["labels"].as_array().unwrap() {
            spans.push(l["span"].clone());
        }
        assert!(d.get("fix").is_some());
        assert!(d["notes"].is_array());
    }
    for sp in spans {
        let start = sp["start"].as_u64().unwrap() as usize;
        let before = std::str::from_utf8(&raw[..start]).expect("span starts on a char boundary");
        let line = before.matches('\n').count() + 1;
        let col = before.chars().rev().take_while(|&c| c != '\n').count() + 1;
        assert_eq!(
            (line as u64, col as u64),
            (sp["line"].as_u64().unwrap(), sp["column"].as_u64().unwrap())
        );
    }
    let errors = v["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["severity"] == "error")
        .count();
    assert_eq!(v["summary"]["errors"].as_u64().unwrap() as usize, errors);
}

#[test]
fn jsonl_has_one_diagnostic_per_line_with_its_path() {
    let s = seed();
    let out = run(&["check", "--format", "jsonl", s.to_str().unwrap()]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.lines().count() > 3);
    for line in text.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        assert_eq!(v["path"], s.to_str().unwrap());
        assert!(v["code"].as_str().unwrap().starts_with("NL"));
    }
}

#[test]
fn select_and_ignore_by_code_prefix_and_name() {
    let s = seed();
    let s = s.to_str().unwrap();
    let codes = |args: &[&str]| -> Vec<String> {
        let mut a = vec!["check", "--format", "json"];
        a.extend_from_slice(args);
        a.push(s);
        let v = json(&run(&a));
        v["files"][0]["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["code"].as_str().unwrap().to_string())
            .collect()
    };
    let c = codes(&["--select", "NL1"]);
    assert!(!c.is_empty() && c.iter().all(|c| c.starts_with("NL1")));
    let c = codes(&["--select", "numbering-gap"]);
    assert!(!c.is_empty() && c.iter().all(|c| c == "NL101"));
    let c = codes(&["--select", "NL1", "--ignore", "NL101,numbering-restart"]);
    assert!(c.iter().all(|c| c != "NL101" && c != "NL102"));
    assert!(c.iter().any(|c| c == "NL103"));
}

#[test]
fn human_output_is_rustc_style_without_colour_when_asked() {
    let s = seed();
    let out = run(&["check", "--color", "never", s.to_str().unwrap()]);
    let h = String::from_utf8(out.stdout).unwrap();
    assert!(h.contains("error[NL101]"));
    assert!(h.contains(&format!("{}:47:1", s.to_str().unwrap())));
    assert!(h.contains("^^^"));
    assert!(!h.contains("\x1b["));
    let out = run(&["check", "--color", "always", s.to_str().unwrap()]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("\x1b["));
}

#[test]
fn rules_and_explain_print_from_the_registry() {
    let v = json(&run(&["rules", "--format", "json"]));
    let rules = v.as_array().unwrap();
    assert!(rules.len() >= 19);
    assert!(rules
        .iter()
        .any(|r| r["code"] == "NL201" && r["name"] == "issuer-mismatch"));
    for q in ["NL101", "numbering-gap", "nl301"] {
        let out = run(&["explain", q]);
        assert_eq!(out.status.code(), Some(0));
        let t = String::from_utf8(out.stdout).unwrap();
        assert!(t.contains("错误示例") && t.contains("正确写法"), "{t}");
    }
    let out = run(&["explain", "--lang", "en", "NL101"]);
    assert!(String::from_utf8(out.stdout)
        .unwrap()
        .contains("Use instead"));
}

#[test]
fn configuration_is_found_upward_and_errors_name_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("sub")).unwrap();
    std::fs::copy(seed(), root.join("sub/n.txt")).unwrap();
    std::fs::write(
        root.join("noticelint.toml"),
        "ignore = [\"NL1\"]\n[severity]\ncount-mismatch = \"warning\"\n",
    )
    .unwrap();
    let out = run(&[
        "check",
        "--format",
        "json",
        root.join("sub/n.txt").to_str().unwrap(),
    ]);
    let v = json(&out);
    let ds = v["files"][0]["diagnostics"].as_array().unwrap();
    assert!(ds
        .iter()
        .all(|d| !d["code"].as_str().unwrap().starts_with("NL1")));
    assert!(ds
        .iter()
        .filter(|d| d["code"] == "NL301")
        .all(|d| d["severity"] == "warning"));
    // An unknown key: exit 2, naming the file and the key.
    std::fs::write(root.join("noticelint.toml"), "ignor = [\"NL1\"]\n").unwrap();
    let out = run(&["check", root.join("sub/n.txt").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("noticelint.toml") && err.contains("ignor"),
        "{err}"
    );
    // Per-file ignores.
    std::fs::write(
        root.join("noticelint.toml"),
        "[per-file-ignores]\n\"sub/*.txt\" = [\"NL101\"]\n",
    )
    .unwrap();
    let v = json(&run(&[
        "check",
        "--format",
        "json",
        root.join("sub/n.txt").to_str().unwrap(),
    ]));
    let ds = v["files"][0]["diagnostics"].as_array().unwrap();
    assert!(ds.iter().all(|d| d["code"] != "NL101"));
    assert!(ds.iter().any(|d| d["code"] == "NL102"));
}

#[test]
fn per_file_ignores_of_a_configuration_given_by_a_relative_path_apply() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir(root.join("sub")).unwrap();
    std::fs::copy(seed(), root.join("sub/n.txt")).unwrap();
    std::fs::write(
        root.join("conf.toml"),
        "[per-file-ignores]\n\"sub/*.txt\" = [\"NL101\"]\n",
    )
    .unwrap();
    // From the configuration's folder and from below it: the globs are relative to the
    // configuration's folder either way.
    for (cwd, config, file) in [
        (root.to_path_buf(), "conf.toml", "sub/n.txt"),
        (root.join("sub"), "../conf.toml", "n.txt"),
    ] {
        let out = bin()
            .args(["check", "--format", "json", "--config", config, file])
            .current_dir(&cwd)
            .output()
            .unwrap();
        let v = json(&out);
        let ds = v["files"][0]["diagnostics"].as_array().unwrap();
        assert!(ds.iter().all(|d| d["code"] != "NL101"), "{config}");
        assert!(ds.iter().any(|d| d["code"] == "NL102"), "{config}");
    }
}

#[test]
fn the_configured_language_is_the_reports_and_lang_overrides_it() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::copy(seed(), root.join("n.txt")).unwrap();
    std::fs::write(root.join("noticelint.toml"), "lang = \"en\"\n").unwrap();
    let n = root.join("n.txt");
    let n = n.to_str().unwrap();
    let human = |args: &[&str]| String::from_utf8(run(args).stdout).unwrap();
    let en = human(&["check", "--color", "never", n]);
    assert!(en.contains("ASCII comma"), "{en}");
    assert!(!en.contains("半角逗号"), "{en}");
    let zh = human(&["check", "--color", "never", "--lang", "zh", n]);
    assert!(
        zh.contains("半角逗号") && !zh.contains("ASCII comma"),
        "{zh}"
    );
    // JSON: the same report as `--lang en` gives, no message left empty.
    let v = json(&run(&["check", "--format", "json", n]));
    assert_eq!(
        v,
        json(&run(&["check", "--format", "json", "--lang", "en", n]))
    );
    let ds = v["files"][0]["diagnostics"].as_array().unwrap();
    assert!(!ds.is_empty());
    assert!(ds.iter().all(|d| d["message"] != ""));
}

#[test]
fn output_file_and_statistics() {
    let dir = tempfile::tempdir().unwrap();
    let o = dir.path().join("report.json");
    let s = seed();
    let out = run(&[
        "check",
        "--format",
        "json",
        "-o",
        o.to_str().unwrap(),
        s.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(&o).unwrap()).unwrap();
    assert_eq!(v["summary"]["files"], 1);
    let out = run(&["check", "--statistics", s.to_str().unwrap()]);
    let t = String::from_utf8(out.stdout).unwrap();
    assert!(t.contains("NL101") && t.contains("numbering-gap"), "{t}");
}

#[test]
fn fix_writes_safe_fixes_in_the_files_own_encoding_and_is_idempotent() {
    let dir = tempfile::tempdir().unwrap();
    let text = "关于开展检查的通知\r\n\r\n根据部署,开展检查(一)工作。推动从从严治党。\r\n\r\n某局\r\n2024年5月20日\r\n";
    let gb = dir.path().join("gb.txt");
    std::fs::write(&gb, encoding_rs::GB18030.encode(text).0).unwrap();
    let bom = dir.path().join("bom.txt");
    let mut b = b"\xEF\xBB\xBF".to_vec();
    b.extend_from_slice(text.as_bytes());
    std::fs::write(&bom, &b).unwrap();
    // --diff shows, writes nothing, exits 1.
    let before = std::fs::read(&gb).unwrap();
    let out = run(&["check", "--diff", gb.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let d = String::from_utf8(out.stdout).unwrap();
    assert!(
        d.contains("-根据部署,开展检查(一)工作") && d.contains("+根据部署，开展检查（一）工作"),
        "{d}"
    );
    assert_eq!(std::fs::read(&gb).unwrap(), before);
    // --fix writes.
    let out = run(&[
        "check",
        "--fix",
        "--format",
        "json",
        dir.path().to_str().unwrap(),
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let want = text.replace("部署,", "部署，").replace("(一)", "（一）");
    let gb_bytes = std::fs::read(&gb).unwrap();
    let (dec, _, _) = encoding_rs::GB18030.decode(&gb_bytes);
    assert_eq!(dec, want);
    let bb = std::fs::read(&bom).unwrap();
    assert!(bb.starts_with(b"\xEF\xBB\xBF"));
    assert_eq!(std::str::from_utf8(&bb[3..]).unwrap(), want);
    // What remains is reported (the doubled 从 has no safe fix).
    let v = json(&out);
    assert!(v["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .all(|d| d["code"] != "NL405"));
    // A second run changes nothing.
    let snapshot = (std::fs::read(&gb).unwrap(), std::fs::read(&bom).unwrap());
    run(&["check", "--fix", dir.path().to_str().unwrap()]);
    assert_eq!(
        (std::fs::read(&gb).unwrap(), std::fs::read(&bom).unwrap()),
        snapshot
    );
    // No temporary files are left behind.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2);
}

#[test]
fn after_fix_the_remaining_findings_are_placed_in_the_fixed_text() {
    // The fixes on line 3 make it longer: the numbering gap on line 5 must still be
    // reported at line 5, column 1 (the report once kept the old text's line starts).
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("a.txt");
    std::fs::write(
        &f,
        "关于开展检查的通知\n\n各单位:现将有关事项通知如下,请遵照执行.\n一、检查内容\n三、检查要求\n",
    )
    .unwrap();
    let v = json(&run(&[
        "check",
        "--fix",
        "--format",
        "json",
        f.to_str().unwrap(),
    ]));
    let d = &v["files"][0]["diagnostics"][0];
    assert_eq!(d["code"], "NL101", "{v}");
    assert_eq!(
        (&d["span"]["line"], &d["span"]["column"]),
        (&5.into(), &1.into()),
        "{d}"
    );
}

#[test]
fn sarif_github_and_rdjson_carry_every_finding() {
    let s = seed();
    let s = s.to_str().unwrap();
    let base = json(&run(&["check", "--format", "json", s]));
    let n = base["files"][0]["diagnostics"].as_array().unwrap().len();
    // SARIF 2.1.0: driver rules with id and descriptions, results with ruleId, level,
    // message and a physical location; secondary labels as relatedLocations.
    let v = json(&run(&["check", "--format", "sarif", s]));
    assert_eq!(v["version"], "2.1.0");
    let run0 = &v["runs"][0];
    let rules = run0["tool"]["driver"]["rules"].as_array().unwrap();
    assert!(rules.iter().all(|r| r["id"].is_string()
        && r["shortDescription"]["text"].is_string()
        && r["help"]["text"].is_string()));
    let results = run0["results"].as_array().unwrap();
    assert_eq!(results.len(), n);
    for r in results {
        let id = r["ruleId"].as_str().unwrap();
        assert_eq!(rules[r["ruleIndex"].as_u64().unwrap() as usize]["id"], id);
        assert!(["error", "warning", "note"].contains(&r["level"].as_str().unwrap()));
        let region = &r["locations"][0]["physicalLocation"]["region"];
        assert!(
            region["startLine"].as_u64().unwrap() >= 1
                && region["startColumn"].as_u64().unwrap() >= 1
        );
        assert_eq!(
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            s
        );
    }
    assert!(results.iter().any(|r| r["relatedLocations"]
        .as_array()
        .is_some_and(|a| !a.is_empty())));
    // GitHub annotations: one workflow command per finding.
    let out = run(&["check", "--format", "github", s]);
    let t = String::from_utf8(out.stdout).unwrap();
    assert_eq!(t.lines().count(), n);
    assert!(t
        .lines()
        .all(|l| l.starts_with("::error file=") || l.starts_with("::warning file=")));
    assert!(t.contains(",title=noticelint (NL101)::"));
    // reviewdog.
    let v = json(&run(&["check", "--format", "rdjson", s]));
    assert_eq!(v["diagnostics"].as_array().unwrap().len(), n);
    assert!(v["diagnostics"][0]["code"]["value"]
        .as_str()
        .unwrap()
        .starts_with("NL"));
}

#[test]
fn rules_show_the_effective_configuration() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("noticelint.toml"),
        "ignore = [\"NL405\"]\n[severity]\nNL406 = \"error\"\n",
    )
    .unwrap();
    let out = bin()
        .args(["rules", "--format", "json"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    let v = json(&out);
    let r = |code: &str| {
        v.as_array()
            .unwrap()
            .iter()
            .find(|r| r["code"] == code)
            .unwrap()
            .clone()
    };
    assert_eq!(r("NL405")["enabled"], false);
    assert_eq!(r("NL406")["severity"], "error");
    assert_eq!(r("NL406")["default_severity"], "warning");
}

#[test]
fn files_over_the_size_limit_are_refused_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.txt");
    std::fs::write(&big, "一".repeat(400)).unwrap();
    let s = seed();
    let out = run(&[
        "check",
        "--format",
        "json",
        "--max-file-size",
        "1000",
        big.to_str().unwrap(),
        s.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let v = json(&out);
    assert!(v["errors"][0]["message"].as_str().unwrap().contains("1000"));
    assert_eq!(
        v["files"].as_array().unwrap().len(),
        0,
        "the seed is over 1000 bytes too"
    );
    let out = run(&[
        "check",
        "--format",
        "json",
        "--max-file-size",
        "100000",
        big.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0));
}

/// Many files in a terminal: a progress bar and a closing summary with the time on stderr,
/// the report intact; none of it without a terminal or with --quiet. The terminal is
/// `script`'s pseudo-terminal (util-linux).
#[test]
fn progress_and_summary_only_on_a_terminal() {
    let dir = tempfile::tempdir().unwrap();
    for k in 0..40 {
        std::fs::write(dir.path().join(format!("n{k:02}.txt")), CLEAN_NOTICE).unwrap();
    }
    let report = dir.path().join("report.json");
    let args = format!(
        "{} check --format json -o {} {}",
        env!("CARGO_BIN_EXE_noticelint"),
        report.display(),
        dir.path().display()
    );
    // Without a terminal: nothing on stderr.
    let out = run(&[
        "check",
        "--format",
        "json",
        "-o",
        report.to_str().unwrap(),
        dir.path().to_str().unwrap(),
    ]);
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let script = Command::new("script")
        .args(["-q", "-e", "-c", &args, "/dev/null"])
        .output();
    let Ok(tty) = script else {
        assert!(
            std::env::var_os("CI").is_none(),
            "`script` (util-linux) is missing"
        );
        eprintln!("skipped: `script` (util-linux) not found");
        return;
    };
    let shown = String::from_utf8_lossy(&tty.stdout);
    assert!(shown.contains("40/40"), "no progress bar: {shown:?}");
    assert!(
        shown.contains("已检查 40 个文件，未发现问题，用时"),
        "no summary: {shown:?}"
    );
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(&report).unwrap()).unwrap();
    assert_eq!(v["files"].as_array().unwrap().len(), 40);
    let quiet = Command::new("script")
        .args(["-q", "-e", "-c", &format!("{args} --quiet"), "/dev/null"])
        .output()
        .unwrap();
    let shown = String::from_utf8_lossy(&quiet.stdout);
    assert!(
        !shown.contains("用时") && !shown.contains("40/40"),
        "{shown:?}"
    );
}
