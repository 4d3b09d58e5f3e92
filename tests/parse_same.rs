//! What every record hangar ships or is tested on reads as, down to the last
//! field: the fixtures, the seed responses of the bundled snapshot, and every
//! property of the schema's records at the values `schema_limits` pushes them
//! to. The `{:#?}` of each is an insta snapshot, so a change in how the
//! models read (say, in how their lenient readers are attached) shows as a
//! changed snapshot, field by field.

mod common;

use hangar::api::paging::{parse_page, parse_record, Record};
use hangar::api::{Astronaut, DockingEvent, Flight, Launch, SpaceStation, Spacecraft};
use serde::de::DeserializeOwned;
use serde_json::{json, Map, Value};
use std::path::Path;

/// A body parsed as the model its file name says, the way hangar reads it.
fn parsed(file: &str, body: &str) -> String {
    fn show<T: std::fmt::Debug>(parsed: Result<T, String>) -> String {
        format!("{parsed:#?}")
    }
    let kind = file.split(['-', '.']).next().unwrap_or(file);
    match kind {
        "astronaut" => show(parse_record::<Astronaut>(body)),
        "docking_events" => show(parse_page::<DockingEvent>(body)),
        "launch" => show(parse_record::<Launch>(body)),
        "station" => show(parse_record::<SpaceStation>(body)),
        "spacecraft" if file.starts_with("spacecraft-flight-") => {
            show(parse_record::<Flight>(body))
        }
        "spacecraft" => show(parse_page::<Spacecraft>(body)),
        "spacecraft_flights" => show(parse_record::<Flight>(body)),
        _ => panic!("{file}: which model does it hold? Add it here."),
    }
}

/// The JSON files of a folder of the crate, by name.
fn json_files(folder: &str) -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(folder);
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .filter(|name| name.ends_with(".json"))
        .collect();
    names.sort();
    assert!(!names.is_empty(), "no JSON in {folder}");
    names
}

#[test]
fn every_fixture_reads_as_before() {
    for file in json_files("tests/fixtures") {
        let name = format!("fixture_{}", file.trim_end_matches(".json"));
        insta::assert_snapshot!(name, parsed(&file, &common::fixture(&file)));
    }
}

/// The seeds (`shared/seeds/*.json`) are the snapshot's files, byte for
/// byte: `tests/parse.rs` reads them from there too.
#[test]
fn every_seed_of_the_snapshot_reads_as_before() {
    for file in json_files("assets/snapshot") {
        let name = format!("seed_{}", file.trim_end_matches(".json"));
        insta::assert_snapshot!(name, parsed(&file, &common::asset(&file)));
    }
}

/// The values `schema_limits` draws from, as one list: the ends of the
/// integers and past them, odd floats, strings that are numbers, booleans,
/// durations, dates and date-times at and past their limits, text with
/// escapes and controls, and every JSON type where another was meant.
fn limits() -> Vec<Value> {
    let mut values = vec![
        Value::Null,
        json!(true),
        json!(false),
        json!(0),
        json!(-1),
        json!(1),
        json!(i64::MIN),
        json!(i64::MAX),
        json!(i32::MIN),
        json!(i32::MAX),
        json!(1u64 << 63),
        json!(u64::MAX),
        json!(1e20),
        json!(-1e20),
        json!(1.5),
        json!(-0.0),
        json!(f64::MAX),
        json!(f64::MIN_POSITIVE),
        json!(5e-324),
        json!([]),
        json!({}),
        json!([1, "two", null]),
        json!({"id": 3, "name": "Nested"}),
    ];
    let strings = [
        "",
        " ",
        " 42 ",
        "-7",
        "1.5e3",
        "NaN",
        "inf",
        "True",
        "no",
        "detailed",
        "P7304484D",
        "-P7304484D",
        "PT631107417600S",
        "P4DT23H7M2S",
        "P7304485D",
        "P99999999999999999999D",
        "0001-01-01",
        "9999-12-31",
        "2000-02-29",
        "0001-01-01T00:00:00Z",
        "9999-12-31T23:59:59Z",
        "-009999-01-02T01:59:59Z",
        "1963-06-14T11:58:58+14:00",
        "2000-02-30T25:61:61Z",
        "0d0acc45-bcf8-4d06-8093-be999f9233ba",
        "../../api-throttle/",
        "javascript:alert(1)",
        "Восток-1 (Союз)",
        "🚀 👩‍🚀 🇷🇺 🛰️",
        "  two  spaces\tand a tab  ",
        "tab\there\r\nnul\u{0}bell\u{7}back\u{8}del\u{7f}",
        "\u{1b}[2J\u{1b}[31mPWNED\u{1b}[0m",
        "\u{1b}]8;;http://evil.invalid\u{1b}\\link\u{1b}]8;;\u{1b}\\",
        "\u{9b}31m\u{9d}0;c1\u{9c}\u{85}",
        "\u{202e}evil\u{2066}isolate\u{2069}",
        "line 1\n\n\nline 2\u{2028}line 3",
    ];
    values.extend(strings.into_iter().map(Value::from));
    values.push(Value::from("word ".repeat(12)));
    values
}

fn components() -> Map<String, Value> {
    serde_json::from_str(include_str!("schema/ll2-2.3.0-components.json"))
        .expect("the trimmed schema is JSON")
}

/// A document of `schema` with every leaf at `limit` and objects nested down
/// to `depth`, below which the object is `limit` too. Ids stay readable, so
/// that the record and those inside it are read rather than refused (how
/// ids read is `tests/parse.rs`'s); a default (`response_mode`) stays.
fn filled(
    schemas: &Map<String, Value>,
    schema: &Value,
    field: &str,
    limit: &Value,
    depth: usize,
) -> Value {
    let inner = |s: &Value| filled(schemas, s, field, limit, depth);
    if field == "id" {
        return json!(7);
    }
    if let Some(name) = schema["$ref"].as_str().and_then(|r| r.rsplit('/').next()) {
        return inner(&schemas[name]);
    }
    if let Some(first) = schema["allOf"].get(0).or(schema["oneOf"].get(0)) {
        return inner(first);
    }
    if let Some(default) = schema.get("default") {
        return default.clone();
    }
    match schema["type"].as_str() {
        Some("object") if depth > 0 => Value::Object(
            schema["properties"]
                .as_object()
                .into_iter()
                .flatten()
                .map(|(name, property)| {
                    let value = filled(schemas, property, name, limit, depth - 1);
                    (name.clone(), value)
                })
                .collect(),
        ),
        Some("array") if depth > 0 => {
            json!([filled(schemas, &schema["items"], field, limit, depth)])
        }
        _ => limit.clone(),
    }
}

/// How a test reads a body, into the text its snapshot holds.
type Reader = fn(&str) -> String;

/// A record as `parse_record` reads it, on one line: `{:#?}` of all the
/// cases below would be megabytes, and a change still shows as the case
/// (limit and depth) it is in.
fn line<T: std::fmt::Debug + DeserializeOwned + Record>(body: &str) -> String {
    format!("{:?}", parse_record::<T>(body))
}

/// Each record the models read, from its schema component: every property
/// at each limit, once with the nested records filled in (two levels down)
/// and once with every property, objects and lists too, at the limit.
#[test]
fn every_property_at_the_schema_limits_reads_as_before() {
    let schemas = components();
    let records: [(&str, Reader); 7] = [
        ("SpacecraftEndpointDetailed", line::<Spacecraft>),
        ("SpacecraftFlightDetailed", line::<Flight>),
        ("AstronautEndpointDetailed", line::<Astronaut>),
        ("SpaceStationDetailedEndpoint", line::<SpaceStation>),
        ("DockingEventEndpointDetailed", line::<DockingEvent>),
        ("LaunchDetailed", line::<Launch>),
        ("APIThrottle", |b| {
            format!("{:?}", hangar::api::client::parse_throttle(b))
        }),
    ];
    for (component, read) in records {
        let mut out = String::new();
        for limit in limits() {
            for depth in [1, 3] {
                let body = filled(&schemas, &schemas[component], "", &limit, depth).to_string();
                out += &format!("==== {limit} at depth {depth}\n{}\n", read(&body));
            }
        }
        insta::assert_snapshot!(format!("limits_{component}"), out);
    }
}
