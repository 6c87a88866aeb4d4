"""Publications' search vector also holds the title unstemmed, so that a word typed in
part matches in mid-word on PostgreSQL.

The title is stemmed (``search_english``): "Deep Learning" is stored as 'learn', so
the prefix "learni" matched nothing, though "lear" and "learn" did. The title is now
also stored with ``search_simple``, same weight, for the prefixes search.engine makes
to match ('learni':* finds 'learning'); whole words and ranking still use the stems.
The existing vectors are rebuilt; backwards, the 0004 trigger comes back and they are
rebuilt again.
"""

from django.db import migrations

TABLE = "publications_publication"
# The expression of migration 0004, and the same with the unstemmed title added.
STEMMED = (
    "setweight(to_tsvector('search_english', coalesce(NEW.title, '')), 'A')"
    " || setweight(to_tsvector('search_simple', coalesce(NEW.venue_name, '')), 'C')"
    " || setweight(to_tsvector('search_simple', coalesce(NEW.doi, '')), 'C')"
)
WITH_UNSTEMMED = (
    "setweight(to_tsvector('search_english', coalesce(NEW.title, '')), 'A')"
    " || setweight(to_tsvector('search_simple', coalesce(NEW.title, '')), 'A')"
    " || setweight(to_tsvector('search_simple', coalesce(NEW.venue_name, '')), 'C')"
    " || setweight(to_tsvector('search_simple', coalesce(NEW.doi, '')), 'C')"
)


def rebuild(schema_editor, expression: str) -> None:
    """The trigger computing ``expression``, and every vector computed again."""
    schema_editor.execute(
        f"CREATE OR REPLACE FUNCTION {TABLE}_search_vector() RETURNS trigger"
        f" LANGUAGE plpgsql AS $$"
        f" BEGIN NEW.search_vector := {expression}; RETURN NEW; END $$"
    )
    # The trigger computes the vector again on any update. The GIN index stays: dropping
    # it and building it again saves no time (17 s either way at 254,000 publications)
    # and would stop searches from reading the table until the migration is done.
    schema_editor.execute(f"UPDATE {TABLE} SET search_vector = NULL")


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        rebuild(schema_editor, WITH_UNSTEMMED)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        rebuild(schema_editor, STEMMED)


class Migration(migrations.Migration):
    dependencies = [("search", "0004_unaccent")]

    operations = [migrations.RunPython(forwards, backwards)]
