//! The search text is split exactly as the API's server splits it: Django
//! REST Framework's `search_smart_split`. `tests/drf/split_cases.json` holds
//! the server's own answers (made by `tests/drf/make_split_cases.py`, which
//! runs DRF's and Django's code verbatim) for 36 named and 3,000 random texts.

use hangar::search::query::{search_terms, Search};

#[test]
fn every_text_splits_as_drf_splits_it() {
    let cases: Vec<(String, Vec<String>)> =
        serde_json::from_str(include_str!("drf/split_cases.json")).unwrap();
    assert!(cases.len() > 3000);
    let wrong: Vec<String> = cases
        .iter()
        .filter(|(text, terms)| &search_terms(text) != terms)
        .map(|(text, terms)| format!("{text:?}: DRF {terms:?}, hangar {:?}", search_terms(text)))
        .collect();
    assert!(
        wrong.is_empty(),
        "{} of {} differ:\n{}",
        wrong.len(),
        cases.len(),
        wrong.join("\n")
    );
}

/// The quoting rules case by case, with the server's answer.
#[test]
fn quoting_rules_case_by_case() {
    for (text, terms) in [
        ("soyuz ms", &["soyuz", "ms"][..]),
        ("\"soyuz ms\"", &["soyuz ms"]),
        ("\"dragon, crew-9\"", &["dragon, crew-9"]),
        ("dragon,crew", &["dragon", "crew"]),
        ("\"", &[""]),
        ("'", &[""]),
        ("\"\"", &[""]),
        ("\"soyuz ms", &["\"soyuz", "ms"]),
        ("a\"b c\"d", &["a\"b c\"d"]),
        ("\"a\\\"b\"", &["a\"b"]),
        ("'it\\'s'", &["it's"]),
        ("x,\"y z\",w", &["x", "\"y z\"", "w"]),
        (",\"a b\",", &["a b"]),
        ("\"a,b\",c", &["\"a", "b\"", "c"]),
    ] {
        assert_eq!(search_terms(text), terms, "{text:?}");
    }
}

fn catalog_of(names: &[&str]) -> Vec<hangar::api::Spacecraft> {
    names
        .iter()
        .enumerate()
        .map(|(i, name)| hangar::api::Spacecraft {
            id: i as u64 + 1,
            name: name.to_string(),
            ..Default::default()
        })
        .collect()
}

/// The names `text` finds in `catalog`, by the plain semantics.
fn hits<'a>(catalog: &'a [hangar::api::Spacecraft], text: &str) -> Vec<&'a str> {
    let search = Search::new(text);
    catalog
        .iter()
        .filter(|s| search.matches(s))
        .map(|s| s.name.as_str())
        .collect()
}

/// What the terms then match, against names as the server answered.
#[test]
fn quoted_phrases_and_lone_quotes_match_as_on_the_server() {
    let catalog = catalog_of(&[
        "Soyuz MS-22",
        "Soyuz TMA-15",
        "Crew Dragon C206",
        "Dragon, Crew-9",
    ]);
    let hits = |text: &str| hits(&catalog, text);
    assert_eq!(hits("\"soyuz ms\""), ["Soyuz MS-22"]);
    assert_eq!(hits("soyuz ms"), ["Soyuz MS-22"]);
    assert_eq!(hits("\"dragon, crew-9\""), ["Dragon, Crew-9"]);
    assert_eq!(hits("dragon, crew"), ["Crew Dragon C206", "Dragon, Crew-9"]);
    for lone in ["\"", "'", "\"\""] {
        assert_eq!(hits(lone).len(), 4, "{lone:?} matches every row");
    }
}

/// Case as PostgreSQL's `UPPER(field) LIKE UPPER(term)` folds it: both
/// sides, character by character, by Unicode's simple upper-case mapping.
/// Each expected answer is the one the server gave.
#[test]
fn case_folds_as_postgresql_upper_does() {
    let names = [
        "ΚΟΣΜΟΣ-1",
        "Κόσμος ς",
        "Straße",
        "\u{212a}elvin probe",
        "İHA-1",
        "Ihlara",
    ];
    let catalog = catalog_of(&names);
    let hits = |text: &str| hits(&catalog, text);
    // Final sigma typed as σ finds Σ; ς finds both (both upper-case to Σ).
    assert_eq!(hits("κοσμοσ"), ["ΚΟΣΜΟΣ-1"]);
    assert_eq!(hits("ς"), ["ΚΟΣΜΟΣ-1", "Κόσμος ς"]);
    // ẞ upper-cases to itself, ß too (its full mapping SS is not the simple one).
    assert!(hits("ẞ").is_empty());
    assert_eq!(hits("ß"), ["Straße"]);
    // The Kelvin sign and dotted capital I are their own upper case.
    assert!(hits("kelvin").is_empty());
    assert_eq!(hits("\u{212a}"), ["\u{212a}elvin probe"]);
    assert_eq!(hits("i"), ["\u{212a}elvin probe", "Ihlara"], "not İHA-1");
    assert_eq!(hits("İ"), ["İHA-1"]);
    // The fast search (the list's) and the plain semantics agree on each.
    let records = catalog.clone();
    let index = hangar::search::Catalog::new(records);
    for text in ["κοσμοσ", "ς", "ẞ", "ß", "kelvin", "i", "İ", "ᾳ"] {
        let view = hangar::search::View::new(&index, Default::default(), vec![], text);
        let fast: Vec<&str> = view
            .rows()
            .iter()
            .map(|&r| index.get(r).unwrap().name.as_str())
            .collect();
        assert_eq!(fast, hits(text), "{text:?}");
    }
    assert_eq!(hangar::search::simple_upper('ᾳ'), 'ᾼ');
    assert_eq!(hangar::search::simple_upper('ß'), 'ß');
    assert_eq!(hangar::search::simple_upper('ς'), 'Σ');
}

/// The text searched and filtered is the API's own (issue 14, 3): names are
/// cleaned only where they are shown.
#[test]
fn search_and_name_filters_see_the_apis_text() {
    let page = serde_json::json!({"count": 4, "next": null, "previous": null, "results": [
        {"id": 1, "name": "Gemini  7", "spacecraft_config": {"id": 1, "name": "Gemini  SC"}},
        {"id": 2, "name": "Gemini 8", "spacecraft_config": {"id": 1, "name": "Gemini  SC"}},
        {"id": 3, "name": "Trailing ", "spacecraft_config": null},
        {"id": 4, "name": "Star\u{200f}liner bidi", "spacecraft_config": null},
    ]});
    let page =
        hangar::api::paging::parse_page::<hangar::api::Spacecraft>(&page.to_string()).unwrap();
    let records = page.results;
    // Shown cleaned, as ever.
    assert_eq!(records[0].name, "Gemini 7");
    assert_eq!(records[3].name, "Starliner bidi");
    let list = |query: hangar::search::query::Query| -> Vec<u64> {
        query
            .apply(&records)
            .into_iter()
            .map(|i| records[i].id)
            .collect()
    };
    let filter = |text: &str| hangar::search::query::Query {
        filters: hangar::search::query::FilterReading::new(&[text.parse().unwrap()]).filters(),
        ..Default::default()
    };
    assert_eq!(
        list(filter("name=Gemini  7")),
        [1],
        "two spaces, as the server has it"
    );
    assert!(
        list(filter("name=Gemini 7")).is_empty(),
        "one space: not the API's name"
    );
    // The value is stripped, as django-filter's CharField strips it: a name
    // the API stores with a trailing space is found by no name filter, as
    // on the server (tests/drf_filters.rs).
    assert!(list(filter("name=Trailing ")).is_empty());
    assert!(list(filter("name=Trailing")).is_empty());
    let search = |text: &str| hangar::search::query::Query {
        search: Search::new(text),
        ..Default::default()
    };
    assert!(
        list(search("starliner bidi")).is_empty(),
        "the RLM splits the word on the server"
    );
    assert_eq!(list(search("\"gemini  7\"")), [1]);
    assert_eq!(
        list(search("\"gemini  sc\"")),
        [1, 2],
        "configuration names too"
    );
    assert!(list(search("\"gemini 7\"")).is_empty());
    // The list's fast search agrees.
    let index = hangar::search::Catalog::new(records.clone());
    for text in [
        "starliner bidi",
        "\"gemini  7\"",
        "\"gemini  sc\"",
        "\"gemini 7\"",
        "gemini",
    ] {
        let view = hangar::search::View::new(&index, Default::default(), vec![], text);
        let fast: Vec<u64> = view
            .rows()
            .iter()
            .map(|&r| index.get(r).unwrap().id)
            .collect();
        assert_eq!(fast, list(search(text)), "{text:?}");
    }
}
