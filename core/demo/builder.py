"""Build the demo portal: hubs, agencies, innovations, news, events and one account per role.

Deterministic (seeded ``random.Random``) and idempotent: every object is looked up by a
stable key (slug, name or username) before it is created, so a second run adds nothing.
"""
import datetime
import json
import random
import re
import zoneinfo

from django.contrib.auth.models import User
from django.db.models import Max, QuerySet
from django.utils import timezone
from django.utils.text import slugify

from agencies.models import Agency, AgencyMembership, AgencyType
from clinics.demo import build_clinics
from competitions.demo import build_competitions
from competitions.roles import ADMIN_LOKAL_GROUP, EVALUATOR_GROUP, PANEL_GROUP, SECRETARIAT_GROUP
from competitions.roles import ensure_groups as competition_groups
from core.site_setup import ensure_site_structure
from hubs.demo import build_designation
from hubs.models import HubPage
from hubs.roles import ensure_assessor_group, ensure_hub_roles
from innovations.models import (
    AwardTier,
    InnovationAward,
    InnovationPage,
    InnovationSource,
    SustainabilityStatus,
)
from intake.importer import apply_plan, plan_import
from intake.schema import NARRATIVE_FIELDS
from maturity.demo import build_maturity
from maturity.rules import ensure_verifier_group
from news.models import EventPage, NewsPage, event_time_zone
from pkri.demo import build_pkri
from regions.models import Province, Regency
from replication.demo import build_replications
from unpsa.demo import build_unpsa

from .content import ARCHETYPES, BUMD_ARCHETYPE, CENTRAL_ARCHETYPES, RUNS, SECTIONS
from .real import AREAS, CENTRAL_AREAS, REAL_ID_PREFIX, hub_rows, province_name, real_records

CENTRAL_AGENCIES = [
    ("Kementerian Kesehatan", "Kemenkes", AgencyType.KEMENTERIAN),
    ("Kementerian Dalam Negeri", "Kemendagri", AgencyType.KEMENTERIAN),
    ("Badan Pusat Statistik", "BPS", AgencyType.LEMBAGA),
    ("BPJS Kesehatan", "BPJS Kesehatan", AgencyType.LEMBAGA),
    ("PT Pos Indonesia (Persero)", "Pos Indonesia", AgencyType.BUMN),
    ("PT PLN (Persero)", "PLN", AgencyType.BUMN),
    ("Badan Amil Zakat Nasional", "BAZNAS", AgencyType.LAINNYA),
]
ABBREVIATIONS = {
    "Kementerian Agama": "Kemenag", "Kementerian Agraria dan Tata Ruang/BPN": "ATR/BPN",
    "Kementerian Hukum dan HAM": "Kemenkumham", "Kementerian Kelautan dan Perikanan": "KKP",
    "Kementerian Keuangan": "Kemenkeu", "Kementerian Perdagangan": "Kemendag", "Kementerian Pertanian": "Kementan",
    "Kementerian Sosial": "Kemensos", "Kepolisian Negara Republik Indonesia": "Polri", "Mahkamah Agung": "MA",
    "Badan Pengawas Obat dan Makanan": "BPOM", "Kejaksaan Agung": "Kejagung",
    "Badan Nasional Penanggulangan Bencana": "BNPB", "Kementerian Badan Usaha Milik Negara": "Kementerian BUMN",
    "Kementerian Lingkungan Hidup dan Kehutanan": "KLHK", "Pemerintah Daerah DIY": "Pemda DIY",
}
#: the synthetic innovations' source programme and identifier prefix
DEMO_ID_PREFIX = "DEMO-"
#: KIPP editions (2024 was replaced by PKRI; 2025's results are not in the data)
KIPP_YEARS = range(2014, 2024)

DEMO_PASSWORD = "jippnas-demo-2026"


def best_tier_for(year):
    if year == 2014:
        return "top-9"
    if year == 2015:
        return "top-25"
    if year == 2016:
        return "top-35"
    if year in (2017, 2018):
        return "top-40"
    return "top-45"


def _agency(name, abbreviation, agency_type, province=None, regency=None):
    agency = Agency.objects.filter(name=name).first()
    if agency is None:
        agency = Agency.objects.create(
            name=name, abbreviation=abbreviation, agency_type=agency_type, province=province, regency=regency,
            address=f"Jalan Pemerintahan No. 1, {regency.name if regency else (province.name if province else 'Jakarta')}",
            website=f"https://{slugify(abbreviation)}.contoh.go.id",
        )
    return agency


def _province(name):
    return Province.objects.get(name=province_name(name))


def _regional_agency(name, agency_type, province):
    """"Pemerintah Kabupaten Badung" in Bali -> its agency, with the regency."""
    if agency_type == AgencyType.PEMPROV:
        short = name.replace("Pemerintah Provinsi ", "")
        return _agency(name, ABBREVIATIONS.get(name, f"Pemprov {short}"), agency_type, province)
    regency = Regency.objects.get(province=province, name=name.replace("Pemerintah ", "", 1))
    prefix = "Pemkot" if agency_type == AgencyType.PEMKOT else "Pemkab"
    return _agency(name, f"{prefix} {regency.name.split(' ', 1)[1]}", agency_type, province, regency)


def build_agencies(records):
    """The agencies of the real records and of the hubs, plus a few per province for the
    generated innovations: in every hub province two regencies, two cities and the regional
    bank; elsewhere the province and one regency; and the central agencies."""
    for record in records:
        if record.agency_type in (AgencyType.KEMENTERIAN, AgencyType.LEMBAGA):
            _agency(record.agency, ABBREVIATIONS.get(record.agency, ""), record.agency_type)
        else:
            _regional_agency(record.agency, record.agency_type, _province(record.province))
    hub_provinces = set()
    for row in hub_rows():
        if row["type"] == "provinsi":
            province = _province(row["hub_name"].removeprefix("Hub JIPP Provinsi "))
            hub_provinces.add(province.code)
            if not Agency.objects.filter(name=row["owner_agency"]).exists():
                _regional_agency(row["owner_agency"], AgencyType.PEMPROV, province)
        else:
            owner = row["owner_agency"]
            kind = AgencyType.KEMENTERIAN if owner.startswith("Kementerian") else AgencyType.LEMBAGA
            _agency(owner, ABBREVIATIONS.get(owner, ""), kind)
    for province in Province.objects.order_by("code"):
        if province.code in hub_provinces:
            places = list(province.regencies.filter(kind="kabupaten").order_by("code")[:2])
            places += list(province.regencies.filter(kind="kota").order_by("code")[:2])
        else:
            if not Agency.objects.filter(agency_type=AgencyType.PEMPROV, province=province).exists():
                _regional_agency(f"Pemerintah Provinsi {province.name}", AgencyType.PEMPROV, province)
            places = list(province.regencies.filter(kind="kabupaten").order_by("code")[:1])
        for regency in places:
            kind = AgencyType.PEMKOT if regency.kind == "kota" else AgencyType.PEMKAB
            _regional_agency(f"Pemerintah {regency.name}", kind, province)
        if province.code in hub_provinces:
            _agency(f"Bank Pembangunan Daerah {province.name}", f"BPD {province.name}", AgencyType.BUMD, province)
    for row in CENTRAL_AGENCIES:
        _agency(*row)


def build_hubs(pages):
    """One hub per row of hubs.csv (and Sulawesi Utara), with its decree and year joined;
    keyed by province code (province hubs) or owner name (K/L hubs)."""
    hubs = {}
    for row in hub_rows():
        owner = Agency.objects.get(name=row["owner_agency"])
        if row["type"] == "provinsi":
            name = row["hub_name"].removeprefix("Hub JIPP Provinsi ")
            province = _province(name)
            slug, key, hub_type = province.slug, province.code, HubPage.HubType.PROVINSI
            spokes = list(Agency.objects.filter(province=province, agency_type__in=[AgencyType.PEMKAB, AgencyType.PEMKOT]))
            title = f"Hub JIPP {name}"
        else:
            province, name = None, owner.name
            slug, key, hub_type, spokes = slugify(owner.name.replace("/", " ")), owner.name, HubPage.HubType.KL, []
            title = row["hub_name"]
        hub = HubPage.objects.filter(slug=slug).first()
        if hub is None:
            decree = row["decree"]
            if decree.startswith("(") and decree.endswith(")"):
                decree = decree[1:-1]
            hub = pages["hubs"].add_child(instance=HubPage(
                title=title, slug=slug, hub_type=hub_type, province=province, agency=owner,
                decree=decree[:1].upper() + decree[1:], year_joined=int(row["year"]),
                coordinating_unit=row["coordinating_unit"][:255], portal_url="",
                contact_email=f"hubjipp.{slug}@contoh.go.id"[:254],
            ))
            hub.spokes.set(spokes)
            hub.save_revision().publish()
        ensure_hub_roles(hub)
        hubs[key] = hub
    ensure_hub_roles(pages["national_hub"])
    return hubs


# --- innovations: the real records and generated ones, through the importer ------------------

def _split_count(count, available):
    """How many real records and generated innovations make a demo of ``count``: the real ones
    first, but always some generated ones (the Sulawesi Utara scenarios live there)."""
    generated = max(count - available, min(count, max(12, count // 3)))
    return count - generated, generated


def _pick_real(records, n):
    """``n`` real records spread over the years (all of them at the default size)."""
    if n >= len(records):
        return list(records)
    return [records[round(i * len(records) / n)] for i in range(n)]


def _statuses(count, rng):
    """A status per innovation like the 2024 data refresh: one in five stopped (berhenti or
    vakum), some not yet verified, the rest running."""
    stopped = round(count * 0.2)
    unverified = round(count * 0.15)
    developing = round(count * 0.3)
    statuses = ([SustainabilityStatus.BERHENTI] * round(stopped * 0.6)
                + [SustainabilityStatus.VAKUM] * (stopped - round(stopped * 0.6))
                + [SustainabilityStatus.BELUM_DIVERIFIKASI] * unverified
                + [SustainabilityStatus.BERLANJUT_PENGEMBANGAN] * developing)
    statuses += [SustainabilityStatus.BERLANJUT] * (count - len(statuses))
    rng.shuffle(statuses)
    return statuses


def _verified(status, rng, today):
    if status == SustainabilityStatus.BELUM_DIVERIFIKASI:
        return ""
    day = datetime.date(2024, 5, 1) + datetime.timedelta(days=rng.randint(0, 900))
    return min(day, today - datetime.timedelta(days=1)).isoformat()


def _real_row(n, record, status, rng, today):
    category, sdgs, unit = AREAS[record.area]
    if record.area in CENTRAL_AREAS and record.agency_type not in (AgencyType.KEMENTERIAN, AgencyType.LEMBAGA):
        unit = ""
    if record.agency_type in (AgencyType.KEMENTERIAN, AgencyType.LEMBAGA) and record.area not in CENTRAL_AREAS:
        unit = ""
    first = record.first_award_year
    # the KIPP rule: at least one year of implementation (two from 2021) before the proposal
    started = first - rng.choice([1, 2, 2, 3]) - (1 if first >= 2021 else 0)
    central = record.agency_type in (AgencyType.KEMENTERIAN, AgencyType.LEMBAGA)
    region = record.province if central and record.province != province_name("DKI Jakarta") else ""
    awards = "; ".join(f"{tier} {year}" for tier, year in sorted(record.awards, key=lambda a: a[1]))
    unpsa = any(tier.startswith("UNPSA") for tier, _year in record.awards)
    short = record.acronym or record.title
    return {
        "sumber": "lainnya" if unpsa and all(t.startswith("UNPSA") for t, _y in record.awards) else "kipp",
        "id_sumber": f"{REAL_ID_PREFIX}{n:03d}", "judul": record.title, "akronim": record.acronym,
        "ringkasan": record.summary, "instansi": record.agency, "unit_pelayanan": record.unit or unit,
        "wilayah": region, "tahun_mulai": str(started),
        "jenis": "digital" if record.digital else "non_digital", "tahapan": "penerapan",
        "status_keberlanjutan": status, "terakhir_diverifikasi": _verified(status, rng, today),
        "kategori": category, "sdg": "; ".join(map(str, sdgs)),
        "tag": "; ".join(t for t in [record.area, "UNPSA" if unpsa else ""] if t), "penghargaan": awards,
        "implementasi": f"{record.agency} menerapkan {short} sejak {started}.",
        "potensi_replikasi": f"Instansi lain dapat mempelajari {short} melalui hub JIPP dan mengadaptasinya "
                             "dengan kondisi daerahnya.",
        "pembelajaran": "Komitmen pimpinan, dukungan regulasi, dan keterlibatan pengguna layanan sejak awal "
                        "menjadi kunci keberlanjutan inovasi ini.",
    }


def _place(agency):
    if agency.agency_type in (AgencyType.PEMKAB, AgencyType.PEMKOT):
        return agency.regency.name
    if agency.agency_type == AgencyType.PEMPROV:
        return f"Provinsi {agency.province.name}"
    return ""


def _generated_row(n, agency, archetype, unit, status, rng, today, award_year=None):
    acronym, expansion, problem, solution, category, sdgs, tags = archetype
    place = _place(agency)
    title = f"{expansion} {place}".strip() if place else (
        f"{expansion} {agency.abbreviation}" if agency.agency_type == AgencyType.BUMD else expansion)
    awarded = award_year is not None or rng.random() < 0.5
    if awarded:
        started = rng.choice([2012, 2013, 2014, 2015, 2016, 2016, 2017, 2017, 2018, 2018, 2019, 2019, 2020, 2021])
        if award_year is None:
            award_year = rng.randint(max(started + 1, KIPP_YEARS[0]), KIPP_YEARS[-1])
        started = min(started, award_year - 1)
        awards = [f"Top 99 {award_year}"]
        if award_year > 2014 and rng.random() < 0.25:
            awards.append(f"{AwardTier.objects.get(slug=best_tier_for(award_year)).name} {award_year}")
    else:
        started, awards = rng.choice([2016, 2018, 2019, 2020, 2021, 2021, 2022, 2022, 2023, 2023, 2024, 2025]), []
    values = {"acronym": acronym, "place": place or "seluruh Indonesia", "problem": problem, "solution": solution,
              "agency": agency.name, "year": started, "pct": rng.randint(20, 80)}
    digital = any(word in f"{expansion} {solution}" for word in ("Digital", "Daring", "aplikasi", "daring", "Telemedisin"))
    return {
        "sumber": "lainnya", "id_sumber": f"{DEMO_ID_PREFIX}{n:04d}", "judul": title, "akronim": acronym,
        "ringkasan": f"{acronym} ({expansion}) dari {agency.name}: {solution}.", "instansi": agency.name,
        "unit_pelayanan": unit, "tahun_mulai": str(started), "jenis": "digital" if digital else "non_digital",
        "tahapan": "penerapan", "status_keberlanjutan": status,
        "terakhir_diverifikasi": _verified(status, rng, today), "kategori": category,
        "sdg": "; ".join(map(str, sdgs)), "tag": "; ".join(tags), "penghargaan": "; ".join(awards),
        "inovator": f"Tim {acronym} {agency.abbreviation or agency.name}"[:255],
        **{column: re.sub(r"</?p>", "", SECTIONS[field].format(**values))
           for column, field in NARRATIVE_FIELDS.items()},
    }


def _generated_pairs(rng):
    """(agency, archetype, unit) an agency may run, spread over agencies: the Sulawesi Utara
    scenarios first, then a shuffled mix where no agency runs more than two."""
    by_acronym = {a[0]: a for a in ARCHETYPES}
    agencies = list(Agency.objects.select_related("province", "regency").order_by("pk"))
    pairs = []
    for agency in agencies:
        if agency.name in CENTRAL_ARCHETYPES:
            pairs.append((agency, CENTRAL_ARCHETYPES[agency.name], ""))
        elif agency.agency_type == AgencyType.BUMD:
            pairs.append((agency, BUMD_ARCHETYPE, RUNS[BUMD_ARCHETYPE[0]][1]))
        else:
            pairs += [(agency, by_acronym[acronym], unit) for acronym, (kinds, unit) in RUNS.items()
                      if agency.agency_type in kinds and acronym in by_acronym]
    rng.shuffle(pairs)
    return pairs


def _scenarios(pairs):
    """The generated innovations the journeys and the README's scenarios rely on: (agency name,
    acronym, award year) in order; the first two come before the real records."""
    return [
        ("Pemerintah Provinsi Sulawesi Utara", "SADELPOS", 2019),
        ("Pemerintah Kabupaten Bolaang Mongondow", "PAHALA", 2018),
    ], [
        ("Pemerintah Kota Manado", "LAPOR CEPAT", 2021),
        ("Pemerintah Kota Bitung", "POSYANDU DIGITAL", None),
        ("Pemerintah Kabupaten Pacitan", "PAHALA", None),
    ]


def build_innovations(records, count, rng, log=lambda message: None):
    """The real records and the generated innovations as one import file in the importer's
    schema, checked and written by ``plan_import``/``apply_plan``; then what the import schema
    does not carry (featured, pictures, publication dates, the demo-text note)."""
    if InnovationSource.objects.filter(identifier__startswith=REAL_ID_PREFIX).exists() or \
            InnovationSource.objects.filter(identifier__startswith=DEMO_ID_PREFIX).exists():
        return 0
    today = datetime.date.today()
    real_count, generated_count = _split_count(count, len(records))
    real = _pick_real(records, real_count)
    statuses = _statuses(count, rng)
    pairs = _generated_pairs(rng)
    head, tail = _scenarios(pairs)
    agencies = {a.name: a for a in Agency.objects.select_related("province", "regency")}
    by_acronym = {a[0]: a for a in ARCHETYPES}
    chosen, per_agency, seen = [], {}, set()
    for name, acronym, year in head + tail:
        if name in agencies:
            chosen.append((agencies[name], by_acronym[acronym], RUNS[acronym][1], year))
            seen.add((name, acronym))
            per_agency[name] = per_agency.get(name, 0) + 1
    scenario_head = chosen[:len(head)]
    for agency, archetype, unit in pairs:
        if len(chosen) >= generated_count:
            break
        if (agency.name, archetype[0]) in seen or per_agency.get(agency.name, 0) >= 2:
            continue
        seen.add((agency.name, archetype[0]))
        per_agency[agency.name] = per_agency.get(agency.name, 0) + 1
        chosen.append((agency, archetype, unit, None))
    chosen = chosen[:generated_count]
    scenario_head = scenario_head[:generated_count]

    rows, kinds = [], []
    status = iter(statuses)
    for n, (agency, archetype, unit, year) in enumerate(scenario_head):
        rows.append(_generated_row(n, agency, archetype, unit, next(status), rng, today, year))
        kinds.append(("semua", archetype))
    for n, record in enumerate(real):
        rows.append(_real_row(n, record, next(status), rng, today))
        kinds.append(("sebagian", record))
    for n, (agency, archetype, unit, year) in enumerate(chosen[len(scenario_head):], start=len(scenario_head)):
        rows.append(_generated_row(n, agency, archetype, unit, next(status), rng, today, year))
        kinds.append(("semua", archetype))

    if not rows:  # ``--base-innovations 0``: hubs, agencies and accounts only (bench/import_innovations.py)
        return 0
    plan = plan_import(json.dumps({"inovasi": rows}).encode(), "demo-kipp.json")
    if not plan.ok or plan.merges or len(plan.new) != len(rows):
        raise RuntimeError(f"the demo import file does not import cleanly: {plan.as_dict(limit=5)}")
    created = apply_plan(plan)["created"]
    log(f"  {len(real)} inovasi dari data KIPP, {len(rows) - len(real)} inovasi contoh (lewat importer)")
    _finish_innovations(created, kinds, rng)
    return len(created)


def _finish_innovations(ids, kinds, rng):
    """Featured real records, publication dates after the facts, contacts, budgets. No pictures:
    the demo has no photos of these services, and a card without one shows its service area's
    illustration (a drawn placeholder per innovation would be the same circles everywhere)."""
    now = timezone.now()
    pages = InnovationPage.objects.in_bulk(ids)
    last_award = dict(InnovationAward.objects.filter(innovation_id__in=ids).values("innovation_id")
                      .annotate(last=Max("year")).values_list("innovation_id", "last"))
    for n, (pk, (kind, _origin)) in enumerate(zip(ids, kinds)):
        page = pages[pk]
        # on the portal (launched 2019) after its award, or a year after it started
        year = max(2019, last_award.get(pk) or page.year_started + 1)
        published = timezone.make_aware(datetime.datetime(year, rng.randint(1, 12), rng.randint(1, 28), 9, 0))
        published = min(published, now - datetime.timedelta(days=rng.randint(1, 60)))
        InnovationPage.objects.filter(pk=pk).update(
            featured=kind == "sebagian", demo_text=kind, image=None,
            first_published_at=published, last_published_at=published,
            contact_email=f"inovasi.{n}@contoh.go.id" if kind == "semua" else "",
            budget_amount=rng.randint(0, 500) * 1_000_000 if kind == "semua" else None,
        )


def backdate_replications(rng):
    """Replications start after the origin's last award, spread over the years since (the
    movement grew, so later years get more), and move on month by month; their notifications
    carry the date of the step they tell about (the rules stamp everything today)."""
    from replication.models import PUBLIC_STAGES, Notification, Replication, ReplicationStep, Stage

    today = timezone.now()
    last_award = dict(InnovationAward.objects.values("innovation_id").annotate(last=Max("year"))
                      .values_list("innovation_id", "last"))
    replicas_ready = {}  # a replica page -> when its replication last moved (a copy of a copy starts later)
    for replication in Replication.objects.order_by("pk"):
        steps = list(ReplicationStep.objects.filter(replication=replication).order_by("pk"))
        ready = replicas_ready.get(replication.origin_id)
        first_year = ready.year if ready else max(2019, last_award.get(replication.origin_id, 2020) + 1)
        start_year = max(rng.randint(first_year, today.year), rng.randint(first_year, today.year))
        when = timezone.make_aware(datetime.datetime(start_year, rng.randint(1, 12), rng.randint(1, 28), 10, 0))
        if ready:
            when = max(when, ready + datetime.timedelta(days=30))
        latest = today - datetime.timedelta(days=45 * (len(steps) + 1))
        when = min(when, latest)
        if replication.stage == Stage.MINAT:  # a request still waiting for an answer is recent
            when = today - datetime.timedelta(days=rng.randint(5, 80), hours=rng.randint(0, 8))
        created = when
        last = when
        for step in steps:
            # the history is append-only for users; the demo dates its own steps once, here
            QuerySet(ReplicationStep).filter(pk=step.pk).update(acted_at=when, date=when.date())
            told = Notification.objects.filter(event=f"replication:{replication.pk}:step:{step.pk}")
            told.update(created_at=when)
            told.filter(sent_at__isnull=False).update(sent_at=when)
            step.acted_at = last = when
            when += datetime.timedelta(days=rng.randint(25, 45))
        changes = {"created_at": created, "stage_changed_at": last if steps else created}
        if replication.public_since:
            changes["public_since"] = next((s.acted_at for s in steps if s.to_stage in PUBLIC_STAGES), created)
        Replication.objects.filter(pk=replication.pk).update(**changes)
        if replication.replica_id:
            replicas_ready[replication.replica_id] = last
            InnovationPage.objects.filter(pk=replication.replica_id).update(year_started=last.year)


#: (title, summary, body) of the demo news, one per hub in turn: what hubs actually report
NEWS = [
    ("{hub} Gelar Sosialisasi Pembaruan Data Inovasi",
     "Perangkat daerah diajak memperbarui status keberlanjutan inovasinya sebelum pemutakhiran data nasional.",
     ("<p>Sosialisasi diikuti perwakilan kabupaten/kota dan perangkat daerah {place}. Setiap instansi diminta "
     "memeriksa apakah inovasinya masih berjalan, berhenti, atau sedang dikembangkan, lalu memperbarui datanya "
     "di portal.</p><p>Tim hub membuka meja bantuan daring selama dua pekan untuk instansi yang mengalami kendala.</p>")),
    ("Klinik Proposal KIPP di {place} Diikuti 41 Perangkat Daerah",
     "Calon peserta Kompetisi Inovasi Pelayanan Publik mendapat masukan langsung atas draf proposalnya.",
     ("<p>Para pendamping menelaah aspek kebaruan, signifikansi, dan strategi keberlanjutan pada setiap draf. "
     "Kesalahan yang paling sering ditemukan adalah data dukung yang tidak menunjukkan dampak sebelum dan "
     "sesudah inovasi diterapkan.</p>")),
    ("{hub} Dokumentasikan Praktik Baik Pelayanan Terpadu",
     "Tiga inovasi pelayanan terpadu dicatat sebagai praktik baik agar mudah dipelajari daerah lain.",
     ("<p>Dokumentasi memuat latar belakang, langkah penerapan, biaya, dan pembelajaran dari setiap inovasi. "
     "Hasilnya diterbitkan di katalog portal dan dapat diunduh sebagai data terbuka.</p>")),
    ("Pendampingan Replikasi Inovasi Kesehatan Ibu dan Anak di {place}",
     "Hub memfasilitasi pertemuan antara instansi pemilik inovasi dan daerah yang ingin menirunya.",
     ("<p>Pertemuan membahas penyesuaian standar operasional, kebutuhan tenaga, dan dukungan regulasi daerah. "
     "Daerah replikator sepakat menyusun rencana aksi dalam satu bulan.</p>")),
    ("{hub} Tinjau Keberlanjutan Inovasi Peraih Penghargaan",
     "Tim hub mengunjungi inovasi peraih penghargaan KIPP untuk melihat apakah layanannya masih berjalan.",
     ("<p>Kunjungan dilakukan menjelang siklus PKRI. Dari inovasi yang dikunjungi, sebagian besar masih berjalan; "
     "beberapa memerlukan dukungan anggaran dan regulasi agar tidak berhenti.</p>")),
    ("Forum Berbagi Inovasi {place} Hadirkan Inovator Daerah",
     "Inovator berbagi pengalaman menjaga inovasi tetap berjalan setelah pergantian pimpinan.",
     ("<p>Forum menghadirkan inovator dari dinas kesehatan, kependudukan, dan perizinan. Peserta menyoroti "
     "pentingnya peraturan kepala daerah agar inovasi tidak bergantung pada satu orang.</p>")),
    ("Kementerian PANRB Ajak Hub JIPP Perluas Replikasi Inovasi",
     "Gerakan Satu Instansi Satu Inovasi diperkuat dengan replikasi antardaerah.",
     ("<p>Koordinator hub dari seluruh Indonesia membahas cara mempercepat replikasi inovasi yang terbukti "
     "berhasil, termasuk pendampingan bagi daerah yang belum memiliki inovasi.</p>")),
]
#: (event type, title, summary, days from today) of each hub's two demo events
EVENTS = [
    [("coaching_clinic", "Coaching Clinic Penyusunan Proposal KIPP {place}",
      "Pendampingan penyusunan proposal inovasi untuk perangkat daerah yang akan mengikuti KIPP.", 20),
     ("forum_replikasi", "Forum Replikasi Inovasi {place}",
      "Temu instansi pemilik dan calon replikator inovasi pelayanan publik.", -30)],
    [("coaching_clinic", "Klinik Inovasi Pelayanan Publik {place}",
      "Konsultasi satu per satu tentang data dukung, video, dan strategi keberlanjutan inovasi.", 24),
     ("forum_replikasi", "Temu Inovator dan Replikator {place}",
      "Berbagi pengalaman menerapkan kembali inovasi peraih penghargaan di daerah lain.", -45)],
]


def build_news_and_events(hubs, pages):
    """Each hub's news and events, with words that differ from hub to hub, and no picture: the
    demo has no photos of these events, and one drawn placeholder on every card reads as a copy."""
    now = timezone.now()
    for i, hub in enumerate(list(hubs.values())[:6] + [pages["national_hub"]]):
        agency = getattr(hub, "agency", None)
        place = hub.province.name if getattr(hub, "province", None) else (
            agency.abbreviation or agency.name if agency else "Nasional")
        for j, (kind, title, summary, days) in enumerate(EVENTS[i % 2]):
            slug = f"agenda-{hub.slug}-{j}"
            if not EventPage.objects.filter(slug=slug).exists():
                # at nine or half past one, local time where the hub is
                zone = zoneinfo.ZoneInfo(event_time_zone(hub.path + "0001"))
                day = (now + datetime.timedelta(days=days + i)).astimezone(zone).date()
                start = datetime.datetime.combine(day, datetime.time(9 if j == 0 else 13, 0 if j == 0 else 30), zone)
                event = hub.add_child(instance=EventPage(
                    title=title.format(place=place), slug=slug, summary=summary,
                    event_type=kind, start=start, end=start + datetime.timedelta(hours=3),
                    location=f"Aula {hub.coordinating_unit or hub.title}",
                ))
                event.save_revision().publish()
        slug = f"berita-{hub.slug}"
        if not NewsPage.objects.filter(slug=slug).exists():
            title, summary, body = NEWS[i % len(NEWS)] if hub.pk != pages["national_hub"].pk else NEWS[-1]
            news = hub.add_child(instance=NewsPage(
                title=title.format(hub=hub.title, place=place), slug=slug, summary=summary,
                body=body.format(place=place),
            ))
            news.save_revision().publish()
            # news of the last weeks, not all of today
            published = now - datetime.timedelta(days=3 + 9 * i)
            NewsPage.objects.filter(pk=news.pk).update(date=published.date(), first_published_at=published,
                                                       last_published_at=published)


def build_accounts(hubs):
    """One account per role; returns rows (role, username, password)."""
    def user(username, **extra):
        account, created = User.objects.get_or_create(username=username, defaults={"email": f"{username}@contoh.go.id", **extra})
        if created:
            account.set_password(DEMO_PASSWORD)
            account.save()
        return account

    user("admin", is_staff=True, is_superuser=True)
    sulut, jatim = hubs["71"], hubs["35"]
    user("koordinator.sulut").groups.add(sulut.roles.coordinators)
    user("koordinator.jatim").groups.add(jatim.roles.coordinators)
    editor = user("editor.manado")
    manado = Agency.objects.filter(name="Pemerintah Kota Manado").first() or sulut.agency
    AgencyMembership.objects.get_or_create(user=editor, defaults={"agency": manado})
    editor.groups.add(sulut.roles.agency_editors)
    user("asesor").groups.add(ensure_assessor_group())
    competition = competition_groups()
    admin_lokal = user("adminlokal.manado", first_name="Admin Lokal Kota Manado")
    AgencyMembership.objects.get_or_create(user=admin_lokal, defaults={"agency": manado})
    admin_lokal.groups.add(competition[ADMIN_LOKAL_GROUP])
    for name, first, last in (("penilai", "Rina", "Wulandari"), ("penilai.dua", "Johan", "Rumengan"),
                              ("penilai.tiga", "Siti", "Aminah")):
        user(name, first_name=first, last_name=last).groups.add(competition[EVALUATOR_GROUP])
    for name, first, last in (("panel", "Bambang", "Prasetyo"), ("panel.dua", "Dewi", "Lestari"),
                              ("panel.tiga", "Yohanes", "Kambu")):
        user(name, first_name=first, last_name=last).groups.add(competition[PANEL_GROUP])
    user("sekretariat", first_name="Sekretariat KIPP").groups.add(competition[SECRETARIAT_GROUP])
    user("verifikator").groups.add(ensure_verifier_group())
    return [
        ("Admin nasional", "admin"),
        ("Koordinator Hub JIPP Sulawesi Utara", "koordinator.sulut"),
        ("Koordinator Hub JIPP Jawa Timur", "koordinator.jatim"),
        ("Editor instansi (Pemerintah Kota Manado)", "editor.manado"),
        ("Asesor PKRI", "asesor"),
        ("Admin Lokal kompetisi (Pemerintah Kota Manado)", "adminlokal.manado"),
        ("Tim Evaluasi kompetisi", "penilai"),
        ("Tim Panel Independen kompetisi", "panel"),
        ("Sekretariat kompetisi (KIPP)", "sekretariat"),
        ("Verifikator kematangan hub", "verifikator"),
    ]


def ensure_tiers():
    """The 2020 "Finalis Kelompok Khusus" of the real records is a tier of its own."""
    AwardTier.objects.get_or_create(slug="finalis-kelompok-khusus",
                                    defaults={"name": "Finalis Kelompok Khusus", "programme": "kipp", "rank": 98})


def build_demo(innovations=300, seed=2026, log=lambda message: None):
    rng = random.Random(seed)
    pages = ensure_site_structure()
    ensure_tiers()
    records = real_records()
    log("Membuat instansi...")
    build_agencies(records)
    log("Membuat hub...")
    hubs = build_hubs(pages)
    log("Membuat inovasi...")
    created = build_innovations(records, innovations, rng, log=log)
    log("Membuat berita dan agenda...")
    build_news_and_events(hubs, pages)
    accounts = build_accounts(hubs)
    if build_replications(log=log):
        backdate_replications(rng)
    build_pkri(log=log)
    build_competitions(log=log)
    build_clinics(log=log)
    build_maturity(log=log)
    build_designation(log=log)
    build_unpsa(log=log)
    return {"hubs": len(hubs), "innovations_created": created, "accounts": accounts}
