"""Nominations: the form, the English readiness, and the result written into the catalogue as
the innovation's award record (reusing an award the catalogue already held, never copying it)."""
import datetime

import pytest

from innovations.factories import InnovationAwardFactory
from innovations.models import AwardTier, InnovationAward
from unpsa import readiness, rules
from unpsa.models import Category as UnCategory
from unpsa.models import Cycle, Nomination

pytestmark = pytest.mark.django_db

def today():
    """Read at the moment of use: a date taken at import goes stale when a long run passes midnight
    (CI failed once when collection ran before 00:00 WIB and this test after it)."""
    return datetime.date.today()


def url(cycle, page):
    return f"/admin/unpsa/{cycle.year}/nominasi/{page.pk}/"


def post(client, cycle, page, **data):
    fields = {"category": cycle.categories.first().pk, "submitted_on": "", "result": "menunggu", "note": ""}
    fields.update(data)
    return client.post(url(cycle, page), fields)


def unpsa_awards(page):
    return list(InnovationAward.objects.filter(innovation=page, tier__programme="unpsa")
                .values_list("tier__slug", "year", "note"))


def test_nominate_then_record_the_result(client, national_admin, cycle, awarded):
    page = awarded["gender"]
    client.force_login(national_admin)
    assert client.get(url(cycle, page)).status_code == 200
    gender = cycle.categories.get(name="Gender-responsive public services")
    response = post(client, cycle, page, category=gender.pk)
    assert response.status_code == 302
    nomination = Nomination.objects.get(innovation=page, cycle=cycle)
    assert nomination.result == "menunggu" and nomination.created_by == national_admin
    assert unpsa_awards(page) == []

    # a result needs the submission date
    response = post(client, cycle, page, category=gender.pk, result="winner")
    assert response.status_code == 200 and "sudah diajukan" in response.content.decode()
    assert unpsa_awards(page) == []

    post(client, cycle, page, category=gender.pk, result="honourable_mention", submitted_on=today().isoformat())
    assert unpsa_awards(page) == [("unpsa-honourable-mention", cycle.year, "Gender-responsive public services")]
    public = client.get(page.url).content.decode()
    assert "UNPSA Honourable Mention" in public and "Gender-responsive public services" in public

    post(client, cycle, page, category=gender.pk, result="winner", submitted_on=today().isoformat())
    assert unpsa_awards(page) == [("unpsa-winner", cycle.year, "Gender-responsive public services")]
    post(client, cycle, page, category=gender.pk, result="tidak", submitted_on=today().isoformat())
    assert unpsa_awards(page) == []
    assert Nomination.objects.count() == 1


def test_result_reaches_the_api_and_the_award_facet(client, national_admin, cycle, awarded):
    page = awarded["gender"]
    client.force_login(national_admin)
    post(client, cycle, page, result="winner", submitted_on=today().isoformat())
    client.logout()
    detail = client.get(f"/api/inovasi/{page.pk}/").json()
    assert {"tingkat": "UNPSA Winner", "tahun": cycle.year} in detail["penghargaan"]
    body = client.get("/inovasi/?penghargaan=unpsa-winner").content.decode()
    assert page.title in body and awarded["stopped"].title not in body


def test_an_imported_past_win_is_reused_and_never_removed(national_admin, cycle, awarded):
    page = awarded["gender"]
    imported = InnovationAwardFactory(innovation=page, tier=AwardTier.objects.get(slug="unpsa-winner"),
                                      year=cycle.year)
    nomination = Nomination(innovation=page, cycle=cycle, category=cycle.categories.first(),
                            submitted_on=today(), result="winner")
    rules.record_nomination(national_admin, nomination)
    assert nomination.award == imported and not nomination.award_written
    assert InnovationAward.objects.filter(innovation=page, tier__programme="unpsa").count() == 1
    nomination.result = "tidak"
    rules.record_nomination(national_admin, nomination)
    assert InnovationAward.objects.filter(pk=imported.pk).exists()  # it was the catalogue's, not ours


def test_a_conflicting_imported_result_is_refused_and_nothing_changes(national_admin, cycle, awarded):
    page = awarded["gender"]
    InnovationAwardFactory(innovation=page, tier=AwardTier.objects.get(slug="unpsa-winner"), year=cycle.year)
    nomination = Nomination(innovation=page, cycle=cycle, category=cycle.categories.first(),
                            submitted_on=today(), result="honourable_mention")
    with pytest.raises(Exception, match="sudah mencatat UNPSA Winner"):
        rules.record_nomination(national_admin, nomination)
    assert not Nomination.objects.exists()
    assert [slug for slug, _y, _n in unpsa_awards(page)] == ["unpsa-winner"]


def test_refused_for_who_may_not_screen(coordinator_a, editor_a, cycle, awarded):
    for user in (coordinator_a, editor_a):
        with pytest.raises(PermissionError):
            rules.record_nomination(user, Nomination(innovation=awarded["gender"], cycle=cycle,
                                                     category=cycle.categories.first()))
    assert not Nomination.objects.exists()


def test_a_category_of_another_year_and_a_future_date_are_refused(client, national_admin, cycle, awarded):
    other = Cycle.objects.create(year=cycle.year - 2)
    old = UnCategory.objects.create(cycle=other, name="Tackling climate change", special=True)
    client.force_login(national_admin)
    response = post(client, cycle, awarded["gender"], category=old.pk)
    assert response.status_code == 200 and not Nomination.objects.exists()
    tomorrow = (today() + datetime.timedelta(days=1)).isoformat()
    response = post(client, cycle, awarded["gender"], submitted_on=tomorrow)
    assert response.status_code == 200 and not Nomination.objects.exists()
    for category in ("99999999999999999999999", "\u0663", "-1", "x"):
        response = post(client, cycle, awarded["gender"], category=category, submitted_on="99999-99-99", result="x")
        assert response.status_code == 200 and not Nomination.objects.exists()


def test_one_nomination_per_innovation_and_year(national_admin, cycle, awarded):
    page = awarded["gender"]
    rules.record_nomination(national_admin, Nomination(innovation=page, cycle=cycle, category=cycle.categories.first()))
    with pytest.raises(Exception, match="sudah dinominasikan"):
        rules.record_nomination(national_admin, Nomination(innovation=page, cycle=cycle,
                                                           category=cycle.categories.last()))
    assert Nomination.objects.count() == 1


def test_english_readiness(awarded):
    page = awarded["gender"]
    state = readiness.readiness(page)
    assert state.percent == 0 and not state.complete
    words = " ".join(["word"] * 45)
    for name in readiness.COLUMNS:
        setattr(page, name, f"<p>{words}</p>")
    page.summary_en = "Too short."
    state = readiness.readiness(page)
    assert [str(label) for label in state.missing] == ["Ringkasan"] and state.percent == 90
    page.summary_en = words
    assert readiness.readiness(page).complete
    assert readiness.word_count("<p>one&nbsp;two</p><p>three</p>") == 3


def test_no_result_before_the_cycles_year(national_admin, awarded):
    cycle = Cycle.objects.create(year=today().year + 1)
    category = UnCategory.objects.create(cycle=cycle, name="Innovation in public institutions")
    nomination = Nomination(innovation=awarded["gender"], cycle=cycle, category=category, submitted_on=today(),
                            result="winner")
    with pytest.raises(Exception, match="baru dapat dicatat"):
        rules.record_nomination(national_admin, nomination)
    assert not Nomination.objects.exists() and unpsa_awards(awarded["gender"]) == []
    nomination.result = "menunggu"
    rules.record_nomination(national_admin, nomination)
    assert Nomination.objects.get().submitted_on == today()
