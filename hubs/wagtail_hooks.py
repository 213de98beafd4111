"""Protect hub pages (only national administrators may delete or move a hub), the role
dashboards, and the designation snippets (invitations, statements, decrees, history)."""
from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.auth import permission_denied
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .dashboards import panels_for
from .models import HubDesignation, HubHistory, HubInvitation, HubPage, WillingnessStatement
from .permissions import editable_area_q, visible_in_admin_q


def _refuse_hub_change(request, pages, message):
    if request.user.is_superuser:
        return None
    if any(isinstance(page.specific, HubPage) for page in pages):
        messages.error(request, message)
        return redirect("wagtailadmin_explore", pages[0].get_parent().pk)
    return None


@hooks.register("before_delete_page")
def protect_hub_delete(request, page):
    return _refuse_hub_change(request, [page], _("Hanya admin nasional yang dapat menghapus hub."))


@hooks.register("before_move_page")
def protect_hub_move(request, page, destination):
    refused = _refuse_hub_change(request, [page], _("Hanya admin nasional yang dapat memindahkan hub."))
    if refused is not None:
        return refused
    # Wagtail's move confirmation view checks permissions only when the move is posted, so its
    # GET would show any page's (draft) title to any admin user, other hubs' drafts included.
    if not page.permissions_for_user(request.user).can_move_to(destination):
        return permission_denied(request)
    return None


@hooks.register("construct_page_chooser_queryset")
def hide_other_hubs_drafts_in_chooser(pages, request):
    """Outside their own area a user sees only published pages, under their published titles."""
    user = request.user
    if user.is_superuser:
        return pages
    from django.db.models import Case, F, When

    return pages.filter(visible_in_admin_q(user)).annotate(
        chooser_title=Case(When(editable_area_q(user), then=F("draft_title")), default=F("title"))
    )


@hooks.register("construct_homepage_panels")
def add_role_dashboards(request, panels):
    """Coordinator, agency editor and national admin panels (hubs.dashboards)."""
    prefill_approval_checks(request.user)
    panels.extend(panels_for(request.user))


def prefill_approval_checks(user):
    """Whether the user is in each group approval task's groups, in one query.

    Wagtail's dashboard asks every active task for the states the user may moderate, and a
    group approval task answers with one query per task, cached on the user object
    (``_group_approval_task_checks``). The portal has one moderation task per hub, so an
    editor's dashboard ran a query per hub (35 of its 68). Filling that per-request cache first
    gives Wagtail the same answers; if Wagtail renames the attribute, it just asks again.
    """
    from django.db.models import Exists, OuterRef
    from wagtail.models import GroupApprovalTask

    if not getattr(user, "is_authenticated", False) or user.is_superuser:
        return
    membership = GroupApprovalTask.groups.through.objects.filter(
        groupapprovaltask_id=OuterRef("pk"), group__user=user)
    checks = dict(GroupApprovalTask.objects.annotate(member=Exists(membership)).values_list("pk", "member"))
    if checks:
        cached = getattr(user, "_group_approval_task_checks", None) or {}
        user._group_approval_task_checks = {**checks, **cached}


# --- designation (national administrators) ---------------------------------------------------



class InvitationViewSet(SnippetViewSet):
    model = HubInvitation
    icon = "mail"
    menu_label = gettext_lazy("Undangan")
    list_display = ["agency", "letter_number", "invited_on", "status", "hub"]
    list_filter = ["status"]


class StatementViewSet(SnippetViewSet):
    model = WillingnessStatement
    icon = "doc-full"
    menu_label = gettext_lazy("Pernyataan kesediaan")
    list_display = ["invitation", "coordinating_unit", "contact_name", "submitted_at"]
    panels = []


class DesignationViewSet(SnippetViewSet):
    model = HubDesignation
    icon = "success"
    menu_label = gettext_lazy("Penetapan")
    list_display = ["decree_number", "decree_date", "invitation"]


class HistoryViewSet(SnippetViewSet):
    model = HubHistory
    icon = "history"
    menu_label = gettext_lazy("Riwayat hub")
    list_display = ["hub", "kind", "date", "decree_number"]
    list_filter = ["kind"]


class DesignationGroup(SnippetViewSetGroup):
    menu_label = gettext_lazy("Penetapan Hub")
    menu_icon = "site"
    menu_order = 350
    items = (InvitationViewSet, StatementViewSet, DesignationViewSet, HistoryViewSet)


register_snippet(DesignationGroup)


@hooks.register("after_create_snippet")
def designate_hub(request, instance):
    """Saving a decree creates the hub page with its roles and workflow, and its history."""
    if isinstance(instance, HubDesignation):
        from django.core.exceptions import ValidationError

        from .designation import designate

        try:
            hub = designate(instance)
            messages.success(request, _("%(hub)s dibuat dengan peran dan alur moderasinya.") % {"hub": hub.title})
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
