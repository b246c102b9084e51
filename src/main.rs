//! The `noticelint` command: reads files, checks them in parallel, prints reports.
//! All linting lives in the library; this file is I/O and argument handling.

use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Mutex;

use clap::{Parser, Subcommand, ValueEnum};
use rayon::prelude::*;

use noticelint::config::Config;

use noticelint::render::{human, machine, FileError, Summary};
use noticelint::{registry, FileReport, Lang, Options, Selector};

#[derive(Parser)]
#[command(
    name = "noticelint",
    version,
    about = "公文检查工具：序号、数量、发文机关、文字完整性 — a linter for Chinese official notices"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check notices (files, folders, or - for stdin).
    Check(CheckArgs),
    /// List every rule: code, name, default severity, summary.
    Rules {
        #[arg(long, value_enum, default_value_t = ListFormat::Human)]
        format: ListFormat,
        #[arg(long, value_enum)]
        lang: Option<LangArg>,
        /// Show severities under this configuration (default: noticelint.toml found from
        /// the current folder upward).
        #[arg(long)]
        config: Option<PathBuf>,
    },
    /// Print a rule's documentation, with a bad and a good example.
    Explain {
        /// A code (NL101) or a name (numbering-gap).
        rule: String,
        #[arg(long, value_enum)]
        lang: Option<LangArg>,
    },
    /// Language server (LSP) over stdio, for editors.
    Server,
    /// Write the findings as Word comments (批注) on a copy of a .docx.
    Annotate {
        input: PathBuf,
        /// The annotated copy to write (written atomically).
        #[arg(short = 'o', long = "output")]
        output: PathBuf,
        /// Use this configuration file instead of discovering noticelint.toml.
        #[arg(long)]
        config: Option<PathBuf>,
        #[arg(long, value_delimiter = ',')]
        select: Vec<String>,
        #[arg(long, value_delimiter = ',')]
        ignore: Vec<String>,
        #[arg(long, value_enum)]
        lang: Option<LangArg>,
        #[arg(long, default_value_t = 256 * 1024 * 1024)]
        max_file_size: u64,
    },
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum Format {
    Human,
    Json,
    Jsonl,
    Sarif,
    Github,
    Rdjson,
    Html,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum ListFormat {
    Human,
    Json,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum ColorArg {
    Auto,
    Always,
    Never,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum LangArg {
    Zh,
    En,
}

impl From<LangArg> for Lang {
    fn from(l: LangArg) -> Lang {
        match l {
            LangArg::Zh => Lang::Zh,
            LangArg::En => Lang::En,
        }
    }
}

#[derive(clap::Args)]
struct CheckArgs {
    /// Files or folders to check (folders recursively); `-` reads stdin. Default: `.`
    paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Write the report to FILE instead of stdout.
    #[arg(short = 'o', long = "output")]
    output: Option<PathBuf>,
    /// Rules to run: codes (NL101), prefixes (NL1) or names, comma-separated.
    #[arg(long, value_delimiter = ',')]
    select: Vec<String>,
    /// Rules not to run: codes, prefixes or names, comma-separated.
    #[arg(long, value_delimiter = ',')]
    ignore: Vec<String>,
    /// Use this configuration file instead of discovering noticelint.toml.
    #[arg(long)]
    config: Option<PathBuf>,
    /// Exit 0 even when errors are found.
    #[arg(long)]
    exit_zero: bool,
    /// Print the number of findings per rule instead of the findings.
    #[arg(long)]
    statistics: bool,
    #[arg(long, value_enum, default_value_t = ColorArg::Auto)]
    color: ColorArg,
    /// Message language (default zh).
    #[arg(long, value_enum)]
    lang: Option<LangArg>,
    /// Show every finding, even when one rule fires many times in a file.
    #[arg(long)]
    show_all: bool,
    /// Apply the safe fixes to the files (written atomically, in their own encoding),
    /// then report what remains.
    #[arg(long)]
    fix: bool,
    /// Show the safe fixes as a unified diff instead of writing them.
    #[arg(long)]
    diff: bool,
    /// Refuse files larger than this many bytes (default 256 MiB) without reading them.
    #[arg(long, default_value_t = 256 * 1024 * 1024)]
    max_file_size: u64,
    /// Name to report for stdin.
    #[arg(long, default_value = "-")]
    stdin_filename: String,
    /// No progress bar and no closing summary on stderr.
    #[arg(short = 'q', long)]
    quiet: bool,
}

/// glibc's allocator raises its mmap threshold each time a large block is freed, up to
/// 32 MiB, after which large buffers come from the heap and stay resident when freed; with
/// two threads each thread's arena keeps its own (the 32 MB notice: 147,656 KiB resident with
/// one thread, 182,000–192,712 KiB with two). A fixed threshold turns the adjustment off:
/// buffers of 1 MiB or more are mapped and unmapped whole (137,380 and 143,304 KiB).
fn fixed_mmap_threshold() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets an allocator parameter; it is called before any thread starts.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 1 << 20);
    }
}

fn main() -> ExitCode {
    fixed_mmap_threshold();
    let cli = Cli::parse();
    match cli.command {
        Command::Check(args) => check(args),
        Command::Rules {
            format,
            lang,
            config,
        } => {
            // The effective severities and selection under the configuration in force here.
            let cfg = match &config {
                Some(p) => match Config::load(p) {
                    Ok(c) => Some(c),
                    Err(e) => return usage_error(&e),
                },
                None => {
                    let cache: ConfigCache = Mutex::new(std::collections::HashMap::new());
                    let errs = Mutex::new(Vec::new());
                    let found = discover(Path::new("."), &cache, &errs);
                    if let Some(e) = errs.into_inner().unwrap_or_default().first() {
                        return usage_error(&format!("{}: {}", e.path, e.message));
                    }
                    found.map(|(c, _)| (*c).clone())
                }
            };
            let opts = cfg
                .map(|c| c.apply(&Options::default(), None))
                .unwrap_or_default();
            list_rules(format, lang.map(Lang::from).unwrap_or(opts.lang), &opts);
            ExitCode::SUCCESS
        }
        Command::Explain { rule, lang } => match registry::find(&rule) {
            Some(r) => {
                print!(
                    "{}",
                    registry::explain(r, lang.map(Lang::from).unwrap_or_default())
                );
                ExitCode::SUCCESS
            }
            None => {
                eprintln!("error: 没有名为“{rule}”的规则 (no rule with code or name `{rule}`); 用 `noticelint rules` 查看全部");
                ExitCode::from(2)
            }
        },
        Command::Server => match noticelint::server::run() {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("noticelint server: {e}");
                ExitCode::from(1)
            }
        },
        Command::Annotate {
            input,
            output,
            config,
            select,
            ignore,
            lang,
            max_file_size,
        } => ExitCode::from(noticelint::annotate::run(&noticelint::annotate::Args {
            input,
            output,
            config,
            select,
            ignore,
            lang: lang.map(Lang::from),
            max_file_size,
        })),
    }
}

fn list_rules(format: ListFormat, lang: Lang, opts: &Options) {
    match format {
        ListFormat::Json => {
            let v: Vec<_> = registry::RULES
                .iter()
                .map(|r| {
                    serde_json::json!({
                        "code": r.code,
                        "name": r.name,
                        "severity": opts.severity_of(r).as_str(),
                        "default_severity": r.default_severity.as_str(),
                        "enabled": opts.is_enabled(r),
                        "summary": r.summary.get(lang),
                        "implemented": r.implemented,
                    })
                })
                .collect();
            println!("{}", serde_json::to_string_pretty(&v).unwrap_or_default());
        }
        ListFormat::Human => {
            for r in registry::RULES {
                let mark = if !r.implemented {
                    "-"
                } else if !opts.is_enabled(r) {
                    "x"
                } else {
                    " "
                };
                println!(
                    "{}{} {:<22} {:<8} {}",
                    mark,
                    r.code,
                    r.name,
                    opts.severity_of(r).as_str(),
                    r.summary.get(lang)
                );
            }
            if registry::RULES.iter().any(|r| !opts.is_enabled(r)) {
                println!();
                println!(
                    "{}",
                    match lang {
                        Lang::Zh => "标“x”的规则在当前配置（noticelint.toml）下不运行；级别一栏是当前配置下的级别。",
                        Lang::En => "Rules marked `x` do not run under the current configuration (noticelint.toml); severities are the effective ones.",
                    }
                );
            }
            if registry::RULES.iter().all(|r| r.implemented) {
                return;
            }
            println!();
            println!(
                "{}",
                match lang {
                    Lang::Zh => "标“-”的规则已登记、尚未实现。用 `noticelint explain <代码>` 查看说明。",
                    Lang::En => "Rules marked `-` are registered but not implemented yet. `noticelint explain <CODE>` documents each.",
                }
            );
        }
    }
}

/// A file to check: where to read it and how to name it.
enum Input {
    File { path: PathBuf, shown: String },
    Stdin { shown: String },
}

fn usage_error(msg: &str) -> ExitCode {
    eprintln!("error: {msg}");
    ExitCode::from(2)
}

fn check(args: CheckArgs) -> ExitCode {
    let mut base = Options::default();
    match (
        Selector::parse_flag(&args.select, "--select"),
        Selector::parse_flag(&args.ignore, "--ignore"),
    ) {
        (Ok(select), Ok(ignore)) => (base.select, base.ignore) = (select, ignore),
        (Err(e), _) | (_, Err(e)) => return usage_error(&e),
    }
    let cli_lang = args.lang.map(Lang::from);
    if let Some(l) = cli_lang {
        base.lang = l;
    }
    let explicit_config = match &args.config {
        Some(p) => match Config::load(p) {
            // Its folder resolved, as a discovered configuration's is: per-file globs are
            // matched against the resolved file paths relative to it.
            Ok(c) => Some((std::sync::Arc::new(c), resolved_folder_of(p))),
            Err(e) => return usage_error(&e),
        },
        None => None,
    };

    // Collect inputs.
    let mut inputs = Vec::new();
    let mut errors: Vec<FileError> = Vec::new();
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    for p in &paths {
        if p.as_os_str() == "-" {
            inputs.push(Input::Stdin {
                shown: args.stdin_filename.clone(),
            });
        } else if p.is_dir() {
            collect_dir(p, &mut inputs, &mut errors);
        } else {
            inputs.push(Input::File {
                path: p.clone(),
                shown: p.to_string_lossy().into_owned(),
            });
        }
    }

    // Configurations, discovered per folder and cached.
    let configs: ConfigCache = Mutex::new(std::collections::HashMap::new());
    let folders: FolderCache = Mutex::new(std::collections::HashMap::new());
    let config_errors: Mutex<Vec<FileError>> = Mutex::new(Vec::new());
    let options_for = |path: Option<&Path>| -> Options {
        let (cfg, root) = match (&explicit_config, path) {
            (Some((c, root)), _) => (Some(std::sync::Arc::clone(c)), root.clone()),
            (None, Some(p)) => match discover(folder_of(p), &configs, &config_errors) {
                Some((c, root)) => (Some(c), root),
                None => (None, PathBuf::new()),
            },
            (None, None) => match discover(Path::new("."), &configs, &config_errors) {
                Some((c, root)) => (Some(c), root),
                None => (None, PathBuf::new()),
            },
        };
        let mut o = match &cfg {
            Some(c) => {
                let rel = path.and_then(|p| relative_to(p, &root, &folders));
                c.apply(&base, rel.as_deref())
            }
            None => base.clone(),
        };
        if let Some(l) = cli_lang {
            o.lang = l;
        }
        if let Some(p) = path {
            o.markdown = matches!(
                p.extension().and_then(|e| e.to_str()),
                Some("md" | "markdown")
            );
        }
        o
    };

    let mut stdin_bytes = None;
    if inputs.iter().any(|i| matches!(i, Input::Stdin { .. })) {
        let mut buf = Vec::new();
        let read = std::io::stdin()
            .take(args.max_file_size.saturating_add(1))
            .read_to_end(&mut buf);
        if buf.len() as u64 > args.max_file_size {
            errors.push(FileError {
                path: args.stdin_filename.clone(),
                message: format!(
                    "larger than the limit of {} bytes (--max-file-size)",
                    args.max_file_size
                ),
            });
        } else if let Err(e) = read {
            errors.push(FileError {
                path: args.stdin_filename.clone(),
                message: format!("cannot read stdin: {e}"),
            });
        } else {
            stdin_bytes = Some(buf);
        }
    }

    // Every file's options are settled before any output, so that a broken configuration
    // stops the run (exit 2) before anything is printed.
    let mut file_opts: Vec<Options> = inputs
        .iter()
        .map(|i| match i {
            Input::File { path, .. } => options_for(Some(path)),
            Input::Stdin { .. } => options_for(None),
        })
        .collect();
    let cfg_errs = config_errors.into_inner().unwrap_or_default();
    if !cfg_errs.is_empty() {
        for e in &cfg_errs {
            eprintln!("error: {}: {}", e.path, e.message);
        }
        return ExitCode::from(2);
    }

    // The report is in one language: `--lang`, else the `lang` of the configuration that
    // applies to the first input, else Chinese. Findings keep only that language's messages.
    let lang = cli_lang
        .or_else(|| file_opts.first().map(|o| o.lang))
        .unwrap_or_default();
    for o in &mut file_opts {
        o.lang = lang;
        o.one_language = true;
    }
    let started = std::time::Instant::now();
    let color = match args.color {
        ColorArg::Always => true,
        ColorArg::Never => false,
        ColorArg::Auto => {
            args.output.is_none()
                && std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none()
        }
    };
    let plan = Plan {
        args: &args,
        human: human::HumanOptions {
            color,
            lang,
            show_all: args.show_all,
        },
        stdin_bytes: stdin_bytes.as_deref(),
    };

    // The report goes to its destination as files are checked: a file's text and findings
    // are dropped once its part is written, so memory stays bounded by a batch.
    let mut sink: Box<dyn Write> = match &args.output {
        Some(p) => match std::fs::File::create(p) {
            Ok(f) => Box::new(std::io::BufWriter::new(f)),
            Err(e) => return usage_error(&format!("cannot write {}: {e}", p.display())),
        },
        None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
    };
    let mut write_failed: Option<String> = None;
    // A batch's part of the report, written at once (around the progress bar).
    let mut pending: Vec<u8> = Vec::new();

    let progress = if args.quiet || inputs.len() < 2 {
        indicatif::ProgressBar::hidden()
    } else {
        let pb = indicatif::ProgressBar::with_draw_target(
            Some(inputs.len() as u64),
            indicatif::ProgressDrawTarget::stderr_with_hz(10),
        );
        pb.set_style(
            indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} {wide_msg}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        pb
    };

    let mut flush = |sink: &mut Box<dyn Write>, pending: &mut Vec<u8>| {
        if write_failed.is_none() && !pending.is_empty() {
            let r = progress.suspend(|| sink.write_all(pending).and_then(|_| sink.flush()));
            if let Err(e) = r {
                write_failed = Some(e.to_string());
            }
        }
        pending.clear();
    };
    if args.format == Format::Json && !args.diff {
        pending.extend_from_slice(machine::json_begin().as_bytes());
    }
    let mut summary = Summary::default();
    let mut kept: Vec<FileReport> = Vec::new();
    let mut fixed_count = 0;
    let mut any_diff = false;
    let mut first_file = true;
    let mut has_error = false;
    let (batches, sizes) = batches(&inputs);
    for batch in batches {
        let outcomes: Vec<Outcome> = batch
            .clone()
            .into_par_iter()
            .map(|k| {
                let o = plan.run(&inputs[k], &file_opts[k], sizes[k]);
                progress.inc(1);
                o
            })
            .collect();
        for o in outcomes {
            for n in &o.notes {
                progress.suspend(|| eprintln!("{n}"));
            }
            if let Some(e) = o.error {
                errors.push(e);
                continue;
            }
            if !o.before.is_empty() {
                flush(&mut sink, &mut pending);
                let _ = std::io::stdout().write_all(&o.before);
            }
            summary.add(&o.summary);
            has_error |= o.summary.errors > 0;
            fixed_count += o.fixed;
            any_diff |= !o.diff.is_empty();
            pending.extend_from_slice(&o.diff);
            if let Some(rep) = o.deferred {
                let mut emit = |chunk: &mut Vec<u8>| {
                    pending.append(chunk);
                    flush(&mut sink, &mut pending);
                };
                match args.format {
                    Format::Json => machine::json_file_with(&rep, first_file, lang, &mut emit),
                    Format::Human => human::render_file_with(&rep, &plan.human, &mut emit),
                    _ => machine::jsonl_file_with(&rep, lang, &mut emit),
                }
                first_file = false;
                continue;
            }
            if args.format == Format::Json && !first_file && !o.rendered.is_empty() {
                pending.push(b',');
            }
            if o.rendered.len() >= DEFER_BYTES {
                // Written as it is rather than copied.
                flush(&mut sink, &mut pending);
                let mut r = o.rendered;
                flush(&mut sink, &mut r);
            } else {
                pending.extend_from_slice(&o.rendered);
            }
            first_file = false;
            if let Some(r) = o.report {
                kept.push(r);
            }
        }
        flush(&mut sink, &mut pending);
    }
    progress.finish_and_clear();

    if args.diff {
        drop(sink);
        for e in &errors {
            eprintln!("error: {}: {}", e.path, e.message);
        }
        return if !errors.is_empty() {
            ExitCode::from(2)
        } else if any_diff {
            ExitCode::from(1)
        } else {
            ExitCode::SUCCESS
        };
    }
    if args.fix {
        eprintln!(
            "{}",
            match lang {
                Lang::Zh => format!("已自动修复 {fixed_count} 处。"),
                Lang::En => format!("Fixed {fixed_count} problem(s)."),
            }
        );
    }
    let tail: Vec<u8> = match args.format {
        _ if args.statistics && args.format == Format::Human => {
            let mut s = human::statistics(&kept, lang);
            s.push_str(&human::summary_line(&summary, lang));
            s.into_bytes()
        }
        Format::Human => human::summary_line(&summary, lang).into_bytes(),
        Format::Json => machine::json_end(!first_file, &errors, &summary).into_bytes(),
        Format::Jsonl | Format::Github => Vec::new(),
        Format::Rdjson => machine::rdjson_report(&kept, lang).into_bytes(),
        Format::Sarif => machine::sarif_report(&kept, lang).into_bytes(),
        Format::Html => noticelint::render::html::html_report(&kept, &errors, lang).into_bytes(),
    };
    pending.extend_from_slice(&tail);
    flush(&mut sink, &mut pending);
    drop(sink);
    for e in &errors {
        if args.format != Format::Json || args.output.is_some() {
            eprintln!("error: {}: {}", e.path, e.message);
        }
    }
    if let Some(e) = write_failed {
        if !e.contains("Broken pipe") {
            return usage_error(&match &args.output {
                Some(p) => format!("cannot write {}: {e}", p.display()),
                None => format!("cannot write to stdout: {e}"),
            });
        }
    }
    // The one-line summary with the time, for a terminal that showed the progress bar and
    // does not already end with the human report's summary.
    let summary_shown = args.format == Format::Human && args.output.is_none();
    let bar_shown = !args.quiet && inputs.len() >= 2 && std::io::stderr().is_terminal();
    if bar_shown && !summary_shown {
        let secs = started.elapsed().as_secs_f64();
        let line = human::summary_line(&summary, lang);
        let line = line.trim_end().trim_end_matches(['。', '.']);
        eprintln!(
            "{}",
            match lang {
                Lang::Zh => format!("{line}，用时 {secs:.1} 秒。"),
                Lang::En => format!("{line}, in {secs:.1} s."),
            }
        );
    }

    if !errors.is_empty() {
        ExitCode::from(2)
    } else if has_error && !args.exit_zero {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Files of this many bytes or more have their JSON, JSONL or human report rendered while it
/// is written.
const DEFER_BYTES: usize = 4 << 20;

/// Files per batch, and input bytes per batch: a batch is checked in parallel, then its
/// reports are written in order and dropped.
const BATCH_FILES: usize = 256;
const BATCH_BYTES: u64 = 16 << 20;

/// What the batching learnt of a file, so that reading it does not ask the file system
/// again (one `statx` per file fewer).
#[derive(Clone, Copy)]
struct Stat {
    /// A regular file (its length is the size of its contents).
    file: bool,
    len: u64,
}

impl Stat {
    fn of(m: &std::fs::Metadata) -> Stat {
        Stat {
            file: m.is_file(),
            len: m.len(),
        }
    }
}

/// The inputs cut into batches of at most [`BATCH_FILES`] files and about [`BATCH_BYTES`],
/// and what was learnt of each file on the way (`None`: stdin, or the look-up failed, in
/// which case reading the file asks again and says why it fails).
fn batches(inputs: &[Input]) -> (Vec<std::ops::Range<usize>>, Vec<Option<Stat>>) {
    let mut out = Vec::new();
    let mut stats = Vec::with_capacity(inputs.len());
    let (mut start, mut bytes) = (0, 0u64);
    for (k, i) in inputs.iter().enumerate() {
        let (stat, size) = match i {
            Input::File { path, .. } => {
                let stat = std::fs::metadata(path).ok().map(|m| Stat::of(&m));
                (stat, stat.map_or(0, |s| s.len))
            }
            Input::Stdin { .. } => (None, BATCH_BYTES),
        };
        stats.push(stat);
        if k > start && (k - start >= BATCH_FILES || bytes + size > BATCH_BYTES) {
            out.push(start..k);
            start = k;
            bytes = 0;
        }
        bytes += size;
    }
    if start < inputs.len() {
        out.push(start..inputs.len());
    }
    (out, stats)
}

/// What the run does with each file: shared by the worker threads.
struct Plan<'a> {
    args: &'a CheckArgs,
    human: human::HumanOptions,
    stdin_bytes: Option<&'a [u8]>,
}

/// One file checked: its part of the report, ready to write.
#[derive(Default)]
struct Outcome {
    error: Option<FileError>,
    /// Notes for stderr (a .docx met by --fix).
    notes: Vec<String>,
    /// Bytes for stdout before the report (the fixed notice read from stdin).
    before: Vec<u8>,
    /// The file's part of a streamed report (human, json, jsonl, github).
    rendered: Vec<u8>,
    /// The report itself, for formats written at the end (sarif, rdjson, html), and
    /// without its text for --statistics.
    report: Option<FileReport>,
    /// A large file's report, rendered (json, jsonl) while it is written, in chunks, so
    /// that its report is never whole in memory.
    deferred: Option<FileReport>,
    summary: Summary,
    fixed: usize,
    diff: Vec<u8>,
}

impl Plan<'_> {
    fn run(&self, input: &Input, opts: &Options, stat: Option<Stat>) -> Outcome {
        let args = self.args;
        let (checked, shown, path) = match input {
            Input::File { path, shown } => match read_limited(path, args.max_file_size, stat) {
                Ok(b) => (
                    noticelint::check_owned(shown, b, opts),
                    shown,
                    Some(path.as_path()),
                ),
                Err(message) => return Outcome::failed(shown, message),
            },
            Input::Stdin { shown } => match self.stdin_bytes {
                Some(b) => (noticelint::check_bytes(shown, b, opts), shown, None),
                // Reading stdin failed: its error is already listed.
                None => return Outcome::default(),
            },
        };
        let mut rep = match checked {
            Ok(r) => r,
            Err(e) => return Outcome::failed(shown, e.to_string()),
        };
        let mut out = Outcome::default();
        if args.fix || args.diff {
            if !rep.kind.is_fixable() {
                if rep.kind == noticelint::input::Kind::Docx {
                    out.notes.push(format!("note: {}: --fix/--diff 不修改 Word 文档，可用 `noticelint annotate` 写成批注 (Word documents are not fixed; try `noticelint annotate`)", rep.path));
                }
            } else {
                let fixed = noticelint::fix::fix_text(&rep.text, opts);
                if fixed.applied > 0 {
                    if args.diff {
                        let d = similar::TextDiff::from_lines(&rep.text, &fixed.text);
                        let _ = write!(
                            &mut out.diff,
                            "{}",
                            d.unified_diff().header(&rep.path, &rep.path)
                        );
                    } else {
                        if path.is_none() {
                            // The fixed notice goes to stdout, before the report.
                            out.before =
                                noticelint::fix::encode(&fixed.text, rep.encoding, rep.bom)
                                    .unwrap_or_default();
                        } else if let Err(e) = write_atomically(
                            Path::new(&rep.path),
                            &fixed.text,
                            rep.encoding,
                            rep.bom,
                        ) {
                            return Outcome::failed(&rep.path, e);
                        }
                        out.fixed = fixed.applied;
                        rep.lines = noticelint::source::LineIndex::new(&fixed.text);
                        rep.diagnostics = noticelint::check_indexed(&fixed.text, &rep.lines, opts);
                        rep.text = fixed.text;
                    }
                }
            }
        }
        out.summary = Summary::of(std::slice::from_ref(&rep));
        if args.diff {
            return out;
        }
        if args.statistics && args.format == Format::Human {
            rep.text = String::new();
            out.report = Some(rep);
            return out;
        }
        if rep.text.len() >= DEFER_BYTES
            && matches!(args.format, Format::Json | Format::Jsonl | Format::Human)
        {
            out.deferred = Some(rep);
            return out;
        }
        match args.format {
            Format::Human => out.rendered = human::render_file(&rep, &self.human),
            Format::Jsonl => out.rendered = machine::jsonl_file(&rep, self.human.lang),
            Format::Github => {
                out.rendered =
                    machine::github_report(std::slice::from_ref(&rep), self.human.lang).into_bytes()
            }
            // The comma between files is the caller's.
            Format::Json => out.rendered = machine::json_file(&rep, true, self.human.lang),
            Format::Rdjson | Format::Sarif | Format::Html => out.report = Some(rep),
        }
        out
    }
}

impl Outcome {
    fn failed(path: &str, message: String) -> Outcome {
        Outcome {
            error: Some(FileError {
                path: path.to_owned(),
                message,
            }),
            ..Outcome::default()
        }
    }
}

/// Write a fixed notice back in its own encoding, atomically.
fn write_atomically(path: &Path, text: &str, encoding: &str, bom: bool) -> Result<(), String> {
    let bytes = noticelint::fix::encode(text, encoding, bom)?;
    noticelint::fix::write_atomically(path, &bytes)
        .map_err(|e| e.replace("cannot write:", "cannot write the fixed file:"))
}

/// Read a file, refusing it unread when it is larger than `limit` bytes (by its `stat`
/// when the caller already has it; a file that grew since is still cut at the limit).
fn read_limited(path: &Path, limit: u64, stat: Option<Stat>) -> Result<Vec<u8>, String> {
    let meta = match stat {
        Some(s) => s,
        None => std::fs::metadata(path)
            .map(|m| Stat::of(&m))
            .map_err(|e| io_message(&e))?,
    };
    if meta.file && meta.len > limit {
        return Err(format!(
            "{} bytes, larger than the limit of {limit} bytes: not read (raise it with --max-file-size)",
            meta.len
        ));
    }
    // Sized from the file's length, so that a large file is not read into a buffer
    // grown by doubling (up to twice its size).
    let mut buf = Vec::with_capacity(if meta.file { meta.len as usize + 1 } else { 0 });
    std::fs::File::open(path)
        .and_then(|f| f.take(limit.saturating_add(1)).read_to_end(&mut buf))
        .map_err(|e| io_message(&e))?;
    if buf.len() as u64 > limit {
        return Err(format!(
            "larger than the limit of {limit} bytes: not read (raise it with --max-file-size)"
        ));
    }
    Ok(buf)
}

fn io_message(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or folder (文件不存在)".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied (无权读取)".into(),
        _ => format!("cannot read: {e}"),
    }
}

const EXTENSIONS: [&str; 6] = ["txt", "md", "markdown", "docx", "html", "htm"];

fn collect_dir(dir: &Path, inputs: &mut Vec<Input>, errors: &mut Vec<FileError>) {
    let walker = ignore::WalkBuilder::new(dir)
        .hidden(true)
        .git_ignore(true)
        .git_exclude(true)
        .ignore(true)
        .require_git(false)
        .parents(true)
        .sort_by_file_path(|a, b| a.cmp(b))
        .build();
    let mut found = Vec::new();
    for entry in walker {
        match entry {
            Ok(e) => {
                if e.file_type().is_some_and(|t| t.is_file())
                    && e.path()
                        .extension()
                        .and_then(|x| x.to_str())
                        .is_some_and(|x| EXTENSIONS.contains(&x.to_ascii_lowercase().as_str()))
                {
                    found.push(e.into_path());
                }
            }
            Err(err) => errors.push(FileError {
                path: dir.to_string_lossy().into_owned(),
                message: err.to_string(),
            }),
        }
    }
    found.sort();
    for p in found {
        let shown = p.to_string_lossy().into_owned();
        inputs.push(Input::File { path: p, shown });
    }
}

type ConfigCache =
    Mutex<std::collections::HashMap<PathBuf, Option<(std::sync::Arc<Config>, PathBuf)>>>;

/// The nearest `noticelint.toml` in `dir` or above it.
fn discover(
    dir: &Path,
    cache: &ConfigCache,
    errors: &Mutex<Vec<FileError>>,
) -> Option<(std::sync::Arc<Config>, PathBuf)> {
    // By the folder as given first: resolving it costs a system call per path component,
    // and the files of one folder all give the same path.
    if let Some(hit) = cache.lock().ok()?.get(dir) {
        return hit.clone();
    }
    let abs = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    {
        let mut c = cache.lock().ok()?;
        if let Some(hit) = c.get(&abs).cloned() {
            c.insert(dir.to_path_buf(), hit.clone());
            return hit;
        }
    }
    let mut found = None;
    if let Some(cand) = noticelint::config::find_upward(&abs) {
        match Config::load(&cand) {
            Ok(c) => {
                let root = cand.parent().map(Path::to_path_buf).unwrap_or_default();
                found = Some((std::sync::Arc::new(c), root));
            }
            Err(e) => {
                if let Ok(mut v) = errors.lock() {
                    if !v.iter().any(|x| x.path == cand.display().to_string()) {
                        v.push(FileError {
                            path: cand.display().to_string(),
                            message: e.split_once(": ").map_or(e.clone(), |(_, m)| m.to_string()),
                        });
                    }
                }
            }
        }
    }
    if let Ok(mut c) = cache.lock() {
        c.insert(dir.to_path_buf(), found.clone());
        c.insert(abs, found.clone());
    }
    found
}

/// The folder a file lies in (`.` for a bare file name).
fn folder_of(file: &Path) -> &Path {
    match file.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    }
}

/// The folder a file lies in, resolved (as given when it cannot be).
fn resolved_folder_of(file: &Path) -> PathBuf {
    let dir = folder_of(file);
    std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf())
}

/// Folders resolved, by the path they were given as (`None`: cannot be resolved).
type FolderCache = Mutex<std::collections::HashMap<PathBuf, Option<PathBuf>>>;

/// `path` resolved, relative to the resolved folder `root`.
fn relative_to(path: &Path, root: &Path, folders: &FolderCache) -> Option<PathBuf> {
    // A file that is no symbolic link resolves to its folder resolved and its name: each
    // folder is resolved once (a system call per path component), each file takes one.
    let plain = std::fs::symlink_metadata(path).is_ok_and(|m| !m.file_type().is_symlink());
    let in_folder = match path.file_name() {
        Some(name) if plain => {
            let dir = folder_of(path);
            let known = folders.lock().ok()?.get(dir).cloned();
            let resolved = known.unwrap_or_else(|| {
                let r = std::fs::canonicalize(dir).ok();
                if let Ok(mut f) = folders.lock() {
                    f.insert(dir.to_path_buf(), r.clone());
                }
                r
            });
            resolved.map(|d| d.join(name))
        }
        _ => None,
    };
    let abs = match in_folder {
        Some(a) => a,
        None => std::fs::canonicalize(path).ok()?,
    };
    abs.strip_prefix(root).ok().map(Path::to_path_buf)
}
