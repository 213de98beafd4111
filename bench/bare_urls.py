"""The portal's URLs plus ``/bench-bare/``: a view that does nothing (see bench/bare_settings.py)."""
from django.http import HttpResponse
from django.urls import path
from django.views.decorators.cache import never_cache

from jippnas.urls import handler404, handler500  # noqa: F401
from jippnas.urls import urlpatterns as portal_urlpatterns


@never_cache
def bare(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench-bare/", bare), *portal_urlpatterns]
