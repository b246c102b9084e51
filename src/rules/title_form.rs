//! `title-form` (NL506): a title not ending in one of the 15 文种, or stacking them (…的通知的通知).
//!
//! Registered ahead of its implementation: it reports nothing yet (see `explain`).

use super::prelude::*;

pub static RULE: Rule = Rule {
    code: "NL506",
    name: "title-form",
    default_severity: Severity::Warning,
    summary: Text::new(
        "标题不以十五种文种之一结尾，或文种叠用（……的通知的通知）",
        "a title not ending in one of the 15 文种, or stacking them (…的通知的通知)",
    ),
    doc: Text::new(DOC_ZH, DOC_EN),
    implemented: false,
    check,
};

const DOC_ZH: &str = r#"
## 检查什么
标题不以十五种文种之一结尾，或文种叠用（……的通知的通知）。

## 为什么
公文在发布前应当准确、规范；这类问题读者一眼就能看出，会损害发文机关的公信力。

## 错误示例
```text
关于开展安全检查的通知的通知
```

## 正确写法
```text
关于开展安全检查的通知
```
"#;

const DOC_EN: &str = r#"
## What it does
Flags a title not ending in one of the 15 文种, or stacking them (…的通知的通知).

## Why is this bad?
A published notice must be exact and follow the national standards; readers notice
these defects at once and they undermine the issuing body's credibility.

## Example
```text
关于开展安全检查的通知的通知
```

Use instead:
```text
关于开展安全检查的通知
```
"#;

fn check(_ctx: &Ctx, _out: &mut Vec<Diagnostic>) {}
