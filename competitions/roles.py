"""Who may do what in a competition. Plain functions over groups and hub membership:

* **Admin Lokal** (group ``Admin Lokal Kompetisi``) acts for one agency (``AgencyMembership``):
  manages its operator accounts, sees and edits its drafts, submits.
* **Operator** (any other user acting for an agency): drafts and edits its agency's proposals;
  cannot submit.
* **Organiser**: national administrators for KIPP; for a hub's competition, also that hub's
  coordinators. The organiser assigns evaluators, moderates, fixes and announces the Top 99.
* **Secretariat** (group ``Sekretariat Kompetisi``, or the organiser): administrative selection.
* **Evaluator** (group ``Tim Evaluasi Kompetisi``): scores what they are assigned, nothing else.
* **Hub coordinators** read their region's proposals and participation.
"""
from django.contrib.auth.models import Group

from agencies.models import agency_for_user
from hubs.membership import coordinated_hub_paths, hub_of_agency

ADMIN_LOKAL_GROUP = "Admin Lokal Kompetisi"
SECRETARIAT_GROUP = "Sekretariat Kompetisi"
EVALUATOR_GROUP = "Tim Evaluasi Kompetisi"
PANEL_GROUP = "Tim Panel Independen Kompetisi"


def ensure_groups():

    """The three groups, each allowed into the admin (where people sign in and see their
    dashboard; the competition pages themselves are on the public site)."""
    from django.contrib.auth.models import Permission

    access = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    groups = {name: Group.objects.get_or_create(name=name)[0]
              for name in (ADMIN_LOKAL_GROUP, SECRETARIAT_GROUP, EVALUATOR_GROUP, PANEL_GROUP)}
    for group in groups.values():
        group.permissions.add(access)
    return groups


def _in_group(user, name):
    if not user.is_authenticated:
        return False
    cache = getattr(user, "_competition_groups", None)
    if cache is None:
        cache = set(user.groups.values_list("name", flat=True))
        user._competition_groups = cache
    return name in cache


def is_admin_lokal(user):
    return _in_group(user, ADMIN_LOKAL_GROUP) and agency_for_user(user) is not None


def is_evaluator(user):
    return _in_group(user, EVALUATOR_GROUP)


def in_secretariat_group(user):
    """A member of the national secretariat (KIPP editions), whatever the edition."""
    return _in_group(user, SECRETARIAT_GROUP)


def hub_paths(user):
    """``coordinated_hub_paths``, read once per user object (the admin asks several times a
    request)."""
    if not user.is_authenticated:
        return []
    cache = getattr(user, "_competition_hub_paths", None)
    if cache is None:
        cache = user._competition_hub_paths = coordinated_hub_paths(user)
    return cache


def is_panelist(user):
    """A member of the Tim Panel Independen (interviews, field verification)."""
    return _in_group(user, PANEL_GROUP)


def is_organiser(user, edition):
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return edition.hub_id is not None and edition.hub.path in coordinated_hub_paths(user)


def is_secretariat(user, edition):
    if is_organiser(user, edition):
        return True
    return edition.hub_id is None and _in_group(user, SECRETARIAT_GROUP)


def coordinates_agency(user, agency):
    hub = hub_of_agency(agency)
    return hub is not None and hub.path in coordinated_hub_paths(user)


def can_read_proposal(user, proposal):
    """The agency, its hub's coordinators, the organiser and secretariat, and the assigned
    evaluators; everyone once the proposal is announced in the Top 99 (public summary)."""
    if not user.is_authenticated:
        return False
    agency = agency_for_user(user)
    if agency is not None and agency.pk == proposal.agency_id:
        return True
    if is_secretariat(user, proposal.edition) or coordinates_agency(user, proposal.agency):
        return True
    return proposal.assignments.filter(evaluator=user).exists()


def can_edit_proposal(user, proposal):
    agency = agency_for_user(user)
    return agency is not None and agency.pk == proposal.agency_id and proposal.is_editable


def can_submit(user, proposal):
    return can_edit_proposal(user, proposal) and is_admin_lokal(user)
