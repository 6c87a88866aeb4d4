"""Search people, publications, venues and organizations, with one interface on every database.

On PostgreSQL each searched table carries a trigger-maintained, GIN-indexed
``search_vector`` (see migrations/0001); user text becomes a ``websearch_to_tsquery``
parameter (never spliced into SQL), results are ranked with ``ts_rank`` and the
matched words highlighted by ``ts_headline``. When no name matches word for word,
names match by trigram similarity (pg_trgm, GIN-indexed), so a misspelling still
finds the person.

Elsewhere (SQLite) every word is matched with ``icontains``; when nothing has them
all, names containing any of the words are ranked by how many they contain, so a
misspelled word only lowers the rank.

Each function returns the queryset filtered, ordered best first, and annotated with
``search_rank`` and ``search_headline``; ``highlight()`` turns the headline into HTML.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVectorField,
    TrigramSimilarity,
)
from django.db import connections, models
from django.db.models import Case, F, IntegerField, Q, Value, When
from django.db.models.expressions import Expression
from django.db.models.functions import Cast
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# Private-use characters mark highlighted words: no text contains them, and they
# survive HTML escaping, so highlight() can escape first and mark up after.
START, STOP = "\ue000", "\ue001"
MAX_WORDS = 8


class StoredVector(Expression):
    """The ``search_vector`` column the search migration adds to a table."""

    output_field = SearchVectorField()

    def as_sql(self, compiler, connection):
        alias = compiler.query.get_initial_alias()
        return f"{compiler.quote_name_unless_alias(alias)}.search_vector", []


@dataclass(frozen=True)
class Target:
    """How one model is searched: its text fields, its displayed field, its config."""

    fields: tuple[str, ...]
    display: str
    config: str = "simple"
    trigram: bool = False


PEOPLE = Target(("name", "headline", "research_interests"), "name", trigram=True)
PUBLICATIONS = Target(("title", "venue_name", "doi"), "title", config="english")
VENUES = Target(("short_name", "name"), "name", trigram=True)
ORGANIZATIONS = Target(("name", "aliases", "country"), "name", trigram=True)


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text)[:MAX_WORDS]


# A word written "-word" is one the results must not contain, as in websearch_to_tsquery.
UNWANTED = re.compile(r"(?<!\S)-(\w+)")


def wanted_and_unwanted(text: str) -> tuple[list[str], list[str]]:
    return words(UNWANTED.sub(" ", text)), UNWANTED.findall(text)[:MAX_WORDS]


def search(
    queryset: models.QuerySet, target: Target, text: str, *, similar: bool | None = None
) -> models.QuerySet:
    """Matches of ``text``, best first. ``similar`` chooses the names that are only
    similar (misspellings) rather than asking the database whether anything matches
    word for word: True for those, False for exact matches only."""
    text = text.strip()
    if not words(text):
        return queryset.none()
    if similar is None:
        similar = target.trigram and not search(queryset, target, text, similar=False).exists()
    if connections[queryset.db].vendor == "postgresql":
        return _search_postgresql(queryset, target, text, similar and target.trigram)
    return _search_fallback(queryset, target, text, similar and target.trigram)


def best(queryset: models.QuerySet, target: Target, text: str, count: int) -> list:
    """``search(...)[:count]`` as a list, in one query when a word matches (a second for
    similar names only when none does)."""
    hits = list(search(queryset, target, text, similar=False)[:count])
    if hits or not target.trigram:
        return hits
    return list(search(queryset, target, text, similar=True)[:count])


def _search_postgresql(
    queryset: models.QuerySet, target: Target, text: str, similar: bool
) -> models.QuerySet:
    """Full-text matches, ranked; only when there are none, names by trigram similarity.

    Trigrams alone would match thousands of people for a common name ("Ada Chen"
    is similar to every Ada and every Chen), so they are the fallback for a
    misspelling, not a second source of matches: ``search()`` decides.
    """
    query = SearchQuery(text, search_type="websearch", config=target.config)
    matches = queryset.alias(search_document=StoredVector()).filter(search_document=query)
    rank: models.Expression = SearchRank(StoredVector(), query)
    if similar:
        matches = queryset.filter(**{f"{target.display}__trigram_similar": text})
        rank = TrigramSimilarity(target.display, text)
    return matches.annotate(
        search_rank=rank,
        search_headline=SearchHeadline(
            target.display,
            query,
            config=target.config,
            start_sel=START,
            stop_sel=STOP,
            highlight_all=True,
        ),
    ).order_by("-search_rank", target.display, "pk")


def _search_fallback(
    queryset: models.QuerySet, target: Target, text: str, similar: bool
) -> models.QuerySet:
    """Rows containing every word; only when there are none (for names), rows
    containing any, the more words the better: the same shape as on PostgreSQL."""

    def contains(word: str) -> Q:
        found = Q()
        for field in target.fields:
            found |= Q(**{f"{field}__icontains": word})
        return found

    terms, unwanted = wanted_and_unwanted(text)
    for word in unwanted:
        queryset = queryset.exclude(contains(word))
    matches = queryset.filter(*(contains(word) for word in terms))
    score: models.Expression = Value(len(terms))
    if similar:
        score = sum(
            (Case(When(contains(word), then=Value(1)), default=Value(0)) for word in terms),
            start=Value(0),
        )
        matches = queryset.alias(words_found=score).filter(words_found__gt=0)
    return matches.annotate(
        search_rank=Cast(score, IntegerField()), search_headline=F(target.display)
    ).order_by("-search_rank", target.display, "pk")


def highlight(headline: str, text: str) -> SafeString:
    """HTML of a search headline with the matched words in ``<mark>``.

    ts_headline has already marked the matches with START/STOP; without those
    marks (the fallback), the query's words are marked where they occur.
    """
    if START not in headline:
        pattern = "|".join(re.escape(word) for word in words(text))
        if pattern:
            headline = re.sub(
                f"({pattern})", lambda m: f"{START}{m.group(1)}{STOP}", headline, flags=re.I
            )
    html = escape(headline).replace(START, "<mark>").replace(STOP, "</mark>")
    return mark_safe(html)  # noqa: S308 - escaped above; only our own tags added
