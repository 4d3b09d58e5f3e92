//! Pictures of records: fetched from the image host a record names (not
//! the API, so they cost no request budget), kept on disk beside the
//! responses under a size cap, and decoded within limits. Nothing here
//! knows how a picture is drawn.

use image::DynamicImage;
use serde::{Deserialize, Serialize};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// The disk cache's default cap.
pub const CACHE_CAP: u64 = 100 * 1024 * 1024;
/// The largest body a download accepts.
pub const MAX_BYTES: u64 = 10 * 1024 * 1024;
/// The largest picture decoded, in pixels (a 6000×4000 photograph).
pub const MAX_PIXELS: u64 = 24_000_000;
/// What a decoder may allocate, whatever the pixel cap it is given.
const MAX_ALLOC: u64 = 512 * 1024 * 1024;

/// Why there is no picture: short, for a line under the credit.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImageError {
    #[error("not an http(s) address")]
    Scheme,
    #[error("not in the image cache (offline)")]
    Offline,
    #[error("image host unreachable")]
    Unreachable,
    #[error("image host timed out")]
    Timeout,
    #[error("image host answered HTTP {0}")]
    Status(u16),
    #[error("not an image ({0})")]
    NotImage(String),
    #[error("larger than {} MB", MAX_BYTES / 1024 / 1024)]
    TooLarge,
    #[error("too many pixels ({0}×{1})")]
    TooManyPixels(u32, u32),
    #[error("malformed image: {0}")]
    Malformed(String),
}

/// Only `http` and `https` leave the machine; anything else in a record is refused.
pub fn check_scheme(url: &str) -> Result<reqwest::Url, ImageError> {
    crate::api::sanitize::http_url(url).ok_or(ImageError::Scheme)
}

/// Downloads from image hosts. Its HTTP client (TLS roots and all) is
/// built on the first download, not at start-up.
#[derive(Debug, Clone)]
pub struct Fetcher {
    http: std::sync::OnceLock<Result<reqwest::Client, String>>,
    timeout: Duration,
    max_bytes: u64,
}

impl Fetcher {
    pub fn new(timeout: Duration, max_bytes: u64) -> Self {
        Fetcher {
            http: std::sync::OnceLock::new(),
            timeout,
            max_bytes,
        }
    }

    fn client(&self) -> Result<&reqwest::Client, ImageError> {
        let built = self.http.get_or_init(|| {
            reqwest::Client::builder()
                .user_agent(concat!("hangar/", env!("CARGO_PKG_VERSION")))
                .timeout(self.timeout)
                .connect_timeout(self.timeout.min(Duration::from_secs(10)))
                .redirect(reqwest::redirect::Policy::limited(5))
                .build()
                .map_err(|e| e.to_string())
        });
        built.as_ref().map_err(|e| {
            tracing::warn!(error = %e, "cannot build the HTTP client for pictures");
            ImageError::Unreachable
        })
    }

    /// The body at `url`, at most `max_bytes` of it; what is not an image
    /// by its type says so without being read.
    pub async fn fetch(&self, url: &str) -> Result<Vec<u8>, ImageError> {
        let url = check_scheme(url)?;
        let mut response = self.client()?.get(url).send().await.map_err(transport)?;
        let status = response.status();
        if !status.is_success() {
            return Err(ImageError::Status(status.as_u16()));
        }
        let kind = response
            .headers()
            .get(reqwest::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(|v| {
                v.split(';')
                    .next()
                    .unwrap_or("")
                    .trim()
                    .to_ascii_lowercase()
            });
        // Hosts label pictures `image/*`, sometimes just bytes; a page is not one.
        if let Some(kind) = kind.filter(|k| {
            !k.is_empty() && !k.starts_with("image/") && k != "application/octet-stream"
        }) {
            return Err(ImageError::NotImage(crate::api::sanitize::clean_line(
                &kind,
            )));
        }
        if response
            .content_length()
            .is_some_and(|n| n > self.max_bytes)
        {
            return Err(ImageError::TooLarge);
        }
        let mut body = Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(transport)? {
            if (body.len() as u64).saturating_add(chunk.len() as u64) > self.max_bytes {
                return Err(ImageError::TooLarge);
            }
            body.extend_from_slice(&chunk);
        }
        Ok(body)
    }
}

fn transport(e: reqwest::Error) -> ImageError {
    if e.is_timeout() {
        ImageError::Timeout
    } else if e.is_decode() || e.is_body() {
        ImageError::Malformed("the body was cut short".into())
    } else {
        ImageError::Unreachable
    }
}

/// Decodes `bytes` by their content (not their label), refusing more than
/// `max_pixels` before any pixel is allocated.
pub fn decode(bytes: &[u8], max_pixels: u64) -> Result<DynamicImage, ImageError> {
    let reader = || {
        image::ImageReader::new(io::Cursor::new(bytes))
            .with_guessed_format()
            .map_err(|e| ImageError::Malformed(e.to_string()))
    };
    let probe = reader()?;
    if probe.format().is_none() {
        return Err(ImageError::NotImage("unknown format".into()));
    }
    let (w, h) = probe
        .into_dimensions()
        .map_err(|e| ImageError::Malformed(short(&e)))?;
    if u64::from(w) * u64::from(h) > max_pixels || w == 0 || h == 0 {
        return Err(ImageError::TooManyPixels(w, h));
    }
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(w);
    limits.max_image_height = Some(h);
    // Room for the pixels at 16 bits × 4 channels, and the decoder's own.
    limits.max_alloc = Some(
        max_pixels
            .saturating_mul(8)
            .saturating_add(64 << 20)
            .min(MAX_ALLOC),
    );
    let mut reader = reader()?;
    reader.limits(limits);
    reader
        .decode()
        .map_err(|e| ImageError::Malformed(short(&e)))
}

/// What a decoder's error means, in a few words (its message, which can
/// quote the data, goes to the log).
fn short(e: &image::ImageError) -> String {
    tracing::debug!(error = %e, "picture not decoded");
    match e {
        image::ImageError::Limits(_) => "too large to decode".into(),
        image::ImageError::Unsupported(_) => "a format hangar cannot read".into(),
        image::ImageError::IoError(_) => "the data ends too soon".into(),
        _ => "the data is damaged".into(),
    }
}

#[derive(Serialize, Deserialize)]
struct Header {
    url: String,
    len: usize,
}

/// Downloaded pictures on disk: one file per URL (a one-line header, then
/// the bytes as received), at most `cap` bytes in all. The least recently
/// used go first: a read touches its file.
#[derive(Debug, Clone)]
pub struct ImageCache {
    dir: PathBuf,
    cap: u64,
}

impl ImageCache {
    /// Pictures live in `<dir>/images/`, made on first write.
    pub fn new(dir: &Path, cap: u64) -> Self {
        ImageCache {
            dir: dir.join("images"),
            cap,
        }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn path(&self, url: &str) -> PathBuf {
        self.dir
            .join(format!("{:016x}.img", super::cache::fnv1a(url.as_bytes())))
    }

    /// The bytes kept for `url`; a file that does not check out is removed.
    pub fn get(&self, url: &str) -> Option<Vec<u8>> {
        let path = self.path(url);
        let raw = fs::read(&path).ok()?;
        let body = (|| {
            let newline = raw.iter().position(|&b| b == b'\n')?;
            let header: Header = serde_json::from_slice(&raw[..newline]).ok()?;
            let body = &raw[newline + 1..];
            (header.url == url && header.len == body.len()).then(|| body.to_vec())
        })();
        match body {
            Some(body) => {
                // Used now: the last to go.
                if let Ok(file) = fs::File::options().append(true).open(&path) {
                    let _ = file.set_modified(SystemTime::now());
                }
                Some(body)
            }
            None => {
                let _ = fs::remove_file(&path);
                None
            }
        }
    }

    /// Keeps `bytes` for `url` (written whole, then renamed into place), then
    /// removes the least recently used files past the cap.
    pub fn put(&self, url: &str, bytes: &[u8]) -> io::Result<()> {
        fs::create_dir_all(&self.dir)?;
        let header = serde_json::to_string(&Header {
            url: url.to_string(),
            len: bytes.len(),
        })
        .map_err(io::Error::other)?;
        super::cache::write_entry(&self.path(url), &header, bytes)?;
        self.prune();
        Ok(())
    }

    /// Bytes on disk now.
    pub fn size(&self) -> u64 {
        self.entries().iter().map(|(_, len, _)| len).sum()
    }

    fn entries(&self) -> Vec<(PathBuf, u64, SystemTime)> {
        let Ok(dir) = fs::read_dir(&self.dir) else {
            return Vec::new();
        };
        dir.flatten()
            .filter(|e| e.path().extension().is_some_and(|x| x == "img"))
            .filter_map(|e| {
                let meta = e.metadata().ok()?;
                let used = meta.modified().unwrap_or(SystemTime::UNIX_EPOCH);
                Some((e.path(), meta.len(), used))
            })
            .collect()
    }

    /// Oldest out first until the rest fit under the cap.
    fn prune(&self) {
        let mut entries = self.entries();
        let mut total: u64 = entries.iter().map(|(_, len, _)| len).sum();
        if total <= self.cap {
            return;
        }
        entries.sort_by_key(|(_, _, used)| *used);
        for (path, len, _) in entries {
            if total <= self.cap {
                break;
            }
            if fs::remove_file(&path).is_ok() {
                total = total.saturating_sub(len);
                tracing::debug!(path = %path.display(), "image cache over its cap: removed");
            }
        }
    }
}

/// The `images` setting: how pictures are drawn, if at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    /// The terminal's best protocol (kitty, iTerm2, sixel), else half-blocks.
    #[default]
    Auto,
    /// Coloured half-block characters, whatever the terminal can do.
    Halfblocks,
    Off,
}

impl std::str::FromStr for Mode {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.trim().to_ascii_lowercase().as_str() {
            "auto" => Ok(Mode::Auto),
            "halfblocks" => Ok(Mode::Halfblocks),
            "off" => Ok(Mode::Off),
            other => Err(format!(
                "images: \"{other}\" is not one of auto, halfblocks, off"
            )),
        }
    }
}

impl std::fmt::Display for Mode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Mode::Auto => "auto",
            Mode::Halfblocks => "halfblocks",
            Mode::Off => "off",
        })
    }
}
