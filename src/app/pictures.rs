//! The picture beside a record's fields: which one the screen wants and at
//! what size, and what is shown of it (pure, for `update`). The worker that
//! fetches, decodes and encodes it is the runtime's (`runtime/pictures.rs`).

use super::layout::PictureAreas;
use super::{Focus, Screen, State};
use crate::api::models::Image;
use crate::api::RecordRef;
use ratatui_image::protocol::Protocol;
use std::collections::VecDeque;
use std::fmt;
use std::sync::Arc;

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
            Screen::List | Screen::Record(RecordRef::Spacecraft(_)) => {
                let s = self.spacecraft(self.current_spacecraft_id()?)?;
                s.image.as_deref().filter(some).or_else(|| {
                    s.spacecraft_config
                        .as_ref()
                        .and_then(|c| c.image.as_ref())
                        .filter(some)
                })
            }
            Screen::Record(r) => self.record(r)?.image(),
            Screen::Now | Screen::Next | Screen::Changes | Screen::Charts | Screen::Year(_) => None,
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
        self.places.focus == Focus::Image && self.picture_areas().is_some()
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
        if self.places.focus == Focus::Image && self.picture_areas().is_none() {
            self.places.focus = Focus::Detail;
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
