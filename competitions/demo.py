"""Demo competitions, made through the same rules as real ones: KIPP 2025 finished end to end
(Top 99, interviews with the independent panel, a field visit, uji publik with two objections of
which one upheld, the decree and its winners written onto their innovation pages), KIPP 2026 open
(its finals dates, interview criteria and award places set) with proposals in every stage, and the regional competition
of Hub JIPP Sulawesi Utara. Proposals start from the demo's innovations that may still enter
Kelompok Umum (no top tier, not twice Top 99), written in the agencies' own words."""
import datetime
import random

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Case, Count, Q, When
from django.test.utils import override_settings
from django.utils import timezone

from agencies.models import Agency
from hubs.models import HubPage
from innovations.models import Category, InnovationPage
from regions.models import Regency
from replication.demo import _actor

from . import roles, rules
from .models import AwardPlace, Edition, EditionGroup, Evidence, Group, Proposal, Status

PDF = b"%PDF-1.4\n% SK inisiator inovasi (contoh demo JIPPNas)\n"
THREE_T = ["Kabupaten Kepulauan Talaud", "Kabupaten Kepulauan Mentawai", "Kabupaten Sumba Barat Daya", "Kabupaten Nduga"]
KIPP_2025_CATEGORIES = ["pengentasan-kemiskinan", "pendidikan", "kesehatan", "ketahanan-pangan", "pertumbuhan-ekonomi",
                        "tata-kelola-pemerintahan", "pelayanan-inklusif", "administrasi-kependudukan", "perizinan"]


def _at(day, hour=10):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


def _texts(page, rng):
    """Eight distinct answers in the agency's voice, each within its aspect's limits."""
    title, agency = page.title, page.agency.name
    summary = (page.summary or "").strip().rstrip(".")
    users = rng.choice(["warga", "pelaku usaha kecil", "ibu hamil dan balita", "pelajar", "petani", "lansia"])
    before, after = rng.choice([(3, 1), (14, 3), (7, 2), (21, 5)])
    share = rng.randint(62, 93)
    return [
        (f"{title} adalah inovasi {agency}. {summary}. Sejak diterapkan, {users} tidak lagi harus datang berkali-kali "
        f"ke kantor layanan, waktu layanan turun dari {before} hari menjadi {after} hari, dan {share} persen pengguna "
        f"menyatakan puas dalam survei terakhir."),
        (f"Sebelum {title}, {users} mengeluhkan antrean panjang, persyaratan yang tidak jelas dan biaya perjalanan ke "
        f"pusat kota. Pengaduan tentang layanan ini termasuk yang terbanyak di kanal pengaduan daerah. Tujuan inovasi "
        f"adalah memangkas waktu dan biaya layanan serta membuat prosesnya dapat dipantau pengguna sendiri."),
        (f"Yang baru dari {title} adalah penggabungan pendaftaran, verifikasi dan pemberitahuan hasil dalam satu alur "
        f"yang dapat diikuti dari ponsel maupun dibantu petugas kelurahan. Sebelumnya ketiga langkah itu dilayani "
        f"loket berbeda dengan berkas kertas yang sering tercecer."),
        ("Penerapan dimulai dengan uji coba di dua kecamatan, dilanjutkan ke seluruh wilayah setelah petugas dilatih. "
        "Prosedur operasional standar ditetapkan kepala perangkat daerah, dan setiap bulan tim meninjau data layanan "
        "untuk memperbaiki langkah yang masih lambat."),
        (f"Waktu layanan turun dari {before} hari menjadi {after} hari. Jumlah {users} yang terlayani naik hampir dua "
        f"kali lipat dalam setahun, pengaduan turun lebih dari separuh, dan survei kepuasan masyarakat mencatat "
        f"{share} persen responden puas atau sangat puas."),
        (f"Cara kerja {title} sudah dipelajari beberapa daerah tetangga melalui kunjungan dan forum replikasi hub JIPP. "
        f"Panduan, formulir dan materi pelatihan kami bagikan terbuka sehingga instansi lain dapat menyesuaikannya "
        f"dengan kondisi setempat tanpa membangun dari awal."),
        ("Inovasi dijalankan oleh tim kecil berisi petugas layanan, operator data dan penanggung jawab teknis. "
        "Anggarannya menumpang pada kegiatan rutin perangkat daerah, dengan sarana yang sebagian besar sudah "
        "tersedia sehingga biaya tambahan sangat kecil."),
        ("Keberlanjutan dijaga lewat peraturan kepala daerah, anggaran pemeliharaan tahunan dan pelatihan bagi petugas "
        "baru. Inovasi ini juga masuk rencana strategis perangkat daerah sehingga tetap berjalan ketika pimpinan "
        "atau petugasnya berganti."),
    ]


def _candidates(year):
    """Live innovations that may enter Kelompok Umum in ``year``: implemented for 3 years or
    more, never a top tier, Top 99 at most once."""
    return (InnovationPage.objects.live().filter(year_started__lte=year - 3, agency__is_active=True)
            .annotate(top=Count("awards", filter=Q(awards__tier__programme="kipp") & ~Q(awards__tier__slug="top-99")),
                      top99=Count("awards", filter=Q(awards__tier__slug="top-99")))
            .filter(top=0, top99__lte=1).select_related("agency")
            # generated innovations first: an award the demo's competitions write (KIPP 2025) must not
            # land on a real record's page as if it were a public fact; the small demo of the tests
            # holds real records only and falls back to them
            .order_by(Case(When(demo_text="semua", then=0), default=1), "pk"))


def _enter(edition, page, rng, now, *, complete=True):
    """A proposal of ``page``'s agency, drafted from the innovation; None if refused."""
    user = _actor(page.agency)
    user.groups.add(roles.ensure_groups()[roles.ADMIN_LOKAL_GROUP])
    user.__dict__.pop("_competition_groups", None)  # roles caches group names per user object
    try:
        proposal = rules.create_proposal(user, edition, group=Group.UMUM, title=page.title, innovation=page, now=now)
    except ValidationError:
        return None, user
    if not complete:
        return proposal, user
    aspects = list(rules.instrument_for(edition, Group.UMUM).aspects.all())
    category = proposal.category or edition.categories.order_by("?").first()
    proposal = rules.save_draft(
        user, proposal, now=now,
        fields={"category": category, "implementation_start": datetime.date(page.year_started, rng.randint(1, 12), 1),
                "contact_name": page.innovator_name or f"Tim Inovasi {page.agency.abbreviation or page.agency.name}",
                "contact_email": page.agency.email or f"inovasi@{page.agency.slug}.go.id"},
        texts={a.pk: t for a, t in zip(aspects, _texts(page, rng), strict=True)},
        sk_document=SimpleUploadedFile("sk-inisiator.pdf", PDF, content_type="application/pdf"))
    if not proposal.sdgs.exists():
        from innovations.models import SDG

        proposal.sdgs.set(SDG.objects.filter(number__in=[rng.choice([1, 3, 4, 8, 10, 16]), 16]))
    Evidence.objects.bulk_create([
        Evidence(proposal=proposal, aspect=a, label=a.evidence, url=f"https://{page.agency.slug}.go.id/data-dukung/{n}")
        for n, a in enumerate(aspects) if a.needs_evidence])
    return proposal, user


def _score_all(edition, proposals, evaluators, rng, now, admin, *, flag=None):
    rules.assign_in_turn(admin, edition, evaluators)
    for proposal in proposals:
        base = rng.randint(5, 9)
        for n, assignment in enumerate(proposal.assignments.select_related("evaluator")):
            shift = 4 if (flag is not None and proposal.pk == flag.pk and n == 1) else 0
            rules.score(assignment.evaluator, assignment, {
                a.pk: (max(0, min(10, base - shift + rng.choice([-1, 0, 0, 1]))), rng.choice(["", "Data dukung cukup."]))
                for a in rules.instrument_for(edition, proposal.group).aspects.all()}, now=now)


def _edition(name, slug, year, opens, *, hub=None, theme="", groups=None, categories=None):
    step = datetime.timedelta
    edition = Edition.objects.create(
        name=name, slug=slug, year=year, hub=hub, theme=theme,
        legal_basis="Peraturan Menteri PANRB Nomor 7 Tahun 2021 tentang Kompetisi Inovasi Pelayanan Publik",
        rules_text="Setiap instansi mengajukan proposal melalui Admin Lokal. Proposal yang lolos seleksi administrasi "
                   "dinilai sedikitnya dua anggota Tim Evaluasi dari perguruan tinggi.",
        registration_opens_on=opens, registration_closes_on=opens + step(45),
        admin_selection_closes_on=opens + step(60), evaluation_closes_on=opens + step(90),
        shortlist_announce_on=opens + step(100), presentation_closes_on=opens + step(130),
        verification_closes_on=opens + step(150), objection_closes_on=opens + step(157), decree_on=opens + step(170),
    )
    edition.categories.set(Category.objects.filter(slug__in=categories or KIPP_2025_CATEGORIES))
    edition.disadvantaged_regencies.set(Regency.objects.filter(name__in=THREE_T))
    edition.save()
    for config in groups or [{"group": Group.UMUM, "cap_per_agency": 10, "min_implementation_years": 2, "shortlist_size": 99},
                             {"group": Group.REPLIKASI, "cap_per_agency": 5, "min_implementation_years": 1, "shortlist_size": 15}]:
        EditionGroup.objects.create(edition=edition, **config)
    rules.prepare_instruments(edition)
    return edition


def build_competitions(log=lambda message: None):
    """Idempotent: nothing happens when an edition exists. Mail is recorded, not sent."""
    if Edition.objects.exists():
        return 0
    User = get_user_model()
    admin = User.objects.filter(is_superuser=True).order_by("pk").first()
    evaluators = list(User.objects.filter(groups__name=roles.EVALUATOR_GROUP).order_by("username"))
    secretariat = User.objects.filter(groups__name=roles.SECRETARIAT_GROUP).order_by("pk").first()
    pages = list(_candidates(2025))
    if admin is None or len(evaluators) < 3 or secretariat is None or len(pages) < 12:
        return 0
    log("Membuat kompetisi demo...")
    rng = random.Random(2025)
    manado = Agency.objects.filter(name="Pemerintah Kota Manado").first()
    manado_pages = [p for p in pages if p.agency_id == getattr(manado, "pk", None)]
    others = [p for p in pages if p.agency_id != getattr(manado, "pk", None)]
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
        # KIPP 2025: finished, Top 99 announced
        done = _edition("KIPP 2025", "kipp-2025", 2025, datetime.date(2025, 3, 3),
                        theme="Inovasi pelayanan publik untuk mewujudkan Asta Cita")
        AwardPlace.objects.create(edition=done, group=Group.UMUM, tier_id=_tier("top-45"), places=45)
        during = _at(datetime.date(2025, 4, 1))
        entered = []
        for page in others[:24]:
            proposal, user = _enter(done, page, rng, during)
            if proposal is not None:
                rules.submit(user, proposal, now=during)
                entered.append(proposal)
        for proposal in entered[:3]:
            rules.decide_administration(secretariat, proposal, passed=False,
                                        reason="SK inisiator tidak ditandatangani pejabat yang berwenang.")
        passed = entered[3:]
        for proposal in passed:
            rules.decide_administration(secretariat, proposal, passed=True)
        _score_all(done, passed, evaluators, rng, _at(datetime.date(2025, 5, 20)), admin)
        ranked = rules.ranking(done, Group.UMUM)
        # all scored entries fit in the 99 places; the organiser leaves one out, with its reason
        keep = [p.pk for p in ranked[:-1]]
        reasons = {ranked[-1].pk: "Klarifikasi menunjukkan inovasi belum berjalan di seluruh kecamatan "
                                  "sebagaimana dinyatakan dalam proposal."} if ranked else {}
        rules.fix_shortlist(admin, done, Group.UMUM, keep, reasons)
        rules.announce(admin, done, now=_at(datetime.date(2025, 6, 16)))

        # KIPP 2026: registration open now, proposals in every stage
        today = timezone.localdate()
        current = _edition("KIPP 2026", "kipp-2026", 2026, today - datetime.timedelta(days=20),
                           theme="Inovasi pelayanan publik yang inklusif dan berkelanjutan")
        _criteria(current)
        AwardPlace.objects.create(edition=current, group=Group.UMUM, tier_id=_tier("top-45"), places=45)
        AwardPlace.objects.create(edition=current, group=Group.UMUM, tier_id=_tier("outstanding-achievement"), places=5)
        AwardPlace.objects.create(edition=current, group=Group.REPLIKASI, tier_id=_tier("top-5-replikasi"), places=5)
        now = timezone.now()
        pool = [p for p in _candidates(2026) if p.agency_id != getattr(manado, "pk", None)][::-1]
        made = []
        for page in pool[:16]:
            proposal, user = _enter(current, page, rng, now)
            if proposal is not None:
                made.append((proposal, user))
        submitted = []
        for proposal, user in made[4:]:
            submitted.append(rules.submit(user, proposal, now=now))
        if submitted:
            rules.return_for_fix(secretariat, submitted[0],
                                 "Lampirkan survei kepuasan pada aspek Signifikansi; tautan yang ada tidak dapat dibuka.")
        for proposal in submitted[1:3]:
            rules.decide_administration(secretariat, proposal, passed=False,
                                        reason="Inovasi baru diterapkan kurang dari dua tahun menurut SK yang dilampirkan.")
        passed = submitted[3:9]
        for proposal in passed:
            rules.decide_administration(secretariat, proposal, passed=True)
        if len(passed) >= 4:
            rules.assign_in_turn(admin, current, evaluators)
            scored = passed[:3]
            for proposal in scored:
                base = rng.randint(6, 9)
                for n, assignment in enumerate(proposal.assignments.select_related("evaluator").order_by("pk")):
                    shift = 5 if proposal is scored[0] and n == 1 else 0  # a large disagreement to moderate
                    rules.score(assignment.evaluator, assignment, {
                        a.pk: (max(0, base - shift), "") for a in rules.instrument_for(current, Group.UMUM).aspects.all()},
                        now=now)
        # Kota Manado: one draft for adminlokal.manado to finish and submit
        for page in manado_pages[:1]:
            user = User.objects.filter(username="adminlokal.manado").first()
            if user is not None:
                user = User.objects.get(pk=user.pk)
                rules.create_proposal(user, current, group=Group.UMUM, title=page.title, innovation=page, now=now)

        # Hub JIPP Sulawesi Utara: its regional competition, for its own agencies
        sulut = HubPage.objects.filter(province__code="71").first()
        if sulut is not None:
            regional = _edition("Lomba Inovasi Daerah Sulawesi Utara 2026", "lomba-inovasi-sulut-2026", 2026,
                                today - datetime.timedelta(days=10), hub=sulut,
                                theme="Satu perangkat daerah, satu inovasi",
                                groups=[{"group": Group.UMUM, "cap_per_agency": 5, "min_implementation_years": 1,
                                             "shortlist_size": 10}])
            region = [p for p in _candidates(2026) if p.agency.province_id == sulut.province_id][:6]
            for n, page in enumerate(region):
                proposal, user = _enter(regional, page, rng, now, complete=n != 0)
                if proposal is not None and n > 1:
                    rules.submit(user, proposal, now=now)
        # KIPP 2025's finals last: its awards would otherwise keep its winners out of the
        # candidates above (and its winners are chosen among those not entered in KIPP 2026)
        _finals_2025(done, admin, evaluators, rng)
    return Proposal.objects.exclude(status=Status.DRAF).count()


def _tier(slug):
    from innovations.models import AwardTier

    return AwardTier.objects.get(slug=slug).pk


INTERVIEW_CRITERIA = [
    ("Penguasaan substansi dan kejelasan paparan", 25, "Tim inovasi menjelaskan masalah, cara kerja dan hasil dengan data."),
    ("Dampak bagi pengguna layanan", 35, "Bukti perubahan yang dirasakan warga, bukan keluaran kegiatan."),
    ("Keberlanjutan", 20, "Regulasi, anggaran dan SDM yang menjaga inovasi tetap berjalan."),
    ("Potensi replikasi nasional", 20, "Kemungkinan diterapkan instansi lain dan kesiapan berbagi pengetahuan."),
]


def _criteria(edition):
    from .models import InterviewCriterion

    InterviewCriterion.objects.bulk_create([
        InterviewCriterion(edition=edition, sort_order=n, name=name, weight=weight, guidance=guidance)
        for n, (name, weight, guidance) in enumerate(INTERVIEW_CRITERIA)])


def _finals_2025(done, admin, evaluators, rng):
    """KIPP 2025 after its Top 99: every finalist interviewed by two panelists, one field visit,
    two objections (one upheld: that finalist is dropped), the decree and the awards."""
    from . import awards, finals, objections, selectors
    from .models import InterviewCriterion

    User = get_user_model()
    panel = list(User.objects.filter(groups__name=roles.PANEL_GROUP).order_by("username"))
    if len(panel) < 2:
        return
    done.refresh_from_db()  # announced since it was read
    _criteria(done)
    AwardPlace.objects.create(edition=done, group=Group.UMUM, tier_id=_tier("outstanding-achievement"), places=5)
    criteria = list(InterviewCriterion.objects.filter(edition=done))
    top = list(selectors.announced(done))
    first_day = datetime.date(2025, 7, 1)
    for n, proposal in enumerate(top):
        day = first_day + datetime.timedelta(days=n // 12)
        starts = _at(day, 8) + datetime.timedelta(minutes=20 * (n % 12))
        interview = finals.schedule_interview(admin, proposal, starts_at=starts,
                                              online_url="https://zoom.us/j/2025070100")
        agency_user = _actor(proposal.agency)
        agency_user.groups.add(roles.ensure_groups()[roles.ADMIN_LOKAL_GROUP])
        agency_user.__dict__.pop("_competition_groups", None)
        finals.confirm_interview(agency_user, interview)
        pair = [panel[n % len(panel)], panel[(n + 1) % len(panel)]]
        for panelist in pair:
            panelist.__dict__.pop("_competition_groups", None)
        finals.assign_panel(admin, interview, pair)
        base = rng.randint(6, 8)
        agreed = {c.pk: base + rng.choice([-1, 0, 0, 1]) for c in criteria}  # panelists differ by a point at most
        for assignment in interview.assignments.select_related("panelist"):
            finals.score_interview(assignment.panelist, assignment, {
                pk: (min(10, value + rng.choice([0, 0, 1])), "") for pk, value in agreed.items()},
                now=starts + datetime.timedelta(minutes=25))
    ranked = sorted(_interview_totals(top), key=lambda item: (-item[1], item[0].pk))
    if len(ranked) < 5:
        return
    visited = ranked[0][0]
    finals.report_visit(admin, visited, visited_on=datetime.date(2025, 7, 22), members=[panel[0], evaluators[0]],
                        runs_as_claimed=True, findings=(
                            "Tim mengunjungi dua lokasi layanan dan mewawancarai petugas serta sebelas pengguna. Alur "
                            "layanan berjalan seperti dalam proposal; data bulanan enam bulan terakhir cocok dengan "
                            "laporan. Perlu perbaikan papan informasi dan jalur untuk pengguna kursi roda."))
    window_day = objections.window(done)[0] + datetime.timedelta(days=1)
    dropped = ranked[-1][0]
    upheld = objections.file_objection(
        done, dropped, name="Yusuf Kambey", contact="0812-4400-1187", today=window_day,
        evidence_text=("Layanan ini sudah tidak berjalan sejak awal tahun: loket tutup, nomor pengaduan tidak aktif, "
                       "dan warga kembali mengurus secara manual di kantor kecamatan."),
        evidence_url="https://warga.contoh.id/laporan/loket-tutup")
    rejected = objections.file_objection(
        done, ranked[1][0], name="Sri Handayani", contact="sri.handayani@contoh.id", today=window_day,
        evidence_text=("Aplikasi layanan sempat tidak bisa dibuka selama dua hari pada bulan Juli sehingga saya "
                       "meragukan klaim layanan 24 jam dalam proposal."))
    objections.decide(admin, upheld, outcome="diterima", consequence="digugurkan",
                      note="Klarifikasi ke instansi dan kunjungan singkat membenarkan layanan berhenti sejak Januari 2025.")
    objections.decide(admin, rejected, outcome="ditolak",
                      note="Gangguan dua hari karena pemeliharaan server yang diumumkan; layanan berjalan kembali.")
    entered_2026 = set(Proposal.objects.filter(edition__year=2026).exclude(innovation=None)
                       .values_list("innovation_id", flat=True))
    standing = [p for p, _total in ranked if p.pk != dropped.pk and p.innovation_id not in entered_2026]
    if len(standing) < 2:
        standing = [p for p, _total in ranked if p.pk != dropped.pk]
    winners = [{"proposal": p.pk, "tier": _tier("top-45")} for p in standing[:max(1, min(6, len(standing) - 1))]]
    winners.append({"proposal": standing[-1].pk, "tier": _tier("outstanding-achievement")})
    awards.fix_winners(admin, done, number="Keputusan Menteri PANRB Nomor 512 Tahun 2025",
                       decided_on=datetime.date(2025, 8, 20), winners=winners)
    awards.announce_winners(admin, done, now=_at(datetime.date(2025, 8, 25)))


def _interview_totals(proposals):
    from .models import Interview

    totals = dict(Interview.objects.filter(proposal__in=proposals).values_list("proposal_id", "total"))
    return [(p, totals.get(p.pk) or 0) for p in proposals]
