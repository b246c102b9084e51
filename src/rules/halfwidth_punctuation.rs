//! `halfwidth-punctuation` (NL405): ASCII , . : ; ? ! ( ) in Chinese text (GB/T 15834); fix: full-width.
//!
//! Registered ahead of its implementation: it reports nothing yet (see `explain`).

use super::prelude::*;

pub static RULE: Rule = Rule {
    code: "NL405",
    name: "halfwidth-punctuation",
    default_severity: Severity::Warning,
    summary: Text::new(
        "中文文本中使用半角标点 , . : ; ? ! ( )（GB/T 15834）",
        "ASCII , . : ; ? ! ( ) in Chinese text (GB/T 15834); fix: full-width",
    ),
    doc: Text::new(DOC_ZH, DOC_EN),
    implemented: false,
    check,
};

const DOC_ZH: &str = r#"
## 检查什么
中文文本中使用半角标点 , . : ; ? ! ( )（GB/T 15834）。

## 为什么
公文在发布前应当准确、规范；这类问题读者一眼就能看出，会损害发文机关的公信力。

## 错误示例
```text
根据无锡市委统一部署,2021年6月23日至7月30日,市委第四巡察组进行了巡察。
```

## 正确写法
```text
根据无锡市委统一部署，2021年6月23日至7月30日，市委第四巡察组进行了巡察。
```
"#;

const DOC_EN: &str = r#"
## What it does
Flags ASCII , . : ; ? ! ( ) in Chinese text (GB/T 15834); fix: full-width.

## Why is this bad?
A published notice must be exact and follow the national standards; readers notice
these defects at once and they undermine the issuing body's credibility.

## Example
```text
根据无锡市委统一部署,2021年6月23日至7月30日,市委第四巡察组进行了巡察。
```

Use instead:
```text
根据无锡市委统一部署，2021年6月23日至7月30日，市委第四巡察组进行了巡察。
```
"#;

fn check(_ctx: &Ctx, _out: &mut Vec<Diagnostic>) {}
