//! `issuer-mismatch` (NL201): the issuing body differs between title, body and signature (滨湖 vs 惠山).
//!
//! Registered ahead of its implementation: it reports nothing yet (see `explain`).

use super::prelude::*;

pub static RULE: Rule = Rule {
    code: "NL201",
    name: "issuer-mismatch",
    default_severity: Severity::Error,
    summary: Text::new(
        "发文机关在标题、正文和署名之间不一致（滨湖与惠山）",
        "the issuing body differs between title, body and signature (滨湖 vs 惠山)",
    ),
    doc: Text::new(DOC_ZH, DOC_EN),
    implemented: false,
    check,
};

const DOC_ZH: &str = r#"
## 检查什么
发文机关在标题、正文和署名之间不一致（滨湖与惠山）。

## 为什么
公文在发布前应当准确、规范；这类问题读者一眼就能看出，会损害发文机关的公信力。

## 错误示例
```text
中共无锡市滨湖生态环境局党组关于巡察整改情况的通报
……
中共无锡市惠山生态环境局党组
```

## 正确写法
```text
中共无锡市滨湖生态环境局党组关于巡察整改情况的通报
……
中共无锡市滨湖生态环境局党组
```
"#;

const DOC_EN: &str = r#"
## What it does
Flags the issuing body differs between title, body and signature (滨湖 vs 惠山).

## Why is this bad?
A published notice must be exact and follow the national standards; readers notice
these defects at once and they undermine the issuing body's credibility.

## Example
```text
中共无锡市滨湖生态环境局党组关于巡察整改情况的通报
……
中共无锡市惠山生态环境局党组
```

Use instead:
```text
中共无锡市滨湖生态环境局党组关于巡察整改情况的通报
……
中共无锡市滨湖生态环境局党组
```
"#;

fn check(_ctx: &Ctx, _out: &mut Vec<Diagnostic>) {}
