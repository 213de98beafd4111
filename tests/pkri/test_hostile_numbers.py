"""Scores typed into the PKRI forms are parsed by the one number helper (core/numbers.py):
a superscript or Arabic-Indic digit, a huge number, NUL or control characters get a clear
message and the form again, never a 500, and nothing is saved. Hypothesis fuzzes both forms."""
import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pkri import rules
from pkri.models import AssessmentObject, Group

from .conftest import fill_everything

pytestmark = pytest.mark.django_db

HOSTILE = ["²", "٣", "３", "1_0", " 4\x00", "4\n", "-0", "-1", "9" * 5000, "1e3", "4.0", "\x1b[2J", "\ud7ff"]


@pytest.fixture
def obj(prepared):
    return AssessmentObject.objects.get(cycle=prepared, group=Group.KEBERLANJUTAN)


@pytest.mark.parametrize("raw", HOSTILE)
def test_self_assessment_refuses_hostile_scores_clearly(client, prepared, obj, locus_user, raw):
    client.force_login(locus_user)
    indicator = rules._instrument(obj).indicators.first()
    response = client.post(f"/pkri/{prepared.year}/asesmen/{obj.pk}/", {f"skor-{indicator.pk}": raw, "simpan": "1"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "angka 0-9" in html or "di luar skala" in html
    assert not obj.answers.exclude(self_score=None).exists()


@pytest.mark.parametrize("raw", HOSTILE)
def test_scoring_form_refuses_hostile_scores_clearly(client, prepared, obj, locus_user, assessors, raw):
    fill_everything(locus_user, obj)
    rules.submit(locus_user, obj)
    first, _second = rules.assign(obj, assessors[:2])
    client.force_login(assessors[0])
    indicator = rules._instrument(obj).indicators.first()
    response = client.post(f"/pkri/{prepared.year}/penilaian/{first.pk}/", {f"skor-{indicator.pk}": raw})
    assert response.status_code == 200
    html = response.content.decode()
    assert "angka 0-9" in html or "harus di antara" in html
    assert not first.scores.exists()


text = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=40)
numbers = st.integers(min_value=-(10**30), max_value=10**30).map(str)
digits = st.text(alphabet=st.characters(categories=["Nd", "No"]), min_size=1, max_size=6)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(score=st.one_of(text, numbers, digits), note=text)
def test_fuzzed_pkri_forms_never_answer_500(prepared, obj, locus_user, assessors, score, note):
    client = Client()
    client.force_login(locus_user)
    indicator = rules._instrument(obj).indicators.first()
    response = client.post(f"/pkri/{prepared.year}/asesmen/{obj.pk}/",
                           {f"skor-{indicator.pk}": score, f"jawaban-{indicator.pk}": note, "status": note, "simpan": "1"})
    assert response.status_code in (200, 302)
    client.force_login(assessors[0])
    response = client.post(f"/pkri/{prepared.year}/penilaian/0/", {f"skor-{indicator.pk}": score})
    assert response.status_code == 404
