"""Everything the profile page shows about one person, from a fixed number of queries.

``load_profile`` runs the queries (its advisors and advisees in one, and through
``add_publications`` its publications with their authors; the person comes with its
related rows from ``Person.objects.for_profile()``); everything else — the timeline,
the year groups, the co-author ranking, the chart — is arranged here in Python. The
page keeps the publications part in the cache (profiles/views.py), so it calls
``add_publications`` only when that part must be drawn again.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from itertools import groupby

from affiliations.models import Affiliation, Mentorship
from profiles.charts import Chart, publications_per_year
from profiles.models import Person
from profiles.queries import mentorships_of
from publications.models import Publication
from publications.queries import Author, ListedPublication, url_maker

COAUTHORS_SHOWN = 30


@dataclass(frozen=True)
class Mentor:
    """The other person of one of the profile's mentorships (an advisor or an advisee),
    with the link the page shows."""

    person_id: int
    name: str
    slug: str
    url: str
    is_stub: bool
    role: str  # as shown: an advisor's "Advisor", "Supervisor"; an advisee's "advised", ...
    affiliation_id: int | None


@dataclass(frozen=True)
class TimelineEntry:
    affiliation: Affiliation
    advisors: list[Mentor]


@dataclass(frozen=True)
class YearGroup:
    year: int | None
    publications: list[ListedPublication]


@dataclass(frozen=True)
class Coauthor:
    author: Author
    shared: int


@dataclass(frozen=True)
class PersonLink:
    name: str
    url: str


@dataclass
class Profile:
    person: Person
    publications: list[ListedPublication] = field(default_factory=list)
    education: list[TimelineEntry] = field(default_factory=list)
    positions: list[TimelineEntry] = field(default_factory=list)
    other_advisors: list[Mentor] = field(default_factory=list)
    advisees: list[Mentor] = field(default_factory=list)
    coauthors: list[Coauthor] = field(default_factory=list)
    coauthor_count: int = 0

    @property
    def publication_years(self) -> list[YearGroup]:
        return [
            YearGroup(year, list(group))
            for year, group in groupby(self.publications, key=lambda p: p.year)
        ]

    @property
    def other_names(self) -> list[str]:
        return [n.name for n in self.person.names.all() if n.name != self.person.name]

    @property
    def timeline(self) -> list[tuple[str, list[TimelineEntry]]]:
        return [("Positions", self.positions), ("Education", self.education)]

    @property
    def chart(self) -> Chart | None:
        return publications_per_year(p.year for p in self.publications)

    @property
    def mentioned_by(self) -> list[PersonLink]:
        """People with a CV of their own who list this person (for a stub's page)."""
        people = [*self.advisees, *self.advisors]
        links = {m.person_id: PersonLink(m.name, m.url) for m in people if not m.is_stub}
        for c in self.coauthors:
            if not c.author.is_stub:
                links.setdefault(c.author.person_id, PersonLink(c.author.name, c.author.url))
        return sorted(links.values(), key=lambda link: link.name)

    @property
    def advisors(self) -> list[Mentor]:
        entries = self.education + self.positions
        return [m for entry in entries for m in entry.advisors] + self.other_advisors


def _newest_first(affiliation: Affiliation) -> tuple[str, str]:
    end = "9999" if affiliation.end == "present" else affiliation.end or affiliation.start
    return (end, affiliation.start)


def _mentors_of(person: Person) -> tuple[list[Mentor], list[Mentor]]:
    """The person's advisors and advisees, from one query."""
    url = url_maker("profiles:person-detail")
    roles = {
        "advisor": dict(Mentorship.Role.choices),
        "advisee": {"advisor": "advised", "supervisor": "supervised", "mentor": "mentored"},
    }

    def other(row, side: str) -> Mentor:  # side: "advisor" or "advisee"
        slug = getattr(row, f"{side}__slug")
        return Mentor(
            getattr(row, f"{side}_id"),
            getattr(row, f"{side}__name"),
            slug,
            url(slug),
            getattr(row, f"{side}__is_stub"),
            roles[side].get(row.role, row.role),
            row.affiliation_id,
        )

    advisors, advisees = [], []
    for row in mentorships_of(person):
        if row.advisee_id == person.pk:
            advisors.append(other(row, "advisor"))
        if row.advisor_id == person.pk:
            advisees.append(other(row, "advisee"))
    return advisors, advisees


def load_profile(person: Person, publications: bool = True) -> Profile:
    """Arrange ``person`` (from ``Person.objects.for_profile()``) for its page; without
    its publications and co-authors if ``publications`` is false (``add_publications``)."""
    received, given = _mentors_of(person)
    by_affiliation: dict[int | None, list[Mentor]] = {}
    for mentor in received:
        by_affiliation.setdefault(mentor.affiliation_id, []).append(mentor)

    profile = Profile(person=person)
    affiliations = sorted(person.affiliations.all(), key=_newest_first, reverse=True)
    for affiliation in affiliations:
        entry = TimelineEntry(affiliation, by_affiliation.pop(affiliation.pk, []))
        if affiliation.kind == Affiliation.Kind.EDUCATION:
            profile.education.append(entry)
        else:
            profile.positions.append(entry)
    profile.other_advisors = [m for group in by_affiliation.values() for m in group]
    profile.advisees = given
    if publications:
        add_publications(profile)
    return profile


def add_publications(profile: Profile, coauthors_shown: int | None = COAUTHORS_SHOWN) -> None:
    """Load the profile's publications, and rank its co-authors by papers shared (the
    first ``coauthors_shown`` of them; None: all)."""
    person = profile.person
    profile.publications = Publication.objects.for_profile(person)
    shared: Counter[int] = Counter()
    authors: dict[int, Author] = {}
    for publication in profile.publications:
        linked = {a.person_id: a for a in publication.authors if a.person_id}
        linked.pop(person.pk, None)
        shared.update(linked.keys())
        authors.update(linked)
    ranked = sorted(shared.items(), key=lambda item: (-item[1], authors[item[0]].name))
    profile.coauthors = [Coauthor(authors[pk], n) for pk, n in ranked[:coauthors_shown]]
    profile.coauthor_count = len(ranked)
