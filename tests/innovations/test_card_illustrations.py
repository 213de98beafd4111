"""Innovation cards without a photo show their service area's illustration (innovations.illustrations)."""
from pathlib import Path

import pytest
from django.conf import settings

from innovations.factories import InnovationPageFactory
from innovations.illustrations import DEFAULT, ILLUSTRATED
from innovations.models import Category
from tests.helpers import count_queries, make_image, soup_of

AREAS = Path(settings.BASE_DIR) / "static/img/areas"


def test_every_category_of_the_reference_list_has_its_own_light_illustration(db):
    slugs = set(Category.objects.values_list("slug", flat=True))
    assert slugs and slugs <= ILLUSTRATED
    for path in AREAS.glob("*.svg"):
        assert path.stat().st_size < 4_000, path
    assert (AREAS / f"{DEFAULT}.svg").exists()
    # distinct pictures, not one drawing recoloured
    assert len({path.read_bytes() for path in AREAS.glob("*.svg")}) == len(ILLUSTRATED) + 1


def _card_images(response):
    return {
        card.select_one("h3 a")["href"]: card.find("img")
        for card in soup_of(response).select("article.card")
    }


@pytest.mark.django_db
def test_a_card_without_photo_shows_its_areas_illustration_as_decoration(client, hub_a, agency_a):
    health, education = Category.objects.get(slug="kesehatan"), Category.objects.get(slug="pendidikan")
    sick = InnovationPageFactory(parent=hub_a, agency=agency_a, title="Posyandu Digital")
    sick.categories.set([health])
    sick.save_revision().publish()
    school = InnovationPageFactory(parent=hub_a, agency=agency_a, title="Sekolah Terbuka")
    school.categories.set([education])
    school.save_revision().publish()
    plain = InnovationPageFactory(parent=hub_a, agency=agency_a, title="Tanpa Kategori")
    photo = InnovationPageFactory(parent=hub_a, agency=agency_a, title="Dengan Foto", image=make_image("Foto"))
    photo.categories.set([health])
    photo.save_revision().publish()

    images = _card_images(client.get("/inovasi/"))
    assert images[sick.url]["src"].endswith("img/areas/kesehatan.svg")
    assert images[school.url]["src"].endswith("img/areas/pendidikan.svg")
    assert images[plain.url]["src"].endswith(f"img/areas/{DEFAULT}.svg")
    assert "img/areas/" not in images[photo.url]["src"]
    for page in (sick, school, plain):
        img = images[page.url]
        assert img["alt"] == "" and "card-illustration" in img["class"]  # decorative
        assert img["width"] == "480" and img["height"] == "320"


@pytest.mark.django_db
def test_illustrations_cost_no_query_per_card(client, hub_a, agency_a):
    categories = list(Category.objects.all())

    def add(n, start):
        for i in range(start, start + n):
            page = InnovationPageFactory(parent=hub_a, agency=agency_a, title=f"Inovasi {i}", slug=f"inovasi-{i}")
            page.categories.set([categories[i % len(categories)]])
            page.save_revision().publish()

    add(3, 0)
    client.get("/inovasi/")
    few = count_queries(client, "/inovasi/")[1]
    add(9, 3)
    client.get("/inovasi/")
    response, more = count_queries(client, "/inovasi/")
    assert len(_card_images(response)) == 12
    assert more == few
