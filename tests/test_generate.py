"""The benchmark generator leaves a database the app can go on writing to."""

from benchmarks import generate
from profiles.models import Person
from publications.models import Authorship, Publication
from tests.conftest import make_person, make_publication


def test_the_app_writes_after_a_generated_graph(db):
    counts = generate.generate(people=3, seed=7)
    generate.reset_sequences()
    assert Person.objects.filter(is_stub=False).count() == 3
    assert Publication.objects.count() == counts["publications"] > 0
    assert Authorship.objects.count() == counts["authorships"]
    # New rows get ids past the generated ones (a duplicate key before the sequences moved).
    person = make_person("Ada Newcomer")
    assert person.pk > max(Person.objects.exclude(pk=person.pk).values_list("pk", flat=True))
    make_publication("Written after the generator", authors=[person])


def test_generated_json_and_defaults_read_back(db):
    generate.generate(people=2, seed=3)
    person = Person.objects.get(slug="bench-200")
    assert person.emails == ["bench-200@example.org"]
    assert len(person.research_interests) == 2
    assert person.created_at is not None
    assert Authorship.objects.filter(person=person).count() == 200  # the benchmark profile
