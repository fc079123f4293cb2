"""Reinstate every member whose suspension end date has passed, and email them.

    manage.py end_suspensions

Runs on a timer (see the README's "Timers"): django-tasks has no scheduler. Access does not
wait for it, since a suspension past its end date already counts as over
(`MemberProfile.access_standing`); this records the change, puts the person back in the
Members group, logs it with no user and sends the "open again" email. Safe to run as often
as you like: a membership already reinstated is left alone.
"""

from django.core.management.base import BaseCommand

from members.models import MemberProfile


class Command(BaseCommand):
    help = "Reinstate members whose suspension has ended, and email them."

    def handle(self, *args, **options):
        reinstated = not_notified = 0
        for profile in MemberProfile.objects.suspension_over().select_related("user"):
            decision = profile.reinstate(by=None, automatic=True)
            if decision.changed:
                reinstated += 1
                not_notified += not decision.notified
        self.stdout.write(f"Suspensions ended: {reinstated}.")
        if not_notified:
            self.stderr.write(
                f"{not_notified} of them could not be emailed: check the mail server settings."
            )
