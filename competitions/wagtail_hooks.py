"""Competitions in the admin: editions (groups, categories, award places and the 3T list
inline) and instruments (aspects inline, copied from the previous edition by
``rules.prepare_instruments``) for their organisers, each within their own scope
(``permissions``: a hub's coordinators their hub's editions, the secretariat the national
ones, national administrators all); proposals to look up, evaluators' declared conflicts and
invitations for national administrators. Day-to-day work (selection, scoring, Top 99) happens
on the ``/kompetisi/`` pages of each role."""
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views import snippets as snippet_views
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .admin_forms import EditionAdminForm, InstrumentAdminForm, InstrumentFilterSet
from .models import Conflict, Edition, Instrument, Invitation, Proposal
from .permissions import EditionPolicy, InstrumentPolicy, ScopedObjectMixin

# registered before any view asks, so no fallback (model-permission) policy is made for them
register_permission_policy(Edition, EditionPolicy(Edition))
register_permission_policy(Instrument, InstrumentPolicy(Instrument))


class ScopedEditView(ScopedObjectMixin, snippet_views.EditView):
    pass


class ScopedDeleteView(ScopedObjectMixin, snippet_views.DeleteView):
    pass


class ScopedHistoryView(ScopedObjectMixin, snippet_views.HistoryView):
    pass


class ScopedUsageView(ScopedObjectMixin, snippet_views.UsageView):
    pass


class ScopedCopyView(ScopedObjectMixin, snippet_views.CopyView):
    pass


class ScopedViewSet(SnippetViewSet):
    """Lists only what the user configures; every page of one record outside it is a 404."""

    edit_view_class = ScopedEditView
    delete_view_class = ScopedDeleteView
    history_view_class = ScopedHistoryView
    usage_view_class = ScopedUsageView
    copy_view_class = ScopedCopyView
    base_form_class = None

    def get_queryset(self, request):
        return self.permission_policy.instances_user_has_any_permission_for(request.user, ["change", "view"])

    def get_edit_handler(self):
        return ObjectList(self.model.panels, base_form_class=self.base_form_class).bind_to_model(self.model)


class EditionViewSet(ScopedViewSet):
    model = Edition
    icon = "date"
    menu_label = _("Edisi")
    list_display = ["name", Column("organiser_name", label=_("Penyelenggara")), "year", "registration_closes_on",
                    "shortlist_announced_at"]
    list_filter = ["year"]
    base_form_class = EditionAdminForm

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("hub")


class InstrumentViewSet(ScopedViewSet):
    model = Instrument
    icon = "list-ol"
    menu_label = _("Instrumen proposal")
    list_display = ["title", "edition", "group", "is_example"]
    filterset_class = InstrumentFilterSet
    base_form_class = InstrumentAdminForm

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("edition")


class ProposalViewSet(SnippetViewSet):
    model = Proposal
    icon = "doc-full"
    menu_label = _("Proposal")
    list_display = ["title", "agency", "edition", "group", "status", "total", "flagged", "selected"]
    list_filter = ["edition", "group", "status", "flagged", "selected"]
    list_per_page = 50
    panels = [FieldPanel("moderation_note", read_only=True), FieldPanel("override_reason", read_only=True)]

    def get_queryset(self, request):
        return Proposal.objects.select_related("agency", "edition")


class ConflictViewSet(SnippetViewSet):
    model = Conflict
    icon = "warning"
    menu_label = _("Konflik kepentingan")
    list_display = ["evaluator", "agency", "note"]


class InvitationViewSet(SnippetViewSet):
    model = Invitation
    icon = "mail"
    menu_label = _("Undangan Kelompok Khusus")
    list_display = ["agency", "edition", "group"]
    list_filter = ["edition"]
    panels = [FieldPanel("edition"), FieldPanel("group"), FieldPanel("agency")]


class CompetitionGroup(SnippetViewSetGroup):
    menu_label = _("Kompetisi")
    menu_icon = "pick"
    menu_order = 310
    items = (EditionViewSet, InstrumentViewSet, ProposalViewSet, ConflictViewSet, InvitationViewSet)


register_snippet(CompetitionGroup)


@hooks.register("after_create_snippet")
def prepare_new_edition(request, instance):
    """A new edition starts with its groups' instruments copied from the previous edition."""
    if isinstance(instance, Edition):
        from .rules import prepare_instruments

        prepare_instruments(instance)


@hooks.register("public_account_links")
def competition_links(user):
    """"Proposal kami" for people acting for an agency, "Penilaian saya" for evaluators, on the
    newest edition."""
    from django.urls import reverse

    from agencies.models import agency_for_user
    from core.account_links import AccountLink

    from .roles import is_evaluator

    agency, evaluator = agency_for_user(user), is_evaluator(user)
    if agency is None and not evaluator:
        return []
    latest = Edition.objects.filter(hub__isnull=True).order_by("-year").values_list("slug", flat=True).first()
    if latest is None:
        return []
    links = []
    if agency is not None:
        links.append(AccountLink(_("Proposal kami"), reverse("competitions:ours", args=[latest]), "proposal-kami"))
    if evaluator:
        links.append(AccountLink(_("Penilaian saya"), reverse("competitions:queue", args=[latest]), "penilaian-saya"))
    return links
