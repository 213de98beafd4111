"""Organisers configure their own editions in the admin (issue 14): a hub's coordinators add
and edit their hub's editions and those editions' instruments, with the organiser fixed to
their hub; another hub's edition and the national ones are not there for them; the national
secretariat configures KIPP editions only; deleting stays with national administrators."""
import datetime

import pytest

from competitions import rules
from competitions.factories import EditionFactory
from competitions.models import Edition, Instrument

pytestmark = pytest.mark.django_db

BASE = "/admin/snippets/competitions"


@pytest.fixture
def regional_a(hub_a, groups):
    edition = EditionFactory(slug="lomba-inovasi-sulut-2026", name="Lomba Inovasi Sulawesi Utara 2026", hub=hub_a)
    rules.prepare_instruments(edition)
    return edition


@pytest.fixture
def regional_b(hub_b, groups):
    edition = EditionFactory(slug="lomba-inovasi-jatim-2026", name="Lomba Inovasi Jawa Timur 2026", hub=hub_b)
    rules.prepare_instruments(edition)
    return edition


def edition_post(name, slug, hub=None, year=2027):
    day = datetime.date(year, 3, 1)
    dates = [day + datetime.timedelta(days=30 * n) for n in range(5)]
    return {
        "name": name, "slug": slug, "year": str(year), "hub": str(hub.pk) if hub else "",
        "legal_basis": "Peraturan Gubernur Sulawesi Utara Nomor 12 Tahun 2025", "theme": "", "rules_text": "",
        "groups-TOTAL_FORMS": "1", "groups-INITIAL_FORMS": "0", "groups-MIN_NUM_FORMS": "1",
        "groups-MAX_NUM_FORMS": "1000", "groups-0-group": "umum", "groups-0-cap_per_agency": "5",
        "groups-0-min_implementation_years": "2", "groups-0-shortlist_size": "20", "groups-0-id": "",
        "groups-0-ORDER": "1", "groups-0-DELETE": "",
        "registration_opens_on": str(dates[0]), "registration_closes_on": str(dates[1]), "closing_time": "23:59",
        "admin_selection_closes_on": str(dates[2]), "evaluation_closes_on": str(dates[3]),
        "shortlist_announce_on": str(dates[4]), "presentation_closes_on": "", "verification_closes_on": "",
        "objection_closes_on": "", "decree_on": "", "min_evaluators": "2", "disagreement_threshold": "15",
        "min_aspect_words": "30",
        "award_places-TOTAL_FORMS": "0", "award_places-INITIAL_FORMS": "0", "award_places-MIN_NUM_FORMS": "0",
        "award_places-MAX_NUM_FORMS": "1000",
        "interview_criteria-TOTAL_FORMS": "0", "interview_criteria-INITIAL_FORMS": "0",
        "interview_criteria-MIN_NUM_FORMS": "0", "interview_criteria-MAX_NUM_FORMS": "1000",
    }


def form_errors(response):
    form = response.context["form"] if response.context and "form" in response.context else None
    return form.errors if form is not None else response.status_code


def test_a_coordinator_lists_and_edits_only_their_hubs_editions(client, coordinator_a, edition, regional_a, regional_b):
    client.force_login(coordinator_a)
    listing = client.get(f"{BASE}/edition/")
    assert listing.status_code == 200
    assert regional_a.name in listing.text
    assert regional_b.name not in listing.text and edition.name not in listing.text  # another hub's, and KIPP
    assert client.get(f"{BASE}/edition/edit/{regional_a.pk}/").status_code == 200
    for other in (regional_b, edition):
        assert client.get(f"{BASE}/edition/edit/{other.pk}/").status_code == 404
        assert client.post(f"{BASE}/edition/edit/{other.pk}/", edition_post("Diambil alih", other.slug)).status_code == 404
        assert client.get(f"{BASE}/edition/history/{other.pk}/").status_code == 404
        assert client.get(f"{BASE}/edition/copy/{other.pk}/").status_code in (403, 404)
    assert Edition.objects.get(pk=regional_b.pk).name == "Lomba Inovasi Jawa Timur 2026"


def test_a_coordinators_new_edition_is_their_hubs_and_copies_the_previous_instrument(client, coordinator_a, hub_a,
                                                                                      hub_b, regional_a):
    aspect = Instrument.objects.get(edition=regional_a, group="umum").aspects.get(name="Signifikansi")
    aspect.guidance = "Dampak bagi warga Sulawesi Utara, dengan data sebelum dan sesudah."
    aspect.save()
    client.force_login(coordinator_a)
    form = client.get(f"{BASE}/edition/add/")
    assert form.status_code == 200 and hub_b.title not in form.text  # no other organiser to choose
    # whatever is posted, the organiser is the coordinator's hub
    response = client.post(f"{BASE}/edition/add/", edition_post("Lomba Inovasi Sulawesi Utara 2027",
                                                                 "lomba-inovasi-sulut-2027", hub=hub_b))
    assert response.status_code == 302, form_errors(response)
    new = Edition.objects.get(slug="lomba-inovasi-sulut-2027")
    assert new.hub_id == hub_a.pk
    copied = Instrument.objects.get(edition=new, group="umum").aspects.get(name="Signifikansi")
    assert copied.guidance == "Dampak bagi warga Sulawesi Utara, dengan data sebelum dan sesudah."
    # a national (no hub) edition is not theirs to make: posting no organiser still gives their hub
    response = client.post(f"{BASE}/edition/add/", edition_post("Lomba Inovasi Manado 2027", "lomba-manado-2027"))
    assert response.status_code == 302, form_errors(response)
    assert Edition.objects.get(slug="lomba-manado-2027").hub_id == hub_a.pk
    assert not Edition.objects.filter(hub__isnull=True).exists()


def test_a_coordinator_of_two_hubs_chooses_between_them_but_not_national(client, coordinator_a, hub_a, hub_b):
    from hubs.models import HubRoles

    coordinator_a.groups.add(HubRoles.objects.get(hub=hub_b).coordinators)
    client.force_login(coordinator_a)
    response = client.post(f"{BASE}/edition/add/", edition_post("KIPP 2027", "kipp-2027"))
    assert response.status_code == 200 and "hub" in form_errors(response)
    response = client.post(f"{BASE}/edition/add/", edition_post("Lomba Jatim 2027", "lomba-jatim-2027", hub=hub_b))
    assert response.status_code == 302, form_errors(response)
    assert Edition.objects.get(slug="lomba-jatim-2027").hub_id == hub_b.pk


def test_a_coordinator_does_not_delete_editions(client, coordinator_a, regional_a, regional_b):
    client.force_login(coordinator_a)
    assert client.get(f"{BASE}/edition/delete/{regional_b.pk}/").status_code == 404
    response = client.post(f"{BASE}/edition/delete/{regional_a.pk}/")
    assert response.status_code in (302, 403)
    assert Edition.objects.filter(pk=regional_a.pk).exists()


def test_instruments_only_of_their_editions(client, coordinator_a, edition, regional_a, regional_b):
    client.force_login(coordinator_a)
    listing = client.get(f"{BASE}/instrument/")
    assert listing.status_code == 200 and regional_a.name in listing.text
    assert regional_b.name not in listing.text
    own = Instrument.objects.get(edition=regional_a, group="umum")
    assert client.get(f"{BASE}/instrument/edit/{own.pk}/").status_code == 200
    for other in (Instrument.objects.get(edition=regional_b, group="umum"), Instrument.objects.get(edition=edition, group="umum")):
        assert client.get(f"{BASE}/instrument/edit/{other.pk}/").status_code == 404
    # the form offers their editions only, and refuses another (a replikasi instrument is free in neither)
    Instrument.objects.filter(group="replikasi").delete()
    form = client.get(f"{BASE}/instrument/add/")
    assert regional_a.name in form.text and regional_b.name not in form.text and edition.name not in form.text
    data = {"edition": str(edition.pk), "group": "replikasi", "title": "Instrumen Replikasi", "scale_min": "0",
            "scale_max": "10", "aspects-TOTAL_FORMS": "1", "aspects-INITIAL_FORMS": "0", "aspects-MIN_NUM_FORMS": "1",
            "aspects-MAX_NUM_FORMS": "1000", "aspects-0-name": "Ringkasan", "aspects-0-weight": "100",
            "aspects-0-word_limit": "", "aspects-0-guidance": "", "aspects-0-evidence": "", "aspects-0-id": "",
            "aspects-0-ORDER": "1", "aspects-0-DELETE": ""}
    response = client.post(f"{BASE}/instrument/add/", data)
    assert response.status_code == 200 and "edition" in form_errors(response)
    response = client.post(f"{BASE}/instrument/add/", data | {"edition": str(regional_a.pk)})
    assert response.status_code == 302, form_errors(response)
    assert Instrument.objects.filter(group="replikasi").get().edition_id == regional_a.pk


def test_the_secretariat_configures_national_editions_only(client, secretariat, edition, regional_a, hub_a):
    client.force_login(secretariat)
    listing = client.get(f"{BASE}/edition/")
    assert edition.name in listing.text and regional_a.name not in listing.text
    assert client.get(f"{BASE}/edition/edit/{regional_a.pk}/").status_code == 404
    response = client.post(f"{BASE}/edition/add/", edition_post("Lomba Sulut 2027", "lomba-sulut-2027", hub=hub_a))
    assert response.status_code == 200 and not Edition.objects.filter(slug="lomba-sulut-2027").exists()
    response = client.post(f"{BASE}/edition/add/", edition_post("KIPP 2027", "kipp-2027"))
    assert response.status_code == 302, form_errors(response)
    assert Edition.objects.get(slug="kipp-2027").hub_id is None


def test_others_are_refused(client, admin_lokal, evaluators, edition, regional_a):
    for user in (admin_lokal, evaluators[0]):
        client.force_login(user)
        for url in (f"{BASE}/edition/", f"{BASE}/edition/add/", f"{BASE}/edition/edit/{edition.pk}/",
                    f"{BASE}/instrument/"):
            assert client.get(url).status_code in (302, 403, 404), (user, url)


def test_national_admin_still_sees_everything(client, national_admin, edition, regional_a, regional_b):
    client.force_login(national_admin)
    listing = client.get(f"{BASE}/edition/")
    assert all(e.name in listing.text for e in (edition, regional_a, regional_b))
    assert client.get(f"{BASE}/edition/edit/{regional_b.pk}/").status_code == 200
