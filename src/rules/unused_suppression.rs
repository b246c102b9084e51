//! `unused-suppression` (NL001): a `<!-- noticelint-disable … -->` comment that suppresses
//! nothing. Reported by the engine after the other rules (see `crate::suppress`).

use super::prelude::*;

pub static RULE: Rule = Rule {
    code: "NL001",
    name: "unused-suppression",
    default_severity: Severity::Warning,
    summary: Text::new(
        "没有压制任何问题的 noticelint-disable 注释",
        "a noticelint-disable comment that suppresses nothing",
    ),
    doc: Text::new(DOC_ZH, DOC_EN),
    implemented: true,
    check,
};

const DOC_ZH: &str = r#"
## 检查什么
Markdown 公文中的 `<!-- noticelint-disable NL405 -->`（到 `<!-- noticelint-enable -->` 为止）
或 `<!-- noticelint-disable-next-line NL402 -->` 注释，其范围内并没有它所针对的问题。

## 为什么
问题改正后，留下的压制注释会在今后把新出现的同类问题也一并隐藏。

## 错误示例
```text
<!-- noticelint-disable-next-line NL402 -->
推动从严治党向纵深发展。
```

## 正确写法
```text
推动从严治党向纵深发展。
```
"#;

const DOC_EN: &str = r#"
## What it does
Flags a `<!-- noticelint-disable NL405 -->` (up to `<!-- noticelint-enable -->`) or
`<!-- noticelint-disable-next-line NL402 -->` comment in a Markdown notice that covers no
finding of the rules it names.

## Why is this bad?
Once the text is corrected, a stale suppression would hide the next real problem.

## Example
```text
<!-- noticelint-disable-next-line NL402 -->
推动从严治党向纵深发展。
```

Use instead:
```text
推动从严治党向纵深发展。
```
"#;

/// The work is done in `crate::check`, which knows what the other rules reported.
fn check(_ctx: &Ctx, _out: &mut Findings) {}
