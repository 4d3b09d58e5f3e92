use super::*;
use crate::api::RecordRef;
use jiff::Timestamp;
use serde_json::json;
use std::fs;

/// Larger than any test writes: no compaction.
const LIMIT_FOR_TESTS: usize = 100_000;

fn change(n: u64) -> Change {
    Change {
        at: Timestamp::from_second(1_800_000_000 + n as i64).unwrap(),
        kind: ChangeKind::Docked,
        subject: RecordRef::Flight(n),
        name: format!("Craft {n}"),
        text: format!("Craft {n} docked to International Space Station · Harmony zenith"),
        old: None,
        new: Some(json!({"port": "Harmony zenith"})),
    }
}

fn subjects(read: &Read) -> Vec<u64> {
    read.changes
        .iter()
        .map(|c| match c.subject {
            RecordRef::Flight(n) => n,
            other => panic!("{other}"),
        })
        .collect()
}

fn setup() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("hangar-changes.jsonl");
    (dir, path)
}

#[test]
fn appends_and_reads_back() {
    let (_dir, path) = setup();
    let log = ChangeLog::open(&path);
    log.append(&[change(1), change(2)]).unwrap();
    log.append(&[]).unwrap();
    log.append(&[change(3)]).unwrap();
    let read = ChangeLog::open(&path).read();
    assert_eq!(read.changes, [change(1), change(2), change(3)]);
    assert_eq!(read.notice, None);
    let text = fs::read_to_string(&path).unwrap();
    assert_eq!(text.lines().count(), 3);
    assert!(text.starts_with(
        r#"{"at":"2027-01-15T08:00:01Z","kind":"docked","subject":"flight/1","name":"Craft 1","#
    ));
}

/// Two handles on one log, each appending 500 changes one at a time.
fn two_writers(path: &std::path::Path, limit: usize, slack: usize) -> Vec<u64> {
    let writers: Vec<_> = [0u64, 1000]
        .into_iter()
        .map(|base| {
            let log = ChangeLog::open(path).with_limit(limit, slack);
            std::thread::spawn(move || {
                for n in 1..=500 {
                    log.append(&[change(base + n)]).unwrap();
                }
            })
        })
        .collect();
    for w in writers {
        w.join().unwrap();
    }
    subjects(&ChangeLog::open(path).read())
}

/// One writer's changes among `got`, in the order they stand.
fn of_writer(got: &[u64], first: u64) -> Vec<u64> {
    got.iter()
        .copied()
        .filter(|&n| (first..first + 1000).contains(&n))
        .collect()
}

#[test]
fn two_writers_at_once_lose_none_and_double_none() {
    let (_dir, path) = setup();
    let got = two_writers(&path, LIMIT_FOR_TESTS, 0);
    assert_eq!(got.len(), 1000);
    // Each writer's changes are all there, once, in the order it wrote them.
    assert_eq!(of_writer(&got, 1), (1..=500).collect::<Vec<_>>());
    assert_eq!(of_writer(&got, 1001), (1001..=1500).collect::<Vec<_>>());
}

#[test]
fn two_writers_compacting_lose_none_of_the_newest() {
    // Compaction renames a new file over the log every few appends: a
    // writer that had waited on the old file's lock would write where no
    // one reads, leaving a gap in its changes.
    let (_dir, path) = setup();
    let got = two_writers(&path, 50, 2);
    assert!((50..=52).contains(&got.len()), "{}", got.len());
    for first in [1, 1001] {
        let kept = of_writer(&got, first);
        let last = first + 499;
        let from = last + 1 - kept.len() as u64;
        assert_eq!(kept, (from..=last).collect::<Vec<_>>(), "writer {first}");
    }
}

#[test]
fn a_line_cut_short_is_left_out_and_then_cut_off() {
    let (_dir, path) = setup();
    let log = ChangeLog::open(&path);
    log.append(&[change(1), change(2), change(3)]).unwrap();
    let len = fs::metadata(&path).unwrap().len();
    fs::OpenOptions::new()
        .write(true)
        .open(&path)
        .unwrap()
        .set_len(len - 20)
        .unwrap();
    let read = log.read();
    assert_eq!(subjects(&read), [1, 2]);
    assert_eq!(read.notice, None);
    log.append(&[change(4)]).unwrap();
    assert_eq!(subjects(&log.read()), [1, 2, 4]);
    assert_eq!(fs::read_to_string(&path).unwrap().lines().count(), 3);
}

#[test]
fn what_is_not_a_change_log_is_set_aside() {
    let (dir, path) = setup();
    fs::write(&path, "<html>not a change log</html>\n{\"at\":1}\n").unwrap();
    let log = ChangeLog::open(&path);
    let read = log.read();
    assert_eq!(read.changes, []);
    let notice = read.notice.unwrap();
    assert!(
        notice.contains("was not one") && notice.contains(".corrupt-"),
        "{notice}"
    );
    let aside: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.starts_with("hangar-changes.jsonl.corrupt-"))
        .collect();
    assert_eq!(aside.len(), 1, "{aside:?}");
    assert_eq!(
        fs::read_to_string(dir.path().join(&aside[0])).unwrap(),
        "<html>not a change log</html>\n{\"at\":1}\n"
    );
    assert!(!path.exists());
    log.append(&[change(1)]).unwrap();
    assert_eq!((subjects(&log.read()), log.read().notice), (vec![1], None));

    // An append finds it first: the next read says so, once.
    fs::write(&path, [0u8, 159, 146, 150]).unwrap();
    log.append(&[change(2)]).unwrap();
    let read = log.read();
    assert_eq!(subjects(&read), [2]);
    assert!(read.notice.is_some_and(|n| n.contains("set aside")));
    assert_eq!(log.read().notice, None);

    // A count of the unread finds it first: the next read says so too.
    fs::write(&path, "{\"no\": \"change\"}\n").unwrap();
    assert_eq!(log.unread(), 0);
    assert!(log.read().notice.is_some_and(|n| n.contains("set aside")));
    assert_eq!(log.read().notice, None);
}

#[test]
fn damaged_lines_and_unknown_kinds_are_left_out_with_a_notice() {
    let (_dir, path) = setup();
    let newer = r#"{"at":"2027-01-15T08:00:00Z","kind":"orbit_raised","subject":"flight/9","name":"","text":""}"#;
    let one = serde_json::to_string(&change(1)).unwrap();
    fs::write(
        &path,
        format!("{newer}\n{one}\n\u{0}\u{0}garbage\n\n{one}\n"),
    )
    .unwrap();
    let log = ChangeLog::open(&path);
    let read = log.read();
    assert_eq!(subjects(&read), [1, 1]);
    assert_eq!(
        read.notice.as_deref(),
        Some("2 line(s) of the change log could not be read (damaged, or written by a newer hangar) and were left out.")
    );
    assert!(
        path.exists(),
        "a log with a line it cannot read is still its log"
    );
}

#[test]
fn compaction_keeps_the_newest_in_order() {
    let (_dir, path) = setup();
    let log = ChangeLog::open(&path).with_limit(5, 2);
    for n in 1..=20 {
        log.append(&[change(n)]).unwrap();
        let lines = fs::read_to_string(&path).unwrap().lines().count();
        assert!(lines <= 7, "{lines} lines after {n}");
    }
    assert_eq!(subjects(&log.read()), [16, 17, 18, 19, 20]);
    // One batch larger than the bound, into an empty log.
    let (_dir, path) = setup();
    let log = ChangeLog::open(&path).with_limit(5, 2);
    log.append(&(1..=12).map(change).collect::<Vec<_>>())
        .unwrap();
    assert_eq!(subjects(&log.read()), [8, 9, 10, 11, 12]);
    assert!(!path.with_extension("jsonl.tmp").exists());
}

#[test]
fn extreme_values_round_trip() {
    let (_dir, path) = setup();
    let extremes = [
        Change {
            at: Timestamp::MIN,
            subject: RecordRef::Flight(1 << 63),
            old: Some(json!(i64::MIN)),
            new: Some(json!(u64::MAX)),
            ..change(1)
        },
        Change {
            at: Timestamp::MAX,
            kind: ChangeKind::CountChanged,
            subject: RecordRef::Spacecraft(u64::MAX),
            name: "\u{202e}\n\"quoted\"\t".into(),
            old: Some(json!({"flights_count": u32::MAX})),
            new: None,
            ..change(1)
        },
    ];
    let log = ChangeLog::open(&path);
    log.append(&extremes).unwrap();
    assert_eq!(log.read().changes, extremes);
    assert_eq!(fs::read_to_string(&path).unwrap().lines().count(), 2);
}

#[test]
fn marks_say_what_is_unread_and_only_go_forward() {
    let (_dir, path) = setup();
    let log = ChangeLog::open(&path);
    log.append(&[change(1), change(2), change(3)]).unwrap();
    assert_eq!(log.unread(), 3);
    log.mark_read(change(2).at).unwrap();
    assert_eq!(log.unread(), 1);
    log.mark_read(change(1).at).unwrap();
    assert_eq!(ChangeLog::open(&path).unread(), 1);
    fs::write(path.with_extension("jsonl.read"), "yesterday").unwrap();
    assert_eq!(log.unread(), 3);
}

#[test]
fn an_unusable_place_keeps_the_log_in_memory() {
    let (dir, _) = setup();
    let file = dir.path().join("a-file");
    fs::write(&file, "").unwrap();
    let log = ChangeLog::open(file.join("hangar-changes.jsonl")).with_limit(2, 1);
    log.append(&[change(1), change(2)]).unwrap();
    log.append(&[change(3)]).unwrap();
    assert_eq!(subjects(&log.read()), [1, 2, 3]);
    log.append(&[change(4)]).unwrap();
    assert_eq!(subjects(&log.read()), [3, 4]);
    log.mark_read(change(3).at).unwrap();
    assert_eq!(log.unread(), 1);
    assert_eq!(fs::read_to_string(&file).unwrap(), "");
}
