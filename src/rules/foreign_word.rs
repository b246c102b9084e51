//! `foreign-word` (NL406): a Latin-script word inside Chinese prose (梁溪 watershed 整治); not VOCs, PM2.5.
//!
//! Registered ahead of its implementation: it reports nothing yet (see `explain`).

use super::prelude::*;

pub static RULE: Rule = Rule {
    code: "NL406",
    name: "foreign-word",
    default_severity: Severity::Warning,
    summary: Text::new(
        "中文行文中夹杂外文单词（梁溪 watershed 整治），VOCs、PM2.5 等除外",
        "a Latin-script word inside Chinese prose (梁溪 watershed 整治); not VOCs, PM2.5",
    ),
    doc: Text::new(DOC_ZH, DOC_EN),
    implemented: false,
    check,
};

const DOC_ZH: &str = r#"
## 检查什么
中文行文中夹杂外文单词（梁溪 watershed 整治），VOCs、PM2.5 等除外。

## 为什么
公文在发布前应当准确、规范；这类问题读者一眼就能看出，会损害发文机关的公信力。

## 错误示例
```text
开展梁溪 watershed 整治、太湖安全度夏等专项执法。
```

## 正确写法
```text
开展梁溪河流域整治、太湖安全度夏等专项执法。
```
"#;

const DOC_EN: &str = r#"
## What it does
Flags a Latin-script word inside Chinese prose (梁溪 watershed 整治); not VOCs, PM2.5.

## Why is this bad?
A published notice must be exact and follow the national standards; readers notice
these defects at once and they undermine the issuing body's credibility.

## Example
```text
开展梁溪 watershed 整治、太湖安全度夏等专项执法。
```

Use instead:
```text
开展梁溪河流域整治、太湖安全度夏等专项执法。
```
"#;

fn check(_ctx: &Ctx, _out: &mut Vec<Diagnostic>) {}
