"""Per-hub roles: groups, permissions, media collection and moderation workflow."""
import pytest
import wagtail_factories
from django.contrib.auth.models import Group
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)
from wagtail.permissions import policy_registry

from hubs.factories import HubPageFactory
from hubs.models import HubRoles
from hubs.roles import ASSESSOR_GROUP, ensure_assessor_group, ensure_hub_roles

pytestmark = pytest.mark.django_db


def image_policy():
    return policy_registry.get_by_type(get_image_model())


def document_policy():
    return policy_registry.get_by_type(get_document_model())


def page_permissions(group, page):
    return set(
        GroupPagePermission.objects.filter(group=group, page=page).values_list("permission__codename", flat=True)
    )


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (Group, Collection, Workflow, WorkflowTask, GroupApprovalTask, GroupPagePermission,
                      GroupCollectionPermission, WorkflowPage, HubRoles)
    }


def test_roles_are_created_when_a_hub_is_committed(site_pages, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        hub = HubPageFactory(parent=site_pages["hubs"], title="Hub JIPP Gorontalo", slug="gorontalo")
    roles = HubRoles.objects.get(hub=hub)
    # names without raw ids such as "(#10)" (issue 13)
    assert roles.coordinators.name == "Koordinator — Hub JIPP Gorontalo"
    assert roles.agency_editors.name == "Editor Instansi — Hub JIPP Gorontalo"
    assert roles.workflow.name == "Moderasi — Hub JIPP Gorontalo" and roles.collection.name == "Hub JIPP Gorontalo"
    assert roles.collection.get_parent() == Collection.get_first_root_node()
    assert WorkflowPage.objects.get(page=hub).workflow == roles.workflow


def test_no_roles_before_commit(site_pages):
    hub = HubPageFactory(parent=site_pages["hubs"])
    assert not HubRoles.objects.filter(hub=hub).exists()


def test_page_permissions(hub_a):
    roles = hub_a.roles
    assert page_permissions(roles.coordinators, hub_a) == {
        "add_page", "change_page", "publish_page", "lock_page", "unlock_page"
    }
    assert page_permissions(roles.agency_editors, hub_a) == {"add_page"}
    # Nothing anywhere else in the tree.
    assert not GroupPagePermission.objects.filter(group__in=[roles.coordinators, roles.agency_editors]).exclude(page=hub_a).exists()
    for group in (roles.coordinators, roles.agency_editors):
        perms = {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()}
        assert perms == {"wagtailadmin.access_admin", "agencies.view_agency", "agencies.view_serviceunit"}


def test_workflow_has_one_task_for_the_coordinators(hub_a):
    workflow = hub_a.roles.workflow
    tasks = [wt.task.specific for wt in WorkflowTask.objects.filter(workflow=workflow)]
    assert len(tasks) == 1
    assert isinstance(tasks[0], GroupApprovalTask)
    assert list(tasks[0].groups.all()) == [hub_a.roles.coordinators]
    assert hub_a.get_workflow() == workflow


def test_media_collections_are_per_hub(hub_a, hub_b, coordinator_a, editor_a):
    own, other = hub_a.roles.collection, hub_b.roles.collection
    for policy in (image_policy(), document_policy()):
        assert list(policy.collections_user_has_permission_for(coordinator_a, "add")) == [own]
        assert list(policy.collections_user_has_permission_for(coordinator_a, "change")) == [own]
        assert list(policy.collections_user_has_permission_for(editor_a, "add")) == [own]
        assert other not in policy.collections_user_has_permission_for(coordinator_a, "choose")
    # Editors may change only what they uploaded; coordinators anything in their collection.
    image = wagtail_factories.ImageFactory(collection=own, uploaded_by_user=coordinator_a)
    own_upload = wagtail_factories.ImageFactory(collection=own, uploaded_by_user=editor_a)
    elsewhere = wagtail_factories.ImageFactory(collection=other)
    assert image_policy().user_has_permission_for_instance(coordinator_a, "change", own_upload)
    assert image_policy().user_has_permission_for_instance(editor_a, "change", own_upload)
    assert not image_policy().user_has_permission_for_instance(editor_a, "change", image)
    assert not image_policy().user_has_permission_for_instance(coordinator_a, "change", elsewhere)
    assert not image_policy().user_has_permission_for_instance(coordinator_a, "choose", elsewhere)


def test_ensure_hub_roles_is_idempotent_and_repairs(hub_a):
    before = counts()
    roles = ensure_hub_roles(hub_a)
    assert counts() == before
    assert roles.pk == hub_a.roles.pk

    GroupPagePermission.objects.filter(group=roles.coordinators, permission__codename="publish_page").delete()
    WorkflowPage.objects.filter(page=hub_a).delete()
    roles.coordinators.permissions.clear()
    ensure_hub_roles(hub_a)
    assert counts() == before
    assert "publish_page" in page_permissions(roles.coordinators, hub_a)
    assert WorkflowPage.objects.get(page=hub_a).workflow == roles.workflow
    assert roles.coordinators.permissions.count() == 3


def test_each_hub_gets_its_own_groups(hub_a, hub_b):
    assert hub_a.roles.coordinators != hub_b.roles.coordinators
    assert hub_a.roles.workflow != hub_b.roles.workflow
    assert hub_a.roles.collection != hub_b.roles.collection


def test_assessor_group(db):
    group = ensure_assessor_group()
    assert group.name == ASSESSOR_GROUP
    assert ensure_assessor_group() == group
    assert [p.codename for p in group.permissions.all()] == ["access_admin"]


def test_image_library_and_chooser_show_only_own_hub_images(client, hub_a, hub_b, coordinator_a):
    from django.urls import reverse

    wagtail_factories.ImageFactory(collection=hub_a.roles.collection, title="Foto Kegiatan Sulut")
    wagtail_factories.ImageFactory(collection=hub_b.roles.collection, title="Foto Rahasia Jatim")
    client.force_login(coordinator_a)
    for url in (reverse("wagtailimages:index"), reverse("wagtailimages_chooser:choose")):
        response = client.get(url)
        assert response.status_code == 200
        html = response.content.decode()
        assert "Foto Kegiatan Sulut" in html
        assert "Foto Rahasia Jatim" not in html


def test_a_group_name_already_taken_gets_the_hub_id(site_pages, django_capture_on_commit_callbacks):
    Group.objects.create(name="Koordinator — Hub JIPP Gorontalo")
    with django_capture_on_commit_callbacks(execute=True):
        hub = HubPageFactory(parent=site_pages["hubs"], title="Hub JIPP Gorontalo", slug="gorontalo")
    roles = HubRoles.objects.get(hub=hub)
    assert roles.coordinators.name == f"Koordinator — Hub JIPP Gorontalo (#{hub.pk})"
    assert roles.agency_editors.name == "Editor Instansi — Hub JIPP Gorontalo"


def test_migration_drops_the_ids_from_existing_names(site_pages, django_capture_on_commit_callbacks):
    import importlib

    from django.apps import apps

    with django_capture_on_commit_callbacks(execute=True):
        hub = HubPageFactory(parent=site_pages["hubs"], title="Hub JIPP Gorontalo", slug="gorontalo")
    roles = HubRoles.objects.get(hub=hub)
    # names as earlier versions made them
    Workflow.objects.filter(pk=roles.workflow_id).update(name=f"Moderasi — Hub JIPP Gorontalo (#{hub.pk})")
    Group.objects.filter(pk=roles.coordinators_id).update(name=f"Koordinator — Hub JIPP Gorontalo (#{hub.pk})")
    Collection.objects.filter(pk=roles.collection_id).update(name=f"Hub {hub.pk}: Hub JIPP Gorontalo")
    importlib.import_module("hubs.migrations.0002_role_names_without_ids").drop_ids(apps, None)
    roles = HubRoles.objects.select_related("workflow", "coordinators", "collection").get(hub=hub)
    assert roles.workflow.name == "Moderasi — Hub JIPP Gorontalo"
    assert roles.coordinators.name == "Koordinator — Hub JIPP Gorontalo"
    assert roles.collection.name == "Hub JIPP Gorontalo"
