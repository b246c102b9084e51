//! `sum-mismatch` (NL302): parts that do not add up to their stated whole (20 = 19 + 1 must pass).
//!
//! Registered ahead of its implementation: it reports nothing yet (see `explain`).

use super::prelude::*;

pub static RULE: Rule = Rule {
    code: "NL302",
    name: "sum-mismatch",
    default_severity: Severity::Error,
    summary: Text::new(
        "分项之和与总数不符（20 = 19 + 1 可以通过）",
        "parts that do not add up to their stated whole (20 = 19 + 1 must pass)",
    ),
    doc: Text::new(DOC_ZH, DOC_EN),
    implemented: false,
    check,
};

const DOC_ZH: &str = r#"
## 检查什么
分项之和与总数不符（20 = 19 + 1 可以通过）。

## 为什么
公文在发布前应当准确、规范；这类问题读者一眼就能看出，会损害发文机关的公信力。

## 错误示例
```text
共排查问题48个，已整改45个，正在整改5个。
```

## 正确写法
```text
共排查问题50个，已整改45个，正在整改5个。
```
"#;

const DOC_EN: &str = r#"
## What it does
Flags parts that do not add up to their stated whole (20 = 19 + 1 must pass).

## Why is this bad?
A published notice must be exact and follow the national standards; readers notice
these defects at once and they undermine the issuing body's credibility.

## Example
```text
共排查问题48个，已整改45个，正在整改5个。
```

Use instead:
```text
共排查问题50个，已整改45个，正在整改5个。
```
"#;

fn check(_ctx: &Ctx, _out: &mut Vec<Diagnostic>) {}
