import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from intake.importer import ImportRefused, apply_plan, plan_import, rejected_rows_csv


class Command(BaseCommand):
    help = (
        "Import innovation records from a CSV, XLSX or JSON file in the schema of docs/import.md "
        "(KIPP/SINOVIK, IGA/IID, Labinov or a hub's own list). Every row is checked first; the "
        "import is all-or-nothing unless --skip-invalid is given, in which case the rejected rows "
        "and their reasons are written to FILE.ditolak.csv beside the input. Records are keyed by "
        "source programme and source identifier, so importing a file twice changes nothing; a "
        "record from a second programme with the same agency and a near-identical title is merged "
        "into the existing innovation. --dry-run prints the report and writes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="path of the .csv, .xlsx or .json file")
        parser.add_argument("--dry-run", action="store_true", help="check everything and print the report; write nothing")
        parser.add_argument(
            "--skip-invalid", action="store_true",
            help="import the valid rows; write the rejected ones with their reasons to FILE.ditolak.csv",
        )
        parser.add_argument("--no-progress", action="store_true", help="no progress bar (for logs)")

    def handle(self, *args, file, dry_run, skip_invalid, no_progress, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"Berkas tidak ditemukan: {path}")
        show = not no_progress and options.get("verbosity", 1) > 0
        bar = tqdm(total=None, desc="Memeriksa", unit=" baris", disable=not show, file=sys.stderr)

        def checked(done, total):
            bar.total = total
            bar.n = done
            bar.refresh()

        with path.open("rb") as handle:  # read as a stream
            plan = plan_import(handle, path.name, progress=checked)
        bar.close()
        self._report(plan)
        if plan.file_problem:
            raise CommandError(f"Berkas ditolak: {plan.file_problem}")
        if dry_run:
            if plan.problems:
                raise CommandError(
                    f"Uji coba: {len(plan.rejected_rows)} baris tidak sah. Tidak ada yang ditulis."
                )
            self.stdout.write(self.style.SUCCESS("Uji coba selesai: semua baris sah. Tidak ada yang ditulis."))
            return
        if plan.problems and not skip_invalid:
            raise CommandError(
                f"{len(plan.rejected_rows)} baris tidak sah; tidak ada yang diimpor. Perbaiki barisnya, "
                "atau jalankan dengan --skip-invalid untuk mengimpor baris yang sah saja."
            )
        bar = tqdm(total=len(plan.new), desc="Menulis", unit=" inovasi", disable=not show, file=sys.stderr)

        def written(done, total):
            bar.n = done
            bar.refresh()

        try:
            result = apply_plan(plan, skip_invalid=skip_invalid, progress=written)
        except ImportRefused as error:
            raise CommandError(str(error)) from None
        finally:
            bar.close()
        if plan.problems:
            rejected = path.with_name(path.name + ".ditolak.csv")
            rejected.write_text(rejected_rows_csv(plan), encoding="utf-8-sig")
            self.stdout.write(self.style.WARNING(
                f"{len(plan.rejected_rows)} baris ditolak; baris dan alasannya ditulis ke {rejected}"
            ))
        self.stdout.write(self.style.SUCCESS(
            f"Selesai: {len(result['created'])} inovasi baru, {len(plan.merges)} digabung ke inovasi yang ada, "
            f"{len(plan.unchanged)} sudah ada (tidak berubah)."
        ))

    def _report(self, plan):
        s = plan.summary()
        self.stdout.write(
            f"Berkas {s['berkas']}: {s['jumlah_baris']} baris — {s['baru']} baru, {s['digabung']} digabung, "
            f"{s['tidak_berubah']} sudah ada, {s['ditolak']} tidak sah."
        )
        if plan.problems:
            self.stdout.write("Masalah (baris | kolom | nilai | masalah):")
            for p in plan.problems[:200]:
                self.stdout.write(f"  {p.row} | {p.column} | {p.value[:60]} | {p.message}")
            if len(plan.problems) > 200:
                self.stdout.write(f"  … dan {len(plan.problems) - 200} masalah lainnya.")
        for column, counter in plan.unmatched.items():
            values = ", ".join(f"{value} ({n}x)" for value, n in counter.most_common(10))
            self.stdout.write(f"Tidak dikenal di kolom {column}: {values}")
        for candidate, _target, title in plan.merges[:200]:
            self.stdout.write(
                f"Digabung: baris {candidate.row} ({candidate.programme}:{candidate.identifier}) "
                f"“{candidate.page_fields['title']}” → “{title}”"
            )
