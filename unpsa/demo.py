"""Demo UNPSA: next year's cycle with its categories, and one nomination in preparation by the
national secretariat: a KIPP Top 45 innovation whose English texts are being written (title,
summary and background done, the rest still missing), not yet submitted to the UN.

The real past UNPSA winners (2015, 2018, 2019, 2024) are already in the demo catalogue as award
records, imported from core/demo/data/kipp/awards.csv; they are not copied here."""
import datetime

from django.contrib.auth import get_user_model
from django.db.models import Q

from innovations.models import InnovationAward, InnovationPage

from . import rules
from .models import Category, Cycle, Nomination

#: the UN's category names in its recent calls for nominations
CATEGORIES = [
    ("Fostering innovation to deliver inclusive and equitable services for all",
     "Mendorong inovasi untuk layanan yang inklusif dan berkeadilan bagi semua", False),
    ("Enhancing the effectiveness of public institutions to reach the SDGs",
     "Meningkatkan efektivitas institusi publik untuk mencapai TPB/SDGs", False),
    ("Promoting gender-responsive public services to achieve the SDGs",
     "Mendorong pelayanan publik responsif gender untuk mencapai TPB/SDGs", False),
]

#: the nominated innovation (a real KIPP 2023 Top 45 record) and its English texts so far
NOMINEE = "CEISA Barang Kiriman"
TITLE_EN = "CEISA Consignment Notes: fast, humane and accountable imports for Indonesian migrant workers"
SUMMARY_EN = (
    "Indonesian migrant workers send goods home to their families, and for years these parcels were held up "
    "at customs, taxed as commercial imports and tracked on paper. The Directorate General of Customs and "
    "Excise built a consignment note service into its CEISA customs system: a migrant worker registers once, "
    "parcels are declared online under a yearly duty-free allowance for workers abroad, and the family can "
    "follow each parcel until it is released. Clearance became faster, the allowance is applied the same way "
    "at every port, and complaints about parcels held without explanation fell."
)
BACKGROUND_EN = (
    "<p>Millions of Indonesians work abroad, many of them women in domestic work. Goods they sent home were "
    "often treated like any commercial shipment: families were asked for duties they could not understand, "
    "parcels waited at the port for weeks, and the rules were applied differently from one office to the "
    "next. Migrant workers and their associations raised these complaints repeatedly with the government.</p>"
)


def _nominee():
    """The real record when the demo holds it (the default size), else the best-ranked KIPP
    winner without any UNPSA award (the small demo the tests use)."""
    page = InnovationPage.objects.live().filter(Q(title__icontains=NOMINEE) | Q(acronym__iexact=NOMINEE)).first()
    if page is not None:
        return page
    unpsa = InnovationAward.objects.filter(tier__programme="unpsa").values("innovation_id")
    kipp_top = InnovationAward.objects.filter(tier__programme="kipp").exclude(tier__slug="top-99")
    return (InnovationPage.objects.live().filter(pk__in=kipp_top.values("innovation_id"))
            .exclude(pk__in=unpsa).order_by("-year_started", "pk").first())


def build_unpsa(log=lambda message: None, today=None):
    today = today or datetime.date.today()
    year = today.year + 1
    if Cycle.objects.filter(year=year).exists():
        return 0
    log("Membuat siklus dan nominasi UNPSA...")
    cycle = Cycle.objects.create(
        year=year, nominations_close=today + datetime.timedelta(days=21),
        note="Kategori menurut panggilan nominasi PBB (UN DESA); periksa kembali saat panggilan tahun ini terbit.",
    )
    for order, (name, name_id, special) in enumerate(CATEGORIES):
        Category.objects.create(cycle=cycle, name=name, name_id=name_id, special=special, sort_order=order)
    page = _nominee()
    admin = get_user_model().objects.filter(is_superuser=True).order_by("pk").first()
    if page is None or admin is None:
        return 0
    # written like the importer and PKRI write, without a revision (the demo's pages have none)
    InnovationPage.objects.filter(pk=page.pk).update(title_en=TITLE_EN, summary_en=SUMMARY_EN, background_en=BACKGROUND_EN)
    nomination = Nomination(innovation=page, cycle=cycle, category=cycle.categories.get(sort_order=0),
                            note="Terjemahan bagian implementasi, dampak dan keberlanjutan sedang dikerjakan "
                                 "bersama Bea Cukai; ajukan setelah lengkap.")
    rules.record_nomination(admin, nomination)
    return 1
