from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from ._cycle import get_cycle


class Command(BaseCommand):
    help = (
        "Tugaskan penilai ke objek PKRI yang sudah diajukan: setiap objek mendapat --per-objek penilai "
        "(sedikitnya dua) secara bergiliran, tidak pernah penilai dari instansi objek itu sendiri. "
        "Untuk tahap wawancara, hanya objek yang diundang wawancara."
    )

    def add_arguments(self, parser):
        parser.add_argument("year", type=int)
        parser.add_argument("--penilai", nargs="+", required=True, help="username para penilai")
        parser.add_argument("--per-objek", type=int, default=2, dest="per_object")
        parser.add_argument("--tahap", choices=["dokumen", "wawancara"], default="dokumen")

    def handle(self, year, penilai, per_object, tahap, **options):
        from agencies.models import agency_for_user
        from pkri import rules
        from pkri.models import AssessmentObject, ObjectStatus

        cycle = get_cycle(year)
        if per_object < rules.MIN_ASSESSORS:
            raise CommandError(f"Setiap objek dinilai sedikitnya {rules.MIN_ASSESSORS} penilai.")
        users = list(get_user_model().objects.filter(username__in=penilai, is_active=True))
        missing = set(penilai) - {u.username for u in users}
        if missing:
            raise CommandError(f"Penilai tidak ditemukan: {', '.join(sorted(missing))}")
        objects = AssessmentObject.objects.filter(cycle=cycle, status=ObjectStatus.DIAJUKAN).select_related("locus")
        if tahap == "wawancara":
            objects = objects.filter(shortlisted=True)
        turn, done = 0, 0
        for obj in tqdm(list(objects), desc="Penugasan", disable=options.get("verbosity", 1) == 0):
            eligible = [u for u in users if getattr(agency_for_user(u), "pk", None) != obj.locus.agency_id]
            if len(eligible) < per_object:
                raise CommandError(f"Penilai yang bukan dari instansi {obj.locus.agency} kurang dari {per_object}.")
            chosen = [eligible[(turn + i) % len(eligible)] for i in range(per_object)]
            turn += 1
            try:
                rules.assign(obj, chosen, stage=tahap)
            except ValidationError as error:
                raise CommandError(f"{obj}: {' '.join(error.messages)}") from None
            done += 1
        self.stdout.write(self.style.SUCCESS(f"{done} objek ditugaskan ({tahap})."))
