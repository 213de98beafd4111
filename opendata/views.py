"""robots.txt and the sitemaps (paged: a large catalogue stays within search engines' limits)."""
from django.core.files.storage import default_storage
from django.http import HttpResponse
from django.shortcuts import render
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.contrib.sitemaps import Sitemap

from core import tabular
from innovations.filters import CatalogueFilter
from innovations.models import InnovationPage
from search.base import FACET_FIELDS, SearchQuery
from search.query import clean_filters, clean_sort, clean_text
from search.service import get_engine

from . import dump, export


class PortalSitemap(Sitemap):
    limit = 5000  # pages per sitemap file: each page of the sitemap stays quick to build


SITEMAPS = {"halaman": PortalSitemap}

DISALLOWED = ("/admin/", "/django-admin/", "/replikasi/saya/", "/replikasi/ajukan/", "/pkri/bukti/", "/cari/", "/bahasa/")


def robots(request):
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in DISALLOWED), "",
             f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


# --- downloads ----------------------------------------------------------------------------------

#: an XLSX is built in memory before it is sent; bigger selections are CSV/JSON or the nightly dump
XLSX_LIMIT = 10_000
#: search results are fetched from the engine page by page; the best ones are what a person wants
SEARCH_LIMIT = 5_000


def _download(request, ids, fmt, filename, meta_extra):
    """``ids``: innovation ids in file order (already limited to live, public pages)."""
    base_url = request.build_absolute_uri("/")
    records = export.iter_records(ids, base_url)
    if fmt == "json":
        meta = export.dataset_meta(count=len(ids), **meta_extra)
        response = tabular.download(export.json_chunks(records, meta), fmt, filename, stream=True)
    elif fmt == "xlsx" and len(ids) > XLSX_LIMIT:
        return render(request, "opendata/too_big.html", {
            "count": len(ids), "limit": XLSX_LIMIT,
            "csv_url": request.get_full_path().replace(".xlsx", ".csv", 1),
            "page_title": _("Terlalu banyak untuk XLSX"),
        }, status=413)
    else:  # CSV streams; an XLSX is built whole
        response = tabular.table_download(fmt, export.LABELS, map(export.values, records), filename,
                                          title=export.SHEET, notes=export.NOTES, stream=True)
    response["X-Robots-Tag"] = "noindex"
    return response


def download_catalogue(request, fmt):
    """The catalogue (or any filtered view of it: same query string as /inovasi/)."""
    catalogue_filter = CatalogueFilter(request.GET)
    ids = list(catalogue_filter.apply(InnovationPage.objects.live().public()).values_list("pk", flat=True))
    name = "inovasi-jippnas" if not catalogue_filter.is_active else "inovasi-jippnas-terfilter"
    return _download(request, ids, fmt, name, {"filter": {k: v for k, v in catalogue_filter.selected.items() if v}})


def download_search(request, fmt):
    """The results of a search (same query string as /cari/), best first, up to SEARCH_LIMIT."""
    text = clean_text(request.GET.get("q"))
    filters = clean_filters({name: request.GET.getlist(name) for name in FACET_FIELDS if request.GET.getlist(name)})
    sort = clean_sort(request.GET.get("urutkan"), bool(text))
    ids = []
    if text or filters:
        engine, page = get_engine(), 1
        while len(ids) < SEARCH_LIMIT:
            results = engine.search(SearchQuery(text=text, filters=filters, sort=sort, page=page, per_page=100,
                                                facets=(), highlight=False))
            ids += [hit.id for hit in results.hits]
            if results.page * results.per_page >= results.total or not results.hits:
                break
            page += 1

    ids = ids[:SEARCH_LIMIT]
    live = set(InnovationPage.objects.live().public().filter(pk__in=ids).values_list("pk", flat=True))
    return _download(request, [pk for pk in ids if pk in live], fmt, "hasil-pencarian-jippnas", {"kata_kunci": text, "filter": filters})


def data_page(request):
    """/data/: the licence, the downloads, the nightly dumps, the API and the feeds."""
    dumps = [
        (day, [(fmt, default_storage_url(name), size) for fmt, (name, size) in sorted(files.items())])
        for day, files in dump.available()
    ]
    return TemplateResponse(request, "opendata/data.html", {
        "page_title": _("Data terbuka"), "count": InnovationPage.objects.live().public().count(),
        "dumps": dumps, "licence": export.LICENCE, "licence_url": export.LICENCE_URL,
        "columns": export.COLUMNS, "xlsx_limit": XLSX_LIMIT, "search_limit": SEARCH_LIMIT,
    })


def default_storage_url(name):
    return default_storage.url(name)
