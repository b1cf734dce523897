from django.core.management.base import BaseCommand, CommandError

from voting.services import vote_count_mismatches, vote_count_repair


class Command(BaseCommand):
    help = (
        "Report every idea whose stored vote_count differs from its votes; with --fix, repair "
        "them. Exits with status 1 when mismatches were found and not fixed."
    )

    def add_arguments(self, parser):
        parser.add_argument("--fix", action="store_true", help="repair the stored counts")

    def handle(self, *args, fix: bool = False, **options):
        mismatches = vote_count_mismatches()
        if not mismatches:
            self.stdout.write(self.style.SUCCESS("All vote counts agree with the votes."))
            return
        for mismatch in mismatches:
            line = f"idea {mismatch.idea_id}: stored {mismatch.stored}, votes {mismatch.counted}"
            if fix:
                repaired = vote_count_repair(idea_id=mismatch.idea_id)
                line += f" -> repaired to {repaired.counted}"
            self.stdout.write(line)
        if fix:
            self.stdout.write(self.style.SUCCESS(f"Repaired {len(mismatches)} idea(s)."))
        else:
            raise CommandError(
                f"{len(mismatches)} idea(s) disagree; run with --fix to repair.", returncode=1
            )
