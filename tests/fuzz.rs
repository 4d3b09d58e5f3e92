//! Property tests standing in for fuzzing (cargo-fuzz needs a nightly
//! toolchain; this project builds on stable). The corpus is the seed
//! responses: random parts of them are replaced by random JSON.
//!
//! `cargo test --test fuzz` runs 256 cases per property; a longer run:
//! `PROPTEST_CASES=20000 cargo test --release --test fuzz`.

mod common;

use common::asset;
use hangar::api::paging::{parse_page, parse_record};
use hangar::api::sanitize::{clean, clean_line};
use hangar::api::{Dur, Flight, Spacecraft};
use proptest::prelude::*;
use serde_json::Value;

/// Any JSON value, a few levels deep, with strings that include escapes and controls.
fn json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        ".*".prop_map(Value::String),
        "(\\x1b\\[[0-9;]*[A-Za-z]|P[0-9]{1,3}DT[0-9]{1,2}H|[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z|\u{202e}|\u{0}|.)*".prop_map(Value::String),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map("[a-z_]{1,12}", inner, 0..4)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// Every node of a JSON document, as JSON pointers.
fn pointers(value: &Value, at: String, out: &mut Vec<String>) {
    out.push(at.clone());
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                pointers(
                    v,
                    format!("{at}/{}", k.replace('~', "~0").replace('/', "~1")),
                    out,
                );
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                pointers(v, format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
}

/// `document` with the nodes chosen by `picks` replaced by `values`.
fn mutate(document: &Value, picks: &[(prop::sample::Index, Value)]) -> String {
    let mut doc = document.clone();
    for (pick, value) in picks {
        let mut all = Vec::new();
        pointers(&doc, String::new(), &mut all);
        let target = pick.get(&all).clone();
        if target.is_empty() {
            continue;
        }
        if let Some(node) = doc.pointer_mut(&target) {
            *node = value.clone();
        }
    }
    doc.to_string()
}

fn seed(name: &str) -> Value {
    serde_json::from_str(&asset(name)).unwrap()
}

fn assert_clean(s: &str) {
    assert!(
        !s.chars().any(|c| c != '\n' && c.is_control()),
        "control character in {s:?}"
    );
    assert!(
        !s.chars()
            .any(|c| matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')),
        "bidi in {s:?}"
    );
}

proptest! {
    #[test]
    fn any_text_as_a_page_is_parsed_or_refused_without_panic(body in ".*") {
        let _ = parse_page::<Spacecraft>(&body);
        let _ = parse_record::<Flight>(&body);
    }

    #[test]
    fn mutated_catalog_pages_never_panic_and_keep_their_promises(
        picks in prop::collection::vec((any::<prop::sample::Index>(), json()), 1..6),
    ) {
        let document = seed("spacecraft-2.3.0-prod-offset20-ordering-mission_ends_count.json");
        let body = mutate(&document, &picks);
        if let Ok(page) = parse_page::<Spacecraft>(&body) {
            prop_assert!(page.results.len() + page.skipped <= 10 || page.results.iter().all(|s| s.id != 0));
            for s in &page.results {
                prop_assert!(s.id != 0);
                assert_clean(&s.name);
                prop_assert!(!s.name.contains('\n'));
                if let Some(d) = &s.description { assert_clean(d); }
                let _ = hangar::doc::spacecraft(s);
            }
        }
    }

    #[test]
    fn mutated_flights_of_both_versions_never_panic(
        picks in prop::collection::vec((any::<prop::sample::Index>(), json()), 1..6),
        v2 in any::<bool>(),
    ) {
        let name = if v2 { "spacecraft-flight-2.2.0-prod-219.json" } else { "spacecraft_flights-2.3.0-prod-358-detailed.json" };
        let body = mutate(&seed(name), &picks);
        if let Ok(flight) = parse_record::<Flight>(&body) {
            let now = jiff::Timestamp::now();
            let _ = hangar::doc::flight(&flight, now);
            let _ = hangar::doc::timeline::layout(std::slice::from_ref(&flight), 40, now, None);
            let _ = flight.time_docked(now);
        }
    }

    #[test]
    fn any_text_as_a_duration_parses_or_is_none(text in ".*") {
        let _ = Dur::parse(&text);
    }

    #[test]
    fn durations_round_trip(d in 0i64..100_000, h in 0i64..24, m in 0i64..60, s in 0i64..60) {
        let iso = format!("P{d}DT{h}H{m}M{s}S");
        let dur = Dur::parse(&iso).unwrap();
        prop_assert_eq!(dur.secs(), ((d * 24 + h) * 60 + m) * 60 + s);
        prop_assert_eq!(Dur::parse(&dur.to_iso()), Some(dur));
        prop_assert!(!dur.human().is_empty());
    }

    #[test]
    fn the_sanitiser_leaves_nothing_a_terminal_would_act_on(text in "(\\x1b[\\[\\]PX^_]?|\u{9b}|\u{9d}|\\x07|\u{202e}|\u{2066}|\\r|\\n|\\t|.){0,64}") {
        let once = clean(&text);
        assert_clean(&once);
        prop_assert!(!once.contains('\x1b'), "an escape survived");
        prop_assert_eq!(clean(&once), once.clone(), "idempotent");
        let line = clean_line(&text);
        prop_assert!(!line.contains('\n'));
        assert_clean(&line);
    }
}
