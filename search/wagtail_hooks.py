from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .admin_views import search_report


@hooks.register("register_admin_urls")
def register_search_report_url():
    return [path("laporan/pencarian/", search_report, name="search_report")]


class SearchReportMenuItem(MenuItem):
    """Shown to everyone who can use the admin: editors and hub coordinators included."""


@hooks.register("register_reports_menu_item")
def register_search_report_menu_item():
    return SearchReportMenuItem(_("Pencarian pengunjung"), reverse("search_report"), icon_name="search", order=900)


