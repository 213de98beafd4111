"""The replication-count facet column.

On SQLite, Django adds a NOT NULL column by re-creating the table, which drops the triggers
that keep the FTS5 table in step (0002_fulltext); they are re-created here and the full-text
index is rebuilt from the content table, so no entry is left unsearchable (both ways).
"""
import importlib

from django.db import migrations, models

fulltext = importlib.import_module("search.migrations.0002_fulltext")


def restore_sqlite_fulltext(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for statement in fulltext.SQLITE_BACKWARD[:3]:  # the three triggers, not the table
        schema_editor.execute(statement)
    for statement in fulltext.SQLITE_FORWARD[1:]:
        schema_editor.execute(statement)
    schema_editor.execute("INSERT INTO search_fts(search_fts) VALUES ('rebuild')")


class Migration(migrations.Migration):
    dependencies = [("search", "0003_searchstate")]

    operations = [
        # reversed last, after removing the column has re-created the table again
        migrations.RunPython(migrations.RunPython.noop, restore_sqlite_fulltext),
        migrations.AddField(
            model_name="searchentry",
            name="replikasi",
            field=models.CharField(blank=True, max_length=10),
        ),
        migrations.RunPython(restore_sqlite_fulltext, migrations.RunPython.noop),
    ]
