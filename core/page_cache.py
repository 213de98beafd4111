"""The full-page cache for anonymous visitors, kept in the shared cache (``CACHE_URL``: Redis in
production, local memory in the embedded set-up), and the HTTP headers a reverse proxy or CDN
needs to cache the same pages.

What is cached: a GET answered 200 to a visitor without a session or message cookie, when the
response sets no cookie, used no CSRF token (a page with a form never is) and does not say
``private``/``no-store``; it is served to GET and HEAD. The key is the address, the language and the
*generation*: one counter in the cache, bumped whenever something a public page may show
changes (a page saved, published, unpublished, moved or deleted; a taxonomy, agency or region
edited; a replication or PKRI change, which apps announce with ``innovations_changed``). A bump
makes every stored page unreachable at once, so no page can outlive a change it shows;
stored pages also expire after ``PAGE_CACHE_SECONDS`` (dates such as "upcoming events" move).

Whoever sends a session or message cookie (a signed-in editor, someone just logged out) is
never served from it and never fills it, and a signed-in user's response says
``Cache-Control: private, no-cache`` so no proxy keeps it either.
"""
import hashlib
import threading
import time
from collections import OrderedDict

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date

GENERATION_KEY = "pagecache:generation"
#: cookies that mean the page is personal: a session (signed in, or was) or pending messages
_PERSONAL_COOKIES = {"sessionid", "messages"}
_CACHEABLE_APPS = {"innovations", "news", "hubs", "core", "agencies", "regions", "replication", "pkri",
                   "wagtailcore", "wagtailimages", "taggit"}
#: rows written as people use the site that no public page shows
_IGNORED_MODELS = {"wagtailcore.revision", "wagtailcore.workflowstate", "wagtailcore.taskstate",
                   "wagtailcore.pagelogentry", "wagtailcore.modellogentry", "wagtailcore.pagesubscription",
                   "wagtailimages.rendition",
                   # agencies' and assessors' work in progress: public only once published, and
                   # publishing it announces itself (innovations_changed, Cycle)
                   "pkri.answer", "pkri.score", "pkri.reminder", "pkri.assignment",
                   "replication.notification", "agencies.agencymembership", "hubs.hubroles",
                   # written by the figures' own refresh, which starts a new generation itself
                   "core.storedfigures"}


def seconds():
    return int(getattr(settings, "PAGE_CACHE_SECONDS", 0) or 0)


def fragment_seconds():
    return int(getattr(settings, "FRAGMENT_CACHE_SECONDS", 0) or 0)


#: the generation read at the start of an anonymous GET, for the fragments and figures of the
#: same response (one cache read instead of one per part); forgotten after the response
_request_local = threading.local()


def generation():
    """The current generation: ``(number, unix time it began)``; started on first use."""
    value = getattr(_request_local, "generation", None)
    return value if value is not None else _read_generation()


def _read_generation():
    value = cache.get(GENERATION_KEY)
    if value is None:
        value = (int(time.time() * 1000), int(time.time()))
        cache.add(GENERATION_KEY, value, None)
        value = cache.get(GENERATION_KEY, value)
    return value


def _next_generation():
    number, _ = _read_generation()
    cache.set(GENERATION_KEY, (number + 1, int(time.time())), None)
    _request_local.generation = None


def next_generation():
    """Start a new generation now (what ``bump`` does twice)."""
    _next_generation()


def bump(*args, **kwargs):
    """Something a public page may show changed: every stored page is stale from now on, and
    again once the change commits (a page rendered meanwhile from the old rows is dropped too).
    The commit also queues a refresh of the stored catalogue figures (core/figures.py)."""
    from core import figures as stored_figures

    _next_generation()
    transaction.on_commit(_next_generation, robust=True)
    stored_figures.on_commit_refresh()


#: A process's own copy of entries whose key holds the generation (fragments, routes,
#: restricted sections): such a key's value never changes (a change starts a new generation,
#: read from the shared cache once per request), so repeating them here saves a round trip to
#: Redis each, several per page. Bounded in entries and value size, and an entry is kept here
#: at most ``LOCAL_SECONDS`` (so a fragment with dates in it lives at most that much longer
#: than its ``FRAGMENT_CACHE_SECONDS``). Every request gets the same object: only immutable
#: values (strings, tuples) or figures their callers never modify go here.
LOCAL_ENTRIES = 2000
LOCAL_MAX_CHARS = 200_000
LOCAL_SECONDS = 60
_local = OrderedDict()
_local_lock = threading.Lock()


def local_get(key):
    with _local_lock:
        item = _local.get(key)
        if item is None:
            return None
        value, expires = item
        if expires < time.monotonic():
            del _local[key]
            return None
        _local.move_to_end(key)
        return value


def local_set(key, value, seconds):
    if isinstance(value, str) and len(value) > LOCAL_MAX_CHARS:
        return
    with _local_lock:
        _local[key] = (value, time.monotonic() + min(seconds, LOCAL_SECONDS))
        _local.move_to_end(key)
        while len(_local) > LOCAL_ENTRIES:
            _local.popitem(last=False)


def forget_local():
    with _local_lock:
        _local.clear()


def remembered(key, seconds, compute, keep=None):
    """``compute()`` (an immutable value) under a generation-bearing ``key``: from this process's
    copy, else the shared cache, else computed and stored in both (unless ``keep(value)`` says
    not to: a value that must not outlive this request)."""
    value = local_get(key)
    if value is None:
        value = cache.get(key)
        if value is None:
            value = compute()
            if keep is not None and not keep(value):
                return value
            cache.set(key, value, seconds)
        local_set(key, value, seconds)
    return value


def figures(name, compute):
    """Figures several pages show (headline counts, charts) that cost a scan of the catalogue:
    kept in the shared cache under the current generation, so the same changes that refresh the
    pages refresh them. ``compute`` must return something picklable. Each process also keeps
    its own copy (``local_get``), shared by its requests: callers only read it."""
    ttl = fragment_seconds()
    if not ttl:
        return compute()
    key = f"pagecache:figures:{generation()[0]}:{name}"
    value = local_get(key)
    if value is None:
        value = cache.get(key)
        if value is None:
            value = compute()
            cache.set(key, value, ttl)
        local_set(key, value, ttl)
    return value


def fragment(name, vary, render, keep=None):
    """One part of a page (``render()`` returns its HTML) kept in the shared cache under the
    current generation and language, like :func:`figures`; ``vary`` lists what else it depends
    on (a page id, a query string); ``keep`` as in :func:`remembered`."""
    ttl = fragment_seconds()
    if not ttl:
        return render()
    raw = "|".join(str(v) for v in (translation.get_language(), *vary))
    key = f"pagecache:fragment:{generation()[0]}:{name}:{hashlib.sha256(raw.encode()).hexdigest()[:32]}"
    return remembered(key, ttl, render, keep)


def shares_parts(request):
    """Whether ``request`` may read and store shared parts of pages (fragments): an anonymous
    visitor without a session, not a preview. Signed-in users always get parts rendered fresh."""
    if request is None or getattr(request, "is_preview", False) or not _anonymous(request):
        return False
    return not getattr(getattr(request, "user", None), "is_authenticated", False)


def on_model_change(sender, **kwargs):
    meta = getattr(sender, "_meta", None)
    if meta is None or meta.app_label not in _CACHEABLE_APPS or meta.label_lower in _IGNORED_MODELS:
        return
    bump()


def _anonymous(request):
    """No session and no pending message: the page is the same for every such visitor (other
    cookies, a CDN's or an analytics one, change nothing the portal renders)."""
    personal = _PERSONAL_COOKIES | {settings.SESSION_COOKIE_NAME}
    return not personal.intersection(request.COOKIES)


def _key(request, number):
    language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
    raw = f"{request.get_host()}|{request.get_full_path()}|{language}"
    return f"pagecache:{number}:{hashlib.sha256(raw.encode()).hexdigest()}"


def _storable(request, response):
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False  # the page holds this visitor's CSRF token (a form): never for anyone else
    if not _anonymous(request) or getattr(getattr(request, "user", None), "is_authenticated", False):
        return False
    control = response.get("Cache-Control", "")
    return "private" not in control and "no-store" not in control and "no-cache" not in control


class PageCacheMiddleware:
    """Placed right after WhiteNoise, so a cached page costs one or two cache reads and no
    session, authentication or template work. See the module docstring for what it stores."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        ttl = seconds()
        if request.method not in ("GET", "HEAD") or not _anonymous(request) or request.path.startswith("/admin/"):
            response = self.get_response(request)
            self._headers(request, response, None)
            return response
        number, since = _request_local.generation = _read_generation()
        try:
            key = _key(request, number)
            cached = cache.get(key) if ttl else None
            if cached is not None:
                response = get_conditional_response(request, etag=cached.get("ETag"), response=cached)
                if response is not cached:
                    return response
                cached["X-Page-Cache"] = "hit"
                return cached
            response = self.get_response(request)
        finally:
            _request_local.generation = None
        self._headers(request, response, since)
        if ttl and request.method == "GET" and _storable(request, response):
            response["X-Page-Cache"] = "miss"
            cache.set(key, response, ttl)
        return response

    @staticmethod
    def _headers(request, response, since):
        user = getattr(request, "user", None)
        if getattr(user, "is_authenticated", False) or response.cookies and "sessionid" in response.cookies:
            patch_cache_control(response, private=True, no_cache=True)
            return
        if since is None or not _storable(request, response) or response.has_header("Cache-Control"):
            return
        patch_cache_control(response, public=True, max_age=getattr(settings, "PAGE_CACHE_MAX_AGE", 60))
        response.headers.setdefault("Last-Modified", http_date(since))
