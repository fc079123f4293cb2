"""Queue again the emails that could not be delivered (kept in COA_EMAIL_UNDELIVERED_DIR).

    manage.py resend_email

Each kept message becomes a new `deliver_email` task with its tries counted from one; its
file is removed once the task is queued. Run it when the mail server works again.
"""

from django.core.management.base import BaseCommand

from core import outbox
from core.tasks import deliver_email


class Command(BaseCommand):
    help = "Queue again the emails that could not be delivered."

    def handle(self, *args, **options):
        paths = outbox.kept()
        for path in paths:
            deliver_email.enqueue(outbox.read_kept(path))
            path.unlink()
        self.stdout.write(self.style.SUCCESS(f"Queued {len(paths)} kept emails again."))
