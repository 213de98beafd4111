"""Navigation shared by every public page: the home page's menu children.

Finding them means filtering ``wagtailcore_page`` on ``depth``, which has no index: with
100,000 innovation pages that scan took about 150 ms on every request. The ids of the menu
pages are therefore cached (they change only when a top-level page is published, unpublished,
moved or deleted, see ``forget_navigation``) and the pages are read by primary key.
"""
from django.core.cache import cache

NAV_CACHE_KEY = "core:nav-page-ids"
NAV_DEPTH = 3  # root (1) -> home (2) -> sections (3)


def _menu_queryset():
    from wagtail.models import Page

    return Page.objects.filter(live=True, show_in_menus=True).only("title", "url_path", "path", "depth").order_by("path")


def navigation(request):
    if request.path.startswith(("/admin/", "/django-admin/")):
        return {}
    ids = cache.get(NAV_CACHE_KEY)
    if ids is None:
        ids = list(_menu_queryset().filter(depth=NAV_DEPTH).values_list("pk", flat=True))
        cache.set(NAV_CACHE_KEY, ids, 3600)
    return {"nav_items": list(_menu_queryset().filter(pk__in=ids)) if ids else []}


def forget_navigation(sender=None, instance=None, **kwargs):
    """Signal receiver: drop the cached menu when a page at menu depth or above changes."""
    # a raw save (loading a fixture) may carry a specific page without its base row's depth
    depth = getattr(instance, "depth", None)
    if depth is None or depth <= NAV_DEPTH:
        cache.delete(NAV_CACHE_KEY)
