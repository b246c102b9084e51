//! The whole lint, with fixes: check (plain and as Markdown), apply the safe fixes, check
//! the fixed text again. Spans must be on char boundaries inside the text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use noticelint::{check, fix, Options};

fn spans_ok(text: &str, diags: &[noticelint::Diagnostic]) {
    for d in diags {
        for span in std::iter::once(&d.span).chain(d.labels.iter().map(|l| &l.span)) {
            assert!(span.start <= span.end && span.end <= text.len(), "{} {span:?}", d.code);
            assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    // Markdown mode (suppression comments) on half the inputs, chosen by the first byte.
    let options = Options {
        markdown: data.first().is_some_and(|b| b & 1 == 1),
        ..Options::default()
    };
    let diags = check(&text, &options);
    spans_ok(&text, &diags);
    let fixed = fix::fix_text(&text, &options);
    let again = check(&fixed.text, &options);
    spans_ok(&fixed.text, &again);
});
