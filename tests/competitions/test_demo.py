"""The demo's competitions: KIPP 2025 announced, KIPP 2026 open with proposals in every stage,
Hub JIPP Sulawesi Utara's own competition, and the demo accounts of the new roles."""
import pytest
from django.contrib.auth import get_user_model

from competitions import roles
from competitions.models import Edition, Proposal, Status

pytestmark = pytest.mark.django_db


def test_the_demo_competitions(demo, client):
    done, current, regional = (Edition.objects.get(slug=s) for s in ("kipp-2025", "kipp-2026", "lomba-inovasi-sulut-2026"))
    assert done.is_announced and Proposal.objects.filter(edition=done, status=Status.TOP).count() >= 5
    assert Proposal.objects.filter(edition=done, override_reason__gt="", status=Status.TIDAK_TOP).exists()
    stages = set(Proposal.objects.filter(edition=current).values_list("status", flat=True))
    assert {Status.DRAF, Status.DIAJUKAN, Status.DIKEMBALIKAN, Status.LOLOS_ADMINISTRASI,
            Status.TIDAK_LOLOS_ADMINISTRASI} <= stages
    assert Proposal.objects.filter(edition=current, flagged=True).exists()
    assert Proposal.objects.filter(edition=current, total__isnull=False).exists()
    assert regional.hub.title == "Hub JIPP Sulawesi Utara"
    assert all(p.agency.province.code == "71" for p in Proposal.objects.filter(edition=regional).select_related("agency__province"))
    User = get_user_model()
    manado = User.objects.get(username="adminlokal.manado")
    assert roles.is_admin_lokal(manado)
    assert Proposal.objects.filter(edition=current, agency__name="Pemerintah Kota Manado", status=Status.DRAF).exists()
    assert roles.is_evaluator(User.objects.get(username="penilai"))
    assert roles.is_secretariat(User.objects.get(username="sekretariat"), current)
    assert roles.is_organiser(User.objects.get(username="koordinator.sulut"), regional)
    # the pages answer
    for url in ("/kompetisi/", "/kompetisi/kipp-2025/", "/kompetisi/kipp-2026/", "/kompetisi/lomba-inovasi-sulut-2026/",
                "/kompetisi/kipp-2025/top-99.csv", "/kompetisi/kipp-2025/umpan/"):
        assert client.get(url).status_code == 200, url
    top = Proposal.objects.filter(edition=done, status=Status.TOP).first()
    assert top.title in client.get("/kompetisi/kipp-2025/").text
    client.force_login(User.objects.get(username="sekretariat"))
    assert client.get("/kompetisi/kipp-2026/sekretariat/").status_code == 200
    client.force_login(User.objects.get(username="penilai"))
    assert client.get("/kompetisi/kipp-2026/penilaian/").status_code == 200
    client.force_login(User.objects.get(username="koordinator.sulut"))
    assert "belum mengajukan proposal" in client.get("/kompetisi/kipp-2026/wilayah/").text
