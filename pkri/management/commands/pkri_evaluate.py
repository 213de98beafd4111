from django.core.management.base import BaseCommand

from pkri import rules
from pkri.models import AssessmentObject

from ._cycle import get_cycle


class Command(BaseCommand):
    help = (
        "Hitung nilai penilaian dokumen setiap objek PKRI yang diajukan, tandai perbedaan besar antarpenilai "
        "untuk moderasi, dan tetapkan objek yang diundang presentasi dan wawancara (nilai >= ambang siklus)."
    )

    def add_arguments(self, parser):
        parser.add_argument("year", type=int)

    def handle(self, year, **options):
        cycle = get_cycle(year)
        rules.evaluate_desk(cycle)
        objects = AssessmentObject.objects.filter(cycle=cycle, desk_total__isnull=False)
        flagged = objects.filter(flagged=True)
        for obj in flagged:
            self.stdout.write(self.style.WARNING(f"Perlu moderasi: {obj} (nilai dokumen {obj.desk_total})"))
        self.stdout.write(self.style.SUCCESS(
            f"{objects.count()} objek dinilai; {objects.filter(shortlisted=True).count()} diundang wawancara; "
            f"{flagged.count()} perlu moderasi."))
