"""Read an import file (CSV, XLSX or JSON) into a header and rows of strings.

Every way a file can be unreadable ends in ``FileProblem`` with a message in Indonesian that
tells the administrator what to do; nothing here writes to the database. The content decides
the format check, not only the extension: an ``.xlsx`` that is not a zip archive, a ``.csv``
holding binary bytes or a ``.json`` that does not parse are refused by name.
"""
import csv
import datetime
import io
import json
import zipfile
from pathlib import Path

from django.utils.translation import gettext as _

from core.numbers import MAX_DIGITS

from .schema import (
    LIST_SEPARATOR,
    MAX_CELL_BYTES,
    MAX_COLUMNS,
    MAX_EXPANDED_BYTES,
    MAX_FILE_BYTES,
    MAX_ROWS,
    normalise_header,
)

FORMATS = ("csv", "xlsx", "json")


class FileProblem(Exception):
    """The file as a whole cannot be read; nothing was imported."""


def detect_format(name):
    suffix = Path(name).suffix.lower().lstrip(".")
    if suffix not in FORMATS:
        raise FileProblem(
            _("Jenis berkas “.%(ext)s” tidak didukung; gunakan CSV, XLSX atau JSON.") % {"ext": suffix or "?"}
        )
    return suffix


def read_table(data: bytes, name: str):
    """(headers, rows): headers normalised, rows as (row number, {header: text})."""
    fmt = detect_format(name)
    if len(data) > MAX_FILE_BYTES:
        raise FileProblem(
            _("Berkas terlalu besar (%(size)d MB; paling besar %(max)d MB). Bagi menjadi beberapa berkas.")
            % {"size": len(data) // (1024 * 1024), "max": MAX_FILE_BYTES // (1024 * 1024)}
        )
    if not data.strip():
        raise FileProblem(_("Berkas kosong."))
    headers, rows = {"csv": _read_csv, "xlsx": _read_xlsx, "json": _read_json}[fmt](data)
    if not rows:
        raise FileProblem(_("Berkas hanya berisi judul kolom, tanpa baris data."))
    return headers, rows


# --- CSV ---------------------------------------------------------------------------------


def _read_csv(data):
    if data.startswith(b"PK\x03\x04") or b"\x00" in data[:4096]:
        raise FileProblem(_("Berkas ini bukan CSV teks (isinya tampak seperti berkas biner, misalnya XLSX). "
                            "Periksa ekstensi berkas."))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise FileProblem(
            _("Berkas bukan UTF-8 (byte tidak sah di baris %(line)d). Simpan ulang sebagai “CSV UTF-8”.")
            % {"line": line}
        ) from None
    first_line = text.split("\n", 1)[0]
    # Excel with Indonesian regional settings writes ';' between cells.
    delimiter = max([",", ";", "\t"], key=first_line.count)
    csv.field_size_limit(MAX_CELL_BYTES)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header_row = next(reader, None)
        if header_row is None:
            raise FileProblem(_("Berkas kosong."))
        headers = [normalise_header(h) for h in header_row]
        rows = []
        for values in reader:
            if not any(v.strip() for v in values):
                continue
            rows.append((reader.line_num, _pair(headers, values, reader.line_num)))
    except csv.Error as error:
        raise FileProblem(
            _("CSV rusak di sekitar baris %(line)d: %(error)s (sel lebih dari 1 MB atau tanda kutip tidak ditutup).")
            % {"line": reader.line_num, "error": error}
        ) from None
    return headers, rows


def _pair(headers, values, line):
    if len(values) > len(headers) and any(v.strip() for v in values[len(headers):]):
        raise FileProblem(
            _("Baris %(line)d berisi %(n)d sel, padahal hanya ada %(m)d kolom. Periksa pemisah dan tanda kutip.")
            % {"line": line, "n": len(values), "m": len(headers)}
        )
    for index, header in enumerate(headers):
        if not header and index < len(values) and values[index].strip():
            raise FileProblem(
                _("Kolom ke-%(col)d tidak berjudul tetapi berisi data (baris %(line)d); beri judul kolom atau hapus isinya.")
                % {"col": index + 1, "line": line}
            )
    return {h: (values[i].strip() if i < len(values) else "") for i, h in enumerate(headers)}


# --- XLSX --------------------------------------------------------------------------------


def _cell_text(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ya" if value else "tidak"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value).strip()


def _read_xlsx(data):
    if not data.startswith(b"PK\x03\x04"):
        raise FileProblem(_("Berkas ini bukan XLSX (bukan arsip Office Open XML). Periksa ekstensi berkas."))
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError) as error:
        raise FileProblem(_("XLSX tidak dapat dibaca: %(error)s") % {"error": str(error)[:200]}) from None
    try:
        sheet = workbook.worksheets[0]
        # never trust the stored dimension (<dimension ref="A1:F2"/>): a file that understates
        # its size imported 1 of 6 rows; without it the reader goes through every row there is
        sheet.reset_dimensions()
        iterator = sheet.iter_rows(values_only=True)
        header_row = next(iterator, None)
        if header_row is None:
            raise FileProblem(_("Berkas kosong."))
        if len(header_row) > MAX_COLUMNS * 50:
            raise FileProblem(_("Lembar kerja terlalu lebar: lebih dari %(n)s kolom.") % {"n": MAX_COLUMNS})
        headers = [normalise_header(h) for h in header_row]
        while headers and not headers[-1]:
            headers.pop()
        if len(headers) > MAX_COLUMNS:
            raise FileProblem(_("Lembar kerja terlalu lebar: lebih dari %(n)s kolom.") % {"n": MAX_COLUMNS})
        rows = []
        expanded = 0
        for number, values in enumerate(iterator, start=2):
            if number - 1 > MAX_ROWS:
                raise FileProblem(_("Berkas terlalu besar: lebih dari %(n)s baris data. Bagi menjadi beberapa berkas.")
                                  % {"n": f"{MAX_ROWS:,}".replace(",", ".")})
            if len(values) > MAX_COLUMNS * 50:
                raise FileProblem(_("Baris %(row)d terlalu lebar: lebih dari %(n)s kolom.") % {"row": number, "n": MAX_COLUMNS})
            texts = [_cell_text(v) for v in values]
            expanded += sum(len(t) for t in texts)
            if expanded > MAX_EXPANDED_BYTES:
                raise FileProblem(_("Isi berkas terlalu besar setelah dibuka (lebih dari %(mb)s MB teks).")
                                  % {"mb": MAX_EXPANDED_BYTES // 2**20})
            if not any(texts):
                continue
            rows.append((number, _pair(headers, texts, number)))
    finally:
        workbook.close()
    return headers, rows


# --- JSON --------------------------------------------------------------------------------


def _json_int(text):
    """JSON integers beyond any real value stay text, so the row checks report them with their
    row, column and reason (``int()`` refuses more than 4,300 digits with a bare ValueError)."""
    return int(text) if len(text.lstrip("-")) <= MAX_DIGITS else text


def _read_json(data):
    try:
        payload = json.loads(data.decode("utf-8-sig"), parse_int=_json_int)
    except UnicodeDecodeError:
        raise FileProblem(_("Berkas JSON bukan UTF-8.")) from None
    except json.JSONDecodeError as error:
        raise FileProblem(
            _("JSON tidak sah di baris %(line)d kolom %(col)d: %(msg)s")
            % {"line": error.lineno, "col": error.colno, "msg": error.msg}
        ) from None
    except RecursionError:
        raise FileProblem(_("JSON terlalu bertingkat: setiap rekaman harus objek datar (kunci dan nilai).")) from None
    if isinstance(payload, dict) and isinstance(payload.get("inovasi"), list):
        payload = payload["inovasi"]
    if not isinstance(payload, list):
        raise FileProblem(_("JSON harus berupa daftar objek, atau objek dengan kunci “inovasi” berisi daftar."))
    if not payload:
        raise FileProblem(_("Berkas hanya berisi judul kolom, tanpa baris data."))
    headers = []
    rows = []
    for number, item in enumerate(payload, start=1):
        if not isinstance(item, dict):
            raise FileProblem(_("Rekaman ke-%(n)d bukan objek JSON.") % {"n": number})
        row = {}
        for key, value in item.items():
            header = normalise_header(key)
            if header not in headers:
                headers.append(header)
            if isinstance(value, list):
                if any(isinstance(v, list | dict) for v in value):
                    raise FileProblem(
                        _("Rekaman ke-%(n)d, kunci “%(key)s”: daftar bertingkat tidak didukung.")
                        % {"n": number, "key": key}
                    )
                value = f"{LIST_SEPARATOR} ".join(_cell_text(v) for v in value)
            elif isinstance(value, dict):
                raise FileProblem(
                    _("Rekaman ke-%(n)d, kunci “%(key)s”: nilai bertingkat (objek) tidak didukung.")
                    % {"n": number, "key": key}
                )
            row[header] = _cell_text(value)
        rows.append((number, row))
    for _number, row in rows:
        for header in headers:
            row.setdefault(header, "")
    return headers, rows
