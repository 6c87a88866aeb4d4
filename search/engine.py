"""Search people, publications, venues and organizations, with one interface on every database.

On PostgreSQL each searched table carries a trigger-maintained, GIN-indexed
``search_vector`` (see migrations/0001 and 0004); user text becomes a
``websearch_to_tsquery`` parameter (never spliced into SQL) whose words also match
as prefixes, hyphenated ones as well, so results follow the typing. Publications are
stemmed ("learning" finds "learned"), and a word being typed need not begin a stem
("learni" does not begin "learn"), so their vector also holds the title unstemmed
(migration 0005) for the prefixes to match. Results are ranked with
``ts_rank`` and the matched words highlighted by ``ts_headline``. When no name
matches word for word, names match by trigram similarity (pg_trgm, GIN-indexed), so
a misspelling still finds the person (people's names are compared once per distinct
name, ``_most_similar_names``). Accents are ignored throughout: the text search
configurations pass every word through ``unaccent``, and trigrams compare names
without accents.

Elsewhere (SQLite) every word is matched as a substring of the text without accents
or case; when nothing has them all, names containing any of the words are ranked by
how many they contain, so a misspelled word only lowers the rank.

Only a bounded set of candidates is ranked: the first ``CANDIDATES`` rows found for
the words as typed, and as many for the whole words (so that "Mar" still puts a Mar
before the many Marias). A common word matched 170,000 of 1.2 million publications,
and ranking them all took 600 ms. Finding them is bounded too (``_first_found``): the
index looks up only the words in few rows, and words common enough are found by reading
the table in order until enough match. A query matching fewer rows than the bound (a
name, a rare word, two words together) ranks every match, as before; one matching
more is ranked within the candidates, which a second word narrows.

Each function returns the queryset filtered, ordered best first, and annotated with
``search_rank`` and ``search_headline``; ``highlight()`` turns the headline into HTML.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass

from django.contrib.postgres.lookups import TrigramSimilar
from django.contrib.postgres.search import (
    SearchConfig,
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVectorField,
    TrigramSimilarity,
)
from django.db import connections, models
from django.db.models import Case, F, Func, IntegerField, Q, TextField, Value, When
from django.db.models.expressions import Expression, RawSQL
from django.db.models.functions import Cast
from django.db.models.lookups import Contains
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# Private-use characters mark highlighted words: no text contains them, and they
# survive HTML escaping, so highlight() can escape first and mark up after.
START, STOP = "\ue000", "\ue001"
MAX_WORDS = 8
# How many matches are ranked at most (of each query, see above): 25 pages of results.
CANDIDATES = 500
# How many rows are read at most, in id order, for the candidates of common words: a
# query is common when at least CANDIDATES / SCAN_ROWS of the rows (1%) should match.
SCAN_ROWS = 50_000
# A word in more rows than this (by the statistics) is not looked up in the index, only
# checked on the rows the other words find: the index reads all of a word's rows first
# (a prefix's at about a microsecond each).
COSTLY_ROWS = 20_000
# The config (migration 0004) that keeps words whole: names are in it, and a stemmed
# vector also holds its text in it (migration 0005) for the words typed in part.
UNSTEMMED = "search_simple"

# Letters that Unicode does not decompose into a base letter and an accent, folded
# as unaccent folds them on PostgreSQL.
UNDECOMPOSED = str.maketrans(
    {"ł": "l", "ø": "o", "đ": "d", "ð": "d", "ı": "i", "æ": "ae", "œ": "oe", "þ": "th"}
)


def fold(text: str) -> str:
    """``text`` in lower case without accents: "Tomás Łukasiewicz" -> "tomas lukasiewicz"."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return bare.casefold().translate(UNDECOMPOSED)


def _fold_sqlite(value: str | None) -> str | None:
    return None if value is None else fold(value)


def _fold_json_sqlite(value: str | None) -> str | None:
    # SQLite keeps JSON with non-ASCII letters escaped ("Tom\u00e1s"): decode it first,
    # as PostgreSQL's jsonb::text in the search vector does.
    if value is None:
        return None
    return fold(json.dumps(json.loads(value), ensure_ascii=False))


def register_sqlite_functions(sender, connection, **kwargs) -> None:
    """Give each new SQLite connection ``fold()`` as ``search_fold`` (a connection_created
    receiver, search/apps.py)."""
    if connection.vendor == "sqlite":
        for name, function in (
            ("search_fold", _fold_sqlite),
            ("search_fold_json", _fold_json_sqlite),
        ):
            connection.connection.create_function(name, 1, function, deterministic=True)


class Folded(Func):
    """Text in lower case without accents, to compare with what is typed.

    On PostgreSQL ``search_fold()`` (migration 0004) wraps ``unaccent`` as an immutable
    function, so that trigram indexes can be built on it. On SQLite it is ``fold()``,
    registered on each connection (``register_sqlite_functions``).
    """

    function = "search_fold"
    output_field = TextField()

    def as_sqlite(self, compiler, connection, **extra_context):
        is_json = isinstance(self.get_source_expressions()[0].output_field, models.JSONField)
        function = "search_fold_json" if is_json else self.function
        return self.as_sql(compiler, connection, function=function, **extra_context)


class StoredVector(Expression):
    """The ``search_vector`` column the search migration adds to a table."""

    output_field = SearchVectorField()

    def as_sql(self, compiler, connection):
        alias = compiler.query.get_initial_alias()
        return f"{compiler.quote_name_unless_alias(alias)}.search_vector", []


@dataclass(frozen=True)
class Target:
    """How one model is searched: its text fields, its displayed field, its config.

    The configs are made by migration 0004: "simple" and "english" that first remove
    accents.
    """

    fields: tuple[str, ...]
    display: str
    config: str = UNSTEMMED
    trigram: bool = False
    # Whether a word can be in so many rows that the index should not look it up
    # (``_first_found``); venues and organizations are a few thousand rows at most.
    is_large: bool = False
    # A table of the distinct folded names (migration 0006), for the similar names to
    # be found among those rather than among every row.
    names_table: str | None = None


PEOPLE = Target(
    ("name", "headline", "research_interests"),
    "name",
    trigram=True,
    is_large=True,
    names_table="search_person_name",
)
PUBLICATIONS = Target(
    ("title", "venue_name", "doi"), "title", config="search_english", is_large=True
)
VENUES = Target(("short_name", "name"), "name", trigram=True)
ORGANIZATIONS = Target(("name", "aliases", "country"), "name", trigram=True)


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text)[:MAX_WORDS]


# A word written "-word" is one the results must not contain, as in websearch_to_tsquery.
UNWANTED = re.compile(r"(?<!\S)-(\w+)")
# Text before a word that is part of a "-word" (or "-word-word") to exclude.
EXCLUDING = re.compile(r"(?:^|\s)-\S*$")


def wanted_and_unwanted(text: str) -> tuple[list[str], list[str]]:
    return words(UNWANTED.sub(" ", text)), UNWANTED.findall(text)[:MAX_WORDS]


def typed_words(text: str) -> list[str]:
    """The words that may be typed in part: all but those excluded ("-word") or inside
    quotes (an exact phrase), where a prefix would change the meaning. A hyphenated
    word is one ("Real-Ti"): websearch makes it a phrase of the whole and its parts,
    and the whole must be a prefix too for "real-ti" to match "real-time"."""
    found: list[str] = []
    for match in re.finditer(r"\w+(?:-\w+)*", text):
        before = text[: match.start()]
        exact = before.count('"') % 2 or EXCLUDING.search(before)
        if not exact and match.group() not in found:
            found.append(match.group())
    return found[:MAX_WORDS]


class TypedQuery(SearchQuery):
    """``websearch_to_tsquery(text)`` in which the words typed also match as the
    beginning of longer ones ("Hel Mar" finds "Helena Marsh"), so that results follow
    the typing and no word has to be finished first.

    ``ts_rewrite`` swaps each word's lexeme for a prefix one wherever websearch put it,
    so quotes, "or" and -exclusion keep their meaning, and the config (stemming,
    accents) treats the word as it treats the text. A hyphenated word is the phrase
    websearch made of it ('real-ti' <-> 'real' <-> 'ti'), swapped for the same phrase
    of prefixes. The words have only word characters and hyphens, so they cannot carry
    ``to_tsquery`` syntax; they are parameters anyway.

    With a stemming config (publications) a word becomes ``stem:* | word:*``: the stem
    as a prefix, as before, so all that was found still is ("learning" is 'learn':*,
    which finds "learned"); and the word unstemmed as a prefix of the unstemmed words
    the vector also holds (migration 0005), which no stem need begin ("analy" is
    'anali':* | 'analy':*, for "analysis"). Where the word begins with its stem, as
    it mostly does ("learni" is 'learni':*), the stem's prefix already finds the
    unstemmed words the second would, so it is left out: it made searches up to 1.7
    times as slow (254,000 publications). Not ``stem | word:*``: the planner knows how
    many rows a whole stem matches, and for a common one ("learning") chose a
    sequential scan, twice as slow.
    """

    def __init__(self, text: str, config: str) -> None:
        super().__init__(text, search_type="websearch", config=config)
        # Hyphenated words first: rewriting one of their parts would change the phrase
        # to find.
        self.prefixes = sorted(typed_words(text), key=lambda word: "-" not in word)
        self.stemmed = config != UNSTEMMED

    def as_sql(self, compiler, connection, function=None, template=None):
        sql, params = super().as_sql(compiler, connection, function, template)
        config, config_params = compiler.compile(self.config)
        simple, simple_params = compiler.compile(SearchConfig(UNSTEMMED))
        for word in self.prefixes:
            whole, whole_params = f"to_tsquery({config}, %s)", [*config_params, word]
            prefix, prefix_params = f"to_tsquery({config}, %s)", [*config_params, f"{word}:*"]
            if self.stemmed:
                # Constants: the planner works the CASE out once, before the index scan.
                typed, typed_params = f"to_tsvector({simple}, %s)", [*simple_params, word]
                unstemmed = f"to_tsquery({simple}, %s)"
                unstemmed_params = [*simple_params, f"{word}:*"]
                prefix, prefix_params = (
                    f"CASE WHEN {typed} @@ {prefix} THEN {prefix} ELSE {prefix} || {unstemmed} END",
                    [*typed_params, *(prefix_params * 3), *unstemmed_params],
                )
            sql = f"ts_rewrite({sql}, {whole}, {prefix})"
            params = [*params, *whole_params, *prefix_params]
        return sql, params


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
    query = TypedQuery(text, target.config)
    rank: models.Expression = SearchRank(StoredVector(), query)
    queries: list[SearchQuery] = [query]
    if query.prefixes:
        # A prefix ranks as high as the whole word: the words as typed add to the rank,
        # so "Mar Li" comes before "Mara Okonkwo" for "mar".
        whole_words = SearchQuery(text, search_type="websearch", config=target.config)
        rank = rank + SearchRank(StoredVector(), whole_words)
        queries.append(whole_words)
    matches = queryset.filter(pk__in=_first_found(queryset, target, text, queries))
    if similar:
        # Both sides without accents; the trigram indexes are on search_fold(name).
        name, typed = Folded(target.display), Folded(Value(text))
        if target.names_table:
            matches = queryset.filter(pk__in=_most_similar_names(queryset, target, text))
        else:
            matches = queryset.filter(TrigramSimilar(name, typed))
        rank = TrigramSimilarity(name, typed)
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


def _first_found(
    queryset: models.QuerySet, target: Target, text: str, queries: list[SearchQuery]
) -> RawSQL:
    """The ids of the first ``CANDIDATES`` rows each query matches, in no order, read in
    a time that does not grow with the number of matches.

    A GIN index reads every match of a word before the first is returned, and every
    match of every word typed in part (a prefix): 'learn':* read 170,000 of 1.2 million
    publications (250 ms) to keep 500. So the index looks up only the words typed that
    are in fewer than ``COSTLY_ROWS`` rows (else the rarest), and the whole query is
    checked on what it finds ("USENIX Symposium on Operating Systems" reads the few rows
    with "usenix", not all with "systems"; "Ivan Li" both names at once). When
    every word is common, the table is read in id order instead, at most
    ``SCAN_ROWS`` rows, until ``CANDIDATES`` match ("learning": 3,700 rows). How common
    a word is comes from the statistics ANALYZE keeps (pg_stats' most common elements;
    a rare word is not among them), inside the same query; an estimate that is wrong
    costs time, never results: a scan that finds too few gives way to the index.

    Each part is a MATERIALIZED CTE, which PostgreSQL plans for all its rows (with a
    LIMIT in view it chose a sequential scan for a rare word) and runs only if read. The
    first query (the words as typed) finds all that the others (the whole words) find;
    they are asked only when it found the bound, and only the index: whole words common
    enough are among the words as typed that were read. Where the words are joined by
    "or", no one word is required, and the index looks up the whole query, as it does
    in the small tables (``Target.is_large``), where no word is in many rows."""
    connection = connections[queryset.db]
    compiler = queryset.query.get_compiler(connection=connection)

    def compiled(expression: Expression) -> tuple[str, list]:
        sql, params = compiler.compile(expression.resolve_expression(queryset.query))
        return sql, list(params)

    def share(frequency: str) -> str:
        """Whether the words together should match CANDIDATES / SCAN_ROWS of the rows."""
        return f"bool_and({frequency} > 0) AND exp(sum(ln(greatest({frequency}, 1e-9)))) >= %s"

    joined_by_or = "or" in map(str.lower, words(text))
    required = typed_words(text) if target.is_large and not joined_by_or else []
    first_sql, first_params = compiled(queries[0])
    if required:
        table_name = queryset.model._meta.db_table
        rows, params = [], [connection.ops.quote_name(table_name), table_name]
        for n, word in enumerate(required):
            word_sql, word_params = compiled(TypedQuery(word, target.config))
            rows.append(f"({n:d}, %s, {word_sql})")
            params += [fold(word), *word_params]
        # A word typed in part is as common as the most common word it begins.
        parts = [
            "stats AS MATERIALIZED (SELECT most_common_elems::text::text[] AS lexemes,"
            " most_common_elem_freqs AS freqs, (SELECT reltuples FROM pg_class"
            " WHERE oid = %s::regclass) AS rows FROM pg_stats WHERE schemaname = current_schema()"
            " AND tablename = %s AND attname = 'search_vector')",
            "words AS MATERIALIZED (SELECT w.n, w.query,"
            " coalesce((SELECT max(e.freq) FROM stats, unnest(stats.lexemes, stats.freqs)"
            " AS e(lexeme, freq) WHERE starts_with(e.lexeme, w.word)), 0) AS typed,"
            " coalesce((SELECT max(e.freq) FROM stats, unnest(stats.lexemes, stats.freqs)"
            " AS e(lexeme, freq) WHERE e.lexeme = w.word), 0) AS whole"
            f" FROM (VALUES {', '.join(rows)}) AS w(n, word, query))",
            # A stop word ("on") has an empty query: it cannot be looked up.
            "plan AS MATERIALIZED (SELECT coalesce((SELECT string_agg('(' || query::text || ')',"
            " ' & ' ORDER BY n)::tsquery FROM words WHERE numnode(query) > 0"
            " AND typed * coalesce((SELECT rows FROM stats), 0) < %s),"
            " (SELECT query FROM words WHERE numnode(query) > 0 ORDER BY typed, n LIMIT 1),"
            f" {first_sql}) AS lookup,"
            f" (SELECT {share('typed')} FROM words) AS common_0,"
            f" (SELECT {share('whole')} FROM words) AS common_1)",
        ]
        params += [COSTLY_ROWS, *first_params, CANDIDATES / SCAN_ROWS, CANDIDATES / SCAN_ROWS]
    else:
        parts = [
            f"plan AS MATERIALIZED (SELECT {first_sql} AS lookup,"
            " false AS common_0, false AS common_1)"
        ]
        params = first_params
    # The rows searched, each id with its vector: compiled once, read three ways.
    rows_sql, rows_params = (
        queryset.annotate(search_document=StoredVector())
        .order_by()
        .values("pk", "search_document")
        .query.sql_with_params()
    )
    searched = f"({rows_sql}) AS searched(pk, document)"
    for n, query in enumerate(queries):
        query_sql, query_params = compiled(query)
        # The words as typed are looked up by those in few rows; the whole words (no
        # prefixes, which the index reads as fast as one word) by all.
        lookup = "(SELECT lookup FROM plan)" if n == 0 else query_sql
        parts.append(
            f"found_{n} AS MATERIALIZED (SELECT pk FROM {searched} WHERE document @@ {lookup}"
            f" AND ts_match_vq(document, {query_sql}))"
        )
        params += [*rows_params, *([] if n == 0 else query_params), *query_params]
        if n:
            # Whole words common enough are among the words as typed that were read:
            # no second reading of the table.
            parts.append(
                f"candidates_{n} AS MATERIALIZED (SELECT pk FROM found_{n}"
                f" WHERE NOT (SELECT common_1 FROM plan) LIMIT {CANDIDATES:d})"
            )
            continue
        # ts_match_vq() is what @@ runs, in a form no index answers.
        scanned = "(SELECT count(*) FROM scan_0)"
        parts += [
            f"scan_0 AS MATERIALIZED (SELECT pk FROM (SELECT * FROM {searched}"
            f" ORDER BY pk LIMIT {SCAN_ROWS:d}) AS head WHERE (SELECT common_0 FROM plan)"
            f" AND ts_match_vq(document, {query_sql}) LIMIT {CANDIDATES:d})",
            "candidates_0 AS MATERIALIZED ("
            f"(SELECT pk FROM scan_0 WHERE {scanned} = {CANDIDATES:d}) UNION ALL"
            f" (SELECT pk FROM found_0 WHERE {scanned} < {CANDIDATES:d} LIMIT {CANDIDATES:d}))",
        ]
        params += [*rows_params, *query_params]
    selects = ["(SELECT pk FROM candidates_0)"]
    selects += [
        f"(SELECT pk FROM candidates_{n}"
        f" WHERE (SELECT count(*) FROM candidates_0) = {CANDIDATES:d})"
        for n in range(1, len(queries))
    ]
    # The LIMIT cuts nothing (each part has at most CANDIDATES), but tells the planner so:
    # expecting 1,700 it read all 140,000 people to join them rather than look each up.
    every = CANDIDATES * len(queries)
    return RawSQL(
        f"WITH {', '.join(parts)} SELECT pk FROM ({' UNION '.join(selects)}) AS candidates"
        f" LIMIT {every:d}",
        params,
    )


def _most_similar_names(queryset: models.QuerySet, target: Target, text: str) -> RawSQL:
    """The ids of ``CANDIDATES`` rows whose names are the most similar to ``text``.

    A common first name makes thousands of people similar to a misspelled name ("Ivan
    Lx": 4,446 of 140,000, each read and folded to rank it, 110 ms). Names repeat, so the
    most similar are found in the table of distinct names (a few dozen), and their
    people by the index on ``search_fold(name)``, best names first, until the bound."""
    names = connections[queryset.db].ops.quote_name(target.names_table)
    rows_sql, rows_params = (
        queryset.annotate(search_folded=Folded(target.display))
        .order_by()
        .values("pk", "search_folded")
        .query.sql_with_params()
    )
    return RawSQL(
        f"SELECT named.pk FROM (SELECT name FROM {names} WHERE name %% search_fold(%s)"
        f" ORDER BY similarity(name, search_fold(%s)) DESC, name LIMIT {CANDIDATES:d}) AS near"
        f" CROSS JOIN LATERAL (SELECT pk FROM ({rows_sql}) AS searched(pk, folded)"
        f" WHERE folded = near.name LIMIT {CANDIDATES:d}) AS named LIMIT {CANDIDATES:d}",
        [text, text, *rows_params],
    )


def _search_fallback(
    queryset: models.QuerySet, target: Target, text: str, similar: bool
) -> models.QuerySet:
    """Rows containing every word; only when there are none (for names), rows
    containing any, the more words the better: the same shape as on PostgreSQL."""

    def contains(word: str) -> Q:
        found = Q()
        for field in target.fields:
            found |= Q(Contains(Folded(field), fold(word)))
        return found

    terms, unwanted = wanted_and_unwanted(text)
    for word in unwanted:
        queryset = queryset.exclude(contains(word))
    everywhere = queryset.filter(*(contains(word) for word in terms)).order_by()
    matches = queryset.filter(pk__in=everywhere.values("pk")[:CANDIDATES])
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
    marks (the fallback), the query's words are marked where they occur, accents and
    case aside.
    """
    if START not in headline:
        headline = _mark_words(headline, words(text))
    html = escape(headline).replace(START, "<mark>").replace(STOP, "</mark>")
    return mark_safe(html)  # noqa: S308 - escaped above; only our own tags added


def _mark_words(text: str, found: list[str]) -> str:
    """``text`` with START/STOP around each occurrence of the words, ignoring accents
    and case as the search did ("tomas" marks "Tomás")."""
    pattern = "|".join(re.escape(fold(word)) for word in found if fold(word))
    if not pattern:
        return text
    # Fold character by character, remembering where each folded one came from.
    folded, origin = [], []
    for index, char in enumerate(text):
        part = fold(char)
        folded.append(part)
        origin.extend([index] * len(part))
    marked, done = [], 0
    for match in re.finditer(pattern, "".join(folded)):
        start, end = origin[match.start()], origin[match.end() - 1] + 1
        while end < len(text) and not folded[end]:  # keep a trailing accent inside
            end += 1
        if start < done:  # a letter folded into two ("ß" -> "ss") matched twice
            continue
        marked += [text[done:start], START, text[start:end], STOP]
        done = end
    return "".join([*marked, text[done:]])
