from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from api.views import api
from core import routing as core_routing
from core import views as core_views
from hubs import views as hub_views
from search import views as search_views

urlpatterns = [
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("dokumen/", include(wagtaildocs_urls)),
    path("cari/", search_views.search, name="search"),
    path("api/cari/saran/", search_views.autocomplete, name="search_autocomplete"),
    path("api/", api.urls),
    path("replikasi/", include("replication.urls")),
    path("pkri/", include("pkri.urls")),
    path("kompetisi/", include("competitions.urls")),
    path("klinik/", include("clinics.urls")),
    path("kematangan/", include("maturity.urls")),
    path("penetapan-hub/kesediaan/", hub_views.willingness, name="hub_willingness"),
    path("", include("opendata.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("bahasa/<str:code>/", core_views.switch_language, name="switch_language"),
    path("kesehatan/", core_views.health, name="health"),
    path("favicon.ico", core_views.favicon),
    path("aksesibilitas/", core_views.accessibility_statement, name="accessibility"),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail's front-end URLs, its page view wrapped to take the route remembered per cache
# generation (core/routing.py); its other views (password-protected pages) unchanged
urlpatterns += [path("", include([
    re_path(wagtail_urls.serve_pattern, core_routing.serve, name="wagtail_serve")
    if getattr(pattern, "name", None) == "wagtail_serve" else pattern
    for pattern in wagtail_urls.urlpatterns
]))]

handler404 = "core.views.page_not_found"
handler500 = "core.views.server_error"
