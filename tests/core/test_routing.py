"""Issue 16: the route to a page is remembered per cache generation (core/routing.py), so a
page is reached with one query instead of a walk down the tree; any page change forgets it."""
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from core import page_cache
from hubs.models import HubPage
from innovations.models import InnovationPage

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _stored_parts(settings):
    settings.FRAGMENT_CACHE_SECONDS = 300  # the test settings keep nothing per generation


def _queries(client, address):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(address)
    return response, [query["sql"] for query in captured.captured_queries]


def _page_queries(sql):
    """Reads of the site or of pages (a base row or a specific one), restrictions aside."""
    return [query for query in sql if re.search(r'FROM "(wagtailcore_site|wagtailcore_page|\w+page)"', query)
            and "pageviewrestriction" not in query]


def test_the_second_visit_reaches_the_page_with_one_query(demo):
    client = Client()
    innovation = InnovationPage.objects.live().public().order_by("pk").first()
    first, first_sql = _queries(client, innovation.url)
    second, second_sql = _queries(client, innovation.url)
    assert first.status_code == second.status_code == 200
    assert second.content == first.content
    # the walk from the site's root: the site, the root, the hub list, the hub, the innovation
    assert len(_page_queries(first_sql)) >= 4
    assert len(_page_queries(second_sql)) == 1
    assert len(second_sql) <= len(first_sql) - 3


def test_unpublishing_or_moving_a_page_forgets_its_route(demo):
    client = Client()
    innovation = InnovationPage.objects.live().public().order_by("pk").first()
    old_url = innovation.url
    assert client.get(old_url).status_code == 200
    assert client.get(old_url).status_code == 200  # from the remembered route
    innovation.unpublish()
    assert client.get(old_url).status_code == 404
    innovation.refresh_from_db()
    innovation.save_revision().publish()
    assert client.get(old_url).status_code == 200

    other_hub = HubPage.objects.live().exclude(pk=innovation.get_parent().pk).order_by("pk").first()
    innovation.move(other_hub, pos="last-child")
    innovation.refresh_from_db()
    assert innovation.url != old_url
    response = client.get(innovation.url)
    assert response.status_code == 200 and innovation.title in response.content.decode()
    assert client.get(old_url).status_code in (301, 302, 404)
    assert client.get(old_url, follow=True).status_code in (200, 404)
    if client.get(old_url).status_code != 404:  # Wagtail's automatic redirect, not the stale route
        assert client.get(old_url)["Location"].endswith(innovation.url)


def test_a_sub_route_of_a_page_is_not_taken_for_the_page(demo):
    client = Client()
    innovation = InnovationPage.objects.live().public().order_by("pk").first()
    assert client.get(innovation.url).status_code == 200
    printed = client.get(innovation.url + "cetak/")
    assert printed.status_code == 200
    assert printed.content != client.get(innovation.url).content
    assert client.get(innovation.url + "cetak/").content == printed.content
    assert client.get(innovation.url + "tidak-ada/").status_code == 404
    assert client.get(innovation.url + "tidak-ada/").status_code == 404


def test_a_path_to_nothing_stays_a_404(demo):
    client = Client()
    for _ in range(2):
        assert client.get("/hub/tidak-ada-hub-ini/").status_code == 404


def test_the_remembered_route_serves_the_same_site_and_page_to_a_new_process(demo):
    """A second worker has no copy of its own: it reads the route from the shared cache."""
    client = Client()
    hub = HubPage.objects.live().order_by("pk").first()
    first = client.get(hub.url)
    page_cache.forget_local()
    second, sql = _queries(client, hub.url)
    assert second.status_code == 200 and second.content == first.content
    assert len(_page_queries(sql)) == 1


@pytest.mark.parametrize("setting", [{"CACHE_IS_SHARED": False}, {"FRAGMENT_CACHE_SECONDS": 0}])
def test_nothing_is_remembered_without_a_shared_cache_or_stored_parts(demo, settings, setting):
    for name, value in setting.items():
        setattr(settings, name, value)
    client = Client()
    hub = HubPage.objects.live().order_by("pk").first()
    _first, first_sql = _queries(client, hub.url)
    _second, second_sql = _queries(client, hub.url)
    assert len(_page_queries(first_sql)) >= len(_page_queries(second_sql)) >= 3  # the walk, every time


def test_a_long_or_odd_path_gives_a_404_and_a_valid_cache_key(demo):
    import warnings

    from django.core.cache.backends.base import CacheKeyWarning

    client = Client()
    hub = HubPage.objects.live().order_by("pk").first()
    with warnings.catch_warnings():
        warnings.simplefilter("error", CacheKeyWarning)  # a key over 250 characters or with spaces
        for address in ("/hub/" + "a" * 3000 + "/", hub.url + "ada%20spasi/", "/hub/%00/"):
            for _ in range(2):
                assert client.get(address).status_code == 404, address
        assert client.get(hub.url).status_code == client.get(hub.url).status_code == 200
