//! A space station's docking history as a pure function: stays in, one row
//! per port out, all on one time axis, so a person sees which vehicles
//! shared the station and when.

use super::timeline::{year_marks, Axis};
use jiff::Timestamp;

/// One docking: who stayed at which port, and when.
#[derive(Debug, Clone, PartialEq)]
pub struct Stay {
    pub port: Option<String>,
    pub vehicle: String,
    pub docked: Option<Timestamp>,
    /// `None`: still docked.
    pub departed: Option<Timestamp>,
    /// The visiting spacecraft flight, when known.
    pub flight: Option<u64>,
}

/// A stay's span on its port's row, in columns `0..width`, inclusive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    /// Index into the stays given to [`layout`].
    pub stay: usize,
    pub start: u16,
    pub end: u16,
    /// Still docked: the span runs to "now".
    pub ongoing: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The port's name, or "unknown port".
    pub port: String,
    pub spans: Vec<Span>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PortChart {
    pub start: Timestamp,
    pub end: Timestamp,
    pub width: u16,
    pub years: Vec<(u16, i16)>,
    /// Ports in the order of their first docking.
    pub rows: Vec<Row>,
    /// Stays without a docking date, which have no place on the axis.
    pub undated: usize,
}

/// Rows the chart takes: one per port with a dated stay, and the axis.
pub fn height(stays: &[Stay]) -> usize {
    let mut ports: Vec<String> = stays
        .iter()
        .filter(|s| s.docked.is_some())
        .map(port_name)
        .collect();
    ports.sort();
    ports.dedup();
    if ports.is_empty() {
        0
    } else {
        ports.len() + 1
    }
}

/// The name of a stay's row.
fn port_name(stay: &Stay) -> String {
    stay.port
        .clone()
        .filter(|p| !p.trim().is_empty())
        .unwrap_or_else(|| "unknown port".to_string())
}

/// Lays `stays` out on `width` columns, from the first docking to the last
/// departure (or `now` while a vehicle is docked). `None` when no stay has
/// a docking date.
pub fn layout(stays: &[Stay], width: u16, now: Timestamp) -> Option<PortChart> {
    let width = width.max(1);
    // A departure before its docking is read as an instant at the docking.
    let until = |s: &Stay, docked: Timestamp| s.departed.unwrap_or(now).max(docked);
    let dated: Vec<(usize, Timestamp)> = stays
        .iter()
        .enumerate()
        .filter_map(|(i, s)| Some((i, s.docked?)))
        .collect();
    let start = dated.iter().map(|(_, d)| *d).min()?;
    let end = dated
        .iter()
        .map(|&(i, d)| until(&stays[i], d))
        .max()
        .unwrap_or(start);
    let axis = Axis::new(start, end, width)?;
    let (start, end) = (axis.start, axis.end);
    let col = |t: Timestamp| axis.col(t);
    let mut order: Vec<(usize, Timestamp)> = dated.clone();
    order.sort_by_key(|&(i, d)| (d, i));
    let mut rows: Vec<Row> = Vec::new();
    for (i, docked) in order {
        let stay = &stays[i];
        let name = port_name(stay);
        let span = Span {
            stay: i,
            start: col(docked),
            end: col(until(stay, docked)),
            ongoing: stay.departed.is_none(),
        };
        match rows.iter_mut().find(|r| r.port == name) {
            Some(row) => row.spans.push(span),
            None => rows.push(Row {
                port: name,
                spans: vec![span],
            }),
        }
    }
    Some(PortChart {
        start,
        end,
        width,
        years: year_marks(start, end, width),
        rows,
        undated: stays.len() - dated.len(),
    })
}

/// The chart as text `width` columns wide: a row per port (its name, then
/// its stays, neighbours in alternating shades so that back-to-back stays
/// stay apart) and the axis with its years. As many rows as [`height`].
pub fn text(stays: &[Stay], width: u16, now: Timestamp) -> Vec<String> {
    let label = usize::from(width / 3).clamp(1, 18);
    let room = u16::try_from(usize::from(width).saturating_sub(label + 1)).unwrap_or(0);
    let Some(chart) = layout(stays, room.max(1), now) else {
        return Vec::new();
    };
    let cells = usize::from(chart.width);
    let mut out: Vec<String> = chart
        .rows
        .iter()
        .map(|row| {
            let mut line = vec![' '; cells];
            for (k, span) in row.spans.iter().enumerate() {
                let shade = if k % 2 == 0 { '█' } else { '▓' };
                for cell in &mut line[usize::from(span.start)..=usize::from(span.end)] {
                    *cell = shade;
                }
            }
            let name = super::truncate(&row.port, label);
            let pad = label.saturating_sub(unicode_width::UnicodeWidthStr::width(name.as_str()));
            format!(
                "{name}{} {}",
                " ".repeat(pad),
                line.into_iter().collect::<String>()
            )
        })
        .collect();
    let mut axis = vec![' '; cells];
    for (column, year) in &chart.years {
        for (k, c) in year.to_string().chars().enumerate() {
            if let Some(cell) = axis.get_mut(usize::from(*column) + k) {
                *cell = c;
            }
        }
    }
    out.push(format!(
        "{} {}",
        " ".repeat(label),
        axis.into_iter().collect::<String>()
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ts(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    fn stay(
        port: Option<&str>,
        vehicle: &str,
        docked: Option<&str>,
        departed: Option<&str>,
    ) -> Stay {
        Stay {
            port: port.map(str::to_string),
            vehicle: vehicle.to_string(),
            docked: docked.map(ts),
            departed: departed.map(ts),
            flight: None,
        }
    }

    const NOW: &str = "2026-11-23T00:00:00Z";

    #[test]
    fn one_row_per_port_in_the_order_of_first_docking() {
        let stays = [
            stay(
                Some("Zvezda aft"),
                "Progress MS-20",
                Some("2022-06-03T00:00:00Z"),
                Some("2022-10-23T00:00:00Z"),
            ),
            stay(
                Some("Harmony forward"),
                "Crew-4",
                Some("2022-04-28T00:00:00Z"),
                Some("2022-10-14T00:00:00Z"),
            ),
            stay(
                Some("Zvezda aft"),
                "Progress MS-21",
                Some("2023-02-01T00:00:00Z"),
                None,
            ),
            stay(
                None,
                "Mystery",
                Some("2022-05-01T00:00:00Z"),
                Some("2022-05-02T00:00:00Z"),
            ),
            stay(Some("Harmony forward"), "no date", None, None),
        ];
        let chart = layout(&stays, 101, ts(NOW)).unwrap();
        let ports: Vec<&str> = chart.rows.iter().map(|r| r.port.as_str()).collect();
        assert_eq!(ports, ["Harmony forward", "unknown port", "Zvezda aft"]);
        assert_eq!(chart.undated, 1);
        assert_eq!(chart.start, ts("2022-04-28T00:00:00Z"));
        assert_eq!(
            chart.end,
            ts(NOW),
            "a vehicle still docked runs the axis to now"
        );
        let zvezda = &chart.rows[2].spans;
        assert_eq!(zvezda.iter().map(|s| s.stay).collect::<Vec<_>>(), [0, 2]);
        assert!(
            zvezda[0].end < zvezda[1].start,
            "two stays, one after the other"
        );
        assert_eq!((zvezda[1].end, zvezda[1].ongoing), (100, true));
        assert_eq!(chart.rows[0].spans[0].start, 0);
        // Every column is inside the axis.
        for row in &chart.rows {
            for s in &row.spans {
                assert!(s.start <= s.end && s.end < 101, "{s:?}");
            }
        }
    }

    #[test]
    fn the_text_has_a_row_per_port_and_an_axis_within_its_width() {
        let stays = [
            stay(
                Some("Zvezda aft"),
                "Progress MS-20",
                Some("2022-06-03T00:00:00Z"),
                Some("2022-10-23T00:00:00Z"),
            ),
            stay(
                Some("Zvezda aft"),
                "Progress MS-21",
                Some("2023-02-01T00:00:00Z"),
                None,
            ),
            stay(
                Some("Harmony forward"),
                "Crew-4",
                Some("2022-04-28T00:00:00Z"),
                Some("2022-10-14T00:00:00Z"),
            ),
        ];
        for width in [0u16, 1, 10, 40, 80, 200] {
            let rows = text(&stays, width, ts(NOW));
            assert_eq!(rows.len(), height(&stays), "{width}");
            for row in &rows {
                assert!(
                    unicode_width::UnicodeWidthStr::width(row.as_str())
                        <= usize::from(width).max(3),
                    "{width}: {row:?}"
                );
            }
        }
        let rows = text(&stays, 80, ts(NOW));
        assert!(rows[0].starts_with("Harmony forward"), "{rows:?}");
        assert!(
            rows[1].contains('█') && rows[1].contains('▓'),
            "two stays, two shades: {rows:?}"
        );
        assert!(
            rows[2].contains("2023") && rows[2].contains("2025"),
            "{rows:?}"
        );
    }

    #[test]
    fn nothing_dated_draws_nothing() {
        assert_eq!(layout(&[], 80, ts(NOW)), None);
        assert_eq!(
            layout(&[stay(Some("p"), "v", None, None)], 80, ts(NOW)),
            None
        );
    }

    #[test]
    fn odd_dates_and_widths_stay_inside_the_axis() {
        let stays = [
            // Departed before it docked: an instant at the docking.
            stay(
                Some("a"),
                "v",
                Some("2020-01-02T00:00:00Z"),
                Some("2020-01-01T00:00:00Z"),
            ),
            Stay {
                docked: Some(Timestamp::MIN),
                departed: Some(Timestamp::MAX),
                ..stay(Some("b"), "w", None, None)
            },
        ];
        for width in [0, 1, 2, 30, 200, u16::MAX] {
            let chart = layout(&stays, width, ts(NOW)).unwrap();
            for row in &chart.rows {
                for s in &row.spans {
                    assert!(s.start <= s.end && s.end < chart.width, "{width}: {s:?}");
                }
            }
        }
        // A single instant still gets an axis.
        let one = layout(&stays[..1], 40, ts("2020-01-02T00:00:00Z")).unwrap();
        assert!(one.end > one.start);
        let last = Stay {
            docked: Some(Timestamp::MAX),
            departed: Some(Timestamp::MAX),
            ..stay(Some("c"), "x", None, None)
        };
        let at_the_end = layout(&[last], 40, Timestamp::MAX).unwrap();
        assert!(at_the_end.end > at_the_end.start);
    }
}
