"""Stored catalogue figures (core/figures.py): home's headline counts, chart and map and the
unfiltered catalogue's filter counts are read from one stored row, refreshed after each
committed change by the Celery task (eager here, as in the embedded set-up), and never left
wrong when the refresh did not run."""
import pytest
from django.core.cache import cache
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext

from core import figures as stored_figures
from core import page_cache
from core.models import StoredFigures
from innovations.factories import InnovationPageFactory
from innovations.filter_registry import CATALOGUE_FILTERS
from innovations.filters import CatalogueFilter
from innovations.models import InnovationPage
from tests.helpers import count_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def two(hub_a, hub_b, agency_a, agency_b):
    return [
        InnovationPageFactory(parent=hub_a, agency=agency_a, year_started=2021),
        InnovationPageFactory(parent=hub_b, agency=agency_b, year_started=2022),
    ]


def _row():
    return StoredFigures.objects.get(name=stored_figures.CATALOGUE).value


def _home_stats(client):
    return client.get("/").context["stats"]


def test_publishing_and_unpublishing_refresh_the_stored_row_after_commit(
        client, two, hub_a, agency_a, django_capture_on_commit_callbacks):
    stored_figures.refresh()
    assert _row()["total"] == 2
    page = InnovationPageFactory(parent=hub_a, agency=agency_a, year_started=2021)
    page.unpublish()
    stored_figures.refresh()
    assert _row()["total"] == 2

    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    figures = _row()  # written by the queued task, not by a reader
    assert figures["total"] == 3
    assert figures["facets"]["tahun"]["2021"] == 2
    assert figures["facets"]["provinsi"]["sulawesi-utara"] == 2
    assert figures["by_province"][str(page.province_id)] == 2
    assert _home_stats(client)["innovations"] == 3
    assert {y: n for y, n, _pct in client.get("/").context["by_year"]} == {2021: 2, 2022: 1}

    with django_capture_on_commit_callbacks(execute=True):
        InnovationPage.objects.get(pk=page.pk).unpublish()
    assert _row()["total"] == 2
    assert _row()["facets"]["tahun"]["2021"] == 1
    assert _home_stats(client)["innovations"] == 2


def test_the_refresh_starts_a_new_generation(two):
    before = page_cache.generation()[0]
    stored_figures.refresh()
    row = StoredFigures.objects.get(name=stored_figures.CATALOGUE)
    assert row.generation == page_cache.generation()[0] != before


def test_a_change_whose_refresh_never_ran_is_counted_by_the_next_reader(client, two, hub_a, agency_a):
    # no commit in this test's transaction: the refresh is never queued, the row is stale
    stored_figures.refresh()
    assert _home_stats(client)["innovations"] == 2
    two[0].unpublish()
    assert _home_stats(client)["innovations"] == 1
    InnovationPageFactory(parent=hub_a, agency=agency_a)
    InnovationPageFactory(parent=hub_a, agency=agency_a)
    assert _home_stats(client)["innovations"] == 3
    assert _row()["total"] == 3  # and stored for the next reader


def test_while_a_refresh_is_queued_readers_keep_the_previous_figures(client, two):
    stored_figures.refresh()
    cache.set(stored_figures.REFRESH_FLAG, 1)
    two[0].unpublish()
    assert _home_stats(client)["innovations"] == 2  # the worker has not run yet
    stored_figures.refresh()  # what the queued task does
    assert cache.get(stored_figures.REFRESH_FLAG) is None
    assert _home_stats(client)["innovations"] == 1


def test_stored_facets_equal_counting_them(two, hub_a, agency_a):
    InnovationPageFactory(parent=hub_a, agency=agency_a, year_started=2021).unpublish()
    stored = stored_figures.compute()["facets"]
    counted = CatalogueFilter(QueryDict()).counts(InnovationPage.objects.live().public())
    assert stored == counted
    assert set(stored) == {f.name for f in CATALOGUE_FILTERS if f.count is not None and f.options is not None}


def test_the_unfiltered_catalogue_counts_nothing_over_the_catalogue(client, two, hub_a, agency_a):
    client.get("/inovasi/")
    _response, with_two = count_queries(client, "/inovasi/")
    for _ in range(3):
        InnovationPageFactory(parent=hub_a, agency=agency_a)
    stored_figures.refresh()
    client.get("/inovasi/")  # the new generation's view restrictions, read once
    response, with_five = count_queries(client, "/inovasi/")
    assert with_five == with_two
    assert response.context["results"].paginator.count == 5
    counts = {name: {o.value: o.count for o in options} for name, _label, options, _sel in response.context["filter"].fields()}
    assert counts["provinsi"]["sulawesi-utara"] == 4


def test_a_filter_counts_its_own_values_from_the_stored_row_and_the_others_over_the_matches(client, two):
    stored_figures.refresh()
    response = client.get("/inovasi/?provinsi=sulawesi-utara")
    fields = {name: {o.value: o.count for o in options} for name, _label, options, _sel in response.context["filter"].fields()}
    assert fields["provinsi"] == {"sulawesi-utara": 1, "jawa-timur": 1}  # what ticking each would give
    assert fields["tahun"] == {"2021": 1}  # only the Sulawesi Utara match
    assert response.context["results"].paginator.count == 1


def test_a_hub_page_total_follows_publishing(client, two, hub_a, agency_a):
    InnovationPageFactory(parent=hub_a, agency=agency_a)
    stored_figures.refresh()
    assert client.get(hub_a.url).context["innovations_page"].paginator.count == 2
    two[0].unpublish()
    assert client.get(hub_a.url).context["innovations_page"].paginator.count == 1
    two[0].refresh_from_db()
    two[0].save_revision().publish()
    assert client.get(hub_a.url).context["innovations_page"].paginator.count == 2


def test_a_row_stored_in_an_older_shape_is_recomputed_not_read(two, hub_a, hub_b):
    """A deploy that adds a figure finds rows stored by the previous release: read as they are,
    the hub lists would have nothing to count from."""
    stored_figures.refresh()
    old = dict(_row())
    for key in ("format", "hub_step", "by_hub_path"):
        old.pop(key)
    StoredFigures.objects.filter(name=stored_figures.CATALOGUE).update(value=old)
    assert InnovationPage.count_by_hub([hub_a, hub_b]) == {hub_a.pk: 1, hub_b.pk: 1}
    assert _row()["format"] == stored_figures.FORMAT
    assert _row()["by_hub_path"] == {hub_a.path: 1, hub_b.path: 1}


def test_with_stored_parts_each_process_reads_the_row_once_per_generation(settings, two, hub_a, agency_a):
    """The row is read once per generation and process (a page asked for it up to five times);
    a change starts a new generation, so the next reader sees the new figures."""
    settings.FRAGMENT_CACHE_SECONDS = 600
    stored_figures.refresh()
    assert stored_figures.total() == 2
    with CaptureQueriesContext(connection) as queries:
        assert stored_figures.total() == 2
        assert stored_figures.headline_counts()["innovations"] == 2
    assert len(queries) == 0
    InnovationPageFactory(parent=hub_a, agency=agency_a)  # no commit here: computed by the reader
    assert stored_figures.total() == 3


def test_the_previous_figures_read_while_a_refresh_runs_are_not_kept(settings, two):
    settings.FRAGMENT_CACHE_SECONDS = 600
    stored_figures.refresh()
    cache.set(stored_figures.REFRESH_FLAG, 1)
    two[0].unpublish()
    assert stored_figures.total() == 2  # the worker has not run yet
    cache.delete(stored_figures.REFRESH_FLAG)  # the task was lost: its flag expired
    assert stored_figures.total() == 1
