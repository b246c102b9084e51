//! `numbering-duplicate` (NL103): an ordinal already used among the same siblings.

use super::numbering::{self, Problem};
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
    implemented: true,
    check,
};

const DOC_ZH: &str = r#"
## 检查什么
同一上级标题下、同一层级的序号重复使用：1、4、5、3、4、中的第二个“4、”。

## 为什么
重复的序号让读者无法准确引用某一项（“第4项”指哪一项？），通常是复制粘贴留下的痕迹。

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
Flags an ordinal already used among the same siblings: the second 4、 in 1、4、5、3、4、.

## Why is this bad?
A repeated ordinal makes an item impossible to cite (which one is item 4?) and is a
typical trace of copy and paste.

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

fn check(ctx: &Ctx, out: &mut Findings) {
    let n = ctx.notice;
    for f in ctx.numbering() {
        let Problem::Duplicate { first } = f.problem else {
            continue;
        };
        let item = &n.item(f.item);
        let m = ctx.slice(&item.marker).trim();
        let (lzh, _) = item.level_name();
        let (czh, cen) = numbering::context(n, ctx.text, f.group);
        let seq = numbering::sequence(n, ctx.text, f.group);
        let line = ctx.lines().line_of(n.item(first).marker.start) + 1;
        let zh = out.zh(|| format!("序号重复：{czh}的{lzh}“{m}”在第{line}行已经用过"));
        let en = out.en(|| format!("ordinal “{m}” {cen} is already used on line {line}"));
        let lzh = out.zh(|| format!("“{m}”第一次出现在这里"));
        let len = out.en(|| format!("“{m}” first used here"));
        let nzh = out.zh(|| format!("本级序号依次为：{seq}"));
        let nen = out.en(|| format!("the ordinals at this level: {seq}"));
        out.push_quick(
            &RULE,
            Quick::new(item.marker.clone(), &zh, &en)
                .label(n.item(first).marker.clone(), &lzh, &len)
                .note(&nzh, &nen),
        );
    }
}
