"""Read an import file (CSV, XLSX or JSON) into a header and rows of strings.

Every way a file can be unreadable ends in ``FileProblem`` with a message in Indonesian that
tells the administrator what to do, and, when reading stopped at a place in the file, its row,
column and value; nothing here writes to the database. The content decides the format check,
not only the extension: an ``.xlsx`` that is not a zip archive, a ``.csv`` holding binary bytes
or a ``.json`` that does not parse are refused by name.

Files are read as streams (a CSV line by line, an XLSX sheet row by row after a scan that
counts its rows and cells without building them) under the limits of ``schema.py``: rows,
columns, cells, the size of a cell and of all cells' text, the unpacked size of an XLSX's parts,
and the wall time; past any of them the file is refused at once with the reason.
"""
import csv
import datetime
import io
import json
import re
import time
import zipfile
from pathlib import Path

from django.utils.translation import gettext as _

from core.numbers import MAX_DIGITS

from .schema import (
    LIST_SEPARATOR,
    MAX_CELL_BYTES,
    MAX_CELLS,
    MAX_CHECK_SECONDS,
    MAX_COLUMNS,
    MAX_EXPANDED_BYTES,
    MAX_FILE_BYTES,
    MAX_PART_XML_BYTES,
    MAX_ROW_CELLS,
    MAX_ROWS,
    MAX_SHEET_XML_BYTES,
    normalise_header,
)

FORMATS = ("csv", "xlsx", "json")


class FileProblem(Exception):
    """The file as a whole cannot be read; nothing was imported. ``row``, ``column`` and
    ``value`` say where reading stopped, when it stopped at a place in the file."""

    def __init__(self, message, row=None, column="", value=""):
        super().__init__(message)
        self.row, self.column, self.value = row, column, str(value)[:200]


def _number(n):
    return f"{n:,}".replace(",", ".")


def _mb(n):
    return f"{n / 2**20:,.1f}".replace(",", " ").replace(".", ",").replace(" ", ".")


def detect_format(name):
    suffix = Path(name).suffix.lower().lstrip(".")
    if suffix not in FORMATS:
        raise FileProblem(
            _("Jenis berkas “.%(ext)s” tidak didukung; gunakan CSV, XLSX atau JSON.") % {"ext": suffix or "?"}
        )
    return suffix


class Budget:
    """What one reading may still spend: rows, cells, cell text and time. Each reader reports
    every row it reads; the first limit passed refuses the file at that row."""

    def __init__(self, seconds=None):
        self.deadline = time.monotonic() + (MAX_CHECK_SECONDS if seconds is None else seconds)
        self.rows = self.cells = self.text = 0

    def check_time(self, row=None):
        if time.monotonic() > self.deadline:
            raise FileProblem(
                _("Berkas terlalu lama diperiksa (lebih dari %(s)s detik); pembacaan berhenti di baris %(row)s. "
                  "Bagi menjadi beberapa berkas.") % {"s": MAX_CHECK_SECONDS, "row": row or "?"}, row=row)

    def row(self, number, values, headers=None):
        """One row's cells (text), its number in the file and the header, for the message."""
        self.rows += 1
        if self.rows > MAX_ROWS:
            raise FileProblem(_("Berkas terlalu besar: lebih dari %(n)s baris data. Bagi menjadi beberapa berkas.")
                              % {"n": _number(MAX_ROWS)}, row=number)
        self.cells += len(values)
        if self.cells > MAX_CELLS:
            raise FileProblem(_("Berkas terlalu besar: lebih dari %(n)s sel (termasuk sel kosong) sampai baris "
                                "%(row)d. Hapus kolom dan baris kosong yang terformat, atau bagi berkasnya.")
                              % {"n": _number(MAX_CELLS), "row": number}, row=number)
        for index, value in enumerate(values):
            size = len(value)
            if size > MAX_CELL_BYTES:
                column = headers[index] if headers and index < len(headers) and headers[index] else f"#{index + 1}"
                raise FileProblem(_("Sel di baris %(row)d kolom %(col)s terlalu besar (%(n)s karakter; paling banyak "
                                    "%(max)s).") % {"row": number, "col": column, "n": _number(size),
                                                     "max": _number(MAX_CELL_BYTES)},
                                  row=number, column=column, value=value[:60] + "…")
            self.text += size
        if self.text > MAX_EXPANDED_BYTES:
            raise FileProblem(_("Isi berkas terlalu besar setelah dibuka (lebih dari %(mb)s MB teks) di baris %(row)d. "
                                "Bagi menjadi beberapa berkas.") % {"mb": _mb(MAX_EXPANDED_BYTES), "row": number},
                              row=number)
        if number % 256 == 0:
            self.check_time(number)


def _size(source):
    position = source.tell()
    source.seek(0, io.SEEK_END)
    size = source.tell()
    source.seek(position)
    return size


def read_table(source, name: str, budget=None):
    """(headers, rows): headers normalised, rows as (row number, {header: text}). ``source`` is
    the file's bytes or a binary file object (read as a stream, never whole except JSON)."""
    fmt = detect_format(name)
    if isinstance(source, bytes | bytearray | memoryview):
        source = io.BytesIO(source)
    size = _size(source)
    if size > MAX_FILE_BYTES:
        raise FileProblem(
            _("Berkas terlalu besar (%(size)d MB; paling besar %(max)d MB). Bagi menjadi beberapa berkas.")
            % {"size": size // (1024 * 1024), "max": MAX_FILE_BYTES // (1024 * 1024)}
        )
    start = source.read(4096)
    source.seek(0)
    if size <= 4096 and not start.strip():
        raise FileProblem(_("Berkas kosong."))
    budget = budget or Budget()
    headers, rows = {"csv": _read_csv, "xlsx": _read_xlsx, "json": _read_json}[fmt](source, start, budget)
    if not rows:
        raise FileProblem(_("Berkas hanya berisi judul kolom, tanpa baris data."))
    return headers, rows


# --- CSV ---------------------------------------------------------------------------------


def _read_csv(source, start, budget):
    if start.startswith(b"PK\x03\x04") or b"\x00" in start:
        raise FileProblem(_("Berkas ini bukan CSV teks (isinya tampak seperti berkas biner, misalnya XLSX). "
                            "Periksa ekstensi berkas."))
    text = _Lines(source)
    first_line = start.split(b"\n", 1)[0].decode("utf-8", "replace")
    # Excel with Indonesian regional settings writes ';' between cells.
    delimiter = max([",", ";", "\t"], key=first_line.count)
    csv.field_size_limit(MAX_CELL_BYTES)
    reader = csv.reader(text, delimiter=delimiter)
    try:
        header_row = next(reader, None)
        if header_row is None:
            raise FileProblem(_("Berkas kosong."))
        if len(header_row) > MAX_COLUMNS:
            raise FileProblem(_("Berkas terlalu lebar: %(n)s kolom, paling banyak %(max)s.")
                              % {"n": _number(len(header_row)), "max": MAX_COLUMNS}, row=1)
        headers = [normalise_header(h) for h in header_row]
        rows = []
        for values in reader:
            budget.row(reader.line_num, values, headers)
            if not any(v.strip() for v in values):
                continue
            rows.append((reader.line_num, _pair(headers, values, reader.line_num)))
    except UnicodeDecodeError:
        raise FileProblem(
            _("Berkas bukan UTF-8 (byte tidak sah di baris %(line)d). Simpan ulang sebagai “CSV UTF-8”.")
            % {"line": text.number}, row=text.number
        ) from None
    except csv.Error as error:
        raise FileProblem(
            _("CSV rusak di sekitar baris %(line)d: %(error)s (sel lebih dari 1 MB atau tanda kutip tidak ditutup).")
            % {"line": reader.line_num, "error": error}, row=reader.line_num
        ) from None
    return headers, rows


_LONE_CR = re.compile(r"(?<=\r)(?!\n)")


class _Lines:
    """The lines of a binary file as text, one at a time (a UTF-8 character never contains a
    line feed byte, so each line decodes alone), counting them for the messages."""

    def __init__(self, source):
        self.source, self.number = source, 0

    def __iter__(self):
        for raw in self.source:
            self.number += 1
            if self.number == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            if b"\r" in raw.rstrip(b"\r\n"):  # old Mac line ends: split there too
                yield from (part for part in _LONE_CR.split(raw.decode("utf-8")) if part)
                continue
            yield raw.decode("utf-8")


def _pair(headers, values, line):
    if len(values) > len(headers) and any(v.strip() for v in values[len(headers):]):
        raise FileProblem(
            _("Baris %(line)d berisi %(n)d sel, padahal hanya ada %(m)d kolom. Periksa pemisah dan tanda kutip.")
            % {"line": line, "n": len(values), "m": len(headers)}, row=line
        )
    for index, header in enumerate(headers):
        if not header and index < len(values) and values[index].strip():
            raise FileProblem(
                _("Kolom ke-%(col)d tidak berjudul tetapi berisi data (baris %(line)d); beri judul kolom atau hapus isinya.")
                % {"col": index + 1, "line": line}, row=line, column=f"#{index + 1}", value=values[index]
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


#: a row or a cell element of a sheet's XML, with or without a namespace prefix
_SHEET_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(?:(row)|c)[\s/>]")


def _check_parts(archive):
    """Refuse before anything is unpacked: the sizes a zip declares are the most it yields (a
    part that unpacks to more fails its check), so a zip bomb is known by its directory."""
    for info in archive.infolist():
        limit = MAX_SHEET_XML_BYTES if info.filename.startswith("xl/worksheets/") else MAX_PART_XML_BYTES
        if info.file_size > limit:
            raise FileProblem(
                _("XLSX terlalu besar setelah dibuka: bagian “%(part)s” berisi %(mb)s MB (paling besar %(max)s MB). "
                  "Simpan ulang tanpa baris, kolom atau format kosong, atau bagi berkasnya.")
                % {"part": info.filename[:80], "mb": _mb(info.file_size), "max": _mb(limit)},
                value=info.filename[:80],
            )


def _scan_sheet(stream, budget):
    """Count the sheet's rows and cells from its XML, without building them: openpyxl builds a
    whole row element in memory before it gives it out, so one row of millions of cells, or
    millions of rows, must be refused before openpyxl meets them."""
    rows = cells = in_row = 0
    carry = b""
    while True:
        chunk = stream.read(1 << 20)
        if not chunk:
            break
        data = carry + chunk
        cut = data.rfind(b"<", max(0, len(data) - 64))
        data, carry = (data, b"") if cut == -1 else (data[:cut], data[cut:])
        for match in _SHEET_TAG.finditer(data):
            if match.group(1):
                rows += 1
                in_row = 0
                if rows - 1 > MAX_ROWS:
                    raise FileProblem(_("Berkas terlalu besar: lebih dari %(n)s baris data. Bagi menjadi beberapa "
                                        "berkas.") % {"n": _number(MAX_ROWS)}, row=rows)
                continue
            cells += 1
            in_row += 1
            if in_row > MAX_ROW_CELLS:
                raise FileProblem(_("Baris ke-%(row)d lembar kerja berisi lebih dari %(n)s sel. Hapus sel kosong "
                                    "yang terformat, atau bagi berkasnya.") % {"row": rows, "n": _number(MAX_ROW_CELLS)},
                                  row=rows)
            if cells > MAX_CELLS:
                raise FileProblem(_("Berkas terlalu besar: lebih dari %(n)s sel (termasuk sel kosong) sampai baris "
                                    "%(row)d. Hapus kolom dan baris kosong yang terformat, atau bagi berkasnya.")
                                  % {"n": _number(MAX_CELLS), "row": rows}, row=rows)
        budget.check_time(rows)


def _read_xlsx(source, start, budget):
    if not start.startswith(b"PK\x03\x04"):
        raise FileProblem(_("Berkas ini bukan XLSX (bukan arsip Office Open XML). Periksa ekstensi berkas."))
    from openpyxl import load_workbook

    try:
        _check_parts(zipfile.ZipFile(source))
        source.seek(0)
        workbook = load_workbook(source, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError, EOFError) as error:
        raise FileProblem(_("XLSX tidak dapat dibaca: %(error)s") % {"error": str(error)[:200]}) from None
    try:
        if not workbook.worksheets:
            raise FileProblem(_("Berkas kosong."))
        sheet = workbook.worksheets[0]
        try:
            with workbook._archive.open(sheet._worksheet_path) as stream:
                _scan_sheet(stream, budget)
        except (zipfile.BadZipFile, OSError, EOFError) as error:
            raise FileProblem(_("XLSX tidak dapat dibaca: %(error)s") % {"error": str(error)[:200]}) from None
        # never trust the stored dimension (<dimension ref="A1:F2"/>): a file that understates
        # its size imported 1 of 6 rows; without it the reader goes through every row there is
        sheet.reset_dimensions()
        iterator = sheet.iter_rows(values_only=True)
        header_row = next(iterator, None)
        if header_row is None:
            raise FileProblem(_("Berkas kosong."))
        headers = [normalise_header(h) for h in header_row]
        while headers and not headers[-1]:
            headers.pop()
        if len(headers) > MAX_COLUMNS:
            raise FileProblem(_("Lembar kerja terlalu lebar: lebih dari %(n)s kolom.") % {"n": MAX_COLUMNS}, row=1)
        rows = []
        for number, values in enumerate(iterator, start=2):
            if len(values) > MAX_ROW_CELLS:
                raise FileProblem(_("Baris %(row)d terlalu lebar: lebih dari %(n)s kolom.")
                                  % {"row": number, "n": _number(MAX_ROW_CELLS)}, row=number)
            texts = [_cell_text(v) for v in values]
            budget.row(number, texts, headers)
            if not any(texts):
                continue
            rows.append((number, _pair(headers, texts, number)))
    except (zipfile.BadZipFile, EOFError) as error:
        raise FileProblem(_("XLSX tidak dapat dibaca: %(error)s") % {"error": str(error)[:200]}) from None
    finally:
        workbook.close()
    return headers, rows


# --- JSON --------------------------------------------------------------------------------


def _json_int(text):
    """JSON integers beyond any real value stay text, so the row checks report them with their
    row, column and reason (``int()`` refuses more than 4,300 digits with a bare ValueError)."""
    return int(text) if len(text.lstrip("-")) <= MAX_DIGITS else text


def _read_json(source, start, budget):
    data = source.read()
    # the parsed document is held whole: refuse before parsing what would not fit (every value
    # but the last is followed by a comma; every record is an object)
    values, objects = data.count(b","), data.count(b"{")
    if values > MAX_CELLS or objects > MAX_ROWS * 2:
        raise FileProblem(_("Berkas JSON terlalu besar: %(v)s nilai dan %(o)s objek; paling banyak %(max)s nilai "
                            "dan %(rows)s rekaman. Bagi menjadi beberapa berkas.")
                          % {"v": _number(values), "o": _number(objects), "max": _number(MAX_CELLS),
                             "rows": _number(MAX_ROWS)})
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
    del data
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
                if len(headers) > MAX_COLUMNS:
                    raise FileProblem(_("Berkas terlalu lebar: lebih dari %(max)s kunci berbeda (rekaman ke-%(n)d).")
                                      % {"max": MAX_COLUMNS, "n": number}, row=number, column=header)
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
        budget.row(number, list(row.values()), list(row))
        rows.append((number, row))
    for _n, row in rows:
        for header in headers:
            row.setdefault(header, "")
    return headers, rows
