"""Ask tellers once a year if they still consent to their story being on the site, flag the
unanswered for the editors, and delete stories retracted long enough ago
(stories.retention). Run by a timer once a day (see the README)."""

from django.core.management.base import BaseCommand

from stories.consent_review import review_consent
from stories.retention import delete_expired


class Command(BaseCommand):
    help = (
        "Email each teller whose consent is a year old to ask if they are still happy for "
        "their story to be on the site, and flag for the editors the questions unanswered "
        "after 30 days (a second run the same day asks and flags no one again); delete "
        "stories retracted 90 days ago or more."
    )

    def handle(self, *args, **options):
        outcome = review_consent()
        deleted = delete_expired()
        self.stdout.write(
            f"Consent questions sent: {outcome.asked}; flagged for the editors: "
            f"{outcome.flagged}; retracted stories deleted: {deleted}"
        )
