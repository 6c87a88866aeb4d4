"""Links to owned profiles as proposals: no CV but its owner's puts a paper on a profile
someone owns (ORCID's rule: the owner decides what their record shows)."""

from collections.abc import Iterable

from profiles.models import CVDocument, Person
from publications.models import Authorship, AuthorshipProposal


def owned_by_others(people: Iterable[int | None], *, allowed: Iterable[int]) -> set[int]:
    """Of these people, those with an owner, but for ``allowed`` (the CV's own person, or
    the people whose CVs list the paper): an author may be linked to these only by their
    owner's acceptance. Stubs and unowned profiles link at once."""
    wanted = {pk for pk in people if pk is not None} - set(allowed)
    if not wanted:
        return set()
    return set(
        Person.objects.filter(pk__in=wanted, owner__isnull=False).values_list("pk", flat=True)
    )


def propose(
    links: Iterable[tuple[Authorship, int]], *, document: CVDocument | None = None
) -> list[AuthorshipProposal]:
    """Propose each saved authorship to the person it names, unless proposed before:
    a proposal rejected (or accepted, then undone) is never made again."""
    links = list(links)
    if not links:
        return []
    known = set(
        AuthorshipProposal.objects.filter(
            authorship__in=[a.pk for a, _ in links], person__in={p for _, p in links}
        ).values_list("authorship_id", "person_id")
    )
    fresh = {
        (authorship.pk, person): AuthorshipProposal(
            authorship=authorship, person_id=person, document=document
        )
        for authorship, person in links
        if (authorship.pk, person) not in known
    }
    return AuthorshipProposal.objects.bulk_create(fresh.values(), ignore_conflicts=True)
