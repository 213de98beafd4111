"""Clinic panels for the event and hub pages, so ``news`` and ``hubs`` need not know about
registrations."""
from django import template
from django.db.models import Count, Q

from .. import followup, rules
from ..models import Cohort, Material, Registration, Report

register = template.Library()


@register.inclusion_tag("clinics/_event_panel.html", takes_context=True)
def clinic_panel(context, event):
    request = context.get("request")
    user = getattr(request, "user", None)
    cohorts = list(
        Cohort.objects.filter(event=event).prefetch_related("invited_provinces").annotate(
            holding=Count("registrations", filter=Q(registrations__status__in=Registration.HOLDING)))
    )
    for cohort in cohorts:
        cohort.places_left = max(cohort.capacity - cohort.holding, 0)
    organiser = bool(user and rules.is_organiser(user, event))
    participant = bool(user and user.is_authenticated and rules.is_participant(user, event))
    materials = Material.objects.filter(event=event)
    if not (organiser or participant):
        materials = materials.filter(audience=Material.Audience.PUBLIK)
    report = Report.objects.filter(event=event).first() if event.is_past else None
    return {
        "event": event, "cohorts": cohorts, "organiser": organiser, "materials": list(materials),
        "report": report, "figures": followup.event_figures(event) if report else None,
        "attendance": _attendance(event) if report else None, "logged_in": bool(user and user.is_authenticated),
    }


def _attendance(event):
    rows = Registration.objects.filter(cohort__event=event, attended=True)
    return {"people": rows.count(), "agencies": rows.values("agency_id").distinct().count()}


@register.inclusion_tag("clinics/_hub_figures.html")
def hub_clinic_figures(hub):
    return {"hub": hub, "figures": followup.hub_figures(hub)}
