"""The map of Indonesia shown on the home page, the hub index and the catalogue.

The page carries the figures (innovations per province, hubs and where they sit) as a table and
a small JSON island; ``static/js/province-map.js`` fetches the outlines
(``static/maps/indonesia-provinces.json``, built by ``scripts/build_province_map.py``) only when
the map scrolls into view and draws a choropleth whose provinces link to the catalogue filtered
by province. Without JavaScript the table, with the same links, is the map.
"""
from core import figures as stored_figures
from hubs.models import HubPage
from innovations.models import InnovationIndexPage
from regions.models import Province

#: count buckets of the choropleth (lower bounds); 0 has its own pale class
STEPS = (1, 5, 10, 25, 50)


def counts_by_province():
    """Live public innovations per province id, from the stored catalogue figures
    (core/figures.py: one small query, recomputed after each change)."""
    return stored_figures.counts_by_province()


def step_of(count):
    return sum(1 for low in STEPS if count >= low)


def map_context(request=None, counts=None, link=None):
    """Everything the map include needs, in a fixed number of queries. Other figures than
    innovations (e.g. a competition's proposals) pass ``counts`` {province id: n} and ``link``
    (where a province points, the same for all); by default provinces open the catalogue."""
    if counts is None:
        counts = counts_by_province()
        catalogue = InnovationIndexPage.objects.live().first()
        base = catalogue.get_url(request) if catalogue else "/inovasi/"
    else:
        base = None
    provinces = [
        {
            "code": p.code,
            "name": p.name,
            "slug": p.slug,
            "count": counts.get(p.pk, 0),
            "step": step_of(counts.get(p.pk, 0)),
            "url": f"{base}?provinsi={p.slug}" if base is not None else link,
        }
        for p in Province.objects.order_by("code").only("code", "name", "slug")
    ]
    hubs = []
    for hub in (
        HubPage.objects.live().public().select_related("province", "agency__province")
        .only("title", "url_path", "path", "depth", "province__code", "agency__province__code")
        .order_by("title")
    ):
        province = hub.province or (hub.agency.province if hub.agency else None)
        if province is not None:
            hubs.append({"title": hub.title, "url": hub.get_url(request), "code": province.code})
    return {
        "provinces": provinces,
        "hubs": hubs,
        "total": sum(counts.values()),
        "steps": STEPS,
    }
