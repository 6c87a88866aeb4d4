"""Template filters shared by the browsing pages."""

import json

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from cvparse.names import name_parts
from publications.citations import CitationWriter, authors_html
from publications.exports import coins, web_url
from search import engine

register = template.Library()


# What json.dumps leaves that could end a <script> element or start a comment.
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.filter
def initials(name: str) -> str:
    """ "Ada King Lovelace" -> "AL", "Martin Luther King Jr." -> "MK": the first given
    name's and the family name's first letters (a group author's first two words')."""
    parts = name_parts(name)
    words = parts.literal.split() if parts.literal else [*parts.given.split()[:1], parts.family]
    letters = [word[0] for word in words if word[:1].isalpha()]
    return "".join(letters[:2]).upper() or name[:1].upper()


@register.filter
def highlight(headline: str, query: str) -> SafeString:
    return engine.highlight(headline, query)


register.filter("safe_url", web_url)


@register.filter
def ld_json(data: dict) -> SafeString:
    """A schema.org JSON-LD block; a data block, so the strict CSP does not apply."""
    text = json.dumps(data, ensure_ascii=False).translate(JSON_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))


@register.filter
def period(affiliation) -> str:
    """ "2019–2023", "2021–present", "2018" or ""."""
    start, end = affiliation.start, affiliation.end
    if start and end:
        return f"{start}–{end}"
    return start or end


def _writer(context) -> CitationWriter:
    if "citation_writer" not in context.render_context:
        context.render_context["citation_writer"] = CitationWriter()
    return context.render_context["citation_writer"]


@register.simple_tag(takes_context=True)
def citation(context, publication, owner=None) -> SafeString:
    """A publication as a citation (publications/citations.py), ``owner``'s name in bold."""
    return _writer(context)(publication, owner.pk if owner else None)


@register.simple_tag(takes_context=True)
def profile_publications(context, profile, editable=False) -> SafeString:
    """A profile's publications under year headings, each in its ``.editable`` box.

    Written in Python, like the citations: a template loop costs several times more
    per paper than the citation itself. The edit tools (for the owner only) still
    come from their template.
    """
    write = _writer(context)
    owner_id = profile.person.pk
    tools = context.template.engine.get_template("editing/publication_tools.html")
    html = []
    for group in profile.publication_years:
        html.append(f'\n    <h3 class="year">{group.year or "Undated"}</h3>\n    ')
        for publication in group.publications:
            html.append(f'<div class="editable" id="publication-{publication.pk}">')
            html.append(write(publication, owner_id))
            # For Zotero's connector, which reads one item per span on a list page.
            html.append(format_html('<span class="Z3988" title="{}"></span>', coins(publication)))
            if editable:
                with context.push(publication=publication):
                    html.append(tools.render(context))
            html.append("</div>")
    if not html:
        html.append('\n    <p class="empty">No publications known yet.</p>')
    return mark_safe("".join(html))  # noqa: S308 - citations escape every value


@register.inclusion_tag("includes/legend.html")
def marks_legend(publications) -> dict[str, bool]:
    """What the marks after author names mean, for the marks these publications (or
    this one publication) use."""
    if hasattr(publications, "authors"):
        publications = [publications]
    authors = [author for publication in publications for author in publication.authors]
    return {
        "equal": any(author.is_equal_contribution for author in authors),
        "corresponding": any(author.is_corresponding for author in authors),
    }


@register.simple_tag
def citation_authors(publication) -> SafeString:
    return mark_safe(authors_html(publication))  # noqa: S308 - escaped by authors_html
