"""Demo UNPSA: next year's cycle with its categories, and one nomination in preparation by the
national secretariat: a running KIPP 2023 Top 45 innovation whose English texts are being written
(title, summary and background done, the rest still missing), not yet submitted to the UN.

The real past UNPSA winners (2015, 2018, 2019, 2024) are already in the demo catalogue as award
records, imported from core/demo/data/kipp/awards.csv; they are not copied here."""
import datetime

from django.contrib.auth import get_user_model

from innovations.models import InnovationAward, InnovationPage, SustainabilityStatus

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

#: the real KIPP 2023 Top 45 records the secretariat would put forward, in order of preference
#: (acronym, UN category index, English title, summary, background); the first that still runs
#: in the demo is nominated. Their English texts restate the public record; details are demo text.
NOMINEES = [
    ("PaDi UMKM", 0,
     "PaDi UMKM: a digital marketplace connecting small businesses with the purchasing of state-owned enterprises",
     ("State-owned enterprises buy goods and services worth a great deal every year, yet micro, small and medium "
     "enterprises found it hard to reach these buyers: tenders were scattered, requirements unclear and payment "
     "slow. The Ministry of State-Owned Enterprises opened PaDi UMKM, an online marketplace where small businesses "
     "list what they sell and state-owned enterprises place their smaller purchases with them directly, so that "
     "more of public spending reaches local producers across the country."),
     ("<p>Small businesses employ most of Indonesia's workforce, but few of them ever sold to a state-owned "
     "enterprise. Procurement was handled by each company on its own, small suppliers did not know where to "
     "offer their products, and many were discouraged by paperwork and by waiting months to be paid.</p>")),
    ("SIMBARA", 1,
     "SIMBARA: one information system for the mineral and coal trade across ministries and agencies",
     ("Mineral and coal sales were recorded separately by several ministries and agencies, which made it hard to "
     "check that royalties and export duties matched what was actually mined and shipped. SIMBARA brings the "
     "licensing, production, sales, shipping and payment data of the mineral and coal trade together across "
     "ministries and agencies, so that every shipment can be traced from the permit to the payment of state "
     "revenue and irregularities are found before the goods leave the port."),
     ("<p>Mineral and coal are a large source of state revenue. Each ministry and agency involved kept its own data, "
     "checks were done after the fact, and differences between what was mined, sold and paid for were "
     "discovered late or not at all.</p>")),
    ("CEISA Barang Kiriman", 0,
     "CEISA Consignment Notes: fast, humane and accountable imports for Indonesian migrant workers",
     ("Indonesian migrant workers send goods home to their families, and for years these parcels were held up "
     "at customs, taxed as commercial imports and tracked on paper. The Directorate General of Customs and "
     "Excise built a consignment note service into its CEISA customs system: a migrant worker registers once, "
     "parcels are declared online under a yearly duty-free allowance for workers abroad, and the family can "
     "follow each parcel until it is released."),
     ("<p>Millions of Indonesians work abroad, many of them women in domestic work. Goods they sent home were "
     "often treated like any commercial shipment: families were asked for duties they could not understand, "
     "parcels waited at the port for weeks, and the rules were applied differently from one office to the "
     "next.</p>")),
]

RUNNING = (SustainabilityStatus.BERLANJUT, SustainabilityStatus.BERLANJUT_PENGEMBANGAN)


def _nominee():
    """(page, nominee entry or None): the first preferred real record that still runs, else (the
    small demo the tests use) the best-ranked running KIPP winner without any UNPSA award, whose
    English texts are not written yet. Stopped innovations are not put forward."""
    running = InnovationPage.objects.live().filter(sustainability_status__in=RUNNING)
    for entry in NOMINEES:
        page = running.filter(acronym__iexact=entry[0]).first()
        if page is not None:
            return page, entry
    unpsa = InnovationAward.objects.filter(tier__programme="unpsa").values("innovation_id")
    kipp_top = InnovationAward.objects.filter(tier__programme="kipp").exclude(tier__slug="top-99")
    page = (running.filter(pk__in=kipp_top.values("innovation_id")).exclude(pk__in=unpsa)
            .order_by("-year_started", "pk").first())
    return page, None


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
    page, entry = _nominee()
    admin = get_user_model().objects.filter(is_superuser=True).order_by("pk").first()
    if page is None or admin is None:
        return 0
    category = cycle.categories.get(sort_order=entry[1] if entry else 0)
    if entry:
        # written like the importer and PKRI write, without a revision (the demo's pages have none)
        InnovationPage.objects.filter(pk=page.pk).update(title_en=entry[2], summary_en=entry[3], background_en=entry[4])
    nomination = Nomination(innovation=page, cycle=cycle, category=category,
                            note="Terjemahan bagian kebaruan, implementasi, dampak dan keberlanjutan sedang "
                                 "dikerjakan bersama instansi; ajukan setelah lengkap.")
    rules.record_nomination(admin, nomination)
    return 1
