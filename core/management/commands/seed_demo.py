from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = (
        "Build the Indonesian demo portal: 12 province hubs plus the national hub, agencies of "
        "every type, innovations with awards, tags and narrative text, news and events, and one "
        "account per role (printed at the end). Deterministic (--seed) and idempotent: a second "
        "run adds nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=2026, help="random seed (default 2026)")
        parser.add_argument("--base-innovations", type=int, default=300, help="innovations in the demo (default 300)")
        parser.add_argument("--if-empty", action="store_true", help="only build when no innovation exists yet; always print the accounts")

    def handle(self, *args, seed, base_innovations, if_empty, **options):
        from core.demo.builder import DEMO_PASSWORD, build_accounts, build_demo
        from hubs.models import HubPage
        from innovations.models import InnovationPage

        if base_innovations < 0:
            raise CommandError("--base-innovations tidak boleh negatif.")
        if if_empty and InnovationPage.objects.exists():
            self.stdout.write("Basis data sudah berisi data; demo tidak dibuat ulang.")
            hubs = {h.province.code: h for h in HubPage.objects.exclude(province=None).select_related("province")}
            accounts = build_accounts(hubs) if {"71", "35"} <= hubs.keys() else []
        else:
            result = build_demo(innovations=base_innovations, seed=seed, log=self.stdout.write)
            accounts = result["accounts"]
            self.stdout.write(self.style.SUCCESS(f"{result['hubs']} hub provinsi, {result['innovations_created']} inovasi baru."))
        self.stdout.write("\nAdmin: http://127.0.0.1:8000/admin/")
        for role, username in accounts:
            self.stdout.write(f"  {role:45} {username:20} {DEMO_PASSWORD}")
