from django.core.management.base import BaseCommand

from regions.loader import load_regions
from regions.models import Province, Regency


class Command(BaseCommand):
    help = (
        "Load or refresh Indonesia's 38 provinces and 514 regencies/cities from the CSVs in "
        "regions/data (Kemendagri codes, ODbL). Safe to run again: rows are matched by code. "
        "Migrations already load them; use this after updating the CSVs."
    )

    def handle(self, *args, **options):
        provinces, regencies = load_regions(Province, Regency)
        self.stdout.write(
            self.style.SUCCESS(f"{provinces} provinsi dan {regencies} kabupaten/kota dimuat.")
        )
