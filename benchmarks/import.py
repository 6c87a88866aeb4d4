"""Time the CV import: the five seeds, then 1,000 generated CVs into a growing graph.

    .venv/bin/python benchmarks/import.py [--cvs 1000]

Runs on a throw-away test database (SQLite in memory, or a ``test_`` copy of the
PostgreSQL database named by DATABASE_URL). The per-CV time of the generated CVs is
printed per tenth of the run, as wall-clock and as CPU time of this process (which
holds the whole of SQLite's work, and does not count time lost to other processes on a
busy machine): it must stay flat as the graph grows, so the last tenth divided by the
first is printed as the ratio to watch (about 1).
"""

import argparse
import os
import sys
import time
from pathlib import Path
from statistics import mean

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


class Clock:
    """Wall-clock and CPU milliseconds of a block."""

    def __enter__(self) -> "Clock":
        self.wall, self.cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc) -> None:
        self.wall = (time.perf_counter() - self.wall) * 1000
        self.cpu = (time.process_time() - self.cpu) * 1000

    def __str__(self) -> str:
        return f"{self.wall:.0f} ms (CPU {self.cpu:.0f} ms)"


def seeds() -> None:
    files = sorted(SEEDS.glob("*.txt"))
    import_cv_file(b"# Warm Up\n\n## Education\n\n2019 PhD, MIT\n", "warm-up.md")
    with Clock() as clock:
        for path in files:
            import_cv_file(path.read_bytes(), path.name)
    print(f"five seeds, parsed and imported: {clock} in total")
    with Clock() as clock:
        for path in files:
            import_cv_file(path.read_bytes(), path.name)
    print(f"five seeds again (nothing changes): {clock}")


def generated(count: int) -> None:
    corpus = generate(groups=count // 4 + 1, seed=3)
    cvs = corpus.cvs[:count]
    tenth = max(len(cvs) // 10, 1)
    walls, cpus = [], []
    print(f"{len(cvs)} generated CVs, per-CV import time by tenth of the run:")
    for i, cv in enumerate(cvs, start=1):
        document = CVDocument.objects.create(
            original_filename=f"generated-{i}.json", sha256=f"{i:064x}", cv_json=cv
        )
        with Clock() as clock:
            import_cv_json(cv, document=document)
        walls.append(clock.wall)
        cpus.append(clock.cpu)
        if i % tenth == 0:
            print(
                f"  CVs {i - tenth + 1:>5}-{i:<5} {mean(walls[-tenth:]):6.1f} ms/CV"
                f" (CPU {mean(cpus[-tenth:]):5.1f} ms)   graph: {Publication.objects.count():>6}"
                f" papers, {Authorship.objects.count():>7} authorships"
            )
    print(
        f"mean {mean(walls):.1f} ms/CV (CPU {mean(cpus):.1f} ms); last tenth / first tenth:"
        f" {mean(walls[-tenth:]) / mean(walls[:tenth]):.2f}"
        f" (CPU {mean(cpus[-tenth:]) / mean(cpus[:tenth]):.2f})"
    )
    links = Authorship.objects.values_list("publication__normalized_title", "position", "person")
    precision, recall = corpus.pairwise(list(links))
    print(f"author links against the known truth: precision {precision:.3f}, recall {recall:.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cvs", type=int, default=1000)
    args = parser.parse_args()
    settings.STORAGES["cv_uploads"]["OPTIONS"]["location"] = ROOT / "var" / "bench-uploads"
    settings.DEBUG = False  # as in production: no query log
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
