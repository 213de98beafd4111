from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from innovations.models import AwardTier, InnovationPage
from pkri import rules

from ._cycle import get_cycle


class Command(BaseCommand):
    help = (
        "Siapkan siklus PKRI: salin instrumen siklus sebelumnya (atau pasang instrumen contoh) dan pilih "
        "lokus serta objek: inovasi yang meraih penghargaan pada --tahun dengan --tingkat, replikasinya yang "
        "sudah diimplementasikan, dan setiap instansi lokus. Dapat dijalankan ulang; objek yang ada tidak berubah."
    )

    def add_arguments(self, parser):
        parser.add_argument("year", type=int, help="tahun siklus, misalnya 2026")
        parser.add_argument("--tahun", type=int, nargs="+", default=[], help="tahun penghargaan, misalnya 2019 2021")
        parser.add_argument("--tingkat", nargs="+", default=[], help="slug tingkat penghargaan, misalnya top-45 top-99")
        parser.add_argument("--inovasi", type=int, nargs="+", default=[], help="id halaman inovasi yang dipilih satu per satu")

    def handle(self, year, tahun, tingkat, inovasi, **options):
        cycle = get_cycle(year)
        unknown = set(tingkat) - set(AwardTier.objects.filter(slug__in=tingkat).values_list("slug", flat=True))
        if unknown:
            raise CommandError(f"Tingkat penghargaan tidak dikenal: {', '.join(sorted(unknown))}")
        pages = list(InnovationPage.objects.filter(pk__in=inovasi))
        if len(pages) != len(set(inovasi)):
            raise CommandError("Sebagian id inovasi tidak ditemukan.")
        if not (tahun and tingkat) and not pages:
            raise CommandError("Pilih objek dengan --tahun dan --tingkat, atau --inovasi.")
        installed = rules.prepare_instruments(cycle)
        try:
            created = rules.choose_objects(cycle, years=tahun, tiers=tingkat, innovations=pages)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        for instrument in installed:
            self.stdout.write(f"Instrumen {instrument.get_group_display()}: {instrument.title}"
                              + (" (CONTOH, bukan kriteria resmi)" if instrument.is_example else ""))
        self.stdout.write(self.style.SUCCESS(
            f"Objek baru: {created['keberlanjutan']} keberlanjutan, {created['replikasi']} replikasi, "
            f"{created['pembina']} instansi pembina; lokus: {cycle.loci.count()}."))
