"""Send the reminder emails due now. Run by a timer every 15 minutes (see the README)."""

from django.core.management.base import BaseCommand

from webinars.tasks import send_due_reminders


class Command(BaseCommand):
    help = "Email everyone with a place at a webinar starting within 24 hours (once each)."

    def handle(self, *args, **options):
        sent = send_due_reminders()
        self.stdout.write(f"Webinar reminders sent: {sent}")
