"""Every CSV and XLSX file the portal hands out is written here, so they all get the same
safety and the same shape whatever feature serves them.

- A text cell starting with =, +, -, @ (or a tab/CR) is prefixed with an apostrophe, so a
  spreadsheet shows it as text instead of running it (formula injection).
- CSV starts with a byte-order mark: spreadsheets then read the file as UTF-8, not as the
  local code page, and Indonesian names keep their letters.
- XLSX is written write-only, so memory stays flat however many rows there are.
- The response carries the content type and an attachment filename; callers give the
  filename without its extension. The catalogue's JSON document (``opendata.export``) leaves
  through the same ``download``.
"""
import csv
import io
from decimal import Decimal

from django.http import HttpResponse, StreamingHttpResponse

BOM = "\ufeff"
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def neutralise(value):
    """A cell a spreadsheet will not execute: formulas (=, +, -, @, tab, CR) become text."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


class _Echo:
    def write(self, value):
        return value


class CsvRows:
    """CSV text, one piece at a time: the header (with the BOM) and then one line per row."""

    def __init__(self, labels):
        self.labels = labels
        self.writer = csv.writer(_Echo())

    def header(self):
        return BOM + self.writer.writerow([str(label) for label in self.labels])

    def row(self, values):
        return self.writer.writerow([neutralise(value) for value in values])


def _xlsx_cell(value):
    if isinstance(value, Decimal):
        return float(value)
    return neutralise(value) if isinstance(value, str) else value


class XlsxRows:
    """A workbook with one sheet of rows under a header; ``notes`` (lines of text) go to a
    second sheet when saved. ``save`` to a path or a file."""

    def __init__(self, labels, title, notes=(), notes_title="Lisensi"):
        from openpyxl import Workbook

        self.workbook = Workbook(write_only=True)
        self.sheet = self.workbook.create_sheet(title[:31])
        self.sheet.append([str(label) for label in labels])
        self.notes, self.notes_title = notes, notes_title

    def row(self, values):
        self.sheet.append([_xlsx_cell(value) for value in values])

    def save(self, target):
        if self.notes:
            sheet = self.workbook.create_sheet(self.notes_title[:31])
            for line in self.notes:
                sheet.append([line])
        self.workbook.save(target)


def csv_lines(labels, rows):
    """CSV text pieces, header first; for streaming or joining."""
    writer = CsvRows(labels)
    yield writer.header()
    for values in rows:
        yield writer.row(values)


def xlsx_bytes(labels, rows, title, notes=()):
    workbook = XlsxRows(labels, title, notes)
    for values in rows:
        workbook.row(values)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def download(body, fmt, filename, *, stream=False):
    """The response for a file download: ``body`` is bytes, text or an iterable of pieces;
    ``filename`` has no extension (``fmt`` is added)."""
    response = (StreamingHttpResponse if stream else HttpResponse)(body, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response


def table_download(fmt, labels, rows, filename, *, title="", notes=(), stream=False):
    """``rows`` (iterables of cell values under ``labels``) as a CSV or XLSX download. ``stream``
    sends a CSV as it is written; an XLSX is always built whole first."""
    if fmt == "csv":
        return download(csv_lines(labels, rows), fmt, filename, stream=stream)
    if fmt == "xlsx":
        return download(xlsx_bytes(labels, rows, title or filename, notes), fmt, filename)
    raise ValueError(f"not a table format: {fmt}")


def csv_text_download(text, filename):
    """CSV already written (and stored) elsewhere, served like every other CSV."""
    return download(BOM + text, "csv", filename)
