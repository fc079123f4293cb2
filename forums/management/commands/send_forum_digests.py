"""Send today's forum digests. Run by a timer once a day (see the README)."""

from django.core.management.base import BaseCommand

from forums.tasks import send_daily_digests


class Command(BaseCommand):
    help = (
        "Email each member who chose a daily forum digest what is new for them "
        "(once a day: a second run the same day sends nothing again)."
    )

    def handle(self, *args, **options):
        sent = send_daily_digests()
        self.stdout.write(f"Forum digests sent: {sent}")
