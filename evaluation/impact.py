"""Narrative evaluations in the Community impact report (core.reports' hook, registered in
wagtail_hooks): stories told and members who told them. Two counting queries; only sent
stories count."""

from django.utils.translation import gettext_lazy as _

from core.reports import Figure

from .models import Response


def sent_stories():
    return Response.objects.filter(submitted_at__isnull=False)


def evaluation_figures():
    return [
        Figure(
            key="evaluation_narratives",
            label=_("Stories told in narrative evaluations"),
            value=sent_stories().count(),
            help_text=_("Stories sent with their tellers’ own reading of them."),
            order=110,
        ),
        Figure(
            key="evaluation_tellers",
            label=_("Members who told a story in a narrative evaluation"),
            value=sent_stories().values("respondent").distinct().count(),
            help_text=_("Each member once, however many stories or evaluations."),
            order=111,
        ),
    ]
