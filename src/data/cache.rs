//! The on-disk response cache: one file per URL, written atomically.
//!
//! A file is a one-line JSON header (`url`, `fetched_at`, `len`) followed by
//! the response body exactly as received. The header's URL guards against
//! hash collisions and its length catches truncated files; anything that does
//! not check out is deleted and treated as a miss.

use jiff::{SignedDuration, Timestamp};
use serde::{Deserialize, Serialize};
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

#[derive(Debug, Clone)]
pub struct Cache {
    dir: PathBuf,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub body: String,
    pub fetched_at: Timestamp,
}

impl Entry {
    pub fn age(&self, now: Timestamp) -> SignedDuration {
        now.duration_since(self.fetched_at)
    }

    pub fn is_fresh(&self, now: Timestamp, ttl: SignedDuration) -> bool {
        self.age(now) < ttl
    }
}

#[derive(Serialize, Deserialize)]
struct Header {
    url: String,
    fetched_at: Timestamp,
    len: usize,
}

impl Cache {
    /// Responses live in `<dir>/responses/`; the folder is made on first write.
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        Cache {
            dir: dir.into().join("responses"),
        }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn path(&self, url: &str) -> PathBuf {
        self.dir
            .join(format!("{:016x}.json", fnv1a(url.as_bytes())))
    }

    /// The cached response for `url`; a corrupt, truncated or foreign file is removed.
    pub fn get(&self, url: &str) -> Option<Entry> {
        let path = self.path(url);
        let raw = match fs::read(&path) {
            Ok(raw) => raw,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return None,
            Err(e) => {
                tracing::warn!(path = %path.display(), error = %e, "unreadable cache file, ignoring it");
                self.discard(&path);
                return None;
            }
        };
        match decode(&raw, url) {
            Some(entry) => Some(entry),
            None => {
                tracing::warn!(path = %path.display(), "corrupt cache file, discarding it");
                self.discard(&path);
                None
            }
        }
    }

    /// Stores `body` for `url`: written to a temporary file in the same
    /// folder, then renamed over the old one, so readers (and other hangar
    /// processes) see the old file or the new one, never half of either.
    pub fn put(&self, url: &str, body: &str, fetched_at: Timestamp) -> io::Result<()> {
        fs::create_dir_all(&self.dir)?;
        let header = Header {
            url: url.to_string(),
            fetched_at,
            len: body.len(),
        };
        let header = serde_json::to_string(&header).map_err(io::Error::other)?;
        write_entry(&self.path(url), &header, body.as_bytes())
    }

    pub fn remove(&self, url: &str) {
        self.discard(&self.path(url));
    }

    fn discard(&self, path: &Path) {
        // Something that is not a file (a directory, say) in an entry's place goes too.
        let removed = if path.is_dir() {
            fs::remove_dir_all(path)
        } else {
            fs::remove_file(path)
        };
        if let Err(e) = removed {
            if e.kind() != io::ErrorKind::NotFound {
                tracing::warn!(path = %path.display(), error = %e, "cannot remove cache file");
            }
        }
    }
}

fn decode(raw: &[u8], url: &str) -> Option<Entry> {
    let newline = raw.iter().position(|&b| b == b'\n')?;
    let header: Header = serde_json::from_slice(&raw[..newline]).ok()?;
    let body = &raw[newline + 1..];
    if header.url != url || header.len != body.len() {
        return None;
    }
    Some(Entry {
        body: String::from_utf8(body.to_vec()).ok()?,
        fetched_at: header.fetched_at,
    })
}

/// Writes `header`, a newline and `body` to a temporary file beside `path`,
/// then renames it into place: readers see the old file or the new one.
pub(crate) fn write_entry(path: &Path, header: &str, body: &[u8]) -> io::Result<()> {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("entry");
    let tmp = path.with_file_name(format!(
        ".{name}.{}.{:08x}.tmp",
        std::process::id(),
        fastrand::u32(..)
    ));
    let write = || -> io::Result<()> {
        let mut file = fs::File::create(&tmp)?;
        file.write_all(header.as_bytes())?;
        file.write_all(b"\n")?;
        file.write_all(body)?;
        file.sync_all()?;
        fs::rename(&tmp, path)
    };
    write().inspect_err(|_| {
        let _ = fs::remove_file(&tmp);
    })
}

/// FNV-1a: a stable file name for a URL (the header holds the URL itself).
pub(crate) fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cache() -> (tempfile::TempDir, Cache) {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::new(dir.path());
        (dir, cache)
    }

    const URL: &str = "http://h/2.3.0/spacecraft/?offset=0";

    #[test]
    fn a_put_is_read_back() {
        let (_d, cache) = cache();
        let now = Timestamp::now();
        assert_eq!(cache.get(URL), None);
        cache.put(URL, "{\"count\":1}", now).unwrap();
        let entry = cache.get(URL).unwrap();
        assert_eq!(entry.body, "{\"count\":1}");
        assert_eq!(entry.fetched_at, now);
        assert!(entry.is_fresh(now, SignedDuration::from_hours(24)));
        assert!(!entry.is_fresh(
            now + SignedDuration::from_hours(25),
            SignedDuration::from_hours(24)
        ));
    }

    #[test]
    fn a_truncated_file_is_discarded() {
        let (_d, cache) = cache();
        cache
            .put(URL, "{\"count\":123456}", Timestamp::now())
            .unwrap();
        let path = cache.path(URL);
        let raw = fs::read(&path).unwrap();
        fs::write(&path, &raw[..raw.len() - 3]).unwrap();
        assert_eq!(cache.get(URL), None);
        assert!(!path.exists(), "the bad file is removed");
    }

    #[test]
    fn garbage_and_empty_files_are_discarded() {
        let (_d, cache) = cache();
        fs::create_dir_all(cache.dir()).unwrap();
        for junk in [&b""[..], b"\x00\x01garbage", b"{\"url\":1}\n{}"] {
            fs::write(cache.path(URL), junk).unwrap();
            assert_eq!(cache.get(URL), None);
            assert!(!cache.path(URL).exists());
        }
    }

    #[test]
    fn an_unreadable_entry_is_ignored_and_replaced() {
        let (_d, cache) = cache();
        // Root reads any file, so "unreadable" is made with a directory in the entry's place.
        fs::create_dir_all(cache.path(URL).join("junk")).unwrap();
        assert_eq!(cache.get(URL), None);
        cache.put(URL, "{}", Timestamp::now()).unwrap();
        assert_eq!(cache.get(URL).unwrap().body, "{}");
    }

    #[test]
    fn an_entry_for_another_url_is_not_served() {
        let (_d, cache) = cache();
        cache.put(URL, "{}", Timestamp::now()).unwrap();
        let other = "http://h/2.3.0/spacecraft/?offset=100";
        fs::copy(cache.path(URL), cache.path(other)).unwrap();
        assert_eq!(cache.get(other), None);
    }

    #[test]
    fn writes_leave_no_temporary_files() {
        let (_d, cache) = cache();
        for i in 0..5 {
            cache
                .put(URL, &format!("{{\"n\":{i}}}"), Timestamp::now())
                .unwrap();
        }
        let names: Vec<_> = fs::read_dir(cache.dir())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        assert_eq!(names.len(), 1, "{names:?}");
        assert_eq!(cache.get(URL).unwrap().body, "{\"n\":4}");
    }

    #[test]
    fn concurrent_writers_never_leave_a_torn_file() {
        let (_d, cache) = cache();
        let bodies: Vec<String> = (0..4)
            .map(|i| format!("{{\"w\":\"{}\"}}", i.to_string().repeat(50_000)))
            .collect();
        std::thread::scope(|s| {
            for body in &bodies {
                let cache = cache.clone();
                s.spawn(move || {
                    for _ in 0..20 {
                        cache.put(URL, body, Timestamp::now()).unwrap();
                        let got = cache.get(URL).expect("always a whole file");
                        assert!(bodies_contains(&got.body));
                    }
                });
            }
        });
        fn bodies_contains(body: &str) -> bool {
            body.starts_with("{\"w\":\"") && body.len() == 50_008
        }
    }
}
