//! The picture beside a record's fields: which one `update` asks for and
//! when (keys in, effects out), the worker against an image host on
//! loopback (fast scrolling cancels; one decode at a time; the disk cache
//! serves the next visit and offline), and the pane drawn with half-blocks.

mod common;

use common::{buffer_text, showing};
use hangar::api::Spacecraft;
use hangar::app::action::{Action, Command};
use hangar::app::pictures::{Missing, Pictures, Shown, Want};
use hangar::app::{update, Effect, Focus, State};
use hangar::data::images::{Fetcher, ImageCache, CACHE_CAP, MAX_BYTES, MAX_PIXELS};
use hangar::data::store::Origin;
use hangar::runtime::{encode, Worker, WorkerStats};
use image::{ImageFormat, Rgb, RgbImage};
use jiff::Timestamp;
use ratatui::style::Color;
use ratatui_image::picker::Picker;
use std::io::Cursor;
use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::Duration;
use wiremock::matchers::{method, path_regex};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn now() -> Timestamp {
    "2026-11-22T12:00:00Z".parse().unwrap()
}

/// Spacecraft 1..=n, each with its own picture at `host`; 3 has none.
fn records(host: &str, n: u64) -> Vec<Spacecraft> {
    (1..=n)
        .map(|id| {
            let mut json = common::spacecraft_json(id, &format!("Craft {id}"), "Soyuz MS");
            if id != 3 {
                json["image"] = serde_json::json!({
                    "id": id, "name": format!("Craft {id}"),
                    "image_url": format!("{host}/full/{id}.png"),
                    "thumbnail_url": format!("{host}/thumb/{id}.png"),
                    "credit": "NASA/Ken Ulbrich",
                    "license": {"id": 4, "name": "NASA Image and Media Guidelines", "priority": 1, "link": null},
                    "single_use": false, "variants": []
                });
            }
            json["spacecraft_config"]["wiki_link"] = serde_json::json!(format!("https://wiki/{id}"));
            serde_json::from_value(json).unwrap()
        })
        .collect()
}

fn state(host: &str, n: u64, size: (u16, u16)) -> State {
    let mut s = showing(records(host, n), Origin::Live, size, now(), false);
    s.pictures = Pictures::new(true);
    s
}

fn press(s: &mut State, c: Command) -> Vec<Effect> {
    update(s, Action::Command(c))
}

fn wanted(effects: &[Effect]) -> Vec<Option<Want>> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::ShowPicture(w) => Some(w.clone()),
            _ => None,
        })
        .collect()
}

fn thumb(id: u64) -> String {
    format!("http://img/thumb/{id}.png")
}

/// Left half red, right half blue, in bands 10 pixels high (the upper and
/// lower half of a half-block cell) of two shades.
fn halves(w: u32, h: u32) -> image::DynamicImage {
    image::DynamicImage::ImageRgb8(RgbImage::from_fn(w, h, |x, y| {
        let shade = if (y / 10) % 2 == 0 { 220 } else { 150 };
        if x < w / 2 {
            Rgb([shade, 30, 30])
        } else {
            Rgb([30, 30, shade])
        }
    }))
}

fn png(w: u32, h: u32) -> Vec<u8> {
    let mut out = Cursor::new(Vec::new());
    halves(w, h).write_to(&mut out, ImageFormat::Png).unwrap();
    out.into_inner()
}

#[test]
fn the_record_on_screen_asks_for_its_thumbnail_at_the_size_of_its_slot() {
    let mut s = state("http://img", 10, (160, 48));
    let effects = update(&mut s, Action::Resize(160, 48));
    let [Some(first)] = &wanted(&effects)[..] else {
        panic!("{effects:?}")
    };
    assert_eq!(first.url, thumb(1));
    let slot = s.picture_areas().unwrap();
    assert_eq!(first.cells, (slot.picture.width, slot.picture.height));
    assert!(
        slot.picture.width >= 22 && slot.picture.height >= 8,
        "{slot:?}"
    );
    // The fields give way: the text is narrower than the pane.
    let pane = s.areas().detail.unwrap();
    assert!(s.areas().text_width(pane) + slot.picture.width < pane.width);
    // Each key that changes the record changes the wish; the same record, no new one.
    assert_eq!(
        wanted(&press(&mut s, Command::Down)),
        [Some(Want {
            url: thumb(2),
            cells: first.cells
        })]
    );
    assert!(wanted(&press(&mut s, Command::Help)).is_empty());
    press(&mut s, Command::Back);
    // No picture: nothing wanted, the worker told to stop, the fields take the room.
    assert_eq!(wanted(&press(&mut s, Command::Down)), [None]);
    assert!(s.picture_areas().is_none());
    assert_eq!(s.areas().text_width(pane), pane.width - 2);
    // A terminal too small for a picture beside the fields: none.
    press(&mut s, Command::Down);
    assert_eq!(wanted(&update(&mut s, Action::Resize(100, 30))), [None]);
    assert!(s.picture_areas().is_none());
    // Back to a size with room: the same picture at the new size.
    let w = wanted(&update(&mut s, Action::Resize(200, 50)));
    assert!(
        matches!(&w[..], [Some(w)] if w.url == thumb(4) && w.cells != first.cells),
        "{w:?}"
    );
}

#[test]
fn pictures_off_ask_for_nothing() {
    let mut s = state("http://img", 10, (160, 48));
    s.pictures = Pictures::new(false);
    let mut effects = update(&mut s, Action::Resize(160, 48));
    for _ in 0..5 {
        effects.extend(press(&mut s, Command::Down));
    }
    assert!(wanted(&effects).is_empty(), "{effects:?}");
    assert!(s.picture_areas().is_none());
    let pane = s.areas().detail.unwrap();
    assert_eq!(s.areas().text_width(pane), pane.width - 2);
}

#[test]
fn a_picture_seen_comes_back_at_once_and_a_passing_failure_is_asked_again() {
    let mut s = state("http://img", 10, (160, 48));
    let [Some(one)] = &wanted(&update(&mut s, Action::Resize(160, 48)))[..] else {
        panic!()
    };
    let picture = encode(&Picker::halfblocks(), halves(40, 30), one.cells).unwrap();
    update(
        &mut s,
        Action::PictureLoaded {
            want: one.clone(),
            result: Ok(picture.clone()),
        },
    );
    assert_eq!(
        s.pictures.current,
        Some((one.clone(), Shown::Ready(picture.clone())))
    );
    // Down to 2, whose host is unreachable; a late answer for 1 is kept aside.
    let [Some(two)] = &wanted(&press(&mut s, Command::Down))[..] else {
        panic!()
    };
    let unreachable = Missing {
        reason: "image host unreachable".into(),
        passing: true,
    };
    update(
        &mut s,
        Action::PictureLoaded {
            want: two.clone(),
            result: Err(unreachable.clone()),
        },
    );
    assert_eq!(
        s.pictures.current,
        Some((two.clone(), Shown::Failed(unreachable)))
    );
    // Back to 1: shown from memory, the worker told to stop.
    assert_eq!(wanted(&press(&mut s, Command::Up)), [None]);
    assert_eq!(
        s.pictures.current,
        Some((one.clone(), Shown::Ready(picture)))
    );
    // Down to 2 again: the network may be back, so it is asked for again.
    assert_eq!(wanted(&press(&mut s, Command::Down)), [Some(two.clone())]);
    assert_eq!(s.pictures.current, Some((two.clone(), Shown::Loading)));
    // A lasting failure (a 404) is remembered.
    let gone = Missing {
        reason: "image host answered HTTP 404".into(),
        passing: false,
    };
    update(
        &mut s,
        Action::PictureLoaded {
            want: two.clone(),
            result: Err(gone.clone()),
        },
    );
    press(&mut s, Command::Up);
    assert_eq!(wanted(&press(&mut s, Command::Down)), [None]);
    assert_eq!(
        s.pictures.current,
        Some((two.clone(), Shown::Failed(gone.clone())))
    );
    // At another size too (here a wider terminal; Enter gives another pane).
    assert_eq!(wanted(&update(&mut s, Action::Resize(200, 50))), [None]);
    let (want, shown) = s.pictures.current.clone().unwrap();
    assert!(want.url == two.url && want.cells != two.cells);
    assert_eq!(shown, Shown::Failed(gone));
}

#[test]
fn o_on_the_picture_opens_the_full_size_image_and_elsewhere_the_web_page() {
    let mut s = state("http://img", 10, (160, 48));
    update(&mut s, Action::Resize(160, 48));
    assert_eq!(
        press(&mut s, Command::OpenWeb),
        [Effect::OpenUrl("https://wiki/1".into())]
    );
    // Tab: the detail pane, then the picture.
    press(&mut s, Command::FocusNext);
    assert_eq!(s.places.focus, Focus::Detail);
    press(&mut s, Command::FocusNext);
    assert_eq!(s.places.focus, Focus::Image);
    assert!(s.picture_focused());
    let full = Effect::OpenUrl("http://img/full/1.png".into());
    assert_eq!(press(&mut s, Command::OpenWeb), std::slice::from_ref(&full));
    assert_eq!(press(&mut s, Command::Open), [full]);
    // The hint under the picture says so.
    let screen = common::render(&s);
    assert!(screen.contains("o full size"), "{screen}");
    // Esc leaves the picture for the list.
    press(&mut s, Command::Back);
    assert_eq!(s.places.focus, Focus::List);
    // A click on the picture focuses it too.
    let slot = s.picture_areas().unwrap().picture;
    update(
        &mut s,
        Action::Mouse {
            kind: hangar::app::action::MouseKind::Click,
            column: slot.x + 1,
            row: slot.y + 1,
        },
    );
    assert_eq!(s.places.focus, Focus::Image);
    press(&mut s, Command::Back);
    // A record without a picture has no such stop, and the focus leaves a
    // picture that goes away.
    for _ in 0..2 {
        press(&mut s, Command::FocusNext);
    }
    assert_eq!(s.places.focus, Focus::Image);
    update(&mut s, Action::Resize(100, 30));
    assert_eq!(s.places.focus, Focus::Detail, "the pane the picture was in");
    update(&mut s, Action::Resize(160, 48));
    press(&mut s, Command::Back);
    common::select(&mut s, 3);
    for _ in 0..3 {
        press(&mut s, Command::FocusNext);
        assert_ne!(s.places.focus, Focus::Image);
    }
}

/// An image host answering `response` for every thumbnail.
async fn image_host(response: ResponseTemplate) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path_regex("^/thumb/"))
        .respond_with(response)
        .mount(&server)
        .await;
    server
}

/// The picture worker on its own, the wishes `update` makes sent to it as
/// the task runner sends them, and what it reports.
struct Running {
    wants: tokio::sync::watch::Sender<Option<Want>>,
    rx: tokio::sync::mpsc::UnboundedReceiver<Action>,
    stats: Arc<WorkerStats>,
    /// Pictures delivered, in order.
    delivered: Vec<Want>,
}

impl Running {
    fn start(cache: &std::path::Path, online: bool) -> Running {
        let stats = Arc::new(WorkerStats::default());
        let worker = Worker {
            picker: Picker::halfblocks(),
            cache: ImageCache::new(cache, CACHE_CAP),
            fetcher: online.then(|| Fetcher::new(Duration::from_secs(10), MAX_BYTES)),
            max_pixels: MAX_PIXELS,
            stats: Arc::clone(&stats),
        };
        let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
        Running {
            wants: worker.spawn(tx),
            rx,
            stats,
            delivered: Vec::new(),
        }
    }

    fn run(&self, effects: Vec<Effect>) {
        for w in wanted(&effects) {
            self.wants.send_replace(w);
        }
    }

    /// Applies the worker's answers until the picture shown is no longer loading.
    async fn settle(&mut self, s: &mut State) {
        while matches!(s.pictures.current, Some((_, Shown::Loading))) {
            let action = tokio::time::timeout(Duration::from_secs(20), self.rx.recv())
                .await
                .expect("the worker answers")
                .unwrap();
            if let Action::PictureLoaded { want, .. } = &action {
                self.delivered.push(want.clone());
            }
            update(s, action);
        }
    }

    fn count(&self, of: impl Fn(&WorkerStats) -> &std::sync::atomic::AtomicUsize) -> usize {
        of(&self.stats).load(Ordering::SeqCst)
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fast_scrolling_fetches_and_decodes_only_the_picture_it_stops_on() {
    // A download takes longer than the keys come.
    let server = image_host(
        ResponseTemplate::new(200)
            .set_body_raw(png(300, 200), "image/png")
            .set_delay(Duration::from_millis(300)),
    )
    .await;
    let dir = tempfile::tempdir().unwrap();
    let mut w = Running::start(dir.path(), true);
    let mut s = state(&server.uri(), 40, (160, 48));
    w.run(update(&mut s, Action::Resize(160, 48)));
    // Thirty keys, a key every 10 ms (faster than key repeat).
    for _ in 0..30 {
        w.run(press(&mut s, Command::Down));
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    let last = s.pictures.current.clone().unwrap().0;
    assert_eq!(last.url, format!("{}/thumb/31.png", server.uri()));
    w.settle(&mut s).await;
    assert!(matches!(s.pictures.current, Some((_, Shown::Ready(_)))));
    assert_eq!(w.delivered, std::slice::from_ref(&last));
    assert_eq!(w.count(|s| &s.decodes), 1);
    assert_eq!(w.count(|s| &s.most_decoding), 1);
    assert!(w.count(|s| &s.superseded) >= 1);

    // Back one: 30 was given up half-way, so it is fetched now; then 31
    // again comes from memory, with no work at all.
    let downloads = w.count(|s| &s.downloads);
    w.run(press(&mut s, Command::Up));
    w.settle(&mut s).await;
    assert_eq!(w.count(|s| &s.downloads), downloads + 1);
    assert_eq!(wanted(&press(&mut s, Command::Down)), [None]);
    assert!(matches!(s.pictures.current, Some((_, Shown::Ready(_)))));
    assert_eq!(w.count(|s| &s.decodes), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_decode_under_way_finishes_alone_and_its_picture_is_dropped_if_passed() {
    // Large enough that decoding takes a while.
    let server =
        image_host(ResponseTemplate::new(200).set_body_raw(png(3000, 2000), "image/png")).await;
    let dir = tempfile::tempdir().unwrap();
    let mut w = Running::start(dir.path(), true);
    let mut s = state(&server.uri(), 10, (160, 48));
    w.run(update(&mut s, Action::Resize(160, 48)));
    // Wait until the first picture is being decoded, then move on thrice.
    while w.count(|s| &s.decoding) == 0 {
        tokio::time::sleep(Duration::from_millis(1)).await;
    }
    for _ in 0..3 {
        w.run(press(&mut s, Command::Down));
    }
    w.settle(&mut s).await;
    let last = s.pictures.current.clone().unwrap().0;
    assert_eq!(last.url, format!("{}/thumb/4.png", server.uri()));
    // Picture 1 was decoded but never encoded nor delivered; 2 was never
    // decoded; never two decodes at once.
    assert_eq!(w.delivered, [last]);
    assert_eq!(w.count(|s| &s.most_decoding), 1);
    assert!(w.count(|s| &s.decodes) <= 3);
    assert!(w.count(|s| &s.superseded) >= 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn offline_pictures_come_from_the_disk_cache_or_say_why_not() {
    let server =
        image_host(ResponseTemplate::new(200).set_body_raw(png(60, 40), "image/png")).await;
    let dir = tempfile::tempdir().unwrap();
    // Online: picture 1 is downloaded and kept.
    {
        let mut w = Running::start(dir.path(), true);
        let mut s = state(&server.uri(), 10, (160, 48));
        w.run(update(&mut s, Action::Resize(160, 48)));
        w.settle(&mut s).await;
        assert!(matches!(s.pictures.current, Some((_, Shown::Ready(_)))));
    }
    let requests = server.received_requests().await.unwrap().len();
    let mut w = Running::start(dir.path(), false);
    let mut s = state(&server.uri(), 10, (160, 48));
    w.run(update(&mut s, Action::Resize(160, 48)));
    w.settle(&mut s).await;
    assert!(matches!(s.pictures.current, Some((_, Shown::Ready(_)))));
    w.run(press(&mut s, Command::Down));
    w.settle(&mut s).await;
    let Some((_, Shown::Failed(missing))) = &s.pictures.current else {
        panic!("{:?}", s.pictures.current)
    };
    assert_eq!(missing.reason, "not in the image cache (offline)");
    assert_eq!(w.count(|s| &s.from_cache), 1);
    assert_eq!(w.count(|s| &s.downloads), 0);
    assert_eq!(server.received_requests().await.unwrap().len(), requests);
}

#[test]
fn the_detail_pane_with_a_half_block_picture_its_credit_and_licence() {
    let mut s = state("http://img", 10, (150, 34));
    let [Some(want)] = &wanted(&update(&mut s, Action::Resize(150, 34)))[..] else {
        panic!()
    };
    let loading = common::render(&s);
    assert!(loading.contains("loading the picture…"), "{loading}");
    // The slot's size at half-blocks' 10×20-pixel cells: drawn unscaled, each
    // cell's upper half one shade and its lower half the other.
    let (w, h) = (u32::from(want.cells.0) * 10, u32::from(want.cells.1) * 20);
    let picture = encode(&Picker::halfblocks(), halves(w, h), want.cells).unwrap();
    update(
        &mut s,
        Action::PictureLoaded {
            want: want.clone(),
            result: Ok(picture),
        },
    );
    let keymap = hangar::ui::keys::Keymap::default();
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(150, 34)).unwrap();
    terminal.draw(|f| hangar::ui::draw(f, &s, &keymap)).unwrap();
    let buffer = terminal.backend().buffer();
    insta::assert_snapshot!(buffer_text(buffer));
    // The picture's cells: the left ones red, the right ones blue.
    let slot = s.picture_areas().unwrap().picture;
    let y = slot.y + 1;
    let colours: Vec<(Color, Color)> = (slot.x..slot.right())
        .map(|x| (buffer[(x, y)].fg, buffer[(x, y)].bg))
        .filter(|(fg, _)| *fg != Color::Reset)
        .collect();
    assert!(colours.len() >= 20, "{colours:?}");
    assert_eq!(colours.len(), usize::from(slot.width));
    let red = |c: Color| matches!(c, Color::Rgb(r, _, b) if r > 120 && b < 80);
    let blue = |c: Color| matches!(c, Color::Rgb(r, _, b) if b > 120 && r < 80);
    let (first, last) = (colours[0], colours[colours.len() - 1]);
    assert!(
        red(first.0) && red(first.1) && first.0 != first.1,
        "{colours:?}"
    );
    assert!(
        blue(last.0) && blue(last.1) && last.0 != last.1,
        "{colours:?}"
    );
}

#[test]
fn a_picture_that_failed_gives_its_width_to_the_text_and_says_why_on_the_border() {
    let mut s = state("http://img", 10, (150, 34));
    let [Some(want)] = &wanted(&update(&mut s, Action::Resize(150, 34)))[..] else {
        panic!()
    };
    let not_an_image = Missing {
        reason: "not an image (text/html)".into(),
        passing: false,
    };
    update(
        &mut s,
        Action::PictureLoaded {
            want: want.clone(),
            result: Err(not_an_image),
        },
    );
    assert!(s.picture_areas().is_none());
    let pane = s.areas().detail.unwrap();
    assert_eq!(s.areas().text_width(pane), pane.width - 2);
    let screen = common::render(&s);
    let border = screen.lines().nth(usize::from(pane.y)).unwrap();
    assert!(
        border.ends_with("─ no picture: not an image (text/html) ╮"),
        "{screen}"
    );
    insta::assert_snapshot!(screen);
    // The picture is still the one wanted: not asked for again, and the
    // focus never stops on it.
    assert!(wanted(&update(&mut s, Action::Resize(150, 34))).is_empty());
    for _ in 0..3 {
        press(&mut s, Command::FocusNext);
        assert_ne!(s.places.focus, Focus::Image);
    }
    // A lasting failure says nothing of the next picture: its column waits for it.
    press(&mut s, Command::Back);
    common::select(&mut s, 2);
    assert!(s.picture_areas().is_some());
}

#[test]
fn while_the_network_fails_no_column_waits_for_a_picture() {
    let mut s = state("http://img", 10, (160, 48));
    let [Some(one)] = &wanted(&update(&mut s, Action::Resize(160, 48)))[..] else {
        panic!()
    };
    assert!(s.picture_areas().is_some(), "a first picture is waited for");
    update(
        &mut s,
        Action::PictureLoaded {
            want: one.clone(),
            result: Err(Missing {
                reason: "image host unreachable".into(),
                passing: true,
            }),
        },
    );
    assert!(s.picture_areas().is_none());
    // The next is asked for, but the text keeps the width while it loads:
    // it would most likely fail too, and the text would jump twice.
    let [Some(two)] = &wanted(&press(&mut s, Command::Down))[..] else {
        panic!()
    };
    assert_eq!(two.cells, one.cells, "asked at the size of its slot");
    assert!(s.picture_areas().is_none());
    let screen = common::render(&s);
    assert!(screen.contains("─ loading the picture… ╮"), "{screen}");
    // The network is back: the picture takes its column, and the next waits again.
    let picture = encode(&Picker::halfblocks(), halves(40, 30), two.cells).unwrap();
    update(
        &mut s,
        Action::PictureLoaded {
            want: two.clone(),
            result: Ok(picture),
        },
    );
    assert!(s.picture_areas().is_some());
    common::select(&mut s, 4);
    assert!(s.picture_areas().is_some());
}

#[test]
fn an_astronaut_and_a_station_show_their_pictures_beside_their_fields() {
    use common::record_loaded as loaded;
    use hangar::api::paging::parse_record;
    use hangar::api::{Astronaut, RecordRef};
    use hangar::data::store::Record;
    let mut s = common::snapshot_showing((120, 36), now());
    s.pictures = Pictures::new(true);
    s.start_at(RecordRef::Astronaut(84));
    let astronaut: Astronaut = parse_record(&common::fixture("astronaut-2.3.0.json")).unwrap();
    let effects = loaded(
        &mut s,
        RecordRef::Astronaut(84),
        Record::Astronaut {
            astronaut,
            flights: Default::default(),
        },
    );
    let [Some(want)] = &wanted(&effects)[..] else {
        panic!("{effects:?}")
    };
    assert!(want.url.contains("_thumbnail_"), "{}", want.url);
    let pane = s.areas().record.unwrap();
    assert!(s.areas().text_width(pane) < pane.width - 30);
    let screen = common::render(&s);
    assert!(screen.contains("loading the picture…"), "{screen}");
    // The station has no thumbnail: its full image, fetched the same way.
    s.start_at(RecordRef::Station(4));
    let effects = loaded(&mut s, RecordRef::Station(4), common::station_record());
    let [Some(want)] = &wanted(&effects)[..] else {
        panic!("{effects:?}")
    };
    assert!(want.url.ends_with("station_image_20190220215716.jpeg"));
    update(
        &mut s,
        Action::PictureLoaded {
            want: want.clone(),
            result: Err(Missing {
                reason: "image host unreachable".into(),
                passing: true,
            }),
        },
    );
    // The text takes the width here too, the reason on the border.
    let pane = s.areas().record.unwrap();
    assert_eq!(s.areas().text_width(pane), pane.width - 2);
    let screen = common::render(&s);
    let border = screen.lines().nth(usize::from(pane.y)).unwrap();
    assert!(
        border.contains("─ no picture: image host unreachable ╮"),
        "{screen}"
    );
    // Links still work beside the picture: j moves, Enter follows.
    let link = s.places.link;
    press(&mut s, Command::Down);
    assert_ne!(s.places.link, link);
}

#[test]
fn o_opens_only_web_addresses() {
    let mut records = records("http://img", 2);
    let image = records[0].image.as_mut().unwrap();
    image.image_url = Some("file:///etc/passwd".into());
    image.thumbnail_url = Some("--help".into());
    let config = std::sync::Arc::make_mut(records[0].spacecraft_config.as_mut().unwrap());
    config.wiki_link = Some("javascript:alert(1)".into());
    records[0].url = Some("-a evil https://x".into());
    let mut s = showing(records, Origin::Live, (160, 48), now(), false);
    s.pictures = Pictures::new(true);
    // The wish goes to the worker, which refuses what is no web address
    // before anything leaves (images.rs) and says so under the credit.
    assert_eq!(
        wanted(&update(&mut s, Action::Resize(160, 48))),
        [Some(Want {
            url: "--help".into(),
            cells: s
                .picture_areas()
                .map(|p| (p.picture.width, p.picture.height))
                .unwrap()
        })]
    );
    assert!(press(&mut s, Command::OpenWeb).is_empty());
    press(&mut s, Command::FocusNext);
    press(&mut s, Command::FocusNext);
    assert_eq!(s.places.focus, Focus::Image);
    assert!(press(&mut s, Command::OpenWeb).is_empty());
    assert!(press(&mut s, Command::Open).is_empty());
}

#[test]
fn a_spacecraft_without_a_picture_of_its_own_shows_its_configurations() {
    let mut json = common::spacecraft_json(7, "Craft 7", "Soyuz MS");
    // Its own image names no picture at all; the configuration's has one.
    json["image"] =
        serde_json::json!({"id": 1, "image_url": null, "thumbnail_url": null, "credit": "nobody"});
    json["spacecraft_config"]["image"] = serde_json::json!({
        "id": 2, "image_url": "http://img/config.jpeg", "thumbnail_url": "http://img/config_thumb.jpeg",
        "credit": "Roscosmos", "license": null
    });
    let record: Spacecraft = serde_json::from_value(json).unwrap();
    let mut s = showing(vec![record], Origin::Live, (160, 48), now(), false);
    s.pictures = Pictures::new(true);
    let w = wanted(&update(&mut s, Action::Resize(160, 48)));
    assert!(
        matches!(&w[..], [Some(w)] if w.url == "http://img/config_thumb.jpeg"),
        "{w:?}"
    );
    assert_eq!(
        s.shown_image().and_then(|i| i.credit.as_deref()),
        Some("Roscosmos")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_resize_during_a_download_lets_it_go_on_and_encodes_at_the_new_size() {
    let server = image_host(
        ResponseTemplate::new(200)
            .set_body_raw(png(300, 200), "image/png")
            .set_delay(Duration::from_millis(400)),
    )
    .await;
    let dir = tempfile::tempdir().unwrap();
    let mut w = Running::start(dir.path(), true);
    let mut s = state(&server.uri(), 10, (160, 48));
    w.run(update(&mut s, Action::Resize(160, 48)));
    let before = s.pictures.current.clone().unwrap().0;
    tokio::time::sleep(Duration::from_millis(100)).await;
    // The same picture, a new size, while it downloads.
    w.run(update(&mut s, Action::Resize(200, 50)));
    let after = s.pictures.current.clone().unwrap().0;
    assert!(after.url == before.url && after.cells != before.cells);
    w.settle(&mut s).await;
    assert_eq!(w.delivered, std::slice::from_ref(&after));
    let Some((_, Shown::Ready(picture))) = &s.pictures.current else {
        panic!("{:?}", s.pictures.current)
    };
    assert!(picture.area.0 <= after.cells.0 && picture.area.1 <= after.cells.1);
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
    assert_eq!(w.count(|s| &s.decodes), 1);
    assert_eq!(w.count(|s| &s.superseded), 0);
}

/// A spacecraft whose description is 20 lines long, its picture at
/// `http://img` with neither credit nor licence known, among others.
fn described() -> Vec<Spacecraft> {
    let mut json = common::spacecraft_json(1, "Crew Dragon Endurance", "Crew Dragon");
    let lines: Vec<String> = (1..=20)
        .map(|i| format!("Line {i} of a long description, more than a glance needs."))
        .collect();
    json["description"] = serde_json::json!(lines.join("\n"));
    json["image"] = serde_json::json!({
        "id": 1, "name": "Endurance",
        "image_url": "http://img/full/1.png", "thumbnail_url": "http://img/thumb/1.png",
        "credit": null, "license": null
    });
    json["spacecraft_config"]["agency"] = serde_json::json!({
        "id": 121, "name": "SpaceX", "abbrev": "SpX",
        "type": {"id": 3, "name": "Commercial"},
        "country": [{"id": 2, "name": "United States of America"}]
    });
    json["spacecraft_config"]["human_rated"] = serde_json::json!(true);
    let mut out = vec![serde_json::from_value(json).unwrap()];
    out.extend(records("http://img", 3).into_iter().skip(1));
    out
}

/// The list at `size` showing [`described`] (its detail pane focused where
/// the list and the detail do not both fit), its picture as `shown` makes it.
fn the_list_described(
    size: (u16, u16),
    shown: impl FnOnce(&Want) -> Option<Result<(), Missing>>,
) -> (State, String) {
    let mut s = showing(described(), Origin::Live, size, now(), false);
    s.pictures = Pictures::new(true);
    let mut effects = update(&mut s, Action::Resize(size.0, size.1));
    if s.areas().detail.is_none() {
        effects = press(&mut s, Command::FocusNext);
    }
    let [Some(want)] = &wanted(&effects)[..] else {
        panic!("{effects:?}")
    };
    let result = shown(want).map(|r| {
        r.map(|()| {
            let (w, h) = (u32::from(want.cells.0) * 10, u32::from(want.cells.1) * 20);
            encode(&Picker::halfblocks(), halves(w, h), want.cells).unwrap()
        })
    });
    if let Some(result) = result {
        update(
            &mut s,
            Action::PictureLoaded {
                want: want.clone(),
                result,
            },
        );
    }
    let screen = common::render(&s);
    (s, screen)
}

/// The rows of the detail pane, inside its borders.
fn detail_rows(s: &State, screen: &str) -> Vec<String> {
    let pane = s.areas().detail.unwrap();
    screen
        .lines()
        .skip(usize::from(pane.y) + 1)
        .take(usize::from(pane.height) - 2)
        .map(|line| {
            line.chars()
                .skip(usize::from(pane.x) + 1)
                .take(usize::from(pane.width) - 2)
                .collect()
        })
        .collect()
}

/// Configuration, type and agency stand among the rows the pane shows unscrolled.
fn assert_the_key_facts_shown(s: &State, screen: &str) {
    let rows = detail_rows(s, screen).join("\n");
    for fact in [
        "Configuration  Crew Dragon",
        "Type  Capsule",
        "Agency  SpaceX",
    ] {
        assert!(rows.contains(fact), "{fact}:\n{screen}");
    }
    // The description after them, if there is room for it at all.
    if let Some(description) = rows.find("Line 1 of") {
        assert!(rows.find("Agency").unwrap() < description, "{screen}");
    }
}

#[test]
fn the_key_facts_come_before_a_long_description_beside_a_picture() {
    for size in [(160, 48), (80, 24)] {
        let (s, screen) = the_list_described(size, |_| Some(Ok(())));
        assert!(s.picture_areas().is_some(), "{size:?}");
        assert_the_key_facts_shown(&s, &screen);
        insta::assert_snapshot!(format!("described_picture_{}x{}", size.0, size.1), screen);
    }
}

#[test]
fn the_key_facts_come_before_a_long_description_with_pictures_off() {
    for size in [(160, 48), (80, 24)] {
        let mut s = showing(described(), Origin::Live, size, now(), false);
        if s.areas().detail.is_none() {
            press(&mut s, Command::FocusNext);
        }
        let screen = common::render(&s);
        assert_the_key_facts_shown(&s, &screen);
        let pane = s.areas().detail.unwrap();
        assert_eq!(s.areas().text_width(pane), pane.width - 2);
        insta::assert_snapshot!(
            format!("described_no_pictures_{}x{}", size.0, size.1),
            screen
        );
    }
}

#[test]
fn with_the_image_host_unreachable_the_text_takes_the_width() {
    let unreachable = Missing {
        reason: "image host unreachable".into(),
        passing: true,
    };
    for size in [(160, 48), (80, 24)] {
        let (s, screen) = the_list_described(size, |_| Some(Err(unreachable.clone())));
        assert_the_key_facts_shown(&s, &screen);
        // No column left empty for the picture, and no credit for it.
        assert!(s.picture_areas().is_none());
        let pane = s.areas().detail.unwrap();
        assert_eq!(s.areas().text_width(pane), pane.width - 2);
        let rows = detail_rows(&s, &screen);
        assert!(
            rows.iter()
                .any(|r| r.trim_end().chars().count() > usize::from(pane.width) * 2 / 3),
            "the text reaches where the picture would be:\n{screen}"
        );
        for gone in ["credit unknown", "licence unknown"] {
            assert!(!screen.contains(gone), "{screen}");
        }
        // The reason on one short line, the pane's top border.
        let border = screen.lines().nth(usize::from(pane.y)).unwrap();
        assert!(
            border.contains("no picture: image host unreachable"),
            "{screen}"
        );
        insta::assert_snapshot!(
            format!("described_unreachable_{}x{}", size.0, size.1),
            screen
        );
    }
}
