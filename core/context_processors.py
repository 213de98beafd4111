"""Navigation shared by every public page: the home page's menu children.

Finding them means filtering ``wagtailcore_page`` on ``depth``, which has no index: with
100,000 innovation pages that scan took about 150 ms on every request. The menu pages are
therefore kept in the cache (they change only when a top-level page is saved, published,
unpublished, moved or deleted, see ``forget_navigation``), and read lazily: a page whose header
comes from a stored fragment does not read them at all.
"""
from django.core.cache import cache
from django.utils.functional import SimpleLazyObject

NAV_CACHE_KEY = "core:nav-pages"  # the pages themselves (was their ids under "core:nav-page-ids")
NAV_DEPTH = 3  # root (1) -> home (2) -> sections (3)


def _menu_queryset():
    from wagtail.models import Page

    return Page.objects.filter(live=True, show_in_menus=True).only("title", "url_path", "path", "depth").order_by("path")


def navigation(request):
    if request.path.startswith(("/admin/", "/django-admin/")):
        return {}
    return {"nav_items": SimpleLazyObject(_menu_items)}


def _menu_items():
    items = cache.get(NAV_CACHE_KEY)
    if items is None:
        items = list(_menu_queryset().filter(depth=NAV_DEPTH))
        cache.set(NAV_CACHE_KEY, items, 3600)
    return items


def forget_navigation(sender=None, instance=None, **kwargs):
    """Signal receiver: drop the cached menu when a page at menu depth or above changes."""
    # a raw save (loading a fixture) may carry a specific page without its base row's depth
    depth = getattr(instance, "depth", None)
    if depth is None or depth <= NAV_DEPTH:
        cache.delete(NAV_CACHE_KEY)
