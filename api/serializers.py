"""Plain dicts for the JSON API; each takes rows loaded by a ``for_*()`` queryset."""

from __future__ import annotations

from collections.abc import Callable

from django.urls import reverse

from affiliations.models import Affiliation, Organization
from profiles.models import Person
from profiles.profile import Mentor, Profile
from publications.exports import main_url, venue_name
from publications.models import Publication, Venue
from publications.queries import Author

Absolute = Callable[[str], str]


def person_summary(person: Person, absolute: Absolute) -> dict:
    return _person_link(
        person.slug, person.name, person.is_stub, person.get_absolute_url(), absolute
    )


def link_summary(link: Author | Mentor, absolute: Absolute) -> dict:
    """A linked author, advisor or advisee as ``person_summary`` gives a person."""
    return _person_link(link.slug, link.name, link.is_stub, link.url, absolute)


def _person_link(slug: str, name: str, is_stub: bool, page: str, absolute: Absolute) -> dict:
    return {
        "slug": slug,
        "name": name,
        "is_stub": is_stub,
        "url": absolute(reverse("api:person-detail", args=[slug])),
        "html_url": absolute(page),
    }


def _affiliation(affiliation: Affiliation, absolute: Absolute) -> dict:
    organization = affiliation.organization
    return {
        "kind": affiliation.kind,
        "title": affiliation.title,
        "field": affiliation.field,
        "department": affiliation.department,
        "organization": organization_summary(organization, absolute) if organization else None,
        "organization_name": organization.name if organization else affiliation.organization_name,
        "start": affiliation.start or None,
        "end": affiliation.end or None,
    }


def person_detail(profile: Profile, absolute: Absolute) -> dict:
    person = profile.person
    return {
        **person_summary(person, absolute),
        "headline": person.headline,
        "given_name": person.given_name,
        "family_name": person.family_name,
        "bio": person.bio,
        "emails": person.public_emails(),
        "homepage": person.homepage,
        "links": person.links,
        "research_interests": person.research_interests,
        "affiliations": [
            _affiliation(entry.affiliation, absolute)
            for entry in profile.positions + profile.education
        ],
        "advisors": [link_summary(m, absolute) for m in profile.advisors],
        "advisees": [link_summary(m, absolute) for m in profile.advisees],
        "coauthors": [
            {**link_summary(c.author, absolute), "shared_publications": c.shared}
            for c in profile.coauthors
        ],
        "publications": [publication_summary(p, absolute) for p in profile.publications],
    }


def venue_summary(venue: Venue, absolute: Absolute) -> dict:
    return {
        "slug": venue.slug,
        "name": venue.name,
        "short_name": venue.short_name,
        "kind": venue.kind,
        "url": absolute(reverse("api:venue-detail", args=[venue.slug])),
        "html_url": absolute(venue.get_absolute_url()),
    }


def organization_summary(organization: Organization, absolute: Absolute) -> dict:
    return {
        "slug": organization.slug,
        "name": organization.name,
        "kind": organization.kind,
        "country": organization.country,
        "url": absolute(reverse("api:organization-detail", args=[organization.slug])),
        "html_url": absolute(organization.get_absolute_url()),
    }


def organization_detail(organization: Organization, absolute: Absolute) -> dict:
    return {
        **organization_summary(organization, absolute),
        "aliases": organization.aliases,
        "parent": organization_summary(organization.parent, absolute)
        if organization.parent
        else None,
        "units": [organization_summary(c, absolute) for c in organization.children.all()],
    }


def publication_summary(publication: Publication, absolute: Absolute) -> dict:
    return {
        "slug": publication.slug,
        "title": publication.title,
        "year": publication.year,
        "venue": venue_summary(publication.venue, absolute) if publication.venue else None,
        "venue_name": venue_name(publication),
        "status": publication.status or None,
        "entry_type": publication.entry_type or None,
        "doi": publication.doi or None,
        "link": main_url(publication) or None,
        "authors": [
            {
                "position": a.position,
                "name": a.name,
                "equal_contribution": a.is_equal_contribution,
                "corresponding": a.is_corresponding,
                "person": link_summary(a, absolute) if a.person_id else None,
            }
            for a in publication.authors
        ],
        "url": absolute(reverse("api:publication-detail", args=[publication.slug])),
        "html_url": absolute(publication.get_absolute_url()),
    }


def publication_detail(publication: Publication, absolute: Absolute) -> dict:
    return {
        **publication_summary(publication, absolute),
        "version": publication.version,
        "month": publication.month,
        "thesis_degree": publication.thesis_degree or None,
        "volume": publication.volume,
        "issue": publication.issue,
        "pages": publication.pages,
        "publisher": publication.publisher,
        "editors": list(publication.editors),
        "isbn": publication.isbn,
        "arxiv_id": publication.arxiv_id,
        "location": publication.location,
        "links": publication.links,
        "note": publication.note,
    }
