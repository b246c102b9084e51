//! `truncated-paragraph` (NL105): a paragraph cut mid-sentence, or one that begins as the continuation of another.
//!
//! Registered ahead of its implementation: it reports nothing yet (see `explain`).

use super::prelude::*;

pub static RULE: Rule = Rule {
    code: "NL105",
    name: "truncated-paragraph",
    default_severity: Severity::Error,
    summary: Text::new(
        "段落中途截断，或段落以另一段的后半句开头",
        "a paragraph cut mid-sentence, or one that begins as the continuation of another",
    ),
    doc: Text::new(DOC_ZH, DOC_EN),
    implemented: false,
    check,
};

const DOC_ZH: &str = r#"
## 检查什么
段落中途截断，或段落以另一段的后半句开头。

## 为什么
公文在发布前应当准确、规范；这类问题读者一眼就能看出，会损害发文机关的公信力。

## 错误示例
```text
……提出针对性的改革措施。通

过关停低效企业、现有企业技改等途径……
```

## 正确写法
```text
……提出针对性的改革措施。通过关停低效企业、现有企业技改等途径……
```
"#;

const DOC_EN: &str = r#"
## What it does
Flags a paragraph cut mid-sentence, or one that begins as the continuation of another.

## Why is this bad?
A published notice must be exact and follow the national standards; readers notice
these defects at once and they undermine the issuing body's credibility.

## Example
```text
……提出针对性的改革措施。通

过关停低效企业、现有企业技改等途径……
```

Use instead:
```text
……提出针对性的改革措施。通过关停低效企业、现有企业技改等途径……
```
"#;

fn check(_ctx: &Ctx, _out: &mut Vec<Diagnostic>) {}
