"""Acceptance: ``manage.py import_cv`` on the five seed CVs makes one connected graph.

Each test runs twice: with the real parser, and with the parser replaced by the seeds'
hand-made gold CV JSON (what a perfect parser gives), so that resolution is tested
apart from parsing quality.
"""

import json
from io import StringIO

import pytest
from django.core.management import call_command

import cvparse
from affiliations.models import Affiliation, Mentorship, Organization
from profiles.importing import import_cv_json
from profiles.models import CVDocument, Person
from publications.models import Authorship, Publication

from .conftest import SEEDS, make_document, row_counts, shared_files

pytestmark = [pytest.mark.django_db, pytest.mark.shared]

SEED_FILES = shared_files(SEEDS, "*.txt")
PROFILES = ["Zhen Jin", "Zhuofu Chen", "Yinmin Zhong", "Zhen Zheng", "Zili Zhang"]


def gold_parse(data: bytes, filename: str) -> dict:
    return json.loads((SEEDS / "gold" / filename).with_suffix(".json").read_text())


@pytest.fixture(params=["gold", "parsed"])
def load_seeds(request, monkeypatch):
    if request.param == "gold":
        monkeypatch.setattr(cvparse, "parse", gold_parse)
    return lambda: call_command("import_cv", *SEED_FILES, stdout=StringIO())


@pytest.fixture
def seeds(load_seeds):
    load_seeds()


def person(name: str) -> Person:
    return Person.objects.get(name=name)


def test_five_profiles_and_two_different_zhens(seeds):
    assert sorted(Person.objects.filter(is_stub=False).values_list("name", flat=True)) == sorted(
        PROFILES
    )
    jin, zheng = person("Zhen Jin"), person("Zhen Zheng")
    assert jin != zheng
    z_jin = Authorship.objects.filter(name="Z. Jin")
    assert z_jin.count() == 6
    assert set(z_jin.values_list("person", flat=True)) == {jin.pk}
    assert not Authorship.objects.filter(person=jin).exclude(name="Z. Jin").exists()


def test_shared_paper_exists_once_with_its_authors_in_order(seeds):
    paper = Publication.objects.get(
        title="Fast Distributed Inference Serving for Large Language Models"
    )
    authors = list(paper.authorships.order_by("position"))
    assert [a.name for a in authors] == [
        "Bingyang Wu",
        "Yinmin Zhong",
        "Zili Zhang",
        "Gang Huang",
        "Xuanzhe Liu",
        "Xin Jin",
    ]
    assert [a.is_equal_contribution for a in authors] == [True] * 3 + [False] * 3
    assert authors[1].person == person("Yinmin Zhong")
    assert authors[2].person == person("Zili Zhang")
    assert paper.documents.count() == 2


def test_the_advisor_is_one_person_who_knows_both_students(seeds):
    xin_jin = Person.objects.get(name="Xin Jin")
    advisees = set(
        Mentorship.objects.filter(advisor=xin_jin).values_list("advisee__name", flat=True)
    )
    assert advisees == {"Yinmin Zhong", "Zili Zhang"}
    documents = set(
        Authorship.objects.filter(person=xin_jin).values_list(
            "publication__documents__person__name", flat=True
        )
    )
    assert {"Yinmin Zhong", "Zili Zhang"} <= documents


def test_a_coauthor_is_one_person_on_every_paper_that_names_them(seeds):
    bingyang = Authorship.objects.filter(name="Bingyang Wu")
    assert bingyang.count() == 4
    assert bingyang.values("person").distinct().count() == 1
    assert Person.objects.filter(name="Bingyang Wu").count() == 1


def test_one_university_holds_the_education_of_both_students(seeds):
    pku = Organization.objects.get(name="Peking University")
    educated = set(
        Affiliation.objects.filter(organization=pku, kind="education").values_list(
            "person__name", flat=True
        )
    )
    assert educated == {"Yinmin Zhong", "Zili Zhang"}
    assert Organization.objects.filter(name__icontains="Peking", parent=None).count() == 1
    assert Organization.objects.get(name="Alibaba DAMO Academy").parent.name == "Alibaba"


def test_importing_again_changes_no_table(load_seeds):
    load_seeds()
    before = row_counts()
    load_seeds()
    assert row_counts() == before


def test_a_field_edited_by_hand_survives_a_reimport(seeds):
    zili = person("Zili Zhang")
    zili.headline = "Systems researcher"
    zili.mark_edited("headline")
    zili.save()
    paper = Publication.objects.get(title__startswith="Jolteon")
    paper.title = "Jolteon (edited)"
    paper.mark_edited("title")
    paper.save()
    # The same CVs imported again through the service (the same files would be skipped).
    for document in CVDocument.objects.all():
        import_cv_json(document.cv_json, document=make_document(document.original_filename))
    zili.refresh_from_db()
    paper.refresh_from_db()
    assert zili.headline == "Systems researcher"
    assert paper.title == "Jolteon (edited)"
    assert Publication.objects.filter(normalized_title__startswith="jolteon").count() == 1
