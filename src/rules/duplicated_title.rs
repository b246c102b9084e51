//! `duplicated-title` (NL505): the title, 文号 or 主送机关 printed twice in a row.
//!
//! Registered ahead of its implementation: it reports nothing yet (see `explain`).

use super::prelude::*;

pub static RULE: Rule = Rule {
    code: "NL505",
    name: "duplicated-title",
    default_severity: Severity::Error,
    summary: Text::new(
        "标题、文号或主送机关连印两次",
        "the title, 文号 or 主送机关 printed twice in a row",
    ),
    doc: Text::new(DOC_ZH, DOC_EN),
    implemented: false,
    check,
};

const DOC_ZH: &str = r#"
## 检查什么
标题、文号或主送机关连印两次。

## 为什么
公文在发布前应当准确、规范；这类问题读者一眼就能看出，会损害发文机关的公信力。

## 错误示例
```text
关于开展安全检查的通知
关于开展安全检查的通知
```

## 正确写法
```text
关于开展安全检查的通知
```
"#;

const DOC_EN: &str = r#"
## What it does
Flags the title, 文号 or 主送机关 printed twice in a row.

## Why is this bad?
A published notice must be exact and follow the national standards; readers notice
these defects at once and they undermine the issuing body's credibility.

## Example
```text
关于开展安全检查的通知
关于开展安全检查的通知
```

Use instead:
```text
关于开展安全检查的通知
```
"#;

fn check(_ctx: &Ctx, _out: &mut Vec<Diagnostic>) {}
