from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from pkri import rules

from ._cycle import get_cycle


class Command(BaseCommand):
    help = (
        "Publikasikan hasil siklus PKRI: hitung nilai akhir, peringkat dan kategori, lalu perbarui status "
        "keberlanjutan dan tanggal verifikasi setiap inovasi yang dinilai (riwayatnya disimpan). Ditolak bila "
        "masih ada objek yang perlu moderasi. Hanya sekali per siklus."
    )

    def add_arguments(self, parser):
        parser.add_argument("year", type=int)

    def handle(self, year, **options):
        cycle = get_cycle(year)
        try:
            rules.publish(cycle)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        self.stdout.write(self.style.SUCCESS(f"{cycle.name} dipublikasikan: /pkri/{cycle.year}/"))
