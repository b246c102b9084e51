//! `repeated-phrase` (NL401): a clause repeated back to back (…工作,并下设…工作,并下设…工作).
//!
//! Registered ahead of its implementation: it reports nothing yet (see `explain`).

use super::prelude::*;

pub static RULE: Rule = Rule {
    code: "NL401",
    name: "repeated-phrase",
    default_severity: Severity::Error,
    summary: Text::new(
        "同一分句紧挨着重复（……工作，并下设……工作，并下设……）",
        "a clause repeated back to back (…工作,并下设…工作,并下设…工作)",
    ),
    doc: Text::new(DOC_ZH, DOC_EN),
    implemented: false,
    check,
};

const DOC_ZH: &str = r#"
## 检查什么
同一分句紧挨着重复（……工作，并下设……工作，并下设……）。

## 为什么
公文在发布前应当准确、规范；这类问题读者一眼就能看出，会损害发文机关的公信力。

## 错误示例
```text
并下设办公室具体负责巡察整改工作，并下设办公室具体负责巡察整改工作。
```

## 正确写法
```text
并下设办公室具体负责巡察整改工作。
```
"#;

const DOC_EN: &str = r#"
## What it does
Flags a clause repeated back to back (…工作,并下设…工作,并下设…工作).

## Why is this bad?
A published notice must be exact and follow the national standards; readers notice
these defects at once and they undermine the issuing body's credibility.

## Example
```text
并下设办公室具体负责巡察整改工作，并下设办公室具体负责巡察整改工作。
```

Use instead:
```text
并下设办公室具体负责巡察整改工作。
```
"#;

fn check(_ctx: &Ctx, _out: &mut Vec<Diagnostic>) {}
