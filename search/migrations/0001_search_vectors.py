"""Full-text search on PostgreSQL: a stored tsvector column on each searched table,
kept current by a trigger, with a GIN index; pg_trgm with trigram indexes on names.

A trigger (not a generated column) so that later migrations of the owning apps can
still change the type of the columns it reads. On other databases this is a no-op:
search.engine falls back to plain text matching there.
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

# table -> (tsvector expression over NEW, trigram-indexed name column or None)
TABLES = {
    "profiles_person": (
        "setweight(to_tsvector('simple', coalesce(NEW.name, '')), 'A')"
        " || setweight(to_tsvector('simple', coalesce(NEW.headline, '')), 'B')"
        " || setweight(to_tsvector('simple', coalesce(NEW.research_interests::text, '')), 'B')"
        " || setweight(to_tsvector('english', coalesce(NEW.bio, '')), 'D')",
        "name",
    ),
    "publications_publication": (
        "setweight(to_tsvector('english', coalesce(NEW.title, '')), 'A')"
        " || setweight(to_tsvector('simple', coalesce(NEW.venue_name, '')), 'C')"
        " || setweight(to_tsvector('simple', coalesce(NEW.doi, '')), 'C')",
        None,
    ),
    "publications_venue": (
        "setweight(to_tsvector('simple', coalesce(NEW.short_name, '')), 'A')"
        " || setweight(to_tsvector('simple', coalesce(NEW.name, '')), 'A')",
        "name",
    ),
    "affiliations_organization": (
        "setweight(to_tsvector('simple', coalesce(NEW.name, '')), 'A')"
        " || setweight(to_tsvector('simple', coalesce(NEW.aliases::text, '')), 'B')"
        " || setweight(to_tsvector('simple', coalesce(NEW.country, '')), 'C')",
        "name",
    ),
}


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, (expression, trigram_column) in TABLES.items():
        schema_editor.execute(f"ALTER TABLE {table} ADD COLUMN search_vector tsvector")
        schema_editor.execute(
            f"CREATE FUNCTION {table}_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$"
            f" BEGIN NEW.search_vector := {expression}; RETURN NEW; END $$"
        )
        schema_editor.execute(
            f"CREATE TRIGGER {table}_search_vector BEFORE INSERT OR UPDATE ON {table}"
            f" FOR EACH ROW EXECUTE FUNCTION {table}_search_vector()"
        )
        # Fill existing rows: the trigger computes the vector on any update.
        schema_editor.execute(f"UPDATE {table} SET id = id")
        schema_editor.execute(
            f"CREATE INDEX {table}_search_idx ON {table} USING gin (search_vector)"
        )
        if trigram_column:
            schema_editor.execute(
                f"CREATE INDEX {table}_trgm_idx ON {table}"
                f" USING gin ({trigram_column} gin_trgm_ops)"
            )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_search_vector ON {table}")
        schema_editor.execute(f"DROP FUNCTION IF EXISTS {table}_search_vector()")
        schema_editor.execute(f"DROP INDEX IF EXISTS {table}_trgm_idx")
        schema_editor.execute(f"ALTER TABLE {table} DROP COLUMN IF EXISTS search_vector")


class Migration(migrations.Migration):
    dependencies = [
        ("profiles", "0001_initial"),
        ("publications", "0001_initial"),
        ("affiliations", "0001_initial"),
    ]

    operations = [
        TrigramExtension(),
        migrations.RunPython(forwards, backwards),
    ]
