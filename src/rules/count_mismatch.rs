//! `count-mismatch` (NL301): a declared count differs from the items enumerated (共计19个 over 8 items).
//!
//! Registered ahead of its implementation: it reports nothing yet (see `explain`).

use super::prelude::*;

pub static RULE: Rule = Rule {
    code: "NL301",
    name: "count-mismatch",
    default_severity: Severity::Error,
    summary: Text::new(
        "声明的数量与列举的条目数不符（共计19个，下列8项）",
        "a declared count differs from the items enumerated (共计19个 over 8 items)",
    ),
    doc: Text::new(DOC_ZH, DOC_EN),
    implemented: false,
    check,
};

const DOC_ZH: &str = r#"
## 检查什么
声明的数量与列举的条目数不符（共计19个，下列8项）。

## 为什么
公文在发布前应当准确、规范；这类问题读者一眼就能看出，会损害发文机关的公信力。

## 错误示例
```text
截至目前，共计3个问题已整改落实。
1、关于甲问题的整改。
2、关于乙问题的整改。
```

## 正确写法
```text
截至目前，共计2个问题已整改落实。
1、关于甲问题的整改。
2、关于乙问题的整改。
```
"#;

const DOC_EN: &str = r#"
## What it does
Flags a declared count differs from the items enumerated (共计19个 over 8 items).

## Why is this bad?
A published notice must be exact and follow the national standards; readers notice
these defects at once and they undermine the issuing body's credibility.

## Example
```text
截至目前，共计3个问题已整改落实。
1、关于甲问题的整改。
2、关于乙问题的整改。
```

Use instead:
```text
截至目前，共计2个问题已整改落实。
1、关于甲问题的整改。
2、关于乙问题的整改。
```
"#;

fn check(_ctx: &Ctx, _out: &mut Vec<Diagnostic>) {}
