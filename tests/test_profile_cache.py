"""The profile page's cached publications part: never served once a row it shows changed.

Each write path is checked the way a visitor would see it: the profile is viewed (and
so cached), the graph is written, and the next view shows the change.
"""

import pytest
from django.db import transaction
from pytest_django.asserts import assertContains, assertNotContains

from config import release as release_module
from editing.history import revert
from editing.merge import merge_people, unlink
from profiles import graph_version
from profiles.bulk import update_with_history
from profiles.importing import import_cv_json
from publications.models import Authorship, Publication
from tests.browse_data import build_graph
from tests.conftest import make_cv, make_document, make_paper, make_person, make_publication


@pytest.fixture
def graph(db):
    return build_graph()


def profile_of(client, person):
    response = client.get(person.get_absolute_url())
    assert response.status_code == 200
    return response


# --- the version number


def test_every_bump_moves_the_version_at_once(db):
    first = graph_version.current()
    graph_version.bump()
    assert graph_version.current() != first


@pytest.mark.django_db(transaction=True)
def test_a_transaction_bumps_at_each_write_and_once_more_at_commit():
    paper = make_publication("A Paper")
    seen = {graph_version.current()}
    with transaction.atomic():
        for title in ("One", "Two", "Three"):
            paper.title = title
            paper.save()
            seen.add(graph_version.current())  # a new version, seen inside the transaction
        pending = transaction.get_connection().run_on_commit
        assert len([f for _, f, _ in pending if isinstance(f, graph_version._Pending)]) == 1
    assert len(seen) == 4
    assert graph_version.current() not in seen  # and a new one once it committed


def test_a_lost_version_starts_again_at_a_new_number(db):
    first = graph_version.current()
    graph_version.page_cache().delete(graph_version.KEY)
    assert graph_version.current() not in (first, None)


@pytest.mark.parametrize(
    "write",
    [
        lambda g: g.distserve.save(),
        lambda g: g.osdi.save(),
        lambda g: g.stub.save(),
        lambda g: Authorship.objects.filter(publication=g.distserve).first().save(),
        lambda g: g.preprint.delete(),
        lambda g: Publication.objects.filter(pk=g.distserve.pk).update(pages="1-2"),
        lambda g: Authorship.objects.bulk_create(
            [Authorship(publication=g.preprint, position=3, name="New Author")]
        ),
        lambda g: Publication.objects.bulk_update([g.distserve], ["title"]),
    ],
    ids=[
        "publication saved",
        "venue saved",
        "person saved",
        "authorship saved",
        "publication deleted",
        "queryset update",
        "bulk create",
        "bulk update",
    ],
)
def test_writes_to_what_the_part_shows_bump_the_version(graph, write):
    before = graph_version.current()
    write(graph)
    assert graph_version.current() != before


def test_the_release_digest_follows_the_code(settings, tmp_path):
    settings.BASE_DIR = tmp_path
    (tmp_path / "views.py").write_text("A = 1\n")
    (tmp_path / ".venv").mkdir()
    (tmp_path / ".venv" / "site.py").write_text("ignored\n")
    release_module.release.cache_clear()
    try:
        first = release_module.release()
        (tmp_path / ".venv" / "site.py").write_text("still ignored\n")
        release_module.release.cache_clear()
        assert release_module.release() == first
        (tmp_path / "views.py").write_text("A = 2\n")
        release_module.release.cache_clear()
        assert release_module.release() != first
    finally:
        release_module.release.cache_clear()


# --- the page


def test_the_second_view_takes_the_part_from_the_cache(client, graph, django_assert_num_queries):
    first = profile_of(client, graph.yinmin)
    # the person's id for the ETag (1), person and its related lists (8), advisors and
    # advisees (1): no publications, authors
    with django_assert_num_queries(10):
        second = profile_of(client, graph.yinmin)
    part = first.content.decode().split('<section aria-labelledby="publications-heading">')[1]
    assertContains(second, part.split("</section>")[0])  # the same citations


def test_a_stubs_page_names_who_lists_it_from_the_cache_too(client, graph):
    """The stub notice names the co-authors with a CV; on a second view they come
    with the cached part."""
    yinmin = f'<a href="{graph.yinmin.get_absolute_url()}">Yinmin Zhong</a>'
    for _ in range(2):
        page = profile_of(client, graph.stub).content.decode()
        notice = page.split("Known from other CVs")[1].split("</section>")[0]
        assert yinmin in notice


def test_a_saved_title_shows_at_once(client, graph):
    profile_of(client, graph.yinmin)
    graph.distserve.title = "DistServe, Renamed"
    graph.distserve.save()
    assertContains(profile_of(client, graph.yinmin), "DistServe, Renamed")


def test_a_renamed_venue_shows_at_once(client, graph):
    profile_of(client, graph.yinmin)
    graph.osdi.short_name = "OSDI-NEW"
    graph.osdi.save()
    assertContains(profile_of(client, graph.yinmin), "OSDI-NEW")


def test_a_bulk_update_shows_at_once(client, graph):
    profile_of(client, graph.yinmin)
    graph.megascale.title = "MegaScale, Bulk-Updated"
    update_with_history(Publication, [graph.megascale], ["title"])
    assertContains(profile_of(client, graph.yinmin), "MegaScale, Bulk-Updated")


def test_an_unlinked_coauthor_is_no_longer_a_link(client, graph):
    stub_url = graph.stub.get_absolute_url()
    assertContains(profile_of(client, graph.yinmin), f'href="{stub_url}"')
    for authorship in graph.stub.authorships.all():
        unlink(authorship)
    assertNotContains(profile_of(client, graph.yinmin), f'href="{stub_url}"')


def test_a_merged_coauthor_links_to_the_person_kept(client, graph, staff):
    kept = make_person("Shengyu Liu-Kept", is_stub=False)
    profile_of(client, graph.yinmin)
    merge_people(kept=kept, duplicate=graph.stub, by=staff)
    page = profile_of(client, graph.yinmin)
    assertContains(page, f'href="{kept.get_absolute_url()}"')


def test_a_stub_with_a_cv_loses_its_no_cv_mark(client, graph):
    assertContains(profile_of(client, graph.yinmin), "no CV")
    graph.stub.is_stub = False
    graph.stub.save()
    assertNotContains(profile_of(client, graph.yinmin), "no CV")


def test_an_imported_cv_shows_at_once(client, graph, other_user):
    graph.yinmin.owner = other_user
    graph.yinmin.save()
    profile_of(client, graph.yinmin)
    cv = make_cv(
        "Yinmin Zhong",
        publications=[make_paper("A Paper From Her New CV", ["*Yinmin Zhong", "Xin Jin"])],
    )
    import_cv_json(cv, document=make_document("new.md", cv), owner=other_user)
    assertContains(profile_of(client, graph.yinmin), "A Paper From Her New CV")


def test_a_reverted_change_shows_at_once(client, graph):
    graph.distserve.title = "A Title To Revert"
    graph.distserve.save()
    assertContains(profile_of(client, graph.yinmin), "A Title To Revert")
    revert(graph.distserve.history.first())
    assertNotContains(profile_of(client, graph.yinmin), "A Title To Revert")


def test_a_removed_paper_leaves_the_profile(client, graph):
    assertContains(profile_of(client, graph.yinmin), "Speculative")
    graph.preprint.delete()
    assertNotContains(profile_of(client, graph.yinmin), "Speculative")


def test_a_new_paper_joins_the_profile(client, graph):
    profile_of(client, graph.yinmin)
    make_publication("A Brand New Paper", [graph.yinmin])
    assertContains(profile_of(client, graph.yinmin), "A Brand New Paper")


def test_editors_and_visitors_each_get_their_own_copy(client, owner):
    person = owner.person
    make_publication("Notes on the Analytical Engine", [person])
    edit_tool = "Edit this publication"
    assertNotContains(profile_of(client, person), edit_tool)
    client.force_login(owner)
    assertContains(profile_of(client, person), edit_tool)
    client.logout()
    assertNotContains(profile_of(client, person), edit_tool)


def test_new_code_draws_the_part_anew(client, graph, monkeypatch, django_assert_num_queries):
    """After a deploy (the cache outlives the old processes) nothing the old code drew is
    served: the publications and their authors are read again."""
    profile_of(client, graph.yinmin)
    monkeypatch.setattr("profiles.views.release", lambda: "another-release")
    with django_assert_num_queries(12):
        profile_of(client, graph.yinmin)
