"""Time each browsing page against a trivial view, in one run, and print the ratios.

    DATABASE_URL=postgres://.../vitae_bench python benchmarks/pages.py [--repeat 30]

Requests go through Django's full middleware stack in-process (the test client),
so the ratio of best times compares the pages' own work (queries and rendering) with a view
that does one ``SELECT 1`` (/healthz). The target: the 200-paper profile, the
directory and a search within 20 times the trivial view. Also prints each page's
query count, which must not depend on the size of the data.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from affiliations.models import Organization  # noqa: E402
from profiles.models import Person  # noqa: E402
from publications.models import Publication, Venue  # noqa: E402

TARGET = 20.0
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


def time_page(client: Client, url: str, repeat: int) -> tuple[float, float, int]:
    """Best and median time in ms, and the query count, of ``repeat`` requests."""
    for _ in range(3):  # warm caches: templates, connections, the database's buffers
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
    queries = []
    with connection.execute_wrapper(
        lambda execute, sql, *args: queries.append(sql) or execute(sql, *args)
    ):
        client.get(url)
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        client.get(url)
        times.append(time.perf_counter() - started)
    return min(times) * 1000, statistics.median(times) * 1000, len(queries)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    settings.DEBUG = False  # no debug bookkeeping in templates and queries
    warnings.filterwarnings("ignore", "No directory at")  # whitenoise, without collectstatic
    client = Client(HTTP_HOST="localhost")
    counts = {
        "people": Person.objects.count(),
        "publications": Publication.objects.count(),
    }
    print(f"{connection.vendor}: {counts['people']} people, {counts['publications']} publications")
    results = {name: time_page(client, url, args.repeat) for name, url in pages().items()}
    # Ratios of the best times: on a shared machine the median also measures the neighbours.
    baseline = results["trivial (/healthz)"][0]
    print(f"{'page':32} {'best ms':>9} {'median ms':>10} {'ratio':>7} {'queries':>8}")
    failed = []
    for name, (ms, median, queries) in results.items():
        ratio = ms / baseline
        flag = ""
        if name in TARGETED and ratio > TARGET:
            flag = f"  > {TARGET:g}x"
            failed.append(name)
        print(f"{name:32} {ms:9.2f} {median:10.2f} {ratio:7.1f} {queries:8d}{flag}")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
