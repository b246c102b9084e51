//! `numbering-duplicate` (NL103): an ordinal already used among the same siblings.
//!
//! Registered ahead of its implementation: it reports nothing yet (see `explain`).

use super::prelude::*;

pub static RULE: Rule = Rule {
    code: "NL103",
    name: "numbering-duplicate",
    default_severity: Severity::Error,
    summary: Text::new(
        "序号重复：同级序号已经用过",
        "an ordinal already used among the same siblings",
    ),
    doc: Text::new(DOC_ZH, DOC_EN),
    implemented: false,
    check,
};

const DOC_ZH: &str = r#"
## 检查什么
序号重复：同级序号已经用过。

## 为什么
公文在发布前应当准确、规范；这类问题读者一眼就能看出，会损害发文机关的公信力。

## 错误示例
```text
3、关于执法检查问题的整改。
4、关于行政处罚问题的整改。
4、关于信访问题的整改。
```

## 正确写法
```text
3、关于执法检查问题的整改。
4、关于行政处罚问题的整改。
5、关于信访问题的整改。
```
"#;

const DOC_EN: &str = r#"
## What it does
Flags an ordinal already used among the same siblings.

## Why is this bad?
A published notice must be exact and follow the national standards; readers notice
these defects at once and they undermine the issuing body's credibility.

## Example
```text
3、关于执法检查问题的整改。
4、关于行政处罚问题的整改。
4、关于信访问题的整改。
```

Use instead:
```text
3、关于执法检查问题的整改。
4、关于行政处罚问题的整改。
5、关于信访问题的整改。
```
"#;

fn check(_ctx: &Ctx, _out: &mut Vec<Diagnostic>) {}
