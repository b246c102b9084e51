//! Word documents as users meet them: `noticelint check draft.docx` (spans on the extracted
//! text, one line per paragraph) and `noticelint annotate draft.docx -o checked.docx` (the
//! findings as Word comments on a copy that differs from the input only by its comment
//! parts). The .docx files are built here, from paragraphs with runs split in awkward
//! places, a table, a footnote and an existing comment. The LibreOffice test converts the
//! annotated copy with `soffice --headless` and finds the comments in the result.

use std::io::{Cursor, Read, Write};
use std::path::Path;
use std::process::{Command, Output};

use quick_xml::events::Event;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_noticelint"))
}

fn run(args: &[&str]) -> Output {
    bin().args(args).output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// A paragraph of runs; each run is (properties, text XML).
fn p(runs: &[(&str, &str)]) -> String {
    let mut s = String::from("<w:p>");
    for (rpr, t) in runs {
        s.push_str(&format!(
            "<w:r w:rsidR=\"00A1\">{rpr}<w:t xml:space=\"preserve\">{t}</w:t></w:r>"
        ));
    }
    s.push_str("</w:p>");
    s
}

fn plain(t: &str) -> String {
    p(&[("<w:rPr><w:sz w:val=\"32\"/></w:rPr>", t)])
}

/// A minimal valid .docx: the parts Word needs, `extra` entries added as they are.
fn docx(body: &str, extra: &[(&str, &str)]) -> Vec<u8> {
    let has = |n: &str| extra.iter().any(|(name, _)| *name == n);
    let mut overrides = String::from(
        r#"<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>"#,
    );
    let mut rels = format!(r#"<Relationship Id="rId1" Type="{R}/styles" Target="styles.xml"/>"#);
    if has("word/comments.xml") {
        overrides.push_str(r#"<Override PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/>"#);
        rels.push_str(&format!(
            r#"<Relationship Id="rId2" Type="{R}/comments" Target="comments.xml"/>"#
        ));
    }
    if has("word/footnotes.xml") {
        overrides.push_str(r#"<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>"#);
        rels.push_str(&format!(
            r#"<Relationship Id="rId3" Type="{R}/footnotes" Target="footnotes.xml"/>"#
        ));
    }
    let parts: Vec<(String, String)> = vec![
        (
            "[Content_Types].xml".into(),
            format!(
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>{overrides}</Types>"#
            ),
        ),
        (
            "_rels/.rels".into(),
            format!(
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{R}/officeDocument" Target="word/document.xml"/></Relationships>"#
            ),
        ),
        (
            "word/document.xml".into(),
            format!(
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W}" xmlns:r="{R}"><w:body>{body}<w:sectPr/></w:body></w:document>"#
            ),
        ),
        (
            "word/_rels/document.xml.rels".into(),
            format!(
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>"#
            ),
        ),
        (
            "word/styles.xml".into(),
            format!(
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles xmlns:w="{W}"><w:docDefaults/></w:styles>"#
            ),
        ),
    ];
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, content) in parts
        .iter()
        .map(|(n, c)| (n.as_str(), c.as_str()))
        .chain(extra.iter().copied())
    {
        w.start_file(name, opts).unwrap();
        w.write_all(content.as_bytes()).unwrap();
    }
    w.finish().unwrap().into_inner()
}

/// The test notice: a numbering gap whose span "四、" starts at a run boundary and ends
/// inside the next run (which is bold), a half-width comma inside one run after an entity,
/// a table, an existing comment, a footnote with its own half-width comma.
fn notice() -> Vec<u8> {
    let body = [
        // 1: the title, with an existing comment (id 0) on 安全检查.
        "<w:p><w:r><w:t>关于开展</w:t></w:r><w:commentRangeStart w:id=\"0\"/><w:r><w:t>安全检查</w:t></w:r><w:commentRangeEnd w:id=\"0\"/><w:r><w:commentReference w:id=\"0\"/></w:r><w:r><w:t>的通知</w:t></w:r></w:p>".to_string(),
        "<w:p/>".into(),
        plain("各单位："),
        plain("一、总体&#x8981;求,加强检查"),
        p(&[("", "二、工作"), ("<w:rPr><w:i/></w:rPr>", "内容")]),
        p(&[
            ("<w:rPr><w:sz w:val=\"32\"/></w:rPr>", "四"),
            ("<w:rPr><w:b/></w:rPr>", "、工作"),
            ("", "安排"),
        ]),
        "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>附表</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>检查清单</w:t></w:r></w:p></w:tc></w:tr></w:tbl>".into(),
        "<w:p/>".into(),
        p(&[("", "滨湖区应急管理局"), ("", "<w:footnoteReference w:id=\"1\"/>")])
            .replace("<w:t xml:space=\"preserve\"><w:footnoteReference w:id=\"1\"/></w:t>", "<w:footnoteReference w:id=\"1\"/>"),
        plain("2021年5月6日"),
    ]
    .concat();
    let comments = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:comments xmlns:w="{W}"><w:comment w:id="0" w:author="张三" w:initials="ZS"><w:p><w:r><w:t>请核对</w:t></w:r></w:p></w:comment></w:comments>"#
    );
    let footnotes = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes xmlns:w="{W}"><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t>联系人张三,电话</w:t></w:r></w:p></w:footnote></w:footnotes>"#
    );
    docx(
        &body,
        &[
            ("word/comments.xml", &comments),
            ("word/footnotes.xml", &footnotes),
            ("word/media/image1.png", "\u{89}PNG not really"),
        ],
    )
}

fn entries(bytes: &[u8]) -> Vec<(String, Vec<u8>, Vec<u8>)> {
    let mut a = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    (0..a.len())
        .map(|i| {
            let mut raw = Vec::new();
            let mut f = a.by_index_raw(i).unwrap();
            let name = f.name().to_owned();
            f.read_to_end(&mut raw).unwrap();
            drop(f);
            let mut data = Vec::new();
            a.by_index(i).unwrap().read_to_end(&mut data).unwrap();
            (name, raw, data)
        })
        .collect()
}

fn entry(bytes: &[u8], name: &str) -> String {
    let e = entries(bytes);
    let (_, _, data) = e.iter().find(|(n, _, _)| n == name).unwrap();
    String::from_utf8(data.clone()).unwrap()
}

/// The document text between comment `id`'s range start and end (w:t contents joined).
fn anchored(document_xml: &str, id: &str) -> Option<String> {
    let mut reader = quick_xml::Reader::from_str(document_xml);
    let mut in_t = false;
    let mut inside = false;
    let mut out = String::new();
    loop {
        match reader.read_event().unwrap() {
            Event::Start(e) if e.name().as_ref() == b"w:t" => in_t = true,
            Event::End(e) if e.name().as_ref() == b"w:t" => in_t = false,
            Event::Text(t) if in_t && inside => out.push_str(&t.decode().unwrap()),
            Event::GeneralRef(r) if in_t && inside => {
                out.push(r.resolve_char_ref().unwrap().unwrap())
            }
            Event::Empty(e) if e.name().as_ref() == b"w:tab" && inside => out.push('\t'),
            Event::Empty(e) => {
                let is_id = e
                    .try_get_attribute("w:id")
                    .unwrap()
                    .is_some_and(|a| a.value.as_ref() == id.as_bytes());
                match e.name().as_ref() {
                    b"w:commentRangeStart" if is_id => inside = true,
                    b"w:commentRangeEnd" if is_id => return Some(out),
                    _ => {}
                }
            }
            Event::Eof => return None,
            _ => {}
        }
    }
}

fn check_json(path: &Path) -> serde_json::Value {
    let out = run(&["check", "--format", "json", path.to_str().unwrap()]);
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", stdout(&out)))
}

#[test]
fn check_reads_paragraphs_and_points_at_paragraph_and_character() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("draft.docx");
    std::fs::write(&path, notice()).unwrap();
    let v = check_json(&path);
    let file = &v["files"][0];
    assert_eq!(file["encoding"], "docx");
    let gap = file["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "NL101")
        .expect("the numbering gap is found");
    // Paragraph 6 is 四、工作安排 (the empty second paragraph counts).
    let span = &gap["span"];
    assert_eq!(
        (span["line"].as_u64(), span["column"].as_u64()),
        (Some(6), Some(1))
    );
    assert_eq!(span["end_column"].as_u64(), Some(3));
    assert_eq!(gap["labels"][0]["span"]["line"].as_u64(), Some(5));
    // The half-width comma after the entity: paragraph 4, column 7.
    let comma = file["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "NL405" && d["span"]["line"] == 4)
        .expect("the half-width comma is found");
    assert_eq!(comma["span"]["column"].as_u64(), Some(7));
    // The footnote follows the body: 11 lines of body, then the footnote's paragraph.
    assert!(file["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .any(|d| d["code"] == "NL405" && d["span"]["line"] == 12));

    // The human output shows the paragraph's text.
    let out = run(&["check", "--color", "never", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("四、工作安排"), "{}", stdout(&out));
}

#[test]
fn folders_include_docx_and_fix_says_it_leaves_them() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.docx"), notice()).unwrap();
    let out = run(&[
        "check",
        "--format",
        "json",
        "--fix",
        dir.path().to_str().unwrap(),
    ]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["files"][0]["encoding"], "docx");
    assert!(stderr(&out).contains("a.docx"), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("noticelint annotate"),
        "{}",
        stderr(&out)
    );
    assert_eq!(std::fs::read(dir.path().join("a.docx")).unwrap(), notice());
}

#[test]
fn unreadable_word_files_are_named_and_others_still_checked() {
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("broken.docx");
    std::fs::write(&broken, &notice()[..300]).unwrap();
    let locked = dir.path().join("locked.docx");
    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.extend(vec![0u8; 500]);
    ole.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
    std::fs::write(&locked, ole).unwrap();
    let good = dir.path().join("good.docx");
    std::fs::write(&good, notice()).unwrap();
    let out = run(&["check", dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("broken.docx") && err.contains("zip"), "{err}");
    assert!(
        err.contains("locked.docx") && err.contains("password"),
        "{err}"
    );
    assert!(stdout(&out).contains("四、工作安排"));
    // annotate: exit 2, named, nothing written.
    let dest = dir.path().join("out.docx");
    let out = run(&[
        "annotate",
        locked.to_str().unwrap(),
        "-o",
        dest.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("locked.docx"));
    assert!(!dest.exists());
}

/// Annotate the test notice into `dir/checked.docx`; returns (input, output) bytes.
fn annotate_notice(dir: &Path, lang: &str) -> (Vec<u8>, Vec<u8>, Output) {
    let input = dir.join("draft.docx");
    let bytes = notice();
    std::fs::write(&input, &bytes).unwrap();
    let dest = dir.join("checked.docx");
    let out = run(&[
        "annotate",
        input.to_str().unwrap(),
        "-o",
        dest.to_str().unwrap(),
        "--lang",
        lang,
    ]);
    let written = std::fs::read(&dest).unwrap_or_default();
    (bytes, written, out)
}

#[test]
fn annotate_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let (input, output, out) = annotate_notice(dir.path(), "zh");
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    // The input is untouched; no temporary file is left.
    assert_eq!(std::fs::read(dir.path().join("draft.docx")).unwrap(), input);
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2);

    let report = check_json(&dir.path().join("draft.docx"));
    let diags = report["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .clone();
    let text = noticelint::input::docx::extract(&input).unwrap().text;
    let body: Vec<_> = diags
        .iter()
        .filter(|d| d["span"]["line"].as_u64().unwrap() <= 11)
        .collect();
    assert!(body.len() >= 2, "{diags:?}");
    let summary = stdout(&out);
    assert!(
        summary.contains(&format!("写入批注 {} 条", body.len())),
        "{summary}"
    );
    assert!(summary.contains("脚注、尾注中的 1 处问题"), "{summary}");

    // Every entry but the comment parts is byte for byte the same, in the same order.
    let (a, b) = (entries(&input), entries(&output));
    let changed = [
        "word/document.xml",
        "word/comments.xml",
        "word/_rels/document.xml.rels",
        "[Content_Types].xml",
    ];
    assert_eq!(
        a.iter().map(|e| &e.0).collect::<Vec<_>>(),
        b.iter().map(|e| &e.0).collect::<Vec<_>>()
    );
    for (x, y) in a.iter().zip(&b) {
        if changed.contains(&x.0.as_str()) {
            continue;
        }
        assert_eq!(x.1, y.1, "raw bytes of {}", x.0);
        assert_eq!(x.2, y.2, "content of {}", x.0);
    }
    // The relationship and content type already existed: unchanged.
    for name in ["word/_rels/document.xml.rels", "[Content_Types].xml"] {
        assert_eq!(entry(&input, name), entry(&output, name), "{name}");
    }

    // The text a reader sees is the same.
    assert_eq!(
        noticelint::input::docx::extract(&output).unwrap().text,
        text
    );

    // Each comment is anchored on exactly its finding's characters.
    let doc = entry(&output, "word/document.xml");
    for (i, d) in body.iter().enumerate() {
        let (s, e) = (
            d["span"]["start"].as_u64().unwrap() as usize,
            d["span"]["end"].as_u64().unwrap() as usize,
        );
        let want: String = text[s..e].chars().filter(|&c| c != '\n').collect();
        let id = (i + 1).to_string();
        assert_eq!(
            anchored(&doc, &id).as_deref(),
            Some(want.as_str()),
            "comment {id}: {d}"
        );
    }
    assert_eq!(anchored(&doc, "0").as_deref(), Some("安全检查"));
    // The split runs keep their properties on both halves.
    assert!(doc.contains("<w:r w:rsidR=\"00A1\"><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">、</w:t></w:r><w:commentRangeEnd"), "{doc}");
    assert!(doc.contains("<w:r w:rsidR=\"00A1\"><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">工作</w:t></w:r>"), "{doc}");

    // comments.xml: the existing comment kept, the new ones after it.
    let comments = entry(&output, "word/comments.xml");
    assert!(comments.contains(r#"<w:comment w:id="0" w:author="张三" w:initials="ZS"><w:p><w:r><w:t>请核对</w:t></w:r></w:p></w:comment>"#));
    let gap = body.iter().position(|d| d["code"] == "NL101").unwrap() + 1;
    let start = comments
        .find(&format!(
            "<w:comment w:id=\"{gap}\" w:author=\"noticelint\" w:initials=\"NL\">"
        ))
        .expect("the gap's comment");
    let this = &comments[start..];
    let this = &this[..this.find("</w:comment>").unwrap()];
    assert!(this.contains("[NL101 numbering-gap] 序号跳号"), "{this}");
    assert!(this.contains("第5段“二、”：上一项是“二、”"), "{this}");
}

#[test]
fn annotate_in_english_and_without_findings() {
    let dir = tempfile::tempdir().unwrap();
    let (_, output, out) = annotate_notice(dir.path(), "en");
    assert!(stdout(&out).contains("wrote"), "{}", stdout(&out));
    let comments = entry(&output, "word/comments.xml");
    assert!(comments.contains("paragraph 5 “二、”: "), "{comments}");

    // A clean document with no comments part: copied as it is.
    let clean = docx(
        &[
            plain("某某局关于开展安全检查的通知"),
            plain("各科室："),
            plain("请于6月30日前报送检查结果。"),
            plain("某某局"),
            plain("2024年5月20日"),
        ]
        .concat(),
        &[],
    );
    let input = dir.path().join("clean.docx");
    std::fs::write(&input, &clean).unwrap();
    let dest = dir.path().join("clean.checked.docx");
    let out = run(&[
        "annotate",
        input.to_str().unwrap(),
        "-o",
        dest.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(stdout(&out).contains("写入批注 0 条"));
    assert_eq!(std::fs::read(&dest).unwrap(), clean);
}

#[test]
fn annotate_adds_the_comments_part_when_there_is_none() {
    let dir = tempfile::tempdir().unwrap();
    let bytes = docx(
        &[
            plain("关于开展安全检查的通知"),
            plain("各单位："),
            plain("一、总体要求"),
            p(&[
                ("", "三"),
                ("", "、"),
                ("<w:rPr><w:u w:val=\"single\"/></w:rPr>", "工作安排"),
            ]),
        ]
        .concat(),
        &[],
    );
    let input = dir.path().join("a.docx");
    std::fs::write(&input, &bytes).unwrap();
    let out = run(&[
        "annotate",
        input.to_str().unwrap(),
        "-o",
        input.to_str().unwrap(),
        "--select",
        "NL101",
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let output = std::fs::read(&input).unwrap();
    let types = entry(&output, "[Content_Types].xml");
    assert!(types.contains(r#"<Override PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/></Types>"#), "{types}");
    let rels = entry(&output, "word/_rels/document.xml.rels");
    assert!(
        rels.contains("relationships/comments\" Target=\"comments.xml\""),
        "{rels}"
    );
    let comments = entry(&output, "word/comments.xml");
    assert!(
        comments.contains("<w:comment w:id=\"0\" w:author=\"noticelint\""),
        "{comments}"
    );
    assert_eq!(
        anchored(&entry(&output, "word/document.xml"), "0").as_deref(),
        Some("三、")
    );
}

/// LibreOffice opens the annotated copy: it converts to PDF, and converted to ODT the
/// comments are annotations around the same text.
#[test]
fn libreoffice_opens_the_annotated_copy() {
    let soffice = ["soffice", "libreoffice"].into_iter().find(|b| {
        Command::new(b)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    });
    let Some(soffice) = soffice else {
        if std::env::var_os("CI").is_some() {
            panic!("soffice not found: CI needs `apt-get install -y --no-install-recommends libreoffice-writer-nogui`");
        }
        eprintln!("skipped: soffice (LibreOffice) not found; install libreoffice-writer-nogui");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let (_, output, out) = annotate_notice(dir.path(), "zh");
    assert_eq!(out.status.code(), Some(1));
    let n_new = entry(&output, "word/comments.xml")
        .matches("w:author=\"noticelint\"")
        .count();
    let profile = format!(
        "-env:UserInstallation=file://{}/lo-profile",
        dir.path().display()
    );
    for to in ["pdf", "odt"] {
        let conv = Command::new(soffice)
            .args([&profile, "--headless", "--convert-to", to, "--outdir"])
            .arg(dir.path())
            .arg(dir.path().join("checked.docx"))
            .env("HOME", dir.path())
            .output()
            .unwrap();
        let result = dir.path().join(format!("checked.{to}"));
        assert!(
            result.is_file(),
            "soffice --convert-to {to} failed: {}",
            stderr(&conv)
        );
        if to == "pdf" {
            assert!(std::fs::read(&result).unwrap().starts_with(b"%PDF"));
        }
    }
    let odt = std::fs::read(dir.path().join("checked.odt")).unwrap();
    let content = entry(&odt, "content.xml");
    assert_eq!(
        content.matches("<office:annotation ").count()
            + content.matches("<office:annotation>").count(),
        n_new + 1,
        "{content}"
    );
    assert_eq!(
        content
            .matches("<dc:creator>noticelint</dc:creator>")
            .count(),
        n_new
    );
    assert!(content.contains("[NL101 numbering-gap] 序号跳号"));
    assert!(content.contains("<dc:creator>张三</dc:creator>"));
    // The annotations cover the same characters: the gap's comment is on 四、.
    let ranges = odt_annotated_ranges(&content);
    assert!(ranges.contains(&"四、".to_string()), "{ranges:?}");
    assert!(ranges.contains(&"安全检查".to_string()), "{ranges:?}");
}

/// The text each ODT annotation covers (between `office:annotation` and its
/// `office:annotation-end`), in document order of their ends.
fn odt_annotated_ranges(content: &str) -> Vec<String> {
    let mut reader = quick_xml::Reader::from_str(content);
    let mut text = String::new();
    let mut open: Vec<(String, usize)> = Vec::new();
    let mut in_body = 0usize;
    let mut out = Vec::new();
    let name_of = |e: &quick_xml::events::BytesStart| {
        e.try_get_attribute("office:name")
            .unwrap()
            .map(|a| String::from_utf8_lossy(&a.value).into_owned())
            .unwrap_or_default()
    };
    loop {
        match reader.read_event().unwrap() {
            Event::Start(e) if e.name().as_ref() == b"office:annotation" => {
                if in_body == 0 {
                    open.push((name_of(&e), text.len()));
                }
                in_body += 1;
            }
            Event::End(e) if e.name().as_ref() == b"office:annotation" => in_body -= 1,
            Event::Empty(e) if e.name().as_ref() == b"office:annotation-end" => {
                let name = name_of(&e);
                if let Some(i) = open.iter().position(|(n, _)| *n == name) {
                    let (_, at) = open.remove(i);
                    out.push(text[at..].to_string());
                }
            }
            Event::Text(t) if in_body == 0 => text.push_str(&t.decode().unwrap()),
            Event::Eof => return out,
            _ => {}
        }
    }
}

/// The README's example document.
#[test]
fn corpus_example_document() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/docx/draft.docx");
    let v = check_json(&path);
    let codes: Vec<_> = v["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_owned(),
                d["span"]["line"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        codes,
        vec![("NL405".to_string(), 4), ("NL101".to_string(), 7)]
    );
}
