"""Competitions in the admin, for national administrators: editions (groups, categories,
award places and the 3T list inline), instruments (aspects inline, copied from the previous
edition by ``rules.prepare_instruments``), proposals to look up and evaluators' declared
conflicts. Day-to-day work (selection, scoring, Top 99) happens on the ``/kompetisi/`` pages
of each role."""
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Conflict, Edition, Instrument, Invitation, Proposal


class EditionViewSet(SnippetViewSet):
    model = Edition
    icon = "date"
    menu_label = _("Edisi")
    list_display = ["name", "year", "registration_closes_on", "shortlist_announced_at"]
    list_filter = ["year"]


class InstrumentViewSet(SnippetViewSet):
    model = Instrument
    icon = "list-ol"
    menu_label = _("Instrumen proposal")
    list_display = ["title", "edition", "group", "is_example"]
    list_filter = ["edition", "group"]


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
