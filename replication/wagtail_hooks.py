"""Admin entry points: a dashboard panel of replications awaiting the user, and a menu link."""
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from . import selectors


class AwaitingPanel(Component):
    name = "replikasi_menunggu"
    order = 50
    template_name = "replication/admin/awaiting_panel.html"

    def __init__(self, replications):
        self.replications = replications

    def get_context_data(self, parent_context):
        return {"replications": self.replications}


@hooks.register("construct_homepage_panels")
def add_awaiting_panel(request, panels):
    """For agency users; a hub coordinator's dashboard (hubs.dashboards) lists the same
    replications in its "waiting for you" list already."""
    from hubs.membership import coordinated_hub_paths

    if coordinated_hub_paths(request.user):
        return
    replications = selectors.awaiting(request.user)
    if replications:
        panels.append(AwaitingPanel(replications))


@hooks.register("register_admin_menu_item")
def replication_menu_item():
    return MenuItem(_("Replikasi"), reverse("replication:mine"), icon_name="resubmit", order=250)
