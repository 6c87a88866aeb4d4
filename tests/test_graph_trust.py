"""Nothing goes into the shared graph that its owner did not confirm (issue 12, item 2).

The story of the security review: Brook (``other_user``) uploads a CV listing a paper
"by Ada Lovelace and Brook Hale". Ada (``owner``) owns her profile and never listed it:
it is only proposed to her, on no public page of hers until she accepts; Brook cannot
edit Ada's own papers; Brook's revert of the shared paper keeps it for Ada.
"""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from affiliations.models import Affiliation
from editing.merge import merge_people
from profiles.importing import import_cv_json
from profiles.models import CVDocument, Person
from profiles.resolution import name_keys, resolve_authorships
from publications.models import Authorship, AuthorshipProposal, Publication, Venue
from tests.conftest import (
    make_cv,
    make_document,
    make_organization,
    make_paper,
    make_person,
    make_publication,
    make_venue,
)

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}
TITLE = "Plagiarised Claims Without Me"


def known_by_name(person: Person) -> Person:
    """The person as imports find people: by a spelling of their name."""
    keys = name_keys(person.name)
    person.names.get_or_create(name=person.name, key=keys.lookup, initials_key=keys.initials)
    return person


@pytest.fixture
def ada(owner) -> Person:
    return known_by_name(owner.person)


def web_import(user, cv: dict):
    document = make_document(f"{user.username}-{CVDocument.objects.count()}.md", cv)
    document.uploaded_by = user
    document.save()
    return import_cv_json(cv, document=document, owner=user)


def brooks_cv(*papers) -> dict:
    return make_cv(
        "Brook Hale",
        publications=list(papers) or [make_paper(TITLE, ["Ada Lovelace", "*Brook Hale"])],
    )


@pytest.fixture
def proposed(ada, other_user) -> AuthorshipProposal:
    """Brook's CV lists a paper with Ada, who never listed it."""
    result = web_import(other_user, brooks_cv())
    assert result.proposed == 1
    return AuthorshipProposal.objects.get(person=ada)


def test_the_import_says_how_many_papers_it_proposed(client, ada, other_user):
    cv = brooks_cv(
        make_paper(TITLE, ["Ada Lovelace", "*Brook Hale"]),
        make_paper("Another Claim", ["*Brook Hale", "Ada Lovelace"]),
        make_paper("Brook Alone", ["*Brook Hale"]),
    )
    document = make_document("brook.md", cv)
    document.uploaded_by = other_user
    document.save()
    client.force_login(other_user)
    page = client.post(f"/documents/{document.pk}/import/", follow=True).content.decode()
    assert (
        "Imported brook.md. 2 papers were proposed to co-authors who own profiles here"
        " (counted once per co-author); each goes on their page once they accept it."
    ) in page.replace("&#x27;", "'")
    assert AuthorshipProposal.objects.filter(person=ada).count() == 2


def test_an_import_that_proposes_nothing_says_nothing_of_proposals(client, other_user):
    document = make_document("brook.md", brooks_cv(make_paper("Brook Alone", ["*Brook Hale"])))
    document.uploaded_by = other_user
    document.save()
    client.force_login(other_user)
    page = client.post(f"/documents/{document.pk}/import/", follow=True).content.decode()
    assert "Imported brook.md." in page and "proposed" not in page


def accept(client, owner, proposal) -> None:
    client.force_login(owner)
    url = f"/edit/people/{proposal.person.slug}/proposals/{proposal.pk}/accept/"
    assert client.post(url).status_code == 302
    client.logout()


# --- the import proposes, it does not link -------------------------------------------------


def test_a_co_authors_cv_proposes_the_paper_to_an_owned_profile_without_linking_it(proposed, ada):
    paper = Publication.objects.get(title=TITLE)
    authors = {a.position: a for a in paper.authorships.all()}
    assert authors[1].name == "Ada Lovelace" and authors[1].person is None
    assert authors[2].person.owner.username == "brook"  # on the uploader's own profile
    assert proposed.authorship == authors[1] and proposed.status == "pending"
    assert proposed.document.uploaded_by.username == "brook"


def test_a_stub_co_author_is_still_linked_at_once(other_user):
    web_import(other_user, brooks_cv(make_paper(TITLE, ["Cleo Stub", "*Brook Hale"])))
    cleo = Person.objects.get(name="Cleo Stub")
    assert cleo.owner is None and cleo.authorships.count() == 1
    assert not AuthorshipProposal.objects.exists()


def test_the_owners_own_cv_links_its_own_paper(ada, owner):
    web_import(owner, make_cv("Ada Lovelace", publications=[make_paper(TITLE, ["*Ada Lovelace"])]))
    assert ada.authorships.count() == 1 and not AuthorshipProposal.objects.exists()


def test_a_rejected_proposal_is_never_made_again(client, owner, proposed, other_user):
    client.force_login(owner)
    client.post(f"/edit/people/{proposed.person.slug}/proposals/{proposed.pk}/reject/")
    web_import(other_user, brooks_cv())  # the same CV again
    call_command("resolve", stdout=StringIO())  # and resolution over the graph
    proposed.refresh_from_db()
    assert proposed.status == "rejected" and AuthorshipProposal.objects.count() == 1
    assert not proposed.person.authorships.exists()


def test_resolution_proposes_rather_than_links_an_unlinked_author(ada):
    paper = make_publication(TITLE, ["Ada Lovelace"])
    assert resolve_authorships(list(paper.authorships.all())) == []
    assert AuthorshipProposal.objects.get().person == ada
    assert paper.authorships.get().person is None


# --- no public page shows a proposal --------------------------------------------------------


def public_views(ada: Person, paper: Publication) -> dict[str, str]:
    return {
        "profile": f"/people/{ada.slug}/",
        "coauthors": "/people/brook-hale/coauthors/",
        "bibtex": f"/people/{ada.slug}/publications.bib",
        "csl": f"/people/{ada.slug}/publications.csl.json",
        "resume": f"/people/{ada.slug}/resume.json",
        "cv-json": f"/people/{ada.slug}/cv.json",
        "api-person": f"/api/v1/people/{ada.slug}/",
        "api-publications": f"/api/v1/publications/?person={ada.slug}",
        "api-publication": f"/api/v1/publications/{paper.slug}/",
        "paper": paper.get_absolute_url(),
        "organization": "/organizations/analytical-society/",
    }


def shows_ada_on_it(client, name: str, url: str, ada: Person) -> bool:
    text = client.get(url).content.decode()
    if name in ("paper", "api-publication", "coauthors"):
        return f"/people/{ada.slug}/" in text  # the author named, but not linked to Ada
    return "Plagiarised" in text


@pytest.mark.parametrize(
    "name",
    ["profile", "coauthors", "bibtex", "csl", "resume", "cv-json", "api-person"]
    + ["api-publications", "api-publication", "paper", "organization"],
)
def test_no_public_page_shows_the_paper_on_ada_until_she_accepts(
    client, owner, ada, proposed, name
):
    society = make_organization("Analytical Society")
    Affiliation.objects.create(person=ada, organization=society, kind="research")
    paper = proposed.authorship.publication
    url = public_views(ada, paper)[name]
    assert not shows_ada_on_it(client, name, url, ada)
    accept(client, owner, proposed)
    assert shows_ada_on_it(client, name, url, ada)


def test_search_finds_the_paper_with_its_authors_as_written_never_linking_ada(
    client, ada, proposed
):
    page = client.get("/search/?q=Plagiarised").content.decode()
    assert "Claims Without Me" in page and "Ada Lovelace" in page  # the title highlighted
    assert f"/people/{ada.slug}/" not in page


def test_the_profile_counts_only_accepted_papers(client, owner, ada, proposed):
    make_publication("Notes on the Engine", [ada])
    assert (
        'Publications <span class="muted">(1)</span>'
        in client.get(f"/people/{ada.slug}/").content.decode()
    )
    accept(client, owner, proposed)
    assert (
        'Publications <span class="muted">(2)</span>'
        in client.get(f"/people/{ada.slug}/").content.decode()
    )


# --- the owner's queue ------------------------------------------------------------------------


def test_the_owner_sees_the_queue_on_her_profile_and_nobody_else_does(
    client, owner, other_user, staff, ada, proposed
):
    url = f"/people/{ada.slug}/"
    assert "Papers your co-authors listed" not in client.get(url).content.decode()
    for persona in (other_user, staff):
        client.force_login(persona)
        assert "Papers your co-authors listed" not in client.get(url).content.decode()
    client.force_login(owner)
    page = client.get(url).content.decode()
    assert (
        "Papers your co-authors listed" in page and TITLE in page and "listed by Brook Hale" in page
    )


def test_the_owners_profile_page_costs_one_query_more_for_the_queue(
    client, owner, ada, proposed, django_assert_max_num_queries
):
    client.force_login(owner)
    client.get(f"/people/{ada.slug}/")  # the publications part cached
    # session, user, the person and its prefetched rows (names, affiliations, awards,
    # teaching, projects, skills, sections), mentorships, the graph version, the queue
    # (with papers, venues, CVs and their people), the nav's user.person.
    with django_assert_max_num_queries(14):
        assert client.get(f"/people/{ada.slug}/").status_code == 200


@pytest.mark.parametrize("htmx", [False, True])
def test_accepting_one_puts_it_on_the_profile(client, owner, ada, proposed, htmx):
    client.force_login(owner)
    url = f"/edit/people/{ada.slug}/proposals/{proposed.pk}/accept/"
    response = client.post(url, **(HTMX if htmx else {}))
    if htmx:
        assert response.status_code == 200
        assert "Nothing waiting" in response.content.decode()
    else:
        assert response.status_code == 302 and response["Location"].endswith("#proposals")
    proposed.refresh_from_db()
    assert proposed.status == "accepted" and proposed.decided_at is not None
    authorship = proposed.authorship
    authorship.refresh_from_db()
    assert authorship.person == ada and authorship.is_linked_by_hand


@pytest.mark.parametrize("decision", ["accept", "reject"])
def test_deciding_all_at_once(client, owner, ada, other_user, decision):
    web_import(
        other_user,
        brooks_cv(*(make_paper(f"Paper {n}", ["Ada Lovelace", "*Brook Hale"]) for n in range(3))),
    )
    client.force_login(owner)
    response = client.post(f"/edit/people/{ada.slug}/proposals/all/{decision}/", follow=True)
    assert "3 papers" in response.content.decode()
    assert ada.authorships.count() == (3 if decision == "accept" else 0)
    assert not AuthorshipProposal.objects.filter(status="pending").exists()


def test_only_the_owner_decides(client, other_user, staff, ada, proposed):
    url = f"/edit/people/{ada.slug}/proposals/{proposed.pk}/accept/"
    assert client.post(url)["Location"].startswith("/accounts/login/")
    for persona in (other_user, staff):
        client.force_login(persona)
        assert client.post(url).status_code == 403
    assert client.get(url).status_code == 405
    proposed.refresh_from_db()
    assert proposed.status == "pending"


def test_an_unknown_decision_or_anothers_proposal_is_not_found(
    client, owner, ada, proposed, other_user
):
    client.force_login(owner)
    assert client.post(f"/edit/people/{ada.slug}/proposals/{proposed.pk}/maybe/").status_code == 404
    assert client.post(f"/edit/people/{ada.slug}/proposals/all/maybe/").status_code == 404
    proposed.reject()
    url = f"/edit/people/{ada.slug}/proposals/{proposed.pk}/accept/"
    assert client.post(url).status_code == 404  # decided already


def test_accepting_a_paper_already_on_the_profile_says_why(client, owner, ada, proposed):
    Authorship.objects.create(
        publication=proposed.authorship.publication, position=3, name="A. Lovelace", person=ada
    )
    client.force_login(owner)
    url = f"/edit/people/{ada.slug}/proposals/{proposed.pk}/accept/"
    response = client.post(url, follow=True)
    assert "on your profile already" in response.content.decode()
    proposed.refresh_from_db()
    assert proposed.status == "pending"


# --- who edits a shared paper ------------------------------------------------------------------


def edit_url(paper: Publication) -> str:
    return f"/edit/publications/{paper.slug}/edit/"


def test_the_uploader_edits_the_paper_her_cv_brought_in(client, other_user, proposed):
    client.force_login(other_user)
    assert client.get(edit_url(proposed.authorship.publication)).status_code == 200


def test_the_proposed_author_suggests_until_she_accepts_then_edits(client, owner, proposed):
    paper = proposed.authorship.publication
    client.force_login(owner)
    assert client.get(edit_url(paper)).status_code == 403
    response = client.post(
        f"/edit/publications/{paper.slug}/suggest/", {"text": "I am not an author of this."}
    )
    assert response.status_code == 302
    assert paper.suggestions.get().author == owner
    accept(client, owner, proposed)
    client.force_login(owner)
    assert client.get(edit_url(paper)).status_code == 200
    assert client.get(f"/edit/publications/{paper.slug}/suggest/")["Location"] == edit_url(paper)


def test_brook_cannot_edit_adas_own_papers(client, other_user, ada, owner):
    web_import(
        owner, make_cv("Ada Lovelace", publications=[make_paper("Notes", ["*Ada Lovelace"])])
    )
    web_import(other_user, brooks_cv(make_paper("Notes", ["Ada Lovelace", "*Brook Hale"])))
    adas = ada.authorships.get().publication
    client.force_login(other_user)
    assert client.get(edit_url(adas)).status_code == 403
    assert client.post(edit_url(adas), {"title": "Mine now", "version": 1}).status_code == 403
    adas.refresh_from_db()
    assert adas.title == "Notes"


def test_the_editors_see_suggestions_and_mark_them_done(client, owner, other_user, proposed):
    paper = proposed.authorship.publication
    client.force_login(owner)
    client.post(f"/edit/publications/{paper.slug}/suggest/", {"text": "The year is 1843."})
    suggestion = paper.suggestions.get()
    assert (
        client.post(
            f"/edit/publications/{paper.slug}/suggestions/{suggestion.pk}/done/"
        ).status_code
        == 403
    )
    client.force_login(other_user)
    brook = Person.objects.get(owner=other_user)
    assert "The year is 1843." in client.get(f"/edit/people/{brook.slug}/").content.decode()
    done = client.post(f"/edit/publications/{paper.slug}/suggestions/{suggestion.pk}/done/", **HTMX)
    assert done.status_code == 200
    suggestion.refresh_from_db()
    assert suggestion.resolved_at is not None


def test_an_empty_suggestion_is_refused(client, owner, proposed):
    paper = proposed.authorship.publication
    client.force_login(owner)
    response = client.post(f"/edit/publications/{paper.slug}/suggest/", {"text": ""})
    assert response.status_code == 200 and "This field is required" in response.content.decode()
    assert not paper.suggestions.exists()


# --- reverts and deletes -----------------------------------------------------------------------


def revert_addition(client, user, person: Person, paper: Publication):
    record = Publication.history.get(id=paper.pk, history_type="+")
    client.force_login(user)
    url = f"/edit/people/{person.slug}/history/publication/{record.history_id}/revert/"
    return client.post(url, follow=True)


def test_brooks_revert_of_the_shared_paper_leaves_it_on_adas_profile(
    client, owner, other_user, ada, proposed
):
    paper = proposed.authorship.publication
    accept(client, owner, proposed)
    brook = Person.objects.get(owner=other_user)
    response = revert_addition(client, other_user, brook, paper)
    assert "it stays for the others" in response.content.decode()
    assert Publication.objects.filter(pk=paper.pk).exists()
    assert ada.authorships.filter(publication=paper).exists()
    assert not brook.authorships.filter(publication=paper).exists()


def test_reverting_the_addition_of_ones_own_unshared_paper_deletes_it(client, other_user):
    web_import(other_user, brooks_cv(make_paper("Alone", ["*Brook Hale"])))
    brook = Person.objects.get(owner=other_user)
    paper = Publication.objects.get(title="Alone")
    Publication.documents.through.objects.filter(publication=paper).delete()  # listed by none
    revert_addition(client, other_user, brook, paper)
    assert not Publication.objects.filter(pk=paper.pk).exists()


def test_another_persons_author_link_is_never_reverted_through_ones_history(
    client, owner, other_user, ada, proposed
):
    accept(client, owner, proposed)
    record = Authorship.history.filter(id=proposed.authorship_id).latest("history_date")
    brook = Person.objects.get(owner=other_user)
    client.force_login(other_user)
    url = f"/edit/people/{brook.slug}/history/authorship/{record.history_id}/revert/"
    response = client.post(url, follow=True)
    assert "linked to another person" in response.content.decode()
    assert Authorship.objects.get(pk=proposed.authorship_id).person == ada


# --- unlinking stubs, orphans -------------------------------------------------------------------


@pytest.fixture
def on_a_stub(other_user) -> Authorship:
    web_import(other_user, brooks_cv(make_paper("January", ["Cleo Stub", "*Brook Hale"])))
    return Authorship.objects.get(name="Cleo Stub")


def unlink_url(authorship: Authorship) -> str:
    return f"/edit/publications/{authorship.publication.slug}/authors/{authorship.pk}/unlink/"


def test_the_uploader_takes_her_paper_off_a_stub(client, other_user, on_a_stub):
    brook = Person.objects.get(owner=other_user)
    client.force_login(other_user)
    page = client.get(f"/edit/people/{brook.slug}/").content.decode()
    assert "Take it off Cleo Stub’s page" in page
    assert client.post(unlink_url(on_a_stub)).status_code == 302
    on_a_stub.refresh_from_db()
    assert on_a_stub.person is None and on_a_stub.is_linked_by_hand


def test_nobody_else_unlinks_a_stub_but_staff(client, owner, staff, on_a_stub):
    client.force_login(owner)
    assert client.post(unlink_url(on_a_stub)).status_code == 403
    client.force_login(staff)
    assert client.post(unlink_url(on_a_stub)).status_code == 302
    on_a_stub.refresh_from_db()
    assert on_a_stub.person is None


def test_the_uploader_cannot_unlink_an_owned_co_author(client, owner, other_user, proposed):
    accept(client, owner, proposed)
    client.force_login(other_user)
    assert client.post(unlink_url(proposed.authorship)).status_code == 403


@pytest.mark.parametrize(
    ("model", "admin"), [(Venue, "publications/venue"), (Publication, "publications/publication")]
)
def test_staff_list_and_delete_orphans(client, staff, model, admin):
    linked = make_publication(
        "Linked", [Person.objects.create(name="Z", slug="z")], venue=make_venue("Used")
    )
    orphan = (
        make_publication("Orphan", ["Nobody Linked"])
        if model is Publication
        else make_venue("January")
    )
    kept = linked if model is Publication else linked.venue
    client.force_login(staff)
    listed = client.get(f"/admin/{admin}/?orphan=yes").content.decode()
    assert str(orphan) in listed and str(kept) not in listed
    response = client.post(
        f"/admin/{admin}/",
        {"action": "delete_orphans", "_selected_action": [orphan.pk, kept.pk]},
        follow=True,
    )
    assert "Deleted 1 orphans; kept 1" in response.content.decode()
    assert list(model.objects.all()) == [kept]


# --- privacy by default (item 3) ----------------------------------------------------------------

CONTACT = {
    "emails": ["ada@example.org"],
    "phones": ["+44 20 7946 0000"],
    "address": "12 Engine Row, London",
}
REFEREES = {
    "heading": "Referees",
    "items": ["Prof. Mary Somerville, mary@example.org, +44 20 7946 0001"],
}


@pytest.fixture
def imported_contact(owner, ada) -> Person:
    cv = make_cv(
        "Ada Lovelace",
        person=CONTACT,
        sections=[REFEREES, {"heading": "Talks", "items": ["On engines"]}],
    )
    web_import(owner, cv)
    ada.refresh_from_db()
    return ada


def public_texts(client, person: Person) -> dict[str, str]:
    page = client.get(f"/people/{person.slug}/").content.decode()
    return {
        "html": page,
        "resume": client.get(f"/people/{person.slug}/resume.json").content.decode(),
        "cv-json": client.get(f"/people/{person.slug}/cv.json").content.decode(),
        "api": client.get(f"/api/v1/people/{person.slug}/").content.decode(),
    }


SECRETS = ["7946 0000", "Engine Row", "ada@example.org", "Somerville", "7946 0001"]


def test_phone_address_email_and_referees_are_not_public(client, imported_contact):
    assert imported_contact.phones and imported_contact.address  # imported, kept
    for where, text in public_texts(client, imported_contact).items():
        assert [s for s in SECRETS if s in text] == [], where
    assert "ada at example dot org" in public_texts(client, imported_contact)["html"]
    assert "On engines" in public_texts(client, imported_contact)["html"]


def test_the_owner_sees_her_private_details_marked_private(client, owner, imported_contact):
    client.force_login(owner)
    page = client.get(f"/people/{imported_contact.slug}/").content.decode()
    assert (
        "+44 20 7946 0000" in page and "12 Engine Row" in page and "mailto:ada@example.org" in page
    )
    assert page.count('<span class="badge">private</span>') == 3
    editing = client.get(f"/edit/people/{imported_contact.slug}/").content.decode()
    assert "Somerville" in editing  # the referees, on her editing page only


@pytest.mark.parametrize("htmx", [False, True])
def test_publishing_shows_them_everywhere(client, owner, imported_contact, htmx):
    client.force_login(owner)
    url = f"/edit/people/{imported_contact.slug}/privacy/"
    data = {
        "email_visibility": "plain",
        "is_phone_public": "on",
        "is_address_public": "on",
        "version": imported_contact.version,
    }
    response = client.post(url, data, **(HTMX if htmx else {}))
    assert response.status_code == (200 if htmx else 302)
    client.logout()
    texts = public_texts(client, imported_contact)
    for where in ("html", "resume", "cv-json"):
        assert "7946 0000" in texts[where] and "Engine Row" in texts[where], where
        assert "ada@example.org" in texts[where]
    assert json.loads(texts["api"])["emails"] == ["ada@example.org"]
    assert "Somerville" not in "".join(texts.values())  # referees: never


def test_a_hidden_email_is_not_shown_at_all(client, owner, imported_contact):
    imported_contact.email_visibility = Person.EmailVisibility.HIDDEN
    imported_contact.save()
    assert "example dot org" not in public_texts(client, imported_contact)["html"]


def test_only_the_owner_changes_what_is_shown(client, other_user, imported_contact):
    client.force_login(other_user)
    url = f"/edit/people/{imported_contact.slug}/privacy/"
    assert client.post(url, {"is_phone_public": "on", "version": 1}).status_code == 403
    imported_contact.refresh_from_db()
    assert not imported_contact.is_phone_public


def test_a_merge_carries_the_duplicates_proposals_with_their_answers(
    client, owner, staff, ada, proposed
):
    proposed.reject()
    duplicate = make_person("Ada King")
    ada.owner, duplicate.owner = None, owner  # the account is the duplicate's
    ada.save()
    duplicate.save()
    proposed.person = duplicate
    proposed.save()
    merge_people(kept=ada, duplicate=duplicate, by=staff)
    proposed.refresh_from_db()
    assert proposed.person == ada and proposed.status == "rejected"


def test_deciding_in_the_queue_costs_a_fixed_number_of_queries(
    client, owner, ada, other_user, django_assert_max_num_queries
):
    web_import(
        other_user,
        brooks_cv(*(make_paper(f"Paper {n}", ["Ada Lovelace", "*Brook Hale"]) for n in range(4))),
    )
    first, *others = AuthorshipProposal.objects.order_by("pk")
    client.force_login(owner)
    # session, user, person; the proposal (with paper, venue, CV, person); savepoint,
    # the author locked, the person's other authorships, the author saved and its
    # history and graph version, the proposal saved, savepoint released; the queue again.
    with django_assert_max_num_queries(16):
        response = client.post(f"/edit/people/{ada.slug}/proposals/{first.pk}/accept/", **HTMX)
    assert response.content.decode().count('<li id="proposal-') == len(others)
