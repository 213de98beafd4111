"""Write an edition's Top 99 and winners into the catalogue (``competitions.awards.write_awards``)."""
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from competitions.awards import write_awards
from competitions.models import Edition


class Command(BaseCommand):
    help = ("Give each announced Top 99 entry and winner of an edition its innovation page (the linked one, or a "
            "new draft under its hub) with its award records. Idempotent: running it again changes nothing; "
            "all or nothing: a failure leaves the catalogue as it was.")

    def add_arguments(self, parser):
        parser.add_argument("edition", help="the edition's slug, e.g. kipp-2025")

    def handle(self, *args, **options):
        try:
            edition = Edition.objects.get(slug=options["edition"])
        except Edition.DoesNotExist:
            raise CommandError(f"No edition with slug {options['edition']!r}") from None
        try:
            counts = write_awards(edition)
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from None
        self.stdout.write(f"{edition.name}: {counts['pages']} new draft pages, {counts['awards']} award records, "
                          f"{counts['linked']} proposals linked")
