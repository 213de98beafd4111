"""Per-hub roles: who may do what inside one hub's subtree.

* Coordinators (Koordinator Hub) add, edit, publish and lock anything under their hub and
  approve what agency editors submit. They get no ``bulk_delete``, so they can only delete
  single pages, and the hub page itself is protected by a hook.
* Agency editors (Editor Instansi) may only add pages; Wagtail then lets them edit pages
  they own, and their drafts go through the hub's moderation workflow.
Everything here is idempotent, so ``sync_hub_roles`` can repair a hub at any time.
"""
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupPagePermission,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)
from wagtail.models.media import GroupCollectionPermission

from .models import HubPage, HubRoles

COORDINATOR_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
EDITOR_PAGE_PERMISSIONS = ["add_page"]
COORDINATOR_MEDIA_PERMISSIONS = [
    ("wagtailimages", "add_image"), ("wagtailimages", "change_image"), ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"), ("wagtaildocs", "change_document"), ("wagtaildocs", "choose_document"),
]
EDITOR_MEDIA_PERMISSIONS = [
    ("wagtailimages", "add_image"), ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"), ("wagtaildocs", "choose_document"),
]
#: Model permissions every hub role needs so choosers and reference lists work.
SHARED_MODEL_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("agencies", "view_agency"),
    ("agencies", "view_serviceunit"),
]

ASSESSOR_GROUP = "Asesor PKRI"


def _perm(app_label, codename):
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _grant_model_perms(group, perms):
    group.permissions.add(*[_perm(app, code) for app, code in perms])


def _grant_page_perms(group, page, codenames):
    for codename in codenames:
        GroupPagePermission.objects.get_or_create(
            group=group, page=page, permission=_perm("wagtailcore", codename)
        )


def _grant_collection_perms(group, collection, perms):
    for app, code in perms:
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=collection, permission=_perm(app, code)
        )


def _unique_group(name):
    group, _ = Group.objects.get_or_create(name=name[:150])
    return group


def _new_hub_group(name, hub):
    """A group named for people, not with a raw id: the hub's id is added only when another
    group already carries the name (group names are unique)."""
    name = name[:150]
    if Group.objects.filter(name=name).exists():
        name = f"{name[:140]} (#{hub.pk})"
    return _unique_group(name)


@transaction.atomic
def ensure_hub_roles(hub: HubPage) -> HubRoles:
    """Create (or repair) the groups, collection, permissions and workflow of ``hub``."""
    roles = HubRoles.objects.filter(hub=hub).select_related(
        "coordinators", "agency_editors", "collection", "workflow"
    ).first()
    if roles is None:
        root = Collection.get_first_root_node()
        # names editors read in the admin: no raw ids such as "(#10)" (issue 13)
        collection = root.add_child(name=hub.title[:255])
        coordinators = _new_hub_group(f"Koordinator — {hub.title}", hub)
        editors = _new_hub_group(f"Editor Instansi — {hub.title}", hub)
        workflow = Workflow.objects.create(name=f"Moderasi — {hub.title}"[:255])
        task = GroupApprovalTask.objects.create(name=f"Persetujuan koordinator — {hub.title}"[:255])
        task.groups.set([coordinators])
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
        roles = HubRoles.objects.create(
            hub=hub, coordinators=coordinators, agency_editors=editors,
            collection=collection, workflow=workflow,
        )
    _grant_model_perms(roles.coordinators, SHARED_MODEL_PERMISSIONS)
    _grant_model_perms(roles.agency_editors, SHARED_MODEL_PERMISSIONS)
    _grant_page_perms(roles.coordinators, hub, COORDINATOR_PAGE_PERMISSIONS)
    _grant_page_perms(roles.agency_editors, hub, EDITOR_PAGE_PERMISSIONS)
    _grant_collection_perms(roles.coordinators, roles.collection, COORDINATOR_MEDIA_PERMISSIONS)
    _grant_collection_perms(roles.agency_editors, roles.collection, EDITOR_MEDIA_PERMISSIONS)
    WorkflowPage.objects.update_or_create(page=hub, defaults={"workflow": roles.workflow})
    return roles


def ensure_assessor_group():
    group = _unique_group(ASSESSOR_GROUP)
    _grant_model_perms(group, [("wagtailadmin", "access_admin")])
    return group

