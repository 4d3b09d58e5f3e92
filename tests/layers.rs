//! The folders of `src/` are layers, and their imports run one way:
//! `ui`, `cli` → `runtime` → `app` → `search`, `doc` → `data` → `api`;
//! `cli` → `serve` → `data`, `search` → `api`. This reads every
//! `crate::` path in the sources (tests aside) and fails on one that goes
//! up or sideways, so a dependency circle cannot come back unnoticed.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

fn allowed() -> BTreeMap<&'static str, &'static [&'static str]> {
    BTreeMap::from([
        ("api", &[][..]),
        ("data", &["api"][..]),
        ("doc", &["api", "data"][..]),
        ("search", &["api"][..]),
        ("app", &["api", "data", "doc", "search"][..]),
        ("runtime", &["api", "app", "data", "doc", "search"][..]),
        (
            "ui",
            &["api", "app", "data", "doc", "runtime", "search"][..],
        ),
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

/// `app/` is the state and `update`: what awaits or touches the world is
/// the runtime's (`src/runtime/`), so `update` stays a pure function.
#[test]
fn app_does_no_io() {
    let app = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/app");
    let mut files = Vec::new();
    sources(&app, &mut files);
    let forbidden = [
        "tokio",
        "reqwest",
        "std::fs",
        "std::net",
        "std::process",
        "std::thread",
        "std::io::Write",
        "crate::data::cache",
        "crate::data::images::Fetcher",
        "crate::data::images::ImageCache",
        "async fn",
        ".await",
    ];
    let mut wrong = BTreeSet::new();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        let code = text.split("#[cfg(test)]").next().unwrap_or("");
        for word in forbidden {
            if code.contains(word) {
                wrong.insert(format!("{} uses {word}", file.display()));
            }
        }
    }
    assert!(wrong.is_empty(), "I/O in app/:\n{wrong:#?}");
}

/// No two modules of `src/` import each other, directly or through others.
#[test]
fn no_import_circle() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&src, &mut files);
    // Each module (its file, `mod.rs` standing for its folder) and the
    // modules its `crate::`/`super::` paths name, to the depth of a file.
    let module_of = |path: &Path| -> String {
        let relative = path.strip_prefix(&src).unwrap().with_extension("");
        let parts: Vec<String> = relative
            .components()
            .map(|c| c.as_os_str().to_string_lossy().to_string())
            .filter(|p| p != "mod")
            .collect();
        parts.join("::")
    };
    let known: BTreeSet<String> = files.iter().map(|f| module_of(f)).collect();
    let mut uses: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in &files {
        let module = module_of(file);
        let text = std::fs::read_to_string(file).unwrap();
        // Code only: a doc link is no import.
        let code: String = text
            .split("#[cfg(test)]")
            .next()
            .unwrap_or("")
            .lines()
            .filter(|l| !l.trim_start().starts_with("//"))
            .collect::<Vec<_>>()
            .join("\n");
        let parent: Vec<&str> = {
            let mut p: Vec<&str> = module.split("::").collect();
            if !file.ends_with("mod.rs") {
                p.pop();
            }
            p
        };
        for (prefix, base) in [("crate::", Vec::new()), ("super::", parent.clone())] {
            for (at, _) in code.match_indices(prefix) {
                for path in use_paths(&code[at + prefix.len()..]) {
                    let mut target: Vec<String> = base.iter().map(|s| s.to_string()).collect();
                    let mut found = None;
                    for part in path.split("::").filter(|p| !p.is_empty()) {
                        target.push(part.to_string());
                        let name = target.join("::");
                        if known.contains(&name) {
                            found = Some(name);
                        } else {
                            break;
                        }
                    }
                    if let Some(found) =
                        found.filter(|f| *f != module && !module.starts_with(&format!("{f}::")))
                    {
                        uses.entry(module.clone()).or_default().insert(found);
                    }
                }
            }
        }
    }
    // A module reaching itself again through what it uses is a circle:
    // each is named with the way back.
    let mut circles = BTreeSet::new();
    for start in uses.keys() {
        let mut seen = BTreeSet::new();
        let mut stack: Vec<Vec<String>> = uses[start].iter().map(|m| vec![m.clone()]).collect();
        while let Some(path) = stack.pop() {
            let next = path.last().unwrap();
            if next == start {
                circles.insert(format!("{start} -> {}", path.join(" -> ")));
                break;
            }
            if seen.insert(next.clone()) {
                for m in uses.get(next).into_iter().flatten() {
                    let mut longer = path.clone();
                    longer.push(m.clone());
                    stack.push(longer);
                }
            }
        }
    }
    assert!(
        circles.is_empty(),
        "modules in an import circle: {circles:#?}"
    );
}

/// The paths a `use` tree (or a path in code) starting at `text` names:
/// `a::b`, and for `a::{b, c::{d}}` each of `a::b`, `a::c::d`.
fn use_paths(text: &str) -> Vec<String> {
    let mut depth = 0usize;
    let mut end = 0;
    for (i, c) in text.char_indices() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => break,
            '}' => depth -= 1,
            c if c.is_alphanumeric() || c == '_' || c == ':' => {}
            ',' | ' ' | '\n' | '\t' if depth > 0 => {}
            _ => break,
        }
        end = i + c.len_utf8();
    }
    expand(&text[..end])
}

fn expand(tree: &str) -> Vec<String> {
    let tree = tree.trim();
    let Some(open) = tree.find('{') else {
        return vec![tree.to_string()];
    };
    let prefix = &tree[..open];
    let inner = &tree[open + 1..];
    let inner = inner.trim_end().strip_suffix('}').unwrap_or(inner);
    let (mut parts, mut depth, mut start) = (Vec::new(), 0usize, 0);
    for (i, c) in inner.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth = depth.saturating_sub(1),
            ',' if depth == 0 => {
                parts.push(&inner[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&inner[start..]);
    parts
        .into_iter()
        .filter(|p| !p.trim().is_empty() && p.trim() != "self")
        .flat_map(|p| expand(p).into_iter().map(move |q| format!("{prefix}{q}")))
        .collect()
}

#[test]
fn use_trees_are_read_whole() {
    assert_eq!(use_paths("a::b;"), ["a::b"]);
    assert_eq!(
        use_paths("{fuzzy::Fuzzy, python::{self, is_space}};"),
        ["fuzzy::Fuzzy", "python::is_space"]
    );
    assert_eq!(use_paths("doc::truncate(&x)"), ["doc::truncate"]);
}
