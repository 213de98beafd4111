"""Who configures which edition in the admin (issue 14: "organisers configure them in the
admin, never in code").

* National administrators (superusers, or anyone given the model permissions) configure every
  edition and instrument.
* The national secretariat (``roles.SECRETARIAT_GROUP``) adds, edits and views the national
  editions (KIPP, no hub) and their instruments.
* A hub's coordinators add, edit and view the editions their hub organises, and those
  editions' instruments: the organiser field is fixed to their hub (``forms``), another hub's
  edition or a national one is not there for them (its pages answer 404).
Deleting stays with national administrators (an edition with proposals is protected anyway).
"""
from django.db.models import Q
from django.http import Http404
from wagtail.permission_policies import ModelPermissionPolicy

from . import roles

#: what the secretariat and coordinators may do within their scope
SCOPED_ACTIONS = frozenset({"add", "change", "view"})


def edition_scope_q(user, prefix=""):
    """Q over editions (through ``prefix``, e.g. ``"edition__"``) that ``user`` configures as
    secretariat or coordinator; nothing for anyone else."""
    condition = Q(**{f"{prefix}pk__in": []})
    paths = roles.hub_paths(user)
    if paths:
        condition |= Q(**{f"{prefix}hub__path__in": paths})
    if roles.in_secretariat_group(user):
        condition |= Q(**{f"{prefix}hub__isnull": True})
    return condition


def configures(user, edition):
    """Whether ``user`` configures ``edition``: its organiser or secretariat (``roles``)."""
    return user.is_active and roles.is_secretariat(user, edition)


def hubs_for(user):
    """The hubs ``user`` may name as an edition's organiser (all for national administrators)."""
    from hubs.models import HubPage

    if user.is_superuser:
        return HubPage.objects.all()
    return HubPage.objects.filter(path__in=roles.hub_paths(user))


class ScopedPolicy(ModelPermissionPolicy):
    """Model permissions, plus ``SCOPED_ACTIONS`` on the editions in ``edition_scope_q`` (and the
    instruments of those editions, with ``prefix="edition__"``)."""

    prefix = ""

    def _national(self, user, action):
        return super().user_has_permission(user, action)

    def _scoped(self, user):
        return user.is_active and (bool(roles.hub_paths(user)) or roles.in_secretariat_group(user))

    def _edition_of(self, instance):
        return instance if not self.prefix else instance.edition

    def user_has_permission(self, user, action):
        return self._national(user, action) or (action in SCOPED_ACTIONS and self._scoped(user))

    def user_has_permission_for_instance(self, user, action, instance):
        if self._national(user, action):
            return True
        return action in SCOPED_ACTIONS and configures(user, self._edition_of(instance))

    def instances_user_has_any_permission_for(self, user, actions):
        manager = self.model._default_manager
        if any(self._national(user, action) for action in actions):
            return manager.all()
        if not SCOPED_ACTIONS.intersection(actions) or not self._scoped(user):
            return manager.none()
        return manager.filter(edition_scope_q(user, self.prefix))

    def users_with_any_permission(self, actions):
        from django.contrib.auth import get_user_model

        users = super().users_with_any_permission(actions)
        if not SCOPED_ACTIONS.intersection(actions):
            return users
        scoped = get_user_model().objects.filter(
            Q(groups__coordinated_hub__isnull=False) | Q(groups__name=roles.SECRETARIAT_GROUP), is_active=True)
        return (users | scoped).distinct()


class EditionPolicy(ScopedPolicy):
    pass


class InstrumentPolicy(ScopedPolicy):
    prefix = "edition__"


class ScopedObjectMixin:
    """For the admin's edit, delete, history, usage and copy views: an edition (or instrument)
    outside the user's scope does not exist for them (checked before Wagtail's own checks,
    which would answer "permission denied" and so confirm that it exists)."""

    def get_object(self, *args, **kwargs):
        from django.contrib.admin.utils import unquote

        quoted = self.kwargs.get(getattr(self, "pk_url_kwarg", "pk"))
        instance = self.model._default_manager.filter(pk=unquote(str(quoted))).first() if quoted is not None else None
        if instance is None or not self.permission_policy.user_has_any_permission_for_instance(
                self.request.user, sorted(SCOPED_ACTIONS | {"delete"}), instance):
            raise Http404
        return super().get_object(*args, **kwargs)
