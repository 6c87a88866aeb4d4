"""The people directory's filters: one GET form that narrows and orders the queryset."""

from __future__ import annotations

from django import forms
from django.db.models import QuerySet

from affiliations.models import Affiliation
from profiles.models import Person
from search.engine import PEOPLE, search

ROLES = {
    Affiliation.Kind.EDUCATION: "Student",
    Affiliation.Kind.EMPLOYMENT: "Employed",
    Affiliation.Kind.RESEARCH: "Researcher",
    Affiliation.Kind.INTERNSHIP: "Intern",
    Affiliation.Kind.VISITING: "Visitor",
}
PAGE_SIZE = 25


class DirectoryForm(forms.Form):
    q = forms.CharField(required=False, max_length=200, label="Name")
    organization = forms.CharField(required=False, max_length=300, label="Organization")
    interest = forms.CharField(required=False, max_length=200, label="Research interest")
    role = forms.ChoiceField(
        required=False, label="Current role", choices=[("", "Any role"), *ROLES.items()]
    )
    show = forms.ChoiceField(
        required=False,
        label="Show",
        choices=[("", "Everyone"), ("profiles", "Profiles only"), ("stubs", "Co-authors only")],
    )
    sort = forms.ChoiceField(
        required=False,
        label="Sort by",
        choices=[("", "Best match or name"), ("name", "Name"), ("recent", "Recently updated")],
    )

    def people(self) -> QuerySet[Person]:
        """The people matching the valid filters (an invalid one is ignored)."""
        self.is_valid()
        data = {name: self.cleaned_data.get(name) or "" for name in self.fields}
        people = Person.objects.all()
        if data["organization"]:
            people = people.in_organization(data["organization"])
        if data["interest"]:
            people = people.with_interest(data["interest"])
        if data["role"]:
            people = people.with_role(data["role"])
        if data["show"] == "profiles":
            people = people.filter(is_stub=False)
        elif data["show"] == "stubs":
            people = people.filter(is_stub=True)
        if data["q"] and not data["sort"]:
            return search(people, PEOPLE, data["q"])
        if data["q"]:
            people = search(people, PEOPLE, data["q"])
        if data["sort"] == "recent":
            return people.order_by("-updated_at", "pk")
        return people.order_by("family_name", "given_name", "pk")
