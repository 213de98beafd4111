"""Give a maturity cycle its questions: the previous year's, else the labelled examples."""
from django.core.management.base import BaseCommand, CommandError

from maturity.examples import install_instrument
from maturity.models import Cycle


class Command(BaseCommand):
    help = "Salin pertanyaan kematangan hub tahun sebelumnya (atau contoh) ke siklus YEAR."

    def add_arguments(self, parser):
        parser.add_argument("year", type=int)

    def handle(self, year, **options):
        cycle = Cycle.objects.filter(year=year).first()
        if cycle is None:
            raise CommandError(f"Siklus {year} tidak ada.")
        count = install_instrument(cycle)
        self.stdout.write(f"{count} pertanyaan dipasang pada siklus {year}.")
