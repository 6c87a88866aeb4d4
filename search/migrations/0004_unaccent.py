"""Accent-insensitive search on PostgreSQL: "Tomas" finds "Tomás".

Two text search configurations, ``search_simple`` and ``search_english``, are
``simple`` and ``english`` with every word first passed through ``unaccent``: the
triggers build the search vectors with them, search.engine parses queries and
highlights with them, so all three agree. The existing vectors are rebuilt.

``unaccent()`` is only STABLE (its dictionary could change), so no index can be built
on it: ``search_fold()`` wraps it (lower case, no accents) as IMMUTABLE, with the
schema spelled out so it does not depend on the search path, and the trigram indexes
on names move to ``search_fold(name)``, the expression search.engine compares.
"""

from django.contrib.postgres.operations import UnaccentExtension
from django.db import migrations

# table -> (tsvector expression over NEW, trigram-indexed name column or None), with
# the configs as {simple} and {english}: the same expressions as in 0001 otherwise.
TABLES = {
    "profiles_person": (
        "setweight(to_tsvector('{simple}', coalesce(NEW.name, '')), 'A')"
        " || setweight(to_tsvector('{simple}', coalesce(NEW.headline, '')), 'B')"
        " || setweight(to_tsvector('{simple}', coalesce(NEW.research_interests::text, '')), 'B')"
        " || setweight(to_tsvector('{english}', coalesce(NEW.bio, '')), 'D')",
        "name",
    ),
    "publications_publication": (
        "setweight(to_tsvector('{english}', coalesce(NEW.title, '')), 'A')"
        " || setweight(to_tsvector('{simple}', coalesce(NEW.venue_name, '')), 'C')"
        " || setweight(to_tsvector('{simple}', coalesce(NEW.doi, '')), 'C')",
        None,
    ),
    "publications_venue": (
        "setweight(to_tsvector('{simple}', coalesce(NEW.short_name, '')), 'A')"
        " || setweight(to_tsvector('{simple}', coalesce(NEW.name, '')), 'A')",
        "name",
    ),
    "affiliations_organization": (
        "setweight(to_tsvector('{simple}', coalesce(NEW.name, '')), 'A')"
        " || setweight(to_tsvector('{simple}', coalesce(NEW.aliases::text, '')), 'B')"
        " || setweight(to_tsvector('{simple}', coalesce(NEW.country, '')), 'C')",
        "name",
    ),
}
# Token types that may hold non-ASCII letters; the ascii* ones have no accents.
ACCENTED_TOKENS = "hword, hword_part, word"


def rebuild(schema_editor, configs: dict[str, str], trigram_expression: str) -> None:
    """Triggers with ``configs``, every vector computed again, trigram indexes on
    ``trigram_expression`` of the name."""
    for table, (expression, trigram_column) in TABLES.items():
        schema_editor.execute(
            f"CREATE OR REPLACE FUNCTION {table}_search_vector() RETURNS trigger"
            f" LANGUAGE plpgsql AS $$"
            f" BEGIN NEW.search_vector := {expression.format(**configs)}; RETURN NEW; END $$"
        )
        if trigram_column:  # made again after the update, which then has one index less to keep
            schema_editor.execute(f"DROP INDEX IF EXISTS {table}_trgm_idx")
        # The trigger computes the vector again on any update.
        schema_editor.execute(f"UPDATE {table} SET search_vector = NULL")
        if trigram_column:
            schema_editor.execute(
                f"CREATE INDEX {table}_trgm_idx ON {table}"
                f" USING gin ({trigram_expression.format(trigram_column)} gin_trgm_ops)"
            )


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            "SELECT extnamespace::regnamespace::text FROM pg_extension WHERE extname = 'unaccent'"
        )
        schema = cursor.fetchone()[0]
    for config, dictionary in [("simple", "simple"), ("english", "english_stem")]:
        schema_editor.execute(f"CREATE TEXT SEARCH CONFIGURATION search_{config} (COPY = {config})")
        schema_editor.execute(
            f"ALTER TEXT SEARCH CONFIGURATION search_{config}"
            f" ALTER MAPPING FOR {ACCENTED_TOKENS} WITH {schema}.unaccent, {dictionary}"
        )
    schema_editor.execute(
        "CREATE FUNCTION search_fold(text) RETURNS text"
        " LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS"
        f" $$ SELECT lower({schema}.unaccent('{schema}.unaccent'::regdictionary, $1)) $$"
    )
    rebuild(
        schema_editor, {"simple": "search_simple", "english": "search_english"}, "search_fold({})"
    )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    rebuild(schema_editor, {"simple": "simple", "english": "english"}, "{}")
    schema_editor.execute("DROP FUNCTION IF EXISTS search_fold(text)")
    schema_editor.execute("DROP TEXT SEARCH CONFIGURATION IF EXISTS search_simple")
    schema_editor.execute("DROP TEXT SEARCH CONFIGURATION IF EXISTS search_english")


class Migration(migrations.Migration):
    dependencies = [("search", "0003_trigram_operator_cost")]

    operations = [
        UnaccentExtension(),
        migrations.RunPython(forwards, backwards),
    ]
