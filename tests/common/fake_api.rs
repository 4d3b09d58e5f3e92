//! A fake Launch Library 2 that enforces a request budget the way Django
//! REST Framework does (a sliding window of accepted requests; a refused one
//! is not counted), answers `/api-throttle/` for free, and serves a catalog
//! whose spacecraft have flights: the list, one spacecraft's, and every
//! flight paged by id; and the records read from the flights (see
//! [`fleet`]): `/astronauts/{id}/`, `/space_stations/{id}/`,
//! `/docking_events/` (by station, paged) and `/docking_events/{id}/`, and
//! `/launches/{id}/`, and `/launches/upcoming/` (the launches not yet
//! happened, by `spacecraft_config__ids`, in NET order: the planned flights'
//! launches, none in the default fleet). Every request but `/api-throttle/`
//! is paid, a 404 too, as DRF counts it. Under `/2.2.0/` it answers 2.2.0's
//! paths (`spacecraft/flight/`, `astronaut/`, `spacestation/`, `launch/`,
//! `docking_event/?space_station__id=`) with the same records.
//!
//! Tests start it with [`FakeLl2`] (see [`setup`]).

mod fleet;
mod setup;

pub use fleet::*;
#[allow(unused_imports)] // test binaries without the fake API
pub use setup::*;

use serde_json::{json, Value};
use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

struct Api {
    spacecraft: Vec<Value>,
    flights: Vec<Value>,
    limit: usize,
    window: Duration,
    accepted: VecDeque<Instant>,
    /// Every request the budget counted, as path?query.
    paid: Vec<String>,
    refused: usize,
    free: usize,
    /// Every request as it arrived, `/api-throttle/` included.
    log: Vec<(Instant, String)>,
    /// How long every answer takes, `/api-throttle/`'s too, as a real round trip.
    delay: Duration,
    /// A status every answer has instead (a gateway's 502), uncounted.
    failing: Option<u16>,
}

/// Cheap to clone; clones share the server's state.
#[derive(Clone)]
pub struct FakeApi(Arc<Mutex<Api>>);

fn query(request: &Request, key: &str) -> Option<String> {
    request
        .url
        .query_pairs()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.into_owned())
}

/// One page, `next` and `previous` as DRF writes them: this URL at another offset.
fn page(records: &[Value], request: &Request) -> Value {
    let offset = query(request, "offset")
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    let limit = query(request, "limit")
        .and_then(|v| v.parse().ok())
        .unwrap_or(10usize)
        .min(100);
    let results: Vec<Value> = records.iter().skip(offset).take(limit).cloned().collect();
    let at = |offset: usize| {
        let mut url = request.url.clone();
        let pairs: Vec<(String, String)> = request
            .url
            .query_pairs()
            .filter(|(k, _)| k != "offset")
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
        url.query_pairs_mut()
            .clear()
            .extend_pairs(pairs)
            .append_pair("offset", &offset.to_string());
        url.to_string()
    };
    let next = (offset + limit < records.len()).then(|| at(offset + limit));
    let previous = (offset > 0).then(|| at(offset.saturating_sub(limit)));
    json!({"count": records.len(), "next": next, "previous": previous, "results": results})
}

/// A comma-separated list of ids, as DRF's `…__ids` filters read it: none
/// if absent or empty; DRF's 400 body if a part is not a number.
fn id_list(request: &Request, key: &str) -> Result<Option<Vec<u64>>, Value> {
    let Some(ids) = query(request, key).filter(|ids| !ids.is_empty()) else {
        return Ok(None);
    };
    match ids.split(',').map(str::parse).collect() {
        Ok(ids) => Ok(Some(ids)),
        Err(_) => Err(json!({ key: ["Enter a whole number."] })),
    }
}

fn not_found(model: &str) -> ResponseTemplate {
    ResponseTemplate::new(404)
        .set_body_json(json!({"detail": format!("No {model} matches the given query.")}))
}

impl FakeApi {
    /// Serves `spacecraft` and `flights` allowing `limit` requests per
    /// `window`. Tests start it through [`FakeLl2`]; the benches call this.
    pub async fn start(
        spacecraft: Vec<Value>,
        flights: Vec<Value>,
        limit: usize,
        window: Duration,
    ) -> (MockServer, FakeApi) {
        let fake = FakeApi(Arc::new(Mutex::new(Api {
            spacecraft,
            flights,
            limit,
            window,
            accepted: VecDeque::new(),
            paid: Vec::new(),
            refused: 0,
            free: 0,
            log: Vec::new(),
            delay: Duration::ZERO,
            failing: None,
        })));
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .respond_with(fake.clone())
            .mount(&server)
            .await;
        (server, fake)
    }

    /// Every answer from now on takes `delay`.
    pub fn delay_answers(&self, delay: Duration) {
        self.0.lock().unwrap().delay = delay;
    }

    /// Every answer from now on has `status` (with a gateway's HTML page), or none again.
    pub fn fail_with(&self, status: Option<u16>) {
        self.0.lock().unwrap().failing = status;
    }

    /// Changes the world the fake serves from now on.
    pub fn change(&self, change: impl FnOnce(&mut Vec<Value>, &mut Vec<Value>)) {
        let mut api = self.0.lock().unwrap();
        let Api {
            spacecraft,
            flights,
            ..
        } = &mut *api;
        change(spacecraft, flights);
    }

    /// The spacecraft it serves now.
    pub fn spacecraft(&self) -> Vec<Value> {
        self.0.lock().unwrap().spacecraft.clone()
    }

    /// The flights it serves now, in the order it pages them.
    pub fn flights(&self) -> Vec<Value> {
        self.0.lock().unwrap().flights.clone()
    }

    /// Every request as it arrived (path?query), free or paid.
    pub fn log(&self) -> Vec<(Instant, String)> {
        self.0.lock().unwrap().log.clone()
    }

    /// Requests the budget counted.
    pub fn paid(&self) -> Vec<String> {
        self.0.lock().unwrap().paid.clone()
    }

    /// 429s sent.
    pub fn refused(&self) -> usize {
        self.0.lock().unwrap().refused
    }

    /// Reads of `/api-throttle/`.
    pub fn free(&self) -> usize {
        self.0.lock().unwrap().free
    }
}

impl Respond for FakeApi {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let delay = self.0.lock().unwrap().delay;
        self.answer(request).set_delay(delay)
    }
}

impl FakeApi {
    /// Counted when it arrives, as DRF counts: the delay is the way back.
    fn answer(&self, request: &Request) -> ResponseTemplate {
        let mut api = self.0.lock().unwrap();
        let now = Instant::now();
        if let Some(status) = api.failing {
            let path = request.url.path().to_string();
            api.log
                .push((now, format!("{path}?{}", request.url.query().unwrap_or(""))));
            return ResponseTemplate::new(status)
                .set_body_string("<html><body><h1>Bad gateway</h1></body></html>");
        }
        let window = api.window;
        while api
            .accepted
            .front()
            .is_some_and(|t| now.duration_since(*t) >= window)
        {
            api.accepted.pop_front();
        }
        let path = request.url.path().to_string();
        let full = format!("{}?{}", path, request.url.query().unwrap_or(""));
        api.log.push((now, full.clone()));
        let v2_2 = path.starts_with("/2.2.0/");
        let rest = path
            .strip_prefix("/2.3.0")
            .or_else(|| path.strip_prefix("/2.2.0"))
            .unwrap_or(&path);
        if rest == "/api-throttle/" {
            api.free += 1;
            let next = match api.accepted.front() {
                Some(t) if api.accepted.len() >= api.limit => {
                    (window - now.duration_since(*t)).as_secs_f64().ceil() as u64
                }
                _ => 0,
            };
            return ResponseTemplate::new(200).set_body_json(json!([{
                "your_request_limit": api.limit,
                "limit_frequency_secs": window.as_secs(),
                "current_use": api.accepted.len(),
                "next_use_secs": next,
                "ident": "127.0.0.1"
            }]));
        }
        if api.accepted.len() >= api.limit {
            api.refused += 1;
            let oldest = api.accepted.front().copied().unwrap_or(now);
            let wait = (window - now.duration_since(oldest)).as_secs_f64().ceil();
            return ResponseTemplate::new(429).set_body_json(json!({
                "detail": format!("Request was throttled. Expected available in {wait} seconds.")
            }));
        }
        api.accepted.push_back(now);
        api.paid.push(full);
        let detailed = query(request, "mode").as_deref() == Some("detailed");
        let mut parts: Vec<&str> = rest.trim_matches('/').split('/').collect();
        if v2_2 {
            // 2.2.0's names for the same lists.
            parts = match parts.as_slice() {
                ["spacecraft", "flight", tail @ ..] => [&["spacecraft_flights"], tail].concat(),
                [head, tail @ ..] => {
                    let head = match *head {
                        "astronaut" => "astronauts",
                        "spacestation" => "space_stations",
                        "launch" => "launches",
                        "docking_event" => "docking_events",
                        "spacecraft" => "spacecraft",
                        _ => "not-in-2.2.0",
                    };
                    [&[head], tail].concat()
                }
                [] => parts,
            };
        }
        let station_filter = if v2_2 {
            "space_station__id"
        } else {
            "space_station_target__id"
        };
        let id_is = |v: &Value, id: &str| v.as_u64().is_some_and(|n| Some(n) == id.parse().ok());
        let body = match parts.as_slice() {
            ["spacecraft"] => {
                // Only the page is copied: the answer is built under the
                // lock, and a copy of the whole catalog per page would make
                // concurrent pages queue here.
                let mut body = page(&api.spacecraft, request);
                if detailed {
                    for r in body["results"].as_array_mut().into_iter().flatten() {
                        r["response_mode"] = json!("detailed");
                    }
                }
                body
            }
            ["spacecraft", id] => match api.spacecraft.iter().find(|s| id_is(&s["id"], id)) {
                Some(s) => {
                    let mut s = s.clone();
                    s["response_mode"] = json!("detailed");
                    s
                }
                None => {
                    return ResponseTemplate::new(404)
                        .set_body_json(json!({"detail": "No Spacecraft matches the given query."}))
                }
            },
            ["spacecraft_flights"] => match query(request, "spacecraft") {
                Some(id) => {
                    let own: Vec<Value> = api
                        .flights
                        .iter()
                        .filter(|f| id_is(&f["spacecraft"]["id"], &id))
                        .cloned()
                        .collect();
                    page(&own, request)
                }
                None => page(&api.flights, request),
            },
            ["spacecraft_flights", id] => match api.flights.iter().find(|f| id_is(&f["id"], id)) {
                Some(f) => f.clone(),
                None => {
                    return ResponseTemplate::new(404)
                        .set_body_json(json!({"detail": "Not found."}))
                }
            },
            ["astronauts", id] => match id
                .parse()
                .ok()
                .and_then(|id| astronaut_record(&api.flights, id))
            {
                Some(a) => a,
                None => return not_found("Astronaut"),
            },
            ["space_stations", id] => match id
                .parse()
                .ok()
                .and_then(|id| station_record(&api.flights, id))
            {
                Some(s) => s,
                None => return not_found("SpaceStation"),
            },
            ["docking_events"] => {
                let mut events = docking_events(&api.flights, detailed);
                if let Some(station) = query(request, station_filter) {
                    let Ok(station) = station.parse::<u64>() else {
                        return ResponseTemplate::new(400)
                            .set_body_json(json!({ station_filter: ["Enter a number."] }));
                    };
                    events.retain(|e| e["space_station_target"]["id"].as_u64() == Some(station));
                }
                // Times written alike (UTC, seconds) sort as their text does.
                match query(request, "ordering").as_deref() {
                    Some("docking") => {
                        events.sort_by(|a, b| a["docking"].as_str().cmp(&b["docking"].as_str()))
                    }
                    Some("-docking") => {
                        events.sort_by(|a, b| b["docking"].as_str().cmp(&a["docking"].as_str()))
                    }
                    _ => events.sort_by_key(|e| e["id"].as_u64()),
                }
                page(&events, request)
            }
            ["docking_events", id] => match docking_events(&api.flights, true)
                .into_iter()
                .find(|e| id_is(&e["id"], id))
            {
                Some(e) => e,
                None => return not_found("DockingEvent"),
            },
            ["launches", "upcoming"] => {
                let configs = match id_list(request, "spacecraft_config__ids") {
                    Ok(configs) => configs,
                    Err(refused) => return ResponseTemplate::new(400).set_body_json(refused),
                };
                let mut launches: Vec<Value> =
                    upcoming_launches(&api.spacecraft, &api.flights, configs.as_deref());
                if query(request, "ordering").as_deref() == Some("-net") {
                    launches.reverse();
                }
                if !detailed {
                    launches = launches.iter().map(launch_normal_mode).collect();
                }
                page(&launches, request)
            }
            ["launches", id] => match launch_record(&api.flights, id) {
                Some(l) => l,
                None => return not_found("Launch"),
            },
            _ => return ResponseTemplate::new(404).set_body_json(json!({"detail": "Not found."})),
        };
        ResponseTemplate::new(200).set_body_json(body)
    }
}
