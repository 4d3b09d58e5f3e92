//! `hangar serve` on a shared network (issue 22, point 6): tokens, the rate
//! limit, slow and greedy clients, hostile request heads, the log, a
//! graceful stop. Real HTTP on loopback, raw TCP where a client would not
//! send what is tested.

mod common;

use hangar::api::Endpoints;
use hangar::data::cache::Cache;
use hangar::serve::{self, GuardConfig, ServeConfig};
use jiff::Timestamp;
use serde_json::{json, Value};
use std::net::SocketAddr;
use std::path::Path;
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpSocket, TcpStream};

const UPSTREAM: &str = "https://ll.thespacedevs.com/2.3.0";

/// The mirror, on an empty cache unless `fill` fills it: its address.
async fn start(dir: &Path, guard: GuardConfig) -> SocketAddr {
    let store = common::store_with(UPSTREAM, dir, |c| c.offline = true);
    let config = ServeConfig {
        guard,
        ..common::mirror_config()
    };
    common::serve_mirror(store, config).await.1
}

/// A catalog of `n` spacecraft, each with a description of `size` bytes.
fn fill(dir: &Path, n: usize, size: usize) {
    let records: Vec<Value> = (1..=n)
        .map(|id| {
            json!({
                "id": id, "url": format!("{UPSTREAM}/spacecraft/{id}/"), "name": format!("Craft {id}"),
                "serial_number": null, "is_placeholder": false, "in_space": false,
                "time_in_space": "P0D", "time_docked": "P0D", "flights_count": 0,
                "mission_ends_count": 0, "status": {"id": 1, "name": "Active"},
                "description": "x".repeat(size), "spacecraft_config": {"id": 1, "name": "Config"},
                "response_mode": "normal",
            })
        })
        .collect();
    let page = json!({"count": n, "next": null, "previous": null, "results": records});
    Cache::new(dir)
        .put(
            &Endpoints::new(UPSTREAM).unwrap().catalog_page(0),
            &page.to_string(),
            Timestamp::now(),
        )
        .unwrap();
}

/// Sends `request` as it is and reads the answer until the server closes.
async fn raw_from(from: Option<&str>, addr: SocketAddr, request: &[u8]) -> String {
    let socket = TcpSocket::new_v4().unwrap();
    if let Some(ip) = from {
        socket
            .bind(format!("{ip}:0").parse().unwrap())
            .expect("bind the client's address");
    }
    let mut stream = socket.connect(addr).await.unwrap();
    stream.write_all(request).await.unwrap();
    let mut answer = Vec::new();
    tokio::time::timeout(Duration::from_secs(10), stream.read_to_end(&mut answer))
        .await
        .expect("the server closes in time")
        .ok();
    String::from_utf8_lossy(&answer).into_owned()
}

async fn raw(addr: SocketAddr, request: &[u8]) -> String {
    raw_from(None, addr, request).await
}

/// A GET of `target` with `headers` (lines ending in \r\n), on its own connection.
async fn get(addr: SocketAddr, target: &str, headers: &str) -> String {
    let request = format!("GET {target} HTTP/1.1\r\nHost: m\r\n{headers}Connection: close\r\n\r\n");
    raw(addr, request.as_bytes()).await
}

fn status(answer: &str) -> u16 {
    answer
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no status line: {answer:?}"))
}

fn header<'a>(answer: &'a str, name: &str) -> Option<&'a str> {
    let head = answer.split("\r\n\r\n").next()?;
    head.lines().skip(1).find_map(|line| {
        let (n, v) = line.split_once(':')?;
        n.eq_ignore_ascii_case(name).then(|| v.trim())
    })
}

fn body(answer: &str) -> Value {
    let text = answer.split_once("\r\n\r\n").map_or("", |(_, b)| b);
    serde_json::from_str(text).unwrap_or_else(|e| panic!("{e}: {answer:?}"))
}

fn guard(tokens: &[&str], rate: Option<&str>) -> GuardConfig {
    GuardConfig {
        tokens: tokens.iter().map(|t| t.to_string()).collect(),
        rate: rate.map(|r| r.parse().unwrap()),
        ..GuardConfig::default()
    }
}

#[tokio::test]
async fn tokens_are_checked_as_drf_checks_them() {
    let dir = tempfile::tempdir().unwrap();
    let addr = start(dir.path(), guard(&["right-one", "second"], None)).await;
    let throttle = "/2.3.0/api-throttle/";
    for (sent, want) in [
        ("", "Authentication credentials were not provided."),
        (
            "Authorization: Bearer right-one\r\n",
            "Authentication credentials were not provided.",
        ),
        ("Authorization: Token wrong\r\n", "Invalid token."),
        ("Authorization: Token right-on\r\n", "Invalid token."),
        ("Authorization: Token right-one2\r\n", "Invalid token."),
        (
            "Authorization: Token\r\n",
            "Invalid token header. No credentials provided.",
        ),
        (
            "Authorization: Token right-one extra\r\n",
            "Invalid token header. Token string should not contain spaces.",
        ),
    ] {
        let answer = get(addr, throttle, sent).await;
        assert_eq!(status(&answer), 401, "{sent:?}: {answer}");
        assert_eq!(
            header(&answer, "www-authenticate"),
            Some("Token"),
            "{sent:?}"
        );
        assert_eq!(body(&answer), json!({ "detail": want }), "{sent:?}");
    }
    // Bytes that are not UTF-8, as a raw client can send them.
    let request = b"GET /2.3.0/api-throttle/ HTTP/1.1\r\nHost: m\r\nAuthorization: Token ab\xff\xfe\r\nConnection: close\r\n\r\n";
    let answer = raw(addr, request).await;
    assert_eq!(
        body(&answer)["detail"],
        "Invalid token header. Token string should not contain invalid characters."
    );
    // Right, in either case of the keyword, either token; every endpoint asks.
    for sent in [
        "Token right-one",
        "token right-one",
        "TOKEN second",
        "Token   second",
    ] {
        let answer = get(addr, throttle, &format!("Authorization: {sent}\r\n")).await;
        assert_eq!(status(&answer), 200, "{sent}: {answer}");
    }
    let answer = get(addr, "/2.3.0/spacecraft/", "").await;
    assert_eq!(status(&answer), 401);
    let answer = get(
        addr,
        "/2.3.0/spacecraft/",
        "Authorization: Token second\r\n",
    )
    .await;
    assert_ne!(status(&answer), 401, "{answer}");
}

#[tokio::test]
async fn the_rate_limit_answers_429_as_drf_and_per_address() {
    let dir = tempfile::tempdir().unwrap();
    let addr = start(dir.path(), guard(&[], Some("2/minute"))).await;
    for _ in 0..2 {
        assert_ne!(status(&get(addr, "/2.3.0/spacecraft/", "").await), 429);
    }
    let answer = get(addr, "/2.3.0/spacecraft/", "").await;
    assert_eq!(status(&answer), 429, "{answer}");
    assert_eq!(header(&answer, "retry-after"), Some("60"));
    assert_eq!(
        body(&answer),
        json!({"detail": "Request was throttled. Expected available in 60 seconds."})
    );
    // The budget counts against no one and says the caller's real numbers.
    for _ in 0..2 {
        let budget = body(&get(addr, "/2.3.0/api-throttle/", "").await);
        assert_eq!(budget["your_request_limit"], 2);
        assert_eq!(budget["limit_frequency_secs"], 60);
        assert_eq!(budget["current_use"], 2);
        assert!(
            (59..=60).contains(&budget["next_use_secs"].as_u64().unwrap()),
            "{budget}"
        );
        assert_eq!(budget["ident"], "127.0.0.1");
    }
    // Another address on the loopback has its own window.
    let answer = raw_from(
        Some("127.0.0.2"),
        addr,
        b"GET /2.3.0/api-throttle/ HTTP/1.1\r\nHost: m\r\nConnection: close\r\n\r\n",
    )
    .await;
    let budget = body(&answer);
    assert_eq!(
        (budget["current_use"].clone(), budget["ident"].clone()),
        (json!(0), json!("127.0.0.2"))
    );
    let answer = raw_from(
        Some("127.0.0.2"),
        addr,
        b"GET /2.3.0/spacecraft/ HTTP/1.1\r\nHost: m\r\nConnection: close\r\n\r\n",
    )
    .await;
    assert_ne!(status(&answer), 429, "{answer}");
}

#[tokio::test]
async fn a_wait_of_one_second_is_singular() {
    let dir = tempfile::tempdir().unwrap();
    let addr = start(dir.path(), guard(&[], Some("1/s"))).await;
    get(addr, "/2.3.0/spacecraft/", "").await;
    let answer = get(addr, "/2.3.0/spacecraft/", "").await;
    assert_eq!(status(&answer), 429);
    assert_eq!(header(&answer, "retry-after"), Some("1"));
    assert_eq!(
        body(&answer)["detail"],
        "Request was throttled. Expected available in 1 second."
    );
    tokio::time::sleep(Duration::from_millis(1100)).await;
    assert_ne!(status(&get(addr, "/2.3.0/spacecraft/", "").await), 429);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thousand_connections_at_once_are_answered_or_refused_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let addr = start(dir.path(), GuardConfig::default()).await;
    let started = Instant::now();
    let clients: Vec<_> = (0..1000)
        .map(|_| {
            tokio::spawn(async move {
                let Ok(mut stream) = TcpStream::connect(addr).await else {
                    return None;
                };
                let request =
                    b"GET /2.3.0/api-throttle/ HTTP/1.1\r\nHost: m\r\nConnection: close\r\n\r\n";
                stream.write_all(request).await.ok()?;
                let mut answer = Vec::new();
                tokio::time::timeout(Duration::from_secs(30), stream.read_to_end(&mut answer))
                    .await
                    .ok()?
                    .ok()?;
                Some(String::from_utf8_lossy(&answer).into_owned())
            })
        })
        .collect();
    let (mut answered, mut refused) = (0, 0);
    for client in clients {
        match client.await.unwrap() {
            Some(answer) if status(&answer) == 200 => answered += 1,
            Some(answer) => panic!("neither answered nor refused: {answer:?}"),
            None => refused += 1,
        }
    }
    eprintln!(
        "1000 connections: {answered} answered, {refused} refused, in {:?}",
        started.elapsed()
    );
    assert!(answered >= 512, "{answered} answered");
    assert_eq!(status(&get(addr, "/2.3.0/api-throttle/", "").await), 200);
}

#[tokio::test]
async fn a_slow_client_is_cut_off_and_an_idle_one_let_go() {
    let dir = tempfile::tempdir().unwrap();
    let timeout = Duration::from_secs(2);
    let addr = start(
        dir.path(),
        GuardConfig {
            header_timeout: timeout,
            ..GuardConfig::default()
        },
    )
    .await;
    // One byte a second, never the end of the head.
    let mut stream = TcpStream::connect(addr).await.unwrap();
    let started = Instant::now();
    let request = b"GET /2.3.0/api-throttle/ HTTP/1.1\r\nHost: m\r\nX-Slow: aaaaaaaaaaaaaaaaaaa";
    let mut cut = None;
    for byte in request {
        if stream.write_all(&[*byte]).await.is_err() {
            cut = Some(started.elapsed());
            break;
        }
        let mut buf = [0u8; 512];
        match tokio::time::timeout(Duration::from_secs(1), stream.read(&mut buf)).await {
            Ok(Ok(_)) | Ok(Err(_)) => {
                cut = Some(started.elapsed());
                break;
            }
            Err(_) => {}
        }
    }
    let cut = cut.expect("the slow client was cut off");
    assert!(cut >= timeout && cut < timeout * 2, "cut after {cut:?}");
    // A keep-alive connection left idle after its answer is closed as well.
    let mut stream = TcpStream::connect(addr).await.unwrap();
    stream
        .write_all(b"GET /2.3.0/api-throttle/ HTTP/1.1\r\nHost: m\r\n\r\n")
        .await
        .unwrap();
    let mut buf = vec![0u8; 4096];
    let n = stream.read(&mut buf).await.unwrap();
    assert!(String::from_utf8_lossy(&buf[..n]).starts_with("HTTP/1.1 200"));
    let idle = Instant::now();
    let closed = tokio::time::timeout(timeout * 3, stream.read(&mut buf)).await;
    assert!(matches!(closed, Ok(Ok(0)) | Ok(Err(_))), "{closed:?}");
    assert!(
        idle.elapsed() < timeout * 2,
        "closed after {:?}",
        idle.elapsed()
    );
}

#[tokio::test]
async fn huge_and_malformed_heads_are_refused_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    fill(dir.path(), 3, 10);
    let addr = start(dir.path(), GuardConfig::default()).await;
    let long = "a".repeat(100 * 1024);
    // A 100 KB query: refused by hyper before anything reads it.
    let answer = get(addr, &format!("/2.3.0/spacecraft/?search={long}"), "").await;
    assert_eq!(status(&answer), 414, "{answer}");
    // 20 KB: refused by the mirror, in DRF's shape.
    let answer = get(
        addr,
        &format!("/2.3.0/spacecraft/?search={}", &long[..20_000]),
        "",
    )
    .await;
    assert_eq!(status(&answer), 414);
    assert!(body(&answer)["detail"].is_string());
    // A 100 KB header: the guard's 431; a 200 KB head: hyper's.
    let answer = get(addr, "/2.3.0/spacecraft/", &format!("X-Big: {long}\r\n")).await;
    assert_eq!(status(&answer), 431, "{answer}");
    assert!(body(&answer)["detail"].as_str().unwrap().contains("16384"));
    let answer = get(
        addr,
        "/2.3.0/spacecraft/",
        &format!("X-Big: {long}{long}\r\n"),
    )
    .await;
    assert_eq!(status(&answer), 431, "{answer}");
    for request in [
        &b"GARBAGE\r\n\r\n"[..],
        b"GET\r\n\r\n",
        b"GET  HTTP/1.1\r\nHost: m\r\n\r\n",
        b"GET /2.3.0/spacecraft/ HTTP/9.9\r\nHost: m\r\n\r\n",
        b"GET /2.3.0/\xff\xfe/ HTTP/1.1\r\nHost: m\r\n\r\n",
        b"GET /2.3.0/spacecraft/?search=\xff\xfe HTTP/1.1\r\nHost: m\r\n\r\n",
        b"\x00\x01\x02\x03\r\n\r\n",
        b"GET /2.3.0/spacecraft/ HTTP/1.1\r\nHost: m\r\nBad Header\r\n\r\n",
    ] {
        // hyper's own 400, before the mirror sees anything.
        let answer = raw(addr, request).await;
        assert_eq!(
            status(&answer),
            400,
            "{:?}: {answer}",
            String::from_utf8_lossy(request)
        );
    }
    for target in [
        "/2.3.0/spacecraft/?search=%ff%fe%&limit=%zz&offset=%",
        "/2.3.0/%ff%/",
        "/2.3.0/spacecraft/%",
        "/2.3.0/spacecraft/?%=%%&&&==",
    ] {
        let answer = get(addr, target, "").await;
        let code = status(&answer);
        assert!(
            code == 200 || code == 404 || code == 400,
            "{target}: {answer}"
        );
        assert!(body(&answer).is_object(), "{target}");
    }
    assert_eq!(status(&get(addr, "/2.3.0/spacecraft/", "").await), 200);
}

/// The real binary: an answer under way when Ctrl-C comes is finished, the
/// process then ends 0; the log has a line per request; the upstream's key
/// and the clients' token are nowhere.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ctrl_c_finishes_the_answer_under_way_and_the_key_is_never_shown() {
    const KEY: &str = "upstream-key-5b1e9c";
    const TOKEN: &str = "client-token-7f3a";
    let cache = tempfile::tempdir().unwrap();
    let home = tempfile::tempdir().unwrap();
    // 30 records of 300 KB: 9 MB, more than the sockets hold.
    fill(cache.path(), 30, 300_000);
    let mut child = tokio::process::Command::new(env!("CARGO_BIN_EXE_hangar"))
        .args(["--cache-dir", cache.path().to_str().unwrap()])
        .args(["--api-url", UPSTREAM, "--api-key", KEY, "--offline"])
        .args(["serve", "--listen", "127.0.0.1:0", "--token", TOKEN])
        .env("XDG_STATE_HOME", home.path().join("state"))
        .env("XDG_CONFIG_HOME", home.path().join("config"))
        .env("HOME", home.path())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut first = Vec::new();
    let mut byte = [0u8; 1];
    while stdout.read_exact(&mut byte).await.is_ok() && byte[0] != b'\n' {
        first.push(byte[0]);
    }
    let url = String::from_utf8(first).unwrap();
    let addr: SocketAddr = url["http://".len()..url.rfind('/').unwrap()]
        .parse()
        .unwrap();
    let auth = format!("Authorization: Token {TOKEN}\r\n");
    let mut seen = String::new();
    for (target, headers) in [
        ("/2.3.0/api-throttle/", auth.as_str()),
        ("/2.3.0/spacecraft/1/", auth.as_str()),
        ("/2.3.0/spacecraft/999/", auth.as_str()),
        ("/2.3.0/nothing/", auth.as_str()),
        ("/2.3.0/spacecraft/?limit=1", ""),
        (
            "/2.3.0/spacecraft/?limit=1",
            "Authorization: Token wrong\r\n",
        ),
    ] {
        seen.push_str(&get(addr, target, headers).await);
    }
    // A slow reader of a 9 MB answer: small buffers, a few KB read.
    let socket = TcpSocket::new_v4().unwrap();
    socket.set_recv_buffer_size(4096).unwrap();
    let mut slow = socket.connect(addr).await.unwrap();
    slow.write_all(
        format!("GET /2.3.0/spacecraft/?limit=100 HTTP/1.1\r\nHost: m\r\n{auth}Connection: close\r\n\r\n")
            .as_bytes(),
    )
    .await
    .unwrap();
    let mut answer = vec![0u8; 16 * 1024];
    slow.read_exact(&mut answer).await.unwrap();
    let pid = child.id().unwrap().to_string();
    let signalled = std::process::Command::new("kill")
        .args(["-INT", &pid])
        .status()
        .unwrap();
    assert!(signalled.success());
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert!(
        child.try_wait().unwrap().is_none(),
        "it waits for the answer"
    );
    assert!(
        TcpStream::connect(addr).await.is_err(),
        "no new connection is taken"
    );
    let stopping = Instant::now();
    slow.read_to_end(&mut answer).await.unwrap();
    let answer = String::from_utf8(answer).unwrap();
    let length: usize = header(&answer, "content-length").unwrap().parse().unwrap();
    let page = answer.split_once("\r\n\r\n").unwrap().1;
    assert_eq!(page.len(), length, "the answer came whole");
    assert_eq!(body(&answer)["results"].as_array().unwrap().len(), 30);
    let status = tokio::time::timeout(Duration::from_secs(5), child.wait())
        .await
        .expect("it ends soon after")
        .unwrap();
    assert!(status.success(), "{status:?}");
    eprintln!("ended {:?} after the answer was read", stopping.elapsed());
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .await
        .unwrap();
    assert!(stderr.contains("hangar: stopping"), "{stderr}");
    let log = std::fs::read_to_string(home.path().join("state/hangar/hangar.log")).unwrap();
    let lines: Vec<&str> = log
        .lines()
        .filter(|l| l.contains("hangar::serve"))
        .collect();
    assert_eq!(lines.len(), 7, "{log}");
    assert!(lines.iter().any(|l| l.contains("status=401")), "{log}");
    assert!(
        lines
            .iter()
            .any(|l| l.contains("target=/2.3.0/spacecraft/?limit=100") && l.contains("status=200")),
        "{log}"
    );
    for (what, text) in [("answers", &seen), ("stderr", &stderr), ("log", &log)] {
        assert!(!text.contains(KEY), "the key in the {what}");
        assert!(!text.contains(TOKEN), "the token in the {what}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn past_the_connection_cap_a_client_waits_in_the_backlog() {
    let dir = tempfile::tempdir().unwrap();
    // Long enough that none of the silent ones is cut while the late one is looked at.
    let timeout = Duration::from_secs(5);
    let addr = start(
        dir.path(),
        GuardConfig {
            header_timeout: timeout,
            ..GuardConfig::default()
        },
    )
    .await;
    let first = Instant::now();
    let mut silent = Vec::new();
    for _ in 0..serve::MAX_CONNECTIONS {
        silent.push(TcpStream::connect(addr).await.unwrap());
    }
    tokio::time::sleep(Duration::from_millis(300)).await;
    let started = Instant::now();
    let mut late = TcpStream::connect(addr).await.unwrap();
    late.write_all(b"GET /2.3.0/api-throttle/ HTTP/1.1\r\nHost: m\r\nConnection: close\r\n\r\n")
        .await
        .unwrap();
    let mut buf = [0u8; 64];
    let early = tokio::time::timeout(Duration::from_secs(1), late.read(&mut buf)).await;
    assert!(early.is_err(), "answered past the cap: {early:?}");
    assert!(
        first.elapsed() < timeout,
        "too slow to tell: {:?}",
        first.elapsed()
    );
    // The silent ones are cut at the head time-out; then it is served.
    let n = tokio::time::timeout(timeout * 3, late.read(&mut buf))
        .await
        .expect("served once places free")
        .unwrap();
    assert!(buf[..n].starts_with(b"HTTP/1.1 200"));
    eprintln!("served after {:?} in the backlog", started.elapsed());
    drop(silent);
}
