//! The mirror against a real Django REST Framework + django-filter server
//! on the filters: `tests/drf/filter_cases.json` holds what that server
//! answered to 1,361 query strings over the bundled catalog pages (made by
//! `tests/drf/make_filter_cases.py`); a mirror whose cache holds the same
//! records, asked the same query strings over HTTP, must answer the same
//! ids (all pages of them, `count` included, in DRF's order where the case
//! asks for one) or the same 400 body. The same for 2.2.0's endpoint
//! (`filter_cases-2.2.0.json`: three filters, ordering by id alone), from
//! a mirror of a 2.2.0 upstream.

mod common;

use hangar::api::Endpoints;
use hangar::data::cache::Cache;
use hangar::serve::ServeConfig;
use jiff::Timestamp;
use serde::Deserialize;
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::time::Duration;

#[derive(Deserialize)]
struct Cases {
    records: usize,
    cases: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    query: String,
    status: u16,
    #[serde(default)]
    ids: Vec<u64>,
    /// The ids in the order DRF answered them, for a case with an ordering.
    order: Option<Vec<u64>>,
    #[serde(default)]
    errors: BTreeMap<String, Vec<String>>,
}

/// The records the server held, as the API sent them: the three bundled
/// pages, merged by id.
fn records() -> Vec<Value> {
    let mut merged = BTreeMap::new();
    for body in common::SEED_CATALOG_PAGES {
        let page: Value = serde_json::from_str(body).unwrap();
        for r in page["results"].as_array().unwrap() {
            merged.insert(r["id"].as_u64().unwrap(), r.clone());
        }
    }
    merged.into_values().collect()
}

/// Every id of the list the mirror answers to `query`, page by page
/// (following `next`), in the order answered, and the `count` each page
/// said; or the 400's body.
async fn mirror_answers(
    client: &reqwest::Client,
    url: &str,
    query: &str,
) -> Result<(Vec<u64>, Vec<u64>), Value> {
    let mut next = Some(format!("{url}/spacecraft/?{query}"));
    let (mut ids, mut counts) = (Vec::new(), Vec::new());
    while let Some(page_url) = next.take() {
        let response = client.get(&page_url).send().await.unwrap();
        let status = response.status().as_u16();
        let body: Value = serde_json::from_str(&response.text().await.unwrap()).unwrap();
        match status {
            200 => {}
            400 => return Err(body),
            other => panic!("{page_url}: {other} {body}"),
        }
        counts.push(body["count"].as_u64().unwrap());
        ids.extend(
            body["results"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| r["id"].as_u64().unwrap()),
        );
        next = body["next"].as_str().map(String::from);
    }
    Ok((ids, counts))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_filter_case_is_answered_as_drf_answered_it() {
    parity(
        "https://ll.thespacedevs.com/2.3.0",
        include_str!("drf/filter_cases.json"),
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_mirror_of_2_2_0_answers_as_drf_answers_2_2_0() {
    parity(
        "https://ll.thespacedevs.com/2.2.0",
        include_str!("drf/filter_cases-2.2.0.json"),
    )
    .await;
}

async fn parity(upstream: &str, cases: &str) {
    let cases: Cases = serde_json::from_str(cases).unwrap();
    let records = records();
    assert_eq!(records.len(), cases.records);
    let dir = tempfile::tempdir().unwrap();
    let page = json!({"count": records.len(), "next": null, "previous": null, "results": records});
    Cache::new(dir.path())
        .put(
            &Endpoints::new(upstream).unwrap().catalog_page(0),
            &page.to_string(),
            Timestamp::now(),
        )
        .unwrap();
    let store = common::store_with(upstream, dir.path(), |c| c.offline = true);
    let config = ServeConfig {
        reload_every: Duration::from_secs(60),
        ..common::mirror_config()
    };
    let (url, _) = common::serve_mirror(store, config).await;
    assert!(url.ends_with(&upstream[upstream.len() - 6..]), "{url}");

    let client = reqwest::Client::new();
    let mut differ = Vec::new();
    let mut ordered = 0;
    for case in &cases.cases {
        // Pages of 7, so that most answers take several pages and `next`.
        let query = format!("{}&limit=7", case.query);
        let got = mirror_answers(&client, &url, &query).await;
        let same = match (&got, case.status) {
            (Ok((ids, counts)), 200) => {
                let mut sorted = ids.clone();
                sorted.sort();
                ordered += usize::from(case.order.is_some());
                sorted == case.ids
                    && case.order.as_ref().is_none_or(|order| order == ids)
                    && counts.iter().all(|&c| c == case.ids.len() as u64)
            }
            (Err(body), 400) => {
                let errors: BTreeMap<String, Vec<String>> =
                    serde_json::from_value(body.clone()).unwrap_or_default();
                errors == case.errors
            }
            _ => false,
        };
        if !same {
            differ.push(format!(
                "{}: DRF {} {:?}{:?}, the mirror {got:?}",
                case.query,
                case.status,
                case.order.as_ref().unwrap_or(&case.ids),
                case.errors
            ));
        }
    }
    assert!(ordered >= 17, "the ordering cases are read: {ordered}");
    assert!(
        differ.is_empty(),
        "{} of {} cases differ:\n{}",
        differ.len(),
        cases.cases.len(),
        differ.join("\n")
    );
}
