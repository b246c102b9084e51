//! `date-format` (NL504): 成文日期 not Arabic with full year and no leading zeros; one date in two forms.
//!
//! Registered ahead of its implementation: it reports nothing yet (see `explain`).

use super::prelude::*;

pub static RULE: Rule = Rule {
    code: "NL504",
    name: "date-format",
    default_severity: Severity::Warning,
    summary: Text::new(
        "成文日期未用阿拉伯数字写全年份、月日带前导零；同一日期两种写法",
        "成文日期 not Arabic with full year and no leading zeros; one date in two forms",
    ),
    doc: Text::new(DOC_ZH, DOC_EN),
    implemented: false,
    check,
};

const DOC_ZH: &str = r#"
## 检查什么
成文日期未用阿拉伯数字写全年份、月日带前导零；同一日期两种写法。

## 为什么
公文在发布前应当准确、规范；这类问题读者一眼就能看出，会损害发文机关的公信力。

## 错误示例
```text
2021年09月05日
```

## 正确写法
```text
2021年9月5日
```
"#;

const DOC_EN: &str = r#"
## What it does
Flags 成文日期 not Arabic with full year and no leading zeros; one date in two forms.

## Why is this bad?
A published notice must be exact and follow the national standards; readers notice
these defects at once and they undermine the issuing body's credibility.

## Example
```text
2021年09月05日
```

Use instead:
```text
2021年9月5日
```
"#;

fn check(_ctx: &Ctx, _out: &mut Vec<Diagnostic>) {}
