//! The issue date, checked once where it enters (command line, page
//! furniture, a JSON or NewsML document) so no exporter has to: a value of
//! this type is always a real calendar day.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// A calendar date (proleptic Gregorian, years 1–9999), written `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct IssueDate {
    year: u16,
    month: u8,
    day: u8,
}

/// Why a text is not an [`IssueDate`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    /// Not of the shape `YYYY-MM-DD`.
    #[error("{0:?}: expected a date as YYYY-MM-DD")]
    Shape(String),
    /// The shape is right but the day does not exist (`2023-02-31`).
    #[error("{0:?}: no such day in the calendar")]
    NoSuchDay(String),
}

impl IssueDate {
    /// The date, when year, month and day name a real day.
    pub fn new(year: u32, month: u32, day: u32) -> Option<Self> {
        if !(1..=9999).contains(&year)
            || !(1..=12).contains(&month)
            || day == 0
            || day > days_in_month(year, month)
        {
            return None;
        }
        Some(IssueDate {
            year: year as u16,
            month: month as u8,
            day: day as u8,
        })
    }

    /// The year.
    pub fn year(self) -> u32 {
        self.year.into()
    }
    /// The month, 1–12.
    pub fn month(self) -> u32 {
        self.month.into()
    }
    /// The day of the month, 1–31.
    pub fn day(self) -> u32 {
        self.day.into()
    }

    /// Days from 1970-01-01 (negative before it).
    pub fn days_since_epoch(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let (m, d) = (i64::from(self.month), i64::from(self.day));
        let y = i64::from(self.year) - i64::from(m <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The day `days` after 1970-01-01 (before it when negative), when it
    /// falls in years 1–9999.
    pub fn from_days_since_epoch(days: i64) -> Option<Self> {
        // Howard Hinnant's civil_from_days.
        let z = days.checked_add(719_468)?;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = doy - (153 * mp + 2) / 5 + 1;
        let m = if mp < 10 { mp + 3 } else { mp - 9 };
        let y = yoe.checked_add(era.checked_mul(400)?)? + i64::from(m <= 2);
        IssueDate::new(u32::try_from(y).ok()?, m as u32, d as u32)
    }

    /// Day of the week: 0 for Monday … 6 for Sunday (1970-01-01 was a Thursday).
    pub fn weekday(self) -> u32 {
        (self.days_since_epoch() + 3).rem_euclid(7) as u32
    }

    /// Seconds from the Unix epoch to this day's midnight UTC.
    pub fn unix_seconds(self) -> i64 {
        self.days_since_epoch() * 86_400
    }

    /// `YYYYMMDD`, as guids and PDF dates use it.
    pub fn compact(self) -> String {
        format!("{:04}{:02}{:02}", self.year, self.month, self.day)
    }

    /// The date as Chinese papers print it: `2024年4月19日`.
    pub fn chinese(self) -> String {
        format!("{}年{}月{}日", self.year, self.month, self.day)
    }
}

fn days_in_month(year: u32, month: u32) -> u32 {
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl FromStr for IssueDate {
    type Err = DateError;

    /// Exactly `YYYY-MM-DD` (surrounding white space allowed), a real day.
    fn from_str(s: &str) -> Result<Self, DateError> {
        let t = s.trim();
        let b = t.as_bytes();
        let shape = b.len() == 10
            && b[4] == b'-'
            && b[7] == b'-'
            && b.iter()
                .enumerate()
                .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
        if !shape {
            return Err(DateError::Shape(s.to_string()));
        }
        let num = |r: std::ops::Range<usize>| t[r].parse::<u32>().unwrap_or(0);
        IssueDate::new(num(0..4), num(5..7), num(8..10))
            .ok_or_else(|| DateError::NoSuchDay(s.to_string()))
    }
}

impl fmt::Display for IssueDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for IssueDate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for IssueDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn real_days_parse_and_print_back() {
        for s in ["2024-04-19", "2000-02-29", "1970-01-01", "2023-12-31"] {
            assert_eq!(s.parse::<IssueDate>().unwrap().to_string(), s);
        }
    }

    #[test]
    fn impossible_days_and_other_shapes_are_refused() {
        assert!(matches!(
            "2023-02-31".parse::<IssueDate>(),
            Err(DateError::NoSuchDay(_))
        ));
        assert!(matches!(
            "1900-02-29".parse::<IssueDate>(),
            Err(DateError::NoSuchDay(_))
        ));
        assert!(matches!(
            "2023-13-01".parse::<IssueDate>(),
            Err(DateError::NoSuchDay(_))
        ));
        for s in [
            "2023-2-3",
            "20230203",
            "2023/02/03",
            "",
            "２０２３-02-03",
            "2023-02-03x",
        ] {
            assert!(
                matches!(s.parse::<IssueDate>(), Err(DateError::Shape(_))),
                "{s}"
            );
        }
    }

    #[test]
    fn epoch_arithmetic_matches_known_days() {
        assert_eq!(IssueDate::new(1970, 1, 1).unwrap().days_since_epoch(), 0);
        assert_eq!(
            IssueDate::new(2024, 4, 19).unwrap().unix_seconds(),
            1_713_484_800
        );
        assert_eq!(IssueDate::new(1969, 12, 31).unwrap().days_since_epoch(), -1);
        assert_eq!(
            IssueDate::new(2024, 4, 19).unwrap().chinese(),
            "2024年4月19日"
        );
        assert_eq!(IssueDate::new(2024, 4, 9).unwrap().compact(), "20240409");
        for s in [
            "1970-01-01",
            "1969-12-31",
            "2000-02-29",
            "2024-04-19",
            "0001-01-01",
            "9999-12-31",
        ] {
            let d: IssueDate = s.parse().unwrap();
            assert_eq!(
                IssueDate::from_days_since_epoch(d.days_since_epoch()),
                Some(d),
                "{s}"
            );
        }
        assert_eq!(IssueDate::from_days_since_epoch(i64::MAX), None);
        assert_eq!(IssueDate::from_days_since_epoch(-719_163), None, "year 0");
        // A Friday, a Thursday, a Sunday before the epoch, a Monday.
        let wd = |y, m, d| IssueDate::new(y, m, d).unwrap().weekday();
        assert_eq!(
            (
                wd(2024, 4, 19),
                wd(1970, 1, 1),
                wd(1969, 12, 28),
                wd(2000, 1, 3)
            ),
            (4, 3, 6, 0)
        );
    }

    #[test]
    fn json_refuses_a_date_that_does_not_exist() {
        let ok: IssueDate = serde_json_like("\"2024-04-19\"").unwrap();
        assert_eq!(ok.to_string(), "2024-04-19");
        assert!(serde_json_like("\"2023-02-31\"").is_err());
    }

    /// Deserialize from a quoted string without a JSON dependency.
    fn serde_json_like(s: &str) -> Result<IssueDate, serde::de::value::Error> {
        use serde::de::IntoDeserializer;
        IssueDate::deserialize(s.trim_matches('"').to_string().into_deserializer())
    }
}
