//! The real `hangar` binary, run as a user would, against a loopback server.

mod common;

use common::*;
use std::collections::HashSet;
use std::path::Path;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer};

#[tokio::test(flavor = "multi_thread")]
async fn list_json_prints_603_unique_records_in_7_requests_then_none() {
    let Ll2 {
        server: _server,
        fake,
        url,
    } = FakeLl2::catalog(FakeCatalog::new(catalog(1..=603)))
        .start()
        .await;
    let home = tempfile::tempdir().unwrap();
    let args = ["list", "--api-url", &url, "--format", "json"];

    let run = hangar(home.path(), &args).await;
    assert_eq!(run.code, 0, "{}", run.stderr);
    let records: Vec<serde_json::Value> = serde_json::from_str(&run.stdout).unwrap();
    let ids: HashSet<u64> = records.iter().map(|r| r["id"].as_u64().unwrap()).collect();
    assert_eq!((records.len(), ids.len()), (603, 603));
    assert!(
        records[0]["time_in_space"]
            .as_str()
            .unwrap()
            .starts_with('P'),
        "2.3.0 names and ISO durations"
    );
    assert_eq!(fake.requests(), 7);
    assert_eq!(run.stderr, "", "a live load says nothing on stderr");

    let again = hangar(home.path(), &args).await;
    assert_eq!(again.code, 0);
    assert_eq!(again.stdout, run.stdout);
    assert_eq!(fake.requests(), 7, "the second run made no request");
    assert!(
        home.path().join("state/hangar/hangar.log").exists(),
        "logs go to a file"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn offline_list_prints_the_snapshot_and_says_so() {
    let home = tempfile::tempdir().unwrap();
    let run = hangar(home.path(), &["list", "--offline", "--search", "tenacity"]).await;
    // The snapshot stands in for the API: printed, said, and exit status 3.
    assert_eq!(run.code, 3, "{}", run.stderr);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{}", run.stdout);
    assert!(lines[0].contains("NAME") && lines[0].contains("TIME IN SPACE"));
    assert!(lines[1].contains("Dream Chaser Tenacity") && lines[1].contains("Dream Chaser"));
    assert!(
        run.stderr.contains("bundled offline snapshot"),
        "{}",
        run.stderr
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn offline_list_fuzzy_ranks_best_matches_first_and_excludes_search() {
    let home = tempfile::tempdir().unwrap();
    let run = hangar(
        home.path(),
        &["list", "--offline", "--fuzzy", "ms", "--format", "csv"],
    )
    .await;
    assert_eq!(run.code, 3, "the snapshot: {}", run.stderr);
    let ids: Vec<&str> = run
        .stdout
        .lines()
        .skip(1)
        .filter_map(|l| l.split(',').next())
        .collect();
    // "MS" together at a word's start (Soyuz MS-19, Progress MS-30…), ties
    // by id; "Dream Chaser" holds m…s apart and comes last, though its id
    // is smaller than 456's.
    assert_eq!(ids, ["45", "50", "236", "242", "456", "607", "447"]);
    let run = hangar(
        home.path(),
        &["list", "--offline", "--fuzzy", "ms", "--search", "ms"],
    )
    .await;
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("cannot be used with"), "{}", run.stderr);
}

#[tokio::test(flavor = "multi_thread")]
async fn csv_has_a_header_and_one_row_per_record() {
    let home = tempfile::tempdir().unwrap();
    let run = hangar(
        home.path(),
        &[
            "list",
            "--offline",
            "--format",
            "csv",
            "--order",
            "-time_docked",
            "--filter",
            "spacecraft_config=Soyuz MS",
        ],
    )
    .await;
    assert_eq!(run.code, 3, "the snapshot: {}", run.stderr);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines[0], "id,name,configuration,status,flights_count,mission_ends_count,time_in_space,time_docked,in_space,is_placeholder");
    assert_eq!(
        lines[1],
        "456,Soyuz MS-19,Soyuz MS,Single Use,1,1,P176DT2H32M58S,P175DT18H58M29S,false,false"
    );
    assert_eq!(lines.len(), 4);
}

#[tokio::test(flavor = "multi_thread")]
async fn bad_options_are_refused_with_the_valid_values() {
    let home = tempfile::tempdir().unwrap();
    let run = hangar(home.path(), &["list", "--offline", "--order", "speed"]).await;
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("flights_count, id, mission_ends_count, time_docked, time_in_space, name"),
        "{}",
        run.stderr
    );
    let run = hangar(
        home.path(),
        &["list", "--offline", "--filter", "colour=red"],
    )
    .await;
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("in_space, is_placeholder, status, spacecraft_config, name"),
        "{}",
        run.stderr
    );
    let run = hangar(
        home.path(),
        &["list", "--api-url", "https://ll.thespacedevs.com/"],
    )
    .await;
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("2.3.0 or 2.2.0"), "{}", run.stderr);
    // Record references: what they may be is said; nothing else reaches a URL.
    for (args, says) in [
        (
            &["open", "rocket/4"][..],
            "spacecraft, flight, astronaut, station or launch",
        ),
        (&["open", "astronaut/0"][..], "positive whole numbers"),
        (&["open", "45"][..], "expected KIND/ID"),
        (&["launch", "../../spacecraft/1"][..], "not a launch id"),
        (&["station", "-4"][..], "unexpected argument"),
    ] {
        let run = hangar(home.path(), args).await;
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert!(run.stderr.contains(says), "{args:?}: {}", run.stderr);
        assert!(run.stdout.is_empty());
    }
}

/// Filter values are read as the API reads them (tests/drf_filters.rs
/// checks every spelling against a real DRF server); here, what the user
/// sees: the match, the notice for an ignored value, the API's own 400.
#[tokio::test(flavor = "multi_thread")]
async fn filter_values_read_as_the_api_reads_them_ignored_said_refused_exit_2() {
    let home = tempfile::tempdir().unwrap();
    let list = |filters: &'static [&'static str]| {
        let mut args = vec!["list", "--offline", "--format", "csv"];
        for f in filters {
            args.extend(["--filter", f]);
        }
        let home = home.path().to_path_buf();
        async move { hangar(&home, &args).await }
    };
    let ids = |run: &Run| -> Vec<String> {
        run.stdout
            .lines()
            .skip(1)
            .filter_map(|l| l.split(',').next())
            .map(String::from)
            .collect()
    };
    let run = list(&["name=Soyuz 38 "]).await;
    assert_eq!(run.code, 3, "the snapshot: {}", run.stderr);
    assert_eq!(ids(&run), ["146"], "stripped, as the API strips it");
    let run = list(&["in_space=maybe", "status=+1"]).await;
    assert_eq!(run.code, 3, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "hangar: in_space=maybe is ignored, as the API ignores it (it reads true, false, 1 or 0, in any case)"
        ),
        "{}",
        run.stderr
    );
    assert_eq!(ids(&run), ["447", "569", "595"], "status 1, Active");
    let run = list(&["status=abc", "spacecraft_config=-1"]).await;
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stdout.is_empty());
    let invalid = "Select a valid choice. That choice is not one of the available choices.";
    assert!(
        run.stderr.contains(&format!(
            "hangar: spacecraft_config=-1: {invalid}\nhangar: status=abc: {invalid}\n"
        )),
        "{}",
        run.stderr
    );
    let run = list(&["in_space=true", "in_space=false"]).await;
    assert!(
        run.stderr.contains(
            "hangar: in_space=true is ignored, as the API reads only the last in_space= given"
        ),
        "{}",
        run.stderr
    );
    assert!(
        !ids(&run).contains(&"607".to_string()),
        "in space: the last one, false"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn show_and_flight_work_offline_and_missing_records_fail_plainly() {
    let home = tempfile::tempdir().unwrap();
    let run = hangar(home.path(), &["flight", "219", "--offline"]).await;
    assert_eq!(run.code, 3, "the snapshot: {}", run.stderr);
    assert!(run.stdout.contains("Soyuz-FG | Soyuz TMA-15"));
    assert!(run
        .stdout
        .contains("International Space Station at Zarya nadir"));
    assert!(run.stdout.contains("Roman Romanenko — Commander"));
    let run = hangar(
        home.path(),
        &["flights", "231", "--offline", "--format", "json"],
    )
    .await;
    let flights: Vec<serde_json::Value> = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(flights[0]["id"], 358);
    let run = hangar(home.path(), &["show", "9999", "--offline"]).await;
    assert_eq!(run.code, 1);
    assert_eq!(run.stdout, "");
    assert!(
        run.stderr
            .starts_with("hangar: spacecraft 9999 is not available offline"),
        "{}",
        run.stderr
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn the_api_key_is_never_written_to_the_cache_or_the_log() {
    let Ll2 {
        server: _server,
        url,
        ..
    } = FakeLl2::catalog(FakeCatalog::new(catalog(1..=120)))
        .every_path()
        .start()
        .await;
    let home = tempfile::tempdir().unwrap();
    let run = hangar(
        home.path(),
        &[
            "list",
            "--api-url",
            &url,
            "--api-key",
            "k3y-sekrit-42",
            "--log-level",
            "trace",
        ],
    )
    .await;
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mut checked = 0;
    for dir in ["cache", "state"] {
        for entry in walk(&home.path().join(dir)) {
            let text = String::from_utf8_lossy(&std::fs::read(&entry).unwrap()).to_string();
            assert!(
                !text.contains("k3y-sekrit-42"),
                "{} holds the key",
                entry.display()
            );
            checked += 1;
        }
    }
    assert!(checked >= 3, "cache pages and the log were written");
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else {
            files.push(path);
        }
    }
    files
}

#[tokio::test(flavor = "multi_thread")]
async fn the_config_file_is_read_and_print_config_says_where_each_value_came_from() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join(".config/hangar");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("config.toml"),
        "server = \"dev\"\ncatalog_ttl = \"12h\"\napi_key = \"file-key-123\"\nreserve = 5\nin_space_ttl = \"30m\"\n[keys]\nsearch = [\"/\", \"ctrl-f\"]\n[keys.filter_panel]\nreset_filters = [\"r\"]\n",
    )
    .unwrap();
    let run = hangar(home.path(), &["--print-config", "--timeout", "5s"]).await;
    assert_eq!(run.code, 0, "{}", run.stderr);
    let line = |name: &str| {
        run.stdout
            .lines()
            .find(|l| l.starts_with(name))
            .unwrap_or_default()
            .to_string()
    };
    assert!(
        line("api_url").contains("lldev.thespacedevs.com")
            && line("api_url").contains("# config file"),
        "{}",
        run.stdout
    );
    assert!(line("catalog_ttl").contains("\"12h\"") && line("catalog_ttl").contains("config file"));
    assert!(line("timeout").contains("\"5s\"") && line("timeout").ends_with("# command line"));
    assert!(line("flights_ttl").ends_with("# default"));
    assert!(line("reserve").contains("5") && line("reserve").contains("config file"));
    assert!(
        line("in_space_ttl").contains("\"30m\"") && line("in_space_ttl").contains("config file")
    );
    assert!(line("api_key").contains("<set, hidden>"));
    assert!(
        !run.stdout.contains("file-key-123"),
        "the key is never printed"
    );
    assert!(run.stdout.contains("# log file:") && run.stdout.contains("state/hangar/hangar.log"));
    assert!(run.stdout.contains("keys.search = [\"/\", \"ctrl-f\"]"));
    assert!(run
        .stdout
        .contains("keys.filter_panel.reset_filters = [\"r\"]"));
    // The environment and the command line win over the file, in that order.
    let mut env = tokio::process::Command::new(env!("CARGO_BIN_EXE_hangar"));
    let out = env
        .args(["--print-config"])
        .env_clear()
        .env("HOME", home.path())
        .env("HANGAR_RESERVE", "1")
        .output()
        .await
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let reserve = text.lines().find(|l| l.starts_with("reserve")).unwrap();
    assert!(
        reserve.contains("= 1") && reserve.contains("HANGAR_RESERVE"),
        "{reserve}"
    );
    let run = hangar(home.path(), &["--print-config", "--reserve", "0"]).await;
    let reserve = run
        .stdout
        .lines()
        .find(|l| l.starts_with("reserve"))
        .unwrap()
        .to_string();
    assert!(
        reserve.contains("= 0") && reserve.ends_with("# command line"),
        "{reserve}"
    );
}

/// The README's example config is a config hangar takes, keys and all.
#[tokio::test(flavor = "multi_thread")]
async fn the_readmes_example_config_is_accepted() {
    let readme = include_str!("../README.md");
    let section = &readme[readme.find("## Configuration").unwrap()..];
    let start = section.find("```toml\n").unwrap() + "```toml\n".len();
    let example = &section[start..start + section[start..].find("```").unwrap()];
    assert!(example.contains("[keys.filter_panel]"), "{example}");
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("example.toml");
    // Its cache directory and key variable are the reader's to choose.
    let example = example.replace(
        "/var/tmp/hangar",
        &home.path().join("cache").to_string_lossy(),
    );
    std::fs::write(&file, example).unwrap();
    let run = hangar(
        home.path(),
        &["--print-config", "--config", file.to_str().unwrap()],
    )
    .await;
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("keys.filter_panel.reset_filters = [\"x\", \"r\"]"),
        "{}",
        run.stdout
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_bad_config_file_is_refused_plainly() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("bad.toml");
    for (text, says) in [
        ("colour = \"red\"\n", "unknown field `colour`"),
        ("[keys]\nfly = [\"x\"]\n", "keys.fly: no such command"),
        (
            "[keys.filter_panel]\ncopy = [\"c\"]\n",
            "keys.filter_panel.copy: no such command in the filter panel",
        ),
        ("[keys.popup]\nback = [\"x\"]\n", "keys.popup: no such mode"),
        ("[keys.help_screen]\nback = [\"j\"]\n", "bound to both"),
        ("[colors]\naccent = \"blurple\"\n", "not a colour"),
        ("catalog_ttl = \"soon\"\n", "catalog_ttl"),
    ] {
        std::fs::write(&file, text).unwrap();
        let run = hangar(
            home.path(),
            &["list", "--offline", "--config", file.to_str().unwrap()],
        )
        .await;
        assert_eq!(run.code, 2, "{text}");
        assert!(run.stderr.contains(says), "{text}: {}", run.stderr);
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn completions_and_help_for_every_subcommand() {
    let home = tempfile::tempdir().unwrap();
    for shell in ["bash", "zsh", "fish"] {
        let run = hangar(home.path(), &["completions", shell]).await;
        assert_eq!(run.code, 0, "{shell}: {}", run.stderr);
        assert!(
            run.stdout.contains("hangar") && run.stdout.contains("flights"),
            "{shell}"
        );
    }
    for sub in ["list", "show", "flights", "flight", "status", "completions"] {
        let run = hangar(home.path(), &[sub, "--help"]).await;
        assert_eq!(run.code, 0, "{sub}");
        assert!(
            run.stdout.contains("Usage: hangar") && run.stdout.contains("--api-url"),
            "{sub}: {}",
            run.stdout
        );
        if sub == "list" {
            assert!(run.stdout.contains("--fuzzy <TEXT>"), "{}", run.stdout);
        }
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn two_processes_sharing_one_cache_never_corrupt_it() {
    let Ll2 {
        server: _server,
        url,
        ..
    } = FakeLl2::catalog(
        FakeCatalog::new(catalog(1..=603)).with_delay(std::time::Duration::from_millis(20)),
    )
    .start()
    .await;
    let home = tempfile::tempdir().unwrap();
    let args = ["list", "--api-url", &url, "--format", "csv", "--refresh"];
    for _ in 0..3 {
        let (a, b) = tokio::join!(hangar(home.path(), &args), hangar(home.path(), &args));
        assert_eq!((a.code, b.code), (0, 0), "{} {}", a.stderr, b.stderr);
        assert_eq!(a.stdout, b.stdout);
        assert_eq!(a.stdout.lines().count(), 604);
    }
    let cache = hangar::data::cache::Cache::new(home.path().join("cache"));
    let endpoints = hangar::api::Endpoints::new(&url).unwrap();
    for offset in (0..=600).step_by(100) {
        let entry = cache
            .get(&endpoints.catalog_page(offset))
            .expect("a whole entry");
        assert!(hangar::api::paging::parse_page::<hangar::api::Spacecraft>(&entry.body).is_ok());
    }
    let leftovers: Vec<_> = std::fs::read_dir(cache.dir())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "no temporary files left behind");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_refused_key_is_reported_without_the_key() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            wiremock::ResponseTemplate::new(401)
                .set_body_json(serde_json::json!({"detail": "Invalid token."})),
        )
        .mount(&server)
        .await;
    let home = tempfile::tempdir().unwrap();
    let url = common::api_url(&server);
    let run = hangar(
        home.path(),
        &["show", "5", "--api-url", &url, "--api-key", "k3y-sekrit-42"],
    )
    .await;
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("HTTP 401") && run.stderr.contains("Invalid token."),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("k3y-sekrit-42") && !run.stdout.contains("k3y-sekrit-42"));
    for file in walk(home.path()) {
        let text = String::from_utf8_lossy(&std::fs::read(&file).unwrap()).to_string();
        assert!(
            !text.contains("k3y-sekrit-42"),
            "{} holds the key",
            file.display()
        );
    }
}

/// Issue 16: records dropped, and a count the pages do not bear out, are said on stderr.
#[tokio::test(flavor = "multi_thread")]
async fn dropped_records_and_an_absurd_count_are_said() {
    let server = MockServer::start().await;
    let mut results: Vec<serde_json::Value> = catalog(1..=20);
    for id in [-1i64, -2, 0] {
        let mut bad = spacecraft_json(1, "bad", "Soyuz MS");
        bad["id"] = serde_json::json!(id);
        results.push(bad);
    }
    let body = serde_json::json!({
        "count": 2_000_000_000u64, "next": null, "previous": null, "results": results
    });
    Mock::given(method("GET"))
        .and(path("/2.3.0/spacecraft/"))
        .respond_with(wiremock::ResponseTemplate::new(200).set_body_json(body))
        .expect(1)
        .mount(&server)
        .await;
    let home = tempfile::tempdir().unwrap();
    let url = common::api_url(&server);
    let run = hangar(
        home.path(),
        &["list", "--api-url", &url, "--format", "json"],
    )
    .await;
    let records: Vec<serde_json::Value> = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(records.len(), 20);
    assert!(run.stderr.contains("3 records left out"), "{}", run.stderr);
    // What was printed is not all the API sent.
    assert_eq!(run.code, 3, "{}", run.stderr);
    assert!(!run.stderr.contains("showing live"), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("the API said 2000000000 records but its pages end at 23"),
        "{}",
        run.stderr
    );
    // Read back from the cache, it is said again, and costs nothing.
    let run = hangar(home.path(), &["list", "--api-url", &url]).await;
    assert_eq!(run.code, 3, "{}", run.stderr);
    assert!(run.stderr.contains("3 records left out"), "{}", run.stderr);
}

#[tokio::test(flavor = "multi_thread")]
async fn stats_offline_rests_on_the_snapshots_two_flights_and_says_so() {
    let home = tempfile::tempdir().unwrap();
    let run = hangar(home.path(), &["stats", "--offline"]).await;
    assert_eq!(run.code, 3, "nothing synced: {}", run.stderr);
    assert!(
        run.stderr.contains("run `hangar sync` first"),
        "{}",
        run.stderr
    );
    let out = &run.stdout;
    assert!(
        out.starts_with("Figures from 2 flights; the total is not known\n"),
        "{out}"
    );
    for line in [
        "1963        1          0       1",
        "2009        1          1       0",
        "Time in space per configuration (all: 192d 19h)",
        "Soyuz TMA           187d 20h        1           1",
        "   219  Soyuz TMA-15     2009-05-27 10:34  187d 20h",
        "   358  Vostok-3KA No.7  1963-06-14 11:58    4d 23h",
    ] {
        assert!(out.lines().any(|l| l == line), "{line:?} in\n{out}");
    }
    assert!(
        !out.contains("1964"),
        "a table leaves out years without a flight"
    );
    let json = hangar(home.path(), &["stats", "--offline", "--format", "json"]).await;
    assert_eq!(json.code, 3);
    let v: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(v["flights_used"], 2);
    assert_eq!(v["total_flights"], serde_json::Value::Null);
    assert_eq!(
        v["flights_per_year"]["families"],
        serde_json::json!(["Soyuz TMA", "Vostok"])
    );
    assert_eq!(
        v["flights_per_year"]["years"].as_array().unwrap().len(),
        2009 - 1963 + 1
    );
    assert_eq!(
        v["time_in_space"]["configurations"][0]["total"],
        "P187DT20H42M7S"
    );
    assert_eq!(v["reuse"]["configurations"], serde_json::json!([]));
    assert_eq!(v["most_flown"][0]["spacecraft_id"], 78);
    assert_eq!(v["longest_flights"][1]["flight_id"], 358);
}

#[tokio::test(flavor = "multi_thread")]
async fn stats_after_a_sync_cost_nothing_and_count_every_flight() {
    let Ll2 {
        server: _server,
        fake,
        url,
    } = FakeLl2::new().start().await;
    let home = tempfile::tempdir().unwrap();
    let run = hangar(home.path(), &["sync", "--api-url", &url]).await;
    assert_eq!(run.code, 0, "{}", run.stderr);
    let before = fake.paid().len();
    let run = hangar(
        home.path(),
        &["stats", "--api-url", &url, "--format", "json"],
    )
    .await;
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stderr, "");
    assert_eq!(
        fake.paid().len(),
        before,
        "no request: {:?}",
        &fake.paid()[before..]
    );
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(
        (v["flights_used"].as_u64(), v["total_flights"].as_u64()),
        (Some(1206), Some(1206))
    );
    // Every flight three days from 2000-01-01 on, each lasting three days.
    let years = v["flights_per_year"]["years"].as_array().unwrap();
    let per_year: Vec<(u64, u64)> = years
        .iter()
        .map(|y| (y["year"].as_u64().unwrap(), y["flights"].as_u64().unwrap()))
        .collect();
    assert_eq!(
        per_year.first(),
        Some(&(2000, 121)),
        "2000-01-04 to 2000-12-30"
    );
    assert_eq!(per_year.iter().map(|(_, n)| n).sum::<u64>(), 1206);
    assert_eq!(v["flights_per_year"]["agencies"], serde_json::json!(["AG"]));
    let time = &v["time_in_space"]["configurations"][0];
    assert_eq!(
        (time["configuration"].as_str(), time["total"].as_str()),
        (Some("Soyuz MS"), Some("P3618D"))
    );
    // Spacecraft `id` flies `id % 5` times, back to back: 723 turnarounds of
    // no time at all, in 362 spacecraft.
    let reuse = &v["reuse"]["configurations"][0];
    assert_eq!(
        (reuse["turnarounds"].as_u64(), reuse["spacecraft"].as_u64()),
        (Some(723), Some(362))
    );
    assert_eq!(
        (reuse["min"].as_str(), reuse["median"].as_str()),
        (Some("P0D"), Some("P0D"))
    );
    let fastest: Vec<(u64, u64, u64)> = v["reuse"]["fastest"]
        .as_array()
        .unwrap()
        .iter()
        .take(3)
        .map(|t| {
            let n = |k: &str| t[k].as_u64().unwrap();
            (n("spacecraft_id"), n("from_flight"), n("to_flight"))
        })
        .collect();
    assert_eq!(fastest, [(2, 2, 3), (3, 4, 5), (3, 5, 6)]);
    let most: Vec<u64> = v["most_flown"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["spacecraft_id"].as_u64().unwrap())
        .collect();
    assert_eq!(
        most,
        [4, 9, 14, 19, 24, 29, 34, 39, 44, 49],
        "four flights each, by id"
    );
    let longest: Vec<u64> = v["longest_flights"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["flight_id"].as_u64().unwrap())
        .collect();
    assert_eq!(
        longest,
        (1..=10).collect::<Vec<_>>(),
        "three days each, by id"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn stats_on_a_partial_sync_say_on_how_many_flights_they_rest() {
    let Ll2 {
        server: _server,
        url,
        ..
    } = FakeLl2::new()
        .budget(15, std::time::Duration::from_secs(3600))
        .start()
        .await;
    let home = tempfile::tempdir().unwrap();
    let run = hangar(home.path(), &["sync", "--api-url", &url]).await;
    assert_eq!(run.code, 3, "the budget stops it: {}", run.stderr);
    let run = hangar(home.path(), &["stats", "--api-url", &url]).await;
    assert_eq!(run.code, 3, "{}", run.stderr);
    assert!(
        run.stdout
            .starts_with("Figures from 500 of 1,206 flights\n"),
        "{}",
        run.stdout
    );
    assert!(
        run.stderr.contains("figures from 500 of 1,206 flights"),
        "{}",
        run.stderr
    );
}

/// `hangar --print-config ARGS` with only HOME and `env` set: exit code, stdout, stderr.
async fn print_config(
    home: &std::path::Path,
    env: &[(&str, &str)],
    args: &[&str],
) -> (Option<i32>, String, String) {
    let out = tokio::process::Command::new(env!("CARGO_BIN_EXE_hangar"))
        .arg("--print-config")
        .args(args)
        .env_clear()
        .env("HOME", home)
        .envs(env.iter().copied())
        .output()
        .await
        .unwrap();
    (
        out.status.code(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[tokio::test(flavor = "multi_thread")]
async fn images_come_from_the_flag_the_environment_or_the_file_and_no_color_turns_them_off() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let file = h.join("config.toml");
    std::fs::write(&file, "images = \"halfblocks\"\n").unwrap();
    let file = file.to_str().unwrap();
    let images = |stdout: &str| {
        stdout
            .lines()
            .find(|l| l.starts_with("images"))
            .unwrap_or_default()
            .to_string()
    };
    let (code, out, _) = print_config(h, &[], &[]).await;
    assert_eq!(code, Some(0));
    assert!(images(&out).contains("\"auto\"") && images(&out).ends_with("# default"));
    let (_, out, _) = print_config(h, &[], &["--config", file]).await;
    assert!(images(&out).contains("\"halfblocks\"") && images(&out).contains("config file"));
    let (_, out, _) = print_config(h, &[("HANGAR_IMAGES", "off")], &["--config", file]).await;
    assert!(images(&out).contains("\"off\"") && images(&out).contains("HANGAR_IMAGES"));
    let (_, out, _) = print_config(h, &[("HANGAR_IMAGES", "off")], &["--images", "auto"]).await;
    assert!(images(&out).contains("\"auto\"") && images(&out).ends_with("# command line"));
    // Pictures are colour: NO_COLOR turns them off, over the environment and
    // the file; only this command line's own --images overrides it.
    let no_color = [("NO_COLOR", "1"), ("HANGAR_IMAGES", "halfblocks")];
    let (_, out, _) = print_config(h, &no_color, &["--config", file]).await;
    let line = images(&out);
    assert!(
        line.contains("\"off\"") && line.contains("NO_COLOR"),
        "{line}"
    );
    let (_, out, _) = print_config(h, &no_color, &["--images", "halfblocks"]).await;
    let line = images(&out);
    assert!(
        line.contains("\"halfblocks\"") && line.ends_with("# command line"),
        "{line}"
    );
    // A value that is none of the three is a usage error that says which are.
    let (code, _, err) = print_config(h, &[], &["--images", "sixel"]).await;
    assert_eq!(code, Some(2));
    assert!(err.contains("auto, halfblocks, off"), "{err}");
    let bad = h.join("bad.toml");
    std::fs::write(&bad, "images = \"sixel\"\n").unwrap();
    let (code, _, err) = print_config(h, &[], &["--config", bad.to_str().unwrap()]).await;
    assert_eq!(code, Some(2));
    assert!(err.contains("images"), "{err}");
}
