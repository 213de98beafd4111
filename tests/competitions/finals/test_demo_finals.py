"""The demo's KIPP 2025 run end to end through its finals, and KIPP 2026's finals set up."""
import pytest

from competitions import awards
from competitions.models import Decree, FieldVisit, Interview, InterviewCriterion, Objection, Proposal, Status
from innovations.models import InnovationAward

pytestmark = pytest.mark.django_db


def test_kipp_2025_is_completed_end_to_end(demo, client):
    finalists = Proposal.objects.filter(edition__slug="kipp-2025", status__in=[Status.TOP, Status.PEMENANG, Status.GUGUR])
    assert Interview.objects.filter(proposal__in=finalists, total__isnull=False).count() == finalists.count()
    assert FieldVisit.objects.filter(proposal__edition__slug="kipp-2025").count() == 1
    outcomes = sorted(Objection.objects.filter(edition__slug="kipp-2025").values_list("outcome", flat=True))
    assert outcomes == ["diterima", "ditolak"]
    dropped = Objection.objects.get(edition__slug="kipp-2025", outcome="diterima").proposal
    assert dropped.status == Status.GUGUR
    decree = Decree.objects.get(edition__slug="kipp-2025")
    assert decree.announced_at is not None and decree.winners.count() >= 2
    winner = decree.winners.filter(tier__slug="top-45").select_related("proposal__innovation").first()
    page = winner.proposal.innovation
    assert page.live and InnovationAward.objects.filter(innovation=page, tier__slug="top-45", year=2025).exists()
    assert [label for _e, label in awards.path_of(page)][-2:] == ["Top 99 KIPP 2025", "Top 45 KIPP 2025"]
    edition_page = client.get("/kompetisi/kipp-2025/").text
    assert "Keputusan Menteri PANRB Nomor 512 Tahun 2025" in edition_page and winner.proposal.title in edition_page
    for objection in Objection.objects.all():
        assert objection.contact not in edition_page and objection.name not in edition_page
    assert "Top 45 KIPP 2025" in client.get(page.url).text
    assert client.get("/kompetisi/hasil/").status_code == 200
    assert client.get("/kompetisi/kipp-2025/pemenang.xlsx").status_code == 200
    # KIPP 2026: its finals dates, criteria and places are set
    assert InterviewCriterion.objects.filter(edition__slug="kipp-2026").count() == 4
    assert Proposal.objects.filter(edition__slug="kipp-2026").exists()
