//! The picture worker: fetches, decodes and encodes the picture the screen
//! wants (`app::pictures::Want`) off the UI loop, and reports it as an
//! action.
//!
//! One worker serves the one picture on screen. It takes only the latest
//! wish: fast scrolling supersedes a download at once, and a decode (which
//! cannot be interrupted) at its next step, so at most one decode is ever
//! in flight and what is no longer wanted is never drawn.

use crate::app::action::Action;
use crate::app::pictures::{Missing, Picture, Want};
use crate::data::images::{self, Fetcher, ImageCache, ImageError};
use ratatui::layout::Size;
use ratatui_image::picker::Picker;
use ratatui_image::{FilterType, Resize};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use tokio::sync::mpsc::UnboundedSender;
use tokio::sync::watch;

/// What the worker has done, for the log and for tests.
#[derive(Debug, Default)]
pub struct WorkerStats {
    pub downloads: AtomicUsize,
    pub from_cache: AtomicUsize,
    pub decodes: AtomicUsize,
    /// Decodes running now, and the most ever at once.
    pub decoding: AtomicUsize,
    pub most_decoding: AtomicUsize,
    /// Work dropped because another picture was wanted first.
    pub superseded: AtomicUsize,
}

/// Where the worker gets pictures, and how it encodes them.
pub struct Worker {
    pub picker: Picker,
    pub cache: ImageCache,
    /// `None` offline: only the cache.
    pub fetcher: Option<Fetcher>,
    pub max_pixels: u64,
    pub stats: Arc<WorkerStats>,
}

impl Worker {
    /// Starts the worker; the sender takes the picture wanted (`None`: none).
    pub fn spawn(self, tx: UnboundedSender<Action>) -> watch::Sender<Option<Want>> {
        let (wants, rx) = watch::channel(None);
        tokio::spawn(self.run(rx, tx));
        wants
    }

    async fn run(self, mut rx: watch::Receiver<Option<Want>>, tx: UnboundedSender<Action>) {
        let worker = Arc::new(self);
        // A wish that superseded work is taken without waiting for another.
        let mut pending = false;
        loop {
            if !pending && rx.changed().await.is_err() {
                return;
            }
            pending = false;
            let Some(mut want) = rx.borrow_and_update().clone() else {
                continue;
            };
            let url = want.url.clone();
            let fetch = worker.bytes(&url);
            tokio::pin!(fetch);
            // Another picture drops the download; the same one at another
            // size (a resize) lets it go on.
            let bytes = loop {
                tokio::select! {
                    bytes = &mut fetch => break Some(bytes),
                    changed = rx.changed() => {
                        if changed.is_err() {
                            return;
                        }
                        match rx.borrow_and_update().clone() {
                            Some(same) if same.url == url => want = same,
                            _ => break None,
                        }
                    }
                }
            };
            let Some(bytes) = bytes else {
                worker.stats.superseded.fetch_add(1, Ordering::Relaxed);
                pending = true;
                continue;
            };
            let result = match bytes {
                Ok((bytes, fresh)) => worker.picture(&want, bytes, fresh, &rx).await,
                Err(e) => Some((want, Err(e))),
            };
            let Some((want, result)) = result else {
                worker.stats.superseded.fetch_add(1, Ordering::Relaxed);
                pending = true;
                continue;
            };
            // What came meanwhile, unless it was this very picture.
            pending = rx.borrow_and_update().as_ref() != Some(&want);
            if let Err(e) = &result {
                tracing::info!(url = %want.url, reason = %e, "no picture");
            }
            let result = result.map_err(|e| Missing {
                passing: matches!(e, ImageError::Unreachable | ImageError::Timeout),
                reason: e.to_string(),
            });
            if tx.send(Action::PictureLoaded { want, result }).is_err() {
                return;
            }
        }
    }

    /// The picture's bytes: from the disk cache, else the image host (then
    /// `true`: to be kept once they decode).
    async fn bytes(self: &Arc<Self>, url: &str) -> Result<(Vec<u8>, bool), ImageError> {
        images::check_scheme(url)?;
        let cache = self.cache.clone();
        let key = url.to_string();
        let cached = tokio::task::spawn_blocking(move || cache.get(&key))
            .await
            .ok()
            .flatten();
        if let Some(bytes) = cached {
            self.stats.from_cache.fetch_add(1, Ordering::Relaxed);
            return Ok((bytes, false));
        }
        let fetcher = self.fetcher.as_ref().ok_or(ImageError::Offline)?;
        self.stats.downloads.fetch_add(1, Ordering::Relaxed);
        Ok((fetcher.fetch(url).await?, true))
    }

    /// Decodes and encodes on a blocking thread, to the end (it cannot be
    /// interrupted), but skips the encoding when another picture is wanted
    /// by then (the same one at another size is encoded at that size).
    /// Downloaded bytes are kept on disk once they decode: a page or a
    /// broken body is not. `None`: superseded.
    async fn picture(
        self: &Arc<Self>,
        want: &Want,
        bytes: Vec<u8>,
        fresh: bool,
        rx: &watch::Receiver<Option<Want>>,
    ) -> Option<(Want, Result<Picture, ImageError>)> {
        let worker = Arc::clone(self);
        let rx = rx.clone();
        let asked = want.clone();
        let want = want.clone();
        let url = want.url.clone();
        let job = tokio::task::spawn_blocking(move || {
            let stats = &worker.stats;
            let now = stats.decoding.fetch_add(1, Ordering::SeqCst) + 1;
            stats.most_decoding.fetch_max(now, Ordering::SeqCst);
            stats.decodes.fetch_add(1, Ordering::Relaxed);
            let decoded = images::decode(&bytes, worker.max_pixels);
            stats.decoding.fetch_sub(1, Ordering::SeqCst);
            if fresh && decoded.is_ok() {
                if let Err(e) = worker.cache.put(&url, &bytes) {
                    tracing::warn!(error = %e, "cannot keep a picture on disk");
                }
            }
            let latest = match rx.has_changed() {
                Ok(false) => want,
                Ok(true) => rx.borrow().clone().filter(|w| w.url == url)?,
                Err(_) => return None,
            };
            let cells = latest.cells;
            Some((
                latest,
                decoded.and_then(|image| worker.encode(image, cells)),
            ))
        });
        job.await.unwrap_or_else(|e| {
            let failed = ImageError::Malformed(format!("the decoder failed: {e}"));
            Some((asked, Err(failed)))
        })
    }

    fn encode(&self, image: image::DynamicImage, cells: (u16, u16)) -> Result<Picture, ImageError> {
        encode(&self.picker, image, cells)
    }
}

/// `image` scaled to fill `cells` at the terminal's font size (up, too: a
/// small thumbnail fills its slot, so its credit sits right under it), and
/// encoded for its protocol (slow: off the UI loop).
pub fn encode(
    picker: &Picker,
    image: image::DynamicImage,
    cells: (u16, u16),
) -> Result<Picture, ImageError> {
    let font = picker.font_size();
    let (w, h) = (
        u32::from(cells.0) * u32::from(font.width.max(1)),
        u32::from(cells.1) * u32::from(font.height.max(1)),
    );
    // Most of the scaling in one fast step; the protocol's fit does the rest.
    let image = if image.width() > w || image.height() > h {
        image.thumbnail(w.max(1), h.max(1))
    } else {
        image
    };
    let protocol = picker
        .new_protocol(
            image,
            Size::new(cells.0, cells.1),
            Resize::Scale(Some(FilterType::Triangle)),
        )
        .map_err(|e| ImageError::Malformed(e.to_string()))?;
    let area = protocol.size();
    Ok(Picture {
        area: (area.width, area.height),
        protocol: Arc::new(protocol),
    })
}
