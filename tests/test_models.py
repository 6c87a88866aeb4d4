"""The database itself refuses rows that break the model's invariants."""

import pytest
from django.db import IntegrityError, transaction

from affiliations.models import Affiliation, Mentorship
from awards.models import Award
from profiles.models import Person, PersonName, Skill, unique_slug
from publications.models import Authorship

from .conftest import make_organization, make_person, make_publication, make_venue

pytestmark = pytest.mark.django_db


def refused(create) -> bool:
    try:
        with transaction.atomic():
            create()
    except IntegrityError:
        return True
    return False


def test_unique_slug_picks_the_next_free_suffix():
    make_person("Ada Lovelace")
    make_person("Ada Lovelace")
    assert unique_slug(Person, "Ada Lovelace") == "ada-lovelace-3"


def test_person_slug_is_unique():
    ada = make_person("Ada Lovelace")
    assert refused(lambda: Person.objects.create(name="Ada L.", slug=ada.slug))


def test_person_name_is_unique_per_person():
    ada = make_person("Ada Lovelace")
    PersonName.objects.create(person=ada, name="A. Lovelace", key="a lovelace")
    assert refused(lambda: PersonName.objects.create(person=ada, name="A. Lovelace", key="x"))


def test_one_author_per_position():
    publication = make_publication("On Engines", ["Ada Lovelace"])
    assert refused(
        lambda: Authorship.objects.create(publication=publication, position=1, name="C. Babbage")
    )


def test_author_positions_start_at_one():
    publication = make_publication("On Engines")
    assert refused(lambda: Authorship.objects.create(publication=publication, position=0, name="X"))


def test_doi_is_unique_but_blank_is_allowed_twice():
    make_publication("One", doi="10.1/abc")
    make_publication("Two")
    make_publication("Three")
    assert refused(lambda: make_publication("Four", doi="10.1/abc"))


@pytest.mark.parametrize("field", ["year", "month"])
def test_publication_dates_must_be_plausible(field):
    assert refused(lambda: make_publication("Odd", **{field: 1850 if field == "year" else 13}))


def test_affiliation_range_must_not_end_before_it_starts():
    ada = make_person("Ada Lovelace")
    org = make_organization("University of London")

    def affiliation(start, end):
        return lambda: Affiliation.objects.create(
            person=ada, organization=org, kind="education", start=start, end=end
        )

    assert refused(affiliation("2020-09", "2019"))
    assert refused(affiliation("present", ""))
    for start, end in [("2019", "2020-09"), ("2019-03", "present"), ("", "2020"), ("2020", "2020")]:
        assert not refused(affiliation(start, end))


def test_nobody_advises_themselves():
    ada = make_person("Ada Lovelace")
    assert refused(lambda: Mentorship.objects.create(advisor=ada, advisee=ada))


def test_mentorship_is_unique_per_affiliation():
    ada, charles = make_person("Ada Lovelace"), make_person("Charles Babbage")
    org = make_organization("Analytical Society")
    affiliation = Affiliation.objects.create(person=ada, organization=org, kind="research")
    Mentorship.objects.create(advisor=charles, advisee=ada, affiliation=affiliation)
    assert refused(
        lambda: Mentorship.objects.create(advisor=charles, advisee=ada, affiliation=affiliation)
    )


def test_organization_cannot_be_its_own_parent():
    org = make_organization("Alibaba")
    org.parent = org
    assert refused(org.save)


@pytest.mark.parametrize("make", [make_organization, make_venue])
def test_matching_keys_are_unique(make):
    make("Symposium on Engines")
    assert refused(lambda: make("Symposium on Engines"))


def test_award_year_must_be_plausible():
    ada = make_person("Ada Lovelace")
    assert refused(lambda: Award.objects.create(person=ada, title="Medal", year=3000))


def test_skill_is_unique_per_person_and_category():
    ada = make_person("Ada Lovelace")
    Skill.objects.create(person=ada, category="Languages", name="French")
    assert refused(lambda: Skill.objects.create(person=ada, category="Languages", name="French"))


def test_string_forms_are_readable():
    ada = make_person("Ada Lovelace")
    venue = make_venue("Symposium on Engines", "SOE")
    publication = make_publication("On Engines", [ada], year=1999, venue=venue)
    assert str(ada) == "Ada Lovelace"
    assert str(venue) == "SOE"
    assert str(publication) == "On Engines (1999)"
