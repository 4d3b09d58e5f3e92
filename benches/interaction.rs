//! Keystroke-to-frame and re-ordering latency through the real `update` and
//! a real render into a 160×48 TestBackend.
//!
//! `cargo bench --bench interaction [-- --rows N]` (default: 603, 100000 and
//! 1000000 in turn). Prints, per size, with pictures off and then on:
//!   interaction rows=N images=I query="soyuz ms" p50_ms=X p99_ms=Y max_ms=Z
//!   fuzzy rows=N images=I query="soyuz ms" p50_ms=X p99_ms=Y max_ms=Z
//!   ordering rows=N images=I p50_ms=X p99_ms=Y
//!   memory rows=N images=I catalog_build_ms=B rss_mb=R
//! With pictures on, every record has one; each keystroke that changes the
//! selection asks for its picture, and the worker's answer (a half-block
//! picture encoded beforehand, as the worker would) is applied between
//! frames, so the frames measured draw the picture beside the fields.

#[path = "../tests/common/mod.rs"]
mod common;

use common::rss_mb;
use hangar::api::models::{Image, Named, SpacecraftConfig};
use hangar::api::{Dur, Spacecraft};
use hangar::app::action::{Action, CatalogUpdate, Command};
use hangar::app::pictures::{Pictures, Shown};
use hangar::app::{update, Effect, State};
use hangar::data::store::Origin;
use hangar::runtime::encode;
use hangar::search::query::OrderField;
use hangar::search::{Catalog, SharedConfigs};
use ratatui::backend::TestBackend;
use ratatui::Terminal;
use ratatui_image::picker::Picker;
use std::sync::Arc;
use std::time::Instant;

const QUERY: &str = "soyuz ms";
/// Measured rounds, after one unmeasured warm-up round. With 24 rounds
/// (432 keystrokes) p99 is the fifth-slowest keystroke, not the slowest
/// but one, so a single hiccup of the machine does not decide it.
const ROUNDS: usize = 24;

/// Configuration families of the seed samples, with the shapes of their names;
/// some Cyrillic and CJK so folding and widths are exercised.
const FAMILIES: &[(&str, &str)] = &[
    ("Soyuz MS", "Soyuz MS-"),
    ("Soyuz TMA", "Soyuz TMA-"),
    ("Soyuz", "Soyuz 7K-L1 No."),
    ("Progress-MS", "Progress MS-"),
    ("Progress-M", "Progress M-"),
    ("Dragon 1", "Dragon C"),
    ("Crew Dragon 2", "Crew Dragon C"),
    ("Cargo Dragon 2", "Cargo Dragon C"),
    ("Dream Chaser", "Dream Chaser "),
    ("Shenzhou", "Shenzhou "),
    ("H-II Transfer Vehicle (HTV)", "Kounotori "),
    ("Vostok", "Vostok-1K No."),
    ("Mercury", "Mercury No."),
    ("Orion", "Orion 00"),
    ("Starship V2", "Ship "),
    ("Gaganyaan", "Gaganyaan G"),
    ("Союз МС", "Союз МС-"),
    ("神舟", "神舟"),
    ("天舟", "天舟货运飞船 "),
];

const STATUSES: &[&str] = &["Active", "Retired", "Single Use", "Destroyed"];

/// A deterministic catalog of `n` spacecraft; each record brings its own
/// configuration, shared as the loader shares them when a page arrives.
fn synthetic(n: usize, images: bool) -> Vec<Spacecraft> {
    let mut rng = fastrand::Rng::with_seed(603);
    let mut shared = SharedConfigs::default();
    (0..n)
        .map(|i| {
            let family = rng.usize(..FAMILIES.len());
            let (config, prefix) = FAMILIES[family];
            let status = rng.usize(..STATUSES.len());
            let mut record = Spacecraft {
                id: i as u64 + 1,
                name: format!("{prefix}{}", rng.u32(1..400)),
                serial_number: Some(format!("SN-{}", rng.u32(..100_000))),
                in_space: Some(rng.u8(..50) == 0),
                is_placeholder: Some(rng.u8(..30) == 0),
                time_in_space: Some(Dur::from_secs(rng.i64(0..20_000_000))),
                time_docked: Some(Dur::from_secs(rng.i64(0..15_000_000))),
                flights_count: Some(rng.u32(0..30)),
                mission_ends_count: Some(rng.u32(0..30)),
                status: Some(Named {
                    id: Some(status as i64 + 1),
                    name: Some(STATUSES[status].into()),
                    abbrev: None,
                }),
                description: Some("A synthetic spacecraft for the interaction benchmark.".into()),
                spacecraft_config: Some(std::sync::Arc::new(SpacecraftConfig {
                    id: Some(family as i64 + 1),
                    name: Some(config.into()),
                    ..Default::default()
                })),
                image: images.then(|| {
                    Box::new(Image {
                        image_url: Some(format!("https://img.example/{i}.jpeg")),
                        thumbnail_url: Some(format!("https://img.example/{i}_thumb.jpeg")),
                        credit: Some("NASA".into()),
                        license: None,
                    })
                }),
                ..Default::default()
            };
            shared.share(&mut record);
            record
        })
        .collect()
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn run(rows: usize, images: bool) {
    let records = synthetic(rows, images);
    let built = Instant::now();
    let catalog = Arc::new(Catalog::new(records));
    let build_ms = built.elapsed().as_secs_f64() * 1000.0;

    let mut state = State::new(jiff::Timestamp::now(), (160, 48), true, "bench".into());
    state.pictures = Pictures::new(images);
    state.start(false);
    update(
        &mut state,
        Action::Catalog(CatalogUpdate {
            generation: 1,
            count: Some(rows as u64),
            catalog,
            origin: Origin::Live,
            progress: None,
            finished: true,
            notice: None,
            partial: None,
            retry_at: None,
        }),
    );
    let mut terminal = Terminal::new(TestBackend::new(160, 48)).expect("test backend");
    let mut picture = None;
    let mut frame = |state: &mut State, action: Action| -> f64 {
        let start = Instant::now();
        let effects = update(state, action);
        terminal
            .draw(|f| hangar::ui::draw(f, state, &hangar::ui::keys::Keymap::default()))
            .expect("draw");
        let ms = start.elapsed().as_secs_f64() * 1000.0;
        // The worker's answer, between frames.
        for effect in effects {
            if let Effect::ShowPicture(Some(want)) = effect {
                let ready = picture.get_or_insert_with(|| {
                    encode(&Picker::halfblocks(), photograph(), want.cells).expect("a picture")
                });
                update(
                    state,
                    Action::PictureLoaded {
                        want,
                        result: Ok(ready.clone()),
                    },
                );
            }
        }
        ms
    };
    frame(&mut state, Action::Command(Command::Down));
    frame(&mut state, Action::Command(Command::Down));
    assert_eq!(
        matches!(state.pictures.current, Some((_, Shown::Ready(_)))),
        images,
        "a picture is drawn beside the fields when pictures are on"
    );
    let images = if images { "on" } else { "off" };

    let mut keys = Vec::new();
    let mut orders = Vec::new();
    for round in 0..=ROUNDS {
        if round == 1 {
            // Round 0 warmed caches, the allocator and the branch predictors.
            keys.clear();
            orders.clear();
        }
        keys.push(frame(&mut state, Action::Command(Command::Search)));
        for c in QUERY.chars() {
            keys.push(frame(&mut state, Action::Input(c)));
        }
        assert!(
            !state.rows().is_empty(),
            "the query matches the synthetic catalog"
        );
        for _ in QUERY.chars() {
            keys.push(frame(&mut state, Action::Command(Command::DeleteChar)));
        }
        keys.push(frame(&mut state, Action::Command(Command::Accept)));
        assert_eq!(state.rows().len(), rows);
        for field in OrderField::ALL {
            // Once to choose the field, once more to flip it.
            orders.push(frame(&mut state, Action::Command(Command::Order(field))));
            orders.push(frame(&mut state, Action::Command(Command::Order(field))));
        }
    }
    // The fuzzy mode, typed the same way, ordered as the rounds above left
    // the list (by name, descending: ties by name, names read out of order).
    frame(&mut state, Action::Command(Command::ToggleFuzzy));
    let mut fuzzy = Vec::new();
    for round in 0..=ROUNDS {
        if round == 1 {
            fuzzy.clear();
        }
        fuzzy.push(frame(&mut state, Action::Command(Command::Search)));
        for c in QUERY.chars() {
            fuzzy.push(frame(&mut state, Action::Input(c)));
        }
        assert!(
            !state.rows().is_empty(),
            "the query matches the synthetic catalog"
        );
        for _ in QUERY.chars() {
            fuzzy.push(frame(&mut state, Action::Command(Command::DeleteChar)));
        }
        fuzzy.push(frame(&mut state, Action::Command(Command::Accept)));
        assert_eq!(state.rows().len(), rows);
    }
    frame(&mut state, Action::Command(Command::ToggleFuzzy));

    keys.sort_by(f64::total_cmp);
    orders.sort_by(f64::total_cmp);
    fuzzy.sort_by(f64::total_cmp);
    println!(
        "interaction rows={rows} images={images} query=\"{QUERY}\" p50_ms={:.3} p99_ms={:.3} max_ms={:.3}",
        percentile(&keys, 0.5),
        percentile(&keys, 0.99),
        keys[keys.len() - 1]
    );
    println!(
        "fuzzy rows={rows} images={images} query=\"{QUERY}\" p50_ms={:.3} p99_ms={:.3} max_ms={:.3}",
        percentile(&fuzzy, 0.5),
        percentile(&fuzzy, 0.99),
        fuzzy[fuzzy.len() - 1]
    );
    println!(
        "ordering rows={rows} images={images} p50_ms={:.3} p99_ms={:.3}",
        percentile(&orders, 0.5),
        percentile(&orders, 0.99)
    );
    println!(
        "memory rows={rows} images={images} catalog_build_ms={build_ms:.0} rss_mb={:.1}",
        rss_mb("self").unwrap_or(f64::NAN)
    );
}

fn main() {
    // `cargo bench` passes `--bench`; only `--rows N` is ours.
    let args: Vec<String> = std::env::args().collect();
    let rows: Vec<usize> = match args.iter().position(|a| a == "--rows") {
        Some(i) => vec![args
            .get(i + 1)
            .and_then(|n| n.parse().ok())
            .expect("--rows takes a number")],
        None => vec![603, 100_000, 1_000_000],
    };
    for n in rows {
        run(n, false);
        run(n, true);
    }
}

/// A 640×480 gradient, the size of a catalog thumbnail.
fn photograph() -> image::DynamicImage {
    image::DynamicImage::ImageRgb8(image::RgbImage::from_fn(640, 480, |x, y| {
        image::Rgb([(x / 3) as u8, (y / 2) as u8, ((x + y) / 5) as u8])
    }))
}
