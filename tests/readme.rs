//! The README's key table is the keymap's (`src/keys.rs`), not a copy that
//! drifts: this test fails when they differ, and rewrites the table with
//! `HANGAR_WRITE_README=1 cargo test --test readme`.

const START: &str =
    "<!-- keys: generated from src/ui/keys/defaults.rs (HANGAR_WRITE_README=1 cargo test --test readme) -->\n";
const END: &str = "<!-- /keys -->";

#[test]
fn the_readme_key_table_is_the_keymap() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/README.md");
    let readme = std::fs::read_to_string(path).unwrap();
    let table = hangar::ui::keys::markdown_table(&hangar::ui::keys::Keymap::default());
    let (before, rest) = readme
        .split_once(START)
        .expect("the README marks where its key table starts");
    let (current, after) = rest
        .split_once(END)
        .expect("the README marks where its key table ends");
    if std::env::var_os("HANGAR_WRITE_README").is_some() {
        std::fs::write(path, format!("{before}{START}{table}{END}{after}")).unwrap();
        return;
    }
    assert_eq!(
        current, table,
        "the README's key table differs from src/keys.rs"
    );
}
