"""An index in the order publications are listed on venue pages (newest first, undated
last), so that a page of a venue with thousands of papers is an index range scan."""

from django.db import migrations


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX publication_venue_listing_idx ON publications_publication"
            " (venue_id, year DESC NULLS LAST, title, id)"
        )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS publication_venue_listing_idx")


class Migration(migrations.Migration):
    dependencies = [("search", "0001_search_vectors")]

    operations = [migrations.RunPython(forwards, backwards)]
