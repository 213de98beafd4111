"""Shared start of the benchmark scripts: their own database, then Django.

A benchmark never touches db.sqlite3: by default it uses a SQLite file under bench/results/
(recreated unless ``keep``), or the database given with ``--database-url``.
"""
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"


def setup_django(db_name, database_url=None, keep=False):
    RESULTS.mkdir(parents=True, exist_ok=True)
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    else:
        db_file = RESULTS / db_name
        if not keep:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{db_file}{suffix}").unlink(missing_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{db_file}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jippnas.settings.dev")
    os.environ["MEDIA_ROOT"] = str(RESULTS / "media")
    sys.path.insert(0, str(ROOT))

    import django

    django.setup()
