from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import CreateView, SnippetViewSet

from .admin_views import search_report
from .models import Synonym


class SynonymCreateView(CreateView):
    """Adding an entry from the zero-result report starts with the query as its term."""

    def get_initial(self):
        initial = super().get_initial()
        term = " ".join(str(self.request.GET.get("istilah", "")).split())[:100]
        if term:
            initial["term"] = term
        return initial


class SynonymViewSet(SnippetViewSet):
    """The public-service vocabulary (search.vocabulary), for national administrators: only
    superusers hold the model permissions; no hub role grants them."""

    model = Synonym
    icon = "search"
    menu_label = _("Kosakata pencarian")
    menu_order = 310
    add_to_admin_menu = True
    add_view_class = SynonymCreateView
    list_display = ["term", "equivalents", "kind", "domain", "active", "updated_at"]
    list_filter = ["kind", "domain", "active"]
    search_fields = ["term", "equivalents"]
    panels = [FieldPanel("term"), FieldPanel("equivalents"), FieldPanel("kind"), FieldPanel("domain"),
              FieldPanel("source"), FieldPanel("active")]


register_snippet(SynonymViewSet)


@hooks.register("register_admin_urls")
def register_search_report_url():
    return [path("laporan/pencarian/", search_report, name="search_report")]


class SearchReportMenuItem(MenuItem):
    """Shown to everyone who can use the admin: editors and hub coordinators included."""


@hooks.register("register_reports_menu_item")
def register_search_report_menu_item():
    return SearchReportMenuItem(_("Pencarian pengunjung"), reverse("search_report"), icon_name="search", order=900)


