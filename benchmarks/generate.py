"""Fill the database with a realistic synthetic academic graph, fast (bulk inserts).

    DATABASE_URL=postgres://.../vitae_bench python benchmarks/generate.py --people 20000

People with CVs work in research groups at organizations (universities with
schools, companies, labs); their papers are written mostly within the group, with
the odd outside co-author, stub co-authors without a CV, and names left unlinked.
Each person gets 10-300 papers (a long tail), and one person, ``bench-200``, gets
exactly 200: the profile the page benchmark times. Venues are real-looking
conferences and journals. Nothing is written through the ORM one row at a time.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402

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
BATCH = 5000
GROUP_SIZE = 25
STUBS_PER_GROUP = 10


def paper_quota(rng: random.Random) -> int:
    """10-300 papers, most near the low end (a long tail, as in real CVs)."""
    return min(300, 10 + int(rng.paretovariate(1.3) * 8))


def bulk(model, rows: list) -> None:
    model.objects.bulk_create(rows, batch_size=BATCH)


def next_id(model) -> int:
    last = model.objects.order_by("-pk").values_list("pk", flat=True).first()
    return (last or 0) + 1


def generate(people: int, seed: int) -> dict[str, int]:
    rng = random.Random(seed)
    run = f"{seed}-{next_id(Person)}"  # keeps slugs unique across runs

    # Organizations: one per 40 people, universities with two schools each.
    org_id = next_id(Organization)
    organizations, units = [], []
    for n in range(max(1, people // 40)):
        kind = rng.choice(["university"] * 3 + ["company", "lab"])
        name = f"{rng.choice(FAMILY)} {'University' if kind == 'university' else 'Research'} {n}"
        org = Organization(
            id=org_id,
            name=name,
            slug=f"org-{run}-{n}",
            key=f"{run} {name}",
            kind=kind,
            aliases=[name.split()[0][:4].upper()],
            country="Testland",
        )
        organizations.append(org)
        org_id += 1
        if kind == "university":
            for school in ("Computer Science", "Engineering"):
                units.append(
                    Organization(
                        id=org_id,
                        name=f"School of {school}, {name}",
                        slug=f"org-{run}-{n}-{org_id}",
                        key=f"{run} {name} {school}",
                        kind="university",
                        parent_id=org.id,
                    )
                )
                org_id += 1
    bulk(Organization, organizations + units)
    places = organizations + units

    venue_id = next_id(Venue)
    venues = [
        Venue(
            id=venue_id + n,
            name=name,
            short_name=short,
            slug=f"{short.lower()}-{run}",
            key=f"{run} {name}",
            kind=kind,
        )
        for n, (short, name, kind) in enumerate(VENUES)
    ]
    bulk(Venue, venues)

    # People with CVs (the first is the 200-paper benchmark profile), in groups.
    person_id = next_id(Person)
    persons, quotas, groups = [], {}, []
    for n in range(people):
        given, family = rng.choice(GIVEN), rng.choice(FAMILY)
        slug = (
            "bench-200"
            if n == 0 and not Person.objects.filter(slug="bench-200").exists()
            else f"{given}-{family}-{run}-{n}".lower()
        )
        persons.append(
            Person(
                id=person_id,
                name=f"{given} {family}",
                given_name=given,
                family_name=family,
                slug=slug,
                is_stub=False,
                headline=f"Researcher in {rng.choice(INTERESTS)}",
                research_interests=rng.sample(INTERESTS, 2),
                emails=[f"{slug}@example.org"],
            )
        )
        quotas[person_id] = 200 if slug == "bench-200" else paper_quota(rng)
        if n % GROUP_SIZE == 0:
            groups.append({"place": rng.choice(places), "members": [], "stubs": []})
        groups[-1]["members"].append(person_id)
        person_id += 1
    for group in groups:
        for _ in range(STUBS_PER_GROUP):
            given, family = rng.choice(GIVEN), rng.choice(FAMILY)
            persons.append(
                Person(
                    id=person_id,
                    name=f"{given} {family}",
                    given_name=given,
                    family_name=family,
                    slug=f"{given}-{family}-{run}-s{person_id}".lower(),
                    is_stub=True,
                )
            )
            group["stubs"].append(person_id)
            person_id += 1
    bulk(Person, persons)

    # Affiliations: the group leader is faculty, the others students; each has a past degree.
    affiliation_id = next_id(Affiliation)
    affiliations, mentorships = [], []
    for group in groups:
        leader, *students = group["members"]
        affiliations.append(
            Affiliation(
                id=affiliation_id,
                person_id=leader,
                organization_id=group["place"].id,
                kind="employment",
                title="Professor",
                start=str(rng.randint(2000, 2015)),
                end="present",
            )
        )
        affiliation_id += 1
        for student in students:
            start = rng.randint(2012, 2023)
            current = start >= 2019
            affiliations.append(
                Affiliation(
                    id=affiliation_id,
                    person_id=student,
                    organization_id=group["place"].id,
                    kind="education",
                    title="Ph.D.",
                    field="Computer Science",
                    start=str(start),
                    end="present" if current else str(start + 5),
                )
            )
            mentorships.append(
                Mentorship(advisor_id=leader, advisee_id=student, affiliation_id=affiliation_id)
            )
            affiliations.append(
                Affiliation(
                    id=affiliation_id + 1,
                    person_id=student,
                    organization_id=rng.choice(places).id,
                    kind="education",
                    title="B.S.",
                    start=str(start - 4),
                    end=str(start),
                    order=1,
                )
            )
            affiliation_id += 2
    bulk(Affiliation, affiliations)
    bulk(Mentorship, mentorships)

    # Papers: written by a group (members weighted by what they still need), sometimes
    # with an outsider, a stub or an unlinked name. Inserted in batches.
    publication_id = next_id(Publication)
    names = {person.id: person.name for person in persons}
    remaining = dict(quotas)
    total_papers = total_authorships = 0
    publications, authorships = [], []

    def flush() -> None:
        bulk(Publication, publications)
        bulk(Authorship, authorships)
        publications.clear()
        authorships.clear()

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
            title = " ".join(rng.sample(WORDS, rng.randint(4, 9))).capitalize()
            venue = rng.choice(venues)
            publications.append(
                Publication(
                    id=publication_id,
                    title=title,
                    normalized_title=title.lower(),
                    slug=f"p-{run}-{publication_id}",
                    year=rng.randint(2000, 2025),
                    venue=venue,
                    status="preprint" if venue.kind == "preprint" else "published",
                    doi=f"10.5555/bench.{run}.{publication_id}" if rng.random() < 0.5 else "",
                    links=[{"label": "PDF", "url": f"https://example.org/{publication_id}.pdf"}],
                )
            )
            for position, author in enumerate(authors, start=1):
                linked = isinstance(author, int)
                if author in remaining:
                    remaining[author] -= 1
                authorships.append(
                    Authorship(
                        publication_id=publication_id,
                        position=position,
                        name=names[author] if linked else author,
                        person_id=author if linked else None,
                        is_equal_contribution=position <= 2 and rng.random() < 0.2,
                    )
                )
            publication_id += 1
            total_papers += 1
            total_authorships += len(authors)
            if len(publications) >= BATCH:
                flush()
    flush()
    return {
        "organizations": len(places),
        "venues": len(venues),
        "people": people,
        "stubs": len(persons) - people,
        "affiliations": len(affiliations),
        "publications": total_papers,
        "authorships": total_authorships,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--people", type=int, default=1000, help="people with a CV")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    started = time.perf_counter()
    with transaction.atomic():
        counts = generate(args.people, args.seed)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")  # statistics, and a visibility map for counts
    elapsed = time.perf_counter() - started
    print(", ".join(f"{value} {name}" for name, value in counts.items()), f"in {elapsed:.1f} s")


if __name__ == "__main__":
    main()
