//! `date-invalid` (NL203): an impossible date (2月30日), a reversed range, an event dated after the notice.
//!
//! Registered ahead of its implementation: it reports nothing yet (see `explain`).

use super::prelude::*;

pub static RULE: Rule = Rule {
    code: "NL203",
    name: "date-invalid",
    default_severity: Severity::Error,
    summary: Text::new(
        "不存在的日期（2月30日）、倒置的时间段、晚于成文日期的已发生事件",
        "an impossible date (2月30日), a reversed range, an event dated after the notice",
    ),
    doc: Text::new(DOC_ZH, DOC_EN),
    implemented: false,
    check,
};

const DOC_ZH: &str = r#"
## 检查什么
不存在的日期（2月30日）、倒置的时间段、晚于成文日期的已发生事件。

## 为什么
公文在发布前应当准确、规范；这类问题读者一眼就能看出，会损害发文机关的公信力。

## 错误示例
```text
2021年6月23日至5月30日，市委第四巡察组进行了巡察。
```

## 正确写法
```text
2021年6月23日至7月30日，市委第四巡察组进行了巡察。
```
"#;

const DOC_EN: &str = r#"
## What it does
Flags an impossible date (2月30日), a reversed range, an event dated after the notice.

## Why is this bad?
A published notice must be exact and follow the national standards; readers notice
these defects at once and they undermine the issuing body's credibility.

## Example
```text
2021年6月23日至5月30日，市委第四巡察组进行了巡察。
```

Use instead:
```text
2021年6月23日至7月30日，市委第四巡察组进行了巡察。
```
"#;

fn check(_ctx: &Ctx, _out: &mut Vec<Diagnostic>) {}
