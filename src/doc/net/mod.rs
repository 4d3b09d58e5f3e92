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

    /// When, as far as it is known, without the `NET` before it or the
    /// status after it: `2027-02-15`, `Q1 2027`, `unknown`.
    pub fn when(&self) -> String {
        self.period
            .map_or_else(|| "unknown".to_string(), |p| p.to_string())
    }

    /// The status beside it (`Go`, `TBD`, `TBC`, `Hold`, `Success`…), if read.
    pub fn status(&self) -> Option<&'static str> {
        self.status.map(Status::label)
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
mod tests;
