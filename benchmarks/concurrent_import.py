"""Concurrent CV imports on PostgreSQL: N ``import_cv`` processes at once against one.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/vitae \
        .venv/bin/python benchmarks/concurrent_import.py [--cvs 64] [--processes 16]

Writes ``--cvs`` generated CVs (benchmarks/corpus.py: research groups sharing co-authors,
advisors, organizations and venues, so the imports contend for the same rows) as
Markdown files, makes two throw-away databases beside the one DATABASE_URL names, runs
``manage.py import_cv`` in ``--processes`` processes at once over the first, then in one
process over the second in the order the concurrent run committed, and compares the
two graphs by their natural keys (people, their names and slugs, organizations, venues,
publications, authorships, affiliations, mentorships, profile entries). Exits non-zero
on any failed import or any difference.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import dj_database_url
import psycopg

ROOT = Path(__file__).resolve().parent.parent


def markdown(cv: dict) -> str:
    """A generated CV as a Markdown file, the way people write theirs."""
    person = cv["person"]
    lines = [f"# {person['name']}", "", " · ".join(person["emails"]), ""]
    if cv["education"]:
        lines += ["## Education", ""]
        for entry in cv["education"]:
            lines += [
                f"- **{entry['degree']} in {entry['field']}**, {entry['institution']},"
                " 2019 – present",
                f"  - Advisor: {', '.join(entry['advisors'])}",
            ]
        lines.append("")
    lines += ["## Publications", ""]
    for paper in cv["publications"]:
        authors = ", ".join(
            f"**{a['name']}**" if a["is_self"] else a["name"] for a in paper["authors"]
        )
        lines.append(f"* {authors}. {paper['title']}. In *{paper['venue']}*, {paper['year']}.")
    lines += ["", "## Awards", ""]
    lines += [f"- {award['title']}, {award['year']}" for award in cv["awards"]]
    lines += ["", "## Skills", ""]
    lines += [f"- {skill['category']}: {', '.join(skill['items'])}" for skill in cv["skills"]]
    return "\n".join(lines) + "\n"


def setup_django() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()


def graph() -> dict:
    """The graph in the database, by natural keys, sorted (Django set up)."""
    from affiliations.models import Affiliation, Mentorship, Organization
    from awards.models import Award
    from profiles.models import CVDocument, Person, PersonName, Skill
    from publications.models import Authorship, Publication, Venue

    people = {
        p.pk: [p.name, p.slug, sorted(p.emails), p.is_stub] for p in Person.objects.order_by()
    }
    orgs = {o.pk: o.key for o in Organization.objects.order_by()}
    papers = {p.pk: p.normalized_title for p in Publication.objects.order_by()}
    venues = {v.pk: v.key for v in Venue.objects.order_by()}
    documents = CVDocument.objects.order_by("imported_at", "pk")
    graph = {
        "people": list(people.values()),
        "names": [[people[n.person_id], n.name, n.key] for n in PersonName.objects.order_by()],
        "organizations": [
            [o.key, o.name, o.slug, orgs.get(o.parent_id), sorted(o.aliases)]
            for o in Organization.objects.order_by()
        ],
        "venues": [[v.key, v.name, v.short_name, v.slug, v.kind] for v in Venue.objects.order_by()],
        "publications": [
            [p.normalized_title, p.title, p.slug, p.year, venues.get(p.venue_id), p.status]
            for p in Publication.objects.order_by()
        ],
        "authorships": [
            [papers[a.publication_id], a.position, a.name, people.get(a.person_id)]
            for a in Authorship.objects.order_by()
        ],
        "affiliations": [
            [people[a.person_id], orgs.get(a.organization_id), a.kind, a.title, a.start]
            for a in Affiliation.objects.order_by()
        ],
        "mentorships": [
            [people[m.advisor_id], people[m.advisee_id], m.role]
            for m in Mentorship.objects.order_by()
        ],
        "awards": [[people[a.person_id], a.title, a.year] for a in Award.objects.order_by()],
        "skills": [[people[s.person_id], s.category, s.name] for s in Skill.objects.order_by()],
    }
    graph = {kind: sorted(rows, key=json.dumps) for kind, rows in graph.items()}
    graph["documents"] = [[d.original_filename, d.status] for d in documents]
    return graph


def run(*args: str, database: str, check: bool = True) -> subprocess.CompletedProcess:
    env = {**os.environ, "DATABASE_URL": database, "PYTHONUNBUFFERED": "1"}
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, check=check
    )


def import_processes(database: str, chunks: list[list[Path]], uploads: Path) -> list[str]:
    """``manage.py import_cv`` over each chunk, all at once; the lines of the failures."""
    env = {**os.environ, "DATABASE_URL": database, "UPLOAD_ROOT": str(uploads)}
    processes = [
        subprocess.Popen(
            [sys.executable, "manage.py", "import_cv", *map(str, chunk)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        for chunk in chunks
    ]
    failures = []
    for process in processes:
        _, stderr = process.communicate()
        failures += [line for line in stderr.splitlines() if "cannot import" in line]
        if process.returncode and not failures:
            failures.append(stderr.strip().splitlines()[-1])
    return failures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cvs", type=int, default=64)
    parser.add_argument("--processes", type=int, default=16)
    parser.add_argument("--dump", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.dump:
        setup_django()
        print(json.dumps(graph()))
        return 0
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        print("Set DATABASE_URL to a PostgreSQL database: this run is about PostgreSQL.")
        return 2
    setup_django()  # the corpus uses the app's name keys; nothing is read from this database
    from benchmarks.corpus import generate

    config = dj_database_url.parse(url)
    admin = psycopg.connect(
        dbname=config["NAME"],
        user=config["USER"],
        password=config["PASSWORD"],
        host=config["HOST"],
        port=config["PORT"] or 5432,
        autocommit=True,
    )
    name = f"{config['NAME']}_concurrent"
    databases = {which: f"{name}_{which}" for which in ("together", "in_turn")}
    urls = {which: url.rsplit("/", 1)[0] + "/" + db for which, db in databases.items()}
    try:
        for db in databases.values():
            admin.execute(f'DROP DATABASE IF EXISTS "{db}"')
        admin.execute(f'CREATE DATABASE "{databases["together"]}"')
        run("manage.py", "migrate", "--noinput", database=urls["together"])
        admin.execute(
            f'CREATE DATABASE "{databases["in_turn"]}" TEMPLATE "{databases["together"]}"'
        )
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            cvs = generate(groups=args.cvs // 4 + 1, seed=5).cvs[: args.cvs]
            files = []
            for i, cv in enumerate(cvs, start=1):
                path = folder / f"cv-{i:03}.md"
                path.write_text(markdown(cv))
                files.append(path)
            chunks = [files[i :: args.processes] for i in range(args.processes)]
            started = time.perf_counter()
            failures = import_processes(urls["together"], chunks, folder / "uploads-together")
            took = time.perf_counter() - started
            together = json.loads(run(__file__, "--dump", database=urls["together"]).stdout)
            imported = [f for f, status in together["documents"] if status == "imported"]
            print(
                f"{args.processes} processes, {len(files)} CVs: {len(imported)} imported,"
                f" {len(failures)} failed, {took:.1f} s"
            )
            for line in failures[:20]:
                print("  ", line)
            # The same CVs one after the other, in the order the concurrent run committed.
            order = [folder / filename for filename in imported]
            started = time.perf_counter()
            import_processes(urls["in_turn"], [order], folder / "uploads-in-turn")
            took = time.perf_counter() - started
            print(f"1 process, the same CVs in the same order: {took:.1f} s")
            in_turn = json.loads(run(__file__, "--dump", database=urls["in_turn"]).stdout)
    finally:
        for db in databases.values():
            admin.execute(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')
    differences = [kind for kind in in_turn if together[kind] != in_turn[kind]]
    sizes = ", ".join(f"{len(rows)} {kind}" for kind, rows in together.items())
    print(f"graph: {sizes}")
    print(
        "same graph as one process in the same order"
        if not differences
        else f"differs from one process in the same order: {', '.join(differences)}"
    )
    return 1 if failures or len(imported) != len(files) or differences else 0


if __name__ == "__main__":
    sys.exit(main())
