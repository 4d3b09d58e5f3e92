//! What the list highlights in the names it shows.

use super::fuzzy::{self, Fuzzy, SearchMode};
use super::query::Search;
use super::simple_upper;

/// Marks what a search matched in the names the list shows: the exact
/// search's terms, or the characters the fuzzy words matched.
pub enum Highlighter {
    Exact(Search),
    Fuzzy(Fuzzy, nucleo_matcher::Matcher),
}

impl Highlighter {
    pub fn new(text: &str, mode: SearchMode) -> Self {
        match mode {
            SearchMode::Exact => Highlighter::Exact(Search::new(text)),
            SearchMode::Fuzzy => Highlighter::Fuzzy(Fuzzy::new(text), fuzzy::matcher()),
        }
    }

    /// One flag per char of `name`: whether to highlight it.
    pub fn mask(&mut self, name: &str) -> Vec<bool> {
        match self {
            Highlighter::Exact(search) => highlight_mask(name, search),
            Highlighter::Fuzzy(fuzzy, matcher) => fuzzy.highlight_mask(matcher, name),
        }
    }
}

/// Which characters of `name` a search term matches, for highlighting.
pub fn highlight_mask(name: &str, search: &Search) -> Vec<bool> {
    let chars: Vec<char> = name.chars().collect();
    let mut mask = vec![false; chars.len()];
    if search.is_empty() {
        return mask;
    }
    // The folded string, with the original character each folded byte came from.
    let mut folded = String::new();
    let mut origin = Vec::new();
    for (i, c) in chars.iter().enumerate() {
        let up = simple_upper(*c);
        folded.push(up);
        origin.extend(std::iter::repeat_n(i, up.len_utf8()));
    }
    for term in search.terms() {
        for (start, m) in folded.match_indices(term.as_str()) {
            for &i in &origin[start..start + m.len()] {
                mask[i] = true;
            }
        }
    }
    mask
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn highlights_map_back_to_original_characters() {
        let search = Search::new("ms восток");
        let mask = highlight_mask("Soyuz MS-19", &search);
        let lit: String = "Soyuz MS-19"
            .chars()
            .zip(&mask)
            .filter(|(_, m)| **m)
            .map(|(c, _)| c)
            .collect();
        assert_eq!(lit, "MS");
        let mask = highlight_mask("ВОСТОК-1", &search);
        assert_eq!(mask.iter().filter(|m| **m).count(), 6);
    }
}
