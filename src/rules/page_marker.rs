//! `page-marker` (NL106): print-layout debris left in the text: (下转第14版), (上接第12版).
//!
//! Registered ahead of its implementation: it reports nothing yet (see `explain`).

use super::prelude::*;

pub static RULE: Rule = Rule {
    code: "NL106",
    name: "page-marker",
    default_severity: Severity::Error,
    summary: Text::new(
        "正文中残留版面转接标记：（下转第14版）（上接第12版）",
        "print-layout debris left in the text: (下转第14版), (上接第12版)",
    ),
    doc: Text::new(DOC_ZH, DOC_EN),
    implemented: false,
    check,
};

const DOC_ZH: &str = r#"
## 检查什么
正文中残留版面转接标记：（下转第14版）（上接第12版）。

## 为什么
公文在发布前应当准确、规范；这类问题读者一眼就能看出，会损害发文机关的公信力。

## 错误示例
```text
编制雪浪、（下转第14版）

（上接第12版）安全生产文件等。
```

## 正确写法
```text
编制雪浪、安全生产文件等。
```
"#;

const DOC_EN: &str = r#"
## What it does
Flags print-layout debris left in the text: (下转第14版), (上接第12版).

## Why is this bad?
A published notice must be exact and follow the national standards; readers notice
these defects at once and they undermine the issuing body's credibility.

## Example
```text
编制雪浪、（下转第14版）

（上接第12版）安全生产文件等。
```

Use instead:
```text
编制雪浪、安全生产文件等。
```
"#;

fn check(_ctx: &Ctx, _out: &mut Vec<Diagnostic>) {}
