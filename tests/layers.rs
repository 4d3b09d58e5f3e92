//! The folders of `src/` are layers, and their imports run one way:
//! `ui`, `cli` → `app` → `data`, `search`, `doc` → `api`; `cli` → `serve`
//! → `data`, `search` → `api`. This reads every
//! `crate::` path in the sources (tests aside) and fails on one that goes
//! up or sideways, so a dependency circle cannot come back unnoticed.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

fn allowed() -> BTreeMap<&'static str, &'static [&'static str]> {
    BTreeMap::from([
        ("api", &[][..]),
        ("data", &["api"][..]),
        ("doc", &["api"][..]),
        ("search", &["api"][..]),
        ("app", &["api", "data", "doc", "search"][..]),
        ("ui", &["api", "app", "data", "doc", "search"][..]),
        ("serve", &["api", "data", "search"][..]),
        (
            "cli",
            &["api", "data", "doc", "search", "logging", "serve"][..],
        ),
        ("logging", &[][..]),
    ])
}

fn sources(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn layers_import_only_the_layers_below_them() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&src, &mut files);
    let allowed = allowed();
    let mut wrong = BTreeSet::new();
    for file in files {
        let relative = file.strip_prefix(&src).unwrap();
        let layer = relative
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_string_lossy()
            .trim_end_matches(".rs")
            .to_string();
        if layer == "main" || layer == "lib" {
            continue;
        }
        let may = allowed
            .get(layer.as_str())
            .unwrap_or_else(|| panic!("{layer} (src/{}) is not a known layer", relative.display()));
        let text = std::fs::read_to_string(&file).unwrap();
        // Unit tests may reach anywhere.
        let code = text.split("#[cfg(test)]").next().unwrap_or("");
        for (at, _) in code.match_indices("crate::") {
            let used: String = code[at + 7..]
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if used != layer && !may.contains(&used.as_str()) {
                wrong.insert(format!("src/{} uses crate::{used}", relative.display()));
            }
        }
    }
    assert!(wrong.is_empty(), "imports against the layers:\n{wrong:#?}");
}
