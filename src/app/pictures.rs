//! The picture beside a record's fields: which one the screen wants and at
//! what size (pure, for `update`), and the worker that fetches, decodes and
//! encodes it off the UI loop.
//!
//! One worker serves the one picture on screen. It takes only the latest
//! wish: fast scrolling supersedes a download at once, and a decode (which
//! cannot be interrupted) at its next step, so at most one decode is ever
//! in flight and what is no longer wanted is never drawn.

use super::action::Action;
use super::layout::PictureAreas;
use super::{Focus, Screen, State};
use crate::api::models::Image;
use crate::data::images::{self, Fetcher, ImageCache, ImageError};
use crate::data::store::Record;
use ratatui::layout::Size;
use ratatui_image::picker::Picker;
use ratatui_image::protocol::Protocol;
use ratatui_image::{FilterType, Resize};
use std::collections::VecDeque;
use std::fmt;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use tokio::sync::mpsc::UnboundedSender;
use tokio::sync::watch;

/// Pictures decoded recently, so going back and forth is instant.
const REMEMBERED: usize = 12;

/// A picture at a size in cells.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Want {
    pub url: String,
    pub cells: (u16, u16),
}

/// A picture encoded for the terminal, ready to draw.
#[derive(Clone)]
pub struct Picture {
    pub protocol: Arc<Protocol>,
    /// The cells it covers (within the wanted size, its proportions kept).
    pub area: (u16, u16),
}

impl fmt::Debug for Picture {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Picture {}×{}", self.area.0, self.area.1)
    }
}

impl PartialEq for Picture {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.protocol, &other.protocol)
    }
}

/// Why a picture is missing, and whether asking again could help.
#[derive(Debug, Clone, PartialEq)]
pub struct Missing {
    pub reason: String,
    /// The network failed: worth another try when the record comes back.
    pub passing: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Shown {
    Loading,
    Ready(Picture),
    Failed(Missing),
}

/// The picture slot of the screen and what is in it.
#[derive(Debug, Clone, Default)]
pub struct Pictures {
    /// Pictures are drawn at all (`images` is not `off`, colour is on).
    pub enabled: bool,
    pub current: Option<(Want, Shown)>,
    recent: VecDeque<(Want, Shown)>,
    /// The last download failed on the network (unreachable, timed out):
    /// the next will likely fail too, so no column waits for it.
    network_failing: bool,
}

impl Pictures {
    pub fn new(enabled: bool) -> Self {
        Pictures {
            enabled,
            ..Pictures::default()
        }
    }

    fn remember(&mut self, want: &Want, shown: &Shown) {
        if matches!(shown, Shown::Failed(m) if m.passing) {
            return;
        }
        self.recent.retain(|(w, _)| w != want);
        if self.recent.len() == REMEMBERED {
            self.recent.pop_front();
        }
        self.recent.push_back((want.clone(), shown.clone()));
    }

    /// What is remembered of `want`: its picture at that size, or a lasting
    /// failure of its address at any size.
    fn recalled(&self, want: &Want) -> Option<Shown> {
        self.recent
            .iter()
            .find(|(w, s)| w == want || (w.url == want.url && matches!(s, Shown::Failed(_))))
            .map(|(_, s)| s.clone())
    }
}

impl State {
    /// The image of what the screen shows in full: a spacecraft (its own
    /// picture, else its configuration's), an astronaut, a station.
    pub fn shown_image(&self) -> Option<&Image> {
        let some = |i: &&Image| i.thumbnail_url.is_some() || i.image_url.is_some();
        match self.screen() {
            Screen::List | Screen::Spacecraft(_) => {
                let s = self.spacecraft(self.current_spacecraft_id()?)?;
                s.image.as_deref().filter(some).or_else(|| {
                    s.spacecraft_config
                        .as_ref()
                        .and_then(|c| c.image.as_ref())
                        .filter(some)
                })
            }
            Screen::Astronaut(_) | Screen::Station(_) => {
                match self.record(self.screen().record()?)? {
                    Record::Astronaut { astronaut, .. } => astronaut.image.as_ref().filter(some),
                    Record::Station { station, .. } => station.image.as_ref().filter(some),
                    _ => None,
                }
            }
            _ => None,
        }
    }

    /// Where the picture is drawn, if one is (see [`Areas::picture`](super::layout::Areas)).
    pub fn picture_areas(&self) -> Option<PictureAreas> {
        self.areas().picture
    }

    /// What is known of the picture the screen shows: `None` before it is
    /// asked for (the wish follows each action).
    pub fn shown_picture(&self) -> Option<&Shown> {
        let url = self.shown_image().and_then(url_of)?;
        let (want, shown) = self.pictures.current.as_ref()?;
        (want.url == url).then_some(shown)
    }

    /// The picture has a column beside the text: drawn, or on its way and
    /// likely to come (kept, so that the text does not jump when it
    /// arrives). A picture that cannot be had gives its width back to the
    /// text, and so does one asked for while the network is failing.
    pub(super) fn picture_takes_room(&self) -> bool {
        match self.shown_picture() {
            Some(Shown::Ready(_)) => true,
            Some(Shown::Failed(_)) => false,
            Some(Shown::Loading) | None => !self.pictures.network_failing,
        }
    }

    /// The focus is on a picture that is drawn.
    pub fn picture_focused(&self) -> bool {
        self.focus == Focus::Image && self.picture_areas().is_some()
    }

    /// The picture the screen wants now: the thumbnail, else the full image,
    /// at the size of its slot (drawn or not: a picture that failed is
    /// still the one wanted, so it is not asked for again).
    fn wanted_picture(&self) -> Option<Want> {
        let slot = self.areas().picture_slot?;
        let url = url_of(self.shown_image()?)?.to_string();
        Some(Want {
            url,
            cells: (slot.picture.width, slot.picture.height),
        })
    }

    /// After every action: a new picture wanted is recalled, or asked of the
    /// worker; none wanted tells the worker to stop.
    pub(super) fn track_picture(&mut self) -> Vec<super::Effect> {
        let effects = self.ask_picture();
        // The focus leaves a picture that is not drawn (none, failed, no
        // room) for the pane it was in.
        if self.focus == Focus::Image && self.picture_areas().is_none() {
            self.focus = Focus::Detail;
        }
        effects
    }

    fn ask_picture(&mut self) -> Vec<super::Effect> {
        let want = self.wanted_picture();
        if want.as_ref() == self.pictures.current.as_ref().map(|(w, _)| w) {
            return vec![];
        }
        let Some(want) = want else {
            self.pictures.current = None;
            return vec![super::Effect::ShowPicture(None)];
        };
        match self.pictures.recalled(&want) {
            Some(shown) => {
                self.pictures.current = Some((want, shown));
                vec![super::Effect::ShowPicture(None)]
            }
            None => {
                self.pictures.current = Some((want.clone(), Shown::Loading));
                vec![super::Effect::ShowPicture(Some(want))]
            }
        }
    }

    pub(super) fn on_picture(&mut self, want: Want, result: Result<Picture, Missing>) {
        let shown = match result {
            Ok(p) => Shown::Ready(p),
            Err(m) => Shown::Failed(m),
        };
        self.pictures.network_failing = matches!(&shown, Shown::Failed(m) if m.passing);
        self.pictures.remember(&want, &shown);
        if let Some((current, slot)) = &mut self.pictures.current {
            if *current == want {
                *slot = shown;
            }
        }
    }

    /// `o` on a picture: the full-size image, if it is a web address.
    pub(super) fn picture_url(&self) -> Option<String> {
        let image = self.shown_image()?;
        let url = image
            .image_url
            .as_deref()
            .or(image.thumbnail_url.as_deref())?;
        crate::api::sanitize::http_url(url).map(String::from)
    }
}

/// The picture of `image` drawn beside the fields: the thumbnail, else the full image.
fn url_of(image: &Image) -> Option<&str> {
    image
        .thumbnail_url
        .as_deref()
        .or(image.image_url.as_deref())
}

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
