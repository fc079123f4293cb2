"""Consensus studies in the Community impact report (core.reports' hook, registered in
wagtail_hooks): studies run, people who took part, statements agreed. Three counting
queries."""

from django.utils.translation import gettext_lazy as _

from core.reports import Figure

from .models import Participant, RoundStatement, Study


def consensus_figures():
    return [
        Figure(
            key="consensus_studies",
            label=_("Consensus studies run"),
            value=Study.objects.filter(rounds__closed_at__isnull=False).distinct().count(),
            help_text=_("Studies with at least one round closed."),
            order=100,
        ),
        Figure(
            key="consensus_participants",
            label=_("Members who rated statements in a consensus study"),
            value=Participant.objects.filter(withdrawn_at__isnull=True, ratings__isnull=False)
            .values("member")
            .distinct()
            .count(),
            help_text=_("Each member once, however many studies; not those who withdrew."),
            order=101,
        ),
        Figure(
            key="consensus_statements_agreed",
            label=_("Statements agreed in consensus studies"),
            value=RoundStatement.objects.filter(consensus=True, round__closed_at__isnull=False)
            .values("statement")
            .distinct()
            .count(),
            help_text=_("Statements that reached the study's rule for consensus in a round."),
            order=102,
        ),
    ]
