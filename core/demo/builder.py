"""Build the demo portal: hubs, agencies, innovations, news, events and one account per role.

Deterministic (seeded ``random.Random``) and idempotent: every object is looked up by a
stable key (slug, name or username) before it is created, so a second run adds nothing.
"""
import datetime
import random

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from agencies.models import Agency, AgencyMembership, AgencyType, ServiceUnit
from core.site_setup import ensure_site_structure
from hubs.models import HubPage
from hubs.roles import ensure_assessor_group, ensure_hub_roles
from innovations.models import (
    SDG,
    AwardTier,
    Category,
    InnovationAward,
    InnovationPage,
    InnovationSource,
    InnovationType,
    Stage,
    SustainabilityStatus,
)
from news.models import EventPage, NewsPage
from pkri.demo import build_pkri
from regions.models import Province
from replication.demo import build_replications

from .content import ARCHETYPES, SECTIONS
from .images import demo_image

# province code -> (hub decree, year joined, coordinating unit)
HUB_PROVINCES = [
    ("71", "KepmenPANRB Nomor 305 Tahun 2024", 2024, "Biro Organisasi Setda Provinsi Sulawesi Utara"),
    ("35", "KepmenPANRB Nomor 94 Tahun 2020", 2020, "Biro Organisasi Setda Provinsi Jawa Timur"),
    ("33", "KepmenPANRB Nomor 94 Tahun 2020", 2020, "Biro Organisasi Setda Provinsi Jawa Tengah"),
    ("32", "KepmenPANRB Nomor 94 Tahun 2020", 2020, "Biro Organisasi Setda Provinsi Jawa Barat"),
    ("73", "KepmenPANRB Nomor 359 Tahun 2021", 2021, "Bapperida Provinsi Sulawesi Selatan"),
    ("61", "KepmenPANRB Nomor 359 Tahun 2021", 2021, "Biro Organisasi Setda Provinsi Kalimantan Barat"),
    ("53", "KepmenPANRB Nomor 359 Tahun 2021", 2021, "Brida Provinsi Nusa Tenggara Timur"),
    ("51", "KepmenPANRB Nomor 94 Tahun 2020", 2020, "Biro Organisasi Setda Provinsi Bali"),
    ("13", "KepmenPANRB Nomor 359 Tahun 2021", 2021, "Biro Organisasi Setda Provinsi Sumatera Barat"),
    ("64", "KepmenPANRB Nomor 305 Tahun 2024", 2024, "Biro Organisasi Setda Provinsi Kalimantan Timur"),
    ("34", "KepmenPANRB Nomor 94 Tahun 2020", 2020, "Biro Organisasi Setda DIY"),
    ("76", "KepmenPANRB Nomor 305 Tahun 2024", 2024, "Biro Organisasi Setda Provinsi Sulawesi Barat"),
]

CENTRAL_AGENCIES = [
    ("Kementerian Kesehatan", "Kemenkes", AgencyType.KEMENTERIAN),
    ("Kementerian Dalam Negeri", "Kemendagri", AgencyType.KEMENTERIAN),
    ("Kementerian Hukum", "Kemenkum", AgencyType.KEMENTERIAN),
    ("Badan Pusat Statistik", "BPS", AgencyType.LEMBAGA),
    ("BPJS Kesehatan", "BPJS Kesehatan", AgencyType.LEMBAGA),
    ("PT Pos Indonesia (Persero)", "Pos Indonesia", AgencyType.BUMN),
    ("PT PLN (Persero)", "PLN", AgencyType.BUMN),
    ("Kepolisian Negara Republik Indonesia", "Polri", AgencyType.LAINNYA),
]

STATUSES = [
    SustainabilityStatus.BERLANJUT_PENGEMBANGAN, SustainabilityStatus.BERLANJUT, SustainabilityStatus.BERLANJUT,
    SustainabilityStatus.VAKUM, SustainabilityStatus.BERHENTI, SustainabilityStatus.BELUM_DIVERIFIKASI,
]

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
            phone="(0431) 800100", website=f"https://{slugify(abbreviation)}.go.id",
        )
    return agency


def _unit(agency, name):
    unit, _ = ServiceUnit.objects.get_or_create(agency=agency, name=name)
    return unit


def build_hubs(pages, rng):
    hubs = {}
    for code, decree, year, unit in HUB_PROVINCES:
        province = Province.objects.get(code=code)
        slug = province.slug
        pemprov = _agency(f"Pemerintah Provinsi {province.name}", f"Pemprov {province.name}", AgencyType.PEMPROV, province)
        hub = HubPage.objects.filter(slug=slug).first()
        if hub is None:
            hub = pages["hubs"].add_child(instance=HubPage(
                title=f"Hub JIPP {province.name}", slug=slug, hub_type=HubPage.HubType.PROVINSI,
                province=province, agency=pemprov, decree=decree, year_joined=year, coordinating_unit=unit,
                mentor_university=f"Universitas Negeri di {province.name}",
                summary=f"Hub JIPP {province.name} membina, mendokumentasikan, dan mereplikasi inovasi pelayanan publik di provinsi ini.",
                contact_email=f"hubjipp@{slug}.go.id", contact_phone="(0431) 123456",
                image=demo_image(f"Hub JIPP {province.name}", "Hub JIPP", province.name, seed=int(code)),
            ))
            hub.save_revision().publish()
        ensure_hub_roles(hub)
        hubs[code] = hub
    ensure_hub_roles(pages["national_hub"])
    return hubs


def build_agencies(hubs):
    """Per hub: the province, three regencies and two cities (the capital among them), a BUMD; plus central agencies."""
    by_hub = {}
    for code, hub in hubs.items():
        province = hub.province
        agencies = [hub.agency]
        regencies = list(province.regencies.filter(kind="kabupaten").order_by("code")[:3])
        regencies += list(province.regencies.filter(kind="kota").order_by("code")[:2])
        for regency in regencies:
            kind = AgencyType.PEMKOT if regency.kind == "kota" else AgencyType.PEMKAB
            agencies.append(_agency(f"Pemerintah {regency.name}", f"Pem{regency.name.split(' ', 1)[1]}", kind, province, regency))
        agencies.append(_agency(f"Bank Pembangunan Daerah {province.name}", f"BPD {province.name}", AgencyType.BUMD, province))
        spokes = [a for a in agencies if a.agency_type in (AgencyType.PEMKAB, AgencyType.PEMKOT)]
        if set(hub.spokes.values_list("pk", flat=True)) != {a.pk for a in spokes}:
            hub.spokes.set(spokes)
            hub.save_revision().publish()
        by_hub[code] = agencies
    central = [_agency(*row) for row in CENTRAL_AGENCIES]
    for agency in Agency.objects.all():
        _unit(agency, "Dinas Kependudukan dan Pencatatan Sipil" if agency.agency_type in (AgencyType.PEMKAB, AgencyType.PEMKOT) else "Unit Pelayanan Terpadu")
    return by_hub, central


def build_innovations(pages, hubs, by_hub, central, count, rng):
    categories = {c.slug: c for c in Category.objects.all()}
    sdgs = {s.number: s for s in SDG.objects.all()}
    tiers = {t.slug: t for t in AwardTier.objects.all()}
    images = archetype_images()
    targets = [(hub, agency) for code, hub in hubs.items() for agency in by_hub[code]]
    targets += [(pages["national_hub"], agency) for agency in central]
    created = 0
    for n in range(count):
        acronym, expansion, problem, solution, category, sdg_numbers, tags = ARCHETYPES[n % len(ARCHETYPES)]
        hub, agency = targets[n % len(targets)]
        place = agency.regency.name if agency.regency_id else (agency.province.name if agency.province_id else "Indonesia")
        title = f"{expansion} {place}" + (f" ({n // len(targets) + 1})" if n >= len(targets) else "")
        slug = slugify(f"{acronym}-{place}-{n}")[:80]
        if InnovationPage.objects.filter(slug=slug).exists():
            continue
        year = 2014 + (n * 7) % 12
        status = STATUSES[rng.randrange(len(STATUSES))]
        values = {"acronym": acronym, "place": place, "problem": problem, "solution": solution, "agency": agency.name,
                      "year": year, "pct": rng.randint(20, 80)}
        page = InnovationPage(
            title=title, slug=slug, acronym=acronym, agency=agency, image=images[acronym],
            service_unit=agency.service_units.first(), province=agency.province, regency=agency.regency,
            summary=f"{acronym} ({expansion}) dari {agency.name}: {solution}.",
            year_started=year, innovation_type=rng.choice(InnovationType.values), stage=Stage.PENERAPAN,
            sustainability_status=status,
            last_verified=None if status == SustainabilityStatus.BELUM_DIVERIFIKASI else datetime.date(2024, 10, 1) + datetime.timedelta(days=rng.randint(0, 400)),
            featured=n % 10 == 0, innovator_name=f"Tim Inovasi {agency.abbreviation}",
            contact_email=f"inovasi.{n}@contoh.go.id", budget_amount=rng.randint(0, 500) * 1_000_000,
            **{name: text.format(**values) for name, text in SECTIONS.items()},
        )
        with transaction.atomic():
            hub.add_child(instance=page)
            page.categories.set([categories[category]])
            page.sdgs.set([sdgs[s] for s in sdg_numbers])
            page.tags.set(tags)
            page.sources.add(InnovationSource(programme="kipp", identifier=f"SINOVIK-{year}-{n:05d}"))
            page.awards.add(InnovationAward(tier=tiers["top-99"], year=min(year + 2, 2025)))
            if n % 4 == 0:
                page.awards.add(InnovationAward(tier=tiers[best_tier_for(min(year + 2, 2025))], year=min(year + 2, 2025)))
            page.save_revision().publish()
        created += 1
    return created


def archetype_images():
    """One picture per innovation archetype, keyed by acronym."""
    return {
        acronym: demo_image(f"Inovasi {acronym}", acronym, expansion, seed=i)
        for i, (acronym, expansion, *_rest) in enumerate(ARCHETYPES)
    }


def build_news_and_events(hubs, pages):
    now = timezone.now()
    event_image = demo_image("Coaching clinic inovasi", "Coaching Clinic", "Pendampingan inovasi daerah", seed=5)
    news_image = demo_image("Sosialisasi inovasi", "Sosialisasi", "Berita hub JIPP", seed=6)
    for i, hub in enumerate(list(hubs.values())[:6] + [pages["national_hub"]]):
        for j, (kind, days) in enumerate([("coaching_clinic", 20 + i), ("forum_replikasi", -30 - i)]):
            slug = f"agenda-{hub.slug}-{j}"
            if not EventPage.objects.filter(slug=slug).exists():
                event = hub.add_child(instance=EventPage(
                    title=f"{'Coaching Clinic Inovasi' if j == 0 else 'Forum Replikasi Inovasi'} {hub.title}", slug=slug,
                    summary="Pendampingan penyusunan proposal dan replikasi inovasi pelayanan publik.",
                    event_type=kind, start=now + datetime.timedelta(days=days), image=event_image, location=f"Aula {hub.coordinating_unit or hub.title}",
                ))
                event.save_revision().publish()
        slug = f"berita-{hub.slug}"
        if not NewsPage.objects.filter(slug=slug).exists():
            news = hub.add_child(instance=NewsPage(
                title=f"{hub.title} Gelar Sosialisasi Inovasi", slug=slug,
                summary="Perangkat daerah diajak memperbarui data inovasi dan menyiapkan replikasi.",
                body="<p>Sosialisasi diikuti perwakilan kabupaten/kota.</p>", image=news_image,
            ))
            news.save_revision().publish()


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
    return [
        ("Admin nasional", "admin"),
        ("Koordinator Hub JIPP Sulawesi Utara", "koordinator.sulut"),
        ("Koordinator Hub JIPP Jawa Timur", "koordinator.jatim"),
        ("Editor instansi (Pemerintah Kota Manado)", "editor.manado"),
        ("Asesor PKRI", "asesor"),
    ]


def build_demo(innovations=300, seed=2026, log=lambda message: None):
    rng = random.Random(seed)
    pages = ensure_site_structure()
    log("Membuat hub...")
    hubs = build_hubs(pages, rng)
    log("Membuat instansi...")
    by_hub, central = build_agencies(hubs)
    log("Membuat inovasi...")
    created = build_innovations(pages, hubs, by_hub, central, innovations, rng)
    log("Membuat berita dan agenda...")
    build_news_and_events(hubs, pages)
    accounts = build_accounts(hubs)
    build_replications(log=log)
    build_pkri(log=log)
    return {"hubs": len(hubs), "innovations_created": created, "accounts": accounts}
