"""robots.txt and the sitemaps (paged: a large catalogue stays within search engines' limits)."""
from django.http import HttpResponse
from django.urls import reverse
from wagtail.contrib.sitemaps import Sitemap


class PortalSitemap(Sitemap):
    limit = 5000  # pages per sitemap file: each page of the sitemap stays quick to build


SITEMAPS = {"halaman": PortalSitemap}

DISALLOWED = ("/admin/", "/django-admin/", "/replikasi/saya/", "/replikasi/ajukan/", "/pkri/bukti/", "/cari/")


def robots(request):
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in DISALLOWED), "",
             f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
