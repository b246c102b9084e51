/// The name without its level suffix (无锡市 → 无锡, 滨湖区 → 滨湖), at least two characters.
/// Included by `src/places.rs` and by `build.rs` (which names the gazetteer's short names).
fn short_of(name: &str, level: u8) -> Option<&str> {
    let suffixes: &[&str] = match level {
        1 => &[
            "壮族自治区",
            "回族自治区",
            "维吾尔自治区",
            "自治区",
            "特别行政区",
            "省",
            "市",
        ],
        2 => &["自治州", "地区", "盟", "市"],
        3 => &["自治县", "自治旗", "林区", "特区", "区", "县", "市", "旗"],
        _ => &[],
    };
    let s = suffixes.iter().find_map(|suf| name.strip_suffix(suf))?;
    (s.chars().count() >= 2).then_some(s)
}
