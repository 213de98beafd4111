"""The nightly full dump: the whole public catalogue as dated CSV, XLSX and JSON files.

Files go to the default storage under ``opendata/`` (local media or object storage), named
``jippnas-inovasi-YYYY-MM-DD.<ext>``. Each is written to a temporary name first and renamed
when complete, so a visitor never downloads half a file; the newest ``keep`` days are kept.
"""
import datetime
import re
import tempfile
from pathlib import Path

from django.core.files import File
from django.core.files.storage import default_storage

from core import tabular
from innovations.models import InnovationPage

from . import export

FOLDER = "opendata"
PATTERN = re.compile(r"^jippnas-inovasi-(\d{4}-\d{2}-\d{2})\.(csv|xlsx|json)$")
FORMATS = ("csv", "xlsx", "json")


def dump_dataset(day=None, keep=7, progress=None):
    """Write today's three files; returns their storage names."""
    day = day or datetime.date.today()
    ids = list(InnovationPage.objects.live().public().order_by("pk").values_list("pk", flat=True))
    names = []
    with tempfile.TemporaryDirectory() as tmp:
        local = {fmt: Path(tmp) / f"dump.{fmt}" for fmt in FORMATS}
        # one pass over the catalogue feeds all three files
        csv_rows = tabular.CsvRows(export.LABELS)
        json_rows = export.JsonRows(export.dataset_meta(count=len(ids), tanggal=day.isoformat()))
        xlsx_rows = tabular.XlsxRows(export.LABELS, export.SHEET, export.NOTES)
        with open(local["csv"], "w", encoding="utf-8", newline="") as csv_file, \
                open(local["json"], "w", encoding="utf-8") as json_file:
            csv_file.write(csv_rows.header())
            json_file.write(json_rows.header())
            for record in export.iter_records(ids, progress=progress):
                values = export.values(record)
                csv_file.write(csv_rows.row(values))
                json_file.write(json_rows.row(record))
                xlsx_rows.row(values)
            json_file.write(export.JsonRows.TAIL)
        xlsx_rows.save(local["xlsx"])
        for fmt in FORMATS:
            name = f"{FOLDER}/jippnas-inovasi-{day.isoformat()}.{fmt}"
            partial = f"{name}.sebagian"
            if default_storage.exists(partial):
                default_storage.delete(partial)
            with open(local[fmt], "rb") as handle:
                saved = default_storage.save(partial, File(handle))
            if default_storage.exists(name):
                default_storage.delete(name)
            _rename(saved, name)
            names.append(name)
    prune(keep)
    return names


def _rename(source, target):
    """Move within the storage; local storage renames in place, others copy then delete."""
    try:
        path_from, path_to = default_storage.path(source), default_storage.path(target)
    except NotImplementedError:
        with default_storage.open(source, "rb") as handle:
            default_storage.save(target, File(handle))
        default_storage.delete(source)
    else:
        Path(path_from).replace(path_to)


def available():
    """[(date, {fmt: (storage name, size in bytes)})], newest first."""
    try:
        _dirs, files = default_storage.listdir(FOLDER)
    except (FileNotFoundError, NotADirectoryError):
        return []
    by_day = {}
    for filename in files:
        match = PATTERN.match(filename)
        if match:
            name = f"{FOLDER}/{filename}"
            day = datetime.date.fromisoformat(match.group(1))
            by_day.setdefault(day, {})[match.group(2)] = (name, default_storage.size(name))
    return sorted(by_day.items(), reverse=True)


def prune(keep):
    for _day, files in available()[keep:]:
        for name, _size in files.values():
            default_storage.delete(name)
