//! The notice tree on arbitrary bytes (decoded lossily as UTF-8): parsing never fails and
//! every span it records lies on char boundaries inside the text.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let notice = noticelint::tree::parse(&text);
    std::hint::black_box(&notice);
});
