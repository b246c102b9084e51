//! Reading LSP messages from a byte stream: `Content-Length` framing, with limits.
//!
//! lsp-server's own stdio reader stops the server on the first malformed message and
//! allocates whatever `Content-Length` claims; this one logs a bad message to stderr, skips
//! it and reads on, and never holds more than [`MAX_MESSAGE`] bytes for one message.

use std::io::{self, BufRead, Read};

use lsp_server::{Message, RequestId};

/// The largest message read (256 MiB, the CLI's default file limit); larger ones are skipped.
pub const MAX_MESSAGE: usize = 256 << 20;
/// The longest header line read.
const MAX_HEADER: u64 = 8 << 10;

/// What the reader hands to the server loop.
#[derive(Debug)]
pub enum Incoming {
    Message(Message),
    /// A frame that is not a JSON-RPC message. When it had a request `id`, the client gets
    /// an error response for it.
    Bad {
        why: String,
        id: Option<RequestId>,
    },
}

/// Read messages until the end of `input`, handing each to `send`; stops early when `send`
/// returns false.
pub fn read_messages(input: &mut impl BufRead, mut send: impl FnMut(Incoming) -> bool) {
    loop {
        let incoming = match read_frame(input) {
            Ok(None) => return,
            Ok(Some(Ok(body))) => parse(&body),
            Ok(Some(Err(why))) => Incoming::Bad { why, id: None },
            Err(e) => {
                eprintln!("noticelint server: cannot read from the client: {e}");
                return;
            }
        };
        if !send(incoming) {
            return;
        }
    }
}

fn parse(body: &[u8]) -> Incoming {
    let value: serde_json::Value = match serde_json::from_slice(body) {
        Ok(v) => v,
        Err(e) => {
            return Incoming::Bad {
                why: format!("a message that is not JSON ({e}): ignored"),
                id: None,
            }
        }
    };
    let id = match value.get("id") {
        Some(serde_json::Value::String(s)) => Some(RequestId::from(s.clone())),
        Some(serde_json::Value::Number(n)) => n
            .as_i64()
            .and_then(|n| i32::try_from(n).ok())
            .map(RequestId::from),
        _ => None,
    };
    match serde_json::from_value::<Message>(value) {
        Ok(m) => Incoming::Message(m),
        Err(e) => Incoming::Bad {
            why: format!("a message that is not JSON-RPC ({e}): ignored"),
            id,
        },
    }
}

/// One frame's body. `Ok(None)`: the end of the input. `Ok(Some(Err))`: a frame that was
/// skipped, and why.
pub fn read_frame(r: &mut impl BufRead) -> io::Result<Option<Result<Vec<u8>, String>>> {
    let mut length: Option<usize> = None;
    let mut bad: Option<String> = None;
    let mut in_headers = false;
    loop {
        let mut line = Vec::new();
        let n = r.by_ref().take(MAX_HEADER).read_until(b'\n', &mut line)?;
        if n == 0 {
            return Ok(None);
        }
        if !line.ends_with(b"\n") {
            if (n as u64) < MAX_HEADER {
                return Ok(None);
            }
            // Skip the rest of an overlong line.
            let mut rest = Vec::new();
            loop {
                rest.clear();
                let k = r.by_ref().take(MAX_HEADER).read_until(b'\n', &mut rest)?;
                if k == 0 {
                    return Ok(None);
                }
                if rest.ends_with(b"\n") {
                    break;
                }
            }
            bad = Some("a header line longer than 8 KiB".into());
            in_headers = true;
            continue;
        }
        let text = String::from_utf8_lossy(&line);
        let header = text.trim_end_matches(['\r', '\n']);
        if header.is_empty() {
            if in_headers {
                break;
            }
            continue; // blank lines between messages
        }
        in_headers = true;
        match header.split_once(':') {
            Some((name, value)) if name.trim().eq_ignore_ascii_case("content-length") => {
                match value.trim().parse::<usize>() {
                    Ok(n) => length = Some(n),
                    Err(_) => bad = Some(format!("a bad Content-Length `{}`", value.trim())),
                }
            }
            Some(_) => {} // Content-Type and other headers
            None => {
                let shown: String = header.chars().take(60).collect();
                eprintln!("noticelint server: not a header, ignored: `{shown}`");
            }
        }
    }
    let Some(len) = length else {
        return Ok(Some(Err(bad.unwrap_or_else(|| {
            "a message without Content-Length: ignored".into()
        }))));
    };
    if len > MAX_MESSAGE {
        io::copy(&mut r.by_ref().take(len as u64), &mut io::sink())?;
        return Ok(Some(Err(format!(
            "a message of {len} bytes, larger than the limit of {MAX_MESSAGE}: skipped"
        ))));
    }
    let mut body = Vec::new();
    r.by_ref().take(len as u64).read_to_end(&mut body)?;
    if body.len() < len {
        return Ok(None);
    }
    Ok(Some(Ok(body)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(input: &[u8]) -> Vec<Incoming> {
        let mut out = Vec::new();
        read_messages(&mut io::Cursor::new(input), |m| {
            out.push(m);
            true
        });
        out
    }

    #[test]
    fn frames_and_bad_frames() {
        let ok = r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#;
        let mut input = Vec::new();
        input.extend_from_slice(b"Content-Length: 9\r\n\r\n{not json");
        input.extend_from_slice(b"garbage\r\n\r\n");
        input.extend_from_slice(b"Content-Length: 99999999999999\r\n\r\nxyz");
        let framed = |s: &str| format!("Content-Length: {}\r\n\r\n{s}", s.len());
        let mut good = framed(ok).into_bytes();
        good.extend_from_slice(framed(r#"{"jsonrpc":"2.0","id":7,"params":1}"#).as_bytes());
        good.extend_from_slice(framed(ok).as_bytes());
        let mut first = good.clone();
        first.extend_from_slice(&input);
        let got = all(&first);
        assert!(
            matches!(&got[0], Incoming::Message(Message::Notification(n)) if n.method == "initialized")
        );
        assert!(matches!(&got[1], Incoming::Bad { id: Some(_), .. }));
        assert!(matches!(&got[2], Incoming::Message(_)));
        assert!(matches!(&got[3], Incoming::Bad { id: None, .. }));
        assert!(matches!(&got[4], Incoming::Bad { id: None, .. }));
        // The oversized frame is skipped up to the end of the input, without allocating it.
        assert!(matches!(&got[5], Incoming::Bad { why, .. } if why.contains("larger")));
        assert_eq!(got.len(), 6);
    }
}
