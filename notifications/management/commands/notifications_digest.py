from django.core.management.base import BaseCommand

from notifications.services import digest_day, digests_create


class Command(BaseCommand):
    help = (
        "Send today's digest (Asia/Jakarta) to each person with digest notifications waiting: "
        "one per person per day, however many times this runs."
    )

    def handle(self, *args, **options):
        created = digests_create()
        self.stdout.write(f"{len(created)} digest(s) for {digest_day().isoformat()} queued.")
