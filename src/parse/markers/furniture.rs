//! Page furniture: page and section lines (`A07`, `第7版`, `05 综合新闻`),
//! printed dates, editor credits and contact lines.

use super::super::inline::{is_han, is_space};
use super::{find_word, is_page_char};
use newsconv_core::FurnitureKind;

/// What a furniture line is: a page line, a date, editor credits, contact lines, or None.
pub fn furniture_kind(line: &str) -> Option<FurnitureKind> {
    let t = line.trim();
    // Cheap rejects first, no allocation: no rule takes a `。`, only the
    // contact rule takes a `，` (and its keywords), and every rule wants at
    // most 40 characters. Most lines are body text and stop here.
    if t.is_empty() || t.contains('。') {
        return None;
    }
    let comma = t.contains('，');
    if comma && !t.starts_with(['投', '新', '热', '报', '邮', '电', '网', '微']) {
        return None;
    }
    let (mut n, mut ntok, mut spaced, mut after_space) = (0usize, 0usize, false, true);
    for c in t.chars() {
        if is_space(c) {
            spaced = true;
            after_space = true;
            continue;
        }
        n += 1;
        ntok += after_space as usize;
        after_space = false;
    }
    if n > 40 {
        return None;
    }
    // The line without its spaces: the line itself, or a copy on the stack
    // (40 characters of at most 4 bytes).
    let mut buf = [0u8; 160];
    let sq = if spaced {
        let mut len = 0;
        for c in t.chars().filter(|&c| !is_space(c)) {
            len += c.encode_utf8(&mut buf[len..]).len();
        }
        std::str::from_utf8(&buf[..len]).expect("whole characters were written")
    } else {
        t
    };
    if comma {
        return contact_kind(sq, n);
    }
    // A page number, alone or with the section name: `7`, `05 综合新闻 微信：lswbwx`, `黔西南新闻 A3`, `7 理论`.
    // The rules look at up to 4 tokens (`ntok` counted above): on the stack,
    // and only split when there are 2 to 4 (one token is the whole line).
    let mut tok_buf = [t; 4];
    if (2..=4).contains(&ntok) {
        for (k, x) in t.split_whitespace().enumerate() {
            tok_buf[k] = x;
        }
    }
    let toks = &tok_buf[..ntok.min(tok_buf.len())];
    if is_page_line(toks, ntok, n, sq) {
        return Some(FurnitureKind::Page);
    }
    if is_date_line(sq, n) {
        return Some(FurnitureKind::Date);
    }
    if is_credit_line(sq, n) {
        return Some(FurnitureKind::Credit);
    }
    contact_kind(sq, n)
}

/// A page number, alone or with the section name: `7`, `05 综合新闻 微信：lswbwx`,
/// `黔西南新闻 A3`, `7 理论` (`ntok` tokens, the first up to 4 in `toks`).
/// `第1版`, `第A3版`, `第七版`: a page label alone.
fn page_label(t: &str) -> bool {
    let inner = t.strip_prefix('第').and_then(|r| r.strip_suffix('版'));
    inner.is_some_and(|m| (1..=3).contains(&m.chars().count()) && m.chars().all(is_page_char))
}

fn is_page_line(toks: &[&str], ntok: usize, n: usize, sq: &str) -> bool {
    let is_num = |s: &str| s.len() <= 3 && (s.chars().all(|c| c.is_ascii_digit()) || (s.starts_with(|c: char| c.is_ascii_uppercase()) && s[1..].chars().all(|c| c.is_ascii_digit()) && s.len() >= 2));
    if ntok == 1 && (is_num(toks[0]) || page_label(toks[0])) {
        return true;
    }
    if ntok >= 2
        && ntok <= 4
        && n <= 20
        && toks.iter().all(|t| t.chars().count() <= 12)
        && !sq.contains('。')
        && !sq.contains('，')
    {
        let short_han = |s: &str| (2..=8).contains(&s.chars().count()) && s.chars().all(is_han);
        return (is_num(toks[0]) && short_han(toks[1]))
            || (is_num(toks[toks.len() - 1]) && short_han(toks[toks.len() - 2]));
    }
    false
}

/// Dates: `2024 年 4 月 19 日`, `2021.3.23 星期二`, `星期五` (`sq`: the
/// line without spaces, `n` its characters).
fn is_date_line(sq: &str, n: usize) -> bool {
    // A whole date (`2024年4月19日`, `二〇二四年四月十九日`, `２０２４年…`,
    // `2021.3.23`, `2024-04-19`); read only where one can start.
    let may_be = sq.contains('年') || sq.starts_with(|c: char| c.is_ascii_digit() || ('０'..='９').contains(&c));
    let ymd = may_be && super::printed_date(sq).is_some();
    let has_date = ymd && sq.contains('年');
    let dotted = ymd && !sq.contains('年');
    let weekday =
        sq.starts_with("星期") && n <= 4 || (has_date || dotted) && find_word(sq, "星期").is_some();
    n <= 30
        && !sq.contains('，')
        && !sq.contains('。')
        && (has_date
            && (n <= 16 || find_word(sq, "星期").is_some() || find_word(sq, "农历").is_some())
            || dotted && n <= 16
            || weekday)
}

/// Editor roles as newspapers print them in their credits, longest first
/// (so `责任编辑` is read before `编辑`): the one list the line rule here and
/// the people of a credit (`parse::furniture`) read.
pub const EDITOR_ROLES: [&str; 26] = [
    "版面设计",
    "责任编辑",
    "本版编辑",
    "本版责编",
    "值班编辑",
    "值班主任",
    "责任校对",
    "版面编辑",
    "图片编辑",
    "视觉设计",
    "美术编辑",
    "责编",
    "编辑",
    "美编",
    "校对",
    "组版",
    "版式",
    "制图",
    "一审",
    "二审",
    "三审",
    "终审",
    "政审",
    "照排",
    "审读",
    "审校",
];

/// Editor credits: `责编 王杨林 美编 季春`, `编辑 白琳`, `一 审：`,
/// `本版编辑：张三` (`sq`: the line without spaces).
fn is_credit_line(sq: &str, n: usize) -> bool {
    n <= 30
        && !sq.contains('。')
        && !sq.contains('，')
        && EDITOR_ROLES.iter().any(|k| sq.starts_with(k))
}

/// The contact rule of [`furniture_kind`]: `sq` is the line without spaces, `n` its length in characters.
fn contact_kind(sq: &str, n: usize) -> Option<FurnitureKind> {
    for k in [
        "投稿邮箱",
        "新闻热线",
        "热线电话",
        "报料热线",
        "邮箱",
        "电子信箱",
        "网址",
        "微信",
    ] {
        if sq.starts_with(k) && n <= 40 && !sq.contains('。') {
            return Some(FurnitureKind::Contact);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn furniture() {
        use FurnitureKind::*;
        let kinds = [
            ("05 综合新闻 微信：lswbwx", Some(Page)),
            ("2024 年 4 月 19 日", Some(Date)),
            ("二〇二四年四月十九日 星期五", Some(Date)),
            ("２０２４年４月１９日", Some(Date)),
            ("2024-04-19", Some(Date)),
            ("4月19日", None),
            ("责编 王杨林 美编 季春", Some(Credit)),
            ("7", Some(Page)),
            ("黔西南新闻 A3", Some(Page)),
            ("6月22日，新华社国家高端智库课题组", None),
            ("本版编辑：张三", Some(Credit)),
            ("值班编辑 李四 责任校对 王五", Some(Credit)),
            ("值班民警张三", None),
        ];
        for (line, kind) in kinds {
            assert_eq!(furniture_kind(line), kind, "{line}");
        }
    }
}
