"""The demo's hub work: the national clinic in six cohorts with registrations, attendance and a
follow-up figure, an open cohort in Sulawesi Utara, the 2025 maturity cycle published and 2026
open, and a willingness statement waiting for its decree."""
import pytest
from django.core.management import call_command

from clinics.followup import event_figures
from clinics.models import Cohort, Registration
from hubs.models import HubInvitation
from maturity.models import Cycle, Submission
from news.models import EventPage

pytestmark = pytest.mark.django_db


def test_demo_hub_work(client, demo):
    clinic = EventPage.objects.get(slug="klinik-inovasi-nasional")
    assert clinic.cohorts.count() == 6 and clinic.is_past
    registrations = Registration.objects.filter(cohort__event=clinic)
    assert registrations.count() > 30 and registrations.filter(attended=True).exists()
    assert registrations.filter(status="dikonfirmasi").exists()
    for cohort in clinic.cohorts.all():
        assert cohort.registrations.filter(status__in=Registration.HOLDING).count() <= cohort.capacity
    figures = event_figures(clinic)
    assert figures["agencies"] > 0 and figures["innovation"] + figures["replication"] > 0
    html = client.get(clinic.url).content.decode()
    assert "Laporan kegiatan" in html and "Rekaman sesi pleno" in html and "Paparan" not in html
    open_cohort = Cohort.objects.get(event__path__startswith=clinic.get_parent().path[:4], invited_provinces__code="71", is_open=True)
    assert open_cohort.start > clinic.start
    assert Submission.objects.filter(cycle__year=2025, status="dipublikasikan").count() >= 5
    assert Cycle.objects.get(year=2026).questions.count() == Cycle.objects.get(year=2025).questions.count()
    assert "Peringkat hub" in client.get("/kematangan/").content.decode()
    assert HubInvitation.objects.filter(status="bersedia", statement__isnull=False).count() == 1
    call_command("seed_demo", base_innovations=40, verbosity=0)
    assert EventPage.objects.filter(slug="klinik-inovasi-nasional").count() == 1 and Cycle.objects.count() == 2
    assert HubInvitation.objects.count() == 1
