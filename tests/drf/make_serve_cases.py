"""Writes serve_cases.json: requests to LL2's spacecraft endpoint and what a
real Django REST Framework + django-filter server answers to each, whole:
the status, the headers DRF sets, and the full JSON body (count, next,
previous, results), for paging (odd limits and offsets), ordering (each
field, `-`, comma lists, unknown fields), search, filters, modes,
combinations, single records and methods it does not allow.

The server is mirror.py's, holding the bundled catalog pages' records as one
upstream (`mirror.UPSTREAM`) would send them to hangar (`records` below: a
cache of hangar's holds the same). It answers at `http://testserver`
(Django's test Client); tests/serve.rs asks hangar's mirror the same
requests and expects the same answers with its own origin in their place.

    pip install -r tests/drf/requirements.txt
    python3 tests/drf/make_serve_cases.py     # writes tests/drf/serve_cases.json
"""
import json
import os
import sys

import mirror

OUT = os.path.join(mirror.HERE, "serve_cases.json")
LIST = "/2.3.0/spacecraft/"
HEADERS = ["Content-Type", "Allow", "Vary"]

QUERIES = [
    # Paging.
    "", "limit=5", "limit=5&offset=10", "offset=10", "offset=5&limit=5", "offset=7&limit=5",
    "offset=3&limit=5", "limit=0", "limit=-1", "limit=abc", "limit=", "limit=101", "limit=1000",
    "limit=100", "limit=%205%20", "limit=5.0", "limit=%2B5", "limit=%D9%A5", "limit=1_0",
    "limit=1__0", "offset=-1", "offset=abc", "offset=", "offset=29", "offset=30", "offset=31",
    "offset=1000&limit=3", "offset=99999999999999999999&limit=3",
    "offset=%2B0012&limit=4", "offset=1_2&limit=4", "offset=" + "9" * 5000 + "&limit=3",
    "limit=5&limit=7", "limit=7&limit=abc", "offset=3&offset=6&limit=2",
    # What the links keep of other parameters.
    "format=json", "format=json&limit=3", "format=api&limit=2", "format=xml", "format=&limit=2",
    "format=json&format=api", "format=api&format=json&limit=2", "foo=bar&limit=3", "a=1&a=2&limit=3&offset=3",
    "z=&limit=3&offset=3", "q&limit=3", "%20x=1&limit=3", "x=%2F%26%3D%3F%23&limit=3",
    "x=a+b&limit=3", "x=%E2%82%AC&limit=3", "x=%FF&limit=3", "x=~._-*!'()&limit=3",
    "&&limit=3&&offset=3&", "LIMIT=3", "x=%25&limit=3", "x==1&limit=3", "=1&limit=3",
    # Ordering.
    "ordering=id", "ordering=-id", "ordering=flights_count", "ordering=-flights_count",
    "ordering=mission_ends_count", "ordering=-mission_ends_count", "ordering=time_docked",
    "ordering=-time_docked", "ordering=time_in_space", "ordering=-time_in_space",
    "ordering=flights_count,-id", "ordering=-mission_ends_count,time_in_space",
    "ordering=bogus", "ordering=-bogus", "ordering=name", "ordering=bogus,-flights_count",
    "ordering=%20id%20", "ordering=id,", "ordering=,-id", "ordering=-", "ordering=--id",
    "ordering=", "ordering=-time_docked&limit=30", "ordering=time_docked&limit=30",
    "ordering=ID", "ordering=-id&ordering=flights_count",
    # Search.
    "search=soyuz", "search=SOYUZ", "search=Soyuz%20MS", "search=dragon", "search=%22Soyuz%20MS%22",
    "search=soyuz,ms", "search=", "search=%20", "search=zzzz", "search=%00", "search=vostok&limit=2",
    # Filters.
    "in_space=true", "in_space=false", "in_space=maybe", "is_placeholder=1", "status=2",
    "status=abc", "status=", "spacecraft_config=38", "spacecraft_config=39", "name=Soyuz%2038",
    "name=%20Soyuz%2038%20", "status=abc&spacecraft_config=xyz", "name=%00",
    # Modes.
    "mode=detailed&limit=2", "mode=normal&limit=2", "mode=bogus&limit=2", "mode=DETAILED&limit=2",
    # Combinations.
    "search=soyuz&ordering=-id&limit=5&offset=10",
    "status=4&ordering=-flights_count&limit=3&offset=3&format=json",
    "in_space=false&search=soyuz&ordering=time_in_space&limit=4&offset=2&mode=detailed",
    "format=json&mode=detailed&limit=100&offset=0&ordering=id",
    "search=soyuz&status=abc", "search=zzzz&offset=5",
]


def record(client, method, path, query=""):
    url = path + ("?" + query if query else "")
    response = getattr(client, method.lower())(url)
    body = json.loads(response.content) if response.content else None
    return {
        "method": method,
        "path": path,
        "query": query,
        "status": response.status_code,
        "headers": {h: response.headers[h] for h in HEADERS if h in response.headers},
        "body": body,
    }


def main():
    client = mirror.start()
    records = mirror.upstream_records()
    cases = [record(client, "GET", LIST, q) for q in QUERIES]
    ids = [r["id"] for r in records]
    for i in ids[:5] + [ids[-1]]:
        for q in ["", "format=json", "mode=normal&format=json"]:
            cases.append(record(client, "GET", f"{LIST}{i}/", q))
    for missing in ["99999", "0", "-1", "abc", "00" + str(ids[0])]:
        cases.append(record(client, "GET", f"{LIST}{missing}/"))
    for method in ["POST", "PUT", "PATCH", "DELETE"]:
        cases.append(record(client, method, LIST))
        cases.append(record(client, method, f"{LIST}{ids[0]}/"))
    cases.append(record(client, "HEAD", LIST, "limit=2"))
    cases.append(record(client, "OPTIONS", LIST))
    cases.append(record(client, "OPTIONS", f"{LIST}{ids[0]}/"))
    cases.append(record(client, "POST", LIST, "format=xml"))
    # The filters and search narrow a single record's lookup too.
    cases.append(record(client, "GET", f"{LIST}{ids[0]}/", "search=zzzz"))
    cases.append(record(client, "GET", f"{LIST}{ids[0]}/", "status=abc"))
    cases.append(record(client, "GET", f"{LIST}abc/", "status=abc"))
    cases.append(record(client, "GET", f"{LIST}%20{ids[0]}/"))
    out = {
        "generated_by": "tests/drf/make_serve_cases.py",
        "versions": mirror.versions(),
        "origin": "http://testserver",
        "upstream": mirror.UPSTREAM,
        "records": records,
        "details": [mirror.upstream_detail(r) for r in records],
    }
    statuses = mirror.write_cases(OUT, out, cases)
    print(f"{len(cases)} cases, {statuses}", file=sys.stderr)


main()
