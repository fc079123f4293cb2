"""Ask tellers once a year if they still consent to their story being on the site, and flag
the unanswered for the editors. Run by a timer once a day (see the README)."""

from django.core.management.base import BaseCommand

from stories.consent_review import review_consent


class Command(BaseCommand):
    help = (
        "Email each teller whose consent is a year old to ask if they are still happy for "
        "their story to be on the site, and flag for the editors the questions unanswered "
        "after 30 days (a second run the same day asks and flags no one again)."
    )

    def handle(self, *args, **options):
        outcome = review_consent()
        self.stdout.write(
            f"Consent questions sent: {outcome.asked}; flagged for the editors: {outcome.flagged}"
        )
