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
