"""A real Django REST Framework + django-filter server for LL2's spacecraft
endpoint, holding the catalog pages hangar bundles (assets/snapshot/, copies
of the real pages in shared/seeds/). Scripts here ask it what the real stack
answers; later a mirror of LL2 can be checked against it the same way.

The database is SQLite (in memory). LL2 runs on PostgreSQL; the difference
matters for the case rules of `search`, not for how filter values are read
(those are django-filter's form fields, in Python, before any SQL).

    pip install -r tests/drf/requirements.txt
    python3 tests/drf/mirror.py serve 127.0.0.1:8000   # then GET /2.3.0/spacecraft/

From Python: `import mirror; client = mirror.start()` gives Django's test
`Client`, whose `get("/2.3.0/spacecraft/?in_space=true")` goes through the
whole stack (URL routing, the view, the filter backend, the renderer).
"""
import datetime
import glob
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
SEEDS = sorted(glob.glob(os.path.join(REPO, "assets", "snapshot", "spacecraft-2.3.0-*.json")))


def configure():
    import django
    from django.conf import settings

    if settings.configured:
        return
    sys.path.insert(0, HERE)
    settings.configure(
        DEBUG=False,
        ALLOWED_HOSTS=["127.0.0.1", "localhost", "testserver"],
        ROOT_URLCONF="ll2mirror.urls",
        INSTALLED_APPS=["rest_framework", "django_filters", "ll2mirror"],
        DATABASES={
            "default": {
                "ENGINE": "django.db.backends.sqlite3",
                # Shared between threads, so that runserver sees the loaded rows.
                "NAME": "file:ll2mirror?mode=memory&cache=shared",
                "OPTIONS": {"uri": True},
            }
        },
        DEFAULT_AUTO_FIELD="django.db.models.AutoField",
        USE_TZ=True,
        MIDDLEWARE=[],
        REST_FRAMEWORK={
            "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
            "DEFAULT_AUTHENTICATION_CLASSES": [],
            "DEFAULT_PERMISSION_CLASSES": [],
            "UNAUTHENTICATED_USER": None,
        },
    )
    django.setup()


def seed_records():
    """Every spacecraft of the bundled pages, merged by id."""
    records = {}
    for path in SEEDS:
        with open(path, encoding="utf-8") as f:
            for r in json.load(f)["results"]:
                records[r["id"]] = r
    return [records[i] for i in sorted(records)]


UPSTREAM = "https://ll.thespacedevs.com/2.3.0"
SEED_BASES = ["https://ll.thespacedevs.com/2.3.0", "https://lldev.thespacedevs.com/2.3.0"]


def _as_upstream(value):
    """URLs as hangar's catalog pages get them: from one upstream
    (`UPSTREAM`; the pages came from prod and dev), asked with
    `format=json` (the pages were saved with `format=api`)."""
    if isinstance(value, dict):
        return {k: _as_upstream(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_upstream(v) for v in value]
    if isinstance(value, str):
        for base in SEED_BASES:
            if value.startswith(base + "/"):
                return UPSTREAM + value[len(base):].replace("?format=api", "?format=json")
    return value


def upstream_records():
    """The seed records as one upstream, asked as hangar asks, would send them."""
    return [_as_upstream(r) for r in seed_records()]


def upstream_detail(record):
    """What the upstream's `/spacecraft/{id}/` would send for `record`, were
    none of its flights listed (the seeds hold none)."""
    return dict(record, response_mode="detailed", flights=[])


def _duration(text):
    from django.utils.dateparse import parse_duration

    return parse_duration(text) if text else None


def load():
    """Creates the tables and loads the seed records, ids as the API gave them."""
    from django.core.management import call_command
    from ll2mirror.models import Spacecraft, SpacecraftConfiguration, SpacecraftStatus

    call_command("migrate", run_syncdb=True, verbosity=0)
    for r in upstream_records():
        status, _ = SpacecraftStatus.objects.get_or_create(
            id=r["status"]["id"], defaults={"name": r["status"]["name"]}
        )
        config, _ = SpacecraftConfiguration.objects.get_or_create(
            id=r["spacecraft_config"]["id"], defaults={"name": r["spacecraft_config"]["name"]}
        )
        Spacecraft.objects.create(
            id=r["id"],
            name=r["name"],
            in_space=r["in_space"],
            is_placeholder=r["is_placeholder"],
            status=status,
            spacecraft_config=config,
            flights_count=r.get("flights_count"),
            mission_ends_count=r.get("mission_ends_count"),
            time_in_space=_duration(r.get("time_in_space")),
            time_docked=_duration(r.get("time_docked")),
            raw=json.dumps(r),
            raw_detail=json.dumps(upstream_detail(r)),
        )


_KEEP = []


def start():
    """The mirror, loaded, and a test client for it."""
    configure()
    from django.db import connection
    from django.test import Client

    # The in-memory database lives while one connection to it is open.
    connection.ensure_connection()
    _KEEP.append(connection)
    load()
    return Client()


def versions():
    import django
    import django_filters
    import rest_framework

    return {
        "python": sys.version.split()[0],
        "django": django.get_version(),
        "djangorestframework": rest_framework.VERSION,
        "django-filter": django_filters.__version__,
        "database": "sqlite3 (in memory)",
    }


def write_cases(path, head, cases):
    """Writes `head` (a dict) with `cases` under "cases", one case a line so
    that a change of answer is a one-line diff; returns the count of each status."""
    text = json.dumps(head, indent=1, ensure_ascii=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text[:-2] + ',\n "cases": [\n')
        f.write(",\n".join(json.dumps(c, ensure_ascii=True) for c in cases))
        f.write("\n ]\n}\n")
    statuses = {}
    for c in cases:
        statuses[c["status"]] = statuses.get(c["status"], 0) + 1
    return statuses


def serve(addr):
    start()
    from django.core.servers.basehttp import WSGIServer, run
    from django.core.wsgi import get_wsgi_application

    host, _, port = addr.rpartition(":")
    print(f"LL2 mirror on http://{host}:{port}/2.3.0/spacecraft/ ({versions()})", flush=True)
    run(host, int(port), get_wsgi_application(), threading=True, server_cls=WSGIServer)


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "serve":
        serve(sys.argv[2])
    else:
        sys.exit(__doc__)
