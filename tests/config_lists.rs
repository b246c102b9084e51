//! `noticelint.toml` lists that extend `rules/` for issuer-mismatch (NL201): `[[places]]`
//! (a development zone the gazetteer lacks) and `[allow] org-aliases` (other names of one
//! kind of body), as a proofreader meets them on the command line.

use std::path::Path;
use std::process::{Command, Output};

const CONFIG: &str = r#"# The development zone is not a division of the statistics bureau's codes.
[allow]
org-aliases = [["数据局", "大数据管理局"]]

[[places]]
name = "无锡经济开发区"
short = "经开区"
parent = "无锡市"
"#;

/// A notice of the zone: 滨湖分中心 is another place's unit; 苏州市 is another city, not a
/// sibling of a district-level zone.
const ZONE: &str = "无锡经济开发区生态环境局关于开展执法检查的通知\n\n各科室：\n\n组织各科室、滨湖分中心完成排查。推进苏州市生态安全缓冲区项目建设。\n\n无锡经济开发区生态环境局\n2021年12月30日\n";

/// A notice of 滨湖区 whose text was copied from the zone's.
const BINHU: &str = "无锡市滨湖生态环境局关于开展执法检查的通知\n\n各科室：\n\n推进无锡经济开发区生态安全缓冲区项目建设。请经开区生态环境局于6月30日前报送材料。会同无锡经济开发区生态环境局开展联合执法。\n\n无锡市滨湖生态环境局\n2021年12月30日\n";

/// 大数据管理局 is, by the configuration, another name of 数据局.
const DATA: &str = "无锡市滨湖区数据局关于开展数据共享工作的通知\n\n各科室：\n\n惠山区大数据管理局印发了工作方案。\n\n无锡市滨湖区数据局\n2024年3月1日\n";

fn check(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_noticelint"))
        .args(["check", "--select", "NL201", "--format", "json"])
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
}

/// (file, flagged text) of every NL201 finding.
fn findings(dir: &Path, out: &Output) -> Vec<(String, String)> {
    let v: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&out.stderr)));
    let mut found = Vec::new();
    for f in v["files"].as_array().unwrap() {
        let path = f["path"].as_str().unwrap().trim_start_matches("./");
        let text = std::fs::read_to_string(dir.join(path)).unwrap();
        for d in f["diagnostics"].as_array().unwrap() {
            let (s, e) = (
                d["span"]["start"].as_u64().unwrap() as usize,
                d["span"]["end"].as_u64().unwrap() as usize,
            );
            found.push((path.to_string(), text[s..e].to_string()));
        }
    }
    found
}

fn pairs(v: &[(&str, &str)]) -> Vec<(String, String)> {
    v.iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

fn repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in [("zone.txt", ZONE), ("binhu.txt", BINHU), ("data.txt", DATA)] {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    dir
}

#[test]
fn added_places_and_aliases_change_what_issuer_mismatch_reports() {
    let dir = repo();
    let d = dir.path();
    // Without the configuration: the zone's notice is read as 无锡市's, so 苏州市 (another
    // city) is its sibling and 滨湖 is not; the 滨湖 notice's copied zone text goes unseen,
    // and 大数据管理局 is another kind of body.
    std::fs::write(d.join("empty.toml"), "").unwrap();
    let out = check(d, &["--config", "empty.toml", "."]);
    assert_eq!(findings(d, &out), pairs(&[("zone.txt", "苏州市")]));

    // With it (discovered in the folder): the zone is a district-level place of 无锡市.
    std::fs::write(d.join("noticelint.toml"), CONFIG).unwrap();
    let out = check(d, &["."]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        findings(d, &out),
        pairs(&[
            ("binhu.txt", "无锡经济开发区"),
            ("binhu.txt", "经开区"),
            ("data.txt", "惠山区"),
            ("zone.txt", "滨湖"),
        ])
    );
    // The messages name the added place as the issuer's.
    let human = Command::new(env!("CARGO_BIN_EXE_noticelint"))
        .args(["check", "--select", "NL201", "--color", "never", "zone.txt"])
        .current_dir(d)
        .output()
        .unwrap();
    let t = String::from_utf8(human.stdout).unwrap();
    assert!(t.contains("发文机关在无锡经济开发区"), "{t}");
    assert!(t.contains("无锡市滨湖区与无锡市无锡经济开发区同级"), "{t}");
}

#[test]
fn a_bad_place_is_a_usage_error_naming_file_line_and_key() {
    let dir = repo();
    let d = dir.path();
    let run = |config: &str| {
        std::fs::write(d.join("noticelint.toml"), config).unwrap();
        let out = check(d, &["zone.txt"]);
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    // A misspelt key in a [[places]] table.
    let (code, err) = run("[[places]]\nname = \"无锡经济开发区\"\nparnet = \"无锡市\"\n");
    assert_eq!(code, Some(2));
    assert!(
        err.contains("noticelint.toml") && err.contains("line 3") && err.contains("parnet"),
        "{err}"
    );
    // A parent that names two places: both, and how to choose.
    let (code, err) = run("[[places]]\nname = \"某某新区\"\nparent = \"朝阳区\"\n");
    assert_eq!(code, Some(2));
    assert!(
        err.contains("noticelint.toml")
            && err.contains("line 3")
            && err.contains("parent")
            && err.contains("北京市朝阳区")
            && err.contains("吉林省长春市朝阳区"),
        "{err}"
    );
    // org-aliases is a list of lists.
    let (code, err) = run("[allow]\norg-aliases = [\"数据局\", \"大数据管理局\"]\n");
    assert_eq!(code, Some(2));
    assert!(
        err.contains("noticelint.toml") && err.contains("line 2") && err.contains("org-aliases"),
        "{err}"
    );
}
