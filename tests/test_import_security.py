"""A web user's CV import takes nothing of others: no profile, no author link, no paper.

Each test plays one attack from the security review and shows it refused; the trusted
command line keeps its behaviour (a stub becomes the profile, papers merge across CVs).
"""

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile

from editing import review
from profiles.importing import CVImportError, import_cv_json
from profiles.models import CVDocument, Person
from profiles.resolution import name_keys
from publications.models import Authorship, Publication
from tests.conftest import make_cv, make_document, make_paper, make_person, make_publication

pytestmark = pytest.mark.django_db


def named(name: str, **fields) -> Person:
    """A person known by that name, as imports and the review find people."""
    person = make_person(name, **fields)
    keys = name_keys(name)
    person.names.create(name=name, key=keys.lookup, initials_key=keys.initials)
    return person


def web_document(user, cv_json: dict) -> CVDocument:
    document = CVDocument(
        uploaded_by=user,
        original_filename="cv.md",
        sha256="1" * 64,
        format="markdown",
        cv_json=cv_json,
        status=CVDocument.Status.PARSED,
    )
    document.file.save("cv.md", ContentFile(b"# CV\n"), save=False)
    document.save()
    return document


@pytest.fixture
def signed_in(client, other_user):
    cache.clear()
    client.force_login(other_user)
    return other_user


# --- 1. a profile nobody owns is not taken over ------------------------------------------


def test_a_web_import_makes_a_new_profile_and_leaves_the_unowned_one_alone(other_user):
    unowned = named("Ada Lovelace", is_stub=False, homepage="https://ada.example")
    stub = named("Ada Lovelace")
    cv = make_cv("Ada Lovelace", publications=[make_paper("Notes", ["*Ada Lovelace"])])
    result = import_cv_json(cv, document=make_document(), owner=other_user)
    assert result.person not in (unowned, stub)
    assert result.person.owner == other_user and not result.person.is_stub
    unowned.refresh_from_db()
    stub.refresh_from_db()
    assert unowned.owner is None and stub.owner is None and stub.is_stub
    assert set(result.claimable) == {unowned, stub}


def test_the_web_import_says_an_unowned_profile_may_be_theirs(client, signed_in):
    unowned = named("Ada Lovelace", is_stub=False)
    document = web_document(signed_in, make_cv("Ada Lovelace"))
    response = client.post(f"/documents/{document.pk}/import/", follow=True)
    assert "A profile named Ada Lovelace already exists" in response.content.decode()
    unowned.refresh_from_db()
    assert unowned.owner is None
    assert Person.objects.get(owner=signed_in) != unowned


def test_the_trusted_import_still_makes_the_stub_the_owners_profile(other_user):
    stub = named("Ada Lovelace")
    cv = make_cv("Ada Lovelace")
    result = import_cv_json(cv, document=make_document(), owner=other_user, trusted=True)
    stub.refresh_from_db()
    assert result.person == stub and stub.owner == other_user and not stub.is_stub


# --- 2. the review's picks ------------------------------------------------------------


def test_a_pick_not_offered_or_owned_by_another_is_refused(client, signed_in, django_user_model):
    victim = django_user_model.objects.create_user("victim", password="x" * 12)
    owned, free = named("Grace Hopper", owner=victim, is_stub=False), named("Grace Hopper")
    stranger = named("Alan Turing")  # not a Grace Hopper: never offered for her
    cv = make_cv(
        "Ada Lovelace", publications=[make_paper("Notes", ["*Ada Lovelace", "Grace Hopper"])]
    )
    document = web_document(signed_in, cv)
    url = f"/documents/{document.pk}/publications/0/pick/"
    assert client.post(url, {"author": "1", "choice": str(owned.pk)}).status_code == 404
    assert client.post(url, {"author": "1", "choice": str(stranger.pk)}).status_code == 404
    assert client.post(url, {"author": "1", "choice": str(free.pk)}).status_code == 302
    document.refresh_from_db()
    assert document.cv_json["publications"][0]["authors"][1]["x_person_id"] == free.pk


@pytest.mark.parametrize("whom", ["owned", "stranger"])
def test_the_import_rechecks_a_pick_written_into_the_draft(other_user, django_user_model, whom):
    victim = django_user_model.objects.create_user("victim", password="x" * 12)
    picked = (
        named("Grace Hopper", owner=victim, is_stub=False)
        if whom == "owned"
        else named("Alan Turing")
    )
    paper = make_paper("Notes", ["*Ada Lovelace", "Grace Hopper"])
    paper["authors"][1]["x_person_id"] = picked.pk
    with pytest.raises(CVImportError, match="cannot be Grace Hopper"):
        import_cv_json(
            make_cv("Ada Lovelace", publications=[paper]),
            document=make_document(),
            owner=other_user,
        )
    assert not Person.objects.filter(owner=other_user).exists()


@pytest.mark.parametrize("by_hand", [True, False])
@pytest.mark.parametrize("pick", ["unlink", "other"])
def test_a_pick_may_not_change_a_linked_author_of_a_known_paper(owner, by_hand, pick):
    ada = Person.objects.get(owner=owner)
    grace, namesake = named("Grace Hopper"), named("Grace Hopper")
    publication = make_publication("Notes", [ada, grace])
    Authorship.objects.filter(person=grace).update(is_linked_by_hand=by_hand)
    paper = make_paper("Notes", ["*Ada Lovelace", "Grace Hopper"])
    paper["authors"][1] |= (
        {"x_unlinked": True} if pick == "unlink" else {"x_person_id": namesake.pk}
    )
    with pytest.raises(CVImportError, match="already links that author"):
        import_cv_json(
            make_cv("Ada Lovelace", publications=[paper]), document=make_document(), owner=owner
        )
    author = publication.authorships.get(position=2)
    assert (author.person, author.is_linked_by_hand) == (grace, by_hand)


def test_a_pick_may_link_an_unlinked_author_of_ones_own_known_paper(owner):
    ada = Person.objects.get(owner=owner)
    grace = named("Grace Hopper")
    named("Grace Hopper")
    publication = make_publication("Notes", [ada, "Grace Hopper"])
    paper = make_paper("Notes", ["*Ada Lovelace", "Grace Hopper"])
    paper["authors"][1]["x_person_id"] = grace.pk
    import_cv_json(
        make_cv("Ada Lovelace", publications=[paper]), document=make_document(), owner=owner
    )
    author = publication.authorships.get(position=2)
    assert (author.person, author.is_linked_by_hand) == (grace, True)


# --- 3. another's paper is not written into ----------------------------------------------


def test_a_web_import_does_not_write_into_another_persons_paper(owner):
    grace = named("Grace Hopper", is_stub=False)
    theirs = make_publication("Notes", [grace], doi="10.1/notes", year=1950)
    paper = make_paper(
        "Notes", ["*Ada Lovelace", "Grace Hopper"], doi="10.1/notes", pages="1-9", year=1950
    )
    paper["links"] = [{"label": "pdf", "url": "https://evil.example"}]
    result = import_cv_json(
        make_cv("Ada Lovelace", publications=[paper]), document=make_document(), owner=owner
    )
    theirs.refresh_from_db()
    assert (theirs.pages, theirs.links) == ("", [])
    assert list(theirs.authorships.values_list("person", flat=True)) == [grace.pk]
    # The user's paper is kept, as a paper of its own, on their profile.
    mine = Publication.objects.exclude(pk=theirs.pk).get(title="Notes")
    assert mine.pages == "1-9" and mine.doi == ""  # the DOI is the other paper's
    assert mine.authorships.get(position=1).person == result.person


def test_a_web_import_merges_into_a_paper_listing_the_owner_unlinked(owner):
    ada = Person.objects.get(owner=owner)
    known = make_publication("Notes", ["Ada Lovelace", "Grace Hopper"], year=1950)
    paper = make_paper("Notes", ["*Ada Lovelace", "Grace Hopper"], pages="1-9", year=1950)
    import_cv_json(
        make_cv("Ada Lovelace", publications=[paper]), document=make_document(), owner=owner
    )
    known.refresh_from_db()
    assert Publication.objects.count() == 1 and known.pages == "1-9"
    assert known.authorships.get(position=1).person == ada


def test_the_trusted_import_merges_across_cvs_and_fills_only_empty_fields():
    grace = named("Grace Hopper", is_stub=False)
    known = make_publication("Notes", [grace], year=1950, venue_name="Hand-set")
    known.edited_fields = ["pages"]
    known.save()
    paper = make_paper(
        "Notes", ["*Ada Lovelace", "Grace Hopper"], pages="1-9", year=1950, venue="Other"
    )
    import_cv_json(make_cv("Ada Lovelace", publications=[paper]), document=make_document())
    known.refresh_from_db()
    assert Publication.objects.count() == 1
    assert (known.pages, known.venue_name) == ("", "Hand-set")


# --- 5. removing a missing paper unlinks, never deletes the shared author row -------------


def test_remove_missing_unlinks_the_owners_authorship(owner):
    ada = Person.objects.get(owner=owner)
    grace = named("Grace Hopper", is_stub=False)
    shared = make_publication("Notes", [ada, grace])
    removed = review.remove_missing(ada, make_cv("Ada Lovelace"), {f"publications:{shared.pk}"})
    assert removed == 1
    rows = list(shared.authorships.order_by("position").values_list("name", "person"))
    assert rows == [("Ada Lovelace", None), ("Grace Hopper", grace.pk)]
    assert shared.authorships.get(position=1).is_linked_by_hand


# --- 6. script and data URLs from a CV are never stored -------------------------------------

SCRIPT_URLS = ["javascript:alert(1)", "JavaScript:alert(1)", " java\tscript:alert(1)"]
SCRIPT_URLS += ["data:text/html,<script>alert(1)</script>", "VBScript:msgbox(1)"]


@pytest.mark.parametrize("url", SCRIPT_URLS)
def test_script_and_data_urls_are_dropped_at_import(url):
    safe = {"label": "Home", "url": "https://ada.example.org"}
    paper = make_paper("Notes", ["*Ada Lovelace"], links=[{"label": "Run", "url": url}, safe])
    cv = make_cv(
        "Ada Lovelace",
        person={"homepage": url, "links": [safe, {"label": "Evil", "url": url}]},
        publications=[paper],
        projects=[{"name": "Engine", "description": None, "url": url}],
    )
    import_cv_json(cv, document=make_document())
    ada = Person.objects.get(name="Ada Lovelace")
    assert ada.homepage == ""
    assert ada.links == [safe]
    assert Publication.objects.get().links == [safe]
    assert ada.projects.get().url == ""
