//! Civil-calendar arithmetic for resolving relative dates (no time zones: dates only).

/// A calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl Date {
    /// Parses the date part of an ISO 8601 string (`2025-09-15`, `2025-09-15T10:56`, ...).
    pub fn parse_iso(s: &str) -> Option<Date> {
        let s = s.trim();
        let year: i32 = s.get(0..4)?.parse().ok()?;
        if s.get(4..5)? != "-" || s.get(7..8)? != "-" {
            return None;
        }
        let month: u32 = s.get(5..7)?.parse().ok()?;
        let day: u32 = s.get(8..10)?.parse().ok()?;
        Date::new(year, month, day)
    }

    /// A valid date, or `None`.
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        (1..=12)
            .contains(&month)
            .then_some(())
            .filter(|_| day >= 1 && day <= days_in_month(year, month))
            .map(|_| Date { year, month, day })
    }

    /// Days since 1970-01-01 (H. Hinnant's `days_from_civil`).
    pub fn to_days(self) -> i64 {
        let y = self.year as i64 - (self.month <= 2) as i64;
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = self.month as i64;
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + self.day as i64 - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` after 1970-01-01.
    pub fn from_days(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (yoe + era * 400 + (month <= 2) as i64) as i32;
        Date { year, month, day }
    }

    /// The date `n` days later (earlier when negative).
    pub fn add_days(self, n: i64) -> Date {
        Date::from_days(self.to_days() + n)
    }

    /// 0 = Monday … 6 = Sunday.
    pub fn weekday(self) -> u32 {
        (self.to_days() + 3).rem_euclid(7) as u32
    }

    /// ISO 8601 week (`2025-W38`).
    pub fn iso_week(self) -> String {
        // The Thursday of this date's week decides the week-year.
        let thursday = self.add_days(3 - self.weekday() as i64);
        let jan1 = Date {
            year: thursday.year,
            month: 1,
            day: 1,
        };
        let week = (thursday.to_days() - jan1.to_days()) / 7 + 1;
        format!("{:04}-W{:02}", thursday.year, week)
    }

    /// `YYYY-MM-DD`.
    pub fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// The month `n` months later (earlier when negative), as (year, month).
    pub fn add_months(self, n: i32) -> (i32, u32) {
        let idx = self.year * 12 + self.month as i32 - 1 + n;
        (idx.div_euclid(12), (idx.rem_euclid(12) + 1) as u32)
    }
}

fn is_leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

/// Number of days in a month.
pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_weekday() {
        let d = Date::parse_iso("2025-09-15T10:56").unwrap();
        assert_eq!(d.weekday(), 0, "15 Sep 2025 is a Monday");
        assert_eq!(Date::from_days(d.to_days()), d);
        assert_eq!(d.add_days(-15).iso(), "2025-08-31");
        assert_eq!(
            Date::new(2024, 2, 29).unwrap().add_days(365).iso(),
            "2025-02-28"
        );
        assert_eq!(Date::new(2023, 2, 29), None);
        assert_eq!(Date::parse_iso("15/09/2025"), None);
    }

    #[test]
    fn iso_weeks() {
        assert_eq!(Date::new(2025, 9, 15).unwrap().iso_week(), "2025-W38");
        assert_eq!(Date::new(2021, 1, 1).unwrap().iso_week(), "2020-W53");
        assert_eq!(Date::new(2024, 12, 30).unwrap().iso_week(), "2025-W01");
    }

    #[test]
    fn month_arithmetic() {
        let d = Date::new(2025, 1, 10).unwrap();
        assert_eq!(d.add_months(-1), (2024, 12));
        assert_eq!(d.add_months(13), (2026, 2));
    }
}
