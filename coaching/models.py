"""Coaching and mentoring for organisations putting trauma-informed care into practice.

- `CoachingRequest`: an organisation's request, made through the form on the site by anyone
  (a member or not). It gets a `reference` to quote and an email saying so. The core action
  group's editors work it in the admin through its statuses (new, matched, in progress,
  completed, or declined with a kind reason the organisation is told), and match a `coach`:
  a member with the coach role (core's `coach_organisations` permission, the Coaches group).
- `CoachingSession`: a session held, with its date, length and themes, recorded by the
  editors or the coach.
- `Feedback`: the short form the organisation fills in at the end, reached through the link
  in the email sent when the request is completed (`feedback_token`, not guessable).
"""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from members.models import Sector

#: Characters of a reference: no 0/O or 1/I/L, so it can be read out over the phone.
REFERENCE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def new_reference():
    return "COA-" + "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(6))


def new_feedback_token():
    return secrets.token_urlsafe(24)


class Format(models.TextChoices):
    ONLINE = "online", _("Online")
    IN_PERSON = "in_person", _("In person")
    EITHER = "either", _("Either suits us")


class Theme(models.TextChoices):
    LESSONS_LEARNT = "lessons_learnt", _("Lessons learnt")
    FRAMEWORKS_AND_TOOLS = "frameworks_and_tools", _("Frameworks and tools")
    QUICK_WINS = "quick_wins", _("Quick wins")
    LIVED_EXPERIENCE = "lived_experience", _("Involving people with lived experience")
    STAFF_WELLBEING = "staff_wellbeing", _("Staff wellbeing")
    LEADERSHIP = "leadership", _("Leadership and culture")


class CoachingRequest(ClusterableModel):
    class Status(models.TextChoices):
        NEW = "new", _("New")
        MATCHED = "matched", _("Matched with a coach")
        IN_PROGRESS = "in_progress", _("In progress")
        COMPLETED = "completed", _("Completed")
        DECLINED = "declined", _("Declined")

    reference = models.CharField(
        _("reference"), max_length=12, unique=True, default=new_reference, editable=False
    )
    organisation = models.CharField(_("organisation"), max_length=200)
    team = models.CharField(
        _("team or service"),
        max_length=200,
        blank=True,
        help_text=_("Optional: the team or service who would take part."),
    )
    sector = models.CharField(_("sector"), max_length=32, choices=Sector.choices)
    help_wanted = models.TextField(
        _("what you would like help with"),
        max_length=3000,
        help_text=_(
            "Where you are with trauma-informed care, and what you would like to change. "
            "A few sentences is plenty."
        ),
    )
    preferred_format = models.CharField(
        _("how you would like to meet"),
        max_length=16,
        choices=Format.choices,
        default=Format.EITHER,
    )
    # Blank only once erased (coaching.signal_handlers): the request form requires both.
    contact_name = models.CharField(_("your name"), max_length=150, blank=True)
    contact_email = models.EmailField(
        _("your email address"),
        blank=True,
        help_text=_("We send the reference and our reply here."),
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="coaching_requests",
        editable=False,
        help_text=_("The member who was signed in when it was sent, if anyone was."),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.NEW
    )
    coach = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("coach"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="coaching_matched",
    )
    decline_reason = models.TextField(
        _("why we cannot help this time"),
        blank=True,
        help_text=_(
            "Sent to the organisation. Please be kind and, where you can, say where else "
            "they might find help."
        ),
    )
    created_at = models.DateTimeField(_("received"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True, editable=False)
    feedback_token = models.CharField(
        max_length=64, unique=True, default=new_feedback_token, editable=False
    )
    feedback_requested_at = models.DateTimeField(
        _("feedback form sent"), null=True, blank=True, editable=False
    )

    class Meta:
        verbose_name = _("coaching request")
        verbose_name_plural = _("coaching requests")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.reference} – {self.organisation}"

    def clean(self):
        super().clean()
        errors = {}
        if self.status == self.Status.DECLINED and not self.decline_reason.strip():
            errors["decline_reason"] = _("Say kindly why we cannot help: it is sent to them.")
        if self.status in (self.Status.MATCHED, self.Status.IN_PROGRESS) and not self.coach_id:
            errors["coach"] = _("Choose the coach first.")
        if errors:
            raise ValidationError(errors)


class CoachingSession(models.Model):
    request = ParentalKey(
        CoachingRequest,
        verbose_name=_("request"),
        on_delete=models.CASCADE,
        related_name="sessions",
    )
    held_on = models.DateField(_("date"))
    minutes = models.PositiveSmallIntegerField(_("length in minutes"), default=60)
    themes = models.JSONField(_("themes"), default=list, blank=True)
    notes = models.TextField(
        _("notes"), blank=True, help_text=_("For the coach and the editors only.")
    )

    class Meta:
        verbose_name = _("coaching session")
        verbose_name_plural = _("coaching sessions")
        ordering = ["held_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(minutes__gte=1, minutes__lte=600),
                name="a_session_lasts_1_to_600_minutes",
            )
        ]

    def __str__(self):
        return f"{self.request.reference} – {self.held_on}"

    def theme_labels(self):
        labels = dict(Theme.choices)
        return [labels[theme] for theme in self.themes if theme in labels]


class Feedback(models.Model):
    class Helpful(models.IntegerChoices):
        NOT_AT_ALL = 1, _("Not at all helpful")
        A_LITTLE = 2, _("A little helpful")
        QUITE = 3, _("Quite helpful")
        VERY = 4, _("Very helpful")

    request = models.OneToOneField(
        CoachingRequest,
        verbose_name=_("request"),
        on_delete=models.CASCADE,
        related_name="feedback",
    )
    helpful = models.PositiveSmallIntegerField(
        _("how helpful was the coaching?"), choices=Helpful.choices
    )
    what_changed = models.TextField(
        _("what has changed for you since?"), max_length=3000, blank=True
    )
    could_be_better = models.TextField(_("what could we do better?"), max_length=3000, blank=True)
    would_recommend = models.BooleanField(
        _("would you recommend it to another organisation?"), null=True
    )
    submitted_at = models.DateTimeField(_("sent"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")

    def __str__(self):
        return str(_("Feedback on %(reference)s")) % {"reference": self.request.reference}
