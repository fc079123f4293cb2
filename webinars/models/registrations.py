"""Registrations (with the waiting list), personal calendar tokens and speakers'
involvement records: plain models, managed in the admin through views and viewsets.

This module does not import the page models (webinars.registration, which uses it, is
imported by them); it names them as "webinars.WebinarPage".
"""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .speakers import Speaker


class RegistrationQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(status=Registration.Status.CONFIRMED)

    def waiting(self):
        return self.filter(status=Registration.Status.WAITING).order_by("queued_at", "pk")

    def active(self):
        return self.exclude(status=Registration.Status.CANCELLED)


class Registration(models.Model):
    """One member's place (or place in the queue) for one webinar: one row per pair.

    The row is always on the default language's copy of the webinar (WebinarPage.
    registration_webinar), so a Welsh reader and an English one share one list. Cancelling
    keeps the row (status cancelled); registering again reuses it, at the back of the queue.
    """

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Has a place")
        WAITING = "waiting", _("On the waiting list")
        CANCELLED = "cancelled", _("Cancelled")

    webinar = models.ForeignKey(
        "webinars.WebinarPage",
        verbose_name=_("webinar"),
        on_delete=models.CASCADE,
        related_name="registrations",
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="webinar_registrations",
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices)
    created_at = models.DateTimeField(_("first registered"), default=timezone.now)
    # When the member last joined: the waiting list is served in this order.
    queued_at = models.DateTimeField(_("joined the list"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("place given"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminder sent"), null=True, blank=True)
    attended = models.BooleanField(_("attended"), null=True, blank=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            models.UniqueConstraint(
                fields=["webinar", "member"], name="webinars_one_registration_per_member"
            )
        ]
        indexes = [models.Index(fields=["webinar", "status", "queued_at"])]

    def __str__(self):
        return f"{self.member} – {self.webinar} ({self.get_status_display()})"

    @property
    def has_place(self):
        return self.status == self.Status.CONFIRMED

    @property
    def is_waiting(self):
        return self.status == self.Status.WAITING


def new_calendar_token():
    return secrets.token_urlsafe(24)


class CalendarToken(models.Model):
    """The secret in a member's personal calendar address (calendar apps send no cookies).

    Whoever has the address sees the member's registrations, so the member can reset it,
    which makes the old address stop working at once.
    """

    member = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="webinar_calendar_token",
    )
    token = models.CharField(max_length=64, unique=True, default=new_calendar_token)
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("personal calendar address")

    def __str__(self):
        return str(self.member)

    def reset(self):
        self.token = new_calendar_token()
        self.created_at = timezone.now()
        self.last_used_at = None
        self.save(update_fields=["token", "created_at", "last_used_at"])


class Involvement(models.Model):
    """A speaker's part in one webinar and what they were offered for it (editors only)."""

    class Part(models.TextChoices):
        SPEAKER = "speaker", _("Speaker")
        CHAIR = "chair", _("Chair")
        PANELLIST = "panellist", _("Panellist")
        CO_PRODUCER = "co_producer", _("Helped plan the session")

    class Payment(models.TextChoices):
        NOT_OFFERED = "not_offered", _("Not offered")
        OFFERED = "offered", _("Offered, no answer yet")
        ACCEPTED = "accepted", _("Offered and accepted")
        DECLINED = "declined", _("Offered and declined")

    webinar = models.ForeignKey(
        "webinars.WebinarPage",
        verbose_name=_("webinar"),
        on_delete=models.CASCADE,
        related_name="involvements",
    )
    speaker = models.ForeignKey(
        Speaker, verbose_name=_("speaker"), on_delete=models.CASCADE, related_name="involvements"
    )
    part = models.CharField(_("part"), max_length=16, choices=Part.choices, default=Part.SPEAKER)
    payment = models.CharField(
        _("payment"), max_length=16, choices=Payment.choices, default=Payment.OFFERED
    )
    fee = models.DecimalField(_("fee (£)"), max_digits=8, decimal_places=2, null=True, blank=True)
    expenses = models.DecimalField(
        _("expenses (£)"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    expenses_paid = models.BooleanField(_("expenses paid"), default=False)
    notes = models.TextField(_("notes"), blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("involvement record")
        verbose_name_plural = _("involvement records")
        ordering = ["-webinar__start", "speaker__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["webinar", "speaker", "part"], name="webinars_one_involvement_per_part"
            )
        ]

    def __str__(self):
        return f"{self.speaker} – {self.webinar} ({self.get_part_display()})"
