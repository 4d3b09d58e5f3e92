//! Filter values are read as the API's server reads them (issue 21, 3).
//! `tests/drf/filter_cases.json` holds what a real Django REST Framework +
//! django-filter server answered to 1,361 query strings over the bundled
//! catalog pages (made by `tests/drf/make_filter_cases.py`, which runs that
//! stack); hangar reads the same parameters over the same records and must
//! give the same ids, or refuse with the same words where the server
//! answered 400.

mod common;

use hangar::api::Spacecraft;
use hangar::search::python;
use hangar::search::query::{FilterParam, FilterReading, Query};
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};

#[derive(Deserialize)]
struct Cases {
    versions: BTreeMap<String, String>,
    records: usize,
    decimal_zeros: Vec<u32>,
    white_space: Vec<u32>,
    cases: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    params: Vec<(String, String)>,
    status: u16,
    #[serde(default)]
    ids: Vec<u64>,
    #[serde(default)]
    errors: BTreeMap<String, Vec<String>>,
    /// For a name where the server wants an id: its answer for that id.
    extension: Option<Box<Case>>,
}

fn cases() -> Cases {
    serde_json::from_str(include_str!("drf/filter_cases.json")).unwrap()
}

/// The records the server held: the three bundled pages, merged by id.
fn records() -> Vec<Spacecraft> {
    let mut merged = BTreeMap::new();
    for body in common::SEED_CATALOG_PAGES {
        let page = hangar::api::paging::parse_page::<Spacecraft>(body).unwrap();
        merged.extend(page.results.into_iter().map(|s| (s.id, s)));
    }
    merged.into_values().collect()
}

/// What hangar answers: the ids found, or the refusal as the server's body.
fn hangar_answers(
    records: &[Spacecraft],
    params: &[FilterParam],
) -> Result<Vec<u64>, BTreeMap<String, Vec<String>>> {
    let reading = FilterReading::new(params);
    if let Err(errors) = reading.check(records) {
        let mut body: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for e in errors {
            body.entry(e.param.key.api_name().to_string())
                .or_default()
                .push(e.message.to_string());
        }
        return Err(body);
    }
    // Every value is applied or said to be ignored, never silently dropped.
    assert_eq!(
        reading.filters().len() + reading.notices.len(),
        params.len(),
        "{params:?}: {:?}",
        reading.notices
    );
    let query = Query {
        filters: reading.filters(),
        ..Default::default()
    };
    let mut ids: Vec<u64> = query
        .apply(records)
        .iter()
        .map(|&i| records[i].id)
        .collect();
    ids.sort();
    Ok(ids)
}

fn server_answers(case: &Case) -> Result<Vec<u64>, BTreeMap<String, Vec<String>>> {
    match case.status {
        200 => Ok(case.ids.clone()),
        400 => Err(case.errors.clone()),
        other => panic!("the server answered {other}"),
    }
}

#[test]
fn every_filter_spelling_reads_as_drf_reads_it() {
    let cases = cases();
    let records = records();
    assert_eq!(records.len(), cases.records, "the server's records");
    assert!(cases.cases.len() > 1000);
    let mut wrong = Vec::new();
    let mut by_name = 0;
    for case in &cases.cases {
        // The orderings are the mirror's to answer (tests/serve_parity.rs):
        // `--filter` reads no `ordering`.
        if case.params.iter().any(|(k, _)| k == "ordering") {
            continue;
        }
        let params: Vec<FilterParam> = case
            .params
            .iter()
            .map(|(k, v)| format!("{k}={v}").parse().unwrap())
            .collect();
        let want = match &case.extension {
            // hangar's own: the name stands for its id, where the server
            // would refuse it.
            Some(by_id) => {
                by_name += 1;
                server_answers(by_id)
            }
            None => server_answers(case),
        };
        let got = hangar_answers(&records, &params);
        if got != want {
            wrong.push(format!(
                "{:?}: the server {want:?}, hangar {got:?}",
                case.params
            ));
        }
    }
    assert!(by_name > 50, "names stand for ids: {by_name} cases");
    assert!(
        wrong.is_empty(),
        "{} of {} differ from {:?}:\n{}",
        wrong.len(),
        cases.cases.len(),
        cases.versions,
        wrong.join("\n")
    );
}

/// The issue's spellings, one by one, with the server's answer.
#[test]
fn the_issues_spellings_case_by_case() {
    let cases = cases();
    let records = records();
    let answer = |params: &[(&str, &str)]| {
        cases
            .cases
            .iter()
            .find(|c| {
                c.params.len() == params.len()
                    && c.params
                        .iter()
                        .zip(params)
                        .all(|((k, v), (pk, pv))| k == pk && v == pv)
            })
            .unwrap_or_else(|| panic!("no case {params:?}"))
    };
    let everything: Vec<u64> = records
        .iter()
        .map(|s| s.id)
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let invalid = |key: &str| {
        BTreeMap::from([(
            key.to_string(),
            vec![hangar::search::query::INVALID_CHOICE.to_string()],
        )])
    };
    let check = |params: &[(&str, &str)], want: Result<Vec<u64>, BTreeMap<String, Vec<String>>>| {
        let case = answer(params);
        assert_eq!(server_answers(case), want, "the server, {params:?}");
        let params: Vec<FilterParam> = params
            .iter()
            .map(|(k, v)| format!("{k}={v}").parse().unwrap())
            .collect();
        assert_eq!(
            hangar_answers(&records, &params),
            want,
            "hangar, {params:?}"
        );
    };
    for name in [
        "Soyuz 38",
        "Soyuz 38 ",
        " Soyuz 38",
        " Soyuz 38 ",
        "\tSoyuz 38\n",
    ] {
        check(&[("name", name)], Ok(vec![146]));
    }
    for blank in ["", "   "] {
        check(&[("name", blank)], Ok(everything.clone()));
    }
    check(&[("name", "soyuz 38")], Ok(vec![]));
    check(&[("name", "Soyuz  38")], Ok(vec![]));
    for yes in ["True", "true", "TRUE", "1"] {
        check(&[("in_space", yes)], Ok(vec![607]));
    }
    let on_the_ground: Vec<u64> = everything.iter().copied().filter(|&id| id != 607).collect();
    for no in ["False", "false", "0"] {
        check(&[("in_space", no)], Ok(on_the_ground.clone()));
    }
    for ignored in ["yes", "no", "maybe", " true", ""] {
        check(&[("in_space", ignored)], Ok(everything.clone()));
        check(&[("is_placeholder", ignored)], Ok(everything.clone()));
    }
    let retired = Ok(vec![214, 538]);
    for id in ["2", " 2 ", "+2", "02", "\u{a0}2\u{3000}", "\u{662}"] {
        check(&[("status", id)], retired.clone());
    }
    for refused in [
        "-2",
        "0",
        "5",
        "abc",
        "1.0",
        "2.0",
        "0x2",
        "2 2",
        " ",
        "99999999999999999999",
    ] {
        check(&[("status", refused)], Err(invalid("status")));
    }
    check(&[("status", "")], Ok(everything.clone()));
    check(&[("spacecraft_config", "3_8")], Ok(vec![45, 50, 456]));
    check(
        &[("spacecraft_config", "39")],
        Err(invalid("spacecraft_config")),
    );
    check(
        &[("in_space", "true"), ("in_space", "false")],
        Ok(on_the_ground),
    );
    check(
        &[("status", "4"), ("status", "abc")],
        Err(invalid("status")),
    );
}

/// The tables hangar reads numbers and white space by are Python's.
#[test]
fn digits_and_white_space_are_pythons() {
    let cases = cases();
    assert_eq!(python::DECIMAL_ZEROS.to_vec(), cases.decimal_zeros);
    let white: Vec<u32> = (0..=0x10ffff)
        .filter_map(char::from_u32)
        .filter(|&c| python::is_space(c))
        .map(u32::from)
        .collect();
    assert_eq!(white, cases.white_space);
}
