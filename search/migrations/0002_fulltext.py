"""The full-text index over SearchEntry's term fields, in the form each database offers.

SQLite: an external-content FTS5 table, kept in step with search_searchentry by triggers, so
every ORM write (bulk_create included) updates it in the same transaction.
PostgreSQL: a generated tsvector column (title A, summary B, body D weights) with a GIN index.
The term fields already hold Sastrawi stems, so both use a plain whitespace-like tokenizer.
"""
from django.db import migrations

SQLITE_FORWARD = [
    """CREATE VIRTUAL TABLE search_fts USING fts5(
        title_terms, summary_terms, body_terms,
        content='search_searchentry', content_rowid='id', tokenize='unicode61'
    )""",
    """CREATE TRIGGER search_fts_insert AFTER INSERT ON search_searchentry BEGIN
        INSERT INTO search_fts(rowid, title_terms, summary_terms, body_terms)
        VALUES (new.id, new.title_terms, new.summary_terms, new.body_terms);
    END""",
    """CREATE TRIGGER search_fts_delete AFTER DELETE ON search_searchentry BEGIN
        INSERT INTO search_fts(search_fts, rowid, title_terms, summary_terms, body_terms)
        VALUES ('delete', old.id, old.title_terms, old.summary_terms, old.body_terms);
    END""",
    """CREATE TRIGGER search_fts_update AFTER UPDATE ON search_searchentry BEGIN
        INSERT INTO search_fts(search_fts, rowid, title_terms, summary_terms, body_terms)
        VALUES ('delete', old.id, old.title_terms, old.summary_terms, old.body_terms);
        INSERT INTO search_fts(rowid, title_terms, summary_terms, body_terms)
        VALUES (new.id, new.title_terms, new.summary_terms, new.body_terms);
    END""",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS search_fts_update",
    "DROP TRIGGER IF EXISTS search_fts_delete",
    "DROP TRIGGER IF EXISTS search_fts_insert",
    "DROP TABLE IF EXISTS search_fts",
]
POSTGRES_FORWARD = [
    """ALTER TABLE search_searchentry ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple', coalesce(title_terms, '')), 'A') ||
        setweight(to_tsvector('simple', coalesce(summary_terms, '')), 'B') ||
        setweight(to_tsvector('simple', coalesce(body_terms, '')), 'D')
    ) STORED""",
    "CREATE INDEX search_entry_vector ON search_searchentry USING GIN (search_vector)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS search_entry_vector",
    "ALTER TABLE search_searchentry DROP COLUMN IF EXISTS search_vector",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            _run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
        )
    ]
