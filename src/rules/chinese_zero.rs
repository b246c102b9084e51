//! `chinese-zero` (NL502): ○ or O as the zero of a Chinese-numeral date (二○○九年 → 二〇〇九年).
//!
//! Registered ahead of its implementation: it reports nothing yet (see `explain`).

use super::prelude::*;

pub static RULE: Rule = Rule {
    code: "NL502",
    name: "chinese-zero",
    default_severity: Severity::Error,
    summary: Text::new(
        "汉字数字日期中用○或O代替〇（二○○九年 → 二〇〇九年）",
        "○ or O as the zero of a Chinese-numeral date (二○○九年 → 二〇〇九年)",
    ),
    doc: Text::new(DOC_ZH, DOC_EN),
    implemented: false,
    check,
};

const DOC_ZH: &str = r#"
## 检查什么
汉字数字日期中用○或O代替〇（二○○九年 → 二〇〇九年）。

## 为什么
公文在发布前应当准确、规范；这类问题读者一眼就能看出，会损害发文机关的公信力。

## 错误示例
```text
二○○九年十月八日
```

## 正确写法
```text
二〇〇九年十月八日
```
"#;

const DOC_EN: &str = r#"
## What it does
Flags ○ or O as the zero of a Chinese-numeral date (二○○九年 → 二〇〇九年).

## Why is this bad?
A published notice must be exact and follow the national standards; readers notice
these defects at once and they undermine the issuing body's credibility.

## Example
```text
二○○九年十月八日
```

Use instead:
```text
二〇〇九年十月八日
```
"#;

fn check(_ctx: &Ctx, _out: &mut Vec<Diagnostic>) {}
