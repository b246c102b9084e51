//! `heading-style` (NL104): one level written in mixed marker styles (1、 and 1.), or a level skipped.
//!
//! Registered ahead of its implementation: it reports nothing yet (see `explain`).

use super::prelude::*;

pub static RULE: Rule = Rule {
    code: "NL104",
    name: "heading-style",
    default_severity: Severity::Warning,
    summary: Text::new(
        "标题序号格式混用，或层级跳级",
        "one level written in mixed marker styles (1、 and 1.), or a level skipped",
    ),
    doc: Text::new(DOC_ZH, DOC_EN),
    implemented: false,
    check,
};

const DOC_ZH: &str = r#"
## 检查什么
标题序号格式混用，或层级跳级。

## 为什么
公文在发布前应当准确、规范；这类问题读者一眼就能看出，会损害发文机关的公信力。

## 错误示例
```text
1.关于学习问题的整改。
2、关于班子问题的整改。
```

## 正确写法
```text
1.关于学习问题的整改。
2.关于班子问题的整改。
```
"#;

const DOC_EN: &str = r#"
## What it does
Flags one level written in mixed marker styles (1、 and 1.), or a level skipped.

## Why is this bad?
A published notice must be exact and follow the national standards; readers notice
these defects at once and they undermine the issuing body's credibility.

## Example
```text
1.关于学习问题的整改。
2、关于班子问题的整改。
```

Use instead:
```text
1.关于学习问题的整改。
2.关于班子问题的整改。
```
"#;

fn check(_ctx: &Ctx, _out: &mut Vec<Diagnostic>) {}
