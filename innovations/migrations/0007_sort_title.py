"""The live title copied onto the innovation's row (``InnovationPage.sort_title``) and one index
per catalogue order, so a list page reads its first rows from an index instead of sorting every
match across two tables (issue 16: /api/inovasi/ at 100,000 innovations)."""
from django.db import migrations, models

FILL = """
UPDATE innovations_innovationpage
SET sort_title = (SELECT title FROM wagtailcore_page WHERE wagtailcore_page.id = innovations_innovationpage.page_ptr_id)
"""

#: "terverifikasi": newest verification first, unverified last. SQLite's indexes refuse NULLS
#: LAST (and its catalogue is small), so PostgreSQL only, and not in the model's state.
VERIFIED_ORDER = (
    "CREATE INDEX IF NOT EXISTS innovation_verified_order ON innovations_innovationpage"
    " (last_verified DESC NULLS LAST, sort_title)"
)


def verified_order_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(VERIFIED_ORDER)


def drop_verified_order_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS innovation_verified_order")


class Migration(migrations.Migration):

    dependencies = [
        ("innovations", "0006_demo_text"),
    ]

    operations = [
        migrations.AddField(
            model_name="innovationpage",
            name="sort_title",
            field=models.CharField(blank=True, default="", editable=False, max_length=255),
        ),
        migrations.RunSQL(FILL, migrations.RunSQL.noop),
        migrations.AddIndex(
            model_name="innovationpage",
            index=models.Index(fields=["-featured", "-year_started", "sort_title"], name="innovation_featured_order"),
        ),
        migrations.AddIndex(
            model_name="innovationpage",
            index=models.Index(fields=["-year_started", "sort_title"], name="innovation_newest_order"),
        ),
        migrations.AddIndex(
            model_name="innovationpage",
            index=models.Index(fields=["sort_title"], name="innovation_title_order"),
        ),
        migrations.RunPython(verified_order_index, drop_verified_order_index),
    ]
