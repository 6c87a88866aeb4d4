"""Time the CV import: the five seeds, then 1,000 generated CVs into a growing graph.

    .venv/bin/python benchmarks/import.py [--cvs 1000]

Runs on a throw-away test database (SQLite in memory, or a ``test_`` copy of the
PostgreSQL database named by DATABASE_URL). The per-CV time of the generated CVs is
printed per tenth of the run: it must stay flat as the graph grows, so the last tenth
divided by the first is printed as the ratio to watch (about 1).
"""

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402

from benchmarks.corpus import generate  # noqa: E402
from profiles.importing import import_cv_file, import_cv_json  # noqa: E402
from profiles.models import CVDocument  # noqa: E402
from publications.models import Authorship, Publication  # noqa: E402

SEEDS = ROOT.parent / "shared" / "seeds"


def seeds() -> None:
    files = sorted(SEEDS.glob("*.txt"))
    started = time.perf_counter()
    for path in files:
        import_cv_file(path.read_bytes(), path.name)
    total = time.perf_counter() - started
    print(f"five seeds (parse + import): {total * 1000:.0f} ms in total")
    started = time.perf_counter()
    for path in files:
        import_cv_file(path.read_bytes(), path.name)
    print(f"five seeds again (unchanged): {(time.perf_counter() - started) * 1000:.0f} ms")


def generated(count: int) -> None:
    corpus = generate(groups=count // 4 + 1, seed=3)
    cvs = corpus.cvs[:count]
    tenth = max(len(cvs) // 10, 1)
    times = []
    print(f"{len(cvs)} generated CVs, per-CV import time by tenth of the run:")
    for i, cv in enumerate(cvs, start=1):
        document = CVDocument.objects.create(
            original_filename=f"generated-{i}.json", sha256=f"{i:064x}", cv_json=cv
        )
        started = time.perf_counter()
        import_cv_json(cv, document=document)
        times.append(time.perf_counter() - started)
        if i % tenth == 0:
            chunk = times[-tenth:]
            print(
                f"  CVs {i - tenth + 1:>5}-{i:<5} {sum(chunk) / len(chunk) * 1000:6.1f} ms/CV"
                f"   graph: {Publication.objects.count():>6} papers,"
                f" {Authorship.objects.count():>7} authorships"
            )
    first, last = times[:tenth], times[-tenth:]
    ratio = (sum(last) / len(last)) / (sum(first) / len(first))
    print(f"mean {sum(times) / len(times) * 1000:.1f} ms/CV; last tenth / first tenth: {ratio:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cvs", type=int, default=1000)
    args = parser.parse_args()
    settings.STORAGES["cv_uploads"]["OPTIONS"]["location"] = ROOT / "var" / "bench-uploads"
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        print(f"database: {connection.vendor}")
        seeds()
        generated(args.cvs)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
