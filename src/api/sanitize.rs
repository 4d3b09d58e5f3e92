//! Neutralises text from the API before it can reach a terminal.
//!
//! Every string the models hold has been through [`clean`] at parse time, so no
//! view (CLI table, TUI pane) can forget to do it.

/// Removes escape sequences (CSI, OSC, DCS and friends), C0/C1 control
/// characters, DEL and bidirectional overrides. Newlines survive (descriptions
/// have paragraphs); `\r\n` and the Unicode line separators become `\n`, tabs
/// become a space.
pub fn clean(input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    let mut chars = input.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\u{1b}' => skip_escape(&mut chars),
            // C1 CSI/OSC/DCS/SOS/PM/APC introducers take a body like their ESC forms.
            '\u{9b}' => skip_csi(&mut chars),
            '\u{90}' | '\u{9d}' | '\u{98}' | '\u{9e}' | '\u{9f}' => skip_string(&mut chars),
            '\n' | '\u{2028}' | '\u{2029}' | '\u{85}' => out.push('\n'),
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push('\n');
                }
            }
            '\t' => out.push(' '),
            c if is_dropped(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// Like [`clean`], for text shown on one line: newlines become spaces and runs
/// of white space collapse, so a name can never break a row.
pub fn clean_line(input: &str) -> String {
    let cleaned = clean(input);
    let mut out = String::with_capacity(cleaned.len());
    for word in cleaned.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Characters a terminal may act on: controls (C0, DEL, C1) and
/// bidirectional marks. [`clean`] drops them; the JSON writer escapes them.
/// `text` as a web address, if it is one (`http` or `https` with a host),
/// written out as the URL parser normalises it. Addresses from the API go to
/// a browser or the image host only through this: no `file:`, no
/// `javascript:`, nothing a launcher could read as an option.
pub fn http_url(text: &str) -> Option<reqwest::Url> {
    let url = reqwest::Url::parse(text).ok()?;
    (matches!(url.scheme(), "http" | "https") && url.host().is_some()).then_some(url)
}

pub fn is_dropped(c: char) -> bool {
    c.is_control() // C0, DEL, C1
        || matches!(c,
            '\u{200e}' | '\u{200f}'           // LRM, RLM
            | '\u{202a}'..='\u{202e}'         // LRE, RLE, PDF, LRO, RLO
            | '\u{2066}'..='\u{2069}'         // LRI, RLI, FSI, PDI
            | '\u{061c}'                      // ALM
            | '\u{feff}'                      // BOM / ZWNBSP
        )
}

type Chars<'a> = std::iter::Peekable<std::str::Chars<'a>>;

fn skip_escape(chars: &mut Chars<'_>) {
    match chars.next() {
        Some('[') => skip_csi(chars),
        Some(']' | 'P' | 'X' | '^' | '_') => skip_string(chars),
        // Two-byte sequences (ESC c, ESC 7, ESC ( B …): the intermediates and the final.
        Some(c) if ('\u{20}'..='\u{2f}').contains(&c) => {
            while let Some(&n) = chars.peek() {
                chars.next();
                if !('\u{20}'..='\u{2f}').contains(&n) {
                    break;
                }
            }
        }
        _ => {}
    }
}

/// CSI: parameter and intermediate bytes, then one final byte in `@`..`~`.
fn skip_csi(chars: &mut Chars<'_>) {
    for c in chars.by_ref() {
        if ('\u{40}'..='\u{7e}').contains(&c) {
            break;
        }
        if !('\u{20}'..='\u{3f}').contains(&c) {
            // A malformed sequence: stop, the rest is text (already dropped char was a control).
            break;
        }
    }
}

/// OSC/DCS/…: everything up to BEL, ST (`ESC \`) or C1 ST.
fn skip_string(chars: &mut Chars<'_>) {
    while let Some(c) = chars.next() {
        match c {
            '\u{7}' | '\u{9c}' => break,
            '\u{1b}' => {
                if chars.peek() == Some(&'\\') {
                    chars.next();
                }
                break;
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_untouched() {
        for s in [
            "Soyuz MS-19",
            "Восток-1",
            "神舟十号",
            "Crew Dragon 🐉",
            "Café",
        ] {
            assert_eq!(clean(s), s);
        }
    }

    #[test]
    fn csi_sequences_are_removed() {
        assert_eq!(clean("\x1b[2J\x1b[31mPWNED\x1b[0m"), "PWNED");
        assert_eq!(clean("a\u{9b}31mb"), "ab");
    }

    #[test]
    fn osc_sequences_are_removed_with_either_terminator() {
        assert_eq!(clean("x\x1b]0;title\x07y"), "xy");
        assert_eq!(
            clean("x\x1b]8;;http://evil\x1b\\link\x1b]8;;\x1b\\y"),
            "xlinky"
        );
    }

    #[test]
    fn controls_nuls_and_bidi_are_dropped() {
        assert_eq!(clean("a\0b\x08c\x7fd"), "abcd");
        assert_eq!(clean("\u{202e}evil\u{202c}"), "evil");
        assert_eq!(clean("\u{2067}x\u{2069}"), "x");
    }

    #[test]
    fn line_breaks_are_normalised() {
        assert_eq!(clean("a\r\nb\rc\u{2028}d\te"), "a\nb\nc\nd e");
        assert_eq!(clean_line("  Soyuz\n\tMS-19  "), "Soyuz MS-19");
    }

    #[test]
    fn two_byte_escapes_are_removed() {
        assert_eq!(clean("a\x1bcb\x1b(Bc"), "abc");
    }
}
