"""Journey 7, at desktop and phone size: KIPP 2026 is moved to its uji publik (a setup step
through the rules' models in the demo site's own database); a panelist scores a finalist, a
visitor files an objection from the edition page, the organiser rejects it, fixes the winners
with the decree and announces them, and the winner shows its Top 45 on its innovation page and
under the search's award facet. axe checks the edition page with its winners."""
import json
import subprocess
from urllib.parse import quote_plus

import pytest

from .conftest import ROOT, axe_violations, login, new_page, shot

pytestmark = pytest.mark.e2e

EDITION = "/kompetisi/kipp-2026/"

#: run in the demo site's database: three passed proposals with live innovation pages become
#: the announced Top 99, the calendar moves to an open uji publik, and the first finalist's
#: interview (an hour ago) is given to panel and panel.dua
SETUP = """
import datetime, json
from django.contrib.auth import get_user_model
from django.utils import timezone
from competitions import finals
from competitions.models import Edition, Proposal, Status
today = timezone.localdate()
day = lambda n: today + datetime.timedelta(days=n)
edition = Edition.objects.get(slug="kipp-2026")
Edition.objects.filter(pk=edition.pk).update(
    registration_opens_on=day(-150), registration_closes_on=day(-120), admin_selection_closes_on=day(-110),
    evaluation_closes_on=day(-90), shortlist_announce_on=day(-60), presentation_closes_on=day(-20),
    verification_closes_on=day(-1), objection_closes_on=day(4), decree_on=day(15),
    shortlist_announced_at=timezone.now() - datetime.timedelta(days=60))
edition.refresh_from_db()
chosen = list(Proposal.objects.filter(edition=edition, innovation__live=True).exclude(status="draf")
              .order_by("pk")[:3])
Proposal.objects.filter(pk__in=[p.pk for p in chosen]).update(status=Status.TOP, selected=True)
User = get_user_model()
admin = User.objects.get(username="admin")
first = Proposal.objects.get(pk=chosen[0].pk)
interview = finals.schedule_interview(admin, first, starts_at=timezone.now() - datetime.timedelta(hours=1),
                                      online_url="https://zoom.us/j/2026")
finals.assign_panel(admin, interview, list(User.objects.filter(username__in=["panel", "panel.dua"])))
print(json.dumps({"pk": first.pk, "title": first.title, "other": chosen[1].title, "url": first.innovation.url,
                  "slug": first.innovation.slug}))
"""


def _prepare(site):
    done = subprocess.run([*site.manage, "shell", "-c", SETUP], env=site.env, cwd=ROOT, check=True,
                          capture_output=True, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_7_panel_scores_visitor_objects_organiser_decides_winner_on_its_page(journey_site, browser):
    site, size = journey_site, journey_site.viewport
    finalist = _prepare(site)
    title = finalist["title"]
    context, page = new_page(browser, size)
    try:
        for panelist in ("panel", "panel.dua"):
            context, page = new_page(browser, size)
            login(page, site, panelist)
            page.goto(site.url + EDITION + "panel/")
            page.get_by_role("link", name=title).click()
            selects = page.locator("select[id^='skor-']")
            for n in range(selects.count()):
                selects.nth(n).select_option("9")
            page.get_by_role("button", name="Simpan nilai wawancara").click()
            page.wait_for_load_state()
            assert "Nilai wawancara tersimpan." in page.locator(".messages").inner_text()
            shot(page, f"kompetisi-panel-{size}")
            context.close()

        context, page = new_page(browser, size)
        page.goto(site.url + EDITION + "#uji-publik")
        value = page.locator("#id_proposal option", has_text=finalist["other"]).get_attribute("value")
        page.select_option("#id_proposal", value)
        page.fill("#id_name", "Maria Tumbelaka")
        page.fill("#id_contact", "maria.tumbelaka@surel.id")
        page.fill("#id_evidence_text", "Layanan keliling ini hanya berjalan dua kali setahun, bukan setiap bulan "
                                       "seperti yang tertulis dalam proposal; jadwal di kelurahan kami kosong.")
        page.get_by_role("button", name="Kirim keberatan").click()
        page.wait_for_load_state()
        assert "Keberatan Anda diterima" in page.locator(".messages").inner_text()
        assert "maria.tumbelaka" not in page.content()
        shot(page, f"kompetisi-uji-publik-{size}")
        context.close()

        context, page = new_page(browser, size)
        login(page, site, "admin")
        page.goto(site.url + EDITION + "final/")
        assert "maria.tumbelaka@surel.id" in page.locator("#objection-title ~ article").first.inner_text()
        page.locator("#objection-title ~ article select[name=outcome]").first.select_option("ditolak")
        page.locator("#objection-title ~ article textarea[name=note]").first.fill("Jadwal bulanan tercatat di laporan kelurahan; keberatan tidak terbukti.")
        page.get_by_role("button", name="Putuskan").click()
        page.wait_for_load_state()
        assert "Keputusan atas keberatan dicatat." in page.locator(".messages").inner_text()
        page.fill("#id_number", "Keputusan Menteri PANRB Nomor 77 Tahun 2026")
        page.fill("#id_decided_on", "2026-11-30")
        page.select_option(f"#tingkat-{finalist['pk']}", label="Top 45 (45 tempat)")
        page.get_by_role("button", name="Tetapkan pemenang").click()
        page.wait_for_load_state()
        assert "Pemenang ditetapkan" in page.locator(".messages").inner_text()
        page.get_by_role("button", name="Umumkan pemenang").click()
        page.wait_for_load_state()
        assert "Pemenang diumumkan" in page.locator(".messages").inner_text()
        shot(page, f"kompetisi-penetapan-{size}")
        context.close()

        context, page = new_page(browser, size)
        page.goto(site.url + EDITION + "#pemenang")
        assert title in page.locator("#pemenang ~ .grid").first.inner_text()
        shot(page, f"kompetisi-pemenang-{size}")
        assert not axe_violations(page)
        page.goto(site.url + finalist["url"])
        main = page.locator("main").inner_text()
        assert "Top 45" in main and "Top 45 KIPP 2026" in main
        page.goto(site.url + "/cari/?penghargaan=top-45&q=" + quote_plus(title))
        assert title in page.locator("main").inner_text()
    finally:
        context.close()
