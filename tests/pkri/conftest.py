import pytest

from agencies.factories import UserFactory
from innovations.factories import InnovationAwardFactory, InnovationPageFactory
from innovations.models import AwardTier
from pkri import rules
from pkri.factories import CycleFactory


@pytest.fixture
def cycle(db):
    return CycleFactory()


@pytest.fixture
def awarded(hub_a, agency_a):
    """A Top 45 innovation of 2021 (Pemprov Sulut) and a Top 99 one of 2019."""
    top45 = InnovationPageFactory(parent=hub_a, agency=agency_a, title="Samsat Delivery Pos", slug="sadelpos")
    InnovationAwardFactory(innovation=top45, tier=AwardTier.objects.get(slug="top-45"), year=2021)
    old = InnovationPageFactory(parent=hub_a, agency=agency_a, title="Posyandu Lama", slug="posyandu-lama")
    InnovationAwardFactory(innovation=old, tier=AwardTier.objects.get(slug="top-99"), year=2019)
    return {"top45": top45, "old": old}


@pytest.fixture
def prepared(cycle, awarded):
    rules.prepare_instruments(cycle)
    rules.choose_objects(cycle, years=[2021], tiers=["top-45"])
    return cycle


@pytest.fixture
def locus_user(editor_a):
    return editor_a  # acts for Pemprov Sulut, the owner of the awarded innovations


@pytest.fixture
def assessors(db):
    return [UserFactory(username=f"asesor{i}", first_name=f"Asesor {i}") for i in (1, 2, 3)]


def fill_everything(user, obj, score=4, declared="berlanjut"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    answers = {}
    for indicator in rules._instrument(obj).indicators.all():
        entry = {"text": f"Jawaban {indicator.name}", "self_score": score}
        if indicator.evidence_required:
            entry["evidence"] = SimpleUploadedFile(f"bukti-{indicator.pk}.pdf", b"%PDF-1.4 bukti", content_type="application/pdf")
        answers[indicator.pk] = entry
    rules.save_answers(user, obj, answers, declared_status=declared if obj.group == "keberlanjutan" else None)
    return answers
