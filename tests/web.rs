//! Web pages (.html/.htm) as users meet them: `noticelint check page.html` finds the
//! notice inside a government site's page (charset, navigation, breadcrumbs, footer), and
//! reports lines and columns of the extracted text, one line per paragraph.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use noticelint::input::{extract, Kind};

fn page(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("corpus/web")
        .join(name)
}

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_noticelint"))
        .args(args)
        .output()
        .unwrap()
}

fn json(out: &Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&out.stdout)))
}

fn extracted(name: &str) -> String {
    let bytes = std::fs::read(page(name)).unwrap();
    extract(Kind::Html, &bytes).unwrap().text
}

fn codes(file: &serde_json::Value) -> Vec<&str> {
    file["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect()
}

#[test]
fn gbk_government_page_numbering_gap() {
    let p = page("gov-notice-gbk.html");
    let out = run(&["check", p.to_str().unwrap(), "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let v = json(&out);
    let file = &v["files"][0];
    assert_eq!(file["encoding"], "gb2312");
    // The gap and nothing else: no NL407 on the page's own markup, no finding in the
    // navigation or footer.
    assert_eq!(codes(file), ["NL101"], "{file}");
    let d = &file["diagnostics"][0];
    assert!(d["message"].as_str().unwrap().contains("四、"), "{d}");
    assert_eq!(d["span"]["line"], 10);
    assert_eq!(d["span"]["column"], 1);
    assert_eq!(d["labels"][0]["span"]["line"], 7);

    // Line 10 of the extracted text is the heading after the gap; the human output shows it.
    let text = extracted("gov-notice-gbk.html");
    assert_eq!(text.lines().nth(9), Some("四、工作要求"));
    assert_eq!(text.lines().nth(6), Some("二、整治内容"));
    let human = String::from_utf8(run(&["check", p.to_str().unwrap()]).stdout).unwrap();
    assert!(human.contains("10 │ 四、工作要求"), "{human}");
    assert!(human.contains("gov-notice-gbk.html:10:1"), "{human}");
}

#[test]
fn gbk_page_keeps_the_notice_and_drops_the_site() {
    let text = extracted("gov-notice-gbk.html");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[..4],
        [
            "某市生态环境局关于开展夏季扬尘污染专项整治的通知",
            "某环发〔2024〕12号",
            "各区生态环境分局，局机关各处室：",
            "为进一步改善城市空气质量，根据省生态环境厅工作部署，市局决定在全市开展夏季扬尘污染专项整治。现将有关事项通知如下。",
        ]
    );
    assert_eq!(
        lines[lines.len() - 2..],
        ["某市生态环境局", "2024年6月18日"]
    );
    for chrome in [
        "首页",
        "机构概况",
        "当前位置",
        "索引号",
        "发布时间",
        "字号",
        "分享到",
        "微信",
        "打印本页",
        "关闭窗口",
        "相关链接",
        "春季大气污染防治",
        "主办单位",
        "ICP",
        "不应出现的脚本文字",
        "样式表",
        "请输入关键字",
        "搜索",
    ] {
        assert!(!text.contains(chrome), "{chrome:?} leaked into:\n{text}");
    }
    // No markup, no indentation, no entities left.
    for debris in ["<", ">", "&nbsp;", "\u{a0}", "\u{3000}", "\r"] {
        assert!(!text.contains(debris), "{debris:?} in:\n{text}");
    }
}

#[test]
fn utf8_page_literal_markup_is_an_artifact() {
    let p = page("utf8-meta.html");
    let out = run(&["check", p.to_str().unwrap(), "--format", "json"]);
    let v = json(&out);
    let file = &v["files"][0];
    assert_eq!(file["encoding"], "utf-8");
    // `&lt;br&gt;` written in the page's text is debris the reader sees: reported once,
    // where it is; the page's own tags are not.
    assert_eq!(codes(file), ["NL407"], "{file}");
    let d = &file["diagnostics"][0];
    assert_eq!(d["span"]["line"], 7);
    assert_eq!(d["span"]["column"], 29);
    let text = extracted("utf8-meta.html");
    assert_eq!(
        text.lines().nth(6),
        Some("统计法律法规、联网直报平台操作、基层统计台账规范建立等。<br>")
    );
    assert!(text.starts_with(
        "关于举办2024年度基层统计人员业务培训班的通知\n各乡镇人民政府，县直有关部门：\n"
    ));
    for chrome in [
        "某县统计局\n首页",
        "通知公告",
        "发布日期",
        "阅读次数",
        "版权所有",
        "正文",
    ] {
        assert!(!text.contains(chrome), "{chrome:?} leaked into:\n{text}");
    }
}

#[test]
fn br_separated_paragraphs() {
    assert_eq!(
        extracted("br-paragraphs.html"),
        "关于调整城区部分公交线路的公告\n\
         因人民路改造施工，经研究，决定自2024年5月1日起对城区部分公交线路进行调整。现将有关事项公告如下：\n\
         一、3路公交车改由建设路绕行，人民路沿线各站点暂停停靠。\n\
         二、5路公交车起点站由火车站调整至汽车客运站，其余站点不变。\n\
         三、施工结束后，各线路恢复原线运行，恢复时间另行公告。\n\
         特此公告。\n\
         某县交通运输局\n\
         2024年4月25日\n"
    );
    let p = page("br-paragraphs.html");
    let out = run(&["check", p.to_str().unwrap()]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn table_cells_row_by_row() {
    let text = extracted("table.html");
    assert!(
        text.contains("一、检查情况\n序号\n区域\n检查单位数\n发现问题数\n1\n城东片区\n40\n6\n2\n城西片区\n35\n4\n合计\n75\n10\n二、下一步工作\n"),
        "{text}"
    );
    assert!(!text.contains("首页") && !text.contains("主办"), "{text}");
    let p = page("table.html");
    assert_eq!(run(&["check", p.to_str().unwrap()]).status.code(), Some(0));
}

#[test]
fn folders_include_web_pages() {
    let dir = page("");
    let out = run(&["check", dir.to_str().unwrap(), "--format", "json"]);
    let v = json(&out);
    let paths: Vec<&str> = v["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths.len(), 4, "{paths:?}");
    assert!(paths.iter().all(|p| p.ends_with(".html")), "{paths:?}");
    assert_eq!(v["errors"].as_array().unwrap().len(), 0, "{v}");
}

#[test]
fn broken_pages_are_named_errors_and_others_still_checked() {
    let dir = tempfile::tempdir().unwrap();
    let cases: [(&str, &[u8]); 4] = [
        ("empty.html", b""),
        (
            "english.htm",
            b"<html><body><p>No Chinese article here.</p></body></html>",
        ),
        (
            "nav-only.html",
            "<div class=nav><a>首页</a><a>政务公开</a></div>".as_bytes(),
        ),
        ("binary.html", b"<p>\0\0\0\xff\xfe</p>"),
    ];
    let mut args = vec!["check".to_owned()];
    for (name, bytes) in cases {
        let p = dir.path().join(name);
        std::fs::write(&p, bytes).unwrap();
        args.push(p.to_str().unwrap().to_owned());
    }
    args.push(page("gov-notice-gbk.html").to_str().unwrap().to_owned());
    let out = Command::new(env!("CARGO_BIN_EXE_noticelint"))
        .args(&args)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    for (name, _) in cases {
        assert!(
            stderr.lines().any(|l| l.contains(name)),
            "{name} not named:\n{stderr}"
        );
    }
    assert!(stderr.contains("页面为空"), "{stderr}");
    assert!(stderr.contains("没有找到正文"), "{stderr}");
    assert!(stderr.contains("not a text file"), "{stderr}");
    // The good page is still checked.
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("NL101"), "{stdout}");
}

#[test]
fn hostile_pages_finish() {
    // Nested markup that makes a spec tree builder scan its open-element stack on every
    // tag (quadratic): here a few MB of it must still finish quickly, with the notice found.
    let mut html = String::new();
    for piece in [
        "<div>",
        "<b id=x>",
        "<ul><li>",
        "<table><tr><td>",
        "<span>",
        "<p><div>",
    ] {
        html.push_str(&piece.repeat(20_000));
    }
    html.push_str("<p>关于开展安全检查的通知，现将有关事项通知如下，请认真贯彻落实。</p>");
    html.push_str(&"</div></span></td></tr></table></li></ul>".repeat(20_000));
    let start = std::time::Instant::now();
    let e = extract(Kind::Html, html.as_bytes()).unwrap();
    assert!(e.text.contains("关于开展安全检查的通知"), "{}", e.text);
    assert!(start.elapsed().as_secs() < 30, "{:?}", start.elapsed());
}
