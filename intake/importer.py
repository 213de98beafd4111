"""Import innovation records from the source programmes (KIPP/SINOVIK, IGA/IID, Labinov).

The work is three plain steps that tests call directly and that the command and the admin
share:

1. ``read_table`` turns the file into rows of text (``readers.py``);
2. ``plan_import`` checks every row against the schema and the reference data, decides for
   each valid row whether it is new, already imported (same source programme and source
   identifier: nothing changes) or the same innovation as one from another programme (same
   agency, near-identical title: merged, so one innovation carries both identifiers), and
   writes nothing;
3. ``apply_plan`` writes the plan in one transaction: all or nothing.

A file with any invalid row is refused whole unless the caller asks to skip invalid rows, in
which case the rejected rows and their reasons go to a file beside the input.
"""
import csv
import datetime
import difflib
import io
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.utils.html import escape
from django.utils.text import slugify
from django.utils.translation import gettext as _

from agencies.models import Agency, ServiceUnit
from hubs.membership import HubDirectory
from hubs.models import HubPage
from innovations.bulk import NewInnovation, PathAllocator, insert_innovations
from innovations.models import (
    FIRST_YEAR,
    SDG,
    AwardTier,
    Category,
    InnovationAward,
    InnovationPage,
    InnovationSource,
    InnovationType,
    SourceProgramme,
    Stage,
    SustainabilityStatus,
    current_year,
)
from innovations.signals import innovations_changed
from regions.models import Province, Regency

from .readers import Budget, FileProblem, read_table
from .schema import (
    BY_NAME,
    CHECKS,
    CHOICE_FIELDS,
    COLUMNS,
    IGNORED,
    LIST_SEPARATOR,
    NARRATIVE_FIELDS,
    REQUIRED,
    TEXT_FIELDS,
)

#: titles at least this similar (after normalising) within one agency are the same innovation
MERGE_SIMILARITY = 0.9
FIRST_AWARD_YEAR = 2004

ALIASES = {
    "jenis": {"digital": InnovationType.DIGITAL, "non_digital": InnovationType.NON_DIGITAL,
              "non digital": InnovationType.NON_DIGITAL, "nondigital": InnovationType.NON_DIGITAL,
              "non-digital": InnovationType.NON_DIGITAL},
    "tahapan": {"inisiatif": Stage.INISIATIF, "uji_coba": Stage.UJI_COBA, "uji coba": Stage.UJI_COBA,
                "ujicoba": Stage.UJI_COBA, "penerapan": Stage.PENERAPAN},
    "status_keberlanjutan": {
        **{value: value for value in SustainabilityStatus.values},
        **{str(label).lower(): value for value, label in SustainabilityStatus.choices},
    },
    "sumber": {
        **{value: value for value in SourceProgramme.values},
        "sinovik": SourceProgramme.KIPP, "iid": SourceProgramme.IGA, "inolan": SourceProgramme.LABINOV,
    },
}
DEFAULTS = {"jenis": InnovationType.NON_DIGITAL, "tahapan": Stage.PENERAPAN,
            "status_keberlanjutan": SustainabilityStatus.BELUM_DIVERIFIKASI}
#: list column -> the ``Reference`` table its values are matched in
LIST_LOOKUPS = {"kategori": "categories", "sdg": "sdgs"}


def _norm(text):
    return " ".join(re.sub(r"[^\w]+", " ", str(text).lower()).split())


@dataclass
class Problem:
    row: int
    column: str
    value: str
    message: str

    def as_dict(self):
        return {"baris": self.row, "kolom": self.column, "nilai": self.value, "masalah": self.message}


@dataclass
class Candidate:
    """A valid row with its references resolved."""

    row: int
    raw: dict
    programme: str
    identifier: str
    page_fields: dict
    agency: object
    hub: object
    unit_name: str
    category_ids: list
    sdg_ids: list
    tag_names: list
    awards: list


@dataclass
class Plan:
    """What an import would do; ``apply_plan`` writes it."""

    name: str
    headers: list
    total_rows: int = 0
    rows: dict = field(default_factory=dict)  # row number -> raw row
    problems: list = field(default_factory=list)
    new: list = field(default_factory=list)  # [Candidate]
    merges: list = field(default_factory=list)  # [(Candidate, target id or Candidate, target title)]
    unchanged: list = field(default_factory=list)  # [(row, programme, identifier)]
    unmatched: dict = field(default_factory=lambda: defaultdict(Counter))
    file_problem: str = ""

    @property
    def rejected_rows(self):
        return sorted({p.row for p in self.problems if p.row})

    @property
    def ok(self):
        return not self.file_problem and not self.problems

    def summary(self):
        return {
            "berkas": self.name,
            "jumlah_baris": self.total_rows,
            "baru": len(self.new),
            "digabung": len(self.merges),
            "tidak_berubah": len(self.unchanged),
            "ditolak": len(self.rejected_rows),
            "masalah_berkas": self.file_problem,
        }

    def as_dict(self, limit=1000):
        return {
            **self.summary(),
            "masalah": [p.as_dict() for p in self.problems[:limit]],
            "masalah_lainnya": max(0, len(self.problems) - limit),
            "penggabungan": [
                {"baris": c.row, "sumber": f"{c.programme}:{c.identifier}", "judul": c.page_fields["title"],
                 "digabung_ke": title}
                for c, _target, title in self.merges[:limit]
            ],
            "tidak_dikenal": {column: dict(counter.most_common(50)) for column, counter in self.unmatched.items()},
        }


class Reference:
    """Reference data loaded once per import (a handful of queries whatever the row count)."""

    def __init__(self):
        self.agencies = {}
        abbreviations = defaultdict(list)
        for agency in Agency.objects.only("id", "name", "abbreviation", "slug", "province_id", "regency_id"):
            self.agencies[_norm(agency.name)] = agency
            self.agencies.setdefault(agency.slug, agency)
            if agency.abbreviation:
                abbreviations[_norm(agency.abbreviation)].append(agency)
        for key, found in abbreviations.items():
            if len(found) == 1:
                self.agencies.setdefault(key, found[0])
        self.provinces = {}
        for province in Province.objects.all():
            self.provinces[province.code] = province
            self.provinces[_norm(province.name)] = province
        self.regencies = {}
        for regency in Regency.objects.all():
            self.regencies[regency.code] = regency
            self.regencies.setdefault(_norm(regency.name), regency)
        self.hub_directory = HubDirectory(HubPage.objects.only(
            "id", "slug", "title", "path", "depth", "url_path", "province_id", "agency_id", "hub_type"
        ))
        self.hubs = self.hub_directory.by_slug
        self.categories = {}
        for category in Category.objects.all():
            self.categories[category.slug] = category.pk
            self.categories[_norm(category.name)] = category.pk
        self.sdgs = {}
        for sdg in SDG.objects.all():
            self.sdgs[str(sdg.number)] = sdg.pk
            self.sdgs[_norm(sdg.name)] = sdg.pk
        self.tiers = {}
        for tier in AwardTier.objects.all():
            self.tiers[tier.slug] = tier.pk
            self.tiers[_norm(tier.name)] = tier.pk
        self.sources = {}
        for programme, identifier, innovation_id in InnovationSource.objects.values_list(
            "programme", "identifier", "innovation_id"
        ).iterator():
            self.sources[(programme, identifier.lower())] = innovation_id


class RowChecker:
    """Turns one row of text into a ``Candidate`` or a list of problems."""

    def __init__(self, ref, plan):
        self.ref = ref
        self.plan = plan
        self.year_now = current_year()
        self.today = datetime.date.today()
        self.url_validator = URLValidator(schemes=["http", "https"])

    def check(self, number, raw):
        row = _Row(number, raw)
        self.check_cells(row)
        if not row.problems:
            for group, columns in CHECKS.items():
                getattr(self, f"check_{group}")(row, columns)
        if row.problems:
            return None, row.problems
        found = row.found
        return Candidate(
            row=number, raw=raw, programme=found["sumber"], identifier=raw["id_sumber"], page_fields=row.fields,
            agency=found["agency"], hub=found["hub"], unit_name=raw.get("unit_pelayanan", ""),
            category_ids=found["kategori"], sdg_ids=found["sdg"], tag_names=found["tag"], awards=found["penghargaan"],
        ), []

    def check_cells(self, row):
        """Every column: present when required, within its length; nothing else is checked
        on a row that fails here."""
        for column in COLUMNS:
            value = row.raw.get(column.name, "")
            if column.required and not value:
                row.problem(column.name, _("Wajib diisi."))
            elif len(value) > column.max_length and column.kind not in ("year", "date"):
                # a year or a date that is too long is reported by its own format check
                row.problem(column.name, _("Terlalu panjang: %(n)d karakter, paling banyak %(max)d.")
                            % {"n": len(value), "max": column.max_length}, value if len(value) <= 60 else value[:60] + "…")

    def check_text(self, row, columns):
        for column in columns:
            row.fields[TEXT_FIELDS[column]] = row.raw.get(column, "")

    def check_choice(self, row, columns):
        for column in columns:
            value = row.raw.get(column, "")
            if not value:
                choice = DEFAULTS.get(column)
            else:
                choice = ALIASES[column].get(value.lower()) or ALIASES[column].get(_norm(value))
                if choice is None:
                    allowed = ", ".join(sorted({str(v) for v in ALIASES[column].values()}))
                    row.problem(column, _("Nilai tidak dikenal; yang diizinkan: %(allowed)s.") % {"allowed": allowed})
            if CHOICE_FIELDS[column]:
                row.fields[CHOICE_FIELDS[column]] = choice
            else:
                row.found[column] = choice

    def check_year(self, row, columns):
        (column,) = columns
        year = row.raw[column][:20]
        if not re.fullmatch(r"\d{4}", year):
            row.problem(column, _("Bukan tahun empat angka."))
        elif not FIRST_YEAR <= int(year) <= self.year_now:
            row.problem(column, _("Tahun harus antara %(first)d dan %(now)d.") % {"first": FIRST_YEAR, "now": self.year_now})
        else:
            row.fields["year_started"] = int(year)

    def check_date(self, row, columns):
        (column,) = columns
        verified = row.raw.get(column, "")[:40]
        row.fields["last_verified"] = None
        if verified:
            date = _parse_date(verified)
            if date is None:
                row.problem(column, _("Tanggal tidak sah; gunakan 2024-05-31 atau 31/05/2024."))
            elif date > self.today:
                row.problem(column, _("Tanggal verifikasi tidak boleh di masa depan."))
            else:
                row.fields["last_verified"] = date

    def check_url(self, row, columns):
        (column,) = columns
        video = row.raw.get(column, "")
        row.fields["video_url"] = video
        if video:
            try:
                self.url_validator(video)
            except ValidationError:
                row.problem(column, _("Bukan alamat web (http/https) yang sah."))

    def check_agency(self, row, columns):
        (column,) = columns
        name = row.raw[column]
        agency = self.ref.agencies.get(_norm(name)) or self.ref.agencies.get(name.lower())
        if agency is None:
            row.problem(column, _("Instansi tidak terdaftar di portal (cocokkan nama, singkatan atau slug)."))
            self.plan.unmatched[column][name] += 1
        row.found["agency"] = agency

    def check_region(self, row, columns):
        """The region named, else the agency's."""
        (column,) = columns
        agency = row.found["agency"]
        province_id = regency_id = None
        region = row.raw.get(column, "")
        if region:
            key = region.strip()
            regency = self.ref.regencies.get(key) or self.ref.regencies.get(_norm(key))
            province = None if regency else (self.ref.provinces.get(key) or self.ref.provinces.get(_norm(key)))
            if regency:
                regency_id, province_id = regency.pk, regency.province_id
            elif province:
                province_id = province.pk
            else:
                row.problem(column, _("Kode atau nama wilayah tidak dikenal (contoh: 71, 71.71, Kota Manado)."))
                self.plan.unmatched[column][region] += 1
        elif agency is not None:
            province_id, regency_id = agency.province_id, agency.regency_id
        row.fields["province_id"], row.fields["regency_id"] = province_id, regency_id

    def check_hub(self, row, columns):
        """The hub named, else the agency's home hub (the hub it runs, else its province's, else the
        national hub)."""
        (column,) = columns
        raw = row.raw
        hub = None
        if raw.get(column):
            hub = self.ref.hubs.get(raw[column].lower())
            if hub is None:
                row.problem(column, _("Hub dengan slug ini tidak ada."))
                self.plan.unmatched[column][raw[column]] += 1
        else:  # the agency's home hub (hubs.membership), not the row's region
            hub = self.ref.hub_directory.home_for(row.found["agency"])
            if hub is None and (raw.get("wilayah", "") or row.found["agency"] is not None):
                row.problem(column, _("Instansi ini tidak punya hub dan belum ada hub nasional; isi kolom hub."), "")
        row.found["hub"] = hub

    def check_reference_list(self, row, columns):
        """Lists of reference data (categories, SDGs), matched by slug, number or name."""
        for column in columns:
            lookup = getattr(self.ref, LIST_LOOKUPS[column])
            ids = []
            for value in _split(row.raw.get(column, "")):
                pk = lookup.get(value.lower()) or lookup.get(_norm(value))
                if pk is None:
                    row.problem(column, _("Nilai “%(value)s” tidak dikenal.") % {"value": value[:60]}, value)
                    self.plan.unmatched[column][value] += 1
                elif pk not in ids:
                    ids.append(pk)
            row.found[column] = ids

    def check_tags(self, row, columns):
        (column,) = columns
        tag_names = []
        for name in _split(row.raw.get(column, "")):
            if len(name) > 100 or not slugify(name):
                row.problem(column, _("Tag “%(tag)s” tidak sah (kosong setelah dibersihkan atau lebih dari 100 karakter).")
                            % {"tag": name[:40]}, name)
            elif name.lower() not in {t.lower() for t in tag_names}:
                tag_names.append(name)
        row.found[column] = tag_names

    def check_awards(self, row, columns):
        (column,) = columns
        awards = []
        for entry in _split(row.raw.get(column, "")):
            match = re.fullmatch(r"(.+?)[\s/,:-]+(\d{4})", entry)
            if not match:
                row.problem(column, _("Tulis tingkat lalu tahun, misalnya “Top 99 2023”."), entry)
                continue
            tier = self.ref.tiers.get(match.group(1).strip().lower()) or self.ref.tiers.get(_norm(match.group(1)))
            award_year = int(match.group(2))
            if tier is None:
                row.problem(column, _("Tingkat penghargaan tidak dikenal."), entry)
                self.plan.unmatched[column][match.group(1).strip()] += 1
            elif not FIRST_AWARD_YEAR <= award_year <= self.year_now:
                row.problem(column, _("Tahun penghargaan harus antara %(first)d dan %(now)d.")
                            % {"first": FIRST_AWARD_YEAR, "now": self.year_now}, entry)
            elif (tier, award_year) not in awards:
                awards.append((tier, award_year))
        row.found[column] = awards

    def check_narrative(self, row, columns):
        for column in columns:
            row.fields[NARRATIVE_FIELDS[column]] = _paragraphs(row.raw.get(column, ""))


class _Row:
    """One row while it is checked: its page fields and what else the checks found so far
    (keyed by column or by what it is), and its problems."""

    def __init__(self, number, raw):
        self.number, self.raw = number, raw
        self.fields, self.found, self.problems = {}, {}, []

    def problem(self, column, message, value=None):
        value = self.raw.get(column, "") if value is None else value
        self.problems.append(Problem(self.number, column, str(value)[:200], message))


def _split(text):
    return [part.strip() for part in str(text or "").split(LIST_SEPARATOR) if part.strip()]


def _parse_date(text):
    text = text.strip()
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%dT%H:%M:%S"):
        try:
            return datetime.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def _paragraphs(text):
    """Plain text to the rich-text HTML the page stores (blank lines separate paragraphs)."""
    if not text:
        return ""
    blocks = [block.strip() for block in re.split(r"\n\s*\n", text.replace("\r\n", "\n")) if block.strip()]
    return "".join("<p>" + escape(block).replace("\n", "<br/>") + "</p>" for block in blocks)


def _guess(name, candidates):
    """The candidate a renamed column most likely stands for: one containing the other
    ("judul_inovasi" for "judul"), else the closest spelling."""
    contained = [c for c in candidates if name in c or c in name]
    return contained[:1] or difflib.get_close_matches(name, candidates, n=1, cutoff=0.6)


def _check_headers(headers, plan):
    known = set(BY_NAME) | IGNORED
    problems = []
    duplicates = [h for h, n in Counter(headers).items() if n > 1 and h]
    for header in duplicates:
        problems.append(_("Kolom “%(col)s” muncul lebih dari sekali.") % {"col": header})
    unknown = [h for h in headers if h and h not in known]
    missing = [name for name in REQUIRED if name not in headers]
    for name in missing:
        guess = _guess(name, unknown)
        hint = _(" Apakah kolom “%(guess)s” maksudnya?") % {"guess": guess[0]} if guess else ""
        problems.append(_("Kolom wajib “%(col)s” tidak ada.") % {"col": name} + hint)
    for header in unknown:
        guess = _guess(header, sorted(set(BY_NAME) - set(headers)))
        hint = _(" Mungkin maksudnya “%(guess)s”?") % {"guess": guess[0]} if guess else ""
        problems.append(_("Kolom “%(col)s” tidak dikenal; datanya tidak akan terbaca.") % {"col": header} + hint)
    if problems:
        plan.file_problem = " ".join(problems) + " " + _("Lihat docs/import.md untuk daftar kolom.")


def plan_import(source, name: str, progress=None) -> Plan:
    """Read and check the whole file and decide what each row would do; writes nothing.
    ``source`` is the file's bytes or a binary file object."""
    plan = Plan(name=name, headers=[])
    budget = Budget()
    try:
        headers, rows = read_table(source, name, budget)
    except FileProblem as error:
        return _refused(plan, error)
    plan.headers = headers
    plan.total_rows = len(rows)
    _check_headers(headers, plan)
    if plan.file_problem:
        return plan

    ref = Reference()
    checker = RowChecker(ref, plan)
    seen_keys = {}
    candidates = []
    for done, (number, raw) in enumerate(rows, start=1):
        if done % 256 == 0:
            try:
                budget.check_time(number)
            except FileProblem as error:
                return _refused(Plan(name=name, headers=headers, total_rows=len(rows)), error)
        plan.rows[number] = raw
        candidate, problems = checker.check(number, raw)
        if candidate is not None:
            key = (candidate.programme, candidate.identifier.lower())
            if key in seen_keys:
                problems = [Problem(number, "id_sumber", candidate.identifier,
                                    _("Duplikat: sumber dan ID yang sama sudah ada di baris %(row)d.")
                                    % {"row": seen_keys[key]})]
                candidate = None
            else:
                seen_keys[key] = number
        plan.problems += problems
        if candidate is not None:
            candidates.append(candidate)
        if progress and (done % 500 == 0 or done == len(rows)):
            progress(done, len(rows))
    _decide(plan, ref, candidates)
    return plan


def _refused(plan, error):
    """The plan of a file refused whole: its message, and where reading stopped as a problem
    (row, column, value, reason) when it stopped at a place in the file."""
    plan.file_problem = str(error)
    if error.row or error.column or error.value:
        plan.problems = [Problem(error.row or 0, error.column, error.value, str(error))]
    return plan


def _decide(plan, ref, candidates):
    """New, already imported, or the same innovation as another record (merged)."""
    agency_ids = {c.agency.pk for c in candidates}
    existing = defaultdict(list)  # agency id -> [(normalised title, target, display title)]
    for pk, agency_id, title in InnovationPage.objects.filter(agency_id__in=agency_ids).values_list(
        "pk", "agency_id", "title"
    ).iterator():
        existing[agency_id].append((_norm(title), pk, title))
    incoming = defaultdict(list)
    for candidate in candidates:
        incoming[candidate.agency.pk].append(_norm(candidate.page_fields["title"]))
    titles = {}  # agency id -> _TitleIndex
    for agency_id in agency_ids:
        index = titles[agency_id] = _TitleIndex([e[0] for e in existing[agency_id]] + incoming[agency_id])
        for entry in existing[agency_id]:
            index.add(entry)
    for candidate in candidates:
        if (candidate.programme, candidate.identifier.lower()) in ref.sources:
            plan.unchanged.append((candidate.row, candidate.programme, candidate.identifier))
            continue
        title = _norm(candidate.page_fields["title"])
        target = titles[candidate.agency.pk].similar(title)
        if target is not None:
            plan.merges.append((candidate, target[1], target[2]))
            continue
        plan.new.append(candidate)
        titles[candidate.agency.pk].add((title, candidate, candidate.page_fields["title"]))


#: share of a title's trigrams an edit may destroy and still leave it a near-duplicate; the
#: rarest 1 - this share of them are the title's "prefix" (prefix filtering)
TRIGRAM_LOSS = 0.2


def _numbers(title):
    """The numbers in a title: "Tahap 1" and "Tahap 2" are different records, never merged."""
    return tuple(re.findall(r"\d+", title))


def _characters(title):
    """A title's characters as a set that keeps repeats (a character's n-th occurrence is its own
    member), so the size of the intersection of two such sets is difflib's ``quick_ratio`` match
    count, computed by the set in C. Members are small integers: code point and occurrence."""
    seen = Counter()
    out = []
    for char in title:
        seen[char] += 1
        out.append(ord(char) << 16 | seen[char])
    return frozenset(out)


def _trigrams(title):
    padded = f"  {title} "
    return {padded[i:i + 3] for i in range(len(padded) - 2)}


class _TitleIndex:
    """One agency's titles, for the near-duplicate check in near-linear time.

    The old check compared each row with every title of its agency (``SequenceMatcher`` per
    pair: 2,000 rows took minutes, 20,000 never finished). Here an equal normalised title is a
    dictionary hit, and only titles that contain the same numbers and share one of their rarest
    character trigrams (prefix filtering) are candidates. A candidate is then measured with two
    upper bounds of the ``SequenceMatcher`` ratio that cost next to nothing (the length bound
    ``real_quick_ratio`` and the character-multiset bound ``quick_ratio``, from lengths and
    character sets kept per title); only the few that pass both meet ``SequenceMatcher`` itself,
    with the same ratio and threshold as before, in the order they were added (so ties resolve
    as before). Building a ``SequenceMatcher`` per candidate was what made 20,000 rows take
    minutes.
    """

    def __init__(self, all_titles):
        self.frequency = Counter(gram for title in all_titles for gram in _trigrams(title))
        self.exact = {}
        self.postings = defaultdict(list)  # (numbers, gram) -> [position]
        self.entries = []  # position -> (entry, length, characters)

    def _prefix(self, title):
        grams = sorted(_trigrams(title), key=lambda gram: (self.frequency.get(gram, 0), gram))
        return grams[:int(len(grams) * TRIGRAM_LOSS) + 1]

    def add(self, entry):
        title = entry[0]
        position = len(self.entries)
        self.entries.append((entry, len(title), _characters(title)))
        self.exact.setdefault(title, entry)
        numbers = _numbers(title)
        for gram in self._prefix(title):
            self.postings[numbers, gram].append(position)

    def similar(self, title):
        if title in self.exact:
            return self.exact[title]
        numbers = _numbers(title)
        positions = set()
        for gram in self._prefix(title):
            positions.update(self.postings.get((numbers, gram), ()))
        length, characters = len(title), None
        best, best_ratio = None, MERGE_SIMILARITY
        for position in sorted(positions):
            entry, other_length, other_characters = self.entries[position]
            total = length + other_length
            # difflib's real_quick_ratio and quick_ratio, computed without building a matcher
            if 2.0 * min(length, other_length) / total < best_ratio:
                continue
            if characters is None:
                characters = _characters(title)
            if 2.0 * len(characters & other_characters) / total < best_ratio:
                continue
            ratio = difflib.SequenceMatcher(None, title, entry[0], autojunk=False).ratio()
            if ratio >= best_ratio:
                best, best_ratio = entry, ratio
        return best


class ImportRefused(Exception):
    """The plan has problems and the caller did not ask to skip invalid rows."""


def apply_plan(plan: Plan, skip_invalid=False, progress=None):
    """Write the plan in one transaction; returns {"created": [ids], "merged": [ids]}."""
    if plan.file_problem or (plan.problems and not skip_invalid):
        raise ImportRefused(plan.file_problem or _("Ada baris yang tidak sah; tidak ada yang diimpor."))
    created, merged = [], []
    try:
        with transaction.atomic():
            tag_ids = _tags({name for c in plan.new for name in c.tag_names})
            units = _units(plan.new)
            slugs = _slugs_taken({c.hub.pk: c.hub for c in plan.new})
            # what rows merged into a new innovation of this file add to it
            joined = defaultdict(lambda: ([], []))  # id(candidate) -> (sources, awards)
            extra_sources, extra_awards = [], []
            for candidate, target, _title in plan.merges:
                if isinstance(target, Candidate):
                    sources, awards = joined[id(target)]
                    sources.append((candidate.programme, candidate.identifier))
                    awards += candidate.awards
                else:
                    extra_sources.append(InnovationSource(innovation_id=target, programme=candidate.programme,
                                                          identifier=candidate.identifier, sort_order=10))
                    extra_awards += [(target, tier, year) for tier, year in candidate.awards]
                    merged.append(target)
            # pages are built a chunk at a time: 20,000 page objects at once took 600 MB
            allocator, chunk = PathAllocator(), 1000
            for start in range(0, len(plan.new), chunk):
                items = [_new_item(candidate, units, slugs, tag_ids, joined.get(id(candidate)))
                         for candidate in plan.new[start:start + chunk]]
                created += insert_innovations(items, allocator)
                del items
                if progress:
                    progress(min(start + chunk, len(plan.new)), len(plan.new))
            InnovationSource.objects.bulk_create(extra_sources)
            existing_awards = set(
                InnovationAward.objects.filter(innovation_id__in={t for t, _a, _y in extra_awards})
                .values_list("innovation_id", "tier_id", "year")
            )
            InnovationAward.objects.bulk_create([
                InnovationAward(innovation_id=t, tier_id=tier, year=year, sort_order=10)
                for t, tier, year in dict.fromkeys(extra_awards) if (t, tier, year) not in existing_awards
            ])
            innovations_changed.send(sender=InnovationPage, ids=created + merged)  # the search index follows
    except IntegrityError as error:
        raise ImportRefused(
            _("Basis data menolak impor (mungkin impor lain berjalan bersamaan): %(error)s. Tidak ada yang diimpor.")
            % {"error": str(error)[:200]}
        ) from None
    return {"created": created, "merged": sorted(set(merged))}


def _new_item(candidate, units, slugs, tag_ids, joined):
    page = InnovationPage(
        **candidate.page_fields, agency_id=candidate.agency.pk,
        service_unit_id=units.get((candidate.agency.pk, candidate.unit_name.lower())),
        slug=_unique_slug(candidate.page_fields["title"], slugs.setdefault(candidate.hub.pk, set())),
    )
    sources, awards = [(candidate.programme, candidate.identifier)], list(candidate.awards)
    if joined:
        sources += joined[0]
        awards += [a for a in dict.fromkeys(joined[1]) if a not in awards]
    return NewInnovation(
        page=page, hub=candidate.hub, category_ids=candidate.category_ids, sdg_ids=candidate.sdg_ids,
        tag_ids=[tag_ids[name.lower()] for name in candidate.tag_names], sources=sources, awards=awards,
    )


def _tags(names):
    from taggit.models import Tag

    wanted = {name.lower(): name for name in names}
    found = {tag.name.lower(): tag.pk for tag in Tag.objects.filter(name__in=list(wanted.values()))}
    by_slug = {tag.slug: tag for tag in Tag.objects.filter(slug__in=[slugify(n) for n in wanted.values()])}
    for key, name in wanted.items():
        if key in found:
            continue
        slug = slugify(name)
        tag = by_slug.get(slug) or Tag.objects.filter(name__iexact=name).first()
        if tag is None:
            tag = Tag.objects.create(name=name, slug=_free_tag_slug(slug))
            by_slug[tag.slug] = tag
        found[key] = tag.pk
    return found


def _free_tag_slug(slug):
    from taggit.models import Tag

    candidate, n = slug, 2
    while Tag.objects.filter(slug=candidate).exists():
        candidate, n = f"{slug}-{n}", n + 1
    return candidate


def _units(candidates):
    wanted = {(c.agency.pk, c.unit_name) for c in candidates if c.unit_name}
    if not wanted:
        return {}
    units = {(u.agency_id, u.name.lower()): u.pk
             for u in ServiceUnit.objects.filter(agency_id__in={a for a, _n in wanted})}
    for agency_id, name in sorted(wanted):
        if (agency_id, name.lower()) not in units:
            units[(agency_id, name.lower())] = ServiceUnit.objects.create(agency_id=agency_id, name=name).pk
    return units


def _slugs_taken(hubs):
    from wagtail.models import Page

    taken = defaultdict(set)
    for hub in hubs.values():
        taken[hub.pk] = set(
            Page.objects.filter(path__startswith=hub.path, depth=hub.depth + 1).values_list("slug", flat=True)
        )
    return taken


def _unique_slug(title, taken, max_length=240):
    base = slugify(title)[:max_length].strip("-") or "inovasi"
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    taken.add(slug)
    return slug


def rejected_rows_csv(plan: Plan) -> str:
    """The rejected rows with their reasons, as CSV text in the import schema plus ``alasan``."""
    reasons = defaultdict(list)
    for p in plan.problems:
        reasons[p.row].append(f"{p.column}: {p.message}")
    out = io.StringIO()
    headers = [h for h in plan.headers if h and h not in IGNORED] or [c.name for c in COLUMNS]
    writer = csv.writer(out)
    writer.writerow(["baris", *headers, "alasan"])
    for row in plan.rejected_rows:
        raw = plan.rows.get(row, {})
        writer.writerow([row, *[raw.get(h, "") for h in headers], " | ".join(reasons[row])])
    return out.getvalue()
