//! Faults the client and the UI survive, end to end: the real task runner
//! and `update` against a loopback server that misbehaves.

mod common;

use common::*;
use hangar::api::paging::{load_all, Plan};
use hangar::api::Priority;
use hangar::api::{Client, Endpoints, Spacecraft};
use hangar::app::action::Action;
use hangar::app::{update, Level};
use hangar::data::store::Origin;
use jiff::Timestamp;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

/// Serves the fake catalog, but answers request number `n` with `fault(n)` when it returns one.
#[derive(Clone)]
struct Faulty<F> {
    catalog: FakeCatalog,
    seen: Arc<AtomicUsize>,
    fault: F,
}

impl<F: Fn(usize, &Request) -> Option<ResponseTemplate> + Send + Sync> Respond for Faulty<F> {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let n = self.seen.fetch_add(1, Ordering::SeqCst) + 1;
        (self.fault)(n, request).unwrap_or_else(|| self.catalog.respond(request))
    }
}

async fn serve<F>(fault: F) -> (MockServer, Arc<AtomicUsize>, String)
where
    F: Fn(usize, &Request) -> Option<ResponseTemplate> + Clone + Send + Sync + 'static,
{
    let Ll2 { server, fake, url } = FakeLl2::catalog(Faulty {
        catalog: FakeCatalog::new(catalog(1..=603)),
        seen: Arc::new(AtomicUsize::new(0)),
        fault,
    })
    .start()
    .await;
    (server, fake.seen, url)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_throttle_mid_load_keeps_the_rows_says_when_and_resumes_by_itself() {
    // The fourth request (a page in the middle) is throttled for 2 s, once.
    let (_server, seen, base) = serve(|n, _| (n == 4).then(|| throttled(2))).await;
    let mut app = App::new(&base, |c| c.client.max_throttle_wait = Duration::ZERO);
    app.start().await;
    let notice = app.state.notice.clone().expect("a notice");
    assert_eq!(notice.level, Level::Warning);
    assert!(
        notice.text.contains("throttled") && notice.text.contains("next request allowed in 2 s"),
        "{}",
        notice.text
    );
    assert!(app.state.rows().len() >= 32, "the rows shown before stay");
    assert!(app.state.net.throttled_until.is_some());
    // Pages sent in the same batch as the throttled one may still land; nothing else.
    tokio::time::sleep(Duration::from_millis(200)).await;
    let after_429 = seen.load(Ordering::SeqCst);
    assert!(after_429 <= 7, "only the first batch: {after_429}");
    // Ticks during the wait make no request.
    for _ in 0..5 {
        tokio::time::sleep(Duration::from_millis(200)).await;
        let effects = update(&mut app.state, Action::Tick(Timestamp::now()));
        assert!(effects.is_empty(), "{effects:?}");
    }
    assert_eq!(
        seen.load(Ordering::SeqCst),
        after_429,
        "no request before the wait is over"
    );
    tokio::time::sleep(Duration::from_millis(1200)).await;
    let effects = update(&mut app.state, Action::Tick(Timestamp::now()));
    assert!(!effects.is_empty(), "resumes by itself");
    app.run_until(effects, |s| s.net.loading.is_none()).await;
    assert_eq!(app.state.rows().len(), 603);
    assert_eq!(app.state.net.origin, Some(Origin::Live));
    assert_eq!(
        app.state.notice, None,
        "the throttle notice is gone once fresh data is in"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn gateway_pages_every_third_request_are_retried_and_the_load_completes() {
    let (_server, seen, base) =
        serve(|n, _| (n % 3 == 0).then(|| gateway_page([502, 503, 504][n / 3 % 3]))).await;
    let mut app = App::new(&base, |_| {});
    let effects = app.state.start(false);
    for e in effects {
        app.tasks.run(e);
    }
    let mut notices = Vec::new();
    while app.state.net.loading.is_some() || app.state.net.origin != Some(Origin::Live) {
        let action = tokio::time::timeout(Duration::from_secs(10), app.rx.recv())
            .await
            .unwrap()
            .unwrap();
        if let Action::Notice(text) = &action {
            notices.push(text.clone());
        }
        for e in update(&mut app.state, action) {
            app.tasks.run(e);
        }
    }
    assert_eq!(app.state.rows().len(), 603);
    assert!(
        seen.load(Ordering::SeqCst) > 7,
        "some requests were retried"
    );
    assert!(
        notices
            .iter()
            .any(|n| n.starts_with("server busy (50") && n.contains("retrying")),
        "{notices:?}"
    );
    assert!(
        notices.iter().all(|n| !n.contains("<html")),
        "a notice, not an error dump: {notices:?}"
    );
    assert_eq!(app.state.notice, None);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unreadable_body_is_named_and_never_cached() {
    let truncated = || {
        ResponseTemplate::new(200).set_body_raw(
            "{\"count\": 603, \"results\": [{\"id\": 1,",
            "application/json",
        )
    };
    let (_server, seen, base) = serve(move |_, _| Some(truncated())).await;
    let mut app = App::new(&base, |_| {});
    app.start().await;
    let notice = app.state.notice.clone().unwrap();
    assert_eq!(notice.level, Level::Error);
    assert!(
        notice
            .text
            .contains("unreadable response from http://127.0.0.1"),
        "{}",
        notice.text
    );
    assert!(
        notice.text.contains("/2.3.0/spacecraft/?format=json"),
        "{}",
        notice.text
    );
    assert_eq!(app.state.rows().len(), 32, "the snapshot stays on screen");
    assert_eq!(seen.load(Ordering::SeqCst), 2, "one retry");
}

#[tokio::test]
async fn an_empty_results_list_with_a_count_ends_the_load_at_once() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(serde_json::json!({"count": 603, "next": null, "results": []})),
        )
        .mount(&server)
        .await;
    let endpoints = Endpoints::new(&common::api_url(&server)).unwrap();
    let client = Client::new(fast_client()).unwrap();
    let loaded = load_all::<Spacecraft, _, _>(
        &client,
        |o| endpoints.catalog_page(o),
        Plan::fresh(Priority::Explicit, None),
        |_| {},
    )
    .await;
    assert!(loaded.stopped.is_none());
    assert!(loaded.records.is_empty());
    // An empty first page says the list ends there, whatever `count` claims.
    assert_eq!(loaded.requests, 1);
    assert_eq!(loaded.count_mismatch, Some((603, 0)));
}
