"""One definition of a public replication on every outlet: from kesepakatan on, and only of an
innovation that is itself live and public, so no outlet reveals an unpublished innovation."""
import csv
import io

import pytest
from wagtail.models import PageViewRestriction

from innovations.factories import InnovationPageFactory
from replication import selectors
from replication.factories import ReplicationFactory
from replication.models import Stage
from tests.helpers import make_agency

pytestmark = pytest.mark.django_db


@pytest.fixture
def cast(origin, hub_a, agency_a, agency_b):
    shown = ReplicationFactory(origin=origin, adopter=agency_b, stage=Stage.KESEPAKATAN)
    withdrawn = InnovationPageFactory(parent=hub_a, agency=agency_a, title="Inovasi Ditarik Asal", slug="ditarik")
    restricted = InnovationPageFactory(parent=hub_a, agency=agency_a, title="Inovasi Tertutup Asal", slug="tertutup")
    of_withdrawn = ReplicationFactory(origin=withdrawn, adopter=make_agency("71", name="Kab Uji Satu", abbreviation="KU1"),
                                      stage=Stage.KESEPAKATAN)
    of_restricted = ReplicationFactory(origin=restricted, adopter=make_agency("71", name="Kab Uji Dua", abbreviation="KU2"),
                                       stage=Stage.IMPLEMENTASI)
    withdrawn.unpublish()
    PageViewRestriction.objects.create(page=restricted, restriction_type=PageViewRestriction.LOGIN)
    assert of_withdrawn.public_since and of_restricted.public_since  # public by stage alone
    return {"shown": shown, "hidden": [of_withdrawn, of_restricted]}


HIDDEN_TITLES = ("Inovasi Ditarik Asal", "Inovasi Tertutup Asal", "Kab Uji Satu", "Kab Uji Dua")


def test_selector(cast):
    assert list(selectors.public_replications()) == [cast["shown"]]


def test_api(client, cast):
    response = client.get("/api/replikasi/", {"per_halaman": "100"})
    assert [item["id"] for item in response.json()["results"]] == [cast["shown"].pk]
    assert response.json()["count"] == 1
    assert not any(title in response.content.decode() for title in HIDDEN_TITLES)


def test_dashboard(client, cast, origin):
    response = client.get("/replikasi/")
    assert response.context["total"] == 1
    assert list(response.context["table"]) == [cast["shown"]]
    assert response.context["most_replicated"] == [(origin, 1)]
    assert [e["replication"] for e in response.context["network"]["edges"]] == [cast["shown"]]
    html = response.content.decode()
    assert origin.title in html
    assert not any(title in html for title in HIDDEN_TITLES)


def test_dashboard_csv(client, cast, origin):
    text = client.get("/replikasi/unduh.csv").content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert [row[0] for row in rows[1:]] == [str(cast["shown"].pk)]
    assert rows[1][1] == origin.title
    assert not any(title in text for title in HIDDEN_TITLES)


def test_republishing_the_origin_shows_its_replications_again(client, cast):
    withdrawn = cast["hidden"][0].origin
    withdrawn.save_revision().publish()
    ids = {item["id"] for item in client.get("/api/replikasi/").json()["results"]}
    assert ids == {cast["shown"].pk, cast["hidden"][0].pk}
    assert client.get("/replikasi/").context["total"] == 2


def test_detail_page(client, cast):
    """Detail ids are sequential: a stranger must not reach a hidden one by counting, while the
    parties still see theirs."""
    from tests.helpers import make_agency_editor

    assert client.get(f"/replikasi/{cast['shown'].pk}/").status_code == 200
    for hidden in cast["hidden"]:
        response = client.get(f"/replikasi/{hidden.pk}/")
        assert response.status_code == 404
        assert not any(title in response.content.decode() for title in HIDDEN_TITLES)
    adopter = cast["hidden"][0].adopter
    client.force_login(make_agency_editor(cast["hidden"][0].origin.get_parent().specific, adopter,
                                          username="editor-kab-uji-satu"))
    assert client.get(f"/replikasi/{cast['hidden'][0].pk}/").status_code == 200
