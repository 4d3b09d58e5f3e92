//! The README's nginx configuration in front of `hangar serve`, run by a
//! real nginx: it caches what the mirror says it may, revalidates with the
//! mirror's ETag, and its answers are the mirror's, links on the public URL.
//! nginx must be installed (`.ci/run` installs Debian's nginx-light).

mod common;

use common::*;
use hangar::serve::ServeConfig;
use serde_json::Value;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The README's block, as it stands there.
fn readme_block() -> String {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("README.md");
    let marker = "<!-- nginx example: tests/serve_nginx.rs runs this block -->";
    let after = &readme[readme.find(marker).expect("the marker in the README")..];
    let start = after.find("```nginx\n").expect("an nginx block after it") + "```nginx\n".len();
    let end = after[start..].find("```").expect("the block's end");
    after[start..start + end].to_string()
}

/// The block with the test's places in it; everything else as written.
fn configured(block: &str, dir: &Path, listen: u16, mirror: &str) -> String {
    let mut out = block.to_string();
    for (from, to) in [
        (
            "/var/cache/nginx/hangar",
            dir.join("cache").display().to_string(),
        ),
        ("listen 80;", format!("listen 127.0.0.1:{listen};")),
        ("http://127.0.0.1:8722", mirror.to_string()),
    ] {
        assert!(out.contains(from), "the README's block has {from}");
        out = out.replace(from, &to);
    }
    out
}

struct Nginx(std::process::Child);

impl Drop for Nginx {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn start_nginx(dir: &Path, site: &str) -> Nginx {
    let binary = ["/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/bin/nginx"]
        .into_iter()
        .find(|p| Path::new(p).exists())
        .expect("nginx is not installed: apt-get install nginx-light (.ci/run does)");
    std::fs::write(dir.join("hangar.conf"), site).unwrap();
    let d = dir.display();
    // One process as this user, everything under `dir`.
    let main = format!(
        "daemon off;\nmaster_process off;\npid {d}/nginx.pid;\nerror_log {d}/error.log info;\n\
         events {{ worker_connections 64; }}\n\
         http {{\n  access_log {d}/access.log;\n  client_body_temp_path {d}/body;\n  \
         proxy_temp_path {d}/proxy;\n  fastcgi_temp_path {d}/fastcgi;\n  uwsgi_temp_path {d}/uwsgi;\n  \
         scgi_temp_path {d}/scgi;\n  include {d}/hangar.conf;\n}}\n"
    );
    std::fs::write(dir.join("nginx.conf"), main).unwrap();
    let check = Command::new(binary)
        .args(["-t", "-p"])
        .arg(dir)
        .arg("-c")
        .arg(dir.join("nginx.conf"))
        .output()
        .unwrap();
    assert!(
        check.status.success(),
        "nginx -t: {}",
        String::from_utf8_lossy(&check.stderr)
    );
    let child = Command::new(binary)
        .arg("-p")
        .arg(dir)
        .arg("-c")
        .arg(dir.join("nginx.conf"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    Nginx(child)
}

async fn json_of(response: reqwest::Response) -> Value {
    serde_json::from_str(&response.text().await.unwrap()).unwrap()
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// How long the mirror's catalog stays fresh here, in seconds.
const FRESH: i64 = 6;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_readme_nginx_caches_and_revalidates_the_mirror() {
    let Ll2 {
        server: _server,
        url: upstream,
        ..
    } = FakeLl2::new().fleet(120).start().await;
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("hangar");
    let report = store_at(&upstream, &cache).sync(|_| {}).await.unwrap();
    assert!(report.complete());

    let port = free_port();
    let public = format!("http://127.0.0.1:{port}/2.3.0");
    // The catalog fresh for a few seconds, to see nginx revalidate it.
    let store = store_with(&upstream, &cache, |c| {
        c.offline = true;
        c.freshness.catalog = jiff::SignedDuration::from_secs(FRESH);
    });
    let config = ServeConfig {
        public_url: Some(public.clone()),
        ..common::mirror_config()
    };
    let mirror = format!("http://{}", common::serve_mirror(store, config).await.1);

    let site = configured(&readme_block(), dir.path(), port, &mirror);
    let _nginx = start_nginx(dir.path(), &site);
    let client = reqwest::Client::new();
    let url = format!("{public}/spacecraft/?limit=5&ordering=-id");
    let started = Instant::now();
    let first = loop {
        match client.get(&url).send().await {
            Ok(r) => break r,
            Err(_) if started.elapsed() < Duration::from_secs(10) => {
                tokio::time::sleep(Duration::from_millis(50)).await
            }
            Err(e) => panic!("nginx did not answer: {e}"),
        }
    };
    let status = |r: &reqwest::Response, name: &str| {
        r.headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_string()
    };
    assert_eq!(first.status(), 200);
    assert_eq!(status(&first, "x-cache-status"), "MISS");
    assert_eq!(status(&first, "via"), "1.1 hangar");
    let tag = status(&first, "etag");
    let body = json_of(first).await;
    assert_eq!(body["count"], 120);
    assert_eq!(body["results"][0]["id"], 120);
    // Links on the public URL: nginx's origin.
    assert_eq!(
        body["next"],
        format!("{public}/spacecraft/?limit=5&offset=5&ordering=-id")
    );
    let direct = json_of(
        client
            .get(format!("{mirror}/2.3.0/spacecraft/?limit=5&ordering=-id"))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(direct, body);

    // The second time from nginx's cache, the mirror not asked.
    let second = client.get(&url).send().await.unwrap();
    assert_eq!(status(&second, "x-cache-status"), "HIT");
    assert_eq!(status(&second, "etag"), tag);
    let age = status(&second, "cache-control");
    assert!(age.starts_with("max-age="), "{age}");
    assert_eq!(json_of(second).await, body);
    // A client's own revalidation is answered by nginx with 304.
    let again = client
        .get(&url)
        .header("If-None-Match", &tag)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 304);

    // A record, cached too; an error is not.
    let record = format!("{public}/spacecraft/7/");
    let r = client.get(&record).send().await.unwrap();
    assert_eq!(r.status(), 200);
    let r = client.get(&record).send().await.unwrap();
    assert_eq!(status(&r, "x-cache-status"), "HIT");
    for _ in 0..2 {
        let r = client
            .get(format!("{public}/spacecraft/99999/"))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 404);
        assert_ne!(status(&r, "x-cache-status"), "HIT");
    }
    // Gzip, as the mirror sends it, to a client that asks.
    let gz = reqwest::Client::builder()
        .no_gzip()
        .build()
        .unwrap()
        .get(format!("{public}/spacecraft/?limit=20"))
        .header("Accept-Encoding", "gzip")
        .send()
        .await
        .unwrap();
    assert_eq!(status(&gz, "content-encoding"), "gzip");
    assert!(
        status(&gz, "etag").ends_with("-gzip\""),
        "{}",
        status(&gz, "etag")
    );

    // Once stale, nginx asks the mirror again with the tag it holds, and
    // the mirror's 304 renews its copy.
    tokio::time::sleep(Duration::from_secs(FRESH as u64 + 1)).await;
    let stale = client.get(&url).send().await.unwrap();
    assert_eq!(stale.status(), 200);
    assert_eq!(status(&stale, "x-cache-status"), "REVALIDATED");
    assert_eq!(json_of(stale).await, body);
}
