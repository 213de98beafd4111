import sys

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from innovations.models import InnovationPage
from opendata.dump import dump_dataset


class Command(BaseCommand):
    help = (
        "Write the whole public catalogue as open data: opendata/jippnas-inovasi-YYYY-MM-DD.csv, "
        ".xlsx and .json in the media storage, listed on /data/. Celery beat runs it nightly "
        "(opendata.tasks.dump_dataset); run it by hand after a large import. Older dumps beyond "
        "--keep days are deleted."
    )

    def add_arguments(self, parser):
        parser.add_argument("--keep", type=int, default=7, help="how many days of dumps to keep (default 7)")
        parser.add_argument("--no-progress", action="store_true", help="no progress bar (for logs)")

    def handle(self, *args, keep, no_progress, **options):
        if keep < 1:
            raise CommandError("--keep minimal 1.")
        total = InnovationPage.objects.live().public().count()
        bar = tqdm(total=total, desc="Menulis", unit=" inovasi", file=sys.stderr,
                   disable=no_progress or options.get("verbosity", 1) == 0)
        names = dump_dataset(keep=keep, progress=bar.update)
        bar.close()
        for name in names:
            self.stdout.write(name)
        self.stdout.write(self.style.SUCCESS(f"Selesai: {total} inovasi dalam {len(names)} berkas."))
