//! What the page furniture says: the kind of each piece (date, weekday,
//! page, section, masthead, edition, editor credit, contact, ad marker),
//! the people an editor credit names, each page's number, label and
//! section, and the issue's date, title and edition.
//!
//! The line pass finds furniture two ways: by its wording (text input, see
//! [`markers::furniture_kind`]) and by where it stands (the PDF front end's
//! page head and foot, which says nothing of what a line is). This pass
//! names the kind of both the same way, so a page read from its PDF and
//! from its text give the same metadata. Nothing is invented: a field the
//! furniture does not print stays empty, and a field read off the page is
//! listed in [`Issue::from_page`].

use super::inline::is_han;
use super::markers;
use newsconv_core::{
    Diagnostic, Furniture, FurnitureKind, Issue, IssueDate, IssueField, Page, Person,
};

/// Name the kind of every piece of furniture, and the people of credits.
pub(crate) fn understand(furniture: &mut [Furniture]) {
    for f in furniture.iter_mut() {
        if f.kind == FurnitureKind::Other {
            f.kind = markers::furniture_kind(&f.text).unwrap_or(FurnitureKind::Other);
        }
        f.kind = refine(f.kind, &f.text);
    }
    credit_people(furniture);
}

/// The kinds the wording rules leave coarse: a weekday alone, an ad
/// marker, a masthead, an edition, a lunar date, a short section name.
fn refine(kind: FurnitureKind, text: &str) -> FurnitureKind {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let n = t.chars().count();
    match kind {
        FurnitureKind::Date if t.starts_with("星期") && n <= 4 => FurnitureKind::Weekday,
        FurnitureKind::Other | FurnitureKind::Section | FurnitureKind::Contact
            if is_ad_marker(&t) =>
        {
            FurnitureKind::Ad
        }
        FurnitureKind::Other | FurnitureKind::Section if t.starts_with("农历") && n <= 20 => {
            FurnitureKind::Date
        }
        FurnitureKind::Other | FurnitureKind::Section if paper_name(text).is_some() => {
            FurnitureKind::Masthead
        }
        FurnitureKind::Other | FurnitureKind::Section if edition(&t) => FurnitureKind::Edition,
        FurnitureKind::Other if (2..=8).contains(&n) && t.chars().all(is_han) => {
            FurnitureKind::Section
        }
        k => k,
    }
}

/// `（广告）`, `广告`, `[广告]`: the marker printed beside an advertisement.
fn is_ad_marker(t: &str) -> bool {
    let inner = t.trim_matches(|c: char| {
        matches!(
            c,
            '（' | '）' | '(' | ')' | '[' | ']' | '【' | '】' | '〔' | '〕'
        )
    });
    inner == "广告" || inner == "公益广告"
}

/// The paper's name in a running head: a Han word of 3 to 10 characters
/// ending in `报` (`福州晚报`, `人民日报`).
fn paper_name(text: &str) -> Option<&str> {
    text.split_whitespace().find(|w| {
        (3..=10).contains(&w.chars().count()) && w.ends_with('报') && w.chars().all(is_han)
    })
}

/// `城市版`, `海外版`, `A叠`: an edition, not a page label (`第7版`).
fn edition(t: &str) -> bool {
    let n = t.chars().count();
    (3..=5).contains(&n)
        && t.ends_with('版')
        && !t.starts_with('第')
        && t.chars().all(is_han)
        && !t.chars().any(|c| "一二三四五六七八九十".contains(c))
}

/// The people of every editor credit: `责编王杨林 美编季春` names two. A
/// role printed on a line of its own (`一 审：`) takes the name on the next
/// furniture line (`程丽清`), which is then part of the credit.
fn credit_people(furniture: &mut [Furniture]) {
    for k in 0..furniture.len() {
        if furniture[k].kind != FurnitureKind::Credit {
            continue;
        }
        let mut people = people_of(&furniture[k].text).unwrap_or_default();
        if let [Person {
            name,
            role: Some(_),
        }] = people.as_mut_slice()
        {
            if let Some(next) = furniture
                .get_mut(k + 1)
                .filter(|f| name.is_empty() && is_name(&squeeze(&f.text)))
            {
                *name = squeeze(&next.text);
                next.kind = FurnitureKind::Credit;
            }
        }
        people.retain(|p| !p.name.is_empty());
        furniture[k].people = people;
    }
}

/// A bare Chinese name: two to four Han characters.
fn is_name(t: &str) -> bool {
    (2..=4).contains(&t.chars().count()) && t.chars().all(is_han)
}

/// The text without spaces and colons.
fn squeeze(t: &str) -> String {
    t.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '：' | ':'))
        .collect()
}

/// `Some` when the line opens with a role: each role with the name that
/// follows it, up to the next role (spaces and colons left out, since
/// `一 审：` and `责编王杨林` are both printed).
fn people_of(text: &str) -> Option<Vec<Person>> {
    let joined = squeeze(text);
    let role_at = |s: &str| {
        markers::EDITOR_ROLES
            .iter()
            .find(|r| s.starts_with(**r))
            .copied()
    };
    role_at(&joined)?;
    let mut out: Vec<Person> = Vec::new();
    let mut rest = joined.as_str();
    while let Some(r) = role_at(rest) {
        rest = &rest[r.len()..];
        let cut = rest
            .char_indices()
            .find(|(i, _)| role_at(&rest[*i..]).is_some())
            .map_or(rest.len(), |(i, _)| i);
        out.push(Person {
            name: rest[..cut].to_string(),
            role: Some(r.to_string()),
        });
        rest = &rest[cut..];
    }
    Some(out)
}

/// The page's number (when the file does not give it), label and section,
/// from its page and section lines.
pub(crate) fn page_fields(page: &mut Page, number_hint: Option<u32>) {
    for f in page
        .furniture
        .iter()
        .filter(|f| f.kind == FurnitureKind::Page)
    {
        let toks: Vec<&str> = f.text.split_whitespace().collect();
        if let Some(num) = toks.iter().find(|t| {
            t.chars().any(|c| c.is_ascii_digit())
                && t.len() <= 4
                && t.chars().all(|c| c.is_ascii_alphanumeric())
        }) {
            if page.label.is_none() {
                page.label = Some(num.to_string());
                if number_hint.is_none() {
                    if let Some(n) = markers::page_number(num).filter(|n| *n > 0) {
                        page.number = n;
                    }
                }
            }
        }
        if page.section.is_none() {
            page.section = toks
                .iter()
                .find(|t| t.chars().count() >= 2 && t.chars().all(is_han))
                .map(|t| t.to_string());
        }
    }
    if page.section.is_none() {
        page.section = page
            .furniture
            .iter()
            .find(|f| f.kind == FurnitureKind::Section)
            .map(|f| f.text.trim().to_string());
    }
    if page.section.is_none() {
        page.section = page
            .furniture
            .iter()
            .filter(|f| matches!(f.kind, FurnitureKind::Contact | FurnitureKind::Other))
            .find_map(running_head_section);
    }
}

/// `综合新闻 微信：lswbwx`: a running head that names the section before a
/// contact gives the section.
fn running_head_section(f: &Furniture) -> Option<String> {
    let mut toks = f.text.split_whitespace();
    let first = toks.next()?;
    (toks.next().is_some() && (2..=8).contains(&first.chars().count()) && first.chars().all(is_han))
        .then(|| first.to_string())
}

/// The issue's date, title and edition from its pages' furniture (the
/// first page that prints one), each listed in [`Issue::from_page`]; a
/// page that prints another date than the issue's gets a diagnostic.
pub(crate) fn issue_fields(issue: &mut Issue) {
    let first = |kind: FurnitureKind| {
        issue
            .pages
            .iter()
            .flat_map(|p| &p.furniture)
            .filter(move |f| f.kind == kind)
    };
    let date = first(FurnitureKind::Date).find_map(|f| iso_date(&f.text));
    let title = first(FurnitureKind::Masthead)
        .find_map(|f| paper_name(&f.text))
        .map(str::to_string);
    let edition = first(FurnitureKind::Edition)
        .map(|f| f.text.split_whitespace().collect::<String>())
        .next();
    for (field, found, slot) in [
        (IssueField::Title, title, &mut issue.title),
        (IssueField::Edition, edition, &mut issue.edition),
    ] {
        if slot.is_none() && found.is_some() {
            *slot = found;
            issue.from_page.push(field);
        }
    }
    if issue.date.is_none() && date.is_some() {
        issue.date = date;
        issue.from_page.push(IssueField::Date);
    }
    issue.from_page.sort();
    if let Some(d) = issue.date {
        for page in issue.pages.iter_mut() {
            page_date_agrees(page, d);
        }
    }
}

/// A page that prints another date than the issue's is probably of another
/// issue: say so on that page.
fn page_date_agrees(page: &mut Page, issue_date: IssueDate) {
    let printed = page
        .furniture
        .iter()
        .filter(|f| f.kind == FurnitureKind::Date)
        .find_map(|f| iso_date(&f.text).map(|d| (d, f.line)));
    if let Some((d, line)) = printed.filter(|(d, _)| *d != issue_date) {
        page.diagnostics.push(Diagnostic::warning(
            "page-date-differs",
            format!("page {} prints the date {d}, the issue's date is {issue_date}: is it a page of another issue?", page.number),
            line,
        ));
    }
}

/// `2024 年 4 月 19 日`, `二〇二四年四月十九日`, `2021.3.23` → `YYYY-MM-DD`
/// (the forms [`markers::printed_date`] reads).
pub(crate) fn iso_date(s: &str) -> Option<IssueDate> {
    let (y, m, d) = markers::printed_date(s)?;
    (1900..=2200).contains(&y).then(|| IssueDate::new(y, m, d)).flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(lines: &[&str]) -> Vec<(FurnitureKind, Vec<(String, String)>)> {
        let mut f: Vec<Furniture> = lines
            .iter()
            .map(|t| Furniture {
                text: t.to_string(),
                ..Default::default()
            })
            .collect();
        understand(&mut f);
        f.into_iter()
            .map(|f| {
                (
                    f.kind,
                    f.people
                        .into_iter()
                        .map(|p| (p.role.unwrap_or_default(), p.name))
                        .collect(),
                )
            })
            .collect()
    }

    #[test]
    fn furniture_found_by_position_gets_its_kind_from_its_wording() {
        use FurnitureKind::*;
        let got: Vec<FurnitureKind> = kinds(&[
            "2024年4月19日",
            "星期五",
            "生活服务",
            "7",
            "（广告）",
            "福州晚报",
            "农历甲辰年三月十一",
            "城市版",
            "新闻热线:83770333",
            "2021.3.23 星期二",
        ])
        .into_iter()
        .map(|k| k.0)
        .collect();
        assert_eq!(
            got,
            [Date, Weekday, Section, Page, Ad, Masthead, Date, Edition, Contact, Date]
        );
    }

    #[test]
    fn credits_name_their_people_with_or_without_spaces() {
        let p = |v: &[(&str, &str)]| {
            v.iter()
                .map(|(r, n)| (r.to_string(), n.to_string()))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            kinds(&["责编王杨林 美编季春"])[0].1,
            p(&[("责编", "王杨林"), ("美编", "季春")])
        );
        assert_eq!(
            kinds(&["一 审：程丽清 二 审：梁朝文 政 审：林文君 美 编：龙鲲浩"])[0].1,
            p(&[
                ("一审", "程丽清"),
                ("二审", "梁朝文"),
                ("政审", "林文君"),
                ("美编", "龙鲲浩")
            ])
        );
        // A role on its own line takes the name under it.
        let split = kinds(&["一 审：", "程丽清"]);
        assert_eq!(split[0].1, p(&[("一审", "程丽清")]));
        assert!(split[1].1.is_empty());
    }

    #[test]
    fn the_issue_takes_the_first_printed_date_and_flags_pages_of_other_dates() {
        let page = |date: &str| Page {
            furniture: vec![Furniture {
                kind: FurnitureKind::Date,
                text: date.into(),
                ..Default::default()
            }],
            ..Default::default()
        };
        let mut issue = Issue {
            pages: vec![page("2024 年 4 月 19 日"), page("2024年4月20日")],
            ..Issue::new()
        };
        issue_fields(&mut issue);
        assert_eq!(
            issue.date.map(|d| d.to_string()).as_deref(),
            Some("2024-04-19")
        );
        assert_eq!(issue.from_page, [IssueField::Date]);
        assert!(issue.pages[0].diagnostics.is_empty());
        assert_eq!(issue.pages[1].diagnostics[0].code, "page-date-differs");
        // No date printed: none written.
        let mut bare = Issue {
            pages: vec![Page::default()],
            ..Issue::new()
        };
        issue_fields(&mut bare);
        assert_eq!((bare.date, bare.from_page.len()), (None, 0));
    }
}
