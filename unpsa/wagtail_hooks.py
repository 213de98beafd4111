"""UNPSA in the admin: the screening list (national administrators and the secretariat) and
the yearly cycles with their categories (snippets, national administrators)."""
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Cycle


class CycleViewSet(SnippetViewSet):
    model = Cycle
    icon = "date"
    menu_label = _("Siklus UNPSA")
    menu_order = 346
    add_to_admin_menu = True
    list_display = ["year", "nominations_close"]


register_snippet(CycleViewSet)


class ScreeningMenuItem(MenuItem):
    def is_shown(self, request):
        from . import rules

        return rules.can_screen(request.user)


@hooks.register("register_admin_urls")
def unpsa_admin_urls():
    from django.urls import path

    from .admin_views import nomination, screening

    return [
        path("unpsa/", screening, name="unpsa_screening"),
        path("unpsa/<str:year>/nominasi/<str:innovation_id>/", nomination, name="unpsa_nomination"),
    ]


@hooks.register("register_admin_menu_item")
def screening_menu_item():
    return ScreeningMenuItem(_("Penyaringan UNPSA"), reverse("unpsa_screening"), icon_name="pick", order=345)
