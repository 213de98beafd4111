"""Search-backed sections for pages of other apps ("Inovasi serupa" on an innovation page), so
those apps need not know about the search engine. An engine failure only hides the section."""
import logging

from django import template

from hubs.membership import attach_hubs
from innovations.models import InnovationPage

from ..similar import stored

logger = logging.getLogger(__name__)
register = template.Library()


def similar_to(page, limit=4):
    """The live, public innovations closest to ``page`` (stored when it was indexed, see
    ``search.similar``), best first, with their hubs attached; empty when the engine fails."""
    try:
        ids = stored(page.pk, limit)
    except Exception:
        logger.warning("Similar innovations unavailable for %s", page.pk, exc_info=True)
        return []
    pages = {p.pk: p for p in InnovationPage.for_listing(InnovationPage.objects.live().public().filter(pk__in=ids))}
    return attach_hubs([pages[i] for i in ids if i in pages])


@register.inclusion_tag("search/_similar_innovations.html", takes_context=True)
def similar_innovations(context, page, limit=4):
    return {"request": context.get("request"), "similar": similar_to(page, limit)}
