"""The clinic cast: a coaching clinic of hub A (Sulawesi Utara) with one cohort inviting
Sulawesi Utara, agency editors of Pemprov Sulut and Pemkot Manado (invited) and of Pemprov
Jatim (not invited), and the coordinators of both hubs."""
import datetime

import pytest
from django.utils import timezone

from clinics.models import Cohort
from news.factories import EventPageFactory
from regions.models import Province
from tests.helpers import make_agency_editor


@pytest.fixture
def clinic(hub_a):
    return EventPageFactory(parent=hub_a, title="Klinik Inovasi Pelayanan Publik Sulut", slug="klinik-sulut")


@pytest.fixture
def cohort(clinic):
    cohort = Cohort.objects.create(
        event=clinic, name="Angkatan I", capacity=3, location="Aula Mapalus, Manado",
        start=timezone.now() + datetime.timedelta(days=10), time_zone="Asia/Makassar",
    )
    cohort.invited_provinces.add(Province.objects.get(code="71"))
    return cohort


@pytest.fixture
def editor_b(hub_b, agency_b):
    return make_agency_editor(hub_b, agency_b, username="editor-pemprov-jatim")


def person(n, **extra):
    return {"name": f"Peserta {n}", "position": "Analis Kebijakan", "unit": "Biro Organisasi", **extra}
