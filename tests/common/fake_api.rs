//! A fake Launch Library 2 that enforces a request budget the way Django
//! REST Framework does (a sliding window of accepted requests; a refused one
//! is not counted), answers `/api-throttle/` for free, and serves a catalog
//! whose spacecraft have flights: the list, one spacecraft's, and every
//! flight paged by id.

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
}

/// Cheap to clone; clones share the server's state.
#[derive(Clone)]
pub struct FakeApi(Arc<Mutex<Api>>);

/// Spacecraft 1..=n; spacecraft `id` has `id % 5` flights, so 603 of them
/// have 1,206 flights (13 pages).
pub fn fleet(n: u64) -> (Vec<Value>, Vec<Value>) {
    let mut spacecraft = Vec::new();
    let mut flights = Vec::new();
    for id in 1..=n {
        let mut s = super::spacecraft_json(id, &format!("Craft {id}"), "Soyuz MS");
        s["flights_count"] = json!(id % 5);
        s["in_space"] = json!(false);
        for k in 0..id % 5 {
            let fid = flights.len() as u64 + 1;
            let day = (fid * 3) % 20_000;
            flights.push(json!({
                "response_mode": "detailed",
                "id": fid,
                "url": format!("https://ll.thespacedevs.com/2.3.0/spacecraft_flights/{fid}/"),
                "destination": "International Space Station",
                "mission_end": null,
                "spacecraft": {"id": id, "name": format!("Craft {id}"), "in_space": false},
                "launch": {
                    "id": format!("00000000-0000-0000-0000-{fid:012}"),
                    "name": format!("Rocket | Craft {id} flight {}", k + 1),
                    "net": jiff::Timestamp::from_second(946_684_800 + day as i64 * 86_400)
                        .unwrap()
                        .to_string(),
                },
                "landing": null,
                "duration": "P3D",
                "turn_around_time": null,
                "launch_crew": [],
                "onboard_crew": [],
                "landing_crew": [],
                "docking_events": []
            }));
        }
        spacecraft.push(s);
    }
    (spacecraft, flights)
}

fn query(request: &Request, key: &str) -> Option<String> {
    request
        .url
        .query_pairs()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.into_owned())
}

fn page(records: &[Value], request: &Request) -> Value {
    let offset = query(request, "offset")
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    let limit = query(request, "limit")
        .and_then(|v| v.parse().ok())
        .unwrap_or(10usize)
        .min(100);
    let results: Vec<Value> = records.iter().skip(offset).take(limit).cloned().collect();
    json!({"count": records.len(), "next": null, "previous": null, "results": results})
}

impl FakeApi {
    /// Serves `spacecraft` and `flights` allowing `limit` requests per `window`.
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
        })));
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .respond_with(fake.clone())
            .mount(&server)
            .await;
        (server, fake)
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
        let mut api = self.0.lock().unwrap();
        let now = Instant::now();
        let window = api.window;
        while api
            .accepted
            .front()
            .is_some_and(|t| now.duration_since(*t) >= window)
        {
            api.accepted.pop_front();
        }
        let path = request.url.path().to_string();
        let rest = path.strip_prefix("/2.3.0").unwrap_or(&path);
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
        let full = format!("{}?{}", path, request.url.query().unwrap_or(""));
        api.paid.push(full);
        let detailed = query(request, "mode").as_deref() == Some("detailed");
        let parts: Vec<&str> = rest.trim_matches('/').split('/').collect();
        let id_is = |v: &Value, id: &str| v.as_u64().is_some_and(|n| Some(n) == id.parse().ok());
        let body = match parts.as_slice() {
            ["spacecraft"] => {
                let mut records = api.spacecraft.clone();
                if detailed {
                    for r in &mut records {
                        r["response_mode"] = json!("detailed");
                    }
                }
                page(&records, request)
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
            _ => return ResponseTemplate::new(404).set_body_json(json!({"detail": "Not found."})),
        };
        ResponseTemplate::new(200).set_body_json(body)
    }
}
