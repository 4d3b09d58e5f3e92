//! `hangar serve` end to end, as binaries: a cache filled by `hangar sync`
//! from the fake LL2, the mirror serving it, and a second hangar with an
//! empty cache reading the whole catalog (and a record with its flights)
//! from the mirror, while the upstream hears nothing more.

mod common;

use common::*;
use hangar::serve;
use serde_json::Value;
use std::collections::BTreeSet;
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, BufReader};

/// `hangar serve` on a loopback port over `home`'s cache: the process, and
/// the URL it printed.
async fn serve(home: &std::path::Path, upstream: &str) -> (tokio::process::Child, String, String) {
    let mut child = tokio::process::Command::new(env!("CARGO_BIN_EXE_hangar"))
        .args(["--api-url", upstream, "serve", "--listen", "127.0.0.1:0"])
        .env_clear()
        .env("HOME", home)
        .env("XDG_STATE_HOME", home.join("state"))
        .env("HANGAR_CACHE_DIR", home.join("cache"))
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap()).lines();
    let mut stderr = BufReader::new(child.stderr.take().unwrap()).lines();
    let first = async {
        let url = stdout.next_line().await.unwrap().unwrap();
        let said = stderr.next_line().await.unwrap().unwrap();
        (url, said)
    };
    let (url, said) = tokio::time::timeout(Duration::from_secs(30), first)
        .await
        .expect("the mirror says where it listens");
    (child, url, said)
}

/// What `valid` finds wrong in `value`, each with where (under `prefix`).
fn violations(valid: &jsonschema::Validator, value: &Value, prefix: &str) -> BTreeSet<String> {
    valid
        .iter_errors(value)
        .map(|e| format!("{e} at {prefix}{}", e.instance_path()))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_second_hangar_reads_the_catalog_from_the_mirror_not_the_upstream() {
    let Ll2 {
        server: _server,
        fake,
        url: upstream,
    } = FakeLl2::new().fleet(150).start().await;
    let (spacecraft, flights) = (fake.spacecraft(), fake.flights());
    let home = tempfile::tempdir().unwrap();
    let run = hangar(home.path(), &["--api-url", &upstream, "sync"]).await;
    assert_eq!(run.code, 0, "{}", run.stderr);
    let asked = fake.log().len();

    let (mut mirror, url, said) = serve(home.path(), &upstream).await;
    assert!(
        url.starts_with("http://127.0.0.1:") && url.ends_with("/2.3.0"),
        "{url}"
    );
    assert!(
        said.contains("150 spacecraft")
            && said.contains("(whole)")
            && said.contains("flights synced (complete)"),
        "{said}"
    );

    let other = tempfile::tempdir().unwrap();
    let run = hangar(
        other.path(),
        &["--api-url", &url, "list", "--format", "json"],
    )
    .await;
    assert_eq!(run.code, 0, "{}", run.stderr);
    let listed: Vec<Value> = serde_json::from_str(&run.stdout).unwrap();
    let ids: Vec<u64> = listed.iter().map(|s| s["id"].as_u64().unwrap()).collect();
    assert_eq!(ids, (1..=150).collect::<Vec<_>>());
    // The mirror's records are detailed (the sync asked so), as the upstream's.
    assert!(
        listed.iter().all(|s| s["response_mode"] == "detailed"),
        "{}",
        listed[0]
    );

    // One record, put together from its catalog row and the synced flights.
    let run = hangar(
        other.path(),
        &["--api-url", &url, "show", "7", "--format", "json"],
    )
    .await;
    assert_eq!(run.code, 0, "{}", run.stderr);
    let record: Value = serde_json::from_str(&run.stdout).unwrap();
    let listed = record["flights"].as_array().unwrap();
    assert!(!listed.is_empty(), "{record}");
    assert!(listed.iter().all(|f| f["response_mode"] == "normal"));
    assert_eq!(record["response_mode"], "detailed");

    // Each answer holds to the schema's component for it as well as what the
    // upstream sent does (the fake's records leave out much the schema
    // requires): the mirror adds no violation of its own.
    let client = reqwest::Client::new();
    let get = |path: String| {
        let client = client.clone();
        async move {
            let text = client.get(path).send().await.unwrap().text().await.unwrap();
            serde_json::from_str::<Value>(&text).unwrap()
        }
    };
    let by_id = |records: &[Value], id: &Value| -> Value {
        records
            .iter()
            .find(|r| &r["id"] == id)
            .unwrap_or_else(|| panic!("no record {id}"))
            .clone()
    };
    for (query, component) in [
        ("limit=100", "SpacecraftNormal"),
        ("limit=100&offset=100&mode=detailed", "SpacecraftDetailed"),
    ] {
        let page = get(format!("{url}/spacecraft/?{query}")).await;
        let valid = schema::validator(component);
        let results = page["results"].as_array().unwrap();
        assert!(!results.is_empty());
        for r in results {
            let sent = by_id(&spacecraft, &r["id"]);
            let added = &violations(&valid, r, "") - &violations(&valid, &sent, "");
            assert!(added.is_empty(), "{query} {}: {added:?}", r["id"]);
        }
    }
    let valid = schema::validator("SpacecraftEndpointDetailed");
    let flight = schema::validator("SpacecraftFlightNormal");
    for id in [1, 7, 150] {
        let record = get(format!("{url}/spacecraft/{id}/")).await;
        let mut allowed = violations(&valid, &by_id(&spacecraft, &record["id"]), "");
        for (i, f) in record["flights"].as_array().unwrap().iter().enumerate() {
            let sent = by_id(&flights, &f["id"]);
            allowed.extend(violations(&flight, &sent, &format!("/flights/{i}")));
        }
        let added = &violations(&valid, &record, "") - &allowed;
        assert!(added.is_empty(), "{id}: {added:?}");
    }

    // The flights, from the sync.
    let of_7: Vec<&Value> = flights
        .iter()
        .filter(|f| f["spacecraft"]["id"] == 7)
        .collect();
    let page = get(format!(
        "{url}/spacecraft_flights/?spacecraft=7&mode=detailed&limit=100"
    ))
    .await;
    assert_eq!(page["count"], of_7.len());
    assert!(page["results"]
        .as_array()
        .unwrap()
        .iter()
        .all(|f| f["response_mode"] == "detailed"));
    let page = get(format!("{url}/spacecraft_flights/?format=json")).await;
    assert_eq!(page["count"], flights.len());
    assert_eq!(
        page["next"],
        format!("{url}/spacecraft_flights/?format=json&limit=10&offset=10")
    );
    let valid = schema::validator("SpacecraftFlightNormal");
    for f in page["results"].as_array().unwrap() {
        let added =
            &violations(&valid, f, "") - &violations(&valid, &by_id(&flights, &f["id"]), "");
        assert!(added.is_empty(), "flight {}: {added:?}", f["id"]);
    }
    let page = get(format!("{url}/spacecraft_flights/?ordering=-id&limit=1")).await;
    assert_eq!(page["results"][0]["id"], flights.len());
    for refused in ["abc", "99999", "%20", "1.0", "-7"] {
        let body = get(format!("{url}/spacecraft_flights/?spacecraft={refused}")).await;
        assert_eq!(
            body,
            serde_json::json!({"spacecraft": ["Select a valid choice. That choice is not one of the available choices."]}),
            "{refused:?}"
        );
    }
    let one = get(format!("{url}/spacecraft_flights/3/")).await;
    assert_eq!(one["id"], 3);
    assert_eq!(one["response_mode"], "detailed");
    let none = get(format!("{url}/spacecraft_flights/99999/")).await;
    assert_eq!(
        none["detail"],
        "No SpacecraftFlight matches the given query."
    );
    let budget = get(format!("{url}/api-throttle/")).await;
    assert_eq!(budget["your_request_limit"], serve::THROTTLE_LIMIT);
    assert_eq!(budget["ident"], "127.0.0.1");

    // A second hangar can sync all of it from the mirror, and then knows
    // every flight without asking.
    let run = hangar(other.path(), &["--api-url", &url, "sync"]).await;
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = hangar(
        other.path(),
        &[
            "--api-url",
            &url,
            "--offline",
            "flights",
            "7",
            "--format",
            "json",
        ],
    )
    .await;
    assert_eq!(run.code, 0, "{}", run.stderr);
    let listed: Vec<Value> = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(listed.len(), of_7.len());

    // It knows it is talking to a mirror, from the answers' `Via`.
    let run = hangar(other.path(), &["--api-url", &url, "status"]).await;
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("Via:        a hangar mirror (1.1 hangar)"),
        "{}",
        run.stdout
    );
    let run = hangar(
        other.path(),
        &["--api-url", &url, "status", "--format", "json"],
    )
    .await;
    let status: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(status["via"], "1.1 hangar");
    let run = hangar(
        home.path(),
        &["--api-url", &upstream, "status", "--format", "json"],
    )
    .await;
    let status: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(status["via"], Value::Null);
    let asked = asked + 1; // that status asked the upstream's /api-throttle/ (free)

    assert_eq!(
        fake.log().len(),
        asked,
        "the upstream heard nothing after the sync: {:#?}",
        &fake.log()[asked..]
    );
    mirror.kill().await.unwrap();
}
