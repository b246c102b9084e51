//! `range-mark` (NL503): a hyphen for a range of years, dates, times, quantities (2020-2021年 → 2020—2021年).
//!
//! Registered ahead of its implementation: it reports nothing yet (see `explain`).

use super::prelude::*;

pub static RULE: Rule = Rule {
    code: "NL503",
    name: "range-mark",
    default_severity: Severity::Warning,
    summary: Text::new(
        "用连字符表示年份、日期、时间、数量的范围（2020-2021年 → 2020—2021年）",
        "a hyphen for a range of years, dates, times, quantities (2020-2021年 → 2020—2021年)",
    ),
    doc: Text::new(DOC_ZH, DOC_EN),
    implemented: false,
    check,
};

const DOC_ZH: &str = r#"
## 检查什么
用连字符表示年份、日期、时间、数量的范围（2020-2021年 → 2020—2021年）。

## 为什么
公文在发布前应当准确、规范；这类问题读者一眼就能看出，会损害发文机关的公信力。

## 错误示例
```text
2020-2021年度
```

## 正确写法
```text
2020—2021年度
```
"#;

const DOC_EN: &str = r#"
## What it does
Flags a hyphen for a range of years, dates, times, quantities (2020-2021年 → 2020—2021年).

## Why is this bad?
A published notice must be exact and follow the national standards; readers notice
these defects at once and they undermine the issuing body's credibility.

## Example
```text
2020-2021年度
```

Use instead:
```text
2020—2021年度
```
"#;

fn check(_ctx: &Ctx, _out: &mut Vec<Diagnostic>) {}
