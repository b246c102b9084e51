//! `check --format html`: the structure of the page a proofreader opens (counts, anchors,
//! escaping, unreadable files, self-containment). The browser test (tests/browser.rs)
//! checks what Chromium shows.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::Command;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_noticelint"))
}

fn seed() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/notice-binhu-2021.txt")
}

/// The page for `paths` (run from the crate's folder, paths relative to it).
fn html(args: &[&str]) -> String {
    let out = bin()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["check", "--format", "html"])
        .args(args)
        .output()
        .unwrap();
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 page")
}

/// Values of `attr="…"` in the page.
fn attrs<'a>(page: &'a str, attr: &str) -> Vec<&'a str> {
    let pat = format!(" {attr}=\"");
    page.match_indices(&pat)
        .map(|(i, _)| {
            let s = &page[i + pat.len()..];
            &s[..s.find('"').unwrap()]
        })
        .collect()
}

/// The text of an element's HTML: tags dropped, entities of the escaper undone, one line
/// per non-empty line.
fn text_of(fragment: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    let fragment = fragment.replace("</td>", " | ").replace("</th>", " | ");
    for c in fragment.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    let out = out
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
    out.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// `page` without the elements from `open` to `close` (not nested).
fn drop_elements(page: &str, open: &str, close: &str) -> String {
    let mut out = String::new();
    let mut rest = page;
    while let Some(i) = rest.find(open) {
        out.push_str(&rest[..i]);
        let j = rest[i..].find(close).expect("closed") + i + close.len();
        rest = &rest[j..];
    }
    out.push_str(rest);
    out
}

fn between<'a>(page: &'a str, from: &str, to: &str) -> &'a str {
    let s = page.find(from).unwrap_or_else(|| panic!("no {from}"));
    let e = page[s..].find(to).unwrap_or_else(|| panic!("no {to}")) + s;
    &page[s..e + to.len()]
}

/// Every internal link resolves, and no id is used twice.
fn assert_links_resolve(page: &str) {
    let ids = attrs(page, "id");
    let set: HashSet<&str> = ids.iter().copied().collect();
    assert_eq!(set.len(), ids.len(), "duplicate ids");
    for h in attrs(page, "href") {
        let target = h
            .strip_prefix('#')
            .unwrap_or_else(|| panic!("external link {h}"));
        assert!(set.contains(target), "link to #{target} has no target");
    }
}

#[test]
fn seed_report_counts_anchors_and_header() {
    let page = html(&["corpus/notice-binhu-2021.txt"]);
    let json: serde_json::Value = serde_json::from_slice(
        &bin()
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .args(["check", "--format", "json", "corpus/notice-binhu-2021.txt"])
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    let diags = json["files"][0]["diagnostics"].as_array().unwrap();
    assert!(diags.len() > 300);

    // One list entry per finding, in order, each with its marker in the text and an
    // anchor for each related place; its code and message as the JSON has them.
    let entries = page.matches("<li class=\"fd ").count();
    assert_eq!(entries, diags.len());
    let ids: HashSet<&str> = attrs(&page, "id").into_iter().collect();
    for (k, d) in diags.iter().enumerate() {
        let n = k + 1;
        for id in [format!("f1-d{n}"), format!("f1-d{n}-i")] {
            assert!(ids.contains(id.as_str()), "no #{id}");
        }
        for l in 0..d["labels"].as_array().unwrap().len() {
            assert!(ids.contains(format!("f1-d{n}-l{l}").as_str()));
        }
        let entry = between(&page, &format!("id=\"f1-d{n}-i\""), "</li>");
        assert!(entry.contains(&format!("data-rule=\"{}\"", d["code"].as_str().unwrap())));
        let msg = d["message"].as_str().unwrap();
        assert!(text_of(entry).contains(msg), "{msg} not in {entry}");
    }
    assert_links_resolve(&page);

    // Every line of the notice is shown, numbered.
    let text = std::fs::read_to_string(seed()).unwrap();
    let lines = text.lines().count();
    assert!(page.contains(&format!("<div class=\"ln\" data-n=\"{lines}\">")));
    assert!(!page.contains(&format!("<div class=\"ln\" data-n=\"{}\">", lines + 2)));

    // What the header says: totals and counts by rule.
    insta::assert_snapshot!(text_of(between(&page, "<header", "</header>")));
}

#[test]
fn page_is_self_contained() {
    let page = html(&["corpus/notice-binhu-2021.txt"]);
    assert!(page.starts_with("<!DOCTYPE html>\n<html lang=\"zh-CN\">"));
    assert!(page.contains("<meta charset=\"utf-8\">"));
    for bad in [
        " src=",
        "<link",
        "@import",
        "url(",
        "http://",
        "https://",
        "@font-face",
    ] {
        assert!(!page.contains(bad), "page contains {bad}");
    }
    // The rule documents of the rules that fired, as `explain` has them.
    assert!(page.contains("id=\"rule-NL101\""));
    assert!(page.contains("<h3>NL101 numbering-gap</h3>"));
    assert!(!page.contains("id=\"rule-NL502\""));
}

#[test]
fn english_chrome_and_messages() {
    let page = html(&["--lang", "en", "corpus/notice-binhu-2021.txt"]);
    assert!(page.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
    let header = text_of(between(&page, "<header", "</header>"));
    assert!(
        header.starts_with("noticelint report\n1 files\n"),
        "{header}"
    );
    assert!(page.contains("Fix: "));
    assert!(
        page.contains("ASCII comma `,` in Chinese text"),
        "English messages"
    );
    // The notice itself is still Chinese text.
    assert!(page.contains("<div class=\"notice\" lang=\"zh-CN\">"));
}

#[test]
fn markup_in_notices_is_text_and_crlf_is_one_line_end() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("a.txt");
    std::fs::write(
        &p,
        "关于<script>alert(1)</script>的通知\r\n\r\n各单位:\r\n\r\n请于5月1日前报送\"材料\"&'清单'。\r\n",
    )
    .unwrap();
    let page = html(&[p.to_str().unwrap()]);
    let notice = between(&page, "<div class=\"notice\"", "</details>");
    assert!(!notice.contains("<script"));
    // The notice's text as shown (markers and suggested insertions left out).
    let shown = text_of(&drop_elements(
        &drop_elements(notice, "<a ", "</a>"),
        "<ins ",
        "</ins>",
    ));
    let lines: Vec<&str> = shown.lines().take(3).collect();
    assert_eq!(
        lines,
        [
            "关于<script>alert(1)</script>的通知",
            "各单位:",
            "请于5月1日前报送\"材料\"&'清单'。"
        ]
    );
    assert!(notice.contains("&lt;script&gt;</mark>"));
    assert!(notice.contains("&quot;材料&quot;&amp;&#39;清单&#39;"));
    assert!(!notice.contains('\r'));
    assert!(notice.contains("<div class=\"ln\" data-n=\"5\">请于"));
    assert!(notice.contains("<div class=\"ln\" data-n=\"6\"></div>\n</div>"));
    // The half-width colon is found and marked on line 3.
    assert!(notice.contains("<div class=\"ln\" data-n=\"3\">各单位<a class=\"mk w\""));
    assert_links_resolve(&page);
}

#[test]
fn unreadable_files_are_listed_with_their_message() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("broken.docx"), b"not a zip").unwrap();
    std::fs::write(
        dir.path().join("ok.txt"),
        "关于开展检查的通知\n\n请于5月1日前报送。\n",
    )
    .unwrap();
    let out = bin()
        .args(["check", "--format", "html"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let page = String::from_utf8(out.stdout).unwrap();
    let section = text_of(between(&page, "<section id=\"unreadable\">", "</section>"));
    assert!(section.starts_with("无法读取的文件 (1)\n"), "{section}");
    assert!(section.contains("broken.docx: "), "{section}");
    assert!(page.contains("<a href=\"#unreadable\"><b>1</b> 个无法读取</a>"));
    // The readable file is there, without findings.
    assert!(page.contains("<span class=\"badge ok\">未发现问题</span>"));
    assert_links_resolve(&page);
}

#[test]
fn thousand_files_stay_linear_and_collapsed() {
    let dir = tempfile::tempdir().unwrap();
    let notice = "某县农业农村局关于秋季秸秆禁烧工作的通知\n\n各乡镇人民政府：\n\n为做好秸秆禁烧工作,现将有关事项通知如下。\n\n一、工作任务\n\n1.加强宣传。\n\n2.强化巡查。\n\n4.推进利用。\n";
    for i in 0..1000 {
        std::fs::write(dir.path().join(format!("n{i:04}.txt")), notice).unwrap();
    }
    let one = html(&[dir.path().join("n0000.txt").to_str().unwrap()]);
    let t = std::time::Instant::now();
    let page = html(&[dir.path().to_str().unwrap()]);
    let took = t.elapsed();
    assert_eq!(page.matches("<details class=\"file\" id=").count(), 1000);
    // Collapsed notices (none has `open`), the file list collapsed too.
    assert!(!page.contains("<details class=\"file\" id=\"f1\" open>"));
    assert!(page.contains("<details class=\"filelist\">"));
    // Size: 1000 times one file's part, plus the parts written once (CSS, JS, rules).
    let part = between(&one, "<details class=\"file\"", "</details>").len();
    let once = one.len() - part;
    assert!(page.len() > 1000 * part, "{} vs {part}", page.len());
    assert!(
        page.len() < 1000 * part * 6 / 5 + once * 2,
        "{} vs {part}",
        page.len()
    );
    assert!(took.as_secs() < 60, "{took:?}");
    assert_links_resolve(&page);
}
