"""Staff can list and edit every model in the admin."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

from affiliations.models import Affiliation, Mentorship
from awards.models import Award
from profiles.models import CVDocument, PersonName, ProfileSection, Project, Skill, Teaching
from publications.models import Authorship, AuthorshipProposal

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
