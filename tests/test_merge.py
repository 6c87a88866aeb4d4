"""Staff merge duplicate people (and revert the merge) and unlink wrong authorship links."""

import pytest

from accounts.models import Claim
from affiliations.models import Affiliation, Mentorship
from awards.models import Award
from editing.merge import merge_people, revert_merge
from editing.models import MergeRecord
from profiles.models import CVDocument, Person, PersonName
from publications.models import Authorship
from tests.conftest import make_person, make_publication


@pytest.fixture
def pair(owner, other_user):
    """Ada (with an account) and a stub "A. Lovelace" with links of its own."""
    ada = Person.objects.get(owner=owner)
    PersonName.objects.create(person=ada, name="Ada Lovelace", key="ada lovelace")
    stub = make_person("A. Lovelace")
    PersonName.objects.create(person=stub, name="A. Lovelace", key="", initials_key="lovelace a")
    PersonName.objects.create(person=stub, name="Ada Lovelace", key="ada lovelace")
    babbage = make_person("Charles Babbage")
    paper = make_publication("Notes", [babbage, stub])
    Mentorship.objects.create(advisor=babbage, advisee=stub)
    Mentorship.objects.create(advisor=stub, advisee=ada)  # the pair itself: cannot survive
    Affiliation.objects.create(person=stub, kind="education", organization_name="London")
    Award.objects.create(person=stub, title="Medal")
    Claim.objects.create(user=other_user, person=stub)
    return ada, stub, babbage, paper


def test_merge_moves_everything_and_deletes_the_duplicate(pair, staff):
    ada, stub, babbage, paper = pair
    stub_pk = stub.pk
    record = merge_people(kept=ada, duplicate=stub, by=staff)
    assert not Person.objects.filter(pk=stub_pk).exists()
    assert paper.authorships.get(position=2).person == ada
    assert Mentorship.objects.get().advisee == ada
    assert ada.affiliations.get().organization_name == "London"
    assert ada.awards.get().title == "Medal"
    assert Claim.objects.get().person == ada
    assert sorted(ada.names.values_list("name", flat=True)) == ["A. Lovelace", "Ada Lovelace"]
    assert (record.kept, record.duplicate_name, record.merged_by) == (ada, "A. Lovelace", staff)
    assert Person.history.filter(id=stub_pk, history_type="-").exists()


def test_revert_brings_the_duplicate_back_as_it_was(pair, staff):
    ada, stub, babbage, paper = pair
    stub_pk = stub.pk
    record = merge_people(kept=ada, duplicate=stub, by=staff)
    restored = revert_merge(record)
    stub = Person.objects.get(pk=stub_pk)
    assert (restored.pk, restored.slug, restored.name) == (stub_pk, stub.slug, "A. Lovelace")
    assert paper.authorships.get(position=2).person_id == stub.pk
    assert set(Mentorship.objects.values_list("advisor_id", "advisee_id")) == {
        (babbage.pk, stub.pk),
        (stub.pk, ada.pk),
    }
    assert Award.objects.get().person_id == stub.pk
    assert Claim.objects.get().person_id == stub.pk
    assert sorted(PersonName.objects.filter(person=stub).values_list("name", flat=True)) == [
        "A. Lovelace",
        "Ada Lovelace",
    ]
    assert list(ada.names.values_list("name", flat=True)) == ["Ada Lovelace"]
    record.refresh_from_db()
    assert record.is_reverted
    with pytest.raises(ValueError):
        revert_merge(record)


def test_an_account_moves_with_the_merged_profile_and_back(owner, staff):
    ada = Person.objects.get(owner=owner)
    ada_pk = ada.pk
    stub = make_person("Ada King")
    merge_people(kept=stub, duplicate=ada, by=staff)
    stub.refresh_from_db()
    assert stub.owner == owner and not stub.is_stub
    revert_merge(MergeRecord.objects.get())
    stub.refresh_from_db()
    assert stub.owner is None and Person.objects.get(owner=owner).pk == ada_pk


@pytest.mark.parametrize("case", ["self", "two-accounts"])
def test_merges_that_are_refused(owner, other_user, staff, case):
    ada = Person.objects.get(owner=owner)
    other = ada if case == "self" else make_person("Brook Taylor", owner=other_user)
    with pytest.raises(ValueError):
        merge_people(kept=ada, duplicate=other, by=staff)
    assert Person.objects.filter(pk=other.pk).exists()


def test_staff_merge_and_revert_on_the_pages(client, pair, staff):
    ada, stub, *_ = pair
    client.force_login(staff)
    page = client.get(f"/edit/people/{ada.slug}/merge/")
    assert page.status_code == 200
    response = client.post(f"/edit/people/{ada.slug}/merge/", {"duplicate": stub.slug})
    assert response["Location"] == f"/edit/people/{ada.slug}/history/"
    history = client.get(response["Location"]).content.decode()
    assert "A. Lovelace</strong> was merged into Ada Lovelace" in history
    record = MergeRecord.objects.get()
    client.post(f"/edit/merges/{record.pk}/revert/")
    assert Person.objects.filter(pk=stub.pk).exists()


@pytest.mark.parametrize(
    ("duplicate", "message"),
    [("no-such-person", "no other person"), ("", "required")],
)
def test_merge_form_validation(client, pair, staff, duplicate, message):
    ada, *_ = pair
    client.force_login(staff)
    response = client.post(f"/edit/people/{ada.slug}/merge/", {"duplicate": duplicate})
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors["duplicate"])
    self_merge = client.post(f"/edit/people/{ada.slug}/merge/", {"duplicate": ada.slug})
    assert "no other person" in " ".join(self_merge.context["form"].errors["duplicate"])


def test_the_merge_page_suggests_people_with_the_same_family_name(client, pair, staff):
    ada, stub, *_ = pair
    client.force_login(staff)
    response = client.get(f"/edit/people/{ada.slug}/merge/")
    assert list(response.context["suggestions"]) == [stub]


def test_staff_merge_two_people_in_the_admin(client, pair, staff):
    ada, stub, *_ = pair
    client.force_login(staff)
    client.post(
        "/admin/profiles/person/",
        {"action": "merge_selected_people", "_selected_action": [ada.pk, stub.pk]},
    )
    assert not Person.objects.filter(pk=stub.pk).exists()
    client.post(
        "/admin/editing/mergerecord/",
        {"action": "revert", "_selected_action": [MergeRecord.objects.get().pk]},
    )
    assert Person.objects.filter(pk=stub.pk).exists()


def test_staff_unlink_authors_in_the_admin(client, pair, staff):
    *_, paper = pair
    client.force_login(staff)
    authorship = paper.authorships.get(position=1)
    client.post(
        "/admin/publications/authorship/",
        {"action": "unlink_selected_authorships", "_selected_action": [authorship.pk]},
    )
    authorship.refresh_from_db()
    assert authorship.person is None and authorship.is_linked_by_hand


def test_an_unlinked_author_stays_unlinked_when_resolution_runs_again(pair, staff):
    from editing.merge import unlink
    from profiles.resolution import resolve_authorships

    *_, paper = pair
    authorship = paper.authorships.get(position=1)
    unlink(authorship)
    CVDocument.objects.create(original_filename="x", sha256="1" * 64)
    assert resolve_authorships([authorship]) == []
    assert Authorship.objects.get(pk=authorship.pk).person is None


def test_a_merge_works_on_fresh_rows_and_refuses_a_person_merged_away(owner, staff):
    kept = Person.objects.get(owner=owner)
    duplicate, gone = make_person("A. Lovelace"), make_person("Ada L.")
    stale = Person.objects.get(pk=duplicate.pk)
    Person.objects.filter(pk=duplicate.pk).update(headline="Changed meanwhile")
    record = merge_people(kept=kept, duplicate=stale, by=staff)
    assert record.snapshot[0]["fields"]["headline"] == "Changed meanwhile"
    Person.objects.filter(pk=gone.pk).delete()
    with pytest.raises(ValueError, match="no longer exists"):
        merge_people(kept=kept, duplicate=gone, by=staff)
