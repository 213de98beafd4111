"""Reference regions: 38 provinces and 514 regencies, loaded by a data migration."""
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from regions.models import Province, Regency

pytestmark = pytest.mark.django_db

DATA_DIR = Path(__file__).resolve().parents[2] / "regions" / "data"


def test_all_provinces_and_regencies_are_loaded_by_migrations():
    assert Province.objects.count() == 38
    assert Regency.objects.count() == 514
    assert Regency.objects.filter(kind=Regency.Kind.KABUPATEN).count() == 416
    assert Regency.objects.filter(kind=Regency.Kind.KOTA).count() == 98


def test_known_codes():
    sulut = Province.objects.get(code="71")
    assert sulut.name == "Sulawesi Utara" and sulut.slug == "sulawesi-utara"
    assert Province.objects.get(code="35").name == "Jawa Timur"
    manado = Regency.objects.get(code="71.71")
    assert manado.name == "Kota Manado" and manado.kind == Regency.Kind.KOTA and manado.province == sulut
    minahasa = Regency.objects.get(code="71.02")
    assert minahasa.kind == Regency.Kind.KABUPATEN
    # The provinces created in 2022 are there too.
    assert Province.objects.filter(name__startswith="Papua").count() == 6


def test_every_regency_code_is_prefixed_by_its_province_code():
    mismatched = [
        r.code for r in Regency.objects.select_related("province") if not r.code.startswith(r.province.code + ".")
    ]
    assert mismatched == []
    assert all(p.regencies.exists() for p in Province.objects.all())


def test_kind_follows_the_name():
    assert not Regency.objects.filter(kind=Regency.Kind.KOTA).exclude(name__startswith="Kota ").exists()
    assert not Regency.objects.filter(kind=Regency.Kind.KABUPATEN, name__startswith="Kota ").exists()


def test_load_regions_command_is_idempotent_and_refreshes_names():
    before = {r.code: (r.pk, r.name, r.province_id) for r in Regency.objects.all()}
    province_pks = dict(Province.objects.values_list("code", "pk"))
    Regency.objects.filter(code="71.71").update(name="Nama Lama")
    Province.objects.filter(code="71").update(name="Sulut Lama")

    out = StringIO()
    call_command("load_regions", stdout=out)
    call_command("load_regions", stdout=out)

    assert "38 provinsi dan 514 kabupaten/kota dimuat." in out.getvalue()
    assert Province.objects.count() == 38 and Regency.objects.count() == 514
    assert {r.code: (r.pk, r.name, r.province_id) for r in Regency.objects.all()} == before
    assert dict(Province.objects.values_list("code", "pk")) == province_pks
    assert Province.objects.get(code="71").name == "Sulawesi Utara"


def test_odbl_source_note_is_shipped_with_the_data():
    note = (DATA_DIR / "SOURCE.md").read_text(encoding="utf-8")
    assert "ODbL" in note and "Open Database License" in note
    assert "idn-area-data" in note
    for name in ("provinces.csv", "regencies.csv"):
        assert name in note
        assert (DATA_DIR / name).is_file()
