//! `numbering-restart` (NL102): an ordinal goes back or restarts among siblings (11、 then 3、).
//!
//! Registered ahead of its implementation: it reports nothing yet (see `explain`).

use super::prelude::*;

pub static RULE: Rule = Rule {
    code: "NL102",
    name: "numbering-restart",
    default_severity: Severity::Error,
    summary: Text::new(
        "序号倒退：同级序号倒回或重新开始（11、之后是3、）",
        "an ordinal goes back or restarts among siblings (11、 then 3、)",
    ),
    doc: Text::new(DOC_ZH, DOC_EN),
    implemented: false,
    check,
};

const DOC_ZH: &str = r#"
## 检查什么
序号倒退：同级序号倒回或重新开始（11、之后是3、）。

## 为什么
公文在发布前应当准确、规范；这类问题读者一眼就能看出，会损害发文机关的公信力。

## 错误示例
```text
10、关于主体责任问题的整改。
11、关于基层党建问题的整改。
3、关于意识形态问题的整改。
```

## 正确写法
```text
10、关于主体责任问题的整改。
11、关于基层党建问题的整改。
12、关于意识形态问题的整改。
```
"#;

const DOC_EN: &str = r#"
## What it does
Flags an ordinal goes back or restarts among siblings (11、 then 3、).

## Why is this bad?
A published notice must be exact and follow the national standards; readers notice
these defects at once and they undermine the issuing body's credibility.

## Example
```text
10、关于主体责任问题的整改。
11、关于基层党建问题的整改。
3、关于意识形态问题的整改。
```

Use instead:
```text
10、关于主体责任问题的整改。
11、关于基层党建问题的整改。
12、关于意识形态问题的整改。
```
"#;

fn check(_ctx: &Ctx, _out: &mut Vec<Diagnostic>) {}
