"""The consensus studies' timer: fix the statements of every round whose opening time has
come, then close every round past its closing time and store its results. Run it every few
minutes; running it again changes nothing (consensus.rounds)."""

from django.core.management.base import BaseCommand

from consensus import rounds


class Command(BaseCommand):
    help = "Open the consensus rounds whose time has come, and close those whose time is up."

    def handle(self, *args, **options):
        opened = rounds.open_due_rounds()
        closed = rounds.close_due_rounds()
        self.stdout.write(f"Rounds opened: {opened}")
        self.stdout.write(f"Rounds closed, their results stored: {closed}")
