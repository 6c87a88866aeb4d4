"""A publication as a citation in HTML, for the pages that list many of them.

Written in Python rather than as a template: a 200-paper profile shows a thousand
and more authors and links, and the template engine's cost per variable and per
``reverse()`` made such a page ten times slower (benchmarks/pages.py measures it).
Every value is escaped here; the CSS classes are the templates' own.
"""

from __future__ import annotations

from html import escape

from django.utils.safestring import SafeString, mark_safe

from publications.exports import web_url
from publications.models import Publication
from publications.queries import url_maker

EQUAL_MARK = '<sup class="mark" title="Equal contribution">*</sup>'
CORRESPONDING_MARK = '<sup class="mark" title="Corresponding author">†</sup>'


def authors_html(publication: Publication, owner_id: int | None = None) -> str:
    """The owner in bold, linked people as links, equal-contribution and corresponding marks."""
    parts = []
    for author in publication.authors:
        name = escape(author.name)
        if owner_id and author.person_id == owner_id:
            html = f'<strong class="owner">{name}</strong>'
        elif author.url:
            html = f'<a href="{escape(author.url)}">{name}</a>'
        else:
            html = name
        if author.is_equal_contribution:
            html += EQUAL_MARK
        if author.is_corresponding:
            html += CORRESPONDING_MARK
        parts.append(html)
    return ", ".join(parts)


class CitationWriter:
    """Writes citations; makes its URL builders once for a whole page."""

    def __init__(self) -> None:
        self.publication_url = url_maker("publications:publication-detail")
        self.venue_url = url_maker("publications:venue-detail")

    def venue_html(self, publication: Publication) -> str:
        venue = publication.venue
        if not venue:
            return escape(publication.venue_name)
        label = escape(venue.name)
        if venue.short_name:
            label = f'<abbr title="{label}">{escape(venue.short_name)}</abbr>'
        return f'<a href="{escape(self.venue_url(venue.slug))}">{label}</a>'

    def meta_html(self, publication: Publication) -> str:
        parts = [self.venue_html(publication)]
        if publication.year:
            parts.append(str(publication.year))
        if publication.status and publication.status != Publication.Status.PUBLISHED:
            parts.append(f'<span class="badge">{escape(publication.get_status_display())}</span>')
        if publication.doi:
            doi = escape(f"https://doi.org/{publication.doi}")
            parts.append(f'<a class="link-chip" href="{doi}">DOI</a>')
        for link in publication.links:
            if url := web_url(link.get("url", "")):
                label = escape(link.get("label") or "Link")
                parts.append(f'<a class="link-chip" href="{escape(url)}">{label}</a>')
        return " ".join(part for part in parts if part)

    def __call__(self, publication: Publication, owner_id: int | None = None) -> SafeString:
        url = escape(self.publication_url(publication.slug))
        return mark_safe(  # noqa: S308 - every value escaped above
            '<article class="citation">'
            f'<p class="citation-title"><a href="{url}">{escape(publication.title)}</a></p>'
            f'<p class="citation-authors">{authors_html(publication, owner_id)}</p>'
            f'<p class="citation-meta">{self.meta_html(publication)}</p>'
            "</article>"
        )
