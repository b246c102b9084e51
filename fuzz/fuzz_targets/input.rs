//! Every input kind's extraction on arbitrary bytes (text, Markdown, .docx, web page):
//! an `Extracted` or an `InputError`, never a panic; extracted web-page text is then linted.
#![no_main]

use libfuzzer_sys::fuzz_target;
use noticelint::input::{extract, Kind};

fuzz_target!(|data: &[u8]| {
    for kind in [Kind::Text, Kind::Markdown, Kind::Docx, Kind::Html] {
        if let Ok(e) = extract(kind, data) {
            if kind == Kind::Html {
                let diags = noticelint::check(&e.text, &noticelint::Options::default());
                std::hint::black_box(diags);
            }
        }
    }
});
