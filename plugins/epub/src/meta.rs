//! The book's metadata, all of it deterministic so the same issue always
//! gives the same bytes: the checked language, the identifier, and the
//! `dcterms:modified` instant (which the zip entries carry too).

use crate::FALLBACK_MODIFIED;
use chrono::{DateTime, Datelike, Timelike, Utc};
use newsconv_core::Issue;

/// A checked BCP 47-shaped language tag, or `None`.
pub(crate) fn check_lang(tag: &str) -> Option<String> {
    let mut parts = tag.split('-');
    let first = parts.next()?;
    if !(2..=8).contains(&first.len()) || !first.chars().all(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    for p in parts {
        if !(1..=8).contains(&p.len()) || !p.chars().all(|c| c.is_ascii_alphanumeric()) {
            return None;
        }
    }
    Some(tag.to_string())
}

/// The `dcterms:modified` instant: issue date, else `SOURCE_DATE_EPOCH`, else the fixed fallback.
pub(crate) fn modified(issue: &Issue) -> DateTime<Utc> {
    let from_env = || {
        std::env::var("SOURCE_DATE_EPOCH")
            .ok()
            .and_then(|s| s.trim().parse::<i64>().ok())
            .and_then(|s| DateTime::from_timestamp(s, 0))
    };
    issue
        .date
        .and_then(|d| DateTime::from_timestamp(d.unix_seconds(), 0))
        .or_else(from_env)
        .unwrap_or_else(|| {
            DateTime::parse_from_rfc3339(FALLBACK_MODIFIED)
                .expect("valid constant")
                .with_timezone(&Utc)
        })
}

/// The time stamp of every zip entry: `modified`, within what zip can hold.
pub(crate) fn zip_time(modified: DateTime<Utc>) -> zip::DateTime {
    zip::DateTime::from_date_and_time(
        modified.year().clamp(1980, 2107) as u16,
        modified.month() as u8,
        modified.day() as u8,
        modified.hour() as u8,
        modified.minute() as u8,
        modified.second().min(58) as u8,
    )
    .unwrap_or_default()
}

/// The book's identifier: a name-based UUID of publisher (or paper), date and
/// edition; without a date, of the issue's text as well.
pub(crate) fn identifier(issue: &Issue) -> uuid::Uuid {
    let who = issue
        .publisher
        .as_deref()
        .or(issue.title.as_deref())
        .unwrap_or("");
    let mut name = format!("newsconv-issue\n{who}\n");
    match issue.date {
        Some(d) => name.push_str(&d.to_string()),
        None => {
            let mut text = String::new();
            for (_, a) in issue.articles() {
                text.push_str(a.headline.as_deref().unwrap_or(""));
                text.push('\n');
                for b in &a.blocks {
                    text.push_str(&b.text);
                    text.push('\n');
                }
            }
            name.push_str(
                &uuid::Uuid::new_v5(&uuid::Uuid::NAMESPACE_OID, text.as_bytes()).to_string(),
            );
        }
    }
    name.push('\n');
    name.push_str(issue.edition.as_deref().unwrap_or(""));
    uuid::Uuid::new_v5(&uuid::Uuid::NAMESPACE_URL, name.as_bytes())
}
