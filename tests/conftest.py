"""Shared fixtures: the site tree, two province hubs with their roles, and the people in them.

Hub A is Sulawesi Utara (province 71), hub B Jawa Timur (province 35). Each test gets fresh
data inside its own transaction; modules that need a large data set build it once with
``setUpTestData`` instead.
"""
import pytest
from django.core.cache import cache

from agencies.models import AgencyType
from core.site_setup import ensure_site_structure

from .helpers import make_agency, make_agency_editor, make_coordinator, make_hub, make_superuser

_SNAPSHOT = {}


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database as migrations leave it, kept as a snapshot (see ``migration_data``)."""
    from django.db import connection

    with django_db_blocker.unblock():
        _SNAPSHOT["default"] = connection.creation.serialize_db_to_string()


def _restore(snapshot):
    """Load a ``serialize_db_to_string`` snapshot into the test database (rows keep their ids,
    so sequences are moved past them afterwards)."""
    from django.apps import apps
    from django.core.management.color import no_style
    from django.db import connection

    connection.creation.deserialize_db_from_string(snapshot)
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), apps.get_models()):
            cursor.execute(statement)


@pytest.fixture(scope="session")
def _demo_snapshot(django_db_setup, django_db_blocker):
    """The small demo (``seed_demo --base-innovations 40``), built once per session inside a
    transaction that is rolled back, and kept as a snapshot of the rows it wrote."""
    from django.core.management import call_command
    from django.db import connection, transaction

    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_demo", base_innovations=40, verbosity=0)
        snapshot = connection.creation.serialize_db_to_string()
        transaction.set_rollback(True)
    return snapshot


@pytest.fixture
def demo(db, _demo_snapshot):
    """The demo portal at a small size (hubs, agencies, 40 innovations with awards, replications
    in every stage, a published and an open PKRI cycle) in this test's transaction. Building it
    takes most of a minute; restoring the session's snapshot takes seconds."""
    from django.contrib.contenttypes.models import ContentType

    _restore(_demo_snapshot)
    ContentType.objects.clear_cache()


@pytest.fixture
def migration_data(transactional_db):
    """For transactional tests (which pytest-django runs last): the rows migrations made
    (regions, taxonomies, Wagtail's root page and locale), restored when an earlier
    transactional test's flush removed them."""
    from django.core.management import call_command
    from wagtail.models import Page

    if Page.get_first_root_node() is None:
        # the flush re-created content types and permissions with new ids: start from empty
        call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
        from django.contrib.contenttypes.models import ContentType

        _restore(_SNAPSHOT["default"])
        ContentType.objects.clear_cache()  # ids cached since the flush point elsewhere now


@pytest.fixture(scope="session")
def browser():
    """Headless Chromium (see tests/browser.py), started on first use, shared by the session."""
    from pathlib import Path

    from playwright.sync_api import sync_playwright

    from .browser import CHROMIUM_ARGS, chromium_path, watch_csp

    executable = chromium_path()
    if not Path(executable).exists():
        pytest.fail(f"Chromium not found at {executable}: run scripts/ensure-chromium.sh")
    with sync_playwright() as playwright:
        browser = watch_csp(playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS))
        yield browser
        browser.close()


@pytest.fixture(autouse=True)
def _csp_watch(request):
    """A browser test starts with no Content-Security-Policy refusal on record (see the hook below)."""
    if "browser" in request.fixturenames:
        from .browser import CSP_WATCH

        CSP_WATCH.take()
    yield


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    """Every browser test (journeys, e2e) fails if a page it opened broke the
    Content-Security-Policy: an inline script, an on* handler or a style attribute that a
    template or a script added, or anything loaded from another origin."""
    result = yield
    if "browser" in getattr(item, "fixturenames", ()):
        from .browser import CSP_WATCH

        found = CSP_WATCH.take()
        if found:
            pytest.fail("Content-Security-Policy violations:\n" + "\n".join(dict.fromkeys(found)), pytrace=False)
    return result


@pytest.fixture(autouse=True)
def _clear_cache():
    """The contact form's rate limit lives in the cache; no test may inherit another's count (nor
    a process copy of a stored fragment or route, core/page_cache.py)."""
    from core import page_cache
    from innovations import filter_bits

    cache.clear()
    page_cache.forget_local()
    filter_bits.forget()
    yield
    cache.clear()
    page_cache.forget_local()
    filter_bits.forget()


@pytest.fixture
def site_pages(db):
    """Home (slug ``beranda``), /inovasi/, /hub/, /berita/, /agenda/, /artikel/ and the national hub."""
    return ensure_site_structure()


@pytest.fixture
def hub_a(site_pages):
    return make_hub(site_pages["hubs"], "71", "Hub JIPP Sulawesi Utara", "sulawesi-utara")


@pytest.fixture
def hub_b(site_pages):
    return make_hub(site_pages["hubs"], "35", "Hub JIPP Jawa Timur", "jawa-timur")


@pytest.fixture
def agency_a(db):
    return make_agency("71", AgencyType.PEMPROV, name="Pemerintah Provinsi Sulawesi Utara", abbreviation="Pemprov Sulut")


@pytest.fixture
def agency_a2(db):
    from agencies.factories import regency

    return make_agency(
        "71", AgencyType.PEMKOT, name="Pemerintah Kota Manado", abbreviation="Pemkot Manado",
        regency=regency("71.71"),
    )


@pytest.fixture
def agency_b(db):
    return make_agency("35", AgencyType.PEMPROV, name="Pemerintah Provinsi Jawa Timur", abbreviation="Pemprov Jatim")


@pytest.fixture
def coordinator_a(hub_a):
    return make_coordinator(hub_a, username="koordinator-sulut")


@pytest.fixture
def coordinator_b(hub_b):
    return make_coordinator(hub_b, username="koordinator-jatim")


@pytest.fixture
def editor_a(hub_a, agency_a):
    return make_agency_editor(hub_a, agency_a, username="editor-pemprov-sulut")


@pytest.fixture
def editor_a2(hub_a, agency_a2):
    return make_agency_editor(hub_a, agency_a2, username="editor-pemkot-manado")


@pytest.fixture
def national_admin(db):
    return make_superuser()
