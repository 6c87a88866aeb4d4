"""Staff can list and edit every model in the admin."""

import json

import pytest
from django.apps import apps
from django.contrib import admin
from django.forms.models import model_to_dict
from django.urls import reverse

from affiliations.models import Affiliation, Mentorship
from awards.models import Award
from profiles.models import CVDocument, PersonName, ProfileSection, Project, Skill, Teaching
from publications.admin import PublicationAdmin
from publications.models import Authorship, AuthorshipProposal, Publication

from .conftest import make_organization, make_person, make_publication, make_venue

OUR_APPS = {"profiles", "affiliations", "publications", "awards"}
# simple_history's Historical* models are shown through each model's own admin.
OUR_MODELS = [
    m
    for m in apps.get_models()
    if m._meta.app_label in OUR_APPS and not m._meta.model_name.startswith("historical")
]


@pytest.fixture
def one_of_everything(db):
    ada, charles = make_person("Ada Lovelace", is_stub=False), make_person("Charles Babbage")
    org = make_organization("University of London")
    affiliation = Affiliation.objects.create(
        person=ada, organization=org, kind="education", title="B.Sc.", start="1830", end="1835"
    )
    Mentorship.objects.create(advisor=charles, advisee=ada, affiliation=affiliation)
    paper = make_publication("On Engines", [ada, "C. Babbage"], venue=make_venue("Engines", "ENG"))
    AuthorshipProposal.objects.create(authorship=paper.authorships.get(position=2), person=charles)
    PersonName.objects.create(person=ada, name="A. Lovelace", key="a lovelace")
    CVDocument.objects.create(original_filename="ada.md", sha256="0" * 64, file="cv/ada.md")
    Award.objects.create(person=ada, title="Medal", year=1990)
    Teaching.objects.create(person=ada, course="Mathematics", role="Tutor")
    Project.objects.create(person=ada, name="Notes")
    Skill.objects.create(person=ada, category="Languages", name="French")
    ProfileSection.objects.create(person=ada, heading="Talks", items=["On engines"])
    assert Authorship.objects.count() == 2


def test_every_model_is_registered():
    assert [m for m in OUR_MODELS if not admin.site.is_registered(m)] == []


@pytest.mark.parametrize("model", OUR_MODELS, ids=lambda m: m._meta.label)
def test_changelist_and_change_form_render(client, staff, one_of_everything, model):
    client.force_login(staff)
    opts = model._meta
    changelist = client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))
    assert changelist.status_code == 200
    searched = client.get(
        reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"), {"q": "a"}
    )
    assert searched.status_code == 200
    obj = model.objects.first()
    change = client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk]))
    assert change.status_code == 200
    add = client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_add"))
    assert add.status_code == 200
    history = client.get(
        reverse(f"admin:{opts.app_label}_{opts.model_name}_history", args=[obj.pk])
    )
    assert history.status_code == 200


def test_anonymous_is_sent_to_the_admin_login(client, db):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response.url.startswith("/admin/login/")


BIBLIOGRAPHIC_FIELDS = (
    "entry_type",
    "thesis_degree",
    "volume",
    "issue",
    "publisher",
    "editors",
    "isbn",
    "arxiv_id",
)


def test_staff_see_and_change_a_publications_bibliographic_fields(client, staff, rf):
    thesis = make_publication(
        "On Engines", ["Ada Lovelace"], year=1943, entry_type="thesis", thesis_degree="masters"
    )
    make_publication("On Looms", ["Ada Lovelace"], year=1944, entry_type="article")
    client.force_login(staff)
    url = reverse("admin:publications_publication_changelist")
    listed = client.get(url, {"thesis_degree__exact": "masters"}).content.decode()
    assert "On Engines" in listed and "On Looms" not in listed
    change = client.get(reverse("admin:publications_publication_change", args=[thesis.pk]))
    for name in BIBLIOGRAPHIC_FIELDS:
        assert f'name="{name}"' in change.content.decode()
    request = rf.get(url)
    request.user = staff
    form_class = PublicationAdmin(Publication, admin.site).get_form(request, thesis)
    data = {
        name: json.dumps(value) if isinstance(value, list | dict) else value
        for name, value in model_to_dict(thesis, exclude=["documents"]).items()
        if value is not None
    }
    data |= {"editors": '["Augustus De Morgan"]', "volume": "2", "thesis_degree": "doctoral"}
    form = form_class(data, instance=thesis)
    assert form.is_valid(), form.errors
    form.save()
    thesis.refresh_from_db()
    assert (thesis.editors, thesis.volume, thesis.thesis_degree) == (
        ["Augustus De Morgan"],
        "2",
        "doctoral",
    )
