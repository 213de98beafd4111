"""Becoming a hub: invitation, the agency's statement of willingness in the portal, the decree in
the admin creating the hub page with its roles and workflow, and the hub's history."""
import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.models import WorkflowPage

from agencies.models import AgencyType
from hubs import designation
from hubs.models import HubDesignation, HubHistory, HubInvitation, HubPage
from tests.helpers import make_agency, make_agency_editor, make_superuser

pytestmark = pytest.mark.django_db


@pytest.fixture
def gorontalo(db):
    return make_agency("75", AgencyType.PEMPROV, name="Pemerintah Provinsi Gorontalo", abbreviation="Pemprov Gorontalo")


@pytest.fixture
def invitation(gorontalo):
    return HubInvitation.objects.create(agency=gorontalo, letter_number="B/123/M.KT.01/2026",
                                        invited_on=datetime.date(2026, 10, 1))


@pytest.fixture
def gorontalo_user(site_pages, hub_a, gorontalo):
    return make_agency_editor(hub_a, gorontalo, username="admin-lokal-gorontalo")


def letter(name="pernyataan.pdf", content=b"%PDF-1.4 surat"):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def statement_post(**extra):
    return {"signed_letter": letter(), "coordinating_unit": "Biro Organisasi Setda Provinsi Gorontalo",
            "contact_name": "Rahmat Hasan", "contact_email": "ortala@gorontaloprov.go.id",
            "contact_phone": "0435 821000", **extra}


def test_the_invited_agency_states_willingness_in_the_portal(client, invitation, gorontalo_user, editor_a):
    client.force_login(editor_a)
    assert client.get("/penetapan-hub/kesediaan/").status_code == 404  # not invited
    client.force_login(gorontalo_user)
    response = client.post("/penetapan-hub/kesediaan/", statement_post(signed_letter=letter("surat.exe", b"MZ")))
    assert "tidak diterima" in response.content.decode()
    response = client.post("/penetapan-hub/kesediaan/", statement_post(), follow=True)
    assert "Pernyataan kesediaan terkirim" in response.content.decode()
    invitation.refresh_from_db()
    assert invitation.status == HubInvitation.Status.BERSEDIA
    assert invitation.statement.coordinating_unit == "Biro Organisasi Setda Provinsi Gorontalo"
    with pytest.raises(ValidationError, match="sudah disampaikan"):
        designation.state_willingness(gorontalo_user, invitation.pk, **{k: v for k, v in statement_post().items()})


def test_another_agency_cannot_answer(invitation, editor_a):
    with pytest.raises(PermissionDenied):
        designation.state_willingness(editor_a, invitation.pk, **statement_post())


def test_the_decree_in_the_admin_creates_the_hub_with_roles_and_history(client, invitation, gorontalo_user):
    designation.state_willingness(gorontalo_user, invitation.pk, **statement_post())
    admin = make_superuser()
    client.force_login(admin)
    response = client.post("/admin/snippets/hubs/hubdesignation/add/", {
        "invitation": invitation.pk, "decree_number": "KepmenPANRB Nomor 412 Tahun 2026", "decree_date": "2026-11-20"})
    assert response.status_code == 302, response.content.decode()[:2000]
    hub = HubPage.objects.get(agency=invitation.agency)
    assert hub.live and hub.title == "Hub JIPP Gorontalo" and hub.province.code == "75"
    assert hub.decree == "KepmenPANRB Nomor 412 Tahun 2026" and hub.year_joined == 2026
    assert hub.coordinating_unit == "Biro Organisasi Setda Provinsi Gorontalo"
    assert hub.roles.coordinators.name == "Koordinator — Hub JIPP Gorontalo"
    assert WorkflowPage.objects.get(page=hub).workflow == hub.roles.workflow
    assert list(HubHistory.objects.filter(hub=hub).values_list("kind", flat=True)) == ["ditetapkan"]
    invitation.refresh_from_db()
    assert invitation.status == HubInvitation.Status.DITETAPKAN and invitation.hub == hub
    assert "Riwayat penetapan" in client.get(hub.url).content.decode()
    html = client.get("/hub/").content.decode()
    assert "Hub JIPP Gorontalo" in html and "KepmenPANRB Nomor 412 Tahun 2026" in html


def test_no_decree_without_willingness(client, invitation):
    client.force_login(make_superuser())
    response = client.post("/admin/snippets/hubs/hubdesignation/add/", {
        "invitation": invitation.pk, "decree_number": "KepmenPANRB 1/2026", "decree_date": "2026-11-20"})
    assert response.status_code == 200 and not HubDesignation.objects.exists()
    assert not HubPage.objects.filter(agency=invitation.agency).exists()


def test_designate_twice_gives_the_same_hub(invitation, gorontalo_user):
    designation.state_willingness(gorontalo_user, invitation.pk, **statement_post())
    decree = HubDesignation.objects.create(invitation=invitation, decree_number="KepmenPANRB 9/2026",
                                           decree_date=datetime.date(2026, 11, 1))
    assert designation.designate(decree) == designation.designate(decree)
    assert HubPage.objects.filter(agency=invitation.agency).count() == 1


def test_coordinators_cannot_reach_the_designation_admin(client, coordinator_a):
    client.force_login(coordinator_a)
    response = client.get("/admin/snippets/hubs/hubdesignation/add/")
    assert response.status_code in (302, 403)
