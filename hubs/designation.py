"""Becoming a Hub JIPP: KemenPANRB invites an agency, the agency states its willingness in the
portal, the ministry designates it by decree in the admin. Designation creates the hub page
(published under the hub index, with the agency, its province for a provincial government,
the decree, year and coordinating unit) and, through the usual ``post_save`` signal and
``ensure_hub_roles``, its coordinator and editor groups, collection and moderation workflow; it
records the first line of the hub's history. Renewals and endings are further history lines."""
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from agencies.models import AgencyType, agency_for_user

from .models import HubDesignation, HubHistory, HubIndexPage, HubInvitation, HubPage, WillingnessStatement


def invitation_for(user):
    """The open invitation of the user's agency, if any."""
    agency = agency_for_user(user)
    if agency is None:
        return None
    return HubInvitation.objects.filter(agency=agency).order_by("-invited_on", "-pk").first()


def state_willingness(user, invitation_id, *, signed_letter, coordinating_unit, contact_name, contact_email, contact_phone):
    with transaction.atomic():
        invitation = HubInvitation.objects.select_for_update().filter(pk=invitation_id).first()
        agency = agency_for_user(user)
        if invitation is None or agency is None or invitation.agency_id != agency.pk:
            raise PermissionDenied
        if invitation.status != HubInvitation.Status.DIUNDANG:
            raise ValidationError(_("Pernyataan kesediaan sudah disampaikan."))
        statement = WillingnessStatement.objects.create(
            invitation=invitation, signed_letter=signed_letter, coordinating_unit=coordinating_unit.strip(),
            contact_name=contact_name.strip(), contact_email=contact_email.strip(), contact_phone=contact_phone.strip(),
            submitted_by=user)
        invitation.status = HubInvitation.Status.BERSEDIA
        invitation.save(update_fields=["status"])
    return statement


def _unique_slug(base):
    slug, n = base, 2
    while HubPage.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def designate(designation: HubDesignation):
    """Create the hub page of a designation (once) and its history; returns the hub."""
    from .roles import ensure_hub_roles

    with transaction.atomic():
        invitation = HubInvitation.objects.select_for_update(of=("self",)).select_related("agency__province").get(
            pk=designation.invitation_id)
        if invitation.hub_id:
            return invitation.hub
        if invitation.status != HubInvitation.Status.BERSEDIA:
            raise ValidationError(_("Hanya instansi yang sudah menyatakan kesediaan yang dapat ditetapkan."))
        statement = invitation.statement
        agency = invitation.agency
        provincial = agency.agency_type == AgencyType.PEMPROV
        if provincial and HubPage.objects.filter(province=agency.province).exists():
            raise ValidationError(_("Provinsi ini sudah memiliki hub."))
        name = agency.province.name if provincial else (agency.abbreviation or agency.name)
        index = HubIndexPage.objects.first()
        if index is None:
            raise ValidationError(_("Halaman daftar hub belum ada."))
        hub = index.add_child(instance=HubPage(
            title=f"Hub JIPP {name}"[:255], slug=_unique_slug(slugify(name)[:200] or "hub"),
            hub_type=HubPage.HubType.PROVINSI if provincial else HubPage.HubType.KL,
            agency=agency, province=agency.province if provincial else None,
            decree=designation.decree_number, year_joined=designation.decree_date.year,
            coordinating_unit=statement.coordinating_unit, contact_email=statement.contact_email,
            contact_phone=statement.contact_phone,
            summary=_("Hub JIPP %(name)s, ditetapkan dengan %(decree)s.") % {"name": name, "decree": designation.decree_number},
        ))
        hub.save_revision().publish()
        ensure_hub_roles(hub)  # idempotent: the signal's after-commit call then finds them in place
        HubHistory.objects.create(hub=hub, kind=HubHistory.Kind.DITETAPKAN, decree_number=designation.decree_number,
                                  date=designation.decree_date)
        invitation.status, invitation.hub = HubInvitation.Status.DITETAPKAN, hub
        invitation.save(update_fields=["status", "hub"])
    return hub
