"""Replication panels for pages of other apps (innovation and hub pages), so those apps
need not know about replication."""
from django import template

from agencies.models import agency_for_user

from .. import selectors
from ..models import ENDED, Replication

register = template.Library()


@register.inclusion_tag("replication/_innovation_panel.html", takes_context=True)
def replication_panel(context, page):
    request = context.get("request")
    user = getattr(request, "user", None)
    agency = agency_for_user(user) if user is not None else None
    own = None
    if agency is not None:
        own = Replication.objects.filter(origin=page, adopter=agency).exclude(stage__in=ENDED).first()
    return {
        "page": page,
        "summary": selectors.innovation_summary(page),
        "lineage": selectors.lineage(page),
        "logged_in": bool(user and user.is_authenticated),
        "agency": agency,
        "own": own,
        "is_owner": agency is not None and agency.pk == page.agency_id,
    }


@register.inclusion_tag("replication/_hub_figures.html")
def hub_replication_figures(hub):
    return {"hub": hub, "figures": selectors.hub_figures(hub)}
