//! The flight timeline as a pure function: flights and a width in, columns
//! out. Every flight gets its own row, so nothing overlaps however many
//! flights a spacecraft has; all rows share one time axis, so the gaps
//! between bars are the turnarounds.

use super::net::{flight_phase, Net};
use super::truncate;
use crate::api::Flight;
use jiff::{SignedDuration, Timestamp};
use unicode_width::UnicodeWidthStr;

/// One flight's bar, in columns `0..width`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bar {
    /// Index into the flights given to [`layout`].
    pub flight: usize,
    pub start: u16,
    /// Inclusive; equal to `start` for a flight shorter than a column.
    pub end: u16,
    /// Docked spans, inclusive, inside `start..=end`.
    pub docked: Vec<(u16, u16)>,
    /// Still flying: the bar runs to "now".
    pub ongoing: bool,
    /// Neither an end nor a duration is known: only the launch is drawn.
    pub open_ended: bool,
    /// Not launched ([`super::net::Phase::is_planned`]): the bar spans what
    /// the NET's precision allows (a day, a month, a quarter), from the NET.
    pub planned: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timeline {
    pub start: Timestamp,
    pub end: Timestamp,
    pub width: u16,
    /// `(column, year)` for the years labelled on the axis, far enough apart to read.
    pub years: Vec<(u16, i16)>,
    /// One per flight with a known launch, in the order given.
    pub bars: Vec<Bar>,
}

/// A flight whose launch plus its duration is past what a timestamp can
/// hold: the API has sent durations of 20,000 years.
struct OutOfRange;

/// When a flight ended, or `None` while it is still flying or unknown.
fn flight_end(f: &Flight) -> Result<Option<Timestamp>, OutOfRange> {
    if f.mission_end.is_some() {
        return Ok(f.mission_end);
    }
    let (Some(launch), Some(duration)) = (f.launch_time(), f.duration) else {
        return Ok(None);
    };
    launch
        .checked_add(SignedDuration::from_secs(duration.secs()))
        .map(Some)
        .map_err(|_| OutOfRange)
}

fn is_planned(f: &Flight, now: Timestamp) -> bool {
    flight_phase(f, now).is_planned()
}

/// A flight with no end is ongoing when its spacecraft may still be in
/// space and it is the last flight flown (planned ones may follow); an
/// older one just lacks the data.
fn is_ongoing(flights: &[Flight], i: usize, in_space: Option<bool>, now: Timestamp) -> bool {
    !is_planned(&flights[i], now)
        && matches!(flight_end(&flights[i]), Ok(None))
        && in_space != Some(false)
        && flights[i + 1..].iter().all(|f| is_planned(f, now))
}

/// What a bar is drawn from: the launch, where the bar stops (`None` when
/// only the launch is known) and whether it runs to `now`; a planned
/// flight's is the span its NET may fall in. `None` for a flight that gets
/// no bar.
fn span(
    flights: &[Flight],
    i: usize,
    now: Timestamp,
    in_space: Option<bool>,
) -> Option<(Timestamp, Option<Timestamp>, bool)> {
    if is_planned(&flights[i], now) {
        let within = Net::of(flights[i].launch.as_ref()?).interval()?;
        // The span is half-open: its last instant is a second before its end.
        let last = within.end.checked_sub(SignedDuration::from_secs(1)).ok()?;
        return Some((within.start, Some(last.max(within.start)), false));
    }
    let launch = flights[i].launch_time()?;
    let ongoing = is_ongoing(flights, i, in_space, now);
    let stop = if ongoing {
        Some(now)
    } else {
        flight_end(&flights[i]).ok()?
    };
    Some((launch, stop, ongoing))
}

/// A launch's name (`Rocket | Mission`) in `width` columns: whole where it
/// fits, else its mission, the part that differs from row to row (the
/// rocket is in the flight's detail), cut with `…` if even that is too wide.
pub fn launch_name(name: &str, width: usize) -> String {
    if name.width() <= width {
        return name.to_string();
    }
    let mission = name
        .split_once('|')
        .map(|(_, mission)| mission.trim())
        .filter(|mission| !mission.is_empty());
    truncate(mission.unwrap_or(name), width)
}

/// Why a flight has no bar in [`layout`], for the row that shows none.
pub fn why_no_bar(f: &Flight) -> &'static str {
    if f.launch_time().is_none() {
        "no launch date"
    } else {
        "dates out of range"
    }
}

/// Lays out `flights` (in launch order) on `width` columns, from the first
/// launch to the last landing, or to `now` if a flight is still going.
/// Flights without a launch time, or whose dates cannot be computed, get no
/// bar ([`why_no_bar`] says which). `None` when no flight has a bar.
pub fn layout(
    flights: &[Flight],
    width: u16,
    now: Timestamp,
    in_space: Option<bool>,
) -> Option<Timeline> {
    let width = width.max(1);
    let mut start: Option<Timestamp> = None;
    let mut end: Option<Timestamp> = None;
    for (i, f) in flights.iter().enumerate() {
        let Some((launch, stop, _)) = span(flights, i, now, in_space) else {
            continue;
        };
        let last = stop.unwrap_or(launch).max(launch);
        let docked_end = f
            .docking_events
            .iter()
            .filter_map(|e| e.departure.or(e.docking))
            .max();
        start = Some(start.map_or(launch, |s| s.min(launch)));
        end = Some(
            end.map_or(last, |e| e.max(last))
                .max(docked_end.unwrap_or(last)),
        );
    }
    let axis = Axis::new(start?, end?, width)?;
    let (start, end) = (axis.start, axis.end);
    let col = |t: Timestamp| axis.col(t);
    let bars = flights
        .iter()
        .enumerate()
        .filter_map(|(i, f)| {
            let (launch, stop, ongoing) = span(flights, i, now, in_space)?;
            let from = col(launch);
            let to = stop.map_or(from, |s| col(s.max(launch)));
            let planned = is_planned(f, now);
            let docked = f
                .docking_events
                .iter()
                .filter(|_| !planned)
                .filter_map(|e| {
                    let a = e.docking?;
                    let b = e
                        .departure
                        .unwrap_or(if ongoing { now } else { stop.unwrap_or(a) });
                    let (a, b) = (col(a).clamp(from, to), col(b.max(a)).clamp(from, to));
                    Some((a, b))
                })
                .collect();
            Some(Bar {
                flight: i,
                start: from,
                end: to,
                docked,
                ongoing,
                open_ended: stop.is_none(),
                planned,
            })
        })
        .collect();
    Some(Timeline {
        start,
        end,
        width,
        years: year_marks(start, end, width),
        bars,
    })
}

/// A time axis mapped onto columns `0..width`.
pub(crate) struct Axis {
    pub start: Timestamp,
    pub end: Timestamp,
    width: u16,
}

impl Axis {
    /// `None` only when no span fits around `start` (it cannot happen
    /// inside a timestamp's range, but nothing here panics on it).
    pub fn new(start: Timestamp, end: Timestamp, width: u16) -> Option<Axis> {
        let (mut start, mut end) = (start, end);
        if end <= start {
            // A single instant still needs a span to map onto; at the end of
            // time the day reaches back instead.
            let day = SignedDuration::from_hours(24);
            (start, end) = match start.checked_add(day) {
                Ok(later) => (start, later),
                Err(_) => (start.checked_sub(day).ok()?, start),
            };
        }
        Some(Axis {
            start,
            end,
            width: width.max(1),
        })
    }

    /// The column of `t`, held inside the axis.
    pub fn col(&self, t: Timestamp) -> u16 {
        let span = self.end.duration_since(self.start).as_secs_f64();
        let x = t.duration_since(self.start).as_secs_f64() / span * f64::from(self.width - 1);
        x.round().clamp(0.0, f64::from(self.width - 1)) as u16
    }
}

/// Year labels every 1, 2, 5, 10… years, so that labels (4 digits and a gap)
/// never touch, up to the 20,000 years a timestamp spans.
pub(crate) fn year_marks(start: Timestamp, end: Timestamp, width: u16) -> Vec<(u16, i16)> {
    let tz = jiff::tz::TimeZone::UTC;
    let first = start.to_zoned(tz.clone()).year();
    let last = end.to_zoned(tz.clone()).year();
    let span = end.duration_since(start).as_secs_f64().max(1.0);
    let years = f64::from(last - first + 1);
    let step = [
        1i16, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000,
    ]
    .into_iter()
    .find(|s| f64::from(width) / (years / f64::from(*s)) >= 6.0)
    .unwrap_or(10000);
    let mut marks = Vec::new();
    // The first multiple of `step` after the first year.
    let mut year = (first.div_euclid(step) + 1) * step;
    while year <= last {
        if let Ok(at) = jiff::civil::Date::new(year, 1, 1).and_then(|d| d.to_zoned(tz.clone())) {
            let x =
                at.timestamp().duration_since(start).as_secs_f64() / span * f64::from(width - 1);
            let column = x.round() as u16;
            // Room for the 4-digit label inside the axis.
            if u32::from(column) + 4 <= u32::from(width) {
                marks.push((column, year));
            }
        }
        let Some(next) = year.checked_add(step) else {
            break;
        };
        year = next;
    }
    if marks.is_empty() && width >= 4 {
        marks.push((0, first));
    }
    marks
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::models::{DockingEvent, Launch};
    use crate::api::Dur;

    fn ts(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    fn flight(id: u64, launch: Option<&str>, end: Option<&str>) -> Flight {
        Flight {
            id,
            launch: Some(Launch {
                net: launch.map(ts),
                ..Default::default()
            }),
            mission_end: end.map(ts),
            ..Default::default()
        }
    }

    fn now() -> Timestamp {
        ts("2026-11-22T00:00:00Z")
    }

    #[test]
    fn a_launch_name_too_wide_shows_its_mission() {
        let name = "Falcon 9 Block 5 | Crew-9";
        assert_eq!(launch_name(name, 25), name, "whole where it fits");
        assert_eq!(launch_name(name, 24), "Crew-9");
        assert_eq!(launch_name(name, 4), "Cre…");
        assert_eq!(launch_name("Falcon 9 Block 5 | ", 10), "Falcon 9 …");
        assert_eq!(launch_name("Soyuz 7K-OK No.1", 10), "Soyuz 7K-…");
        // By display width: a wide character takes two columns.
        assert_eq!(launch_name("長征二号F | 神舟十四号", 10), "神舟十四号");
        assert_eq!(launch_name("長征二号F | 神舟十四号", 9), "神舟十四…");
    }

    #[test]
    fn no_flights_no_timeline() {
        assert_eq!(layout(&[], 80, now(), None), None);
        assert_eq!(
            layout(&[flight(1, None, None)], 80, now(), Some(false)),
            None
        );
    }

    #[test]
    fn one_flight_spans_the_axis() {
        let f = [flight(
            1,
            Some("2009-05-27T10:34:53Z"),
            Some("2009-12-01T07:17:00Z"),
        )];
        let t = layout(&f, 40, now(), Some(false)).unwrap();
        assert_eq!(t.bars.len(), 1);
        assert_eq!((t.bars[0].start, t.bars[0].end), (0, 39));
        assert!(!t.bars[0].ongoing && !t.bars[0].open_ended);
    }

    #[test]
    fn two_flights_leave_a_gap_for_the_turnaround() {
        let f = [
            flight(
                1,
                Some("2020-01-01T00:00:00Z"),
                Some("2020-03-01T00:00:00Z"),
            ),
            flight(
                2,
                Some("2021-01-01T00:00:00Z"),
                Some("2021-03-01T00:00:00Z"),
            ),
        ];
        let t = layout(&f, 60, now(), Some(false)).unwrap();
        let (a, b) = (&t.bars[0], &t.bars[1]);
        assert_eq!(a.start, 0);
        assert_eq!(b.end, 59);
        assert!(a.end + 10 < b.start, "{a:?} {b:?}");
        assert!(t.years.iter().any(|(_, y)| *y == 2021));
    }

    #[test]
    fn an_ongoing_flight_runs_to_now() {
        let f = [
            flight(
                1,
                Some("2024-01-01T00:00:00Z"),
                Some("2024-06-01T00:00:00Z"),
            ),
            flight(2, Some("2026-08-01T00:00:00Z"), None),
        ];
        let t = layout(&f, 50, now(), Some(true)).unwrap();
        assert_eq!(t.end, now());
        assert!(t.bars[1].ongoing);
        assert_eq!(t.bars[1].end, 49);
        assert!(!t.bars[0].ongoing);
    }

    #[test]
    fn an_old_flight_without_an_end_is_not_ongoing() {
        let f = [
            flight(1, Some("1990-01-01T00:00:00Z"), None),
            flight(
                2,
                Some("1991-01-01T00:00:00Z"),
                Some("1991-02-01T00:00:00Z"),
            ),
        ];
        let t = layout(&f, 40, now(), Some(false)).unwrap();
        assert!(t.bars[0].open_ended && !t.bars[0].ongoing);
        assert_eq!(t.bars[0].start, t.bars[0].end);
        assert_eq!(t.end, ts("1991-02-01T00:00:00Z"));
    }

    #[test]
    fn a_duration_gives_the_end_when_mission_end_is_missing() {
        let mut f = flight(1, Some("2020-01-01T00:00:00Z"), None);
        f.duration = Dur::parse("P10D");
        let t = layout(&[f], 30, now(), Some(false)).unwrap();
        assert_eq!(t.end, ts("2020-01-11T00:00:00Z"));
        assert_eq!(t.bars[0].end, 29);
    }

    #[test]
    fn docked_spans_sit_inside_their_bar() {
        let mut f = flight(
            1,
            Some("2009-05-27T10:34:53Z"),
            Some("2009-12-01T07:17:00Z"),
        );
        f.docking_events.push(DockingEvent {
            docking: Some(ts("2009-05-29T12:43:00Z")),
            departure: Some(ts("2009-12-01T03:56:00Z")),
            ..Default::default()
        });
        let t = layout(&[f], 100, now(), Some(false)).unwrap();
        let bar = &t.bars[0];
        assert_eq!(bar.docked.len(), 1);
        let (a, b) = bar.docked[0];
        assert!(a >= bar.start && b <= bar.end && a < b);
        assert!(
            a <= 2 && b >= 97,
            "docked almost all of the flight: {a}..{b}"
        );
    }

    #[test]
    fn overlapping_flights_each_keep_their_row() {
        let f = [
            flight(
                1,
                Some("2020-01-01T00:00:00Z"),
                Some("2020-12-01T00:00:00Z"),
            ),
            flight(
                2,
                Some("2020-06-01T00:00:00Z"),
                Some("2021-06-01T00:00:00Z"),
            ),
            flight(3, None, None),
        ];
        let t = layout(&f, 40, now(), Some(false)).unwrap();
        assert_eq!(
            t.bars.iter().map(|b| b.flight).collect::<Vec<_>>(),
            [0, 1],
            "no launch, no bar"
        );
        assert!(
            t.bars[1].start < t.bars[0].end,
            "they overlap in time, on separate rows"
        );
    }

    #[test]
    fn a_flight_whose_end_leaves_the_range_gets_no_bar_and_the_others_keep_theirs() {
        let mut far = flight(1, Some("2000-01-01T00:00:00Z"), None);
        far.duration = Dur::parse("P7304484D");
        let near = flight(
            2,
            Some("2001-01-01T00:00:00Z"),
            Some("2001-02-01T00:00:00Z"),
        );
        let flights = [far, near];
        let t = layout(&flights, 40, now(), Some(false)).unwrap();
        assert_eq!(t.bars.len(), 1);
        assert_eq!(
            (t.bars[0].flight, t.bars[0].start, t.bars[0].end),
            (1, 0, 39)
        );
        assert_eq!(why_no_bar(&flights[0]), "dates out of range");
        assert_eq!(why_no_bar(&flight(3, None, None)), "no launch date");
        assert_eq!(layout(&flights[..1], 40, now(), Some(false)), None);
    }

    #[test]
    fn a_lone_launch_at_the_end_of_time_still_has_a_day_to_map_onto() {
        let last = Timestamp::MAX;
        let f = Flight {
            launch: Some(Launch {
                net: Some(last),
                // Flown: a launch with no status and its NET ahead is planned.
                status: Some(serde_json::from_value(serde_json::json!({"id": 3, "name": "Launch Successful", "abbrev": "Success"})).unwrap()),
                ..Default::default()
            }),
            ..flight(1, None, None)
        };
        let t = layout(&[f], 20, now(), Some(false)).unwrap();
        assert_eq!(t.end, last);
        assert_eq!((t.bars[0].start, t.bars[0].end), (19, 19));
    }

    #[test]
    fn labels_over_twenty_thousand_years_never_touch() {
        let f = [
            flight(1, Some("-009999-06-01T00:00:00Z"), None),
            flight(
                2,
                Some("9999-01-01T00:00:00Z"),
                Some("9999-06-01T00:00:00Z"),
            ),
        ];
        for width in [4u16, 40, 200, u16::MAX] {
            let t = layout(&f, width, now(), Some(false)).unwrap();
            assert!(!t.years.is_empty(), "width {width}");
            for pair in t.years.windows(2) {
                assert!(pair[1].0 >= pair[0].0 + 5, "width {width}: {:?}", t.years);
            }
        }
    }

    #[test]
    fn thirty_flights_fit_every_width_from_30_to_200() {
        let flights: Vec<Flight> = (0..30)
            .map(|i| {
                let year = 1981 + i;
                flight(
                    i as u64 + 1,
                    Some(&format!("{year}-04-12T12:00:00Z")),
                    Some(&format!("{year}-04-20T12:00:00Z")),
                )
            })
            .collect();
        for width in 30..=200u16 {
            let t = layout(&flights, width, now(), Some(false)).unwrap();
            assert_eq!(t.bars.len(), 30);
            for (i, bar) in t.bars.iter().enumerate() {
                assert!(
                    bar.start <= bar.end && bar.end < width,
                    "width {width}: {bar:?}"
                );
                if i > 0 {
                    assert!(bar.start >= t.bars[i - 1].start, "launch order kept");
                }
            }
            for pair in t.years.windows(2) {
                assert!(
                    pair[1].0 >= pair[0].0 + 5,
                    "width {width}: labels touch: {:?}",
                    t.years
                );
            }
            assert!(t.years.iter().all(|(c, _)| c + 4 <= width));
            assert!(!t.years.is_empty(), "width {width}");
        }
    }
}
