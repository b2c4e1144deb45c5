//! Printed dates in the forms papers use in their running heads and
//! mastheads: `2024年4月19日`, `2024 年 1 月 2 日 星期二`, full-width
//! digits (`２０２４年４月１９日`, as some typesetting systems write them),
//! Chinese numerals (`二〇二四年四月十九日`, common in mastheads), and
//! `2024.04.19`, `2024-04-19`, `2024/04/19`. A date without its year
//! (`4月19日`) is not one: its year would be a guess.

/// The value of a digit as printed: ASCII, full-width, or a Chinese
/// numeral digit (`〇`/`零` to `九`).
pub fn date_digit(c: char) -> Option<u32> {
    match c {
        '0'..='9' => c.to_digit(10),
        '０'..='９' => Some(c as u32 - '０' as u32),
        '〇' | '零' | 'Ｏ' => Some(0),
        _ => "一二三四五六七八九"
            .chars()
            .position(|d| d == c)
            .map(|k| k as u32 + 1),
    }
}

/// A number written before `年`, `月` or `日`: digits (`19`, `１９`), or
/// Chinese numerals read positionally (`二〇二四`) or with `十` (`十九`,
/// `二十`, `三十一`, `十`).
fn number(s: &[char]) -> Option<u32> {
    if s.is_empty() || s.len() > 4 {
        return None;
    }
    if let Some(t) = s.iter().position(|&c| c == '十') {
        let tens = match &s[..t] {
            [] => 1,
            [d] => date_digit(*d).filter(|&v| v > 0)?,
            _ => return None,
        };
        let ones = match &s[t + 1..] {
            [] => 0,
            [d] => date_digit(*d).filter(|&v| v > 0)?,
            _ => return None,
        };
        return Some(tens * 10 + ones);
    }
    s.iter().try_fold(0, |n, &c| Some(n * 10 + date_digit(c)?))
}

/// The number written right before index `end` of `t` (up to four
/// characters).
fn number_before(t: &[char], end: usize) -> Option<u32> {
    let start = (0..end)
        .rev()
        .take_while(|&k| date_digit(t[k]).is_some() || t[k] == '十')
        .last()?;
    number(&t[start..end])
}

/// `YYYY年M月D日` (or `号` for `日`) anywhere in `t`, spaces ignored.
fn han_date(t: &[char]) -> Option<(u32, u32, u32)> {
    let find = |from: usize, marks: &[char]| (from..t.len()).find(|&k| marks.contains(&t[k]));
    let mut from = 0;
    while let Some(y) = find(from, &['年']) {
        from = y + 1;
        // Four digits of one kind: Arabic (`2024`, `２０２４`) or Chinese
        // (`二〇二四`); a lunar date may run into them (`三月十一2024年`).
        let han = |c: char| date_digit(c).is_some() && !c.is_ascii_digit() && !('０'..='９').contains(&c);
        let kind = |k: usize| date_digit(t[k]).map(|_| han(t[k]));
        let year_chars = match y.checked_sub(1).and_then(kind) {
            Some(h) => (0..y).rev().take_while(|&k| kind(k) == Some(h)).count(),
            None => 0,
        };
        if year_chars != 4 {
            continue;
        }
        let Some(m) = find(y + 1, &['月']).filter(|&m| m <= y + 3) else {
            continue;
        };
        let Some(d) = find(m + 1, &['日', '号']).filter(|&d| d <= m + 4) else {
            continue;
        };
        let (Some(year), Some(month), Some(day)) = (
            number(&t[y - 4..y]),
            number_before(t, m),
            number_before(t, d),
        ) else {
            continue;
        };
        // Nothing but the number between the marks (`2024年度3月` is no date).
        let numeral = |k: usize| date_digit(t[k]).is_some() || t[k] == '十';
        if (y + 1..m).all(numeral) && (m + 1..d).all(numeral) {
            return Some((year, month, day));
        }
    }
    None
}

/// `2024.04.19`, `2024-04-19`, `2024/04/19` (and full-width `．`, `－`,
/// `／`) at the start of `t`.
fn separated_date(t: &[char]) -> Option<(u32, u32, u32)> {
    let sep = |c: char| matches!(c, '.' | '-' | '/' | '．' | '－' | '／');
    let digit = |c: char| c.is_ascii_digit() || ('０'..='９').contains(&c);
    let mut parts = [0u32; 3];
    let mut k = 0;
    for (n, part) in parts.iter_mut().enumerate() {
        let start = k;
        while k < t.len() && digit(t[k]) {
            k += 1;
        }
        let len = k - start;
        if len == 0 || (n == 0 && len != 4) || (n > 0 && len > 2) {
            return None;
        }
        *part = number(&t[start..k])?;
        if n < 2 {
            if !t.get(k).is_some_and(|&c| sep(c)) {
                return None;
            }
            k += 1;
        }
    }
    // Not followed by more digits or another separator (a phone number, a
    // version).
    if t.get(k).is_some_and(|&c| digit(c) || sep(c)) {
        return None;
    }
    Some((parts[0], parts[1], parts[2]))
}

/// The year, month and day a line prints, if it prints a whole date.
pub fn printed_date(s: &str) -> Option<(u32, u32, u32)> {
    let t: Vec<char> = s.chars().filter(|c| !c.is_whitespace()).collect();
    han_date(&t).or_else(|| separated_date(&t))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_printed_form_reads() {
        for (s, want) in [
            ("2024年4月19日", (2024, 4, 19)),
            ("2024 年 1 月 2 日 星期二", (2024, 1, 2)),
            ("２０２４年４月１９日　星期五", (2024, 4, 19)),
            ("二〇二四年四月十九日", (2024, 4, 19)),
            ("二零一八年十二月三十一日 农历十一月廿五", (2018, 12, 31)),
            ("二〇一八年一月十日", (2018, 1, 10)),
            ("2021.3.23 星期二", (2021, 3, 23)),
            ("2024-04-19", (2024, 4, 19)),
            ("2024/04/19 星期五", (2024, 4, 19)),
            ("农历甲辰年三月十一 2024年4月19日", (2024, 4, 19)),
        ] {
            assert_eq!(printed_date(s), Some(want), "{s}");
        }
    }

    #[test]
    fn no_year_or_no_date_reads_as_none() {
        for s in [
            "4月19日 星期五",
            "农历甲辰年三月十一",
            "0591-83770333",
            "2024-04-19-1",
            "第2024期",
            "2024年度工作",
            "1.2.3",
        ] {
            assert_eq!(printed_date(s), None, "{s}");
        }
    }
}
