"""The picture of an innovation card that has no photo: a flat illustration of its service area
(its category), drawn by scripts/build_area_illustrations.py into static/img/areas/. They are
static files (hashed and cached like the rest) and purely decorative: the card's title says
what the innovation is, so the <img> carries an empty alt."""
from pathlib import Path

from django.conf import settings
from django.templatetags.static import static

AREAS_DIR = "img/areas"
DEFAULT = "default"
#: category slugs that have their own illustration
ILLUSTRATED = frozenset(p.stem for p in (Path(settings.BASE_DIR) / "static" / AREAS_DIR).glob("*.svg")) - {DEFAULT}


def area_of(page):
    """The slug of the first of the page's categories that has an illustration, or ``default``.
    Reads ``page.categories.all()``, which ``InnovationPage.for_listing`` prefetches."""
    for category in page.categories.all():
        if category.slug in ILLUSTRATED:
            return category.slug
    return DEFAULT


def illustration_url(page):
    return static(f"{AREAS_DIR}/{area_of(page)}.svg")
