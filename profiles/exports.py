"""A profile as data: JSON Resume, CV JSON and schema.org JSON-LD.

Each function reads a ``Profile`` (profiles/profile.py), whose rows are already
loaded, and runs no query of its own.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from affiliations.models import Affiliation
from profiles.profile import Profile
from publications.exports import main_url, person_id, venue_name, web_url

JSON_RESUME_SCHEMA = "https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json"
ISO_DATE = re.compile(r"^[12]\d{3}(-[01]\d)?$")


def _organization(affiliation: Affiliation) -> str:
    if affiliation.organization_id:
        return affiliation.organization.name
    return affiliation.organization_name


def _dates(affiliation: Affiliation) -> dict[str, str]:
    dates = {"startDate": affiliation.start, "endDate": affiliation.end}
    return {key: value for key, value in dates.items() if ISO_DATE.match(value)}


def _non_empty(data: dict) -> dict:
    return {key: value for key, value in data.items() if value not in ("", None, [], {})}


def json_resume(profile: Profile, absolute: Callable[[str], str]) -> dict:
    """The profile in JSON Resume 1.0; co-authors go in ``x_authors`` of each publication."""
    person = profile.person
    contact = person.contact()  # what anybody may see: exports are public
    emails = person.public_emails()
    basics = _non_empty(
        {
            "name": person.name,
            "label": person.headline,
            "image": person.photo_url,
            "email": emails[0] if emails else "",
            "phone": contact.phones[0] if contact.phones else "",
            "url": web_url(person.homepage) or absolute(person.get_absolute_url()),
            "summary": person.bio,
            "location": {"address": contact.address} if contact.address else {},
            "profiles": [
                {"network": link.get("label") or "Web", "url": link["url"]}
                for link in person.links
                if web_url(link.get("url", ""))
            ],
        }
    )
    work = [
        _non_empty(
            {
                "name": _organization(entry.affiliation),
                "position": entry.affiliation.title,
                "location": entry.affiliation.location,
                "highlights": list(entry.affiliation.details),
                **_dates(entry.affiliation),
            }
        )
        for entry in profile.positions
    ]
    education = [
        _non_empty(
            {
                "institution": _organization(entry.affiliation),
                "studyType": entry.affiliation.title,
                "area": entry.affiliation.field,
                "score": entry.affiliation.gpa,
                **_dates(entry.affiliation),
            }
        )
        for entry in profile.education
    ]
    publications = [
        _non_empty(
            {
                "name": p.title,
                "publisher": venue_name(p),
                "releaseDate": str(p.year) if p.year else "",
                "url": main_url(p),
                "x_authors": [
                    _non_empty(
                        {
                            "name": a.name,
                            "url": absolute(a.url) if a.url else "",
                            "equal_contribution": a.is_equal_contribution or None,
                            "is_self": a.person_id == person.pk or None,
                        }
                    )
                    for a in p.authors
                ],
            }
        )
        for p in profile.publications
    ]
    skills: dict[str, list[str]] = {}
    for skill in person.skills.all():
        skills.setdefault(skill.category or "Skills", []).append(skill.name)
    return _non_empty(
        {
            "$schema": JSON_RESUME_SCHEMA,
            "basics": basics,
            "work": work,
            "education": education,
            "awards": [
                _non_empty(
                    {
                        "title": award.title,
                        "date": str(award.year) if award.year else "",
                        "awarder": award.issuer,
                        "summary": award.details,
                    }
                )
                for award in person.awards.all()
            ],
            "publications": publications,
            "skills": [{"name": name, "keywords": names} for name, names in skills.items()],
            "interests": [{"name": interest} for interest in person.research_interests],
            "projects": [
                _non_empty({"name": p.name, "description": p.description, "url": p.url})
                for p in person.projects.all()
            ],
            "meta": {"canonical": absolute(person.get_absolute_url()), "version": "v1.0.0"},
        }
    )


def _text(value: str) -> str | None:
    return value or None


def cv_json(profile: Profile, absolute: Callable[[str], str]) -> dict:
    """The profile in the parser's own CV JSON (version 1), as if parsed from a CV."""
    person = profile.person
    contact = person.contact()  # what anybody may see: exports are public
    skills: dict[str, list[str]] = {}
    for skill in person.skills.all():
        skills.setdefault(skill.category, []).append(skill.name)
    return {
        "schema": "cv-json/1",
        "source": {
            "filename": None,
            "format": "text",
            "x_exported_from": absolute(person.get_absolute_url()),
        },
        "person": {
            "name": person.name,
            "headline": _text(person.headline),
            "emails": person.public_emails(),
            "phones": contact.phones,
            "homepage": _text(person.homepage),
            "links": [
                {"label": link.get("label"), "url": link["url"]}
                for link in person.links
                if link.get("url")
            ],
            "address": _text(contact.address),
            "bio": _text(person.bio),
            "research_interests": list(person.research_interests),
        },
        "education": [
            {
                "institution": _text(_organization(entry.affiliation)),
                "degree": _text(entry.affiliation.title),
                "field": _text(entry.affiliation.field),
                "start": _text(entry.affiliation.start),
                "end": _text(entry.affiliation.end),
                "advisors": [m.name for m in entry.advisors],
                "gpa": _text(entry.affiliation.gpa),
                "details": list(entry.affiliation.details),
            }
            for entry in profile.education
        ],
        "positions": [
            {
                "organization": _text(_organization(entry.affiliation)),
                "department": _text(entry.affiliation.department),
                "title": _text(entry.affiliation.title),
                "kind": entry.affiliation.kind,
                "start": _text(entry.affiliation.start),
                "end": _text(entry.affiliation.end),
                "supervisors": [m.name for m in entry.advisors],
                "location": _text(entry.affiliation.location),
                "details": list(entry.affiliation.details),
            }
            for entry in profile.positions
        ],
        "publications": [
            {
                "title": p.title,
                "authors": [
                    {
                        "name": a.name,
                        "equal_contribution": a.is_equal_contribution,
                        "is_self": a.person_id == person.pk,
                    }
                    for a in p.authors
                ],
                "venue": _text(venue_name(p)),
                "venue_short": _text(p.venue.short_name) if p.venue else None,
                "year": p.year,
                "month": p.month,
                "status": p.status or None,
                "doi": _text(p.doi),
                "pages": _text(p.pages),
                "location": _text(p.location),
                "category": next(
                    (a.category for a in p.authors if a.person_id == person.pk and a.category),
                    None,
                ),
                "links": [
                    {"label": link.get("label"), "url": link["url"]}
                    for link in p.links
                    if link.get("url")
                ],
                "note": _text(p.note),
                # What CV JSON has no key for, as the bibliography readers give it
                # (cvparse.readers.bibliography), so that a re-import keeps it.
                "x_type": _text(p.entry_type),
                "x_venue_kind": p.venue.kind if p.venue and p.venue.kind != "other" else None,
                "x_volume": _text(p.volume),
                "x_issue": _text(p.issue),
                "x_publisher": _text(p.publisher),
                "x_editors": list(p.editors),
                "x_arxiv": _text(p.arxiv_id),
                "x_isbn": _text(p.isbn),
                "x_thesis_degree": _text(p.thesis_degree),
            }
            for p in profile.publications
        ],
        "awards": [
            {
                "title": award.title,
                "year": award.year,
                "issuer": _text(award.issuer),
                "rank": _text(award.rank),
                "details": _text(award.details),
            }
            for award in person.awards.all()
        ],
        "teaching": [
            {
                "course": _text(t.course),
                "role": _text(t.role),
                "institution": _text(t.institution),
                "term": _text(t.term),
                "details": list(t.details),
            }
            for t in person.teachings.all()
        ],
        "projects": [
            {"name": p.name, "description": _text(p.description), "url": _text(p.url)}
            for p in person.projects.all()
        ],
        "skills": [
            {"category": _text(category), "items": items} for category, items in skills.items()
        ],
        "sections": [
            {"heading": s.heading, "items": [str(item) for item in s.items]}
            for s in person.profilesections.all()
        ],
        "unparsed": [],
    }


ORCID = re.compile(r"orcid\.org/(\d{4}-\d{4}-\d{4}-\d{3}[\dX])", re.IGNORECASE)


def person_jsonld(profile: Profile, absolute: Callable[[str], str]) -> dict:
    """schema.org ProfilePage whose main entity is the Person, with current affiliations,
    the schools they studied at and their ORCID iD."""
    person = profile.person
    page = absolute(person.get_absolute_url())

    def organization(entry) -> dict:
        a = entry.affiliation
        data = {"@type": "Organization", "name": _organization(a)}
        if a.organization_id:
            url = absolute(a.organization.get_absolute_url())
            data.update({"@id": url, "url": url})
        return data

    same_as = [
        url
        for url in [person.homepage, *(link.get("url", "") for link in person.links)]
        if web_url(url)
    ]
    orcids = dict.fromkeys(m.group(1).upper() for url in same_as if (m := ORCID.search(url)))
    main: dict = {"@type": "Person", "@id": person_id(page), "name": person.name, "url": page}
    optional = {
        "givenName": person.given_name,
        "familyName": person.family_name,
        "jobTitle": person.headline,
        "description": person.bio,
        "image": person.photo_url,
        "knowsAbout": list(person.research_interests),
        "identifier": [
            {
                "@type": "PropertyValue",
                "propertyID": "ORCID",
                "value": orcid,
                "url": f"https://orcid.org/{orcid}",
            }
            for orcid in orcids
        ],
        "sameAs": same_as,
        "affiliation": [
            organization(e)
            for e in profile.positions + profile.education
            if e.affiliation.is_current and _organization(e.affiliation)
        ],
        "alumniOf": [
            organization(e)
            for e in profile.education
            if not e.affiliation.is_current and _organization(e.affiliation)
        ],
    }
    main.update({key: value for key, value in optional.items() if value})
    return {
        "@context": "https://schema.org",
        "@type": "ProfilePage",
        "@id": page,
        "url": page,
        "dateModified": person.updated_at.isoformat(),
        "mainEntity": main,
    }
