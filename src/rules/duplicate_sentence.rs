//! `duplicate-sentence` (NL403): the same sentence or long clause appears twice in one notice.
//!
//! Registered ahead of its implementation: it reports nothing yet (see `explain`).

use super::prelude::*;

pub static RULE: Rule = Rule {
    code: "NL403",
    name: "duplicate-sentence",
    default_severity: Severity::Warning,
    summary: Text::new(
        "同一句子或长分句在同一公文中出现两次",
        "the same sentence or long clause appears twice in one notice",
    ),
    doc: Text::new(DOC_ZH, DOC_EN),
    implemented: false,
    check,
};

const DOC_ZH: &str = r#"
## 检查什么
同一句子或长分句在同一公文中出现两次。

## 为什么
公文在发布前应当准确、规范；这类问题读者一眼就能看出，会损害发文机关的公信力。

## 错误示例
```text
开展《关于规范党员干部网络行为的意见》教育学习，……
……
开展《关于规范党员干部网络行为的意见》教育学习，如有意见建议……
```

## 正确写法
```text
开展《关于规范党员干部网络行为的意见》教育学习，……
……
如有意见建议……
```
"#;

const DOC_EN: &str = r#"
## What it does
Flags the same sentence or long clause appears twice in one notice.

## Why is this bad?
A published notice must be exact and follow the national standards; readers notice
these defects at once and they undermine the issuing body's credibility.

## Example
```text
开展《关于规范党员干部网络行为的意见》教育学习，……
……
开展《关于规范党员干部网络行为的意见》教育学习，如有意见建议……
```

Use instead:
```text
开展《关于规范党员干部网络行为的意见》教育学习，……
……
如有意见建议……
```
"#;

fn check(_ctx: &Ctx, _out: &mut Vec<Diagnostic>) {}
