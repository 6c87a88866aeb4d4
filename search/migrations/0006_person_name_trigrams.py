"""People's distinct names, folded, in a small trigram-indexed table for misspellings.

At 140,000 people a misspelled "Ivan Lx" made the trigram index on
``search_fold(name)`` give 7,949 people, each read and folded again to check and rank
(110 ms). Names repeat (1,190 distinct among those 140,000), and a name's similarity
is its people's: ``search_person_name`` holds each folded name once, kept by a trigger
on every insert and rename, and search.engine looks the most similar names up there
first, then the people by a btree index on ``search_fold(name)``. A name no longer
held stays in the table and finds nobody.
"""

from django.db import migrations

FORWARDS = [
    "CREATE TABLE search_person_name (name text PRIMARY KEY)",
    "CREATE INDEX search_person_name_trgm_idx ON search_person_name USING gin (name gin_trgm_ops)",
    "CREATE INDEX profiles_person_folded_name_idx ON profiles_person (search_fold(name))",
    "CREATE FUNCTION search_person_name_keep() RETURNS trigger LANGUAGE plpgsql AS $$"
    " BEGIN INSERT INTO search_person_name VALUES (search_fold(NEW.name))"
    " ON CONFLICT DO NOTHING; RETURN NULL; END $$",
    "CREATE TRIGGER search_person_name_keep AFTER INSERT OR UPDATE OF name ON profiles_person"
    " FOR EACH ROW EXECUTE FUNCTION search_person_name_keep()",
    "INSERT INTO search_person_name SELECT DISTINCT search_fold(name) FROM profiles_person"
    " ON CONFLICT DO NOTHING",
]
BACKWARDS = [
    "DROP TRIGGER search_person_name_keep ON profiles_person",
    "DROP FUNCTION search_person_name_keep()",
    "DROP INDEX profiles_person_folded_name_idx",
    "DROP TABLE search_person_name",
]


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in FORWARDS:
            schema_editor.execute(statement)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in BACKWARDS:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("search", "0005_publication_unstemmed_title")]

    operations = [migrations.RunPython(forwards, backwards)]
