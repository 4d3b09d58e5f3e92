//! ISO 8601 durations as the API sends them (`P0D`, `PT2M`, `P48DT13S`,
//! `P7DT20H43M24S`), parsed with jiff, kept as whole seconds so they sort.

use jiff::{Span, SpanRelativeTo, Unit};
use serde::{Serialize, Serializer};
use std::fmt;

/// A non-calendar duration in whole seconds. Days are 24 hours, as the API means them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Dur(i64);

impl Dur {
    pub const ZERO: Dur = Dur(0);

    pub fn from_secs(secs: i64) -> Self {
        Dur(secs)
    }

    pub fn secs(self) -> i64 {
        self.0
    }

    /// Parses an ISO 8601 duration. Years and months (which the API does not
    /// use) are measured from 1970-01-01 so that such a value still parses.
    pub fn parse(text: &str) -> Option<Dur> {
        let text = text.trim();
        // jiff also reads "7 days"; the API's values are ISO 8601 only.
        if !text.trim_start_matches(['-', '+']).starts_with(['P', 'p']) {
            return None;
        }
        let span: Span = text.parse().ok()?;
        let secs = if span.get_years() != 0 || span.get_months() != 0 {
            span.total((Unit::Second, jiff::civil::date(1970, 1, 1)))
                .ok()?
        } else {
            span.total((Unit::Second, SpanRelativeTo::days_are_24_hours()))
                .ok()?
        };
        Some(Dur(secs.round() as i64))
    }

    /// Unsigned, so that even `i64::MIN` seconds has a size to print.
    fn sign_and_size(self) -> (&'static str, u64) {
        (if self.0 < 0 { "-" } else { "" }, self.0.unsigned_abs())
    }

    /// The ISO 8601 form, normalised to days/hours/minutes/seconds (`P187DT20H42M7S`).
    pub fn to_iso(self) -> String {
        if self.0 == 0 {
            return "P0D".to_string();
        }
        let (sign, s) = self.sign_and_size();
        let (d, h, m, sec) = (s / 86_400, s / 3600 % 24, s / 60 % 60, s % 60);
        let mut out = format!("{sign}P");
        if d > 0 {
            out += &format!("{d}D");
        }
        if h > 0 || m > 0 || sec > 0 {
            out.push('T');
            for (v, u) in [(h, 'H'), (m, 'M'), (sec, 'S')] {
                if v > 0 {
                    out += &format!("{v}{u}");
                }
            }
        }
        out
    }

    /// For people: the two largest non-zero units (`187d 20h`, `47m 18s`, `2m`, `0s`).
    pub fn human(self) -> String {
        let (sign, s) = self.sign_and_size();
        let parts = [
            (s / 86_400, "d"),
            (s / 3600 % 24, "h"),
            (s / 60 % 60, "m"),
            (s % 60, "s"),
        ];
        let Some(first) = parts.iter().position(|(v, _)| *v > 0) else {
            return "0s".to_string();
        };
        let mut out = String::from(sign);
        for (i, (v, unit)) in parts.iter().enumerate().skip(first).take(2) {
            if *v == 0 {
                continue;
            }
            if i > first {
                out.push(' ');
            }
            out += &format!("{v}{unit}");
        }
        out
    }
}

impl fmt::Display for Dur {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.human())
    }
}

impl Serialize for Dur {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_iso())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_forms_the_api_sends() {
        assert_eq!(Dur::parse("P0D"), Some(Dur(0)));
        assert_eq!(Dur::parse("PT2M"), Some(Dur(120)));
        assert_eq!(Dur::parse("PT47M18S"), Some(Dur(47 * 60 + 18)));
        assert_eq!(Dur::parse("P48DT13S"), Some(Dur(48 * 86_400 + 13)));
        assert_eq!(
            Dur::parse("P7DT20H43M24S"),
            Some(Dur(7 * 86_400 + 20 * 3600 + 43 * 60 + 24))
        );
        assert_eq!(
            Dur::parse("P187DT20H42M7S"),
            Some(Dur(187 * 86_400 + 20 * 3600 + 42 * 60 + 7))
        );
    }

    #[test]
    fn rejects_garbage() {
        for bad in ["", "P", "7 days", "PT", "null", "P1X"] {
            assert_eq!(Dur::parse(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn sorts_by_length() {
        let mut v: Vec<Dur> = ["P1D", "PT2M", "P0D", "PT23H59M"]
            .iter()
            .filter_map(|s| Dur::parse(s))
            .collect();
        v.sort();
        let iso: Vec<String> = v.iter().map(|d| d.to_iso()).collect();
        assert_eq!(iso, ["P0D", "PT2M", "PT23H59M", "P1D"]);
    }

    #[test]
    fn human_form_shows_two_largest_units() {
        let h = |s: &str| Dur::parse(s).map(|d| d.human());
        assert_eq!(h("P187DT20H42M7S").as_deref(), Some("187d 20h"));
        assert_eq!(h("PT47M18S").as_deref(), Some("47m 18s"));
        assert_eq!(h("PT2M").as_deref(), Some("2m"));
        assert_eq!(h("P0D").as_deref(), Some("0s"));
        assert_eq!(h("P48DT13S").as_deref(), Some("48d"));
        assert_eq!(h("PT4H24M").as_deref(), Some("4h 24m"));
    }

    #[test]
    fn the_largest_durations_print() {
        let limits = [
            "P7304484D",
            "-P7304484D",
            "PT631107417600S",
            "-PT631107417600S",
        ];
        for iso in limits {
            let d = Dur::parse(iso).unwrap();
            assert_eq!(Dur::parse(&d.to_iso()), Some(d), "{iso}");
        }
        assert_eq!(
            Dur::parse("P7304484D").map(Dur::human).as_deref(),
            Some("7304484d")
        );
        for secs in [i64::MIN, i64::MAX, i64::MIN + 1] {
            let d = Dur::from_secs(secs);
            assert!(!d.human().is_empty() && d.to_iso().contains('P'), "{secs}");
        }
        assert_eq!(Dur::from_secs(i64::MIN).human(), "-106751991167300d 15h");
    }

    #[test]
    fn iso_round_trips() {
        for s in ["P0D", "PT2M", "P48DT13S", "P7DT20H43M24S", "P4DT23H7M2S"] {
            assert_eq!(Dur::parse(s).map(|d| d.to_iso()).as_deref(), Some(s));
        }
    }
}
