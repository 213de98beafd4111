"""The relevance tie-break columns (exact title/acronym match, award tier; docs/search.md).

On SQLite, adding NOT NULL columns re-creates the table, which drops the FTS5 triggers: they are
restored as in 0004. The new columns are filled by the next ``search_index rebuild``; until then
they are empty and only the tie-breaks are missing.
"""
import importlib

from django.db import migrations, models

replication_bucket = importlib.import_module("search.migrations.0004_replication_bucket")
restore = replication_bucket.restore_sqlite_fulltext


class Migration(migrations.Migration):
    dependencies = [("search", "0004_replication_bucket")]

    operations = [
        migrations.RunPython(migrations.RunPython.noop, restore),
        migrations.AddField(model_name="searchentry", name="acronym_key", field=models.CharField(blank=True, max_length=100)),
        migrations.AddField(model_name="searchentry", name="award_score", field=models.PositiveSmallIntegerField(default=0)),
        migrations.AddField(model_name="searchentry", name="title_key", field=models.CharField(blank=True, max_length=255)),
        migrations.RunPython(restore, migrations.RunPython.noop),
    ]
