//! Responses generated from the API's own schema, with every value pushed to
//! what the schema still allows and a little past it: integers at the ends of
//! i64 and beyond, durations of 20,000 years either way, the first and last
//! date-times, empty and very long strings, nulls wherever a field is
//! nullable, optional fields left out, Cyrillic, CJK, emoji, control
//! characters and terminal escapes. Each response goes through the parsers,
//! the timeline, the describer and every pane; nothing may panic, and no
//! control character may reach the screen or the CLI's text.
//!
//! The generator walks `schema/ll2-2.3.0-components.json`: the components of
//! the published 2.3.0 schema that the endpoints hangar reads return,
//! trimmed to types and limits by `schema/trim.py`. Walking the schema
//! (rather than writing each shape by hand) covers all 98 components and
//! their 860-odd fields, and follows the schema when it is trimmed again.
//!
//! Astronauts, space stations, docking events and launches (issue 12) have
//! no pane yet: they go through their parsers and every method of their
//! models, their flights through the timeline, the describer and the CLI,
//! and every string they hold must be inert.
//!
//! `cargo test --test schema_limits` runs 24 cases per endpoint (about 10 s
//! of CPU in a debug build); a longer run, 95 s here:
//! `PROPTEST_CASES=300 cargo test --test schema_limits`.

mod common;

use common::{assert_inert, every_pane, render, showing};
use hangar::api::paging::{parse_page, parse_record};
use hangar::api::{Astronaut, DockingEvent, Flight, Launch, SpaceStation, Spacecraft};
use hangar::data::store::{Fetched, Listing, Origin, Record};
use jiff::Timestamp;
use proptest::prelude::*;
use proptest::strategy::Union;
use serde_json::{Map, Value};
use std::cell::Cell;
use std::sync::OnceLock;

fn components() -> &'static Map<String, Value> {
    static COMPONENTS: OnceLock<Map<String, Value>> = OnceLock::new();
    COMPONENTS.get_or_init(|| {
        serde_json::from_str(include_str!("schema/ll2-2.3.0-components.json"))
            .expect("the trimmed schema is JSON")
    })
}

/// Fields the schema calls plain strings that hold ISO 8601 durations.
const DURATIONS: [&str; 5] = [
    "duration",
    "turn_around_time",
    "time_in_space",
    "time_docked",
    "fastest_turnaround",
];

fn integer() -> BoxedStrategy<Value> {
    prop_oneof![
        4 => prop::sample::select(vec![
            Value::from(i64::MIN),
            Value::from(i64::MAX),
            Value::from(0),
            Value::from(-1),
            Value::from(1),
            // The schema's own limits for 32-bit fields.
            Value::from(i64::from(i32::MIN)),
            Value::from(i64::from(i32::MAX)),
            // Past i64: 2^63, u64::MAX, and past u64 (read as a float).
            Value::from(1u64 << 63),
            Value::from(u64::MAX),
            Value::from(1e20),
            Value::from(-1e20),
        ]),
        1 => any::<i64>().prop_map(Value::from),
    ]
    .boxed()
}

/// Ids mostly readable, so that most records reach the panes; the others
/// at the same limits as any integer.
fn id() -> BoxedStrategy<Value> {
    prop_oneof![
        3 => prop_oneof![Just(1i64), Just(i64::MAX), 1..=i64::MAX].prop_map(Value::from),
        1 => integer(),
    ]
    .boxed()
}

fn number() -> BoxedStrategy<Value> {
    prop_oneof![
        prop::sample::select(vec![
            f64::MAX,
            f64::MIN,
            0.0,
            -0.0,
            f64::MIN_POSITIVE,
            5e-324,
            -1e300
        ]),
        any::<f64>(),
    ]
    .prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number))
    .boxed()
}

/// Text as people and attackers write it.
fn text(max_length: Option<usize>) -> BoxedStrategy<String> {
    let samples = prop::sample::select(vec![
        "",
        " ",
        "Soyuz MS-19",
        "Восток-1 (Союз)",
        "神舟十号 天宫",
        "🚀 👩‍🚀 🇷🇺 🛰️",
        "e\u{301} a\u{20dd} \u{200b}\u{feff}",
        "tab\there\r\nnul\u{0}bell\u{7}back\u{8}del\u{7f}",
        "\u{1b}[2J\u{1b}[31mPWNED\u{1b}[0m",
        "\u{1b}]0;title\u{7}after",
        "\u{1b}]8;;http://evil.invalid\u{1b}\\link\u{1b}]8;;\u{1b}\\",
        "\u{9b}31m\u{9d}0;c1\u{9c}\u{85}",
        "\u{202e}evil\u{2066}isolate\u{2069}",
        "\u{1b}P+q\u{1b}\\ \u{1b}c \u{1b}(0",
    ]);
    let long = (
        prop::sample::select(vec!["a", "神", "🚀", "\u{1b}[1m", "\u{301}", "word "]),
        2_000..30_000usize,
    )
        .prop_map(|(piece, n)| piece.repeat(n / piece.len().max(1)));
    let mut choices: Vec<(u32, BoxedStrategy<String>)> = vec![
        (24, samples.prop_map(str::to_string).boxed()),
        (8, ".{0,40}".boxed()),
        (1, long.boxed()),
    ];
    if let Some(max) = max_length {
        choices.push((1, Just("x".repeat(max)).boxed()));
    }
    Union::new_weighted(choices).boxed()
}

fn string(schema: &Value, field: &str) -> BoxedStrategy<Value> {
    let max_length = schema["maxLength"].as_u64().map(|m| m as usize);
    let strings = match schema["format"].as_str() {
        _ if DURATIONS.contains(&field) => prop_oneof![
            4 => prop::sample::select(vec![
                "P7304484D",
                "-P7304484D",
                "PT631107417600S",
                "-PT631107417600S",
                "P19998Y",
                "P0D",
                "PT1S",
                "P4DT23H7M2S",
                // Past what jiff holds: refused, never wrapped.
                "P7304485D",
                "P7304484DT631107417600S",
                "P99999999999999999999D",
            ])
            .prop_map(str::to_string),
            1 => text(None),
        ]
        .boxed(),
        Some("date-time") => prop_oneof![
            4 => prop::sample::select(vec![
                "0001-01-01T00:00:00Z",
                "9999-12-31T23:59:59Z",
                "9999-12-30T12:00:00Z",
                "-009999-01-02T01:59:59Z",
                "2000-01-01T00:00:00Z",
                "1963-06-14T11:58:58+14:00",
                "2000-02-30T25:61:61Z",
            ])
            .prop_map(str::to_string),
            1 => text(None),
        ]
        .boxed(),
        Some("date") => prop_oneof![
            4 => prop::sample::select(vec!["0001-01-01", "9999-12-31", "2000-02-29"])
                .prop_map(str::to_string),
            1 => text(None),
        ]
        .boxed(),
        // Launch ids: UUIDs in either case, and what must never reach a URL path.
        Some("uuid") => prop_oneof![
            4 => "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}",
            1 => prop::sample::select(vec![
                "0D0ACC45-BCF8-4D06-8093-BE999F9233BA",
                "00000000-0000-0000-0000-000000000000",
                "../../api-throttle/",
                "0d0acc45-bcf8-4d06-8093-be999f9233ba/../1",
                "0d0acc45?format=api",
                "%2e%2e%2f",
            ])
            .prop_map(str::to_string),
            1 => text(None),
        ]
        .boxed(),
        Some("uri") => prop_oneof![
            prop::sample::select(vec![
                "https://ll.thespacedevs.com/2.3.0/spacecraft/1/",
                "javascript:alert(1)",
                "https://en.wikipedia.org/wiki/Восток",
            ])
            .prop_map(str::to_string),
            text(None),
        ]
        .boxed(),
        _ => text(max_length),
    };
    strings.prop_map(Value::String).boxed()
}

/// Items per list: a few near the top, where the panes look, and none deep
/// down, where they do not, so that a case stays small.
fn items(depth: usize) -> std::ops::RangeInclusive<usize> {
    match depth {
        0..=3 => 0..=3,
        4..=6 => 0..=1,
        _ => 0..=0,
    }
}

/// Values for one schema node; `field` is the property it sits under.
fn node(schema: &'static Value, field: &'static str, depth: usize) -> BoxedStrategy<Value> {
    let value = if let Some(reference) = schema["$ref"].as_str() {
        component(reference.rsplit('/').next().unwrap_or(reference), depth)
    } else if let Some(all) = schema["allOf"].as_array() {
        node(&all[0], field, depth)
    } else if let Some(any) = schema["oneOf"].as_array() {
        Union::new(any.iter().map(|s| node(s, field, depth))).boxed()
    } else if let Some(default) = schema.get("default") {
        Just(default.clone()).boxed()
    } else {
        match schema["type"].as_str() {
            Some("object") => object(schema, depth),
            Some("array") => {
                prop::collection::vec(node(&schema["items"], field, depth + 1), items(depth))
                    .prop_map(Value::Array)
                    .boxed()
            }
            Some("integer") if field == "id" => id(),
            Some("integer") => integer(),
            Some("number") => number(),
            Some("boolean") => any::<bool>().prop_map(Value::Bool).boxed(),
            _ => string(schema, field),
        }
    };
    let value = if WITHIN.with(Cell::get) && schema.get("type").is_some() {
        value.prop_map(move |v| within(schema, v)).boxed()
    } else {
        value
    };
    if schema["nullable"] == Value::Bool(true) {
        prop_oneof![1 => Just(Value::Null), 3 => value].boxed()
    } else {
        value
    }
}

thread_local! {
    /// Set while a strategy is built that must stay within the schema.
    static WITHIN: Cell<bool> = const { Cell::new(false) };
}

/// Like [`component`], with every value at the schema's limits but not past
/// them: what a server that keeps to its schema may send.
fn component_within(name: &str) -> BoxedStrategy<Value> {
    WITHIN.with(|w| w.set(true));
    let strategy = component(name, 0);
    WITHIN.with(|w| w.set(false));
    strategy
}

/// `value` held to the limits `schema` states for it.
fn within(schema: &Value, value: Value) -> Value {
    match value {
        Value::Number(n) if schema["type"] == "integer" => {
            let lo = schema["minimum"].as_i64().unwrap_or(i64::MIN);
            let hi = schema["maximum"].as_i64().unwrap_or(i64::MAX);
            let i = n.as_i64().unwrap_or(if n.as_f64().unwrap_or(0.0) < 0.0 {
                lo
            } else {
                hi
            });
            Value::from(i.clamp(lo, hi))
        }
        Value::String(text) => match schema["maxLength"].as_u64() {
            Some(max) => Value::String(text.chars().take(max as usize).collect()),
            None => Value::String(text),
        },
        other => other,
    }
}

fn component(name: &str, depth: usize) -> BoxedStrategy<Value> {
    let schema = components()
        .get(name)
        .unwrap_or_else(|| panic!("{name} is not in the trimmed schema"));
    node(schema, "", depth)
}

/// Every property, the optional ones sometimes left out.
fn object(schema: &'static Value, depth: usize) -> BoxedStrategy<Value> {
    let required: Vec<&str> = schema["required"]
        .as_array()
        .map(|r| r.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let fields: Vec<BoxedStrategy<Option<(String, Value)>>> = schema["properties"]
        .as_object()
        .into_iter()
        .flatten()
        .map(|(name, property)| {
            let value = node(property, name, depth + 1).prop_map(move |v| (name.clone(), v));
            if required.contains(&name.as_str()) {
                value.prop_map(Some).boxed()
            } else {
                prop::option::weighted(0.75, value).boxed()
            }
        })
        .collect();
    fields
        .prop_map(|fields| Value::Object(fields.into_iter().flatten().collect()))
        .boxed()
}

fn now() -> Timestamp {
    "2026-11-22T12:00:00Z".parse().unwrap()
}

const SIZES: [(u16, u16); 2] = [(120, 40), (50, 14)];

fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(24);
    ProptestConfig {
        cases,
        // A case is a large document: shrinking a failure stays bounded.
        max_shrink_iters: 2_000,
        ..ProptestConfig::default()
    }
}

/// The CLI's text for a description carries nothing a terminal acts on.
fn assert_text_inert(text: &str) {
    assert!(
        !text.chars().any(|c| c != '\n' && c.is_control()),
        "control character in {text:?}"
    );
}

fn check_flights(flights: &[Flight]) {
    for width in [1u16, 30, 200] {
        for in_space in [None, Some(true), Some(false)] {
            if let Some(t) = hangar::doc::timeline::layout(flights, width, now(), in_space) {
                for bar in &t.bars {
                    assert!(bar.start <= bar.end && bar.end < t.width, "{bar:?}");
                }
            }
        }
    }
    for f in flights {
        let _ = f.duration();
        let _ = f.time_docked(now());
        assert_text_inert(&hangar::cli::output::doc_text(&hangar::doc::flight(
            f,
            now(),
        )));
    }
    assert_text_inert(&hangar::cli::output::flights_table(flights, now()));
}

/// Every string a model holds carries nothing a terminal acts on.
fn assert_model_inert(model: &impl serde::Serialize) {
    fn walk(value: &Value) {
        match value {
            Value::String(s) => assert_text_inert(s),
            Value::Array(items) => items.iter().for_each(walk),
            Value::Object(fields) => fields.values().for_each(walk),
            _ => {}
        }
    }
    walk(&serde_json::to_value(model).expect("a model serialises"));
}

fn check_docking_event(e: &DockingEvent) {
    let _ = (
        e.target_name(),
        e.port(),
        e.station_id(),
        e.docked_for(now()),
    );
    let _ = (e.chaser_name(), e.chaser_flight_id());
    if let Some(id) = e.chaser_launch_id() {
        assert!(Endpoints::new(BASE).unwrap().launch(id).is_some(), "{id:?}");
    }
    for flight in [&e.flight_vehicle_chaser, &e.payload_flight_chaser]
        .into_iter()
        .flatten()
    {
        let _ = (flight.vehicle_name(), flight.spacecraft_id());
    }
}

/// A launch id that passes goes into a URL path and cannot leave it.
fn check_launch(l: &Launch) {
    let _ = (l.rocket_name(), l.location_name(), l.country());
    if let Some(id) = l.valid_id() {
        assert!(
            id.chars().all(|c| c.is_ascii_hexdigit() || c == '-'),
            "{id:?}"
        );
        let url = Endpoints::new(BASE).unwrap().launch(id).unwrap();
        assert_eq!(url, format!("{BASE}/launches/{id}/?format=json"));
    }
    check_flights(l.spacecraft_flights());
}

fn check_spacecraft(records: &[Spacecraft]) {
    for s in records {
        assert_text_inert(&hangar::cli::output::doc_text(&hangar::doc::spacecraft(s)));
    }
    let refs: Vec<&Spacecraft> = records.iter().collect();
    assert_text_inert(&hangar::cli::output::spacecraft_table(&refs));
    let _ = hangar::cli::output::spacecraft_csv(&refs);
}

/// Every pane at every size, showing `id` among `catalog`.
fn draw_all(catalog: &[Spacecraft], id: u64, detailed: Option<&Spacecraft>, flights: &[Flight]) {
    for size in SIZES {
        for screen in every_pane(
            catalog.to_vec(),
            id,
            detailed.cloned(),
            flights.to_vec(),
            size,
            now(),
        ) {
            assert_inert(&screen);
        }
    }
}

/// A record opened in the browser and drawn at every size, scrolled from
/// its first link to its last; and its text as the CLI prints it.
fn draw_record(of: hangar::api::RecordRef, record: Record) {
    use hangar::app::action::{Action, Command};
    for size in SIZES {
        let mut state = showing(Vec::new(), Origin::Snapshot, size, now(), true);
        state.start_at(of);
        hangar::app::update(
            &mut state,
            Action::RecordLoaded {
                of,
                result: Ok(Box::new(Fetched::new(record.clone(), Origin::Live))),
            },
        );
        assert_inert(&render(&state));
        let parts = state.description().expect("a loaded record is described");
        assert_text_inert(&hangar::cli::output::doc_text(&parts));
        for command in [Command::Bottom, Command::Up, Command::PageDown] {
            hangar::app::update(&mut state, Action::Command(command));
            assert_inert(&render(&state));
        }
    }
}

/// A catalog to show flights in: their own spacecraft, or the seeds'.
fn catalog_for(flights: &[Flight]) -> Vec<Spacecraft> {
    let own: Vec<Spacecraft> = flights
        .iter()
        .filter_map(|f| f.spacecraft.as_deref().cloned())
        .filter(|s| s.id != 0)
        .take(1)
        .collect();
    if own.is_empty() {
        hangar::data::snapshot::catalog()
    } else {
        own
    }
}

/// Runs a command of the CLI, offline, on a cache holding `responses`.
fn cli_json(responses: &[(String, String)], command: hangar::cli::Command) -> Option<Value> {
    let dir = tempfile::tempdir().unwrap();
    let cache = hangar::data::cache::Cache::new(dir.path());
    for (url, body) in responses {
        cache.put(url, body, Timestamp::now()).unwrap();
    }
    let store = common::store_with(BASE, dir.path(), |c| c.offline = true);
    let mut out = Vec::new();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    runtime
        .block_on(hangar::cli::run(&store, command, &mut out))
        .ok()?;
    Some(serde_json::from_slice(&out).expect("the CLI prints JSON"))
}

const BASE: &str = "https://ll.thespacedevs.com/2.3.0";

use hangar::api::Endpoints;

/// The snapshot's records (real API responses) print as the API sent them
/// and validate against the schema's `SpacecraftNormal`.
#[test]
fn list_json_of_the_snapshot_validates_against_spacecraft_normal() {
    let normal = common::schema::validator("SpacecraftNormal");
    let printed = cli_json(
        &[],
        hangar::cli::Command::List {
            search: None,
            fuzzy: None,
            order: None,
            filters: Vec::new(),
            format: hangar::cli::ListFormat::Json,
        },
    )
    .unwrap();
    let records = printed.as_array().unwrap();
    assert_eq!(records.len(), 32);
    // Soyuz TMA-15 is known only from the snapshot's 2.2.0 flight: it
    // prints as hangar reads it, and 2.2.0 is not the 2.3.0 schema.
    let (v23, v22): (Vec<&Value>, Vec<&Value>) = records
        .iter()
        .partition(|r| r.get("response_mode").is_some());
    assert_eq!(v22.len(), 1);
    assert_eq!(v22[0]["name"], "Soyuz TMA-15");
    for record in v23 {
        let errors: Vec<String> = normal
            .iter_errors(record)
            .map(|e| format!("{e} at {}", e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{}: {errors:#?}", record["name"]);
    }
}

proptest! {
    #![proptest_config(config())]

    /// Records the schema allows print exactly as the API sent them, so
    /// `list --format json` validates against `SpacecraftNormal` (the
    /// catalog is read in detailed mode: `SpacecraftDetailed` rows).
    #[test]
    fn list_json_is_what_the_api_sent(records in prop::collection::vec(component_within("SpacecraftDetailed"), 1..4)) {
        let detailed = common::schema::validator("SpacecraftDetailed");
        let normal = common::schema::validator("SpacecraftNormal");
        let valid: Vec<Value> = records.into_iter().filter(|r| detailed.is_valid(r)).collect();
        let page = serde_json::json!({"count": valid.len(), "next": null, "previous": null, "results": valid});
        let url = hangar::api::Endpoints::new(BASE).unwrap().catalog_page(0);
        let command = hangar::cli::Command::List {
            search: None,
            fuzzy: None,
            order: None,
            filters: Vec::new(),
            format: hangar::cli::ListFormat::Json,
        };
        let printed = cli_json(&[(url, page.to_string())], command).expect("the list prints");
        let kept: std::collections::HashSet<u64> = valid
            .iter()
            .filter_map(|r| r["id"].as_u64().filter(|id| *id > 0))
            .collect();
        prop_assert_eq!(printed.as_array().unwrap().len(), kept.len());
        for record in printed.as_array().unwrap() {
            prop_assert!(normal.is_valid(record), "{record}");
            prop_assert!(valid.contains(record), "printed as sent: {record}");
        }
    }

    /// `show --format json` prints the detailed record as the API sent it.
    #[test]
    fn show_json_is_what_the_api_sent(record in component_within("SpacecraftEndpointDetailed")) {
        let schema = common::schema::validator("SpacecraftEndpointDetailed");
        let Some(id) = record["id"].as_u64().filter(|id| *id > 0 && schema.is_valid(&record)) else {
            return Ok(());
        };
        let url = hangar::api::Endpoints::new(BASE).unwrap().spacecraft(id);
        let command = hangar::cli::Command::Show { id, format: hangar::cli::RecordFormat::Json };
        let printed = cli_json(&[(url, record.to_string())], command).expect("the record prints");
        prop_assert!(schema.is_valid(&printed));
        prop_assert_eq!(printed, record);
    }

    #[test]
    fn spacecraft_list_pages(page in component("PaginatedPolymorphicSpacecraftEndpointList", 0)) {
        let Ok(page) = parse_page::<Spacecraft>(&page.to_string()) else {
            return Ok(());
        };
        check_spacecraft(&page.results);
        if let Some(first) = page.results.first() {
            check_flights(&first.flights);
            draw_all(&page.results, first.id, None, &first.flights);
        }
    }

    #[test]
    fn detailed_spacecraft(record in component("SpacecraftEndpointDetailed", 0)) {
        let Ok(record) = parse_record::<Spacecraft>(&record.to_string()) else {
            return Ok(());
        };
        check_spacecraft(std::slice::from_ref(&record));
        check_flights(&record.flights);
        draw_all(std::slice::from_ref(&record), record.id, Some(&record), &record.flights);
    }

    #[test]
    fn spacecraft_flights_pages(page in component("PaginatedPolymorphicSpacecraftFlightEndpointList", 0)) {
        let Ok(page) = parse_page::<Flight>(&page.to_string()) else {
            return Ok(());
        };
        check_flights(&page.results);
        let catalog = catalog_for(&page.results);
        draw_all(&catalog, catalog[0].id, None, &page.results);
    }

    #[test]
    fn detailed_spacecraft_flight(record in component("SpacecraftFlightDetailed", 0)) {
        let Ok(flight) = parse_record::<Flight>(&record.to_string()) else {
            return Ok(());
        };
        let flights = std::slice::from_ref(&flight);
        check_flights(flights);
        let catalog = catalog_for(flights);
        draw_all(&catalog, catalog[0].id, None, flights);
    }

    #[test]
    fn astronaut(record in component("AstronautEndpointDetailed", 0)) {
        let Ok(a) = parse_record::<Astronaut>(&record.to_string()) else {
            return Ok(());
        };
        prop_assert!(a.id.is_some_and(|id| id > 0));
        let _ = (a.status_name(), a.kind_name(), a.agency_name());
        a.flights.iter().for_each(check_launch);
        check_flights(&a.landings);
        assert_model_inert(&a);
        let of = hangar::api::RecordRef::Astronaut(a.id.unwrap_or(1));
        draw_record(of, Record::Astronaut { astronaut: a, flights: Default::default() });
    }

    #[test]
    fn space_station(record in component("SpaceStationDetailedEndpoint", 0)) {
        let Ok(s) = parse_record::<SpaceStation>(&record.to_string()) else {
            return Ok(());
        };
        let _ = (s.status_name(), s.kind_name(), s.owner_names());
        for (port, docked) in s.docked_now() {
            prop_assert!(port.currently_docked.is_some());
            check_docking_event(docked);
        }
        s.active_docking_events.iter().for_each(check_docking_event);
        let _ = s.crew_on_board().count();
        assert_model_inert(&s);
        let of = hangar::api::RecordRef::Station(s.id);
        let history = Listing { records: s.active_docking_events.clone(), count: None };
        draw_record(of, Record::Station { station: s, history, history_note: None });
    }

    #[test]
    fn docking_events_pages(page in component("PaginatedPolymorphicDockingEventEndpointList", 0)) {
        let Ok(page) = parse_page::<DockingEvent>(&page.to_string()) else {
            return Ok(());
        };
        for e in &page.results {
            prop_assert!(e.id.is_some_and(|id| id > 0));
            check_docking_event(e);
        }
        assert_model_inert(&page.results);
        // A station's history: every event on the port chart and as a row.
        let station: SpaceStation = parse_record(r#"{"id": 4, "name": "ISS"}"#).unwrap();
        let history = Listing { records: page.results, count: page.count };
        let note = Some("partial: 1 of 2 docking events".to_string());
        draw_record(
            hangar::api::RecordRef::Station(4),
            Record::Station { station, history, history_note: note },
        );
    }

    #[test]
    fn docking_event(record in component("DockingEventEndpointDetailed", 0)) {
        let Ok(e) = parse_record::<DockingEvent>(&record.to_string()) else {
            return Ok(());
        };
        check_docking_event(&e);
        assert_model_inert(&e);
    }

    #[test]
    fn launch(record in component("LaunchDetailed", 0)) {
        let Ok(l) = parse_record::<Launch>(&record.to_string()) else {
            return Ok(());
        };
        prop_assert!(l.valid_id().is_some());
        check_launch(&l);
        assert_model_inert(&l);
        if let Some(id) = l.id.as_deref().and_then(|id| id.parse().ok()) {
            draw_record(hangar::api::RecordRef::Launch(id), Record::Launch(l));
        }
    }

    /// The endpoint's schema says a list; clients in the wild read one object.
    #[test]
    fn api_throttle(
        body in prop_oneof![
            component("APIThrottle", 0),
            prop::collection::vec(component("APIThrottle", 0), 0..3).prop_map(Value::Array),
        ]
    ) {
        let Ok(budget) = hangar::api::client::parse_throttle(&body.to_string()) else {
            return Ok(());
        };
        let _ = budget.remaining();
        // Through the ledger, as every read of `/api-throttle/` goes.
        let ledger = hangar::api::Ledger::in_memory(3);
        ledger.reconcile(&budget, Timestamp::now(), &[]);
        let _ = ledger.acquire(hangar::api::Priority::Background);
        for size in SIZES {
            let mut state = showing(hangar::data::snapshot::catalog(), hangar::data::store::Origin::Live, size, now(), false);
            hangar::app::update(&mut state, hangar::app::action::Action::Budget(ledger.view()));
            assert_inert(&render(&state));
        }
    }
}
