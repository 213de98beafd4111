from django.db import connection
from django.http import HttpResponsePermanentRedirect, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.utils.translation import gettext as _

from search.service import get_engine


def favicon(request):
    """/favicon.ico, which browsers ask for where a page names no icon (a JSON answer of the API,
    a file): the portal's icon instead of a 404 in every such page's console."""
    return HttpResponsePermanentRedirect(static("img/favicon.svg"))


def health(request):
    """Liveness for load balancers: 200 when the database answers (503 when not). The body also
    reports the search engine: "degraded" when Elasticsearch fails and the embedded engine answers."""
    status = {"database": "ok"}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception as exc:  # noqa: BLE001 -- reported, not hidden: the body says what failed
        status["database"] = f"error: {exc.__class__.__name__}"
        return JsonResponse({"status": "degraded", **status}, status=503)

    try:
        status["search"] = get_engine().health()
    except Exception as exc:  # noqa: BLE001 -- a health probe reports every failure
        status["search"] = {"ok": False, "error": exc.__class__.__name__}
    degraded = not status["search"].get("ok") or status["search"].get("degraded")
    # A search outage degrades the portal (the embedded engine answers) but the app server is
    # healthy, so the load balancer must keep it: 200 with status "degraded".
    return JsonResponse({"status": "degraded" if degraded else "ok", **status})


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    """Rendered without request context: no context processor (and so no database query) may
    fail while the error page is built, e.g. when the database is the thing that is down."""
    from django.http import HttpResponseServerError
    from django.template import loader

    if request.path.startswith("/api/"):
        # the API's contract is JSON, errors included (the message is fixed text: no database)
        return JsonResponse({"detail": str(_("Terjadi kesalahan pada server. Coba lagi nanti."))}, status=500)
    return HttpResponseServerError(loader.get_template("500.html").render())


def accessibility_statement(request):
    """Pernyataan Aksesibilitas: what was tested, how, and what is known not to work yet."""
    from django.template.response import TemplateResponse

    return TemplateResponse(request, "core/accessibility.html", {})


def switch_language(request, code):
    """The header's language links (``/bahasa/en/?next=/inovasi/``): remember the choice in the
    language cookie and return to the same page. A link rather than a POST form, so public pages
    carry no CSRF token and stay cacheable; the choice is a harmless preference, and ``next`` must
    be a path on this site (anything else returns home)."""
    from django.conf import settings
    from django.http import Http404, HttpResponseRedirect
    from django.utils.cache import add_never_cache_headers
    from django.utils.http import url_has_allowed_host_and_scheme

    if code not in dict(settings.LANGUAGES):
        raise Http404
    target = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                           require_https=request.is_secure()) or not target.startswith("/"):
        target = "/"
    response = HttpResponseRedirect(target)
    response.set_cookie(settings.LANGUAGE_COOKIE_NAME, code, max_age=settings.LANGUAGE_COOKIE_AGE,
                        path=settings.LANGUAGE_COOKIE_PATH, domain=settings.LANGUAGE_COOKIE_DOMAIN,
                        secure=settings.LANGUAGE_COOKIE_SECURE, httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
                        samesite=settings.LANGUAGE_COOKIE_SAMESITE)
    add_never_cache_headers(response)
    return response


def login_locked(request, original_response=None, credentials=None):
    """django-axes' answer to a locked-out login: an Indonesian page, HTTP 429. Every failure
    and the lockout itself are recorded by axes (Django admin: Axes) and logged here."""
    import logging

    from django.conf import settings

    from .client_ip import client_ip

    username = (credentials or {}).get(settings.AXES_USERNAME_FORM_FIELD) or request.POST.get("username", "")
    logging.getLogger("jippnas.security").warning(
        "Login locked out: username=%r address=%s path=%s", str(username)[:150], client_ip(request), request.path)
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "core/login_locked.html", {"lockout_minutes": minutes}, status=429)
