//! `numbering-gap` (NL101): an ordinal skips ahead among siblings (1、2、8、).

use super::numbering::{self, Problem};
use super::prelude::*;

pub static RULE: Rule = Rule {
    code: "NL101",
    name: "numbering-gap",
    default_severity: Severity::Error,
    summary: Text::new(
        "序号跳号：同级序号向前跳过（1、2、8、）",
        "an ordinal skips ahead among siblings (1、2、8、)",
    ),
    doc: Text::new(DOC_ZH, DOC_EN),
    implemented: true,
    check,
};

const DOC_ZH: &str = r#"
## 检查什么
同一上级标题下、同一层级的序号向前跳过了一个或几个数：1、2、8、；（一）之后是（三）；
一是、三是。每一层级（一、/（一）/1./（1）/①/第一条/一是）分别检查，进入新的上级标题后
下级序号从头编号是正常的。

## 为什么
跳号通常说明内容被删改、拼接时漏改了序号，或者漏掉了一整段。读者会以为缺了内容。

## 错误示例
```text
（一）已整改完成的问题
1、关于学习贯彻问题的整改。
2、关于班子作用问题的整改。
8、关于工程采购问题的整改。
```

## 正确写法
```text
（一）已整改完成的问题
1、关于学习贯彻问题的整改。
2、关于班子作用问题的整改。
3、关于工程采购问题的整改。
```
"#;

const DOC_EN: &str = r#"
## What it does
Flags an ordinal that skips ahead among its siblings (the items of one level under one
parent heading): 1、2、8、, （一） then （三）, 一是 then 三是. Each level is checked on its
own; numbering that restarts under a new parent heading is correct.

## Why is this bad?
A gap usually means text was cut or spliced without renumbering, or a whole item is
missing. Readers will think something was left out.

## Example
```text
1、关于学习贯彻问题的整改。
2、关于班子作用问题的整改。
8、关于工程采购问题的整改。
```

Use instead:
```text
1、关于学习贯彻问题的整改。
2、关于班子作用问题的整改。
3、关于工程采购问题的整改。
```
"#;

fn check(ctx: &Ctx, out: &mut Findings) {
    let n = ctx.notice;
    for f in ctx.numbering() {
        let Problem::Gap { prev, expected } = f.problem else {
            continue;
        };
        let item = &n.item(f.item);
        let m = ctx.slice(&item.marker).trim();
        let (lzh, _) = item.level_name();
        let (czh, cen) = numbering::context(n, ctx.text, f.group);
        let want = expected_marker(ctx, f.item, expected);
        let seq = numbering::sequence(n, ctx.text, f.group);
        let nzh = out.zh(|| format!("本级序号依次为：{seq}"));
        let nen = out.en(|| format!("the ordinals at this level: {seq}"));
        match prev {
            Some(p) => {
                let pm = ctx.slice(&n.item(p).marker).trim();
                let zh =
                    out.zh(|| format!("序号跳号：{czh}的{lzh}“{pm}”之后是“{m}”，应为“{want}”"));
                let en = out.en(|| {
                    format!("numbering skips from “{pm}” to “{m}” {cen}; expected “{want}”")
                });
                let pzh = out.zh(|| format!("上一项是“{pm}”"));
                let pen = out.en(|| format!("the previous item is “{pm}”"));
                out.push_quick(
                    &RULE,
                    Quick::new(item.marker.clone(), &zh, &en)
                        .label(n.item(p).marker.clone(), &pzh, &pen)
                        .note(&nzh, &nen),
                );
            }
            None => {
                let zh = out.zh(|| format!("序号跳号：{czh}的{lzh}从“{m}”开始，应从“{want}”开始"));
                let en = out.en(|| format!("numbering {cen} starts at “{m}”; expected “{want}”"));
                out.push_quick(
                    &RULE,
                    Quick::new(item.marker.clone(), &zh, &en).note(&nzh, &nen),
                );
            }
        }
    }
}

/// The marker as it should read with value `v`, in the item's own style.
pub(crate) fn expected_marker(ctx: &Ctx, item: ItemId, v: u64) -> String {
    let it = &ctx.notice.item(item);
    crate::tree::marker_with_value(ctx.slice(&it.marker).trim(), it.kind, v)
}
