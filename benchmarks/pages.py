"""Time each browsing page against a trivial view, in one run, and print the ratios.

    DATABASE_URL=postgres://.../vitae_bench python benchmarks/pages.py [--repeat 30] [--no-http]

The trivial view is ``/healthz``: a real view behind the whole middleware stack that
runs one ``SELECT 1`` and returns a few bytes, so what it costs is the fixed cost
every page pays (middleware, URL resolution, a database round trip, the response).

Two measurements, both printed, each as the best of ``--repeat`` requests (on a shared
machine the median also measures the neighbours):

- **in-process**: Django's test client calls the application directly. No socket, no
  HTTP parsing, so the ratios isolate the pages' own work (queries and rendering);
  the stricter figure, for finding where time goes. Also the best CPU time of the
  Python process and its ratio: it leaves out the database server's work but is what
  a busy machine's neighbours disturb least, so it compares two runs best.
- **HTTP**: the same URLs fetched over 127.0.0.1 from gunicorn (one sync worker, the
  production settings: ``DEBUG`` off, manifest static files, a pooled PostgreSQL
  connection), one request at a time, each timed from connecting to the last byte of
  the body. Baseline and pages pay the same fixed costs a user pays (TCP, HTTP,
  WSGI), and the pages also pay for sending their HTML. This is the user-perceived
  time, and the issue's target is judged on it: the 200-paper profile, the directory
  and a search within 20 times the trivial view (``--check``: exit status 1 if not).

Also prints each page's query count, which must not depend on the size of the data.

Without ``DATABASE_URL``, ``--people N`` first generates N people (benchmarks/generate.py)
into a new SQLite file in a temporary directory and measures there: what ``make bench``
does, a quick look at a small site, not the issue's measurement.
"""

from __future__ import annotations

import argparse
import atexit
import http.client
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--no-http", action="store_true", help="in-process figures only")
    parser.add_argument(
        "--people", type=int, help="without DATABASE_URL: generate this many into SQLite"
    )
    parser.add_argument(
        "--check", action="store_true", help="exit with 1 when a targeted page misses"
    )
    return parser.parse_args()


def small_sqlite_database(people: int) -> None:
    """Point DATABASE_URL (here and in child processes) at a new SQLite file in a
    temporary directory, migrated and filled with ``people`` generated people."""
    directory = tempfile.mkdtemp(prefix="vitae-bench-")
    atexit.register(shutil.rmtree, directory, ignore_errors=True)
    os.environ["DATABASE_URL"] = f"sqlite:///{directory}/bench.sqlite3"
    generate = ["benchmarks/generate.py", f"--people={people}"]
    for command in (["manage.py", "migrate", "-v0"], generate):
        subprocess.run([sys.executable, *command], cwd=ROOT, check=True)


ARGS = parse_args()
if ARGS.people and not os.environ.get("DATABASE_URL"):
    small_sqlite_database(ARGS.people)

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from affiliations.models import Organization  # noqa: E402
from profiles.models import Person  # noqa: E402
from publications.models import Publication, Venue  # noqa: E402

TARGET = 20.0
BASELINE = "trivial (/healthz)"
TARGETED = {"profile (200 papers)", "directory", "directory search", "search"}


def pages() -> dict[str, str]:
    person = Person.objects.get(slug="bench-200")
    publication = Publication.objects.by_person(person).first()
    venue = Venue.objects.order_by("pk").first()
    organization = Organization.objects.filter(parent__isnull=True).order_by("pk").first()
    return {
        "trivial (/healthz)": "/healthz",
        "home": "/",
        "directory": "/people/",
        "directory search": f"/people/?q={person.given_name}+{person.family_name}",
        "directory filtered": f"/people/?organization={organization.slug}&role=education",
        "profile (200 papers)": person.get_absolute_url(),
        "publication": publication.get_absolute_url(),
        "venue": venue.get_absolute_url(),
        "organization": organization.get_absolute_url(),
        "search": f"/search/?q={person.given_name}+{person.family_name}",
        "search, misspelled": f"/search/?q={person.given_name}+{person.family_name[:-1]}x",
        "search, common word": "/search/?q=distributed+systems",
        "BibTeX (200 papers)": f"/people/{person.slug}/publications.bib",
        "API people": "/api/v1/people/",
        "API publications of a person": f"/api/v1/publications/?person={person.slug}",
    }


def time_page(client: Client, url: str, repeat: int) -> tuple[float, float, int, float]:
    """Best and median time in ms, the query count, and the best CPU time of this
    process in ms (what the neighbours on a busy machine disturb least), of ``repeat``
    requests."""
    for _ in range(3):  # warm caches: templates, connections, the database's buffers
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
    queries = []
    with connection.execute_wrapper(
        lambda execute, sql, *args: queries.append(sql) or execute(sql, *args)
    ):
        client.get(url)
    times, cpu = [], []
    for _ in range(repeat):
        started, started_cpu = time.perf_counter(), time.process_time()
        client.get(url)
        times.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    return min(times) * 1000, statistics.median(times) * 1000, len(queries), min(cpu) * 1000


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """gunicorn with one sync worker and production settings, on a free local port."""

    def __init__(self) -> None:
        self.port = free_port()
        self.env = {
            **os.environ,
            "DEBUG": "0",
            "SECRET_KEY": "benchmark-only-not-a-secret",
            "ALLOWED_HOSTS": "127.0.0.1",
            "LOG_LEVEL": "WARNING",
        }
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> Server:
        # Manifest static files, as in production (STATIC_ROOT is git-ignored).
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
            cwd=ROOT,
            env=self.env,
            check=True,
        )
        gunicorn = Path(sys.executable).with_name("gunicorn")
        self.process = subprocess.Popen(
            [
                gunicorn,
                "config.wsgi:application",
                "--workers=1",
                "--worker-class=sync",
                f"--bind=127.0.0.1:{self.port}",
                "--log-level=warning",
            ],
            cwd=ROOT,
            env=self.env,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                self.get("/healthz")
                return self
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("gunicorn did not start")

    def __exit__(self, *exc) -> None:
        assert self.process
        self.process.terminate()
        self.process.wait(timeout=10)

    def get(self, url: str) -> int:
        """One request on a new connection (sync workers close it after each)."""
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            # Production sits behind a TLS proxy that says so; without it, a redirect.
            conn.request("GET", url, headers={"X-Forwarded-Proto": "https"})
            response = conn.getresponse()
            response.read()
            return response.status
        finally:
            conn.close()

    def time_page(self, url: str, repeat: int) -> tuple[float, float]:
        for _ in range(3):
            status = self.get(url)
            assert status == 200, (url, status)
        times = []
        for _ in range(repeat):
            started = time.perf_counter()
            self.get(url)
            times.append(time.perf_counter() - started)
        return min(times) * 1000, statistics.median(times) * 1000


def report(title: str, results: dict[str, tuple], in_process: bool) -> list[str]:
    """Print one table; return the targeted pages over the target."""
    baseline = results[BASELINE][0]
    print(f"\n{title} (ratios of best times to {BASELINE}: {baseline:.2f} ms)")
    extra = f" {'queries':>7} {'cpu ms':>7} {'cpu ratio':>9}" if in_process else ""
    print(f"{'page':32} {'best ms':>9} {'median ms':>10} {'ratio':>7}{extra}")
    over = []
    for name, (ms, median, *more) in results.items():
        ratio = ms / baseline
        flag = ""
        if name in TARGETED and ratio > TARGET:
            flag = f"  > {TARGET:g}x"
            over.append(name)
        if in_process:
            queries, cpu = more
            extra = f" {queries:7d} {cpu:7.2f} {cpu / results[BASELINE][3]:9.1f}"
        print(f"{name:32} {ms:9.2f} {median:10.2f} {ratio:7.1f}{extra}{flag}")
    return over


def main() -> None:
    args = ARGS
    settings.DEBUG = False  # no debug bookkeeping in templates and queries
    warnings.filterwarnings("ignore", "No directory at")  # whitenoise, without collectstatic
    client = Client(HTTP_HOST="localhost")
    people, publications = Person.objects.count(), Publication.objects.count()
    print(f"{connection.vendor}: {people} people, {publications} publications")
    urls = pages()
    in_process = {name: time_page(client, url, args.repeat) for name, url in urls.items()}
    over = report("In-process (test client)", in_process, in_process=True)
    if not args.no_http:
        connection.close()
        with Server() as server:
            over_http = report(
                "HTTP (gunicorn, one sync worker)",
                {name: server.time_page(url, args.repeat) for name, url in urls.items()},
                in_process=False,
            )
        print(f"\nTarget ({TARGET:g}x, judged over HTTP): ", end="")
        over = over_http
    else:
        print(f"\nTarget ({TARGET:g}x, in-process only): ", end="")
    print("met" if not over else "missed by " + ", ".join(over))
    sys.exit(1 if over and args.check else 0)


if __name__ == "__main__":
    main()
