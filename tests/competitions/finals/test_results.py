"""The national results page gathers the catalogue's KIPP awards of the years before the portal
ran its own editions, beside the winners of its announced editions, and counts each win once."""
import datetime

from django.urls import reverse

from competitions import awards
from innovations.factories import InnovationAwardFactory, InnovationPageFactory
from innovations.models import AwardTier


def test_earlier_kipp_awards_from_the_catalogue_are_listed_and_charted_once(client, hub_a, agency_a, agency_b, hub_b):
    top45 = AwardTier.objects.get(slug="top-45")
    top99 = AwardTier.objects.get(slug="top-99")
    winner = InnovationPageFactory(parent=hub_a, agency=agency_a, title="Sistem Antrean Puskesmas Terpadu")
    InnovationAwardFactory(innovation=winner, tier=top45, year=2019)
    shortlisted = InnovationPageFactory(parent=hub_b, agency=agency_b, title="Layanan Izin Usaha Keliling")
    InnovationAwardFactory(innovation=shortlisted, tier=top99, year=2019)
    hidden = InnovationPageFactory(parent=hub_b, agency=agency_b, title="Inovasi Belum Terbit", live=False)
    InnovationAwardFactory(innovation=hidden, tier=top45, year=2019)

    body = client.get(reverse("competitions:results")).content.decode()
    assert "Sistem Antrean Puskesmas Terpadu" in body and "2019" in body
    # Top 99 is a shortlist, not an award; an unpublished page is never shown
    assert "Layanan Izin Usaha Keliling" not in body and "Inovasi Belum Terbit" not in body
    assert awards.awards_per_province() == {"Sulawesi Utara": {2019: 1}}


def test_a_portal_winner_written_into_the_catalogue_counts_once(client, finals_edition, nominees, national_admin):
    from innovations.models import InnovationAward

    top45 = AwardTier.objects.get(slug="top-45")
    awards.fix_winners(national_admin, finals_edition, number="Keputusan MenPANRB 512/2025",
                       decided_on=datetime.date(2025, 10, 20), winners=[{"proposal": nominees[0].pk, "tier": top45.pk}])
    awards.announce_winners(national_admin, finals_edition)
    before = awards.awards_per_province()
    assert sum(n for by_year in before.values() for n in by_year.values()) == 1
    awards.write_awards(finals_edition)
    assert InnovationAward.objects.filter(year=finals_edition.year, tier=top45).count() == 1
    assert awards.awards_per_province() == before
