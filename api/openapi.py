"""The API's OpenAPI 3.1 description, written by hand next to the views it describes."""

from __future__ import annotations

from publications.models import Publication

VERSION = "1.0.0"


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def _nullable(schema: dict) -> dict:
    return {"anyOf": [schema, {"type": "null"}]}


def _string_param(name: str, description: str) -> dict:
    return {
        "name": name,
        "in": "query",
        "required": False,
        "description": description,
        "schema": {"type": "string"},
    }


PAGE = {
    "name": "page",
    "in": "query",
    "required": False,
    "description": "1-based page number",
    "schema": {"type": "integer", "minimum": 1},
}
SLUG = {"name": "slug", "in": "path", "required": True, "schema": {"type": "string"}}
NOT_FOUND = {
    "description": "No such object or page",
    "content": {
        "application/json": {
            "schema": {"type": "object", "properties": {"detail": {"type": "string"}}}
        }
    },
}


BAD_REQUEST = {
    "description": "A malformed parameter (or a NUL character in one); the detail names it",
    "content": NOT_FOUND["content"],
}


def _list(summary: str, item: str, params: list[dict]) -> dict:
    page_schema = {
        "type": "object",
        "required": ["count", "next", "previous", "results"],
        "properties": {
            "count": {"type": "integer"},
            "next": _nullable({"type": "string", "format": "uri"}),
            "previous": _nullable({"type": "string", "format": "uri"}),
            "results": {"type": "array", "items": _ref(item)},
        },
    }
    return {
        "get": {
            "summary": summary,
            "parameters": [*params, PAGE],
            "responses": {
                "200": {
                    "description": "One page of results, 50 at most",
                    "content": {"application/json": {"schema": page_schema}},
                },
                "400": BAD_REQUEST,
                "404": NOT_FOUND,
            },
        }
    }


def _detail(summary: str, item: str) -> dict:
    return {
        "get": {
            "summary": summary,
            "parameters": [SLUG],
            "responses": {
                "200": {
                    "description": summary,
                    "content": {"application/json": {"schema": _ref(item)}},
                },
                "404": NOT_FOUND,
            },
        }
    }


def _edit(summary: str, item: str) -> dict:
    """A PATCH of ``item`` by a signed-in user who may edit it (a session and its CSRF
    token, as the site's own forms)."""
    errors = {"application/json": {"schema": _ref("Errors")}}
    return {
        "patch": {
            "summary": summary,
            "parameters": [SLUG],
            "requestBody": {
                "required": True,
                "content": {"application/json": {"schema": _ref(f"{item}Changes")}},
            },
            "responses": {
                "200": {
                    "description": "Saved; the object as it is now",
                    "content": {"application/json": {"schema": _ref(item)}},
                },
                "400": {"description": "Malformed JSON or invalid fields", "content": errors},
                "401": {"description": "Not signed in", "content": errors},
                "403": {"description": "Signed in, but not allowed to edit it", "content": errors},
                "404": NOT_FOUND,
                "409": {
                    "description": "Saved by someone else since that version",
                    "content": errors,
                },
            },
        }
    }


def _object(required: dict[str, dict], **optional: dict) -> dict:
    return {"type": "object", "required": list(required), "properties": {**required, **optional}}


STRING = {"type": "string"}
URI = {"type": "string", "format": "uri"}
LINKS = {"url": URI, "html_url": URI}
NAMES = {"type": "array", "items": STRING}
ENTRY_TYPE = {"enum": list(Publication.EntryType.values)}
THESIS_DEGREE = {"enum": list(Publication.ThesisDegree.values)}

SCHEMAS = {
    "PersonSummary": _object(
        {"slug": STRING, "name": STRING, "is_stub": {"type": "boolean"}, **LINKS},
        headline=STRING,
        research_interests={"type": "array", "items": STRING},
    ),
    "Person": _object(
        {
            "slug": STRING,
            "name": STRING,
            "is_stub": {"type": "boolean"},
            **LINKS,
            "headline": STRING,
            "affiliations": {"type": "array", "items": _ref("Affiliation")},
            "publications": {"type": "array", "items": _ref("Publication")},
            "coauthors": {"type": "array", "items": _ref("PersonSummary")},
            "advisors": {"type": "array", "items": _ref("PersonSummary")},
            "advisees": {"type": "array", "items": _ref("PersonSummary")},
        },
        given_name=STRING,
        family_name=STRING,
        bio=STRING,
        homepage=STRING,
        emails={"type": "array", "items": STRING},
        research_interests={"type": "array", "items": STRING},
        links={"type": "array", "items": {"type": "object"}},
    ),
    "Affiliation": _object(
        {
            "kind": STRING,
            "title": STRING,
            "organization": _nullable(_ref("Organization")),
            "organization_name": STRING,
            "start": _nullable(STRING),
            "end": _nullable(STRING),
        },
        field=STRING,
        department=STRING,
    ),
    "Author": _object(
        {
            "position": {"type": "integer"},
            "name": STRING,
            "equal_contribution": {"type": "boolean"},
            "corresponding": {"type": "boolean"},
            "person": _nullable(_ref("PersonSummary")),
        }
    ),
    "Publication": _object(
        {
            "slug": STRING,
            "title": STRING,
            "year": _nullable({"type": "integer"}),
            "venue": _nullable(_ref("Venue")),
            "venue_name": STRING,
            "authors": {"type": "array", "items": _ref("Author")},
            **LINKS,
        },
        status=_nullable(STRING),
        entry_type=_nullable(ENTRY_TYPE),
        doi=_nullable(STRING),
        link=_nullable(STRING),
        version={"type": "integer", "description": "Send it back with a PATCH"},
        month=_nullable({"type": "integer"}),
        thesis_degree=_nullable(THESIS_DEGREE),
        volume=STRING,
        issue=STRING,
        pages=STRING,
        publisher=STRING,
        editors=NAMES,
        isbn=STRING,
        arxiv_id=STRING,
        location=STRING,
        note=STRING,
        links={"type": "array", "items": {"type": "object"}},
    ),
    "PublicationChanges": {
        "type": "object",
        "additionalProperties": False,
        "description": "The fields to change; those left out keep their values. With "
        "version, the change is refused (409) if someone saved the publication since.",
        "properties": {
            "version": {"type": "integer"},
            "title": STRING,
            "entry_type": _nullable(ENTRY_TYPE),
            "thesis_degree": _nullable(THESIS_DEGREE),
            "venue_name": STRING,
            "year": _nullable({"type": "integer"}),
            "month": _nullable({"type": "integer", "minimum": 1, "maximum": 12}),
            "status": _nullable(STRING),
            "volume": STRING,
            "issue": STRING,
            "pages": STRING,
            "publisher": STRING,
            "editors": NAMES,
            "isbn": {"type": "string", "description": "ISBN-10 or ISBN-13"},
            "doi": STRING,
            "arxiv_id": {"type": "string", "description": "An arXiv id or its abs/pdf URL"},
            "note": STRING,
        },
    },
    "Errors": _object(
        {"detail": STRING},
        errors={
            "type": "object",
            "description": "Messages by field name",
            "additionalProperties": {"type": "array", "items": STRING},
        },
    ),
    "Venue": _object(
        {"slug": STRING, "name": STRING, "short_name": STRING, "kind": STRING, **LINKS}
    ),
    "Organization": _object(
        {"slug": STRING, "name": STRING, "kind": STRING, "country": STRING, **LINKS},
        aliases={"type": "array", "items": STRING},
        parent=_nullable(_ref("Organization")),
        units={"type": "array", "items": _ref("Organization")},
    ),
}


def schema(server_url: str) -> dict:
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Vitae API",
            "version": VERSION,
            "description": "Access to Vitae's people, publications, venues and "
            "organizations. Objects are addressed by slug; lists are paginated. A "
            "publication's fields can be changed by whoever may edit it on the site.",
        },
        "servers": [{"url": server_url.rstrip("/")}],
        "paths": {
            "/api/v1/people/": _list(
                "People, searchable and filterable",
                "PersonSummary",
                [
                    _string_param("q", "Name or words to search for"),
                    _string_param(
                        "organization",
                        "An organization they were affiliated with: slug or part of the name",
                    ),
                    _string_param("interest", "A research interest, as written"),
                    _string_param(
                        "role",
                        "Current role: education, employment, research, internship or visiting",
                    ),
                    _string_param("show", "profiles (with a CV) or stubs (co-authors only)"),
                    _string_param("sort", "name or recent"),
                ],
            ),
            "/api/v1/people/{slug}/": _detail("A person's profile", "Person"),
            "/api/v1/publications/": _list(
                "Publications, newest first",
                "Publication",
                [
                    _string_param("person", "Slug of an author"),
                    _string_param("venue", "Slug of the venue"),
                    {
                        "name": "year",
                        "in": "query",
                        "required": False,
                        "schema": {"type": "integer"},
                    },
                ],
            ),
            "/api/v1/publications/{slug}/": _detail("A publication", "Publication")
            | _edit("Change a publication's fields", "Publication"),
            "/api/v1/venues/": _list("Venues by name", "Venue", []),
            "/api/v1/venues/{slug}/": _detail("A venue", "Venue"),
            "/api/v1/organizations/": _list("Organizations by name", "Organization", []),
            "/api/v1/organizations/{slug}/": _detail("An organization", "Organization"),
        },
        "components": {"schemas": SCHEMAS},
    }
