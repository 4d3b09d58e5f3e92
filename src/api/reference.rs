//! A reference to one record of the API: what a link in a description
//! points at, a place in the browser's history, and what `hangar open
//! KIND/ID` reads.

use std::fmt;
use std::str::FromStr;

/// A launch's id: a UUID, kept as its 128 bits. Only a UUID reads as one,
/// so nothing else from the network can reach a URL path through it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct LaunchId(pub u128);

impl FromStr for LaunchId {
    type Err = String;

    /// `8-4-4-4-12` hexadecimal digits, either case.
    fn from_str(s: &str) -> Result<Self, String> {
        let groups: Vec<&str> = s.split('-').collect();
        let lengths: Vec<usize> = groups.iter().map(|g| g.len()).collect();
        let hex = groups
            .iter()
            .all(|g| g.bytes().all(|b| b.is_ascii_hexdigit()));
        if lengths != [8, 4, 4, 4, 12] || !hex {
            return Err(format!("not a launch id (a UUID): {s:?}"));
        }
        u128::from_str_radix(&groups.concat(), 16)
            .map(LaunchId)
            .map_err(|e| format!("not a launch id: {e}"))
    }
}

impl fmt::Display for LaunchId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let h = format!("{:032x}", self.0);
        write!(
            f,
            "{}-{}-{}-{}-{}",
            &h[..8],
            &h[8..12],
            &h[12..16],
            &h[16..20],
            &h[20..]
        )
    }
}

/// An id in a reference: how `hangar open KIND/ID` reads it.
trait RecordId: Sized + fmt::Display {
    fn read(kind: &str, id: &str) -> Result<Self, String>;
}

impl RecordId for u64 {
    fn read(kind: &str, id: &str) -> Result<Self, String> {
        id.parse::<u64>()
            .ok()
            .filter(|n| *n > 0)
            .ok_or_else(|| format!("{kind} ids are positive whole numbers, got {id:?}"))
    }
}

impl RecordId for LaunchId {
    fn read(_: &str, id: &str) -> Result<Self, String> {
        id.parse()
    }
}

/// Writes [`RecordRef`] and what each kind is called from the one list of
/// kinds below.
macro_rules! record_kinds {
    ($($(#[$doc:meta])* $variant:ident($id:ty): $kind:literal, $title:literal, $path:literal, $path_2_2:literal;)+) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum RecordRef {
            $($(#[$doc])* $variant($id),)+
        }

        impl RecordRef {
            /// Every kind, as `hangar open` spells it.
            pub const KINDS: &[&str] = &[$($kind),+];

            /// The kind as `hangar open` spells it.
            pub fn kind(&self) -> &'static str {
                match self {
                    $(RecordRef::$variant(_) => $kind,)+
                }
            }

            /// The title of its screen.
            pub fn title(&self) -> &'static str {
                match self {
                    $(RecordRef::$variant(_) => $title,)+
                }
            }

            /// The paths of its own endpoint below the version, in 2.3.0 and
            /// in 2.2.0 (`astronauts`, `astronaut`).
            pub fn paths(&self) -> (&'static str, &'static str) {
                match self {
                    $(RecordRef::$variant(_) => ($path, $path_2_2),)+
                }
            }

            /// The id as it goes into a URL and a reference.
            pub fn id_text(&self) -> String {
                match self {
                    $(RecordRef::$variant(id) => id.to_string(),)+
                }
            }

            fn read(kind: &str, id: &str) -> Result<Self, String> {
                Ok(match kind {
                    $($kind => RecordRef::$variant(<$id>::read(kind, id)?),)+
                    other => {
                        let (last, rest) = Self::KINDS.split_last().unwrap_or((&"", &[]));
                        return Err(format!(
                            "unknown kind {other:?}: {} or {last}",
                            rest.join(", ")
                        ));
                    }
                })
            }
        }
    };
}

// The one list of the kinds of record: a new kind is a line here (its
// variant and id, its name in `hangar open`, its screen's title, the path
// of its own endpoint in 2.3.0 and 2.2.0), its model, and its `Record`.
record_kinds! {
    Spacecraft(u64): "spacecraft", "Spacecraft", "spacecraft", "spacecraft";
    Flight(u64): "flight", "Flight", "spacecraft_flights", "spacecraft/flight";
    Astronaut(u64): "astronaut", "Astronaut", "astronauts", "astronaut";
    Station(u64): "station", "Space station", "space_stations", "spacestation";
    Launch(LaunchId): "launch", "Launch", "launches", "launch";
}

impl fmt::Display for RecordRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.kind(), self.id_text())
    }
}

impl FromStr for RecordRef {
    type Err = String;

    /// `spacecraft/45`, `flight/358`, `astronaut/5012`, `station/4`, `launch/UUID`.
    fn from_str(s: &str) -> Result<Self, String> {
        let (kind, id) = s.split_once('/').ok_or_else(|| {
            format!("expected KIND/ID (e.g. spacecraft/45 or launch/UUID), got {s:?}")
        })?;
        RecordRef::read(kind, id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_read_and_print_alike() {
        for text in [
            "spacecraft/45",
            "flight/358",
            "astronaut/5012",
            "station/4",
            "launch/e3df2ecd-c239-472f-95e4-2b89b4f75800",
            "flight/18446744073709551615",
        ] {
            let r: RecordRef = text.parse().unwrap();
            assert_eq!(r.to_string(), text);
        }
        let upper: RecordRef = "launch/E3DF2ECD-C239-472F-95E4-2B89B4F75800"
            .parse()
            .unwrap();
        assert_eq!(
            upper.to_string(),
            "launch/e3df2ecd-c239-472f-95e4-2b89b4f75800"
        );
    }

    #[test]
    fn anything_else_is_refused_with_a_reason() {
        for bad in [
            "45",
            "spacecraft/",
            "spacecraft/0",
            "spacecraft/-1",
            "flight/1.5",
            "flight/18446744073709551616",
            "rocket/4",
            "launch/../../spacecraft",
            "launch/e3df2ecd-c239-472f-95e4-2b89b4f7580",
            "launch/e3df2ecd-c239-472f-95e4-2b89b4f75800?x=1",
            "launch/+3df2ecd-c239-472f-95e4-2b89b4f75800",
        ] {
            assert!(bad.parse::<RecordRef>().is_err(), "{bad}");
        }
    }
}
