"""Fill the database with a realistic synthetic academic graph, fast (bulk inserts).

    DATABASE_URL=postgres://.../vitae_bench python benchmarks/generate.py --people 20000

People with CVs work in research groups at organizations (universities with
schools, companies, labs); their papers are written mostly within the group, with
the odd outside co-author, stub co-authors without a CV, and names left unlinked.
Each person gets 10-300 papers (a long tail), and one person, ``bench-200``, gets
exactly 200: the profile the page benchmark times. Venues are real-looking
conferences and journals; one title in a thousand also has a rare word (RARE), for the
search benchmark's rare-word query.

Rows are written as tuples, never as model instances: on PostgreSQL through ``COPY``
(``--people 100000``, about 1.2 million papers, in about 3 minutes), elsewhere through
``executemany``. The id sequences are then moved past the ids written, so that the
app's next insert does not collide with them.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import sys
import time
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.core.management.color import no_style  # noqa: E402
from django.db import connection, models, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from affiliations.models import Affiliation, Mentorship, Organization  # noqa: E402
from profiles.models import Person  # noqa: E402
from publications.models import Authorship, Publication, Venue  # noqa: E402

# fmt: off
GIVEN = [
    "Ada", "Alan", "Barbara", "Chen", "Daniel", "Elena", "Fatima", "Grace", "Hao", "Ivan",
    "Jun", "Kai", "Lei", "Lin", "Maria", "Mei", "Ming", "Nadia", "Omar", "Pavel", "Qing", "Rui",
    "Sara", "Shu", "Tao", "Uma", "Victor", "Wei", "Xin", "Yan", "Yinmin", "Yue", "Zhi", "Ziheng"
]
FAMILY = [
    "Anderson", "Brown", "Chen", "Dubois", "Evans", "Fischer", "Garcia", "Gupta", "Huang",
    "Ivanova", "Jin", "Kim", "Kumar", "Li", "Liu", "Lopez", "Martin", "Nguyen", "Novak", "Park",
    "Patel", "Rossi", "Sato", "Schmidt", "Silva", "Sun", "Tanaka", "Wang", "Wu", "Xu", "Yang",
    "Zhang", "Zhao", "Zhong", "Zhou"
]
WORDS = [
    "adaptive", "scalable", "efficient", "distributed", "serving", "training", "inference",
    "language", "model", "graph", "learning", "systems", "storage", "memory", "network",
    "scheduling", "compiler", "kernel", "cache", "consensus", "replication", "privacy",
    "secure", "verified", "fast", "robust", "sparse", "quantized", "federated", "streaming",
    "datacenter", "GPU", "cluster", "query", "database", "index", "transaction", "serverless",
    "edge", "wireless", "vision", "retrieval", "reasoning", "agents", "benchmark", "analysis",
    "design", "implementation"
]
INTERESTS = [
    "Distributed Systems", "Machine Learning Systems", "Databases", "Computer Networks",
    "Security", "Programming Languages", "Computer Vision", "Natural Language Processing",
    "Operating Systems", "Theory", "Computer Architecture", "Human-Computer Interaction",
    "Robotics", "Storage Systems"
]
# fmt: on
VENUES = [
    ("OSDI", "USENIX Symposium on Operating Systems Design and Implementation", "conference"),
    ("SOSP", "ACM Symposium on Operating Systems Principles", "conference"),
    ("NSDI", "USENIX Symposium on Networked Systems Design and Implementation", "conference"),
    ("SIGCOMM", "ACM SIGCOMM Conference", "conference"),
    ("EuroSys", "European Conference on Computer Systems", "conference"),
    ("ATC", "USENIX Annual Technical Conference", "conference"),
    (
        "ASPLOS",
        "Architectural Support for Programming Languages and Operating Systems",
        "conference",
    ),
    ("VLDB", "Proceedings of the VLDB Endowment", "journal"),
    ("SIGMOD", "ACM SIGMOD International Conference on Management of Data", "conference"),
    ("NeurIPS", "Conference on Neural Information Processing Systems", "conference"),
    ("ICML", "International Conference on Machine Learning", "conference"),
    ("ICLR", "International Conference on Learning Representations", "conference"),
    ("CVPR", "IEEE/CVF Conference on Computer Vision and Pattern Recognition", "conference"),
    ("ACL", "Annual Meeting of the Association for Computational Linguistics", "conference"),
    ("TOCS", "ACM Transactions on Computer Systems", "journal"),
    ("TPDS", "IEEE Transactions on Parallel and Distributed Systems", "journal"),
    ("CACM", "Communications of the ACM", "journal"),
    ("arXiv", "arXiv", "preprint"),
]
# Words that almost no title has: one title in a thousand gets one.
RARE = ["holography", "tribology", "cryptanalysis", "phylogenetics", "seismology"]
GROUP_SIZE = 25
STUBS_PER_GROUP = 10
MODELS = (Organization, Venue, Person, Affiliation, Mentorship, Publication, Authorship)


def paper_quota(rng: random.Random) -> int:
    """10-300 papers, most near the low end (a long tail, as in real CVs)."""
    return min(300, 10 + int(rng.paretovariate(1.3) * 8))


def next_id(model) -> int:
    last = model.objects.order_by("-pk").values_list("pk", flat=True).first()
    return (last or 0) + 1


# COPY's text format: a backslash, tab, newline or carriage return in a value is escaped.
COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def copy_value(value) -> str:
    if value is None:
        return "\\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, datetime):
        return value.isoformat()
    return str(value).translate(COPY_ESCAPES)


def copy_line(row: tuple) -> str:
    """One row in COPY's text format: psycopg's ``write_row`` took 40 us a row, most of
    the generator's time."""
    return "\t".join(map(copy_value, row)) + "\n"


class Table:
    """Rows of one model's table, given as tuples of ``columns`` (attnames) and
    written in bulk; every other column gets its default (timestamps: now)."""

    def __init__(self, model: type[models.Model], *columns: str, batch: int = 20_000) -> None:
        meta = model._meta
        given = [meta.get_field(column) for column in columns]
        rest = [
            field for field in meta.concrete_fields if field not in given and field is not meta.pk
        ]
        now = timezone.now()

        def default(field: models.Field):
            stamped = getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)
            value = now if stamped else field.get_default()
            if isinstance(field, models.JSONField):
                return json.dumps(value)
            return field.get_db_prep_save(value, connection)

        self.defaults = tuple(default(field) for field in rest)
        self.json = [n for n, field in enumerate(given) if isinstance(field, models.JSONField)]
        names = ", ".join(connection.ops.quote_name(f.column) for f in [*given, *rest])
        table = connection.ops.quote_name(meta.db_table)
        if connection.vendor == "postgresql":
            self.sql = f"COPY {table} ({names}) FROM STDIN"
        else:
            marks = ", ".join(["%s"] * (len(given) + len(rest)))
            self.sql = f"INSERT INTO {table} ({names}) VALUES ({marks})"
        self.rows: list[tuple] = []
        self.batch = batch
        self.count = 0

    def add(self, *values) -> None:
        if self.json:
            values = tuple(
                json.dumps(value) if n in self.json else value for n, value in enumerate(values)
            )
        self.rows.append(values + self.defaults)
        self.count += 1
        if len(self.rows) >= self.batch:
            self.flush()

    def flush(self) -> None:
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                with cursor.cursor.copy(self.sql) as copy:
                    copy.write("".join(map(copy_line, self.rows)))
            else:
                cursor.executemany(self.sql, self.rows)
        self.rows.clear()


def generate(people: int, seed: int) -> dict[str, int]:
    rng = random.Random(seed)
    run = f"{seed}-{next_id(Person)}"  # keeps slugs unique across runs

    # Organizations: one per 40 people, universities with two schools each.
    organizations = Table(
        Organization, "id", "name", "slug", "key", "kind", "aliases", "country", "parent_id"
    )
    org_id = next_id(Organization)
    places = []
    for n in range(max(1, people // 40)):
        kind = rng.choice(["university"] * 3 + ["company", "lab"])
        name = f"{rng.choice(FAMILY)} {'University' if kind == 'university' else 'Research'} {n}"
        aliases = [name.split()[0][:4].upper()]
        organizations.add(
            org_id, name, f"org-{run}-{n}", f"{run} {name}", kind, aliases, "Testland", None
        )
        parent = org_id
        places.append(org_id)
        org_id += 1
        if kind == "university":
            for school in ("Computer Science", "Engineering"):
                organizations.add(
                    org_id,
                    f"School of {school}, {name}",
                    f"org-{run}-{n}-{org_id}",
                    f"{run} {name} {school}",
                    "university",
                    [],
                    "",
                    parent,
                )
                places.append(org_id)
                org_id += 1
    organizations.flush()

    venue_table = Table(Venue, "id", "name", "short_name", "slug", "key", "kind")
    venue_id = next_id(Venue)
    venues = []  # (id, kind)
    for n, (short, name, kind) in enumerate(VENUES):
        venue_table.add(venue_id + n, name, short, f"{short.lower()}-{run}", f"{run} {name}", kind)
        venues.append((venue_id + n, kind))
    venue_table.flush()

    # People with CVs (the first is the 200-paper benchmark profile), in groups.
    persons = Table(
        Person,
        "id",
        "name",
        "given_name",
        "family_name",
        "slug",
        "is_stub",
        "headline",
        "research_interests",
        "emails",
    )
    person_id = next_id(Person)
    names, quotas, groups = {}, {}, []
    bench_taken = Person.objects.filter(slug="bench-200").exists()
    for n in range(people):
        given, family = rng.choice(GIVEN), rng.choice(FAMILY)
        slug = "bench-200" if n == 0 and not bench_taken else f"{given}-{family}-{run}-{n}".lower()
        names[person_id] = f"{given} {family}"
        persons.add(
            person_id,
            names[person_id],
            given,
            family,
            slug,
            False,
            f"Researcher in {rng.choice(INTERESTS)}",
            rng.sample(INTERESTS, 2),
            [f"{slug}@example.org"],
        )
        quotas[person_id] = 200 if slug == "bench-200" else paper_quota(rng)
        if n % GROUP_SIZE == 0:
            groups.append({"place": rng.choice(places), "members": [], "stubs": []})
        groups[-1]["members"].append(person_id)
        person_id += 1
    for group in groups:
        for _ in range(STUBS_PER_GROUP):
            given, family = rng.choice(GIVEN), rng.choice(FAMILY)
            names[person_id] = f"{given} {family}"
            slug = f"{given}-{family}-{run}-s{person_id}".lower()
            persons.add(person_id, names[person_id], given, family, slug, True, "", [], [])
            group["stubs"].append(person_id)
            person_id += 1
    persons.flush()

    # Affiliations: the group leader is faculty, the others students; each has a past degree.
    affiliations = Table(
        Affiliation,
        "id",
        "person_id",
        "organization_id",
        "kind",
        "title",
        "field",
        "start",
        "end",
        "order",
    )
    mentorships = Table(Mentorship, "advisor_id", "advisee_id", "affiliation_id")
    affiliation_id = next_id(Affiliation)
    for group in groups:
        leader, *students = group["members"]
        place = group["place"]
        start = str(rng.randint(2000, 2015))
        affiliations.add(
            affiliation_id, leader, place, "employment", "Professor", "", start, "present", 0
        )
        affiliation_id += 1
        for student in students:
            start = rng.randint(2012, 2023)
            end = "present" if start >= 2019 else str(start + 5)
            affiliations.add(
                affiliation_id,
                student,
                place,
                "education",
                "Ph.D.",
                "Computer Science",
                str(start),
                end,
                0,
            )
            mentorships.add(leader, student, affiliation_id)
            affiliations.add(
                affiliation_id + 1,
                student,
                rng.choice(places),
                "education",
                "B.S.",
                "",
                str(start - 4),
                str(start),
                1,
            )
            affiliation_id += 2
    affiliations.flush()
    mentorships.flush()

    # Papers: written by a group (members weighted by what they still need), sometimes
    # with an outsider, a stub or an unlinked name.
    publications = Table(
        Publication,
        "id",
        "title",
        "normalized_title",
        "slug",
        "year",
        "venue_id",
        "status",
        "doi",
        "links",
    )
    authorships = Table(
        Authorship,
        "publication_id",
        "position",
        "name",
        "person_id",
        "is_equal_contribution",
        batch=50_000,
    )
    publication_id = next_id(Publication)
    remaining = dict(quotas)
    for group in groups:
        members = group["members"]
        while any(remaining[m] > 0 for m in members):
            needy = [m for m in members if remaining[m] > 0]
            lead = rng.choice(needy)
            others = [m for m in members if m != lead and remaining[m] > 0]
            authors: list[int | str] = [
                lead,
                *rng.sample(others, min(len(others), rng.randint(1, 4))),
            ]
            if rng.random() < 0.3:
                authors.append(rng.choice(group["stubs"]))
            outsider = rng.choice(groups)["members"][0]
            if rng.random() < 0.2 and remaining[outsider] > 0:
                authors.append(outsider)
            if rng.random() < 0.3:
                authors.append(f"{rng.choice(GIVEN)[0]}. {rng.choice(FAMILY)}")
            authors = list(dict.fromkeys(authors))
            title_words = rng.sample(WORDS, rng.randint(4, 9))
            if rng.random() < 0.001:
                title_words.insert(rng.randrange(len(title_words)), rng.choice(RARE))
            title = " ".join(title_words).capitalize()
            venue, venue_kind = rng.choice(venues)
            publications.add(
                publication_id,
                title,
                title.lower(),
                f"p-{run}-{publication_id}",
                rng.randint(2000, 2025),
                venue,
                "preprint" if venue_kind == "preprint" else "published",
                f"10.5555/bench.{run}.{publication_id}" if rng.random() < 0.5 else "",
                [{"label": "PDF", "url": f"https://example.org/{publication_id}.pdf"}],
            )
            for position, author in enumerate(authors, start=1):
                linked = isinstance(author, int)
                if author in remaining:
                    remaining[author] -= 1
                authorships.add(
                    publication_id,
                    position,
                    names[author] if linked else author,
                    author if linked else None,
                    position <= 2 and rng.random() < 0.2,
                )
            publication_id += 1
    publications.flush()
    authorships.flush()
    return {
        "organizations": organizations.count,
        "venues": venue_table.count,
        "people": people,
        "stubs": persons.count - people,
        "affiliations": affiliations.count,
        "publications": publications.count,
        "authorships": authorships.count,
    }


@contextmanager
def constraints_set_aside(tables: tuple[type[models.Model], ...]):
    """On PostgreSQL, the ``tables``' foreign keys (theirs and those pointing at them),
    unique constraints and indexes other than the primary key are dropped during the
    writes and made again after.

    Building an index once is far faster than updating it a row at a time (the
    full-text one most of all). A foreign key checked row by row locks each referenced
    row (``FOR KEY SHARE``) and, deferred as Django's are, queues every check until the
    commit: at 1.2 million papers that took most of 44 minutes. Added back, each key is
    checked by one join over the tables. Only the tables' owner is needed, which the
    app's database user is; ``session_replication_role`` (a superuser's) would also
    have stopped the triggers that fill the search vectors."""
    if connection.vendor != "postgresql":
        yield
        return
    names = [model._meta.db_table for model in tables]
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        # Foreign keys first (they need the unique indexes they point at), then
        # unique constraints, then the remaining indexes; made again in reverse.
        cursor.execute(
            "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid)"
            " FROM pg_constraint WHERE contype IN ('f', 'u')"
            " AND (conrelid::regclass::text = ANY(%s)"
            " OR (contype = 'f' AND confrelid::regclass::text = ANY(%s)))"
            " ORDER BY contype = 'u'",
            [names, names],
        )
        constraints = cursor.fetchall()
        for table, name, _ in constraints:
            cursor.execute(f"ALTER TABLE {quote(table)} DROP CONSTRAINT {quote(name)}")
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = ANY(%s)"
            " AND indexname NOT IN (SELECT conname FROM pg_constraint)",
            [names],
        )
        indexes = cursor.fetchall()
        for name, _ in indexes:
            cursor.execute(f"DROP INDEX {quote(name)}")
    yield
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
        for _, definition in indexes:
            cursor.execute(definition)
        for table, name, definition in reversed(constraints):
            cursor.execute(f"ALTER TABLE {quote(table)} ADD CONSTRAINT {quote(name)} {definition}")


def reset_sequences() -> None:
    """Move each id sequence past the largest id, as ``sqlsequencereset`` does: the rows
    were written with their ids, which PostgreSQL's sequences did not hand out."""
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), MODELS):
            cursor.execute(sql)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--people", type=int, default=1000, help="people with a CV")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    started = time.perf_counter()
    phases = {}
    with transaction.atomic():
        with constraints_set_aside(MODELS):
            counts = generate(args.people, args.seed)
            phases["rows"] = time.perf_counter() - started
        reset_sequences()
    phases["indexes and keys"] = time.perf_counter() - started - sum(phases.values())
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")  # statistics, and a visibility map for counts
        phases["vacuum"] = time.perf_counter() - started - sum(phases.values())
    elapsed = time.perf_counter() - started
    print(", ".join(f"{value} {name}" for name, value in counts.items()), f"in {elapsed:.1f} s")
    # ru_maxrss is in kilobytes on Linux.
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        ", ".join(f"{name} {seconds:.1f} s" for name, seconds in phases.items()),
        f"(CPU of this process {time.process_time():.1f} s, peak memory {peak:.0f} MB)",
    )


if __name__ == "__main__":
    main()
