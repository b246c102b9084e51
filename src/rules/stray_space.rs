//! `stray-space` (NL507): a space inside Chinese text or between Chinese and digits (2020 年).
//!
//! Registered ahead of its implementation: it reports nothing yet (see `explain`).

use super::prelude::*;

pub static RULE: Rule = Rule {
    code: "NL507",
    name: "stray-space",
    default_severity: Severity::Warning,
    summary: Text::new(
        "中文文本内或中文与数字之间的多余空格（2020 年）",
        "a space inside Chinese text or between Chinese and digits (2020 年)",
    ),
    doc: Text::new(DOC_ZH, DOC_EN),
    implemented: false,
    check,
};

const DOC_ZH: &str = r#"
## 检查什么
中文文本内或中文与数字之间的多余空格（2020 年）。

## 为什么
公文在发布前应当准确、规范；这类问题读者一眼就能看出，会损害发文机关的公信力。

## 错误示例
```text
2020 年 12 月，全区完成整改。
```

## 正确写法
```text
2020年12月，全区完成整改。
```
"#;

const DOC_EN: &str = r#"
## What it does
Flags a space inside Chinese text or between Chinese and digits (2020 年).

## Why is this bad?
A published notice must be exact and follow the national standards; readers notice
these defects at once and they undermine the issuing body's credibility.

## Example
```text
2020 年 12 月，全区完成整改。
```

Use instead:
```text
2020年12月，全区完成整改。
```
"#;

fn check(_ctx: &Ctx, _out: &mut Vec<Diagnostic>) {}
