//! URLs of the endpoints hangar reads, for either API version.

use super::models::launch_id;
use super::reference::{LaunchId, RecordRef};
use std::fmt;

/// Records per page: the API's maximum.
pub const PAGE_SIZE: u64 = 100;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ApiVersion {
    V2_2,
    V2_3,
}

impl fmt::Display for ApiVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ApiVersion::V2_2 => "2.2.0",
            ApiVersion::V2_3 => "2.3.0",
        })
    }
}

/// The base URL (with its version segment) and the paths below it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoints {
    base: String,
    version: ApiVersion,
}

impl Endpoints {
    /// Reads the version from the last path segment of `base`
    /// (`https://ll.thespacedevs.com/2.3.0`, `http://127.0.0.1:8080/2.2.0/`).
    pub fn new(base: &str) -> Result<Self, String> {
        let base = base.trim().trim_end_matches('/');
        if !(base.starts_with("http://") || base.starts_with("https://")) {
            return Err(format!(
                "API URL must start with http:// or https://: {base}"
            ));
        }
        let version = match base.rsplit('/').next() {
            Some("2.3.0") => ApiVersion::V2_3,
            Some("2.2.0") => ApiVersion::V2_2,
            other => {
                return Err(format!(
                    "API URL must end with the API version, 2.3.0 or 2.2.0 (got {:?} in {base})",
                    other.unwrap_or("")
                ))
            }
        };
        Ok(Endpoints {
            base: base.to_string(),
            version,
        })
    }

    pub fn base(&self) -> &str {
        &self.base
    }

    pub fn version(&self) -> ApiVersion {
        self.version
    }

    /// The host (and port) requests go to, e.g. `ll.thespacedevs.com`.
    pub fn host(&self) -> &str {
        let rest = self.base.split_once("://").map_or("", |(_, r)| r);
        rest.split('/').next().unwrap_or(rest)
    }

    /// One page of the whole catalog. Ordered by id so that records added
    /// while paging land at the end instead of shifting every page. In
    /// detailed mode, which costs no more requests, a spacecraft needs no
    /// request of its own to be shown in full.
    pub fn catalog_page(&self, offset: u64) -> String {
        format!(
            "{}/spacecraft/?format=json&mode=detailed&limit={PAGE_SIZE}&offset={offset}&ordering=id",
            self.base
        )
    }

    /// One page of every spacecraft flight (the sync), with crews and
    /// dockings, in id order so that new flights land at the end.
    pub fn all_flights_page(&self, offset: u64) -> String {
        match self.version {
            ApiVersion::V2_3 => format!(
                "{}/spacecraft_flights/?format=json&mode=detailed&limit={PAGE_SIZE}&offset={offset}&ordering=id",
                self.base
            ),
            ApiVersion::V2_2 => format!(
                "{}/spacecraft/flight/?format=json&limit={PAGE_SIZE}&offset={offset}&ordering=id",
                self.base
            ),
        }
    }

    pub fn spacecraft(&self, id: u64) -> String {
        self.record(RecordRef::Spacecraft(id))
    }

    /// One page of a spacecraft's flights, with crews and dockings.
    pub fn flights_page(&self, spacecraft_id: u64, offset: u64) -> String {
        match self.version {
            ApiVersion::V2_3 => format!(
                "{}/spacecraft_flights/?format=json&spacecraft={spacecraft_id}&mode=detailed&limit={PAGE_SIZE}&offset={offset}",
                self.base
            ),
            ApiVersion::V2_2 => format!(
                "{}/spacecraft/flight/?format=json&spacecraft={spacecraft_id}&limit={PAGE_SIZE}&offset={offset}",
                self.base
            ),
        }
    }

    /// The record's own endpoint (the paths are in the list of kinds,
    /// [`RecordRef`]). Its id is a number or a UUID, safe in a path.
    pub fn record(&self, r: RecordRef) -> String {
        format!(
            "{}/{}/{}/?format=json",
            self.base,
            self.path_of(r),
            r.id_text()
        )
    }

    fn path_of(&self, r: RecordRef) -> &'static str {
        let (v2_3, v2_2) = r.paths();
        match self.version {
            ApiVersion::V2_3 => v2_3,
            ApiVersion::V2_2 => v2_2,
        }
    }

    pub fn flight(&self, id: u64) -> String {
        self.record(RecordRef::Flight(id))
    }

    /// One astronaut, with the launches flown and the flights landed on.
    /// A record's own endpoint answers in detailed mode unasked (the
    /// schema's `AstronautEndpointDetailed`, as the flight seed shows for
    /// `/spacecraft_flights/{id}/`), so `mode` is not sent.
    pub fn astronaut(&self, id: u64) -> String {
        self.record(RecordRef::Astronaut(id))
    }

    /// One space station, with its ports and what is docked at them now.
    pub fn station(&self, id: u64) -> String {
        self.record(RecordRef::Station(id))
    }

    /// One page of a station's docking events, oldest first. Normal mode:
    /// its rows already name the visiting flight (id, spacecraft, launch id
    /// and name); detailed mode would add each visitor's whole launch (pad,
    /// mission, agencies) for no request fewer.
    ///
    /// 2.2.0 filters by `space_station__id`: its schema (and the clients
    /// generated from it) names that filter, and DRF ignores a filter it
    /// does not know, which would list every station's dockings.
    pub fn station_dockings_page(&self, station_id: u64, offset: u64) -> String {
        match self.version {
            ApiVersion::V2_3 => format!(
                "{}/docking_events/?format=json&space_station_target__id={station_id}&ordering=docking&limit={PAGE_SIZE}&offset={offset}",
                self.base
            ),
            ApiVersion::V2_2 => format!(
                "{}/docking_event/?format=json&space_station__id={station_id}&ordering=docking&limit={PAGE_SIZE}&offset={offset}",
                self.base
            ),
        }
    }

    /// One launch, with the spacecraft flights it carried; `None` for an id
    /// that is not a launch id ([`launch_id`]), which never reaches a URL.
    pub fn launch(&self, id: &str) -> Option<String> {
        let id = launch_id(id)?;
        // Launch ids from the network may be any such id, not only a UUID.
        let path = self.path_of(RecordRef::Launch(LaunchId(0)));
        Some(format!("{}/{path}/{id}/?format=json", self.base))
    }

    /// One page of the launches to come that carry a spacecraft of one of
    /// `configurations`, with their spacecraft flights (detailed mode has
    /// `rocket.spacecraft_stage`). `None` in 2.2.0, whose schema has no
    /// such filter (DRF would ignore it and list every launch), and for no
    /// configuration.
    pub fn upcoming_page(&self, configurations: &[u64], offset: u64) -> Option<String> {
        if self.version != ApiVersion::V2_3 || configurations.is_empty() {
            return None;
        }
        let ids: Vec<String> = configurations.iter().map(u64::to_string).collect();
        Some(format!(
            "{}/launches/upcoming/?format=json&mode=detailed&spacecraft_config__ids={}&ordering=net&limit={PAGE_SIZE}&offset={offset}",
            self.base,
            ids.join(",")
        ))
    }

    pub fn throttle(&self) -> String {
        format!("{}/api-throttle/?format=json", self.base)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn version_comes_from_the_last_segment() {
        let e = Endpoints::new("https://ll.thespacedevs.com/2.3.0/").unwrap();
        assert_eq!(e.version(), ApiVersion::V2_3);
        assert_eq!(e.host(), "ll.thespacedevs.com");
        let e = Endpoints::new("http://127.0.0.1:8080/mirror/2.2.0").unwrap();
        assert_eq!(e.version(), ApiVersion::V2_2);
        assert_eq!(e.host(), "127.0.0.1:8080");
        assert!(Endpoints::new("https://ll.thespacedevs.com/").is_err());
        assert!(Endpoints::new("https://ll.thespacedevs.com/2.0.0").is_err());
        assert!(Endpoints::new("ftp://x/2.3.0").is_err());
    }

    #[test]
    fn flight_paths_differ_by_version() {
        let v3 = Endpoints::new("http://h/2.3.0").unwrap();
        let v2 = Endpoints::new("http://h/2.2.0").unwrap();
        assert!(v3
            .flights_page(7, 0)
            .starts_with("http://h/2.3.0/spacecraft_flights/?"));
        assert!(v3.flights_page(7, 0).contains("mode=detailed"));
        assert!(v2
            .flights_page(7, 0)
            .starts_with("http://h/2.2.0/spacecraft/flight/?"));
        assert_eq!(
            v2.flight(219),
            "http://h/2.2.0/spacecraft/flight/219/?format=json"
        );
        assert_eq!(
            v3.flight(358),
            "http://h/2.3.0/spacecraft_flights/358/?format=json"
        );
    }

    #[test]
    fn record_paths_differ_by_version() {
        let v3 = Endpoints::new("http://h/2.3.0").unwrap();
        let v2 = Endpoints::new("http://h/2.2.0").unwrap();
        assert_eq!(
            v3.astronaut(84),
            "http://h/2.3.0/astronauts/84/?format=json"
        );
        assert_eq!(v2.astronaut(84), "http://h/2.2.0/astronaut/84/?format=json");
        assert_eq!(
            v3.station(4),
            "http://h/2.3.0/space_stations/4/?format=json"
        );
        assert_eq!(v2.station(4), "http://h/2.2.0/spacestation/4/?format=json");
        let uuid = "0d0acc45-bcf8-4d06-8093-be999f9233ba";
        assert_eq!(
            v3.launch(uuid).as_deref(),
            Some("http://h/2.3.0/launches/0d0acc45-bcf8-4d06-8093-be999f9233ba/?format=json")
        );
        assert_eq!(
            v2.launch(uuid).as_deref(),
            Some("http://h/2.2.0/launch/0d0acc45-bcf8-4d06-8093-be999f9233ba/?format=json")
        );
    }

    #[test]
    fn station_dockings_are_filtered_by_station_and_paged() {
        let v3 = Endpoints::new("http://h/2.3.0").unwrap();
        let v2 = Endpoints::new("http://h/2.2.0").unwrap();
        assert_eq!(
            v3.station_dockings_page(4, 200),
            "http://h/2.3.0/docking_events/?format=json&space_station_target__id=4&ordering=docking&limit=100&offset=200"
        );
        assert_eq!(
            v2.station_dockings_page(18, 0),
            "http://h/2.2.0/docking_event/?format=json&space_station__id=18&ordering=docking&limit=100&offset=0"
        );
    }

    #[test]
    fn a_launch_id_that_could_leave_the_path_makes_no_url() {
        let v3 = Endpoints::new("http://h/2.3.0").unwrap();
        for bad in [
            "",
            "-",
            "../spacecraft/1",
            "..%2F..%2Fapi-throttle",
            "0d0acc45?format=api",
            "0d0acc45/",
            "0d0acc45#x",
            "0d0acc45 bcf8",
            "0d0acc45\n",
            "g0000000-0000-0000-0000-000000000000",
            "０d0acc45",
            &"a".repeat(65),
        ] {
            assert_eq!(v3.launch(bad), None, "{bad:?}");
        }
        assert!(v3.launch("ABCDEF01-0000-0000-0000-000000000000").is_some());
        assert!(v3.launch("0d0acc45bcf84d068093be999f9233ba").is_some());
    }
}
