//! The CI formats checked against published JSON schemas (vendored in `tests/schemas/`, see
//! its README for where each file came from): `--format sarif` against the OASIS SARIF
//! 2.1.0 schema (errata 01), `--format rdjson` against a third-party JSON schema of
//! reviewdog's diagnostic format. Run on the seed notice and on the whole corpus (findings
//! with fixes and with related locations), in Chinese and in English.

use std::path::Path;
use std::process::Command;

use serde_json::Value;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn schema(name: &str) -> jsonschema::Validator {
    let text = std::fs::read_to_string(root().join("tests/schemas").join(name)).unwrap();
    let v: Value = serde_json::from_str(&text).unwrap();
    jsonschema::options()
        .should_validate_formats(true)
        .build(&v)
        .unwrap_or_else(|e| panic!("{name} is not a usable schema: {e}"))
}

fn sarif_schema() -> jsonschema::Validator {
    schema("sarif-schema-2.1.0.json")
}

fn rdjson_schema() -> jsonschema::Validator {
    schema("rdformat-umbrelladocs-1.0.1.json")
}

/// `noticelint check --format FORMAT ARGS…` run in `dir`, parsed as JSON.
fn report(dir: &Path, format: &str, args: &[&str]) -> Value {
    let out = Command::new(env!("CARGO_BIN_EXE_noticelint"))
        .args(["check", "--format", format])
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "exit {:?}: {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&out.stdout)))
}

/// Every schema error, one per line, with where in the instance it is.
fn errors(v: &jsonschema::Validator, instance: &Value) -> String {
    v.iter_errors(instance)
        .take(20)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect::<Vec<_>>()
        .join("\n")
}

fn assert_valid(v: &jsonschema::Validator, instance: &Value, what: &str) {
    let e = errors(v, instance);
    assert!(e.is_empty(), "{what} does not match its schema:\n{e}");
}

fn results(sarif: &Value) -> &Vec<Value> {
    sarif["runs"][0]["results"].as_array().unwrap()
}

#[test]
fn sarif_matches_the_oasis_schema_on_seed_and_corpus_in_both_languages() {
    let v = sarif_schema();
    for lang in ["zh", "en"] {
        let seed = report(
            root(),
            "sarif",
            &["--lang", lang, "corpus/notice-binhu-2021.txt"],
        );
        assert!(!results(&seed).is_empty());
        assert_valid(&v, &seed, &format!("SARIF of the seed notice ({lang})"));

        let corpus = report(root(), "sarif", &["--lang", lang, "corpus"]);
        let rs = results(&corpus);
        // The corpus exercises every optional part we emit.
        assert!(rs.iter().any(|r| r["fixes"].is_array()), "no fix in corpus");
        assert!(
            rs.iter().any(|r| r["relatedLocations"].is_array()),
            "no related location in corpus"
        );
        assert!(rs.iter().any(|r| r["level"] == "warning"));
        assert!(rs.iter().any(|r| r["level"] == "error"));
        assert_valid(&v, &corpus, &format!("SARIF of corpus/ ({lang})"));
    }
}

#[test]
fn the_sarif_schema_rejects_what_code_scanning_would() {
    // A control: the vendored schema really constrains what we check against it.
    let v = sarif_schema();
    let good = report(root(), "sarif", &["corpus/notice-binhu-2021.txt"]);
    let mut bad = good.clone();
    bad["runs"][0]["results"][0]["level"] = "fatal".into();
    assert!(!errors(&v, &bad).is_empty());
    let mut bad = good.clone();
    bad["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] =
        0.into();
    assert!(!errors(&v, &bad).is_empty());
    let mut bad = good;
    bad["runs"][0]["columnKind"] = "bytes".into();
    assert!(!errors(&v, &bad).is_empty());
}

/// A file whose name has spaces, Chinese characters and a `#`: its SARIF `uri` must be a
/// valid URI reference (percent-encoded) that decodes back to the path given.
#[test]
fn sarif_uris_are_percent_encoded_paths() {
    let dir = tempfile::tempdir().unwrap();
    let sub = dir.path().join("通知 2024");
    std::fs::create_dir(&sub).unwrap();
    let src = root().join("corpus/rules/issuer-mismatch/bad-signature-and-body.txt");
    std::fs::copy(&src, sub.join("滨湖 #1.txt")).unwrap();
    let sarif = report(dir.path(), "sarif", &["通知 2024/滨湖 #1.txt"]);
    assert_valid(&sarif_schema(), &sarif, "SARIF of an oddly named file");
    let r = &results(&sarif)[0];
    let uri = r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        .as_str()
        .unwrap();
    assert!(
        uri.is_ascii() && !uri.contains(' ') && !uri.contains('#'),
        "{uri}"
    );
    assert_eq!(percent_decode(uri), "通知 2024/滨湖 #1.txt");
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            out.push(u8::from_str_radix(&s[i + 1..i + 3], 16).unwrap());
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}

#[test]
fn rdjson_matches_the_rdformat_schema_on_seed_and_corpus_in_both_languages() {
    let v = rdjson_schema();
    for lang in ["zh", "en"] {
        for path in ["corpus/notice-binhu-2021.txt", "corpus"] {
            let rd = report(root(), "rdjson", &["--lang", lang, path]);
            let ds = rd["diagnostics"].as_array().unwrap();
            assert!(!ds.is_empty());
            if path == "corpus" {
                assert!(ds.iter().any(|d| d["suggestions"].is_array()));
                assert!(ds.iter().any(|d| d["related_locations"]
                    .as_array()
                    .is_some_and(|a| !a.is_empty())));
            }
            assert_valid(&v, &rd, &format!("rdjson of {path} ({lang})"));
        }
    }
}
