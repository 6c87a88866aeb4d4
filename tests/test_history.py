"""The history of a profile: who changed what and when, and reverting a change."""

import pytest

from awards.models import Award
from editing.history import profile_history, revert
from profiles.models import Person
from publications.models import Authorship
from tests.conftest import make_person, make_publication

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def ada(owner) -> Person:
    return Person.objects.get(owner=owner)


def edit_award(client, ada, award, title, version):
    return client.post(
        f"/edit/people/{ada.slug}/awards/{award.pk}/edit/",
        {"title": title, "year": award.year or "", "version": version},
        **HTMX,
    )


def test_the_history_page_lists_who_changed_what(client, owner, ada):
    award = Award.objects.create(person=ada, title="Royal Medal")
    client.force_login(owner)
    edit_award(client, ada, award, "Royal Medal of Honour", 1)
    response = client.get(f"/edit/people/{ada.slug}/history/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "ada changed the award" in page
    assert "<del>Royal Medal</del>" in page and "<ins>Royal Medal of Honour</ins>" in page
    events = response.context["events"]
    assert [(e.kind, e.action) for e in events][:2] == [("award", "changed"), ("award", "added")]
    assert events[0].changes[0].field == "title"


def test_history_includes_the_persons_publications_and_nothing_of_others(owner, ada):
    notes = make_publication("Notes", [ada])
    Authorship.objects.create(publication=notes, position=2, name="Charles Babbage")
    make_person("Somebody Else")
    Award.objects.create(person=make_person("Another One"), title="Not hers")
    kinds = {event.kind for event in profile_history(ada)}
    assert kinds == {"person", "publication", "authorship"}


def test_reverting_a_change_restores_the_previous_values(client, owner, ada):
    award = Award.objects.create(person=ada, title="Royal Medal", year=1944)
    client.force_login(owner)
    edit_award(client, ada, award, "Wrong title", 1)
    change = award.history.filter(history_type="~").latest("history_date")
    response = client.post(f"/edit/people/{ada.slug}/history/award/{change.history_id}/revert/")
    assert response.status_code == 302
    award.refresh_from_db()
    assert (award.title, award.year, award.version) == ("Royal Medal", 1944, 3)
    assert award.edited_fields == ["title"]
    # The revert is itself in the history, by the same person.
    latest = award.history.latest("history_date")
    assert (latest.history_type, latest.history_user) == ("~", owner)


def test_reverting_an_addition_removes_it_and_a_deletion_brings_it_back(client, owner, ada):
    award = Award.objects.create(person=ada, title="Royal Medal")
    client.force_login(owner)
    client.post(f"/edit/people/{ada.slug}/awards/{award.pk}/delete/")
    deleted = award.history.get(history_type="-")
    client.post(f"/edit/people/{ada.slug}/history/award/{deleted.history_id}/revert/")
    assert Award.objects.get(pk=award.pk).title == "Royal Medal"
    added = award.history.filter(history_type="+").earliest("history_date")
    client.post(f"/edit/people/{ada.slug}/history/award/{added.history_id}/revert/")
    assert not Award.objects.filter(pk=award.pk).exists()


def test_reverting_the_creation_of_a_person_is_refused(ada):
    with pytest.raises(ValueError):
        revert(ada.history.get(history_type="+"))


def test_a_change_from_another_profile_cannot_be_reverted_through_this_one(client, owner, ada):
    theirs = Award.objects.create(person=make_person("Brook Taylor"), title="Theirs")
    record = theirs.history.get()
    client.force_login(owner)
    response = client.post(f"/edit/people/{ada.slug}/history/award/{record.history_id}/revert/")
    assert response.status_code == 404
    assert Award.objects.filter(pk=theirs.pk).exists()


def test_unknown_kinds_are_not_found(client, owner, ada):
    client.force_login(owner)
    assert client.post(f"/edit/people/{ada.slug}/history/user/1/revert/").status_code == 404


def test_reverting_a_publication_edit(client, owner, ada):
    publication = make_publication("Sketch of the Engine", [ada], year=1943 + 100)
    client.force_login(owner)
    client.post(
        f"/edit/publications/{publication.slug}/edit/",
        {"title": "Sketch, mistyped", "year": 2043, "authors": "Ada Lovelace", "version": 1},
    )
    change = publication.history.filter(history_type="~").latest("history_date")
    client.post(f"/edit/people/{ada.slug}/history/publication/{change.history_id}/revert/")
    publication.refresh_from_db()
    assert publication.title == "Sketch of the Engine"


def test_the_history_page_runs_a_fixed_number_of_queries(
    client, owner, ada, django_assert_num_queries
):
    client.force_login(owner)
    url = f"/edit/people/{ada.slug}/history/"
    client.get(url)
    for n in range(3):
        award = Award.objects.create(person=ada, title=f"Prize {n}")
        edit_award(client, ada, award, f"Prize {n}, renamed", 1)
        edit_award(client, ada, award, f"Prize {n}, renamed again", 2)
    # session, user, person; ten kinds of history records (the publications subquery
    # inlined); one look further back for each object's oldest listed change (none here:
    # every award's addition is listed); the merges; the nav's user.person
    with django_assert_num_queries(15):
        response = client.get(url)
    # Nine award events can be reverted; the person's creation cannot.
    assert response.content.decode().count("Revert this change") == 9


def test_reverting_an_old_change_keeps_later_changes_to_other_fields(client, owner, ada):
    award = Award.objects.create(person=ada, title="Royal Medal", year=1944)
    client.force_login(owner)
    edit_award(client, ada, award, "Wrong title", 1)
    old_change = award.history.filter(history_type="~").latest("history_date")
    award.refresh_from_db()
    award.year = 1945
    award.save()
    client.post(f"/edit/people/{ada.slug}/history/award/{old_change.history_id}/revert/")
    award.refresh_from_db()
    assert (award.title, award.year) == ("Royal Medal", 1945)


def test_a_revert_never_moves_the_owner_slug_or_stub_flag(owner, other_user, ada):
    ada.headline = "Mathematician"
    ada.owner, ada.is_stub, ada.slug = None, True, "someone-else"
    ada.save()
    change = ada.history.filter(history_type="~").latest("history_date")
    ada.owner, ada.is_stub = other_user, False
    ada.save()
    revert(change)
    ada.refresh_from_db()
    assert (ada.owner, ada.is_stub, ada.headline) == (other_user, False, "")
    assert ada.slug == "someone-else"


def test_a_revert_that_changed_only_the_owner_is_refused(owner, other_user, ada):
    ada.owner = other_user
    ada.save()
    with pytest.raises(ValueError, match="nothing that a revert may put back"):
        revert(ada.history.filter(history_type="~").latest("history_date"))
    ada.refresh_from_db()
    assert ada.owner == other_user


def test_a_change_without_an_earlier_record_is_refused_with_a_message(client, owner, ada):
    award = Award.objects.create(person=ada, title="Royal Medal")
    award.history.filter(history_type="+").delete()  # as if written in bulk
    award.title = "Renamed"
    award.save()
    change = award.history.get(history_type="~")
    client.force_login(owner)
    response = client.post(
        f"/edit/people/{ada.slug}/history/award/{change.history_id}/revert/", follow=True
    )
    assert response.status_code == 200
    assert "no earlier version" in response.content.decode()
    award.refresh_from_db()
    assert award.title == "Renamed"
