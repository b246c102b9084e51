//! `markup-artifact` (NL407): LaTeX, HTML or Markdown debris, control or zero-width characters (PM_{2.5}).
//!
//! Registered ahead of its implementation: it reports nothing yet (see `explain`).

use super::prelude::*;

pub static RULE: Rule = Rule {
    code: "NL407",
    name: "markup-artifact",
    default_severity: Severity::Error,
    summary: Text::new(
        "LaTeX、HTML、Markdown 残留，控制字符或零宽字符（PM_{2.5}）",
        "LaTeX, HTML or Markdown debris, control or zero-width characters (PM_{2.5})",
    ),
    doc: Text::new(DOC_ZH, DOC_EN),
    implemented: false,
    check,
};

const DOC_ZH: &str = r#"
## 检查什么
LaTeX、HTML、Markdown 残留，控制字符或零宽字符（PM_{2.5}）。

## 为什么
公文在发布前应当准确、规范；这类问题读者一眼就能看出，会损害发文机关的公信力。

## 错误示例
```text
全区PM_{2.5}平均浓度27.0微克/立方米。
```

## 正确写法
```text
全区PM2.5平均浓度27.0微克/立方米。
```
"#;

const DOC_EN: &str = r#"
## What it does
Flags LaTeX, HTML or Markdown debris, control or zero-width characters (PM_{2.5}).

## Why is this bad?
A published notice must be exact and follow the national standards; readers notice
these defects at once and they undermine the issuing body's credibility.

## Example
```text
全区PM_{2.5}平均浓度27.0微克/立方米。
```

Use instead:
```text
全区PM2.5平均浓度27.0微克/立方米。
```
"#;

fn check(_ctx: &Ctx, _out: &mut Vec<Diagnostic>) {}
