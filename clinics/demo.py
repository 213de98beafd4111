"""Demo clinics: the national coaching clinic in six regional cohorts (as the 2017 one ran),
held two months ago, with registrations, attendance, materials, a report and its follow-up;
and an upcoming cohort of Hub JIPP Sulawesi Utara's coaching clinic open for registration.
Everything goes through ``rules`` as real registrations do; mail goes nowhere."""
import datetime

from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from agencies.models import Agency
from hubs.models import HubPage
from news.models import EventPage
from regions.models import Province
from replication.demo import _actor as actor

from . import rules
from .models import Cohort, Material, Registration, Report

COHORTS = [
    ("Angkatan I — Sumatera", "Asia/Jakarta", "Medan", ["11", "12", "13", "14", "15", "16", "17", "18", "19", "21"]),
    ("Angkatan II — Jawa", "Asia/Jakarta", "Yogyakarta", ["31", "32", "33", "34", "35", "36"]),
    ("Angkatan III — Kalimantan", "Asia/Makassar", "Balikpapan", ["61", "62", "63", "64", "65"]),
    ("Angkatan IV — Sulawesi", "Asia/Makassar", "Makassar", ["71", "72", "73", "74", "75", "76"]),
    ("Angkatan V — Bali dan Nusa Tenggara", "Asia/Makassar", "Denpasar", ["51", "52", "53"]),
    ("Angkatan VI — Maluku dan Papua", "Asia/Jayapura", "Ambon", ["81", "82", "91", "92", "93", "94", "95", "96"]),
]
NAMES = ["Ratna Sari", "Agus Pratama", "Dewi Lestari", "Fajar Nugroho", "Maria Wenda", "Yusuf Hasibuan",
         "Intan Permata", "Hendra Mokodompit", "Siti Aminah", "Yohanes Rumbiak", "Nurul Hidayah", "Rudi Tambunan"]
POSITIONS = [("Analis Kebijakan Ahli Muda", "Bagian Organisasi"), ("Kepala Subbagian Tata Laksana", "Biro Organisasi"),
             ("Perencana Ahli Pertama", "Bapperida"), ("Peneliti Ahli Muda", "Badan Riset dan Inovasi Daerah")]


def _at(days, hour, zone):
    import zoneinfo

    local = timezone.localtime(timezone.now() + datetime.timedelta(days=days), zoneinfo.ZoneInfo(zone))
    return local.replace(hour=hour, minute=0, second=0, microsecond=0)


def _people(agency, n, offset):
    people = []
    for k in range(n):
        position, unit = POSITIONS[(offset + k) % len(POSITIONS)]
        people.append({"name": NAMES[(offset + k) % len(NAMES)], "position": position,
                       "unit": f"{unit} {agency.abbreviation or agency.name}"[:200]})
    return people


@override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend")
def build_clinics(log=lambda message: None):
    national = HubPage.objects.filter(hub_type=HubPage.HubType.NASIONAL).first()
    if national is None or EventPage.objects.filter(slug="klinik-inovasi-nasional").exists():
        return 0
    log("Membuat klinik inovasi nasional...")
    with transaction.atomic():
        event = national.add_child(instance=EventPage(
            title="Klinik Inovasi Pelayanan Publik Nasional", slug="klinik-inovasi-nasional",
            event_type=EventPage.EventType.COACHING_CLINIC, start=_at(-60, 9, "Asia/Jakarta"), end=_at(-45, 16, "Asia/Jakarta"),
            location="Enam kota, per wilayah",
            summary="Pendampingan penyusunan proposal KIPP bagi instansi daerah, dalam enam angkatan per wilayah.",
            body="<p>Peserta menyusun proposal inovasi bersama mentor dan tim evaluasi.</p>"))
        event.save_revision().publish()
        coordinator = None
        created = 0
        for n, (name, zone, city, codes) in enumerate(COHORTS):
            cohort = Cohort.objects.create(event=event, name=name, capacity=24, location=f"Aula Kantor Gubernur, {city}",
                                           start=_at(7, 9, zone), end=_at(9, 16, zone), time_zone=zone)
            cohort.invited_provinces.set(Province.objects.filter(code__in=codes))
            agencies = list(Agency.objects.filter(province__code__in=codes, is_active=True).order_by("name")[:10])
            for k, agency in enumerate(agencies):
                created += len(rules.register(actor(agency), cohort.pk, _people(agency, 3 if k % 4 == 0 else 2, n + k)))
            # the cohort met in its week, two months ago
            start = _at(-60 + 3 * n, 9, zone)
            Cohort.objects.filter(pk=cohort.pk).update(start=start, end=start + datetime.timedelta(days=2, hours=7), is_open=False)
        coordinator = coordinator or _national_admin()
        for k, registration in enumerate(Registration.objects.filter(cohort__event=event, status=Registration.Status.TERDAFTAR)):
            if k % 3 != 2:
                rules.confirm(coordinator, registration.pk)
            rules.mark_attendance(coordinator, registration.pk, k % 7 != 3)
        Material.objects.create(event=event, title="Paparan: Menyusun proposal KIPP", audience=Material.Audience.PESERTA,
                                url="https://jippnas.menpan.go.id/materi/paparan-proposal-kipp.pdf")
        Material.objects.create(event=event, title="Rekaman sesi pleno", audience=Material.Audience.PUBLIK,
                                url="https://www.youtube.com/@kemenpanrb")
        Report.objects.create(event=event, followup_months=12, covered=(
            "Kerangka KIPP dan kriteria penilaian; menulis latar belakang, inovasi dan dampak; bukti dukung; "
            "klinik per proposal bersama mentor."))
        _followed_up(event)
        _upcoming_cohort()
    return created


def _followed_up(event):
    """Some attending agencies published an innovation in the weeks after the clinic (the
    follow-up figure): their demo innovations are dated so."""
    from innovations.models import InnovationPage

    attended = Registration.objects.filter(cohort__event=event, attended=True).values("agency_id")
    for n, page in enumerate(_first_per_agency(attended)):
        published = (event.end or event.start) + datetime.timedelta(days=20 + 11 * n)
        InnovationPage.objects.filter(pk=page.pk).update(first_published_at=published)


def _first_per_agency(attended):
    from innovations.models import InnovationPage

    seen, pages = set(), []
    for page in InnovationPage.objects.live().filter(agency_id__in=attended).order_by("agency_id", "pk").only("pk", "agency_id"):
        if page.agency_id not in seen:
            seen.add(page.agency_id)
            pages.append(page)
        if len(pages) == 4:
            break
    return pages


def _national_admin():
    from django.contrib.auth import get_user_model

    User = get_user_model()
    admin = User.objects.filter(is_superuser=True).order_by("pk").first()
    if admin is None:
        admin, _created = User.objects.get_or_create(username="admin", defaults={"is_superuser": True, "is_staff": True})
    return admin


def _upcoming_cohort():
    """Hub JIPP Sulawesi Utara's coming coaching clinic takes registrations (editor.manado's journey)."""
    hub = HubPage.objects.filter(province__code="71").first()
    event = EventPage.objects.filter(path__startswith=hub.path, event_type=EventPage.EventType.COACHING_CLINIC,
                                     start__gt=timezone.now()).order_by("start").first() if hub else None
    if event is None:
        return
    cohort = Cohort.objects.create(event=event, name="Angkatan I", capacity=30, location=event.location or "Manado",
                                   start=event.start, end=event.start + datetime.timedelta(hours=7), time_zone="Asia/Makassar")
    cohort.invited_provinces.set(Province.objects.filter(code="71"))
