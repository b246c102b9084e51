//! The HTML report in a real browser: headless Chromium (Debian's `chromium`) opens the
//! page, runs its script, takes screenshots and prints it to PDF; the tests check what is
//! shown: the colours of the highlights in the screenshot, the finding and its related
//! place lit up after following a link, the DOM after the script ran, and the printed text
//! (poppler's `pdftotext`, `pdftoppm`).
//!
//! Needs `chromium`, `poppler-utils` and a CJK font (`fonts-wqy-microhei`). When one is
//! missing the tests fail if the env var CI is set, and otherwise say that they skipped.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const APT: &str = "apt-get install -y chromium poppler-utils fonts-wqy-microhei";

/// Colours of report.css (sRGB).
const ERROR_BG: [u8; 3] = [0xff, 0xcd, 0xd2];
const WARNING_BG: [u8; 3] = [0xff, 0xe0, 0x8a];
const INFO_BG: [u8; 3] = [0xcf, 0xe3, 0xff];
const ERROR_MARKER: [u8; 3] = [0xc6, 0x28, 0x28];
const LIT: [u8; 3] = [0x7c, 0xe0, 0xb8];

/// A notice with two errors, two warnings and (with NL406 as info) one info: a half-width
/// comma with a fix, a heading level skipped (related place: the parent heading), an
/// unclosed bracket, a numbering gap (related place: the previous item), a foreign word;
/// and text that must stay text (`<禁烧>`, `&`, quotes).
const NOTICE: &str = "某县农业农村局关于秋季秸秆禁烧工作的通知\n\n各乡镇人民政府：\n\n为做好今年秋季秸秆禁烧工作,现将有关事项通知如下。\n\n一、工作任务\n\n1.加强宣传引导。各乡镇要通过广播、宣传车等形式开展宣传，张贴<禁烧>标语&\"横幅\"。\n\n2.强化巡查值守。各乡镇要落实网格化巡查责任（每日巡查。\n\n4.推进综合利用。各乡镇要拓宽秸秆 straw 还田、离田利用渠道。\n\n某县农业农村局\n2024年9月20日\n";

fn on_path(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|d| d.join(name))
        .find(|p| p.is_file())
}

/// The programs the tests need, or `None` after saying why (a failure under CI).
fn tools() -> Option<(PathBuf, PathBuf, PathBuf)> {
    let chromium = std::env::var_os("CHROMIUM")
        .map(PathBuf::from)
        .or_else(|| on_path("chromium"));
    let pdftotext = on_path("pdftotext");
    let pdftoppm = on_path("pdftoppm");
    let cjk_font = on_path("fc-list").is_some_and(|fc| {
        Command::new(fc)
            .args([":lang=zh", "family"])
            .output()
            .is_ok_and(|o| !o.stdout.is_empty())
    });
    let missing: Vec<&str> = [
        ("chromium", chromium.is_some()),
        (
            "pdftotext/pdftoppm (poppler-utils)",
            pdftotext.is_some() && pdftoppm.is_some(),
        ),
        ("a CJK font", cjk_font),
    ]
    .into_iter()
    .filter(|(_, ok)| !ok)
    .map(|(name, _)| name)
    .collect();
    if missing.is_empty() {
        return Some((chromium?, pdftotext?, pdftoppm?));
    }
    let msg = format!("{} not installed (install: {APT})", missing.join(", "));
    if std::env::var_os("CI").is_some() {
        panic!("browser test: {msg}");
    }
    eprintln!("skipped browser test: {msg}");
    None
}

/// Run a program with a time limit, stdout into a file; returns stdout.
fn run(cmd: &mut Command, limit: Duration) -> Vec<u8> {
    let out = tempfile::NamedTempFile::new().unwrap();
    let mut child = cmd
        .stdout(Stdio::from(out.reopen().unwrap()))
        .stderr(Stdio::null())
        .stdin(Stdio::null())
        .spawn()
        .unwrap();
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            assert!(status.success(), "{cmd:?} failed: {status}");
            break;
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{cmd:?} took longer than {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    std::fs::read(out.path()).unwrap()
}

/// Headless Chromium with a new profile, no network, a fixed window.
fn chromium(exe: &Path, args: &[String], url: &str) -> Vec<u8> {
    let profile = tempfile::tempdir().unwrap();
    run(
        Command::new(exe)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--hide-scrollbars",
                "--force-device-scale-factor=1",
                "--virtual-time-budget=3000",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .args(args)
            .arg(url),
        Duration::from_secs(180),
    )
}

/// Write `files` (name, text) and a config making NL406 info; return the report's path.
fn report(dir: &Path, files: &[(String, &str)]) -> PathBuf {
    std::fs::write(
        dir.join("noticelint.toml"),
        "[severity]\nNL406 = \"info\"\n",
    )
    .unwrap();
    for (name, text) in files {
        std::fs::write(dir.join(name), text).unwrap();
    }
    let out = Command::new(env!("CARGO_BIN_EXE_noticelint"))
        .current_dir(dir)
        .args([
            "check",
            "--format",
            "html",
            "--config",
            "noticelint.toml",
            "-o",
        ])
        .arg("report.html")
        .args(files.iter().map(|f| f.0.as_str()))
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    dir.join("report.html")
}

fn url(p: &Path, fragment: &str) -> String {
    format!("file://{}{fragment}", p.display())
}

/// An RGB image, each pixel packed as 0xRRGGBB.
struct Image {
    width: usize,
    px: Vec<u32>,
}

fn pack(c: [u8; 3]) -> u32 {
    (c[0] as u32) << 16 | (c[1] as u32) << 8 | c[2] as u32
}

impl Image {
    fn load(p: &Path) -> Image {
        let file = std::io::BufReader::new(std::fs::File::open(p).unwrap());
        let mut reader = png::Decoder::new(file).read_info().unwrap();
        let mut buf = vec![0; reader.output_buffer_size().unwrap()];
        let info = reader.next_frame(&mut buf).unwrap();
        let step = match info.color_type {
            png::ColorType::Rgba => 4,
            png::ColorType::Rgb => 3,
            other => panic!("unexpected PNG colour type {other:?}"),
        };
        assert_eq!(info.bit_depth, png::BitDepth::Eight);
        let px = buf[..info.buffer_size()]
            .chunks_exact(step)
            .map(|c| pack([c[0], c[1], c[2]]))
            .collect();
        Image {
            width: info.width as usize,
            px,
        }
    }

    /// Pixels of exactly a colour.
    fn count(&self, c: [u8; 3]) -> usize {
        let c = pack(c);
        self.px.iter().filter(|&&p| p == c).count()
    }

    /// Pixels within `tol` of a colour in each channel.
    fn count_near(&self, c: [u8; 3], tol: u8) -> usize {
        let near = |p: u32| {
            let q = [(p >> 16) as u8, (p >> 8) as u8, p as u8];
            q.iter().zip(c).all(|(a, b)| a.abs_diff(b) <= tol)
        };
        self.px.iter().filter(|&&p| near(p)).count()
    }

    /// Bands of rows holding a colour (rows closer than `gap` are one band).
    fn bands(&self, c: [u8; 3], gap: usize) -> Vec<(usize, usize)> {
        let c = pack(c);
        let mut bands: Vec<(usize, usize)> = Vec::new();
        for (y, row) in self.px.chunks(self.width).enumerate() {
            if row.contains(&c) {
                match bands.last_mut() {
                    Some(b) if y <= b.1 + gap => b.1 = y,
                    _ => bands.push((y, y)),
                }
            }
        }
        bands
    }
}

/// Screenshot of the page at `fragment`, the window tall enough that nothing scrolls.
fn screenshot(exe: &Path, page: &Path, fragment: &str, name: &str) -> Image {
    let png = page.with_file_name(name);
    chromium(
        exe,
        &[
            "--window-size=1280,7000".into(),
            format!("--screenshot={}", png.display()),
        ],
        &url(page, fragment),
    );
    let img = Image::load(&png);
    if let Some(keep) = std::env::var_os("NOTICELINT_KEEP_SCREENSHOTS") {
        let _ = std::fs::copy(&png, Path::new(&keep).join(name));
    }
    img
}

#[test]
fn highlights_are_coloured_by_severity_and_links_light_up_related_places() {
    let Some((exe, _, _)) = tools() else { return };
    let dir = tempfile::tempdir().unwrap();
    let page = report(dir.path(), &[("a.txt".into(), NOTICE)]);

    // As opened: a highlight of each severity and the numbered markers; nothing lit.
    let plain = screenshot(&exe, &page, "", "plain.png");
    for (what, c) in [
        ("error highlight", ERROR_BG),
        ("warning highlight", WARNING_BG),
        ("info highlight", INFO_BG),
        ("error marker", ERROR_MARKER),
    ] {
        assert!(plain.count(c) > 30, "no {what} shown ({})", plain.count(c));
    }
    assert_eq!(plain.count(LIT), 0);

    // Following a link to finding 4 (the numbering gap on line 13) lights it and its
    // related place (the previous item on line 11): two bands of lit rows.
    let lit = screenshot(&exe, &page, "#f1-d4", "lit.png");
    let bands = lit.bands(LIT, 8);
    assert_eq!(bands.len(), 2, "lit rows: {bands:?}");
    assert!(bands[1].0 - bands[0].1 > 30, "{bands:?}");

    // The DOM after the script ran: the popover shows finding 4's message, the related
    // place is lit, and the notice's markup characters are text.
    let dom = String::from_utf8(chromium(
        &exe,
        &["--dump-dom".into()],
        &url(&page, "#f1-d4"),
    ))
    .unwrap();
    assert!(
        dom.contains("<html lang=\"zh-CN\" class=\"js\">"),
        "the script did not finish"
    );
    let pop = &dom[dom.find("<div id=\"nl-pop\"").expect("popover")..];
    let pop = &pop[..pop.find("</details></div>").unwrap_or(pop.len())];
    assert!(!pop.starts_with("<div id=\"nl-pop\" hidden"), "{pop}");
    assert!(pop.contains("序号跳号"), "{pop}");
    assert!(pop.contains("规则说明 NL101"), "{pop}");
    assert!(dom.contains("<mark class=\"rel on\" data-r=\"4\">2.</mark>"));
    assert!(dom.contains("张贴&lt;禁烧&gt;标语&amp;\"横幅\"。"));
    assert!(dom.contains("<div class=\"filters\">"));
}

#[test]
fn prints_every_notice_with_markers_and_findings() {
    let Some((exe, pdftotext, pdftoppm)) = tools() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    // More notices than open on screen: printing must open the collapsed ones.
    let files: Vec<(String, &str)> = (1..=21).map(|i| (format!("n{i:02}.txt"), NOTICE)).collect();
    let page = report(dir.path(), &files);
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(!html.contains(" open>\n<summary><span class=\"path\">"));

    let pdf = dir.path().join("report.pdf");
    chromium(
        &exe,
        &[
            "--no-pdf-header-footer".into(),
            format!("--print-to-pdf={}", pdf.display()),
        ],
        &url(&page, ""),
    );
    let text = String::from_utf8(run(
        Command::new(&pdftotext)
            .args(["-layout"])
            .arg(&pdf)
            .arg("-"),
        Duration::from_secs(60),
    ))
    .unwrap();
    // Each notice's text and its findings list are on paper.
    assert_eq!(text.matches("发现的问题 (5)").count(), 21, "{text}");
    assert_eq!(text.matches("推进综合利用").count(), 21);
    assert!(text.matches("序号跳号").count() >= 21);
    assert!(text.contains("n21.txt"));
    // A new page for each notice (form feeds between pages).
    assert!(text.matches('\u{c}').count() >= 21);

    // The highlights print in colour: rasterise the first notice's page.
    let first = text
        .split('\u{c}')
        .position(|p| p.contains("n01.txt") && p.contains("推进综合利用"));
    let pageno = first.expect("n01's page") + 1;
    let prefix = dir.path().join("page");
    run(
        Command::new(&pdftoppm)
            .args(["-r", "60", "-png", "-singlefile", "-f"])
            .arg(pageno.to_string())
            .arg("-l")
            .arg(pageno.to_string())
            .arg(&pdf)
            .arg(&prefix),
        Duration::from_secs(60),
    );
    let img = Image::load(&prefix.with_extension("png"));
    for (what, c) in [
        ("error", ERROR_BG),
        ("warning", WARNING_BG),
        ("marker", ERROR_MARKER),
    ] {
        assert!(
            img.count_near(c, 10) > 5,
            "no {what} colour on the printed page"
        );
    }
}
