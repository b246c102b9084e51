//! `unbalanced-pair` (NL404): 《》 “” ‘’ （） () 【】 〔〕 not paired within a paragraph.
//!
//! Registered ahead of its implementation: it reports nothing yet (see `explain`).

use super::prelude::*;

pub static RULE: Rule = Rule {
    code: "NL404",
    name: "unbalanced-pair",
    default_severity: Severity::Error,
    summary: Text::new(
        "《》“”‘’（）()【】〔〕在段内不成对",
        "《》 “” ‘’ （） () 【】 〔〕 not paired within a paragraph",
    ),
    doc: Text::new(DOC_ZH, DOC_EN),
    implemented: false,
    check,
};

const DOC_ZH: &str = r#"
## 检查什么
《》“”‘’（）()【】〔〕在段内不成对。

## 为什么
公文在发布前应当准确、规范；这类问题读者一眼就能看出，会损害发文机关的公信力。

## 错误示例
```text
传达学习《关于全面加强生态环境保护坚决打好污染防治攻坚战》的实施意见》。
```

## 正确写法
```text
传达学习《关于全面加强生态环境保护坚决打好污染防治攻坚战的实施意见》。
```
"#;

const DOC_EN: &str = r#"
## What it does
Flags 《》 “” ‘’ （） () 【】 〔〕 not paired within a paragraph.

## Why is this bad?
A published notice must be exact and follow the national standards; readers notice
these defects at once and they undermine the issuing body's credibility.

## Example
```text
传达学习《关于全面加强生态环境保护坚决打好污染防治攻坚战》的实施意见》。
```

Use instead:
```text
传达学习《关于全面加强生态环境保护坚决打好污染防治攻坚战的实施意见》。
```
"#;

fn check(_ctx: &Ctx, _out: &mut Vec<Diagnostic>) {}
