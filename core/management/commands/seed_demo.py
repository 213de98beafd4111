import sys
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from core.demo import notice as demo_notice
from core.demo.builder import DEMO_PASSWORD, build_accounts, build_demo
from core.demo.bulk import add_synthetic_innovations
from hubs.models import HubPage
from innovations.models import InnovationPage
from opendata import dump


class Command(BaseCommand):
    help = (
        "Build the Indonesian demo portal on the real KIPP/UNPSA records and Hub JIPP designations "
        "(core/demo/data/kipp), imported through the importer, filled up to --base-innovations with "
        "generated innovations, news and events, replications, PKRI cycles and one account per role "
        "(printed at the end). Deterministic (--seed) and idempotent: a second run adds nothing. "
        "With --innovations N it also adds N synthetic innovations for scale tests (100,000 take a few "
        "minutes; a progress bar shows how far it got); each run with --innovations adds N more."
    )

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=2026, help="random seed (default 2026)")
        parser.add_argument("--base-innovations", type=int, default=300, help="innovations in the demo, real records first (default 300)")
        parser.add_argument("--if-empty", action="store_true", help="only build when no innovation exists yet; always print the accounts")
        parser.add_argument(
            "--innovations", type=int, default=0, metavar="N",
            help="after the demo, add N synthetic innovations spread over all hubs (bulk inserts, in chunks)",
        )
        parser.add_argument(
            "--address", metavar="URL",
            help="the portal's address to print with the accounts (default: SITE_BASE_URL); `make run` passes the one it serves",
        )
        parser.add_argument("--chunk-size", type=int, default=2000, help="innovations per transaction in --innovations mode (default 2000)")

    def handle(self, *args, seed, base_innovations, if_empty, innovations, chunk_size, address=None, **options):
        if base_innovations < 0:
            raise CommandError("--base-innovations tidak boleh negatif.")
        if innovations < 0:
            raise CommandError("--innovations tidak boleh negatif.")
        if chunk_size < 1:
            raise CommandError("--chunk-size minimal 1.")
        verbosity = options.get("verbosity", 1)
        log = self.stdout.write if verbosity else (lambda message: None)
        if (if_empty or innovations) and InnovationPage.objects.exists():
            if if_empty:
                log("Basis data sudah berisi data; demo tidak dibuat ulang.")
            hubs = {h.province.code: h for h in HubPage.objects.exclude(province=None).select_related("province")}
            accounts = build_accounts(hubs) if {"71", "35"} <= hubs.keys() else []
        else:
            result = build_demo(innovations=base_innovations, seed=seed, log=log)
            demo_notice.forget()
            accounts = result["accounts"]
            log(self.style.SUCCESS(f"{result['hubs']} hub, {result['innovations_created']} inovasi baru."))

        if innovations:
            self._add_synthetic(innovations, seed, chunk_size, verbosity)

        if not dump.available():  # /data/ lists the nightly dumps: the first one need not wait a night
            names = dump.dump_dataset()
            log(f"Salinan data terbuka pertama: {', '.join(names)}")

        if verbosity:
            address = (address or settings.WAGTAILADMIN_BASE_URL).rstrip("/")
            self.stdout.write(f"\nAdmin: {address}/admin/")
            for role, username in accounts:
                self.stdout.write(f"  {role:45} {username:20} {DEMO_PASSWORD}")

    def _add_synthetic(self, count, seed, chunk_size, verbosity):
        started = time.perf_counter()
        with tqdm(total=count, unit=" inovasi", desc="Inovasi sintetis", file=sys.stderr,
                  disable=verbosity == 0, dynamic_ncols=True) as bar:
            added = add_synthetic_innovations(count, seed=seed, chunk_size=chunk_size, progress=bar.update)
        seconds = time.perf_counter() - started
        if verbosity:
            self.stdout.write(self.style.SUCCESS(
                f"{added} inovasi sintetis ditambahkan dalam {seconds:.1f} detik ({added / max(seconds, 1e-6):.0f}/detik)."
            ))
