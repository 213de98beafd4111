"""Data for the API tests: public and non-public replications, and PKRI cycles in both states.

Built through the same factories and rules as the replication and PKRI suites.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from agencies.factories import UserFactory, regency
from agencies.models import AgencyType
from innovations.factories import InnovationAwardFactory, InnovationPageFactory
from innovations.models import AwardTier
from replication.factories import ReplicationFactory
from replication.models import Evidence, EvidenceKind, ReplicationStep, Stage
from tests.helpers import make_agency

#: every operation the API publishes; a new endpoint must be added here (and so gets fuzzed)
OPERATIONS = {
    "/api/inovasi/",
    "/api/inovasi/{id}/",
    "/api/hub/",
    "/api/hub/{slug}/",
    "/api/instansi/",
    "/api/replikasi/",
    "/api/pkri/",
    "/api/pkri/{tahun}/",
}

#: Text stored where only the parties may read it; no API response may contain it.
SECRET_NOTE = "Catatan internal rahasia tahap minat"
OFFICIAL_NAME = "Bapak Pejabat Rahasia"
CONTACT_EMAIL = "inovator.rahasia@contoh.go.id"
CONTACT_PHONE = "0812-9999-0000"
EVIDENCE_NAME = "surat-minat-rahasia"


def json_of(response):
    assert response["Content-Type"].startswith("application/json"), response["Content-Type"]
    return response.json()


@pytest.fixture
def origin(hub_a, agency_a):
    return InnovationPageFactory(
        parent=hub_a,
        agency=agency_a,
        title="Samsat Delivery Pos",
        acronym="SADELPOS",
        slug="sadelpos",
        contact_email=CONTACT_EMAIL,
        contact_phone=CONTACT_PHONE,
        innovator_name="Tim SADELPOS",
    )


@pytest.fixture
def replications(origin, hub_a, hub_b, agency_a, agency_a2, agency_b):
    """One replication per situation: public at several stages, private at minat, declined at
    minat (never public), public but of an unpublished origin."""
    pemkab_uji = make_agency(
        "35",
        AgencyType.PEMKAB,
        name="Pemerintah Kabupaten Uji Jatim",
        abbreviation="Pemkab Uji",
        regency=regency("35.01"),
    )
    pemkot_bali = make_agency(
        "51", AgencyType.PEMKOT, name="Pemerintah Kota Uji Bali", abbreviation="Pemkot Uji Bali"
    )
    made = {
        "kesepakatan": ReplicationFactory(origin=origin, adopter=agency_b, stage=Stage.KESEPAKATAN),
        "implementasi": ReplicationFactory(origin=origin, adopter=pemkab_uji, stage=Stage.IMPLEMENTASI),
        "melembaga_manado": ReplicationFactory(origin=origin, adopter=agency_a2, stage=Stage.MELEMBAGA),
        "minat": ReplicationFactory(origin=origin, adopter=pemkot_bali, stage=Stage.MINAT),
    }
    declined = ReplicationFactory(
        origin=InnovationPageFactory(
            parent=hub_b, agency=agency_b, title="Inovasi Jatim Asal", slug="asal-jatim"
        ),
        adopter=pemkot_bali,
        stage=Stage.DITOLAK,
        public_since=None,
    )
    made["ditolak_minat"] = declined
    hidden_origin = InnovationPageFactory(
        parent=hub_a, agency=agency_a, title="Inovasi Ditarik Asal", slug="ditarik-asal"
    )
    made["origin_unpublished"] = ReplicationFactory(
        origin=hidden_origin, adopter=agency_b, stage=Stage.KESEPAKATAN
    )
    hidden_origin.unpublish()
    for replication in made.values():
        step = ReplicationStep.objects.create(
            replication=replication,
            from_stage=Stage.MINAT,
            to_stage=replication.stage,
            date=timezone.localdate(),
            note=SECRET_NOTE,
            actor_name=OFFICIAL_NAME,
            actor_agency=replication.adopter.name,
        )
        Evidence.objects.create(
            step=step,
            kind=EvidenceKind.SURAT_MINAT,
            file=SimpleUploadedFile(
                f"{EVIDENCE_NAME}.pdf", b"%PDF-1.4 bukti", content_type="application/pdf"
            ),
        )
    return made


def publish_cycle(cycle, locus_user, assessors, value=4):
    """Run one cycle to publication through ``pkri.rules`` (as tests/pkri do)."""
    from pkri import rules
    from pkri.models import AssessmentObject

    for obj in AssessmentObject.objects.filter(cycle=cycle):
        answers = {}
        for indicator in rules._instrument(obj).indicators.all():
            entry = {"text": f"Jawaban {indicator.name}", "self_score": value}
            if indicator.evidence_required:
                entry["evidence"] = SimpleUploadedFile(
                    f"bukti-{indicator.pk}.pdf", b"%PDF-1.4 bukti", content_type="application/pdf"
                )
            answers[indicator.pk] = entry
        rules.save_answers(
            locus_user, obj, answers, declared_status="berlanjut" if obj.group == "keberlanjutan" else None
        )
        rules.submit(locus_user, obj)
        indicators = list(rules._instrument(obj).indicators.all())
        for assignment in rules.assign(obj, assessors[:2]):
            rules.score(
                assignment.assessor,
                assignment,
                {i.pk: (value, "Catatan penilai rahasia") for i in indicators},
            )
    rules.publish(cycle)


@pytest.fixture
def pkri_cycles(hub_a, agency_a, editor_a):
    """PKRI 2026 published (with objects from Pemprov Sulut) and PKRI 2025 prepared, unpublished."""
    from pkri import rules
    from pkri.factories import CycleFactory

    top45 = InnovationPageFactory(
        parent=hub_a, agency=agency_a, title="Inovasi Top 45 PKRI", slug="top45-pkri"
    )
    InnovationAwardFactory(innovation=top45, tier=AwardTier.objects.get(slug="top-45"), year=2021)
    assessors = [UserFactory(username=f"asesor-api-{i}", first_name=f"Asesor Rahasia {i}") for i in (1, 2)]
    published = CycleFactory(year=2026)
    rules.prepare_instruments(published)
    rules.choose_objects(published, years=[2021], tiers=["top-45"])
    publish_cycle(published, editor_a, assessors)
    draft = CycleFactory(year=2025)
    rules.prepare_instruments(draft)
    return {"published": published, "draft": draft, "innovation": top45}
