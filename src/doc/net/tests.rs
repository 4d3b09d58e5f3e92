//! The NET forms, countdowns and spans on a fixed clock.

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
