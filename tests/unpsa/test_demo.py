"""The demo's UNPSA: next year's cycle with its categories, one nomination in preparation, and the
real past winners left as the award records the import wrote (not copied)."""
import pytest
from django.contrib.auth import get_user_model

from innovations.models import InnovationAward
from unpsa import readiness
from unpsa.demo import NOMINEES
from unpsa.models import Nomination

pytestmark = pytest.mark.django_db


def test_demo_has_one_nomination_in_preparation(demo, client):
    nomination = Nomination.objects.select_related("cycle", "category", "innovation").get()
    assert nomination.result == "menunggu" and nomination.submitted_on is None and nomination.award is None
    assert nomination.cycle.categories.count() == 3 and nomination.category.cycle_id == nomination.cycle_id
    assert nomination.innovation.sustainability_status in ("berlanjut", "berlanjut_pengembangan")  # never a stopped one
    state = readiness.readiness(nomination.innovation)
    assert not state.complete
    if nomination.innovation.acronym in {entry[0] for entry in NOMINEES}:
        assert state.percent == 30  # title, summary and background written in English; the rest not yet
    assert nomination.innovation.awards.filter(tier__programme="kipp").exists()
    # the real past winners are the import's award records, one per win
    wins = InnovationAward.objects.filter(tier__slug="unpsa-winner").values_list("innovation_id", "year")
    assert wins and len(set(wins)) == len(wins)
    client.force_login(get_user_model().objects.get(username="admin"))
    body = client.get(f"/admin/unpsa/?siklus={nomination.cycle.year}").content.decode()
    assert nomination.innovation.title in body and "UNPSA Winner" in body
