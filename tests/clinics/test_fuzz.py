"""The clinic forms fuzzed (issue 17): an agency registering its people (the formset's counts and
each person's fields) and the organiser adding a cohort (capacity, start, time zone). Unicode
digits, huge and negative numbers, NUL and control characters, very long text: never a 500, and a
refused form writes nothing."""
import pytest
from django.test import Client
from hypothesis import event, given
from hypothesis import strategies as st

from clinics.models import Cohort
from tests.fuzz import FUZZ, dates, grown, numbers, row_counts, texts

pytestmark = pytest.mark.django_db

APPS = ("clinics", "outbox")


def hostile_fields(data, valid, strategies):
    chosen = data.draw(st.lists(st.sampled_from(sorted(valid)), max_size=3, unique=True), label="fields")
    return {**valid, **{name: data.draw(strategies.get(name, numbers), label=name) for name in chosen}}


@FUZZ
@given(data=st.data())
def test_fuzzed_registration(cohort, editor_a, data):
    fields = hostile_fields(data, {
        "peserta-TOTAL_FORMS": "1", "peserta-INITIAL_FORMS": "0", "peserta-MIN_NUM_FORMS": "0",
        "peserta-MAX_NUM_FORMS": "10", "peserta-0-name": "Siti Rahmawati", "peserta-0-position": "Analis",
        "peserta-0-unit": "Bagian Organisasi", "peserta-0-email": "siti@contoh.go.id",
    }, {name: texts for name in ("peserta-0-name", "peserta-0-position", "peserta-0-unit", "peserta-0-email")})
    client = Client(raise_request_exception=False)
    client.force_login(editor_a)
    before = row_counts(*APPS)
    response = client.post(f"/klinik/angkatan/{cohort.pk}/daftar/", fields)
    assert response.status_code in (200, 302, 403), response.status_code
    changed = grown(before, row_counts(*APPS))
    if response.status_code == 302 and changed:
        event("accepted")
        cohort.registrations.all().delete()  # the next example registers again
    else:
        assert changed == {}, changed


@FUZZ
@given(data=st.data())
def test_fuzzed_new_cohort(clinic, coordinator_a, data):
    fields = hostile_fields(data, {
        "angkatan-name": "Angkatan II", "angkatan-capacity": "40", "angkatan-start": "2027-03-03T09:00",
        "angkatan-time_zone": "Asia/Jayapura", "angkatan-location": "Jayapura",
    }, {"angkatan-name": texts, "angkatan-start": dates, "angkatan-time_zone": texts, "angkatan-location": texts})
    client = Client(raise_request_exception=False)
    client.force_login(coordinator_a)
    before = row_counts(*APPS)
    response = client.post(f"/klinik/kelola/{clinic.pk}/", {"aksi": "angkatan", **fields})
    assert response.status_code in (200, 302), response.status_code
    changed = grown(before, row_counts(*APPS))
    if response.status_code == 302:
        event("accepted")
        assert changed.get("clinics.Cohort") == 1
        assert Cohort.objects.latest("pk").capacity > 0
    else:
        assert changed == {}, changed
