//! `doc-number-format` (NL501): a 发文字号 not of the form 代字〔YYYY〕N号 ([] 【】 brackets, missing 〕 or 号, mixed forms).
//!
//! Registered ahead of its implementation: it reports nothing yet (see `explain`).

use super::prelude::*;

pub static RULE: Rule = Rule {
    code: "NL501",
    name: "doc-number-format",
    default_severity: Severity::Error,
    summary: Text::new("发文字号不符合“代字〔年份〕序号号”格式（[]、【】括号，缺〕或号）", "a 发文字号 not of the form 代字〔YYYY〕N号 ([] 【】 brackets, missing 〕 or 号, mixed forms)"),
    doc: Text::new(DOC_ZH, DOC_EN),
    implemented: false,
    check,
};

const DOC_ZH: &str = r#"
## 检查什么
发文字号不符合“代字〔年份〕序号号”格式（[]、【】括号，缺〕或号）。

## 为什么
公文在发布前应当准确、规范；这类问题读者一眼就能看出，会损害发文机关的公信力。

## 错误示例
```text
许政[2009]34号
```

## 正确写法
```text
许政〔2009〕34号
```
"#;

const DOC_EN: &str = r#"
## What it does
Flags a 发文字号 not of the form 代字〔YYYY〕N号 ([] 【】 brackets, missing 〕 or 号, mixed forms).

## Why is this bad?
A published notice must be exact and follow the national standards; readers notice
these defects at once and they undermine the issuing body's credibility.

## Example
```text
许政[2009]34号
```

Use instead:
```text
许政〔2009〕34号
```
"#;

fn check(_ctx: &Ctx, _out: &mut Vec<Diagnostic>) {}
