//! `numbering-restart` (NL102): an ordinal goes back or restarts among siblings.

use super::numbering::{self, Problem};
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
    implemented: true,
    check,
};

const DOC_ZH: &str = r#"
## 检查什么
同一上级标题下、同一层级的序号倒退或重新开始：11、之后是3、；5、之后是3、。若确实要在
同一标题下开始一组新的列表，应先写一句以冒号结尾的引导语（如“整改措施：”），本规则不会
把冒号之后从1开始的列表当作倒退。

## 为什么
倒退的序号多半是从别处复制段落时保留了原来的编号，读者无法判断先后和归属。

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
Flags an ordinal that goes back or restarts among its siblings: 11、 then 3、, 5、 then 3、.
A new list under the same heading is recognised when it follows a line ending in a colon
(整改措施：), so that case stays silent.

## Why is this bad?
A backward ordinal usually comes from a paragraph pasted from elsewhere with its old
number; readers cannot tell the order or where the item belongs.

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

fn check(ctx: &Ctx, out: &mut Findings) {
    let n = ctx.notice;
    for f in ctx.numbering() {
        let Problem::Restart { prev } = f.problem else {
            continue;
        };
        let item = &n.item(f.item);
        let m = ctx.slice(&item.marker).trim();
        let pm = ctx.slice(&n.item(prev).marker).trim();
        let (lzh, _) = item.level_name();
        let (czh, cen) = numbering::context(n, ctx.text, f.group);
        let seq = numbering::sequence(n, ctx.text, f.group);
        // The largest ordinal so far, to say what this item should have been.
        let g = &n.groups[f.group];
        let max = g
            .items
            .iter()
            .take_while(|&&i| i != f.item)
            .map(|&i| n.item(i).value)
            .max()
            .unwrap_or(0);
        let want = super::numbering_gap::expected_marker(ctx, f.item, max + 1);
        let d = ctx
            .diag(
                &RULE,
                item.marker.clone(),
                out.zh(|| format!("序号倒退：{czh}的{lzh}“{pm}”之后是“{m}”，按顺序应为“{want}”")),
                out.en(|| {
                    format!("numbering goes back from “{pm}” to “{m}” {cen}; expected “{want}”")
                }),
            )
            .label(
                n.item(prev).marker.clone(),
                out.zh(|| format!("上一项是“{pm}”")),
                out.en(|| format!("the previous item is “{pm}”")),
            )
            .note(
                out.zh(|| format!("本级序号依次为：{seq}")),
                out.en(|| format!("the ordinals at this level: {seq}")),
            )
            .note(
                "若此处确是新的一组列表，请在其前加一句以冒号结尾的引导语",
                "if a new list starts here, introduce it with a line ending in a colon",
            );
        out.push(d);
    }
}
