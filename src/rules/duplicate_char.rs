//! `duplicate-char` (NL402): an accidental doubled character or word (从从严, 停产停产), not 件件/天天.
//!
//! Registered ahead of its implementation: it reports nothing yet (see `explain`).

use super::prelude::*;

pub static RULE: Rule = Rule {
    code: "NL402",
    name: "duplicate-char",
    default_severity: Severity::Warning,
    summary: Text::new(
        "误重复的字或词（从从严、停产停产），不含件件、天天等叠词",
        "an accidental doubled character or word (从从严, 停产停产), not 件件/天天",
    ),
    doc: Text::new(DOC_ZH, DOC_EN),
    implemented: false,
    check,
};

const DOC_ZH: &str = r#"
## 检查什么
误重复的字或词（从从严、停产停产），不含件件、天天等叠词。

## 为什么
公文在发布前应当准确、规范；这类问题读者一眼就能看出，会损害发文机关的公信力。

## 错误示例
```text
推动从从严治党向纵深发展。
```

## 正确写法
```text
推动从严治党向纵深发展。
```
"#;

const DOC_EN: &str = r#"
## What it does
Flags an accidental doubled character or word (从从严, 停产停产), not 件件/天天.

## Why is this bad?
A published notice must be exact and follow the national standards; readers notice
these defects at once and they undermine the issuing body's credibility.

## Example
```text
推动从从严治党向纵深发展。
```

Use instead:
```text
推动从严治党向纵深发展。
```
"#;

fn check(_ctx: &Ctx, _out: &mut Vec<Diagnostic>) {}
