//! `numbering-gap` (NL101): an ordinal skips ahead among siblings (1、2、8、).
//!
//! Registered ahead of its implementation: it reports nothing yet (see `explain`).

use super::prelude::*;

pub static RULE: Rule = Rule {
    code: "NL101",
    name: "numbering-gap",
    default_severity: Severity::Error,
    summary: Text::new(
        "序号跳号：同级序号向前跳过（1、2、8、）",
        "an ordinal skips ahead among siblings (1、2、8、)",
    ),
    doc: Text::new(DOC_ZH, DOC_EN),
    implemented: false,
    check,
};

const DOC_ZH: &str = r#"
## 检查什么
序号跳号：同级序号向前跳过（1、2、8、）。

## 为什么
公文在发布前应当准确、规范；这类问题读者一眼就能看出，会损害发文机关的公信力。

## 错误示例
```text
1、关于学习贯彻问题的整改。
2、关于班子作用问题的整改。
8、关于工程采购问题的整改。
```

## 正确写法
```text
1、关于学习贯彻问题的整改。
2、关于班子作用问题的整改。
3、关于工程采购问题的整改。
```
"#;

const DOC_EN: &str = r#"
## What it does
Flags an ordinal skips ahead among siblings (1、2、8、).

## Why is this bad?
A published notice must be exact and follow the national standards; readers notice
these defects at once and they undermine the issuing body's credibility.

## Example
```text
1、关于学习贯彻问题的整改。
2、关于班子作用问题的整改。
8、关于工程采购问题的整改。
```

Use instead:
```text
1、关于学习贯彻问题的整改。
2、关于班子作用问题的整改。
3、关于工程采购问题的整改。
```
"#;

fn check(_ctx: &Ctx, _out: &mut Vec<Diagnostic>) {}
