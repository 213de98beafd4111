"""Hub isolation, proven through the real Wagtail admin views.

"A coordinator of hub A cannot see drafts of, edit, publish, move or delete anything in hub B."
Every refused attempt is followed by a look at the database (the page is still there, still a
draft, same title, same parent, no new revision), and every refusal has a positive counterpart
in hub A so the permissions are not simply "nothing allowed".

Wagtail 8 answers a forbidden admin request with a 302 to the dashboard and the flash message
"Maaf, Anda tidak memiliki izin untuk mengakses area ini." (see ``assert_permission_denied``).
"""
import io
from types import SimpleNamespace

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.models import Page, PageLogEntry, Revision, TaskState, WorkflowState

from innovations.factories import InnovationPageFactory
from innovations.models import InnovationPage
from news.factories import NewsPageFactory
from tests.helpers import (
    add_innovation_url,
    admin_get,
    admin_post,
    assert_permission_denied,
    edit_url,
    innovation_form_data,
    make_draft,
    message_texts,
    save_draft_revision,
)

pytestmark = pytest.mark.django_db

LIVE_B_TITLE = "Inovasi Jatim Terbit"
LIVE_B_DRAFT_TITLE = "Judul Draf Rahasia Jatim"
DRAFT_B_TITLE = "Draf Rahasia Jatim"


def url(name, *args):
    return reverse(f"wagtailadmin_pages:{name}", args=args)


def explore_url(page):
    return reverse("wagtailadmin_explore", args=[page.pk])


def state(page):
    """Everything a forbidden action could change about a page, read fresh from the database."""
    row = Page.objects.get(pk=page.pk)
    return {
        "title": row.title,
        "draft_title": row.draft_title,
        "slug": row.slug,
        "live": row.live,
        "has_unpublished_changes": row.has_unpublished_changes,
        "parent": row.get_parent().pk,
        "path": row.path,
        "locked": row.locked,
        "latest_revision": row.latest_revision_id,
        "revisions": Revision.page_revisions.filter(object_id=str(page.pk)).count(),
        "view_restrictions": row.view_restrictions.count(),
    }


@pytest.fixture
def content(hub_a, hub_b, agency_a, agency_b):
    live_a = InnovationPageFactory(parent=hub_a, agency=agency_a, title="Inovasi Sulut Terbit", slug="inovasi-sulut")
    draft_a = make_draft(InnovationPageFactory, hub_a, agency=agency_a, title="Draf Sulut", slug="draf-sulut")
    live_b = InnovationPageFactory(parent=hub_b, agency=agency_b, title=LIVE_B_TITLE, slug="inovasi-jatim")
    save_draft_revision(live_b, title=LIVE_B_DRAFT_TITLE)  # a pending, unpublished change
    draft_b = make_draft(InnovationPageFactory, hub_b, agency=agency_b, title=DRAFT_B_TITLE, slug="draf-jatim")
    news_b = NewsPageFactory(parent=hub_b, title="Berita Hub Jatim", slug="berita-jatim")
    return SimpleNamespace(
        hub_a=hub_a, hub_b=hub_b, agency_a=agency_a, agency_b=agency_b,
        live_a=live_a, draft_a=draft_a, live_b=live_b, draft_b=draft_b, news_b=news_b,
    )


@pytest.fixture
def as_coordinator_a(client, coordinator_a):
    client.force_login(coordinator_a)
    return client


HUB_B_PAGES = ["live_b", "draft_b", "news_b"]


# --- Coordinator of hub A versus hub B ---------------------------------------------------------


class TestCoordinatorCannotTouchAnotherHub:
    @pytest.mark.parametrize("name", HUB_B_PAGES + ["hub_b"])
    def test_cannot_open_the_editor(self, as_coordinator_a, content, name):
        page = getattr(content, name)
        assert_permission_denied(admin_get(as_coordinator_a, edit_url(page)))

    @pytest.mark.parametrize("name", ["live_b", "draft_b"])
    def test_cannot_save_a_change(self, as_coordinator_a, content, name):
        page = getattr(content, name)
        before = state(page)
        data = innovation_form_data(content.agency_b, title="Diubah oleh Sulut", slug=page.slug)
        assert_permission_denied(admin_post(as_coordinator_a, edit_url(page), data))
        assert state(page) == before
        assert not Page.objects.filter(draft_title="Diubah oleh Sulut").exists()

    def test_cannot_publish_a_draft(self, as_coordinator_a, content):
        before = state(content.draft_b)
        data = innovation_form_data(content.agency_b, title=DRAFT_B_TITLE, slug="draf-jatim", action="publish")
        assert_permission_denied(admin_post(as_coordinator_a, edit_url(content.draft_b), data))
        assert state(content.draft_b) == before
        assert before["live"] is False
        assert not PageLogEntry.objects.filter(page=content.draft_b, action="wagtail.publish").exists()

    def test_cannot_publish_pending_changes_of_a_live_page(self, as_coordinator_a, content):
        before = state(content.live_b)
        data = innovation_form_data(
            content.agency_b, title=LIVE_B_DRAFT_TITLE, slug="inovasi-jatim", action="publish"
        )
        assert_permission_denied(admin_post(as_coordinator_a, edit_url(content.live_b), data))
        after = state(content.live_b)
        assert after == before
        assert after["title"] == LIVE_B_TITLE and after["has_unpublished_changes"] is True

    def test_cannot_publish_an_old_revision(self, as_coordinator_a, content):
        revision = content.live_b.latest_revision
        before = state(content.live_b)
        response = admin_post(as_coordinator_a, url("revisions_revert", content.live_b.pk, revision.pk))
        assert_permission_denied(response)
        assert state(content.live_b) == before

    @pytest.mark.parametrize("name", ["live_b", "draft_b"])
    def test_cannot_see_a_draft(self, as_coordinator_a, content, name):
        page = getattr(content, name)
        assert_permission_denied(admin_get(as_coordinator_a, url("view_draft", page.pk)))
        assert_permission_denied(admin_get(as_coordinator_a, url("preview_on_edit", page.pk)))
        revision = page.latest_revision
        assert_permission_denied(admin_get(as_coordinator_a, url("revisions_view", page.pk, revision.pk)))
        assert_permission_denied(admin_get(as_coordinator_a, url("history", page.pk)))
        assert_permission_denied(admin_get(as_coordinator_a, url("workflow_history", page.pk)))
        assert_permission_denied(admin_get(as_coordinator_a, url("revisions_compare", page.pk, "earliest", "latest")))
        assert_permission_denied(admin_get(as_coordinator_a, url("copy", page.pk)))

    def test_cannot_unpublish(self, as_coordinator_a, content):
        for name in ["live_b", "news_b"]:
            page = getattr(content, name)
            before = state(page)
            assert_permission_denied(admin_get(as_coordinator_a, url("unpublish", page.pk)))
            assert_permission_denied(admin_post(as_coordinator_a, url("unpublish", page.pk)))
            assert state(page) == before and before["live"] is True

    @pytest.mark.parametrize("name", HUB_B_PAGES)
    def test_cannot_delete(self, as_coordinator_a, content, name):
        page = getattr(content, name)
        before = state(page)
        assert_permission_denied(admin_get(as_coordinator_a, url("delete", page.pk)))
        assert_permission_denied(admin_post(as_coordinator_a, url("delete", page.pk)))
        assert state(page) == before

    @pytest.mark.parametrize("name", HUB_B_PAGES)
    def test_cannot_move_a_page_out_of_hub_b(self, as_coordinator_a, content, name):
        page = getattr(content, name)
        before = state(page)
        assert_permission_denied(admin_get(as_coordinator_a, url("move", page.pk)))
        assert_permission_denied(admin_get(as_coordinator_a, url("move_confirm", page.pk, content.hub_a.pk)))
        assert_permission_denied(admin_post(as_coordinator_a, url("move_confirm", page.pk, content.hub_a.pk)))
        assert state(page) == before
        assert before["parent"] == content.hub_b.pk

    def test_cannot_move_own_page_into_hub_b(self, as_coordinator_a, content):
        before = state(content.live_a)
        response = admin_post(as_coordinator_a, url("move_confirm", content.live_a.pk, content.hub_b.pk))
        assert_permission_denied(response)
        assert state(content.live_a) == before
        assert before["parent"] == content.hub_a.pk
        assert not content.hub_b.get_children().filter(pk=content.live_a.pk).exists()

    def test_cannot_reorder_pages_in_hub_b(self, as_coordinator_a, content):
        before = state(content.live_b)
        response = admin_post(as_coordinator_a, url("set_page_position", content.live_b.pk) + "?position=2")
        assert_permission_denied(response)
        assert state(content.live_b) == before

    def test_cannot_add_a_page_in_hub_b(self, as_coordinator_a, content):
        add_url = add_innovation_url(content.hub_b)
        assert_permission_denied(admin_get(as_coordinator_a, add_url))
        data = innovation_form_data(content.agency_a, title="Susupan di Jatim", slug="susupan", action="publish")
        assert_permission_denied(admin_post(as_coordinator_a, add_url, data))
        assert not Page.objects.filter(slug="susupan").exists()
        assert content.hub_b.get_children().count() == 3

    def test_cannot_copy_a_hub_b_draft_into_hub_a(self, as_coordinator_a, content):
        data = {"new_title": "Salinan", "new_slug": "salinan", "new_parent_page": content.hub_a.pk}
        assert_permission_denied(admin_post(as_coordinator_a, url("copy", content.draft_b.pk), data))
        assert not Page.objects.filter(slug="salinan").exists()

    def test_cannot_lock_or_restrict_hub_b_pages(self, as_coordinator_a, content):
        before = state(content.live_b)
        assert_permission_denied(admin_post(as_coordinator_a, url("lock", content.live_b.pk)))
        assert_permission_denied(admin_get(as_coordinator_a, url("set_privacy", content.live_b.pk)))
        data = {"restriction_type": "password", "password": "rahasia-sekali"}
        assert_permission_denied(admin_post(as_coordinator_a, url("set_privacy", content.live_b.pk), data))
        assert state(content.live_b) == before

    def test_explorer_of_hub_b_redirects_to_own_hub_and_lists_nothing_of_hub_b(self, as_coordinator_a, content):
        response = admin_get(as_coordinator_a, explore_url(content.hub_b))
        assert response.status_code == 302
        assert response["Location"] == explore_url(content.hub_a)  # silently, to their own hub

        page = as_coordinator_a.get(response["Location"])
        assert page.status_code == 200
        html = page.content.decode()
        for title in (DRAFT_B_TITLE, LIVE_B_DRAFT_TITLE, LIVE_B_TITLE, "Berita Hub Jatim"):
            assert title not in html
        # ... while their own hub's pages, draft included, are listed.
        assert "Inovasi Sulut Terbit" in html and "Draf Sulut" in html

    def test_admin_page_search_finds_nothing_in_hub_b(
        self, client, content, coordinator_a, national_admin, django_capture_on_commit_callbacks
    ):
        from django.core.management import call_command

        with django_capture_on_commit_callbacks(execute=True):
            call_command("update_index", stdout=io.StringIO())
        search = url("search") + "?q=Jatim"
        client.force_login(national_admin)  # positive control: the index does find hub B's pages
        assert DRAFT_B_TITLE in client.get(search).content.decode()
        client.force_login(coordinator_a)
        html = client.get(search).content.decode()
        assert DRAFT_B_TITLE not in html and LIVE_B_DRAFT_TITLE not in html and LIVE_B_TITLE not in html
        assert "Draf Sulut" in client.get(url("search") + "?q=Sulut").content.decode()

    def test_page_permission_api_agrees(self, content, coordinator_a):
        for name in HUB_B_PAGES:
            perms = getattr(content, name).permissions_for_user(coordinator_a)
            assert not any(
                [perms.can_edit(), perms.can_publish(), perms.can_unpublish(), perms.can_delete(),
                 perms.can_move(), perms.can_lock(), perms.can_copy()]
            ), name
        perms = content.live_a.permissions_for_user(coordinator_a)
        assert all([perms.can_edit(), perms.can_publish(), perms.can_unpublish(), perms.can_delete(), perms.can_lock()])


def test_page_chooser_does_not_show_hub_b_draft_titles(as_coordinator_a, content):
    html = as_coordinator_a.get(reverse("wagtailadmin_choose_page_child", args=[content.hub_b.pk])).content.decode()
    assert DRAFT_B_TITLE not in html and LIVE_B_DRAFT_TITLE not in html


def test_article_form_does_not_offer_hub_b_drafts(as_coordinator_a, content):
    add_article = url("add", "news", "articlepage", content.hub_a.pk)
    response = as_coordinator_a.get(add_article)
    assert response.status_code == 200
    queryset = response.context["form"].fields["related_innovations"].queryset
    assert not queryset.filter(pk=content.draft_b.pk).exists()


def test_page_chooser_still_lists_hub_b_live_pages_by_public_title(as_coordinator_a, content):
    html = as_coordinator_a.get(reverse("wagtailadmin_choose_page_child", args=[content.hub_b.pk])).content.decode()
    assert LIVE_B_TITLE in html


def test_page_chooser_shows_own_hub_drafts_by_draft_title(as_coordinator_a, content):
    html = as_coordinator_a.get(reverse("wagtailadmin_choose_page_child", args=[content.hub_a.pk])).content.decode()
    assert "Draf Sulut" in html


def test_national_admin_chooser_shows_every_draft(client, national_admin, content):
    client.force_login(national_admin)
    html = client.get(reverse("wagtailadmin_choose_page_child", args=[content.hub_b.pk])).content.decode()
    assert DRAFT_B_TITLE in html and LIVE_B_DRAFT_TITLE in html


def test_article_form_offers_own_drafts_and_other_hubs_live_innovations(as_coordinator_a, content):
    response = as_coordinator_a.get(url("add", "news", "articlepage", content.hub_a.pk))
    queryset = response.context["form"].fields["related_innovations"].queryset
    offered = set(queryset.values_list("pk", flat=True))
    assert {content.draft_a.pk, content.live_a.pk, content.live_b.pk} <= offered


# --- Coordinator of hub A in hub A: the same actions succeed ----------------------------------------


class TestCoordinatorWorksInOwnHub:
    def test_can_open_the_editor(self, as_coordinator_a, content):
        for page in (content.live_a, content.draft_a, content.hub_a):
            assert admin_get(as_coordinator_a, edit_url(page)).status_code == 200

    def test_can_save_a_draft_without_publishing(self, as_coordinator_a, content):
        data = innovation_form_data(content.agency_a, title="Judul Draf Baru Sulut", slug="inovasi-sulut")
        response = admin_post(as_coordinator_a, edit_url(content.live_a), data)
        assert response.status_code == 302, response.context and response.context["form"].errors
        after = state(content.live_a)
        assert after["title"] == "Inovasi Sulut Terbit" and after["draft_title"] == "Judul Draf Baru Sulut"
        assert after["live"] and after["has_unpublished_changes"]

    def test_can_publish_a_draft(self, as_coordinator_a, content):
        data = innovation_form_data(content.agency_a, title="Draf Sulut Terbit", slug="draf-sulut", action="publish")
        response = admin_post(as_coordinator_a, edit_url(content.draft_a), data)
        assert response.status_code == 302
        assert response["Location"] == explore_url(content.hub_a)
        page = InnovationPage.objects.get(pk=content.draft_a.pk)
        assert page.live and page.title == "Draf Sulut Terbit" and not page.has_unpublished_changes
        assert page.get_parent().pk == content.hub_a.pk

    def test_can_add_and_publish_an_innovation(self, as_coordinator_a, content):
        data = innovation_form_data(content.agency_a, title="Inovasi Baru Sulut", slug="inovasi-baru", action="publish")
        response = admin_post(as_coordinator_a, add_innovation_url(content.hub_a), data)
        assert response.status_code == 302
        page = InnovationPage.objects.get(slug="inovasi-baru")
        assert page.live and page.get_parent().pk == content.hub_a.pk
        assert page.province.code == "71"  # defaulted from the agency by InnovationPage.clean

    def test_can_see_a_draft(self, as_coordinator_a, content):
        response = admin_get(as_coordinator_a, url("view_draft", content.draft_a.pk))
        assert response.status_code == 200
        assert "Draf Sulut" in response.content.decode()

    def test_can_unpublish(self, as_coordinator_a, content):
        response = admin_post(as_coordinator_a, url("unpublish", content.live_a.pk))
        assert response.status_code == 302
        assert Page.objects.get(pk=content.live_a.pk).live is False

    @pytest.mark.parametrize("name", ["live_a", "draft_a"])
    def test_can_delete(self, as_coordinator_a, content, name):
        page = getattr(content, name)
        response = admin_post(as_coordinator_a, url("delete", page.pk))
        assert response.status_code == 302
        assert response["Location"] == explore_url(content.hub_a)
        assert not Page.objects.filter(pk=page.pk).exists()

    def test_can_lock_and_unlock(self, as_coordinator_a, content):
        assert admin_post(as_coordinator_a, url("lock", content.live_a.pk)).status_code == 302
        assert Page.objects.get(pk=content.live_a.pk).locked
        assert admin_post(as_coordinator_a, url("unlock", content.live_a.pk)).status_code == 302
        assert not Page.objects.get(pk=content.live_a.pk).locked

    def test_can_reorder_pages_in_own_hub(self, as_coordinator_a, content):
        first = content.hub_a.get_children().first()
        assert first.pk == content.live_a.pk
        response = admin_post(as_coordinator_a, url("set_page_position", content.live_a.pk) + "?position=1")
        assert response.status_code == 200
        assert content.hub_a.get_children().first().pk == content.draft_a.pk


# --- Hub pages themselves: protected by hubs/wagtail_hooks.py ------------------------------------


class TestHubPagesAreProtected:
    def test_coordinator_cannot_delete_own_empty_hub(self, client, site_pages, hub_a, coordinator_a):
        # An empty hub is a leaf page the coordinator may edit, so only the hook stands in the way.
        assert hub_a.permissions_for_user(coordinator_a).can_delete()
        client.force_login(coordinator_a)
        response = admin_post(client, url("delete", hub_a.pk))
        assert response.status_code == 302
        assert response["Location"] == explore_url(site_pages["hubs"])
        assert message_texts(response) == ["Hanya admin nasional yang dapat menghapus hub."]
        assert Page.objects.filter(pk=hub_a.pk, live=True).exists()

    def test_coordinator_cannot_delete_own_hub_with_content(self, client, content, coordinator_a):
        client.force_login(coordinator_a)
        assert_permission_denied(admin_post(client, url("delete", content.hub_a.pk)))
        assert Page.objects.filter(pk=content.hub_a.pk).exists()
        assert content.hub_a.get_children().count() == 2

    def test_coordinator_cannot_move_own_hub(self, client, site_pages, hub_a, hub_b, coordinator_a):
        client.force_login(coordinator_a)
        before = state(hub_a)
        for do in (admin_get, admin_post):
            response = do(client, url("move_confirm", hub_a.pk, site_pages["hubs"].pk))
            assert response.status_code == 302
            assert response["Location"] == explore_url(site_pages["hubs"])
            assert message_texts(response) == ["Hanya admin nasional yang dapat memindahkan hub."]
        assert state(hub_a) == before

    def test_coordinator_cannot_touch_the_national_hub_or_hub_index(self, client, site_pages, coordinator_a):
        client.force_login(coordinator_a)
        for page in (site_pages["national_hub"], site_pages["hubs"]):
            assert_permission_denied(admin_get(client, edit_url(page)))
            assert_permission_denied(admin_post(client, url("delete", page.pk)))
            assert Page.objects.filter(pk=page.pk).exists()

    def test_national_admin_can_move_and_delete_a_hub(self, client, site_pages, hub_a, hub_b, national_admin):
        client.force_login(national_admin)
        assert Page.objects.get(pk=hub_a.pk).path < Page.objects.get(pk=hub_b.pk).path
        response = admin_post(client, url("move_confirm", hub_a.pk, site_pages["hubs"].pk))
        assert response.status_code == 302 and response["Location"] == explore_url(site_pages["hubs"])
        assert "Hanya admin nasional" not in " ".join(message_texts(response))
        assert Page.objects.get(pk=hub_a.pk).path > Page.objects.get(pk=hub_b.pk).path  # now last child

        response = admin_post(client, url("delete", hub_b.pk))
        assert response.status_code == 302
        assert not Page.objects.filter(pk=hub_b.pk).exists()
        assert Page.find_problems() == ([], [], [], [], [])

    def test_national_admin_can_do_everything_in_any_hub(self, client, content, national_admin):
        client.force_login(national_admin)
        assert admin_get(client, url("view_draft", content.draft_b.pk)).status_code == 200
        data = innovation_form_data(content.agency_b, title=DRAFT_B_TITLE, slug="draf-jatim", action="publish")
        assert admin_post(client, edit_url(content.draft_b), data).status_code == 302
        assert Page.objects.get(pk=content.draft_b.pk).live

        response = admin_post(client, url("move_confirm", content.live_b.pk, content.hub_a.pk))
        assert response.status_code == 302
        assert Page.objects.get(pk=content.live_b.pk).get_parent().pk == content.hub_a.pk

        assert admin_post(client, url("unpublish", content.news_b.pk)).status_code == 302
        assert not Page.objects.get(pk=content.news_b.pk).live
        assert admin_post(client, url("delete", content.news_b.pk)).status_code == 302
        assert not Page.objects.filter(pk=content.news_b.pk).exists()


# --- Agency editors and the hub's moderation workflow --------------------------------------------


def submit_innovation(client, editor_agency, hub, title="Usulan Inovasi Pemprov", slug="usulan-inovasi"):
    """Create a draft as the logged-in editor, then submit it to the hub's workflow."""
    response = admin_post(client, add_innovation_url(hub), innovation_form_data(editor_agency, title=title, slug=slug))
    assert response.status_code == 302, response.context and response.context["form"].errors
    page = InnovationPage.objects.get(slug=slug)
    data = innovation_form_data(editor_agency, title=title, slug=slug, action="submit")
    response = admin_post(client, edit_url(page), data)
    assert response.status_code == 302
    page.refresh_from_db()
    return page


class TestAgencyEditor:
    def test_form_offers_only_their_own_agency(self, client, hub_a, editor_a, agency_a, agency_a2, agency_b):
        client.force_login(editor_a)
        response = admin_get(client, add_innovation_url(hub_a))
        assert response.status_code == 200
        form = response.context["form"]
        assert list(form.fields["agency"].queryset) == [agency_a]
        # Rendered as a plain select with that one option, not the snippet chooser whose modal
        # would list every agency in the country.
        soup = BeautifulSoup(response.content, "html.parser")
        select = soup.find("select", attrs={"name": "agency"})
        assert select is not None, "agency should be a <select> for agency editors"
        assert [(o["value"], o.get_text(strip=True)) for o in select.find_all("option")] == [
            (str(agency_a.pk), agency_a.name)
        ]
        html = response.content.decode()
        assert agency_a2.name not in html and agency_b.name not in html

    def test_coordinators_keep_the_full_agency_chooser(self, client, hub_a, coordinator_a, agency_a, agency_b):
        client.force_login(coordinator_a)
        form = admin_get(client, add_innovation_url(hub_a)).context["form"]
        assert {agency_a, agency_b} <= set(form.fields["agency"].queryset)

    def test_service_units_are_limited_to_their_agency(self, client, hub_a, editor_a, agency_a, agency_a2):
        from agencies.factories import ServiceUnitFactory

        own = ServiceUnitFactory(agency=agency_a, name="UPT Samsat Manado")
        ServiceUnitFactory(agency=agency_a2, name="Dinas Dukcapil Kota Manado")
        client.force_login(editor_a)
        response = admin_get(client, add_innovation_url(hub_a))
        assert list(response.context["form"].fields["service_unit"].queryset) == [own]
        select = BeautifulSoup(response.content, "html.parser").find("select", attrs={"name": "service_unit"})
        assert [o["value"] for o in select.find_all("option")] == ["", str(own.pk)]

    @pytest.mark.parametrize("other", ["agency_a2", "agency_b"])
    def test_posting_another_agency_is_rejected(self, request, client, hub_a, editor_a, other):
        other_agency = request.getfixturevalue(other)
        client.force_login(editor_a)
        data = innovation_form_data(other_agency, title="Atas Nama Lain", slug="atas-nama-lain")
        response = admin_post(client, add_innovation_url(hub_a), data)
        assert response.status_code == 200
        assert "agency" in response.context["form"].errors
        assert not Page.objects.filter(slug="atas-nama-lain").exists()

    def test_can_create_a_draft_but_not_publish_it(self, client, hub_a, editor_a, agency_a):
        client.force_login(editor_a)
        data = innovation_form_data(agency_a, title="Draf Editor", slug="draf-editor", action="publish")
        response = admin_post(client, add_innovation_url(hub_a), data)
        assert response.status_code == 302
        page = InnovationPage.objects.get(slug="draf-editor")
        assert page.live is False and page.first_published_at is None
        assert page.owner == editor_a and page.agency == agency_a
        assert page.get_parent().pk == hub_a.pk
        # Publishing from the editor is ignored as well, and the permission API agrees.
        response = admin_post(client, edit_url(page), data)
        assert response.status_code == 302
        assert InnovationPage.objects.get(pk=page.pk).live is False
        assert not page.permissions_for_user(editor_a).can_publish()
        assert_permission_denied(admin_post(client, url("unpublish", page.pk)))

    def test_submission_is_approved_by_own_hub_coordinator(
        self, client, hub_a, editor_a, agency_a, coordinator_a, coordinator_b
    ):
        client.force_login(editor_a)
        page = submit_innovation(client, agency_a, hub_a)
        workflow_state = page.current_workflow_state
        assert workflow_state is not None
        assert workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
        assert workflow_state.workflow == hub_a.roles.workflow
        task_state = page.current_workflow_task_state
        assert task_state.status == TaskState.STATUS_IN_PROGRESS
        assert page.live is False

        task = task_state.task.specific
        assert list(task.get_task_states_user_can_moderate(coordinator_a)) == [task_state]
        assert not task.get_task_states_user_can_moderate(coordinator_b).exists()

        # Hub A's coordinator sees it on the dashboard; hub B's does not.
        client.force_login(coordinator_b)
        assert "Usulan Inovasi Pemprov" not in admin_get(client, reverse("wagtailadmin_home")).content.decode()
        client.force_login(coordinator_a)
        dashboard = admin_get(client, reverse("wagtailadmin_home"))
        assert "Usulan Inovasi Pemprov" in dashboard.content.decode()

        response = admin_post(client, url("workflow_action", page.pk, "approve", task_state.pk))
        assert response.status_code == 302
        page = InnovationPage.objects.get(pk=page.pk)
        assert page.live is True and page.current_workflow_state is None
        assert TaskState.objects.get(pk=task_state.pk).status == TaskState.STATUS_APPROVED
        assert WorkflowState.objects.get(pk=workflow_state.pk).status == WorkflowState.STATUS_APPROVED

    def test_coordinator_of_another_hub_cannot_approve_or_reject(
        self, client, hub_a, hub_b, editor_a, agency_a, coordinator_b
    ):
        client.force_login(editor_a)
        page = submit_innovation(client, agency_a, hub_a)
        task_state = page.current_workflow_task_state
        client.force_login(coordinator_b)
        assert_permission_denied(admin_post(client, url("workflow_action", page.pk, "approve", task_state.pk)))
        assert_permission_denied(
            admin_post(client, url("workflow_action", page.pk, "reject", task_state.pk), {"comment": "Tidak"})
        )
        page = InnovationPage.objects.get(pk=page.pk)
        assert page.live is False
        assert TaskState.objects.get(pk=task_state.pk).status == TaskState.STATUS_IN_PROGRESS
        assert page.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS

    def test_rejection_leaves_the_page_unpublished(self, client, hub_a, editor_a, agency_a, coordinator_a):
        client.force_login(editor_a)
        page = submit_innovation(client, agency_a, hub_a)
        task_state = page.current_workflow_task_state
        client.force_login(coordinator_a)
        response = admin_post(
            client, url("workflow_action", page.pk, "reject", task_state.pk), {"comment": "Lengkapi data dampak."}
        )
        assert response.status_code == 302
        page = InnovationPage.objects.get(pk=page.pk)
        assert page.live is False and page.first_published_at is None
        assert TaskState.objects.get(pk=task_state.pk).status == TaskState.STATUS_REJECTED
        assert page.current_workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES

    def test_cannot_edit_another_agencys_innovation_in_the_same_hub(
        self, client, hub_a, editor_a, editor_a2, agency_a, agency_a2
    ):
        client.force_login(editor_a2)
        admin_post(client, add_innovation_url(hub_a), innovation_form_data(agency_a2, title="Milik Manado", slug="milik-manado"))
        theirs = InnovationPage.objects.get(slug="milik-manado")
        assert theirs.owner == editor_a2
        coordinator_page = InnovationPageFactory(parent=hub_a, agency=agency_a, title="Milik Koordinator", slug="milik-koordinator")

        client.force_login(editor_a)
        for page in (theirs, coordinator_page):
            before = state(page)
            assert_permission_denied(admin_get(client, edit_url(page)))
            data = innovation_form_data(agency_a, title="Diambil alih", slug=page.slug, action="submit")
            assert_permission_denied(admin_post(client, edit_url(page), data))
            assert_permission_denied(admin_post(client, url("delete", page.pk)))
            assert state(page) == before

    def test_can_edit_own_draft(self, client, hub_a, editor_a, agency_a):
        client.force_login(editor_a)
        admin_post(client, add_innovation_url(hub_a), innovation_form_data(agency_a, title="Draf Awal", slug="draf-awal"))
        page = InnovationPage.objects.get(slug="draf-awal")
        assert admin_get(client, edit_url(page)).status_code == 200
        data = innovation_form_data(agency_a, title="Draf Diperbaiki", slug="draf-awal")
        assert admin_post(client, edit_url(page), data).status_code == 302
        page.refresh_from_db()
        assert page.draft_title == "Draf Diperbaiki" and not page.live

    def test_cannot_add_in_another_hub(self, client, hub_a, hub_b, editor_a, agency_a):
        client.force_login(editor_a)
        assert_permission_denied(admin_get(client, add_innovation_url(hub_b)))
        data = innovation_form_data(agency_a, title="Di Jatim", slug="di-jatim")
        assert_permission_denied(admin_post(client, add_innovation_url(hub_b), data))
        assert not Page.objects.filter(slug="di-jatim").exists()
