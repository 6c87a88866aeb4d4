"""Who advised or supervised a person during one affiliation, as an editor sets it."""

from django.db import transaction

from affiliations.models import Affiliation, Mentorship
from profiles.models import Person, PersonName, unique_slug
from profiles.resolution import name_keys, split_name


def mentor_names(affiliation: Affiliation) -> list[str]:
    return [m.name_as_written or m.advisor.name for m in _mentorships(affiliation)]


@transaction.atomic
def set_mentors(affiliation: Affiliation, names: list[str]) -> None:
    """Keep the mentorships of these names, drop the others, add the new ones.

    A new name links to the one person known by that spelling, else to a new stub,
    the way an import links an advisor.
    """
    current = {m.name_as_written or m.advisor.name: m for m in _mentorships(affiliation)}
    for name, mentorship in current.items():
        if name not in names:
            mentorship.delete()
    role = (
        Mentorship.Role.ADVISOR
        if affiliation.kind == Affiliation.Kind.EDUCATION
        else Mentorship.Role.SUPERVISOR
    )
    for name in names:
        if name in current:
            continue
        mentor = _person_named(name)
        if mentor.pk == affiliation.person_id:
            continue
        Mentorship.objects.get_or_create(
            advisor=mentor,
            advisee_id=affiliation.person_id,
            affiliation=affiliation,
            defaults={"role": role, "name_as_written": name[:200]},
        )


def _mentorships(affiliation: Affiliation) -> list[Mentorship]:
    return list(affiliation.mentorships.select_related("advisor").order_by("pk"))


def _person_named(name: str) -> Person:
    keys = name_keys(name)
    known = set(PersonName.objects.filter(key=keys.lookup).values_list("person_id", flat=True))
    if len(known) == 1:
        return Person.objects.get(pk=known.pop())
    given, family = split_name(name)
    person = Person.objects.create(
        name=name,
        slug=unique_slug(Person, name),
        given_name=" ".join(given),
        family_name=family,
    )
    PersonName.objects.create(person=person, name=name, key=keys.lookup, initials_key=keys.initials)
    return person
