//! `date-conflict` (NL202): one event given two different dates in one notice.
//!
//! Registered ahead of its implementation: it reports nothing yet (see `explain`).

use super::prelude::*;

pub static RULE: Rule = Rule {
    code: "NL202",
    name: "date-conflict",
    default_severity: Severity::Warning,
    summary: Text::new(
        "同一事件在同一公文中给出两个不同日期",
        "one event given two different dates in one notice",
    ),
    doc: Text::new(DOC_ZH, DOC_EN),
    implemented: false,
    check,
};

const DOC_ZH: &str = r#"
## 检查什么
同一事件在同一公文中给出两个不同日期。

## 为什么
公文在发布前应当准确、规范；这类问题读者一眼就能看出，会损害发文机关的公信力。

## 错误示例
```text
10月11日，局党组召开巡察整改专题民主生活会。
……2021年10月12日，党组召开民主生活会。
```

## 正确写法
```text
10月11日，局党组召开巡察整改专题民主生活会。
……2021年10月11日，党组召开民主生活会。
```
"#;

const DOC_EN: &str = r#"
## What it does
Flags one event given two different dates in one notice.

## Why is this bad?
A published notice must be exact and follow the national standards; readers notice
these defects at once and they undermine the issuing body's credibility.

## Example
```text
10月11日，局党组召开巡察整改专题民主生活会。
……2021年10月12日，党组召开民主生活会。
```

Use instead:
```text
10月11日，局党组召开巡察整改专题民主生活会。
……2021年10月11日，党组召开民主生活会。
```
"#;

fn check(_ctx: &Ctx, _out: &mut Vec<Diagnostic>) {}
