//! `noticelint server`: a language server (LSP) over stdio.
//!
//! Synchronous and single-threaded apart from the reader: a thread reads framed messages
//! from stdin ([`transport`]) into a channel; the loop takes every message waiting, handles
//! them in order ([`Server::handle`]), then lints the documents that changed and publishes
//! their diagnostics once ([`Server::publish`]). A burst of keystrokes therefore costs one
//! lint, not one per keystroke, and nothing is lost.
//!
//! - Text sync is incremental; positions are UTF-16 ([`position`]).
//! - Diagnostics: range, severity, `code` = NL code, `source` = noticelint, the notes
//!   appended to the message, the secondary labels as `relatedInformation`.
//! - Code actions: each safe fix of a diagnostic in the requested range as a `quickfix`,
//!   and `source.fixAll` for every safe fix of the document ([`crate::fix::fix_text`]), as
//!   one edit computed once per version, and only when picked (`codeAction/resolve`) if
//!   the client can resolve edits.
//! - Configuration: the `noticelint.toml` found upward from the document's folder, read
//!   when a document is opened or saved, and again for every open document when a
//!   `noticelint.toml` is saved in the editor. Markdown documents get suppression comments.
//!   Web pages and Word files are not linted (their text in the editor is not the notice).

pub mod position;
pub mod transport;

use std::collections::{BTreeSet, HashMap};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::mpsc;

use lsp_server::{ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types as lsp;

use crate::config::{self, Config};
use crate::diagnostic::{Applicability, Diagnostic, Lang, Severity};
use crate::input::Kind;
use crate::options::Options;
use position::Utf16Index;
use transport::Incoming;

/// Run the server on stdin and stdout until the client says `exit`. `Ok` after a
/// `shutdown` request; an error (exit code 1) when the client exits or disconnects without one.
pub fn run() -> Result<(), String> {
    let (tx, rx) = mpsc::channel();
    std::thread::Builder::new()
        .name("noticelint-lsp-reader".into())
        .spawn(move || {
            let stdin = io::stdin();
            let mut input = stdin.lock();
            transport::read_messages(&mut input, |m| tx.send(m).is_ok());
        })
        .map_err(|e| format!("cannot start the reader thread: {e}"))?;
    let stdout = io::stdout();
    let mut out = stdout.lock();
    serve(&mut Server::default(), &rx, &mut out)
}

/// The message loop: batches of waiting messages, then one publication of what changed.
pub fn serve(
    server: &mut Server,
    rx: &mpsc::Receiver<Incoming>,
    out: &mut impl Write,
) -> Result<(), String> {
    loop {
        let Ok(first) = rx.recv() else {
            return match server.state {
                State::ShutDown => Ok(()),
                _ => Err("the client closed the connection without shutdown and exit".into()),
            };
        };
        let mut batch = vec![first];
        batch.extend(rx.try_iter());
        for incoming in batch {
            let replies = match incoming {
                Incoming::Message(m) => server.handle(m),
                Incoming::Bad { why, id } => {
                    eprintln!("noticelint server: {why}");
                    id.map(|id| Response::new_err(id, ErrorCode::InvalidRequest as i32, why).into())
                        .into_iter()
                        .collect()
                }
            };
            for m in replies {
                send(out, m)?;
            }
            if let Some(code) = server.exit {
                return if code == 0 {
                    Ok(())
                } else {
                    Err("exit without a shutdown request".into())
                };
            }
        }
        for m in server.publish() {
            send(out, m)?;
        }
    }
}

fn send(out: &mut impl Write, m: Message) -> Result<(), String> {
    m.write(out)
        .map_err(|e| format!("cannot write to the client: {e}"))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum State {
    #[default]
    Uninitialized,
    Running,
    ShutDown,
}

/// One open document.
struct Doc {
    uri: lsp::Uri,
    version: i32,
    language_id: String,
    text: String,
    /// `None`: a kind of document that is not linted (web page, Word file).
    options: Option<Options>,
    /// The diagnostics of the current text, computed when first needed.
    linted: Option<Linted>,
}

struct Linted {
    index: Utf16Index,
    diagnostics: Vec<Diagnostic>,
    /// The "fix all" edit, computed when first asked for.
    fix_all: Option<Option<lsp::TextEdit>>,
}

impl Doc {
    fn lang(&self) -> Lang {
        self.options.as_ref().map(|o| o.lang).unwrap_or_default()
    }

    fn linted(&mut self) -> &Linted {
        let (text, options) = (&self.text, &self.options);
        self.linted.get_or_insert_with(|| Linted {
            index: Utf16Index::new(text),
            diagnostics: match options {
                Some(o) => lint(text, o),
                None => Vec::new(),
            },
            fix_all: None,
        })
    }

    /// One edit that applies every safe fix (in rounds, as `--fix` does), if there is any.
    fn fix_all(&mut self) -> Option<lsp::TextEdit> {
        self.linted();
        let (Some(linted), Some(options), text) = (&mut self.linted, &self.options, &self.text)
        else {
            return None;
        };
        linted
            .fix_all
            .get_or_insert_with(|| {
                // The first round reuses the diagnostics already computed.
                let (first, n) = crate::fix::apply_safe(text, &linted.diagnostics);
                if n == 0 {
                    return None;
                }
                let fixed = crate::fix::fix_text(&first, options).text;
                let (span, replacement) = changed_part(text, &fixed);
                Some(lsp::TextEdit::new(
                    linted.index.range(text, &span),
                    replacement.to_owned(),
                ))
            })
            .clone()
    }

    fn lsp_diagnostics(&mut self) -> Vec<lsp::Diagnostic> {
        let lang = self.lang();
        self.linted();
        let (Some(linted), text, uri) = (&self.linted, &self.text, &self.uri) else {
            return Vec::new();
        };
        linted
            .diagnostics
            .iter()
            .map(|d| to_lsp(d, text, &linted.index, uri, lang))
            .collect()
    }
}

/// Lint a text; a bug in a rule is logged and must not take the server down.
fn lint(text: &str, options: &Options) -> Vec<Diagnostic> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| crate::check(text, options)))
        .unwrap_or_else(|_| {
            eprintln!(
                "noticelint server: a rule failed on this document (a bug; please report it)"
            );
            Vec::new()
        })
}

/// The server's state: open documents and what is left to publish.
#[derive(Default)]
pub struct Server {
    state: State,
    /// Set by `exit`: the process's exit code.
    exit: Option<i32>,
    /// The workspace folder, for documents that have no file path.
    root: Option<PathBuf>,
    docs: HashMap<String, Doc>,
    /// Documents whose diagnostics have not been published since they changed.
    dirty: BTreeSet<String>,
    /// Configuration errors already shown (each is shown once).
    shown: BTreeSet<String>,
    /// The client resolves a code action's edit lazily (`codeAction/resolve`).
    resolve_edits: bool,
}

/// Above this size, "fix all" is computed only when asked for by kind (or resolved).
const EAGER_FIX_ALL_LIMIT: usize = 256 << 10;

fn ok(id: RequestId, result: impl serde::Serialize) -> Message {
    Response::new_ok(id, result).into()
}

fn err(id: RequestId, code: ErrorCode, message: impl Into<String>) -> Message {
    Response::new_err(id, code as i32, message.into()).into()
}

impl Server {
    /// Handle one message; returns the messages to send back.
    pub fn handle(&mut self, msg: Message) -> Vec<Message> {
        match msg {
            Message::Request(req) => vec![self.request(req)],
            Message::Notification(n) => self.notification(n),
            Message::Response(_) => Vec::new(),
        }
    }

    fn request(&mut self, req: Request) -> Message {
        let Request { id, method, params } = req;
        match (self.state, method.as_str()) {
            (State::Uninitialized, "initialize") => {
                self.state = State::Running;
                self.root = workspace_root(&params);
                self.resolve_edits = params
                    .pointer("/capabilities/textDocument/codeAction/resolveSupport/properties")
                    .and_then(|p| p.as_array())
                    .is_some_and(|p| p.iter().any(|x| x == "edit"));
                ok(id, initialize_result())
            }
            (State::Uninitialized, _) => err(
                id,
                ErrorCode::ServerNotInitialized,
                "the server has not been initialized",
            ),
            (State::ShutDown, _) => {
                err(id, ErrorCode::InvalidRequest, "the server is shutting down")
            }
            (State::Running, "initialize") => err(
                id,
                ErrorCode::InvalidRequest,
                "initialize was already received",
            ),
            (State::Running, "shutdown") => {
                self.state = State::ShutDown;
                ok(id, ())
            }
            (State::Running, "textDocument/codeAction") => {
                match serde_json::from_value::<lsp::CodeActionParams>(params) {
                    Ok(p) => ok(id, self.code_actions(p)),
                    Err(e) => err(id, ErrorCode::InvalidParams, e.to_string()),
                }
            }
            (State::Running, "codeAction/resolve") => {
                match serde_json::from_value::<lsp::CodeAction>(params) {
                    Ok(a) => ok(id, self.resolve(a)),
                    Err(e) => err(id, ErrorCode::InvalidParams, e.to_string()),
                }
            }
            (State::Running, _) => err(
                id,
                ErrorCode::MethodNotFound,
                format!("noticelint does not handle `{method}`"),
            ),
        }
    }

    fn notification(&mut self, n: Notification) -> Vec<Message> {
        if n.method == "exit" {
            self.exit = Some(if self.state == State::ShutDown { 0 } else { 1 });
            return Vec::new();
        }
        if self.state != State::Running {
            return Vec::new();
        }
        let method = n.method.clone();
        let result = match method.as_str() {
            "textDocument/didOpen" => n
                .extract::<lsp::DidOpenTextDocumentParams>(&method)
                .map(|p| self.did_open(p)),
            "textDocument/didChange" => n
                .extract::<lsp::DidChangeTextDocumentParams>(&method)
                .map(|p| self.did_change(p)),
            "textDocument/didSave" => n
                .extract::<lsp::DidSaveTextDocumentParams>(&method)
                .map(|p| self.did_save(p)),
            "textDocument/didClose" => n
                .extract::<lsp::DidCloseTextDocumentParams>(&method)
                .map(|p| self.did_close(p)),
            _ => Ok(Vec::new()),
        };
        result.unwrap_or_else(|e| {
            eprintln!("noticelint server: bad parameters for {method}: {e}");
            Vec::new()
        })
    }

    fn did_open(&mut self, p: lsp::DidOpenTextDocumentParams) -> Vec<Message> {
        let item = p.text_document;
        let key = item.uri.as_str().to_owned();
        let (options, error) = self.options_for(item.uri.as_str(), &item.language_id);
        self.docs.insert(
            key.clone(),
            Doc {
                uri: item.uri,
                version: item.version,
                language_id: item.language_id,
                text: item.text,
                options,
                linted: None,
            },
        );
        self.dirty.insert(key);
        self.show_error(error)
    }

    fn did_change(&mut self, p: lsp::DidChangeTextDocumentParams) -> Vec<Message> {
        let key = p.text_document.uri.as_str();
        let Some(doc) = self.docs.get_mut(key) else {
            eprintln!("noticelint server: didChange for a document that is not open: {key}");
            return Vec::new();
        };
        position::apply_changes(&mut doc.text, p.content_changes);
        doc.version = p.text_document.version;
        doc.linted = None;
        self.dirty.insert(key.to_owned());
        Vec::new()
    }

    fn did_save(&mut self, p: lsp::DidSaveTextDocumentParams) -> Vec<Message> {
        let key = p.text_document.uri.as_str().to_owned();
        // A saved configuration applies to every open document; a saved notice re-reads
        // the configuration that applies to it.
        let keys: Vec<String> = if key.ends_with(config::FILE_NAME) {
            self.docs.keys().cloned().collect()
        } else {
            vec![key.clone()]
        };
        let mut out = Vec::new();
        for k in keys {
            let Some(lang_id) = self.docs.get(&k).map(|d| d.language_id.clone()) else {
                continue;
            };
            let (options, error) = self.options_for(&k, &lang_id);
            out.extend(self.show_error(error));
            if let Some(doc) = self.docs.get_mut(&k) {
                if k == key {
                    if let Some(text) = &p.text {
                        doc.text.clone_from(text);
                    }
                }
                doc.options = options;
                doc.linted = None;
                self.dirty.insert(k);
            }
        }
        out
    }

    fn did_close(&mut self, p: lsp::DidCloseTextDocumentParams) -> Vec<Message> {
        let key = p.text_document.uri.as_str();
        self.docs.remove(key);
        self.dirty.remove(key);
        vec![publish(p.text_document.uri, Vec::new(), None)]
    }

    /// Publish the diagnostics of every document that changed since the last call.
    pub fn publish(&mut self) -> Vec<Message> {
        let dirty = std::mem::take(&mut self.dirty);
        let mut out = Vec::new();
        for key in dirty {
            if let Some(doc) = self.docs.get_mut(&key) {
                let diags = doc.lsp_diagnostics();
                out.push(publish(doc.uri.clone(), diags, Some(doc.version)));
            }
        }
        out
    }

    fn code_actions(&mut self, p: lsp::CodeActionParams) -> Vec<lsp::CodeActionOrCommand> {
        let Some(doc) = self.docs.get_mut(p.text_document.uri.as_str()) else {
            return Vec::new();
        };
        let wants = |kind: &lsp::CodeActionKind| match &p.context.only {
            None => true,
            Some(only) => only.iter().any(|o| {
                kind.as_str() == o.as_str()
                    || kind
                        .as_str()
                        .strip_prefix(o.as_str())
                        .is_some_and(|rest| rest.starts_with('.'))
            }),
        };
        let lang = doc.lang();
        doc.linted();
        let (Some(linted), text, uri) = (&doc.linted, &doc.text, &doc.uri) else {
            return Vec::new();
        };
        let index = &linted.index;
        let wanted = index.span(text, &p.range);
        let mut out = Vec::new();
        let any_safe = linted.diagnostics.iter().any(|d| safe(d).is_some());
        if wants(&lsp::CodeActionKind::QUICKFIX) {
            for d in &linted.diagnostics {
                let Some(fix) = safe(d) else { continue };
                if d.span.start > wanted.end || wanted.start > d.span.end {
                    continue;
                }
                let edits = fix
                    .edits
                    .iter()
                    .map(|e| {
                        lsp::TextEdit::new(index.range(text, &e.span), e.replacement.to_string())
                    })
                    .collect();
                out.push(lsp::CodeActionOrCommand::CodeAction(lsp::CodeAction {
                    title: format!("{} ({})", fix.message.get(lang), d.code),
                    kind: Some(lsp::CodeActionKind::QUICKFIX),
                    diagnostics: Some(vec![to_lsp(d, text, index, uri, lang)]),
                    edit: Some(workspace_edit(uri, edits)),
                    is_preferred: Some(true),
                    ..Default::default()
                }));
            }
        }
        if wants(&lsp::CodeActionKind::SOURCE_FIX_ALL) && any_safe {
            let mut action = lsp::CodeAction {
                title: match lang {
                    Lang::Zh => "noticelint：自动修复全部可安全修复的问题".into(),
                    Lang::En => "noticelint: fix all safely fixable problems".into(),
                },
                kind: Some(lsp::CodeActionKind::SOURCE_FIX_ALL),
                data: Some(serde_json::json!({ "uri": uri.as_str() })),
                ..Default::default()
            };
            if self.resolve_edits {
                // The edit is computed when the user picks the action (codeAction/resolve):
                // fixing a large notice takes a few lints, too much for every cursor move.
                out.push(lsp::CodeActionOrCommand::CodeAction(action));
            } else if doc.text.len() > EAGER_FIX_ALL_LIMIT && p.context.only.is_none() {
                // A very large document, and the client did not ask for it: not offered
                // on every cursor move (ask with `only: ["source.fixAll"]`).
            } else if let Some(edit) = doc.fix_all() {
                action.edit = Some(workspace_edit(&doc.uri, vec![edit]));
                out.push(lsp::CodeActionOrCommand::CodeAction(action));
            }
        }
        out
    }

    /// Fill in the edit of a "fix all" action offered without one.
    fn resolve(&mut self, mut action: lsp::CodeAction) -> lsp::CodeAction {
        let uri = action
            .data
            .as_ref()
            .and_then(|d| d.get("uri"))
            .and_then(|u| u.as_str());
        if action.edit.is_none() {
            if let Some(doc) = uri.and_then(|u| self.docs.get_mut(u)) {
                if let Some(edit) = doc.fix_all() {
                    action.edit = Some(workspace_edit(&doc.uri, vec![edit]));
                }
            }
        }
        action
    }

    /// The options for a document: its kind, and the configuration found upward from its
    /// folder. `None` for kinds that are not linted; a configuration error is returned
    /// beside the default options.
    fn options_for(&self, uri: &str, language_id: &str) -> (Option<Options>, Option<String>) {
        let path = file_path(uri);
        let kind = match &path {
            Some(p) => Kind::from_path(&p.to_string_lossy()),
            None => Kind::from_path(uri),
        };
        let markdown = language_id == "markdown" || kind == Kind::Markdown;
        if !markdown && (matches!(kind, Kind::Docx | Kind::Html) || language_id == "html") {
            return (None, None);
        }
        let dir = path
            .as_deref()
            .and_then(Path::parent)
            .map(Path::to_path_buf)
            .or_else(|| self.root.clone())
            .or_else(|| std::env::current_dir().ok())
            .unwrap_or_default();
        let dir = std::fs::canonicalize(&dir).unwrap_or(dir);
        let mut error = None;
        let mut options = match config::find_upward(&dir) {
            Some(file) => match Config::load(&file) {
                Ok(c) => {
                    let root = file.parent().unwrap_or(Path::new(""));
                    let rel = path.as_deref().and_then(Path::file_name).and_then(|name| {
                        dir.join(name)
                            .strip_prefix(root)
                            .ok()
                            .map(Path::to_path_buf)
                    });
                    c.apply(&Options::default(), rel.as_deref())
                }
                Err(e) => {
                    error = Some(e);
                    Options::default()
                }
            },
            None => Options::default(),
        };
        options.markdown = markdown;
        (Some(options), error)
    }

    fn show_error(&mut self, error: Option<String>) -> Vec<Message> {
        let Some(e) = error else { return Vec::new() };
        eprintln!("noticelint server: {e}");
        if !self.shown.insert(e.clone()) {
            return Vec::new();
        }
        vec![Notification::new(
            "window/showMessage".into(),
            lsp::ShowMessageParams {
                typ: lsp::MessageType::ERROR,
                message: format!("noticelint: {e}（配置文件有误，按默认设置检查 / the configuration is ignored）"),
            },
        )
        .into()]
    }
}

fn publish(uri: lsp::Uri, diagnostics: Vec<lsp::Diagnostic>, version: Option<i32>) -> Message {
    Notification::new(
        "textDocument/publishDiagnostics".into(),
        lsp::PublishDiagnosticsParams {
            uri,
            diagnostics,
            version,
        },
    )
    .into()
}

fn workspace_edit(uri: &lsp::Uri, edits: Vec<lsp::TextEdit>) -> lsp::WorkspaceEdit {
    lsp::WorkspaceEdit {
        changes: Some(HashMap::from([(uri.clone(), edits)])),
        ..Default::default()
    }
}

/// The part of `old` that differs from `new`, and what replaces it (one edit, so that a
/// "fix all" does not rewrite the whole document).
fn changed_part<'a>(old: &str, new: &'a str) -> (std::ops::Range<usize>, &'a str) {
    let mut pre = old
        .bytes()
        .zip(new.bytes())
        .take_while(|(a, b)| a == b)
        .count();
    while !old.is_char_boundary(pre) || !new.is_char_boundary(pre) {
        pre -= 1;
    }
    let max_suf = old.len().min(new.len()) - pre;
    let mut suf = old
        .bytes()
        .rev()
        .zip(new.bytes().rev())
        .take(max_suf)
        .take_while(|(a, b)| a == b)
        .count();
    while !old.is_char_boundary(old.len() - suf) || !new.is_char_boundary(new.len() - suf) {
        suf -= 1;
    }
    (pre..old.len() - suf, &new[pre..new.len() - suf])
}

fn initialize_result() -> lsp::InitializeResult {
    lsp::InitializeResult {
        capabilities: lsp::ServerCapabilities {
            position_encoding: Some(lsp::PositionEncodingKind::UTF16),
            text_document_sync: Some(lsp::TextDocumentSyncCapability::Options(
                lsp::TextDocumentSyncOptions {
                    open_close: Some(true),
                    change: Some(lsp::TextDocumentSyncKind::INCREMENTAL),
                    save: Some(lsp::TextDocumentSyncSaveOptions::SaveOptions(
                        lsp::SaveOptions {
                            include_text: Some(false),
                        },
                    )),
                    ..Default::default()
                },
            )),
            code_action_provider: Some(lsp::CodeActionProviderCapability::Options(
                lsp::CodeActionOptions {
                    code_action_kinds: Some(vec![
                        lsp::CodeActionKind::QUICKFIX,
                        lsp::CodeActionKind::SOURCE_FIX_ALL,
                    ]),
                    resolve_provider: Some(true),
                    ..Default::default()
                },
            )),
            ..Default::default()
        },
        server_info: Some(lsp::ServerInfo {
            name: "noticelint".into(),
            version: Some(env!("CARGO_PKG_VERSION").into()),
        }),
    }
}

/// The workspace folder of `initialize`'s parameters (read leniently: a client's unusual
/// capabilities must not fail the handshake).
fn workspace_root(params: &serde_json::Value) -> Option<PathBuf> {
    let folder = params
        .get("workspaceFolders")
        .and_then(|f| f.get(0))
        .and_then(|f| f.get("uri"))
        .and_then(|u| u.as_str());
    let uri = folder.or_else(|| params.get("rootUri").and_then(|u| u.as_str()));
    uri.and_then(file_path).or_else(|| {
        params
            .get("rootPath")
            .and_then(|p| p.as_str())
            .map(PathBuf::from)
    })
}

/// The path of a `file://` URI (percent-decoded); `None` for other schemes.
pub fn file_path(uri: &str) -> Option<PathBuf> {
    let scheme = uri.get(..7)?;
    if !scheme.eq_ignore_ascii_case("file://") {
        return None;
    }
    let rest = &uri[7..];
    let slash = rest.find('/')?;
    let host = &rest[..slash];
    if !host.is_empty() && !host.eq_ignore_ascii_case("localhost") {
        return None;
    }
    let path = rest[slash..].split(['?', '#']).next()?;
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (
            bytes[i],
            bytes.get(i + 1).copied().and_then(hex),
            bytes.get(i + 2).copied().and_then(hex),
        ) {
            (b'%', Some(h), Some(l)) => {
                out.push((h * 16 + l) as u8);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    let mut s = String::from_utf8(out).ok()?;
    // file:///C:/x on Windows is C:/x.
    let b = s.as_bytes();
    if cfg!(windows) && b.len() >= 3 && b[0] == b'/' && b[1].is_ascii_alphabetic() && b[2] == b':' {
        s.remove(0);
    }
    Some(PathBuf::from(s))
}

/// The fix of a diagnostic when it is safe to apply.
fn safe(d: &Diagnostic) -> Option<&crate::diagnostic::Fix> {
    d.fix
        .as_deref()
        .filter(|f| f.applicability == Applicability::Safe && !f.edits.is_empty())
}

/// One noticelint diagnostic as LSP carries it.
fn to_lsp(
    d: &Diagnostic,
    text: &str,
    index: &Utf16Index,
    uri: &lsp::Uri,
    lang: Lang,
) -> lsp::Diagnostic {
    let mut message = d.message.get(lang).to_owned();
    for n in &d.notes {
        message.push('\n');
        message.push_str(match lang {
            Lang::Zh => "注：",
            Lang::En => "note: ",
        });
        message.push_str(n.get(lang));
    }
    let related: Vec<lsp::DiagnosticRelatedInformation> = d
        .labels
        .iter()
        .map(|l| lsp::DiagnosticRelatedInformation {
            location: lsp::Location::new(uri.clone(), index.range(text, &l.span)),
            message: l.message.get(lang).to_owned(),
        })
        .collect();
    lsp::Diagnostic {
        range: index.range(text, &d.span),
        severity: Some(match d.severity {
            Severity::Error => lsp::DiagnosticSeverity::ERROR,
            Severity::Warning => lsp::DiagnosticSeverity::WARNING,
            Severity::Info => lsp::DiagnosticSeverity::INFORMATION,
        }),
        code: Some(lsp::NumberOrString::String(d.code.to_owned())),
        source: Some("noticelint".into()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        ..Default::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_uris_become_paths() {
        assert_eq!(
            file_path("file:///tmp/a%20b/%E9%80%9A%E7%9F%A5.md"),
            Some(PathBuf::from("/tmp/a b/通知.md"))
        );
        assert_eq!(
            file_path("file://localhost/x.txt"),
            Some(PathBuf::from("/x.txt"))
        );
        assert_eq!(file_path("untitled:Untitled-1"), None);
        assert_eq!(file_path("file://server/share/x.txt"), None);
        assert_eq!(file_path("file:///bad%zz"), Some(PathBuf::from("/bad%zz")));
    }

    fn request(server: &mut Server, method: &str, params: serde_json::Value) -> serde_json::Value {
        let msg = Message::Request(Request::new(RequestId::from(1), method.into(), params));
        let out = server.handle(msg);
        let Some(Message::Response(r)) = out.into_iter().next() else {
            panic!("no response")
        };
        r.response_result.unwrap_or_default()
    }

    #[test]
    fn fix_all_on_a_very_large_document_only_when_asked_for() {
        let mut s = Server::default();
        request(
            &mut s,
            "initialize",
            serde_json::json!({"capabilities": {}}),
        );
        let text = "请认真落实,按时报送。\n".repeat(EAGER_FIX_ALL_LIMIT / 20);
        let uri = "untitled:big";
        s.handle(Message::Notification(Notification::new(
            "textDocument/didOpen".into(),
            serde_json::json!({"textDocument": {"uri": uri, "languageId": "plaintext", "version": 1, "text": text}}),
        )));
        let ask = |only: serde_json::Value| {
            serde_json::json!({
                "textDocument": {"uri": uri},
                "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 10}},
                "context": {"diagnostics": [], "only": only}
            })
        };
        let kinds = |r: serde_json::Value| -> Vec<String> {
            r.as_array()
                .unwrap()
                .iter()
                .map(|a| a["kind"].as_str().unwrap().to_owned())
                .collect()
        };
        let r = request(
            &mut s,
            "textDocument/codeAction",
            ask(serde_json::Value::Null),
        );
        assert_eq!(kinds(r), vec!["quickfix"]);
        let r = request(
            &mut s,
            "textDocument/codeAction",
            ask(serde_json::json!(["source.fixAll"])),
        );
        assert_eq!(r[0]["kind"], "source.fixAll");
        let new_text = r[0]["edit"]["changes"][uri][0]["newText"].as_str().unwrap();
        assert!(new_text.contains('，') && !new_text.contains(','));
    }

    #[test]
    fn changed_part_is_minimal_and_on_char_boundaries() {
        assert_eq!(changed_part("甲,乙,丙", "甲，乙，丙"), (3..8, "，乙，"));
        assert_eq!(changed_part("一一", "一"), (3..6, ""));
        assert_eq!(changed_part("abc", "abc"), (3..3, ""));
    }
}
