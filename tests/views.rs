//! Views rendered into ratatui's TestBackend, asserted and snapshotted.

mod common;

use common::{render, showing};
use hangar::api::paging::parse_page;
use hangar::api::Spacecraft;
use hangar::app::action::{Action, CatalogUpdate, Command};
use hangar::app::{update, State};
use hangar::data::store::Origin;
use hangar::search::Catalog;
use jiff::{SignedDuration, Timestamp};
use ratatui::backend::TestBackend;
use ratatui::Terminal;
use std::sync::Arc;
use std::time::Duration;

fn now() -> Timestamp {
    "2026-11-22T12:00:00Z".parse().unwrap()
}

fn state_with(records: Vec<Spacecraft>, origin: Origin, size: (u16, u16)) -> State {
    showing(records, origin, size, now(), false)
}

fn snapshot_state(size: (u16, u16)) -> State {
    state_with(hangar::data::snapshot::catalog(), Origin::Snapshot, size)
}

fn typed(state: &mut State, text: &str) {
    update(state, Action::Command(Command::Search));
    for c in text.chars() {
        update(state, Action::Input(c));
    }
}

#[test]
fn the_list_with_a_search_active() {
    let mut state = snapshot_state((100, 20));
    typed(&mut state, "soyuz ms");
    let screen = render(&state);
    assert!(screen.contains(" / soyuz ms▏"));
    assert!(screen.contains("3 of 32 · the bundled offline snapshot"));
    insta::assert_snapshot!(screen);
}

#[test]
fn the_fuzzy_search_shows_its_mark_ranks_and_highlights_what_matched() {
    let mut state = snapshot_state((100, 20));
    update(&mut state, Action::Command(Command::ToggleFuzzy));
    assert!(
        render(&state).lines().any(|l| l == " ~"),
        "the mode shows before anything is typed"
    );
    typed(&mut state, "shz");
    let screen = render(&state);
    assert!(screen.contains(" ~ shz▏"), "{screen}");
    assert!(screen.contains("Ctrl-t exact"), "{screen}");
    insta::assert_snapshot!(screen);

    let mut terminal = Terminal::new(TestBackend::new(100, 20)).unwrap();
    terminal
        .draw(|f| hangar::ui::draw(f, &state, &hangar::ui::keys::Keymap::default()))
        .unwrap();
    let buffer = terminal.backend().buffer();
    let list = state.areas().list;
    let row = list.y + 2;
    let line: String = (list.x..list.right())
        .map(|x| buffer[(x, row)].symbol())
        .collect();
    let at = line.find("Shenzhou 10").expect("the best match on top");
    // Cells, not bytes: the border is a three-byte character.
    let start = line[..at].chars().count();
    let matched = hangar::ui::theme::matched().fg.unwrap();
    let lit: String = "Shenzhou 10"
        .chars()
        .enumerate()
        .filter(|(i, _)| buffer[(list.x + (start + i) as u16, row)].fg == matched)
        .map(|(_, c)| c)
        .collect();
    assert_eq!(lit, "Shz", "S, h and z lit; the rest of the name not");
    update(&mut state, Action::Command(Command::Accept));
    let screen = render(&state);
    assert!(screen.contains(" ~ shz\n"), "{screen}");
    assert!(screen.contains("fuzzy: \"shz\""), "{screen}");
}

#[test]
fn search_matches_are_highlighted_in_the_name() {
    let mut state = snapshot_state((100, 20));
    typed(&mut state, "tenacity");
    let mut terminal = Terminal::new(TestBackend::new(100, 20)).unwrap();
    terminal
        .draw(|f| hangar::ui::draw(f, &state, &hangar::ui::keys::Keymap::default()))
        .unwrap();
    let buffer = terminal.backend().buffer();
    let list = state.areas().list;
    let cells = |y: u16| {
        (list.x..list.right())
            .map(|x| buffer[(x, y)].symbol())
            .collect::<String>()
    };
    let row = (list.y..list.bottom())
        .find(|&y| cells(y).contains("Dream Chaser Tenacity"))
        .unwrap();
    let line = cells(row);
    let start = line.find("Tenacity").unwrap();
    let x = list.x + line[..start].chars().count() as u16;
    let matched = hangar::ui::theme::matched();
    assert_eq!(
        buffer[(x, row)].fg,
        matched.fg.unwrap(),
        "T of Tenacity highlighted"
    );
    assert_ne!(
        buffer[(x - 2, row)].fg,
        matched.fg.unwrap(),
        "Chaser not highlighted"
    );
}

#[test]
fn the_status_line_while_pages_load() {
    let mut state = snapshot_state((100, 16));
    update(&mut state, Action::Command(Command::Refresh));
    let mut catalog = hangar::data::snapshot::catalog();
    catalog.truncate(20);
    update(
        &mut state,
        Action::Catalog(CatalogUpdate {
            generation: 2,
            catalog: Arc::new(Catalog::new(catalog)),
            origin: Origin::Cache {
                fetched_at: now() - SignedDuration::from_hours(2),
                stale: true,
            },
            count: Some(603),
            progress: Some((3, 7)),
            finished: false,
            notice: None,
            partial: None,
            retry_at: None,
        }),
    );
    let screen = render(&state);
    let status = screen.lines().last().unwrap();
    assert!(
        status.starts_with(
            " 20 of 20 loaded (603 in API) · ⠋ loading 3/7 pages · stale cache, 2 h old"
        ),
        "{status}"
    );
    insta::assert_snapshot!(screen);
}

#[test]
fn a_throttle_is_said_plainly_and_rows_stay() {
    let mut state = snapshot_state((100, 16));
    update(&mut state, Action::Command(Command::Refresh));
    update(
        &mut state,
        Action::LoadFailed {
            generation: 2,
            error: "throttled".into(),
            throttled_for: Some(Duration::from_secs(29 * 60)),
        },
    );
    let screen = render(&state);
    assert!(
        screen
            .contains("⚠ throttled, next request in 29 min; showing the bundled offline snapshot"),
        "{screen}"
    );
    assert!(
        screen.contains("Soyuz MS-06"),
        "rows already loaded are still shown"
    );
    insta::assert_snapshot!(screen);
}

#[test]
fn offline_says_where_the_rows_come_from() {
    let mut state = State::new(now(), (100, 14), true, "ll.thespacedevs.com/2.3.0".into());
    state.start(false);
    let screen = render(&state);
    assert!(
        screen.contains("loading…"),
        "before the snapshot arrives: {screen}"
    );
    let state = snapshot_state((100, 14));
    let screen = render(&state);
    assert!(screen
        .lines()
        .last()
        .unwrap()
        .contains("the bundled offline snapshot"));
}

#[test]
fn the_help_overlay_lists_every_key() {
    let mut state = snapshot_state((100, 50));
    update(&mut state, Action::Command(Command::Help));
    let screen = render(&state);
    for binding in hangar::ui::keys::BINDINGS
        .iter()
        .filter(|b| b.mode == Some(hangar::app::Mode::Normal))
    {
        assert!(
            screen.contains(binding.help),
            "help misses {:?}",
            binding.help
        );
    }
    insta::assert_snapshot!(screen);
}

#[test]
fn a_40_by_12_terminal_still_shows_the_list() {
    let state = snapshot_state((40, 12));
    let screen = render(&state);
    assert!(screen.contains("Soyuz MS-06"));
    assert!(screen.lines().count() == 12);
    insta::assert_snapshot!(screen);
}

#[test]
fn smaller_terminals_get_a_notice_and_never_panic() {
    for (w, h) in [(39, 12), (40, 11), (12, 4), (1, 1)] {
        let state = snapshot_state((w, h));
        let screen = render(&state);
        if w >= 12 {
            assert!(screen.contains("terminal"), "{w}×{h}: {screen}");
        }
    }
}

#[test]
fn hostile_and_wide_names_stay_inert_and_aligned() {
    let body = r#"{"count": 3, "results": [
        {"id": 1, "name": "\u001b[2J\u001b[31mPWNED\u001b]0;owned\u0007", "spacecraft_config": {"name": "Evil\u001b[5m"}, "flights_count": 1, "time_in_space": "P1D"},
        {"id": 2, "name": "神舟十号飞船返回舱很长的名字", "spacecraft_config": {"name": "神舟"}, "flights_count": 1, "time_in_space": "P14DT14H"},
        {"id": 3, "name": "Восток-1", "spacecraft_config": {"name": "Восток"}, "flights_count": 1, "time_in_space": "PT1H48M"},
        {"id": 4, "name": "Cafe\u0301 Orbital \u202eevil", "spacecraft_config": {"name": "Cafe\u0301"}, "flights_count": 2, "time_in_space": "P3D"}
    ]}"#;
    let records = parse_page::<Spacecraft>(body).unwrap().results;
    let state = state_with(records, Origin::Live, (70, 14));
    let screen = render(&state);
    assert!(!screen.contains('\u{1b}'), "no escape reaches the screen");
    assert!(screen.contains("PWNED") && !screen.contains("[2J"));
    // Every row ends its last column at the same display column.
    let widths: Vec<usize> = screen
        .lines()
        .filter(|l| {
            l.contains("PWNED")
                || l.contains("神舟")
                || l.contains("Восток")
                || l.contains("Orbital")
        })
        .map(|l| unicode_width::UnicodeWidthStr::width(l.split("│").nth(1).unwrap_or("")))
        .collect();
    assert!(
        widths.len() >= 4 && widths.windows(2).all(|w| w[0] == w[1]),
        "{widths:?}\n{screen}"
    );
    assert!(
        !screen.contains('\u{202e}'),
        "no bidi override reaches the screen"
    );
    insta::assert_snapshot!(screen);
}

#[test]
fn the_filter_panel_shows_the_current_choices() {
    let mut state = snapshot_state((100, 20));
    update(&mut state, Action::Command(Command::Filters));
    update(&mut state, Action::Command(Command::NextValue));
    let screen = render(&state);
    assert!(screen.contains("In space      ◂ yes ▸"), "{screen}");
    assert!(screen.contains("in space: yes"));
    insta::assert_snapshot!(screen);
}

#[test]
fn resizing_to_tiny_sizes_and_back_never_panics() {
    let mut state = snapshot_state((100, 30));
    update(&mut state, Action::Command(Command::Bottom));
    for (w, h) in [(12, 4), (1, 1), (0, 0), (40, 12), (100, 30)] {
        update(&mut state, Action::Resize(w, h));
        let screen = render(&state);
        if (w, h) == (12, 4) {
            assert!(screen.contains("terminal"), "{screen}");
        }
        if (w, h) == (100, 30) {
            assert!(
                screen.contains("Ship 35"),
                "the cursor row is back in view: {screen}"
            );
        }
    }
}

/// Issue 11: hints were written by hand and lied after a rebinding; they
/// are built from the keys in force.
#[test]
fn hints_show_the_keys_in_force() {
    let keymap = hangar::ui::keys::Keymap::with_overrides(&overrides(&[(
        "list",
        &[
            ("help", &["F1"]),
            ("back", &["x"]),
            ("open", &["o"]),
            ("open_web", &["w"]),
        ],
    )]))
    .unwrap();
    let mut state = snapshot_state((120, 40));
    let screen = common::render_with(&state, &keymap);
    assert!(
        screen.lines().last().unwrap().ends_with("F1 help"),
        "{screen}"
    );
    assert!(
        screen.contains("o opens the spacecraft and its flights"),
        "{screen}"
    );
    assert!(!screen.contains("? help") && !screen.contains("Enter opens"));
    // The flight pane's hints.
    common::select(&mut state, 78);
    update(&mut state, Action::Command(Command::Open));
    let flights = hangar::data::snapshot::flights_of(78);
    common::flights_loaded(&mut state, 78, flights, Origin::Snapshot);
    update(&mut state, Action::Command(Command::Open));
    let screen = common::render_with(&state, &keymap);
    assert!(screen.contains("x back · w web page"), "{screen}");
    // The search line's.
    let mut state = snapshot_state((120, 40));
    update(&mut state, Action::Command(Command::Search));
    assert!(common::render_with(&state, &keymap).contains("Enter keep · Esc clear"));
}

/// A config file's `[keys]`: mode → command → keys.
type Table<'a> = &'a [(&'a str, &'a [&'a str])];

fn overrides(modes: &[(&str, Table)]) -> hangar::ui::keys::Overrides {
    modes
        .iter()
        .map(|(mode, commands)| {
            let commands = commands
                .iter()
                .map(|(c, keys)| (c.to_string(), keys.iter().map(|k| k.to_string()).collect()))
                .collect();
            (mode.to_string(), commands)
        })
        .collect()
}

/// Issue 23: a rebinding shows in every mode it applies to: the filter
/// panel's and the search line's hints, and the help overlay.
#[test]
fn rebindings_show_in_every_mode() {
    let keymap = hangar::ui::keys::Keymap::with_overrides(&overrides(&[
        ("list", &[("down", &["t"]), ("up", &["e"])]),
        ("filter_panel", &[("reset_filters", &["r"])]),
        ("search_line", &[("accept", &["ctrl-j"])]),
        ("help_screen", &[("back", &["x"])]),
    ]))
    .unwrap();
    let mut state = snapshot_state((120, 40));
    update(&mut state, Action::Command(Command::Filters));
    let screen = common::render_with(&state, &keymap);
    assert!(screen.contains("t/e choose"), "{screen}");
    assert!(screen.contains("r reset"), "{screen}");
    assert!(
        !screen.contains("j/k choose") && !screen.contains("x reset"),
        "{screen}"
    );

    let mut state = snapshot_state((120, 40));
    update(&mut state, Action::Command(Command::Search));
    let screen = common::render_with(&state, &keymap);
    assert!(screen.contains("Ctrl-j keep"), "{screen}");

    let mut state = snapshot_state((120, 60));
    state.help_lines = hangar::ui::help::lines(&keymap).len();
    update(&mut state, Action::Command(Command::Help));
    let screen = common::render_with(&state, &keymap);
    assert!(screen.contains("x closes"), "{screen}");
    assert!(screen.contains("next filter"), "{screen}");
    let filter_down = screen
        .lines()
        .find(|l| l.contains("next filter"))
        .unwrap_or_default();
    assert!(filter_down.contains(" t "), "{filter_down}");
    assert!(!filter_down.contains(" j "), "{filter_down}");
}

/// Issue 21, point 5: launch names are `Rocket | Mission`, and cut from the
/// right every row of a reused capsule read `Falcon 9 Block 5 |…`.
#[test]
fn the_flights_pane_at_80_columns_shows_the_mission_of_each_launch() {
    let missions = [
        "SpaceX Demo-2",
        "Axiom Mission 1",
        "Crew-9",
        "Polaris Dawn",
        "Inspiration4, the first orbital flight of a crew of private citizens",
    ];
    let flights: Vec<hangar::api::Flight> = missions
        .iter()
        .zip(2020..)
        .enumerate()
        .map(|(i, (mission, year))| {
            let mut f = hangar::data::snapshot::flights_of(78).remove(0);
            f.id = 2000 + i as u64;
            let launch: Timestamp = format!("{year}-03-01T12:00:00Z").parse().unwrap();
            let l = f.launch.as_mut().unwrap();
            l.name = Some(format!("Falcon 9 Block 5 | {mission}"));
            l.net = Some(launch);
            f.mission_end = Some(launch + SignedDuration::from_hours(24 * 60));
            f.duration = None;
            f.docking_events.clear();
            f
        })
        .collect();
    let mut state = snapshot_state((80, 24));
    common::select(&mut state, 78);
    update(&mut state, Action::Command(Command::Open));
    common::flights_loaded(&mut state, 78, flights, Origin::Live);
    let screen = render(&state);
    let rows: Vec<&str> = screen.lines().filter(|l| l.contains("-03-01")).collect();
    assert_eq!(rows.len(), missions.len(), "{screen}");
    assert!(!screen.contains("Block 5 |…"), "{screen}");
    for (row, shown) in rows.iter().zip([
        "│2020-03-01 SpaceX Demo-2 ",
        "│2021-03-01 Axiom Mission 1 ",
        // Where the whole name fits, it stays whole.
        "│2022-03-01 Falcon 9 Block 5 | Crew-9 ",
        "│2023-03-01 Polaris Dawn ",
        "│2024-03-01 Inspiration4, the first or… ",
    ]) {
        assert!(row.starts_with(shown), "{shown:?}:\n{screen}");
    }
    insta::assert_snapshot!(screen);
}
