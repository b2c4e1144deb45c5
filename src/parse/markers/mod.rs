//! Shape patterns the passes look for: jump lines (`（下转四版）`), datelines
//! (`本报讯（…）`, `新华社北京6月22日电`), bylines and their people, photo
//! credits, and page furniture (page/section lines, dates, editor credits).
//! All are about punctuation, markers and a few role words of the trade —
//! never about words of one paper.

mod bylines;
mod dates;
mod furniture;

pub use bylines::*;
pub use dates::printed_date;
pub use furniture::*;

use super::inline::{clean_spaces, is_han};
use bylines::reporter_before_report;

/// A jump marker found in a line.
#[derive(Debug, Clone, PartialEq)]
pub struct JumpMark {
    /// Byte range of the marker in the line (brackets included).
    pub start: usize,
    /// End of the marker.
    pub end: usize,
    /// True for `下转`/`转` (continues on), false for `上接`/`接` (continued from).
    pub to: bool,
    /// The page named, as a number, when it can be read.
    pub page: Option<u32>,
}

/// Read a page number as printed: `4`, `四`, `十二`, `A2`, `第二`.
pub fn page_number(s: &str) -> Option<u32> {
    let s = s.trim().trim_start_matches('第');
    let digits: String = s.chars().filter(|c| c.is_ascii_digit()).collect();
    if !digits.is_empty() {
        return digits.parse().ok();
    }
    let d = |c: char| {
        "零一二三四五六七八九"
            .chars()
            .position(|x| x == c)
            .map(|p| p as u32)
    };
    let cs: Vec<char> = s.chars().filter(|c| *c != '版' && *c != '页').collect();
    match cs.as_slice() {
        [a] if *a == '十' => Some(10),
        [a] => d(*a),
        ['十', b] => d(*b).map(|x| 10 + x),
        [a, '十'] => d(*a).map(|x| x * 10),
        [a, '十', b] => Some(d(*a)? * 10 + d(*b)?),
        _ => None,
    }
}

fn is_page_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "零一二三四五六七八九十〇".contains(c)
}

/// Find a jump marker: `（下转第二版）`, `（上接第一版）`, `（转A2版）`,
/// `下转4版`, `（紧接第3版）`. Spaces inside are tolerated.
pub fn find_jump(line: &str) -> Option<JumpMark> {
    // Every marker has 转 or 接: most lines need no closer look.
    if !line.contains('转') && !line.contains('接') {
        return None;
    }
    let chars: Vec<(usize, char)> = line
        .char_indices()
        .filter(|(_, c)| !c.is_whitespace())
        .collect();
    for i in 0..chars.len() {
        let c = chars[i].1;
        if c != '转' && c != '接' {
            continue;
        }
        let prev = if i > 0 { Some(chars[i - 1].1) } else { None };
        let (to, mut s) = match (c, prev) {
            ('转', Some('下')) => (true, i - 1),
            ('转', Some('上')) => (false, i - 1),
            ('转', Some('（' | '(')) | ('转', None) => (true, i),
            ('接', Some('上' | '紧' | '承')) => (false, i - 1),
            _ => continue,
        };
        let mut j = i + 1;
        if j < chars.len() && chars[j].1 == '第' {
            j += 1;
        }
        let ps = j;
        while j < chars.len() && is_page_char(chars[j].1) && j - ps < 4 {
            j += 1;
        }
        if j == ps || j >= chars.len() || !(chars[j].1 == '版' || chars[j].1 == '页') {
            continue;
        }
        let label: String = chars[ps..j].iter().map(|x| x.1).collect();
        let mut e = j + 1;
        if s > 0 && matches!(chars[s - 1].1, '（' | '(') {
            s -= 1;
            if e < chars.len() && matches!(chars[e].1, '）' | ')') {
                e += 1;
            }
        } else if c == '转' && prev.is_none() {
            // A bare `转A2版` at the start of a line: fine.
        }
        let start = chars[s].0;
        let end = if e < chars.len() {
            chars[e].0
        } else {
            line.len()
        };
        // The marker must end the line (or be the whole line).
        if !line[end..].trim().is_empty() {
            continue;
        }
        return Some(JumpMark {
            start,
            end,
            to,
            page: page_number(&label),
        });
    }
    None
}

/// A dateline at the start of a paragraph, with an inline byline.
#[derive(Debug, Clone, PartialEq)]
pub struct Dateline {
    /// `本报讯`, `福州晚报讯`, `新华社北京6月22日电`.
    pub text: String,
    /// The part in brackets after it (`宿津齐`, `记者 徐昕联 通讯员 田明`), if any.
    pub byline: Option<String>,
    /// Byte length of the dateline with its bracket and following spaces.
    pub len: usize,
}

/// Find a dateline opening a paragraph.
pub fn find_dateline(text: &str) -> Option<Dateline> {
    let t = text.trim_start();
    let lead = text.len() - t.len();
    // Both shapes open with a Han character and only the first ten
    // characters are looked at: keep those on the stack.
    if !t.chars().next().is_some_and(is_han) {
        return None;
    }
    let mut head = [(0usize, '\0'); 10];
    let mut n = 0;
    for x in t.char_indices().take(10) {
        head[n] = x;
        n += 1;
    }
    let chars = &head[..n];
    if !chars.iter().any(|x| matches!(x.1, '讯' | '电')) {
        return None;
    }
    // `…讯`: up to 8 Han characters, the one before 讯 being 报/社/网/台.
    let mut end = None;
    for (k, &(b, c)) in chars.iter().enumerate().take(10) {
        if c == '讯'
            && k >= 2
            && matches!(chars[k - 1].1, '报' | '社' | '网' | '台' | '端')
            && chars[..k].iter().all(|x| is_han(x.1))
        {
            end = Some(b + c.len_utf8());
            break;
        }
        if c == '电'
            && k >= 4
            && chars[..k].iter().take(3).all(|x| is_han(x.1))
            && matches!(chars[0].1, '新' | '中' | '本' | '人' | '央' | '据')
        {
            let head: String = chars[..3].iter().map(|x| x.1).collect();
            if head.ends_with('社') || head.starts_with("本报") || head.starts_with("据") {
                end = Some(b + c.len_utf8());
                break;
            }
        }
        if !(is_han(c) || c.is_ascii_digit() || c.is_whitespace()) {
            break;
        }
    }
    let end = end?;
    let date_text = clean_spaces(&t[..end]);
    let rest = &t[end..];
    let rest_trim = rest.trim_start();
    let mut len = end + (rest.len() - rest_trim.len());
    let mut byline = None;
    if let Some((name_end, by)) = reporter_before_report(rest_trim) {
        // `本报讯 辽沈晚报记者闫柳报道 昨日…`: the reporter, unbracketed; `报道` stays in the text.
        byline = Some(by);
        len = end + (rest.len() - rest_trim.len()) + name_end;
    } else if rest_trim.starts_with('（') || rest_trim.starts_with('(') {
        if let Some(close) = rest_trim.find(['）', ')']) {
            let inner = &rest_trim[rest_trim.chars().next().unwrap().len_utf8()..close];
            if inner.chars().count() <= 40 && !inner.contains('。') && !inner.contains('，') {
                byline = Some(super::inline::clean_title(inner).trim().to_string());
                let after =
                    &rest_trim[close + rest_trim[close..].chars().next().unwrap().len_utf8()..];
                len = end + (rest.len() - after.len()) + (after.len() - after.trim_start().len());
            }
        }
    }
    Some(Dateline {
        text: date_text,
        byline,
        len: lead + len,
    })
}

/// `hay.find(needle)`, looking for the needle's first character first:
/// setting up a substring search for every line cost more than the search.
fn find_word(hay: &str, needle: &str) -> Option<usize> {
    let first = needle.chars().next()?;
    if !hay.contains(first) {
        return None;
    }
    hay.find(needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jumps() {
        let j = find_jump("共建研发中心、联合实验室、农业产业创新园， （下转四版）").unwrap();
        assert!(j.to);
        assert_eq!(j.page, Some(4));
        assert_eq!(
            &"共建研发中心、联合实验室、农业产业创新园， （下转四版）"[j.start..j.end],
            "（下转四版）"
        );
        assert_eq!(
            find_jump("（上接第一版）").map(|j| (j.to, j.page)),
            Some((false, Some(1)))
        );
        assert_eq!(
            find_jump("转A2版").map(|j| (j.to, j.page)),
            Some((true, Some(2)))
        );
        assert!(find_jump("下转变为上升").is_none());
    }

    #[test]
    fn datelines() {
        let d = find_dateline("本报讯（宿津齐）近年来，大安市").unwrap();
        assert_eq!(d.text, "本报讯");
        assert_eq!(d.byline.as_deref(), Some("宿津齐"));
        assert_eq!(&"本报讯（宿津齐）近年来，大安市"[d.len..], "近年来，大安市");
        let d = find_dateline("本报讯 辽沈晚报记者闫柳报道 昨日大连").unwrap();
        assert_eq!(d.byline.as_deref(), Some("辽沈晚报记者闫柳"));
        assert_eq!(
            &"本报讯 辽沈晚报记者闫柳报道 昨日大连"[d.len..],
            "报道 昨日大连"
        );
        assert!(find_dateline("本报讯 记者从市政府报道会上获悉")
            .unwrap()
            .byline
            .is_none());
        let d = find_dateline("福州晚报讯 记者从中国铁路南昌").unwrap();
        assert_eq!(d.text, "福州晚报讯");
        assert!(find_dateline("近年来，大安市").is_none());
    }
}
