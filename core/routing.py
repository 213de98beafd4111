"""Wagtail's page routing remembered per cache generation: one query to reach any page.

Serving a page makes Wagtail look the site up by host (one query) and walk the tree from the
site's root, one or two queries per path segment: five queries before an innovation's view
starts, and on a page rendered from stored fragments that walk is most of the request's
time. Which page a path leads to changes only when pages or sites change, and each such
change starts a new generation of the page cache (core/page_cache.py: ``wagtailcore`` and every
page app bump it on save, delete, publish, unpublish and move). So the route a path took is
kept in the shared cache under the current generation (the site, and the page's type and id),
and the next request for that path reads the page itself with one query. The page's own
``route()`` still runs on it, so a page unpublished meanwhile answers 404 as before.

Only routes that end *on* a page are kept (the page's URL path is the requested one): a path a
page resolves further itself (a ``RoutablePageMixin`` sub-route such as an innovation's
``cetak/``) is routed by Wagtail every time. Without a shared cache (``CACHE_IS_SHARED`` false, e.g. local memory behind several
processes) nothing is kept, since another process could not announce a change; nor with
``FRAGMENT_CACHE_SECONDS=0``, which keeps nothing per generation (the benchmarks' "cold").
"""
import hashlib

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.http import Http404
from wagtail import views as wagtail_views
from wagtail.models import Page, Site

from core import page_cache
from core.page_cache import generation

#: how long a remembered route may live at most; a new generation makes it unreachable anyway
ROUTE_SECONDS = 24 * 3600
_SITE_FIELDS = [field.attname for field in Site._meta.concrete_fields]


def _key(request, path):
    # hashed: a path may be long or hold characters a cache key should not (memcached's rules)
    where = hashlib.sha256(f"{request._get_raw_host()}|{request.get_port()}|{path}".encode()).hexdigest()
    return f"pagecache:route:{generation()[0]}:{where}"


def prime(request, path):
    """Set the site and the route on ``request`` from the shared cache, or work them out and
    remember them; Wagtail's ``serve`` then finds both already on the request."""
    if not settings.CACHE_IS_SHARED or not page_cache.fragment_seconds() or hasattr(request, "_wagtail_route_for_request"):
        return
    key = _key(request, path)
    remembered = page_cache.local_get(key)
    if remembered is None:
        remembered = cache.get(key)
        if remembered is not None:
            page_cache.local_set(key, remembered, ROUTE_SECONDS)
    if remembered is not None:
        site_values, content_type_id, page_id = remembered
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        page = None
        if model is not None:
            pages = model._default_manager.filter(pk=page_id)
            if getattr(model, "route_related", ()):  # as TypedChildRouteMixin reads it (core/visibility.py)
                pages = pages.select_related(*model.route_related)
            page = pages.first()
        if page is not None:
            request._wagtail_site = Site.from_db(None, _SITE_FIELDS, site_values)
            try:
                request._wagtail_route_for_request = page.route(request, [])
            except Http404:
                request._wagtail_route_for_request = None
            return
    result = Page.route_for_request(request, path)
    site = Site.find_for_request(request)
    if result is None or site is None:
        return
    page = result[0]
    root_path = site.root_page.url_path if "root_page" in site._state.fields_cache else None
    if root_path is None:
        root_path = Page.objects.filter(pk=site.root_page_id).values_list("url_path", flat=True).first()
    if root_path is None or page.url_path != root_path + path:
        return
    # the page's own route() with no path left gives the same result again (for a routable page,
    # its index view), so the type and id are enough; the site as its column values
    remembered = (tuple(getattr(site, name) for name in _SITE_FIELDS), page.content_type_id, page.pk)
    cache.set(key, remembered, ROUTE_SECONDS)
    page_cache.local_set(key, remembered, ROUTE_SECONDS)


def serve(request, path):
    """Wagtail's page view with the route read from the shared cache (GET and HEAD only: a
    form's POST takes Wagtail's own path)."""
    if request.method in ("GET", "HEAD"):
        prime(request, path)
    return wagtail_views.serve(request, path)
