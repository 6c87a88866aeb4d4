"""A small academic graph for the browsing tests: two researchers with CVs, an advisor
relation, co-author stubs, organizations with a unit, venues, papers and the rest."""

from __future__ import annotations

from dataclasses import dataclass

from affiliations.models import Affiliation, Mentorship, Organization
from awards.models import Award
from profiles.models import CVDocument, Person, ProfileSection, Project, Skill, Teaching
from publications.models import Authorship, Publication, Venue
from tests.conftest import make_organization, make_person, make_publication, make_venue


@dataclass
class Graph:
    yinmin: Person
    xin: Person
    stub: Person
    pku: Organization
    school: Organization
    bytedance: Organization
    osdi: Venue
    distserve: Publication
    megascale: Publication
    preprint: Publication


def build_graph() -> Graph:
    pku = make_organization(
        "Peking University", kind=Organization.Kind.UNIVERSITY, aliases=["PKU"], country="China"
    )
    school = make_organization("School of Computer Science", parent=pku)
    bytedance = make_organization("ByteDance", kind=Organization.Kind.COMPANY)
    osdi = make_venue(
        "USENIX Symposium on Operating Systems Design and Implementation",
        "OSDI",
        kind=Venue.Kind.CONFERENCE,
    )
    nsdi = make_venue(
        "USENIX Symposium on Networked Systems Design and Implementation",
        "NSDI",
        kind=Venue.Kind.CONFERENCE,
    )
    yinmin = make_person(
        "Yinmin Zhong",
        is_stub=False,
        headline="Ph.D. student in Computer Science, Peking University",
        bio="I build systems for serving large language models.",
        emails=["zhongyinmin@pku.edu.cn"],
        homepage="https://yinminzhong.com",
        links=[
            {"label": "GitHub", "url": "https://github.com/PKUFlyingPig"},
            {"label": "Evil", "url": "javascript:alert(1)"},
        ],
        research_interests=["Distributed Systems", "Deep Learning"],
    )
    yinmin.names.create(name="Y. Zhong", key="zhong y")
    yinmin.names.create(name="Yinmin Zhong", key="zhong yinmin")
    xin = make_person("Xin Jin", is_stub=False, headline="Associate Professor, Peking University")
    stub = make_person("Shengyu Liu")
    phd = Affiliation.objects.create(
        person=yinmin,
        organization=pku,
        kind=Affiliation.Kind.EDUCATION,
        title="Ph.D.",
        field="Computer Science",
        start="2022-09",
        end="present",
        order=0,
    )
    Affiliation.objects.create(
        person=yinmin,
        organization=bytedance,
        kind=Affiliation.Kind.INTERNSHIP,
        title="Research Intern",
        start="2023-08",
        end="present",
        order=1,
    )
    Affiliation.objects.create(
        person=yinmin,
        organization_name="Some College",
        kind=Affiliation.Kind.EDUCATION,
        title="B.S.",
        start="2018-09",
        end="2022-06",
        order=2,
    )
    Affiliation.objects.create(
        person=xin,
        organization=school,
        kind=Affiliation.Kind.EMPLOYMENT,
        title="Associate Professor",
        start="2016",
        end="present",
    )
    Mentorship.objects.create(advisor=xin, advisee=yinmin, affiliation=phd)
    distserve = make_publication(
        "DistServe: Disaggregating Prefill and Decoding for LLM Serving",
        [yinmin, stub, "Y. Chen", xin],
        year=2024,
        venue=osdi,
        doi="10.5555/distserve",
        links=[{"label": "Code", "url": "https://github.com/LLMServe/DistServe"}],
        status=Publication.Status.PUBLISHED,
    )
    Authorship.objects.filter(publication=distserve, position__in=[1, 2]).update(
        is_equal_contribution=True
    )
    megascale = make_publication(
        "MegaScale: Scaling Large Language Model Training to More Than 10,000 GPUs",
        ["Ziheng Jiang", yinmin, stub],
        year=2024,
        venue=nsdi,
        status=Publication.Status.PUBLISHED,
    )
    preprint = make_publication(
        "Efficient & Scalable {Speculative} Decoding for Mixture-of-Experts",
        [xin, yinmin],
        year=2021,
        venue_name="arXiv",
        status=Publication.Status.PREPRINT,
        links=[{"label": "PDF", "url": "https://arxiv.org/pdf/2101.00001"}],
    )
    document = CVDocument.objects.create(
        person=yinmin, original_filename="cv.pdf", sha256="0" * 64, status="imported"
    )
    distserve.documents.add(document)
    Award.objects.create(
        person=yinmin,
        title="Outstanding Graduate",
        year=2022,
        issuer="Peking University",
        rank="Top 5%",
    )
    Teaching.objects.create(
        person=yinmin,
        course="Operating Systems",
        role="Head TA",
        institution="Peking University",
        term="2023 Spring",
    )
    Project.objects.create(
        person=yinmin,
        name="Alpa",
        description="Auto-parallelization",
        url="https://github.com/alpa-projects/alpa",
    )
    Skill.objects.create(person=yinmin, category="Programming", name="C++", order=0)
    Skill.objects.create(person=yinmin, category="Programming", name="Python", order=1)
    ProfileSection.objects.create(
        person=yinmin, heading="Service", items=["Reviewer, OSDI 2025 AEC"]
    )
    return Graph(yinmin, xin, stub, pku, school, bytedance, osdi, distserve, megascale, preprint)


def give_papers(person: Person, count: int) -> None:
    """``count`` more papers for ``person``, each with two co-authors and a venue."""
    venue = make_venue(f"Venue for {person.slug}", f"V{person.pk}", kind=Venue.Kind.JOURNAL)
    coauthors = [make_person(f"Coauthor {n} {person.pk}") for n in range(5)]
    for n in range(count):
        make_publication(
            f"Paper number {n} by {person.name}",
            [person, coauthors[n % 5], f"Unlinked Author {n}"],
            year=2000 + n % 25,
            venue=venue,
        )
