//! `hangar serve` (issue 22): the mirror answers as LL2's server does.
//! `tests/drf/serve_cases.json` holds what a real Django REST Framework +
//! django-filter server answered, whole (status, headers, body), to 155
//! requests over the bundled catalog's records (made by
//! `tests/drf/make_serve_cases.py`); the mirror, on a cache holding the same
//! records as its upstream sent them, must answer each the same, its own
//! origin in place of the test server's.

mod common;

use hangar::api::Endpoints;
use hangar::data::cache::Cache;
use hangar::data::store::Store;
use hangar::serve::{self, ServeConfig};
use jiff::Timestamp;
use serde::Deserialize;
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::path::Path;
use std::time::{Duration, Instant};

#[derive(Deserialize)]
struct Cases {
    origin: String,
    upstream: String,
    records: Vec<Value>,
    details: Vec<Value>,
    cases: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    method: String,
    path: String,
    query: String,
    status: u16,
    headers: BTreeMap<String, String>,
    body: Value,
}

fn cases() -> Cases {
    serde_json::from_str(include_str!("drf/serve_cases.json")).unwrap()
}

/// The catalog's first page in `dir`'s cache, as `upstream` sent it: `records`
/// of `count`.
fn first_page(dir: &Path, upstream: &str, count: usize, records: &[Value]) {
    let page = json!({"count": count, "next": null, "previous": null, "results": records});
    Cache::new(dir)
        .put(
            &Endpoints::new(upstream).unwrap().catalog_page(0),
            &page.to_string(),
            Timestamp::now(),
        )
        .unwrap();
}

/// A cache holding the catalog as `upstream` sent it, one page, and each
/// spacecraft's own record.
fn fill(dir: &Path, cases: &Cases) {
    first_page(dir, &cases.upstream, cases.records.len(), &cases.records);
    let endpoints = Endpoints::new(&cases.upstream).unwrap();
    let cache = Cache::new(dir);
    let now = Timestamp::now();
    for detail in &cases.details {
        let id = detail["id"].as_u64().unwrap();
        cache
            .put(&endpoints.spacecraft(id), &detail.to_string(), now)
            .unwrap();
    }
}

/// The mirror of `store`'s API on a loopback port: its public URL.
async fn start(store: Store) -> String {
    let config = ServeConfig {
        reload_every: Duration::from_millis(100),
        ..common::mirror_config()
    };
    common::serve_mirror(store, config).await.0
}

async fn mirror_of(dir: &Path, upstream: &str) -> String {
    start(common::store_with(upstream, dir, |c| c.offline = true)).await
}

/// The mirror on a cache holding the DRF cases' records (kept while the directory lives).
async fn filled_mirror() -> (Cases, tempfile::TempDir, String) {
    let cases = cases();
    let dir = tempfile::tempdir().unwrap();
    fill(dir.path(), &cases);
    let url = mirror_of(dir.path(), &cases.upstream).await;
    (cases, dir, url)
}

fn origin(url: &str) -> String {
    let rest = &url["http://".len()..];
    format!("http://{}", &rest[..rest.find('/').unwrap()])
}

async fn send(method: &str, url: &str) -> reqwest::Response {
    reqwest::Client::new()
        .request(method.parse().unwrap(), url)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn every_answer_is_the_drf_servers() {
    let (cases, _dir, url) = filled_mirror().await;
    let ours = origin(&url);
    let mut wrong = Vec::new();
    for case in &cases.cases {
        let target = format!(
            "{ours}{}{}",
            case.path,
            if case.query.is_empty() {
                String::new()
            } else {
                format!("?{}", case.query)
            }
        );
        let response = send(&case.method, &target).await;
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let text = response.text().await.unwrap();
        let want: Value =
            serde_json::from_str(&case.body.to_string().replace(&cases.origin, &ours)).unwrap();
        let got: Value = if text.is_empty() {
            Value::Null
        } else {
            serde_json::from_str(&text).unwrap()
        };
        let label = format!("{} {}?{}", case.method, case.path, case.query);
        if status != case.status || got != want {
            wrong.push(format!(
                "{label}: DRF {} {}, the mirror {status} {}",
                case.status,
                truncate(&want),
                truncate(&got)
            ));
        }
        for (name, value) in &case.headers {
            let got = headers.get(name.as_str()).and_then(|v| v.to_str().ok());
            if got != Some(value.as_str()) {
                wrong.push(format!("{label}: {name} {value:?}, the mirror {got:?}"));
            }
        }
        // LL2's, beside JSON its browsable renderer (the test server has one renderer).
        // And the encoding: the mirror gzips for who asks.
        assert_eq!(headers["vary"], "Accept, Accept-Encoding", "{label}");
        assert_eq!(headers["via"], "1.1 hangar", "{label}");
    }
    assert!(cases.cases.len() > 150);
    assert!(
        wrong.is_empty(),
        "{} of {} differ:\n{}",
        wrong.len(),
        cases.cases.len(),
        wrong.join("\n")
    );
}

/// The status line's code of a request written by hand.
async fn raw_status(origin: &str, target: &str) -> u16 {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut stream = tokio::net::TcpStream::connect(&origin["http://".len()..])
        .await
        .unwrap();
    let request = format!("GET {target} HTTP/1.1\r\nHost: mirror\r\nConnection: close\r\n\r\n");
    // The server may answer and close before it has read everything.
    let _ = stream.write_all(request.as_bytes()).await;
    let mut head = [0u8; 12];
    stream.read_exact(&mut head).await.unwrap();
    std::str::from_utf8(&head[9..12]).unwrap().parse().unwrap()
}

async fn json_of(response: reqwest::Response) -> Value {
    serde_json::from_str(&response.text().await.unwrap()).unwrap()
}

fn truncate(v: &Value) -> String {
    let text = v.to_string();
    text.chars().take(300).collect()
}

/// Every answer holds to the published schema's component for it.
#[tokio::test]
async fn answers_validate_against_the_schema() {
    let (cases, _dir, url) = filled_mirror().await;
    let page = common::schema::validator("PaginatedPolymorphicSpacecraftEndpointList");
    let normal = common::schema::validator("SpacecraftNormal");
    // The bundled pages are normal-mode rows, which `mode=detailed` and a
    // record's own endpoint serve as held: the detailed shapes are checked
    // on what a sync from the fake API brings.
    for (query, record) in [("limit=100", &normal)] {
        let body = send("GET", &format!("{url}/spacecraft/?{query}")).await;
        let body = json_of(body).await;
        assert!(page.is_valid(&body), "{query}");
        let results = body["results"].as_array().unwrap();
        assert_eq!(results.len(), cases.records.len());
        for r in results {
            let errors: Vec<String> = record.iter_errors(r).map(|e| e.to_string()).collect();
            assert!(errors.is_empty(), "{query} {}: {errors:?}", r["id"]);
        }
    }
}

/// Until the whole catalog is in the cache, the list says so (503), and
/// never passes a part off as the whole; the bundled snapshot never stands in.
#[tokio::test]
async fn a_catalog_not_whole_is_503_with_retry_after() {
    let cases = cases();
    // Nothing cached: the snapshot would stand in for the CLI, not here.
    let empty = tempfile::tempdir().unwrap();
    let url = mirror_of(empty.path(), &cases.upstream).await;
    for path in [
        "spacecraft/",
        "spacecraft/45/",
        "spacecraft_flights/",
        "spacecraft_flights/1/",
    ] {
        let response = send("GET", &format!("{url}/{path}")).await;
        assert_eq!(response.status(), 503, "{path}");
        assert_eq!(response.headers()["retry-after"], "30");
        let body: Value = json_of(response).await;
        assert!(
            body["detail"].as_str().unwrap().contains("hangar sync"),
            "{body}"
        );
    }
    // One page of three.
    let partial = tempfile::tempdir().unwrap();
    let hundred: Vec<Value> = (1..=100)
        .map(|id| common::spacecraft_json(id, &format!("S{id}"), "Soyuz"))
        .collect();
    first_page(partial.path(), &cases.upstream, 250, &hundred);
    let url = mirror_of(partial.path(), &cases.upstream).await;
    let response = send("GET", &format!("{url}/spacecraft/")).await;
    assert_eq!(response.status(), 503);
    let body: Value = json_of(response).await;
    assert!(
        body["detail"].as_str().unwrap().contains("100 of 250"),
        "{body}"
    );
    // The whole catalog, but neither a record's own answer nor a sync: its
    // `flights` cannot be told, so the record is not answered as if it had none.
    let catalog_only = tempfile::tempdir().unwrap();
    let n = cases.records.len();
    first_page(catalog_only.path(), &cases.upstream, n, &cases.records);
    let url = mirror_of(catalog_only.path(), &cases.upstream).await;
    assert_eq!(
        send("GET", &format!("{url}/spacecraft/")).await.status(),
        200
    );
    let response = send("GET", &format!("{url}/spacecraft/45/")).await;
    assert_eq!(response.status(), 503);
    assert_eq!(response.headers()["retry-after"], "30");
    let body = json_of(response).await;
    assert!(
        body["detail"].as_str().unwrap().contains("spacecraft 45"),
        "{body}"
    );
    let response = send("GET", &format!("{url}/spacecraft/99999/")).await;
    assert_eq!(response.status(), 404);
}

/// A cache filled while the mirror runs (by a `hangar sync` elsewhere) is
/// served once it is whole, without a restart.
#[tokio::test]
async fn a_cache_filled_while_serving_is_served() {
    let cases = cases();
    let dir = tempfile::tempdir().unwrap();
    let url = mirror_of(dir.path(), &cases.upstream).await;
    let list = format!("{url}/spacecraft/?limit=1");
    assert_eq!(send("GET", &list).await.status(), 503);
    fill(dir.path(), &cases);
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let response = send("GET", &list).await;
        if response.status() == 200 {
            let page = json_of(response).await;
            assert_eq!(page["count"], cases.records.len());
            break;
        }
        assert!(Instant::now() < deadline, "still {}", response.status());
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// What is not an endpoint of the mirror, or too large to read, is refused
/// without being read.
#[tokio::test]
async fn malformed_and_huge_requests_are_refused() {
    let (_, _dir, url) = filled_mirror().await;
    let ours = origin(&url);
    for path in [
        "/",
        "/2.3.0/",
        "/2.3.0/spacecraft",
        "/2.3.0/spacecraft/45",
        "/2.3.0/spacecraft/4.5/",
        "/2.3.0/spacecraft/45/x/",
        "/2.2.0/spacecraft/",
        "/2.3.0/launches/",
        "/2.3.0/api-throttle/1/",
        "/2.3.0/spacecraft_flights",
    ] {
        let response = send("GET", &format!("{ours}{path}")).await;
        assert_eq!(response.status(), 404, "{path}");
        assert_eq!(response.headers()["content-type"], "application/json");
        let body: Value = json_of(response).await;
        let detail = body["detail"].as_str().unwrap();
        assert!(detail.contains(&format!("{url}/spacecraft/")), "{detail}");
    }
    // Past what the mirror reads (8 KB): its own 414, in JSON.
    let long = format!("{url}/spacecraft/?search={}", "a".repeat(20 * 1024));
    let response = send("GET", &long).await;
    assert_eq!(response.status(), 414);
    let body = json_of(response).await;
    assert!(body["detail"].as_str().unwrap().contains("8192"), "{body}");
    // 100 KB, past what an HTTP library represents (64 KB): refused by
    // hyper before any of it is parsed. No client builds it; it goes raw.
    let started = Instant::now();
    let status = raw_status(
        &ours,
        &format!("/2.3.0/spacecraft/?search={}", "a".repeat(100 * 1024)),
    )
    .await;
    assert_eq!(status, 414);
    assert!(started.elapsed() < Duration::from_secs(5));
    let fields = format!("{url}/spacecraft/?{}", "a=1&".repeat(1000));
    let response = send("GET", &fields).await;
    assert_eq!(response.status(), 400);
    let body: Value = json_of(response).await;
    assert!(body["detail"].as_str().unwrap().contains("1000"), "{body}");
    // Still answering.
    let response = send("GET", &format!("{url}/spacecraft/?limit=1")).await;
    assert_eq!(response.status(), 200);
}

/// Behind a proxy: links and records point at the public URL, and requests
/// are routed from its path.
#[tokio::test]
async fn the_public_url_shapes_links_and_routes() {
    let cases = cases();
    let dir = tempfile::tempdir().unwrap();
    fill(dir.path(), &cases);
    let store = common::store_with(&cases.upstream, dir.path(), |c| c.offline = true);
    let config = ServeConfig {
        public_url: Some("https://mirror.example/ll2/2.3.0/".into()),
        ..common::mirror_config()
    };
    let (url, addr) = common::serve_mirror(store, config).await;
    assert_eq!(url, "https://mirror.example/ll2/2.3.0");
    let local = format!("http://{addr}");
    let page = json_of(send("GET", &format!("{local}/ll2/2.3.0/spacecraft/?limit=1")).await).await;
    assert_eq!(
        page["next"],
        "https://mirror.example/ll2/2.3.0/spacecraft/?limit=1&offset=1"
    );
    let id = &page["results"][0]["id"];
    assert_eq!(
        page["results"][0]["url"],
        format!("https://mirror.example/ll2/2.3.0/spacecraft/{id}/")
    );
    let response = send("GET", &format!("{local}/2.3.0/spacecraft/")).await;
    assert_eq!(response.status(), 404);
}

#[tokio::test]
async fn what_it_cannot_mirror_is_refused_at_start() {
    let dir = tempfile::tempdir().unwrap();
    let listen = "127.0.0.1:0".parse().unwrap();
    let store = common::store_with("https://ll.thespacedevs.com/2.3.0", dir.path(), |c| {
        c.offline = true
    });
    for (url, says) in [
        ("http://m/2.2.0", "upstream's version"),
        ("http://m/", "must end with the API version"),
        ("ftp://m/2.3.0", "http:// or https://"),
    ] {
        let config = ServeConfig {
            listen,
            public_url: Some(url.into()),
            reload_every: serve::RELOAD_EVERY,
            guard: serve::GuardConfig::default(),
        };
        let err = serve::bind(&store, config).await.err().unwrap();
        assert!(err.contains(says), "{url}: {err}");
    }
}

/// A client that neither asks for gzip nor decodes it: the bytes as sent.
fn raw_client() -> reqwest::Client {
    reqwest::Client::builder().no_gzip().build().unwrap()
}

async fn get_with(url: &str, headers: &[(&str, &str)]) -> reqwest::Response {
    let mut request = raw_client().get(url);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    request.send().await.unwrap()
}

fn header(response: &reqwest::Response, name: &str) -> String {
    response.headers()[name].to_str().unwrap().to_string()
}

#[tokio::test]
async fn answers_say_their_age_and_conditional_requests_are_304() {
    let (cases, _dir, url) = filled_mirror().await;
    let id = cases.details[0]["id"].as_u64().unwrap();
    for target in [
        format!("{url}/spacecraft/{id}/"),
        format!("{url}/spacecraft/?limit=5&ordering=-time_in_space"),
    ] {
        let first = get_with(&target, &[]).await;
        assert_eq!(first.status(), 200, "{target}");
        let etag = header(&first, "etag");
        let modified = header(&first, "last-modified");
        assert!(etag.starts_with('"') && etag.ends_with('"'), "{etag}");
        assert!(modified.ends_with(" GMT"), "{modified}");
        assert_eq!(header(&first, "via"), "1.1 hangar");
        // Fetched just now, fresh for the default day.
        let age: i64 = header(&first, "cache-control")
            .strip_prefix("max-age=")
            .unwrap()
            .parse()
            .unwrap();
        assert!((86_390..=86_400).contains(&age), "{target}: {age}");
        let body = first.bytes().await.unwrap();

        let again = get_with(&target, &[("if-none-match", &etag)]).await;
        assert_eq!(again.status(), 304, "{target}");
        assert_eq!(header(&again, "etag"), etag);
        assert_eq!(header(&again, "cache-control"), format!("max-age={age}"));
        assert!(again.bytes().await.unwrap().is_empty());
        for tags in [
            format!("W/{etag}"),
            format!("\"nope\", {etag}"),
            "*".to_string(),
        ] {
            let r = get_with(&target, &[("if-none-match", &tags)]).await;
            assert_eq!(r.status(), 304, "{target} {tags}");
        }
        let other = get_with(&target, &[("if-none-match", "\"nope\"")]).await;
        assert_eq!(other.status(), 200, "{target}");
        assert_eq!(other.bytes().await.unwrap(), body);

        let since = get_with(&target, &[("if-modified-since", &modified)]).await;
        assert_eq!(since.status(), 304, "{target}");
        let older = "Mon, 01 Jan 2024 00:00:00 GMT";
        let r = get_with(&target, &[("if-modified-since", older)]).await;
        assert_eq!(r.status(), 200, "{target}");
        // If-None-Match decides when present: a tag not held is 200 whatever the date.
        let both = [
            ("if-none-match", "\"nope\""),
            ("if-modified-since", &modified),
        ];
        assert_eq!(get_with(&target, &both).await.status(), 200, "{target}");

        let head = raw_client().head(&target).send().await.unwrap();
        assert_eq!(head.status(), 200);
        assert_eq!(header(&head, "etag"), etag);
        assert_eq!(header(&head, "last-modified"), modified);
        assert!(head.bytes().await.unwrap().is_empty());

        // gzip for who asks: another representation, another strong tag.
        let gzipped = get_with(&target, &[("accept-encoding", "gzip")]).await;
        assert_eq!(header(&gzipped, "content-encoding"), "gzip");
        assert_eq!(header(&gzipped, "vary"), "Accept, Accept-Encoding");
        let gzip_tag = header(&gzipped, "etag");
        assert_ne!(gzip_tag, etag);
        let raw = gzipped.bytes().await.unwrap();
        assert_eq!(&raw[..2], &[0x1f, 0x8b], "{target}");
        let decoded = reqwest::Client::new().get(&target).send().await.unwrap();
        assert_eq!(decoded.bytes().await.unwrap(), body);
        let held = get_with(
            &target,
            &[("accept-encoding", "gzip"), ("if-none-match", &gzip_tag)],
        )
        .await;
        assert_eq!(held.status(), 304, "{target}");
        assert_eq!(header(&held, "etag"), gzip_tag);
    }
    // What is made now, or an error: no date, asked again each time.
    let throttle = get_with(&format!("{url}/api-throttle/"), &[]).await;
    assert_eq!(header(&throttle, "cache-control"), "no-cache");
    assert!(throttle.headers().get("last-modified").is_none());
    let missing = get_with(&format!("{url}/spacecraft/999999/"), &[]).await;
    assert_eq!(missing.status(), 404);
    assert_eq!(header(&missing, "cache-control"), "no-cache");
}

#[tokio::test]
async fn max_age_is_the_stores_freshness_and_0_when_stale() {
    let cases = cases();
    let dir = tempfile::tempdir().unwrap();
    fill(dir.path(), &cases);
    let id = cases.details[0]["id"].as_u64().unwrap();
    for (ttl, low, high) in [
        (jiff::SignedDuration::from_hours(1), 3_590, 3_600),
        (jiff::SignedDuration::ZERO, 0, 0),
    ] {
        let store = common::store_with(&cases.upstream, dir.path(), |c| {
            c.offline = true;
            c.freshness.catalog = ttl;
        });
        let url = start(store).await;
        for target in [
            format!("{url}/spacecraft/{id}/"),
            format!("{url}/spacecraft/"),
        ] {
            let r = get_with(&target, &[]).await;
            assert_eq!(r.status(), 200, "{target}");
            let age: i64 = header(&r, "cache-control")
                .strip_prefix("max-age=")
                .unwrap()
                .parse()
                .unwrap();
            assert!((low..=high).contains(&age), "{target}: {age} for {ttl:?}");
        }
    }
}
