"""The demo has one published PKRI cycle with results and one open cycle."""
import pytest
from django.core.management import call_command

from innovations.models import StatusRecord
from pkri.models import AssessmentObject, Cycle

pytestmark = pytest.mark.django_db


def test_demo_has_a_published_and_an_open_cycle(client, demo):
    published, current = Cycle.objects.get(year=2024), Cycle.objects.get(year=2026)
    assert published.is_published and not current.is_published
    results = AssessmentObject.objects.filter(cycle=published, final_total__isnull=False)
    assert results.count() >= 10 and not results.filter(rank__isnull=True).exists()
    assert StatusRecord.objects.filter(label="PKRI 2024").count() == results.filter(group="keberlanjutan").count()
    assert AssessmentObject.objects.filter(cycle=current, status="draf").exists()
    assert AssessmentObject.objects.filter(cycle=current, locus__agency__name="Pemerintah Kota Manado").exists()
    assert client.get("/pkri/2024/").status_code == 200 and client.get("/pkri/2024/hasil.xlsx").status_code == 200
    assert client.get("/pkri/2026/hasil.csv").status_code == 404
    call_command("seed_demo", base_innovations=40, verbosity=0)
    assert Cycle.objects.count() == 2
