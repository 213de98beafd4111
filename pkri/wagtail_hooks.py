"""PKRI in the admin, for national administrators: cycles, instruments (indicators inline,
copied or installed as labelled examples by ``pkri_objects``), and objects with their
moderation decision. Steps that touch many rows run as commands (see docs/pkri.md)."""
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from core.admin_menu import SuperuserMenuItem

from .models import AssessmentObject, Cycle, Instrument


class CycleViewSet(SnippetViewSet):
    model = Cycle
    icon = "date"
    menu_label = _("Siklus")
    list_display = ["name", "self_assessment_closes", "published_at"]


class InstrumentViewSet(SnippetViewSet):
    model = Instrument
    icon = "list-ol"
    menu_label = _("Instrumen")
    list_display = ["title", "cycle", "group", "is_example"]
    list_filter = ["cycle", "group"]


class ObjectViewSet(SnippetViewSet):
    model = AssessmentObject
    icon = "doc-full"
    menu_label = _("Objek dan moderasi")
    list_display = ["title", "cycle", "group", "status", "desk_total", "flagged", "final_total", "rank"]
    list_filter = ["cycle", "group", "status", "flagged", "shortlisted"]
    panels = [FieldPanel("moderation_note"), FieldPanel("verified_status")]


class PkriGroup(SnippetViewSetGroup):
    menu_label = _("PKRI")
    menu_icon = "tasks"
    menu_order = 320
    items = (CycleViewSet, InstrumentViewSet, ObjectViewSet)


register_snippet(PkriGroup)


@hooks.register("after_edit_snippet")
def record_moderation(request, instance):
    """Saving an object's moderation note in the admin is the administrator's decision."""
    if isinstance(instance, AssessmentObject) and instance.moderation_note.strip():
        from .rules import moderate

        moderate(instance, note=instance.moderation_note, verified_status=instance.verified_status or None)


@hooks.register("register_admin_urls")
def cycle_admin_urls():
    from django.urls import path

    from .admin_views import cycle_admin, latest_cycle_admin

    return [
        path("pkri/", latest_cycle_admin, name="pkri_cycle_admin_latest"),
        path("pkri/<int:year>/", cycle_admin, name="pkri_cycle_admin"),
    ]


@hooks.register("register_admin_menu_item")
def cycle_admin_menu_item():
    return SuperuserMenuItem(_("Jalankan siklus PKRI"), reverse("pkri_cycle_admin_latest"), icon_name="tasks", order=330)
