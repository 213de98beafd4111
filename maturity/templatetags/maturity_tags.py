"""The maturity profile on a hub page, so ``hubs`` need not know about the instrument."""
from django import template

from .. import selectors
from ..models import Submission

register = template.Library()


@register.inclusion_tag("maturity/_hub_profile.html")
def hub_maturity(hub):
    published = list(Submission.objects.filter(hub=hub, status=Submission.Status.DIPUBLIKASIKAN)
                     .select_related("cycle").order_by("-cycle__year")[:2])
    if not published:
        return {"latest": None}
    latest = published[0]
    previous = published[1] if len(published) > 1 and published[1].cycle.year == latest.cycle.year - 1 else None
    return {"latest": latest, "bars": selectors.aspect_bars(latest),
            "change": None if previous is None else latest.total - previous.total}


#: score buckets of the maturity map (lower bounds of steps 1..5)
SCORE_STEPS = (1, 40, 55, 70, 85)


@register.inclusion_tag("core/_map.html", takes_context=True)
def maturity_map(context, rows):
    """The province map (``core/_map.html``) coloured by each province hub's published total;
    a province links to its hub page. ``rows`` are ``selectors.published`` rows."""
    from django.utils.translation import gettext as _

    from regions.models import Province

    request = context.get("request")
    by_province = {row.hub.province_id: row for row in rows if row.hub.province_id}
    provinces = []
    for province in Province.objects.order_by("code").only("code", "name", "slug"):
        row = by_province.get(province.pk)
        score = int(row.total) if row is not None else 0
        provinces.append({
            "code": province.code, "name": province.name, "slug": province.slug, "count": score,
            "step": sum(1 for low in SCORE_STEPS if score >= low),
            "url": row.hub.get_url(request) if row is not None else "",
        })
    hubs = [{"title": row.hub.title, "url": row.hub.get_url(request), "code": row.hub.province.code}
            for row in rows if row.hub.province_id]
    legend = [(i + 1, f"{low}–{SCORE_STEPS[i + 1] - 1}" if i + 1 < len(SCORE_STEPS) else f"{low}+")
              for i, low in enumerate(SCORE_STEPS)]
    return {
        "provinces": provinces, "hubs": hubs, "total": len(rows), "legend": legend, "heading_level": 2,
        "table_open": False, "map_title": _("Peta kematangan hub per provinsi"),
        "map_lead": _("Nilai total terverifikasi hub provinsi (0-100). Pilih provinsi untuk membuka halaman hubnya."),
        "table_summary": _("Tabel nilai kematangan hub per provinsi"), "count_heading": _("Nilai total"),
        "map_json": {"provinces": [{k: p[k] for k in ("code", "name", "count", "step", "url")} for p in provinces],
                     "hubs": hubs},
    }
