//! Every hint line on screen: what each place offers, in its mode, written
//! from the keys in force.

use super::Keymap;
use crate::app::action::Command;
use crate::app::Mode;

/// Where a line of hints is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hinted {
    /// A record's pane (a flight, an astronaut, a station, a launch);
    /// `forward`: the history has a place ahead.
    Record {
        forward: bool,
    },
    Charts,
    InSpaceNow,
    FilterPanel,
    /// The search line; `fuzzy`: the search is fuzzy now (the hint names the other).
    SearchLine {
        fuzzy: bool,
    },
    HelpScreen,
    /// The status line's corner.
    Status,
    /// A picture with the focus.
    Picture,
}

/// What each place offers, in its mode: every hint line on screen is one
/// of these, written from the keys in force ([`Keymap::hints`]).
pub fn commands(place: Hinted) -> (Mode, Vec<(&'static [Command], &'static str)>) {
    use Command as C;
    match place {
        Hinted::Record { forward } => {
            let mut items: Vec<(&'static [Command], &'static str)> =
                vec![(&[C::Open], "open"), (&[C::Back], "back")];
            if forward {
                items.push((&[C::HistoryForward], "forward"));
            }
            items.push((&[C::OpenWeb], "web page"));
            (Mode::Normal, items)
        }
        Hinted::Charts => (
            Mode::Normal,
            vec![
                (&[C::FocusNext], "next chart"),
                (&[C::ToggleGroup], "family/agency"),
                (&[C::Open], "open"),
                (&[C::Back], "back"),
            ],
        ),
        Hinted::InSpaceNow => (
            Mode::Normal,
            vec![(&[C::Open], "open"), (&[C::Back], "back")],
        ),
        Hinted::FilterPanel => (
            Mode::Filter,
            vec![
                (&[C::Down, C::Up], "choose"),
                (&[C::PrevValue, C::NextValue], "change"),
                (&[C::ResetFilters], "reset"),
                (&[C::Back], "close"),
            ],
        ),
        Hinted::SearchLine { fuzzy } => (
            Mode::Search,
            vec![
                (&[C::Accept], "keep"),
                (&[C::Back], "clear"),
                (&[C::ToggleFuzzy], if fuzzy { "exact" } else { "fuzzy" }),
            ],
        ),
        Hinted::HelpScreen => (Mode::Help, vec![(&[C::Back], "closes")]),
        Hinted::Status => (Mode::Normal, vec![(&[C::Help], "help")]),
        Hinted::Picture => (Mode::Normal, vec![(&[C::OpenWeb], "full size")]),
    }
}

impl Keymap {
    /// The hint line of `place` ([`commands`]), from the keys in force.
    pub fn hints(&self, place: Hinted) -> String {
        let (mode, items) = commands(place);
        self.hint(mode, &items)
    }
}
