//! `percent-mismatch` (NL303): a percentage that does not match its own counts (216/250 stated as 85.04%).
//!
//! Registered ahead of its implementation: it reports nothing yet (see `explain`).

use super::prelude::*;

pub static RULE: Rule = Rule {
    code: "NL303",
    name: "percent-mismatch",
    default_severity: Severity::Error,
    summary: Text::new(
        "百分比与其自身的分子分母不符（216/250 写成 85.04%）",
        "a percentage that does not match its own counts (216/250 stated as 85.04%)",
    ),
    doc: Text::new(DOC_ZH, DOC_EN),
    implemented: false,
    check,
};

const DOC_ZH: &str = r#"
## 检查什么
百分比与其自身的分子分母不符（216/250 写成 85.04%）。

## 为什么
公文在发布前应当准确、规范；这类问题读者一眼就能看出，会损害发文机关的公信力。

## 错误示例
```text
250条河道中，达到或优于Ⅲ类断面216个，占85.04%。
```

## 正确写法
```text
250条河道中，达到或优于Ⅲ类断面216个，占86.4%。
```
"#;

const DOC_EN: &str = r#"
## What it does
Flags a percentage that does not match its own counts (216/250 stated as 85.04%).

## Why is this bad?
A published notice must be exact and follow the national standards; readers notice
these defects at once and they undermine the issuing body's credibility.

## Example
```text
250条河道中，达到或优于Ⅲ类断面216个，占85.04%。
```

Use instead:
```text
250条河道中，达到或优于Ⅲ类断面216个，占86.4%。
```
"#;

fn check(_ctx: &Ctx, _out: &mut Vec<Diagnostic>) {}
