"""The one line that tells a visitor a page shows demo text.

The default demo mixes public facts (KIPP awards, hub decrees) with generated text (narratives,
replications, PKRI answers, news, events). Innovation pages say per record which part is which
(``InnovationPage.demo_text``); the other pages that show generated content say it once, near
their title, whenever the portal holds the demo. A portal with only real data never shows it.
"""
from django.core.cache import cache
from django.utils.translation import gettext_lazy as _

CACHE_KEY = "core:demo-data-present"

#: what is generated on each kind of page, as the visitor reads it
NOTICES = {
    "katalog": _("Data demo: sebagian inovasi berasal dari data publik KIPP dan UNPSA, sebagian lagi contoh "
                 "buatan; halaman setiap inovasi menyebutkan yang mana."),
    "hub": _("Data demo: nama hub, SK penetapan, tahun dan unit koordinator berasal dari data publik; "
             "ringkasan, berita, agenda dan replikasinya adalah contoh buatan."),
    "berita": _("Data demo: berita ini adalah contoh buatan, bukan siaran resmi hub."),
    "agenda": _("Data demo: agenda ini adalah contoh buatan, bukan kegiatan yang benar-benar dijadwalkan."),
    "daftar-berita": _("Data demo: berita dan agenda di sini adalah contoh buatan, bukan siaran atau kegiatan "
                       "resmi hub."),
    "kompetisi": _("Data demo: edisi, proposal, nilai dan pengumuman kompetisi di sini adalah contoh buatan "
                   "untuk menunjukkan alurnya, bukan hasil KIPP yang sebenarnya."),
    "kematangan": _("Data demo: jawaban, verifikasi dan nilai kematangan hub di sini adalah contoh buatan; nama "
                    "hub dan SK penetapannya berasal dari data publik."),
    "replikasi": _("Data demo: replikasi, tanggal dan catatannya adalah contoh buatan; inovasi asal dan "
                   "penghargaannya berasal dari data publik KIPP."),
    "pkri": _("Data demo: siklus, jawaban dan nilai PKRI di sini adalah contoh buatan; inovasi yang dinilai "
              "dan penghargaannya berasal dari data publik KIPP."),
}


def portal_holds_demo_data():
    """Whether the demo was built here (its innovations carry ``demo_text``); cached, and
    forgotten by ``seed_demo`` after it builds."""
    present = cache.get(CACHE_KEY)
    if present is None:
        from innovations.models import InnovationPage

        present = InnovationPage.objects.exclude(demo_text="").exists()
        cache.set(CACHE_KEY, present, 300)
    return present


def forget():
    cache.delete(CACHE_KEY)
