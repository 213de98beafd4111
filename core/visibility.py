"""Page view restrictions read once per cache generation instead of once per ``.public()``.

Wagtail's ``PageQuerySet.public()`` reads every ``PageViewRestriction`` row each time it is
called, and serving a page reads the restrictions of its ancestors again: five to eight queries
on a hub page, for a table that is nearly always empty. The restricted sections (path and depth
of each restricted page) are kept in the shared cache under the page cache's generation
(core/page_cache.py), which a restriction's save or delete bumps like any page change, so a new
restriction applies from the next request.

``PortalPageManager`` gives a page model a ``public()`` built on that list, and
``CachedRestrictionsMixin`` lets serving a page skip the ancestor query when no restricted
section contains it; both fall back to Wagtail's own behaviour where a restriction applies.
"""
from django.conf import settings
from django.core.cache import cache
from django.db.models import Q
from wagtail.models import PageManager
from wagtail.query import PageQuerySet

from core.page_cache import generation


def restricted_sections():
    """``[(path, depth), ...]`` of every page that carries a view restriction."""
    from wagtail.models import PageViewRestriction

    if not settings.CACHE_IS_SHARED:  # another worker could not tell this one of a new restriction
        return sorted(set(PageViewRestriction.objects.values_list("page__path", "page__depth")))
    key = f"pagecache:restricted:{generation()[0]}"
    sections = cache.get(key)
    if sections is None:
        sections = sorted(set(PageViewRestriction.objects.values_list("page__path", "page__depth")))
        cache.set(key, sections, 24 * 3600)
    return sections


class PortalPageQuerySet(PageQuerySet):
    def private_q(self):
        q = Q()
        for path, depth in restricted_sections():
            q |= Q(path__startswith=path, depth__gte=depth)
        return q if q else Q(pk__in=[])

    def public(self):
        return self.exclude(self.private_q()) if restricted_sections() else self



class PortalPageManager(PageManager):
    def get_queryset(self):
        return PortalPageQuerySet(self.model).order_by("path")


class CachedRestrictionsMixin:
    """For page models: no query for view restrictions when no restricted section holds the page."""

    def get_view_restrictions(self):
        from wagtail.models import PageViewRestriction

        if not any(self.path.startswith(path) for path, _depth in restricted_sections()):
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()
