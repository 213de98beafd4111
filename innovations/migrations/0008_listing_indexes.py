"""Home's "Inovasi terbaru" (newest published first) reads the first rows of an index on
Wagtail's page table instead of sorting every live page (0.1 ms against 105 ms at 100,000
innovations). The catalogue's orders have theirs in 0007_sort_title."""
from django.db import migrations


def create(apps, schema_editor):
    # Wagtail's table, so plain SQL. PostgreSQL sorts NULLs first in a descending order unless
    # told; SQLite puts them last there already and refuses NULLS LAST in an index.
    nulls = " NULLS LAST" if schema_editor.connection.vendor == "postgresql" else ""
    schema_editor.execute(
        f"CREATE INDEX page_first_published_desc ON wagtailcore_page (first_published_at DESC{nulls}, id DESC)")


def drop(apps, schema_editor):
    schema_editor.execute("DROP INDEX page_first_published_desc")


class Migration(migrations.Migration):

    dependencies = [
        ("innovations", "0007_sort_title"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [migrations.RunPython(create, drop)]
