"""``{% competition_path page %}``: an innovation's road through competitions (regional
winner → KIPP Top 99 → Top 45), from ``competitions.awards.path_of``."""
from django import template

register = template.Library()


@register.inclusion_tag("competitions/_path.html")
def competition_path(page):
    from competitions.awards import path_of

    return {"road": path_of(page)}
