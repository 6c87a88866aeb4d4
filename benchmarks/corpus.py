"""A generated corpus of CV JSON with a known truth, for resolution tests and benchmarks.

Research groups of one advisor and a few students write papers together, now and then
with a member of another group. Every student (and some advisors) has a CV listing their
papers; each CV writes names in its own style: in full, with initials ("Y. Chen"), or
family name first ("Chen, Y."), and titles in its own capitalisation. Two people in
different groups share one full name. ``truth`` says who each author of each paper is.
"""

import random
from collections import Counter
from dataclasses import dataclass, field
from math import comb

from profiles.resolution import normalize_title


def _words(text: str, sep: str | None = None) -> list[str]:
    return [word.strip() for word in text.replace("\n", " " if sep is None else "").split(sep)]


GIVEN = _words(
    """
    Wei Yan Jing Hao Lei Xin Yu Ming Tao Hui Lin Kai Jun Qiang Fang Yang Bo Chao Dan
    Feng Anna Ben Clara David Elena Felix Grace Hugo Iris Jonas Laura Marco Nina
    Oscar Paula Rosa Simon Tara Victor Wanda Yusuf Zoe Amir Bruno Carmen Dmitri Eva
    Farid Greta Hana Ivan
    """
)
FAMILY = _words(
    """
    Chen Wang Li Zhang Liu Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Lin Luo
    Gao Müller Schmidt García Martínez Rossi Ferrari Novak Kowalski Silva Santos
    Jensen Larsen Dubois Moreau Ivanova Petrov Nakamura Tanaka Kim Park Nguyen Tran
    Okafor Mensah Cohen
    """
)
STYLES = ("full", "initials", "family_first", "full")
TOPICS = _words(
    """
    Scheduling Caching Compilation Serving Training Storage Networking Verification
    Sampling Indexing Partitioning Replication Compression Inference Placement
    Prefetching
    """
)
OBJECTS = _words(
    """
    Graph Workloads|Large Language Models|Serverless Functions|Vector Databases|
    GPU Clusters|Sparse Tensors|Edge Devices|Key-Value Stores|Stream Processing|
    Recommendation Models|Distributed Transactions|Neural Networks
    """,
    sep="|",
)


@dataclass
class Researcher:
    id: int
    given: str
    family: str
    email: str
    group: int

    @property
    def name(self) -> str:
        return f"{self.given} {self.family}"

    def written(self, style: str) -> str:
        if style == "initials":
            return f"{self.given[0]}. {self.family}"
        if style == "family_first":
            return f"{self.family}, {self.given[0]}."
        return self.name


@dataclass
class Paper:
    title: str
    year: int
    authors: list[int]


@dataclass
class Corpus:
    people: dict[int, Researcher] = field(default_factory=dict)
    papers: list[Paper] = field(default_factory=list)
    cvs: list[dict] = field(default_factory=list)

    def truth(self) -> dict[tuple[str, int], int]:
        """Who is the author at each position of each paper, by normalised title."""
        return {
            (normalize_title(paper.title), position): person
            for paper in self.papers
            for position, person in enumerate(paper.authors, start=1)
        }

    def pairwise(self, links: list[tuple[str, int, int | None]]) -> tuple[float, float]:
        """Pairwise precision and recall of author links: (normalised title, position, person).

        Two author mentions form a pair when they are the same person in truth, or linked
        to the same Person (an unlinked mention pairs with nothing).
        """
        truth = self.truth()
        links = [link for link in links if link[:2] in truth]  # other CVs' papers aside
        true = Counter(truth[title, position] for title, position, _ in links)
        found = Counter(person for _, _, person in links if person is not None)
        both = Counter(
            (truth[title, position], person) for title, position, person in links if person
        )
        hits = sum(comb(n, 2) for n in both.values())
        found_pairs = sum(comb(n, 2) for n in found.values())
        true_pairs = sum(comb(n, 2) for n in true.values())
        return hits / max(found_pairs, 1), hits / max(true_pairs, 1)


def _title(rng: random.Random, n: int) -> str:
    return f"{rng.choice(TOPICS)} for {rng.choice(OBJECTS)} with Method {n}"


def _recase(title: str, rng: random.Random) -> str:
    return rng.choice([title, title.capitalize(), title.lower(), title.upper()])


def generate(groups: int, *, seed: int = 1, students: int = 4, papers: int = 6) -> Corpus:
    """``groups`` research groups; each writes ``papers`` papers a student."""
    rng = random.Random(seed)
    corpus = Corpus()
    names = rng.sample([(g, f) for g in GIVEN for f in FAMILY], groups * (students + 1))
    for group in range(groups):
        for _ in range(students + 1):
            pid = len(corpus.people) + 1
            given, family = names[pid - 1]
            corpus.people[pid] = Researcher(pid, given, family, f"p{pid}@example.org", group)
    if groups > 1:  # two different people, in different groups, with one name
        twin = corpus.people[len(corpus.people)]
        twin.given, twin.family = corpus.people[2].given, corpus.people[2].family
    members = {g: [p for p in corpus.people.values() if p.group == g] for g in range(groups)}
    for group, (advisor, *team) in members.items():
        for student in team:
            for _ in range(papers):
                coauthors = rng.sample([s for s in team if s is not student], rng.randint(0, 2))
                if groups > 1 and rng.random() < 0.2:
                    coauthors.append(rng.choice(members[(group + 1) % groups]))
                authors = [student, *coauthors, advisor]
                corpus.papers.append(
                    Paper(
                        _title(rng, len(corpus.papers)),
                        rng.randint(2015, 2024),
                        [a.id for a in authors],
                    )
                )
    by_author: dict[int, list[Paper]] = {}
    for paper in corpus.papers:
        for person in paper.authors:
            by_author.setdefault(person, []).append(paper)
    for group, (advisor, *team) in members.items():
        for person in [*team, advisor] if group % 3 == 0 else team:
            corpus.cvs.append(_cv(person, advisor, by_author.get(person.id, []), corpus, rng))
    return corpus


def _cv(person: Researcher, advisor: Researcher, papers: list[Paper], corpus: Corpus, rng) -> dict:
    style = rng.choice(STYLES)
    owner_style = rng.choice(STYLES)
    education = (
        []
        if person is advisor
        else [
            {
                "institution": rng.choice(["PKU", "Peking University", "MIT", "ETH Zurich"]),
                "degree": "Ph.D.",
                "field": "Computer Science",
                "start": "2019-09",
                "end": "present",
                "advisors": [advisor.name],
                "gpa": None,
                "details": [],
            }
        ]
    )
    publications = [
        {
            "title": _recase(paper.title, rng),
            "authors": [
                {
                    "name": corpus.people[a].written(owner_style if a == person.id else style),
                    "equal_contribution": False,
                    "is_self": a == person.id,
                }
                for a in paper.authors
            ],
            "venue": rng.choice(["USENIX OSDI", "ACM SOSP", "VLDB", "NSDI"]),
            "venue_short": None,
            "year": paper.year + (rng.random() < 0.1),
            "month": None,
            "status": "published",
            "doi": None,
            "pages": None,
            "location": None,
            "category": None,
            "links": [],
            "note": None,
        }
        for paper in papers
    ]
    return {
        "schema": "cv-json/1",
        "source": {"filename": f"cv-{person.id}.md", "format": "markdown"},
        "person": {
            "name": person.name,
            "headline": None,
            "emails": [person.email],
            "phones": [],
            "homepage": None,
            "links": [],
            "address": None,
            "bio": None,
            "research_interests": [],
        },
        "education": education,
        "positions": [],
        "publications": publications,
        "awards": [
            {
                "title": "Best Paper Award",
                "year": 2022,
                "issuer": None,
                "rank": None,
                "details": None,
            }
        ],
        "teaching": [],
        "projects": [],
        "skills": [{"category": "Programming", "items": ["Python", "C++"]}],
        "sections": [],
        "unparsed": [],
    }
