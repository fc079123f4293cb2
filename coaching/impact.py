"""Coaching in the Community impact report (core.reports' hook, registered in
wagtail_hooks): organisations coached and sessions held. Two counting queries."""

from django.db.models import Q
from django.db.models.functions import Lower, Trim
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.reports import Figure

from .models import CoachingRequest, CoachingSession


def held_sessions(today=None):
    """Sessions dated today or earlier: a session planned for later has not been held."""
    return CoachingSession.objects.filter(held_on__lte=today or timezone.localdate())


def organisations_coached(today=None):
    """Organisations, each once however many requests they sent (by name, whatever its
    case or spacing), with a session held or a request completed."""
    coached = CoachingRequest.objects.filter(
        Q(status=CoachingRequest.Status.COMPLETED)
        | Q(pk__in=held_sessions(today).values("request"))
    )
    return coached.order_by().values(name=Lower(Trim("organisation"))).distinct().count()


def coaching_figures():
    return [
        Figure(
            key="organisations_coached",
            label=_("Organisations coached"),
            value=organisations_coached(),
            help_text=_(
                "Organisations with at least one coaching session held, or whose coaching "
                "is completed; each once, however many teams took part."
            ),
            order=120,
        ),
        Figure(
            key="coaching_sessions",
            label=_("Coaching sessions held"),
            value=held_sessions().count(),
            help_text=_("Sessions with organisations, up to today."),
            order=121,
        ),
    ]
