"""Fixtures of a competition: an open KIPP edition with its instruments, Kota Manado's Admin
Lokal and operator, a secretariat member, three evaluators."""
import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from agencies.factories import AgencyMembershipFactory, UserFactory
from competitions import roles, rules
from competitions.factories import EditionFactory
from competitions.models import Evidence
from innovations.models import SDG, Category

from ..helpers import unique


@pytest.fixture
def groups(db):
    return roles.ensure_groups()


@pytest.fixture
def edition(db, groups):
    edition = EditionFactory()
    rules.prepare_instruments(edition)
    return edition


@pytest.fixture
def admin_lokal(agency_a2, groups, hub_a):
    user = UserFactory(username="adminlokal-manado", first_name="Admin Lokal Manado",
                       groups=[groups[roles.ADMIN_LOKAL_GROUP]])
    AgencyMembershipFactory(user=user, agency=agency_a2)
    return user


@pytest.fixture
def operator(agency_a2, hub_a):
    user = UserFactory(username="operator-manado", first_name="Operator Dinkes Manado")
    AgencyMembershipFactory(user=user, agency=agency_a2)
    return user


@pytest.fixture
def other_admin_lokal(agency_b, groups, hub_b):
    user = UserFactory(username="adminlokal-jatim", groups=[groups[roles.ADMIN_LOKAL_GROUP]])
    AgencyMembershipFactory(user=user, agency=agency_b)
    return user


@pytest.fixture
def secretariat(groups):
    return UserFactory(username="sekretariat-kipp", first_name="Sekretariat KIPP",
                       groups=[groups[roles.SECRETARIAT_GROUP]])


@pytest.fixture
def evaluators(groups):
    return [UserFactory(username=f"penilai{i}", first_name=f"Penilai {i}", groups=[groups[roles.EVALUATOR_GROUP]])
            for i in (1, 2, 3)]


ASPECT_TEXTS = [
    "Warga Manado kini mengurus rujukan puskesmas lewat ponsel tanpa antre sejak pagi di loket.",
    "Antrean rujukan di puskesmas mencapai tiga jam; tujuan inovasi memangkas waktu tunggu warga.",
    "Rujukan daring pertama di Sulawesi Utara yang terhubung langsung dengan jadwal dokter rumah sakit.",
    "Diterapkan bertahap di enam belas puskesmas dengan pelatihan petugas dan sosialisasi kelurahan.",
    "Waktu tunggu turun dari tiga jam menjadi dua puluh menit dan kepuasan warga naik menjadi 88 persen.",
    "Dua kabupaten tetangga sudah meminta panduan dan kode sumber untuk menerapkan cara yang sama.",
    "Dikerjakan tim dinas kesehatan dengan anggaran rutin pemeliharaan aplikasi dan dua operator.",
    "Ditetapkan melalui peraturan wali kota dan masuk rencana kerja dinas kesehatan tiap tahun.",
]


def sk_file(name="sk-inisiator.pdf"):
    return SimpleUploadedFile(name, b"%PDF-1.4 SK", content_type="application/pdf")


def complete(user, proposal, *, start=None, texts=ASPECT_TEXTS):
    """Fill every field the administrative checks need."""
    aspects = list(rules.instrument_for(proposal.edition, proposal.group).aspects.all())
    start = start or datetime.date(proposal.edition.year - 4, 3, 1)
    category = proposal.edition.categories.get(slug="kesehatan") if proposal.edition.categories.filter(
        slug="kesehatan").exists() else Category.objects.get(slug="kesehatan")
    rules.save_draft(user, proposal, fields={
        "category": category, "implementation_start": start, "contact_name": "dr. Maria Lumowa",
        "contact_email": "inovasi@manadokota.go.id", "video_url": "https://www.youtube.com/watch?v=abc"},
        texts={a.pk: t for a, t in zip(aspects, texts, strict=False)},
        sdgs=list(SDG.objects.filter(number__in=[3, 10])), sk_document=sk_file())
    for aspect in aspects:
        if aspect.needs_evidence:
            Evidence.objects.create(proposal=proposal, aspect=aspect, label=aspect.evidence,
                                    url="https://manadokota.go.id/data-dukung")
    proposal.refresh_from_db()
    return proposal


@pytest.fixture
def draft(edition, admin_lokal):
    proposal = rules.create_proposal(admin_lokal, edition, group="umum", title=unique("Rujukan Daring Puskesmas"))
    return complete(admin_lokal, proposal)
