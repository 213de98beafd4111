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
from django.db.models import Q
from wagtail.models import PageManager
from wagtail.query import PageQuerySet

from core.page_cache import generation, remembered


def restricted_sections():
    """``[(path, depth), ...]`` of every page that carries a view restriction."""
    from wagtail.models import PageViewRestriction

    if not settings.CACHE_IS_SHARED:  # another worker could not tell this one of a new restriction
        return sorted(set(PageViewRestriction.objects.values_list("page__path", "page__depth")))
    return remembered(f"pagecache:restricted:{generation()[0]}", 24 * 3600, lambda: tuple(
        sorted(set(PageViewRestriction.objects.values_list("page__path", "page__depth")))))


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


class TypedChildRouteMixin:
    """Serve a child of the page type most children have in one query instead of two.

    Wagtail routes each path segment with a query for the child's base row and a second for
    its specific row (``.specific``): eight queries to reach an innovation under a hub. A page
    whose children are mostly of one type lists it in ``route_child_models`` (app label and
    model name); a child found there is read with its specific fields at once, any other child
    is routed as Wagtail does. A child model's ``route_related`` names the relations its page
    always shows, read in the routing query (``select_related``).
    """

    route_child_models = ()

    def route(self, request, path_components):
        from django.apps import apps

        if path_components and not self.is_leaf():
            interval = self._get_children_path_interval(self.path)
            for label in self.route_child_models:
                model = apps.get_model(label)
                children = model.objects.filter(depth=self.depth + 1, path__range=interval, slug=path_components[0])
                if getattr(model, "route_related", ()):  # what the page always shows, in the same query
                    children = children.select_related(*model.route_related)
                subpage = children.first()
                if subpage is not None:
                    subpage._cached_parent_obj = self
                    return subpage.route(request, path_components[1:])
        return super().route(request, path_components)
