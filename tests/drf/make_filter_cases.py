"""Writes filter_cases.json: query strings for LL2's spacecraft filters and
what a real Django REST Framework + django-filter server answers to each
(the HTTP status, and the sorted ids found or the error body).

The server is mirror.py's: LL2's endpoint declared as LL2 declares it
(`filterset_fields` on DjangoFilterBackend, SearchFilter, OrderingFilter,
LimitOffsetPagination), on the bundled catalog pages (assets/snapshot/),
asked through Django's test Client. Its database is SQLite, not LL2's
PostgreSQL: that changes the case rules of `search`, not how a filter's
value is read, which django-filter's form fields do in Python before any SQL.
Ids above a column's range are refused on both (Django's IntegerFieldOverflow
answers "no row" for either backend's range, so the choice is invalid).

Each case is sent with `limit=100&ordering=id` added, so that every row
found is on the one page. tests/drf_filters.rs reads hangar's filters from
the same parameters, over the same records, and checks the same answer.

hangar also takes a status or configuration by name where the value is not
an id (`status=Active`). DRF refuses those (400); such a case carries
`extension`: what DRF answers for the id of that name, which is what hangar
must answer for the name.

The same for 2.2.0's endpoint (three filters, ordering by id alone):
`make_filter_cases.py 2.2.0` writes filter_cases-2.2.0.json. Cases with an
`ordering` of their own are sent without `ordering=id`, and carry `order`:
the ids in the order DRF answered them.

    pip install -r tests/drf/requirements.txt
    python3 tests/drf/make_filter_cases.py         # writes tests/drf/filter_cases.json
    python3 tests/drf/make_filter_cases.py 2.2.0   # writes tests/drf/filter_cases-2.2.0.json
"""
import json
import os
import random
import sys
import unicodedata
from urllib.parse import urlencode

import mirror

VERSION = sys.argv[1] if len(sys.argv) > 1 else "2.3.0"
OUT = os.path.join(
    mirror.HERE, "filter_cases.json" if VERSION == "2.3.0" else f"filter_cases-{VERSION}.json"
)
ENDPOINT = f"/{VERSION}/spacecraft/"
FIXED = [("limit", "100"), ("ordering", "id")]

BOOLEAN_SPELLINGS = [
    "True", "true", "TRUE", "tRuE", "1", "yes", "Yes", "on", "t", "y",
    "False", "false", "FALSE", "fAlSe", "0", "no", "No", "off", "f", "n",
    "maybe", " true", "true ", " 1", "0 ", "", " ", "01", "00", "1.0", "-1",
    "2", "null", "None", "none", "true\x00", "\uff11", "\u0661", "truE\u0301",
    "TRUE\u200b", "\u0130", "\u212a",
]

# `{id}` is a real id of the key's table; `{other}` one that is not there.
ID_SPELLINGS = [
    "{id}", " {id}", "{id} ", " {id} ", "+{id}", "-{id}", "0", "-0", "+0",
    "0{id}", "000{id}", "{other}", "abc", "1.0", "{id}.0", "{id}.", "{id}e0",
    "0x{id}", "0o{id}", "0b1", "+ {id}", "++{id}", "+-{id}", "{id} {id}",
    "{id}_0", "_{id}", "{id}_", "1__0", "", " ", "\t", "null", "None",
    "99999999999999999999", "9223372036854775807", "9223372036854775808",
    "-9223372036854775809", "2147483647", "2147483648", "1" * 5000,
    "\t{id}\n", "\u00a0{id}\u3000", "\x1c{id}\x1f", "\x85{id}", "\u200b{id}",
    "{id}\x00", "\x00", "{id}\u0301",
]

UNICODE_DIGITS = ["\u0660", "\u06f0", "\u0966", "\uff10", "\U0001d7ce", "\U0001fbf0"]


def ascii_lower(s):
    return "".join(chr(ord(c) + 32) if "A" <= c <= "Z" else c for c in s)


def python_int(text):
    try:
        return int(text)
    except ValueError:
        return None


class Oracle:
    def __init__(self):
        self.client = mirror.start()
        from ll2mirror.models import SpacecraftConfiguration, SpacecraftStatus

        self.tables = {"status": SpacecraftStatus, "spacecraft_config": SpacecraftConfiguration}

    def ask(self, params):
        query = urlencode(params)
        ordered = any(k == "ordering" for k, _ in params)
        fixed = [p for p in FIXED if p[0] != "ordering"] if ordered else FIXED
        response = self.client.get(ENDPOINT + "?" + urlencode(params + fixed))
        body = json.loads(response.content)
        case = {"params": [list(p) for p in params], "query": query, "status": response.status_code}
        if response.status_code == 200:
            assert body["next"] is None, query
            case["ids"] = sorted(r["id"] for r in body["results"])
            if ordered:
                case["order"] = [r["id"] for r in body["results"]]
        else:
            case["errors"] = body
        return case

    def extension_id(self, key, value):
        """The id hangar reads a non-id `status`/`spacecraft_config` value as: the
        one row whose name equals the value stripped, ignoring ASCII case."""
        if key not in self.tables or "\x00" in value or python_int(value) is not None:
            return None
        want = ascii_lower(value.strip())
        hits = [r.id for r in self.tables[key].objects.all() if ascii_lower(r.name) == want]
        return hits[0] if hits else None

    def case(self, params, note=None):
        case = self.ask(params)
        if note:
            case["note"] = note
        # The last value of a key is the one read (QueryDict.get).
        last = dict(params)
        if case["status"] == 400:
            ids = {k: self.extension_id(k, last[k]) for k in case["errors"] if k in self.tables}
            ids = {k: i for k, i in ids.items() if i is not None}
            if ids:
                by_id = [(k, str(ids[k]) if k in ids else v) for k, v in params]
                case["extension"] = self.ask(by_id)
        return case


def main():
    rng = random.Random(20261124)
    oracle = Oracle()
    records = mirror.seed_records()
    names = [r["name"] for r in records]
    ids = {
        "status": sorted({r["status"]["id"] for r in records}),
        "spacecraft_config": sorted({r["spacecraft_config"]["id"] for r in records}),
    }
    table_names = {
        "status": sorted({r["status"]["name"] for r in records}),
        "spacecraft_config": sorted({r["spacecraft_config"]["name"] for r in records}),
    }
    cases = []
    add = lambda params, note=None: cases.append(oracle.case(params, note))

    # name: CharFilter, forms.CharField(strip=True).
    exact = "Soyuz 38"
    for value, note in [
        (exact, "the exact name"),
        (exact + " ", "a trailing space"),
        (" " + exact, "a leading space"),
        (" " + exact + " ", "both"),
        ("   ", "only spaces: no filter"),
        ("", "empty: no filter"),
        ("soyuz 38", "another case"),
        ("SOYUZ 38", "another case"),
        ("Soyuz  38", "two spaces inside"),
        ("\t" + exact + "\n", "tab and newline"),
        ("\u00a0" + exact + "\u3000", "Unicode white space"),
        ("\x1c" + exact + "\x1f", "information separators: white space to Python"),
        ("\x85" + exact, "NEL"),
        (exact + "\u200b", "a zero-width space is not white space"),
        ("\u180e" + exact, "nor is the Mongolian vowel separator"),
        (exact + "\x00", "a NUL"),
        (" \x00 ", "a NUL alone"),
        ("Soyuz", "a prefix"),
    ]:
        add([("name", value)], note)
    for n in names:
        add([("name", n)])

    # in_space, is_placeholder: BooleanFilter with BooleanWidget.
    for key in ["in_space", "is_placeholder"]:
        for value in BOOLEAN_SPELLINGS:
            add([(key, value)])

    # status, spacecraft_config: ModelChoiceFilter.
    for key, other in [("status", "5"), ("spacecraft_config", "39")]:
        real = str(ids[key][1])
        assert int(other) not in ids[key]
        for spelling in ID_SPELLINGS:
            add([(key, spelling.format(id=real, other=other))])
        for digit in UNICODE_DIGITS:
            value = "".join(chr(ord(digit) + int(c)) for c in real)
            add([(key, value)], "Unicode decimal digits")
        for i in ids[key]:
            add([(key, str(i))])
        for name in table_names[key]:
            for value in [name, name.lower(), " " + name.upper() + " "]:
                add([(key, value)], "a name: hangar's extension")
        add([(key, table_names[key][0] + "x")], "no such name")
    add([("spacecraft_config", "3_8")], "underscores between digits: 38")
    add([("spacecraft_config", "Soyuz  MS")], "no such name: two spaces")
    add([("spacecraft_config", "Soyuz MS-19")], "a spacecraft's name, not a configuration's")

    # Repeated keys, and several filters.
    for params in [
        [("in_space", "true"), ("in_space", "false")],
        [("in_space", "false"), ("in_space", "maybe")],
        [("in_space", "maybe"), ("in_space", "false")],
        [("status", "abc"), ("status", "4")],
        [("status", "4"), ("status", "abc")],
        [("status", "4"), ("status", "")],
        [("name", "Soyuz 38"), ("name", "Soyuz 16")],
        [("name", "Soyuz 38"), ("name", "")],
        [("name", "\x00"), ("name", "Soyuz 38")],
        [("in_space", "false"), ("status", "1")],
        [("in_space", "False"), ("is_placeholder", "1"), ("status", " 1 ")],
        [("in_space", "maybe"), ("status", "4"), ("spacecraft_config", "+1")],
        [("status", "abc"), ("spacecraft_config", "xyz")],
        [("name", "\x00"), ("status", "abc"), ("in_space", "maybe")],
        [("status", "Active"), ("spacecraft_config", "Cargo Dragon 2")],
        [("status", "Active"), ("spacecraft_config", "nothing")],
        [("status", "active"), ("status", "retired")],
    ]:
        add(params, "repeated or combined")

    # Orderings: the endpoint's fields, unknown ones (ignored), lists.
    for ordering in [
        "id", "-id", " -id ", "-flights_count", "flights_count,-id", "-time_in_space",
        "mission_ends_count", "-time_docked,id", "name", "-name,-id", "", ",", "-",
        "--id", "ID", "-id,id", "time_in_space,-flights_count",
    ]:
        add([("ordering", ordering)], "an ordering")
    add([("ordering", "-id"), ("status", "1")], "an ordering and a filter")
    add([("ordering", "-flights_count"), ("in_space", "true")], "an ordering and a filter")

    # Random spellings.
    id_alphabet = ["0", "1", "3", "4", "8", " ", "+", "-", "_", ".", "\u00a0", "\u0664", "\uff14", "a", "\t", "\x00"]
    for key in ["status", "spacecraft_config"]:
        for _ in range(300):
            n = rng.randint(0, 5)
            add([(key, "".join(rng.choice(id_alphabet) for _ in range(n)))])
    spaces = [" ", "\t", "\n", "\u00a0", "\u2003", "\x1c", "\x85", "\u200b", "\ufeff", "\x00"]
    for _ in range(200):
        base = rng.choice(["true", "false", "1", "0", "yes"])
        value = "".join(c.upper() if rng.random() < 0.4 else c for c in base)
        if rng.random() < 0.3:
            value = rng.choice(spaces) + value
        if rng.random() < 0.3:
            value += rng.choice(spaces)
        add([(rng.choice(["in_space", "is_placeholder"]), value)])
    for _ in range(200):
        value = rng.choice(names)
        if rng.random() < 0.2:
            i = rng.randrange(len(value))
            value = value[:i] + value[i].swapcase() + value[i + 1 :]
        for _ in range(rng.randint(0, 3)):
            if rng.random() < 0.5:
                value = rng.choice(spaces) + value
            else:
                value += rng.choice(spaces)
        add([("name", value)])

    out = {
        "generated_by": "tests/drf/make_filter_cases.py",
        "versions": mirror.versions(),
        "unicode": unicodedata.unidata_version,
        "endpoint": ENDPOINT,
        "added_to_every_query": urlencode(FIXED),
        "records": len(records),
        # What Python's int() reads as digits: the zero of every run of ten.
        "decimal_zeros": [c for c in range(0x110000) if unicodedata.decimal(chr(c), None) == 0],
        "white_space": [c for c in range(0x110000) if chr(c).isspace()],
        "cases": cases,
    }
    statuses = mirror.write_cases(OUT, {k: v for k, v in out.items() if k != "cases"}, cases)
    print(f"{len(cases)} cases, {statuses}, {sum('extension' in c for c in cases)} by name", file=sys.stderr)


main()
