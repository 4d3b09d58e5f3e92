//! Pictures from an image host on loopback: real JPEG and PNG made here
//! with the `image` crate, and bodies that are not pictures; the limits on
//! size and pixels; the disk cache and its cap.

use hangar::data::images::{
    check_scheme, decode, Fetcher, ImageCache, ImageError, MAX_BYTES, MAX_PIXELS,
};
use image::{ImageFormat, Rgb, RgbImage};
use std::io::Cursor;
use std::time::Duration;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// A `w`×`h` picture, red to the left and blue to the right, encoded as `format`.
pub fn picture(w: u32, h: u32, format: ImageFormat) -> Vec<u8> {
    let image = RgbImage::from_fn(w, h, |x, _| {
        if x < w / 2 {
            Rgb([220, 30, 30])
        } else {
            Rgb([30, 30, 220])
        }
    });
    let mut out = Cursor::new(Vec::new());
    image.write_to(&mut out, format).unwrap();
    out.into_inner()
}

fn fetcher() -> Fetcher {
    Fetcher::new(Duration::from_secs(5), MAX_BYTES)
}

async fn serve(server: &MockServer, at: &str, response: ResponseTemplate) -> String {
    Mock::given(method("GET"))
        .and(path(at))
        .respond_with(response)
        .mount(server)
        .await;
    format!("{}{at}", server.uri())
}

fn body(bytes: Vec<u8>, kind: &str) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_raw(bytes, kind)
}

#[tokio::test]
async fn a_real_png_and_jpeg_are_fetched_and_decoded() {
    let server = MockServer::start().await;
    let png = serve(
        &server,
        "/a.png",
        body(picture(64, 48, ImageFormat::Png), "image/png"),
    )
    .await;
    let jpeg = serve(
        &server,
        "/b.jpeg",
        body(picture(80, 60, ImageFormat::Jpeg), "image/jpeg"),
    )
    .await;
    // Hosts that do not say what they send: the bytes tell.
    let unlabelled = serve(
        &server,
        "/c",
        body(
            picture(10, 10, ImageFormat::Png),
            "application/octet-stream",
        ),
    )
    .await;
    for (url, size) in [(png, (64, 48)), (jpeg, (80, 60)), (unlabelled, (10, 10))] {
        let bytes = fetcher().fetch(&url).await.unwrap();
        let image = decode(&bytes, MAX_PIXELS).unwrap();
        assert_eq!((image.width(), image.height()), size, "{url}");
        // The left half red, the right half blue (JPEG only near it).
        let rgb = image.to_rgb8();
        let left = rgb.get_pixel(1, 1);
        let right = rgb.get_pixel(size.0 - 2, 1);
        assert!(left[0] > 180 && left[2] < 80, "{url}: {left:?}");
        assert!(right[2] > 180 && right[0] < 80, "{url}: {right:?}");
    }
}

#[tokio::test]
async fn what_is_not_a_picture_says_why() {
    let server = MockServer::start().await;
    let png = picture(64, 48, ImageFormat::Png);
    let page = serve(
        &server,
        "/page",
        body(
            b"<html>Not here</html>".to_vec(),
            "text/html; charset=utf-8",
        ),
    )
    .await;
    let missing = serve(&server, "/gone.png", ResponseTemplate::new(404)).await;
    let failing = serve(&server, "/error.png", ResponseTemplate::new(503)).await;
    let garbage = serve(
        &server,
        "/garbage.png",
        body(b"GIF89 and then nothing of the sort".to_vec(), "image/png"),
    )
    .await;
    let text_as_picture = serve(
        &server,
        "/text.png",
        body(b"hello, world".to_vec(), "image/png"),
    )
    .await;
    let cut = serve(
        &server,
        "/cut.png",
        body(png[..png.len() / 2].to_vec(), "image/png"),
    )
    .await;
    let f = fetcher();
    assert_eq!(
        f.fetch(&page).await,
        Err(ImageError::NotImage("text/html".into()))
    );
    assert_eq!(f.fetch(&missing).await, Err(ImageError::Status(404)));
    assert_eq!(f.fetch(&failing).await, Err(ImageError::Status(503)));
    // Labelled as pictures, they are fetched; decoding refuses them.
    for url in [&garbage, &text_as_picture] {
        let bytes = f.fetch(url).await.unwrap();
        assert_eq!(
            decode(&bytes, MAX_PIXELS).unwrap_err(),
            ImageError::NotImage("unknown format".into()),
            "{url}"
        );
    }
    let bytes = f.fetch(&cut).await.unwrap();
    let e = decode(&bytes, MAX_PIXELS).unwrap_err();
    assert!(matches!(e, ImageError::Malformed(_)), "{e:?}");
    // Reasons fit on a line under a picture.
    for e in [
        ImageError::NotImage("text/html".into()),
        ImageError::Status(404),
        e,
    ] {
        let text = e.to_string();
        assert!(text.len() < 90 && !text.contains('\n'), "{text}");
    }
}

#[tokio::test]
async fn only_http_and_https_leave_the_machine() {
    let server = MockServer::start().await;
    for url in [
        "file:///etc/passwd",
        "ftp://127.0.0.1/a.png",
        "data:image/png;base64,AAAA",
        "javascript:alert(1)",
        "//no-scheme/a.png",
        "http://",
        "",
    ] {
        assert_eq!(check_scheme(url).err(), Some(ImageError::Scheme), "{url}");
        assert_eq!(fetcher().fetch(url).await, Err(ImageError::Scheme), "{url}");
    }
    assert!(check_scheme("https://example.com/a.png").is_ok());
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn a_body_over_the_cap_is_refused() {
    let server = MockServer::start().await;
    let big = vec![0u8; (MAX_BYTES + 1) as usize];
    let over = serve(&server, "/big.png", body(big, "image/png")).await;
    assert_eq!(fetcher().fetch(&over).await, Err(ImageError::TooLarge));
    let exact = vec![0u8; 2000];
    let small_cap = Fetcher::new(Duration::from_secs(5), 1999);
    let url = serve(&server, "/2000.png", body(exact, "image/png")).await;
    assert_eq!(small_cap.fetch(&url).await, Err(ImageError::TooLarge));
    let roomy = Fetcher::new(Duration::from_secs(5), 2000);
    assert_eq!(roomy.fetch(&url).await.map(|b| b.len()), Ok(2000));
}

#[tokio::test]
async fn a_slow_or_absent_host_is_a_reason_not_a_hang() {
    let server = MockServer::start().await;
    let slow = serve(
        &server,
        "/slow.png",
        body(picture(4, 4, ImageFormat::Png), "image/png").set_delay(Duration::from_secs(5)),
    )
    .await;
    let quick = Fetcher::new(Duration::from_millis(200), MAX_BYTES);
    let started = std::time::Instant::now();
    assert_eq!(quick.fetch(&slow).await, Err(ImageError::Timeout));
    assert!(started.elapsed() < Duration::from_secs(3));
    // A port nothing listens on.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = closed.local_addr().unwrap().port();
    drop(closed);
    assert_eq!(
        quick.fetch(&format!("http://127.0.0.1:{port}/a.png")).await,
        Err(ImageError::Unreachable)
    );
}

/// CRC-32 as PNG chunks carry it.
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xffff_ffffu32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xedb8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

#[test]
fn the_pixel_count_is_capped_before_anything_is_allocated() {
    let png = picture(64, 48, ImageFormat::Png);
    assert_eq!(decode(&png, 3072).unwrap().width(), 64);
    assert_eq!(
        decode(&png, 3071).unwrap_err(),
        ImageError::TooManyPixels(64, 48)
    );
    // A header that claims 100000×100000 (valid, its checksum redone): refused
    // at once, not after ten billion pixels' worth of memory.
    let mut huge = png.clone();
    huge[16..20].copy_from_slice(&100_000u32.to_be_bytes());
    huge[20..24].copy_from_slice(&100_000u32.to_be_bytes());
    let crc = crc32(&huge[12..29]);
    huge[29..33].copy_from_slice(&crc.to_be_bytes());
    assert_eq!(
        decode(&huge, MAX_PIXELS).unwrap_err(),
        ImageError::TooManyPixels(100_000, 100_000)
    );
    // Past what a decoder may allocate, whatever the cap it is given: refused.
    let e = decode(&huge, u64::MAX).unwrap_err();
    assert!(matches!(e, ImageError::Malformed(_)), "{e:?}");
    // Within the cap but with the pixels missing: malformed, not a crash.
    let mut claims = png.clone();
    claims[16..20].copy_from_slice(&4000u32.to_be_bytes());
    claims[20..24].copy_from_slice(&4000u32.to_be_bytes());
    let crc = crc32(&claims[12..29]);
    claims[29..33].copy_from_slice(&crc.to_be_bytes());
    let e = decode(&claims, MAX_PIXELS).unwrap_err();
    assert!(matches!(e, ImageError::Malformed(_)), "{e:?}");
    assert!(matches!(
        decode(&[], MAX_PIXELS),
        Err(ImageError::NotImage(_))
    ));
}

#[test]
fn the_disk_cache_keeps_what_was_used_last_under_its_cap() {
    let dir = tempfile::tempdir().unwrap();
    let cache = ImageCache::new(dir.path(), 100_000);
    let bytes = |n: u8| vec![n; 30_000];
    let pause = || std::thread::sleep(Duration::from_millis(20));
    for (i, url) in ["http://h/a", "http://h/b", "http://h/c"]
        .iter()
        .enumerate()
    {
        cache.put(url, &bytes(i as u8)).unwrap();
        pause();
    }
    assert!(cache.size() <= 100_000);
    assert_eq!(cache.get("http://h/a"), Some(bytes(0)));
    pause();
    // d does not fit with the other three: the least recently used goes, b
    // (a was just read).
    cache.put("http://h/d", &bytes(3)).unwrap();
    assert_eq!(cache.get("http://h/b"), None);
    for (url, n) in [("http://h/a", 0), ("http://h/c", 2), ("http://h/d", 3)] {
        assert_eq!(cache.get(url), Some(bytes(n)), "{url}");
    }
    assert!(cache.size() <= 100_000, "{}", cache.size());
    // A file that does not check out is a miss, and goes.
    let files: Vec<_> = std::fs::read_dir(cache.dir())
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    assert_eq!(files.len(), 3);
    for f in &files {
        let raw = std::fs::read(f).unwrap();
        std::fs::write(f, &raw[..raw.len() - 1]).unwrap();
    }
    assert_eq!(cache.get("http://h/a"), None);
    assert!(!files.iter().all(|f| f.exists()));
    // The default cap is 100 MB.
    assert_eq!(hangar::data::images::CACHE_CAP, 100 * 1024 * 1024);
}
