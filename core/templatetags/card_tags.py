"""Helpers of the innovation card (templates/_card.html)."""
from django import template

from innovations.illustrations import illustration_url

register = template.Library()


@register.simple_tag
def area_illustration(page):
    """URL of the service-area illustration for a card without a photo."""
    return illustration_url(page)
