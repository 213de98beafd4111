"""Where a user's page permissions reach, as query filters the admin hooks and forms reuse.

Wagtail checks permissions when a user *acts* on a page; some admin widgets (the page
chooser, a plain select of related pages) merely *list* pages, drafts included. These helpers
say which pages a user may see as drafts (those under a page where one of their groups holds a
page permission) so those listings can hide everything else that is not public.
"""
from functools import reduce
from operator import or_

from django.db.models import Q
from wagtail.models import GroupPagePermission


def editable_area_q(user, prefix=""):
    """Q matching pages under any page on which the user's groups hold a permission."""
    if user.is_superuser:
        return Q()
    roots = set(
        GroupPagePermission.objects.filter(group__user=user).values_list("page__path", flat=True)
    )
    if not roots:
        return Q(pk__in=[])
    return reduce(or_, (Q(**{f"{prefix}path__startswith": path}) for path in roots))


def visible_in_admin_q(user, prefix=""):
    """Pages the user may see listed in the admin: public ones, and anything in their own area."""
    if user.is_superuser:
        return Q()
    return Q(**{f"{prefix}live": True}) | editable_area_q(user, prefix)
