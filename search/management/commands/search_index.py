import time

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from innovations.models import InnovationPage
from search.service import get_engine, pages_follow_the_index


class Command(BaseCommand):
    help = (
        "Maintain the public search index. 'rebuild' re-reads every live innovation from the "
        "database in primary-key order, in chunks, into the configured engine (Elasticsearch "
        "builds a new index and swaps the alias, so search never goes dark; the embedded "
        "engine rebuilds its tables in one transaction per chunk), then checks that the index "
        "holds as many documents as the database has live innovations. 'status' prints the "
        "engine, its health and its document count."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["rebuild", "status"], help="what to do")
        parser.add_argument(
            "--chunk-size", type=int, default=1000,
            help="innovations read and indexed per chunk (default 1000; 1-20000)",
        )
        parser.add_argument("--no-progress", action="store_true", help="hide the progress bar")

    def handle(self, *args, action, chunk_size, no_progress, **options):
        engine = get_engine()
        if action == "status":
            self.stdout.write(f"engine: {engine.name}")
            for key, value in engine.health().items():
                self.stdout.write(f"{key}: {value}")
            return
        if not 1 <= chunk_size <= 20000:
            raise CommandError("--chunk-size harus antara 1 dan 20000.")
        expected = InnovationPage.objects.live().public().count()
        started = time.perf_counter()
        with tqdm(total=expected, unit="inovasi", disable=no_progress, desc="Membangun indeks") as bar:
            indexed = engine.rebuild(chunk_size=chunk_size, progress=bar.update)
        pages_follow_the_index()
        elapsed = time.perf_counter() - started
        in_index = engine.count()
        if indexed != expected or in_index != expected:
            raise CommandError(
                f"Jumlah tidak cocok: basis data {expected}, diindeks {indexed}, di indeks {in_index}."
            )
        self.stdout.write(
            self.style.SUCCESS(f"{in_index} inovasi diindeks oleh mesin {engine.name} dalam {elapsed:.1f} detik.")
        )
