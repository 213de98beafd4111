"""PKRI pages: nothing is public before publication; agencies see only their own objects;
assessors score through the form; results, downloads and survival after publication."""
import csv
import io
from io import BytesIO

import pytest
from openpyxl import load_workbook

from pkri import rules
from pkri.models import AssessmentObject, Group

from .conftest import fill_everything

pytestmark = pytest.mark.django_db


@pytest.fixture
def obj(prepared):
    return AssessmentObject.objects.get(cycle=prepared, group=Group.KEBERLANJUTAN)


def run_to_publication(cycle, obj, locus_user, assessors, value=4):
    fill_everything(locus_user, obj)
    rules.submit(locus_user, obj)
    indicators = list(rules._instrument(obj).indicators.all())
    for assignment in rules.assign(obj, assessors[:2]):
        rules.score(assignment.assessor, assignment, {i.pk: (value, "") for i in indicators})
    rules.publish(cycle)


def test_nothing_is_public_before_publication(client, prepared, obj):
    response = client.get(f"/pkri/{prepared.year}/")
    assert response.status_code == 200 and "belum dipublikasikan" in response.content.decode()
    assert client.get(f"/pkri/{prepared.year}/hasil.csv").status_code == 404
    assert client.get(f"/pkri/{prepared.year}/hasil.xlsx").status_code == 404
    assert client.get("/pkri/").status_code == 200
    assert client.get("/pkri/1999/").status_code == 404


def test_agency_fills_saves_and_submits_through_the_form(client, prepared, obj, locus_user, editor_a2):
    client.force_login(editor_a2)
    assert client.get(f"/pkri/{prepared.year}/asesmen/{obj.pk}/").status_code == 404  # not its object
    client.force_login(locus_user)
    listing = client.get(f"/pkri/{prepared.year}/asesmen/")
    assert list(listing.context["objects"]) != [] and obj.title in listing.content.decode()
    indicators = list(rules._instrument(obj).indicators.all())
    data = {f"skor-{i.pk}": "3" for i in indicators} | {f"jawaban-{i.pk}": "Berjalan." for i in indicators} | {"status": "berlanjut"}
    response = client.post(f"/pkri/{prepared.year}/asesmen/{obj.pk}/", data | {"simpan": "1"}, follow=True)
    assert "Draf tersimpan" in response.content.decode()
    response = client.post(f"/pkri/{prepared.year}/asesmen/{obj.pk}/", data | {"ajukan": "1"}, follow=True)
    assert "wajib dilengkapi bukti" in response.content.decode()  # refused, clearly
    obj.refresh_from_db()
    assert not obj.is_submitted and obj.answers.count() == len(indicators)
    bad = {f"bukti-{indicators[0].pk}": io.BytesIO(b"MZ")}
    bad[f"bukti-{indicators[0].pk}"].name = "virus.exe"
    response = client.post(f"/pkri/{prepared.year}/asesmen/{obj.pk}/", data | bad | {"simpan": "1"}, follow=True)
    assert "tidak diterima" in response.content.decode()


def test_assessor_scores_through_the_form(client, prepared, obj, locus_user, assessors):
    fill_everything(locus_user, obj)
    rules.submit(locus_user, obj)
    first, _second = rules.assign(obj, assessors[:2])
    client.force_login(assessors[2])
    assert client.get(f"/pkri/{prepared.year}/penilaian/{first.pk}/").status_code == 404
    client.force_login(assessors[0])
    assert obj.title in client.get(f"/pkri/{prepared.year}/penilaian/").content.decode()
    indicators = list(rules._instrument(obj).indicators.all())
    response = client.post(f"/pkri/{prepared.year}/penilaian/{first.pk}/", {f"skor-{indicators[0].pk}": "9"}, follow=True)
    assert "harus di antara" in response.content.decode()
    client.post(f"/pkri/{prepared.year}/penilaian/{first.pk}/", {f"skor-{i.pk}": "5" for i in indicators})
    first.refresh_from_db()
    assert first.completed_at is not None and first.scores.count() == len(indicators)
    answer = obj.answers.exclude(evidence="").first()
    assert client.get(f"/pkri/bukti/{answer.pk}/").status_code == 200  # assigned assessor reads evidence
    client.force_login(assessors[2])
    assert client.get(f"/pkri/bukti/{answer.pk}/").status_code == 404


def test_published_results_downloads_and_survival(client, prepared, obj, locus_user, assessors):
    run_to_publication(prepared, obj, locus_user, assessors)
    response = client.get(f"/pkri/{prepared.year}/")
    html = response.content.decode()
    assert obj.title in html and "75,00" in html and "Baik" in html  # Indonesian decimal comma
    rows = list(csv.reader(io.StringIO(client.get(f"/pkri/{prepared.year}/hasil.csv").content.decode("utf-8-sig"))))
    assert rows[0][0] == "Kelompok" and any(row[2] == obj.title and row[7] == "75.00" for row in rows[1:])
    workbook = load_workbook(BytesIO(client.get(f"/pkri/{prepared.year}/hasil.xlsx").content))
    values = [[c.value for c in row] for row in workbook.active.iter_rows()]
    assert values[0][0] == "Kelompok" and any(row[2] == obj.title and row[7] == 75.0 for row in values[1:])
    survival = client.get("/pkri/")
    labels, rows = survival.context["labels"], survival.context["rows"]
    assert labels == ["PKRI 2026"]
    assert [(year, cells) for year, _n, cells in rows if year == 2021] == [(2021, [("PKRI 2026", 1, 1, 100)])]
    page = client.get(obj.innovation.url).content.decode()
    assert "PKRI 2026" in page  # the status timeline on the innovation page
