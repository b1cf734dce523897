"""manage.py staff_import FILE [--dry-run]: the staff directory, all or nothing."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from accounts.staff_import import COLUMNS, staff_import


class Command(BaseCommand):
    help = (
        f"Import the staff directory from a CSV ({','.join(COLUMNS)}). A file with any bad row "
        "imports nothing, names every bad row by its line and exits 1; --dry-run only checks."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="check the file, write nothing")

    def handle(self, *args, file: Path, dry_run: bool, **options):
        try:
            data = file.read_bytes()
        except OSError as error:
            raise CommandError(f"{file}: {error.strerror}") from error
        report = staff_import(data=data, by=None, dry_run=dry_run)
        for error in report.errors:
            self.stderr.write(f"{file}: {error}")
        if not report.ok:
            raise CommandError(f"{len(report.errors)} problem(s) in {file}; nothing was imported.")
        verb = "would create" if dry_run else "created"
        self.stdout.write(
            f"{report.rows} rows: {verb} {report.created}, "
            f"{'would update' if dry_run else 'updated'} {report.updated}, "
            f"unchanged {report.unchanged}."
        )
