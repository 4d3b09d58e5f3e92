//! `update` as a pure function: key sequences in, state out.

mod common;

use common::{select, showing};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use hangar::api::Spacecraft;
use hangar::app::action::{Action, CatalogUpdate, MouseKind};
use hangar::app::{update, Effect, Focus, Mode, State};
use hangar::data::store::Origin;
use hangar::search::fuzzy::SearchMode;
use hangar::search::query::{Order, OrderField};
use hangar::search::Catalog;
use hangar::ui::keys::Keymap;
use jiff::{SignedDuration, Timestamp};
use std::sync::Arc;
use std::time::Duration;

fn now() -> Timestamp {
    "2026-11-22T12:00:00Z".parse().unwrap()
}

fn loaded(records: Vec<Spacecraft>, generation: u64, origin: Origin) -> Action {
    let count = Some(records.len() as u64);
    Action::Catalog(CatalogUpdate {
        generation,
        catalog: Arc::new(Catalog::new(records)),
        origin,
        count,
        progress: None,
        finished: true,
        notice: None,
        partial: None,
        retry_at: None,
    })
}

/// A 120×40 state showing the bundled snapshot (32 spacecraft).
fn state() -> State {
    showing(
        hangar::data::snapshot::catalog(),
        Origin::Snapshot,
        (120, 40),
        now(),
        false,
    )
}

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

/// Feeds keys through the real keymap; `<Esc>`, `<Enter>`, `<BS>`, `<Down>`… name special keys.
fn press(state: &mut State, keys_text: &str) -> Vec<Effect> {
    let mut effects = Vec::new();
    let mut rest = keys_text;
    while let Some(c) = rest.chars().next() {
        let (event, len) = match rest.find('>').filter(|_| c == '<') {
            Some(end) => {
                let code = match &rest[1..end] {
                    "Esc" => KeyCode::Esc,
                    "Enter" => KeyCode::Enter,
                    "BS" => KeyCode::Backspace,
                    "Down" => KeyCode::Down,
                    "Up" => KeyCode::Up,
                    "PgDn" => KeyCode::PageDown,
                    "Tab" => KeyCode::Tab,
                    ctrl if ctrl.starts_with("C-") => {
                        rest = &rest[end + 1..];
                        let c = ctrl.chars().nth(2).expect("C-x names a key");
                        let e = KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL);
                        if let Some(a) = Keymap::default().action_for(state.mode, &e) {
                            effects.extend(update(state, a));
                        }
                        continue;
                    }
                    other => panic!("unknown key {other}"),
                };
                (key(code), end + 1)
            }
            None => (key(KeyCode::Char(c)), c.len_utf8()),
        };
        rest = &rest[len..];
        if let Some(action) = Keymap::default().action_for(state.mode, &event) {
            effects.extend(update(state, action));
        }
    }
    effects
}

fn names(state: &State) -> Vec<String> {
    state
        .rows()
        .iter()
        .map(|&r| state.list.catalog.get(r).unwrap().name.clone())
        .collect()
}

fn selected(state: &State) -> String {
    state.selected().map(|s| s.name.clone()).unwrap_or_default()
}

#[test]
fn typing_a_search_narrows_at_every_key_and_esc_clears_it() {
    let mut s = state();
    assert_eq!(s.rows().len(), 32);
    press(&mut s, "/");
    assert_eq!(s.mode, Mode::Search);
    press(&mut s, "soy");
    let soy = s.rows().len();
    assert!(soy < 32 && soy > 10, "{soy}");
    press(&mut s, "uz ms");
    assert_eq!(names(&s), ["Soyuz MS-06", "Soyuz MS-01", "Soyuz MS-19"]);
    press(&mut s, "<BS><BS>");
    assert_eq!(s.list.search, "soyuz ");
    let soyuz = names(&s);
    assert!(soyuz.len() > 3 && soyuz.len() <= soy, "{soyuz:?}");
    assert!(
        soyuz.iter().all(|n| n.to_lowercase().contains("soyuz")),
        "{soyuz:?}"
    );
    press(&mut s, "<Esc>");
    assert_eq!(
        (s.mode, s.list.search.as_str(), s.rows().len()),
        (Mode::Normal, "", 32)
    );
}

#[test]
fn enter_keeps_the_search_and_returns_to_the_list() {
    let mut s = state();
    press(&mut s, "/tenacity<Enter>");
    assert_eq!(s.mode, Mode::Normal);
    assert_eq!(names(&s), ["Dream Chaser Tenacity"]);
    // Keys are commands again, not text.
    press(&mut s, "j");
    assert_eq!(s.list.search, "tenacity");
    press(&mut s, "<Esc>");
    assert_eq!(s.rows().len(), 32, "Esc in the list clears the kept search");
}

#[test]
fn search_terms_match_name_or_configuration_in_any_order() {
    let mut s = state();
    press(&mut s, "/progress,ms 08");
    assert_eq!(names(&s), ["Progress MS-08"]);
    press(&mut s, "<Esc>/chaser dream");
    assert_eq!(names(&s), ["Dream Chaser Tenacity"]);
}

#[test]
fn an_ordering_key_pressed_twice_flips_the_direction() {
    let mut s = state();
    press(&mut s, "1");
    assert_eq!(
        (s.order().field, s.order().descending),
        (OrderField::FlightsCount, true)
    );
    let flights: Vec<Option<u32>> = s
        .rows()
        .iter()
        .map(|&r| s.list.catalog.get(r).unwrap().flights_count)
        .collect();
    assert!(flights.windows(2).all(|w| w[0] >= w[1]));
    press(&mut s, "1");
    assert_eq!(
        (s.order().field, s.order().descending),
        (OrderField::FlightsCount, false)
    );
    let flights: Vec<Option<u32>> = s
        .rows()
        .iter()
        .map(|&r| s.list.catalog.get(r).unwrap().flights_count)
        .collect();
    assert!(flights.windows(2).all(|w| w[0] <= w[1]));
    press(&mut s, "6");
    assert_eq!(names(&s)[0], "Cargo Dragon");
    press(&mut s, "S");
    assert_eq!(names(&s)[0], "Vostok-3KA No.7");
    press(&mut s, "s");
    assert_eq!(
        s.order().field,
        OrderField::FlightsCount,
        "s wraps around to the first field"
    );
}

#[test]
fn the_cursor_stays_on_the_same_spacecraft_across_reordering() {
    let mut s = state();
    press(&mut s, "jjjjj");
    let chosen = selected(&s);
    for keys in ["5", "5", "4", "6", "S", "2", "3"] {
        press(&mut s, keys);
        assert_eq!(selected(&s), chosen, "after {keys}");
        let page = s.page_size();
        assert!(
            s.list.cursor >= s.list.offset && s.list.cursor < s.list.offset + page,
            "cursor visible after {keys}"
        );
    }
}

#[test]
fn the_cursor_stays_on_the_same_spacecraft_across_a_refresh() {
    let mut s = state();
    press(&mut s, "jjj");
    let chosen = s.selected().unwrap().clone();
    // A refresh brings ten new records with lower ids: the row moves, the cursor follows it.
    let mut records = hangar::data::snapshot::catalog();
    records.extend((1..=10).map(|i| Spacecraft {
        id: i,
        name: format!("New {i}"),
        ..Default::default()
    }));
    let effects = press(&mut s, "r");
    assert_eq!(
        effects,
        [Effect::LoadCatalog {
            generation: 2,
            refresh: true
        }]
    );
    let effects = update(&mut s, loaded(records, 2, Origin::Live));
    assert_eq!(effects, [Effect::FetchBudget]);
    assert_eq!(s.selected().unwrap().id, chosen.id);
    assert_eq!(s.list.cursor, 13);
    assert_eq!(s.net.origin, Some(Origin::Live));
    assert_eq!(s.net.loading, None);
}

#[test]
fn until_the_user_moves_the_cursor_it_stays_on_the_first_row() {
    let mut s = state();
    assert_eq!(selected(&s), "Soyuz MS-06");
    let mut records = hangar::data::snapshot::catalog();
    records.extend((1..=10).map(|i| Spacecraft {
        id: i,
        name: format!("New {i}"),
        ..Default::default()
    }));
    press(&mut s, "r");
    update(&mut s, loaded(records, 2, Origin::Live));
    assert_eq!((s.list.cursor, selected(&s).as_str()), (0, "New 1"));
}

#[test]
fn results_of_a_superseded_load_are_ignored() {
    let mut s = state();
    press(&mut s, "r");
    update(
        &mut s,
        loaded(
            vec![Spacecraft {
                id: 1,
                name: "stale".into(),
                ..Default::default()
            }],
            1,
            Origin::Live,
        ),
    );
    assert_eq!(s.rows().len(), 32);
    update(
        &mut s,
        Action::LoadFailed {
            generation: 1,
            error: "old".into(),
            throttled_for: None,
        },
    );
    assert_eq!(s.notice, None);
    assert!(s.net.loading.is_some(), "generation 2 is still loading");
}

#[test]
fn the_filter_panel_filters_and_combines_with_search() {
    let mut s = state();
    press(&mut s, "f");
    assert_eq!(s.mode, Mode::Filter);
    press(&mut s, "l");
    assert_eq!(names(&s), ["Progress MS-30"], "in space: yes");
    press(&mut s, "l");
    assert_eq!(s.rows().len(), 31, "in space: no");
    press(&mut s, "lj");
    assert_eq!(s.list.filters.in_space, None);
    press(&mut s, "jl");
    assert_eq!(
        s.list.filters.status.as_deref(),
        Some("Single Use"),
        "the most common status first"
    );
    let single_use = s.rows().len();
    press(&mut s, "<Esc>/soyuz ms");
    assert!(s.rows().len() < single_use);
    assert!(names(&s).iter().all(|n| n.starts_with("Soyuz MS")));
    press(&mut s, "<Enter>fx<Esc>");
    assert_eq!(s.list.filters, Default::default());
    assert_eq!(names(&s).len(), 3, "the search still applies");
}

#[test]
fn refresh_respects_offline_and_throttle() {
    let mut s = State::new(now(), (120, 40), true, "test".into());
    let effects = s.start(false);
    assert_eq!(
        effects,
        [Effect::LoadCatalog {
            generation: 1,
            refresh: false
        }],
        "no budget request offline"
    );
    assert!(press(&mut s, "r").is_empty());
    assert!(s.notice.as_ref().unwrap().text.contains("offline"));

    let mut s = state();
    press(&mut s, "r");
    update(
        &mut s,
        Action::LoadFailed {
            generation: 2,
            error: "throttled".into(),
            throttled_for: Some(Duration::from_secs(1740)),
        },
    );
    let notice = s.notice.clone().unwrap().text;
    assert!(
        notice.starts_with("throttled, next request in 29 min"),
        "{notice}"
    );
    assert_eq!(s.rows().len(), 32, "rows already loaded stay");
    assert!(
        press(&mut s, "r").is_empty(),
        "no request before the wait is over"
    );
    assert!(update(&mut s, Action::Tick(now() + SignedDuration::from_mins(10))).is_empty());
    let effects = update(&mut s, Action::Tick(now() + SignedDuration::from_mins(30)));
    assert_eq!(
        effects,
        [Effect::LoadCatalog {
            generation: 3,
            refresh: true
        }],
        "resumes by itself"
    );
}

#[test]
fn esc_never_quits_and_q_or_ctrl_c_do() {
    let mut s = state();
    press(&mut s, "<Esc><Esc>?<Esc>f<Esc>/x<Esc><Esc>");
    assert!(!s.quit);
    press(&mut s, "/q");
    assert!(!s.quit, "q is text in the search line");
    press(&mut s, "<C-c>");
    assert!(s.quit);
    let mut s = state();
    press(&mut s, "q");
    assert!(s.quit);
}

#[test]
fn paging_and_jumps_keep_the_cursor_on_screen() {
    let mut s = state();
    update(&mut s, Action::Resize(100, 14));
    let page = s.page_size();
    assert!(page >= 3, "{page}");
    press(&mut s, "<PgDn>");
    assert_eq!(s.list.cursor, page);
    assert!(s.list.offset <= s.list.cursor && s.list.cursor < s.list.offset + page);
    press(&mut s, "G");
    assert_eq!(s.list.cursor, 31);
    assert_eq!(s.list.offset, 32 - page);
    press(&mut s, "g");
    assert_eq!((s.list.cursor, s.list.offset), (0, 0));
    press(&mut s, "k");
    assert_eq!(s.list.cursor, 0, "no wrap above the first row");
}

#[test]
fn tab_moves_focus_and_j_scrolls_the_focused_pane() {
    let mut s = state();
    press(&mut s, "<Tab>");
    assert_eq!(s.places.focus, Focus::Detail);
    press(&mut s, "jj");
    assert_eq!((s.list.cursor, s.places.detail_scroll), (0, 2));
    press(&mut s, "<Tab>j");
    assert_eq!((s.places.focus, s.list.cursor), (Focus::List, 1));
}

#[test]
fn the_mouse_wheel_scrolls_and_a_click_selects() {
    let mut s = state();
    let list = s.areas().list;
    update(
        &mut s,
        Action::Mouse {
            kind: MouseKind::ScrollDown,
            column: list.x + 3,
            row: list.y + 5,
        },
    );
    assert_eq!(s.list.cursor, 3);
    // The first data row is two lines below the pane's top (border, header).
    update(
        &mut s,
        Action::Mouse {
            kind: MouseKind::Click,
            column: list.x + 3,
            row: list.y + 2 + 4,
        },
    );
    assert_eq!(s.list.cursor, 4);
    update(
        &mut s,
        Action::Mouse {
            kind: MouseKind::Click,
            column: list.x + 3,
            row: list.y,
        },
    );
    assert_eq!(s.list.cursor, 4, "a click on the border selects nothing");
}

#[test]
fn pages_arriving_during_a_load_fill_the_list_and_show_progress() {
    let mut s = State::new(now(), (120, 40), false, "test".into());
    s.start(false);
    let page = |n: u64, done| {
        Action::Catalog(CatalogUpdate {
            generation: 1,
            catalog: Arc::new(Catalog::new(
                (1..=n)
                    .map(|i| Spacecraft {
                        id: i,
                        name: format!("C{i}"),
                        ..Default::default()
                    })
                    .collect(),
            )),
            origin: Origin::Snapshot,
            count: Some(603),
            progress: Some((done, 7)),
            finished: false,
            notice: None,
            partial: None,
            retry_at: None,
        })
    };
    update(&mut s, page(100, 1));
    assert_eq!((s.rows().len(), s.net.loading), (100, Some((1, 7))));
    press(&mut s, "jj");
    update(&mut s, page(300, 3));
    assert_eq!(
        (s.rows().len(), s.net.loading, s.list.cursor),
        (300, Some((3, 7)), 2)
    );
    assert!(s.is_animating());
}

/// Issue 11: scrolling was bounded only where it was drawn, so 200 presses
/// of `j` on a short pane took 200 presses of `k` to come back.
#[test]
fn every_scroll_stops_at_the_end_of_its_pane() {
    let mut s = state();
    s.help_lines = hangar::ui::help::lines(&Keymap::default()).len();
    // The detail pane beside the list.
    press(&mut s, "<Tab>");
    let max = s.scroll_max(hangar::app::Scroll::Detail);
    assert!(
        max > 0,
        "the first spacecraft's detail is taller than its pane"
    );
    press(&mut s, &"j".repeat(200));
    assert_eq!(s.places.detail_scroll, max);
    press(&mut s, "k");
    assert_eq!(s.places.detail_scroll, max - 1, "one k moves the text");
    // A taller terminal shows more of it: the scroll shrinks with it.
    update(&mut s, Action::Resize(120, 80));
    assert!(s.places.detail_scroll <= s.scroll_max(hangar::app::Scroll::Detail));
    update(&mut s, Action::Resize(120, 40));
    press(&mut s, "<Tab>");

    // The help overlay.
    press(&mut s, "?");
    let max = s.scroll_max(hangar::app::Scroll::Help);
    assert!(max > 0, "the help is taller than 40 rows");
    press(&mut s, &"j".repeat(200));
    assert_eq!(s.help_scroll, max);
    press(&mut s, "k");
    assert_eq!(s.help_scroll, max - 1);
    press(&mut s, "<Esc>");

    // A flight.
    select(&mut s, 231);
    press(&mut s, "<Enter>");
    update(
        &mut s,
        Action::FlightsLoaded {
            id: 231,
            result: Ok(hangar::data::store::Fetched::new(
                hangar::data::store::Listing {
                    records: hangar::data::snapshot::flights_of(231),
                    count: Some(1),
                },
                Origin::Snapshot,
            )),
        },
    );
    press(&mut s, "<Enter>");
    update(&mut s, Action::Resize(100, 16));
    let max = s.scroll_max(hangar::app::Scroll::Record);
    assert!(max > 0, "the flight is taller than its pane");
    press(&mut s, &"j".repeat(200));
    assert_eq!(s.places.record_scroll, max);
    let last = s.places.link;
    assert_eq!(last + 1, s.links().len(), "j passes every link on the way");
    press(&mut s, &"k".repeat(200));
    assert_eq!((s.places.record_scroll, s.places.link), (0, 0));
    press(&mut s, "G");
    assert_eq!((s.places.record_scroll, s.places.link), (max, last));
}

/// What `update` counts is what the pane draws, row for row.
#[test]
fn the_rows_counted_for_scrolling_are_the_rows_drawn() {
    let now = now();
    let flights = hangar::data::snapshot::flights();
    for width in [10u16, 30, 48, 80, 200] {
        for s in hangar::data::snapshot::catalog() {
            let parts = hangar::doc::spacecraft(&s);
            assert_eq!(
                hangar::doc::height(&parts, width),
                hangar::ui::doc::lines(&parts, width, None).len(),
                "{} at {width}",
                s.name
            );
        }
        for f in &flights {
            let parts = hangar::doc::flight(f, now);
            assert_eq!(
                hangar::doc::height(&parts, width),
                hangar::ui::doc::lines(&parts, width, None).len()
            );
        }
    }
}

/// Issue 11: commands leaked between modes; each mode now takes only its own.
#[test]
fn a_command_acts_only_in_the_mode_it_belongs_to() {
    use hangar::app::action::Command;
    let cmd = |s: &mut State, c: Command| update(s, Action::Command(c));

    // The filter panel: paging does not move the list hidden behind it.
    let mut s = state();
    press(&mut s, "f");
    assert_eq!(s.mode, Mode::Filter);
    for c in [
        Command::PageDown,
        Command::Bottom,
        Command::Open,
        Command::Refresh,
    ] {
        assert!(cmd(&mut s, c).is_empty());
    }
    assert_eq!((s.list.cursor, s.list.offset, s.mode), (0, 0, Mode::Filter));
    assert_eq!(s.screen(), hangar::app::Screen::List);
    cmd(&mut s, Command::Down);
    assert_eq!(
        (s.list.filter_row, s.list.cursor),
        (1, 0),
        "Down moves between filters"
    );

    // The help: moving scrolls it; nothing else happens behind it.
    let mut s = state();
    s.help_lines = hangar::ui::help::lines(&Keymap::default()).len();
    press(&mut s, "?");
    for c in [
        Command::Down,
        Command::PageDown,
        Command::Open,
        Command::NextOrder,
    ] {
        assert!(cmd(&mut s, c).is_empty());
    }
    assert_eq!(s.list.cursor, 0);
    assert!(s.help_scroll > 0);
    assert_eq!(s.order(), hangar::search::query::Order::default());
    assert_eq!(s.screen(), hangar::app::Screen::List);

    // The search line: keys type, arrows move the results, commands of
    // the list do nothing.
    let mut s = state();
    press(&mut s, "/s");
    assert_eq!(s.list.search, "s");
    cmd(&mut s, Command::Down);
    assert_eq!(s.list.cursor, 1);
    for c in [
        Command::Open,
        Command::NextOrder,
        Command::Filters,
        Command::Help,
    ] {
        assert!(cmd(&mut s, c).is_empty());
    }
    assert_eq!(
        (s.mode, s.order()),
        (Mode::Search, hangar::search::query::Order::default())
    );
    assert_eq!(s.screen(), hangar::app::Screen::List);

    // Browsing: the search line's and the panel's commands do nothing.
    let mut s = state();
    for c in [
        Command::DeleteChar,
        Command::ClearLine,
        Command::NextValue,
        Command::ResetFilters,
        Command::Accept,
    ] {
        assert!(cmd(&mut s, c).is_empty());
    }
    assert_eq!(
        (s.mode, s.list.search.as_str(), s.list.cursor),
        (Mode::Normal, "", 0)
    );
    // Quit works everywhere.
    for mode_key in ["", "/", "f", "?"] {
        let mut s = state();
        press(&mut s, mode_key);
        cmd(&mut s, Command::Quit);
        assert!(s.quit, "{mode_key:?}");
    }
}

/// Names that hold "sz" together at the start, apart, or not at all.
fn fuzzy_state() -> State {
    let craft = |id: u64, name: &str, config: &str, flights: u32| Spacecraft {
        id,
        name: name.into(),
        flights_count: Some(flights),
        spacecraft_config: Some(Arc::new(hangar::api::models::SpacecraftConfig {
            id: Some(id as i64),
            name: Some(config.into()),
            ..Default::default()
        })),
        ..Default::default()
    };
    showing(
        vec![
            craft(1, "Soyuz 1", "Soyuz", 3),
            craft(2, "Mission Zero", "Test", 9),
            craft(3, "SZ-2 Test Article", "Test", 0),
            craft(4, "Vostok 1", "Vostok", 1),
            craft(5, "Shenzhou 5", "Shenzhou", 5),
            craft(6, "Soyuz 2", "Soyuz", 5),
        ],
        Origin::Snapshot,
        (120, 40),
        now(),
        false,
    )
}

#[test]
fn ctrl_t_switches_the_search_to_fuzzy_and_back() {
    let mut s = state();
    press(&mut s, "/sz");
    assert!(s.rows().is_empty(), "no name holds \"sz\"");
    press(&mut s, "<C-t>");
    assert_eq!(s.search_mode(), SearchMode::Fuzzy);
    assert_eq!((s.mode, s.list.search.as_str()), (Mode::Search, "sz"));
    let fuzzy = names(&s);
    assert!(
        fuzzy.len() > 10
            && fuzzy
                .iter()
                .all(|n| n.starts_with("Soyuz") || n.starts_with("Shenzhou")),
        "{fuzzy:?}"
    );
    press(&mut s, "<C-t>");
    assert_eq!(s.search_mode(), SearchMode::Exact);
    assert!(s.rows().is_empty(), "exact again");
    // From the list too, where the mode outlives the search.
    press(&mut s, "<BS><BS>oyuz ms<Enter>");
    let exact = names(&s);
    assert_eq!(exact, ["Soyuz MS-06", "Soyuz MS-01", "Soyuz MS-19"]);
    press(&mut s, "<C-t>");
    assert_eq!((s.mode, s.search_mode()), (Mode::Normal, SearchMode::Fuzzy));
    assert!(names(&s).len() >= 3);
    press(&mut s, "<Esc>");
    assert_eq!((s.list.search.as_str(), s.rows().len()), ("", 32));
    assert_eq!(
        s.search_mode(),
        SearchMode::Fuzzy,
        "Esc clears, keeps the mode"
    );
    press(&mut s, "/soyuz ms<C-t>");
    assert_eq!(names(&s), exact, "back to exact: exactly the exact results");
    assert_eq!(s.order(), Order::default());
    // The switch is a key, not a prefix: `~` is text in either mode.
    press(&mut s, "<Esc>/~<C-t>~");
    assert_eq!(
        (s.list.search.as_str(), s.search_mode()),
        ("~~", SearchMode::Fuzzy)
    );
}

#[test]
fn fuzzy_results_are_ranked_best_first_from_the_top() {
    let mut s = fuzzy_state();
    press(&mut s, "jj<C-t>/sz");
    assert_eq!(
        names(&s),
        [
            "SZ-2 Test Article",
            "Soyuz 1",
            "Shenzhou 5",
            "Soyuz 2",
            "Mission Zero"
        ],
        "together at the start first; equal scores by id; scattered last"
    );
    assert_eq!(s.list.cursor, 0, "the best match is selected");
    press(&mut s, "h");
    assert_eq!(names(&s)[0], "Shenzhou 5", "\"szh\" fits Shenzhou only");
    assert_eq!(s.rows().len(), 1);
    press(&mut s, "<BS>");
    assert_eq!(s.rows().len(), 5, "deleting widens again");
}

#[test]
fn fuzzy_ties_follow_the_chosen_order() {
    let mut s = fuzzy_state();
    press(&mut s, "1<C-t>/sz<Enter>");
    assert_eq!(s.order().to_string(), "-flights_count");
    let ranked = names(&s);
    assert_eq!(
        ranked[0], "SZ-2 Test Article",
        "the score first, whatever the order"
    );
    let ties: Vec<&String> = ranked
        .iter()
        .filter(|n| n.starts_with("So") || n.starts_with("Sh"))
        .collect();
    assert_eq!(
        ties,
        ["Shenzhou 5", "Soyuz 2", "Soyuz 1"],
        "equal scores: most flights first, then by id"
    );
    press(&mut s, "1");
    let ties: Vec<String> = names(&s)
        .into_iter()
        .filter(|n| n.starts_with("So") || n.starts_with("Sh"))
        .collect();
    assert_eq!(ties, ["Soyuz 1", "Shenzhou 5", "Soyuz 2"], "flipped");
}

/// Offline, with nothing cached, for an API the snapshot does not stand in
/// for: the browser says so instead of an empty list that seems to load.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn offline_with_nothing_to_show_says_why_instead_of_loading_forever() {
    let dir = tempfile::tempdir().unwrap();
    let store = common::store_with("http://127.0.0.1:9/2.3.0", dir.path(), |c| {
        c.offline = true;
        c.snapshot = false;
    });
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    let mut tasks = hangar::runtime::Tasks::new(Arc::new(store), tx);
    let mut state = State::new(now(), (120, 30), true, "127.0.0.1:9/2.3.0".into());
    let effects = state.start(false);
    assert!(common::render(&state).contains("loading…"));
    common::drive(&mut state, &mut tasks, &mut rx, effects, |s| {
        s.notice.is_some()
    })
    .await;
    let screen = common::render(&state);
    assert!(screen.contains("no spacecraft to show"), "{screen}");
    assert!(
        screen.contains("no data for the catalog from 127.0.0.1:9"),
        "{screen}"
    );
    assert!(
        !screen.contains("loading…") && !screen.contains("snapshot ·"),
        "{screen}"
    );
}
