//! `noticelint server` end to end: the real binary, spoken to over stdin/stdout with
//! Content-Length framed JSON-RPC, as an editor would.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

const WAIT: Duration = Duration::from_secs(30);

/// A notice with a numbering gap (二、 then 四、 on line 4) and a half-width comma on line 5,
/// after 𠮷 (two UTF-16 units). CRLF line ends.
const NOTICE: &str = "关于开展检查工作的通知\r\n各单位：\r\n一、总体要求\r\n二、工作安排\r\n四、保障措施\r\n请𠮷认真落实,按时报送。\r\n";

struct Client {
    child: Child,
    stdin: Option<ChildStdin>,
    rx: Receiver<Value>,
    backlog: Vec<Value>,
    next_id: i64,
    stderr: Arc<Mutex<String>>,
}

fn frame(body: &str) -> Vec<u8> {
    format!("Content-Length: {}\r\n\r\n{body}", body.len()).into_bytes()
}

impl Client {
    fn start(cwd: &Path) -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_noticelint"))
            .arg("server")
            .current_dir(cwd)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start noticelint server");
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut r = BufReader::new(stdout);
            loop {
                let mut len = None;
                loop {
                    let mut line = String::new();
                    if r.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim_end();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(v) = line.strip_prefix("Content-Length: ") {
                        len = Some(v.parse::<usize>().unwrap());
                    }
                }
                let mut body = vec![0; len.expect("a Content-Length header")];
                r.read_exact(&mut body).unwrap();
                let v: Value = serde_json::from_slice(&body).expect("the server writes JSON");
                if tx.send(v).is_err() {
                    return;
                }
            }
        });
        let stderr = Arc::new(Mutex::new(String::new()));
        let mut err_pipe = child.stderr.take().unwrap();
        let sink = stderr.clone();
        std::thread::spawn(move || {
            let mut s = String::new();
            let _ = err_pipe.read_to_string(&mut s);
            sink.lock().unwrap().push_str(&s);
        });
        let stdin = child.stdin.take();
        Client {
            child,
            stdin,
            rx,
            backlog: Vec::new(),
            next_id: 0,
            stderr,
        }
    }

    fn write_raw(&mut self, bytes: &[u8]) {
        let w = self.stdin.as_mut().unwrap();
        w.write_all(bytes).unwrap();
        w.flush().unwrap();
    }

    fn send(&mut self, v: Value) {
        self.write_raw(&frame(&v.to_string()));
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Send a request and wait for its response.
    fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        self.wait_for(|m| m["id"] == json!(id) && m.get("method").is_none())
    }

    /// The first message (already received or still to come) that `pred` accepts.
    fn wait_for(&mut self, pred: impl Fn(&Value) -> bool) -> Value {
        if let Some(i) = self.backlog.iter().position(&pred) {
            return self.backlog.remove(i);
        }
        let deadline = Instant::now() + WAIT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.rx.recv_timeout(left) {
                Ok(m) if pred(&m) => return m,
                Ok(m) => self.backlog.push(m),
                Err(_) => panic!(
                    "no expected message within {WAIT:?}; received: {:#?}\nstderr: {}",
                    self.backlog,
                    self.stderr.lock().unwrap()
                ),
            }
        }
    }

    /// The diagnostics published for `uri` at `version`.
    fn diagnostics(&mut self, uri: &str, version: i64) -> Vec<Value> {
        let m = self.wait_for(|m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && m["params"]["version"] == version
        });
        m["params"]["diagnostics"].as_array().unwrap().clone()
    }

    fn initialize(&mut self) -> Value {
        self.initialize_with(json!({}))
    }

    fn initialize_with(&mut self, capabilities: Value) -> Value {
        let r = self.request(
            "initialize",
            json!({"processId": null, "rootUri": null, "capabilities": capabilities}),
        );
        self.notify("initialized", json!({}));
        r
    }

    fn open(&mut self, uri: &str, language_id: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": language_id, "version": 1, "text": text}}),
        );
    }

    /// Close stdin after the last message and wait for the process (at most WAIT).
    fn finish(mut self) -> (ExitStatus, String) {
        drop(self.stdin.take());
        let deadline = Instant::now() + WAIT;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                std::thread::sleep(Duration::from_millis(50));
                let err = self.stderr.lock().unwrap().clone();
                return (status, err);
            }
            assert!(Instant::now() < deadline, "the server did not exit");
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn shutdown_and_exit(mut self) -> (ExitStatus, String) {
        let r = self.request("shutdown", Value::Null);
        assert_eq!(r["result"], Value::Null, "{r}");
        assert!(r.get("error").is_none(), "{r}");
        self.notify("exit", Value::Null);
        self.finish()
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn file_uri(path: &Path) -> String {
    format!("file://{}", path.display())
}

fn with_code<'a>(diags: &'a [Value], code: &str) -> Vec<&'a Value> {
    diags.iter().filter(|d| d["code"] == code).collect()
}

fn range(l1: u64, c1: u64, l2: u64, c2: u64) -> Value {
    json!({"start": {"line": l1, "character": c1}, "end": {"line": l2, "character": c2}})
}

/// Apply LSP text edits (UTF-16 positions) to a text, as an editor does.
fn apply_edits(text: &str, edits: &[Value]) -> String {
    let offset = |pos: &Value| -> usize {
        let (line, ch) = (
            pos["line"].as_u64().unwrap(),
            pos["character"].as_u64().unwrap(),
        );
        let start: usize = text
            .split_inclusive('\n')
            .take(line as usize)
            .map(str::len)
            .sum();
        let mut units = 0;
        for (i, c) in text[start..].char_indices() {
            if units >= ch || c == '\r' || c == '\n' {
                return start + i;
            }
            units += c.len_utf16() as u64;
        }
        text.len()
    };
    let mut spans: Vec<(usize, usize, &str)> = edits
        .iter()
        .map(|e| {
            (
                offset(&e["range"]["start"]),
                offset(&e["range"]["end"]),
                e["newText"].as_str().unwrap(),
            )
        })
        .collect();
    spans.sort_by_key(|s| std::cmp::Reverse(s.0));
    let mut out = text.to_owned();
    for (a, b, t) in spans {
        out.replace_range(a..b, t);
    }
    out
}

#[test]
fn initialize_announces_capabilities_and_shutdown_exits_0() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = Client::start(dir.path());
    let r = c.initialize();
    let caps = &r["result"]["capabilities"];
    assert_eq!(caps["positionEncoding"], "utf-16", "{r}");
    assert_eq!(caps["textDocumentSync"]["openClose"], true, "{r}");
    assert_eq!(
        caps["textDocumentSync"]["change"], 2,
        "incremental sync: {r}"
    );
    assert!(caps["textDocumentSync"]["save"].is_object(), "{r}");
    let kinds = &caps["codeActionProvider"]["codeActionKinds"];
    assert_eq!(kinds, &json!(["quickfix", "source.fixAll"]), "{r}");
    assert_eq!(r["result"]["serverInfo"]["name"], "noticelint");
    let (status, _) = c.shutdown_and_exit();
    assert_eq!(status.code(), Some(0));
}

#[test]
fn exit_without_shutdown_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = Client::start(dir.path());
    c.initialize();
    c.notify("exit", Value::Null);
    let (status, _) = c.finish();
    assert_eq!(status.code(), Some(1));
}

#[test]
fn diagnostics_on_open_follow_incremental_changes_and_clear_on_close() {
    let dir = tempfile::tempdir().unwrap();
    let uri = file_uri(&dir.path().join("notice.txt"));
    let mut c = Client::start(dir.path());
    c.initialize();
    c.open(&uri, "plaintext", NOTICE);
    let diags = c.diagnostics(&uri, 1);

    let gap = with_code(&diags, "NL101");
    assert_eq!(gap.len(), 1, "{diags:#?}");
    let gap = gap[0];
    assert_eq!(gap["range"], range(4, 0, 4, 2), "四、 on line 4 (0-based)");
    assert_eq!(gap["severity"], 1);
    assert_eq!(gap["source"], "noticelint");
    assert!(
        gap["message"].as_str().unwrap().contains("应为“三、”"),
        "{gap}"
    );
    // The note travels in the message.
    assert!(gap["message"].as_str().unwrap().contains("\n注："), "{gap}");
    let related = gap["relatedInformation"]
        .as_array()
        .expect("relatedInformation");
    assert_eq!(related.len(), 1);
    assert_eq!(related[0]["location"]["uri"], uri.as_str());
    assert_eq!(related[0]["location"]["range"], range(3, 0, 3, 2));
    assert_eq!(related[0]["message"], "上一项是“二、”");

    // 请𠮷认真落实, : 请 1 + 𠮷 2 + 认真落实 4 = 7 UTF-16 units before the comma.
    let comma = with_code(&diags, "NL405");
    assert_eq!(comma.len(), 1, "{diags:#?}");
    assert_eq!(comma[0]["range"], range(5, 7, 5, 8));
    assert_eq!(comma[0]["severity"], 2);

    // An incremental edit: 四 → 三 fixes the gap.
    c.notify(
        "textDocument/didChange",
        json!({
            "textDocument": {"uri": uri, "version": 2},
            "contentChanges": [{"range": range(4, 0, 4, 1), "text": "三"}]
        }),
    );
    let diags = c.diagnostics(&uri, 2);
    assert!(with_code(&diags, "NL101").is_empty(), "{diags:#?}");
    assert_eq!(with_code(&diags, "NL405").len(), 1, "{diags:#?}");

    // Two edits in one notification, applied in order: the second one's position is in
    // the text the first one produced (the comma, after inserting 𠀋 before it).
    c.notify(
        "textDocument/didChange",
        json!({
            "textDocument": {"uri": uri, "version": 3},
            "contentChanges": [
                {"range": range(5, 1, 5, 1), "text": "𠀋"},
                {"range": range(5, 9, 5, 10), "text": "，"}
            ]
        }),
    );
    let diags = c.diagnostics(&uri, 3);
    assert!(diags.is_empty(), "{diags:#?}");

    c.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": uri}}),
    );
    let m = c.wait_for(|m| {
        m["method"] == "textDocument/publishDiagnostics" && m["params"]["version"].is_null()
    });
    assert_eq!(m["params"]["diagnostics"], json!([]));
    let (status, _) = c.shutdown_and_exit();
    assert_eq!(status.code(), Some(0));
}

#[test]
fn code_actions_offer_the_safe_fixes() {
    let dir = tempfile::tempdir().unwrap();
    let uri = file_uri(&dir.path().join("notice.txt"));
    let mut c = Client::start(dir.path());
    c.initialize();
    c.open(&uri, "plaintext", NOTICE);
    let diags = c.diagnostics(&uri, 1);
    let comma = with_code(&diags, "NL405")[0].clone();

    let r = c.request(
        "textDocument/codeAction",
        json!({
            "textDocument": {"uri": uri},
            "range": range(5, 7, 5, 8),
            "context": {"diagnostics": [comma]}
        }),
    );
    let actions = r["result"]
        .as_array()
        .expect("a list of code actions")
        .clone();
    let quick: Vec<&Value> = actions.iter().filter(|a| a["kind"] == "quickfix").collect();
    assert_eq!(quick.len(), 1, "{actions:#?}");
    assert_eq!(quick[0]["diagnostics"][0]["code"], "NL405");
    let edits = quick[0]["edit"]["changes"][uri.as_str()]
        .as_array()
        .expect("edits for the document");
    let fixed = apply_edits(NOTICE, edits);
    assert!(fixed.contains("请𠮷认真落实，按时报送。\r\n"), "{fixed}");
    assert_eq!(
        fixed.len(),
        NOTICE.len() + "，".len() - 1,
        "nothing else changed"
    );

    // Fix all: one edit for the document's safe fixes.
    let all: Vec<&Value> = actions
        .iter()
        .filter(|a| a["kind"] == "source.fixAll")
        .collect();
    assert_eq!(all.len(), 1, "{actions:#?}");
    let fixed_all = apply_edits(
        NOTICE,
        all[0]["edit"]["changes"][uri.as_str()].as_array().unwrap(),
    );
    assert_eq!(fixed_all, fixed);

    // Only what was asked for; nothing for a range without fixable problems.
    let r = c.request(
        "textDocument/codeAction",
        json!({
            "textDocument": {"uri": uri},
            "range": range(5, 7, 5, 8),
            "context": {"diagnostics": [], "only": ["source.fixAll"]}
        }),
    );
    let kinds: Vec<&Value> = r["result"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| &a["kind"])
        .collect();
    assert_eq!(kinds, vec!["source.fixAll"]);
    let r = c.request(
        "textDocument/codeAction",
        json!({
            "textDocument": {"uri": uri},
            "range": range(2, 0, 2, 1),
            "context": {"diagnostics": [], "only": ["quickfix"]}
        }),
    );
    assert_eq!(r["result"], json!([]), "{r}");
    let (status, _) = c.shutdown_and_exit();
    assert_eq!(status.code(), Some(0));
}

#[test]
fn fix_all_is_resolved_when_picked_if_the_client_can() {
    let dir = tempfile::tempdir().unwrap();
    let uri = file_uri(&dir.path().join("notice.txt"));
    let mut c = Client::start(dir.path());
    c.initialize_with(json!({"textDocument": {"codeAction": {
        "resolveSupport": {"properties": ["edit"]}
    }}}));
    let text = "关于开展检查工作的通知\n各单位:\n请认真落实,按时报送(含附件).\n";
    c.open(&uri, "plaintext", text);
    assert!(with_code(&c.diagnostics(&uri, 1), "NL405").len() >= 3);
    let r = c.request(
        "textDocument/codeAction",
        json!({
            "textDocument": {"uri": uri},
            "range": range(0, 0, 0, 0),
            "context": {"diagnostics": [], "only": ["source"]}
        }),
    );
    let actions = r["result"].as_array().unwrap();
    assert_eq!(actions.len(), 1, "{r}");
    assert_eq!(actions[0]["kind"], "source.fixAll");
    assert!(actions[0].get("edit").is_none(), "computed lazily: {r}");
    let resolved = c.request("codeAction/resolve", actions[0].clone());
    let edits = resolved["result"]["edit"]["changes"][uri.as_str()]
        .as_array()
        .unwrap_or_else(|| panic!("an edit: {resolved}"));
    assert_eq!(
        apply_edits(text, edits),
        "关于开展检查工作的通知\n各单位：\n请认真落实，按时报送（含附件）。\n"
    );
    let (status, _) = c.shutdown_and_exit();
    assert_eq!(status.code(), Some(0));
}

#[test]
fn configuration_is_found_upward_from_the_document() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("noticelint.toml"),
        "ignore = [\"NL405\"]\nlang = \"en\"\n",
    )
    .unwrap();
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    let uri = file_uri(&dir.path().join("sub").join("notice.txt"));
    let other = tempfile::tempdir().unwrap();
    let mut c = Client::start(other.path());
    c.initialize();
    c.open(&uri, "plaintext", NOTICE);
    let diags = c.diagnostics(&uri, 1);
    assert!(with_code(&diags, "NL405").is_empty(), "{diags:#?}");
    let gap = with_code(&diags, "NL101");
    assert_eq!(gap.len(), 1, "{diags:#?}");
    assert!(
        gap[0]["message"]
            .as_str()
            .unwrap()
            .starts_with("numbering skips"),
        "lang = \"en\" is honoured: {}",
        gap[0]["message"]
    );

    // A Markdown document gets suppression comments (and no configuration: defaults).
    let md_uri = file_uri(&other.path().join("notice.md"));
    let md = "关于开展检查工作的通知\n各单位：\n<!-- noticelint-disable-next-line NL405 -->\n请认真落实,按时报送。\n另请注意,按时报送。\n";
    c.open(&md_uri, "markdown", md);
    let diags = c.diagnostics(&md_uri, 1);
    let commas = with_code(&diags, "NL405");
    assert_eq!(commas.len(), 1, "{diags:#?}");
    assert_eq!(commas[0]["range"], range(4, 4, 4, 5));
    assert!(commas[0]["message"].as_str().unwrap().contains("半角逗号"));

    // A malformed configuration is shown to the user, and the defaults apply.
    let bad = tempfile::tempdir().unwrap();
    std::fs::write(bad.path().join("noticelint.toml"), "selct = []\n").unwrap();
    let bad_uri = file_uri(&bad.path().join("notice.txt"));
    c.open(&bad_uri, "plaintext", NOTICE);
    let shown = c.wait_for(|m| m["method"] == "window/showMessage");
    let text = shown["params"]["message"].as_str().unwrap();
    assert!(
        text.contains("noticelint.toml") && text.contains("selct"),
        "{text}"
    );
    assert_eq!(with_code(&c.diagnostics(&bad_uri, 1), "NL405").len(), 1);
    let (status, _) = c.shutdown_and_exit();
    assert_eq!(status.code(), Some(0));
}

#[test]
fn bad_messages_are_logged_and_unknown_requests_answered() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = Client::start(dir.path());
    // Before initialize: an error, not silence.
    let r = c.request("textDocument/codeAction", json!({}));
    assert_eq!(r["error"]["code"], -32002, "{r}");
    c.initialize();
    c.write_raw(&frame("{this is not json"));
    c.write_raw(b"no header here\r\n\r\n");
    c.send(json!({"jsonrpc": "2.0", "id": 99, "params": 1}));
    let r = c.wait_for(|m| m["id"] == 99);
    assert_eq!(r["error"]["code"], -32600, "{r}");
    let r = c.request("noticelint/unknown", json!({}));
    assert_eq!(r["error"]["code"], -32601, "{r}");
    let r = c.request("textDocument/codeAction", json!({"nonsense": true}));
    assert_eq!(r["error"]["code"], -32602, "{r}");
    // A notification for a document never opened, and one with bad parameters.
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": "file:///nowhere.txt", "version": 2}, "contentChanges": []}),
    );
    c.notify("textDocument/didOpen", json!({"textDocument": 5}));
    // Still serving.
    let uri = "untitled:Untitled-1";
    c.open(uri, "plaintext", "一、甲\n三、乙\n");
    assert_eq!(with_code(&c.diagnostics(uri, 1), "NL101").len(), 1);
    let (status, stderr) = c.shutdown_and_exit();
    assert_eq!(status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("not JSON"), "{stderr}");
}
