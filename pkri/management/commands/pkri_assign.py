from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from pkri import rules

from ._cycle import get_cycle


class Command(BaseCommand):
    help = (
        "Tugaskan penilai ke objek PKRI yang sudah diajukan: setiap objek mendapat --per-objek penilai "
        "(sedikitnya dua) secara bergiliran, tidak pernah penilai dari instansi objek itu sendiri. "
        "Untuk tahap wawancara, hanya objek yang diundang wawancara. Semua atau tidak sama sekali."
    )

    def add_arguments(self, parser):
        parser.add_argument("year", type=int)
        parser.add_argument("--penilai", nargs="+", required=True, help="username para penilai")
        parser.add_argument("--per-objek", type=int, default=2, dest="per_object")
        parser.add_argument("--tahap", choices=["dokumen", "wawancara"], default="dokumen")

    def handle(self, year, penilai, per_object, tahap, **options):
        cycle = get_cycle(year)
        users = list(get_user_model().objects.filter(username__in=penilai, is_active=True))
        missing = set(penilai) - {u.username for u in users}
        if missing:
            raise CommandError(f"Penilai tidak ditemukan: {', '.join(sorted(missing))}")
        try:
            done = rules.assign_in_turn(cycle, users, per_object=per_object, stage=tahap)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        self.stdout.write(self.style.SUCCESS(f"{done} objek ditugaskan ({tahap})."))
