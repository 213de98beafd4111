"""``{% province_map %}``: the map of innovations per province (see core.province_map)."""
from django import template
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.province_map import map_context

register = template.Library()


@register.inclusion_tag("core/_map.html", takes_context=True)
def province_map(context, heading_level=2, table_open=True):
    """``table_open=False`` folds the table even without JavaScript (the home page, where a
    38-row table would push the innovations far down on a phone)."""
    return _with_legend(map_context(context.get("request")), heading_level, table_open)


@register.inclusion_tag("core/_map.html", takes_context=True)
def competition_map(context, counts, heading_level=2):
    """The same map of a competition's submitted proposals per province (``counts``
    {province id: n}); provinces point at the edition's per-province chart."""
    data = map_context(context.get("request"), counts=counts, link="#prov-title")
    data["map_title"] = _("Peta proposal per provinsi")
    data["map_lead"] = ngettext("%(n)s proposal diajukan dari provinsi.", "%(n)s proposal diajukan dari provinsi.",
                                data["total"]) % {"n": data["total"]}
    data["table_summary"] = _("Tabel jumlah proposal per provinsi")
    data["count_heading"] = _("Proposal")
    return _with_legend(data, heading_level, True)


def _with_legend(data, heading_level, table_open):
    data["heading_level"] = heading_level
    data["table_open"] = table_open
    steps = data["steps"]
    data["legend"] = [
        (i + 1, f"{low}–{steps[i + 1] - 1}" if i + 1 < len(steps) else f"{low}+") for i, low in enumerate(steps)
    ]
    data["map_json"] = {
        "provinces": [{k: p[k] for k in ("code", "name", "count", "step", "url")} for p in data["provinces"]],
        "hubs": data["hubs"],
    }
    return data
