"""Helpers shared by the test modules: building portal data and admin form posts.

Everything here uses the real models, factories and Wagtail admin; nothing is mocked.
"""
import contextlib
import itertools

from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from agencies.factories import AgencyFactory, AgencyMembershipFactory, UserFactory, province
from agencies.models import AgencyType
from hubs.factories import HubPageFactory
from hubs.roles import ensure_hub_roles

_counter = itertools.count(1)

ADMIN_HOME = "/admin/"


def unique(prefix):
    """A value unique within the test session (slugs, titles, usernames)."""
    return f"{prefix}-{next(_counter)}"


# --- Portal data -------------------------------------------------------------------------


def make_hub(parent, province_code, title, slug, **kwargs):
    """A province hub under the hub index, with its roles created explicitly.

    In a test transaction ``transaction.on_commit`` never fires, so the signal alone would
    leave the hub without groups; calling ``ensure_hub_roles`` here is what production's
    commit hook does (and it is idempotent, so transactional tests are fine too).
    """
    hub = HubPageFactory(
        parent=parent, title=title, slug=slug, province=province(province_code), **kwargs
    )
    ensure_hub_roles(hub)
    hub.refresh_from_db()
    return hub


def make_agency(province_code="71", agency_type=AgencyType.PEMPROV, **kwargs):
    return AgencyFactory(province=province(province_code), agency_type=agency_type, **kwargs)


def make_coordinator(hub, **kwargs):
    return UserFactory(username=kwargs.pop("username", unique("koordinator")), groups=[hub.roles.coordinators], **kwargs)


def make_agency_editor(hub, agency, **kwargs):
    user = UserFactory(username=kwargs.pop("username", unique("editor")), groups=[hub.roles.agency_editors], **kwargs)
    AgencyMembershipFactory(user=user, agency=agency)
    return user


def make_superuser():
    return UserFactory(username=unique("admin-nasional"), is_superuser=True, is_staff=True)


def save_draft_revision(page, user=None, **changes):
    """Store a new draft revision of ``page`` with ``changes`` (the live version is untouched)."""
    page = page.specific
    for name, value in changes.items():
        setattr(page, name, value)
    revision = page.save_revision(user=user)
    return revision


def make_draft(page_factory, parent, **kwargs):
    """A page that has never been published (live=False, one draft revision)."""
    page = page_factory(parent=parent, live=False, **kwargs)
    page.save_revision()
    return page


# --- Wagtail admin forms -------------------------------------------------------------------


def innovation_form_data(agency, title=None, slug=None, action=None, **overrides):
    """POST data for the InnovationPage create/edit form, as the admin would submit it.

    ``action`` is one of "publish", "submit" (to the moderation workflow) or None (save draft).
    """
    title = title or unique("Inovasi Uji")
    data = {
        "title": title,
        "slug": slug or unique("inovasi-uji"),
        "acronym": "",
        "summary": "Ringkasan inovasi yang dikirim melalui formulir admin.",
        "agency": str(agency.pk),
        "service_unit": "",
        "province": "",
        "regency": "",
        "year_started": "2021",
        "innovation_type": "digital",
        "stage": "penerapan",
        "sustainability_status": "berlanjut",
        "last_verified": "",
        "tags": "",
        "background": rich_text("<p>Latar belakang dari formulir.</p>"),
        "budget_amount": "",
        "funding_source": "",
        "innovator_name": "",
        "contact_email": "",
        "contact_phone": "",
        "video_url": "",
        "seo_title": "",
        "search_description": "",
        "go_live_at": "",
        "expire_at": "",
        "sources": inline_formset([]),
        "awards": inline_formset([]),
        "gallery_images": inline_formset([]),
        "documents": inline_formset([]),
    }
    # Lists are multiple values of one field (categories, sdgs); nested_form_data would
    # number them like formset rows, so they are added after flattening.
    multiple = {key: overrides.pop(key) for key in list(overrides) if isinstance(overrides[key], list)}
    data.update(overrides)
    data = nested_form_data(data)
    data.update(multiple)
    if action:
        data[f"action-{action}"] = action
    return data


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def add_innovation_url(hub):
    return reverse("wagtailadmin_pages:add", args=["innovations", "innovationpage", hub.pk])


def message_texts(response):
    """The flash messages attached to a response's request (see ``admin_get``/``admin_post``)."""
    return [" ".join(str(m.message).split()) for m in get_messages(response.wsgi_request)]


def admin_get(client, url, **kwargs):
    """GET with no leftover flash messages, so ``message_texts`` shows only this request's."""
    client.cookies.pop("messages", None)
    return client.get(url, **kwargs)


def admin_post(client, url, data=None, **kwargs):
    client.cookies.pop("messages", None)
    return client.post(url, data or {}, **kwargs)


#: Wagtail's "Sorry, you do not have permission to access this area." in the portal's language.
PERMISSION_DENIED = "Maaf, Anda tidak memiliki izin untuk mengakses area ini."


def assert_permission_denied(response):
    """Wagtail 8 answers a forbidden admin action with a redirect to the dashboard and an error."""
    assert response.status_code == 302, f"expected a permission-denied redirect, got {response.status_code}"
    assert response["Location"] == reverse("wagtailadmin_home"), response["Location"]
    assert message_texts(response) == [PERMISSION_DENIED], message_texts(response)


def count_queries(client, url):
    """Run a GET and return (response, number of SQL queries it ran)."""
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    return response, len(ctx.captured_queries)


# --- Reading rendered pages --------------------------------------------------------------------


def soup_of(response):
    from bs4 import BeautifulSoup

    return BeautifulSoup(response.content, "html.parser")


def selected_values(response, name):
    """Values the page shows as chosen for form field ``name`` (selected options, checked boxes,
    filled inputs), whatever widget the template uses."""
    soup = soup_of(response)
    values = set()
    for select in soup.find_all("select", attrs={"name": name}):
        values |= {o.get("value") for o in select.find_all("option") if o.has_attr("selected")}
    for field in soup.find_all("input", attrs={"name": name}):
        if field.get("type") in ("checkbox", "radio"):
            if field.has_attr("checked"):
                values.add(field.get("value"))
        elif field.get("value"):
            values.add(field["value"])
    return values


def titles_in(page_obj):
    """Titles of the pages in a paginated result."""
    return [item.title for item in page_obj.object_list]


def make_image(title="Gambar uji"):
    import wagtail_factories
    from wagtail.models import Collection

    return wagtail_factories.ImageFactory(title=title, collection=Collection.get_first_root_node())


def deliver_outbox():
    """What the outbox's beat task does every minute: deliver every pending side effect now
    (inside a test's transaction the after-commit attempt never runs)."""
    from outbox.service import deliver_due

    return deliver_due()


@contextlib.contextmanager
def broker_down():
    """The project's Celery app sends to a broker at a port where nothing listens (as when Redis
    or RabbitMQ is down), then gets its test set-up back (tasks run in process)."""
    from kombu import pools

    from jippnas.celery import app

    def forget_connections():
        if app._pool is not None:
            app._pool.force_close_all()
            app._pool = None
        app.amqp._producer_pool = None
        pools.reset()  # kombu keeps producer pools per connection, closed ones included

    saved = {key: app.conf[key] for key in ("task_always_eager", "broker_url")}
    app.conf.update(task_always_eager=False, broker_url="redis://127.0.0.1:9/0")
    forget_connections()
    try:
        yield app
    finally:
        app.conf.update(saved)
        forget_connections()
