//! What a launch's NET ("no earlier than") says, and no more: its text at
//! the precision LL2 gives (`NET Q1 2027 (TBD)`), the span it may fall in,
//! whether the flight is planned or flown, and a countdown only where one
//! is true. Pure: `now` is an argument, the clock the caller read once for
//! the frame, so a ticking countdown costs no request.
//!
//! Every period is read in UTC, as hangar shows every time: LL2 sends the
//! NET in UTC and gives no zone for the launch site.

use crate::api::models::Named;
use crate::api::{Flight, Launch};
use jiff::civil::{Date, Time};
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Span, Timestamp};
use std::fmt;
use std::ops::Range;

/// How exact a NET is, as LL2's `net_precision` says it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Precision {
    Second,
    Minute,
    Hour,
    Morning,
    Afternoon,
    Day,
    Week,
    Month,
    /// The quarter (1 to 4) when the precision names it.
    Quarter(Option<i8>),
    /// The half (1 or 2) when the precision names it.
    Half(Option<i8>),
    Year,
    FiscalYear,
    Decade,
}

impl Precision {
    /// The precision a launch's NET is known to. Unknown or missing (2.2.0
    /// sends none) reads as a decade, LL2's coarsest: nothing finer can be
    /// defended when nobody said how exact the NET is.
    fn of(named: Option<&Named>) -> Precision {
        readings(named, precision_word, precision_id)
            .into_iter()
            .reduce(widen)
            .unwrap_or(Precision::Decade)
    }

    /// LL2's own order, finest first; the two halves of a day, the four
    /// quarters and the two kinds of year each share a rank.
    fn rank(self) -> u8 {
        use Precision::*;
        match self {
            Second => 0,
            Minute => 1,
            Hour => 2,
            Morning | Afternoon => 3,
            Day => 4,
            Week => 5,
            Month => 6,
            Quarter(_) => 7,
            Half(_) => 8,
            Year | FiscalYear => 9,
            Decade => 10,
        }
    }
}

/// Two readings of one precision that disagree give the coarser: claiming
/// the finer would say more than the record can back. Two of one rank that
/// differ (AM and PM, Q1 and Q2, a year and a fiscal year) give the next
/// span that holds both.
fn widen(a: Precision, b: Precision) -> Precision {
    use Precision::*;
    match (a, b) {
        _ if a == b => a,
        (Quarter(None), Quarter(n)) | (Quarter(n), Quarter(None)) => Quarter(n),
        (Half(None), Half(n)) | (Half(n), Half(None)) => Half(n),
        _ => match a.rank().cmp(&b.rank()) {
            std::cmp::Ordering::Less => b,
            std::cmp::Ordering::Greater => a,
            std::cmp::Ordering::Equal => match a {
                Morning | Afternoon => Day,
                Quarter(_) | Half(_) => Year,
                _ => Decade,
            },
        },
    }
}

fn precision_word(word: &str) -> Option<Precision> {
    use Precision::*;
    Some(match word {
        "sec" | "second" => Second,
        "min" | "minute" => Minute,
        "hr" | "hour" => Hour,
        "am" | "morning" => Morning,
        "pm" | "afternoon" => Afternoon,
        "day" => Day,
        "wk" | "week" => Week,
        "mon" | "month" => Month,
        "q" | "qtr" | "quarter" => Quarter(None),
        "half" | "half year" | "half-year" => Half(None),
        "yr" | "year" => Year,
        "fy" | "fiscal year" => FiscalYear,
        "decade" => Decade,
        _ => {
            let number = |rest: &str, last: i8| {
                let n: i8 = rest.parse().ok()?;
                (rest.len() == 1 && (1..=last).contains(&n)).then_some(n)
            };
            if let Some(rest) = word.strip_prefix("quarter ").or(word.strip_prefix('q')) {
                return number(rest, 4).map(|n| Quarter(Some(n)));
            }
            let rest = word.strip_prefix("half ").or(word.strip_prefix('h'))?;
            return number(rest, 2).map(|n| Half(Some(n)));
        }
    })
}

fn precision_id(id: i64) -> Option<Precision> {
    use Precision::*;
    Some(match id {
        0 => Second,
        1 => Minute,
        2 => Hour,
        3 => Morning,
        4 => Afternoon,
        5 => Day,
        6 => Week,
        7 => Month,
        8..=11 => Quarter(i8::try_from(id - 7).ok()),
        12 | 13 => Half(i8::try_from(id - 11).ok()),
        14 => Year,
        15 => FiscalYear,
        16 => Decade,
        _ => return None,
    })
}

/// A launch's status, as LL2 names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Status {
    Go,
    Tbd,
    Tbc,
    Hold,
    Success,
    Failure,
    PartialFailure,
    InFlight,
}

impl Status {
    /// `None` when unknown, or when its fields disagree: a status read
    /// wrong could start a countdown nobody gave.
    fn of(named: Option<&Named>) -> Option<Status> {
        let found = readings(named, status_word, status_id);
        let first = *found.first()?;
        found.iter().all(|&s| s == first).then_some(first)
    }

    fn label(self) -> &'static str {
        match self {
            Status::Go => "Go",
            Status::Tbd => "TBD",
            Status::Tbc => "TBC",
            Status::Hold => "Hold",
            Status::Success => "Success",
            Status::Failure => "Failure",
            Status::PartialFailure => "Partial Failure",
            Status::InFlight => "In Flight",
        }
    }

    /// The launch happened (a failure too: it is no longer planned).
    fn launched(self) -> bool {
        use Status::*;
        matches!(self, Success | Failure | PartialFailure | InFlight)
    }
}

fn status_word(word: &str) -> Option<Status> {
    use Status::*;
    Some(match word {
        "go" | "go for launch" => Go,
        "tbd" | "to be determined" => Tbd,
        "tbc" | "to be confirmed" => Tbc,
        "hold" | "on hold" => Hold,
        "success" | "launch successful" => Success,
        "failure" | "launch failure" => Failure,
        "partial failure" | "launch was a partial failure" => PartialFailure,
        "in flight" | "launch in flight" => InFlight,
        _ => return None,
    })
}

fn status_id(id: i64) -> Option<Status> {
    use Status::*;
    Some(match id {
        1 => Go,
        2 => Tbd,
        3 => Success,
        4 => Failure,
        5 => Hold,
        6 => InFlight,
        7 => PartialFailure,
        8 => Tbc,
        _ => return None,
    })
}

/// What an `{id, name, abbrev}` says, by each field that says something.
/// The words come first (case-insensitive); the id counts beside a word
/// it is checked against, or alone when there are no words: beside words
/// nobody recognises it is not trusted, as LL2 could renumber.
fn readings<T>(
    named: Option<&Named>,
    word: fn(&str) -> Option<T>,
    id: fn(i64) -> Option<T>,
) -> Vec<T> {
    let Some(named) = named else {
        return Vec::new();
    };
    let words: Vec<String> = [named.abbrev.as_deref(), named.name.as_deref()]
        .into_iter()
        .flatten()
        .map(|w| {
            w.split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect();
    let mut found: Vec<T> = words.iter().filter_map(|w| word(w)).collect();
    if words.is_empty() || !found.is_empty() {
        found.extend(named.id.and_then(id));
    }
    found
}

/// The NET as a span of the calendar, resolved against its own date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Period {
    Second(Timestamp),
    Minute(Timestamp),
    Hour(Timestamp),
    /// The morning or afternoon at the launch site (LL2's meaning). Its
    /// text gives the NET's UTC date: LL2 gives no zone for the site, so
    /// far from Greenwich the local date can be the day beside it; the
    /// interval allows for that.
    HalfDay {
        at: Timestamp,
        pm: bool,
    },
    Day(Date),
    /// The week starting on this Monday (ISO weeks).
    Week(Date),
    /// The month starting on this day.
    Month(Date),
    Quarter(i32, i8),
    Half(i32, i8),
    Year(i32),
    /// The US federal fiscal year: FY 2027 runs from 2026-10-01 to 2027-09-30.
    FiscalYear(i32),
    /// The decade starting in this year.
    Decade(i32),
}

const HOUR: i64 = 3_600;
const DAY: i64 = 86_400;
const WEEK: i64 = 7 * DAY;
/// An average Gregorian month and year: these only round a coarse distance.
const MONTH: i64 = 2_629_746;
const YEAR: i64 = 12 * MONTH;

impl Period {
    fn resolve(precision: Precision, at: Timestamp) -> Period {
        let dt = TimeZone::UTC.to_datetime(at);
        let (year, month) = (i32::from(dt.year()), dt.month());
        match precision {
            Precision::Second => Period::Second(at),
            Precision::Minute => Period::Minute(at),
            Precision::Hour => Period::Hour(at),
            Precision::Morning => Period::HalfDay { at, pm: false },
            Precision::Afternoon => Period::HalfDay { at, pm: true },
            Precision::Day => Period::Day(dt.date()),
            Precision::Week => {
                let back = Span::new().days(dt.date().weekday().to_monday_zero_offset());
                Period::Week(dt.date().checked_sub(back).unwrap_or(Date::MIN))
            }
            Precision::Month => Period::Month(dt.date().first_of_month()),
            Precision::Quarter(None) => Period::Quarter(year, (month - 1) / 3 + 1),
            Precision::Half(None) => Period::Half(year, (month - 1) / 6 + 1),
            // The precision names the quarter and the NET's date should fall
            // in it. When they disagree neither is believed: the year holds both.
            Precision::Quarter(Some(q)) => {
                named_year(at, year, q, 3).map_or(Period::Year(year), |y| Period::Quarter(y, q))
            }
            Precision::Half(Some(h)) => {
                named_year(at, year, h, 6).map_or(Period::Year(year), |y| Period::Half(y, h))
            }
            Precision::Year => Period::Year(year),
            Precision::FiscalYear => Period::FiscalYear(if month >= 10 { year + 1 } else { year }),
            Precision::Decade => Period::Decade(year.div_euclid(10) * 10),
        }
    }

    /// `[start, end)`, clamped to what a timestamp can hold.
    fn interval(self) -> Range<Timestamp> {
        let after = |t: Timestamp, secs: i64| {
            t.checked_add(SignedDuration::from_secs(secs))
                .unwrap_or(Timestamp::MAX)
        };
        // Down to a whole minute or hour of UTC.
        let floor = |at: Timestamp, keep_minutes: bool| {
            let dt = TimeZone::UTC.to_datetime(at);
            let minute = if keep_minutes { dt.minute() } else { 0 };
            TimeZone::UTC
                .to_timestamp(dt.date().at(dt.hour(), minute, 0, 0))
                .unwrap_or(Timestamp::MIN)
        };
        let days = |first: Date, count: i64| {
            let end = first.checked_add(Span::new().days(count)).ok();
            midnight(first).unwrap_or(Timestamp::MIN)
                ..end.and_then(midnight).unwrap_or(Timestamp::MAX)
        };
        match self {
            Period::Second(at) => at..after(at, 1),
            Period::Minute(at) => floor(at, true)..after(floor(at, true), 60),
            Period::Hour(at) => floor(at, false)..after(floor(at, false), HOUR),
            // The local half-day holds the NET, so it lies within twelve hours
            // of it whatever the site's zone.
            Period::HalfDay { at, .. } => {
                let start = at.checked_sub(SignedDuration::from_hours(12));
                start.unwrap_or(Timestamp::MIN)..after(at, 12 * HOUR)
            }
            Period::Day(day) => days(day, 1),
            Period::Week(monday) => days(monday, 7),
            Period::Month(first) => months(i32::from(first.year()), i32::from(first.month()), 1),
            Period::Quarter(y, q) => months(y, i32::from(q) * 3 - 2, 3),
            Period::Half(y, h) => months(y, i32::from(h) * 6 - 5, 6),
            Period::Year(y) => months(y, 1, 12),
            Period::FiscalYear(y) => months(y - 1, 10, 12),
            Period::Decade(y) => months(y, 1, 120),
        }
    }

    /// A time to the minute or second has passed at its instant; a coarser
    /// NET only once its whole span has (`NET Feb 2027` holds until March).
    fn passed(self, now: Timestamp) -> bool {
        match self {
            Period::Second(at) | Period::Minute(at) => now >= at,
            _ => now >= self.interval().end,
        }
    }

    /// Not begun at `now`: a time to the minute or second is its instant,
    /// a coarser NET its whole span.
    fn ahead(self, now: Timestamp) -> bool {
        match self {
            Period::Second(at) | Period::Minute(at) => now < at,
            _ => now < self.interval().start,
        }
    }

    /// The unit a distance to it is given in at the finest, and the words
    /// for being inside it and for its starting within half that unit.
    fn words(self) -> (i64, &'static str, &'static str) {
        match self {
            Period::Second(_) | Period::Minute(_) => (HOUR, "within the hour", "within the hour"),
            Period::Hour(_) => (HOUR, "within the hour", "next hour"),
            Period::HalfDay { .. } => (DAY, "within a day", "within 2 days"),
            Period::Day(_) => (DAY, "today", "tomorrow"),
            Period::Week(_) => (WEEK, "this week", "next week"),
            Period::Month(_) => (MONTH, "this month", "next month"),
            Period::Quarter(..) => (MONTH, "this quarter", "next quarter"),
            Period::Half(..) => (MONTH, "this half-year", "next half-year"),
            Period::Year(_) => (YEAR, "this year", "next year"),
            Period::FiscalYear(_) => (YEAR, "this fiscal year", "next fiscal year"),
            Period::Decade(_) => (YEAR, "this decade", "next decade"),
        }
    }
}

fn midnight(day: Date) -> Option<Timestamp> {
    TimeZone::UTC
        .to_timestamp(day.to_datetime(Time::midnight()))
        .ok()
}

/// The first of `month` (counted on past December) of `year`, at midnight UTC.
fn first_of(year: i32, month: i32) -> Option<Timestamp> {
    let year = year.checked_add((month - 1).div_euclid(12))?;
    let month = (month - 1).rem_euclid(12) + 1;
    let day = Date::new(i16::try_from(year).ok()?, i8::try_from(month).ok()?, 1).ok()?;
    midnight(day)
}

/// `count` months from the first of `month`: a start before what a
/// timestamp holds is its first instant, an end after it its last.
fn months(year: i32, month: i32, count: i32) -> Range<Timestamp> {
    first_of(year, month).unwrap_or(Timestamp::MIN)
        ..first_of(year, month + count).unwrap_or(Timestamp::MAX)
}

/// The year whose `n`th span of `length` months holds `at`, give or take a
/// day (a NET set at local midnight can fall on the other side in UTC, even
/// of New Year); `None` when the span named and the NET's date disagree.
fn named_year(at: Timestamp, year: i32, n: i8, length: i32) -> Option<i32> {
    let slack = SignedDuration::from_hours(24);
    let first = i32::from(n) * length - length + 1;
    [year, year - 1, year + 1].into_iter().find(|&y| {
        // No start: a year past what a timestamp holds, not a candidate.
        let Some(start) = first_of(y, first) else {
            return false;
        };
        let end = first_of(y, first + length).unwrap_or(Timestamp::MAX);
        at.checked_add(slack).unwrap_or(Timestamp::MAX) >= start
            && at.checked_sub(slack).unwrap_or(Timestamp::MIN) < end
    })
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let utc = |at: Timestamp| TimeZone::UTC.to_datetime(at);
        match *self {
            Period::Second(at) => {
                let t = utc(at);
                let (h, m, s) = (t.hour(), t.minute(), t.second());
                write!(f, "{} {h:02}:{m:02}:{s:02} UTC", t.date())
            }
            Period::Minute(at) => {
                let t = utc(at);
                write!(f, "{} {:02}:{:02} UTC", t.date(), t.hour(), t.minute())
            }
            // `14h`, not `14:00`: the minutes are not known.
            Period::Hour(at) => write!(f, "{} {:02}h UTC", utc(at).date(), utc(at).hour()),
            Period::HalfDay { at, pm } => {
                write!(f, "{} {}", utc(at).date(), if pm { "PM" } else { "AM" })
            }
            Period::Day(day) => write!(f, "{day}"),
            Period::Week(monday) => write!(f, "week of {monday}"),
            Period::Month(first) => {
                let name = usize::try_from(first.month() - 1)
                    .ok()
                    .and_then(|i| MONTHS.get(i))
                    .unwrap_or(&"?");
                write!(f, "{name} {}", first.year())
            }
            Period::Quarter(y, q) => write!(f, "Q{q} {y}"),
            Period::Half(y, h) => write!(f, "H{h} {y}"),
            Period::Year(y) => write!(f, "{y}"),
            Period::FiscalYear(y) => write!(f, "FY {y}"),
            Period::Decade(y) => write!(f, "{y}s"),
        }
    }
}

/// A launch's NET as far as it is known, with its status beside it:
/// `NET 2027-02-15 14:30 UTC (Go)`, `NET Q1 2027 (TBD)`, `NET unknown`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Net {
    /// `None` without a NET.
    period: Option<Period>,
    status: Option<Status>,
}

impl Net {
    pub fn of(launch: &Launch) -> Net {
        let precision = Precision::of(launch.net_precision.as_ref());
        Net {
            period: launch.net.map(|at| Period::resolve(precision, at)),
            status: Status::of(launch.status.as_ref()),
        }
    }

    /// The span `[start, end)` the launch may fall in, for a timeline to
    /// draw the mark across: a second, a day, a month, a quarter…
    pub fn interval(&self) -> Option<Range<Timestamp>> {
        self.period.map(Period::interval)
    }

    fn phase(&self, now: Timestamp) -> Phase {
        match (self.status, self.period) {
            (Some(s), _) if s.launched() => Phase::Flown,
            (Some(_), Some(p)) if p.passed(now) => Phase::AwaitingStatus,
            (Some(_), _) => Phase::Planned,
            // Without a status only a NET wholly ahead says planned: `NET
            // 2020s` in 2027 may as well have flown.
            (None, Some(p)) if p.ahead(now) => Phase::Planned,
            (None, _) => Phase::Unknown,
        }
    }
}

impl fmt::Display for Net {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.period {
            Some(p) => write!(f, "NET {p}")?,
            None => f.write_str("NET unknown")?,
        }
        match self.status {
            Some(s) => write!(f, " ({})", s.label()),
            None => Ok(()),
        }
    }
}

/// Whether a launch has happened, on a given `now`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// Not launched: a status of Go, TBD, TBC or Hold with its NET ahead
    /// (or none yet), or no status and the whole span of the NET ahead.
    Planned,
    /// A status of Go, TBD, TBC or Hold whose NET has passed: the launch
    /// may have happened, but nobody has said so.
    AwaitingStatus,
    /// Launched: Success, Failure, Partial Failure or In Flight; or a
    /// flight whose mission has ended.
    Flown,
    /// No status to go by and no NET ahead: callers keep what they did
    /// before statuses were read.
    Unknown,
}

impl Phase {
    /// Not launched as far as anyone has said: not in space, not counted
    /// as flown, not a turnaround.
    pub fn is_planned(self) -> bool {
        matches!(self, Phase::Planned | Phase::AwaitingStatus)
    }
}

/// Whether `launch` has happened at `now`. The status decides when it
/// says the launch happened or is planned; otherwise a NET whose whole
/// span is still ahead says planned, and nothing else says anything.
pub fn phase(launch: &Launch, now: Timestamp) -> Phase {
    Net::of(launch).phase(now)
}

/// A flight's [`phase`]: its launch's, except that a mission end that has
/// come, after the launch, is a flight that happened whatever the status
/// still says (LL2 updates the two apart).
pub fn flight_phase(flight: &Flight, now: Timestamp) -> Phase {
    let Some(launch) = &flight.launch else {
        return Phase::Unknown;
    };
    let ended = flight
        .mission_end
        .is_some_and(|end| end <= now && launch.net.is_none_or(|net| net <= end));
    match phase(launch, now) {
        Phase::Flown => Phase::Flown,
        _ if ended => Phase::Flown,
        p => p,
    }
}

/// What a planned launch's clock shows at `now`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Countdown {
    /// Go or TBC, NET to the minute or second, still ahead: always positive.
    Ticking { remaining: SignedDuration },
    /// On hold: the clock is stopped.
    Held,
    /// The NET has passed and no launch is reported: never a negative count.
    AwaitingStatus,
    /// A NET known less exactly, or not confirmed: how far it is, in a unit
    /// no finer than what is known (`in about 2 months`, `next year`).
    Coarse(String),
    /// Nothing to count: flown, unknown, or no NET.
    None,
}

/// The countdown of `launch` at `now`.
pub fn countdown(launch: &Launch, now: Timestamp) -> Countdown {
    let net = Net::of(launch);
    match net.phase(now) {
        Phase::Flown | Phase::Unknown => Countdown::None,
        _ if net.status == Some(Status::Hold) => Countdown::Held,
        Phase::AwaitingStatus => Countdown::AwaitingStatus,
        Phase::Planned => match net.period {
            None => Countdown::None,
            Some(Period::Second(at) | Period::Minute(at))
                if matches!(net.status, Some(Status::Go | Status::Tbc)) =>
            {
                Countdown::Ticking {
                    remaining: at.duration_since(now),
                }
            }
            Some(period) => Countdown::Coarse(distance(period, now)),
        },
    }
}

/// How far ahead `period` starts (a NET is the earliest), rounded in the
/// unit its size calls for but never finer than the period's own.
fn distance(period: Period, now: Timestamp) -> String {
    let (finest, inside, soon) = period.words();
    let ahead = period.interval().start.duration_since(now).as_secs();
    if ahead <= 0 {
        return inside.to_string();
    }
    // Hours below two days, days below two weeks, weeks below seven,
    // months below two years, then years.
    let natural = [
        (2 * DAY, HOUR),
        (2 * WEEK, DAY),
        (7 * WEEK, WEEK),
        (24 * MONTH, MONTH),
    ]
    .into_iter()
    .find(|&(below, _)| ahead < below)
    .map_or(YEAR, |(_, unit)| unit);
    let unit = natural.max(finest);
    let name = match unit {
        HOUR => "hour",
        DAY => "day",
        WEEK => "week",
        MONTH => "month",
        _ => "year",
    };
    match (ahead + unit / 2) / unit {
        0 => soon.to_string(),
        1 => format!("in about 1 {name}"),
        n => format!("in about {n} {name}s"),
    }
}

impl fmt::Display for Countdown {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Countdown::Ticking { remaining } => {
                // Rounded up: `T-00:00:00` would say T-0 has come while it
                // has not. Never below zero, whoever built the value.
                let up = i64::from(remaining.subsec_nanos() > 0);
                let secs = remaining.as_secs().saturating_add(up).max(0);
                let (days, rest) = (secs / DAY, secs % DAY);
                let clock = format!(
                    "{:02}:{:02}:{:02}",
                    rest / HOUR,
                    rest % HOUR / 60,
                    rest % 60
                );
                if days > 0 {
                    write!(f, "T-{days}d {clock}")
                } else {
                    write!(f, "T-{clock}")
                }
            }
            Countdown::Held => f.write_str("on hold, clock stopped"),
            Countdown::AwaitingStatus => f.write_str("awaiting status"),
            Countdown::Coarse(text) => f.write_str(text),
            Countdown::None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The fixed clock: Wednesday 2027-02-10, noon UTC.
    const NOW: &str = "2027-02-10T12:00:00Z";

    fn ts(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    fn now() -> Timestamp {
        ts(NOW)
    }

    fn after(secs: i64) -> Timestamp {
        now().checked_add(SignedDuration::from_secs(secs)).unwrap()
    }

    fn named(id: Option<i64>, name: Option<&str>, abbrev: Option<&str>) -> Named {
        Named {
            id,
            name: name.map(str::to_string),
            abbrev: abbrev.map(str::to_string),
        }
    }

    /// LL2's launch statuses, as it sends them.
    fn status(abbrev: &str) -> Named {
        let (id, name) = match abbrev {
            "Go" => (1, "Go for Launch"),
            "TBD" => (2, "To Be Determined"),
            "Success" => (3, "Launch Successful"),
            "Failure" => (4, "Launch Failure"),
            "Hold" => (5, "On Hold"),
            "In Flight" => (6, "Launch in Flight"),
            "Partial Failure" => (7, "Launch was a Partial Failure"),
            "TBC" => (8, "To Be Confirmed"),
            _ => panic!("no status {abbrev}"),
        };
        named(Some(id), Some(name), Some(abbrev))
    }

    /// LL2's precisions by id (the abbrevs of day, week, month, year and
    /// decade are guesses, and read by the name when they are wrong).
    fn precision(id: i64) -> Named {
        let (name, abbrev) = match id {
            0 => ("Second", "SEC"),
            1 => ("Minute", "MIN"),
            2 => ("Hour", "HR"),
            3 => ("Morning", "AM"),
            4 => ("Afternoon", "PM"),
            5 => ("Day", "DAY"),
            6 => ("Week", "WK"),
            7 => ("Month", "MON"),
            8 => ("Quarter 1", "Q1"),
            9 => ("Quarter 2", "Q2"),
            10 => ("Quarter 3", "Q3"),
            11 => ("Quarter 4", "Q4"),
            12 => ("Half 1", "H1"),
            13 => ("Half 2", "H2"),
            14 => ("Year", "YR"),
            15 => ("Fiscal Year", "FY"),
            16 => ("Decade", "DEC"),
            _ => panic!("no precision {id}"),
        };
        named(Some(id), Some(name), Some(abbrev))
    }

    fn launch(status: Option<Named>, net: Option<Timestamp>, precision: Option<Named>) -> Launch {
        Launch {
            status,
            net,
            net_precision: precision,
            ..Launch::default()
        }
    }

    fn text(p: Option<Named>, net: &str) -> String {
        Net::of(&launch(None, Some(ts(net)), p)).to_string()
    }

    fn clock(s: &str, net: Timestamp, p: i64, at: Timestamp) -> Countdown {
        countdown(&launch(Some(status(s)), Some(net), Some(precision(p))), at)
    }

    #[test]
    fn every_precision_reads_as_what_it_knows_by_each_of_its_fields() {
        let table = [
            (0, "2027-02-15T14:30:07Z", "NET 2027-02-15 14:30:07 UTC"),
            (1, "2027-02-15T14:30:07Z", "NET 2027-02-15 14:30 UTC"),
            (2, "2027-02-15T14:30:07Z", "NET 2027-02-15 14h UTC"),
            (3, "2027-02-15T09:00:00Z", "NET 2027-02-15 AM"),
            (4, "2027-02-15T15:00:00Z", "NET 2027-02-15 PM"),
            (5, "2027-02-15T14:30:07Z", "NET 2027-02-15"),
            (6, "2027-02-17T14:30:07Z", "NET week of 2027-02-15"),
            (7, "2027-02-15T14:30:07Z", "NET Feb 2027"),
            (8, "2027-02-15T00:00:00Z", "NET Q1 2027"),
            (9, "2027-05-15T00:00:00Z", "NET Q2 2027"),
            (10, "2027-08-15T00:00:00Z", "NET Q3 2027"),
            (11, "2027-11-15T00:00:00Z", "NET Q4 2027"),
            (12, "2027-02-15T00:00:00Z", "NET H1 2027"),
            (13, "2027-08-15T00:00:00Z", "NET H2 2027"),
            (14, "2027-02-15T14:30:07Z", "NET 2027"),
            (15, "2027-02-15T14:30:07Z", "NET FY 2027"),
            (16, "2027-02-15T14:30:07Z", "NET 2020s"),
        ];
        for (id, net, want) in table {
            let full = precision(id);
            assert_eq!(text(Some(full.clone()), net), want, "precision {id}");
            let by_id = named(full.id, None, None);
            assert_eq!(text(Some(by_id), net), want, "id {id} alone");
            let by_name = named(None, full.name.as_deref(), None);
            assert_eq!(text(Some(by_name), net), want, "name of {id} alone");
            // The decade's abbrev is a guess nobody recognises: its name says it.
            if id != 16 {
                let lower = full.abbrev.as_deref().map(str::to_lowercase);
                let by_abbrev = named(None, None, lower.as_deref());
                assert_eq!(text(Some(by_abbrev), net), want, "abbrev of {id} alone");
            }
        }
    }

    #[test]
    fn a_week_starts_on_its_monday_and_a_month_is_named() {
        let week = || Some(precision(6));
        assert_eq!(
            text(week(), "2027-02-15T00:00:00Z"),
            "NET week of 2027-02-15"
        );
        assert_eq!(
            text(week(), "2027-02-21T23:59:59Z"),
            "NET week of 2027-02-15"
        );
        assert_eq!(
            text(week(), "2027-02-22T00:00:00Z"),
            "NET week of 2027-02-22"
        );
        assert_eq!(
            text(Some(precision(7)), "2027-12-31T23:59:59Z"),
            "NET Dec 2027"
        );
        assert_eq!(
            text(Some(precision(7)), "2028-01-01T00:00:00Z"),
            "NET Jan 2028"
        );
    }

    #[test]
    fn a_quarter_or_half_unnamed_is_read_from_the_date() {
        let quarter = || Some(named(None, Some("Quarter"), None));
        assert_eq!(text(quarter(), "2027-02-15T14:30:00Z"), "NET Q1 2027");
        assert_eq!(text(quarter(), "2027-04-01T00:00:00Z"), "NET Q2 2027");
        assert_eq!(text(quarter(), "2027-11-15T00:00:00Z"), "NET Q4 2027");
        let half = || Some(named(None, None, Some("half")));
        assert_eq!(text(half(), "2027-06-30T23:59:59Z"), "NET H1 2027");
        assert_eq!(text(half(), "2027-07-01T00:00:00Z"), "NET H2 2027");
    }

    #[test]
    fn a_named_quarter_is_trusted_where_the_date_agrees_and_widened_where_not() {
        assert_eq!(
            text(Some(precision(8)), "2027-02-15T00:00:00Z"),
            "NET Q1 2027"
        );
        // Q2 on a February date: neither is believed, the year holds both.
        assert_eq!(text(Some(precision(9)), "2027-02-15T00:00:00Z"), "NET 2027");
        assert_eq!(
            text(Some(precision(13)), "2027-02-15T00:00:00Z"),
            "NET 2027"
        );
        // Within a day across the boundary: a local midnight written in UTC.
        assert_eq!(
            text(Some(precision(11)), "2028-01-01T03:00:00Z"),
            "NET Q4 2027"
        );
        assert_eq!(
            text(Some(precision(8)), "2026-12-31T22:00:00Z"),
            "NET Q1 2027"
        );
        assert_eq!(
            text(Some(precision(9)), "2027-07-01T20:00:00Z"),
            "NET Q2 2027"
        );
        assert_eq!(text(Some(precision(9)), "2027-07-02T01:00:00Z"), "NET 2027");
    }

    #[test]
    fn the_fiscal_year_is_the_us_one_and_the_decade_its_tens() {
        let fy = || Some(precision(15));
        assert_eq!(text(fy(), "2026-09-30T23:59:59Z"), "NET FY 2026");
        assert_eq!(text(fy(), "2026-10-01T00:00:00Z"), "NET FY 2027");
        assert_eq!(text(fy(), "2027-09-30T23:59:59Z"), "NET FY 2027");
        assert_eq!(
            text(Some(precision(16)), "2029-12-31T23:59:59Z"),
            "NET 2020s"
        );
        assert_eq!(
            text(Some(precision(16)), "2030-01-01T00:00:00Z"),
            "NET 2030s"
        );
    }

    #[test]
    fn words_come_before_the_id_and_disagreement_reads_coarser() {
        let net = "2027-02-15T14:30:07Z";
        let p = |id, name, abbrev| text(Some(named(id, name, abbrev)), net);
        assert_eq!(p(None, Some("  MINUTE "), None), "NET 2027-02-15 14:30 UTC");
        assert_eq!(p(Some(1), Some(""), Some(" ")), "NET 2027-02-15 14:30 UTC");
        // A word nobody knows beside a known one is a new spelling.
        assert_eq!(p(Some(7), Some("Month"), Some("M")), "NET Feb 2027");
        // Disagreeing fields: the coarser.
        assert_eq!(p(Some(7), None, Some("MIN")), "NET Feb 2027");
        assert_eq!(p(Some(1), Some("Month"), Some("MIN")), "NET Feb 2027");
        assert_eq!(p(None, Some("Afternoon"), Some("AM")), "NET 2027-02-15");
        assert_eq!(p(None, Some("Quarter 2"), Some("Q1")), "NET 2027");
        assert_eq!(p(None, Some("Year"), Some("FY")), "NET 2020s");
        assert_eq!(p(None, Some("Quarter"), Some("Q1")), "NET Q1 2027");
        // Words nobody knows: the id is not trusted against them.
        assert_eq!(p(Some(1), Some("Fortnight"), Some("FN")), "NET 2020s");
    }

    #[test]
    fn an_unknown_or_missing_precision_reads_as_the_coarsest() {
        let net = "2027-02-15T14:30:07Z";
        assert_eq!(text(None, net), "NET 2020s");
        assert_eq!(text(Some(Named::default()), net), "NET 2020s");
        for id in [
            17,
            -1,
            i64::from(i32::MIN),
            i64::from(i32::MAX),
            i64::MIN,
            i64::MAX,
        ] {
            assert_eq!(
                text(Some(named(Some(id), None, None)), net),
                "NET 2020s",
                "{id}"
            );
        }
        // Nor does it tick, even on Go.
        let l = launch(Some(status("Go")), Some(after(60)), None);
        assert_eq!(
            countdown(&l, now()),
            Countdown::Coarse("this decade".into())
        );
    }

    #[test]
    fn the_status_stands_beside_the_net() {
        let net = Some(ts("2027-02-15T14:30:07Z"));
        let line = |s: Option<Named>, net| Net::of(&launch(s, net, Some(precision(1)))).to_string();
        for (s, want) in [
            ("Go", "NET 2027-02-15 14:30 UTC (Go)"),
            ("TBC", "NET 2027-02-15 14:30 UTC (TBC)"),
            ("TBD", "NET 2027-02-15 14:30 UTC (TBD)"),
            ("Hold", "NET 2027-02-15 14:30 UTC (Hold)"),
            ("Success", "NET 2027-02-15 14:30 UTC (Success)"),
            (
                "Partial Failure",
                "NET 2027-02-15 14:30 UTC (Partial Failure)",
            ),
        ] {
            assert_eq!(line(Some(status(s)), net), want);
        }
        assert_eq!(line(None, net), "NET 2027-02-15 14:30 UTC");
        assert_eq!(line(Some(status("TBD")), None), "NET unknown (TBD)");
        assert_eq!(line(None, None), "NET unknown");
        // Read by abbrev, name or id alone; fields that disagree say nothing.
        let go = |n| line(Some(n), net);
        assert_eq!(
            go(named(None, None, Some("go"))),
            "NET 2027-02-15 14:30 UTC (Go)"
        );
        assert_eq!(
            go(named(None, Some("Go for Launch"), None)),
            "NET 2027-02-15 14:30 UTC (Go)"
        );
        assert_eq!(
            go(named(Some(8), None, None)),
            "NET 2027-02-15 14:30 UTC (TBC)"
        );
        assert_eq!(
            go(named(Some(5), None, Some("Go"))),
            "NET 2027-02-15 14:30 UTC"
        );
        assert_eq!(
            go(named(Some(1), Some("Launching"), None)),
            "NET 2027-02-15 14:30 UTC"
        );
        assert_eq!(
            go(named(Some(i64::MAX), None, None)),
            "NET 2027-02-15 14:30 UTC"
        );
    }

    #[test]
    fn the_net_as_ll2_sends_it() {
        let l: Launch = serde_json::from_value(serde_json::json!({
            "status": {"id": 2, "name": "To Be Determined", "abbrev": "TBD"},
            "net": "2027-02-15T00:00:00Z",
            "net_precision": {"id": 8, "name": "Quarter 1", "abbrev": "Q1",
                "description": "The launch is expected in the first quarter."},
        }))
        .unwrap();
        assert_eq!(Net::of(&l).to_string(), "NET Q1 2027 (TBD)");
        assert_eq!(
            countdown(&l, now()),
            Countdown::Coarse("this quarter".into())
        );
    }

    #[test]
    fn go_and_tbc_tick_to_the_minute_or_second() {
        let net = after(3 * DAY + 4 * HOUR + 31 * 60 + 7);
        for (s, p) in [("Go", 1), ("Go", 0), ("TBC", 1), ("TBC", 0)] {
            assert_eq!(
                clock(s, net, p, now()).to_string(),
                "T-3d 04:31:07",
                "{s} {p}"
            );
            assert_eq!(
                clock(s, net, p, after(1)).to_string(),
                "T-3d 04:31:06",
                "{s} {p}"
            );
        }
        let soon = after(4 * HOUR + 31 * 60 + 7);
        assert_eq!(clock("Go", soon, 0, now()).to_string(), "T-04:31:07");
        assert_eq!(clock("Go", after(1), 0, now()).to_string(), "T-00:00:01");
        // Part of a second left is shown as a whole one, never as T-0.
        let ahead = Countdown::Ticking {
            remaining: SignedDuration::from_millis(400),
        };
        assert_eq!(ahead.to_string(), "T-00:00:01");
        assert_eq!(
            clock("Go", soon, 1, now()),
            Countdown::Ticking {
                remaining: SignedDuration::from_secs(4 * HOUR + 31 * 60 + 7)
            }
        );
    }

    #[test]
    fn hour_or_coarser_and_tbd_do_not_tick() {
        let net = after(3 * DAY + 4 * HOUR + 31 * 60 + 7);
        assert_eq!(clock("Go", net, 2, now()).to_string(), "in about 3 days");
        assert_eq!(clock("TBC", net, 3, now()).to_string(), "in about 3 days");
        assert_eq!(
            clock("TBD", after(5 * HOUR), 1, now()).to_string(),
            "in about 5 hours"
        );
        let unsaid = launch(None, Some(after(5 * HOUR)), Some(precision(0)));
        assert_eq!(countdown(&unsaid, now()).to_string(), "in about 5 hours");
        let cases = [
            (5, "2027-02-15T09:00:00Z", NOW, "in about 5 days"),
            (6, "2027-03-03T00:00:00Z", NOW, "in about 3 weeks"),
            (7, "2027-04-10T00:00:00Z", NOW, "in about 2 months"),
            (7, "2027-03-31T00:00:00Z", NOW, "in about 1 month"),
            (7, "2027-02-28T00:00:00Z", NOW, "this month"),
            (
                7,
                "2027-03-31T00:00:00Z",
                "2027-02-20T00:00:00Z",
                "next month",
            ),
            (
                5,
                "2027-02-11T00:00:00Z",
                "2027-02-10T20:00:00Z",
                "tomorrow",
            ),
            (5, "2027-02-10T23:00:00Z", NOW, "today"),
            (2, "2027-02-10T12:30:00Z", NOW, "within the hour"),
            (
                2,
                "2027-02-10T13:10:00Z",
                "2027-02-10T12:40:00Z",
                "next hour",
            ),
            (3, "2027-02-10T20:00:00Z", NOW, "within a day"),
            (8, "2027-03-31T00:00:00Z", NOW, "this quarter"),
            (9, "2027-05-15T00:00:00Z", NOW, "in about 2 months"),
            (
                9,
                "2027-05-15T00:00:00Z",
                "2027-03-25T00:00:00Z",
                "next quarter",
            ),
            (13, "2027-08-15T00:00:00Z", NOW, "in about 5 months"),
            (14, "2027-12-31T00:00:00Z", NOW, "this year"),
            (14, "2028-06-01T00:00:00Z", NOW, "in about 1 year"),
            (
                14,
                "2028-06-01T00:00:00Z",
                "2027-12-01T00:00:00Z",
                "next year",
            ),
            (14, "2030-06-01T00:00:00Z", NOW, "in about 3 years"),
            (15, "2027-11-01T00:00:00Z", NOW, "in about 1 year"),
            (16, "2035-01-01T00:00:00Z", NOW, "in about 3 years"),
        ];
        for (p, net, at, want) in cases {
            let c = clock("Go", ts(net), p, ts(at));
            assert!(matches!(c, Countdown::Coarse(_)), "{p} {net} {at}: {c:?}");
            assert_eq!(c.to_string(), want, "{p} {net} {at}");
        }
    }

    #[test]
    fn on_hold_the_clock_stops_and_says_so() {
        for p in [0, 1, 2, 7, 16] {
            for at in [now(), after(1), after(DAY), after(30 * DAY)] {
                assert_eq!(clock("Hold", after(3 * DAY), p, at), Countdown::Held, "{p}");
            }
        }
        assert_eq!(clock("Hold", after(-60), 1, now()), Countdown::Held);
        let held = launch(Some(status("Hold")), None, None);
        assert_eq!(
            countdown(&held, now()).to_string(),
            "on hold, clock stopped"
        );
    }

    #[test]
    fn a_passed_net_awaits_its_status() {
        for s in ["Go", "TBC", "TBD"] {
            assert_eq!(clock(s, now(), 0, now()), Countdown::AwaitingStatus, "{s}");
            assert_eq!(
                clock(s, after(-1), 1, now()),
                Countdown::AwaitingStatus,
                "{s}"
            );
            assert_eq!(
                clock(s, after(-30 * DAY), 5, now()),
                Countdown::AwaitingStatus
            );
        }
        // A coarse NET passes with its span: January, not the 1st of February.
        assert_eq!(
            clock("Go", ts("2027-01-15T00:00:00Z"), 7, now()),
            Countdown::AwaitingStatus
        );
        assert_eq!(
            clock("Go", ts("2027-02-01T00:00:00Z"), 7, now()).to_string(),
            "this month"
        );
        assert_eq!(
            clock("Go", after(-1), 1, now()).to_string(),
            "awaiting status"
        );
    }

    #[test]
    fn nothing_counts_for_a_flown_launch_or_none_known() {
        for s in ["Success", "Failure", "Partial Failure", "In Flight"] {
            assert_eq!(clock(s, after(DAY), 1, now()), Countdown::None, "{s}");
        }
        assert_eq!(
            countdown(&launch(None, Some(after(-1)), None), now()),
            Countdown::None
        );
        let undated = launch(Some(status("Go")), None, Some(precision(1)));
        assert_eq!(countdown(&undated, now()), Countdown::None);
        assert_eq!(Countdown::None.to_string(), "");
    }

    #[test]
    fn no_count_is_ever_negative_and_it_ticks_only_where_allowed() {
        let mut offsets: Vec<i64> = (-3 * DAY..=3 * DAY).step_by(4_099).collect();
        offsets.extend([
            -DAY,
            -HOUR,
            -61,
            -60,
            -59,
            -1,
            0,
            1,
            59,
            60,
            61,
            HOUR,
            DAY,
            40 * YEAR,
        ]);
        let statuses = ["Go", "TBC", "TBD", "Hold", "Success", "In Flight"];
        for off in offsets {
            for s in statuses.map(Some).into_iter().chain([None]) {
                for p in (0..=16).map(|id| Some(precision(id))).chain([None]) {
                    let fine = matches!(p.as_ref().and_then(|p| p.id), Some(0 | 1));
                    let l = launch(s.map(status), Some(after(off)), p);
                    let c = countdown(&l, now());
                    let shown = c.to_string();
                    assert!(
                        !shown.contains("T--") && !shown.contains("about -"),
                        "{shown}"
                    );
                    assert!(!shown.contains("about 0"), "{shown}");
                    let may_tick = fine && matches!(s, Some("Go" | "TBC")) && off > 0;
                    match c {
                        Countdown::Ticking { remaining } => {
                            assert!(may_tick, "{s:?} {off} ticks");
                            assert!(remaining.is_positive(), "{s:?} {off}: {remaining:?}");
                            assert_eq!(remaining.as_secs(), off);
                        }
                        _ => assert!(!may_tick, "{s:?} {off}: {c:?}"),
                    }
                    if s == Some("Hold") {
                        assert_eq!(c, Countdown::Held);
                    }
                }
            }
        }
    }

    #[test]
    fn planned_flown_or_unknown() {
        let p = |s: Option<&str>, net: Option<Timestamp>| {
            phase(&launch(s.map(status), net, Some(precision(1))), now())
        };
        assert_eq!(p(Some("Go"), Some(after(1))), Phase::Planned);
        assert_eq!(p(Some("TBD"), None), Phase::Planned);
        assert_eq!(p(Some("Go"), Some(now())), Phase::AwaitingStatus);
        assert_eq!(p(Some("Hold"), Some(after(-1))), Phase::AwaitingStatus);
        for s in ["Success", "Failure", "Partial Failure", "In Flight"] {
            assert_eq!(p(Some(s), Some(after(DAY))), Phase::Flown, "{s}");
        }
        assert_eq!(p(None, Some(after(1))), Phase::Planned);
        assert_eq!(p(None, Some(after(-1))), Phase::Unknown);
        assert_eq!(p(None, None), Phase::Unknown);
        // Without a status, a coarse NET says planned only while wholly ahead.
        let month = |net| phase(&launch(None, Some(ts(net)), Some(precision(7))), now());
        assert_eq!(month("2027-03-01T00:00:00Z"), Phase::Planned);
        assert_eq!(month("2027-02-28T00:00:00Z"), Phase::Unknown);
        let undated = |net| phase(&launch(None, Some(ts(net)), None), now());
        assert_eq!(undated("2026-06-01T00:00:00Z"), Phase::Unknown);
        assert_eq!(undated("2031-06-01T00:00:00Z"), Phase::Planned);
        assert!(Phase::Planned.is_planned() && Phase::AwaitingStatus.is_planned());
        assert!(!Phase::Flown.is_planned() && !Phase::Unknown.is_planned());
    }

    #[test]
    fn a_flight_whose_mission_ended_has_flown() {
        let flight = |net: i64, end: Option<i64>| Flight {
            launch: Some(launch(
                Some(status("Go")),
                Some(after(net)),
                Some(precision(1)),
            )),
            mission_end: end.map(after),
            ..Flight::default()
        };
        assert_eq!(
            flight_phase(&flight(-DAY, Some(-HOUR)), now()),
            Phase::Flown
        );
        assert_eq!(
            flight_phase(&flight(-DAY, Some(HOUR)), now()),
            Phase::AwaitingStatus
        );
        assert_eq!(
            flight_phase(&flight(-DAY, None), now()),
            Phase::AwaitingStatus
        );
        // An end before the launch proves nothing.
        assert_eq!(
            flight_phase(&flight(DAY, Some(-HOUR)), now()),
            Phase::Planned
        );
        assert_eq!(flight_phase(&Flight::default(), now()), Phase::Unknown);
    }

    #[test]
    fn the_interval_spans_what_is_known() {
        let span = |p: i64, net: &str| {
            let r = Net::of(&launch(None, Some(ts(net)), Some(precision(p))))
                .interval()
                .unwrap();
            (r.start.to_string(), r.end.to_string())
        };
        let is = |a: &str, b: &str| (a.to_string(), b.to_string());
        let at = "2027-02-17T14:30:07Z";
        assert_eq!(
            span(0, at),
            is("2027-02-17T14:30:07Z", "2027-02-17T14:30:08Z")
        );
        assert_eq!(
            span(1, at),
            is("2027-02-17T14:30:00Z", "2027-02-17T14:31:00Z")
        );
        assert_eq!(
            span(2, at),
            is("2027-02-17T14:00:00Z", "2027-02-17T15:00:00Z")
        );
        assert_eq!(
            span(3, at),
            is("2027-02-17T02:30:07Z", "2027-02-18T02:30:07Z")
        );
        assert_eq!(
            span(5, at),
            is("2027-02-17T00:00:00Z", "2027-02-18T00:00:00Z")
        );
        assert_eq!(
            span(6, at),
            is("2027-02-15T00:00:00Z", "2027-02-22T00:00:00Z")
        );
        assert_eq!(
            span(7, at),
            is("2027-02-01T00:00:00Z", "2027-03-01T00:00:00Z")
        );
        assert_eq!(
            span(8, at),
            is("2027-01-01T00:00:00Z", "2027-04-01T00:00:00Z")
        );
        let q4 = "2027-11-15T00:00:00Z";
        assert_eq!(
            span(11, q4),
            is("2027-10-01T00:00:00Z", "2028-01-01T00:00:00Z")
        );
        assert_eq!(
            span(13, q4),
            is("2027-07-01T00:00:00Z", "2028-01-01T00:00:00Z")
        );
        assert_eq!(
            span(14, at),
            is("2027-01-01T00:00:00Z", "2028-01-01T00:00:00Z")
        );
        assert_eq!(
            span(15, at),
            is("2026-10-01T00:00:00Z", "2027-10-01T00:00:00Z")
        );
        assert_eq!(
            span(16, at),
            is("2020-01-01T00:00:00Z", "2030-01-01T00:00:00Z")
        );
        // A named quarter the date contradicts spans the year.
        assert_eq!(
            span(9, at),
            is("2027-01-01T00:00:00Z", "2028-01-01T00:00:00Z")
        );
        assert_eq!(
            Net::of(&launch(None, None, Some(precision(1)))).interval(),
            None
        );
    }

    #[test]
    fn the_limits_of_time_do_not_panic() {
        let one = SignedDuration::from_secs(1);
        let edges = [
            Timestamp::MIN,
            Timestamp::MIN.checked_add(one).unwrap(),
            Timestamp::MAX.checked_sub(one).unwrap(),
            Timestamp::MAX,
        ];
        let precisions = (0..=16)
            .map(|id| Some(precision(id)))
            .chain([None, Some(named(Some(i64::from(i32::MIN)), None, None))]);
        for p in precisions {
            for net in edges {
                for clock in edges.into_iter().chain([now()]) {
                    for s in [
                        status("Go"),
                        status("Hold"),
                        named(Some(i64::MAX), None, None),
                    ] {
                        let l = launch(Some(s), Some(net), p.clone());
                        let n = Net::of(&l);
                        assert!(n.to_string().starts_with("NET "));
                        let r = n.interval().unwrap();
                        assert!(r.start <= r.end, "{n}: {r:?}");
                        let c = countdown(&l, clock);
                        assert!(!c.to_string().contains("T--"), "{n} at {clock}: {c}");
                        let _ = phase(&l, clock);
                    }
                }
            }
        }
        assert_eq!(
            Countdown::Ticking {
                remaining: SignedDuration::MIN
            }
            .to_string(),
            "T-00:00:00"
        );
        assert!(Countdown::Ticking {
            remaining: SignedDuration::MAX
        }
        .to_string()
        .starts_with("T-"));
    }
}
